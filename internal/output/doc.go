// Package output holds archlint's text, json and github writers: pure functions that render a
// report.Report to an io.Writer. (SARIF lives in package sarif, the only user of go-sarif.)
//
// A writer never decides what is a finding, never reads files, environment variables or the terminal, and
// never writes anywhere but the writer it is given: the CLI decides about colour (--no-color, NO_COLOR, a
// non-TTY stdout), GitHub Actions (GITHUB_ACTIONS) and where each stream goes (the format to stdout,
// Summary and WriteNotifications to stderr). Given the same Report and options every writer produces the
// same bytes; the one random thing, the stop-commands token of TextOptions.GitHubActions, can be fixed by
// the caller.
package output
