package prismaschema

import (
	"sort"
	"strconv"
)

// Model is a model, a view or a composite type: a block with fields.
type Model struct {
	// Kind is ModelBlock, ViewBlock or TypeBlock.
	Kind BlockKind
	Name string
	// DBName is the @@map name, or Name: the table (or collection) name.
	DBName string
	// Schema is the @@schema name (multiSchema), or "".
	Schema string
	Doc    string
	// Ignored is set by @@ignore.
	Ignored bool
	Fields  []*Field
	// Indexes are the primary key, unique constraints and indexes from @id, @unique, @@id, @@unique,
	// @@index and @@fulltext, in source order.
	Indexes []*Index
	// Path is the file the model is declared in; Block is its syntax.
	Path  string
	Block *Block
}

// NameRange returns the range of the model's name in Path.
func (m *Model) NameRange() Range { return m.Block.Name.Range }

// Range returns the range of the whole block in Path.
func (m *Model) Range() Range { return m.Block.Range }

// FieldKind tells what a field's type resolved to.
type FieldKind uint8

// The field kinds.
const (
	UnknownField     FieldKind = iota // the type is missing or declared nowhere in the schema
	ScalarField                       // String, Boolean, Int, BigInt, Float, Decimal, DateTime, Json, Bytes
	EnumField                         // an enum of the schema
	CompositeField                    // a composite type of the schema
	RelationField                     // a model or view of the schema; Field.Relation is set
	UnsupportedField                  // Unsupported("…")
)

var fieldKindNames = [...]string{UnknownField: "unknown", ScalarField: "scalar", EnumField: "enum",
	CompositeField: "composite", RelationField: "relation", UnsupportedField: "unsupported"}

// String returns "unknown", "scalar", "enum", "composite", "relation" or "unsupported".
func (k FieldKind) String() string {
	if int(k) >= len(fieldKindNames) {
		return "invalid"
	}
	return fieldKindNames[k]
}

var scalarTypes = map[string]bool{"String": true, "Boolean": true, "Int": true, "BigInt": true, "Float": true,
	"Decimal": true, "DateTime": true, "Json": true, "Bytes": true}

// Field is a field of a model, view or composite type.
type Field struct {
	// Model is the block the field belongs to.
	Model *Model
	Name  string
	// Type is the type name as written: "String", "Post", "Unsupported"; "" when missing.
	Type string
	Kind FieldKind
	// Optional and List reflect the `?` and `[]` suffixes.
	Optional, List bool
	// DBName is the @map name, or Name: the column name.
	DBName string
	Doc    string
	// ID, Unique, UpdatedAt and Ignored are set by @id, @unique, @updatedAt and @ignore.
	ID, Unique, UpdatedAt, Ignored bool
	// Default is the value of @default, or nil.
	Default *Value
	// Attributes are the field attributes in source order.
	Attributes []*Attribute
	// Relation is set when Kind is RelationField.
	Relation *Relation
	// Decl is the field's syntax.
	Decl *FieldDecl
}

// NameRange returns the range of the field's name in Model.Path.
func (f *Field) NameRange() Range { return f.Decl.Name.Range }

// Range returns the range of the field declaration (name, type and attributes) in Model.Path.
func (f *Field) Range() Range { return f.Decl.Range }

// Attribute returns the field's first attribute called name ("default", "db.VarChar"), or nil.
func (f *Field) Attribute(name string) *Attribute {
	for _, a := range f.Attributes {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Field returns the field called name, or nil.
func (m *Model) Field(name string) *Field {
	for _, f := range m.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Attribute returns the model's first block attribute called name ("index", "map"), or nil.
func (m *Model) Attribute(name string) *Attribute {
	for _, a := range m.Block.Attributes {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// ClientName returns the name under which Prisma Client exposes the model (prisma.blogPost for BlogPost):
// the name with its first letter in lower case.
func (m *Model) ClientName() string { return lowerFirst(m.Name) }

// Relations returns the relations of the model's relation fields, in field order.
func (m *Model) Relations() []*Relation {
	var rs []*Relation
	for _, f := range m.Fields {
		if f.Relation != nil {
			rs = append(rs, f.Relation)
		}
	}
	return rs
}

// IndexKind tells what an Index is.
type IndexKind uint8

// The index kinds.
const (
	IDIndex       IndexKind = iota + 1 // primary key: @id, @@id
	UniqueIndex                        // unique constraint: @unique, @@unique
	NormalIndex                        // @@index
	FulltextIndex                      // @@fulltext (MySQL, MongoDB)
)

var indexKindNames = [...]string{IDIndex: "id", UniqueIndex: "unique", NormalIndex: "index", FulltextIndex: "fulltext"}

// String returns the attribute name of the kind: "id", "unique", "index" or "fulltext".
func (k IndexKind) String() string {
	if k == 0 || int(k) >= len(indexKindNames) {
		return "invalid"
	}
	return indexKindNames[k]
}

// Index is a primary key, unique constraint or index of a model, from a field attribute (@id, @unique:
// one column, FieldLevel set) or a block attribute (@@id, @@unique, @@index, @@fulltext).
type Index struct {
	Kind IndexKind
	// Fields are the columns in order, by field name (not @map name).
	Fields []IndexField
	// Name is the name argument (for @@id and @@unique, the name of the compound key in Prisma Client;
	// for @@index, the legacy database name); Map is the map argument (the database name).
	Name, Map string
	// Type is the index type argument of @@index ("BTree", "Hash", "Gist", "Gin", "SpGist", "Brin"), or "".
	Type string
	// FieldLevel is set for @id and @unique.
	FieldLevel bool
	// Attribute is the attribute that declares the index; Range is its range (in Model.Path).
	Attribute *Attribute
	Range     Range
}

// IndexField is one column of an Index.
type IndexField struct {
	// Name is the field name (a dotted path for a composite type field on MongoDB).
	Name string
	// Sort is "Asc", "Desc" or "" (unspecified); Length is the length argument (MySQL prefix index) or 0.
	Sort   string
	Length int
	Range  Range
}

// IndexesWithLeadingColumns returns the indexes, primary keys and unique constraints whose first
// len(fields) columns are exactly the given fields, in any order among them (full-text indexes excluded:
// they serve no equality lookups). Names are field names, not @map names; duplicates in fields count once.
// It returns nil for no fields.
//
// A foreign key (fields a, b) is served by an index on (a, b), (b, a) or (a, b, c), not by one on (a) or
// (c, a, b); a where-key a is served by an index on (a) or (a, b).
func (m *Model) IndexesWithLeadingColumns(fields []string) []*Index {
	want := make([]string, 0, len(fields))
	for _, f := range fields {
		if !contains(want, f) {
			want = append(want, f)
		}
	}
	if len(want) == 0 {
		return nil
	}
	var out []*Index
	for _, idx := range m.Indexes {
		if idx.Kind == FulltextIndex || len(idx.Fields) < len(want) {
			continue
		}
		var seen []string
		ok := true
		for _, c := range idx.Fields[:len(want)] {
			if !contains(want, c.Name) || contains(seen, c.Name) {
				ok = false
				break
			}
			seen = append(seen, c.Name)
		}
		if ok {
			out = append(out, idx)
		}
	}
	return out
}

// HasIndexWithLeadingColumns reports whether IndexesWithLeadingColumns(fields) is not empty: whether
// some @id, @@id, @unique, @@unique or @@index starts with exactly these fields, in any order among them.
// This is what rule prisma/missing-fk-index asks of a relation's fields.
func (m *Model) HasIndexWithLeadingColumns(fields []string) bool {
	return len(m.IndexesWithLeadingColumns(fields)) > 0
}

// IsLeadingColumn reports whether field is the first column of some @id, @@id, @unique, @@unique or
// @@index (full-text indexes excluded). This is what rule prisma/unindexed-query-filter asks of a where-key.
func (m *Model) IsLeadingColumn(field string) bool {
	return m.HasIndexWithLeadingColumns([]string{field})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func newModel(path string, b *Block) *Model {
	m := &Model{Kind: b.Kind, Name: b.Name.Name, DBName: b.Name.Name, Doc: b.Doc, Path: path, Block: b,
		Fields: make([]*Field, len(b.Fields))}
	slab := make([]Field, len(b.Fields))
	for i, fd := range b.Fields {
		f := &slab[i]
		*f = Field{Model: m, Name: fd.Name.Name, DBName: fd.Name.Name, Doc: fd.Doc, Attributes: fd.Attributes, Decl: fd}
		if t := fd.Type; t != nil {
			f.Type, f.Optional, f.List = t.Name, t.Optional, t.List
		}
		for _, a := range fd.Attributes {
			switch a.Name {
			case "id", "unique":
				kind := IDIndex
				if a.Name == "unique" {
					f.Unique, kind = true, UniqueIndex
				} else {
					f.ID = true
				}
				m.Indexes = append(m.Indexes, &Index{Kind: kind, FieldLevel: true, Attribute: a, Range: a.Range,
					Map: stringValue(a.Named("map")), Fields: []IndexField{{Name: f.Name,
						Sort: identText(a.Named("sort")), Length: intValue(a.Named("length")), Range: fd.Name.Range}}})
			case "map":
				f.DBName = orDefault(stringValue(a.namedOrFirst("name")), f.DBName)
			case "default":
				f.Default = a.namedOrFirst("value")
			case "updatedAt":
				f.UpdatedAt = true
			case "ignore":
				f.Ignored = true
			}
		}
		m.Fields[i] = f
	}
	for _, a := range b.Attributes {
		var kind IndexKind
		switch a.Name {
		case "map":
			m.DBName = orDefault(stringValue(a.namedOrFirst("name")), m.DBName)
		case "schema":
			m.Schema = stringValue(a.Positional(0))
		case "ignore":
			m.Ignored = true
		case "id":
			kind = IDIndex
		case "unique":
			kind = UniqueIndex
		case "index":
			kind = NormalIndex
		case "fulltext":
			kind = FulltextIndex
		}
		if kind == 0 {
			continue
		}
		idx := &Index{Kind: kind, Attribute: a, Range: a.Range, Map: stringValue(a.Named("map")),
			Name: stringValue(a.Named("name")), Type: identText(a.Named("type"))}
		if cols := a.namedOrFirst("fields"); cols != nil {
			elems := cols.Elems
			if cols.Kind != ArrayValue {
				elems = []*Value{cols}
			}
			for _, e := range elems {
				if e.Kind == IdentValue || e.Kind == CallValue {
					idx.Fields = append(idx.Fields, IndexField{Name: e.Text, Sort: identText(e.Named("sort")),
						Length: intValue(e.Named("length")), Range: e.Range})
				}
			}
		}
		m.Indexes = append(m.Indexes, idx)
	}
	// Field attributes come first above; restore source order when block attributes precede fields.
	sort.SliceStable(m.Indexes, func(i, j int) bool {
		return m.Indexes[i].Range.Start.Offset < m.Indexes[j].Range.Start.Offset
	})
	return m
}

// identText returns the text of an identifier value, or "".
func identText(v *Value) string {
	if v == nil || v.Kind != IdentValue {
		return ""
	}
	return v.Text
}

// intValue returns the value of an integer number, or 0.
func intValue(v *Value) int {
	if v == nil || v.Kind != NumberValue {
		return 0
	}
	n, _ := strconv.Atoi(v.Text)
	return n
}

// resolve sets the kind of a field and, for a relation field, its Relation.
func (s *Schema) resolve(f *Field) {
	switch {
	case f.Decl.Type != nil && f.Decl.Type.Unsupported:
		f.Kind = UnsupportedField
	case scalarTypes[f.Type]:
		f.Kind = ScalarField
	case s.enums[f.Type] != nil:
		f.Kind = EnumField
	case s.types[f.Type] != nil:
		f.Kind = CompositeField
	case s.models[f.Type] != nil:
		f.Kind = RelationField
		f.Relation = newRelation(f, s.models[f.Type])
	}
}
