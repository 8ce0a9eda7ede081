package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/export/caldav"
	"github.com/plan-cli/plan/schedule"
)

// onePlan imports a program of one session on one day in one track, the
// smallest program a count of one comes from.
func onePlan(t *testing.T) (dir, program string) {
	t.Helper()
	dir = t.TempDir()
	program = filepath.Join(dir, "one.csv")
	csv := "Date,Start,End,Title,Room,Track\n2026-03-07,10:00,11:00,Writing eBPF programs in Rust,Main,Kernel\n"
	if err := os.WriteFile(program, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, dir, false, "import", program, "--tz", "Europe/Berlin"); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	return dir, program
}

// A count of one is said in the singular, verb and pronoun included.
func TestCountsOfOneAreSingular(t *testing.T) {
	dir, program := onePlan(t)

	_, _, errOut := run(t, dir, false, "import", program)
	if want := ": 1 session; 0 new, 0 changed, 0 removed, 1 unchanged."; !strings.Contains(errOut, want) {
		t.Errorf("re-import of one session says\n%s\nwant %q", errOut, want)
	}

	code, _, errOut := run(t, dir, false, "list", "--day", "2")
	if want := "plan: --day 2: the program has 1 day\n"; code != exitUsage || !strings.HasPrefix(errOut, want) {
		t.Errorf("list --day 2: exit %d\n%s\nwant exit 2 and %q", code, errOut, want)
	}

	code, out, errOut := run(t, dir, true, "suggest", "--topic", "ebpf")
	if code != 0 || !strings.Contains(out, "1 session in 1 track;") || strings.Contains(out, "1 sessions") {
		t.Errorf("suggest --topic ebpf on a terminal: exit %d\n%s%s\nwant \"1 session in 1 track;\"", code, out, errOut)
	}
}

// What a sync says of one event, one request, one write and one
// conflict, and of several.
func TestSyncCountsAgree(t *testing.T) {
	const url = "http://127.0.0.1:5232/ana/fosdem/"
	change := func(op caldav.Op) caldav.Change {
		return caldav.Change{Op: op, UID: "u", Event: export.Event{Session: schedule.Session{ID: "7886", Title: "T"}}, Reason: "r"}
	}
	for _, c := range []struct {
		name   string
		res    caldav.Result
		dryRun bool
		want   []string
	}{
		{"up to date", caldav.Result{Unchanged: 1, Requests: 1}, false,
			[]string{url + " is up to date (1 event; 1 request, no writes).\n"}},
		{"dry run up to date", caldav.Result{Unchanged: 1, Requests: 1}, true,
			[]string{url + " is up to date; nothing would change (1 event).\n"}},
		{"one of each", caldav.Result{Done: []caldav.Change{change(caldav.Create), change(caldav.Conflict)}, Unchanged: 1, Requests: 1, Writes: 1}, false,
			[]string{
				"Synced to " + url + ": 1 created, 1 conflict, 1 unchanged (1 request, 1 write).\n",
				"1 event changed on the server since the last sync and was left as it is there; 'plan sync --force' writes the plan's version over it.\n",
			}},
		{"several", caldav.Result{Done: []caldav.Change{change(caldav.Conflict), change(caldav.Conflict)}, Unchanged: 3, Requests: 4, Writes: 0}, false,
			[]string{
				"Synced to " + url + ": 2 conflicts, 3 unchanged (4 requests, 0 writes).\n",
				"2 events changed on the server since the last sync and were left as they are there; 'plan sync --force' writes the plan's version over them.\n",
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ios, _, _, errOut := NewTestIO(false)
			printSync(newFactory(context.Background(), ios), &c.res, url, c.dryRun)
			if got := errOut.String(); got != strings.Join(c.want, "") {
				t.Errorf("sync says\n%s\nwant\n%s", got, strings.Join(c.want, ""))
			}
		})
	}
}
