package caldav_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/plan-cli/plan/export"
	plancaldav "github.com/plan-cli/plan/export/caldav"
)

// syncNow is the clock of the syncs: the DTSTAMP of what they write.
var syncNow = time.Date(2026, time.January, 20, 9, 0, 0, 0, time.UTC)

// session is one plan and its calendar: what a run of 'plan sync' keeps
// from one to the next (the state file) and what it is told.
type session struct {
	t  *testing.T
	s  *server
	c  *plancaldav.Client
	st *plancaldav.State
	o  plancaldav.Options
}

func newSession(t *testing.T) *session {
	t.Helper()
	s := newServer(t)
	feed := fosdem(t)
	return &session{t: t, s: s, c: s.client(t, plancaldav.Credentials{}), st: plancaldav.NewState(s.URL()),
		o: plancaldav.Options{Name: feed.Conference, TimeZone: feed.TimeZone, Now: syncNow}}
}

// sync runs a sync of the picks, with a client of its own as every run
// of 'plan sync' has, and fails the test on an error.
func (x *session) sync(picks []export.Event) *plancaldav.Result {
	x.t.Helper()
	x.c = x.s.client(x.t, plancaldav.Credentials{})
	res, err := plancaldav.Sync(x.t.Context(), x.c, desired(x.t, picks), x.st, x.o, false)
	if err != nil {
		x.t.Fatalf("sync: %v", err)
	}
	return res
}

// done lists what a sync did, one change a line: "op id SEQUENCE n: reason".
func done(res *plancaldav.Result) []string {
	var out []string
	for _, c := range res.Done {
		out = append(out, fmt.Sprintf("%s %s SEQUENCE %d: %s", c.Op, c.Event.ID, c.Sequence, c.Reason))
	}
	return out
}

func wantDone(t *testing.T, what string, res *plancaldav.Result, want ...string) {
	t.Helper()
	if got := done(res); !slices.Equal(got, want) {
		t.Errorf("%s did:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func uidOf(t *testing.T, e export.Event) string {
	return export.UID(fosdem(t).Conference, &e.Session)
}

// prop is the value of a property of the server's event for e, with its
// TZID when it has one: "Europe/Brussels 20260131T103000".
func (x *session) prop(e export.Event, name string) string {
	x.t.Helper()
	ev, _ := x.s.event(uidOf(x.t, e))
	if ev == nil {
		x.t.Fatalf("the server has no event for %s", e.ID)
	}
	p := ev.Props.Get(name)
	if p == nil {
		return ""
	}
	if tz := p.Params.Get(ical.ParamTimezoneID); tz != "" {
		return tz + " " + p.Value
	}
	return p.Value
}

// A first sync creates one event per pick, with the bytes 'plan export
// --ics' writes for it; a second one with nothing changed writes nothing.
func TestSyncCreatesThenIsUpToDate(t *testing.T) {
	x := newSession(t)
	picks := picks(t, 5)
	res := x.sync(picks)
	var want []string
	for _, p := range picks {
		want = append(want, "create "+p.ID+" SEQUENCE 0: new pick")
	}
	wantDone(t, "the first sync", res, want...)
	if res.Writes != 5 || res.Count(plancaldav.Create) != 5 || res.UpToDate() {
		t.Errorf("first sync: %d writes, %d created, up to date %v", res.Writes, res.Count(plancaldav.Create), res.UpToDate())
	}
	for _, w := range writes(x.s.requests()) {
		if !strings.HasPrefix(w, "PUT "+calPath+"plan-") || !strings.HasSuffix(w, ".ics If-None-Match: *") {
			t.Errorf("a new event is written only where none is: %s", w)
		}
	}
	for _, p := range picks {
		ics, err := export.EventICS(x.o.Name, x.o.TimeZone, p, export.ICSOptions{Now: syncNow})
		if err != nil {
			t.Fatal(err)
		}
		_, at := x.s.event(uidOf(t, p))
		if got := x.s.objects[at].put; !bytes.Equal(got, ics) {
			t.Errorf("%s: the server got\n%s\nwant the export's event\n%s", p.ID, got, ics)
		}
		local := p.Start.In(time.FixedZone("", 3600)).Format("20060102T150405") // Brussels in winter
		if got := x.prop(p, ical.PropDateTimeStart); got != "Europe/Brussels "+local {
			t.Errorf("%s DTSTART on the server: %q, want Europe/Brussels %s", p.ID, got, local)
		}
		if got := x.prop(p, ical.PropSummary); got != p.Title {
			t.Errorf("%s SUMMARY on the server: %q, want %q", p.ID, got, p.Title)
		}
	}
	if len(x.st.Events) != 5 {
		t.Errorf("the state knows %d events, want 5", len(x.st.Events))
	}

	res = x.sync(picks)
	reqs := x.s.requests()
	wantDone(t, "a sync with nothing changed", res)
	if !res.UpToDate() || res.Unchanged != 5 || res.Writes != 0 || len(writes(reqs)) != 0 {
		t.Errorf("nothing changed: up to date %v, %d unchanged, %d writes: %v", res.UpToDate(), res.Unchanged, res.Writes, reqs)
	}
	if res.Requests != len(reqs) || res.Requests > 3 {
		t.Errorf("nothing changed: %d requests (the server saw %d: %v), want a check and a listing", res.Requests, len(reqs), reqs)
	}
}

// A moved session is updated in place with a higher SEQUENCE, only if the
// server still has what the last sync wrote; a dropped pick is deleted
// the same way; a new pick is created.
func TestSyncUpdatesDeletesAndCreates(t *testing.T) {
	x := newSession(t)
	all := picks(t, 6)
	first, extra := all[:5], all[5]
	x.sync(first)
	x.s.requests()
	etag := func(e export.Event) string { return x.st.Events[uidOf(t, e)].ETag }

	moved, dropped := first[1], first[3]
	before := map[string]string{moved.ID: etag(moved), dropped.ID: etag(dropped)}
	hrefMoved, hrefDropped := x.st.Events[uidOf(t, moved)].Href, x.st.Events[uidOf(t, dropped)].Href
	now := []export.Event{first[0], first[1], first[2], first[4], extra}
	now[1].Start, now[1].End = moved.Start.Add(2*time.Hour), moved.End.Add(2*time.Hour)
	now[1].Rev = 1 // a re-import that moves a session counts a revision

	res := x.sync(now)
	wantDone(t, "the sync after the changes", res,
		"create "+extra.ID+" SEQUENCE 0: new pick",
		"update "+moved.ID+" SEQUENCE 1: changed",
		"delete "+dropped.ID+" SEQUENCE 0: dropped")
	got := writes(x.s.requests())
	want := []string{
		"PUT " + hrefMoved + " If-Match: \"" + before[moved.ID] + "\"",
		"DELETE " + hrefDropped + " If-Match: \"" + before[dropped.ID] + "\"",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("want the write %q, got %v", w, got)
		}
	}
	if len(got) != 3 || res.Writes != 3 || res.Unchanged != 3 {
		t.Errorf("%d writes (%d counted), %d unchanged; want 3 and 3: %v", len(got), res.Writes, res.Unchanged, got)
	}
	local := now[1].Start.In(time.FixedZone("", 3600)).Format("20060102T150405")
	if got := x.prop(now[1], ical.PropDateTimeStart); got != "Europe/Brussels "+local {
		t.Errorf("the moved session on the server starts %q, want %s", got, local)
	}
	if got := x.prop(now[1], ical.PropSequence); got != "1" {
		t.Errorf("the moved session's SEQUENCE on the server: %s, want 1", got)
	}
	if ev, _ := x.s.event(uidOf(t, dropped)); ev != nil {
		t.Errorf("the dropped pick is still on the server")
	}
	if _, ok := x.st.Events[uidOf(t, dropped)]; ok || len(x.st.Events) != 5 {
		t.Errorf("the state still knows the dropped pick, or not the new one: %d events", len(x.st.Events))
	}

	// A note changes the event but not the session's revision: the
	// SEQUENCE still goes up, so that clients take the new text.
	now[2].Note = "bring a laptop"
	res = x.sync(now)
	wantDone(t, "the sync after a note", res, "update "+now[2].ID+" SEQUENCE 1: changed")
	if got := x.prop(now[2], ical.PropDescription); !strings.Contains(got, "bring a laptop") {
		t.Errorf("the note is not in the event on the server: %q", got)
	}
	if res = x.sync(now); !res.UpToDate() || res.Writes != 0 {
		t.Errorf("then: %v, %d writes", done(res), res.Writes)
	}
}

// With --dropped cancel, the event of a dropped pick, or of a pick whose
// session left the program, stays in the calendar marked cancelled.
func TestSyncCancelsDroppedPicks(t *testing.T) {
	x := newSession(t)
	x.o.Dropped = plancaldav.DropCancel
	p := picks(t, 4)
	x.sync(p)
	x.s.requests()

	gone := p[2]
	gone.Cancelled = true // the session left the program
	res := x.sync([]export.Event{p[0], p[1], gone})
	wantDone(t, "the sync after a drop and a cancellation", res,
		"cancel "+p[2].ID+" SEQUENCE 1: left the program",
		"cancel "+p[3].ID+" SEQUENCE 1: dropped")
	for _, e := range p[2:] {
		if got := x.prop(e, ical.PropStatus); got != "CANCELLED" {
			t.Errorf("%s on the server: STATUS %s, want CANCELLED", e.ID, got)
		}
		if got := x.prop(e, ical.PropSequence); got != "1" {
			t.Errorf("%s on the server: SEQUENCE %s, want 1", e.ID, got)
		}
		if k := x.st.Events[uidOf(t, e)]; k == nil || !k.Cancelled {
			t.Errorf("the state does not know %s as cancelled: %+v", e.ID, k)
		}
	}
	for _, w := range writes(x.s.requests()) {
		if !strings.HasPrefix(w, "PUT ") || !strings.Contains(w, "If-Match: ") {
			t.Errorf("a cancellation is a conditional PUT: %s", w)
		}
	}
	if res = x.sync([]export.Event{p[0], p[1], gone}); !res.UpToDate() || res.Writes != 0 {
		t.Errorf("then: %v, %d writes", done(res), res.Writes)
	}

	// A cancelled pick that was never synced is not created only to be
	// cancelled; with the default --dropped delete, a cancelled session's
	// event is deleted.
	fresh := picks(t, 5)[4]
	fresh.Cancelled = true
	if res = x.sync([]export.Event{p[0], p[1], gone, fresh}); len(res.Done) != 0 || res.Writes != 0 {
		t.Errorf("a new cancelled pick: %v", done(res))
	}
	x.o.Dropped = plancaldav.DropDelete
	gone1 := p[1]
	gone1.Cancelled = true
	res = x.sync([]export.Event{p[0], gone1})
	wantDone(t, "--dropped delete", res,
		"delete "+p[1].ID+" SEQUENCE 0: left the program",
		"delete "+p[2].ID+" SEQUENCE 1: dropped",
		"delete "+p[3].ID+" SEQUENCE 1: dropped")
	if got := x.s.uids(); len(got) != 1 || got[0] != uidOf(t, p[0]) {
		t.Errorf("the server holds %v, want only %s", got, p[0].ID)
	}
}

// An event someone changed on the server since the last sync is a
// conflict: it is reported and left as the server has it, until --force
// writes the plan's version over it.
func TestSyncConflicts(t *testing.T) {
	x := newSession(t)
	p := picks(t, 4)
	x.sync(p)
	x.s.requests()

	edited, deleted, dropped := p[0], p[1], p[2]
	x.s.edit(uidOf(t, edited), func(ev *ical.Component) {
		ev.Props.SetText(ical.PropSummary, "Edited on the phone")
	})
	x.s.remove(uidOf(t, deleted))
	x.s.edit(uidOf(t, dropped), func(ev *ical.Component) {
		ev.Props.SetText(ical.PropLocation, "Moved on the phone")
	})
	p[0].Note = "the plan changed it too"
	now := []export.Event{p[0], p[1], p[3]}

	res := x.sync(now)
	wantDone(t, "the sync after edits on the server", res,
		"conflict "+p[0].ID+" SEQUENCE 1: changed on the server",
		"conflict "+p[1].ID+" SEQUENCE 0: deleted on the server",
		"conflict "+p[2].ID+" SEQUENCE 0: changed on the server; not deleted")
	if res.Writes != 0 || res.UpToDate() {
		t.Errorf("conflicts: %d writes, up to date %v", res.Writes, res.UpToDate())
	}
	if got := x.prop(edited, ical.PropSummary); got != "Edited on the phone" {
		t.Errorf("the edit on the server was overwritten: %q", got)
	}
	if got := x.prop(dropped, ical.PropLocation); got != "Moved on the phone" {
		t.Errorf("the event edited on the server was deleted: %q", got)
	}
	// Still a conflict next time: nothing was recorded.
	if res = x.sync(now); len(res.Done) != 3 || res.Count(plancaldav.Conflict) != 3 {
		t.Errorf("the next sync: %v", done(res))
	}

	x.o.Force = true
	res = x.sync(now)
	wantDone(t, "sync --force", res,
		"create "+p[1].ID+" SEQUENCE 0: deleted on the server; recreated (--force)",
		"update "+p[0].ID+" SEQUENCE 1: changed on the server; overwritten (--force)",
		"delete "+p[2].ID+" SEQUENCE 0: dropped")
	if got := x.prop(edited, ical.PropSummary); got != edited.Title {
		t.Errorf("--force left the server's edit: %q", got)
	}
	if ev, _ := x.s.event(uidOf(t, deleted)); ev == nil {
		t.Errorf("--force did not recreate the event deleted on the server")
	}
	x.o.Force = false
	if res = x.sync(now); !res.UpToDate() || res.Writes != 0 {
		t.Errorf("after --force: %v, %d writes", done(res), res.Writes)
	}
}

// A change on the server between the listing and the write is caught by
// the server (412 on If-Match) and reported as a conflict; the state does
// not record a write that did not happen.
func TestSyncPreconditionFailed(t *testing.T) {
	x := newSession(t)
	p := picks(t, 3)
	x.sync(p)
	x.s.requests()

	p[0].Note = "changed in the plan"
	uid0, uid2 := uidOf(t, p[0]), uidOf(t, p[2])
	known0, known2 := *x.st.Events[uid0], *x.st.Events[uid2]
	x.s.before = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPut || r.Method == http.MethodDelete {
			// The phone got there first.
			uid := map[string]string{known0.Href: uid0, known2.Href: uid2}[r.URL.Path]
			x.s.edit(uid, func(ev *ical.Component) { ev.Props.SetText(ical.PropSummary, "Phone") })
		}
		return false
	}
	res := x.sync(p[:2])
	x.s.before = nil
	wantDone(t, "a sync racing an edit on the phone", res,
		"conflict "+p[0].ID+" SEQUENCE 1: changed on the server during the sync",
		"conflict "+p[2].ID+" SEQUENCE 0: changed on the server during the sync")
	got := writes(x.s.requests())
	if len(got) != 2 {
		t.Errorf("want a PUT and a DELETE, both refused: %v", got)
	}
	if k := x.st.Events[uid0]; k == nil || k.ETag != known0.ETag || k.Hash != known0.Hash || k.Sequence != known0.Sequence {
		t.Errorf("the state recorded the refused update: %+v", k)
	}
	if k := x.st.Events[uid2]; k == nil || k.ETag != known2.ETag {
		t.Errorf("the state recorded the refused delete: %+v", k)
	}
	if got := x.prop(p[0], ical.PropSummary); got != "Phone" {
		t.Errorf("the server's edit was overwritten: %q", got)
	}
}

// A lost state file (or one about another calendar) is a fresh start:
// the events already on the server are recognised by their UIDs, adopted
// without a write when they are as the plan wants them and repaired when
// not; events that are not the plan's are never touched.
func TestSyncWithoutState(t *testing.T) {
	x := newSession(t)
	p := picks(t, 4)
	foreign := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\nBEGIN:VEVENT\r\nUID:dentist@example.org\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260131T080000Z\r\nDTEND:20260131T090000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	x.s.add("dentist.ics", foreign)
	other := strings.ReplaceAll(strings.ReplaceAll(foreign, "dentist@example.org", "0123456789abcdef0123456789abcdef@plan"), "Dentist", "Another conference")
	x.s.add("other.ics", other)
	x.sync(p)
	x.s.requests()

	x.st = plancaldav.NewState(x.s.URL()) // the state file is lost
	p[1].Start, p[1].End, p[1].Rev = p[1].Start.Add(time.Hour), p[1].End.Add(time.Hour), 1
	res := x.sync(p[:3])
	wantDone(t, "a sync without its state", res,
		"update "+p[1].ID+" SEQUENCE 1: repaired",
		"adopt "+p[0].ID+" SEQUENCE 0: ",
		"adopt "+p[2].ID+" SEQUENCE 0: ")
	if res.Writes != 1 || res.Count(plancaldav.Create) != 0 {
		t.Errorf("without its state: %d writes, %d created", res.Writes, res.Count(plancaldav.Create))
	}
	if len(x.st.Events) != 3 {
		t.Errorf("the state knows %d events, want the 3 picks", len(x.st.Events))
	}
	// The fourth pick's event, unknown to the new state and no longer
	// wanted, stays: only what the state, the plan or the program names
	// is touched, and this sync is not told the program (Options.Program;
	// 'plan sync' is, see TestSyncFindsWhatAnEarlierSyncLeft).
	if res = x.sync(p[:3]); !res.UpToDate() || res.Writes != 0 {
		t.Errorf("then: %v, %d writes", done(res), res.Writes)
	}
	want := []string{"0123456789abcdef0123456789abcdef@plan", "dentist@example.org"}
	for _, e := range p {
		want = append(want, uidOf(t, e))
	}
	slices.Sort(want)
	if got := x.s.uids(); !slices.Equal(got, want) {
		t.Errorf("the server holds %v, want %v", got, want)
	}

	// A state that names events the server does not hold (another
	// calendar's, or all deleted there) forgets them and writes nothing.
	x.st.Events["feedfacefeedfacefeedfacefeedface@plan"] = &plancaldav.Known{Href: calPath + "plan-feedface.ics", ETag: "old", Event: p[3]}
	res = x.sync(p[:3])
	wantDone(t, "a state naming an event the server lacks", res, "forget "+p[3].ID+" SEQUENCE 0: dropped")
	if res.Writes != 0 || !res.UpToDate() {
		t.Errorf("forgetting: %d writes, up to date %v", res.Writes, res.UpToDate())
	}
}

// A dry run says what a sync would do and changes nothing, neither on the
// server nor in the state.
func TestSyncDryRun(t *testing.T) {
	x := newSession(t)
	p := picks(t, 3)
	res, err := plancaldav.Sync(t.Context(), x.c, desired(t, p), x.st, x.o, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Done) != 3 || res.Count(plancaldav.Create) != 3 || res.Writes != 0 || len(x.st.Events) != 0 || len(x.s.uids()) != 0 {
		t.Errorf("dry run: %v, %d writes, state %d, server %d", done(res), res.Writes, len(x.st.Events), len(x.s.uids()))
	}
}

// A write whose answer is lost (the connection drops after the server
// took it) stops the sync with an error that says to run it again; the
// state keeps what was written before, and the next sync adopts the
// event the server took without writing it again.
func TestSyncConnectionDropped(t *testing.T) {
	x := newSession(t)
	p := picks(t, 3)
	puts := 0
	x.s.before = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPut {
			return false
		}
		if puts++; puts != 2 {
			return false
		}
		// The server takes the event, then the connection drops.
		x.s.h.ServeHTTP(httptest.NewRecorder(), r)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return true
		}
		conn.Close()
		return true
	}
	res, err := plancaldav.Sync(t.Context(), x.c, desired(t, p), x.st, x.o, false)
	var e *plancaldav.Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "lost the connection") || !strings.Contains(e.Msg, "run 'plan sync' again") {
		t.Fatalf("a dropped connection: %v", err)
	}
	if len(res.Done) != 1 || len(x.st.Events) != 1 || len(x.s.uids()) != 2 {
		t.Errorf("before the drop: done %v, state %d, server %d", done(res), len(x.st.Events), len(x.s.uids()))
	}
	if len(x.st.Journal) != 2 {
		t.Errorf("the journal holds %d writes, want the 2 not known to be done", len(x.st.Journal))
	}
	// The journal tells the next sync to look for the event whose answer
	// was lost: it finds it, records it and does not write it again.
	res = x.sync(p)
	wantDone(t, "the sync after the drop", res,
		"create "+p[2].ID+" SEQUENCE 0: new pick")
	if res.Writes != 1 || len(x.st.Events) != 3 || len(x.st.Journal) != 0 {
		t.Errorf("%d writes, want the one event not yet written; the state knows %d events, its journal %d", res.Writes, len(x.st.Events), len(x.st.Journal))
	}
}
