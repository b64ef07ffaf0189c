package errors

import (
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/internal/endpoints"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// Error-handling wrappers are recognised by what they do with the handler they are given, whatever they
// are called: a wrapper handles errors when every call of its handler parameter (or every await of a
// promise parameter) sits in a try whose catch completes or returns — dub's withWorkspace calls
// `await handler(…)` inside a try whose catch returns `NextResponse.json({ error }, { status })`. A
// wrapper that passes the handler on to another function handles errors when that function does (one
// wrapper built from another). Action clients of next-safe-action and zsa catch errors in the library
// and return them as a result, so actions built from them are handled.

// catchInfo says whether, and where, a function catches what one of its parameters does.
type catchInfo struct {
	ok   bool
	file *jsmodel.File
	// at is the try statement that handles it.
	at syntax.NodeID
}

type paramKey struct {
	h   fnKey
	idx int
}

const maxWrapperDepth = 4

// paramCaught reports whether function h catches the failures of its parameter idx: every call of it
// (a handler) or await of it (a promise) is inside a handling try, or it is handed to a function that
// catches it.
func (c *checker) paramCaught(h fnKey, idx int, depth int) catchInfo {
	k := paramKey{h, idx}
	if ci, ok := c.pcMemo[k]; ok {
		return ci
	}
	c.pcMemo[k] = catchInfo{} // recursion: not caught
	ci := c.paramCaughtUncached(h, idx, depth)
	c.pcMemo[k] = ci
	return ci
}

func (c *checker) paramCaughtUncached(h fnKey, idx int, depth int) catchInfo {
	f, def := h.f, &h.f.Functions[h.fn]
	if idx < 0 || idx >= len(def.Params) || def.Params[idx].Name == "" || depth > maxWrapperDepth {
		return catchInfo{}
	}
	t := f.Tree
	name := def.Params[idx].Name
	uses := 0
	res := catchInfo{ok: true, file: f, at: syntax.None}
	note := func(ci catchInfo) {
		uses++
		if !ci.ok {
			res.ok = false
		} else if res.at == syntax.None {
			res.file, res.at = ci.file, ci.at
		}
	}
	climbFrom := func(n syntax.NodeID) catchInfo {
		r := c.climb(f, n, c.outermost(f, f.FuncAt(n)))
		return catchInfo{ok: r.outcome == caught, file: f, at: r.at}
	}
	t.Walk(def.Node, func(x syntax.NodeID) bool {
		if !res.ok {
			return false
		}
		switch t.Kind(x) {
		case syntax.FormalParameters:
			return false
		case syntax.Identifier:
		default:
			return true
		}
		if !t.TextIs(x, name) {
			return true
		}
		defs := f.Defs(name, x)
		if len(defs) == 0 || defs[0].Kind != jsmodel.DefParam || defs[0].Func != h.fn || defs[0].Param != idx {
			return true
		}
		use := x
		p := t.Parent(use)
		for t.Kind(p) == syntax.ParenthesizedExpression || t.Kind(p) == syntax.AsExpression || t.Kind(p) == syntax.NonNullExpression {
			use, p = p, t.Parent(p)
		}
		switch t.Kind(p) {
		case syntax.CallExpression:
			if t.ChildByField(p, syntax.FFunction) == use {
				note(climbFrom(p))
			}
		case syntax.AwaitExpression:
			note(climbFrom(use))
		case syntax.MemberExpression:
			gp := t.Parent(p)
			if t.Kind(gp) != syntax.CallExpression || t.ChildByField(gp, syntax.FFunction) != p {
				return true
			}
			switch t.Text(t.ChildByField(p, syntax.FProperty)) {
			case "catch":
				note(catchInfo{ok: true, file: f, at: gp})
			case "call", "apply", "then", "finally":
				note(climbFrom(gp))
			}
		case syntax.Arguments:
			call := t.Parent(p)
			if g, ok := c.helperCallee(f, call); ok {
				note(c.paramCaught(g, argIndex(t, p, use), depth+1))
			} else {
				note(catchInfo{})
			}
		}
		return true
	})
	if uses == 0 {
		return catchInfo{}
	}
	return res
}

// actionLibrary returns the action-client library ("next-safe-action", "zsa") an action is built with,
// or "" when it is not built with one.
func (c *checker) actionLibrary(ep *endpoints.Endpoint) string {
	if ep.Kind != endpoints.ServerAction {
		return ""
	}
	h := ep.Handler
	if h.Found() {
		t := h.File.Tree
		n := h.File.Functions[h.Fn].Node
		p := t.Parent(n)
		for t.Kind(p) == syntax.ParenthesizedExpression {
			p = t.Parent(p)
		}
		if t.Kind(p) == syntax.Arguments {
			if lib := c.clientOf(h.File, t.Parent(p)); lib != "" {
				return lib
			}
		}
	}
	if ex := ep.File.Export(ep.Name); ex != nil && ex.Value != syntax.None {
		return c.clientOf(ep.File, ep.File.Tree.Unparen(ex.Value))
	}
	return ""
}

// clientOf returns the action library a builder call (`client.schema(s).action(fn)`) belongs to.
func (c *checker) clientOf(f *jsmodel.File, call syntax.NodeID) string {
	t := f.Tree
	if t.Kind(call) != syntax.CallExpression {
		return ""
	}
	callee := t.Unparen(t.ChildByField(call, syntax.FFunction))
	if t.Kind(callee) != syntax.MemberExpression {
		return ""
	}
	o := c.e.OriginOf(f, t.ChildByField(callee, syntax.FObject))
	if o.Kind == summary.External && actionLibraries[o.Pkg] {
		return o.Pkg
	}
	return ""
}

var actionLibraries = map[string]bool{"next-safe-action": true, "zsa": true}

// declaredWrapper returns the name of a wrapper of h that the configuration declares as providing error
// handling, or "".
func (c *checker) declaredWrapper(h *endpoints.Handler) string {
	if c.pass.Settings == nil {
		return ""
	}
	for _, w := range h.Wrappers {
		if w.File == nil {
			continue
		}
		root, _, _ := strings.Cut(w.Name, ".")
		b, ok := w.File.Bindings[root]
		if !ok || b.Kind != jsmodel.BindImport {
			continue
		}
		imp := w.File.Imports[b.Import]
		for _, g := range c.pass.Settings.Guards {
			if imp.Source != g.From || !providesErrorHandling(g) {
				continue
			}
			if imp.Imported == g.Name && w.Name == root || imp.Kind == jsmodel.ImportNamespace && w.Name == root+"."+g.Name {
				return w.Name
			}
		}
	}
	return ""
}

func providesErrorHandling(g analyzers.GuardSpec) bool {
	for _, p := range g.Provides {
		if p == analyzers.ControlErrorHandling {
			return true
		}
	}
	return false
}
