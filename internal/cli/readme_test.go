package cli

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeRuleTable checks that the README's rule table is the one the catalog generates.
func TestReadmeRuleTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	begin := strings.Index(s, "<!-- rules:begin")
	end := strings.Index(s, "<!-- rules:end -->")
	if begin < 0 || end < begin {
		t.Fatal("README.md has no rules:begin/rules:end markers")
	}
	section := s[begin:end]
	section = section[strings.Index(section, "\n")+1:]
	if section != RulesMarkdown() {
		t.Errorf("README rule table is out of date; replace it with the output of `archlint rules --format markdown`:\n%s", RulesMarkdown())
	}
}

// TestReadmeCommands checks that the README starts with the two commands that matter and that the sample
// app they name exists.
func TestReadmeCommands(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{"go run ./cmd/archlint testdata/sample-app", "go test ./..."} {
		if i := strings.Index(s, want); i < 0 || i > 400 {
			t.Errorf("README must start with %q", want)
		}
	}
	if _, err := os.Stat("../../testdata/sample-app/package.json"); err != nil {
		t.Errorf("sample app missing: %v", err)
	}
}
