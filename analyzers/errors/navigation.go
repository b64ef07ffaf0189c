package errors

import (
	"fmt"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
	"github.com/archlint/archlint/rules"
)

// Next.js implements redirect(), permanentRedirect(), notFound(), forbidden() and unauthorized() by
// throwing a special error that the framework catches above the page, action or route handler. A try
// around the call whose catch does not let that error through swallows the navigation: the redirect
// silently never happens and the code after the try runs instead. A catch lets it through when it calls
// `unstable_rethrow(e)`, rethrows under `isRedirectError(e)` / `isNotFoundError(e)` (or any test of the
// error's digest), rethrows everything it does not recognise (`if (!(e instanceof X)) throw e`), or
// rethrows unconditionally.
//
// The navigation functions are recognised by where they come from (next/navigation, through imports and
// re-exports), not by their names. A call of a project helper that calls one of them (outside a try of
// its own) counts too, one level deep: `try { await requireUser() } catch { … }` where requireUser
// redirects to the sign-in page.

var navigationNames = map[string]bool{"redirect": true, "permanentRedirect": true, "notFound": true, "forbidden": true, "unauthorized": true}

// navCall returns the navigation function a call invokes, or "".
func (c *checker) navCall(f *jsmodel.File, call syntax.NodeID) string {
	o := c.e.OriginOf(f, f.Tree.ChildByField(call, syntax.FFunction))
	if o.Kind == summary.External && len(o.Path) == 0 && navigationNames[o.Name] && libs.Key(o.Pkg, o.Sub, "") == "next/navigation:" {
		return o.Name
	}
	return ""
}

type navHit struct {
	name string
	f    *jsmodel.File
	node syntax.NodeID
}

// navInHelper returns a navigation call of helper h that is not inside a try of h's own.
func (c *checker) navInHelper(h fnKey) *navHit {
	if v, ok := c.navMemo[h]; ok {
		return v
	}
	var hit *navHit
	f := h.f
	calls := callsOf(f, h.fn)
	for i := range calls {
		cl := &calls[i]
		if cl.Func == jsmodel.NoFunc || cl.New || !c.ownedBy(f, cl.Func, h.fn) {
			continue
		}
		name := c.navCall(f, cl.Node)
		if name == "" || c.enclosingTry(f, cl.Node) != syntax.None {
			continue
		}
		hit = &navHit{name: name, f: f, node: cl.Node}
		break
	}
	c.navMemo[h] = hit
	return hit
}

// enclosingTry returns the innermost try statement (in the same function) whose body contains n and
// which has a catch clause.
func (c *checker) enclosingTry(f *jsmodel.File, n syntax.NodeID) syntax.NodeID {
	t := f.Tree
	cur := n
	for p := t.Parent(cur); p != syntax.None && !isFunctionNode(t, cur); cur, p = p, t.Parent(p) {
		if t.Kind(p) == syntax.TryStatement && t.Nodes[cur].Field == syntax.FBody && t.ChildByField(p, syntax.FHandler) != syntax.None {
			return p
		}
	}
	return syntax.None
}

// navigation reports errors/swallowed-navigation.
func (c *checker) navigation() {
	if !c.enabled(rules.SwallowedNavigation) {
		return
	}
	p := c.pass.Project
	for _, path := range p.Paths() {
		f := p.Files[path]
		for i := range f.Calls {
			cl := &f.Calls[i]
			if cl.New {
				continue
			}
			name := c.navCall(f, cl.Node)
			var via *navHit
			if name == "" {
				h, ok := c.helperCallee(f, cl.Node)
				if !ok {
					continue
				}
				if via = c.navInHelper(h); via == nil {
					continue
				}
				name = via.name
			}
			c.checkNavigation(f, cl.Node, name, via)
		}
	}
}

// checkNavigation reports a navigation call (or a helper call that navigates) at n that a catch
// swallows: each enclosing try in the same function is examined from the innermost; one whose catch
// does not let the navigation error through is the culprit.
func (c *checker) checkNavigation(f *jsmodel.File, n syntax.NodeID, name string, via *navHit) {
	t := f.Tree
	cur := n
	for p := t.Parent(cur); p != syntax.None && !isFunctionNode(t, cur); cur, p = p, t.Parent(p) {
		if t.Kind(p) != syntax.TryStatement || t.Nodes[cur].Field != syntax.FBody {
			continue
		}
		handler := t.ChildByField(p, syntax.FHandler)
		if handler == syntax.None || c.rethrowsNavigation(f, handler) {
			continue
		}
		fn := enclosing(f, n)
		var msg string
		if via == nil {
			msg = fmt.Sprintf("%s() is called inside a try whose catch does not rethrow it, so the error Next.js throws to navigate is caught and the %s silently never happens.", name, navWhat(name))
		} else {
			msg = fmt.Sprintf("'%s' calls %s() and is called inside a try whose catch does not rethrow it, so the error Next.js throws to navigate is caught and the %s silently never happens.",
				shortText(jsmodel.Chain(t, t.ChildByField(n, syntax.FFunction))), name, navWhat(name))
		}
		d := analyzers.NodeDiagnostic(rules.SwallowedNavigation, f, n, msg)
		d.Key = "swallowed:" + fn + ":" + name
		if via != nil {
			d.Key += ":" + shortText(jsmodel.Chain(t, t.ChildByField(n, syntax.FFunction)))
			d.Related = append(d.Related, analyzers.NodeRelated(via.f, via.node, name+"() is called here"))
		}
		d.Related = append(d.Related, analyzers.NodeRelated(f, catchHead(f, handler), "this catch swallows it"))
		c.pass.Report(d)
		return
	}
}

func navWhat(name string) string {
	switch name {
	case "notFound":
		return "404 page"
	case "forbidden":
		return "403 page"
	case "unauthorized":
		return "401 page"
	}
	return "redirect"
}

// rethrowsNavigation reports whether a catch clause lets Next.js's navigation errors through.
func (c *checker) rethrowsNavigation(f *jsmodel.File, clause syntax.NodeID) bool {
	t := f.Tree
	param := t.ChildByField(clause, syntax.FParameter)
	pname := ""
	if t.Kind(param) == syntax.Identifier {
		pname = t.Text(param)
	}
	body := t.ChildByField(clause, syntax.FBody)
	found := false
	t.Walk(body, func(x syntax.NodeID) bool {
		if found {
			return false
		}
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration:
			return false
		case syntax.CallExpression:
			if lastName(t, t.ChildByField(x, syntax.FFunction)) == "unstable_rethrow" {
				found = true
			}
		case syntax.ThrowStatement:
			arg := t.Unparen(t.FirstNamedChild(x))
			if pname == "" || t.Kind(arg) != syntax.Identifier || !t.TextIs(arg, pname) {
				return true
			}
			found = c.rethrowReaches(f, x, body)
		}
		return !found
	})
	return found
}

// rethrowReaches reports whether `throw e` at throwNode runs for a navigation error: it is unconditional,
// guarded by a navigation test, or in the branch for errors the code does not recognise.
func (c *checker) rethrowReaches(f *jsmodel.File, throwNode, body syntax.NodeID) bool {
	t := f.Tree
	ctx := evalCtx{f: f, fn: jsmodel.NoFunc}
	cur := throwNode
	for p := t.Parent(cur); p != syntax.None && cur != body; cur, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case syntax.StatementBlock, syntax.ElseClause, syntax.ExpressionStatement:
		case syntax.IfStatement:
			cond := t.ChildByField(p, syntax.FCondition)
			inCons := t.Nodes[cur].Field == syntax.FConsequence
			if inCons && navGuard.MatchString(t.Text(cond)) {
				return true
			}
			// `if (e instanceof ZodError) … else throw e` / `if (!(e instanceof X)) throw e`: everything
			// the code does not recognise, navigation errors included, is rethrown.
			if c.narrowsTo(ctx, cond, !inCons, 0, true) {
				continue
			}
			return false
		default:
			return false
		}
	}
	return true
}
