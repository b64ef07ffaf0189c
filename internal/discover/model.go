package discover

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/report"
)

// Repo is what Discover found under a Target's Root. Every slice is sorted (see each field) and every path is
// relative to Base and slash-separated, so two runs over the same tree produce deep-equal values.
type Repo struct {
	Target
	// Files are the files of interest that were not skipped, sorted by Path.
	Files []*File
	// Apps are the Next.js apps, sorted by Dir.
	Apps []*App
	// Packages are the directories holding a package.json (or a pnpm-workspace.yaml), sorted by Dir.
	Packages []*Package
	// Schemas are the Prisma schema sets, sorted by their first file. Every .prisma file in Files belongs to
	// exactly one set.
	Schemas []*SchemaSet
	// Notifications are about files that were skipped or could not be understood, sorted with
	// report.SortNotifications.
	Notifications []report.Notification
	// Skipped is the number of files of interest not analysed: too large, binary, unreadable, or behind a
	// symbolic link that leads outside Root.
	Skipped int

	maxFileSize int64
}

// File is one file of interest.
type File struct {
	// Path is relative to Base and slash-separated. A file reached through a symbolic link has the link's
	// path.
	Path string
	// Size is the size in bytes.
	Size int64
	// Kind says what the file holds.
	Kind Kind
	// Directive is the module directive of a JS/TS file: "use server", "use client" or "" (see
	// ModuleDirective).
	Directive string
	// MentionsUseServer is true when the text "use server" occurs anywhere in a JS/TS file, directive or not:
	// such a file may declare inline server actions.
	MentionsUseServer bool
}

// Kind is the kind of a file of interest.
type Kind string

// The kinds of files of interest.
const (
	// TS is TypeScript without JSX: .ts, .mts, .cts (declaration files .d.ts are not files of interest).
	TS Kind = "ts"
	// TSX is TypeScript with JSX: .tsx.
	TSX Kind = "tsx"
	// JS is JavaScript: .js, .mjs, .cjs.
	JS Kind = "js"
	// JSX is JavaScript with JSX: .jsx.
	JSX Kind = "jsx"
	// Prisma is a Prisma schema file: .prisma.
	Prisma Kind = "prisma"
	// JSON is package.json, tsconfig*.json and jsconfig.json.
	JSON Kind = "json"
	// Config is any other configuration file of interest: pnpm-workspace.yaml.
	Config Kind = "config"
)

// IsSource reports whether the kind is JavaScript or TypeScript source (TS, TSX, JS or JSX).
func (k Kind) IsSource() bool {
	return k == TS || k == TSX || k == JS || k == JSX
}

// The module directives.
const (
	UseServer = "use server"
	UseClient = "use client"
)

// App is one Next.js app: a directory whose package.json depends on next, or that holds a next.config file.
// A file belongs to the innermost app whose Dir contains it (see Repo.AppOf).
type App struct {
	// Dir is the app's directory, relative to Base; "" when the app is at Base.
	Dir string
	// Name is the name in the app's package.json, or "" when it has none.
	Name string
	// AppDirs holds the App Router directory ("app" or "src/app" under Dir), or is empty. It has at most one
	// entry: Next.js ignores src/app when app exists.
	AppDirs []string
	// PagesDirs holds the Pages Router directory ("pages" or "src/pages" under Dir), or is empty; at most one
	// entry, as for AppDirs.
	PagesDirs []string
	// Routes are the App Router route handlers (route.ts and friends), sorted by File.
	Routes []*Route
	// PagesAPI are the Pages Router API routes (pages/api/**), sorted by File.
	PagesAPI []*Route
	// ActionFiles are the app's files whose module directive is 'use server', sorted.
	ActionFiles []string
	// InlineActionCandidates are the app's JS/TS files that mention "use server" without having it as their
	// module directive (a function-level directive, or a mere mention), sorted.
	InlineActionCandidates []string
	// Middleware is the app's middleware.ts or proxy.ts, or nil.
	Middleware *Middleware
	// NextConfig is the path of the app's next.config file, or "".
	NextConfig string
}

// Route is one HTTP endpoint defined by a file.
type Route struct {
	// File is the path of the file defining the route.
	File string
	// URLPath is the route's URL path with dynamic segments kept verbatim: "/api/users/[id]",
	// "/api/auth/[...nextauth]", "/docs/[[...slug]]"; "/" for the root.
	URLPath string
}

// Middleware is a Next.js middleware file. Next.js 16 renamed middleware.ts to proxy.ts.
type Middleware struct {
	// Path is the file's path.
	Path string
	// Kind is "middleware" or "proxy".
	Kind string
}

// Package is one directory holding a package.json (or only a pnpm-workspace.yaml).
type Package struct {
	// Dir is the directory, relative to Base; "" at Base.
	Dir string
	// Name is the package name, or "".
	Name string
	// Private is the package.json "private" flag.
	Private bool
	// Deps merges dependencies, devDependencies, peerDependencies and optionalDependencies (name to version
	// range); where a name appears twice, dependencies wins over devDependencies over optional over peer.
	// Nil when there are none.
	Deps map[string]string
	// Workspaces are the workspace globs from package.json "workspaces" (array, or object with "packages")
	// followed by those of a pnpm-workspace.yaml in the same directory not already listed, as written.
	Workspaces []string
	// Main, Module and Types are the package.json fields of those names (Types falls back to "typings").
	Main, Module, Types string
	// Exports is the raw package.json "exports" value, or nil.
	Exports json.RawMessage
	// PrismaSchema is package.json "prisma": {"schema": …}, as written, or "".
	PrismaSchema string
}

// SchemaSet is one Prisma schema: a single file, or a folder of files that Prisma merges.
type SchemaSet struct {
	// Files are the .prisma files of the schema, sorted.
	Files []string
	// Dir is the schema's folder for a folder schema, else the directory of its only file.
	Dir string
	// Folder is true for a multi-file schema: Files are all .prisma files under Dir (recursively).
	Folder bool
	// Origin says how the schema was found: "prisma.config", "package.json" (the "prisma.schema" key),
	// "default" (prisma/schema.prisma or schema.prisma of a package), "folder" (the prisma/schema/ folder of
	// a package) or "found" (a .prisma file no package claims).
	Origin string
	// ConfigPath is the prisma.config file or package.json that names the schema, or "".
	ConfigPath string
	// PackageDir is the directory of the package the schema belongs to; for "found" sets, the file's
	// directory.
	PackageDir string
}

// The SchemaSet origins.
const (
	OriginPrismaConfig = "prisma.config"
	OriginPackageJSON  = "package.json"
	OriginDefault      = "default"
	OriginFolder       = "folder"
	OriginFound        = "found"
)

// File returns the file with the given Base-relative path, or nil.
func (r *Repo) File(p string) *File {
	i := sort.Search(len(r.Files), func(i int) bool { return r.Files[i].Path >= p })
	if i < len(r.Files) && r.Files[i].Path == p {
		return r.Files[i]
	}
	return nil
}

// AppOf returns the innermost app whose directory contains the Base-relative path p, or nil.
func (r *Repo) AppOf(p string) *App {
	var best *App
	for _, a := range r.Apps {
		if under(p, a.Dir) && (best == nil || len(a.Dir) > len(best.Dir)) {
			best = a
		}
	}
	return best
}

// Package returns the package whose Dir is dir, or nil.
func (r *Repo) Package(dir string) *Package {
	i := sort.Search(len(r.Packages), func(i int) bool { return r.Packages[i].Dir >= dir })
	if i < len(r.Packages) && r.Packages[i].Dir == dir {
		return r.Packages[i]
	}
	return nil
}

// under reports whether the slash-separated relative path p is dir or lies below it; every path is under "".
func under(p, dir string) bool {
	if dir == "" {
		return true
	}
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// joinRel joins slash-separated relative paths, treating "" as the top.
func joinRel(dir, name string) string {
	if dir == "" {
		return name
	}
	if name == "" {
		return dir
	}
	return dir + "/" + name
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
