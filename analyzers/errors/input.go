package errors

import (
	"regexp"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/internal/syntax"
)

// What a try can raise decides whether its caught error carries internal details. A database, an HTTP
// client, the file system, a third-party library or a callback raise errors whose messages describe the
// system; code that only parses the client's input (`request.json()`, `JSON.parse`, `new URL(…)`, a
// schema's parse) raises errors about that input ("Unexpected token } in JSON at position 12"), and the
// project's own code raises the errors it constructs, with messages it wrote (`throw new
// TooManyRequestsError("Maximum number of requests reached")`). Sending those back answers a bad request;
// it is not a leak. tryRaisesInternal looks at every call in the try's body, and into the project helpers
// it calls (a few levels deep), skipping what a nearer try or `.catch` already handles.
// Calls archlint cannot follow, and libraries it knows nothing about, count as raising in the try itself,
// not inside helpers (see callRaises).

// pureMethods are method names of builtin values (strings, arrays, URLs, headers, streams) and loggers
// whose calls raise nothing about the system.
var pureMethods = map[string]bool{"get": true, "has": true, "getAll": true, "trim": true, "split": true, "slice": true,
	"substring": true, "toLowerCase": true, "toUpperCase": true, "replace": true, "replaceAll": true, "map": true,
	"filter": true, "join": true, "includes": true, "startsWith": true, "endsWith": true, "toString": true,
	"keys": true, "values": true, "entries": true, "push": true, "indexOf": true, "find": true, "some": true,
	"every": true, "reduce": true, "concat": true, "padStart": true, "toFixed": true, "getTime": true,
	"toISOString": true, "decode": true, "encode": true, "set": true, "append": true, "clone": true, "at": true,
	"assign": true, "isArray": true, "floor": true, "ceil": true, "round": true, "min": true, "max": true,
	"now": true, "from": true, "stringify": true, "read": true, "getReader": true, "cancel": true, "catch": true,
	"isSafeInteger": true, "isInteger": true, "isFinite": true, "forEach": true, "sort": true, "flat": true, "flatMap": true,
	"test": true, "exec": true, "match": true, "matchAll": true, "search": true, "charAt": true, "charCodeAt": true,
	"codePointAt": true, "normalize": true, "localeCompare": true, "lastIndexOf": true, "repeat": true, "padEnd": true,
	"trimStart": true, "trimEnd": true, "fill": true, "reverse": true, "splice": true, "shift": true, "pop": true,
	"unshift": true, "delete": true, "add": true, "toJSON": true, "valueOf": true, "findIndex": true, "fromEntries": true}

// logMethods are logging calls, on any logger.
var logMethods = map[string]bool{"log": true, "error": true, "warn": true, "info": true, "debug": true, "trace": true,
	"fatal": true, "flush": true, "captureException": true, "captureMessage": true}

// pureFunctions are global functions that raise nothing about the system.
var pureFunctions = map[string]bool{"String": true, "Number": true, "Boolean": true, "parseInt": true, "parseFloat": true,
	"decodeURIComponent": true, "encodeURIComponent": true, "decodeURI": true, "encodeURI": true, "atob": true,
	"btoa": true, "isNaN": true, "structuredClone": true, "Date": true, "JSON.parse": true}

// pureLibraries compute without touching anything outside the process; what they throw is about their
// input.
var pureLibraries = map[string]bool{"sanitize-html": true, "dompurify": true, "isomorphic-dompurify": true,
	"validator": true, "slugify": true, "@sindresorhus/slugify": true, "nanoid": true, "uuid": true, "date-fns": true,
	"dayjs": true, "lodash": true, "lodash-es": true, "ms": true, "clsx": true, "path": true, "node:path": true,
	"crypto": true, "node:crypto": true, "url": true, "node:url": true, "querystring": true, "qs": true, "entities": true,
	"html-entities": true, "he": true, "escape-html": true, "sanitize-filename": true, "marked": true}

// infraPackage recognises client libraries of databases, stores, queues and third-party services: their
// errors describe the system wherever they are called.
var infraPackage = regexp.MustCompile(`(?i)(redis|^@vercel/kv|aws-sdk|google-cloud|mongo|^pg$|postgres|mysql|planetscale|neon|clickhouse|tinybird|prisma|drizzle|kysely|supabase|stripe|resend|sendgrid|nodemailer|postmark|twilio|openai|anthropic|^ai$|^@ai-sdk/|trigger\.dev|inngest|qstash|bullmq|saml-jackson|elastic|meilisearch|algolia|pinecone|firebase|octokit|slack)`)

// calmGlobals are globals whose calls raise nothing about the system (fetch is fallible and handled
// before; globalThis and process hold anything).
var calmGlobals = map[string]bool{"JSON": true, "Math": true, "Object": true, "Array": true, "console": true, "Promise": true,
	"Response": true, "NextResponse": true, "URL": true, "URLSearchParams": true, "Headers": true, "FormData": true,
	"Request": true, "crypto": true}

// calmModules are Next.js modules whose functions raise nothing about the system.
var calmModules = map[string]bool{"next/server": true, "next/headers": true, "next/navigation": true, "next/cache": true}

const maxRaiseDepth = 8

// tryRaisesInternal reports whether the try of a catch clause can raise an error that describes the
// system.
func (c *checker) tryRaisesInternal(f *jsmodel.File, clause syntax.NodeID) bool {
	k := nodeKey{f, clause}
	if v, ok := c.leak.raises[k]; ok {
		return v
	}
	t := f.Tree
	try := t.Parent(clause)
	v := true
	if t.Kind(try) == syntax.TryStatement {
		v = c.raises(f, t.ChildByField(try, syntax.FBody), c.outermost(f, f.FuncAt(try)), 0)
	}
	c.leak.raises[k] = v
	return v
}

// raises reports whether a call under node n that runs as part of function root, and is not handled
// before it leaves n, can raise an error that describes the system.
func (c *checker) raises(f *jsmodel.File, n syntax.NodeID, root jsmodel.FuncID, depth int) bool {
	calls := callsUnder(f, n)
	for i := range calls {
		cl := &calls[i]
		if !c.ownedBy(f, cl.Func, root) || handledWithin(c, f, cl.Node, n) {
			continue
		}
		if c.callRaises(f, cl, depth) {
			return true
		}
	}
	return false
}

// handledWithin reports whether the failure of the call at node x is handled before it leaves node n: a
// try between them whose catch handles it, or a `.catch(…)` attached to it.
func handledWithin(c *checker, f *jsmodel.File, x, n syntax.NodeID) bool {
	t := f.Tree
	cur := x
	for p := t.Parent(cur); p != syntax.None && cur != n; cur, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case syntax.TryStatement:
			if t.Nodes[cur].Field == syntax.FBody {
				if h := t.ChildByField(p, syntax.FHandler); h != syntax.None && c.catchHandles(f, h) {
					return true
				}
			}
		case syntax.MemberExpression:
			if t.ChildByField(p, syntax.FObject) == cur && t.TextIs(t.ChildByField(p, syntax.FProperty), "catch") {
				return true
			}
		}
	}
	return false
}

func (c *checker) callRaises(f *jsmodel.File, cl *jsmodel.Call, depth int) bool {
	t := f.Tree
	if cl.New {
		return false // constructing a value (an error to throw, a typed array, a URL) says nothing about the system
	}
	if o, ok := c.fallible(f, cl.Node); ok {
		return o.class != classBody
	}
	if pureFunctions[cl.Callee] {
		return false
	}
	callee := t.ChildByField(cl.Node, syntax.FFunction)
	last := lastName(t, callee)
	o := c.e.OriginOf(f, callee)
	switch o.Kind {
	case summary.External:
		roles, entry := libs.Roles(o.Key())
		switch {
		case roles&libs.Validate != 0, calmModules[modulePath(o)], pureLibraries[o.Pkg], logMethods[last]:
			return false
		case entry == nil && depth > 0 && !infraPackage.MatchString(o.Pkg):
			// A library archlint knows nothing about, called from a helper: a formatter, a validator, an
			// IP parser. Libraries that reach the outside world are in the tables (databases, email,
			// payments, storage, AI) or are HTTP clients and file systems, which fallible recognises.
			return false
		}
		return true
	case summary.Func:
		if len(o.Path) > 0 || o.File == nil || depth >= maxRaiseDepth {
			return true
		}
		return c.helperRaises(fnKey{o.File, o.Fn}, depth+1)
	case summary.Param:
		if len(o.Path) == 0 {
			return true // a callback: it can do anything
		}
	case summary.Global:
		if calmGlobals[o.Name] {
			return false
		}
	}
	// A call archlint cannot follow (a method of a local object or class instance). In the try itself it
	// may be anything; inside a project helper, libraries show up with their origins, so what remains is
	// the helper's own plumbing (`range.mask(ip)`).
	return depth == 0 && !pureMethods[last] && !logMethods[last]
}

// helperRaises reports whether a project function can raise an error that describes the system.
func (c *checker) helperRaises(h fnKey, depth int) bool {
	if v, ok := c.leak.helperRaises[h]; ok {
		return v
	}
	c.leak.helperRaises[h] = false // recursion: what the cycle raises is raised elsewhere
	def := &h.f.Functions[h.fn]
	v := def.Body != syntax.None && c.raises(h.f, def.Body, h.fn, depth)
	c.leak.helperRaises[h] = v
	return v
}
