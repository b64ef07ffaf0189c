package erd

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	psl "github.com/archlint/archlint/internal/prismaschema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestGolden renders each testdata/*.prisma schema (a directory is a folder schema) and compares it with
// the .mmd file next to it. Run `go test ./internal/erd -update` to rewrite the goldens, then read the diff.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.prisma")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			f := psl.Parse(filepath.Base(in), src)
			if len(f.Diagnostics) > 0 {
				t.Fatalf("schema does not parse: %+v", f.Diagnostics)
			}
			got := Mermaid(psl.Build(f))
			golden := strings.TrimSuffix(in, ".prisma") + ".mmd"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/erd -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file; run go test ./internal/erd -update and review the diff\ngot:\n%s", golden, got)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	if got := Mermaid(nil); got != "erDiagram\n" {
		t.Errorf("Mermaid(nil) = %q", got)
	}
	if got := Mermaid(psl.Build()); got != "erDiagram\n" {
		t.Errorf("Mermaid(empty) = %q", got)
	}
}

func TestNames(t *testing.T) {
	for _, tt := range []struct{ in, entity, attr string }{
		{"User", "User", "User"},
		{"user_account", "user_account", "user_account"},
		{"Class", `"Class"`, "Class"},
		{"end", `"end"`, "end"},
		{"PK", "PK", "_PK"},
		{"fk", "fk", "_fk"},
		{"2fa", `"2fa"`, "_2fa"},
		{"my-model", `"my-model"`, "my_model"},
	} {
		if got := entityName(tt.in); got != tt.entity {
			t.Errorf("entityName(%q) = %s, want %s", tt.in, got, tt.entity)
		}
		if got, _ := attributeName(tt.in); got != tt.attr {
			t.Errorf("attributeName(%q) = %s, want %s", tt.in, got, tt.attr)
		}
	}
}

// lineShapes are the only lines Mermaid renders: the header, an entity opening and closing, an attribute
// and a relationship, with names Mermaid's lexer takes.
var lineShapes = regexp.MustCompile(`^(erDiagram|    ([A-Za-z_][A-Za-z0-9_]*|"[^"%\\]+") \{|    \}|        [A-Za-z_][A-Za-z0-9_]*(\[\])? [A-Za-z_][A-Za-z0-9_]* (PK|FK|UK)(, (FK|UK))*( "[^"]*")?|    ([A-Za-z_][A-Za-z0-9_]*|"[^"%\\]+") (\|\||\|o|\}o)--(o\{|o\||o\{) ([A-Za-z_][A-Za-z0-9_]*|"[^"%\\]+") : "[^"%\\]*")$`)

func FuzzMermaid(f *testing.F) {
	for _, s := range []string{
		"model A {\n id Int @id\n b B[]\n}\nmodel B {\n id Int @id\n aId Int\n a A @relation(fields: [aId], references: [id])\n}",
		"model Class {\n pk Int @id\n 2fa String @unique\n}",
		"model A {\n x Int\n y A[] @relation(\"r\")\n z A[] @relation(\"r\")\n}",
		"model A-b {\n id Unsupported(\"x\") @id\n}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := Mermaid(psl.Build(psl.Parse("schema.prisma", []byte(src))))
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !lineShapes.MatchString(line) {
				t.Fatalf("line %q is not one Mermaid takes (schema %q)", line, src)
			}
		}
	})
}
