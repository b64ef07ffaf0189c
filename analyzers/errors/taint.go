package errors

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// Error details as a value that flows, as this file models it.
//
// A caught error (a catch clause's parameter, the parameter of a `.catch(…)` callback, the error a
// next-safe-action client hands its handleServerError) is "raw". Reading its message, stack, cause, meta
// (Prisma), response (axios) or details, converting it to a string (String(e), `${e}`, e.toString(),
// JSON.stringify(e)) or serialising it (serialize-error) extracts its details: the result "carries" them,
// and so does anything built from it — a template, a concatenation, `a || b`, a ternary, an object or array
// literal (property by property), a variable, a destructuring, the return value of a project helper. Its
// name, code and status do not carry details.
//
// Extraction is deliberate, and not a leak, where the code has first narrowed the error to a kind whose
// message is meant for users: a branch taken only for `e instanceof ZodError`, for a project-defined error
// class (`e instanceof DubApiError`), for `e.name === "…"` / `e.code === "…"` comparisons or an
// `isXError(e)` guard — but not for `e instanceof Error` or a library's own error classes (Prisma, axios,
// Stripe), whose messages are internal. A branch taken only in development (`process.env.NODE_ENV ===
// "development"`, `isDev`) is not a leak either.

type taintKind uint8

const (
	// kindRaw: the error object itself.
	kindRaw taintKind = iota + 1
	// kindMsg: a value carrying the error's details (its message, a string built from it).
	kindMsg
	// kindObj: an object or array some of whose properties carry them.
	kindObj
)

// taint describes a value that carries a caught error's details.
type taint struct {
	kind taintKind
	// props are the tainted properties of a kindObj value; "" stands for every property.
	props map[string]*taint
	// desc names what carries the details, as written: "error.message", "the caught error 'e'".
	desc string
	// srcFile and src are where the error was caught (a catch clause, a .catch callback, the
	// handleServerError function); param is ≥ 0 instead when the value derives from parameter param of
	// the function being evaluated (helper summaries are computed relative to their parameters).
	srcFile *jsmodel.File
	src     syntax.NodeID
	param   int
}

func (t *taint) derive(kind taintKind, desc string) *taint {
	c := *t
	c.kind, c.desc, c.props = kind, desc, nil
	return &c
}

// sig is a taint's shape, for memo keys.
func (t *taint) sig() string {
	if t == nil {
		return "-"
	}
	s := strconv.Itoa(int(t.kind))
	if len(t.props) > 0 {
		keys := make([]string, 0, len(t.props))
		for k := range t.props {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s += "," + k + "=" + strconv.Itoa(int(t.props[k].kind))
		}
	}
	return s
}

// rebase maps a taint computed relative to a helper's parameters back to the caller's values.
func rebase(t *taint, args []*taint) *taint {
	if t == nil || t.param < 0 {
		return t
	}
	if t.param >= len(args) || args[t.param] == nil {
		return nil
	}
	a := args[t.param]
	c := *t
	c.param, c.srcFile, c.src = a.param, a.srcFile, a.src
	return &c
}

// evalCtx is where an expression is evaluated: its file, and, for helper summaries, the function whose
// parameters carry taints.
type evalCtx struct {
	f      *jsmodel.File
	fn     jsmodel.FuncID
	params map[int]*taint
}

const maxEvalDepth = 14

// leakProps are the properties of an error that carry its details.
var leakProps = map[string]bool{"message": true, "stack": true, "cause": true, "meta": true, "response": true,
	"details": true, "detail": true, "sqlMessage": true, "sql": true, "errors": true, "originalError": true}

// stringPredicates are methods whose result says something about a string without carrying it.
var stringPredicates = map[string]bool{"includes": true, "startsWith": true, "endsWith": true, "indexOf": true,
	"lastIndexOf": true, "test": true, "hasOwnProperty": true, "some": true, "every": true, "localeCompare": true}

// eval returns the taint of expression n, or nil when it carries no error details.
func (c *checker) eval(ctx evalCtx, n syntax.NodeID, depth int) *taint {
	if n == syntax.None || depth > maxEvalDepth {
		return nil
	}
	t := ctx.f.Tree
	n = t.Unparen(n)
	switch t.Kind(n) {
	case syntax.Identifier, syntax.ShorthandPropertyIdentifier:
		return c.identTaint(ctx, n, depth)
	case syntax.MemberExpression:
		base := c.eval(ctx, t.ChildByField(n, syntax.FObject), depth+1)
		return c.member(ctx, base, t.Text(t.ChildByField(n, syntax.FProperty)), n, depth)
	case syntax.SubscriptExpression:
		base := c.eval(ctx, t.ChildByField(n, syntax.FObject), depth+1)
		if base == nil {
			return nil
		}
		if key, ok := t.StringValue(t.ChildByField(n, syntax.FIndex)); ok {
			return c.member(ctx, base, key, n, depth)
		}
		if base.kind == kindObj {
			return base.props[""]
		}
		if base.kind == kindMsg {
			return base
		}
		return nil
	case syntax.AwaitExpression:
		return c.eval(ctx, t.FirstNamedChild(n), depth+1)
	case syntax.CallExpression:
		return c.callTaint(ctx, n, depth)
	case syntax.TemplateString:
		for s := t.FirstChild(n); s != syntax.None; s = t.NextSibling(s) {
			if t.Kind(s) != syntax.TemplateSubstitution {
				continue
			}
			if v := c.eval(ctx, t.FirstNamedChild(s), depth+1); v != nil {
				return c.stringify(ctx, v, n, shortText(t.Text(n)), depth)
			}
		}
	case syntax.BinaryExpression:
		l, r := t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)
		switch t.Text(t.ChildByField(n, syntax.FOperator)) {
		case "+":
			for _, side := range []syntax.NodeID{l, r} {
				if v := c.eval(ctx, side, depth+1); v != nil {
					return c.stringify(ctx, v, n, shortText(t.Text(n)), depth)
				}
			}
		case "||", "??":
			if v := c.eval(ctx, l, depth+1); v != nil {
				return v
			}
			return c.eval(ctx, r, depth+1)
		case "&&":
			return c.eval(ctx, r, depth+1)
		}
	case syntax.TernaryExpression:
		if v := c.eval(ctx, t.ChildByField(n, syntax.FConsequence), depth+1); v != nil {
			return v
		}
		return c.eval(ctx, t.ChildByField(n, syntax.FAlternative), depth+1)
	case syntax.SequenceExpression:
		kids := t.NamedChildren(n)
		if len(kids) > 0 {
			return c.eval(ctx, kids[len(kids)-1], depth+1)
		}
	case syntax.AssignmentExpression:
		return c.eval(ctx, t.ChildByField(n, syntax.FRight), depth+1)
	case syntax.Object:
		return c.objectTaint(ctx, n, depth)
	case syntax.Array:
		for _, el := range t.NamedChildren(n) {
			if t.Kind(el) == syntax.SpreadElement {
				el = t.FirstNamedChild(el)
			}
			if v := c.eval(ctx, el, depth+1); v != nil {
				o := v.derive(kindObj, v.desc)
				o.props = map[string]*taint{"": v}
				return o
			}
		}
	}
	return nil
}

// member is the taint of property prop of a value with taint base, read at node n.
func (c *checker) member(ctx evalCtx, base *taint, prop string, n syntax.NodeID, depth int) *taint {
	if base == nil {
		return nil
	}
	switch base.kind {
	case kindRaw:
		if !leakProps[prop] || c.deliberate(ctx, n, depth) {
			return nil
		}
		return base.derive(kindMsg, shortText(ctx.f.Tree.Text(n)))
	case kindMsg:
		if prop == "length" {
			return nil
		}
		return base
	case kindObj:
		if v := base.props[prop]; v != nil {
			return v
		}
		return base.props[""]
	}
	return nil
}

// stringify is the taint of a string built from a value with taint v at node n (a template, a
// concatenation, String(v)): the raw error's details are extracted there.
func (c *checker) stringify(ctx evalCtx, v *taint, n syntax.NodeID, desc string, depth int) *taint {
	if v.kind == kindRaw && c.deliberate(ctx, n, depth) {
		return nil
	}
	return v.derive(kindMsg, desc)
}

func (c *checker) objectTaint(ctx evalCtx, n syntax.NodeID, depth int) *taint {
	t := ctx.f.Tree
	var props map[string]*taint
	var first *taint
	add := func(k string, v *taint) {
		if v == nil {
			return
		}
		if props == nil {
			props = map[string]*taint{}
		}
		props[k] = v
		if first == nil {
			first = v
		}
	}
	for p := t.FirstChild(n); p != syntax.None; p = t.NextSibling(p) {
		switch t.Kind(p) {
		case syntax.Pair:
			key := t.ChildByField(p, syntax.FKey)
			k, ok := t.StringValue(key)
			if !ok {
				k = t.Text(key)
			}
			add(k, c.eval(ctx, t.ChildByField(p, syntax.FValue), depth+1))
		case syntax.ShorthandPropertyIdentifier:
			add(t.Text(p), c.eval(ctx, p, depth+1))
		case syntax.SpreadElement:
			v := c.eval(ctx, t.FirstNamedChild(p), depth+1)
			if v == nil {
				continue
			}
			switch v.kind {
			case kindObj:
				for k, pv := range v.props {
					add(k, pv)
				}
			case kindRaw:
				// Spreading an error copies its own enumerable properties: Prisma's code, meta and
				// clientVersion, an axios error's config and response.
				if !c.deliberate(ctx, p, depth) {
					add("", v.derive(kindMsg, "the properties of "+v.desc+" (spread)"))
				}
			}
		}
	}
	if first == nil {
		return nil
	}
	o := first.derive(kindObj, first.desc)
	o.props = props
	return o
}

// callTaint is the taint of a call's result.
func (c *checker) callTaint(ctx evalCtx, n syntax.NodeID, depth int) *taint {
	t := ctx.f.Tree
	callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
	args := callArgs(t, n)
	last := lastName(t, callee)
	if t.Kind(callee) == syntax.MemberExpression {
		if obj := c.eval(ctx, t.ChildByField(callee, syntax.FObject), depth+1); obj != nil {
			switch {
			case stringPredicates[last]:
				return nil
			case obj.kind == kindRaw:
				if last == "toString" || last == "toJSON" {
					return c.stringify(ctx, obj, n, shortText(t.Text(n)), depth)
				}
				return nil
			}
			return obj.derive(kindMsg, shortText(t.Text(n)))
		}
	}
	switch jsmodel.Chain(t, callee) {
	case "String", "JSON.stringify", "util.inspect", "inspect", "util.format", "format":
		if len(args) > 0 {
			if v := c.eval(ctx, args[0], depth+1); v != nil {
				return c.stringify(ctx, v, n, shortText(t.Text(n)), depth)
			}
		}
		return nil
	case "Object.assign":
		for _, a := range args {
			if v := c.eval(ctx, a, depth+1); v != nil {
				return v
			}
		}
		return nil
	}
	o := c.e.OriginOf(ctx.f, callee)
	switch o.Kind {
	case summary.External:
		if o.Pkg == "serialize-error" && len(args) > 0 {
			if v := c.eval(ctx, args[0], depth+1); v != nil && !c.deliberate(ctx, n, depth) {
				s := v.derive(kindObj, shortText(t.Text(n)))
				s.props = map[string]*taint{"": v.derive(kindMsg, shortText(t.Text(n)))}
				return s
			}
		}
	case summary.Func:
		if len(o.Path) > 0 || o.File == nil {
			return nil
		}
		argT, any := c.argTaints(ctx, args, depth)
		h := fnKey{o.File, o.Fn}
		r := c.returnTaint(h, argT, depth)
		if r == nil {
			return nil
		}
		if r.param < 0 || any {
			inner := r.desc
			if r.param >= 0 && r.param < len(argT) && argT[r.param] != nil {
				inner = argT[r.param].desc // the caller's words, not the helper's parameter name
			}
			r = rebase(r, argT)
			if r != nil && !strings.Contains(inner, "returned by") {
				props := r.props
				r = r.derive(r.kind, "the value returned by "+shortText(t.Text(n))+" ("+inner+")")
				r.props = props
			}
			return r
		}
	}
	return nil
}

// argTaints evaluates a call's arguments; any reports whether one is tainted.
func (c *checker) argTaints(ctx evalCtx, args []syntax.NodeID, depth int) ([]*taint, bool) {
	out := make([]*taint, len(args))
	any := false
	for i, a := range args {
		out[i] = c.eval(ctx, a, depth+1)
		any = any || out[i] != nil
	}
	return out, any
}

// placeholders are helper h's parameters as taints relative to themselves, with the shapes of args and
// the parameters' names as descriptions (the callers' own descriptions would leak into the memo tables).
func placeholders(h fnKey, args []*taint) map[int]*taint {
	out := map[int]*taint{}
	params := h.f.Functions[h.fn].Params
	for i, a := range args {
		if a == nil {
			continue
		}
		p := relabel(a, i, 0)
		p.desc = "argument " + strconv.Itoa(i+1)
		if i < len(params) && params[i].Name != "" {
			p.desc = "'" + params[i].Name + "'"
		}
		out[i] = p
	}
	return out
}

// relabel copies a taint (and the taints of its properties) as deriving from parameter i.
func relabel(a *taint, i, depth int) *taint {
	p := *a
	p.param, p.srcFile, p.src = i, nil, syntax.None
	if len(a.props) > 0 && depth < 4 {
		p.props = make(map[string]*taint, len(a.props))
		for k, v := range a.props {
			p.props[k] = relabel(v, i, depth+1)
		}
	}
	return &p
}

type retKey struct {
	h   fnKey
	sig string
}

// returnTaint is the taint of what helper h returns when called with arguments of taints args: details
// of an error caught inside h (param -1), or derived from an argument (param ≥ 0, relative to args).
func (c *checker) returnTaint(h fnKey, args []*taint, depth int) *taint {
	k := retKey{h, sigOf(args)}
	if v, ok := c.leak.ret[k]; ok {
		return v
	}
	c.leak.ret[k] = nil // recursion
	ctx := evalCtx{f: h.f, fn: h.fn, params: placeholders(h, args)}
	var out *taint
	c.returns(h, func(arg syntax.NodeID) bool {
		out = c.eval(ctx, arg, depth+1)
		return out != nil
	})
	c.leak.ret[k] = out
	return out
}

func sigOf(args []*taint) string {
	var b strings.Builder
	for _, a := range args {
		b.WriteString(a.sig())
		b.WriteByte(';')
	}
	return b.String()
}

// returns calls fn with every returned expression of h (its own returns, and a concise arrow body) until
// fn returns true.
func (c *checker) returns(h fnKey, fn func(arg syntax.NodeID) bool) {
	f := h.f
	t := f.Tree
	def := &f.Functions[h.fn]
	if def.Body != syntax.None && t.Kind(def.Body) != syntax.StatementBlock {
		fn(def.Body)
		return
	}
	done := false
	t.Walk(def.Body, func(x syntax.NodeID) bool {
		if done {
			return false
		}
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration, syntax.MethodDefinition, syntax.Class, syntax.ClassDeclaration:
			return false
		case syntax.ReturnStatement:
			if arg := t.FirstNamedChild(x); arg != syntax.None {
				done = fn(arg)
			}
			return false
		}
		return true
	})
}

// identTaint resolves an identifier: a caught error, a parameter carrying a taint, or a variable whose
// definitions carry one.
func (c *checker) identTaint(ctx evalCtx, id syntax.NodeID, depth int) *taint {
	k := identKey{ctx.f, id, ctx.fn, paramsSig(ctx.params)}
	if v, ok := c.leak.ident[k]; ok {
		return v
	}
	c.leak.ident[k] = nil // a definition that refers to itself (x = x + 1) carries nothing new
	v := c.identTaintUncached(ctx, id, depth)
	if v != nil && v.kind == kindRaw && c.deliberate(ctx, id, depth) {
		v = nil // the error itself, handed on where it has been narrowed (`if (e instanceof ApiError) return e`)
	}
	c.leak.ident[k] = v
	return v
}

type identKey struct {
	f      *jsmodel.File
	id     syntax.NodeID
	fn     jsmodel.FuncID
	params string
}

func paramsSig(params map[int]*taint) string {
	if len(params) == 0 {
		return ""
	}
	keys := make([]int, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(strconv.Itoa(k) + ":" + params[k].sig() + ";")
	}
	return b.String()
}

func (c *checker) identTaintUncached(ctx evalCtx, id syntax.NodeID, depth int) *taint {
	f := ctx.f
	t := f.Tree
	name := t.Text(id)
	defs := f.Defs(name, id)
	if clause := catchBinding(t, id, name); clause != syntax.None && !shadowed(f, clause, defs) {
		if !c.tryRaisesInternal(f, clause) {
			return nil // the error describes the client's input, or was constructed by the project itself
		}
		return &taint{kind: kindRaw, desc: "the caught error '" + name + "'", srcFile: f, src: clause, param: -1}
	}
	for _, d := range defs {
		switch d.Kind {
		case jsmodel.DefParam:
			var base *taint
			if d.Func == ctx.fn && ctx.params[d.Param] != nil {
				base = ctx.params[d.Param]
			} else if errorCallbackParam(f, d.Func, d.Param) {
				base = &taint{kind: kindRaw, desc: "the caught error '" + name + "'", srcFile: f, src: f.Functions[d.Func].Node, param: -1}
			}
			if base == nil {
				continue
			}
			if d.Destructured {
				path, ok := summary.PatternPath(t, f.Functions[d.Func].Params[d.Param].Pattern, name)
				if !ok {
					continue
				}
				base = c.path(ctx, base, path, id, depth)
			}
			if base != nil {
				return base
			}
		case jsmodel.DefVar, jsmodel.DefAssign:
			if d.Value == syntax.None || d.Kind == jsmodel.DefVar && !inScope(t, d.Value, id) {
				continue
			}
			v := c.eval(ctx, d.Value, depth+1)
			if v != nil && d.Destructured {
				decl := t.Parent(d.Value)
				if t.Kind(decl) != syntax.VariableDeclarator {
					continue
				}
				path, ok := summary.PatternPath(t, t.ChildByField(decl, syntax.FName), name)
				if !ok {
					continue
				}
				v = c.path(ctx, v, path, d.Value, depth)
			}
			if v == nil && !d.Destructured && d.Kind == jsmodel.DefVar {
				v = c.mutationTaint(ctx, name, d, depth)
			}
			if v != nil {
				if v.kind != kindRaw && !strings.Contains(v.desc, "(") && v.desc != name {
					props := v.props
					v = v.derive(v.kind, name+" ("+v.desc+")")
					v.props = props
				}
				return v
			}
		}
	}
	return nil
}

// mutation is a later change of a variable's contents: `name.push(v)`, `name.unshift(v)`, `name.p = v`.
type mutation struct {
	fn    jsmodel.FuncID
	prop  string // "" for push/unshift
	value syntax.NodeID
}

// mutations indexes a file's mutations by variable name, once per file.
func (c *checker) mutations(f *jsmodel.File) map[string][]mutation {
	if m, ok := c.leak.muts[f]; ok {
		return m
	}
	t := f.Tree
	m := map[string][]mutation{}
	for i := range f.Calls {
		cl := &f.Calls[i]
		last := cl.Last()
		if (last != "push" && last != "unshift") || strings.Count(cl.Callee, ".") != 1 {
			continue
		}
		for _, a := range f.ArgList(cl) {
			m[cl.Root()] = append(m[cl.Root()], mutation{fn: cl.Func, value: a})
		}
	}
	t.Walk(t.Root(), func(x syntax.NodeID) bool {
		if t.Kind(x) != syntax.AssignmentExpression {
			return true
		}
		l := t.Unparen(t.ChildByField(x, syntax.FLeft))
		if t.Kind(l) != syntax.MemberExpression {
			return true
		}
		obj := t.Unparen(t.ChildByField(l, syntax.FObject))
		if t.Kind(obj) == syntax.Identifier {
			m[t.Text(obj)] = append(m[t.Text(obj)], mutation{fn: f.FuncAt(x), prop: t.Text(t.ChildByField(l, syntax.FProperty)), value: t.ChildByField(x, syntax.FRight)})
		}
		return true
	})
	c.leak.muts[f] = m
	return m
}

// mutationTaint is the taint a variable initialised with an array or object literal acquires from later
// mutations in its function: `errors.push(`Failed: ${e.message}`)`, `result.error = e.message`.
func (c *checker) mutationTaint(ctx evalCtx, name string, d jsmodel.Def, depth int) *taint {
	t := ctx.f.Tree
	if k := t.Kind(t.Unparen(d.Value)); k != syntax.Array && k != syntax.Object {
		return nil
	}
	var props map[string]*taint
	var first *taint
	for _, m := range c.mutations(ctx.f)[name] {
		if m.fn != d.Func && !ctx.f.Tree.Contains(funcNode(ctx.f, d.Func), m.value) {
			continue
		}
		v := c.eval(ctx, m.value, depth+1)
		if v == nil {
			continue
		}
		if props == nil {
			props = map[string]*taint{}
			first = v
		}
		props[m.prop] = v
	}
	if first == nil {
		return nil
	}
	o := first.derive(kindObj, first.desc)
	o.props = props
	return o
}

func funcNode(f *jsmodel.File, fn jsmodel.FuncID) syntax.NodeID {
	if fn == jsmodel.NoFunc {
		return f.Tree.Root()
	}
	return f.Functions[fn].Node
}

// inScope reports whether a let/const declaration whose initializer is value is visible at node id: the
// block that declares it contains id (jsmodel scopes definitions by function; two `const message` in
// sibling catch blocks are different variables).
func inScope(t *syntax.Tree, value, id syntax.NodeID) bool {
	decl := t.Parent(t.Parent(value))
	if t.Kind(decl) != syntax.LexicalDeclaration {
		return true // var: function-scoped
	}
	block := t.Parent(decl)
	return block == syntax.None || t.Contains(block, id)
}

// path follows a destructuring path from a tainted value.
func (c *checker) path(ctx evalCtx, v *taint, path []string, at syntax.NodeID, depth int) *taint {
	for _, p := range path {
		if v == nil {
			return nil
		}
		v = c.member(ctx, v, p, at, depth)
	}
	return v
}

// catchBinding returns the catch clause whose parameter is name and whose body contains id.
func catchBinding(t *syntax.Tree, id syntax.NodeID, name string) syntax.NodeID {
	cur := id
	for p := t.Parent(cur); p != syntax.None; cur, p = p, t.Parent(p) {
		if t.Kind(p) != syntax.CatchClause || t.Nodes[cur].Field != syntax.FBody {
			continue
		}
		if param := t.ChildByField(p, syntax.FParameter); t.Kind(param) == syntax.Identifier && t.TextIs(param, name) {
			return p
		}
	}
	return syntax.None
}

// shadowed reports whether the nearest definition of a name is inside the catch clause that binds it (a
// parameter of a nested function, a local declaration), hiding the caught error.
func shadowed(f *jsmodel.File, clause syntax.NodeID, defs []jsmodel.Def) bool {
	if len(defs) == 0 {
		return false
	}
	d := defs[0]
	t := f.Tree
	switch d.Kind {
	case jsmodel.DefParam:
		return t.Contains(clause, f.Functions[d.Func].Node)
	case jsmodel.DefVar:
		return d.Value != syntax.None && t.Contains(clause, d.Value)
	}
	return false
}

// errorCallbackParam reports whether parameter i of function fn receives an error: the first parameter
// of a `.catch(…)` callback, the second callback of `.then(ok, fail)`.
func errorCallbackParam(f *jsmodel.File, fn jsmodel.FuncID, i int) bool {
	if i != 0 || fn == jsmodel.NoFunc {
		return false
	}
	t := f.Tree
	node := f.Functions[fn].Node
	args := t.Parent(node)
	if t.Kind(args) != syntax.Arguments {
		return false
	}
	call := t.Parent(args)
	callee := t.Unparen(t.ChildByField(call, syntax.FFunction))
	if t.Kind(callee) != syntax.MemberExpression {
		return false
	}
	switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
	case "catch":
		return argIndex(t, args, node) == 0
	case "then":
		return argIndex(t, args, node) == 1
	}
	return false
}

// --- deliberate exposure: narrowing and development-only branches ---

// genericErrorClasses are classes that do not narrow an error to a user-facing kind.
var genericErrorClasses = map[string]bool{"Error": true, "TypeError": true, "RangeError": true, "SyntaxError": true,
	"ReferenceError": true, "EvalError": true, "URIError": true, "AggregateError": true, "DOMException": true, "Object": true}

// internalErrorClass recognises library error classes whose messages are internal.
var internalErrorClass = regexp.MustCompile(`(?i)(prisma|axios|stripe|postgres|mongo|sql|fetch|http|network|drizzle|supabase|aws|s3|redis|openai|anthropic)`)

// clientErrorClasses are library error classes designed to carry a message to the client: tRPC's errors
// (sent to tRPC clients by design) and HTTP exceptions (Hono, http-errors).
var clientErrorClasses = map[string]bool{"TRPCError": true, "TRPCClientError": true, "HTTPException": true, "HttpError": true}

// validationPackages' error classes carry messages meant for the client.
var validationPackages = map[string]bool{"zod": true, "zod/v4": true, "zod/v3": true, "zod/mini": true, "valibot": true,
	"yup": true, "joi": true, "zod-validation-error": true, "superstruct": true, "arktype": true}

var devName = regexp.MustCompile(`(?i)^(is_?)?dev(elopment)?(_?mode)?$|^debug$|^(is_?)?debug(_?mode)?$|^show_?errors?$`)
var prodName = regexp.MustCompile(`(?i)^(is_?)?prod(uction)?(_?mode)?$`)
var navGuard = regexp.MustCompile(`isRedirectError|isNotFoundError|isNextRouterError|isHTTPAccessFallbackError|isNavigationError|isNextNavigationError|NEXT_REDIRECT|NEXT_NOT_FOUND|NEXT_HTTP_ERROR|isDynamicServerError|digest`)

// deliberate reports whether node n only runs where the error has been narrowed to a user-facing kind,
// or only in development.
func (c *checker) deliberate(ctx evalCtx, n syntax.NodeID, depth int) bool {
	t := ctx.f.Tree
	cur := n
	for p := t.Parent(cur); p != syntax.None; cur, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case syntax.IfStatement, syntax.TernaryExpression:
			cond := t.ChildByField(p, syntax.FCondition)
			if cur == cond {
				continue
			}
			inCons := t.Nodes[cur].Field == syntax.FConsequence
			if c.narrows(ctx, cond, inCons, depth) || devBranch(t, cond, inCons) {
				return true
			}
		case syntax.ElseClause:
			// handled by the if statement above it (cur becomes the else clause, field alternative)
		case syntax.BinaryExpression:
			if t.TextIs(t.ChildByField(p, syntax.FOperator), "&&") && t.ChildByField(p, syntax.FRight) == cur {
				l := t.ChildByField(p, syntax.FLeft)
				if c.narrows(ctx, l, true, depth) || devBranch(t, l, true) {
					return true
				}
			}
		case syntax.StatementBlock:
			// An earlier `if (!(e instanceof X)) return …;` narrows what follows it.
			for s := t.FirstChild(p); s != syntax.None && s != cur; s = t.NextSibling(s) {
				if t.Kind(s) != syntax.IfStatement || t.ChildByField(s, syntax.FAlternative) != syntax.None {
					continue
				}
				if normal, _ := c.flow(ctx.f, t.ChildByField(s, syntax.FConsequence), 0); normal {
					continue
				}
				cond := t.ChildByField(s, syntax.FCondition)
				if c.narrows(ctx, cond, false, depth) || devBranch(t, cond, false) {
					return true
				}
			}
		case syntax.SwitchCase:
			sw := t.Parent(t.Parent(p))
			if t.Kind(sw) == syntax.SwitchStatement && t.ChildByField(p, syntax.FValue) != syntax.None {
				if c.kindProperty(ctx, t.ChildByField(sw, syntax.FValue), depth) {
					return true
				}
			}
		case syntax.CatchClause:
			return false
		}
		if isFunctionNode(t, p) && p == nodeOf(ctx) {
			return false
		}
	}
	return false
}

func nodeOf(ctx evalCtx) syntax.NodeID {
	if ctx.fn == jsmodel.NoFunc {
		return syntax.None
	}
	return ctx.f.Functions[ctx.fn].Node
}

func isFunctionNode(t *syntax.Tree, n syntax.NodeID) bool {
	switch t.Kind(n) {
	case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration, syntax.MethodDefinition,
		syntax.GeneratorFunction, syntax.GeneratorFunctionDeclaration:
		return true
	}
	return false
}

// narrows reports whether cond being pos (true or false) means the error has been narrowed to a
// user-facing kind.
func (c *checker) narrows(ctx evalCtx, cond syntax.NodeID, pos bool, depth int) bool {
	return c.narrowsTo(ctx, cond, pos, depth, false)
}

// narrowsTo is narrows; with specific set, any class but the generic ones counts (the question is then
// only whether the error is some particular kind, as for "is this not a navigation error").
func (c *checker) narrowsTo(ctx evalCtx, cond syntax.NodeID, pos bool, depth int, specific bool) bool {
	t := ctx.f.Tree
	cond = t.Unparen(cond)
	switch t.Kind(cond) {
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(cond, syntax.FOperator), "!") {
			return c.narrowsTo(ctx, t.ChildByField(cond, syntax.FArgument), !pos, depth, specific)
		}
	case syntax.BinaryExpression:
		l, r := t.ChildByField(cond, syntax.FLeft), t.ChildByField(cond, syntax.FRight)
		switch op := t.Text(t.ChildByField(cond, syntax.FOperator)); op {
		case "&&":
			if pos {
				return c.narrowsTo(ctx, l, true, depth, specific) || c.narrowsTo(ctx, r, true, depth, specific)
			}
			return c.narrowsTo(ctx, l, false, depth, specific) && c.narrowsTo(ctx, r, false, depth, specific)
		case "||":
			if pos {
				return c.narrowsTo(ctx, l, true, depth, specific) && c.narrowsTo(ctx, r, true, depth, specific)
			}
			return c.narrowsTo(ctx, l, false, depth, specific) || c.narrowsTo(ctx, r, false, depth, specific)
		case "!=", "!==":
			return !pos && c.kindComparison(ctx, l, r, depth)
		case "==", "===":
			return pos && c.kindComparison(ctx, l, r, depth)
		case "instanceof":
			return pos && c.isRaw(ctx, l, depth) && (c.userFacingClass(ctx.f, r) || specific && !genericErrorClasses[lastSegment(ctx.f.Tree.Text(r))])
		}
	case syntax.CallExpression:
		if !pos {
			return false
		}
		callee := t.Unparen(t.ChildByField(cond, syntax.FFunction))
		name := lastName(t, callee)
		args := callArgs(t, cond)
		// e.message.startsWith("MOVE_DUPLICATE_NAMES:"): a marker the application put in its own error.
		if name == "startsWith" && len(args) > 0 && t.Kind(t.Unparen(args[0])) == syntax.String {
			if obj := t.Unparen(t.ChildByField(callee, syntax.FObject)); t.Kind(obj) == syntax.MemberExpression &&
				t.TextIs(t.ChildByField(obj, syntax.FProperty), "message") && c.isRaw(ctx, t.ChildByField(obj, syntax.FObject), depth) {
				return true
			}
		}
		if len(args) > 0 && strings.HasPrefix(name, "is") && strings.HasSuffix(name, "Error") && name != "isError" &&
			!internalErrorClass.MatchString(name) && c.isRaw(ctx, args[0], depth) {
			return true
		}
	}
	return false
}

// kindComparison recognises `e.name === "ZodError"`, `e.code === "P2002"`: a test of the error's kind.
func (c *checker) kindComparison(ctx evalCtx, l, r syntax.NodeID, depth int) bool {
	t := ctx.f.Tree
	for _, pair := range [][2]syntax.NodeID{{l, r}, {r, l}} {
		k := t.Kind(t.Unparen(pair[1]))
		if k != syntax.String && k != syntax.Number && k != syntax.TemplateString {
			continue
		}
		if c.kindProperty(ctx, pair[0], depth) {
			return true
		}
	}
	return false
}

// kindProperty recognises a property of the error that names its kind (e.name, e.code, e.status).
func (c *checker) kindProperty(ctx evalCtx, n syntax.NodeID, depth int) bool {
	t := ctx.f.Tree
	n = t.Unparen(n)
	if t.Kind(n) != syntax.MemberExpression {
		return false
	}
	switch t.Text(t.ChildByField(n, syntax.FProperty)) {
	case "name", "code", "type", "status", "statusCode", "kind", "errorCode", "message":
		return c.isRaw(ctx, t.ChildByField(n, syntax.FObject), depth)
	}
	return false
}

func (c *checker) isRaw(ctx evalCtx, n syntax.NodeID, depth int) bool {
	v := c.eval(ctx, n, depth+1)
	return v != nil && v.kind == kindRaw
}

// userFacingClass reports whether an error class carries messages meant for users: a validation
// library's error (ZodError), or a class of the project's own (`class DubApiError extends Error`).
func (c *checker) userFacingClass(f *jsmodel.File, cls syntax.NodeID) bool {
	t := f.Tree
	text := t.Text(t.Unparen(cls))
	last := text
	if i := strings.LastIndexByte(text, '.'); i >= 0 {
		last = text[i+1:]
	}
	if genericErrorClasses[last] {
		return false
	}
	o := c.e.OriginOf(f, cls)
	switch o.Kind {
	case summary.External:
		return validationPackages[o.Pkg] || strings.Contains(last, "Zod") || clientErrorClasses[last]
	case summary.Global:
		return false
	}
	return !internalErrorClass.MatchString(text)
}

// devBranch reports whether the branch of cond taken when cond is inCons only runs in development.
func devBranch(t *syntax.Tree, cond syntax.NodeID, inCons bool) bool {
	cond = t.Unparen(cond)
	switch t.Kind(cond) {
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(cond, syntax.FOperator), "!") {
			return devBranch(t, t.ChildByField(cond, syntax.FArgument), !inCons)
		}
	case syntax.BinaryExpression:
		l, r := t.ChildByField(cond, syntax.FLeft), t.ChildByField(cond, syntax.FRight)
		op := t.Text(t.ChildByField(cond, syntax.FOperator))
		switch op {
		case "&&":
			return inCons && (devBranch(t, l, true) || devBranch(t, r, true))
		case "||":
			return !inCons && (devBranch(t, l, false) || devBranch(t, r, false))
		case "==", "===", "!=", "!==":
			env, lit := l, r
			if _, ok := t.StringValue(env); ok {
				env, lit = r, l
			}
			v, ok := t.StringValue(lit)
			if !ok || !strings.HasSuffix(jsmodel.Chain(t, t.Unparen(env)), "NODE_ENV") {
				return false
			}
			positive := op == "==" || op == "==="
			isDev := v == "development" || v == "dev" || v == "test"
			isProd := v == "production" || v == "prod"
			switch {
			case isDev:
				return positive == inCons
			case isProd:
				return positive != inCons
			}
		}
	case syntax.Identifier, syntax.MemberExpression:
		name := jsmodel.Chain(t, cond)
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		switch {
		case devName.MatchString(name):
			return inCons
		case prodName.MatchString(name):
			return !inCons
		}
	}
	return false
}

func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}
