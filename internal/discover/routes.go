package discover

// Next.js file-system routing, as far as archlint needs it.
//
// Where the routers live. Next.js looks for the App Router in <app>/app, else <app>/src/app, and for the
// Pages Router in <app>/pages, else <app>/src/pages; the two are found independently (findDir in
// next/dist/lib/find-pages-dir.js), so src/app is ignored only when app exists, and src/pages only when
// pages exists. Middleware (proxy.ts since Next.js 16, which refuses to build when both exist) is looked for
// in the parent of the pages directory, else of the app directory — so next to `src/app` it must be in
// src/ — and a root middleware.ts beside a src/app is ignored.
//
// Which files. Next.js only considers files whose extension is in `pageExtensions` (default tsx, ts, jsx,
// js). archlint also accepts .mjs for route handlers, API routes and middleware, and does not read a custom
// pageExtensions from next.config (projects using "page.tsx"-style extensions are under-reported).
//
// App Router route handlers. A route handler is a file named exactly route.<ext> ("_route.ts" and
// "route.test.ts" are not). Its URL path is built from the folders between the app directory and the file:
//   - a route group "(marketing)" is dropped;
//   - a folder starting with "_" is private: it and everything below it is left out of routing;
//   - a leading "%5F" (URL-encoded underscore) stands for a literal "_" in the URL ("%5Fdocs" is "/_docs");
//   - dynamic "[id]", catch-all "[...slug]" and optional catch-all "[[...slug]]" are kept verbatim;
//   - a parallel-route slot "@modal" is dropped;
//   - an intercepting route's marker "(.)", "(..)", "(..)(..)" or "(...)" is stripped and the rest of the
//     folder name kept. This is a simplification: Next.js serves such a folder only on client-side
//     navigation, in place of the route it intercepts (resolved relative to the parent route, or to the root
//     for "(...)"); archlint reports it where it sits in the tree ("/feed/(..)photo/[id]" becomes
//     "/feed/photo/[id]"). Route handlers under intercepting routes are rare.
// app/route.ts is "/".
//
// Pages Router API routes. Every file with a route extension under pages/api/ is an endpoint (pages/api.ts
// too: Next.js treats the page "/api" as an API route). The URL is the path without the extension,
// "index" standing for its folder ("pages/api/users/index.ts" is "/api/users", "pages/api/[id].ts" is
// "/api/[id]"). archlint skips files whose name starts with "_", which by convention hold helpers; Next.js
// itself only reserves _app, _document and _error at the top of pages/. Test files inside pages/ are routes
// for Next.js (unless pageExtensions says otherwise) and are reported as such.

import "strings"

// routeExtensions are the extensions archlint treats as route, API route and middleware files, in the
// order Next.js prefers them (sortByPageExts) followed by .mjs.
var routeExtensions = []string{".tsx", ".ts", ".jsx", ".js", ".mjs"}

// routeExt returns the route extension of name, or "".
func routeExt(name string) string {
	for _, e := range routeExtensions {
		if strings.HasSuffix(name, e) && !strings.HasSuffix(name, ".d"+e) {
			return e
		}
	}
	return ""
}

// isRouteHandlerName reports whether a file name is an App Router route handler: "route" plus a route
// extension.
func isRouteHandlerName(name string) bool {
	e := routeExt(name)
	return e != "" && name == "route"+e
}

// appRouteURL returns the URL path of a route handler whose folder is dirRel below the App Router directory
// ("" for the directory itself), and false when the folder is private (excluded from routing).
func appRouteURL(dirRel string) (string, bool) {
	if dirRel == "" {
		return "/", true
	}
	var b strings.Builder
	for _, seg := range strings.Split(dirRel, "/") {
		if strings.HasPrefix(seg, "_") {
			return "", false
		}
		if strings.HasPrefix(seg, "@") {
			continue
		}
		seg = stripInterceptMarkers(seg)
		if strings.HasPrefix(seg, "(") && strings.HasSuffix(seg, ")") {
			continue // route group
		}
		if strings.HasPrefix(seg, "%5F") || strings.HasPrefix(seg, "%5f") {
			seg = "_" + seg[3:]
		}
		if seg == "" {
			continue
		}
		b.WriteByte('/')
		b.WriteString(seg)
	}
	if b.Len() == 0 {
		return "/", true
	}
	return b.String(), true
}

// stripInterceptMarkers removes leading "(.)", "(..)" and "(...)" markers from a folder name, as long as
// something follows them.
func stripInterceptMarkers(seg string) string {
	for {
		stripped := false
		for _, m := range []string{"(...)", "(..)", "(.)"} {
			if strings.HasPrefix(seg, m) && len(seg) > len(m) {
				seg = seg[len(m):]
				stripped = true
				break
			}
		}
		if !stripped {
			return seg
		}
	}
}

// pagesAPIURL returns the URL path of a file whose path below the pages directory is rel, and false when it
// is not an API route.
func pagesAPIURL(rel string) (string, bool) {
	ext := routeExt(rel)
	if ext == "" || !(rel == "api"+ext || strings.HasPrefix(rel, "api/")) {
		return "", false
	}
	if strings.HasPrefix(baseOf(rel), "_") {
		return "", false
	}
	segs := strings.Split(strings.TrimSuffix(rel, ext), "/")
	if segs[len(segs)-1] == "index" {
		segs = segs[:len(segs)-1]
	}
	return "/" + strings.Join(segs, "/"), true
}
