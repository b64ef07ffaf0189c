package endpoints

import (
	"regexp"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/matcher"
	"github.com/archlint/archlint/internal/summary"
)

// Status is the state of a control on an endpoint.
type Status string

// Statuses.
const (
	// Present: the control was found (How says what).
	Present Status = "present"
	// Missing: the control is needed and was not found.
	Missing Status = "missing"
	// Public: the endpoint is public by design (How says why); any compensating control is in Evidence.
	Public Status = "public"
	// NotNeeded: nothing the control protects happens (no sensitive operation).
	NotNeeded Status = "n/a"
	// Unknown: archlint could not find the code that handles the endpoint.
	Unknown Status = "unknown"
)

// AuthResult is the authentication assessment of one endpoint.
type AuthResult struct {
	Status Status
	// How names the evidence, or the reason for Public/NotNeeded/Unknown.
	How string
	// Evidence is the guard found, if any.
	Evidence *summary.Evidence
	// Unguarded are the sensitive operations reachable without authentication (for Missing).
	Unguarded []summary.Op
	// Ops are all sensitive operations of the endpoint.
	Ops []summary.Op
	// Models are the Prisma client accessors the endpoint reads or writes.
	Models []string
	// Webhook is set when the endpoint looks like a webhook receiver.
	Webhook bool
	// Credential is set when the endpoint is a credential-establishing flow (sign-in, sign-up, reset, …).
	Credential bool
	// IdentityFetched is an identity source the endpoint calls, whether or not it checks the result.
	IdentityFetched *summary.Evidence
}

// PublicRule declares endpoints public by design (from configuration).
type PublicRule struct {
	Match  func(ep *Endpoint) bool
	Reason string
}

// Assessor evaluates controls on endpoints.
type Assessor struct {
	Engine *summary.Engine
	// Public are the user's public declarations.
	Public []PublicRule
	// Middleware evaluates middleware coverage; nil means no middleware guards anything.
	Middleware MiddlewareGuard
	// MiddlewareRate evaluates middleware rate limiting; nil means none.
	MiddlewareRate func(ep *Endpoint) *summary.Evidence
}

// MiddlewareGuard returns the guard a middleware applies to an endpoint's URL, or nil.
type MiddlewareGuard func(ep *Endpoint) *summary.Evidence

// Auth assesses authentication of ep.
func (a *Assessor) Auth(ep *Endpoint) AuthResult {
	h := &ep.Handler
	res := AuthResult{Webhook: looksLikeWebhook(ep), Credential: isCredentialFlow(ep)}
	for _, p := range a.Public {
		if p.Match(ep) {
			res.Status, res.How = Public, p.Reason
			return res
		}
	}
	if h.LibraryRole&libs.AuthCatchAll != 0 {
		res.Status, res.How = Public, "authentication library handler ("+h.Library+")"
		return res
	}
	if h.LibraryRole&libs.CallerVerifyingWrapper != 0 {
		res.Status, res.How = Present, h.Library+" verifies the caller"
		return res
	}
	// The endpoint is evaluated for its method and a few concrete paths of its URL, so that wrappers and
	// handlers that branch on the request (`if (req.method === "GET")`, a special case for one path) are
	// judged on the branches this endpoint takes.
	ctxs := contexts(ep)
	// Guards from wrappers and client middlewares.
	var guard *summary.Evidence
	for _, w := range h.Wrappers {
		if ev := a.wrapperGuard(w, ctxs); ev != nil && guard == nil {
			guard = ev
		}
	}
	for _, mw := range h.Middlewares {
		if s := a.Engine.Summarize(mw.File, mw.Fn); s.Guard != nil && guard == nil {
			guard = withVia(s.Guard, clientMiddlewareName(mw))
		}
	}
	if !h.Found() {
		if guard != nil {
			res.Status, res.How, res.Evidence = Present, guard.Describe(), guard
			return res
		}
		if h.Library != "" {
			res.Status, res.How = Unknown, "handled by "+h.Library
		} else {
			res.Status, res.How = Unknown, "handler not found"
		}
		return res
	}
	s := a.handlerSummary(h, ctxs)
	res.Ops = s.Ops
	res.Models = s.Models
	res.IdentityFetched = s.IdentityFetched
	if guard == nil && a.Middleware != nil && (ep.Kind == Route || ep.Kind == PagesAPI) {
		guard = a.Middleware(ep)
	}
	switch {
	case guard != nil:
		res.Status, res.How, res.Evidence = Present, guard.Describe(), guard
	case len(s.Ops) == 0:
		res.Status, res.How = NotNeeded, "no sensitive operation"
		if s.GuardedBy != nil {
			res.Status, res.How, res.Evidence = Present, s.GuardedBy.Describe(), s.GuardedBy
		}
	case len(s.Unguarded) == 0:
		ev := s.GuardedBy
		res.Status, res.Evidence = Present, ev
		res.How = ev.Describe()
	default:
		res.Status, res.Unguarded = Missing, closestFirst(s.Unguarded)
		switch {
		case s.GuardedBy != nil:
			res.How = "guarded on some paths only (" + s.GuardedBy.Describe() + ")"
			res.Evidence = s.GuardedBy
		case s.IdentityFetched != nil:
			res.How = "session obtained (" + s.IdentityFetched.Describe() + ") but never checked"
		default:
			res.How = "nothing verifies the caller before " + res.Unguarded[0].What
		}
		if res.Credential {
			res.Status, res.How = Public, "credential flow (sign-in, sign-up, password reset)"
			break
		}
		if ep.Kind == Route && exportsName(ep.File, "OPTIONS") {
			// The route answers CORS preflight: it is built to be called from other sites' pages (a
			// browser SDK), where no session of this app exists. Its anonymous writes need a limiter.
			res.Status, res.How, res.Evidence = Public, "cross-origin endpoint (it answers CORS preflight): public by design", nil
			break
		}
		if s.AuthSkipped != nil {
			res.Status, res.How, res.Evidence = Public, "public by design: "+s.AuthSkipped.Describe(), nil
			break
		}
		if len(s.Credentials) > 0 {
			// The endpoint checks a credential itself (a link or room password): it is where callers
			// without a session prove who they are, public by design and a brute-force target.
			res.Status, res.How = Public, "credential check ("+s.Credentials[0].What+")"
			break
		}
		// Anonymous callers are rate-limited before every sensitive operation they can reach (members may
		// be authenticated instead): the endpoint was built for the public, with the limiter as its
		// compensating control. A limiter in Next.js middleware does not count: it usually covers every
		// path and says nothing about this endpoint's design.
		limiter := a.outerLimiter(h, ctxs)
		if limiter == nil && len(s.Exposed) == 0 {
			limiter = s.RateLimitedBy
		}
		if limiter != nil {
			res.Status, res.How, res.Evidence, res.Unguarded = Public, "open to anonymous callers behind a rate limit ("+limiter.Describe()+")", nil, nil
		}
	}
	if res.Status == Present && res.Evidence != nil && res.Evidence.Kind == summary.KindHandedIdentity {
		// The handler tests the session its wrapper hands it: authentication when the wrapper obtains
		// one from a known source.
		if name := a.identityWrapper(h, ctxs); name != "" {
			res.How = res.Evidence.Describe() + " (" + name + " obtains the session)"
		} else {
			res.Status, res.Evidence, res.Unguarded = Missing, nil, s.Ops
			res.How = "the handler tests a session it is handed, but no wrapper obtains one"
		}
	}
	if res.Status == Present && res.Evidence != nil && res.Evidence.Kind == summary.KindWebhook {
		res.Status, res.How = Public, "webhook with verified signature: "+res.Evidence.Describe()
	}
	if res.Status == Present && res.Evidence != nil && res.Evidence.Kind == summary.KindNetwork {
		res.Status, res.How = Public, "callers restricted by "+res.Evidence.Describe()
	}
	return res
}

// contexts returns the invocation contexts an endpoint is evaluated in: its method, and up to three
// concrete paths of its URL pattern.
func contexts(ep *Endpoint) []*summary.Context {
	method := ""
	if len(ep.Methods) == 1 && ep.Methods[0] != "*" && ep.Kind != ServerAction {
		method = ep.Methods[0]
	}
	var out []*summary.Context
	if ep.URLPath != "" {
		for i, p := range matcher.SamplePaths(ep.URLPath, nil) {
			if i == 3 {
				break
			}
			out = append(out, &summary.Context{Path: p, Method: method})
		}
	}
	if len(out) == 0 {
		out = append(out, &summary.Context{Method: method})
	}
	return out
}

// handlerSummary merges the handler's summaries over the contexts: the operations of all, the
// unguarded operations of any, the guard of the first.
func (a *Assessor) handlerSummary(h *Handler, ctxs []*summary.Context) *summary.Summary {
	if len(ctxs) == 1 {
		return a.Engine.SummarizeIn(h.File, h.Fn, ctxs[0])
	}
	merged := &summary.Summary{}
	for _, c := range ctxs {
		s := a.Engine.SummarizeIn(h.File, h.Fn, c)
		merged.Ops = appendOps(merged.Ops, s.Ops)
		merged.Unguarded = appendOps(merged.Unguarded, s.Unguarded)
		if merged.GuardedBy == nil {
			merged.GuardedBy = s.GuardedBy
		}
		if merged.IdentityFetched == nil {
			merged.IdentityFetched = s.IdentityFetched
		}
		merged.Unrated = appendOps(merged.Unrated, s.Unrated)
		merged.Exposed = appendOps(merged.Exposed, s.Exposed)
		merged.Credentials = appendOps(merged.Credentials, s.Credentials)
		if merged.RateLimitedBy == nil {
			merged.RateLimitedBy = s.RateLimitedBy
		}
		if merged.AuthSkipped == nil {
			merged.AuthSkipped = s.AuthSkipped
		}
		merged.Models = summary.MergeModels(merged.Models, s.Models)
	}
	return merged
}

func appendOps(dst, src []summary.Op) []summary.Op {
outer:
	for _, op := range src {
		for _, d := range dst {
			if d.File == op.File && d.Node == op.Node {
				continue outer
			}
		}
		dst = append(dst, op)
	}
	return dst
}

// wrapperGuard returns the guard a wrapper runs before the handler it wraps, in every context.
func (a *Assessor) wrapperGuard(w Wrapper, ctxs []*summary.Context) *summary.Evidence {
	if w.Func.File != nil {
		var first *summary.Evidence
		for _, c := range ctxs {
			ev := a.Engine.SummarizeIn(w.Func.File, w.Func.Fn, c).Wrapped[w.Arg]
			if ev == nil {
				return nil
			}
			if first == nil {
				first = ev
			}
		}
		if first != nil {
			return withVia(first, "wrapper "+w.Name)
		}
		return nil
	}
	if w.Key != "" {
		roles, entry := libs.Roles(w.Key)
		if entry != nil && roles&(libs.CallerVerifyingWrapper|libs.AuthGuard) != 0 {
			return &summary.Evidence{Kind: summary.KindCaller, What: entry.What, File: w.File, Node: w.Call}
		}
	}
	return nil
}

// identityWrapper names the first project wrapper of h that obtains an identity, or "".
func (a *Assessor) identityWrapper(h *Handler, ctxs []*summary.Context) string {
	for _, w := range h.Wrappers {
		if w.Func.File == nil {
			continue
		}
		for _, c := range ctxs {
			if a.Engine.SummarizeIn(w.Func.File, w.Func.Fn, c).IdentityFetched != nil {
				return "wrapper " + w.Name
			}
		}
	}
	return ""
}

func withVia(ev *summary.Evidence, via string) *summary.Evidence {
	c := *ev
	c.Via = append([]string{via}, ev.Via...)
	return &c
}

var webhookRe = regexp.MustCompile(`(?i)(^|[/_\-.\[])(webhooks?|hooks?|callbacks?/(stripe|github|clerk|resend|svix|lemon))([/_\-.\]]|$)`)

// looksLikeWebhook reports whether an endpoint receives webhooks: its URL or file says so.
func looksLikeWebhook(ep *Endpoint) bool {
	if ep.Kind != Route && ep.Kind != PagesAPI {
		return false
	}
	return webhookRe.MatchString(ep.URLPath) || strings.Contains(strings.ToLower(ep.File.Path), "webhook")
}

var credentialRe = regexp.MustCompile(`(?i)(sign-?in|sign-?up|log-?in|register|forgot|reset-?password|password-?reset|verify-?email|verification|magic-?link|otp|two-?factor|2fa|confirm-?email|(?:^|[^a-z])activate|invite/accept|accept-?invite|oauth2?/token)`)

// isCredentialFlow reports whether an endpoint establishes credentials: its URL, file or action name says
// sign-in, sign-up, password reset, email verification, OTP, magic link or an OAuth token exchange.
func isCredentialFlow(ep *Endpoint) bool {
	if credentialRe.MatchString(ep.URLPath) {
		return true
	}
	if ep.Kind == ServerAction && credentialRe.MatchString(ep.Name) {
		return true
	}
	return credentialRe.MatchString(strings.TrimSuffix(ep.File.Path, ".ts")) && ep.Kind == ServerAction && !strings.Contains(ep.File.Path, "/actions")
}

// FuncDef returns the handler function's definition, or nil.
func (h *Handler) FuncDef() *jsmodel.Function {
	if !h.Found() {
		return nil
	}
	return &h.File.Functions[h.Fn]
}

// clientMiddlewareName names an action client's middleware for the map: "client middleware requireUser
// (lib/safe-action.ts)", or "the action client's middleware (lib/safe-action.ts)" when it is anonymous.
func clientMiddlewareName(mw FuncRef) string {
	if mw.File.Functions[mw.Fn].Name == "" {
		return "the action client's middleware (" + mw.File.Path + ")"
	}
	return "client middleware " + summary.FuncName(mw.File, mw.Fn)
}

// closestFirst orders operations by how many helpers separate them from the endpoint, nearest first
// (stable otherwise): the operation the handler itself performs is its purpose, a write deep inside a
// licence check is not the headline.
func closestFirst(ops []summary.Op) []summary.Op {
	out := append([]summary.Op(nil), ops...)
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Via) < len(out[j].Via) })
	return out
}
