package cmd

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/plan-cli/plan/cmd/browse"
	"github.com/plan-cli/plan/schedule/store"
)

// updating is golden_test.go's -update flag (the same test binary).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func keys(m browse.Model, ks ...string) browse.Model {
	for _, k := range ks {
		next, _ := m.Update(keyMsg(k))
		m = next.(browse.Model)
	}
	return m
}

// The main screens of plan browse at 80×24 without colour, as golden
// files in testdata/golden/browse (go test ./cmd -run Golden -update).
func TestGoldenBrowseScreens(t *testing.T) {
	dir := fosdemPlan(t)
	ios, _, _, _ := NewTestIO(true)
	ios.SetEnv("PLAN_FILE", filepath.Join(dir, "plan.yaml"))
	f := newFactory(t.Context(), ios)
	m0, err := f.browseModel(termenv.Ascii)
	if err != nil {
		t.Fatal(err)
	}
	m0.SetSize(80, 24)
	for _, c := range []struct {
		name string
		keys []string
	}{
		{"list", nil},
		{"search-rust", []string{"/", "r", "u", "s", "t", "enter"}},
		{"grid", []string{"2"}},
		{"tracks", []string{"3"}},
		{"now", []string{"4"}},
		{"details", []string{"j", "enter"}},
		{"sunday", []string{"]"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			screen := keys(m0, c.keys...).View() + "\n"
			lines := strings.Split(screen, "\n")
			if len(lines) != 25 {
				t.Errorf("%d lines, want 24", len(lines)-1)
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > 80 {
					t.Errorf("line %d is %d columns: %q", i+1, w, l)
				}
			}
			path := filepath.Join("testdata", "golden", "browse", c.name+".txt")
			if updating() {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, []byte(screen), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./cmd -run Golden -update)", err)
			}
			if string(want) != screen {
				t.Errorf("screen differs from %s:\n%s", path, screen)
			}
		})
	}
}

// A journey through a real terminal (tmux): open plan browse on FOSDEM
// 2026, search for rust, move, pick with one key, see the clash, open
// the details, quit; the plan holds the pick and no line of any screen
// is wider than the terminal.
func TestBrowseInATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed (.ci/install.d/10-tmux.sh)")
		}
		t.Skip("tmux is not installed")
	}
	bin := filepath.Join(t.TempDir(), "plan")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		w, h := size[0], size[1]
		t.Run(strings.Join([]string{itoa(w), itoa(h)}, "x"), func(t *testing.T) {
			dir := fosdemPlan(t) // 7886 and 7022 picked, overlapping
			if code, _, errOut := run(t, dir, false, "remove", "7022"); code != 0 {
				t.Fatal(errOut)
			}
			sock := filepath.Join(t.TempDir(), "tmux.sock")
			tmux := func(args ...string) string {
				t.Helper()
				out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
				if err != nil {
					t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
				}
				return string(out)
			}
			tmux("new-session", "-d", "-x", itoa(w), "-y", itoa(h), "-e", "NO_COLOR=", "-e", "TERM=xterm-256color",
				"cd "+dir+" && "+bin+" browse; echo EXITED $?; sleep 30")
			defer exec.Command("tmux", "-S", sock, "kill-server").Run()
			var screens []string
			waitFor := func(want string) string {
				t.Helper()
				deadline := time.Now().Add(5 * time.Second)
				for {
					s := tmux("capture-pane", "-p")
					if strings.Contains(s, want) {
						screens = append(screens, s)
						return s
					}
					if time.Now().After(deadline) {
						t.Fatalf("the screen never showed %q:\n%s", want, s)
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
			waitFor("1 list")
			tmux("send-keys", "/", "r", "u", "s", "t")
			waitFor("/rust")
			tmux("send-keys", "Enter", "j", "k") // move down and back to the first match
			waitFor("Wayland compositors")
			tmux("send-keys", "Space")
			s := waitFor("picked")
			if !strings.Contains(s, "overlaps") {
				t.Errorf("the clash is not shown after the pick:\n%s", s)
			}
			tmux("send-keys", "Enter")
			s = waitFor("when ")
			if !strings.Contains(s, "Wayland compositors for fun and profit") || !strings.Contains(s, "overlaps") {
				t.Errorf("the details lack the title or the clash:\n%s", s)
			}
			tmux("send-keys", "q")
			waitFor("EXITED 0")
			for _, sc := range screens {
				for i, l := range strings.Split(sc, "\n") {
					if cw := ansi.StringWidth(l); cw > w {
						t.Errorf("line %d is %d columns wide (terminal %d): %q", i+1, cw, w, l)
					}
				}
			}
			plan, err := os.ReadFile(filepath.Join(dir, "plan.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(plan), "7022") {
				t.Errorf("plan.yaml lacks the pick 7022:\n%s", plan)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A pick made while another plan command holds the plan's lock: the
// screen says it is waiting and goes on answering keys; once the lock is
// free the pick, and one made meanwhile, are saved.
func TestBrowseSaveWaitsForTheLock(t *testing.T) {
	dir := fosdemPlan(t)
	path := filepath.Join(dir, "plan.yaml")
	ios, _, _, errOut := NewTestIO(true)
	ios.SetEnv("PLAN_FILE", path)
	m, err := newFactory(t.Context(), ios).browseModel(termenv.Ascii)
	if err != nil {
		t.Fatal(err)
	}
	m.SetSize(80, 24)
	other, err := store.Open(t.Context(), path, store.Write, nil) // another plan command
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	// Commands run as Bubble Tea runs them, each in its own goroutine.
	msgs := make(chan tea.Msg)
	var run func(tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		go func() {
			switch msg := cmd().(type) {
			case nil:
			case tea.BatchMsg:
				for _, c := range msg {
					run(c)
				}
			default:
				msgs <- msg
			}
		}()
	}
	press := func(k string) {
		next, cmd := m.Update(keyMsg(k))
		m = next.(browse.Model)
		run(cmd)
	}
	receive := func() {
		t.Helper()
		select {
		case msg := <-msgs:
			next, cmd := m.Update(msg)
			m = next.(browse.Model)
			run(cmd)
		case <-time.After(time.Minute):
			t.Fatalf("nothing came back from the save:\n%s", m.View())
		}
	}
	statusLine := func() string {
		lines := strings.Split(m.View(), "\n")
		return lines[len(lines)-2]
	}

	press(" ") // 8376, the first session
	if got := statusLine(); got != "saving…" {
		t.Errorf("status %q, want saving…", got)
	}
	receive() // the store waited past its notice
	if got := statusLine(); got != "waiting for another plan command…" {
		t.Errorf("status %q, want waiting for another plan command…", got)
	}
	press("j")
	if !strings.Contains(m.View(), ">★!  50m FOSS in times of war") {
		t.Errorf("the cursor did not move while the save waited:\n%s", m.View())
	}
	press("j")
	press(" ") // 9746, while the first save waits
	if got := statusLine(); got != "waiting for another plan command…" {
		t.Errorf("status %q after a key, want waiting for another plan command…", got)
	}
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = next.(browse.Model)
	if lines := strings.Split(m.View(), "\n"); len(lines) != 30 {
		t.Errorf("the screen did not follow a resize while the save waited: %d lines", len(lines))
	}
	plan, _ := os.ReadFile(path)
	if strings.Contains(string(plan), "8376") {
		t.Fatal("saved while another command held the lock")
	}

	other.Close()
	receive() // 8376 saved; the second save starts
	receive() // 9746 saved
	if got := statusLine(); !strings.HasPrefix(got, "picked; ✗ overlaps “FOSS in times of war") {
		t.Errorf("status %q after the saves", got)
	}
	plan, _ = os.ReadFile(path)
	for _, id := range []string{"8376", "9746", "7886", "7022"} {
		if !strings.Contains(string(plan), "id: \""+id+"\"") {
			t.Errorf("plan.yaml lacks %s:\n%s", id, plan)
		}
	}
	if errOut.Len() > 0 {
		t.Errorf("the wait went to stderr, under the screen: %q", errOut)
	}
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "space", " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// benchFactory is a factory on a FOSDEM 2026 plan (883 sessions, two
// picks) in a temporary folder.
func benchFactory(b *testing.B) *Factory {
	dir := b.TempDir()
	for _, args := range [][]string{{"import", "../testdata/programs/fosdem-2026-pentabarf.xml"}, {"add", "7886", "7022"}} {
		ios, _, _, errOut := NewTestIO(false)
		if code := Run(b.Context(), ios, append([]string{"--plan", filepath.Join(dir, "plan.yaml")}, args...)); code != 0 {
			b.Fatal(errOut)
		}
	}
	ios, _, _, _ := NewTestIO(true)
	ios.SetEnv("PLAN_FILE", filepath.Join(dir, "plan.yaml"))
	return newFactory(b.Context(), ios)
}

// What plan browse does before its first frame on FOSDEM 2026: read the
// plan and the program, build the browser, draw the first screen.
func BenchmarkBrowseFirstScreen(b *testing.B) {
	f := benchFactory(b)
	b.ResetTimer()
	for range b.N {
		m, err := f.browseModel(termenv.Ascii)
		if err != nil {
			b.Fatal(err)
		}
		m.SetSize(80, 24)
		_ = m.View()
	}
}

// What one keystroke of a search costs on FOSDEM 2026, screen included:
// typing "rust" and taking it back, a key at a time.
func BenchmarkBrowseSearchKeystroke(b *testing.B) {
	m, err := benchFactory(b).browseModel(termenv.Ascii)
	if err != nil {
		b.Fatal(err)
	}
	m.SetSize(80, 24)
	m = keys(m, "/")
	typed := []tea.KeyMsg{keyMsg("r"), keyMsg("u"), keyMsg("s"), keyMsg("t"),
		{Type: tea.KeyBackspace}, {Type: tea.KeyBackspace}, {Type: tea.KeyBackspace}, {Type: tea.KeyBackspace}}
	b.ResetTimer()
	for i := range b.N {
		next, _ := m.Update(typed[i%len(typed)])
		m = next.(browse.Model)
		_ = m.View()
	}
}
