package importer

// Fuzz targets for the JSON importers. `go test` replays the seeds below
// (a session of each real program, fuzz_seeds_test.go, and a few broken
// ones) and those in testdata/fuzz/; to search for new failures run, e.g.,
//
//	go test ./schedule/importer -run='^$' -fuzz='^FuzzFrabJSON$' -fuzztime=10m
//
// A failing input is written to testdata/fuzz/<target>/; commit it with
// the fix so it is replayed from then on.

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/plan-cli/plan/schedule"
)

func FuzzFrabJSON(f *testing.F) {
	f.Add([]byte(seedCamp2019))
	f.Add([]byte(seedPyConAU2024JSON))
	for _, seed := range []string{
		`{"schedule":{"conference":{"days":[{"rooms":{"A":[{"id":1,"title":"x","date":"2019-08-21T11:00:00+02:00","duration":"00:30"},{"id":"1","title":"y"}]}}]}}}`,
		`{"schedule":{"conference":{"time_zone_name":"Nowhere/Else","days":[]}}}`,
		`{"schedule": []}`,
		`[]`,
		"\xff\xfe{\x00",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(data, "frab-json", Options{Name: "fuzz.json"})
		checkFuzzResult(t, feed, err, "frab-json")
	})
}

// FuzzSchedule2 reads C3VOC schedule 2.0 files: the schema's shapes,
// references by guid and slug, text in several languages.
func FuzzSchedule2(f *testing.F) {
	for _, seed := range []string{
		`{"schedule":{"conference":{"title":"T","time_zone_name":"Europe/Berlin","rooms":[{"name":"R","guid":"g"}],"tracks":[{"name":"N","slug":"s"}],` +
			`"days":[{"date":"2024-12-27","start":"2024-12-27T09:00:00+01:00","end":"2024-12-28T06:00:00+01:00"}]},` +
			`"events":[{"guid":"a","code":"A","type":"LIGHTNING_TALK","start":"2024-12-28T00:15:00+01:00","end":"2024-12-28T00:30:00+01:00","room":{"guid":"g"},"track":{"slug":"s"},` +
			`"abstract":{"de":"d","en":"e"},"participants":[{"guid":"p","role":"HOST"}],"state":"CANCELED"},` +
			`{"guid":"b","title":"x","start":"2024-12-28T10:00:00","duration":"PT1H"},{"guid":"c","title":"y","start":"2024-12-28T11:00:00Z"}],"persons":[{"guid":"p","name":"P"}]}}`,
		`{"conference":{"title":"T"},"events":[{"guid":"a","title":"x","date":"2019-12-27T11:00:00+01:00","duration":"00:30","room":"Ada"}]}`,
		`{"schedule":{"conference":{},"events":[{"room":[],"abstract":[1]},null,7]}}`,
		`{"schedule":{"conference":{},"events":[{"start":"2024-12-28T10:00:00Z","duration":"-PT1H"}]}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(data, "schedule2-json", Options{Name: "fuzz.json"})
		checkFuzzResult(t, feed, err, "schedule2-json")
	})
}

func FuzzSessionize(f *testing.F) {
	f.Add([]byte(seedOrlando2020))
	for _, seed := range []string{
		`{"sessions":[{"id":"1","title":"x","startsAt":"2020-03-28T09:00:00Z","endsAt":"2020-03-28T08:00:00Z"}]}`,
		`{"sessions":[{"id":1,"title":"x","startsAt":null,"endsAt":"2020-03-28T08:00"},{"id":"1","title":"y"}]}`,
		`{"sessions":[{"id":"1","title":{},"speakers":[{"id":"x","name":"n"}],"isServiceSession":"yes"}]}`,
		`{"sessions":{}}`,
		`{"speakers":[]}`,
		"",
	} {
		f.Add([]byte(seed))
	}
	loc, err := loadZone("America/New_York")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(data, "sessionize", Options{Name: "fuzz.json", Location: loc})
		checkFuzzResult(t, feed, err, "sessionize")
		feed, err = Parse(data, "sessionize", Options{Name: "fuzz.json"})
		checkFuzzResult(t, feed, err, "sessionize")
	})
}

// checkFuzzResult holds the importers to their promise: an error is an
// InputError naming the file, and a program without an error is one a
// plan can use.
func checkFuzzResult(t *testing.T, feed *Feed, err error, format string) {
	t.Helper()
	if err != nil {
		var ie *schedule.InputError
		if !errors.As(err, &ie) || ie.File != "fuzz.json" {
			t.Fatalf("error %T does not name the file: %v", err, err)
		}
		if feed != nil {
			t.Fatalf("a feed as well as an error: %v", err)
		}
		return
	}
	if feed == nil || feed.Format != format || len(feed.Sessions) == 0 {
		t.Fatalf("no error but feed %+v", feed)
	}
	ids := map[string]bool{}
	for i, s := range feed.Sessions {
		if s.ID == "" || ids[s.ID] {
			t.Fatalf("session %d: empty or repeated id %q", i, s.ID)
		}
		ids[s.ID] = true
		if s.Title == "" || !clean(s.Title) || !clean(s.Room) || !clean(s.Track) || !clean(s.Type) {
			t.Fatalf("session %q: title %q room %q track %q type %q not one clean line", s.ID, s.Title, s.Room, s.Track, s.Type)
		}
		for _, sp := range s.Speakers {
			if sp == "" || !clean(sp) {
				t.Fatalf("session %q: speaker %q", s.ID, sp)
			}
		}
		if !s.Kind.Valid() {
			t.Fatalf("session %q: kind %q", s.ID, s.Kind)
		}
		if s.Start.IsZero() != s.End.IsZero() || s.End.Before(s.Start) {
			t.Fatalf("session %q: %s to %s", s.ID, s.Start, s.End)
		}
		if strings.ContainsRune(s.Abstract, '\r') {
			t.Fatalf("session %q: CR in abstract", s.ID)
		}
		checkFuzzLinks(t, s)
		if i > 0 && schedule.Less(s, feed.Sessions[i-1]) {
			t.Fatalf("sessions out of order at %d", i)
		}
	}
}

// checkFuzzLinks: a session's links are clean http(s) addresses with a
// host, one line each with their titles, of a kind plan knows, none
// twice, at most schedule.MaxLinks.
func checkFuzzLinks(t *testing.T, s *schedule.Session) {
	t.Helper()
	if len(s.Links) > schedule.MaxLinks || !clean(s.RoomGUID) {
		t.Fatalf("session %q: %d links, room guid %q", s.ID, len(s.Links), s.RoomGUID)
	}
	seen := map[string]bool{}
	for _, l := range s.Links {
		u, err := url.Parse(l.URL)
		if err != nil || !clean(l.URL) || u.Host == "" || (!strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https")) ||
			(l.Title != "" && !clean(l.Title)) || l.Kind.Rank() != slices.Index([]schedule.LinkKind{schedule.LinkVideo, schedule.LinkSlides, schedule.LinkOther, schedule.LinkChat, schedule.LinkFeedback}, l.Kind) || seen[l.URL] {
			t.Fatalf("session %q: link %+v", s.ID, l)
		}
		seen[l.URL] = true
	}
}

// clean is text fit for one line: no control characters, no line breaks,
// no leading or trailing space.
func clean(s string) bool {
	return strings.TrimSpace(s) == s && !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' })
}
