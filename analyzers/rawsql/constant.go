package rawsql

import (
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/modgraph"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/syntax"
)

// checker decides whether values are constant: fixed by the program, whatever the caller sends. It follows
// names across modules (imported tables of column definitions) and a function's parameters to every call
// of the function in the project, so that a helper splicing `${prefix}${column}` is judged by what its
// callers pass.
//
// A path says which part of a value is asked about: `cols.find(…).internal` is the "internal" property of
// some element ("*") of cols, so only that part of cols has to be constant, not the comparison callback.
type checker struct {
	p *project.Project
	g *modgraph.Graph
	// callers caches the calls of a function: key is the function's file and ID.
	callers map[funcKey][]callSite
	// pieces are the callbacks of `s.replace(re, cb)`: their parameters are pieces of s, which is judged on
	// its own.
	pieces map[funcKey]bool
	// memo holds answers by node and path; an entry is false while it is being worked out, so that a
	// cycle (a recursive helper) answers "not known constant".
	memo map[memoKey]bool
}

type memoKey struct {
	f    *jsmodel.File
	n    syntax.NodeID
	path string
}

// constDepth bounds how many steps one question may take (names, properties, calls, callers).
const constDepth = 40

type funcKey struct {
	f  *jsmodel.File
	fn jsmodel.FuncID
}

type callSite struct {
	f *jsmodel.File
	c *jsmodel.Call
}

func newChecker(p *project.Project) *checker {
	return &checker{p: p, g: modgraph.New(p), callers: map[funcKey][]callSite{}, pieces: map[funcKey]bool{}, memo: map[memoKey]bool{}}
}

// anyElement is the path step for an element of an array or a value of an object whatever its key.
const anyElement = "*"

func push(step string, path []string) []string {
	out := make([]string, 0, len(path)+1)
	return append(append(out, step), path...)
}

// constant reports whether the value of n, followed along path, is known to be a constant string, number
// or boolean: literals and templates of constants, constant object and array literals, deployment
// configuration (process.env), numbers and booleans whatever their inputs (a number cannot carry SQL),
// elements picked from a constant collection (`COLUMNS.find(…)`, `TABLE[key]`), values a schema
// restricts to literals (`z.enum([…]).parse(x)`), and parameters that every call in the project passes a
// constant for.
func (k *checker) constant(f *jsmodel.File, n syntax.NodeID, path []string, depth int) bool {
	n = f.Tree.Unparen(n)
	if n == syntax.None || depth <= 0 {
		return false
	}
	key := memoKey{f, n, strings.Join(path, ".")}
	if v, ok := k.memo[key]; ok {
		return v
	}
	k.memo[key] = false
	v := k.constantOf(f, n, path, depth)
	k.memo[key] = v
	return v
}

func (k *checker) constantOf(f *jsmodel.File, n syntax.NodeID, path []string, depth int) bool {
	t := f.Tree
	switch t.Kind(n) {
	case syntax.String, syntax.Number, syntax.True, syntax.False, syntax.Null, syntax.Undefined, syntax.Regex:
		return true
	case syntax.TemplateString:
		for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
			if t.Kind(c) == syntax.TemplateSubstitution && !k.constant(f, t.FirstNamedChild(c), nil, depth-1) {
				return false
			}
		}
		return true
	case syntax.Object:
		return k.objectConstant(f, n, path, depth)
	case syntax.Array:
		if len(path) > 0 && path[0] == "length" {
			return true
		}
		if len(path) > 0 && path[0] != anyElement && !isIndex(path[0]) {
			return false
		}
		rest := path
		if len(path) > 0 {
			rest = path[1:]
		}
		for _, c := range t.NamedChildren(n) {
			if t.Kind(c) == syntax.SpreadElement {
				if !k.constant(f, t.FirstNamedChild(c), path, depth-1) {
					return false
				}
				continue
			}
			if !k.constant(f, c, rest, depth-1) {
				return false
			}
		}
		return true
	case syntax.UnaryExpression, syntax.UpdateExpression:
		// !x, -x, +x, ~x, typeof x, void x, x++: booleans, numbers, type names, undefined.
		return true
	case syntax.BinaryExpression:
		switch t.Text(t.ChildByField(n, syntax.FOperator)) {
		case "+", "??", "||", "&&":
			return k.constant(f, t.ChildByField(n, syntax.FLeft), path, depth-1) && k.constant(f, t.ChildByField(n, syntax.FRight), path, depth-1)
		}
		// Arithmetic gives a number, a comparison a boolean.
		return true
	case syntax.TernaryExpression:
		return k.constant(f, t.ChildByField(n, syntax.FConsequence), path, depth-1) && k.constant(f, t.ChildByField(n, syntax.FAlternative), path, depth-1)
	case syntax.MemberExpression:
		// Deployment configuration (process.env.X) is the operator's, not a caller's.
		if strings.HasPrefix(t.Text(n), "process.env.") {
			return true
		}
		obj := t.Unparen(t.ChildByField(n, syntax.FObject))
		prop := t.Text(t.ChildByField(n, syntax.FProperty))
		if prop == "length" && len(path) == 0 {
			return true
		}
		// A static field of a class of this file: Scheduler.timeoutMs.
		if v, ok := staticField(f, obj, prop); ok {
			return k.constant(f, v, path, depth-1)
		}
		return k.constant(f, obj, push(prop, path), depth-1)
	case syntax.SubscriptExpression:
		// An entry of a constant lookup table (SQL_OPERATORS[operator]): whatever the key, one of its values.
		return k.constant(f, t.ChildByField(n, syntax.FObject), push(anyElement, path), depth-1)
	case syntax.CallExpression:
		return k.callConstant(f, n, path, depth)
	case syntax.NewExpression:
		if !t.TextIs(t.ChildByField(n, syntax.FConstructor), "URL") {
			return false
		}
		return k.argsConstant(f, n, depth)
	case syntax.Identifier:
		return k.nameConstant(f, n, path, depth)
	}
	return false
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// objectConstant judges an object literal along path: the whole object, one property, or any value.
func (k *checker) objectConstant(f *jsmodel.File, n syntax.NodeID, path []string, depth int) bool {
	t := f.Tree
	if len(path) == 0 || path[0] == anyElement {
		var rest []string
		if len(path) > 0 {
			rest = path[1:]
		}
		for _, c := range t.NamedChildren(n) {
			switch t.Kind(c) {
			case syntax.Pair:
				if !k.constant(f, t.ChildByField(c, syntax.FValue), rest, depth-1) {
					return false
				}
			case syntax.ShorthandPropertyIdentifier:
				if !k.nameConstant(f, c, rest, depth-1) {
					return false
				}
			case syntax.SpreadElement:
				if !k.constant(f, t.FirstNamedChild(c), path, depth-1) {
					return false
				}
			case syntax.Comment:
			default:
				// Methods and computed members: not a table of constants.
				return false
			}
		}
		return true
	}
	key, rest := path[0], path[1:]
	// The last definition of the key wins; a spread after it may override it (then both may be the
	// value), and a computed key may be any key.
	children := t.NamedChildren(n)
	for i := len(children) - 1; i >= 0; i-- {
		c := children[i]
		switch t.Kind(c) {
		case syntax.Pair:
			kn := t.ChildByField(c, syntax.FKey)
			if t.Kind(kn) == syntax.ComputedPropertyName {
				return false
			}
			name, ok := t.StringValue(kn)
			if !ok {
				name = t.Text(kn)
			}
			if name == key {
				return k.constant(f, t.ChildByField(c, syntax.FValue), rest, depth-1)
			}
		case syntax.ShorthandPropertyIdentifier:
			if t.TextIs(c, key) {
				return k.nameConstant(f, c, rest, depth-1)
			}
		case syntax.SpreadElement:
			if !k.constant(f, t.FirstNamedChild(c), path, depth-1) {
				return false
			}
		case syntax.Comment:
		default:
			return false // a method or a getter
		}
	}
	// An absent property reads as undefined.
	return true
}

// callConstant judges a call's result.
func (k *checker) callConstant(f *jsmodel.File, n syntax.NodeID, path []string, depth int) bool {
	t := f.Tree
	callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
	switch jsmodel.Chain(t, callee) {
	case "Number", "parseInt", "parseFloat", "Number.parseInt", "Number.parseFloat", "Date.now", "Boolean":
		return true
	}
	if strings.HasPrefix(jsmodel.Chain(t, callee), "Math.") {
		return true
	}
	if t.Kind(callee) == syntax.MemberExpression {
		recv := t.ChildByField(callee, syntax.FObject)
		switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
		case "find", "findLast", "at", "pop", "shift":
			// An element of the collection.
			return k.constant(f, recv, push(anyElement, path), depth-1)
		case "filter", "slice", "toSorted", "toReversed", "sort", "reverse":
			// A part of the collection.
			return k.constant(f, recv, path, depth-1)
		case "includes", "some", "every", "has", "test", "startsWith", "endsWith", "indexOf", "findIndex", "toFixed":
			// Booleans and numbers.
			return true
		case "parse", "parseAsync":
			if len(path) == 0 && k.literalSchema(f, recv, depth-1) {
				return true
			}
		case "safeParse", "safeParseAsync":
			if len(path) > 0 && path[0] == "data" && k.literalSchema(f, recv, depth-1) {
				return true
			}
		}
	}
	// Pure computation on constants (new URL(process.env.DATABASE_URL).searchParams.get("schema")), and a
	// same-file function without arguments whose every return is constant.
	if !k.argsConstant(f, n, depth) {
		return false
	}
	switch t.Kind(callee) {
	case syntax.MemberExpression:
		return k.constant(f, t.ChildByField(callee, syntax.FObject), nil, depth-1)
	case syntax.Identifier:
		return len(t.NamedChildren(t.ChildByField(n, syntax.FArguments))) == 0 && k.constantReturns(f, callee, depth-1)
	}
	return false
}

func (k *checker) argsConstant(f *jsmodel.File, n syntax.NodeID, depth int) bool {
	t := f.Tree
	for _, a := range t.NamedChildren(t.ChildByField(n, syntax.FArguments)) {
		if !k.constant(f, a, nil, depth-1) {
			return false
		}
	}
	return true
}

// literalSchema reports whether n is a Zod schema whose values are a fixed set of literals: z.enum([…]),
// z.nativeEnum(E), z.literal(v), a union of those, optionally with .optional()/.default(…) and friends.
func (k *checker) literalSchema(f *jsmodel.File, n syntax.NodeID, depth int) bool {
	t := f.Tree
	n = t.Unparen(n)
	if n == syntax.None || depth <= 0 {
		return false
	}
	switch t.Kind(n) {
	case syntax.Identifier:
		for _, d := range f.Defs(t.Text(n), n) {
			if d.Kind == jsmodel.DefParam || d.Destructured || d.Value == syntax.None {
				return false
			}
			if !k.literalSchema(f, d.Value, depth-1) {
				return false
			}
		}
		return len(f.Defs(t.Text(n), n)) > 0
	case syntax.CallExpression:
		callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
		if t.Kind(callee) != syntax.MemberExpression {
			return false
		}
		obj := t.ChildByField(callee, syntax.FObject)
		args := t.NamedChildren(t.ChildByField(n, syntax.FArguments))
		switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
		case "enum", "literal", "nativeEnum":
			if !t.TextIs(obj, "z") {
				return false
			}
			for _, a := range args {
				if !k.constant(f, a, nil, depth-1) {
					return false
				}
			}
			return len(args) > 0
		case "union":
			if !t.TextIs(obj, "z") || len(args) != 1 || t.Kind(t.Unparen(args[0])) != syntax.Array {
				return false
			}
			for _, a := range t.NamedChildren(t.Unparen(args[0])) {
				if !k.literalSchema(f, a, depth-1) {
					return false
				}
			}
			return true
		case "optional", "nullable", "nullish", "default", "catch", "describe", "readonly", "brand":
			return k.literalSchema(f, obj, depth-1)
		}
	}
	return false
}

// nameConstant resolves an identifier: its definitions in scope, a loop over a collection, an import, or a
// parameter judged by every call of its function.
func (k *checker) nameConstant(f *jsmodel.File, n syntax.NodeID, path []string, depth int) bool {
	t := f.Tree
	name := t.Text(n)
	if name == "undefined" {
		return true
	}
	defs := f.Defs(name, n)
	if len(defs) == 0 {
		// `for (const column of COLUMNS)`: an element of the collection.
		if right, ok := forOfSource(t, n, name); ok {
			return k.constant(f, right, push(anyElement, path), depth-1)
		}
		return false
	}
	for _, d := range defs {
		if !k.defConstant(f, n, name, d, path, depth) {
			return false
		}
	}
	return true
}

func (k *checker) defConstant(f *jsmodel.File, at syntax.NodeID, name string, d jsmodel.Def, path []string, depth int) bool {
	t := f.Tree
	switch d.Kind {
	case jsmodel.DefParam:
		if k.pieces[funcKey{f, d.Func}] {
			return true
		}
		fn := &f.Functions[d.Func]
		p := fn.Params[d.Param]
		if p.Rest {
			return false
		}
		full := path
		if d.Destructured {
			keys, def, ok := patternPath(t, p.Pattern, name)
			if !ok {
				return false
			}
			if def != syntax.None && !k.constant(f, def, path, depth-1) {
				return false
			}
			full = append(keys, path...)
		}
		if p.Default != syntax.None && !k.constant(f, p.Default, full, depth-1) {
			return false
		}
		return k.paramConstant(f, d.Func, d.Param, full, depth-1)
	case jsmodel.DefVar, jsmodel.DefAssign, jsmodel.DefModule:
		if d.Kind == jsmodel.DefModule && d.Value == syntax.None {
			// An import: the declaration it names.
			if b, ok := f.Bindings[name]; ok && b.Kind == jsmodel.BindImport {
				sym := k.g.Local(f, name)
				if sym.Kind != modgraph.Local || sym.File == nil {
					return false
				}
				if sym.Expr != syntax.None {
					return k.constant(sym.File, sym.Expr, path, depth-1)
				}
				tb, ok := sym.File.Bindings[sym.Name]
				if !ok || tb.Node == syntax.None || tb.Kind == jsmodel.BindImport {
					return false
				}
				return k.nameConstant(sym.File, tb.Node, path, depth-1)
			}
			return false
		}
		if d.Value == syntax.None {
			return false
		}
		if !d.Destructured {
			return k.constant(f, d.Value, path, depth-1)
		}
		decl := t.Parent(d.Value)
		if t.Kind(decl) != syntax.VariableDeclarator {
			return false
		}
		keys, def, ok := patternPath(t, t.ChildByField(decl, syntax.FName), name)
		if !ok {
			return false
		}
		if def != syntax.None && !k.constant(f, def, path, depth-1) {
			return false
		}
		return k.constant(f, d.Value, append(keys, path...), depth-1)
	}
	return false
}

// paramConstant reports whether every call of function fn of f passes a constant (along path) as its i-th
// argument. A function nothing calls is not known to be called with constants.
//
// A Server Action's parameters are whatever a client sends, whoever else calls it.
func (k *checker) paramConstant(f *jsmodel.File, fn jsmodel.FuncID, i int, path []string, depth int) bool {
	if f.Functions[fn].Directive == "use server" || f.HasDirective("use server") {
		return false
	}
	sites := k.callersOf(f, fn)
	if len(sites) == 0 || depth <= 0 {
		return false
	}
	for _, s := range sites {
		args := s.f.ArgList(s.c)
		for j := 0; j < len(args) && j <= i; j++ {
			if s.f.Tree.Kind(args[j]) == syntax.SpreadElement {
				return false
			}
		}
		if i >= len(args) {
			continue // undefined; the default was judged
		}
		if !k.constant(s.f, args[i], path, depth-1) {
			return false
		}
	}
	return true
}

// callersOf returns the calls of function fn of f in the project: calls of the name it is bound to in
// each module (its own, an import's local name, a namespace member). It returns nil — callers unknown —
// when the function is used in any other way somewhere (passed on, stored, called as a method), since a
// caller could then pass anything.
func (k *checker) callersOf(f *jsmodel.File, fn jsmodel.FuncID) []callSite {
	key := funcKey{f, fn}
	if s, ok := k.callers[key]; ok {
		return s
	}
	k.callers[key] = nil
	name := f.Functions[fn].Name
	b, bound := f.Bindings[name]
	if name == "" || strings.Contains(name, ".") || !bound || b.Func != fn {
		return nil
	}
	var out []callSite
	for _, path := range k.p.Paths() {
		pf := k.p.Files[path]
		// The names this module calls the function by: its own binding, or imports of it.
		local := map[string]bool{}
		ns := map[string]bool{}
		if pf == f {
			local[name] = true
		}
		for i := range pf.Imports {
			imp := &pf.Imports[i]
			if imp.Local == "" || imp.TypeOnly {
				continue
			}
			sym := k.g.ResolveImport(pf, imp)
			if sym.Kind != modgraph.Local || sym.File != f {
				continue
			}
			if sym.Namespace {
				ns[imp.Local] = true
			} else if sym.Name == name {
				local[imp.Local] = true
			}
		}
		if len(local) == 0 && len(ns) == 0 {
			continue
		}
		sites, ok := directCalls(pf, local, ns, name)
		if !ok {
			return nil
		}
		out = append(out, sites...)
	}
	k.callers[key] = out
	return out
}

// directCalls returns the calls in pf of the names in local (or of member name of the namespaces in ns),
// and false when one of those names is used otherwise than called directly, declared or imported.
func directCalls(pf *jsmodel.File, local, ns map[string]bool, name string) ([]callSite, bool) {
	t := pf.Tree
	var out []callSite
	ok := true
	t.Walk(t.Root(), func(x syntax.NodeID) bool {
		if !ok {
			return false
		}
		if t.Kind(x) == syntax.ShorthandPropertyIdentifier && local[t.Text(x)] {
			ok = false // { listBy }: stored in an object, called from anywhere
			return false
		}
		if t.Kind(x) != syntax.Identifier || !local[t.Text(x)] && !ns[t.Text(x)] {
			return true
		}
		p := t.Parent(x)
		switch t.Kind(p) {
		case syntax.ImportSpecifier, syntax.ImportClause, syntax.NamespaceImport, syntax.FunctionDeclaration, syntax.ExportSpecifier:
			return true
		case syntax.VariableDeclarator:
			if t.ChildByField(p, syntax.FName) == x {
				return true // its own declaration; `const alias = listBy` hands it on
			}
		}
		target := x
		if ns[t.Text(x)] {
			// ns.name(…); ns.other(…) is another function; ns itself handed on could be anything.
			if t.Kind(p) != syntax.MemberExpression || t.ChildByField(p, syntax.FObject) != x {
				ok = false
				return false
			}
			if !t.TextIs(t.ChildByField(p, syntax.FProperty), name) {
				return true
			}
			target = p
		}
		call := t.Parent(target)
		if t.Kind(call) != syntax.CallExpression || t.ChildByField(call, syntax.FFunction) != target {
			ok = false
			return false
		}
		for i := range pf.Calls {
			if pf.Calls[i].Node == call {
				out = append(out, callSite{pf, &pf.Calls[i]})
				break
			}
		}
		return true
	})
	return out, ok
}

// constantReturns reports whether the same-file function callee names returns only constants.
func (k *checker) constantReturns(f *jsmodel.File, callee syntax.NodeID, depth int) bool {
	t := f.Tree
	b, ok := f.Bindings[t.Text(callee)]
	if !ok || b.Func == jsmodel.NoFunc || depth <= 0 {
		return false
	}
	return k.returnsConstant(f, b.Func, depth)
}

// returnsConstant reports whether every return of function fn of f is constant (and there is one).
func (k *checker) returnsConstant(f *jsmodel.File, fn jsmodel.FuncID, depth int) bool {
	t := f.Tree
	body := f.Functions[fn].Body
	if t.Kind(body) != syntax.StatementBlock {
		return k.constant(f, body, nil, depth-1)
	}
	found, all := false, true
	t.Walk(body, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration:
			return false
		case syntax.ReturnStatement:
			found = true
			if e := t.FirstNamedChild(x); e == syntax.None || !k.constant(f, e, nil, depth-1) {
				all = false
			}
		}
		return all
	})
	return found && all
}

// patternPath returns the property path by which a destructuring pattern binds name (`{ a: { b } }` → a,
// b; `[x]` → *), and the default value given to it in the pattern, if any.
func patternPath(t *syntax.Tree, pat syntax.NodeID, name string) ([]string, syntax.NodeID, bool) {
	switch t.Kind(pat) {
	case syntax.Identifier, syntax.ShorthandPropertyIdentifierPattern:
		if t.TextIs(pat, name) {
			return nil, syntax.None, true
		}
	case syntax.AssignmentPattern, syntax.ObjectAssignmentPattern:
		if keys, def, ok := patternPath(t, t.ChildByField(pat, syntax.FLeft), name); ok {
			if def == syntax.None && len(keys) == 0 {
				def = t.ChildByField(pat, syntax.FRight)
			}
			return keys, def, true
		}
	case syntax.ObjectPattern:
		for _, c := range t.NamedChildren(pat) {
			switch t.Kind(c) {
			case syntax.ShorthandPropertyIdentifierPattern:
				if t.TextIs(c, name) {
					return []string{name}, syntax.None, true
				}
			case syntax.ObjectAssignmentPattern:
				if left := t.ChildByField(c, syntax.FLeft); t.TextIs(left, name) {
					return []string{name}, t.ChildByField(c, syntax.FRight), true
				}
			case syntax.PairPattern:
				kn := t.ChildByField(c, syntax.FKey)
				key, ok := t.StringValue(kn)
				if !ok {
					key = t.Text(kn)
				}
				if keys, def, ok := patternPath(t, t.ChildByField(c, syntax.FValue), name); ok {
					return append([]string{key}, keys...), def, true
				}
			case syntax.RestPattern:
				if keys, def, ok := patternPath(t, t.FirstNamedChild(c), name); ok {
					return keys, def, true
				}
			}
		}
	case syntax.ArrayPattern:
		for _, c := range t.NamedChildren(pat) {
			if keys, def, ok := patternPath(t, c, name); ok {
				return append([]string{anyElement}, keys...), def, true
			}
		}
	case syntax.RestPattern:
		return patternPath(t, t.FirstNamedChild(pat), name)
	}
	return nil, syntax.None, false
}

// forOfSource returns the collection of the innermost enclosing `for (const name of collection)` loop that
// binds the identifier n (the caller found no other definition of the name).
func forOfSource(t *syntax.Tree, n syntax.NodeID, name string) (syntax.NodeID, bool) {
	for p := t.Parent(n); p != syntax.None; p = t.Parent(p) {
		if t.Kind(p) != syntax.ForInStatement {
			continue
		}
		left := t.ChildByField(p, syntax.FLeft)
		if t.TextIs(left, name) && t.TextIs(t.ChildByField(p, syntax.FOperator), "of") && n != left {
			return t.ChildByField(p, syntax.FRight), true
		}
	}
	return syntax.None, false
}

// staticField returns the value of static field prop of the class obj names in this file.
func staticField(f *jsmodel.File, obj syntax.NodeID, prop string) (syntax.NodeID, bool) {
	t := f.Tree
	b, found := f.Bindings[t.Text(obj)]
	if !found || b.Kind != jsmodel.BindClass || t.Kind(obj) != syntax.Identifier {
		return syntax.None, false
	}
	for _, m := range t.NamedChildren(t.ChildByField(b.Init, syntax.FBody)) {
		if k := t.Kind(m); (k == syntax.PublicFieldDefinition || k == syntax.FieldDefinition) && t.TextIs(t.ChildByField(m, syntax.FName), prop) && isStaticField(t, m) {
			if val := t.ChildByField(m, syntax.FValue); val != syntax.None {
				return val, true
			}
		}
	}
	return syntax.None, false
}
