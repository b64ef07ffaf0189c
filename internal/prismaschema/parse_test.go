package prismaschema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// render prints a value in a normalised form that shows its kind: strings quoted, numbers with '#',
// booleans with '?', identifiers bare, calls and arrays with their contents.
func render(v *Value) string {
	if v == nil {
		return "<nil>"
	}
	switch v.Kind {
	case StringValue:
		return strconvQuote(v.Text)
	case NumberValue:
		return "#" + v.Text
	case BoolValue:
		return "?" + v.Text
	case CallValue:
		return v.Text + "(" + renderArgs(v.Args) + ")"
	case ArrayValue:
		parts := make([]string, len(v.Elems))
		for i, e := range v.Elems {
			parts[i] = render(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return v.Text
}

func renderArgs(args []*Arg) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = render(a.Value)
		if a.Name != "" {
			parts[i] = a.Name + ": " + parts[i]
		}
	}
	return strings.Join(parts, ", ")
}

func renderAttrs(as []*Attribute) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = "@" + a.Name
		if a.Block {
			parts[i] = "@" + parts[i]
		}
		if a.Args != nil {
			parts[i] += "(" + renderArgs(a.Args) + ")"
		}
	}
	return strings.Join(parts, " ")
}

func strconvQuote(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case '\n':
			sb.WriteString(`\n`)
		case '\t':
			sb.WriteString(`\t`)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String() + `"`
}

// parseOK parses src and fails t on any diagnostic or inconsistent range.
func parseOK(t *testing.T, src string) *File {
	t.Helper()
	f := Parse("schema.prisma", []byte(src))
	if len(f.Diagnostics) > 0 {
		t.Fatalf("unexpected diagnostics for %q:\n%s", src, diags(f))
	}
	checkRanges(t, f)
	return f
}

func TestParseBlocks(t *testing.T) {
	src := `datasource db {
  provider = "postgresql"
}

generator client {
  provider = "prisma-client-js"
}

model User {
  id Int @id
}

view UserInfo {
  id Int
}

type Address {
  city String
}

enum Role {
  USER
}
`
	f := parseOK(t, src)
	want := []struct {
		kind          BlockKind
		name          string
		rng, nameRng  string
		keywordSource string
	}{
		{DatasourceBlock, "db", "1:1-3:2", "1:12-1:14", "datasource"},
		{GeneratorBlock, "client", "5:1-7:2", "5:11-5:17", "generator"},
		{ModelBlock, "User", "9:1-11:2", "9:7-9:11", "model"},
		{ViewBlock, "UserInfo", "13:1-15:2", "13:6-13:14", "view"},
		{TypeBlock, "Address", "17:1-19:2", "17:6-17:13", "type"},
		{EnumBlock, "Role", "21:1-23:2", "21:6-21:10", "enum"},
	}
	if len(f.Blocks) != len(want) {
		t.Fatalf("got %d blocks, want %d", len(f.Blocks), len(want))
	}
	for i, w := range want {
		b := f.Blocks[i]
		if b.Kind != w.kind || b.Name.Name != w.name || rs(b.Range) != w.rng || rs(b.Name.Range) != w.nameRng ||
			source(f, b.Keyword) != w.keywordSource || b.Kind.String() != w.keywordSource {
			t.Errorf("block %d = %v %q %s name %s keyword %q, want %v %q %s name %s keyword %q", i, b.Kind, b.Name.Name,
				rs(b.Range), rs(b.Name.Range), source(f, b.Keyword), w.kind, w.name, w.rng, w.nameRng, w.keywordSource)
		}
	}
}

func TestParseProperties(t *testing.T) {
	f := parseOK(t, `generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["multiSchema", "views"]
  binaryTargets   = ["native", env("EXTRA_TARGET")]
  engineType      = library
  strict          = true
}
datasource db {
  provider   = "postgresql"
  url        = env("DATABASE_URL")
  extensions = [pg_trgm, postgis(version: "3.4.2")]
}
`)
	var got []string
	for _, b := range f.Blocks {
		for _, p := range b.Properties {
			got = append(got, p.Key.Name+" = "+render(p.Value)+" @"+rs(p.Range))
		}
	}
	want := []string{
		`provider = "prisma-client-js" @2:3-2:39`,
		`previewFeatures = ["multiSchema", "views"] @3:3-3:45`,
		`binaryTargets = ["native", env("EXTRA_TARGET")] @4:3-4:52`,
		`engineType = library @5:3-5:28`,
		`strict = ?true @6:3-6:25`,
		`provider = "postgresql" @9:3-9:28`,
		`url = env("DATABASE_URL") @10:3-10:35`,
		`extensions = [pg_trgm, postgis(version: "3.4.2")] @11:3-11:52`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("properties:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The nested call's argument and value ranges.
	ext := f.Blocks[1].Properties[2].Value.Elems[1]
	if arg := ext.Args[0]; rs(arg.Range) != "11:34-11:50" || rs(arg.NameRange) != "11:34-11:41" || rs(arg.Value.Range) != "11:43-11:50" {
		t.Errorf("postgis arg at %s name %s value %s", rs(arg.Range), rs(arg.NameRange), rs(arg.Value.Range))
	}
}

func TestParseFieldTypes(t *testing.T) {
	tests := []struct {
		line                        string
		name, typ                   string
		optional, list, unsupported bool
		unsupportedType             string
		typeRange, typeNameRange    string
	}{
		{"a String", "a", "String", false, false, false, "", "2:5-2:11", "2:5-2:11"},
		{"a String?", "a", "String", true, false, false, "", "2:5-2:12", "2:5-2:11"},
		{"posts Post[]", "posts", "Post", false, true, false, "", "2:9-2:15", "2:9-2:13"},
		{`loc Unsupported("circle")?`, "loc", "Unsupported", true, false, true, "circle", "2:7-2:29", "2:7-2:28"},
		{`v Unsupported("vector(1536)")`, "v", "Unsupported", false, false, true, "vector(1536)", "2:5-2:32", "2:5-2:32"},
		{"tags String[]?", "tags", "String", true, true, false, "", "2:8-2:17", "2:8-2:14"}, // legacy optional list
		{"a: Int", "a", "Int", false, false, false, "", "2:6-2:9", "2:6-2:9"},               // legacy colon
		{"a Int!", "a", "Int", false, false, false, "", "2:5-2:9", "2:5-2:8"},               // legacy required
		{"a [Int]", "a", "Int", false, true, false, "", "2:5-2:10", "2:6-2:9"},              // legacy list
		{"2fa Boolean", "2fa", "Boolean", false, false, false, "", "2:7-2:14", "2:7-2:14"},
		{"a\tInt", "a", "Int", false, false, false, "", "2:5-2:8", "2:5-2:8"},
	}
	for _, tt := range tests {
		f := parseOK(t, "model M {\n  "+tt.line+"\n}\n")
		fd := f.Blocks[0].Fields[0]
		tr := fd.Type
		if fd.Name.Name != tt.name || tr.Name != tt.typ || tr.Optional != tt.optional || tr.List != tt.list ||
			tr.Unsupported != tt.unsupported || tr.UnsupportedType != tt.unsupportedType ||
			rs(tr.Range) != tt.typeRange || rs(tr.NameRange) != tt.typeNameRange {
			t.Errorf("%q: got %s %s optional=%v list=%v unsupported=%v %q range %s name %s", tt.line, fd.Name.Name, tr.Name,
				tr.Optional, tr.List, tr.Unsupported, tr.UnsupportedType, rs(tr.Range), rs(tr.NameRange))
		}
	}
}

func TestParseAttributes(t *testing.T) {
	tests := []struct {
		line, want string
	}{
		{"id Int @id @default(autoincrement())", "@id @default(autoincrement())"},
		{"id String @id @default(uuid(7)) @db.Uuid", "@id @default(uuid(#7)) @db.Uuid"},
		{`id String @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid`, `@id @default(dbgenerated("gen_random_uuid()")) @db.Uuid`},
		{"score Float @default(1.5)", "@default(#1.5)"},
		{"delta Int @default(-3)", "@default(#-3)"},
		{"ratio Float @default(-0.25)", "@default(#-0.25)"},
		{"on Boolean @default(false)", "@default(?false)"},
		{"role Role @default(ADMIN)", "@default(ADMIN)"},
		{"tags String[] @default([])", "@default([])"},
		{`tags String[] @default(["a", "b"])`, `@default(["a", "b"])`},
		{"at DateTime @default(now()) @updatedAt", "@default(now()) @updatedAt"},
		{`email String @unique(map: "users_email_key", length: 100, sort: Desc)`, `@unique(map: "users_email_key", length: #100, sort: Desc)`},
		{"name String @db.VarChar(255)", "@db.VarChar(#255)"},
		{"price Decimal @db.Decimal(10, 2)", "@db.Decimal(#10, #2)"},
		{`createdAt DateTime @map("created_at") @db.Timestamptz(6)`, `@map("created_at") @db.Timestamptz(#6)`},
		{`author User @relation("Posts", fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction, map: "fk_author")`,
			`@relation("Posts", fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction, map: "fk_author")`},
		{"legacy Int @ignore @custom.thing()", "@ignore @custom.thing()"},
		{"x Int @default(3,)", "@default(#3)"},    // trailing comma
		{"x Int @id(sort: )", "@id(sort: <nil>)"}, // empty named argument
		{"x Int @ map(\"x\")", `@map("x")`},       // space after the at sign
	}
	for _, tt := range tests {
		f := parseOK(t, "model M {\n  "+tt.line+"\n}\n")
		if got := renderAttrs(f.Blocks[0].Fields[0].Attributes); got != tt.want {
			t.Errorf("%q: attributes %s, want %s", tt.line, got, tt.want)
		}
	}
}

func TestParseBlockAttributes(t *testing.T) {
	f := parseOK(t, `model M {
  a String
  b String
  @@id([a, b])
  @@unique([a, b], name: "ab", map: "m_ab_key")
  @@index([a(length: 10), b(sort: Desc)])
  @@index(a)
  @@index(fields: [b], map: "m_b_idx")
  @@index([a], type: Hash)
  @@fulltext([a, b])
  @@map("ms")
  @@schema("app")
  @@ignore
  @@whatever(x.y)
}
`)
	want := `@@id([a, b]) @@unique([a, b], name: "ab", map: "m_ab_key") @@index([a(length: #10), b(sort: Desc)]) ` +
		`@@index(a) @@index(fields: [b], map: "m_b_idx") @@index([a], type: Hash) @@fulltext([a, b]) @@map("ms") ` +
		`@@schema("app") @@ignore @@whatever(x.y)`
	b := f.Blocks[0]
	if got := renderAttrs(b.Attributes); got != want {
		t.Errorf("block attributes:\n%s\nwant\n%s", got, want)
	}
	idx := b.Attributes[2]
	if rs(idx.Range) != "6:3-6:42" || rs(idx.NameRange) != "6:5-6:10" || !idx.Block {
		t.Errorf("@@index at %s name %s block=%v", rs(idx.Range), rs(idx.NameRange), idx.Block)
	}
	col := idx.Args[0].Value.Elems[0]
	if rs(col.Range) != "6:12-6:25" || rs(col.Args[0].Range) != "6:14-6:24" || rs(col.Args[0].Value.Range) != "6:22-6:24" {
		t.Errorf("a(length: 10) at %s, arg %s, value %s", rs(col.Range), rs(col.Args[0].Range), rs(col.Args[0].Value.Range))
	}
	if got := b.Attributes[0].Positional(0).Strings(); strings.Join(got, ",") != "a,b" {
		t.Errorf("@@id fields %v", got)
	}
	if v := b.Attributes[1].Named("name"); v == nil || v.Text != "ab" || b.Attributes[1].Positional(1) != nil {
		t.Errorf("@@unique name: %v", v)
	}
}

func TestParseEnum(t *testing.T) {
	f := parseOK(t, `/// Who may do what.
enum Role {
  /// Full access.
  ADMIN  @map("admin")
  MEMBER @map(name: "member") /// Default.
  GUEST

  @@map("roles")
  @@schema("auth")
}
`)
	b := f.Blocks[0]
	if b.Doc != "Who may do what." {
		t.Errorf("enum doc %q", b.Doc)
	}
	type value struct{ name, attrs, doc, rng string }
	var got []value
	for _, v := range b.Values {
		got = append(got, value{v.Name.Name, renderAttrs(v.Attributes), v.Doc, rs(v.Range)})
	}
	want := []value{
		{"ADMIN", `@map("admin")`, "Full access.", "4:3-4:23"},
		{"MEMBER", `@map(name: "member")`, "Default.", "5:3-5:30"},
		{"GUEST", "", "", "6:3-6:8"},
	}
	if len(got) != len(want) {
		t.Fatalf("values %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if got := renderAttrs(b.Attributes); got != `@@map("roles") @@schema("auth")` {
		t.Errorf("enum attributes %s", got)
	}
}

func TestParseStrings(t *testing.T) {
	tests := []struct {
		lit, want, diag string
	}{
		{`"plain"`, "plain", ""},
		{`""`, "", ""},
		{`"say \"hi\""`, `say "hi"`, ""},
		{`"C:\\dir"`, `C:\dir`, ""},
		{`"a\nb\tc\/d\re\bf\fg"`, "a\nb\tc/d\re\bf\fg", ""},
		{`"\u00e9\u4e2d"`, "é中", ""},
		{`"\ud83d\ude00"`, "😀", ""},
		{`"\ud83d"`, "\uFFFD", ""},
		{`"a\qb"`, "aqb", `2:23: unknown escape sequence '\q'`},
		{`"\u12"`, `\u12`, `2:22: invalid \u escape: expected four hex digits`},
		{`"中文 😀"`, "中文 😀", ""},
	}
	for _, tt := range tests {
		src := "model M {\n  a String @default(" + tt.lit + ")\n}\n"
		f := Parse("schema.prisma", []byte(src))
		checkRanges(t, f)
		got := f.Blocks[0].Fields[0].Attributes[0].Args[0].Value
		d := strings.TrimSuffix(diags(f), "\n")
		if got.Kind != StringValue || got.Text != tt.want || d != tt.diag {
			t.Errorf("%s: got %q (kind %d), diagnostics %q; want %q, %q", tt.lit, got.Text, got.Kind, d, tt.want, tt.diag)
		}
	}
}

func TestParseComments(t *testing.T) {
	src := `// file header

/// Detached: a blank line follows.

/// A user.
/// Second line.
model User { // after the brace
  /// The key.
  // an ordinary comment between doc and field
  id    Int    @id // trailing
  email String /// trailing doc
  // archlint-disable-next-line prisma/missing-fk-index
  name  String
}
`
	f := parseOK(t, src)
	var got []string
	for _, c := range f.Comments {
		got = append(got, rs(c.Range)+" "+c.Text)
		if c.Doc != strings.HasPrefix(c.Text, "///") {
			t.Errorf("comment %q: Doc = %v", c.Text, c.Doc)
		}
	}
	want := []string{
		"1:1-1:15 // file header",
		"3:1-3:36 /// Detached: a blank line follows.",
		"5:1-5:12 /// A user.",
		"6:1-6:17 /// Second line.",
		"7:14-7:32 // after the brace",
		"8:3-8:15 /// The key.",
		"9:3-9:47 // an ordinary comment between doc and field",
		"10:20-10:31 // trailing",
		"11:16-11:32 /// trailing doc",
		"12:3-12:56 // archlint-disable-next-line prisma/missing-fk-index",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("comments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	b := f.Blocks[0]
	if b.Doc != "A user.\nSecond line." {
		t.Errorf("model doc %q", b.Doc)
	}
	for i, want := range []string{"The key.", "trailing doc", ""} {
		if got := b.Fields[i].Doc; got != want {
			t.Errorf("field %s doc %q, want %q", b.Fields[i].Name.Name, got, want)
		}
	}
}

func TestParsePositions(t *testing.T) {
	tests := []struct {
		name, src string
		// where the name of field "id" and its attribute are
		fieldName, attr string
	}{
		{"LF", "model M {\n  id Int @id\n}\n", "2:3-2:5", "2:10-2:13"},
		{"CRLF", "model M {\r\n  id Int @id\r\n}\r\n", "2:3-2:5", "2:10-2:13"},
		{"lone CR", "model M {\r  id Int @id\r}\r", "2:3-2:5", "2:10-2:13"},
		// textpos counts the BOM as one column of line 1 (as upload-sarif does).
		{"BOM", "\uFEFFmodel M { id Int @id }", "1:12-1:14", "1:19-1:22"},
		{"BOM line 2", "\uFEFFmodel M {\n  id Int @id\n}", "2:3-2:5", "2:10-2:13"},
		// "中文" is two UTF-16 units (six bytes), "😀" two units (four bytes).
		{"CJK in doc", "model M { /// 中文\n  /// 中文\n  id Int @id\n}", "3:3-3:5", "3:10-3:13"},
		{"CJK before", "model M {\n  id Int @default(\"中文\") @id\n}", "2:3-2:5", "2:25-2:28"},
		{"emoji before", "model M {\n  id Int @default(\"😀😀\") @id\n}", "2:3-2:5", "2:27-2:30"},
		{"tabs", "model M {\n\tid\tInt\t@id\n}", "2:2-2:4", "2:9-2:12"},
		{"no final newline", "model M {\n  id Int @id}", "2:3-2:5", "2:10-2:13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := parseOK(t, tt.src)
			fd := f.Blocks[0].Fields[0]
			a := fd.Attributes[len(fd.Attributes)-1]
			if rs(fd.Name.Range) != tt.fieldName || rs(a.Range) != tt.attr {
				t.Errorf("field name at %s, @id at %s; want %s, %s", rs(fd.Name.Range), rs(a.Range), tt.fieldName, tt.attr)
			}
			if got := source(f, a.Range); got != "@id" {
				t.Errorf("@id range covers %q", got)
			}
		})
	}
}

func TestParseRecovery(t *testing.T) {
	tests := []struct {
		name, src string
		diags     string
		// the blocks (kind name: fields or values) that must still be there
		blocks string
	}{
		{
			name:   "unclosed argument list",
			src:    "model A {\n  id Int @default(autoincrement() @id\n  name String\n}\nmodel B {\n  id Int @id\n}\n",
			diags:  "2:35: expected ',' or ')' in argument list, found '@'\n",
			blocks: "model A: id name; model B: id",
		},
		{
			name:   "argument list cut by newline",
			src:    "model A {\n  id Int @default(\n  x Int\n}\n",
			diags:  "2:19: expected ')' to close the argument list, found end of line\n",
			blocks: "model A: id x",
		},
		{
			name:   "array cut by newline",
			src:    "generator g {\n  previewFeatures = [\"a\",\n  provider = \"x\"\n}\n",
			diags:  "2:26: expected a value, found end of line\n",
			blocks: "generator g: provider",
		},
		{
			name:   "junk after field",
			src:    "model A {\n  id Int @id)\n  b Int\n}\n",
			diags:  "2:13: unexpected ')' after field id\n",
			blocks: "model A: id b",
		},
		{
			name:   "missing type",
			src:    "model A {\n  id @id\n  b Int\n}\n",
			diags:  "2:6: expected a type for field id\n",
			blocks: "model A: id b",
		},
		{
			name:   "unknown block type",
			src:    "modle A {\n  id Int\n}\nenum E {\n  X\n}\n",
			diags:  "1:1: unknown block type \"modle\"; expected datasource, generator, model, view, type or enum\n",
			blocks: "enum E: X",
		},
		{
			name:   "stray line at top level",
			src:    "id Int\nmodel A {\n  id Int\n}\n",
			diags:  "1:1: unexpected identifier \"id\"; expected a datasource, generator, model, view, type or enum block\n",
			blocks: "model A: id",
		},
		{
			name:   "missing closing brace",
			src:    "model A {\n  id Int\n\nmodel B {\n  id Int\n}\n",
			diags:  "4:1: missing '}' to close model A\n",
			blocks: "model A: id; model B: id",
		},
		{
			name:   "missing closing brace at end of file",
			src:    "model A {\n  id Int\n",
			diags:  "3:1: missing '}' to close model A\n",
			blocks: "model A: id",
		},
		{
			name:   "missing name",
			src:    "model {\n  id Int\n}\n",
			diags:  "1:7: expected a name after \"model\", found '{'\n",
			blocks: "model : id",
		},
		{
			name:   "missing open brace",
			src:    "model A\n  id Int\n}\nmodel B {\n  id Int\n}\n",
			diags:  "1:8: expected '{' after model A, found end of line\n",
			blocks: "model B: id",
		},
		{
			name:   "property without equals",
			src:    "datasource db {\n  provider \"sqlite\"\n  url = \"file:dev.db\"\n}\n",
			diags:  "2:12: expected '=' after provider, found string\n",
			blocks: "datasource db: url",
		},
		{
			name:   "property without value",
			src:    "datasource db {\n  provider =\n  url = \"file:dev.db\"\n}\n",
			diags:  "2:13: expected a value after '='\n",
			blocks: "datasource db: url",
		},
		{
			name:   "unterminated string",
			src:    "model A {\n  id String @default(\"abc)\n  b Int\n}\n",
			diags:  "2:22: unterminated string\n2:27: expected ',' or ')' in argument list, found end of line\n",
			blocks: "model A: id b",
		},
		{
			name:   "unknown characters",
			src:    "model A {\n  id Int € @id\n  b Int # x\n  c Int\n}\n",
			diags:  "2:10: unexpected character '€' after field id\n3:9: unexpected character '#' after field b\n",
			blocks: "model A: id b c",
		},
		{
			name:   "NUL and invalid UTF-8",
			src:    "model A {\n  id Int\x00\n  \xff\xfe b Int\n  c Int\n}\n",
			diags:  "2:9: unexpected character '\\x00' after field id\n3:3: unexpected byte 0xff in model A\n",
			blocks: "model A: id c",
		},
		{
			name:   "block attribute in datasource",
			src:    "datasource db {\n  provider = \"mysql\"\n  @@map(\"x\")\n}\n",
			diags:  "3:3: block attributes are not allowed in a datasource block\n",
			blocks: "datasource db: provider",
		},
		{
			name:   "attribute without name",
			src:    "model A {\n  id Int @ (1)\n  @@\n}\n",
			diags:  "2:12: expected an attribute name after '@', found '('\n3:5: expected an attribute name after '@@', found end of line\n",
			blocks: "model A: id",
		},
		{
			name:   "enum values on one line",
			src:    "enum E {\n  A B\n  C\n}\n",
			diags:  "2:5: unexpected identifier \"B\" after enum value A\n",
			blocks: "enum E: A C",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("schema.prisma", []byte(tt.src))
			checkRanges(t, f)
			if got := diags(f); got != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.diags)
			}
			if got := blockSummary(f); got != tt.blocks {
				t.Errorf("blocks: %s, want %s", got, tt.blocks)
			}
		})
	}
}

// blockSummary lists the blocks as "kind name: members; …".
func blockSummary(f *File) string {
	var parts []string
	for _, b := range f.Blocks {
		var names []string
		for _, p := range b.Properties {
			names = append(names, p.Key.Name)
		}
		for _, fd := range b.Fields {
			names = append(names, fd.Name.Name)
		}
		for _, v := range b.Values {
			names = append(names, v.Name.Name)
		}
		parts = append(parts, b.Kind.String()+" "+b.Name.Name+": "+strings.Join(names, " "))
	}
	return strings.Join(parts, "; ")
}

func TestParseDeepNesting(t *testing.T) {
	for _, open := range []string{"[", "f(", "f(a: ["} {
		src := "model A {\n  id Int @default(" + strings.Repeat(open, 10000) + ")\n  b Int\n}\nmodel B {\n  id Int\n}\n"
		f := Parse("schema.prisma", []byte(src))
		checkRanges(t, f)
		if len(f.Diagnostics) != 1 || !strings.Contains(f.Diagnostics[0].Message, "nested more than 32 levels") {
			t.Errorf("%s: diagnostics %s", open, diags(f))
		}
		if got := blockSummary(f); got != "model A: id b; model B: id" {
			t.Errorf("%s: blocks %s", open, got)
		}
	}
}

func TestParseBrokenFixture(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "broken", "schema.prisma"))
	if err != nil {
		t.Fatal(err)
	}
	f := Parse("broken/schema.prisma", src)
	checkRanges(t, f)
	want := `7:48: expected ',' or ')' in argument list, found end of line
8:36: unexpected ')' after field title
13:1: unknown block type "modle"; expected datasource, generator, model, view, type or enum
20:26: expected ')' to close the argument list, found end of line
21:1: missing '}' to close model Tag
`
	if got := diags(f); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if got := blockSummary(f); got != "datasource db: provider url; model Note: id title body created; model Tag: id label notes" {
		t.Errorf("blocks: %s", got)
	}
	// The broken @default is dropped; @id before it stays.
	if got := renderAttrs(f.Blocks[1].Fields[0].Attributes); got != "@id" {
		t.Errorf("Note.id attributes %s", got)
	}
}

func TestParseEmptyAndTrivia(t *testing.T) {
	for _, src := range []string{"", "\n\n", "\uFEFF", "// only a comment", "/// only a doc comment\n", "\r\n\r\n", " \t "} {
		f := parseOK(t, src)
		if len(f.Blocks) != 0 {
			t.Errorf("%q: %d blocks", src, len(f.Blocks))
		}
	}
}

func TestParseFixturesClean(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*", "*.prisma"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join("testdata", "*", "*", "*.prisma"))
	paths = append(paths, more...)
	if len(paths) < 5 {
		t.Fatalf("found only %d fixtures", len(paths))
	}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f := Parse(path, src)
		checkRanges(t, f)
		if strings.Contains(path, "broken") {
			continue
		}
		if len(f.Diagnostics) > 0 {
			t.Errorf("%s:\n%s", path, diags(f))
		}
	}
}
