// Package rules is archlint's rule catalog: one declaration per rule, from which the `rules` and `explain`
// commands, the SARIF rule descriptors and the README rule table are all derived.
//
// A rule's prose (its help, and the good and bad examples that the catalog-wide test executes) lives in one
// Markdown file embedded from help/<category>/<name>.md. The catalog never detects anything: analyzers do,
// and they report against the *Rule values declared here.
//
// Rule IDs are `category/name` in kebab case and stable forever. A renamed rule keeps its old ID in Aliases;
// a retired ID moves to Retired and is never reused (TestRetiredIDsNotReused enforces it).
package rules

import (
	"fmt"
	"strings"
)

// Severity is how serious a finding is. The zero value is not a valid severity.
type Severity int

// The severities, ordered so that a larger value is more severe.
const (
	Note Severity = iota + 1
	Warning
	Error
)

// String returns the lower-case name used on the command line, in text output and as the SARIF level
// ("note", "warning", "error").
func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity parses "error", "warning" (or "warn") and "note" (or "info").
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "note", "info":
		return Note, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or note)", s)
}

// Rule is the catalog entry for one rule.
type Rule struct {
	// ID is `category/name`, stable forever.
	ID string
	// Name is a PascalCase friendly name (SARIF `name`).
	Name string
	// Title is a sentence-case summary without a trailing period, at most 60 characters.
	Title string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Tags are short labels (at most 10) such as "security" or "nextjs".
	Tags []string
	// CWE is the CWE number that fits the rule, or 0.
	CWE int
	// SecuritySeverity is GitHub's security-severity score ("0.1" to "10.0") for security rules, "" otherwise.
	SecuritySeverity string
	// Precision is SARIF's precision: "very-high", "high", "medium" or "low".
	Precision string
	// Aliases are former IDs of this rule that configuration and suppressions still accept.
	Aliases []string

	// doc is the parsed help file; filled in by the catalog at package initialisation.
	doc *Doc
}

// Category returns the part of the ID before the slash ("auth" for "auth/missing-auth").
func (r *Rule) Category() string {
	cat, _, _ := strings.Cut(r.ID, "/")
	return cat
}

// Help returns the rule's full help in Markdown.
func (r *Rule) Help() string { return r.doc.Markdown }

// Summary returns the first paragraph of the help, as plain text (SARIF fullDescription).
func (r *Rule) Summary() string { return r.doc.Summary }

// Examples returns the rule's bad and good examples, as declared in its help file.
func (r *Rule) Examples() []Example { return r.doc.Examples }

// HelpURI returns the address of the rule's documentation page.
func (r *Rule) HelpURI() string {
	return DocsBaseURI + "/" + HelpPath(r.ID)
}

// HelpPath is the repository-relative path of a rule's help file.
func HelpPath(id string) string { return "rules/help/" + id + ".md" }

// DocsBaseURI is where the rules' help files are published.
const DocsBaseURI = "https://github.com/archlint/archlint/blob/main"

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < Note || s > Error {
		return nil, fmt.Errorf("invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
