package summary

import (
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/matcher"
	"github.com/archlint/archlint/internal/syntax"
)

// ctxCond decides a condition from the walker's context: the request path (pathname comparisons,
// startsWith/endsWith/includes, membership in literal arrays, `some(p => pathname.startsWith(p))`, Clerk's
// createRouteMatcher), the request method (`req.method === "POST"`), and constant arguments of the call
// being summarised (`options?.skipAuth`). known is false for anything else.
func (w *walker) ctxCond(n syntax.NodeID) (val, known bool) {
	t := w.t
	n = t.Unparen(n)
	switch t.Kind(n) {
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(n, syntax.FOperator), "!") {
			v, k := w.ctxCond(t.ChildByField(n, syntax.FArgument))
			return !v, k
		}
	case syntax.AwaitExpression:
		return w.ctxCond(t.FirstNamedChild(n))
	case syntax.BinaryExpression:
		l, r := t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)
		switch op := t.Text(t.ChildByField(n, syntax.FOperator)); op {
		case "&&":
			lv, lk := w.ctxCond(l)
			rv, rk := w.ctxCond(r)
			switch {
			case lk && !lv, rk && !rv:
				return false, true
			case lk && rk:
				return true, true
			}
			return false, false
		case "||":
			lv, lk := w.ctxCond(l)
			rv, rk := w.ctxCond(r)
			switch {
			case lk && lv, rk && rv:
				return true, true
			case lk && rk:
				return false, true
			}
			return false, false
		case "===", "==", "!==", "!=":
			actual, ok := w.ctxString(l)
			lit, okLit := t.StringValue(t.Unparen(r))
			if !ok || !okLit {
				actual, ok = w.ctxString(r)
				lit, okLit = t.StringValue(t.Unparen(l))
			}
			if !ok || !okLit {
				return false, false
			}
			eq := actual == lit
			if op == "!==" || op == "!=" {
				eq = !eq
			}
			return eq, true
		}
	case syntax.CallExpression:
		if w.ctx.Path != "" {
			return w.pathCall(n)
		}
	case syntax.MemberExpression, syntax.Identifier:
		if v, ok := w.constArg(n); ok {
			return truthy(w.ctx.ArgsFile.Tree, v), true
		}
	}
	return false, false
}

// ctxString returns the value the context gives an expression: the request path for the pathname, the
// method for req.method, a constant argument's string.
func (w *walker) ctxString(n syntax.NodeID) (string, bool) {
	if w.ctx.Path != "" && w.isPathname(n) {
		return w.ctx.Path, true
	}
	if w.ctx.Method != "" && w.isMethod(n) {
		return w.ctx.Method, true
	}
	if v, ok := w.constArg(n); ok {
		return w.ctx.ArgsFile.Tree.StringValue(v)
	}
	return "", false
}

// isMethod reports whether n is a request's method (req.method of any request parameter).
func (w *walker) isMethod(n syntax.NodeID) bool {
	o := w.e.OriginOf(w.f, n)
	return o.Kind == Param && len(o.Path) == 1 && o.Path[0] == "method"
}

// constArg returns the literal node a constant argument of the summarised call gives expression n
// (`options.skipAuth` with `{ skipAuth: true }` passed), following object literal properties.
func (w *walker) constArg(n syntax.NodeID) (syntax.NodeID, bool) {
	if w.ctx == nil || len(w.ctx.Args) == 0 {
		return syntax.None, false
	}
	o := w.e.OriginOf(w.f, n)
	if o.Kind != Param || o.File != w.f || o.Fn != w.root {
		return syntax.None, false
	}
	v, ok := w.ctx.Args[o.Param]
	if !ok {
		return syntax.None, false
	}
	t := w.ctx.ArgsFile.Tree
	for _, seg := range o.Path {
		v = t.Unparen(v)
		if t.Kind(v) != syntax.Object {
			return syntax.None, false
		}
		next := syntax.None
		for c := t.FirstChild(v); c != syntax.None; c = t.NextSibling(c) {
			switch t.Kind(c) {
			case syntax.Pair:
				if k := t.ChildByField(c, syntax.FKey); t.TextIs(k, seg) || func() bool { s, ok := t.StringValue(k); return ok && s == seg }() {
					next = t.ChildByField(c, syntax.FValue)
				}
			case syntax.ShorthandPropertyIdentifier:
				if t.TextIs(c, seg) {
					return syntax.None, false // a variable's value: unknown
				}
			case syntax.MethodDefinition:
				if t.TextIs(t.ChildByField(c, syntax.FName), seg) {
					return syntax.None, false
				}
			case syntax.SpreadElement:
				return syntax.None, false
			}
		}
		if next == syntax.None {
			// An absent property of a literal object is undefined.
			return syntax.None, true
		}
		v = next
	}
	v = t.Unparen(v)
	switch t.Kind(v) {
	case syntax.True, syntax.False, syntax.String, syntax.Number, syntax.Null, syntax.Undefined, syntax.Object, syntax.Array:
		return v, true
	}
	return syntax.None, false
}

// truthy is JavaScript truthiness of a literal node (None is undefined).
func truthy(t *syntax.Tree, v syntax.NodeID) bool {
	switch t.Kind(v) {
	case syntax.True, syntax.Object, syntax.Array:
		return true
	case syntax.String:
		s, _ := t.StringValue(v)
		return s != ""
	case syntax.Number:
		return !t.TextIs(v, "0")
	}
	return false
}

func (w *walker) pathCall(n syntax.NodeID) (bool, bool) {
	t := w.t
	callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
	args := w.args(n)
	if t.Kind(callee) == syntax.MemberExpression {
		obj := t.ChildByField(callee, syntax.FObject)
		method := t.Text(t.ChildByField(callee, syntax.FProperty))
		if w.isPathname(obj) && len(args) == 1 {
			lit, ok := w.constString(args[0])
			if !ok {
				return false, false
			}
			switch method {
			case "startsWith":
				return strings.HasPrefix(w.ctx.Path, lit), true
			case "endsWith":
				return strings.HasSuffix(w.ctx.Path, lit), true
			case "includes":
				return strings.Contains(w.ctx.Path, lit), true
			}
			return false, false
		}
		// ["/a", "/b"].includes(pathname), list.some(p => pathname.startsWith(p))
		if elems, ok := w.stringArray(obj); ok && len(args) == 1 {
			switch method {
			case "includes":
				if w.isPathname(args[0]) {
					for _, e := range elems {
						if e == w.ctx.Path {
							return true, true
						}
					}
					return false, true
				}
			case "some", "find", "findIndex":
				return w.someElem(elems, args[0])
			}
		}
		return false, false
	}
	// isProtectedRoute(req), where isProtectedRoute = createRouteMatcher([...]).
	if t.Kind(callee) == syntax.Identifier {
		for _, d := range w.f.Defs(t.Text(callee), callee) {
			if d.Value == syntax.None || d.Destructured {
				continue
			}
			return w.routeMatcherCall(w.f, d.Value)
		}
		sym := w.e.Graph.Local(w.f, t.Text(callee))
		if sym.File != nil {
			if b, ok := sym.File.Bindings[sym.Name]; ok && b.Init != syntax.None && !b.Destructured {
				return w.routeMatcherCall(sym.File, b.Init)
			}
		}
	}
	return false, false
}

// routeMatcherCall evaluates a createRouteMatcher([...]) value on the walker's path.
func (w *walker) routeMatcherCall(f *jsmodel.File, init syntax.NodeID) (bool, bool) {
	t := f.Tree
	init = t.Unparen(init)
	if t.Kind(init) != syntax.CallExpression {
		return false, false
	}
	o := w.e.OriginOf(f, t.ChildByField(init, syntax.FFunction))
	if o.Kind != External || o.Name != "createRouteMatcher" {
		return false, false
	}
	a := t.ChildByField(init, syntax.FArguments)
	args := t.NamedChildren(a)
	if len(args) == 0 {
		return false, false
	}
	rl, problems := matcher.FromArrayNode(t, args[0], f)
	if rl == nil || len(problems) > 0 {
		return false, false
	}
	switch rl.Match(w.ctx.Path) {
	case matcher.All:
		return true, true
	case matcher.None:
		return false, true
	}
	return false, false
}

// someElem evaluates `elems.some(p => pathname.startsWith(p))` (or ===, endsWith, includes).
func (w *walker) someElem(elems []string, cb syntax.NodeID) (bool, bool) {
	fn := w.f.FuncOf(w.t.Unparen(cb))
	if fn == jsmodel.NoFunc {
		return false, false
	}
	def := &w.f.Functions[fn]
	if len(def.Params) != 1 || def.Params[0].Name == "" {
		return false, false
	}
	param := def.Params[0].Name
	body := def.Body
	if w.t.Kind(body) == syntax.StatementBlock {
		ret := w.t.ChildOfKind(body, syntax.ReturnStatement)
		if ret == syntax.None || w.t.NextSibling(w.t.FirstChild(body)) != syntax.None && w.t.FirstChild(body) != ret {
			return false, false
		}
		body = w.t.FirstNamedChild(ret)
	}
	any, known := false, true
	for _, e := range elems {
		v, k := w.withParam(param, e, body)
		if !k {
			known = false
		}
		any = any || v
	}
	if any {
		return true, true
	}
	return false, known
}

// withParam evaluates a predicate body where identifier param stands for the string value.
func (w *walker) withParam(param, value string, body syntax.NodeID) (bool, bool) {
	t := w.t
	body = t.Unparen(body)
	if t.Kind(body) == syntax.CallExpression {
		callee := t.Unparen(t.ChildByField(body, syntax.FFunction))
		args := w.args(body)
		if t.Kind(callee) == syntax.MemberExpression && len(args) == 1 && w.isPathname(t.ChildByField(callee, syntax.FObject)) && t.TextIs(t.Unparen(args[0]), param) {
			switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
			case "startsWith":
				return strings.HasPrefix(w.ctx.Path, value), true
			case "endsWith":
				return strings.HasSuffix(w.ctx.Path, value), true
			case "includes":
				return strings.Contains(w.ctx.Path, value), true
			}
		}
	}
	if t.Kind(body) == syntax.BinaryExpression {
		op := t.Text(t.ChildByField(body, syntax.FOperator))
		l, r := t.ChildByField(body, syntax.FLeft), t.ChildByField(body, syntax.FRight)
		if (op == "===" || op == "==") && (w.isPathname(l) && t.TextIs(t.Unparen(r), param) || w.isPathname(r) && t.TextIs(t.Unparen(l), param)) {
			return w.ctx.Path == value, true
		}
	}
	return false, false
}

// isPathname reports whether n is the request's pathname: req.nextUrl.pathname (possibly through
// variables and destructuring) or new URL(req.url).pathname.
func (w *walker) isPathname(n syntax.NodeID) bool {
	o := w.e.OriginOf(w.f, n)
	switch o.Kind {
	case Param:
		return len(o.Path) == 2 && o.Path[0] == "nextUrl" && o.Path[1] == "pathname"
	case Global:
		return o.Name == "URL" && len(o.Path) == 2 && o.Path[0] == "()" && o.Path[1] == "pathname"
	}
	return false
}

// constString returns the value of a string literal or of a local constant holding one.
func (w *walker) constString(n syntax.NodeID) (string, bool) {
	n = w.t.Unparen(n)
	if v, ok := w.t.StringValue(n); ok {
		return v, true
	}
	if w.t.Kind(n) == syntax.Identifier {
		for _, d := range w.f.Defs(w.t.Text(n), n) {
			if d.Value != syntax.None && !d.Destructured {
				return w.t.StringValue(w.t.Unparen(d.Value))
			}
		}
	}
	return "", false
}

// stringArray returns the elements of an array literal of strings, or of a constant holding one.
func (w *walker) stringArray(n syntax.NodeID) ([]string, bool) {
	t := w.t
	n = t.Unparen(n)
	if t.Kind(n) == syntax.Identifier {
		for _, d := range w.f.Defs(t.Text(n), n) {
			if d.Value != syntax.None && !d.Destructured {
				n = t.Unparen(d.Value)
				break
			}
		}
	}
	if t.Kind(n) != syntax.Array {
		return nil, false
	}
	var out []string
	for c := t.FirstNamedChild(n); c != syntax.None; c = t.NextSibling(c) {
		if t.Nodes[c].Flags&syntax.FlagNamed == 0 {
			continue
		}
		v, ok := t.StringValue(c)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}
