package config

import (
	"path"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// Precedence of rule entries. Several entries may name a rule ("*/*", "auth/*", "auth/missing-auth").
//
//   - Severity (including off) comes from the most specific entry that sets one: an exact ID or alias beats
//     any glob; a longer glob (more characters as written) beats a shorter one; between globs of the same
//     length the entry written later wins. Rules no entry names keep their default severity.
//   - Exclude globs add up: a rule is not reported in a path excluded by any entry that names it.

// RuleSetting is the effective configuration of one rule.
type RuleSetting struct {
	Rule *rules.Rule
	// Enabled is false when the rule is off.
	Enabled bool
	// Severity is the severity of the rule's findings: configured, or the rule's default.
	Severity rules.Severity
	// Configured is true when an entry set the severity (so it overrides each finding's own).
	Configured bool
	// Exclude are globs of paths where the rule is not reported.
	Exclude []string
	// From is the pattern of the entry that decided the severity, or "".
	From string
}

// specificity orders entries for a rule: exact IDs first, then longer globs; ties go to the later entry
// (the caller compares indexes).
func specificity(pattern string) int {
	if !IsGlob(pattern) {
		return 1 << 20
	}
	return len(pattern)
}

// names reports whether an entry's pattern names the rule.
func names(pattern string, r *rules.Rule) bool {
	if !IsGlob(pattern) {
		return rules.Lookup(pattern) == r
	}
	ok, _ := path.Match(pattern, r.ID)
	return ok
}

// Setting returns the effective configuration of a rule.
func (c *Config) Setting(r *rules.Rule) RuleSetting {
	s := RuleSetting{Rule: r, Enabled: true, Severity: r.Severity}
	best := -1
	for i, e := range c.Rules {
		if !names(e.Pattern, r) {
			continue
		}
		s.Exclude = append(s.Exclude, e.Exclude...)
		if e.Severity == "" {
			continue
		}
		if best < 0 || specificity(e.Pattern) >= specificity(c.Rules[best].Pattern) {
			best = i
		}
	}
	if best >= 0 {
		e := c.Rules[best]
		s.From = e.Pattern
		s.Configured = true
		if e.Severity == "off" {
			s.Enabled = false
		} else {
			s.Severity, _ = rules.ParseSeverity(e.Severity)
		}
	}
	return s
}

// Settings returns the effective configuration of every catalog rule, sorted by ID.
func (c *Config) Settings() []RuleSetting {
	all := rules.All()
	out := make([]RuleSetting, len(all))
	for i, r := range all {
		out[i] = c.Setting(r)
	}
	return out
}

// EnabledRules returns the rules that are not off, sorted by ID, or nil when every rule is enabled (the
// engine's default).
func (c *Config) EnabledRules() []*rules.Rule {
	var out []*rules.Rule
	off := false
	for _, s := range c.Settings() {
		if s.Enabled {
			out = append(out, s.Rule)
		} else {
			off = true
		}
	}
	if !off {
		return nil
	}
	if out == nil {
		out = []*rules.Rule{}
	}
	return out
}

// Active reports whether a rule can report findings in a path: it is enabled and no entry excludes the
// path for it.
func (c *Config) Active(ruleID, p string) bool {
	r := rules.Lookup(ruleID)
	if r == nil {
		return false
	}
	s := c.Setting(r)
	return s.Enabled && !processors.MatchAny(s.Exclude, p)
}

// AnalyzerSettings returns the declarations analyzers honour: custom guards and public endpoints.
func (c *Config) AnalyzerSettings() analyzers.Settings {
	var s analyzers.Settings
	add := func(gs []Guard, ctl analyzers.Control) {
		for _, g := range gs {
			s.Guards = append(s.Guards, analyzers.GuardSpec{From: g.From, Name: g.Name, Provides: []analyzers.Control{ctl}})
		}
	}
	add(c.Guards.Auth, analyzers.ControlAuth)
	add(c.Guards.Validation, analyzers.ControlValidation)
	add(c.Guards.RateLimit, analyzers.ControlRateLimit)
	add(c.Guards.ErrorHandling, analyzers.ControlErrorHandling)
	for _, w := range c.Guards.Wrappers {
		g := analyzers.GuardSpec{From: w.From, Name: w.Name, Wrapper: true}
		for _, p := range w.Provides {
			g.Provides = append(g.Provides, analyzers.Control(p))
		}
		s.Guards = append(s.Guards, g)
	}
	for _, p := range c.Public {
		s.Public = append(s.Public, analyzers.PublicSpec{URL: p.URL, File: p.File, Reason: p.Reason})
	}
	return s
}

// Processor applies the rule entries to the findings: it drops findings in paths a rule's entries exclude
// and gives findings of rules with a configured severity that severity. It also gives the report's rule
// descriptors the configured severity (SARIF defaultConfiguration), as copies: catalog rules are shared.
// Must run after suppressions, so that the meta findings they add are configured like any other, and
// before the baseline, so that excluded findings neither match nor consume baseline entries.
func (c *Config) Processor() processors.Processor {
	return processors.Func{ID: "rule-settings", Fn: func(r *report.Report) error {
		settings := map[string]RuleSetting{}
		setting := func(id string) (RuleSetting, bool) {
			if s, ok := settings[id]; ok {
				return s, true
			}
			rule := rules.Lookup(id)
			if rule == nil {
				return RuleSetting{}, false
			}
			s := c.Setting(rule)
			settings[id] = s
			return s, true
		}
		keep := r.Findings[:0]
		for _, f := range r.Findings {
			s, ok := setting(f.RuleID)
			if ok && processors.MatchAny(s.Exclude, f.Location.Path) {
				continue
			}
			if ok && s.Configured && s.Enabled {
				f.Severity = s.Severity
			}
			keep = append(keep, f)
		}
		r.Findings = keep
		for i, rule := range r.Rules {
			if s, ok := setting(rule.ID); ok && s.Configured && s.Enabled && s.Severity != rule.Severity {
				cp := *rule
				cp.Severity = s.Severity
				r.Rules[i] = &cp
			}
		}
		return nil
	}}
}
