// Package libs is archlint's knowledge of third-party libraries: which calls establish an identity
// (next-auth's getServerSession, Clerk's auth(), better-auth's getSession, …), which verify a caller or a
// webhook signature, which validate input, which rate-limit, which never return (redirect, notFound), and
// which are sensitive operations (database writes, email, payments, paid AI APIs, queues, file writes).
//
// Calls are described by a canonical key built from where the callee comes from (see Key): the package,
// the exported name, and the member path, with "()" after a call or construction:
//
//	next-auth:getServerSession                     import { getServerSession } from "next-auth"
//	@clerk/nextjs/server:auth().protect            (await auth()).protect()
//	@prisma/client:PrismaClient().user.create      new PrismaClient() … prisma.user.create(…)
//	zod:z.object().strict().parse                  z.object({…}).strict().parse(x)
//
// Patterns use "*" for one path segment and "**" for any number of segments. The tables are data: adding
// a library is adding rows, and every row is exercised by the tests of the package that uses it.
package libs

import (
	"strings"
	"sync"
)

// Role says what a call does.
type Role uint32

// Roles. A call may have several.
const (
	// Identity: the call returns an identity (or null/undefined when there is none) at IdentityPath of its
	// result. It does not reject by itself.
	Identity Role = 1 << iota
	// AuthGuard: the call verifies the caller and throws or redirects when it cannot (Clerk
	// auth.protect(), jose.jwtVerify of a request token).
	AuthGuard
	// AuthCatchAll: the value is an authentication library's request handler (NextAuth(options),
	// better-auth's toNextJsHandler): routes exporting it are public by design.
	AuthCatchAll
	// IdentityWrapper: a higher-order wrapper that runs its handler with the identity attached to the
	// request (Auth.js v5 auth(handler): req.auth), without rejecting.
	IdentityWrapper
	// CallerVerifyingWrapper: a wrapper or serve() function that verifies the caller itself (QStash
	// verifySignatureAppRouter, inngest serve with a signing key).
	CallerVerifyingWrapper
	// WebhookVerify: verifies a webhook signature and throws (or returns a falsy result) when it is wrong.
	WebhookVerify
	// Validate: validates input against a schema (throws or returns a result to check).
	Validate
	// RateLimit: applies a rate limit.
	RateLimit
	// Exit: never returns normally (Next.js redirect, notFound, unauthorized, forbidden).
	Exit
	// DBWrite: writes to a database.
	DBWrite
	// DBRead: reads from a database.
	DBRead
	// SendEmail: sends an email.
	SendEmail
	// SendSMS: sends a text message or makes a call.
	SendSMS
	// Payment: creates or changes a payment, customer, subscription or refund.
	Payment
	// PaidAPI: calls a paid AI or third-party API.
	PaidAPI
	// Queue: dispatches a background job or message.
	Queue
	// FileWrite: writes a file or an object in storage.
	FileWrite
	// Secret: the call returns secret material (the value is sensitive to expose).
	Secret
	// Outbound: an outbound HTTP request (fetch, axios); its URL and body are sinks for request data.
	Outbound
	// Credential: the call checks or establishes credentials (a password comparison, a sign-in, a
	// password-reset or one-time-code request): the endpoint is a brute-force target.
	Credential
	// ThirdParty: a request to another service made with the server's own credentials (a fetch whose
	// headers carry a secret from the environment): each call spends the server's quota or money. Not
	// Sensitive: it matters to rate limiting, for anonymous callers.
	ThirdParty
	// FileRead: reads a file or lists a directory at a path it is given; the path is a sink for request
	// data (path traversal). Unlike FileWrite, it does not make an endpoint sensitive.
	FileRead
)

// Sensitive is the set of roles that make an endpoint sensitive.
const Sensitive = DBWrite | SendEmail | SendSMS | Payment | PaidAPI | Queue | FileWrite

// Entry describes one family of calls.
type Entry struct {
	// Packages are the module specifiers the callee may come from ("next-auth", "next-auth/next").
	Packages []string
	// Pattern is the part of the key after "pkg:", with * and ** wildcards.
	Pattern string
	Role    Role
	// IdentityPath is where the identity is in the result, for Identity entries: nil for the result
	// itself, {"userId"} for Clerk's auth(), {"data", "user"} for Supabase's getUser(); {"*"} means any
	// property of the result (iron-session's session object).
	IdentityPath []string
	// What names the call for messages ("next-auth getServerSession", "a Prisma write").
	What string
	// PathArgs, when above zero, is how many leading arguments are the sink of a data flow: the paths of
	// fs.writeFile(path, content) or fs.rename(from, to), not the content written.
	PathArgs int
}

// Key builds the canonical key of a callee: pkg, subpath, exported name and member path; "()" marks a
// call or construction result. name may be "" for the package namespace.
func Key(pkg, subpath, name string, path ...string) string {
	var b strings.Builder
	b.WriteString(pkg)
	if subpath != "" {
		b.WriteString("/" + subpath)
	}
	b.WriteByte(':')
	b.WriteString(name)
	for _, p := range path {
		if p == "()" {
			b.WriteString("()")
			continue
		}
		if b.Len() > 0 && !strings.HasSuffix(b.String(), ":") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// Lookup returns the entries matching a canonical key, in table order. Results are cached: the same keys
// come up for every call of a popular function.
func Lookup(key string) []*Entry {
	if v, ok := lookupCache.Load(key); ok {
		return v.([]*Entry)
	}
	out := lookup(key)
	lookupCache.Store(key, out)
	return out
}

var lookupCache sync.Map

func lookup(key string) []*Entry {
	// The package is everything before the last colon: "node:crypto:default.timingSafeEqual".
	i := strings.LastIndexByte(key, ':')
	if i < 0 {
		return nil
	}
	pkg, rest := key[:i], key[i+1:]
	var out []*Entry
	for _, e := range byPackage[pkg] {
		if match(splitKey(e.Pattern), splitKey(rest)) {
			out = append(out, e)
		}
	}
	return out
}

// Roles returns the union of the roles of the entries matching key, and the first entry (for messages).
func Roles(key string) (Role, *Entry) {
	var r Role
	var first *Entry
	for _, e := range Lookup(key) {
		r |= e.Role
		if first == nil {
			first = e
		}
	}
	return r, first
}

// splitKey splits "a().b.c()" into ["a", "()", "b", "c", "()"].
func splitKey(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ".") {
		for strings.HasSuffix(part, "()") && part != "()" {
			base := strings.TrimSuffix(part, "()")
			calls := 1
			for strings.HasSuffix(base, "()") {
				base = strings.TrimSuffix(base, "()")
				calls++
			}
			if base != "" {
				out = append(out, base)
			}
			for i := 0; i < calls; i++ {
				out = append(out, "()")
			}
			part = ""
		}
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// match matches key segments against pattern segments; "*" matches one name segment, "**" any run of
// segments (including calls).
func match(pat, key []string) bool {
	if len(pat) == 0 {
		return len(key) == 0
	}
	if pat[0] == "**" {
		for i := 0; i <= len(key); i++ {
			if match(pat[1:], key[i:]) {
				return true
			}
		}
		return false
	}
	if len(key) == 0 {
		return false
	}
	if pat[0] == "*" && key[0] != "()" || pat[0] == key[0] {
		return match(pat[1:], key[1:])
	}
	return false
}

var byPackage = map[string][]*Entry{}

func init() {
	for i := range table {
		e := &table[i]
		for _, p := range e.Packages {
			byPackage[p] = append(byPackage[p], e)
		}
	}
}

// IsExitCall reports whether a callee key never returns (Next.js navigation functions).
func IsExitCall(key string) bool {
	r, _ := Roles(key)
	return r&Exit != 0
}
