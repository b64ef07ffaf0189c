package cli

import (
	"bytes"
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/prismaschema"
	"github.com/archlint/archlint/internal/archmap"
	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/output"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
)

// MapOptions are the inputs of the map command, mapped one to one from its flags.
type MapOptions struct {
	Paths   []string
	Format  string
	Output  string
	ERD     bool
	Exclude []string
	NoColor bool
	// Config and NoConfig choose the configuration file as for check: its exclusions, custom guards and
	// public endpoints shape the map as they shape the findings.
	Config   string
	NoConfig bool
}

// MapFormats are the values of map --format.
var MapFormats = []string{"text", "json", "markdown", "mermaid"}

func newMapCmd(s Streams, runF func(*MapOptions) error) *cobra.Command {
	opts := &MapOptions{}
	cmd := &cobra.Command{
		Use:   "map [path...]",
		Short: "Print the endpoint map: every endpoint with its auth, controls and Prisma models",
		Long: `map prints the architecture archlint's model found: one row per endpoint (route handler method,
Pages API route, Server Action, middleware) with its URL, kind and place, how it authenticates callers (or
why it is public, or MISSING), its validation, rate limiting and error handling ("—" where not assessed
yet) and the Prisma models it touches.

Paths work as for check: the whole app is analysed and only endpoints under the given paths are listed.
With --erd, map prints the entity-relationship diagram of the Prisma schema(s) instead, as Mermaid.`,
		Example: `  archlint map
  archlint map ./apps/web --format markdown --output docs/endpoints.md
  archlint map --format mermaid --output endpoints.mmd
  archlint map --erd --format markdown`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runMap(opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "output format: "+strings.Join(MapFormats, ", ")+" (with --erd: text or mermaid, markdown)")
	f.StringVarP(&opts.Output, "output", "o", "", "write the output to `FILE` instead of standard output")
	f.BoolVar(&opts.ERD, "erd", false, "print the Prisma schema's entity-relationship diagram (Mermaid) instead of the endpoint map")
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "leave out endpoints in paths matching `GLOB` (repeatable; escape Next.js segments: 'app/\\[id\\]/**')")
	f.BoolVar(&opts.NoColor, "no-color", false, "never colour the output (NO_COLOR is honoured too)")
	f.StringVar(&opts.Config, "config", "", "read the configuration from `FILE` (default: archlint.yaml, .archlint.yaml or archlint.json at the repository root)")
	f.BoolVar(&opts.NoConfig, "no-config", false, "ignore configuration files")
	return cmd
}

// validate checks option values that flags cannot.
func (o *MapOptions) validate() error {
	if !contains(MapFormats, o.Format) {
		return usageError("invalid --format %q (want one of %s)", o.Format, strings.Join(MapFormats, ", "))
	}
	if o.ERD && o.Format == "json" {
		return usageError("--erd prints Mermaid: use --format mermaid (or text) or markdown")
	}
	if err := processors.ValidateGlobs(o.Exclude); err != nil {
		return usageError("--exclude: %v", err)
	}
	return nil
}

func runMap(opts *MapOptions, s Streams) error {
	if err := opts.validate(); err != nil {
		return err
	}
	lc, err := loadConfig(opts.Paths, opts.Config, opts.NoConfig)
	if err != nil {
		return err
	}
	eopts := engine.Options{Paths: opts.Paths, Exclude: opts.Exclude}
	lc.engineOptions(&eopts) // configuration exclusions, enabled rules and analyzer settings
	if opts.ERD {
		eopts.Analyzers = []*analyzers.Analyzer{prismaschema.Analyzer} // the diagram needs nothing else
	}
	res, err := engine.Analyze(eopts)
	var ee *ExitError
	switch {
	case errors.As(err, &ee):
		return err
	case errors.Is(err, engine.ErrInput):
		return usageError("%v", err)
	case err != nil:
		return failure("%v", err)
	}
	rep := mapReport(res.Report, func(p string) bool {
		return res.Target.InScope(p) && !processors.MatchAny(eopts.Exclude, p)
	})
	aopts := archmap.Options{
		Color: !opts.NoColor && s.Getenv("NO_COLOR") == "" && s.OutIsTerminal && opts.Output == "",
	}
	for _, a := range res.Project.Repo.Apps {
		aopts.Apps = append(aopts.Apps, archmap.App{Dir: a.Dir, Name: a.Name})
	}
	for _, set := range res.Schemas {
		name := set.Files.Files[0]
		if set.Files.Folder {
			name = set.Files.Dir + "/"
		}
		aopts.Schemas = append(aopts.Schemas, archmap.Schema{Name: name, Schema: set.Schema})
	}

	var buf bytes.Buffer
	switch {
	case opts.ERD && len(aopts.Schemas) == 0:
		return &ExitError{Code: ExitUsage, Err: errors.New("no Prisma schema found (prisma/schema.prisma, a prisma/schema/ folder, or the schema named in package.json or prisma.config)")}
	case opts.ERD:
		err = archmap.ERD(&buf, aopts.Schemas, opts.Format == "markdown")
	case opts.Format == "text":
		err = archmap.Text(&buf, rep, aopts)
	case opts.Format == "json":
		err = archmap.JSON(&buf, rep, aopts)
	case opts.Format == "markdown":
		err = archmap.Markdown(&buf, rep, aopts)
	case opts.Format == "mermaid":
		err = archmap.Mermaid(&buf, rep, aopts)
	}
	if err != nil {
		return failure("writing the %s map: %v", opts.Format, err)
	}
	if err := emit(opts.Output, buf.Bytes(), s.Out); err != nil {
		return err
	}
	// Notifications (skipped files, syntax errors) explain endpoints the map may lack.
	errColor := !opts.NoColor && s.Getenv("NO_COLOR") == "" && s.OutIsTerminal
	_ = output.WriteNotifications(s.Err, res.Report, errColor)
	return nil
}

// mapReport returns a shallow copy of r whose endpoints are those keep accepts by path (the paths given
// on the command line, minus --exclude and the configuration's exclusions).
func mapReport(r *report.Report, keep func(path string) bool) *report.Report {
	out := *r
	out.Endpoints = nil
	for _, ep := range r.Endpoints {
		if keep(ep.Location.Path) {
			out.Endpoints = append(out.Endpoints, ep)
		}
	}
	return &out
}
