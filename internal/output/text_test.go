package output

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/archlint/archlint/internal/report"
)

func writeText(t *testing.T, r *report.Report, opt TextOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteText(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextGolden(t *testing.T) {
	checkGolden(t, "text.golden", []byte(writeText(t, sampleReport(t), TextOptions{})))
	checkGolden(t, "text-color.golden", []byte(writeText(t, sampleReport(t), TextOptions{Color: true})))
	checkGolden(t, "text-actions.golden", []byte(writeText(t, sampleReport(t),
		TextOptions{GitHubActions: true, StopCommandsToken: "0123456789abcdef"})))
	checkGolden(t, "text-show-hidden.golden", []byte(writeText(t, sampleReport(t),
		TextOptions{ShowSuppressed: true, ShowBaselined: true})))
}

func TestTextLines(t *testing.T) {
	out := writeText(t, sampleReport(t), TextOptions{})
	// Each finding line is path:line:col  severity  message  rule-id, with the unencoded path and the
	// UTF-16 column: on line 5 of app/[id]/Cart.tsx the emoji counts 2 units, so {db.name} is at column
	// 52, though it is at byte column 58 and display column 54 (emoji and CJK take two cells).
	for _, want := range []string{
		"app/api/users/route.ts:5:22  error  prisma.$queryRawUnsafe is called with a template literal that interpolates 'email'.  security/test-sql\n",
		"app/[id]/Cart.tsx:2:1  warning  Client component 'Cart' imports <ServerThing> & co. from '@/lib/server/db'.  arch/test-boundary\n",
		"app/[id]/Cart.tsx:5:52  note  Client component 'Cart' reads 'db.name' | renders it.  perf/test-note\n",
		"lib/server/db.ts:2:19  note  A Prisma client is created at import time.  perf/test-note\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Hidden findings are not listed.
	for _, hidden := range []string{"Suppressed finding", "Baselined finding"} {
		if strings.Contains(out, hidden) {
			t.Errorf("output lists %q", hidden)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("ANSI escapes without Color")
	}
	// Grouped by file: each path header appears once, in order.
	var headers []string
	for _, l := range strings.Split(out, "\n") {
		if l != "" && !strings.Contains(l, ":") && !strings.HasPrefix(l, " ") && l != "Rule help:" {
			headers = append(headers, l)
		}
	}
	if got := strings.Join(headers, ","); got != "app/[id]/Cart.tsx,app/api/users/route.ts,lib/server/db.ts" {
		t.Errorf("file headers %q", got)
	}
	// Each rule's help address, once.
	if n := strings.Count(out, "rules/help/perf/test-note.md"); n != 1 {
		t.Errorf("help address of perf/test-note printed %d times", n)
	}
}

func TestTextColor(t *testing.T) {
	out := writeText(t, sampleReport(t), TextOptions{Color: true})
	for _, want := range []string{ansiBold + ansiRed + "error" + ansiReset, ansiBold + ansiYellow + "warning" + ansiReset,
		ansiBold + ansiCyan + "note" + ansiReset, ansiBold + ansiUnderline + "lib/server/db.ts" + ansiReset} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured output lacks %q", want)
		}
	}
	// Without the escapes it is the plain output.
	plain := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out, "")
	if plain != writeText(t, sampleReport(t), TextOptions{}) {
		t.Error("coloured output differs from the plain output by more than colour")
	}
}

func TestTextFrames(t *testing.T) {
	out := writeText(t, sampleReport(t), TextOptions{})
	for _, want := range []string{
		// Tabs expand to 4-column stops in the source and the caret line alike.
		"  5 |     const users = await prisma.$queryRawUnsafe(`SELECT * FROM \"User\" WHERE email = '${email}'`);\n" +
			"    |                         ^~~~~~~~~~~~~~~~~~~~~~~\n",
		// The emoji and the CJK characters are two cells wide.
		"  5 |   const label = \"😀 日本\"; return <div title={label}>{db.name}</div>;\n" +
			"    |                                                      ^~~~~~~~~\n",
		// A multi-line range is underlined to the end of its first line.
		"  2 | export const db = new PrismaClient({\n" +
			"    |                   ^~~~~~~~~~~~~~~~~~\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks the frame\n%s", want)
		}
	}
}

func TestFrame(t *testing.T) {
	tests := []struct {
		name                  string
		line                  string
		start, end, tab       int
		wantText              string
		wantStart, wantCarEnd int
	}{
		{"simple", "abc def", 5, 8, 4, "abc def", 4, 7},
		{"empty range", "abc", 2, 2, 4, "abc", 1, 2},
		{"past the end", "abc", 9, 12, 4, "abc", 3, 4},
		{"to end of line", "abc def", 5, -1, 4, "abc def", 4, 7},
		{"tab stops", "\ta\tb", 4, 5, 4, "    a   b", 8, 9},
		{"tab width 8", "\tx", 2, 3, 8, "        x", 8, 9},
		{"emoji", "😀x", 3, 4, 4, "😀x", 2, 3},
		{"inside a surrogate pair", "😀x", 2, 4, 4, "😀x", 0, 3},
		{"wide", "日本x", 3, 4, 4, "日本x", 4, 5},
		{"combining mark", "e\u0301x", 3, 4, 4, "e\u0301x", 1, 2},
		{"control characters", "a\x1b[2Jb", 2, 3, 4, "a\ufffd[2Jb", 1, 2},
		{"inverted", "abcdef", 4, 2, 4, "abcdef", 3, 4},
	}
	for _, tt := range tests {
		text, s, e := frame(tt.line, tt.start, tt.end, tt.tab)
		if text != tt.wantText || s != tt.wantStart || e != tt.wantCarEnd {
			t.Errorf("%s: frame(%q, %d, %d) = %q, %d, %d; want %q, %d, %d", tt.name, tt.line, tt.start, tt.end,
				text, s, e, tt.wantText, tt.wantStart, tt.wantCarEnd)
		}
	}
	t.Run("long line", func(t *testing.T) {
		line := strings.Repeat("a", 300) + "TARGET" + strings.Repeat("b", 300)
		text, s, e := frame(line, 301, 307, 4)
		if w := len([]rune(text)); w > maxFrameWidth+2 {
			t.Errorf("frame is %d cells wide", w)
		}
		if !strings.HasPrefix(text, "…") || !strings.HasSuffix(text, "…") {
			t.Errorf("cut frame not marked: %q", text)
		}
		if got := string([]rune(text)[s:e]); got != "TARGET" {
			t.Errorf("carets under %q, want TARGET", got)
		}
	})
}

func TestTextGitHubActions(t *testing.T) {
	r := sampleReport(t)
	r.Findings[0].SourceLine = "::error file=x::injected" // a source line that looks like a command
	out := writeText(t, r, TextOptions{GitHubActions: true, StopCommandsToken: "tok123"})
	if !strings.HasPrefix(out, "::stop-commands::tok123\n") || !strings.HasSuffix(out, "::tok123::\n") {
		t.Errorf("output not wrapped in stop-commands:\n%s", out)
	}
	if strings.Count(out, "tok123") != 2 {
		t.Error("token printed more than twice")
	}
	// Without an injected token a random one is used, different each time.
	a := writeText(t, r, TextOptions{GitHubActions: true})
	b := writeText(t, r, TextOptions{GitHubActions: true})
	first := func(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }
	re := regexp.MustCompile(`^::stop-commands::[0-9a-f]{32}$`)
	if !re.MatchString(first(a)) || first(a) == first(b) {
		t.Errorf("random tokens: %q and %q", first(a), first(b))
	}
	tokA := strings.TrimPrefix(first(a), "::stop-commands::")
	if !strings.HasSuffix(a, "::"+tokA+"::\n") {
		t.Error("random token does not close the block")
	}
	// Not in Actions: no wrapping.
	if strings.Contains(writeText(t, r, TextOptions{}), "stop-commands") {
		t.Error("stop-commands outside Actions")
	}
}

func TestTextEmpty(t *testing.T) {
	r := sampleReport(t)
	r.Findings = nil
	if out := writeText(t, r, TextOptions{GitHubActions: true, StopCommandsToken: "x"}); out != "" {
		t.Errorf("output for no findings: %q", out)
	}
}

func TestTextSanitizes(t *testing.T) {
	r := sampleReport(t)
	r.Findings[0].Message = "evil \x1b[31mred\x1b[0m\nnext"
	out := writeText(t, r, TextOptions{})
	if strings.Contains(out, "\x1b") || strings.Contains(out, "red\x1b") || strings.Contains(out, "\nnext") {
		t.Errorf("control characters reached the terminal: %q", out)
	}
}

func TestSummary(t *testing.T) {
	r := sampleReport(t)
	got := Summary(r, 1234*time.Millisecond+400*time.Microsecond)
	want := "1 error, 1 warning, 2 notes in 3 files, 1 suppressed, 1 baselined (4 files analysed, 1234 ms)"
	if got != want {
		t.Errorf("Summary = %q\n    want %q", got, want)
	}
	empty := &report.Report{Stats: report.Stats{FilesParsed: 1}}
	if got, want := Summary(empty, 0), "0 errors, 0 warnings in 0 files (1 file analysed, 0 ms)"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestWriteNotifications(t *testing.T) {
	var b bytes.Buffer
	if err := WriteNotifications(&b, sampleReport(t), false); err != nil {
		t.Fatal(err)
	}
	want := "archlint: note: Analyzer 'boundaries' stopped early.\n" +
		"archlint: error: app/broken/page.tsx:3:7: Unexpected token '<'.\n" +
		"archlint: warning: public/vendor.js: File is larger than 1 MiB and was skipped.\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteNotifications(&b, sampleReport(t), true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "archlint: "+ansiBold+ansiRed+"error"+ansiReset+": "+ansiBold+"app/broken/page.tsx:3:7"+ansiReset+": ") {
		t.Errorf("coloured notifications: %q", b.String())
	}
	b.Reset()
	_ = WriteNotifications(&b, &report.Report{}, false)
	if b.Len() != 0 {
		t.Errorf("output without notifications: %q", b.String())
	}
}

func TestWritersDeterministic(t *testing.T) {
	writers := map[string]func(*bytes.Buffer, *report.Report) error{
		"text":    func(b *bytes.Buffer, r *report.Report) error { return WriteText(b, r, TextOptions{Color: true}) },
		"json":    func(b *bytes.Buffer, r *report.Report) error { return WriteJSON(b, r) },
		"github":  func(b *bytes.Buffer, r *report.Report) error { return WriteGitHub(b, r) },
		"summary": func(b *bytes.Buffer, r *report.Report) error { return WriteStepSummary(b, r) },
		"notes":   func(b *bytes.Buffer, r *report.Report) error { return WriteNotifications(b, r, true) },
	}
	for name, write := range writers {
		var a, b bytes.Buffer
		if err := write(&a, sampleReport(t)); err != nil {
			t.Fatal(err)
		}
		r := sampleReport(t)
		// Reverse the input order: writers must sort.
		for i, j := 0, len(r.Findings)-1; i < j; i, j = i+1, j-1 {
			r.Findings[i], r.Findings[j] = r.Findings[j], r.Findings[i]
		}
		for i, j := 0, len(r.Notifications)-1; i < j; i, j = i+1, j-1 {
			r.Notifications[i], r.Notifications[j] = r.Notifications[j], r.Notifications[i]
		}
		if err := write(&b, r); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s output depends on input order", name)
		}
	}
}
