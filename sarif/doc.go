// Package sarif renders a report.Report as SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
//
// It is the only package that imports go-sarif, and it is a writer: a pure function of the Report. It never
// decides what is a finding, reads source files or computes fingerprints; the driver fills report.Finding
// (positions in UTF-16 columns, LineHash, Fingerprint) and this package writes them down.
//
// # What GitHub does with SARIF, and what this package does about it
//
// GitHub reads a small subset of SARIF and is strict about parts of it. Each rule below is a requirement
// of the project's SARIF spec (shared/research/sarif-github-prbot.md) that the tests check:
//
//   - One run per file (SARIF-02): GitHub no longer combines runs with the same tool and category. The
//     category is automationDetails.id, written only when Options.Category is set, because upload-sarif's
//     own category input is ignored when the file already has one (SARIF-17).
//   - Every enabled rule is listed, once, sorted by id, before any result (SARIF-04, GOSARIF-03): results
//     reference rules by index, and go-sarif computes a result's ruleIndex at the moment it is added, so a
//     rule registered late yields ruleIndex 2^64-1. This package computes the index itself.
//   - shortDescription, fullDescription and help.text are required and may not be empty (SARIF-06); go-sarif
//     writes "shortDescription": null when unset (GOSARIF-04), so Write refuses a rule without them.
//   - A result has exactly one location; GitHub reads only the first (SARIF-12). Its URI is relative to the
//     repository root with uriBaseId %SRCROOT%, and percent-encoded: Next.js paths such as app/[id]/page.tsx
//     are not valid URI references as they are, and GitHub has rejected uploads with unparsable URIs
//     (SARIF-13a, see PathURI).
//   - Regions always have start and end line and column, in UTF-16 code units, with columnKind
//     utf16CodeUnits (SARIF-14).
//   - partialFingerprints.primaryLocationLineHash must equal what upload-sarif would compute, or the action
//     warns on every result; the driver omits it (LineHash "") when it cannot be exact (FP-03).
//   - GitHub ignores result.suppressions (SARIF-19), so suppressed findings are left out unless
//     Options.IncludeSuppressed. Then, because SARIF requires the suppressions of all results of a run to be
//     all null or all non-null, every result carries a suppressions array, empty when not suppressed. go-sarif
//     cannot write an empty array (omitempty, GOSARIF-12) and writes null for unset suppression fields
//     (GOSARIF-05), so suppressions are spliced into the encoded JSON instead.
//   - Baselined findings stay in the file, marked properties.archlintBaselined, so GitHub does not close
//     their alerts as fixed (BASE-06).
//   - GitHub shows only the first 5,000 results of a run and rejects more than 25,000: results are ordered
//     error, warning, note and then by place, and cut at Options.MaxResults with a notification (SARIF-02b).
//   - The output is deterministic (no timestamps, sorted rules, results and map keys) so that re-running on
//     the same commit yields the same bytes (SARIF-02c).
//   - go-sarif's own writers HTML-escape < > & (GOSARIF-07) and its WriteFile does not truncate
//     (GOSARIF-06); this package encodes with its own json.Encoder and writes files with os.WriteFile.
package sarif
