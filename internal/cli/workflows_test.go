package cli

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The YAML archlint ships (action.yml, the workflows in docs/github.md) parses, and every archlint command
// line it runs is a command line of this build: the command exists in the real cobra tree, its flags exist
// and parse, and their values pass the command's validation.

type ghStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	With  map[string]string `yaml:"with"`
	Env   map[string]string `yaml:"env"`
}

type ghWorkflow struct {
	Name        string            `yaml:"name"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		If          string            `yaml:"if"`
		RunsOn      string            `yaml:"runs-on"`
		Permissions map[string]string `yaml:"permissions"`
		Steps       []ghStep          `yaml:"steps"`
	} `yaml:"jobs"`
}

type ghAction struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Description string `yaml:"description"`
		Required    bool   `yaml:"required"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string   `yaml:"using"`
		Steps []ghStep `yaml:"steps"`
	} `yaml:"runs"`
}

// exprRe matches a GitHub expression ${{ … }}.
var exprRe = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// commandLines returns the archlint command lines of a run script (continuation lines joined, comments
// skipped), split into words with env expanded as bash would (quoted variables stay one word, unquoted
// ones split on spaces). It stops a line at a pipe, a redirection, ; or &&.
func commandLines(t *testing.T, script string, env map[string]string) [][]string {
	t.Helper()
	script = strings.ReplaceAll(script, "\\\n", " ")
	var out [][]string
	for _, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "archlint ") && line != "archlint" {
			continue
		}
		words := shellWords(t, line, env)
		out = append(out, words[1:])
	}
	return out
}

func shellWords(t *testing.T, line string, env map[string]string) []string {
	t.Helper()
	var (
		words  []string
		cur    strings.Builder
		inWord bool
	)
	flush := func() {
		if inWord {
			words = append(words, cur.String())
		}
		cur.Reset()
		inWord = false
	}
	expand := func(s string, i int) (string, int) { // s[i] == '$'
		if i+1 < len(s) && s[i+1] == '{' {
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				t.Fatalf("unterminated ${ in %q", line)
			}
			return lookup(t, env, s[i+2:i+end]), i + end + 1
		}
		j := i + 1
		for j < len(s) && (s[j] == '_' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		if j == i+1 {
			return "$", j
		}
		return lookup(t, env, s[i+1:j]), j
	}
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			flush()
			i++
		case !inWord && c == '#':
			flush()
			return words
		case c == '|' || c == ';' || c == '>' || c == '<' || strings.HasPrefix(line[i:], "&&"):
			flush()
			return words
		case c == '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				t.Fatalf("unterminated ' in %q", line)
			}
			cur.WriteString(line[i+1 : i+1+end])
			inWord = true
			i += end + 2
		case c == '"':
			i++
			inWord = true
			for i < len(line) && line[i] != '"' {
				switch {
				case line[i] == '\\' && i+1 < len(line):
					cur.WriteByte(line[i+1])
					i += 2
				case line[i] == '$':
					v, n := expand(line, i)
					cur.WriteString(v)
					i = n
				default:
					cur.WriteByte(line[i])
					i++
				}
			}
			if i >= len(line) {
				t.Fatalf("unterminated \" in %q", line)
			}
			i++
		case c == '$':
			v, n := expand(line, i)
			i = n
			// Unquoted: split on spaces.
			for j, part := range strings.Fields(v) {
				if j > 0 {
					flush()
				}
				cur.WriteString(part)
				inWord = true
			}
		default:
			cur.WriteByte(c)
			inWord = true
			i++
		}
	}
	flush()
	return words
}

func lookup(t *testing.T, env map[string]string, name string) string {
	t.Helper()
	v, ok := env[name]
	if !ok {
		t.Fatalf("the script uses $%s, which its step does not set", name)
	}
	return v
}

// validateCommandLine fails t unless args (after "archlint") is a valid command line.
func validateCommandLine(t *testing.T, where string, args []string) {
	t.Helper()
	if err := commandLineError(args); err != nil {
		t.Errorf("%s: archlint %s: %v", where, strings.Join(args, " "), err)
	}
}

// commandLineError returns why args (after "archlint") is not a valid command line, or nil: the command
// must exist in the real tree, its flags parse, its arguments fit, and its options pass validation (the
// leaf command is run with a runF that validates instead of running).
func commandLineError(args []string) error {
	s := Streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard, Getenv: func(string) string { return "" }}
	root := NewRootCmd(s)
	cmd, rest, err := root.Find(args)
	if err != nil {
		return err
	}
	if err := cmd.ParseFlags(rest); err != nil {
		return err
	}
	if err := cmd.ValidateArgs(cmd.Flags().Args()); err != nil {
		return err
	}
	var c interface {
		SetArgs([]string)
		Execute() error
	}
	switch cmd.CommandPath() {
	case "archlint":
		cc := newCheckCmd(s, func(o *CheckOptions) error {
			if err := o.validate(); err != nil {
				return err
			}
			return o.GitHub.validate()
		})
		cc.SetArgs(args)
		cc.SetOut(io.Discard)
		cc.SetErr(io.Discard)
		c = cc
	case "archlint github review":
		rc := newReviewCmd(s, func(o *ReviewOptions) error { return o.validate() })
		rc.SetArgs(rest)
		rc.SetOut(io.Discard)
		rc.SetErr(io.Discard)
		c = rc
	default:
		return fmt.Errorf("runs %q, which this test does not validate", cmd.CommandPath())
	}
	return c.Execute()
}

// flagValue returns the value of --name in args, or "".
func flagValue(args []string, name string) string {
	for i, a := range args {
		if a == "--"+name && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
	}
	return ""
}

// sampleExpr gives a value to the expressions the shipped YAML uses.
func sampleExpr(expr string, inputs map[string]string) string {
	if name, ok := strings.CutPrefix(expr, "inputs."); ok {
		return inputs[name]
	}
	switch expr {
	case "github.base_ref":
		return "main"
	case "github.action_path":
		return "/home/runner/work/_actions/archlint/archlint/main"
	case "runner.temp":
		return "/home/runner/work/_temp"
	}
	return "sample-" + strings.NewReplacer(".", "-", " ", "").Replace(expr)
}

// stepEnv is a step's environment with expressions replaced, plus what every Actions step has.
func stepEnv(st ghStep, inputs map[string]string) map[string]string {
	env := map[string]string{"GITHUB_OUTPUT": "/tmp/out", "GITHUB_PATH": "/tmp/path", "GITHUB_STEP_SUMMARY": "/tmp/sum", "code": "1", "CODE": "1"}
	for k, v := range st.Env {
		env[k] = exprRe.ReplaceAllStringFunc(v, func(m string) string { return sampleExpr(exprRe.FindStringSubmatch(m)[1], inputs) })
	}
	return env
}

func TestActionYAML(t *testing.T) {
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a ghAction
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatalf("action.yml does not parse: %v", err)
	}
	if a.Name != "archlint" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml: name %q, runs.using %q, %d steps", a.Name, a.Runs.Using, len(a.Runs.Steps))
	}
	// Every input used is declared, and every declared input is used.
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(string(b), -1) {
		used[m[1]] = true
	}
	for name := range used {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", name)
		}
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("action.yml declares input %q and never uses it", name)
		}
	}
	// No expression is expanded into a script: inputs reach scripts through env.
	for _, st := range a.Runs.Steps {
		if st.Run != "" && exprRe.MatchString(st.Run) {
			t.Errorf("step %q expands an expression inside run: (script injection); pass it through env", st.Name)
		}
		if st.Run != "" && st.Shell == "" {
			t.Errorf("step %q has no shell (composite actions require one)", st.Name)
		}
	}

	defaults := map[string]string{}
	for name, in := range a.Inputs {
		defaults[name] = in.Default
	}
	full := map[string]string{}
	for k, v := range defaults {
		full[k] = v
	}
	full["paths"] = "apps/web apps/admin"
	full["sarif-category"] = "web"
	full["new-from-merge-base"] = "origin/main"
	full["args"] = "--exclude legacy/** --exclude scripts/**"
	commands := map[string]int{}
	for _, set := range []struct {
		name    string
		inputs  map[string]string
		filters []string
	}{
		{"defaults", defaults, []string{""}},
		// --diff-filter needs new-from-merge-base for check, which the full set gives.
		{"all inputs", full, []string{"", "added", "diff_context", "file", "nofilter"}},
	} {
		for _, filter := range set.filters {
			set.inputs["diff-filter"] = filter
			for _, st := range a.Runs.Steps {
				for _, args := range commandLines(t, st.Run, stepEnv(st, set.inputs)) {
					if len(args) > 0 && args[0] == "version" {
						continue
					}
					validateCommandLine(t, "action.yml step "+st.Name+" ("+set.name+", diff-filter "+filter+")", args)
					commands[st.ID]++
				}
			}
		}
	}
	if commands["check"] == 0 || commands["review"] == 0 {
		t.Errorf("archlint command lines found per step: %v; want the check and review steps", commands)
	}
	// The upload step uploads the file the check step writes; the review step gets the token.
	var check, upload, review ghStep
	for _, st := range a.Runs.Steps {
		switch {
		case st.ID == "check":
			check = st
		case st.ID == "review":
			review = st
		case strings.HasPrefix(st.Uses, "github/codeql-action/upload-sarif@"):
			upload = st
		}
	}
	if upload.With["sarif_file"] != "${{ inputs.sarif-file }}" || check.Env["SARIF_FILE"] != "${{ inputs.sarif-file }}" ||
		!strings.Contains(check.Run, `--sarif-output "$SARIF_FILE"`) {
		t.Errorf("the upload step does not upload what the check step writes")
	}
	if review.Env["GITHUB_TOKEN"] != "${{ inputs.token }}" {
		t.Errorf("the review step does not pass the token: %v", review.Env)
	}
}

// yamlBlocks returns the ```yaml blocks of a Markdown file.
func yamlBlocks(md string) []string {
	var out []string
	for _, part := range strings.Split(md, "```yaml\n")[1:] {
		block, _, _ := strings.Cut(part, "```")
		out = append(out, block)
	}
	return out
}

func TestDocsWorkflows(t *testing.T) {
	b, err := os.ReadFile("../../docs/github.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := yamlBlocks(string(b))
	if len(blocks) < 2 {
		t.Fatalf("docs/github.md has %d yaml blocks, want the workflows", len(blocks))
	}
	var ran []string
	for i, block := range blocks {
		var wf ghWorkflow
		if err := yaml.Unmarshal([]byte(block), &wf); err != nil {
			t.Fatalf("workflow %d does not parse: %v\n%s", i+1, err, block)
		}
		if len(wf.Jobs) == 0 || wf.Permissions["contents"] != "read" {
			t.Errorf("workflow %d: %d jobs, top-level permissions %v (want contents: read)", i+1, len(wf.Jobs), wf.Permissions)
		}
		names := make([]string, 0, len(wf.Jobs))
		for name := range wf.Jobs {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			job := wf.Jobs[name]
			var sarifOut, reviewed string
			var usesCheckout, headCheckout, tokenPassed bool
			for _, st := range job.Steps {
				if st.Run != "" && exprRe.MatchString(st.Run) {
					t.Errorf("workflow %d, job %s: a run: script expands an expression; pass it through env", i+1, name)
				}
				if strings.HasPrefix(st.Uses, "actions/checkout@") {
					usesCheckout = true
					headCheckout = st.With["ref"] == "${{ github.event.pull_request.head.sha }}" && st.With["fetch-depth"] == "0"
				}
				for _, args := range commandLines(t, st.Run, stepEnv(st, nil)) {
					where := "docs/github.md workflow " + string(rune('0'+i+1)) + ", job " + name
					validateCommandLine(t, where, args)
					ran = append(ran, strings.Join(args, " "))
					if o := flagValue(args, "output"); o != "" && flagValue(args, "format") == "sarif" {
						sarifOut = o
					}
					if len(args) >= 2 && args[0] == "github" && args[1] == "review" {
						reviewed = flagValue(args, "sarif")
						tokenPassed = st.Env["GITHUB_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"
					}
				}
				if strings.HasPrefix(st.Uses, "github/codeql-action/upload-sarif@") {
					if st.With["sarif_file"] != sarifOut || sarifOut == "" {
						t.Errorf("workflow %d, job %s: uploads %q, but archlint wrote %q", i+1, name, st.With["sarif_file"], sarifOut)
					}
					if job.Permissions["security-events"] != "write" {
						t.Errorf("workflow %d, job %s uploads SARIF without security-events: write", i+1, name)
					}
				}
				if strings.HasPrefix(st.Uses, "archlint/archlint@") && st.With["command"] == "review" {
					reviewed, tokenPassed = "(action)", true
				}
			}
			if !usesCheckout {
				t.Errorf("workflow %d, job %s does not check out the repository", i+1, name)
			}
			if reviewed != "" {
				if !headCheckout {
					t.Errorf("workflow %d, job %s reviews without checking out the head with fetch-depth: 0", i+1, name)
				}
				if job.Permissions["pull-requests"] != "write" || job.Permissions["issues"] != "write" {
					t.Errorf("workflow %d, job %s reviews without pull-requests: write and issues: write: %v", i+1, name, job.Permissions)
				}
				if !tokenPassed {
					t.Errorf("workflow %d, job %s does not pass GITHUB_TOKEN to the review", i+1, name)
				}
				if reviewed != "(action)" && reviewed != sarifOut {
					t.Errorf("workflow %d, job %s reviews %q but wrote %q", i+1, name, reviewed, sarifOut)
				}
			}
		}
	}
	want := []string{
		"--format sarif --output archlint.sarif --fail-on none",
		"--format sarif --output archlint.sarif --new-from-merge-base origin/main --fail-on none",
		"github review --sarif archlint.sarif --diff-filter added --fail-on error",
	}
	if strings.Join(ran, "\n") != strings.Join(want, "\n") {
		t.Errorf("the workflows run:\n%s\nwant:\n%s", strings.Join(ran, "\n"), strings.Join(want, "\n"))
	}
}

// The validator rejects what it should, so that the tests above cannot pass vacuously.
func TestValidateCommandLineRejects(t *testing.T) {
	for _, args := range [][]string{
		{"--no-such-flag"},
		{"--format", "yaml"},
		{"--diff-filter", "added"}, // needs --new-from-*
		{"github", "reveiw"},
		{"github", "review", "--sarif"},
		{"github", "review", "--max-comments", "100"},
	} {
		if commandLineError(args) == nil {
			t.Errorf("archlint %s was accepted", strings.Join(args, " "))
		}
	}
	for _, args := range [][]string{
		{"--format", "sarif", "--new-from-rev", "HEAD~1", "--diff-filter", "file", "apps/web"},
		{"github", "review", "--sarif", "x.sarif"},
		{"github", "review", "apps/web", "--", "--config", "ci.yaml"},
	} {
		if err := commandLineError(args); err != nil {
			t.Errorf("archlint %s: %v", strings.Join(args, " "), err)
		}
	}
	words := shellWords(t, `archlint --a "$X" $Y 'lit $Z' --b="q $X" | tee out # c`, map[string]string{"X": "one two", "Y": "three four"})
	if want := []string{"archlint", "--a", "one two", "three", "four", "lit $Z", "--b=q one two"}; strings.Join(words, "|") != strings.Join(want, "|") {
		t.Errorf("shellWords = %q, want %q", words, want)
	}
}
