package matcher

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/syntax"
)

// A small evaluator for the constant expressions that configure matchers: literals, arrays, objects,
// references to module-level `const` bindings, spreads of those, `+` of strings and template strings
// whose substitutions are constants. It never executes anything and never looks at another file.
//
// Each value remembers whether it was written in the literal syntax that Next.js's build-time config
// extractor reads (jsValue.literal). That extractor (next/src/build/analysis/extract-const-value.ts)
// accepts strings, numbers, booleans, null, `undefined`, RegExp literals, arrays, objects with
// identifier or string keys, template strings without substitutions and `satisfies` wrappers, and
// nothing else: an identifier, a spread, a call, `as const`, parentheses or `!` make the config
// "unsupported" (a build error in current Next.js; Next.js 12–13 ignored the whole config instead,
// vercel/next.js#38461). Turbopack evaluates the config with its own analyser and skips matcher entries
// it cannot read. Route lists for auth libraries, by contrast, are ordinary runtime values, and every
// constant the evaluator can resolve counts.

type valKind uint8

const (
	valUnknown valKind = iota
	valString
	valNumber
	valBool
	valNull
	valUndefined
	valArray
	valObject
	valRegExp
	valFunction
)

type jsValue struct {
	kind  valKind
	str   string // valString; the pattern of a valRegExp
	flags string // valRegExp
	num   float64
	b     bool
	elems []jsValue
	props []jsProp
	// opaque is set on objects with a spread or computed key that could not be resolved: any key may be
	// present.
	opaque bool
	node   syntax.NodeID
	// literal: written in the literal syntax Next.js's config extractor reads.
	literal bool
	// why explains a valUnknown ("the call getMatchers()", "the import X from ./y").
	why string
}

type jsProp struct {
	key string
	val jsValue
}

// get returns the last property named key (later properties win, as in JavaScript).
func (v *jsValue) get(key string) (jsValue, bool) {
	for i := len(v.props) - 1; i >= 0; i-- {
		if v.props[i].key == key {
			return v.props[i].val, true
		}
	}
	return jsValue{}, false
}

// truthy is JavaScript's Boolean(v) for known values.
func (v *jsValue) truthy() bool {
	switch v.kind {
	case valString:
		return v.str != ""
	case valNumber:
		return v.num != 0 && v.num == v.num
	case valBool:
		return v.b
	case valNull, valUndefined:
		return false
	}
	return true
}

const maxEvalDepth = 32

type evaluator struct {
	f         *jsmodel.File
	t         *syntax.Tree
	depth     int
	resolving map[string]bool
}

func newEvaluator(t *syntax.Tree, f *jsmodel.File) *evaluator {
	return &evaluator{f: f, t: t, resolving: map[string]bool{}}
}

func unknownValue(n syntax.NodeID, why string) jsValue {
	return jsValue{kind: valUnknown, node: n, why: why}
}

func (e *evaluator) describe(n syntax.NodeID) string {
	s := strings.Join(strings.Fields(e.t.Text(n)), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return fmt.Sprintf("%s `%s`", strings.ReplaceAll(e.t.Kind(n).String(), "_", " "), s)
}

func (e *evaluator) eval(n syntax.NodeID) jsValue {
	if n == syntax.None {
		return unknownValue(n, "a missing value")
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxEvalDepth {
		return unknownValue(n, "a value nested too deeply")
	}
	t := e.t
	switch t.Kind(n) {
	case syntax.ParenthesizedExpression, syntax.AsExpression, syntax.NonNullExpression:
		v := e.eval(t.FirstNamedChild(n))
		v.literal = false
		return v
	case syntax.SatisfiesExpression:
		return e.eval(t.FirstNamedChild(n))
	case syntax.String:
		s, err := decodeJSString(t.Text(n))
		if err != nil {
			return unknownValue(n, err.Error())
		}
		return jsValue{kind: valString, str: s, node: n, literal: true}
	case syntax.TemplateString:
		return e.template(n)
	case syntax.Number:
		text := strings.TrimSuffix(strings.ReplaceAll(t.Text(n), "_", ""), "n") // separators, BigInt
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			i, ierr := strconv.ParseInt(text, 0, 64) // 0x.., 0o.., 0b..
			if ierr != nil {
				return unknownValue(n, e.describe(n))
			}
			f = float64(i)
		}
		return jsValue{kind: valNumber, num: f, node: n, literal: true}
	case syntax.True, syntax.False:
		return jsValue{kind: valBool, b: t.Kind(n) == syntax.True, node: n, literal: true}
	case syntax.Null:
		return jsValue{kind: valNull, node: n, literal: true}
	case syntax.Undefined:
		return jsValue{kind: valUndefined, node: n, literal: true}
	case syntax.Regex:
		text := t.Text(n)
		i := strings.LastIndexByte(text, '/')
		if i <= 0 {
			return unknownValue(n, "a malformed regular expression literal")
		}
		return jsValue{kind: valRegExp, str: text[1:i], flags: text[i+1:], node: n, literal: true}
	case syntax.Identifier, syntax.ShorthandPropertyIdentifier:
		if t.TextIs(n, "undefined") {
			return jsValue{kind: valUndefined, node: n, literal: true}
		}
		v := e.resolve(t.Text(n), n)
		v.literal = false
		return v
	case syntax.Array:
		return e.array(n)
	case syntax.Object:
		return e.object(n)
	case syntax.BinaryExpression:
		if op := t.ChildByField(n, syntax.FOperator); t.TextIs(op, "+") {
			l, r := e.eval(t.ChildByField(n, syntax.FLeft)), e.eval(t.ChildByField(n, syntax.FRight))
			if l.kind == valString && (r.kind == valString || r.kind == valNumber) || r.kind == valString && l.kind == valNumber {
				return jsValue{kind: valString, str: l.toString() + r.toString(), node: n}
			}
		}
	case syntax.ArrowFunction, syntax.FunctionExpression:
		return jsValue{kind: valFunction, node: n, why: "a function"}
	}
	return unknownValue(n, e.describe(n))
}

func (v jsValue) toString() string {
	if v.kind == valNumber {
		return strconv.FormatFloat(v.num, 'f', -1, 64)
	}
	return v.str
}

// resolve evaluates a module-level const binding.
func (e *evaluator) resolve(name string, at syntax.NodeID) jsValue {
	b, ok := e.f.Bindings[name]
	if !ok {
		return unknownValue(at, fmt.Sprintf("the identifier %s, which is not a module-level binding", name))
	}
	switch b.Kind {
	case jsmodel.BindImport:
		imp := e.f.Imports[b.Import]
		return unknownValue(at, fmt.Sprintf("the identifier %s, imported from %q", name, imp.Source))
	case jsmodel.BindFunction:
		return jsValue{kind: valFunction, node: at, why: "the function " + name}
	case jsmodel.BindVariable:
	default:
		return unknownValue(at, "the identifier "+name)
	}
	if b.Destructured || b.Init == syntax.None {
		return unknownValue(at, fmt.Sprintf("the identifier %s, which is not a plain const", name))
	}
	decl := e.t.Ancestor(b.Node, syntax.LexicalDeclaration, syntax.VariableDeclaration)
	if !e.t.TextIs(e.t.ChildByField(decl, syntax.FKind), "const") {
		return unknownValue(at, fmt.Sprintf("the identifier %s, which is not declared const", name))
	}
	if e.resolving[name] {
		return unknownValue(at, fmt.Sprintf("the identifier %s, which refers to itself", name))
	}
	e.resolving[name] = true
	defer delete(e.resolving, name)
	return e.eval(b.Init)
}

func (e *evaluator) template(n syntax.NodeID) jsValue {
	t := e.t
	if t.ChildOfKind(n, syntax.TemplateSubstitution) == syntax.None {
		s, err := decodeJSString(t.Text(n))
		if err != nil {
			return unknownValue(n, err.Error())
		}
		return jsValue{kind: valString, str: s, node: n, literal: true}
	}
	// Substitutions: cook the text between them and evaluate each.
	var b strings.Builder
	src := t.Src
	pos := t.Nodes[n].Start + 1
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) != syntax.TemplateSubstitution {
			continue
		}
		s, err := decodeJSString("`" + string(src[pos:t.Nodes[c].Start]) + "`")
		if err != nil {
			return unknownValue(n, err.Error())
		}
		b.WriteString(s)
		v := e.eval(t.FirstNamedChild(c))
		if v.kind != valString && v.kind != valNumber {
			return unknownValue(n, "a template string with the substitution "+e.describe(t.FirstNamedChild(c)))
		}
		b.WriteString(v.toString())
		pos = t.Nodes[c].End
	}
	s, err := decodeJSString("`" + string(src[pos:t.Nodes[n].End]))
	if err != nil {
		return unknownValue(n, err.Error())
	}
	b.WriteString(s)
	return jsValue{kind: valString, str: b.String(), node: n}
}

func (e *evaluator) array(n syntax.NodeID) jsValue {
	t := e.t
	v := jsValue{kind: valArray, node: n, literal: true}
	for _, c := range t.NamedChildren(n) {
		if t.Kind(c) != syntax.SpreadElement {
			v.elems = append(v.elems, e.eval(c))
			continue
		}
		// The array stays "literal": its spread-in elements are not, which is where Next.js's readers
		// differ (webpack rejects the config, Turbopack skips the entries).
		inner := e.eval(t.FirstNamedChild(c))
		if inner.kind == valArray {
			for _, el := range inner.elems {
				el.literal = false
				v.elems = append(v.elems, el)
			}
			continue
		}
		if inner.kind == valString {
			for _, r := range inner.str {
				v.elems = append(v.elems, jsValue{kind: valString, str: string(r), node: c})
			}
			continue
		}
		u := unknownValue(c, "a spread of "+e.describe(t.FirstNamedChild(c)))
		v.elems = append(v.elems, u)
	}
	return v
}

func (e *evaluator) object(n syntax.NodeID) jsValue {
	t := e.t
	v := jsValue{kind: valObject, node: n, literal: true}
	for _, c := range t.NamedChildren(n) {
		switch t.Kind(c) {
		case syntax.Pair:
			k := t.ChildByField(c, syntax.FKey)
			key, ok := "", true
			switch t.Kind(k) {
			case syntax.PropertyIdentifier, syntax.Identifier, syntax.Number:
				key = t.Text(k)
			case syntax.String:
				s, err := decodeJSString(t.Text(k))
				key, ok = s, err == nil
			case syntax.ComputedPropertyName:
				kv := e.eval(t.FirstNamedChild(k))
				key, ok = kv.str, kv.kind == valString
				v.literal = false
			default:
				ok = false
			}
			if !ok {
				v.opaque, v.literal = true, false
				continue
			}
			v.props = append(v.props, jsProp{key: key, val: e.eval(t.ChildByField(c, syntax.FValue))})
		case syntax.ShorthandPropertyIdentifier:
			pv := e.eval(c)
			pv.literal = false
			v.props = append(v.props, jsProp{key: t.Text(c), val: pv})
		case syntax.SpreadElement:
			v.literal = false
			inner := e.eval(t.FirstNamedChild(c))
			if inner.kind != valObject {
				v.opaque = true
				continue
			}
			v.opaque = v.opaque || inner.opaque
			for _, p := range inner.props {
				p.val.literal = false
				v.props = append(v.props, p)
			}
		case syntax.MethodDefinition:
			v.literal = false
			v.props = append(v.props, jsProp{key: t.Text(t.ChildByField(c, syntax.FName)), val: jsValue{kind: valFunction, node: c, why: "a method"}})
		}
	}
	return v
}

// decodeJSString returns the value of a JavaScript string literal or of a template string without
// substitutions (the cooked value), given its source text with the quotes. Module code is strict, so
// legacy octal escapes (\1, \01) and \8, \9 are errors, as in JavaScript.
//
// Decoding matters: in JavaScript '/((?!api|.*\.png$).*)' is the string /((?!api|.*.png$).*) — the
// backslash before the dot is dropped, and the matcher excludes any path containing "png" after one
// character, not only .png files (vercel/next.js#56450 shows this in the wild).
func decodeJSString(raw string) (string, error) {
	if len(raw) < 2 {
		return "", fmt.Errorf("a malformed string literal")
	}
	s := []rune(raw[1 : len(raw)-1])
	var units []uint16
	push := func(r rune) { units = utf16.AppendRune(units, r) }
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			push(c)
			continue
		}
		i++
		c = s[i]
		switch c {
		case 'n':
			push('\n')
		case 't':
			push('\t')
		case 'r':
			push('\r')
		case 'b':
			push('\b')
		case 'f':
			push('\f')
		case 'v':
			push('\v')
		case '\n', 0x2028, 0x2029:
			// line continuation
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '0':
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				return "", fmt.Errorf("a string with a legacy octal escape")
			}
			push(0)
		case '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return "", fmt.Errorf("a string with a legacy octal escape")
		case 'x':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				push(hexVal(s[i+1 : i+3]))
				i += 2
				continue
			}
			return "", fmt.Errorf("a string with a malformed \\x escape")
		case 'u':
			if i+4 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) && isHex(s[i+3]) && isHex(s[i+4]) {
				units = append(units, uint16(hexVal(s[i+1:i+5])))
				i += 4
				continue
			}
			if i+1 < len(s) && s[i+1] == '{' {
				j := i + 2
				for j < len(s) && isHex(s[j]) {
					j++
				}
				if j > i+2 && j < len(s) && s[j] == '}' && j-i-2 <= 8 {
					if v := hexVal(s[i+2 : j]); v <= 0x10ffff {
						push(v)
						i = j
						continue
					}
				}
			}
			return "", fmt.Errorf("a string with a malformed \\u escape")
		default:
			push(c)
		}
	}
	return string(utf16.Decode(units)), nil
}
