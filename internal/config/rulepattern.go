package config

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/archlint/archlint/rules"
)

// A rule pattern is how users name rules, in the configuration and in suppression directives: a rule ID
// or alias ("security/raw-sql-injection"), or a glob over rule IDs ("auth/*", "*/*") in path.Match
// syntax, where "*" does not cross the "/" between category and name.

// IsGlob reports whether a rule pattern is a glob rather than an ID.
func IsGlob(pattern string) bool { return strings.ContainsAny(pattern, `*?[\`) }

// MatchRules returns the catalog rules a pattern names, sorted by ID: the one rule of an ID or alias, or
// every rule whose ID a glob matches. The error says what is wrong in words a user can act on: an unknown
// ID (with the nearest known ID as a suggestion), a malformed glob, a glob that matches nothing.
func MatchRules(pattern string) ([]*rules.Rule, error) {
	if pattern == "" {
		return nil, fmt.Errorf("empty rule ID")
	}
	if !IsGlob(pattern) {
		if r := rules.Lookup(pattern); r != nil {
			return []*rules.Rule{r}, nil
		}
		return nil, fmt.Errorf("unknown rule %q%s", pattern, suggestRule(pattern))
	}
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("invalid rule glob %q", pattern)
	}
	var out []*rules.Rule
	for _, r := range rules.All() {
		if ok, _ := path.Match(pattern, r.ID); ok {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("rule glob %q matches no rule%s", pattern, suggestCategory(pattern))
	}
	return out, nil
}

// suggestRule returns ` (did you mean "x"?)` for the known rule ID nearest to id, or "".
func suggestRule(id string) string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
		ids = append(ids, r.Aliases...)
	}
	// A rule name without its category ("raw-sql-injection") names the rule unambiguously.
	if !strings.Contains(id, "/") {
		for _, r := range rules.All() {
			if _, name, _ := strings.Cut(r.ID, "/"); name == id {
				return fmt.Sprintf(" (did you mean %q?)", r.ID)
			}
		}
	}
	if s := Suggest(id, ids); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// Suggest returns the candidate s most plausibly means: the shortest candidate s is a prefix of
// ("security/raw-sql", "warn"), else the Nearest one; "" when none is plausible.
func Suggest(s string, candidates []string) string {
	best := ""
	for _, c := range candidates {
		if s != "" && strings.HasPrefix(c, s) && (best == "" || len(c) < len(best) || len(c) == len(best) && c < best) {
			best = c
		}
	}
	if best != "" {
		return best
	}
	return Nearest(s, candidates)
}

// suggestCategory lists the categories when a glob's category is unknown.
func suggestCategory(pattern string) string {
	cat, _, _ := strings.Cut(pattern, "/")
	if IsGlob(cat) {
		return ""
	}
	seen := map[string]bool{}
	var cats []string
	for _, r := range rules.All() {
		if c := r.Category(); !seen[c] {
			seen[c] = true
			cats = append(cats, c)
		}
	}
	if seen[cat] {
		return ""
	}
	sort.Strings(cats)
	return fmt.Sprintf(" (categories: %s)", strings.Join(cats, ", "))
}

// Nearest returns the candidate closest to s in edit distance when it is close enough to be a plausible
// typo (at most a third of the length, at least 2 edits allowed), else "". Ties go to the first candidate
// in sorted order, so the answer is deterministic.
func Nearest(s string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestD := "", -1
	for _, c := range sorted {
		d := editDistance(s, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(2, len(s)/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance over bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
