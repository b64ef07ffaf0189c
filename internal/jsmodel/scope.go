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
	t := f.Tree
	var out []Def
	for fn := f.FuncAt(at); ; fn = f.Functions[fn].Parent {
		scope := t.Root()
		if fn != NoFunc {
			scope = f.Functions[fn].Node
			for i, p := range f.Functions[fn].Params {
				if p.Name == name {
					out = append(out, Def{Kind: DefParam, Value: syntax.None, Func: fn, Param: i})
				} else if p.Name == "" && bindsName(t, p.Pattern, name) {
					out = append(out, Def{Kind: DefParam, Value: syntax.None, Func: fn, Param: i, Destructured: true})
				}
			}
		}
		out = append(out, f.localDefs(scope, fn, name, at)...)
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

// localDefs scans scope (a function node, or the program for module level) for declarations of and
// assignments to name that start before at, without entering nested functions.
func (f *File) localDefs(scope syntax.NodeID, fn FuncID, name string, at syntax.NodeID) []Def {
	t := f.Tree
	var out []Def
	limit := t.Nodes[at].Start
	first := true
	t.Walk(scope, func(n syntax.NodeID) bool {
		if first {
			first = false
			return true
		}
		nd := &t.Nodes[n]
		if nd.Start >= limit {
			return false
		}
		switch nd.Kind {
		case syntax.FunctionDeclaration, syntax.GeneratorFunctionDeclaration, syntax.FunctionExpression,
			syntax.GeneratorFunction, syntax.ArrowFunction, syntax.MethodDefinition, syntax.ClassDeclaration, syntax.Class:
			return false
		case syntax.VariableDeclarator:
			pat, val := t.ChildByField(n, syntax.FName), t.ChildByField(n, syntax.FValue)
			if t.Kind(pat) == syntax.Identifier && t.TextIs(pat, name) {
				out = append(out, Def{Kind: DefVar, Value: val, Func: fn})
			} else if t.Kind(pat) != syntax.Identifier && bindsName(t, pat, name) {
				out = append(out, Def{Kind: DefVar, Value: val, Func: fn, Destructured: true})
			}
		case syntax.AssignmentExpression, syntax.AugmentedAssignmentExpression:
			left := t.Unparen(t.ChildByField(n, syntax.FLeft))
			if t.Kind(left) == syntax.Identifier && t.TextIs(left, name) {
				op := "="
				if o := t.ChildByField(n, syntax.FOperator); o != syntax.None {
					op = t.Text(o)
				}
				out = append(out, Def{Kind: DefAssign, Value: t.ChildByField(n, syntax.FRight), Func: fn, Op: op})
			}
		}
		return true
	})
	return out
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
