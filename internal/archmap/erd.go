package archmap

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/archlint/archlint/internal/erd"
)

// ERD writes one Mermaid erDiagram per schema (internal/erd), each naming its schema in a comment on the
// line after "erDiagram" (a comment before the diagram type trips some renderers), separated by a blank
// line. A file of several diagrams is not one Mermaid document: split it at the blank lines, or use
// markdown, which writes a heading and a ```mermaid block per schema, as GitHub renders them.
func ERD(w io.Writer, schemas []Schema, markdown bool) error {
	bw := bufio.NewWriter(w)
	for i, s := range schemas {
		d := erd.Mermaid(s.Schema)
		d = strings.Replace(d, "erDiagram\n", "erDiagram\n    %% Prisma schema "+sanitizeLine(s.Name)+"\n", 1)
		if markdown {
			fmt.Fprintf(bw, "## Prisma schema %s\n\n```mermaid\n%s```\n", mdCode(s.Name), d)
		} else {
			bw.WriteString(d)
		}
		if i < len(schemas)-1 {
			bw.WriteString("\n")
		}
	}
	return bw.Flush()
}
