package fingerprint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/textpos"
)

type lineHashCase struct {
	name    string
	content string
	want    []string
}

// fp02Vectors are codeql-action's own test vectors (src/fingerprints.test.ts), as listed in the spec (FP-02).
var fp02Vectors = []lineHashCase{
	{"fp02-empty", "", []string{"c129715d7a2bc9a3:1"}},
	{"fp02-whitespace", " a\nb\n  \t\tc\n d", []string{"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"}},
	{"fp02-crlf", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", []string{"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"}},
	{"fp02-lorem", "Lorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\n", []string{"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"}},
	{"fp02-python", "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n", []string{"e54938cc54b302f1:1", "bb609acbe9138d60:1", "1131fd5871777f34:1", "5c482a0f8b35ea28:1", "54517377da7028d2:1", "2c644846cb18d53e:1", "f1b89f20de0d133:1", "c129715d7a2bc9a3:1"}},
}

// oracleCases were recorded by running codeql-action's hash() (src/fingerprints.ts, transcribed to
// JavaScript with the same "long" arithmetic and read through fs.createReadStream(path, "utf8")) under
// Node.js 20 on files with exactly these bytes. They pin the quirks the FP-02 vectors do not cover.
var oracleCases = []lineHashCase{
	{"crlf", "import { db } from \"@/lib/db\";\r\n\r\nexport async function GET() {\r\n  return Response.json(await db.user.findMany());\r\n}\r\n", []string{"232898382df408b7:1", "454c637330ed7c6b:1", "bea39a01332690d:1", "12acd29328a725f5:1", "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1"}},
	{"lone-cr", "a\rb\r\nc\n\rd", []string{"da815e20fd1432a5:1", "7637b694ce51cabe:1", "f8ac93a55d88711a:1", "6bf49ae9d59c5bc1:1", "a23a3dc5e078b07b:1"}},
	{"bom", "\ufeffimport x from \"y\";\nconst z = x;\n", []string{"fd28b2f6b9cef5fa:1", "3b11a35168549272:1", "c129715d7a2bc9a3:1"}},
	{"bom-only-line", "\ufeff\nfoo();\n", []string{"84a4eba5a3eeb546:1", "11570f447ff4dd41:1", "c129715d7a2bc9a3:1"}},
	{"tabs", "\tfunction f() {\n\t\treturn 1;\n\t}\n", []string{"48c9e1cf0e8f5be2:1", "87eb679314fe4ac0:1", "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1"}},
	{"tabs-vs-spaces", "function f() {\n    return 1;\n}\n", []string{"48c9e1cf0e8f5be2:1", "87eb679314fe4ac0:1", "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1"}},
	{"long-line", "const q = `SELECT * FROM \"User\" WHERE id = ${id} AND SELECT * FROM \"User\" WHERE id = ${id} AND SELECT * FROM \"User\" WHERE id = ${id} AND SELECT * FROM \"User\" WHERE id = ${id} AND SELECT * FROM \"User\" WHERE id = ${id} AND SELECT * FROM \"User\" WHERE id = ${id} AND 1 = 1`;\nreturn q;\n", []string{"b410ca4821e65657:1", "d3d5c02953958861:1", "c129715d7a2bc9a3:1"}},
	{"long-no-space", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\nzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n", []string{"52b56201ffb58620:1", "cadd4b5b9d92c4ad:1", "430534b53b700418:1", "c129715d7a2bc9a3:1"}},
	{"duplicates", "}\n}\n  }\n\t}\nfoo();\n}\n", []string{"eda423632f911664:1", "948c658df367a5d9:1", "24963c3f39ccce86:1", "69335640acc353ab:1", "5553680075115688:1", "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1"}},
	{"duplicate-blank", "a\n\n\nb\n\n", []string{"64c3a519bb654988:1", "d2a53ec68df52ea9:1", "79c1ecac854f2c03:1", "a0e70ee94550ca05:1", "3c5bef55b72b93c9:1", "c129715d7a2bc9a3:1"}},
	{"emoji", "const s = \"\U0001f600 caf\u00e9 \u65e5\u672c\";\nfoo();\n", []string{"19d2df22c5cd51aa:1", "11570f447ff4dd41:1", "c129715d7a2bc9a3:1"}},
	{"no-final-newline", "a\nb", []string{"c74339777b6a2c60:1", "8ee5a81e681643c1:1"}},
	{"only-newlines", "\n\n", []string{"5b5d4caf73a13177:1", "3c5bef55b72b93c9:1", "c129715d7a2bc9a3:1"}},
	{"nbsp-not-skipped", "a\u00a0b\n", []string{"480a5b3cb5831ce4:1", "c129715d7a2bc9a3:1"}},
	{"repeated-lines", strings.Repeat("return;\r\n", 40), repeatedLinesWant()},
}

// repeatedLinesWant: identical lines whose next 100 units are identical share a hash value and are told
// apart by the ":n" counter; the last lines differ because the window reaches the end of the file.
func repeatedLinesWant() []string {
	var want []string
	for i := 1; i <= 28; i++ {
		want = append(want, fmt.Sprintf("c59b3b0d3d00b26c:%d", i))
	}
	return append(want, "c59b3b0e0282a2cf:1", "b9d6bd73950c3706:1", "789173570d54595d:1", "42d550c19cf5a5d4:1",
		"a91766e8bfcb386b:1", "24261bf33d60ad22:1", "e8c22a494c621ff9:1", "c878d791980c2cf0:1", "8e29084e79bf007:1",
		"4d1dcaca27bf053e:1", "9f90d91496038895:1", "d8a05fc5ce48160c:1", "c129715d7a2bc9a3:1")
}

func TestLineHashesFP02(t *testing.T) {
	for _, tc := range fp02Vectors {
		t.Run(tc.name, func(t *testing.T) { checkLineHashes(t, tc) })
	}
}

func TestLineHashesOracle(t *testing.T) {
	for _, tc := range oracleCases {
		t.Run(tc.name, func(t *testing.T) { checkLineHashes(t, tc) })
	}
}

func checkLineHashes(t *testing.T, tc lineHashCase) {
	t.Helper()
	got, ok := LineHashes([]byte(tc.content))
	if !ok {
		t.Fatalf("LineHashes(%q) not ok", tc.content)
	}
	if len(got) != len(tc.want) {
		t.Fatalf("LineHashes(%q) returned %d lines, want %d:\n got %q\nwant %q", tc.content, len(got), len(tc.want), got, tc.want)
	}
	for i := range got {
		if got[i] != tc.want[i] {
			t.Errorf("line %d: got %s, want %s", i+1, got[i], tc.want[i])
		}
	}
	// Line numbering must agree with textpos, which positions findings.
	if n := textpos.New([]byte(tc.content)).LineCount(); n != len(got) {
		t.Errorf("LineHashes has %d lines, textpos counts %d", len(got), n)
	}
}

func TestLineHashesIgnoresSpacesAndTabs(t *testing.T) {
	a, _ := LineHashes([]byte("if (x) {\n  return y;\n}\n"))
	b, _ := LineHashes([]byte("if(x){\n\t\treturn   y;\n}\n"))
	if strings.Join(a, ",") != strings.Join(b, ",") {
		t.Errorf("re-indenting changed the hashes:\n%q\n%q", a, b)
	}
	c, _ := LineHashes([]byte("if (x) {\n  return z;\n}\n"))
	if a[0] == c[0] || a[1] == c[1] {
		t.Errorf("a changed token within 100 units did not change the hashes: %q vs %q", a, c)
	}
}

func TestLineHashesInvalidUTF8(t *testing.T) {
	for _, s := range []string{"a\xffb\n", "ok\n\xc3", "\xed\xa0\x80\n"} {
		got, ok := LineHashes([]byte(s))
		if ok || got != nil {
			t.Errorf("LineHashes(%q) = %q, %v; want nil, false", s, got, ok)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		rule, path, key, want string
	}{
		// Values computed independently: sha256(rule + "\x00" + path + "\x00" + key)[:16 hex].
		{"security/raw-sql-injection", "app/api/users/route.ts", "prisma.$queryRawUnsafe", "5775b81538b09661"},
		{"a", "b", "c", "8badde10c760e9b7"},
		{"a", "", "bc", "71329c10b1d4148d"},
		{"", "", "", "96a296d224f285c6"},
	}
	for _, tt := range tests {
		if got := Key(tt.rule, tt.path, tt.key); got != tt.want {
			t.Errorf("Key(%q, %q, %q) = %s, want %s", tt.rule, tt.path, tt.key, got, tt.want)
		}
	}
	// The separators keep the parts apart: moving a byte across a boundary changes the key.
	if Key("ab", "c", "") == Key("a", "bc", "") {
		t.Error("Key does not separate rule and path")
	}
}

func TestNormalizeCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"prisma.$queryRawUnsafe( q )", "prisma.$queryRawUnsafe(q)"},
		{"a\tb\r\nc\n  d\u00a0e\u2003f", "abcdef"},
		{"\ufeffx", "\ufeffx"},
		{"日本 語", "日本語"},
	}
	for _, tt := range tests {
		if got := NormalizeCode(tt.in); got != tt.want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	a := Key("r", "p", NormalizeCode("db.$queryRawUnsafe(\n  `SELECT ${x}`\n)"))
	b := Key("r", "p", NormalizeCode("db.$queryRawUnsafe(`SELECT ${x}`)"))
	if a != b {
		t.Error("reformatting changed the key")
	}
}
