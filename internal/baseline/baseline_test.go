package baseline

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/report"
)

func finding(rule, path, fp string) report.Finding {
	return report.Finding{RuleID: rule, Location: report.Location{Path: path}, Fingerprint: fp, Message: "msg " + fp}
}

func TestFileRoundTrip(t *testing.T) {
	es := []Entry{
		{Rule: "security/raw-sql-injection", Path: "b.ts", Fingerprint: "2", Message: `uses "<x>" & more`},
		{Rule: "security/raw-sql-injection", Path: "a.ts", Fingerprint: "9", Message: "m"},
		{Rule: "auth/missing-auth", Path: "b.ts", Fingerprint: "1", Message: "m"},
	}
	got := string(Marshal(es))
	want := `{
  "version": 1,
  "entries": [
    {"rule":"security/raw-sql-injection","path":"a.ts","fingerprint":"9","message":"m"},
    {"rule":"auth/missing-auth","path":"b.ts","fingerprint":"1","message":"m"},
    {"rule":"security/raw-sql-injection","path":"b.ts","fingerprint":"2","message":"uses \"<x>\" & more"}
  ]
}
`
	if got != want {
		t.Errorf("Marshal:\n%s\nwant:\n%s", got, want)
	}
	f, err := Parse("b.json", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	sorted := append([]Entry(nil), es...)
	Sort(sorted)
	if !reflect.DeepEqual(f.Entries, sorted) {
		t.Errorf("round trip: %+v", f.Entries)
	}
	if got := string(Marshal(nil)); got != "{\n  \"version\": 1,\n  \"entries\": []\n}\n" {
		t.Errorf("empty: %q", got)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read(filepath.Join(t.TempDir(), "none.json")); !errors.Is(err, ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	for _, tc := range []struct{ src, want string }{
		{`{"version": 2, "entries": []}`, "baseline b.json has version 2; this archlint reads version 1 (regenerate it with 'archlint baseline')"},
		{`{"version": 1, "entries": [{"rule": "a/b", "path": "x"}]}`, "baseline b.json: entry 1 needs rule, path and fingerprint"},
		{`{"version": 1, "entries": [], "extra": 1}`, `baseline b.json is not a valid baseline file: json: unknown field "extra"`},
		{`[`, "baseline b.json is not a valid baseline file: unexpected EOF"},
	} {
		if _, err := Parse("b.json", []byte(tc.src)); err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v\nwant %s", tc.src, err, tc.want)
		}
	}
}

// TestApply covers BASE-03: exact matches, the count fallback per (rule, path), a file that got worse,
// unused entries, entries outside the view, and suppressed findings.
func TestApply(t *testing.T) {
	const raw, fk = "security/raw-sql-injection", "prisma/missing-fk-index"
	entries := []Entry{
		{Rule: raw, Path: "a.ts", Fingerprint: "a1"},
		{Rule: raw, Path: "a.ts", Fingerprint: "a2"},
		{Rule: raw, Path: "b.ts", Fingerprint: "b1"},         // code changed: b1 -> b9, matched by count
		{Rule: raw, Path: "b.ts", Fingerprint: "b2"},         // fixed: one entry of b.ts left over
		{Rule: raw, Path: "b.ts", Fingerprint: "b3"},         // unchanged
		{Rule: raw, Path: "c.ts", Fingerprint: "c1"},         // c.ts got worse: two changed findings for one entry
		{Rule: raw, Path: "d.ts", Fingerprint: "d1"},         // d.ts fixed
		{Rule: fk, Path: "schema.prisma", Fingerprint: "s1"}, // out of view (rule off): kept, not unused
		{Rule: raw, Path: "e.ts", Fingerprint: "e1"},         // the finding is now suppressed inline: unused
	}
	r := &report.Report{Findings: []report.Finding{
		finding(raw, "a.ts", "a1"),
		finding(raw, "a.ts", "a2"),
		finding(raw, "a.ts", "a3"), // new
		finding(raw, "b.ts", "b9"),
		finding(raw, "b.ts", "b3"),
		finding(raw, "c.ts", "c8"),
		finding(raw, "c.ts", "c9"),
		finding(raw, "e.ts", "e1"),
	}}
	r.Findings[7].Suppression = &report.Suppression{Kind: "inSource", Justification: "reviewed"}
	res := Apply(r, entries, func(rule, path string) bool { return rule != fk })

	var baselined []string
	for _, f := range r.Findings {
		if f.Baselined {
			baselined = append(baselined, f.Location.Path+":"+f.Fingerprint)
		}
	}
	if want := []string{"a.ts:a1", "a.ts:a2", "b.ts:b9", "b.ts:b3"}; !reflect.DeepEqual(baselined, want) {
		t.Errorf("baselined %q, want %q", baselined, want)
	}
	if res.Baselined != 4 || res.ByCount != 1 {
		t.Errorf("Baselined %d ByCount %d", res.Baselined, res.ByCount)
	}
	wantUnused := []Group{{raw, "b.ts", 1}, {raw, "d.ts", 1}, {raw, "e.ts", 1}}
	if !reflect.DeepEqual(res.Unused, wantUnused) || res.UnusedCount() != 3 {
		t.Errorf("unused %+v, want %+v", res.Unused, wantUnused)
	}
	var kept []string
	for _, e := range res.Kept {
		kept = append(kept, e.Path+":"+e.Fingerprint)
	}
	// Prune keeps the matched findings with their current fingerprints, c.ts's entry (the file got worse,
	// the entry is not stale) and the out-of-view entry.
	if want := []string{"a.ts:a1", "a.ts:a2", "b.ts:b3", "b.ts:b9", "c.ts:c1", "schema.prisma:s1"}; !reflect.DeepEqual(kept, want) {
		t.Errorf("kept %q, want %q", kept, want)
	}
	if d := Describe(res.Unused, 2); d != "  "+raw+" in b.ts: 1 entry\n  "+raw+" in d.ts: 1 entry\n  … and 1 more files\n" {
		t.Errorf("Describe: %q", d)
	}
}

// TestApplyCountSemantics: with n left-over entries, up to n changed findings are baselined; n+1 are all
// reported (ESLint's bulk-suppression rule).
func TestApplyCountSemantics(t *testing.T) {
	const raw = "security/raw-sql-injection"
	entries := []Entry{{Rule: raw, Path: "x.ts", Fingerprint: "1"}, {Rule: raw, Path: "x.ts", Fingerprint: "2"}}
	for n := 0; n <= 3; n++ {
		r := &report.Report{}
		for i := 0; i < n; i++ {
			r.Findings = append(r.Findings, finding(raw, "x.ts", "changed"+strings.Repeat("!", i)))
		}
		res := Apply(r, entries, nil)
		wantBaselined := n
		if n > 2 {
			wantBaselined = 0
		}
		wantUnused := max(0, 2-n)
		if n > 2 {
			wantUnused = 0
		}
		if res.Baselined != wantBaselined || res.UnusedCount() != wantUnused {
			t.Errorf("%d findings: %d baselined, %d unused; want %d, %d", n, res.Baselined, res.UnusedCount(), wantBaselined, wantUnused)
		}
	}
}
