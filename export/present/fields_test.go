package present

import (
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

func keys(fs []Field) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Key+"="+f.Value)
	}
	return strings.Join(out, "|")
}

func TestFieldsPerPlace(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	s := &schedule.Session{
		ID: "7886", Title: "FOSS in times of war", Subtitle: "and AI", Kind: schedule.KindTalk,
		Start: time.Date(2026, 1, 31, 10, 0, 0, 0, brussels), End: time.Date(2026, 1, 31, 10, 50, 0, 0, brussels),
		Room: "Janson", Track: "Main Track", Speakers: []string{"Michiel Leenaars", " "},
		URL: "https://fosdem.org/x", Source: "FOSDEM 2026", Abstract: "  We need to talk.\n",
	}
	pk := &schedule.Pick{Session: *s, Priority: schedule.Must, Status: schedule.Attended, Note: "front row\n"}
	it := Item{Session: s, Pick: pk, Phase: schedule.PhaseAfter}

	for _, tc := range []struct {
		place Place
		want  string
	}{
		{Details, "subtitle=and AI|id=7886|when=Saturday 31 January 2026 10:00–10:50 (CET +01:00)|room=Janson|kind=talk|track=Main Track|speakers=Michiel Leenaars|url=https://fosdem.org/x|program=FOSDEM 2026|picked=must, attended|note=front row|abstract=We need to talk."},
		{Calendar, "subtitle=and AI|speakers=Michiel Leenaars|url=https://fosdem.org/x|priority=must|note=front row|abstract=We need to talk."},
		{Recap, "room=Janson|kind=Talk|status=attended"},
	} {
		if got := keys(Fields(it, tc.place)); got != tc.want {
			t.Errorf("place %d:\n got %s\nwant %s", tc.place, got, tc.want)
		}
	}

	// Without a pick, nothing of a pick shows; an unscheduled session
	// says so; a cancelled one says so in a calendar.
	bare := &schedule.Session{ID: "x", Title: "T", Kind: "bogus", Cancelled: true}
	if got, want := keys(Fields(Item{Session: bare}, Details)), "id=x|when=not scheduled yet|kind=bogus"; got != want {
		t.Errorf("bare details: got %s, want %s", got, want)
	}
	if got, want := keys(Fields(Item{Session: bare}, Calendar)), "cancelled=Cancelled: this session was cancelled or dropped from the program."; got != want {
		t.Errorf("bare calendar: got %s, want %s", got, want)
	}
	if got, want := Title(bare), "T (CANCELLED)"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	planned := &schedule.Pick{Session: *bare, Priority: schedule.Want, Status: schedule.Planned}
	planned.Cancelled = true
	for phase, want := range map[schedule.Phase]string{
		schedule.PhaseDuring: "kind=Other|status=planned|cancelled=cancelled",
		schedule.PhaseAfter:  "kind=Other|status=planned, not marked attended|cancelled=cancelled",
	} {
		if got := keys(Fields(Item{Session: &planned.Session, Pick: planned, Phase: phase}, Recap)); got != want {
			t.Errorf("recap in %s: got %s, want %s", phase, got, want)
		}
	}
}

func TestWhenInAZoneWithoutAbbreviation(t *testing.T) {
	z := time.FixedZone("+01:00", 3600)
	s := &schedule.Session{Start: time.Date(2014, 12, 27, 11, 30, 0, 0, z), End: time.Date(2014, 12, 27, 12, 30, 0, 0, z)}
	if got, want := When(s), "Saturday 27 December 2014 11:30–12:30 (+01:00)"; got != want {
		t.Errorf("When = %q, want %q", got, want)
	}
}
