package cmd

import (
	"strings"
	"testing"
)

// optimize --apply leaves the pick it drops in the plan as "dropped":
// out of the agenda, shown by agenda --all with its label, in a pipe as
// must/dropped.
func TestOptimizeApplyDropsIntoAgendaAll(t *testing.T) {
	dir := fosdemPlan(t) // 7886 and 7022, two musts that overlap
	if code, _, errOut := run(t, dir, false, "optimize", "--apply"); code != 0 || errOut != "Marked 1 pick as dropped ('plan add ID' brings it back).\n" {
		t.Fatalf("optimize --apply: exit %d, %q", code, errOut)
	}
	_, term, _ := run(t, dir, true, "agenda")
	if !strings.Contains(term, "FOSS in times of war") || strings.Contains(term, "Wayland") {
		t.Errorf("agenda shows the dropped pick or lacks the kept one:\n%s", term)
	}
	_, term, _ = run(t, dir, true, "agenda", "--all")
	if !strings.Contains(term, "\x1b[1mWayland compositors f…\x1b[0m\x1b[38;5;245m (dropped)\x1b[0m \x1b[38;5;178m@ K.1.105 (La Fontaine)\x1b[0m \x1b[38;5;141m[talk]\x1b[0m\n    \x1b[38;5;245m7022") {
		t.Errorf("agenda --all does not label the dropped pick:\n%q", term)
	}
	_, pipe, _ := run(t, dir, false, "agenda", "--all")
	if !strings.Contains(pipe, "\t7022\tK.1.105 (La Fontaine)\ttalk\tWayland compositors for fun and profit\tmust/dropped\t\n") {
		t.Errorf("agenda --all in a pipe:\n%s", pipe)
	}
}
