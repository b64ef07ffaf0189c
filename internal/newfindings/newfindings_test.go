package newfindings

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/gitdiff/gittest"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

const crossfile = "../../testdata/github/crossfile"

// sqlOnly restricts the analyses to the raw-SQL rule, which the fixtures are about.
var sqlOnly = []*rules.Rule{rules.RawSQLInjection}

// crossfileRepo commits the fixture's base on main and its head on branch feature (checked out).
func crossfileRepo(t *testing.T) *gittest.Repo {
	t.Helper()
	r := gittest.New(t)
	r.CopyDir(filepath.Join(crossfile, "base"), "")
	r.Commit("base")
	r.Git("checkout", "-q", "-b", "feature")
	r.CopyDir(filepath.Join(crossfile, "head"), "")
	r.Commit("re-export the reporting helpers from lib/db.ts")
	return r
}

// BASE-05: a change to lib/db.ts makes the raw-SQL rule fire in lib/reports.ts, which the diff does not
// touch; the base-vs-head comparison reports it, and only it.
func TestCrossFileFindingIsNew(t *testing.T) {
	r := crossfileRepo(t)
	t.Chdir(r.Dir)
	ctx := context.Background()

	commit, err := MergeBase(ctx, r.Dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	if want := r.Git("rev-parse", "main"); commit != want {
		t.Fatalf("merge base = %s, want main's tip %s", commit, want)
	}
	base, err := AnalyzeBase(ctx, r.Dir, commit, engine.Options{Paths: []string{"."}, Rules: sqlOnly})
	if err != nil {
		t.Fatal(err)
	}
	if base.Len() != 1 {
		t.Fatalf("base has %d findings, want 1 (app/api/legacy/route.ts)", base.Len())
	}
	head, err := engine.Analyze(engine.Options{Paths: []string{"."}, Rules: sqlOnly, Processors: func(*engine.Result) ([]processors.Processor, error) {
		return []processors.Processor{Filter(base)}, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range head.Report.Findings {
		got = append(got, f.Location.Path+":"+f.RuleID)
	}
	if want := []string{"lib/reports.ts:security/raw-sql-injection"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("new findings = %v, want %v", got, want)
	}
	f := head.Report.Findings[0]
	if f.Location.Range.Start.Line != 9 || !strings.Contains(f.Message, "runReport") {
		t.Errorf("new finding at line %d: %s; want line 9, the runReport call", f.Location.Range.Start.Line, f.Message)
	}
	// The finding is in a file the change does not touch.
	d, err := gitdiff.Between(ctx, r.Dir, commit, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if d.Changed("lib/reports.ts") || !d.Changed("lib/db.ts") {
		t.Fatalf("fixture broken: the diff should touch lib/db.ts only, got %v", paths(d))
	}
	// The note says what was left out.
	var note *report.Notification
	for i := range head.Report.Notifications {
		if head.Report.Notifications[i].ID == NotificationID {
			note = &head.Report.Notifications[i]
		}
	}
	if note == nil || !strings.Contains(note.Message, "1 finding already present in the base commit "+commit[:12]) {
		t.Errorf("notification = %+v, want one naming the dropped finding and the base commit", note)
	}
	assertNoWorktrees(t, r)
}

func paths(d *gitdiff.Diff) []string {
	var out []string
	for _, f := range d.Files() {
		out = append(out, f.Path)
	}
	return out
}

func assertNoWorktrees(t *testing.T, r *gittest.Repo) {
	t.Helper()
	if n := strings.Count(r.Git("worktree", "list", "--porcelain"), "worktree "); n != 1 {
		t.Errorf("%d worktrees registered after the analysis, want only the main one:\n%s", n, r.Git("worktree", "list"))
	}
}

// The analysis runs with the head's repository-relative paths: analysing a sub-directory from inside it
// compares the same paths.
func TestAnalyzeBaseSubdirectory(t *testing.T) {
	r := gittest.New(t)
	r.CopyDir(filepath.Join(crossfile, "base"), "apps/web")
	r.Write(map[string]string{"apps/other/app/api/x/route.ts": "export async function GET(q: string) { return db.$queryRawUnsafe(`${q}`); }\n"})
	base := r.Commit("base")
	t.Chdir(filepath.Join(r.Dir, "apps", "web"))
	b, err := AnalyzeBase(context.Background(), r.Dir, base, engine.Options{Paths: []string{"."}, Rules: sqlOnly})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range b.Report.Findings {
		got = append(got, f.Location.Path)
	}
	if want := []string{"apps/web/app/api/legacy/route.ts"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("base findings = %v, want %v (repository-relative, scoped to apps/web)", got, want)
	}
	head, err := engine.Analyze(engine.Options{Paths: []string{"."}, Rules: sqlOnly})
	if err != nil {
		t.Fatal(err)
	}
	if len(head.Report.Findings) != 1 || !b.Has(head.Report.Findings[0].Fingerprint) {
		t.Fatalf("head finding's fingerprint is not in the base: the two analyses are not comparable")
	}
}

// A path the change adds does not exist in the base: the base is empty and everything under it is new.
func TestAnalyzeBaseMissingPath(t *testing.T) {
	r := gittest.New(t)
	r.Write(map[string]string{"README.md": "x\n"})
	base := r.Commit("base")
	r.CopyDir(filepath.Join(crossfile, "base"), "apps/new")
	r.Commit("add an app")
	t.Chdir(r.Dir)
	b, err := AnalyzeBase(context.Background(), r.Dir, base, engine.Options{Paths: []string{"apps/new"}, Rules: sqlOnly})
	if err != nil {
		t.Fatal(err)
	}
	if b.Report != nil || b.Len() != 0 {
		t.Fatalf("base = %+v, want empty", b)
	}
}

func TestResolveUnknownRevision(t *testing.T) {
	r := gittest.New(t)
	r.Write(map[string]string{"a": "1\n"})
	r.Commit("one")
	ctx := context.Background()
	for _, rev := range []string{"no-such-branch", "--output=/tmp/x", "", "0123456789abcdef0123456789abcdef01234567"} {
		if _, err := Resolve(ctx, r.Dir, rev); !errors.Is(err, ErrUnknownRevision) {
			t.Errorf("Resolve(%q) = %v, want ErrUnknownRevision", rev, err)
		}
	}
	if _, err := MergeBase(ctx, r.Dir, "nope"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("MergeBase(nope) = %v, want ErrUnknownRevision", err)
	}
	// An orphan branch has no common ancestor with HEAD.
	r.Git("checkout", "-q", "--orphan", "lonely")
	r.Commit("lonely")
	if _, err := MergeBase(ctx, r.Dir, "main"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("MergeBase(main) from an orphan branch = %v, want ErrUnknownRevision", err)
	}
	if _, err := TopLevel(ctx, t.TempDir()); !errors.Is(err, ErrNotGit) {
		t.Errorf("TopLevel(outside git) = %v, want ErrNotGit", err)
	}
}

// The worktree is removed when the analysis fails and when it panics.
func TestWorktreeRemovedOnErrorAndPanic(t *testing.T) {
	r := gittest.New(t)
	r.Write(map[string]string{"a.ts": "1\n"})
	sha := r.Commit("one")
	ctx := context.Background()

	var seen string
	boom := errors.New("boom")
	err := Worktree(ctx, r.Dir, sha, func(root string) error {
		seen = root
		if _, err := os.Stat(filepath.Join(root, "a.ts")); err != nil {
			t.Errorf("worktree lacks the commit's files: %v", err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Worktree error = %v, want the callback's", err)
	}
	if _, err := os.Stat(seen); !os.IsNotExist(err) {
		t.Errorf("worktree %s still exists after an error", seen)
	}
	assertNoWorktrees(t, r)

	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not propagate")
			}
		}()
		_ = Worktree(ctx, r.Dir, sha, func(root string) error {
			seen = root
			panic("analysis panicked")
		})
	}()
	if _, err := os.Stat(seen); !os.IsNotExist(err) {
		t.Errorf("worktree %s still exists after a panic", seen)
	}
	assertNoWorktrees(t, r)

	if err := Worktree(ctx, r.Dir, "0000000000000000000000000000000000000000", func(string) error { return nil }); err == nil {
		t.Error("Worktree on a missing commit succeeded")
	}
	assertNoWorktrees(t, r)
}

func TestFindingLines(t *testing.T) {
	pos := func(l, c int) report.Position { return report.Position{Line: l, Column: c} }
	for _, c := range []struct {
		rg         report.Range
		start, end int
	}{
		{report.Range{Start: pos(3, 5), End: pos(3, 9)}, 3, 3},
		{report.Range{Start: pos(3, 5), End: pos(5, 2)}, 3, 5},
		{report.Range{Start: pos(3, 5), End: pos(5, 1)}, 3, 4}, // half-open: ends before line 5
		{report.Range{Start: pos(3, 1), End: pos(4, 1)}, 3, 3},
		{report.Range{}, 1, 1},
		{report.Range{Start: pos(7, 1)}, 7, 7},
	} {
		if s, e := FindingLines(c.rg); s != c.start || e != c.end {
			t.Errorf("FindingLines(%+v) = %d, %d; want %d, %d", c.rg, s, e, c.start, c.end)
		}
	}
}

func TestDiffFilter(t *testing.T) {
	d, err := gitdiff.Parse(strings.NewReader("diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1,3 +1,4 @@\n 1\n+new\n 2\n 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	at := func(path string, line int) report.Finding {
		return report.Finding{RuleID: "x/y", Fingerprint: path, Location: report.Location{Path: path,
			Range: report.Range{Start: report.Position{Line: line, Column: 1}, End: report.Position{Line: line, Column: 4}}}}
	}
	for mode, want := range map[gitdiff.Mode][]string{
		gitdiff.ModeAdded:       {"a.ts:2"},
		gitdiff.ModeDiffContext: {"a.ts:2", "a.ts:4"},
		gitdiff.ModeFile:        {"a.ts:2", "a.ts:4", "a.ts:9"},
		gitdiff.ModeNoFilter:    {"a.ts:2", "a.ts:4", "a.ts:9", "b.ts:2"},
	} {
		r := &report.Report{Findings: []report.Finding{at("a.ts", 2), at("a.ts", 4), at("a.ts", 9), at("b.ts", 2)}}
		if err := DiffFilter(d, mode).Process(r); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range r.Findings {
			got = append(got, f.Location.Path+":"+strconv.Itoa(f.Location.Range.Start.Line))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: kept %v, want %v", mode, got, want)
		}
	}
}

// A finding suppressed in the base does not count as present there: removing the suppression makes it new.
func TestNewBaseIgnoresSuppressed(t *testing.T) {
	rep := &report.Report{Findings: []report.Finding{
		{Fingerprint: "aaaa"},
		{Fingerprint: "bbbb", Suppression: &report.Suppression{Kind: "inSource", Justification: "reviewed"}},
		{Fingerprint: "cccc", Baselined: true},
	}}
	b := NewBase("abc", rep)
	if !b.Has("aaaa") || b.Has("bbbb") || !b.Has("cccc") || b.Len() != 2 {
		t.Errorf("base fingerprints: aaaa %v, bbbb %v, cccc %v", b.Has("aaaa"), b.Has("bbbb"), b.Has("cccc"))
	}
}
