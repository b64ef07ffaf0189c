package rules

// Error-handling rules (analyzers/errors), in their own file like every rule family; catalog.go loads
// errorRules with the rest.

var errorRules = []*Rule{}
