package prismaschema

import (
	"fmt"
	"strings"
	"testing"
)

// nodeRange is the range of one syntax node, named for failure messages.
type nodeRange struct {
	what string
	r    Range
}

// allRanges lists the range of every node, comment and diagnostic of f, in tree order.
func allRanges(f *File) []nodeRange {
	var out []nodeRange
	add := func(what string, r Range) { out = append(out, nodeRange{what, r}) }
	var value func(string, *Value)
	var args func(string, []*Arg)
	value = func(what string, v *Value) {
		if v == nil {
			return
		}
		add(what+" value", v.Range)
		args(what+" "+v.Text, v.Args)
		for i, e := range v.Elems {
			value(fmt.Sprintf("%s[%d]", what, i), e)
		}
	}
	args = func(what string, as []*Arg) {
		for i, a := range as {
			add(fmt.Sprintf("%s arg %d", what, i), a.Range)
			if a.Name != "" {
				add(fmt.Sprintf("%s arg %s name", what, a.Name), a.NameRange)
			}
			value(fmt.Sprintf("%s arg %d", what, i), a.Value)
		}
	}
	attrs := func(what string, as []*Attribute) {
		for _, a := range as {
			add(what+" @"+a.Name, a.Range)
			add(what+" @"+a.Name+" name", a.NameRange)
			args(what+" @"+a.Name, a.Args)
		}
	}
	for _, b := range f.Blocks {
		what := b.Kind.String() + " " + b.Name.Name
		add(what, b.Range)
		add(what+" keyword", b.Keyword)
		if b.Name.Name != "" {
			add(what+" name", b.Name.Range)
		}
		for _, p := range b.Properties {
			add(what+"."+p.Key.Name, p.Range)
			add(what+"."+p.Key.Name+" key", p.Key.Range)
			value(what+"."+p.Key.Name, p.Value)
		}
		for _, fd := range b.Fields {
			fw := what + "." + fd.Name.Name
			add(fw, fd.Range)
			add(fw+" name", fd.Name.Range)
			if fd.Type != nil {
				add(fw+" type", fd.Type.Range)
				add(fw+" type name", fd.Type.NameRange)
			}
			attrs(fw, fd.Attributes)
		}
		for _, v := range b.Values {
			add(what+"."+v.Name.Name, v.Range)
			add(what+"."+v.Name.Name+" name", v.Name.Range)
			attrs(what+"."+v.Name.Name, v.Attributes)
		}
		attrs(what, b.Attributes)
	}
	for i, c := range f.Comments {
		add(fmt.Sprintf("comment %d", i), c.Range)
	}
	for _, d := range f.Diagnostics {
		add("diagnostic "+d.Message, d.Range)
	}
	return out
}

// checkRanges fails t unless every range of f lies within the source, starts before it ends, and has the
// line and UTF-16 column that textpos computes for its offsets.
func checkRanges(t testing.TB, f *File) {
	t.Helper()
	for _, n := range allRanges(f) {
		s, e := n.r.Start, n.r.End
		if s.Offset < 0 || e.Offset > len(f.Src) || s.Offset > e.Offset {
			t.Fatalf("%s: range %d..%d outside source of %d bytes or reversed", n.what, s.Offset, e.Offset, len(f.Src))
		}
		for _, p := range []Pos{s, e} {
			line, col := f.Lines.Position(p.Offset)
			if p.Line != line || p.Column != col {
				t.Fatalf("%s: offset %d at %d:%d, textpos says %d:%d", n.what, p.Offset, p.Line, p.Column, line, col)
			}
		}
	}
}

// rs formats a range as "line:col-line:col".
func rs(r Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
}

// diags formats diagnostics one per line as "line:col: message".
func diags(f *File) string {
	var sb strings.Builder
	for _, d := range f.Diagnostics {
		fmt.Fprintf(&sb, "%d:%d: %s\n", d.Range.Start.Line, d.Range.Start.Column, d.Message)
	}
	return sb.String()
}

// source returns the text a range covers.
func source(f *File, r Range) string { return string(f.Src[r.Start.Offset:r.End.Offset]) }
