package importer

import (
	"bytes"
	"testing"
)

// edit returns data with old replaced by new exactly once.
func edit(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(data, []byte(old)); n != 1 {
		t.Fatalf("%q occurs %d times, want once", old, n)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// A signed duration is not a length: "-00:50" was read as 50 minutes.
func TestSignedDurationIsAnError(t *testing.T) {
	fosdem := program(t, "fosdem-2026-pentabarf.xml")
	bad := edit(t, fosdem, `id="7886">
        <date>2026-01-31T10:00:00+01:00</date>
        <start>10:00</start>
        <duration>00:50</duration>`, `id="7886">
        <date>2026-01-31T10:00:00+01:00</date>
        <start>10:00</start>
        <duration>-00:50</duration>`)
	_, err := Parse(bad, "", Options{Name: "fosdem.xml"})
	inputError(t, err, "fosdem.xml", 6315, "7886", `bad <duration>: "-00:50" is not`)

	camp := program(t, "camp2019-frab-schedule.json")
	bad = edit(t, camp, `"duration": "00:30",
                "room": "Curie",
                "slug": "Camp2019-10386-opening_ceremony"`, `"duration": "+00:30",
                "room": "Curie",
                "slug": "Camp2019-10386-opening_ceremony"`)
	_, err = Parse(bad, "", Options{Name: "camp.json"})
	inputError(t, err, "camp.json", 22, "10386", `bad "duration": "+00:30" is not`)
}
