package config

import (
	"bytes"
	_ "embed"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"gopkg.in/yaml.v3"
)

// Schema is the JSON Schema of the configuration file. docs/schemas/archlint-config.v1.json is a copy
// that a test keeps identical; `archlint config schema` prints it.
//
//go:embed archlint-config.v1.json
var Schema []byte

// SchemaURL is the schema's $id: where editors fetch it from (the yaml-language-server modeline).
const SchemaURL = "https://raw.githubusercontent.com/archlint/archlint/main/docs/schemas/archlint-config.v1.json"

var (
	schemaOnce sync.Once
	schemaC    *jsonschema.Schema
	schemaDoc  any
	schemaErr  error
)

func compiled() (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		schemaDoc, schemaErr = jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
		if schemaErr != nil {
			return
		}
		c := jsonschema.NewCompiler()
		if schemaErr = c.AddResource(SchemaURL, schemaDoc); schemaErr != nil {
			return
		}
		schemaC, schemaErr = c.Compile(SchemaURL)
	})
	return schemaC, schemaErr
}

// validate checks a value against the schema and returns the problems located in the YAML nodes, sorted
// by position.
func validate(root *yaml.Node, v any) ([]Problem, error) {
	sch, err := compiled()
	if err != nil {
		return nil, fmt.Errorf("internal error: configuration schema: %v", err)
	}
	err = sch.Validate(v)
	if err == nil {
		return nil, nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil, err
	}
	var out []Problem
	seen := map[string]bool{}
	for _, p := range problems(root, ve) {
		k := fmt.Sprintf("%d:%d:%s:%s", p.Line, p.Col, p.Key, p.Msg)
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out, nil
}

// problems turns a validation error tree into located problems, choosing among the branches of anyOf and
// oneOf the one the user most plausibly meant.
func problems(root *yaml.Node, e *jsonschema.ValidationError) []Problem {
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		if one, ok := k.(*kind.OneOf); ok && one.Subschemas != nil {
			msg := "matches more than one form; give only one of them"
			if strings.Contains(e.SchemaURL, "/$defs/public") {
				msg = "give either url or file, not both"
			}
			return []Problem{at(root, e.InstanceLocation, msg)}
		}
		return alternatives(root, e)
	}
	if _, ok := e.ErrorKind.(*kind.PropertyNames); ok || len(e.Causes) == 0 {
		return leaf(root, e)
	}
	var out []Problem
	for _, c := range e.Causes {
		out = append(out, problems(root, c)...)
	}
	return out
}

// alternatives explains a failed anyOf/oneOf. Branches that failed deeper inside the value (the user chose
// that form and got a detail wrong) win; when every branch failed at the value itself, the message lists
// what the value may be.
func alternatives(root *yaml.Node, e *jsonschema.ValidationError) []Problem {
	depth := func(c *jsonschema.ValidationError) int {
		d := len(c.InstanceLocation)
		for _, cc := range c.Causes {
			d = max(d, maxDepth(cc))
		}
		return d
	}
	// A branch whose type fits the value is the one the user meant.
	var fit []*jsonschema.ValidationError
	for _, c := range e.Causes {
		if fits(c, valueNode(root, e.InstanceLocation), len(e.InstanceLocation)) {
			fit = append(fit, c)
		}
	}
	if len(fit) == 1 {
		return problems(root, fit[0])
	}
	best, bestD := []*jsonschema.ValidationError(nil), -1
	for _, c := range e.Causes {
		switch d := depth(c); {
		case d > bestD:
			best, bestD = []*jsonschema.ValidationError{c}, d
		case d == bestD:
			best = append(best, c)
		}
	}
	if len(best) == 1 && bestD > len(e.InstanceLocation) {
		return problems(root, best[0])
	}
	var want, missing []string
	for _, c := range flatten(e.Causes) {
		switch k := c.ErrorKind.(type) {
		case *kind.Type:
			for _, w := range k.Want {
				want = append(want, typeWord(w))
			}
		case *kind.Enum:
			want = append(want, "one of "+enumList(k.Want))
		case *kind.Required:
			missing = append(missing, k.Missing...)
		}
	}
	if len(missing) > 0 && len(want) == 0 {
		return []Problem{at(root, e.InstanceLocation, "needs one of the keys "+quoteList(missing, " or "))}
	}
	if len(want) > 0 {
		return []Problem{at(root, e.InstanceLocation, "must be "+strings.Join(want, ", or ")+got(valueAt(root, e.InstanceLocation)))}
	}
	var out []Problem
	for _, c := range best {
		out = append(out, problems(root, c)...)
	}
	return out
}

// fits reports whether a failed branch of an alternative failed for a reason other than the kind of the
// value at the alternative's location (a Type error there, or an enum of scalars against a mapping or list).
func fits(c *jsonschema.ValidationError, n *yaml.Node, depth int) bool {
	for _, l := range flatten([]*jsonschema.ValidationError{c}) {
		if len(l.InstanceLocation) != depth {
			continue
		}
		switch l.ErrorKind.(type) {
		case *kind.Type:
			return false
		case *kind.Enum, *kind.Const:
			if n != nil && n.Kind != yaml.ScalarNode {
				return false
			}
		}
	}
	return true
}

func maxDepth(e *jsonschema.ValidationError) int {
	d := len(e.InstanceLocation)
	for _, c := range e.Causes {
		d = max(d, maxDepth(c))
	}
	return d
}

func flatten(es []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	var out []*jsonschema.ValidationError
	for _, e := range es {
		if len(e.Causes) == 0 {
			out = append(out, e)
		} else {
			out = append(out, flatten(e.Causes)...)
		}
	}
	return out
}

// leaf explains one failed keyword.
func leaf(root *yaml.Node, e *jsonschema.ValidationError) []Problem {
	loc := e.InstanceLocation
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		allowed := allowedKeys(e.SchemaURL)
		var out []Problem
		for _, p := range k.Properties {
			msg := fmt.Sprintf("unknown key %q", p)
			if s := Suggest(p, allowed); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else if len(allowed) > 0 {
				msg += " (known keys: " + strings.Join(allowed, ", ") + ")"
			}
			out = append(out, atKey(root, loc, p, msg))
		}
		return out
	case *kind.Required:
		return []Problem{at(root, loc, "missing required key "+quoteList(k.Missing, " and "))}
	case *kind.Type:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = typeWord(w)
		}
		return []Problem{at(root, loc, "must be "+strings.Join(want, " or ")+", not "+typeWord(k.Got))}
	case *kind.Enum:
		msg := "must be one of " + enumList(k.Want) + got(valueAt(root, loc))
		if g, ok := k.Got.(string); ok {
			var want []string
			for _, w := range k.Want {
				want = append(want, fmt.Sprint(w))
			}
			if s := Suggest(g, want); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
		}
		return []Problem{at(root, loc, msg)}
	case *kind.Const:
		return []Problem{at(root, loc, fmt.Sprintf("must be %v%s", k.Want, got(valueAt(root, loc))))}
	case *kind.MinLength:
		return []Problem{at(root, loc, "must not be empty")}
	case *kind.MinProperties:
		return []Problem{at(root, loc, "must not be empty")}
	case *kind.MinItems:
		return []Problem{at(root, loc, fmt.Sprintf("needs at least %d item(s)", k.Want))}
	case *kind.UniqueItems:
		return []Problem{at(root, loc, fmt.Sprintf("lists the same value twice (items %d and %d)", k.Duplicates[0]+1, k.Duplicates[1]+1))}
	case *kind.Minimum:
		return []Problem{at(root, loc, "must be at least "+ratString(k.Want))}
	case *kind.Maximum:
		return []Problem{at(root, loc, "must be at most "+ratString(k.Want))}
	case *kind.Pattern:
		switch {
		case strings.HasPrefix(k.Want, "^/"):
			return []Problem{at(root, loc, fmt.Sprintf("must start with \"/\" (got %q)", k.Got))}
		default:
			return []Problem{at(root, loc, fmt.Sprintf("%q is not a rule ID or glob; write category/name (security/raw-sql-injection) or a glob (auth/*)", k.Got))}
		}
	case *kind.PropertyNames:
		msg := fmt.Sprintf("%q is not a rule ID or glob; write category/name or a glob such as auth/*", k.Property)
		if !IsGlob(k.Property) {
			msg += suggestRule(k.Property)
		}
		return []Problem{atKey(root, loc, k.Property, msg)}
	}
	return []Problem{at(root, loc, "does not match the schema (keyword "+strings.Join(e.ErrorKind.KeywordPath(), "/")+")")}
}

// at locates a problem at the value of a pointer.
func at(root *yaml.Node, ptr []string, msg string) Problem {
	p := Problem{Key: keyPath(ptr), Msg: msg, Line: 1, Col: 1}
	// Fall back to the nearest ancestor that exists.
	for i := len(ptr); i >= 0; i-- {
		if n := valueNode(root, ptr[:i]); n != nil {
			p.Line, p.Col = n.Line, n.Column
			break
		}
	}
	return p
}

// atKey locates a problem at the key of an entry of the mapping at ptr.
func atKey(root *yaml.Node, ptr []string, key, msg string) Problem {
	p := at(root, ptr, msg)
	if k := keyNode(valueNode(root, ptr), key); k != nil {
		p.Line, p.Col = k.Line, k.Column
	}
	return p
}

func valueAt(root *yaml.Node, ptr []string) *yaml.Node { return valueNode(root, ptr) }

// got renders the offending scalar value: ` (got "warn")`.
func got(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return fmt.Sprintf(" (got %q)", n.Value)
}

func typeWord(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "string":
		return "a string"
	case "integer":
		return "an integer"
	case "number":
		return "a number"
	case "boolean":
		return "a boolean"
	case "null":
		return "empty"
	}
	return t
}

func enumList(vs []any) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}

func quoteList(s []string, last string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + last + q[len(q)-1]
}

func ratString(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(3)
}

// allowedKeys returns the property names the schema at a schema URL (…json#/$defs/guard) declares, sorted.
func allowedKeys(schemaURL string) []string {
	_, frag, _ := strings.Cut(schemaURL, "#")
	var node any = schemaDoc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[tok]
	}
	m, _ := node.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
