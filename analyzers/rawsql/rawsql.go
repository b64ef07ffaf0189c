// Package rawsql reports Prisma raw SQL assembled from non-constant strings (security/raw-sql-injection).
//
// Prisma offers two raw-query families. The tagged templates `$queryRaw` / `$executeRaw` (and
// `Prisma.sql`) send every `${…}` as a bound parameter and are safe. The `*Unsafe` functions and
// `Prisma.raw` run their string as SQL. The analyzer reports:
//
//   - `$queryRawUnsafe(q)` / `$executeRawUnsafe(q)` when q shows evidence of being built at run time;
//   - `$queryRaw(q)` / `$executeRaw(q)` called as a plain function with such a q (the tagged form would have
//     been safe, the call form is not);
//   - `Prisma.raw(q)` with such a q.
//
// "Evidence" is a template with a non-constant substitution, a `+` concatenation with a non-constant
// operand, a string-building call (join, concat, replace, format), or a variable whose definitions in the
// enclosing function (or module) include one of those. A parameter of the enclosing function is followed
// to the calls of that function in the same file; the finding is then placed at the call that passes the
// dynamic string, with the raw query as a related location. A value whose origin is unknown is not
// reported: silence needs no proof, a finding does.
//
// Any client expression counts: `prisma.$queryRawUnsafe`, `db.`, `tx.` inside `$transaction`,
// `ctx.prisma.`, `(await getClient()).`.
package rawsql

import (
	"fmt"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/syntax"
	"github.com/archlint/archlint/rules"
)

// Analyzer is the raw SQL injection analyzer.
var Analyzer = &analyzers.Analyzer{
	Name:  "rawsql",
	Doc:   "Reports Prisma raw SQL ($queryRawUnsafe, $executeRawUnsafe, $queryRaw called as a function, Prisma.raw) built from non-constant strings.",
	Rules: []*rules.Rule{rules.RawSQLInjection},
	Run:   run,
}

// maxDepth bounds how far values are followed through variables and concatenations.
const maxDepth = 14

func run(pass *analyzers.Pass) (any, error) {
	p := pass.Project
	for _, path := range p.Paths() {
		f := p.Files[path]
		for i := range f.Calls {
			c := &f.Calls[i]
			if c.New {
				continue
			}
			method := methodName(f, c)
			var kind string
			switch {
			case method == "$queryRawUnsafe" || method == "$executeRawUnsafe":
				kind = "unsafe"
			case (method == "$queryRaw" || method == "$executeRaw") && !c.Tagged:
				kind = "call"
			case c.Callee == "Prisma.raw" || c.Callee == "Prisma.Prisma.raw":
				kind = "raw"
			default:
				continue
			}
			args := f.ArgList(c)
			if len(args) == 0 {
				continue
			}
			check(pass, f, c, method, kind, args[0])
		}
	}
	return nil, nil
}

// methodName returns the property name of a member-call callee (`x.y.$queryRaw` → "$queryRaw"), even when
// the object is not a chain of names.
func methodName(f *jsmodel.File, c *jsmodel.Call) string {
	t := f.Tree
	callee := t.Unparen(t.ChildByField(c.Node, syntax.FFunction))
	if t.Kind(callee) == syntax.MemberExpression {
		return t.Text(t.ChildByField(callee, syntax.FProperty))
	}
	return c.Last()
}

func check(pass *analyzers.Pass, f *jsmodel.File, c *jsmodel.Call, method, kind string, arg syntax.NodeID) {
	ev := dynamicEvidence(f, arg, maxDepth)
	if ev.kind == evNone {
		return
	}
	api := method
	if kind == "raw" {
		api = "Prisma.raw"
	}
	if ev.kind == evParam {
		// The query is a parameter of the enclosing function: report the callers in this file that pass a
		// dynamic string.
		reportCallers(pass, f, c, api, kind, ev)
		return
	}
	d := analyzers.NodeDiagnostic(rules.RawSQLInjection, f, arg, message(api, kind, ev.what))
	d.Key = keyFor(f, c, api)
	pass.Report(d)
}

func message(api, kind, what string) string {
	switch kind {
	case "call":
		return fmt.Sprintf("'%s' is called as a function with %s, so the values become part of the SQL text; use the tagged template %s`…${value}…` to bind them as parameters.", api, what, api)
	default:
		return fmt.Sprintf("'%s' runs %s as SQL; any value spliced into it can rewrite the query.", api, what)
	}
}

// keyFor is the fingerprint key: the enclosing function's name and the API, so that the fingerprint
// survives edits elsewhere in the file but changes when the query moves to another function.
func keyFor(f *jsmodel.File, c *jsmodel.Call, api string) string {
	name := "<module>"
	if c.Func != jsmodel.NoFunc {
		name = f.Functions[c.Func].Name
	}
	return name + ":" + api
}

type evKind uint8

const (
	evNone evKind = iota
	evDynamic
	evParam
)

type evidence struct {
	kind evKind
	// what describes the dynamic value ("a template literal with '${id}'").
	what string
	// param is the enclosing function's parameter index for evParam.
	param int
	fn    jsmodel.FuncID
}

// dynamicEvidence classifies the value of n.
func dynamicEvidence(f *jsmodel.File, n syntax.NodeID, depth int) evidence {
	t := f.Tree
	n = t.Unparen(n)
	if n == syntax.None || depth == 0 {
		return evidence{}
	}
	switch t.Kind(n) {
	case syntax.String, syntax.Number:
		return evidence{}
	case syntax.TemplateString:
		for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
			if t.Kind(c) != syntax.TemplateSubstitution {
				continue
			}
			e := t.FirstNamedChild(c)
			if !isConstant(f, e, depth-1) {
				return evidence{kind: evDynamic, what: fmt.Sprintf("a template literal with '${%s}'", short(t.Text(e)))}
			}
		}
		return evidence{}
	case syntax.BinaryExpression:
		if !t.TextIs(t.ChildByField(n, syntax.FOperator), "+") {
			return evidence{}
		}
		for _, side := range []syntax.NodeID{t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)} {
			if e := dynamicEvidence(f, side, depth-1); e.kind == evDynamic {
				return e
			}
		}
		for _, side := range []syntax.NodeID{t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)} {
			if !isConstant(f, side, depth-1) {
				return evidence{kind: evDynamic, what: fmt.Sprintf("a string concatenated with '%s'", short(t.Text(t.Unparen(side))))}
			}
		}
		return evidence{}
	case syntax.CallExpression:
		callee := t.ChildByField(n, syntax.FFunction)
		if t.Kind(callee) == syntax.MemberExpression {
			switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
			case "join", "concat", "replace", "replaceAll", "padStart", "padEnd":
				return evidence{kind: evDynamic, what: fmt.Sprintf("a string built with '%s'", short(t.Text(n)))}
			}
		}
		switch jsmodel.Chain(t, callee) {
		case "format", "util.format", "sprintf", "String":
			return evidence{kind: evDynamic, what: fmt.Sprintf("a string built with '%s'", short(t.Text(n)))}
		}
		return evidence{}
	case syntax.Identifier:
		name := t.Text(n)
		for _, d := range f.Defs(name, n) {
			switch d.Kind {
			case jsmodel.DefParam:
				if d.Destructured {
					continue
				}
				return evidence{kind: evParam, param: d.Param, fn: d.Func, what: fmt.Sprintf("its parameter '%s'", name)}
			case jsmodel.DefVar, jsmodel.DefAssign, jsmodel.DefModule:
				if d.Destructured || d.Value == syntax.None {
					continue
				}
				if d.Kind == jsmodel.DefAssign && d.Op == "+=" {
					if !isConstant(f, d.Value, depth-1) {
						return evidence{kind: evDynamic, what: fmt.Sprintf("'%s', which is extended with '%s'", name, short(t.Text(t.Unparen(d.Value))))}
					}
					continue
				}
				if e := dynamicEvidence(f, d.Value, depth-1); e.kind == evDynamic {
					e.what = fmt.Sprintf("'%s', which holds %s", name, e.what)
					return e
				}
			}
		}
	}
	return evidence{}
}

// isConstant reports whether n is known to be a constant string or number: literals, substitution-free
// templates, concatenations of constants, and variables whose every definition is constant.
func isConstant(f *jsmodel.File, n syntax.NodeID, depth int) bool {
	t := f.Tree
	n = t.Unparen(n)
	if n == syntax.None || depth <= 0 {
		return false
	}
	switch t.Kind(n) {
	case syntax.String, syntax.Number, syntax.True, syntax.False, syntax.Null:
		return true
	case syntax.TemplateString:
		for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
			if t.Kind(c) == syntax.TemplateSubstitution && !isConstant(f, t.FirstNamedChild(c), depth-1) {
				return false
			}
		}
		return true
	case syntax.BinaryExpression:
		return isConstant(f, t.ChildByField(n, syntax.FLeft), depth-1) && isConstant(f, t.ChildByField(n, syntax.FRight), depth-1)
	case syntax.TernaryExpression:
		return isConstant(f, t.ChildByField(n, syntax.FConsequence), depth-1) && isConstant(f, t.ChildByField(n, syntax.FAlternative), depth-1)
	case syntax.MemberExpression:
		// Deployment configuration (process.env.X) is the operator's, not a caller's.
		if strings.HasPrefix(t.Text(n), "process.env.") {
			return true
		}
		obj := t.Unparen(t.ChildByField(n, syntax.FObject))
		prop := t.Text(t.ChildByField(n, syntax.FProperty))
		// A property of a constant table or a static field: OPERATORS.eq, Scheduler.timeoutMs.
		if v, ok := staticMember(f, obj, prop); ok {
			return isConstant(f, v, depth-1)
		}
		return isConstant(f, obj, depth-1)
	case syntax.SubscriptExpression:
		// An entry of a constant lookup table (SQL_OPERATORS[operator]): whatever the key, one of its
		// values (or undefined).
		return constantTable(f, t.Unparen(t.ChildByField(n, syntax.FObject)), depth-1)
	case syntax.CallExpression:
		// Pure computation on constants (new URL(process.env.DATABASE_URL).searchParams.get("schema")),
		// and a same-file function without arguments whose every return is constant.
		callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
		args := t.NamedChildren(t.ChildByField(n, syntax.FArguments))
		for _, a := range args {
			if !isConstant(f, a, depth-1) {
				return false
			}
		}
		switch t.Kind(callee) {
		case syntax.MemberExpression:
			return isConstant(f, t.ChildByField(callee, syntax.FObject), depth-1)
		case syntax.Identifier:
			return len(args) == 0 && constantReturns(f, callee, depth-1)
		}
		return false
	case syntax.NewExpression:
		if !t.TextIs(t.ChildByField(n, syntax.FConstructor), "URL") {
			return false
		}
		for _, a := range t.NamedChildren(t.ChildByField(n, syntax.FArguments)) {
			if !isConstant(f, a, depth-1) {
				return false
			}
		}
		return true
	case syntax.Identifier:
		defs := f.Defs(t.Text(n), n)
		if len(defs) == 0 {
			return false
		}
		for _, d := range defs {
			if d.Kind == jsmodel.DefParam || d.Destructured || !isConstant(f, d.Value, depth-1) {
				return false
			}
		}
		return true
	}
	return false
}

// reportCallers follows a query that is a parameter of its function to the calls of that function in the
// same file.
func reportCallers(pass *analyzers.Pass, f *jsmodel.File, raw *jsmodel.Call, api, kind string, ev evidence) {
	if ev.fn == jsmodel.NoFunc {
		return
	}
	fn := &f.Functions[ev.fn]
	if fn.Name == "" {
		return
	}
	for i := range f.Calls {
		c := &f.Calls[i]
		if c.Callee != fn.Name && c.Callee != "this."+fn.Name || c.Func == ev.fn {
			continue
		}
		args := f.ArgList(c)
		if ev.param >= len(args) {
			continue
		}
		e := dynamicEvidence(f, args[ev.param], maxDepth)
		if e.kind != evDynamic {
			continue
		}
		msg := fmt.Sprintf("This call passes %s to '%s', which runs it with '%s'; any value spliced into it can rewrite the query.", e.what, fn.Name, api)
		if kind == "call" {
			msg = fmt.Sprintf("This call passes %s to '%s', which calls '%s' as a function, so the values become part of the SQL text; use the tagged template form.", e.what, fn.Name, api)
		}
		d := analyzers.NodeDiagnostic(rules.RawSQLInjection, f, args[ev.param], msg)
		d.Related = []analyzers.Related{analyzers.NodeRelated(f, raw.Node, "the raw query")}
		d.Key = keyFor(f, c, api) + ">" + fn.Name
		pass.Report(d)
	}
}

// short trims source text for messages.
func short(s string) string {
	const max = 40
	r := []rune(s)
	for i, c := range r {
		if c == '\n' || c == '\r' {
			r = append(r[:i:i], '…')
			break
		}
	}
	if len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return string(r)
}

// moduleValue returns the initializer of identifier n when it is a module-level constant binding.
func moduleValue(f *jsmodel.File, n syntax.NodeID) (syntax.NodeID, bool) {
	t := f.Tree
	if t.Kind(n) != syntax.Identifier {
		return syntax.None, false
	}
	defs := f.Defs(t.Text(n), n)
	if len(defs) != 1 || defs[0].Destructured || defs[0].Value == syntax.None {
		return syntax.None, false
	}
	if d := defs[0]; d.Kind != jsmodel.DefModule && d.Kind != jsmodel.DefVar {
		return syntax.None, false
	}
	return t.Unparen(defs[0].Value), true
}

// constantTable reports whether n names an object literal (or array) whose values are all constant.
func constantTable(f *jsmodel.File, n syntax.NodeID, depth int) bool {
	t := f.Tree
	v, ok := moduleValue(f, n)
	if !ok || depth <= 0 {
		return false
	}
	switch t.Kind(v) {
	case syntax.Object:
		for _, c := range t.NamedChildren(v) {
			if t.Kind(c) != syntax.Pair || !isConstant(f, t.ChildByField(c, syntax.FValue), depth-1) {
				return false
			}
		}
		return true
	case syntax.Array:
		for _, c := range t.NamedChildren(v) {
			if !isConstant(f, c, depth-1) {
				return false
			}
		}
		return true
	}
	return false
}

// staticMember returns the value of property prop of obj when obj is a constant object literal or a
// class of this file with a static field prop.
func staticMember(f *jsmodel.File, obj syntax.NodeID, prop string) (syntax.NodeID, bool) {
	t := f.Tree
	v, ok := moduleValue(f, obj)
	if !ok {
		if b, found := f.Bindings[t.Text(obj)]; found && b.Kind == jsmodel.BindClass && t.Kind(obj) == syntax.Identifier {
			v = b.Init
		} else {
			return syntax.None, false
		}
	}
	switch t.Kind(v) {
	case syntax.Object:
		for _, c := range t.NamedChildren(v) {
			if t.Kind(c) == syntax.Pair && t.TextIs(t.ChildByField(c, syntax.FKey), prop) {
				return t.ChildByField(c, syntax.FValue), true
			}
		}
	case syntax.Class, syntax.ClassDeclaration:
		for _, m := range t.NamedChildren(t.ChildByField(v, syntax.FBody)) {
			if k := t.Kind(m); (k == syntax.PublicFieldDefinition || k == syntax.FieldDefinition) && t.TextIs(t.ChildByField(m, syntax.FName), prop) && isStaticField(t, m) {
				if val := t.ChildByField(m, syntax.FValue); val != syntax.None {
					return val, true
				}
			}
		}
	}
	return syntax.None, false
}

// constantReturns reports whether the same-file function callee names returns only constants.
func constantReturns(f *jsmodel.File, callee syntax.NodeID, depth int) bool {
	t := f.Tree
	b, ok := f.Bindings[t.Text(callee)]
	if !ok || b.Func == jsmodel.NoFunc || depth <= 0 {
		return false
	}
	body := f.Functions[b.Func].Body
	if t.Kind(body) != syntax.StatementBlock {
		return isConstant(f, body, depth-1)
	}
	found, all := false, true
	t.Walk(body, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration:
			return false
		case syntax.ReturnStatement:
			found = true
			if e := t.FirstNamedChild(x); e == syntax.None || !isConstant(f, e, depth-1) {
				all = false
			}
		}
		return all
	})
	return found && all
}

// isStaticField reports whether a class field is declared static (`public static readonly x = …`).
func isStaticField(t *syntax.Tree, m syntax.NodeID) bool {
	for c := t.FirstChild(m); c != syntax.None && c != t.ChildByField(m, syntax.FName); c = t.NextSibling(c) {
		if t.TextIs(c, "static") {
			return true
		}
	}
	return false
}
