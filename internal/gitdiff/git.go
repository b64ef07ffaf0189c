package gitdiff

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// diffArgs make `git diff` write the format Parse reads whatever the user's configuration says: fixed a/
// and b/ prefixes (diff.noprefix, diff.mnemonicPrefix), no colour, no external diff or textconv driver,
// paths relative to the repository root (diff.relative), renames detected, non-ASCII paths unquoted, and
// three lines of context like GitHub's pull-request diff (diff.context, GIT_DIFF_OPTS), so that
// diff_context means the same locally and on GitHub.
var diffArgs = []string{
	"-c", "core.quotePath=false",
	"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "--find-renames",
	"--src-prefix=a/", "--dst-prefix=b/", "--unified=3",
}

// Local returns the diff from the commit base to the working tree of the repository at dir (its root):
// committed, staged and unstaged changes, plus untracked files that are not ignored, which count as added
// files whose every line is added (git diff does not show them).
func Local(ctx context.Context, dir, base string) (*Diff, error) {
	out, err := Git(ctx, dir, append(append([]string{}, diffArgs...), base, "--")...)
	if err != nil {
		return nil, err
	}
	d, err := Parse(bytes.NewReader(out))
	if err != nil {
		return nil, err
	}
	untracked, err := Git(ctx, dir, "-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(string(untracked), "\x00") {
		if p == "" {
			continue
		}
		f, err := untrackedFile(filepath.Join(dir, filepath.FromSlash(p)), p)
		if err != nil {
			return nil, err
		}
		d.add(f)
	}
	return d, nil
}

// Between returns the diff of head against the merge base of base and head (`git diff base...head`),
// the diff GitHub shows for a pull request from head into base. Both commits must be present locally.
func Between(ctx context.Context, dir, base, head string) (*Diff, error) {
	out, err := Git(ctx, dir, append(append([]string{}, diffArgs...), base+"..."+head, "--")...)
	if err != nil {
		return nil, err
	}
	return Parse(bytes.NewReader(out))
}

// untrackedFile describes a file git does not track as added in full.
func untrackedFile(abs, rel string) (*File, error) {
	f := &File{Path: rel, Status: Added}
	b, err := os.ReadFile(abs)
	if err != nil {
		if os.IsNotExist(err) {
			return f, nil // removed meanwhile
		}
		return nil, err
	}
	head := b
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 { // git's own binary heuristic
		f.Binary = true
		return f, nil
	}
	n := bytes.Count(b, []byte{'\n'})
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	if n > 0 {
		f.Hunks = []Hunk{{Start: 1, End: n, Added: []LineRange{{1, n}}}}
	}
	return f, nil
}

// Git runs git in dir with the given arguments and returns its standard output. The error carries git's
// standard error. GIT_DIFF_OPTS and GIT_EXTERNAL_DIFF are cleared (they change diff output); see gitEnv.
func Git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(redact(args), " "), msg)
	}
	return stdout.Bytes(), nil
}

// gitEnv is the environment for git: the process's, without the variables that change diff output, with
// prompts disabled (archlint never wants git to ask for anything) and Git LFS told not to download objects
// when a worktree is checked out (archlint reads source files, never LFS content).
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GIT_DIFF_OPTS", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_TERMINAL_PROMPT":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat", "GIT_LFS_SKIP_SMUDGE=1")
}

// redact shortens the fixed diff arguments in error messages.
func redact(args []string) []string {
	if len(args) >= len(diffArgs) && strings.Join(args[:len(diffArgs)], "\x00") == strings.Join(diffArgs, "\x00") {
		return append([]string{"diff"}, args[len(diffArgs):]...)
	}
	return args
}
