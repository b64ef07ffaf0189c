package matcher

import (
	"fmt"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/syntax"
)

// RouteList is a list of route patterns an auth library matches request paths against: Clerk v4's
// authMiddleware publicRoutes / ignoredRoutes and Clerk v5+'s createRouteMatcher([...]). A path matches
// the list when any route matches it.
//
// Clerk compiles each string with path-to-regexp 6.x's pathToRegexp(route) — default options, so
// case-insensitive, an optional trailing "/", "#" or "?", anchored at both ends — and uses RegExp
// values as given, calling test() on req.nextUrl.pathname. `[routes].flat().filter(Boolean)` drops
// empty strings. Not modelled: Clerk v4 adds the sign-in and sign-up URLs from the environment to
// publicRoutes; recent @clerk/shared versions decode the path with decodeURI and collapse "//" before
// matching; a RegExp with the g or y flag is stateful across calls (only the first call, from index 0,
// is modelled).
type RouteList struct {
	Routes []Route
	// Node is the list's expression.
	Node syntax.NodeID
}

// Route is one entry of a RouteList.
type Route struct {
	// Pattern is the path-to-regexp string, or the source of a RegExp literal.
	Pattern string
	// RegExp is set for RegExp literals; Flags are their flags.
	RegExp bool
	Flags  string
	// Unknown is set when the entry cannot be evaluated (not a constant, or invalid: Clerk throws "Invalid
	// path" for a pattern path-to-regexp rejects).
	Unknown bool
	Node    syntax.NodeID
	re      *regex
	words   []string
}

// FromArrayNode reads a route list from an expression: the argument of createRouteMatcher(...), or the
// value of publicRoutes / ignoredRoutes. It accepts what Clerk accepts — an array, a single string or
// RegExp — and resolves module-level const references, spreads of const arrays and constant template
// strings. A function (createRouteMatcher(req => …)) or any other non-constant makes the list unknown.
func FromArrayNode(t *syntax.Tree, n syntax.NodeID, f *jsmodel.File) (*RouteList, []Problem) {
	ev := newEvaluator(t, f)
	return routeListFromValue(ev, ev.eval(n), n)
}

// FromObjectProperty reads the route list in property key ("publicRoutes", "ignoredRoutes") of an object
// literal node (authMiddleware's options), resolving a shorthand or identifier value. found is false
// when the object has no such property (callers then apply the library's default, such as
// ClerkV4DefaultIgnoredRoutes); an object with a spread that could carry the key yields an unknown list.
func FromObjectProperty(t *syntax.Tree, obj syntax.NodeID, key string, f *jsmodel.File) (list *RouteList, found bool, problems []Problem) {
	ev := newEvaluator(t, f)
	v := ev.eval(obj)
	if v.kind != valObject {
		return &RouteList{Routes: []Route{{Unknown: true, Node: obj}}, Node: obj},
			true, []Problem{{Kind: ProblemNotStatic, Node: obj, Message: fmt.Sprintf("options cannot be read statically: they are %s", v.why)}}
	}
	p, ok := v.get(key)
	if !ok {
		if v.opaque {
			return &RouteList{Routes: []Route{{Unknown: true, Node: obj}}, Node: obj},
				true, []Problem{{Kind: ProblemNotStatic, Node: obj, Message: fmt.Sprintf("options contain a spread that may set %s", key)}}
		}
		return nil, false, nil
	}
	list, problems = routeListFromValue(ev, p, p.node)
	return list, true, problems
}

// ClerkV4DefaultIgnoredRoutes is authMiddleware's ignoredRoutes when none is given:
// `/((?!api|trpc))(_next.*|.+\.[\w]+$)` — _next internals and file-looking paths outside /api and /trpc.
func ClerkV4DefaultIgnoredRoutes() *RouteList {
	r := Route{Pattern: `/((?!api|trpc))(_next.*|.+\.[\w]+$)`, Node: syntax.None}
	if err := r.compile(); err != nil {
		panic(err) // a constant
	}
	return &RouteList{Routes: []Route{r}, Node: syntax.None}
}

func routeListFromValue(ev *evaluator, v jsValue, n syntax.NodeID) (*RouteList, []Problem) {
	list := &RouteList{Node: n}
	var problems []Problem
	unknown := func(node syntax.NodeID, kind ProblemKind, format string, a ...any) {
		list.Routes = append(list.Routes, Route{Unknown: true, Node: node})
		problems = append(problems, Problem{Kind: kind, Node: node, Message: fmt.Sprintf(format, a...)})
	}
	var entries []jsValue
	switch v.kind {
	case valArray:
		entries = v.elems
	case valFunction:
		unknown(n, ProblemNotStatic, "the routes are a function (%s); which paths it accepts is not known statically", ev.describe(n))
		return list, problems
	default:
		entries = []jsValue{v}
	}
	for _, e := range entries {
		switch e.kind {
		case valString:
			if e.str == "" {
				continue // filter(Boolean)
			}
			r := Route{Pattern: e.str, Node: e.node}
			if err := r.compile(); err != nil {
				kind := ProblemInvalid
				if isUnsupported(err) {
					kind = ProblemUnsupported
				}
				unknown(e.node, kind, "route %q: %v", e.str, err)
				continue
			}
			list.Routes = append(list.Routes, r)
		case valRegExp:
			r := Route{Pattern: e.str, RegExp: true, Flags: e.flags, Node: e.node}
			if err := r.compile(); err != nil {
				kind := ProblemInvalid
				if isUnsupported(err) {
					kind = ProblemUnsupported
				}
				unknown(e.node, kind, "route /%s/%s: %v", e.str, e.flags, err)
				continue
			}
			list.Routes = append(list.Routes, r)
		case valNull, valUndefined, valBool, valNumber:
			if !e.truthy() {
				continue // filter(Boolean)
			}
			unknown(e.node, ProblemInvalid, "route must be a string or a RegExp")
		case valUnknown:
			unknown(e.node, ProblemNotStatic, "route cannot be read statically: it is %s", e.why)
		default:
			unknown(e.node, ProblemNotStatic, "route is not evaluated: it is %s", ev.describe(e.node))
		}
	}
	return list, problems
}

func (r *Route) compile() error {
	if r.RegExp {
		re, err := compileJS(r.Pattern, r.Flags)
		if err != nil {
			return err
		}
		r.re, r.words = re, re.runs
		return nil
	}
	toks, err := ptrParse(r.Pattern)
	if err != nil {
		return fmt.Errorf("path-to-regexp: %v", err)
	}
	src, err := ptrTokensToRegexp(toks, ptrOptions{})
	if err != nil {
		return fmt.Errorf("path-to-regexp: %v", err)
	}
	re, err := compileJS(src, "i")
	if err != nil {
		return err
	}
	r.re, r.words = re, tokenWords(toks)
	return nil
}

func (r *RouteList) outcome(path string, budget *int) outcome {
	unknown := false
	for i := range r.Routes {
		rt := &r.Routes[i]
		if rt.Unknown {
			unknown = true
			continue
		}
		ok, err := rt.re.test(path, budget)
		if err != nil {
			unknown = true
			continue
		}
		if ok {
			return outYes
		}
	}
	if unknown {
		return outUnknown
	}
	return outNo
}

// Match says whether one concrete request path matches the list: All, None or Unknown.
func (r *RouteList) Match(path string) Coverage {
	budget := DefaultBudget
	return r.outcome(path, &budget).coverage()
}

// Matches reports whether one concrete request path matches the list.
func (r *RouteList) Matches(path string) bool { return r.Match(path) == All }

// Covers says how much of a route's URL space the list matches (see Config.Covers): All, Partial, None
// or Unknown.
func (r *RouteList) Covers(urlPattern string) Coverage {
	var words []string
	for i := range r.Routes {
		words = append(words, r.Routes[i].words...)
	}
	return coverageOf(SamplePaths(urlPattern, words), r.outcome)
}

// String renders the list: quoted patterns, /regexp/flags, and "unknown" entries.
func (r *RouteList) String() string {
	parts := make([]string, 0, len(r.Routes))
	for _, rt := range r.Routes {
		switch {
		case rt.Unknown:
			parts = append(parts, "unknown")
		case rt.RegExp:
			parts = append(parts, "/"+rt.Pattern+"/"+rt.Flags)
		default:
			parts = append(parts, fmt.Sprintf("%q", rt.Pattern))
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
