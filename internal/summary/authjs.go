package summary

import (
	"regexp"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/syntax"
)

// AuthJSProvider is one entry of an Auth.js configuration's `providers`.
type AuthJSProvider struct {
	// Known is false when archlint cannot tell what the entry is (a spread of an unknown array, a value
	// from nowhere it can follow).
	Known bool
	// Factory names the provider factory ("next-auth/providers/resend"), "" for a provider written as
	// its configuration object.
	Factory string
	// Type is the configuration's `type` ("oidc", "oauth", "email", "credentials"), when written.
	Type string
	// ID is the configuration's `id`, when written.
	ID string
	// File and Opts are the options object the provider is configured with (None when it has none).
	File *jsmodel.File
	Opts syntax.NodeID
}

// CredentialProvider recognises the Auth.js providers that check credentials or send sign-in links, by
// factory name (CredentialsProvider, EmailProvider, Resend, Nodemailer) or the provider's type.
var CredentialProvider = regexp.MustCompile(`(?i)(credential|email|resend|nodemailer|sendgrid|postmark|passkey|webauthn)`)

// SignsInWithoutSecret reports whether a provider only redirects to an OAuth/OIDC identity provider.
func (p AuthJSProvider) SignsInWithoutSecret() bool {
	if !p.Known {
		return false
	}
	if p.Type == "oidc" || p.Type == "oauth" {
		return true
	}
	return p.Factory != "" && !CredentialProvider.MatchString(p.Factory+" "+p.Type)
}

// Harmless reports whether a credentials or email provider can neither check a password nor send mail:
// its sign-in link sender only logs (a development provider), and it has no authorize callback.
func (p AuthJSProvider) Harmless() bool {
	if !p.Known || p.File == nil || p.Opts == syntax.None {
		return false
	}
	t := p.File.Tree
	if p.File.FuncOf(ObjectMethod(t, p.Opts, "authorize")) != jsmodel.NoFunc {
		return false
	}
	fn := p.File.FuncOf(ObjectMethod(t, p.Opts, "sendVerificationRequest"))
	return fn != jsmodel.NoFunc && OnlyLogs(p.File, fn)
}

// Matches reports whether the provider is the one signIn(id) names: its configured id, or the factory's
// default id (the last segment of its module: "resend" for next-auth/providers/resend).
func (p AuthJSProvider) Matches(id string) bool {
	if p.ID != "" {
		return p.ID == id
	}
	return p.Factory != "" && strings.EqualFold(p.Factory[strings.LastIndex(p.Factory, "/")+1:], id)
}

// AuthJSProviders lists the providers of the Auth.js configuration object cfg in f, following provider
// values to where they are built and spreads of `cond ? [A] : []`.
func (e *Engine) AuthJSProviders(f *jsmodel.File, cfg syntax.NodeID) []AuthJSProvider {
	t := f.Tree
	list := t.Unparen(objectProp(t, cfg, "providers"))
	if t.Kind(list) != syntax.Array {
		return nil
	}
	var out []AuthJSProvider
	var collect func(arr syntax.NodeID)
	collect = func(arr syntax.NodeID) {
		for _, el := range t.NamedChildren(arr) {
			el = t.Unparen(el)
			if t.Kind(el) != syntax.SpreadElement {
				out = append(out, e.authJSProvider(f, el))
				continue
			}
			x := t.Unparen(t.FirstNamedChild(el))
			if t.Kind(x) != syntax.TernaryExpression {
				out = append(out, AuthJSProvider{})
				continue
			}
			for _, br := range []syntax.NodeID{t.ChildByField(x, syntax.FConsequence), t.ChildByField(x, syntax.FAlternative)} {
				if br = t.Unparen(br); t.Kind(br) == syntax.Array {
					collect(br)
				}
			}
		}
	}
	collect(list)
	return out
}

func (e *Engine) authJSProvider(f *jsmodel.File, el syntax.NodeID) AuthJSProvider {
	t := f.Tree
	pf, call := f, el
	if t.Kind(el) != syntax.CallExpression {
		o := e.OriginOf(f, el)
		switch {
		case o.Kind == ObjectLit && len(o.Path) == 0 && o.File != nil:
			return describeProvider(AuthJSProvider{Known: true, File: o.File, Opts: o.Lit})
		case o.Kind == External && len(o.Path) == 0 && (strings.HasPrefix(o.Pkg, "next-auth") || strings.HasPrefix(o.Pkg, "@auth/")):
			// The factory itself, with its defaults (`providers: [GitHub]`).
			factory := o.Pkg
			if o.Sub != "" {
				factory += "/" + o.Sub
			}
			return AuthJSProvider{Known: true, Factory: factory, Opts: syntax.None}
		case o.CallFile != nil && o.Call != syntax.None:
			pf, call = o.CallFile, o.Call
		default:
			return AuthJSProvider{}
		}
	}
	pt := pf.Tree
	if pt.Kind(call) != syntax.CallExpression {
		return AuthJSProvider{}
	}
	o := e.OriginOf(pf, pt.ChildByField(call, syntax.FFunction))
	if o.Kind != External || !strings.HasPrefix(o.Pkg, "next-auth") && !strings.HasPrefix(o.Pkg, "@auth/") {
		return AuthJSProvider{}
	}
	factory := o.Pkg
	if o.Sub != "" {
		factory += "/" + o.Sub
	}
	p := AuthJSProvider{Known: true, Factory: factory, File: pf, Opts: syntax.None}
	if opts := pt.Unparen(pt.FirstNamedChild(pt.ChildByField(call, syntax.FArguments))); pt.Kind(opts) == syntax.Object {
		p.Opts = opts
	}
	return describeProvider(p)
}

func describeProvider(p AuthJSProvider) AuthJSProvider {
	if p.Opts == syntax.None {
		return p
	}
	t := p.File.Tree
	if v, ok := t.StringValue(t.Unparen(objectProp(t, p.Opts, "type"))); ok {
		p.Type = v
	}
	if v, ok := t.StringValue(t.Unparen(objectProp(t, p.Opts, "id"))); ok {
		p.ID = v
	}
	return p
}

// ObjectMethod returns the function node of an object literal's method or function-valued property
// called name, or None.
func ObjectMethod(t *syntax.Tree, obj syntax.NodeID, name string) syntax.NodeID {
	if t.Kind(obj) != syntax.Object {
		return syntax.None
	}
	for c := t.FirstChild(obj); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) == syntax.MethodDefinition && t.TextIs(t.ChildByField(c, syntax.FName), name) {
			return c
		}
	}
	switch v := t.Unparen(objectProp(t, obj, name)); t.Kind(v) {
	case syntax.ArrowFunction, syntax.FunctionExpression:
		return v
	}
	return syntax.None
}

// OnlyLogs reports whether function fn of f calls nothing but console methods (a development sender
// that prints the sign-in link).
func OnlyLogs(f *jsmodel.File, fn jsmodel.FuncID) bool {
	t := f.Tree
	ok := true
	t.Walk(f.Functions[fn].Body, func(x syntax.NodeID) bool {
		if !ok {
			return false
		}
		switch t.Kind(x) {
		case syntax.CallExpression, syntax.NewExpression:
			if !strings.HasPrefix(t.Text(t.ChildByField(x, syntax.FFunction)), "console.") {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// loggingSignIn reports whether signIn(id) (an Auth.js sign-in, callee) uses a provider of its
// configuration that sends no mail and checks no password (a development provider that logs the link).
func (e *Engine) loggingSignIn(t *syntax.Tree, callee Origin, args []syntax.NodeID) bool {
	if len(args) == 0 || callee.CallFile == nil || callee.Call == syntax.None {
		return false
	}
	id, ok := t.StringValue(t.Unparen(args[0]))
	if !ok || id == "" {
		return false
	}
	ct := callee.CallFile.Tree
	cfgFile, cfg := callee.CallFile, ct.Unparen(ct.FirstNamedChild(ct.ChildByField(callee.Call, syntax.FArguments)))
	if ct.Kind(cfg) != syntax.Object {
		o := e.OriginOf(callee.CallFile, cfg)
		if o.Kind != ObjectLit || len(o.Path) != 0 || o.File == nil {
			return false
		}
		cfgFile, cfg = o.File, o.Lit
	}
	found := false
	for _, p := range e.AuthJSProviders(cfgFile, cfg) {
		if !p.Known {
			return false
		}
		if p.Matches(id) {
			if !p.Harmless() {
				return false
			}
			found = true
		}
	}
	return found
}
