package prbot

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The retry transport replays request bodies, honours Retry-After as seconds or as an HTTP date, and
// passes a plain 403 (no rate-limit sign) through at once with its body intact.
func TestRetryTransport(t *testing.T) {
	var bodies []string
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		calls++
		switch {
		case r.URL.Path == "/forbidden":
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"message":"Resource not accessible by integration"}`)
		case calls == 1:
			w.Header().Set("Retry-After", epoch.Add(12*time.Second).Format(http.TimeFormat))
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			io.WriteString(w, "ok")
		}
	}))
	defer srv.Close()
	var slept []time.Duration
	rt := &retryTransport{base: http.DefaultTransport, retry: Retry{Now: func() time.Time { return epoch },
		Sleep: func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }}.withDefaults()}
	c := &http.Client{Transport: rt}

	resp, err := c.Post(srv.URL+"/x", "application/json", strings.NewReader(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "ok" || len(slept) != 1 || slept[0] != 12*time.Second || len(bodies) != 2 || bodies[1] != `{"a":1}` {
		t.Fatalf("body %q, slept %v, bodies %q", b, slept, bodies)
	}

	slept = nil
	resp, err = c.Get(srv.URL + "/forbidden")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 403 || !strings.Contains(string(b), "Resource not accessible") || len(slept) != 0 {
		t.Fatalf("403: status %d, body %q, slept %v", resp.StatusCode, b, slept)
	}
}

// A cancelled context stops the wait.
func TestRetryCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	rt := &retryTransport{base: http.DefaultTransport, retry: Retry{}.withDefaults()} // real sleep: 60 s
	start := time.Now()
	if _, err := rt.RoundTrip(req); err == nil {
		t.Fatal("RoundTrip whose context ended during the wait succeeded")
	}
	if time.Since(start) > 30*time.Second {
		t.Fatal("the wait ignored the context")
	}
}
