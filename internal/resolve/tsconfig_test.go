package resolve

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// describeConfig renders the parts of an effective config that resolution uses.
func describeConfig(c *config) string {
	if c == nil {
		return "<none>"
	}
	var keys []string
	for _, r := range c.Paths {
		keys = append(keys, r.Key+"="+strings.Join(r.Targets, ","))
	}
	base := "-"
	if c.HasBaseURL {
		base = "'" + c.BaseURL + "'"
	}
	return "path=" + c.Path + " baseUrl=" + base + " pathsDir='" + c.PathsDir + "' paths=[" + strings.Join(keys, " ") + "]"
}

func TestConfigChains(t *testing.T) {
	cases := []struct {
		fixture, from, want string
	}{
		// extends without ".json" (appended), JSONC comments and trailing commas; paths defined in the base file.
		{"app", "src/app/api/users/route.ts",
			"path=tsconfig.json baseUrl='' pathsDir='' paths=[@/*=./src/* @/components/*=./src/components/*,./src/ui/* server-config=./src/config/server.ts *=./src/vendor/*]"},
		// extends from a workspace package, whose own relative extends sets paths relative to the package;
		// the app's own paths replace them whole.
		{"monorepo", "apps/web/src/lib/auth.ts", "path=apps/web/tsconfig.json baseUrl=- pathsDir='apps/web' paths=[@/*=./src/*]"},
		// array extends: the later entry (the root paths file) overrides the package's paths, and its
		// targets stay relative to the root.
		{"monorepo", "apps/admin/app/api/invite/route.ts", "path=apps/admin/tsconfig.json baseUrl=- pathsDir='' paths=[@/*=./apps/admin/* @acme/emails=./packages/emails/src/index.ts]"},
		{"monorepo", "apps/docs/pages/api/search.js", "path=apps/docs/jsconfig.json baseUrl='apps/docs' pathsDir='apps/docs' paths=[~/*=./*]"},
		// The shared config package's files are not named tsconfig.json: they apply to nothing by themselves.
		{"monorepo", "packages/emails/src/render.ts", "<none>"},
	}
	resolvers := map[string]*Resolver{}
	for _, c := range cases {
		r := resolvers[c.fixture]
		if r == nil {
			r = New(DiscoverFixture(t, c.fixture))
			resolvers[c.fixture] = r
		}
		if got := describeConfig(r.configFor(c.from)); got != c.want {
			t.Errorf("%s: config for %s:\n got %s\nwant %s", c.fixture, c.from, got, c.want)
		}
	}
}

func TestConfigChainOfPackageBase(t *testing.T) {
	r := New(DiscoverFixture(t, "monorepo"))
	l := &configLoader{r: r, raw: map[string]*rawConfig{}, loaded: map[string]config{}, loading: map[string]bool{}}
	c := l.load("packages/tsconfig/nextjs.json", 0)
	if got, want := describeConfig(&c), "path=packages/tsconfig/nextjs.json baseUrl=- pathsDir='packages/tsconfig' paths=[#base/*=./base/*]"; got != want {
		t.Errorf("nextjs.json:\n got %s\nwant %s", got, want)
	}
}

func TestExtendsCycleAndMissingBase(t *testing.T) {
	files := map[string]string{
		"package.json":  `{"name": "loop", "dependencies": {"next": "15.0.0"}}`,
		"tsconfig.json": `{"extends": ["./a.json", "@tsconfig/next/tsconfig.json", "./missing"], "compilerOptions": {"baseUrl": "src"}}`,
		"a.json":        `{"extends": "./b.json", "compilerOptions": {"paths": {"@/*": ["./*"]}}}`,
		"b.json":        `{"extends": "./a.json", "compilerOptions": {"baseUrl": "."}}`,
		"src/x.ts":      `export const x = 1;`,
	}
	repo := discoverFiles(t, files)
	r := New(repo)
	if got, want := describeConfig(r.configFor("src/x.ts")), "path=tsconfig.json baseUrl='src' pathsDir='' paths=[@/*=./*]"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	// Targets are relative to the effective baseUrl (src), not to the file that defined paths.
	if got := r.Resolve("src/x.ts", "@/x"); got.Kind != Local || got.Path != "src/x.ts" {
		t.Errorf("Resolve(@/x) = %+v", got)
	}
}

func TestStripJSONC(t *testing.T) {
	in := "\uFEFF// header\n{\n  /* block */ \"url\": \"https://example.com/*not a comment*/\", // tail\n" +
		"  \"list\": [1, 2, /* c */ ],\n  \"esc\": \"a\\\"//b\",\n  \"obj\": {\"k\": true,\n // last\n },\n}\n"
	var got map[string]any
	if err := parseJSONC([]byte(in), &got); err != nil {
		t.Fatalf("parseJSONC: %v\n%s", err, stripJSONC([]byte(in)))
	}
	want := map[string]any{
		"url":  "https://example.com/*not a comment*/",
		"list": []any{1.0, 2.0},
		"esc":  "a\"//b",
		"obj":  map[string]any{"k": true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	for _, bad := range []string{`{"a": }`, `{"a": 1,, }`, `/* unterminated`, `{"a": "unterminated}`} {
		var v any
		if err := parseJSONC([]byte(bad), &v); err == nil {
			t.Errorf("parseJSONC(%q) accepted invalid input as %#v", bad, v)
		}
	}
}

func TestExportsTargets(t *testing.T) {
	exports := `{
		".": {"types": "./dist/index.d.ts", "import": "./dist/index.mjs"},
		"./client": {"browser": "./b.js", "react-server": ["./rsc.js", "./rsc2.js"], "default": null},
		"./*": "./src/*.ts",
		"./icons/*": "./src/icons/*.tsx",
		"./icons/*.svg": "./assets/*.svg",
		"./legacy/": "./lib/legacy/"
	}`
	for _, c := range []struct {
		sub  string
		want []string
	}{
		{"", []string{"./dist/index.d.ts", "./dist/index.mjs"}},
		{"client", []string{"./rsc.js", "./rsc2.js"}},
		{"utils/date", []string{"./src/utils/date.ts"}},
		{"icons/arrow", []string{"./src/icons/arrow.tsx"}},
		{"icons/arrow.svg", []string{"./src/icons/arrow.svg.tsx"}}, // longest prefix before * wins, as in Node
		{"legacy/a", []string{"./src/legacy/a.ts"}},                // a pattern beats a folder mapping
	} {
		if got := parseExports(json.RawMessage(exports)).targets(c.sub); !reflect.DeepEqual(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.sub, got, c.want)
		}
	}
	if got := parseExports(json.RawMessage(`"./index.js"`)).targets(""); !reflect.DeepEqual(got, []string{"./index.js"}) {
		t.Errorf("string sugar: %q", got)
	}
	if got := parseExports(json.RawMessage(`{"import": "./a.mjs", "require": "./a.cjs"}`)).targets("x"); got != nil {
		t.Errorf("conditions sugar has no subpaths: %q", got)
	}
	if got := parseExports(json.RawMessage(`{"./legacy/": "./lib/legacy/"}`)).targets("legacy/a"); !reflect.DeepEqual(got, []string{"./lib/legacy/a"}) {
		t.Errorf("folder mapping: %q", got)
	}
}

func FuzzStripJSONC(f *testing.F) {
	for _, s := range []string{
		`{"a": 1}`, `// c` + "\n{}", `{"a": [1,],}`, `/* x */`, `"//"`, `{"a": "\"/*"}`, "{\n,}", `/`, `"\`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out := stripJSONC(data)
		if len(out) > len(data) {
			t.Fatalf("output longer than input: %q -> %q", data, out)
		}
		// Valid JSON without commas before a closing bracket is left meaning the same.
		var a, b any
		if json.Unmarshal(data, &a) == nil && json.Unmarshal(out, &b) != nil {
			t.Fatalf("valid JSON %q became invalid: %q", data, out)
		}
		if json.Unmarshal(data, &a) == nil && json.Unmarshal(out, &b) == nil && !reflect.DeepEqual(a, b) {
			t.Fatalf("valid JSON %q changed meaning: %q", data, out)
		}
	})
}
