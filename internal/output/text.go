package output

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// TextOptions are the choices of the text writer. The zero value is plain text for a pipe or a file.
type TextOptions struct {
	// Color adds ANSI colours. The CLI sets it only when stdout is a terminal and neither --no-color nor
	// a non-empty NO_COLOR asks otherwise (CLI-03).
	Color bool
	// GitHubActions wraps the output between ::stop-commands::<token> and ::<token>:: so that no line of
	// it (a source line, a file name, a message quoting code) can be taken for a workflow command (TTY-03).
	GitHubActions bool
	// StopCommandsToken is the token for GitHubActions; empty means a fresh random one. Tests set it.
	StopCommandsToken string
	// TabWidth is the tab stop used to expand tabs in code frames; 0 means 4.
	TabWidth int
	// ShowSuppressed and ShowBaselined also list suppressed and baselined findings, marked as such.
	// By default they are hidden and only counted (in Summary).
	ShowSuppressed bool
	ShowBaselined  bool
}

// ANSI styles.
const (
	ansiReset     = "\x1b[0m"
	ansiBold      = "\x1b[1m"
	ansiDim       = "\x1b[2m"
	ansiUnderline = "\x1b[4m"
	ansiRed       = "\x1b[31m"
	ansiYellow    = "\x1b[33m"
	ansiCyan      = "\x1b[36m"
)

// maxFrameWidth is the widest code frame, in terminal cells; longer source lines show a window around
// the finding.
const maxFrameWidth = 120

// WriteText writes the findings of r for a human: grouped by file, each file introduced by its path, each
// finding on one line
//
//	path:line:col  severity  message  rule-id
//
// (path relative to the repository root and not encoded, column in UTF-16 code units as in SARIF and
// GitHub annotations), followed by a code frame: the source line and a caret line under the range. Then
// each reported rule's help address, once. It writes nothing when there is nothing to show.
func WriteText(w io.Writer, r *report.Report, opt TextOptions) error {
	fs := textFindings(r, opt)
	if len(fs) == 0 {
		return nil
	}
	bw := bufio.NewWriter(w)
	st := styler{color: opt.Color}
	token := ""
	if opt.GitHubActions {
		token = opt.StopCommandsToken
		if token == "" {
			token = randomToken()
		}
		fmt.Fprintf(bw, "::stop-commands::%s\n", token)
	}
	tab := opt.TabWidth
	if tab <= 0 {
		tab = 4
	}
	var ruleOrder []string
	seenRule := map[string]bool{}
	for i, f := range fs {
		if i == 0 || f.Location.Path != fs[i-1].Location.Path {
			if i > 0 {
				bw.WriteString("\n")
			}
			bw.WriteString(st.s(ansiBold+ansiUnderline, sanitize(f.Location.Path)) + "\n")
		}
		writeFindingLine(bw, st, &f)
		writeFrame(bw, st, &f, tab)
		if !seenRule[f.RuleID] {
			seenRule[f.RuleID] = true
			ruleOrder = append(ruleOrder, f.RuleID)
		}
	}
	var help []string
	for _, id := range ruleOrder {
		if rule := r.Rule(id); rule != nil {
			help = append(help, "  "+st.s(ansiDim, id)+"  "+rule.HelpURI())
		}
	}
	if len(help) > 0 {
		bw.WriteString("\nRule help:\n" + strings.Join(help, "\n") + "\n")
	}
	if opt.GitHubActions {
		fmt.Fprintf(bw, "::%s::\n", token)
	}
	return bw.Flush()
}

// textFindings returns the findings to list, in report order.
func textFindings(r *report.Report, opt TextOptions) []report.Finding {
	out := make([]report.Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if f.Suppression != nil && !opt.ShowSuppressed || f.Baselined && !opt.ShowBaselined {
			continue
		}
		out = append(out, f)
	}
	report.SortFindings(out)
	return out
}

func writeFindingLine(w *bufio.Writer, st styler, f *report.Finding) {
	start := f.Location.Range.Start
	fmt.Fprintf(w, "%s:%d:%d  %s  %s  %s", sanitize(f.Location.Path), max(start.Line, 1), max(start.Column, 1),
		st.severity(f.Severity), sanitize(f.Message), st.s(ansiDim, f.RuleID))
	if f.Suppression != nil {
		w.WriteString("  " + st.s(ansiDim, "(suppressed: "+sanitize(f.Suppression.Justification)+")"))
	}
	if f.Baselined {
		w.WriteString("  " + st.s(ansiDim, "(baselined)"))
	}
	w.WriteString("\n")
}

// writeFrame writes the source line of f and a caret line under its range. A range that goes on past
// the line is underlined to the end of the line.
func writeFrame(w *bufio.Writer, st styler, f *report.Finding, tab int) {
	if f.SourceLine == "" {
		return
	}
	rg := f.Location.Range
	endCol := rg.End.Column
	if rg.End.Line > rg.Start.Line {
		endCol = -1 // to the end of the line
	} else if rg.End.Line < rg.Start.Line || endCol < rg.Start.Column {
		endCol = rg.Start.Column
	}
	text, caretStart, caretEnd := frame(f.SourceLine, max(rg.Start.Column, 1), endCol, tab)
	num := strconv.Itoa(max(rg.Start.Line, 1))
	gutter := "  " + num + " | "
	blank := "  " + strings.Repeat(" ", len(num)) + " | "
	w.WriteString(st.s(ansiDim, gutter) + text + "\n")
	carets := "^"
	if caretEnd-caretStart > 1 {
		carets += strings.Repeat("~", caretEnd-caretStart-1)
	}
	w.WriteString(st.s(ansiDim, blank) + strings.Repeat(" ", caretStart) + st.s(severityColor(f.Severity), carets) + "\n")
}

// cell is one character of a code frame as displayed.
type cell struct {
	text  string
	width int
	col   int // UTF-16 column of the character
	units int // its length in UTF-16 code units
}

// frame lays out a source line for display: tabs expanded to tab stops, control characters replaced,
// wide characters taking two cells. It returns the displayed text and the cells [caretStart, caretEnd)
// under UTF-16 columns [startCol, endCol); endCol -1 means the end of the line. Lines wider than
// maxFrameWidth are cut to a window around the start, marked with "…".
func frame(line string, startCol, endCol, tab int) (text string, caretStart, caretEnd int) {
	var cells []cell
	pos, col := 0, 1
	for _, r := range line {
		c := cell{col: col, units: 1}
		if r >= 0x10000 {
			c.units = 2
		}
		switch {
		case r == '\t':
			c.width = tab - pos%tab
			c.text = strings.Repeat(" ", c.width)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			c.text, c.width = "\ufffd", 1
		default:
			c.text, c.width = string(r), runeWidth(r)
		}
		cells = append(cells, c)
		pos += c.width
		col += c.units
	}
	lineWidth := pos
	// Display positions of the range; a column past the end of the line is the end of the line.
	caretStart, caretEnd = lineWidth, lineWidth
	startSet, endSet := false, endCol < 0
	p := 0
	for _, c := range cells {
		if !startSet && startCol < c.col+c.units {
			caretStart, startSet = p, true
		}
		if !endSet && endCol <= c.col {
			caretEnd, endSet = p, true
		}
		p += c.width
	}
	if caretEnd < caretStart {
		caretEnd = caretStart
	}
	if caretEnd == caretStart {
		caretEnd = caretStart + 1 // an empty range or one at the end of the line still gets a caret
	}

	lo, hi := 0, lineWidth
	if lineWidth > maxFrameWidth {
		lo = max(0, caretStart-maxFrameWidth/3)
		hi = min(lineWidth, lo+maxFrameWidth)
	}
	var b strings.Builder
	offset := 0
	if lo > 0 {
		b.WriteString("…")
		offset = 1
	}
	p = 0
	for _, c := range cells {
		cs, ce := max(p, lo), min(p+c.width, hi)
		switch {
		case cs == p && ce == p+c.width:
			b.WriteString(c.text)
		case ce > cs: // a wide character or tab cut by the window: keep the alignment
			b.WriteString(strings.Repeat(" ", ce-cs))
		}
		p += c.width
	}
	if hi < lineWidth {
		b.WriteString("…")
	}
	caretEnd = max(min(caretEnd, hi), caretStart+1)
	caretStart, caretEnd = caretStart-lo+offset, caretEnd-lo+offset
	return b.String(), caretStart, caretEnd
}

// runeWidth is the number of terminal cells r takes: 2 for East Asian wide and fullwidth characters and
// most emoji, 0 for combining marks and zero-width characters, 1 otherwise. It is an approximation of
// wcwidth good enough to place carets; a wrong guess only shifts the carets.
func runeWidth(r rune) int {
	switch {
	case r == 0x200b || r == 0x200c || r == 0x200d || r == 0xfeff,
		r >= 0x0300 && r <= 0x036f, r >= 0x1ab0 && r <= 0x1aff, r >= 0x1dc0 && r <= 0x1dff,
		r >= 0x20d0 && r <= 0x20ff, r >= 0xfe00 && r <= 0xfe0f, r >= 0xfe20 && r <= 0xfe2f:
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0x303e, r >= 0x3041 && r <= 0x33ff,
		r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff, r >= 0xa000 && r <= 0xa4cf,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f300 && r <= 0x1f64f, r >= 0x1f900 && r <= 0x1f9ff, r >= 0x1f680 && r <= 0x1f6ff,
		r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// sanitize replaces control characters, which could move the cursor or recolour a terminal, with U+FFFD.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '\ufffd'
		}
		return r
	}, s)
}

func randomToken() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; a fixed token would still stop commands.
		return "archlint-stop-commands"
	}
	return hex.EncodeToString(b[:])
}

// styler applies ANSI styles when colour is on.
type styler struct{ color bool }

func (st styler) s(style, text string) string {
	if !st.color || text == "" {
		return text
	}
	return style + text + ansiReset
}

func (st styler) severity(s rules.Severity) string {
	return st.s(ansiBold+severityColor(s), s.String())
}

func severityColor(s rules.Severity) string {
	switch s {
	case rules.Error:
		return ansiRed
	case rules.Warning:
		return ansiYellow
	}
	return ansiCyan
}

// Summary returns the one-line summary the CLI prints to stderr after a run, without a newline:
//
//	2 errors, 1 warning, 3 notes in 2 files, 4 suppressed, 1 baselined (120 files analysed, 850 ms)
//
// Errors and warnings are always counted; notes, suppressed and baselined findings only when there are
// any. "in K files" counts the files with a visible finding.
func Summary(r *report.Report, elapsed time.Duration) string {
	errs, warns, notes := r.Counts()
	files := map[string]bool{}
	for _, f := range r.Visible() {
		files[f.Location.Path] = true
	}
	suppressed, baselined := hiddenCounts(r)
	parts := []string{plural(errs, "error"), plural(warns, "warning")}
	if notes > 0 {
		parts = append(parts, plural(notes, "note"))
	}
	s := strings.Join(parts, ", ") + " in " + plural(len(files), "file")
	if suppressed > 0 {
		s += fmt.Sprintf(", %d suppressed", suppressed)
	}
	if baselined > 0 {
		s += fmt.Sprintf(", %d baselined", baselined)
	}
	return s + fmt.Sprintf(" (%s analysed, %d ms)", plural(r.Stats.FilesParsed, "file"), elapsed.Milliseconds())
}

// hiddenCounts counts suppressed findings and baselined findings that are not also suppressed.
func hiddenCounts(r *report.Report) (suppressed, baselined int) {
	for _, f := range r.Findings {
		switch {
		case f.Suppression != nil:
			suppressed++
		case f.Baselined:
			baselined++
		}
	}
	return suppressed, baselined
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// WriteNotifications writes r's notifications for stderr, one line each:
//
//	archlint: warning: app/page.tsx:3:7: Unexpected token.
//
// The place is left out when the notification has no path.
func WriteNotifications(w io.Writer, r *report.Report, color bool) error {
	ns := append([]report.Notification(nil), r.Notifications...)
	report.SortNotifications(ns)
	st := styler{color: color}
	bw := bufio.NewWriter(w)
	for _, n := range ns {
		bw.WriteString("archlint: " + st.severity(n.Level) + ": ")
		if n.Path != "" {
			place := sanitize(n.Path)
			if p := n.Position; p != nil && p.Line > 0 {
				place += fmt.Sprintf(":%d:%d", p.Line, max(p.Column, 1))
			}
			bw.WriteString(st.s(ansiBold, place) + ": ")
		}
		bw.WriteString(sanitize(n.Message) + "\n")
	}
	return bw.Flush()
}
