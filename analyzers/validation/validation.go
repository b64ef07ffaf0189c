// Package validation reports request data that reaches a sink without schema validation
// (validation/unvalidated-input), safeParse results used without checking success
// (validation/unchecked-safe-parse), and request objects written whole into a Prisma model
// (validation/mass-assignment).
//
// The data flow comes from the guard engine (internal/summary, flow.go): values are followed from the
// endpoint handler's parameters — the request, the route context, a Server Action's arguments — and from
// next/headers, through variables, destructuring, property access, spreads, awaits and helper calls (in
// any file), to database calls, email and SMS sends, payment calls, file paths, shell commands, outbound
// requests and redirects. A validator anywhere on the way (zod, valibot, yup, joi, superstruct, arktype,
// typebox, or a helper that returns what one of them produced) cleans the value; manual `if (!x)` checks
// and TypeScript types do not. A string by construction (a route segment, searchParams.get(), a header or
// cookie value) used only as a Prisma filter is not reported: Prisma binds and type-checks it.
//
// This analyzer maps the handler's parameters to the channels Next.js feeds them with (body, query,
// params, headers, cookies, action arguments) and reports each source read once.
package validation

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/endpointmodel"
	"github.com/archlint/archlint/analyzers/prismaschema"
	"github.com/archlint/archlint/internal/endpoints"
	"github.com/archlint/archlint/internal/libs"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/summary"
	"github.com/archlint/archlint/rules"
)

// Analyzer reports the validation rules.
var Analyzer = &analyzers.Analyzer{
	Name:     "validation",
	Doc:      "Reports request data reaching database calls, senders, outbound requests or redirects without schema validation, unchecked safeParse results, and mass assignment into Prisma models.",
	Rules:    []*rules.Rule{rules.UnvalidatedInput, rules.UncheckedSafeParse, rules.MassAssignment},
	Requires: []*analyzers.Analyzer{endpointmodel.Analyzer, prismaschema.Analyzer},
	Run:      run,
}

func run(pass *analyzers.Pass) (any, error) {
	res := pass.ResultOf[endpointmodel.Analyzer].(*endpointmodel.Result)
	schemas, _ := pass.ResultOf[prismaschema.Analyzer].(*prismaschema.Result)
	seenSrc := map[string]bool{}
	seenUnchecked := map[string]bool{}
	for i, ep := range res.Model.Endpoints {
		h := &ep.Handler
		if ep.Kind == endpoints.Middleware || !h.Found() {
			pass.SetEndpointControl(i, "validation", report.ControlStatus{Status: string(endpoints.NotNeeded), How: "not assessed"})
			continue
		}
		if ev := res.Auth[i].Evidence; ev != nil && (ev.Kind == summary.KindWebhook || ev.Kind == summary.KindSecret || ev.Kind == summary.KindCaller || ev.Kind == summary.KindNetwork) {
			// Only a verified machine calls it (a signed webhook or queue, a secret-checked job): its input
			// is that service's, not an attacker's.
			pass.SetEndpointControl(i, "validation", report.ControlStatus{Status: string(endpoints.NotNeeded), How: "verified caller (" + ev.Describe() + ")"})
			continue
		}
		s := res.Engine.Summarize(h.File, h.Fn)
		// A builder chain with a schema (next-safe-action .schema/.inputSchema, zsa .input) or a wrapper
		// that validates before calling the handler makes the handler's input validated.
		validatedInput := h.ValidatedBy != ""
		for _, w := range h.Wrappers {
			if w.Func.File != nil && res.Engine.Summarize(w.Func.File, w.Func.Fn).WrappedValid[w.Arg] != nil {
				validatedInput = true
			}
		}
		missing, filters := 0, 0
		// Mass assignments first: a source written whole is reported as that, not also as unvalidated.
		flows := append([]summary.Flow(nil), s.Flows...)
		sort.SliceStable(flows, func(a, b int) bool { return flows[a].Whole && !flows[b].Whole })
		for _, fl := range flows {
			channel, ok := channelOf(ep, fl)
			if !ok || validatedInput && fl.Param == 0 && (ep.Kind == endpoints.ServerAction || channel != "headers" && channel != "cookies") {
				continue
			}
			if fl.Filter && (plainString(ep, fl, channel) || fl.Stringified || fl.ScalarOperand || uniqueKeyValue(fl, schemas)) {
				// A string looked up with Prisma: bound and type-checked, it cannot change the query.
				filters++
				continue
			}
			missing++
			if fl.SrcFile == nil {
				continue
			}
			// One finding per source read, and per channel and sink.
			kSrc := fmt.Sprintf("src\x00%s\x00%d", fl.SrcFile.Path, fl.Src)
			kSink := fmt.Sprintf("sink\x00%s\x00%s\x00%s\x00%d", ep.File.Path+ep.Name, channel, fl.Sink.File.Path, fl.Sink.Node)
			if seenSrc[kSrc] || !fl.Whole && seenSrc[kSink] {
				continue
			}
			seenSrc[kSrc], seenSrc[kSink] = true, true
			if fl.Whole {
				reportMass(pass, ep, fl, channel, schemas)
			} else {
				reportUnvalidated(pass, ep, fl, channel, res.ServerUtility(ep))
			}
		}
		for _, u := range s.Unchecked {
			k := fmt.Sprintf("%s\x00%d", u.File.Path, u.Node)
			if seenUnchecked[k] {
				continue
			}
			seenUnchecked[k] = true
			msg := fmt.Sprintf("'%s.data' is read without checking '%s.success' first: when validation fails, data is undefined and the code goes on with it.", u.Var, u.Var)
			d := analyzers.NodeDiagnostic(rules.UncheckedSafeParse, u.File, u.Node, msg)
			d.Key = "unchecked:" + u.Var
			pass.Report(d)
		}
		cs := report.ControlStatus{Status: string(endpoints.NotNeeded), How: "no request data reaches a sink"}
		if filters > 0 {
			cs.How = "request strings reach only Prisma filters"
		}
		switch {
		case missing > 0:
			cs = report.ControlStatus{Status: string(endpoints.Missing), How: fmt.Sprintf("%d unvalidated flow(s)", missing)}
		case h.ValidatedBy != "":
			cs = report.ControlStatus{Status: string(endpoints.Present), How: "schema " + h.ValidatedBy}
		case s.ValidatedBy != nil:
			cs = report.ControlStatus{Status: string(endpoints.Present), How: s.ValidatedBy.Describe()}
		}
		pass.SetEndpointControl(i, "validation", cs)
	}
	return nil, nil
}

// channelOf maps a flow's source to the request channel it comes from, for the endpoint's handler
// signature. ok is false for parameters that are not request data (a response object, a session passed
// by a wrapper).
func channelOf(ep *endpoints.Endpoint, fl summary.Flow) (string, bool) {
	if fl.Param < 0 {
		return fl.Channel, fl.Channel != ""
	}
	path := fl.Path
	switch ep.Kind {
	case endpoints.ServerAction:
		if len(path) > 0 && (path[0] == "ctx" || path[0] == "metadata") {
			return "", false
		}
		return "action-args", true
	case endpoints.PagesAPI:
		if fl.Param != 0 {
			return "", false
		}
		if len(path) >= 2 && path[0] == "query" && dynamicSegment(ep.URLPath, path[1]) {
			// req.query.id in pages/api/notes/[id].ts is the route's segment.
			return "params", true
		}
		return requestChannel(path, true)
	case endpoints.Route:
		if len(ep.Handler.Wrappers) > 0 && fl.Param == 0 && len(path) > 0 {
			// A wrapper passes an object: { req, params, searchParams, session, … }.
			switch path[0] {
			case "req", "request":
				return requestChannel(path[1:], false)
			case "params":
				return "params", true
			case "searchParams", "query":
				return "query", true
			case "body", "data", "json", "input", "rawBody", "payload":
				return "body", true
			}
		}
		switch fl.Param {
		case 0:
			return requestChannel(path, false)
		case 1:
			if len(path) > 0 && path[0] == "params" {
				return "params", true
			}
		}
	}
	return "", false
}

// dynamicSegment reports whether name is a dynamic segment ([name], [...name], [[...name]]) of a route
// pattern.
func dynamicSegment(urlPath, name string) bool {
	for _, seg := range strings.Split(urlPath, "/") {
		if !strings.HasPrefix(seg, "[") || !strings.HasSuffix(seg, "]") {
			continue
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(seg, "["), "]")
		inner = strings.TrimSuffix(strings.TrimPrefix(inner, "["), "]")
		if strings.TrimPrefix(inner, "...") == name {
			return true
		}
	}
	return false
}

// plainString reports whether a flow's source is a string (or an array of strings) by construction, so
// that as a Prisma filter value it can only be compared, never turned into an operator: a route segment,
// a URLSearchParams.get() or a wrapper's flat searchParams value, a Pages Router req.query value (string or
// string[]: Next.js parses the query string flat), a header or a cookie value. JSON bodies and Server
// Action arguments (except a FormData's get()) are not.
func plainString(ep *endpoints.Endpoint, fl summary.Flow, channel string) bool {
	path := fl.Path
	switch channel {
	case "params":
		return true
	case "body", "action-args":
		// formData.get(name): a string or a File, never an object of Prisma operators.
		if channel == "action-args" {
			return len(path) == 2 && path[0] == "get" && path[1] == "()" // the argument is the FormData
		}
		if len(path) == 2 && path[0] == "text" && path[1] == "()" {
			return true // request.text(): a string
		}
		return len(path) >= 4 && path[0] == "formData" && path[2] == "get" && path[3] == "()"
	case "query":
		if ep.Kind == endpoints.PagesAPI && fl.Param == 0 && len(path) >= 2 && path[0] == "query" {
			// req.query.x: Next.js parses the query string flat, so a value is a string or an array of
			// strings, never an object of Prisma operators.
			return true
		}
		if ep.Kind == endpoints.Route && len(ep.Handler.Wrappers) > 0 && fl.Param == 0 && len(path) >= 2 && (path[0] == "searchParams" || path[0] == "query") {
			// A wrapper's searchParams: an object built from the URL, whose values are strings.
			return true
		}
		return stringGetter(path, "searchParams")
	case "headers":
		if fl.Param < 0 {
			// (await headers()).get(name)
			return len(path) >= 3 && path[1] == "get" && path[2] == "()"
		}
		// request.headers.get(name); a Pages Router req.headers[name] (string | string[]).
		return stringGetter(path, "headers") || ep.Kind == endpoints.PagesAPI && len(path) >= 2 && path[0] == "headers"
	case "cookies":
		if fl.Param < 0 {
			return len(path) >= 4 && path[1] == "get" && path[2] == "()" && path[3] == "value"
		}
		for k := 0; k+3 < len(path); k++ {
			if path[k] == "cookies" && path[k+1] == "get" && path[k+2] == "()" && path[k+3] == "value" {
				return true
			}
		}
		return ep.Kind == endpoints.PagesAPI && len(path) >= 2 && path[0] == "cookies"
	}
	return false
}

// stringGetter reports whether a path reads a value with owner.get(…) or owner.getAll(…) (URLSearchParams,
// Headers): a string, null or an array of strings.
func stringGetter(path []string, owner string) bool {
	for k := 0; k+2 < len(path); k++ {
		if path[k] == owner && (path[k+1] == "get" || path[k+1] == "getAll") && path[k+2] == "()" {
			return true
		}
	}
	return false
}

// requestChannel classifies a path under a Request (or a Pages API request).
func requestChannel(path []string, pages bool) (string, bool) {
	if len(path) == 0 {
		return "", false
	}
	switch path[0] {
	case "json", "formData", "text", "arrayBuffer", "blob":
		return "body", true
	case "nextUrl", "url", "searchParams":
		return "query", true
	case "headers":
		return "headers", true
	case "cookies":
		return "cookies", true
	case "body":
		return "body", pages
	case "query":
		return "query", pages
	}
	return "", false
}

func endpointName(ep *endpoints.Endpoint) string {
	switch {
	case ep.Kind == endpoints.ServerAction:
		return "Server Action '" + ep.Name + "'"
	case len(ep.Methods) == 1 && ep.Methods[0] == "*":
		return "API route " + ep.URLPath
	}
	return strings.Join(ep.Methods, ",") + " " + ep.URLPath
}

var channelNoun = map[string]string{
	"body": "request body", "query": "query string", "params": "route parameter", "headers": "request header",
	"cookies": "cookie", "action-args": "action argument",
}

// fieldNoun names one field of a channel.
var fieldNoun = map[string]string{
	"body": "request body field", "query": "query parameter", "params": "route parameter", "headers": "request header",
	"cookies": "cookie", "action-args": "action argument",
}

// fieldName names the field of a channel a flow reads (the route segment, the query key, the body
// property), rather than the container it is read from: 'id' for `const { id } = await params`, 'slug'
// for searchParams.get("slug"). "" when the flow carries the container itself.
func fieldName(fl summary.Flow, channel string) string {
	path := fl.Path
	switch channel {
	case "params", "query", "body":
		if channel == "body" && len(path) == 2 && path[1] == "()" && (path[0] == "text" || path[0] == "arrayBuffer" || path[0] == "blob") {
			return "" // the whole raw body has no fields
		}
		// params.id, req.query.id, searchParams.id (a wrapper's), req.body.email, (await req.json()).email
		for k, p := range path {
			switch p {
			case "params", "query", "body", "searchParams":
				if k+1 < len(path) && path[k+1] != "()" && path[k+1] != "get" && path[k+1] != "getAll" {
					return path[k+1]
				}
			case "()":
				if k == 1 && (path[0] == "json" || path[0] == "formData") && k+1 < len(path) && path[k+1] != "get" {
					return path[k+1]
				}
			}
		}
	case "action-args":
		return ""
	}
	// searchParams.get("slug"), headers.get("x-id"), cookies().get("ref")?.value: the key of the read, or
	// the name the value has where it is used.
	if name := summary.ReadKey(fl.SrcFile.Tree, fl.Src); name != "" {
		return name
	}
	return fl.Name
}

// utility is set for an export of a 'use server' module that server code imports as a helper: its own
// callers may pass checked values, but the directive lets a client call it with any.
func reportUnvalidated(pass *analyzers.Pass, ep *endpoints.Endpoint, fl summary.Flow, channel string, utility bool) {
	src := short(fl.SrcFile.Tree.Text(fl.Src))
	sink := fl.Sink.What
	if fl.Sink.Callee != "" {
		sink += " ('" + fl.Sink.Callee + "'"
		if len(fl.Sink.Via) > 0 {
			sink += " in " + strings.Join(fl.Sink.Via, " → ")
		}
		sink += ")"
	}
	control := "a caller controls its type and shape"
	if plainString(ep, fl, channel) {
		// Route segments and searchParams.get() are strings: the caller picks the value, not the type.
		control = "a caller picks any string for it (format, length, an id of someone else's record)"
	}
	noun, what := channelNoun[channel], src
	if field := fieldName(fl, channel); field != "" && field != src {
		noun, what = fieldNoun[channel], field
	}
	switch {
	case strings.HasPrefix(fl.Sink.What, "a file ") || strings.HasPrefix(fl.Sink.What, "a directory "):
		control += ", and a '../' in it reaches outside the directory"
	case idLike(fl.Name, what) && !plainString(ep, fl, channel) && fl.Sink.Role&libs.DBWrite != 0 && !fl.Filter:
		// An id the write stores or acts on (a lookup filter is itself the check the clause would deny).
		// Nothing looked the record up before the sink (a checked lookup would have trusted it).
		control += ", and nothing checks that the record it names is one the caller may use"
	}
	msg := fmt.Sprintf("The %s '%s' of %s reaches %s without schema validation; %s.", noun, what, endpointName(ep), sink, control)
	if utility {
		msg += " Server code imports it as a helper, but its module's 'use server' directive lets a client call it with any arguments (see auth/server-only-exports)."
	}
	d := analyzers.NodeDiagnostic(rules.UnvalidatedInput, fl.SrcFile, fl.Src, msg)
	if fl.Sink.Role&libs.DBWrite != 0 {
		d.Severity = rules.Error
	}
	d.Key = fmt.Sprintf("%s:%s:%s:%s", ep.Kind, ep.Name, channel, normalize(src))
	d.Related = []analyzers.Related{analyzers.NodeRelated(fl.Sink.File, fl.Sink.Node, "sink: "+fl.Sink.What)}
	pass.Report(d)
}

// privileged names columns a caller must not be able to set.
var privileged = regexp.MustCompile(`(?i)^(role|roles|isadmin|admin|issuperuser|superuser|ownerid|userid|authorid|creatorid|tenantid|organizationid|orgid|workspaceid|teamid|projectid|accountid|emailverified|verified|isverified|approved|isapproved|balance|credits|plan|tier|stripecustomerid|subscriptionstatus|permissions|password|passwordhash|hashedpassword|banned|isbanned)$`)

func reportMass(pass *analyzers.Pass, ep *endpoints.Endpoint, fl summary.Flow, channel string, schemas *prismaschema.Result) {
	src := short(fl.SrcFile.Tree.Text(fl.Src))
	what := "the whole " + channelNoun[channel]
	if fl.Loose {
		what = "data validated by a schema that does not list its fields"
	}
	cols := ""
	var modelRel *analyzers.Related
	if schemas != nil && fl.Sink.Model != "" {
		for _, set := range schemas.For(fl.Sink.File.Path) {
			m := set.Schema.ModelByClientName(fl.Sink.Model)
			if m == nil {
				continue
			}
			var names []string
			for _, f := range m.Fields {
				if privileged.MatchString(f.Name) {
					names = append(names, f.Name)
				}
			}
			sort.Strings(names)
			if len(names) > 0 {
				cols = fmt.Sprintf("; %s has %s, which a caller could set", m.Name, strings.Join(names, ", "))
			}
			r := m.NameRange()
			modelRel = &analyzers.Related{Path: m.Path, Start: r.Start.Offset, End: r.End.Offset, Message: "model " + m.Name}
			break
		}
	}
	msg := fmt.Sprintf("%s writes %s ('%s') into '%s' as Prisma data without a schema listing the allowed fields%s.", endpointName(ep), what, src, fl.Sink.Callee, cols)
	d := analyzers.NodeDiagnostic(rules.MassAssignment, fl.SrcFile, fl.Src, msg)
	d.Key = fmt.Sprintf("%s:%s:%s", ep.Kind, ep.Name, fl.Sink.Callee)
	d.Related = []analyzers.Related{analyzers.NodeRelated(fl.Sink.File, fl.Sink.Node, "the write")}
	if modelRel != nil {
		d.Related = append(d.Related, *modelRel)
	}
	pass.Report(d)
}

func short(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "…"
	}
	if len([]rune(s)) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return s
}

func normalize(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// uniqueKeyValue reports whether a filter flow is the value of a unique field (@id or @unique) in the
// where of findUnique, update, delete or upsert: Prisma accepts only a plain value there, so a request
// value can fail the query's type check but not add operators.
func uniqueKeyValue(fl summary.Flow, schemas *prismaschema.Result) bool {
	if fl.UniqueKey == "" || fl.Sink.Model == "" || schemas == nil {
		return false
	}
	method := fl.Sink.Callee[strings.LastIndex(fl.Sink.Callee, ".")+1:]
	switch method {
	case "findUnique", "findUniqueOrThrow", "update", "delete", "upsert":
	default:
		return false
	}
	for _, set := range schemas.Sets {
		if set.Schema == nil {
			continue
		}
		m := set.Schema.ModelByClientName(fl.Sink.Model)
		if m == nil {
			continue
		}
		if f := m.Field(fl.UniqueKey); f != nil {
			return f.Attribute("id") != nil || f.Attribute("unique") != nil
		}
		// A compound key (userId_teamId): Prisma generates one only for an @@id or @@unique over those
		// fields.
		parts := strings.Split(fl.UniqueKey, "_")
		for _, p := range parts {
			if m.Field(p) == nil {
				return false
			}
		}
		return len(parts) > 1
	}
	return false
}

// idLike reports whether a value's name says it identifies a record: id, userId, team_id, documentIds.
func idLike(names ...string) bool {
	for _, n := range names {
		if i := strings.LastIndexAny(n, ".'"); i >= 0 {
			n = n[i+1:]
		}
		if n == "id" || n == "ids" || strings.HasSuffix(n, "Id") || strings.HasSuffix(n, "Ids") || strings.HasSuffix(n, "_id") || strings.HasSuffix(n, "ID") {
			return true
		}
	}
	return false
}
