package prbot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/google/go-github/v75/github"

	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/newfindings"
	"github.com/archlint/archlint/internal/output"
	"github.com/archlint/archlint/internal/report"
)

// DefaultMaxComments is the most inline comments the bot keeps on a pull request (reviewdog's
// maxCommentsPerRequest, chosen to stay clear of GitHub's abuse detection; PR-20).
const DefaultMaxComments = 30

// DefaultCategory names the bot's comments when Options.Category is empty.
const DefaultCategory = "archlint"

// DefaultAuthor is the login of GITHUB_TOKEN's comments.
const DefaultAuthor = "github-actions[bot]"

// Options configure one review.
type Options struct {
	// Context is the workflow run and pull request (FromEnv).
	Context *Context
	// Report holds the findings to review: its visible findings (neither suppressed nor baselined) are
	// reviewed; its endpoint inventory feeds the summary when EndpointsKnown.
	Report *report.Report
	// EndpointsKnown is set when Report came from an analysis (a SARIF file carries no inventory).
	EndpointsKnown bool
	// BaseEndpoints is the base commit's inventory when HaveBase (the bot analysed the base too).
	BaseEndpoints []report.Endpoint
	HaveBase      bool
	// Mode decides which findings are commented inline (gitdiff.Diff.Anchor); default ModeAdded.
	Mode gitdiff.Mode
	// Category separates several bots on one pull request (one per app of a monorepo): comments and the
	// summary of another category are never touched. Default DefaultCategory.
	Category string
	// MaxComments caps the bot's inline comments on the pull request (default DefaultMaxComments).
	MaxComments int
	// Author is the login the token's comments carry; "" asks GET /user and falls back to DefaultAuthor
	// (GITHUB_TOKEN cannot call /user).
	Author string
	// HTTPClient is the base client (default: 60 s timeout); Retry wraps its transport.
	HTTPClient *http.Client
	Retry      Retry
	// LocalDiff returns the pull request's diff from the local clone (`git diff base...head`), used when
	// GitHub refuses the diff as too large (406). Nil disables the fallback.
	LocalDiff func(ctx context.Context, base, head string) (*gitdiff.Diff, error)
	// Out receives workflow commands (annotations) in fallback mode; Log receives progress messages.
	Out, Log io.Writer
}

// Outcome says what a review did.
type Outcome struct {
	// Fallback is non-empty when the bot wrote annotations and the job summary instead of comments; it says
	// why.
	Fallback string
	// Findings are the visible findings reviewed.
	Findings []report.Finding
	// Inline is how many of them have a live inline comment after the run; Listed are the others, which
	// the summary lists.
	Inline int
	Listed int
	// Posted and Deleted count the inline comments created and deleted.
	Posted, Deleted int
	// Summary is "created", "updated", "unchanged" or "" (none needed).
	Summary string
	// DiffSource is where the diff came from: "api", "git", "files-api" or "" (none).
	DiffSource string
}

type bot struct {
	o      Options
	ctx    *Context
	gh     *github.Client
	out    *Outcome
	diff   *gitdiff.Diff
	author string
}

// errFallback carries the reason to stop writing and fall back to annotations.
type errFallback struct{ reason string }

func (e *errFallback) Error() string { return e.reason }

// Run reviews the pull request: one review with the new inline comments, deletion of the bot's comments on
// fixed findings, one sticky summary comment. A read-only token, a 403/404 on a write or an exhausted rate
// limit make it fall back to annotations and the job summary (Outcome.Fallback). Errors are returned only
// for problems that leave nothing useful done (the event is unreadable, the fallback cannot be written).
func Run(ctx context.Context, o Options) (*Outcome, error) {
	if o.Context == nil || o.Report == nil {
		return nil, errors.New("prbot: Options.Context and Options.Report are required")
	}
	if o.Mode == "" {
		o.Mode = gitdiff.ModeAdded
	}
	if o.Category == "" {
		o.Category = DefaultCategory
	}
	if o.MaxComments <= 0 {
		o.MaxComments = DefaultMaxComments
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	b := &bot{o: o, ctx: o.Context, out: &Outcome{Findings: bySeverity(o.Report.Visible())}}
	err := b.run(ctx)
	var fb *errFallback
	if errors.As(err, &fb) {
		return b.out, b.fallback(fb.reason)
	}
	return b.out, err
}

func (b *bot) logf(format string, args ...any) {
	fmt.Fprintf(b.o.Log, "archlint: "+format+"\n", args...)
}

func (b *bot) run(ctx context.Context) error {
	if b.ctx.Token == "" {
		return &errFallback{"no token: set GITHUB_TOKEN (or ARCHLINT_GITHUB_TOKEN) to ${{ secrets.GITHUB_TOKEN }}"}
	}
	if err := b.client(); err != nil {
		return err
	}
	if err := b.loadDiff(ctx); err != nil {
		return err
	}
	inline, listed := b.partition()
	if b.ctx.ReadOnly {
		return &errFallback{b.ctx.ReadOnlyReason}
	}
	if err := b.identify(ctx); err != nil {
		return err
	}
	existing, replied, err := b.listReviewComments(ctx)
	if err != nil {
		return err
	}

	// Decide: findings already commented stay; new anchored findings are posted while the total stays
	// within MaxComments; the bot's comments on findings that are gone are deleted unless answered.
	current := map[string]bool{}
	for _, f := range b.out.Findings {
		current[token(f.Fingerprint)] = true
	}
	live := map[string]bool{}
	var toDelete []*github.PullRequestComment
	for _, c := range existing {
		fp := parseCommentMarker(c.GetBody(), b.o.Category)
		switch {
		case !current[fp] || live[fp]:
			// Fixed (or a duplicate): delete unless someone replied.
			if !replied[c.GetID()] {
				toDelete = append(toDelete, c)
			}
		case c.Line == nil:
			// Outdated: GitHub no longer shows it on the diff. Post it again where the finding is now.
			if !replied[c.GetID()] {
				toDelete = append(toDelete, c)
			}
		default:
			live[fp] = true
		}
	}
	// Findings commented before keep their comment, whether or not their line is still in the diff.
	kept := len(live)
	for i := 0; i < len(listed); {
		if live[token(listed[i].f.Fingerprint)] {
			listed = append(listed[:i], listed[i+1:]...)
			continue
		}
		i++
	}
	var post []anchored
	for _, a := range inline {
		if live[token(a.f.Fingerprint)] {
			continue
		}
		if kept+len(post) >= b.o.MaxComments {
			listed = append(listed, listed1(a.f, whyLimit))
			continue
		}
		post = append(post, a)
	}

	posted, err := b.postReview(ctx, post)
	var rejected *errRejected
	if errors.As(err, &rejected) {
		b.logf("GitHub rejected the review (%s); listing its findings in the summary instead", rejected.msg)
		for _, a := range post {
			listed = append(listed, listed1(a.f, whyRejected))
		}
		posted = 0
	} else if err != nil {
		return err
	}
	b.out.Posted = posted
	b.out.Inline = kept + posted

	for _, c := range toDelete {
		resp, err := b.gh.PullRequests.DeleteComment(ctx, b.ctx.Owner, b.ctx.Repo, c.GetID())
		if status(resp) == http.StatusNotFound && !isRateLimit(resp) {
			continue // deleted meanwhile
		}
		if err := b.classify("deleting a review comment", resp, err); err != nil {
			return err
		}
		b.out.Deleted++
	}

	sort.SliceStable(listed, func(i, j int) bool { return lessSeverity(&listed[i].f, &listed[j].f) })
	b.out.Listed = len(listed)
	return b.summary(ctx, listed)
}

// anchored is a finding with the place of its inline comment.
type anchored struct {
	f report.Finding
	a gitdiff.Anchor
}

func listed1(f report.Finding, why string) listed { return listed{f: f, why: why} }

// partition splits the findings into those that can be commented inline (in severity order) and the
// others.
func (b *bot) partition() (inline []anchored, rest []listed) {
	for _, f := range b.out.Findings {
		if b.diff == nil {
			rest = append(rest, listed1(f, whyNoDiff))
			continue
		}
		start, end := newfindings.FindingLines(f.Location.Range)
		if a, ok := b.diff.Anchor(b.o.Mode, f.Location.Path, start, end); ok {
			inline = append(inline, anchored{f, a})
		} else {
			rest = append(rest, listed1(f, whyOutside))
		}
	}
	return inline, rest
}

func (b *bot) client() error {
	hc := b.o.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	wrapped := *hc
	wrapped.Transport = &retryTransport{base: base, retry: b.o.Retry.withDefaults()}
	gh := github.NewClient(&wrapped).WithAuthToken(b.ctx.Token)
	u := b.ctx.APIURL
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	parsed, err := gh.BaseURL.Parse(u)
	if err != nil {
		return fmt.Errorf("prbot: GITHUB_API_URL %q: %v", b.ctx.APIURL, err)
	}
	gh.BaseURL = parsed
	gh.UserAgent = "archlint-github-review"
	b.gh = gh
	return nil
}

// loadDiff reads the pull request's diff from GitHub (PR-10). GitHub refuses diffs over 300 files or
// 20,000 lines with 406; then the local clone is asked (git diff base...head), then the files API (whose
// patches may be missing for very large files). Without a diff nothing is commented inline.
func (b *bot) loadDiff(ctx context.Context) error {
	raw, resp, err := b.gh.PullRequests.GetRaw(ctx, b.ctx.Owner, b.ctx.Repo, b.ctx.Number, github.RawOptions{Type: github.Diff})
	if err == nil {
		d, perr := gitdiff.Parse(strings.NewReader(raw))
		if perr == nil {
			b.diff, b.out.DiffSource = d, "api"
			return nil
		}
		b.logf("the pull request diff from GitHub does not parse (%v); trying the local clone", perr)
	} else if isRateLimit(resp) {
		return &errFallback{"GitHub's rate limit stays exceeded: " + err.Error()}
	} else if status(resp) != http.StatusNotAcceptable {
		b.logf("cannot read the pull request diff (%v); no finding will be commented inline", err)
		return nil
	} else {
		b.logf("GitHub refuses the diff as too large (406); using the local clone")
	}
	if b.o.LocalDiff != nil {
		d, lerr := b.o.LocalDiff(ctx, b.ctx.BaseSHA, b.ctx.HeadSHA)
		if lerr == nil {
			b.diff, b.out.DiffSource = d, "git"
			return nil
		}
		b.logf("local git diff failed (%v); using the pull request files API", lerr)
	}
	d, ferr := b.filesDiff(ctx)
	if ferr != nil {
		b.logf("cannot read the pull request files (%v); no finding will be commented inline", ferr)
		return nil
	}
	b.diff, b.out.DiffSource = d, "files-api"
	return nil
}

// filesDiff rebuilds a diff from GET /pulls/{n}/files (at most 3,000 files; patches of very large files
// are missing, and such files get no inline comment).
func (b *bot) filesDiff(ctx context.Context) (*gitdiff.Diff, error) {
	var sb strings.Builder
	opt := &github.ListOptions{PerPage: 100}
	for {
		files, resp, err := b.gh.PullRequests.ListFiles(ctx, b.ctx.Owner, b.ctx.Repo, b.ctx.Number, opt)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name, old := f.GetFilename(), f.GetPreviousFilename()
			if old == "" {
				old = name
			}
			fmt.Fprintf(&sb, "diff --git %s %s\n", quoteName("a/"+old), quoteName("b/"+name))
			switch f.GetStatus() {
			case "added":
				sb.WriteString("new file mode 100644\n")
			case "removed":
				sb.WriteString("deleted file mode 100644\n")
			case "renamed":
				fmt.Fprintf(&sb, "rename from %s\nrename to %s\n", quoteName(old), quoteName(name))
			}
			patch := f.GetPatch()
			if patch == "" {
				continue
			}
			oldName, newName := quoteName("a/"+old), quoteName("b/"+name)
			switch f.GetStatus() {
			case "added":
				oldName = "/dev/null"
			case "removed":
				newName = "/dev/null"
			}
			fmt.Fprintf(&sb, "--- %s\n+++ %s\n%s\n", oldName, newName, strings.TrimSuffix(patch, "\n"))
		}
		if resp.NextPage == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	return gitdiff.Parse(strings.NewReader(sb.String()))
}

// quoteName C-quotes a path the way git does when it needs to (spaces are fine; quotes, backslashes and
// control characters are not).
func quoteName(s string) string {
	if !strings.ContainsAny(s, "\"\\\t\n\r") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	return `"` + r.Replace(s) + `"`
}

// identify finds the login of the token's comments.
func (b *bot) identify(ctx context.Context) error {
	if b.o.Author != "" {
		b.author = b.o.Author
		return nil
	}
	u, resp, err := b.gh.Users.Get(ctx, "")
	switch {
	case err == nil && u.GetLogin() != "":
		b.author = u.GetLogin()
	case isRateLimit(resp):
		return &errFallback{"GitHub's rate limit stays exceeded: " + err.Error()}
	default:
		// Installation tokens (GITHUB_TOKEN) cannot read /user; their comments are github-actions[bot]'s.
		b.author = DefaultAuthor
	}
	return nil
}

// listReviewComments returns the bot's own review comments (marker of this category and the token's
// author) and the IDs of comments someone replied to.
func (b *bot) listReviewComments(ctx context.Context) (own []*github.PullRequestComment, replied map[int64]bool, err error) {
	replied = map[int64]bool{}
	opt := &github.PullRequestListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		cs, resp, err := b.gh.PullRequests.ListComments(ctx, b.ctx.Owner, b.ctx.Repo, b.ctx.Number, opt)
		if err != nil {
			if isRateLimit(resp) {
				return nil, nil, &errFallback{"GitHub's rate limit stays exceeded: " + err.Error()}
			}
			return nil, nil, &errFallback{"cannot list the pull request's review comments: " + err.Error()}
		}
		for _, c := range cs {
			if c.InReplyTo != nil {
				replied[c.GetInReplyTo()] = true
			}
			if c.GetUser().GetLogin() == b.author && parseCommentMarker(c.GetBody(), b.o.Category) != "" {
				own = append(own, c)
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	return own, replied, nil
}

// errRejected is a 422 on the review: an anchor GitHub does not accept.
type errRejected struct{ msg string }

func (e *errRejected) Error() string { return e.msg }

// postReview posts one review with the inline comments (PR-20), or nothing when there are none.
func (b *bot) postReview(ctx context.Context, post []anchored) (int, error) {
	if len(post) == 0 {
		return 0, nil
	}
	req := &github.PullRequestReviewRequest{
		CommitID: github.Ptr(b.ctx.HeadSHA),
		Event:    github.Ptr("COMMENT"),
		Body:     github.Ptr(reviewBody(len(post), b.o.Category)),
	}
	for _, a := range post {
		c := &github.DraftReviewComment{
			Path: github.Ptr(a.a.Path),
			Body: github.Ptr(commentBody(b.o.Report, &a.f, b.o.Category, b.ctx.RunURL())),
			Side: github.Ptr("RIGHT"),
			Line: github.Ptr(a.a.Line),
		}
		if a.a.StartLine < a.a.Line {
			c.StartLine, c.StartSide = github.Ptr(a.a.StartLine), github.Ptr("RIGHT")
		}
		req.Comments = append(req.Comments, c)
	}
	err := b.write(ctx, "posting the review", func() (*github.Response, error) {
		_, resp, err := b.gh.PullRequests.CreateReview(ctx, b.ctx.Owner, b.ctx.Repo, b.ctx.Number, req)
		return resp, err
	})
	if err != nil {
		return 0, err
	}
	return len(post), nil
}

// write runs a write call and classifies its failure (see classify).
func (b *bot) write(ctx context.Context, what string, call func() (*github.Response, error)) error {
	resp, err := call()
	return b.classify(what, resp, err)
}

// classify turns the failure of a write into what the bot does next: 403/404 (a token without write
// permission) and an exhausted rate limit become a fallback, 422 an errRejected.
func (b *bot) classify(what string, resp *github.Response, err error) error {
	if err == nil {
		return nil
	}
	switch {
	case isRateLimit(resp):
		return &errFallback{fmt.Sprintf("%s: GitHub's rate limit stays exceeded: %v", what, err)}
	case status(resp) == http.StatusUnprocessableEntity:
		return &errRejected{err.Error()}
	case status(resp) == http.StatusForbidden || status(resp) == http.StatusNotFound:
		return &errFallback{fmt.Sprintf("%s: the token cannot write to the pull request (%d); give the job `pull-requests: write` and `issues: write`", what, status(resp))}
	}
	return &errFallback{fmt.Sprintf("%s: %v", what, err)}
}

// summary creates or updates the sticky summary comment (PR-22): found by marker and author among the
// pull request's issue comments, edited only when its text changes, created only when there is something
// to say.
func (b *bot) summary(ctx context.Context, listed []listed) error {
	var changes []EndpointChange
	if b.o.EndpointsKnown {
		changes = EndpointChanges(b.o.Report.Endpoints, b.o.BaseEndpoints, b.o.HaveBase, b.diff)
	}
	body := summaryBody(summaryInput{
		rep: b.o.Report, ctx: b.ctx, category: b.o.Category, findings: b.out.Findings,
		inline: b.out.Inline, listed: listed, endpoints: changes, endpointsKnown: b.o.EndpointsKnown,
	})
	var mine *github.IssueComment
	opt := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for mine == nil {
		cs, resp, err := b.gh.Issues.ListComments(ctx, b.ctx.Owner, b.ctx.Repo, b.ctx.Number, opt)
		if err != nil {
			if isRateLimit(resp) {
				return &errFallback{"GitHub's rate limit stays exceeded: " + err.Error()}
			}
			return &errFallback{"cannot list the pull request's comments: " + err.Error()}
		}
		for _, c := range cs {
			if c.GetUser().GetLogin() == b.author && hasSummaryMarker(c.GetBody(), b.o.Category) {
				mine = c
				break
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	switch {
	case mine != nil && sameBody(mine.GetBody(), body):
		b.out.Summary = "unchanged"
		return nil
	case mine != nil:
		if err := b.write(ctx, "updating the summary comment", func() (*github.Response, error) {
			_, resp, err := b.gh.Issues.EditComment(ctx, b.ctx.Owner, b.ctx.Repo, mine.GetID(), &github.IssueComment{Body: github.Ptr(body)})
			return resp, err
		}); err != nil {
			return asFallback(err)
		}
		b.out.Summary = "updated"
	case len(b.out.Findings) == 0 && len(changes) == 0:
		// Nothing to say and nothing said before.
	default:
		if err := b.write(ctx, "creating the summary comment", func() (*github.Response, error) {
			_, resp, err := b.gh.Issues.CreateComment(ctx, b.ctx.Owner, b.ctx.Repo, b.ctx.Number, &github.IssueComment{Body: github.Ptr(body)})
			return resp, err
		}); err != nil {
			return asFallback(err)
		}
		b.out.Summary = "created"
	}
	return nil
}

// asFallback turns a rejected summary (422: it cannot be helped by retrying) into a fallback.
func asFallback(err error) error {
	var rej *errRejected
	if errors.As(err, &rej) {
		return &errFallback{"GitHub rejected the summary comment: " + rej.msg}
	}
	return err
}

// fallback writes annotations for the findings to Out and the job summary (PR-07, PR-31, PR-32).
func (b *bot) fallback(reason string) error {
	b.out.Fallback = reason
	b.logf("falling back to annotations and the job summary: %s", reason)
	rep := *b.o.Report
	rep.Findings = b.out.Findings
	fmt.Fprintf(b.o.Out, "::notice title=archlint::%s\n", escapeCommand("Review comments are not available ("+reason+"); findings are shown as annotations and in the job summary."))
	if err := output.WriteGitHub(b.o.Out, &rep); err != nil {
		return err
	}
	if p := b.ctx.StepSummary; p != "" {
		f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("writing the job summary: %w", err)
		}
		werr := output.WriteStepSummary(f, &rep)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("writing the job summary: %w", werr)
		}
	}
	return nil
}

func escapeCommand(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func status(resp *github.Response) int {
	if resp == nil || resp.Response == nil {
		return 0
	}
	return resp.StatusCode
}

// isRateLimit reports whether resp is a rate-limit response (which retryTransport gave up on).
func isRateLimit(resp *github.Response) bool {
	if resp == nil || resp.Response == nil {
		return false
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return true
	}
	if resp.StatusCode != http.StatusForbidden {
		return false
	}
	if resp.Header.Get("Retry-After") != "" || resp.Header.Get("X-RateLimit-Remaining") == "0" {
		return true
	}
	limited, body := rateLimited(resp.Response)
	if body != nil {
		resp.Body = io.NopCloser(strings.NewReader(string(body)))
	}
	return limited
}

// bySeverity returns fs ordered error, warning, note, then by place.
func bySeverity(fs []report.Finding) []report.Finding {
	out := append([]report.Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool { return lessSeverity(&out[i], &out[j]) })
	return out
}

// lessSeverity orders findings error, warning, note, then as report.SortFindings does.
func lessSeverity(a, b *report.Finding) bool {
	if a.Severity != b.Severity {
		return a.Severity > b.Severity
	}
	return report.LessFinding(a, b)
}
