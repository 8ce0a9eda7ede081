package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/plan-cli/plan/schedule"
)

// sessionsByID parses a real program and indexes its sessions.
func sessionsByID(t *testing.T, name string) (*Feed, map[string]*schedule.Session) {
	t.Helper()
	feed, err := Parse(program(t, name), "", Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]*schedule.Session, len(feed.Sessions))
	for _, s := range feed.Sessions {
		byID[s.ID] = s
	}
	return feed, byID
}

// FOSDEM 2019 published its recordings in the schedule after the event:
// 8967 has two video links and the feedback form, and all 1,326 of the
// program's video.fosdem.org links arrive as videos.
func TestPentabarfLinksFOSDEM2019(t *testing.T) {
	feed, byID := sessionsByID(t, "fosdem-2019.xml")
	want := []schedule.Link{
		{URL: "https://video.fosdem.org/2019/Janson/keynotes_welcome.webm", Title: "Video recording (WebM/VP9)", Kind: schedule.LinkVideo},
		{URL: "https://video.fosdem.org/2019/Janson/keynotes_welcome.mp4", Title: "Video recording (mp4)", Kind: schedule.LinkVideo},
		{URL: "https://submission.fosdem.org/feedback/8967.php", Title: "Submit feedback", Kind: schedule.LinkFeedback},
	}
	if got := byID["8967"].Links; !reflect.DeepEqual(got, want) {
		t.Errorf("8967 links:\n got %+v\nwant %+v", got, want)
	}
	videos, feedback := 0, 0
	for _, s := range feed.Sessions {
		for _, l := range s.Links {
			switch {
			case strings.HasPrefix(l.URL, "https://video.fosdem.org/") && l.Kind == schedule.LinkVideo:
				videos++
			case l.Kind == schedule.LinkFeedback:
				feedback++
			}
		}
	}
	if videos != 1326 || feedback != 775 {
		t.Errorf("%d video.fosdem.org videos and %d feedback forms, want 1326 and 775", videos, feedback)
	}
	if l := byID["8781"].Links; len(l) != 7 || l[2] != (schedule.Link{URL: "https://feedback.wildfiregames.com/", Title: "Feedback site", Kind: schedule.LinkOther}) {
		t.Errorf("8781: 0 A.D.'s feedback site is not the session's form: %+v", l)
	}
	// Nine speakers left the link form at "http://": nothing to keep,
	// and nothing to warn about.
	for _, w := range feed.Warnings {
		if strings.Contains(w.Msg, "link") {
			t.Errorf("warning %v", w)
		}
	}
}

// FOSDEM 2026 gives every talk two chat rooms and the feedback form
// twice (<feedback_url> and a "Submit Feedback" <link>: kept once), its
// page in <url> (not a link of its own), some attachments with their
// declared type, and a language for all 883.
func TestPentabarfLinksFOSDEM2026(t *testing.T) {
	feed, byID := sessionsByID(t, "fosdem-2026-pentabarf.xml")
	want := []schedule.Link{
		{URL: "https://chat.fosdem.org/#/room/#2026-main:fosdem.org", Title: "Chat room(web)", Kind: schedule.LinkChat},
		{URL: "https://matrix.to/#/#2026-main:fosdem.org?web-instance[element.io]=chat.fosdem.org", Title: "Chat room(app)", Kind: schedule.LinkChat},
		{URL: "https://pretalx.fosdem.org/fosdem-2026/talk/FE7ULY/feedback/", Title: "Submit Feedback", Kind: schedule.LinkFeedback},
	}
	s := byID["7886"]
	if !reflect.DeepEqual(s.Links, want) || s.URL != "https://fosdem.org/2026/schedule/event/FE7ULY-foss-in-times-of-war-scarcity-and-ai/" {
		t.Errorf("7886: url %q, links:\n got %+v\nwant %+v", s.URL, s.Links, want)
	}
	var tdx *schedule.Link
	for i, l := range byID["7406"].Links {
		if l.Title == "TDX demo video" {
			tdx = &byID["7406"].Links[i]
		}
	}
	if tdx == nil || tdx.Kind != schedule.LinkSlides || !strings.HasSuffix(tdx.URL, "/tdx-guest_rve73f1.mp4") {
		t.Errorf("7406's attachment: %+v in %+v", tdx, byID["7406"].Links)
	}
	for _, s := range feed.Sessions {
		if s.Language != "en" {
			t.Errorf("%s: language %q, want en", s.ID, s.Language)
		}
		if n := len(s.Links); n < 3 {
			t.Errorf("%s: %d links, want the two chat rooms and the feedback form at least", s.ID, n)
		}
	}
}

// frab's XML: a <recording> the speakers opted out of, the guid of the
// <room> an event is in, and an address written without its scheme.
func TestPentabarfRecordingAndRoomGUID(t *testing.T) {
	feed, byID := sessionsByID(t, "38c3-frab-hub-schedule.xml")
	if s := byID["2"]; s.Room != "Saal 1" || s.RoomGUID != "ba692ba3-421b-5371-8309-60acc34a3c05" || s.DoNotRecord ||
		!reflect.DeepEqual(s.Links, []schedule.Link{{URL: "https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/feedback/", Kind: schedule.LinkFeedback}}) {
		t.Errorf("38C3 opening: room %q guid %q, do not record %v, links %+v", s.Room, s.RoomGUID, s.DoNotRecord, s.Links)
	}
	if s := byID["744"]; !s.DoNotRecord {
		t.Errorf("744 opted out of the recording: %+v", s)
	}
	optout := 0
	for _, s := range feed.Sessions {
		if s.RoomGUID == "" {
			t.Errorf("%s in %q: no room guid", s.ID, s.Room)
		}
		if s.DoNotRecord {
			optout++
		}
	}
	if optout != 25 {
		t.Errorf("%d sessions not recorded, want 25", optout)
	}

	_, byID = sessionsByID(t, "31c3-schedule.xml")
	if s := byID["6589"]; !reflect.DeepEqual(s.Links, []schedule.Link{{URL: "https://www.mr-beam.org", Title: "Mr Beam - a DIY laser cutter & engraver kit", Kind: schedule.LinkOther}}) {
		t.Errorf("6589 links %+v", s.Links)
	}
	if !byID["6581"].DoNotRecord || !byID["6226"].DoNotRecord || byID["6589"].DoNotRecord {
		t.Errorf("31C3 opt-outs: 6581 %v, 6226 %v, 6589 %v", byID["6581"].DoNotRecord, byID["6226"].DoNotRecord, byID["6589"].DoNotRecord)
	}
}

// frab's JSON: links and attachments with their titles; an attachment's
// path is under the static Fahrplan (base_url), where CCC keeps them;
// pretalx's JSON names its rooms' guids in the conference's room list.
func TestFrabJSONLinks(t *testing.T) {
	_, byID := sessionsByID(t, "camp2019-frab-schedule.json")
	want := map[string][]schedule.Link{
		"10178": {{URL: "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/system/event_attachments/attachments/000/003/792/original/Hacking_Containers_and_Kubernetes.pdf?1566398735", Title: "Slides", Kind: schedule.LinkSlides}},
		"10174": {
			{URL: "https://fomu.im", Title: "Fomu Website", Kind: schedule.LinkOther},
			{URL: "https://github.com/im-tomu", Title: "Fomu Github", Kind: schedule.LinkOther},
			{URL: "https://tomu.im", Title: "Tomu Website", Kind: schedule.LinkOther},
		},
		// frab's stand-in for a lost file is no link; a host without
		// its scheme is one.
		"10208": {
			{URL: "https://www.blablasecurity.de/", Title: "Folien zu bereits gehaltenen KRITIS und Ethik Vorträgen", Kind: schedule.LinkSlides},
			{URL: "https://www.blablasecurity.de/20190601_Berlinsides_HonkHase.pdf", Title: "Zum Zeitpunkt der Einreichung aktuellster Foliensatz zum Thema", Kind: schedule.LinkSlides},
		},
		"10386": nil,
	}
	for id, w := range want {
		if got := byID[id].Links; !reflect.DeepEqual(got, w) {
			t.Errorf("%s links:\n got %+v\nwant %+v", id, got, w)
		}
	}
	if l := byID["10317"].Links; len(l) == 0 || l[0].URL != "https://nymtech.net" {
		t.Errorf("10317 links %+v", l)
	}

	feed, _ := sessionsByID(t, "pretalx-pyconau-2024-schedule.json")
	guids := map[string]string{"Goldfields Theatre": "ca871299-987f-53fa-80e8-60519b36cb31", "Eureka 2": "555051c2-6250-55cf-9197-948bf9bfff84", "Eureka 3": "b9261db4-c925-5322-b218-e87a4c5e32a3"}
	for _, s := range feed.Sessions {
		if s.RoomGUID != guids[s.Room] {
			t.Errorf("%s in %q: room guid %q, want %q", s.ID, s.Room, s.RoomGUID, guids[s.Room])
		}
	}
}

// C3VOC's schedule 2.0: the room's own guid, typed references, and
// do_not_record.
func TestSchedule2Links(t *testing.T) {
	data := `{"$schema": "https://c3voc.de/schedule/schema.json", "schedule": {"conference": {"acronym": "t", "title": "T",
	  "time_zone_name": "Europe/Berlin", "rooms": [{"name": "Saal 1", "guid": "ba692ba3-421b-5371-8309-60acc34a3c05"}]},
	 "events": [
	  {"guid": "11111111-1111-4111-8111-111111111111", "code": "AAA", "title": "Recorded", "start": "2024-12-27T10:30:00+01:00", "end": "2024-12-27T11:00:00+01:00",
	   "room": {"guid": "ba692ba3-421b-5371-8309-60acc34a3c05"}, "do_not_record": false,
	   "links": [{"type": "media", "url": "https://media.ccc.de/v/38c3-aaa", "title": "Recording"}, "https://example.org/plain", {"url": "javascript:alert(1)", "title": "evil"}, 42],
	   "attachments": [{"type": "slides", "url": "https://example.org/s.pdf", "title": "Slides\u001b[31m red"}],
	   "feedback_url": "https://example.org/feedback/AAA"},
	  {"guid": "22222222-2222-4222-8222-222222222222", "code": "BBB", "title": "Not recorded", "start": "2024-12-27T12:00:00+01:00", "end": "2024-12-27T12:30:00+01:00",
	   "room": "Saal 1", "do_not_record": true, "links": "not a list"}
	 ]}}`
	feed, err := Parse([]byte(data), "", Options{Name: "s2.json"})
	if err != nil {
		t.Fatal(err)
	}
	a, b := feed.Sessions[0], feed.Sessions[1]
	want := []schedule.Link{
		{URL: "https://media.ccc.de/v/38c3-aaa", Title: "Recording", Kind: schedule.LinkVideo},
		{URL: "https://example.org/plain", Kind: schedule.LinkOther},
		{URL: "https://example.org/s.pdf", Title: "Slides[31m red", Kind: schedule.LinkSlides},
		{URL: "https://example.org/feedback/AAA", Kind: schedule.LinkFeedback},
	}
	if !reflect.DeepEqual(a.Links, want) || a.RoomGUID != "ba692ba3-421b-5371-8309-60acc34a3c05" || a.Room != "Saal 1" || a.DoNotRecord {
		t.Errorf("AAA: room %q guid %q, do not record %v, links:\n got %+v\nwant %+v", a.Room, a.RoomGUID, a.DoNotRecord, a.Links, want)
	}
	if b.Links != nil || !b.DoNotRecord || b.RoomGUID != "ba692ba3-421b-5371-8309-60acc34a3c05" {
		t.Errorf("BBB: %+v", b)
	}
	if len(feed.Warnings) != 1 || feed.Warnings[0].String() != `s2.json: 2 links have no web address (such as "javascript:alert(1)"): left out` {
		t.Errorf("warnings %v", feed.Warnings)
	}
}

// iCalendar: ATTACH by address is a link (a video FMTTYPE makes it a
// video); an inline attachment is not.
func TestICalAttachLinks(t *testing.T) {
	data := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@example.org\r\nDTSTART:20260131T090000Z\r\nDTEND:20260131T093000Z\r\n" +
		"SUMMARY:Talk\r\nURL:https://example.org/talk\r\n" +
		"ATTACH;FMTTYPE=video/mp4;FILENAME=talk.mp4:https://cdn.example.org/talk.mp4\r\n" +
		"ATTACH;FMTTYPE=application/pdf:https://example.org/slides.pdf\r\n" +
		"ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=text/plain:aGVsbG8=\r\n" +
		"END:VEVENT\r\nEND:VCALENDAR\r\n"
	feed, err := Parse([]byte(data), "", Options{Name: "a.ics"})
	if err != nil {
		t.Fatal(err)
	}
	want := []schedule.Link{
		{URL: "https://cdn.example.org/talk.mp4", Title: "talk.mp4", Kind: schedule.LinkVideo},
		{URL: "https://example.org/slides.pdf", Kind: schedule.LinkOther},
	}
	if s := feed.Sessions[0]; !reflect.DeepEqual(s.Links, want) || s.URL != "https://example.org/talk" {
		t.Errorf("url %q, links:\n got %+v\nwant %+v", s.URL, s.Links, want)
	}
}

// A feed's links never bring control characters, and a session keeps at
// most schedule.MaxLinks of them, with a warning.
func TestLinksBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<schedule><conference><title>T</title><time_zone_name>Europe/Brussels</time_zone_name></conference><day date="2026-01-31"><room name="R"><event id="1"><start>10:00</start><duration>00:30</duration><title>Many</title><links>`)
	b.WriteString("<link href=\"https://example.org/\x1b]8;;evil\x07x\">t\x1b[2Jitle</link>")
	for i := range schedule.MaxLinks + 10 {
		b.WriteString(`<link href="https://example.org/` + strings.Repeat("a", i+1) + `">n</link>`)
	}
	b.WriteString(`</links></event></room></day></schedule>`)
	feed, err := Parse([]byte(b.String()), "", Options{Name: "many.xml"})
	if err != nil {
		t.Fatal(err)
	}
	s := feed.Sessions[0]
	if len(s.Links) != schedule.MaxLinks {
		t.Errorf("%d links, want %d", len(s.Links), schedule.MaxLinks)
	}
	for _, l := range s.Links {
		if strings.ContainsFunc(l.URL+l.Title, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Errorf("control character in %q %q", l.URL, l.Title)
		}
	}
	if len(feed.Warnings) != 1 || feed.Warnings[0].String() != `many.xml:1: session "1": the session has more than 64 links: the first 64 are kept` {
		t.Errorf("warnings %v", feed.Warnings)
	}
}
