package discover

import (
	"bytes"
	"encoding/json"
	"strings"
)

// packageJSON is the part of a package.json discovery uses. Fields are decoded one by one so that a field of
// an unexpected type ("private": "true") loses only that field, not the whole file.
type packageJSON struct {
	name                 string
	private              bool
	deps                 map[string]string
	workspaces           []string
	main, module, types  string
	exports              json.RawMessage
	prismaSchema         string
	hasNextDep           bool
	hasPrismaSchemaField bool
}

// parsePackageJSON decodes a package.json. Only a document that is not a JSON object is an error.
func parsePackageJSON(data []byte) (*packageJSON, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	p := &packageJSON{}
	str := func(key string) string {
		var s string
		if v, ok := raw[key]; ok {
			_ = json.Unmarshal(v, &s)
		}
		return s
	}
	p.name = str("name")
	p.main = str("main")
	p.module = str("module")
	p.types = str("types")
	if p.types == "" {
		p.types = str("typings")
	}
	if v, ok := raw["private"]; ok {
		_ = json.Unmarshal(v, &p.private)
	}
	// Later sections win, so the order is lowest precedence first.
	for _, key := range []string{"peerDependencies", "optionalDependencies", "devDependencies", "dependencies"} {
		v, ok := raw[key]
		if !ok {
			continue
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(v, &m) != nil {
			continue
		}
		for name, ver := range m {
			var s string
			_ = json.Unmarshal(ver, &s)
			if p.deps == nil {
				p.deps = map[string]string{}
			}
			p.deps[name] = s
			if name == "next" {
				p.hasNextDep = true
			}
		}
	}
	if v, ok := raw["workspaces"]; ok {
		p.workspaces = decodeWorkspaces(v)
	}
	if v, ok := raw["exports"]; ok && string(v) != "null" {
		p.exports = append(json.RawMessage(nil), v...)
	}
	if v, ok := raw["prisma"]; ok {
		var pr struct {
			Schema json.RawMessage `json:"schema"`
		}
		if json.Unmarshal(v, &pr) == nil && pr.Schema != nil {
			p.hasPrismaSchemaField = json.Unmarshal(pr.Schema, &p.prismaSchema) == nil && p.prismaSchema != ""
		}
	}
	return p, nil
}

// decodeWorkspaces reads "workspaces": ["a/*"] or {"packages": ["a/*"]} (Yarn's form).
func decodeWorkspaces(v json.RawMessage) []string {
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return nonEmpty(list)
	}
	var obj struct {
		Packages []string `json:"packages"`
	}
	if json.Unmarshal(v, &obj) == nil {
		return nonEmpty(obj.Packages)
	}
	return nil
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (p *packageJSON) dependsOnNext() bool { return p.hasNextDep }

// parsePnpmWorkspace extracts the "packages" list of a pnpm-workspace.yaml. It understands the forms pnpm
// documents — a block sequence under a top-level "packages:" key, or a flow sequence on the same line — with
// quoted or plain items and # comments; it is not a YAML parser.
func parsePnpmWorkspace(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(string(data)), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if !strings.HasPrefix(line, "packages:") {
			continue
		}
		rest := strings.TrimSpace(stripYAMLComment(line[len("packages:"):]))
		if strings.HasPrefix(rest, "[") {
			rest = strings.TrimSuffix(strings.TrimPrefix(rest, "["), "]")
			for _, item := range strings.Split(rest, ",") {
				if s := unquoteYAML(strings.TrimSpace(item)); s != "" {
					out = append(out, s)
				}
			}
			return out
		}
		for i++; i < len(lines); i++ {
			l := stripYAMLComment(lines[i])
			t := strings.TrimSpace(l)
			if t == "" {
				continue
			}
			if !strings.HasPrefix(t, "-") {
				if l[0] != ' ' && l[0] != '\t' {
					break // the next top-level key
				}
				continue
			}
			if s := unquoteYAML(strings.TrimSpace(t[1:])); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return out
}

// stripYAMLComment removes a " #" comment that is not inside quotes.
func stripYAMLComment(s string) string {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return s[:i]
		}
	}
	return s
}

func unquoteYAML(s string) string {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
