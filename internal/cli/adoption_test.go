package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/config"
)

// These tests drive the CLI in-process on small apps written to temporary directories. Every app gets a
// configuration that turns off all rules but raw SQL and the meta rules, so that the tests do not depend
// on what other analyzers find in the same code.

const isolating = `rules:
  "*/*": off
  security/*: error
  meta/invalid-suppression: error
  meta/unused-suppression: warning
`

// sqlRoute is a GET route with one raw SQL finding per query; extra goes inside the handler.
func sqlRoute(queries ...string) string {
	var b strings.Builder
	b.WriteString("import { prisma } from \"../../../lib/db\";\n\nexport async function GET(request: Request) {\n")
	b.WriteString("  const q = new URL(request.url).searchParams.get(\"q\") ?? \"\";\n")
	for _, s := range queries {
		b.WriteString(s + "\n")
	}
	b.WriteString("  return Response.json({});\n}\n")
	return b.String()
}

func query(table string) string {
	return "  await prisma.$queryRawUnsafe(`SELECT * FROM \"" + table + "\" WHERE x = '${q}'`);"
}

// writeApp writes a minimal Next.js app (package.json, lib/db.ts, the isolating configuration) plus files;
// a file with empty content is removed.
func writeApp(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
		files2 := map[string]string{
			"package.json":  `{"name":"x","private":true,"dependencies":{"next":"15.1.0","@prisma/client":"6.1.0"}}`,
			"lib/db.ts":     "import { PrismaClient } from \"@prisma/client\";\nexport const prisma = new PrismaClient();\n",
			"archlint.yaml": isolating,
		}
		for k, v := range files {
			files2[k] = v
		}
		files = files2
	}
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if c == "" {
			if err := os.Remove(full); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs archlint in-process.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

type jsonFinding struct {
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	Message     string `json:"message"`
	Path        string `json:"path"`
	Fingerprint string `json:"fingerprint"`
	Baselined   bool   `json:"baselined"`
	Suppression *struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	} `json:"suppression"`
}

type jsonReport struct {
	Findings      []jsonFinding `json:"findings"`
	Notifications []struct {
		ID string `json:"id"`
	} `json:"notifications"`
}

func runJSON(t *testing.T, args ...string) (int, jsonReport, string) {
	t.Helper()
	code, out, errs := run(t, append([]string{"--format", "json"}, args...)...)
	var r jsonReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("json output: %v\n%s\n%s", err, out, errs)
	}
	return code, r, errs
}

// TestConfigErrorsExit2: a bad configuration stops the run with exit code 2 and names file, line and key.
func TestConfigErrorsExit2(t *testing.T) {
	dir := writeApp(t, "", map[string]string{"archlint.yaml": "failOn: error\nrulez:\n  auth/*: off\n"})
	code, _, errs := run(t, dir)
	want := "archlint: " + filepath.Join(dir, "archlint.yaml") + `:2:1: unknown key "rulez" (did you mean "rules"?)` + "\n"
	if code != 2 || errs != want {
		t.Errorf("exit %d, stderr %q\nwant 2, %q", code, errs, want)
	}

	writeApp(t, dir, map[string]string{"archlint.yaml": "rules:\n  security/raw-sql: warning\n"})
	code, _, errs = run(t, dir)
	want = "archlint: " + filepath.Join(dir, "archlint.yaml") + `:2:3: rules: unknown rule "security/raw-sql" (did you mean "security/raw-sql-injection"?)` + "\n"
	if code != 2 || errs != want {
		t.Errorf("exit %d, stderr %q\nwant 2, %q", code, errs, want)
	}

	writeApp(t, dir, map[string]string{"archlint.yaml": "failOn: 1\n", ".archlint.yaml": "failOn: error\n"})
	code, _, errs = run(t, dir)
	want = "archlint: " + dir + " contains several configuration files (archlint.yaml, .archlint.yaml); keep one\n"
	if code != 2 || errs != want {
		t.Errorf("two files: exit %d, stderr %q\nwant 2, %q", code, errs, want)
	}
	writeApp(t, dir, map[string]string{".archlint.yaml": ""})

	// --config names the file explicitly (a wrong type, here); a missing --config file is exit 2 too.
	code, _, errs = run(t, "--config", filepath.Join(dir, "archlint.yaml"), dir)
	want = "archlint: " + filepath.Join(dir, "archlint.yaml") + `:1:9: failOn: must be one of error, warning, note, none (got "1")` + "\n"
	if code != 2 || errs != want {
		t.Errorf("--config: exit %d, stderr %q\nwant 2, %q", code, errs, want)
	}
	missing := filepath.Join(dir, "nope.yaml")
	code, _, errs = run(t, "--config", missing, dir)
	if want := "archlint: configuration file " + missing + ": no such file or directory\n"; code != 2 || errs != want {
		t.Errorf("missing --config: exit %d, stderr %q", code, errs)
	}
	code, _, errs = run(t, "--config", missing, "--no-config", dir)
	if code != 2 || !strings.Contains(errs, "--config and --no-config cannot be used together") {
		t.Errorf("--config with --no-config: exit %d, stderr %q", code, errs)
	}
	// --no-config ignores the broken file.
	if code, _, errs := run(t, "--no-config", dir); code != 0 {
		t.Errorf("--no-config: exit %d, %s", code, errs)
	}
}

// TestExitCodes is the adoption part of the exit-code matrix (T-EXIT): suppressions, baseline, severity
// configuration and configuration errors.
func TestExitCodes(t *testing.T) {
	bad := sqlRoute(query("A"))
	suppressed := sqlRoute("  // archlint-disable-next-line security/raw-sql-injection -- q is validated by the middleware", query("A"))
	noReason := sqlRoute("  // archlint-disable-next-line security/raw-sql-injection", query("A"))
	unused := sqlRoute("  // archlint-disable-next-line security/raw-sql-injection -- nothing to hide on the next line", "  const x = 1;")
	for _, tc := range []struct {
		name  string
		files map[string]string
		args  []string
		want  int
	}{
		{"finding", map[string]string{"app/api/a/route.ts": bad}, nil, 1},
		{"finding below --fail-on", map[string]string{"app/api/a/route.ts": bad, "archlint.yaml": isolating + "  security/raw-sql-*: warning\n"}, nil, 0},
		{"severity raised, failOn from config", map[string]string{"app/api/a/route.ts": unused, "archlint.yaml": isolating + "failOn: warning\n"}, nil, 1},
		{"--fail-on overrides failOn", map[string]string{"app/api/a/route.ts": unused, "archlint.yaml": isolating + "failOn: warning\n"}, []string{"--fail-on", "error"}, 0},
		{"rule off", map[string]string{"app/api/a/route.ts": bad, "archlint.yaml": isolating + "  security/raw-sql-injection: off\n"}, nil, 0},
		{"rule excluded for the path", map[string]string{"app/api/a/route.ts": bad, "archlint.yaml": isolating + "  security/raw-sql-injection: {exclude: ['app/api/**']}\n"}, nil, 0},
		{"path excluded", map[string]string{"app/api/a/route.ts": bad, "archlint.yaml": isolating + "exclude: ['app/api/a']\n"}, nil, 0},
		{"suppressed", map[string]string{"app/api/a/route.ts": suppressed}, nil, 0},
		{"suppression without reason", map[string]string{"app/api/a/route.ts": noReason}, nil, 1},
		{"suppression without reason, meta off", map[string]string{"app/api/a/route.ts": noReason, "archlint.yaml": isolating + "  meta/*: off\n"}, nil, 1},
		{"unused suppression is a warning", map[string]string{"app/api/a/route.ts": unused}, nil, 0},
		{"unused suppression, --fail-on warning", map[string]string{"app/api/a/route.ts": unused}, []string{"--fail-on", "warning"}, 1},
		{"configuration error", map[string]string{"app/api/a/route.ts": bad, "archlint.yaml": "failOn: sometimes\n"}, nil, 2},
		{"missing explicit baseline", map[string]string{"app/api/a/route.ts": bad}, []string{"--baseline", "/nonexistent/b.json"}, 2},
		{"missing baseline named in config", map[string]string{"app/api/a/route.ts": bad, "archlint.yaml": isolating + "baseline: b.json\n"}, nil, 2},
		{"baseline entry for the finding", map[string]string{"app/api/a/route.ts": bad, ".archlint-baseline.json": "BASELINE"}, nil, 0},
		{"unused baseline entry", map[string]string{"app/api/a/route.ts": sqlRoute(), ".archlint-baseline.json": "BASELINE"}, nil, 2},
		{"unused baseline entry, passed", map[string]string{"app/api/a/route.ts": sqlRoute(), ".archlint-baseline.json": "BASELINE"}, []string{"--pass-on-unpruned-baseline"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range tc.files {
				if v != "BASELINE" {
					files[k] = v
				}
			}
			dir := writeApp(t, "", files)
			if tc.files[".archlint-baseline.json"] == "BASELINE" {
				// The baseline of the bad route, made by archlint itself.
				writeApp(t, dir, map[string]string{"app/api/a/route.ts": bad})
				if code, _, errs := run(t, "baseline", dir); code != 0 {
					t.Fatalf("baseline: exit %d: %s", code, errs)
				}
				writeApp(t, dir, map[string]string{"app/api/a/route.ts": tc.files["app/api/a/route.ts"]})
			}
			code, out, errs := run(t, append(tc.args, dir)...)
			if code != tc.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.want, out, errs)
			}
		})
	}
}

// TestBaselineLifecycle is T-BASE: generate → clean run → a new finding is reported → fixing a baselined
// one makes the run exit 2 until the baseline is pruned.
func TestBaselineLifecycle(t *testing.T) {
	dir := writeApp(t, "", map[string]string{
		"app/api/a/route.ts": sqlRoute(query("A1"), query("A2")),
		"app/api/b/route.ts": sqlRoute(query("B1")),
	})
	code, out, errs := run(t, dir)
	if code != 1 || strings.Count(out, "security/raw-sql-injection\n") != 3 {
		t.Fatalf("before: exit %d\n%s%s", code, out, errs)
	}

	code, out, errs = run(t, "baseline", dir)
	bpath := filepath.Join(dir, ".archlint-baseline.json")
	if code != 0 || out != "" || errs != "archlint: wrote 3 entries to "+bpath+"; checks now report only findings not in it\n" {
		t.Fatalf("baseline: exit %d\n%s%s", code, out, errs)
	}
	data, err := os.ReadFile(bpath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"version\": 1,\n  \"entries\": [\n    {\"rule\":\"security/raw-sql-injection\",\"path\":\"app/api/a/route.ts\",\"fingerprint\":\"")) {
		t.Errorf("baseline file:\n%s", data)
	}

	// Clean run: nothing listed, the summary counts the baselined findings.
	code, out, errs = run(t, dir)
	if code != 0 || out != "" || !strings.HasPrefix(errs, "0 errors, 0 warnings in 0 files, 3 baselined (") {
		t.Fatalf("clean run: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "--show-baselined", dir)
	if code != 0 || strings.Count(out, "(baselined)") != 3 {
		t.Errorf("--show-baselined: exit %d\n%s", code, out)
	}

	// A new finding is reported, the old ones stay hidden.
	writeApp(t, dir, map[string]string{"app/api/c/route.ts": sqlRoute(query("C1"))})
	code, out, _ = run(t, dir)
	if code != 1 || !strings.Contains(out, "app/api/c/route.ts:5:32") || strings.Count(out, "security/raw-sql-injection\n") != 1 {
		t.Errorf("new finding: exit %d\n%s", code, out)
	}

	// Fixing a baselined finding: exit 2 with a message to prune, even though output was written.
	writeApp(t, dir, map[string]string{"app/api/b/route.ts": sqlRoute()})
	code, out, errs = run(t, dir)
	wantErr := "archlint: the baseline " + bpath + " has 1 entry that matches no finding (fixed, suppressed in source, or moved to another file):\n" +
		"  security/raw-sql-injection in app/api/b/route.ts: 1 entry\n" +
		"Run 'archlint baseline --prune' to remove them, or pass --pass-on-unpruned-baseline\n"
	if code != 2 || !strings.Contains(out, "app/api/c/route.ts") || !strings.HasSuffix(errs, wantErr) {
		t.Errorf("fixed a baselined finding: exit %d\n%s---\n%s", code, out, errs)
	}
	code, _, errs = run(t, "--pass-on-unpruned-baseline", dir)
	if code != 1 || !strings.Contains(errs, "archlint: warning: the baseline ") {
		t.Errorf("--pass-on-unpruned-baseline: exit %d (the new finding still fails)\n%s", code, errs)
	}
	// A scoped run does not see entries outside its scope as unused.
	if code, _, errs := run(t, filepath.Join(dir, "app/api/a")); code != 0 {
		t.Errorf("scoped run: exit %d\n%s", code, errs)
	}

	// Prune: only removes; the new finding is not added.
	code, _, errs = run(t, "baseline", "--prune", dir)
	if code != 0 || errs != "archlint: pruned 1 entry from "+bpath+"; 2 entries remain\n" {
		t.Errorf("prune: exit %d\n%s", code, errs)
	}
	code, out, _ = run(t, dir)
	if code != 1 || !strings.Contains(out, "app/api/c/route.ts") {
		t.Errorf("after prune: exit %d\n%s", code, out)
	}
	// Accepting the new finding too.
	if code, _, errs := run(t, "baseline", dir); code != 0 || !strings.Contains(errs, "wrote 3 entries") {
		t.Errorf("re-baseline: exit %d %s", code, errs)
	}
	if code, _, _ := run(t, dir); code != 0 {
		t.Errorf("final run: exit %d", code)
	}
}

// TestFingerprintSurvivesMoves proves, end to end through the raw-SQL analyzer, that a baseline entry
// follows its finding when lines are inserted above it and its code is re-indented and re-wrapped, and
// that the fingerprint changes when the offending code changes. The raw-SQL analyzer keys a finding on the
// enclosing function and the raw API it calls, so editing the SQL text keeps the finding's identity while
// calling another API does not; the entry then matches by count only, and not at all once the file has
// more findings than entries.
func TestFingerprintSurvivesMoves(t *testing.T) {
	dir := writeApp(t, "", map[string]string{"app/api/a/route.ts": sqlRoute(query("A"))})
	if code, _, errs := run(t, "baseline", dir); code != 0 {
		t.Fatal(errs)
	}
	_, r0, _ := runJSON(t, dir)
	if len(r0.Findings) != 1 || !r0.Findings[0].Baselined {
		t.Fatalf("baselined run: %+v", r0)
	}
	fp := r0.Findings[0].Fingerprint
	step := func(name, src string, wantCode int, check func(r jsonReport) bool) {
		t.Helper()
		writeApp(t, dir, map[string]string{"app/api/a/route.ts": src})
		code, r, errs := runJSON(t, dir)
		if code != wantCode || !check(r) {
			t.Errorf("%s: exit %d (want %d) %+v\n%s", name, code, wantCode, r, errs)
		}
	}
	exact := func(r jsonReport) bool {
		return len(r.Findings) == 1 && r.Findings[0].Baselined && r.Findings[0].Fingerprint == fp && len(r.Notifications) == 0
	}

	moved := "// A comment added on top.\n\n" + strings.Replace(sqlRoute(
		"  const unrelated = 1;\n  const more = 2;",
		"      await prisma.$queryRawUnsafe(\n        `SELECT * FROM \"A\" WHERE x = '${q}'`\n      );",
	), "export async", "\n\nexport async", 1)
	step("lines inserted above, call re-indented and re-wrapped", moved, 0, exact)

	edited := strings.Replace(moved, `WHERE x = '${q}'`, `WHERE y = '${q}' AND z = 1`, 1)
	step("SQL text edited: same finding", edited, 0, exact)

	changed := strings.Replace(edited, "$queryRawUnsafe", "$executeRawUnsafe", 1)
	step("another raw API: new fingerprint, matched by count", changed, 0, func(r jsonReport) bool {
		return len(r.Findings) == 1 && r.Findings[0].Fingerprint != fp && r.Findings[0].Baselined &&
			len(r.Notifications) == 1 && r.Notifications[0].ID == "baseline-matched-by-count"
	})

	worse := strings.Replace(changed, "  return Response.json({});", "  await prisma.$executeRawUnsafe(\"DELETE FROM B WHERE x = \" + q);\n  return Response.json({});", 1)
	step("more findings than entries: all reported", worse, 1, func(r jsonReport) bool {
		return len(r.Findings) == 2 && !r.Findings[0].Baselined && !r.Findings[1].Baselined
	})
}

// TestSuppressedInOutputs: text hides suppressed findings and counts them (--show-suppressed lists them
// with the reason); JSON keeps them with the reason; SARIF leaves them out (SARIF-19).
func TestSuppressedInOutputs(t *testing.T) {
	dir := writeApp(t, "", map[string]string{"app/api/a/route.ts": sqlRoute(
		"  // archlint-disable-next-line security/raw-sql-injection -- q is validated by the middleware",
		query("A"))})
	code, out, errs := run(t, dir)
	if code != 0 || out != "" || !strings.HasPrefix(errs, "0 errors, 0 warnings in 0 files, 1 suppressed (") {
		t.Errorf("text: exit %d\n%s%s", code, out, errs)
	}
	_, out, _ = run(t, "--show-suppressed", dir)
	if !strings.Contains(out, "app/api/a/route.ts:6:32  error  '$queryRawUnsafe' runs a template literal with '${q}' as SQL") ||
		!strings.Contains(out, "(suppressed: q is validated by the middleware)") {
		t.Errorf("--show-suppressed:\n%s", out)
	}
	_, r, _ := runJSON(t, dir)
	if len(r.Findings) != 1 || r.Findings[0].Suppression == nil || r.Findings[0].Suppression.Kind != "inSource" ||
		r.Findings[0].Suppression.Justification != "q is validated by the middleware" {
		t.Errorf("json: %+v", r)
	}
	_, out, _ = run(t, "--format", "sarif", dir)
	if strings.Contains(out, `"ruleId"`) {
		t.Errorf("sarif lists a suppressed finding:\n%s", out)
	}
}

// TestConfigReachesSARIF: rules turned off are not in SARIF's rule list; configured severities are the
// descriptors' default level and the results' level; baselined results are kept and marked.
func TestConfigReachesSARIF(t *testing.T) {
	dir := writeApp(t, "", map[string]string{
		"app/api/a/route.ts": sqlRoute(query("A")),
		"archlint.yaml":      isolating + "  security/raw-sql-injection: warning\n",
	})
	_, out, errs := run(t, "--format", "sarif", dir)
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string `json:"id"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID     string         `json:"ruleId"`
				Level      string         `json:"level"`
				Properties map[string]any `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("%v\n%s", err, errs)
	}
	var ids []string
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		ids = append(ids, r.ID+"="+r.DefaultConfiguration.Level)
	}
	want := []string{"meta/invalid-suppression=error", "meta/unused-suppression=warning", "security/raw-sql-injection=warning"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("SARIF rules %q, want %q", ids, want)
	}
	if len(log.Runs[0].Results) != 1 || log.Runs[0].Results[0].Level != "warning" {
		t.Errorf("results %+v", log.Runs[0].Results)
	}

	if code, _, errs := run(t, "baseline", dir); code != 0 {
		t.Fatal(errs)
	}
	_, out, _ = run(t, "--format", "sarif", dir)
	if !strings.Contains(out, `"archlintBaselined": true`) {
		t.Errorf("baselined result not kept and marked:\n%s", out)
	}
}

func TestConfigCommands(t *testing.T) {
	code, out, _ := run(t, "config", "schema")
	if code != 0 || out != string(config.Schema) {
		t.Errorf("config schema: exit %d", code)
	}
	dir := writeApp(t, "", map[string]string{"archlint.yaml": isolating + "exclude: [legacy/**]\n"})
	code, out, errs := run(t, "config", "print", "--fail-on", "warning", "--exclude", "tmp/**", dir)
	for _, want := range []string{
		"# Read from " + filepath.Join(dir, "archlint.yaml") + ".\n",
		"# yaml-language-server: $schema=" + config.SchemaURL + "\n",
		"version: 1\nfailOn: warning\nexclude:\n  - \"tmp/**\"\n  - \"legacy/**\"\n",
		"  security/raw-sql-injection: error # from security/*\n",
		"  prisma/float-for-money: off # from */*\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("config print lacks %q:\n%s%s", want, out, errs)
		}
	}
	if code != 0 {
		t.Errorf("config print: exit %d", code)
	}
	if _, err := config.Parse("printed.yaml", []byte(out)); err != nil {
		t.Errorf("printed configuration does not load: %v", err)
	}
	if code, out, _ := run(t, "config", "print", "--no-config", dir); code != 0 || !strings.Contains(out, "# No configuration file: defaults.\n") {
		t.Errorf("config print --no-config: exit %d\n%s", code, out)
	}
	writeApp(t, dir, map[string]string{"archlint.yaml": "rules:\n  nope/x: off\n"})
	if code, _, errs := run(t, "config", "print", dir); code != 2 || !strings.Contains(errs, `unknown rule "nope/x"`) {
		t.Errorf("config print with a bad file: exit %d %s", code, errs)
	}
}
