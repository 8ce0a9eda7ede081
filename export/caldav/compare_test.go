package caldav

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/plan-cli/plan/export"
	"github.com/plan-cli/plan/schedule/importer"
)

// TestHolds: what the server gives back is the event plan would write
// however the server re-encodes it, and not once someone changed what a
// person sees or a client keys on.
func TestHolds(t *testing.T) {
	data, err := os.ReadFile("../../testdata/programs/fosdem-2026-pentabarf.xml")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := importer.Parse(data, "", importer.Options{Name: "fosdem-2026-pentabarf.xml"})
	if err != nil {
		t.Fatal(err)
	}
	var e export.Event
	for _, s := range feed.Sessions {
		if s.Scheduled() && s.Track != "" && s.URL != "" && s.Room != "" && strings.Contains(s.Abstract, ",") {
			e = export.Event{Session: *s, Note: "bring a laptop; and water"}
			break
		}
	}
	if e.ID == "" {
		t.Fatal("no session with a track, a link, a room and a comma in the abstract")
	}
	now := time.Date(2026, time.January, 20, 9, 0, 0, 0, time.UTC)
	ours, err := export.EventICS(feed.Conference, feed.TimeZone, e, export.ICSOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(ours, []byte("\r\nCATEGORIES:")) || !bytes.Contains(ours, []byte("\r\nURL:")) || !bytes.Contains(ours, []byte("\r\nLOCATION:")) {
		t.Fatalf("the event lacks a property the cases change:\n%s", ours)
	}
	// server is what a server that decodes and re-encodes gives back,
	// after change.
	server := func(change func(ev *ical.Component)) *ical.Component {
		cal, err := ical.NewDecoder(bytes.NewReader(ours)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		ev := firstEvent(cal)
		change(ev)
		var b bytes.Buffer
		if err := ical.NewEncoder(&b).Encode(cal); err != nil {
			t.Fatal(err)
		}
		back, err := ical.NewDecoder(&b).Decode()
		if err != nil {
			t.Fatal(err)
		}
		return firstEvent(back)
	}
	keep := func(*ical.Component) {}
	set := func(name, value string) func(*ical.Component) {
		return func(ev *ical.Component) { ev.Props.SetText(name, value) }
	}
	for _, c := range []struct {
		name   string
		change func(*ical.Component)
		same   bool
	}{
		{"re-encoded", keep, true},
		{"another DTSTAMP", func(ev *ical.Component) { ev.Props.Get(ical.PropDateTimeStamp).Value = "20300101T000000Z" }, true},
		{"bookkeeping added", func(ev *ical.Component) {
			set(ical.PropLastModified, "20260121T000000Z")(ev)
			set("X-MOZ-GENERATION", "3")(ev)
		}, true},
		{"the categories in one line", func(ev *ical.Component) {
			var all []string
			for _, p := range ev.Props.Values(ical.PropCategories) {
				l, _ := p.TextList()
				all = append(all, l...)
			}
			p := ical.NewProp(ical.PropCategories)
			p.SetTextList(all)
			ev.Props.Set(p)
		}, true},
		{"another summary", set(ical.PropSummary, "Edited on the phone"), false},
		{"another description", set(ical.PropDescription, "my notes"), false},
		{"a category fewer", func(ev *ical.Component) { ev.Props[ical.PropCategories] = ev.Props[ical.PropCategories][:1] }, false},
		{"no link", func(ev *ical.Component) { ev.Props.Del(ical.PropURL) }, false},
		{"another zone", func(ev *ical.Component) {
			ev.Props.Get(ical.PropDateTimeStart).Params.Set(ical.ParamTimezoneID, "Europe/Paris")
		}, false},
		{"another SEQUENCE", func(ev *ical.Component) { ev.Props.Get(ical.PropSequence).Value = "4" }, false},
		{"a property added", set(ical.PropComment, "added on the phone"), false},
	} {
		r := Remote{Href: "/cal/x.ics", ETag: "1", Event: server(c.change)}
		if got := r.holds(ours); got != c.same {
			t.Errorf("%s: holds = %v, want %v", c.name, got, c.same)
		}
	}
	if (Remote{}).holds(ours) {
		t.Error("an event the server did not give holds what the plan writes")
	}
	if (Remote{Event: server(keep)}).holds([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")) {
		t.Error("a calendar without an event is held by the server")
	}
}
