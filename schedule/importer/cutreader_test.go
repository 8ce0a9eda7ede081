package importer

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// words is n bytes of "word " text with sep after every tenth word.
func words(n int, sep string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString("word")
		if i%10 == 9 {
			b.WriteString(sep)
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// lineOfText is the 1-based line of doc where the first sub starts.
func lineOfText(t *testing.T, doc, sub string) int {
	t.Helper()
	i := strings.Index(doc, sub)
	if i < 0 {
		t.Fatalf("%q not in the document", sub)
	}
	return strings.Count(doc[:i], "\n") + 1
}

// A title and an abstract longer than maxToken, in each syntax, are cut
// while they are read: the title at 4 KiB as always, the abstract at
// 1 MiB, each with a warning on its session's line; and the cut leaves
// the lines of what follows where they are (the cut left out newlines).
func TestLongTokensCutWhileRead(t *testing.T) {
	long := maxToken + 300<<10
	title := words(long, " ")
	second := words(5<<10, " ") // a title cut at 4 KiB, to see its line
	for _, c := range []struct {
		format string
		doc    string
		mark   string // where the second session starts
	}{
		{"pentabarf", `<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><title>C</title><time_zone_name>Europe/Brussels</time_zone_name></conference>
<day date="2026-01-31"><room name="R">
<event id="1"><date>2026-01-31T10:00:00+01:00</date><duration>00:30</duration><room>R</room>
<title>` + title + `</title>
<abstract>` + words(long, "\n") + `</abstract></event>
<event id="2"><date>2026-01-31T11:00:00+01:00</date><duration>00:30</duration><room>R</room><title>` + second + `</title></event>
</room></day></schedule>
`, `<event id="2">`},
		{"frab-json", `{"schedule": {"conference": {"title": "C", "time_zone_name": "Europe/Berlin", "days": [
{"index": 1, "date": "2019-08-21", "rooms": {"Curie": [
{"id": 1, "date": "2019-08-21T11:00:00+02:00", "duration": "00:30", "room": "Curie",
 "title": "` + title + `",
 "abstract": "` + words(long, `\n`) + `"},` + strings.Repeat("\n", maxToken+10) + `
{"id": 2, "date": "2019-08-21T12:00:00+02:00", "duration": "00:30", "room": "Curie", "title": "` + second + `"}
]}}]}}}
`, `{"id": 2`},
		{"csv", "id,title,start,end,abstract\n1,\"" + title + "\",2026-01-31T10:00:00+01:00,2026-01-31T10:30:00+01:00,\"" + words(long, "\n") + "\"\n" +
			"2,\"" + second + "\",2026-01-31T11:00:00+01:00,2026-01-31T11:30:00+01:00,\n", "2,\""},
		{"ical", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260131T100000Z\r\nDTEND:20260131T103000Z\r\n" +
			"SUMMARY:" + fold(title) + "\r\nDESCRIPTION:" + fold(words(long, `\n`)) + "\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\nUID:2\r\nDTSTART:20260131T110000Z\r\nDTEND:20260131T113000Z\r\nSUMMARY:" + second + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "BEGIN:VEVENT\r\nUID:2"},
	} {
		t.Run(c.format, func(t *testing.T) {
			feed, err := Parse([]byte(c.doc), "", Options{Name: "p", Location: time.UTC})
			if err != nil {
				t.Fatal(err)
			}
			if feed.Format != c.format || len(feed.Sessions) != 2 {
				t.Fatalf("%s, %d sessions; want %s, 2", feed.Format, len(feed.Sessions), c.format)
			}
			a, b := feed.Sessions[0], feed.Sessions[1]
			if !strings.HasSuffix(a.Title, cutMark) || len(a.Title) > maxLineField+len(cutMark) || !strings.HasPrefix(a.Title, "word word") {
				t.Errorf("title %d bytes, %q…%q: want it cut at 4 KiB", len(a.Title), clip(a.Title, 20), a.Title[max(0, len(a.Title)-20):])
			}
			if !strings.HasSuffix(a.Abstract, cutMark) || len(a.Abstract) > maxToken+len(cutMark) || len(a.Abstract) < maxToken-64<<10 || strings.ContainsRune(a.Abstract, cutRune) {
				t.Errorf("abstract %d bytes ending %q: want it cut at 1 MiB", len(a.Abstract), a.Abstract[max(0, len(a.Abstract)-20):])
			}
			aLine, bLine := lineOfText(t, c.doc, "word word"), lineOfText(t, c.doc, c.mark)
			if c.format == "pentabarf" || c.format == "ical" {
				aLine = lineOfText(t, c.doc, map[string]string{"pentabarf": `<event id="1">`, "ical": "BEGIN:VEVENT"}[c.format])
			}
			if c.format == "frab-json" {
				aLine = lineOfText(t, c.doc, `{"id": 1`)
			}
			want := []string{
				fmt.Sprintf("p:%d: session %q: the title is longer than 4 KiB: cut there", aLine, "1"),
				fmt.Sprintf("p:%d: session %q: the abstract is longer than 1 MiB: cut there", aLine, "1"),
				fmt.Sprintf("p:%d: session %q: the title is longer than 4 KiB: cut there", bLine, "2"),
			}
			var got []string
			for _, w := range feed.Warnings {
				if strings.Contains(w.Msg, "cut there") {
					got = append(got, w.String())
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if b.ID != "2" || !strings.HasSuffix(b.Title, cutMark) {
				t.Errorf("second session %q %q", b.ID, clip(b.Title, 20))
			}
		})
	}
}

// fold folds an iCalendar value at 74 bytes.
func fold(s string) string {
	var b strings.Builder
	for len(s) > 74 {
		b.WriteString(s[:74])
		b.WriteString("\r\n ")
		s = s[74:]
	}
	b.WriteString(s)
	return b.String()
}

// XML attribute values, CDATA sections and comments are cut like text;
// the session after them is read on its own line.
func TestLongXMLTokensCut(t *testing.T) {
	long := words(maxToken+100<<10, "\n")
	doc := `<?xml version="1.0"?>
<schedule><conference><title>C</title></conference><!-- ` + long + ` -->
<day date="2026-01-31"><room name="` + long + `">
<event id="1"><date>2026-01-31T10:00:00+01:00</date><duration>00:30</duration>
<title><![CDATA[` + long + `]]></title></event>
<event id="2"><date>2026-01-31T11:00:00+01:00</date><duration>00:30</duration><title>Two</title><subtitle>` + strings.Repeat("s", 5<<10) + `</subtitle></event>
</room></day></schedule>
`
	feed, err := Parse([]byte(doc), "", Options{Name: "p.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Sessions) != 2 {
		t.Fatalf("%d sessions", len(feed.Sessions))
	}
	a := feed.Sessions[0]
	for what, f := range map[string]string{"room": a.Room, "title": a.Title} {
		if !strings.HasPrefix(f, "word word") || !strings.HasSuffix(f, cutMark) || len(f) > maxLineField+len(cutMark) {
			t.Errorf("%s %d bytes: want it cut at 4 KiB", what, len(f))
		}
	}
	want := fmt.Sprintf("p.xml:%d: session %q: the subtitle is longer than 4 KiB: cut there", lineOfText(t, doc, `<event id="2">`), "2")
	found := false
	for _, w := range feed.Warnings {
		found = found || w.String() == want
	}
	if !found {
		t.Errorf("warnings %v; want %q", feed.Warnings, want)
	}
}

// A number or a row too long to be anything but an attack is refused
// with a message that says so; a long run of white space is left out.
func TestOverlongNumbersAndRows(t *testing.T) {
	num := `{"sessions": [{"id": "1", "startsAt": "2020-03-28T09:00:00", "endsAt": "2020-03-28T09:45:00", "title": "T", "x": ` + strings.Repeat("1", maxToken+1) + `}]}`
	_, err := Parse([]byte(num), "", Options{Name: "s.json", Location: time.UTC})
	inputError(t, err, "s.json", 1, "", "a number longer than 1 MiB")

	row := "title,start,end\nT,2026-01-31T10:00:00+01:00,2026-01-31T11:00:00+01:00" + strings.Repeat(",", maxCells) + "\n"
	_, err = Parse([]byte(row), "", Options{Name: "r.csv"})
	if err == nil || !strings.Contains(err.Error(), "a row of more than 10000 cells") {
		t.Errorf("err = %v; want a row of more than 10000 cells", err)
	}
}

// The noncharacter that marks a cut is dropped where a program holds it
// itself (as no field keeps a noncharacter), raw or escaped: it cuts
// nothing.
func TestStrayCutRuneDropped(t *testing.T) {
	for _, c := range []struct{ name, doc string }{
		{"raw.xml", `<schedule><conference><title>C</title></conference><day date="2026-01-31"><room name="R"><event id="1"><date>2026-01-31T10:00:00+01:00</date><duration>00:30</duration><title>Ti` + "\ufdef" + `tle&#xFDEF; one&#65007;</title></event></room></day></schedule>`},
		{"esc.json", `{"sessions": [{"id": "1", "startsAt": "2020-03-28T09:00:00", "endsAt": "2020-03-28T09:45:00", "title": "Ti` + "\ufdef" + `tle\ufdef one"}]}`},
		{"r.csv", "title,start,end\nTi\ufdeftle one,2026-01-31T10:00:00+01:00,2026-01-31T11:00:00+01:00\n"},
		{"r.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260131T100000Z\r\nDTEND:20260131T103000Z\r\nSUMMARY:Ti\ufdeftle one\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"},
	} {
		feed, err := Parse([]byte(c.doc), "", Options{Name: c.name, Location: time.UTC})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := feed.Sessions[0].Title; got != "Title one" {
			t.Errorf("%s: title %q, want %q", c.name, got, "Title one")
		}
	}
}
