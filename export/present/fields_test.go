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

// A session's links are rows of their own, labelled by kind, recordings
// first and the feedback form last, titled where the title says more
// than the kind; the language is a detail; a session its speakers kept
// from the recording says so until a recording appears.
func TestLinkRows(t *testing.T) {
	s := &schedule.Session{ID: "8781", Title: "0 A.D: Graphics", Language: "en", DoNotRecord: true,
		Links: []schedule.Link{
			{URL: "https://play0ad.com/", Title: "0 A.D. official site", Kind: schedule.LinkOther},
			{URL: "https://submission.fosdem.org/feedback/8781.php", Title: "Submit feedback", Kind: schedule.LinkFeedback},
			{URL: "https://chat.fosdem.org/#/room/x", Title: "Chat room(web)", Kind: schedule.LinkChat},
			{URL: "https://example.org/deck.odp", Kind: schedule.LinkSlides},
		}}
	var got []string
	for _, f := range Fields(Item{Session: s}, Details) {
		got = append(got, f.Label+": "+f.Value)
	}
	want := []string{
		"id: 8781", "when: not scheduled yet", "language: en",
		"slides: https://example.org/deck.odp",
		"link: 0 A.D. official site: https://play0ad.com/",
		"chat: https://chat.fosdem.org/#/room/x",
		"feedback: https://submission.fosdem.org/feedback/8781.php",
		"recording: not recorded (the speakers opted out)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("details:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s.Links = append(s.Links, schedule.Link{URL: "https://video.fosdem.org/2019/K.4.401/0ad_graphics.webm", Title: "Video recording (WebM/VP9)", Kind: schedule.LinkVideo})
	fs := Fields(Item{Session: s}, Calendar)
	if len(fs) != 5 || fs[0].Label != "video" || fs[0].Value != "https://video.fosdem.org/2019/K.4.401/0ad_graphics.webm" {
		t.Errorf("calendar: %+v", fs)
	}
	if strings.Contains(keys(Fields(Item{Session: s}, Details)), "recording=") {
		t.Errorf("a recorded session says it is not recorded")
	}
}
