// Package modgraph follows names across modules: given a name used in one parsed file, it finds the
// declaration it stands for, through imports, re-exports (`export { a as b } from`, `export *`,
// `export * as ns`), barrels, namespace imports and CommonJS require/exports, or the package export it
// comes from when it leaves the project ("getServerSession" of "next-auth").
//
// It reads the project's parsed files and resolves specifiers with the project's resolver; it never parses
// or reads a file itself, so a module the loader did not parse (reached only through type-only imports, or
// excluded) is a dead end. A Graph holds no mutable state and is safe for concurrent use.
//
// Names are followed the way the ECMAScript module semantics define them, with the simplifications noted on
// each method. Every query terminates: a name already being followed in the same query (a re-export
// cycle) and chains longer than maxDepth come back Unresolved.
package modgraph

import (
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/resolve"
	"github.com/archlint/archlint/internal/syntax"
)

// maxDepth bounds how many modules one query may pass through.
const maxDepth = 64

// Graph answers name queries over a loaded project.
type Graph struct {
	p *project.Project
}

// New returns the graph of p's parsed files.
func New(p *project.Project) *Graph {
	return &Graph{p: p}
}

// SymbolKind says what a Symbol is.
type SymbolKind uint8

// Symbol kinds.
const (
	// Unresolved: the name could not be followed (unknown name, unparsed or unresolvable module, cycle).
	Unresolved SymbolKind = iota
	// Local: a declaration in a parsed project file.
	Local
	// External: an export of a package outside the project (node_modules or a builtin).
	External
)

// Symbol is what a name stands for.
type Symbol struct {
	Kind SymbolKind
	// File is the defining file (Local).
	File *jsmodel.File
	// Name is, for Local symbols, the module-level binding name in File (look it up in File.Bindings), or,
	// when Expr is set, the export name; "" for a module namespace. For External symbols it is the
	// exported name ("default" for a default import), "" for the namespace of the package. For Unresolved
	// symbols it is the name the walk was looking for where it stopped (an export name, or the name given
	// to Local), so that a caller can still recognise a well-known name imported from a module that is not
	// in the repository, such as generated code: "PrismaClient" from "../generated/prisma/client".
	Name string
	// Package and Subpath name the module of an External symbol: "@clerk/nextjs" and "server" for
	// "@clerk/nextjs/server".
	Package, Subpath string
	// Namespace is set when the symbol is a whole module namespace (`import * as ns`, `export * as ns`,
	// `const x = require("…")`, `import("…")`); Member resolves its members.
	Namespace bool
	// Expr is, for a Local export that has no binding (`export default function () {}`,
	// `export default withAuth(handler)`, `exports.x = …`), the exported expression or declaration node in
	// File; syntax.None otherwise.
	Expr syntax.NodeID
}

// unresolved is the Unresolved symbol for a walk that stopped looking for name.
func unresolved(name string) Symbol {
	return Symbol{Kind: Unresolved, Name: name, Expr: syntax.None}
}

func local(f *jsmodel.File, name string) Symbol {
	return Symbol{Kind: Local, File: f, Name: name, Expr: syntax.None}
}

func namespaceOf(f *jsmodel.File) Symbol {
	return Symbol{Kind: Local, File: f, Namespace: true, Expr: syntax.None}
}

func external(res resolve.Result, name string) Symbol {
	return Symbol{Kind: External, Package: res.Package, Subpath: res.Subpath, Name: name, Namespace: name == "", Expr: syntax.None}
}

// File returns the parsed file at the Base-relative path, or nil.
func (g *Graph) File(path string) *jsmodel.File {
	return g.p.Files[path]
}

// Local returns what the module-level name of f stands for: a declaration of f (function, class, variable
// — including destructured ones) is Local{f, name}; an imported name is followed (see ResolveImport);
// `const x = require("m")` makes x the namespace of m, and `const { a, b: c } = require("m")` makes a and c
// m's exports a and b. A name f does not declare at module level is Unresolved.
func (g *Graph) Local(f *jsmodel.File, name string) Symbol {
	return g.newQuery().local(f, name)
}

// Export returns what export `name` of module f stands for. Explicit exports are looked at first, in
// source order and whatever their position relative to `export *`:
//   - `export function name`, `export class`, `export const name = …`, `export const { name } = …`: the
//     local declaration;
//   - `export { a as name }`: the local name a, followed if it is an import;
//   - `export { a as name } from "m"`: export a of m; `export * as name from "m"`: the namespace of m;
//   - `export default ident`: ident, followed if it is an import; other default exports and CommonJS
//     `exports.name = expr` / `module.exports = expr` have no binding: Local with Expr set (an identifier
//     on the right is followed instead);
//   - `module.exports = { name, other: ident }`: the object's property (an identifier value is followed);
//   - "default" of a CommonJS module that only assigns `exports.x = …`: the module's namespace.
//
// Then, unless a type-only export of the name shadows them, the `export * from` modules, in source order,
// except for "default" (which `export *` never re-exports): the first project module that has the name
// wins; a package's `export *` is taken (as External{pkg, name}) only when every other star-exported
// module was looked into, recursively, and none has the name — a module that was not parsed or cannot be
// resolved might have had it. A name found nowhere is Unresolved.
func (g *Graph) Export(f *jsmodel.File, name string) Symbol {
	return g.newQuery().export(f, name)
}

// Member returns member of a namespace symbol: Export(File, member) for a project module,
// External{Package, Subpath, member} for a package. Any other symbol gives Unresolved.
func (g *Graph) Member(s Symbol, member string) Symbol {
	if !s.Namespace {
		return unresolved(member)
	}
	switch s.Kind {
	case Local:
		return g.Export(s.File, member)
	case External:
		return Symbol{Kind: External, Package: s.Package, Subpath: s.Subpath, Name: member, Expr: syntax.None}
	}
	return unresolved(member)
}

// ResolveImport returns what the import imp of from stands for: the export it names (default or named
// imports), or the module namespace (namespace imports, require, dynamic import). A module left to
// node_modules gives External symbols; a project module that was not parsed, a specifier that resolves to
// nothing and a side-effect import give Unresolved.
func (g *Graph) ResolveImport(from *jsmodel.File, imp *jsmodel.Import) Symbol {
	return g.newQuery().importSym(from, imp)
}

// query is one Graph call's walk: the (module, name) pairs entered, to cut cycles, and the depth.
type query struct {
	g       *Graph
	visited []visit // few per query: a slice beats a map
	depth   int
	// incomplete is set when a star-export search met a module it could not look into (not parsed,
	// unresolvable, or beyond maxDepth): a name not found may then still exist, so a package's
	// `export *` must not be guessed as its source.
	incomplete bool
}

type visit struct {
	file *jsmodel.File
	name string
	op   byte // 'l' local, 'e' export
}

func (g *Graph) newQuery() *query {
	return &query{g: g}
}

// enter marks (f, name, op) as being followed; false when it already is (a cycle) or the walk is too deep.
func (q *query) enter(f *jsmodel.File, name string, op byte) bool {
	v := visit{f, name, op}
	for _, w := range q.visited {
		if w == v {
			return false
		}
	}
	if q.depth >= maxDepth {
		q.incomplete = true
		return false
	}
	q.visited = append(q.visited, v)
	q.depth++
	return true
}

// leave undoes the depth step of enter; the pair stays visited, since a name that failed once in a query
// fails again.
func (q *query) leave() { q.depth-- }

// module resolves spec as written in from: the parsed file, or the package result, or neither.
func (q *query) module(from *jsmodel.File, spec string) (*jsmodel.File, resolve.Result) {
	res := q.g.p.Resolver.Resolve(from.Path, spec)
	if res.Kind == resolve.Local {
		return q.g.p.Files[res.Path], res
	}
	return nil, res
}

func (q *query) local(f *jsmodel.File, name string) Symbol {
	b, ok := f.Bindings[name]
	if !ok || !q.enter(f, name, 'l') {
		return unresolved(name)
	}
	defer q.leave()
	switch b.Kind {
	case jsmodel.BindImport:
		if b.Import >= 0 && b.Import < len(f.Imports) {
			return q.importSym(f, &f.Imports[b.Import])
		}
		return unresolved(name)
	case jsmodel.BindVariable:
		if imp := requireOf(f, b); imp != nil {
			if !b.Destructured {
				return q.importSym(f, imp)
			}
			key, ok := destructuredKey(f.Tree, b.Node)
			if !ok {
				return unresolved(name)
			}
			mod, res := q.module(f, imp.Source)
			switch {
			case mod != nil:
				return q.export(mod, key)
			case res.Kind == resolve.Package:
				return external(res, key)
			}
			return unresolved(key)
		}
	}
	return local(f, name)
}

// requireOf returns the require import that initialises binding b (`const x = require("m")`,
// `const { a } = require("m")`), or nil.
func requireOf(f *jsmodel.File, b jsmodel.Binding) *jsmodel.Import {
	if b.Init == syntax.None {
		return nil
	}
	init := f.Tree.Unparen(b.Init)
	for i := range f.Imports {
		if imp := &f.Imports[i]; imp.Kind == jsmodel.ImportRequire && imp.Node == init {
			return imp
		}
	}
	return nil
}

// destructuredKey returns the property a name bound by an object pattern reads: "a" for `{ a }` and
// `{ a: b }` (id being b), false for array patterns, rest elements and nested patterns.
func destructuredKey(t *syntax.Tree, id syntax.NodeID) (string, bool) {
	switch p := t.Parent(id); t.Kind(p) {
	case syntax.ObjectPattern:
		if t.Kind(id) == syntax.ShorthandPropertyIdentifierPattern {
			return t.Text(id), true
		}
	case syntax.ObjectAssignmentPattern: // { a = 1 }
		if k := t.ChildByField(p, syntax.FLeft); k == id && t.Kind(t.Parent(p)) == syntax.ObjectPattern {
			return t.Text(id), true
		}
	case syntax.PairPattern:
		if t.ChildByField(p, syntax.FValue) == id && t.Kind(t.Parent(p)) == syntax.ObjectPattern {
			k := t.ChildByField(p, syntax.FKey)
			if v, ok := t.StringValue(k); ok {
				return v, true
			}
			if t.Kind(k) == syntax.PropertyIdentifier {
				return t.Text(k), true
			}
		}
	}
	return "", false
}

func (q *query) importSym(from *jsmodel.File, imp *jsmodel.Import) Symbol {
	mod, res := q.module(from, imp.Source)
	switch imp.Kind {
	case jsmodel.ImportDefault, jsmodel.ImportNamed:
		switch {
		case mod != nil:
			return q.export(mod, imp.Imported)
		case res.Kind == resolve.Package:
			return external(res, imp.Imported)
		}
	case jsmodel.ImportNamespace, jsmodel.ImportRequire, jsmodel.ImportDynamic:
		switch {
		case mod != nil:
			return namespaceOf(mod)
		case res.Kind == resolve.Package:
			return external(res, "")
		}
	}
	return unresolved(imp.Imported)
}

func (q *query) export(f *jsmodel.File, name string) Symbol {
	if !q.enter(f, name, 'e') {
		return unresolved(name)
	}
	defer q.leave()
	shadowed := false // by a type-only export of the name: star exports are not consulted
	for i := range f.Exports {
		ex := &f.Exports[i]
		if ex.Kind == jsmodel.ExportAll || ex.Name != name {
			continue
		}
		if ex.TypeOnly {
			shadowed = true
			continue
		}
		switch ex.Kind {
		case jsmodel.ExportDecl:
			if ex.Local == "" {
				return Symbol{Kind: Local, File: f, Name: name, Expr: ex.Value}
			}
			return local(f, ex.Local)
		case jsmodel.ExportValue, jsmodel.ExportDestructured, jsmodel.ExportLocal:
			return q.local(f, ex.Local)
		case jsmodel.ExportFrom:
			mod, res := q.module(f, ex.Source)
			switch {
			case mod != nil:
				return q.export(mod, ex.Imported)
			case res.Kind == resolve.Package:
				return external(res, ex.Imported)
			}
			return unresolved(ex.Imported)
		case jsmodel.ExportNamespaceFrom:
			mod, res := q.module(f, ex.Source)
			switch {
			case mod != nil:
				return namespaceOf(mod)
			case res.Kind == resolve.Package:
				return external(res, "")
			}
			return unresolved("")
		case jsmodel.ExportDefaultExpr, jsmodel.ExportCommonJS:
			if ex.Local != "" {
				if _, ok := f.Bindings[ex.Local]; ok {
					return q.local(f, ex.Local)
				}
			}
			return Symbol{Kind: Local, File: f, Name: name, Expr: ex.Value}
		}
	}
	if name != "default" {
		if s, ok := q.commonJSProperty(f, name); ok {
			return s
		}
	}
	if shadowed {
		return unresolved(name)
	}
	if name == "default" {
		// A CommonJS module without `module.exports = …` is imported whole by a default import.
		for i := range f.Exports {
			if f.Exports[i].Kind == jsmodel.ExportCommonJS {
				return namespaceOf(f)
			}
		}
		return unresolved(name)
	}
	var fallback *Symbol
	outer := q.incomplete
	q.incomplete = false
	for i := range f.Exports {
		ex := &f.Exports[i]
		if ex.Kind != jsmodel.ExportAll || ex.TypeOnly {
			continue
		}
		mod, res := q.module(f, ex.Source)
		switch {
		case mod != nil:
			if s := q.export(mod, name); s.Kind != Unresolved {
				q.incomplete = outer
				return s
			}
		case res.Kind == resolve.Package:
			if fallback == nil {
				s := external(res, name)
				fallback = &s
			}
		default:
			q.incomplete = true // an unparsed or unresolvable module might have had the name
		}
	}
	incomplete := q.incomplete
	q.incomplete = outer || incomplete
	if fallback != nil && !incomplete {
		return *fallback
	}
	return unresolved(name)
}

// commonJSProperty finds name in `module.exports = { name, other: ident }`: the property's identifier value
// followed as a local name. Other property values (functions, calls) give Local with Expr set.
func (q *query) commonJSProperty(f *jsmodel.File, name string) (Symbol, bool) {
	t := f.Tree
	for i := range f.Exports {
		ex := &f.Exports[i]
		if ex.Kind != jsmodel.ExportCommonJS || ex.Name != "default" || ex.Value == syntax.None {
			continue
		}
		obj := t.Unparen(ex.Value)
		if t.Kind(obj) != syntax.Object {
			continue
		}
		for p := t.FirstChild(obj); p != syntax.None; p = t.NextSibling(p) {
			switch t.Kind(p) {
			case syntax.ShorthandPropertyIdentifier:
				if t.Text(p) == name {
					return q.local(f, name), true
				}
			case syntax.Pair:
				k := t.ChildByField(p, syntax.FKey)
				key, ok := t.StringValue(k)
				if !ok {
					key = t.Text(k)
				}
				if key != name {
					continue
				}
				v := t.Unparen(t.ChildByField(p, syntax.FValue))
				if t.Kind(v) == syntax.Identifier {
					if _, ok := f.Bindings[t.Text(v)]; ok {
						return q.local(f, t.Text(v)), true
					}
				}
				return Symbol{Kind: Local, File: f, Name: name, Expr: v}, true
			case syntax.MethodDefinition:
				if k := t.ChildByField(p, syntax.FName); t.Text(k) == name {
					return Symbol{Kind: Local, File: f, Name: name, Expr: p}, true
				}
			}
		}
	}
	return unresolved(name), false
}
