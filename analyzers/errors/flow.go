package errors

import (
	"sort"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// How a failure travels in JavaScript, as this file models it.
//
// An awaited promise that rejects throws at the `await`; the nearest enclosing `try` (in the same
// function) whose `catch` completes or returns stops it. A catch that always throws (logs and rethrows,
// wraps the error in another) does not: the failure still escapes. A promise *returned* without `await`
// from inside a `try` escapes that try — the function has already left it when the promise rejects
// (`try { return handle(req) } catch …` catches nothing). `.catch(…)`, `.then(ok, fail)` and
// `Promise.allSettled` stop a rejection where they are attached.
//
// Callbacks passed to calls (`items.map(async …)`, `prisma.$transaction(async (tx) => …)`,
// `new Promise(…)`) are treated as part of the enclosing function: their rejections surface where the
// call's result is awaited. Callbacks of `after`, `waitUntil`, timers, `forEach` and event listeners, and
// promises started as bare statements (`void send()`, `log()` without await), are detached: they cannot
// change the response, so they are not the endpoint's concern. Functions defined but not passed anywhere
// are analysed when called, as helpers.

// fnKey names a function of the project.
type fnKey struct {
	f  *jsmodel.File
	fn jsmodel.FuncID
}

// escapeSet is what one function leaves to its callers.
type escapeSet struct {
	// ops are the fallible operations whose failures escape the function.
	ops []op
	// caughtHere counts fallible operations a try/catch of the function itself handles; firstTry is the
	// first such try statement.
	caughtHere int
	firstTry   syntax.NodeID
	// caughtBelow counts fallible operations handled inside the helpers the function calls.
	caughtBelow int
}

const maxOps = 32

// escapes computes, once per function, which fallible operations of fn (and, transitively, of the
// project helpers it calls) can fail out of it.
func (c *checker) escapes(f *jsmodel.File, fn jsmodel.FuncID) *escapeSet {
	k := fnKey{f, fn}
	if s, ok := c.esc[k]; ok {
		return s
	}
	if c.running[k] {
		return &escapeSet{} // recursion: assume nothing escapes, conservatively
	}
	c.running[k] = true
	s := &escapeSet{firstTry: syntax.None}
	calls := callsOf(f, fn)
	for i := range calls {
		cl := &calls[i]
		if cl.Func == jsmodel.NoFunc || cl.New || !c.ownedBy(f, cl.Func, fn) {
			continue
		}
		var ops []op
		if o, ok := c.fallible(f, cl.Node); ok {
			ops = []op{o}
		} else if h, ok := c.helperCallee(f, cl.Node); ok && h != k {
			sub := c.escapes(h.f, h.fn)
			s.caughtBelow += sub.caughtHere + sub.caughtBelow
			name := h.f.Functions[h.fn].Name // an anonymous helper (cache(async () => …)) adds nothing to the path
			for _, o := range sub.ops {
				if name != "" {
					o = o.withVia(name)
				}
				ops = append(ops, o)
			}
		}
		if len(ops) == 0 {
			continue
		}
		r := c.climb(f, cl.Node, fn)
		switch r.outcome {
		case detached:
		case caught:
			s.caughtHere += len(ops)
			if s.firstTry == syntax.None && r.at != syntax.None {
				s.firstTry = r.at
			}
		default:
			for _, o := range ops {
				if len(s.ops) < maxOps {
					o.rethrown = r.rethrown
					o.unawaited = o.unawaited || r.unawaited
					o.siteFile, o.site = f, cl.Node
					s.ops = append(s.ops, o)
				}
			}
		}
	}
	delete(c.running, k)
	c.esc[k] = s
	return s
}

// callsUnder returns the calls of f inside node n (f.Calls is in source order, as node IDs are).
func callsUnder(f *jsmodel.File, n syntax.NodeID) []jsmodel.Call {
	if n == syntax.None {
		return nil
	}
	end := n + f.Tree.Nodes[n].Size
	lo := sort.Search(len(f.Calls), func(i int) bool { return f.Calls[i].Node >= n })
	hi := sort.Search(len(f.Calls), func(i int) bool { return f.Calls[i].Node >= end })
	return f.Calls[lo:hi]
}

// callsOf returns the calls of f inside function fn.
func callsOf(f *jsmodel.File, fn jsmodel.FuncID) []jsmodel.Call {
	return callsUnder(f, f.Functions[fn].Node)
}

// helperCallee returns the project function a call invokes directly.
func (c *checker) helperCallee(f *jsmodel.File, call syntax.NodeID) (fnKey, bool) {
	t := f.Tree
	o := c.e.OriginOf(f, t.ChildByField(call, syntax.FFunction))
	if o.Kind != summary.Func || len(o.Path) > 0 || o.File == nil || o.Fn == jsmodel.NoFunc {
		return fnKey{}, false
	}
	return fnKey{o.File, o.Fn}, true
}

// ownedBy reports whether the body of function g belongs to the flow of function root: g is root, or an
// inline callback (a function passed to a call that is not detaching, or an immediately invoked
// function) written in a function that belongs to it.
func (c *checker) ownedBy(f *jsmodel.File, g, root jsmodel.FuncID) bool {
	for i := 0; i < 64 && g != jsmodel.NoFunc; i++ {
		if g == root {
			return true
		}
		if !c.inline(f, g) {
			return false
		}
		g = f.Functions[g].Parent
	}
	return g == root
}

// inline reports whether function g runs as part of the function it is written in: it is passed to a
// call that is not detaching, or invoked immediately.
func (c *checker) inline(f *jsmodel.File, g jsmodel.FuncID) bool {
	t := f.Tree
	node := f.Functions[g].Node
	p := t.Parent(node)
	for t.Kind(p) == syntax.ParenthesizedExpression {
		node, p = p, t.Parent(p)
	}
	switch {
	case t.Kind(p) == syntax.Arguments && !detachingCall(t, t.Parent(p)):
		return true
	case t.Kind(p) == syntax.CallExpression && t.ChildByField(p, syntax.FFunction) == node:
		return true
	}
	return false
}

// outermost returns the function whose flow function g belongs to when no root is given: g, or the
// nearest enclosing function of which it is an inline callback.
func (c *checker) outermost(f *jsmodel.File, g jsmodel.FuncID) jsmodel.FuncID {
	for i := 0; i < 64 && g != jsmodel.NoFunc && c.inline(f, g); i++ {
		if f.Functions[g].Parent == jsmodel.NoFunc {
			return g
		}
		g = f.Functions[g].Parent
	}
	return g
}

// detachingNames are calls whose callbacks or promise arguments run apart from the response.
var detachingNames = map[string]bool{
	"after": true, "unstable_after": true, "waitUntil": true, "setTimeout": true, "setInterval": true,
	"setImmediate": true, "queueMicrotask": true, "nextTick": true, "forEach": true, "on": true, "once": true,
	"addEventListener": true, "subscribe": true,
}

func detachingCall(t *syntax.Tree, call syntax.NodeID) bool {
	if t.Kind(call) != syntax.CallExpression {
		return false
	}
	return detachingNames[lastName(t, t.ChildByField(call, syntax.FFunction))]
}

// lastName is the last name of a callee chain ("waitUntil" for ctx.waitUntil).
func lastName(t *syntax.Tree, n syntax.NodeID) string {
	n = t.Unparen(n)
	switch t.Kind(n) {
	case syntax.Identifier:
		return t.Text(n)
	case syntax.MemberExpression:
		return t.Text(t.ChildByField(n, syntax.FProperty))
	}
	return ""
}

type outcome uint8

const (
	escaped outcome = iota
	caught
	detached
)

type climbResult struct {
	outcome outcome
	// at is the try statement (or .catch call, or catching helper call) that handles the failure.
	at syntax.NodeID
	// rethrown is set when the failure passes a try whose catch always throws.
	rethrown bool
	// unawaited is set when the promise is returned without await from inside a try with a catch, which
	// therefore never sees the failure.
	unawaited bool
}

// climb follows the failure of the expression at n upwards until it leaves function root: it is caught
// (a handling try, .catch, a helper that catches the promise or callback it is given), detached (a
// fire-and-forget promise, a detaching callback) or escapes.
func (c *checker) climb(f *jsmodel.File, n syntax.NodeID, root jsmodel.FuncID) climbResult {
	t := f.Tree
	rootNode := syntax.None
	if root != jsmodel.NoFunc {
		rootNode = f.Functions[root].Node
	}
	awaited, returnedUnawaited, rethrown, unawaitedInTry := false, false, false, false
	cur := n
	for p := t.Parent(cur); p != syntax.None; cur, p = p, t.Parent(p) {
		if cur == rootNode {
			break
		}
		switch t.Kind(p) {
		case syntax.AwaitExpression:
			awaited = true
		case syntax.MemberExpression:
			if t.ChildByField(p, syntax.FObject) != cur {
				continue
			}
			gp := t.Parent(p)
			if t.Kind(gp) != syntax.CallExpression || t.ChildByField(gp, syntax.FFunction) != p {
				continue
			}
			switch t.Text(t.ChildByField(p, syntax.FProperty)) {
			case "catch":
				return climbResult{outcome: caught, at: gp}
			case "then":
				if len(callArgs(t, gp)) >= 2 {
					return climbResult{outcome: caught, at: gp}
				}
			}
		case syntax.Arguments:
			call := t.Parent(p)
			if t.Kind(call) != syntax.CallExpression {
				continue
			}
			callee := t.ChildByField(call, syntax.FFunction)
			name := lastName(t, callee)
			if detachingNames[name] {
				return climbResult{outcome: detached, at: call}
			}
			if name == "allSettled" {
				return climbResult{outcome: caught, at: call}
			}
			// A promise or callback handed to a helper that awaits or calls it inside its own try
			// (`await tryCatch(fetch(url))`). An awaited value has already failed before the call.
			if h, ok := c.helperCallee(f, call); ok && !awaited {
				if ci := c.paramCaught(h, argIndex(t, p, cur), 0); ci.ok {
					return climbResult{outcome: caught, at: call}
				}
			}
			// An unawaited promise is consumed by the call (Promise.all, $transaction): whether it is
			// awaited is decided further up. An awaited one has already thrown where it was awaited.
		case syntax.ExpressionStatement:
			if !awaited {
				return climbResult{outcome: detached, at: p}
			}
		case syntax.UnaryExpression:
			if t.HasToken(p, "void") && !awaited {
				return climbResult{outcome: detached, at: p}
			}
		case syntax.ReturnStatement:
			if !awaited {
				returnedUnawaited = true
			}
		case syntax.TryStatement:
			if t.Nodes[cur].Field != syntax.FBody {
				continue
			}
			if returnedUnawaited {
				unawaitedInTry = unawaitedInTry || t.ChildByField(p, syntax.FHandler) != syntax.None
				continue
			}
			if h := t.ChildByField(p, syntax.FHandler); h != syntax.None {
				if c.catchHandles(f, h) {
					return climbResult{outcome: caught, at: p}
				}
				rethrown = true
			}
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration, syntax.MethodDefinition,
			syntax.GeneratorFunction, syntax.GeneratorFunctionDeclaration:
			if p == rootNode {
				return climbResult{outcome: escaped, at: syntax.None, rethrown: rethrown, unawaited: unawaitedInTry}
			}
			// An inline callback: its promise is what the enclosing call receives.
			awaited, returnedUnawaited = false, false
		}
	}
	return climbResult{outcome: escaped, at: syntax.None, rethrown: rethrown, unawaited: unawaitedInTry}
}

// argIndex returns the position of argument node a in the arguments node args.
func argIndex(t *syntax.Tree, args, a syntax.NodeID) int {
	i := 0
	for x := t.FirstChild(args); x != syntax.None; x = t.NextSibling(x) {
		if x == a {
			return i
		}
		if t.Nodes[x].Flags&syntax.FlagNamed != 0 {
			i++
		}
	}
	return -1
}

// catchHandles reports whether a catch clause turns the failure into an outcome: some path through it
// completes or returns. A catch that always throws (rethrows, or throws another error) does not handle
// the failure, it only relabels it.
func (c *checker) catchHandles(f *jsmodel.File, clause syntax.NodeID) bool {
	normal, returns := c.flow(f, f.Tree.ChildByField(clause, syntax.FBody), 0)
	return normal || returns
}

// flow reports whether statement n can complete normally and whether it can return.
func (c *checker) flow(f *jsmodel.File, n syntax.NodeID, depth int) (normal, returns bool) {
	t := f.Tree
	switch t.Kind(n) {
	case syntax.StatementBlock:
		for s := t.FirstChild(n); s != syntax.None; s = t.NextSibling(s) {
			if t.Nodes[s].Flags&syntax.FlagNamed == 0 {
				continue
			}
			sn, sr := c.flow(f, s, depth)
			returns = returns || sr
			if !sn {
				return false, returns
			}
		}
		return true, returns
	case syntax.ThrowStatement:
		return false, false
	case syntax.ReturnStatement:
		return false, true
	case syntax.IfStatement:
		n1, r1 := c.flow(f, t.ChildByField(n, syntax.FConsequence), depth)
		alt := t.ChildByField(n, syntax.FAlternative)
		if alt == syntax.None {
			return true, r1
		}
		if t.Kind(alt) == syntax.ElseClause {
			alt = t.FirstNamedChild(alt)
		}
		n2, r2 := c.flow(f, alt, depth)
		return n1 || n2, r1 || r2
	case syntax.ExpressionStatement:
		if c.alwaysThrowsCall(f, t.FirstNamedChild(n), depth) {
			return false, false
		}
		return true, false
	case syntax.TryStatement:
		bn, br := c.flow(f, t.ChildByField(n, syntax.FBody), depth)
		hn, hr := false, false
		if h := t.ChildByField(n, syntax.FHandler); h != syntax.None {
			hn, hr = c.flow(f, t.ChildByField(h, syntax.FBody), depth)
		}
		return bn || hn, br || hr
	case syntax.LabeledStatement:
		return c.flow(f, t.ChildByField(n, syntax.FBody), depth)
	case syntax.SwitchStatement, syntax.ForStatement, syntax.ForInStatement, syntax.WhileStatement, syntax.DoStatement:
		return true, containsReturn(t, n)
	}
	return true, false
}

func containsReturn(t *syntax.Tree, n syntax.NodeID) bool {
	found := false
	t.Walk(n, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration, syntax.MethodDefinition, syntax.Class:
			return false
		case syntax.ReturnStatement:
			found = true
		}
		return !found
	})
	return found
}

// alwaysThrowsCall reports whether expression e is a call of a project function that never returns
// normally because every path through it throws (`handleError(e)` that rethrows).
func (c *checker) alwaysThrowsCall(f *jsmodel.File, e syntax.NodeID, depth int) bool {
	t := f.Tree
	e = t.Unparen(e)
	if t.Kind(e) == syntax.AwaitExpression {
		e = t.Unparen(t.FirstNamedChild(e))
	}
	if t.Kind(e) != syntax.CallExpression || depth > 4 {
		return false
	}
	h, ok := c.helperCallee(f, e)
	if !ok {
		return false
	}
	if v, ok := c.throws[h]; ok {
		return v
	}
	c.throws[h] = false // recursion: assume it returns
	body := h.f.Functions[h.fn].Body
	v := false
	if h.f.Tree.Kind(body) == syntax.StatementBlock {
		n, r := c.flow(h.f, body, depth+1)
		v = !n && !r
	}
	c.throws[h] = v
	return v
}

// funcShortName names a function for messages: its name, or "an anonymous function".
func funcShortName(f *jsmodel.File, fn jsmodel.FuncID) string {
	if name := f.Functions[fn].Name; name != "" {
		return name
	}
	return "an anonymous function"
}
