package prismaschema

// How PSL is read here, and where it differs from the Prisma engines.
//
// The reference grammar is the pest grammar of prisma-engines (psl/schema-ast, datamodel.pest). Its quirks:
//
//   - PSL is line-oriented. Newlines are not whitespace: a field, property, enum value or block attribute
//     ends at the end of its line, and an argument list or array cannot span lines. The parser relies on
//     this for error recovery: a syntax error costs the rest of its line, never more. A block must open
//     with `{` on the line of its keyword.
//   - Identifiers are ASCII letters, digits, '_' and '-' ("2fa" and "foo-bar" are names); a path is
//     identifiers joined by dots (`@db.VarChar`). true and false are ordinary identifiers in the grammar;
//     here they become BoolValue. Numbers are `-?digits(.digits)?`: no exponent, no leading '+'.
//   - Strings follow JSON: escapes are \" \\ \/ \b \f \n \r \t and \uXXXX (with surrogate pairs). An
//     unknown escape is reported and kept as the escaped character.
//   - "///" starts a documentation comment, "//" any other comment; both run to the end of the line, and
//     a block header may carry one after its `{`. Documentation attaches to the block, field or enum value
//     on the next line; a blank line in between detaches it. A "///" comment at the end of a field or
//     enum value line is documentation of that line, as in the engines.
//   - Legacy forms the engines reject with a helpful message are accepted silently, because their meaning
//     is clear: `name: Type` (the colon), `Type!`, `[Type]` (a list) and the optional list `Type[]?`. So is
//     a closing `}` at the end of a field line, and a named argument without a value (`sort:`), which the
//     grammar has a rule for. Duplicate names are the model builder's business, not the parser's.
//   - Line terminators are "\n", "\r\n" and a lone "\r", as in the grammar and in package textpos. A BOM
//     and other Unicode space separators are whitespace; NUL bytes and invalid UTF-8 outside strings and
//     comments are reported as unexpected characters.
//
// Recovery: an error inside a block costs the rest of its line (the declaration keeps what was parsed
// before the error, minus the attribute or property in which it occurred). At the top level, the parser
// skips to the next line that starts a block (`keyword Name {`) and reports only the first line it skips.
// Inside a block, such a line also ends the block when its `}` is missing. Values nest at most
// maxDepth levels; deeper nesting is an error, so the recursion is bounded.

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/archlint/archlint/internal/textpos"
)

// maxDepth bounds the nesting of arrays and calls in a value; real schemas use three levels at most.
const maxDepth = 32

// Parse parses one schema file. It never fails and never panics; syntax errors are in the returned File's
// Diagnostics. path is recorded in File.Path; src must not be modified afterwards.
func Parse(path string, src []byte) *File {
	f := &File{Path: path, Src: src, Lines: textpos.New(src)}
	if len(src) >= math.MaxInt32 {
		end := Pos{Offset: len(src)}
		end.Line, end.Column = f.Lines.Position(len(src))
		f.Diagnostics = []Diagnostic{{Range: Range{Pos{0, 1, 1}, end}, Message: "file too large to parse (2 GiB or more)"}}
		return f
	}
	p := &parser{src: src, str: string(src), file: f}
	// Dense schemas have a field every 70-80 bytes, an attribute or argument every 40 and a value every 30.
	p.fields.hint, p.types.hint = len(src)/72, len(src)/72
	p.attrs.hint, p.args.hint, p.values.hint = len(src)/40, len(src)/40, len(src)/28
	p.sc = scanner{src: src, unterminated: func(start, end int32) { p.errorRange(start, end, "unterminated string") }}
	p.parseFile()
	// Comment ranges are computed last, so that the lookahead does not move the position cursor backwards.
	f.Comments = make([]Comment, len(p.comments))
	for i, t := range p.comments {
		text := p.str[t.start:t.end]
		f.Comments[i] = Comment{Text: text, Doc: strings.HasPrefix(text, "///"), Range: p.rng(t.start, t.end)}
	}
	sort.SliceStable(f.Diagnostics, func(i, j int) bool {
		return f.Diagnostics[i].Range.Start.Offset < f.Diagnostics[j].Range.Start.Offset
	})
	return f
}

type parser struct {
	src  []byte
	str  string // src as a string: names and texts are substrings of it, to save an allocation each
	file *File
	sc   scanner
	la   [3]token // lookahead: the next nla tokens
	nla  int
	// comments are the comment tokens seen so far
	comments []token
	// Nodes are allocated in chunks: a schema has thousands of small nodes that live and die together.
	values  slab[Value]
	args    slab[Arg]
	attrs   slab[Attribute]
	fields  slab[FieldDecl]
	types   slab[TypeRef]
	prevEnd int32    // end offset of the last consumed token other than a newline or comment
	doc     []string // pending documentation lines
	lineErr bool     // an error was reported on the current line; the line is skipped at its end
	junk    bool     // skipping top-level lines after an error, until the next block header
	cur     struct { // the position cursor; see pos
		off, line, col int
		lineEnd        int // offset at which the next line starts
	}
}

// slab hands out pointers into chunks of growing size; the first chunk has room for hint nodes.
type slab[T any] struct {
	chunk []T
	hint  int
}

func (s *slab[T]) new() *T {
	if len(s.chunk) == cap(s.chunk) {
		s.chunk = make([]T, 0, min(max(2*cap(s.chunk), s.hint, 4), 256))
	}
	s.chunk = s.chunk[:len(s.chunk)+1]
	return &s.chunk[len(s.chunk)-1]
}

func (p *parser) peek() token { return p.peekAt(0) }

// peekAt returns the token n places ahead (n < len(p.la)).
func (p *parser) peekAt(n int) token {
	for p.nla <= n {
		t := p.sc.scan()
		if t.kind == tokComment {
			p.comments = append(p.comments, t)
		}
		p.la[p.nla] = t
		p.nla++
	}
	return p.la[n]
}

// next consumes and returns the next token; at the end it keeps returning tokEOF.
func (p *parser) next() token {
	t := p.peekAt(0)
	copy(p.la[:], p.la[1:p.nla])
	p.nla--
	if t.kind != tokNewline && t.kind != tokComment && t.kind != tokEOF {
		p.prevEnd = t.end
	}
	return t
}

func (p *parser) text(t token) string { return p.str[t.start:t.end] }

// pos converts an offset to a Pos. File.Lines is the authority, but asking it for every node would cost
// a line search and a UTF-16 count from the start of the line each time, which is quadratic on long lines.
// So pos keeps a cursor: a position on the line of the last request. A later offset on the same line is
// counted from the cursor; any other offset (another line, or backwards) is asked of File.Lines. The parser
// asks in increasing order almost always: it computes the start of a node once, before its children, and
// takes comment ranges in a pass of their own. Cursor offsets are token boundaries, where counting from
// the cursor and counting from the line start agree (tests check every position against File.Lines).
func (p *parser) pos(off int) Pos {
	c := &p.cur
	if off < c.off || off >= c.lineEnd {
		c.line, c.col = p.file.Lines.Position(off)
		c.off, c.lineEnd = off, p.file.Lines.LineStart(c.line+1)
		if c.line == p.file.Lines.LineCount() {
			c.lineEnd = len(p.src) + 1 // the last line has no terminator; its end offset belongs to it
		}
	} else {
		c.col += utf16Len(p.src[c.off:off])
		c.off = off
	}
	return Pos{Offset: off, Line: c.line, Column: c.col}
}

// utf16Len counts the UTF-16 code units of b decoded as UTF-8, an invalid byte counting as one, as
// package textpos does.
func utf16Len(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}

// rangeFrom returns the range from start to the end of the last consumed token.
func (p *parser) rangeFrom(start Pos) Range { return Range{start, p.pos(int(p.prevEnd))} }

func (p *parser) rng(start, end int32) Range { return Range{p.pos(int(start)), p.pos(int(end))} }

func (p *parser) ident(t token) Ident { return Ident{Name: p.text(t), Range: p.rng(t.start, t.end)} }

func (p *parser) errorRange(start, end int32, msg string) {
	p.file.Diagnostics = append(p.file.Diagnostics, Diagnostic{Range: p.rng(start, end), Message: msg})
}

// errorf reports an error at token t and marks the line as broken.
func (p *parser) errorf(t token, format string, args ...any) {
	p.lineErr = true
	p.errorRange(t.start, t.end, fmt.Sprintf(format, args...))
}

// describe names a token for a message: "identifier \"foo\"", "')'", "end of line".
func (p *parser) describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokNewline:
		return "end of line"
	case tokComment:
		return "comment"
	case tokIdent:
		return fmt.Sprintf("identifier %q", p.text(t))
	case tokNumber:
		return "number " + p.text(t)
	case tokString:
		return "string"
	case tokIllegal:
		r, _ := utf8.DecodeRune(p.src[t.start:t.end])
		if r == utf8.RuneError && t.end-t.start == 1 {
			return fmt.Sprintf("byte 0x%02x", p.src[t.start])
		}
		return fmt.Sprintf("character %q", r)
	}
	return punctNames[t.kind]
}

// atLineEnd reports whether the next token ends the current line.
func (p *parser) atLineEnd() bool {
	k := p.peek().kind
	return k == tokNewline || k == tokComment || k == tokEOF
}

// skipLine consumes the rest of the current line, including its terminator.
func (p *parser) skipLine() {
	for {
		switch p.next().kind {
		case tokNewline, tokEOF:
			p.lineErr = false
			return
		}
	}
}

// endLine finishes a declaration line: it takes an optional trailing comment and the line terminator and
// returns the text of a trailing "///" comment. A `}` is left for the block to close. After an error on
// the line, the rest of the line is skipped silently.
func (p *parser) endLine(what, name string) (doc string) {
	if p.lineErr {
		p.skipLine()
		return ""
	}
	t := p.peek()
	if t.kind == tokComment {
		if text := p.text(t); strings.HasPrefix(text, "///") {
			doc = strings.TrimSpace(text[3:])
		}
		p.next()
		t = p.peek()
	}
	switch t.kind {
	case tokNewline:
		p.next()
	case tokEOF, tokRBrace:
	default:
		p.errorf(t, "unexpected %s after %s%s", p.describe(t), what, name)
		p.skipLine()
	}
	return doc
}

// commentLine consumes a line holding only a comment and collects "///" text as pending documentation.
func (p *parser) commentLine() {
	if text := p.text(p.next()); strings.HasPrefix(text, "///") {
		p.doc = append(p.doc, strings.TrimSpace(text[3:]))
	}
	if p.peek().kind == tokNewline {
		p.next()
	}
}

// takeDoc returns the pending documentation and clears it.
func (p *parser) takeDoc() string {
	s := strings.Join(p.doc, "\n")
	p.doc = p.doc[:0]
	return s
}

func joinDoc(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "\n" + b
}

func blockKind(name string) BlockKind {
	for k, kw := range blockKeywords {
		if kw == name && k != 0 {
			return BlockKind(k)
		}
	}
	return 0
}

// atBlockHeader reports whether the next tokens are `keyword Name {`.
func (p *parser) atBlockHeader() bool {
	t := p.peek()
	return t.kind == tokIdent && blockKind(p.text(t)) != 0 && p.peekAt(1).kind == tokIdent && p.peekAt(2).kind == tokLBrace
}

// stalled reports whether a loop is about to look at the same token as at the top of its previous
// iteration (last), and records the token for the next call. Every iteration of the line loops consumes
// a token, so this never fires; it keeps a future bug from turning into a hang.
func (p *parser) stalled(last *int32) bool {
	t := p.peek()
	stuck := t.start == *last && t.kind != tokEOF
	*last = t.start
	return stuck
}

func (p *parser) parseFile() {
	for last := int32(-1); ; {
		if p.stalled(&last) {
			p.next()
		}
		t := p.peek()
		switch t.kind {
		case tokEOF:
			return
		case tokNewline:
			p.next()
			p.doc = p.doc[:0]
			continue
		case tokComment:
			p.commentLine()
			continue
		case tokIdent:
			if k := blockKind(p.text(t)); k != 0 && (!p.junk || p.atBlockHeader()) {
				p.junk = false
				p.parseBlock(k)
				continue
			}
		}
		if !p.junk {
			if t.kind == tokIdent && p.peekAt(1).kind == tokIdent && p.peekAt(2).kind == tokLBrace {
				p.errorf(t, "unknown block type %q; expected datasource, generator, model, view, type or enum", p.text(t))
			} else {
				p.errorf(t, "unexpected %s; expected a datasource, generator, model, view, type or enum block", p.describe(t))
			}
			p.junk = true
		}
		p.doc = p.doc[:0]
		p.skipLine()
	}
}

// parseBlock parses a block whose keyword is the next token.
func (p *parser) parseBlock(kind BlockKind) {
	kw := p.next()
	b := &Block{Kind: kind, Keyword: p.rng(kw.start, kw.end), Doc: p.takeDoc()}
	if t := p.peek(); t.kind == tokIdent {
		b.Name = p.ident(p.next())
	} else {
		p.errorf(t, "expected a name after %q, found %s", kind.String(), p.describe(t))
	}
	if t := p.peek(); t.kind != tokLBrace {
		if !p.lineErr {
			p.errorf(t, "expected '{' after %s %s, found %s", kind, b.Name.Name, p.describe(t))
		}
		p.junk = true
		p.skipLine()
		return
	}
	p.lineErr = false // a missing name is reported; the body is still worth parsing
	p.next()
	if p.peek().kind == tokComment {
		p.next()
	}
	if p.peek().kind == tokNewline {
		p.next()
	}
	p.file.Blocks = append(p.file.Blocks, b)
	for last := int32(-1); ; {
		if p.stalled(&last) {
			p.next()
		}
		t := p.peek()
		switch t.kind {
		case tokEOF:
			b.Range = p.rangeFrom(b.Keyword.Start)
			p.errorRange(t.start, t.end, fmt.Sprintf("missing '}' to close %s %s", kind, b.Name.Name))
			return
		case tokNewline:
			p.next()
			p.doc = p.doc[:0]
		case tokComment:
			p.commentLine()
		case tokRBrace:
			p.next()
			b.Range = p.rangeFrom(b.Keyword.Start)
			p.doc = p.doc[:0]
			p.endLine("'}'", "")
			return
		case tokAtAt:
			p.doc = p.doc[:0]
			a := p.parseAttribute()
			switch {
			case a == nil:
			case kind == DatasourceBlock || kind == GeneratorBlock:
				p.file.Diagnostics = append(p.file.Diagnostics, Diagnostic{Range: a.Range,
					Message: fmt.Sprintf("block attributes are not allowed in a %s block", kind)})
			default:
				b.Attributes = append(b.Attributes, a)
			}
			p.endLine("block attribute", "")
		case tokIdent:
			if p.atBlockHeader() {
				b.Range = p.rangeFrom(b.Keyword.Start)
				p.errorRange(t.start, t.end, fmt.Sprintf("missing '}' to close %s %s", kind, b.Name.Name))
				return
			}
			switch kind {
			case DatasourceBlock, GeneratorBlock:
				p.parseProperty(b)
			case EnumBlock:
				p.parseEnumValue(b)
			default:
				p.parseField(b)
			}
		default:
			p.doc = p.doc[:0]
			p.errorf(t, "unexpected %s in %s %s", p.describe(t), kind, b.Name.Name)
			p.skipLine()
		}
	}
}

func (p *parser) parseProperty(b *Block) {
	key := p.next()
	prop := &Property{Key: p.ident(key)}
	p.doc = p.doc[:0]
	switch t := p.peek(); {
	case t.kind != tokEquals:
		p.errorf(t, "expected '=' after %s, found %s", prop.Key.Name, p.describe(t))
	case p.peekAt(1).kind == tokNewline || p.peekAt(1).kind == tokComment || p.peekAt(1).kind == tokEOF:
		p.errorf(p.peekAt(1), "expected a value after '='")
	default:
		p.next()
		if prop.Value = p.parseValue(0); prop.Value != nil {
			prop.Range = p.rangeFrom(prop.Key.Range.Start)
			b.Properties = append(b.Properties, prop)
		}
	}
	p.endLine("property ", prop.Key.Name)
}

func (p *parser) parseEnumValue(b *Block) {
	name := p.next()
	v := &EnumValueDecl{Name: p.ident(name), Doc: p.takeDoc()}
	v.Attributes = p.parseAttributes()
	v.Range = p.rangeFrom(v.Name.Range.Start)
	b.Values = append(b.Values, v)
	v.Doc = joinDoc(v.Doc, p.endLine("enum value ", v.Name.Name))
}

func (p *parser) parseField(b *Block) {
	name := p.next()
	f := p.fields.new()
	f.Name, f.Doc = p.ident(name), p.takeDoc()
	if p.peek().kind == tokColon {
		p.next()
	}
	f.Type = p.parseType(f.Name.Name)
	f.Attributes = p.parseAttributes()
	f.Range = p.rangeFrom(f.Name.Range.Start)
	b.Fields = append(b.Fields, f)
	f.Doc = joinDoc(f.Doc, p.endLine("field ", f.Name.Name))
}

func (p *parser) parseType(field string) *TypeRef {
	t := p.peek()
	start := p.pos(int(t.start))
	legacyList := t.kind == tokLBracket
	if legacyList {
		p.next()
		t = p.peek()
	}
	if t.kind != tokIdent {
		if t.kind == tokAt || p.atLineEnd() {
			p.errorf(t, "expected a type for field %s", field)
		} else {
			p.errorf(t, "expected a type for field %s, found %s", field, p.describe(t))
		}
		return nil
	}
	nameStart := p.pos(int(t.start))
	p.next()
	tr := p.types.new()
	tr.Name, tr.List = p.text(t), legacyList
	if tr.Name == "Unsupported" && p.peek().kind == tokLParen {
		p.next()
		s := p.peek()
		if s.kind != tokString {
			p.errorf(s, "expected a string in Unsupported(…), found %s", p.describe(s))
			return nil
		}
		p.next()
		tr.Unsupported, tr.UnsupportedType = true, p.decodeString(s)
		if r := p.peek(); r.kind != tokRParen {
			p.errorf(r, "expected ')' after the Unsupported type, found %s", p.describe(r))
			return nil
		}
		p.next()
	}
	tr.NameRange = p.rangeFrom(nameStart)
	if legacyList {
		if r := p.peek(); r.kind != tokRBracket {
			p.errorf(r, "expected ']' after list type %s, found %s", tr.Name, p.describe(r))
			return nil
		}
		p.next()
	}
	if p.peek().kind == tokLBracket && p.peekAt(1).kind == tokRBracket {
		p.next()
		p.next()
		tr.List = true
	}
	switch p.peek().kind {
	case tokQuestion:
		p.next()
		tr.Optional = true
	case tokBang:
		p.next()
	}
	tr.Range = p.rangeFrom(start)
	return tr
}

// parseAttributes parses field attributes up to the end of the line or the first error.
func (p *parser) parseAttributes() []*Attribute {
	var attrs []*Attribute
	for !p.lineErr && p.peek().kind == tokAt {
		if a := p.parseAttribute(); a != nil {
			attrs = append(attrs, a)
		}
	}
	return attrs
}

// parseAttribute parses `@name(args)` or `@@name(args)`; it returns nil after an error.
func (p *parser) parseAttribute() *Attribute {
	at := p.next()
	start := p.pos(int(at.start))
	a := p.attrs.new()
	a.Block = at.kind == tokAtAt
	t := p.peek()
	if t.kind != tokIdent {
		p.errorf(t, "expected an attribute name after %s, found %s", punctNames[at.kind], p.describe(t))
		return nil
	}
	p.next()
	a.Name, a.NameRange = p.text(t), p.rng(t.start, t.end)
	if p.peek().kind == tokLParen {
		a.Args = p.parseArgs(0)
		if p.lineErr {
			return nil
		}
		if a.Args == nil {
			a.Args = []*Arg{}
		}
	}
	a.Range = p.rangeFrom(start)
	return a
}

// parseArgs parses a parenthesised argument list; the next token is '('.
func (p *parser) parseArgs(depth int) []*Arg {
	open := p.next()
	if depth >= maxDepth {
		p.errorf(open, "values nested more than %d levels deep", maxDepth)
		return nil
	}
	var args []*Arg
	for {
		if t := p.peek(); t.kind == tokRParen {
			p.next()
			return args
		} else if p.atLineEnd() {
			p.errorf(t, "expected ')' to close the argument list, found %s", p.describe(t))
			return args
		}
		arg := p.parseArg(depth)
		if p.lineErr {
			return args
		}
		args = append(args, arg)
		switch t := p.peek(); t.kind {
		case tokComma:
			p.next()
		case tokRParen:
			p.next()
			return args
		default:
			p.errorf(t, "expected ',' or ')' in argument list, found %s", p.describe(t))
			return args
		}
	}
}

func (p *parser) parseArg(depth int) *Arg {
	t := p.peek()
	if t.kind != tokIdent || p.peekAt(1).kind != tokColon {
		v := p.parseValue(depth + 1)
		if v == nil {
			return nil
		}
		arg := p.args.new()
		arg.Value, arg.Range = v, v.Range
		return arg
	}
	p.next()
	p.next()
	arg := p.args.new()
	arg.Name, arg.NameRange = p.text(t), p.rng(t.start, t.end)
	if k := p.peek().kind; k != tokComma && k != tokRParen {
		arg.Value = p.parseValue(depth + 1)
	}
	arg.Range = p.rangeFrom(arg.NameRange.Start)
	return arg
}

// parseValue parses an expression; it returns nil after an error.
func (p *parser) parseValue(depth int) *Value {
	t := p.peek()
	if depth > maxDepth {
		p.errorf(t, "values nested more than %d levels deep", maxDepth)
		return nil
	}
	v := p.values.new()
	start := p.pos(int(t.start))
	switch t.kind {
	case tokString:
		p.next()
		v.Kind, v.Text = StringValue, p.decodeString(t)
	case tokNumber:
		p.next()
		v.Kind, v.Text = NumberValue, p.text(t)
	case tokIdent:
		p.next()
		v.Kind, v.Text = IdentValue, p.text(t)
		if v.Text == "true" || v.Text == "false" {
			v.Kind = BoolValue
		}
		if p.peek().kind == tokLParen {
			v.Kind, v.Args = CallValue, p.parseArgs(depth)
		}
	case tokLBracket:
		p.next()
		v.Kind = ArrayValue
		for p.peek().kind != tokRBracket {
			e := p.parseValue(depth + 1)
			if e == nil {
				return nil
			}
			v.Elems = append(v.Elems, e)
			if c := p.peek(); c.kind == tokComma {
				p.next()
			} else if c.kind != tokRBracket {
				p.errorf(c, "expected ',' or ']' in array, found %s", p.describe(c))
				return nil
			}
		}
		p.next()
	default:
		p.errorf(t, "expected a value, found %s", p.describe(t))
		return nil
	}
	if p.lineErr {
		return nil
	}
	v.Range = p.rangeFrom(start)
	return v
}

// decodeString returns the content of string token t with its escapes decoded, reporting bad escapes.
// The scanner stops a string at its first unescaped quote, so such a quote can only be the closing one.
func (p *parser) decodeString(t token) string {
	raw := p.src[t.start+1 : t.end]
	if i := bytes.IndexByte(raw, '\\'); i < 0 {
		end := t.end
		if len(raw) > 0 && raw[len(raw)-1] == '"' {
			end--
		}
		return p.str[t.start+1 : end]
	}
	var sb strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '"' {
			break
		}
		if c != '\\' || i+1 == len(raw) {
			sb.WriteByte(c)
			continue
		}
		off := t.start + 1 + int32(i) // offset of the backslash
		i++
		switch c = raw[i]; c {
		case '"', '\\', '/':
			sb.WriteByte(c)
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			r, n := hex4(raw[i+1:])
			if n < 4 {
				p.errorRange(off, off+2+int32(n), "invalid \\u escape: expected four hex digits")
				sb.Write(raw[i-1 : i+1+n])
				i += n
				continue
			}
			i += 4
			if utf16.IsSurrogate(r) && i+6 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
				if r2, n2 := hex4(raw[i+3:]); n2 == 4 && utf16.DecodeRune(r, r2) != utf8.RuneError {
					r = utf16.DecodeRune(r, r2)
					i += 6
				}
			}
			sb.WriteRune(r)
		default:
			_, size := utf8.DecodeRune(raw[i:])
			p.errorRange(off, off+1+int32(size), "unknown escape sequence '\\"+string(raw[i:i+size])+"'")
			sb.Write(raw[i : i+size])
			i += size - 1
		}
	}
	return sb.String()
}

// hex4 decodes up to four hex digits at the start of b; n is how many there were.
func hex4(b []byte) (r rune, n int) {
	for ; n < 4 && n < len(b); n++ {
		c := b[n]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return r, n
		}
		r = r<<4 | rune(c)
	}
	return r, n
}
