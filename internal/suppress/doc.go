// Package suppress applies inline suppression directives: comments in the analysed files that hide named
// findings, each with a reason that stays in the report (text --show-suppressed, JSON, SARIF).
//
// The directives (spec SUP-01…SUP-05):
//
//	// archlint-disable-next-line auth/missing-auth, auth/* -- public status endpoint
//	query(x) // archlint-disable-line security/raw-sql-injection -- x comes from an allow-list
//	/* archlint-disable prisma/float-for-money -- amounts in this legacy module are cents in floats */
//	…
//	/* archlint-enable prisma/float-for-money */
//	/* archlint-disable-file security/raw-sql-injection -- until 2026-12-31: migration script */
//	{/* archlint-disable-next-line a11y/x -- … */}          (JSX)
//	// archlint-disable-next-line prisma/missing-fk-index -- …   (Prisma schemas: // comments)
//
// Any comment form works for every directive. The text before " -- " is a comma-separated list of rule IDs
// (or aliases) or globs whose category is written out ("auth/*"); after it comes the reason, at least
// DefaultMinReasonLength non-space characters, optionally introduced by an expiry "until YYYY-MM-DD:"
// (the directive applies through that day). archlint-disable-file must stand in the file's leading
// comments (before code, but it may precede a 'use client' or 'use server' directive). archlint-enable
// closes the open archlint-disable blocks whose pattern it repeats exactly, or all of them when it names
// none; a block left open runs to the end of the file.
//
// A directive with a problem (no rule, unknown rule, no or short reason, misplaced, bad date) does not
// apply and is reported as meta/invalid-suppression (error); an expired one as meta/invalid-suppression
// with severity warning; a pattern of a valid directive that hid no finding as meta/unused-suppression.
// Meta rules cannot themselves be suppressed in source.
//
// Comments come from the parser (jsmodel keeps Tree.Comments) for JS/TS files; Prisma schemas and other
// files with findings are read through discover.Repo.ReadFile and scanned by a small lexer that skips
// strings. Suppressed findings stay in the report with Finding.Suppression set (kind "inSource"); writers
// decide whether to show them. This package never reads configuration: the CLI passes the reason length,
// the active rules and the skipped paths.
package suppress
