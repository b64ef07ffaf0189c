package discover

import (
	"bytes"
	"testing"
)

func TestScanPrismaConfig(t *testing.T) {
	tests := []struct {
		name, src, schema string
		unresolved        bool
	}{
		{"defineConfig", `import { defineConfig } from "prisma/config"
export default defineConfig({
  schema: "prisma/schema/main.prisma",
  migrations: { path: "prisma/migrations" },
})`, "prisma/schema/main.prisma", false},
		{"single quotes, quoted key", `export default { 'schema': 'db/schema.prisma' }`, "db/schema.prisma", false},
		{"template literal", "export default { schema: `prisma` }", "prisma", false},
		{"path.join", `import path from "node:path"
export default defineConfig({ schema: path.join("prisma", "schema") })`, "prisma/schema", false},
		{"path.join with __dirname", `export default { schema: path.join(__dirname, 'prisma', 'schema.prisma') }`, "prisma/schema.prisma", false},
		{"join with import.meta.dirname", `export default { schema: join(import.meta.dirname, "db") }`, "db", false},
		{"comments around", "export default {\n  // schema: 'wrong'\n  /* schema: 'wrong' */ schema /* here */ : /* it is */ 'right.prisma',\n}", "right.prisma", false},
		{"string mentioning schema first", `const s = "schema"; export default { schema: "a.prisma" }`, "a.prisma", false},
		{"type annotation before value", "type C = { schema: string }\nexport default { schema: 'b.prisma' } satisfies C", "b.prisma", false},
		{"member access is no key", `const a = config.schema; export default {}`, "", false},
		{"no schema", `export default defineConfig({ migrations: { path: "m" } })`, "", false},
		{"variable", `const s = "x"; export default { schema: s }`, "", true},
		{"env", "export default { schema: process.env.SCHEMA }", "", true},
		{"template with substitution", "export default { schema: `${dir}/schema.prisma` }", "", true},
		{"path.join over a variable", "export default { schema: path.join(root, 'x') }", "", true},
		{"shorthand", "const schema = 'x'; export default { schema }", "", false},
		{"unterminated", `export default { schema: "abc`, "", true},
		{"escaped quote", `export default { schema: "a\"b.prisma" }`, `a"b.prisma`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pc := scanPrismaConfig("prisma.config.ts", []byte(tt.src))
			if pc.schema != tt.schema || pc.unresolved != tt.unresolved {
				t.Errorf("schema %q unresolved %v; want %q %v", pc.schema, pc.unresolved, tt.schema, tt.unresolved)
			}
		})
	}
}

func FuzzScanPrismaConfig(f *testing.F) {
	for _, s := range []string{
		`export default { schema: "prisma/schema.prisma" }`, "schema: path.join(__dirname, `a`, 'b')", "schema:", "'schema'",
		"schema: join(", "/* schema: 'x'", "`${", "schema: `a",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// The scanner must terminate without panicking on any input, and find nothing in text without a
		// "schema" key.
		pc := scanPrismaConfig("prisma.config.ts", src)
		if pc.schema != "" && !bytes.Contains(src, []byte("schema")) {
			t.Fatalf("found %q in text without a schema key", pc.schema)
		}
	})
}

func TestSchemaSets(t *testing.T) {
	type set struct {
		Files                           []string
		Dir, Origin, Config, PackageDir string
		Folder                          bool
	}
	tests := []struct {
		name  string
		tree  map[string]string
		want  []set
		notes []string
	}{
		{
			name: "default file",
			tree: map[string]string{"package.json": "{}", "prisma/schema.prisma": "", "prisma/migrations/0/migration.sql": ""},
			want: []set{{Files: []string{"prisma/schema.prisma"}, Dir: "prisma", Origin: "default"}},
		},
		{
			name: "default file at the package root",
			tree: map[string]string{"package.json": "{}", "schema.prisma": "", "other/x.prisma": ""},
			want: []set{
				{Files: []string{"other/x.prisma"}, Dir: "other", Origin: "found", PackageDir: "other"},
				{Files: []string{"schema.prisma"}, Dir: "", Origin: "default"},
			},
		},
		{
			name: "default file with model files beside it",
			tree: map[string]string{"package.json": "{}", "prisma/schema.prisma": "", "prisma/models/user.prisma": ""},
			want: []set{{Files: []string{"prisma/models/user.prisma", "prisma/schema.prisma"}, Dir: "prisma", Origin: "default", Folder: true}},
		},
		{
			name: "prisma/schema folder",
			tree: map[string]string{"package.json": "{}", "prisma/schema/a.prisma": "", "prisma/schema/b.prisma": ""},
			want: []set{{Files: []string{"prisma/schema/a.prisma", "prisma/schema/b.prisma"}, Dir: "prisma/schema", Origin: "folder", Folder: true}},
		},
		{
			name: "prisma.config names main.prisma in a folder",
			tree: map[string]string{
				"package.json":          `{"prisma":{"schema":"ignored/schema.prisma"}}`,
				"prisma.config.ts":      `export default defineConfig({ schema: "db/schema/main.prisma" })`,
				"db/schema/main.prisma": "", "db/schema/user.prisma": "", "db/schema/sub/post.prisma": "",
				"ignored/schema.prisma": "",
			},
			want: []set{
				{Files: []string{"db/schema/main.prisma", "db/schema/sub/post.prisma", "db/schema/user.prisma"},
					Dir: "db/schema", Origin: "prisma.config", Config: "prisma.config.ts", Folder: true},
				{Files: []string{"ignored/schema.prisma"}, Dir: "ignored", Origin: "found", PackageDir: "ignored"},
			},
		},
		{
			name: "prisma.config names a folder",
			tree: map[string]string{
				"prisma.config.mjs":    `export default { schema: path.join("prisma") }`,
				"prisma/schema.prisma": "", "prisma/models/a.prisma": "",
			},
			want: []set{{Files: []string{"prisma/models/a.prisma", "prisma/schema.prisma"}, Dir: "prisma",
				Origin: "prisma.config", Config: "prisma.config.mjs", Folder: true}},
		},
		{
			name: "package.json prisma.schema",
			tree: map[string]string{"package.json": `{"prisma":{"schema":"./db/schema.prisma","seed":"x"}}`, "db/schema.prisma": "", "prisma/schema.prisma": ""},
			want: []set{
				{Files: []string{"db/schema.prisma"}, Dir: "db", Origin: "package.json", Config: "package.json"},
				{Files: []string{"prisma/schema.prisma"}, Dir: "prisma", Origin: "found", PackageDir: "prisma"},
			},
		},
		{
			name:  "unresolvable config falls back to the default",
			tree:  map[string]string{"prisma.config.ts": `export default { schema: process.env.S }`, "package.json": "{}", "prisma/schema.prisma": ""},
			want:  []set{{Files: []string{"prisma/schema.prisma"}, Dir: "prisma", Origin: "default"}},
			notes: []string{"prisma-config-unresolved prisma.config.ts"},
		},
		{
			name:  "config naming a missing schema",
			tree:  map[string]string{"package.json": `{"prisma":{"schema":"nope.prisma"}}`, "prisma/schema.prisma": ""},
			want:  []set{{Files: []string{"prisma/schema.prisma"}, Dir: "prisma", Origin: "found", PackageDir: "prisma"}},
			notes: []string{"prisma-schema-missing package.json"},
		},
		{
			name:  "config naming a schema outside the root",
			tree:  map[string]string{"package.json": `{"prisma":{"schema":"../../elsewhere/schema.prisma"}}`},
			notes: []string{"prisma-schema-outside-root package.json"},
		},
		{
			name: "a schema claimed by two packages belongs to the explicit one",
			tree: map[string]string{
				"package.json":                     `{"prisma":{"schema":"packages/db/prisma/schema.prisma"}}`,
				"packages/db/package.json":         "{}",
				"packages/db/prisma/schema.prisma": "",
			},
			want: []set{{Files: []string{"packages/db/prisma/schema.prisma"}, Dir: "packages/db/prisma", Origin: "package.json", Config: "package.json"}},
		},
		{
			name: "packages with their own schemas",
			tree: map[string]string{
				"package.json": "{}", "apps/web/package.json": nextPkg, "apps/web/prisma/schema.prisma": "",
				"packages/db/package.json": "{}", "packages/db/prisma/schema/a.prisma": "",
			},
			want: []set{
				{Files: []string{"apps/web/prisma/schema.prisma"}, Dir: "apps/web/prisma", Origin: "default", PackageDir: "apps/web"},
				{Files: []string{"packages/db/prisma/schema/a.prisma"}, Dir: "packages/db/prisma/schema", Origin: "folder", PackageDir: "packages/db", Folder: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tempRoot(t)
			tt.tree[".git/"] = ""
			writeTree(t, root, tt.tree)
			r := discoverAt(t, root, Options{})
			var got []set
			for _, s := range r.Schemas {
				got = append(got, set{Files: s.Files, Dir: s.Dir, Origin: s.Origin, Config: s.ConfigPath, PackageDir: s.PackageDir, Folder: s.Folder})
			}
			equalJSON(t, "schemas", got, tt.want)
			equalJSON(t, "notifications", notes(r), tt.notes)
			seen := map[string]bool{}
			for _, s := range r.Schemas {
				for _, f := range s.Files {
					if seen[f] {
						t.Errorf("%s is in two schema sets", f)
					}
					seen[f] = true
				}
			}
			for _, f := range r.Files {
				if f.Kind == Prisma && !seen[f.Path] {
					t.Errorf("%s is in no schema set", f.Path)
				}
			}
		})
	}
}

func TestParsePnpmWorkspace(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"packages:\n  - 'apps/*'\n  - \"packages/*\"\n  - tools # comment\n", []string{"apps/*", "packages/*", "tools"}},
		{"packages:\n- apps/*\n- '!**/test/**'\ncatalog:\n  react: ^19\n", []string{"apps/*", "!**/test/**"}},
		{"\ufeff# workspace\r\npackages:\r\n\r\n  - apps/*\r\n\r\n  - pkgs/*\r\nonlyBuiltDependencies:\r\n  - esbuild\r\n", []string{"apps/*", "pkgs/*"}},
		{"packages: [apps/*, 'packages/*']\n", []string{"apps/*", "packages/*"}},
		{"catalog:\n  packages: x\n", nil},
		{"", nil},
	}
	for _, tt := range tests {
		equalJSON(t, "pnpm "+tt.src, parsePnpmWorkspace([]byte(tt.src)), tt.want)
	}
}

func FuzzParsePnpmWorkspace(f *testing.F) {
	for _, s := range []string{"packages:\n  - 'apps/*'\n", "packages: [a, 'b']", "packages:\n- \"x\" # c\nk: v", "packages:"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, item := range parsePnpmWorkspace(src) {
			if item == "" || bytes.ContainsAny([]byte(item), "\r\n") {
				t.Fatalf("bad item %q", item)
			}
		}
	})
}

func TestParsePackageJSON(t *testing.T) {
	p, err := parsePackageJSON([]byte("\ufeff" + `{
  "name": "x", "private": "true", "typings": "t.d.ts", "module": "m.js",
  "dependencies": {"next": "15", "a": "1"}, "devDependencies": {"a": "2", "b": 3},
  "peerDependencies": {"c": "*"}, "optionalDependencies": {"d": "1"},
  "workspaces": "not-a-list", "exports": null, "prisma": {"schema": 42}
}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.name != "x" || p.private || p.types != "t.d.ts" || p.module != "m.js" || !p.dependsOnNext() {
		t.Errorf("fields: %+v", p)
	}
	equalJSON(t, "deps", p.deps, map[string]string{"next": "15", "a": "1", "b": "", "c": "*", "d": "1"})
	if p.workspaces != nil || p.exports != nil || p.prismaSchema != "" {
		t.Errorf("wrongly typed fields must be empty: %+v", p)
	}
	for _, bad := range []string{`[]`, `{"name":`, ``, `"x"`} {
		if _, err := parsePackageJSON([]byte(bad)); err == nil {
			t.Errorf("parsePackageJSON(%q) succeeded", bad)
		}
	}
}
