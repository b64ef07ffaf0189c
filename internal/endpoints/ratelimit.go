package endpoints

import (
	"regexp"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/matcher"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// adminRe recognises guards that admit administrators only.
var adminRe = regexp.MustCompile(`(?i)admin`)

// RateResult is the rate-limiting assessment of one endpoint.
type RateResult struct {
	Status Status
	// How names the limiter found, or why none is needed.
	How      string
	Evidence *summary.Evidence
	// Triggers are the operations that make a limiter necessary and run before any limiter: credential
	// checks, email and SMS sends, paid API calls, and (for unauthenticated endpoints) requests made with
	// the server's credentials and writes.
	Triggers []summary.Op
	// Credential is set when the endpoint is a credential flow (by its URL or name, or because it checks
	// credentials): a missing limiter there is an error.
	Credential bool
}

// RateLimit assesses rate limiting of ep, given its authentication assessment.
func (a *Assessor) RateLimit(ep *Endpoint, auth AuthResult) RateResult {
	h := &ep.Handler
	if h.LibraryRole&libs.AuthCatchAll != 0 {
		// Authentication library handlers sign users in, send magic links and reset passwords: a credential
		// endpoint, unless the library limits itself or something else does.
		if h.LibraryRole&libs.RateLimit != 0 && !a.libraryLimitDisabled(h) {
			return RateResult{Status: Present, Credential: true, How: "built-in rate limiter of the " + h.Library + " (on in production)"}
		}
		if limiter := a.MiddlewareRate; limiter != nil && (ep.Kind == Route || ep.Kind == PagesAPI) {
			if ev := limiter(ep); ev != nil {
				return RateResult{Status: Present, Credential: true, How: ev.Describe(), Evidence: ev}
			}
		}
		if ev := a.providerCallbacksLimited(h); ev != nil {
			return RateResult{Status: Present, Credential: true, How: ev.Describe(), Evidence: ev}
		}
		if a.oauthOnly(h) {
			return RateResult{Status: NotNeeded, How: "Auth.js signs in with OAuth providers only: no password to guess, no sign-in email to send"}
		}
		return RateResult{Status: Missing, Credential: true}
	}
	if ep.Kind == Middleware || !h.Found() {
		return RateResult{Status: NotNeeded, How: "not assessed"}
	}
	ctxs := contexts(ep)
	limiter := a.outerLimiter(h, ctxs)
	if limiter == nil && a.MiddlewareRate != nil && (ep.Kind == Route || ep.Kind == PagesAPI) {
		limiter = a.MiddlewareRate(ep)
	}
	s := a.handlerSummary(h, ctxs)
	// A credential flow by its name (sign-in, register, reset) only when the caller is not already
	// authenticated: behind a session or an admin check the name describes something else. Credential
	// checks the endpoint makes (a password comparison) count either way.
	res := RateResult{Credential: auth.Credential && auth.Status != Present || len(s.Credentials) > 0}
	if limiter != nil {
		res.Status, res.How, res.Evidence = Present, limiter.Describe(), limiter
		return res
	}
	// Callers verified as machines (a signed webhook, a secret-checked cron job, a library that verifies
	// its caller) cannot be made to repeat a request at will: no limiter is needed.
	if ev := auth.Evidence; ev != nil && (ev.Kind == summary.KindWebhook || ev.Kind == summary.KindSecret || ev.Kind == summary.KindCaller || ev.Kind == summary.KindNetwork) {
		res.Status, res.How = NotNeeded, "verified caller ("+ev.Describe()+")"
		return res
	}
	// Writes need a limiter on endpoints that are public by design (a missing authentication is its own
	// finding, and the fix there is authentication, not a limiter).
	publicByDesign := auth.Status == Public && auth.Evidence == nil && !strings.HasPrefix(auth.How, "authentication library")
	// A route that answers CORS preflight requests (it exports OPTIONS) is built to be called from other
	// sites' pages — survey widgets, tracking snippets, embeds: its anonymous writes are public by design
	// even when the authentication rule reports them.
	if ep.Kind == Route && auth.Status == Missing && exportsName(ep.File, "OPTIONS") {
		publicByDesign = true
	}
	// An authenticated user sending notifications to their own team is not abuse; an anonymous caller
	// choosing recipients is (Exposed: operations with neither authentication nor a limiter before them).
	// Paid API calls cost money whoever makes them, except behind an admin gate.
	adminOnly := auth.Status == Present && adminRe.MatchString(auth.How)
	for _, op := range s.Unrated {
		exposed := auth.Status != Present && containsOp(s.Exposed, op)
		switch {
		case op.Role&libs.Credential != 0:
			res.Triggers = append(res.Triggers, op)
		case op.Role&(libs.SendEmail|libs.SendSMS|libs.Payment) != 0 && exposed:
			// Anonymous email and SMS are spam; anonymous payment calls are card testing.
			res.Triggers = append(res.Triggers, op)
		case op.Role&libs.PaidAPI != 0 && !adminOnly:
			res.Triggers = append(res.Triggers, op)
		case op.Role&libs.ThirdParty != 0 && exposed:
			// Anonymous callers spending the server's quota with another service.
			res.Triggers = append(res.Triggers, op)
		case op.Role&libs.DBWrite != 0 && publicByDesign && exposed:
			res.Triggers = append(res.Triggers, op)
		}
	}
	switch {
	case len(res.Triggers) > 0 || res.Credential && len(s.Unrated) > 0:
		res.Status = Missing
	case s.RateLimitedBy != nil:
		res.Status, res.How, res.Evidence = Present, s.RateLimitedBy.Describe(), s.RateLimitedBy
	default:
		res.Status, res.How = NotNeeded, "no operation that needs a limiter"
	}
	return res
}

// libraryLimitDisabled reports whether the configuration a library handler is built from turns its rate
// limiter off: `toNextJsHandler(auth)` where `auth = betterAuth({ rateLimit: { enabled: false } })`.
func (a *Assessor) libraryLimitDisabled(h *Handler) bool {
	if h.LibraryFile == nil || h.LibraryCall == syntax.None {
		return false
	}
	t := h.LibraryFile.Tree
	args := t.ChildByField(h.LibraryCall, syntax.FArguments)
	arg := t.FirstNamedChild(args)
	if arg == syntax.None {
		return false
	}
	o := a.Engine.OriginOf(h.LibraryFile, arg)
	if o.CallFile == nil || o.Call == syntax.None {
		return false
	}
	ct := o.CallFile.Tree
	cfg := ct.FirstNamedChild(ct.ChildByField(o.Call, syntax.FArguments))
	if ct.Kind(cfg) != syntax.Object {
		return false
	}
	rl := summary.ObjectProp(ct, cfg, "rateLimit")
	if ct.Kind(rl) != syntax.Object {
		return false
	}
	en := summary.ObjectProp(ct, rl, "enabled")
	return en != syntax.None && ct.Kind(en) == syntax.False
}

// providerCallbacks are the provider options Auth.js calls with what the caller sends: they check
// passwords and one-time codes, or send the sign-in link.
var providerCallbacks = []string{"authorize", "sendVerificationRequest"}

// providerCallbacksLimited returns the limiter an Auth.js configuration applies inside its providers'
// callbacks (`authorize`, `sendVerificationRequest`) for `NextAuth(options)`, or nil. It answers only when
// at least one callback limits and no credential provider is left unlimited: a callback that checks a
// password or sends mail before any limiter, or an email provider with the library's own sender.
func (a *Assessor) providerCallbacksLimited(h *Handler) *summary.Evidence {
	if h.LibraryFile == nil || h.LibraryCall == syntax.None {
		return nil
	}
	f, cfg := a.objectArg(h.LibraryFile, h.LibraryCall)
	if cfg == syntax.None {
		return nil
	}
	t := f.Tree
	list := summary.ObjectProp(t, cfg, "providers")
	if t.Kind(list) != syntax.Array {
		return nil
	}
	var limiter *summary.Evidence
	for _, el := range t.NamedChildren(list) {
		el = t.Unparen(el)
		opts, name := el, ""
		if t.Kind(el) == syntax.CallExpression {
			name = t.Text(t.ChildByField(el, syntax.FFunction))
			opts = t.Unparen(t.FirstNamedChild(t.ChildByField(el, syntax.FArguments)))
		}
		if typ, ok := t.StringValue(summary.ObjectProp(t, opts, "type")); ok {
			name += " " + typ
		}
		found := false
		for _, cb := range providerCallbacks {
			fn := f.FuncOf(summary.ObjectMethod(t, opts, cb))
			if fn == jsmodel.NoFunc {
				continue
			}
			found = true
			s := a.Engine.Summarize(f, fn)
			for _, op := range s.Unrated {
				if op.Role&(libs.Credential|libs.SendEmail|libs.SendSMS) != 0 {
					return nil
				}
			}
			if s.RateLimitedBy != nil && limiter == nil {
				limiter = withVia(s.RateLimitedBy, "Auth.js provider callback "+cb)
			}
		}
		if !found && summary.CredentialProvider.MatchString(name) {
			// The library's own sign-in link sender or credential check: nothing limits it.
			return nil
		}
	}
	return limiter
}

// oauthOnly reports whether an Auth.js configuration's providers (including those spread in under a
// condition) only redirect to OAuth or OIDC providers: no credentials provider, and no email provider
// whose sign-in link goes out (a custom sendVerificationRequest that only logs, such as a development
// provider, does not count).
func (a *Assessor) oauthOnly(h *Handler) bool {
	if h.LibraryFile == nil || h.LibraryCall == syntax.None {
		return false
	}
	f, cfg := a.objectArg(h.LibraryFile, h.LibraryCall)
	if cfg == syntax.None {
		return false
	}
	providers := a.Engine.AuthJSProviders(f, cfg)
	if len(providers) == 0 {
		return false
	}
	for _, p := range providers {
		if !p.SignsInWithoutSecret() && !p.Harmless() {
			return false
		}
	}
	return true
}

// objectArg returns the object literal a library call is configured with: its first argument, or the
// object that argument holds (`NextAuth(authOptions)`).
func (a *Assessor) objectArg(f *jsmodel.File, call syntax.NodeID) (*jsmodel.File, syntax.NodeID) {
	t := f.Tree
	arg := t.Unparen(t.FirstNamedChild(t.ChildByField(call, syntax.FArguments)))
	if t.Kind(arg) == syntax.Object {
		return f, arg
	}
	if arg == syntax.None {
		return nil, syntax.None
	}
	if o := a.Engine.OriginOf(f, arg); o.Kind == summary.ObjectLit && len(o.Path) == 0 && o.File != nil && o.File.Tree.Kind(o.Lit) == syntax.Object {
		return o.File, o.Lit
	}
	return nil, syntax.None
}

// exportsName reports whether file f exports a value called name.
func exportsName(f *jsmodel.File, name string) bool {
	for _, ex := range f.Exports {
		if ex.Name == name && !ex.TypeOnly {
			return true
		}
	}
	return false
}

// containsOp reports whether ops holds op (the same operation, whatever the call path to it).
func containsOp(ops []summary.Op, op summary.Op) bool {
	for _, o := range ops {
		if o.File == op.File && o.Node == op.Node {
			return true
		}
	}
	return false
}

// outerLimiter returns the rate limit a handler's wrappers or action-client middlewares apply before it
// runs, or nil.
func (a *Assessor) outerLimiter(h *Handler, ctxs []*summary.Context) *summary.Evidence {
	var limiter *summary.Evidence
	for _, w := range h.Wrappers {
		if w.Func.File == nil {
			if roles, entry := libs.Roles(w.Key); entry != nil && roles&libs.RateLimit != 0 {
				limiter = &summary.Evidence{Kind: "rateLimit", What: entry.What, File: w.File, Node: w.Call}
			}
			continue
		}
		ok := true
		var first *summary.Evidence
		for _, c := range ctxs {
			ev := a.Engine.SummarizeIn(w.Func.File, w.Func.Fn, c).WrappedRate[w.Arg]
			if ev == nil {
				ok = false
				break
			}
			if first == nil {
				first = ev
			}
		}
		if ok && first != nil && limiter == nil {
			limiter = withVia(first, "wrapper "+w.Name)
		}
	}
	for _, mw := range h.Middlewares {
		if s := a.Engine.Summarize(mw.File, mw.Fn); s.RateLimitedBy != nil && limiter == nil {
			limiter = withVia(s.RateLimitedBy, clientMiddlewareName(mw))
		}
	}
	return limiter
}

// MiddlewareRate prepares middleware rate-limit coverage for the assessor: the limiter the middleware
// applies on every concrete path of an endpoint's URL, or nil.
func (m *Model) MiddlewareRate() func(ep *Endpoint) *summary.Evidence {
	infos := map[*Endpoint]*mwInfo{}
	for _, ep := range m.Endpoints {
		if ep.Kind == Middleware {
			infos[ep] = m.analyzeMiddleware(ep)
		}
	}
	return func(ep *Endpoint) *summary.Evidence {
		for mwEp, info := range infos {
			if mwEp.App != ep.App || info.fn.File == nil || ep.URLPath == "" {
				continue
			}
			if info.cfg == nil || info.cfg.Covers(ep.URLPath) != matcher.All {
				return nil
			}
			var first *summary.Evidence
			for _, p := range matcher.SamplePaths(ep.URLPath, nil) {
				ev := m.engine.SummarizeIn(info.fn.File, info.fn.Fn, &summary.Context{Path: p}).RateLimitedBy
				if ev == nil {
					return nil
				}
				if first == nil {
					first = ev
				}
			}
			if first != nil {
				return withVia(first, "middleware "+mwEp.File.Path)
			}
		}
		return nil
	}
}
