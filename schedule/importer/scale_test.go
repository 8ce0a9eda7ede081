package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

const scaleProgramsDir = "../../testdata/programs"

func readScaleFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(scaleProgramsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func parseScaleFile(t testing.TB, name string) *Feed {
	t.Helper()
	feed, err := Parse(readScaleFile(t, name), "", Options{Name: name})
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return feed
}

func scaleByID(feed *Feed) map[string]*schedule.Session {
	m := make(map[string]*schedule.Session, len(feed.Sessions))
	for _, s := range feed.Sessions {
		m[s.ID] = s
	}
	return m
}

func scaleMustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// The 22x JSON and XML are two snapshots of one program. Every session
// imports to the same id and the same fields, except where the organisers
// changed the program between the snapshots: two PlanetNix talks swapped
// days in Room 101, and one Ubucon talk was retitled. The XML alone has
// each talk's Path, so only it has URL and Slug; and the JSON's
// Description was flattened by the site (paragraph breaks gone, sometimes
// without a space), so abstracts agree word for word, not in white space.
func TestScale22xJSONAndXMLAgree(t *testing.T) {
	js := parseScaleFile(t, "scale-22x-sign.json")
	xs := parseScaleFile(t, "scale-22x-sign.xml")
	if js.Format != "scale-json" || xs.Format != "scale-xml" {
		t.Fatalf("formats %q and %q, want scale-json and scale-xml", js.Format, xs.Format)
	}
	if len(js.Sessions) != 296 || len(xs.Sessions) != 296 {
		t.Fatalf("JSON has %d sessions, XML %d; want 296 each", len(js.Sessions), len(xs.Sessions))
	}
	if js.TimeZone != "America/Los_Angeles" || xs.TimeZone != "America/Los_Angeles" {
		t.Errorf("time zones %q, %q", js.TimeZone, xs.TimeZone)
	}
	// Only the XML's paths name the edition; the JSON's dates say it too.
	if js.Conference != "SCALE 22x" || xs.Conference != "SCALE 22x" {
		t.Errorf("conference %q (JSON), %q (XML); want SCALE 22x for both", js.Conference, xs.Conference)
	}
	if want := "the feed does not name its edition; it is taken from its dates (2025)"; js.NameNote != want || xs.NameNote != "" {
		t.Errorf("name notes %q (JSON), %q (XML); want %q and none", js.NameNote, xs.NameNote, want)
	}

	jm, xm := scaleByID(js), scaleByID(xs)
	var onlyJSON, onlyXML []string
	for id := range jm {
		if xm[id] == nil {
			onlyJSON = append(onlyJSON, id)
		}
	}
	for id := range xm {
		if jm[id] == nil {
			onlyXML = append(onlyXML, id)
		}
	}
	if !slices.Equal(onlyJSON, []string{"entra-id-google-iam-ubuntu-desktop-server-scale-landscape"}) ||
		!slices.Equal(onlyXML, []string{"entra-id-authentication-ubuntu-desktop-scale-landscape"}) {
		t.Fatalf("ids only in JSON %q, only in XML %q; want just the retitled Ubucon talk", onlyJSON, onlyXML)
	}
	// The retitled talk is otherwise the same session.
	jm["entra-id-authentication-ubuntu-desktop-scale-landscape"] = jm[onlyJSON[0]]
	delete(jm, onlyJSON[0])

	var diffs []string
	for id, x := range xm {
		j := jm[id]
		if !strings.HasPrefix(x.URL, "https://www.socallinuxexpo.org/scale/22x/presentations/") || x.Slug == "" || strings.Contains(x.Slug, "/") {
			t.Errorf("%s: XML URL %q, Slug %q", id, x.URL, x.Slug)
		}
		if j.URL != "" || j.Slug != "" {
			t.Errorf("%s: JSON has URL %q, Slug %q but the 22x JSON has no links", id, j.URL, j.Slug)
		}
		if scaleSqueeze(j.Abstract) != scaleSqueeze(x.Abstract) {
			t.Errorf("%s: abstracts differ\njson %q\nxml  %q", id, j.Abstract, x.Abstract)
		}
		jc, xc := *j, *x
		xc.URL, xc.Slug = "", ""
		jc.Abstract, xc.Abstract = "", ""
		jc.ID, xc.ID = "", ""
		if jc.Title != xc.Title {
			diffs = append(diffs, fmt.Sprintf("%s: title %q / %q", id, jc.Title, xc.Title))
			jc.Title = xc.Title
		}
		if !jc.Start.Equal(xc.Start) || jc.Room != xc.Room {
			diffs = append(diffs, fmt.Sprintf("%s: %s %s / %s %s", id, jc.Start.Format(time.RFC3339), jc.Room, xc.Start.Format(time.RFC3339), xc.Room))
			jc.Start, jc.End, jc.Room = xc.Start, xc.End, xc.Room
		}
		if !reflect.DeepEqual(jc, xc) {
			t.Errorf("%s differs:\njson %+v\nxml  %+v", id, jc, xc)
		}
	}
	slices.Sort(diffs)
	want := []string{
		`entra-id-authentication-ubuntu-desktop-scale-landscape: title "Entra ID and Google IAM on Ubuntu Desktop and Server at scale with Landscape" / "Entra ID authentication on Ubuntu Desktop at scale with Landscape"`,
		`how-make-nix-five-times-faster: 2025-03-07T11:30:00-08:00 Room 101 / 2025-03-06T11:30:00-08:00 Room 101`,
		`remote-nix-builds: 2025-03-06T11:30:00-08:00 Room 101 / 2025-03-07T11:30:00-08:00 Room 101`,
	}
	if !slices.Equal(diffs, want) {
		t.Errorf("JSON / XML differences:\n%s\nwant:\n%s", strings.Join(diffs, "\n"), strings.Join(want, "\n"))
	}
}

// scaleSqueeze drops all white space: the 22x JSON glued some paragraphs
// together ("clusters.We'll") that the XML keeps apart.
func scaleSqueeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestScale22xKindsAndDST(t *testing.T) {
	for _, file := range []string{"scale-22x-sign.json", "scale-22x-sign.xml"} {
		t.Run(file, func(t *testing.T) {
			feed := parseScaleFile(t, file)
			kinds := map[schedule.Kind]int{}
			days := map[string]int{}
			for _, s := range feed.Sessions {
				kinds[s.Kind]++
				days[s.Start.Format("Mon -07:00")]++
				if s.Start.Location().String() != "America/Los_Angeles" || s.End.Location().String() != "America/Los_Angeles" {
					t.Errorf("%s: times in %s, want America/Los_Angeles", s.ID, s.Start.Location())
				}
			}
			// keynote, bof, workshop and career come from Topic; the
			// five panels from "Panel:" titles in subject tracks.
			wantKinds := map[schedule.Kind]int{"keynote": 5, "bof": 16, "workshop": 14, "career": 7, "panel": 5, "lightning": 1, "talk": 248}
			if !reflect.DeepEqual(kinds, wantKinds) {
				t.Errorf("kinds %v, want %v", kinds, wantKinds)
			}
			// US DST began on Sunday 9 March 2025 at 02:00.
			wantDays := map[string]int{"Thu -08:00": 77, "Fri -08:00": 103, "Sat -08:00": 80, "Sun -07:00": 36}
			if !reflect.DeepEqual(days, wantDays) {
				t.Errorf("sessions per day and offset %v, want %v", days, wantDays)
			}

			m := scaleByID(feed)
			for _, w := range []struct {
				id, start, end, room string
				speakers             []string
				kind                 schedule.Kind
			}{
				{"mentorship-as-onramp-open-source-contributions", "2025-03-08T17:00:00-08:00", "2025-03-08T18:00:00-08:00", "Ballroom H",
					[]string{"Tyler Menezes", "Kendall Nelson", "Emily Lovell", "Kevin Wang"}, "talk"},
				{"leveraging-political-moment-help-people-move-off-big", "2025-03-08T21:00:00-08:00", "2025-03-08T22:00:00-08:00", "Ballroom G", nil, "bof"},
				// Same title on both sides of the change: the start date
				// tells the two apart, and 08:00 stays 08:00 local.
				{"international-womens-day-fun-walk-offsite-2025-03-08", "2025-03-08T08:00:00-08:00", "2025-03-08T09:00:00-08:00", "Ballroom A", nil, "bof"},
				{"international-womens-day-fun-walk-offsite-2025-03-09", "2025-03-09T08:00:00-07:00", "2025-03-09T09:00:00-07:00", "Ballroom A", nil, "bof"},
				{"linux-training-class-day-2", "2025-03-09T09:30:00-07:00", "2025-03-09T16:30:00-07:00", "Room 208", []string{"Tom King"}, "workshop"},
				{"what-happens-when-hardware-puts-software-freedom-first-we", "2025-03-09T10:30:00-07:00", "2025-03-09T11:30:00-07:00", "Ballroom DE", []string{"Denver Gingerich"}, "keynote"},
				{"workshop-improve-your-resume-interview-skills-experiencing", "2025-03-09T10:00:00-07:00", "2025-03-09T12:00:00-07:00", "Room 104", []string{"Jenson Crawford"}, "career"},
			} {
				s := m[w.id]
				if s == nil {
					t.Errorf("no session %q", w.id)
					continue
				}
				got := []string{s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), s.Room, string(s.Kind)}
				if !slices.Equal(got, []string{w.start, w.end, w.room, string(w.kind)}) || !slices.Equal(s.Speakers, w.speakers) {
					t.Errorf("%s: %q %q, want %s %s %s %s %q", w.id, got, s.Speakers, w.start, w.end, w.room, w.kind, w.speakers)
				}
			}
			if d := m["linux-training-class-day-2"].Duration(); d != 7*time.Hour {
				t.Errorf("Linux Training Class Day 2 lasts %v, want 7h", d)
			}

			tg := m["tinygo-hardware-hack"]
			if tg == nil || !tg.Cancelled || tg.Title != "TinyGo Hardware Hack" || tg.Kind != schedule.KindBoF {
				t.Errorf("the cancelled BoF: %+v", tg)
			}
			cancelled := 0
			for _, s := range feed.Sessions {
				if s.Cancelled {
					cancelled++
				}
			}
			if cancelled != 1 {
				t.Errorf("%d cancelled sessions, want 1", cancelled)
			}
		})
	}
}

func TestScale22xFields(t *testing.T) {
	x := scaleByID(parseScaleFile(t, "scale-22x-sign.xml"))
	s := x["fireside-chat-outsiders-look-nix"]
	if s == nil {
		t.Fatal("no fireside-chat-outsiders-look-nix")
	}
	if s.Title != "Fireside Chat: An Outsider’s Look at Nix" || s.Track != "PlanetNix" || s.Type != "PlanetNix" ||
		s.URL != "https://www.socallinuxexpo.org/scale/22x/presentations/fireside-chat-outsider%E2%80%99s-look-nix" ||
		s.Slug != "fireside-chat-outsider’s-look-nix" ||
		!slices.Equal(s.Speakers, []string{"Ron Efroni", "Kelsey Hightower"}) {
		t.Errorf("fireside chat: %+v", s)
	}
	if !strings.HasPrefix(s.Abstract, "We’ve all heard the usual insider talks about Nix.") || strings.ContainsAny(s.Abstract, "<>") {
		t.Errorf("abstract %q", s.Abstract)
	}
	// Paragraphs of the XML's escaped HTML abstract stay paragraphs.
	e := x["embedded-programming-workshop-day-1"]
	if !strings.Contains(e.Abstract, "bare metal programming.\n\nTopics include") {
		t.Errorf("workshop abstract %q", e.Abstract)
	}
	// Titles lose the feed's stray spaces.
	for _, s := range x {
		if s.Title != strings.Join(strings.Fields(s.Title), " ") {
			t.Errorf("title %q keeps stray white space", s.Title)
		}
	}
}

// A SCALE feed without links is named by its year, from the editions the
// signage archive dates; then by an edition in its file name or address;
// else just "SCALE", with a note that says so.
func TestScaleEditionFromDatesOrName(t *testing.T) {
	data := readScaleFile(t, "scale-22x-sign.json")
	in2030 := bytes.ReplaceAll(data, []byte(`"2025-03-`), []byte(`"2030-03-`))
	for _, c := range []struct {
		name       string
		data       []byte
		conference string
		note       string
	}{
		{"sign.json", data, "SCALE 22x", "the feed does not name its edition; it is taken from its dates (2025)"},
		{"scale-27X-sign.json", in2030, "SCALE 27x", "the feed does not name its edition; it is taken from its file name"},
		{"/home/ana/scale/27x/sign.json", in2030, "SCALE 27x", "the feed does not name its edition; it is taken from its file name"},
		{"https://www.socallinuxexpo.org/scale/27x/signs", in2030, "SCALE 27x", "the feed does not name its edition; it is taken from its address"},
		{"sign.json", in2030, "SCALE", "the feed does not say which edition of SCALE it is"},
		{"box2x2.json", in2030, "SCALE", "the feed does not say which edition of SCALE it is"},
	} {
		feed, err := Parse(c.data, "", Options{Name: c.name})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if feed.Conference != c.conference || feed.NameNote != c.note {
			t.Errorf("%s: named %q (%s); want %q (%s)", c.name, feed.Conference, feed.NameNote, c.conference, c.note)
		}
	}
}

func TestScale23xSample(t *testing.T) {
	feed := parseScaleFile(t, "scale-23x-sign-sample.json")
	if feed.Format != "scale-json" || feed.Conference != "SCALE 23x" || len(feed.Sessions) != 10 {
		t.Fatalf("format %q, conference %q, %d sessions; want scale-json, SCALE 23x, 10", feed.Format, feed.Conference, len(feed.Sessions))
	}
	if feed.NameNote != "" {
		t.Errorf("the 23x links name the edition, but the feed has the note %q", feed.NameNote)
	}
	unscheduled := 0
	for i, s := range feed.Sessions {
		if !s.Scheduled() {
			unscheduled++
			if !s.End.IsZero() || s.Room != "" || !s.Day().IsZero() {
				t.Errorf("unscheduled %s has end %v, room %q", s.ID, s.End, s.Room)
			}
			if i < 2 {
				t.Errorf("unscheduled %s sorted before the scheduled ones", s.ID)
			}
		}
		if !strings.HasPrefix(s.URL, "https://www.socallinuxexpo.org/scale/23x/presentations/") || s.Slug == "" {
			t.Errorf("%s: URL %q slug %q", s.ID, s.URL, s.Slug)
		}
	}
	if unscheduled != 8 {
		t.Errorf("%d unscheduled, want 8", unscheduled)
	}
	m := scaleByID(feed)
	for _, w := range []struct{ id, title, room, start, end, speaker string }{
		{"five-stages-grieving-databases-infrastructure-as-code", "Five Stages Of Grieving-Databases in Infrastructure as Code", "Room 106", "2026-03-07T18:15:00-08:00", "2026-03-07T19:15:00-08:00", "Justin Frye"},
		{"closing-keynote-doug-comer", "Closing Keynote with Doug Comer", "Ballroom DE", "2026-03-08T15:00:00-07:00", "2026-03-08T16:00:00-07:00", "Doug Comer"},
	} {
		s := m[w.id]
		if s == nil {
			t.Errorf("no session %s", w.id)
			continue
		}
		got := []string{s.Title, s.Room, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), s.SpeakerList()}
		if !slices.Equal(got, []string{w.title, w.room, w.start, w.end, w.speaker}) {
			t.Errorf("%s: %q", w.id, got)
		}
	}
	k := m["closing-keynote-doug-comer"]
	if k.Kind != schedule.KindKeynote || k.Slug != "closing-keynote-doug-comer" || k.URL != "https://www.socallinuxexpo.org/scale/23x/presentations/closing-keynote-doug-comer" {
		t.Errorf("keynote: %+v", k)
	}
	// Abstract paragraphs (newlines in Description) survive; the trailing
	// newline does not.
	c := m["cracking-passwords-like-boss"]
	if c == nil || !strings.Contains(c.Abstract, "cracked.\nThree ways") || strings.HasSuffix(c.Abstract, "\n") || c.Title != "Cracking Passwords Like a Boss" {
		t.Errorf("cracking passwords: %+v", c)
	}
}

// Options.Location changes how the times are expressed, never which
// instant they are.
func TestScaleLocationOption(t *testing.T) {
	berlin := scaleMustZone(t, "Europe/Berlin")
	data := readScaleFile(t, "scale-22x-sign.json")
	la := scaleByID(parseScaleFile(t, "scale-22x-sign.json"))
	feed, err := Parse(data, "", Options{Name: "x", Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	if feed.TimeZone != "America/Los_Angeles" {
		t.Errorf("TimeZone %q: the conference's zone does not change with the display zone", feed.TimeZone)
	}
	for _, s := range feed.Sessions {
		if s.Start.Location() != berlin || !s.Start.Equal(la[s.ID].Start) || !s.End.Equal(la[s.ID].End) {
			t.Fatalf("%s: %v, want %v in Europe/Berlin", s.ID, s.Start, la[s.ID].Start)
		}
	}
	k := scaleByID(feed)["linux-training-class-day-2"].Start.Format(time.RFC3339)
	if k != "2025-03-09T17:30:00+01:00" {
		t.Errorf("Linux Training Class Day 2 starts %s in Berlin, want 2025-03-09T17:30:00+01:00", k)
	}
}

func TestScaleCancelledMarker(t *testing.T) {
	for _, c := range []struct {
		in, title string
		cancelled bool
	}{
		{"TinyGo Hardware Hack (Cancelled)", "TinyGo Hardware Hack", true},
		{"TinyGo Hardware Hack (canceled)", "TinyGo Hardware Hack", true},
		{"(CANCELLED) TinyGo Hardware Hack", "TinyGo Hardware Hack", true},
		{"TinyGo [Cancelled] Hardware Hack", "TinyGo Hardware Hack", true},
		{"Cancelled: TinyGo Hardware Hack", "TinyGo Hardware Hack", true},
		{"CANCELED - TinyGo Hardware Hack", "TinyGo Hardware Hack", true},
		{"(Cancelled)", "(Cancelled)", true},
		{"Cancelled Flights and Other Stories", "Cancelled Flights and Other Stories", false},
		{"Why we cancelled our cloud (and saved money)", "Why we cancelled our cloud (and saved money)", false},
	} {
		title, cancelled := cancelledTitle(c.in)
		if title != c.title || cancelled != c.cancelled {
			t.Errorf("cancelledTitle(%q) = %q, %v; want %q, %v", c.in, title, cancelled, c.title, c.cancelled)
		}
	}
}

func TestTitleSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Closing Keynote with Doug Comer", "closing-keynote-doug-comer"},
		{"International Women's Day Fun Walk (Offsite)", "international-womens-day-fun-walk-offsite"},
		{"Fireside Chat: An Outsider’s Look at Nix", "fireside-chat-outsiders-look-nix"},
		{"Ubuntu Q&A and Closing Remarks", "ubuntu-q-closing-remarks"},
		{"9.2 to 15 and beyond", "9-2-15-beyond"},
		{"The And Of", "the-and-of"},
		{"Développement Ökologisch", "développement-ökologisch"},
		{"???", "session"},
		{"", "session"},
		{"Supercalifragilisticexpialidocious Supercalifragilisticexpialidocious", "supercalifragilisticexpialidocious"},
	} {
		if got := titleSlug(c.in, 60); got != c.want {
			t.Errorf("titleSlug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := titleSlug(strings.Repeat("é", 40), 60); got != strings.Repeat("é", 30) {
		t.Errorf("a long word is cut on a rune boundary: %q", got)
	}
}

func TestScaleIDs(t *testing.T) {
	la := scaleMustZone(t, "America/Los_Angeles")
	at := func(day, hour int) time.Time { return time.Date(2025, 3, day, hour, 0, 0, 0, la) }
	mk := func(title string, start time.Time) *schedule.Session {
		s := &schedule.Session{Title: title, Start: start}
		if !start.IsZero() {
			s.End = start.Add(time.Hour)
		}
		return s
	}
	sessions := []*schedule.Session{
		mk("Fun Walk", at(8, 8)),
		mk("Fun Walk", at(9, 8)),
		mk("Hallway Track", at(7, 10)),
		mk("Hallway Track", at(7, 14)),
		mk("Open Mic", time.Time{}),
		mk("Open Mic", time.Time{}),
		mk("Solo", at(6, 9)),
		mk("Fun Walk 2025-03-08", at(6, 9)),
	}
	scaleIDs(sessions)
	var got []string
	for _, s := range sessions {
		got = append(got, s.ID)
	}
	want := []string{
		"fun-walk-2025-03-08", "fun-walk-2025-03-09",
		"hallway-track-2025-03-07", "hallway-track-2025-03-07-2",
		"open-mic-tbd", "open-mic-tbd-2",
		"solo",
		"fun-walk-2025-03-08-2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ids %q\nwant %q", got, want)
	}

	// Where dates tell duplicates apart, the feed's order does not matter.
	specs := []struct {
		title string
		start time.Time
	}{{"Fun Walk", at(8, 8)}, {"Fun Walk", at(9, 8)}, {"Open Mic", time.Time{}}, {"Solo", at(6, 9)}}
	ids := func(reverse bool) map[string]string {
		var ss []*schedule.Session
		for _, sp := range specs {
			ss = append(ss, mk(sp.title, sp.start))
		}
		if reverse {
			slices.Reverse(ss)
		}
		scaleIDs(ss)
		m := map[string]string{}
		for _, s := range ss {
			m[s.Title+" "+s.Start.String()] = s.ID
		}
		return m
	}
	if fwd, rev := ids(false), ids(true); !reflect.DeepEqual(fwd, rev) {
		t.Errorf("feed order changes ids: %v / %v", fwd, rev)
	}
}

func TestScaleDetect(t *testing.T) {
	entries, err := os.ReadDir(scaleProgramsDir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"scale-22x-sign.json":        "scale-json",
		"scale-23x-sign-sample.json": "scale-json",
		"scale-22x-sign.xml":         "scale-xml",
	}
	seen := 0
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data := readScaleFile(t, e.Name())
		data = stripBOM(data)
		for _, im := range []Importer{scaleJSON{}, scaleXML{}} {
			if got := im.Detect(data); got != (want[e.Name()] == im.Name()) {
				t.Errorf("%s.Detect(%s) = %v", im.Name(), e.Name(), got)
			}
		}
		if format, ok := want[e.Name()]; ok {
			seen++
			feed, err := Parse(readScaleFile(t, e.Name()), "", Options{Name: e.Name()})
			if err != nil || feed.Format != format {
				t.Errorf("Parse(%s) detected %v, %v; want %s", e.Name(), feed, err, format)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d SCALE programs", seen, len(want))
	}
}

// scaleReplaceOnce replaces the first old in data, failing when it is absent.
func scaleReplaceOnce(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%q not in the file", old)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// scaleLineOf is the 1-based line of the first occurrence of s in data.
func scaleLineOf(t *testing.T, data []byte, s string) int {
	t.Helper()
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		t.Fatalf("%q not in the data", s)
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

func TestScaleBroken(t *testing.T) {
	js := readScaleFile(t, "scale-22x-sign.json")
	xs := readScaleFile(t, "scale-22x-sign.xml")
	// the line where the JSON object holding s starts
	objectLine := func(data []byte, s string) int {
		i := bytes.Index(data, []byte(s))
		if i < 0 {
			t.Fatalf("%q not in the data", s)
		}
		return bytes.Count(data[:bytes.LastIndexByte(data[:i], '{')], []byte("\n")) + 1
	}
	truncJSON := js[:len(js)/2]
	truncXML := xs[:len(xs)/2]
	badStart := scaleReplaceOnce(t, js, `"StartTime": "2025-03-07T16:00:00-08:00"`, `"StartTime": "Friday 4pm"`)
	swapped := scaleReplaceOnce(t, js, `"StartTime": "2025-03-06T09:00:00-08:00",
    "EndTime": "2025-03-06T10:15:00-08:00"`, `"StartTime": "2025-03-06T10:15:00-08:00",
    "EndTime": "2025-03-06T09:00:00-08:00"`)
	noEnd := scaleReplaceOnce(t, js, `"EndTime": "2025-03-06T10:15:00-08:00"`, `"EndTime": ""`)
	noTitle := scaleReplaceOnce(t, js, `"Name": "Fireside Chat: An Outsider’s Look at Nix"`, `"Name": " "`)
	arraySpeakers := scaleReplaceOnce(t, js, `"Speakers": "Ron Efroni, Kelsey Hightower"`, `"Speakers": ["Ron Efroni", "Kelsey Hightower"]`)
	// XML errors about one session name the line of its <node>, which is
	// the line before its <Title>.
	doctype := scaleReplaceOnce(t, xs, "<nodes>", "<!DOCTYPE nodes [<!ENTITY boom \"boom\">]>\n<nodes>")
	badXMLTime := scaleReplaceOnce(t, xs, `content="2025-03-06T09:30:00-08:00"&gt;9:30`, `content="half past nine"&gt;9:30`)
	textTime := scaleReplaceOnce(t, xs, `<Time>&lt;span class="date-display-single"&gt;&lt;span class="date-display-range"&gt;&lt;span class="date-display-start" property="dc:date" datatype="xsd:dateTime" content="2025-03-06T09:30:00-08:00"&gt;9:30&lt;/span&gt; to &lt;span class="date-display-end" property="dc:date" datatype="xsd:dateTime" content="2025-03-06T10:00:00-08:00"&gt;10:00&lt;/span&gt;&lt;/span&gt;&lt;/span&gt;</Time>`, `<Time>9:30 to 10:00</Time>`)

	for _, c := range []struct {
		name, format string
		data         []byte
		line         int
		session, msg string
	}{
		{"truncated.json", "", truncJSON, lineAt(truncJSON, int64(len(truncJSON))), "", "the file ends in the middle of the data (is it cut short? download it again)"},
		{"truncated.xml", "", truncXML, bytes.Count(truncXML, []byte("\n")) + 1, "", "the file ends in the middle of the XML (is it cut short? download it again)"},
		{"empty-array.json", "scale-json", []byte("[]\n"), 0, "", "no sessions"},
		{"empty-array-detect.json", "", []byte("[]\n"), 0, "", "not a conference program"},
		{"empty.json", "scale-json", nil, 0, "", "the file is empty"},
		{"object.json", "scale-json", []byte("{\n \"Name\": \"x\"\n}\n"), 1, "", "the SCALE feed is an object, want a list"},
		{"strings.json", "scale-json", []byte("[\n \"a talk\"\n]\n"), 2, "", "a session is text, want an object"},
		{"bad-start.json", "", badStart, objectLine(badStart, "Friday 4pm"),
			"Mastering Incident Communication", `bad start time: "Friday 4pm" is not an ISO 8601 time`},
		{"swapped.json", "", swapped, 2, "OpenInfra Days North America Keynotes", "ends (2025-03-06T09:00:00-08:00) before it starts (2025-03-06T10:15:00-08:00)"},
		{"no-end.json", "", noEnd, 2, "OpenInfra Days North America Keynotes", "has a start time"},
		{"no-title.json", "", noTitle, objectLine(noTitle, `"Name": " "`), "#2", "no title"},
		{"speaker-array.json", "", arraySpeakers, scaleLineOf(t, arraySpeakers, `["Ron Efroni"`), "", `"Speakers" is a list, want text`},
		{"doctype.xml", "", doctype, 2, "", "DOCTYPE is not allowed"},
		{"bad-time.xml", "", badXMLTime, scaleLineOf(t, badXMLTime, "<Title>Fireside Chat") - 1, "Fireside Chat: An Outsider’s Look at Nix", `bad start time: "half past nine"`},
		{"text-time.xml", "", textTime, scaleLineOf(t, textTime, "<Title>Fireside Chat") - 1, "Fireside Chat: An Outsider’s Look at Nix", `"9:30 to 10:00" holds no machine-readable start and end`},
		{"other-root.xml", "scale-xml", []byte("<?xml version=\"1.0\"?>\n<schedule/>\n"), 2, "", "root element is <schedule>"},
		{"empty-nodes.xml", "", []byte("<?xml version=\"1.0\"?>\n<nodes>\n</nodes>\n"), 0, "", "no sessions"},
		{"utf16.xml", "", []byte("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<nodes><node><Title>Caf\xe9</Title></node></nodes>"), 1, "", `the file is in the "UTF-16" encoding, which this tool cannot read: save it as UTF-8`},
	} {
		t.Run(c.name, func(t *testing.T) {
			feed, err := Parse(c.data, c.format, Options{Name: c.name})
			err = problem(feed, err)
			var ie *schedule.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, %v; want an InputError", feed, err)
			}
			if ie.File != c.name || ie.Line != c.line || ie.Session != c.session || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got %q (file %q, line %d, session %q)\nwant file %q, line %d, session %q, message with %q",
					err, ie.File, ie.Line, ie.Session, c.name, c.line, c.session, c.msg)
			}
		})
	}
}

func TestScaleLatin1XML(t *testing.T) {
	data := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<nodes><node><Title>Caf\xe9 Chat</Title><Room>Hall</Room><Speakers>Ren\xe9e</Speakers></node></nodes>")
	feed, err := Parse(data, "", Options{Name: "latin1.xml"})
	if err != nil {
		t.Fatal(err)
	}
	s := feed.Sessions[0]
	if s.Title != "Café Chat" || s.ID != "café-chat" || s.SpeakerList() != "Renée" || s.Scheduled() {
		t.Errorf("got %+v", s)
	}
}

func TestScaleRDFaTimes(t *testing.T) {
	for _, c := range []struct{ in, start, end, err string }{
		{`<span class="date-display-single"><span class="date-display-range"><span class="date-display-start" property="dc:date" datatype="xsd:dateTime" content="2025-03-06T09:00:00-08:00">9:00</span> to <span class="date-display-end" property="dc:date" datatype="xsd:dateTime" content="2025-03-06T10:15:00-08:00">10:15</span></span></span>`,
			"2025-03-06T09:00:00-08:00", "2025-03-06T10:15:00-08:00", ""},
		{`<SPAN content='2025-03-06T09:00:00-08:00' CLASS="date-display-start">9:00</SPAN> to <span content="2025-03-06T10:00:00-08:00" class='date-display-end'>`,
			"2025-03-06T09:00:00-08:00", "2025-03-06T10:00:00-08:00", ""},
		{`<span class="date-display-single" property="dc:date" content="2025-03-06T09:00:00-08:00">9:00</span>`,
			"2025-03-06T09:00:00-08:00", "2025-03-06T09:00:00-08:00", ""},
		{`<span  CLASS = "date-display-start" Content='2025-03-06T09:00:00-08:00' hidden/><span class=date-display-end content=2025-03-06T10:00:00-08:00>`,
			"2025-03-06T09:00:00-08:00", "2025-03-06T10:00:00-08:00", ""},
		{`<span class="date-display-single" content="2025-03-06T09:00:00&#45;08:00">`, "2025-03-06T09:00:00-08:00", "2025-03-06T09:00:00-08:00", ""},
		{`<span class="date-display-start" content="2025-03-06T09:00:00-08:00`, "", "", "holds no machine-readable start and end"},
		{"", "", "", ""},
		{"  \n ", "", "", ""},
		{`<span class="date-display-single">9:00 to 10:00</span>`, "", "", `"9:00 to 10:00" holds no machine-readable start and end`},
	} {
		start, end, err := scaleRDFaTimes(c.in)
		if start != c.start || end != c.end || (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("scaleRDFaTimes(%q) = %q, %q, %v; want %q, %q, %q", c.in, start, end, err, c.start, c.end, c.err)
		}
	}
}

func TestScaleTimeLayouts(t *testing.T) {
	la := scaleMustZone(t, "America/Los_Angeles")
	for _, c := range []struct{ in, want string }{
		{"2025-03-09T10:30:00-07:00", "2025-03-09T10:30:00-07:00"},
		{"2025-03-09T17:30:00Z", "2025-03-09T10:30:00-07:00"},
		{"2025-03-09T10:30-07:00", "2025-03-09T10:30:00-07:00"},
		{"2025-03-09T10:30:00-0700", "2025-03-09T10:30:00-07:00"},
		{"2025-03-08T10:30:00", "2025-03-08T10:30:00-08:00"}, // no offset: LA wall time
		{"2025-03-09 10:30", "2025-03-09T10:30:00-07:00"},
	} {
		got, err := scaleTime(c.in, la)
		if err != nil || got.Format(time.RFC3339) != c.want {
			t.Errorf("scaleTime(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"2025-03-09", "10:30", "2025-13-09T10:30:00-07:00", "tomorrow"} {
		if _, err := scaleTime(bad, la); err == nil {
			t.Errorf("scaleTime(%q) accepted", bad)
		}
	}
}

func BenchmarkScaleJSON(b *testing.B) {
	benchmarkScale(b, "scale-22x-sign.json")
}

func BenchmarkScaleXML(b *testing.B) {
	benchmarkScale(b, "scale-22x-sign.xml")
}

func benchmarkScale(b *testing.B, file string) {
	data := readScaleFile(b, file)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "", Options{Name: file}); err != nil {
			b.Fatal(err)
		}
	}
}
