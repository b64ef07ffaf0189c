package config

import (
	"bytes"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Print renders the effective configuration as YAML that is itself a valid configuration file: every
// catalog rule with its effective severity (and, in a comment, the entry it comes from), the defaults
// filled in, guards and public endpoints as configured. The output depends only on c, so it is
// deterministic. header lines are written first, as comments.
func Print(c *Config, header ...string) []byte {
	doc := mapping()
	add(doc, "version", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "1"})
	failOn := c.FailOn
	if failOn == "" {
		failOn = "error"
	}
	add(doc, "failOn", scalar(failOn))
	if len(c.Exclude) > 0 {
		add(doc, "exclude", strList(c.Exclude, false))
	}
	if c.Baseline != "" {
		add(doc, "baseline", scalar(c.Baseline))
	}
	rs := mapping()
	for _, s := range c.Settings() {
		sev := s.Severity.String()
		if !s.Enabled {
			sev = "off"
		}
		var v *yaml.Node
		if len(s.Exclude) == 0 {
			v = scalar(sev)
		} else {
			v = mapping()
			add(v, "severity", scalar(sev))
			add(v, "exclude", strList(s.Exclude, false))
		}
		k := scalar(s.Rule.ID)
		if s.From == "" {
			k.LineComment = "default"
		} else if s.From != s.Rule.ID {
			k.LineComment = "from " + s.From
		}
		rs.Content = append(rs.Content, k, v)
	}
	add(doc, "rules", rs)
	g := mapping()
	guards := func(key string, gs []Guard) {
		if len(gs) == 0 {
			return
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, x := range gs {
			m := flowMapping()
			add(m, "from", quoted(x.From))
			add(m, "name", scalar(x.Name))
			seq.Content = append(seq.Content, m)
		}
		add(g, key, seq)
	}
	guards("auth", c.Guards.Auth)
	guards("validation", c.Guards.Validation)
	guards("rateLimit", c.Guards.RateLimit)
	guards("errorHandling", c.Guards.ErrorHandling)
	if len(c.Guards.Wrappers) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, w := range c.Guards.Wrappers {
			m := flowMapping()
			add(m, "from", quoted(w.From))
			add(m, "name", scalar(w.Name))
			add(m, "provides", strList(w.Provides, true))
			seq.Content = append(seq.Content, m)
		}
		add(g, "wrappers", seq)
	}
	if len(g.Content) > 0 {
		add(doc, "guards", g)
	}
	if len(c.Public) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, p := range c.Public {
			m := mapping()
			if p.URL != "" {
				add(m, "url", quoted(p.URL))
			}
			if p.File != "" {
				add(m, "file", quoted(p.File))
			}
			add(m, "reason", quoted(p.Reason))
			seq.Content = append(seq.Content, m)
		}
		add(doc, "public", seq)
	}
	sup := mapping()
	add(sup, "minReasonLength", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(c.MinReasonLength())})
	add(doc, "suppressions", sup)

	var b bytes.Buffer
	for _, h := range header {
		fmt.Fprintf(&b, "# %s\n", h)
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		// Encoding nodes built above cannot fail; a failure is a programming error.
		panic(fmt.Sprintf("config: printing: %v", err))
	}
	_ = enc.Close()
	return b.Bytes()
}

func mapping() *yaml.Node     { return &yaml.Node{Kind: yaml.MappingNode} }
func flowMapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle} }

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

func strList(ss []string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, s := range ss {
		n.Content = append(n.Content, quoted(s))
	}
	return n
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, scalar(key), v)
}
