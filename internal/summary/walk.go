package summary

import (
	"regexp"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/modgraph"
	"github.com/archlint/archlint/internal/syntax"
)

// EvidenceKind distinguishes how a caller was verified.
const (
	// KindAuth: a user identity was verified.
	KindAuth = "auth"
	// KindSecret: a shared secret from the environment was compared with a request value (cron jobs,
	// API keys).
	KindSecret = "secret"
	// KindWebhook: a webhook signature was verified.
	KindWebhook = "webhook"
	// KindCaller: a library verified the caller (QStash, inngest).
	KindCaller = "caller"
	// KindNetwork: the caller's IP address was checked against an allowlist (postbacks from providers
	// that publish their address ranges instead of signing).
	KindNetwork = "network"
	// KindHandedIdentity: a handler tested the session or user its caller (a wrapper) hands it. It
	// counts only where the endpoint's wrapper obtains an identity.
	KindHandedIdentity = "handed-identity"
	// KindOnce: not a rate limit but what it would bound — the operations run once per record, which
	// then holds their result (a vector store created when the record has none, and stored).
	KindOnce = "once"
)

// state is what holds at a point of a function body.
type state struct {
	// guard is the verification established on every path to this point, or nil.
	guard *Evidence
	// rate is the rate limit applied on every path to this point, or nil.
	rate *Evidence
	// cover is set when every path to this point has an identity check or a rate limit (members
	// authenticated, anonymous callers limited), though not necessarily the same one.
	cover *Evidence
	// checked are the safeParse result variables whose success was tested.
	checked map[string]bool
	// validated are variables an assertion helper parsed with a schema (validateInputs([id, ZId])):
	// their later uses carry validated data.
	validated map[string]bool
	// rejecting is set inside a branch taken when verification failed; rejectedBy is that verification.
	rejecting  bool
	rejectedBy *Evidence
}

// covered returns the identity check or rate limit on every path to this point, or nil.
func (s *state) covered() *Evidence {
	switch {
	case s.guard != nil:
		return s.guard
	case s.rate != nil:
		return s.rate
	}
	return s.cover
}

func (s *state) copy() *state {
	c := *s
	if s.checked != nil {
		c.checked = make(map[string]bool, len(s.checked))
		for k, v := range s.checked {
			c.checked[k] = v
		}
	}
	if s.validated != nil {
		c.validated = make(map[string]bool, len(s.validated))
		for k, v := range s.validated {
			c.validated[k] = v
		}
	}
	return &c
}

// walker summarises one function.
type walker struct {
	// valid are the variables validated at the sink being examined (state.validated), for untrusted.
	valid map[string]bool
	// joins counts the path.join calls untrusted is following (maxJoins).
	joins int
	e     *Engine
	f     *jsmodel.File
	t     *syntax.Tree
	root  jsmodel.FuncID
	s     *Summary
	name  string

	nested         int // >0 while walking a callback or returned function: returns are not the root's
	normalReturns  int
	guardedReturns int
	// valueReturns counts the returns of a value that can be truthy; checked are the parameters
	// validated at every one of them so far (Summary.ChecksParams).
	valueReturns int
	checked      map[int]bool
	checkedKeys  map[int]map[string]bool
	// constrainDepth bounds how far constrained follows variables holding a test.
	constrainDepth int
	// untrustedDepth bounds the nesting of untrusted; expanding are the variables whose definitions
	// untrusted is following.
	untrustedDepth int
	expanding      map[string]bool
	// serverDepth bounds serverValue through schema parses.
	serverDepth    int
	unguardedParam map[int]bool
	unratedParam   map[int]bool

	// ctx, when set, decides some conditions (request path and method, constant arguments of the call
	// being summarised) so that only the branch taken is walked.
	ctx *Context
	// paramNames are the root's parameter names (destructured ones included), for contextRelevant.
	paramNames map[string]bool
}

// Context is what is known about one invocation of a function: the concrete request path and method
// (middleware, wrappers and handlers evaluated for one endpoint) and constant arguments of a call site
// (parseRequest(req, schema, { skipAuth: true })).
type Context struct {
	Path   string
	Method string
	// Args are the call's arguments by parameter index; only literals are used.
	Args     map[int]syntax.NodeID
	ArgsFile *jsmodel.File
}

func (c *Context) key() string {
	if c == nil {
		return ""
	}
	k := c.Path + "\x00" + c.Method
	for i := 0; i < 8; i++ {
		if n, ok := c.Args[i]; ok {
			k += "\x00" + c.ArgsFile.Tree.Text(n)
		} else {
			k += "\x00"
		}
	}
	return k
}

func (e *Engine) summarize(f *jsmodel.File, fn jsmodel.FuncID) *Summary {
	return e.newWalker(f, fn).run()
}

func (e *Engine) newWalker(f *jsmodel.File, fn jsmodel.FuncID) *walker {
	return &walker{e: e, f: f, t: f.Tree, root: fn, s: &Summary{Wrapped: map[int]*Evidence{}, WrappedRate: map[int]*Evidence{}, CallsParam: map[int]bool{}},
		name: FuncName(f, fn), unguardedParam: map[int]bool{}, unratedParam: map[int]bool{}}
}

// SummarizeIn summarises function fn for one invocation context: only the branches the context decides
// are walked. Results are memoised per context.
func (e *Engine) SummarizeIn(f *jsmodel.File, fn jsmodel.FuncID, ctx *Context) *Summary {
	if ctx == nil || ctx.Path == "" && ctx.Method == "" && len(ctx.Args) == 0 {
		return e.Summarize(f, fn)
	}
	k := ctxKey{funcKey{f.Path, fn}, ctx.key()}
	if s, ok := e.ctxMemo[k]; ok {
		return s
	}
	if e.running[k.funcKey] {
		return empty
	}
	// A function none of whose conditions a context can decide summarises the same in every context.
	if s := e.Summarize(f, fn); !s.contextRelevant {
		e.ctxMemo[k] = s
		return s
	}
	e.running[k.funcKey] = true
	w := e.newWalker(f, fn)
	w.ctx = ctx
	s := w.run()
	delete(e.running, k.funcKey)
	e.ctxMemo[k] = s
	return s
}

type ctxKey struct {
	funcKey
	ctx string
}

func (w *walker) run() *Summary {
	f, fn := w.f, w.root
	def := &f.Functions[fn]
	st := &state{}
	var exits bool
	if w.t.Kind(def.Body) == syntax.StatementBlock {
		exits = w.block(def.Body, st)
	} else if def.Body != syntax.None {
		w.exprs(def.Body, st)
		w.ret(def.Body, st)
		exits = true
	}
	if w.normalReturns == 0 && exits {
		w.s.Exits = true
	}
	endOK := exits || st.guard != nil
	// A function that answers a failed check with a value (false, a 401 response, { error }) guards its
	// callers only when they test that value: Rejects, not Guard.
	if endOK && w.guardedReturns == w.normalReturns && w.s.GuardedBy != nil && w.s.Rejects == nil {
		w.s.Guard = w.s.GuardedBy
		if st.guard != nil {
			w.s.Guard = st.guard
		}
	}
	if w.valueReturns > 0 && len(w.checked)+len(w.checkedKeys) > 0 {
		w.s.ChecksParams, w.s.ChecksKeys = w.checked, w.checkedKeys
		w.s.ChecksAlways = exits && w.valueReturns == w.normalReturns
	}
	for i := range w.unguardedParam {
		delete(w.s.Wrapped, i)
	}
	for i := range w.unratedParam {
		delete(w.s.WrappedRate, i)
	}
	if w.s.RateLimitedBy == nil {
		if ev := w.customLimiter(); ev != nil {
			w.s.RateLimitedBy = ev
		}
	}
	return w.s
}

// block walks a statement block; it reports whether every path through it exits (return, throw,
// redirect).
func (w *walker) block(b syntax.NodeID, st *state) bool {
	for s := w.t.FirstChild(b); s != syntax.None; s = w.t.NextSibling(s) {
		if w.stmt(s, st) {
			return true
		}
	}
	return false
}

// stmt walks one statement and reports whether it always exits.
func (w *walker) stmt(s syntax.NodeID, st *state) bool {
	t := w.t
	switch t.Kind(s) {
	case syntax.StatementBlock:
		return w.block(s, st)
	case syntax.ExpressionStatement:
		e := t.FirstNamedChild(s)
		w.exprs(e, st)
		return w.isExitCall(e)
	case syntax.ReturnStatement:
		arg := t.FirstNamedChild(s)
		if arg != syntax.None {
			w.exprs(arg, st)
		}
		w.ret(arg, st)
		return true
	case syntax.ThrowStatement:
		w.exprs(t.FirstNamedChild(s), st)
		return true
	case syntax.IfStatement:
		return w.ifStmt(s, st)
	case syntax.TryStatement:
		return w.tryStmt(s, st)
	case syntax.ForStatement, syntax.ForInStatement, syntax.WhileStatement, syntax.DoStatement:
		inner := st.copy()
		for c := t.FirstChild(s); c != syntax.None; c = t.NextSibling(c) {
			if t.Nodes[c].Field == syntax.FBody {
				w.stmt(c, inner)
			} else {
				w.exprs(c, st)
			}
		}
		return false
	case syntax.SwitchStatement:
		w.exprs(t.ChildByField(s, syntax.FValue), st)
		body := t.ChildByField(s, syntax.FBody)
		w.noteContextRelevant(t.ChildByField(s, syntax.FValue))
		selected := w.selectCase(s)
		for c := t.FirstChild(body); c != syntax.None; c = t.NextSibling(c) {
			if selected != syntax.None && c < selected {
				continue // cases before the one the context selects do not run
			}
			cs := st.copy()
			if !defaultBefore(t, c) {
				// case "csv": the discriminant is that literal here (unless a default falls through).
				markValidated(t, w.switchCaseConstrained(s, c), cs)
			}
			for x := t.FirstChild(c); x != syntax.None; x = t.NextSibling(x) {
				if t.Nodes[x].Field == syntax.FValue {
					w.exprs(x, st)
					continue
				}
				if w.stmt(x, cs) {
					break
				}
			}
		}
		return false
	case syntax.LabeledStatement:
		return w.stmt(t.ChildByField(s, syntax.FBody), st)
	case syntax.FunctionDeclaration, syntax.GeneratorFunctionDeclaration, syntax.ClassDeclaration,
		syntax.InterfaceDeclaration, syntax.TypeAliasDeclaration, syntax.EmptyStatement, syntax.ImportStatement,
		syntax.ExportStatement:
		if t.Kind(s) == syntax.ExportStatement {
			if d := t.ChildByField(s, syntax.FDeclaration); d != syntax.None {
				return w.stmt(d, st)
			}
		}
		return false
	default:
		w.exprs(s, st)
		return false
	}
}

func (w *walker) ifStmt(s syntax.NodeID, st *state) bool {
	t := w.t
	cond := t.ChildByField(s, syntax.FCondition)
	cons := t.ChildByField(s, syntax.FConsequence)
	alt := t.ChildByField(s, syntax.FAlternative)
	if t.Kind(alt) == syntax.ElseClause {
		alt = t.FirstNamedChild(alt)
	}
	w.exprs(cond, st)
	w.noteSafeParseChecks(cond, st)
	w.noteContextRelevant(cond)
	if alt == syntax.None && w.devBypass(cond, cons) {
		// `if (process.env.VERCEL !== "1") return;` and the like skip a check outside production; the
		// deployed code takes the other way.
		return false
	}
	if alt == syntax.None && (w.productionOnly(cond) || w.limiterConfigured(cond)) {
		// `if (process.env.VERCEL === "1") { verify }`: the deployed code runs the check.
		return w.stmt(cons, st)
	}
	if w.developmentOnly(cond) {
		// `if (process.env.NODE_ENV === "development" && …) { … }`: the deployed code skips the branch.
		if alt != syntax.None {
			return w.stmt(alt, st)
		}
		return false
	}
	if w.ctx != nil {
		if v, known := w.ctxCond(cond); known {
			if v {
				return w.stmt(cons, st)
			}
			if alt != syntax.None {
				return w.stmt(alt, st)
			}
			return false
		}
	}

	absent, evA := w.absentTest(cond)
	present, evP := w.presentTest(cond)
	if !absent && !present {
		if ev := w.rejectionTest(cond); ev != nil {
			// A helper's rejection result is tested: whichever way, a branch that exits is the rejection.
			absent, evA = true, ev
		} else if ev := w.ipAllowlistTest(cond); ev != nil {
			absent, evA = true, ev
		} else if ev := w.paidSessionTest(cond); ev != nil {
			absent, evA = true, ev
		} else if ev := w.handedIdentityTest(cond); ev != nil && st.guard == nil {
			absent, evA = true, ev
		}
	}
	cs, as := st.copy(), st.copy()
	// `if (format === "csv")`, `if (!ALLOWED.includes(format)) return`: where the test holds, the value
	// is one of the listed constants.
	markValidated(t, w.constrained(cond, true), cs)
	markValidated(t, w.constrained(cond, false), as)
	// `if (typeof name !== "string" || name.length > 255) return 400`: a hand-written check of type and
	// size.
	w.noteTypeFacts(cond, true, cs)
	w.noteTypeFacts(cond, false, as)
	if ev := w.storedOnce(cond, cons); ev != nil && cs.rate == nil {
		cs.rate = ev
	}
	switch {
	case absent:
		cs.rejecting, cs.rejectedBy = true, evA
		as.guard = evA
	case present:
		cs.guard = evP
		as.rejecting, as.rejectedBy = true, evP
	}
	consExits := w.stmt(cons, cs)
	altExits := false
	if alt != syntax.None {
		altExits = w.stmt(alt, as)
	}
	w.noteGuard(cs)
	w.noteGuard(as)
	if absent && !consExits && w.nested == 0 && w.s.Rejects == nil && evA.Kind != KindHandedIdentity {
		// The failed check is recorded rather than acted on (`if (!auth) error = unauthorized`): the
		// function reports the outcome, and a caller that tests it and exits is guarded.
		w.s.Rejects = evA
	}
	if consExits && alt == syntax.None {
		// `if (id !== session.user.id) throw`: past the check, id is the caller's own identifier.
		markValidated(w.t, w.equalsIdentity(cond), as)
		// `if (!team) return 404` after `team = await prisma.team.findFirst({ where: { id: teamId } })`:
		// past the check, teamId names an existing record (one the caller may use, when the lookup
		// includes the caller).
		markValidated(w.t, w.lookupChecked(cond), as)
	}
	// Without an else branch, `as` is the path that skips the consequence.
	switch {
	case consExits && altExits:
		return true
	case consExits:
		st.guard, st.cover = as.guard, as.covered()
		if st.rate == nil {
			st.rate = as.rate
		}
		st.validated, st.checked = as.validated, as.checked
	case altExits:
		st.guard, st.cover = cs.guard, cs.covered()
		if st.rate == nil {
			st.rate = cs.rate
		}
		st.validated, st.checked = cs.validated, cs.checked
	default:
		// if (retention !== undefined) { schema.parse({ retention }) }: validated whenever it is set.
		if n := definedTest(t, cond); n != "" && alt == syntax.None && cs.validated[n] && !st.validated[n] {
			if st.validated == nil {
				st.validated = map[string]bool{}
			}
			st.validated[n] = true
		}
		switch {
		case cs.guard != nil && as.guard != nil:
			if st.guard == nil {
				st.guard = either(cs.guard, as.guard)
			}
		default:
			st.guard = nil
		}
		if st.rate == nil && cs.rate != nil && as.rate != nil {
			st.rate = cs.rate
		}
		if c, a := cs.covered(), as.covered(); c != nil && a != nil {
			st.cover = c
		} else {
			st.cover = nil
		}
	}
	return false
}

func (w *walker) tryStmt(s syntax.NodeID, st *state) bool {
	t := w.t
	body := t.ChildByField(s, syntax.FBody)
	handler := t.ChildByField(s, syntax.FHandler)
	finalizer := t.ChildByField(s, syntax.FFinalizer)
	ts := st.copy()
	bodyExits := w.block(body, ts)
	handlerExits := true
	if handler != syntax.None {
		hs := st.copy()
		handlerExits = w.block(t.ChildByField(handler, syntax.FBody), hs)
	}
	if finalizer != syntax.None {
		fs := st.copy()
		if w.block(t.ChildByField(finalizer, syntax.FBody), fs) {
			return true
		}
	}
	// After the try statement: the try body completed (with its guard), or the handler ran and did not
	// exit (with the guard from before the try).
	if handlerExits {
		st.guard, st.cover = ts.guard, ts.covered()
		if st.rate == nil {
			st.rate = ts.rate
		}
		// try { schema.parse({ name }) } catch { return 400 }: what the body validated stays validated.
		st.validated, st.checked = ts.validated, ts.checked
	} else if handler != syntax.None && w.answersResponse(t.ChildByField(handler, syntax.FBody)) {
		// catch (e) { errorhandler(e, res) }: the Pages Router handler has answered the request; what
		// the try body checked is what the rest of the handler is meant to rely on.
		for k, v := range ts.validated {
			if st.validated == nil {
				st.validated = map[string]bool{}
			}
			st.validated[k] = st.validated[k] || v
		}
	}
	return bodyExits && handlerExits
}

// answersResponse reports whether a block sends the Pages Router response: it calls a method of the
// handler's response parameter or passes it to a helper (res.status(500).json(…), errorhandler(e, res)).
func (w *walker) answersResponse(block syntax.NodeID) bool {
	t := w.t
	found := false
	isRes := func(n syntax.NodeID) bool {
		n = t.Unparen(n)
		if t.Kind(n) != syntax.Identifier {
			return false
		}
		o := w.e.OriginOf(w.f, n)
		return o.Kind == Param && o.File == w.f && o.Fn == w.root && o.Param == 1 && len(o.Path) == 0
	}
	t.Walk(block, func(x syntax.NodeID) bool {
		if found {
			return false
		}
		if t.Kind(x) != syntax.CallExpression {
			return true
		}
		for _, a := range w.args(x) {
			if isRes(a) {
				found = true
			}
		}
		for c := t.ChildByField(x, syntax.FFunction); t.Kind(c) == syntax.MemberExpression || t.Kind(c) == syntax.CallExpression; {
			if t.Kind(c) == syntax.CallExpression {
				c = t.ChildByField(c, syntax.FFunction)
				continue
			}
			obj := t.ChildByField(c, syntax.FObject)
			if isRes(obj) {
				found = true
				break
			}
			c = obj
		}
		return !found
	})
	return found
}

// definedTest returns the variable a condition tests to be set (`x`, `x !== undefined`, `x != null`), or "".
func definedTest(t *syntax.Tree, cond syntax.NodeID) string {
	cond = t.Unparen(cond)
	switch t.Kind(cond) {
	case syntax.Identifier:
		return t.Text(cond)
	case syntax.BinaryExpression:
		op := t.Text(t.ChildByField(cond, syntax.FOperator))
		l, r := t.Unparen(t.ChildByField(cond, syntax.FLeft)), t.Unparen(t.ChildByField(cond, syntax.FRight))
		if (op == "!==" || op == "!=") && t.Kind(l) == syntax.Identifier && (t.TextIs(r, "undefined") || t.TextIs(r, "null")) {
			return t.Text(l)
		}
	}
	return ""
}

// ret records a return of expression arg (None for a bare return).
func (w *walker) ret(arg syntax.NodeID, st *state) {
	if w.nested > 0 {
		return
	}
	if st.rejecting {
		if arg != syntax.None && w.s.Rejects == nil && !w.isExitCall(arg) && (st.rejectedBy == nil || st.rejectedBy.Kind != KindHandedIdentity) {
			w.s.Rejects = &Evidence{What: "rejection", File: w.f, Node: arg}
			if ev := st.rejectedBy; ev != nil && ev.What != "" {
				// The helper answers a failed check with a value: the check is the evidence.
				c := *ev
				w.s.Rejects = &c
			}
		}
		return
	}
	w.normalReturns++
	if st.guard != nil {
		w.guardedReturns++
	}
	if arg == syntax.None {
		return
	}
	w.noteCheckedParams(arg, st)
	inner := w.t.Unparen(arg)
	if w.t.Kind(inner) == syntax.AwaitExpression {
		inner = w.t.Unparen(w.t.FirstNamedChild(inner))
	}
	// A returned function is the handler a wrapper builds: walk it per request, with a fresh state.
	if fnID := w.f.FuncOf(inner); fnID != jsmodel.NoFunc {
		w.walkInner(fnID, &state{})
		return
	}
	if ok, _ := w.identityOf(inner); ok || w.containsIdentity(inner) {
		w.s.ReturnsIdentity = true
	}
	if w.s.Rejects == nil {
		// Passing on a helper's verdict (`return verifyToken(header)`): this function records the
		// rejection too.
		if o := w.e.OriginOf(w.f, inner); (o.Kind == Rejection || o.Kind == ObjectLit) && o.Ev != nil && len(o.Path) == 0 {
			w.s.Rejects = o.Ev
		} else if w.t.Kind(inner) == syntax.CallExpression {
			// Returning the outcome of a verification (`return verifier.verify(cert, signature)`,
			// `return crypto.timingSafeEqual(expected, given)`): a caller that tests it and exits is
			// guarded.
			if ev := w.verificationCall(o, inner); ev != nil && ev.Kind != KindAuth {
				w.s.Rejects = ev
			}
		}
	}
	if w.s.Return.Kind == Unknown {
		w.s.Return = w.e.OriginOf(w.f, inner)
		if w.s.Return.Kind == Func && w.s.Return.File == w.f && len(w.s.Return.Path) == 0 {
			fn := w.s.Return.Fn
			if fn != w.root && w.f.Functions[fn].Parent != jsmodel.NoFunc {
				w.walkInner(fn, &state{})
			}
		}
	}
}

// walkInner walks a nested function (a callback or a returned handler) in the root's summary.
func (w *walker) walkInner(fn jsmodel.FuncID, st *state) {
	body := w.f.Functions[fn].Body
	w.nested++
	defer func() { w.nested-- }()
	if w.t.Kind(body) == syntax.StatementBlock {
		w.block(body, st)
	} else if body != syntax.None {
		w.exprs(body, st)
	}
}

// exprs processes the calls of an expression (or any non-statement node) in evaluation order: a call's
// arguments before the call. Nested functions are not entered, except function arguments of calls, which
// are walked as callbacks when their call is processed.
func (w *walker) exprs(n syntax.NodeID, st *state) {
	if n == syntax.None {
		return
	}
	t := w.t
	var calls []syntax.NodeID
	t.Walk(n, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression, syntax.FunctionDeclaration, syntax.GeneratorFunction,
			syntax.MethodDefinition, syntax.Class, syntax.ClassDeclaration:
			return false
		case syntax.CallExpression, syntax.NewExpression:
			calls = append(calls, x)
		}
		return true
	})
	sort.SliceStable(calls, func(i, j int) bool {
		a, b := t.Nodes[calls[i]], t.Nodes[calls[j]]
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Start > b.Start
	})
	for _, c := range calls {
		w.call(c, st)
	}
	w.uncheckedData(n, st)
}

// call processes one call site.
func (w *walker) call(n syntax.NodeID, st *state) {
	t := w.t
	isNew := t.Kind(n) == syntax.NewExpression
	calleeNode := t.ChildByField(n, syntax.FFunction)
	if isNew {
		calleeNode = t.ChildByField(n, syntax.FConstructor)
	}
	callee := w.e.OriginOf(w.f, calleeNode)
	args := w.args(n)

	// Which guard and rate limit the callee establishes for function arguments it calls (wrappers).
	argGuard := map[int]*Evidence{}
	argRate := map[int]*Evidence{}

	switch callee.Kind {
	case External:
		if m := prismaModel(callee); m != "" {
			w.s.Models = addModel(w.s.Models, m)
			if strings.HasSuffix(callee.Path[len(callee.Path)-1], "OrThrow") && !st.rejecting && awaitedCall(t, n) {
				// findUniqueOrThrow({ where: { id } }): past the call, id names an existing record.
				markValidated(t, uniqueWhereIdents(t, n), st)
			}
		}
		key := callee.Key()
		if isNew {
			key += "()"
		}
		roles, entry := libs.Roles(key)
		if entry != nil {
			if roles&libs.AuthGuard != 0 {
				w.establish(st, &Evidence{What: entry.What, File: w.f, Node: n}, KindAuth)
			}
			if roles&libs.Identity != 0 && w.s.IdentityFetched == nil {
				w.s.IdentityFetched = &Evidence{Kind: KindAuth, What: entry.What, File: w.f, Node: n}
			}
			if roles&libs.WebhookVerify != 0 && !w.inCondition(n) {
				ev := &Evidence{What: entry.What, File: w.f, Node: n}
				w.s.WebhookVerified = ev
				w.establish(st, ev, KindWebhook)
			}
			if roles&libs.RateLimit != 0 {
				w.limit(st, &Evidence{Kind: "rateLimit", What: entry.What, File: w.f, Node: n})
			}
			if roles&libs.Validate != 0 && w.s.ValidatedBy == nil && !st.rejecting {
				w.s.ValidatedBy = &Evidence{Kind: "validation", What: entry.What, File: w.f, Node: n}
			}
			if roles&libs.Validate != 0 && !st.rejecting && len(args) > 0 && throwingParse(t, calleeNode) {
				// schema.parse({ name, slug }) throws unless they match: later uses are validated.
				markFields(t, args[0], st)
			}
			if roles&libs.CallerVerifyingWrapper != 0 {
				for i := range args {
					argGuard[i] = &Evidence{What: entry.What, File: w.f, Node: n}
				}
			}
			if roles&libs.Sensitive != 0 && !cacheWrite(t, entry, args) && !w.bookkeepingWrite(callee, n, args) && !w.s3Read(entry, args) {
				op := Op{Role: roles & libs.Sensitive, What: entry.What, Callee: w.chain(calleeNode), Model: prismaModel(callee), File: w.f, Node: n}
				if roles&libs.Payment != 0 && guestCheckout(t, callee, args) {
					op.Role, op.What = libs.ThirdParty, "a Stripe Checkout Session for a guest"
					w.quotaOp(op, st)
				} else if ev := w.capabilityWrite(op, args); ev != nil {
					// Consuming a token by presenting it: the caller reaches only the record whose secret it
					// holds.
					cs := *st
					cs.guard, cs.cover = ev, ev
					w.op(op, &cs)
				} else {
					w.op(op, st)
				}
			}
			if roles&libs.Credential != 0 && !st.rejecting && !oauthSignIn(t, entry, args) && !(strings.HasPrefix(entry.What, "a sign-in") && w.e.loggingSignIn(t, callee, args)) {
				op := Op{Role: libs.Credential, What: entry.What, Callee: w.chain(calleeNode), File: w.f, Node: n, HashParam: -1}
				keep := true
				if i := hashArg(entry); i >= 0 && i < len(args) {
					keep, op.HashParam = w.passwordHash(args[i])
				}
				if keep {
					w.s.Credentials = appendOp(w.s.Credentials, op)
					if st.rate == nil {
						w.s.Unrated = appendOp(w.s.Unrated, op)
					}
				}
			}
		}
	case Func:
		if len(callee.Path) == 0 {
			ctx := argsContext(w.f, args)
			s := w.e.SummarizeIn(callee.File, callee.Fn, ctx)
			name := FuncName(callee.File, callee.Fn)
			if ctx != nil && w.s.AuthSkipped == nil && s.Guard == nil && s.Rejects == nil {
				// The helper authenticates, but the call's options turn that off (`{ skipAuth: true }`):
				// the author declares the endpoint public.
				if base := w.e.Summarize(callee.File, callee.Fn); base.Guard != nil || base.Rejects != nil {
					w.s.AuthSkipped = &Evidence{What: "authentication turned off by the options of " + t.Text(calleeNode) + "(…)", File: w.f, Node: n}
				}
			}
			if !st.rejecting {
				for _, op := range s.Ops {
					w.s.Ops = appendOp(w.s.Ops, op.via(name))
				}
				for _, op := range s.Credentials {
					if op, ok := w.passOnCredential(op, args); ok {
						w.s.Credentials = appendOp(w.s.Credentials, op.via(name))
					}
				}
				if st.guard == nil {
					for _, op := range s.Unguarded {
						w.s.Unguarded = appendOp(w.s.Unguarded, op.via(name))
					}
				}
				if st.rate == nil {
					for _, op := range s.Unrated {
						if op, ok := w.passOnCredential(op, args); ok {
							w.s.Unrated = appendOp(w.s.Unrated, op.via(name))
						}
					}
				}
				if st.covered() == nil {
					for _, op := range s.Exposed {
						w.s.Exposed = appendOp(w.s.Exposed, op.via(name))
					}
				}
			}
			if s.RateLimitedBy != nil {
				w.limit(st, s.RateLimitedBy.via(name))
			}
			if s.ValidatedBy != nil && w.s.ValidatedBy == nil {
				w.s.ValidatedBy = s.ValidatedBy.via(name)
			}
			if s.IdentityFetched != nil && w.s.IdentityFetched == nil {
				w.s.IdentityFetched = s.IdentityFetched.via(name)
			}
			if s.Guard != nil {
				w.establish(st, s.Guard.via(name), s.Guard.Kind)
			}
			if s.WebhookVerified != nil && w.s.WebhookVerified == nil {
				w.s.WebhookVerified = s.WebhookVerified.via(name)
			}
			w.s.Models = MergeModels(w.s.Models, s.Models)
			if s.AuthSkipped != nil && w.s.AuthSkipped == nil && !st.rejecting {
				w.s.AuthSkipped = s.AuthSkipped.via(name)
			}
			for i, ev := range s.Wrapped {
				argGuard[i] = ev.via(name)
			}
			for i, ev := range s.WrappedRate {
				argRate[i] = ev.via(name)
			}
		}
	case Param:
		if callee.File == w.f && callee.Fn == w.root && len(callee.Path) == 0 {
			w.paramCalled(callee.Param, st.guard, st.rate)
			// A wrapper that hands the handler a validated value (createSafeAction(schema, handler)).
			for _, a := range args {
				if o := w.e.OriginOf(w.f, a); IsValidated(o) && w.s.WrappedValid == nil {
					w.s.WrappedValid = map[int]*Evidence{}
				}
				if o := w.e.OriginOf(w.f, a); IsValidated(o) {
					w.s.WrappedValid[callee.Param] = &Evidence{Kind: "validation", What: "validated by " + w.name, File: w.f, Node: a}
				}
			}
		}
	case Global:
		if callee.Name == "fetch" && len(callee.Path) == 0 {
			w.credentialedFetch(n, args, st)
		}
	case Unknown:
		if what, model := prismaByName(jsmodel.Chain(t, calleeNode)); what != "" {
			if model != "" {
				w.s.Models = addModel(w.s.Models, model)
			}
			w.op(Op{Role: libs.DBWrite, What: what, Callee: w.chain(calleeNode), Model: model, File: w.f, Node: n}, st)
		}
	}
	// Data flows into sinks, and through helpers.
	key := ""
	if callee.Kind == External {
		key = callee.Key()
		if isNew {
			key += "()"
		}
	}
	if role, what, nargs := w.sinkOf(callee, key, calleeNode); role != 0 {
		model := prismaModel(callee)
		if callee.Kind == Unknown {
			_, model = prismaByName(jsmodel.Chain(t, calleeNode))
		}
		sinkArgs := args
		if nargs > 0 && nargs < len(args) {
			sinkArgs = args[:nargs] // fs.writeFile(path, content): the path, not what is written
		}
		if role&(libs.DBWrite|libs.DBRead) != 0 {
			// db.insert(users).values(row), kysely.updateTable("t").set(patch): a query builder takes its
			// data in the calls chained after the one that names the table.
			sinkArgs = append(append([]syntax.NodeID(nil), sinkArgs...), builderData(t, n)...)
		}
		w.flowsAt(n, sinkArgs, Op{Role: role, What: what, Callee: w.chain(calleeNode), Model: model, File: w.f, Node: n}, st)
	}
	if !st.rejecting && w.awaitedUniqueWrite(n, callee, calleeNode) {
		// await prisma.link.update({ where: { id } }) throws (P2025) unless the record exists: past
		// it, id names an existing record, as after a checked lookup. Marked after the call's own
		// flows: its data is not validated by its where.
		markValidated(t, uniqueWhereIdents(t, n), st)
	}
	w.noteAssertion(calleeNode, callee, args)
	if callee.Kind == Func && len(callee.Path) == 0 {
		w.calleeFlows(w.e.Summarize(callee.File, callee.Fn), FuncName(callee.File, callee.Fn), args, st)
		if cs := w.e.Summarize(callee.File, callee.Fn); cs.ChecksAlways && !st.rejecting && awaitedCall(t, n) {
			// await getGroupOrThrow({ groupId, programId }): it throws unless they name a record the
			// caller may use; past the call, they do.
			markValidated(w.t, w.checkedArgs(cs, args), st)
		}
		if w.e.Summarize(callee.File, callee.Fn).AssertsArgs && !st.rejecting {
			markValidated(w.t, args, st)
			// Passing its own parameter to a helper that asserts it (getOrganization(id), which runs
			// validateInputs([id, ZString])): this function asserts it too.
			if w.nested == 0 && w.root != jsmodel.NoFunc {
				for _, a := range args {
					if a = w.t.Unparen(a); w.t.Kind(a) == syntax.Array {
						a = w.t.FirstNamedChild(a) // validateInputs([id, ZId])
					}
					if o := w.e.OriginOf(w.f, a); o.Kind == Param && o.File == w.f && o.Fn == w.root {
						w.s.AssertsArgs = true
					}
				}
			}
		}
		for _, u := range w.e.Summarize(callee.File, callee.Fn).Unchecked {
			if len(w.s.Unchecked) < 16 && w.nested == 0 {
				w.s.Unchecked = append(w.s.Unchecked, u)
			}
		}
	}
	if cg := w.customGuard(calleeNode); cg != nil {
		if cg.Wrapper {
			for i := range args {
				argGuard[i] = &Evidence{What: cg.Name + " (declared in configuration)", File: w.f, Node: n}
			}
		} else if cg.Auth {
			w.establish(st, &Evidence{What: cg.Name + " (declared in configuration)", File: w.f, Node: n}, KindAuth)
		}
	}

	// Arguments: handlers passed on to another wrapper, and callbacks.
	for i, a := range args {
		guard := st.guard
		if g := argGuard[i]; g != nil && guard == nil {
			guard = g
		}
		rate := st.rate
		if r := argRate[i]; r != nil && rate == nil {
			rate = r
		}
		a = t.Unparen(a)
		if fnID := w.f.FuncOf(a); fnID != jsmodel.NoFunc {
			// The callback runs after this point (prisma.$transaction(async (tx) => …)): what was
			// validated before the call holds inside it.
			inner := &state{guard: guard, rate: rate, cover: st.cover}
			if cp := st.copy(); !st.rejecting {
				inner.validated, inner.checked = cp.validated, cp.checked
				// Names the callback binds itself (its parameters, its declarations) are other values.
				for name := range boundNames(w.f, fnID) {
					delete(inner.validated, name)
				}
			}
			w.walkInner(fnID, inner)
			continue
		}
		if o := w.e.OriginOf(w.f, a); o.Kind == Param && o.File == w.f && o.Fn == w.root && len(o.Path) == 0 && (callee.Kind == Func || callee.Kind == External) {
			// The handler is handed to another function, which calls it (a wrapper chain).
			if argGuard[i] != nil || callee.Kind == Func && w.e.Summarize(callee.File, callee.Fn).CallsParam[i] {
				w.paramCalled(o.Param, guard, rate)
			}
		}
	}
}

// limiterName recognises functions named as rate limiters.
var limiterName = regexp.MustCompile(`(?i)(rate.?limit|throttl|limiter|ratelimit)`)

// customLimiter recognises a hand-written rate limiter by its body: it counts (a redis/kv increment, or a
// counter compared with a maximum) and answers 429 or is named as a limiter.
func (w *walker) customLimiter() *Evidence {
	def := &w.f.Functions[w.root]
	t := w.t
	has429, counts := false, false
	t.Walk(def.Node, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.Number:
			if t.TextIs(x, "429") {
				has429 = true
			}
		case syntax.CallExpression:
			callee := t.Unparen(t.ChildByField(x, syntax.FFunction))
			if t.Kind(callee) == syntax.AwaitExpression {
				// tree-sitter reads `await redis.eval<T>(…)` as a call of `await redis.eval`.
				callee = t.Unparen(t.FirstNamedChild(callee))
			}
			if t.Kind(callee) == syntax.MemberExpression {
				switch strings.ToLower(t.Text(t.ChildByField(callee, syntax.FProperty))) {
				case "incr", "incrby", "increment", "hincrby", "zincrby", "zadd", "zcard", "expire", "pexpire", "eval", "evalsha":
					// eval: a Lua script, in practice an atomic INCR + EXPIRE.
					counts = true
				}
			}
		case syntax.Identifier, syntax.TypeIdentifier, syntax.StringFragment:
			// throw new TooManyRequestsError(), "Too many requests": the limiter's answer without a 429.
			if s := strings.ToLower(t.Text(x)); strings.Contains(s, "toomanyrequests") || strings.Contains(s, "too many requests") || strings.Contains(s, "ratelimitexceeded") {
				has429 = true
			}
		}
		return true
	})
	named := limiterName.MatchString(def.Name)
	if has429 && counts || named && (has429 || counts) {
		return &Evidence{Kind: "rateLimit", What: "rate limiter " + FuncName(w.f, w.root), File: w.f, Node: def.Node}
	}
	if w.quotaCounter(def.Node) {
		return &Evidence{Kind: "rateLimit", What: "usage quota " + FuncName(w.f, w.root), File: w.f, Node: def.Node}
	}
	return nil
}

// rawIncrement and rawBelow recognise, in the SQL of a raw update, a counter raised by one and a
// comparison that keeps it below a limit: `SET aiUsage = aiUsage + 1 WHERE id = $1 AND aiUsage < aiLimit`.
var (
	rawIncrement = regexp.MustCompile(`(?i)\bset\b[^;]*?"?(\w+)"?\s*=\s*"?\w+"?\s*\+\s*\d`)
	rawBelow     = regexp.MustCompile(`(?i)\bwhere\b[^;]*?"?\w+"?\s*<=?\s*[\w"]`)
)

// quotaCounter recognises a usage quota kept in the database: an update that raises a counter only while
// it is below its limit (raw SQL, or Prisma's `{ increment }` under a `lt`/`lte` filter), and a
// rejection when the update matched nothing (`if (count === 0) throw …`). Each call spends one unit of
// a bounded allowance, which bounds what callers can spend as a rate limit would.
func (w *walker) quotaCounter(fn syntax.NodeID) bool {
	t := w.t
	counts, rejects := false, false
	t.Walk(fn, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.TemplateString:
			if s := t.Text(x); rawIncrement.MatchString(s) && rawBelow.MatchString(s) {
				counts = true
			}
		case syntax.Pair:
			if t.TextIs(t.ChildByField(x, syntax.FKey), "increment") {
				// data: { usage: { increment: 1 } } in an update whose where bounds it.
				for p := t.Parent(x); p != syntax.None && p != fn; p = t.Parent(p) {
					if t.Kind(p) == syntax.CallExpression {
						args := namedArgs(t, p)
						if len(args) > 0 {
							if where := objectProp(t, args[0], "where"); where != syntax.None && (strings.Contains(t.Text(where), "lt:") || strings.Contains(t.Text(where), "lte:")) {
								counts = true
							}
						}
						break
					}
				}
			}
		case syntax.IfStatement:
			c := t.Text(t.ChildByField(x, syntax.FCondition))
			if strings.Contains(c, "=== 0") || strings.Contains(c, "== 0") || strings.Contains(c, "< 1") {
				t.Walk(t.ChildByField(x, syntax.FConsequence), func(y syntax.NodeID) bool {
					if t.Kind(y) == syntax.ThrowStatement {
						rejects = true
					}
					return !rejects
				})
			}
		}
		return true
	})
	return counts && rejects
}

// noteContextRelevant records that a condition could be decided by an invocation context: it mentions the
// request's path or method, or a parameter of the root function (an option).
func (w *walker) noteContextRelevant(cond syntax.NodeID) {
	if w.s.contextRelevant || cond == syntax.None {
		return
	}
	t := w.t
	if w.paramNames == nil {
		w.paramNames = map[string]bool{}
		for _, p := range w.f.Functions[w.root].Params {
			if p.Name != "" {
				w.paramNames[p.Name] = true
			} else {
				t.Walk(p.Pattern, func(x syntax.NodeID) bool {
					if k := t.Kind(x); k == syntax.Identifier || k == syntax.ShorthandPropertyIdentifierPattern {
						w.paramNames[t.Text(x)] = true
					}
					return true
				})
			}
		}
	}
	t.Walk(cond, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.PropertyIdentifier:
			if t.TextIs(x, "pathname") || t.TextIs(x, "method") || t.TextIs(x, "nextUrl") {
				w.s.contextRelevant = true
			}
		case syntax.Identifier:
			if w.paramNames[t.Text(x)] || t.TextIs(x, "pathname") || t.TextIs(x, "method") {
				w.s.contextRelevant = true
			}
		case syntax.CallExpression:
			// isPublicRoute(req) and other matchers of the request.
			w.s.contextRelevant = true
		}
		return !w.s.contextRelevant
	})
}

// argsContext returns the context of a call to a project function (in file f) when it passes literal
// arguments (objects, booleans, strings), so that the callee's options are decided; nil otherwise.
func argsContext(f *jsmodel.File, args []syntax.NodeID) *Context {
	t := f.Tree
	var ctx *Context
	for i, a := range args {
		switch t.Kind(t.Unparen(a)) {
		case syntax.Object, syntax.True, syntax.False, syntax.String:
			if ctx == nil {
				ctx = &Context{Args: map[int]syntax.NodeID{}, ArgsFile: f}
			}
			ctx.Args[i] = t.Unparen(a)
		}
	}
	return ctx
}

// selectCase returns the case a switch on the request method takes in the walker's context, or None.
func (w *walker) selectCase(s syntax.NodeID) syntax.NodeID {
	t := w.t
	if w.ctx == nil || w.ctx.Method == "" || !w.isMethod(t.Unparen(t.ChildByField(s, syntax.FValue))) {
		return syntax.None
	}
	def := syntax.None
	for c := t.FirstChild(t.ChildByField(s, syntax.FBody)); c != syntax.None; c = t.NextSibling(c) {
		switch t.Kind(c) {
		case syntax.SwitchCase:
			if v, ok := t.StringValue(t.ChildByField(c, syntax.FValue)); ok && strings.EqualFold(v, w.ctx.Method) {
				return c
			}
		case syntax.SwitchDefault:
			def = c
		}
	}
	return def
}

// devBypass recognises `if (<condition on process.env only>) return;`: a check skipped outside
// production (local development, preview deployments). The branch is not taken in production.
func (w *walker) devBypass(cond, cons syntax.NodeID) bool {
	t := w.t
	ret := cons
	if t.Kind(ret) == syntax.StatementBlock {
		if t.FirstNamedChild(ret) == syntax.None || t.NextSibling(t.FirstNamedChild(ret)) != syntax.None {
			return false
		}
		ret = t.FirstNamedChild(ret)
	}
	if t.Kind(ret) != syntax.ReturnStatement {
		return false
	}
	if arg := t.FirstNamedChild(ret); arg != syntax.None {
		// Only a bare return or a pass-through response.
		if c := jsmodel.Chain(t, t.ChildByField(t.Unparen(arg), syntax.FFunction)); c != "NextResponse.next" {
			return false
		}
	}
	envOnly, sawEnv := true, false
	t.Walk(cond, func(x syntax.NodeID) bool {
		if !envOnly {
			return false
		}
		switch t.Kind(x) {
		case syntax.MemberExpression:
			if strings.HasPrefix(jsmodel.Chain(t, x), "process.env.") {
				sawEnv = true
				return false
			}
			envOnly = false
		case syntax.Identifier, syntax.CallExpression:
			envOnly = false
		}
		return true
	})
	return envOnly && sawEnv
}

// limiterConfigured reports whether cond only tests that a rate limiter exists (`if (ratelimit)` for a
// limiter that is null when Redis is not configured): the deployed code has one.
func (w *walker) limiterConfigured(cond syntax.NodeID) bool {
	t := w.t
	c := t.Unparen(cond)
	if t.Kind(c) != syntax.Identifier && t.Kind(c) != syntax.MemberExpression {
		return false
	}
	o := w.e.OriginOf(w.f, c)
	if o.Kind == ObjectLit && len(o.Path) == 0 {
		// A limiter the project builds (`createRatelimit()` returning `{ limit(key) { … } }` or null).
		if m := w.e.property(o, "limit", 0); m.Kind == Func && len(m.Path) == 0 {
			return w.e.Summarize(m.File, m.Fn).RateLimitedBy != nil
		}
		return false
	}
	if o.Kind != External {
		return false
	}
	roles, _ := libs.Roles(libs.Key(o.Pkg, o.Sub, o.Name, append(append([]string(nil), o.Path...), "limit")...))
	return roles&libs.RateLimit != 0
}

// productionOnly reports whether cond holds exactly in a production deployment: NODE_ENV is
// "production" (or not "development"/"test"), VERCEL is "1", VERCEL_ENV is "production", directly or
// through a constant (`const isProd = …`, `!isLocalDev`), possibly imported.
func (w *walker) productionOnly(cond syntax.NodeID) bool {
	return w.e.envCond(w.f, cond, 0) > 0
}

// ProductionOnly reports whether condition cond of f holds only in production (`process.env.NODE_ENV ===
// "production"`, `process.env.VERCEL === "1"`, an IS_PRODUCTION constant built from them).
func (e *Engine) ProductionOnly(f *jsmodel.File, cond syntax.NodeID) bool {
	return e.envCond(f, cond, 0) > 0
}

// developmentOnly reports whether cond can hold only outside production: NODE_ENV is "development" or
// "test" (or not "production"), alone, negated, through a constant, or as one operand of &&.
func (w *walker) developmentOnly(cond syntax.NodeID) bool {
	return w.e.envCond(w.f, cond, 0) < 0
}

// envCond classifies a condition by deployment: 1 when it can hold only in production, -1 only outside
// production, 0 otherwise.
func (e *Engine) envCond(f *jsmodel.File, cond syntax.NodeID, depth int) int {
	if depth > 4 {
		return 0
	}
	t := f.Tree
	c := t.Unparen(cond)
	switch t.Kind(c) {
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(c, syntax.FOperator), "!") {
			return -e.envCond(f, t.ChildByField(c, syntax.FArgument), depth+1)
		}
		return 0
	case syntax.Identifier:
		g, init := e.constInit(f, c)
		if init == syntax.None {
			return 0
		}
		return e.envCond(g, init, depth+1)
	case syntax.BinaryExpression:
	default:
		return 0
	}
	op := t.Text(t.ChildByField(c, syntax.FOperator))
	l, r := t.Unparen(t.ChildByField(c, syntax.FLeft)), t.Unparen(t.ChildByField(c, syntax.FRight))
	if op == "&&" {
		// Both must hold: either side's restriction applies to the whole.
		if a := e.envCond(f, l, depth+1); a != 0 {
			return a
		}
		return e.envCond(f, r, depth+1)
	}
	v, ok := t.StringValue(r)
	if !ok {
		l, r = r, l
		if v, ok = t.StringValue(r); !ok {
			return 0
		}
	}
	eq := op == "===" || op == "=="
	ne := op == "!==" || op == "!="
	chain := jsmodel.Chain(t, l)
	if strings.HasPrefix(chain, "env.") {
		// A validated environment object (t3-env's `env.NODE_ENV`) reads the same variables.
		chain = "process." + chain
	}
	switch chain {
	case "process.env.NODE_ENV":
		switch {
		case eq && v == "production", ne && (v == "development" || v == "test"):
			return 1
		case eq && (v == "development" || v == "test"), ne && v == "production":
			return -1
		}
	case "process.env.VERCEL":
		if eq && v == "1" {
			return 1
		}
	case "process.env.VERCEL_ENV":
		switch {
		case eq && v == "production":
			return 1
		case eq && (v == "development" || v == "preview"):
			return -1
		}
	}
	return 0
}

// constInit returns the initializer of the constant an identifier names (local or module-level, possibly
// imported) with its file, or None.
func (e *Engine) constInit(f *jsmodel.File, n syntax.NodeID) (*jsmodel.File, syntax.NodeID) {
	t := f.Tree
	name := t.Text(n)
	for _, d := range f.Defs(name, n) {
		if d.Kind == jsmodel.DefVar && d.Value != syntax.None && !d.Destructured {
			return f, d.Value
		}
		if d.Kind == jsmodel.DefModule {
			break
		}
	}
	sym := e.Graph.Local(f, name)
	if sym.Kind != modgraph.Local || sym.File == nil {
		return nil, syntax.None
	}
	if sym.Expr != syntax.None {
		return sym.File, sym.Expr
	}
	b, ok := sym.File.Bindings[sym.Name]
	if !ok || b.Kind != jsmodel.BindVariable || b.Destructured || b.Init == syntax.None {
		return nil, syntax.None
	}
	return sym.File, b.Init
}

// establish records a guard at the current point.
func (w *walker) establish(st *state, ev *Evidence, kind string) {
	if st.rejecting {
		return
	}
	if ev.Kind == "" {
		ev.Kind = kind
	}
	if st.guard == nil {
		st.guard = ev
	}
	if w.s.GuardedBy == nil {
		w.s.GuardedBy = st.guard
	}
}

// either combines the guards of two branches: "API key lookup or next-auth getServerSession".
func either(a, b *Evidence) *Evidence {
	if a == b || a.Describe() == b.Describe() {
		return a
	}
	c := *a
	c.What = a.Describe() + " or " + b.Describe()
	c.Via = nil
	return &c
}

// noteGuard remembers the first guard seen on a non-rejecting path.
func (w *walker) noteGuard(st *state) {
	if st.guard != nil && !st.rejecting && w.s.GuardedBy == nil && w.nested == 0 {
		w.s.GuardedBy = st.guard
	}
}

// paramCalled records that the root's parameter i (a wrapped handler) is called with the given guard.
func (w *walker) paramCalled(i int, guard *Evidence, rate *Evidence) {
	w.s.CallsParam[i] = true
	if rate == nil {
		w.unratedParam[i] = true
	} else if _, ok := w.s.WrappedRate[i]; !ok {
		w.s.WrappedRate[i] = rate
	}
	if guard == nil {
		w.unguardedParam[i] = true
		return
	}
	if _, ok := w.s.Wrapped[i]; !ok {
		w.s.Wrapped[i] = guard
	}
}

func (w *walker) op(op Op, st *state) {
	if st.rejecting {
		return
	}
	w.s.Ops = appendOp(w.s.Ops, op)
	if st.guard == nil {
		w.s.Unguarded = appendOp(w.s.Unguarded, op)
	}
	if st.rate == nil {
		w.s.Unrated = appendOp(w.s.Unrated, op)
	}
	if st.covered() == nil {
		w.s.Exposed = appendOp(w.s.Exposed, op)
	}
}

// limit records a rate limit applied at the current point.
func (w *walker) limit(st *state, ev *Evidence) {
	if st.rejecting {
		// Limiting the caller who has no identity (`if (!session) await limit(ip)`): that path is covered,
		// and the function does rate-limit.
		st.cover = ev
		if w.s.RateLimitedBy == nil && w.nested == 0 {
			w.s.RateLimitedBy = ev
		}
		return
	}
	if st.rate == nil {
		st.rate = ev
	}
	if w.s.RateLimitedBy == nil && w.nested == 0 {
		w.s.RateLimitedBy = ev
	}
}

// appendOp appends an operation unless the same call is already listed.
func appendOp(ops []Op, op Op) []Op {
	for _, o := range ops {
		if o.File == op.File && o.Node == op.Node {
			return ops
		}
	}
	if len(ops) >= 64 {
		return ops
	}
	return append(ops, op)
}

// args returns the argument expressions of a call.
func (w *walker) args(n syntax.NodeID) []syntax.NodeID {
	a := w.t.ChildByField(n, syntax.FArguments)
	if a == syntax.None || w.t.Kind(a) == syntax.TemplateString {
		return nil
	}
	return w.t.NamedChildren(a)
}

func (w *walker) chain(n syntax.NodeID) string {
	if c := jsmodel.Chain(w.t, n); c != "" {
		return c
	}
	return w.t.Text(n)
}

// prismaClientNames are the names a Prisma client conventionally has; prismaWrites its write methods.
var (
	prismaClientNames = map[string]bool{"prisma": true, "db": true, "tx": true, "ctx.prisma": true, "ctx.db": true, "this.prisma": true, "prismaClient": true, "client": true, "database": true}
	prismaWrites      = map[string]string{"create": "a Prisma create", "createMany": "a Prisma createMany", "update": "a Prisma update", "updateMany": "a Prisma updateMany", "upsert": "a Prisma upsert", "delete": "a Prisma delete", "deleteMany": "a Prisma deleteMany", "createManyAndReturn": "a Prisma createManyAndReturn", "updateManyAndReturn": "a Prisma updateManyAndReturn"}
)

// prismaByName recognises a Prisma model write by the shape of its call when the client's origin cannot
// be followed (an import archlint cannot resolve): `prisma.user.create`, `db.post.delete`, `tx.x.update`.
func prismaByName(chain string) (what, model string) {
	i := strings.LastIndexByte(chain, '.')
	if i < 0 {
		return "", ""
	}
	method := chain[i+1:]
	rest := chain[:i]
	j := strings.LastIndexByte(rest, '.')
	if j < 0 {
		return "", ""
	}
	client, model := rest[:j], rest[j+1:]
	if !prismaClientNames[client] || strings.HasPrefix(model, "$") {
		return "", ""
	}
	return prismaWrites[method], model
}

// prismaLookupByName reports whether a call chain reads one record through a client named like a Prisma
// client: `prisma.userTeam.findUnique`, `db.team.findFirst`.
func prismaLookupByName(chain string) bool {
	i := strings.LastIndexByte(chain, '.')
	if i < 0 || !isLookup(chain[i+1:]) {
		return false
	}
	rest := chain[:i]
	j := strings.LastIndexByte(rest, '.')
	return j >= 0 && prismaClientNames[rest[:j]] && !strings.HasPrefix(rest[j+1:], "$")
}

// prismaModel returns the model accessor of a Prisma model operation origin ("user" for
// PrismaClient().user.create).
func prismaModel(o Origin) string {
	if o.Name != "PrismaClient" {
		return ""
	}
	for i, p := range o.Path {
		if p == "()" && i+2 < len(o.Path) && !strings.HasPrefix(o.Path[i+1], "$") {
			return o.Path[i+1]
		}
	}
	return ""
}

// inCondition reports whether call n is (part of) the condition of an if statement, where its boolean
// result rather than its throwing decides.
func (w *walker) inCondition(n syntax.NodeID) bool {
	for p := w.t.Parent(n); p != syntax.None; p = w.t.Parent(p) {
		switch w.t.Kind(p) {
		case syntax.ParenthesizedExpression, syntax.UnaryExpression, syntax.BinaryExpression, syntax.AwaitExpression:
			continue
		case syntax.IfStatement:
			return true
		}
		return false
	}
	return false
}

// isExitCall reports whether an expression statement never completes: redirect(), notFound(), a helper
// that always throws, process.exit().
func (w *walker) isExitCall(e syntax.NodeID) bool {
	t := w.t
	e = t.Unparen(e)
	if t.Kind(e) == syntax.AwaitExpression {
		e = t.Unparen(t.FirstNamedChild(e))
	}
	if t.Kind(e) != syntax.CallExpression {
		return false
	}
	callee := t.ChildByField(e, syntax.FFunction)
	if jsmodel.Chain(t, callee) == "process.exit" {
		return true
	}
	o := w.e.OriginOf(w.f, callee)
	switch o.Kind {
	case External:
		return libs.IsExitCall(o.Key())
	case Func:
		return len(o.Path) == 0 && w.e.Summarize(o.File, o.Fn).Exits
	}
	return false
}

// --- conditions ---

// absentTest reports whether cond is true whenever the caller is not verified (so a branch on it that
// exits is a rejection), and the evidence of the verification tested.
func (w *walker) absentTest(cond syntax.NodeID) (bool, *Evidence) {
	t := w.t
	n := t.Unparen(cond)
	switch t.Kind(n) {
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(n, syntax.FOperator), "!") {
			return w.presentTest(t.ChildByField(n, syntax.FArgument))
		}
	case syntax.BinaryExpression:
		l, r := t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)
		switch op := t.Text(t.ChildByField(n, syntax.FOperator)); op {
		case "||":
			if ok, ev := w.absentTest(l); ok {
				return true, ev
			}
			return w.absentTest(r)
		case "&&":
			okL, evL := w.absentTest(l)
			okR, _ := w.absentTest(r)
			if okL && okR {
				return true, evL
			}
		case "==", "===":
			if isNullish(t, r) {
				return w.identityOf(l)
			}
			if isNullish(t, l) {
				return w.identityOf(r)
			}
			if t.Kind(t.Unparen(l)) == syntax.UnaryExpression && t.HasToken(t.Unparen(l), "typeof") {
				if v, ok := t.StringValue(r); ok && v == "undefined" {
					return w.identityOf(t.ChildByField(t.Unparen(l), syntax.FArgument))
				}
			}
			if v, ok := t.StringValue(r); ok && (v == "false" || v == "") {
				return false, nil
			}
			if t.Kind(t.Unparen(r)) == syntax.False {
				return w.presentTest(l)
			}
		case "!=", "!==":
			if ev := w.secretComparison(l, r); ev != nil {
				return true, ev
			}
		}
	}
	return false, nil
}

// presentTest reports whether cond is true only when the caller is verified.
func (w *walker) presentTest(cond syntax.NodeID) (bool, *Evidence) {
	t := w.t
	n := t.Unparen(cond)
	switch t.Kind(n) {
	case syntax.UnaryExpression:
		if t.TextIs(t.ChildByField(n, syntax.FOperator), "!") {
			return w.absentTest(t.ChildByField(n, syntax.FArgument))
		}
	case syntax.BinaryExpression:
		l, r := t.ChildByField(n, syntax.FLeft), t.ChildByField(n, syntax.FRight)
		switch t.Text(t.ChildByField(n, syntax.FOperator)) {
		case "&&":
			if ok, ev := w.presentTest(l); ok {
				return true, ev
			}
			return w.presentTest(r)
		case "||":
			okL, evL := w.presentTest(l)
			okR, _ := w.presentTest(r)
			if okL && okR {
				return true, evL
			}
		case "!=", "!==":
			if isNullish(t, r) {
				return w.identityOf(l)
			}
			if isNullish(t, l) {
				return w.identityOf(r)
			}
		case "==", "===":
			if ev := w.secretComparison(l, r); ev != nil {
				return true, ev
			}
			if t.Kind(t.Unparen(r)) == syntax.True {
				return w.presentTest(l)
			}
		}
		return false, nil
	}
	if ok, ev := w.identityOf(n); ok {
		return true, ev
	}
	// A boolean verification result: if (!isValid) where isValid = receiver.verify(…), or a direct call.
	o := w.e.OriginOf(w.f, n)
	if o.Kind == External {
		if ev := w.verificationCall(o, n); ev != nil {
			return true, ev
		}
	}
	return false, nil
}

// identityOf reports whether expression n is (a part of) a verified identity.
func (w *walker) identityOf(n syntax.NodeID) (bool, *Evidence) {
	o := w.e.OriginOf(w.f, n)
	if ok, what := w.e.IsIdentity(o); ok {
		if o.Kind == IdentityValue && o.Source != nil && o.Source.What != "" {
			ev := *o.Source
			ev.Kind, ev.File, ev.Node = KindAuth, w.f, n
			return true, &ev
		}
		return true, &Evidence{Kind: KindAuth, What: what, File: w.f, Node: n}
	}
	return false, nil
}

// containsIdentity reports whether an expression is built from an identity: an object literal, a
// ternary or a call argument with an identity inside (`{ status: "authenticated", session }`,
// `state.ok ? state.session : null`), following local variables initialised with such values.
func (w *walker) containsIdentity(n syntax.NodeID) bool {
	return w.containsIdentityDepth(n, 3)
}

func (w *walker) containsIdentityDepth(n syntax.NodeID, depth int) bool {
	t := w.t
	found := false
	t.Walk(n, func(x syntax.NodeID) bool {
		if found {
			return false
		}
		switch t.Kind(x) {
		case syntax.ArrowFunction, syntax.FunctionExpression:
			return false
		case syntax.Identifier, syntax.MemberExpression, syntax.ShorthandPropertyIdentifier:
			if ok, _ := w.e.IsIdentity(w.e.OriginOf(w.f, x)); ok {
				found = true
				return false
			}
			if t.Kind(x) != syntax.MemberExpression && depth > 0 {
				for _, d := range w.f.Defs(t.Text(x), x) {
					if (d.Kind == jsmodel.DefVar || d.Kind == jsmodel.DefAssign) && d.Value != syntax.None && !d.Destructured {
						if k := t.Kind(t.Unparen(d.Value)); k == syntax.Object || k == syntax.Array || k == syntax.TernaryExpression {
							found = w.containsIdentityDepth(d.Value, depth-1)
						}
					}
				}
			}
			return t.Kind(x) == syntax.MemberExpression && !found
		}
		return true
	})
	return found
}

// cacheWrite reports whether a key-value write expires (`redis.set(key, value, { ex: 60 })`): a cache
// entry, not a record an attacker could plant or destroy.
func cacheWrite(t *syntax.Tree, entry *libs.Entry, args []syntax.NodeID) bool {
	if entry == nil || entry.What != "a Redis write" && entry.What != "a KV write" || len(args) < 3 {
		return false
	}
	opts := t.Unparen(args[2])
	for _, k := range []string{"ex", "px", "exat", "pxat"} {
		if objectProp(t, opts, k) != syntax.None {
			return true
		}
	}
	if v, ok := t.StringValue(opts); ok {
		switch strings.ToUpper(v) {
		case "EX", "PX", "EXAT", "PXAT":
			return true
		}
	}
	return false
}

// s3Read reports whether an S3 request sends a read command (`s3.send(new GetObjectCommand(…))`): it
// writes nothing.
func (w *walker) s3Read(entry *libs.Entry, args []syntax.NodeID) bool {
	t := w.t
	if entry == nil || entry.What != "an S3 request" || len(args) == 0 {
		return false
	}
	a := t.Unparen(args[0])
	if t.Kind(a) == syntax.Identifier {
		// const command = new GetObjectCommand(…); s3.send(command)
		if defs := w.f.Defs(t.Text(a), a); len(defs) == 1 && defs[0].Kind == jsmodel.DefVar && !defs[0].Destructured {
			a = t.Unparen(defs[0].Value)
		}
	}
	if t.Kind(a) != syntax.NewExpression {
		return false
	}
	name := t.Text(t.ChildByField(a, syntax.FConstructor))
	return strings.HasSuffix(name, "Command") && (strings.HasPrefix(name, "Get") || strings.HasPrefix(name, "Head") || strings.HasPrefix(name, "List"))
}

// bookkeepingWrite reports whether a database call is server bookkeeping a caller cannot steer: a table
// lock (`$executeRaw`+"`"+`LOCK TABLE …`+"`"+`), or an update of a row fixed by literals whose new values come from
// nothing the caller sends (`cronJobs.update({ where: { name: "telemetry" }, data: { lastRun } })`). A
// caller can only trigger it, as with a cache entry.
func (w *walker) bookkeepingWrite(callee Origin, n syntax.NodeID, args []syntax.NodeID) bool {
	t := w.t
	if prismaModel(callee) == "" {
		if len(callee.Path) >= 2 && strings.HasPrefix(callee.Path[len(callee.Path)-1], "$executeRaw") {
			if a := t.ChildByField(n, syntax.FArguments); t.Kind(a) == syntax.TemplateString {
				sql := strings.TrimLeft(strings.Trim(t.Text(a), "`"), " \t\r\n")
				return len(sql) >= 5 && strings.EqualFold(sql[:5], "LOCK ")
			}
		}
		return false
	}
	if m := callee.Path[len(callee.Path)-1]; m != "update" && m != "upsert" || len(args) != 1 {
		return false
	}
	where := t.Unparen(objectProp(t, args[0], "where"))
	if t.Kind(where) != syntax.Object {
		return false
	}
	fixed := true
	for _, c := range t.NamedChildren(where) {
		switch t.Kind(c) {
		case syntax.Pair:
			v := t.Unparen(t.ChildByField(c, syntax.FValue))
			if _, ok := t.StringValue(v); !ok && t.Kind(v) != syntax.Number {
				fixed = false
			}
		case syntax.Comment:
		default:
			fixed = false
		}
	}
	if !fixed {
		return false
	}
	for _, k := range []string{"data", "create", "update"} {
		v := objectProp(t, args[0], k)
		if v == syntax.None {
			continue
		}
		t.Walk(v, func(x syntax.NodeID) bool {
			if !fixed {
				return false
			}
			switch t.Kind(x) {
			case syntax.Identifier, syntax.ShorthandPropertyIdentifier:
				if o := w.e.OriginOf(w.f, x); o.Kind == Param || o.Kind == IdentityValue || o.Kind == Global && o.Name != "Date" && o.Name != "Math" {
					fixed = false
				}
			case syntax.SpreadElement:
				fixed = false
			}
			return fixed
		})
	}
	return fixed
}

// hashArg returns which argument of a password-check call is the stored hash: bcrypt.compare(plain,
// hash), argon2.verify(hash, plain); -1 when the entry is not a password check.
func hashArg(entry *libs.Entry) int {
	switch {
	case strings.Contains(entry.What, "(bcrypt)"):
		return 1
	case strings.Contains(entry.What, "password check"):
		return 0
	}
	return -1
}

// passwordHash classifies the stored hash of a password check: a hash read from an API key or token
// record means the check verifies a high-entropy key (nothing to brute-force), so it is dropped; a
// parameter of the function is remembered so that callers can decide.
func (w *walker) passwordHash(hash syntax.NodeID) (keep bool, param int) {
	o := w.e.OriginOf(w.f, hash)
	if apiKeyRecord(o) {
		return false, -1
	}
	if o.Kind == Param && o.File == w.f && o.Fn == w.root && len(o.Path) == 0 {
		return true, o.Param
	}
	return true, -1
}

// passOnCredential applies passwordHash at a call of a helper whose password check takes its hash from a
// parameter.
func (w *walker) passOnCredential(op Op, args []syntax.NodeID) (Op, bool) {
	if op.Role != libs.Credential || op.HashParam < 0 {
		return op, true
	}
	if op.HashParam >= len(args) {
		op.HashParam = -1
		return op, true
	}
	keep, p := w.passwordHash(args[op.HashParam])
	op.HashParam = p
	return op, keep
}

// apiKeyRecord reports whether an origin is (part of) a record looked up in an API key or token model.
func apiKeyRecord(o Origin) bool {
	// A client from the package, or one a class was constructed with (`this.prisma.apiKey.findUnique`).
	if o.Kind != External && o.Kind != Param {
		return false
	}
	for k, p := range o.Path {
		if p == "()" && k >= 2 && isLookup(o.Path[k-1]) && credentialModel.MatchString(o.Path[k-2]) {
			return true
		}
	}
	return false
}

// oauthSignIn reports whether a sign-in call starts an OAuth redirect (`signIn("github")`): the provider
// authenticates the user, so there is nothing to brute-force or spam.
func oauthSignIn(t *syntax.Tree, entry *libs.Entry, args []syntax.NodeID) bool {
	if entry == nil || !strings.HasPrefix(entry.What, "a sign-in") || len(args) == 0 {
		return false
	}
	v, ok := t.StringValue(t.Unparen(args[0]))
	if !ok {
		return false
	}
	switch strings.ToLower(v) {
	case "credentials", "email", "resend", "nodemailer", "sendgrid", "postmark", "passkey", "webauthn", "http-email":
		return false
	}
	return v != ""
}

// envSecretName finds an environment variable holding a shared secret in a comparison.
var envSecretName = regexp.MustCompile(`env\.([A-Z0-9_]*(?:API_KEY|TOKEN|SECRET|PASSWORD|KEY)[A-Z0-9_]*)`)

// verificationCall recognises a call result that is true only for a verified caller or signature.
func (w *walker) verificationCall(o Origin, n syntax.NodeID) *Evidence {
	for k, p := range o.Path {
		if p != "()" || k != len(o.Path)-1 {
			continue
		}
		roles, entry := libs.Roles(libs.Key(o.Pkg, o.Sub, o.Name, o.Path[:k]...))
		if entry == nil {
			continue
		}
		switch {
		case roles&libs.WebhookVerify != 0:
			ev := &Evidence{What: entry.What, File: w.f, Node: n}
			ev.Kind = KindWebhook
			if strings.HasSuffix(o.Name, "timingSafeEqual") || len(o.Path) > 1 && o.Path[len(o.Path)-2] == "timingSafeEqual" {
				// Compared with an API key or token from the environment: a shared secret, not a signature.
				if m := envSecretName.FindStringSubmatch(w.t.Text(n)); m != nil && !strings.Contains(m[1], "WEBHOOK") && !strings.Contains(m[1], "SIGN") {
					ev.Kind, ev.What = KindSecret, "a constant-time comparison with "+m[1]
					return ev
				}
			}
			w.s.WebhookVerified = ev
			return ev
		case roles&(libs.AuthGuard|libs.Identity) != 0:
			ev := &Evidence{What: entry.What, File: w.f, Node: n}
			ev.Kind = KindAuth
			return ev
		}
	}
	return nil
}

func identityPathMatch(want, rest []string) bool {
	if len(want) == 0 {
		return true
	}
	if len(rest) < len(want) {
		return false
	}
	for i, seg := range want {
		if seg != "*" && seg != rest[i] {
			return false
		}
	}
	return true
}

func isNullish(t *syntax.Tree, n syntax.NodeID) bool {
	n = t.Unparen(n)
	switch t.Kind(n) {
	case syntax.Null, syntax.Undefined:
		return true
	case syntax.Identifier:
		return t.TextIs(n, "undefined")
	}
	return false
}

// secretEnvRe recognises environment variables that hold a shared secret.
var secretEnvRe = regexp.MustCompile(`(?i)(secret|token|api_?key|password|passphrase|signing_?key|auth_?key|_key$)`)

// secretComparison recognises `request value !== process.env.SECRET` (either side, possibly inside a
// template such as `Bearer ${process.env.CRON_SECRET}`).
func (w *walker) secretComparison(l, r syntax.NodeID) *Evidence {
	// generatedSignature !== signature, where one side is an HMAC digest of the body: a signature check
	// (not constant-time, which is a weakness of its own, but a check).
	for _, side := range []syntax.NodeID{l, r} {
		if o := w.e.OriginOf(w.f, side); o.Kind == External && (o.Pkg == "crypto" || o.Pkg == "node:crypto") && hmacDigest(o.Path, o.Name) {
			ev := &Evidence{What: "an HMAC signature comparison", File: w.f, Node: side}
			ev.Kind = KindWebhook
			w.s.WebhookVerified = ev
			return ev
		}
	}
	// A configuration flag compared with a constant (`env.CACHE_API_KEY_ENABLED !== "true"`) checks no
	// caller.
	for _, side := range []syntax.NodeID{l, r} {
		if isConstant(w.t, side) {
			return nil
		}
	}
	for _, side := range []syntax.NodeID{l, r} {
		if name := w.secretEnv(side); name != "" {
			ev := &Evidence{What: name + " check", File: w.f, Node: side}
			ev.Kind = KindSecret
			return ev
		}
	}
	return nil
}

// hmacDigest reports whether a crypto origin is createHmac(…)…digest(…).
func hmacDigest(path []string, name string) bool {
	hmac := name == "createHmac"
	for i, p := range path {
		if p == "createHmac" {
			hmac = true
		}
		if hmac && p == "digest" && i+1 < len(path) && path[i+1] == "()" {
			return true
		}
	}
	return false
}

// secretEnv returns the name of a secret environment variable referenced in n, or "": directly
// (process.env.CRON_SECRET, env.API_KEY) or through a variable holding one (const secret =
// process.env.CRON_SECRET), local or module-level.
func (w *walker) secretEnv(n syntax.NodeID) string {
	return w.secretEnvDepth(w.f, n, 2)
}

func (w *walker) secretEnvDepth(f *jsmodel.File, n syntax.NodeID, depth int) string {
	t := f.Tree
	found := ""
	t.Walk(n, func(x syntax.NodeID) bool {
		if found != "" {
			return false
		}
		switch t.Kind(x) {
		case syntax.MemberExpression:
			chain := jsmodel.Chain(t, x)
			name := ""
			switch {
			case strings.HasPrefix(chain, "process.env."):
				name = strings.TrimPrefix(chain, "process.env.")
			case strings.HasPrefix(chain, "env.") && strings.Count(chain, ".") == 1:
				name = strings.TrimPrefix(chain, "env.")
			}
			if name != "" && secretEnvRe.MatchString(name) {
				found = name
				return false
			}
		case syntax.Identifier:
			if depth == 0 {
				return false
			}
			for _, d := range f.Defs(t.Text(x), x) {
				if d.Value != syntax.None && !d.Destructured && (d.Kind == jsmodel.DefVar || d.Kind == jsmodel.DefModule) {
					found = w.secretEnvDepth(f, d.Value, depth-1)
				}
				break
			}
			return false
		}
		return true
	})
	return found
}

// rejectionTest returns the evidence when cond tests the result of a helper that returns a rejection.
func (w *walker) rejectionTest(cond syntax.NodeID) *Evidence {
	t := w.t
	var ev *Evidence
	t.Walk(cond, func(x syntax.NodeID) bool {
		if ev != nil {
			return false
		}
		switch t.Kind(x) {
		case syntax.Identifier, syntax.MemberExpression, syntax.CallExpression:
			// A tested result of a helper that records its failed check (`if (!auth.ok)`,
			// `if (!handleAdminAuth(req, res)) return`).
			if o := w.e.OriginOf(w.f, x); o.Kind == Rejection || o.Ev != nil && o.Kind != External {
				ev = o.Ev
				return false
			}
			if t.Kind(x) == syntax.CallExpression {
				return false
			}
		}
		return true
	})
	return ev
}

// customGuard returns the configured guard the callee is, if any: the callee's root identifier is
// imported from the configured module under the configured name.
func (w *walker) customGuard(callee syntax.NodeID) *CustomGuard {
	if len(w.e.Guards) == 0 {
		return nil
	}
	chain := jsmodel.Chain(w.t, callee)
	root, _, _ := strings.Cut(chain, ".")
	b, ok := w.f.Bindings[root]
	if !ok || b.Kind != jsmodel.BindImport {
		return nil
	}
	imp := w.f.Imports[b.Import]
	for i := range w.e.Guards {
		g := &w.e.Guards[i]
		if imp.Source != g.From {
			continue
		}
		if imp.Imported == g.Name && chain == root || imp.Kind == jsmodel.ImportNamespace && chain == root+"."+g.Name {
			return g
		}
	}
	return nil
}

// ipName recognises variables and helpers holding the caller's IP address.
var ipName = regexp.MustCompile(`(?i)^(get)?(client|remote|caller|request|real)?_?ip(_?addr(ess)?)?$`)

// ipAllowlistTest recognises `!ALLOWED.some((range) => inRange(ip, range))`, `!ALLOWED_IPS.includes(ip)`
// (directly or through a local constant): the caller's IP address tested against a list defined outside
// the function; a branch that exits when it is not in the list admits only those addresses.
func (w *walker) ipAllowlistTest(cond syntax.NodeID) *Evidence {
	t := w.t
	c := t.Unparen(cond)
	if t.Kind(c) != syntax.UnaryExpression || !t.TextIs(t.ChildByField(c, syntax.FOperator), "!") {
		return nil
	}
	x := t.Unparen(t.ChildByField(c, syntax.FArgument))
	if t.Kind(x) == syntax.Identifier {
		defs := w.f.Defs(t.Text(x), x)
		if len(defs) != 1 || defs[0].Kind != jsmodel.DefVar || defs[0].Destructured || defs[0].Value == syntax.None {
			return nil
		}
		x = t.Unparen(defs[0].Value)
	}
	if t.Kind(x) != syntax.CallExpression {
		return nil
	}
	callee := t.ChildByField(x, syntax.FFunction)
	if t.Kind(callee) != syntax.MemberExpression {
		return nil
	}
	switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
	case "some", "includes", "has", "every", "find":
	default:
		return nil
	}
	list := t.Unparen(t.ChildByField(callee, syntax.FObject))
	if t.Kind(list) != syntax.Identifier {
		return nil
	}
	if defs := w.f.Defs(t.Text(list), list); len(defs) != 1 || defs[0].Kind != jsmodel.DefModule {
		return nil // the list must be fixed by the code, not built in the function
	}
	ip := false
	for _, a := range w.args(x) {
		t.Walk(a, func(y syntax.NodeID) bool {
			switch t.Kind(y) {
			case syntax.Identifier:
				if ipName.MatchString(t.Text(y)) {
					ip = true
				}
			case syntax.CallExpression:
				if f := t.ChildByField(y, syntax.FFunction); t.Kind(f) == syntax.Identifier && ipName.MatchString(t.Text(f)) {
					ip = true
				}
			}
			return !ip
		})
	}
	if !ip {
		return nil
	}
	return &Evidence{Kind: KindNetwork, What: "an IP allowlist (" + t.Text(list) + ")", File: w.f, Node: cond}
}

// secretKeyField recognises a where-clause field that holds a record's secret.
var secretKeyField = regexp.MustCompile(`(?i)^(token|hashedToken|tokenHash|token_hash|secret|hashedSecret|hashedKey)$`)

// capabilityWrite recognises a write to a credential record selected by its secret
// (`prisma.verificationToken.delete({ where: { token: hashed } })`): only a caller who holds the token can
// reach the record, so presenting it is the authorisation.
func (w *walker) capabilityWrite(op Op, args []syntax.NodeID) *Evidence {
	if op.Role&libs.DBWrite == 0 || op.Model == "" || !credentialModel.MatchString(op.Model) || len(args) == 0 {
		return nil
	}
	t := w.t
	where := t.Unparen(objectProp(t, args[0], "where"))
	if where == syntax.None || t.Kind(where) != syntax.Object {
		return nil
	}
	for c := t.FirstChild(where); c != syntax.None; c = t.NextSibling(c) {
		var key, val syntax.NodeID
		switch t.Kind(c) {
		case syntax.Pair:
			key, val = t.ChildByField(c, syntax.FKey), t.ChildByField(c, syntax.FValue)
		case syntax.ShorthandPropertyIdentifier:
			key, val = c, c
		default:
			continue
		}
		if !secretKeyField.MatchString(t.Text(key)) {
			continue
		}
		if _, lit := t.StringValue(val); lit {
			continue
		}
		return &Evidence{Kind: KindSecret, What: "the record's secret " + t.Text(key) + ", which the caller must present", File: w.f, Node: c}
	}
	return nil
}

// handedName recognises a parameter (or a property of one) that carries the caller's identity.
var handedName = regexp.MustCompile(`^(session|user|currentUser|authUser|viewer)$`)

// handedIdentityTest recognises `if (!session)`, `if (!session?.user)`, `if (session == null)` on the
// session or user a wrapper hands the handler (`withWorkspace(async ({ session }) => …)`).
func (w *walker) handedIdentityTest(cond syntax.NodeID) *Evidence {
	t := w.t
	c := t.Unparen(cond)
	var x syntax.NodeID
	switch t.Kind(c) {
	case syntax.UnaryExpression:
		if !t.TextIs(t.ChildByField(c, syntax.FOperator), "!") {
			return nil
		}
		x = t.Unparen(t.ChildByField(c, syntax.FArgument))
	case syntax.BinaryExpression:
		op := t.Text(t.ChildByField(c, syntax.FOperator))
		l, r := t.ChildByField(c, syntax.FLeft), t.ChildByField(c, syntax.FRight)
		if op != "==" && op != "===" || !isNullish(t, r) {
			return nil
		}
		x = t.Unparen(l)
	default:
		return nil
	}
	o := w.e.OriginOf(w.f, x)
	if o.Kind != Param || o.File != w.f || o.Fn != w.root {
		return nil
	}
	named := false
	for _, p := range o.Path {
		if handedName.MatchString(p) {
			named = true
		}
	}
	if t.Kind(x) == syntax.Identifier && handedName.MatchString(t.Text(x)) {
		named = true
	}
	if !named {
		return nil
	}
	return &Evidence{Kind: KindHandedIdentity, What: "a check of the " + t.Text(x) + " its wrapper hands it", File: w.f, Node: cond}
}

// isConstant reports whether n is a literal: a string without substitutions, a number, a boolean, null
// or undefined.
func isConstant(t *syntax.Tree, n syntax.NodeID) bool {
	n = t.Unparen(n)
	if _, ok := t.StringValue(n); ok {
		return true
	}
	switch t.Kind(n) {
	case syntax.Number, syntax.True, syntax.False:
		return true
	}
	return isNullish(t, n)
}

// MergeModels adds the model accessors of src to the sorted set dst.
func MergeModels(dst, src []string) []string {
	for _, m := range src {
		dst = addModel(dst, m)
	}
	return dst
}

// addModel inserts model accessor m into the sorted set ms.
func addModel(ms []string, m string) []string {
	i := sort.SearchStrings(ms, m)
	if i < len(ms) && ms[i] == m {
		return ms
	}
	ms = append(ms, "")
	copy(ms[i+1:], ms[i:])
	ms[i] = m
	return ms
}

// paidSessionTest recognises `if (session.status !== "complete")` / `payment_status !== "paid"` on a Stripe
// Checkout Session retrieved by the id the caller presents: only a payer holds the id of a completed
// session (it is in the success URL), so presenting one is the authorisation, as with a token.
func (w *walker) paidSessionTest(cond syntax.NodeID) *Evidence {
	t := w.t
	c := t.Unparen(cond)
	if t.Kind(c) != syntax.BinaryExpression {
		return nil
	}
	if op := t.Text(t.ChildByField(c, syntax.FOperator)); op != "!==" && op != "!=" {
		return nil
	}
	l, r := t.Unparen(t.ChildByField(c, syntax.FLeft)), t.Unparen(t.ChildByField(c, syntax.FRight))
	if _, ok := t.StringValue(l); ok {
		l, r = r, l
	}
	v, ok := t.StringValue(r)
	if !ok || v != "complete" && v != "paid" {
		return nil
	}
	o := w.e.OriginOf(w.f, l)
	if o.Kind != External || o.Pkg != "stripe" || len(o.Path) < 2 {
		return nil
	}
	if f := o.Path[len(o.Path)-1]; f != "status" && f != "payment_status" {
		return nil
	}
	if !strings.Contains(strings.Join(o.Path, "."), "checkout.sessions.retrieve.()") {
		return nil
	}
	return &Evidence{Kind: KindSecret, What: "a completed Stripe Checkout Session the caller presents", File: w.f, Node: cond}
}

// equalsIdentity returns the variables a condition requires to equal (a part of) the verified identity
// for the condition to be false: `x !== session.user.id`, alone or as a disjunct of `||`.
func (w *walker) equalsIdentity(cond syntax.NodeID) []syntax.NodeID {
	t := w.t
	c := t.Unparen(cond)
	if t.Kind(c) != syntax.BinaryExpression {
		return nil
	}
	l, r := t.ChildByField(c, syntax.FLeft), t.ChildByField(c, syntax.FRight)
	switch t.Text(t.ChildByField(c, syntax.FOperator)) {
	case "||":
		return append(w.equalsIdentity(l), w.equalsIdentity(r)...)
	case "!==", "!=":
		l, r = t.Unparen(l), t.Unparen(r)
		if ok, _ := w.identityOf(r); ok && t.Kind(l) == syntax.Identifier {
			return []syntax.NodeID{l}
		}
		if ok, _ := w.identityOf(l); ok && t.Kind(r) == syntax.Identifier {
			return []syntax.NodeID{r}
		}
	}
	return nil
}

// lookupChecked returns the identifiers a condition requires to have found a record for it to be false:
// `!rec` where rec is a Prisma lookup (the identifiers in its where), `!(await canUpdate(auth, id))` where
// the helper reads the database (its identifier arguments); alone or as a disjunct of `||`.
func (w *walker) lookupChecked(cond syntax.NodeID) []syntax.NodeID {
	t := w.t
	c := t.Unparen(cond)
	switch t.Kind(c) {
	case syntax.BinaryExpression:
		if t.TextIs(t.ChildByField(c, syntax.FOperator), "||") {
			return append(w.lookupChecked(t.ChildByField(c, syntax.FLeft)), w.lookupChecked(t.ChildByField(c, syntax.FRight))...)
		}
		return nil
	case syntax.UnaryExpression:
		if !t.TextIs(t.ChildByField(c, syntax.FOperator), "!") {
			return nil
		}
	default:
		return nil
	}
	x := t.Unparen(t.ChildByField(c, syntax.FArgument))
	if t.Kind(x) == syntax.AwaitExpression {
		x = t.Unparen(t.FirstNamedChild(x))
	}
	if t.Kind(x) == syntax.CallExpression {
		// A predicate helper that looks the arguments up, or verifies them (an HMAC-signed upload key).
		if o := w.e.OriginOf(w.f, t.ChildByField(x, syntax.FFunction)); o.Kind == Func && len(o.Path) == 0 && (len(w.e.Summarize(o.File, o.Fn).Models) > 0 || verdictOf(w.e.Summarize(o.File, o.Fn))) {
			var out []syntax.NodeID
			for _, a := range w.args(x) {
				if a = t.Unparen(a); t.Kind(a) == syntax.Identifier {
					out = append(out, a)
				}
			}
			return out
		}
		return nil
	}
	if t.Kind(x) != syntax.Identifier {
		return nil
	}
	if ids := w.checkedArgsOf(x); len(ids) > 0 {
		return ids
	}
	if v := t.Unparen(w.singleConst(x)); t.Kind(v) == syntax.TernaryExpression {
		// rec = slug ? await prisma.x.findUnique(…) : await prisma.x.findFirst(…): what both lookups
		// filter by.
		c1 := w.lookupCallOf(t.ChildByField(v, syntax.FConsequence), 16)
		c2 := w.lookupCallOf(t.ChildByField(v, syntax.FAlternative), 16)
		if c1 != syntax.None && c2 != syntax.None {
			return commonNames(t, whereIdents(t, c1), whereIdents(t, c2))
		}
	}
	if call := w.lookupCallOf(x, 16); call != syntax.None {
		// The lookup itself, or a value derived from its result (`isMember = team?.users.some(…)`).
		return whereIdents(t, call)
	}
	o := w.e.OriginOf(w.f, x)
	if !isDBRead(o) || o.Call == syntax.None || len(o.Path) < 2 || !isLookup(o.Path[len(o.Path)-2]) {
		return nil
	}
	// A lookup helper (`organization = await getOrganization(organizationId)`): its identifier arguments.
	if defs := w.f.Defs(t.Text(x), x); len(defs) > 0 && defs[len(defs)-1].Kind == jsmodel.DefVar && !defs[len(defs)-1].Destructured {
		v := t.Unparen(defs[len(defs)-1].Value)
		if t.Kind(v) == syntax.AwaitExpression {
			v = t.Unparen(t.FirstNamedChild(v))
		}
		if t.Kind(v) == syntax.CallExpression {
			var out []syntax.NodeID
			for _, a := range w.args(v) {
				if a = t.Unparen(a); t.Kind(a) == syntax.Identifier {
					out = append(out, a)
				}
			}
			return out
		}
	}
	return nil
}

// whereObject returns the object literal a Prisma call passes as its where, or None.
func whereObject(t *syntax.Tree, call syntax.NodeID) syntax.NodeID {
	args := namedArgs(t, call)
	if len(args) == 0 {
		return syntax.None
	}
	where := t.Unparen(objectProp(t, args[0], "where"))
	if t.Kind(where) != syntax.Object {
		return syntax.None
	}
	return where
}

// whereIdents returns the identifiers used as values in the where clause of a Prisma call (nested
// objects included: `{ userId_teamId: { userId, teamId } }`).
func whereIdents(t *syntax.Tree, call syntax.NodeID) []syntax.NodeID {
	where := whereObject(t, call)
	if where == syntax.None {
		return nil
	}
	var out []syntax.NodeID
	var walk func(obj syntax.NodeID)
	walk = func(obj syntax.NodeID) {
		for _, c := range t.NamedChildren(obj) {
			switch t.Kind(c) {
			case syntax.ShorthandPropertyIdentifier:
				out = append(out, c)
			case syntax.Pair:
				v := t.Unparen(t.ChildByField(c, syntax.FValue))
				switch t.Kind(v) {
				case syntax.Identifier:
					out = append(out, v)
				case syntax.Object:
					walk(v)
				}
			}
		}
	}
	walk(where)
	return out
}

// lookupCallOf follows a variable back through the values it is derived from (`isMember =
// teamUsers?.some(…)`, `teamUsers = team?.users`, `team = await prisma.team.findUnique(…)`) to a Prisma
// lookup call in this function, or None.
func (w *walker) lookupCallOf(x syntax.NodeID, depth int) syntax.NodeID {
	t := w.t
	for ; depth > 0; depth-- {
		x = t.Unparen(x)
		switch t.Kind(x) {
		case syntax.Identifier:
			// The nearest preceding declaration (block scopes are approximated by the function's, so an
			// earlier branch may declare the same name).
			defs := w.f.Defs(t.Text(x), x)
			if len(defs) == 0 {
				return syntax.None
			}
			d := defs[len(defs)-1]
			if d.Kind != jsmodel.DefVar || d.Value == syntax.None {
				return syntax.None
			}
			x = d.Value
		case syntax.AwaitExpression:
			x = t.FirstNamedChild(x)
		case syntax.MemberExpression:
			x = t.ChildByField(x, syntax.FObject)
		case syntax.CallExpression:
			callee := t.ChildByField(x, syntax.FFunction)
			if o := w.e.OriginOf(w.f, callee); o.Kind == External && len(o.Path) >= 2 && isLookup(o.Path[len(o.Path)-1]) && prismaModel(o.with("()")) != "" {
				return x
			} else if o.Kind == Unknown && prismaLookupByName(jsmodel.Chain(t, callee)) {
				// A client archlint cannot follow, named as Prisma clients are (prisma.userTeam.findUnique).
				return x
			}
			if t.Kind(t.Unparen(callee)) != syntax.MemberExpression {
				return syntax.None
			}
			x = t.ChildByField(t.Unparen(callee), syntax.FObject)
		default:
			return syntax.None
		}
	}
	return syntax.None
}

// verdictOf reports whether a helper answers with the outcome of a signature or secret check
// (`return timingSafeEqual(expected, given)`).
func verdictOf(s *Summary) bool {
	return s.Rejects != nil && (s.Rejects.Kind == KindWebhook || s.Rejects.Kind == KindSecret)
}

// awaitedUniqueWrite reports whether call n is an awaited Prisma update or delete of one record: its
// where is a unique filter, and Prisma rejects when no record matches it (updateMany and deleteMany
// do not; upsert creates one).
func (w *walker) awaitedUniqueWrite(n syntax.NodeID, callee Origin, calleeNode syntax.NodeID) bool {
	t := w.t
	var method string
	switch callee.Kind {
	case External:
		if prismaModel(callee) == "" {
			return false
		}
		method = callee.Path[len(callee.Path)-1]
	case Unknown:
		if _, model := prismaByName(jsmodel.Chain(t, calleeNode)); model == "" {
			return false
		}
		c := t.Unparen(calleeNode)
		if t.Kind(c) != syntax.MemberExpression {
			return false
		}
		method = t.Text(t.ChildByField(c, syntax.FProperty))
	default:
		return false
	}
	if method != "update" && method != "delete" {
		return false
	}
	return awaitedCall(t, n)
}

// noteCheckedParams records, for a return of a value that may be truthy, which of the root's parameters
// are validated there; ChecksParams keeps those validated at every such return.
func (w *walker) noteCheckedParams(arg syntax.NodeID, st *state) {
	t := w.t
	switch t.Kind(t.Unparen(arg)) {
	case syntax.Null, syntax.Undefined, syntax.False:
		return
	}
	cur := map[int]bool{}
	curKeys := map[int]map[string]bool{}
	for i, p := range w.f.Functions[w.root].Params {
		if p.Name != "" && st.validated[p.Name] {
			cur[i] = true
		}
		if p.Name == "" {
			for key, name := range patternKeys(t, p.Pattern) {
				if st.validated[name] {
					if curKeys[i] == nil {
						curKeys[i] = map[string]bool{}
					}
					curKeys[i][key] = true
				}
			}
		}
	}
	if w.valueReturns == 0 {
		w.checked, w.checkedKeys = cur, curKeys
	} else {
		for i := range w.checked {
			if !cur[i] {
				delete(w.checked, i)
			}
		}
		for i, keys := range w.checkedKeys {
			for k := range keys {
				if !curKeys[i][k] {
					delete(keys, k)
				}
			}
			if len(keys) == 0 {
				delete(w.checkedKeys, i)
			}
		}
	}
	w.valueReturns++
}

// patternKeys maps the top-level properties an object pattern destructures to the names it binds them
// to ({ id, team: teamId = "" } → id: id, team: teamId).
func patternKeys(t *syntax.Tree, pat syntax.NodeID) map[string]string {
	if t.Kind(pat) == syntax.AssignmentPattern {
		pat = t.ChildByField(pat, syntax.FLeft)
	}
	if t.Kind(pat) != syntax.ObjectPattern {
		return nil
	}
	out := map[string]string{}
	for _, c := range t.NamedChildren(pat) {
		switch t.Kind(c) {
		case syntax.ShorthandPropertyIdentifierPattern:
			out[t.Text(c)] = t.Text(c)
		case syntax.ObjectAssignmentPattern:
			if l := t.ChildByField(c, syntax.FLeft); t.Kind(l) == syntax.ShorthandPropertyIdentifierPattern {
				out[t.Text(l)] = t.Text(l)
			}
		case syntax.PairPattern:
			v := t.ChildByField(c, syntax.FValue)
			if t.Kind(v) == syntax.AssignmentPattern {
				v = t.ChildByField(v, syntax.FLeft)
			}
			if t.Kind(v) == syntax.Identifier {
				out[t.Text(t.ChildByField(c, syntax.FKey))] = t.Text(v)
			}
		}
	}
	return out
}

// checkedArgs returns the caller's identifiers that a helper with ChecksParams/ChecksKeys validated: the
// arguments at checked parameters, and the values of checked keys in object literal arguments.
func (w *walker) checkedArgs(s *Summary, args []syntax.NodeID) []syntax.NodeID {
	t := w.t
	var out []syntax.NodeID
	for i, a := range args {
		a = t.Unparen(a)
		if s.ChecksParams[i] && t.Kind(a) == syntax.Identifier {
			out = append(out, a)
		}
		if keys := s.ChecksKeys[i]; len(keys) > 0 && t.Kind(a) == syntax.Object {
			for k := range keys {
				// Only a property nothing spread after it can override ({ id, ...rest } checks rest's id).
				srcs := propSources(t, a, k)
				if len(srcs) != 1 || t.Kind(srcs[0]) == syntax.SpreadElement {
					continue
				}
				if v := t.Unparen(srcs[0]); t.Kind(v) == syntax.Identifier || t.Kind(v) == syntax.ShorthandPropertyIdentifier {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// checkedArgsOf returns, for a variable holding the result of a project helper with ChecksParams
// (`session = await getSession(req, linkId)`), the identifier arguments passed at those parameters.
func (w *walker) checkedArgsOf(x syntax.NodeID) []syntax.NodeID {
	t := w.t
	v := w.singleConst(x)
	if v == syntax.None {
		return nil
	}
	v = t.Unparen(v)
	if t.Kind(v) == syntax.AwaitExpression {
		v = t.Unparen(t.FirstNamedChild(v))
	}
	if t.Kind(v) != syntax.CallExpression {
		return nil
	}
	o := w.e.OriginOf(w.f, t.ChildByField(v, syntax.FFunction))
	if o.Kind != Func || len(o.Path) != 0 {
		return nil
	}
	return w.checkedArgs(w.e.Summarize(o.File, o.Fn), w.args(v))
}

// builderData returns the arguments of the data-carrying calls (.values(…), .set(…)) chained after call n
// of a query builder.
func builderData(t *syntax.Tree, n syntax.NodeID) []syntax.NodeID {
	var out []syntax.NodeID
	for p := t.Parent(n); t.Kind(p) == syntax.MemberExpression; {
		call := t.Parent(p)
		if t.Kind(call) != syntax.CallExpression || t.ChildByField(call, syntax.FFunction) != p {
			break
		}
		switch t.Text(t.ChildByField(p, syntax.FProperty)) {
		case "values", "set":
			out = append(out, namedArgs(t, call)...)
		}
		p = t.Parent(call)
	}
	return out
}

// storedOnce recognises a resource created once per record: `let id = record.vectorStoreId; if (!id) { id =
// await create(…); await prisma.x.update({ …, data: { vectorStoreId: id } }) }`. What the branch does runs
// only while the record has no such resource, and the branch stores one: repeating the request does not
// repeat the cost, which is what a rate limit would bound.
func (w *walker) storedOnce(cond, cons syntax.NodeID) *Evidence {
	t := w.t
	c := t.Unparen(cond)
	if t.Kind(c) != syntax.UnaryExpression || !t.TextIs(t.ChildByField(c, syntax.FOperator), "!") {
		return nil
	}
	x := t.Unparen(t.ChildByField(c, syntax.FArgument))
	if t.Kind(x) != syntax.Identifier {
		return nil
	}
	name := t.Text(x)
	// The variable starts as the record's field of that name.
	defs := w.f.Defs(name, x)
	if len(defs) == 0 || defs[0].Kind != jsmodel.DefVar || defs[0].Destructured {
		return nil
	}
	init := t.Unparen(defs[0].Value)
	if t.Kind(init) != syntax.MemberExpression || w.lookupCallOf(t.ChildByField(init, syntax.FObject), 16) == syntax.None {
		return nil // not a field of a record the code looked up
	}
	key := t.Text(t.ChildByField(init, syntax.FProperty))
	assigned, stored := false, syntax.None
	t.Walk(cons, func(n syntax.NodeID) bool {
		switch t.Kind(n) {
		case syntax.ArrowFunction, syntax.FunctionExpression:
			return false
		case syntax.AssignmentExpression:
			if l := t.Unparen(t.ChildByField(n, syntax.FLeft)); t.Kind(l) == syntax.Identifier && t.TextIs(l, name) {
				assigned = true
			}
		case syntax.CallExpression:
			callee := t.Unparen(t.ChildByField(n, syntax.FFunction))
			if t.Kind(callee) != syntax.MemberExpression {
				break
			}
			switch t.Text(t.ChildByField(callee, syntax.FProperty)) {
			case "update", "upsert", "updateMany":
			default:
				return true
			}
			args := namedArgs(t, n)
			if len(args) == 0 {
				break
			}
			data := t.Unparen(objectProp(t, args[0], "data"))
			if data == syntax.None {
				data = t.Unparen(objectProp(t, args[0], "update"))
			}
			if v := t.Unparen(objectProp(t, data, key)); v != syntax.None && t.TextIs(v, name) {
				stored = n
			}
		}
		return true
	})
	if !assigned || stored == syntax.None {
		return nil
	}
	return &Evidence{Kind: KindOnce, What: "created once per record (stored in " + key + ")", File: w.f, Node: stored}
}

// boundNames returns the names function fn of f binds: its parameters and the variables it declares.
func boundNames(f *jsmodel.File, fn jsmodel.FuncID) map[string]bool {
	t := f.Tree
	out := map[string]bool{}
	for _, p := range f.Functions[fn].Params {
		if p.Name != "" {
			out[p.Name] = true
			continue
		}
		t.Walk(p.Pattern, func(x syntax.NodeID) bool {
			if k := t.Kind(x); k == syntax.Identifier || k == syntax.ShorthandPropertyIdentifierPattern {
				out[t.Text(x)] = true
			}
			return true
		})
	}
	bind := func(pat syntax.NodeID) {
		t.Walk(pat, func(y syntax.NodeID) bool {
			if k := t.Kind(y); k == syntax.Identifier || k == syntax.ShorthandPropertyIdentifierPattern {
				out[t.Text(y)] = true
			}
			return true
		})
	}
	t.Walk(f.Functions[fn].Body, func(x syntax.NodeID) bool {
		switch t.Kind(x) {
		case syntax.VariableDeclarator:
			bind(t.ChildByField(x, syntax.FName))
		case syntax.ForInStatement:
			bind(t.ChildByField(x, syntax.FLeft)) // for (const name of names)
		case syntax.CatchClause:
			bind(t.ChildByField(x, syntax.FParameter))
		case syntax.FunctionDeclaration, syntax.ClassDeclaration:
			bind(t.ChildByField(x, syntax.FName))
		}
		return true
	})
	return out
}

// awaitedCall reports whether call n is awaited directly (`await getOrThrow(…)`, not `.catch(…)`ed or left
// pending): past it, the call completed.
func awaitedCall(t *syntax.Tree, n syntax.NodeID) bool {
	p := t.Parent(n)
	for t.Kind(p) == syntax.ParenthesizedExpression || t.Kind(p) == syntax.AsExpression || t.Kind(p) == syntax.NonNullExpression {
		p = t.Parent(p)
	}
	if t.Kind(p) == syntax.Array {
		// await Promise.all([getOrThrow(…), …]): it rejects when one of them does.
		args := t.Parent(p)
		call := t.Parent(args)
		if t.Kind(args) == syntax.Arguments && t.Kind(call) == syntax.CallExpression && jsmodel.Chain(t, t.ChildByField(call, syntax.FFunction)) == "Promise.all" {
			return awaitedCall(t, call)
		}
	}
	return t.Kind(p) == syntax.AwaitExpression
}

// uniqueWhereIdents returns the identifiers a Prisma call's where compares for equality at its top level
// or inside a compound unique key (`{ id }`, `{ userId_teamId: { userId, teamId } }`): not those under
// operators or logical combinations (`NOT: { text: name }`).
func uniqueWhereIdents(t *syntax.Tree, call syntax.NodeID) []syntax.NodeID {
	where := whereObject(t, call)
	if where == syntax.None {
		return nil
	}
	var out []syntax.NodeID
	for _, c := range t.NamedChildren(where) {
		switch t.Kind(c) {
		case syntax.ShorthandPropertyIdentifier:
			out = append(out, c)
		case syntax.Pair:
			key := t.Text(t.ChildByField(c, syntax.FKey))
			if key == "AND" || key == "OR" || key == "NOT" {
				continue
			}
			v := t.Unparen(t.ChildByField(c, syntax.FValue))
			switch t.Kind(v) {
			case syntax.Identifier:
				out = append(out, v)
			case syntax.Object:
				// A compound unique key names its fields (userId_teamId: { userId, teamId }); anything
				// else is an operator object ({ contains: q }) or a relation filter.
				part := func(k string) bool { return strings.Contains("_"+key+"_", "_"+k+"_") }
				for _, f := range t.NamedChildren(v) {
					switch t.Kind(f) {
					case syntax.ShorthandPropertyIdentifier:
						if part(t.Text(f)) {
							out = append(out, f)
						}
					case syntax.Pair:
						if fv := t.Unparen(t.ChildByField(f, syntax.FValue)); t.Kind(fv) == syntax.Identifier && part(t.Text(t.ChildByField(f, syntax.FKey))) {
							out = append(out, fv)
						}
					}
				}
			}
		}
	}
	return out
}
