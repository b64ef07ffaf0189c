package resolve

import (
	"encoding/json"
	"path"
	"strings"
)

// How TypeScript (and Next.js, which reads the same file with TypeScript's own parser) interprets
// compilerOptions.baseUrl and compilerOptions.paths, as reproduced here:
//
//   - The config that applies to a file is the nearest tsconfig.json in its directory or above; Next.js falls
//     back to jsconfig.json when there is no tsconfig.json, so in each directory tsconfig.json is looked for
//     first, then jsconfig.json. The search never leaves the analysis root. `include`, `files` and
//     `references` are not consulted: a file is governed by the config next to it or above it.
//   - `extends` is a path (relative to the extending file; ".json" is appended when the path as written does
//     not exist), a package specifier ("@acme/tsconfig/nextjs.json"), or, since TypeScript 5.0, an array of
//     those applied left to right. Package specifiers are resolved only to workspace packages of the
//     repository: node_modules is never read, and a base that cannot be found is skipped silently (tsc would
//     fail; the options of the files that were found still apply).
//   - Options of a base are overridden key by key by the extending config; `paths` is replaced whole, never
//     merged.
//   - `baseUrl` is relative to the config file that sets it. `paths` targets are relative to the effective
//     baseUrl when there is one, else to the directory of the config file that sets `paths`.
//   - A specifier matching a key exactly uses that key; otherwise the `*` pattern with the longest prefix
//     wins. Its targets are tried in order, the matched text replacing the target's `*`. When no target
//     names a file, resolution carries on with baseUrl and then packages.

// maxExtendsDepth bounds `extends` chains; deeper chains are cut there (a cycle is cut where it closes).
const maxExtendsDepth = 16

// config is the part of an effective (extends-merged) tsconfig that resolution uses.
type config struct {
	// Path is the config file the options were read from (the file nearest the importer, not its bases).
	Path string
	// BaseURL is the effective baseUrl as a Base-relative directory; HasBaseURL says whether one is set.
	BaseURL    string
	HasBaseURL bool
	// Paths are the `paths` rules in declaration order; PathsDir is the directory of the config that set
	// them.
	Paths    []pathRule
	PathsDir string
}

// pathRule is one `paths` entry.
type pathRule struct {
	// Key is the pattern as written; Prefix and Suffix surround its `*` when Star is set.
	Key            string
	Prefix, Suffix string
	Star           bool
	Targets        []string
}

// targetBase is the directory `paths` targets are relative to.
func (c *config) targetBase() string {
	if c.HasBaseURL {
		return c.BaseURL
	}
	return c.PathsDir
}

// match returns the rule `paths` applies to spec and the text its `*` matched.
func (c *config) match(spec string) (*pathRule, string) {
	for i := range c.Paths {
		if r := &c.Paths[i]; !r.Star && r.Key == spec {
			return r, ""
		}
	}
	var best *pathRule
	for i := range c.Paths {
		r := &c.Paths[i]
		if !r.Star || len(spec) < len(r.Prefix)+len(r.Suffix) ||
			!strings.HasPrefix(spec, r.Prefix) || !strings.HasSuffix(spec, r.Suffix) {
			continue
		}
		if best == nil || len(r.Prefix) > len(best.Prefix) {
			best = r
		}
	}
	if best == nil {
		return nil, ""
	}
	return best, spec[len(best.Prefix) : len(spec)-len(best.Suffix)]
}

// rawConfig is the JSON of one config file.
type rawConfig struct {
	Extends         json.RawMessage `json:"extends"`
	CompilerOptions *struct {
		BaseURL *string         `json:"baseUrl"`
		Paths   json.RawMessage `json:"paths"`
	} `json:"compilerOptions"`
}

// configLoader reads config files and their extends chains. It is used only while New runs.
type configLoader struct {
	r       *Resolver
	raw     map[string]*rawConfig // by path; nil when unreadable or not JSONC
	loaded  map[string]config     // effective options by path
	loading map[string]bool       // the chain being loaded, to cut cycles
}

// read returns the parsed config file at p, or nil.
func (l *configLoader) read(p string) *rawConfig {
	if c, ok := l.raw[p]; ok {
		return c
	}
	var c *rawConfig
	if data, err := l.r.repo.ReadFile(p); err == nil {
		var rc rawConfig
		if parseJSONC(data, &rc) == nil {
			c = &rc
		}
	}
	l.raw[p] = c
	return c
}

// load returns the effective options of the config file at p (extends applied). A file that cannot be
// read or parsed contributes nothing.
func (l *configLoader) load(p string, depth int) config {
	if c, ok := l.loaded[p]; ok {
		return c
	}
	c := config{Path: p}
	rc := l.read(p)
	if rc == nil || l.loading[p] || depth > maxExtendsDepth {
		return c
	}
	l.loading[p] = true
	defer delete(l.loading, p)

	dir := dirOf(p)
	for _, ext := range extendsList(rc.Extends) {
		bp, ok := l.extendsPath(dir, ext)
		if !ok || l.loading[bp] {
			continue
		}
		b := l.load(bp, depth+1)
		if b.HasBaseURL {
			c.BaseURL, c.HasBaseURL = b.BaseURL, true
		}
		if b.Paths != nil {
			c.Paths, c.PathsDir = b.Paths, b.PathsDir
		}
	}
	if co := rc.CompilerOptions; co != nil {
		if co.BaseURL != nil && !path.IsAbs(*co.BaseURL) {
			c.BaseURL, c.HasBaseURL = cleanJoin(dir, *co.BaseURL), true
		}
		if rules, ok := parsePaths(co.Paths); ok {
			c.Paths, c.PathsDir = rules, dir
		}
	}
	l.loaded[p] = c
	return c
}

// extendsList returns the `extends` value as a list: a string, or an array of strings (TypeScript 5.0).
func extendsList(raw json.RawMessage) []string {
	switch jsonKind(raw) {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			return []string{s}
		}
	case '[':
		var list []string
		if json.Unmarshal(raw, &list) == nil {
			return list
		}
	}
	return nil
}

// extendsPath finds the file an `extends` entry written in a config in dir names.
func (l *configLoader) extendsPath(dir, spec string) (string, bool) {
	if isRelative(spec) {
		p := cleanJoin(dir, spec)
		if outside(p) {
			return "", false
		}
		if l.read(p) != nil {
			return p, true
		}
		if !strings.HasSuffix(p, ".json") && l.read(p+".json") != nil {
			return p + ".json", true
		}
		return "", false
	}
	pkgName, sub := SplitPackage(spec)
	pkg := l.r.packages[pkgName]
	if pkg == nil {
		return "", false // a package from node_modules: never read
	}
	var cands []string
	for _, t := range pkg.exports.targets(sub) {
		cands = append(cands, cleanJoin(pkg.Dir, t))
	}
	if sub == "" {
		cands = append(cands, cleanJoin(pkg.Dir, "tsconfig.json"))
	} else {
		p := cleanJoin(pkg.Dir, sub)
		cands = append(cands, p)
		if !strings.HasSuffix(p, ".json") {
			cands = append(cands, p+".json", p+"/tsconfig.json")
		}
	}
	for _, c := range cands {
		if !outside(c) && l.read(c) != nil {
			return c, true
		}
	}
	return "", false
}

// parsePaths reads compilerOptions.paths in declaration order. Keys with more than one `*` are ignored, as
// TypeScript reports them as errors; a target may be a single string instead of an array.
func parsePaths(raw json.RawMessage) ([]pathRule, bool) {
	ms, ok := members(raw)
	if !ok {
		return nil, false
	}
	rules := []pathRule{}
	for _, m := range ms {
		r := pathRule{Key: m.Key}
		switch strings.Count(m.Key, "*") {
		case 0:
		case 1:
			r.Star = true
			r.Prefix, r.Suffix, _ = strings.Cut(m.Key, "*")
		default:
			continue
		}
		switch jsonKind(m.Value) {
		case '[':
			var list []string
			if json.Unmarshal(m.Value, &list) != nil {
				continue
			}
			r.Targets = list
		case '"':
			var s string
			if json.Unmarshal(m.Value, &s) != nil {
				continue
			}
			r.Targets = []string{s}
		default:
			continue
		}
		rules = append(rules, r)
	}
	return rules, true
}
