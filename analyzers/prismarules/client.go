package prismarules

// Is this expression a Prisma client?
//
// prisma/unindexed-query-filter only looks at calls of the form <client>.<model>.<method>(…) where the
// schema has the model and the method is a Prisma Client method; both together already exclude most
// look-alikes. The client expression must also be plausibly Prisma, decided in this order:
//
//  1. A parameter of a callback passed to `….$transaction(…)` is a transaction client (`tx`).
//  2. A parameter annotated with a type that mentions Prisma (`PrismaClient`, `Prisma.TransactionClient`)
//     is one.
//  3. A variable whose initialiser contains `new PrismaClient(…)` is one (`globalForPrisma.prisma ?? new
//     PrismaClient()`); a variable initialised from another expression is judged by that expression
//     (`const db = ctx.prisma`).
//  4. An imported binding is followed to the module that exports it (through re-exports, a few hops):
//     the binding is a client when that module imports from Prisma (`@prisma/client`, `@prisma/*`,
//     `.prisma/client`, a generated client path with "generated" and "prisma" in it, ZenStack's runtime) or
//     constructs a PrismaClient; it is NOT one when the module is a project file without any such
//     evidence (a tRPC `api`, a Drizzle `db`). This is the only negative evidence.
//  5. A chain (`prisma.client`, `ctx.db`) is judged by its root name as above: umami's `prisma.client`,
//     where `prisma` is imported from a module that creates the client, is one.
//  6. Otherwise (globals, parameters, `this.prisma`, unparsed or external modules) the name decides: the
//     last name of the client expression contains "prisma", is or ends in "db", or is "database", "tx",
//     "trx" or "transaction".

import (
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/resolve"
	"github.com/archlint/archlint/internal/syntax"
)

// verdict is a three-way answer.
type verdict uint8

const (
	unknown verdict = iota
	yes
	no
)

// maxHops bounds how far bindings are followed through variables, imports and re-exports.
const maxHops = 6

// clients decides whether expressions are Prisma clients, caching what it learns about modules.
type clients struct {
	p *project.Project
	// evidence caches whether a module imports from Prisma or constructs a PrismaClient.
	evidence map[string]bool
}

func newClients(p *project.Project) *clients {
	return &clients{p: p, evidence: map[string]bool{}}
}

// isClient reports whether the client expression (the callee chain without its model and method
// parts, as splitChain returns them: ["prisma"], ["ctx", "prisma"], ["getDb()"]) of the call at node at in f is plausibly a Prisma client.
func (cs *clients) isClient(f *jsmodel.File, at syntax.NodeID, client []string) bool {
	if len(client) == 0 {
		return false
	}
	if v := cs.chainVerdict(f, at, client, maxHops); v != unknown {
		return v == yes
	}
	return nameSaysClient(client[len(client)-1])
}

// chainVerdict judges a client chain by what defines its root.
func (cs *clients) chainVerdict(f *jsmodel.File, at syntax.NodeID, client []string, hops int) verdict {
	if hops == 0 {
		return unknown
	}
	root, call := strings.CutSuffix(client[0], "()")
	if len(client) > 1 && !call {
		// prisma.client (a wrapper module), ctx.prisma, this.db: a property of something. Judge the root
		// as a whole: an import from a module that uses Prisma says yes, one from a project module that
		// does not says no; anything else (a parameter, this) leaves it to the name.
		return cs.chainVerdict(f, at, client[:1], hops-1)
	}
	// root is a single name (prisma, tx) or a function whose result is the client (getPrisma(...)). Every
	// definition is judged; one that says yes wins over one that says no.
	out := unknown
	for _, d := range f.Defs(root, at) {
		v := cs.defVerdict(f, root, call, d, hops)
		if v == yes {
			return yes
		}
		if v == no {
			out = no
		}
	}
	return out
}

// defVerdict judges one definition of the root name of a client chain.
func (cs *clients) defVerdict(f *jsmodel.File, root string, call bool, d jsmodel.Def, hops int) verdict {
	switch d.Kind {
	case jsmodel.DefParam:
		if call {
			return unknown
		}
		if isTransactionCallback(f, d.Func) || typeMentionsPrisma(f, d.Func, d.Param) {
			return yes
		}
	case jsmodel.DefVar, jsmodel.DefAssign, jsmodel.DefModule:
		if d.Kind == jsmodel.DefModule {
			if b, ok := f.Bindings[root]; ok && b.Kind == jsmodel.BindImport {
				return cs.importVerdict(f, &f.Imports[b.Import], hops-1)
			}
		}
		if d.Value == syntax.None {
			return unknown
		}
		if d.Destructured {
			// const { client } = prisma: a property of whatever the right-hand side is.
			return cs.valueVerdict(f, d.Value, hops-1)
		}
		if call {
			// A function of this module returns the client: judge by the module, then by what it returns.
			if cs.moduleEvidence(f) {
				return yes
			}
			return cs.returnsVerdict(f, d.Value, hops-1)
		}
		return cs.valueVerdict(f, d.Value, hops-1)
	}
	return unknown
}

// valueVerdict judges the initialiser of a client variable.
func (cs *clients) valueVerdict(f *jsmodel.File, v syntax.NodeID, hops int) verdict {
	t := f.Tree
	if constructsPrismaClient(f, v) {
		return yes
	}
	v = t.Unparen(v)
	if t.Kind(v) == syntax.AwaitExpression {
		v = t.Unparen(t.FirstNamedChild(v))
	}
	switch t.Kind(v) {
	case syntax.BinaryExpression, syntax.TernaryExpression:
		// tx ?? prisma, cond ? readDb : prisma: a client if either side is.
		out := unknown
		for _, side := range []syntax.Field{syntax.FLeft, syntax.FRight, syntax.FConsequence, syntax.FAlternative} {
			if c := t.ChildByField(v, side); c != syntax.None {
				if vd := cs.valueVerdict(f, c, hops-1); vd == yes {
					return yes
				} else if vd == no {
					out = no
				}
			}
		}
		return out
	case syntax.Identifier, syntax.MemberExpression, syntax.CallExpression:
		chain := jsmodel.Chain(t, v)
		if t.Kind(v) == syntax.CallExpression {
			chain = jsmodel.Chain(t, t.ChildByField(v, syntax.FFunction))
			if chain != "" {
				chain += "()"
			}
		}
		chain = strings.TrimSuffix(chain, ".$extends()") // an extended client is still the client
		if chain == "" {
			return unknown
		}
		parts := splitChain(chain)
		if vd := cs.chainVerdict(f, v, parts, hops); vd != unknown {
			return vd
		}
		if nameSaysClient(parts[len(parts)-1]) {
			return yes
		}
	}
	return unknown
}

// returnsVerdict judges a local function by the expressions it returns (`(tx) => tx ?? prisma`).
func (cs *clients) returnsVerdict(f *jsmodel.File, fnNode syntax.NodeID, hops int) verdict {
	t := f.Tree
	fn := f.FuncOf(t.Unparen(fnNode))
	if fn == jsmodel.NoFunc || hops <= 0 {
		return unknown
	}
	body := f.Functions[fn].Body
	if t.Kind(body) != syntax.StatementBlock {
		return cs.valueVerdict(f, body, hops)
	}
	out := unknown
	t.Walk(body, func(n syntax.NodeID) bool {
		switch t.Kind(n) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration, syntax.MethodDefinition:
			return false
		case syntax.ReturnStatement:
			if v := cs.valueVerdict(f, t.FirstNamedChild(n), hops); v == yes || out == unknown {
				out = v
			}
			return false
		}
		return true
	})
	return out
}

// importVerdict judges an imported binding by the module that exports it.
func (cs *clients) importVerdict(f *jsmodel.File, imp *jsmodel.Import, hops int) verdict {
	if isPrismaModule(imp.Source) {
		return yes
	}
	res := cs.p.Resolver.Resolve(f.Path, imp.Source)
	if res.Kind != resolve.Local {
		return unknown
	}
	target := cs.p.Files[res.Path]
	if target == nil {
		return unknown
	}
	name := imp.Imported
	if imp.Kind == jsmodel.ImportNamespace || imp.Kind == jsmodel.ImportRequire || imp.Kind == jsmodel.ImportDynamic {
		name = "" // the module itself: ns.prisma is a property, judged by the module's evidence
	}
	return cs.exportVerdict(target, name, hops)
}

// exportVerdict judges the export called name of module f ("" for the module as a whole).
func (cs *clients) exportVerdict(f *jsmodel.File, name string, hops int) verdict {
	if cs.moduleEvidence(f) {
		return yes
	}
	if hops <= 0 {
		return unknown
	}
	// The module has no Prisma evidence of its own; the binding may come from one that does. A binding the
	// module defines without any evidence is not a Prisma client (a tRPC api, a Drizzle db).
	found := name == ""
	for i := range f.Exports {
		e := &f.Exports[i]
		switch {
		case e.Kind == jsmodel.ExportAll:
			if cs.reexportVerdict(f, e.Source, name, hops-1) == yes {
				return yes
			}
		case name != "" && e.Name != name:
		case e.Kind == jsmodel.ExportFrom || e.Kind == jsmodel.ExportNamespaceFrom:
			return cs.reexportVerdict(f, e.Source, e.Imported, hops-1)
		default:
			found = true
			b, ok := f.Bindings[e.Local]
			switch {
			case !ok:
			case b.Kind == jsmodel.BindImport:
				return cs.importVerdict(f, &f.Imports[b.Import], hops-1)
			case b.Init != syntax.None && !b.Destructured:
				if cs.valueVerdict(f, b.Init, hops-1) == yes {
					return yes
				}
			}
		}
	}
	if found {
		return no
	}
	return unknown
}

func (cs *clients) reexportVerdict(f *jsmodel.File, source, name string, hops int) verdict {
	if isPrismaModule(source) {
		return yes
	}
	res := cs.p.Resolver.Resolve(f.Path, source)
	if res.Kind != resolve.Local || cs.p.Files[res.Path] == nil {
		return unknown
	}
	return cs.exportVerdict(cs.p.Files[res.Path], name, hops)
}

// moduleEvidence reports whether a module imports or re-exports from Prisma or constructs a PrismaClient.
func (cs *clients) moduleEvidence(f *jsmodel.File) bool {
	if v, ok := cs.evidence[f.Path]; ok {
		return v
	}
	ev := false
	for i := range f.Imports {
		if isPrismaModule(f.Imports[i].Source) {
			ev = true
		}
	}
	for i := range f.Exports {
		if f.Exports[i].Source != "" && isPrismaModule(f.Exports[i].Source) {
			ev = true
		}
	}
	for i := range f.Calls {
		if c := &f.Calls[i]; c.New && c.Last() == "PrismaClient" {
			ev = true
		}
	}
	cs.evidence[f.Path] = ev
	return ev
}

// isPrismaModule reports whether an import specifier is Prisma Client or a Prisma package.
func isPrismaModule(spec string) bool {
	switch {
	case strings.HasPrefix(spec, "@prisma/"), strings.Contains(spec, ".prisma/client"),
		strings.HasPrefix(spec, "@zenstackhq/runtime"):
		return true
	}
	s := strings.ToLower(spec)
	return strings.Contains(s, "generated") && strings.Contains(s, "prisma")
}

// constructsPrismaClient reports whether the expression contains `new PrismaClient(…)` (or `new X(…)` of a
// binding imported from Prisma), outside nested functions.
func constructsPrismaClient(f *jsmodel.File, v syntax.NodeID) bool {
	t := f.Tree
	found := false
	t.Walk(v, func(n syntax.NodeID) bool {
		if found {
			return false
		}
		switch t.Kind(n) {
		case syntax.NewExpression:
			ctor := jsmodel.Chain(t, t.ChildByField(n, syntax.FConstructor))
			last := ctor[strings.LastIndexByte(ctor, '.')+1:]
			if last == "PrismaClient" {
				found = true
			} else if b, ok := f.Bindings[ctor]; ok && b.Kind == jsmodel.BindImport && isPrismaModule(f.Imports[b.Import].Source) {
				found = true
			}
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration:
			return n == v
		}
		return true
	})
	return found
}

// isTransactionCallback reports whether function fn is passed directly to a `….$transaction(…)` call.
func isTransactionCallback(f *jsmodel.File, fn jsmodel.FuncID) bool {
	if fn == jsmodel.NoFunc {
		return false
	}
	t := f.Tree
	p := t.Parent(f.Functions[fn].Node)
	for t.Kind(p) == syntax.ParenthesizedExpression {
		p = t.Parent(p)
	}
	if t.Kind(p) != syntax.Arguments {
		return false
	}
	call := t.Parent(p)
	if t.Kind(call) != syntax.CallExpression {
		return false
	}
	callee := t.Unparen(t.ChildByField(call, syntax.FFunction))
	return t.Kind(callee) == syntax.MemberExpression && t.TextIs(t.ChildByField(callee, syntax.FProperty), "$transaction")
}

// typeMentionsPrisma reports whether parameter i of function fn has a type annotation that names Prisma.
func typeMentionsPrisma(f *jsmodel.File, fn jsmodel.FuncID, i int) bool {
	if fn == jsmodel.NoFunc || i >= len(f.Functions[fn].Params) {
		return false
	}
	t := f.Tree
	param := t.Parent(f.Functions[fn].Params[i].Pattern)
	typ := t.ChildByField(param, syntax.FType)
	return typ != syntax.None && strings.Contains(t.Text(typ), "Prisma")
}

// nameSaysClient reports whether a client name reads like a Prisma client: it contains "prisma", is or
// ends in "db", or is "database", "tx", "trx" or "transaction".
func nameSaysClient(name string) bool {
	n := strings.ToLower(strings.TrimSuffix(name, "()"))
	switch {
	case strings.Contains(n, "prisma"), strings.HasSuffix(n, "db"):
		return true
	}
	switch n {
	case "database", "tx", "trx", "transaction":
		return true
	}
	return false
}
