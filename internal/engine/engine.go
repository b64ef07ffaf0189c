// Package engine runs an analysis end to end, short of writing output: locate the roots, discover the
// repository, load and parse what the analysis needs, run the analyzers, and apply the processors. The
// check command, the fixture harness and the catalog test all go through Analyze, so they analyse exactly
// the same way.
package engine

import (
	"errors"
	"fmt"

	"github.com/archlint/archlint/analyzers"
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
}

// Result is what an analysis produced.
type Result struct {
	Report  *report.Report
	Project *project.Project
	Target  *discover.Target
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
	rep, err := analyzers.Run(proj, as, analyzers.Options{Tool: version.Tool(), Rules: opt.Rules})
	if err != nil {
		return nil, fmt.Errorf("internal error: %v", err)
	}
	// The pipeline, in order:
	//   1. exclude: --exclude globs (findings only; excluded files still inform cross-file facts);
	//   2. scope:   only findings under the paths given on the command line;
	//   3. sort:    canonical order; must be last, writers rely on it.
	if err := processors.Apply(rep,
		processors.Exclude(opt.Exclude),
		processors.Scope(target.InScope),
		processors.Sort(),
	); err != nil {
		return nil, fmt.Errorf("internal error: %v", err)
	}
	return &Result{Report: rep, Project: proj, Target: target}, nil
}
