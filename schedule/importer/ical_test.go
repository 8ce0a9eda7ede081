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
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

const pyconICS = "../../testdata/programs/pretalx-pyconau-2023-schedule.ics"

func readProgram(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func byID(t *testing.T, feed *Feed, id string) *schedule.Session {
	t.Helper()
	for _, s := range feed.Sessions {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no session %q", id)
	return nil
}

// crlf turns a test calendar written with LF into the CRLF of RFC 5545.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func parseICS(t *testing.T, ics string, opt Options) *Feed {
	t.Helper()
	if opt.Name == "" {
		opt.Name = "test.ics"
	}
	feed, err := Parse([]byte(ics), "", opt)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if feed.Format != "ical" {
		t.Fatalf("detected as %q, want ical", feed.Format)
	}
	return feed
}

func TestICalPyConAU2023(t *testing.T) {
	feed, err := Parse(readProgram(t, pyconICS), "", Options{Name: "pyconau.ics"})
	if err != nil {
		t.Fatal(err)
	}
	if feed.Format != "ical" || feed.TimeZone != "Australia/Adelaide" {
		t.Errorf("format %q zone %q, want ical and Australia/Adelaide", feed.Format, feed.TimeZone)
	}
	if len(feed.Sessions) != 94 {
		t.Fatalf("%d sessions, want 94", len(feed.Sessions))
	}
	days := map[string]int{}
	rooms := map[string]bool{}
	for _, s := range feed.Sessions {
		days[s.Day().String()]++
		rooms[s.Room] = true
		if s.Start.Location().String() != "Australia/Adelaide" {
			t.Errorf("%s: start in %s, want Australia/Adelaide", s.ID, s.Start.Location())
		}
		if strings.HasSuffix(s.Title, " -") || strings.Contains(s.Title, s.SpeakerList()) && len(s.Speakers) > 0 {
			t.Errorf("%s: title %q still carries the speakers", s.ID, s.Title)
		}
	}
	if want := map[string]int{"2023-08-18": 39, "2023-08-19": 29, "2023-08-20": 26}; !reflect.DeepEqual(days, want) {
		t.Errorf("sessions per day %v, want %v", days, want)
	}
	if len(rooms) != 4 {
		t.Errorf("%d rooms, want 4: %v", len(rooms), rooms)
	}

	// The first session of the day: 09:00 in Adelaide is +09:30, whatever
	// the file's VTIMEZONE claims (+10:00).
	open := feed.Sessions[0]
	if open.ID != "EJWEMK" {
		t.Fatalf("first session %q, want EJWEMK", open.ID)
	}
	tests := []struct {
		id, start, end, room, title string
		speakers                    []string
	}{
		{"EJWEMK", "2023-08-18T09:00:00+09:30", "2023-08-18T09:20:00+09:30", "Hall C (Plenary)",
			"Specialist Tracks Combined Opening Address",
			[]string{"Pedro Junqueira", "Jack Skinner", "Nicky Ringland", "Katie McLaughlin", "Lilly Ryan"}},
		{"BX9VRB", "2023-08-18T11:00:00+09:30", "2023-08-18T11:30:00+09:30", "Hall B",
			"Zero or Hero? - Assessing Pygame Zero in the classroom", []string{"Amanda J Hogan"}},
		{"A98JNT", "2023-08-20T13:30:00+09:30", "2023-08-20T15:20:00+09:30", "Hall E", "PyCon Fair", nil},
		{"A7CTJB", "2023-08-20T16:50:00+09:30", "2023-08-20T17:00:00+09:30", "Hall C (Plenary)",
			"Closing Address (Sunday)", []string{"Daisy Leigh Brenecki", "Lilly Ryan"}},
	}
	for _, tt := range tests {
		s := byID(t, feed, tt.id)
		if got := s.Start.Format(time.RFC3339); got != tt.start {
			t.Errorf("%s start %s, want %s", tt.id, got, tt.start)
		}
		if got := s.End.Format(time.RFC3339); got != tt.end {
			t.Errorf("%s end %s, want %s", tt.id, got, tt.end)
		}
		if s.Room != tt.room || s.Title != tt.title || !reflect.DeepEqual(s.Speakers, tt.speakers) {
			t.Errorf("%s: room %q title %q speakers %q; want %q %q %q", tt.id, s.Room, s.Title, s.Speakers, tt.room, tt.title, tt.speakers)
		}
		if s.GUID != "pretalx-pyconau-2023-"+tt.id+"@pretalx.com" || s.URL != "https://pretalx.com/pyconau-2023/talk/"+tt.id+"/" {
			t.Errorf("%s: guid %q url %q", tt.id, s.GUID, s.URL)
		}
	}
	if !open.Start.Equal(time.Date(2023, 8, 17, 23, 30, 0, 0, time.UTC)) {
		t.Errorf("opening at %s UTC, want 2023-08-17T23:30Z", open.Start.UTC())
	}
	// Escaped commas and semicolons in a folded DESCRIPTION.
	if a := byID(t, feed, "ZDDVWK").Abstract; !strings.HasPrefix(a, "Your team has gathered to fight bias, your tool, AI.") || !strings.Contains(a, "slay the Beasts of Bias; racism, sexism and queerphobia?") {
		t.Errorf("ZDDVWK abstract %q", a)
	}

	// --tz shows the same instants in another zone.
	utc, err := Parse(readProgram(t, pyconICS), "ical", Options{Name: "pyconau.ics", Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if got := utc.Sessions[0].Start.Format(time.RFC3339); got != "2023-08-17T23:30:00Z" {
		t.Errorf("with --tz UTC the opening is at %s", got)
	}
}

func TestICalTimeZones(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	const head = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n"
	event := func(lines ...string) string {
		return "BEGIN:VEVENT\nUID:e1\nSUMMARY:Talk\n" + strings.Join(lines, "\n") + "\nEND:VEVENT\n"
	}
	tests := []struct {
		name       string
		ics        string
		loc        *time.Location
		start, end string // RFC 3339, with the offset the session shows
		zone       string // Feed.TimeZone
	}{
		{"TZID without a VTIMEZONE", head + event("DTSTART;TZID=Europe/Brussels:20260131T103000", "DTEND;TZID=Europe/Brussels:20260131T111500") + "END:VCALENDAR\n",
			nil, "2026-01-31T10:30:00+01:00", "2026-01-31T11:15:00+01:00", ""},
		{"TZID start, UTC end, no calendar zone", head + event("DTSTART;TZID=Europe/Brussels:20260131T103000", "DTEND:20260131T101500Z") + "END:VCALENDAR\n",
			nil, "2026-01-31T10:30:00+01:00", "2026-01-31T11:15:00+01:00", ""},
		{"UTC times, no zone anywhere", head + event("DTSTART:20260131T093000Z", "DTEND:20260131T101500Z") + "END:VCALENDAR\n",
			nil, "2026-01-31T09:30:00Z", "2026-01-31T10:15:00Z", ""},
		{"UTC times shown in X-WR-TIMEZONE", head + "X-WR-TIMEZONE:Europe/Brussels\n" + event("DTSTART:20260131T093000Z", "DTEND:20260131T101500Z") + "END:VCALENDAR\n",
			nil, "2026-01-31T10:30:00+01:00", "2026-01-31T11:15:00+01:00", "Europe/Brussels"},
		{"floating in X-WR-TIMEZONE", head + "X-WR-TIMEZONE:America/New_York\n" + event("DTSTART:20260328T080000", "DURATION:PT1H") + "END:VCALENDAR\n",
			nil, "2026-03-28T08:00:00-04:00", "2026-03-28T09:00:00-04:00", "America/New_York"},
		{"floating in --tz", head + event("DTSTART:20260328T080000", "DTEND:20260328T083000") + "END:VCALENDAR\n",
			la, "2026-03-28T08:00:00-07:00", "2026-03-28T08:30:00-07:00", ""},
		{"--tz wins over X-WR-TIMEZONE", head + "X-WR-TIMEZONE:America/New_York\n" + event("DTSTART:20260328T080000", "DTEND:20260328T083000") + "END:VCALENDAR\n",
			la, "2026-03-28T08:00:00-07:00", "2026-03-28T08:30:00-07:00", "America/New_York"},
		{"floating in the first VTIMEZONE", head + "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\nEND:VTIMEZONE\n" + event("DTSTART:20260701T090000", "DTEND:20260701T100000") + "END:VCALENDAR\n",
			nil, "2026-07-01T09:00:00+02:00", "2026-07-01T10:00:00+02:00", "Europe/Berlin"},
		{"Mozilla TZID", head + event("DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260701T090000", "DTEND;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260701T100000") + "END:VCALENDAR\n",
			nil, "2026-07-01T09:00:00+02:00", "2026-07-01T10:00:00+02:00", ""},
		{"Windows TZID", head + event("DTSTART;TZID=W. Europe Standard Time:20260701T090000", `DTEND;TZID="Pacific Standard Time":20260701T010000`) + "END:VCALENDAR\n",
			nil, "2026-07-01T09:00:00+02:00", "2026-07-01T10:00:00+02:00", ""}, // 01:00 PDT
		{"quoted TZID", head + event(`DTSTART;TZID="America/New_York":20260328T080000`, `DTEND;TZID="America/New_York":20260328T090000`) + "END:VCALENDAR\n",
			nil, "2026-03-28T08:00:00-04:00", "2026-03-28T09:00:00-04:00", ""},
		// 2026-03-08 02:00 PST the clocks in Los Angeles jump to 03:00 PDT:
		// 01:30 to 03:30 on the wall is one hour.
		{"across the US DST change", head + "X-WR-TIMEZONE:America/Los_Angeles\n" + event("DTSTART;TZID=America/Los_Angeles:20260308T013000", "DTEND;TZID=America/Los_Angeles:20260308T033000") + "END:VCALENDAR\n",
			nil, "2026-03-08T01:30:00-08:00", "2026-03-08T03:30:00-07:00", "America/Los_Angeles"},
		{"a time in the DST gap takes the offset before it", head + event("DTSTART;TZID=America/Los_Angeles:20260308T013000", "DTEND;TZID=America/Los_Angeles:20260308T023000") + "END:VCALENDAR\n",
			nil, "2026-03-08T01:30:00-08:00", "2026-03-08T03:30:00-07:00", ""},
		{"an ambiguous time is the first one", head + event("DTSTART;TZID=America/Los_Angeles:20261101T013000", "DURATION:PT1H") + "END:VCALENDAR\n",
			nil, "2026-11-01T01:30:00-07:00", "2026-11-01T01:30:00-08:00", ""},
		{"exact DURATION across DST", head + event("DTSTART;TZID=America/Los_Angeles:20260307T230000", "DURATION:PT4H") + "END:VCALENDAR\n",
			nil, "2026-03-07T23:00:00-08:00", "2026-03-08T04:00:00-07:00", ""},
		{"nominal day DURATION across DST", head + event("DTSTART;TZID=America/Los_Angeles:20260307T100000", "DURATION:P1DT30M") + "END:VCALENDAR\n",
			nil, "2026-03-07T10:00:00-08:00", "2026-03-08T10:30:00-07:00", ""},
		{"all-day event", head + "X-WR-TIMEZONE:America/Los_Angeles\n" + event("DTSTART;VALUE=DATE:20260307", "DTEND;VALUE=DATE:20260309") + "END:VCALENDAR\n",
			nil, "2026-03-07T00:00:00-08:00", "2026-03-09T00:00:00-07:00", "America/Los_Angeles"},
		{"all-day event without DTEND", head + event("DTSTART;VALUE=DATE:20260308") + "END:VCALENDAR\n",
			la, "2026-03-08T00:00:00-08:00", "2026-03-09T00:00:00-07:00", ""},
		{"no DTEND or DURATION", head + event("DTSTART:20260308T170000Z") + "END:VCALENDAR\n",
			nil, "2026-03-08T17:00:00Z", "2026-03-08T17:00:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed := parseICS(t, tt.ics, Options{Location: tt.loc})
			s := feed.Sessions[0]
			if got := s.Start.Format(time.RFC3339); got != tt.start {
				t.Errorf("start %s, want %s", got, tt.start)
			}
			if got := s.End.Format(time.RFC3339); got != tt.end {
				t.Errorf("end %s, want %s", got, tt.end)
			}
			if feed.TimeZone != tt.zone {
				t.Errorf("feed zone %q, want %q", feed.TimeZone, tt.zone)
			}
		})
	}
}

// fold75 folds a content line as RFC 5545 asks and as our exporter does:
// at most 75 octets a line, never inside a UTF-8 character.
func fold75(line string) string {
	var b strings.Builder
	n := 0
	for _, r := range line {
		size := utf8.RuneLen(r)
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	return b.String() + "\r\n"
}

func TestICalText(t *testing.T) {
	// Folds that cut "é" (C3 A9) and "—" (E2 80 94) in two and split the
	// escape "\;"; LF line ends; a tab-started continuation.
	cut := []string{"SUMMARY:Caf\xc3", "\xa9 \xe2\x80", "\x94 talk\\, with\\", "; escapes\\\\ and a\\nbreak"}
	for _, c := range cut[:2] {
		if utf8.ValidString(c) {
			t.Fatalf("the test should cut a UTF-8 character: %q", c)
		}
	}
	folded := strings.Join(cut, "\n ")
	ics := "BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-CALNAME:Tiny\\, Conf\n" +
		"BEGIN:VEVENT\nUID:text-1\n" + folded + "\n" +
		"DESCRIPTION:Line one\\nLine two\\, with a comma\\;\n\tand a semicolon.\\NThree: C:\\\\path\n" +
		"LOCATION:Room 1\\, Floor 2\n" +
		"CATEGORIES:Workshop,Web\\, Mobile\n" +
		"CATEGORIES:extra\n" +
		"URL;VALUE=URI:https://example.org/talk?a=1&b=2\n" +
		"DTSTART:20260307T170000Z\nDTEND:20260307T180000Z\n" +
		"STATUS:CANCELLED\n" +
		"END:VEVENT\nEND:VCALENDAR\n"
	feed := parseICS(t, ics, Options{})
	s := feed.Sessions[0]
	if feed.Conference != "Tiny, Conf" {
		t.Errorf("conference %q", feed.Conference)
	}
	// A title is one line: the escaped newline becomes a space.
	if want := `Café — talk, with; escapes\ and a break`; s.Title != want {
		t.Errorf("title %q, want %q", s.Title, want)
	}
	if want := "Line one\nLine two, with a comma;and a semicolon.\nThree: C:\\path"; s.Abstract != want {
		t.Errorf("abstract %q, want %q", s.Abstract, want)
	}
	if s.Room != "Room 1, Floor 2" || s.Track != "Web, Mobile" || s.Kind != schedule.KindWorkshop || s.Type != "Workshop" || !reflect.DeepEqual(s.Tags, []string{"extra"}) {
		t.Errorf("room %q track %q kind %q type %q tags %q", s.Room, s.Track, s.Kind, s.Type, s.Tags)
	}
	if s.URL != "https://example.org/talk?a=1&b=2" || !s.Cancelled || s.ID != "text-1" || s.GUID != "text-1" {
		t.Errorf("url %q cancelled %v id %q guid %q", s.URL, s.Cancelled, s.ID, s.GUID)
	}
}

// TestICalOwnExport reads a calendar shaped like plan's `export --ics`:
// CRLF, folded at 75 octets, TZID with a generated VTIMEZONE, UID,
// CATEGORIES with kind and track, SEQUENCE, STATUS:CANCELLED.
func TestICalOwnExport(t *testing.T) {
	long := "Rust’s async, explained; with \\ backslashes, emoji 🦀 and a title well over seventy-five octets long"
	esc := strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\n", `\n`).Replace
	lines := []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//plan-cli//plan//EN", "CALSCALE:GREGORIAN",
		"X-WR-CALNAME:SCALE 22x", "X-WR-TIMEZONE:America/Los_Angeles",
		"BEGIN:VTIMEZONE", "TZID:America/Los_Angeles",
		"BEGIN:STANDARD", "DTSTART:20241103T020000", "TZOFFSETFROM:-0700", "TZOFFSETTO:-0800", "TZNAME:PST", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:20250309T020000", "TZOFFSETFROM:-0800", "TZOFFSETTO:-0700", "TZNAME:PDT", "END:DAYLIGHT",
		"END:VTIMEZONE",
		"BEGIN:VEVENT", "UID:scale-22x-talk-1234@plan", "DTSTAMP:20250101T000000Z", "SEQUENCE:2",
		"DTSTART;TZID=America/Los_Angeles:20250309T103000", "DTEND;TZID=America/Los_Angeles:20250309T113000",
		"SUMMARY:" + esc(long), "LOCATION:Ballroom DE", "CATEGORIES:talk,Rust",
		"DESCRIPTION:" + esc("Speakers: Ann Example, Bo Sample\n\nAbout async.\n\nhttps://www.socallinuxexpo.org/scale/22x/presentations/rust"),
		"URL:https://www.socallinuxexpo.org/scale/22x/presentations/rust", "END:VEVENT",
		"BEGIN:VEVENT", "UID:scale-22x-bof-7@plan", "DTSTAMP:20250101T000000Z", "SEQUENCE:0",
		"DTSTART;TZID=America/Los_Angeles:20250308T190000", "DTEND;TZID=America/Los_Angeles:20250308T200000",
		"SUMMARY:BoF: Ham radio", "LOCATION:Room 101", "CATEGORIES:bof,Ham Radio", "STATUS:CANCELLED", "END:VEVENT",
		"END:VCALENDAR",
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(fold75(l))
	}
	if !strings.Contains(b.String(), "\r\n ") {
		t.Fatal("the test calendar should have folded lines")
	}
	feed := parseICS(t, b.String(), Options{})
	if feed.Conference != "SCALE 22x" || feed.TimeZone != "America/Los_Angeles" || len(feed.Sessions) != 2 {
		t.Fatalf("conference %q zone %q %d sessions", feed.Conference, feed.TimeZone, len(feed.Sessions))
	}
	bof, talk := feed.Sessions[0], feed.Sessions[1]
	if talk.ID != "scale-22x-talk-1234" || talk.Title != long || talk.Room != "Ballroom DE" ||
		talk.Kind != schedule.KindTalk || talk.Track != "Rust" || talk.Cancelled ||
		talk.Start.Format(time.RFC3339) != "2025-03-09T10:30:00-07:00" || talk.End.Format(time.RFC3339) != "2025-03-09T11:30:00-07:00" ||
		talk.URL != "https://www.socallinuxexpo.org/scale/22x/presentations/rust" ||
		!strings.HasPrefix(talk.Abstract, "Speakers: Ann Example, Bo Sample\n\nAbout async.") {
		t.Errorf("talk: %+v", *talk)
	}
	if bof.ID != "scale-22x-bof-7" || bof.Title != "BoF: Ham radio" || bof.Kind != schedule.KindBoF || bof.Track != "Ham Radio" ||
		!bof.Cancelled || bof.Start.Format(time.RFC3339) != "2025-03-08T19:00:00-08:00" {
		t.Errorf("bof: %+v", *bof)
	}
}

func TestICalIDs(t *testing.T) {
	tests := []struct{ uid, id string }{
		{"pretalx-pyconau-2023-EJWEMK@pretalx.com", "EJWEMK"},
		{"pretalx-pyconau-2023-EJWEMK-1@pretalx.com", "EJWEMK-1"},
		{"pretalx-38c3-ABC9XZ@cfp.cccv.de", "ABC9XZ"},
		{"talk-42@example.org", "talk-42"},
		{"a@b@example.org", "a@b@example.org"},
		{"1234", "1234"},
		{"indico-contribution-123456@indico.cern.ch.example", "indico-contribution-123456"},
		{"040000008200E00074C5B7101A82E00800000000D0A4B1B3E8F9DA0100000000000000001000000067A9", hashID("ics-", "040000008200E00074C5B7101A82E00800000000D0A4B1B3E8F9DA0100000000000000001000000067A9")},
		{"a uid with spaces", hashID("ics-", "a uid with spaces")},
	}
	for _, tt := range tests {
		if got := icsID(tt.uid); got != tt.id {
			t.Errorf("icsID(%q) = %q, want %q", tt.uid, got, tt.id)
		}
	}
	// Same local part, different domains: the later event is hashed.
	ev := func(uid, start string) string {
		return "BEGIN:VEVENT\nUID:" + uid + "\nSUMMARY:T\nDTSTART:" + start + "\nEND:VEVENT\n"
	}
	feed := parseICS(t, "BEGIN:VCALENDAR\n"+ev("1@a.example", "20260101T100000Z")+ev("1@b.example", "20260101T110000Z")+"END:VCALENDAR\n", Options{})
	if feed.Sessions[0].ID != "1" || feed.Sessions[1].ID != hashID("ics-", "1@b.example") || feed.Sessions[1].GUID != "1@b.example" {
		t.Errorf("ids %q, %q", feed.Sessions[0].ID, feed.Sessions[1].ID)
	}
	if id := hashID("ics-", "x"); len(id) != 14 || id != hashID("ics-", "x") || id == hashID("ics-", "y") {
		t.Errorf("hashID is not short and stable: %q", id)
	}
}

func TestICalBroken(t *testing.T) {
	pycon := string(readProgram(t, pyconICS))
	cut := pycon[:strings.Index(pycon, "UID:pretalx-pyconau-2023-ZDDVWK")]
	lines := strings.Count(cut, "\n")
	ev := func(body string) string {
		return "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nSUMMARY:Talk\n" + body + "END:VEVENT\nEND:VCALENDAR\n"
	}
	tests := []struct {
		name, data, format string
		line               int
		msg                string
	}{
		{"truncated", cut, "", lines, "truncated (no END:VCALENDAR)"},
		{"no END:VCALENDAR", strings.TrimSuffix(strings.TrimRight(pycon, "\r\n"), "END:VCALENDAR"), "", strings.Count(pycon, "\n") - 1, "no END:VCALENDAR"},
		{"no DTSTART", ev("DTEND:20260101T100000Z\n"), "", 3, "no DTSTART"},
		{"no SUMMARY", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260101T100000Z\nEND:VEVENT\nEND:VCALENDAR\n", "", 2, `no title: imported as "(untitled)"`},
		{"31 February", ev("DTSTART:20260231T100000Z\n"), "", 6, `bad DTSTART "20260231T100000Z"`},
		{"hour 25", ev("DTSTART;TZID=Europe/Berlin:20260201T250000\n"), "", 6, "not HHMMSS"},
		{"ISO date", ev("DTSTART:2026-02-01T10:00:00Z\n"), "", 6, "want a date-time such as 20260307T100000"},
		{"bad date", ev("DTSTART;VALUE=DATE:2026021\n"), "", 6, "want YYYYMMDD"},
		{"bad DURATION", ev("DTSTART:20260201T100000Z\nDURATION:1 hour\n"), "", 7, "bad DURATION"},
		{"negative DURATION", ev("DTSTART:20260201T100000Z\nDURATION:-PT1H\n"), "", 7, "negative"},
		{"DTEND before DTSTART", ev("DTSTART:20260201T100000Z\nDTEND:20260201T090000Z\n"), "", 7, "before DTSTART"},
		{"unknown TZID", ev("DTSTART;TZID=Mars/Olympus_Mons:20260201T100000\n"), "", 6, `unknown time zone TZID="Mars/Olympus_Mons"`},
		{"Local is not a zone", ev("DTSTART;TZID=Local:20260201T100000\n"), "", 6, "unknown time zone"},
		{"floating without a zone", ev("DTSTART:20260201T100000\n"), "", 6, "give the conference's zone with --tz"},
		{"all-day without a zone", ev("DTSTART;VALUE=DATE:20260201\n"), "", 6, "--tz"},
		{"binary garbage", "\x00\x01\x02\xff\xfe garbage \x89PNG\r\n\x1a\n", "ical", 1, "not UTF-8"},
		{"empty", "", "ical", 0, "empty file"},
		{"UTF-16", "\xff\xfeB\x00E\x00G\x00", "ical", 1, "UTF-16"},
		{"Latin-1", ev("DTSTART:20260201T100000Z\nLOCATION:Salle \xe9t\xe9\n"), "", 7, "not UTF-8"},
		{"not a calendar", "BEGIN:VCARD\nEND:VCARD\n", "ical", 1, "must begin with BEGIN:VCALENDAR"},
		{"END mismatch", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR\n", "", 3, "BEGIN:VEVENT (line 2) is still open"},
		{"no colon", ev("DTSTART:20260201T100000Z\nLOCATION\n"), "", 7, "has no ':'"},
		{"bad parameter", ev("DTSTART;TZID:20260201T100000Z\n"), "", 6, "malformed parameter"},
		{"unterminated quote", ev("DTSTART;TZID=\"Europe/Berlin:20260201T100000\n"), "", 6, "unterminated quote"},
		{"continuation first", " BEGIN:VCALENDAR\n", "ical", 1, "continuation"},
		{"text after the end", ev("DTSTART:20260201T100000Z\n") + "SUMMARY:stray\n", "", 9, "SUMMARY after END:VCALENDAR"},
		{"duplicate UID", "BEGIN:VCALENDAR\n" + strings.Repeat("BEGIN:VEVENT\nUID:same\nSUMMARY:T\nDTSTART:20260201T100000Z\nEND:VEVENT\n", 2) + "END:VCALENDAR\n", "", 7, "the same event as line 2 (same UID, time, title and room): imported once"},
		{"no events", "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "", 0, "no sessions"},
		{"deep nesting", strings.Repeat("BEGIN:VCALENDAR\n", 1) + strings.Repeat("BEGIN:X\n", 40), "", 17, "nested more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse([]byte(tt.data), tt.format, Options{Name: "broken.ics"})
			err = problem(feed, err)
			var ie *schedule.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want *schedule.InputError", err, err)
			}
			if ie.File != "broken.ics" || ie.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %q (line %d), want line %d and %q", err, ie.Line, tt.line, tt.msg)
			}
		})
	}
}

// TestDetectPrograms: every real program is detected as its own format,
// and neither the iCalendar nor the CSV importer claims any other.
func TestDetectPrograms(t *testing.T) {
	files, err := filepath.Glob("../../testdata/programs/*")
	if err != nil || len(files) < 10 {
		t.Fatalf("programs: %v %v", files, err)
	}
	own := map[string]string{
		"pretalx-pyconau-2023-schedule.ics": "ical",
		"pyconuk-2015.ics":                  "ical",
		"31c3-schedule.xml":                 "pentabarf",
		"fosdem-2019.xml":                   "pentabarf",
		"fosdem-2026-pentabarf.xml":         "pentabarf",
		"38c3-frab-hub-schedule.xml":        "pentabarf",
		"pretalx-pyconau-2024-schedule.xml": "pentabarf",
	}
	for _, f := range files {
		data := stripBOM(readProgram(t, f))
		base := filepath.Base(f)
		if (ical{}).Detect(data) != (own[base] == "ical") {
			t.Errorf("ical.Detect(%s) = %v", base, own[base] != "ical")
		}
		if (csvFormat{}).Detect(data) {
			t.Errorf("csv claims %s", base)
		}
		im, err := Detect(data, base)
		if want, ok := own[base]; ok {
			if err != nil || im.Name() != want {
				t.Errorf("%s detected as %v (%v), want %s", base, im, err, want)
			}
		} else if err == nil && (im.Name() == "ical" || im.Name() == "csv") {
			t.Errorf("%s detected as %s", base, im.Name())
		}
	}
	for _, tt := range []struct{ data, want string }{
		{"Title,Start,End,Room\nA,2026-03-07T10:00:00-08:00,2026-03-07T11:00:00-08:00,R\n", "csv"},
		{"\ufeffid;Name;Start;Duration\n", "csv"},
		{"title\tstart\tend\n", "csv"},
		{"  begin:vcalendar\r\n", "ical"},
	} {
		im, err := Detect([]byte(tt.data), "x")
		if err != nil || im.Name() != tt.want {
			t.Errorf("Detect(%q) = %v, %v; want %s", tt.data, im, err, tt.want)
		}
	}
	for _, data := range []string{"name\n", "hello,world\n", "{\"title\":1}", "<title/>", "BEGIN:VCARD\n"} {
		if im, err := Detect([]byte(data), "x"); err == nil {
			t.Errorf("Detect(%q) = %s, want no format", data, im.Name())
		}
	}
}

func BenchmarkICal(b *testing.B) {
	data := readProgram(b, pyconICS)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "ical", Options{Name: "pyconau.ics"}); err != nil {
			b.Fatal(err)
		}
	}
}

// A calendar saved inside an HTML comment (<!-- first line, --> last),
// inside a web page, or after blank lines is found and read, its lines
// counted where they are in the file, with a warning; a page without a
// calendar is still refused.
func TestICalWrapped(t *testing.T) {
	cal := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VEVENT\r\nUID:1@x\r\nDTSTART:20260201T100000\r\nDTEND:20260201T110000\r\nSUMMARY:R&D talk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	for _, tt := range []struct{ name, data, warning string }{
		{"comment", "<!--\r\n" + cal + "-->\r\n", "the calendar is inside an HTML comment: read from its BEGIN:VCALENDAR to its END:VCALENDAR"},
		{"comment on the same lines", "<!-- " + strings.TrimSuffix(cal, "\r\n") + " -->", "inside an HTML comment"},
		{"blank lines", "\n\n\n" + cal + "\n\n", ""},
		{"web page", "<!DOCTYPE html>\n<html><body><pre>\n" + strings.ReplaceAll(cal, "&", "&amp;") + "</pre></body></html>\n", "the calendar is inside a web page"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse([]byte(tt.data), "", Options{Name: "cal.ics"})
			if err != nil {
				t.Fatal(err)
			}
			s := feed.Sessions[0]
			if feed.Format != "ical" || len(feed.Sessions) != 1 || s.Title != "R&D talk" || s.Start.Format(time.RFC3339) != "2026-02-01T10:00:00+01:00" {
				t.Errorf("%s %d %q %s", feed.Format, len(feed.Sessions), s.Title, s.Start)
			}
			if tt.warning != "" && (len(feed.Warnings) != 1 || !strings.Contains(feed.Warnings[0].Msg, tt.warning)) {
				t.Errorf("warnings %v", feed.Warnings)
			}
		})
	}
	// Errors name the file's own lines.
	_, err := Parse([]byte("<!--\n\n"+strings.Replace(cal, "DTSTART:20260201T100000", "DTSTART:2026020", 1)+"-->\n"), "", Options{Name: "cal.ics"})
	if err = problem(nil, err); err == nil || !strings.Contains(err.Error(), "cal.ics:8: ") {
		t.Errorf("error %v, want line 8", err)
	}
	for _, data := range []string{"<!DOCTYPE html><html><body>BEGIN:VCALENDAR is how a calendar starts</body></html>", "<html><p>Subscribe: BEGIN:VCALENDAR</p></html>"} {
		if _, err := Parse([]byte(data), "", Options{Name: "page.html"}); err == nil || !strings.Contains(err.Error(), "a web page (HTML), not a program") {
			t.Errorf("%q: %v", data, err)
		}
	}
}

// A SUMMARY that ends in " - " and the speakers the event names elsewhere
// (ATTENDEE, ORGANIZER, a "Speaker:" line) loses them; any other dash
// in a title stays.
func TestICalSpeakerSuffix(t *testing.T) {
	ev := func(summary, more string) string {
		return "BEGIN:VEVENT\nUID:" + summary + "\nDTSTART:20260201T100000Z\nSUMMARY:" + summary + "\n" + more + "END:VEVENT\n"
	}
	data := "BEGIN:VCALENDAR\nVERSION:2.0\n" +
		ev("Rust in the kernel - Ann Lee", "ATTENDEE;CN=Ann Lee:mailto:ann@example.org\n") +
		ev("Q&A - Ann Lee and Bo Chen", "DESCRIPTION:Speakers: Ann Lee\\, Bo Chen\\n\\nQuestions.\n") +
		ev("Panel - Ann Lee\\, Cy", "ORGANIZER;CN=Ann Lee:mailto:ann@example.org\n") +
		ev("Hacking - the basics", "ATTENDEE;CN=Ann Lee:mailto:ann@example.org\n") +
		ev("Keynote - Ann Lee", "") +
		"END:VCALENDAR\n"
	feed := parseICS(t, data, Options{Name: "x.ics"})
	var got []string
	for _, s := range feed.Sessions {
		got = append(got, s.Title+" | "+strings.Join(s.Speakers, ", "))
	}
	want := []string{"Rust in the kernel | Ann Lee", "Q&A | Ann Lee, Bo Chen", "Panel - Ann Lee, Cy | Ann Lee", "Hacking - the basics | Ann Lee", "Keynote - Ann Lee | "}
	slices.Sort(got)
	slices.Sort(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// A calendar of floating times asks for --tz; a city its LOCATIONs name
// is the example, and this machine's zone otherwise.
func TestICalAskZone(t *testing.T) {
	data := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nSUMMARY:x\nDTSTART:20260201T100000\nLOCATION:Room 101\\, Pasadena Convention Center\nEND:VEVENT\nEND:VCALENDAR\n"
	_, err := Parse([]byte(data), "", Options{Name: "x.ics", MachineZone: "Europe/Paris"})
	if !errors.Is(err, ErrNoZone) || !strings.Contains(err.Error(), `give the conference's zone with --tz ("Room 101, Pasadena Convention Center" names Pasadena: --tz America/Los_Angeles, if the conference is there)`) {
		t.Errorf("%v", err)
	}
	_, err = Parse([]byte(strings.Replace(data, "Pasadena ", "", 1)), "", Options{Name: "x.ics", MachineZone: "Europe/Paris"})
	if !errors.Is(err, ErrNoZone) || !strings.Contains(err.Error(), `(e.g. --tz Europe/Paris, this machine's zone)`) {
		t.Errorf("%v", err)
	}
}
