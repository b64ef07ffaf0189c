package prbot

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// writeEvent writes a pull_request event payload for acme/shop#7 whose head lives in headRepo (id headID;
// acme/shop has id 1).
func writeEvent(t *testing.T, path, headRepo string, headID int64) {
	t.Helper()
	ev := map[string]any{
		"action": "synchronize",
		"number": prNum,
		"pull_request": map[string]any{
			"number": prNum,
			"head":   map[string]any{"sha": headSHA, "ref": "feature", "repo": map[string]any{"id": headID, "full_name": headRepo}},
			"base":   map[string]any{"sha": baseSHA, "ref": "main", "repo": map[string]any{"id": 1, "full_name": "acme/shop"}},
		},
		"repository": map[string]any{"id": 1, "full_name": "acme/shop", "name": "shop", "owner": map[string]any{"login": "acme"}},
	}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFromEnv(t *testing.T) {
	dir := t.TempDir()
	same := filepath.Join(dir, "same.json")
	writeEvent(t, same, "acme/shop", 1)
	fork := filepath.Join(dir, "fork.json")
	writeEvent(t, fork, "contributor/shop", 99)
	push := filepath.Join(dir, "push.json")
	if err := os.WriteFile(push, []byte(`{"ref":"refs/heads/main","repository":{"full_name":"acme/shop"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	base := map[string]string{"GITHUB_REPOSITORY": "acme/shop", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_RUN_ID": "9",
		"GITHUB_TOKEN": "ghs_a"}
	with := func(kv ...string) func(string) string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return envOf(m)
	}

	c, err := FromEnv(with("GITHUB_EVENT_PATH", same))
	if err != nil {
		t.Fatal(err)
	}
	if c.Owner != "acme" || c.Repo != "shop" || c.Number != prNum || c.HeadSHA != headSHA || c.BaseSHA != baseSHA ||
		c.ReadOnly || c.APIURL != "https://api.github.com" || c.Token != "ghs_a" ||
		c.RunURL() != "https://github.com/acme/shop/actions/runs/9" {
		t.Errorf("same-repository context = %+v", c)
	}
	if u := c.FileURL("app/(shop)/[id]/my page.tsx", 3); u != "https://github.com/acme/shop/blob/"+headSHA+"/app/%28shop%29/%5Bid%5D/my%20page.tsx#L3" {
		t.Errorf("FileURL = %s", u)
	}

	c, err = FromEnv(with("GITHUB_EVENT_PATH", same, "ARCHLINT_GITHUB_TOKEN", "ghp_b", "GITHUB_API_URL", "https://ghe.example/api/v3/"))
	if err != nil || c.Token != "ghp_b" || c.APIURL != "https://ghe.example/api/v3" {
		t.Errorf("ARCHLINT_GITHUB_TOKEN / GHES: %+v, %v", c, err)
	}

	c, err = FromEnv(with("GITHUB_EVENT_PATH", fork))
	if err != nil || !c.ReadOnly {
		t.Errorf("fork: %+v, %v", c, err)
	}
	// pull_request_target runs with a write token in the base repository.
	c, err = FromEnv(with("GITHUB_EVENT_PATH", fork, "GITHUB_EVENT_NAME", "pull_request_target"))
	if err != nil || c.ReadOnly {
		t.Errorf("pull_request_target from a fork: %+v, %v", c, err)
	}
	c, err = FromEnv(with("GITHUB_EVENT_PATH", same, "GITHUB_ACTOR", "dependabot[bot]"))
	if err != nil || !c.ReadOnly || !strings.Contains(c.ReadOnlyReason, "Dependabot") {
		t.Errorf("dependabot: %+v, %v", c, err)
	}

	for name, env := range map[string]func(string) string{
		"push":    with("GITHUB_EVENT_PATH", push, "GITHUB_EVENT_NAME", "push"),
		"no path": with(),
	} {
		if _, err := FromEnv(env); !errors.Is(err, ErrNotPullRequest) {
			t.Errorf("%s: err = %v, want ErrNotPullRequest", name, err)
		}
	}
	if _, err := FromEnv(with("GITHUB_EVENT_PATH", filepath.Join(dir, "missing.json"))); err == nil || errors.Is(err, ErrNotPullRequest) {
		t.Errorf("missing payload: err = %v", err)
	}
}
