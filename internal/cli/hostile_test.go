package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// writeRaw writes files byte for byte (no configuration is added).
func writeRaw(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, c, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// unguardedWrite is a route whose POST writes without authentication: a finding archlint must keep
// reporting whatever else is wrong in the repository.
const unguardedWrite = "import { prisma } from \"@/lib/db\";\n\nexport async function POST(request: Request) {\n  const { text } = await request.json();\n  await prisma.note.create({ data: { text: String(text) } });\n  return Response.json({ ok: true });\n}\n"

// hostileRepo builds an app in which every kind of hostile input sits next to ordinary routes.
func hostileRepo(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "repo")
	outside = filepath.Join(base, "outside")
	const secret = "OUTSIDE_MARKER_7f3a"
	writeRaw(t, outside, map[string][]byte{
		"route.ts": []byte("// " + secret + "\n" + unguardedWrite),
	})

	minified := bytes.Repeat([]byte("var a=function(){return 1};"), 2<<20/27+10) // over the 2 MB limit
	deep := "export async function GET() {\n  const x = " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + ";\n  return Response.json(x);\n}\n"
	crlf := "\ufeff" + strings.ReplaceAll(unguardedWrite, "\n", "\r\n")
	badUTF8 := append([]byte("// caf\xe9 \xff\xfe\n"), []byte(strings.Replace(unguardedWrite, "String(text)", "String(text) + \"\xc3\x28\"", 1))...)
	writeRaw(t, root, map[string][]byte{
		"package.json":               []byte(`{"name":"hostile","private":true,"dependencies":{"next":"15.1.0","@prisma/client":"6.1.0"}}`),
		"tsconfig.json":              []byte(`{"compilerOptions":{"baseUrl":".","paths":{"@/*":["./*"]}}}`),
		"lib/db.ts":                  []byte("import { PrismaClient } from \"@prisma/client\";\nexport const prisma = new PrismaClient();\n"),
		"app/api/plain/route.ts":     []byte(unguardedWrite),
		"app/api/crlf/route.ts":      []byte(crlf),
		"app/api/utf/route.ts":       badUTF8,
		"app/api/broken/route.ts":    []byte("export async function POST(request: Request) {\n  await prisma.note.create({ data: { \n  return ((;\n}}}\n"),
		"app/api/binary/route.ts":    append([]byte("export const GET = 1;\x00\x01\x02"), bytes.Repeat([]byte{0, 0xff}, 512)...),
		"app/api/min/route.js":       minified,
		"app/api/deep/route.ts":      []byte(deep),
		"app/api/empty/route.ts":     {},
		"prisma/schema.prisma":       []byte("model Note {\n  id String @id\n  text String\n  user User @relation(fields: [userId], references: [id]\n}\nmodel \xff\xfe {\n"),
		"app/api/[...slug]/route.ts": []byte("export async function GET() { return new Response(\"hi\"); }\n"),
		"app/api/unicode/😀/route.ts": []byte(unguardedWrite),
	})
	if runtime.GOOS != "windows" {
		for link, target := range map[string]string{
			"app/api/loop/self":         "..",                               // a directory containing itself
			"app/api/leak/route.ts":     filepath.Join(outside, "route.ts"), // a file outside the root
			"app/api/leakdir":           outside,                            // a directory outside the root
			"app/api/dangling/route.ts": filepath.Join(base, "nonexistent"), // a broken link
		} {
			full := filepath.Join(root, filepath.FromSlash(link))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, full); err != nil {
				t.Fatal(err)
			}
		}
	}
	return root, outside
}

// TestHostileRepository runs the whole CLI on a repository full of hostile input: it completes, reports
// what it skipped, still finds the findings in the ordinary files, reads nothing outside the root, writes
// valid UTF-8, and gives identical bytes on a second run.
func TestHostileRepository(t *testing.T) {
	root, _ := hostileRepo(t)
	code, out, errs := run(t, "--format", "json", "--no-config", "--quiet", root)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (completed with findings)\nstderr: %s", code, errs)
	}
	var r struct {
		Findings []struct {
			Rule     string `json:"rule"`
			Path     string `json:"path"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Location *struct {
				Path string `json:"path"`
			} `json:"location"`
		} `json:"findings"`
		Notifications []struct {
			ID      string `json:"id"`
			Path    string `json:"path"`
			Message string `json:"message"`
		} `json:"notifications"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if !utf8.ValidString(out) {
		t.Error("JSON output is not valid UTF-8")
	}
	if strings.Contains(out, "OUTSIDE_MARKER_7f3a") || strings.Contains(out, "outside") && strings.Contains(out, "leakdir/route.ts") {
		t.Error("content from outside the root reached the output")
	}

	missing := map[string]bool{}
	for _, f := range r.Findings {
		if f.Rule == "auth/missing-auth" {
			missing[f.Path] = true
		}
		if strings.HasPrefix(f.Path, "app/api/leak") {
			t.Errorf("finding behind a link out of the root: %+v", f)
		}
	}
	for _, p := range []string{"app/api/plain/route.ts", "app/api/crlf/route.ts", "app/api/utf/route.ts", "app/api/unicode/😀/route.ts"} {
		if !missing[p] {
			t.Errorf("no auth/missing-auth in %s; findings: %+v", p, r.Findings)
		}
	}

	notes := map[string]bool{}
	for _, n := range r.Notifications {
		notes[n.ID+" "+n.Path] = true
	}
	want := []string{
		"binary-file app/api/binary/route.ts",
		"file-too-large app/api/min/route.js",
		"syntax-error app/api/broken/route.ts",
		"prisma-syntax-error prisma/schema.prisma",
	}
	if runtime.GOOS != "windows" {
		want = append(want,
			"symlink-loop app/api/loop/self",
			"symlink-outside-root app/api/leak/route.ts",
			"symlink-outside-root app/api/leakdir",
			"symlink-broken app/api/dangling/route.ts",
		)
	}
	for _, w := range want {
		if !notes[w] {
			t.Errorf("missing notification %q; have %v", w, notes)
		}
	}

	// The same run again, and as SARIF: identical bytes.
	_, out2, _ := run(t, "--format", "json", "--no-config", "--quiet", root)
	if out != out2 {
		t.Error("two JSON runs differ")
	}
	dir := t.TempDir()
	s1, s2 := filepath.Join(dir, "1.sarif"), filepath.Join(dir, "2.sarif")
	run(t, "--format", "sarif", "--no-config", "--quiet", "--output", s1, root)
	run(t, "--format", "sarif", "--no-config", "--quiet", "--output", s2, root)
	b1, b2 := readFile(t, s1), readFile(t, s2)
	if b1 == "" || b1 != b2 {
		t.Error("two SARIF runs differ (or are empty)")
	}
	if !utf8.ValidString(b1) || !json.Valid([]byte(b1)) {
		t.Error("SARIF output is not valid UTF-8 JSON")
	}
}

// TestHostileText: the text format on the same repository, with the CRLF+BOM file's finding on the line
// and column of the handler name.
func TestHostileText(t *testing.T) {
	root, _ := hostileRepo(t)
	code, out, errs := run(t, "--no-config", "--no-color", root)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "app/api/crlf/route.ts:3:23") {
		t.Errorf("CRLF+BOM finding not at 3:23:\n%s", out)
	}
	if strings.Contains(out, "\r") || !utf8.ValidString(out) {
		t.Error("text output carries carriage returns or invalid UTF-8")
	}
	if !strings.Contains(errs, "skipped") && !strings.Contains(out, "skipped") {
		t.Errorf("no mention of skipped files:\nstdout: %s\nstderr: %s", out, errs)
	}
}
