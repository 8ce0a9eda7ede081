package importer

// Fuzz targets for the iCalendar and CSV importers (issue 7). `go test`
// replays the seeds below and those in testdata/fuzz/FuzzICal and
// testdata/fuzz/FuzzCSV; to search for new failures, run e.g.
//
//	go test ./schedule/importer -run '^$' -fuzz '^FuzzICal$' -fuzztime 10m
//
// and commit any input it reports under testdata/fuzz/<Target>/.

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

var fuzzZone = func() *time.Location {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		panic(err)
	}
	return loc
}()

func FuzzICal(f *testing.F) {
	f.Add([]byte(seedPyConAU2023ICS), false)
	f.Add([]byte(crlf("BEGIN:VCALENDAR\nX-WR-TIMEZONE:America/Los_Angeles\nBEGIN:VEVENT\nUID:a\nSUMMARY:A\\, b\nDTSTART:20260308T013000\nDURATION:P1DT1H\nEND:VEVENT\nEND:VCALENDAR\n")), false)
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:b\nSUMMARY:Caf\xc3\n \xa9\nCATEGORIES:bof,Web\\, Mobile\nDTSTART;VALUE=DATE:20260307\nEND:VEVENT\nEND:VCALENDAR\n"), true)
	f.Add([]byte("<html><pre>\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:c\nSUMMARY:R&amp;D - Ann\nATTENDEE;CN=Ann:x\nDTSTART:20260307T100000\nLOCATION:Hamburg\nEND:VEVENT\nEND:VCALENDAR --></pre>"), false)
	f.Fuzz(func(t *testing.T, data []byte, withZone bool) {
		opt := Options{Name: "fuzz.ics"}
		if withZone {
			opt.Location = fuzzZone
		}
		feed, err := (ical{}).Parse(data, opt)
		checkImport(t, opt, feed, err, false)
		feed, err = Parse(data, "ical", opt)
		checkImport(t, opt, feed, err, true)
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("Title,Date,Start,End,Room,Speakers\nOpening,2026-03-08,1:30,3:30 AM,Hall,\"A, B\"\n"), true)
	f.Add([]byte("id;name;start;duration;type\nx;BoF: Ham;2026-03-07T10:00:00-08:00;1:30;bof\n"), false)
	f.Add([]byte("title\tstart\tend\tabstract\nA\t2026-03-07 10:00\t11:00\t\"multi\nline\"\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, withZone bool) {
		opt := Options{Name: "fuzz.csv"}
		if withZone {
			opt.Location = fuzzZone
		}
		feed, err := (csvFormat{}).Parse(data, opt)
		checkImport(t, opt, feed, err, false)
		feed, err = Parse(data, "csv", opt)
		checkImport(t, opt, feed, err, true)
	})
}

// checkImport: every failure is an *schedule.InputError naming the file;
// every success is a feed whose sessions a plan can hold. validated says
// whether feed went through Parse's checks.
func checkImport(t *testing.T, opt Options, feed *Feed, err error, validated bool) {
	t.Helper()
	if err != nil {
		var ie *schedule.InputError
		if !errors.As(err, &ie) || ie.File != opt.Name {
			t.Fatalf("error %v (%T) is not an InputError naming %s", err, err, opt.Name)
		}
		if feed != nil {
			t.Fatalf("a feed with the error %v", err)
		}
		return
	}
	if feed == nil {
		t.Fatal("nil feed and nil error")
	}
	if !validated {
		return
	}
	if len(feed.Sessions) == 0 {
		t.Fatal("a valid feed with no sessions")
	}
	ids := map[string]bool{}
	for _, s := range feed.Sessions {
		for _, v := range append([]string{s.ID, s.GUID, s.Title, s.Room, s.Track, s.Type, s.Abstract, s.URL}, append(s.Speakers, s.Tags...)...) {
			if !utf8.ValidString(v) {
				t.Fatalf("session %q: invalid UTF-8 in %q", s.ID, v)
			}
		}
		for _, v := range append([]string{s.ID, s.Title, s.Room, s.Track, s.URL}, s.Speakers...) {
			if v != oneLine(v) {
				t.Fatalf("session %q: %q is not one clean line", s.ID, v)
			}
		}
		if s.ID == "" || s.Title == "" || ids[s.ID] {
			t.Fatalf("session id %q title %q (duplicate: %v)", s.ID, s.Title, ids[s.ID])
		}
		ids[s.ID] = true
		if !s.Kind.Valid() {
			t.Fatalf("session %q: kind %q", s.ID, s.Kind)
		}
		if s.Start.IsZero() != s.End.IsZero() || s.End.Before(s.Start) {
			t.Fatalf("session %q: %v to %v", s.ID, s.Start, s.End)
		}
		if s.Scheduled() && opt.Location != nil && (s.Start.Location() != opt.Location || s.End.Location() != opt.Location) {
			t.Fatalf("session %q: times in %v, not in %v", s.ID, s.Start.Location(), opt.Location)
		}
		if strings.ContainsAny(s.Abstract, "\r\x00") {
			t.Fatalf("session %q: control characters in the abstract %q", s.ID, s.Abstract)
		}
	}
	if _, err := json.Marshal(feed.Sessions); err != nil {
		t.Fatalf("sessions cannot be written: %v", err)
	}
}
