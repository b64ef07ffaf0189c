package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/gitdiff/gittest"
	"github.com/archlint/archlint/internal/prbot/fakegithub"
	"github.com/archlint/archlint/sarif"
)

// ghRun runs archlint in-process with the environment env.
func ghRun(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

// Flags map to options one to one; the values flags cannot check are checked by validate.
func TestGitHubFlags(t *testing.T) {
	var got *CheckOptions
	cmd := newCheckCmd(Streams{}, func(o *CheckOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--sarif-category", "apps/web", "--sarif-include-suppressed", "--sarif-max-results", "7",
		"--sarif-srcroot", "none", "--new-from-merge-base", "origin/main", "--diff-filter", "diff_context", "apps/web"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := GitHubOptions{SarifCategory: "apps/web", SarifIncludeSuppressed: true, SarifMaxResults: 7, SarifSrcRoot: "none",
		NewFromMergeBase: "origin/main", DiffFilter: "diff_context"}
	if !reflect.DeepEqual(got.GitHub, want) {
		t.Errorf("options = %+v, want %+v", got.GitHub, want)
	}
	var so sarif.Options
	got.GitHub.sarifOptions(&so)
	if so != (sarif.Options{Category: "apps/web", IncludeSuppressed: true, MaxResults: 7, SrcRootURI: "none"}) {
		t.Errorf("sarif options = %+v", so)
	}

	for _, c := range []struct {
		o    GitHubOptions
		want string
	}{
		{GitHubOptions{SarifMaxResults: 0}, "--sarif-max-results"},
		{GitHubOptions{SarifMaxResults: 30000}, "--sarif-max-results"},
		{GitHubOptions{SarifMaxResults: 5, NewFromRev: "a", NewFromMergeBase: "b"}, "cannot be used together"},
		{GitHubOptions{SarifMaxResults: 5, DiffFilter: "added"}, "needs --new-from-rev or --new-from-merge-base"},
		{GitHubOptions{SarifMaxResults: 5, NewFromRev: "a", DiffFilter: "lines"}, "added, diff_context, file, nofilter"},
	} {
		err := c.o.validate()
		if err == nil || !strings.Contains(err.Error(), c.want) || ExitCode(err) != ExitUsage {
			t.Errorf("validate(%+v) = %v, want a usage error containing %q", c.o, err, c.want)
		}
	}
	ok := GitHubOptions{SarifMaxResults: -1, NewFromRev: "HEAD~1", DiffFilter: "nofilter"}
	if err := ok.validate(); err != nil {
		t.Errorf("validate(%+v) = %v", ok, err)
	}
}

// crossfileRepo commits testdata/github/crossfile's base on main and its head on branch feature.
func crossfileRepo(t *testing.T) *gittest.Repo {
	t.Helper()
	r := gittest.New(t)
	r.CopyDir("../../testdata/github/crossfile/base", "")
	r.Commit("base")
	r.Git("checkout", "-q", "-b", "feature")
	r.CopyDir("../../testdata/github/crossfile/head", "")
	r.Commit("re-export the reporting helpers from lib/db.ts")
	return r
}

type ghJSON struct {
	Findings []struct {
		Rule  string `json:"rule"`
		Path  string `json:"path"`
		Range struct {
			Start struct{ Line int } `json:"start"`
		} `json:"range"`
	} `json:"findings"`
	Notifications []struct {
		ID      string `json:"id"`
		Message string `json:"message"`
	} `json:"notifications"`
}

func (r ghJSON) places() []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, fmt.Sprintf("%s:%d", f.Path, f.Range.Start.Line))
	}
	return out
}

// BASE-05 end to end: --new-from-merge-base reports the cross-file finding caused by the change to
// lib/db.ts, in lib/reports.ts (which the diff does not touch), and not the debt the base already had;
// --diff-filter then restricts it to the changed lines, where it is not.
func TestNewFromMergeBaseCrossFile(t *testing.T) {
	r := crossfileRepo(t)
	t.Chdir(r.Dir)
	json1 := func(args ...string) (int, ghJSON, string) {
		t.Helper()
		code, out, errs := ghRun(t, nil, append([]string{"--format", "json"}, args...)...)
		var rep ghJSON
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v: %v\n%s\n%s", args, err, out, errs)
		}
		return code, rep, errs
	}

	code, all, _ := json1()
	if want := []string{"app/api/legacy/route.ts:6", "lib/reports.ts:9"}; !reflect.DeepEqual(all.places(), want) || code != ExitFindings {
		t.Fatalf("whole analysis: exit %d, findings %v, want %v", code, all.places(), want)
	}
	code, rep, errs := json1("--new-from-merge-base", "main")
	if want := []string{"lib/reports.ts:9"}; !reflect.DeepEqual(rep.places(), want) || code != ExitFindings {
		t.Fatalf("--new-from-merge-base main: exit %d, findings %v, want %v\n%s", code, rep.places(), want, errs)
	}
	found := false
	for _, n := range rep.Notifications {
		found = found || n.ID == "new-findings-only" && strings.Contains(n.Message, "1 finding already present in the base commit")
	}
	if !found {
		t.Errorf("no new-findings notification: %+v", rep.Notifications)
	}
	// The same with the base named directly, and from a sub-directory (repository-relative paths).
	code, rep, _ = json1("--new-from-rev", "main~0")
	if len(rep.Findings) != 1 || code != ExitFindings {
		t.Errorf("--new-from-rev main: exit %d, %v", code, rep.places())
	}
	t.Chdir(filepath.Join(r.Dir, "lib"))
	code, rep, errs = json1("--new-from-merge-base", "main", ".")
	if want := []string{"lib/reports.ts:9"}; !reflect.DeepEqual(rep.places(), want) || code != ExitFindings {
		t.Errorf("from lib/: exit %d, %v, want %v\n%s", code, rep.places(), want, errs)
	}
	t.Chdir(r.Dir)
	for _, mode := range []string{"added", "diff_context", "file"} {
		code, rep, _ = json1("--new-from-merge-base", "main", "--diff-filter", mode)
		if len(rep.Findings) != 0 || code != ExitOK {
			t.Errorf("--diff-filter %s: exit %d, %v; want nothing (lib/reports.ts is not in the diff)", mode, code, rep.places())
		}
	}
	code, rep, _ = json1("--new-from-merge-base", "main", "--diff-filter", "nofilter")
	if len(rep.Findings) != 1 || code != ExitFindings {
		t.Errorf("--diff-filter nofilter: exit %d, %v", code, rep.places())
	}
	// An uncommitted change in the working tree is part of the diff: a new finding on an added line.
	r.Write(map[string]string{"lib/reports.ts": strings.Replace(readFile(t, filepath.Join(r.Dir, "lib/reports.ts")),
		"export async function totalFor", "export async function rowsOf(t: string) {\n  return runReport(`SELECT * FROM ${t}`);\n}\n\nexport async function totalFor", 1)})
	code, rep, _ = json1("--new-from-merge-base", "main", "--diff-filter", "added")
	if want := []string{"lib/reports.ts:9"}; !reflect.DeepEqual(rep.places(), want) || code != ExitFindings {
		t.Errorf("uncommitted change, --diff-filter added: exit %d, %v, want %v", code, rep.places(), want)
	}
	if n := strings.Count(r.Git("worktree", "list", "--porcelain"), "worktree "); n != 1 {
		t.Errorf("%d worktrees left behind", n)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An unknown revision, or no git repository at all, is exit code 2.
func TestNewFromUnknownRevision(t *testing.T) {
	r := crossfileRepo(t)
	t.Chdir(r.Dir)
	code, _, errs := ghRun(t, nil, "--new-from-rev", "no-such-branch")
	if code != ExitUsage || !strings.Contains(errs, `unknown revision "no-such-branch"`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = ghRun(t, nil, "--new-from-merge-base", "origin/nope")
	if code != ExitUsage || !strings.Contains(errs, "origin/nope") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"dependencies":{"next":"15"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = ghRun(t, nil, "--new-from-rev", "HEAD", dir)
	if code != ExitUsage || !strings.Contains(errs, "not a git repository") {
		t.Errorf("outside git: exit %d, stderr %q", code, errs)
	}
}

// Code scanning flags reach the SARIF file: category, the result cap with its notification, and the
// suppressed findings with --sarif-include-suppressed.
func TestSarifFlags(t *testing.T) {
	r := crossfileRepo(t)
	r.Write(map[string]string{"app/api/legacy/route.ts": strings.Replace(readFile(t, filepath.Join(r.Dir, "app/api/legacy/route.ts")),
		"  const rows = await prisma.$queryRawUnsafe", "  // archlint-disable-next-line security/raw-sql-injection -- id is validated by the upstream proxy\n  const rows = await prisma.$queryRawUnsafe", 1)})
	t.Chdir(r.Dir)
	out := filepath.Join(t.TempDir(), "out.sarif")
	code, _, errs := ghRun(t, nil, "--format", "sarif", "--output", out, "--sarif-category", "apps/web", "--fail-on", "none")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	doc := decodeSARIF(t, out)
	run := doc.Runs[0]
	if run.AutomationDetails.ID != "apps/web/" || len(run.Results) != 1 || run.Results[0].Suppressions != nil {
		t.Errorf("default: automationDetails %q, %d results (suppressions %v)", run.AutomationDetails.ID, len(run.Results), run.Results[0].Suppressions)
	}
	code, _, _ = ghRun(t, nil, "--format", "sarif", "--output", out, "--sarif-include-suppressed", "--fail-on", "none")
	run = decodeSARIF(t, out).Runs[0]
	if code != ExitOK || len(run.Results) != 2 || run.AutomationDetails.ID != "" {
		t.Fatalf("--sarif-include-suppressed: exit %d, %d results", code, len(run.Results))
	}
	for _, res := range run.Results {
		if res.Suppressions == nil {
			t.Errorf("result without suppressions array: %+v", res)
		}
	}
	if len(*run.Results[0].Suppressions)+len(*run.Results[1].Suppressions) != 1 {
		t.Errorf("want exactly one suppressed result")
	}
	code, _, _ = ghRun(t, nil, "--format", "sarif", "--output", out, "--sarif-include-suppressed", "--sarif-max-results", "1", "--fail-on", "none")
	run = decodeSARIF(t, out).Runs[0]
	if code != ExitOK || len(run.Results) != 1 || !strings.Contains(fmt.Sprint(run.Invocations), sarif.TruncatedNotificationID) {
		t.Errorf("--sarif-max-results 1: exit %d, %d results, invocations %v", code, len(run.Results), run.Invocations)
	}
}

type sarifDoc struct {
	Runs []struct {
		AutomationDetails struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		Results []struct {
			RuleID       string `json:"ruleId"`
			Suppressions *[]any `json:"suppressions"`
		} `json:"results"`
		Invocations []any `json:"invocations"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, path string) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal([]byte(readFile(t, path)), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// prEnv writes a pull_request event for acme/shop#3 and returns the Actions environment pointing at fake.
func prEnv(t *testing.T, fake *fakegithub.Server, head, base string) map[string]string {
	t.Helper()
	ev := map[string]any{"pull_request": map[string]any{"number": 3,
		"head": map[string]any{"sha": head, "ref": "feature", "repo": map[string]any{"id": 1, "full_name": "acme/shop"}},
		"base": map[string]any{"sha": base, "ref": "main", "repo": map[string]any{"id": 1, "full_name": "acme/shop"}}}}
	b, _ := json.Marshal(ev)
	dir := t.TempDir()
	p := filepath.Join(dir, "event.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": p, "GITHUB_REPOSITORY": "acme/shop",
		"GITHUB_API_URL": fake.URL, "GITHUB_SERVER_URL": "https://github.example", "GITHUB_RUN_ID": "77", "GITHUB_TOKEN": "ghs_x",
		"GITHUB_STEP_SUMMARY": filepath.Join(dir, "step-summary.md"),
	}
}

// The review command, analysing itself with --new-from-merge-base: the cross-file finding in an untouched
// file is listed in the summary (PR-13), nothing is commented inline, the exit code follows --fail-on; the
// SARIF path gives the same review; a re-run writes nothing.
func TestReviewCommand(t *testing.T) {
	r := crossfileRepo(t)
	t.Chdir(r.Dir)
	head, base := r.Git("rev-parse", "HEAD"), r.Git("rev-parse", "main")
	fake := fakegithub.New(t, "acme", "shop", 3, head, r.Git("diff", "main...feature"))
	env := prEnv(t, fake, head, base)

	code, stdout, stderr := ghRun(t, env, "github", "review", "--new-from-merge-base", "main")
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	t.Logf("request log, archlint github review (first run):\n%s", fakegithub.FormatLog(fake.Log()))
	if !strings.Contains(stderr, "acme/shop#3: 1 finding; 0 commented inline (0 new), 1 in the summary") {
		t.Errorf("stderr: %s", stderr)
	}
	cs := fake.IssueComments()
	if len(cs) != 1 || !strings.Contains(cs[0].GetBody(), "[lib/reports.ts:9](https://github.example/acme/shop/blob/"+head+"/lib/reports.ts#L9)") ||
		strings.Contains(cs[0].GetBody(), "legacy") {
		t.Fatalf("summary comments: %d\n%s", len(cs), cs[0].GetBody())
	}
	if len(fake.Reviews()) != 0 {
		t.Errorf("a review was posted for a finding outside the diff")
	}

	// The same findings through SARIF: nothing to change.
	sarifPath := filepath.Join(t.TempDir(), "archlint.sarif")
	if code, _, errs := ghRun(t, nil, "--format", "sarif", "--output", sarifPath, "--new-from-merge-base", "main", "--fail-on", "none"); code != 0 {
		t.Fatalf("check: %d %s", code, errs)
	}
	fake.ResetLog()
	code, _, stderr = ghRun(t, env, "github", "review", "--sarif", sarifPath, "--fail-on", "none")
	t.Logf("request log, archlint github review --sarif (re-run):\n%s", fakegithub.FormatLog(fake.Log()))
	if code != ExitOK || len(fake.Writes()) != 0 {
		t.Errorf("--sarif re-run: exit %d, writes %v\n%s", code, fake.Writes(), stderr)
	}

	// Check flags after -- reach the analysis (and are checked there).
	fake.ResetLog()
	code, _, stderr = ghRun(t, env, "github", "review", "--", "--no-such-flag")
	if code != ExitUsage || !strings.Contains(stderr, "no-such-flag") || len(fake.Log()) != 0 {
		t.Errorf("unknown check flag: exit %d, %d requests, %q", code, len(fake.Log()), stderr)
	}
	code, _, _ = ghRun(t, env, "github", "review", "--fail-on", "none", "--", "--exclude", "lib/**", "--new-from-merge-base", "main")
	if code != ExitOK || !strings.Contains(fake.IssueComments()[0].GetBody(), "No findings in this pull request.") {
		t.Errorf("check flags after --: exit %d, summary:\n%s", code, fake.IssueComments()[0].GetBody())
	}
}

// (e) through the command: a token that cannot write gives annotations on stdout and the job summary, and
// the exit code follows --fail-on.
func TestReviewCommandFallback(t *testing.T) {
	r := crossfileRepo(t)
	t.Chdir(r.Dir)
	head, base := r.Git("rev-parse", "HEAD"), r.Git("rev-parse", "main")
	sarifPath := filepath.Join(t.TempDir(), "archlint.sarif")
	if code, _, errs := ghRun(t, nil, "--format", "sarif", "--output", sarifPath, "--fail-on", "none"); code != 0 {
		t.Fatalf("check: %d %s", code, errs)
	}
	// Make the legacy finding anchorable: the PR diff adds its line.
	diff := "diff --git a/app/api/legacy/route.ts b/app/api/legacy/route.ts\n--- a/app/api/legacy/route.ts\n+++ b/app/api/legacy/route.ts\n@@ -5,2 +5,2 @@\n   const id = 1;\n-  old\n+  const rows = 1;\n"
	fake := fakegithub.New(t, "acme", "shop", 3, head, diff)
	fake.ReadOnly = true
	env := prEnv(t, fake, head, base)
	for _, c := range []struct {
		failOn string
		code   int
	}{{"error", ExitFindings}, {"none", ExitOK}} {
		code, stdout, stderr := ghRun(t, env, "github", "review", "--sarif", sarifPath, "--fail-on", c.failOn)
		if code != c.code {
			t.Errorf("--fail-on %s: exit %d, want %d\n%s", c.failOn, code, c.code, stderr)
		}
		if !strings.Contains(stdout, "::error file=app/api/legacy/route.ts,line=6,") || !strings.Contains(stdout, "::error file=lib/reports.ts,line=9,") {
			t.Errorf("annotations:\n%s", stdout)
		}
		if !strings.Contains(stderr, "written as annotations and to the job summary") {
			t.Errorf("stderr: %s", stderr)
		}
	}
	if sum := readFile(t, env["GITHUB_STEP_SUMMARY"]); !strings.Contains(sum, "lib/reports.ts:9") {
		t.Errorf("job summary:\n%s", sum)
	}
	if w := fake.Writes(); len(w) != 2 || w[0].Status != 403 {
		t.Errorf("writes: %v", w) // one failed POST per run, then nothing
	}
}

// T-HEADSHA (PR-05): the base branch changed the same file after the pull request branched, and the job
// checked out GitHub's merge commit. The review analyses the head in a temporary worktree, so the comment
// lands on the head's line, with the head's commit_id.
func TestReviewAnchorsToHead(t *testing.T) {
	r := gittest.New(t)
	route := func(pre, extra string) string {
		return pre + "import { prisma } from \"../../../lib/db\";\n\nexport async function GET(request: Request) {\n" +
			"  const id = new URL(request.url).searchParams.get(\"id\");\n" + extra + "  return Response.json({});\n}\n"
	}
	r.Write(map[string]string{
		"package.json":           `{"name":"x","private":true,"dependencies":{"next":"15.1.0","@prisma/client":"6.1.0"}}`,
		"archlint.yaml":          "rules:\n  \"*/*\": off\n  security/raw-sql-injection: error\n",
		"lib/db.ts":              "import { PrismaClient } from \"@prisma/client\";\nexport const prisma = new PrismaClient();\n",
		"app/api/items/route.ts": route("", ""),
	})
	r.Commit("base")
	r.Git("checkout", "-q", "-b", "feature")
	bad := "  const rows = await prisma.$queryRawUnsafe(`SELECT * FROM \"Item\" WHERE id = '${id}'`);\n"
	r.Write(map[string]string{"app/api/items/route.ts": route("", bad)})
	head := r.Commit("the pull request adds a query on line 5")
	r.Git("checkout", "-q", "main")
	r.Write(map[string]string{"app/api/items/route.ts": route("// 1\n// 2\n// 3\n// 4\n// 5\n", "")})
	base := r.Commit("main adds five lines at the top of the same file")
	r.Git("checkout", "-q", "--detach", "main")
	r.Git("merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature")
	if got := readFile(t, filepath.Join(r.Dir, "app/api/items/route.ts")); !strings.Contains(strings.Split(got, "\n")[9], "$queryRawUnsafe") {
		t.Fatalf("fixture: the merge commit should have the query on line 10:\n%s", got)
	}
	t.Chdir(r.Dir)
	d, err := gitdiff.Git(t.Context(), r.Dir, "diff", base+"..."+head)
	if err != nil {
		t.Fatal(err)
	}

	for _, at := range []string{"merge", "merge, new from the merge base", "head"} {
		t.Run(at, func(t *testing.T) {
			if at == "head" {
				r.Git("checkout", "-q", "--detach", head)
			}
			fake := fakegithub.New(t, "acme", "shop", 3, head, string(d))
			args := []string{"github", "review"}
			if strings.Contains(at, "new from") {
				// The base is analysed in a second worktree, made from the head's.
				args = append(args, "--new-from-merge-base", "main")
			}
			code, _, stderr := ghRun(t, prEnv(t, fake, head, base), args...)
			if code != ExitFindings {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			if at != "head" && !strings.Contains(stderr, "analysing the head "+head[:12]+" in a temporary worktree") {
				t.Errorf("stderr: %s", stderr)
			}
			rv := fake.Reviews()
			if len(rv) != 1 || rv[0].GetCommitID() != head || len(rv[0].Comments) != 1 {
				t.Fatalf("reviews: %+v\n%s", rv, stderr)
			}
			if c := rv[0].Comments[0]; c.GetPath() != "app/api/items/route.ts" || c.GetLine() != 5 {
				t.Errorf("comment at %s:%d, want the head's line 5", c.GetPath(), c.GetLine())
			}
			if n := strings.Count(r.Git("worktree", "list", "--porcelain"), "worktree "); n != 1 {
				t.Errorf("%d worktrees left behind", n)
			}
		})
	}

	t.Run("head missing", func(t *testing.T) {
		r.Git("checkout", "-q", "--detach", base)
		missing := strings.Repeat("ab", 20)
		fake := fakegithub.New(t, "acme", "shop", 3, missing, string(d))
		code, _, stderr := ghRun(t, prEnv(t, fake, missing, base), "github", "review")
		if code != ExitUsage || !strings.Contains(stderr, "ref: ${{ github.event.pull_request.head.sha }}") || len(fake.Log()) != 0 {
			t.Errorf("exit %d, %d requests\n%s", code, len(fake.Log()), stderr)
		}
	})
}

func TestReviewCommandUsage(t *testing.T) {
	env := map[string]string{}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"github", "review", "--sarif", "x.sarif", "apps/web"}, "--sarif takes the findings as they are"},
		{[]string{"github", "review", "--sarif", "x.sarif", "--new-from-merge-base", "main"}, "--new-from-merge-base"},
		{[]string{"github", "review", "--max-comments", "31"}, "--max-comments"},
		{[]string{"github", "review", "--diff-filter", "lines"}, "added, diff_context, file, nofilter"},
		{[]string{"github", "review", "--fail-on", "fatal"}, "--fail-on"},
	} {
		code, _, stderr := ghRun(t, env, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, stderr)
		}
	}
	// Not a pull request: nothing to do, exit 0.
	code, _, stderr := ghRun(t, env, "github", "review")
	if code != ExitOK || !strings.Contains(stderr, "not a pull request event") {
		t.Errorf("no event: exit %d, %q", code, stderr)
	}
}
