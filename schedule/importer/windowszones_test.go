package importer

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule/importer/internal/windowszones"
)

// windowszones_gen.go is what go generate makes of the CLDR data in the
// repository, and every zone it names is in the tz database.
func TestWindowsZonesGenerated(t *testing.T) {
	src, err := os.ReadFile(windowszones.File)
	if err != nil {
		t.Fatal(err)
	}
	want, err := windowszones.Generate(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("windowszones_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("windowszones_gen.go is out of date with %s: run go generate ./schedule/importer", windowszones.File)
	}
	for name, tz := range windowsZones {
		if _, err := time.LoadLocation(tz); err != nil {
			t.Errorf("%q maps to %q: %v", name, tz, err)
		}
	}
	if loc := lookupTZID("W. Europe Standard Time"); loc == nil || loc.String() != "Europe/Berlin" {
		t.Errorf("W. Europe Standard Time: %v", loc)
	}
}
