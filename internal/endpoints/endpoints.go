// Package endpoints builds archlint's endpoint model: every HTTP method of an App Router route handler,
// every Pages Router API handler, every Server Action (exports of 'use server' modules and inline
// 'use server' functions) and each middleware/proxy, with the code that actually handles the request once
// wrappers are peeled off.
//
// Export forms understood (route handlers; the same resolution serves Pages API defaults and actions):
//
//	export async function POST(req) {}            export const GET = async () => {}
//	export const POST = withX(handler)            export const POST = withX("scope", handler, opts)
//	export const POST = importedHandler           export { POST } from "./impl"; export * from "./impl"
//	export const { GET, POST } = handlers         const handler = NextAuth(opts); export { handler as GET }
//	export const GET = handle(app)                (Hono and other routers mounted in a catch-all route)
//
// Wrappers are recognised by what they do, not by their name: a project function whose summary says it
// calls one of its parameters is a wrapper around that argument, whatever it is called.
package endpoints

import (
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/modgraph"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// Kind is the kind of an endpoint.
type Kind string

// Endpoint kinds.
const (
	Route        Kind = "route"
	PagesAPI     Kind = "pages-api"
	ServerAction Kind = "server-action"
	Middleware   Kind = "middleware"
)

// HTTPMethods are the methods an App Router route handler may export.
var HTTPMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

// Endpoint is one request entry point.
type Endpoint struct {
	Kind Kind
	App  *discover.App
	// URLPath is the route's URL pattern; "" for server actions.
	URLPath string
	// Methods are the HTTP methods ("*" when a Pages API handler does not branch on req.method).
	Methods []string
	// Name is the exported name (method, "default", action name).
	Name string
	// File is the file that exports the endpoint; Node is the export (or function) to point at.
	File *jsmodel.File
	Node syntax.NodeID
	// Handler is what runs for a request.
	Handler Handler
}

// Handler is the code behind an endpoint.
type Handler struct {
	// File and Fn are the request-handling function, when archlint found it.
	File *jsmodel.File
	Fn   jsmodel.FuncID
	// Wrappers are the wrappers around the function, outermost first.
	Wrappers []Wrapper
	// Library is set when the endpoint is a library's request handler (NextAuth, better-auth, inngest,
	// a Hono app): "next-auth handler".
	Library string
	// LibraryRole are the library's roles (libs.AuthCatchAll, libs.CallerVerifyingWrapper, …).
	LibraryRole libs.Role
	// LibraryFile and LibraryCall are the call that builds a library handler (`toNextJsHandler(auth)`),
	// when there is one.
	LibraryFile *jsmodel.File
	LibraryCall syntax.NodeID
	// Middlewares are client-builder middlewares run before the handler (next-safe-action `.use(fn)`, zsa
	// procedures): their functions.
	Middlewares []FuncRef
	// ValidatedBy names a schema attached by a builder chain (`.schema(z)`, `.inputSchema(z)`,
	// `.input(z)`), "" if none.
	ValidatedBy string
}

// FuncRef names a function of the project.
type FuncRef struct {
	File *jsmodel.File
	Fn   jsmodel.FuncID
}

// Wrapper is one wrapper layer.
type Wrapper struct {
	// Name is the wrapper as written ("withWorkspace", "auth").
	Name string
	// Func is the wrapper's function when it is a project function.
	Func FuncRef
	// Key is the libs key when it is a library function.
	Key string
	// Arg is the argument position of the wrapped handler.
	Arg  int
	File *jsmodel.File
	Call syntax.NodeID
}

// Found reports whether the handler function is known.
func (h *Handler) Found() bool { return h.File != nil && h.Fn != jsmodel.NoFunc }

// Model is the endpoint inventory of a project.
type Model struct {
	Endpoints []*Endpoint
	engine    *summary.Engine
}

// Build lists the endpoints of the repository.
func Build(repo *discover.Repo, g *modgraph.Graph, e *summary.Engine) *Model {
	m := &Model{engine: e}
	b := &builder{repo: repo, g: g, e: e}
	for _, app := range repo.Apps {
		for _, r := range app.Routes {
			f := g.File(r.File)
			if f == nil {
				continue
			}
			for _, method := range HTTPMethods {
				sym := g.Export(f, method)
				if sym.Kind == modgraph.Unresolved {
					continue
				}
				ep := &Endpoint{Kind: Route, App: app, URLPath: r.URLPath, Methods: []string{method}, Name: method, File: f}
				ep.Node = exportNode(f, method)
				ep.Handler = b.handlerOfSymbol(sym)
				m.Endpoints = append(m.Endpoints, ep)
			}
		}
		for _, r := range app.PagesAPI {
			f := g.File(r.File)
			if f == nil {
				continue
			}
			sym := g.Export(f, "default")
			if sym.Kind == modgraph.Unresolved {
				continue
			}
			ep := &Endpoint{Kind: PagesAPI, App: app, URLPath: r.URLPath, Name: "default", File: f, Node: exportNode(f, "default")}
			ep.Handler = b.handlerOfSymbol(sym)
			ep.Methods = pagesMethods(ep.Handler)
			m.Endpoints = append(m.Endpoints, ep)
		}
		if app.Middleware != nil {
			if f := g.File(app.Middleware.Path); f != nil {
				ep := &Endpoint{Kind: Middleware, App: app, Name: app.Middleware.Kind, File: f, Node: f.Tree.Root()}
				for _, name := range []string{"default", app.Middleware.Kind, "middleware"} {
					if sym := g.Export(f, name); sym.Kind != modgraph.Unresolved {
						ep.Node = exportNode(f, name)
						ep.Handler = b.handlerOfSymbol(sym)
						break
					}
				}
				m.Endpoints = append(m.Endpoints, ep)
			}
		}
	}
	b.actions(m)
	sort.SliceStable(m.Endpoints, func(i, j int) bool {
		a, c := m.Endpoints[i], m.Endpoints[j]
		if a.File.Path != c.File.Path {
			return a.File.Path < c.File.Path
		}
		if a.Kind != c.Kind {
			return a.Kind < c.Kind
		}
		return methodRank(a.Name) < methodRank(c.Name) || methodRank(a.Name) == methodRank(c.Name) && a.Name < c.Name
	})
	return m
}

func methodRank(name string) int {
	for i, m := range HTTPMethods {
		if m == name {
			return i
		}
	}
	return len(HTTPMethods)
}

// exportNode returns the node to point at for an export of f.
func exportNode(f *jsmodel.File, name string) syntax.NodeID {
	if ex := f.Export(name); ex != nil && ex.Node != syntax.None {
		return ex.Node
	}
	for i := range f.Exports {
		if f.Exports[i].Kind == jsmodel.ExportAll {
			return f.Exports[i].Node
		}
	}
	return f.Tree.Root()
}

type builder struct {
	repo *discover.Repo
	g    *modgraph.Graph
	e    *summary.Engine
}

// actions adds the Server Actions: every export of a 'use server' module, and inline 'use server'
// functions.
func (b *builder) actions(m *Model) {
	seen := map[string]bool{}
	for _, path := range b.e.Project.Paths() {
		f := b.e.Project.Files[path]
		app := b.repo.AppOf(path)
		if f.HasDirective("use server") {
			for i := range f.Exports {
				ex := &f.Exports[i]
				if ex.TypeOnly || ex.Kind == jsmodel.ExportAll || ex.Name == "" {
					continue
				}
				key := path + "\x00" + ex.Name
				if seen[key] {
					continue
				}
				seen[key] = true
				ep := &Endpoint{Kind: ServerAction, App: app, Methods: []string{"POST"}, Name: ex.Name, File: f, Node: ex.Node}
				ep.Handler = b.handlerOfSymbol(b.g.Export(f, ex.Name))
				m.Endpoints = append(m.Endpoints, ep)
			}
		}
		for fn := range f.Functions {
			def := &f.Functions[fn]
			if def.Directive != "use server" {
				continue
			}
			name := def.Name
			if name == "" {
				name = "<inline action>"
			}
			ep := &Endpoint{Kind: ServerAction, App: app, Methods: []string{"POST"}, Name: name, File: f, Node: def.Node,
				Handler: Handler{File: f, Fn: jsmodel.FuncID(fn)}}
			if n := f.Tree.ChildByField(def.Node, syntax.FName); n != syntax.None {
				ep.Node = n
			}
			m.Endpoints = append(m.Endpoints, ep)
		}
	}
}

// handlerOfSymbol resolves an exported symbol to its handler.
func (b *builder) handlerOfSymbol(sym modgraph.Symbol) Handler {
	switch sym.Kind {
	case modgraph.Local:
		f := sym.File
		if sym.Expr != syntax.None {
			return b.handlerOf(f, sym.Expr, 0)
		}
		bind, ok := f.Bindings[sym.Name]
		if !ok {
			return Handler{Fn: jsmodel.NoFunc}
		}
		if bind.Func != jsmodel.NoFunc {
			return Handler{File: f, Fn: bind.Func}
		}
		if bind.Destructured || bind.Kind == jsmodel.BindImport {
			return b.handlerOfOrigin(b.e.OriginOf(f, bind.Node), f, bind.Node)
		}
		if bind.Init != syntax.None {
			return b.handlerOf(f, bind.Init, 0)
		}
	case modgraph.External:
		key := libs.Key(sym.Package, sym.Subpath, sym.Name)
		roles, entry := libs.Roles(key)
		h := Handler{Fn: jsmodel.NoFunc, Library: sym.Package, LibraryRole: roles}
		if entry != nil {
			h.Library = entry.What
		}
		return h
	}
	return Handler{Fn: jsmodel.NoFunc}
}

const maxPeel = 12

// handlerOf resolves an expression to the function that handles requests, peeling wrappers.
func (b *builder) handlerOf(f *jsmodel.File, n syntax.NodeID, depth int) Handler {
	t := f.Tree
	n = t.Unparen(n)
	if depth > maxPeel {
		return Handler{Fn: jsmodel.NoFunc}
	}
	if fn := f.FuncOf(n); fn != jsmodel.NoFunc {
		return Handler{File: f, Fn: fn}
	}
	switch t.Kind(n) {
	case syntax.Identifier:
		// `export const PUT = PATCH`, `const handler = withX(fn)`: follow the definition first, so that
		// wrappers around it are kept.
		if g, init := b.definition(f, n); init != syntax.None {
			return b.handlerOf(g, init, depth+1)
		}
		return b.handlerOfOrigin(b.e.OriginOf(f, n), f, n)
	case syntax.MemberExpression:
		return b.handlerOfOrigin(b.e.OriginOf(f, n), f, n)
	case syntax.CallExpression:
		return b.wrapped(f, n, depth)
	}
	return Handler{Fn: jsmodel.NoFunc}
}

// definition returns the initializer of a variable (local, module-level or imported) that is a call or a
// function, with its file; None otherwise.
func (b *builder) definition(f *jsmodel.File, n syntax.NodeID) (*jsmodel.File, syntax.NodeID) {
	t := f.Tree
	name := t.Text(n)
	for _, d := range f.Defs(name, n) {
		if d.Destructured || d.Value == syntax.None {
			continue
		}
		if d.Kind == jsmodel.DefVar || d.Kind == jsmodel.DefAssign {
			if k := t.Kind(t.Unparen(d.Value)); k == syntax.CallExpression || k == syntax.Identifier {
				return f, d.Value
			}
			return nil, syntax.None
		}
	}
	sym := b.g.Local(f, name)
	if sym.Kind != modgraph.Local || sym.File == nil {
		return nil, syntax.None
	}
	g := sym.File
	if sym.Expr != syntax.None {
		return g, sym.Expr
	}
	bind, ok := g.Bindings[sym.Name]
	if !ok || bind.Destructured || bind.Init == syntax.None || bind.Func != jsmodel.NoFunc {
		return nil, syntax.None
	}
	if k := g.Tree.Kind(g.Tree.Unparen(bind.Init)); k == syntax.CallExpression || k == syntax.Identifier {
		if g == f && bind.Node == n {
			return nil, syntax.None
		}
		return g, bind.Init
	}
	return nil, syntax.None
}

// handlerOfOrigin resolves a value origin to a handler (a function, or a library handler).
func (b *builder) handlerOfOrigin(o summary.Origin, f *jsmodel.File, n syntax.NodeID) Handler {
	switch o.Kind {
	case summary.Func:
		if len(o.Path) == 0 {
			return Handler{File: o.File, Fn: o.Fn}
		}
	case summary.External:
		roles, entry := libs.Roles(o.Key())
		h := Handler{Fn: jsmodel.NoFunc, LibraryRole: roles, Library: o.Pkg, LibraryFile: o.CallFile, LibraryCall: o.Call}
		if entry != nil {
			h.Library = entry.What
		}
		return h
	}
	// A variable initialised with a call or function: follow the definition syntactically.
	t := f.Tree
	if t.Kind(n) == syntax.Identifier {
		for _, d := range f.Defs(t.Text(n), n) {
			if (d.Kind == jsmodel.DefVar || d.Kind == jsmodel.DefModule) && d.Value != syntax.None && !d.Destructured {
				if t.Contains(d.Value, n) {
					break
				}
				return b.handlerOf(f, d.Value, 1)
			}
		}
	}
	return Handler{Fn: jsmodel.NoFunc}
}

// wrapped handles `wrapper(…handler…)` and builder chains (`client.use(mw).schema(s).action(fn)`).
func (b *builder) wrapped(f *jsmodel.File, call syntax.NodeID, depth int) Handler {
	t := f.Tree
	calleeNode := t.ChildByField(call, syntax.FFunction)
	callee := b.e.OriginOf(f, calleeNode)
	args := namedArgs(t, call)
	name := jsmodel.Chain(t, calleeNode)

	// Builder chains of action clients: the last call's function argument is the handler; earlier
	// `.use(fn)` calls are middlewares, `.schema/.inputSchema/.input(s)` attach validation.
	if t.Kind(t.Unparen(calleeNode)) == syntax.MemberExpression {
		prop := t.Text(t.ChildByField(t.Unparen(calleeNode), syntax.FProperty))
		if prop == "action" || prop == "handler" || prop == "stateAction" || prop == "outputSchema" {
			if h, ok := b.builderChain(f, call, depth); ok {
				return h
			}
		}
	}

	switch callee.Kind {
	case summary.Func:
		if len(callee.Path) > 0 {
			break
		}
		s := b.e.Summarize(callee.File, callee.Fn)
		arg := handlerArg(f, args, s)
		if arg < 0 {
			for i, a := range args {
				if isFunctionValue(b, f, a) {
					arg = i
					break
				}
			}
		}
		if arg < 0 {
			// A factory whose result is the handler (createHandler(opts)): its returned function.
			if s.Return.Kind == summary.Func && len(s.Return.Path) == 0 {
				return Handler{File: s.Return.File, Fn: s.Return.Fn}
			}
			return Handler{Fn: jsmodel.NoFunc}
		}
		inner := b.handlerOf(f, args[arg], depth+1)
		inner.Wrappers = append([]Wrapper{{Name: name, Func: FuncRef{callee.File, callee.Fn}, Arg: arg, File: f, Call: call}}, inner.Wrappers...)
		return inner
	case summary.External:
		key := callee.Key()
		roles, entry := libs.Roles(key)
		what := callee.Pkg
		if entry != nil {
			what = entry.What
		}
		if roles&libs.AuthCatchAll != 0 {
			return Handler{Fn: jsmodel.NoFunc, Library: what, LibraryRole: roles, LibraryFile: f, LibraryCall: call}
		}
		arg := -1
		for i, a := range args {
			if isFunctionValue(b, f, a) {
				arg = i
				break
			}
		}
		if arg < 0 {
			rolesResult, entryResult := libs.Roles(key + "()")
			if entryResult != nil {
				what = entryResult.What
			}
			return Handler{Fn: jsmodel.NoFunc, Library: what, LibraryRole: roles | rolesResult, LibraryFile: f, LibraryCall: call}
		}
		inner := b.handlerOf(f, args[arg], depth+1)
		inner.Wrappers = append([]Wrapper{{Name: name, Key: key, Arg: arg, File: f, Call: call}}, inner.Wrappers...)
		return inner
	}
	// Unknown callee: assume its function argument is the handler.
	for i, a := range args {
		if isFunctionValue(b, f, a) {
			inner := b.handlerOf(f, a, depth+1)
			inner.Wrappers = append([]Wrapper{{Name: name, Arg: i, File: f, Call: call}}, inner.Wrappers...)
			return inner
		}
	}
	return Handler{Fn: jsmodel.NoFunc}
}

// builderChain resolves `client.use(mw).schema(s).action(fn)` (next-safe-action), zsa procedures and
// similar builders: the final call's function argument is the handler; the chain and the client's own
// definition (followed through variables and imports) contribute middlewares and schemas.
func (b *builder) builderChain(f *jsmodel.File, call syntax.NodeID, depth int) (Handler, bool) {
	t := f.Tree
	args := namedArgs(t, call)
	var h Handler
	found := false
	for _, a := range args {
		if isFunctionValue(b, f, a) {
			h = b.handlerOf(f, a, depth+1)
			found = true
			break
		}
	}
	if !found {
		return Handler{}, false
	}
	b.collectChain(f, t.ChildByField(t.ChildByField(call, syntax.FFunction), syntax.FObject), &h, 0)
	return h, true
}

// collectChain walks a builder expression backwards: `x.use(fn)` adds a middleware, `x.schema(s)` a
// schema; identifiers are followed to their definitions, across files.
func (b *builder) collectChain(f *jsmodel.File, n syntax.NodeID, h *Handler, depth int) {
	if depth > 16 || n == syntax.None {
		return
	}
	t := f.Tree
	n = t.Unparen(n)
	switch t.Kind(n) {
	case syntax.CallExpression:
		callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
		args := namedArgs(t, n)
		if t.Kind(callee) == syntax.MemberExpression {
			prop := t.Text(t.ChildByField(callee, syntax.FProperty))
			switch prop {
			case "use", "middleware", "handler":
				for _, a := range args {
					if fn := b.funcOf(f, a); fn.File != nil {
						h.Middlewares = append(h.Middlewares, fn)
					}
				}
			case "schema", "inputSchema", "input", "bindArgsSchemas":
				if len(args) > 0 && h.ValidatedBy == "" {
					h.ValidatedBy = "." + prop + "(" + short(t.Text(args[0])) + ")"
				}
			}
			b.collectChain(f, t.ChildByField(callee, syntax.FObject), h, depth+1)
			return
		}
		// createServerActionProcedure(parent) / createSafeActionClient(opts): arguments may be procedures.
		for _, a := range args {
			b.collectChain(f, a, h, depth+1)
		}
	case syntax.Identifier:
		name := t.Text(n)
		for _, d := range f.Defs(name, n) {
			if (d.Kind == jsmodel.DefVar || d.Kind == jsmodel.DefAssign) && d.Value != syntax.None && !d.Destructured {
				b.collectChain(f, d.Value, h, depth+1)
				return
			}
			if d.Kind == jsmodel.DefModule {
				break
			}
		}
		sym := b.g.Local(f, name)
		if sym.Kind == modgraph.Local && sym.File != nil {
			g := sym.File
			if sym.Expr != syntax.None {
				b.collectChain(g, sym.Expr, h, depth+1)
				return
			}
			if bind, ok := g.Bindings[sym.Name]; ok && bind.Init != syntax.None && !bind.Destructured {
				b.collectChain(g, bind.Init, h, depth+1)
			}
		}
	}
}

// funcOf resolves an expression to a project function.
func (b *builder) funcOf(f *jsmodel.File, n syntax.NodeID) FuncRef {
	n = f.Tree.Unparen(n)
	if fn := f.FuncOf(n); fn != jsmodel.NoFunc {
		return FuncRef{f, fn}
	}
	o := b.e.OriginOf(f, n)
	if o.Kind == summary.Func && len(o.Path) == 0 {
		return FuncRef{o.File, o.Fn}
	}
	return FuncRef{Fn: jsmodel.NoFunc}
}

func isFunctionValue(b *builder, f *jsmodel.File, n syntax.NodeID) bool {
	return b.funcOf(f, n).File != nil
}

// handlerArg picks the argument of a project wrapper call that is the wrapped handler: the parameter the
// wrapper calls, else the first function literal; -1 when neither exists.
func handlerArg(f *jsmodel.File, args []syntax.NodeID, s *summary.Summary) int {
	for i := range args {
		if s.CallsParam[i] {
			return i
		}
	}
	for i, a := range args {
		if k := f.Tree.Kind(f.Tree.Unparen(a)); k == syntax.ArrowFunction || k == syntax.FunctionExpression {
			return i
		}
	}
	return -1
}

func namedArgs(t *syntax.Tree, call syntax.NodeID) []syntax.NodeID {
	a := t.ChildByField(call, syntax.FArguments)
	if a == syntax.None || t.Kind(a) == syntax.TemplateString {
		return nil
	}
	return t.NamedChildren(a)
}

// pagesMethods finds the HTTP methods a Pages API handler serves from its `req.method` comparisons and
// switch cases; "*" when it does not branch on the method.
func pagesMethods(h Handler) []string {
	if !h.Found() {
		return []string{"*"}
	}
	f := h.File
	t := f.Tree
	set := map[string]bool{}
	t.Walk(f.Functions[h.Fn].Node, func(n syntax.NodeID) bool {
		switch t.Kind(n) {
		case syntax.BinaryExpression:
			l, r := t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)
			op := t.Text(t.ChildByField(n, syntax.FOperator))
			if op != "===" && op != "==" {
				return true
			}
			if strings.HasSuffix(jsmodel.Chain(t, l), ".method") {
				if v, ok := t.StringValue(r); ok {
					set[strings.ToUpper(v)] = true
				}
			} else if strings.HasSuffix(jsmodel.Chain(t, r), ".method") {
				if v, ok := t.StringValue(l); ok {
					set[strings.ToUpper(v)] = true
				}
			}
		case syntax.SwitchStatement:
			if strings.HasSuffix(jsmodel.Chain(t, t.Unparen(t.ChildByField(n, syntax.FValue))), ".method") {
				t.Walk(t.ChildByField(n, syntax.FBody), func(c syntax.NodeID) bool {
					if t.Kind(c) == syntax.SwitchCase {
						if v, ok := t.StringValue(t.ChildByField(c, syntax.FValue)); ok {
							set[strings.ToUpper(v)] = true
						}
					}
					return t.Kind(c) == syntax.SwitchBody || t.Kind(c) == syntax.SwitchCase
				})
			}
		}
		return true
	})
	if len(set) == 0 {
		return []string{"*"}
	}
	var out []string
	for _, m := range HTTPMethods {
		if set[m] {
			out = append(out, m)
		}
	}
	return out
}

func short(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "…"
	}
	if len(s) > 40 {
		s = s[:39] + "…"
	}
	return s
}
