package prbot

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/archlint/archlint/internal/mdtext"
	"net/url"
	"regexp"
	"strings"

	"github.com/archlint/archlint/internal/newfindings"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// Markers. Every comment the bot writes carries a hidden HTML comment on its own line: review comments end
// with `<!-- archlint:v1 fp=<fingerprint> category=<category> -->` and the summary starts with
// `<!-- archlint-summary:<category> -->` (PR-21, PR-22). A re-run recognises its own comments by marker and
// author together: a marker alone could be quoted by a person, an author alone could be another bot's
// comment. Finding messages are Markdown-escaped, and a marker must start a line, so no message can forge
// one ("\<!--" does not match).

// MaxBody is GitHub's limit on the length of a comment body ("Body is too long (maximum is 65536
// characters)", PR-23). Bodies are measured in bytes, which is never less than characters.
const MaxBody = 65536

var (
	commentMarkerRe = regexp.MustCompile(`(?m)^<!-- archlint:v1 fp=([A-Za-z0-9._/-]+) category=([A-Za-z0-9._/-]+) -->\s*\z`)
	safeToken       = regexp.MustCompile(`^[A-Za-z0-9._/-]+$`)
	runLinkRe       = regexp.MustCompile(`/actions/runs/[0-9]+`)
)

// token returns s if it can appear in a marker, else a hash of it.
func token(s string) string {
	if s != "" && safeToken.MatchString(s) {
		return s
	}
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

func commentMarker(fp, category string) string {
	return fmt.Sprintf("<!-- archlint:v1 fp=%s category=%s -->", token(fp), token(category))
}

func summaryMarker(category string) string {
	return fmt.Sprintf("<!-- archlint-summary:%s -->", token(category))
}

func reviewMarker(category string) string {
	return fmt.Sprintf("<!-- archlint-review:%s -->", token(category))
}

// parseCommentMarker returns the fingerprint token of a review comment body written by the bot for
// category, or "".
func parseCommentMarker(body, category string) string {
	m := commentMarkerRe.FindStringSubmatch(body)
	if m == nil || m[2] != token(category) {
		return ""
	}
	return m[1]
}

// hasSummaryMarker reports whether body is a summary written for category.
func hasSummaryMarker(body, category string) bool {
	return strings.HasPrefix(body, summaryMarker(category)+"\n") || body == summaryMarker(category)
}

// sameBody compares two summary bodies, ignoring the workflow run's ID (a truncated summary links to the
// run, and a re-run must not edit it only for that).
func sameBody(a, b string) bool {
	return a == b || runLinkRe.ReplaceAllString(a, "/actions/runs/N") == runLinkRe.ReplaceAllString(b, "/actions/runs/N")
}

func pathEscape(s string) string {
	return strings.NewReplacer("(", "%28", ")", "%29").Replace(url.PathEscape(s))
}

// capBody cuts body to MaxBody bytes at a line boundary, keeping its hidden marker line when it ends with
// one, and appends a note linking to the run.
func capBody(body, runURL, marker string) string {
	if len(body) <= MaxBody {
		return body
	}
	note := "\n\n… (cut: GitHub limits a comment to 65,536 characters"
	if runURL != "" {
		note += "; see the [workflow run](" + runURL + ")"
	}
	note += ")\n"
	tail := ""
	if marker != "" && strings.HasSuffix(strings.TrimRight(body, "\n"), marker) {
		tail = "\n" + marker
	}
	room := MaxBody - len(note) - len(tail)
	cut := body[:room]
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i]
	}
	return cut + note + tail
}

// commentBody renders the inline review comment for f (PR-24).
func commentBody(rep *report.Report, f *report.Finding, category, runURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** %s", code(f.RuleID), severityLabel(f.Severity))
	if rule := rep.Rule(f.RuleID); rule != nil {
		fmt.Fprintf(&b, " · %s", escapeMarkdown(rule.Title))
	}
	b.WriteString("\n\n")
	b.WriteString(escapeMarkdown(f.Message))
	b.WriteString("\n")
	if rule := rep.Rule(f.RuleID); rule != nil {
		fmt.Fprintf(&b, "\n[How to fix](%s)\n", rule.HelpURI())
	}
	marker := commentMarker(f.Fingerprint, category)
	b.WriteString("\n" + marker + "\n")
	return capBody(b.String(), runURL, marker)
}

func severityLabel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "(error)"
	case rules.Warning:
		return "(warning)"
	}
	return "(note)"
}

// Why a finding is listed in the summary instead of commented inline.
const (
	whyOutside  = "outside the changed lines"
	whyLimit    = "over the inline comment limit"
	whyRejected = "rejected by GitHub as review comments"
	whyNoDiff   = "not placed (the pull request diff could not be read)"
)

// whyOrder is the order in which the summary counts the reasons.
var whyOrder = []string{whyOutside, whyLimit, whyRejected, whyNoDiff}

// listed is a finding the summary lists, with the reason it is not inline.
type listed struct {
	f   report.Finding
	why string
}

// summaryInput is what the summary comment shows.
type summaryInput struct {
	rep       *report.Report
	ctx       *Context
	category  string
	findings  []report.Finding // all visible findings under review
	inline    int              // how many are commented inline (live comments)
	listed    []listed
	endpoints []EndpointChange
	// endpointsKnown is false when the findings came without an endpoint inventory (SARIF input).
	endpointsKnown bool
}

// summaryBody renders the sticky summary comment (PR-22, PR-13): the counts, the findings that are not
// commented inline, and the endpoints the pull request adds or changes with their controls.
func summaryBody(in summaryInput) string {
	var b strings.Builder
	b.WriteString(summaryMarker(in.category) + "\n")
	b.WriteString("### archlint\n\n")
	errs, warns, notes := 0, 0, 0
	for _, f := range in.findings {
		switch f.Severity {
		case rules.Error:
			errs++
		case rules.Warning:
			warns++
		default:
			notes++
		}
	}
	if len(in.findings) == 0 {
		b.WriteString("No findings in this pull request.\n")
	} else {
		fmt.Fprintf(&b, "**%s** in this pull request: %s, %s, %s · %d commented inline · %d listed below\n",
			plural(len(in.findings), "finding"), plural(errs, "error"), plural(warns, "warning"), plural(notes, "note"),
			in.inline, len(in.listed))
	}
	var tail strings.Builder
	if len(in.endpoints) > 0 {
		writeEndpoints(&tail, in.endpoints, in.ctx)
	}
	if v := in.rep.Tool.Version; v != "" {
		fmt.Fprintf(&tail, "\n<sub>%s %s</sub>\n", escapeMarkdown(in.rep.Tool.Name), escapeMarkdown(v))
	}
	if len(in.listed) > 0 {
		counts := map[string]int{}
		for _, l := range in.listed {
			counts[l.why]++
		}
		var whys []string
		for _, w := range whyOrder {
			if counts[w] > 0 {
				whys = append(whys, fmt.Sprintf("%d %s", counts[w], w))
			}
		}
		fmt.Fprintf(&b, "\n#### Not commented inline\n\n%s.\n\n", strings.Join(whys, ", "))
		b.WriteString("| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n")
		budget := MaxBody - b.Len() - tail.Len() - 512
		for i, l := range in.listed {
			start, _ := newfindings.FindingLines(l.f.Location.Range)
			loc := fmt.Sprintf("[%s](%s)", escapeMarkdown(fmt.Sprintf("%s:%d", l.f.Location.Path, start)), in.ctx.FileURL(l.f.Location.Path, start))
			row := fmt.Sprintf("| %s | %s | %s | %s |\n", l.f.Severity, code(l.f.RuleID), loc, escapeMarkdown(l.f.Message))
			if len(row) > budget {
				left := len(in.listed) - i
				fmt.Fprintf(&b, "\n… and %s more, not shown: GitHub limits a comment to 65,536 characters.", plural(left, "finding"))
				if u := in.ctx.RunURL(); u != "" {
					fmt.Fprintf(&b, " The complete list is in the [workflow run](%s) (job summary and SARIF).", u)
				}
				b.WriteString("\n")
				break
			}
			budget -= len(row)
			b.WriteString(row)
		}
	}
	b.WriteString(tail.String())
	return capBody(b.String(), in.ctx.RunURL(), "")
}

// reviewBody is the body of the review that carries the inline comments.
func reviewBody(n int, category string) string {
	return fmt.Sprintf("archlint left %s on the changed lines; the summary comment lists the rest.\n\n%s\n",
		plural(n, "comment"), reviewMarker(category))
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// escapeMarkdown escapes s for a comment body (braces too, which some renderers read as templates).
func escapeMarkdown(s string) string { return mdtext.Escape(s, "{}") }

// code renders s as inline code.
func code(s string) string { return mdtext.Code(s) }
