package errors

import (
	"strings"

	"github.com/archlint/archlint/internal/endpoints"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/syntax"
)

// One handler often serves several methods (`export { handler as GET, handler as POST }`) and branches on
// the request's method: `req.method === "GET" ? params : await req.json()`. The escape analysis is done
// once per function; forMethod then drops, for an endpoint of one method, the operations the handler only
// reaches under another: in a branch of an if, ternary or && whose condition compares `….method` with
// string literals, or after an `if (req.method !== "POST") return …`.

// forMethod returns the operations of ops that endpoint ep can reach.
func forMethod(ep *endpoints.Endpoint, ops []op) []op {
	if len(ep.Methods) != 1 || ep.Methods[0] == "*" || ep.Kind == endpoints.ServerAction {
		return ops
	}
	m := ep.Methods[0]
	var out []op
	for _, o := range ops {
		if o.siteFile == nil || !excludedFor(o.siteFile, o.site, m) {
			out = append(out, o)
		}
	}
	return out
}

// excludedFor reports whether node n only runs for requests whose method is not m.
func excludedFor(f *jsmodel.File, n syntax.NodeID, m string) bool {
	t := f.Tree
	cur := n
	for p := t.Parent(cur); p != syntax.None && !isFunctionNode(t, cur); cur, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case syntax.IfStatement, syntax.TernaryExpression:
			cond := t.ChildByField(p, syntax.FCondition)
			if cur == cond {
				continue
			}
			if v, ok := methodCond(t, cond, m); ok && v != (t.Nodes[cur].Field == syntax.FConsequence) {
				return true
			}
		case syntax.BinaryExpression:
			if t.TextIs(t.ChildByField(p, syntax.FOperator), "&&") && t.ChildByField(p, syntax.FRight) == cur {
				if v, ok := methodCond(t, t.ChildByField(p, syntax.FLeft), m); ok && !v {
					return true
				}
			}
		case syntax.StatementBlock:
			for s := t.FirstChild(p); s != syntax.None && s != cur; s = t.NextSibling(s) {
				if t.Kind(s) != syntax.IfStatement || t.ChildByField(s, syntax.FAlternative) != syntax.None || !exits(t, t.ChildByField(s, syntax.FConsequence)) {
					continue
				}
				if v, ok := methodCond(t, t.ChildByField(s, syntax.FCondition), m); ok && v {
					return true // `if (req.method !== "POST") return …` ends the request before n
				}
			}
		}
	}
	return false
}

// exits reports whether a statement is (or ends with) a return or throw.
func exits(t *syntax.Tree, s syntax.NodeID) bool {
	if t.Kind(s) == syntax.StatementBlock {
		last := syntax.None
		for c := t.FirstChild(s); c != syntax.None; c = t.NextSibling(c) {
			if t.Nodes[c].Flags&syntax.FlagNamed != 0 {
				last = c
			}
		}
		s = last
	}
	k := t.Kind(s)
	return k == syntax.ReturnStatement || k == syntax.ThrowStatement
}

// methodCond evaluates a condition on the request method for method m; ok is false when the condition
// is not (only) about the method.
func methodCond(t *syntax.Tree, cond syntax.NodeID, m string) (value, ok bool) {
	cond = t.Unparen(cond)
	switch t.Kind(cond) {
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(cond, syntax.FOperator), "!") {
			v, ok := methodCond(t, t.ChildByField(cond, syntax.FArgument), m)
			return !v, ok
		}
	case syntax.BinaryExpression:
		l, r := t.ChildByField(cond, syntax.FLeft), t.ChildByField(cond, syntax.FRight)
		switch op := t.Text(t.ChildByField(cond, syntax.FOperator)); op {
		case "||", "&&":
			lv, lok := methodCond(t, l, m)
			rv, rok := methodCond(t, r, m)
			if !lok || !rok {
				return false, false
			}
			if op == "||" {
				return lv || rv, true
			}
			return lv && rv, true
		case "==", "===", "!=", "!==":
			lit, other := r, l
			if _, isStr := t.StringValue(l); isStr {
				lit, other = l, r
			}
			v, isStr := t.StringValue(lit)
			if !isStr || !strings.HasSuffix(jsmodel.Chain(t, t.Unparen(other)), ".method") {
				return false, false
			}
			eq := strings.EqualFold(v, m)
			if op == "!=" || op == "!==" {
				return !eq, true
			}
			return eq, true
		}
	}
	return false, false
}
