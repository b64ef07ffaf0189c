package gitdiff

import (
	"fmt"
	"strings"
)

// Mode is a filter mode, reviewdog's names and meanings (-filter-mode).
type Mode string

// The filter modes.
const (
	// ModeAdded: every line of the range is an added line of the new version.
	ModeAdded Mode = "added"
	// ModeDiffContext: every line of the range is shown by the diff (added or context lines).
	ModeDiffContext Mode = "diff_context"
	// ModeFile: the range lies in a file the diff changes.
	ModeFile Mode = "file"
	// ModeNoFilter: anything.
	ModeNoFilter Mode = "nofilter"
)

// Modes are the filter modes, in the order --help lists them.
var Modes = []Mode{ModeAdded, ModeDiffContext, ModeFile, ModeNoFilter}

// ParseMode parses a mode name.
func ParseMode(s string) (Mode, error) {
	for _, m := range Modes {
		if string(m) == s {
			return m, nil
		}
	}
	names := make([]string, len(Modes))
	for i, m := range Modes {
		names[i] = string(m)
	}
	return "", fmt.Errorf("unknown diff filter %q (want one of %s)", s, strings.Join(names, ", "))
}

// Contains reports whether the lines start..end (1-based, inclusive) of the new version of path pass the
// filter mode. end < start is read as start. This is the check command's --diff-filter: a finding is
// reported only if its primary range passes.
func (d *Diff) Contains(mode Mode, path string, start, end int) bool {
	if mode == ModeNoFilter {
		return true
	}
	f := d.File(path)
	if f == nil || f.Status == Deleted {
		return false
	}
	if end < start {
		end = start
	}
	switch mode {
	case ModeFile:
		return true
	case ModeAdded:
		for l := start; l <= end; l++ {
			if !f.IsAdded(l) {
				return false
			}
		}
		return true
	case ModeDiffContext:
		for l := start; l <= end; l++ {
			if !f.InHunk(l) {
				return false
			}
		}
		return true
	}
	return false
}

// Anchor is where a pull-request review comment goes: lines StartLine..Line of the new version (side
// RIGHT). StartLine == Line for a one-line comment.
type Anchor struct {
	Path      string
	StartLine int
	Line      int
}

// Anchor returns where a review comment on lines start..end of path can be placed, or false.
//
// GitHub accepts a review comment only on lines the pull-request diff shows, and a multi-line comment only
// when its first and last line lie in the same hunk ("start line must be part of the same hunk as the
// line"). So a range anchors when all its lines lie in one hunk, and, in ModeAdded, are all added lines.
// ModeFile and ModeNoFilter anchor like ModeDiffContext: GitHub cannot place a line comment elsewhere (the
// caller lists such findings in the summary instead).
func (d *Diff) Anchor(mode Mode, path string, start, end int) (Anchor, bool) {
	f := d.File(path)
	if f == nil || f.Status == Deleted || start < 1 {
		return Anchor{}, false
	}
	if end < start {
		end = start
	}
	h := f.hunkAt(start)
	if h < 0 || f.Hunks[h].End < end {
		return Anchor{}, false
	}
	if mode == ModeAdded {
		for l := start; l <= end; l++ {
			if !f.IsAdded(l) {
				return Anchor{}, false
			}
		}
	}
	return Anchor{Path: path, StartLine: start, Line: end}, true
}
