package output

// GitHub Actions workflow commands and job summaries.
//
// The github format prints one workflow command per finding, which the Actions runner turns into an
// annotation on the file and line, with no token and no API call:
//
//	::error file=app/api/users/route.ts,line=5,col=23,endLine=5,endColumn=46,title=security/raw-sql-injection::message
//
// Quirks this file copes with (spec PR-31, PR-32; actions/toolkit packages/core/src/command.ts):
//
//   - Values are escaped: in the message % CR LF become %25 %0D %0A; in properties also : and , become
//     %3A and %2C, since they delimit properties. Without it a message containing a newline would end the
//     command and the rest could be read as another command.
//   - col and endColumn are written only when the annotation is on one line (line == endLine), as the
//     runner and the Checks API want. Columns are in UTF-16 code units, like SARIF's; whether GitHub counts
//     the same way is undocumented.
//   - GitHub shows at most 10 error and 10 warning annotations per step (and drops the rest silently).
//     The writer emits the first 10 of each level, notes included, then one notice pointing to the job
//     summary, which WriteStepSummary fills with the complete table ($GITHUB_STEP_SUMMARY, at most 1 MiB).

import (
	"bufio"
	"fmt"
	"github.com/archlint/archlint/internal/mdtext"
	"io"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// MaxAnnotationsPerLevel is how many findings of each severity WriteGitHub turns into annotations.
const MaxAnnotationsPerLevel = 10

// MaxStepSummaryBytes is GitHub's limit for one step's job summary.
const MaxStepSummaryBytes = 1 << 20

// WriteGitHub writes the visible findings of r as GitHub Actions workflow commands: ::error, ::warning or
// ::notice, at most MaxAnnotationsPerLevel of each, errors first, then one ::notice saying how many more
// findings the job summary lists.
func WriteGitHub(w io.Writer, r *report.Report) error {
	bw := bufio.NewWriter(w)
	fs := bySeverity(r.Visible())
	shown := map[rules.Severity]int{}
	more := 0
	for _, f := range fs {
		if shown[f.Severity] >= MaxAnnotationsPerLevel {
			more++
			continue
		}
		shown[f.Severity]++
		bw.WriteString(annotation(&f))
	}
	if more > 0 {
		fmt.Fprintf(bw, "::notice::archlint: %d more %s, see the job summary\n", more, pluralWord(more, "finding"))
	}
	return bw.Flush()
}

// bySeverity returns fs sorted error, warning, note, and by place within a severity.
func bySeverity(fs []report.Finding) []report.Finding {
	out := append([]report.Finding(nil), fs...)
	report.SortFindings(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity > out[j].Severity })
	return out
}

// annotation returns the workflow command for one finding, with its newline.
func annotation(f *report.Finding) string {
	cmd := "notice"
	switch f.Severity {
	case rules.Error:
		cmd = "error"
	case rules.Warning:
		cmd = "warning"
	}
	rg := f.Location.Range
	line, col := max(rg.Start.Line, 1), max(rg.Start.Column, 1)
	endLine, endCol := rg.End.Line, rg.End.Column
	if endLine < line {
		endLine, endCol = line, col
	}
	oneLine := endLine == line
	props := []string{"file=" + escapeProperty(f.Location.Path), fmt.Sprintf("line=%d", line)}
	if oneLine {
		props = append(props, fmt.Sprintf("col=%d", col))
	}
	props = append(props, fmt.Sprintf("endLine=%d", endLine))
	if oneLine {
		props = append(props, fmt.Sprintf("endColumn=%d", max(endCol, col)))
	}
	props = append(props, "title="+escapeProperty(f.RuleID))
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(f.Message) + "\n"
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// WriteStepSummary writes a GitHub-flavoured Markdown job summary of r for $GITHUB_STEP_SUMMARY: the
// counts, then a table of the visible findings (severity, rule, location, message), errors first. Rows
// that would take the summary past MaxStepSummaryBytes are left out and counted in a last line.
func WriteStepSummary(w io.Writer, r *report.Report) error {
	var b strings.Builder
	errs, warns, notes := r.Counts()
	suppressed, baselined := hiddenCounts(r)
	b.WriteString("## archlint\n\n")
	fmt.Fprintf(&b, "**%s, %s, %s**", plural(errs, "error"), plural(warns, "warning"), plural(notes, "note"))
	if suppressed > 0 {
		fmt.Fprintf(&b, " · %d suppressed", suppressed)
	}
	if baselined > 0 {
		fmt.Fprintf(&b, " · %d baselined", baselined)
	}
	b.WriteString("\n")
	fs := bySeverity(r.Visible())
	if len(fs) == 0 {
		b.WriteString("\nNo findings.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n")
	const reserve = 256 // room for the closing line
	for i, f := range fs {
		start := f.Location.Range.Start
		row := fmt.Sprintf("| %s | %s | %s | %s |\n", f.Severity,
			codeSpan(f.RuleID), codeSpan(fmt.Sprintf("%s:%d:%d", f.Location.Path, max(start.Line, 1), max(start.Column, 1))),
			markdownText(f.Message))
		if b.Len()+len(row) > MaxStepSummaryBytes-reserve {
			left := len(fs) - i
			fmt.Fprintf(&b, "\n%d more %s not shown: the job summary is limited to 1 MiB. Use the SARIF or JSON output for the full list.\n",
				left, pluralWord(left, "finding"))
			break
		}
		b.WriteString(row)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownText escapes s for a GitHub Markdown table cell.
func markdownText(s string) string { return mdtext.Escape(s, "") }

// codeSpan renders s as inline code in a table cell.
func codeSpan(s string) string { return mdtext.Code(s) }
