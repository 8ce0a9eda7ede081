package importer

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// BenchmarkPentabarf imports FOSDEM 2026 (2.6 MiB, ~1,000 events), the
// largest real program in testdata.
func BenchmarkPentabarf(b *testing.B) {
	data := program(b, "fosdem-2026-pentabarf.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "pentabarf", Options{Name: "fosdem.xml"}); err != nil {
			b.Fatal(err)
		}
	}
}

// FOSDEM 2019 names no zone but its city: the sessions are placed in
// Europe/Brussels without --tz, at the clocks the program published,
// and a warning says so and how to give another zone.
func TestPentabarfCityZone(t *testing.T) {
	feed, err := Parse(program(t, "fosdem-2019.xml"), "", Options{Name: "fosdem-2019.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Sessions) != 775 || feed.TimeZone != "Europe/Brussels" {
		t.Fatalf("%d sessions in %q, want 775 in Europe/Brussels", len(feed.Sessions), feed.TimeZone)
	}
	want := map[string][2]string{
		"8967": {"2019-02-02T09:30:00+01:00", "2019-02-02T09:55:00+01:00"}, // Welcome to FOSDEM 2019, Janson
		"8968": {"2019-02-03T17:55:00+01:00", "2019-02-03T18:00:00+01:00"}, // Closing FOSDEM 2019
	}
	for _, s := range feed.Sessions {
		if w, ok := want[s.ID]; ok {
			if got := [2]string{s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339)}; got != w {
				t.Errorf("%s: %v, want %v", s.ID, got, w)
			}
			delete(want, s.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing %v", want)
	}
	if len(feed.Warnings) != 1 || feed.Warnings[0].String() != `fosdem-2019.xml: the program names no time zone, but its <city> is "Brussels": its times are read in Europe/Brussels; if that is not the conference's zone, give it with --tz` {
		t.Errorf("warnings %v", feed.Warnings)
	}
	// --tz wins, without a word about the city.
	ny, _ := time.LoadLocation("America/New_York")
	feed, err = Parse(program(t, "fosdem-2019.xml"), "", Options{Name: "fosdem-2019.xml", Location: ny})
	if err != nil || len(feed.Warnings) != 0 || feed.TimeZone != "" || feed.Sessions[0].Start.Format(time.RFC3339) != "2019-02-02T09:30:00-05:00" {
		t.Errorf("with --tz: %v, %v, %q", err, feed.Warnings, feed.TimeZone)
	}
}

// pbFile is a small pentabarf schedule.xml: conference elements, then
// one day of events (each "start|duration|title" or a whole <event>).
func pbFile(conference, day string, events ...string) []byte {
	var b strings.Builder
	b.WriteString("<schedule><conference><title>T</title>" + conference + "</conference><day index=\"1\" date=\"" + day + "\"><room name=\"R\">")
	for i, e := range events {
		if strings.HasPrefix(e, "<") {
			b.WriteString(e)
			continue
		}
		f := strings.Split(e, "|")
		fmt.Fprintf(&b, "<event id=\"%d\">%s<start>%s</start><duration>%s</duration><title>%s</title></event>", i+1, f[3], f[0], f[1], f[2])
	}
	b.WriteString("</room></day></schedule>")
	return []byte(b.String())
}

// pbTimesOf is the start–end of each session of a feed, by id.
func pbTimesOf(t *testing.T, data []byte, opt Options) (*Feed, map[string]string) {
	t.Helper()
	feed, err := Parse(data, "pentabarf", opt)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range feed.Sessions {
		day := "-"
		if !s.Date.IsZero() {
			day = s.Date.String()
		}
		got[s.ID] = s.Start.Format(time.RFC3339) + " " + s.End.Format("15:04") + " " + day
	}
	return feed, got
}

// 28C3 (Berlin, 2011) wrote <day_change>04:00</day_change>: a session at
// 00:15 in <day date="2011-12-27"> is in the night after that day, on
// 28 December, and stays filed under the 27th; 23:00 and 11:30 are on
// the day's date.
func TestPentabarfDayChange(t *testing.T) {
	data := pbFile("<city>Berlin</city><day_change>04:00</day_change>", "2011-12-27",
		"11:30|01:00|Morning|", "23:00|01:00|Late|", "00:15|01:00|Night|", "03:59|00:30|Dawn|", "04:00|00:30|Day change|")
	_, got := pbTimesOf(t, data, Options{Name: "28c3.xml"})
	want := map[string]string{
		"1": "2011-12-27T11:30:00+01:00 12:30 -",
		"2": "2011-12-27T23:00:00+01:00 00:00 -",
		"3": "2011-12-28T00:15:00+01:00 01:15 2011-12-27",
		"4": "2011-12-28T03:59:00+01:00 04:29 2011-12-27",
		"5": "2011-12-27T04:00:00+01:00 04:30 -",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	// FOSDEM's day change is 09:00 and no session starts before it; a
	// <date> with an offset is always the instant it says.
	data = pbFile("<time_zone_name>Europe/Berlin</time_zone_name><day_change>09:00:00</day_change>", "2011-12-27",
		"<event id=\"1\"><date>2011-12-28T00:15:00+01:00</date><start>00:15</start><duration>00:30</duration><title>x</title></event>")
	if _, got = pbTimesOf(t, data, Options{Name: "x.xml"}); got["1"] != "2011-12-28T00:15:00+01:00 00:45 2011-12-27" {
		t.Errorf("dated night session: %v", got)
	}
}

// A template that wrote every local time with a "Z": each <date> is the
// UTC clock its <start> gives. In a zone that is not at UTC the clock is
// read in that zone, with a warning; with no zone the error asks for one.
func TestPentabarfUTCTemplate(t *testing.T) {
	ev := func(id, date, start string) string {
		return fmt.Sprintf("<event id=%q><date>%s</date><start>%s</start><duration>00:30</duration><title>t%s</title></event>", id, date, start, id)
	}
	events := []string{ev("1", "2019-08-21T10:00:00Z", "10:00"), ev("2", "2019-08-21T14:30:00Z", "14:30")}
	data := pbFile("<time_zone_name>Europe/Berlin</time_zone_name>", "2019-08-21", events...)
	feed, got := pbTimesOf(t, data, Options{Name: "z.xml"})
	if got["1"] != "2019-08-21T10:00:00+02:00 10:30 -" || got["2"] != "2019-08-21T14:30:00+02:00 15:00 -" {
		t.Errorf("got %v", got)
	}
	if len(feed.Warnings) != 1 || !strings.Contains(feed.Warnings[0].Msg, `every <date> is in UTC (such as 2019-08-21T10:00:00Z) but every <start> is that same clock, which is not UTC in Europe/Berlin: the file wrote its local times with a "Z"; they are read as clocks in Europe/Berlin (2019-08-21T10:00:00+02:00)`) {
		t.Errorf("warnings %v", feed.Warnings)
	}
	// No zone: the file does not tell a UTC conference from a template.
	_, err := Parse(pbFile("", "2019-08-21", events...), "pentabarf", Options{Name: "z.xml"})
	if !errors.Is(err, ErrNoZone) || !strings.Contains(err.Error(), "give the conference's zone with --tz (--tz UTC if the times are UTC)") {
		t.Errorf("no zone: %v", err)
	}
	// --tz UTC: they are UTC. The city's zone, London in winter: so are they.
	_, got = pbTimesOf(t, pbFile("", "2019-08-21", events...), Options{Name: "z.xml", Location: time.UTC})
	if got["1"] != "2019-08-21T10:00:00Z 10:30 -" {
		t.Errorf("--tz UTC: %v", got)
	}
	winter := []string{ev("1", "2019-12-21T10:00:00Z", "10:00")}
	feed, got = pbTimesOf(t, pbFile("<city>London</city>", "2019-12-21", winter...), Options{Name: "z.xml"})
	if got["1"] != "2019-12-21T10:00:00Z 10:30 -" || feed.TimeZone != "Europe/London" {
		t.Errorf("London in winter: %v %q", got, feed.TimeZone)
	}
	// "+00:00" is an offset someone wrote: the instant it says.
	_, got = pbTimesOf(t, pbFile("", "2019-12-21", ev("1", "2019-12-21T10:00:00+00:00", "10:00")), Options{Name: "z.xml"})
	if got["1"] != "2019-12-21T10:00:00Z 10:30 -" {
		t.Errorf("+00:00: %v", got)
	}
	// Offsets that are not UTC are instants, whatever <start> says.
	_, got = pbTimesOf(t, pbFile("<time_zone_name>Europe/Berlin</time_zone_name>", "2019-08-21", ev("1", "2019-08-21T10:00:00+02:00", "10:00")), Options{Name: "z.xml"})
	if got["1"] != "2019-08-21T10:00:00+02:00 10:30 -" {
		t.Errorf("offsets: %v", got)
	}
}

// A city whose zone disagrees with the file's offsets is not used: the
// offsets are kept, as for a file that names no place.
func TestPentabarfCityAgainstOffsets(t *testing.T) {
	data := pbFile("<city>Berlin</city>", "2019-08-21", "<event id=\"1\"><date>2019-08-21T10:00:00-07:00</date><start>10:00</start><duration>00:30</duration><title>x</title></event>")
	feed, got := pbTimesOf(t, data, Options{Name: "x.xml"})
	if feed.TimeZone != "" || got["1"] != "2019-08-21T10:00:00-07:00 10:30 -" || len(feed.Warnings) != 0 {
		t.Errorf("%q %v %v", feed.TimeZone, got, feed.Warnings)
	}
}

// A city the tz database does not know: the error names it, and the
// zones of its country when the text names one; a city in the venue
// text places the program instead.
func TestPentabarfUnknownCity(t *testing.T) {
	for _, tt := range []struct{ conference, want string }{
		{"<city>Xanadu</city>", `times without an offset and no <time_zone_name>: the program is in "Xanadu", a place whose time zone plan does not know: give the conference's zone with --tz (e.g. --tz Europe/Brussels)`},
		{"<city>Springfield, USA</city>", `the program is in "Springfield, USA", a place whose time zone plan does not know: give the conference's zone with --tz, one of America/New_York, America/Chicago, America/Denver, America/Phoenix, America/Los_Angeles, America/Anchorage, Pacific/Honolulu`},
		{"<city>Springfield, USA</city><venue>ULB (Université Libre de Bruxelles)</venue>", `"Springfield, USA"`},
		{"<venue>Online</venue><city/>", `times without an offset and no <time_zone_name>: give the conference's zone with --tz (e.g. --tz Europe/Brussels)`},
	} {
		_, err := Parse(pbFile(tt.conference, "2026-02-01", "10:00|00:30|x|"), "pentabarf", Options{Name: "x.xml"})
		if !errors.Is(err, ErrNoZone) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v\nwant %s", tt.conference, err, tt.want)
		}
	}
	feed, err := Parse(pbFile("<city></city><venue>ULB (Université Libre de Bruxelles)</venue>", "2026-02-01", "10:00|00:30|x|"), "pentabarf", Options{Name: "x.xml"})
	if err != nil || feed.TimeZone != "Europe/Brussels" || len(feed.Warnings) != 1 ||
		feed.Warnings[0].Msg != `the program names no time zone, but its <venue>, "ULB (Université Libre de Bruxelles)", is in Bruxelles: its times are read in Europe/Brussels; if that is not the conference's zone, give it with --tz` {
		t.Errorf("venue: %v %v", err, feed)
	}
}

// <person> straight under <event>, without <persons>, are the speakers.
func TestPentabarfLoosePersons(t *testing.T) {
	data := pbFile("<time_zone_name>Europe/Berlin</time_zone_name>", "2026-02-01",
		`<event id="1"><start>10:00</start><duration>00:30</duration><title>x</title><person id="7">Ann Lee</person><person>Bo &amp; Co</person></event>`,
		`<event id="2"><start>11:00</start><duration>00:30</duration><title>y</title><persons><person>Cy</person></persons></event>`)
	feed, _ := pbTimesOf(t, data, Options{Name: "x.xml"})
	got := map[string][]string{}
	for _, s := range feed.Sessions {
		got[s.ID] = s.Speakers
	}
	if want := map[string][]string{"1": {"Ann Lee", "Bo & Co"}, "2": {"Cy"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("speakers %v, want %v", got, want)
	}
}

// A session with a start and an empty <duration> is kept with the
// length most sessions of its kind have in the program, else most
// sessions, else none; one warning names them.
func TestPentabarfEmptyDuration(t *testing.T) {
	data := pbFile("<time_zone_name>Europe/Berlin</time_zone_name>", "2026-02-01",
		"10:00|00:50|a|<type>lecture</type>", "11:00|00:50|b|<type>lecture</type>", "12:00|00:25|c|<type>lecture</type>",
		"13:00|02:00|w|<type>workshop</type>", "14:00||no length|<type>lecture</type>", "15:00| |no length either|<type>workshop</type>",
		"16:00||BoF: meeting|")
	feed, got := pbTimesOf(t, data, Options{Name: "x.xml"})
	for id, want := range map[string]string{"5": "14:50", "6": "17:00", "7": "16:50"} {
		if end := strings.Fields(got[id])[1]; end != want {
			t.Errorf("%s ends %s, want %s", id, end, want)
		}
	}
	if len(feed.Sessions) != 7 || len(feed.Warnings) != 1 || feed.Warnings[0].Msg != ("3 sessions have no <duration> (lines 1, 1, 1): kept, with the usual length in this program: 2 h for a workshop; 50 min for a bof (no other bof has a length: the program's most common); 50 min for a talk") {
		t.Errorf("%d sessions, warnings %v", len(feed.Sessions), feed.Warnings)
	}
}
