package discover

// Where Prisma schemas are.
//
// Prisma finds a package's schema, in order (prisma.io/docs/orm/prisma-schema/overview/location):
//  1. the `schema` property of prisma.config.{ts,mts,cts,js,mjs,cjs} (Prisma 6+), relative to the config
//     file; when a config file exists, package.json's "prisma" key is ignored;
//  2. package.json "prisma": {"schema": "…"}, relative to the package.json;
//  3. the defaults prisma/schema.prisma, then schema.prisma. The prisma/schema/ folder was the default of
//     the prismaSchemaFolder preview and is still common.
// A location may name a file or a folder. A folder is a multi-file schema: every .prisma file below it,
// subfolders included, is one schema. When a named file sits in a folder (other than the package directory
// itself) that holds other .prisma files, archlint takes the whole folder — the preview feature loaded the
// folder of the named file, and multi-file layouts keep a main.prisma or schema.prisma next to the models.
//
// The config file is not executed: a small scanner finds a `schema:` property whose value is a string
// literal, a template literal without substitutions, or path.join/path.resolve/join/resolve over such
// literals (with __dirname and import.meta.dirname ignored). Anything else is reported as
// prisma-config-unresolved and the defaults are used.
//
// Explicit locations are resolved for every package before any default, and each .prisma file belongs to
// the first set that claims it. A .prisma file no package claims becomes a set of its own (origin "found").

import (
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// prismaConfigNames are the Prisma config file names, in the order archlint prefers them when a directory
// has several.
var prismaConfigNames = []string{
	"prisma.config.ts", "prisma.config.mts", "prisma.config.cts",
	"prisma.config.js", "prisma.config.mjs", "prisma.config.cjs",
}

// prismaConfigRank returns the preference of a Prisma config file name, -1 for any other name.
func prismaConfigRank(name string) int {
	for i, n := range prismaConfigNames {
		if n == name {
			return i
		}
	}
	return -1
}

// prismaConfig is what scanning a Prisma config file found.
type prismaConfig struct {
	path string // Base-relative path of the config file
	// schema is the schema location as written, "" when none could be read.
	schema string
	// unresolved is true when a schema property exists but no value of one is a literal.
	unresolved bool
}

// scanPrismaConfig finds the schema location in the source of a Prisma config file.
func scanPrismaConfig(rel string, src []byte) *prismaConfig {
	pc := &prismaConfig{path: rel}
	n := len(src)
	prev := byte(0) // last significant byte before the current token
	for i := 0; i < n; {
		c := src[i]
		switch {
		case c == '/' && i+1 < n && (src[i+1] == '/' || src[i+1] == '*'):
			j, _, ok := skipTrivia(src, i)
			if !ok {
				return pc
			}
			i = j
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '\'' || c == '"' || c == '`':
			s, end, ok := scanStringLiteral(src, i)
			if !ok {
				return pc
			}
			if s == "schema" && prev != '.' {
				if v, found := pc.valueAfterKey(src, end); found {
					pc.schema, pc.unresolved = v, false
					return pc
				}
			}
			i, prev = end, c
			continue
		case isIdentStart(c):
			j := i
			for j < n && isIdentPart(src[j]) {
				j++
			}
			if string(src[i:j]) == "schema" && prev != '.' {
				if v, found := pc.valueAfterKey(src, j); found {
					pc.schema, pc.unresolved = v, false
					return pc
				}
			}
			i, prev = j, src[j-1]
			continue
		}
		prev = c
		i++
	}
	return pc
}

// valueAfterKey reads `: value` after a schema key ending at i. found is true when the value is a literal
// location; a key with another value marks the config unresolved.
func (pc *prismaConfig) valueAfterKey(src []byte, i int) (string, bool) {
	i, _, _ = skipTrivia(src, i)
	if i >= len(src) || src[i] != ':' {
		return "", false
	}
	v, ok := literalPath(src, i+1)
	if !ok || v == "" {
		pc.unresolved = true
		return "", false
	}
	return v, true
}

// literalPath reads a string literal, or a path.join/resolve call over literals, at i.
func literalPath(src []byte, i int) (string, bool) {
	i, _, _ = skipTrivia(src, i)
	if i >= len(src) {
		return "", false
	}
	if c := src[i]; c == '\'' || c == '"' || c == '`' {
		s, _, ok := scanStringLiteral(src, i)
		return s, ok
	}
	j := i
	for j < len(src) && (isIdentPart(src[j]) || src[j] == '.') {
		j++
	}
	switch string(src[i:j]) {
	case "path.join", "path.resolve", "join", "resolve", "path.posix.join", "path.posix.resolve":
	default:
		return "", false
	}
	j, _, _ = skipTrivia(src, j)
	if j >= len(src) || src[j] != '(' {
		return "", false
	}
	j++
	var parts []string
	for {
		j, _, _ = skipTrivia(src, j)
		if j >= len(src) {
			return "", false
		}
		if src[j] == ')' {
			break
		}
		switch c := src[j]; {
		case c == '\'' || c == '"' || c == '`':
			s, end, ok := scanStringLiteral(src, j)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
			j = end
		case hasWord(src[j:], "__dirname"):
			j += len("__dirname")
		case hasWord(src[j:], "import.meta.dirname"):
			j += len("import.meta.dirname")
		default:
			return "", false
		}
		j, _, _ = skipTrivia(src, j)
		if j < len(src) && src[j] == ',' {
			j++
		}
	}
	if len(parts) == 0 {
		return "", false
	}
	return path.Join(parts...), true
}

func hasWord(b []byte, w string) bool {
	return strings.HasPrefix(string(b[:min(len(b), len(w)+1)]), w) && (len(b) == len(w) || !isIdentPart(b[len(w)]))
}

// scanStringLiteral reads the quoted string starting at i. It returns the text (escapes kept as written,
// except \\ and escaped quotes), the index after the closing quote, and false for an unterminated string or
// a template literal with a substitution.
func scanStringLiteral(src []byte, i int) (string, int, bool) {
	q := src[i]
	var b strings.Builder
	for j := i + 1; j < len(src); j++ {
		c := src[j]
		switch {
		case c == q:
			return b.String(), j + 1, true
		case c == '\\' && j+1 < len(src):
			j++
			b.WriteByte(src[j])
		case (c == '\n' || c == '\r') && q != '`':
			return "", j, false
		case c == '$' && q == '`' && j+1 < len(src) && src[j+1] == '{':
			return "", j, false
		default:
			b.WriteByte(c)
		}
	}
	return "", len(src), false
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func isIdentPart(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') }

// schemaBuilder assigns .prisma files to schema sets.
type schemaBuilder struct {
	r       *Repo
	dirs    map[string]bool
	files   []string // every .prisma file, sorted
	claimed map[string]bool
	sets    []*SchemaSet
}

// buildSchemas resolves the schema location of every package and collects the remaining .prisma files.
func buildSchemas(r *Repo, pkgs map[string]*packageJSON, cfgs map[string]*prismaConfig, dirs map[string]bool) []*SchemaSet {
	b := &schemaBuilder{r: r, dirs: dirs, claimed: map[string]bool{}}
	for _, f := range r.Files {
		if f.Kind == Prisma {
			b.files = append(b.files, f.Path)
		}
	}
	var pkgDirs []string
	for d := range pkgs {
		pkgDirs = append(pkgDirs, d)
	}
	for d := range cfgs {
		if pkgs[d] == nil {
			pkgDirs = append(pkgDirs, d)
		}
	}
	sort.Strings(pkgDirs)

	explicit := map[string]bool{}
	for _, d := range pkgDirs {
		if c := cfgs[d]; c != nil {
			if c.schema != "" {
				explicit[d] = true
				b.named(d, c.schema, OriginPrismaConfig, c.path)
			} else if c.unresolved {
				b.note("prisma-config-unresolved", rules.Note, c.path,
					"the schema location in "+c.path+" is not a string literal; archlint assumes the default location")
			}
		} else if p := pkgs[d]; p != nil && p.prismaSchema != "" {
			explicit[d] = true
			b.named(d, p.prismaSchema, OriginPackageJSON, joinRel(d, "package.json"))
		}
	}
	for _, d := range pkgDirs {
		if explicit[d] {
			continue
		}
		switch {
		case b.isFile(joinRel(d, "prisma/schema.prisma")):
			b.fileSet(d, joinRel(d, "prisma/schema.prisma"), OriginDefault, "")
		case b.dirs[joinRel(d, "prisma/schema")] && len(b.under(joinRel(d, "prisma/schema"))) > 0:
			b.add(&SchemaSet{Dir: joinRel(d, "prisma/schema"), Folder: true, Origin: OriginFolder, PackageDir: d},
				b.under(joinRel(d, "prisma/schema")))
		case b.isFile(joinRel(d, "schema.prisma")):
			b.fileSet(d, joinRel(d, "schema.prisma"), OriginDefault, "")
		}
	}
	for _, f := range b.files {
		if !b.claimed[f] {
			b.add(&SchemaSet{Dir: dirOf(f), Origin: OriginFound, PackageDir: dirOf(f)}, []string{f})
		}
	}
	sort.Slice(b.sets, func(i, j int) bool { return b.sets[i].Files[0] < b.sets[j].Files[0] })
	return b.sets
}

func (b *schemaBuilder) note(id string, level rules.Severity, p, msg string) {
	b.r.Notifications = append(b.r.Notifications, report.Notification{ID: id, Level: level, Path: p, Message: msg})
}

func (b *schemaBuilder) isFile(p string) bool {
	i := sort.SearchStrings(b.files, p)
	return i < len(b.files) && b.files[i] == p
}

// under returns the .prisma files in dir or below it.
func (b *schemaBuilder) under(dir string) []string {
	var out []string
	for _, f := range b.files {
		if under(f, dir) && f != dir {
			out = append(out, f)
		}
	}
	return out
}

// named resolves a location written in a config file of the package at pkgDir.
func (b *schemaBuilder) named(pkgDir, loc, origin, config string) {
	var target string
	if filepath.IsAbs(loc) {
		target = relSlash(b.r.Base, filepath.Clean(loc))
		if r, err := filepath.Rel(b.r.Base, filepath.Clean(loc)); err != nil || strings.HasPrefix(r, "..") {
			target = ".."
		}
	} else {
		target = path.Clean(path.Join(pkgDir, filepath.ToSlash(loc)))
		if target == "." {
			target = ""
		}
	}
	if target == ".." || strings.HasPrefix(target, "../") || !under(target, b.r.RootRel) {
		b.note("prisma-schema-outside-root", rules.Note, config,
			config+" names the Prisma schema "+loc+", which is outside the analysed directory; it is not analysed")
		return
	}
	switch {
	case b.isFile(target):
		b.fileSet(pkgDir, target, origin, config)
	case b.dirs[target] && len(b.under(target)) > 0:
		b.add(&SchemaSet{Dir: target, Folder: true, Origin: origin, ConfigPath: config, PackageDir: pkgDir}, b.under(target))
	default:
		b.note("prisma-schema-missing", rules.Note, config,
			config+" names the Prisma schema "+loc+", which was not found (missing, ignored or skipped)")
	}
}

// fileSet makes the set of a named schema file: the file alone, or its whole folder when that folder is
// not the package directory and holds other .prisma files.
func (b *schemaBuilder) fileSet(pkgDir, file, origin, config string) {
	dir := dirOf(file)
	if dir != pkgDir {
		if files := b.under(dir); len(files) > 1 {
			b.add(&SchemaSet{Dir: dir, Folder: true, Origin: origin, ConfigPath: config, PackageDir: pkgDir}, files)
			return
		}
	}
	b.add(&SchemaSet{Dir: dir, Origin: origin, ConfigPath: config, PackageDir: pkgDir}, []string{file})
}

// add records a set with the files no earlier set claimed; a set left empty is dropped.
func (b *schemaBuilder) add(s *SchemaSet, files []string) {
	for _, f := range files {
		if !b.claimed[f] {
			b.claimed[f] = true
			s.Files = append(s.Files, f)
		}
	}
	if len(s.Files) > 0 {
		b.sets = append(b.sets, s)
	}
}
