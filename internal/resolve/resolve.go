// Package resolve maps an import specifier written in one file to the file it names, the way TypeScript's
// bundler resolution and Next.js do it:
//
//  1. relative specifiers ("./x", "../lib/y"): extension and index probing, and `.js` written for a `.ts`
//     file;
//  2. compilerOptions.paths of the tsconfig.json (else jsconfig.json) nearest the importing file, with its
//     extends chain ("@/lib/auth"); when a pattern matches but none of its targets is a file, resolution
//     goes on;
//  3. compilerOptions.baseUrl ("lib/db" with baseUrl ".");
//  4. workspace packages: a package name declared by a package.json of the repository other than a
//     workspace root ("@acme/auth", "@acme/db/client"), through its exports map, main/module/types, index
//     file or subpath folder, mapping build output back to source (see workspace.go);
//  5. anything else with a valid package name is left to node_modules and reported as a Package.
//
// The rules of tsconfig handling are spelled out in tsconfig.go.
//
// It sees only the files discovery found and reads configuration files only through discover.Repo.ReadFile;
// node_modules is never consulted. All configuration is read by New; afterwards a Resolver only memoizes
// results (a result depends on nothing but the importing file's directory and the specifier) and is safe
// for concurrent use.
package resolve

import (
	"path"
	"strings"
	"sync"

	"github.com/archlint/archlint/internal/discover"
)

// Kind says what a specifier resolved to.
type Kind uint8

// Resolution kinds.
const (
	// Unresolved: a specifier that names no project file and is not a package name left to node_modules:
	// a relative or aliased path to a missing or non-source file (styles, JSON, images, declaration
	// files, generated code), or an invalid package name ("@/x" with no matching paths).
	Unresolved Kind = iota
	// Local: a file of the project.
	Local
	// Package: a bare specifier left to node_modules, or a workspace package without a file for it;
	// Result.Package names it.
	Package
)

// Rule says which resolution rule produced a Result.
type Rule uint8

// Resolution rules, in the order they are tried.
const (
	// RuleNone: no rule applied (an empty or absolute specifier, an invalid package name).
	RuleNone Rule = iota
	// RuleRelative: a "./" or "../" specifier.
	RuleRelative
	// RulePaths: a compilerOptions.paths pattern.
	RulePaths
	// RuleBaseURL: compilerOptions.baseUrl.
	RuleBaseURL
	// RuleWorkspace: a workspace package of the repository.
	RuleWorkspace
	// RuleNodeModules: a package left to node_modules (Kind is Package).
	RuleNodeModules
)

var ruleNames = [...]string{"none", "relative", "paths", "baseUrl", "workspace", "node_modules"}

// String returns the rule's name: "relative", "paths", "baseUrl", "workspace", "node_modules" or "none".
func (r Rule) String() string {
	if int(r) < len(ruleNames) {
		return ruleNames[r]
	}
	return "unknown"
}

// Result is the outcome of resolving one specifier.
type Result struct {
	Kind Kind
	// Path is the project file for Local results.
	Path string
	// Package is the package name for Package results ("next-auth", "@clerk/nextjs"); Subpath is the rest
	// of the specifier ("server" for "@clerk/nextjs/server"). Both are also set for Local results of
	// workspace packages.
	Package, Subpath string
	// Rule is the rule that resolved the specifier. A Package result has RuleNodeModules, or RuleWorkspace
	// for a workspace package in which no file for the specifier was found (a stub folder shadowing an npm
	// name, or an entry that exists only after a build). For Unresolved results it is the rule that claimed
	// the specifier and failed (RuleRelative for a missing relative file, RulePaths for a paths pattern that
	// matched no file and left no valid package name), else RuleNone.
	Rule Rule
	// Config is the tsconfig.json or jsconfig.json whose paths or baseUrl was used (RulePaths,
	// RuleBaseURL), else "".
	Config string
}

// Extensions are tried in this order when a specifier has none, as Next.js's webpack config does.
var Extensions = []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"}

// Resolver resolves specifiers within one repository.
type Resolver struct {
	repo *discover.Repo
	// root is the analysis root relative to Base: the nearest-config search stops there.
	root string
	// configs are the effective configs by the directory holding them.
	configs map[string]*config
	// packages are the workspace packages by name (workspace roots excluded); where two package.json files
	// declare the same name, the one with the smaller Dir wins.
	packages map[string]*workspacePackage
	// cache memoizes results by cacheKey; the only state that changes after New.
	cache sync.Map
}

// New returns a resolver over repo's files. It reads every tsconfig.json and jsconfig.json discovery found,
// with their extends chains, through repo.ReadFile; configs that cannot be read or parsed contribute no
// options but still stop the search for a nearer one.
func New(repo *discover.Repo) *Resolver {
	r := &Resolver{repo: repo, root: repo.RootRel, configs: map[string]*config{}, packages: map[string]*workspacePackage{}}
	for _, p := range repo.Packages {
		// A workspace root (a package.json with "workspaces", or a pnpm-workspace.yaml) is not linked into
		// node_modules; its name often doubles as the name of a published SDK ("langfuse").
		if p.Name != "" && len(p.Workspaces) == 0 && r.packages[p.Name] == nil {
			r.packages[p.Name] = &workspacePackage{Package: p, exports: parseExports(p.Exports)}
		}
	}
	l := &configLoader{r: r, raw: map[string]*rawConfig{}, loaded: map[string]config{}, loading: map[string]bool{}}
	// In each directory tsconfig.json takes precedence over jsconfig.json.
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		for _, f := range repo.Files {
			if baseOf(f.Path) != name {
				continue
			}
			dir := dirOf(f.Path)
			if r.configs[dir] != nil {
				continue
			}
			c := l.load(f.Path, 0)
			r.configs[dir] = &c
		}
	}
	return r
}

// Resolve resolves spec as written in the file at from (a Base-relative path).
func (r *Resolver) Resolve(from, spec string) Result {
	key := cacheKey{dirOf(from), spec}
	if v, ok := r.cache.Load(key); ok {
		return v.(Result)
	}
	res := r.resolve(key.dir, spec)
	r.cache.Store(key, res)
	return res
}

// cacheKey is what a resolution depends on: the importing file's directory and the specifier.
type cacheKey struct{ dir, spec string }

// resolve resolves spec as written in a file in dir.
func (r *Resolver) resolve(dir, spec string) Result {
	if spec == "" {
		return Result{}
	}
	if isRelative(spec) {
		target := cleanJoin(dir, spec)
		if outside(target) {
			return Result{Rule: RuleRelative}
		}
		if p, ok := r.probe(target); ok {
			return Result{Kind: Local, Path: p, Rule: RuleRelative}
		}
		return Result{Rule: RuleRelative}
	}
	if strings.HasPrefix(spec, "/") {
		return Result{}
	}
	pathsMatched := false
	if c := r.configIn(dir); c != nil {
		if rule, star := c.match(spec); rule != nil {
			pathsMatched = rule.Key != "*"
			base := c.targetBase()
			for _, t := range rule.Targets {
				if p, ok := r.probe(cleanJoin(base, strings.Replace(t, "*", star, 1))); ok {
					return Result{Kind: Local, Path: p, Rule: RulePaths, Config: c.Path}
				}
			}
		}
		if c.HasBaseURL {
			if p, ok := r.probe(cleanJoin(c.BaseURL, spec)); ok {
				return Result{Kind: Local, Path: p, Rule: RuleBaseURL, Config: c.Path}
			}
		}
	}
	pkg, sub := SplitPackage(spec)
	if wp := r.packages[pkg]; wp != nil {
		if p, ok := r.workspaceFile(wp, sub); ok {
			return Result{Kind: Local, Path: p, Rule: RuleWorkspace, Package: pkg, Subpath: sub}
		}
		// Its code is out of sight like a node_modules package's: a stub folder shadowing an npm name, or
		// an entry that exists only after a build.
		return Result{Kind: Package, Package: pkg, Subpath: sub, Rule: RuleWorkspace}
	}
	if !validPackageName(pkg) {
		if pathsMatched {
			return Result{Rule: RulePaths}
		}
		return Result{}
	}
	return Result{Kind: Package, Package: pkg, Subpath: sub, Rule: RuleNodeModules}
}

// configFor returns the config that applies to the file at from: the nearest one in its directory or
// above, not above the analysis root; nil when there is none.
func (r *Resolver) configFor(from string) *config {
	return r.configIn(dirOf(from))
}

// configIn returns the config that applies to files in dir.
func (r *Resolver) configIn(dir string) *config {
	for {
		if c := r.configs[dir]; c != nil {
			return c
		}
		if dir == r.root || dir == "" {
			return nil
		}
		dir = dirOf(dir)
	}
}

// exists reports whether p is a JS/TS source file of the project.
func (r *Resolver) exists(p string) bool {
	f := r.repo.File(p)
	return f != nil && f.Kind.IsSource()
}

// probe finds the file a module path (without or with extension) names.
func (r *Resolver) probe(p string) (string, bool) {
	if p == "" {
		return r.probeIndex("")
	}
	if outside(p) {
		return "", false
	}
	if r.exists(p) {
		return p, true
	}
	// `.js` written for a `.ts` source (TypeScript's ESM convention), and `.jsx` for `.tsx`.
	if ext := path.Ext(p); ext == ".js" || ext == ".jsx" || ext == ".mjs" || ext == ".cjs" {
		stem := strings.TrimSuffix(p, ext)
		alts := map[string][]string{".js": {".ts", ".tsx"}, ".jsx": {".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"}}[ext]
		for _, a := range alts {
			if r.exists(stem + a) {
				return stem + a, true
			}
		}
	}
	for _, ext := range Extensions {
		if r.exists(p + ext) {
			return p + ext, true
		}
	}
	return r.probeIndex(p)
}

// probeIndex finds dir/index.* ("index.*" for the top).
func (r *Resolver) probeIndex(dir string) (string, bool) {
	prefix := dir + "/"
	if dir == "" {
		prefix = ""
	}
	for _, ext := range Extensions {
		if r.exists(prefix + "index" + ext) {
			return prefix + "index" + ext, true
		}
	}
	return "", false
}

// SplitPackage splits a bare specifier into package name and subpath: "@clerk/nextjs/server" →
// ("@clerk/nextjs", "server"), "zod/v4" → ("zod", "v4"), "node:fs" → ("node:fs", "").
func SplitPackage(spec string) (pkg, sub string) {
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(parts) >= 2 {
		pkg = parts[0] + "/" + parts[1]
		if len(parts) == 3 {
			sub = parts[2]
		}
		return pkg, sub
	}
	pkg, sub, _ = strings.Cut(spec, "/")
	return pkg, sub
}

// validPackageName reports whether pkg (as returned by SplitPackage) could name an npm package or a
// builtin: "@scope/name" with both parts non-empty, or a name not starting with ".", "_", "~", "#" or "@".
// Aliases such as "@/lib" and "~/lib" are not package names.
func validPackageName(pkg string) bool {
	if pkg == "" {
		return false
	}
	if pkg[0] == '@' {
		scope, name, ok := strings.Cut(pkg[1:], "/")
		return ok && scope != "" && name != ""
	}
	return !strings.ContainsRune("._~#", rune(pkg[0]))
}

// isRelative reports whether spec is a relative specifier.
func isRelative(spec string) bool {
	return spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")
}

// cleanJoin joins slash-separated relative paths, "" standing for the top, and returns "" for the top.
func cleanJoin(dir, rel string) string {
	p := path.Join(dir, rel)
	if p == "." {
		return ""
	}
	return p
}

// outside reports whether the cleaned relative path p leaves the top.
func outside(p string) bool {
	return p == ".." || strings.HasPrefix(p, "../")
}

// dirOf returns the directory of a slash-separated relative path, "" at the top.
func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// baseOf returns the last element of a slash-separated relative path.
func baseOf(p string) string {
	return p[strings.LastIndexByte(p, '/')+1:]
}
