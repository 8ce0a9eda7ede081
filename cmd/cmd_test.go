package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// run executes plan with args against the plan file in dir.
func run(t *testing.T, dir string, tty bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := NewTestIO(tty)
	code = Run(context.Background(), ios, append([]string{"--plan", filepath.Join(dir, "plan.yaml")}, args...))
	return code, out.String(), errOut.String()
}

func fosdemPlan(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := run(t, dir, false, "import", "../testdata/programs/fosdem-2026-pentabarf.xml"); code != 0 {
		t.Fatalf("import failed: %s", errOut)
	}
	if code, _, errOut := run(t, dir, false, "add", "7886", "7022", "--priority", "must"); code != 0 {
		t.Fatalf("add failed: %s", errOut)
	}
	return dir
}

// Every read command prints plain text in a pipe and styled text on a
// terminal; the same facts reach both.
func TestTerminalAndPipe(t *testing.T) {
	dir := fosdemPlan(t)
	for _, args := range [][]string{
		{"list", "--day", "sat", "--room", "Janson"},
		{"list", "--picked"},
		{"show", "7886"},
		{"clashes"},
		{"agenda"},
		{"stats"},
	} {
		name := strings.Join(args, " ")
		t.Run(name, func(t *testing.T) {
			code, pipe, errOut := run(t, dir, false, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if strings.Contains(pipe, "\x1b[") {
				t.Errorf("pipe output has escape codes:\n%q", pipe)
			}
			code, term, errOut := run(t, dir, true, args...)
			if code != 0 {
				t.Fatalf("exit %d on a terminal: %s", code, errOut)
			}
			if !strings.Contains(term, "\x1b[") {
				t.Errorf("terminal output has no styling:\n%s", term)
			}
			for _, want := range []string{"FOSS in times of war"} {
				if args[0] != "stats" && !strings.Contains(pipe, want) {
					t.Errorf("pipe output lacks %q:\n%s", want, pipe)
				}
				if args[0] != "stats" && !strings.Contains(term, want) {
					t.Errorf("terminal output lacks %q:\n%s", want, term)
				}
			}
		})
	}
}

func TestPipeRowsAreTabSeparated(t *testing.T) {
	dir := fosdemPlan(t)
	_, out, _ := run(t, dir, false, "list", "--picked")
	want := "7886\t2026-01-31T10:00:00+01:00\t2026-01-31T10:50:00+01:00\tJanson\ttalk\tFOSS in times of war, scarcity and (adversarial) AI\tmust/planned\n" +
		"7022\t2026-01-31T10:30:00+01:00\t2026-01-31T10:55:00+01:00\tK.1.105 (La Fontaine)\ttalk\tWayland compositors for fun and profit\tmust/planned\n"
	if out != want {
		t.Errorf("list --picked in a pipe =\n%s\nwant\n%s", out, want)
	}
}

func TestNoColorOnTerminal(t *testing.T) {
	dir := fosdemPlan(t)
	ios, _, out, _ := NewTestIO(true)
	ios.SetEnv("NO_COLOR", "1")
	if Run(context.Background(), ios, []string{"--plan", filepath.Join(dir, "plan.yaml"), "agenda"}) != 0 {
		t.Fatal("agenda failed")
	}
	if strings.Contains(out.String(), "\x1b[") {
		t.Errorf("NO_COLOR output has escape codes:\n%q", out.String())
	}
	if !strings.Contains(out.String(), "Saturday 31 January 2026") {
		t.Errorf("NO_COLOR output lost the layout:\n%s", out.String())
	}
}

func TestExitCodes(t *testing.T) {
	dir := fosdemPlan(t)
	before, _ := os.ReadFile(filepath.Join(dir, "plan.yaml"))
	tests := []struct {
		args    []string
		code    int
		errText string
	}{
		{[]string{"list", "--bogus"}, exitUsage, "unknown flag: --bogus"},
		{[]string{"show"}, exitUsage, "give the id of a session"},
		{[]string{"add", "7886", "--priority", "urgent"}, exitUsage, `unknown priority "urgent" (use must, want or maybe)`},
		{[]string{"list", "--kind", "seminar"}, exitUsage, `unknown kind "seminar"`},
		{[]string{"list", "--day", "tuesday"}, exitUsage, `--day "tuesday" matches no day of the program (days: Sat 2026-01-31, Sun 2026-02-01)`},
		{[]string{"add", "nope"}, exitError, `no session with id "nope"`},
		{[]string{"remove", "8376"}, exitError, `no pick with id "8376"`},
		{[]string{"skip", "8376"}, exitError, `no pick with id "8376"`},
		{[]string{"import", filepath.Join(dir, "missing.xml")}, exitError, "missing.xml: no such file"},
		{[]string{"export"}, exitUsage, "choose one of --ics, --md or --html"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, dir, false, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.errText) {
			t.Errorf("plan %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.errText)
		}
	}
	after, _ := os.ReadFile(filepath.Join(dir, "plan.yaml"))
	if string(before) != string(after) {
		t.Error("a failed command changed the plan")
	}
}

func TestNoPlanYet(t *testing.T) {
	code, _, errOut := run(t, t.TempDir(), false, "agenda")
	if code != exitError || !strings.Contains(errOut, "run 'plan import PROGRAM' (or 'plan init') first") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// Every command has a short description and examples, and no two flags
// of a command share a shorthand.
func TestEveryCommandIsDocumented(t *testing.T) {
	ios, _, _, _ := NewTestIO(false)
	root := NewRootCmd(ios)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" || sub.HasParent() && sub.Parent().Name() == "completion" {
				continue
			}
			if sub.Short == "" {
				t.Errorf("%s has no short description", sub.CommandPath())
			}
			if sub.Example == "" {
				t.Errorf("%s has no examples", sub.CommandPath())
			}
			short := map[string]string{}
			sub.Flags().VisitAll(func(f *pflag.Flag) {
				if f.Shorthand != "" {
					if other, dup := short[f.Shorthand]; dup {
						t.Errorf("%s: -%s is both --%s and --%s", sub.CommandPath(), f.Shorthand, other, f.Name)
					}
					short[f.Shorthand] = f.Name
				}
			})
			walk(sub)
		}
	}
	walk(root)
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, errOut := run(t, t.TempDir(), false, "completion", shell)
		if code != 0 || !strings.Contains(out, "plan") {
			t.Errorf("completion %s: exit %d %s", shell, code, errOut)
		}
	}
}
