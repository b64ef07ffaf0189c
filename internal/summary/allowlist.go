package summary

import (
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/syntax"
)

// Allow-lists written as conditions.
//
// A value compared for equality with a literal (`format === "csv"`), looked up in a literal list
// (`["json", "csv"].includes(format)`), matched by a `switch` case with a literal, or tested against an
// anchored pattern that only admits a fixed alphabet (`/^[a-z0-9-]+$/.test(slug)`) is known on the path
// where the test holds: it is one of the listed constants, or a string of the listed characters. That is
// what a schema's enum or regex would establish, so on that path the value counts as validated. The
// other path learns nothing (a value that is not "csv" can be anything), and a falsy value is a constant
// (undefined, null, "", 0, false). A truthiness test (`if (!x)`) alone establishes nothing about a truthy
// value, and a TypeScript type nothing at all.

// constrained returns the identifiers that condition cond, when it evaluates to truth, restricts to
// listed constants or to a fixed alphabet.
func (w *walker) constrained(cond syntax.NodeID, truth bool) []syntax.NodeID {
	t := w.t
	c := t.Unparen(cond)
	switch t.Kind(c) {
	case syntax.Identifier:
		if !truth {
			return []syntax.NodeID{c} // falsy: undefined, null, "", 0, false
		}
		// const owns = keys.some((k) => k.id === id); if (!owns) throw: the test, held in a variable.
		if v := w.singleConst(c); v != syntax.None && w.constrainDepth < 4 {
			w.constrainDepth++
			defer func() { w.constrainDepth-- }()
			return w.constrained(v, truth)
		}
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(c, syntax.FOperator), "!") {
			return w.constrained(t.ChildByField(c, syntax.FArgument), !truth)
		}
	case syntax.BinaryExpression:
		l, r := t.ChildByField(c, syntax.FLeft), t.ChildByField(c, syntax.FRight)
		switch op := t.Text(t.ChildByField(c, syntax.FOperator)); op {
		case "&&", "||":
			// a && b is true when both are; a || b is false when both are. Otherwise either side may
			// have decided: only what both sides establish holds.
			lc, rc := w.constrained(l, truth), w.constrained(r, truth)
			if (op == "&&") == truth {
				return append(lc, rc...)
			}
			return commonNames(t, lc, rc)
		case "===", "==", "!==", "!=":
			if (op == "===" || op == "==") != truth {
				return nil
			}
			l, r = t.Unparen(l), t.Unparen(r)
			if w.literal(l) {
				l, r = r, l
			}
			if t.Kind(l) == syntax.Identifier && w.literal(r) {
				return []syntax.NodeID{l}
			}
			// Equal to a value the server holds (a stored record's field, a signed session's): the
			// value is that one. Both sides are tried; a request value equal to another request value
			// learns nothing.
			if t.Kind(l) == syntax.Identifier && w.serverValue(r) {
				return []syntax.NodeID{l}
			}
			if t.Kind(r) == syntax.Identifier && w.serverValue(l) {
				return []syntax.NodeID{r}
			}
		}
	case syntax.CallExpression:
		if truth {
			if x := w.allowListCall(c); x != syntax.None {
				return []syntax.NodeID{x}
			}
		}
	}
	return nil
}

// commonNames returns the identifiers of a whose name is also in b.
func commonNames(t *syntax.Tree, a, b []syntax.NodeID) []syntax.NodeID {
	var out []syntax.NodeID
	for _, x := range a {
		for _, y := range b {
			if t.Text(x) == t.Text(y) {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// literal reports whether n is a literal value, or a constant holding a string.
func (w *walker) literal(n syntax.NodeID) bool {
	t := w.t
	n = t.Unparen(n)
	switch t.Kind(n) {
	case syntax.String, syntax.Number, syntax.True, syntax.False, syntax.Null, syntax.Undefined:
		return true
	case syntax.TemplateString:
		_, ok := t.StringValue(n)
		return ok
	case syntax.Identifier:
		// A constant holding a string: its only definition (`let expected = "x"` reassigned later is not).
		v := w.singleConst(n)
		if v == syntax.None {
			// A module constant seen from a function: its one definition is the module binding.
			if defs := w.f.Defs(t.Text(n), n); len(defs) == 1 && defs[0].Kind == jsmodel.DefModule && !defs[0].Destructured {
				if b, ok := w.f.Bindings[t.Text(n)]; ok && b.Kind == jsmodel.BindVariable {
					v = defs[0].Value
				}
			}
		}
		_, ok := t.StringValue(t.Unparen(v))
		return v != syntax.None && ok
	}
	return false
}

// allowListCall returns the identifier a call tests against an allow-list when it returns true:
// `list.includes(x)` for a list of string literals (inline or a constant, `as const` included),
// `re.test(x)` and `x.match(re)` for a strict anchored pattern; None otherwise.
func (w *walker) allowListCall(call syntax.NodeID) syntax.NodeID {
	t := w.t
	callee := t.Unparen(t.ChildByField(call, syntax.FFunction))
	args := w.args(call)
	if t.Kind(callee) != syntax.MemberExpression || len(args) != 1 {
		return syntax.None
	}
	obj := t.ChildByField(callee, syntax.FObject)
	arg := t.Unparen(args[0])
	if t.Kind(arg) == syntax.BinaryExpression && w.literal(t.ChildByField(arg, syntax.FRight)) {
		// SORTS.includes(s || ""): s is listed, or falsy.
		if op := t.Text(t.ChildByField(arg, syntax.FOperator)); op == "||" || op == "??" {
			arg = t.Unparen(t.ChildByField(arg, syntax.FLeft))
		}
	}
	switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
	case "includes":
		if _, ok := w.stringArray(obj); ok && t.Kind(arg) == syntax.Identifier {
			return arg
		}
		// ids.includes(teamId) on ids the code listed (a findMany, or a .map of one).
		if t.Kind(arg) == syntax.Identifier && w.listOf(obj) {
			return arg
		}
	case "some", "find":
		// keys.some((k) => k.id === id) on a list the server holds: id is one of its entries.
		if w.serverValue(obj) {
			return w.matchedBy(arg)
		}
	case "test":
		if w.strictRegex(obj) && t.Kind(arg) == syntax.Identifier {
			return arg
		}
	case "match":
		if x := t.Unparen(obj); t.Kind(x) == syntax.Identifier && w.strictRegex(arg) {
			return x
		}
	}
	return syntax.None
}

// strictRegex reports whether n is a regular expression literal (or a constant holding one) that is
// anchored at both ends and admits only a fixed alphabet (strictPattern).
func (w *walker) strictRegex(n syntax.NodeID) bool {
	t := w.t
	n = t.Unparen(n)
	if t.Kind(n) == syntax.Identifier {
		defs := w.f.Defs(t.Text(n), n)
		if len(defs) != 1 || defs[0].Value == syntax.None || defs[0].Destructured || defs[0].Kind == jsmodel.DefAssign {
			return false
		}
		n = t.Unparen(defs[0].Value)
	}
	if t.Kind(n) != syntax.Regex {
		return false
	}
	// A regex is a leaf of the flattened tree: /pattern/flags.
	re := t.Text(n)
	end := strings.LastIndexByte(re, '/')
	if end <= 0 || strings.Contains(re[end:], "m") {
		return false // with the m flag, ^ and $ match at every line
	}
	return strictPattern(re[1:end])
}

// strictPattern reports whether a regular expression source is anchored at both ends (`^…$`, with no
// top-level alternation that would detach an anchor) and admits only a fixed alphabet: outside classes
// no `.`, no \S, \W, \D, \s or \p; inside classes only letters, digits, `_` and `-` (single ones or
// ranges within one kind, `\w`, `\d`): no dots, slashes, spaces or quotes, which would let `../`,
// separators and quotes through. A literal `\.` outside a class (a domain's dots) is one character.
func strictPattern(p string) bool {
	if len(p) < 2 || p[0] != '^' || p[len(p)-1] != '$' || strings.HasSuffix(p, `\$`) && !strings.HasSuffix(p, `\\$`) {
		return false
	}
	depth, inClass := 0, false
	for i := 1; i < len(p)-1; i++ {
		c := p[i]
		if inClass {
			switch {
			case c == ']':
				inClass = false
			case c == '\\':
				if i+1 >= len(p)-1 {
					return false
				}
				switch p[i+1] {
				case 'w', 'd', '-', '_':
				default:
					return false
				}
				i++
			case classChar(c):
				if i+2 < len(p)-1 && p[i+1] == '-' && p[i+2] != ']' {
					// a range: both ends of one kind (a-z, A-Z, 0-9)
					if !sameKind(c, p[i+2]) || p[i+2] < c {
						return false
					}
					i += 2
				}
			default:
				return false
			}
			continue
		}
		switch {
		case c == '\\':
			if i+1 < len(p)-1 {
				switch p[i+1] {
				case 'S', 'W', 'D', 'P', 's', 'p':
					return false
				}
			}
			i++
		case c == '[':
			if i+1 < len(p) && p[i+1] == '^' {
				return false
			}
			inClass = true
		case c == '.':
			return false
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			return false
		}
	}
	return !inClass && depth == 0
}

// classChar reports whether c may stand in a strict character class: a letter, a digit, `_` or `-`.
func classChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// sameKind reports whether a and b are both lower-case letters, both upper-case letters or both digits.
func sameKind(a, b byte) bool {
	kind := func(c byte) int {
		switch {
		case c >= 'a' && c <= 'z':
			return 1
		case c >= 'A' && c <= 'Z':
			return 2
		case c >= '0' && c <= '9':
			return 3
		}
		return 0
	}
	return kind(a) != 0 && kind(a) == kind(b)
}

// switchCaseConstrained returns the switch's discriminant when it is an identifier and case c compares
// it with a literal: inside that case the value is the literal.
func (w *walker) switchCaseConstrained(s, c syntax.NodeID) []syntax.NodeID {
	t := w.t
	if t.Kind(c) != syntax.SwitchCase {
		return nil
	}
	v := t.Unparen(t.ChildByField(s, syntax.FValue))
	if t.Kind(v) != syntax.Identifier || !w.literal(t.ChildByField(c, syntax.FValue)) {
		return nil
	}
	return []syntax.NodeID{v}
}

// defaultBefore reports whether a default clause precedes switch case c (and may fall through into it).
func defaultBefore(t *syntax.Tree, c syntax.NodeID) bool {
	for p := t.FirstChild(t.Parent(c)); p != c && p != syntax.None; p = t.NextSibling(p) {
		if t.Kind(p) == syntax.SwitchDefault {
			return true
		}
	}
	return false
}

// branchConstrained reports whether branch br of a conditional expression with condition cond (the
// consequence when cons) is an identifier the condition restricts to listed constants on that branch.
func (w *walker) branchConstrained(cond, br syntax.NodeID, cons bool) bool {
	t := w.t
	b := t.Unparen(br)
	return t.Kind(b) == syntax.Identifier && len(commonNames(t, []syntax.NodeID{b}, w.constrained(cond, cons))) > 0
}

// constrainedBranch reports whether a conditional expression has a branch its condition restricts to
// listed constants (`SORTS.includes(s) ? s : "date"`).
func (w *walker) constrainedBranch(tern syntax.NodeID) bool {
	t := w.t
	cond := t.ChildByField(tern, syntax.FCondition)
	return w.branchConstrained(cond, t.ChildByField(tern, syntax.FConsequence), true) ||
		w.branchConstrained(cond, t.ChildByField(tern, syntax.FAlternative), false)
}

// serverValue reports whether expression n is a value the server holds rather than one the request
// carries: the caller's identity, a field of a record the code looked up (a Prisma read, a key-value
// store read, a server-side session parsed with a schema), and built from no untrusted value. Literals
// are handled as allow-lists; a value of unknown origin is not taken for the server's.
func (w *walker) serverValue(n syntax.NodeID) bool {
	t := w.t
	n = t.Unparen(n)
	if t.Kind(n) == syntax.AwaitExpression {
		n = t.Unparen(t.FirstNamedChild(n))
	}
	switch t.Kind(n) {
	case syntax.Identifier, syntax.MemberExpression, syntax.SubscriptExpression, syntax.CallExpression:
	default:
		return false
	}
	if w.untrustedDepth >= maxUntrustedDepth-2 || len(w.untrusted(n)) > 0 {
		return false // too deep to tell: not the server's
	}
	if ok, _ := w.identityOf(n); ok {
		return true
	}
	if w.lookupCallOf(n, 16) != syntax.None || w.listCallOf(n) {
		return true
	}
	o := w.e.OriginOf(w.f, n)
	if o.Kind != External {
		return false
	}
	// The call that produced the value: redis.get(key), prisma.team.findMany(), Schema.parse(stored).
	call := o
	for len(call.Path) > 0 && call.Path[len(call.Path)-1] != "()" {
		call.Path = call.Path[:len(call.Path)-1]
	}
	if len(call.Path) < 2 {
		return false
	}
	if isDBRead(call) || kvPackages[call.Pkg] && call.Path[len(call.Path)-2] == "get" || w.e.sessionStoreRead(call, 0) != "" {
		return true
	}
	// A schema's parse of a stored value is still the stored value (Session.parse(await redis.get(k))).
	if roles, _ := libs.Roles(strings.TrimSuffix(call.Key(), "()")); roles&libs.Validate != 0 && call.CallFile == w.f && call.Call != syntax.None && w.serverDepth < 4 {
		if args := namedArgs(t, call.Call); len(args) > 0 {
			w.serverDepth++
			defer func() { w.serverDepth-- }()
			return w.serverValue(args[0])
		}
	}
	return false
}

// listCallOf reports whether n holds the result of a Prisma findMany in this function (`memberships =
// await prisma.membership.findMany(…)`), directly or through a variable.
func (w *walker) listCallOf(n syntax.NodeID) bool {
	t := w.t
	for depth := 0; depth < 8; depth++ {
		n = t.Unparen(n)
		switch t.Kind(n) {
		case syntax.Identifier:
			v := w.singleConst(n)
			if v == syntax.None {
				return false
			}
			n = v
		case syntax.AwaitExpression:
			n = t.FirstNamedChild(n)
		case syntax.CallExpression:
			callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
			if t.Kind(callee) != syntax.MemberExpression || !t.TextIs(t.ChildByField(callee, syntax.FProperty), "findMany") {
				return false
			}
			_, model := prismaByName(jsmodel.Chain(t, callee))
			o := w.e.OriginOf(w.f, callee)
			return model != "" || prismaModel(o.with("()")) != ""
		default:
			return false
		}
	}
	return false
}

// matchedBy returns the identifier a predicate callback compares for equality with a field of its
// element (`(k) => k.id === id`, `(k) => { return id === k.id; }`), or None.
func (w *walker) matchedBy(cb syntax.NodeID) syntax.NodeID {
	t := w.t
	fn := w.f.FuncOf(t.Unparen(cb))
	if fn == jsmodel.NoFunc || len(w.f.Functions[fn].Params) != 1 || w.f.Functions[fn].Params[0].Name == "" {
		return syntax.None
	}
	elem := w.f.Functions[fn].Params[0].Name
	body := t.Unparen(w.f.Functions[fn].Body)
	if t.Kind(body) == syntax.StatementBlock {
		stmts := t.NamedChildren(body)
		if len(stmts) != 1 || t.Kind(stmts[0]) != syntax.ReturnStatement {
			return syntax.None
		}
		body = t.Unparen(t.FirstNamedChild(stmts[0]))
	}
	if t.Kind(body) != syntax.BinaryExpression {
		return syntax.None
	}
	if op := t.Text(t.ChildByField(body, syntax.FOperator)); op != "===" && op != "==" {
		return syntax.None
	}
	l, r := t.Unparen(t.ChildByField(body, syntax.FLeft)), t.Unparen(t.ChildByField(body, syntax.FRight))
	if rootName(t, l) != elem {
		l, r = r, l
	}
	if rootName(t, l) != elem || t.Kind(r) != syntax.Identifier || t.TextIs(r, elem) {
		return syntax.None
	}
	return r
}

// singleConst returns the initializer of identifier n when its only definition is a non-destructured
// variable declaration, else None.
func (w *walker) singleConst(n syntax.NodeID) syntax.NodeID {
	defs := w.f.Defs(w.t.Text(n), n)
	if len(defs) != 1 || defs[0].Kind != jsmodel.DefVar || defs[0].Destructured || defs[0].Value == syntax.None {
		return syntax.None
	}
	return defs[0].Value
}

// Hand-written type checks. `typeof x === "number"` (or "boolean") leaves nothing of the caller's
// choosing but the value; `typeof x === "string"` together with an upper bound on its length
// (`x.length <= 255`, also after trim()) is what z.string().max(255) checks. Facts are kept in the state's
// validated set under prefixed keys until both halves of a string check are known.
const (
	factString  = "typeof-string:"
	factBounded = "length-bounded:"
)

// noteTypeFacts records in st what condition cond establishes when it evaluates to truth.
func (w *walker) noteTypeFacts(cond syntax.NodeID, truth bool, st *state) {
	t := w.t
	c := t.Unparen(cond)
	switch t.Kind(c) {
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(c, syntax.FOperator), "!") {
			w.noteTypeFacts(t.ChildByField(c, syntax.FArgument), !truth, st)
		}
		return
	case syntax.BinaryExpression:
	default:
		return
	}
	l, r := t.Unparen(t.ChildByField(c, syntax.FLeft)), t.Unparen(t.ChildByField(c, syntax.FRight))
	op := t.Text(t.ChildByField(c, syntax.FOperator))
	switch op {
	case "&&", "||":
		// a && b true: both hold; a || b false: both are false.
		if (op == "&&") == truth {
			w.noteTypeFacts(l, truth, st)
			w.noteTypeFacts(r, truth, st)
		}
		return
	case "===", "==", "!==", "!=":
		if (op == "===" || op == "==") != truth {
			return
		}
		if t.Kind(r) == syntax.UnaryExpression {
			l, r = r, l
		}
		if t.Kind(l) != syntax.UnaryExpression || !t.TextIs(t.ChildByField(l, syntax.FOperator), "typeof") {
			return
		}
		x := t.Unparen(t.ChildByField(l, syntax.FArgument))
		v, ok := t.StringValue(r)
		if !ok || t.Kind(x) != syntax.Identifier {
			return
		}
		switch v {
		case "number", "boolean":
			setFact(st, "", t.Text(x))
		case "string":
			setFact(st, factString, t.Text(x))
		}
	case "<", "<=", ">", ">=":
		// x.length <= N holds, or x.length > N fails.
		upper := (op == "<" || op == "<=") == truth
		if t.Kind(l) == syntax.Number {
			l, r = r, l
			upper = !upper
		}
		if !upper || t.Kind(r) != syntax.Number || t.Kind(l) != syntax.MemberExpression || !t.TextIs(t.ChildByField(l, syntax.FProperty), "length") {
			return
		}
		obj := t.Unparen(t.ChildByField(l, syntax.FObject))
		// name.trim().length
		if t.Kind(obj) == syntax.CallExpression {
			if callee := t.Unparen(t.ChildByField(obj, syntax.FFunction)); t.Kind(callee) == syntax.MemberExpression && t.TextIs(t.ChildByField(callee, syntax.FProperty), "trim") {
				obj = t.Unparen(t.ChildByField(callee, syntax.FObject))
			}
		}
		if t.Kind(obj) == syntax.Identifier {
			setFact(st, factBounded, t.Text(obj))
		}
	}
}

// setFact records a fact about name; a string check and a length bound together validate it.
func setFact(st *state, kind, name string) {
	if st.validated == nil {
		st.validated = map[string]bool{}
	}
	if kind == "" {
		st.validated[name] = true
		return
	}
	st.validated[kind+name] = true
	if st.validated[factString+name] && st.validated[factBounded+name] {
		st.validated[name] = true
	}
}

// listOf reports whether n is a list the code read from the database: a findMany result, or a .map() or
// .filter() of one, directly or through variables.
func (w *walker) listOf(n syntax.NodeID) bool {
	t := w.t
	for depth := 0; depth < 8; depth++ {
		n = t.Unparen(n)
		if t.Kind(n) == syntax.Identifier {
			v := w.singleConst(n)
			if v == syntax.None {
				return false
			}
			n = t.Unparen(v)
		}
		if t.Kind(n) == syntax.AwaitExpression {
			n = t.Unparen(t.FirstNamedChild(n))
		}
		if t.Kind(n) != syntax.CallExpression {
			return false
		}
		callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
		if t.Kind(callee) == syntax.MemberExpression {
			switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
			case "map", "filter":
				n = t.ChildByField(callee, syntax.FObject)
				continue
			}
		}
		return w.listCallOf(n)
	}
	return false
}
