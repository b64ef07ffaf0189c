// Package prismaschema is the analyzer that loads the repository's Prisma schemas once for every analyzer
// that needs them (through Pass.ResultOf). It reads each schema set that discovery found, parses its files
// with internal/prismaschema, builds one Schema per set and reports the files' syntax errors as
// notifications (a broken line does not stop the rest of the schema from being analysed).
//
// It reports no rule: the Prisma rules live in analyzers/prismarules. It reads files only through
// Repo.ReadFile.
package prismaschema

import (
	"fmt"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/internal/discover"
	psl "github.com/archlint/archlint/internal/prismaschema"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// Analyzer loads every Prisma schema set of the repository. Its result is a *Result.
var Analyzer = &analyzers.Analyzer{
	Name: "prismaschema",
	Doc:  "Loads and parses every Prisma schema of the repository (single files and folder schemas); reports syntax errors as notifications.",
	Run:  run,
}

// maxSyntaxNotes bounds the syntax-error notifications per file: the first few locate the problem, the
// rest are usually consequences of it.
const maxSyntaxNotes = 5

// Result is what Analyzer returns: the built schemas.
type Result struct {
	// Sets are the schemas in the order of Repo.Schemas (sorted by their first file). A set whose files
	// could not be read at all is left out.
	Sets []*Set
}

// Set is one schema: the set discovery found and the schema built from its files.
type Set struct {
	Files *discover.SchemaSet
	// Schema is built from the files that could be read. Paths in it (Model.Path, File.Path) are
	// repository-relative, as in findings.
	Schema *psl.Schema
}

// For returns the schemas that code in the file at path most plausibly uses, best first: the sets whose
// package directory contains path (the innermost first), then every other set in order. In a repository
// with one schema that is just that schema.
func (r *Result) For(path string) []*Set {
	if r == nil {
		return nil
	}
	out := make([]*Set, 0, len(r.Sets))
	var rest []*Set
	for _, s := range r.Sets {
		if under(path, s.Files.PackageDir) {
			out = append(out, s)
		} else {
			rest = append(rest, s)
		}
	}
	// Innermost package first; ties keep the order of Sets.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].Files.PackageDir) > len(out[j-1].Files.PackageDir); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return append(out, rest...)
}

func under(p, dir string) bool {
	return dir == "" || p == dir || strings.HasPrefix(p, dir+"/")
}

func run(pass *analyzers.Pass) (any, error) {
	repo := pass.Project.Repo
	res := &Result{}
	for _, set := range repo.Schemas {
		files := make([]*psl.File, 0, len(set.Files))
		for _, path := range set.Files {
			src, err := repo.ReadFile(path)
			if err != nil {
				pass.Notify(report.Notification{ID: "prisma-unreadable", Level: rules.Warning, Path: path,
					Message: fmt.Sprintf("Prisma schema file could not be read (%v); the Prisma rules do not see its models", err)})
				continue
			}
			f := psl.Parse(path, src)
			notifySyntax(pass, f)
			files = append(files, f)
		}
		if len(files) == 0 {
			continue
		}
		res.Sets = append(res.Sets, &Set{Files: set, Schema: psl.Build(files...)})
	}
	return res, nil
}

// notifySyntax reports the syntax errors of a schema file.
func notifySyntax(pass *analyzers.Pass, f *psl.File) {
	for i, d := range f.Diagnostics {
		if i == maxSyntaxNotes {
			pass.Notify(report.Notification{ID: "prisma-syntax-error", Level: rules.Warning, Path: f.Path,
				Message: fmt.Sprintf("%d more Prisma syntax errors in this file are not listed", len(f.Diagnostics)-maxSyntaxNotes)})
			return
		}
		p := d.Range.Start
		pass.Notify(report.Notification{ID: "prisma-syntax-error", Level: rules.Warning, Path: f.Path,
			Position: &report.Position{Offset: p.Offset, Line: p.Line, Column: p.Column},
			Message:  "Prisma schema syntax error: " + d.Message + "; the rest of the schema is still analysed"})
	}
}
