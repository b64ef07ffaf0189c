package suppress

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/archlint/archlint/internal/config"
)

// Kind is the kind of a directive.
type Kind int

// The directive kinds.
const (
	// NextLine (archlint-disable-next-line) covers findings that start on the line after the comment.
	NextLine Kind = iota + 1
	// ThisLine (archlint-disable-line) covers findings that start on the comment's first line.
	ThisLine
	// Disable (archlint-disable) covers findings from the end of the comment to the matching
	// archlint-enable, or to the end of the file.
	Disable
	// Enable (archlint-enable) closes Disable blocks.
	Enable
	// File (archlint-disable-file) covers the whole file; it must stand before any code.
	File
)

// directiveNames maps the directive words to kinds.
var directiveNames = map[string]Kind{
	"archlint-disable-next-line": NextLine,
	"archlint-disable-line":      ThisLine,
	"archlint-disable":           Disable,
	"archlint-enable":            Enable,
	"archlint-disable-file":      File,
}

// Directive is one parsed archlint-* comment.
type Directive struct {
	Kind Kind
	// Name is the directive word as written ("archlint-disable-next-line").
	Name string
	// Patterns are the rule IDs and globs, as written, in order.
	Patterns []string
	// Reason is the text after " -- " (without an expiry prefix), with runs of white space collapsed.
	Reason string
	// Until is the expiry date ("2026-12-31") or "".
	Until string
	// Start and End are the byte offsets of the comment.
	Start, End int
	// Text is the comment as written.
	Text string

	// Problem, when not empty, says why the directive does not apply (meta/invalid-suppression).
	Problem string
	// Expired is true when the directive is well-formed but past its Until date.
	Expired bool
	// matched[i] are the rule IDs Patterns[i] names.
	matched [][]string
}

// Valid reports whether the directive applies.
func (d *Directive) Valid() bool { return d.Problem == "" && !d.Expired }

// separator finds the " -- " between rule IDs and the reason (ESLint's comment descriptions).
var separator = regexp.MustCompile(`(?:^|\s)--(?:\s|$)`)

// untilPrefix is the optional expiry at the start of a reason: "until 2026-12-31: reason".
var untilPrefix = regexp.MustCompile(`^(?i:until)\s+([^\s:]+)\s*:\s*`)

// parseComment parses a comment (delimiters included). It returns nil when the comment is not a directive:
// its text does not start with "archlint-". A comment that starts with "archlint-" but is not a known
// directive is returned with a Problem, so typos do not go unnoticed.
func parseComment(text string, start int) *Directive {
	body := text
	switch {
	case strings.HasPrefix(body, "//"):
		body = body[2:]
	case strings.HasPrefix(body, "/*"):
		body = strings.TrimSuffix(body[2:], "*/")
	default:
		return nil
	}
	body = strings.TrimLeft(body, "/*! \t\r\n")
	if !strings.HasPrefix(body, "archlint-") {
		return nil
	}
	word := body
	if i := strings.IndexFunc(body, unicode.IsSpace); i >= 0 {
		word = body[:i]
	}
	d := &Directive{Name: word, Start: start, End: start + len(text), Text: text}
	kind, ok := directiveNames[word]
	if !ok {
		names := make([]string, 0, len(directiveNames))
		for n := range directiveNames {
			names = append(names, n)
		}
		hint := ""
		if s := config.Nearest(word, names); s != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", s)
		}
		d.Problem = fmt.Sprintf("it is not a known directive%s", hint)
		return d
	}
	d.Kind = kind
	rest := body[len(word):]
	ids, reason := rest, ""
	if loc := separator.FindStringIndex(rest); loc != nil {
		ids, reason = rest[:loc[0]], rest[loc[1]:]
		if loc[1] == len(rest) || strings.TrimSpace(reason) == "" {
			reason = ""
		}
	}
	d.Reason = strings.Join(strings.Fields(reason), " ")
	if m := untilPrefix.FindStringSubmatch(d.Reason); m != nil {
		d.Until = m[1]
		d.Reason = d.Reason[len(m[0]):]
	}
	ids = strings.TrimSpace(ids)
	if ids != "" {
		for _, p := range strings.Split(ids, ",") {
			p = strings.TrimSpace(p)
			if p == "" {
				d.Problem = "it has an empty rule ID in its list; separate rule IDs with single commas"
				return d
			}
			if strings.IndexFunc(p, unicode.IsSpace) >= 0 {
				d.Problem = fmt.Sprintf("%q is not a rule ID; separate rule IDs with commas and put the reason after \" -- \"", p)
				return d
			}
			d.Patterns = append(d.Patterns, p)
		}
	}
	return d
}

// check validates the rule patterns, the reason and the expiry of a syntactically well-formed directive:
// it sets Problem, Expired and the rules each pattern names.
func (d *Directive) check(minReason int, today string) {
	if d.Problem != "" {
		return
	}
	if len(d.Patterns) == 0 && d.Kind != Enable {
		d.Problem = fmt.Sprintf("it names no rule; write %s <rule-id> -- <reason>", d.Name)
		return
	}
	for _, p := range d.Patterns {
		if problem := patternProblem(p); problem != "" {
			d.Problem = problem
			return
		}
		rs, err := config.MatchRules(p)
		if err != nil {
			d.Problem = err.Error()
			return
		}
		var ids []string
		for _, r := range rs {
			if r.Category() == "meta" {
				d.Problem = fmt.Sprintf("%s cannot be suppressed in source; set its severity in the configuration instead", r.ID)
				return
			}
			ids = append(ids, r.ID)
		}
		d.matched = append(d.matched, ids)
	}
	if d.Kind == Enable {
		return
	}
	if d.Until != "" {
		if _, err := time.Parse(time.DateOnly, d.Until); err != nil {
			d.Problem = fmt.Sprintf("invalid expiry date %q; write -- until YYYY-MM-DD: <reason>", d.Until)
			return
		}
	}
	if n := nonSpace(d.Reason); n < minReason {
		if d.Reason == "" {
			d.Problem = fmt.Sprintf("it gives no reason; write %s %s -- <reason> (at least %d characters)", d.Name, strings.Join(d.Patterns, ", "), minReason)
		} else {
			d.Problem = fmt.Sprintf("its reason %q has fewer than %d characters (spaces not counted); say why the code is right as it is", d.Reason, minReason)
		}
		return
	}
	if d.Until != "" && today > d.Until {
		d.Expired = true
	}
}

// patternProblem rejects patterns that would hide more than one category: suppressions must name what
// they hide (SUP-02), so a glob's category must be written out.
func patternProblem(p string) string {
	cat, _, ok := strings.Cut(p, "/")
	if !ok && config.IsGlob(p) || config.IsGlob(cat) {
		return fmt.Sprintf("rule glob %q must name a category (auth/*); suppressions cannot hide every rule", p)
	}
	return ""
}

// names reports whether pattern i of the directive names the rule.
func (d *Directive) names(i int, ruleID string) bool {
	for _, id := range d.matched[i] {
		if id == ruleID {
			return true
		}
	}
	return false
}

// justification is the text recorded on suppressed findings.
func (d *Directive) justification() string {
	if d.Until != "" {
		return fmt.Sprintf("%s (until %s)", d.Reason, d.Until)
	}
	return d.Reason
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}
