package prbot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v75/github"

	"github.com/archlint/archlint/internal/fingerprint"
	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/gitdiff/gittest"
	"github.com/archlint/archlint/internal/prbot/fakegithub"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// T-PR-fake-api: the review bot against an httptest fake of GitHub's REST API.

const (
	owner   = "acme"
	repo    = "shop"
	prNum   = 7
	headSHA = "1111111111111111111111111111111111111111"
	baseSHA = "2222222222222222222222222222222222222222"
)

// prDiff is the pull request's diff: a new route file (40 lines, all added) and a one-line change in
// lib/db.ts. lib/reports.ts is not in it.
var prDiff = func() string {
	var b strings.Builder
	b.WriteString("diff --git a/app/api/users/route.ts b/app/api/users/route.ts\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/app/api/users/route.ts\n@@ -0,0 +1,40 @@\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "+line %d\n", i)
	}
	b.WriteString("diff --git a/lib/db.ts b/lib/db.ts\nindex 3333333..4444444 100644\n--- a/lib/db.ts\n+++ b/lib/db.ts\n@@ -1,3 +1,4 @@\n import x\n \n export const prisma = 1;\n+export * from \"./reports\";\n")
	return b.String()
}()

// finding builds a raw-SQL finding on lines start..end of path.
func finding(path string, start, end int, msg string) report.Finding {
	return report.Finding{
		RuleID:   rules.RawSQLInjection.ID,
		Severity: rules.Error,
		Message:  msg,
		Location: report.Location{Path: path, Range: report.Range{
			Start: report.Position{Line: start, Column: 3}, End: report.Position{Line: end, Column: 20}}},
		Fingerprint: fingerprint.Key(rules.RawSQLInjection.ID, path, msg),
	}
}

func newReport(fs ...report.Finding) *report.Report {
	r := &report.Report{
		Tool:                report.Tool{Name: "archlint", Version: "v0.9.0"},
		Rules:               []*rules.Rule{rules.RawSQLInjection},
		Findings:            fs,
		ExecutionSuccessful: true,
	}
	report.SortFindings(r.Findings)
	return r
}

// the three findings of the first run: two on added lines of the new route (one spans three lines), one in
// lib/reports.ts, a file the diff does not touch (a cross-file finding).
var (
	fRoute      = finding("app/api/users/route.ts", 5, 5, "'$queryRawUnsafe' runs a template literal with '${id}' as SQL.")
	fRouteMulti = finding("app/api/users/route.ts", 12, 14, "'$executeRaw' is called as a function with a template literal.")
	fReports    = finding("lib/reports.ts", 9, 9, "This call passes a string concatenated with 'table' to 'runReport'.")
)

type harness struct {
	t     *testing.T
	fake  *fakegithub.Server
	ctx   *Context
	slept []time.Duration
	out   bytes.Buffer
	log   bytes.Buffer
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t}
	h.fake = fakegithub.New(t, owner, repo, prNum, headSHA, prDiff)
	h.ctx = &Context{
		EventName: "pull_request", Owner: owner, Repo: repo, Number: prNum, HeadSHA: headSHA, BaseSHA: baseSHA,
		APIURL: h.fake.URL, ServerURL: "https://github.example", RunID: "4242", Token: "ghs_test",
		StepSummary: filepath.Join(t.TempDir(), "summary.md"),
	}
	return h
}

var epoch = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func (h *harness) run(rep *report.Report, edit ...func(*Options)) *Outcome {
	h.t.Helper()
	h.out.Reset()
	o := Options{
		Context: h.ctx, Report: rep, Out: &h.out, Log: &h.log,
		Retry: Retry{Now: func() time.Time { return epoch }, Sleep: func(_ context.Context, d time.Duration) error {
			h.slept = append(h.slept, d)
			return nil
		}},
	}
	for _, e := range edit {
		e(&o)
	}
	out, err := Run(context.Background(), o)
	if err != nil {
		h.t.Fatalf("Run: %v\nlog:\n%s", err, h.log.String())
	}
	return out
}

func (h *harness) requests() string { return fakegithub.FormatLog(h.fake.Log()) }

// ownInline returns the bot's live review comments by fingerprint.
func (h *harness) ownInline() map[string]*github.PullRequestComment {
	out := map[string]*github.PullRequestComment{}
	for _, c := range h.fake.ReviewComments() {
		if fp := parseCommentMarker(c.GetBody(), DefaultCategory); fp != "" && c.GetUser().GetLogin() == h.fake.Login {
			out[fp] = c
		}
	}
	return out
}

func (h *harness) summaries() []*github.IssueComment {
	var out []*github.IssueComment
	for _, c := range h.fake.IssueComments() {
		if hasSummaryMarker(c.GetBody(), DefaultCategory) {
			out = append(out, c)
		}
	}
	return out
}

func wantRequests(t *testing.T, got []fakegithub.Request, want ...string) {
	t.Helper()
	var lines []string
	for _, r := range got {
		lines = append(lines, r.String())
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("requests:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

var (
	pr       = fmt.Sprintf("/repos/%s/%s/pulls/%d", owner, repo, prNum)
	issue    = fmt.Sprintf("/repos/%s/%s/issues/%d", owner, repo, prNum)
	listRC   = "GET    " + pr + "/comments?per_page=100 -> 200"
	listIC   = "GET    " + issue + "/comments?per_page=100 -> 200"
	getDiff  = "GET    " + pr + " -> 200"
	getUser  = "GET    /user -> 403"
	postRev  = "POST   " + pr + "/reviews -> 200"
	postSum  = "POST   " + issue + "/comments -> 201"
	patchSum = func(id int64) string {
		return fmt.Sprintf("PATCH  /repos/%s/%s/issues/comments/%d -> 200", owner, repo, id)
	}
)

// (a) The first run posts one review with the anchorable findings and one summary comment listing the
// rest; (b) an identical re-run posts and edits nothing. The request logs are printed with -v.
func TestFirstRunAndIdempotentRerun(t *testing.T) {
	h := newHarness(t)
	rep := newReport(fRoute, fRouteMulti, fReports)

	out := h.run(rep)
	t.Logf("request log, first run:\n%s", h.requests())
	wantRequests(t, h.fake.Log(), getDiff, getUser, listRC, postRev, listIC, postSum)
	if out.Posted != 2 || out.Inline != 2 || out.Listed != 1 || out.Summary != "created" || out.Fallback != "" || out.DiffSource != "api" {
		t.Errorf("outcome = %+v", out)
	}
	reviews := h.fake.Reviews()
	if len(reviews) != 1 {
		t.Fatalf("%d reviews, want 1", len(reviews))
	}
	rv := reviews[0]
	if rv.GetCommitID() != headSHA || rv.GetEvent() != "COMMENT" || len(rv.Comments) != 2 {
		t.Fatalf("review = commit %s, event %s, %d comments", rv.GetCommitID(), rv.GetEvent(), len(rv.Comments))
	}
	// Most severe first, then by place: line 5, then the three-line finding 12..14.
	c0, c1 := rv.Comments[0], rv.Comments[1]
	if c0.GetPath() != "app/api/users/route.ts" || c0.GetLine() != 5 || c0.StartLine != nil || c0.GetSide() != "RIGHT" {
		t.Errorf("first comment at %s:%d (start %v, side %s)", c0.GetPath(), c0.GetLine(), c0.StartLine, c0.GetSide())
	}
	if c1.GetLine() != 14 || c1.GetStartLine() != 12 || c1.GetStartSide() != "RIGHT" {
		t.Errorf("multi-line comment at %d..%d, want 12..14", c1.GetStartLine(), c1.GetLine())
	}
	if !strings.Contains(c0.GetBody(), "'\\$queryRawUnsafe' runs a template literal with '\\$\\{id\\}' as SQL.") ||
		!strings.Contains(c0.GetBody(), "[How to fix]("+rules.RawSQLInjection.HelpURI()+")") ||
		!strings.HasSuffix(c0.GetBody(), commentMarker(fRoute.Fingerprint, DefaultCategory)+"\n") {
		t.Errorf("comment body:\n%s", c0.GetBody())
	}
	sums := h.summaries()
	if len(sums) != 1 {
		t.Fatalf("%d summary comments, want 1", len(sums))
	}
	s := sums[0].GetBody()
	for _, want := range []string{
		"**3 findings** in this pull request: 3 errors, 0 warnings, 0 notes · 2 commented inline · 1 listed below",
		"1 outside the changed lines.",
		"| error | `security/raw-sql-injection` | [lib/reports.ts:9](https://github.example/acme/shop/blob/" + headSHA + "/lib/reports.ts#L9) |",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "route.ts") {
		t.Errorf("summary lists an inline finding:\n%s", s)
	}

	// (b)
	h.fake.ResetLog()
	out = h.run(rep)
	t.Logf("request log, re-run:\n%s", h.requests())
	if w := h.fake.Writes(); len(w) != 0 {
		t.Fatalf("the re-run wrote: %v", w)
	}
	wantRequests(t, h.fake.Log(), getDiff, getUser, listRC, listIC)
	if out.Posted != 0 || out.Deleted != 0 || out.Inline != 2 || out.Summary != "unchanged" {
		t.Errorf("re-run outcome = %+v", out)
	}
}

// At most 30 inline comments: the rest is listed as over the limit, and a re-run does not post the next
// batch.
func TestInlineCommentLimit(t *testing.T) {
	h := newHarness(t)
	var fs []report.Finding
	for i := 1; i <= 35; i++ {
		fs = append(fs, finding("app/api/users/route.ts", i, i, fmt.Sprintf("finding %d", i)))
	}
	out := h.run(newReport(fs...))
	if len(h.fake.Reviews()) != 1 || len(h.fake.Reviews()[0].Comments) != 30 || out.Inline != 30 || out.Listed != 5 {
		t.Fatalf("outcome %+v, reviews %d", out, len(h.fake.Reviews()))
	}
	if s := h.summaries()[0].GetBody(); !strings.Contains(s, "5 over the inline comment limit.") {
		t.Errorf("summary:\n%s", s)
	}
	h.fake.ResetLog()
	h.run(newReport(fs...))
	if w := h.fake.Writes(); len(w) != 0 {
		t.Fatalf("re-run wrote %v", w)
	}
}

// (c) A fixed finding's comment is deleted; a comment someone replied to is kept; other people's
// comments, even with a copied marker, and other categories' comments are never touched.
func TestFixedFindingsDeletedUnlessReplied(t *testing.T) {
	h := newHarness(t)
	h.run(newReport(fRoute, fRouteMulti))
	own := h.ownInline()
	multi := own[fRouteMulti.Fingerprint]
	if len(own) != 2 || multi == nil {
		t.Fatalf("own comments after the first run: %d", len(own))
	}
	replyID := h.fake.AddReviewComment(&github.PullRequestComment{
		Body: github.Ptr("Fixed in the next commit, thanks"), InReplyTo: multi.ID, Path: multi.Path, Line: multi.Line,
		User: &github.User{Login: github.Ptr("alice")},
	})
	forgedID := h.fake.AddReviewComment(&github.PullRequestComment{
		Body: github.Ptr("quoting the bot:\n" + commentMarker(fRoute.Fingerprint, DefaultCategory)), Path: github.Ptr("lib/db.ts"),
		Line: github.Ptr(4), User: &github.User{Login: github.Ptr("alice")},
	})
	otherCat := h.fake.AddReviewComment(&github.PullRequestComment{
		Body: github.Ptr("x\n" + commentMarker("aaaaaaaaaaaaaaaa", "apps/admin")), Path: github.Ptr("lib/db.ts"),
		Line: github.Ptr(4), User: &github.User{Login: github.Ptr(h.fake.Login)},
	})
	sumID := h.summaries()[0].GetID()

	h.fake.ResetLog()
	out := h.run(newReport()) // both fixed
	t.Logf("request log, fixed run:\n%s", h.requests())
	wantRequests(t, h.fake.Writes(),
		fmt.Sprintf("DELETE /repos/%s/%s/pulls/comments/%d -> 204", owner, repo, own[fRoute.Fingerprint].GetID()),
		patchSum(sumID))
	if out.Deleted != 1 || out.Posted != 0 || out.Summary != "updated" {
		t.Errorf("outcome = %+v", out)
	}
	left := map[int64]bool{}
	for _, c := range h.fake.ReviewComments() {
		left[c.GetID()] = true
	}
	for name, id := range map[string]int64{"replied-to": multi.GetID(), "reply": replyID, "forged": forgedID, "other category": otherCat} {
		if !left[id] {
			t.Errorf("the %s comment was deleted", name)
		}
	}
	if s := h.summaries()[0].GetBody(); !strings.Contains(s, "No findings in this pull request.") {
		t.Errorf("summary after the fix:\n%s", s)
	}
}

// (d) GitHub rejects the review (422): the bot does not retry it and lists its findings in the summary.
func TestReviewRejectedFallsBackToSummary(t *testing.T) {
	h := newHarness(t)
	h.fake.Fail("POST", pr+"/reviews", 1, fakegithub.Fault{Status: 422,
		Body: `{"message":"Unprocessable Entity","errors":["Pull request review thread line must be part of the diff"]}`})
	out := h.run(newReport(fRoute, fReports))
	wantRequests(t, h.fake.Writes(), "POST   "+pr+"/reviews -> 422", postSum)
	if out.Posted != 0 || out.Inline != 0 || out.Listed != 2 || out.Fallback != "" {
		t.Errorf("outcome = %+v", out)
	}
	s := h.summaries()[0].GetBody()
	if !strings.Contains(s, "1 outside the changed lines, 1 rejected by GitHub as review comments.") || !strings.Contains(s, "route.ts:5") {
		t.Errorf("summary:\n%s", s)
	}
	// The anchors the bot sends pass the fake's own validation (lines in one hunk of the diff).
	h2 := newHarness(t)
	h2.run(newReport(fRoute, fRouteMulti))
	if len(h2.fake.Reviews()) != 1 {
		t.Fatal("a valid review was rejected by the fake")
	}
}

// (e) A token that cannot write (403 on the first write): annotations and the job summary instead.
func TestForbiddenFallsBackToAnnotations(t *testing.T) {
	h := newHarness(t)
	h.fake.ReadOnly = true
	out := h.run(newReport(fRoute, fReports))
	if !strings.Contains(out.Fallback, "cannot write") {
		t.Fatalf("fallback = %q", out.Fallback)
	}
	wantRequests(t, h.fake.Writes(), "POST   "+pr+"/reviews -> 403")
	assertAnnotations(t, h)
}

func assertAnnotations(t *testing.T, h *harness) {
	t.Helper()
	got := h.out.String()
	for _, want := range []string{
		"::notice title=archlint::Review comments are not available",
		"::error file=app/api/users/route.ts,line=5,col=3,endLine=5,endColumn=20,title=security/raw-sql-injection::'$queryRawUnsafe' runs a template literal with '${id}' as SQL.\n",
		"::error file=lib/reports.ts,line=9,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("annotations lack %q:\n%s", want, got)
		}
	}
	sum, err := os.ReadFile(h.ctx.StepSummary)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sum), "**2 errors, 0 warnings, 0 notes**") || !strings.Contains(string(sum), "lib/reports.ts:9:3") {
		t.Errorf("job summary:\n%s", sum)
	}
}

// (f) GitHub refuses the diff as too large (406): the local clone's git diff is used; if that fails too,
// the files API.
func TestDiffTooLarge(t *testing.T) {
	r := gittest.New(t)
	r.Write(map[string]string{"lib/db.ts": "import x\n\nexport const prisma = 1;\n"})
	base := r.Commit("base")
	body := ""
	for i := 1; i <= 40; i++ {
		body += fmt.Sprintf("line %d\n", i)
	}
	r.Write(map[string]string{"app/api/users/route.ts": body, "lib/db.ts": "import x\n\nexport const prisma = 1;\nexport * from \"./reports\";\n"})
	head := r.Commit("head")

	t.Run("git", func(t *testing.T) {
		h := newHarness(t)
		h.ctx.BaseSHA, h.ctx.HeadSHA, h.fake.HeadSHA = base, head, head
		h.fake.Fail("GET", pr, 1, fakegithub.Fault{Status: 406,
			Body: `{"message":"Sorry, the diff exceeded the maximum number of lines (20000)","errors":[{"resource":"PullRequest","field":"diff","code":"too_large"}]}`})
		var asked [2]string
		out := h.run(newReport(fRoute, fReports), func(o *Options) {
			o.LocalDiff = func(ctx context.Context, b, hd string) (*gitdiff.Diff, error) {
				asked = [2]string{b, hd}
				return gitdiff.Between(ctx, r.Dir, b, hd)
			}
		})
		if out.DiffSource != "git" || asked != [2]string{base, head} || out.Posted != 1 {
			t.Fatalf("outcome %+v, local diff asked for %v", out, asked)
		}
	})
	t.Run("files-api", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Fail("GET", pr, 1, fakegithub.Fault{Status: 406, Body: `{"message":"too_large"}`})
		patch := "@@ -0,0 +1,40 @@\n"
		for i := 1; i <= 40; i++ {
			patch += fmt.Sprintf("+line %d\n", i)
		}
		h.fake.Files = []*github.CommitFile{
			{Filename: github.Ptr("app/api/users/route.ts"), Status: github.Ptr("added"), Patch: github.Ptr(patch)},
			{Filename: github.Ptr("lib/my dir/x.ts"), PreviousFilename: github.Ptr("lib/old.ts"), Status: github.Ptr("renamed")},
			{Filename: github.Ptr("public/big.js"), Status: github.Ptr("modified")}, // patch omitted: too large
		}
		out := h.run(newReport(fRoute, fReports), func(o *Options) {
			o.LocalDiff = func(context.Context, string, string) (*gitdiff.Diff, error) {
				return nil, errors.New("fatal: bad object " + baseSHA)
			}
		})
		if out.DiffSource != "files-api" || out.Posted != 1 {
			t.Fatalf("outcome %+v\nlog:\n%s", out, h.log.String())
		}
		if !strings.Contains(h.requests(), "GET    "+pr+"/files?per_page=100 -> 200") {
			t.Errorf("files API not asked:\n%s", h.requests())
		}
	})
}

// (g) Rate limits: 429 with Retry-After and 403 with X-RateLimit-Reset are waited out (injected clock);
// a limit that outlasts the retries degrades to annotations.
func TestRateLimits(t *testing.T) {
	t.Run("429 retry-after", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Fail("POST", pr+"/reviews", 1, fakegithub.Fault{Status: 429, Header: map[string]string{"Retry-After": "7"},
			Body: `{"message":"You have exceeded a secondary rate limit"}`})
		out := h.run(newReport(fRoute))
		if fmt.Sprint(h.slept) != "[7s]" || out.Posted != 1 {
			t.Fatalf("slept %v, outcome %+v", h.slept, out)
		}
		wantRequests(t, h.fake.Writes(), "POST   "+pr+"/reviews -> 429", postRev, postSum)
		if len(h.fake.Reviews()) != 1 {
			t.Errorf("%d reviews after the retry, want 1", len(h.fake.Reviews()))
		}
	})
	t.Run("403 x-ratelimit-reset", func(t *testing.T) {
		h := newHarness(t)
		reset := epoch.Add(30 * time.Second).Unix()
		h.fake.Fail("GET", pr+"/comments", 1, fakegithub.Fault{Status: 403, Header: map[string]string{
			"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(reset)}, Body: `{"message":"API rate limit exceeded"}`})
		out := h.run(newReport(fRoute))
		if fmt.Sprint(h.slept) != "[31s]" || out.Posted != 1 {
			t.Fatalf("slept %v, outcome %+v", h.slept, out)
		}
	})
	t.Run("secondary limit without headers backs off", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Fail("POST", issue+"/comments", 2, fakegithub.Fault{Status: 403,
			Body: `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`})
		out := h.run(newReport(fReports))
		if fmt.Sprint(h.slept) != "[1m0s 2m0s]" || out.Summary != "created" {
			t.Fatalf("slept %v, outcome %+v", h.slept, out)
		}
	})
	t.Run("exhausted", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Fail("POST", pr+"/reviews", 10, fakegithub.Fault{Status: 429, Header: map[string]string{"Retry-After": "5"}})
		out := h.run(newReport(fRoute, fReports))
		if fmt.Sprint(h.slept) != "[5s 5s 5s]" || !strings.Contains(out.Fallback, "rate limit") {
			t.Fatalf("slept %v, outcome %+v", h.slept, out)
		}
		assertAnnotations(t, h)
	})
	t.Run("wait too long", func(t *testing.T) {
		h := newHarness(t)
		h.fake.Fail("POST", pr+"/reviews", 10, fakegithub.Fault{Status: 403, Header: map[string]string{
			"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(epoch.Add(time.Hour).Unix())}})
		out := h.run(newReport(fRoute))
		if len(h.slept) != 0 || !strings.Contains(out.Fallback, "rate limit") {
			t.Fatalf("slept %v, outcome %+v", h.slept, out)
		}
	})
}

// (h) Existing comments span several pages (100 per page): the bot finds its own on the last page, deletes
// the fixed one there, and updates (not duplicates) the summary found on page 2.
func TestPagination(t *testing.T) {
	h := newHarness(t)
	alice := &github.User{Login: github.Ptr("alice")}
	for i := 0; i < 230; i++ {
		h.fake.AddReviewComment(&github.PullRequestComment{Body: github.Ptr(fmt.Sprintf("nit %d", i)), Path: github.Ptr("lib/db.ts"), Line: github.Ptr(4), User: alice})
		if i < 140 {
			h.fake.AddIssueComment(&github.IssueComment{Body: github.Ptr(fmt.Sprintf("LGTM %d", i)), User: alice})
		}
	}
	bot := &github.User{Login: github.Ptr(h.fake.Login)}
	h.fake.AddReviewComment(&github.PullRequestComment{Body: github.Ptr(commentBody(newReport(), &fRoute, DefaultCategory, "")),
		Path: github.Ptr("app/api/users/route.ts"), Line: github.Ptr(5), User: bot})
	gone := finding("app/api/users/route.ts", 30, 30, "fixed meanwhile")
	goneID := h.fake.AddReviewComment(&github.PullRequestComment{Body: github.Ptr(commentBody(newReport(), &gone, DefaultCategory, "")),
		Path: github.Ptr("app/api/users/route.ts"), Line: github.Ptr(30), User: bot})
	sumID := h.fake.AddIssueComment(&github.IssueComment{Body: github.Ptr(summaryMarker(DefaultCategory) + "\nold text"), User: bot})

	out := h.run(newReport(fRoute, fReports))
	log := h.requests()
	for _, want := range []string{pr + "/comments?page=2&per_page=100", pr + "/comments?page=3&per_page=100", issue + "/comments?page=2&per_page=100"} {
		if !strings.Contains(log, want) {
			t.Errorf("no request for %s:\n%s", want, log)
		}
	}
	wantRequests(t, h.fake.Writes(), fmt.Sprintf("DELETE /repos/%s/%s/pulls/comments/%d -> 204", owner, repo, goneID), patchSum(sumID))
	if out.Posted != 0 || out.Inline != 1 || len(h.summaries()) != 1 {
		t.Errorf("outcome %+v, %d summaries", out, len(h.summaries()))
	}
}

// (i) A pull request from a fork: the token is read-only, so nothing is written; annotations instead.
func TestForkMakesNoWrites(t *testing.T) {
	h := newHarness(t)
	ev := filepath.Join(t.TempDir(), "event.json")
	writeEvent(t, ev, "contributor/shop", 99)
	ctx, err := FromEnv(envOf(map[string]string{
		"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": ev, "GITHUB_REPOSITORY": "acme/shop",
		"GITHUB_API_URL": h.fake.URL, "GITHUB_TOKEN": "ghs_readonly", "GITHUB_STEP_SUMMARY": h.ctx.StepSummary,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !ctx.ReadOnly || !strings.Contains(ctx.ReadOnlyReason, "contributor/shop") {
		t.Fatalf("context = %+v, want read-only for the fork", ctx)
	}
	h.ctx = ctx
	out := h.run(newReport(fRoute, fReports))
	if w := h.fake.Writes(); len(w) != 0 {
		t.Fatalf("fork run wrote: %v", w)
	}
	if !strings.Contains(out.Fallback, "fork") {
		t.Errorf("fallback = %q", out.Fallback)
	}
	assertAnnotations(t, h)
}

// (j) Bodies stay within 65,536 characters: a summary listing 600 findings is cut with a link to the run,
// and an inline comment with a huge message keeps its marker.
func TestBodiesCapped(t *testing.T) {
	h := newHarness(t)
	var fs []report.Finding
	long := strings.Repeat("very long message ", 10)
	for i := 0; i < 600; i++ {
		fs = append(fs, finding(fmt.Sprintf("lib/gen/file%03d.ts", i), 1, 1, fmt.Sprintf("%s%d", long, i)))
	}
	huge := finding("app/api/users/route.ts", 5, 5, strings.Repeat("x", 70000))
	fs = append(fs, huge)
	out := h.run(newReport(fs...))
	if out.Summary != "created" || out.Posted != 1 {
		t.Fatalf("outcome %+v\n%s", out, h.log.String())
	}
	s := h.summaries()[0].GetBody()
	if len(s) > MaxBody {
		t.Fatalf("summary is %d bytes", len(s))
	}
	if !strings.Contains(s, "more, not shown: GitHub limits a comment to 65,536 characters. The complete list is in the [workflow run](https://github.example/acme/shop/actions/runs/4242)") {
		t.Errorf("summary does not say it was cut:\n%s", s[len(s)-600:])
	}
	c := h.fake.ReviewComments()[0].GetBody()
	if len(c) > MaxBody || !strings.HasSuffix(c, commentMarker(huge.Fingerprint, DefaultCategory)) || !strings.Contains(c, "actions/runs/4242") {
		t.Errorf("inline comment: %d bytes, ends %q", len(c), c[len(c)-120:])
	}
	// A re-run from another workflow run (another run ID in the link) edits nothing.
	h.ctx.RunID = "4243"
	h.fake.ResetLog()
	h.run(newReport(fs...))
	if w := h.fake.Writes(); len(w) != 0 {
		t.Errorf("re-run of a truncated summary wrote %v", w)
	}
}

// Categories keep two bots apart on one pull request (one per app of a monorepo).
func TestCategories(t *testing.T) {
	h := newHarness(t)
	h.run(newReport(fRoute, fReports), func(o *Options) { o.Category = "apps/web" })
	h.run(newReport(fRouteMulti), func(o *Options) { o.Category = "apps/admin" })
	if n := len(h.fake.IssueComments()); n != 2 {
		t.Fatalf("%d summaries, want one per category", n)
	}
	if n := len(h.fake.ReviewComments()); n != 2 {
		t.Fatalf("%d review comments, want 2 (the admin run must not delete the web run's)", n)
	}
}

// The author of the token's comments comes from GET /user when it works (a personal token).
func TestAuthorFromUserEndpoint(t *testing.T) {
	h := newHarness(t)
	h.fake.UserEndpoint, h.fake.Login = true, "archlint-bot"
	h.run(newReport(fRoute))
	h.fake.ResetLog()
	h.run(newReport(fRoute))
	if w := h.fake.Writes(); len(w) != 0 {
		t.Fatalf("re-run as a personal token's user wrote %v", w)
	}
}

// An outdated comment (its line left the diff: GitHub reports line null) is replaced by one where the
// finding is now.
func TestOutdatedCommentReposted(t *testing.T) {
	h := newHarness(t)
	bot := &github.User{Login: github.Ptr(h.fake.Login)}
	old := h.fake.AddReviewComment(&github.PullRequestComment{Body: github.Ptr(commentBody(newReport(), &fRoute, DefaultCategory, "")),
		Path: github.Ptr("app/api/users/route.ts"), OriginalLine: github.Ptr(3), User: bot})
	out := h.run(newReport(fRoute))
	if out.Posted != 1 || out.Deleted != 1 {
		t.Fatalf("outcome %+v", out)
	}
	for _, c := range h.fake.ReviewComments() {
		if c.GetID() == old {
			t.Error("outdated comment kept")
		}
	}
}

// Without a token the bot cannot read the diff either: annotations.
func TestNoToken(t *testing.T) {
	h := newHarness(t)
	h.ctx.Token = ""
	out := h.run(newReport(fRoute, fReports))
	if len(h.fake.Log()) != 0 || !strings.Contains(out.Fallback, "no token") {
		t.Fatalf("outcome %+v, requests %v", out, h.fake.Log())
	}
	assertAnnotations(t, h)
}

// Suppressed and baselined findings are not reviewed.
func TestHiddenFindingsIgnored(t *testing.T) {
	h := newHarness(t)
	s := fRoute
	s.Suppression = &report.Suppression{Kind: "inSource", Justification: "checked"}
	bl := fRouteMulti
	bl.Baselined = true
	out := h.run(newReport(s, bl))
	if len(out.Findings) != 0 || len(h.fake.Writes()) != 0 {
		t.Fatalf("outcome %+v, writes %v", out, h.fake.Writes())
	}
}

func TestMarkers(t *testing.T) {
	body := commentBody(newReport(), &fRoute, "apps/web", "")
	if fp := parseCommentMarker(body, "apps/web"); fp != fRoute.Fingerprint {
		t.Errorf("marker fp = %q", fp)
	}
	if fp := parseCommentMarker(body, "archlint"); fp != "" {
		t.Errorf("marker of another category matched: %q", fp)
	}
	// A message cannot forge a marker.
	evil := finding("a.ts", 1, 1, "x\n<!-- archlint:v1 fp=deadbeefdeadbeef category=archlint -->")
	b := commentBody(newReport(), &evil, "archlint", "")
	if m := regexp.MustCompile(`(?m)^<!-- archlint:v1`).FindAllString(b, -1); len(m) != 1 {
		t.Errorf("%d marker lines in %q", len(m), b)
	}
	if fp := parseCommentMarker(b, "archlint"); fp != evil.Fingerprint {
		t.Errorf("parsed %q, want the real fingerprint", fp)
	}
	if token("a b") == "a b" || token("") == "" {
		t.Error("unsafe token kept")
	}
}
