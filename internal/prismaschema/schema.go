package prismaschema

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Schema is the model of one Prisma schema, built from one or more files. Models, enums and composite
// types are listed in the order of their files (sorted by path) and of their blocks within a file. When a
// name is declared twice, lookups return the first declaration; the lists keep both.
type Schema struct {
	// Files are the parsed files, sorted by path.
	Files []*File
	// Datasource is the first datasource block (files in path order), or nil when there is none (Prisma 7
	// moves the connection URL to prisma.config.ts, but the provider stays in the schema).
	Datasource *Datasource
	Generators []*Generator
	// Models are the models and views (Model.Kind tells which).
	Models []*Model
	Enums  []*Enum
	// Types are the composite types (MongoDB `type` blocks), with Kind TypeBlock.
	Types []*Model

	models, dbNames, clientNames, types map[string]*Model
	enums                               map[string]*Enum
}

// Datasource is the datasource block.
type Datasource struct {
	Name string
	// Provider is the provider string, with the alias "postgres" normalised to "postgresql": one of
	// postgresql, mysql, sqlite, sqlserver, cockroachdb, mongodb, or whatever else was written.
	Provider string
	// RelationMode is the relationMode property ("prisma" or "foreignKeys"), or its old name
	// referentialIntegrity, or "" when neither is set.
	RelationMode string
	// URL is the source text of the url property (`env("DATABASE_URL")`), or "".
	URL string
	// URLEnv is the variable name when url is env("NAME"), or "".
	URLEnv string
	// Schemas are the database schemas of the multiSchema `schemas` property.
	Schemas []string
	Path    string
	Block   *Block
}

// EffectiveRelationMode returns RelationMode, or Prisma's default when it is unset: "prisma" for MongoDB
// and "foreignKeys" otherwise. In mode "prisma" no foreign keys exist in the database, so no database
// creates indexes for them implicitly.
func (d *Datasource) EffectiveRelationMode() string {
	switch {
	case d.RelationMode != "":
		return d.RelationMode
	case d.Provider == "mongodb":
		return "prisma"
	}
	return "foreignKeys"
}

// Generator is a generator block.
type Generator struct {
	Name string
	// Provider is the provider string ("prisma-client-js", "prisma-client"), or "" when not a string.
	Provider string
	// Output is the output string, or "".
	Output          string
	PreviewFeatures []string
	Path            string
	Block           *Block
}

// Enum is an enum block.
type Enum struct {
	Name string
	// DBName is the @@map name, or Name.
	DBName string
	// Schema is the @@schema name, or "".
	Schema string
	Doc    string
	Values []*EnumValue
	Path   string
	Block  *Block
}

// EnumValue is one value of an enum.
type EnumValue struct {
	Name string
	// DBName is the @map name, or Name.
	DBName string
	Doc    string
	Decl   *EnumValueDecl
}

// Load reads and parses the schema files at paths in fsys and builds their Schema. It fails only when a
// file cannot be read; syntax errors are in the files' Diagnostics.
func Load(fsys fs.FS, paths ...string) (*Schema, error) {
	files := make([]*File, 0, len(paths))
	for _, path := range paths {
		src, err := fs.ReadFile(fsys, path)
		if err != nil {
			return nil, fmt.Errorf("prisma schema: %w", err)
		}
		files = append(files, Parse(path, src))
	}
	return Build(files...), nil
}

// Build combines the parsed files of one schema into a Schema: it sorts the files by path, collects the
// declarations, resolves field types across files, pairs relation fields and collects indexes. The files
// are not modified; the Schema refers to their syntax trees.
func Build(files ...*File) *Schema {
	s := &Schema{
		Files:       append([]*File(nil), files...),
		models:      map[string]*Model{},
		dbNames:     map[string]*Model{},
		clientNames: map[string]*Model{},
		types:       map[string]*Model{},
		enums:       map[string]*Enum{},
	}
	sort.SliceStable(s.Files, func(i, j int) bool { return s.Files[i].Path < s.Files[j].Path })
	for _, f := range s.Files {
		for _, b := range f.Blocks {
			switch b.Kind {
			case DatasourceBlock:
				if s.Datasource == nil {
					s.Datasource = newDatasource(f, b)
				}
			case GeneratorBlock:
				s.Generators = append(s.Generators, newGenerator(f.Path, b))
			case ModelBlock, ViewBlock:
				m := newModel(f.Path, b)
				s.Models = append(s.Models, m)
				addOnce(s.models, m.Name, m)
				addOnce(s.dbNames, m.DBName, m)
				addOnce(s.clientNames, m.ClientName(), m)
			case TypeBlock:
				m := newModel(f.Path, b)
				s.Types = append(s.Types, m)
				addOnce(s.types, m.Name, m)
			case EnumBlock:
				e := newEnum(f.Path, b)
				s.Enums = append(s.Enums, e)
				addOnce(s.enums, e.Name, e)
			}
		}
	}
	for _, list := range [][]*Model{s.Models, s.Types} {
		for _, m := range list {
			for _, fd := range m.Fields {
				s.resolve(fd)
			}
		}
	}
	pairRelations(s.Models)
	return s
}

func addOnce[T any](m map[string]T, key string, v T) {
	if _, ok := m[key]; !ok && key != "" {
		m[key] = v
	}
}

// Model returns the model or view called name, or nil.
func (s *Schema) Model(name string) *Model { return s.models[name] }

// ModelByDBName returns the model or view whose database name (its @@map name, or else its name) is name,
// or nil. Names compare exactly; @@schema is not considered.
func (s *Schema) ModelByDBName(name string) *Model { return s.dbNames[name] }

// ModelByClientName returns the model or view that Prisma Client exposes as prisma.<name>, or nil: the
// accessor is the model name with its first letter in lower case (BlogPost → blogPost, URLMap → uRLMap).
func (s *Schema) ModelByClientName(name string) *Model { return s.clientNames[name] }

// Enum returns the enum called name, or nil.
func (s *Schema) Enum(name string) *Enum { return s.enums[name] }

// Type returns the composite type called name, or nil.
func (s *Schema) Type(name string) *Model { return s.types[name] }

// Provider returns the datasource provider (see Datasource.Provider), or "" without a datasource.
func (s *Schema) Provider() string {
	if s.Datasource == nil {
		return ""
	}
	return s.Datasource.Provider
}

// HasPreviewFeature reports whether some generator lists the preview feature name (compared without
// regard to case, as Prisma does).
func (s *Schema) HasPreviewFeature(name string) bool {
	for _, g := range s.Generators {
		for _, f := range g.PreviewFeatures {
			if strings.EqualFold(f, name) {
				return true
			}
		}
	}
	return false
}

// lowerFirst returns s with its first letter in lower case, as Prisma Client names model accessors.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || unicode.IsLower(r) || !unicode.IsLetter(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

func newDatasource(f *File, b *Block) *Datasource {
	d := &Datasource{Name: b.Name.Name, Path: f.Path, Block: b}
	for _, prop := range b.Properties {
		v := prop.Value
		switch prop.Key.Name {
		case "provider":
			d.Provider = stringValue(v)
			if d.Provider == "postgres" {
				d.Provider = "postgresql"
			}
		case "relationMode":
			d.RelationMode = stringValue(v)
		case "referentialIntegrity":
			if d.RelationMode == "" {
				d.RelationMode = stringValue(v)
			}
		case "url":
			d.URL = string(f.Src[v.Range.Start.Offset:v.Range.End.Offset])
			if v.Kind == CallValue && v.Text == "env" && len(v.Args) > 0 {
				d.URLEnv = stringValue(v.Args[0].Value)
			}
		case "schemas":
			d.Schemas = v.Strings()
		}
	}
	return d
}

func newGenerator(path string, b *Block) *Generator {
	g := &Generator{Name: b.Name.Name, Path: path, Block: b}
	for _, prop := range b.Properties {
		switch prop.Key.Name {
		case "provider":
			g.Provider = stringValue(prop.Value)
		case "output":
			g.Output = stringValue(prop.Value)
		case "previewFeatures":
			g.PreviewFeatures = prop.Value.Strings()
		}
	}
	return g
}

func newEnum(path string, b *Block) *Enum {
	e := &Enum{Name: b.Name.Name, DBName: b.Name.Name, Doc: b.Doc, Path: path, Block: b}
	for _, a := range b.Attributes {
		switch a.Name {
		case "map":
			e.DBName = orDefault(stringValue(a.namedOrFirst("name")), e.DBName)
		case "schema":
			e.Schema = stringValue(a.Positional(0))
		}
	}
	for _, vd := range b.Values {
		v := &EnumValue{Name: vd.Name.Name, DBName: vd.Name.Name, Doc: vd.Doc, Decl: vd}
		for _, a := range vd.Attributes {
			if a.Name == "map" {
				v.DBName = orDefault(stringValue(a.namedOrFirst("name")), v.DBName)
			}
		}
		e.Values = append(e.Values, v)
	}
	return e
}

// stringValue returns the text of a string value, or "" for anything else (including nil).
func stringValue(v *Value) string {
	if v == nil || v.Kind != StringValue {
		return ""
	}
	return v.Text
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
