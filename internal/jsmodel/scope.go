package jsmodel

import "github.com/archlint/archlint/internal/syntax"

// DefKind says how a name got a value.
type DefKind uint8

// Definition kinds.
const (
	// DefParam: a parameter of Def.Func (Param is its index).
	DefParam DefKind = iota + 1
	// DefVar: a variable declaration; Value is the initializer (None if absent).
	DefVar
	// DefAssign: an assignment (`x = v`, `x += v`); Op is the operator.
	DefAssign
	// DefModule: a module-level binding (see File.Bindings).
	DefModule
)

// Def is one place that gives a name a value.
type Def struct {
	Kind DefKind
	// Value is the assigned expression (initializer, right-hand side), or None.
	Value syntax.NodeID
	// Func is the function the definition belongs to (NoFunc for module level).
	Func FuncID
	// Param is the parameter index for DefParam.
	Param int
	// Op is the assignment operator for DefAssign ("=", "+=", ...).
	Op string
	// Destructured is true when the name is bound by a destructuring pattern; Value is then the whole
	// right-hand side (or the whole parameter).
	Destructured bool
}

// Defs returns the definitions of name visible at node at, innermost scope first: the parameters and the
// declarations and assignments in the enclosing function that precede at, then those of the outer
// functions, then the module binding. Block scoping is approximated by function scoping, which errs
// towards finding a definition.
func (f *File) Defs(name string, at syntax.NodeID) []Def {
	idx := f.index()
	limit := f.Tree.Nodes[at].Start
	var out []Def
	for fn := f.FuncAt(at); ; fn = f.Functions[fn].Parent {
		if fn != NoFunc {
			for i, p := range f.Functions[fn].Params {
				if p.Name == name {
					out = append(out, Def{Kind: DefParam, Value: syntax.None, Func: fn, Param: i})
				} else if p.Name == "" && bindsName(f.Tree, p.Pattern, name) {
					out = append(out, Def{Kind: DefParam, Value: syntax.None, Func: fn, Param: i, Destructured: true})
				}
			}
		}
		for _, e := range idx.locals[fn][name] {
			if e.start < limit {
				out = append(out, e.def)
			}
		}
		if len(out) > 0 || fn == NoFunc {
			break
		}
	}
	if len(out) == 0 {
		if b, ok := f.Bindings[name]; ok {
			out = append(out, Def{Kind: DefModule, Value: b.Init, Func: NoFunc, Destructured: b.Destructured})
		}
	}
	return out
}

// scopeIndex is built once per file: the innermost function of every node, and every function's (and the
// module's) declarations and assignments by name, in source order.
type scopeIndex struct {
	funcAt []FuncID
	locals map[FuncID]map[string][]defEntry
}

type defEntry struct {
	start uint32
	def   Def
}

func (f *File) index() *scopeIndex {
	f.idxOnce.Do(func() { f.idx = buildIndex(f) })
	return f.idx
}

func buildIndex(f *File) *scopeIndex {
	t := f.Tree
	idx := &scopeIndex{funcAt: make([]FuncID, len(t.Nodes)), locals: map[FuncID]map[string][]defEntry{}}
	type open struct {
		fn  FuncID
		end syntax.NodeID
	}
	var stack []open
	next := 0 // next function in pre-order
	add := func(fn FuncID, name string, start uint32, d Def) {
		m := idx.locals[fn]
		if m == nil {
			m = map[string][]defEntry{}
			idx.locals[fn] = m
		}
		m[name] = append(m[name], defEntry{start: start, def: d})
	}
	for i := syntax.NodeID(0); i < syntax.NodeID(len(t.Nodes)); i++ {
		for len(stack) > 0 && i >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
		}
		// A function's own node belongs to the enclosing function; its descendants to it.
		cur := NoFunc
		if len(stack) > 0 {
			cur = stack[len(stack)-1].fn
		}
		idx.funcAt[i] = cur
		if next < len(f.Functions) && f.Functions[next].Node == i {
			idx.funcAt[i] = FuncID(next)
			stack = append(stack, open{fn: FuncID(next), end: i + t.Nodes[i].Size})
			next++
			continue
		}
		nd := &t.Nodes[i]
		switch nd.Kind {
		case syntax.VariableDeclarator:
			pat, val := t.ChildByField(i, syntax.FName), t.ChildByField(i, syntax.FValue)
			if t.Kind(pat) == syntax.Identifier {
				add(cur, t.Text(pat), nd.Start, Def{Kind: DefVar, Value: val, Func: cur})
			} else {
				for _, id := range patternNames(t, pat) {
					add(cur, t.Text(id), nd.Start, Def{Kind: DefVar, Value: val, Func: cur, Destructured: true})
				}
			}
		case syntax.AssignmentExpression, syntax.AugmentedAssignmentExpression:
			left := t.Unparen(t.ChildByField(i, syntax.FLeft))
			if t.Kind(left) == syntax.Identifier {
				op := "="
				if o := t.ChildByField(i, syntax.FOperator); o != syntax.None {
					op = t.Text(o)
				}
				add(cur, t.Text(left), nd.Start, Def{Kind: DefAssign, Value: t.ChildByField(i, syntax.FRight), Func: cur, Op: op})
			}
		}
	}
	return idx
}

// bindsName reports whether a destructuring pattern binds name.
func bindsName(t *syntax.Tree, pat syntax.NodeID, name string) bool {
	for _, id := range patternNames(t, pat) {
		if t.TextIs(id, name) {
			return true
		}
	}
	return false
}
