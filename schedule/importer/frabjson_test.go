package importer

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// program reads a real program from the repository's testdata.
func program(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "programs", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// wantSession is what a user sees of one session.
type wantSession struct {
	id, title  string
	kind       schedule.Kind
	start, end string // RFC 3339 with the conference's offset
	room       string
	speakers   []string
}

func checkSessions(t *testing.T, feed *Feed, wants []wantSession) {
	t.Helper()
	byID := map[string]*schedule.Session{}
	for _, s := range feed.Sessions {
		byID[s.ID] = s
	}
	for _, w := range wants {
		s := byID[w.id]
		if s == nil {
			t.Errorf("session %s missing", w.id)
			continue
		}
		got := wantSession{s.ID, s.Title, s.Kind, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), s.Room, s.Speakers}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("session %s:\n got %+v\nwant %+v", w.id, got, w)
		}
	}
}

// inputError asserts err is an *schedule.InputError naming file and
// saying each of the words.
// problem is the error of a Parse, or, when the program imported with
// a warning (one bad session left out), the first warning as an error:
// the same file, line, session and words either way.
func problem(feed *Feed, err error) error {
	if err != nil || feed == nil || len(feed.Warnings) == 0 {
		return err
	}
	w := feed.Warnings[0]
	return &schedule.InputError{File: w.File, Line: w.Line, Session: w.Session, Msg: w.Msg}
}

func inputError(t *testing.T, err error, file string, line int, session string, words ...string) {
	t.Helper()
	var ie *schedule.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("want *schedule.InputError, got %T: %v", err, err)
	}
	if ie.File != file || ie.Line != line || ie.Session != session {
		t.Errorf("error at file %q line %d session %q, want %q line %d session %q: %v", ie.File, ie.Line, ie.Session, file, line, session, err)
	}
	for _, w := range words {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

func TestFrabJSONCamp2019(t *testing.T) {
	feed, err := Parse(program(t, "camp2019-frab-schedule.json"), "", Options{Name: "camp2019.json"})
	if err != nil {
		t.Fatal(err)
	}
	if feed.Format != "frab-json" || feed.Conference != "Chaos Communication Camp 2019" || feed.TimeZone != "Europe/Berlin" {
		t.Errorf("feed = %q %q %q", feed.Format, feed.Conference, feed.TimeZone)
	}
	if len(feed.Sessions) != 79 {
		t.Fatalf("%d sessions, want 79", len(feed.Sessions))
	}
	days := map[string]int{}
	for _, s := range feed.Sessions {
		if s.Start.Location().String() != "Europe/Berlin" || s.End.Location().String() != "Europe/Berlin" {
			t.Errorf("%s: times in %s, want Europe/Berlin", s.ID, s.Start.Location())
		}
		days[s.Day().String()]++
	}
	if want := map[string]int{"2019-08-21": 17, "2019-08-22": 17, "2019-08-23": 19, "2019-08-24": 17, "2019-08-25": 9}; !reflect.DeepEqual(days, want) {
		t.Errorf("sessions per day %v, want %v", days, want)
	}
	checkSessions(t, feed, []wantSession{
		{"10386", "Opening Ceremony", schedule.KindTalk, "2019-08-21T11:00:00+02:00", "2019-08-21T11:30:00+02:00", "Curie", []string{"jinxx", "smtw"}},
		{"10380", "Lightning Talks", schedule.KindLightning, "2019-08-22T12:00:00+02:00", "2019-08-22T15:00:00+02:00", "Meitner", []string{"bigalex", "honky"}},
		// 23:00 plus 1:30 runs past midnight into the next day.
		{"10344", "Achtung, Datenpannen!", schedule.KindTalk, "2019-08-22T23:00:00+02:00", "2019-08-23T00:30:00+02:00", "Meitner", []string{"Alvar C.H. Freude", "Stefan Brink"}},
		{"10413", "20 Jahre Camp", schedule.KindTalk, "2019-08-21T22:00:00+02:00", "2019-08-21T23:30:00+02:00", "Curie", []string{"Markus Ossevorth", "Marc-André Janizewski", "Tim Pritlove"}},
	})
	s := feed.Sessions[slices.IndexFunc(feed.Sessions, func(s *schedule.Session) bool { return s.ID == "10210" })]
	if s.Type != "performance" || s.Track != "Entertainment" || s.GUID != "3ecdc823-95bb-4654-ad74-6eedb93dc1ed" ||
		s.Slug != "Camp2019-10210-75_jahre_journalismus_im_www" || s.URL != "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10210.html" || s.Language != "de" && s.Language != "en" {
		t.Errorf("session 10210 = %+v", s)
	}
	card10 := feed.Sessions[slices.IndexFunc(feed.Sessions, func(s *schedule.Session) bool { return s.ID == "10365" })]
	if !strings.HasPrefix(card10.Abstract, "Introducing you to card10, the 2019 camp badge") || !strings.Contains(card10.Abstract, "\n\nThis year's 0b10nd edition") || strings.Contains(card10.Abstract, "\r") {
		t.Errorf("card10 abstract (abstract, blank line, description, no CR) = %q", card10.Abstract)
	}
}

// The JSON and XML exports of one pretalx schedule are the same program.
func TestFrabJSONMatchesPretalxXML(t *testing.T) {
	fromJSON, err := Parse(program(t, "pretalx-pyconau-2024-schedule.json"), "", Options{Name: "schedule.json"})
	if err != nil {
		t.Fatal(err)
	}
	fromXML, err := Parse(program(t, "pretalx-pyconau-2024-schedule.xml"), "", Options{Name: "schedule.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if fromJSON.Format != "frab-json" || fromXML.Format != "pentabarf" {
		t.Errorf("formats %q and %q", fromJSON.Format, fromXML.Format)
	}
	if fromJSON.Conference != fromXML.Conference || fromJSON.TimeZone != fromXML.TimeZone || fromJSON.Conference != "PyCon AU 2024" || fromJSON.TimeZone != "Australia/Melbourne" {
		t.Errorf("conference %q/%q, zone %q/%q", fromJSON.Conference, fromXML.Conference, fromJSON.TimeZone, fromXML.TimeZone)
	}
	if len(fromJSON.Sessions) != 57 || len(fromXML.Sessions) != 57 {
		t.Fatalf("%d sessions from JSON, %d from XML, want 57 each", len(fromJSON.Sessions), len(fromXML.Sessions))
	}
	for i := range fromJSON.Sessions {
		// The XML gives each talk's feedback form (<feedback_url>); the
		// JSON has no such field. Everything else is the same.
		x := *fromXML.Sessions[i]
		if len(x.Links) != 1 || x.Links[0] != (schedule.Link{URL: x.URL + "feedback/", Kind: schedule.LinkFeedback}) {
			t.Errorf("session %s: links %+v, want its feedback form %sfeedback/", x.ID, x.Links, x.URL)
		}
		x.Links = nil
		for _, d := range sessionDiff(fromJSON.Sessions[i], &x) {
			t.Errorf("session %d (%s): %s", i, fromJSON.Sessions[i].ID, d)
		}
	}
	checkSessions(t, fromJSON, []wantSession{
		{"53984", "Why UUIDs are Secretly Incredibly Fascinating", schedule.KindTalk, "2024-11-22T09:20:00+11:00", "2024-11-22T09:50:00+11:00", "Goldfields Theatre", []string{"Tom Eastman"}},
		{"53803", "Explore, annotate, and analyse multidimensional image data with napari", schedule.KindTalk, "2024-11-22T12:20:00+11:00", "2024-11-22T12:50:00+11:00", "Eureka 2", []string{"Juan Nunez-Iglesias", "Draga Doncila Pop"}},
		{"53997", "ML ain’t your only hammer: adding mathematical optimisation to the data scientist’s toolbox", schedule.KindTalk, "2024-11-23T12:00:00+11:00", "2024-11-23T12:30:00+11:00", "Eureka 2", []string{"Dr Jack Simpson"}},
		{"53093", "Turtles all the way down: Abstractions and when we should use them", schedule.KindTalk, "2024-11-24T14:50:00+11:00", "2024-11-24T15:20:00+11:00", "Eureka 3", []string{"Mark Lakewood"}},
	})
	s := fromJSON.Sessions[slices.IndexFunc(fromJSON.Sessions, func(s *schedule.Session) bool { return s.ID == "53984" })]
	if s.GUID != "ed823c0f-8cec-5340-8a77-ece07f476685" || s.Track != "DevOops" || s.Type != "Talk" ||
		s.URL != "https://pretalx.com/pycon-au-2024/talk/ZCKWM3/" || s.Slug != "pycon-au-2024-53984-why-uuids-are-secretly-incredibly-fascinating" ||
		!strings.HasPrefix(s.Abstract, "What even is '06462f89-b4ef-7f7d-8000-edda1bba5155' and why should you actually care?\n\n(you should, but \"why\"?)\n\nUUIDs are used") {
		t.Errorf("first session = %+v", s)
	}
}

// sessionDiff lists the fields in which two sessions differ; times must
// be the same instant, offset and zone.
func sessionDiff(a, b *schedule.Session) []string {
	var out []string
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	for i := range va.NumField() {
		name := va.Type().Field(i).Name
		fa, fb := va.Field(i).Interface(), vb.Field(i).Interface()
		if ta, ok := fa.(time.Time); ok {
			tb := fb.(time.Time)
			if !ta.Equal(tb) || ta.Format(time.RFC3339) != tb.Format(time.RFC3339) || ta.Location().String() != tb.Location().String() {
				out = append(out, name+": "+ta.String()+" vs "+tb.String())
			}
			continue
		}
		if !reflect.DeepEqual(fa, fb) {
			out = append(out, name+": "+strings.TrimSpace(strings.ReplaceAll(reflect.ValueOf(fa).String(), "\n", `\n`))+" vs "+strings.ReplaceAll(reflect.ValueOf(fb).String(), "\n", `\n`))
		}
	}
	return out
}

// Real feeds stray from the schema; what has a clear meaning is read.
func TestFrabJSONLenient(t *testing.T) {
	data := `{"schedule": {"conference": {"acronym": "tiny", "days": [
	  {"date": "2026-03-29", "rooms": {"Hall A": [
	    {"id": "7", "title": "Numbers as strings", "start": "01:30", "duration": "1:00",
	     "persons": [{"name": "Ada"}, {"full_public_name": "Grace Hopper"}, "Linus", {"public_name": null}], "abstract": null, "track": null},
	    {"guid": "6f1c7f3e-0000-4000-8000-000000000001", "title": "Workshop: no id, an end instead of a duration",
	     "date": "2026-03-29T03:00:00+02:00", "end": "2026-03-29T05:00:00+02:00", "type": "other"},
	    {"id": 9, "title": "Not scheduled yet"}
	  ]}, "index": 1}, {"date": "2026-03-30", "rooms": []}],
	  "time_zone_name": "Europe/Berlin"}}}`
	feed, err := Parse([]byte(data), "frab-json", Options{Name: "tiny.json"})
	if err != nil {
		t.Fatal(err)
	}
	if feed.Conference != "tiny" || feed.TimeZone != "Europe/Berlin" {
		t.Errorf("conference %q zone %q", feed.Conference, feed.TimeZone)
	}
	checkSessions(t, feed, []wantSession{
		// The zone comes after the days in this file; 01:30 is still CET
		// on the night the clocks go forward.
		{"7", "Numbers as strings", schedule.KindTalk, "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", "Hall A", []string{"Ada", "Grace Hopper", "Linus"}},
		{"6f1c7f3e-0000-4000-8000-000000000001", "Workshop: no id, an end instead of a duration", schedule.KindWorkshop, "2026-03-29T03:00:00+02:00", "2026-03-29T05:00:00+02:00", "Hall A", nil},
	})
	last := feed.Sessions[len(feed.Sessions)-1]
	if last.ID != "9" || last.Scheduled() || last.Room != "Hall A" {
		t.Errorf("unscheduled session = %+v", last)
	}
	if d := feed.Sessions[0].Duration(); d != time.Hour {
		t.Errorf("across the DST change 01:30 + 1:00 lasts %s, want 1h", d)
	}

	// Without a time_zone_name, times keep the offset they were written with.
	noZone := `{"schedule": {"conference": {"title": "x", "days": [{"rooms": {"R": [{"id": 1, "title": "T", "date": "2019-08-21T11:00:00+02:00", "duration": "00:30"}]}}]}}}`
	feed, err = Parse([]byte(noZone), "", Options{Name: "x.json"})
	if err != nil {
		t.Fatal(err)
	}
	if got := feed.Sessions[0].End.Format(time.RFC3339); got != "2019-08-21T11:30:00+02:00" || feed.TimeZone != "" {
		t.Errorf("end %s, zone %q", got, feed.TimeZone)
	}

	// --tz shows the times in the user's zone, the same instants.
	ny, _ := time.LoadLocation("America/New_York")
	feed, err = Parse(program(t, "camp2019-frab-schedule.json"), "", Options{Name: "camp.json", Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	if got := feed.Sessions[0].Start.Format(time.RFC3339); got != "2019-08-21T05:00:00-04:00" {
		t.Errorf("opening with --tz America/New_York at %s", got)
	}
}

func TestFrabJSONBroken(t *testing.T) {
	camp := string(program(t, "camp2019-frab-schedule.json"))
	replace := func(old, new string) string {
		t.Helper()
		if !strings.Contains(camp, old) {
			t.Fatalf("camp2019 has no %q", old)
		}
		return strings.Replace(camp, old, new, 1)
	}
	tests := []struct {
		name, data string
		line       int
		session    string
		words      []string
	}{
		{"empty", "", 0, "", []string{"empty"}},
		{"blank", " \n\t\n", 0, "", []string{"empty"}},
		{"truncated", camp[:len(camp)/2], strings.Count(camp[:len(camp)/2], "\n") + 1, "", []string{"malformed JSON", "cut short"}},
		{"cut after the last brace", camp[:strings.LastIndex(camp, "}")], 2234, "", []string{"cut short"}},
		{"syntax error", replace(`"id": 10365,`, `"id": 10365,,`), 50, "", []string{"malformed JSON", "invalid character ','"}},
		{"trailing garbage", camp + "\n{}", 2236, "", []string{"more data after the end"}},
		{"array", `[{"schedule": {}}]`, 1, "", []string{"not a frab/pretalx schedule.json", `"schedule"`}},
		{"no schedule", `{"sessions": []}`, 0, "", []string{`no "schedule"`}},
		{"schedule is a list", `{"schedule": []}`, 1, "", []string{`"schedule" is a list, want an object`}},
		{"no conference", `{"schedule": {"version": "1"}}`, 0, "", []string{`no "conference"`}},
		{"no days", `{"schedule": {"conference": {"title": "x"}}}`, 0, "", []string{"no sessions"}},
		{"rooms is a list of sessions", `{"schedule": {"conference": {"days": [{"rooms": [{"id": 1, "title": "x"}]}]}}}`, 1, "", []string{`"rooms" of a day is a list, want an object`}},
		{"days is text", `{"schedule": {"conference": {"days": "soon"}}}`, 1, "", []string{`"days" is text, want a list`}},
		{"title is an object", replace(`"title": "card10 Badge"`, `"title": {"en": "card10 Badge"}`), 58, "", []string{`"title" is an object, want text`}},
		{"bad date", replace(`"date": "2019-08-21T12:00:00+02:00"`, `"date": "2019-08-21 noon"`), 48, "10365", []string{`bad "date" "2019-08-21 noon"`}},
		{"bad duration", replace(`"duration": "00:45",
                "room": "Curie",
                "slug": "Camp2019-10365`, `"duration": "45 min",
                "room": "Curie",
                "slug": "Camp2019-10365`), 48, "10365", []string{`bad "duration"`, `"45 min"`}},
		{"ends before it starts", replace(`"date": "2019-08-21T12:00:00+02:00",`, `"date": "2019-08-21T12:00:00+02:00", "end": "2019-08-21T11:00:00+02:00",`), 48, "10365", []string{"ends (2019-08-21T11:00:00+02:00) before it starts (2019-08-21T12:00:00+02:00)"}},
		{"unknown time zone", replace(`"time_zone_name": "Europe/Berlin"`, `"time_zone_name": "Europe/Atlantis"`), 12, "", []string{`unknown time zone "Europe/Atlantis"`}},
		{"duplicate id", replace(`"id": 10365,`, `"id": 10386,`), 0, "", []string{"1 id is used by more than one session", `"10386-`}},
		{"no title", replace(`"title": "card10 Badge"`, `"title": " "`), 48, "10365", []string{"no title", `imported as "(untitled)"`}},
		{"huge duration", replace(`"duration": "00:30"`, `"duration": "9999999999:00"`), 22, "10386", []string{`bad "duration"`, "9999999999:00"}},
		{"long duration", replace(`"duration": "00:30"`, `"duration": "1001:00"`), 22, "10386", []string{"longer than 1000 hours"}},
		{"UTF-16", "\xff\xfe{\x00}\x00", 1, "", []string{"UTF-16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse([]byte(tt.data), "frab-json", Options{Name: "camp.json"})
			if err = problem(feed, err); err == nil {
				t.Fatalf("no error; %d sessions", len(feed.Sessions))
			}
			t.Log(err)
			inputError(t, err, "camp.json", tt.line, tt.session, tt.words...)
		})
	}
}

// Forcing the format onto another program fails cleanly.
func TestFrabJSONOnOtherFormats(t *testing.T) {
	for _, name := range []string{"sessionize-orlandocodecamp-2020-all.json", "scale-22x-sign.json", "pretalx-pyconau-2024-schedule.xml"} {
		_, err := Parse(program(t, name), "frab-json", Options{Name: name})
		var ie *schedule.InputError
		if !errors.As(err, &ie) || ie.File != name {
			t.Errorf("%s as frab-json: %v", name, err)
		}
	}
}

func BenchmarkFrabJSON(b *testing.B) {
	data := program(b, "camp2019-frab-schedule.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, "", Options{Name: "camp.json"}); err != nil {
			b.Fatal(err)
		}
	}
}
