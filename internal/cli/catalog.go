package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/archlint/archlint/internal/version"
	"github.com/archlint/archlint/rules"
)

func newRulesCmd(s Streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules: id, default severity, title, tags",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			switch format {
			case "text":
				return writeRulesText(s.Out)
			case "markdown":
				_, err := io.WriteString(s.Out, RulesMarkdown())
				return err
			case "json":
				return writeRulesJSON(s.Out)
			}
			return usageError("invalid --format %q (want text, markdown or json)", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text, markdown or json")
	return cmd
}

func writeRulesText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tTITLE\tTAGS")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Title, strings.Join(r.Tags, ", "))
	}
	return tw.Flush()
}

// RulesMarkdown renders the catalog as the Markdown table the README embeds.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("| Rule | Severity | What it reports | CWE |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		cwe := r.CWEString()
		if cwe == "" {
			cwe = "—"
		}
		fmt.Fprintf(&b, "| [`%s`](%s) | %s | %s | %s |\n", r.ID, rules.HelpPath(r.ID), r.Severity, r.Title, cwe)
	}
	return b.String()
}

type ruleJSON struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	Title            string   `json:"title"`
	Severity         string   `json:"severity"`
	Tags             []string `json:"tags"`
	CWE              string   `json:"cwe,omitempty"`
	SecuritySeverity string   `json:"securitySeverity,omitempty"`
	HelpURI          string   `json:"helpUri"`
}

func writeRulesJSON(w io.Writer) error {
	var out []ruleJSON
	for _, r := range rules.All() {
		out = append(out, ruleJSON{ID: r.ID, Name: r.Name, Title: r.Title, Severity: r.Severity.String(), Tags: r.Tags,
			CWE: r.CWEString(), SecuritySeverity: r.SecuritySeverity, HelpURI: r.HelpURI()})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func newExplainCmd(s Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "explain <rule-id>",
		Short: "Print a rule's full help",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			r := rules.Lookup(args[0])
			if r == nil {
				return usageError("unknown rule %q%s", args[0], suggest(args[0]))
			}
			_, err := io.WriteString(s.Out, r.Markdown())
			return err
		},
	}
}

// suggest proposes rule IDs that share the unknown ID's name or category.
func suggest(id string) string {
	var close []string
	_, name, _ := strings.Cut(id, "/")
	for _, r := range rules.All() {
		_, rn, _ := strings.Cut(r.ID, "/")
		if name != "" && strings.Contains(rn, name) || strings.Contains(r.ID, id) || r.Category() == id {
			close = append(close, r.ID)
		}
	}
	sort.Strings(close)
	if len(close) == 0 {
		return "; 'archlint rules' lists them"
	}
	return "; did you mean " + strings.Join(close, ", ") + "?"
}

func newVersionCmd(s Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print archlint's version",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(s.Out, "archlint %s\n", version.Version)
			return err
		},
	}
}
