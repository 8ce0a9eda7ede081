package importer

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// schedule2File is a C3VOC "schedule 2.0" JSON built from the schema
// (voc/schedule validator/json/schema2.json, alpha-3) and shaped like
// its example hub-schedule2.json: the conference's rooms and tracks in
// lists, the events flat, a room named only by its guid, a participant
// only by hers, text in two languages, a night session after midnight
// on the first day, a cancelled one, a break, a lightning talk with an
// ISO 8601 duration and a session with no length.
const schedule2File = `{
  "$schema": "https://c3voc.de/schema/schedule2",
  "schedule": {
    "version": "2024-12-26 20:23",
    "conference": {
      "acronym": "38c3", "title": "38C3",
      "start": "2024-12-27T09:30:00+00:00", "end": "2024-12-30T17:45:00+00:00",
      "time_zone_name": "Europe/Berlin",
      "tracks": [{"name": "Hardware & Making", "slug": "hardware-making"}, {"name": "CCC", "slug": "ccc"}],
      "rooms": [{"name": "Saal 1", "guid": "ba692ba3"}, {"name": "Saal ZIGZAG", "guid": "62251a07"}],
      "days": [
        {"index": 1, "date": "2024-12-27", "start": "2024-12-27T09:30:00+00:00", "end": "2024-12-28T06:00:00+01:00"},
        {"index": 2, "date": "2024-12-28", "start": "2024-12-28T06:00:00+01:00", "end": "2024-12-29T06:00:00+01:00"}
      ]
    },
    "events": [
      {"type": "OTHER", "guid": "270fa44c", "code": "HQCCYH", "start": "2024-12-27T10:30:00+01:00", "end": "2024-12-27T11:00:00+01:00",
       "room": {"name": "Saal 1", "guid": "ba692ba3"}, "url": "https://example.org/hqccyh", "slug": "opening", "title": "Opening Ceremony",
       "subtitle": null, "language": "en", "track": {"slug": "ccc"},
       "abstract": {"de": "Hallo", "en": "Hello"}, "description": "Let's <b>start</b>.",
       "participants": [{"guid": "p1", "name": "Ann Lee", "role": "SPEAKER"}, {"guid": "p2", "role": "MODERATOR"}, {"guid": "p3", "name": "Senficon", "role": "CONTRIBUTOR"}],
       "links": []},
      {"type": "TALK", "guid": "b1740c2f", "code": "TPGRNN", "start": "2024-12-28T00:15:00+01:00", "end": "2024-12-28T00:55:00+01:00",
       "room": {"guid": "62251a07"}, "title": "Night talk", "language": "de", "track": {"slug": "hardware-making"},
       "abstract": {"de": "Nachts", "en": "At night"}, "participants": [{"guid": "p4", "name": "Bo"}]},
      {"type": "TALK", "guid": "c0", "code": "CANCEL", "start": "2024-12-28T12:00:00+01:00", "end": "2024-12-28T12:40:00+01:00",
       "room": {"guid": "ba692ba3"}, "title": "Withdrawn talk", "state": "CANCELED", "track": {"slug": "ccc"}, "participants": []},
      {"type": "BREAK", "guid": "d0", "start": "2024-12-28T13:00:00+01:00", "end": "2024-12-28T14:00:00+01:00", "title": "Mittag", "room": {"guid": "ba692ba3"}},
      {"type": "LIGHTNING_TALK", "guid": "e0", "code": "LIGHT", "start": "2024-12-28T15:00:00+01:00", "duration": "PT15M",
       "room": {"name": "Saal 1"}, "title": "Five minutes", "track": {"slug": "unknown-track"}, "participants": []},
      {"type": "TALK", "guid": "f0", "code": "NOEND", "start": "2024-12-28T16:00:00+01:00", "room": {"name": "Saal 1"}, "title": "No length", "participants": []}
    ],
    "persons": [{"guid": "p2", "name": "Cy Moderator", "biography": "…"}]
  }
}`

func TestSchedule2(t *testing.T) {
	feed, err := Parse([]byte(schedule2File), "", Options{Name: "hub.json"})
	if err != nil {
		t.Fatal(err)
	}
	if feed.Format != "schedule2-json" || feed.Conference != "38C3" || feed.TimeZone != "Europe/Berlin" {
		t.Errorf("feed %q %q %q", feed.Format, feed.Conference, feed.TimeZone)
	}
	checkSessions(t, feed, []wantSession{
		{"HQCCYH", "Opening Ceremony", schedule.KindOther, "2024-12-27T10:30:00+01:00", "2024-12-27T11:00:00+01:00", "Saal 1", []string{"Ann Lee", "Cy Moderator"}},
		{"TPGRNN", "Night talk", schedule.KindTalk, "2024-12-28T00:15:00+01:00", "2024-12-28T00:55:00+01:00", "Saal ZIGZAG", []string{"Bo"}},
		{"CANCEL", "Withdrawn talk", schedule.KindTalk, "2024-12-28T12:00:00+01:00", "2024-12-28T12:40:00+01:00", "Saal 1", nil},
		{"d0", "Mittag", schedule.KindOther, "2024-12-28T13:00:00+01:00", "2024-12-28T14:00:00+01:00", "Saal 1", nil},
		{"LIGHT", "Five minutes", schedule.KindLightning, "2024-12-28T15:00:00+01:00", "2024-12-28T15:15:00+01:00", "Saal 1", nil},
		{"NOEND", "No length", schedule.KindTalk, "2024-12-28T16:00:00+01:00", "2024-12-28T16:40:00+01:00", "Saal 1", nil},
	})
	got := map[string]string{}
	for _, s := range feed.Sessions {
		got[s.ID] = strings.Join([]string{s.Track, s.Date.String(), s.Abstract, s.URL, s.GUID}, "|")
		if s.Cancelled != (s.ID == "CANCEL") {
			t.Errorf("%s cancelled = %v", s.ID, s.Cancelled)
		}
	}
	for id, want := range map[string]string{
		"HQCCYH": "CCC||Hello\n\nLet's start.|https://example.org/hqccyh|270fa44c",
		"TPGRNN": "Hardware & Making|2024-12-27|Nachts||b1740c2f",
		"LIGHT":  "unknown-track||||e0",
	} {
		if got[id] != want {
			t.Errorf("%s: %q, want %q", id, got[id], want)
		}
	}
	if len(feed.Warnings) != 1 || !strings.Contains(feed.Warnings[0].Msg, `no "duration" (or "end"): kept, with the usual length in this program: 40 min for a talk`) {
		t.Errorf("warnings %v", feed.Warnings)
	}
}

// A file that leaves out the "schedule" around "conference" and
// "events", writing frab's "date" and "duration": read the same way.
// Local times with no zone anywhere ask for --tz.
func TestSchedule2Variants(t *testing.T) {
	data := `{"version": "2.0", "conference": {"acronym": "36c3", "title": "36C3"},
 "events": [{"guid": "a1", "title": "Opening", "date": "2019-12-27T11:00:00+01:00", "start": "11:00", "duration": "00:30", "room": "Ada"}]}`
	feed, err := Parse([]byte(data), "", Options{Name: "v2.json"})
	if err != nil {
		t.Fatal(err)
	}
	checkSessions(t, feed, []wantSession{{"a1", "Opening", schedule.KindTalk, "2019-12-27T11:00:00+01:00", "2019-12-27T11:30:00+01:00", "Ada", nil}})

	local := strings.ReplaceAll(schedule2File, "+01:00\", \"end\": \"2024-12-27T11:00:00+01:00", "\", \"end\": \"2024-12-27T11:00:00")
	local = strings.Replace(local, `"time_zone_name": "Europe/Berlin",`, "", 1)
	_, err = Parse([]byte(local), "", Options{Name: "hub.json", MachineZone: "Europe/Berlin"})
	inputError(t, err, "hub.json", 17, "HQCCYH", `"2024-12-27T10:30:00" has no UTC offset and the file no "time_zone_name": give the conference's zone with --tz (e.g. --tz Europe/Berlin, this machine's zone)`)
	berlin, _ := time.LoadLocation("Europe/Berlin")
	feed, err = Parse([]byte(local), "", Options{Name: "hub.json", Location: berlin})
	if err != nil || feed.Sessions[0].Start.Format(time.RFC3339) != "2024-12-27T10:30:00+01:00" {
		t.Errorf("with --tz: %v", err)
	}
	// Either format name reads either file.
	for _, format := range []string{"frab-json", "schedule2-json"} {
		if feed, err := Parse([]byte(schedule2File), format, Options{Name: "hub.json"}); err != nil || len(feed.Sessions) != 6 {
			t.Errorf("--format %s: %v", format, err)
		}
		if feed, err := Parse(program(t, "camp2019-frab-schedule.json"), format, Options{Name: "camp.json"}); err != nil || len(feed.Sessions) != 79 {
			t.Errorf("--format %s on frab: %v", format, err)
		}
	}
	if !reflect.DeepEqual(Formats()[:3], []string{"pentabarf", "schedule2-json", "frab-json"}) {
		t.Errorf("formats %v", Formats())
	}
}
