package prismaschema

import (
	"fmt"
	"strings"
	"testing"
)

// folderSchema generates a folder schema of nfiles files holding nmodels models: a datasource, a generator
// and enums in the first file, and models with scalar fields, native types, defaults, doc comments,
// relations to earlier models (possibly in other files), @@index, @@unique and @@map in the others.
func folderSchema(nfiles, nmodels int) []struct {
	path string
	src  []byte
} {
	files := make([]strings.Builder, nfiles)
	fmt.Fprintf(&files[0], "datasource db {\n  provider     = \"postgresql\"\n  url          = env(\"DATABASE_URL\")\n  relationMode = \"prisma\"\n}\n\n")
	fmt.Fprintf(&files[0], "generator client {\n  provider        = \"prisma-client-js\"\n  previewFeatures = [\"fullTextSearchPostgres\", \"relationJoins\"]\n}\n\n")
	fmt.Fprintf(&files[0], "enum Status {\n  ACTIVE   @map(\"active\")\n  ARCHIVED @map(\"archived\")\n\n  @@map(\"status\")\n}\n")
	for i := 0; i < nmodels; i++ {
		b := &files[1+i%(nfiles-1)]
		fmt.Fprintf(b, "/// Model%d holds generated data.\nmodel Model%d {\n", i, i)
		fmt.Fprintf(b, "  id        String   @id @default(cuid())\n")
		fmt.Fprintf(b, "  name      String   @db.VarChar(255)\n")
		fmt.Fprintf(b, "  /// Where the record is in its life cycle.\n  status    Status   @default(ACTIVE)\n")
		fmt.Fprintf(b, "  score     Float    @default(1.5)\n")
		fmt.Fprintf(b, "  slug      String   @unique // public identifier\n")
		fmt.Fprintf(b, "  createdAt DateTime @default(now()) @map(\"created_at\")\n")
		fmt.Fprintf(b, "  updatedAt DateTime @updatedAt @map(\"updated_at\")\n")
		if i > 0 {
			fmt.Fprintf(b, "  parentId  String   @map(\"parent_id\")\n")
			fmt.Fprintf(b, "  parent    Model%d  @relation(\"Parent%d\", fields: [parentId], references: [id], onDelete: Cascade)\n", i-1, i)
		}
		if i+1 < nmodels {
			fmt.Fprintf(b, "  children  Model%d[] @relation(\"Parent%d\")\n", i+1, i+1)
		}
		fmt.Fprintf(b, "\n  @@unique([name, status], map: \"model%d_name_status_key\")\n", i)
		fmt.Fprintf(b, "  @@index([createdAt(sort: Desc), name])\n")
		if i > 0 {
			fmt.Fprintf(b, "  @@index(parentId)\n")
		}
		fmt.Fprintf(b, "  @@map(\"model_%d\")\n}\n\n", i)
	}
	out := make([]struct {
		path string
		src  []byte
	}, nfiles)
	for i := range files {
		out[i].path = fmt.Sprintf("prisma/schema/part%02d.prisma", i)
		out[i].src = []byte(files[i].String())
	}
	return out
}

func BenchmarkParseFolderSchema(b *testing.B) {
	in := folderSchema(40, 100)
	size := 0
	for _, f := range in {
		size += len(f.src)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		files := make([]*File, len(in))
		for i, f := range in {
			files[i] = Parse(f.path, f.src)
		}
		s := Build(files...)
		if len(s.Models) != 100 || s.Datasource == nil {
			b.Fatalf("built %d models", len(s.Models))
		}
	}
}

// BenchmarkParseLongLine parses one field line of about 1 MB with a non-ASCII string at its start: position
// computation must stay linear in the line length (compare ns/byte with BenchmarkParseFolderSchema).
func BenchmarkParseLongLine(b *testing.B) {
	src := []byte("model A {\n  a String @default(\"中文😀\")" + strings.Repeat(" @db.VarChar(255)", 60000) + " // 中\n}\n")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		f := Parse("long.prisma", src)
		if len(f.Diagnostics) != 0 || len(f.Blocks[0].Fields[0].Attributes) != 60001 {
			b.Fatalf("diagnostics %v", f.Diagnostics)
		}
	}
}
