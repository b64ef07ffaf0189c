package discover

// Which directories and files the walk leaves out.
//
// Always pruned, at any depth: dependency and tool-cache folders (node_modules, .git, .next, .turbo,
// .vercel, .output). Pruned only at the top of a package (a directory holding a package.json) or of the root:
// the build and coverage output folders dist, build, out and coverage — those are ordinary names deeper
// down, and "app/api/build/route.ts" is a real endpoint.
//
// Git's ignore rules are applied with go-git's gitignore package, whose patterns carry the directory they
// came from (the "domain") and are matched against paths relative to the git root (Base). We read the files
// ourselves: .git/info/exclude, every .gitignore from Base down to Root (a .gitignore above Root still
// applies), and each directory's .gitignore as the walk enters it, later files taking precedence. As in git,
// an ignored directory is pruned, so a negation cannot re-include a file below it. go-git's pattern parser
// does not handle comments and blank lines, which are dropped here, nor the user's core.excludesFile, which
// is not read.

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// alwaysPruned are directory names never walked into.
var alwaysPruned = map[string]bool{
	"node_modules": true, ".git": true, ".next": true, ".turbo": true, ".vercel": true, ".output": true,
}

// outputDirs are directory names pruned at the top of a package or of the root.
var outputDirs = map[string]bool{"dist": true, "build": true, "out": true, "coverage": true}

// maxIgnoreFileSize bounds the .gitignore files read; larger ones are ignored.
const maxIgnoreFileSize = 1 << 20

// readIgnoreFile returns the patterns of a .gitignore-format file, with domain the Base-relative directory it
// applies to. A missing or unreadable file has no patterns.
func readIgnoreFile(p string, domain []string) []gitignore.Pattern {
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxIgnoreFileSize {
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	return parseIgnore(data, domain)
}

// parseIgnore parses .gitignore text. Blank lines and comments are skipped; CRLF endings and a BOM are
// tolerated.
func parseIgnore(data []byte, domain []string) []gitignore.Pattern {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxIgnoreFileSize)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// splitRel splits a Base-relative slash path into components; "" has none.
func splitRel(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// infoExcludePath returns the .git/info/exclude file of the repository whose top is base. For a worktree or
// submodule, .git is a file naming the real git directory ("gitdir: …"), and a worktree's info/ lives in the
// common directory its "commondir" file names.
func infoExcludePath(base string) string {
	dotgit := filepath.Join(base, ".git")
	fi, err := os.Lstat(dotgit)
	if err != nil {
		return ""
	}
	if fi.IsDir() {
		return filepath.Join(dotgit, "info", "exclude")
	}
	data, err := readSmall(dotgit)
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(data), "\n")
	gitdir, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return ""
	}
	gitdir = strings.TrimSpace(gitdir)
	if !filepath.IsAbs(gitdir) {
		gitdir = filepath.Join(base, gitdir)
	}
	if c, err := readSmall(filepath.Join(gitdir, "commondir")); err == nil {
		common := strings.TrimSpace(string(c))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitdir, common)
		}
		gitdir = common
	}
	return filepath.Join(gitdir, "info", "exclude")
}

// ignoreAbove returns the patterns that apply at Root before its own .gitignore is read: info/exclude and
// the .gitignore files of Base and of every directory between Base and Root.
func ignoreAbove(t *Target) []gitignore.Pattern {
	var ps []gitignore.Pattern
	if p := infoExcludePath(t.Base); p != "" {
		ps = append(ps, readIgnoreFile(p, nil)...)
	}
	comps := splitRel(t.RootRel)
	for i := range comps { // directories strictly above Root, starting at Base
		dir := filepath.Join(t.Base, filepath.FromSlash(strings.Join(comps[:i], "/")))
		ps = append(ps, readIgnoreFile(filepath.Join(dir, ".gitignore"), comps[:i])...)
	}
	return ps
}
