package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/archlint/archlint/internal/report"
)

// Suppressions are written by editing the encoded log rather than through go-sarif, whose Suppression type
// writes null for every unset field (GOSARIF-05) and whose Result drops an empty suppressions array
// (omitempty, GOSARIF-12). SARIF §3.27.23 wants the suppressions of a run's results all null or all
// non-null, so in IncludeSuppressed mode every result gets an array: [] when the finding is not
// suppressed. Object members keep their order, so the output stays as readable as go-sarif's.

// suppression is a SARIF suppression object (§3.35) with nothing left null.
type suppression struct {
	Kind          string            `json:"kind"`
	Status        string            `json:"status"`
	Justification string            `json:"justification,omitempty"`
	Location      *gosarif.Location `json:"location,omitempty"`
}

// spliceSuppressions adds a "suppressions" member to every result of the single run in raw (compact JSON
// as encoded by Marshal). emitted are the findings in result order.
func spliceSuppressions(raw []byte, emitted []report.Finding) ([]byte, error) {
	return editMember(raw, "runs", func(runs []byte) ([]byte, error) {
		return editElements(runs, func(i int, run []byte) ([]byte, error) {
			return editMember(run, "results", func(results []byte) ([]byte, error) {
				return editElements(results, func(i int, res []byte) ([]byte, error) {
					if i >= len(emitted) {
						return nil, fmt.Errorf("sarif: result %d has no finding", i)
					}
					sups, err := suppressionsOf(&emitted[i])
					if err != nil {
						return nil, err
					}
					v, err := encodeCompact(sups)
					if err != nil {
						return nil, err
					}
					return setMember(res, "suppressions", v)
				})
			})
		})
	})
}

func suppressionsOf(f *report.Finding) ([]suppression, error) {
	s := f.Suppression
	if s == nil {
		return []suppression{}, nil
	}
	if s.Kind != "inSource" && s.Kind != "external" {
		return nil, fmt.Errorf("sarif: finding %s at %s: suppression kind %q, want inSource or external", f.RuleID, f.Location.Path, s.Kind)
	}
	out := suppression{Kind: s.Kind, Status: "accepted", Justification: s.Justification}
	if s.Location != nil {
		loc, err := location(s.Location)
		if err != nil {
			return nil, fmt.Errorf("sarif: finding %s, suppression: %w", f.RuleID, err)
		}
		out.Location = loc
	}
	return []suppression{out}, nil
}

func encodeCompact(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// member is one name/value pair of a JSON object, in document order.
type member struct {
	name  string
	value json.RawMessage
}

func decodeObject(raw []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("sarif: expected a JSON object")
	}
	var ms []member
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		ms = append(ms, member{name, v})
	}
	return ms, nil
}

func encodeObject(ms []member) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := encodeCompact(m.name)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// editMember replaces the value of member name of the object raw with edit(value). The member must exist.
func editMember(raw []byte, name string, edit func([]byte) ([]byte, error)) ([]byte, error) {
	ms, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	for i := range ms {
		if ms[i].name == name {
			v, err := edit(ms[i].value)
			if err != nil {
				return nil, err
			}
			ms[i].value = v
			return encodeObject(ms)
		}
	}
	return nil, fmt.Errorf("sarif: encoded log has no %q member", name)
}

// setMember sets member name of the object raw to value, replacing it or appending it.
func setMember(raw []byte, name string, value []byte) ([]byte, error) {
	ms, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	for i := range ms {
		if ms[i].name == name {
			ms[i].value = value
			return encodeObject(ms)
		}
	}
	return encodeObject(append(ms, member{name, value}))
}

// editElements replaces each element of the array raw with edit(i, element).
func editElements(raw []byte, edit func(int, []byte) ([]byte, error)) ([]byte, error) {
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i, e := range elems {
		v, err := edit(i, e)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(v)
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}
