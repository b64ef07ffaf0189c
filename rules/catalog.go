package rules

import (
	"embed"
	"fmt"
	"sort"
	"strings"
)

// The catalog. Keep declarations sorted by ID within each category; All() sorts anyway.
//
// Adding a rule: declare it here, add it to `declared`, write rules/help/<id>.md with a summary and at least
// one Bad and one Good example, then `go test ./rules/ -update` regenerates the README rule table.

// FloatForMoney reports a Prisma Float field whose name says it holds money.
var FloatForMoney = &Rule{
	ID:        "prisma/float-for-money",
	Name:      "FloatForMoney",
	Title:     "Money stored in a Float field",
	Severity:  Warning,
	Tags:      []string{"prisma", "schema", "correctness"},
	CWE:       1339,
	Precision: "medium",
}

// MissingFKIndex reports a Prisma relation whose foreign key columns no index starts with, on a database
// that does not index foreign keys by itself.
var MissingFKIndex = &Rule{
	ID:        "prisma/missing-fk-index",
	Name:      "MissingFkIndex",
	Title:     "Foreign key without an index",
	Severity:  Warning,
	Tags:      []string{"prisma", "schema", "performance"},
	CWE:       1067,
	Precision: "high",
}

// UnindexedQueryFilter reports a Prisma Client query whose literal filter (or, without one, sort) uses
// only columns that no index of the model starts with.
var UnindexedQueryFilter = &Rule{
	ID:        "prisma/unindexed-query-filter",
	Name:      "UnindexedQueryFilter",
	Title:     "Prisma query filters on columns no index starts with",
	Severity:  Note,
	Tags:      []string{"prisma", "performance"},
	CWE:       1067,
	Precision: "medium",
}

// RawSQLInjection reports raw SQL assembled from non-constant strings.
var RawSQLInjection = &Rule{
	ID:               "security/raw-sql-injection",
	Name:             "RawSqlInjection",
	Title:            "Raw SQL built from a non-constant string",
	Severity:         Error,
	Tags:             []string{"security", "prisma", "sql-injection"},
	CWE:              89,
	SecuritySeverity: "9.8",
	Precision:        "high",
}

// InvalidSuppression reports an inline suppression directive that cannot apply: it names no rule or an
// unknown one, gives no reason, has expired, or is misplaced. The suppression processor reports it
// (internal/suppress), not an analyzer.
var InvalidSuppression = &Rule{
	ID:        "meta/invalid-suppression",
	Name:      "InvalidSuppression",
	Title:     "Suppression directive that cannot apply",
	Severity:  Error,
	Tags:      []string{"meta", "suppression"},
	Precision: "very-high",
}

// UnusedSuppression reports an inline suppression directive that suppresses no finding. The suppression
// processor reports it (internal/suppress), not an analyzer.
var UnusedSuppression = &Rule{
	ID:        "meta/unused-suppression",
	Name:      "UnusedSuppression",
	Title:     "Suppression directive that suppresses nothing",
	Severity:  Warning,
	Tags:      []string{"meta", "suppression"},
	Precision: "very-high",
}

// declared lists every rule in the catalog.
var declared = []*Rule{
	FloatForMoney,
	MissingFKIndex,
	UnindexedQueryFilter,
	InvalidSuppression,
	RawSQLInjection,
	UnusedSuppression,
}

// Retired lists IDs that once named a rule and must never be reused.
var Retired = []string{}

//go:embed help
var helpFS embed.FS

// catalog is the loaded catalog, sorted by ID. Loading fails loudly: a rule without a valid help file is a
// programming error that the package tests catch before anything ships.
var catalog = mustLoad(concat(declared, authRules, errorRules, inputRules))

func concat(lists ...[]*Rule) []*Rule {
	var out []*Rule
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func mustLoad(rs []*Rule) []*Rule {
	out := append([]*Rule(nil), rs...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	for _, r := range out {
		b, err := helpFS.ReadFile("help/" + r.ID + ".md")
		if err != nil {
			panic(fmt.Sprintf("rules: %s has no help file %s", r.ID, HelpPath(r.ID)))
		}
		d, err := parseDoc(string(b))
		if err != nil {
			panic(fmt.Sprintf("rules: %s: %v", HelpPath(r.ID), err))
		}
		r.doc = d
	}
	return out
}

// All returns every rule, sorted by ID. The slice is a copy; the rules are shared and must not be modified.
func All() []*Rule { return append([]*Rule(nil), catalog...) }

// Lookup returns the rule with the given ID or alias, or nil.
func Lookup(id string) *Rule {
	for _, r := range catalog {
		if r.ID == id {
			return r
		}
		for _, a := range r.Aliases {
			if a == id {
				return r
			}
		}
	}
	return nil
}

// HelpText returns the rule's help as plain text.
func (r *Rule) HelpText() string { return r.doc.PlainText() }

// CWEString returns "CWE-89" style text, or "" when the rule has no CWE.
func (r *Rule) CWEString() string {
	if r.CWE == 0 {
		return ""
	}
	return fmt.Sprintf("CWE-%d", r.CWE)
}

// SARIFTags returns the tags written to SARIF: the rule's tags plus its CWE in the form GitHub shows
// ("external/cwe/cwe-89"), de-duplicated, at most 10.
func (r *Rule) SARIFTags() []string {
	tags := append([]string(nil), r.Tags...)
	if r.CWE != 0 {
		tags = append(tags, fmt.Sprintf("external/cwe/cwe-%d", r.CWE))
	}
	seen := map[string]bool{}
	out := tags[:0]
	for _, t := range tags {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	if len(out) > 10 {
		out = out[:10]
	}
	return out
}

// Markdown renders the whole rule (title line, metadata, help) as Markdown, for `archlint explain`.
func (r *Rule) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Default severity: %s", r.Severity)
	if c := r.CWEString(); c != "" {
		fmt.Fprintf(&b, " · %s", c)
	}
	if r.SecuritySeverity != "" {
		fmt.Fprintf(&b, " · security-severity %s", r.SecuritySeverity)
	}
	if len(r.Tags) > 0 {
		fmt.Fprintf(&b, " · tags: %s", strings.Join(r.Tags, ", "))
	}
	b.WriteString("\n\n")
	b.WriteString(r.Help())
	return b.String()
}

// Define returns a rule carrying the given help Markdown, checked like a catalog entry. It is meant for
// tests that need rules outside the catalog; catalog rules are declared above.
func Define(r Rule, helpMarkdown string) (*Rule, error) {
	d, err := parseDoc(helpMarkdown)
	if err != nil {
		return nil, err
	}
	r.doc = d
	return &r, nil
}
