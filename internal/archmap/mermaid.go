package archmap

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/report"
)

// Mermaid quirks: a flowchart label is safest in double quotes, where [, ], (, ), {, }, | and ; lose their
// shape meaning; a double quote cannot be escaped with a backslash but only with an entity code (#quot;),
// and Mermaid decodes "#…;" entity codes anywhere in a label, so "#" itself is written #35;. With
// htmlLabels (the default, and GitHub's) < > & would be read as HTML. A node ID must not be a keyword
// ("end", "graph", "subgraph", …), which the prefixes ep_, g_, p_ and m_ rule out. Extra dashes in a link
// (--->) make it span more ranks, which is how models end up in a column right of the guards.

// Mermaid writes the map as a Mermaid flowchart, left to right: endpoints, then the guards and public
// reasons their authentication rests on, then the Prisma models they touch.
//
//	ep_PATCH_api_projects_id["PATCH /api/projects/#91;id#93;"]:::missing
//	g_next_auth_getServerSession_via_requireUser{{"next-auth getServerSession (via requireUser)"}}:::guard
//	m_Project[("Project")]:::model
//	ep_POST_api_projects --> g_next_auth_getServerSession_via_requireUser
//	ep_PATCH_api_projects_id ---> m_Project
//
// An endpoint whose authentication is missing is drawn red (class missing) and its label starts with "⚠";
// public endpoints link to a node naming the reason (class public); unknown ones are amber. With several
// apps, each app's endpoints are in a subgraph titled with its directory. Node IDs are
// derived from the endpoint (method, URL or action name and file), the guard text and the model name, so
// they stay the same when other endpoints come or go; a collision gets a numeric suffix. Every label is
// quoted and escaped.
func Mermaid(w io.Writer, r *report.Report, opt Options) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("flowchart LR\n")
	ids := idSet{}
	type node struct{ id, def string }
	var endpoints []string // node definitions, and subgraph lines when grouped by app
	guards := map[string]*node{}
	models := map[string]*node{}
	var edges []string
	for _, g := range groups(r, opt) {
		if g.title != "" {
			endpoints = append(endpoints, fmt.Sprintf("  subgraph %s[\"%s\"]", ids.id("app_", g.title), mmLabel(g.title)))
		}
		for _, rw := range g.rows {
			auth, hasAuth := rw.ep.Controls["auth"]
			label := strings.TrimSpace(rw.method + " " + rw.endpoint)
			switch rw.ep.Kind {
			case "server-action":
				label = "action " + rw.endpoint + " · " + rw.ep.Location.Path
			case "middleware":
				label = "middleware · " + rw.ep.Location.Path
			}
			class := "endpoint"
			if hasAuth {
				switch auth.Status {
				case "missing":
					class = "missing"
					label = "⚠ " + label
				case "unknown", "partial":
					class = "unknown"
				case "public":
					class = "public"
				}
			}
			key := rw.method + " " + rw.endpoint
			if rw.ep.Kind == "server-action" || rw.ep.Kind == "middleware" {
				key = rw.endpoint + " " + rw.ep.Location.Path // not the line: IDs survive edits above
			}
			id := ids.id("ep_", key)
			endpoints = append(endpoints, fmt.Sprintf("  %s[\"%s\"]:::%s", id, mmLabel(label), class))
			if hasAuth && (auth.Status == "present" || auth.Status == "public" || auth.Status == "partial") && auth.How != "" {
				prefix, shape, cls := "g_", "{{\"%s\"}}", "guard"
				text := shortHow(auth.How)
				if auth.Status == "public" {
					prefix, shape, cls = "p_", "([\"%s\"])", "public"
					text = "public: " + text
				}
				n, ok := guards[prefix+text]
				if !ok {
					gid := ids.id(prefix, text)
					n = &node{id: gid, def: fmt.Sprintf("  %s"+shape+":::%s", gid, mmLabel(text), cls)}
					guards[prefix+text] = n
				}
				edges = append(edges, fmt.Sprintf("  %s --> %s", id, n.id))
			}
			for _, m := range rw.models {
				n, ok := models[m]
				if !ok {
					mid := ids.id("m_", m)
					n = &node{id: mid, def: fmt.Sprintf("  %s[(\"%s\")]:::model", mid, mmLabel(m))}
					models[m] = n
				}
				edges = append(edges, fmt.Sprintf("  %s ---> %s", id, n.id))
			}
		}
		if g.title != "" {
			endpoints = append(endpoints, "  end")
		}
	}
	if len(r.Endpoints) == 0 {
		bw.WriteString("  none[\"No endpoints found\"]\n")
		return bw.Flush()
	}
	bw.WriteString("  %% endpoints\n")
	for _, e := range endpoints {
		bw.WriteString(e + "\n")
	}
	writeNodes := func(comment string, m map[string]*node) {
		if len(m) == 0 {
			return
		}
		bw.WriteString("  %% " + comment + "\n")
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			bw.WriteString(m[k].def + "\n")
		}
	}
	writeNodes("guards and public reasons", guards)
	writeNodes("Prisma models", models)
	if len(edges) > 0 {
		bw.WriteString("  %% authentication (-->) and data access (--->)\n")
		for _, e := range edges {
			bw.WriteString(e + "\n")
		}
	}
	bw.WriteString(`  classDef endpoint fill:#eef2ff,stroke:#6366f1,color:#1e1b4b
  classDef missing fill:#fee2e2,stroke:#dc2626,stroke-width:2px,color:#7f1d1d
  classDef unknown fill:#fef3c7,stroke:#d97706,color:#78350f
  classDef public fill:#ecfeff,stroke:#0891b2,color:#164e63
  classDef guard fill:#dcfce7,stroke:#16a34a,color:#14532d
  classDef model fill:#f3f4f6,stroke:#4b5563,color:#111827
`)
	return bw.Flush()
}

// idSet hands out unique node IDs.
type idSet map[string]int

// id returns prefix + a slug of s (ASCII letters, digits and "_"), with a numeric suffix when the slug is
// taken.
func (ids idSet) id(prefix, s string) string {
	var b strings.Builder
	b.WriteString(prefix)
	under := true
	for _, r := range s {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			under = false
		} else if !under {
			b.WriteByte('_')
			under = true
		}
	}
	base := strings.TrimRight(b.String(), "_")
	if len(base) > 80 {
		base = strings.TrimRight(base[:80], "_")
	}
	ids[base]++
	if n := ids[base]; n > 1 {
		id := fmt.Sprintf("%s_%d", base, n)
		for ids[id] > 0 {
			n++
			id = fmt.Sprintf("%s_%d", base, n)
		}
		ids[id]++
		return id
	}
	return base
}

// mmEntities are the characters written as entity codes inside a quoted label.
var mmEntities = map[rune]string{
	'"': "#quot;", '#': "#35;", '&': "#amp;", '<': "#lt;", '>': "#gt;",
	'[': "#91;", ']': "#93;", '(': "#40;", ')': "#41;", '{': "#123;", '}': "#125;", '|': "#124;",
	'`': "#96;", ';': "#59;",
}

// mmLabel escapes s for a double-quoted Mermaid label.
func mmLabel(s string) string {
	var b strings.Builder
	for _, r := range sanitizeLine(s) {
		if e, ok := mmEntities[r]; ok {
			b.WriteString(e)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
