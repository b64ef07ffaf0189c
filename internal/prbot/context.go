package prbot

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Context is what the bot knows about the workflow run and the pull request, read from the GitHub Actions
// environment (spec PR-04, PR-06, PR-07).
type Context struct {
	// EventName is GITHUB_EVENT_NAME ("pull_request", "pull_request_target", ...).
	EventName string
	// Owner and Repo name the base repository (GITHUB_REPOSITORY, else the event's repository).
	Owner, Repo string
	// Number is the pull request's number.
	Number int
	// HeadSHA is the pull request's head commit: comments anchor to its lines (PR-05). BaseSHA is the
	// base branch's commit the event names.
	HeadSHA, BaseSHA string
	// HeadRef and BaseRef are the branch names.
	HeadRef, BaseRef string
	// ReadOnly is set when the token cannot write (pull requests from forks and from Dependabot run with a
	// read-only GITHUB_TOKEN); ReadOnlyReason says why.
	ReadOnly       bool
	ReadOnlyReason string
	// APIURL is the REST API root (GITHUB_API_URL; https://api.github.com by default, https://HOST/api/v3
	// on GitHub Enterprise Server). ServerURL is the web root (GITHUB_SERVER_URL), for links.
	APIURL, ServerURL string
	// RunID is GITHUB_RUN_ID, for the link to the workflow run.
	RunID string
	// Token is ARCHLINT_GITHUB_TOKEN or else GITHUB_TOKEN ("" when neither is set).
	Token string
	// StepSummary is the path of the job summary file (GITHUB_STEP_SUMMARY), or "".
	StepSummary string
}

// ErrNotPullRequest is returned by FromEnv when the workflow was not triggered by a pull request.
var ErrNotPullRequest = errors.New("not a pull request event")

// readOnlyEvents run with a read-only token when the pull request comes from a fork. pull_request_target
// runs in the base repository's context with a write token (and must never check out the fork's code).
var readOnlyEvents = map[string]bool{"pull_request": true, "pull_request_review": true, "pull_request_review_comment": true}

// event is the part of the webhook payload the bot reads.
type event struct {
	PullRequest *struct {
		Number int `json:"number"`
		Head   ref `json:"head"`
		Base   ref `json:"base"`
	} `json:"pull_request"`
	Repository *repository `json:"repository"`
}

type ref struct {
	SHA  string      `json:"sha"`
	Ref  string      `json:"ref"`
	Repo *repository `json:"repo"`
}

type repository struct {
	ID       int64  `json:"id"`
	FullName string `json:"full_name"`
	Name     string `json:"name"`
	Owner    struct {
		ID    int64  `json:"id"`
		Login string `json:"login"`
	} `json:"owner"`
}

// FromEnv reads the context from the environment (getenv is os.Getenv in production) and the event payload
// at GITHUB_EVENT_PATH. It returns ErrNotPullRequest (wrapped) for events without a pull request.
func FromEnv(getenv func(string) string) (*Context, error) {
	c := &Context{
		EventName:   getenv("GITHUB_EVENT_NAME"),
		APIURL:      strings.TrimSuffix(getenv("GITHUB_API_URL"), "/"),
		ServerURL:   strings.TrimSuffix(getenv("GITHUB_SERVER_URL"), "/"),
		RunID:       getenv("GITHUB_RUN_ID"),
		StepSummary: getenv("GITHUB_STEP_SUMMARY"),
		Token:       getenv("ARCHLINT_GITHUB_TOKEN"),
	}
	if c.Token == "" {
		c.Token = getenv("GITHUB_TOKEN")
	}
	if c.APIURL == "" {
		c.APIURL = "https://api.github.com"
	}
	if c.ServerURL == "" {
		c.ServerURL = "https://github.com"
	}
	path := getenv("GITHUB_EVENT_PATH")
	if path == "" {
		return nil, fmt.Errorf("%w: GITHUB_EVENT_PATH is not set (run this command in a GitHub Actions job triggered by pull_request)", ErrNotPullRequest)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the event payload: %w", err)
	}
	var ev event
	if err := json.Unmarshal(b, &ev); err != nil {
		return nil, fmt.Errorf("reading the event payload %s: %w", path, err)
	}
	if ev.PullRequest == nil {
		return nil, fmt.Errorf("%w (event %q)", ErrNotPullRequest, c.EventName)
	}
	pr := ev.PullRequest
	c.Number = pr.Number
	c.HeadSHA, c.HeadRef = pr.Head.SHA, pr.Head.Ref
	c.BaseSHA, c.BaseRef = pr.Base.SHA, pr.Base.Ref
	full := getenv("GITHUB_REPOSITORY")
	if full == "" && ev.Repository != nil {
		full = ev.Repository.FullName
	}
	if full == "" && pr.Base.Repo != nil {
		full = pr.Base.Repo.FullName
	}
	owner, name, ok := strings.Cut(full, "/")
	if !ok || owner == "" || name == "" {
		return nil, fmt.Errorf("cannot tell the repository: GITHUB_REPOSITORY is %q", full)
	}
	c.Owner, c.Repo = owner, name
	if c.Number <= 0 || c.HeadSHA == "" {
		return nil, fmt.Errorf("the event payload %s has no pull request number or head SHA", path)
	}
	if readOnlyEvents[c.EventName] || c.EventName == "" {
		switch {
		case pr.Head.Repo == nil:
			c.ReadOnly, c.ReadOnlyReason = true, "the pull request's head repository was deleted (a fork), so the token is read-only"
		case pr.Base.Repo != nil && (pr.Head.Repo.ID != pr.Base.Repo.ID || !strings.EqualFold(pr.Head.Repo.FullName, pr.Base.Repo.FullName)):
			c.ReadOnly, c.ReadOnlyReason = true, "the pull request comes from the fork "+pr.Head.Repo.FullName+", so GITHUB_TOKEN is read-only"
		case getenv("GITHUB_ACTOR") == "dependabot[bot]":
			c.ReadOnly, c.ReadOnlyReason = true, "Dependabot pull requests run with a read-only GITHUB_TOKEN"
		}
	}
	return c, nil
}

// RunURL returns the link to the workflow run, or "" when the run is unknown.
func (c *Context) RunURL() string {
	if c.RunID == "" {
		return ""
	}
	return fmt.Sprintf("%s/%s/%s/actions/runs/%s", c.ServerURL, c.Owner, c.Repo, c.RunID)
}

// FileURL returns the link to line of path at the head commit.
func (c *Context) FileURL(path string, line int) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = pathEscape(s)
	}
	u := fmt.Sprintf("%s/%s/%s/blob/%s/%s", c.ServerURL, c.Owner, c.Repo, c.HeadSHA, strings.Join(segs, "/"))
	if line > 0 {
		u += fmt.Sprintf("#L%d", line)
	}
	return u
}
