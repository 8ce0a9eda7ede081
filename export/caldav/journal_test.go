package caldav_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/export"
	plancaldav "github.com/plan-cli/plan/export/caldav"
)

// saved runs a sync of picks that saves its state as the state file
// would hold it (JSON), and returns every state it saved, in order.
func (x *session) saved(picks []export.Event) (*plancaldav.Result, []*plancaldav.State) {
	x.t.Helper()
	var states []*plancaldav.State
	o := x.o
	o.Save = func(st *plancaldav.State) error {
		data, err := json.Marshal(st)
		if err != nil {
			return err
		}
		var back plancaldav.State
		if err := json.Unmarshal(data, &back); err != nil {
			return err
		}
		states = append(states, &back)
		return nil
	}
	x.c = x.s.client(x.t, plancaldav.Credentials{})
	res, err := plancaldav.Sync(x.t.Context(), x.c, desired(x.t, picks), x.st, o, false)
	if err != nil {
		x.t.Fatalf("sync: %v", err)
	}
	return res, states
}

// A sync saves its state with the writes it is about to make before the
// first of them. Killed anywhere between that and its last save, it
// leaves that state: the next sync finds in it which writes were done
// (an event created, updated or deleted), so that an event whose pick
// was dropped meanwhile is deleted and not left on the calendar, and
// nothing is written twice or reported as a conflict.
func TestSyncKilledBetweenWriteAndRecord(t *testing.T) {
	x := newSession(t)
	p := picks(t, 6)
	res, states := x.saved(p[:4])
	if res.Count(plancaldav.Create) != 4 || len(states) != 2 {
		t.Fatalf("first sync: %v, saved %d times, want before and after the writes", done(res), len(states))
	}
	if j := states[0].Journal; len(j) != 4 || j[0].Op != "create" || !strings.HasPrefix(j[0].Href, calPath+"plan-") || len(states[0].Events) != 0 {
		t.Fatalf("the state saved before the writes: %d events, journal %+v", len(states[0].Events), j)
	}
	if len(states[1].Journal) != 0 || len(states[1].Events) != 4 {
		t.Errorf("the state saved after the writes: %d events, journal %d", len(states[1].Events), len(states[1].Journal))
	}

	// Killed after its writes: the state on disk is the one with the
	// journal. Two of the picks are dropped before the next sync.
	x.st = states[0]
	res = x.sync([]export.Event{p[0], p[2]})
	wantDone(t, "the sync after the killed one", res,
		"delete "+p[1].ID+" SEQUENCE 0: dropped",
		"delete "+p[3].ID+" SEQUENCE 0: dropped")
	want := []string{uidOf(t, p[0]), uidOf(t, p[2])}
	slices.Sort(want)
	if got := x.s.uids(); !slices.Equal(got, want) {
		t.Errorf("the server holds %v, want the two picks %v", got, want)
	}

	// Killed after an update, a delete and a create of one sync.
	moved := p[0]
	moved.Start, moved.End, moved.Rev = moved.Start.Add(time.Hour), moved.End.Add(time.Hour), 1
	_, states = x.saved([]export.Event{moved, p[4]})
	if len(states[0].Journal) != 3 {
		t.Fatalf("the journal: %+v, want an update, a delete and a create", states[0].Journal)
	}
	x.st = states[0]
	res = x.sync([]export.Event{moved, p[4], p[5]})
	wantDone(t, "the sync after the second killed one", res, "create "+p[5].ID+" SEQUENCE 0: new pick")
	if res.Writes != 1 || len(x.st.Events) != 3 || len(x.st.Journal) != 0 {
		t.Errorf("%d writes; the state knows %d events, its journal %d", res.Writes, len(x.st.Events), len(x.st.Journal))
	}
	if res = x.sync([]export.Event{moved, p[4], p[5]}); !res.UpToDate() || res.Writes != 0 {
		t.Errorf("then: %v, %d writes", done(res), res.Writes)
	}
}

// A journal whose writes were never made (killed before the first)
// changes nothing: the sync makes them.
func TestSyncKilledBeforeItsWrites(t *testing.T) {
	x := newSession(t)
	p := picks(t, 3)
	x.st.Journal = []plancaldav.Intent{{Op: "create", UID: uidOf(t, p[0]), Known: plancaldav.Known{Href: calPath + "plan-x.ics", Event: p[0]}}}
	res := x.sync(p)
	if res.Count(plancaldav.Create) != 3 || len(x.s.uids()) != 3 || len(x.st.Journal) != 0 {
		t.Errorf("after a journal of writes not made: %v; server %v", done(res), x.s.uids())
	}
}

// A state that cannot be saved before the writes stops the sync before
// any write: nothing reaches the server that the state could not record.
func TestSyncWritesNothingItCannotRecord(t *testing.T) {
	x := newSession(t)
	full := errors.New("no space left on device")
	o := x.o
	o.Save = func(*plancaldav.State) error { return full }
	res, err := plancaldav.Sync(t.Context(), x.c, desired(t, picks(t, 2)), x.st, o, false)
	if !errors.Is(err, full) || res.Writes != 0 || len(x.s.uids()) != 0 {
		t.Errorf("a state that cannot be saved: %v, %d writes, server %v", err, res.Writes, x.s.uids())
	}
}

// programLookup is Options.Program over the whole FOSDEM program.
func programLookup(t *testing.T) func(uid string) (export.Event, bool) {
	byUID := map[string]export.Event{}
	for _, s := range fosdem(t).Sessions {
		e := export.Event{Session: *s}
		e.Session.Source = "fosdem-2026-pentabarf.xml"
		byUID[uidOf(t, e)] = e
	}
	return func(uid string) (export.Event, bool) {
		e, ok := byUID[uid]
		return e, ok
	}
}

// With the state file lost, the events a sync wrote for picks dropped
// since are found by listing: their UID is that of a session of the
// plan's program and their href the one a sync gives it. They are
// deleted (or cancelled with --dropped cancel); an event of another
// conference with a UID of the same shape, one of ours at an href a sync
// does not use, and anyone else's are never touched.
func TestSyncFindsWhatAnEarlierSyncLeft(t *testing.T) {
	for _, mode := range []string{plancaldav.DropDelete, plancaldav.DropCancel} {
		t.Run(mode, func(t *testing.T) {
			x := newSession(t)
			x.o.Dropped = mode
			x.o.Program = programLookup(t)
			p := picks(t, 5)
			foreign := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\nBEGIN:VEVENT\r\nUID:dentist@example.org\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260131T080000Z\r\nDTEND:20260131T090000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
			x.s.add("dentist.ics", foreign)
			other := strings.NewReplacer("dentist@example.org", "0123456789abcdef0123456789abcdef@plan", "dentist.ics", "x").Replace(foreign)
			x.s.add("plan-0123456789abcdef0123456789abcdef.ics", other)
			x.sync(p)
			// The same event as p[4]'s, copied by someone to another href.
			ev, at := x.s.event(uidOf(t, p[4]))
			if ev == nil {
				t.Fatal("no event for the last pick")
			}
			x.s.mu.Lock()
			copied := *x.s.objects[at]
			x.s.objects[calPath+"copy.ics"] = &copied
			delete(x.s.objects, at)
			x.s.mu.Unlock()

			x.st = plancaldav.NewState(x.s.URL()) // the state file is lost
			res := x.sync(p[:2])
			left := []string{"delete " + p[2].ID + " SEQUENCE 0", "delete " + p[3].ID + " SEQUENCE 0"}
			if mode == plancaldav.DropCancel {
				left = []string{"cancel " + p[2].ID + " SEQUENCE 1", "cancel " + p[3].ID + " SEQUENCE 1"}
			}
			wantDone(t, "a sync without its state, two picks dropped", res,
				left[0]+": left behind by an earlier sync",
				left[1]+": left behind by an earlier sync",
				"adopt "+p[0].ID+" SEQUENCE 0: ",
				"adopt "+p[1].ID+" SEQUENCE 0: ")
			uids := x.s.uids()
			for _, keep := range []string{"dentist@example.org", "0123456789abcdef0123456789abcdef@plan", uidOf(t, p[4])} {
				if !slices.Contains(uids, keep) {
					t.Errorf("%s is gone from the server", keep)
				}
			}
			if mode == plancaldav.DropCancel {
				if got := x.prop(p[2], "STATUS"); got != "CANCELLED" {
					t.Errorf("the left event's STATUS: %q, want CANCELLED", got)
				}
			} else if slices.Contains(uids, uidOf(t, p[2])) || slices.Contains(uids, uidOf(t, p[3])) {
				t.Errorf("the dropped picks' events are still on the server: %v", uids)
			}
			if res = x.sync(p[:2]); !res.UpToDate() || res.Writes != 0 {
				t.Errorf("then: %v, %d writes", done(res), res.Writes)
			}
		})
	}
}
