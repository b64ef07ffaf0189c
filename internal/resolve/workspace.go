package resolve

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/archlint/archlint/internal/discover"
)

// Workspace packages, and why their entry points are searched for leniently.
//
// A monorepo's internal packages are imported by name ("@acme/auth", "@acme/db/client"); the package
// manager links them into node_modules, which archlint never reads, so the name is looked up among the
// repository's own package.json files instead. Which file a name stands for follows Node's rules as far as
// they lead to a project file, and then keeps looking, because an analyzer would rather read the source than
// give up:
//
//  1. package.json "exports": the subpath's entry (".", "./client", a "./*" pattern with the longest
//     prefix, or a legacy "./dir/" folder mapping). Conditions are taken in the order the package lists
//     them, all of them (import, require, default, types, node, react-server, custom ones …) except
//     "browser", since archlint reads server code; arrays are fallbacks in order; null is skipped.
//  2. for the package itself: "main", "module", "types", then index.* in the package folder; for a subpath:
//     the folder path with the usual extension and index probing.
//
// Every target is tried as written first and then mapped back to its source, since internal packages often
// point at build output that only exists after a build: "./dist/client.js" is tried as dist/client.{ts,…},
// then as src/client.* and client.* (a leading dist/, build/, lib/, out/, esm/, cjs/, es/ or types/ folder,
// up to two of them, is replaced by src/ or dropped); declaration files (.d.ts) map the same way.

// workspacePackage is a workspace package with its exports map parsed.
type workspacePackage struct {
	*discover.Package
	exports *exportsMap
}

// outDirs are folder names build tools write compiled output to.
var outDirs = map[string]bool{
	"dist": true, "build": true, "lib": true, "out": true, "esm": true, "cjs": true, "es": true, "types": true,
}

// outputExts are extensions of compiled output, longest first.
var outputExts = []string{".d.mts", ".d.cts", ".d.ts", ".mjs", ".cjs", ".jsx", ".js"}

// workspaceFile finds the project file a workspace package's subpath ("" for the package itself) names.
func (r *Resolver) workspaceFile(wp *workspacePackage, sub string) (string, bool) {
	pkg := wp.Package
	for _, t := range wp.exports.targets(sub) {
		if p, ok := r.packageTarget(pkg.Dir, t); ok {
			return p, true
		}
	}
	if sub == "" {
		for _, t := range []string{pkg.Main, pkg.Module, pkg.Types} {
			if t == "" {
				continue
			}
			if p, ok := r.packageTarget(pkg.Dir, t); ok {
				return p, true
			}
		}
		return r.probeIndex(pkg.Dir)
	}
	return r.packageTarget(pkg.Dir, sub)
}

// packageTarget finds the project file a package-relative target ("./dist/x.js", "src/index.ts") names,
// mapping build output back to its source.
func (r *Resolver) packageTarget(dir, target string) (string, bool) {
	rel := path.Clean(strings.TrimPrefix(target, "./"))
	if rel == "." || path.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	if p, ok := r.probe(cleanJoin(dir, rel)); ok {
		return p, true
	}
	stem := rel
	for _, ext := range outputExts {
		if strings.HasSuffix(stem, ext) {
			stem = strings.TrimSuffix(stem, ext)
			break
		}
	}
	if stem != rel {
		if p, ok := r.probe(cleanJoin(dir, stem)); ok {
			return p, true
		}
	}
	rest, stripped := stem, 0
	for stripped < 2 {
		first, after, ok := strings.Cut(rest, "/")
		if !ok || !outDirs[first] {
			break
		}
		rest, stripped = after, stripped+1
	}
	if stripped == 0 {
		return "", false
	}
	if p, ok := r.probe(cleanJoin(dir, "src/"+rest)); ok {
		return p, true
	}
	return r.probe(cleanJoin(dir, rest))
}

// exportsMap is a parsed package.json "exports": its subpath entries in document order, each with its
// targets flattened (see flattenTargets). The sugar forms (a string, an array, a conditions object) are
// the single entry ".".
type exportsMap struct {
	entries []exportEntry
}

type exportEntry struct {
	// key is the subpath as written: ".", "./client", "./providers/*", "./internal/".
	key string
	// targets are the entry's targets in the order to try them, `*` not yet substituted.
	targets []string
}

// parseExports parses an "exports" value; nil when it is absent or not understood.
func parseExports(raw json.RawMessage) *exportsMap {
	if len(raw) == 0 {
		return nil
	}
	ms, isObject := members(raw)
	if !isObject || len(ms) == 0 || !strings.HasPrefix(ms[0].Key, ".") {
		return &exportsMap{entries: []exportEntry{{key: ".", targets: flattenTargets(raw, 0)}}}
	}
	m := &exportsMap{}
	for _, e := range ms {
		m.entries = append(m.entries, exportEntry{key: e.Key, targets: flattenTargets(e.Value, 0)})
	}
	return m
}

// targets returns the targets the map gives the subpath sub ("" for the package itself), in the order they
// should be tried, with `*` substituted; nil when the map has no entry for sub.
func (m *exportsMap) targets(sub string) []string {
	if m == nil {
		return nil
	}
	key := "."
	if sub != "" {
		key = "./" + sub
	}
	for _, e := range m.entries {
		if e.key == key {
			return e.targets
		}
	}
	// The pattern whose prefix before `*` is longest wins (Node's PATTERN_KEY_COMPARE); a legacy folder
	// mapping ("./dir/") applies only when no pattern does.
	var best *exportEntry
	var bestStar string
	for i := range m.entries {
		e := &m.entries[i]
		prefix, suffix, ok := strings.Cut(e.key, "*")
		if !ok || strings.Contains(suffix, "*") || len(key) < len(prefix)+len(suffix) ||
			!strings.HasPrefix(key, prefix) || !strings.HasSuffix(key, suffix) {
			continue
		}
		if best == nil || len(prefix) > strings.Index(best.key, "*") {
			best, bestStar = e, key[len(prefix):len(key)-len(suffix)]
		}
	}
	if best != nil {
		out := make([]string, len(best.targets))
		for i, t := range best.targets {
			out[i] = strings.ReplaceAll(t, "*", bestStar)
		}
		return out
	}
	var folder *exportEntry
	for i := range m.entries {
		e := &m.entries[i]
		if strings.HasSuffix(e.key, "/") && strings.HasPrefix(key, e.key) && (folder == nil || len(e.key) > len(folder.key)) {
			folder = e
		}
	}
	if folder == nil {
		return nil
	}
	var out []string
	for _, t := range folder.targets {
		if strings.HasSuffix(t, "/") {
			out = append(out, t+key[len(folder.key):])
		}
	}
	return out
}

// flattenTargets flattens an exports value (string, fallback array, conditions object) into its targets in
// order. Every condition is taken except "browser"; null is skipped.
func flattenTargets(v json.RawMessage, depth int) []string {
	if depth > 8 {
		return nil
	}
	switch jsonKind(v) {
	case '"':
		var s string
		if json.Unmarshal(v, &s) != nil {
			return nil
		}
		return []string{s}
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(v, &list) != nil {
			return nil
		}
		var out []string
		for _, e := range list {
			out = append(out, flattenTargets(e, depth+1)...)
		}
		return out
	case '{':
		ms, _ := members(v)
		var out []string
		for _, m := range ms {
			if m.Key == "browser" {
				continue
			}
			out = append(out, flattenTargets(m.Value, depth+1)...)
		}
		return out
	}
	return nil
}
