// Package gitdiff reads unified diffs as git and GitHub write them and answers the two questions archlint
// asks of a change: which lines of the new version does it add, and which lines does it show (the lines a
// pull-request review comment may be placed on). Parsing is bluekeyes/go-gitdiff's; this package keeps only
// what anchoring needs (per file, the new-side hunk ranges and the runs of added lines) and implements the
// filter modes of reviewdog (added, diff_context, file, nofilter).
//
// It also runs `git diff` locally (Local, Between) with the options that make its output parseable whatever
// the user's git configuration says.
//
// It does not decide what is a finding or talk to GitHub.
//
// # Quirks of git's diff output (spec DIFF-01..DIFF-04)
//
//   - Paths containing spaces get a trailing TAB on the ---/+++ lines ("+++ b/app/my dir/page.tsx\t"), so
//     that a path ending in spaces stays unambiguous. The name ends at the TAB.
//   - Paths with bytes git considers unusual are C-quoted with octal escapes ("b/app/\303\274n/page.tsx").
//     core.quotePath=false turns that off for non-ASCII bytes only: '"', '\\' and control characters are
//     still quoted, so unquoting is always needed (go-gitdiff does it; the tests cover both forms).
//   - A new file is "--- /dev/null", a deleted one "+++ /dev/null"; their names come from the other side
//     or from the "diff --git" line.
//   - A pure rename (similarity 100%), a mode-only change and a binary change have no hunks: they add no
//     line. A binary file is "Binary files a/x and b/x differ" (or a GIT binary patch with --binary).
//   - The a/ and b/ prefixes are configurable (diff.noprefix, diff.mnemonicPrefix), so Local forces
//     --src-prefix=a/ --dst-prefix=b/; likewise --no-color, --no-ext-diff, --no-textconv, --no-relative.
//   - A hunk header "@@ -l,s +l,s @@" may omit ",s" (meaning 1); a count of 0 is an empty range (a pure
//     deletion adds no line on the new side). Lines end in "\n" or, in CRLF files, "\r\n"; "\ No newline
//     at end of file" is metadata, not a line.
//   - GitHub's pull-request diff (Accept: application/vnd.github.v3.diff) has the same format, with three
//     lines of context; GitHub refuses it with 406 when it exceeds 300 files or 20,000 lines.
package gitdiff
