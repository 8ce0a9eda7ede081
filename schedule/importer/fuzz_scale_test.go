package importer

import (
	"errors"
	"strings"
	"testing"

	"github.com/plan-cli/plan/schedule"
)

// The fuzz targets feed arbitrary bytes to the SCALE importers. `go test`
// replays the seeds below and those in testdata/fuzz/<Target>/; to search
// for new failures run, for example,
//
//	go test ./schedule/importer -run='^$' -fuzz='^FuzzScaleJSON$' -fuzztime=10m
//
// and commit any file it writes under testdata/fuzz with the fix. The real
// programs give one entry each as seeds (fuzz_seeds_test.go).

func FuzzScaleJSON(f *testing.F) {
	f.Add([]byte(seedSCALE22xJSON))
	f.Add([]byte(seedSCALE23xJSON))
	for _, s := range []string{
		``, `[]`, `null`, `{}`, `[{}]`, `["x"]`, `[{"Name": 1}]`,
		`[{"Name": "a (Cancelled)"}, {"Name": "A"}, {"Name": "a"}]`,
		`[{"Name": "x", "StartTime": "2025-03-09T10:00:00-07:00"}]`,
		`[{"Name": "x", "StartTime": "2025-03-09T10:00:00-07:00", "EndTime": "2025-03-09T09:00:00-07:00"}]`,
		`[{"Name": "x", "StartTime": "2025-03-09T02:30:00", "EndTime": "2025-03-09T03:30:00"}]`,
		`[{"Name": "<b>x</b>\u0000", "Speakers": ",,a,,", "Link": "/scale/22x/presentations/%zz", "Topic": "BoFs"}]`,
		`[{"Name": "x", "StartTime": "9999-12-31T23:59:59+14:00", "EndTime": "0001-01-01T00:00:00-14:00"}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := scaleJSON{}.Parse(data, Options{Name: "fuzz.json"})
		checkScaleFeed(t, feed, err)
	})
}

func FuzzScaleXML(f *testing.F) {
	f.Add([]byte(seedSCALE22xXML))
	for _, s := range []string{
		``, `<nodes/>`, `<nodes><node/></nodes>`, `<x/>`, `<nodes><node><Title>a</Title>`,
		`<!DOCTYPE nodes [<!ENTITY a "b">]><nodes><node><Title>&a;</Title></node></nodes>`,
		`<nodes><node><Title>a</Title><Time>&lt;span class="date-display-start" content="2025-03-09T10:00:00-07:00"&gt;</Time></node></nodes>`,
		`<nodes><node><Title>a</Title><Time>&lt;span content="2025-03-09T10:00:00-07:00"&gt;</Time></node><node><Title>a</Title></node></nodes>`,
		`<nodes><node><Title>a</Title><Time>&lt;span class="date-display-end" content="2025-03-09T10:00:00-07:00"&gt;</Time></node></nodes>`,
		`<nodes><node><Title>a</Title><Time>&lt;span class="date-display-start" content=""&gt;&lt;span class="date-display-end" content="x"&gt;</Time></node></nodes>`,
		`<nodes><node><node><Title>nested</Title></node></node></nodes>`,
		"<?xml version=\"1.0\" encoding=\"latin1\"?><nodes><node><Title>\xff</Title></node></nodes>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := scaleXML{}.Parse(data, Options{Name: "fuzz.xml"})
		checkScaleFeed(t, feed, err)
	})
}

// checkScaleFeed: an error is an InputError naming the file; no error
// means a feed that passes Parse's checks, with every time in the
// conference zone and every title and name on one line.
func checkScaleFeed(t *testing.T, feed *Feed, err error) {
	t.Helper()
	if err != nil {
		var ie *schedule.InputError
		if !errors.As(err, &ie) || !strings.HasPrefix(ie.File, "fuzz.") {
			t.Fatalf("error %v (%T) is not an InputError naming the file", err, err)
		}
		if feed != nil {
			t.Fatalf("a feed came back with the error %v", err)
		}
		return
	}
	if err := validate(feed, "fuzz"); err != nil {
		t.Fatalf("the importer accepted a feed that Parse rejects: %v", err)
	}
	for _, s := range feed.Sessions {
		if !s.Kind.Valid() {
			t.Fatalf("%s: kind %q", s.ID, s.Kind)
		}
		for _, v := range []string{s.ID, s.Title, s.Room, s.Track, s.Type, s.Slug, strings.Join(s.Speakers, ",")} {
			if strings.ContainsAny(v, "\n\r\t\x00") || v != strings.TrimSpace(v) {
				t.Fatalf("%s: field %q is not one clean line", s.ID, v)
			}
		}
		if s.ID != strings.ToLower(s.ID) || strings.ContainsAny(s.ID, " /") {
			t.Fatalf("id %q", s.ID)
		}
		if s.Scheduled() && (s.Start.Location().String() != "America/Los_Angeles" || s.End.Location().String() != "America/Los_Angeles") {
			t.Fatalf("%s: times in %s", s.ID, s.Start.Location())
		}
	}
}
