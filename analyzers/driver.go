package analyzers

import (
	"fmt"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/fingerprint"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/textpos"
	"github.com/archlint/archlint/rules"
)

// Options configure a run.
type Options struct {
	// Rules are the enabled rules; nil enables every rule of the catalog.
	Rules []*rules.Rule
	// Tool describes archlint in the report.
	Tool report.Tool
	// Settings are passed to every analyzer.
	Settings Settings
}

// Validate checks that analyzer names are unique, that Requires has no cycle, and that every declared rule
// is in the catalog.
func Validate(as []*Analyzer) error {
	names := map[string]*Analyzer{}
	state := map[*Analyzer]int{} // 1 visiting, 2 done
	var visit func(a *Analyzer, path []string) error
	visit = func(a *Analyzer, path []string) error {
		switch state[a] {
		case 1:
			return fmt.Errorf("analyzer cycle: %s", strings.Join(append(path, a.Name), " -> "))
		case 2:
			return nil
		}
		state[a] = 1
		if b, ok := names[a.Name]; ok && b != a {
			return fmt.Errorf("two analyzers named %q", a.Name)
		}
		names[a.Name] = a
		if a.Run == nil || a.Doc == "" {
			return fmt.Errorf("analyzer %q needs Doc and Run", a.Name)
		}
		for _, r := range a.Rules {
			if rules.Lookup(r.ID) != r {
				return fmt.Errorf("analyzer %q declares rule %q that is not in the catalog", a.Name, r.ID)
			}
		}
		for _, req := range a.Requires {
			if err := visit(req, append(path, a.Name)); err != nil {
				return err
			}
		}
		state[a] = 2
		return nil
	}
	for _, a := range as {
		if err := visit(a, nil); err != nil {
			return err
		}
	}
	return nil
}

// order returns the analyzers and their requirements in dependency order, each once.
func order(as []*Analyzer) []*Analyzer {
	var out []*Analyzer
	seen := map[*Analyzer]bool{}
	var visit func(a *Analyzer)
	visit = func(a *Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
		out = append(out, a)
	}
	for _, a := range as {
		visit(a)
	}
	return out
}

// Run executes the analyzers over the project and returns the report: enabled rules, findings sorted,
// notifications from discovery, loading and the analyzers. It returns an error only for an invalid
// analyzer set.
func Run(p *project.Project, as []*Analyzer, opt Options) (*report.Report, error) {
	if err := Validate(as); err != nil {
		return nil, err
	}
	enabledRules := opt.Rules
	if enabledRules == nil {
		enabledRules = rules.All()
	}
	enabled := map[*rules.Rule]bool{}
	for _, r := range enabledRules {
		enabled[r] = true
	}
	rep := &report.Report{Tool: opt.Tool, ExecutionSuccessful: true}
	rep.Rules = append(rep.Rules, enabledRules...)
	sort.Slice(rep.Rules, func(i, j int) bool { return rep.Rules[i].ID < rep.Rules[j].ID })
	rep.Notifications = append(rep.Notifications, p.Repo.Notifications...)
	rep.Notifications = append(rep.Notifications, p.Notifications...)

	var diags []Diagnostic
	loc := newLocator(p)
	results := map[*Analyzer]any{}
	failed := map[*Analyzer]bool{}
	for _, a := range order(as) {
		skip := false
		for _, req := range a.Requires {
			if failed[req] {
				skip = true
			}
		}
		if skip {
			failed[a] = true
			rep.Notifications = append(rep.Notifications, report.Notification{ID: "analyzer-skipped", Level: rules.Error,
				Message: fmt.Sprintf("analyzer %s did not run because an analyzer it needs failed; its rules were not checked", a.Name)})
			continue
		}
		pass := &Pass{Analyzer: a, Project: p, ResultOf: map[*Analyzer]any{}, diags: &diags, notes: &rep.Notifications, endpoints: &rep.Endpoints, loc: loc,
			Enabled: func(r *rules.Rule) bool { return enabled[r] }, Settings: &opt.Settings}
		for _, req := range a.Requires {
			pass.ResultOf[req] = results[req]
		}
		res, err := runOne(pass)
		if err != nil {
			failed[a] = true
			rep.ExecutionSuccessful = false
			rep.Notifications = append(rep.Notifications, report.Notification{ID: "analyzer-failed", Level: rules.Error,
				Message: fmt.Sprintf("analyzer %s failed: %v; its rules were not fully checked", a.Name, err)})
			continue
		}
		results[a] = res
	}

	rep.Findings = toFindings(loc, diags)
	report.SortFindings(rep.Findings)
	report.SortEndpoints(rep.Endpoints)
	report.SortNotifications(rep.Notifications)
	rep.RootURI = rootURI(p.Repo.Base)
	rep.Stats = report.Stats{
		Apps:         len(p.Repo.Apps),
		FilesSeen:    len(p.Repo.Files),
		FilesParsed:  len(p.Files),
		BytesParsed:  p.BytesParsed,
		FilesSkipped: p.Repo.Skipped,
	}
	for _, e := range rep.Endpoints {
		if e.Kind != "middleware" {
			rep.Stats.Endpoints++
		}
	}
	return rep, nil
}

// runOne runs an analyzer, turning a panic into an error that names the analyzer and where it panicked.
func runOne(pass *Pass) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			stack := string(debug.Stack())
			// Keep the first frame inside archlint, enough to find the bug without dumping the stack.
			where := ""
			for _, l := range strings.Split(stack, "\n") {
				if strings.Contains(l, "archlint/") && strings.Contains(l, ".go:") && !strings.Contains(l, "analyzers/driver.go") {
					where = strings.TrimSpace(l)
					if i := strings.Index(where, "archlint/"); i >= 0 {
						where = where[i:]
					}
					if i := strings.LastIndex(where, " +0x"); i >= 0 {
						where = where[:i]
					}
					break
				}
			}
			err = fmt.Errorf("panic: %v (at %s)", r, where)
		}
	}()
	return pass.Analyzer.Run(pass)
}

// toFindings converts diagnostics to findings: positions in lines and UTF-16 columns, the source line, the
// GitHub line hash and archlint's line-independent fingerprint. Identical keys within a file and rule get
// an occurrence number in position order, so fingerprints stay unique.
func toFindings(loc *locator, diags []Diagnostic) []report.Finding {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := &diags[i], &diags[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Rule.ID != b.Rule.ID {
			return a.Rule.ID < b.Rule.ID
		}
		return a.Message < b.Message
	})
	info := loc.info
	seen := map[string]int{}
	out := make([]report.Finding, 0, len(diags))
	for _, d := range diags {
		s := info(d.Path)
		loc := s.location(d.Path, d.Start, d.End, "")
		sev := d.Rule.Severity
		if d.Severity != 0 {
			sev = d.Severity
		}
		key := d.Key
		if key == "" {
			key = fingerprint.NormalizeCode(string(s.slice(d.Start, d.End)))
		}
		k := d.Rule.ID + "\x00" + d.Path + "\x00" + key
		seen[k]++
		if n := seen[k]; n > 1 {
			key = fmt.Sprintf("%s#%d", key, n)
		}
		f := report.Finding{
			RuleID:      d.Rule.ID,
			Severity:    sev,
			Message:     d.Message,
			Location:    loc,
			Fingerprint: fingerprint.Key(d.Rule.ID, d.Path, key),
			SourceLine:  s.idx.LineText(loc.Range.Start.Line),
			LineHash:    s.lineHash(loc.Range.Start.Line),
		}
		for i, r := range d.Related {
			if i == 10 {
				break
			}
			f.Related = append(f.Related, info(r.Path).location(r.Path, r.Start, r.End, r.Message))
		}
		out = append(out, f)
	}
	return out
}

// locator converts byte offsets of project files to report locations, reading each file once.
type locator struct {
	p     *project.Project
	files map[string]*sourceInfo
}

func newLocator(p *project.Project) *locator {
	return &locator{p: p, files: map[string]*sourceInfo{}}
}

func (l *locator) info(path string) *sourceInfo {
	if s, ok := l.files[path]; ok {
		return s
	}
	s := &sourceInfo{}
	if f := l.p.Files[path]; f != nil {
		s.src = f.Tree.Src
	} else if b, err := l.p.Repo.ReadFile(path); err == nil {
		s.src = b
	}
	s.idx = textpos.New(s.src)
	l.files[path] = s
	return s
}

type sourceInfo struct {
	src        []byte
	idx        *textpos.Index
	hashes     []string
	hashesOK   bool
	hashesDone bool
}

func (s *sourceInfo) slice(start, end int) []byte {
	if start < 0 {
		start = 0
	}
	if end > len(s.src) {
		end = len(s.src)
	}
	if start > end {
		return nil
	}
	return s.src[start:end]
}

func (s *sourceInfo) location(path string, start, end int, msg string) report.Location {
	if end < start {
		end = start
	}
	sl, sc := s.idx.Position(start)
	el, ec := s.idx.Position(end)
	if el == sl && ec <= sc {
		ec = sc + 1 // an empty range still needs a visible column
	}
	return report.Location{Path: path, Message: msg, Range: report.Range{
		Start: report.Position{Offset: start, Line: sl, Column: sc},
		End:   report.Position{Offset: end, Line: el, Column: ec},
	}}
}

// lineHash returns GitHub's primaryLocationLineHash for a 1-based line, or "" when the file is not valid
// UTF-8 (upload-sarif then computes it itself).
func (s *sourceInfo) lineHash(line int) string {
	if !s.hashesDone {
		s.hashes, s.hashesOK = fingerprint.LineHashes(s.src)
		s.hashesDone = true
	}
	if !s.hashesOK || line < 1 || line > len(s.hashes) {
		return ""
	}
	return s.hashes[line-1]
}

// rootURI renders an absolute directory as a file: URI with a trailing slash.
func rootURI(dir string) string {
	if dir == "" {
		return ""
	}
	u := "file://" + encodePath(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func encodePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
