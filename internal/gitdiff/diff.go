package gitdiff

import (
	"fmt"
	"io"
	"sort"

	bgd "github.com/bluekeyes/go-gitdiff/gitdiff"
)

// Status is what a diff does to a file.
type Status string

// The statuses of a changed file.
const (
	Added    Status = "added"
	Modified Status = "modified"
	Deleted  Status = "deleted"
	Renamed  Status = "renamed"
	Copied   Status = "copied"
)

// LineRange is a run of lines of the new version, 1-based and inclusive: Start <= End.
type LineRange struct {
	Start, End int
}

// Hunk is one hunk of a file's diff, seen from the new version.
type Hunk struct {
	// Start and End are the new-side lines the hunk shows (context and added lines), inclusive. A hunk
	// that only deletes has End = Start - 1: it shows no line of the new version.
	Start, End int
	// Added are the runs of added lines, in order.
	Added []LineRange
}

// File is one file of a diff.
type File struct {
	// Path is the repository-relative path in the new version; for a deleted file, the old path.
	Path string
	// OldPath is the path in the old version ("" for an added file).
	OldPath string
	Status  Status
	// Binary is set for binary files: they have no hunks.
	Binary bool
	// ModeOnly is set when only the file mode changed.
	ModeOnly bool
	// Hunks are the file's hunks in order.
	Hunks []Hunk
}

// AddedLines returns the number of added lines.
func (f *File) AddedLines() int {
	n := 0
	for _, h := range f.Hunks {
		for _, r := range h.Added {
			n += r.End - r.Start + 1
		}
	}
	return n
}

// hunkAt returns the index of the hunk whose new-side range contains line, or -1.
func (f *File) hunkAt(line int) int {
	i := sort.Search(len(f.Hunks), func(i int) bool { return f.Hunks[i].End >= line })
	if i < len(f.Hunks) && f.Hunks[i].Start <= line && line <= f.Hunks[i].End {
		return i
	}
	return -1
}

// IsAdded reports whether line of the new version is an added line.
func (f *File) IsAdded(line int) bool {
	h := f.hunkAt(line)
	if h < 0 {
		return false
	}
	for _, r := range f.Hunks[h].Added {
		if r.Start <= line && line <= r.End {
			return true
		}
	}
	return false
}

// InHunk reports whether line of the new version is shown by a hunk (added or context).
func (f *File) InHunk(line int) bool { return f.hunkAt(line) >= 0 }

// Diff is a parsed diff: the files it changes.
type Diff struct {
	files map[string]*File
}

// Parse reads a diff in git's format (git diff, git format-patch, GitHub's pull-request diff).
func Parse(r io.Reader) (*Diff, error) {
	files, _, err := bgd.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parsing diff: %w", err)
	}
	d := &Diff{files: make(map[string]*File, len(files))}
	for _, bf := range files {
		f := convert(bf)
		d.add(f)
	}
	return d, nil
}

// add records f; a second entry for the same path (which git never writes) merges its hunks.
func (d *Diff) add(f *File) {
	if f.Path == "" {
		return
	}
	if old, ok := d.files[f.Path]; ok && old.Status != Deleted {
		if f.Status == Deleted {
			return
		}
		old.Hunks = append(old.Hunks, f.Hunks...)
		sort.SliceStable(old.Hunks, func(i, j int) bool { return old.Hunks[i].Start < old.Hunks[j].Start })
		return
	}
	d.files[f.Path] = f
}

func convert(bf *bgd.File) *File {
	f := &File{OldPath: bf.OldName, Path: bf.NewName, Binary: bf.IsBinary}
	switch {
	case bf.IsNew:
		f.Status, f.OldPath = Added, ""
	case bf.IsDelete:
		f.Status, f.Path = Deleted, bf.OldName
	case bf.IsRename:
		f.Status = Renamed
	case bf.IsCopy:
		f.Status = Copied
	default:
		f.Status = Modified
	}
	if f.Path == "" {
		f.Path = f.OldPath
	}
	f.ModeOnly = f.Status == Modified && !bf.IsBinary && len(bf.TextFragments) == 0 && bf.OldMode != bf.NewMode
	if f.Status == Deleted {
		return f
	}
	for _, frag := range bf.TextFragments {
		h := Hunk{Start: int(frag.NewPosition), End: int(frag.NewPosition + frag.NewLines - 1)}
		if frag.NewLines == 0 {
			// A hunk that only deletes: "+l,0" names the line before the deletion; no new line is shown.
			h.Start, h.End = int(frag.NewPosition)+1, int(frag.NewPosition)
		}
		line := int(frag.NewPosition)
		for _, l := range frag.Lines {
			switch l.Op {
			case bgd.OpContext:
				line++
			case bgd.OpAdd:
				if n := len(h.Added); n > 0 && h.Added[n-1].End == line-1 {
					h.Added[n-1].End = line
				} else {
					h.Added = append(h.Added, LineRange{line, line})
				}
				line++
			}
		}
		f.Hunks = append(f.Hunks, h)
	}
	sort.SliceStable(f.Hunks, func(i, j int) bool { return f.Hunks[i].Start < f.Hunks[j].Start })
	return f
}

// File returns the file with the given new-version path (or, for a deleted file, old path), or nil.
func (d *Diff) File(path string) *File {
	if d == nil {
		return nil
	}
	return d.files[path]
}

// Files returns the files sorted by path.
func (d *Diff) Files() []*File {
	if d == nil {
		return nil
	}
	out := make([]*File, 0, len(d.files))
	for _, f := range d.files {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Changed reports whether the diff changes the file at path in the new version (it exists there).
func (d *Diff) Changed(path string) bool {
	f := d.File(path)
	return f != nil && f.Status != Deleted
}
