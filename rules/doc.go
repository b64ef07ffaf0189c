package rules

import (
	"fmt"
	"strings"
)

// Doc is a rule's parsed help file.
//
// The help file is Markdown. Its first paragraph is the summary. A `## Examples` section holds `### Bad`
// and `### Good` subsections (a heading may go on, as in `### Bad: the id is concatenated`); each subsection
// is one example made of the fenced code blocks under it. A fence's info string names the language and the
// file path inside a minimal Next.js app: "```ts app/api/users/route.ts".
type Doc struct {
	Markdown string
	Summary  string
	Examples []Example
}

// Example is one good or bad example of a rule: a tiny app the catalog test analyses.
type Example struct {
	// Bad is true when the rule must fire on the example, false when it must stay silent.
	Bad bool
	// Title is the text after "Bad:" / "Good:" in the heading, possibly empty.
	Title string
	// Files are the example's files, in the order they appear.
	Files []ExampleFile
}

// ExampleFile is one file of an example.
type ExampleFile struct {
	Path    string
	Lang    string
	Content string
}

// parseDoc parses a help file. It returns an error when the file has no summary or an example block lacks
// a path.
func parseDoc(md string) (*Doc, error) {
	md = strings.ReplaceAll(md, "\r\n", "\n")
	d := &Doc{Markdown: strings.TrimSpace(md) + "\n"}
	lines := strings.Split(md, "\n")

	// Summary: the first paragraph that is not a heading.
	var para []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "```") {
			if len(para) > 0 {
				break
			}
			continue
		}
		para = append(para, t)
	}
	d.Summary = stripMarkdown(strings.Join(para, " "))
	if d.Summary == "" {
		return nil, fmt.Errorf("help has no summary paragraph")
	}

	inExamples := false
	var cur *Example
	var fence *ExampleFile
	var body []string
	for i, l := range lines {
		if fence != nil {
			if strings.HasPrefix(strings.TrimSpace(l), "```") {
				fence.Content = strings.Join(body, "\n") + "\n"
				cur.Files = append(cur.Files, *fence)
				fence, body = nil, nil
				continue
			}
			body = append(body, l)
			continue
		}
		switch {
		case strings.HasPrefix(l, "## "):
			inExamples = strings.EqualFold(strings.TrimSpace(l[3:]), "examples")
			cur = nil
		case inExamples && strings.HasPrefix(l, "### "):
			h := strings.TrimSpace(l[4:])
			kind, title, _ := strings.Cut(h, ":")
			switch strings.ToLower(strings.TrimSpace(kind)) {
			case "bad":
				d.Examples = append(d.Examples, Example{Bad: true, Title: strings.TrimSpace(title)})
			case "good":
				d.Examples = append(d.Examples, Example{Bad: false, Title: strings.TrimSpace(title)})
			default:
				return nil, fmt.Errorf("line %d: example heading %q must start with Bad or Good", i+1, h)
			}
			cur = &d.Examples[len(d.Examples)-1]
		case inExamples && cur != nil && strings.HasPrefix(strings.TrimSpace(l), "```"):
			info := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "```"))
			if len(info) < 2 {
				return nil, fmt.Errorf("line %d: example code block needs a language and a path (```ts app/api/x/route.ts)", i+1)
			}
			fence = &ExampleFile{Lang: info[0], Path: info[1]}
		}
	}
	if fence != nil {
		return nil, fmt.Errorf("unterminated code block in examples")
	}
	for _, ex := range d.Examples {
		if len(ex.Files) == 0 {
			return nil, fmt.Errorf("example %q has no files", ex.Title)
		}
	}
	return d, nil
}

// stripMarkdown removes inline code ticks, emphasis and link targets, for plain-text renderings. The text of
// a code span is kept as written (`page * limit`).
func stripMarkdown(s string) string {
	var b strings.Builder
	code := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '`' {
			code = !code
			continue
		}
		if code {
			b.WriteByte(c)
			continue
		}
		switch c {
		case '*':
			continue
		case '[':
			// [text](url) -> text
			if j := strings.Index(s[i:], "]("); j > 0 {
				if k := strings.IndexByte(s[i+j:], ')'); k > 0 {
					b.WriteString(s[i+1 : i+j])
					i += j + k
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// PlainText renders the help Markdown as plain text for SARIF help.text and terminals: headings keep their
// words, code fences and inline markup are dropped, code lines are indented.
func (d *Doc) PlainText() string {
	var b strings.Builder
	inFence := false
	for _, l := range strings.Split(d.Markdown, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") {
			if !inFence {
				if info := strings.Fields(strings.TrimPrefix(t, "```")); len(info) >= 2 {
					b.WriteString("    // " + info[1] + "\n")
				}
			}
			inFence = !inFence
			continue
		}
		if inFence {
			b.WriteString("    " + l + "\n")
			continue
		}
		b.WriteString(stripMarkdown(strings.TrimLeft(l, "# ")) + "\n")
	}
	return strings.TrimSpace(b.String()) + "\n"
}
