package summary

import (
	"regexp"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/syntax"
)

// Data flow from untrusted input to sinks.
//
// A flow is recorded when a value that comes from a parameter of the summarised function (for an endpoint
// handler: the request, the route params, a Server Action's arguments) or from next/headers' headers() and
// cookies() reaches a sink — a database call, an email or SMS send, a payment call, a file write, an
// outbound request, a redirect — without passing through a validator (zod parse/safeParse, valibot, yup,
// joi, …; a helper that returns a validated value counts). Flows through helpers compose: a helper's flows
// from its own parameters become the caller's flows from whatever it passes. Manual `if (!x)` checks and
// TypeScript types are not validation; Number()/parseInt() coercions are treated as sanitising.

// Flow is untrusted input reaching a sink.
type Flow struct {
	// Param is the root function's parameter the value comes from, or -1 for a direct source (Channel).
	Param int
	// Path is the property path under the parameter ("json", "()", "email").
	Path []string
	// Channel is set for direct sources: "headers" or "cookies".
	Channel string
	// SrcFile and Src locate where the value is read.
	SrcFile *jsmodel.File
	Src     syntax.NodeID
	// Sink is the sink operation.
	Sink Op
	// Whole is set when the untrusted value is a whole object passed as (or spread into) Prisma's `data`:
	// a mass assignment.
	Whole bool
	// Loose is set when the value was validated by a schema that does not list its fields (z.any(),
	// z.record(), .passthrough(), .catchall()) and is passed whole as Prisma `data`.
	Loose bool
	// Filter is set when the value reaches the sink only as a Prisma filter value — under `where` or
	// `cursor` in the argument of a model operation — through expressions that keep its shape (template
	// strings, concatenations, object and array literals, helper parameters). Prisma binds and type-checks
	// filter values: a plain string there cannot change the query, while an object can add operators
	// ({"token": {"not": ""}}). Whether the source is a plain string is the caller's to decide.
	Filter bool
	// Stringified is set when the value reaches the sink inside a string built from it (a template, or a
	// concatenation with a string literal): whatever the caller sent, the sink receives a string.
	Stringified bool
	// ScalarOperand is set when the value is the operand of a Prisma scalar filter operator
	// (`{ equals: v, mode: "insensitive" }`, `contains`, `in`, …): Prisma accepts only a scalar (or a list
	// of scalars) there, so an object cannot add operators.
	ScalarOperand bool
	// PrismaArg is set when the value is (spread into) the whole argument of a Prisma model operation
	// (findWebsite(criteria) calling prisma.website.findUnique(criteria)): where the caller puts the
	// request value inside it decides whether it is a filter.
	PrismaArg bool
	// UniqueKey is, when the value is directly the value of a top-level key of the `where` of a Prisma
	// model operation, that key ("id"); the analyzer decides from the schema whether it is a unique field,
	// which Prisma compares only for equality in findUnique, update, delete and upsert.
	UniqueKey string
	// Name is what the value is called where the root function uses it (the variable, the property or
	// the searchParams key at the sink or at the helper call), for messages; "" when it has no name.
	Name string
}

func (fl Flow) via(name string) Flow {
	fl.Sink = fl.Sink.via(name)
	return fl
}

// UncheckedParse is a safeParse result whose data is used before its success is checked.
type UncheckedParse struct {
	File *jsmodel.File
	Node syntax.NodeID
	// Var is the result variable.
	Var string
}

// maxFlows bounds the flows recorded per function.
const maxFlows = 64

// sinkOf returns the sink role and description of a call, or 0, and how many leading arguments are the
// sink (0: all of them).
func (w *walker) sinkOf(callee Origin, key string, calleeNode syntax.NodeID) (libs.Role, string, int) {
	switch callee.Kind {
	case External:
		roles, entry := libs.Roles(key)
		if entry == nil {
			return 0, "", 0
		}
		if r := roles & (libs.DBWrite | libs.DBRead | libs.SendEmail | libs.SendSMS | libs.Payment | libs.FileWrite | libs.FileRead | libs.Outbound | libs.PaidAPI); r != 0 {
			return r, entry.What, entry.PathArgs
		}
		if roles&libs.Exit != 0 && (entry.What == "redirect" || entry.What == "permanentRedirect") {
			return libs.Outbound, "a redirect", 0
		}
	case Global:
		switch {
		case callee.Name == "fetch" && len(callee.Path) == 0:
			return libs.Outbound, fetchWhat, 0
		case callee.Name == "NextResponse" && len(callee.Path) == 1 && callee.Path[0] == "redirect",
			callee.Name == "Response" && len(callee.Path) == 1 && callee.Path[0] == "redirect":
			return libs.Outbound, "a redirect", 0
		}
	case Unknown:
		if what, _ := prismaByName(jsmodel.Chain(w.t, calleeNode)); what != "" {
			return libs.DBWrite, what, 0
		}
	}
	return 0, "", 0
}

// fetchWhat describes the global fetch as a sink.
const fetchWhat = "an outbound request (fetch)"

// encodedParam reports whether node at, inside sink argument arg, is serialized by a URLSearchParams
// built in place (`${new URLSearchParams({ id })}`, `"?" + new URLSearchParams(q).toString()`): the
// result is percent-encoded key=value pairs.
func encodedParam(t *syntax.Tree, at, arg syntax.NodeID) bool {
	for c := at; c != arg && c != syntax.None; c = t.Parent(c) {
		if t.Kind(c) != syntax.NewExpression || !t.TextIs(t.Unparen(t.ChildByField(c, syntax.FConstructor)), "URLSearchParams") {
			continue
		}
		p := t.Parent(c)
		for t.Kind(p) == syntax.ParenthesizedExpression {
			p = t.Parent(p)
		}
		switch t.Kind(p) {
		case syntax.TemplateSubstitution:
			return true
		case syntax.BinaryExpression:
			return t.TextIs(t.ChildByField(p, syntax.FOperator), "+")
		case syntax.MemberExpression:
			return t.TextIs(t.ChildByField(p, syntax.FProperty), "toString") && t.Kind(t.Parent(p)) == syntax.CallExpression
		}
		return false
	}
	return false
}

// underKey reports whether node at lies under property key of object literal obj (`{ headers: … }`,
// or `{ headers }`).
func underKey(t *syntax.Tree, at, obj syntax.NodeID, key string) bool {
	obj = t.Unparen(obj)
	if t.Kind(obj) != syntax.Object {
		return false
	}
	for c := at; c != obj && c != syntax.None; c = t.Parent(c) {
		if t.Parent(c) != obj {
			continue
		}
		switch t.Kind(c) {
		case syntax.Pair:
			return t.TextIs(t.ChildByField(c, syntax.FKey), key)
		case syntax.ShorthandPropertyIdentifier:
			return t.TextIs(c, key)
		}
		return false
	}
	return false
}

// flowsAt records the flows of untrusted values in the arguments of a sink call.
func (w *walker) flowsAt(n syntax.NodeID, args []syntax.NodeID, sink Op, st *state) {
	if st.rejecting {
		return
	}
	w.valid = st.validated
	defer func() { w.valid = nil }()
	for i, a := range args {
		if sink.What == "a redirect" && (w.fixedURL(w.f, a) || w.fixedTargetCall(w.f, a, 0)) {
			// `/dashboard/${slug}`, `https://app.example.com/cb?${query}`: the request picks a page of
			// this site, not where the browser goes.
			continue
		}

		if targets, ok := s3Targets(w.t, sink, a); ok {
			// An S3 command: the bucket and key choose the object; the body is content, not a target.
			for _, tgt := range targets {
				for _, ref := range w.untrusted(tgt) {
					w.addFlow(Flow{Param: ref.param, Path: ref.o.Path, Channel: ref.channel, SrcFile: ref.o.SrcFile, Src: ref.o.Src, Sink: sink, Name: ref.nameIn(w.t)})
				}
			}
			continue
		}
		for _, ref := range w.untrusted(a) {
			if sink.Role == libs.Outbound && encodedParam(w.t, ref.at, a) {
				// `?${new URLSearchParams({ folderId })}`: encoded, the value is a query value; it
				// cannot change the scheme, host or path the request goes to.
				continue
			}
			if i == 1 && sink.What == fetchWhat && underKey(w.t, ref.at, a, "headers") {
				// fetch(url, { headers: { Authorization: token } }): a header value does not choose the
				// target (fetch rejects line breaks in it); where the URL comes from is its own flow.
				continue
			}
			prisma := i == 0 && sink.Model != ""
			uk := ""
			if prisma {
				uk = whereKey(w.t, ref.at, a)
			}
			w.addFlow(Flow{Param: ref.param, Path: ref.o.Path, Channel: ref.channel, SrcFile: ref.o.SrcFile, Src: ref.o.Src, Sink: sink,
				Filter: prisma && filterPosition(w.t, ref.at, a), Stringified: stringified(w.t, ref.at, a), ScalarOperand: prisma && scalarOperand(w.t, ref.at), PrismaArg: prisma && wholeArg(w.t, ref.at, a), UniqueKey: uk, Name: ref.nameIn(w.t)})
		}
	}
	// Mass assignment: untrusted whole objects as Prisma `data`.
	if sink.Role&libs.DBWrite != 0 && sink.Model != "" && len(args) > 0 {
		if data := objectProp(w.t, args[0], "data"); data != syntax.None {
			w.massAssignment(data, sink)
		}
	}
}

func (w *walker) addFlow(fl Flow) {
	if len(w.s.Flows) >= maxFlows {
		return
	}
	for i, x := range w.s.Flows {
		if x.Param == fl.Param && x.Channel == fl.Channel && x.Src == fl.Src && x.SrcFile == fl.SrcFile && x.Sink.Node == fl.Sink.Node && x.Sink.File == fl.Sink.File && x.Whole == fl.Whole &&
			(x.Filter == fl.Filter || samePath(x.Path, fl.Path)) {
			// The same read used as a filter and as data (`where: { id }, data: { parentId: id }`) is
			// a flow into the data.
			if x.Filter && !fl.Filter {
				w.s.Flows[i].Filter = false
			}
			if !fl.Stringified {
				w.s.Flows[i].Stringified = false
			}
			if !fl.ScalarOperand {
				w.s.Flows[i].ScalarOperand = false
			}
			return
		}
	}
	w.s.Flows = append(w.s.Flows, fl)
}

// samePath reports whether two property paths are equal. Fields destructured from one parameter share
// its read ({ id, include }): one may be a filter and the other not.
func samePath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// filterKeys are the keys of a Prisma operation argument whose values are filters.
var filterKeys = map[string]bool{"where": true, "cursor": true}

// filterPosition reports whether node at, inside the argument arg of a Prisma model operation, is a
// filter value: below a `where` or `cursor` key, with only shape-keeping expressions in between.
func filterPosition(t *syntax.Tree, at, arg syntax.NodeID) bool {
	inFilter := false
	for c := at; c != arg; {
		p := t.Parent(c)
		if p == syntax.None {
			return false
		}
		if t.Kind(p) == syntax.Pair && c == t.ChildByField(p, syntax.FValue) {
			if k := t.ChildByField(p, syntax.FKey); filterKeys[t.Text(k)] {
				inFilter = true
			}
		}
		if !shapeKeeping(t, p) {
			return false
		}
		c = p
	}
	return inFilter
}

// spreadBranchOf returns the object literal that object obj is spread into as a branch of a conditional
// (`{ ...(cond ? obj : other) }`), or None.
func spreadBranchOf(t *syntax.Tree, obj syntax.NodeID) syntax.NodeID {
	c := obj
	p := t.Parent(c)
	for t.Kind(p) == syntax.ParenthesizedExpression {
		c, p = p, t.Parent(p)
	}
	if t.Kind(p) != syntax.TernaryExpression || t.ChildByField(p, syntax.FCondition) == c {
		return syntax.None
	}
	c, p = p, t.Parent(p)
	for t.Kind(p) == syntax.ParenthesizedExpression {
		c, p = p, t.Parent(p)
	}
	if t.Kind(p) != syntax.SpreadElement {
		return syntax.None
	}
	return t.Parent(p)
}

// outerCast returns the outermost of the casts and parentheses wrapped around node at (at itself when
// there are none): the node whose parent uses the value.
func outerCast(t *syntax.Tree, at syntax.NodeID) syntax.NodeID {
	c := at
	for {
		switch t.Kind(t.Parent(c)) {
		case syntax.AsExpression, syntax.NonNullExpression, syntax.SatisfiesExpression, syntax.ParenthesizedExpression:
			c = t.Parent(c)
		default:
			return c
		}
	}
}

// scalarOperators are Prisma's scalar filter operators whose operand must be a scalar or a list of
// scalars (`not` is left out: it also takes a nested filter object).
var scalarOperators = map[string]bool{"equals": true, "in": true, "notIn": true, "lt": true, "lte": true, "gt": true, "gte": true,
	"contains": true, "startsWith": true, "endsWith": true, "has": true, "hasEvery": true, "hasSome": true}

// scalarOperand reports whether node at is directly the value of a scalar filter operator's property.
func scalarOperand(t *syntax.Tree, at syntax.NodeID) bool {
	c := outerCast(t, at)
	if t.Kind(c) == syntax.ShorthandPropertyIdentifier {
		return scalarOperators[t.Text(c)]
	}
	p := t.Parent(c)
	return t.Kind(p) == syntax.Pair && t.ChildByField(p, syntax.FValue) == c && scalarOperators[t.Text(t.ChildByField(p, syntax.FKey))]
}

// stringified reports whether node at inside expression root is part of a string built from it on the way
// to root: a template substitution, or an operand of `+` whose other operand is a string literal or a
// template.
func stringified(t *syntax.Tree, at, root syntax.NodeID) bool {
	for c := at; c != root; {
		p := t.Parent(c)
		if p == syntax.None {
			return false
		}
		switch t.Kind(p) {
		case syntax.TemplateSubstitution:
			return true
		case syntax.BinaryExpression:
			if !t.TextIs(t.ChildByField(p, syntax.FOperator), "+") {
				return false
			}
			other := t.ChildByField(p, syntax.FLeft)
			if other == c {
				other = t.ChildByField(p, syntax.FRight)
			}
			if k := t.Kind(t.Unparen(other)); k == syntax.String || k == syntax.TemplateString {
				return true
			}
		case syntax.ParenthesizedExpression, syntax.AsExpression, syntax.NonNullExpression, syntax.SatisfiesExpression:
		default:
			// A call or an object in between: JSON.parse(`${email}`) is not a string any more.
			return false
		}
		c = p
	}
	return false
}

// wholeArg reports whether node at is the whole expression arg (`criteria as any`), or spread into it
// (`{ ...criteria }`).
func wholeArg(t *syntax.Tree, at, arg syntax.NodeID) bool {
	for c := at; c != arg; {
		p := t.Parent(c)
		switch t.Kind(p) {
		case syntax.AsExpression, syntax.NonNullExpression, syntax.SatisfiesExpression, syntax.ParenthesizedExpression, syntax.AwaitExpression:
			c = p
		case syntax.SpreadElement:
			return t.Parent(p) == t.Unparen(arg)
		default:
			return false
		}
	}
	return true
}

// keepsShape reports whether node at inside expression root reaches root's value through expressions
// that keep its shape: a string stays a string (or a part of one), an object an object.
func keepsShape(t *syntax.Tree, at, root syntax.NodeID) bool {
	for c := at; c != root; {
		p := t.Parent(c)
		if p == syntax.None || !shapeKeeping(t, p) {
			return false
		}
		c = p
	}
	return true
}

// shapeKeeping reports whether an expression kind passes a value on without turning it into something
// of another shape: literals holding it, string building, conditionals, awaits and type assertions, and
// calls of the string conversions. A call of an unknown function (one that could JSON.parse its
// argument) does not.
func shapeKeeping(t *syntax.Tree, p syntax.NodeID) bool {
	switch t.Kind(p) {
	case syntax.Pair, syntax.Object, syntax.Array, syntax.SpreadElement, syntax.TemplateString, syntax.TemplateSubstitution,
		syntax.BinaryExpression, syntax.TernaryExpression, syntax.ParenthesizedExpression, syntax.AwaitExpression,
		syntax.AsExpression, syntax.NonNullExpression, syntax.SatisfiesExpression:
		return true
	case syntax.Arguments:
		return shapeKeeping(t, t.Parent(p))
	case syntax.CallExpression:
		switch jsmodel.Chain(t, t.ChildByField(p, syntax.FFunction)) {
		case "String", "decodeURIComponent", "decodeURI":
			return true
		}
	}
	return false
}

// ReadKey returns the key of a `.get("key")` read (searchParams.get, headers.get, cookies().get) at node
// n, looking through member accesses on its result (cookies().get("ref")?.value); "" otherwise.
func ReadKey(t *syntax.Tree, n syntax.NodeID) string {
	n = t.Unparen(n)
	for t.Kind(n) == syntax.MemberExpression {
		n = t.Unparen(t.ChildByField(n, syntax.FObject))
	}
	if t.Kind(n) != syntax.CallExpression {
		return ""
	}
	fn := t.Unparen(t.ChildByField(n, syntax.FFunction))
	if t.Kind(fn) != syntax.MemberExpression || !t.TextIs(t.ChildByField(fn, syntax.FProperty), "get") {
		return ""
	}
	if args := namedArgs(t, n); len(args) == 1 {
		if k, ok := t.StringValue(args[0]); ok {
			return k
		}
	}
	return ""
}

// refName is what an untrusted read is called in the code: a variable's name, a property's name, the key
// of a `.get("key")` call; "" otherwise.
func refName(t *syntax.Tree, at syntax.NodeID) string {
	at = t.Unparen(at)
	switch t.Kind(at) {
	case syntax.Identifier, syntax.ShorthandPropertyIdentifier:
		return t.Text(at)
	case syntax.MemberExpression:
		return t.Text(t.ChildByField(at, syntax.FProperty))
	case syntax.SubscriptExpression:
		if k, ok := t.StringValue(t.ChildByField(at, syntax.FIndex)); ok {
			return k
		}
	case syntax.CallExpression:
		if k := ReadKey(t, at); k != "" {
			return k
		}
		fn := t.Unparen(t.ChildByField(at, syntax.FFunction))
		if t.Kind(fn) == syntax.MemberExpression {
			return refName(t, t.ChildByField(fn, syntax.FObject))
		}
		// A helper returning (part of) its argument: what it was given (anywhere(next)).
		if args := namedArgs(t, at); len(args) > 0 {
			return refName(t, args[0])
		}
	case syntax.BinaryExpression:
		// next ?? "/"
		return refName(t, t.ChildByField(at, syntax.FLeft))
	}
	return ""
}

// fixedTargetPrefix matches the constant start of a URL that fixes where it leads: a scheme and host
// followed by a path, or a same-site path ("/x", not "//host" nor "/\host").
var fixedTargetPrefix = regexp.MustCompile(`^(?:[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+/|/[^/\\])`)

// fixedTargetCall reports whether n (in file f) calls a project helper whose every return value is a
// fixed target (`settingsPath(id, slug)` returning `/organizations/${id}/settings/${slug}`), directly
// or through another such helper.
func (w *walker) fixedTargetCall(f *jsmodel.File, n syntax.NodeID, depth int) bool {
	t := f.Tree
	n = t.Unparen(n)
	if depth > 3 || t.Kind(n) != syntax.CallExpression {
		return false
	}
	callee := w.e.OriginOf(f, t.ChildByField(n, syntax.FFunction))
	if callee.Kind != Func || len(callee.Path) > 0 {
		return false
	}
	g := callee.File
	fn := &g.Functions[callee.Fn]
	gt := g.Tree
	var returns []syntax.NodeID
	if gt.Kind(fn.Body) != syntax.StatementBlock {
		returns = append(returns, fn.Body) // an arrow function's expression body
	} else {
		gt.Walk(fn.Body, func(x syntax.NodeID) bool {
			switch gt.Kind(x) {
			case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration:
				return false
			case syntax.ReturnStatement:
				returns = append(returns, gt.FirstNamedChild(x))
			}
			return true
		})
	}
	for _, r := range returns {
		if r == syntax.None || !w.fixedURL(g, r) && !w.fixedTargetCall(g, r, depth+1) {
			return false
		}
	}
	return len(returns) > 0
}

// untrustedRef is an untrusted value found in an expression.
type untrustedRef struct {
	o       Origin
	param   int
	channel string
	// at is the node of the expression where the value was found.
	at syntax.NodeID
	// name, when set, is what the value is called where it was read, when at is a variable holding it
	// (`target = next ?? "/"`: next).
	name string
}

// nameIn is what the value is called, for messages.
func (r untrustedRef) nameIn(t *syntax.Tree) string {
	if r.name != "" {
		return r.name
	}
	return refName(t, r.at)
}

// untrusted returns the untrusted values an expression is built from: reads of the root function's
// parameters and of request headers or cookies that no validator has processed.
func (w *walker) untrusted(n syntax.NodeID) []untrustedRef {
	t := w.t
	// untrusted recurses through variables, conditions (constrained, serverValue) and helpers: bound
	// the depth so that self-referencing definitions (`var a = a === x ? x : "d"`) terminate.
	if w.untrustedDepth >= maxUntrustedDepth {
		return nil
	}
	w.untrustedDepth++
	defer func() { w.untrustedDepth-- }()
	var out []untrustedRef
	t.Walk(n, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression:
			return false
		case syntax.NewExpression:
			// new URL(path, request.url): the base only fixes the origin; the path is what matters.
			if t.TextIs(t.Unparen(t.ChildByField(x, syntax.FConstructor)), "URL") {
				if args := namedArgs(t, x); len(args) >= 1 {
					out = append(out, w.untrusted(args[0])...)
				}
				return false
			}
			// new Date(value): a date (perhaps an invalid one), never the caller's string or object.
			if t.TextIs(t.Unparen(t.ChildByField(x, syntax.FConstructor)), "Date") {
				return false
			}
		case syntax.TernaryExpression:
			// The condition picks a branch; its value does not flow into the result. A branch the
			// condition restricts to listed constants (`SORTS.includes(s) ? s : "date"`) is one of them.
			cond := t.ChildByField(x, syntax.FCondition)
			for i, br := range []syntax.NodeID{t.ChildByField(x, syntax.FConsequence), t.ChildByField(x, syntax.FAlternative)} {
				if w.branchConstrained(cond, br, i == 0) {
					continue
				}
				out = append(out, w.untrusted(br)...)
			}
			return false
		case syntax.UnaryExpression:
			switch t.Text(t.ChildByField(x, syntax.FOperator)) {
			case "!", "typeof", "void":
				return false // a boolean, a type name, undefined: nothing of the value
			}
		case syntax.BinaryExpression:
			switch t.Text(t.ChildByField(x, syntax.FOperator)) {
			case "===", "!==", "==", "!=", "<", ">", "<=", ">=", "instanceof", "in":
				return false // a boolean
			case "&&":
				// `cond && { … }` (often spread): the left side only decides; when it is the result it
				// is a falsy value.
				out = append(out, w.untrusted(t.ChildByField(x, syntax.FRight))...)
				return false
			}
		case syntax.Identifier, syntax.MemberExpression, syntax.CallExpression, syntax.SubscriptExpression, syntax.ShorthandPropertyIdentifier:
			if w.valid != nil && w.validatedName(x) {
				return false // parsed by an assertion helper before this point
			}
			if w.joins >= maxJoins {
				// Deep enough in variables: what is left is judged by its origin alone.
			} else if v := w.derivedFromValid(x); v != syntax.None {
				// `chosen = normalized || fallback` after normalized was checked: what the variable
				// holds is what its initializer is built from, now.
				w.joins++
				for _, ref := range w.untrusted(v) {
					ref.at = x
					out = append(out, ref)
				}
				w.joins--
				return false
			}
			o := w.e.OriginOf(w.f, x)
			if pathJoin(o) && o.CallFile == w.f && w.joins < maxJoins {
				// path.join(dir, name), directly or through a variable: the parts are what the path is
				// built from.
				w.joins++
				for _, a := range namedArgs(t, o.Call) {
					out = append(out, w.untrusted(a)...)
				}
				w.joins--
				return false
			}
			if allowlistReplace(o) {
				return false // key.replace(/[^a-z0-9-]/g, ""): only the listed characters are left
			}
			if ref, ok := w.classify(o); ok {
				if ref.o.SrcFile == nil {
					ref.o.SrcFile, ref.o.Src = w.f, x
				}
				if o.CallFile == w.f && o.Call != syntax.None && o.Call != x {
					// target = searchParams.get("next") ?? "/": the read names it.
					ref.name = ReadKey(t, o.Call)
				}
				ref.at = x
				out = append(out, ref)
				return false
			}
			if o.Kind == Unknown && t.Kind(x) == syntax.Identifier && w.joins < maxJoins && !w.expanding[t.Text(x)] {
				// name = header ? decodeURIComponent(header) : null, name = a || b, command = `open
				// "${target}"` (in one branch or another): the variable holds what its definitions pick
				// between or build. A name is not expanded inside its own definitions (`cmd = `${cmd}
				// --flag``): the other definitions bring what it holds.
				if vals := builtValues(t, w.f.Defs(t.Text(x), x)); len(vals) > 0 {
					if w.expanding == nil {
						w.expanding = map[string]bool{}
					}
					w.expanding[t.Text(x)] = true
					defer delete(w.expanding, t.Text(x))
					w.joins++
					for _, v := range vals {
						for _, ref := range w.untrusted(v) {
							ref.name, ref.at = ref.nameIn(t), x
							out = append(out, ref)
						}
					}
					w.joins--
					return false
				}
			}
			if o.Kind != Unknown || t.Kind(x) == syntax.Identifier || t.Kind(x) == syntax.ShorthandPropertyIdentifier {
				return false // a known, trusted or validated origin; or a name with none
			}
			if t.Kind(x) == syntax.CallExpression && sanitiser(jsmodel.Chain(t, t.ChildByField(x, syntax.FFunction))) {
				return false
			}
		}
		return true
	})
	return out
}

// validatedName reports whether the value read at x was checked by an assertion helper: its root
// variable was passed to one, or was destructured from or assigned a variable that was
// (`validateInputs([input, schema]); const { id } = input`).
func (w *walker) validatedName(x syntax.NodeID) bool {
	t := w.t
	name := rootName(t, x)
	if name == "" {
		return false
	}
	if w.valid[name] {
		return true
	}
	defs := w.f.Defs(name, x)
	for i := len(defs) - 1; i >= 0; i-- {
		if d := defs[i]; d.Kind == jsmodel.DefVar && d.Value != syntax.None {
			return w.valid[rootName(t, stringEdits(t, t.Unparen(d.Value)))]
		}
	}
	return false
}

// builtValues returns the values a variable's definitions assign when each of them picks between values
// or builds a string from them (a conditional, `a || b`, `a ?? b`, a template, a concatenation); nil when
// some definition is anything else (a call, a destructuring, a parameter), whose origin decides.
func builtValues(t *syntax.Tree, defs []jsmodel.Def) []syntax.NodeID {
	var out []syntax.NodeID
	for _, d := range defs {
		if d.Kind != jsmodel.DefVar && d.Kind != jsmodel.DefAssign || d.Destructured {
			return nil
		}
		if d.Value == syntax.None {
			continue // let command;
		}
		if d.Kind == jsmodel.DefAssign && d.Op != "=" && d.Op != "+=" {
			return nil
		}
		v := t.Unparen(d.Value)
		switch t.Kind(v) {
		case syntax.String, syntax.Number, syntax.Null, syntax.Undefined, syntax.True, syntax.False:
			continue // let cmd = "tool": a constant start
		case syntax.TernaryExpression, syntax.TemplateString:
		case syntax.BinaryExpression:
			switch t.Text(t.ChildByField(v, syntax.FOperator)) {
			case "||", "??", "+":
			default:
				return nil
			}
		default:
			return nil
		}
		out = append(out, v)
	}
	return out
}

// stringEdits looks through string methods that only trim, case or cut their receiver
// (`name.trim().toLowerCase()`), returning the receiver.
func stringEdits(t *syntax.Tree, x syntax.NodeID) syntax.NodeID {
	for t.Kind(x) == syntax.CallExpression {
		callee := t.Unparen(t.ChildByField(x, syntax.FFunction))
		if t.Kind(callee) != syntax.MemberExpression {
			return x
		}
		switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
		case "trim", "trimStart", "trimEnd", "toLowerCase", "toUpperCase", "normalize", "slice", "substring":
			x = t.Unparen(t.ChildByField(callee, syntax.FObject))
		default:
			return x
		}
	}
	return x
}

// derivedFromValid returns the initializer of the constant-like variable x (one declaration, never
// reassigned) when it reads a variable validated at this point, or picks between branches with a
// condition that restricts one of them to listed constants; None otherwise.
func (w *walker) derivedFromValid(x syntax.NodeID) syntax.NodeID {
	t := w.t
	if t.Kind(x) != syntax.Identifier {
		return syntax.None
	}
	defs := w.f.Defs(t.Text(x), x)
	if len(defs) != 1 || defs[0].Kind != jsmodel.DefVar || defs[0].Value == syntax.None || defs[0].Destructured {
		return syntax.None
	}
	v := defs[0].Value
	if u := t.Unparen(v); t.Kind(u) == syntax.TernaryExpression {
		// `sort = SORTS.includes(s) ? s : "date"`: the branches say what the variable holds.
		if w.constrainedBranch(u) {
			return v
		}
	}
	reads := false
	t.Walk(v, func(y syntax.NodeID) bool {
		switch t.Kind(y) {
		case syntax.ArrowFunction, syntax.FunctionExpression:
			return false
		case syntax.Identifier:
			if w.valid[t.Text(y)] {
				reads = true
			}
		}
		return !reads
	})
	if !reads {
		return syntax.None
	}
	return v
}

// allowlistReplace reports whether an origin is the result of a replace that deletes every character
// outside a class (`s.replace(/[^a-zA-Z0-9_-]/g, "")`): what is left cannot hold separators, quotes or
// dots, whatever the input was.
func allowlistReplace(o Origin) bool {
	n := len(o.Path)
	if n < 2 || o.Path[n-1] != "()" || (o.Path[n-2] != "replace" && o.Path[n-2] != "replaceAll") || o.CallFile == nil {
		return false
	}
	t := o.CallFile.Tree
	args := namedArgs(t, o.Call)
	if len(args) != 2 || t.Kind(args[0]) != syntax.Regex {
		return false
	}
	if v, ok := t.StringValue(args[1]); !ok || v != "" {
		return false
	}
	re := t.Text(args[0])
	end := strings.LastIndexByte(re, '/')
	if end <= 0 || !strings.Contains(re[end:], "g") {
		return false // without the g flag only the first match goes
	}
	body := strings.TrimRight(re[1:end], "+*")
	return strings.HasPrefix(body, "[^") && strings.IndexByte(body, ']') == len(body)-1
}

// maxJoins bounds how many path.join calls untrusted follows through variables.
const maxJoins = 4

// maxUntrustedDepth bounds the nesting of untrusted calls (through variables, conditions and helpers).
const maxUntrustedDepth = 24

// pathJoin reports whether an origin is the result of node's path.join, resolve or normalize, which
// build a path from their arguments.
func pathJoin(o Origin) bool {
	if o.Kind != External || len(o.Path) == 0 || o.Path[len(o.Path)-1] != "()" {
		return false
	}
	switch o.Pkg {
	case "path", "node:path", "path/posix", "node:path/posix", "upath":
	default:
		return false
	}
	method := o.Name
	if len(o.Path) >= 2 {
		method = o.Path[len(o.Path)-2]
	}
	switch method {
	case "join", "resolve", "normalize":
		return true
	}
	return false
}

// classify decides whether an origin is untrusted input.
func (w *walker) classify(o Origin) (untrustedRef, bool) {
	switch o.Kind {
	case Param:
		// request.url itself (a redirect back to the same URL) is not attacker-chosen.
		if len(o.Path) == 1 && o.Path[0] == "url" {
			return untrustedRef{}, false
		}
		// A size is a number the runtime computes ((await req.arrayBuffer()).byteLength).
		if n := len(o.Path); n > 0 && (o.Path[n-1] == "byteLength" || o.Path[n-1] == "length" || o.Path[n-1] == "size") {
			return untrustedRef{}, false
		}
		if o.File == w.f && o.Fn == w.root && !validatedPath(o.Path) {
			return untrustedRef{o: o, param: o.Param}, true
		}
	case External:
		if o.Pkg == "next" && o.Sub == "headers" && len(o.Path) >= 1 && o.Path[0] == "()" && (o.Name == "headers" || o.Name == "cookies") && len(o.Path) >= 3 {
			ref := untrustedRef{o: o, param: -1, channel: o.Name}
			if o.CallFile != nil {
				ref.o.SrcFile, ref.o.Src = o.CallFile, o.Call
			}
			return ref, true
		}
	}
	return untrustedRef{}, false
}

// validatedPath reports whether a parameter path is already validated by the framework that passes it:
// next-safe-action's parsedInput.
func validatedPath(path []string) bool {
	return len(path) > 0 && path[0] == "parsedInput"
}

// IsValidated reports whether an origin passed through a validator.
func IsValidated(o Origin) bool {
	if o.Kind == Param {
		// A schema handed in as a parameter (createSafeAction(schema, handler) calling
		// schema.safeParse(input)): the parse methods of schema libraries name themselves.
		for k := 1; k < len(o.Path); k++ {
			if o.Path[k] == "()" && schemaParseMethod(o.Path[k-1]) {
				return true
			}
		}
		return false
	}
	if o.Kind != External {
		return false
	}
	for k, p := range o.Path {
		if p != "()" {
			continue
		}
		roles, _ := libs.Roles(libs.Key(o.Pkg, o.Sub, o.Name, o.Path[:k]...))
		if roles&libs.Validate != 0 {
			return true
		}
	}
	return false
}

// schemaParseMethod reports whether a method name is a schema library's parse (Zod, Valibot's
// methods-style wrappers, Yup's validate, Joi's validateAsync, Superstruct's create).
func schemaParseMethod(name string) bool {
	switch name {
	case "parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync":
		return true
	}
	return false
}

// sanitiser lists coercions that make a value safe for the sinks archlint tracks.
func sanitiser(chain string) bool {
	switch chain {
	case "Number", "parseInt", "parseFloat", "Boolean", "Number.parseInt", "Number.parseFloat", "Math.min", "Math.max", "Math.floor", "Math.round", "encodeURIComponent", "Date", "BigInt":
		return true
	}
	return false
}

// looseSchema recognises schemas that do not list the fields they accept.
var looseSchema = regexp.MustCompile(`z\.any\(|z\.record\(|\.passthrough\(|\.catchall\(|z\.unknown\(|z\.object\(\s*\{\s*\}\s*\)|z\.looseObject\(`)

// massAssignment records a whole untrusted object used as Prisma data (directly or spread).
func (w *walker) massAssignment(data syntax.NodeID, sink Op) {
	t := w.t
	candidates := []syntax.NodeID{t.Unparen(data)}
	if t.Kind(candidates[0]) == syntax.Object {
		candidates = nil
		for c := t.FirstChild(t.Unparen(data)); c != syntax.None; c = t.NextSibling(c) {
			if t.Kind(c) == syntax.SpreadElement {
				candidates = append(candidates, t.FirstNamedChild(c))
			}
		}
	}
	for _, c := range candidates {
		o := w.e.OriginOf(w.f, c)
		if ref, ok := w.classify(o); ok && wholeObject(o.Path) {
			src := ref.o.Src
			srcFile := ref.o.SrcFile
			if srcFile == nil {
				srcFile, src = w.f, c
			}
			w.addFlow(Flow{Param: ref.param, Path: o.Path, Channel: ref.channel, SrcFile: srcFile, Src: src, Sink: sink, Whole: true})
			continue
		}
		if IsValidated(o) && o.CallFile != nil && w.looseValidation(o) {
			w.addFlow(Flow{Param: -1, Channel: "body", SrcFile: w.f, Src: c, Sink: sink, Whole: true, Loose: true})
		}
	}
}

// wholeObject reports whether a parameter path denotes a whole request object rather than a field:
// the parameter itself, await req.json(), formData, Object.fromEntries(formData), req.body.
func wholeObject(path []string) bool {
	if len(path) == 0 {
		return true
	}
	last := path[len(path)-1]
	if last == "()" && len(path) >= 2 {
		switch path[len(path)-2] {
		case "json", "formData":
			return true
		}
	}
	return last == "body" || last == "parsedInput" || last == "input" || last == "data"
}

// looseValidation reports whether the validator call behind a validated origin uses a schema that does
// not list its fields.
func (w *walker) looseValidation(o Origin) bool {
	t := o.CallFile.Tree
	callee := t.Unparen(t.ChildByField(o.Call, syntax.FFunction))
	if t.Kind(callee) != syntax.MemberExpression {
		return false
	}
	schema := t.Unparen(t.ChildByField(callee, syntax.FObject))
	text := t.Text(schema)
	if t.Kind(schema) == syntax.Identifier {
		for _, d := range o.CallFile.Defs(text, schema) {
			if d.Value != syntax.None && !d.Destructured {
				text = t.Text(d.Value)
				break
			}
		}
	}
	return looseSchema.MatchString(topLevel(strings.Join(strings.Fields(text), "")))
}

// topLevel keeps the outermost call chain of a schema expression and drops what its arguments contain,
// so that a nested open field (`z.object({ meta: z.record(z.any()) })`) does not make the whole object
// open: "z.object({…}).passthrough()" becomes "z.object().passthrough()".
func topLevel(s string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(':
			if depth == 0 {
				b.WriteByte(c)
				// Keep an empty object literal argument visible: z.object({}) accepts any key.
				if strings.HasPrefix(s[i+1:], "{})") {
					b.WriteString("{}")
				}
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				b.WriteByte(c)
			}
		default:
			if depth == 0 {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// objectProp returns the value of property key of an object literal argument, or None.
func objectProp(t *syntax.Tree, obj syntax.NodeID, key string) syntax.NodeID {
	obj = t.Unparen(obj)
	if t.Kind(obj) != syntax.Object {
		return syntax.None
	}
	for c := t.FirstChild(obj); c != syntax.None; c = t.NextSibling(c) {
		switch t.Kind(c) {
		case syntax.Pair:
			if k := t.ChildByField(c, syntax.FKey); t.TextIs(k, key) {
				return t.ChildByField(c, syntax.FValue)
			}
		case syntax.ShorthandPropertyIdentifier:
			if t.TextIs(c, key) {
				return c
			}
		}
	}
	return syntax.None
}

// ObjectProp returns the value of property key of object literal obj (a pair or a shorthand), or None.
func ObjectProp(t *syntax.Tree, obj syntax.NodeID, key string) syntax.NodeID {
	return objectProp(t, obj, key)
}

// calleeFlows maps a helper's flows from its parameters onto the caller's arguments.
func (w *walker) calleeFlows(s *Summary, name string, args []syntax.NodeID, st *state) {
	if st.rejecting {
		return
	}
	w.valid = st.validated
	defer func() { w.valid = nil }()
	for _, fl := range s.Flows {
		if fl.Param < 0 {
			w.addFlow(fl.via(name))
			continue
		}
		if fl.Param >= len(args) {
			continue
		}
		arg := w.t.Unparen(args[fl.Param])
		if fl.Whole && len(fl.Path) == 0 && w.t.Kind(arg) == syntax.Object {
			// createShare({ id: uuid(), entityId: params.id, name }): the call site lists the fields, so a
			// request value in one of them is a plain flow; only spread request objects stay whole.
			for c := w.t.FirstChild(arg); c != syntax.None; c = w.t.NextSibling(c) {
				part := fl
				part.Whole = w.t.Kind(c) == syntax.SpreadElement
				w.mapFlow(part, name, c)
			}
			continue
		}
		w.mapThrough(fl, name, arg, fl.Path, 0)
	}
}

// mapThrough maps a helper's flow from the property path of its parameter onto the caller's argument
// expression. getNote({ id, include }) with the helper's flow from its parameter's `include`: only what the
// caller puts there flows — the property itself (followed into nested object literals: `workspace: { id:
// workspace.id, plan }` for a flow from workspace.id), or what a spread may bring under that key
// ({ ...schema.parse(query), id }: `page` comes from the parsed query, not from id).
func (w *walker) mapThrough(fl Flow, name string, arg syntax.NodeID, path []string, depth int) {
	arg = w.t.Unparen(arg)
	if len(path) > 0 && path[0] != "()" && w.t.Kind(arg) == syntax.Object && depth < 8 {
		for _, src := range propSources(w.t, arg, path[0]) {
			if w.t.Kind(src) == syntax.SpreadElement {
				w.mapThrough(fl, name, w.t.FirstNamedChild(src), path, depth+1)
				continue
			}
			w.mapThrough(fl, name, src, path[1:], depth+1)
		}
		return
	}
	part := fl
	part.Path = path
	w.mapFlow(part, name, arg)
}

// propSources returns what may give property key of object literal obj its value: the last property of that
// name (its value node) and the spread elements after it, or every spread element if there is no such
// property.
func propSources(t *syntax.Tree, obj syntax.NodeID, key string) []syntax.NodeID {
	var out []syntax.NodeID
	for c := t.FirstChild(obj); c != syntax.None; c = t.NextSibling(c) {
		switch t.Kind(c) {
		case syntax.Pair:
			if k := t.ChildByField(c, syntax.FKey); t.TextIs(k, key) {
				out = append(out[:0], t.ChildByField(c, syntax.FValue))
			}
		case syntax.ShorthandPropertyIdentifier:
			if t.TextIs(c, key) {
				out = append(out[:0], c)
			}
		case syntax.SpreadElement:
			out = append(out, c)
		}
	}
	return out
}

// mapFlow records, for each untrusted value in the caller's expression arg, the callee's flow fl.
func (w *walker) mapFlow(fl Flow, name string, arg syntax.NodeID) {
	for _, ref := range w.untrusted(arg) {
		nf := fl.via(name)
		nf.Param, nf.Channel = ref.param, ref.channel
		nf.Path = append(append([]string(nil), ref.o.Path...), fl.Path...)
		nf.SrcFile, nf.Src = ref.o.SrcFile, ref.o.Src
		nf.Filter = fl.Filter && keepsShape(w.t, ref.at, arg)
		nf.Stringified = fl.Stringified || stringified(w.t, ref.at, arg)
		// The caller's value is the helper's operand itself, not a part of it.
		nf.ScalarOperand = fl.ScalarOperand && w.t.Unparen(ref.at) == w.t.Unparen(arg)
		nf.PrismaArg = false
		if fl.PrismaArg && len(fl.Path) == 0 {
			// The helper's parameter is the Prisma argument: the caller's object literal is it.
			nf.Filter = filterPosition(w.t, ref.at, arg)
			nf.PrismaArg = wholeArg(w.t, ref.at, arg)
		}
		nf.Name = ref.nameIn(w.t)
		w.addFlow(nf)
	}
}

// noteSafeParseChecks records the safeParse results whose `success` a condition tests, and marks the
// variables such a safeParse was given in an object literal (schema.safeParse({ workflowId, teamId }))
// as validated.
func (w *walker) noteSafeParseChecks(cond syntax.NodeID, st *state) {
	t := w.t
	t.Walk(cond, func(x syntax.NodeID) bool {
		if t.Kind(x) == syntax.MemberExpression && t.TextIs(t.ChildByField(x, syntax.FProperty), "success") {
			if obj := t.Unparen(t.ChildByField(x, syntax.FObject)); t.Kind(obj) == syntax.Identifier {
				if st.checked == nil {
					st.checked = map[string]bool{}
				}
				st.checked[t.Text(obj)] = true
				w.markSafeParsed(obj, st)
			}
		}
		return true
	})
}

// markSafeParsed marks as validated the variables listed in the object literal that the safeParse call
// assigned to result variable v was given.
func (w *walker) markSafeParsed(v syntax.NodeID, st *state) {
	t := w.t
	defs := w.f.Defs(t.Text(v), v)
	for i := len(defs) - 1; i >= 0; i-- {
		d := defs[i]
		if d.Kind != jsmodel.DefVar || d.Value == syntax.None || d.Destructured {
			continue
		}
		call := t.Unparen(d.Value)
		if t.Kind(call) == syntax.AwaitExpression {
			call = t.Unparen(t.FirstNamedChild(call))
		}
		if t.Kind(call) != syntax.CallExpression {
			return
		}
		fn := t.Unparen(t.ChildByField(call, syntax.FFunction))
		if t.Kind(fn) != syntax.MemberExpression || !strings.HasPrefix(t.Text(t.ChildByField(fn, syntax.FProperty)), "safeParse") {
			return
		}
		if args := namedArgs(t, call); len(args) > 0 && t.Kind(t.Unparen(args[0])) == syntax.Object {
			markFields(t, args[0], st)
		} else if len(args) > 0 && t.Kind(t.Unparen(args[0])) == syntax.Identifier && w.primitiveSchema(t.ChildByField(fn, syntax.FObject)) {
			// z.string().cuid().safeParse(id) succeeded: for a primitive the data is the input itself.
			markValidated(t, args[:1], st)
		}
		return
	}
}

// throwingParse reports whether a validator callee is a parse that throws on failure (parse,
// parseAsync), not one that returns a result to check.
func throwingParse(t *syntax.Tree, callee syntax.NodeID) bool {
	callee = t.Unparen(callee)
	if t.Kind(callee) != syntax.MemberExpression {
		return false
	}
	switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
	case "parse", "parseAsync":
		return true
	}
	return false
}

// markFields marks the variables a schema parsed as validated: an identifier passed as is, or the
// identifiers an object literal lists ({ name, slug: s }).
func markFields(t *syntax.Tree, arg syntax.NodeID, st *state) {
	mark := func(n syntax.NodeID) {
		if st.validated == nil {
			st.validated = map[string]bool{}
		}
		st.validated[t.Text(n)] = true
	}
	arg = t.Unparen(arg)
	switch t.Kind(arg) {
	case syntax.Identifier:
		mark(arg)
	case syntax.Object:
		for c := t.FirstChild(arg); c != syntax.None; c = t.NextSibling(c) {
			switch t.Kind(c) {
			case syntax.ShorthandPropertyIdentifier:
				mark(c)
			case syntax.Pair:
				if v := t.Unparen(t.ChildByField(c, syntax.FValue)); t.Kind(v) == syntax.Identifier {
					mark(v)
				}
			}
		}
	}
}

// noteAssertion sets AssertsArgs when the call parses a parameter-derived value with a schema and the
// function throws on failure (parse throws by itself; a safeParse needs a throw in the function).
func (w *walker) noteAssertion(calleeNode syntax.NodeID, callee Origin, args []syntax.NodeID) {
	t := w.t
	if w.s.AssertsArgs || len(args) == 0 || w.root == jsmodel.NoFunc {
		return
	}
	c := t.Unparen(calleeNode)
	if t.Kind(c) != syntax.MemberExpression {
		return
	}
	method := t.Text(t.ChildByField(c, syntax.FProperty))
	if !schemaParseMethod(method) || method == "validate" || method == "validateSync" {
		return
	}
	recv := t.Unparen(t.ChildByField(c, syntax.FObject))
	switch {
	case callee.Kind == External && IsValidated(callee.with("()")), callee.Kind == Param:
	case t.Kind(recv) == syntax.Identifier && w.forOfParam(t.Text(recv), c):
		// for (const [value, schema] of pairs) schema.safeParse(value)
	default:
		return
	}
	arg := t.Unparen(args[0])
	if a := w.e.OriginOf(w.f, arg); (a.Kind != Param || a.File != w.f) && !(t.Kind(arg) == syntax.Identifier && w.forOfParam(t.Text(arg), c)) {
		return
	}
	if strings.HasPrefix(method, "safe") && !w.throws() {
		return
	}
	w.s.AssertsArgs = true
}

// forOfParam reports whether name is bound by an enclosing `for (const … of xs)` whose xs is a
// parameter of the root function.
func (w *walker) forOfParam(name string, at syntax.NodeID) bool {
	t := w.t
	for p := t.Parent(at); p != syntax.None; p = t.Parent(p) {
		if t.Kind(p) != syntax.ForInStatement {
			continue
		}
		left := t.ChildByField(p, syntax.FLeft)
		bound := false
		t.Walk(left, func(x syntax.NodeID) bool {
			if (t.Kind(x) == syntax.Identifier || t.Kind(x) == syntax.ShorthandPropertyIdentifierPattern) && t.TextIs(x, name) {
				bound = true
			}
			return !bound
		})
		if bound {
			o := w.e.OriginOf(w.f, t.ChildByField(p, syntax.FRight))
			return o.Kind == Param && o.File == w.f && o.Fn == w.root
		}
	}
	return false
}

// throws reports whether the root function has a throw statement of its own.
func (w *walker) throws() bool {
	t := w.t
	found := false
	t.Walk(w.f.Functions[w.root].Body, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration:
			return false
		case syntax.ThrowStatement:
			found = true
		}
		return !found
	})
	return found
}

// rootName returns the identifier a member chain starts from (body in body.user.id), or "".
func rootName(t *syntax.Tree, x syntax.NodeID) string {
	for {
		switch t.Kind(x) {
		case syntax.Identifier, syntax.ShorthandPropertyIdentifier:
			return t.Text(x)
		case syntax.MemberExpression, syntax.SubscriptExpression:
			x = t.Unparen(t.ChildByField(x, syntax.FObject))
		default:
			return ""
		}
	}
}

// markValidated marks the variables an assertion helper received as validated: identifiers passed
// directly, or as the first element of [value, schema] pairs.
func markValidated(t *syntax.Tree, args []syntax.NodeID, st *state) {
	mark := func(n syntax.NodeID) {
		n = t.Unparen(n)
		if k := t.Kind(n); k == syntax.Identifier || k == syntax.ShorthandPropertyIdentifier {
			if st.validated == nil {
				st.validated = map[string]bool{}
			}
			st.validated[t.Text(n)] = true
		}
	}
	for _, a := range args {
		a = t.Unparen(a)
		if t.Kind(a) == syntax.Array {
			if first := t.FirstNamedChild(a); first != syntax.None {
				mark(first)
			}
			continue
		}
		mark(a)
	}
}

// successGuarded reports whether the read x (inside expression root) only runs after name.success was
// tested within the expression: the branches of `r.success ? r.data : d`, the right side of
// `r.success && r.data` and of `!r.success || r.data.x`.
func successGuarded(t *syntax.Tree, x, root syntax.NodeID, name string) bool {
	for c := x; c != root && c != syntax.None; {
		p := t.Parent(c)
		if p == syntax.None {
			break
		}
		switch t.Kind(p) {
		case syntax.TernaryExpression:
			if c != t.ChildByField(p, syntax.FCondition) && testsSuccess(t, t.ChildByField(p, syntax.FCondition), name) {
				return true
			}
		case syntax.BinaryExpression:
			if op := t.Text(t.ChildByField(p, syntax.FOperator)); (op == "&&" || op == "||") && c == t.ChildByField(p, syntax.FRight) &&
				testsSuccess(t, t.ChildByField(p, syntax.FLeft), name) {
				return true
			}
		}
		c = p
	}
	return false
}

// testsSuccess reports whether an expression reads name.success (or name?.success).
func testsSuccess(t *syntax.Tree, n syntax.NodeID, name string) bool {
	found := false
	t.Walk(n, func(x syntax.NodeID) bool {
		if found {
			return false
		}
		if t.Kind(x) == syntax.MemberExpression && t.TextIs(t.ChildByField(x, syntax.FProperty), "success") && t.TextIs(t.Unparen(t.ChildByField(x, syntax.FObject)), name) {
			found = true
		}
		return true
	})
	return found
}

// uncheckedData records `result.data` reads of safeParse results not checked before.
func (w *walker) uncheckedData(n syntax.NodeID, st *state) {
	t := w.t
	t.Walk(n, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression:
			return false
		case syntax.MemberExpression:
			if !t.TextIs(t.ChildByField(x, syntax.FProperty), "data") {
				return true
			}
			obj := t.Unparen(t.ChildByField(x, syntax.FObject))
			if t.Kind(obj) != syntax.Identifier || st.checked[t.Text(obj)] || successGuarded(t, x, n, t.Text(obj)) {
				return true
			}
			o := w.e.OriginOf(w.f, obj)
			if o.Kind == External && len(o.Path) >= 2 && o.Path[len(o.Path)-1] == "()" {
				last := o.Path[len(o.Path)-2]
				if (last == "safeParse" || last == "safeParseAsync" || last == "spa") && IsValidated(o) && len(w.s.Unchecked) < 16 && w.nested == 0 {
					w.s.Unchecked = append(w.s.Unchecked, UncheckedParse{File: w.f, Node: x, Var: t.Text(obj)})
				}
			}
		}
		return true
	})
}

// s3Targets returns, for an S3 request whose argument is a command built in place
// (`new PutObjectCommand({ Bucket, Key, Body })`), the values that choose the object: Bucket, Key,
// CopySource, Prefix.
func s3Targets(t *syntax.Tree, sink Op, a syntax.NodeID) ([]syntax.NodeID, bool) {
	if sink.What != "an S3 request" {
		return nil, false
	}
	a = t.Unparen(a)
	if t.Kind(a) != syntax.NewExpression {
		return nil, false
	}
	args := t.ChildByField(a, syntax.FArguments)
	if args == syntax.None {
		return nil, false
	}
	named := t.NamedChildren(args)
	if len(named) != 1 || t.Kind(t.Unparen(named[0])) != syntax.Object {
		return nil, false
	}
	var out []syntax.NodeID
	for _, k := range []string{"Bucket", "Key", "CopySource", "Prefix"} {
		if v := objectProp(t, named[0], k); v != syntax.None {
			out = append(out, v)
		}
	}
	return out, true
}

// primitiveSchemaRe recognises a Zod schema of a primitive value, inline or as a variable's initializer.
var primitiveSchemaRe = regexp.MustCompile(`^\s*z\s*\.\s*(string|number|bigint|boolean|enum|literal|nativeEnum|uuid|cuid|cuid2|email|url|coerce\s*\.\s*(string|number|bigint|boolean))\s*\(`)

// primitiveSchema reports whether schema expression n (in the walked file) is a Zod schema of a
// primitive: `z.string().cuid()`, or a variable initialised with one.
func (w *walker) primitiveSchema(n syntax.NodeID) bool {
	t := w.t
	n = t.Unparen(n)
	if t.Kind(n) == syntax.Identifier {
		defs := w.f.Defs(t.Text(n), n)
		if len(defs) != 1 || defs[0].Value == syntax.None || defs[0].Destructured {
			return false
		}
		n = t.Unparen(defs[0].Value)
	}
	return primitiveSchemaRe.MatchString(t.Text(n))
}

// whereKey returns the key when node at is directly (through casts) the value of a top-level key of the
// `where` object of Prisma argument arg (`{ where: { id: body.id } }` gives "id"), or "".
func whereKey(t *syntax.Tree, at, arg syntax.NodeID) string {
	c := outerCast(t, at)
	var key string
	switch p := t.Parent(c); {
	case t.Kind(c) == syntax.ShorthandPropertyIdentifier:
		key = t.Text(c)
		c = p
	case t.Kind(p) == syntax.Pair && t.ChildByField(p, syntax.FValue) == c:
		key = t.Text(t.ChildByField(p, syntax.FKey))
		c = t.Parent(p)
	default:
		return ""
	}
	where := t.Unparen(objectProp(t, arg, "where"))
	if where == syntax.None {
		return ""
	}
	if c == where {
		return key
	}
	// A branch spread into the where: { ...(slug ? { programId_slug: { … } } : { id }) }.
	if spreadBranchOf(t, c) == where {
		return key
	}
	// A field of a compound unique key: { where: { userId_teamId: { userId, teamId } } }.
	if p := t.Parent(c); t.Kind(p) == syntax.Pair && t.ChildByField(p, syntax.FValue) == c && (t.Parent(p) == where || spreadBranchOf(t, t.Parent(p)) == where) {
		if outer := t.Text(t.ChildByField(p, syntax.FKey)); strings.Contains(outer, "_") {
			return outer
		}
	}
	return ""
}
