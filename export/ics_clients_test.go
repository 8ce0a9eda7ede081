package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestICSClients imports the export of each fixture into six real calendar
// clients (khal, calcurse, python icalendar, vobject, libical, ical.js)
// with testdata/clients/ics-clients-check, which fails when any of them
// sees an event at another UTC time or with another summary than
// expected, sees more or fewer events, warns, or when its lint (CRLF,
// folding, escaping, UIDs, VTIMEZONEs against the tz database) finds a
// problem. The clients run in Asia/Kolkata (+05:30), so floating times or
// zone mistakes cannot pass by accident.
//
// The clients take about a minute, so the test runs only when asked:
// with PLAN_REQUIRE_ICS_CLIENTS=1 (as .ci/run does), where any missing
// client is a failure. Otherwise it skips, even where the clients are
// installed. Install them with testdata/clients/ics-clients-install.
func TestICSClients(t *testing.T) {
	require := os.Getenv("PLAN_REQUIRE_ICS_CLIENTS") == "1"
	if !require {
		t.Skip("real calendar clients: set PLAN_REQUIRE_ICS_CLIENTS=1 to run them (install them with export/testdata/clients/ics-clients-install)")
	}
	if missing := missingClients(); len(missing) > 0 {
		t.Fatalf("calendar clients not installed (%s), and PLAN_REQUIRE_ICS_CLIENTS=1: install them with export/testdata/clients/ics-clients-install", strings.Join(missing, ", "))
	}
	check, err := filepath.Abs("testdata/clients/ics-clients-check")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []calendarCase{scaleCase(t), hostileCase(t), backslashCase(t), zonesCase(t), worldCase(t), utcCase(t), linksCase(t), fosdemCase(t)} {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && len(c.want) > 100 {
				t.Skip("-short: the whole FOSDEM program takes the clients over a minute")
			}
			t.Parallel()
			dir := t.TempDir()
			data, _ := writeICS(t, c.cal, c.opt)
			ics := filepath.Join(dir, c.name+".ics")
			tsv := filepath.Join(dir, "EXPECTED.tsv")
			if err := os.WriteFile(ics, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(tsv, expectedTSV(c.want), 0o644); err != nil {
				t.Fatal(err)
			}
			var args []string
			if require {
				args = append(args, "--require-all")
			}
			if len(c.skip) > 0 {
				args = append(args, "--skip", strings.Join(c.skip, ","))
			}
			args = append(args, ics, tsv)
			cmd := exec.Command(check, args...)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("ics-clients-check %s: %v\n%s", c.name, err, out)
			}
			t.Logf("ics-clients-check %s:\n%s", c.name, out)
		})
	}
	// What plan sync PUTs: one event as a calendar object of its own,
	// with no METHOD nor X-WR-TIMEZONE to fall back on (a session in
	// Adelaide from a calendar in Brussels).
	t.Run("calendar object", func(t *testing.T) {
		t.Parallel()
		c := zonesCase(t)
		e := c.cal.Events[4]
		data, err := EventICS(c.cal.Name, c.cal.TimeZone, e, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		ics, tsv := filepath.Join(dir, "object.ics"), filepath.Join(dir, "EXPECTED.tsv")
		os.WriteFile(ics, data, 0o644)
		os.WriteFile(tsv, expectedTSV(c.want[4:5]), 0o644)
		cmd := exec.Command(check, "--require-all", ics, tsv)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("ics-clients-check on a calendar object: %v\n%s", err, out)
		}
		t.Logf("ics-clients-check on a calendar object:\n%s", out)
	})
}

// missingClients names what the check needs and this machine lacks: the
// clients themselves when the essential two (khal and python icalendar,
// which also lints) are absent; with PLAN_REQUIRE_ICS_CLIENTS=1 the check
// itself is run with --require-all and names any other missing one.
func missingClients() []string {
	var missing []string
	if _, err := exec.LookPath("khal"); err != nil {
		missing = append(missing, "khal")
	}
	py := os.Getenv("ICS_CHECK_PYTHON")
	if py == "" {
		py = "/usr/bin/python3"
	}
	if err := exec.Command(py, "-c", "import icalendar").Run(); err != nil {
		missing = append(missing, "python3-icalendar")
	}
	return missing
}

// expectedTSV is the check's EXPECTED.tsv: UTC start, UTC end, summary
// with \ written \\ (and newline \n, tab \t, which summaries never hold).
func expectedTSV(want []wantEvent) []byte {
	var b bytes.Buffer
	esc := strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`)
	for _, w := range want {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", w.start.UTC().Format("2006-01-02T15:04:05Z"), w.end.UTC().Format("2006-01-02T15:04:05Z"), esc.Replace(w.summary))
	}
	return b.Bytes()
}
