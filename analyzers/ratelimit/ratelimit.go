// Package ratelimit reports endpoints that need a rate limiter and have none on their path
// (ratelimit/missing-rate-limit): credential and account flows (sign-in, sign-up, password reset, one-time
// codes, magic links, invites — found by URL, action name and the credential checks they make), endpoints
// that send email or SMS, endpoints that call paid AI or third-party APIs (including a fetch that presents
// the server's credentials, for anonymous callers), and unauthenticated endpoints that write (public by
// design: declared public, or cross-origin routes that export OPTIONS).
//
// A limiter counts wherever it is: a library limiter (@upstash/ratelimit, Arcjet, rate-limiter-flexible)
// called before the operation, a helper that calls one, a hand-written limiter recognised by its body
// (counts in redis/kv and answers 429), a wrapper or an action-client middleware that limits before the
// handler, middleware that limits on the endpoint's path, or (for an Auth.js catch-all) the providers'
// authorize and sendVerificationRequest callbacks. A limiter library listed in package.json that nothing
// calls is not a limiter.
package ratelimit

import (
	"fmt"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/endpointmodel"
	"github.com/archlint/archlint/internal/endpoints"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/rules"
)

// Analyzer reports missing rate limits.
var Analyzer = &analyzers.Analyzer{
	Name:     "ratelimit",
	Doc:      "Reports credential flows, email/SMS senders, paid-API callers and unauthenticated writers with no rate limit on their path.",
	Rules:    []*rules.Rule{rules.MissingRateLimit},
	Requires: []*analyzers.Analyzer{endpointmodel.Analyzer},
	Run:      run,
}

func run(pass *analyzers.Pass) (any, error) {
	res := pass.ResultOf[endpointmodel.Analyzer].(*endpointmodel.Result)
	for i, ep := range res.Model.Endpoints {
		rr := res.Rate[i]
		if rr.Status != endpoints.Missing {
			continue
		}
		trigger, sev := triggerPhrase(rr, res.Auth[i])
		name := ep.URLPath
		switch {
		case ep.Kind == endpoints.ServerAction:
			name = "Server Action '" + ep.Name + "'"
		case len(ep.Methods) == 1 && ep.Methods[0] == "*":
			name = "API route " + name
		default:
			name = strings.Join(ep.Methods, ",") + " " + name
		}
		msg := fmt.Sprintf("%s %s with no rate limit on the way, so a script can repeat it as fast as it likes.", name, trigger)
		d := analyzers.NodeDiagnostic(rules.MissingRateLimit, ep.File, ep.Node, msg)
		d.Severity = sev
		d.Key = string(ep.Kind) + ":" + ep.Name
		for j, op := range rr.Triggers {
			if j == 3 {
				break
			}
			d.Related = append(d.Related, analyzers.NodeRelated(op.File, op.Node, op.What))
		}
		pass.Report(d)
	}
	return nil, nil
}

// triggerPhrase says why a limiter is needed, and the severity: error for credential endpoints.
func triggerPhrase(rr endpoints.RateResult, auth endpoints.AuthResult) (string, rules.Severity) {
	if rr.Credential {
		if op, ok := first(rr.Triggers, libs.Credential); ok {
			return "is a credential endpoint (" + op.What + ")", rules.Error
		}
		if strings.HasPrefix(auth.How, "authentication library") {
			return "is an authentication library endpoint (sign-in, magic links, password reset)", rules.Error
		}
		return "is a credential endpoint (sign-in, sign-up, password reset or one-time code)", rules.Error
	}
	if op, ok := first(rr.Triggers, libs.SendEmail|libs.SendSMS); ok {
		return "triggers " + op.What + callee(op), rules.Warning
	}
	if op, ok := first(rr.Triggers, libs.Payment); ok {
		return "lets anonymous callers make " + op.What + callee(op) + " (card testing, checkout spam)", rules.Warning
	}
	if op, ok := first(rr.Triggers, libs.PaidAPI); ok {
		return "makes " + op.What + callee(op) + ", which costs money per call", rules.Warning
	}
	if op, ok := first(rr.Triggers, libs.ThirdParty); ok {
		return "lets anonymous callers make " + op.What + callee(op), rules.Warning
	}
	if op, ok := first(rr.Triggers, libs.DBWrite); ok {
		return "lets unauthenticated callers run " + op.What + callee(op), rules.Warning
	}
	return "needs a limiter", rules.Warning
}

func first(ops []summary.Op, role libs.Role) (summary.Op, bool) {
	for _, op := range ops {
		if op.Role&role != 0 {
			return op, true
		}
	}
	return summary.Op{}, false
}

func callee(op summary.Op) string {
	if op.Callee == "" {
		return ""
	}
	s := " ('" + op.Callee + "'"
	if len(op.Via) > 0 {
		s += " via " + strings.Join(op.Via, " → ")
	}
	return s + ")"
}
