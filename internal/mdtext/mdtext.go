// Package mdtext renders untrusted text (finding messages, paths, rule ids) into GitHub-flavoured
// Markdown: the step summary, the pull-request bot's comments and `archlint map --format markdown`.
package mdtext

import "strings"

// Escape backslash-escapes every ASCII punctuation character that can start Markdown or HTML syntax (so
// "<ServerThing>" is shown, not taken for a tag, and "|" cannot end a table cell), plus the characters
// in also, and turns line breaks and tabs into spaces.
func Escape(s, also string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>|~&$#!", r), also != "" && strings.ContainsRune(also, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\r' || r == '\n' || r == '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fence returns the backtick fence for a code span around s: one backtick longer than the longest run of
// backticks in s, and whether s needs a space inside the fence (it contains or starts/ends in a
// character that would merge with the fence).
func Fence(s string) (fence string, pad bool) {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", longest+1), longest > 0
}

// Code renders s as inline code for a table cell: line breaks become spaces, "|" is escaped (GitHub's
// table parser requires it even inside code), and the fence is longer than any backtick run in s.
func Code(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ", "|", `\|`).Replace(s)
	fence, pad := Fence(s)
	if pad || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
