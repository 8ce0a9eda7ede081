package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostile is what a feed may hold to take over a terminal: the window
// title (OSC 0), the clipboard (OSC 52), clearing the screen, a bell, a
// carriage return that prints a spoofed line over the real one, C1
// controls (CSI as U+009B), DEL and a bidi override.
const hostile = `\u001b]0;PWNED\u0007\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u001b[H\u0007\u009b2J\u0085\u007f\u202e`

// evilProgram imports a frab JSON program whose ids, urls and titles
// hold hostile sequences, then puts them back raw in the program file
// too, in case the importer cleans them: what is tested here is the
// second line of defence, the filter on everything cmd prints.
func evilProgram(t *testing.T, bin, dir string) {
	t.Helper()
	feed := `{"schedule":{"conference":{"title":"t","time_zone_name":"Europe/Berlin","days":[{"date":"2026-03-05","rooms":{"A":[` +
		`{"id":"e1` + hostile + `","title":"Harmless TITLE1` + hostile + `","start":"10:00","duration":"0:30","url":"https://ok.example/\rurl:      https://phish.example/"},` +
		`{"id":"e2","title":"Other TITLE2` + hostile + `","start":"10:15","duration":"0:30","url":"https://ok.example/2"}]}}]}}}`
	if err := os.WriteFile(filepath.Join(dir, "evil.json"), []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) []byte {
		c := exec.Command(bin, args...)
		c.Dir = dir
		c.Env = append(os.Environ(), "NO_COLOR=")
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("plan %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	run("import", "evil.json")
	prog := filepath.Join(dir, "plan.program.jsonl")
	data, err := os.ReadFile(prog)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.ReplaceAll(data, []byte("TITLE1"), []byte(hostile))
	data = bytes.ReplaceAll(data, []byte("TITLE2"), []byte(`\r`+hostile))
	data = bytes.Replace(data, []byte(`"url":"https://ok.example/2"`), []byte(`"url":"https://ok.example/\rurl:      https://phish.example/"`), 1)
	if err := os.WriteFile(prog, data, 0o644); err != nil {
		t.Fatal(err)
	}
	run("add", "e2")
}

func buildPlan(t *testing.T) (bin, dir string) {
	t.Helper()
	dir = t.TempDir()
	bin = filepath.Join(dir, "plan-bin")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, work
}

// In a pipe, what plan prints holds no byte below 0x20 but tab and
// newline, no DEL and no C1 control.
func TestPipedOutputHasNoControls(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin, dir := buildPlan(t)
	evilProgram(t, bin, dir)
	for _, args := range [][]string{{"list"}, {"show", "e2"}, {"agenda"}, {"clashes"}, {"list", "--picked"}, {"__complete", "add", ""}, {"show", "nothing\x1b]0;x\x07"}} {
		c := exec.Command(bin, args...)
		c.Dir = dir
		var out, errOut bytes.Buffer
		c.Stdout, c.Stderr = &out, &errOut
		c.Run()
		for _, b := range [][]byte{out.Bytes(), errOut.Bytes()} {
			for i, r := range string(b) {
				if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f {
					t.Errorf("plan %s printed %U at byte %d:\n%q", strings.Join(args, " "), r, i, b)
					break
				}
			}
		}
	}
}

// In a real terminal (tmux), plan list and plan show on that program
// change nothing but the lines they print: the window title, the
// clipboard and the lines above stay, and no spoofed URL shows.
func TestTerminalIsNotTakenOver(t *testing.T) {
	bin, dir := hostileTerminal(t)
	tmux, wait := tmuxOn(t, dir, "env", "-u", "NO_COLOR", "TERM=xterm-256color", "PLAN="+bin, "sh")
	// The markers are computed by the shell, so that the typed command
	// line does not show them.
	tmux("send-keys", "clear; echo KEEP-$((2+3))", "Enter")
	wait("KEEP-5\n")
	tmux("send-keys", `"$PLAN" list; "$PLAN" show e2; "$PLAN" agenda; echo DONE-$((1+1))`, "Enter")
	screen := wait("DONE-2\n")
	if !strings.Contains(screen, "KEEP-5\n") {
		t.Errorf("the screen was cleared:\n%s", screen)
	}
	if title := strings.TrimSpace(tmux("display-message", "-p", "#{pane_title}")); title != "ORIGINAL" {
		t.Errorf("the pane title became %q", title)
	}
	if bufs := tmux("list-buffers"); strings.TrimSpace(bufs) != "" {
		t.Errorf("the clipboard was set: %s", bufs)
	}
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasPrefix(line, "url:") && strings.Contains(line, "phish") && !strings.Contains(line, "ok.example") {
			t.Errorf("a spoofed URL line shows: %q\n%s", line, screen)
		}
	}
	if !strings.Contains(screen, "Harmless") || !strings.Contains(screen, "Other") {
		t.Errorf("the titles do not show:\n%s", screen)
	}
}

// plan browse draws the same hostile program full screen, in colour:
// the list, the details of a session whose title and url hold escape
// sequences, and the pick's clash line; the window title and the
// clipboard stay.
func TestBrowseIsNotTakenOver(t *testing.T) {
	bin, dir := hostileTerminal(t)
	tmux, wait := tmuxOn(t, dir, "env", "-u", "NO_COLOR", "TERM=xterm-256color", "COLORTERM=truecolor", bin, "browse")
	wait("1 list")
	tmux("send-keys", "space") // e1 overlaps the pick e2: the clash line names it
	wait("picked")
	tmux("send-keys", "Enter")
	screen := wait("picked   ")
	tmux("send-keys", "Escape", "j", "Enter")
	screen += wait("url      https://ok.example/")
	tmux("send-keys", "q")
	if title := strings.TrimSpace(tmux("display-message", "-p", "#{pane_title}")); title != "ORIGINAL" {
		t.Errorf("the pane title became %q", title)
	}
	if bufs := tmux("list-buffers"); strings.TrimSpace(bufs) != "" {
		t.Errorf("the clipboard was set: %s", bufs)
	}
	if !strings.Contains(screen, "Harmless") || !strings.Contains(screen, "Other") {
		t.Errorf("the titles do not show:\n%s", screen)
	}
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, "phish") && !strings.Contains(line, "ok.example") {
			t.Errorf("a spoofed URL line shows: %q\n%s", line, screen)
		}
	}
}

// hostileTerminal builds plan and a plan on evilProgram, for a test in
// tmux (skipped under -short, or without tmux outside CI).
func hostileTerminal(t *testing.T) (bin, dir string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and runs it in tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is required in CI (.ci/install.d/10-tmux.sh)")
		}
		t.Skip("tmux is not installed")
	}
	bin, dir = buildPlan(t)
	evilProgram(t, bin, dir)
	return bin, dir
}

// tmuxOn runs command in a tmux pane of 100×30 in dir, with the window
// title set to ORIGINAL and a feed free to set it and the clipboard
// (allow-rename, set-clipboard); the pane stays when command ends. tmux runs a tmux command; wait waits
// for marker on the screen and returns the screen.
func tmuxOn(t *testing.T, dir string, command ...string) (tmux func(args ...string) string, wait func(marker string) string) {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	tmux = func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	tmux(append([]string{"new-session", "-d", "-x", "100", "-y", "30", "-c", dir}, command...)...)
	t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })
	tmux("set-option", "-g", "set-clipboard", "on")
	tmux("set-option", "-g", "allow-rename", "on")
	tmux("set-option", "-g", "remain-on-exit", "on") // the pane outlives a command that quits
	tmux("select-pane", "-T", "ORIGINAL")
	wait = func(marker string) string {
		for range 100 {
			screen := tmux("capture-pane", "-p")
			if strings.Contains(screen, marker) {
				return screen
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%q never showed:\n%s", marker, tmux("capture-pane", "-p"))
		return ""
	}
	return tmux, wait
}
