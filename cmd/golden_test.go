package cmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/plan-cli/plan/cmd"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const (
	fosdemXML = "../testdata/programs/fosdem-2026-pentabarf.xml"
	scaleJSON = "../testdata/programs/scale-22x-sign.json"
	cccXML    = "../testdata/programs/38c3-frab-hub-schedule.xml"

	goldenDir   = "testdata/golden"
	refreshHint = "go test ./cmd -run Golden -update"
)

// sourceDateEpoch is the clock of NewTestIO, for commands that stamp times.
var sourceDateEpoch = strconv.FormatInt(time.Date(2026, 1, 31, 10, 15, 0, 0, time.UTC).Unix(), 10)

// goldenCase is one command line, run on a copy of a fixture plan on a
// terminal, in a pipe and (if json) with --json appended.
type goldenCase struct {
	name    string
	fixture string // "empty", "fosdem", "scale" or "ccc"
	args    []string
	json    bool
	writes  bool // the command changes the plan: run it on a copy
	env     map[string]string
}

func goldenCases(editedFOSDEM string) []goldenCase {
	epoch := map[string]string{"SOURCE_DATE_EPOCH": sourceDateEpoch}
	return []goldenCase{
		// A new plan.
		{name: "init", writes: true, fixture: "empty", args: []string{"init", "--name", "FOSDEM 2026", "--tz", "Europe/Brussels"}},
		{name: "import", writes: true, fixture: "empty", args: []string{"import", fosdemXML}, json: true, env: epoch},
		// The edited copy moves 7207, cancels 7022 and drops 7728, all picked.
		{name: "import-again", writes: true, fixture: "fosdem", args: []string{"import", editedFOSDEM}, json: true, env: epoch},

		// Browsing.
		{name: "list-day-room", fixture: "fosdem", args: []string{"list", "--day", "sat", "--room", "Janson"}, json: true},
		{name: "list-picked", fixture: "fosdem", args: []string{"list", "--picked"}, json: true},
		{name: "list-free", fixture: "fosdem", args: []string{"list", "--free", "--day", "sat", "--room", "Janson"}, json: true},
		{name: "list-kind", fixture: "fosdem", args: []string{"list", "--kind", "panel"}, json: true},
		{name: "list-search", fixture: "fosdem", args: []string{"list", "--search", "ebpf"}, json: true},
		{name: "list-none", fixture: "fosdem", args: []string{"list", "--search", "no-such-topic-anywhere"}, json: true},
		{name: "list-search-words", fixture: "scale", args: []string{"list", "--search", "postgres 18"}, json: true},
		{name: "list-at", fixture: "fosdem", args: []string{"list", "--at", "sat 11:10", "--track", "main"}, json: true},
		{name: "list-after", fixture: "fosdem", args: []string{"list", "--after", "sun 17:00"}, json: true},
		{name: "list-track-typo", fixture: "fosdem", args: []string{"list", "--track", "rsut"}},
		{name: "list-scale-day", fixture: "scale", args: []string{"list", "--day", "sat", "--room", "Room 107"}},
		{name: "tracks", fixture: "fosdem", args: []string{"tracks"}, json: true},
		{name: "rooms", fixture: "scale", args: []string{"rooms", "--day", "sat"}, json: true},
		{name: "show", fixture: "fosdem", args: []string{"show", "8376"}, json: true},
		{name: "show-pick", fixture: "fosdem", args: []string{"show", "7886"}, json: true},
		{name: "show-personal", fixture: "fosdem", args: []string{"show", "my-lunch-with-ana"}, json: true},

		// Picking.
		{name: "add-clash", writes: true, fixture: "fosdem", args: []string{"add", "7768", "7712"}, json: true},
		{name: "add-personal", writes: true, fixture: "fosdem", args: []string{"add", "--title", "Coffee with Bo", "--kind", "social", "--start", "2026-02-01 10:00", "--end", "30m", "--room", "Cafeteria"}, json: true},
		{name: "add-again", writes: true, fixture: "fosdem", args: []string{"add", "7886"}, json: true},
		{name: "add-must-note", writes: true, fixture: "fosdem", args: []string{"add", "7875", "--priority", "must", "--note", "ask about the CLA"}, json: true},
		{name: "remove", writes: true, fixture: "fosdem", args: []string{"remove", "7728", "my-red-hat-booth"}},

		// Your schedule.
		{name: "clashes", fixture: "fosdem", args: []string{"clashes"}, json: true},
		{name: "clashes-none", fixture: "scale", args: []string{"clashes"}, json: true},
		{name: "agenda", fixture: "fosdem", args: []string{"agenda"}, json: true},
		{name: "agenda-day", fixture: "fosdem", args: []string{"agenda", "--day", "sun"}, json: true},
		{name: "walk-set", writes: true, fixture: "fosdem", args: []string{"walk", "Janson", "UD2.208 (Decroly)", "12m"}},
		{name: "walk-default", writes: true, fixture: "fosdem", args: []string{"walk", "--default", "5m"}},
		{name: "walk", fixture: "fosdem", args: []string{"walk"}, json: true},
		{name: "optimize", fixture: "fosdem", args: []string{"optimize"}, json: true},
		{name: "optimize-apply", writes: true, fixture: "fosdem", args: []string{"optimize", "--apply"}},
		{name: "suggest", fixture: "fosdem", args: []string{"suggest"}, json: true},
		{name: "now", fixture: "fosdem", args: []string{"now"}, json: true},
		{name: "now-at", fixture: "fosdem", args: []string{"now", "--at", "sun 11:50"}, json: true},
		{name: "now-room", fixture: "fosdem", args: []string{"now", "--at", "sun 11:50", "--room", "Janson"}, json: true},
		// The whole program's gaps list every session that fits: pinned on
		// the terminal and in a pipe; the JSON is pinned for one day.
		{name: "gaps", fixture: "ccc", args: []string{"gaps"}},
		{name: "gaps-fri", fixture: "ccc", args: []string{"gaps", "--day", "fri"}, json: true},
		{name: "gaps-sat", fixture: "ccc", args: []string{"gaps", "--day", "sat"}},
		{name: "agenda-night", fixture: "ccc", args: []string{"agenda"}, json: true},

		// At and after the conference.
		{name: "attend", writes: true, fixture: "fosdem", args: []string{"attend", "7886", "my-red-hat-booth"}},
		{name: "skip", writes: true, fixture: "fosdem", args: []string{"skip", "7022"}},
		{name: "note", writes: true, fixture: "fosdem", args: []string{"note", "7207", "reftable is the default now"}},
		{name: "note-append", writes: true, fixture: "fosdem", args: []string{"note", "7886", "--append", "and the slides"}},
		{name: "fact", writes: true, fixture: "fosdem", args: []string{"fact", "Waffles eaten", "3"}},
		{name: "fact-list-empty", fixture: "fosdem", args: []string{"fact"}},
		{name: "stats", fixture: "fosdem", args: []string{"stats"}, json: true},
		{name: "export-ics", fixture: "fosdem", args: []string{"export", "--ics"}, env: epoch},
		{name: "export-md", fixture: "fosdem", args: []string{"export", "--md"}, env: epoch},

		// SCALE 22x: the recap journey.
		{name: "scale-attend", writes: true, fixture: "scale", args: []string{"attend", "look-elephants-trunk-postgresql-18"}},
		{name: "scale-skip", writes: true, fixture: "scale", args: []string{"skip", "look-elephants-trunk-postgresql-18"}},
		{name: "scale-fact", writes: true, fixture: "scale", args: []string{"fact", "Coffee", "7 cups"}},
		{name: "scale-fact-list", fixture: "scale", args: []string{"fact"}},
		{name: "scale-agenda", fixture: "scale", args: []string{"agenda", "--all"}, json: true},
		{name: "scale-stats", fixture: "scale", args: []string{"stats"}, json: true},
		{name: "scale-export-md", fixture: "scale", args: []string{"export", "--md"}, env: epoch},
		{name: "scale-export-ics", fixture: "scale", args: []string{"export", "--ics"}, env: epoch},

		// One error per mode.
		{name: "error-unknown-id", fixture: "fosdem", args: []string{"show", "nope"}, json: true},
		{name: "error-add-unknown-id", writes: true, fixture: "fosdem", args: []string{"add", "nope"}, json: true},
	}
}

// TestGolden runs every command on a terminal (80 columns, colour), in a
// pipe and with --json, and compares what it prints with the files in
// testdata/golden/{tty,pipe,json}. Refresh them with
//
//	go test ./cmd -run Golden -update
func TestGolden(t *testing.T) {
	root := t.TempDir()
	edited := filepath.Join(root, "fosdem-edited.xml")
	writeEditedFOSDEM(t, edited)
	fixtures := map[string]string{
		"empty":  mkdir(t, root, "empty"),
		"fosdem": fosdemFixture(t, mkdir(t, root, "fosdem")),
		"scale":  scaleFixture(t, mkdir(t, root, "scale")),
		"ccc":    cccFixture(t, mkdir(t, root, "ccc")),
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	norm := strings.NewReplacer(root, "$DIR", repo, "$REPO")

	// The runs wait mostly on the disk (every write is fsynced), so they
	// run in parallel; the stale-golden sweep waits for all of them.
	var mu sync.Mutex
	written := map[string]bool{}
	wrote := func(path string) {
		mu.Lock()
		written[path] = true
		mu.Unlock()
	}
	t.Cleanup(func() { sweepStale(t, written) })
	for _, gc := range goldenCases(edited) {
		for _, mode := range []string{"tty", "pipe", "json"} {
			if mode == "json" && !gc.json {
				continue
			}
			t.Run(gc.name+"/"+mode, func(t *testing.T) {
				t.Parallel()
				// Commands that write get a copy of the fixture; the
				// others run on it and must leave it as it was.
				dir := fixtures[gc.fixture]
				before, _ := os.ReadFile(filepath.Join(dir, "plan.yaml"))
				if gc.writes {
					dir = filepath.Join(root, "run", gc.name, mode)
					copyDir(t, fixtures[gc.fixture], dir)
				}
				args := gc.args
				if mode == "json" {
					args = append(append([]string{}, args...), "--json")
				}
				ios, _, out, errOut := cmd.NewTestIO(mode == "tty")
				for k, v := range gc.env {
					ios.SetEnv(k, v)
				}
				code := cmd.Run(context.Background(), ios, append([]string{"--plan", filepath.Join(dir, "plan.yaml")}, args...))
				stdout, stderr := norm.Replace(out.String()), norm.Replace(errOut.String())
				if after, _ := os.ReadFile(filepath.Join(dir, "plan.yaml")); !gc.writes && !bytes.Equal(before, after) {
					t.Errorf("plan %s changed the plan file; mark the case as writing", strings.Join(args, " "))
				}

				switch mode {
				case "tty":
					// Reported only, until the layout fits 80 columns.
					wide, widest, first := 0, 0, 0
					for i, line := range strings.Split(stdout, "\n") {
						if w := lipgloss.Width(line); w > 80 {
							if wide == 0 {
								first = i + 1
							}
							wide++
							widest = max(widest, w)
						}
					}
					if wide > 0 {
						t.Logf("%d terminal line(s) over 80 columns (first: line %d, widest: %d columns)", wide, first, widest)
					}
				case "pipe":
					// An iCalendar ends its lines in CRLF, as RFC 5545 asks.
					checkPlain(t, "stdout", stdout, slices.Contains(gc.args, "--ics"))
					checkPlain(t, "stderr", stderr, false)
				case "json":
					checkPlain(t, "stdout", stdout, false)
					if code == 0 && !json.Valid([]byte(stdout)) {
						t.Errorf("--json output is not valid JSON:\n%s", stdout)
					}
				}

				if mode == "json" {
					path := filepath.Join(goldenDir, mode, gc.name+".json")
					compareGolden(t, path, stdout)
					wrote(path)
					if stderr != "" || code != 0 {
						path := filepath.Join(goldenDir, mode, gc.name+".stderr.txt")
						compareGolden(t, path, withExit(stderr, code))
						wrote(path)
					}
					return
				}
				got := stdout
				if stderr != "" || code != 0 {
					got += "-- stderr --\n" + withExit(stderr, code)
				}
				path := filepath.Join(goldenDir, mode, gc.name+".txt")
				compareGolden(t, path, got)
				wrote(path)
			})
		}
	}

}

// sweepStale removes, after an -update of the whole test, the goldens of
// cases that no longer exist, which would otherwise go stale unnoticed.
func sweepStale(t *testing.T, written map[string]bool) {
	if !*update || strings.Contains(flag.Lookup("test.run").Value.String(), "/") || t.Failed() {
		return
	}
	for _, mode := range []string{"tty", "pipe", "json"} {
		files, _ := filepath.Glob(filepath.Join(goldenDir, mode, "*"))
		for _, f := range files {
			if !written[f] {
				t.Logf("removing stale golden %s", f)
				os.Remove(f)
			}
		}
	}
}

func withExit(stderr string, code int) string {
	return stderr + fmt.Sprintf("-- exit %d --\n", code)
}

// checkPlain fails if piped output holds a control character other than
// tab and newline (escape codes above all); crlf allows CR before LF.
// It reports the first such line and how many there are.
func checkPlain(t *testing.T, stream, s string, crlf bool) {
	t.Helper()
	bad, first := 0, ""
	for i, line := range strings.Split(s, "\n") {
		if crlf {
			line = strings.TrimSuffix(line, "\r")
		}
		for j := 0; j < len(line); j++ {
			if c := line[j]; (c < 0x20 && c != '\t') || c == 0x7f {
				if bad == 0 {
					first = fmt.Sprintf("line %d has control byte %#02x at byte %d: %q", i+1, c, j, line)
				}
				bad++
				break
			}
		}
	}
	if bad > 0 {
		t.Errorf("piped %s has %d line(s) with control bytes; the first: %s", stream, bad, first)
	}
}

// compareGolden compares got with the file at path, or writes it with -update.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v\nCreate it with: %s", err, refreshHint)
	}
	if string(want) == got {
		return
	}
	t.Errorf("output differs from %s:\n%s\nIf the change is intended, refresh with: %s", path, diff(string(want), got), refreshHint)
}

// diff shows the first differing lines of want (-) and got (+), with a
// little context before them.
func diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	from := max(0, i-3)
	fmt.Fprintf(&b, "@@ line %d @@\n", i+1)
	for k := from; k < i; k++ {
		fmt.Fprintf(&b, "  %q\n", wl[k])
	}
	const show = 8
	for k := i; k < len(wl) && k < i+show; k++ {
		fmt.Fprintf(&b, "- %q\n", wl[k])
	}
	for k := i; k < len(gl) && k < i+show; k++ {
		fmt.Fprintf(&b, "+ %q\n", gl[k])
	}
	if len(wl) != len(gl) {
		fmt.Fprintf(&b, "(want %d lines, got %d)\n", len(wl), len(gl))
	}
	return b.String()
}

// planRun runs plan on the plan file in dir and fails the test if it fails.
func planRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	ios, _, _, errOut := cmd.NewTestIO(false)
	ios.SetEnv("SOURCE_DATE_EPOCH", sourceDateEpoch)
	if code := cmd.Run(context.Background(), ios, append([]string{"--plan", filepath.Join(dir, "plan.yaml")}, args...)); code != 0 {
		t.Fatalf("plan %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
}

// fosdemFixture: FOSDEM 2026 with two overlaps on Saturday morning
// (7886/7022, 7207/7728), a walk that makes 7022 → 7207 tight, picks on
// Sunday, an unscheduled booth and a lunch.
func fosdemFixture(t *testing.T, dir string) string {
	planRun(t, dir, "import", fosdemXML)
	planRun(t, dir, "add", "7886", "--priority", "must", "--note", "ask about the threat model")
	planRun(t, dir, "add", "7022", "7207", "7728")
	planRun(t, dir, "add", "8402", "6853", "--priority", "maybe")
	planRun(t, dir, "add", "--title", "Red Hat booth", "--kind", "booth")
	planRun(t, dir, "add", "--title", "Lunch with Ana", "--kind", "social", "--start", "2026-01-31 12:30", "--end", "45m", "--room", "Food court")
	planRun(t, dir, "walk", "Janson", "K.1.105 (La Fontaine)", "10m")
	return dir
}

// scaleFixture: SCALE 22x after the conference, partly attended.
func scaleFixture(t *testing.T, dir string) string {
	planRun(t, dir, "import", scaleJSON)
	planRun(t, dir, "add", "fireside-chat-outsiders-look-nix", "--priority", "must")
	planRun(t, dir, "add", "learn-nix-fun-way", "look-elephants-trunk-postgresql-18")
	planRun(t, dir, "add", "--title", "Expo hall", "--kind", "booth")
	planRun(t, dir, "attend", "fireside-chat-outsiders-look-nix", "my-expo-hall")
	planRun(t, dir, "skip", "learn-nix-fun-way")
	planRun(t, dir, "note", "fireside-chat-outsiders-look-nix", "flakes are still experimental")
	planRun(t, dir, "fact", "Price of Parking", "too much")
	return dir
}

// cccFixture: 38C3 with talks late in the evening and after midnight, so
// the gaps span the night.
func cccFixture(t *testing.T, dir string) string {
	planRun(t, dir, "import", cccXML)
	planRun(t, dir, "add", "282", "598", "215", "313")
	return dir
}

// writeEditedFOSDEM writes a copy of the FOSDEM program in which the picked
// 7207 moves to 11:30, 7022 is cancelled and 7728 is gone.
func writeEditedFOSDEM(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(fosdemXML)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	s = replaceOnce(t, s,
		"id=\"7207\">\n        <date>2026-01-31T11:00:00+01:00</date>\n        <start>11:00</start>",
		"id=\"7207\">\n        <date>2026-01-31T11:30:00+01:00</date>\n        <start>11:30</start>")
	s = replaceOnce(t, s,
		"<title>Wayland compositors for fun and profit</title>",
		"<title>Wayland compositors for fun and profit (cancelled)</title>")
	start := strings.Index(s, `<event guid="365c30fd-6fcd-5572-996a-3a7a50da1b19" id="7728">`)
	if start < 0 {
		t.Fatal("event 7728 not found in the FOSDEM program")
	}
	end := strings.Index(s[start:], "</event>")
	if end < 0 {
		t.Fatal("event 7728 has no end")
	}
	s = s[:start] + s[start+end+len("</event>"):]
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("%q occurs %d times in the program, want once", old, strings.Count(s, old))
	}
	return strings.Replace(s, old, new, 1)
}

func mkdir(t *testing.T, root, name string) string {
	t.Helper()
	dir := filepath.Join(root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyDir copies the plan files (not the lock) from src into a new dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		from, to := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())
		// The program file is big and written only by rename (see
		// store.WriteFileAtomic), so a hard link is as good as a copy.
		if strings.HasSuffix(e.Name(), ".jsonl") && os.Link(from, to) == nil {
			continue
		}
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
