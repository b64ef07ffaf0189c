package rules

// Input validation and rate-limiting rules (analyzers/validation, analyzers/ratelimit); catalog.go loads
// inputRules with the rest.

// MissingRateLimit reports an endpoint that needs a rate limiter and has none on its path.
var MissingRateLimit = &Rule{
	ID:               "ratelimit/missing-rate-limit",
	Name:             "MissingRateLimit",
	Title:            "Abusable endpoint without a rate limit",
	Severity:         Warning,
	Tags:             []string{"security", "rate-limit", "abuse"},
	CWE:              770,
	SecuritySeverity: "5.3",
	Precision:        "medium",
}

// UnvalidatedInput reports request data reaching a sink without schema validation.
var UnvalidatedInput = &Rule{
	ID:               "validation/unvalidated-input",
	Name:             "UnvalidatedInput",
	Title:            "Request data reaches a sink without validation",
	Severity:         Warning,
	Tags:             []string{"security", "validation", "nextjs"},
	CWE:              20,
	SecuritySeverity: "6.5",
	Precision:        "medium",
}

// UncheckedSafeParse reports a safeParse result used without checking success.
var UncheckedSafeParse = &Rule{
	ID:        "validation/unchecked-safe-parse",
	Name:      "UncheckedSafeParse",
	Title:     "Zod safeParse result used without checking success",
	Severity:  Warning,
	Tags:      []string{"validation", "correctness", "zod"},
	CWE:       252,
	Precision: "high",
}

// MassAssignment reports request data passed whole as Prisma data.
var MassAssignment = &Rule{
	ID:               "validation/mass-assignment",
	Name:             "MassAssignment",
	Title:            "Request data written whole into a Prisma model",
	Severity:         Error,
	Tags:             []string{"security", "validation", "prisma"},
	CWE:              915,
	SecuritySeverity: "8.1",
	Precision:        "high",
}

var inputRules = []*Rule{MissingRateLimit, UnvalidatedInput, UncheckedSafeParse, MassAssignment}
