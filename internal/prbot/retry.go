package prbot

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Rate limits (spec PR-40, PR-41). GitHub answers 429, or 403 with a rate-limit explanation, when a
// token makes too many requests (primary limit: 1,000 requests an hour per repository for GITHUB_TOKEN)
// or too many content-creating requests too fast (secondary limits). It says how long to wait in
// Retry-After (seconds or an HTTP date), or in X-RateLimit-Reset (epoch seconds) with
// X-RateLimit-Remaining: 0; otherwise its documentation says to wait at least a minute and back off
// exponentially.
//
// retryTransport sits under go-github's client and retries such responses itself, a bounded number of
// times, each wait no longer than MaxWait; a response it gives up on is passed up unchanged, so go-github
// reports it as a rate-limit error and the bot degrades to annotations. Every other response, 403 included
// (a read-only token), passes through at once. The clock and the sleep are injected so tests run in no
// time.

// Retry configures the handling of rate-limit responses. The zero value means: 3 retries, waits up to 2
// minutes, real time.
type Retry struct {
	// MaxRetries is how many times one request is retried (default 3; negative: never).
	MaxRetries int
	// MaxWait is the longest single wait; a longer wait requested by GitHub gives up at once (default 2m).
	MaxWait time.Duration
	// Backoff is the first wait when GitHub names none (default 1 minute), doubled on each retry.
	Backoff time.Duration
	// Now returns the current time (default time.Now).
	Now func() time.Time
	// Sleep waits for d or until ctx is done (default: a timer).
	Sleep func(ctx context.Context, d time.Duration) error
}

func (r Retry) withDefaults() Retry {
	if r.MaxRetries == 0 {
		r.MaxRetries = 3
	}
	if r.MaxWait <= 0 {
		r.MaxWait = 2 * time.Minute
	}
	if r.Backoff <= 0 {
		r.Backoff = time.Minute
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	if r.Sleep == nil {
		r.Sleep = sleep
	}
	return r
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type retryTransport struct {
	base  http.RoundTripper
	retry Retry
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 && req.Body != nil {
			if req.GetBody == nil {
				return nil, errNoReplay
			}
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			r = req.Clone(req.Context())
			r.Body = body
		}
		resp, err := t.base.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		limited, body := rateLimited(resp)
		if body != nil {
			resp.Body = io.NopCloser(bytes.NewReader(body))
		}
		if !limited || attempt >= t.retry.MaxRetries {
			return resp, nil
		}
		wait := t.delay(resp, attempt)
		if wait > t.retry.MaxWait {
			return resp, nil
		}
		resp.Body.Close()
		if err := t.retry.Sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

type replayError struct{}

func (replayError) Error() string {
	return "prbot: cannot retry a request whose body cannot be replayed"
}

var errNoReplay = replayError{}

// rateLimited reports whether resp is a rate-limit response. For a 403 it reads the body (returned, to be
// put back) to tell a secondary rate limit from a permission error.
func rateLimited(resp *http.Response) (bool, []byte) {
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true, nil
	case http.StatusForbidden:
		if resp.Header.Get("Retry-After") != "" || resp.Header.Get("X-RateLimit-Remaining") == "0" {
			return true, nil
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		lower := strings.ToLower(string(b))
		return strings.Contains(lower, "rate limit") || strings.Contains(lower, "abuse detection"), b
	}
	return false, nil
}

// delay returns how long to wait before retrying (PR-41).
func (t *retryTransport) delay(resp *http.Response, attempt int) time.Duration {
	if v := strings.TrimSpace(resp.Header.Get("Retry-After")); v != "" {
		if s, err := strconv.Atoi(v); err == nil && s >= 0 {
			return time.Duration(s) * time.Second
		}
		if at, err := http.ParseTime(v); err == nil {
			return max(at.Sub(t.retry.Now()), 0)
		}
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if s, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			// One second of slack: the reset time is rounded down to the second.
			return max(time.Unix(s, 0).Sub(t.retry.Now()), 0) + time.Second
		}
	}
	return t.retry.Backoff << attempt
}
