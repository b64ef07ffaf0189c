package engine

import (
	"testing"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/endpointmodel"
	"github.com/archlint/archlint/internal/benchgen"
)

// BenchmarkAnalyzeMonorepo runs the analysis over the generated monorepo (benchgen.Default: about 5,000
// TS/TSX files and 20 MB, of which only endpoint files and what they import are parsed). Budget on a
// 2-core machine: full run under 1.5 s; the endpoint model and guard-engine summaries add under 0.5 s to
// discovery and parsing. Sub-benchmarks:
//
//   - load: discovery, parsing and the per-file model, no analyzer;
//   - model: plus the endpoint model and summaries (endpointmodel.Analyzer);
//   - full: every analyzer, the processors, as `archlint` runs.
//
// Each reports MB/s of parsed source and the number of files skipped.
func BenchmarkAnalyzeMonorepo(b *testing.B) {
	dir := b.TempDir()
	if _, _, err := benchgen.Generate(dir, benchgen.Default); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		as   []*analyzers.Analyzer
	}{
		{"load", []*analyzers.Analyzer{}},
		{"model", []*analyzers.Analyzer{endpointmodel.Analyzer}},
		{"full", nil},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var parsed int64
			var skipped int
			for i := 0; i < b.N; i++ {
				res, err := Analyze(Options{Paths: []string{dir}, Analyzers: bc.as})
				if err != nil {
					b.Fatal(err)
				}
				parsed = res.Report.Stats.BytesParsed
				skipped = res.Report.Stats.FilesSkipped
			}
			b.SetBytes(parsed)
			b.ReportMetric(float64(skipped), "skipped-files")
			b.ReportMetric(float64(parsed)/1e6, "MB-parsed")
		})
	}
}
