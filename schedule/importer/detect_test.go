package importer

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Every real program is detected as its own format, and none is taken
// for one of these formats when it is something else.
func TestDetectRealPrograms(t *testing.T) {
	formats := map[string]string{
		"fosdem-2026-pentabarf.xml":                "pentabarf",
		"38c3-frab-hub-schedule.xml":               "pentabarf",
		"pretalx-pyconau-2024-schedule.xml":        "pentabarf",
		"31c3-schedule.xml":                        "pentabarf",
		"fosdem-2019.xml":                          "pentabarf",
		"camp2019-frab-schedule.json":              "frab-json",
		"pretalx-pyconau-2024-schedule.json":       "frab-json",
		"sessionize-orlandocodecamp-2020-all.json": "sessionize",
	}
	covered := []string{"pentabarf", "frab-json", "sessionize"}
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "programs", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		im, err := Detect(data, name)
		want, ours := formats[name]
		switch {
		case ours && err != nil:
			t.Errorf("%s: %v, want %s", name, err, want)
		case ours && im.Name() != want:
			t.Errorf("%s detected as %s, want %s", name, im.Name(), want)
		case !ours && err == nil && slices.Contains(covered, im.Name()):
			t.Errorf("%s (another format) detected as %s", name, im.Name())
		}
		// Each of these importers either refuses the file or, for its own
		// format, is the one Detect chose.
		for _, f := range covered {
			imp, _ := Lookup(f)
			if imp.Detect(data) != (want == f) {
				t.Errorf("%s: %s.Detect = %v", name, f, !(want == f))
			}
		}
	}
}

// Detect copes with a byte order mark whether or not the caller strips it.
func TestDetectSessionizeBOM(t *testing.T) {
	data := program(t, "sessionize-orlandocodecamp-2020-all.json")
	for _, d := range [][]byte{data, stripBOM(data)} {
		if !(sessionize{}).Detect(d) || (frabJSON{}).Detect(d) || (pentabarf{}).Detect(d) {
			t.Errorf("BOM %v: sessionize %v, frab-json %v", d[0] == 0xEF, (sessionize{}).Detect(d), (frabJSON{}).Detect(d))
		}
	}
	camp := append([]byte("\uFEFF"), program(t, "camp2019-frab-schedule.json")...)
	if !(frabJSON{}).Detect(camp) || (sessionize{}).Detect(camp) {
		t.Error("camp2019 with a BOM is not detected as frab-json")
	}
}
