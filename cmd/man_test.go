package cmd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// plan man DIR writes one page per command, plan.1 and plan-add.1 to
// plan-completion-zsh.1, and nothing else. Each page, as man shows it,
// has the command's description paragraph for paragraph, its indented
// lines as they are, and its examples line for line.
func TestManPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man", "man1") // made by plan man
	code, out, errOut := run(t, t.TempDir(), false, "man", dir)
	if code != 0 || out != "" {
		t.Fatalf("plan man: exit %d\n%s%s", code, out, errOut)
	}

	ios, _, _, _ := NewTestIO(false)
	root := NewRootCmd(ios)
	commands := map[string]*cobra.Command{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		commands[strings.ReplaceAll(c.CommandPath(), " ", "-")+".1"] = c
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub)
			}
		}
	}
	walk(root)
	want := []string{"plan-completion.1", "plan-completion-bash.1", "plan-completion-fish.1", "plan-completion-powershell.1", "plan-completion-zsh.1"}
	for name := range commands {
		want = append(want, name)
	}
	var got []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("plan man wrote\n%v\nwant\n%v", got, want)
	}
	if wantErr := "Wrote " + strconv.Itoa(len(want)) + " man pages to " + dir + ".\n"; errOut != wantErr {
		t.Errorf("plan man says %q, want %q", errOut, wantErr)
	}
	for _, name := range []string{"plan.1", "plan-add.1", "plan-import.1", "plan-walk.1", "plan-sync.1", "plan-man.1"} {
		if commands[name] == nil {
			t.Fatalf("no command for %s", name)
		}
	}

	manPath, err := exec.LookPath("man")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("man is not installed")
		}
		t.Skip("man is not installed: the pages are written but not read back")
	}
	for name, c := range commands {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(manPath, "-l", filepath.Join(dir, name))
			cmd.Env = append(os.Environ(), "MANWIDTH=2000", "MANPAGER=cat", "PAGER=cat", "LANG=C.UTF-8")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			page, err := cmd.Output()
			if err != nil || stderr.Len() > 0 {
				t.Fatalf("man -l %s: %v\n%s", name, err, stderr.String())
			}
			checkManPage(t, string(page), c)
		})
	}
}

// checkManPage checks that text, the page of c as man shows it, has its
// name and short description, its description run for run (an indented
// line as a line of its own) and its examples line for line.
func checkManPage(t *testing.T, text string, c *cobra.Command) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	dashed := strings.ReplaceAll(c.CommandPath(), " ", "-")
	if !strings.Contains(flat, "NAME "+dashed+" - "+c.Short) {
		t.Errorf("the page does not begin with its name and %q:\n%s", c.Short, text)
	}
	long := c.Long
	if long == "" {
		long = c.Short
	}
	// Each run of text, up to a blank line or an indented one,
	// is on the page word for word; an indented line stays a line
	// of its own.
	var words []string
	flush := func() {
		if s := strings.Join(words, " "); s != "" && !strings.Contains(flat, s) {
			t.Errorf("the page lacks the text %q", s)
		}
		words = nil
	}
	for _, line := range strings.Split(long, "\n") {
		if strings.HasPrefix(line, " ") {
			flush()
			if !strings.Contains(text, strings.TrimRight(line, " ")+"\n") {
				t.Errorf("the page lacks the line %q", line)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			flush()
		}
		words = append(words, strings.Fields(line)...)
	}
	flush()
	for _, line := range strings.Split(c.Example, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.Contains(text, line+"\n") {
			t.Errorf("the page lacks the example %q", line)
		}
	}
}
