package cli

// archlint init: a starter configuration for the repository it runs in.
//
// What it knows comes from three places, most reliable first:
//  1. the guard engine's evidence on each endpoint (report.Endpoint.Controls[…].How): what archlint already
//     recognises, listed so that a reader knows nothing needs declaring for it;
//  2. the endpoints whose authentication the engine could not establish: imported functions with
//     auth-like names called there are listed as candidate guards or wrappers, commented out, because
//     only a person can tell whether they really authenticate the caller;
//  3. package.json dependencies of the apps and workspace packages: which auth, validation, rate-limit and
//     error-reporting libraries the code may use.
// Everything it suggests is commented out: the active part of the file is the defaults, so that a fresh
// configuration changes nothing until someone decides.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/internal/config"
	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/resolve"
	"github.com/archlint/archlint/rules"
)

// InitOptions are the inputs of `archlint init`.
type InitOptions struct {
	Paths []string
	// Output is the file to write; "" means archlint.yaml at the repository root, "-" standard output.
	Output string
	// Force overwrites an existing configuration file.
	Force bool
}

func newInitCmd(s Streams, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{}
	cmd := &cobra.Command{
		Use:   "init [path]",
		Short: "Write a starter archlint.yaml for this repository",
		Long: `Analyse the repository and write a starter archlint.yaml at its root: the defaults, plus commented
notes on what archlint found — the auth, validation and rate-limit libraries in package.json, the guards and
wrappers it recognised on the endpoints, and auth-like helpers it could not classify (declare them under
guards when they authenticate the caller). An existing configuration file is never overwritten without
--force.`,
		Example: `  archlint init
  archlint init --output - | less`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runInit(opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of archlint.yaml at the repository root (- for standard output)")
	f.BoolVar(&opts.Force, "force", false, "overwrite an existing configuration file")
	return cmd
}

func runInit(opts *InitOptions, s Streams) error {
	target, err := discover.Locate(opts.Paths)
	if err != nil {
		return usageError("%v", err)
	}
	out := opts.Output
	if out == "" {
		out = filepath.Join(target.Base, config.FileNames[0])
		if existing, err := config.Find(target.Base); err != nil || existing != "" {
			if !opts.Force {
				if err != nil {
					return &ExitError{Code: ExitUsage, Err: err}
				}
				return usageError("%s already exists; edit it, or pass --force to replace it", displayPath(existing))
			}
		}
	}
	if out != "-" && !opts.Force {
		if _, err := os.Stat(out); err == nil {
			return usageError("%s already exists; pass --force to replace it", displayPath(out))
		}
	}

	res, err := engine.Analyze(engine.Options{Paths: opts.Paths})
	var ee *ExitError
	switch {
	case errors.As(err, &ee):
		return err
	case errors.Is(err, engine.ErrInput):
		return usageError("%v", err)
	case err != nil:
		return failure("%v", err)
	}
	facts := gatherInitFacts(res)
	data := starterConfig(facts)
	if _, err := config.Parse("starter", data); err != nil {
		return failure("internal error: the starter configuration is invalid: %v", err)
	}
	if out == "-" {
		_, err := s.Out.Write(data)
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return failure("writing %s: %v", out, errors.Unwrap(err))
	}
	fmt.Fprintf(s.Err, "archlint: wrote %s\n", displayPath(out))
	if n := len(res.Report.Findings); n > 0 {
		fmt.Fprintf(s.Err, "archlint: the repository has %d finding(s); review them with 'archlint', or accept them as existing debt with 'archlint baseline'\n", n)
	}
	return nil
}

// initFacts is what init learned about the repository.
type initFacts struct {
	// Libraries are the known libraries found in package.json files, by control, each with where.
	Libraries map[string][]libraryUse
	// Recognised are the guard engine's evidence strings per control, with the number of endpoints.
	Recognised map[string][]counted
	// Candidates are imported auth-like functions called by endpoints whose authentication the engine
	// could not establish.
	Candidates []candidate
	// Endpoints counts the endpoints, and Unauthenticated those with auth missing or unknown.
	Endpoints, Unauthenticated int
	// Findings counts findings per rule.
	Findings map[string]int
}

type libraryUse struct {
	Name string
	Dirs []string
}

type counted struct {
	Text string
	N    int
}

type candidate struct {
	From, Name string
	// Wrapper is true when the function wraps a handler or builds one (withAuth(h), client.action(…)).
	Wrapper bool
	// Endpoints counts the endpoints that call it.
	Endpoints int
}

// knownLibraries maps package names to the control they help with. It is a hint for the starter file,
// not what the guard engine recognises (internal/libs is).
var knownLibraries = map[string]string{
	"next-auth": "auth", "@auth/core": "auth", "@auth/nextjs": "auth", "@clerk/nextjs": "auth", "@clerk/backend": "auth",
	"@supabase/ssr": "auth", "@supabase/auth-helpers-nextjs": "auth", "@supabase/supabase-js": "auth",
	"better-auth": "auth", "lucia": "auth", "iron-session": "auth", "@kinde-oss/kinde-auth-nextjs": "auth",
	"@workos-inc/authkit-nextjs": "auth", "firebase-admin": "auth", "next-firebase-auth-edge": "auth",
	"@auth0/nextjs-auth0": "auth", "jose": "auth", "jsonwebtoken": "auth", "@stackframe/stack": "auth",
	"@descope/nextjs-sdk": "auth", "@propelauth/nextjs": "auth", "passport": "auth", "@logto/next": "auth",
	"supertokens-node": "auth", "@privy-io/server-auth": "auth",
	"zod": "validation", "yup": "validation", "valibot": "validation", "joi": "validation", "superstruct": "validation",
	"@sinclair/typebox": "validation", "arktype": "validation", "class-validator": "validation", "ajv": "validation",
	"io-ts": "validation", "runtypes": "validation", "zod-form-data": "validation", "@conform-to/zod": "validation",
	"@upstash/ratelimit": "rateLimit", "rate-limiter-flexible": "rateLimit", "@arcjet/next": "rateLimit",
	"express-rate-limit": "rateLimit", "limiter": "rateLimit", "next-rate-limit": "rateLimit", "@unkey/ratelimit": "rateLimit",
	"@sentry/nextjs": "errorHandling", "@bugsnag/js": "errorHandling", "@highlight-run/next": "errorHandling",
	"next-safe-action": "wrappers", "@trpc/server": "wrappers", "zsa": "wrappers", "next-connect": "wrappers",
}

// controlOrder is the order controls are listed in.
var controlOrder = []string{"auth", "validation", "rateLimit", "errorHandling", "wrappers"}

var controlTitle = map[string]string{
	"auth": "authentication", "validation": "input validation", "rateLimit": "rate limiting",
	"errorHandling": "error reporting", "wrappers": "handler wrappers and procedures",
}

// authWords make a function name auth-like wherever they appear ("requireAuth", "getSession",
// "hasPermission"); so do authVerbs right before authObjects ("requireUser", "verifyToken"), possibly with an
// authQualifier between ("getCurrentUser", "validateApiKey").
var (
	authWords = wordSet("auth authn authz authed authenticate authenticated authentication authorize authorized " +
		"authorization unauthorized session sessions login logged signedin guard guarded protect protected " +
		"permission permissions role roles admin acl rbac apikey")
	authVerbs      = wordSet("require current ensure assert check verify validate get with")
	authObjects    = wordSet("user token key jwt member owner account caller identity viewer principal")
	authQualifiers = wordSet("current api access bearer logged signed")
	checkVerbs     = wordSet("require ensure assert check verify validate")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// camelWords splits an identifier into lower-case words at case changes, digits and underscores.
var camelWords = regexp.MustCompile(`[A-Z]+[a-z]*|[a-z]+|[0-9]+`)

// authLike reports whether a function name suggests it authenticates or authorises the caller.
func authLike(name string) bool {
	// OAuth helpers (state, callbacks) talk to providers; they do not check the caller.
	name = strings.ReplaceAll(strings.ReplaceAll(name, "OAuth", "Oauth"), "oAuth", "oauth")
	words := camelWords.FindAllString(name, -1)
	for i, w := range words {
		words[i] = strings.ToLower(w)
		if authWords[words[i]] {
			return true
		}
	}
	// A verb right before the object, or with one word between — any word after a checking verb
	// (checkWorkspaceToken), a qualifier after the others (getCurrentUser): getUser, validateApiKey.
	for i, w := range words {
		if !authVerbs[w] {
			continue
		}
		if i+1 < len(words) && authObjects[words[i+1]] ||
			i+2 < len(words) && (checkVerbs[w] || authQualifiers[words[i+1]]) && authObjects[words[i+2]] {
			return true
		}
	}
	return false
}

func gatherInitFacts(res *engine.Result) initFacts {
	facts := initFacts{Libraries: map[string][]libraryUse{}, Recognised: map[string][]counted{}, Findings: map[string]int{}}
	repo := res.Project.Repo

	// 1. Libraries in package.json files.
	uses := map[string]map[string]bool{} // package -> dirs
	for _, p := range repo.Packages {
		for dep := range p.Deps {
			if _, ok := knownLibraries[dep]; ok {
				if uses[dep] == nil {
					uses[dep] = map[string]bool{}
				}
				dir := p.Dir
				if dir == "" {
					dir = "."
				}
				uses[dep][dir] = true
			}
		}
	}
	for dep, dirs := range uses {
		ctl := knownLibraries[dep]
		u := libraryUse{Name: dep}
		for d := range dirs {
			u.Dirs = append(u.Dirs, d)
		}
		sort.Strings(u.Dirs)
		facts.Libraries[ctl] = append(facts.Libraries[ctl], u)
	}
	for _, us := range facts.Libraries {
		sort.Slice(us, func(i, j int) bool { return us[i].Name < us[j].Name })
	}

	// 2. The guard engine's evidence.
	rep := res.Report
	facts.Endpoints = len(rep.Endpoints)
	seen := map[string]map[string]int{}
	for _, ep := range rep.Endpoints {
		for ctl, st := range ep.Controls {
			if st.Status == "present" && st.How != "" {
				if seen[ctl] == nil {
					seen[ctl] = map[string]int{}
				}
				seen[ctl][st.How]++
			}
		}
	}
	for ctl, m := range seen {
		for how, n := range m {
			facts.Recognised[ctl] = append(facts.Recognised[ctl], counted{how, n})
		}
		sort.Slice(facts.Recognised[ctl], func(i, j int) bool {
			a, b := facts.Recognised[ctl][i], facts.Recognised[ctl][j]
			if a.N != b.N {
				return a.N > b.N
			}
			return a.Text < b.Text
		})
	}

	// 3. Auth-like helpers called by endpoints without established authentication (or, before the guard
	// engine reports endpoints, by every entry point).
	type site struct {
		path string
		name string // exported name, "" for the whole file
	}
	var sites []site
	if len(rep.Endpoints) > 0 {
		for _, ep := range rep.Endpoints {
			st, ok := ep.Controls[controlAuth]
			if !ok || st.Status == "missing" || st.Status == "unknown" || st.Status == "partial" {
				facts.Unauthenticated++
				sites = append(sites, site{ep.Location.Path, ep.Name})
			}
		}
	} else {
		for _, a := range repo.Apps {
			for _, r := range append(append([]*discover.Route(nil), a.Routes...), a.PagesAPI...) {
				sites = append(sites, site{path: r.File})
			}
			for _, f := range a.ActionFiles {
				sites = append(sites, site{path: f})
			}
		}
	}
	type ckey struct{ from, name string }
	cands := map[ckey]*candidate{}
	for _, st := range sites {
		f := res.Project.Files[st.path]
		if f == nil {
			continue
		}
		isProject := func(spec string) bool {
			r := res.Project.Resolver.Resolve(f.Path, spec)
			return r.Kind == resolve.Local || r.Rule == resolve.RuleWorkspace
		}
		for k, c := range helperCalls(f, st.name, isProject) {
			cand := cands[ckey{k.from, k.name}]
			if cand == nil {
				cand = &candidate{From: k.from, Name: k.name}
				cands[ckey{k.from, k.name}] = cand
			}
			cand.Endpoints++
			cand.Wrapper = cand.Wrapper || c
		}
	}
	for _, c := range cands {
		facts.Candidates = append(facts.Candidates, *c)
	}
	sort.Slice(facts.Candidates, func(i, j int) bool {
		a, b := facts.Candidates[i], facts.Candidates[j]
		if a.Endpoints != b.Endpoints {
			return a.Endpoints > b.Endpoints
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.Name < b.Name
	})

	for _, f := range rep.Findings {
		facts.Findings[f.RuleID]++
	}
	return facts
}

// controlAuth is the key of the auth control in report.Endpoint.Controls.
const controlAuth = string(analyzers.ControlAuth)

type helperKey struct{ from, name string }

// helperCalls returns the functions of the project's own code (isProject: relative, aliased or workspace
// imports; third-party libraries are the guard engine's business) with auth-like names called in an
// exported endpoint of f (the whole file when name is ""), and whether each is used as a wrapper or
// builder.
func helperCalls(f *jsmodel.File, name string, isProject func(spec string) bool) map[helperKey]bool {
	// The endpoint's range: its exported value (a function, or a wrapper call around one), else the file.
	lo, hi := 0, len(f.Tree.Src)
	if e := f.Export(name); name != "" && e != nil {
		n := e.Value
		if e.Func >= 0 && int(e.Func) < len(f.Functions) {
			n = f.Functions[e.Func].Node
		}
		if n >= 0 && int(n) < len(f.Tree.Nodes) {
			lo, hi = int(f.Tree.Nodes[n].Start), int(f.Tree.Nodes[n].End)
		}
	}
	imported := map[string]jsmodel.Import{}
	for _, im := range f.Imports {
		if im.Local == "" || im.TypeOnly || im.Kind != jsmodel.ImportNamed && im.Kind != jsmodel.ImportDefault {
			continue
		}
		if !isProject(im.Source) {
			continue
		}
		imported[im.Local] = im
	}
	out := map[helperKey]bool{}
	for i := range f.Calls {
		c := &f.Calls[i]
		if c.Callee == "" || c.New {
			continue
		}
		nd := f.Tree.Nodes[c.Node]
		if int(nd.Start) < lo || int(nd.End) > hi {
			continue
		}
		im, ok := imported[c.Root()]
		if !ok || !authLike(im.Local) && !authLike(im.Imported) {
			continue
		}
		wrapper := c.Callee != c.Root() || strings.HasPrefix(im.Imported, "with")
		k := helperKey{im.Source, im.Imported}
		out[k] = out[k] || wrapper
	}
	return out
}

// starterConfig renders the starter file. Only defaults are active; every suggestion is a comment.
func starterConfig(f initFacts) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("# yaml-language-server: $schema=%s", config.SchemaURL)
	w("#")
	w("# archlint configuration, written by `archlint init`. Reference: docs/configuration.md")
	w("# (https://github.com/archlint/archlint/blob/main/docs/configuration.md).")
	w("# Paths and globs are relative to the repository root, as archlint prints them.")
	w("")
	w("version: 1")
	w("")
	w("# Exit with code 1 when a reported finding has at least this severity: error, warning, note or none.")
	w("failOn: error")
	w("")
	w("# Findings in these paths are not reported (files there still inform the analysis).")
	w("# exclude:")
	w("#   - \"scripts/**\"")
	w("")
	w("# Severity per rule ID or glob: error, warning, note or off. The most specific entry wins: an exact ID")
	w("# over a longer glob over a shorter one. `archlint rules` lists the rules.")
	w("# rules:")
	w("#   prisma/*: warning")
	w("#   security/raw-sql-injection:")
	w("#     exclude: [\"scripts/**\"]")
	if len(f.Findings) > 0 {
		total := 0
		var ids []string
		for id, n := range f.Findings {
			total += n
			ids = append(ids, id)
		}
		sort.Strings(ids)
		w("#")
		w("# Findings when this file was written (%d):", total)
		for _, id := range ids {
			sev := ""
			if r := rules.Lookup(id); r != nil {
				sev = " (" + r.Severity.String() + ")"
			}
			w("#   %s: %d%s", id, f.Findings[id], sev)
		}
		w("# To adopt archlint without fixing them first, run `archlint baseline` and commit")
		w("# .archlint-baseline.json: checks then report only new findings.")
	}
	w("")
	w("# The baseline file; .archlint-baseline.json next to this file is used when it exists.")
	w("# baseline: .archlint-baseline.json")
	w("")

	w("# Libraries found in package.json:")
	listed := false
	for _, ctl := range controlOrder {
		us := f.Libraries[ctl]
		if len(us) == 0 {
			continue
		}
		listed = true
		var parts []string
		for _, u := range us {
			parts = append(parts, u.Name+" ("+strings.Join(u.Dirs, ", ")+")")
		}
		w("#   %s: %s", controlTitle[ctl], strings.Join(parts, ", "))
	}
	if !listed {
		w("#   none that archlint knows of.")
	}
	if len(f.Libraries["rateLimit"]) == 0 {
		w("#   No rate-limit library: if you limit requests in your own code, declare it under guards.rateLimit.")
	}
	w("")
	if f.Endpoints > 0 {
		w("# What archlint recognised on the %d endpoints (nothing to declare for these):", f.Endpoints)
		found := false
		for _, ctl := range controlOrder {
			cs := f.Recognised[ctl]
			if len(cs) == 0 {
				continue
			}
			found = true
			w("#   %s:", controlTitle[ctl])
			for i, c := range cs {
				if i == 10 {
					w("#     … and %d more", len(cs)-10)
					break
				}
				w("#     %s — %s", oneLine(c.Text), countNoun(c.N, "endpoint"))
			}
		}
		if !found {
			w("#   no guard on any endpoint.")
		}
		w("")
	}
	w("# Your own functions that provide a control, by import path and exported name, as if archlint had")
	w("# derived it from their bodies. Wrappers run the controls they provide before the wrapped handler.")
	if len(f.Candidates) > 0 {
		if f.Endpoints > 0 {
			w("# Auth-like helpers called by the %d endpoints whose authentication archlint could not establish;", f.Unauthenticated)
		} else {
			w("# Auth-like helpers called by the endpoints;")
		}
		w("# uncomment the ones that really reject unauthenticated callers:")
	}
	w("# guards:")
	var guards, wrappers []candidate
	for _, c := range f.Candidates {
		if c.Wrapper {
			wrappers = append(wrappers, c)
		} else {
			guards = append(guards, c)
		}
	}
	w("#   auth:")
	if len(guards) == 0 {
		w("#     - { from: \"@/lib/session\", name: requireUser }")
	}
	for i, c := range guards {
		if i == 15 {
			w("#     # … and %d more", len(guards)-15)
			break
		}
		w("#     - { from: %q, name: %s }   # called by %s", c.From, c.Name, countNoun(c.Endpoints, "endpoint"))
	}
	w("#   validation:")
	w("#     - { from: \"@/lib/validate\", name: parseBody }")
	w("#   rateLimit:")
	w("#     - { from: \"@/lib/rate-limit\", name: limit }")
	w("#   wrappers:")
	if len(wrappers) == 0 {
		w("#     - { from: \"@/lib/api\", name: withAuth, provides: [auth, rateLimit] }")
	}
	for i, c := range wrappers {
		if i == 15 {
			w("#     # … and %d more", len(wrappers)-15)
			break
		}
		w("#     - { from: %q, name: %s, provides: [auth] }   # called by %s", c.From, c.Name, countNoun(c.Endpoints, "endpoint"))
	}
	w("")
	w("# Endpoints that are public by design, by URL pattern or file glob, each with the reason.")
	w("# public:")
	w("#   - { url: /api/health, reason: \"polled by the load balancer\" }")
	w("#   - { file: \"app/api/webhooks/**\", reason: \"each handler verifies the provider's signature\" }")
	w("")
	w("# Inline suppressions (// archlint-disable-next-line <rule> -- <reason>) need a reason this long.")
	w("# suppressions:")
	w("#   minReasonLength: %d", config.DefaultMinReasonLength)
	return []byte(b.String())
}

func countNoun(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// oneLine keeps evidence text on one comment line.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 110 {
		s = s[:107] + "…"
	}
	return s
}
