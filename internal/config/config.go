package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/archlint/archlint/internal/processors"
)

// FileNames are the names of a configuration file, in the order they are looked for.
var FileNames = []string{"archlint.yaml", ".archlint.yaml", "archlint.json"}

// DefaultBaselineName is the baseline file's name when the configuration does not name one.
const DefaultBaselineName = ".archlint-baseline.json"

// DefaultMinReasonLength is the fewest non-space characters of a reason (suppression directives, public
// endpoints) unless suppressions.minReasonLength says otherwise.
const DefaultMinReasonLength = 10

// Config is a configuration file as written, checked against the schema and against the rule catalog.
// The zero value is the empty configuration: every rule at its default severity, nothing excluded.
type Config struct {
	// Path is the file it was read from; "" for the empty configuration.
	Path string
	// Version is the format version (1), or 0 when the file does not say.
	Version int
	// Rules are the rule entries in file order.
	Rules []RuleEntry
	// Exclude are globs of paths whose findings are not reported.
	Exclude []string
	// FailOn is "error", "warning", "note", "none", or "" when not set.
	FailOn string
	// Baseline is the baseline file as written (relative to the configuration file's directory), or "".
	Baseline string
	// Guards are the user's own control functions.
	Guards Guards
	// Public are the endpoints public by design.
	Public []Public
	// Suppressions tune inline suppression directives.
	Suppressions Suppressions
}

// RuleEntry is one entry of `rules:`.
type RuleEntry struct {
	// Pattern is a rule ID, alias or glob.
	Pattern string
	// Severity is "error", "warning", "note", "off", or "" when the entry does not set it.
	Severity string
	// Exclude are globs of paths where the rule's findings are not reported.
	Exclude []string
	// Line is the entry's line in the file (0 when not read from a file).
	Line int
}

// Guards are functions that provide controls, by control, and wrappers.
type Guards struct {
	Auth          []Guard   `yaml:"auth,omitempty"`
	Validation    []Guard   `yaml:"validation,omitempty"`
	RateLimit     []Guard   `yaml:"rateLimit,omitempty"`
	ErrorHandling []Guard   `yaml:"errorHandling,omitempty"`
	Wrappers      []Wrapper `yaml:"wrappers,omitempty"`
}

// Guard names a function by the import specifier it comes from and its exported name.
type Guard struct {
	From string `yaml:"from"`
	Name string `yaml:"name"`
}

// Wrapper is a higher-order function whose returned handler runs the controls it provides.
type Wrapper struct {
	From     string   `yaml:"from"`
	Name     string   `yaml:"name"`
	Provides []string `yaml:"provides,flow"`
}

// Public declares endpoints public by design: by URL pattern or file glob, with the reason.
type Public struct {
	URL    string `yaml:"url,omitempty"`
	File   string `yaml:"file,omitempty"`
	Reason string `yaml:"reason"`
}

// Suppressions tune inline suppression directives.
type Suppressions struct {
	// MinReasonLength is the fewest non-space characters of a reason; 0 means the default.
	MinReasonLength int `yaml:"minReasonLength,omitempty"`
}

// Problem is one mistake in a configuration file.
type Problem struct {
	Line, Col int
	// Key is where the mistake is, as a key path (guards.auth[0].from), or "" for the whole file.
	Key string
	Msg string
}

// Error lists the problems of a configuration file. Each line of its text is "file:line:col: key: problem".
type Error struct {
	File     string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s:%d:%d: ", e.File, p.Line, p.Col)
		if p.Key != "" {
			b.WriteString(p.Key + ": ")
		}
		b.WriteString(p.Msg)
	}
	return b.String()
}

// Find looks for a configuration file in each directory, in order, and returns the first one found, or ""
// when there is none. Two configuration files in the same directory are an error: which one applies would
// be a guess.
func Find(dirs ...string) (string, error) {
	for _, dir := range dirs {
		var found []string
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				found = append(found, p)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		default:
			return "", fmt.Errorf("%s contains several configuration files (%s); keep one", dir, strings.Join(baseNames(found), ", "))
		}
	}
	return "", nil
}

func baseNames(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = filepath.Base(p)
	}
	return out
}

// Load reads and checks a configuration file. Errors in the file are an *Error naming file, line and key;
// an unreadable file is a plain error.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("configuration file %s: %v", path, pe.Err)
		}
		return nil, err
	}
	return Parse(path, data)
}

// Parse checks configuration text read from path (YAML, or JSON, which is YAML's flow style): the syntax,
// the schema (unknown keys, wrong types), then what the schema cannot say (rule IDs exist, globs are
// valid, reasons are long enough).
func Parse(path string, data []byte) (*Config, error) {
	fail := func(ps ...Problem) error { return &Error{File: path, Problems: ps} }
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fail(syntaxProblem(err))
	}
	if root.Kind == 0 { // empty file
		return &Config{Path: path}, nil
	}
	v, p := toValue(&root, nil)
	if p != nil {
		return nil, fail(*p)
	}
	if v == nil {
		return &Config{Path: path}, nil
	}
	ps, err := validate(&root, v)
	if err != nil {
		return nil, err
	}
	if len(ps) > 0 {
		return nil, fail(ps...)
	}
	c, ps := decode(&root)
	c.Path = path
	ps = append(ps, c.check(&root)...)
	if len(ps) > 0 {
		return nil, fail(ps...)
	}
	return c, nil
}

// decode reads the schema-checked nodes into a Config.
func decode(root *yaml.Node) (*Config, []Problem) {
	c := &Config{}
	doc := valueNode(root, nil)
	var ps []Problem
	dec := func(key string, dst any) {
		if n := valueNode(doc, []string{key}); n != nil {
			if err := n.Decode(dst); err != nil {
				ps = append(ps, at(doc, []string{key}, err.Error()))
			}
		}
	}
	dec("version", &c.Version)
	dec("exclude", &c.Exclude)
	dec("failOn", &c.FailOn)
	dec("baseline", &c.Baseline)
	dec("guards", &c.Guards)
	dec("public", &c.Public)
	dec("suppressions", &c.Suppressions)
	if rs := valueNode(doc, []string{"rules"}); rs != nil && rs.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(rs.Content); i += 2 {
			k, v := rs.Content[i], rs.Content[i+1]
			for v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			e := RuleEntry{Pattern: k.Value, Line: k.Line}
			if v.Kind == yaml.ScalarNode {
				e.Severity = v.Value
			} else {
				var s struct {
					Severity string   `yaml:"severity"`
					Exclude  []string `yaml:"exclude"`
				}
				if err := v.Decode(&s); err != nil {
					ps = append(ps, Problem{Line: v.Line, Col: v.Column, Key: "rules." + k.Value, Msg: err.Error()})
				}
				e.Severity, e.Exclude = s.Severity, s.Exclude
			}
			c.Rules = append(c.Rules, e)
		}
	}
	return c, ps
}

// check reports what the schema cannot: rule patterns that name no rule, invalid globs, short reasons.
func (c *Config) check(root *yaml.Node) []Problem {
	var ps []Problem
	add := func(ptr []string, msg string) { ps = append(ps, at(root, ptr, msg)) }
	for _, e := range c.Rules {
		if _, err := MatchRules(e.Pattern); err != nil {
			ps = append(ps, atKey(root, []string{"rules"}, e.Pattern, err.Error()))
		}
		for i, g := range e.Exclude {
			if err := processors.ValidateGlobs([]string{g}); err != nil {
				add([]string{"rules", e.Pattern, "exclude", fmt.Sprint(i)}, err.Error())
			}
		}
	}
	for i, g := range c.Exclude {
		if err := processors.ValidateGlobs([]string{g}); err != nil {
			add([]string{"exclude", fmt.Sprint(i)}, err.Error())
		}
	}
	min := c.MinReasonLength()
	for i, p := range c.Public {
		if p.File != "" {
			if err := processors.ValidateGlobs([]string{p.File}); err != nil {
				add([]string{"public", fmt.Sprint(i), "file"}, err.Error())
			}
		}
		if n := nonSpace(p.Reason); n < min {
			add([]string{"public", fmt.Sprint(i), "reason"},
				fmt.Sprintf("the reason needs at least %d characters (spaces not counted); say why the endpoint is public", min))
		}
	}
	return ps
}

// MinReasonLength returns the configured or default minimum reason length.
func (c *Config) MinReasonLength() int {
	if c.Suppressions.MinReasonLength > 0 {
		return c.Suppressions.MinReasonLength
	}
	return DefaultMinReasonLength
}

// BaselinePath returns the baseline file the configuration names, resolved against the configuration
// file's directory, or "".
func (c *Config) BaselinePath() string {
	if c.Baseline == "" {
		return ""
	}
	if filepath.IsAbs(c.Baseline) || c.Path == "" {
		return filepath.FromSlash(c.Baseline)
	}
	return filepath.Join(filepath.Dir(c.Path), filepath.FromSlash(c.Baseline))
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}
