package summary

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/modgraph"
	"github.com/archlint/archlint/internal/syntax"
)

// OriginKind says where a value comes from.
type OriginKind uint8

// Origin kinds.
const (
	// Unknown: archlint cannot tell.
	Unknown OriginKind = iota
	// External: a package export (Pkg, Sub, Name), then Path (members, "()" for calls and constructions).
	External
	// Func: a function of the project (File, Fn), then Path.
	Func
	// Param: parameter Param of function (File, Fn), then Path.
	Param
	// IdentityValue: the identity returned by a project helper (getCurrentUser()), then Path.
	IdentityValue
	// Rejection: the result of a helper that checks authentication and returns (rather than throws) a
	// rejection; a caller that tests it and exits is guarded. Ev is the helper's evidence.
	Rejection
	// Global: a global of the runtime (fetch, Response, process), Name, then Path.
	Global
	// ObjectLit: an object literal (File, Lit); property reads resolve to the property's value.
	ObjectLit
	// Class: a class of the project (File, Lit: the class node); its static members resolve to methods.
	Class
	// Instance: an object built with `new` from a project class (File, Lit: the class node); its members
	// resolve to methods, fields and what the constructor assigns.
	Instance
)

// Origin is where a value comes from, as far as archlint can follow it.
type Origin struct {
	Kind           OriginKind
	Pkg, Sub, Name string
	Path           []string
	File           *jsmodel.File
	Fn             jsmodel.FuncID
	Param          int
	Ev             *Evidence
	// CallFile and Call are the last call in the chain, for External origins of call results.
	CallFile *jsmodel.File
	Call     syntax.NodeID
	// Lit is the object literal node of an ObjectLit origin (in File).
	Lit syntax.NodeID
	// Identity marks an ObjectLit a helper returns that holds the caller's identity (a session object
	// built from a verified token); its properties the literal does not name are parts of that identity.
	Identity bool
	// Source is, for an IdentityValue a helper returns, where the helper got the identity (for the map:
	// "next-auth getServerSession (via getCurrentUser)").
	Source *Evidence
	// SrcFile and Src are, for Param origins with a path, where the parameter is first read
	// (`request.json()`, `params.id`): the source location of a data flow.
	SrcFile *jsmodel.File
	Src     syntax.NodeID
}

// Key returns the canonical libs key of an External origin, "" otherwise.
func (o Origin) Key() string {
	if o.Kind != External {
		return ""
	}
	return libs.Key(o.Pkg, o.Sub, o.Name, o.Path...)
}

func (o Origin) with(seg ...string) Origin {
	p := make([]string, 0, len(o.Path)+len(seg))
	p = append(p, o.Path...)
	o.Path = append(p, seg...)
	return o
}

// maxOriginDepth bounds how many steps OriginOf follows (variables, calls, modules).
const maxOriginDepth = 24

// OriginOf returns where the value of expression n in file f comes from.
func (e *Engine) OriginOf(f *jsmodel.File, n syntax.NodeID) Origin {
	return e.origin(f, n, 0)
}

func (e *Engine) origin(f *jsmodel.File, n syntax.NodeID, depth int) Origin {
	if depth > maxOriginDepth || n == syntax.None {
		return Origin{}
	}
	// Origins depend only on the node, so they are memoised; a node being resolved is Unknown to itself
	// (a cycle through variables or modules).
	k := nodeKey{f, n}
	if o, ok := e.origins[k]; ok {
		return o
	}
	e.origins[k] = Origin{}
	o := e.originOf(f, n, depth)
	if o.Kind == Param && o.SrcFile == nil && (len(o.Path) > 0 || f.Tree.Kind(f.Tree.Unparen(n)) != syntax.Identifier) {
		// The first expression that reads into a parameter is where untrusted data enters.
		o.SrcFile, o.Src = f, n
	}
	e.origins[k] = o
	return o
}

type nodeKey struct {
	f *jsmodel.File
	n syntax.NodeID
}

func (e *Engine) originOf(f *jsmodel.File, n syntax.NodeID, depth int) Origin {
	t := f.Tree
	n = t.Unparen(n)
	switch t.Kind(n) {
	case syntax.AwaitExpression:
		return e.origin(f, t.FirstNamedChild(n), depth+1)
	case syntax.Identifier, syntax.ShorthandPropertyIdentifier, syntax.ShorthandPropertyIdentifierPattern:
		return e.identOrigin(f, n, t.Text(n), depth)
	case syntax.This:
		return e.thisOrigin(f, n)
	case syntax.Class, syntax.ClassDeclaration, syntax.AbstractClassDeclaration:
		return Origin{Kind: Class, File: f, Lit: n}
	case syntax.MemberExpression:
		// A member of a project module's namespace (`import * as send from "./route"; send.POST`).
		if obj := t.ChildByField(n, syntax.FObject); t.Kind(obj) == syntax.Identifier {
			if defs := f.Defs(t.Text(obj), obj); len(defs) == 1 && defs[0].Kind == jsmodel.DefModule {
				if sym := e.Graph.Local(f, t.Text(obj)); sym.Kind == modgraph.Local && sym.Namespace {
					return e.symbolOrigin(e.Graph.Member(sym, t.Text(t.ChildByField(n, syntax.FProperty))), depth+1)
				}
			}
		}
		base := e.origin(f, t.ChildByField(n, syntax.FObject), depth+1)
		if base.Kind == Unknown {
			return base
		}
		if base.Kind == ObjectLit {
			return e.descend(base, []string{t.Text(t.ChildByField(n, syntax.FProperty))}, depth)
		}
		if (base.Kind == Class || base.Kind == Instance) && len(base.Path) == 0 {
			return e.classMember(base, t.Text(t.ChildByField(n, syntax.FProperty)), depth+1)
		}
		o := base.with(t.Text(t.ChildByField(n, syntax.FProperty)))
		if o.Kind == Param && (o.SrcFile == nil || o.SrcFile == f && o.Src == t.ChildByField(n, syntax.FObject)) {
			o.SrcFile, o.Src = f, n // extend the read to the whole member chain
		}
		return o
	case syntax.SubscriptExpression:
		key, ok := t.StringValue(t.ChildByField(n, syntax.FIndex))
		if !ok {
			// limiters[action]: a computed member of an object literal whose values are alike (a table of
			// limiters, of clients) has the origin of its first value.
			return e.computedMember(f, t.ChildByField(n, syntax.FObject), depth)
		}
		base := e.origin(f, t.ChildByField(n, syntax.FObject), depth+1)
		if base.Kind == Unknown {
			return base
		}
		return e.descend(base, []string{key}, depth)
	case syntax.CallExpression:
		return e.callOrigin(f, n, depth)
	case syntax.NewExpression:
		// new URL(request.url) is the request's URL.
		if args := namedArgs(t, n); len(args) > 0 && t.TextIs(t.Unparen(t.ChildByField(n, syntax.FConstructor)), "URL") {
			if a := e.origin(f, args[0], depth+1); a.Kind == Param {
				return a
			}
		}
		base := e.origin(f, t.ChildByField(n, syntax.FConstructor), depth+1)
		if base.Kind == External || base.Kind == Global {
			return base.with("()")
		}
		if base.Kind == Class && len(base.Path) == 0 {
			return Origin{Kind: Instance, File: base.File, Lit: base.Lit}
		}
		if base.Kind == Unknown && isPrismaClientName(t.Text(t.Unparen(t.ChildByField(n, syntax.FConstructor)))) {
			return prismaInstance()
		}
		return Origin{}
	case syntax.BinaryExpression:
		// a ?? b, a || b: the first operand that has an origin.
		op := t.Text(t.ChildByField(n, syntax.FOperator))
		if op == "??" || op == "||" {
			// globalForPrisma.prisma ?? new PrismaClient(): prefer the side whose origin is most specific.
			l := e.origin(f, t.ChildByField(n, syntax.FLeft), depth+1)
			if l.Kind != Unknown && l.Kind != Global {
				return l
			}
			if r := e.origin(f, t.ChildByField(n, syntax.FRight), depth+1); r.Kind != Unknown {
				return r
			}
			return l
		}
	case syntax.TernaryExpression:
		if o := e.origin(f, t.ChildByField(n, syntax.FConsequence), depth+1); o.Kind != Unknown {
			return o
		}
		return e.origin(f, t.ChildByField(n, syntax.FAlternative), depth+1)
	case syntax.Object:
		return Origin{Kind: ObjectLit, File: f, Lit: n}
	case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration:
		if fn := f.FuncOf(n); fn != jsmodel.NoFunc {
			return Origin{Kind: Func, File: f, Fn: fn}
		}
	}
	return Origin{}
}

// thisOrigin returns what `this` is at n: an instance of the enclosing class in its methods (arrow
// functions keep the method's `this`), the class itself in static methods; unknown elsewhere.
func (e *Engine) thisOrigin(f *jsmodel.File, n syntax.NodeID) Origin {
	t := f.Tree
	fn := f.FuncAt(n)
	for fn != jsmodel.NoFunc && t.Kind(f.Functions[fn].Node) == syntax.ArrowFunction {
		fn = f.Functions[fn].Parent
	}
	if fn == jsmodel.NoFunc {
		return Origin{}
	}
	m := f.Functions[fn].Node
	if t.Kind(m) != syntax.MethodDefinition || t.Kind(t.Parent(m)) != syntax.ClassBody {
		return Origin{}
	}
	class := t.Parent(t.Parent(m))
	if isStatic(t, m) {
		return Origin{Kind: Class, File: f, Lit: class}
	}
	return Origin{Kind: Instance, File: f, Lit: class}
}

func isStatic(t *syntax.Tree, member syntax.NodeID) bool {
	for c := t.FirstChild(member); c != syntax.None; c = t.NextSibling(c) {
		if t.TextIs(c, "static") {
			return true
		}
		if t.Nodes[c].Field == syntax.FName {
			break
		}
	}
	return false
}

// classMember resolves a member of a class or instance origin: a method (static ones for a class), a
// field's initializer, what the constructor assigns to `this.name`, then the same in the base class.
func (e *Engine) classMember(c Origin, name string, depth int) Origin {
	if depth > maxOriginDepth {
		return Origin{}
	}
	f := c.File
	t := f.Tree
	static := c.Kind == Class
	var ctor syntax.NodeID = syntax.None
	body := t.ChildByField(c.Lit, syntax.FBody)
	for m := t.FirstChild(body); m != syntax.None; m = t.NextSibling(m) {
		switch t.Kind(m) {
		case syntax.MethodDefinition:
			mn := t.ChildByField(m, syntax.FName)
			if t.TextIs(mn, "constructor") {
				ctor = m
				continue
			}
			if t.TextIs(mn, name) && isStatic(t, m) == static {
				if fn := f.FuncOf(m); fn != jsmodel.NoFunc {
					return Origin{Kind: Func, File: f, Fn: fn}
				}
			}
		case syntax.PublicFieldDefinition, syntax.FieldDefinition:
			if t.TextIs(t.ChildByField(m, syntax.FName), name) && isStatic(t, m) == static {
				if v := t.ChildByField(m, syntax.FValue); v != syntax.None {
					return e.origin(f, v, depth+1)
				}
			}
		}
	}
	// A constructor parameter property: `constructor(private db: PrismaClient)`.
	if !static && ctor != syntax.None {
		if fn := f.FuncOf(ctor); fn != jsmodel.NoFunc {
			for i, p := range f.Functions[fn].Params {
				if p.Name != name {
					continue
				}
				decl := t.Parent(p.Pattern)
				for x := t.FirstChild(decl); x != syntax.None; x = t.NextSibling(x) {
					if k := t.Kind(x); k == syntax.AccessibilityModifier || t.TextIs(x, "readonly") {
						return Origin{Kind: Param, File: f, Fn: fn, Param: i}
					}
				}
			}
		}
	}
	// What a method assigns: `this.db = prisma` in the constructor, `Singleton.instance = create()` in a
	// static method. The constructor is searched first.
	className := t.Text(t.ChildByField(c.Lit, syntax.FName))
	methods := []syntax.NodeID{}
	if !static && ctor != syntax.None {
		methods = append(methods, ctor)
	}
	for m := t.FirstChild(body); m != syntax.None; m = t.NextSibling(m) {
		if t.Kind(m) == syntax.MethodDefinition && m != ctor && isStatic(t, m) == static {
			methods = append(methods, m)
		}
	}
	for _, m := range methods {
		var val syntax.NodeID = syntax.None
		t.Walk(t.ChildByField(m, syntax.FBody), func(x syntax.NodeID) bool {
			if val != syntax.None {
				return false
			}
			switch t.Kind(x) {
			case syntax.FunctionExpression, syntax.Class:
				return false
			case syntax.AssignmentExpression, syntax.AugmentedAssignmentExpression:
				l := t.ChildByField(x, syntax.FLeft)
				if t.Kind(l) != syntax.MemberExpression || !t.TextIs(t.ChildByField(l, syntax.FProperty), name) {
					return true
				}
				obj := t.ChildByField(l, syntax.FObject)
				if t.Kind(obj) == syntax.This || static && className != "" && t.TextIs(obj, className) {
					val = t.ChildByField(x, syntax.FRight)
					return false
				}
			}
			return true
		})
		if val != syntax.None {
			return e.origin(f, val, depth+1)
		}
	}
	// The base class: `class A extends B`.
	for h := t.FirstChild(c.Lit); h != syntax.None; h = t.NextSibling(h) {
		if t.Kind(h) != syntax.ClassHeritage {
			continue
		}
		for x := t.FirstChild(h); x != syntax.None; x = t.NextSibling(x) {
			v := x
			if t.Kind(x) == syntax.ExtendsClause {
				v = t.ChildByField(x, syntax.FValue)
			}
			if b := e.origin(f, v, depth+1); b.Kind == Class && len(b.Path) == 0 {
				b.Kind = c.Kind
				return e.classMember(b, name, depth+1)
			}
		}
	}
	return Origin{}
}

// descend returns the origin of a property path below o: an object literal's property resolves to that
// property's value (keeping the evidence the object carried), anything else extends its path.
func (e *Engine) descend(o Origin, path []string, depth int) Origin {
	for i, seg := range path {
		if o.Kind != ObjectLit {
			return o.with(path[i:]...)
		}
		ev, ident := o.Ev, o.Identity
		o = e.property(o, seg, depth+1)
		if o.Kind == Unknown && ident {
			return Origin{Kind: IdentityValue, Path: append([]string(nil), path[i+1:]...)}
		}
		if o.Kind == ObjectLit && ident {
			o.Identity = true
		}
		if o.Ev == nil {
			o.Ev = ev
		}
		if o.Kind == Unknown && o.Ev == nil {
			return o
		}
	}
	return o
}

// property returns the origin of a property of an object literal origin (the last definition wins; a
// shorthand property is the variable of that name at the literal).
func (e *Engine) property(obj Origin, name string, depth int) Origin {
	f := obj.File
	t := f.Tree
	var val syntax.NodeID = syntax.None
	for c := t.FirstChild(obj.Lit); c != syntax.None; c = t.NextSibling(c) {
		switch t.Kind(c) {
		case syntax.Pair:
			k := t.ChildByField(c, syntax.FKey)
			if t.TextIs(k, name) || func() bool { v, ok := t.StringValue(k); return ok && v == name }() {
				val = t.ChildByField(c, syntax.FValue)
			}
		case syntax.ShorthandPropertyIdentifier:
			if t.TextIs(c, name) {
				val = c
			}
		case syntax.MethodDefinition:
			// { async limit(key) { … } }
			if t.TextIs(t.ChildByField(c, syntax.FName), name) {
				if fn := f.FuncOf(c); fn != jsmodel.NoFunc {
					return Origin{Kind: Func, File: f, Fn: fn}
				}
			}
		case syntax.SpreadElement:
			if val == syntax.None {
				if o := e.origin(f, t.FirstNamedChild(c), depth+1); o.Kind == ObjectLit {
					if p := e.property(o, name, depth+1); p.Kind != Unknown {
						return p
					}
				}
			}
		}
	}
	if val == syntax.None {
		return Origin{}
	}
	return e.origin(f, val, depth+1)
}

// computedMember returns the origin of the first property value of the object literal an identifier is
// initialised with.
func (e *Engine) computedMember(f *jsmodel.File, obj syntax.NodeID, depth int) Origin {
	t := f.Tree
	obj = t.Unparen(obj)
	if t.Kind(obj) != syntax.Identifier {
		return Origin{}
	}
	for _, d := range f.Defs(t.Text(obj), obj) {
		if d.Value == syntax.None || d.Destructured {
			continue
		}
		lit := t.Unparen(d.Value)
		if t.Kind(lit) != syntax.Object {
			return Origin{}
		}
		for c := t.FirstChild(lit); c != syntax.None; c = t.NextSibling(c) {
			if t.Kind(c) == syntax.Pair {
				return e.origin(f, t.ChildByField(c, syntax.FValue), depth+1)
			}
		}
		return Origin{}
	}
	return Origin{}
}

// isPrismaClientName recognises a Prisma client constructor whose import archlint cannot follow (a
// generated client in a git-ignored folder).
func isPrismaClientName(s string) bool {
	return s == "PrismaClient" || strings.HasSuffix(s, ".PrismaClient")
}

func prismaInstance() Origin {
	return Origin{Kind: External, Pkg: "@prisma/client", Name: "PrismaClient", Path: []string{"()"}}
}

// callOrigin is the origin of a call's result.
func (e *Engine) callOrigin(f *jsmodel.File, n syntax.NodeID, depth int) Origin {
	t := f.Tree
	callee := e.origin(f, t.ChildByField(n, syntax.FFunction), depth+1)
	// Copies of an object are the object: Object.fromEntries(formData), structuredClone(body).
	if callee.Kind == Global && (callee.Name == "Object" && len(callee.Path) == 1 && callee.Path[0] == "fromEntries" || callee.Name == "structuredClone" && len(callee.Path) == 0) {
		if args := namedArgs(t, n); len(args) > 0 {
			return e.origin(f, args[0], depth+1)
		}
	}
	// A parsed string is the string's sender's value: JSON.parse(await request.text()) is the request's
	// JSON body.
	if callee.Kind == Global && callee.Name == "JSON" && len(callee.Path) == 1 && callee.Path[0] == "parse" {
		if args := namedArgs(t, n); len(args) > 0 {
			o := e.origin(f, args[0], depth+1)
			if k := len(o.Path); o.Kind == Param && k >= 2 && o.Path[k-2] == "text" && o.Path[k-1] == "()" {
				o.Path = append(append([]string(nil), o.Path[:k-2]...), "json", "()")
			}
			if o.Kind == Param {
				return o
			}
		}
	}
	// Memoising wrappers return a function that does what their argument does: react's cache(fn),
	// next/cache unstable_cache(fn), lodash memoize(fn).
	if callee.Kind == External && (len(callee.Path) == 0 && transparentWrapper[callee.Pkg+":"+callee.Name] || isPromisify(callee)) {
		if args := namedArgs(t, n); len(args) > 0 {
			return e.origin(f, args[0], depth+1)
		}
	}
	// Runners call their callback and hand its result back: tracer.startActiveSpan(name, async span => …),
	// Sentry.startSpan(opts, cb), storage.run(store, cb).
	if callee.Kind == External && isRunner(callee) {
		if cb := lastFuncArg(e, f, namedArgs(t, n), depth); cb.Kind == Func {
			return e.funcResult(f, n, cb, nil, depth)
		}
	}
	switch callee.Kind {
	case External, Global, IdentityValue, Param:
		// Prisma client extensions return a client: prisma.$extends(…) is still the client.
		if callee.Kind == External && len(callee.Path) > 0 && callee.Path[len(callee.Path)-1] == "$extends" {
			return Origin{Kind: External, Pkg: callee.Pkg, Sub: callee.Sub, Name: callee.Name, Path: callee.Path[:len(callee.Path)-1]}
		}
		o := callee.with("()")
		o.CallFile, o.Call = f, n
		if o.Kind == Param && (o.SrcFile == nil || o.SrcFile == f && o.Src == t.ChildByField(n, syntax.FFunction)) {
			o.SrcFile, o.Src = f, n // extend the read to the call (request.json())
		}
		return o
	case Func:
		return e.funcResult(f, n, callee, namedArgs(t, n), depth)
	}
	return Origin{}
}

// funcResult is the origin of what a call (node n of f) of project function callee returns, given the
// call's arguments (nil when archlint does not see them: a callback invoked by a library).
func (e *Engine) funcResult(f *jsmodel.File, n syntax.NodeID, callee Origin, args []syntax.NodeID, depth int) Origin {
	if len(callee.Path) > 0 {
		return Origin{}
	}
	// The call's literal arguments decide the helper's option conditions (`parseRequest(req, schema,
	// { skipAuth: true })`).
	s := e.SummarizeIn(callee.File, callee.Fn, argsContext(f, args))
	switch {
	case s.Return.Kind == ObjectLit:
		// An object the helper builds: its properties are resolved one by one ({ auth, body, error }),
		// a rejection the helper records travels with it, and an object holding the identity stands
		// for it when tested as a whole (`if (!auth)`).
		o := s.Return
		if s.Rejects != nil {
			o.Ev = s.Rejects
		}
		o.Identity = s.ReturnsIdentity
		return o
	case s.ReturnsIdentity:
		return Origin{Kind: IdentityValue, Source: s.IdentityFetched.via(FuncName(callee.File, callee.Fn))}
	case s.Rejects != nil:
		return Origin{Kind: Rejection, Ev: s.Rejects}
	}
	// A record the helper reads with a verified identity (getUser(session.userId)) is the caller's
	// identity too.
	if isDBRead(s.Return) {
		for _, a := range args {
			if ok, _ := e.IsIdentity(e.origin(f, a, depth+1)); ok {
				return Origin{Kind: IdentityValue}
			}
		}
	}
	// A helper returning (part of) its own parameter: the caller's argument, then that part.
	if r := s.Return; r.Kind == Param && r.File == callee.File && r.Fn == callee.Fn {
		if r.Param < len(args) {
			a := e.origin(f, args[r.Param], depth+1)
			// A helper returning what its callback returns (instrument(opts, async () => check())).
			if a.Kind == Func && len(a.Path) == 0 && len(r.Path) > 0 && r.Path[0] == "()" && depth < maxOriginDepth {
				return e.funcResult(f, args[r.Param], a, nil, depth+1).with(r.Path[1:]...)
			}
			if a.Kind != Unknown {
				return a.with(r.Path...)
			}
		}
		return Origin{}
	}
	return s.Return
}

// runners are library methods that call their last argument and return what it returns, by package.
var runners = map[string][]string{
	"@opentelemetry/api": {"startActiveSpan", "with"},
	"@sentry/nextjs":     {"startSpan", "startSpanManual", "withScope", "withIsolationScope"},
	"@sentry/node":       {"startSpan", "startSpanManual", "withScope", "withIsolationScope"},
	"dd-trace":           {"trace"},
	"node:async_hooks":   {"run"},
	"async_hooks":        {"run"},
}

func isRunner(o Origin) bool {
	name := o.Name
	if len(o.Path) > 0 {
		name = o.Path[len(o.Path)-1]
	}
	for _, m := range runners[o.Pkg] {
		if m == name {
			return true
		}
	}
	return false
}

// lastFuncArg is the origin of the last argument that is a project function, or Unknown.
func lastFuncArg(e *Engine, f *jsmodel.File, args []syntax.NodeID, depth int) Origin {
	for i := len(args) - 1; i >= 0; i-- {
		if o := e.origin(f, args[i], depth+1); o.Kind == Func && len(o.Path) == 0 {
			return o
		}
	}
	return Origin{}
}

// isPromisify recognises node's util.promisify: promisify(fs.rm) does what fs.rm does.
func isPromisify(o Origin) bool {
	if o.Pkg != "util" && o.Pkg != "node:util" {
		return false
	}
	return o.Name == "promisify" && len(o.Path) == 0 || len(o.Path) == 1 && o.Path[0] == "promisify"
}

// transparentWrapper lists higher-order functions whose result behaves like their first argument.
var transparentWrapper = map[string]bool{
	"react:cache":               true,
	"next/cache:unstable_cache": true,
	"lodash:memoize":            true,
	"lodash/memoize:default":    true,
	"lodash.memoize:default":    true,
	"p-memoize:default":         true,
	"memoize-one:default":       true,
}

func namedArgs(t *syntax.Tree, call syntax.NodeID) []syntax.NodeID {
	a := t.ChildByField(call, syntax.FArguments)
	if a == syntax.None || t.Kind(a) == syntax.TemplateString {
		return nil
	}
	return t.NamedChildren(a)
}

// isDBRead reports whether an origin is the result of a database read.
func isDBRead(o Origin) bool {
	if o.Kind != External {
		return false
	}
	roles, _ := libs.Roles(strings.TrimSuffix(o.Key(), "()"))
	return roles&libs.DBRead != 0
}

// credentialModel recognises models that hold credentials: an API key or token looked up by what the
// request presents identifies the caller.
var credentialModel = regexp.MustCompile(`(?i)(token|apikey|api_key|credential|accesskey|secretkey|^key$|keys$)`)

// credentialWhere recognises a lookup keyed by a presented secret: a where clause mentioning a hashed key
// or token.
var credentialWhere = regexp.MustCompile(`(?i)(hashedkey|hashed_key|tokenhash|token_hash|hashedtoken|apikey|api_key|accesstoken|secretkey)`)

// IsIdentity reports whether a value with origin o is (a part of) a verified identity, and names the
// source: an identity call's result at its identity path, a project helper's returned identity, or an API
// key lookup.
func (e *Engine) IsIdentity(o Origin) (bool, string) {
	return e.isIdentity(o, 0)
}

func (e *Engine) isIdentity(o Origin, depth int) (bool, string) {
	switch o.Kind {
	case IdentityValue:
		return true, "identity check"
	case ObjectLit:
		if o.Identity && len(o.Path) == 0 {
			return true, "identity check"
		}
	case Param:
		// A lookup of a key record through a client the function was given (a service constructed with
		// the Prisma client): the same API key lookup.
		if apiKeyRecord(o) {
			return true, "API key lookup (" + lookupModel(o) + ")"
		}
	case External:
		if what := e.sessionStoreRead(o, depth); what != "" {
			return true, what
		}
		for k, p := range o.Path {
			if p != "()" {
				continue
			}
			prefix := libs.Key(o.Pkg, o.Sub, o.Name, o.Path[:k]...)
			for _, entry := range libs.Lookup(prefix) {
				if entry.Role&libs.Identity != 0 && identityPathMatch(entry.IdentityPath, o.Path[k+1:]) {
					return true, entry.What
				}
				if entry.Role&libs.DBRead != 0 && k >= 2 && isLookup(o.Path[k-1]) {
					model := o.Path[k-2]
					if credentialModel.MatchString(model) || o.CallFile != nil && o.Call != syntax.None && credentialWhere.MatchString(o.CallFile.Tree.Text(o.Call)) {
						return true, "API key lookup (" + model + "." + o.Path[k-1] + ")"
					}
				}
			}
		}
	}
	return false, ""
}

// kvPackages are key-value store clients whose get() reads a server-side record.
var kvPackages = map[string]bool{"@upstash/redis": true, "@vercel/kv": true, "ioredis": true, "redis": true}

// sessionKey recognises the key of a server-side session record ("dataroom_session:" + token).
var sessionKey = regexp.MustCompile(`(?i)session`)

// sessionStoreRead recognises a server-side session looked up by the token the request presents:
// `redis.get(`+"`"+`session:${token}`+"`"+`)`, possibly parsed with a schema (Schema.parse(session)). Its absence
// is an unauthenticated caller, as with any session library.
func (e *Engine) sessionStoreRead(o Origin, depth int) string {
	if o.CallFile == nil || o.Call == syntax.None || len(o.Path) < 2 || o.Path[len(o.Path)-1] != "()" || depth > 4 {
		return ""
	}
	t := o.CallFile.Tree
	args := namedArgs(t, o.Call)
	if len(args) == 0 {
		return ""
	}
	method := o.Path[len(o.Path)-2]
	if kvPackages[o.Pkg] {
		if method != "get" && method != "hgetall" && method != "getdel" {
			return ""
		}
		k := t.Unparen(args[0])
		if (t.Kind(k) == syntax.TemplateString || t.Kind(k) == syntax.BinaryExpression) && sessionKey.MatchString(t.Text(k)) {
			return "a server-side session read from " + o.Pkg
		}
		return ""
	}
	// A session record parsed with a schema is still the session.
	if roles, _ := libs.Roles(strings.TrimSuffix(o.Key(), "()")); roles&libs.Validate != 0 && (method == "parse" || method == "parseAsync") {
		// `body = Schema.parse(body)`: the argument's origin can be this very call; stop there.
		if a := e.OriginOf(o.CallFile, args[0]); a.CallFile != o.CallFile || a.Call != o.Call {
			if ok, what := e.isIdentity(a, depth+1); ok {
				return what
			}
		}
	}
	return ""
}

// lookupModel names the model of a `<model>.<lookup>()` segment of an origin's path, or "".
func lookupModel(o Origin) string {
	for k, p := range o.Path {
		if p == "()" && k >= 2 && isLookup(o.Path[k-1]) {
			return o.Path[k-2]
		}
	}
	return ""
}

func isLookup(method string) bool {
	switch method {
	case "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow":
		return true
	}
	return false
}

// identOrigin follows an identifier to its definition: a local variable's latest initializer or
// assignment, a parameter, or a module-level binding (possibly imported).
func (e *Engine) identOrigin(f *jsmodel.File, n syntax.NodeID, name string, depth int) Origin {
	t := f.Tree
	defs := f.Defs(name, n)
	// The latest assignment before the use is the one that reaches it on straight-line code (and, for an
	// if/else, the one in the use's own branch); parameters and module bindings come after.
	for i := len(defs) - 1; i >= 0; i-- {
		d := defs[i]
		if (d.Kind != jsmodel.DefVar && d.Kind != jsmodel.DefAssign) || d.Value == syntax.None {
			continue
		}
		if d.Kind == jsmodel.DefAssign && d.Op != "=" {
			continue
		}
		if d.Destructured {
			// const { a: { b } } = expr → expr.a.b
			decl := t.Parent(d.Value)
			if t.Kind(decl) != syntax.VariableDeclarator {
				return Origin{}
			}
			path, ok := PatternPath(t, t.ChildByField(decl, syntax.FName), name)
			if !ok {
				return Origin{}
			}
			base := e.origin(f, d.Value, depth+1)
			if base.Kind == Unknown {
				return base
			}
			return e.descend(base, path, depth)
		}
		return e.origin(f, d.Value, depth+1)
	}
	for _, d := range defs {
		switch d.Kind {
		case jsmodel.DefParam:
			o := e.paramOrigin(f, d.Func, d.Param, depth)
			if d.Destructured {
				fn := &f.Functions[d.Func]
				if path, ok := PatternPath(t, fn.Params[d.Param].Pattern, name); ok && o.Kind != Unknown {
					return e.descend(o, path, depth)
				}
				return Origin{}
			}
			return o
		case jsmodel.DefModule:
			return e.moduleOrigin(f, name, depth)
		}
	}
	if _, ok := f.Bindings[name]; ok {
		return e.moduleOrigin(f, name, depth)
	}
	switch name {
	case "fetch", "Response", "Request", "process", "crypto", "Headers", "URL", "console", "JSON", "Promise", "Object", "Array", "NextResponse", "FormData", "URLSearchParams", "globalThis", "structuredClone":
		return Origin{Kind: Global, Name: name}
	}
	return Origin{}
}

// moduleOrigin follows a module-level name of f through imports to its declaration.
func (e *Engine) moduleOrigin(f *jsmodel.File, name string, depth int) Origin {
	sym := e.Graph.Local(f, name)
	return e.symbolOrigin(sym, depth)
}

func (e *Engine) symbolOrigin(sym modgraph.Symbol, depth int) Origin {
	switch sym.Kind {
	case modgraph.External:
		if sym.Namespace {
			return Origin{Kind: External, Pkg: sym.Package, Sub: sym.Subpath}
		}
		return Origin{Kind: External, Pkg: sym.Package, Sub: sym.Subpath, Name: sym.Name}
	case modgraph.Local:
		g := sym.File
		if sym.Expr != syntax.None {
			return e.origin(g, sym.Expr, depth+1)
		}
		if sym.Namespace {
			return Origin{}
		}
		b, ok := g.Bindings[sym.Name]
		if !ok {
			return Origin{}
		}
		switch b.Kind {
		case jsmodel.BindFunction:
			return Origin{Kind: Func, File: g, Fn: b.Func}
		case jsmodel.BindClass:
			return Origin{Kind: Class, File: g, Lit: b.Init}
		case jsmodel.BindVariable:
			if b.Init == syntax.None {
				return Origin{}
			}
			if b.Destructured {
				decl := g.Tree.Parent(b.Init)
				path, ok := PatternPath(g.Tree, g.Tree.ChildByField(decl, syntax.FName), sym.Name)
				if !ok {
					return Origin{}
				}
				base := e.origin(g, b.Init, depth+1)
				if base.Kind == Unknown {
					return base
				}
				return e.descend(base, path, depth)
			}
			if b.Func != jsmodel.NoFunc {
				return Origin{Kind: Func, File: g, Fn: b.Func}
			}
			return e.origin(g, b.Init, depth+1)
		}
	case modgraph.Unresolved:
		if isPrismaClientName(sym.Name) {
			return Origin{Kind: External, Pkg: "@prisma/client", Name: "PrismaClient"}
		}
	}
	return Origin{}
}

// paramOrigin is the origin of parameter i of function fn: what a known library passes to the callback
// it is given (Prisma's $transaction passes a client, Clerk's clerkMiddleware passes auth), else the
// parameter itself.
func (e *Engine) paramOrigin(f *jsmodel.File, fn jsmodel.FuncID, i, depth int) Origin {
	t := f.Tree
	node := f.Functions[fn].Node
	args := t.Parent(node)
	if t.Kind(args) == syntax.Arguments {
		call := t.Parent(args)
		argIndex := 0
		for c := t.FirstNamedChild(args); c != syntax.None && c != node; c = t.NextSibling(c) {
			if t.Nodes[c].Flags&syntax.FlagNamed != 0 {
				argIndex++
			}
		}
		callee := e.origin(f, t.ChildByField(call, syntax.FFunction), depth+1)
		if callee.Kind == External {
			if o, ok := callbackParam(callee.Key(), argIndex, i); ok {
				return o
			}
		}
	}
	return Origin{Kind: Param, File: f, Fn: fn, Param: i}
}

// callbackParam knows what some libraries pass to the callbacks they are given.
func callbackParam(key string, arg, param int) (Origin, bool) {
	switch {
	case arg == 0 && param == 0 && strings.HasSuffix(key, "PrismaClient().$transaction"):
		pkg, _, _ := strings.Cut(key, ":")
		return Origin{Kind: External, Pkg: pkg, Name: "PrismaClient", Path: []string{"()"}}, true
	case arg == 0 && param == 0 && (key == "@clerk/nextjs/server:clerkMiddleware" || key == "@clerk/nextjs:clerkMiddleware"):
		pkg, _, _ := strings.Cut(key, ":")
		return Origin{Kind: External, Pkg: pkg, Name: "auth"}, true
	case arg == 0 && param == 0 && (key == "next-auth:default().auth"):
		return Origin{Kind: External, Pkg: "next-auth", Name: "default", Path: []string{"()", "authRequest", "()"}}, true
	case arg == 0 && param == 0 && key == "next-auth/middleware:withAuth":
		return Origin{Kind: External, Pkg: "next-auth/middleware", Name: "withAuth", Path: []string{"()", "authRequest", "()"}}, true
	}
	return Origin{}, false
}

// PatternPath returns the property path under which a destructuring pattern (or a parameter holding
// one) binds name: `{ data: { user } }` binds user at ["data", "user"]; `[a, b]` binds b at ["1"].
func PatternPath(t *syntax.Tree, pat syntax.NodeID, name string) ([]string, bool) {
	switch t.Kind(pat) {
	case syntax.Identifier:
		return nil, t.TextIs(pat, name)
	case syntax.ObjectPattern:
		for c := t.FirstChild(pat); c != syntax.None; c = t.NextSibling(c) {
			switch t.Kind(c) {
			case syntax.ShorthandPropertyIdentifierPattern:
				if t.TextIs(c, name) {
					return []string{name}, true
				}
			case syntax.ObjectAssignmentPattern:
				l := t.ChildByField(c, syntax.FLeft)
				if t.TextIs(l, name) {
					return []string{name}, true
				}
			case syntax.PairPattern:
				key := t.ChildByField(c, syntax.FKey)
				k, ok := t.StringValue(key)
				if !ok {
					k = t.Text(key)
				}
				val := t.ChildByField(c, syntax.FValue)
				if t.Kind(val) == syntax.AssignmentPattern {
					val = t.ChildByField(val, syntax.FLeft)
				}
				if p, ok := PatternPath(t, val, name); ok {
					return append([]string{k}, p...), true
				}
			}
		}
	case syntax.ArrayPattern:
		i := 0
		for c := t.FirstChild(pat); c != syntax.None; c = t.NextSibling(c) {
			if t.Nodes[c].Flags&syntax.FlagNamed == 0 {
				continue
			}
			if p, ok := PatternPath(t, c, name); ok {
				return append([]string{strconv.Itoa(i)}, p...), true
			}
			i++
		}
	case syntax.AssignmentPattern:
		return PatternPath(t, t.ChildByField(pat, syntax.FLeft), name)
	case syntax.RequiredParameter, syntax.OptionalParameter:
		return PatternPath(t, t.ChildByField(pat, syntax.FPattern), name)
	}
	return nil, false
}
