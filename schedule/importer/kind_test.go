package importer

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// pentabarfEvents is a frab schedule.xml of one day, one room, with an
// event per (title, type) pair, 30 minutes apart.
func pentabarfEvents(events ...[2]string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><title>Kinds</title><time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index="1" date="2025-12-27"><room name="Saal 1">
`)
	for i, e := range events {
		fmt.Fprintf(&b, `<event id="%d"><date>2025-12-27T%02d:%02d:00+01:00</date><start>%02d:%02d</start><duration>00:30</duration><room>Saal 1</room><title>%s</title><type>%s</type></event>
`, i+1, 10+i/2, i%2*30, 10+i/2, i%2*30, e[0], e[1])
	}
	b.WriteString("</room></day></schedule>\n")
	return []byte(b.String())
}

// Issue 23: a typed session is what its type says; a type plan does not
// know is no talk, and is named once in a warning with its count.
func TestTypedKinds(t *testing.T) {
	t.Parallel()
	data := pentabarfEvents(
		[2]string{"Chaospost", "Stand"},
		[2]string{"Open Codes", "Ausstellung"},
		[2]string{"Generative Bilder", "Kunst"},
		[2]string{"Wer kontrolliert die Netze?", "Diskussion"},
		[2]string{"Löten für Anfänger", "Präsenzworkshop"},
		[2]string{"Die Zukunft der Überwachung", "Vortrag"},
		[2]string{"Aus dem Leben eines Routers", "Lesung"},
		[2]string{"Mijk van Dijk", "djset"},
		[2]string{"Band XY", "live performance"},
		[2]string{"Citizenfour", "movie"},
		[2]string{"Hacker Jeopardy", "contest"},
		[2]string{"Essenszeit (Mittag)", "lecture"},
		[2]string{"Dinner", "Talk"},
		[2]string{"BoF: Ham radio", "Workshop"},
		[2]string{"Weltraum im Kopf", "Pausenfüllmaterial"},
		[2]string{"Noch mehr Weltraum", "Pausenfüllmaterial"},
		[2]string{"Hafenrundfahrt", "Hackertours"},
		[2]string{"Infodesk", "other"},
	)
	feed, err := Parse(data, "", Options{Name: "kinds.xml"})
	if err != nil {
		t.Fatal(err)
	}
	want := []schedule.Kind{
		schedule.KindBooth, schedule.KindBooth, schedule.KindPerformance, schedule.KindPanel, schedule.KindWorkshop,
		schedule.KindTalk, schedule.KindPerformance, schedule.KindPerformance, schedule.KindPerformance,
		schedule.KindPerformance, schedule.KindPerformance, schedule.KindOther, schedule.KindOther, schedule.KindBoF,
		schedule.KindOther, schedule.KindOther, schedule.KindOther, schedule.KindOther,
	}
	for i, s := range feed.Sessions {
		if s.Kind != want[i] {
			t.Errorf("%q (type %q) is %s, want %s", s.Title, s.Type, s.Kind, want[i])
		}
	}
	var msgs []string
	for _, w := range feed.Warnings {
		msgs = append(msgs, w.Msg)
		if w.Type == "" {
			t.Errorf("warning without the type it is about: %s", w)
		}
	}
	wantMsgs := []string{
		`the session type "Pausenfüllmaterial" (2 sessions) names no kind plan knows: read as other; to count it as another kind, map it in the plan file: kinds: {"type:Pausenfüllmaterial": talk}`,
		`the session type "Hackertours" (1 session) names no kind plan knows: read as other; to count it as another kind, map it in the plan file: kinds: {"type:Hackertours": talk}`,
	}
	if strings.Join(msgs, "\n") != strings.Join(wantMsgs, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(wantMsgs, "\n"))
	}
}

// An unknown type lets the track's format or the title decide, and the
// warning says how many were read that way.
func TestUnknownTypeReadByTrack(t *testing.T) {
	t.Parallel()
	data := []byte(strings.Replace(string(pentabarfEvents(
		[2]string{"Nachtschicht", "Bühnenprogramm"},
		[2]string{"Workshop: Löten", "Bühnenprogramm"},
	)), "<type>Bühnenprogramm</type></event>", "<type>Bühnenprogramm</type><track>DJ Sets</track></event>", 1))
	feed, err := Parse(data, "", Options{Name: "kinds.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := feed.Sessions[0].Kind, feed.Sessions[1].Kind; a != schedule.KindPerformance || b != schedule.KindWorkshop {
		t.Errorf("kinds %s, %s; want performance (its track) and workshop (its title)", a, b)
	}
	if len(feed.Warnings) != 1 || !strings.Contains(feed.Warnings[0].Msg, `"Bühnenprogramm" (2 sessions) names no kind plan knows: read by their title or track;`) {
		t.Errorf("warnings %v", feed.Warnings)
	}
}

// Sessionize: the category whose items are session types is the format,
// whatever its title; one of subjects or levels is not.
func TestSessionizeFormatCategoryByItems(t *testing.T) {
	t.Parallel()
	data := `{"sessions": [
 {"id": "1", "title": "Go in production", "startsAt": "2025-05-10T09:00:00", "endsAt": "2025-05-10T09:45:00", "categoryItems": [11, 21, 31], "isServiceSession": false, "roomId": 1},
 {"id": "2", "title": "Five things about eBPF", "startsAt": "2025-05-10T10:00:00", "endsAt": "2025-05-10T10:20:00", "categoryItems": [12, 22], "isServiceSession": false, "roomId": 1},
 {"id": "3", "title": "Build a bot", "startsAt": "2025-05-10T11:00:00", "endsAt": "2025-05-10T13:00:00", "categoryItems": [13, 21], "isServiceSession": false, "roomId": 1},
 {"id": "4", "title": "Evening jam", "startsAt": "2025-05-10T19:00:00", "endsAt": "2025-05-10T21:00:00", "categoryItems": [14], "isServiceSession": false, "roomId": 1},
 {"id": "5", "title": "Lunch", "startsAt": "2025-05-10T12:00:00", "endsAt": "2025-05-10T13:00:00", "categoryItems": [], "isServiceSession": true, "roomId": 1}
],
"speakers": [],
"categories": [
 {"id": 100, "title": "Level", "items": [{"id": 31, "name": "Introductory and overview"}, {"id": 32, "name": "Advanced"}]},
 {"id": 200, "title": "Please select session type:", "items": [{"id": 11, "name": "45 min talk"}, {"id": 12, "name": "20 min lightning talk"}, {"id": 13, "name": "2 hour workshop"}, {"id": 14, "name": "Live music"}]},
 {"id": 300, "title": "Topics", "items": [{"id": 21, "name": "Cloud"}, {"id": 22, "name": "Security"}]}
],
"rooms": [{"id": 1, "name": "Main hall"}]}`
	feed, err := Parse([]byte(data), "", Options{Name: "All.json", Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]schedule.Kind{"1": schedule.KindTalk, "2": schedule.KindLightning, "3": schedule.KindWorkshop, "4": schedule.KindPerformance, "5": schedule.KindOther}
	for _, s := range feed.Sessions {
		if s.Kind != want[s.ID] {
			t.Errorf("%s %q is %s (type %q, tags %q), want %s", s.ID, s.Title, s.Kind, s.Type, s.Tags, want[s.ID])
		}
	}
	if s := feed.Sessions[0]; s.Type != "45 min talk" || strings.Join(s.Tags, ",") != "Cloud,Introductory and overview" && strings.Join(s.Tags, ",") != "Introductory and overview,Cloud" {
		t.Errorf("session 1: type %q, tags %q; want the format as type and the others as tags", s.Type, s.Tags)
	}
}

// A CSV's kind column: kind names and feed words, and an unknown word is
// other with a warning.
func TestCSVKindColumn(t *testing.T) {
	t.Parallel()
	data := "id,title,start,end,type\n" +
		"a,Opening,2025-03-07 09:00,2025-03-07 10:00,Keynote\n" +
		"b,Night of music,2025-03-07 20:00,2025-03-07 22:00,DJ Set\n" +
		"c,Booth crawl,2025-03-07 11:00,2025-03-07 12:00,booths\n" +
		"d,Lunch,2025-03-07 12:00,2025-03-07 13:00,\n" +
		"e,Yoga,2025-03-07 07:00,2025-03-07 08:00,Wellness\n"
	feed := parseCSV(t, data, time.UTC)
	want := []schedule.Kind{schedule.KindOther, schedule.KindKeynote, schedule.KindBooth, schedule.KindOther, schedule.KindPerformance}
	for i, s := range feed.Sessions {
		if s.Kind != want[i] {
			t.Errorf("%s %q (%q) is %s, want %s", s.ID, s.Title, s.Type, s.Kind, want[i])
		}
	}
	if len(feed.Warnings) != 1 || feed.Warnings[0].Type != "Wellness" {
		t.Errorf("warnings %v, want one about Wellness", feed.Warnings)
	}
}
