package importer

import (
	"strings"
	"testing"
	"time"
)

func TestHTMLText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"If a < b and c > d then swap", "If a < b and c > d then swap"},
		{"Price < 5 & quality > 3", "Price < 5 & quality > 3"},
		{"std::vector<int> and Option<T>", "std::vector<int> and Option<T>"},
		{"<p>Intro</p><p>Second</p>", "Intro\nSecond"},
		{"one<br>two<br/>three<hr>four", "one\ntwo\nthree\nfour"},
		{"<p>A <em>hearty</em> welcome &amp; more&nbsp;here</p>", "A hearty welcome & more\u00a0here"},
		{"a <!-- note --> b", "a b"},
		{"<script>alert(1)</script>x<STYLE>p{}</STYLE>y", "xy"},
		{"x <y and no end", "x <y and no end"},
		{"plain text, no markup", "plain text, no markup"},
		{"AT&T", "AT&T"},
	} {
		if got := htmlText(c.in); got != c.want {
			t.Errorf("htmlText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOneLineAndHTMLLine(t *testing.T) {
	for _, c := range []struct{ in, plain, html string }{
		{"<p>Intro</p><p>Second</p>", "<p>Intro</p><p>Second</p>", "Intro Second"},
		{"Tips &amp; tricks", "Tips &amp; tricks", "Tips & tricks"},
		{"If a < b and c > d then swap", "If a < b and c > d then swap", "If a < b and c > d then swap"},
		{" two\n lines\t", "two lines", "two lines"},
	} {
		if got := oneLine(c.in); got != c.plain {
			t.Errorf("oneLine(%q) = %q, want %q", c.in, got, c.plain)
		}
		if got := htmlLine(c.in); got != c.html {
			t.Errorf("htmlLine(%q) = %q, want %q", c.in, got, c.html)
		}
	}
}

// Text that only looks like markup reads back as it was written in every
// format: plain in CSV and iCalendar, escaped in pentabarf's HTML abstract.
func TestAbstractWithAngleBrackets(t *testing.T) {
	const want = "If a < b and c > d then swap"
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, format, data string }{
		{"talk.csv", "csv", "title,start,end,abstract\nSorting,2026-01-31 10:00,2026-01-31 11:00," + want + "\n"},
		{"talk.ics", "ical", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:sort-1\r\nSUMMARY:Sorting\r\n" +
			"DTSTART:20260131T100000Z\r\nDTEND:20260131T110000Z\r\nDESCRIPTION:" + want + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"},
		{"talk.xml", "pentabarf", `<?xml version="1.0" encoding="UTF-8"?><schedule><day date="2026-01-31"><room name="R">` +
			`<event id="1"><date>2026-01-31T10:00:00+01:00</date><duration>01:00</duration><title>Sorting</title>` +
			`<abstract>If a &lt; b and c &gt; d then swap</abstract></event></room></day></schedule>`},
	} {
		feed, err := Parse([]byte(c.data), "", Options{Name: c.name, Location: brussels})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if feed.Format != c.format {
			t.Errorf("%s: read as %s, want %s", c.name, feed.Format, c.format)
		}
		if got := feed.Sessions[0].Abstract; got != want {
			t.Errorf("%s: abstract %q, want %q", c.name, got, want)
		}
	}
	// iCalendar and CSV text is not HTML: tags stay.
	csv := "title,start,end,abstract\nSorting,2026-01-31 10:00,2026-01-31 11:00,<b>bold</b> claim\n"
	feed, err := Parse([]byte(csv), "", Options{Name: "b.csv", Location: brussels})
	if err != nil || !strings.Contains(feed.Sessions[0].Abstract, "<b>bold</b>") {
		t.Errorf("CSV abstract with tags: %v, %v", feed, err)
	}
}
