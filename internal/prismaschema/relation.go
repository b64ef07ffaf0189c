package prismaschema

// Relation is one side of a relation: a field whose type is a model (or view), with what its @relation
// attribute says.
//
// Prisma pairs the two sides of a relation by the models they connect and the relation name: the sides of
// an unnamed relation are the only fields between the two models with no name, and a self relation's two
// sides are two fields of the same model with the same name. Pairing follows that rule and leaves
// Opposite nil where the schema is ambiguous or one side is missing (both are schema errors).
type Relation struct {
	// Field is the field of this side; Target the model it points to.
	Field  *Field
	Target *Model
	// Name is the relation name (first positional argument or name:), or "".
	Name string
	// Fields and References are the fields: and references: lists; set on the side that holds the
	// foreign key.
	Fields, References []string
	// OnDelete, OnUpdate and Map are the referential actions ("Cascade", "SetNull", …) and the foreign key
	// constraint name, or "".
	OnDelete, OnUpdate, Map string
	// Attribute is the @relation attribute, or nil.
	Attribute *Attribute
	// Opposite is the field on the other side, or nil when none could be paired.
	Opposite *Field
}

// RelationKind is the cardinality of a relation seen from one side.
type RelationKind uint8

// The relation kinds, seen from the side of Relation.Field.
const (
	OneToOne   RelationKind = iota + 1 // neither side is a list
	OneToMany                          // this side is a list, the other is not: User.posts
	ManyToOne                          // this side is not a list, the other is: Post.author
	ManyToMany                         // both sides are lists: an implicit many-to-many relation
)

var relationKindNames = [...]string{OneToOne: "one-to-one", OneToMany: "one-to-many", ManyToOne: "many-to-one",
	ManyToMany: "many-to-many"}

// String returns "one-to-one", "one-to-many", "many-to-one" or "many-to-many".
func (k RelationKind) String() string {
	if k == 0 || int(k) >= len(relationKindNames) {
		return "invalid"
	}
	return relationKindNames[k]
}

// Kind returns the cardinality of the relation seen from this side. Without an opposite side, a list
// field counts as OneToMany and any other as ManyToOne.
func (r *Relation) Kind() RelationKind {
	list := r.Field.List
	if r.Opposite == nil {
		if list {
			return OneToMany
		}
		return ManyToOne
	}
	switch other := r.Opposite.List; {
	case list && other:
		return ManyToMany
	case list:
		return OneToMany
	case other:
		return ManyToOne
	}
	return OneToOne
}

// HoldsForeignKey reports whether this side lists fields:, i.e. the foreign key columns are in
// Field.Model.
func (r *Relation) HoldsForeignKey() bool { return len(r.Fields) > 0 }

func newRelation(f *Field, target *Model) *Relation {
	r := &Relation{Field: f, Target: target, Attribute: f.Attribute("relation")}
	if a := r.Attribute; a != nil {
		r.Name = stringValue(a.namedOrFirst("name"))
		r.Fields = a.Named("fields").Strings()
		r.References = a.Named("references").Strings()
		r.OnDelete = identText(a.Named("onDelete"))
		r.OnUpdate = identText(a.Named("onUpdate"))
		r.Map = stringValue(a.Named("map"))
	}
	return r
}

// pairRelations sets Opposite on both sides of each relation that can be paired unambiguously.
func pairRelations(models []*Model) {
	type key struct {
		a, b *Model // a is the model of the side, b the target
		name string
	}
	sides := map[key][]*Relation{}
	for _, m := range models {
		for _, f := range m.Fields {
			if r := f.Relation; r != nil {
				k := key{m, r.Target, r.Name}
				sides[k] = append(sides[k], r)
			}
		}
	}
	for _, m := range models {
		for _, f := range m.Fields {
			r := f.Relation
			if r == nil || r.Opposite != nil {
				continue
			}
			here := sides[key{m, r.Target, r.Name}]
			if r.Target == m { // self relation: exactly two fields of m with this name
				if len(here) == 2 {
					here[0].Opposite, here[1].Opposite = here[1].Field, here[0].Field
				}
				continue
			}
			if there := sides[key{r.Target, m, r.Name}]; len(here) == 1 && len(there) == 1 {
				r.Opposite, there[0].Opposite = there[0].Field, f
			}
		}
	}
}
