package rules

// Error-handling rules (analyzers/errors), in their own file like every rule family; catalog.go loads
// errorRules with the rest.

// LeaksErrorDetails reports a caught error's message, stack, metadata or the raw error object reaching a
// response body or a Server Action's return value.
var LeaksErrorDetails = &Rule{
	ID:               "errors/leaks-error-details",
	Name:             "LeaksErrorDetails",
	Title:            "Error details sent to the client",
	Severity:         Warning,
	Tags:             []string{"security", "error-handling", "information-disclosure"},
	CWE:              209,
	SecuritySeverity: "5.3",
	Precision:        "high",
}

// SwallowedNavigation reports a Next.js navigation call (redirect, notFound, …) inside a try whose catch
// does not rethrow it, so the navigation never happens.
var SwallowedNavigation = &Rule{
	ID:        "errors/swallowed-navigation",
	Name:      "SwallowedNavigation",
	Title:     "Next.js navigation call swallowed by a catch",
	Severity:  Error,
	Tags:      []string{"correctness", "nextjs", "error-handling"},
	CWE:       396,
	Precision: "high",
}

// UnhandledError reports an endpoint whose awaited fallible operations (database calls, outbound requests,
// request body parsing, paid API calls) run outside any try/catch or error-handling wrapper. Its default
// severity is note; findings where the unhandled operation is a write or an external side effect are
// warnings.
var UnhandledError = &Rule{
	ID:        "errors/unhandled-error",
	Name:      "UnhandledError",
	Title:     "Endpoint without error handling",
	Severity:  Note,
	Tags:      []string{"reliability", "error-handling", "nextjs"},
	CWE:       755,
	Precision: "medium",
}

var errorRules = []*Rule{LeaksErrorDetails, SwallowedNavigation, UnhandledError}
