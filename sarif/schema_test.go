package sarif

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// T-SARIF-schema (VAL-02): every golden validates against the SARIF 2.1.0 schema that Microsoft's SARIF
// SDK ships, vendored under testdata/sarif/schema (origin and licence in the README there).

const schemaPath = "../testdata/sarif/schema/sarif-2.1.0.json"

var (
	schemaOnce sync.Once
	schemaSch  *jsonschema.Schema
	schemaErr  error
)

// sarifSchema compiles the vendored schema once, with format assertions on (uri, uri-reference,
// date-time), which draft 2020-12 otherwise treats as annotations.
func sarifSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		schemaSch, schemaErr = compileSchema(mustRead(t, schemaPath))
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return schemaSch
}

func compileSchema(src []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://archlint.test/sarif-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// validateSchema returns the schema validation error of a SARIF document, or nil.
func validateSchema(t testing.TB, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sarifSchema(t).Validate(inst)
}

func TestSchemaGoldens(t *testing.T) {
	for name, b := range goldenFiles(t) {
		if err := validateSchema(t, b); err != nil {
			t.Errorf("%s is not valid SARIF 2.1.0:\n%v", name, err)
		}
	}
}

// TestSchemaRejectsBrokenLogs proves the validator is switched on: each mutation of a golden breaks a
// constraint of the schema (and several are go-sarif pitfalls the writer avoids).
func TestSchemaRejectsBrokenLogs(t *testing.T) {
	golden := mustRead(t, goldenDir+"/full.sarif")
	mutations := map[string]func(doc map[string]any){
		"wrong version":            func(d map[string]any) { d["version"] = "2.0.0" },
		"null shortDescription":    func(d map[string]any) { rule0(d)["shortDescription"] = nil },          // GOSARIF-04
		"null executionSuccessful": func(d map[string]any) { invocation0(d)["executionSuccessful"] = nil }, // GOSARIF-09
		"null suppression status": func(d map[string]any) { // GOSARIF-05
			result0(d)["suppressions"] = []any{map[string]any{"kind": "inSource", "status": nil}}
		},
		"ruleIndex below -1":   func(d map[string]any) { result0(d)["ruleIndex"] = -2 },
		"invalid level":        func(d map[string]any) { result0(d)["level"] = "high" },
		"unknown property":     func(d map[string]any) { result0(d)["severity"] = "error" },
		"startLine zero":       func(d map[string]any) { region0(d)["startLine"] = 0 },
		"duplicate rule":       func(d map[string]any) { driver(d)["rules"] = append(ruleList(d), ruleList(d)[0]) },
		"message without text": func(d map[string]any) { result0(d)["message"] = map[string]any{} },
		"helpUri not a URI":    func(d map[string]any) { rule0(d)["helpUri"] = "not a uri" },
	}
	for name, mutate := range mutations {
		t.Run(name, func(t *testing.T) {
			b := mutateJSON(t, golden, mutate)
			if err := validateSchema(t, b); err == nil {
				t.Errorf("the schema accepted a log with %s", name)
			}
		})
	}
}

// TestSchemaBrokenSchemaCopy proves the schema file is what is being used: a copy whose result object no
// longer allows "ruleId" rejects every golden with results.
func TestSchemaBrokenSchemaCopy(t *testing.T) {
	src := mustRead(t, schemaPath)
	var schema map[string]any
	if err := json.Unmarshal(src, &schema); err != nil {
		t.Fatal(err)
	}
	res := schema["definitions"].(map[string]any)["result"].(map[string]any)
	delete(res["properties"].(map[string]any), "ruleId")
	broken, err := json.Marshal(schema)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := compileSchema(broken)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(mustRead(t, goldenDir+"/one-finding.sarif")))
	if err != nil {
		t.Fatal(err)
	}
	err = sch.Validate(inst)
	if err == nil || !strings.Contains(err.Error(), "ruleId") {
		t.Errorf("broken schema copy: got %v, want an error about ruleId", err)
	}
}

// mutateJSON decodes a SARIF document, applies mutate and encodes it again without HTML escaping.
func mutateJSON(t testing.TB, doc []byte, mutate func(map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var d map[string]any
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	mutate(d)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Accessors into a decoded SARIF document, for mutations. They panic on a document of another shape,
// which is a bug in the test.

func run0(d map[string]any) map[string]any { return d["runs"].([]any)[0].(map[string]any) }
func driver(d map[string]any) map[string]any {
	return run0(d)["tool"].(map[string]any)["driver"].(map[string]any)
}
func ruleList(d map[string]any) []any       { return driver(d)["rules"].([]any) }
func rule0(d map[string]any) map[string]any { return ruleList(d)[0].(map[string]any) }
func result0(d map[string]any) map[string]any {
	return run0(d)["results"].([]any)[0].(map[string]any)
}
func location0(d map[string]any) map[string]any {
	return result0(d)["locations"].([]any)[0].(map[string]any)
}
func physical0(d map[string]any) map[string]any {
	return location0(d)["physicalLocation"].(map[string]any)
}
func region0(d map[string]any) map[string]any { return physical0(d)["region"].(map[string]any) }
func invocation0(d map[string]any) map[string]any {
	return run0(d)["invocations"].([]any)[0].(map[string]any)
}
