package errors

import (
	"regexp"
	"strings"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// What "fallible" means here: an operation that fails for reasons the code does not control — the
// database, the network, a third-party service, or a client that sends a malformed body — as opposed to
// a programming error. Concretely:
//
//   - database calls: every call the library tables (internal/libs) give DBRead or DBWrite, and Prisma
//     model calls recognised by their shape when the client's import cannot be followed
//     (`prisma.client.user.findUnique`, `db.post.create`, `$queryRaw`, `$transaction`);
//   - outbound requests: the global `fetch`, and any call into an HTTP client package (axios, ky, got, …);
//   - file system calls (fs, fs/promises, fs-extra): writes, and reads other than the synchronous ones;
//   - external side effects and paid services: email, SMS, payments, queues, file and object-storage
//     writes, paid AI APIs (libs roles SendEmail, SendSMS, Payment, Queue, FileWrite, PaidAPI);
//   - except the calls of SDKs that return failures instead of throwing them (Resend, supabase-js
//     without .throwOnError(): resultErrorPackages);
//   - request body parsing: `.json()` and `.formData()` without arguments on a request parameter
//     (`request.json()`, `req.clone().json()`); `.text()` does not fail on a malformed body.
//
// Writes and side effects make a finding a warning (a failure may leave half-done work behind); reads,
// outbound requests and paid API calls a note; a body parse gets its own message (invalid JSON answers
// 500 instead of 400).

// opClass orders what an operation's failure costs.
type opClass uint8

const (
	// classRead: a database read, an outbound request, a paid API call.
	classRead opClass = iota + 1
	// classBody: parsing the request body.
	classBody
	// classWrite: a database write or an external side effect.
	classWrite
)

// op is a fallible operation.
type op struct {
	class opClass
	// what describes it: "a Prisma update", "parsing the request body".
	what string
	// callee is the call as written: "prisma.user.update", "request.json".
	callee string
	file   *jsmodel.File
	node   syntax.NodeID
	// via are the helpers through which the endpoint reaches it, outermost first.
	via []string
	// rethrown is set when it runs inside a try of the function analysed whose catch always throws.
	rethrown bool
	// unawaited is set when its promise is returned without await from inside a try with a catch.
	unawaited bool
	// siteFile and site are where the function analysed reaches it: the operation itself, or the call of
	// the helper that leads to it.
	siteFile *jsmodel.File
	site     syntax.NodeID
}

func (o op) withVia(name string) op {
	o.via = append([]string{name}, o.via...)
	return o
}

// phrase renders the operation for a message: "a Prisma update ('prisma.user.update' via saveUser)".
func (o op) phrase() string {
	s := o.what
	if o.callee != "" {
		s += " ('" + o.callee + "'"
		if len(o.via) > 0 {
			s += " via " + strings.Join(o.via, " → ")
		}
		s += ")"
	}
	return s
}

const writeRoles = libs.DBWrite | libs.SendEmail | libs.SendSMS | libs.Payment | libs.Queue | libs.FileWrite

// httpPackages are HTTP clients whose every call is an outbound request.
var httpPackages = map[string]bool{"axios": true, "ky": true, "got": true, "node-fetch": true, "undici": true, "ofetch": true,
	"cross-fetch": true, "isomorphic-unfetch": true, "superagent": true, "wretch": true, "redaxios": true, "needle": true}

// fsPackages are Node's file system modules; fsWrites and fsReads their calls that fail for reasons the
// code does not control (a missing file, permissions, a full disk). existsSync and the stream
// constructors do not throw.
var (
	fsPackages = map[string]bool{"fs": true, "node:fs": true, "fs/promises": true, "node:fs/promises": true, "fs-extra": true}
	fsWrites   = map[string]bool{"writeFile": true, "writeFileSync": true, "appendFile": true, "appendFileSync": true, "mkdir": true,
		"mkdirSync": true, "unlink": true, "unlinkSync": true, "rm": true, "rmSync": true, "rmdir": true, "rmdirSync": true,
		"rename": true, "renameSync": true, "copyFile": true, "copyFileSync": true, "cp": true, "cpSync": true,
		"ensureDir": true, "outputFile": true, "outputJson": true, "writeJson": true, "remove": true, "move": true, "copy": true}
	// Synchronous reads are left out: nothing awaits them, and they read what the deployment ships (its
	// own content, configuration), which fails only with a broken build.
	fsReads = map[string]bool{"readFile": true, "readdir": true, "stat": true, "lstat": true, "access": true, "open": true,
		"readJson": true, "readJSON": true}
)

// resultErrorPackages are SDKs whose calls do not throw on failure but return it ({ data, error }):
// Resend (its fetchRequest catches network and HTTP failures) and supabase-js (unless .throwOnError()).
// Ignoring that error is a bug of its own, but the failure does not escape the endpoint.
var resultErrorPackages = map[string]bool{"resend": true, "@supabase/supabase-js": true, "@supabase/ssr": true, "@supabase/auth-helpers-nextjs": true}

// throwsOnError reports whether call n is followed in its chain by .throwOnError() (supabase-js).
func throwsOnError(t *syntax.Tree, n syntax.NodeID) bool {
	for p := t.Parent(n); t.Kind(p) == syntax.MemberExpression; {
		if t.TextIs(t.ChildByField(p, syntax.FProperty), "throwOnError") {
			return true
		}
		call := t.Parent(p)
		if t.Kind(call) != syntax.CallExpression {
			return false
		}
		p = t.Parent(call)
	}
	return false
}

// bodyMethods parse a request body and fail on a malformed one (text() and arrayBuffer() do not).
var bodyMethods = map[string]bool{"json": true, "formData": true}

// requestName recognises a parameter that holds the incoming request.
var requestName = regexp.MustCompile(`(?i)^_?(req|request|nextRequest|rawRequest|incomingRequest)$`)

// fallible classifies call n of f; ok is false when it is not a fallible operation.
func (c *checker) fallible(f *jsmodel.File, n syntax.NodeID) (op, bool) {
	t := f.Tree
	if t.Kind(n) != syntax.CallExpression {
		return op{}, false
	}
	calleeNode := t.ChildByField(n, syntax.FFunction)
	chain := jsmodel.Chain(t, calleeNode)
	mk := func(class opClass, what string) (op, bool) {
		callee := chain
		if callee == "" {
			callee = shortText(t.Text(calleeNode))
		}
		return op{class: class, what: what, callee: callee, file: f, node: n}, true
	}
	// Request body parsing: request.json(), req.clone().formData().
	if t.Kind(t.Unparen(calleeNode)) == syntax.MemberExpression && len(callArgs(t, n)) == 0 {
		m := t.Unparen(calleeNode)
		if bodyMethods[t.Text(t.ChildByField(m, syntax.FProperty))] {
			obj := t.ChildByField(m, syntax.FObject)
			if o := c.e.OriginOf(f, obj); o.Kind == summary.Param && requestName.MatchString(rootName(t, obj)) {
				return mk(classBody, "parsing the request body")
			}
		}
	}
	o := c.e.OriginOf(f, calleeNode)
	switch o.Kind {
	case summary.External:
		if resultErrorPackages[o.Pkg] && !throwsOnError(t, n) {
			// { data, error }: the SDK catches failures and returns them.
			return op{}, false
		}
		roles, entry := libs.Roles(o.Key())
		if m := modulePath(o); (m == "child_process" || m == "node:child_process") && !strings.HasSuffix(chain, "Sync") {
			return op{}, false // exec/spawn report failures through callbacks and events, not by throwing
		}
		switch {
		case roles&writeRoles != 0:
			return mk(classWrite, entry.What)
		case roles&(libs.DBRead|libs.PaidAPI) != 0:
			return mk(classRead, entry.What)
		case httpPackages[o.Pkg]:
			// A request builder chain (wretch(url).post(body).json()) is one request: its last call.
			if chainContinues(t, n) {
				return op{}, false
			}
			return mk(classRead, "an HTTP request ("+o.Pkg+")")
		case fsPackages[modulePath(o)]:
			name := o.Name
			if len(o.Path) > 0 {
				name = o.Path[len(o.Path)-1]
			}
			switch {
			case fsWrites[name]:
				return mk(classWrite, "a file system write")
			case fsReads[name]:
				return mk(classRead, "a file system read")
			}
			return op{}, false
		case entry != nil:
			return op{}, false
		}
		if what, class := prismaByName(chain); class != 0 {
			return mk(class, what)
		}
	case summary.Global:
		if o.Name == "fetch" && len(o.Path) == 0 {
			return mk(classRead, "a fetch request")
		}
		// A client cached on globalThis (`globalThis.prismaGlobal ?? new PrismaClient()`).
		if what, class := prismaByName(chain); class != 0 && o.Name == "globalThis" {
			return mk(class, what)
		}
	case summary.Unknown:
		if what, class := prismaByName(chain); class != 0 {
			return mk(class, what)
		}
	}
	return op{}, false
}

var (
	prismaReadMethods  = map[string]bool{"findUnique": true, "findUniqueOrThrow": true, "findFirst": true, "findFirstOrThrow": true, "findMany": true}
	prismaCountMethods = map[string]bool{"count": true, "aggregate": true, "groupBy": true}
	prismaWriteMethods = map[string]bool{"create": true, "createMany": true, "createManyAndReturn": true, "update": true, "updateMany": true, "updateManyAndReturn": true, "upsert": true, "delete": true, "deleteMany": true}
	prismaRawMethods   = map[string]opClass{"$queryRaw": classRead, "$queryRawUnsafe": classRead, "$executeRaw": classWrite, "$executeRawUnsafe": classWrite, "$transaction": classRead}
	dbClientName       = regexp.MustCompile(`(?i)(^|\.)(prisma\w*|db|tx|trx|client|database|dbClient)$`)
)

// prismaByName recognises a Prisma call by its shape when the client's origin cannot be followed (a
// default-exported wrapper object, a generated client outside the repository): `x.model.findMany(…)`
// (the find methods are distinctive), `db.model.create(…)` (writes and counts need a client-like name),
// `client.$queryRaw`.
func prismaByName(chain string) (string, opClass) {
	parts := strings.Split(chain, ".")
	if len(parts) < 2 {
		return "", 0
	}
	method := parts[len(parts)-1]
	if class, ok := prismaRawMethods[method]; ok {
		return "a Prisma " + strings.TrimPrefix(method, "$") + " call", class
	}
	if len(parts) < 3 || strings.HasPrefix(parts[len(parts)-2], "$") {
		return "", 0
	}
	client := strings.Join(parts[:len(parts)-2], ".")
	switch {
	case prismaReadMethods[method]:
		return "a Prisma " + method, classRead
	case prismaCountMethods[method] && dbClientName.MatchString(client):
		return "a Prisma " + method, classRead
	case prismaWriteMethods[method] && dbClientName.MatchString(client):
		return "a Prisma " + method, classWrite
	}
	return "", 0
}

// modulePath is the module specifier of an External origin ("fs/promises").
func modulePath(o summary.Origin) string {
	if o.Sub != "" {
		return o.Pkg + "/" + o.Sub
	}
	return o.Pkg
}

// chainContinues reports whether call n is the object of a further method call (`a().b()`).
func chainContinues(t *syntax.Tree, n syntax.NodeID) bool {
	p := t.Parent(n)
	if t.Kind(p) != syntax.MemberExpression || t.ChildByField(p, syntax.FObject) != n {
		return false
	}
	gp := t.Parent(p)
	return t.Kind(gp) == syntax.CallExpression && t.ChildByField(gp, syntax.FFunction) == p
}

// rootName returns the first identifier of a member chain (`request` for `request.clone()`).
func rootName(t *syntax.Tree, n syntax.NodeID) string {
	for {
		n = t.Unparen(n)
		switch t.Kind(n) {
		case syntax.Identifier:
			return t.Text(n)
		case syntax.MemberExpression, syntax.SubscriptExpression:
			n = t.ChildByField(n, syntax.FObject)
		case syntax.CallExpression:
			n = t.ChildByField(n, syntax.FFunction)
		case syntax.AwaitExpression:
			n = t.FirstNamedChild(n)
		default:
			return ""
		}
	}
}

func callArgs(t *syntax.Tree, call syntax.NodeID) []syntax.NodeID {
	a := t.ChildByField(call, syntax.FArguments)
	if a == syntax.None || t.Kind(a) == syntax.TemplateString {
		return nil
	}
	return t.NamedChildren(a)
}

// shortText shortens source text for messages.
func shortText(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "…"
	}
	if len(s) > 60 {
		s = s[:59] + "…"
	}
	return s
}
