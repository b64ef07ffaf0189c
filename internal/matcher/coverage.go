package matcher

import (
	"fmt"
	"sort"
	"strings"
)

// Coverage says how much of a route's URL space a middleware (or a route list) matches.
type Coverage uint8

const (
	// Unknown: cannot be decided (an unreadable config or entry, an unsupported pattern, an exhausted step
	// budget). The zero value, so that a forgotten answer never credits coverage.
	Unknown Coverage = iota
	// None: no sampled request path of the route matches.
	None
	// Partial: some sampled request paths match and some do not (`/api/users/:id(\\d+)` against
	// `/api/users/[id]`), or some match only under conditions and others not at all.
	Partial
	// Conditional: every sampled path matches, but some only when has/missing conditions hold — which the
	// client controls (a `missing: [{type: 'header', key: 'next-router-prefetch'}]` matcher is skipped by
	// sending that header).
	Conditional
	// All: every sampled request path matches unconditionally.
	All
)

// String returns the coverage in lower case ("all", "partial").
func (c Coverage) String() string {
	switch c {
	case None:
		return "none"
	case Partial:
		return "partial"
	case Conditional:
		return "conditional"
	case All:
		return "all"
	}
	return "unknown"
}

// outcome is the answer for one concrete path.
type outcome uint8

const (
	outNo outcome = iota
	outYes
	outCond
	outUnknown
)

func (o outcome) coverage() Coverage {
	switch o {
	case outYes:
		return All
	case outCond:
		return Conditional
	case outNo:
		return None
	}
	return Unknown
}

// coverageOf folds the outcomes of the sample paths, stopping as soon as the answer is settled: once one
// sample matches (even conditionally) and another does not, the route is Partial whatever the rest say;
// otherwise any unknown sample makes the answer Unknown.
func coverageOf(paths []string, outcome func(string, *int) outcome) Coverage {
	var yes, cond, no, unknown int
	budget := coversBudget
	for _, p := range paths {
		switch outcome(p, &budget) {
		case outUnknown:
			unknown++
		case outYes:
			yes++
		case outCond:
			cond++
		default:
			no++
		}
		if no > 0 && yes+cond > 0 {
			return Partial
		}
	}
	switch {
	case unknown > 0:
		return Unknown
	case no == 0 && cond == 0:
		return All
	case no == 0:
		return Conditional
	}
	return None
}

func (c *Config) outcome(path string, budget *int) outcome {
	switch c.Scope {
	case ScopeAll:
		return outYes
	case ScopeUnknown:
		return outUnknown
	}
	res := outNo
	unknown := false
	for i := range c.Matchers {
		m := &c.Matchers[i]
		if m.Unknown {
			unknown = true
			continue
		}
		ok, err := m.re.test(path, budget)
		if err != nil {
			unknown = true
			continue
		}
		if !ok {
			continue
		}
		if !m.Conditional() {
			return outYes
		}
		res = outCond
	}
	if unknown {
		return outUnknown
	}
	return res
}

// Match says whether the middleware runs for one concrete request path (as the browser sends it:
// percent-encoded, without query): All, Conditional, None or Unknown.
func (c *Config) Match(path string) Coverage {
	budget := DefaultBudget
	return c.outcome(path, &budget).coverage()
}

// Matches reports whether the middleware runs for the concrete request path unconditionally.
func (c *Config) Matches(path string) bool { return c.Match(path) == All }

// Covers says how much of a route's URL space the middleware runs on. urlPattern is the route's URL
// pattern from the file system with dynamic segments kept ("/api/users/[id]", "/docs/[[...slug]]", "/").
// The answer comes from sampling concrete paths (see SamplePaths); it is exact for static routes.
func (c *Config) Covers(urlPattern string) Coverage {
	if c.Scope != ScopeMatchers {
		return c.Match("/")
	}
	var words []string
	for i := range c.Matchers {
		words = append(words, c.Matchers[i].words...)
	}
	return coverageOf(SamplePaths(urlPattern, words), c.outcome)
}

// Segment values tried for a dynamic segment, besides words taken from the matchers. They vary the things
// matchers discriminate on: digits versus letters, case, punctuation, a dot (file-looking paths are often
// excluded), percent-encoding.
var baseSegmentSamples = []string{"1", "abc", "ABC", "a-b_c", "a.b", "%20x"}

// Extra values for catch-all segments: several segments, and a dot in the last one.
var baseCatchAllSamples = []string{"a/b", "a/b/c.d"}

const maxSampleWords = 48

// SamplePaths returns the concrete request paths that stand for a route URL pattern: the pattern with
// each dynamic segment replaced in turn by each sample value while the others keep a plain value. A
// `[x]` segment takes baseSegmentSamples, each word (a literal run of the matcher patterns: "api",
// "_next", "png") and "x.<word>"; `[...x]` also takes multi-segment values and the words that contain a
// slash ("_next/static"); `[[...x]]` also takes the empty value (the route without that segment). Static
// segments are percent-encoded as a browser encodes a path.
//
// Deriving samples from the matchers is what makes sampling find the exclusions matchers are written
// with — a negative lookahead on "api" is tested with a segment "api", an extension list with "x.png".
// An exclusion that no sample exercises is missed; All is therefore "all samples", exact only for routes
// without dynamic segments.
func SamplePaths(urlPattern string, words []string) []string {
	segs := parseRoutePattern(urlPattern)
	single, multi := sampleValues(words)
	base := make([]string, len(segs))
	for i, s := range segs {
		switch s.kind {
		case segStatic:
			base[i] = s.text
		case segDynamic:
			base[i] = "abc"
		case segCatchAll:
			base[i] = "a/b"
		case segOptionalCatchAll:
			base[i] = ""
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(vals []string) {
		var parts []string
		for _, v := range vals {
			if v != "" {
				parts = append(parts, v)
			}
		}
		p := "/" + strings.Join(parts, "/")
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	add(base)
	for i, s := range segs {
		var vals []string
		switch s.kind {
		case segDynamic:
			vals = single
		case segCatchAll:
			vals = multi
		case segOptionalCatchAll:
			vals = append([]string{""}, multi...)
		default:
			continue
		}
		for _, v := range vals {
			cur := append([]string(nil), base...)
			cur[i] = v
			add(cur)
		}
	}
	return out
}

// sampleValues builds the single-segment and catch-all sample values from matcher words.
func sampleValues(words []string) (single, multi []string) {
	seen := map[string]bool{}
	addS := func(v string) {
		if v != "" && !seen[v] && segmentSafe(v) {
			seen[v] = true
			single = append(single, v)
		}
	}
	for _, v := range baseSegmentSamples {
		addS(v)
	}
	var pieces, paths []string
	pieceSeen := map[string]bool{}
	for _, w := range words {
		trimmed := strings.Trim(w, "/")
		if strings.Contains(trimmed, "/") && !pieceSeen["/"+trimmed] {
			pieceSeen["/"+trimmed] = true
			paths = append(paths, trimmed)
		}
		for _, p := range strings.Split(w, "/") {
			if p != "" && !pieceSeen[p] && segmentSafe(p) {
				pieceSeen[p] = true
				pieces = append(pieces, p)
			}
		}
	}
	sort.Strings(pieces)
	if len(pieces) > maxSampleWords {
		pieces = pieces[:maxSampleWords]
	}
	for _, p := range pieces {
		addS(p)
		if strings.HasPrefix(p, ".") {
			addS("x" + p)
		} else {
			addS("x." + p)
		}
	}
	multi = append(multi, single...)
	mseen := map[string]bool{}
	for _, v := range multi {
		mseen[v] = true
	}
	extra := append([]string(nil), baseCatchAllSamples...)
	sort.Strings(paths)
	if len(paths) > maxSampleWords {
		paths = paths[:maxSampleWords]
	}
	extra = append(extra, paths...)
	for _, v := range extra {
		ok := v != "" && !mseen[v]
		for _, p := range strings.Split(v, "/") {
			ok = ok && p != "" && segmentSafe(p)
		}
		if ok {
			mseen[v] = true
			multi = append(multi, v)
		}
	}
	return single, multi
}

// segmentSafe reports whether v can be sent as one path segment as is: URL path characters only (no
// "/", "?", "#", spaces or controls); "%" only as a valid escape; not "." or "..", which browsers
// resolve away.
func segmentSafe(v string) bool {
	if v == "." || v == ".." {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0:
		case c == '%':
			if i+2 >= len(v) || !isHex(rune(v[i+1])) || !isHex(rune(v[i+2])) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

type segKind uint8

const (
	segStatic segKind = iota
	segDynamic
	segCatchAll
	segOptionalCatchAll
)

type routeSeg struct {
	kind segKind
	text string // static segments, percent-encoded
}

// parseRoutePattern splits a route URL pattern into segments. Anything that is not a whole-segment
// `[x]`, `[...x]` or `[[...x]]` is static.
func parseRoutePattern(p string) []routeSeg {
	var out []routeSeg
	for _, s := range strings.Split(p, "/") {
		switch {
		case s == "":
		case strings.HasPrefix(s, "[[...") && strings.HasSuffix(s, "]]") && len(s) > 7:
			out = append(out, routeSeg{kind: segOptionalCatchAll})
		case strings.HasPrefix(s, "[...") && strings.HasSuffix(s, "]") && len(s) > 5:
			out = append(out, routeSeg{kind: segCatchAll})
		case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") && len(s) > 2 && !strings.ContainsAny(s[1:len(s)-1], "[]"):
			out = append(out, routeSeg{kind: segDynamic})
		default:
			out = append(out, routeSeg{kind: segStatic, text: encodePathSegment(s)})
		}
	}
	return out
}

// encodePathSegment percent-encodes what a browser encodes in a URL path (the WHATWG path
// percent-encode set: controls, space, ", #, <, >, ?, `, {, }, and every non-ASCII byte).
func encodePathSegment(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || strings.IndexByte("\"#<>?`{}", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
