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
// A finding is reported where the details are put into the response — the response construction, or
// the call of the helper that builds it when the caller extracted them — with the catch clause as a
// related location. When a caller passes the raw error and the helper extracts its message, the helper
// is at fault and is reported once, whatever the number of callers.

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
}

type nodeKey struct {
	f *jsmodel.File
	n syntax.NodeID
}

func newLeakState() *leakState {
	return &leakState{ret: map[retKey]*taint{}, ident: map[identKey]*taint{}, sink: map[retKey]*sinkHit{}, reported: map[nodeKey]bool{}, muts: map[*jsmodel.File]map[string][]mutation{}, raises: map[nodeKey]bool{}, helperRaises: map[fnKey]bool{}}
}

// sinkHit is a response body reached by a helper's parameter.
type sinkHit struct {
	// file and node are the response construction; what names it ("NextResponse.json").
	file *jsmodel.File
	node syntax.NodeID
	what string
	// at is where the finding belongs when the caller passes the raw error: the response construction,
	// or the call of a deeper helper to which this one passes extracted details.
	atFile *jsmodel.File
	at     syntax.NodeID
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
	p := c.pass.Project
	for _, path := range p.Paths() {
		f := p.Files[path]
		for i := range f.Calls {
			n := f.Calls[i].Node
			ctx := evalCtx{f: f, fn: jsmodel.NoFunc}
			if body, what, ok := c.sinkArg(f, n); ok {
				if v := c.eval(ctx, body, 0); v != nil && v.param < 0 {
					c.reportLeak(f, n, fmt.Sprintf("The response built by %s includes %s%s, which exposes internal details (database errors, file paths, stack traces) to the client.",
						what, v.desc, fromPhrase(v)), v, "leak:"+enclosing(f, n)+":"+what+":"+v.desc)
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
			if raw := args[hit.t.param]; raw.kind == kindRaw {
				// The helper extracts the details from the raw error its callers pass: report it once.
				msg := fmt.Sprintf("%s puts %s of the error its callers pass into the response (%s), which exposes internal details (database errors, file paths, stack traces) to the client.",
					name, hit.t.desc, hit.what)
				d := c.leakDiag(hit.atFile, hit.at, msg, v, "leak:"+name+":"+hit.what+":"+hit.t.desc)
				if d != nil {
					d.Related = append(d.Related, analyzers.NodeRelated(f, n, "called with the caught error here"))
					c.pass.Report(*d)
				}
				continue
			}
			arg := args[hit.t.param]
			msg := fmt.Sprintf("The response built by %s includes %s%s, which exposes internal details (database errors, file paths, stack traces) to the client.",
				shortText(jsmodel.Chain(f.Tree, f.Tree.ChildByField(n, syntax.FFunction)))+"(…)", arg.desc, fromPhrase(arg))
			d := c.leakDiag(f, n, msg, v, "leak:"+enclosing(f, n)+":"+name+":"+arg.desc)
			if d != nil {
				d.Related = append(d.Related, analyzers.NodeRelated(hit.file, hit.node, "the response is built here"))
				c.pass.Report(*d)
			}
		}
	}
	c.actionLeaks()
	c.safeActionLeaks()
	c.zsaLeaks()
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
				hit = &sinkHit{file: f, node: cl.Node, what: what, atFile: f, at: cl.Node, t: v}
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
		at, atFile := cl.Node, f
		if gArgs[sub.t.param].kind == kindRaw {
			at, atFile = sub.at, sub.atFile
		}
		hit = &sinkHit{file: sub.file, node: sub.node, what: sub.what, atFile: atFile, at: at, t: v}
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

// safeActionLeaks reports next-safe-action clients whose handleServerError returns an error's details:
// the client receives them as serverError for every action built on the client.
func (c *checker) safeActionLeaks() {
	p := c.pass.Project
	for _, path := range p.Paths() {
		f := p.Files[path]
		t := f.Tree
		for i := range f.Calls {
			cl := &f.Calls[i]
			if cl.Last() != "createSafeActionClient" {
				continue
			}
			if o := c.e.OriginOf(f, t.ChildByField(cl.Node, syntax.FFunction)); o.Kind != summary.External || o.Pkg != "next-safe-action" {
				continue
			}
			args := f.ArgList(cl)
			if len(args) == 0 || t.Kind(t.Unparen(args[0])) != syntax.Object {
				continue
			}
			for prop := t.FirstChild(t.Unparen(args[0])); prop != syntax.None; prop = t.NextSibling(prop) {
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
					msg := fmt.Sprintf("%s of this next-safe-action client returns %s, so every action built on the client sends internal error messages (database errors, library messages) to the browser as serverError.",
						name, v.desc)
					if d := c.leakDiag(fn.f, arg, msg, &taint{src: syntax.None}, "leak:"+name+":"+v.desc); d != nil {
						d.Related = append(d.Related, analyzers.NodeRelated(f, cl.Node, "the client is created here"))
						c.pass.Report(*d)
					}
					return true
				})
			}
		}
	}
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

// zsaLeaks reports zsa procedures and actions that do not shape errors: zsa then returns a thrown
// error's message and JSON.stringify(error) to the client. The finding is placed on the nearest zsa
// call the action is built from (the procedure's createServerActionProcedure, or the action's own
// createServerAction), once per such call.
func (c *checker) zsaLeaks() {
	type root struct {
		action string
		op     op
	}
	first := map[nodeKey]root{}
	var order []nodeKey
	for _, ep := range c.res.Model.Endpoints {
		if ep.Kind != endpoints.ServerAction || c.actionLibrary(ep) != "zsa" || !ep.Handler.Found() {
			continue
		}
		// Only failures the handler does not catch itself reach zsa's default error shape.
		es := c.escapes(ep.Handler.File, ep.Handler.Fn)
		if len(es.ops) == 0 {
			continue
		}
		f, call := c.builderCall(ep)
		if call == syntax.None {
			continue
		}
		k, shaped := c.zsaRoot(f, f.Tree.ChildByField(call, syntax.FFunction), 0)
		if shaped || k.f == nil {
			continue
		}
		if _, ok := first[k]; !ok {
			first[k] = root{ep.Name, es.ops[0]}
			order = append(order, k)
		}
	}
	for _, k := range order {
		r := first[k]
		msg := fmt.Sprintf("This zsa procedure shapes no errors (no experimental_shapeError), so when %s fails in an action built on it, such as '%s', zsa returns the error's message and JSON.stringify(error) to the client.", r.op.phrase(), r.action)
		d := analyzers.NodeDiagnostic(rules.LeaksErrorDetails, k.f, k.n, msg)
		d.Key = "leak:zsa:" + shortText(k.f.Tree.Text(k.f.Tree.ChildByField(k.n, syntax.FFunction)))
		d.Related = append(d.Related, analyzers.NodeRelated(r.op.file, r.op.node, "unhandled: "+r.op.what))
		c.pass.Report(d)
	}
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

// zsaRoot walks a zsa builder chain backwards (through variables and imports) to the nearest call of a
// zsa export (createServerAction(), createServerActionProcedure(parent)); shaped reports an
// experimental_shapeError on the way or in a parent procedure.
func (c *checker) zsaRoot(f *jsmodel.File, n syntax.NodeID, depth int) (nodeKey, bool) {
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
		return c.zsaRoot(f, t.ChildByField(n, syntax.FObject), depth+1)
	case syntax.CallExpression:
		callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
		if t.Kind(callee) == syntax.MemberExpression {
			return c.zsaRoot(f, callee, depth+1)
		}
		o := c.e.OriginOf(f, callee)
		if o.Kind != summary.External || o.Pkg != "zsa" || len(o.Path) > 0 {
			return nodeKey{}, false
		}
		for _, a := range callArgs(t, n) {
			if _, shaped := c.zsaRoot(f, a, depth+1); shaped {
				return nodeKey{}, true
			}
		}
		return nodeKey{f, n}, false
	case syntax.Identifier:
		name := t.Text(n)
		for _, d := range f.Defs(name, n) {
			if (d.Kind == jsmodel.DefVar || d.Kind == jsmodel.DefAssign) && d.Value != syntax.None && !d.Destructured {
				return c.zsaRoot(f, d.Value, depth+1)
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
			return c.zsaRoot(sym.File, sym.Expr, depth+1)
		}
		if b, ok := sym.File.Bindings[sym.Name]; ok && b.Init != syntax.None && !b.Destructured {
			return c.zsaRoot(sym.File, b.Init, depth+1)
		}
	}
	return nodeKey{}, false
}
