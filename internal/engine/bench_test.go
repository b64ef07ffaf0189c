package engine

import (
	"testing"

	"github.com/archlint/archlint/internal/benchgen"
)

// BenchmarkAnalyzeMonorepo runs the whole analysis (discovery, parsing, analyzers, processors) over the
// generated ~5,000-file monorepo. Budget: under 1.5 s per run on a 2-core machine. It reports MB/s of
// parsed source and the number of files skipped.
func BenchmarkAnalyzeMonorepo(b *testing.B) {
	dir := b.TempDir()
	if _, _, err := benchgen.Generate(dir, benchgen.Default); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var parsed int64
	var skipped int
	for i := 0; i < b.N; i++ {
		res, err := Analyze(Options{Paths: []string{dir}})
		if err != nil {
			b.Fatal(err)
		}
		parsed = res.Report.Stats.BytesParsed
		skipped = res.Report.Stats.FilesSkipped
	}
	b.SetBytes(parsed)
	b.ReportMetric(float64(skipped), "skipped-files")
	b.ReportMetric(float64(parsed)/1e6, "MB-parsed")
}
