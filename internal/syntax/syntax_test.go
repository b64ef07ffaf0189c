package syntax

import (
	"strings"
	"sync"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/typescript/tsx"
	"github.com/smacker/go-tree-sitter/typescript/typescript"
)

func parse(t testing.TB, lang Lang, src string) *Tree {
	t.Helper()
	p := NewParser()
	defer p.Close()
	tr, err := p.Parse([]byte(src), lang)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestKindsCoverGrammars(t *testing.T) {
	for _, l := range []*sitter.Language{typescript.GetLanguage(), tsx.GetLanguage(), javascript.GetLanguage()} {
		for i := uint32(0); i < l.SymbolCount(); i++ {
			if l.SymbolType(sitter.Symbol(i)) != sitter.SymbolTypeRegular {
				continue
			}
			name := l.SymbolName(sitter.Symbol(i))
			if k := internKind(name, true); k == Invalid || k.String() != name {
				t.Errorf("node type %q has no Kind constant: run go generate ./internal/syntax", name)
			}
		}
		for i := 1; l.FieldName(i) != ""; i++ {
			if f := internField(l.FieldName(i)); f == NoField {
				t.Errorf("field %q has no Field constant: run go generate ./internal/syntax", l.FieldName(i))
			}
		}
	}
}

func TestFlatten(t *testing.T) {
	src := `'use server'
import def, { a as b, type C } from "x";
export const GET = withX(async (req: Request) => { const { id } = await req.json(); return sql` + "`a${id}b`" + ` });
export default async function handler() {}
const u = a?.b?.["c"](d) === 1 && !e;
`
	tr := parse(t, TSX, src)
	if tr.Errors.Count != 0 {
		t.Fatalf("unexpected errors: %+v", tr.Errors)
	}
	got := tr.Dump(tr.Root())
	want := `(program (expression_statement (string (string_fragment))) (import_statement "import" (import_clause (identifier) (named_imports (import_specifier name:(identifier) "as" alias:(identifier)) (import_specifier "type" name:(identifier)))) "from" source:(string (string_fragment))) (export_statement "export" declaration:(lexical_declaration kind:"const" (variable_declarator name:(identifier) "=" value:(call_expression function:(identifier) arguments:(arguments (arrow_function "async" parameters:(formal_parameters (required_parameter pattern:(identifier) type:(type_annotation))) body:(statement_block (lexical_declaration kind:"const" (variable_declarator name:(object_pattern (shorthand_property_identifier_pattern)) "=" value:(await_expression "await" (call_expression function:(member_expression object:(identifier) property:(property_identifier)) arguments:(arguments))))) (return_statement "return" (call_expression function:(identifier) arguments:(template_string (string_fragment) (template_substitution (identifier)) (string_fragment))))))))))) (export_statement "export" "default" declaration:(function_declaration "async" "function" name:(identifier) parameters:(formal_parameters) body:(statement_block))) (lexical_declaration kind:"const" (variable_declarator name:(identifier) "=" value:(binary_expression left:(binary_expression left:(call_expression function:(subscript_expression object:(member_expression object:(identifier) optional_chain:(optional_chain "?.") property:(property_identifier)) optional_chain:(optional_chain "?.") index:(string (string_fragment))) arguments:(arguments (identifier))) operator:"===" right:(number)) operator:"&&" right:(unary_expression operator:"!" argument:(identifier))))))`
	if got != want {
		t.Errorf("dump mismatch\n got: %s\nwant: %s", got, want)
	}
	// Structural invariants: parents contain children, sizes nest.
	checkInvariants(t, tr)
}

func checkInvariants(t *testing.T, tr *Tree) {
	t.Helper()
	for i := range tr.Nodes {
		n := &tr.Nodes[i]
		if n.Start > n.End || int(n.End) > len(tr.Src) {
			t.Fatalf("node %d range %d..%d outside source of %d bytes", i, n.Start, n.End, len(tr.Src))
		}
		if n.Size < 1 || i+int(n.Size) > len(tr.Nodes) {
			t.Fatalf("node %d bad size %d", i, n.Size)
		}
		if p := n.Parent; p >= 0 {
			if !tr.Contains(p, NodeID(i)) {
				t.Fatalf("node %d not inside parent %d", i, p)
			}
		} else if i != 0 {
			t.Fatalf("node %d has no parent", i)
		}
	}
}

func TestComments(t *testing.T) {
	src := "// a\n/* b */ const x = 1; {/* c */}\n"
	tr := parse(t, TSX, src)
	if len(tr.Comments) != 3 {
		t.Fatalf("comments = %d, want 3", len(tr.Comments))
	}
	for _, c := range tr.Comments {
		txt := src[c.Start:c.End]
		if !strings.HasPrefix(txt, "//") && !strings.HasPrefix(txt, "/*") {
			t.Errorf("comment span %q", txt)
		}
	}
	tr.Walk(tr.Root(), func(n NodeID) bool {
		if tr.Kind(n) == Comment {
			t.Errorf("comment node in tree")
		}
		return true
	})
}

func TestSyntaxErrorsKeepTheRest(t *testing.T) {
	src := "export async function GET() {\n  const x = ;\n  return db.user.findMany();\n}\nexport function POST() { prisma.$queryRawUnsafe(q) }\n"
	tr := parse(t, TypeScript, src)
	if tr.Errors.Count == 0 {
		t.Fatal("want a syntax error")
	}
	if line := strings.Count(src[:tr.Errors.FirstOffset], "\n") + 1; line != 2 {
		t.Errorf("first error on line %d, want 2", line)
	}
	if !strings.Contains(tr.Dump(tr.Root()), "property:(property_identifier)) arguments:(arguments (identifier))") {
		t.Errorf("POST body not recovered: %s", tr.Dump(tr.Root()))
	}
	checkInvariants(t, tr)
}

func TestHostileInputs(t *testing.T) {
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	deepFn := strings.Repeat("f(", 10000) + strings.Repeat(")", 10000)
	deepObj := strings.Repeat("{a:", 10000) + "1" + strings.Repeat("}", 10000)
	cases := map[string]string{
		"empty":        "",
		"deep array":   "const x = " + deep + ";",
		"deep calls":   "const x = " + deepFn + ";",
		"deep objects": "const x = " + deepObj + ";",
		"unclosed":     strings.Repeat("(", 10000),
		"invalid utf8": "const s = \"\xff\xfe\xfd\"; export function GET() {}\n",
		"nul bytes":    "const a = 1;\x00\x00\x00 export const b = 2;",
		"bom crlf":     "\ufeff'use server'\r\nexport async function a() {}\r\n",
		"lone cr":      "const a = 1;\rconst b = 2;\r",
	}
	for name, src := range cases {
		for _, lang := range []Lang{TypeScript, TSX, JavaScript} {
			t.Run(name+"/"+lang.String(), func(t *testing.T) {
				tr := parse(t, lang, src)
				checkInvariants(t, tr)
				// Go-side traversal must not recurse either.
				n := 0
				tr.Walk(tr.Root(), func(NodeID) bool { n++; return true })
				if n != len(tr.Nodes) {
					t.Errorf("walk visited %d of %d", n, len(tr.Nodes))
				}
			})
		}
	}
}

func TestConcurrentParsers(t *testing.T) {
	src := []byte("export async function POST(req: Request) { const b = await req.json(); return Response.json(b) }\n")
	var want string
	{
		want = parse(t, TypeScript, string(src)).Dump(0)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := NewParser()
			defer p.Close()
			for i := 0; i < 200; i++ {
				lang := Lang(i % 3)
				tr, err := p.Parse(src, lang)
				if err != nil {
					t.Error(err)
					return
				}
				if lang == TypeScript && tr.Dump(0) != want {
					t.Error("concurrent parse differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestStringValue(t *testing.T) {
	tr := parse(t, TypeScript, "f('a\\'b', \"c\", `d`, `e${x}`)")
	var vals []string
	tr.Walk(0, func(n NodeID) bool {
		if v, ok := tr.StringValue(n); ok {
			vals = append(vals, v)
			return false
		}
		return true
	})
	if got := strings.Join(vals, "|"); got != "a'b|c|d" {
		t.Errorf("got %q", got)
	}
}

func TestLangForPath(t *testing.T) {
	for p, want := range map[string]Lang{"a/route.ts": TypeScript, "b.tsx": TSX, "c.mjs": JavaScript, "d.jsx": JavaScript, "e.cts": TypeScript} {
		if got, ok := LangForPath(p); !ok || got != want {
			t.Errorf("%s: %v %v", p, got, ok)
		}
	}
	for _, p := range []string{"x.d.ts", "y.json", "z.prisma"} {
		if _, ok := LangForPath(p); ok {
			t.Errorf("%s should not be parsed", p)
		}
	}
}
