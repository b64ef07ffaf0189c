package summary

import (
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/modgraph"
	"github.com/archlint/archlint/internal/syntax"
)

// URL targets. What a request value can do to a redirect depends on where in the URL it lands: after a
// constant origin and path it picks a page of a fixed site. urlPrefixes works out the constant text a URL expression starts with,
// following variables (in one branch or another), conditionals, templates whose leading substitutions
// are constants (`${isDev ? "http://localhost:3000" : "https://app.example.com"}/cb?${query}`),
// deployment configuration (`${process.env.APP_URL}/x`) and constants imported from other modules.

// envOrigin stands for an origin the deployment configures (process.env.APP_URL).
const envOrigin = "https://configured.invalid"

// urlPrefixes returns the possible constant starts of URL expression n (one per branch), or false when
// some branch has no constant start it can tell.
func (w *walker) urlPrefixes(f *jsmodel.File, n syntax.NodeID, depth int) ([]string, bool) {
	t := f.Tree
	n = t.Unparen(n)
	if depth > 8 || n == syntax.None {
		return nil, false
	}
	switch t.Kind(n) {
	case syntax.String:
		v, _ := t.StringValue(n)
		return []string{v}, true
	case syntax.TernaryExpression:
		a, ok1 := w.urlPrefixes(f, t.ChildByField(n, syntax.FConsequence), depth+1)
		b, ok2 := w.urlPrefixes(f, t.ChildByField(n, syntax.FAlternative), depth+1)
		return append(a, b...), ok1 && ok2 && len(a)+len(b) <= maxPrefixes
	case syntax.BinaryExpression:
		if !t.TextIs(t.ChildByField(n, syntax.FOperator), "+") {
			return nil, false
		}
		left, ok := w.urlPrefixes(f, t.ChildByField(n, syntax.FLeft), depth+1)
		if !ok {
			return nil, false
		}
		// The right side continues the constant text only when the left side is wholly constant; the
		// prefix is enough either way.
		if right, ok := w.urlPrefixes(f, t.ChildByField(n, syntax.FRight), depth+1); ok && w.constantURL(f, t.ChildByField(n, syntax.FLeft), depth+1) {
			joined := crossJoin(left, right)
			return joined, joined != nil
		}
		return left, true
	case syntax.TemplateString:
		prefixes := []string{""}
		for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
			switch t.Kind(c) {
			case syntax.StringFragment:
				prefixes = crossJoin(prefixes, []string{t.Text(c)})
				if prefixes == nil {
					return nil, false
				}
			case syntax.TemplateSubstitution:
				e := t.FirstNamedChild(c)
				if !w.constantURL(f, e, depth+1) {
					return prefixes, true
				}
				vals, ok := w.urlPrefixes(f, e, depth+1)
				if !ok {
					return prefixes, true
				}
				prefixes = crossJoin(prefixes, vals)
				if prefixes == nil {
					return nil, false
				}
			}
		}
		return prefixes, true
	case syntax.MemberExpression:
		if strings.HasPrefix(t.Text(n), "process.env.") {
			return []string{envOrigin}, true
		}
	case syntax.Identifier:
		defs := f.Defs(t.Text(n), n)
		if len(defs) == 1 && defs[0].Kind == jsmodel.DefModule && defs[0].Value == syntax.None {
			// An imported constant (GOOGLE_FAVICON_URL from a shared package).
			sym := w.e.Graph.Local(f, t.Text(n))
			if sym.Kind != modgraph.Local || sym.File == nil {
				return nil, false
			}
			b, ok := sym.File.Bindings[sym.Name]
			if !ok || b.Kind != jsmodel.BindVariable || b.Destructured || b.Init == syntax.None {
				return nil, false
			}
			return w.urlPrefixes(sym.File, b.Init, depth+1)
		}
		var out []string
		for _, d := range defs {
			if d.Kind != jsmodel.DefVar && d.Kind != jsmodel.DefAssign && d.Kind != jsmodel.DefModule || d.Destructured {
				return nil, false
			}
			if d.Value == syntax.None || d.Op == "+=" || selfAppend(t, d.Value, t.Text(n)) {
				continue // appending to the value keeps its start: `url += "&p=" + next`, `url = `${url}&…``
			}
			if d.Op != "" && d.Op != "=" {
				return nil, false
			}
			vals, ok := w.urlPrefixes(f, d.Value, depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, vals...)
		}
		return out, len(out) > 0 && len(out) <= maxPrefixes
	}
	return nil, false
}

// constantURL reports whether expression n is wholly constant text (so that what follows it continues
// the prefix): literals, templates and concatenations of constants, conditionals between them,
// deployment configuration, and variables and imports holding them.
func (w *walker) constantURL(f *jsmodel.File, n syntax.NodeID, depth int) bool {
	t := f.Tree
	n = t.Unparen(n)
	if depth > 8 || n == syntax.None {
		return false
	}
	switch t.Kind(n) {
	case syntax.String:
		return true
	case syntax.TernaryExpression:
		return w.constantURL(f, t.ChildByField(n, syntax.FConsequence), depth+1) && w.constantURL(f, t.ChildByField(n, syntax.FAlternative), depth+1)
	case syntax.BinaryExpression:
		return t.TextIs(t.ChildByField(n, syntax.FOperator), "+") && w.constantURL(f, t.ChildByField(n, syntax.FLeft), depth+1) && w.constantURL(f, t.ChildByField(n, syntax.FRight), depth+1)
	case syntax.TemplateString:
		for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
			if t.Kind(c) == syntax.TemplateSubstitution && !w.constantURL(f, t.FirstNamedChild(c), depth+1) {
				return false
			}
		}
		return true
	case syntax.MemberExpression:
		return strings.HasPrefix(t.Text(n), "process.env.")
	case syntax.Identifier:
		defs := f.Defs(t.Text(n), n)
		if len(defs) == 1 && defs[0].Kind == jsmodel.DefModule && defs[0].Value == syntax.None {
			sym := w.e.Graph.Local(f, t.Text(n))
			if sym.Kind != modgraph.Local || sym.File == nil {
				return false
			}
			b, ok := sym.File.Bindings[sym.Name]
			return ok && b.Kind == jsmodel.BindVariable && !b.Destructured && b.Init != syntax.None && w.constantURL(sym.File, b.Init, depth+1)
		}
		found := false
		for _, d := range defs {
			if d.Destructured || d.Kind == jsmodel.DefParam || d.Op != "" && d.Op != "=" {
				return false
			}
			if d.Value == syntax.None {
				continue
			}
			if !w.constantURL(f, d.Value, depth+1) {
				return false
			}
			found = true
		}
		return found
	}
	return false
}

// maxPrefixes bounds how many branch combinations urlPrefixes keeps; beyond it the answer is "unknown".
const maxPrefixes = 16

// crossJoin returns every x+y; nil when there would be more than maxPrefixes.
func crossJoin(a, b []string) []string {
	if len(a)*len(b) > maxPrefixes {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// fixedURL reports whether every branch of URL expression n (in file f) starts with a constant that
// fixes its origin and path (fixedTargetPrefix).
func (w *walker) fixedURL(f *jsmodel.File, n syntax.NodeID) bool {
	ps, ok := w.urlPrefixes(f, n, 0)
	if !ok || len(ps) == 0 {
		return false
	}
	for _, p := range ps {
		if !fixedTargetPrefix.MatchString(p) {
			return false
		}
	}
	return true
}

// selfAppend reports whether v builds on the variable name itself: `name + …`, “ `${name}…` “.
func selfAppend(t *syntax.Tree, v syntax.NodeID, name string) bool {
	v = t.Unparen(v)
	for t.Kind(v) == syntax.BinaryExpression && t.TextIs(t.ChildByField(v, syntax.FOperator), "+") {
		v = t.Unparen(t.ChildByField(v, syntax.FLeft))
	}
	if t.Kind(v) == syntax.TemplateString {
		c := t.FirstNamedChild(v)
		if t.Kind(c) != syntax.TemplateSubstitution {
			return false
		}
		v = t.Unparen(t.FirstNamedChild(c))
	}
	return t.Kind(v) == syntax.Identifier && t.TextIs(v, name)
}
