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
// reported: silence needs no proof, a finding does. A substitution `${x}` is reported unless x is known
// constant (constant.go): constant tables across files, enum schemas, numbers, and helper parameters
// every caller in the project passes a constant for.
//
// Any client expression counts: `prisma.$queryRawUnsafe`, `db.`, `tx.` inside `$transaction`,
// `ctx.prisma.`, `(await getClient()).`.
package rawsql

import (
	"fmt"

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
	k := newChecker(p)
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
			k.check(pass, f, c, method, kind, args[0])
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

func (k *checker) check(pass *analyzers.Pass, f *jsmodel.File, c *jsmodel.Call, method, kind string, arg syntax.NodeID) {
	ev := k.dynamicEvidence(f, arg, maxDepth)
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
		k.reportCallers(pass, f, c, api, kind, ev)
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
func (k *checker) dynamicEvidence(f *jsmodel.File, n syntax.NodeID, depth int) evidence {
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
			if !k.constant(f, e, nil, constDepth) {
				return evidence{kind: evDynamic, what: fmt.Sprintf("a template literal with '${%s}'", short(t.Text(e)))}
			}
		}
		return evidence{}
	case syntax.BinaryExpression:
		if !t.TextIs(t.ChildByField(n, syntax.FOperator), "+") {
			return evidence{}
		}
		for _, side := range []syntax.NodeID{t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)} {
			if e := k.dynamicEvidence(f, side, depth-1); e.kind == evDynamic {
				return e
			}
		}
		for _, side := range []syntax.NodeID{t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)} {
			if !k.constant(f, side, nil, constDepth) {
				return evidence{kind: evDynamic, what: fmt.Sprintf("a string concatenated with '%s'", short(t.Text(t.Unparen(side))))}
			}
		}
		return evidence{}
	case syntax.CallExpression:
		callee := t.ChildByField(n, syntax.FFunction)
		if t.Kind(callee) == syntax.MemberExpression {
			switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
			case "join", "concat":
				return evidence{kind: evDynamic, what: fmt.Sprintf("a string built with '%s'", short(t.Text(n)))}
			case "replace", "replaceAll", "padStart", "padEnd":
				// Editing a string adds only what the replacement adds: the receiver is judged on its own
				// (a Prisma.Sql's text, a parameter followed to its callers), the replacement must be constant.
				if !k.replacementConstant(f, n, depth-1) {
					return evidence{kind: evDynamic, what: fmt.Sprintf("a string built with '%s'", short(t.Text(n)))}
				}
				return k.dynamicEvidence(f, t.ChildByField(callee, syntax.FObject), depth-1)
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
					if !k.constant(f, d.Value, nil, constDepth) {
						return evidence{kind: evDynamic, what: fmt.Sprintf("'%s', which is extended with '%s'", name, short(t.Text(t.Unparen(d.Value))))}
					}
					continue
				}
				if e := k.dynamicEvidence(f, d.Value, depth-1); e.kind == evDynamic {
					e.what = fmt.Sprintf("'%s', which holds %s", name, e.what)
					return e
				}
			}
		}
	}
	return evidence{}
}

// reportCallers follows a query that is a parameter of its function to the calls of that function in the
// same file.
func (k *checker) reportCallers(pass *analyzers.Pass, f *jsmodel.File, raw *jsmodel.Call, api, kind string, ev evidence) {
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
		e := k.dynamicEvidence(f, args[ev.param], maxDepth)
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

// isStaticField reports whether a class field is declared static (`public static readonly x = …`).
func isStaticField(t *syntax.Tree, m syntax.NodeID) bool {
	for c := t.FirstChild(m); c != syntax.None && c != t.ChildByField(m, syntax.FName); c = t.NextSibling(c) {
		if t.TextIs(c, "static") {
			return true
		}
	}
	return false
}

// replacementConstant reports whether the arguments of a replace/pad call add only constants. A replacer
// callback's parameters are pieces of the string being edited (the match and its groups), judged with
// it; what the callback returns must otherwise be constant: `(_, name) => `$${params.length}“
// rewrites named placeholders to bound positions.
func (k *checker) replacementConstant(f *jsmodel.File, call syntax.NodeID, depth int) bool {
	t := f.Tree
	for _, a := range t.NamedChildren(t.ChildByField(call, syntax.FArguments)) {
		a = t.Unparen(a)
		switch t.Kind(a) {
		case syntax.ArrowFunction, syntax.FunctionExpression:
			fn := f.FuncOf(a)
			if fn == jsmodel.NoFunc {
				return false
			}
			k.pieces[funcKey{f, fn}] = true
			if !k.returnsConstant(f, fn, constDepth) {
				return false
			}
		default:
			if !k.constant(f, a, nil, constDepth) {
				return false
			}
		}
	}
	return true
}
