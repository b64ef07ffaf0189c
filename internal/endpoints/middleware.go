package endpoints

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/matcher"
	"github.com/archlint/archlint/internal/modgraph"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// Middleware coverage: authentication is credited to an endpoint from middleware (or Next 16 proxy) only
// when the middleware runs on every concrete path of the endpoint's URL pattern (config.matcher, exactly
// as Next.js evaluates it — package matcher) AND rejects unauthenticated requests on those paths:
//
//   - next-auth's middleware (`export { default } from "next-auth/middleware"`, `withAuth(…)`) redirects
//     every unauthenticated request it sees;
//   - Clerk's authMiddleware (v4) protects everything except publicRoutes and ignoredRoutes;
//   - clerkMiddleware (v5+) protects only what its callback protects (auth.protect(), a userId check),
//     evaluated per path: `if (isProtectedRoute(req)) await auth.protect()`;
//   - Auth.js `export { auth as middleware }` attaches a session and blocks nothing by itself;
//   - a hand-written middleware protects a path when, walking it with that path's conditions decided
//     (pathname.startsWith, createRouteMatcher, …), every way through it that lets the request continue
//     has verified an identity. Checking that a cookie exists is not verification.

type mwInfo struct {
	app    *discover.App
	ep     *Endpoint
	cfg    *matcher.Config
	all    *summary.Evidence  // guards every covered path
	except *matcher.RouteList // paths excluded from `all` (Clerk publicRoutes/ignoredRoutes)
	fn     FuncRef            // function to walk per path
	req    int                // its request parameter
}

// MiddlewareGuard prepares middleware coverage for the assessor.
func (m *Model) MiddlewareGuard(a *Assessor) MiddlewareGuard {
	infos := map[*discover.App]*mwInfo{}
	for _, ep := range m.Endpoints {
		if ep.Kind == Middleware {
			infos[ep.App] = m.analyzeMiddleware(ep)
		}
	}
	return func(ep *Endpoint) *summary.Evidence {
		info := infos[ep.App]
		if info == nil || ep.URLPath == "" {
			return nil
		}
		return info.guardFor(m.engine, ep.URLPath)
	}
}

func (m *Model) analyzeMiddleware(ep *Endpoint) *mwInfo {
	info := &mwInfo{app: ep.App, ep: ep, fn: FuncRef{Fn: jsmodel.NoFunc}}
	cfg, _ := matcher.FromFile(ep.File)
	info.cfg = cfg
	h := &ep.Handler
	evidence := func(what string) *summary.Evidence {
		return &summary.Evidence{Kind: summary.KindAuth, What: what, File: ep.File, Node: ep.Node}
	}
	if h.LibraryRole&libs.AuthGuard != 0 {
		info.all = evidence(h.Library)
	}
	for _, w := range h.Wrappers {
		roles, entry := libs.Roles(w.Key)
		if entry != nil && roles&libs.AuthGuard != 0 {
			info.all = evidence(entry.What)
		}
	}
	if h.Found() {
		info.fn = FuncRef{h.File, h.Fn}
		// clerkMiddleware(async (auth, req) => …): the request is the second parameter.
		for _, w := range h.Wrappers {
			if strings.HasSuffix(w.Key, ":clerkMiddleware") {
				info.req = 1
			}
		}
	}
	// Clerk authMiddleware({ publicRoutes, ignoredRoutes }).
	if call, f := exportedCall(m, ep.File, "default"); call != syntax.None {
		t := f.Tree
		o := m.engine.OriginOf(f, t.ChildByField(call, syntax.FFunction))
		if o.Kind == summary.External && strings.HasPrefix(o.Pkg, "@clerk/nextjs") && o.Name == "authMiddleware" && len(o.Path) == 0 {
			info.all = evidence("Clerk authMiddleware")
			list := matcher.ClerkV4DefaultIgnoredRoutes()
			if args := namedArgs(t, call); len(args) > 0 && t.Kind(t.Unparen(args[0])) == syntax.Object {
				merged := &matcher.RouteList{}
				for _, key := range []string{"publicRoutes", "ignoredRoutes"} {
					if rl, found, _ := matcher.FromObjectProperty(t, t.Unparen(args[0]), key, f); found && rl != nil {
						merged.Routes = append(merged.Routes, rl.Routes...)
					}
				}
				if _, found, _ := matcher.FromObjectProperty(t, t.Unparen(args[0]), "ignoredRoutes", f); !found {
					merged.Routes = append(merged.Routes, list.Routes...)
				}
				list = merged
			}
			info.except = list
		}
	}
	return info
}

// exportedCall returns the call expression an export is initialised with, following a local binding.
func exportedCall(m *Model, f *jsmodel.File, name string) (syntax.NodeID, *jsmodel.File) {
	sym := m.engine.Graph.Export(f, name)
	if sym.Kind != modgraph.Local {
		return syntax.None, nil
	}
	g := sym.File
	n := sym.Expr
	if n == syntax.None {
		if b, ok := g.Bindings[sym.Name]; ok {
			n = b.Init
		}
	}
	n = g.Tree.Unparen(n)
	if g.Tree.Kind(n) != syntax.CallExpression {
		return syntax.None, nil
	}
	return n, g
}

// guardFor returns the guard the middleware applies to every concrete path of urlPattern, or nil.
func (info *mwInfo) guardFor(e *summary.Engine, urlPattern string) *summary.Evidence {
	if info.cfg == nil || info.cfg.Covers(urlPattern) != matcher.All {
		return nil
	}
	via := "middleware " + info.ep.File.Path
	if info.all != nil {
		if info.except != nil && info.except.Covers(urlPattern) != matcher.None {
			return nil
		}
		return withVia(info.all, via)
	}
	if info.fn.File == nil {
		return nil
	}
	var first *summary.Evidence
	for _, p := range matcher.SamplePaths(urlPattern, nil) {
		ev := e.SummarizeIn(info.fn.File, info.fn.Fn, &summary.Context{Path: p}).Guard
		if ev == nil {
			return nil
		}
		if first == nil {
			first = ev
		}
	}
	if first == nil {
		return nil
	}
	return withVia(first, via)
}

// URLMatches reports whether a configured URL pattern matches an endpoint's URL pattern. The pattern uses
// doublestar globs over path segments ("/api/public/**"); dynamic segments are written as in the file
// system and match literally ("/api/share/[id]").
func URLMatches(pattern, urlPath string) bool {
	esc := strings.NewReplacer("[", `\[`, "]", `\]`).Replace(pattern)
	ok, _ := doublestar.Match(strings.TrimPrefix(esc, "/"), strings.TrimPrefix(urlPath, "/"))
	return ok
}
