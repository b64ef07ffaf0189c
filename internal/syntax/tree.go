package syntax

import (
	"bytes"
	"path"
	"strings"
)

// Lang is a grammar.
type Lang int8

// The grammars. JavaScript's grammar parses JSX too.
const (
	TypeScript Lang = iota
	TSX
	JavaScript
)

func (l Lang) String() string {
	switch l {
	case TypeScript:
		return "typescript"
	case TSX:
		return "tsx"
	case JavaScript:
		return "javascript"
	}
	return "unknown"
}

// LangForPath picks the grammar from a file name: .ts/.mts/.cts → TypeScript, .tsx → TSX, .js/.jsx/.mjs/.cjs
// → JavaScript. Declaration files (.d.ts) and anything else report false.
func LangForPath(p string) (Lang, bool) {
	base := path.Base(p)
	if strings.HasSuffix(base, ".d.ts") || strings.HasSuffix(base, ".d.mts") || strings.HasSuffix(base, ".d.cts") {
		return 0, false
	}
	switch path.Ext(base) {
	case ".ts", ".mts", ".cts":
		return TypeScript, true
	case ".tsx":
		return TSX, true
	case ".js", ".jsx", ".mjs", ".cjs":
		return JavaScript, true
	}
	return 0, false
}

// Node is one kept node of a flattened tree. Nodes are stored in pre-order, so node i's subtree is the
// index range [i, i+Size) and its first child, if any, is i+1.
//
// The layout mirrors the C struct al_node in parser.go; do not reorder fields.
type Node struct {
	Kind   Kind
	Field  Field
	Flags  uint8
	Start  uint32
	End    uint32
	Parent int32
	Size   int32
}

// Node flags.
const (
	// FlagNamed marks nodes of named grammar types (everything but Token nodes).
	FlagNamed = 1
	// FlagMissing marks zero-width nodes the parser inserted to recover from an error.
	FlagMissing = 2
	// FlagError marks ERROR nodes.
	FlagError = 4
)

// Span is a byte range [Start, End).
type Span struct{ Start, End uint32 }

// SyntaxErrors summarises the parse errors of a file.
type SyntaxErrors struct {
	// Count is the number of ERROR and MISSING nodes.
	Count int
	// FirstOffset is the byte offset of the first one.
	FirstOffset int
	// FirstIsMissing is true when the first error is a missing token rather than unexpected text.
	FirstIsMissing bool
}

// Tree is a parsed file: the source, its nodes in pre-order, and its comments. Comments are kept apart from
// the nodes so that child iteration never meets them. A Tree is immutable after Parse and safe for
// concurrent reads.
type Tree struct {
	Src      []byte
	Lang     Lang
	Nodes    []Node
	Comments []Span
	Errors   SyntaxErrors
}

// NodeID indexes Tree.Nodes. None (-1) means "no node".
type NodeID = int32

// None is the absent node.
const None NodeID = -1

// Root returns the root node (the program), or None for an empty tree.
func (t *Tree) Root() NodeID {
	if len(t.Nodes) == 0 {
		return None
	}
	return 0
}

// Kind returns the kind of node n, or Invalid for None.
func (t *Tree) Kind(n NodeID) Kind {
	if n < 0 {
		return Invalid
	}
	return t.Nodes[n].Kind
}

// Parent returns the parent of n, or None.
func (t *Tree) Parent(n NodeID) NodeID {
	if n < 0 {
		return None
	}
	return t.Nodes[n].Parent
}

// FirstChild returns the first child of n, or None.
func (t *Tree) FirstChild(n NodeID) NodeID {
	if n < 0 || t.Nodes[n].Size <= 1 {
		return None
	}
	return n + 1
}

// NextSibling returns the next sibling of n, or None.
func (t *Tree) NextSibling(n NodeID) NodeID {
	if n < 0 {
		return None
	}
	p := t.Nodes[n].Parent
	next := n + t.Nodes[n].Size
	if p < 0 || next >= p+t.Nodes[p].Size {
		return None
	}
	return next
}

// Children returns the children of n. It allocates; hot paths iterate with FirstChild/NextSibling.
func (t *Tree) Children(n NodeID) []NodeID {
	var out []NodeID
	for c := t.FirstChild(n); c != None; c = t.NextSibling(c) {
		out = append(out, c)
	}
	return out
}

// NamedChildren returns the children of n that are not Token nodes.
func (t *Tree) NamedChildren(n NodeID) []NodeID {
	var out []NodeID
	for c := t.FirstChild(n); c != None; c = t.NextSibling(c) {
		if t.Nodes[c].Flags&FlagNamed != 0 {
			out = append(out, c)
		}
	}
	return out
}

// ChildByField returns the first child of n in field f, or None.
func (t *Tree) ChildByField(n NodeID, f Field) NodeID {
	for c := t.FirstChild(n); c != None; c = t.NextSibling(c) {
		if t.Nodes[c].Field == f {
			return c
		}
	}
	return None
}

// ChildOfKind returns the first child of n of kind k, or None.
func (t *Tree) ChildOfKind(n NodeID, k Kind) NodeID {
	for c := t.FirstChild(n); c != None; c = t.NextSibling(c) {
		if t.Nodes[c].Kind == k {
			return c
		}
	}
	return None
}

// FirstNamedChild returns the first non-token child of n, or None.
func (t *Tree) FirstNamedChild(n NodeID) NodeID {
	for c := t.FirstChild(n); c != None; c = t.NextSibling(c) {
		if t.Nodes[c].Flags&FlagNamed != 0 {
			return c
		}
	}
	return None
}

// HasToken reports whether n has a direct Token child with the given text (e.g. "async", "default").
func (t *Tree) HasToken(n NodeID, text string) bool {
	for c := t.FirstChild(n); c != None; c = t.NextSibling(c) {
		if t.Nodes[c].Kind == Token && t.TextIs(c, text) {
			return true
		}
	}
	return false
}

// Text returns the source text of n.
func (t *Tree) Text(n NodeID) string {
	if n < 0 {
		return ""
	}
	nd := &t.Nodes[n]
	return string(t.Src[nd.Start:nd.End])
}

// Bytes returns the source bytes of n without copying; callers must not modify them.
func (t *Tree) Bytes(n NodeID) []byte {
	if n < 0 {
		return nil
	}
	nd := &t.Nodes[n]
	return t.Src[nd.Start:nd.End]
}

// TextIs reports whether the text of n equals s, without allocating.
func (t *Tree) TextIs(n NodeID, s string) bool {
	if n < 0 {
		return false
	}
	nd := &t.Nodes[n]
	return int(nd.End-nd.Start) == len(s) && string(t.Src[nd.Start:nd.End]) == s
}

// Contains reports whether node a is b or an ancestor of b.
func (t *Tree) Contains(a, b NodeID) bool {
	return a >= 0 && b >= a && b < a+t.Nodes[a].Size
}

// Ancestor returns the nearest proper ancestor of n whose kind is one of ks, or None.
func (t *Tree) Ancestor(n NodeID, ks ...Kind) NodeID {
	for p := t.Parent(n); p != None; p = t.Parent(p) {
		for _, k := range ks {
			if t.Nodes[p].Kind == k {
				return p
			}
		}
	}
	return None
}

// Unparen strips parentheses, `as`/`satisfies` casts and non-null assertions around an expression.
func (t *Tree) Unparen(n NodeID) NodeID {
	for n != None {
		switch t.Nodes[n].Kind {
		case ParenthesizedExpression, AsExpression, SatisfiesExpression, NonNullExpression:
			n = t.FirstNamedChild(n)
		default:
			return n
		}
	}
	return n
}

// StringValue returns the value of a string literal node or a template string without substitutions, and
// true. Escape sequences are decoded for the common cases (\n \t \" \' \\ \`); other escapes are kept
// verbatim. For any other node it returns "", false.
func (t *Tree) StringValue(n NodeID) (string, bool) {
	if n < 0 {
		return "", false
	}
	switch t.Nodes[n].Kind {
	case String:
	case TemplateString:
		if t.ChildOfKind(n, TemplateSubstitution) != None {
			return "", false
		}
	default:
		return "", false
	}
	b := t.Bytes(n)
	if len(b) < 2 {
		return "", true
	}
	b = b[1 : len(b)-1]
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b), true
	}
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
			switch b[i] {
			case 'n':
				out.WriteByte('\n')
			case 't':
				out.WriteByte('\t')
			case 'r':
				out.WriteByte('\r')
			case '"', '\'', '\\', '`':
				out.WriteByte(b[i])
			default:
				out.WriteByte('\\')
				out.WriteByte(b[i])
			}
			continue
		}
		out.WriteByte(b[i])
	}
	return out.String(), true
}

// Walk calls fn for n and every node below it in pre-order. fn returns false to skip the node's
// children. Walk is iterative: deep nesting cannot overflow the stack.
func (t *Tree) Walk(n NodeID, fn func(NodeID) bool) {
	if n < 0 {
		return
	}
	end := n + t.Nodes[n].Size
	for i := n; i < end; {
		if fn(i) {
			i++
		} else {
			i += t.Nodes[i].Size
		}
	}
}

// NodeAt returns the innermost node whose range contains the byte offset, or None.
func (t *Tree) NodeAt(offset int) NodeID {
	best := None
	for i := NodeID(0); i < NodeID(len(t.Nodes)); {
		nd := &t.Nodes[i]
		if int(nd.Start) <= offset && offset < int(nd.End) {
			best = i
			i++
			continue
		}
		i += nd.Size
	}
	return best
}

// Dump renders the subtree of n as an S-expression with field names, tokens quoted, for tests and
// debugging.
func (t *Tree) Dump(n NodeID) string {
	var b strings.Builder
	var rec func(NodeID)
	rec = func(n NodeID) {
		nd := &t.Nodes[n]
		if nd.Field != NoField {
			b.WriteString(nd.Field.String() + ":")
		}
		if nd.Kind == Token {
			b.WriteString("\"" + t.Text(n) + "\"")
			return
		}
		b.WriteString("(" + nd.Kind.String())
		if nd.Flags&FlagMissing != 0 {
			b.WriteString(" MISSING")
		}
		for c := t.FirstChild(n); c != None; c = t.NextSibling(c) {
			b.WriteByte(' ')
			rec(c)
		}
		b.WriteByte(')')
	}
	if n >= 0 {
		rec(n)
	}
	return b.String()
}
