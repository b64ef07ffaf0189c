package prismaschema

import "github.com/archlint/archlint/internal/textpos"

// Pos is a place in a schema file. Offset is the byte offset; Line is 1-based; Column is 1-based and counted
// in UTF-16 code units (see package textpos: a UTF-8 BOM counts as one column of line 1).
type Pos struct {
	Offset int
	Line   int
	Column int
}

// Range is a half-open range of source: End is the position just after the last byte.
type Range struct {
	Start, End Pos
}

// Diagnostic is a syntax error found while parsing. Message starts in lower case and has no trailing
// period, e.g. "expected ',' or ')' in argument list".
type Diagnostic struct {
	Range   Range
	Message string
}

// File is one parsed schema file. Its syntax tree keeps what was written, in source order; meaning
// (defaults, aliases, name resolution) is the business of Build.
type File struct {
	// Path is the path the file was parsed under (slash-separated, relative to the scan root).
	Path string
	// Src is the source text; it must not be modified.
	Src []byte
	// Lines maps offsets of Src to lines and columns.
	Lines  *textpos.Index
	Blocks []*Block
	// Comments are all comments ("//…" and "///…") in source order, including those attached as
	// documentation.
	Comments []Comment
	// Diagnostics are the syntax errors, in source order.
	Diagnostics []Diagnostic
}

// Comment is one comment. Text runs from the first slash to the end of the line, without the line
// terminator. Doc is set for documentation comments ("///…").
type Comment struct {
	Text  string
	Doc   bool
	Range Range
}

// BlockKind tells what a top-level block declares.
type BlockKind uint8

// The block kinds, named after their keywords.
const (
	DatasourceBlock BlockKind = iota + 1
	GeneratorBlock
	ModelBlock
	ViewBlock
	TypeBlock // a composite type (MongoDB)
	EnumBlock
)

var blockKeywords = [...]string{DatasourceBlock: "datasource", GeneratorBlock: "generator", ModelBlock: "model",
	ViewBlock: "view", TypeBlock: "type", EnumBlock: "enum"}

// String returns the keyword of the block kind ("model").
func (k BlockKind) String() string {
	if int(k) < len(blockKeywords) && k != 0 {
		return blockKeywords[k]
	}
	return "block"
}

// Block is a top-level declaration: `model User { … }` and the like. Which of Properties (datasource,
// generator), Fields (model, view, type) and Values (enum) is filled depends on Kind; Attributes are the
// block attributes (`@@…`) of models, views and enums.
type Block struct {
	Kind BlockKind
	// Keyword is the range of the keyword ("model").
	Keyword Range
	// Name is empty (with a Diagnostic) when the name is missing.
	Name Ident
	// Doc is the text of the "///" comments right before the block, one line each, joined by "\n".
	Doc        string
	Properties []*Property
	Fields     []*FieldDecl
	Values     []*EnumValueDecl
	Attributes []*Attribute
	// Range runs from the keyword to the closing brace, or to where the parser gave up on the block.
	Range Range
}

// Ident is a name with its range.
type Ident struct {
	Name  string
	Range Range
}

// Property is a `key = value` line of a datasource or generator block.
type Property struct {
	Key   Ident
	Value *Value
	Range Range
}

// FieldDecl is a field line of a model, view or composite type: name, type and field attributes.
type FieldDecl struct {
	Name Ident
	// Type is nil (with a Diagnostic) when the type is missing.
	Type       *TypeRef
	Attributes []*Attribute
	// Doc is the text of the "///" comments right before the field and of a "///" comment after it on the
	// same line, one line each, joined by "\n".
	Doc   string
	Range Range
}

// TypeRef is the type of a field: `String`, `Post[]`, `Profile?`, `Unsupported("circle")`.
type TypeRef struct {
	// Name is the type name; "Unsupported" for Unsupported("…").
	Name string
	// Unsupported is set for Unsupported("…") types; UnsupportedType is then the database type written
	// in the string.
	Unsupported     bool
	UnsupportedType string
	// Optional is set by a `?` suffix, List by `[]` (or the legacy `[Type]`); the legacy optional list
	// `Type[]?` sets both.
	Optional, List bool
	// NameRange covers the name (with the parenthesised argument of Unsupported); Range adds the suffixes.
	NameRange, Range Range
}

// EnumValueDecl is a value line of an enum, `ADMIN @map("admin")`.
type EnumValueDecl struct {
	Name       Ident
	Attributes []*Attribute
	// Doc is documentation as for FieldDecl.
	Doc   string
	Range Range
}

// Attribute is a field attribute (`@id`, `@db.VarChar(255)`) or a block attribute (`@@index([a])`).
type Attribute struct {
	// Block is set for `@@` attributes.
	Block bool
	// Name is the attribute name without the at signs; it may be a path ("db.VarChar").
	Name string
	// Args are the arguments in source order; nil when there are no parentheses.
	Args []*Arg
	// NameRange covers the name (without the at signs); Range covers the whole attribute from the first
	// at sign to the closing parenthesis.
	NameRange, Range Range
}

// Named returns the value of the argument called name, or nil.
func (a *Attribute) Named(name string) *Value {
	for _, arg := range a.Args {
		if arg.Name == name {
			return arg.Value
		}
	}
	return nil
}

// Positional returns the i-th (0-based) argument without a name, or nil.
func (a *Attribute) Positional(i int) *Value {
	for _, arg := range a.Args {
		if arg.Name == "" {
			if i == 0 {
				return arg.Value
			}
			i--
		}
	}
	return nil
}

// namedOrFirst returns the argument called name or else the first positional one: PSL lets the main
// argument of an attribute be written either way (`@@index([a])`, `@@index(fields: [a])`).
func (a *Attribute) namedOrFirst(name string) *Value {
	if v := a.Named(name); v != nil {
		return v
	}
	return a.Positional(0)
}

// Arg is one argument of an attribute or function call: positional (`"x"`) or named (`map: "x"`).
type Arg struct {
	// Name is empty for a positional argument.
	Name      string
	NameRange Range
	// Value is nil for a named argument without a value (`sort:`), which PSL tolerates syntactically.
	Value *Value
	Range Range
}

// ValueKind tells what kind of expression a Value is.
type ValueKind uint8

// The value kinds.
const (
	StringValue ValueKind = iota + 1 // "text"; Text is the decoded string
	NumberValue                      // 42, -3, 1.5; Text is the literal
	BoolValue                        // true, false; Text is the literal
	IdentValue                       // Cascade, db.VarChar; Text is the name or dotted path
	CallValue                        // now(), env("X"), a(sort: Desc); Text is the function name
	ArrayValue                       // [a, b]; Elems are the elements
)

// Value is an expression: the value of a property or an argument, or an element of an array.
type Value struct {
	Kind ValueKind
	Text string
	// Args are the arguments of a CallValue.
	Args []*Arg
	// Elems are the elements of an ArrayValue.
	Elems []*Value
	Range Range
}

// Named returns the value of the call argument called name, or nil.
func (v *Value) Named(name string) *Value {
	for _, arg := range v.Args {
		if arg.Name == name {
			return arg.Value
		}
	}
	return nil
}

// Strings returns the Text of each element of an array (for a call, its function name), skipping nested
// arrays, or the Text of the value itself when it is not an array: PSL accepts a single value where a list
// is expected. It returns nil for a nil Value.
func (v *Value) Strings() []string {
	if v == nil {
		return nil
	}
	if v.Kind != ArrayValue {
		return []string{v.Text}
	}
	out := make([]string, 0, len(v.Elems))
	for _, e := range v.Elems {
		if e.Kind != ArrayValue {
			out = append(out, e.Text)
		}
	}
	return out
}
