package export

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestEventICSGolden pins the calendar object EventICS writes for each
// event of each fixture (what plan sync PUTs, and the bytes its state
// hashes), all of a fixture's objects one after another in
// testdata/objects/<name>.ics; run `go test ./export -update` after a
// deliberate change and read the diff.
func TestEventICSGolden(t *testing.T) {
	for _, c := range []calendarCase{scaleCase(t), hostileCase(t), backslashCase(t), zonesCase(t), worldCase(t), utcCase(t), linksCase(t)} {
		t.Run(c.name, func(t *testing.T) {
			var got bytes.Buffer
			n := 0
			for _, e := range c.cal.Events {
				data, err := EventICS(c.cal.Name, c.cal.TimeZone, e, c.opt)
				if err != nil {
					t.Fatalf("EventICS %s: %v", e.ID, err)
				}
				if data == nil {
					if e.Scheduled() {
						t.Errorf("EventICS %s: nothing for a scheduled event", e.ID)
					}
					continue
				}
				n++
				got.Write(data)
			}
			if n == 0 {
				t.Fatal("no event written")
			}
			path := filepath.Join("testdata", "objects", c.name+".ics")
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s (run with -update and read the diff):\n%s", path, firstDiff(got.Bytes(), want))
			}
		})
	}
}
