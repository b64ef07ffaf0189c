// Package jsmodel extracts the per-file model of a JavaScript/TypeScript module from its flattened syntax
// tree: directives, imports, exports, module-level bindings, every function (declarations, arrows, function
// expressions, methods) with its parameters, and every call site with its callee as a member chain.
//
// The model is what cross-file analysis (module graph, endpoint model, guard summaries) consumes; rules
// that need statement-level detail walk the syntax.Tree the model keeps, using the node IDs recorded here.
// The package never reads files and never resolves anything across files.
package jsmodel

import (
	"strings"
	"sync"

	"github.com/archlint/archlint/internal/syntax"
)

// FuncID indexes File.Functions; NoFunc (-1) means module level.
type FuncID = int32

// NoFunc is the enclosing function of module-level code.
const NoFunc FuncID = -1

// File is the model of one module.
type File struct {
	// Path is the file's repository-relative path.
	Path string
	// Tree is the file's syntax tree.
	Tree *syntax.Tree
	// Directives are the module's directive prologue ("use server", "use client", "use strict"), in order.
	Directives []string
	Imports    []Import
	Exports    []Export
	// Bindings are the module-level declarations by local name.
	Bindings map[string]Binding
	// Functions are all function-like nodes in source (pre-)order; a function's Parent precedes it.
	Functions []Function
	// Calls are all call and `new` sites in source order.
	Calls []Call

	idxOnce sync.Once
	idx     *scopeIndex
}

// ImportKind says what an import binds.
type ImportKind uint8

// Import kinds.
const (
	// ImportDefault: `import x from "m"` (Imported is "default").
	ImportDefault ImportKind = iota + 1
	// ImportNamed: `import { a as b } from "m"`.
	ImportNamed
	// ImportNamespace: `import * as ns from "m"`.
	ImportNamespace
	// ImportSideEffect: `import "m"`.
	ImportSideEffect
	// ImportDynamic: `import("m")` with a constant specifier.
	ImportDynamic
	// ImportRequire: `require("m")` with a constant specifier; Local is set for `const x = require("m")`.
	ImportRequire
)

// Import is one imported binding (an import statement with three specifiers gives three Imports).
type Import struct {
	Source string
	Kind   ImportKind
	// Imported is the name exported by Source ("default" for default imports, "" for namespace, side-effect,
	// dynamic and require imports).
	Imported string
	// Local is the local binding name, "" when there is none.
	Local    string
	TypeOnly bool
	// Node is the specifier (or the statement/call for side-effect, dynamic and require imports).
	Node syntax.NodeID
}

// ExportKind says how a name is exported.
type ExportKind uint8

// Export kinds.
const (
	// ExportDecl: `export function f`, `export class C`, `export async function POST`.
	ExportDecl ExportKind = iota + 1
	// ExportValue: `export const X = expr` (Value is expr, or None for `export let x;`).
	ExportValue
	// ExportDestructured: `export const { GET, POST } = expr` (Value is expr; one Export per name).
	ExportDestructured
	// ExportLocal: `export { a as b }` of a local binding.
	ExportLocal
	// ExportFrom: `export { a as b } from "m"`.
	ExportFrom
	// ExportAll: `export * from "m"` (Name is "").
	ExportAll
	// ExportNamespaceFrom: `export * as ns from "m"`.
	ExportNamespaceFrom
	// ExportDefaultExpr: `export default expr` where expr is not a named declaration.
	ExportDefaultExpr
	// ExportCommonJS: `module.exports = expr` (Name "default") or `exports.x = expr` / `module.exports.x =`.
	ExportCommonJS
)

// Export is one exported name.
type Export struct {
	// Name is the exported name; "default" for default exports; "" for `export *`.
	Name string
	Kind ExportKind
	// Local is the local binding the export refers to, when there is one (declarations, ExportLocal,
	// ExportValue, and `export default ident`).
	Local string
	// Source is the module of a re-export.
	Source string
	// Imported is the name in Source for ExportFrom.
	Imported string
	// Value is the exported expression or declaration node, or None.
	Value syntax.NodeID
	// Func is the function the export is, when Value is a function literal or declaration; else NoFunc.
	Func FuncID
	// Node is where to point at the export (the declaration's name, the specifier, or the statement).
	Node     syntax.NodeID
	TypeOnly bool
}

// BindingKind says what declared a module-level name.
type BindingKind uint8

// Binding kinds.
const (
	BindImport BindingKind = iota + 1
	BindFunction
	BindClass
	BindVariable
)

// Binding is a module-level declaration.
type Binding struct {
	Kind BindingKind
	// Node is the declaring identifier.
	Node syntax.NodeID
	// Init is a variable's initializer (None if absent or destructured), a function's or class's node.
	Init syntax.NodeID
	// Func is the function when Init is a function literal or declaration, else NoFunc.
	Func FuncID
	// Import indexes File.Imports for BindImport.
	Import int
	// Destructured is true when the name comes from a destructuring pattern (`const { a } = x`); Init is
	// then the whole right-hand side.
	Destructured bool
}

// Param is a function parameter.
type Param struct {
	// Name is the parameter's identifier, "" for destructuring patterns.
	Name string
	// Pattern is the identifier or destructuring pattern node.
	Pattern syntax.NodeID
	// Default is the default value expression, or None.
	Default syntax.NodeID
	Rest    bool
}

// Function is a function-like node.
type Function struct {
	Node syntax.NodeID
	// Name is the declared name, else the variable, property or method name it is bound to
	// (`const f = () => {}`, `{ f: () => {} }`, `obj.f = function () {}` → "obj.f"), else "".
	Name   string
	Params []Param
	// Body is the statement block, or the expression of a concise arrow body.
	Body  syntax.NodeID
	Async bool
	// Parent is the enclosing function, or NoFunc.
	Parent FuncID
	// Directive is "use server" when the body starts with that directive (an inline server action).
	Directive string
}

// Call is a call or construction site.
type Call struct {
	// Node is the call_expression or new_expression.
	Node syntax.NodeID
	// Callee is the callee as a member chain: "prisma.user.findMany", "auth.api.getSession",
	// "z.object(...).parse", "this.db.query", "import". It is "" when the callee is not a chain of names
	// (a computed member, a call through a parenthesised expression, ...).
	Callee string
	// Args is the arguments node (for a tagged template, the template string).
	Args syntax.NodeID
	// Func is the enclosing function, or NoFunc.
	Func FuncID
	// Tagged is true for tagged templates (prisma.$queryRaw`...`).
	Tagged bool
	// New is true for `new X(...)`.
	New bool
}

// Root returns the callee's first name ("prisma" for "prisma.user.findMany").
func (c *Call) Root() string {
	r, _, _ := strings.Cut(c.Callee, ".")
	return r
}

// Last returns the callee's last name ("findMany" for "prisma.user.findMany").
func (c *Call) Last() string {
	if i := strings.LastIndexByte(c.Callee, '.'); i >= 0 {
		return c.Callee[i+1:]
	}
	return c.Callee
}

// ArgList returns the argument expressions of a call (none for tagged templates).
func (f *File) ArgList(c *Call) []syntax.NodeID {
	if c.Tagged || c.Args == syntax.None {
		return nil
	}
	return f.Tree.NamedChildren(c.Args)
}

// HasDirective reports whether the module's directive prologue contains d ("use server").
func (f *File) HasDirective(d string) bool {
	for _, x := range f.Directives {
		if x == d {
			return true
		}
	}
	return false
}

// Export returns the export with the given name, or nil.
func (f *File) Export(name string) *Export {
	for i := range f.Exports {
		if f.Exports[i].Name == name {
			return &f.Exports[i]
		}
	}
	return nil
}

// FuncAt returns the innermost function containing node n, or NoFunc.
func (f *File) FuncAt(n syntax.NodeID) FuncID {
	if n < 0 || int(n) >= len(f.Tree.Nodes) {
		return NoFunc
	}
	return f.index().funcAt[n]
}

// FuncOf returns the function whose node is n, or NoFunc.
func (f *File) FuncOf(n syntax.NodeID) FuncID {
	lo, hi := 0, len(f.Functions)
	for lo < hi {
		m := (lo + hi) / 2
		if f.Functions[m].Node < n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(f.Functions) && f.Functions[lo].Node == n {
		return FuncID(lo)
	}
	return NoFunc
}
