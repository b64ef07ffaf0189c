// Package version holds archlint's version and tool identity, as written to reports.
package version

import "github.com/archlint/archlint/internal/report"

// Version is archlint's semantic version without a leading "v". Release builds may override it with
// -ldflags "-X github.com/archlint/archlint/internal/version.Version=…".
var Version = "0.1.0"

// InformationURI is archlint's home page.
const InformationURI = "https://github.com/archlint/archlint"

// Tool returns archlint's identity for reports. The name is "archlint" forever: GitHub code scanning keys
// alerts on it.
func Tool() report.Tool {
	return report.Tool{Name: "archlint", Version: Version, InformationURI: InformationURI}
}
