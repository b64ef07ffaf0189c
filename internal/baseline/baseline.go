// Package baseline reads, matches and writes the baseline file: the findings a team accepted as existing
// debt, so that a run reports only new ones (spec BASE-01…03, BASE-06).
//
// The file (.archlint-baseline.json) is JSON with one entry per finding — rule, path, archlint's
// line-independent fingerprint, and the message for humans — sorted, one entry per line so that a review
// diff shows exactly which findings were accepted or fixed:
//
//	{
//	  "version": 1,
//	  "entries": [
//	    {"rule": "security/raw-sql-injection", "path": "app/api/search/route.ts", "fingerprint": "4f1c…", "message": "…"}
//	  ]
//	}
//
// Matching never uses line numbers. A finding matches an entry with the same (rule, path, fingerprint)
// first. What is left is matched per (rule, path) by count, as ESLint's bulk suppressions do: while a file
// has no more findings of a rule than it has left-over entries, they are all baselined (their code
// changed, not their number); when it has more, all of them are reported. Entries that match nothing are
// unused: the findings were fixed or moved, and the baseline must be pruned, so that it only ever shrinks.
//
// The package never decides what is a finding and never reads project files; the CLI hands it the report.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/report"
)

// Version is the format version this archlint reads and writes.
const Version = 1

// File is a baseline file.
type File struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

// Entry is one accepted finding.
type Entry struct {
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Fingerprint string `json:"fingerprint"`
	// Message is the finding's message when it was accepted, for people reading the file.
	Message string `json:"message"`
}

// ErrNotExist is returned by Read when the file does not exist.
var ErrNotExist = errors.New("baseline file does not exist")

// Read reads and checks a baseline file.
func Read(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrNotExist)
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("reading baseline %s: %v", path, pe.Err)
		}
		return nil, err
	}
	return Parse(path, data)
}

// Parse checks baseline text read from path.
func Parse(path string, data []byte) (*File, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("baseline %s is not a valid baseline file: %v", path, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("baseline %s has version %d; this archlint reads version %d (regenerate it with 'archlint baseline')", path, f.Version, Version)
	}
	for i, e := range f.Entries {
		if e.Rule == "" || e.Path == "" || e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: entry %d needs rule, path and fingerprint", path, i+1)
		}
	}
	return &f, nil
}

// FromFindings returns the entries for findings.
func FromFindings(fs []report.Finding) []Entry {
	out := make([]Entry, 0, len(fs))
	for _, f := range fs {
		out = append(out, Entry{Rule: f.RuleID, Path: f.Location.Path, Fingerprint: f.Fingerprint, Message: f.Message})
	}
	return out
}

// Sort puts entries in file order: path, rule, fingerprint, message.
func Sort(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Fingerprint != b.Fingerprint {
			return a.Fingerprint < b.Fingerprint
		}
		return a.Message < b.Message
	})
}

// Marshal renders a baseline file: sorted entries, one per line.
func Marshal(entries []Entry) []byte {
	es := append([]Entry(nil), entries...)
	Sort(es)
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  \"version\": %d,\n  \"entries\": [", Version)
	for i, e := range es {
		if i > 0 {
			b.WriteByte(',')
		}
		line, _ := marshalNoEscape(e)
		b.WriteString("\n    ")
		b.Write(line)
	}
	if len(es) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	return b.Bytes()
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Write writes a baseline file (truncating an existing one).
func Write(path string, entries []Entry) error {
	return os.WriteFile(path, Marshal(entries), 0o644)
}

// Result is what matching a baseline against a report found.
type Result struct {
	// Baselined is the number of findings marked as baselined.
	Baselined int
	// ByCount is how many of them matched by the (rule, path) count only: their code changed since the
	// baseline was written.
	ByCount int
	// Unused are the entries that matched no finding, grouped by rule and path.
	Unused []Group
	// Kept are the entries a prune keeps: those outside the analysed view unchanged, and for the findings
	// that matched, fresh entries (current fingerprint and message).
	Kept []Entry
}

// Group counts entries of one rule in one file.
type Group struct {
	Rule, Path string
	Count      int
}

// UnusedCount is the total number of unused entries.
func (r *Result) UnusedCount() int {
	n := 0
	for _, g := range r.Unused {
		n += g.Count
	}
	return n
}

type groupKey struct{ rule, path string }

// Apply marks the report's findings that the entries cover as baselined. inView reports whether an entry
// could have matched in this run (its rule enabled, its path analysed, in scope and not excluded); entries
// outside the view are neither used nor unused. Suppressed findings are not debt: they neither match nor
// consume entries.
func Apply(r *report.Report, entries []Entry, inView func(rule, path string) bool) *Result {
	res := &Result{}
	type key struct{ rule, path, fp string }
	waiting := map[key][]Entry{}
	for _, e := range entries {
		if inView != nil && !inView(e.Rule, e.Path) {
			res.Kept = append(res.Kept, e)
			continue
		}
		k := key{e.Rule, e.Path, e.Fingerprint}
		waiting[k] = append(waiting[k], e)
	}
	baseline := func(f *report.Finding, byCount bool) {
		f.Baselined = true
		res.Baselined++
		if byCount {
			res.ByCount++
		}
		res.Kept = append(res.Kept, FromFindings([]report.Finding{*f})...)
	}
	// 1. Exact matches on (rule, path, fingerprint).
	found := map[groupKey][]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppression != nil {
			continue
		}
		k := key{f.RuleID, f.Location.Path, f.Fingerprint}
		if es := waiting[k]; len(es) > 0 {
			waiting[k] = es[1:]
			baseline(f, false)
			continue
		}
		g := groupKey{f.RuleID, f.Location.Path}
		found[g] = append(found[g], i)
	}
	// 2. What is left, by count per (rule, path).
	left := map[groupKey][]Entry{}
	for k, es := range waiting {
		if len(es) > 0 {
			g := groupKey{k.rule, k.path}
			left[g] = append(left[g], es...)
		}
	}
	groups := make([]groupKey, 0, len(left))
	for g := range left {
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool {
		if groups[i].path != groups[j].path {
			return groups[i].path < groups[j].path
		}
		return groups[i].rule < groups[j].rule
	})
	for _, g := range groups {
		es, fs := left[g], found[g]
		switch {
		case len(fs) <= len(es):
			for _, i := range fs {
				baseline(&r.Findings[i], true)
			}
			res.Unused = append(res.Unused, Group{Rule: g.rule, Path: g.path, Count: len(es) - len(fs)})
		default:
			// More findings than entries: the file got worse, so every finding left is reported, and the
			// entries stay (they are not stale; the code is).
			res.Kept = append(res.Kept, es...)
		}
	}
	unused := res.Unused[:0]
	for _, u := range res.Unused {
		if u.Count > 0 {
			unused = append(unused, u)
		}
	}
	res.Unused = unused
	Sort(res.Kept)
	return res
}

// Describe renders unused groups for a message, at most limit lines.
func Describe(groups []Group, limit int) string {
	var b strings.Builder
	for i, g := range groups {
		if i == limit {
			fmt.Fprintf(&b, "  … and %d more files\n", len(groups)-limit)
			break
		}
		word := "entries"
		if g.Count == 1 {
			word = "entry"
		}
		fmt.Fprintf(&b, "  %s in %s: %d %s\n", g.Rule, g.Path, g.Count, word)
	}
	return b.String()
}
