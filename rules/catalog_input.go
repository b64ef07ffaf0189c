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

var inputRules = []*Rule{MissingRateLimit}
