package cmd_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plan-cli/plan/cmd"
)

// duringCases are the commands one runs during the conference: what is
// on in every room, what changed since the last re-import, the free time
// left. Like goldenCases, each runs on a terminal, in a pipe and (if
// json) with --json.
func duringCases() []goldenCase {
	return []goldenCase{
		{name: "now-all", fixture: "fosdem", args: []string{"now", "--all", "--at", "sat 11:05"}, json: true},
		{name: "now-all-track", fixture: "fosdem", args: []string{"now", "--all", "--at", "sun 15:10", "--track", "rust"}, json: true},
		{name: "now-all-room", fixture: "fosdem", args: []string{"now", "--all", "--at", "sat 10:40", "--room", "la fontaine"}},
		{name: "now-all-before", fixture: "fosdem", args: []string{"now", "--all", "--at", "2026-01-19T10:00:00+01:00", "--room", "Janson"}, json: true},
		{name: "now-all-after", fixture: "fosdem", args: []string{"now", "--all", "--at", "2026-02-03T10:00:00+01:00"}},
		{name: "now-before", fixture: "fosdem", args: []string{"now", "--at", "2026-01-19T10:00:00+01:00"}},
		{name: "changes", fixture: "reimported", args: []string{"changes"}, json: true},
		{name: "changes-since", fixture: "reimported", args: []string{"changes", "--since", "2026-01-31T10:15:00Z"}, json: true},
		{name: "gaps-after", fixture: "fosdem", args: []string{"gaps", "--day", "sun", "--after", "sun 16:30"}, json: true},
	}
}

// TestGoldenDuring is TestGolden for duringCases, with goldens in the same
// folders. It is parallel at the top level, so it runs after TestGolden,
// whose -update removes every golden it did not write itself.
func TestGoldenDuring(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	edited := filepath.Join(root, "fosdem-edited.xml")
	writeEditedFOSDEM(t, edited)
	reimported := fosdemFixture(t, mkdir(t, root, "reimported"))
	planRun(t, reimported, "import", edited)
	fixtures := map[string]string{
		"fosdem":     fosdemFixture(t, mkdir(t, root, "fosdem")),
		"reimported": reimported,
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	norm := strings.NewReplacer(root, "$DIR", repo, "$REPO")
	for _, gc := range duringCases() {
		for _, mode := range []string{"tty", "pipe", "json"} {
			if mode == "json" && !gc.json {
				continue
			}
			t.Run(gc.name+"/"+mode, func(t *testing.T) {
				dir := fixtures[gc.fixture]
				before, _ := os.ReadFile(filepath.Join(dir, "plan.yaml"))
				args := gc.args
				if mode == "json" {
					args = append(append([]string{}, args...), "--json")
				}
				ios, _, out, errOut := cmd.NewTestIO(mode == "tty")
				code := cmd.Run(context.Background(), ios, append([]string{"--plan", filepath.Join(dir, "plan.yaml")}, args...))
				stdout, stderr := norm.Replace(out.String()), norm.Replace(errOut.String())
				if after, _ := os.ReadFile(filepath.Join(dir, "plan.yaml")); string(before) != string(after) {
					t.Errorf("plan %s changed the plan file", strings.Join(args, " "))
				}
				switch mode {
				case "pipe":
					checkPlain(t, "stdout", stdout, false)
					checkPlain(t, "stderr", stderr, false)
				case "json":
					checkPlain(t, "stdout", stdout, false)
					if code == 0 && !json.Valid([]byte(stdout)) {
						t.Errorf("--json output is not valid JSON:\n%s", stdout)
					}
					compareGolden(t, filepath.Join(goldenDir, mode, gc.name+".json"), stdout)
					if stderr != "" || code != 0 {
						compareGolden(t, filepath.Join(goldenDir, mode, gc.name+".stderr.txt"), withExit(stderr, code))
					}
					return
				}
				got := stdout
				if stderr != "" || code != 0 {
					got += "-- stderr --\n" + withExit(stderr, code)
				}
				compareGolden(t, filepath.Join(goldenDir, mode, gc.name+".txt"), got)
			})
		}
	}
}
