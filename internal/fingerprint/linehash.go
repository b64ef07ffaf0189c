package fingerprint

// GitHub's primaryLocationLineHash.
//
// GitHub code scanning matches an alert across analyses by partialFingerprints.primaryLocationLineHash.
// When a SARIF file lacks it, github/codeql-action's upload-sarif computes it from the checked-out sources
// (src/fingerprints.ts, hash()); when a file carries a value that differs from what the action computes,
// the action keeps ours and logs "found existing inconsistent fingerprint value" for every result. So the
// value must be bit-exact with that TypeScript function, quirks included:
//
//   - The file is read as UTF-8 and walked in UTF-16 code units (JavaScript's charCodeAt), so a character
//     outside the BMP is two units. A leading BOM is not stripped: it is the unit 0xFEFF.
//   - Spaces and tabs are skipped everywhere, not only at line starts. CR and CRLF become LF (the LF of a
//     CRLF is skipped).
//   - A line "starts" at its first unit that is not skipped, so a whitespace-only line starts at its LF.
//   - Each line's hash is a polynomial rolling hash, h = 37*h + c - 37^100*c_out, in wrapping 64-bit
//     arithmetic (Long in the action), over the 100 units that begin at the line's start. It is taken when
//     that start leaves the window. After the input, one EOF unit (65535) and then 100 zeros flush the
//     remaining lines; so the empty line after a final newline has a hash too (c129715d7a2bc9a3 when
//     nothing follows).
//   - The value is the unsigned hash in lower-case hex without padding, then ":" and how many times that
//     hash value has been seen so far in the file (1-based): identical lines get ":1", ":2", ...
//
// Invalid UTF-8 is the one place where Go and Node.js may decode differently (Go yields U+FFFD per bad
// byte, Node per maximal invalid subsequence). For such files LineHashes reports ok == false and the caller
// must omit the hash, letting upload-sarif compute it.

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

const (
	blockSize = 100
	hashMod   = uint64(37)
	eofUnit   = 65535
)

// firstMod is 37^blockSize in wrapping 64-bit arithmetic.
var firstMod = func() uint64 {
	m := uint64(1)
	for i := 0; i < blockSize; i++ {
		m *= hashMod
	}
	return m
}()

// LineHashes returns GitHub's primaryLocationLineHash for every line of content: hashes[0] is line 1. A
// file that ends with a line terminator has one more (empty) line, as in textpos. ok is false when content
// is not valid UTF-8; hashes is then nil and no hash may be written for the file.
func LineHashes(content []byte) (hashes []string, ok bool) {
	if !utf8.Valid(content) {
		return nil, false
	}
	h := lineHasher{counts: map[uint64]int{}}
	for i := range h.lines {
		h.lines[i] = -1
	}
	h.lineStart = true
	for len(content) > 0 {
		r, size := utf8.DecodeRune(content)
		content = content[size:]
		if r < 0x10000 {
			h.process(uint64(r))
			continue
		}
		hi, lo := utf16.EncodeRune(r)
		h.process(uint64(hi))
		h.process(uint64(lo))
	}
	h.process(eofUnit)
	for i := 0; i < blockSize; i++ {
		if h.lines[h.idx] != -1 {
			h.emit()
		}
		h.update(0)
	}
	return h.out, true
}

// lineHasher is the state of one run of the rolling hash.
type lineHasher struct {
	window    [blockSize]uint64
	lines     [blockSize]int // line number whose start is at this window slot, or -1
	hash      uint64
	idx       int
	line      int
	lineStart bool
	prevCR    bool
	counts    map[uint64]int
	out       []string
}

func (h *lineHasher) process(c uint64) {
	if c == ' ' || c == '\t' || (h.prevCR && c == '\n') {
		h.prevCR = false
		return
	}
	if c == '\r' {
		c, h.prevCR = '\n', true
	} else {
		h.prevCR = false
	}
	if h.lines[h.idx] != -1 {
		h.emit()
	}
	if h.lineStart {
		h.lineStart = false
		h.line++
		h.lines[h.idx] = h.line
	}
	if c == '\n' {
		h.lineStart = true
	}
	h.update(c)
}

func (h *lineHasher) update(c uint64) {
	old := h.window[h.idx]
	h.window[h.idx] = c
	h.hash = hashMod*h.hash + c - firstMod*old
	h.idx = (h.idx + 1) % blockSize
}

// emit records the current hash for the line whose start is leaving the window. Lines are emitted in
// order, so the output grows by one each time.
func (h *lineHasher) emit() {
	h.counts[h.hash]++
	line := h.lines[h.idx]
	for len(h.out) < line {
		h.out = append(h.out, "")
	}
	h.out[line-1] = strconv.FormatUint(h.hash, 16) + ":" + strconv.Itoa(h.counts[h.hash])
	h.lines[h.idx] = -1
}
