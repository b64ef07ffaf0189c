package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The configuration is parsed into yaml.v3 Nodes, which remember lines and columns, and converted from them
// into the plain values (maps, slices, strings, numbers) the JSON Schema validator reads. A validation
// error names a JSON pointer into those values; the same pointer walks the Nodes back to a line. JSON
// configuration files go through the same path: JSON is YAML's flow style.

// toValue converts a node to a JSON-like value: map[string]any, []any, string, bool, int64, float64 or
// nil. Mapping keys must be strings and unique; anchors and aliases are followed; entries with an empty
// (null) value are left out.
func toValue(n *yaml.Node, path []string) (any, *Problem) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return map[string]any{}, nil
		}
		return toValue(n.Content[0], path)
	case yaml.AliasNode:
		return toValue(n.Alias, path)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		seen := make(map[string]bool, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				return nil, &Problem{Line: k.Line, Col: k.Column, Key: keyPath(path), Msg: "keys must be plain strings"}
			}
			if seen[k.Value] {
				return nil, &Problem{Line: k.Line, Col: k.Column, Key: keyPath(path), Msg: fmt.Sprintf("duplicate key %q", k.Value)}
			}
			seen[k.Value] = true
			val, p := toValue(v, append(path, k.Value))
			if p != nil {
				return nil, p
			}
			if val == nil {
				// A key left empty ("exclude:" with its items commented out) is as good as absent.
				continue
			}
			m[k.Value] = val
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			val, p := toValue(c, append(path, strconv.Itoa(i)))
			if p != nil {
				return nil, p
			}
			s[i] = val
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool", "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err == nil {
				if i, ok := v.(int); ok {
					return int64(i), nil
				}
				return v, nil
			}
		}
		return n.Value, nil
	}
	return nil, &Problem{Line: n.Line, Col: n.Column, Key: keyPath(path), Msg: "unsupported YAML node"}
}

// valueNode returns the node at a JSON pointer (as tokens) below n, or nil.
func valueNode(n *yaml.Node, ptr []string) *yaml.Node {
	for n != nil && (n.Kind == yaml.DocumentNode || n.Kind == yaml.AliasNode) {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		} else if len(n.Content) > 0 {
			n = n.Content[0]
		} else {
			return nil
		}
	}
	if len(ptr) == 0 || n == nil {
		return n
	}
	switch n.Kind {
	case yaml.MappingNode:
		if k := keyNode(n, ptr[0]); k != nil {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i] == k {
					return valueNode(n.Content[i+1], ptr[1:])
				}
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(ptr[0]); err == nil && i >= 0 && i < len(n.Content) {
			return valueNode(n.Content[i], ptr[1:])
		}
	}
	return nil
}

// keyNode returns the key node of a mapping entry, or nil.
func keyNode(m *yaml.Node, key string) *yaml.Node {
	for m != nil && m.Kind == yaml.AliasNode {
		m = m.Alias
	}
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

// keyPath renders a pointer as the key users see: guards.auth[0].from, rules."auth/*".
func keyPath(ptr []string) string {
	var b strings.Builder
	for _, t := range ptr {
		if _, err := strconv.Atoi(t); err == nil && b.Len() > 0 {
			fmt.Fprintf(&b, "[%s]", t)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

// yamlLine extracts the line of a yaml.v3 syntax error ("yaml: line 3: did not find expected key").
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

func syntaxProblem(err error) Problem {
	msg := err.Error()
	p := Problem{Line: 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			p.Line, _ = strconv.Atoi(m[1])
		}
		msg = msg[len(m[0]):]
	}
	p.Msg = "invalid syntax: " + msg
	return p
}
