package syntax

//go:generate go run gen_kinds.go

// Kind is the type of a node: one constant per named node type of the three grammars (kinds_gen.go), plus
// Token for kept anonymous tokens and Error for tree-sitter's ERROR nodes.
type Kind uint16

// Field is the role a node plays in its parent (FName, FBody, FArguments, ...), or NoField.
type Field uint8

var kindByName = map[string]Kind{}
var fieldByName = map[string]Field{}

func init() {
	for k, n := range knownKindNames {
		kindByName[n] = Kind(k)
	}
	for f, n := range knownFieldNames {
		fieldByName[n] = Field(f)
	}
}

// internKind returns the Kind for a grammar symbol. Named symbols unknown to kinds_gen.go (a newer grammar)
// become Invalid, which TestKindsCoverGrammars reports.
func internKind(name string, named bool) Kind {
	if name == "ERROR" {
		return Error
	}
	if !named {
		return Token
	}
	return kindByName[name]
}

func internField(name string) Field { return fieldByName[name] }

// String returns the grammar's name for the kind ("call_expression").
func (k Kind) String() string {
	if int(k) < len(knownKindNames) {
		return knownKindNames[k]
	}
	return "<unknown>"
}

// String returns the grammar's name for the field ("arguments"), or "".
func (f Field) String() string {
	if int(f) < len(knownFieldNames) {
		return knownFieldNames[f]
	}
	return "<unknown>"
}

// collapsed kinds are kept as a single node without their children: type-level syntax, which no analysis
// reads and which is a large share of TypeScript trees. Their text stays available through the source.
var collapsed = map[Kind]bool{
	TypeAnnotation:          true,
	TypeArguments:           true,
	TypeParameters:          true,
	InterfaceBody:           true,
	AmbientDeclaration:      true,
	AbstractMethodSignature: true,
	FunctionSignature:       true,
	IndexSignature:          true,
	PropertySignature:       true,
	MethodSignature:         true,
	CallSignature:           true,
	ConstructSignature:      true,
	OptingTypeAnnotation:    true,
	OmittingTypeAnnotation:  true,
	AddingTypeAnnotation:    true,
	AssertsAnnotation:       true,
	TypePredicateAnnotation: true,
	PredefinedType:          true,
	TypeIdentifier:          true,
	NestedTypeIdentifier:    true,
	GenericType:             true,
	ObjectType:              true,
	UnionType:               true,
	IntersectionType:        true,
	FunctionType:            true,
	ConstructorType:         true,
	ArrayType:               true,
	TupleType:               true,
	LiteralType:             true,
	LookupType:              true,
	IndexTypeQuery:          true,
	TypeQuery:               true,
	ConditionalType:         true,
	ParenthesizedType:       true,
	ReadonlyType:            true,
	TemplateLiteralType:     true,
	InferType:               true,
	ThisType:                true,
	ExistentialType:         true,
	FlowMaybeType:           true,
	OptionalType:            true,
	RestType:                true,
	TypePredicate:           true,
	ImplementsClause:        true,
	ExtendsTypeClause:       true,
	AccessibilityModifier:   true,
	OverrideModifier:        true,
	Regex:                   true,
	HtmlCharacterReference:  true,
	GlimmerTemplate:         true,
	EnumBody:                true,
	HashBangLine:            true,
	EscapeSequence:          true,
	StringFragment:          true,
	RegexPattern:            true,
	RegexFlags:              true,
	JsxText:                 true,
	Asserts:                 true,
	TypeParameter:           true,
	Constraint:              true,
	DefaultType:             true,
	MappedTypeClause:        true,
	EnumAssignment:          true,
}
