package output

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/archlint/archlint/internal/report"
)

const jsonSchemaPath = "../../docs/schemas/archlint-report.v1.json"

func writeJSON(t *testing.T, r *report.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func compileJSONSchema(t *testing.T, src []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(JSONSchemaURI, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(JSONSchemaURI)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, out []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestJSONGolden(t *testing.T) {
	checkGolden(t, "report.json", writeJSON(t, sampleReport(t)))
	empty := sampleReport(t)
	empty.Findings, empty.Notifications = nil, nil
	checkGolden(t, "report-empty.json", writeJSON(t, empty))
}

func TestJSONSchema(t *testing.T) {
	schemaSrc := readFile(t, jsonSchemaPath)
	sch := compileJSONSchema(t, schemaSrc)
	empty := sampleReport(t)
	empty.Findings, empty.Notifications = nil, nil
	for name, out := range map[string][]byte{"sample": writeJSON(t, sampleReport(t)), "empty": writeJSON(t, empty)} {
		if err := validateJSON(t, sch, out); err != nil {
			t.Errorf("%s output does not match docs/schemas/archlint-report.v1.json:\n%v", name, err)
		}
	}

	// The validator is on: broken outputs fail.
	good := writeJSON(t, sampleReport(t))
	for name, mutate := range map[string]func(map[string]any){
		"schemaVersion 2":       func(d map[string]any) { d["schemaVersion"] = 2 },
		"unknown member":        func(d map[string]any) { d["extra"] = true },
		"severity wrong":        func(d map[string]any) { finding0(d)["severity"] = "warn" },
		"column zero":           func(d map[string]any) { finding0(d)["range"].(map[string]any)["start"].(map[string]any)["column"] = 0 },
		"absolute path":         func(d map[string]any) { finding0(d)["path"] = "/abs/app/page.tsx" },
		"fingerprint too short": func(d map[string]any) { finding0(d)["fingerprint"] = "abc" },
		"stats missing":         func(d map[string]any) { delete(d, "stats") },
		"suppression kind": func(d map[string]any) {
			finding0(d)["suppression"] = map[string]any{"kind": "comment", "justification": ""}
		},
		"baselined false":     func(d map[string]any) { finding0(d)["baselined"] = false },
		"endpoints not array": func(d map[string]any) { d["endpoints"] = map[string]any{} },
	} {
		var d map[string]any
		if err := json.Unmarshal(good, &d); err != nil {
			t.Fatal(err)
		}
		mutate(d)
		b, _ := json.Marshal(d)
		if err := validateJSON(t, sch, b); err == nil {
			t.Errorf("schema accepted output with %s", name)
		}
	}
	// The reserved endpoints array is accepted.
	var d map[string]any
	_ = json.Unmarshal(good, &d)
	d["endpoints"] = []any{}
	b, _ := json.Marshal(d)
	if err := validateJSON(t, sch, b); err != nil {
		t.Errorf("reserved endpoints array rejected: %v", err)
	}

	// A broken copy of the schema (findings must be objects of another shape) rejects good output.
	broken := bytes.Replace(schemaSrc, []byte(`"required": ["rule", "severity"`), []byte(`"required": ["ruleId", "severity"`), 1)
	if bytes.Equal(broken, schemaSrc) {
		t.Fatal("could not break the schema copy")
	}
	if err := validateJSON(t, compileJSONSchema(t, broken), good); err == nil || !strings.Contains(err.Error(), "ruleId") {
		t.Errorf("broken schema copy: got %v, want a missing ruleId", err)
	}
}

func finding0(d map[string]any) map[string]any { return d["findings"].([]any)[0].(map[string]any) }

func TestJSONContent(t *testing.T) {
	out := writeJSON(t, sampleReport(t))
	if bytes.Contains(out, []byte(`\u003c`)) || !bytes.Contains(out, []byte("imports <ServerThing> & co.")) {
		t.Error("JSON output is HTML-escaped")
	}
	var d JSONReport
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	if d.SchemaVersion != 1 || len(d.Findings) != 6 || len(d.Notifications) != 3 {
		t.Fatalf("schemaVersion %d, %d findings, %d notifications", d.SchemaVersion, len(d.Findings), len(d.Notifications))
	}
	// Suppressed and baselined findings are included and marked.
	var sup, base int
	for _, f := range d.Findings {
		if f.Suppression != nil {
			sup++
			if f.Suppression.Kind != "inSource" || f.Suppression.Justification != "only read on the server" || f.Suppression.Location == nil {
				t.Errorf("suppression %+v", f.Suppression)
			}
		}
		if f.Baselined {
			base++
		}
	}
	if sup != 1 || base != 1 {
		t.Errorf("%d suppressed and %d baselined findings, want 1 and 1", sup, base)
	}
	s := d.Stats
	if s.Errors != 1 || s.Warnings != 1 || s.Notes != 2 || s.Suppressed != 1 || s.Baselined != 1 || s.FilesParsed != 4 {
		t.Errorf("stats %+v", s)
	}
	// Positions: line, UTF-16 column, byte offset.
	for _, f := range d.Findings {
		if f.Rule == "perf/test-note" && f.Path == "app/[id]/Cart.tsx" {
			if got := f.Range.Start; got != (JSONPosition{Line: 5, Column: 52, Offset: 135}) {
				t.Errorf("start %+v, want line 5 column 52 offset 135", got)
			}
		}
	}
}

// TestJSONDocExample keeps the example in docs/json-format.md valid against the schema.
func TestJSONDocExample(t *testing.T) {
	doc := string(readFile(t, "../../docs/json-format.md"))
	_, rest, ok := strings.Cut(doc, "```json\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/json-format.md has no json example")
	}
	if err := validateJSON(t, compileJSONSchema(t, readFile(t, jsonSchemaPath)), []byte(example)); err != nil {
		t.Errorf("the example in docs/json-format.md does not match the schema:\n%v", err)
	}
}
