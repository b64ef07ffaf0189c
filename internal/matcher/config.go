package matcher

import (
	"fmt"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/syntax"
)

// Scope says on which paths a middleware runs, as far as its config tells.
type Scope uint8

const (
	// ScopeUnknown: the config cannot be read statically; callers must not credit coverage.
	ScopeUnknown Scope = iota
	// ScopeAll: no config, or a config without a matcher: the middleware runs on every path.
	ScopeAll
	// ScopeMatchers: the middleware runs on the paths Config.Matchers match.
	ScopeMatchers
)

// String returns "all", "matchers" or "unknown".
func (s Scope) String() string {
	switch s {
	case ScopeAll:
		return "all"
	case ScopeMatchers:
		return "matchers"
	}
	return "unknown"
}

// Config is the path scope of a middleware (middleware.ts) or proxy (proxy.ts, Next.js 16) module.
type Config struct {
	Scope Scope
	// Matchers are the entries of config.matcher (ScopeMatchers), in source order.
	Matchers []Matcher
	// Exact is false when the config is written in a form that some Next.js versions or bundlers cannot
	// read (an identifier, `as const`, `export { config }`, `export let`): they then ignore it, fail the
	// build, or — Turbopack, for entries only — skip it. Matchers then describe what the author wrote and
	// the middleware runs on at least those paths wherever the app builds; coverage answers are lower
	// bounds.
	Exact bool
	// Node is the config's value (or the export), None when there is no config.
	Node syntax.NodeID
}

// Matcher is one entry of config.matcher.
type Matcher struct {
	// Source is the path-to-regexp pattern as written (after JavaScript string decoding).
	Source string
	// Has and Missing are the request conditions; a matcher with any is conditional.
	Has, Missing []Condition
	// LocaleFalse records `locale: false` (only meaningful with next.config i18n, which is not modelled).
	LocaleFalse bool
	// Unknown is set when the entry cannot be evaluated: not statically readable, rejected by Next.js, or
	// beyond this package (backreferences). Source is then what could be read, possibly "".
	Unknown bool
	// Conditions are unreadable (has/missing present but not literal); the matcher counts as conditional.
	opaqueConditions bool
	Node             syntax.NodeID
	re               *regex
	words            []string
}

// Condition is a has/missing entry: {type, key, value}. Value is a regular expression in Next.js.
type Condition struct {
	// Type is "header", "cookie", "query" or "host".
	Type     string
	Key      string
	Value    string
	HasValue bool
}

// Conditional reports whether the matcher applies only when has/missing conditions hold.
func (m *Matcher) Conditional() bool {
	return len(m.Has)+len(m.Missing) > 0 || m.opaqueConditions
}

// ProblemKind classifies a Problem.
type ProblemKind uint8

const (
	// ProblemNotStatic: a value Next.js (or archlint) cannot read statically: an identifier, a call, a
	// spread, an import.
	ProblemNotStatic ProblemKind = iota + 1
	// ProblemIgnored: the config is written so that Next.js does not read it (export list, `export let`,
	// re-export) and runs the middleware on every path.
	ProblemIgnored
	// ProblemInvalid: Next.js or the auth library rejects the value (a source not starting with "/", a
	// path-to-regexp or RegExp syntax error, an unknown key): a build or runtime error.
	ProblemInvalid
	// ProblemUnsupported: valid, but beyond this package (backreferences, oversized patterns).
	ProblemUnsupported
)

// String returns the kind in kebab case ("not-static").
func (k ProblemKind) String() string {
	switch k {
	case ProblemNotStatic:
		return "not-static"
	case ProblemIgnored:
		return "ignored"
	case ProblemInvalid:
		return "invalid"
	case ProblemUnsupported:
		return "unsupported"
	}
	return "problem"
}

// Problem is something about a config or route list the reader should know, at a node.
type Problem struct {
	Kind    ProblemKind
	Node    syntax.NodeID
	Message string
}

// String returns "kind: message".
func (p Problem) String() string { return p.Kind.String() + ": " + p.Message }

// FromFile reads `export const config = { matcher }` from a middleware or proxy module, the way Next.js's
// build does (see doc.go). It always returns a Config; the problems explain unknown or inexact parts.
func FromFile(f *jsmodel.File) (*Config, []Problem) {
	b := &configBuilder{f: f, t: f.Tree, ev: newEvaluator(f.Tree, f)}
	return b.build()
}

type configBuilder struct {
	f        *jsmodel.File
	t        *syntax.Tree
	ev       *evaluator
	problems []Problem
}

func (b *configBuilder) problem(k ProblemKind, n syntax.NodeID, format string, a ...any) {
	b.problems = append(b.problems, Problem{Kind: k, Node: n, Message: fmt.Sprintf(format, a...)})
}

func (b *configBuilder) build() (*Config, []Problem) {
	ex := b.f.Export("config")
	if ex == nil || ex.TypeOnly {
		return &Config{Scope: ScopeAll, Exact: true, Node: syntax.None}, nil
	}
	c := &Config{Exact: true, Node: ex.Node}
	value := syntax.None
	switch ex.Kind {
	case jsmodel.ExportValue:
		value = ex.Value
		decl := b.t.Ancestor(ex.Node, syntax.LexicalDeclaration, syntax.VariableDeclaration)
		if !b.t.TextIs(b.t.ChildByField(decl, syntax.FKind), "const") {
			c.Exact = false
			b.problem(ProblemIgnored, ex.Node, "config is exported with `%s`, but Next.js's webpack build reads only `export const config`; it then runs the middleware on every path",
				b.t.Text(b.t.ChildByField(decl, syntax.FKind)))
		}
		if value == syntax.None {
			c.Scope = ScopeAll
			return c, b.problems
		}
	case jsmodel.ExportLocal:
		c.Exact = false
		b.problem(ProblemIgnored, ex.Node, "config is exported through an export list (`export { %s }`); Next.js reads only `export const config = {...}` and runs this middleware on every path (vercel/next.js#59536, #70008)", b.t.Text(ex.Node))
		bind, ok := b.f.Bindings[ex.Local]
		if !ok || bind.Kind != jsmodel.BindVariable || bind.Init == syntax.None || bind.Destructured {
			c.Scope = ScopeUnknown
			return c, b.problems
		}
		value = bind.Init
	default:
		// Re-exports, destructuring, CommonJS: invisible to Next.js, which then runs the middleware on
		// every path; the intended value is not readable here.
		b.problem(ProblemIgnored, ex.Node, "config is exported in a form Next.js does not read (%s); Next.js runs this middleware on every path", b.ev.describe(ex.Node))
		c.Scope = ScopeUnknown
		return c, b.problems
	}
	c.Node = value

	// direct: Next.js reads this value itself (`export const|let config = …`), so the literal-syntax rules
	// apply to it.
	direct := ex.Kind == jsmodel.ExportValue
	v := b.ev.eval(value)
	if !v.literal && direct && v.kind != valUnknown && v.kind != valFunction && !v.opaque {
		c.Exact = false
		b.notLiteral(value, "config")
	}
	switch {
	case v.kind == valUnknown || v.kind == valFunction:
		b.problem(ProblemNotStatic, value, "config cannot be read statically: it is %s", v.why)
		c.Scope = ScopeUnknown
		return c, b.problems
	case v.kind != valObject:
		// parseMiddlewareConfig: a config that is not an object is no config.
		c.Scope = ScopeAll
		return c, b.problems
	}
	m, ok := v.get("matcher")
	if !ok && v.opaque {
		b.problem(ProblemNotStatic, value, "config contains a spread or computed key that cannot be read statically, so its matcher is unknown")
		c.Scope = ScopeUnknown
		return c, b.problems
	}
	if !ok || m.kind == valUndefined {
		c.Scope = ScopeAll
		return c, b.problems
	}
	if !m.literal && direct && v.literal && m.kind != valUnknown && m.kind != valFunction {
		c.Exact = false
		b.notLiteral(m.node, "config.matcher")
	}
	var entries []jsValue
	switch m.kind {
	case valString:
		entries = []jsValue{m}
	case valArray:
		entries = m.elems
	case valUnknown, valFunction:
		b.problem(ProblemNotStatic, m.node, "config.matcher cannot be read statically: it is %s", m.why)
		c.Scope = ScopeUnknown
		return c, b.problems
	default:
		b.problem(ProblemInvalid, m.node, "config.matcher must be a string or an array; Next.js rejects this config")
		c.Scope = ScopeUnknown
		return c, b.problems
	}
	c.Scope = ScopeMatchers
	if len(entries) == 0 {
		b.problem(ProblemInvalid, m.node, "config.matcher is empty: the middleware runs on no path")
	}
	// Entries that are not literals inside a literal array are where Turbopack and webpack diverge: webpack
	// rejects or ignores the whole config, Turbopack drops the entry. The entry is then unknown. Inside a
	// non-literal matcher (an identifier for the whole array) both ignore the whole matcher, which can only
	// widen the scope, so the resolved entries stand as a lower bound.
	strict := direct && v.literal && m.literal
	for _, e := range entries {
		c.Matchers = append(c.Matchers, b.entry(e, strict))
	}
	return c, b.problems
}

func (b *configBuilder) notLiteral(n syntax.NodeID, what string) {
	b.problem(ProblemNotStatic, n, "%s is not written as a literal (%s): current Next.js fails the build, older versions and Turbopack ignore it and run the middleware on every path; read as the value it evaluates to",
		what, b.ev.describe(n))
}

func (b *configBuilder) entry(e jsValue, strict bool) Matcher {
	m := Matcher{Node: e.node}
	if strict && !e.literal {
		m.Unknown = true
		if e.kind == valString {
			m.Source = e.str
		}
		what := e.why
		if what == "" {
			what = b.ev.describe(e.node)
		}
		b.problem(ProblemNotStatic, e.node, "matcher entry %s is not a literal: Next.js's webpack build rejects the config and Turbopack skips the entry", what)
		return m
	}
	switch e.kind {
	case valString:
		m.Source = e.str
	case valObject:
		if !b.matcherObject(&m, e, strict) {
			m.Unknown = true
			return m
		}
	case valUnknown, valFunction:
		m.Unknown = true
		b.problem(ProblemNotStatic, e.node, "matcher entry cannot be read statically: it is %s", e.why)
		return m
	default:
		m.Unknown = true
		b.problem(ProblemInvalid, e.node, "matcher entry must be a string or an object with a source; Next.js rejects this config")
		return m
	}
	re, words, err := compileNextSource(m.Source)
	if err != nil {
		m.Unknown = true
		kind := ProblemInvalid
		if isUnsupported(err) {
			kind = ProblemUnsupported
		}
		b.problem(kind, e.node, "matcher %q: %v", m.Source, err)
		return m
	}
	m.re, m.words = re, words
	return m
}

// matcherObject reads { source, has, missing, locale } with Next.js's validation (MiddlewareMatcher schema:
// no other keys, source a string, locale only false).
func (b *configBuilder) matcherObject(m *Matcher, e jsValue, strict bool) bool {
	if e.opaque {
		b.problem(ProblemNotStatic, e.node, "matcher object contains a spread or computed key that cannot be read statically")
		return false
	}
	ok := true
	for _, p := range e.props {
		switch p.key {
		case "source":
			if strict && !p.val.literal || p.val.kind != valString {
				if p.val.kind == valUnknown {
					b.problem(ProblemNotStatic, p.val.node, "matcher source cannot be read statically: it is %s", p.val.why)
				} else {
					b.problem(ProblemInvalid, p.val.node, "matcher source must be a string literal")
				}
				ok = false
				continue
			}
			m.Source = p.val.str
		case "locale":
			switch {
			case p.val.kind == valBool && !p.val.b:
				m.LocaleFalse = true
			case p.val.kind == valUndefined:
			default:
				b.problem(ProblemInvalid, p.val.node, "matcher locale may only be false; Next.js rejects this config")
				ok = false
			}
		case "has", "missing":
			conds, readable := b.conditions(p.val)
			if !readable {
				m.opaqueConditions = true
			}
			if p.key == "has" {
				m.Has = append(m.Has, conds...)
			} else {
				m.Missing = append(m.Missing, conds...)
			}
		default:
			b.problem(ProblemInvalid, p.val.node, "matcher object has the unknown key %q; Next.js rejects this config", p.key)
			ok = false
		}
	}
	if _, has := e.get("source"); !has {
		b.problem(ProblemInvalid, e.node, "matcher object has no source; Next.js rejects this config")
		ok = false
	}
	return ok
}

// conditions reads a has/missing array. Unreadable parts make the matcher conditional all the same.
func (b *configBuilder) conditions(v jsValue) ([]Condition, bool) {
	if v.kind == valUndefined {
		return nil, true
	}
	if v.kind != valArray {
		return nil, false
	}
	var out []Condition
	readable := true
	for _, el := range v.elems {
		if el.kind != valObject {
			readable = false
			continue
		}
		var c Condition
		if t, ok := el.get("type"); ok && t.kind == valString {
			c.Type = t.str
		}
		if k, ok := el.get("key"); ok && k.kind == valString {
			c.Key = k.str
		}
		if val, ok := el.get("value"); ok && val.kind == valString {
			c.Value, c.HasValue = val.str, true
		}
		switch c.Type {
		case "header", "cookie", "query":
			if c.Key == "" {
				b.problem(ProblemInvalid, el.node, "%s condition needs a key; Next.js rejects this config", c.Type)
			}
		case "host":
			if !c.HasValue {
				b.problem(ProblemInvalid, el.node, "host condition needs a value; Next.js rejects this config")
			}
		default:
			b.problem(ProblemInvalid, el.node, "condition type must be header, cookie, query or host; Next.js rejects this config")
		}
		out = append(out, c)
	}
	return out, readable
}

// compileNextSource compiles a matcher source the way getMiddlewareMatchers does (without i18n and
// basePath): `/:nextData(_next/data/[^/]{1,})?` + source + an optional `.json` suffix (for "/", an
// optional `/index` or `/index.json`), through path-to-regexp with Next.js's repeat normalisation, then
// `new RegExp(regexStr)` — without the "i" flag, so matching is case-sensitive. It also returns the
// literal words of the source, for coverage samples.
func compileNextSource(source string) (*regex, []string, error) {
	switch {
	case !strings.HasPrefix(source, "/"):
		return nil, nil, fmt.Errorf("source must start with /")
	case len(source) > 4096:
		return nil, nil, fmt.Errorf("source exceeds 4096 characters")
	}
	toks, err := ptrParse(source)
	if err != nil {
		return nil, nil, fmt.Errorf("path-to-regexp: %v", err)
	}
	if _, err := ptrTokensToRegexp(toks, ptrOptions{normalizeRepeat: true}); err != nil {
		return nil, nil, fmt.Errorf("path-to-regexp: %v", err)
	}
	full := "/:nextData(_next/data/[^/]{1,})?" + source
	if source == "/" {
		full += `(/?index|/?index\.json)?`
	} else {
		full += `{(\.json)}?`
	}
	src, err := ptrSource(full, ptrOptions{normalizeRepeat: true})
	if err != nil {
		return nil, nil, fmt.Errorf("path-to-regexp: %v", err)
	}
	re, err := compileJS(src, "")
	if err != nil {
		return nil, nil, err
	}
	return re, tokenWords(toks), nil
}

// tokenWords returns the literal text of path-to-regexp tokens and the literal runs of their custom
// patterns.
func tokenWords(toks []ptrToken) []string {
	var out []string
	for _, t := range toks {
		if t.isText {
			out = append(out, t.text)
			continue
		}
		out = append(out, t.prefix, t.suffix)
		if n, err := parseRegex(t.pattern, reFlags{}); err == nil {
			literalRuns(n, &out)
		}
	}
	return out
}

// String renders the config for reports: "all", "unknown", or the matchers.
func (c *Config) String() string {
	if c.Scope != ScopeMatchers {
		return c.Scope.String()
	}
	parts := make([]string, 0, len(c.Matchers))
	for i := range c.Matchers {
		parts = append(parts, c.Matchers[i].String())
	}
	s := "[" + strings.Join(parts, ", ") + "]"
	if !c.Exact {
		s += " (inexact)"
	}
	return s
}

// String renders the matcher: its quoted source, unknown(...) when unknown, then its conditions.
func (m *Matcher) String() string {
	s := fmt.Sprintf("%q", m.Source)
	if m.Unknown {
		s = "unknown(" + s + ")"
	}
	var conds []string
	for _, c := range m.Has {
		conds = append(conds, "has "+c.String())
	}
	for _, c := range m.Missing {
		conds = append(conds, "missing "+c.String())
	}
	if m.opaqueConditions {
		conds = append(conds, "unreadable conditions")
	}
	if len(conds) > 0 {
		s += " if " + strings.Join(conds, " and ")
	}
	return s
}

// String renders the condition as "type key=value".
func (c Condition) String() string {
	s := c.Type
	if c.Key != "" {
		s += " " + c.Key
	}
	if c.HasValue {
		s += "=" + c.Value
	}
	return s
}
