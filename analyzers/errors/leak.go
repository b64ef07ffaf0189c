package errors

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/internal/endpoints"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
	"github.com/archlint/archlint/rules"
)

// Where error details reach the client (the sinks):
//
//   - a response body: `NextResponse.json(body)`, `Response.json(body)`, `new Response(body)`,
//     `new NextResponse(body)`, and Pages API `res.json/send/end/write(body)` (also after `res.status(…)`);
//   - a project helper whose parameter reaches such a body (`logAndRespond(message)`,
//     `errorhandler(err, res)`), however deep;
//   - a Server Action's return value, and the return value of a next-safe-action client's
//     handleServerError, which the client receives as serverError;
//   - zsa, whose actions return `{ message: err.message, data: JSON.stringify(err) }` for any thrown error
//     unless the procedure or action shapes errors (experimental_shapeError).
//
// Where a finding goes. Like the other rules, a problem that lives in a helper, a wrapper or an action
// client is reported on each endpoint it affects, with the helper's code as a related location: the
// endpoint is what a reviewer triages, suppresses or baselines, and a new endpoint built on a leaky
// helper shows up in the diff that adds it. So a finding is placed where the details are put into the
// response — the response construction, or the call of the helper that builds it (once per function
// and helper when the caller hands over the raw error and the helper extracts its message) — with the
// catch clause as a related location; a leak inside a wrapper is reported on each endpoint wrapped with
// it, at the wrapper call; a leaky action client (next-safe-action handleServerError, zsa without
// experimental_shapeError) is reported on each action built on it whose handler lets an operation's
// failure through.

// leakState holds the memo tables of the leak analysis.
type leakState struct {
	ret      map[retKey]*taint
	ident    map[identKey]*taint
	sink     map[retKey]*sinkHit
	reported map[nodeKey]bool
	muts     map[*jsmodel.File]map[string][]mutation
	// raises and helperRaises memoise tryRaisesInternal and helperRaises.
	raises       map[nodeKey]bool
	helperRaises map[fnKey]bool
	// wrapped indexes endpoints by their project wrappers; helperCalls are the functions already
	// reported for handing a raw error to a helper that extracts its details.
	wrapped     map[fnKey][]wrapUse
	helperCalls map[onceKey]bool
	// clients memoises serverErrorLeak.
	clients map[nodeKey]*serverErrorHit
	// perCatch are the (function, catch) pairs already reported.
	perCatch map[catchKey]bool
}

type nodeKey struct {
	f *jsmodel.File
	n syntax.NodeID
}

func newLeakState() *leakState {
	return &leakState{ret: map[retKey]*taint{}, ident: map[identKey]*taint{}, sink: map[retKey]*sinkHit{}, reported: map[nodeKey]bool{}, muts: map[*jsmodel.File]map[string][]mutation{}, raises: map[nodeKey]bool{}, helperRaises: map[fnKey]bool{}, helperCalls: map[onceKey]bool{}, clients: map[nodeKey]*serverErrorHit{}, perCatch: map[catchKey]bool{}}
}

// sinkHit is a response body reached by a helper's parameter.
type sinkHit struct {
	// file and node are the response construction; what names it ("NextResponse.json").
	file *jsmodel.File
	node syntax.NodeID
	what string
	// t is the taint that reaches it, relative to the helper's parameters.
	t *taint
}

var resName = regexp.MustCompile(`(?i)^(res|resp|response|reply|r)$`)

// sinkArg recognises a response construction and returns the expression that becomes its body.
func (c *checker) sinkArg(f *jsmodel.File, n syntax.NodeID) (body syntax.NodeID, what string, ok bool) {
	t := f.Tree
	switch t.Kind(n) {
	case syntax.NewExpression:
		ctor := t.Unparen(t.ChildByField(n, syntax.FConstructor))
		name := jsmodel.Chain(t, ctor)
		if name != "Response" && name != "NextResponse" {
			return syntax.None, "", false
		}
		if o := c.e.OriginOf(f, ctor); o.Kind != summary.Global && o.Kind != summary.External {
			return syntax.None, "", false
		}
		if args := callArgs(t, n); len(args) > 0 {
			return args[0], "new " + name + "(…)", true
		}
	case syntax.CallExpression:
		callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
		args := callArgs(t, n)
		if len(args) == 0 || t.Kind(callee) != syntax.MemberExpression {
			return syntax.None, "", false
		}
		chain := jsmodel.Chain(t, callee)
		if chain == "NextResponse.json" || chain == "Response.json" {
			return args[0], chain + "(…)", true
		}
		switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
		case "json", "send", "end", "write":
		default:
			return syntax.None, "", false
		}
		// Pages API: res.json(x), res.status(500).json(x), res.setHeader(…).send(x).
		obj := t.Unparen(t.ChildByField(callee, syntax.FObject))
		for t.Kind(obj) == syntax.CallExpression {
			m := t.Unparen(t.ChildByField(obj, syntax.FFunction))
			if t.Kind(m) != syntax.MemberExpression {
				return syntax.None, "", false
			}
			switch t.Text(t.ChildByField(m, syntax.FProperty)) {
			case "status", "setHeader", "header", "type", "set":
			default:
				return syntax.None, "", false
			}
			obj = t.Unparen(t.ChildByField(m, syntax.FObject))
		}
		if t.Kind(obj) != syntax.Identifier {
			return syntax.None, "", false
		}
		o := c.e.OriginOf(f, obj)
		if o.Kind != summary.Param || len(o.Path) > 0 || !resName.MatchString(t.Text(obj)) && o.Param != 1 {
			return syntax.None, "", false
		}
		return args[0], shortText(t.Text(callee)) + "(…)", true
	}
	return syntax.None, "", false
}

// leaks reports errors/leaks-error-details.
func (c *checker) leaks() {
	if !c.enabled(rules.LeaksErrorDetails) {
		return
	}
	c.leak.wrapped = c.wrappedEndpoints()
	p := c.pass.Project
	for _, path := range p.Paths() {
		f := p.Files[path]
		for i := range f.Calls {
			n := f.Calls[i].Node
			ctx := evalCtx{f: f, fn: jsmodel.NoFunc}
			if body, what, ok := c.sinkArg(f, n); ok {
				if v := c.eval(ctx, body, 0); v != nil && v.param < 0 {
					c.emitLeak(leakSite{f: f, n: n, v: v, key: "leak:" + enclosing(f, n) + ":" + what + ":" + v.desc,
						phrase: "the response built by " + what + " includes " + v.desc + fromPhrase(v)})
				}
				continue
			}
			if f.Calls[i].New {
				continue
			}
			h, ok := c.helperCallee(f, n)
			if !ok {
				continue
			}
			args, any := c.argTaints(ctx, callArgs(f.Tree, n), 0)
			if !any {
				continue
			}
			hit := c.helperSink(h, args, 0)
			if hit == nil {
				continue
			}
			v := rebase(hit.t, args)
			if v == nil || v.param >= 0 {
				continue
			}
			name := funcShortName(h.f, h.fn)
			what := shortText(jsmodel.Chain(f.Tree, f.Tree.ChildByField(n, syntax.FFunction))) + "(…)"
			built := analyzers.NodeRelated(hit.file, hit.node, "the response is built here")
			if raw := args[hit.t.param]; raw.kind == kindRaw {
				// The helper extracts the details from the raw error it is given: reported at the call,
				// once per function and helper (a Pages API handler calls errorhandler(e, res) in the
				// catch of each method).
				once := onceKey{fnKey{f, top(f, f.FuncAt(n))}, h}
				if c.leak.helperCalls[once] {
					continue
				}
				c.leak.helperCalls[once] = true
				built.Message = name + " puts " + hit.t.desc + " into the response here"
				c.emitLeak(leakSite{f: f, n: n, v: v, key: "leak:" + enclosing(f, n) + ":" + name + ":raw", related: []analyzers.Related{built},
					phrase: fmt.Sprintf("%s puts %s of %s into the response it builds (%s)", what, hit.t.desc, raw.desc, hit.what)})
				continue
			}
			arg := args[hit.t.param]
			c.emitLeak(leakSite{f: f, n: n, v: v, key: "leak:" + enclosing(f, n) + ":" + name + ":" + arg.desc, related: []analyzers.Related{built},
				phrase: "the response built by " + what + " includes " + arg.desc + fromPhrase(arg)})
		}
	}
	c.actionLeaks()
	c.safeActionLeaks()
	c.zsaLeaks()
}

// leakSite is one place where a caught error's details are put into a response body.
type leakSite struct {
	// f and n are the response construction, or the call of the helper that builds the response.
	f *jsmodel.File
	n syntax.NodeID
	// phrase says what happens, starting in lower case: "the response built by NextResponse.json(…)
	// includes error.message from the caught error".
	phrase  string
	v       *taint
	key     string
	related []analyzers.Related
}

// capitalize upper-cases a phrase's leading "the".
func capitalize(s string) string {
	if rest, ok := strings.CutPrefix(s, "the "); ok {
		return "The " + rest
	}
	return s
}

// onceKey is a top-level function and a helper it calls.
// catchKey is a function and the catch whose error it answers with.
type catchKey struct {
	fn  fnKey
	src nodeKey
}

type onceKey struct {
	top fnKey
	h   fnKey
}

// top returns the outermost function around function fn (NoFunc at module level).
func top(f *jsmodel.File, fn jsmodel.FuncID) jsmodel.FuncID {
	for i := 0; i < 64 && fn != jsmodel.NoFunc && f.Functions[fn].Parent != jsmodel.NoFunc; i++ {
		fn = f.Functions[fn].Parent
	}
	return fn
}

// wrapUse is an endpoint wrapped by a project wrapper, and the wrapper layer.
type wrapUse struct {
	ep *endpoints.Endpoint
	w  endpoints.Wrapper
}

// wrappedEndpoints indexes the endpoints by the project wrapper functions around their handlers.
func (c *checker) wrappedEndpoints() map[fnKey][]wrapUse {
	m := map[fnKey][]wrapUse{}
	for _, ep := range c.res.Model.Endpoints {
		for _, w := range ep.Handler.Wrappers {
			if w.Func.File == nil || w.Func.Fn == jsmodel.NoFunc || w.File == nil || w.Call == syntax.None {
				continue
			}
			k := fnKey{w.Func.File, w.Func.Fn}
			m[k] = append(m[k], wrapUse{ep, w})
		}
	}
	return m
}

// emitLeak reports a leak site. A site inside a wrapper that endpoints are wrapped with is reported on
// each of those endpoints, at the wrapper call, like every other rule reports what a wrapper or helper
// does on the endpoint it affects: the endpoint is what a reviewer triages, suppresses or baselines, and
// a new endpoint wrapped with the wrapper shows up in the diff that adds it. Elsewhere it is reported
// where the details go into the response.
func (c *checker) emitLeak(s leakSite) {
	for fn := s.f.FuncAt(s.n); fn != jsmodel.NoFunc; fn = s.f.Functions[fn].Parent {
		uses := c.leak.wrapped[fnKey{s.f, fn}]
		if len(uses) == 0 {
			continue
		}
		name := funcShortName(s.f, fn)
		for _, u := range uses {
			if c.machineCaller(u.ep) {
				continue
			}
			msg := fmt.Sprintf("%s is wrapped by %s, in which %s, which exposes internal details (database errors, file paths, stack traces) to the client.",
				endpointName(u.ep), u.w.Name, s.phrase)
			d := c.leakDiag(u.w.File, u.w.Call, msg, s.v, "leak:wrapper:"+string(u.ep.Kind)+":"+u.ep.Name+":"+name+":"+s.key)
			if d == nil {
				continue
			}
			d.Related = append(d.Related, analyzers.NodeRelated(s.f, s.n, "the wrapper puts the error's details into the response here"))
			d.Related = append(d.Related, s.related...)
			c.pass.Report(*d)
		}
		return
	}
	if ep := c.handlerAt(s.f, s.n); ep != nil && c.machineCaller(ep) {
		return
	}
	msg := capitalize(s.phrase) + ", which exposes internal details (database errors, file paths, stack traces) to the client."
	if d := c.leakDiag(s.f, s.n, msg, s.v, s.key); d != nil {
		d.Related = append(d.Related, s.related...)
		c.pass.Report(*d)
	}
}

func (c *checker) enabled(r *rules.Rule) bool {
	return c.pass.Enabled == nil || c.pass.Enabled(r)
}

func fromPhrase(v *taint) string {
	if strings.Contains(v.desc, "the caught error") {
		return ""
	}
	return " from the caught error"
}

// enclosing names the function around node n, for fingerprint keys.
func enclosing(f *jsmodel.File, n syntax.NodeID) string {
	fn := f.FuncAt(n)
	for fn != jsmodel.NoFunc && f.Functions[fn].Name == "" {
		fn = f.Functions[fn].Parent
	}
	if fn == jsmodel.NoFunc {
		return "<module>"
	}
	return f.Functions[fn].Name
}

func (c *checker) reportLeak(f *jsmodel.File, n syntax.NodeID, msg string, v *taint, key string) {
	if d := c.leakDiag(f, n, msg, v, key); d != nil {
		c.pass.Report(*d)
	}
}

// leakDiag builds a leak diagnostic at node n, once per node.
func (c *checker) leakDiag(f *jsmodel.File, n syntax.NodeID, msg string, v *taint, key string) *analyzers.Diagnostic {
	k := nodeKey{f, n}
	if c.leak.reported[k] {
		return nil
	}
	c.leak.reported[k] = true
	if v.srcFile != nil && v.src != syntax.None {
		// One finding per caught error and function: a catch that answers the same details from three
		// branches is one mistake.
		once := catchKey{fn: fnKey{f, f.FuncAt(n)}, src: nodeKey{v.srcFile, v.src}}
		if c.leak.perCatch[once] {
			return nil
		}
		c.leak.perCatch[once] = true
	}
	d := analyzers.NodeDiagnostic(rules.LeaksErrorDetails, f, n, msg)
	d.Key = key
	if v.srcFile != nil && v.src != syntax.None {
		d.Related = append(d.Related, analyzers.NodeRelated(v.srcFile, catchHead(v.srcFile, v.src), "the error is caught here"))
	}
	return &d
}

// catchHead narrows a catch clause to its first line (`catch (error)`), for related locations.
func catchHead(f *jsmodel.File, n syntax.NodeID) syntax.NodeID {
	t := f.Tree
	if t.Kind(n) == syntax.CatchClause {
		if p := t.ChildByField(n, syntax.FParameter); p != syntax.None {
			return p
		}
	}
	return n
}

const maxSinkDepth = 4

// helperSink returns the response body that one of helper h's parameters reaches when h is called with
// arguments of taints args, or nil.
func (c *checker) helperSink(h fnKey, args []*taint, depth int) *sinkHit {
	if depth > maxSinkDepth {
		return nil
	}
	k := retKey{h, sigOf(args)}
	if v, ok := c.leak.sink[k]; ok {
		return v
	}
	c.leak.sink[k] = nil
	var hit *sinkHit
	f := h.f
	t := f.Tree
	ctx := evalCtx{f: f, fn: h.fn, params: placeholders(h, args)}
	calls := callsOf(f, h.fn)
	for i := range calls {
		cl := &calls[i]
		if cl.Func == jsmodel.NoFunc || !c.ownedBy(f, cl.Func, h.fn) {
			continue
		}
		if body, what, ok := c.sinkArg(f, cl.Node); ok {
			if v := c.eval(ctx, body, 0); v != nil && v.param >= 0 {
				hit = &sinkHit{file: f, node: cl.Node, what: what, t: v}
				break
			}
			continue
		}
		if cl.New {
			continue
		}
		g, ok := c.helperCallee(f, cl.Node)
		if !ok || g == h {
			continue
		}
		gArgs, any := c.argTaints(ctx, callArgs(t, cl.Node), 0)
		if !any {
			continue
		}
		sub := c.helperSink(g, gArgs, depth+1)
		if sub == nil {
			continue
		}
		v := rebase(sub.t, gArgs)
		if v == nil || v.param < 0 {
			continue
		}
		hit = &sinkHit{file: sub.file, node: sub.node, what: sub.what, t: v}
		break
	}
	c.leak.sink[k] = hit
	return hit
}

// actionLeaks reports Server Actions that return a caught error's details.
func (c *checker) actionLeaks() {
	for _, ep := range c.res.Model.Endpoints {
		if ep.Kind != endpoints.ServerAction || !ep.Handler.Found() {
			continue
		}
		h := fnKey{ep.Handler.File, ep.Handler.Fn}
		ctx := evalCtx{f: h.f, fn: jsmodel.NoFunc}
		c.returns(h, func(arg syntax.NodeID) bool {
			v := c.eval(ctx, arg, 0)
			if v == nil || v.param >= 0 {
				return false
			}
			msg := fmt.Sprintf("Server Action '%s' returns %s%s to the client, which exposes internal details (database errors, file paths, stack traces).",
				ep.Name, v.desc, fromPhrase(v))
			c.reportLeak(h.f, arg, msg, v, "leak:action:"+ep.Name+":"+v.desc)
			return false
		})
	}
}

// safeActionLeaks reports the actions built on a next-safe-action client whose handleServerError returns
// an error's details: the client receives them as serverError when an operation of the action fails.
// next-safe-action's default handleServerError returns a fixed message, so a client without one does not
// leak. As with zsa, only actions with an operation whose failure the handler does not catch are
// reported (an action that throws only its own errors sends only the messages it wrote), each at the
// action, with the handler's return as a related location.
func (c *checker) safeActionLeaks() {
	for _, la := range c.leakingActions("next-safe-action") {
		ep, o, k := la.ep, la.op, la.client
		h := c.serverErrorLeak(k)
		if h == nil {
			continue
		}
		msg := fmt.Sprintf("Server Action '%s' is built on a next-safe-action client whose %s returns %s, so when %s fails the browser receives its internal message (database errors, library messages) as serverError.",
			ep.Name, h.option, h.desc, o.phrase())
		d := analyzers.NodeDiagnostic(rules.LeaksErrorDetails, ep.File, ep.Node, msg)
		d.Key = "leak:safe-action:" + ep.Name + ":" + h.option
		d.Related = append(d.Related,
			analyzers.NodeRelated(h.f, h.n, h.option+" returns the error's message here"),
			analyzers.NodeRelated(o.file, o.node, "unhandled: "+o.what))
		c.pass.Report(d)
	}
}

// leakingOp returns the first operation of an action's handler whose failure reaches the action
// client with the original error: one the handler does not catch, or catches in a catch that throws the
// error (or a new error carrying its details) on. A catch that throws an error of its own, with a message
// it wrote, sends only that message.
func (c *checker) leakingOp(ep *endpoints.Endpoint) *op {
	es := c.escapes(ep.Handler.File, ep.Handler.Fn)
	for i := range es.ops {
		o := &es.ops[i]
		if !o.rethrown || c.rethrowsDetails(o.siteFile, o.site) {
			return o
		}
	}
	return nil
}

// rethrowsDetails reports whether the nearest try around node n, whose catch always throws, throws a
// value that carries the caught error's details.
func (c *checker) rethrowsDetails(f *jsmodel.File, n syntax.NodeID) bool {
	if f == nil || n == syntax.None {
		return true
	}
	t := f.Tree
	cur := n
	for p := t.Parent(cur); p != syntax.None; cur, p = p, t.Parent(p) {
		if t.Kind(p) != syntax.TryStatement || t.Nodes[cur].Field != syntax.FBody {
			continue
		}
		clause := t.ChildByField(p, syntax.FHandler)
		if clause == syntax.None {
			continue
		}
		ctx := evalCtx{f: f, fn: jsmodel.NoFunc}
		found := false
		t.Walk(t.ChildByField(clause, syntax.FBody), func(x syntax.NodeID) bool {
			if found {
				return false
			}
			switch t.Kind(x) {
			case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration, syntax.MethodDefinition:
				return false
			case syntax.ThrowStatement:
				arg := t.Unparen(t.FirstNamedChild(x))
				if t.Kind(arg) == syntax.NewExpression {
					if args := callArgs(t, arg); len(args) > 0 {
						arg = args[0]
					} else {
						return false
					}
				}
				found = c.eval(ctx, arg, 0) != nil
				return false
			}
			return true
		})
		return found
	}
	return true
}

// serverErrorHit is a handleServerError that returns an error's details.
type serverErrorHit struct {
	option, desc string
	f            *jsmodel.File
	n            syntax.NodeID
}

// serverErrorLeak returns where the handleServerError (or, before next-safe-action v7,
// handleReturnedServerError) option of the createSafeActionClient call k returns the error's details,
// or nil.
func (c *checker) serverErrorLeak(k nodeKey) *serverErrorHit {
	if h, ok := c.leak.clients[k]; ok {
		return h
	}
	c.leak.clients[k] = nil
	f, t := k.f, k.f.Tree
	args := callArgs(t, k.n)
	if len(args) == 0 || t.Kind(t.Unparen(args[0])) != syntax.Object {
		return nil
	}
	var hit *serverErrorHit
	for prop := t.FirstChild(t.Unparen(args[0])); prop != syntax.None && hit == nil; prop = t.NextSibling(prop) {
		name, fn := c.optionFunc(f, prop)
		if name != "handleServerError" && name != "handleReturnedServerError" || fn.f == nil {
			continue
		}
		raw := &taint{kind: kindRaw, desc: "the error", srcFile: fn.f, src: fn.f.Functions[fn.fn].Node, param: 0}
		ctx := evalCtx{f: fn.f, fn: fn.fn, params: map[int]*taint{0: raw}}
		c.returns(fn, func(arg syntax.NodeID) bool {
			v := c.eval(ctx, arg, 0)
			if v == nil || v.param != 0 {
				return false
			}
			hit = &serverErrorHit{option: name, desc: v.desc, f: fn.f, n: arg}
			return true
		})
	}
	c.leak.clients[k] = hit
	return hit
}

// optionFunc returns the name and function of an option property (`handleServerError: (e) => …`,
// `handleServerError(e) { … }`, `handleServerError: onError`).
func (c *checker) optionFunc(f *jsmodel.File, prop syntax.NodeID) (string, fnKey) {
	t := f.Tree
	switch t.Kind(prop) {
	case syntax.Pair:
		key := t.ChildByField(prop, syntax.FKey)
		name, ok := t.StringValue(key)
		if !ok {
			name = t.Text(key)
		}
		val := t.Unparen(t.ChildByField(prop, syntax.FValue))
		if fn := f.FuncOf(val); fn != jsmodel.NoFunc {
			return name, fnKey{f, fn}
		}
		if o := c.e.OriginOf(f, val); o.Kind == summary.Func && len(o.Path) == 0 && o.File != nil {
			return name, fnKey{o.File, o.Fn}
		}
		return name, fnKey{}
	case syntax.MethodDefinition:
		if fn := f.FuncOf(prop); fn != jsmodel.NoFunc {
			return t.Text(t.ChildByField(prop, syntax.FName)), fnKey{f, fn}
		}
	case syntax.ShorthandPropertyIdentifier:
		if o := c.e.OriginOf(f, prop); o.Kind == summary.Func && len(o.Path) == 0 && o.File != nil {
			return t.Text(prop), fnKey{o.File, o.Fn}
		}
	}
	return "", fnKey{}
}

// zsaLeaks reports the zsa actions built without experimental_shapeError (on the action or a procedure
// it is built on): zsa then returns a thrown error's message and JSON.stringify(error) to the client.
// Only actions with an operation whose failure the handler does not catch are reported, each at the
// action, with the nearest zsa call it is built from (the procedure's createServerActionProcedure, or
// the action's own createServerAction) as a related location.
func (c *checker) zsaLeaks() {
	for _, la := range c.leakingActions("zsa") {
		ep, o, k := la.ep, la.op, la.client
		if la.shaped {
			continue
		}
		msg := fmt.Sprintf("Server Action '%s' is built on a zsa procedure that shapes no errors (no experimental_shapeError), so when %s fails zsa returns the error's message and JSON.stringify(error) to the client.",
			ep.Name, o.phrase())
		d := analyzers.NodeDiagnostic(rules.LeaksErrorDetails, ep.File, ep.Node, msg)
		d.Key = "leak:zsa:" + ep.Name
		d.Related = append(d.Related,
			analyzers.NodeRelated(k.f, k.n, "built from this zsa call, which sets no experimental_shapeError"),
			analyzers.NodeRelated(o.file, o.node, "unhandled: "+o.what))
		c.pass.Report(d)
	}
}

// leakingAction is a Server Action built on an action client of a library, with an operation whose
// failure reaches the client.
type leakingAction struct {
	ep     *endpoints.Endpoint
	op     *op
	client nodeKey
	// shaped is set when the client chain shapes its errors (zsa's experimental_shapeError).
	shaped bool
}

// leakingActions returns the Server Actions built on a client of library pkg whose handler lets an
// operation's failure through, with the client call they are built from.
func (c *checker) leakingActions(pkg string) []leakingAction {
	var out []leakingAction
	for _, ep := range c.res.Model.Endpoints {
		if ep.Kind != endpoints.ServerAction || c.actionLibrary(ep) != pkg || !ep.Handler.Found() {
			continue
		}
		o := c.leakingOp(ep)
		if o == nil {
			continue
		}
		f, call := c.builderCall(ep)
		if call == syntax.None {
			continue
		}
		k, shaped := c.clientRoot(f, f.Tree.ChildByField(call, syntax.FFunction), pkg, 0)
		if k.f == nil {
			continue
		}
		out = append(out, leakingAction{ep: ep, op: o, client: k, shaped: shaped})
	}
	return out
}

// builderCall returns the call that receives an action's handler (`….handler(fn)`, `….action(fn)`).
func (c *checker) builderCall(ep *endpoints.Endpoint) (*jsmodel.File, syntax.NodeID) {
	h := ep.Handler
	if h.Found() {
		t := h.File.Tree
		p := t.Parent(h.File.Functions[h.Fn].Node)
		for t.Kind(p) == syntax.ParenthesizedExpression {
			p = t.Parent(p)
		}
		if t.Kind(p) == syntax.Arguments {
			return h.File, t.Parent(p)
		}
	}
	if ex := ep.File.Export(ep.Name); ex != nil && ex.Value != syntax.None {
		if v := ep.File.Tree.Unparen(ex.Value); ep.File.Tree.Kind(v) == syntax.CallExpression {
			return ep.File, v
		}
	}
	return nil, syntax.None
}

// clientRoot walks an action builder chain backwards (through variables and imports) to the nearest call
// of an export of package pkg: zsa's createServerAction() or createServerActionProcedure(parent),
// next-safe-action's createSafeActionClient(options). shaped reports a zsa experimental_shapeError on
// the way or in a parent procedure.
func (c *checker) clientRoot(f *jsmodel.File, n syntax.NodeID, pkg string, depth int) (nodeKey, bool) {
	if depth > 16 || n == syntax.None {
		return nodeKey{}, false
	}
	t := f.Tree
	n = t.Unparen(n)
	switch t.Kind(n) {
	case syntax.MemberExpression:
		if strings.Contains(t.Text(t.ChildByField(n, syntax.FProperty)), "shapeError") {
			return nodeKey{}, true
		}
		return c.clientRoot(f, t.ChildByField(n, syntax.FObject), pkg, depth+1)
	case syntax.CallExpression:
		callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
		if t.Kind(callee) == syntax.MemberExpression {
			return c.clientRoot(f, callee, pkg, depth+1)
		}
		o := c.e.OriginOf(f, callee)
		if o.Kind != summary.External || o.Pkg != pkg || len(o.Path) > 0 {
			return nodeKey{}, false
		}
		for _, a := range callArgs(t, n) {
			if _, shaped := c.clientRoot(f, a, pkg, depth+1); shaped {
				return nodeKey{}, true
			}
		}
		return nodeKey{f, n}, false
	case syntax.Identifier:
		name := t.Text(n)
		for _, d := range f.Defs(name, n) {
			if (d.Kind == jsmodel.DefVar || d.Kind == jsmodel.DefAssign) && d.Value != syntax.None && !d.Destructured {
				return c.clientRoot(f, d.Value, pkg, depth+1)
			}
			if d.Kind != jsmodel.DefModule {
				return nodeKey{}, false
			}
		}
		sym := c.res.Graph.Local(f, name)
		if sym.File == nil {
			return nodeKey{}, false
		}
		if sym.Expr != syntax.None {
			return c.clientRoot(sym.File, sym.Expr, pkg, depth+1)
		}
		if b, ok := sym.File.Bindings[sym.Name]; ok && b.Init != syntax.None && !b.Destructured {
			return c.clientRoot(sym.File, b.Init, pkg, depth+1)
		}
	}
	return nodeKey{}, false
}

// machineCaller reports whether only a verified machine calls the endpoint (a signed webhook or job
// queue, a secret-checked cron, an allowlisted network): the error details go to that service's logs, not
// to a user.
func (c *checker) machineCaller(ep *endpoints.Endpoint) bool {
	for i, e := range c.res.Model.Endpoints {
		if e != ep {
			continue
		}
		ev := c.res.Auth[i].Evidence
		if ev == nil {
			return false
		}
		switch ev.Kind {
		case summary.KindWebhook, summary.KindSecret, summary.KindCaller, summary.KindNetwork:
			return true
		}
		return false
	}
	return false
}

// handlerAt returns the endpoint whose handler function contains node n of f, or nil.
func (c *checker) handlerAt(f *jsmodel.File, n syntax.NodeID) *endpoints.Endpoint {
	for fn := f.FuncAt(n); fn != jsmodel.NoFunc; fn = f.Functions[fn].Parent {
		for _, ep := range c.res.Model.Endpoints {
			if ep.Handler.File == f && ep.Handler.Fn == fn {
				return ep
			}
		}
	}
	return nil
}
