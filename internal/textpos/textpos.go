// Package textpos converts byte offsets in a source file to the line and column numbers that output formats
// use: 1-based lines, and 1-based columns counted in UTF-16 code units (SARIF columnKind "utf16CodeUnits",
// the unit JavaScript editors and GitHub use).
//
// Line terminators are LF, CRLF and lone CR, as in JavaScript and in codeql-action's fingerprinting. A UTF-8
// BOM at the start of the file is an ordinary character (U+FEFF, one UTF-16 unit), again as upload-sarif
// reads it. Invalid UTF-8 bytes count as one unit each (they decode to U+FFFD).
package textpos

import (
	"sort"
	"unicode/utf8"
)

// Index maps byte offsets of one file to lines and columns. It is immutable and safe for concurrent use.
type Index struct {
	src   []byte
	lines []int // byte offset at which each line starts; lines[0] == 0
}

// New indexes src. src must not be modified afterwards.
func New(src []byte) *Index {
	lines := make([]int, 1, len(src)/32+1)
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			lines = append(lines, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			lines = append(lines, i+1)
		}
	}
	return &Index{src: src, lines: lines}
}

// LineCount returns the number of lines (a file ending in a newline has an empty last line).
func (x *Index) LineCount() int { return len(x.lines) }

// Position returns the 1-based line and UTF-16 column of a byte offset. Offsets beyond the end clamp to
// the end; an offset inside a multi-byte character counts from the start of that character.
func (x *Index) Position(offset int) (line, col int) {
	if offset < 0 {
		offset = 0
	}
	if offset > len(x.src) {
		offset = len(x.src)
	}
	i := sort.Search(len(x.lines), func(i int) bool { return x.lines[i] > offset }) - 1
	return i + 1, utf16Len(x.src[x.lines[i]:offset]) + 1
}

// LineStart returns the byte offset at which 1-based line starts.
func (x *Index) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(x.lines) {
		return len(x.src)
	}
	return x.lines[line-1]
}

// LineText returns the text of 1-based line without its terminator.
func (x *Index) LineText(line int) string {
	if line < 1 || line > len(x.lines) {
		return ""
	}
	start := x.lines[line-1]
	end := len(x.src)
	if line < len(x.lines) {
		end = x.lines[line]
	}
	for end > start && (x.src[end-1] == '\n' || x.src[end-1] == '\r') {
		end--
	}
	return string(x.src[start:end])
}

// utf16Len counts the UTF-16 code units of b decoded as UTF-8.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			n++
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}
