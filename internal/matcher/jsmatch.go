package matcher

import (
	"errors"
	"unicode"
)

// The matcher answers one question, "does this pattern match this string", which (without
// backreferences) does not depend on the order in which a backtracking engine tries alternatives, greedy
// or lazy. It is therefore a bit-state backtracker in the style of RE2's: each (instruction, position)
// pair is explored at most once, so a run is O(program × input) instead of exponential, and empty loops
// cannot spin. A lookaround's outcome depends only on its position and is memoised per position. Every
// explored state and every allocated visited-bit word is charged to a step budget; exceeding it yields
// errBudget, which callers turn into "unknown" — a hostile pattern costs a bounded amount of work.

// DefaultBudget is the step budget of one Match: ample for request paths (a typical Next.js matcher
// against a 40-character path takes a few hundred steps) and small enough to bound a hostile pattern
// to tens of milliseconds. A Covers call shares eight times this among all its samples and matchers.
const DefaultBudget = 1 << 20

const coversBudget = 8 * DefaultBudget

var errBudget = errors.New("regular expression step budget exceeded")

type instOp uint8

const (
	iSet instOp = iota
	iSplit
	iJmp
	iMatch
	iBol
	iEol
	iWordB
	iNotWordB
	iLook
)

type inst struct {
	op   instOp
	set  *runeSet
	x, y int
	look int
}

type lookProg struct {
	insts  []inst
	neg    bool
	behind bool
}

// regex is a compiled JavaScript regular expression.
type regex struct {
	main  []inst
	looks []lookProg
	flags reFlags
	// runs are the literal runs of the pattern (see literalRuns).
	runs []string
}

// compileJS compiles a JavaScript pattern with the given flags. test() then behaves like
// RegExp.prototype.test on a fresh RegExp (lastIndex 0).
func compileJS(src, flags string) (*regex, error) {
	fl, err := parseFlags(flags)
	if err != nil {
		return nil, err
	}
	n, err := parseRegex(src, fl)
	if err != nil {
		return nil, err
	}
	r := &regex{flags: fl}
	c := &reCompiler{r: r, left: maxInsts}
	if !fl.sticky {
		// Unanchored search: skip any prefix (L0: split L2, L1; L1: any; jmp L0; L2: …).
		r.main = append(r.main, inst{op: iSplit, x: 3, y: 1}, inst{op: iSet, set: &runeSet{neg: true}}, inst{op: iJmp, x: 0})
	}
	if err := c.comp(&r.main, n); err != nil {
		return nil, err
	}
	r.main = append(r.main, inst{op: iMatch})
	literalRuns(n, &r.runs)
	return r, nil
}

type reCompiler struct {
	r    *regex
	left int
}

func (c *reCompiler) emit(dst *[]inst, in inst) (int, error) {
	c.left--
	if c.left < 0 {
		return 0, unsupportedErr("regular expression too large (more than %d instructions once repetitions are unrolled)", maxInsts)
	}
	*dst = append(*dst, in)
	return len(*dst) - 1, nil
}

func (c *reCompiler) comp(dst *[]inst, n *reNode) error {
	switch n.op {
	case reEmpty:
		return nil
	case reSet:
		_, err := c.emit(dst, inst{op: iSet, set: n.set})
		return err
	case reBol, reEol, reWordB, reNotWordB:
		op := map[reOp]instOp{reBol: iBol, reEol: iEol, reWordB: iWordB, reNotWordB: iNotWordB}[n.op]
		_, err := c.emit(dst, inst{op: op})
		return err
	case reConcat:
		for _, s := range n.subs {
			if err := c.comp(dst, s); err != nil {
				return err
			}
		}
		return nil
	case reAlt:
		// split L1, next; L1: alt0; jmp end; next: split L2, next2; … last alt.
		var jumps []int
		for i, s := range n.subs {
			if i < len(n.subs)-1 {
				sp, err := c.emit(dst, inst{op: iSplit})
				if err != nil {
					return err
				}
				(*dst)[sp].x = sp + 1
				if err := c.comp(dst, s); err != nil {
					return err
				}
				j, err := c.emit(dst, inst{op: iJmp})
				if err != nil {
					return err
				}
				jumps = append(jumps, j)
				(*dst)[sp].y = len(*dst)
				continue
			}
			if err := c.comp(dst, s); err != nil {
				return err
			}
		}
		for _, j := range jumps {
			(*dst)[j].x = len(*dst)
		}
		return nil
	case reRepeat:
		sub := n.subs[0]
		if n.min > c.left || n.max > c.left {
			return unsupportedErr("regular expression too large (more than %d instructions once repetitions are unrolled)", maxInsts)
		}
		for i := 0; i < n.min; i++ {
			if err := c.comp(dst, sub); err != nil {
				return err
			}
		}
		if n.max < 0 {
			sp, err := c.emit(dst, inst{op: iSplit})
			if err != nil {
				return err
			}
			(*dst)[sp].x = sp + 1
			if err := c.comp(dst, sub); err != nil {
				return err
			}
			if _, err := c.emit(dst, inst{op: iJmp, x: sp}); err != nil {
				return err
			}
			(*dst)[sp].y = len(*dst)
			return nil
		}
		var splits []int
		for i := n.min; i < n.max; i++ {
			sp, err := c.emit(dst, inst{op: iSplit})
			if err != nil {
				return err
			}
			(*dst)[sp].x = sp + 1
			splits = append(splits, sp)
			if err := c.comp(dst, sub); err != nil {
				return err
			}
		}
		for _, sp := range splits {
			(*dst)[sp].y = len(*dst)
		}
		return nil
	case reLook:
		lp := lookProg{neg: n.neg, behind: n.behind}
		if err := c.comp(&lp.insts, n.subs[0]); err != nil {
			return err
		}
		if _, err := c.emit(&lp.insts, inst{op: iMatch}); err != nil {
			return err
		}
		c.r.looks = append(c.r.looks, lp)
		_, err := c.emit(dst, inst{op: iLook, look: len(c.r.looks) - 1})
		return err
	}
	return unsupportedErr("internal: unknown regex node")
}

// test reports whether the pattern matches somewhere in s (RegExp.prototype.test with lastIndex 0),
// charging the steps to *budget. It returns errBudget when the budget runs out.
func (r *regex) test(s string, budget *int) (bool, error) {
	m := &matchState{r: r, in: []rune(s), steps: budget}
	return m.run(r.main, 0, -1)
}

type matchState struct {
	r     *regex
	in    []rune
	steps *int
	memo  map[int]bool
}

type job struct{ pc, pos int }

// run explores insts from (0, start). With mustEnd >= 0 only a match ending exactly there counts (used
// for lookbehind).
func (m *matchState) run(insts []inst, start, mustEnd int) (bool, error) {
	n := len(m.in)
	width := n + 1
	words := (len(insts)*width + 63) / 64
	*m.steps -= words
	if *m.steps < 0 {
		return false, errBudget
	}
	visited := make([]uint64, words)
	stack := []job{{0, start}}
	for len(stack) > 0 {
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		pc, pos := j.pc, j.pos
	thread:
		for {
			if mustEnd >= 0 && pos > mustEnd {
				break
			}
			k := pc*width + pos
			if visited[k/64]&(1<<(k%64)) != 0 {
				break
			}
			visited[k/64] |= 1 << (k % 64)
			*m.steps--
			if *m.steps < 0 {
				return false, errBudget
			}
			in := &insts[pc]
			switch in.op {
			case iSet:
				if pos < n && m.matchSet(in.set, m.in[pos]) {
					pc, pos = pc+1, pos+1
					continue
				}
				break thread
			case iSplit:
				stack = append(stack, job{in.y, pos})
				pc = in.x
			case iJmp:
				pc = in.x
			case iMatch:
				if mustEnd < 0 || pos == mustEnd {
					return true, nil
				}
				break thread
			case iBol:
				if pos == 0 || m.r.flags.multiline && isLineTerminator(m.in[pos-1]) {
					pc++
					continue
				}
				break thread
			case iEol:
				if pos == n || m.r.flags.multiline && isLineTerminator(m.in[pos]) {
					pc++
					continue
				}
				break thread
			case iWordB, iNotWordB:
				a := pos > 0 && isWordChar(m.in[pos-1])
				b := pos < n && isWordChar(m.in[pos])
				if (a != b) == (in.op == iWordB) {
					pc++
					continue
				}
				break thread
			case iLook:
				ok, err := m.look(in.look, pos)
				if err != nil {
					return false, err
				}
				if ok {
					pc++
					continue
				}
				break thread
			}
		}
	}
	return false, nil
}

func (m *matchState) look(idx, pos int) (bool, error) {
	key := idx*(len(m.in)+1) + pos
	if v, ok := m.memo[key]; ok {
		return v, nil
	}
	lp := &m.r.looks[idx]
	found := false
	var err error
	if lp.behind {
		for s := pos; s >= 0 && !found; s-- {
			if found, err = m.run(lp.insts, s, pos); err != nil {
				return false, err
			}
		}
	} else if found, err = m.run(lp.insts, pos, -1); err != nil {
		return false, err
	}
	if m.memo == nil {
		m.memo = map[int]bool{}
	}
	m.memo[key] = found != lp.neg
	return found != lp.neg, nil
}

// matchSet applies a character class with JavaScript's case-insensitive semantics when the i flag is set:
// a class matches c when some member canonicalises to the same character as c (ECMAScript
// CharacterSetMatcher), and negation applies after that test.
func (m *matchState) matchSet(s *runeSet, c rune) bool {
	if !m.r.flags.ignoreCase {
		return s.contains(c)
	}
	canon := canonicalize
	if m.r.flags.unicode {
		canon = canonicalizeUnicode
	}
	cc := canon(c)
	found := s.raw(c)
	for d := unicode.SimpleFold(c); !found && d != c; d = unicode.SimpleFold(d) {
		if canon(d) == cc && s.raw(d) {
			found = true
		}
	}
	if !found {
		for _, d := range []rune{unicode.ToUpper(c), unicode.ToLower(c)} {
			if d != c && canon(d) == cc && s.raw(d) {
				found = true
				break
			}
		}
	}
	return found != s.neg
}

// canonicalize is ECMAScript's Canonicalize without the u flag: upper-case, except that a non-ASCII
// character never maps to an ASCII one (so 'ſ' does not match 's').
func canonicalize(c rune) rune {
	u := unicode.ToUpper(c)
	if c >= 128 && u < 128 {
		return c
	}
	return u
}

// canonicalizeUnicode approximates simple case folding (u flag): the smallest member of c's fold orbit.
func canonicalizeUnicode(c rune) rune {
	min := c
	for d := unicode.SimpleFold(c); d != c; d = unicode.SimpleFold(d) {
		if d < min {
			min = d
		}
	}
	return min
}
