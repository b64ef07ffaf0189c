// Package matcher decides, statically and as Next.js does, on which URL paths a middleware (middleware.ts,
// or proxy.ts from Next.js 16) runs, and which paths an auth library's route list covers. It reads a
// module's `config.matcher` (FromFile), Clerk's createRouteMatcher([...]) and authMiddleware's
// publicRoutes/ignoredRoutes (FromArrayNode, FromObjectProperty), and answers, for a route's URL pattern
// from the file system ("/api/users/[id]"), whether every, some or none of its request paths match
// (Covers). It owns the port of path-to-regexp and a JavaScript regular-expression matcher; it does not
// find middleware files, locate calls, or decide whether a middleware rejects unauthenticated requests.
//
// # How Next.js applies config.matcher
//
// Reading. Next.js never runs the middleware module to learn its config: the build parses the file and
// reads `export const config = <literal>` (next/src/build/analysis/get-page-static-info.ts and
// extract-const-value.ts; Turbopack: next-core's parse_config_from_source). Only literal syntax is read —
// strings, template strings without substitutions, numbers, booleans, null, undefined, arrays, objects
// with identifier or string keys, `satisfies` — so the matcher must be static:
//   - an identifier, spread, call, `as const` or parenthesis fails the webpack build in current versions
//     ("Unknown identifier", vercel/next.js#72042 on `as const`); Next.js 12–13 ignored the whole config
//     instead and ran the middleware everywhere (#38461); Turbopack skips a matcher entry it cannot read.
//   - `const config = …; export { config }` and re-exports are not seen at all: the middleware runs on
//     every path (#56450, #59536, #70008, open).
//   - no config, or a config without matcher, means every path.
//
// FromFile follows this. Where versions and bundlers disagree it keeps what the author wrote and marks
// the Config inexact: in every variant that builds, the middleware then runs on at least those paths,
// so coverage is a lower bound. Where a variant could run it on fewer paths (Turbopack dropping a
// non-literal entry) the entry is unknown. Values are decoded as JavaScript does: '\.' in a string
// literal is '.', which the regular expression reads as any character.
//
// Validation (middleware-config.ts, zod): a source is a string starting with "/" of at most 4096
// characters that path-to-regexp accepts; an object entry has only source, has, missing and locale
// (false); has/missing entries are {type: header|cookie|query, key, value?} or {type: host, value}.
// Anything else is a build error; such entries are unknown here, with a ProblemInvalid.
//
// Compiling. getMiddlewareMatchers wraps each source as
//
//	/:nextData(_next/data/[^/]{1,})?<source>{(\.json)}?       ("/" gets (/?index|/?index\.json)? instead)
//
// to accept the pages router's /_next/data/<build>/<path>.json requests, prefixes the basePath, and with
// next.config i18n (and locale not false) inserts a mandatory /:nextInternalLocale segment. The result
// goes through path-to-regexp 6.3.0 (parse, then tokensToRegexp with default options: delimiter "/#?",
// non-strict — one trailing "/", "#" or "?" is accepted — anchored at both ends), with Next.js's retry
// that gives a repeated prefix-less token the prefix "/". Only the regular expression's source is kept;
// the runtime builds `new RegExp(regexp)` without the "i" flag (middleware-route-matcher.ts), so
// matching is case-sensitive although path-to-regexp's default is not. pathtoregexp.go ports the
// library; jsregex.go/jsmatch.go run the result with JavaScript semantics, negative lookahead included.
//
// Matching. At request time each matcher's RegExp is tested against the request's pathname
// (percent-encoded as sent, without query); the first that matches and whose has/missing conditions
// hold runs the middleware. Conditions are on headers, cookies, query and host, all chosen by the
// client, so a conditional match is reported as such (Conditional), never as coverage. Redirects,
// including the trailingSlash redirect to the canonical path, happen before middleware, so a route's
// canonical path is what the middleware sees.
//
// Not modelled: i18n (App Router has none; with it the runtime path carries a locale segment),
// basePath (it prefixes both the matcher and the path, so it cancels out), the old `(.json)?` suffix of
// Next.js ≤ 14 (an unescaped dot: "/dashboardxjson" matched there), path-to-regexp ≤ 6.2's simpler
// default patterns (see pathtoregexp.go), and UTF-16 code units (paths are matched as code points;
// percent-encoded paths are ASCII).
//
// next-auth's withAuth middleware (`export default withAuth({ pages, callbacks: { authorized } })`, or
// `export { default } from "next-auth/middleware"`) adds no path list of its own: where it runs is the
// config.matcher, read here like any other; whether it rejects is the guard engine's question.
//
// # Coverage of a route
//
// Covers samples concrete request paths for the route's dynamic segments (SamplePaths): fixed values
// that vary digits, letters, case, punctuation, dots and percent-escapes, plus the literal words of the
// matchers themselves ("api", "_next/static", "png" give "/api", "/_next/static", "/x.png"), since
// matchers exclude paths by exactly those words. Every sample matching gives All; none, None; a mix,
// Partial; matches under conditions, Conditional; anything undecidable, Unknown. A route without
// dynamic segments is decided exactly; for dynamic ones, an exclusion no sample exercises would be
// missed.
//
// # Auth libraries
//
// Clerk (v4 authMiddleware publicRoutes/ignoredRoutes; v5+ createRouteMatcher) compiles strings with
// path-to-regexp's pathToRegexp(route) — default options, so case-insensitive and without Next.js's
// wrapping — and uses RegExp values as written (unanchored unless the pattern anchors it). RouteList
// models that; see its documentation for what is not modelled.
package matcher
