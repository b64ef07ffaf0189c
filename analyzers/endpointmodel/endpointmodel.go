// Package endpointmodel is the result analyzer that builds, once per run, what the rule analyzers share:
// the module graph, the guard engine with its function summaries, the endpoint inventory and the
// per-endpoint assessment of controls. It reports no rule; it adds the endpoint inventory to the report.
package endpointmodel

import (
	"sort"
	"strings"
	"sync"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/prismaschema"
	"github.com/archlint/archlint/internal/endpoints"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/modgraph"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// Result is what the analyzer hands to the analyzers that require it.
type Result struct {
	Graph    *modgraph.Graph
	Engine   *summary.Engine
	Model    *endpoints.Model
	Assessor *endpoints.Assessor
	// Auth is the authentication assessment of each endpoint of Model, by index.
	Auth []endpoints.AuthResult
	// Rate is the rate-limiting assessment of each endpoint of Model, by index.
	Rate []endpoints.RateResult

	project  *project.Project
	usesOnce sync.Once
	// modules says, by 'use server' module, how the other parsed modules import its exports.
	modules map[string]use
}

type use struct{ server, component bool }

// ServerUtility reports whether a Server Action is an export of a 'use server' module that server code
// imports as a utility library (a route handler or a helper module imports some of its exports) and no
// component imports. It is publicly
// callable all the same (auth/server-only-exports reports the directive, and what a direct caller could
// do with its arguments is still reported), but no form calls it: how its errors would reach a form does
// not matter. Client components are not parsed (they are not entry points), so an export a form also
// uses is judged a utility when server code imports it too.
func (r *Result) ServerUtility(ep *endpoints.Endpoint) bool {
	if ep.Kind != endpoints.ServerAction || !ep.File.HasDirective("use server") || ep.Handler.File != ep.File {
		return false
	}
	r.usesOnce.Do(r.findUses)
	// Judged per module: a 'use server' module whose exports server code imports as utilities is a
	// helper library (lib/db/*), and its other exports are helpers too.
	u := r.modules[ep.File.Path]
	return u.server && !u.component
}

func (r *Result) findUses() {
	r.modules = map[string]use{}
	for _, path := range r.project.Paths() {
		f := r.project.Files[path]
		client := f.HasDirective("use client")
		jsx := strings.HasSuffix(path, ".tsx") || strings.HasSuffix(path, ".jsx")
		for i := range f.Imports {
			imp := &f.Imports[i]
			if imp.TypeOnly {
				continue
			}
			sym := r.Graph.ResolveImport(f, imp)
			if sym.File == nil || sym.File == f || !sym.File.HasDirective("use server") {
				continue
			}
			u := r.modules[sym.File.Path]
			// A client component, or a server component that hands the function on (a form's action, a
			// prop) rather than only calling it to render.
			if client || jsx && !onlyCalled(f, imp) {
				u.component = true
			} else {
				u.server = true
			}
			r.modules[sym.File.Path] = u
		}
	}
}

// onlyCalled reports whether every use of an import's local name in f is a direct call of it
// (`await getItems(id)`), so that f does not hand the function on.
func onlyCalled(f *jsmodel.File, imp *jsmodel.Import) bool {
	if imp.Local == "" || imp.Kind != jsmodel.ImportNamed && imp.Kind != jsmodel.ImportDefault {
		return false
	}
	t := f.Tree
	ok := true
	t.Walk(t.Root(), func(n syntax.NodeID) bool {
		if !ok {
			return false
		}
		if t.Kind(n) != syntax.Identifier || !t.TextIs(n, imp.Local) {
			return true
		}
		p := t.Parent(n)
		switch t.Kind(p) {
		case syntax.ImportSpecifier, syntax.ImportClause:
			return true
		case syntax.CallExpression:
			if t.ChildByField(p, syntax.FFunction) == n {
				return true
			}
		}
		ok = false
		return false
	})
	return ok
}

// Analyzer builds the endpoint model.
var Analyzer = &analyzers.Analyzer{
	Name: "endpointmodel",
	Doc:  "Builds the endpoint inventory (route handlers, Pages API routes, Server Actions, middleware), the cross-file function summaries of the guard engine, and the per-endpoint assessment of authentication.",
	Run:  run,
	// The Prisma schemas name the models an endpoint touches.
	Requires: []*analyzers.Analyzer{prismaschema.Analyzer},
}

func run(pass *analyzers.Pass) (any, error) {
	p := pass.Project
	g := modgraph.New(p)
	e := summary.New(p, g)
	var publics []endpoints.PublicRule
	if s := pass.Settings; s != nil {
		for _, gs := range s.Guards {
			cg := summary.CustomGuard{From: gs.From, Name: gs.Name, Wrapper: gs.Wrapper}
			for _, c := range gs.Provides {
				if c == analyzers.ControlAuth {
					cg.Auth = true
				}
			}
			e.Guards = append(e.Guards, cg)
		}
		for _, ps := range s.Public {
			ps := ps
			publics = append(publics, endpoints.PublicRule{Reason: ps.Reason + " (declared in configuration)", Match: func(ep *endpoints.Endpoint) bool {
				if ps.File != "" && processors.MatchAny([]string{ps.File}, ep.File.Path) {
					return true
				}
				return ps.URL != "" && ep.URLPath != "" && endpoints.URLMatches(ps.URL, ep.URLPath)
			}})
		}
	}
	m := endpoints.Build(p.Repo, g, e)
	a := &endpoints.Assessor{Engine: e, Public: publics}
	a.Middleware = m.MiddlewareGuard(a)
	a.MiddlewareRate = m.MiddlewareRate()
	res := &Result{Graph: g, Engine: e, Model: m, Assessor: a, project: p}
	for _, ep := range m.Endpoints {
		ar := a.Auth(ep)
		res.Auth = append(res.Auth, ar)
		res.Rate = append(res.Rate, a.RateLimit(ep, ar))
	}
	pass.AddEndpoints(inventory(pass, res)...)
	return res, nil
}

// modelName turns a Prisma client accessor ("auditLog") into its model's name ("AuditLog") when a schema
// declares it; otherwise the accessor stays.
func modelName(schemas []*prismaschema.Set, accessor string) string {
	for _, s := range schemas {
		if s.Schema == nil {
			continue
		}
		if m := s.Schema.ModelByClientName(accessor); m != nil {
			return m.Name
		}
	}
	return accessor
}

// inventory renders the model as report entries.
func inventory(pass *analyzers.Pass, res *Result) []report.Endpoint {
	var schemas []*prismaschema.Set
	if r, ok := pass.ResultOf[prismaschema.Analyzer].(*prismaschema.Result); ok {
		schemas = r.Sets
	}
	var out []report.Endpoint
	for i, ep := range res.Model.Endpoints {
		t := ep.File.Tree
		nd := t.Nodes[ep.Node]
		re := report.Endpoint{
			Kind:     string(ep.Kind),
			URLPath:  ep.URLPath,
			Methods:  ep.Methods,
			Name:     ep.Name,
			Location: pass.Location(ep.File.Path, int(nd.Start), int(nd.End), ""),
			Controls: map[string]report.ControlStatus{},
		}
		ar := res.Auth[i]
		cs := report.ControlStatus{Status: string(ar.Status), How: ar.How}
		if ar.Evidence != nil && ar.Evidence.File != nil && ar.Evidence.Node != syntax.None {
			en := ar.Evidence.File.Tree.Nodes[ar.Evidence.Node]
			cs.Locations = append(cs.Locations, pass.Location(ar.Evidence.File.Path, int(en.Start), int(en.End), ar.Evidence.What))
		}
		re.Controls["auth"] = cs
		rr := res.Rate[i]
		rs := report.ControlStatus{Status: string(rr.Status), How: rr.How}
		if rr.Status == endpoints.Missing && rs.How == "" {
			switch {
			case rr.Credential:
				rs.How = "credential endpoint without a limiter"
			case len(rr.Triggers) > 0:
				rs.How = "nothing limits " + rr.Triggers[0].What
			}
		}
		if rr.Evidence != nil && rr.Evidence.File != nil && rr.Evidence.Node != syntax.None {
			en := rr.Evidence.File.Tree.Nodes[rr.Evidence.Node]
			rs.Locations = append(rs.Locations, pass.Location(rr.Evidence.File.Path, int(en.Start), int(en.End), rr.Evidence.What))
		}
		if ep.Kind != endpoints.Middleware {
			re.Controls["rateLimit"] = rs
		}
		models := map[string]bool{}
		for _, op := range ar.Ops {
			re.Sensitive = appendUnique(re.Sensitive, op.What)
			if op.Model != "" {
				models[modelName(schemas, op.Model)] = true
			}
		}
		for _, m := range ar.Models {
			models[modelName(schemas, m)] = true
		}
		for mdl := range models {
			re.Models = append(re.Models, mdl)
		}
		sort.Strings(re.Models)
		out = append(out, re)
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
