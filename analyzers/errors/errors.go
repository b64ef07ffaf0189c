// Package errors reports how endpoints handle failure: awaited operations that can fail with nothing to
// turn the failure into an error response (errors/unhandled-error), caught errors whose message, stack
// or raw object reaches the client (errors/leaks-error-details), and Next.js navigation calls swallowed
// by a catch (errors/swallowed-navigation). It also fills the "errorHandling" control of the endpoint
// inventory.
//
// Everything starts from the endpoint model (analyzers/endpointmodel): the handler function with its
// wrappers, and the guard engine's value origins (summary.Engine.OriginOf) to know what a call is —
// a Prisma write, fetch, next/navigation's redirect, a project helper in another file. The analysis of
// how failures travel (flow.go), of what is fallible (fallible.go), of wrappers and action clients
// (wrapper.go), of error details flowing into responses (leak.go) and of navigation (navigation.go) is
// this package's own; it keeps its memo tables per run.
package errors

import (
	"fmt"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/endpointmodel"
	"github.com/archlint/archlint/internal/endpoints"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
	"github.com/archlint/archlint/rules"
)

// Analyzer reports the error-handling rules.
var Analyzer = &analyzers.Analyzer{
	Name:     "errors",
	Doc:      "Reports endpoints whose fallible operations have no error handling, error details sent to the client, and Next.js navigation calls swallowed by a catch; fills the errorHandling control of the endpoint inventory.",
	Rules:    []*rules.Rule{rules.UnhandledError, rules.LeaksErrorDetails, rules.SwallowedNavigation},
	Requires: []*analyzers.Analyzer{endpointmodel.Analyzer},
	Run:      run,
}

// checker holds one run's state and memo tables.
type checker struct {
	pass *analyzers.Pass
	res  *endpointmodel.Result
	e    *summary.Engine

	esc     map[fnKey]*escapeSet
	running map[fnKey]bool
	throws  map[fnKey]bool
	pcMemo  map[paramKey]catchInfo
	navMemo map[fnKey]*navHit
	leak    *leakState
}

func run(pass *analyzers.Pass) (any, error) {
	res := pass.ResultOf[endpointmodel.Analyzer].(*endpointmodel.Result)
	c := &checker{pass: pass, res: res, e: res.Engine,
		esc: map[fnKey]*escapeSet{}, running: map[fnKey]bool{}, throws: map[fnKey]bool{}, pcMemo: map[paramKey]catchInfo{}, navMemo: map[fnKey]*navHit{}}
	c.leak = newLeakState()
	assessed := make([]*assessment, len(res.Model.Endpoints))
	for i, ep := range res.Model.Endpoints {
		if ep.Kind == endpoints.Middleware {
			continue
		}
		if c.developmentOnly(ep) {
			pass.SetEndpointControl(i, string(analyzers.ControlErrorHandling), report.ControlStatus{Status: string(endpoints.NotNeeded), How: "development only: it answers before doing anything in production"})
			continue
		}
		if res.ServerUtility(ep) {
			// Server code imports it; no form calls it, so how its errors reach a form does not matter.
			pass.SetEndpointControl(i, string(analyzers.ControlErrorHandling), report.ControlStatus{Status: string(endpoints.NotNeeded), How: "a server utility in a 'use server' module: no client code calls it"})
			continue
		}
		if ep.Kind == endpoints.ServerAction && ep.Handler.Found() && rendersJSX(ep.Handler.File, ep.Handler.Fn) {
			// A component exported from a 'use server' module (a page's body): a page renders it, and its
			// errors reach the error boundary, not a form.
			pass.SetEndpointControl(i, string(analyzers.ControlErrorHandling), report.ControlStatus{Status: string(endpoints.NotNeeded), How: "a component rendered by a page, not a form's action"})
			continue
		}
		a := c.assess(ep)
		assessed[i] = &a
		pass.SetEndpointControl(i, string(analyzers.ControlErrorHandling), c.control(a))
	}
	for i, a := range assessed {
		if a == nil {
			continue
		}
		// export const GET = handler; export const POST = handler: one finding for the handler, naming
		// every method it serves the same way.
		if methods, first := sharedHandler(res.Model.Endpoints, assessed, i); first {
			named := *res.Model.Endpoints[i]
			named.Methods = methods
			c.reportUnhandled(&named, *a)
		}
	}
	c.leaks()
	c.navigation()
	return nil, nil
}

// assessment is the error handling of one endpoint.
type assessment struct {
	status endpoints.Status // Present, Missing, NotNeeded, or "partial"
	how    string
	// where points at the evidence (a try, a wrapper's catch).
	where     *jsmodel.File
	whereNode syntax.NodeID
	// unhandled are the fallible operations whose failures escape the endpoint.
	unhandled []op
	// handledHere is set when the handler's own code catches some fallible operation.
	handledHere bool
}

const partial endpoints.Status = "partial"

func (c *checker) assess(ep *endpoints.Endpoint) assessment {
	h := &ep.Handler
	if !h.Found() {
		how := "handler not found"
		if h.Library != "" {
			how = "handled by " + h.Library
		}
		return assessment{status: endpoints.NotNeeded, how: how}
	}
	if lib := c.actionLibrary(ep); lib != "" {
		what := "next-safe-action client"
		if lib == "zsa" {
			what = "zsa procedure"
		}
		return assessment{status: endpoints.Present, how: what + " (catches errors and returns them as a result)"}
	}
	for _, w := range h.Wrappers {
		if w.Func.File == nil {
			continue
		}
		if ci := c.paramCaught(fnKey{w.Func.File, w.Func.Fn}, w.Arg, 0); ci.ok {
			return assessment{status: endpoints.Present, how: "wrapper " + w.Name, where: ci.file, whereNode: ci.at}
		}
	}
	if name := c.declaredWrapper(h); name != "" {
		return assessment{status: endpoints.Present, how: "wrapper " + name + " (declared in configuration)"}
	}
	es := c.escapes(h.File, h.Fn)
	ops := forMethod(ep, es.ops)
	a := assessment{unhandled: ops, handledHere: es.caughtHere > 0, where: h.File, whereNode: es.firstTry}
	switch {
	case len(ops) == 0 && es.caughtHere > 0:
		a.status, a.how = endpoints.Present, "try/catch in handler"
	case len(ops) == 0 && es.caughtBelow > 0:
		a.status, a.how = endpoints.Present, "caught inside the helpers it calls"
	case len(ops) == 0:
		a.status, a.how = endpoints.NotNeeded, "no fallible operation"
	case es.caughtHere > 0:
		a.status, a.how = partial, "try/catch in handler, but "+ops[0].phrase()+" runs outside it"
	default:
		a.status, a.how = endpoints.Missing, ops[0].phrase()+" has no error handling"
	}
	return a
}

func (c *checker) control(a assessment) report.ControlStatus {
	cs := report.ControlStatus{Status: string(a.status), How: a.how}
	if a.where != nil && a.whereNode != syntax.None {
		nd := a.where.Tree.Nodes[a.whereNode]
		cs.Locations = append(cs.Locations, c.pass.Location(a.where.Path, int(nd.Start), int(nd.End), a.how))
	}
	for i, o := range a.unhandled {
		if i == 3 {
			break
		}
		nd := o.file.Tree.Nodes[o.node]
		cs.Locations = append(cs.Locations, c.pass.Location(o.file.Path, int(nd.Start), int(nd.End), "unhandled: "+o.what))
	}
	return cs
}

// reportUnhandled reports errors/unhandled-error for an endpoint: always when the request body is parsed
// or a write runs outside any error handling; for reads, outbound requests and paid API calls only when
// the endpoint handles no failure at all (a read before the try that guards the writes is a nuance for
// the inventory, not a finding).
func (c *checker) reportUnhandled(ep *endpoints.Endpoint, a assessment) {
	if len(a.unhandled) == 0 {
		return
	}
	// The body parse and the write to name, preferring the one reached through the fewest helpers (the
	// handler's own write rather than one inside its authentication helper).
	var body, write, first *op
	better := func(cur *op, o *op) *op {
		if cur == nil || len(o.via) < len(cur.via) {
			return o
		}
		return cur
	}
	for i := range a.unhandled {
		o := &a.unhandled[i]
		switch o.class {
		case classBody:
			body = better(body, o)
		case classWrite:
			write = better(write, o)
		}
		first = better(first, o)
	}
	// The operation to name when there is neither (reads, outbound requests): the endpoint's own query
	// rather than the lookups of the checks before it, i.e. the one the handler reaches last (umami's stats
	// query after its permission lookup).
	for i := range a.unhandled {
		o := &a.unhandled[i]
		if o.siteFile == nil || first.siteFile != o.siteFile {
			continue
		}
		if pos, cur := o.siteFile.Tree.Nodes[o.site].Start, first.siteFile.Tree.Nodes[first.site].Start; pos > cur || pos == cur && len(o.via) < len(first.via) {
			first = o
		}
	}
	primary := first
	switch {
	case body != nil:
		primary = body
	case write != nil:
		primary = write
	case a.handledHere:
		return
	}
	sev := rules.Note
	if write != nil {
		sev = rules.Warning
	}
	var msg string
	switch {
	case body != nil:
		place := "outside any try/catch"
		if body.rethrown {
			place = "inside a try whose catch always throws"
		}
		msg = fmt.Sprintf("%s parses the request body with '%s()'%s %s, so a malformed body answers 500 instead of 400%s.",
			endpointName(ep), body.callee, viaPhrase(body.via), place, alsoWrite(write))
	case ep.Kind == endpoints.ServerAction:
		msg = fmt.Sprintf("%s %s %s %s, so a failure reaches the caller as Next.js's generic production error that the form cannot tell from any other%s.",
			endpointName(ep), verb(primary), primary.phrase(), where(a, primary), more(a.unhandled))
	default:
		msg = fmt.Sprintf("%s %s %s %s, so a failure escapes as Next.js's bare 500 with no error body the client can act on%s.",
			endpointName(ep), verb(primary), primary.phrase(), where(a, primary), more(a.unhandled))
	}
	d := analyzers.NodeDiagnostic(rules.UnhandledError, ep.File, ep.Node, msg)
	d.Severity = sev
	d.Key = "unhandled:" + string(ep.Kind) + ":" + ep.Name + ":" + primary.callee
	seen := map[nodeKey]bool{}
	for _, o := range append([]op{*primary}, a.unhandled...) {
		k := nodeKey{o.file, o.node}
		if seen[k] || len(d.Related) == 3 {
			continue
		}
		seen[k] = true
		d.Related = append(d.Related, analyzers.NodeRelated(o.file, o.node, "unhandled: "+o.what))
	}
	c.pass.Report(d)
}

// verb says how the endpoint reaches the operation: it awaits it, or returns its promise.
func verb(o *op) string {
	if o.unawaited {
		return "returns"
	}
	return "awaits"
}

func where(a assessment, o *op) string {
	switch {
	case o.unawaited:
		return "without await from inside a try, whose catch therefore never sees it fail"
	case o.rethrown:
		return "inside a try whose catch always throws"
	case a.handledHere:
		return "outside the handler's try/catch"
	}
	return "with no try/catch or error-handling wrapper around it"
}

func viaPhrase(via []string) string {
	if len(via) == 0 {
		return ""
	}
	return " (via " + strings.Join(via, " → ") + ")"
}

func alsoWrite(w *op) string {
	if w == nil {
		return ""
	}
	return ", and " + w.phrase() + " is unhandled too"
}

func more(ops []op) string {
	n := len(ops) - 1
	switch {
	case n == 1:
		return " (1 more unhandled operation)"
	case n > 1:
		return fmt.Sprintf(" (%d more unhandled operations)", n)
	}
	return ""
}

// endpointName names an endpoint for messages: "POST /api/projects", "API route /api/upload", "Server
// Action 'createTodo'".
func endpointName(ep *endpoints.Endpoint) string {
	switch ep.Kind {
	case endpoints.ServerAction:
		return "Server Action '" + ep.Name + "'"
	case endpoints.PagesAPI:
		if len(ep.Methods) == 1 && ep.Methods[0] == "*" {
			return "API route " + ep.URLPath
		}
		return strings.Join(ep.Methods, ",") + " " + ep.URLPath
	}
	return strings.Join(ep.Methods, ",") + " " + ep.URLPath
}

// developmentOnly reports whether an endpoint does nothing in production: its handler (or the helper
// whose result it returns) begins with `if (IS_PRODUCTION) return …`.
func (c *checker) developmentOnly(ep *endpoints.Endpoint) bool {
	if !ep.Handler.Found() {
		return false
	}
	f, fn := ep.Handler.File, ep.Handler.Fn
	for depth := 0; depth < 3; depth++ {
		t := f.Tree
		body := f.Functions[fn].Body
		if t.Kind(body) != syntax.StatementBlock {
			return false
		}
		var first syntax.NodeID = syntax.None
		for _, s := range t.NamedChildren(body) {
			if t.Kind(s) != syntax.Comment {
				first = s
				break
			}
		}
		if first == syntax.None {
			return false
		}
		switch t.Kind(first) {
		case syntax.IfStatement:
			cons := t.ChildByField(first, syntax.FConsequence)
			if t.ChildByField(first, syntax.FAlternative) != syntax.None || !exits(t, cons) {
				return false
			}
			return c.e.ProductionOnly(f, t.ChildByField(first, syntax.FCondition))
		case syntax.ReturnStatement:
			// return await helper(request): look at the helper.
			x := t.Unparen(t.FirstNamedChild(first))
			if t.Kind(x) == syntax.AwaitExpression {
				x = t.Unparen(t.FirstNamedChild(x))
			}
			if t.Kind(x) != syntax.CallExpression {
				return false
			}
			o := c.e.OriginOf(f, t.ChildByField(x, syntax.FFunction))
			if o.Kind != summary.Func || len(o.Path) != 0 {
				return false
			}
			f, fn = o.File, o.Fn
		default:
			return false
		}
	}
	return false
}

// rendersJSX reports whether function fn of f returns JSX (a React component) on some path.
func rendersJSX(f *jsmodel.File, fn jsmodel.FuncID) bool {
	t := f.Tree
	body := f.Functions[fn].Body
	if t.Kind(body) != syntax.StatementBlock {
		k := t.Kind(t.Unparen(body))
		return k == syntax.JsxElement || k == syntax.JsxSelfClosingElement
	}
	found := false
	t.Walk(body, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration, syntax.MethodDefinition:
			return false
		case syntax.ReturnStatement:
			if k := t.Kind(t.Unparen(t.FirstNamedChild(x))); k == syntax.JsxElement || k == syntax.JsxSelfClosingElement {
				found = true
			}
		}
		return !found
	})
	return found
}

// sharedHandler returns, for a route endpoint whose handler function other methods of the same route
// file also export with the same unhandled operations, the methods of all of them in the model's order,
// and whether endpoint i is the first of them; for any other endpoint, its own methods and true.
func sharedHandler(eps []*endpoints.Endpoint, as []*assessment, i int) ([]string, bool) {
	ep := eps[i]
	if ep.Kind != endpoints.Route || !ep.Handler.Found() {
		return ep.Methods, true
	}
	var methods []string
	first := true
	for j, o := range eps {
		if o.Kind != endpoints.Route || o.File != ep.File || o.Handler.File != ep.Handler.File || o.Handler.Fn != ep.Handler.Fn ||
			as[j] == nil || !sameOps(as[i].unhandled, as[j].unhandled) {
			continue
		}
		if j < i {
			first = false
		}
		methods = append(methods, o.Methods...)
	}
	return methods, first
}

// sameOps reports whether two lists of unhandled operations name the same operations.
func sameOps(a, b []op) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k].file != b[k].file || a[k].node != b[k].node || a[k].class != b[k].class {
			return false
		}
	}
	return true
}
