package jsonshape_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/plan-cli/plan/export/jsonshape"
	"github.com/plan-cli/plan/schedule"
)

// plan stats --json on a plan with no picks keeps its shape: objects and
// arrays, never null, so that a script can index them.
func TestStatsOfAnEmptyPlanKeepTheirShape(t *testing.T) {
	data, err := json.Marshal(jsonshape.FromStats(schedule.ComputeStats(&schedule.Plan{}, time.Date(2025, 3, 10, 17, 0, 0, 0, time.UTC))))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"counts":{},"lines":[],"hours":0,"per_day":[],"tracks":[],"rooms":[],"speakers":[],"planned":0,"attended":0,"skipped":0,"dropped":0,"unplanned":0,"facts":[],"phase":"before","basis":"plan","first_day":"","last_day":"","pending":[]}`
	if string(data) != want {
		t.Errorf("empty plan JSON =\n%s\nwant\n%s", data, want)
	}
}
