package sarif

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

func TestPathURI(t *testing.T) {
	tests := []struct{ path, want string }{
		{"app/page.tsx", "app/page.tsx"},
		{"apps/web/app/[id]/page.tsx", "apps/web/app/%5Bid%5D/page.tsx"},
		{"app/[...slug]/page.tsx", "app/%5B...slug%5D/page.tsx"},
		{"app/[[...opt]]/page.tsx", "app/%5B%5B...opt%5D%5D/page.tsx"},
		{"app/(shop)/@modal/(.)photo/page.tsx", "app/(shop)/@modal/(.)photo/page.tsx"},
		{"app/my dir/#x%.tsx", "app/my%20dir/%23x%25.tsx"},
		{"app/ünï/page.tsx", "app/%C3%BCn%C3%AF/page.tsx"},
		{"app/😀.tsx", "app/%F0%9F%98%80.tsx"},
		{"a+b;c?d\\e\"f'g/x.ts", "a%2Bb%3Bc%3Fd%5Ce%22f'g/x.ts"},
		{"c:/x.ts", "./c:/x.ts"},
		{"app/c:d.ts", "app/c:d.ts"},
		{".github/workflows/x.yml", ".github/workflows/x.yml"},
	}
	for _, tt := range tests {
		got, err := PathURI(tt.path)
		if err != nil || got != tt.want {
			t.Errorf("PathURI(%q) = %q, %v; want %q", tt.path, got, err, tt.want)
			continue
		}
		// Round trip the way consumers read it: reviewdog parses the URI reference, codeql-action
		// decodeURIComponent()s it (PathUnescape decodes the same way).
		u, err := url.Parse(got)
		if err != nil {
			t.Errorf("url.Parse(%q): %v", got, err)
			continue
		}
		if u.Scheme != "" || u.Host != "" || strings.TrimPrefix(u.Path, "./") != tt.path {
			t.Errorf("url.Parse(%q) = scheme %q host %q path %q; want path %q", got, u.Scheme, u.Host, u.Path, tt.path)
		}
		if dec, err := url.PathUnescape(got); err != nil || strings.TrimPrefix(dec, "./") != tt.path {
			t.Errorf("PathUnescape(%q) = %q, %v", got, dec, err)
		}
	}
	for _, bad := range []string{"", "/abs/x.ts", "app//x.ts", "app/../x.ts", "./x.ts", "app/"} {
		if got, err := PathURI(bad); err == nil {
			t.Errorf("PathURI(%q) = %q, want an error", bad, got)
		}
	}
}

// TestDeterministic: the same report gives the same bytes, whatever the order of its rules, findings and
// notifications (SARIF-02c).
func TestDeterministic(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Marshal(tc.rep(t), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			r := tc.rep(t)
			rng := rand.New(rand.NewSource(1))
			rng.Shuffle(len(r.Rules), func(i, j int) { r.Rules[i], r.Rules[j] = r.Rules[j], r.Rules[i] })
			rng.Shuffle(len(r.Findings), func(i, j int) { r.Findings[i], r.Findings[j] = r.Findings[j], r.Findings[i] })
			rng.Shuffle(len(r.Notifications), func(i, j int) {
				r.Notifications[i], r.Notifications[j] = r.Notifications[j], r.Notifications[i]
			})
			b, err := Marshal(r, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("output depends on input order:\n%s", firstDiff(a, b))
			}
		})
	}
}

// decoded is the part of a SARIF log the tests below read.
type decoded struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				Rules           []struct {
					ID string `json:"id"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful *bool `json:"executionSuccessful"`
			Notifications       []struct {
				Descriptor struct {
					ID string `json:"id"`
				} `json:"descriptor"`
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID       string          `json:"ruleId"`
			Level        string          `json:"level"`
			Suppressions json.RawMessage `json:"suppressions"`
			Message      struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Properties map[string]any `json:"properties"`
		} `json:"results"`
		AutomationDetails *struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
	} `json:"runs"`
}

func decode(t testing.TB, b []byte) decoded {
	t.Helper()
	var d decoded
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs", len(d.Runs))
	}
	return d
}

// syntheticReport has n findings spread over the three test rules, many files and lines.
func syntheticReport(t testing.TB, n int) *report.Report {
	r := baseReport(t)
	sql, boundary, note := testRules(t)
	rs := []*rules.Rule{note, boundary, sql, note, boundary}
	for i := 0; i < n; i++ {
		rule := rs[i%len(rs)]
		line := i%400 + 1
		r.Findings = append(r.Findings, report.Finding{
			RuleID: rule.ID, Severity: rule.Severity,
			Message:     fmt.Sprintf("Synthetic finding %d", i),
			Location:    report.Location{Path: fmt.Sprintf("app/f%03d/page.tsx", i%97), Range: report.Range{Start: report.Position{Line: line, Column: 3}, End: report.Position{Line: line, Column: 9}}},
			Fingerprint: fmt.Sprintf("%016x", i),
			LineHash:    fmt.Sprintf("%x:1", i+1),
		})
	}
	report.SortFindings(r.Findings)
	return r
}

// T-LIMITS (SARIF-02b): 30,000 findings give the 5,000 most severe results and a notification.
func TestLimits(t *testing.T) {
	r := syntheticReport(t, 30000)
	b, err := Marshal(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := decode(t, b)
	res := d.Runs[0].Results
	if len(res) != DefaultMaxResults {
		t.Fatalf("%d results, want %d", len(res), DefaultMaxResults)
	}
	// 30,000 findings: 6,000 errors, 12,000 warnings, 12,000 notes. The cut keeps 5,000 errors.
	rank := map[string]int{"error": 3, "warning": 2, "note": 1}
	for i := 1; i < len(res); i++ {
		a, b := res[i-1], res[i]
		if rank[a.Level] < rank[b.Level] {
			t.Fatalf("result %d (%s) after a %s", i, b.Level, a.Level)
		}
		pa, pb := a.Locations[0].PhysicalLocation, b.Locations[0].PhysicalLocation
		if a.Level == b.Level && (pa.ArtifactLocation.URI > pb.ArtifactLocation.URI ||
			pa.ArtifactLocation.URI == pb.ArtifactLocation.URI && pa.Region.StartLine > pb.Region.StartLine) {
			t.Fatalf("results %d and %d are not in path/line order", i-1, i)
		}
	}
	if res[len(res)-1].Level != "error" {
		t.Errorf("last kept result is a %s; 6,000 errors should fill the 5,000", res[len(res)-1].Level)
	}
	ns := d.Runs[0].Invocations[0].Notifications
	if len(ns) != 1 || ns[0].Descriptor.ID != TruncatedNotificationID || ns[0].Level != "warning" ||
		!strings.Contains(ns[0].Message.Text, "5000 of 30000") || !strings.Contains(ns[0].Message.Text, "25000 were left out") {
		t.Errorf("truncation notification: %+v", ns)
	}
	assertGitHubCompatible(t, b)
	if err := validateSchema(t, b); err != nil {
		t.Error(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(b)
	zw.Close()
	if gz.Len() > 10<<20 {
		t.Errorf("gzip-compressed file is %d bytes, GitHub accepts 10 MB", gz.Len())
	}

	t.Run("explicit limit", func(t *testing.T) {
		b, err := Marshal(syntheticReport(t, 100), Options{MaxResults: 7})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(decode(t, b).Runs[0].Results); n != 7 {
			t.Errorf("%d results, want 7", n)
		}
	})
	t.Run("no limit", func(t *testing.T) {
		b, err := Marshal(syntheticReport(t, 6000), Options{MaxResults: -1})
		if err != nil {
			t.Fatal(err)
		}
		d := decode(t, b)
		if n := len(d.Runs[0].Results); n != 6000 {
			t.Errorf("%d results, want 6000", n)
		}
		if ns := d.Runs[0].Invocations[0].Notifications; len(ns) != 0 {
			t.Errorf("notifications without truncation: %+v", ns)
		}
	})
}

// T-SARIF-suppressed (SARIF-19, GOSARIF-05, GOSARIF-12).
func TestSuppressed(t *testing.T) {
	t.Run("omitted by default", func(t *testing.T) {
		b, err := Marshal(suppressedReport(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		d := decode(t, b)
		if n := len(d.Runs[0].Results); n != 1 || d.Runs[0].Results[0].RuleID != "security/test-sql" {
			t.Errorf("results %+v, want only the unsuppressed finding", d.Runs[0].Results)
		}
		if bytes.Contains(b, []byte(`"suppressions"`)) {
			t.Error("suppressions written without IncludeSuppressed")
		}
		assertGitHubCompatible(t, b)
	})
	t.Run("included", func(t *testing.T) {
		b, err := Marshal(suppressedReport(t), Options{IncludeSuppressed: true})
		if err != nil {
			t.Fatal(err)
		}
		d := decode(t, b)
		res := d.Runs[0].Results
		if len(res) != 3 {
			t.Fatalf("%d results, want 3", len(res))
		}
		want := map[string]string{
			"security/test-sql":  `[]`,
			"arch/test-boundary": `[{"kind":"inSource","status":"accepted","justification":"db only exposes a name constant","location":{"physicalLocation":{"artifactLocation":{"uri":"components/Cart.tsx","uriBaseId":"%SRCROOT%"},"region":{"startLine":1,"startColumn":1,"endLine":1,"endColumn":14}}}}]`,
			"perf/test-note":     `[{"kind":"external","status":"accepted","justification":"accepted in archlint.yaml"}]`,
		}
		for _, r := range res {
			var compact bytes.Buffer
			if err := json.Compact(&compact, r.Suppressions); err != nil {
				t.Fatalf("%s: suppressions %q: %v", r.RuleID, r.Suppressions, err)
			}
			if compact.String() != want[r.RuleID] {
				t.Errorf("%s suppressions\n got %s\nwant %s", r.RuleID, compact.String(), want[r.RuleID])
			}
		}
		assertGitHubCompatible(t, b)
		if err := validateSchema(t, b); err != nil {
			t.Error(err)
		}
	})
	t.Run("every result carries an array even when none is suppressed", func(t *testing.T) {
		r := syntheticReport(t, 3)
		b, err := Marshal(r, Options{IncludeSuppressed: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(b, []byte(`"suppressions": []`)); n != 3 {
			t.Errorf("%d empty suppressions arrays, want 3", n)
		}
	})
	t.Run("unknown kind", func(t *testing.T) {
		r := suppressedReport(t)
		for i := range r.Findings {
			if r.Findings[i].Suppression != nil {
				r.Findings[i].Suppression.Kind = "comment"
			}
		}
		if _, err := Marshal(r, Options{IncludeSuppressed: true}); err == nil || !strings.Contains(err.Error(), "comment") {
			t.Errorf("got %v, want an error about the kind", err)
		}
	})
}

// T-GOSARIF-regressions: each go-sarif v2.3.3 pitfall (spec §3.3) is avoided.
func TestGoSarifRegressions(t *testing.T) {
	t.Run("GOSARIF-06 WriteFile truncates a longer file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "archlint.sarif")
		big, err := Marshal(syntheticReport(t, 50), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, big, 0o644); err != nil {
			t.Fatal(err)
		}
		r := baseReport(t)
		if err := WriteFile(path, r, Options{}); err != nil {
			t.Fatal(err)
		}
		got := mustRead(t, path)
		want, _ := Marshal(r, Options{})
		if !bytes.Equal(got, want) {
			t.Fatalf("file holds %d bytes, want %d", len(got), len(want))
		}
		if !json.Valid(got) {
			t.Error("overwritten file is not valid JSON")
		}
		assertGitHubCompatible(t, got)
	})
	t.Run("GOSARIF-07 no HTML escaping", func(t *testing.T) {
		b, err := Marshal(fullReport(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("imports <ServerThing> & co.")) {
			t.Error("message with < > & was escaped")
		}
	})
	t.Run("GOSARIF-03 finding for a rule that is not enabled", func(t *testing.T) {
		r := fullReport(t)
		r.Rules = r.Rules[1:] // drop arch/test-boundary
		_, err := Marshal(r, Options{})
		if err == nil || !strings.Contains(err.Error(), "arch/test-boundary") {
			t.Errorf("got %v, want an error naming the rule", err)
		}
	})
	t.Run("GOSARIF-04 rule without a title", func(t *testing.T) {
		r := baseReport(t)
		bare, err := rules.Define(rules.Rule{ID: "x/untitled", Severity: rules.Warning}, "Summary.\n")
		if err != nil {
			t.Fatal(err)
		}
		r.Rules = append(r.Rules, bare)
		if _, err := Marshal(r, Options{}); err == nil || !strings.Contains(err.Error(), "x/untitled") {
			t.Errorf("got %v, want an error naming the rule", err)
		}
	})
	t.Run("SARIF-04 duplicate rule", func(t *testing.T) {
		r := baseReport(t)
		r.Rules = append(r.Rules, r.Rules[0])
		if _, err := Marshal(r, Options{}); err == nil || !strings.Contains(err.Error(), "twice") {
			t.Errorf("got %v, want an error", err)
		}
	})
	t.Run("GOSARIF-09 executionSuccessful false is written", func(t *testing.T) {
		r := baseReport(t)
		r.ExecutionSuccessful = false
		b, err := Marshal(r, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if s := decode(t, b).Runs[0].Invocations[0].ExecutionSuccessful; s == nil || *s {
			t.Errorf("executionSuccessful = %v, want false", s)
		}
	})
	t.Run("bad findings are refused", func(t *testing.T) {
		for name, mutate := range map[string]func(f *report.Finding){
			"empty message":    func(f *report.Finding) { f.Message = "  " },
			"absolute path":    func(f *report.Finding) { f.Location.Path = "/work/repo/app/page.tsx" },
			"dot-dot path":     func(f *report.Finding) { f.Location.Path = "../app/page.tsx" },
			"invalid severity": func(f *report.Finding) { f.Severity = 0 },
			"bad related path": func(f *report.Finding) { f.Related = []report.Location{{Path: ""}} },
		} {
			r := syntheticReport(t, 1)
			mutate(&r.Findings[0])
			if _, err := Marshal(r, Options{}); err == nil {
				t.Errorf("%s: no error", name)
			}
		}
	})
}

func TestOptions(t *testing.T) {
	t.Run("category", func(t *testing.T) {
		for cat, want := range map[string]string{"apps/web": "apps/web/", "archlint/": "archlint/"} {
			b, _ := Marshal(baseReport(t), Options{Category: cat})
			if ad := decode(t, b).Runs[0].AutomationDetails; ad == nil || ad.ID != want {
				t.Errorf("category %q: automationDetails %+v, want id %q", cat, ad, want)
			}
		}
		b, _ := Marshal(baseReport(t), Options{})
		if decode(t, b).Runs[0].AutomationDetails != nil {
			t.Error("automationDetails written without a category")
		}
	})
	t.Run("srcroot", func(t *testing.T) {
		for _, tc := range []struct{ root, override, want string }{
			{"file:///work/repo/", "", "file:///work/repo/"},
			{"file:///work/repo", "", "file:///work/repo/"},
			{"file:///work/repo/", "file:///src/", "file:///src/"},
			{"file:///work/repo/", "none", ""},
			{"", "", ""},
		} {
			r := baseReport(t)
			r.RootURI = tc.root
			b, _ := Marshal(r, Options{SrcRootURI: tc.override})
			bases := decode(t, b).Runs[0].OriginalURIBaseIDs
			got := bases[SrcRoot].URI
			if got != tc.want || (tc.want == "" && bases != nil) {
				t.Errorf("root %q override %q: originalUriBaseIds %+v, want %q", tc.root, tc.override, bases, tc.want)
			}
		}
	})
	t.Run("versions", func(t *testing.T) {
		for _, tc := range []struct{ version, wantSemantic string }{
			{"v1.2.3", "1.2.3"}, {"1.2.3-rc.1+abc", "1.2.3-rc.1+abc"}, {"dev", ""}, {"v1.2", ""}, {"(devel)", ""},
		} {
			r := baseReport(t)
			r.Tool.Version = tc.version
			b, _ := Marshal(r, Options{})
			drv := decode(t, b).Runs[0].Tool.Driver
			if drv.Version != tc.version || drv.SemanticVersion != tc.wantSemantic {
				t.Errorf("version %q: got version %q semanticVersion %q, want semanticVersion %q", tc.version, drv.Version, drv.SemanticVersion, tc.wantSemantic)
			}
		}
	})
	t.Run("baselined kept and marked", func(t *testing.T) {
		b, _ := Marshal(fullReport(t), Options{})
		n := 0
		for _, r := range decode(t, b).Runs[0].Results {
			if r.Properties[BaselinedProperty] == true {
				n++
				if r.RuleID != "security/test-sql" {
					t.Errorf("%s marked baselined", r.RuleID)
				}
			}
		}
		if n != 1 {
			t.Errorf("%d baselined results, want 1", n)
		}
	})
	t.Run("long descriptions are cut to GitHub's 1024 characters", func(t *testing.T) {
		long, err := rules.Define(rules.Rule{ID: "x/long", Title: "Long", Severity: rules.Note},
			strings.Repeat("Wordy é sentence. ", 100)+"\n")
		if err != nil {
			t.Fatal(err)
		}
		r := baseReport(t)
		r.Rules = append(r.Rules, long)
		b, err := Marshal(r, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var d struct {
			Runs []struct {
				Tool struct {
					Driver struct {
						Rules []struct {
							ID              string `json:"id"`
							FullDescription struct {
								Text string `json:"text"`
							} `json:"fullDescription"`
						} `json:"rules"`
					} `json:"driver"`
				} `json:"tool"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		for _, rule := range d.Runs[0].Tool.Driver.Rules {
			if rule.ID == "x/long" {
				text := rule.FullDescription.Text
				if n := len([]rune(text)); n > 1024 || n < 1000 || !strings.HasSuffix(text, "…") {
					t.Errorf("fullDescription has %d characters: ...%q", n, text[len(text)-20:])
				}
			}
		}
		assertGitHubCompatible(t, b)
	})
	t.Run("rules listed without findings", func(t *testing.T) {
		b, _ := Marshal(baseReport(t), Options{})
		d := decode(t, b)
		if n := len(d.Runs[0].Tool.Driver.Rules); n != 3 || len(d.Runs[0].Results) != 0 {
			t.Errorf("%d rules and %d results, want 3 and 0", n, len(d.Runs[0].Results))
		}
		if !bytes.Contains(b, []byte(`"results": []`)) {
			t.Error(`no "results": [] in an empty run (SARIF-02a)`)
		}
	})
}

func TestRegion(t *testing.T) {
	pos := func(l, c int) report.Position { return report.Position{Line: l, Column: c} }
	tests := []struct {
		rg   report.Range
		want [4]int
	}{
		{report.Range{Start: pos(3, 5), End: pos(3, 9)}, [4]int{3, 5, 3, 9}},
		{report.Range{Start: pos(3, 5), End: pos(6, 1)}, [4]int{3, 5, 6, 1}},
		{report.Range{}, [4]int{1, 1, 1, 2}},                                 // file-level: line 1, columns 1-2
		{report.Range{Start: pos(4, 2)}, [4]int{4, 2, 4, 3}},                 // no end
		{report.Range{Start: pos(4, 8), End: pos(4, 2)}, [4]int{4, 8, 4, 8}}, // inverted
		{report.Range{Start: pos(4, 8), End: pos(2, 2)}, [4]int{4, 8, 4, 8}},
	}
	for _, tt := range tests {
		sl, sc, el, ec := region(tt.rg)
		if got := [4]int{sl, sc, el, ec}; got != tt.want {
			t.Errorf("region(%+v) = %v, want %v", tt.rg, got, tt.want)
		}
	}
}
