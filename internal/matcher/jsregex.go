package matcher

import (
	"fmt"
	"strings"
	"unicode"
)

// JavaScript regular expressions, parsed with the ECMAScript grammar a browser or Node.js uses for patterns
// without the u/v flag (the Annex B web-compatibility grammar: `]`, `{` and `}` may stand for themselves,
// unknown escapes are identity escapes, `\1` with fewer groups is an octal escape, lookaheads may be
// quantified) and compiled into a small program for the matcher in jsmatch.go.
//
// Why not Go's regexp: Next.js matchers are full JavaScript regular expressions, and the idiomatic ones
// are built on negative lookahead (`/((?!api|_next/static|.*\\..*).*)`), which RE2 does not have.
// Translating lookaheads away is possible for a few shapes only; a matcher for the JavaScript semantics
// is smaller and exact.
//
// Scope: everything in the ES2024 pattern grammar except backreferences (`\1`, `\k<name>`), unicode
// property escapes (`\p{…}`, u/v flag only) and pattern modifiers (`(?i:…)`, ES2025). Those report
// errUnsupported, and callers answer "unknown". With the u/v flags the non-u grammar is used; it accepts
// a superset of what u-mode accepts, so only the validity of odd patterns differs. Strings are matched
// as Unicode code points rather than UTF-16 code units; request paths are ASCII after percent-encoding,
// so the difference does not arise for them.

const (
	// maxInsts bounds the size of a compiled program (counted repetitions are unrolled).
	maxInsts = 20000
	// maxNesting bounds group nesting while parsing.
	maxNesting = 200
)

// regexError is a pattern JavaScript rejects (unsupported false: `new RegExp` throws a SyntaxError) or one
// this package cannot evaluate (unsupported true).
type regexError struct {
	msg         string
	unsupported bool
}

func (e *regexError) Error() string { return e.msg }

func syntaxErr(format string, a ...any) error {
	return &regexError{msg: "invalid regular expression: " + fmt.Sprintf(format, a...)}
}

func unsupportedErr(format string, a ...any) error {
	return &regexError{msg: fmt.Sprintf(format, a...), unsupported: true}
}

// isUnsupported reports whether err says the pattern is valid JavaScript that this package cannot run.
func isUnsupported(err error) bool {
	re, ok := err.(*regexError)
	return ok && re.unsupported
}

type reOp uint8

const (
	reEmpty reOp = iota
	reSet
	reConcat
	reAlt
	reRepeat
	reBol
	reEol
	reWordB
	reNotWordB
	reLook
)

// reNode is a node of a parsed pattern.
type reNode struct {
	op  reOp
	set *runeSet
	// lit marks a reSet that is one character written literally (or as an identity escape); literal runs
	// seed the coverage samples.
	lit      bool
	subs     []*reNode
	min, max int // reRepeat; max < 0 is unbounded
	neg      bool
	behind   bool
}

// runeSet is a character class: ranges, nested predefined classes (\d, \W, … inside brackets), negation.
type runeSet struct {
	ranges []rune // inclusive lo, hi pairs
	subs   []*runeSet
	neg    bool
}

func (s *runeSet) addRange(lo, hi rune) { s.ranges = append(s.ranges, lo, hi) }

// raw reports membership ignoring s.neg.
func (s *runeSet) raw(c rune) bool {
	for i := 0; i+1 < len(s.ranges); i += 2 {
		if c >= s.ranges[i] && c <= s.ranges[i+1] {
			return true
		}
	}
	for _, sub := range s.subs {
		if sub.contains(c) {
			return true
		}
	}
	return false
}

func (s *runeSet) contains(c rune) bool { return s.raw(c) != s.neg }

var (
	lineTerminators = []rune{'\n', '\n', '\r', '\r', 0x2028, 0x2029}
	digitRanges     = []rune{'0', '9'}
	wordRanges      = []rune{'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}
	spaceRanges     = []rune{'\t', '\r', ' ', ' ', 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029,
		0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff}
)

func predefined(c rune) *runeSet {
	switch c {
	case 'd', 'D':
		return &runeSet{ranges: digitRanges, neg: c == 'D'}
	case 'w', 'W':
		return &runeSet{ranges: wordRanges, neg: c == 'W'}
	case 's', 'S':
		return &runeSet{ranges: spaceRanges, neg: c == 'S'}
	}
	return nil
}

func isWordChar(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

func isLineTerminator(c rune) bool { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 }

type reFlags struct {
	ignoreCase, multiline, dotAll, unicode, sticky bool
}

func parseFlags(f string) (reFlags, error) {
	var fl reFlags
	seen := map[rune]bool{}
	for _, c := range f {
		if seen[c] {
			return fl, syntaxErr("duplicate flag %q", c)
		}
		seen[c] = true
		switch c {
		case 'i':
			fl.ignoreCase = true
		case 'm':
			fl.multiline = true
		case 's':
			fl.dotAll = true
		case 'u', 'v':
			fl.unicode = true
		case 'y':
			fl.sticky = true
		case 'g', 'd':
			// g changes where test() starts on the second call (lastIndex); d only adds indices.
		default:
			return fl, syntaxErr("invalid flag %q", c)
		}
	}
	if seen['u'] && seen['v'] {
		return fl, syntaxErr("flags u and v together")
	}
	return fl, nil
}

type reParser struct {
	src   []rune
	pos   int
	flags reFlags
	ncap  int
	named bool
	depth int
	// names are the group names seen; a repeated name is a SyntaxError in the V8 of Node.js 20 and 22
	// (ES2025 allows it across alternatives; rejecting it errs towards "unknown").
	names map[string]bool
}

// parseRegex parses a JavaScript pattern (the text between the slashes of a literal, or a RegExp
// constructor's string).
func parseRegex(src string, flags reFlags) (*reNode, error) {
	p := &reParser{src: []rune(src), flags: flags}
	p.ncap, p.named = countGroups(p.src)
	n, err := p.disjunction()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.src) {
		// Only an unmatched ')' stops the top-level disjunction early.
		return nil, syntaxErr("unmatched ')'")
	}
	return n, nil
}

// countGroups counts capturing groups (to tell `\2` the backreference from `\2` the octal escape) and
// reports whether any is named.
func countGroups(s []rune) (int, bool) {
	n, named, inClass := 0, false, false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case inClass:
			if s[i] == ']' {
				inClass = false
			}
		case s[i] == '[':
			inClass = true
		case s[i] == '(':
			if i+1 < len(s) && s[i+1] == '?' {
				if i+2 < len(s) && s[i+2] == '<' && i+3 < len(s) && s[i+3] != '=' && s[i+3] != '!' {
					n++
					named = true
				}
				continue
			}
			n++
		}
	}
	return n, named
}

func (p *reParser) peek(off int) rune {
	if p.pos+off < len(p.src) {
		return p.src[p.pos+off]
	}
	return -1
}

func (p *reParser) disjunction() (*reNode, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxNesting {
		return nil, unsupportedErr("regular expression nests deeper than %d groups", maxNesting)
	}
	var alts []*reNode
	for {
		a, err := p.alternative()
		if err != nil {
			return nil, err
		}
		alts = append(alts, a)
		if p.peek(0) == '|' {
			p.pos++
			continue
		}
		break
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &reNode{op: reAlt, subs: alts}, nil
}

func (p *reParser) alternative() (*reNode, error) {
	var seq []*reNode
	for p.pos < len(p.src) && p.src[p.pos] != '|' && p.src[p.pos] != ')' {
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		seq = append(seq, t)
	}
	switch len(seq) {
	case 0:
		return &reNode{op: reEmpty}, nil
	case 1:
		return seq[0], nil
	}
	return &reNode{op: reConcat, subs: seq}, nil
}

func literalNode(c rune) *reNode {
	return &reNode{op: reSet, set: &runeSet{ranges: []rune{c, c}}, lit: true}
}

func (p *reParser) term() (*reNode, error) {
	c := p.src[p.pos]
	var atom *reNode
	quantifiable := true
	switch c {
	case '^', '$':
		p.pos++
		op := reBol
		if c == '$' {
			op = reEol
		}
		return &reNode{op: op}, p.noQuantifier()
	case '\\':
		if n := p.peek(1); n == 'b' || n == 'B' {
			p.pos += 2
			op := reWordB
			if n == 'B' {
				op = reNotWordB
			}
			return &reNode{op: op}, p.noQuantifier()
		}
		var err error
		if atom, err = p.atomEscape(); err != nil {
			return nil, err
		}
	case '(':
		var err error
		if atom, quantifiable, err = p.group(); err != nil {
			return nil, err
		}
	case '.':
		p.pos++
		if p.flags.dotAll {
			atom = &reNode{op: reSet, set: &runeSet{neg: true}}
		} else {
			atom = &reNode{op: reSet, set: &runeSet{ranges: lineTerminators, neg: true}}
		}
	case '[':
		set, err := p.class()
		if err != nil {
			return nil, err
		}
		atom = &reNode{op: reSet, set: set}
	case '*', '+', '?':
		return nil, syntaxErr("nothing to repeat at %d", p.pos)
	case '{':
		if p.bracedQuantifierAt(p.pos) {
			return nil, syntaxErr("nothing to repeat at %d", p.pos)
		}
		if p.flags.unicode {
			return nil, syntaxErr("lone quantifier brackets at %d", p.pos)
		}
		p.pos++
		atom = literalNode(c)
	case '}', ']':
		if p.flags.unicode {
			return nil, syntaxErr("lone %q at %d", c, p.pos)
		}
		p.pos++
		atom = literalNode(c)
	default:
		p.pos++
		atom = literalNode(c)
	}
	min, max, ok, err := p.quantifier()
	if err != nil {
		return nil, err
	}
	if !ok {
		return atom, nil
	}
	if !quantifiable {
		return nil, syntaxErr("invalid quantifier after an assertion at %d", p.pos)
	}
	return &reNode{op: reRepeat, subs: []*reNode{atom}, min: min, max: max}, nil
}

// noQuantifier rejects a quantifier after ^, $, \b or \B.
func (p *reParser) noQuantifier() error {
	if c := p.peek(0); c == '*' || c == '+' || c == '?' || c == '{' && p.bracedQuantifierAt(p.pos) {
		return syntaxErr("nothing to repeat at %d", p.pos)
	}
	return nil
}

// bracedQuantifierAt reports whether {n}, {n,} or {n,m} starts at i.
func (p *reParser) bracedQuantifierAt(i int) bool {
	_, _, end := p.scanBraced(i)
	return end > 0
}

// scanBraced parses {n}, {n,} or {n,m} at i and returns the bounds and the index after '}', or end 0.
// Bounds saturate at 1<<30.
func (p *reParser) scanBraced(i int) (min, max, end int) {
	s := p.src
	if i >= len(s) || s[i] != '{' {
		return 0, 0, 0
	}
	j := i + 1
	num := func() (int, bool) {
		start, v := j, 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			if v < 1<<30 {
				v = v*10 + int(s[j]-'0')
			}
			j++
		}
		if v > 1<<30 {
			v = 1 << 30
		}
		return v, j > start
	}
	min, ok := num()
	if !ok {
		return 0, 0, 0
	}
	max = min
	if j < len(s) && s[j] == ',' {
		j++
		max = -1
		if v, ok := num(); ok {
			max = v
		}
	}
	if j >= len(s) || s[j] != '}' {
		return 0, 0, 0
	}
	return min, max, j + 1
}

func (p *reParser) quantifier() (min, max int, ok bool, err error) {
	switch p.peek(0) {
	case '*':
		min, max = 0, -1
		p.pos++
	case '+':
		min, max = 1, -1
		p.pos++
	case '?':
		min, max = 0, 1
		p.pos++
	case '{':
		var end int
		min, max, end = p.scanBraced(p.pos)
		if end == 0 {
			return 0, 0, false, nil
		}
		if max >= 0 && min > max {
			return 0, 0, false, syntaxErr("numbers out of order in {} quantifier")
		}
		p.pos = end
	default:
		return 0, 0, false, nil
	}
	if p.peek(0) == '?' {
		p.pos++ // lazy: the same language
	}
	return min, max, true, nil
}

func (p *reParser) group() (atom *reNode, quantifiable bool, err error) {
	start := p.pos
	p.pos++ // (
	look, neg, behind := false, false, false
	if p.peek(0) == '?' {
		switch p.peek(1) {
		case ':':
			p.pos += 2
		case '=', '!':
			look, neg = true, p.peek(1) == '!'
			p.pos += 2
		case '<':
			if c := p.peek(2); c == '=' || c == '!' {
				look, neg, behind = true, c == '!', true
				p.pos += 3
				break
			}
			p.pos += 2
			nameStart := p.pos
			for p.pos < len(p.src) && p.src[p.pos] != '>' {
				c := p.src[p.pos]
				if !(c == '$' || c == '_' || unicode.IsLetter(c) || p.pos > nameStart && unicode.IsDigit(c)) {
					return nil, false, syntaxErr("invalid capture group name at %d", p.pos)
				}
				p.pos++
			}
			if p.pos >= len(p.src) || p.pos == nameStart {
				return nil, false, syntaxErr("invalid capture group name at %d", nameStart)
			}
			name := string(p.src[nameStart:p.pos])
			if p.names[name] {
				return nil, false, syntaxErr("duplicate capture group name %q", name)
			}
			if p.names == nil {
				p.names = map[string]bool{}
			}
			p.names[name] = true
			p.pos++ // >
		default:
			if c := p.peek(1); c == 'i' || c == 'm' || c == 's' || c == '-' {
				return nil, false, unsupportedErr("regular expression modifiers (?%c…) are not supported", c)
			}
			return nil, false, syntaxErr("invalid group at %d", start)
		}
	}
	body, err := p.disjunction()
	if err != nil {
		return nil, false, err
	}
	if p.peek(0) != ')' {
		return nil, false, syntaxErr("unterminated group at %d", start)
	}
	p.pos++
	if look {
		// Annex B allows quantified lookaheads (not lookbehinds) outside unicode mode.
		return &reNode{op: reLook, subs: []*reNode{body}, neg: neg, behind: behind}, !behind && !p.flags.unicode, nil
	}
	return body, true, nil
}

func isHex(c rune) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(s []rune) rune {
	var v rune
	for _, c := range s {
		v <<= 4
		switch {
		case c >= '0' && c <= '9':
			v |= c - '0'
		case c >= 'a' && c <= 'f':
			v |= c - 'a' + 10
		default:
			v |= c - 'A' + 10
		}
	}
	return v
}

// characterEscape decodes the escapes shared by atoms and classes, with p.pos on the character after the
// backslash. It returns the character, or a predefined set, and advances.
func (p *reParser) characterEscape(inClass bool) (rune, *runeSet, error) {
	c := p.src[p.pos]
	switch c {
	case 'd', 'D', 'w', 'W', 's', 'S':
		p.pos++
		return 0, predefined(c), nil
	case 'f':
		p.pos++
		return '\f', nil, nil
	case 'n':
		p.pos++
		return '\n', nil, nil
	case 'r':
		p.pos++
		return '\r', nil, nil
	case 't':
		p.pos++
		return '\t', nil, nil
	case 'v':
		p.pos++
		return '\v', nil, nil
	case 'c':
		if n := p.peek(1); n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' || inClass && (n >= '0' && n <= '9' || n == '_') {
			p.pos += 2
			return n % 32, nil, nil
		}
		if p.flags.unicode {
			return 0, nil, syntaxErr("invalid unicode escape \\c")
		}
		// Annex B: `\c` not followed by a control letter is a literal backslash; the `c` is read again.
		return '\\', nil, nil
	case 'x':
		if isHex(p.peek(1)) && isHex(p.peek(2)) {
			v := hexVal(p.src[p.pos+1 : p.pos+3])
			p.pos += 3
			return v, nil, nil
		}
	case 'u':
		if isHex(p.peek(1)) && isHex(p.peek(2)) && isHex(p.peek(3)) && isHex(p.peek(4)) {
			v := hexVal(p.src[p.pos+1 : p.pos+5])
			p.pos += 5
			return v, nil, nil
		}
		if p.flags.unicode && p.peek(1) == '{' {
			j := p.pos + 2
			for j < len(p.src) && isHex(p.src[j]) {
				j++
			}
			if j > p.pos+2 && j < len(p.src) && p.src[j] == '}' && j-p.pos-2 <= 8 {
				v := hexVal(p.src[p.pos+2 : j])
				if v <= unicode.MaxRune {
					p.pos = j + 1
					return v, nil, nil
				}
			}
			return 0, nil, syntaxErr("invalid unicode escape")
		}
	case 'p', 'P':
		if p.flags.unicode {
			return 0, nil, unsupportedErr("unicode property escapes are not supported")
		}
	case '0', '1', '2', '3', '4', '5', '6', '7':
		if c == '0' && !(p.peek(1) >= '0' && p.peek(1) <= '9') {
			p.pos++
			return 0, nil, nil
		}
		if p.flags.unicode {
			return 0, nil, syntaxErr("invalid escape \\%c", c)
		}
		// Annex B legacy octal: up to three digits, value at most 0o377.
		v := rune(0)
		j := p.pos
		for j < len(p.src) && j < p.pos+3 && p.src[j] >= '0' && p.src[j] <= '7' && v*8+(p.src[j]-'0') <= 0o377 {
			v = v*8 + (p.src[j] - '0')
			j++
		}
		p.pos = j
		return v, nil, nil
	}
	if p.flags.unicode && !strings.ContainsRune("^$\\.*+?()[]{}|/", c) && !(inClass && c == '-') {
		return 0, nil, syntaxErr("invalid escape \\%c", c)
	}
	p.pos++
	return c, nil, nil // identity escape
}

func (p *reParser) atomEscape() (*reNode, error) {
	p.pos++ // backslash
	if p.pos >= len(p.src) {
		return nil, syntaxErr("\\ at end of pattern")
	}
	c := p.src[p.pos]
	if c >= '1' && c <= '9' {
		j, v := p.pos, 0
		for j < len(p.src) && p.src[j] >= '0' && p.src[j] <= '9' && v < 1<<20 {
			v = v*10 + int(p.src[j]-'0')
			j++
		}
		if v <= p.ncap {
			return nil, unsupportedErr("backreferences are not supported")
		}
		if c == '8' || c == '9' {
			if p.flags.unicode {
				return nil, syntaxErr("invalid escape \\%c", c)
			}
			p.pos++
			return literalNode(c), nil
		}
	}
	if c == 'k' && (p.named || p.flags.unicode) {
		return nil, unsupportedErr("backreferences are not supported")
	}
	r, set, err := p.characterEscape(false)
	if err != nil {
		return nil, err
	}
	if set != nil {
		return &reNode{op: reSet, set: set}, nil
	}
	return literalNode(r), nil
}

func (p *reParser) class() (*runeSet, error) {
	start := p.pos
	p.pos++ // [
	set := &runeSet{}
	if p.peek(0) == '^' {
		set.neg = true
		p.pos++
	}
	for {
		if p.pos >= len(p.src) {
			return nil, syntaxErr("unterminated character class at %d", start)
		}
		if p.src[p.pos] == ']' {
			p.pos++
			return set, nil
		}
		lo, loSet, err := p.classAtom()
		if err != nil {
			return nil, err
		}
		if p.peek(0) == '-' && p.peek(1) != ']' && p.peek(1) != -1 {
			p.pos++ // -
			hi, hiSet, err := p.classAtom()
			if err != nil {
				return nil, err
			}
			if loSet != nil || hiSet != nil {
				if p.flags.unicode {
					return nil, syntaxErr("invalid character class range")
				}
				addAtom(set, lo, loSet)
				set.addRange('-', '-')
				addAtom(set, hi, hiSet)
				continue
			}
			if lo > hi {
				return nil, syntaxErr("range out of order in character class")
			}
			set.addRange(lo, hi)
			continue
		}
		addAtom(set, lo, loSet)
	}
}

func addAtom(set *runeSet, c rune, sub *runeSet) {
	if sub != nil {
		set.subs = append(set.subs, sub)
		return
	}
	set.addRange(c, c)
}

func (p *reParser) classAtom() (rune, *runeSet, error) {
	c := p.src[p.pos]
	if c != '\\' {
		p.pos++
		return c, nil, nil
	}
	p.pos++
	if p.pos >= len(p.src) {
		return 0, nil, syntaxErr("\\ at end of pattern")
	}
	switch e := p.src[p.pos]; {
	case e == 'b':
		p.pos++
		return '\b', nil, nil
	case e == '-':
		p.pos++
		return '-', nil, nil
	case (e == '8' || e == '9') && !p.flags.unicode:
		p.pos++
		return e, nil, nil
	case e == 'k' && !p.flags.unicode:
		p.pos++
		return 'k', nil, nil
	}
	return p.characterEscape(true)
}

// literalRuns appends the runs of literally written characters in n (split at anything else), the raw
// material for coverage samples: `(?!api|_next/static|.*\\.png$)` gives "api", "_next/static", ".png".
func literalRuns(n *reNode, out *[]string) {
	var run []rune
	flush := func() {
		if len(run) > 0 {
			*out = append(*out, string(run))
			run = run[:0]
		}
	}
	var walk func(*reNode)
	walk = func(n *reNode) {
		switch n.op {
		case reSet:
			if n.lit {
				run = append(run, n.set.ranges[0])
				return
			}
			flush()
		case reConcat:
			for _, s := range n.subs {
				walk(s)
			}
		default:
			flush()
			for _, s := range n.subs {
				walk(s)
				flush()
			}
		}
	}
	walk(n)
	flush()
}
