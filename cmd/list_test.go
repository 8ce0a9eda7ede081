package cmd

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func importPlan(t *testing.T, program string) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := run(t, dir, false, "import", program); code != 0 {
		t.Fatalf("import failed: %s", errOut)
	}
	return dir
}

// On an 80-column terminal no line of plan list is wider than 80, on
// FOSDEM's short ids and on SCALE's long slugs alike.
func TestListFitsTheTerminal(t *testing.T) {
	for _, prog := range []string{"../testdata/programs/fosdem-2026-pentabarf.xml", "../testdata/programs/scale-22x-sign.json"} {
		dir := importPlan(t, prog)
		for _, width := range []int{80, 100, 200} {
			ios, _, out, errOut := NewTestIO(true)
			ios.SetWidth(width)
			code := Run(t.Context(), ios, []string{"--plan", dir + "/plan.yaml", "list"})
			if code != 0 {
				t.Fatalf("%s: exit %d: %s", prog, code, errOut)
			}
			lines := strings.Split(out.String(), "\n")
			if len(lines) < 200 {
				t.Fatalf("%s: only %d lines", prog, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > width {
					t.Fatalf("%s at %d columns: line %d is %d columns: %q", prog, width, i+1, w, ansi.Strip(l))
				}
			}
		}
	}
}

func TestListSearchAllWords(t *testing.T) {
	dir := importPlan(t, "../testdata/programs/scale-22x-sign.json")
	_, out, _ := run(t, dir, false, "list", "--search", "postgres 18")
	if !strings.Contains(out, "A look at the Elephant's trunk - PostgreSQL 18") {
		t.Errorf("--search \"postgres 18\" did not find the PostgreSQL 18 talk:\n%s", out)
	}
	_, out2, _ := run(t, dir, false, "list", "--search", "18 POSTGRES")
	if out2 != out {
		t.Errorf("the order of the words matters:\n%s\nvs\n%s", out, out2)
	}
}

func TestTracksCountEverySession(t *testing.T) {
	dir := importPlan(t, "../testdata/programs/fosdem-2026-pentabarf.xml")
	code, out, errOut := run(t, dir, false, "tracks")
	if code != 0 {
		t.Fatal(errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	sum := 0
	for _, l := range lines {
		_, n, _ := strings.Cut(l, "\t")
		k, err := strconv.Atoi(n)
		if err != nil {
			t.Fatalf("bad line %q", l)
		}
		sum += k
	}
	if len(lines) != 62 || sum != 883 {
		t.Errorf("plan tracks: %d tracks, %d sessions; want 62 and 883", len(lines), sum)
	}
}

func TestNearestName(t *testing.T) {
	names := []string{"Rust", "Go", "Kernel & Low Level Systems", "Janson"}
	for in, want := range map[string]string{"rsut": "Rust", "jansen": "Janson", "kernal": "Kernel & Low Level Systems", "zzzzzz": ""} {
		if got := nearestName(in, names); got != want {
			t.Errorf("nearestName(%q) = %q, want %q", in, got, want)
		}
	}
}
