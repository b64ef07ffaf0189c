// Package summary is archlint's guard engine: for every function reachable from an endpoint it computes,
// from the function's body and transitively through the functions it calls (across files), what the
// function does that matters for a backend review:
//
//   - whether it authenticates: obtains an identity from a known source and rejects (throws, redirects,
//     returns early) when there is none — a session fetched and never checked is not authentication;
//   - whether it returns an identity, or a rejection its caller must act on;
//   - which sensitive operations (database writes, email, payments, paid APIs, queues, file writes) it
//     performs, and which of them can run before any authentication;
//   - for higher-order wrappers (withAuth(handler)), which guards run before the wrapped handler is called.
//
// The analysis walks statements in order with a small state (authenticated or not, and by what), treats
// an `if` whose condition is true when the identity is absent and whose branch exits as a guard, and
// follows values to their origins (OriginOf) through variables, destructuring, imports and helper
// returns. Summaries are memoised; recursion is cut conservatively (a function being summarised is
// assumed to do nothing), so the engine terminates on any call graph.
//
// What counts as an identity source, a guard, a sensitive call, … is data in package libs; custom guards
// declared in configuration arrive as analyzers.Settings.
package summary

import (
	"fmt"
	"sync"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/modgraph"
	"github.com/archlint/archlint/internal/project"
	"github.com/archlint/archlint/internal/syntax"
)

// Evidence says what established a control and where.
type Evidence struct {
	// Kind is KindAuth, KindSecret, KindWebhook, KindCaller or KindNetwork.
	Kind string
	// What describes it: "next-auth getServerSession", "requireUser", "CRON_SECRET check".
	What string
	File *jsmodel.File
	Node syntax.NodeID
	// Via is the chain of helper functions through which it was reached, outermost first.
	Via []string
}

// Describe renders the evidence for the endpoint map: "getServerSession (via requireUser)".
func (ev *Evidence) Describe() string {
	if ev == nil {
		return ""
	}
	s := ev.What
	if len(ev.Via) > 0 {
		s += " (via " + joinVia(ev.Via) + ")"
	}
	return s
}

func joinVia(v []string) string {
	out := ""
	for i, s := range v {
		if i > 0 {
			out += " → "
		}
		out += s
	}
	return out
}

func (ev *Evidence) via(name string) *Evidence {
	if ev == nil {
		return nil
	}
	c := *ev
	c.Via = append([]string{name}, ev.Via...)
	return &c
}

// Op is a sensitive operation.
type Op struct {
	// Role is what kind of operation it is (libs.DBWrite, libs.SendEmail, libs.Credential, …).
	Role libs.Role
	// What describes it ("a Prisma create", "an email send (Resend)").
	What string
	// Callee is the call as written ("prisma.project.create").
	Callee string
	// Model is the Prisma model accessor ("project") when the call is a Prisma model operation.
	Model string
	File  *jsmodel.File
	Node  syntax.NodeID
	// Via is the chain of helpers through which the endpoint reaches it.
	Via []string
	// HashParam is, for a password check, the parameter of the summarised function that supplies the
	// stored hash (verifySecret(secret, hash)), or -1; a caller passing an API key record's hash there
	// verifies a key, not a password.
	HashParam int
}

func (op Op) via(name string) Op {
	op.Via = append([]string{name}, op.Via...)
	return op
}

// Summary is what a function does.
type Summary struct {
	// Guard is set when the function ensures authentication before it returns normally.
	Guard *Evidence
	// GuardedBy is the first guard the function establishes on some path (for the map), even when not every
	// path is guarded.
	GuardedBy *Evidence
	// ReturnsIdentity is set when the function returns an identity from a known source (possibly null).
	ReturnsIdentity bool
	// Rejects is set when the function checks authentication and returns a value (instead of throwing)
	// when it fails; its callers must test that value.
	Rejects *Evidence
	// Exits is set when the function never returns normally (it always throws or redirects).
	Exits bool
	// Ops are the sensitive operations the function performs, transitively.
	Ops []Op
	// Unguarded are the operations that can run before any authentication.
	Unguarded []Op
	// Wrapped maps a parameter index to the guard that runs before that parameter (a handler) is called.
	// A missing entry means the parameter is called without a guard (or not called).
	Wrapped map[int]*Evidence
	// WrappedRate maps a parameter index to the rate limit applied before that parameter is called.
	WrappedRate map[int]*Evidence
	// WrappedValid maps a parameter index to the validation of the value the function passes when it
	// calls that parameter (a wrapper that parses its input with a schema and hands over the result).
	WrappedValid map[int]*Evidence
	// Unrated are the operations (sensitive ones and credential checks) that can run before any rate
	// limit.
	Unrated []Op
	// Exposed are the sensitive operations that can run with neither authentication nor a rate limit
	// before them (an endpoint that authenticates members and rate-limits anonymous callers has none).
	Exposed []Op
	// Credentials are the credential checks and flows the function performs (password comparisons,
	// sign-ins, password resets), transitively.
	Credentials []Op
	// RateLimitedBy is the first rate limit the function applies (a library limiter, a helper that
	// limits, or the function itself when it is a hand-written limiter).
	RateLimitedBy *Evidence
	// IdentityFetched is the first identity source the function (transitively) calls, checked or not.
	IdentityFetched *Evidence
	// Flows are untrusted values (from the function's parameters or request headers and cookies) reaching
	// sinks without validation, transitively.
	Flows []Flow
	// ChecksParams are the parameters the function validated (found equal to a value the server holds,
	// looked up, matched against an allow-list) on every path that returns a value other than null,
	// undefined or false: a caller that exits when the result is falsy may trust the arguments it passed
	// there (`session = await getSession(req, linkId); if (!session) return 401`).
	ChecksParams map[int]bool
	// ChecksKeys are, for a destructured object parameter, the properties validated that way
	// (getEnrollmentOrThrow({ partnerId, programId })).
	ChecksKeys map[int]map[string]bool
	// ChecksAlways is set when every normal return is such a value (the function throws otherwise, as
	// `…OrThrow` helpers do): after a call that completes, the arguments are validated.
	ChecksAlways bool
	// AssertsArgs is set when the function parses its arguments with a schema and throws when they do
	// not match (validateInputs([value, schema], …)): after a call, the arguments are validated.
	AssertsArgs bool
	// Unchecked are safeParse results whose data is used before their success is checked.
	Unchecked []UncheckedParse
	// ValidatedBy is the first validator the function (transitively) calls.
	ValidatedBy *Evidence
	// CallsParam lists the parameter indexes the function (or the function it returns) calls.
	CallsParam map[int]bool
	// Return is the origin of the value the function returns.
	Return Origin
	// WebhookVerified is set when the function verifies a webhook signature before its sensitive
	// operations.
	WebhookVerified *Evidence
	// Models are the Prisma client accessors ("project") the function reads or writes, transitively,
	// sorted.
	Models []string
	// AuthSkipped is set when the function calls a helper that authenticates with options that turn the
	// authentication off (`parseRequest(req, schema, { skipAuth: true })`).
	AuthSkipped *Evidence

	// contextRelevant is set when some condition of the function could be decided by an invocation
	// context (request path or method, an option parameter).
	contextRelevant bool
}

// Engine computes summaries over a project. It is safe for use by one goroutine at a time.
type Engine struct {
	Project *project.Project
	Graph   *modgraph.Graph
	// Guards are user-declared guard functions (from configuration).
	Guards []CustomGuard

	mu      sync.Mutex
	memo    map[funcKey]*Summary
	ctxMemo map[ctxKey]*Summary
	running map[funcKey]bool
	origins map[nodeKey]Origin
}

// CustomGuard is a function the user declared to authenticate (or to be an authenticating wrapper).
type CustomGuard struct {
	From, Name string
	Auth       bool
	Wrapper    bool
}

type funcKey struct {
	file string
	fn   jsmodel.FuncID
}

// New returns an engine for p.
func New(p *project.Project, g *modgraph.Graph) *Engine {
	return &Engine{Project: p, Graph: g, memo: map[funcKey]*Summary{}, ctxMemo: map[ctxKey]*Summary{}, running: map[funcKey]bool{}, origins: map[nodeKey]Origin{}}
}

var empty = &Summary{}

// Summarize returns the summary of function fn of file f.
func (e *Engine) Summarize(f *jsmodel.File, fn jsmodel.FuncID) *Summary {
	if fn == jsmodel.NoFunc || f == nil {
		return empty
	}
	k := funcKey{f.Path, fn}
	if s, ok := e.memo[k]; ok {
		return s
	}
	if e.running[k] {
		return empty // recursion: assume nothing, conservatively
	}
	e.running[k] = true
	s := e.summarize(f, fn)
	delete(e.running, k)
	e.memo[k] = s
	return s
}

// FuncName names a function for messages: "requireUser (lib/auth.ts)".
func FuncName(f *jsmodel.File, fn jsmodel.FuncID) string {
	name := f.Functions[fn].Name
	if name == "" {
		name = "an anonymous function"
	}
	return fmt.Sprintf("%s (%s)", name, f.Path)
}
