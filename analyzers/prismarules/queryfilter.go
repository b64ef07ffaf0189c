package prismarules

// prisma/unindexed-query-filter.
//
// The rule reads Prisma Client calls `<client>.<model>.<method>({ where, orderBy, … })` whose method reads
// or writes many rows (findMany, findFirst, findFirstOrThrow, count, aggregate, groupBy, updateMany,
// updateManyAndReturn, deleteMany), whose model the schema knows (by its client name: prisma.blogPost is
// BlogPost, @@map or not) and whose client is plausibly Prisma (client.go). Only literal objects are read:
// a `where` held in a variable, a spread (`...filters`) or a computed key makes the call unknown and it is
// skipped. Within a literal `where`:
//
//   - a plain key naming a scalar or enum field of the model is a filter column when its condition can use
//     a B-tree index: a value (`status: "open"`, `userId`, `deletedAt: null`) or an operator object with
//     equals, in, lt, lte, gt, gte or startsWith. Conditions that no ordinary index serves (contains,
//     endsWith, search, not, notIn, list and Json filters) neither count nor cover;
//   - AND (an object or an array of objects) is read as if its keys were written at the top level;
//   - OR covers the query when every branch does; NOT never does;
//   - a filter through a to-one relation that holds the foreign key covers the query when an index starts
//     with that key (`author: { email }` is `authorId IN (…)`); `every` and `none` on a list relation
//     never cover; `some` on a list relation, and a filter through the side of a one-to-one relation that
//     does not hold the key, make the call unknown: the database may start from the related table;
//   - a key the model does not have makes the call unknown (the model resolution is probably wrong).
//
// The query is covered when some filter column, or a covering part, is the leading column of an index
// (@id, @@id, @unique, @@unique, @@index of any type but fulltext; on MySQL with the default relationMode
// also the first column of every foreign key, which InnoDB indexes), or when the first orderBy column leads
// a B-tree index (an index scan in order then finds the rows). A query without any filter (no `where`, or
// `where: {}`) is reported when its first orderBy column leads no B-tree index: the database reads and
// sorts the whole table. Each call is reported at most once, at its `where` (or `orderBy`) key, with the
// model in the schema as a related location.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/prismaschema"
	"github.com/archlint/archlint/internal/jsmodel"
	psl "github.com/archlint/archlint/internal/prismaschema"
	"github.com/archlint/archlint/internal/syntax"
	"github.com/archlint/archlint/rules"
)

// queryMethods are the Prisma Client model methods that may touch many rows; true when they take orderBy.
var queryMethods = map[string]bool{
	"findMany": true, "findFirst": true, "findFirstOrThrow": true,
	"count": false, "aggregate": false, "groupBy": false,
	"updateMany": false, "updateManyAndReturn": false, "deleteMany": false,
}

// indexableOps are the filter operators a B-tree index can serve.
var indexableOps = set("equals", "in", "lt", "lte", "gt", "gte", "startsWith")

// otherOps are the filter operators that no ordinary index serves; a condition made only of these (and
// mode) neither needs nor provides an index.
var otherOps = set("not", "notIn", "contains", "endsWith", "search", "mode", "has", "hasEvery", "hasSome",
	"isEmpty", "isSet", "path", "string_contains", "string_starts_with", "string_ends_with", "array_contains",
	"array_starts_with", "array_ends_with")

func checkQueries(pass *analyzers.Pass, res *prismaschema.Result) {
	p := pass.Project
	cs := newClients(p)
	for _, path := range p.Paths() {
		f := p.Files[path]
		sets := res.For(path)
		for i := range f.Calls {
			c := &f.Calls[i]
			if c.New || c.Tagged || c.Callee == "" {
				continue
			}
			parts := splitChain(c.Callee)
			if len(parts) < 3 {
				continue
			}
			method, accessor := parts[len(parts)-1], parts[len(parts)-2]
			takesOrder, ok := queryMethods[method]
			if !ok || strings.Contains(accessor, "(") {
				continue
			}
			m := modelFor(sets, accessor)
			if m == nil || !cs.isClient(f, c.Node, parts[:len(parts)-2]) {
				continue
			}
			checkCall(pass, f, c, m, takesOrder)
		}
	}
}

// modelFor returns the model that the client accessor names in the first schema that has it, or nil.
// Views and @@ignore'd models are not queried through indexes of their own.
func modelFor(sets []*prismaschema.Set, accessor string) *indexView {
	for _, s := range sets {
		if m := s.Schema.ModelByClientName(accessor); m != nil {
			if m.Kind != psl.ModelBlock || m.Ignored {
				return nil
			}
			ds := s.Schema.Datasource
			return &indexView{Model: m, fkIndexed: ds != nil && ds.Provider == "mysql" && ds.EffectiveRelationMode() == "foreignKeys"}
		}
	}
	return nil
}

// indexView is a model with the indexes the database has: those the schema declares and, on MySQL with
// foreign keys, the B-tree index InnoDB creates on the columns of every foreign key.
type indexView struct {
	*psl.Model
	fkIndexed bool
}

// leads reports whether field is the leading column of an index (full-text excluded).
func (x *indexView) leads(field string) bool {
	return x.IsLeadingColumn(field) || x.leadsFK(field)
}

// leadsBTree reports whether field leads an index that can return rows in order: a primary key, unique
// constraint or index of type BTree (the default), or InnoDB's foreign key index.
func (x *indexView) leadsBTree(field string) bool {
	for _, idx := range x.IndexesWithLeadingColumns([]string{field}) {
		if idx.Type == "" || idx.Type == "BTree" {
			return true
		}
	}
	return x.leadsFK(field)
}

// leadsFK reports whether field leads a foreign key that InnoDB indexes.
func (x *indexView) leadsFK(field string) bool {
	if !x.fkIndexed {
		return false
	}
	for _, f := range x.Fields {
		if r := f.Relation; r != nil && r.HoldsForeignKey() && r.Fields[0] == field {
			return true
		}
	}
	return false
}

// filter is what a literal where object says about index use.
type filter struct {
	// cols are the filter columns that an index could serve, in source order, with their key nodes.
	cols []column
	// covered is set when some part of the filter is served by an index.
	covered bool
	// other is set when the filter has parts that are not filter columns (OR, NOT, relation filters,
	// conditions no index serves).
	other bool
	// opaque is set when the filter cannot be read (spread, computed key, variable, unknown key).
	opaque bool
}

type column struct {
	name string
	node syntax.NodeID
}

func checkCall(pass *analyzers.Pass, f *jsmodel.File, c *jsmodel.Call, m *indexView, takesOrder bool) {
	t := f.Tree
	args := f.ArgList(c)
	if len(args) == 0 {
		return
	}
	obj := t.Unparen(args[0])
	if t.Kind(obj) != syntax.Object {
		return
	}
	var where, whereKey, orderBy, orderKey syntax.NodeID = syntax.None, syntax.None, syntax.None, syntax.None
	for ch := t.FirstNamedChild(obj); ch != syntax.None; ch = t.NextSibling(ch) {
		switch t.Kind(ch) {
		case syntax.Pair:
			k := t.ChildByField(ch, syntax.FKey)
			switch keyName(t, k) {
			case "where":
				where, whereKey = t.Unparen(t.ChildByField(ch, syntax.FValue)), k
			case "orderBy":
				orderBy, orderKey = t.Unparen(t.ChildByField(ch, syntax.FValue)), k
			}
		case syntax.ShorthandPropertyIdentifier:
			if t.TextIs(ch, "where") || t.TextIs(ch, "orderBy") {
				return // a variable: unknown
			}
		case syntax.SpreadElement:
			return // may hold where or orderBy
		}
	}
	if !takesOrder {
		orderBy = syntax.None
	}
	first, firstOK := firstOrderColumn(t, m, orderBy)
	if orderBy != syntax.None && !firstOK {
		return // an orderBy archlint cannot read may be what serves the query
	}
	var w filter
	if where != syntax.None {
		if t.Kind(where) != syntax.Object {
			return
		}
		w = readFilter(t, m, where, 0)
		if w.opaque {
			return
		}
	}
	if w.coveredBy(m) || (first != "" && m.leadsBTree(first)) {
		return
	}
	var msg, key string
	var at syntax.NodeID
	switch {
	case len(w.cols) > 0:
		names := make([]string, len(w.cols))
		for i, col := range w.cols {
			names[i] = col.name
		}
		names = dedupe(names)
		at = whereKey
		msg = fmt.Sprintf("%s filters %s on %s, but no index of %s starts with %s, so the database reads every row to find the matches; consider @@index([%s]).",
			c.Callee, m.Name, fieldList(names), m.Name, anyOf(names), names[0])
		key = strings.Join(sorted(names), ",")
	case !w.other && first != "":
		at = orderKey
		msg = fmt.Sprintf("%s sorts all of %s by %s, but no index of %s starts with %s, so the database reads and sorts every row; consider @@index([%s]).",
			c.Callee, m.Name, first, m.Name, first, first)
		key = "orderBy:" + first
	default:
		return
	}
	d := analyzers.NodeDiagnostic(rules.UnindexedQueryFilter, f, at, msg)
	nr := m.NameRange()
	d.Related = []analyzers.Related{{Path: m.Path, Start: nr.Start.Offset, End: nr.End.Offset,
		Message: fmt.Sprintf("model %s and its indexes", m.Name)}}
	fn := "<module>"
	if c.Func != jsmodel.NoFunc && f.Functions[c.Func].Name != "" {
		fn = f.Functions[c.Func].Name
	}
	d.Key = fn + ":" + m.Name + "." + lastPart(c.Callee) + ":" + key
	pass.Report(d)
}

// readFilter reads a literal where object (or an AND/OR/NOT branch) of model m.
func readFilter(t *syntax.Tree, m *indexView, obj syntax.NodeID, depth int) filter {
	var w filter
	if depth > 8 {
		w.opaque = true
		return w
	}
	for ch := t.FirstNamedChild(obj); ch != syntax.None; ch = t.NextSibling(ch) {
		var name string
		value := syntax.None
		switch t.Kind(ch) {
		case syntax.Pair:
			k := t.ChildByField(ch, syntax.FKey)
			name = keyName(t, k)
			if name == "" {
				w.opaque = true
				return w
			}
			value = t.Unparen(t.ChildByField(ch, syntax.FValue))
		case syntax.ShorthandPropertyIdentifier:
			name = t.Text(ch)
		default:
			w.opaque = true // spread, method, computed
			return w
		}
		switch name {
		case "AND":
			for _, b := range branches(t, value) {
				if b == syntax.None {
					w.opaque = true
					return w
				}
				sub := readFilter(t, m, b, depth+1)
				w.merge(sub)
				if w.opaque {
					return w
				}
			}
			continue
		case "OR":
			w.other = true
			bs := branches(t, value)
			all, unknownBranch := len(bs) > 0, false
			for _, b := range bs {
				if b == syntax.None {
					unknownBranch = true
					continue
				}
				sub := readFilter(t, m, b, depth+1)
				switch {
				case sub.opaque:
					unknownBranch = true
				case !sub.coveredBy(m):
					all = false
				}
			}
			if all && unknownBranch {
				w.opaque = true // every readable branch is covered; an unreadable one may be too
				return w
			}
			w.covered = w.covered || all
			continue
		case "NOT":
			w.other = true
			continue
		}
		fd := m.Field(name)
		if fd == nil {
			w.opaque = true
			return w
		}
		switch {
		case fd.Kind == psl.RelationField:
			// A to-one relation that holds the foreign key filters on it (authorId IN (…)); any other
			// relation filter may let the database start from the related table's indexes (`posts: { some:
			// { … } }` as a semi-join), which archlint does not judge.
			r := fd.Relation
			switch {
			case fd.List && t.Kind(value) == syntax.Object && !hasKey(t, value, "some"):
				w.other = true // every, none: NOT EXISTS, cannot drive the query
			case !fd.List && r.HoldsForeignKey():
				w.other = true
				w.covered = w.covered || m.leads(r.Fields[0])
			default:
				w.opaque = true
				return w
			}
		case (fd.Kind == psl.ScalarField || fd.Kind == psl.EnumField) && !fd.List && fd.Type != "Json" &&
			indexableCondition(t, value):
			w.cols = append(w.cols, column{name: name, node: ch})
		default:
			w.other = true
		}
	}
	return w
}

func (w *filter) merge(o filter) {
	w.cols = append(w.cols, o.cols...)
	w.covered = w.covered || o.covered
	w.other = w.other || o.other
	w.opaque = w.opaque || o.opaque
}

// coveredBy reports whether the filter is served by an index of m.
func (w *filter) coveredBy(m *indexView) bool {
	if w.covered {
		return true
	}
	for _, c := range w.cols {
		if m.leads(c.name) {
			return true
		}
	}
	return false
}

// branches returns the objects of an AND/OR value: the object itself or the elements of an array; None
// stands for an element that is not an object literal.
func branches(t *syntax.Tree, v syntax.NodeID) []syntax.NodeID {
	switch t.Kind(v) {
	case syntax.Object:
		return []syntax.NodeID{v}
	case syntax.Array:
		var out []syntax.NodeID
		for _, e := range t.NamedChildren(v) {
			e = t.Unparen(e)
			if t.Kind(e) != syntax.Object {
				e = syntax.None
			}
			out = append(out, e)
		}
		return out
	}
	return []syntax.NodeID{syntax.None}
}

// indexableCondition reports whether a field condition can use a B-tree index: any value but an operator
// object, or an operator object with an operator such an index serves. value None is a shorthand key.
func indexableCondition(t *syntax.Tree, value syntax.NodeID) bool {
	if value == syntax.None || t.Kind(value) != syntax.Object {
		return !(t.Kind(value) == syntax.Undefined || t.Kind(value) == syntax.Identifier && t.TextIs(value, "undefined"))
	}
	for ch := t.FirstNamedChild(value); ch != syntax.None; ch = t.NextSibling(ch) {
		if t.Kind(ch) != syntax.Pair {
			continue
		}
		if indexableOps[keyName(t, t.ChildByField(ch, syntax.FKey))] {
			return true
		}
	}
	return false
}

// firstOrderColumn returns the first column of a literal orderBy (`{ createdAt: "desc" }`,
// `[{ createdAt: "desc" }, …]`, `{ createdAt: { sort: "desc", nulls: "last" } }`) when it is a scalar field
// of m. ok is false when orderBy is present but not readable that way (a variable, a relation or
// aggregate ordering).
func firstOrderColumn(t *syntax.Tree, m *indexView, orderBy syntax.NodeID) (name string, ok bool) {
	if orderBy == syntax.None {
		return "", true
	}
	o := orderBy
	if t.Kind(o) == syntax.Array {
		o = t.Unparen(t.FirstNamedChild(o))
	}
	if t.Kind(o) != syntax.Object {
		return "", false
	}
	ch := t.FirstNamedChild(o)
	if t.Kind(ch) != syntax.Pair {
		return "", t.Kind(ch) == syntax.Invalid // `orderBy: {}` orders nothing
	}
	name = keyName(t, t.ChildByField(ch, syntax.FKey))
	fd := m.Field(name)
	if fd == nil || (fd.Kind != psl.ScalarField && fd.Kind != psl.EnumField) {
		return "", false
	}
	return name, true
}

// hasKey reports whether the object literal obj has a key called name.
func hasKey(t *syntax.Tree, obj syntax.NodeID, name string) bool {
	for ch := t.FirstNamedChild(obj); ch != syntax.None; ch = t.NextSibling(ch) {
		if t.Kind(ch) == syntax.Pair && keyName(t, t.ChildByField(ch, syntax.FKey)) == name ||
			t.Kind(ch) == syntax.ShorthandPropertyIdentifier && t.TextIs(ch, name) {
			return true
		}
	}
	return false
}

// keyName returns the name of an object key: an identifier or a string literal; "" for anything else.
func keyName(t *syntax.Tree, k syntax.NodeID) string {
	switch t.Kind(k) {
	case syntax.PropertyIdentifier:
		return t.Text(k)
	case syntax.String:
		s, _ := t.StringValue(k)
		return s
	}
	return ""
}

func anyOf(names []string) string {
	switch len(names) {
	case 1:
		return "it"
	case 2:
		return "either"
	}
	return "any of them"
}

func dedupe(names []string) []string {
	seen := map[string]bool{}
	out := names[:0]
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func sorted(names []string) []string {
	out := append([]string(nil), names...)
	sort.Strings(out)
	return out
}

// splitChain splits a callee chain into its names; a call in the chain stays with its name as "f()"
// ("getDb(...).post.findMany" → getDb(), post, findMany).
func splitChain(chain string) []string {
	return strings.Split(strings.ReplaceAll(chain, "(...)", "()"), ".")
}

func lastPart(callee string) string {
	i := strings.LastIndexByte(callee, '.')
	j := strings.LastIndexByte(callee[:max(i, 0)], '.')
	return callee[j+1:]
}
