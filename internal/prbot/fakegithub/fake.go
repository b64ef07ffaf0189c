// Package fakegithub is an in-memory fake of the GitHub REST endpoints the review bot uses, served by
// httptest: the pull request's diff and files, review comments (list, create through a review, delete),
// issue comments (list, create, edit) and /user. It validates requests the way GitHub does where the bot
// could get it wrong (review anchors must lie in one hunk of the diff, bodies at most 65,536 characters,
// commit_id must be the head, comments can only be edited by their author), paginates with Link headers,
// records every request, and lets tests inject failures (406, 422, 403, 429 with Retry-After, ...).
//
// It is for tests only.
package fakegithub

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v75/github"

	"github.com/archlint/archlint/internal/gitdiff"
)

// Server is the fake.
type Server struct {
	*httptest.Server

	Owner, Repo string
	Number      int
	HeadSHA     string
	// Diff is the pull request's diff (GET /pulls/{n} with the diff media type).
	Diff string
	// Files are returned by GET /pulls/{n}/files; nil derives nothing (an empty list).
	Files []*github.CommitFile
	// Login is the token's identity: the author of everything the bot creates.
	Login string
	// UserEndpoint makes GET /user answer with Login; by default it answers 403 as GitHub does for
	// GITHUB_TOKEN ("Resource not accessible by integration").
	UserEndpoint bool
	// ReadOnly makes every write answer 403 "Resource not accessible by integration".
	ReadOnly bool

	mu             sync.Mutex
	log            []Request
	reviewComments []*github.PullRequestComment
	issueComments  []*github.IssueComment
	reviews        []github.PullRequestReviewRequest
	faults         []*fault
	nextID         int64
}

// Request is one request the fake served.
type Request struct {
	Method string
	// Path is the URL path and query, relative to the API root.
	Path   string
	Status int
	Body   string
}

func (r Request) String() string { return fmt.Sprintf("%-6s %s -> %d", r.Method, r.Path, r.Status) }

// Fault is a canned response returned instead of the normal one.
type Fault struct {
	Status int
	Header map[string]string
	Body   string
}

type fault struct {
	method string
	path   *regexp.Regexp
	resp   Fault
	times  int
}

// New starts a fake for pull request number of owner/repo whose head is headSHA and diff is diff. It is
// closed when the test ends.
func New(t testing.TB, owner, repo string, number int, headSHA, diff string) *Server {
	s := &Server{Owner: owner, Repo: repo, Number: number, HeadSHA: headSHA, Diff: diff, Login: "github-actions[bot]", nextID: 1000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Fail makes the next times requests whose method is method and whose path (without query) matches the
// regular expression pathRe answer with f.
func (s *Server) Fail(method, pathRe string, times int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{method: method, path: regexp.MustCompile("^" + pathRe + "$"), resp: f, times: times})
}

// Log returns the requests served so far.
func (s *Server) Log() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// ResetLog forgets the requests served so far.
func (s *Server) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// Writes returns the requests other than GET served so far.
func (s *Server) Writes() []Request {
	var out []Request
	for _, r := range s.Log() {
		if r.Method != http.MethodGet {
			out = append(out, r)
		}
	}
	return out
}

// Reviews returns the reviews created so far.
func (s *Server) Reviews() []github.PullRequestReviewRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]github.PullRequestReviewRequest(nil), s.reviews...)
}

// ReviewComments returns the pull request's review comments.
func (s *Server) ReviewComments() []*github.PullRequestComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*github.PullRequestComment(nil), s.reviewComments...)
}

// IssueComments returns the pull request's issue comments.
func (s *Server) IssueComments() []*github.IssueComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*github.IssueComment(nil), s.issueComments...)
}

// AddReviewComment adds an existing review comment (by anyone); it returns its ID.
func (s *Server) AddReviewComment(c *github.PullRequestComment) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	c.ID = github.Ptr(s.nextID)
	s.reviewComments = append(s.reviewComments, c)
	return s.nextID
}

// AddIssueComment adds an existing issue comment (by anyone); it returns its ID.
func (s *Server) AddIssueComment(c *github.IssueComment) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	c.ID = github.Ptr(s.nextID)
	s.issueComments = append(s.issueComments, c)
	return s.nextID
}

var (
	rePull          = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)$`)
	rePullFiles     = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/files$`)
	rePullComments  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/comments$`)
	rePullReviews   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/reviews$`)
	reReviewComment = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/comments/(\d+)$`)
	reIssueComments = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$`)
	reIssueComment  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$`)
)

// maxBody is GitHub's limit on comment bodies.
const maxBody = 65536

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	s.mu.Lock()
	defer func() {
		pathq := r.URL.Path
		if r.URL.RawQuery != "" {
			pathq += "?" + r.URL.RawQuery
		}
		s.log = append(s.log, Request{Method: r.Method, Path: pathq, Status: rec.status, Body: string(body)})
		s.mu.Unlock()
	}()
	if r.Header.Get("Authorization") == "" {
		errorJSON(rec, http.StatusUnauthorized, "Requires authentication")
		return
	}
	for _, f := range s.faults {
		if f.times > 0 && f.method == r.Method && f.path.MatchString(r.URL.Path) {
			f.times--
			for k, v := range f.resp.Header {
				rec.Header().Set(k, v)
			}
			rec.WriteHeader(f.resp.Status)
			io.WriteString(rec, f.resp.Body)
			return
		}
	}
	if r.Method != http.MethodGet && s.ReadOnly {
		errorJSON(rec, http.StatusForbidden, "Resource not accessible by integration")
		return
	}
	p := r.URL.Path
	switch {
	case r.Method == http.MethodGet && p == "/user":
		if !s.UserEndpoint {
			errorJSON(rec, http.StatusForbidden, "Resource not accessible by integration")
			return
		}
		writeJSON(rec, http.StatusOK, &github.User{Login: github.Ptr(s.Login)})
	case r.Method == http.MethodGet && s.matchPR(rePull, p):
		if !strings.Contains(r.Header.Get("Accept"), "diff") {
			errorJSON(rec, http.StatusNotFound, "only the diff media type is faked")
			return
		}
		rec.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(rec, s.Diff)
	case r.Method == http.MethodGet && s.matchPR(rePullFiles, p):
		files := s.Files
		page(rec, r, len(files), func(i int) any { return files[i] })
	case r.Method == http.MethodGet && s.matchPR(rePullComments, p):
		cs := s.reviewComments
		page(rec, r, len(cs), func(i int) any { return cs[i] })
	case r.Method == http.MethodPost && s.matchPR(rePullReviews, p):
		s.createReview(rec, body)
	case r.Method == http.MethodDelete && s.matchRepo(reReviewComment, p):
		s.deleteReviewComment(rec, p)
	case r.Method == http.MethodGet && s.matchPR(reIssueComments, p):
		cs := s.issueComments
		page(rec, r, len(cs), func(i int) any { return cs[i] })
	case r.Method == http.MethodPost && s.matchPR(reIssueComments, p):
		s.createIssueComment(rec, body)
	case r.Method == http.MethodPatch && s.matchRepo(reIssueComment, p):
		s.editIssueComment(rec, p, body)
	default:
		errorJSON(rec, http.StatusNotFound, "Not Found")
	}
}

func (s *Server) matchRepo(re *regexp.Regexp, p string) bool {
	m := re.FindStringSubmatch(p)
	return m != nil && m[1] == s.Owner && m[2] == s.Repo
}

func (s *Server) matchPR(re *regexp.Regexp, p string) bool {
	m := re.FindStringSubmatch(p)
	return m != nil && m[1] == s.Owner && m[2] == s.Repo && m[3] == strconv.Itoa(s.Number)
}

func (s *Server) createReview(w http.ResponseWriter, body []byte) {
	var req github.PullRequestReviewRequest
	if err := json.Unmarshal(body, &req); err != nil {
		errorJSON(w, http.StatusBadRequest, "Problems parsing JSON")
		return
	}
	if req.GetCommitID() != s.HeadSHA {
		errorJSON(w, http.StatusUnprocessableEntity, "Unprocessable Entity: commit_id is not the pull request's head")
		return
	}
	if len(req.GetBody()) > maxBody {
		errorJSON(w, http.StatusUnprocessableEntity, "Body is too long (maximum is 65536 characters)")
		return
	}
	d, err := gitdiff.Parse(strings.NewReader(s.Diff))
	if err != nil {
		errorJSON(w, http.StatusInternalServerError, "fake: the diff does not parse: "+err.Error())
		return
	}
	// All or nothing, like GitHub: one bad comment fails the whole review.
	for _, c := range req.Comments {
		if msg := checkAnchor(d, c); msg != "" {
			errorJSON(w, http.StatusUnprocessableEntity, "Unprocessable Entity: "+msg)
			return
		}
	}
	s.nextID++
	reviewID := s.nextID
	for _, c := range req.Comments {
		s.nextID++
		now := github.Timestamp{Time: time.Unix(1700000000, 0).UTC()}
		s.reviewComments = append(s.reviewComments, &github.PullRequestComment{
			ID: github.Ptr(s.nextID), Body: c.Body, Path: c.Path, Line: c.Line, StartLine: c.StartLine,
			OriginalLine: c.Line, Side: c.Side, StartSide: c.StartSide, CommitID: github.Ptr(s.HeadSHA),
			PullRequestReviewID: github.Ptr(reviewID), User: &github.User{Login: github.Ptr(s.Login)}, CreatedAt: &now,
		})
	}
	s.reviews = append(s.reviews, req)
	writeJSON(w, http.StatusOK, &github.PullRequestReview{ID: github.Ptr(reviewID), State: github.Ptr("COMMENTED"), CommitID: req.CommitID})
}

// checkAnchor returns GitHub's complaint about a review comment's place, or "".
func checkAnchor(d *gitdiff.Diff, c *github.DraftReviewComment) string {
	if c.Position != nil {
		return "position is deprecated; the bot must use line and side"
	}
	if c.GetSide() != "RIGHT" {
		return "side must be RIGHT"
	}
	if len(c.GetBody()) > maxBody {
		return "Body is too long (maximum is 65536 characters)"
	}
	if c.Line == nil {
		return "line is required"
	}
	start := c.GetLine()
	if c.StartLine != nil {
		start = c.GetStartLine()
		if start >= c.GetLine() {
			return "pull_request_review_thread.start_line must precede the end line"
		}
		if c.GetStartSide() != "RIGHT" {
			return "start_side must be RIGHT"
		}
	}
	if _, ok := d.Anchor(gitdiff.ModeDiffContext, c.GetPath(), start, c.GetLine()); !ok {
		if d.File(c.GetPath()) != nil && d.File(c.GetPath()).InHunk(start) && d.File(c.GetPath()).InHunk(c.GetLine()) {
			return "pull_request_review_thread.start_line must be part of the same hunk as the line"
		}
		return "pull_request_review_thread.line must be part of the diff"
	}
	return ""
}

func (s *Server) deleteReviewComment(w http.ResponseWriter, p string) {
	id := idOf(reReviewComment, p)
	for i, c := range s.reviewComments {
		if c.GetID() == id {
			if c.GetUser().GetLogin() != s.Login {
				errorJSON(w, http.StatusForbidden, "fake: deleting someone else's comment")
				return
			}
			s.reviewComments = append(s.reviewComments[:i], s.reviewComments[i+1:]...)
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	errorJSON(w, http.StatusNotFound, "Not Found")
}

func (s *Server) createIssueComment(w http.ResponseWriter, body []byte) {
	var c github.IssueComment
	if err := json.Unmarshal(body, &c); err != nil {
		errorJSON(w, http.StatusBadRequest, "Problems parsing JSON")
		return
	}
	if len(c.GetBody()) > maxBody {
		errorJSON(w, http.StatusUnprocessableEntity, "Body is too long (maximum is 65536 characters)")
		return
	}
	s.nextID++
	c.ID = github.Ptr(s.nextID)
	c.User = &github.User{Login: github.Ptr(s.Login)}
	s.issueComments = append(s.issueComments, &c)
	writeJSON(w, http.StatusCreated, &c)
}

func (s *Server) editIssueComment(w http.ResponseWriter, p string, body []byte) {
	id := idOf(reIssueComment, p)
	var upd github.IssueComment
	if err := json.Unmarshal(body, &upd); err != nil {
		errorJSON(w, http.StatusBadRequest, "Problems parsing JSON")
		return
	}
	if len(upd.GetBody()) > maxBody {
		errorJSON(w, http.StatusUnprocessableEntity, "Body is too long (maximum is 65536 characters)")
		return
	}
	for _, c := range s.issueComments {
		if c.GetID() == id {
			if c.GetUser().GetLogin() != s.Login {
				errorJSON(w, http.StatusForbidden, "fake: editing someone else's comment")
				return
			}
			c.Body = upd.Body
			writeJSON(w, http.StatusOK, c)
			return
		}
	}
	errorJSON(w, http.StatusNotFound, "Not Found")
}

func idOf(re *regexp.Regexp, p string) int64 {
	m := re.FindStringSubmatch(p)
	id, _ := strconv.ParseInt(m[3], 10, 64)
	return id
}

// page writes items [per_page*(page-1), per_page*page) with GitHub's Link header.
func page(w http.ResponseWriter, r *http.Request, n int, item func(int) any) {
	q := r.URL.Query()
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	per = min(per, 100)
	pg, _ := strconv.Atoi(q.Get("page"))
	pg = max(pg, 1)
	last := max((n+per-1)/per, 1)
	var links []string
	link := func(p int, rel string) {
		u := url.URL{Path: r.URL.Path}
		v := url.Values{}
		v.Set("per_page", strconv.Itoa(per))
		v.Set("page", strconv.Itoa(p))
		u.RawQuery = v.Encode()
		links = append(links, fmt.Sprintf(`<http://%s%s>; rel="%s"`, r.Host, u.String(), rel))
	}
	if pg < last {
		link(pg+1, "next")
		link(last, "last")
	}
	if pg > 1 {
		link(1, "first")
		link(pg-1, "prev")
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := []any{}
	for i := (pg - 1) * per; i < min(pg*per, n); i++ {
		out = append(out, item(i))
	}
	writeJSON(w, http.StatusOK, out)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func errorJSON(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"message": msg, "documentation_url": "https://docs.github.com/rest"})
}

type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// FormatLog renders requests one per line, for test output.
func FormatLog(rs []Request) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// SortedPaths returns the distinct paths of rs, sorted (for assertions).
func SortedPaths(rs []Request) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rs {
		key := r.Method + " " + r.Path
		if !seen[key] {
			seen[key] = true
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}
