package summary

import (
	"regexp"
	"strings"

	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/syntax"
)

// secretHeader recognises request headers that carry credentials.
var secretHeader = regexp.MustCompile(`(?i)^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-secret|x-token)$`)

// credentialedFetch records a fetch that presents the server's own credentials — a header such as
// Authorization or x-api-key whose value comes from the environment (`Bearer ${process.env.API_KEY}`,
// `env.TOKEN`) — as a ThirdParty operation: whoever triggers it spends the server's quota with the other
// service. It is recorded for rate limiting only (Unrated, Exposed), not as a sensitive operation.
func (w *walker) credentialedFetch(n syntax.NodeID, args []syntax.NodeID, st *state) {
	if st.rejecting || len(args) < 2 {
		return
	}
	t := w.t
	headers := objectProp(t, t.Unparen(args[1]), "headers")
	if t.Kind(headers) != syntax.Object {
		return
	}
	for c := t.FirstChild(headers); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) != syntax.Pair {
			continue
		}
		k := t.ChildByField(c, syntax.FKey)
		name, ok := t.StringValue(k)
		if !ok {
			name = t.Text(k)
		}
		if !secretHeader.MatchString(name) || !fromEnvironment(t, t.ChildByField(c, syntax.FValue)) {
			continue
		}
		w.quotaOp(Op{Role: libs.ThirdParty, What: "a request to another service with the server's credentials (" + name + " header)", Callee: "fetch", File: w.f, Node: n}, st)
		return
	}
}

// fromEnvironment reports whether an expression reads the environment: process.env.X, or a member of an
// `env` object (t3-env and similar validated environments).
func fromEnvironment(t *syntax.Tree, n syntax.NodeID) bool {
	found := false
	t.Walk(n, func(x syntax.NodeID) bool {
		if found {
			return false
		}
		if t.Kind(x) == syntax.MemberExpression {
			obj := t.Unparen(t.ChildByField(x, syntax.FObject))
			if t.TextIs(obj, "env") || strings.HasSuffix(t.Text(obj), "process.env") {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// quotaOp records an operation that matters to rate limiting only (Unrated, Exposed): it spends the
// server's quota or money, but acts on nobody's data.
func (w *walker) quotaOp(op Op, st *state) {
	if st.rejecting {
		return
	}
	if st.rate == nil {
		w.s.Unrated = appendOp(w.s.Unrated, op)
	}
	if st.covered() == nil {
		w.s.Exposed = appendOp(w.s.Exposed, op)
	}
}

// guestCheckout reports whether a payment call creates a hosted Stripe Checkout Session for a guest (no
// `customer`): the caller only gets a link to Stripe's payment page, and acts on no one's account.
func guestCheckout(t *syntax.Tree, callee Origin, args []syntax.NodeID) bool {
	if callee.Pkg != "stripe" || !strings.HasSuffix(strings.Join(callee.Path, "."), "checkout.sessions.create") || len(args) == 0 {
		return false
	}
	return t.Kind(t.Unparen(args[0])) == syntax.Object && objectProp(t, args[0], "customer") == syntax.None
}
