package export

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
)

// calendarCase is a calendar to export and what every client must see in
// it: one line per event, UTC start and end and the exact summary.
type calendarCase struct {
	name string // golden file testdata/<name>.ics
	cal  Calendar
	opt  ICSOptions
	want []wantEvent
	// skip lists clients ics-clients-check must not run on this calendar,
	// each for a bug of its own named in the case.
	skip []string
}

type wantEvent struct {
	start, end time.Time
	summary    string
}

// fixtureNow is the DTSTAMP of every fixture (SOURCE_DATE_EPOCH=1767225600).
var fixtureNow = time.Unix(1767225600, 0).UTC()

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time zone %s: %v", name, err)
	}
	return loc
}

// scaleCase is a plan of SCALE 22x picks (Pasadena, America/Los_Angeles)
// from Thursday 6 to Sunday 9 March 2025; the clocks went forward early on
// Sunday, so Sunday's talks are at -07:00 and the others at -08:00. Titles,
// times, rooms, speakers and topics are those of
// testdata/programs/scale-22x-sign.json.
func scaleCase(t testing.TB) calendarCase {
	la := mustZone(t, "America/Los_Angeles")
	at := func(day, hour, min int) time.Time { return time.Date(2025, time.March, day, hour, min, 0, 0, la) }
	type pick struct {
		id, title, room, topic string
		speakers               []string
		start, end             time.Time
		kind                   schedule.Kind
		prio                   schedule.Priority
		note, abstract         string
	}
	picks := []pick{
		{"fireside-chat-outsiders-look-nix", "Fireside Chat: An Outsider’s Look at Nix", "Room 101", "PlanetNix", []string{"Ron Efroni", "Kelsey Hightower"}, at(6, 9, 30), at(6, 10, 0), schedule.KindTalk, schedule.Must, "", "We’ve all heard the usual insider talks about Nix. This session flips the script."},
		{"docker-was-too-slow", "Docker Was Too Slow, So We Replaced It: Nix in Production", "Room 101", "PlanetNix", []string{"Aneesh Agrawal"}, at(6, 11, 0), at(6, 11, 30), schedule.KindTalk, schedule.Want, "ask about 25 GB images", "Kubernetes means containers - but container images stop scaling once you hit 25+ GB, even if you’re building them with Nix."},
		{"simplify-data-science-ubuntu", "Simplify Your Data Science Workflow on Ubuntu with Canonical’s Data Science Stack", "Room 103", "Ubucon", []string{"Ken VanDine"}, at(7, 10, 0), at(7, 11, 0), schedule.KindTalk, schedule.Maybe, "", "Data scientists often face complex challenges when setting up their development environments."},
		{"whats-our-vector-victor", "What's our Vector, Victor?", "Ballroom G", "PostgreSQL", []string{"Shaun Thomas"}, at(7, 11, 15), at(7, 12, 15), schedule.KindTalk, schedule.Must, "PostgreSQL track; pgvector, pg_vectorize", "AI and LLMs are all the rage these days, but the real fun stuff doesn't happen until some kind of database is involved."},
		{"scam-spotting-101", "Scam–Spotting 101: How to Identify Phishing and Fake Messages", "Room 103", "Next Generation", []string{"Jonah Ibarra", "Eisly Morales"}, at(8, 13, 0), at(8, 13, 30), schedule.KindTalk, schedule.Want, "", "Have you ever gotten a weird email or message that didn’t seem right?"},
		{"euphony-echo", "Euphony Echo: Integrating Virtual Reality, Machine Learning, and Music Therapy to Enhance Emotional Expression and Anxiety Management for Individuals with Autism Spectrum Disorder", "Room 103", "Next Generation", []string{"Alana Wu"}, at(8, 16, 15), at(8, 17, 0), schedule.KindTalk, schedule.Want, "", "Euphony Echo is a VR app making music therapy accessible for individuals with autism."},
		{"time-stuff-bof", "Time Stuff: Network Time Foundation, NTP, LinuxPTP, Khronos", "Ballroom F", "BoFs", nil, at(8, 19, 30), at(8, 20, 30), schedule.KindBoF, schedule.Maybe, "", "A quick NTF Projects update, general Q/A and discussion about NTP, PTP, et al. Probably some war stories."},
		{"copyleft-and-the-gpl", "Copyleft and the GPL: Finding the Path Forward to Defend our Software Right to Repair", "Ballroom G", "General", []string{"Bradley Kuhn"}, at(9, 11, 45), at(9, 12, 45), schedule.KindTalk, schedule.Must, "first talk after the DST change: check the phone's clock", "Have ever wondered how FOSS was actually was supposed stay FOSS for the long term?"},
		{"darktable-fundamentals", "darktable: the fundamentals, advanced techniques, and discussion", "Room 209", "LibreGraphics", []string{"Mica Semrick"}, at(9, 13, 30), at(9, 15, 0), schedule.KindWorkshop, schedule.Want, "bring laptop\nand RAW files", "We'll cover the basics in darktable for new users: importing files, filtering, tagging and management."},
	}
	c := calendarCase{
		name: "scale-22x-picks",
		cal:  Calendar{Name: "SCALE 22x", TimeZone: "America/Los_Angeles"},
		opt:  ICSOptions{Alarm: 10 * time.Minute, Now: fixtureNow},
	}
	for _, p := range picks {
		c.cal.Events = append(c.cal.Events, Event{
			Session: schedule.Session{
				ID: p.id, Source: "SCALE 22x", Title: p.title, Kind: p.kind, Type: p.topic,
				Start: p.start, End: p.end, Room: p.room, Track: p.topic, Speakers: p.speakers,
				Abstract: p.abstract, URL: "https://www.socallinuxexpo.org/scale/22x/presentations/" + p.id,
			},
			Priority: p.prio,
			Note:     p.note,
		})
		c.want = append(c.want, wantEvent{p.start, p.end, p.title})
	}
	// An unscheduled pick (SCALE publishes some talks without a time) is
	// not an event.
	c.cal.Events = append(c.cal.Events, Event{Session: schedule.Session{ID: "tba", Source: "SCALE 22x", Title: "To be announced"}, Priority: schedule.Want})
	return c
}

// hostileCase is a program written to break calendar files: titles, rooms,
// URLs, speakers, tracks and notes with CRLF followed by BEGIN:VEVENT,
// , ; \ and other characters iCalendar escapes, control characters,
// invalid UTF-8, emoji, and 300-character titles with and without spaces.
// Every session must come out as exactly one event with the summary given.
func hostileCase(t testing.TB) calendarCase {
	bru := mustZone(t, "Europe/Brussels")
	at := func(hour, min int) time.Time { return time.Date(2026, time.February, 1, hour, min, 0, 0, bru) }
	long := strings.Repeat("Ünïcödé✓ ", 33) + "end"
	if n := len([]rune(long)); n != 300 {
		t.Fatalf("long title has %d characters", n)
	}
	dense := strings.Repeat("日本語🎉", 75)
	cases := []struct {
		title, room, url, want string
	}{
		{"Evil\r\nBEGIN:VEVENT\r\nUID:evil@example.org\r\nSUMMARY:pwned\r\nEND:VEVENT", "Room 1\r\nBEGIN:VEVENT\r\nSUMMARY:room", "https://example.org/a\r\nBEGIN:VEVENT\r\nSUMMARY:url\r\n",
			"Evil BEGIN:VEVENT UID:evil@example.org SUMMARY:pwned END:VEVENT"},
		{`Commas, semicolons; back\slash \ "quotes" and: colons`, `H.1302 (Depage); DROP, TABLE\`, "https://example.org/ok?a=1&b=2;c,d",
			`Commas, semicolons; back\slash \ "quotes" and: colons`},
		{"🎉 Launch party 🦀 for 👩‍💻 devs 🇧🇪", "Salle ⚡,;\\", "https://example.org/ünïcödé/🎉",
			"🎉 Launch party 🦀 for 👩‍💻 devs 🇧🇪"},
		{long, "K.3.401", "javascript:alert(1)", long},
		{dense, "日本語ルーム", "https://example.org/with space", dense},
		{"Tab\there\x00nul\x07bell\x1b[31mred\x7fdel\u0085nel\u2028ls end", "Room\tTab", "https://example.org/\x00nul",
			"Tab herenulbell[31mreddel nel ls end"},
		{"first\rsecond\nthird\r\n\r\nfourth", "\r\n", "ftp://example.org/file",
			"first second third  fourth"},
		{"bad \xff\xfe bytes", "bad \xff room", "https://exa\xffmple.org/",
			"bad \uFFFD bytes"},
		{"\r\n  Leading and trailing breaks  \r\n", "  ", "  https://example.org/trimmed  ",
			"Leading and trailing breaks"},
		{"END:VCALENDAR", "END:VCALENDAR", "https://example.org/END:VCALENDAR",
			"END:VCALENDAR"},
		{`ends with a backslash \`, "Room 2", "https://example.org/%0D%0ABEGIN:VEVENT",
			`ends with a backslash \`},
		// the same title, time and room as the one before: still its own event
		{`ends with a backslash \`, "Room 2", "", `ends with a backslash \`},
	}
	c := calendarCase{
		name: "hostile",
		cal:  Calendar{Name: "Hostile\r\nBEGIN:VEVENT\r\nX-WR-CALNAME:pwned, ;\\", TimeZone: "Europe/Brussels"},
		opt:  ICSOptions{Alarm: 5 * time.Minute, Now: fixtureNow},
	}
	for i, h := range cases {
		start := at(9+i/2, 30*(i%2))
		end := start.Add(25 * time.Minute)
		c.cal.Events = append(c.cal.Events, Event{
			Session: schedule.Session{
				ID: "h" + string(rune('a'+i)), GUID: "guid\r\nBEGIN:VEVENT-" + string(rune('a'+i)), Source: "hostile\r\n",
				Title: h.title, Subtitle: "sub\r\ntitle;,", Kind: schedule.KindTalk, Type: "talk\r\n",
				Start: start, End: end, Room: h.room, Track: "Track\r\nX-EVIL:1;,\\",
				Speakers: []string{"Ada\r\nBEGIN:VEVENT", "Grace; Hopper, RADM", ""},
				Abstract: "<p>abstract</p>\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:19700101T000000Z\x00\x1b",
				URL:      h.url, Rev: i,
			},
			Priority:  schedule.Priority("must\r\nBEGIN:VALARM"),
			Note:      "note\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:x",
			Cancelled: i == 3,
		})
		c.want = append(c.want, wantEvent{start, end, h.want})
	}
	return c
}

// backslashCase holds titles where a backslash is followed by n, N,
// another backslash, a comma or a semicolon. WriteICS escapes them as RFC
// 5545 says (`C:\\new`, `\\\,`), and libical, ical.js, vobject and
// calcurse read them back exactly; python-icalendar 4.0.3 (and khal, which
// uses it) unescapes with a chain of string replacements and shows
// "C:<newline>ew", drops the backslash before , and ; and halves a double
// one. No escaping avoids that short of changing the title, so those two
// clients are skipped for this calendar only; the hostile case keeps
// backslashes followed by other characters, which every client reads.
func backslashCase(t testing.TB) calendarCase {
	bru := mustZone(t, "Europe/Brussels")
	c := calendarCase{
		name: "backslashes",
		cal:  Calendar{Name: "FOSDEM 2026", TimeZone: "Europe/Brussels"},
		opt:  ICSOptions{Now: fixtureNow},
		skip: []string{"khal", "icalendar"},
	}
	for i, title := range []string{`C:\new\Notes \N`, `escaped \, comma and \; semicolon`, `double \\ and trailing \`} {
		start := time.Date(2026, 1, 31, 11+i, 0, 0, 0, bru)
		c.cal.Events = append(c.cal.Events, Event{Session: schedule.Session{ID: "b" + string(rune('a'+i)), Source: "FOSDEM 2026", Title: title, Start: start, End: start.Add(time.Hour)}})
		c.want = append(c.want, wantEvent{start, start.Add(time.Hour), title})
	}
	return c
}

// zonesCase is FOSDEM-like sessions in Europe/Brussels, including both of
// 2026's clock changes, and two in Australia/Adelaide (+10:30 and +09:30,
// either side of the end of its daylight saving time), plus sessions whose
// times carry no tz database zone and so are written in the calendar's.
func zonesCase(t testing.TB) calendarCase {
	bru := mustZone(t, "Europe/Brussels")
	adl := mustZone(t, "Australia/Adelaide")
	s := func(id, title, room string, start, end time.Time) Event {
		return Event{Session: schedule.Session{ID: id, GUID: "0e1f2a3b-4c5d-6e7f-8091-" + id, Source: "FOSDEM 2026", Title: title, Kind: schedule.KindTalk, Track: "Main Track", Room: room, Start: start, End: end, URL: "https://fosdem.org/2026/schedule/event/" + id + "/"}, Priority: schedule.Want}
	}
	c := calendarCase{
		name: "zones",
		cal:  Calendar{Name: "FOSDEM 2026", TimeZone: "Europe/Brussels"},
		opt:  ICSOptions{Now: fixtureNow},
	}
	c.cal.Events = []Event{
		s("000000000001", "Welcome to FOSDEM 2026", "Janson", time.Date(2026, 1, 31, 9, 30, 0, 0, bru), time.Date(2026, 1, 31, 9, 55, 0, 0, bru)),
		s("000000000002", "Closing FOSDEM 2026", "Janson", time.Date(2026, 2, 1, 17, 0, 0, 0, bru), time.Date(2026, 2, 1, 17, 15, 0, 0, bru)),
		// 01:30 CET to 03:30 CEST: one real hour across the spring gap
		s("000000000003", "Night shift across the spring change", "K.1.105 (La Fontaine)", time.Date(2026, 3, 29, 1, 30, 0, 0, bru), time.Date(2026, 3, 29, 3, 30, 0, 0, bru)),
		// 02:30 CEST happens twice on 25 October: written in UTC
		s("000000000004", "Night shift across the autumn change", "UD2.218A", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC)),
		s("000000000005", "Adelaide morning, still daylight time", "Adelaide Room", time.Date(2026, 4, 4, 10, 0, 0, 0, adl), time.Date(2026, 4, 4, 11, 0, 0, 0, adl)),
		s("000000000006", "Adelaide morning, standard time", "Adelaide Room", time.Date(2026, 4, 5, 10, 0, 0, 0, adl), time.Date(2026, 4, 5, 11, 0, 0, 0, adl)),
		s("000000000007", "A session given in UTC", "H.2215 (Ferrer)", time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 13, 0, 0, 0, time.UTC)),
		s("000000000008", "A session at a fixed +05:30", "H.1308 (Rolin)", time.Date(2026, 2, 1, 18, 0, 0, 0, time.FixedZone("+0530", 19800)), time.Date(2026, 2, 1, 18, 30, 0, 0, time.FixedZone("+0530", 19800))),
	}
	for _, e := range c.cal.Events {
		c.want = append(c.want, wantEvent{e.Start, e.End, e.Title})
	}
	return c
}

// worldCase has one event in each of several zones with odd offsets or
// rules, either side of their clock changes where they have any, so that
// the clients that trust the file's VTIMEZONE (libical, ical.js, vobject)
// are tested on +05:45, -03:30, +12:45/+13:45, a half-hour daylight
// saving time, a zone with no change since 1945 and one with none at all.
func worldCase(t testing.TB) calendarCase {
	c := calendarCase{
		name: "world",
		cal:  Calendar{Name: "Around the world", TimeZone: "Asia/Kathmandu"},
		opt:  ICSOptions{Now: fixtureNow},
	}
	for i, z := range []struct {
		zone     string
		y, m, d  int
		hour, mi int
	}{
		{"Asia/Kathmandu", 2026, 3, 1, 9, 15},
		{"Asia/Kolkata", 2026, 3, 1, 10, 0},
		{"America/St_Johns", 2026, 3, 7, 10, 0},   // -03:30
		{"America/St_Johns", 2026, 3, 9, 10, 0},   // -02:30
		{"Australia/Lord_Howe", 2026, 4, 4, 9, 0}, // +11:00
		{"Australia/Lord_Howe", 2026, 4, 6, 9, 0}, // +10:30
		{"Pacific/Chatham", 2026, 4, 4, 9, 0},     // +13:45
		{"Pacific/Chatham", 2026, 4, 6, 9, 0},     // +12:45
		{"Etc/GMT+5", 2026, 3, 1, 8, 0},           // -05:00, no transitions
	} {
		loc := mustZone(t, z.zone)
		start := time.Date(z.y, time.Month(z.m), z.d, z.hour, z.mi, 0, 0, loc)
		title := fmt.Sprintf("%s %s", z.zone, start.Format("Mon 2 Jan 15:04 -07:00"))
		c.cal.Events = append(c.cal.Events, Event{Session: schedule.Session{ID: fmt.Sprint(i), Source: "world", Title: title, Start: start, End: start.Add(45 * time.Minute)}})
		c.want = append(c.want, wantEvent{start, start.Add(45 * time.Minute), title})
	}
	return c
}

// utcCase is a calendar with no zone: every time in UTC, no VTIMEZONE.
func utcCase(t testing.TB) calendarCase {
	c := zonesCase(t)
	c.name = "utc"
	c.cal.TimeZone = ""
	c.cal.Events = c.cal.Events[:2]
	for i := range c.cal.Events {
		c.cal.Events[i].Start = c.cal.Events[i].Start.UTC()
		c.cal.Events[i].End = c.cal.Events[i].End.UTC()
	}
	c.want = c.want[:2]
	return c
}

// fosdemCase is the whole FOSDEM 2026 program, as `plan export --ics --all`
// writes it.
func fosdemCase(t testing.TB) calendarCase {
	data, err := os.ReadFile("../testdata/programs/fosdem-2026-pentabarf.xml")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := importer.Parse(data, "", importer.Options{Name: "fosdem-2026-pentabarf.xml"})
	if err != nil {
		t.Fatal(err)
	}
	c := calendarCase{
		name: "fosdem-2026-all",
		cal:  Calendar{Name: feed.Conference, TimeZone: feed.TimeZone},
		opt:  ICSOptions{Now: fixtureNow},
	}
	for _, s := range feed.Sessions {
		s.Source = feed.Conference
		c.cal.Events = append(c.cal.Events, Event{Session: *s})
		if s.Scheduled() {
			c.want = append(c.want, wantEvent{s.Start, s.End, s.Title})
		}
	}
	return c
}

// linksCase is the Saturday morning of FOSDEM 2019 in the Janson hall,
// as its schedule gives it after the event: each talk with its two
// video recordings and its feedback form (and no page: that schedule
// has no <url>), the description listing them. One more event carries
// links a hand-edited program file could hold: line breaks and a
// calendar's own words in a title and an address.
func linksCase(t testing.TB) calendarCase {
	data, err := os.ReadFile("../testdata/programs/fosdem-2019.xml")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := importer.Parse(data, "", importer.Options{Name: "fosdem-2019.xml"})
	if err != nil {
		t.Fatal(err)
	}
	c := calendarCase{
		name: "links",
		cal:  Calendar{Name: feed.Conference, TimeZone: feed.TimeZone},
		opt:  ICSOptions{Now: fixtureNow},
	}
	for _, s := range feed.Sessions {
		if s.Room != "Janson" || s.Start.Day() != 2 || s.Start.Hour() >= 13 {
			continue
		}
		s.Source = feed.Conference
		c.cal.Events = append(c.cal.Events, Event{Session: *s})
		c.want = append(c.want, wantEvent{s.Start, s.End, s.Title})
	}
	if len(c.want) < 4 {
		t.Fatalf("%d Saturday morning talks in Janson", len(c.want))
	}
	bru := mustZone(t, "Europe/Brussels")
	start := time.Date(2019, time.February, 2, 13, 0, 0, 0, bru)
	evil := Event{Session: schedule.Session{ID: "evil", Source: feed.Conference, Title: "Links from a hand-edited file", Kind: schedule.KindTalk,
		Start: start, End: start.Add(30 * time.Minute), Room: "Janson",
		Links: []schedule.Link{
			{URL: "https://example.org/v.mp4\r\nBEGIN:VEVENT\r\nSUMMARY:pwned", Title: "Recording", Kind: schedule.LinkVideo},
			{URL: "https://example.org/slides.pdf", Title: "Slides\r\nEND:VEVENT\r\nEND:VCALENDAR", Kind: schedule.LinkOther},
			{URL: "https://example.org/a,b;c\\d", Title: "Commas, semicolons; and \\ backslashes", Kind: schedule.LinkOther},
		}}}
	c.cal.Events = append(c.cal.Events, evil)
	c.want = append(c.want, wantEvent{evil.Start, evil.End, evil.Title})
	return c
}
