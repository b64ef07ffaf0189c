package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// T-SARIF-gh (VAL-03): GitHub's ingestion rules, which the JSON schema does not express. The checks are
// those of the SARIF multitool's "Ghas" rule kind (GH1001-GH1018, GH2012) plus the spec's SARIF-02..SARIF-19
// and the go-sarif regressions (GOSARIF-03..07). Each problem names the requirement it breaks.

// assertGitHubCompatible fails t for every GitHub ingestion problem in the SARIF document doc.
func assertGitHubCompatible(t testing.TB, doc []byte) {
	t.Helper()
	for _, p := range githubProblems(doc) {
		t.Error(p)
	}
}

// githubProblems returns the GitHub ingestion problems of doc, or nothing.
func githubProblems(doc []byte) []string {
	c := &ghChecker{}
	c.check(doc)
	return c.problems
}

type ghChecker struct {
	problems []string
}

func (c *ghChecker) errorf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// ghMaxRuns etc. are GitHub's hard limits (SARIF-02b).
const (
	ghMaxRuns            = 20
	ghMaxRulesPerRun     = 25000
	ghMaxResultsPerRun   = 25000
	ghMaxLocations       = 1000
	ghMaxTags            = 10 // 20 accepted, 10 shown; archlint writes at most 10
	ghMaxDescription     = 1024
	ghMaxRuleName        = 255
	archlintMaxRelated   = 10
	archlintLineHashExpr = `^[0-9a-f]{1,16}:[1-9][0-9]*$`
)

var (
	lineHashRe    = regexp.MustCompile(archlintLineHashExpr)
	archlintFPRe  = regexp.MustCompile(`^[0-9a-f]{16}$`)
	pctEncodedURI = regexp.MustCompile(`^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$`)
)

func (c *ghChecker) check(doc []byte) {
	// GOSARIF-07: Go's default JSON encoding HTML-escapes < > &, which makes goldens unreadable.
	for _, esc := range []string{`\u003c`, `\u003e`, `\u0026`} {
		if bytes.Contains(doc, []byte(esc)) {
			c.errorf("GOSARIF-07: output contains the HTML escape %s", esc)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		c.errorf("not JSON: %v", err)
		return
	}
	if _, err := dec.Token(); err != io.EOF {
		c.errorf("GOSARIF-06: trailing data after the JSON document")
	}
	// GOSARIF-04/05/09: no null anywhere (GitHub and the schema reject null for typed properties).
	walkNulls(root, "", func(ptr string) { c.errorf("GOSARIF-04: null value at %s", ptr) })

	log, ok := root.(map[string]any)
	if !ok {
		c.errorf("GH1013: the log is not an object")
		return
	}
	// GH1011/GH1013, SARIF-01.
	if s, _ := log["$schema"].(string); !strings.HasSuffix(s, "2.1.0.json") && !strings.HasSuffix(s, "2.1.0") {
		c.errorf("GH1011/SARIF-01: $schema %q does not name SARIF 2.1.0", s)
	}
	if v, _ := log["version"].(string); v != "2.1.0" {
		c.errorf("GH1013/SARIF-01: version %q, want 2.1.0", v)
	}
	runs, ok := log["runs"].([]any)
	if !ok {
		c.errorf("GH1013: runs is missing")
		return
	}
	if len(runs) > ghMaxRuns {
		c.errorf("SARIF-02b: %d runs, GitHub accepts at most %d", len(runs), ghMaxRuns)
	}
	// SARIF-02: GitHub rejects several runs of one tool and category in one file.
	seen := map[string]bool{}
	for i, r := range runs {
		run, _ := r.(map[string]any)
		key := toolName(run) + "\x00" + category(run)
		if seen[key] {
			c.errorf("SARIF-02: runs[%d] has the same tool and category as an earlier run (%q, %q)", i, toolName(run), category(run))
		}
		seen[key] = true
		c.checkRun(i, run)
	}
	if len(runs) != 1 {
		c.errorf("SARIF-02: archlint writes exactly one run, got %d", len(runs))
	}
}

func toolName(run map[string]any) string {
	d, _ := dig(run, "tool", "driver").(map[string]any)
	s, _ := d["name"].(string)
	return s
}

// category is the part of automationDetails.id before the last slash, as GitHub reads it (SARIF-17).
func category(run map[string]any) string {
	id, _ := dig(run, "automationDetails", "id").(string)
	if i := strings.LastIndex(id, "/"); i >= 0 {
		return id[:i]
	}
	return id
}

func (c *ghChecker) checkRun(i int, run map[string]any) {
	at := fmt.Sprintf("runs[%d]", i)
	if run == nil {
		c.errorf("GH1014: %s is not an object", at)
		return
	}
	// GH1018, SARIF-03.
	drv, ok := dig(run, "tool", "driver").(map[string]any)
	if !ok {
		c.errorf("GH1018: %s.tool.driver is missing", at)
		return
	}
	if name, _ := drv["name"].(string); strings.TrimSpace(name) == "" {
		c.errorf("GH1018: %s driver.name is empty", at)
	}
	if sv, ok := drv["semanticVersion"].(string); ok && (sv == "" || strings.HasPrefix(sv, "v")) {
		c.errorf("SARIF-03: semanticVersion %q is not SemVer without a leading v", sv)
	}
	rules, ok := drv["rules"].([]any)
	if !ok {
		c.errorf("GH1018/SARIF-04: %s driver.rules is missing", at)
	}
	if len(rules) > ghMaxRulesPerRun {
		c.errorf("SARIF-02b: %d rules, GitHub accepts at most %d", len(rules), ghMaxRulesPerRun)
	}
	ids := make([]string, len(rules))
	index := map[string]int{}
	for j, r := range rules {
		rule, _ := r.(map[string]any)
		ids[j] = c.checkRule(fmt.Sprintf("%s.rules[%d]", at, j), rule)
		if _, dup := index[ids[j]]; dup {
			c.errorf("SARIF-04: rule %q is listed twice", ids[j])
		}
		index[ids[j]] = j
	}
	if !sort.StringsAreSorted(ids) {
		c.errorf("SARIF-02c: rules are not sorted by id: %v", ids)
	}

	// GH1014, SARIF-02a: results must be present, even when empty.
	results, ok := run["results"].([]any)
	if !ok {
		c.errorf("GH1014/SARIF-02a: %s.results is missing", at)
	}
	if len(results) > ghMaxResultsPerRun {
		c.errorf("SARIF-02b: %d results, GitHub accepts at most %d", len(results), ghMaxResultsPerRun)
	}
	if len(results) > 0 && run["columnKind"] != "utf16CodeUnits" {
		c.errorf("SARIF-14: columnKind is %v, want utf16CodeUnits", run["columnKind"])
	}
	withSup, withoutSup := 0, 0
	for j, r := range results {
		res, _ := r.(map[string]any)
		c.checkResult(fmt.Sprintf("%s.results[%d]", at, j), res, ids)
		if _, has := res["suppressions"]; has {
			withSup++
		} else {
			withoutSup++
		}
	}
	// SARIF §3.27.23 (SARIF-19, GOSARIF-12): all results have suppressions, or none.
	if withSup > 0 && withoutSup > 0 {
		c.errorf("SARIF-19: %d results have suppressions and %d do not; it must be all or none", withSup, withoutSup)
	}

	// SARIF-18: base URIs are absolute and end with a slash.
	if bases, ok := run["originalUriBaseIds"].(map[string]any); ok {
		for name, b := range bases {
			u, _ := dig(b, "uri").(string)
			pu, err := url.Parse(u)
			if err != nil || !pu.IsAbs() || !strings.HasSuffix(u, "/") {
				c.errorf("SARIF-18: originalUriBaseIds[%s].uri %q must be an absolute URI ending in /", name, u)
			}
		}
	}
	// SARIF-17.
	if ad, ok := run["automationDetails"].(map[string]any); ok {
		if id, _ := ad["id"].(string); !strings.Contains(id, "/") || strings.HasPrefix(id, "/") {
			c.errorf("SARIF-17: automationDetails.id %q is not category/run-id", id)
		}
	}
	// SARIF-20: one invocation that says whether the analysis succeeded.
	invs, _ := run["invocations"].([]any)
	if len(invs) != 1 {
		c.errorf("SARIF-20: %d invocations, want 1", len(invs))
	}
	for j, in := range invs {
		inv, _ := in.(map[string]any)
		if _, ok := inv["executionSuccessful"].(bool); !ok {
			c.errorf("GOSARIF-09: invocations[%d].executionSuccessful is not a boolean", j)
		}
		for _, key := range []string{"toolExecutionNotifications", "toolConfigurationNotifications"} {
			ns, _ := inv[key].([]any)
			for k, n := range ns {
				if txt, _ := dig(n, "message", "text").(string); strings.TrimSpace(txt) == "" {
					c.errorf("GH1007: invocations[%d].%s[%d] has no message text", j, key, k)
				}
				if lvl, ok := dig(n, "level").(string); ok && !validLevel(lvl) {
					c.errorf("SARIF-07: notification level %q", lvl)
				}
			}
		}
	}
}

// checkRule checks one reporting descriptor and returns its id.
func (c *ghChecker) checkRule(at string, rule map[string]any) string {
	id, _ := rule["id"].(string)
	if id == "" {
		c.errorf("SARIF-05: %s has no id", at)
	}
	if name, ok := rule["name"].(string); ok && (name == id || len(name) > ghMaxRuleName) {
		c.errorf("SARIF-05: %s name %q must differ from the id and have at most %d characters", at, name, ghMaxRuleName)
	}
	// GH2012, SARIF-06.
	for _, f := range [][]string{{"shortDescription", "text"}, {"fullDescription", "text"}, {"help", "text"}} {
		s, _ := dig(rule, f[0], f[1]).(string)
		if strings.TrimSpace(s) == "" {
			c.errorf("GH2012/SARIF-06: rule %q has no %s.%s", id, f[0], f[1])
		}
		if f[0] != "help" && len([]rune(s)) > ghMaxDescription {
			c.errorf("SARIF-06: rule %q %s is longer than %d characters", id, f[0], ghMaxDescription)
		}
	}
	if s, _ := dig(rule, "help", "markdown").(string); strings.TrimSpace(s) == "" {
		c.errorf("SARIF-06: rule %q has no help.markdown", id)
	}
	if u, _ := rule["helpUri"].(string); !isAbsURL(u) {
		c.errorf("SARIF-06: rule %q helpUri %q is not an absolute URL", id, u)
	}
	// SARIF-07: a level on every rule.
	if lvl, _ := dig(rule, "defaultConfiguration", "level").(string); !validLevel(lvl) {
		c.errorf("SARIF-07: rule %q defaultConfiguration.level %q", id, lvl)
	}
	props, _ := rule["properties"].(map[string]any)
	// SARIF-08.
	tags, _ := props["tags"].([]any)
	if len(tags) > ghMaxTags {
		c.errorf("SARIF-08: rule %q has %d tags, GitHub shows %d", id, len(tags), ghMaxTags)
	}
	hasSecurityTag := false
	for _, tg := range tags {
		s, ok := tg.(string)
		if !ok || s == "" {
			c.errorf("SARIF-08: rule %q has a tag that is not a non-empty string", id)
		}
		hasSecurityTag = hasSecurityTag || s == "security"
	}
	if p, ok := props["precision"]; ok && !oneOf(p, "very-high", "high", "medium", "low") {
		c.errorf("SARIF-08: rule %q precision %v", id, p)
	}
	if p, ok := props["problem.severity"]; ok && !oneOf(p, "error", "warning", "recommendation") {
		c.errorf("SARIF-08: rule %q problem.severity %v", id, p)
	}
	// SARIF-09: security-severity is a string score in 0.1..10.0, on security rules only.
	if ss, ok := props["security-severity"]; ok {
		s, isString := ss.(string)
		f, err := strconv.ParseFloat(s, 64)
		if !isString || err != nil || f < 0.1 || f > 10 {
			c.errorf("SARIF-09: rule %q security-severity %v is not a string score between 0.1 and 10.0", id, ss)
		}
		if !hasSecurityTag {
			c.errorf("SARIF-09: rule %q has a security-severity but no security tag", id)
		}
		if _, both := props["problem.severity"]; both {
			c.errorf("SARIF-08: rule %q is a security rule and also has problem.severity", id)
		}
	} else if _, ok := props["problem.severity"]; !ok {
		c.errorf("SARIF-08: non-security rule %q has no problem.severity", id)
	}
	return id
}

func (c *ghChecker) checkResult(at string, res map[string]any, ruleIDs []string) {
	if res == nil {
		c.errorf("GH1015: %s is not an object", at)
		return
	}
	// SARIF-10, GOSARIF-03.
	id, _ := res["ruleId"].(string)
	if id == "" {
		c.errorf("SARIF-10: %s has no ruleId", at)
	}
	idx, err := jsonInt(res["ruleIndex"])
	switch {
	case err != nil:
		c.errorf("SARIF-10: %s ruleIndex %v: %v", at, res["ruleIndex"], err)
	case idx < 0 || idx >= int64(len(ruleIDs)):
		c.errorf("GOSARIF-03: %s ruleIndex %d is outside driver.rules (%d rules)", at, idx, len(ruleIDs))
	case ruleIDs[idx] != id:
		c.errorf("SARIF-10: %s ruleIndex %d points at %q, but ruleId is %q", at, idx, ruleIDs[idx], id)
	}
	if lvl, _ := res["level"].(string); !validLevel(lvl) {
		c.errorf("SARIF-07: %s level %q", at, lvl)
	}
	// GH1007, GH1015, SARIF-11.
	msg, _ := dig(res, "message", "text").(string)
	switch {
	case strings.TrimSpace(msg) == "":
		c.errorf("GH1015: %s has an empty message.text", at)
	case !strings.HasSuffix(msg, "."):
		c.errorf("SARIF-11: %s message %q does not end with a period", at, msg)
	}
	// GH1001, GH1015, SARIF-12: exactly one location.
	locs, _ := res["locations"].([]any)
	if len(locs) != 1 {
		c.errorf("SARIF-12: %s has %d locations, want exactly 1", at, len(locs))
	}
	if len(locs) > ghMaxLocations {
		c.errorf("SARIF-02b: %s has more than %d locations", at, ghMaxLocations)
	}
	for j, l := range locs {
		c.checkLocation(fmt.Sprintf("%s.locations[%d]", at, j), l)
	}
	// SARIF-12/16: related locations.
	rel, _ := res["relatedLocations"].([]any)
	if len(rel) > archlintMaxRelated {
		c.errorf("SARIF-12: %s has %d related locations, at most %d", at, len(rel), archlintMaxRelated)
	}
	relIDs := map[int64]bool{}
	for j, l := range rel {
		rat := fmt.Sprintf("%s.relatedLocations[%d]", at, j)
		c.checkLocation(rat, l)
		rid, err := jsonInt(dig(l, "id"))
		if err != nil || rid < 1 || relIDs[rid] {
			c.errorf("SARIF-12: %s id %v must be a unique integer >= 1", rat, dig(l, "id"))
		}
		relIDs[rid] = true
		if txt, _ := dig(l, "message", "text").(string); strings.TrimSpace(txt) == "" {
			c.errorf("SARIF-12: %s has no message.text", rat)
		}
	}
	// SARIF-15, FP-01, FP-05.
	fps, _ := res["partialFingerprints"].(map[string]any)
	if h, ok := fps["primaryLocationLineHash"]; ok {
		if s, _ := h.(string); !lineHashRe.MatchString(s) {
			c.errorf("FP-01: %s primaryLocationLineHash %v is not hex:count", at, h)
		}
	}
	if s, _ := fps["archlintFingerprint/v1"].(string); !archlintFPRe.MatchString(s) {
		c.errorf("FP-05: %s archlintFingerprint/v1 %q is not 16 hex digits", at, s)
	}
	// SARIF-19: suppressions, when present, are complete.
	if sups, ok := res["suppressions"]; ok {
		list, isList := sups.([]any)
		if !isList {
			c.errorf("SARIF-19: %s suppressions is not an array", at)
		}
		for j, s := range list {
			if k, _ := dig(s, "kind").(string); k != "inSource" && k != "external" {
				c.errorf("SARIF-19: %s suppressions[%d].kind %q", at, j, k)
			}
			if st, ok := dig(s, "status").(string); ok && st != "accepted" && st != "underReview" && st != "rejected" {
				c.errorf("SARIF-19: %s suppressions[%d].status %q", at, j, st)
			}
			if l := dig(s, "location"); l != nil {
				c.checkLocation(fmt.Sprintf("%s.suppressions[%d].location", at, j), l)
			}
		}
	}
	// SARIF-16, GH1002.
	if flows, ok := res["codeFlows"].([]any); ok {
		for j, f := range flows {
			tfs, _ := dig(f, "threadFlows").([]any)
			if len(tfs) == 0 {
				c.errorf("SARIF-16: %s codeFlows[%d] has no threadFlows", at, j)
			}
			for _, tf := range tfs {
				steps, _ := dig(tf, "locations").([]any)
				for _, st := range steps {
					if dig(st, "index") != nil {
						c.errorf("GH1002: %s codeFlows[%d] uses a threadFlowLocation index", at, j)
					}
				}
			}
		}
	}
}

// checkLocation applies GH1001, GH1003, GH1005, GH1016, GH1017 and SARIF-13/13a/14 to a location.
func (c *ghChecker) checkLocation(at string, l any) {
	pl, ok := dig(l, "physicalLocation").(map[string]any)
	if !ok {
		c.errorf("GH1016: %s has no physicalLocation", at)
		return
	}
	uri, _ := dig(pl, "artifactLocation", "uri").(string)
	switch pu, err := url.Parse(uri); {
	case uri == "":
		c.errorf("GH1001: %s has no artifactLocation.uri", at)
	case err != nil:
		c.errorf("SARIF-13a: %s uri %q does not parse: %v", at, uri, err)
	case pu.IsAbs() && pu.Scheme != "file":
		c.errorf("GH1005: %s uri %q is absolute and not a file: URI", at, uri)
	case pu.IsAbs() || strings.HasPrefix(uri, "/"):
		c.errorf("SARIF-13: %s uri %q is not relative to the repository root", at, uri)
	case !pctEncodedURI.MatchString(uri):
		c.errorf("SARIF-13a: %s uri %q has characters that must be percent-encoded", at, uri)
	default:
		for _, seg := range strings.Split(pu.Path, "/") {
			if seg == ".." {
				c.errorf("SARIF-13: %s uri %q leaves the repository root", at, uri)
			}
		}
		if base, _ := dig(pl, "artifactLocation", "uriBaseId").(string); base != "%SRCROOT%" {
			c.errorf("SARIF-13: %s uriBaseId %q, want %%SRCROOT%%", at, base)
		}
	}
	reg, ok := pl["region"].(map[string]any)
	if !ok {
		c.errorf("GH1003/GH1017: %s has no region", at)
		return
	}
	var n [4]int64
	for k, key := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
		v, err := jsonInt(reg[key])
		if err != nil || v < 1 {
			c.errorf("SARIF-14: %s region.%s is %v, want an integer >= 1", at, key, reg[key])
		}
		n[k] = v
	}
	if n[2] < n[0] || (n[2] == n[0] && n[3] < n[1]) {
		c.errorf("GH1017: %s region ends before it starts (%v)", at, n)
	}
}

// walkNulls calls found with the JSON pointer of every null in v.
func walkNulls(v any, ptr string, found func(string)) {
	switch x := v.(type) {
	case nil:
		found(ptr)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkNulls(x[k], ptr+"/"+k, found)
		}
	case []any:
		for i, e := range x {
			walkNulls(e, ptr+"/"+strconv.Itoa(i), found)
		}
	}
}

// dig follows object keys from v, returning nil when a step is missing.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func jsonInt(v any) (int64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("not a number")
	}
	return n.Int64()
}

func validLevel(s string) bool { return s == "error" || s == "warning" || s == "note" }

func oneOf(v any, options ...string) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}

func isAbsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && u.Host != ""
}

func TestGitHubCompatibleGoldens(t *testing.T) {
	for name, b := range goldenFiles(t) {
		t.Run(name, func(t *testing.T) { assertGitHubCompatible(t, b) })
	}
}

// TestGitHubCompatibleRejects proves each check can fail: every mutated copy of a golden must be reported
// with the expected problem.
func TestGitHubCompatibleRejects(t *testing.T) {
	full := mustRead(t, goldenDir+"/full.sarif")
	mutations := []struct {
		name   string
		mutate func(d map[string]any)
		want   string
	}{
		{"drop help.text", func(d map[string]any) { delete(rule0(d)["help"].(map[string]any), "text") }, "GH2012"},
		{"empty shortDescription", func(d map[string]any) { rule0(d)["shortDescription"] = map[string]any{"text": " "} }, "GH2012"},
		{"empty message.text", func(d map[string]any) { result0(d)["message"] = map[string]any{"text": ""} }, "GH1015"},
		{"message without period", func(d map[string]any) { result0(d)["message"] = map[string]any{"text": "No period"} }, "SARIF-11"},
		{"two runs same category", func(d map[string]any) {
			d["runs"] = append(d["runs"].([]any), d["runs"].([]any)[0])
		}, "same tool and category"},
		{"duplicate rule", func(d map[string]any) { driver(d)["rules"] = append(ruleList(d), ruleList(d)[0]) }, "listed twice"},
		{"rules unsorted", func(d map[string]any) {
			rs := ruleList(d)
			rs[0], rs[1] = rs[1], rs[0]
		}, "SARIF-02c"},
		{"absolute non-file URI", func(d map[string]any) {
			physical0(d)["artifactLocation"].(map[string]any)["uri"] = "https://example.com/app/page.tsx"
		}, "GH1005"},
		{"absolute file URI", func(d map[string]any) {
			physical0(d)["artifactLocation"].(map[string]any)["uri"] = "file:///work/repo/app/page.tsx"
		}, "SARIF-13"},
		{"unencoded Next.js path", func(d map[string]any) {
			physical0(d)["artifactLocation"].(map[string]any)["uri"] = "app/[id]/page.tsx"
		}, "SARIF-13a"},
		{"path leaves the root", func(d map[string]any) {
			physical0(d)["artifactLocation"].(map[string]any)["uri"] = "../other/page.tsx"
		}, "leaves the repository root"},
		{"missing uriBaseId", func(d map[string]any) { delete(physical0(d)["artifactLocation"].(map[string]any), "uriBaseId") }, "uriBaseId"},
		{"missing region", func(d map[string]any) { delete(physical0(d), "region") }, "GH1003"},
		{"region without endColumn", func(d map[string]any) { delete(region0(d), "endColumn") }, "region.endColumn"},
		{"region ends before start", func(d map[string]any) { region0(d)["endLine"] = 1; region0(d)["startLine"] = 3 }, "GH1017"},
		{"two locations", func(d map[string]any) {
			result0(d)["locations"] = append(result0(d)["locations"].([]any), location0(d))
		}, "SARIF-12"},
		{"no locations", func(d map[string]any) { result0(d)["locations"] = []any{} }, "SARIF-12"},
		{"ruleIndex mismatch", func(d map[string]any) { result0(d)["ruleIndex"] = json.Number("0") }, "points at"},
		{"ruleIndex 2^64-1", func(d map[string]any) { result0(d)["ruleIndex"] = json.Number("18446744073709551615") }, "SARIF-10"},
		{"invalid level", func(d map[string]any) { result0(d)["level"] = "high" }, "SARIF-07"},
		{"results missing", func(d map[string]any) { delete(run0(d), "results") }, "GH1014"},
		{"null anywhere", func(d map[string]any) { rule0(d)["shortDescription"] = nil }, "null value at /runs/0/tool/driver/rules/0/shortDescription"},
		{"null executionSuccessful", func(d map[string]any) { invocation0(d)["executionSuccessful"] = nil }, "GOSARIF-09"},
		{"too many tags", func(d map[string]any) {
			rule0(d)["properties"].(map[string]any)["tags"] = []any{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}
		}, "SARIF-08"},
		{"numeric security-severity", func(d map[string]any) {
			ruleList(d)[2].(map[string]any)["properties"].(map[string]any)["security-severity"] = json.Number("9.8")
		}, "SARIF-09"},
		{"security-severity on architecture rule", func(d map[string]any) {
			rule0(d)["properties"].(map[string]any)["security-severity"] = "5.0"
		}, "no security tag"},
		{"bad line hash", func(d map[string]any) {
			result0(d)["partialFingerprints"].(map[string]any)["primaryLocationLineHash"] = "xyz"
		}, "FP-01"},
		{"missing archlint fingerprint", func(d map[string]any) {
			delete(result0(d)["partialFingerprints"].(map[string]any), "archlintFingerprint/v1")
		}, "FP-05"},
		{"some results suppressed", func(d map[string]any) { result0(d)["suppressions"] = []any{} }, "all or none"},
		{"related location id 0", func(d map[string]any) {
			run0(d)["results"].([]any)[1].(map[string]any)["relatedLocations"].([]any)[0].(map[string]any)["id"] = json.Number("0")
		}, "unique integer >= 1"},
		{"relative srcroot", func(d map[string]any) {
			run0(d)["originalUriBaseIds"].(map[string]any)["%SRCROOT%"] = map[string]any{"uri": "src"}
		}, "SARIF-18"},
		{"wrong schema", func(d map[string]any) { d["$schema"] = "https://example.com/sarif-2.0.0.json" }, "GH1011"},
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			problems := githubProblems(mutateJSON(t, full, m.mutate))
			if !containsProblem(problems, m.want) {
				t.Errorf("mutation %q: want a problem mentioning %q, got %q", m.name, m.want, problems)
			}
		})
	}
	t.Run("HTML escapes", func(t *testing.T) {
		b := bytes.Replace(full, []byte("<ServerThing>"), []byte(`\u003cServerThing\u003e`), 1)
		if !containsProblem(githubProblems(b), "GOSARIF-07") {
			t.Error("\\u003c in the output was not reported")
		}
	})
	t.Run("trailing data", func(t *testing.T) {
		b := append(append([]byte(nil), full...), []byte("}\n")...)
		if !containsProblem(githubProblems(b), "GOSARIF-06") {
			t.Error("trailing bytes after the document were not reported")
		}
	})
}

func containsProblem(problems []string, want string) bool {
	for _, p := range problems {
		if strings.Contains(p, want) {
			return true
		}
	}
	return false
}
