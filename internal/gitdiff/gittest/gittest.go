// Package gittest builds throw-away git repositories for tests: a temporary directory, `git init`, a
// committer identity, files written and committed. Tests that need git call New, which skips the test with
// a clear message when git is not installed.
//
// It is for tests only and must not be imported by production code.
package gittest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Repo is a temporary git repository.
type Repo struct {
	t testing.TB
	// Dir is the repository root, symlink-free (macOS's /tmp is a link), as archlint's discovery sees it.
	Dir string
}

// Available reports whether git can be run.
func Available() bool {
	_, err := exec.LookPath("git")
	return err == nil
}

// New creates an empty repository on branch main with a committer identity and no hooks or signing. It
// skips the test when git is not installed.
func New(t testing.TB) *Repo {
	t.Helper()
	if !Available() {
		t.Skip("git is not installed; this test needs git to build its repository")
	}
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := &Repo{t: t, Dir: dir}
	r.Git("init", "-q", "-b", "main")
	r.Git("config", "user.name", "archlint test")
	r.Git("config", "user.email", "test@archlint.invalid")
	r.Git("config", "commit.gpgsign", "false")
	r.Git("config", "core.autocrlf", "false")
	r.Git("config", "core.hooksPath", "/dev/null")
	return r
}

// Git runs git in the repository and returns its trimmed standard output; it fails the test on error.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	out, err := r.TryGit(args...)
	if err != nil {
		r.t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// TryGit runs git in the repository and returns its trimmed standard output or an error carrying its
// standard error.
func (r *Repo) TryGit(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_DATE=2025-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2025-01-01T00:00:00Z")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", &gitError{err: err, stderr: stderr.String()}
	}
	return strings.TrimRight(stdout.String(), "\n"), nil
}

type gitError struct {
	err    error
	stderr string
}

func (e *gitError) Error() string { return e.err.Error() + ": " + strings.TrimSpace(e.stderr) }

// Write writes files (path relative to the root, slash-separated → content), creating directories.
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for p, content := range files {
		abs := filepath.Join(r.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Remove deletes files.
func (r *Repo) Remove(paths ...string) {
	r.t.Helper()
	for _, p := range paths {
		if err := os.Remove(filepath.Join(r.Dir, filepath.FromSlash(p))); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Commit stages everything and commits; it returns the new commit's SHA.
func (r *Repo) Commit(msg string) string {
	r.t.Helper()
	r.Git("add", "-A")
	r.Git("commit", "-q", "--allow-empty", "-m", msg)
	return r.Git("rev-parse", "HEAD")
}

// CopyDir copies the regular files under src (a fixture directory) into the repository under dst ("" for
// the root).
func (r *Repo) CopyDir(src, dst string) {
	r.t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r.Write(map[string]string{filepath.ToSlash(filepath.Join(dst, rel)): string(b)})
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}
