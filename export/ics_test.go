package export

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func writeICS(t testing.TB, cal Calendar, opt ICSOptions) ([]byte, int) {
	t.Helper()
	var b bytes.Buffer
	n, err := WriteICS(&b, cal, opt)
	if err != nil {
		t.Fatalf("WriteICS: %v", err)
	}
	return b.Bytes(), n
}

// TestWriteICSGolden pins the whole file for each fixture; run
// `go test ./export -update` after a deliberate change and read the diff.
func TestWriteICSGolden(t *testing.T) {
	for _, c := range []calendarCase{scaleCase(t), hostileCase(t), backslashCase(t), zonesCase(t), worldCase(t), utcCase(t), linksCase(t)} {
		t.Run(c.name, func(t *testing.T) {
			got, n := writeICS(t, c.cal, c.opt)
			if n != len(c.want) {
				t.Errorf("wrote %d events, want %d", n, len(c.want))
			}
			path := filepath.Join("testdata", c.name+".ics")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update and read the diff):\n%s", path, firstDiff(got, want))
			}
		})
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + strconv.Quote(gl) + "\n want " + strconv.Quote(wl)
		}
	}
	return ""
}

// TestWriteICSWellFormed checks every fixture line by line and event by
// event, with a parser of our own: CRLF line ends and nothing else that
// ends a line, no control characters, at most 75 octets a line, folds
// between UTF-8 characters, exactly one VEVENT per scheduled session with
// the exact summary and the right instants, and the required properties.
func TestWriteICSWellFormed(t *testing.T) {
	for _, c := range []calendarCase{scaleCase(t), hostileCase(t), backslashCase(t), zonesCase(t), worldCase(t), utcCase(t), linksCase(t), fosdemCase(t)} {
		t.Run(c.name, func(t *testing.T) {
			data, n := writeICS(t, c.cal, c.opt)
			checkLines(t, data)
			cal := parseICS(t, data)
			if n != len(c.want) || len(cal.events) != len(c.want) {
				t.Fatalf("WriteICS says %d events, file has %d, want %d", n, len(cal.events), len(c.want))
			}
			if v := cal.props["PRODID"]; len(v) != 1 || v[0].value != ProductID {
				t.Errorf("PRODID = %v", v)
			}
			if v := cal.props["VERSION"]; len(v) != 1 || v[0].value != "2.0" {
				t.Errorf("VERSION = %v", v)
			}
			want := slices.Clone(c.want)
			got := make([]wantEvent, len(cal.events))
			uids := map[string]bool{}
			for i, ev := range cal.events {
				for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"} {
					if len(ev[p]) != 1 {
						t.Errorf("event %d has %d %s", i, len(ev[p]), p)
					}
				}
				uid := ev.one("UID")
				if uids[uid] {
					t.Errorf("UID %s twice", uid)
				}
				uids[uid] = true
				if ds := ev.one("DTSTAMP"); ds != "20260101T000000Z" {
					t.Errorf("DTSTAMP %s, want 20260101T000000Z", ds)
				}
				got[i] = wantEvent{cal.instant(t, ev["DTSTART"][0]), cal.instant(t, ev["DTEND"][0]), unescape(ev.one("SUMMARY"))}
			}
			byTime := func(a, b wantEvent) int {
				if c := a.start.Compare(b.start); c != 0 {
					return c
				}
				return strings.Compare(a.summary, b.summary)
			}
			slices.SortFunc(want, byTime)
			slices.SortFunc(got, byTime)
			for i := range want {
				if !got[i].start.Equal(want[i].start) || !got[i].end.Equal(want[i].end) || got[i].summary != want[i].summary {
					t.Errorf("event %d:\n got  %s–%s %q\n want %s–%s %q", i, got[i].start.UTC(), got[i].end.UTC(), got[i].summary, want[i].start.UTC(), want[i].end.UTC(), want[i].summary)
				}
			}
		})
	}
}

// checkLines checks the raw bytes: CRLF line ends only, no control
// characters, lines of at most 75 octets, each valid UTF-8 on its own (so
// no fold splits a character), continuation lines starting with a space.
func checkLines(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("file does not end in CRLF")
	}
	lines := bytes.Split(data[:len(data)-2], []byte("\r\n"))
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d is not valid UTF-8 on its own (a fold split a character): %q", i+1, l)
		}
		for _, r := range string(l) {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
				t.Errorf("line %d holds control character %U: %q", i+1, r, l)
			}
		}
		if len(l) == 0 {
			t.Errorf("line %d is empty", i+1)
		}
	}
	if !bytes.HasPrefix(data, []byte("BEGIN:VCALENDAR\r\n")) || !bytes.HasSuffix(data, []byte("END:VCALENDAR\r\n")) {
		t.Error("file is not one VCALENDAR")
	}
}

func TestWriteICSDeterministic(t *testing.T) {
	c := scaleCase(t)
	a, _ := writeICS(t, c.cal, c.opt)
	b, _ := writeICS(t, c.cal, c.opt)
	if !bytes.Equal(a, b) {
		t.Fatalf("two exports of one calendar differ:\n%s", firstDiff(a, b))
	}
	// the order the picks come in does not matter either
	slices.Reverse(c.cal.Events)
	r, _ := writeICS(t, c.cal, c.opt)
	if !bytes.Equal(a, r) {
		t.Fatalf("the export depends on the order of the events:\n%s", firstDiff(a, r))
	}
}

func TestUIDStable(t *testing.T) {
	bru := mustZone(t, "Europe/Brussels")
	s := schedule.Session{ID: "7001", GUID: "4A5B6C7D-0000-4000-8000-000000007001", Source: "FOSDEM 2026", Title: "Old title", Room: "Janson",
		Start: time.Date(2026, 1, 31, 10, 0, 0, 0, bru), End: time.Date(2026, 1, 31, 10, 50, 0, 0, bru)}
	uid := UID("FOSDEM 2026", &s)
	if !strings.HasSuffix(uid, "@plan") || len(uid) != 32+len("@plan") {
		t.Errorf("UID %q is not <32 hex digits>@plan", uid)
	}
	moved := s
	moved.Title, moved.Room, moved.Rev = "New title", "K.1.105", 3
	moved.Start, moved.End = moved.Start.Add(26*time.Hour), moved.End.Add(27*time.Hour)
	moved.Speakers = []string{"Someone Else"}
	if got := UID("FOSDEM 2026", &moved); got != uid {
		t.Errorf("UID changed when title, room and time changed: %s, was %s", got, uid)
	}
	lower := s
	lower.GUID = strings.ToLower(s.GUID)
	if got := UID("  fosdem   2026 ", &lower); got != uid {
		t.Errorf("UID depends on the case of the GUID or the spacing of the name: %s, was %s", got, uid)
	}
	// The GUID decides when there is one: a different id (a re-import
	// that prefixed ids) keeps the UID.
	prefixed := s
	prefixed.ID = "fosdem-7001"
	if got := UID("FOSDEM 2026", &prefixed); got != uid {
		t.Errorf("UID changed with the id although the GUID did not: %s", got)
	}
	other := s
	other.GUID = "4A5B6C7D-0000-4000-8000-000000007002"
	if UID("FOSDEM 2026", &other) == uid {
		t.Error("two GUIDs give one UID")
	}
	if UID("FOSDEM 2027", &s) == uid {
		t.Error("two conferences give one UID")
	}
	// Without a GUID: source and id.
	a := schedule.Session{ID: "42", Source: "SCALE 22x", Title: "A"}
	b := a
	b.Title, b.Start = "B", time.Date(2025, 3, 7, 10, 0, 0, 0, time.UTC)
	if UID("SCALE 22x", &a) != UID("SCALE 22x", &b) {
		t.Error("UID without GUID changed with title and time")
	}
	c := a
	c.Source = "SCALE 22x expo"
	if UID("SCALE 22x", &a) == UID("SCALE 22x", &c) {
		t.Error("one id in two sources gives one UID")
	}
	d := a
	d.ID = "43"
	if UID("SCALE 22x", &a) == UID("SCALE 22x", &d) {
		t.Error("two ids give one UID")
	}
}

// TestReimport is the scenario: after a re-import that moved one
// pick (its revision grew) and dropped another, the moved event keeps its
// UID with a higher SEQUENCE and the dropped one is STATUS:CANCELLED under
// its old UID.
func TestReimport(t *testing.T) {
	before := scaleCase(t)
	after := scaleCase(t)
	moved, dropped := &after.cal.Events[1], &after.cal.Events[3]
	moved.Start, moved.End = moved.Start.Add(24*time.Hour), moved.End.Add(24*time.Hour)
	moved.Room = "Room 104"
	moved.Rev++
	dropped.Cancelled = true

	b := parseICS(t, mustWriteICS(t, before))
	a := parseICS(t, mustWriteICS(t, after))
	if len(a.events) != len(b.events) {
		t.Fatalf("%d events after the re-import, %d before", len(a.events), len(b.events))
	}
	beforeByUID := map[string]icsEvent{}
	for _, ev := range b.events {
		beforeByUID[ev.one("UID")] = ev
	}
	for _, ev := range a.events {
		old, ok := beforeByUID[ev.one("UID")]
		if !ok {
			t.Fatalf("event %q has a new UID after the re-import", ev.one("SUMMARY"))
		}
		seqOld, _ := strconv.Atoi(old.one("SEQUENCE"))
		seqNew, _ := strconv.Atoi(ev.one("SEQUENCE"))
		switch unescape(ev.one("SUMMARY")) {
		case moved.Title:
			if seqNew <= seqOld {
				t.Errorf("moved event: SEQUENCE %d, was %d", seqNew, seqOld)
			}
			if got := a.instant(t, ev["DTSTART"][0]); !got.Equal(moved.Start) {
				t.Errorf("moved event starts %s, want %s", got, moved.Start)
			}
			if ev.one("STATUS") != "CONFIRMED" {
				t.Errorf("moved event STATUS %s", ev.one("STATUS"))
			}
		case dropped.Title:
			if ev.one("STATUS") != "CANCELLED" {
				t.Errorf("dropped event STATUS %s, want CANCELLED", ev.one("STATUS"))
			}
			if len(ev["VALARM"]) != 0 {
				t.Error("cancelled event keeps its alarm")
			}
		default:
			if seqNew != seqOld || ev.one("STATUS") != "CONFIRMED" {
				t.Errorf("unchanged event %q: SEQUENCE %d→%d, STATUS %s", ev.one("SUMMARY"), seqOld, seqNew, ev.one("STATUS"))
			}
		}
	}
}

func mustWriteICS(t *testing.T, c calendarCase) []byte {
	t.Helper()
	data, _ := writeICS(t, c.cal, c.opt)
	return data
}

func TestSequenceAndStatus(t *testing.T) {
	c := hostileCase(t) // Rev is the event's index, event 3 is cancelled
	cal := parseICS(t, mustWriteICS(t, c))
	seqs := map[int]bool{}
	cancelled := 0
	for _, ev := range cal.events {
		n, err := strconv.Atoi(ev.one("SEQUENCE"))
		if err != nil {
			t.Fatalf("SEQUENCE %q", ev.one("SEQUENCE"))
		}
		seqs[n] = true
		if ev.one("STATUS") == "CANCELLED" {
			cancelled++
			if n != 3 {
				t.Errorf("cancelled event has SEQUENCE %d, want its Rev 3", n)
			}
		}
	}
	if len(seqs) != len(c.cal.Events) {
		t.Errorf("SEQUENCE values %v, want the Rev of each of %d events", seqs, len(c.cal.Events))
	}
	if cancelled != 1 {
		t.Errorf("%d cancelled events, want 1", cancelled)
	}
	// Session.Cancelled counts as well as Event.Cancelled.
	c.cal.Events[3].Cancelled = false
	c.cal.Events[5].Session.Cancelled = true
	cal = parseICS(t, mustWriteICS(t, c))
	for _, ev := range cal.events {
		if want := ev.one("SEQUENCE") == "5"; (ev.one("STATUS") == "CANCELLED") != want {
			t.Errorf("SEQUENCE %s has STATUS %s", ev.one("SEQUENCE"), ev.one("STATUS"))
		}
	}
}

// TestHostileFields checks what the other properties became: URLs only
// when they are http(s) links without white space or control characters,
// categories and locations on one line, the note and priority in the
// description.
func TestHostileFields(t *testing.T) {
	c := hostileCase(t)
	cal := parseICS(t, mustWriteICS(t, c))
	if got := unescape(cal.props["X-WR-CALNAME"][0].value); got != "Hostile BEGIN:VEVENT X-WR-CALNAME:pwned, ;\\" {
		t.Errorf("X-WR-CALNAME %q", got)
	}
	urls := map[string]string{} // summary → URL
	for _, ev := range cal.events {
		if len(ev["URL"]) > 0 {
			urls[unescape(ev.one("SUMMARY"))] = ev.one("URL")
		}
		if got := unescape(ev.one("LOCATION")); strings.ContainsAny(got, "\r\n") {
			t.Errorf("LOCATION %q", got)
		}
		var cats []string
		for _, p := range ev["CATEGORIES"] {
			cats = append(cats, unescape(p.value))
		}
		if want := []string{"Talk", "Track X-EVIL:1;,\\"}; !slices.Equal(cats, want) {
			t.Errorf("CATEGORIES %q, want %q", cats, want)
		}
		d := unescape(ev.one("DESCRIPTION"))
		for _, want := range []string{"Speakers: Ada BEGIN:VEVENT, Grace; Hopper, RADM", "Priority: must BEGIN:VALARM\nNote: note\nEND:VEVENT\nBEGIN:VEVENT\nUID:x", "sub title;,"} {
			if !strings.Contains(d, want) {
				t.Errorf("DESCRIPTION %q lacks %q", d, want)
			}
		}
	}
	want := map[string]string{
		`Commas, semicolons; back\slash \ "quotes" and: colons`: "https://example.org/ok?a=1&b=2;c,d",
		"🎉 Launch party 🦀 for 👩‍💻 devs 🇧🇪":                      "https://example.org/%C3%BCn%C3%AFc%C3%B6d%C3%A9/%F0%9F%8E%89",
		"Leading and trailing breaks":                           "https://example.org/trimmed",
		"END:VCALENDAR":                                         "https://example.org/END:VCALENDAR",
		`ends with a backslash \`:                               "https://example.org/%0D%0ABEGIN:VEVENT",
	}
	if len(urls) != len(want) {
		t.Errorf("URLs %q, want %q", urls, want)
	}
	for k, v := range want {
		if urls[k] != v {
			t.Errorf("URL of %q = %q, want %q", k, urls[k], v)
		}
	}
}

func TestAlarm(t *testing.T) {
	for _, tc := range []struct {
		alarm time.Duration
		want  string
	}{
		{10 * time.Minute, "-PT10M"},
		{90 * time.Minute, "-PT1H30M"},
		{24 * time.Hour, "-P1D"},
		{26*time.Hour + 30*time.Second, "-P1DT2H30S"},
		{0, ""},
		{-time.Minute, ""},
	} {
		c := zonesCase(t)
		c.opt.Alarm = tc.alarm
		cal := parseICS(t, mustWriteICS(t, c))
		for _, ev := range cal.events {
			if got := ev.one("VALARM/TRIGGER"); got != tc.want {
				t.Errorf("alarm %v: TRIGGER %q, want %q", tc.alarm, got, tc.want)
			}
			if tc.want != "" && (ev.one("VALARM/ACTION") != "DISPLAY" || ev.one("VALARM") != "1") {
				t.Errorf("alarm %v: VALARM %v ACTION %q", tc.alarm, ev["VALARM"], ev.one("VALARM/ACTION"))
			}
		}
	}
}

// TestWriteICSZones checks which zone each time is written in: its own
// tz database zone, the calendar's when it has none, UTC for a wall-clock
// time that happens twice; and that only used zones get a VTIMEZONE.
func TestWriteICSZones(t *testing.T) {
	cal := parseICS(t, mustWriteICS(t, zonesCase(t)))
	tzids := map[string]bool{}
	for _, ev := range cal.events {
		for _, p := range []string{"DTSTART", "DTEND"} {
			prop := ev[p][0]
			tzids[prop.params["TZID"]] = true
			title := unescape(ev.one("SUMMARY"))
			switch {
			case title == "Night shift across the autumn change" && p == "DTSTART":
				if prop.value != "20261025T003000Z" || prop.params["TZID"] != "" {
					t.Errorf("%s %s: %v, want UTC 20261025T003000Z (02:30 happens twice)", title, p, prop)
				}
			case strings.HasPrefix(title, "Adelaide"):
				if prop.params["TZID"] != "Australia/Adelaide" {
					t.Errorf("%s %s: %v", title, p, prop)
				}
			default:
				if prop.params["TZID"] != "Europe/Brussels" {
					t.Errorf("%s %s: %v, want Europe/Brussels", title, p, prop)
				}
			}
		}
	}
	var names []string
	for _, z := range cal.zones {
		names = append(names, z.tzid)
	}
	if !slices.Equal(names, []string{"Australia/Adelaide", "Europe/Brussels"}) {
		t.Errorf("VTIMEZONEs %v", names)
	}

	utc := parseICS(t, mustWriteICS(t, utcCase(t)))
	if len(utc.zones) != 0 {
		t.Errorf("a calendar without a zone has VTIMEZONEs %v", utc.zones)
	}
	for _, ev := range utc.events {
		if v := ev["DTSTART"][0]; !strings.HasSuffix(v.value, "Z") || v.params["TZID"] != "" {
			t.Errorf("DTSTART %v, want UTC", v)
		}
	}
}

func TestWriteICSUnknownZone(t *testing.T) {
	c := zonesCase(t)
	for _, name := range []string{"Mars/Olympus_Mons", "Local"} {
		c.cal.TimeZone = name
		var b bytes.Buffer
		if _, err := WriteICS(&b, c.cal, c.opt); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("time zone %q: error %v", name, err)
		}
	}
}

func TestWriteICSWriteError(t *testing.T) {
	c := fosdemCase(t)
	want := errors.New("disk full")
	if _, err := WriteICS(failWriter{want}, c.cal, c.opt); !errors.Is(err, want) {
		t.Errorf("error %v, want %v", err, want)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

func TestWriteICSEmpty(t *testing.T) {
	data, n := writeICS(t, Calendar{Name: "Nothing"}, ICSOptions{Now: fixtureNow})
	if n != 0 {
		t.Errorf("%d events", n)
	}
	checkLines(t, data)
	if cal := parseICS(t, data); len(cal.events) != 0 || len(cal.zones) != 0 {
		t.Errorf("events %v zones %v", cal.events, cal.zones)
	}
}

func BenchmarkWriteICS(b *testing.B) {
	c := fosdemCase(b)
	if len(c.want) != 883 {
		b.Fatalf("FOSDEM 2026 has %d scheduled sessions, want 883", len(c.want))
	}
	c.opt.Alarm = 10 * time.Minute
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if _, err := WriteICS(&buf, c.cal, c.opt); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// TestWriteICSEdgeTimes: a session without an end, or ending before it
// starts, still gets a DTEND (at its start); seconds are kept, fractions
// dropped; unscheduled sessions and a second copy of one session are not
// written and not counted.
func TestWriteICSEdgeTimes(t *testing.T) {
	bru := mustZone(t, "Europe/Brussels")
	start := time.Date(2026, 1, 31, 10, 0, 30, 999, bru)
	ev := func(id string, s, e time.Time) Event {
		return Event{Session: schedule.Session{ID: id, Source: "FOSDEM 2026", Title: "Talk " + id, Start: s, End: e}}
	}
	cal := Calendar{Name: "FOSDEM 2026", TimeZone: "Europe/Brussels", Events: []Event{
		ev("no-end", start, time.Time{}),
		ev("backwards", start, start.Add(-time.Hour)),
		ev("unscheduled", time.Time{}, time.Time{}),
		ev("twice", start.Add(time.Hour), start.Add(2*time.Hour)),
		ev("twice", start.Add(time.Hour), start.Add(2*time.Hour)),
	}}
	data, n := writeICS(t, cal, ICSOptions{Now: fixtureNow})
	f := parseICS(t, data)
	if n != 3 || len(f.events) != 3 {
		t.Fatalf("wrote %d events (file: %d), want 3", n, len(f.events))
	}
	for _, e := range f.events {
		s, end := f.instant(t, e["DTSTART"][0]), f.instant(t, e["DTEND"][0])
		if e.one("DTSTART") == "" || len(e["DTEND"]) != 1 || s.Nanosecond() != 0 || s.Second() != 30 {
			t.Errorf("%s: DTSTART %v DTEND %v", e.one("SUMMARY"), e["DTSTART"], e["DTEND"])
		}
		if title := e.one("SUMMARY"); title != "Talk twice" && !end.Equal(s) {
			t.Errorf("%s ends at %s, want its start %s", title, end, s)
		}
	}
}

// A plan whose program named no zone has a fixed-offset zone ("+01:00");
// its calendar gives every time in UTC, without a VTIMEZONE.
func TestWriteICSFixedOffsetZone(t *testing.T) {
	plus1 := time.FixedZone("+01:00", 3600)
	start := time.Date(2014, 12, 27, 11, 30, 0, 0, plus1)
	cal := Calendar{Name: "31C3", TimeZone: "+01:00", Events: []Event{{Session: schedule.Session{ID: "6558", Title: "Opening Event", Start: start, End: start.Add(30 * time.Minute), Room: "Saal 1"}}}}
	var b strings.Builder
	if _, err := WriteICS(&b, cal, ICSOptions{Now: time.Date(2014, 12, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "DTSTART:20141227T103000Z\r\n") || !strings.Contains(out, "DTEND:20141227T110000Z\r\n") || strings.Contains(out, "VTIMEZONE") || strings.Contains(out, "TZID") {
		t.Errorf("calendar:\n%s", out)
	}
}

// TestDescriptionLinks: an event's description lists the session's
// links as a group of lines of their own, "Kind: address", recordings
// first; a link's line breaks never end the line.
func TestDescriptionLinks(t *testing.T) {
	c := linksCase(t)
	cal := parseICS(t, mustWriteICS(t, c))
	descs := map[string]string{}
	for _, ev := range cal.events {
		descs[unescape(ev.one("SUMMARY"))] = unescape(ev.one("DESCRIPTION"))
	}
	want := "Speakers: FOSDEM Staff\n\n" +
		"Video: https://video.fosdem.org/2019/Janson/keynotes_welcome.webm\n" +
		"Video: https://video.fosdem.org/2019/Janson/keynotes_welcome.mp4\n" +
		"Feedback: https://submission.fosdem.org/feedback/8967.php\n\n" +
		"FOSDEM welcome and opening talk.\n\nWelcome to FOSDEM 2019!"
	if got := descs["Welcome to FOSDEM 2019"]; got != want {
		t.Errorf("8967's description:\n%s\nwant\n%s", got, want)
	}
	want = "Video: https://example.org/v.mp4 BEGIN:VEVENT SUMMARY:pwned\n" +
		"Link: Slides END:VEVENT END:VCALENDAR: https://example.org/slides.pdf\n" +
		`Link: Commas, semicolons; and \ backslashes: https://example.org/a,b;c\d`
	if got := descs["Links from a hand-edited file"]; got != want {
		t.Errorf("hand-edited links:\n%s\nwant\n%s", got, want)
	}
}

// TestPicksCalendarLinks: the calendar of the picks takes each pick's
// links from the program (the plan file keeps none), as it does the
// abstract; a pick gone from the program has none.
func TestPicksCalendarLinks(t *testing.T) {
	c := linksCase(t)
	full := map[string]*schedule.Session{}
	p := &schedule.Plan{Conference: schedule.Conference{Name: c.cal.Name, TimeZone: c.cal.TimeZone}}
	for i, e := range c.cal.Events[:2] {
		full[e.ID] = &c.cal.Events[i].Session
		snap := e.Session
		snap.Links, snap.Abstract = nil, ""
		p.Picks = append(p.Picks, &schedule.Pick{Session: snap, Priority: schedule.Want, Status: schedule.Planned, Gone: i == 1})
	}
	cal := PicksCalendar(p, full)
	if got := cal.Events[0].Links; !slices.Equal(got, c.cal.Events[0].Links) || len(got) != 3 {
		t.Errorf("links of %s: %+v", cal.Events[0].ID, got)
	}
	if got := cal.Events[1].Links; got != nil {
		t.Errorf("links of a pick gone from the program: %+v", got)
	}
}
