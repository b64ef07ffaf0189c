// Package engine runs an analysis end to end, short of writing output: locate the roots, discover the
// repository, load and parse what the analysis needs, run the analyzers, and apply the processors. The
// check command, the fixture harness and the catalog test all go through Analyze, so they analyse exactly
// the same way.
package engine

import (
	"errors"
	"fmt"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/prismaschema"
	"github.com/archlint/archlint/analyzers/suite"
	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/version"
	"github.com/archlint/archlint/rules"
)

// Options describe one analysis.
type Options struct {
	// Paths are the paths to analyse (default ".").
	Paths []string
	// Exclude are globs of paths whose findings are dropped.
	Exclude []string
	// Analyzers default to suite.All().
	Analyzers []*analyzers.Analyzer
	// Rules are the enabled rules; nil enables all.
	Rules []*rules.Rule
	// Settings are the analyzer settings from configuration (custom guards, public endpoints).
	Settings analyzers.Settings
	// Processors returns extra processors, run after scope and before sort, in the order returned
	// (suppressions, then baseline, then the new-findings filter). It sees the analysed project, which
	// suppression directives need.
	Processors func(*Result) ([]processors.Processor, error)
}

// Result is what an analysis produced.
type Result struct {
	Report  *report.Report
	Project *project.Project
	Target  *discover.Target
	// Schemas are the Prisma schemas the run loaded (the result of prismaschema.Analyzer, for `archlint map
	// --erd`); nil when the analyzers did not include it or it failed.
	Schemas []*prismaschema.Set
}

// ErrInput marks errors caused by the input (a path that does not exist, paths in different projects):
// the CLI maps them to a usage error.
var ErrInput = errors.New("invalid input")

// Analyze runs the analysis.
func Analyze(opt Options) (*Result, error) {
	paths := opt.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if err := processors.ValidateGlobs(opt.Exclude); err != nil {
		return nil, fmt.Errorf("%w: exclude: %v", ErrInput, err)
	}
	target, err := discover.Locate(paths)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	repo, err := discover.Discover(target, discover.Options{})
	if err != nil {
		return nil, err
	}
	proj := project.Load(repo, project.Options{SkipEntry: func(p string) bool { return processors.MatchAny(opt.Exclude, p) }})
	as := opt.Analyzers
	if as == nil {
		as = suite.All()
	}
	var schemas *prismaschema.Result
	if needs(as, prismaschema.Analyzer) {
		// The driver hands results only to analyzers that require them: a last analyzer takes the schemas
		// out, so that prismaschema still runs once.
		as = append(as[:len(as):len(as)], &analyzers.Analyzer{Name: "engine-schemas", Doc: "Hands the loaded Prisma schemas to engine.Result.",
			Requires: []*analyzers.Analyzer{prismaschema.Analyzer},
			Run: func(p *analyzers.Pass) (any, error) {
				schemas, _ = p.ResultOf[prismaschema.Analyzer].(*prismaschema.Result)
				return nil, nil
			}})
	}
	rep, err := analyzers.Run(proj, as, analyzers.Options{Tool: version.Tool(), Rules: opt.Rules, Settings: opt.Settings})
	if err != nil {
		return nil, fmt.Errorf("internal error: %v", err)
	}
	res := &Result{Report: rep, Project: proj, Target: target}
	if schemas != nil {
		res.Schemas = schemas.Sets
	}
	// The pipeline, in order:
	//   1. exclude: --exclude globs (findings only; excluded files still inform cross-file facts);
	//   2. scope:   only findings under the paths given on the command line;
	//   3. extra:   the caller's processors (suppressions, baseline, new-findings filter), in its order;
	//   4. sort:    canonical order; must be last, writers rely on it.
	pipeline := []processors.Processor{processors.Exclude(opt.Exclude), processors.Scope(target.InScope)}
	if opt.Processors != nil {
		extra, err := opt.Processors(res)
		if err != nil {
			return nil, err
		}
		pipeline = append(pipeline, extra...)
	}
	pipeline = append(pipeline, processors.Sort())
	if err := processors.Apply(rep, pipeline...); err != nil {
		return nil, err
	}
	return res, nil
}

// needs reports whether a is among as or their requirements (a cycle is left for analyzers.Run to report).
func needs(as []*analyzers.Analyzer, a *analyzers.Analyzer) bool {
	seen := map[*analyzers.Analyzer]bool{}
	var visit func([]*analyzers.Analyzer) bool
	visit = func(xs []*analyzers.Analyzer) bool {
		for _, x := range xs {
			if x == a {
				return true
			}
			if !seen[x] {
				seen[x] = true
				if visit(x.Requires) {
					return true
				}
			}
		}
		return false
	}
	return visit(as)
}
