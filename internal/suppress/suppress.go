package suppress

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/fingerprint"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/textpos"
	"github.com/archlint/archlint/rules"
)

// Rules are the catalog rules the suppression processor reports. No analyzer reports them: they describe
// directives, which only exist once findings do.
var Rules = []*rules.Rule{rules.InvalidSuppression, rules.UnusedSuppression}

// DefaultMinReasonLength is the fewest non-space characters a reason needs (SUP-03).
const DefaultMinReasonLength = 10

// Options tune the processor.
type Options struct {
	// Today is the date expiries are compared with; the zero value means the current local date.
	Today time.Time
	// MinReasonLength is the fewest non-space characters of a reason; 0 means DefaultMinReasonLength.
	MinReasonLength int
	// Skip reports paths whose directives are ignored altogether (excluded, or outside the paths asked
	// about): their findings are not reported either, so their directives can be neither used nor unused.
	Skip func(path string) bool
	// Active reports whether a rule can report findings in a file (not excluded there by the
	// configuration); rules the report does not enable are never active. A directive that names only
	// inactive rules is not reported as unused: whether it is still needed cannot be known. Nil means every
	// enabled rule is active everywhere.
	Active func(ruleID, path string) bool
}

// Processor returns the suppression processor over the analysed project. It must run after the exclude
// and scope processors (it looks only at the findings they left) and before the baseline (a suppressed
// finding is not debt) and before rule settings (the meta findings it adds get the configured severity).
func Processor(p *project.Project, opt Options) processors.Processor {
	return processors.Func{ID: "suppressions", Fn: func(r *report.Report) error {
		apply(p, opt, r)
		return nil
	}}
}

// fileInfo is a file with directives.
type fileInfo struct {
	path       string
	src        []byte
	idx        *textpos.Index
	directives []*Directive
	// blocks are the regions of Disable directives: pattern i of directive d covers [from, to).
	blocks []block
	used   map[*Directive][]bool
	hashes []string
	hashOK bool
}

type block struct {
	d        *Directive
	i        int
	from, to int
}

func apply(p *project.Project, opt Options, r *report.Report) {
	minReason := opt.MinReasonLength
	if minReason <= 0 {
		minReason = DefaultMinReasonLength
	}
	today := opt.Today
	if today.IsZero() {
		today = time.Now()
	}
	todayS := today.Format(time.DateOnly)
	active := func(id, path string) bool {
		return r.Rule(id) != nil && (opt.Active == nil || opt.Active(id, path))
	}

	byPath := map[string][]int{}
	for i, f := range r.Findings {
		byPath[f.Location.Path] = append(byPath[f.Location.Path], i)
	}
	var meta []report.Finding
	for _, path := range candidateFiles(p, byPath) {
		if opt.Skip != nil && opt.Skip(path) {
			continue
		}
		fi := load(p, path)
		if fi == nil {
			continue
		}
		for _, d := range fi.directives {
			d.check(minReason, todayS)
		}
		fi.openBlocks()
		fi.suppress(r.Findings, byPath[path])
		meta = append(meta, fi.report(r, active)...)
	}
	numberFingerprints(meta)
	r.Findings = append(r.Findings, meta...)
}

// candidateFiles are the files whose directives are read: every parsed JS/TS file, every Prisma schema, and
// any other file with a finding; sorted.
func candidateFiles(p *project.Project, byPath map[string][]int) []string {
	seen := map[string]bool{}
	var out []string
	add := func(path string) {
		if !seen[path] {
			seen[path] = true
			out = append(out, path)
		}
	}
	for path := range p.Files {
		add(path)
	}
	for _, f := range p.Repo.Files {
		if f.Kind == discover.Prisma {
			add(f.Path)
		}
	}
	for path := range byPath {
		add(path)
	}
	sort.Strings(out)
	return out
}

// load reads a file's directives: from the comments the parser kept, or, for files that were not parsed,
// from its own comment lexer. It returns nil when the file has none.
func load(p *project.Project, path string) *fileInfo {
	var (
		src      []byte
		comments []span
		l        = langOf(path)
	)
	if f := p.Files[path]; f != nil {
		src = f.Tree.Src
		if !bytes.Contains(src, []byte("archlint-")) {
			return nil
		}
		comments = make([]span, len(f.Tree.Comments))
		for i, c := range f.Tree.Comments {
			comments[i] = span{int(c.Start), int(c.End)}
		}
		l = langJS
	} else {
		if l == langNone {
			return nil
		}
		b, err := p.Repo.ReadFile(path)
		if err != nil || !bytes.Contains(b, []byte("archlint-")) {
			return nil
		}
		src = b
		comments = scanComments(src, l)
	}
	fi := &fileInfo{path: path, src: src, used: map[*Directive][]bool{}}
	lead := -1
	for _, c := range comments {
		if c.start < 0 || c.end > len(src) || c.start >= c.end {
			continue
		}
		d := parseComment(string(src[c.start:c.end]), c.start)
		if d == nil {
			continue
		}
		if d.Kind == File && d.Problem == "" {
			if lead < 0 {
				lead = leadingEnd(src, comments, l)
			}
			if d.End > lead {
				d.Problem = "it must stand in the leading comments of the file, before any code"
			}
		}
		fi.directives = append(fi.directives, d)
	}
	if len(fi.directives) == 0 {
		return nil
	}
	fi.idx = textpos.New(src)
	return fi
}

// openBlocks pairs archlint-disable with archlint-enable. An enable closes the open blocks whose pattern it
// repeats exactly, or all open blocks when it names no rule; a block left open runs to the end of the
// file.
func (fi *fileInfo) openBlocks() {
	var open []block
	for _, d := range fi.directives {
		if d.Problem != "" {
			continue
		}
		switch d.Kind {
		case Disable:
			for i := range d.Patterns {
				open = append(open, block{d: d, i: i, from: d.End, to: len(fi.src)})
			}
		case Enable:
			closed := map[int]bool{}
			keep := open[:0]
			for _, b := range open {
				hit := -1
				for j, p := range d.Patterns {
					if p == b.d.Patterns[b.i] {
						hit = j
					}
				}
				if len(d.Patterns) == 0 || hit >= 0 {
					b.to = d.Start
					fi.blocks = append(fi.blocks, b)
					closed[hit] = true
					continue
				}
				keep = append(keep, b)
			}
			open = keep
			for j, p := range d.Patterns {
				if !closed[j] {
					d.Problem = fmt.Sprintf("it closes no open archlint-disable %s block", p)
					break
				}
			}
		}
	}
	fi.blocks = append(fi.blocks, open...)
}

// priority orders the directives that cover a finding: the most local one gives the justification.
func priority(k Kind) int {
	switch k {
	case ThisLine:
		return 4
	case NextLine:
		return 3
	case Disable:
		return 2
	case File:
		return 1
	}
	return 0
}

// suppress marks the findings of the file that a valid directive covers, and records which directive
// patterns were used. Every covering directive counts as used; the most local one is the justification.
func (fi *fileInfo) suppress(fs []report.Finding, idxs []int) {
	for _, d := range fi.directives {
		fi.used[d] = make([]bool, len(d.Patterns))
	}
	for _, k := range idxs {
		f := &fs[k]
		if f.Suppression != nil || strings.HasPrefix(f.RuleID, "meta/") {
			continue
		}
		line := f.Location.Range.Start.Line
		off := f.Location.Range.Start.Offset
		var best *Directive
		cover := func(d *Directive, i int) {
			if !d.Valid() || !d.names(i, f.RuleID) {
				return
			}
			fi.used[d][i] = true
			if best == nil || priority(d.Kind) > priority(best.Kind) {
				best = d
			}
		}
		for _, d := range fi.directives {
			if !d.Valid() {
				continue
			}
			var covers bool
			switch d.Kind {
			case NextLine:
				l, _ := fi.idx.Position(d.End)
				covers = line == l+1
			case ThisLine:
				l, _ := fi.idx.Position(d.Start)
				covers = line == l
			case File:
				covers = true
			}
			if covers {
				for i := range d.Patterns {
					cover(d, i)
				}
			}
		}
		for _, b := range fi.blocks {
			if off >= b.from && off < b.to {
				cover(b.d, b.i)
			}
		}
		if best != nil {
			loc := fi.location(best.Start, best.End)
			f.Suppression = &report.Suppression{Kind: "inSource", Justification: best.justification(), Location: &loc}
		}
	}
}

// report returns the meta findings of the file: invalid and expired directives, and unused patterns of
// valid ones (one finding per pattern).
func (fi *fileInfo) report(r *report.Report, active func(id, path string) bool) []report.Finding {
	var out []report.Finding
	invalidOn := r.Rule(rules.InvalidSuppression.ID) != nil
	unusedOn := r.Rule(rules.UnusedSuppression.ID) != nil
	for _, d := range fi.directives {
		switch {
		case d.Problem != "":
			if invalidOn {
				msg := fmt.Sprintf("%s is not applied: %s.", d.Name, d.Problem)
				out = append(out, fi.finding(r, rules.InvalidSuppression, rules.Error, d, "", msg))
			}
		case d.Expired:
			if invalidOn {
				msg := fmt.Sprintf("%s %s expired on %s and no longer applies; fix the finding or renew the date with a new reason.",
					d.Name, strings.Join(d.Patterns, ", "), d.Until)
				out = append(out, fi.finding(r, rules.InvalidSuppression, rules.Warning, d, "", msg))
			}
		case d.Kind != Enable && unusedOn:
			for i, p := range d.Patterns {
				if fi.used[d][i] || !anyActive(d.matched[i], fi.path, active) {
					continue
				}
				where := map[Kind]string{NextLine: "on the next line", ThisLine: "on its line", Disable: "in its block", File: "in this file"}[d.Kind]
				msg := fmt.Sprintf("%s %s suppresses nothing: no %s finding starts %s.", d.Name, p, p, where)
				out = append(out, fi.finding(r, rules.UnusedSuppression, 0, d, p, msg))
			}
		}
	}
	return out
}

func anyActive(ids []string, path string, active func(id, path string) bool) bool {
	for _, id := range ids {
		if active(id, path) {
			return true
		}
	}
	return false
}

// finding builds a meta finding located at the directive's comment. Its fingerprint key is the comment text
// without white space plus the pattern, so it survives moving the comment; numberFingerprints makes
// duplicates unique.
func (fi *fileInfo) finding(r *report.Report, rule *rules.Rule, sev rules.Severity, d *Directive, pattern, msg string) report.Finding {
	if sev == 0 {
		sev = rule.Severity
	}
	loc := fi.location(d.Start, d.End)
	line := loc.Range.Start.Line
	if fi.hashes == nil {
		fi.hashes, fi.hashOK = fingerprint.LineHashes(fi.src)
	}
	hash := ""
	if fi.hashOK && line >= 1 && line <= len(fi.hashes) {
		hash = fi.hashes[line-1]
	}
	return report.Finding{
		RuleID:      rule.ID,
		Severity:    sev,
		Message:     msg,
		Location:    loc,
		Fingerprint: fingerprint.NormalizeCode(d.Text) + "\x00" + pattern, // hashed in numberFingerprints
		LineHash:    hash,
		SourceLine:  fi.idx.LineText(line),
	}
}

// numberFingerprints turns the provisional keys of meta findings into fingerprints, numbering identical
// keys in a file in position order, as the driver does for analyzer findings.
func numberFingerprints(fs []report.Finding) {
	report.SortFindings(fs)
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		k := f.RuleID + "\x00" + f.Location.Path + "\x00" + f.Fingerprint
		seen[k]++
		key := f.Fingerprint
		if n := seen[k]; n > 1 {
			key = fmt.Sprintf("%s#%d", key, n)
		}
		f.Fingerprint = fingerprint.Key(f.RuleID, f.Location.Path, key)
	}
}

func (fi *fileInfo) location(start, end int) report.Location {
	sl, sc := fi.idx.Position(start)
	el, ec := fi.idx.Position(end)
	return report.Location{Path: fi.path, Range: report.Range{
		Start: report.Position{Offset: start, Line: sl, Column: sc},
		End:   report.Position{Offset: end, Line: el, Column: ec},
	}}
}
