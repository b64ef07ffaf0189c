package rules

// Authentication rules (analyzers/auth). Kept in their own file so that rule families can be added
// without touching each other's declarations; catalog.go loads authRules with the rest.

// MissingAuth reports a route handler or Pages API endpoint that performs a sensitive operation with no
// authentication on the path to it.
var MissingAuth = &Rule{
	ID:               "auth/missing-auth",
	Name:             "MissingAuth",
	Title:            "Sensitive endpoint without authentication",
	Severity:         Error,
	Tags:             []string{"security", "auth", "nextjs"},
	CWE:              306,
	SecuritySeverity: "8.6",
	Precision:        "high",
}

// ActionMissingAuth reports a Server Action that performs a sensitive operation without authenticating
// the caller itself.
var ActionMissingAuth = &Rule{
	ID:               "auth/action-missing-auth",
	Name:             "ActionMissingAuth",
	Title:            "Server Action without authentication",
	Severity:         Error,
	Tags:             []string{"security", "auth", "nextjs", "server-actions"},
	CWE:              306,
	SecuritySeverity: "8.6",
	Precision:        "high",
}

// UnverifiedWebhook reports a webhook endpoint that acts on a request without verifying its signature.
var UnverifiedWebhook = &Rule{
	ID:               "auth/unverified-webhook",
	Name:             "UnverifiedWebhook",
	Title:            "Webhook handled without signature verification",
	Severity:         Error,
	Tags:             []string{"security", "auth", "webhooks"},
	CWE:              345,
	SecuritySeverity: "8.1",
	Precision:        "high",
}

// ServerOnlyExports reports exports of a 'use server' module that are not meant to be actions.
var ServerOnlyExports = &Rule{
	ID:               "auth/server-only-exports",
	Name:             "ServerOnlyExports",
	Title:            "Helper exported from a 'use server' module",
	Severity:         Warning,
	Tags:             []string{"security", "nextjs", "server-actions"},
	CWE:              749,
	SecuritySeverity: "5.3",
	Precision:        "medium",
}

var authRules = []*Rule{ActionMissingAuth, MissingAuth, ServerOnlyExports, UnverifiedWebhook}
