package prismarules

import (
	"strings"
	"testing"

	psl "github.com/archlint/archlint/internal/prismaschema"
)

func TestFKPolicy(t *testing.T) {
	for _, tt := range []struct {
		name, datasource string
		check            bool
		why              string
	}{
		{"postgresql", `provider = "postgresql"`, true, "postgresql does not index"},
		{"postgres alias", `provider = "postgres"`, true, "postgresql does not index"},
		{"cockroachdb", `provider = "cockroachdb"`, true, "cockroachdb does not index"},
		{"sqlite", `provider = "sqlite"`, true, "sqlite does not index"},
		{"sqlserver", `provider = "sqlserver"`, true, "sqlserver does not index"},
		{"mysql", `provider = "mysql"`, false, ""},
		{"mysql foreignKeys", "provider = \"mysql\"\nrelationMode = \"foreignKeys\"", false, ""},
		{"mysql prisma", "provider = \"mysql\"\nrelationMode = \"prisma\"", true, `relationMode = "prisma"`},
		{"mysql referentialIntegrity", "provider = \"mysql\"\nreferentialIntegrity = \"prisma\"", true, `relationMode = "prisma"`},
		{"postgresql prisma", "provider = \"postgresql\"\nrelationMode = \"prisma\"", true, `relationMode = "prisma"`},
		{"mongodb", `provider = "mongodb"`, false, ""},
		{"unknown provider", `provider = "oracle"`, true, `provider "oracle" is not one archlint knows`},
		{"provider not a string", `provider = env("DB")`, true, "names no provider archlint can read"},
		{"no datasource", "", true, "declares no datasource"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "model A {\n  id Int @id\n}\n"
			if tt.datasource != "" {
				src = "datasource db {\n" + tt.datasource + "\n}\n" + src
			}
			s := psl.Build(psl.Parse("schema.prisma", []byte(src)))
			got := fkPolicyFor(s)
			if got.check != tt.check || !strings.Contains(got.why, tt.why) {
				t.Errorf("fkPolicyFor = %+v, want check %v and why containing %q", got, tt.check, tt.why)
			}
		})
	}
}
