// Package resolve maps an import specifier written in one file to the file it names, the way TypeScript's
// bundler resolution and Next.js do it: relative paths with extension and index probing, and `.js` written
// for a `.ts` file. Specifiers it cannot map to a project file are reported as packages (by package name)
// or as unresolved.
//
// It works only on the set of files discovery found; it never touches the file system.
package resolve

import (
	"path"
	"strings"
)

// Kind says what a specifier resolved to.
type Kind uint8

// Resolution kinds.
const (
	// Unresolved: a relative or aliased specifier that names no known file.
	Unresolved Kind = iota
	// Local: a file of the project.
	Local
	// Package: a bare specifier left to node_modules; Result.Package names it.
	Package
)

// Result is the outcome of resolving one specifier.
type Result struct {
	Kind Kind
	// Path is the project file for Local results.
	Path string
	// Package is the package name for Package results ("next-auth", "@clerk/nextjs"); Subpath is the rest
	// of the specifier ("server" for "@clerk/nextjs/server").
	Package, Subpath string
}

// Extensions are tried in this order when a specifier has none, as Next.js's webpack config does.
var Extensions = []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"}

// Resolver resolves specifiers against a fixed set of files.
type Resolver struct {
	exists func(path string) bool
}

// New returns a resolver over the files for which exists returns true. Paths are slash-separated and
// relative to the same base as the importing files' paths.
func New(exists func(path string) bool) *Resolver {
	return &Resolver{exists: exists}
}

// Resolve resolves spec as written in the file at from.
func (r *Resolver) Resolve(from, spec string) Result {
	if spec == "" {
		return Result{}
	}
	if strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == ".." {
		target := path.Join(path.Dir(from), spec)
		if strings.HasPrefix(target, "../") || target == ".." {
			return Result{}
		}
		if target == "." {
			target = ""
		}
		if p, ok := r.probe(target); ok {
			return Result{Kind: Local, Path: p}
		}
		return Result{}
	}
	if strings.HasPrefix(spec, "/") {
		return Result{}
	}
	pkg, sub := SplitPackage(spec)
	return Result{Kind: Package, Package: pkg, Subpath: sub}
}

// probe finds the file a module path (without or with extension) names.
func (r *Resolver) probe(p string) (string, bool) {
	if p != "" && r.exists(p) {
		if _, ok := sourceExt(p); ok {
			return p, true
		}
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
		if p != "" && r.exists(p+ext) {
			return p + ext, true
		}
	}
	prefix := p + "/"
	if p == "" {
		prefix = ""
	}
	for _, ext := range Extensions {
		if r.exists(prefix + "index" + ext) {
			return prefix + "index" + ext, true
		}
	}
	return "", false
}

func sourceExt(p string) (string, bool) {
	ext := path.Ext(p)
	for _, e := range Extensions {
		if e == ext {
			return ext, true
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
