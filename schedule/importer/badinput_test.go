package importer

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// edit returns data with old replaced by new exactly once.
func edit(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(data, []byte(old)); n != 1 {
		t.Fatalf("%q occurs %d times, want once", old, n)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// A signed duration is not a length: "-00:50" was read as 50 minutes.
func TestSignedDurationIsAnError(t *testing.T) {
	fosdem := program(t, "fosdem-2026-pentabarf.xml")
	bad := edit(t, fosdem, `id="7886">
        <date>2026-01-31T10:00:00+01:00</date>
        <start>10:00</start>
        <duration>00:50</duration>`, `id="7886">
        <date>2026-01-31T10:00:00+01:00</date>
        <start>10:00</start>
        <duration>-00:50</duration>`)
	feed, err := Parse(bad, "", Options{Name: "fosdem.xml"})
	inputError(t, problem(feed, err), "fosdem.xml", 6315, "7886", `bad <duration>: "-00:50" is not`)

	camp := program(t, "camp2019-frab-schedule.json")
	bad = edit(t, camp, `"duration": "00:30",
                "room": "Curie",
                "slug": "Camp2019-10386-opening_ceremony"`, `"duration": "+00:30",
                "room": "Curie",
                "slug": "Camp2019-10386-opening_ceremony"`)
	feed, err = Parse(bad, "", Options{Name: "camp.json"})
	inputError(t, problem(feed, err), "camp.json", 22, "10386", `bad "duration": "+00:30" is not`)
}

// A Latin-1 byte deep in a JSON program is an error on its line, not a
// U+FFFD in a title: encoding/json replaces bad bytes without a word.
func TestLatin1DeepInJSON(t *testing.T) {
	for _, c := range []struct {
		file, old, new string
		line           int
	}{
		{"camp2019-frab-schedule.json", `"title": "Knoten 101"`, "\"title\": \"Kn\xf6ten 101\"", 293},
		{"sessionize-orlandocodecamp-2020-all.json", `"title": "Streaming Architectures, by Example"`, "\"title\": \"Stre\xe4ming Architectures, by Example\"", 416},
		{"scale-22x-sign.json", `"Name": "Personal vs. Personalized AI"`, "\"Name\": \"Pers\xf6nal vs. Personalized AI\"", 282},
	} {
		data := edit(t, program(t, c.file), c.old, c.new)
		if bytes.Index(data, []byte(c.new)) < 4096 {
			t.Fatalf("%s: the bad byte is in the first 4 KiB, which Read already checks", c.file)
		}
		_, err := Parse(data, "", Options{Name: c.file, Location: time.UTC})
		inputError(t, err, c.file, c.line, "", "not UTF-8 text", "convert it to UTF-8")
	}
}

// What Read sees first decides: UTF-16 with or without a byte order
// mark, binary data and /dev/zero each get their own message; an
// iCalendar fold that cuts a character in two is not an encoding error.
func TestSniffText(t *testing.T) {
	utf16le := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), 0)
		}
		return b
	}
	fold := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Caf\xc3\r\n \xa9\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	for _, c := range []struct {
		name string
		data []byte
		line int
		msg  string
	}{
		{"utf16-bom", append([]byte{0xFF, 0xFE}, utf16le(`{"schedule": {}}`)...), 1, "UTF-16 text: save the file as UTF-8"},
		{"utf16-no-bom", utf16le("<?xml version=\"1.0\"?>\n<schedule>\n</schedule>\n"), 1, "UTF-16 text: save the file as UTF-8"},
		{"zero", make([]byte, 4096), 1, "binary data, not a conference program: import the schedule's XML, JSON, iCalendar or CSV file"},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xed\xbd"), 1, "binary data"},
		{"latin1", []byte("title,room\nCaf\xe9,Hall\n"), 2, "not UTF-8 text"},
		{"empty", []byte(" \n\t\n"), 0, "empty: no program to import (was it saved or downloaded completely?)"},
		{"fold.ics", []byte(fold), -1, ""},
		{"latin1-declared.xml", []byte("<?xml version='1.0' encoding='ISO-8859-1'?>\n<nodes><node><Title>Caf\xe9</Title></node></nodes>"), -1, ""},
	} {
		err := sniffText(c.data, c.name)
		if c.line < 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		inputError(t, err, c.name, c.line, "", c.msg)
	}
}

// An XML declaration naming another encoding: ISO-8859-1, windows-1252
// and the other legacy encodings browsers know are read by both XML
// importers (pentabarf failed with the decoder's "CharsetReader is nil",
// and windows-1252 used to be refused); an encoding no decoder knows, or
// one that cannot be what the bytes are, is refused with what to do.
func TestXMLDeclaredEncoding(t *testing.T) {
	fosdem := program(t, "fosdem-2026-pentabarf.xml")
	for _, c := range []struct{ enc, title, want string }{
		{"ISO-8859-1", "Welcome to FOSDEM 2026 \xe0 Bruxelles", "Welcome to FOSDEM 2026 à Bruxelles"},
		{"windows-1252", "Welcome to FOSDEM\x92s 2026 \x96 \x80\xe0 Bruxelles", "Welcome to FOSDEM’s 2026 – €à Bruxelles"},
		{"koi8-r", "\xf7\xd3\xc5\xcd", "Всем"},
	} {
		data := edit(t, fosdem, `<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0" encoding="`+c.enc+`"?>`)
		data = edit(t, data, "<title>Welcome to FOSDEM 2026</title>", "<title>"+c.title+"</title>")
		// The rest of the real file is UTF-8, which the declaration makes
		// other characters; only this title is checked.
		feed, err := Parse(data, "", Options{Name: "legacy.xml"})
		if err != nil {
			t.Fatalf("%s: %v", c.enc, err)
		}
		var title string
		for _, s := range feed.Sessions {
			if s.ID == "8376" {
				title = s.Title
			}
		}
		if title != c.want {
			t.Errorf("%s: title %q, want %q", c.enc, title, c.want)
		}
	}

	for _, f := range []struct{ name, xml string }{
		{"fosdem.xml", string(fosdem)},
		{"scale.xml", string(program(t, "scale-22x-sign.xml"))},
	} {
		for _, enc := range []string{"UTF-16", "x-klingon", "ISO-2022-KR"} {
			data := []byte(strings.Replace(f.xml, `encoding="UTF-8"`, `encoding="`+enc+`"`, 1))
			_, err := Parse(data, "", Options{Name: f.name})
			inputError(t, err, f.name, 1, "", `the file is in the "`+enc+`" encoding, which this tool cannot read: save it as UTF-8 (with encoding="UTF-8" in its first line)`)
		}
	}
}

// Control characters pasted into a title are dropped, in XML too, where
// they are not allowed and used to fail the whole import; HTML in text is
// reduced to text.
func TestControlCharactersAndHTML(t *testing.T) {
	fosdem := edit(t, program(t, "fosdem-2026-pentabarf.xml"), "<title>Welcome to FOSDEM 2026</title>",
		"<title>Welcome\x07 to \x1b[31mFOSDEM\x0b 2026&#x7; &lt;b&gt;live&lt;/b&gt;&#27;</title>")
	scale := edit(t, program(t, "scale-22x-sign.xml"), "<Title>OpenInfra Days North America Keynotes</Title>",
		"<Title>OpenInfra Days\x00 North America\x1f Keynotes</Title>")
	for _, c := range []struct {
		name     string
		data     []byte
		id, want string
	}{
		{"fosdem.xml", fosdem, "8376", "Welcome to [31mFOSDEM 2026 live"},
		{"scale.xml", scale, "openinfra-days-north-america-keynotes", "OpenInfra Days North America Keynotes"},
	} {
		feed, err := Parse(c.data, "", Options{Name: c.name})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got string
		for _, s := range feed.Sessions {
			if s.ID == c.id {
				got = s.Title
			}
		}
		if got != c.want {
			t.Errorf("%s: title %q, want %q", c.name, got, c.want)
		}
	}
	// An error in a file with control characters is still reported on
	// its line.
	broken := edit(t, fosdem, "<title>Wayland compositors for fun and profit</title>", "<title>Wayland compositors for fun and profit</titel>")
	_, err := Parse(broken, "", Options{Name: "fosdem.xml"})
	inputError(t, err, "fosdem.xml", 6683, "", "malformed XML", "element <title> closed by </titel>")
}

// An abstract's script and style sheet are not text: they go with their
// content, where they used to be read out ("alert(1)").
func TestAbstractScriptsGo(t *testing.T) {
	camp := edit(t, program(t, "camp2019-frab-schedule.json"), `"abstract": "A hearty welcome me lasses and lads!"`,
		`"abstract": "<style>p { color: red }</style><p>A hearty <em>welcome</em>\u0000 me lasses &amp; lads!</p><SCRIPT type=\"text/javascript\">alert(1)</SCRIPT><ul><li>one</li><li>two</li></ul>\u001b[31mred"`)
	feed, err := Parse(camp, "", Options{Name: "camp.json"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range feed.Sessions {
		if s.ID == "10386" {
			if want := "A hearty welcome me lasses & lads!\none\ntwo\n[31mred"; s.Abstract != want {
				t.Errorf("abstract %q, want %q", s.Abstract, want)
			}
		}
	}
}

// An unknown zone name in a feed says to correct it or give --tz, and
// --tz then places the times, in every format that names zones.
func TestUnknownFeedZone(t *testing.T) {
	ics := bytes.ReplaceAll(program(t, "pretalx-pyconau-2023-schedule.ics"), []byte("Australia/Adelaide"), []byte("Australia/Adelaid"))
	for _, c := range []struct {
		name    string
		data    []byte
		line    int
		session string
		msg     string
		tz      string // for --tz
		id      string
		start   string
	}{
		{"fosdem.xml", edit(t, program(t, "fosdem-2026-pentabarf.xml"), "<time_zone_name>Europe/Brussels<", "<time_zone_name>Europe/Brusels<"), 16, "",
			`unknown time zone "Europe/Brusels": correct it to a tz database name such as Europe/Brussels, or give the conference's zone with --tz`,
			"Europe/Brussels", "7886", "2026-01-31T10:00:00+01:00"},
		{"camp.json", edit(t, program(t, "camp2019-frab-schedule.json"), `"time_zone_name": "Europe/Berlin"`, `"time_zone_name": "Berlin"`), 12, "",
			`unknown time zone "Berlin": correct it to a tz database name such as Europe/Brussels, or give the conference's zone with --tz`,
			"Europe/Berlin", "10386", "2019-08-21T11:00:00+02:00"},
		{"pycon.ics", ics, 51, "pretalx-pyconau-2023-EJWEMK@pretalx.com",
			`unknown time zone TZID="Australia/Adelaid" (neither a tz database name such as Europe/Berlin nor a Windows zone name this tool knows): give the conference's zone with --tz`,
			"Australia/Adelaide", "EJWEMK", "2023-08-18T09:00:00+09:30"},
	} {
		_, err := Parse(c.data, "", Options{Name: c.name})
		inputError(t, err, c.name, c.line, c.session, c.msg)
		tz, err := time.LoadLocation(c.tz)
		if err != nil {
			t.Fatal(err)
		}
		feed, err := Parse(c.data, "", Options{Name: c.name, Location: tz})
		if err != nil {
			t.Fatalf("%s with --tz: %v", c.name, err)
		}
		found := false
		for _, s := range feed.Sessions {
			if s.ID == c.id {
				found = true
				if got := s.Start.Format(time.RFC3339); got != c.start {
					t.Errorf("%s: %s starts %s, want %s", c.name, c.id, got, c.start)
				}
			}
		}
		if !found {
			t.Errorf("%s: no session %s", c.name, c.id)
		}
	}
}

// A zone a program names is read as every zone in plan is
// (schedule.ParseZone): a fixed offset places and shows the times like a
// tz name, and Go's "Local", another zone on every machine, is refused.
func TestFeedZoneAsThePlanReadsIt(t *testing.T) {
	fosdem := program(t, "fosdem-2026-pentabarf.xml")
	camp := program(t, "camp2019-frab-schedule.json")
	ics := []byte("BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:%s\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:A\r\nDTSTART:20260131T100000\r\nDTEND:20260131T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	for _, c := range []struct {
		name, zone string
		data       []byte
		id, start  string
	}{
		{"fosdem.xml", "+01:00", edit(t, fosdem, "<time_zone_name>Europe/Brussels<", "<time_zone_name>+01:00<"), "7886", "2026-01-31T10:00:00+01:00"},
		{"fosdem.xml", "UTC-05:30", edit(t, fosdem, "<time_zone_name>Europe/Brussels<", "<time_zone_name>UTC-05:30<"), "7886", "2026-01-31T03:30:00-05:30"}, // 10:00 +01:00 shown at the named offset
		{"camp.json", "+02:00", edit(t, camp, `"time_zone_name": "Europe/Berlin"`, `"time_zone_name": "+02:00"`), "10386", "2019-08-21T11:00:00+02:00"},
		{"cal.ics", "+01:00", []byte(fmt.Sprintf(string(ics), "+01:00")), "a", "2026-01-31T10:00:00+01:00"},
		{"cal.ics", "Europe/Brussels", []byte(fmt.Sprintf(string(ics), "Europe/Brussels")), "a", "2026-01-31T10:00:00+01:00"},
	} {
		feed, err := Parse(c.data, "", Options{Name: c.name})
		if err != nil {
			t.Fatalf("%s naming %s: %v", c.name, c.zone, err)
		}
		found := false
		for _, s := range feed.Sessions {
			if s.ID == c.id {
				found = true
				if got := s.Start.Format(time.RFC3339); got != c.start {
					t.Errorf("%s naming %s: %s starts %s, want %s", c.name, c.zone, c.id, got, c.start)
				}
			}
		}
		if !found {
			t.Errorf("%s naming %s: no session %s", c.name, c.zone, c.id)
		}
	}

	_, err := Parse(edit(t, fosdem, "<time_zone_name>Europe/Brussels<", "<time_zone_name>Local<"), "", Options{Name: "fosdem.xml"})
	inputError(t, err, "fosdem.xml", 16, "", `unknown time zone "Local": correct it to a tz database name such as Europe/Brussels, or give the conference's zone with --tz`)
	_, err = Parse([]byte(fmt.Sprintf(string(ics), "Local")), "", Options{Name: "cal.ics"})
	if !errors.Is(err, ErrNoZone) {
		t.Errorf("X-WR-TIMEZONE:Local with floating times: %v, want the error asking for --tz", err)
	}
}

// A schedule's web page saved instead of its export says so.
func TestWebPageIsNotAProgram(t *testing.T) {
	for _, page := range []string{
		"<!DOCTYPE html>\n<html lang=\"en\"><head><title>FOSDEM 2026 - Schedule</title></head><body><schedule></schedule></body></html>\n",
		"  <HTML><body>Schedule</body></HTML>",
	} {
		_, err := Parse([]byte(page), "", Options{Name: "schedule.html"})
		inputError(t, err, "schedule.html", 0, "", "a web page (HTML), not a program: import the schedule's XML, JSON, iCalendar or CSV export instead")
	}
}

// A CSV cut short inside a quoted field, or with a stray quote, names the
// row and says what to do instead of encoding/csv's words.
func TestCSVQuotes(t *testing.T) {
	const header = "title,start,end,abstract\n"
	for _, c := range []struct {
		csv  string
		line int
		msg  string
	}{
		{header + "Talk,2026-01-31T10:00:00+01:00,2026-01-31T11:00:00+01:00,\"An abstract\ncut short", 2,
			`malformed CSV: a quoted field does not end where it should: its closing " is missing (is the file cut short? download it again) or text follows it`},
		{header + "A \"great\" talk,2026-01-31T10:00:00+01:00,2026-01-31T11:00:00+01:00,\n", 2,
			`malformed CSV: a " inside a field that does not start with one: put the field in quotes and double each " inside it`},
	} {
		_, err := Parse([]byte(c.csv), "", Options{Name: "talks.csv", Location: time.UTC})
		inputError(t, err, "talks.csv", c.line, "", c.msg)
	}
}

// A DOCTYPE is refused on the line where it starts, however long.
func TestDoctypeLine(t *testing.T) {
	const doctype = "<!DOCTYPE schedule [\n  <!ENTITY lol \"lol\">\n  <!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">\n]>\n"
	for _, c := range []struct{ name, file, before string }{
		{"fosdem.xml", "fosdem-2026-pentabarf.xml", "<schedule>"},
		{"scale.xml", "scale-22x-sign.xml", "<nodes>"},
	} {
		data := edit(t, program(t, c.file), c.before, doctype+c.before)
		_, err := Parse(data, "", Options{Name: c.name})
		inputError(t, err, c.name, 2, "", "a DOCTYPE is not allowed in a schedule (it can define entities): remove the <!DOCTYPE …> declaration and import again")
	}
}
