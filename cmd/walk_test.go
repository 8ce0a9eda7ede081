package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A misspelt room is refused with the room it is nearest to, and the plan
// is left as it was; --new-room records a place the program lacks. A walk
// set again says what it was.
func TestWalkRefusesUnknownRoomsAndSaysWhatItWas(t *testing.T) {
	dir := importPlan(t, "../testdata/programs/scale-22x-sign.json")
	planFile := filepath.Join(dir, "plan.yaml")
	walk := func(args ...string) (int, string, string) {
		t.Helper()
		return run(t, dir, false, append([]string{"walk"}, args...)...)
	}
	if code, out, errOut := walk("Ballroom G", "Room 101", "10"); code != 0 || out != "Walking between Ballroom G and Room 101 takes 10 min.\n" {
		t.Fatalf("first walk: exit %d\n%s%s", code, out, errOut)
	}
	before, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}

	code, out, errOut := walk("Ballrom G", "Room 101", "5")
	want := `plan: no session is in room "Ballrom G" (did you mean "Ballroom G"?): 'plan rooms' lists the program's rooms; for a room it lacks (a booth hall), give --new-room` + "\n"
	if code != exitUsage || out != "" || !strings.HasPrefix(errOut, want) {
		t.Errorf("misspelt room: exit %d\n%s%s\nwant exit 2 and\n%s", code, out, errOut, want)
	}
	code, _, errOut = walk("Room 101", "Exhibit Hall", "5")
	if code != exitUsage || !strings.Contains(errOut, `no session is in room "Exhibit Hall": `) {
		t.Errorf("a room the program lacks, without --new-room: exit %d\n%s", code, errOut)
	}
	if after, _ := os.ReadFile(planFile); string(after) != string(before) {
		t.Errorf("a refused walk changed the plan:\n%s", after)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"room 101", "BALLROOM G", "6m"}, "Walking between Room 101 and Ballroom G takes 6 min (was 10 min).\n"},
		{[]string{"Room 101", "Ballroom G", "6"}, "Walking between Room 101 and Ballroom G takes 6 min (unchanged).\n"},
		{[]string{"Exhibit Hall", "Room 101", "5", "--new-room"}, "Walking between Exhibit Hall and Room 101 takes 5 min.\n"},
		{[]string{"Exhibit Hall", "Room 101", "4"}, "Walking between Exhibit Hall and Room 101 takes 4 min (was 5 min).\n"},
		{[]string{"--default", "5m"}, "Walks between rooms not listed take 5 min.\n"},
		{[]string{"--default", "3"}, "Walks between rooms not listed take 3 min (was 5 min).\n"},
	} {
		if code, out, errOut := walk(c.args...); code != 0 || out != c.want || errOut != "" {
			t.Errorf("plan walk %s: exit %d\n%s%s\nwant\n%s", strings.Join(c.args, " "), code, out, errOut, c.want)
		}
	}
	_, out, _ = walk()
	if want := "default\t3 min\nBallroom G\tRoom 101\t6 min\nExhibit Hall\tRoom 101\t4 min\n"; out != want {
		t.Errorf("plan walk lists\n%s\nwant\n%s", out, want)
	}
}
