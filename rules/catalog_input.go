package rules

// Input validation and rate-limiting rules (analyzers/validation, analyzers/ratelimit); catalog.go loads
// inputRules with the rest.

var inputRules = []*Rule{}
