package gitdiff

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/gitdiff/gittest"
)

var update = flag.Bool("update", false, "regenerate testdata/github/quirks.diff with git")

// T-DIFF: the quirks of DIFF-01..DIFF-04, with diffs written by a real git in a temporary repository.

// quirkRepo builds a repository whose second commit exercises every quirk; it returns the two commits.
func quirkRepo(t *testing.T) (r *gittest.Repo, base, head string) {
	t.Helper()
	r = gittest.New(t)
	seq := func(from, to int, f func(int) string) string {
		var b strings.Builder
		for i := from; i <= to; i++ {
			b.WriteString(f(i))
			b.WriteByte('\n')
		}
		return b.String()
	}
	num := func(i int) string { return fmt.Sprint(i) }
	r.Write(map[string]string{
		"app/my dir/page.tsx": "a\nb\nc\n",
		`app/q"uote/page.tsx`: "x\n",
		"lib/crlf.ts":         "line1\r\nline2\r\nline3\r\n",
		"lib/gone.ts":         "old\n",
		"lib/multi.ts":        seq(1, 30, num),
		"lib/old.ts":          "rename me\nsecond\n",
		"lib/moved.ts":        seq(1, 20, func(i int) string { return fmt.Sprintf("r%d", i) }),
		"bin/run.sh":          "#!/bin/sh\necho hi\n",
		"bin/blob.bin":        "\x00\x01\x02",
		"lib/nonl.ts":         "no newline",
		"lib/del.ts":          seq(1, 10, num),
	})
	base = r.Commit("base")
	r.Write(map[string]string{
		"app/my dir/page.tsx":             "a\nB\nc\nd\n",
		`app/q"uote/page.tsx`:             "y\n",
		"app/ünï/page.tsx":                "new\n",
		"app/[id]/(shop)/@modal/page.tsx": "export default 1\n",
		"lib/crlf.ts":                     "line1\r\nLINE2\r\nline3\r\n",
		"lib/multi.ts": seq(1, 30, func(i int) string {
			switch i {
			case 5:
				return "five"
			case 25:
				return "twentyfive"
			}
			return num(i)
		}),
		"bin/blob.bin": "\x00\x01\x03",
		"lib/nonl.ts":  "no newline!",
		"lib/del.ts":   "1\n2\n3\n7\n8\n9\n10\n",
		"lib/empty.ts": "",
		"lib/huge.ts":  seq(1, 25000, func(i int) string { return fmt.Sprintf("export const v%d = %d;", i, i) }),
	})
	r.Remove("lib/gone.ts")
	r.Git("mv", "lib/old.ts", "lib/new.ts")
	r.Git("mv", "lib/moved.ts", "lib/moved2.ts")
	r.Write(map[string]string{"lib/moved2.ts": strings.Replace(seq(1, 20, func(i int) string { return fmt.Sprintf("r%d", i) }), "r3\n", "R3\n", 1)})
	if err := os.Chmod(filepath.Join(r.Dir, "bin/run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	head = r.Commit("head")
	return r, base, head
}

// fileSummary is what the tests compare: status, old path, flags, hunks.
type fileSummary struct {
	Status   Status
	OldPath  string
	Binary   bool
	ModeOnly bool
	Hunks    []Hunk
}

func summarize(d *Diff) map[string]fileSummary {
	out := map[string]fileSummary{}
	for _, f := range d.Files() {
		out[f.Path] = fileSummary{f.Status, f.OldPath, f.Binary, f.ModeOnly, f.Hunks}
	}
	return out
}

func added(start, end int, runs ...LineRange) Hunk { return Hunk{Start: start, End: end, Added: runs} }

// wantQuirks is the expected parse of quirkRepo's diff (three lines of context), huge file aside.
var wantQuirks = map[string]fileSummary{
	"app/[id]/(shop)/@modal/page.tsx": {Status: Added, Hunks: []Hunk{added(1, 1, LineRange{1, 1})}},
	"app/my dir/page.tsx":             {Status: Modified, OldPath: "app/my dir/page.tsx", Hunks: []Hunk{added(1, 4, LineRange{2, 2}, LineRange{4, 4})}},
	`app/q"uote/page.tsx`:             {Status: Modified, OldPath: `app/q"uote/page.tsx`, Hunks: []Hunk{added(1, 1, LineRange{1, 1})}},
	"app/ünï/page.tsx":                {Status: Added, Hunks: []Hunk{added(1, 1, LineRange{1, 1})}},
	"bin/blob.bin":                    {Status: Modified, OldPath: "bin/blob.bin", Binary: true},
	"bin/run.sh":                      {Status: Modified, OldPath: "bin/run.sh", ModeOnly: true},
	"lib/crlf.ts":                     {Status: Modified, OldPath: "lib/crlf.ts", Hunks: []Hunk{added(1, 3, LineRange{2, 2})}},
	"lib/del.ts":                      {Status: Modified, OldPath: "lib/del.ts", Hunks: []Hunk{added(1, 6)}},
	"lib/empty.ts":                    {Status: Added},
	"lib/gone.ts":                     {Status: Deleted, OldPath: "lib/gone.ts"},
	"lib/moved2.ts":                   {Status: Renamed, OldPath: "lib/moved.ts", Hunks: []Hunk{added(1, 6, LineRange{3, 3})}},
	"lib/multi.ts":                    {Status: Modified, OldPath: "lib/multi.ts", Hunks: []Hunk{added(2, 8, LineRange{5, 5}), added(22, 28, LineRange{25, 25})}},
	"lib/new.ts":                      {Status: Renamed, OldPath: "lib/old.ts"},
	"lib/nonl.ts":                     {Status: Modified, OldPath: "lib/nonl.ts", Hunks: []Hunk{added(1, 1, LineRange{1, 1})}},
}

func checkQuirks(t *testing.T, d *Diff) {
	t.Helper()
	got := summarize(d)
	huge, ok := got["lib/huge.ts"]
	if !ok {
		t.Fatal("lib/huge.ts (25,000 added lines) missing from the diff")
	}
	if want := (fileSummary{Status: Added, Hunks: []Hunk{added(1, 25000, LineRange{1, 25000})}}); !reflect.DeepEqual(huge, want) {
		t.Errorf("lib/huge.ts = %+v, want one hunk 1..25000 all added", huge)
	}
	delete(got, "lib/huge.ts")
	for path, want := range wantQuirks {
		if g, ok := got[path]; !ok {
			t.Errorf("%s: missing from the diff", path)
		} else if !reflect.DeepEqual(g, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", path, g, want)
		}
	}
	for path := range got {
		if _, ok := wantQuirks[path]; !ok {
			t.Errorf("unexpected file %q in the diff", path)
		}
	}
}

func TestBetweenQuirks(t *testing.T) {
	r, base, head := quirkRepo(t)
	d, err := Between(context.Background(), r.Dir, base, head)
	if err != nil {
		t.Fatal(err)
	}
	checkQuirks(t, d)
}

// With core.quotePath left at its default, git C-quotes the non-ASCII path with octal escapes; the parse
// must not change.
func TestParseQuotedPaths(t *testing.T) {
	r, base, head := quirkRepo(t)
	raw := r.Git("-c", "core.quotePath=true", "diff", "--find-renames", base, head)
	if !strings.Contains(raw, `"b/app/\303\274n\303\257/page.tsx"`) {
		t.Fatalf("git did not C-quote the non-ASCII path; the fixture does not test what it should:\n%s", raw)
	}
	if !strings.Contains(raw, "+++ b/app/my dir/page.tsx\t\n") {
		t.Fatalf("git did not end the path with a space in a TAB; the fixture does not test what it should")
	}
	d, err := Parse(strings.NewReader(raw + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	checkQuirks(t, d)
}

// Local sees committed, staged, unstaged and untracked changes, whatever the user's diff configuration.
func TestLocalWorkingTree(t *testing.T) {
	r := gittest.New(t)
	r.Write(map[string]string{"lib/a.ts": "1\n2\n3\n", ".gitignore": "ignored/\n"})
	base := r.Commit("base")
	// Hostile configuration: no a/ b/ prefixes, colour always, an external diff, less context, relative.
	for _, kv := range [][2]string{{"diff.noprefix", "true"}, {"diff.mnemonicPrefix", "true"}, {"color.ui", "always"},
		{"diff.external", "false"}, {"diff.context", "0"}, {"diff.relative", "true"}} {
		r.Git("config", kv[0], kv[1])
	}
	r.Write(map[string]string{"lib/a.ts": "1\ntwo\n3\n"})            // unstaged
	r.Write(map[string]string{"lib/b.ts": "staged\n"})               // staged below
	r.Write(map[string]string{"lib/c.ts": "u1\nu2"})                 // untracked, no final newline
	r.Write(map[string]string{"ignored/x.ts": "nope\n"})             // ignored
	r.Write(map[string]string{"lib/blob.bin": "\x00binary\x00\x00"}) // untracked binary
	r.Git("add", "lib/b.ts")
	d, err := Local(context.Background(), r.Dir, base)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]fileSummary{
		"lib/a.ts":     {Status: Modified, OldPath: "lib/a.ts", Hunks: []Hunk{added(1, 3, LineRange{2, 2})}},
		"lib/b.ts":     {Status: Added, Hunks: []Hunk{added(1, 1, LineRange{1, 1})}},
		"lib/c.ts":     {Status: Added, Hunks: []Hunk{added(1, 2, LineRange{1, 2})}},
		"lib/blob.bin": {Status: Added, Binary: true},
	}
	if got := summarize(d); !reflect.DeepEqual(got, want) {
		t.Errorf("Local:\n got %+v\nwant %+v", got, want)
	}
}

func TestLocalUnknownRevision(t *testing.T) {
	r := gittest.New(t)
	r.Write(map[string]string{"a.ts": "1\n"})
	r.Commit("base")
	_, err := Local(context.Background(), r.Dir, "no-such-rev")
	if err == nil || !strings.Contains(err.Error(), "no-such-rev") {
		t.Fatalf("Local(no-such-rev) = %v, want an error naming the revision", err)
	}
}

// A -U0 diff with a pure deletion, a missing count and a hunk header with a section name.
const zeroContext = `diff --git a/lib/x.ts b/lib/x.ts
index 1111111..2222222 100644
--- a/lib/x.ts
+++ b/lib/x.ts
@@ -4,3 +3,0 @@ export function f() {
-a
-b
-c
@@ -10 +7 @@ export function g() {
-old
+new
@@ -20,0 +18,2 @@
+p
+q
`

func TestParseZeroContext(t *testing.T) {
	d, err := Parse(strings.NewReader(zeroContext))
	if err != nil {
		t.Fatal(err)
	}
	f := d.File("lib/x.ts")
	want := []Hunk{{Start: 4, End: 3}, added(7, 7, LineRange{7, 7}), added(18, 19, LineRange{18, 19})}
	if !reflect.DeepEqual(f.Hunks, want) {
		t.Fatalf("hunks = %+v, want %+v", f.Hunks, want)
	}
	for line, want := range map[int]bool{3: false, 4: false, 6: false, 7: true, 8: false, 17: false, 18: true, 19: true, 20: false} {
		if got := f.IsAdded(line); got != want {
			t.Errorf("IsAdded(%d) = %v, want %v", line, got, want)
		}
	}
	if f.AddedLines() != 3 {
		t.Errorf("AddedLines = %d, want 3", f.AddedLines())
	}
}

func TestParseError(t *testing.T) {
	_, err := Parse(strings.NewReader("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n"))
	if err == nil {
		t.Fatal("a hunk that miscounts its lines parsed without error")
	}
}

func TestContainsAndAnchor(t *testing.T) {
	d, err := Parse(strings.NewReader(`diff --git a/app/page.tsx b/app/page.tsx
--- a/app/page.tsx
+++ b/app/page.tsx
@@ -1,6 +1,8 @@
 one
-two
+TWO
+TWO-b
 three
 four
+five
 six
 seven
@@ -40,3 +42,3 @@
 x
-y
+Y
 z
diff --git a/lib/renamed.ts b/lib/renamed2.ts
similarity index 100%
rename from lib/renamed.ts
rename to lib/renamed2.ts
diff --git a/lib/gone.ts b/lib/gone.ts
deleted file mode 100644
--- a/lib/gone.ts
+++ /dev/null
@@ -1 +0,0 @@
-x
`))
	if err != nil {
		t.Fatal(err)
	}
	type tc struct {
		path       string
		start, end int
		// Contains for added, diff_context, file, nofilter
		contains [4]bool
		// Anchor for added and diff_context (file and nofilter anchor like diff_context)
		anchor [2]bool
	}
	for _, c := range []tc{
		{"app/page.tsx", 2, 3, [4]bool{true, true, true, true}, [2]bool{true, true}},     // two added lines
		{"app/page.tsx", 2, 0, [4]bool{true, true, true, true}, [2]bool{true, true}},     // end < start: one line
		{"app/page.tsx", 3, 4, [4]bool{false, true, true, true}, [2]bool{false, true}},   // added + context
		{"app/page.tsx", 1, 1, [4]bool{false, true, true, true}, [2]bool{false, true}},   // context only
		{"app/page.tsx", 8, 9, [4]bool{false, false, true, true}, [2]bool{false, false}}, // runs out of the hunk
		{"app/page.tsx", 20, 20, [4]bool{false, false, true, true}, [2]bool{false, false}},
		{"app/page.tsx", 7, 43, [4]bool{false, false, true, true}, [2]bool{false, false}}, // spans two hunks
		{"app/page.tsx", 43, 43, [4]bool{true, true, true, true}, [2]bool{true, true}},
		{"lib/renamed2.ts", 1, 1, [4]bool{false, false, true, true}, [2]bool{false, false}}, // rename, no hunks
		{"lib/gone.ts", 1, 1, [4]bool{false, false, false, true}, [2]bool{false, false}},    // deleted
		{"lib/untouched.ts", 1, 1, [4]bool{false, false, false, true}, [2]bool{false, false}},
	} {
		for i, m := range Modes {
			if got := d.Contains(m, c.path, c.start, c.end); got != c.contains[i] {
				t.Errorf("Contains(%s, %s, %d, %d) = %v, want %v", m, c.path, c.start, c.end, got, c.contains[i])
			}
			a, ok := d.Anchor(m, c.path, c.start, c.end)
			want := c.anchor[min(i, 1)]
			if ok != want {
				t.Errorf("Anchor(%s, %s, %d, %d) ok = %v, want %v", m, c.path, c.start, c.end, ok, want)
			}
			if ok && (a.Path != c.path || a.StartLine != c.start || a.Line != max(c.start, c.end)) {
				t.Errorf("Anchor(%s, %s, %d, %d) = %+v", m, c.path, c.start, c.end, a)
			}
		}
	}
}

func TestParseMode(t *testing.T) {
	for _, m := range Modes {
		if got, err := ParseMode(string(m)); err != nil || got != m {
			t.Errorf("ParseMode(%q) = %q, %v", m, got, err)
		}
	}
	if _, err := ParseMode("lines"); err == nil || !strings.Contains(err.Error(), "added, diff_context, file, nofilter") {
		t.Errorf("ParseMode(lines) error = %v, want the list of modes", err)
	}
}

// The committed fixture is the quirk repository's diff as git 2.39 wrote it, so the parser is tested
// without git too (and seeds the fuzz target).
func TestParseCommittedFixture(t *testing.T) {
	fixture := filepath.Join("..", "..", "testdata", "github", "quirks.diff")
	if *update {
		r, base, head := quirkRepo(t)
		raw, err := Git(context.Background(), r.Dir, append(append([]string{}, diffArgs...), base, head, "--", ".", ":!lib/huge.ts")...)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fixture, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	got := summarize(d)
	delete(got, "lib/huge.ts") // not in the committed fixture (25,000 lines)
	if !reflect.DeepEqual(got, wantQuirks) {
		for p, w := range wantQuirks {
			if !reflect.DeepEqual(got[p], w) {
				t.Errorf("%s:\n got %+v\nwant %+v", p, got[p], w)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(zeroContext)
	if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "github", "quirks.diff")); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, file := range d.Files() {
			for i, h := range file.Hunks {
				if i > 0 && h.Start < file.Hunks[i-1].Start {
					t.Fatalf("%s: hunks out of order", file.Path)
				}
				for _, r := range h.Added {
					if r.Start > r.End || r.Start < h.Start || r.End > h.End {
						t.Fatalf("%s: added run %+v outside hunk %+v", file.Path, r, h)
					}
				}
			}
		}
	})
}
