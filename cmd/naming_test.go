package cmd

import (
	"strings"
	"testing"
)

// The SCALE 22x JSON, which names no edition, makes a plan called "SCALE
// 22x" (from its dates), and the import says how it was named and how to
// rename it. A renamed plan keeps its name through a re-import of the
// JSON and an import of the XML, which does name the edition.
func TestImportNamesTheSCALEPlanAndTheNameStays(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := run(t, dir, false, "import", "../testdata/programs/scale-22x-sign.json")
	want := `Named the plan "SCALE 22x": the feed does not name its edition; it is taken from its dates (2025). To rename it: plan config name "NAME"` + "\n"
	if code != 0 || !strings.HasSuffix(errOut, want) {
		t.Fatalf("import: exit %d\n%s\nwant it to end with\n%s", code, errOut, want)
	}
	if _, out, _ := run(t, dir, false, "config", "name"); out != "SCALE 22x\n" {
		t.Errorf("plan config name = %q, want SCALE 22x", out)
	}
	if code, out, errOut := run(t, dir, false, "config", "name", "SCALE 22x, Pasadena"); code != 0 || out != "name: SCALE 22x, Pasadena (was SCALE 22x)\n" {
		t.Fatalf("config name: exit %d\n%s%s", code, out, errOut)
	}
	for _, program := range []string{"../testdata/programs/scale-22x-sign.json", "../testdata/programs/scale-22x-sign.xml"} {
		code, _, errOut := run(t, dir, false, "import", program)
		if code != 0 || strings.Contains(errOut, "Named the plan") || strings.Contains(errOut, "Most of these sessions") {
			t.Errorf("re-import of %s: exit %d\n%s", program, code, errOut)
		}
		if _, out, _ := run(t, dir, false, "config", "name"); out != "SCALE 22x, Pasadena\n" {
			t.Errorf("after importing %s the plan is named %q, want the name given", program, out)
		}
	}
	if _, out, _ := run(t, dir, false, "stats"); !strings.HasPrefix(out, "SCALE 22x, Pasadena, by the numbers\n") {
		t.Errorf("stats begins\n%s", out)
	}
}

// A program that names no conference at all says how to name the plan;
// one that names itself says nothing of it.
func TestImportSaysHowToNameAnUnnamedPlan(t *testing.T) {
	code, _, errOut := run(t, t.TempDir(), false, "import", "../testdata/programs/sessionize-orlandocodecamp-2020-all.json", "--tz", "America/New_York")
	want := `The program does not name its conference: name the plan with plan config name "NAME" (the recap and calendars show it).` + "\n"
	if code != 0 || !strings.HasSuffix(errOut, want) {
		t.Errorf("import: exit %d\n%s\nwant it to end with\n%s", code, errOut, want)
	}
	code, _, errOut = run(t, t.TempDir(), false, "import", "../testdata/programs/fosdem-2026-pentabarf.xml")
	if code != 0 || strings.Contains(errOut, "plan config name") {
		t.Errorf("FOSDEM import: exit %d\n%s", code, errOut)
	}
}
