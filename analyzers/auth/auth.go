// Package auth reports endpoints that perform sensitive operations without authentication
// (auth/missing-auth for route handlers and Pages API routes, auth/action-missing-auth for Server
// Actions), webhooks that act without verifying a signature (auth/unverified-webhook), and helpers
// exported from 'use server' modules, which makes them publicly callable (auth/server-only-exports).
//
// Everything is decided by the endpoint model (analyzers/endpointmodel): a finding needs a sensitive
// operation reachable with no guard found on the way — in the handler, in a helper it calls (any depth,
// any file), in a wrapper around it, in a client middleware, or in middleware whose matcher covers the
// path and which rejects unauthenticated requests there. Public-by-design endpoints (auth library
// handlers, signature-verified webhooks, secret-checked cron jobs, credential flows, endpoints declared
// public in configuration) are not reported.
package auth

import (
	"fmt"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/endpointmodel"
	"github.com/archlint/archlint/internal/endpoints"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
	"github.com/archlint/archlint/rules"
)

// Analyzer reports the authentication rules.
var Analyzer = &analyzers.Analyzer{
	Name:     "auth",
	Doc:      "Reports endpoints and Server Actions that perform sensitive operations without authentication, unverified webhooks, and helpers exported from 'use server' modules.",
	Rules:    []*rules.Rule{rules.MissingAuth, rules.ActionMissingAuth, rules.UnverifiedWebhook, rules.ServerOnlyExports},
	Requires: []*analyzers.Analyzer{endpointmodel.Analyzer},
	Run:      run,
}

func run(pass *analyzers.Pass) (any, error) {
	res := pass.ResultOf[endpointmodel.Analyzer].(*endpointmodel.Result)
	for i, ep := range res.Model.Endpoints {
		ar := res.Auth[i]
		switch ep.Kind {
		case endpoints.Route, endpoints.PagesAPI:
			if ar.Status != endpoints.Missing {
				continue
			}
			if ar.Webhook {
				report(pass, rules.UnverifiedWebhook, ep, ar, fmt.Sprintf("Webhook endpoint %s %s %s without verifying the request's signature, so anyone who finds the URL can forge events.", methods(ep), ep.URLPath, opPhrase(ar.Unguarded)))
				continue
			}
			report(pass, rules.MissingAuth, ep, ar, fmt.Sprintf("%s %s %s with no authentication on the way%s.", methods(ep), ep.URLPath, opPhrase(ar.Unguarded), lookedFor(ar)))
		case endpoints.ServerAction:
			if ar.Status != endpoints.Missing {
				continue
			}
			report(pass, rules.ActionMissingAuth, ep, ar, fmt.Sprintf("Server Action '%s' %s without authenticating the caller; actions are public POST endpoints, and a check in the page that renders the form does not protect them%s.", ep.Name, opPhrase(ar.Unguarded), lookedFor(ar)))
		}
	}
	serverOnlyExports(pass, res)
	return nil, nil
}

func methods(ep *endpoints.Endpoint) string {
	if len(ep.Methods) == 1 && ep.Methods[0] == "*" {
		return "API route"
	}
	return strings.Join(ep.Methods, ",")
}

// opPhrase names the first unguarded sensitive operation: "runs a Prisma update (prisma.project.update)".
func opPhrase(ops []summary.Op) string {
	if len(ops) == 0 {
		return "runs a sensitive operation"
	}
	op := ops[0]
	s := "runs " + op.What
	if op.Callee != "" {
		s += " ('" + op.Callee + "'"
		if len(op.Via) > 0 {
			s += " via " + strings.Join(op.Via, " → ")
		}
		s += ")"
	}
	if n := len(ops) - 1; n == 1 {
		s += " and 1 more sensitive operation"
	} else if n > 1 {
		s += fmt.Sprintf(" and %d more sensitive operations", n)
	}
	return s
}

// lookedFor says what was searched, or what partial guard exists.
func lookedFor(ar endpoints.AuthResult) string {
	if ar.Evidence != nil {
		return "; it is authenticated on some paths only (" + ar.Evidence.Describe() + "), not before this operation"
	}
	if ar.IdentityFetched != nil {
		return "; a session is obtained (" + ar.IdentityFetched.Describe() + ") but nothing rejects the request when it is missing"
	}
	return " (no session or token check that rejects, authenticating wrapper or helper, or covering middleware was found)"
}

func report(pass *analyzers.Pass, rule *rules.Rule, ep *endpoints.Endpoint, ar endpoints.AuthResult, msg string) {
	d := analyzers.NodeDiagnostic(rule, ep.File, ep.Node, msg)
	d.Key = string(ep.Kind) + ":" + ep.Name
	for i, op := range ar.Unguarded {
		if i == 3 {
			break
		}
		d.Related = append(d.Related, analyzers.NodeRelated(op.File, op.Node, "sensitive operation: "+op.What))
	}
	pass.Report(d)
}

// serverOnlyExports reports exports of 'use server' modules that are not meant to be actions: synchronous
// functions, functions taking a callback, and functions that route handlers, API routes or middleware
// import as a utility. Every export of such a module is reachable as a public POST endpoint.
func serverOnlyExports(pass *analyzers.Pass, res *endpointmodel.Result) {
	importers := utilityImporters(res)
	for _, ep := range res.Model.Endpoints {
		if ep.Kind != endpoints.ServerAction || !ep.File.HasDirective("use server") {
			continue
		}
		h := ep.Handler
		def := h.FuncDef()
		if def == nil || h.File != ep.File {
			continue
		}
		reason := ""
		switch {
		case !def.Async && !returnsPromise(h.File, def):
			reason = "it is synchronous, so it was written as a helper, not as an action"
		case callsParam(h.File, h.Fn):
			reason = "it takes a callback, which a client can never send"
		default:
			if user := importers[ep.File.Path+"\x00"+ep.Name]; user != "" {
				reason = "'" + user + "' imports it as a utility"
			}
		}
		if reason == "" {
			continue
		}
		msg := fmt.Sprintf("'%s' is exported from a 'use server' module, which makes it a public Server Action anyone can call with any arguments, but %s.", ep.Name, reason)
		d := analyzers.NodeDiagnostic(rules.ServerOnlyExports, ep.File, ep.Node, msg)
		d.Key = "server-only-export:" + ep.Name
		pass.Report(d)
	}
}

// utilityImporters maps "path\x00export" of 'use server' modules to the first route handler, API route or
// middleware file that imports that export.
func utilityImporters(res *endpointmodel.Result) map[string]string {
	server := map[string]bool{}
	for _, ep := range res.Model.Endpoints {
		switch ep.Kind {
		case endpoints.Route, endpoints.PagesAPI, endpoints.Middleware:
			server[ep.File.Path] = true
		}
	}
	out := map[string]string{}
	for path := range server {
		f := res.Graph.File(path)
		if f == nil {
			continue
		}
		for i := range f.Imports {
			imp := &f.Imports[i]
			if imp.TypeOnly || imp.Imported == "" {
				continue
			}
			sym := res.Graph.ResolveImport(f, imp)
			if sym.File == nil || !sym.File.HasDirective("use server") {
				continue
			}
			k := sym.File.Path + "\x00" + imp.Imported
			if prev, ok := out[k]; !ok || path < prev {
				out[k] = path
			}
		}
	}
	return out
}

// returnsPromise reports whether a non-async function returns a call or promise (`function f() { return
// doAsync() }`), which makes it usable as an action.
func returnsPromise(f *jsmodel.File, def *jsmodel.Function) bool {
	t := f.Tree
	if t.Kind(def.Body) != syntax.StatementBlock {
		k := t.Kind(t.Unparen(def.Body))
		return k == syntax.CallExpression || k == syntax.NewExpression
	}
	found := false
	t.Walk(def.Body, func(n syntax.NodeID) bool {
		switch t.Kind(n) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration:
			return false
		case syntax.ReturnStatement:
			if k := t.Kind(t.Unparen(t.FirstNamedChild(n))); k == syntax.CallExpression || k == syntax.NewExpression {
				found = true
			}
		}
		return !found
	})
	return found
}

// callsParam reports whether the function calls one of its own parameters.
func callsParam(f *jsmodel.File, fn jsmodel.FuncID) bool {
	def := &f.Functions[fn]
	names := map[string]bool{}
	for _, p := range def.Params {
		if p.Name != "" {
			names[p.Name] = true
		}
	}
	for i := range f.Calls {
		c := &f.Calls[i]
		if c.Func == fn && names[c.Callee] {
			return true
		}
	}
	return false
}
