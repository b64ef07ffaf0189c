package prismaschema

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse and Build terminate without panicking on any input, and that every range
// they produce lies within the source, starts before it ends and agrees with textpos. The committed seed
// corpus in testdata/fuzz/FuzzParse holds the fixtures and more cases; the seeds below come on top.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"model User {\n  id Int @id @default(autoincrement())\n  posts Post[]\n}\n",
		"model Post {\n  id Int @id\n  author User @relation(fields: [authorId], references: [id])\n  authorId Int\n  @@index([authorId(sort: Desc)], type: Hash)\n}\n",
		"enum Role {\n  ADMIN @map(\"admin\")\n  @@map(\"roles\")\n}\n",
		"datasource db {\r\n  provider = \"postgres\"\r\n  url = env(\"DATABASE_URL\")\r\n}\r\n",
		"\uFEFFtype Address {\n  city String @default(\"中文😀\")\n}\n",
		"model A {\n  f Float @default(-1.5)\n  u Unsupported(\"circle\")?\n  l Int[]?\n}",
		"model A {\n  id Int @default(\"\\u00e9\\ud83d\\ude00\\q\\u12\")\n}\n",
		"model A {\n  id Int @default([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[])\n}\n",
		"model A {\n  id Int @default(autoincrement()\n}\nmodle B {\n}\n\x00\xff}",
		"model A {\n  a A? @relation(\"s\")\n  b A[] @relation(\"s\")\n  @@id([a, b])\n}\n",
		"/// doc\n// c\nview V { id Int @id } // t\n",
		"model \"x\" {\n@\n@@\n=\n}\n{\n)",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file := Parse("fuzz.prisma", src)
		checkRanges(t, file)
		for _, d := range file.Diagnostics {
			if d.Message == "" || strings.HasSuffix(d.Message, ".") {
				t.Fatalf("bad diagnostic message %q", d.Message)
			}
		}
		// Two copies of the file exercise duplicate names and relation pairing across files.
		s := Build(file, Parse("other.prisma", src))
		for _, m := range append(s.Models, s.Types...) {
			var names []string
			for _, fd := range m.Fields {
				names = append(names, fd.Name)
				if r := fd.Relation; r != nil {
					_ = r.Kind()
					m.HasIndexWithLeadingColumns(r.Fields)
				}
			}
			m.HasIndexWithLeadingColumns(names)
			_ = s.ModelByClientName(m.ClientName())
		}
	})
}
