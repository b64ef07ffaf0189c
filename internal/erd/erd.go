// Package erd renders a Prisma schema as an entity-relationship diagram in Mermaid's erDiagram syntax, for
// `archlint map --erd`.
//
// The diagram shows each model (views and composite types are left out) with its key columns only —
// primary key (PK), foreign key (FK) and single-column unique (UK) fields, with their Prisma type names —
// and one line per relation with its cardinality:
//
//	User ||--o{ Post : "author"      required foreign key Post.authorId, many posts per user
//	User |o--o{ Post : "editor"      optional foreign key
//	User ||--o| Profile : "user"     one-to-one: the foreign key is unique
//	Post }o--o{ Tag : "tags"         implicit many-to-many
//
// The referenced model is on the left, the model holding the foreign key on the right, and the label is
// the relation field that holds it. Output is deterministic: models in schema order (files by path, blocks
// in source order), relations in the order of the fields that declare them.
//
// Mermaid's quirks: its lexer is case-insensitive and reserves words an entity may be named after (Class,
// Style, End, One, Many, …), so such names — and any name that is not a plain identifier — are written in
// double quotes. Attribute names have no quoting at all and PK/FK/UK are keywords even as names, so an
// attribute name Mermaid cannot take is rewritten (invalid characters become "_", a leading digit or a
// keyword gets a "_" prefix) and the original name is kept in the attribute's comment.
//
// The package only renders; it never reads files.
package erd

import (
	"regexp"
	"strings"

	psl "github.com/archlint/archlint/internal/prismaschema"
)

// Mermaid returns the erDiagram of the schema's models, ending in a newline.
func Mermaid(s *psl.Schema) string {
	var b strings.Builder
	b.WriteString("erDiagram\n")
	if s == nil {
		return b.String()
	}
	var models []*psl.Model
	order := map[*psl.Model]int{}
	for _, m := range s.Models {
		if m.Kind == psl.ModelBlock && m.Name != "" { // a block without a name is a syntax error
			order[m] = len(models)
			models = append(models, m)
		}
	}
	for _, m := range models {
		writeEntity(&b, m)
	}
	for _, m := range models {
		for fi, f := range m.Fields {
			r := f.Relation
			if r == nil {
				continue
			}
			if _, ok := order[r.Target]; !ok {
				continue
			}
			opp := r.Opposite
			switch {
			case opp != nil && r.Kind() == psl.ManyToMany:
				// Emit once, from the side that comes first.
				oi := order[opp.Model]
				if oi < order[m] || oi == order[m] && fieldIndex(opp) < fi {
					continue
				}
				writeRelation(&b, m, "}o", "o{", r.Target, f.Name)
			case r.HoldsForeignKey():
				left := "||"
				if f.Optional {
					left = "|o"
				}
				right := "o{"
				if opp != nil && !opp.List {
					right = "o|"
				}
				writeRelation(&b, r.Target, left, right, m, f.Name)
			}
		}
	}
	return b.String()
}

func fieldIndex(f *psl.Field) int {
	for i, g := range f.Model.Fields {
		if g == f {
			return i
		}
	}
	return -1
}

// writeEntity writes a model with its key columns.
func writeEntity(b *strings.Builder, m *psl.Model) {
	pk := map[string]bool{}
	uk := map[string]bool{}
	for _, idx := range m.Indexes {
		switch {
		case idx.Kind == psl.IDIndex:
			for _, c := range idx.Fields {
				pk[c.Name] = true
			}
		case idx.Kind == psl.UniqueIndex && len(idx.Fields) == 1:
			uk[idx.Fields[0].Name] = true
		}
	}
	fk := map[string]bool{}
	for _, f := range m.Fields {
		if f.Relation != nil {
			for _, name := range f.Relation.Fields {
				fk[name] = true
			}
		}
	}
	b.WriteString("    " + entityName(m.Name) + " {\n")
	for _, f := range m.Fields {
		if f.Relation != nil || !pk[f.Name] && !fk[f.Name] && !uk[f.Name] {
			continue
		}
		var keys []string
		if pk[f.Name] {
			keys = append(keys, "PK")
		}
		if fk[f.Name] {
			keys = append(keys, "FK")
		}
		if uk[f.Name] && !pk[f.Name] {
			keys = append(keys, "UK")
		}
		name, renamed := attributeName(f.Name)
		b.WriteString("        " + typeName(f) + " " + name + " " + strings.Join(keys, ", "))
		if renamed {
			b.WriteString(` "` + f.Name + `"`)
		}
		b.WriteString("\n")
	}
	b.WriteString("    }\n")
}

func writeRelation(b *strings.Builder, left *psl.Model, lcard, rcard string, right *psl.Model, label string) {
	b.WriteString("    " + entityName(left.Name) + " " + lcard + "--" + rcard + " " + entityName(right.Name) +
		` : "` + strings.NewReplacer(`"`, "'", "%", "", `\`, "").Replace(label) + `"` + "\n")
}

var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reserved are words Mermaid's erDiagram lexer (case-insensitive) takes as keywords where an entity name
// may stand.
var reserved = map[string]bool{
	"erdiagram": true, "style": true, "classdef": true, "class": true, "subgraph": true, "end": true,
	"one": true, "many": true, "only": true, "zero": true, "or": true, "to": true, "optionally": true,
	"u": true, "direction": true, "title": true, "acctitle": true, "accdescr": true,
}

// entityName returns a model name as Mermaid takes it: bare when it is a plain identifier that is not a
// keyword, else in double quotes.
func entityName(name string) string {
	if plainName.MatchString(name) && !reserved[strings.ToLower(name)] {
		return name
	}
	return `"` + strings.NewReplacer(`"`, "'", "%", "_", `\`, "_").Replace(name) + `"`
}

// attributeName returns a field name Mermaid can take as an attribute name, and whether it had to be
// rewritten.
func attributeName(name string) (string, bool) {
	lower := strings.ToLower(name)
	if plainName.MatchString(name) && lower != "pk" && lower != "fk" && lower != "uk" {
		return name, false
	}
	var b strings.Builder
	for i, r := range name {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9':
			b.WriteRune(r)
		case i == 0 && r >= '0' && r <= '9':
			b.WriteString("_")
			b.WriteRune(r)
		default:
			b.WriteString("_")
		}
	}
	out := b.String()
	if l := strings.ToLower(out); l == "pk" || l == "fk" || l == "uk" || out == "" {
		out = "_" + out
	}
	return out, true
}

// typeName returns the field's type as a Mermaid attribute type: the Prisma type name, "[]" for lists,
// "Unsupported" for Unsupported("…").
func typeName(f *psl.Field) string {
	t := f.Type
	if f.Kind == psl.UnsupportedField || t == "" {
		t = "Unsupported"
	}
	t, _ = attributeName(t)
	if f.List {
		t += "[]"
	}
	return t
}
