package prismaschema

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// build parses the files given as path, source pairs and builds their schema, failing t on diagnostics.
func build(t *testing.T, pathsAndSources ...string) *Schema {
	t.Helper()
	var files []*File
	for i := 0; i+1 < len(pathsAndSources); i += 2 {
		f := Parse(pathsAndSources[i], []byte(pathsAndSources[i+1]))
		if len(f.Diagnostics) > 0 {
			t.Fatalf("%s:\n%s", f.Path, diags(f))
		}
		files = append(files, f)
	}
	return Build(files...)
}

func loadSaaS(t *testing.T) *Schema {
	t.Helper()
	s, err := Load(os.DirFS("testdata/saas"), "schema/workspace.prisma", "schema/user.prisma", "schema/config.prisma",
		"schema/billing.prisma")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range s.Files {
		if len(f.Diagnostics) > 0 {
			t.Fatalf("%s:\n%s", f.Path, diags(f))
		}
	}
	return s
}

func TestLoadFolderSchema(t *testing.T) {
	s := loadSaaS(t)
	var paths []string
	for _, f := range s.Files {
		paths = append(paths, f.Path)
	}
	if got := strings.Join(paths, " "); got != "schema/billing.prisma schema/config.prisma schema/user.prisma schema/workspace.prisma" {
		t.Errorf("files not sorted by path: %s", got)
	}
	d := s.Datasource
	if d == nil {
		t.Fatal("no datasource")
	}
	if d.Name != "db" || d.Provider != "postgresql" || d.RelationMode != "prisma" || d.URL != `env("DATABASE_URL")` ||
		d.URLEnv != "DATABASE_URL" || strings.Join(d.Schemas, ",") != "public,billing" || d.Path != "schema/config.prisma" ||
		d.EffectiveRelationMode() != "prisma" || s.Provider() != "postgresql" {
		t.Errorf("datasource %+v", d)
	}
	if len(s.Generators) != 1 {
		t.Fatalf("%d generators", len(s.Generators))
	}
	g := s.Generators[0]
	if g.Name != "client" || g.Provider != "prisma-client-js" || g.Output != "../../node_modules/.prisma/client" ||
		strings.Join(g.PreviewFeatures, ",") != "multiSchema,fullTextSearchPostgres" {
		t.Errorf("generator %+v", g)
	}
	if !s.HasPreviewFeature("multischema") || s.HasPreviewFeature("views") {
		t.Error("HasPreviewFeature")
	}

	var models []string
	for _, m := range s.Models {
		models = append(models, m.Name)
	}
	want := "Subscription Invoice User Account Session Workspace Membership Invite ApiKey Project Tag Comment"
	if got := strings.Join(models, " "); got != want {
		t.Errorf("models in order %s, want %s", got, want)
	}

	// A relation across files: Membership (workspace.prisma) -> User (user.prisma).
	ms := s.Model("Membership")
	r := ms.Field("user").Relation
	if r == nil || r.Target != s.Model("User") || r.Opposite != s.Model("User").Field("memberships") ||
		strings.Join(r.Fields, ",") != "userId" || strings.Join(r.References, ",") != "id" || r.OnDelete != "Cascade" ||
		r.Kind() != ManyToOne || !r.HoldsForeignKey() {
		t.Errorf("Membership.user relation %+v", r)
	}
	if back := s.Model("User").Field("memberships").Relation; back.Kind() != OneToMany || back.HoldsForeignKey() ||
		back.Opposite != ms.Field("user") {
		t.Errorf("User.memberships relation %+v", back)
	}

	// Lookups.
	u := s.Model("User")
	if s.ModelByDBName("users") != u || s.ModelByDBName("User") != nil || s.ModelByDBName("tag") != nil ||
		s.ModelByDBName("Tag") != s.Model("Tag") {
		t.Error("ModelByDBName")
	}
	if s.ModelByClientName("apiKey") != s.Model("ApiKey") || s.ModelByClientName("user") != u ||
		s.ModelByClientName("User") != nil || s.Model("Nope") != nil {
		t.Error("ModelByClientName")
	}
	if u.DBName != "users" || u.Schema != "public" || u.Path != "schema/user.prisma" || rs(u.NameRange()) != "2:7-2:11" ||
		rs(u.Range()) != "2:1-21:2" || u.Doc != "A person who can sign in. One user may belong to many workspaces." {
		t.Errorf("User: %s %s %s %s %s %q", u.DBName, u.Schema, u.Path, rs(u.NameRange()), rs(u.Range()), u.Doc)
	}

	// Fields.
	type field struct {
		name, typ, db, doc string
		kind               FieldKind
		optional, list     bool
		id, unique, upd    bool
		def                string
		nameRange, rng     string
	}
	var got []field
	for _, f := range u.Fields[:9] {
		got = append(got, field{f.Name, f.Type, f.DBName, f.Doc, f.Kind, f.Optional, f.List, f.ID, f.Unique, f.UpdatedAt,
			render(f.Default), rs(f.NameRange()), rs(f.Range())})
	}
	wantFields := []field{
		{"id", "String", "id", "", ScalarField, false, false, true, false, false, "cuid()", "3:3-3:5", "3:3-3:47"},
		{"email", "String", "email", "", ScalarField, false, false, false, true, false, "<nil>", "4:3-4:8", "4:3-4:51"},
		{"emailVerified", "DateTime", "email_verified", "", ScalarField, true, false, false, false, false, "<nil>", "5:3-5:16", "5:3-5:49"},
		{"name", "String", "name", "", ScalarField, true, false, false, false, false, "<nil>", "6:3-6:7", "6:3-6:24"},
		{"passwordHash", "String", "password_hash", "Hashed with argon2id; null for OAuth-only users.", ScalarField, true, false, false, false, false, "<nil>", "8:3-8:15", "8:3-8:48"},
		{"role", "Role", "role", "", EnumField, false, false, false, false, false, "MEMBER", "9:3-9:7", "9:3-9:43"},
		{"createdAt", "DateTime", "created_at", "", ScalarField, false, false, false, false, false, "now()", "10:3-10:12", "10:3-10:61"},
		{"updatedAt", "DateTime", "updated_at", "", ScalarField, false, false, false, false, true, "<nil>", "11:3-11:12", "11:3-11:56"},
		{"accounts", "Account", "accounts", "", RelationField, false, true, false, false, false, "<nil>", "13:3-13:11", "13:3-13:24"},
	}
	for i := range wantFields {
		if got[i] != wantFields[i] {
			t.Errorf("User field %d:\n got %+v\nwant %+v", i, got[i], wantFields[i])
		}
	}
	if a := u.Field("email").Attribute("db.VarChar"); a == nil || rs(a.Range) != "4:35-4:51" || render(a.Positional(0)) != "#320" {
		t.Errorf("@db.VarChar attribute %+v", a)
	}
	if a := u.Attribute("map"); a == nil || rs(a.Range) != "19:3-19:17" || u.Attribute("index") != nil {
		t.Errorf("@@map attribute %+v", a)
	}

	// Enums, with value and block attributes, in different files.
	role, plan := s.Enum("Role"), s.Enum("Plan")
	if role == nil || plan == nil || s.Enum("Status") != nil {
		t.Fatal("enums missing")
	}
	if role.DBName != "role" || role.Schema != "public" || role.Path != "schema/user.prisma" || plan.Schema != "billing" {
		t.Errorf("Role %+v / Plan %+v", role, plan)
	}
	var values []string
	for _, v := range plan.Values {
		values = append(values, v.Name+"="+v.DBName)
	}
	if got := strings.Join(values, " "); got != "FREE=FREE PRO=pro ENTERPRISE=enterprise" {
		t.Errorf("Plan values %s", got)
	}
	if f := s.Model("Workspace").Field("plan"); f.Kind != EnumField || render(f.Default) != "FREE" {
		t.Errorf("Workspace.plan %+v", f)
	}
	if f := s.Model("Invoice").Field("discount"); render(f.Default) != "#-0.25" {
		t.Errorf("Invoice.discount default %s", render(f.Default))
	}
}

func TestMongoSchema(t *testing.T) {
	s, err := Load(os.DirFS("testdata/mongo"), "schema.prisma")
	if err != nil {
		t.Fatal(err)
	}
	if d := diags(s.Files[0]); d != "" {
		t.Fatal(d)
	}
	if s.Provider() != "mongodb" || s.Datasource.RelationMode != "" || s.Datasource.EffectiveRelationMode() != "prisma" {
		t.Errorf("datasource %+v", s.Datasource)
	}
	addr := s.Type("Address")
	if addr == nil || addr.Kind != TypeBlock || s.Model("Address") != nil || len(s.Types) != 2 {
		t.Fatalf("composite types %v", s.Types)
	}
	if f := addr.Field("zip"); f.DBName != "postal_code" || f.Model != addr {
		t.Errorf("Address.zip %+v", f)
	}
	if f := addr.Field("geo"); f.Kind != CompositeField || !f.Optional {
		t.Errorf("Address.geo %+v", f)
	}
	c := s.Model("Customer")
	if f := c.Field("address"); f.Kind != CompositeField || f.Relation != nil {
		t.Errorf("Customer.address %+v", f)
	}
	if f := c.Field("id"); f.DBName != "_id" || !f.ID || render(f.Default) != "auto()" {
		t.Errorf("Customer.id %+v", f)
	}
	if f := c.Field("phones"); !f.List || f.Kind != ScalarField {
		t.Errorf("Customer.phones %+v", f)
	}
	if got := indexSummary(c); got != "id[id] unique[email] index[address.city] fulltext[name]" {
		t.Errorf("Customer indexes %s", got)
	}
	v := s.Model("OpenJobCount")
	if v == nil || v.Kind != ViewBlock || s.ModelByClientName("openJobCount") != v {
		t.Errorf("view %+v", v)
	}
	if s.Model("Job").Field("status").Kind != EnumField || s.Model("Job").Field("notes").Kind != ScalarField {
		t.Error("Job field kinds")
	}
}

// indexSummary lists a model's indexes as "kind[field sort/length, …]{name,map,type}".
func indexSummary(m *Model) string {
	var parts []string
	for _, idx := range m.Indexes {
		var cols []string
		for _, c := range idx.Fields {
			col := c.Name
			if c.Sort != "" {
				col += " " + c.Sort
			}
			if c.Length != 0 {
				col += fmt.Sprintf("/%d", c.Length)
			}
			cols = append(cols, col)
		}
		s := idx.Kind.String() + "[" + strings.Join(cols, ",") + "]"
		if idx.Name != "" || idx.Map != "" || idx.Type != "" {
			s += "{" + idx.Name + "," + idx.Map + "," + idx.Type + "}"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestIndexes(t *testing.T) {
	s := build(t, "schema.prisma", `model A {
  @@index([b]) // before the fields: source order still holds
  id    Int    @id(map: "a_pkey", sort: Desc)
  b     String @unique(length: 20)
  c     String
  d     String
  other Int

  @@unique([c, d], name: "cd", map: "a_c_d_key")
  @@index([c(length: 10), d(sort: Desc)])
  @@index(d)
  @@index(fields: [other], map: "a_other_idx")
  @@index([c], type: Hash)
  @@fulltext([c, d])
  @@map("as")
}

model B {
  x Int
  y Int
  @@id([x, y])
}
`)
	a := s.Model("A")
	want := "index[b] id[id Desc]{,a_pkey,} unique[b/20] unique[c,d]{cd,a_c_d_key,} index[c/10,d Desc] index[d] " +
		"index[other]{,a_other_idx,} index[c]{,,Hash} fulltext[c,d]"
	if got := indexSummary(a); got != want {
		t.Errorf("A indexes:\n%s\nwant\n%s", got, want)
	}
	if idx := a.Indexes[1]; !idx.FieldLevel || idx.Attribute.Name != "id" || rs(idx.Range) != "3:16-3:46" ||
		rs(idx.Fields[0].Range) != "3:3-3:5" {
		t.Errorf("@id index %+v at %s", idx, rs(idx.Range))
	}
	if idx := a.Indexes[4]; idx.FieldLevel || rs(idx.Range) != "10:3-10:42" || rs(idx.Fields[1].Range) != "10:27-10:40" {
		t.Errorf("@@index at %s, d at %s", rs(idx.Range), rs(idx.Fields[1].Range))
	}
	if got := indexSummary(s.Model("B")); got != "id[x,y]" {
		t.Errorf("B indexes %s", got)
	}
	if a.Kind != ModelBlock || a.DBName != "as" || !a.Field("id").ID || !a.Field("b").Unique || a.Field("c").Unique {
		t.Errorf("model A %+v", a)
	}
}

func TestHasIndexWithLeadingColumns(t *testing.T) {
	s := build(t, "schema.prisma", `model M {
  id      Int    @id
  a       Int
  b       Int
  c       Int
  d       Int    @unique
  e       Int
  f       String
  g       Int
  x       Int
  y       Int

  @@index([a, b, c])
  @@unique([e, a])
  @@fulltext([f])
  @@index(g)
  @@id([x, y])
}
`)
	m := s.Model("M")
	tests := []struct {
		fields []string
		want   bool
	}{
		{[]string{"id"}, true},     // @id
		{[]string{"d"}, true},      // @unique
		{[]string{"a"}, true},      // leading column of @@index([a, b, c])
		{[]string{"a", "b"}, true}, // leading pair
		{[]string{"b", "a"}, true}, // any order among the leading columns
		{[]string{"c", "a", "b"}, true},
		{[]string{"b"}, false},      // second column only
		{[]string{"a", "c"}, false}, // a, c are not the first two columns of any index
		{[]string{"e"}, true},       // @@unique([e, a])
		{[]string{"a", "e"}, true},  // @@unique([e, a]) in the other order
		{[]string{"f"}, false},      // full-text indexes do not count
		{[]string{"g"}, true},       // bare @@index(g)
		{[]string{"x"}, true},       // @@id([x, y])
		{[]string{"y"}, false},
		{[]string{"y", "x", "x"}, true}, // duplicates count once
		{[]string{"a", "b", "c", "d"}, false},
		{nil, false},
		{[]string{"nope"}, false},
	}
	for _, tt := range tests {
		if got := m.HasIndexWithLeadingColumns(tt.fields); got != tt.want {
			t.Errorf("HasIndexWithLeadingColumns(%v) = %v, want %v", tt.fields, got, tt.want)
		}
		if len(tt.fields) == 1 && m.IsLeadingColumn(tt.fields[0]) != tt.want {
			t.Errorf("IsLeadingColumn(%s) = %v, want %v", tt.fields[0], !tt.want, tt.want)
		}
	}
	if got := indexSummary(&Model{Indexes: m.IndexesWithLeadingColumns([]string{"a"})}); got != "index[a,b,c]" {
		t.Errorf("IndexesWithLeadingColumns(a) = %s", got)
	}
	if got := indexSummary(&Model{Indexes: m.IndexesWithLeadingColumns([]string{"a", "e"})}); got != "unique[e,a]" {
		t.Errorf("IndexesWithLeadingColumns(a, e) = %s", got)
	}
}

func TestRelations(t *testing.T) {
	s := build(t,
		"b.prisma", `model Post {
  id       Int    @id
  authorId Int
  editorId Int?
  author   User   @relation("Written", fields: [authorId], references: [id])
  editor   User?  @relation(name: "Edited", fields: [editorId], references: [id], onDelete: SetNull, onUpdate: Cascade, map: "post_editor_fk")
  tags     Tag[]
}

model Tag {
  id    Int    @id
  posts Post[]
}
`,
		"a.prisma", `model User {
  id        Int      @id
  written   Post[]   @relation("Written")
  edited    Post[]   @relation("Edited")
  profile   Profile?
  managerId Int?
  manager   User?    @relation("Reports", fields: [managerId], references: [id])
  reports   User[]   @relation("Reports")
  friends   User[]   @relation("Friends")
  friendOf  User[]   @relation("Friends")
}

model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}

model Orphan {
  id    Int  @id
  one   User
  two   User
}
`)
	tests := []struct {
		model, field     string
		target, opposite string
		name             string
		kind             RelationKind
		fk               bool
	}{
		{"Post", "author", "User", "written", "Written", ManyToOne, true},
		{"User", "written", "Post", "author", "Written", OneToMany, false},
		{"Post", "editor", "User", "edited", "Edited", ManyToOne, true},
		{"User", "edited", "Post", "editor", "Edited", OneToMany, false},
		{"Post", "tags", "Tag", "posts", "", ManyToMany, false}, // implicit many-to-many
		{"Tag", "posts", "Post", "tags", "", ManyToMany, false},
		{"User", "profile", "Profile", "user", "", OneToOne, false}, // one-to-one
		{"Profile", "user", "User", "profile", "", OneToOne, true},
		{"User", "manager", "User", "reports", "Reports", ManyToOne, true}, // self relation
		{"User", "reports", "User", "manager", "Reports", OneToMany, false},
		{"User", "friends", "User", "friendOf", "Friends", ManyToMany, false}, // self many-to-many
		{"User", "friendOf", "User", "friends", "Friends", ManyToMany, false},
		{"Orphan", "one", "User", "", "", ManyToOne, false}, // ambiguous: two unnamed sides, none back
		{"Orphan", "two", "User", "", "", ManyToOne, false},
	}
	for _, tt := range tests {
		f := s.Model(tt.model).Field(tt.field)
		r := f.Relation
		if r == nil || f.Kind != RelationField {
			t.Errorf("%s.%s: no relation", tt.model, tt.field)
			continue
		}
		opp := ""
		if r.Opposite != nil {
			opp = r.Opposite.Name
			if r.Opposite.Relation.Opposite != f {
				t.Errorf("%s.%s: pairing not symmetric", tt.model, tt.field)
			}
		}
		if r.Field != f || r.Target.Name != tt.target || opp != tt.opposite || r.Name != tt.name || r.Kind() != tt.kind ||
			r.HoldsForeignKey() != tt.fk {
			t.Errorf("%s.%s: target %s opposite %q name %q kind %v fk %v; want %s %q %q %v %v", tt.model, tt.field,
				r.Target.Name, opp, r.Name, r.Kind(), r.HoldsForeignKey(), tt.target, tt.opposite, tt.name, tt.kind, tt.fk)
		}
	}
	e := s.Model("Post").Field("editor").Relation
	if e.OnDelete != "SetNull" || e.OnUpdate != "Cascade" || e.Map != "post_editor_fk" || e.Attribute == nil ||
		rs(e.Attribute.Range) != "6:19-6:143" {
		t.Errorf("Post.editor relation %+v at %s", e, rs(e.Attribute.Range))
	}
	if got := len(s.Model("User").Relations()); got != 7 {
		t.Errorf("User has %d relations, want 7", got)
	}
	if s.Model("Post").Field("authorId").Relation != nil {
		t.Error("scalar field has a relation")
	}
}

func TestDatasource(t *testing.T) {
	tests := []struct {
		body                   string
		provider, mode, effect string
		url, env               string
	}{
		{`provider = "postgresql"`, "postgresql", "", "foreignKeys", "", ""},
		{`provider = "postgres"`, "postgresql", "", "foreignKeys", "", ""},
		{"provider = \"mysql\"\n  relationMode = \"prisma\"", "mysql", "prisma", "prisma", "", ""},
		{"provider = \"mysql\"\n  referentialIntegrity = \"prisma\"", "mysql", "prisma", "prisma", "", ""},
		{"provider = \"sqlite\"\n  url = \"file:./dev.db\"", "sqlite", "", "foreignKeys", `"file:./dev.db"`, ""},
		{"provider = \"sqlserver\"\n  url = env(\"DB\")", "sqlserver", "", "foreignKeys", `env("DB")`, "DB"},
		{`provider = "cockroachdb"`, "cockroachdb", "", "foreignKeys", "", ""},
		{`provider = "mongodb"`, "mongodb", "", "prisma", "", ""},
		{"provider = \"mongodb\"\n  relationMode = \"foreignKeys\"", "mongodb", "foreignKeys", "foreignKeys", "", ""},
		{`provider = env("PROVIDER")`, "", "", "foreignKeys", "", ""},
	}
	for _, tt := range tests {
		s := build(t, "schema.prisma", "datasource db {\n  "+tt.body+"\n}\n")
		d := s.Datasource
		if d.Provider != tt.provider || d.RelationMode != tt.mode || d.EffectiveRelationMode() != tt.effect ||
			d.URL != tt.url || d.URLEnv != tt.env {
			t.Errorf("%q: %+v (effective %s)", tt.body, d, d.EffectiveRelationMode())
		}
	}
	if s := build(t, "schema.prisma", "model A {\n  id Int @id\n}\n"); s.Datasource != nil || s.Provider() != "" {
		t.Error("datasource without a datasource block")
	}
	// Only the first datasource (by path) counts.
	s := build(t, "b.prisma", "datasource b {\n  provider = \"mysql\"\n}\n", "a.prisma", "datasource a {\n  provider = \"sqlite\"\n}\n")
	if s.Datasource.Name != "a" || s.Datasource.Path != "a.prisma" {
		t.Errorf("first datasource %+v", s.Datasource)
	}
}

func TestClientName(t *testing.T) {
	for name, want := range map[string]string{"BlogPost": "blogPost", "User": "user", "user": "user", "URLMap": "uRLMap",
		"_Hidden": "_Hidden", "Émigré": "émigré", "A": "a"} {
		m := &Model{Name: name}
		if got := m.ClientName(); got != want {
			t.Errorf("ClientName(%s) = %s, want %s", name, got, want)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"config.prisma", "user.prisma", "workspace.prisma", "billing.prisma"} {
		src, err := os.ReadFile("testdata/saas/schema/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: src}
	}
	summary := func(s *Schema) string {
		var sb strings.Builder
		for _, m := range s.Models {
			fmt.Fprintf(&sb, "%s %s %s\n", m.Path, m.Name, indexSummary(m))
			for _, r := range m.Relations() {
				opp := ""
				if r.Opposite != nil {
					opp = r.Opposite.Model.Name + "." + r.Opposite.Name
				}
				fmt.Fprintf(&sb, "  %s -> %s (%s) %v\n", r.Field.Name, r.Target.Name, opp, r.Kind())
			}
		}
		return sb.String()
	}
	first, err := Load(fsys, "config.prisma", "user.prisma", "workspace.prisma", "billing.prisma")
	if err != nil {
		t.Fatal(err)
	}
	second, err := Load(fsys, "billing.prisma", "workspace.prisma", "user.prisma", "config.prisma")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := summary(first), summary(second); a != b {
		t.Errorf("different schemas for different input orders:\n%s\n---\n%s", a, b)
	}
	if _, err := Load(fsys, "missing.prisma"); err == nil || !strings.Contains(err.Error(), "missing.prisma") {
		t.Errorf("Load of a missing file: %v", err)
	}
}

func TestSaaSForeignKeyIndexes(t *testing.T) {
	// What rule prisma/missing-fk-index would see in the SaaS fixture (relationMode = "prisma").
	s := loadSaaS(t)
	var missing []string
	for _, m := range s.Models {
		for _, r := range m.Relations() {
			if r.HoldsForeignKey() && !m.HasIndexWithLeadingColumns(r.Fields) {
				missing = append(missing, m.Name+"."+r.Field.Name)
			}
		}
	}
	want := "Invoice.subscription Account.user Invite.invitedBy ApiKey.workspace Comment.author Comment.parent"
	if got := strings.Join(missing, " "); got != want {
		t.Errorf("unindexed foreign keys: %s, want %s", got, want)
	}
}

// TestConcurrentUse documents that parsing and querying need no locks: under -race it fails if a query
// starts caching into a shared Schema or Parse shares state between calls.
func TestConcurrentUse(t *testing.T) {
	s := loadSaaS(t)
	src := s.Files[0].Src
	done := make(chan string)
	for i := 0; i < 4; i++ {
		go func() {
			f := Parse("again.prisma", src)
			m := s.ModelByClientName("comment")
			done <- fmt.Sprint(len(f.Blocks), m.IsLeadingColumn("projectId"), m.Field("parent").Relation.Kind())
		}()
	}
	for i := 0; i < 4; i++ {
		if got := <-done; got != "3 true many-to-one" {
			t.Errorf("goroutine %d: %s", i, got)
		}
	}
}

func TestKindNames(t *testing.T) {
	got := fmt.Sprint(UnknownField, ScalarField, EnumField, CompositeField, RelationField, UnsupportedField, FieldKind(99),
		IDIndex, UniqueIndex, NormalIndex, FulltextIndex, IndexKind(0), OneToOne, OneToMany, ManyToOne, ManyToMany,
		RelationKind(0), DatasourceBlock, GeneratorBlock, ModelBlock, ViewBlock, TypeBlock, EnumBlock, BlockKind(0))
	want := "unknown scalar enum composite relation unsupported invalid id unique index fulltext invalid one-to-one " +
		"one-to-many many-to-one many-to-many invalid datasource generator model view type enum block"
	if got != want {
		t.Errorf("kind names:\n%s\nwant\n%s", got, want)
	}
}
