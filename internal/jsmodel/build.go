package jsmodel

import (
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/syntax"
)

// Build extracts the model of one module from its tree. It never fails: whatever parsed is modelled.
func Build(path string, t *syntax.Tree) *File {
	f := &File{Path: path, Tree: t, Bindings: map[string]Binding{}}
	root := t.Root()
	if root == syntax.None {
		return f
	}
	f.Directives = directivePrologue(t, root)

	// One pre-order pass over all nodes. Enclosing functions are tracked with a stack of (function, end)
	// pairs, so no recursion is involved.
	type open struct {
		fn  FuncID
		end syntax.NodeID
	}
	var stack []open
	n := syntax.NodeID(len(t.Nodes))
	for i := syntax.NodeID(0); i < n; i++ {
		for len(stack) > 0 && i >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
		}
		cur := NoFunc
		if len(stack) > 0 {
			cur = stack[len(stack)-1].fn
		}
		switch t.Nodes[i].Kind {
		case syntax.FunctionDeclaration, syntax.GeneratorFunctionDeclaration, syntax.FunctionExpression,
			syntax.GeneratorFunction, syntax.ArrowFunction, syntax.MethodDefinition:
			id := FuncID(len(f.Functions))
			f.Functions = append(f.Functions, buildFunction(t, i, cur))
			stack = append(stack, open{fn: id, end: i + t.Nodes[i].Size})
		case syntax.CallExpression:
			f.addCall(i, cur, false)
		case syntax.NewExpression:
			f.addCall(i, cur, true)
		}
	}

	// Module-level statements: imports, exports, bindings.
	for s := t.FirstChild(root); s != syntax.None; s = t.NextSibling(s) {
		switch t.Kind(s) {
		case syntax.ImportStatement:
			f.addImportStatement(s)
		case syntax.ExportStatement:
			f.addExportStatement(s)
		case syntax.LexicalDeclaration, syntax.VariableDeclaration:
			f.addVariables(s)
		case syntax.FunctionDeclaration, syntax.GeneratorFunctionDeclaration, syntax.ClassDeclaration, syntax.AbstractClassDeclaration:
			f.addDeclBinding(s)
		case syntax.ExpressionStatement:
			f.addCommonJSExport(s)
		}
	}
	f.sortImports()
	return f
}

// sortImports puts imports in source order (dynamic imports and require calls were collected during the
// node pass, before the import statements) and re-points the import bindings.
func (f *File) sortImports() {
	sort.SliceStable(f.Imports, func(i, j int) bool { return f.Imports[i].Node < f.Imports[j].Node })
	for name, b := range f.Bindings {
		if b.Kind != BindImport {
			continue
		}
		for i := range f.Imports {
			if f.Imports[i].Node == b.Node && f.Imports[i].Local == name {
				b.Import = i
				f.Bindings[name] = b
				break
			}
		}
	}
}

// directivePrologue returns the leading string-literal statements of a body.
func directivePrologue(t *syntax.Tree, body syntax.NodeID) []string {
	var out []string
	for s := t.FirstChild(body); s != syntax.None; s = t.NextSibling(s) {
		if t.Kind(s) != syntax.ExpressionStatement {
			break
		}
		e := t.FirstNamedChild(s)
		if t.Kind(e) != syntax.String || t.NextSibling(e) != syntax.None && t.Kind(t.NextSibling(e)) != syntax.Token {
			break
		}
		v, _ := t.StringValue(e)
		out = append(out, v)
	}
	return out
}

func buildFunction(t *syntax.Tree, n syntax.NodeID, parent FuncID) Function {
	fn := Function{Node: n, Parent: parent, Async: t.HasToken(n, "async"), Body: t.ChildByField(n, syntax.FBody)}
	fn.Name = functionName(t, n)
	if ps := t.ChildByField(n, syntax.FParameters); ps != syntax.None {
		for p := t.FirstChild(ps); p != syntax.None; p = t.NextSibling(p) {
			if t.Nodes[p].Flags&syntax.FlagNamed == 0 || t.Kind(p) == syntax.Decorator {
				continue
			}
			fn.Params = append(fn.Params, buildParam(t, p))
		}
	} else if p := t.ChildByField(n, syntax.FParameter); p != syntax.None {
		fn.Params = append(fn.Params, buildParam(t, p)) // x => …
	}
	if t.Kind(fn.Body) == syntax.StatementBlock {
		for _, d := range directivePrologue(t, fn.Body) {
			if d == "use server" {
				fn.Directive = d
			}
		}
	}
	return fn
}

func buildParam(t *syntax.Tree, p syntax.NodeID) Param {
	pr := Param{Pattern: p, Default: syntax.None}
	switch t.Kind(p) {
	case syntax.RequiredParameter, syntax.OptionalParameter:
		pr.Pattern = t.ChildByField(p, syntax.FPattern)
		pr.Default = t.ChildByField(p, syntax.FValue)
	case syntax.AssignmentPattern:
		pr.Pattern = t.ChildByField(p, syntax.FLeft)
		pr.Default = t.ChildByField(p, syntax.FRight)
	}
	if t.Kind(pr.Pattern) == syntax.RestPattern {
		pr.Rest = true
		pr.Pattern = t.FirstNamedChild(pr.Pattern)
	}
	if k := t.Kind(pr.Pattern); k == syntax.Identifier || k == syntax.This {
		pr.Name = t.Text(pr.Pattern)
	}
	return pr
}

// functionName names a function after its declaration or the place it is bound to.
func functionName(t *syntax.Tree, n syntax.NodeID) string {
	if name := t.ChildByField(n, syntax.FName); name != syntax.None {
		return t.Text(name)
	}
	p := t.Parent(n)
	for t.Kind(p) == syntax.ParenthesizedExpression || t.Kind(p) == syntax.AsExpression || t.Kind(p) == syntax.SatisfiesExpression {
		p = t.Parent(p)
	}
	switch t.Kind(p) {
	case syntax.VariableDeclarator:
		if name := t.ChildByField(p, syntax.FName); t.Kind(name) == syntax.Identifier {
			return t.Text(name)
		}
	case syntax.Pair:
		return propertyKeyName(t, t.ChildByField(p, syntax.FKey))
	case syntax.AssignmentExpression:
		return Chain(t, t.ChildByField(p, syntax.FLeft))
	case syntax.PublicFieldDefinition:
		return propertyKeyName(t, t.ChildByField(p, syntax.FName))
	}
	return ""
}

func propertyKeyName(t *syntax.Tree, k syntax.NodeID) string {
	if v, ok := t.StringValue(k); ok {
		return v
	}
	switch t.Kind(k) {
	case syntax.PropertyIdentifier, syntax.Identifier, syntax.Number, syntax.PrivatePropertyIdentifier:
		return t.Text(k)
	}
	return ""
}

// Chain renders an expression as a member chain: identifiers, `this`, `super` and property accesses joined
// by dots; a call in the chain becomes "(...)" ("z.object(...).parse"); a string subscript is a property
// (`a["b"]` → "a.b"); optional chaining, non-null assertions, casts and parentheses are transparent. It
// returns "" for anything else.
func Chain(t *syntax.Tree, n syntax.NodeID) string {
	var parts []string
	for steps := 0; steps < 64; steps++ {
		n = t.Unparen(n)
		switch t.Kind(n) {
		case syntax.Identifier, syntax.This, syntax.Super, syntax.Import, syntax.ShorthandPropertyIdentifier:
			parts = append(parts, t.Text(n))
			return joinReversed(parts)
		case syntax.MemberExpression:
			prop := t.ChildByField(n, syntax.FProperty)
			parts = append(parts, t.Text(prop))
			n = t.ChildByField(n, syntax.FObject)
		case syntax.SubscriptExpression:
			v, ok := t.StringValue(t.ChildByField(n, syntax.FIndex))
			if !ok || v == "" || strings.ContainsAny(v, ". ") {
				return ""
			}
			parts = append(parts, v)
			n = t.ChildByField(n, syntax.FObject)
		case syntax.CallExpression:
			if len(parts) == 0 {
				return ""
			}
			parts[len(parts)-1] = "(...)." + parts[len(parts)-1]
			n = t.ChildByField(n, syntax.FFunction)
		case syntax.AwaitExpression:
			// (await x).y: the awaited value's chain.
			n = t.FirstNamedChild(n)
		default:
			return ""
		}
	}
	return ""
}

func joinReversed(parts []string) string {
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		p := parts[i]
		if b.Len() > 0 && !strings.HasPrefix(p, "(...)") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func (f *File) addCall(n syntax.NodeID, cur FuncID, isNew bool) {
	t := f.Tree
	c := Call{Node: n, Func: cur, New: isNew, Args: t.ChildByField(n, syntax.FArguments)}
	callee := t.ChildByField(n, syntax.FFunction)
	if isNew {
		callee = t.ChildByField(n, syntax.FConstructor)
	}
	if t.Kind(c.Args) == syntax.TemplateString {
		c.Tagged = true
	}
	c.Callee = Chain(t, callee)
	f.Calls = append(f.Calls, c)

	// Dynamic imports and require() with a constant specifier are imports too.
	if c.Callee == "import" || c.Callee == "require" && !isNew {
		args := f.ArgList(&c)
		if len(args) == 0 {
			return
		}
		src, ok := t.StringValue(args[0])
		if !ok {
			return
		}
		imp := Import{Source: src, Kind: ImportDynamic, Node: n}
		if c.Callee == "require" {
			imp.Kind = ImportRequire
			if d := t.Parent(n); t.Kind(d) == syntax.VariableDeclarator && t.Kind(t.ChildByField(d, syntax.FName)) == syntax.Identifier {
				imp.Local = t.Text(t.ChildByField(d, syntax.FName))
			}
		}
		f.Imports = append(f.Imports, imp)
	}
}

func (f *File) addImportStatement(s syntax.NodeID) {
	t := f.Tree
	src, _ := t.StringValue(t.ChildByField(s, syntax.FSource))
	typeOnly := t.HasToken(s, "type")
	clause := t.ChildOfKind(s, syntax.ImportClause)
	if clause == syntax.None {
		if r := t.ChildOfKind(s, syntax.ImportRequireClause); r != syntax.None {
			// import x = require("m")
			id := t.FirstNamedChild(r)
			rs, _ := t.StringValue(t.ChildByField(r, syntax.FSource))
			f.addImport(Import{Source: rs, Kind: ImportDefault, Imported: "default", Local: t.Text(id), Node: r})
			return
		}
		f.Imports = append(f.Imports, Import{Source: src, Kind: ImportSideEffect, Node: s, TypeOnly: typeOnly})
		return
	}
	for c := t.FirstChild(clause); c != syntax.None; c = t.NextSibling(c) {
		switch t.Kind(c) {
		case syntax.Identifier:
			f.addImport(Import{Source: src, Kind: ImportDefault, Imported: "default", Local: t.Text(c), Node: c, TypeOnly: typeOnly})
		case syntax.NamespaceImport:
			f.addImport(Import{Source: src, Kind: ImportNamespace, Local: t.Text(t.FirstNamedChild(c)), Node: c, TypeOnly: typeOnly})
		case syntax.NamedImports:
			for sp := t.FirstChild(c); sp != syntax.None; sp = t.NextSibling(sp) {
				if t.Kind(sp) != syntax.ImportSpecifier {
					continue
				}
				name := specifierName(t, t.ChildByField(sp, syntax.FName))
				local := name
				if a := t.ChildByField(sp, syntax.FAlias); a != syntax.None {
					local = t.Text(a)
				}
				kind := ImportNamed
				if name == "default" {
					kind = ImportDefault
				}
				f.addImport(Import{Source: src, Kind: kind, Imported: name, Local: local, Node: sp, TypeOnly: typeOnly || t.HasToken(sp, "type")})
			}
		}
	}
}

// specifierName returns an import/export specifier's name; string names (`export { "a-b" as c }`) are
// unquoted.
func specifierName(t *syntax.Tree, n syntax.NodeID) string {
	if v, ok := t.StringValue(n); ok {
		return v
	}
	return t.Text(n)
}

func (f *File) addImport(imp Import) {
	f.Imports = append(f.Imports, imp)
	if imp.Local != "" {
		f.Bindings[imp.Local] = Binding{Kind: BindImport, Node: imp.Node, Init: syntax.None, Func: NoFunc, Import: len(f.Imports) - 1}
	}
}

func (f *File) addExportStatement(s syntax.NodeID) {
	t := f.Tree
	src, hasSource := t.StringValue(t.ChildByField(s, syntax.FSource))
	typeOnly := t.HasToken(s, "type")
	isDefault := t.HasToken(s, "default")

	if decl := t.ChildByField(s, syntax.FDeclaration); decl != syntax.None {
		switch t.Kind(decl) {
		case syntax.LexicalDeclaration, syntax.VariableDeclaration:
			f.addVariables(decl)
			for d := t.FirstChild(decl); d != syntax.None; d = t.NextSibling(d) {
				if t.Kind(d) != syntax.VariableDeclarator {
					continue
				}
				name, value := t.ChildByField(d, syntax.FName), t.ChildByField(d, syntax.FValue)
				if t.Kind(name) == syntax.Identifier {
					f.Exports = append(f.Exports, Export{Name: t.Text(name), Kind: ExportValue, Local: t.Text(name), Value: value, Func: f.funcOfValue(value), Node: name})
					continue
				}
				for _, id := range patternNames(t, name) {
					f.Exports = append(f.Exports, Export{Name: t.Text(id), Kind: ExportDestructured, Local: t.Text(id), Value: value, Func: NoFunc, Node: id})
				}
			}
		default:
			f.addDeclBinding(decl)
			name := t.ChildByField(decl, syntax.FName)
			ex := Export{Name: t.Text(name), Kind: ExportDecl, Local: t.Text(name), Value: decl, Func: f.FuncOf(decl), Node: name, TypeOnly: isTypeDecl(t.Kind(decl))}
			if name == syntax.None {
				ex.Node = decl
			}
			if isDefault {
				ex.Name = "default"
			}
			f.Exports = append(f.Exports, ex)
		}
		return
	}
	if v := t.ChildByField(s, syntax.FValue); v != syntax.None {
		ex := Export{Name: "default", Kind: ExportDefaultExpr, Value: v, Func: f.funcOfValue(v), Node: s}
		if t.Kind(t.Unparen(v)) == syntax.Identifier {
			ex.Local = t.Text(t.Unparen(v))
		}
		f.Exports = append(f.Exports, ex)
		return
	}
	if clause := t.ChildOfKind(s, syntax.ExportClause); clause != syntax.None {
		for sp := t.FirstChild(clause); sp != syntax.None; sp = t.NextSibling(sp) {
			if t.Kind(sp) != syntax.ExportSpecifier {
				continue
			}
			name := specifierName(t, t.ChildByField(sp, syntax.FName))
			exported := name
			if a := t.ChildByField(sp, syntax.FAlias); a != syntax.None {
				exported = specifierName(t, a)
			}
			to := typeOnly || t.HasToken(sp, "type")
			if hasSource {
				f.Exports = append(f.Exports, Export{Name: exported, Kind: ExportFrom, Source: src, Imported: name, Value: syntax.None, Func: NoFunc, Node: sp, TypeOnly: to})
			} else {
				f.Exports = append(f.Exports, Export{Name: exported, Kind: ExportLocal, Local: name, Value: syntax.None, Func: NoFunc, Node: sp, TypeOnly: to})
			}
		}
		return
	}
	if ns := t.ChildOfKind(s, syntax.NamespaceExport); ns != syntax.None && hasSource {
		f.Exports = append(f.Exports, Export{Name: specifierName(t, t.FirstNamedChild(ns)), Kind: ExportNamespaceFrom, Source: src, Value: syntax.None, Func: NoFunc, Node: ns, TypeOnly: typeOnly})
		return
	}
	if hasSource && t.HasToken(s, "*") {
		f.Exports = append(f.Exports, Export{Kind: ExportAll, Source: src, Value: syntax.None, Func: NoFunc, Node: s, TypeOnly: typeOnly})
	}
}

func isTypeDecl(k syntax.Kind) bool {
	switch k {
	case syntax.InterfaceDeclaration, syntax.TypeAliasDeclaration, syntax.AmbientDeclaration:
		return true
	}
	return false
}

// funcOfValue returns the function a value expression is, looking through parentheses and casts.
func (f *File) funcOfValue(v syntax.NodeID) FuncID {
	if v == syntax.None {
		return NoFunc
	}
	return f.FuncOf(f.Tree.Unparen(v))
}

func (f *File) addVariables(decl syntax.NodeID) {
	t := f.Tree
	for d := t.FirstChild(decl); d != syntax.None; d = t.NextSibling(d) {
		if t.Kind(d) != syntax.VariableDeclarator {
			continue
		}
		name, value := t.ChildByField(d, syntax.FName), t.ChildByField(d, syntax.FValue)
		if t.Kind(name) == syntax.Identifier {
			f.Bindings[t.Text(name)] = Binding{Kind: BindVariable, Node: name, Init: value, Func: f.funcOfValue(value), Import: -1}
			continue
		}
		for _, id := range patternNames(t, name) {
			f.Bindings[t.Text(id)] = Binding{Kind: BindVariable, Node: id, Init: value, Func: NoFunc, Import: -1, Destructured: true}
		}
	}
}

func (f *File) addDeclBinding(decl syntax.NodeID) {
	t := f.Tree
	name := t.ChildByField(decl, syntax.FName)
	if name == syntax.None {
		return
	}
	kind := BindClass
	fn := f.FuncOf(decl)
	if fn != NoFunc {
		kind = BindFunction
	}
	if isTypeDecl(t.Kind(decl)) {
		return
	}
	f.Bindings[t.Text(name)] = Binding{Kind: kind, Node: name, Init: decl, Func: fn, Import: -1}
}

// addCommonJSExport records `module.exports = x`, `module.exports.x = y` and `exports.x = y`.
func (f *File) addCommonJSExport(s syntax.NodeID) {
	t := f.Tree
	a := t.FirstNamedChild(s)
	if t.Kind(a) != syntax.AssignmentExpression {
		return
	}
	left, right := Chain(t, t.ChildByField(a, syntax.FLeft)), t.ChildByField(a, syntax.FRight)
	name := ""
	switch {
	case left == "module.exports":
		name = "default"
	case strings.HasPrefix(left, "module.exports.") && !strings.Contains(left[len("module.exports."):], "."):
		name = left[len("module.exports."):]
	case strings.HasPrefix(left, "exports.") && !strings.Contains(left[len("exports."):], "."):
		name = left[len("exports."):]
	default:
		return
	}
	ex := Export{Name: name, Kind: ExportCommonJS, Value: right, Func: f.funcOfValue(right), Node: t.ChildByField(a, syntax.FLeft)}
	if t.Kind(t.Unparen(right)) == syntax.Identifier {
		ex.Local = t.Text(t.Unparen(right))
	}
	f.Exports = append(f.Exports, ex)
}

// patternNames returns the identifiers a destructuring pattern binds, in source order.
func patternNames(t *syntax.Tree, p syntax.NodeID) []syntax.NodeID {
	var out []syntax.NodeID
	t.Walk(p, func(n syntax.NodeID) bool {
		switch t.Kind(n) {
		case syntax.ShorthandPropertyIdentifierPattern:
			out = append(out, n)
			return false
		case syntax.Identifier:
			// In `{ a: b }` the binding is b (the value); keys are property_identifiers, not identifiers.
			if par := t.Parent(n); t.Kind(par) == syntax.AssignmentPattern && t.Nodes[n].Field == syntax.FRight ||
				t.Kind(par) == syntax.ObjectAssignmentPattern && t.Nodes[n].Field == syntax.FRight {
				return false // default values are not bindings
			}
			out = append(out, n)
			return false
		case syntax.PairPattern:
			// Skip the key; walk the value.
			if v := t.ChildByField(n, syntax.FValue); v != syntax.None {
				out = append(out, patternNames(t, v)...)
			}
			return false
		}
		return t.Kind(n) != syntax.Number && t.Kind(n) != syntax.String
	})
	return out
}

// Comments returns the text of each comment, in source order.
func (f *File) Comments() []string {
	out := make([]string, len(f.Tree.Comments))
	for i, c := range f.Tree.Comments {
		out[i] = string(f.Tree.Src[c.Start:c.End])
	}
	return out
}
