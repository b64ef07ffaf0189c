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
		op := Op{Role: libs.ThirdParty, What: "a request to another service with the server's credentials (" + name + " header)", Callee: "fetch", File: w.f, Node: n}
		if st.rate == nil {
			w.s.Unrated = appendOp(w.s.Unrated, op)
		}
		if st.covered() == nil {
			w.s.Exposed = appendOp(w.s.Exposed, op)
		}
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
