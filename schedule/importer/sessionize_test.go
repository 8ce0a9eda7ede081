package importer

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

func newYork(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestSessionizeOrlandoCodeCamp(t *testing.T) {
	data := program(t, "sessionize-orlandocodecamp-2020-all.json")
	if !strings.HasPrefix(string(data), "\uFEFF") {
		t.Fatal("the real file starts with a BOM; this test relies on it")
	}
	feed, err := Parse(data, "", Options{Name: "All.json", Location: newYork(t)})
	if err != nil {
		t.Fatal(err)
	}
	if feed.Format != "sessionize" || feed.TimeZone != "" {
		t.Errorf("format %q, zone %q (Sessionize names no zone)", feed.Format, feed.TimeZone)
	}
	if len(feed.Sessions) != 99 {
		t.Fatalf("%d sessions, want 99", len(feed.Sessions))
	}
	kinds := map[schedule.Kind]int{}
	for _, s := range feed.Sessions {
		kinds[s.Kind]++
		if s.Start.Location().String() != "America/New_York" {
			t.Errorf("%s starts in %s", s.ID, s.Start.Location())
		}
	}
	// 12 sessions have the "Lightning talk" format.
	if kinds[schedule.KindLightning] != 12 {
		t.Errorf("%d lightning talks, want 12 (kinds %v)", kinds[schedule.KindLightning], kinds)
	}

	keynote := feed.Sessions[0]
	if keynote.Title != "Keynote" || keynote.Kind != schedule.KindKeynote || !keynote.Start.Equal(time.Date(2020, 3, 28, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("first session %q (%s) at %s, want the keynote at 2020-03-28T12:00Z", keynote.Title, keynote.Kind, keynote.Start.UTC())
	}
	checkSessions(t, feed, []wantSession{
		// Service sessions are kept; their title gives the kind.
		{"7b3d6b07-294f-4319-8234-aae9701d98b5", "Keynote", schedule.KindKeynote, "2020-03-28T08:00:00-04:00", "2020-03-28T09:00:00-04:00", "Room 1", nil},
		{"8ca3dbc7-4a10-4500-8de5-95c87eef59c6", "Lunch", schedule.KindOther, "2020-03-28T11:35:00-04:00", "2020-03-28T12:15:00-04:00", "Room 1", nil},
		{"ce433d66-b623-47ee-833c-dbc02cfeb3a6", "IoT Hands On Sessions", schedule.KindWorkshop, "2020-03-28T09:00:00-04:00", "2020-03-28T09:45:00-04:00", "IoT Room", nil},
		{"5118bc1b-6be4-4948-9ebf-b733a68ac8bb", "Ice Cream & Snacks Break", schedule.KindOther, "2020-03-28T13:55:00-04:00", "2020-03-28T14:25:00-04:00", "Room 1", nil},
		// "Session format": Session and Lightning talk.
		{"176149", "3 Disciplines for Leading a Distributed Agile Team or Organization", schedule.KindTalk, "2020-03-28T09:00:00-04:00", "2020-03-28T09:45:00-04:00", "Room 1", []string{"Mark Kilby"}},
		{"176061", "AR and VR for everyone", schedule.KindLightning, "2020-03-28T09:25:00-04:00", "2020-03-28T09:45:00-04:00", "Auditorium", []string{"Edwin Otero"}},
		{"174208", "An Engineer's Guide To Negotiating Salary, Benefits and Raises", schedule.KindLightning, "2020-03-28T13:35:00-04:00", "2020-03-28T13:55:00-04:00", "Auditorium", []string{"Scott Turman", "Daniel Sullivan"}},
	})
	for _, s := range feed.Sessions {
		switch s.ID {
		case "174026":
			if s.Type != "Session" || s.Track != "AI/ML" || strings.Join(s.Tags, "|") != "Introductory and overview" {
				t.Errorf("174026: type %q track %q tags %q", s.Type, s.Track, s.Tags)
			}
		case "176149":
			if s.Track != "" || !strings.HasPrefix(s.Abstract, "As a leader of a distributed team or organization") || !strings.Contains(s.Abstract, "in the market to keep delivering value?\n\nThe first step") {
				t.Errorf("176149: track %q abstract %q", s.Track, s.Abstract)
			}
		case "176061":
			if s.Type != "Lightning talk" {
				t.Errorf("176061: type %q", s.Type)
			}
		}
	}
}

// A Sessionize file says nothing about its place: the question for --tz
// gives this machine's zone as the example, else a room that names a
// city, else two common zones; never always the same one.
func TestSessionizeNeedsZone(t *testing.T) {
	data := program(t, "sessionize-orlandocodecamp-2020-all.json")
	_, err := Parse(data, "", Options{Name: "All.json"})
	inputError(t, err, "All.json", 0, "", "times in this Sessionize file carry no time zone: give the conference's zone with --tz (e.g. --tz Europe/London or --tz America/New_York)")
	_, err = Parse(data, "", Options{Name: "All.json", MachineZone: "America/Chicago"})
	inputError(t, err, "All.json", 0, "", "times in this Sessionize file carry no time zone: give the conference's zone with --tz (e.g. --tz America/Chicago, this machine's zone)")
	_, err = Parse(data, "", Options{Name: "All.json", MachineZone: "Etc/UTC"})
	inputError(t, err, "All.json", 0, "", "(e.g. --tz Europe/London or --tz America/New_York)")
	rooms := bytes.Replace(data, []byte(`"name": "Auditorium"`), []byte(`"name": "Auditorium, Pasadena Convention Center"`), 1)
	if bytes.Equal(rooms, data) {
		t.Fatal("no Auditorium in the file")
	}
	_, err = Parse(rooms, "", Options{Name: "All.json", MachineZone: "America/Chicago"})
	inputError(t, err, "All.json", 0, "", `give the conference's zone with --tz ("Auditorium, Pasadena Convention Center" names Pasadena: --tz America/Los_Angeles, if the conference is there)`)
}

// Local times take the offset in force on their own day: US daylight
// saving time began on 8 March 2020.
func TestSessionizeAcrossDST(t *testing.T) {
	data := `{"sessions": [
	  {"id": "1", "title": "Saturday", "startsAt": "2020-03-07T10:00:00", "endsAt": "2020-03-07T11:00:00", "speakers": [{"id": "x", "name": "Ann Example"}], "categoryItems": [7], "roomId": null, "room": "Hall"},
	  {"id": "2", "title": "Sunday", "startsAt": "2020-03-08T10:00:00", "endsAt": "2020-03-08T11:00:00", "isServiceSession": true, "categoryItems": [], "roomId": 3},
	  {"id": "3", "title": "Overnight", "startsAt": "2020-03-08T01:30", "endsAt": "2020-03-08T03:30", "roomId": 3},
	  {"id": "4", "title": "Offset given", "startsAt": "2020-03-08T15:00:00Z", "endsAt": "2020-03-08T16:00:00Z"},
	  {"id": "5", "title": "Not scheduled yet", "startsAt": null, "endsAt": null}
	],
	"categories": [{"id": 1, "title": "Format", "items": [{"id": 7, "name": "Workshop (3 hours)"}]}],
	"rooms": [{"id": 3, "name": "Main Hall"}]}`
	feed, err := Parse([]byte(data), "", Options{Name: "s.json", Location: newYork(t)})
	if err != nil {
		t.Fatal(err)
	}
	if feed.Format != "sessionize" {
		t.Fatalf("detected as %q", feed.Format)
	}
	checkSessions(t, feed, []wantSession{
		{"1", "Saturday", schedule.KindWorkshop, "2020-03-07T10:00:00-05:00", "2020-03-07T11:00:00-05:00", "Hall", []string{"Ann Example"}},
		{"2", "Sunday", schedule.KindOther, "2020-03-08T10:00:00-04:00", "2020-03-08T11:00:00-04:00", "Main Hall", nil},
		{"3", "Overnight", schedule.KindTalk, "2020-03-08T01:30:00-05:00", "2020-03-08T03:30:00-04:00", "Main Hall", nil},
		{"4", "Offset given", schedule.KindTalk, "2020-03-08T11:00:00-04:00", "2020-03-08T12:00:00-04:00", "", nil},
	})
	for _, s := range feed.Sessions {
		if s.ID == "3" && s.Duration() != time.Hour {
			t.Errorf("01:30 to 03:30 on the night the clocks go forward lasts %s, want 1h", s.Duration())
		}
		if s.ID == "5" && s.Scheduled() {
			t.Errorf("session 5 should be unscheduled: %s", s.Start)
		}
	}
}

func TestSessionizeBroken(t *testing.T) {
	all := string(program(t, "sessionize-orlandocodecamp-2020-all.json"))
	replace := func(old, new string) string {
		t.Helper()
		if !strings.Contains(all, old) {
			t.Fatalf("the Sessionize file has no %q", old)
		}
		return strings.Replace(all, old, new, 1)
	}
	tests := []struct {
		name, data string
		line       int
		session    string
		words      []string
	}{
		{"empty", "", 0, "", []string{"empty"}},
		{"only a BOM", "\uFEFF\n", 0, "", []string{"empty"}},
		{"truncated", all[:len(all)/3], strings.Count(all[:len(all)/3], "\n") + 1, "", []string{"malformed JSON", "cut short"}},
		{"array", `[{"sessions": []}]`, 1, "", []string{`not a Sessionize "All" file`}},
		{"no sessions list", `{"speakers": []}`, 0, "", []string{`no "sessions" list`}},
		{"no sessions", `{"sessions": []}`, 0, "", []string{"no sessions"}},
		{"sessions is an object", `{"sessions": {}}`, 1, "", []string{`"sessions" is an object, want a list`}},
		{"bad startsAt", replace(`"startsAt": "2020-03-28T09:00:00",`, `"startsAt": "2020-03-28T9am",`), 16, "176149", []string{`bad "startsAt"`, `"2020-03-28T9am"`}},
		{"ends before it starts", replace(`"endsAt": "2020-03-28T09:45:00",`, `"endsAt": "2020-03-28T08:45:00",`), 16, "176149", []string{"ends (2020-03-28T08:45:00) before it starts (2020-03-28T09:00:00)"}},
		{"only a start", replace(`"endsAt": "2020-03-28T09:45:00",`, `"endsAt": null,`), 16, "176149", []string{`only one of "startsAt"`}},
		{"speakers is text", replace(`"speakers": [
        "b1f7a8bd-b237-4375-9e04-bd3189932ad1"
      ],`, `"speakers": "Mark Kilby",`), 24, "", []string{`"speakers" is text, want a list`}},
		{"duplicate id", replace(`"id": "176210"`, `"id": "176149"`), 0, "", []string{"1 id is used by more than one session", `"176149-`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse([]byte(tt.data), "sessionize", Options{Name: "All.json", Location: newYork(t)})
			if err = problem(feed, err); err == nil {
				t.Fatalf("no error; %d sessions", len(feed.Sessions))
			}
			t.Log(err)
			inputError(t, err, "All.json", tt.line, tt.session, tt.words...)
		})
	}
}

func BenchmarkSessionize(b *testing.B) {
	data := program(b, "sessionize-orlandocodecamp-2020-all.json")
	loc := newYork(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, "", Options{Name: "All.json", Location: loc}); err != nil {
			b.Fatal(err)
		}
	}
}
