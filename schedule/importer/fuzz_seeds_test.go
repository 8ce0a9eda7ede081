package importer

// Fuzz seeds from the real programs in testdata/programs: one session of
// each, as the program writes it (its elements, attributes, quoting and
// escapes), without the bulk. The fuzzer shrinks every new input it
// finds for up to -fuzzminimizetime (60 s), and the shrinking grows with
// the square of the input's size: seeded with whole programs, or even
// their first 3 KiB, a run spent its minute minimising one input (10
// executions in 60 s). The whole programs are read by the ordinary
// tests. CONTRIBUTING.md has each target's executions per minute.

import (
	"testing"
	"time"
)

// seedFOSDEM2026 is fosdem-2026-pentabarf.xml's first event.
const seedFOSDEM2026 = `<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><title>FOSDEM 2026</title><time_zone_name>Europe/Brussels</time_zone_name></conference>
<day index="1" date="2026-01-31" start="2026-01-31T09:00:00+01:00"><room name="Janson" slug="janson">
<event guid="9c3ebb8c-7716-5130-b9fe-ff8544f5636d" id="8376"><date>2026-01-31T09:30:00+01:00</date><start>09:30</start><duration>00:20</duration><room>Janson</room><slug>SFKNTZ-welcome</slug><url>https://fosdem.org/2026/schedule/event/SFKNTZ/</url><title>Welcome to FOSDEM 2026</title><subtitle></subtitle><track slug="main">Main Track</track><type>maintrack</type><language>en</language><abstract>&lt;p&gt;FOSDEM welcome.&lt;/p&gt;</abstract><persons><person id="2">FOSDEM Staff</person></persons></event>
</room></day></schedule>`

// seedPyConAU2024XML is pretalx-pyconau-2024-schedule.xml's first event
// (pretalx: single quotes, a description beside the abstract).
const seedPyConAU2024XML = `<?xml version='1.0' encoding='utf-8' ?>
<schedule><conference><title>PyCon AU 2024</title><acronym>pycon-au-2024</acronym><time_zone_name>Australia/Melbourne</time_zone_name></conference>
<day index='1' date='2024-11-22' start='2024-11-22T04:00:00+11:00' end='2024-11-23T03:59:00+11:00'><room name='Goldfields Theatre'>
<event guid='ed823c0f-8cec-5340-8a77-ece07f476685' id='53984'><room>Goldfields Theatre</room><title>Why UUIDs are Secretly Fascinating</title><type>Talk</type><date>2024-11-22T09:20:00+11:00</date><start>09:20</start><duration>00:30</duration><abstract>What even is &apos;06462f89&apos;?</abstract><track>DevOops</track><persons><person id='1352'>Tom Eastman</person></persons><description>UUIDs are used
all over the place.</description></event>
</room></day></schedule>`

// seedCamp2019 is camp2019-frab-schedule.json's first event.
const seedCamp2019 = `{"schedule": {"version": "Gacrux", "conference": {"acronym": "Camp2019", "title": "Chaos Communication Camp 2019", "time_zone_name": "Europe/Berlin", "days": [
{"index": 1, "date": "2019-08-21", "day_start": "2019-08-21T09:00:00+02:00", "rooms": {"Curie": [
{"url": "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html", "id": 10386, "guid": "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4", "logo": null, "date": "2019-08-21T11:00:00+02:00", "start": "11:00", "duration": "00:30", "room": "Curie", "slug": "Camp2019-10386-opening_ceremony", "title": "Opening Ceremony", "subtitle": "", "track": "CCC", "type": "lecture", "language": "en", "abstract": "A hearty welcome!", "persons": [{"id": 7797, "public_name": "jinxx"}]}]}}]}}}`

// seedPyConAU2024JSON is pretalx-pyconau-2024-schedule.json's first
// event (pretalx: CRLF inside text, persons with guids).
const seedPyConAU2024JSON = `{"schedule": {"conference": {"acronym": "pycon-au-2024", "title": "PyCon AU 2024", "time_zone_name": "Australia/Melbourne", "days": [{"index": 1, "date": "2024-11-22", "day_start": "2024-11-22T04:00:00+11:00", "rooms": {"Goldfields Theatre": [{"id": 53984, "guid": "ed823c0f-8cec-5340-8a77-ece07f476685", "date": "2024-11-22T09:20:00+11:00", "start": "09:20", "duration": "00:30", "room": "Goldfields Theatre", "title": "Why UUIDs are Secretly Fascinating", "track": "DevOops", "type": "Talk", "abstract": "What even is it?\r\n\r\n(you should)", "persons": [{"guid": "9464d2dc", "id": 1352, "code": "KCADCR", "public_name": "Tom Eastman"}]}]}}]}}}`

// seedOrlando2020 is sessionize-orlandocodecamp-2020-all.json cut to one
// session with its speaker, category and room (times without offsets).
const seedOrlando2020 = "\ufeff" + `{"sessions": [{"id": "176149", "title": "3 Disciplines for Leading a Distributed Team", "description": "How do you lead people\r\nyou may never see?", "startsAt": "2020-03-28T09:00:00", "endsAt": "2020-03-28T09:45:00", "isServiceSession": false, "speakers": ["b1f7a8bd"], "categoryItems": [30935], "roomId": 12259}],
"speakers": [{"id": "b1f7a8bd", "firstName": "Ann", "lastName": "Lee", "fullName": "Ann Lee"}],
"categories": [{"id": 17434, "title": "Session format", "items": [{"id": 30935, "name": "Session"}]}], "rooms": [{"id": 12259, "name": "Room 1"}]}`

// seedSCALE22xJSON and seedSCALE23xJSON are the first entries of
// scale-22x-sign.json and scale-23x-sign-sample.json.
const (
	seedSCALE22xJSON = `[{"Name": "OpenInfra Days North America Keynotes", "Description": "Infrastructure lays the foundation.", "Location": "Room 106", "StartTime": "2025-03-06T09:00:00-08:00", "EndTime": "2025-03-06T10:15:00-08:00", "Speakers": "Allison Price, Gerald Bothello", "Topic": "OpenInfra Days"}]`
	seedSCALE23xJSON = `[{"Name": "Closing Keynote with Doug Comer", "Location": "Ballroom DE", "StartTime": "2026-03-08T15:00:00-07:00", "EndTime": "2026-03-08T16:00:00-07:00", "Speakers": "Doug Comer", "Topic": "Keynote", "Description": "Have you ever taken a course on Computer Networks?"}]`
)

// seedSCALE22xXML is scale-22x-sign.xml's first node (RDFa spans in
// escaped HTML).
const seedSCALE22xXML = `<?xml version="1.0" encoding="UTF-8" ?>
<nodes><node><Title>OpenInfra Days North America Keynotes</Title><Room>Room 106</Room>
<Time>&lt;span class="date-display-start" property="dc:date" datatype="xsd:dateTime" content="2025-03-06T09:00:00-08:00"&gt;9:00&lt;/span&gt; to &lt;span class="date-display-end" property="dc:date" datatype="xsd:dateTime" content="2025-03-06T10:15:00-08:00"&gt;10:15&lt;/span&gt;</Time>
<Speakers>Allison Price, Gerald Bothello</Speakers><Topic>OpenInfra Days</Topic><Short-abstract>&lt;p&gt;Infrastructure lays the foundation.&lt;/p&gt;</Short-abstract><Path>/scale/22x/presentations/openinfra-days-north-america-keynotes</Path></node></nodes>`

// seedPyConAU2023ICS is pretalx-pyconau-2023-schedule.ics's first event
// (a TZID, a folded DESCRIPTION, speakers in the SUMMARY).
const seedPyConAU2023ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretalx//pretalx.com//\r\nBEGIN:VEVENT\r\n" +
	"UID:pretalx-pyconau-2023-EJWEMK@pretalx.com\r\nDTSTART;TZID=Australia/Adelaide:20230818T090000\r\nDTEND;TZID=Australia/Adelaide:20230818T092000\r\n" +
	"DESCRIPTION:This year\\, all four special tracks will share a combined openi\r\n ng address!\r\nLOCATION:Hall C (Plenary)\r\n" +
	"SUMMARY:Specialist Tracks Combined Opening Address - Pedro Junqueira\\, Jack\r\n  Skinner\r\nURL:https://pretalx.com/pyconau-2023/talk/EJWEMK/\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// Each real seed is still a program of its format holding its session,
// at the time the whole program gives it, so the fuzzer starts from
// input the importer reads all the way through.
func TestRealFuzzSeeds(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, data, format string
		loc                *time.Location
		id, title, start   string
	}{
		{"fosdem", seedFOSDEM2026, "pentabarf", nil, "8376", "Welcome to FOSDEM 2026", "2026-01-31T09:30:00+01:00"},
		{"pyconau xml", seedPyConAU2024XML, "pentabarf", nil, "53984", "Why UUIDs are Secretly Fascinating", "2024-11-22T09:20:00+11:00"},
		{"camp", seedCamp2019, "frab-json", nil, "10386", "Opening Ceremony", "2019-08-21T11:00:00+02:00"},
		{"pyconau json", seedPyConAU2024JSON, "frab-json", nil, "53984", "Why UUIDs are Secretly Fascinating", "2024-11-22T09:20:00+11:00"},
		{"orlando", seedOrlando2020, "sessionize", ny, "176149", "3 Disciplines for Leading a Distributed Team", "2020-03-28T09:00:00-04:00"},
		{"scale 22x json", seedSCALE22xJSON, "scale-json", nil, "openinfra-days-north-america-keynotes", "OpenInfra Days North America Keynotes", "2025-03-06T09:00:00-08:00"},
		{"scale 23x json", seedSCALE23xJSON, "scale-json", nil, "closing-keynote-doug-comer", "Closing Keynote with Doug Comer", "2026-03-08T15:00:00-07:00"},
		{"scale 22x xml", seedSCALE22xXML, "scale-xml", nil, "openinfra-days-north-america-keynotes", "OpenInfra Days North America Keynotes", "2025-03-06T09:00:00-08:00"},
		{"pyconau ics", seedPyConAU2023ICS, "ical", nil, "EJWEMK", "Specialist Tracks Combined Opening Address", "2023-08-18T09:00:00+09:30"},
	} {
		feed, err := Parse([]byte(c.data), "", Options{Name: c.name, Location: c.loc})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if feed.Format != c.format || len(feed.Sessions) != 1 || len(feed.Warnings) != 0 {
			t.Errorf("%s: format %s, %d sessions, warnings %v; want %s, one session, no warnings", c.name, feed.Format, len(feed.Sessions), feed.Warnings, c.format)
			continue
		}
		s := feed.Sessions[0]
		if s.ID != c.id || s.Title != c.title || s.Start.Format(time.RFC3339) != c.start {
			t.Errorf("%s: %q %q at %s; want %q %q at %s", c.name, s.ID, s.Title, s.Start.Format(time.RFC3339), c.id, c.title, c.start)
		}
	}
}
