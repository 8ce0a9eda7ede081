// Package caldav keeps a CalDAV calendar collection in step with a plan's
// picks. The engine (this file) is pure: from the events the plan wants,
// what the last sync saw (State) and what the server holds now (Remote),
// it decides what to create, update, delete or cancel, and what is a
// conflict. compare.go tells whether the server already holds what the
// plan would write; client.go speaks to the server through
// github.com/emersion/go-webdav; sync.go runs the decisions.
//
// It touches only events it created: an event is ours when its UID is in
// the state of the last sync or is one the plan wants now (export.UID,
// "<hex>@plan", unique per conference and session). Anything else in the
// collection is never written, whatever its UID.
package caldav

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/plan-cli/plan/export"
)

// Dropped modes: what becomes of the event of a pick that was removed or
// whose session left the program.
const (
	DropDelete = "delete"
	DropCancel = "cancel"
)

// StateVersion is the version of the state file this build writes.
const StateVersion = 1

// State is what the last sync saw, kept beside the plan (not in it): for
// every event it wrote, where it lives and the server's ETag then.
type State struct {
	Version  int               `json:"version"`
	Calendar string            `json:"calendar"`
	Events   map[string]*Known `json:"events"`
	// Journal holds the writes a sync is about to make: it is saved
	// before the first of them and emptied after the last. A sync that
	// finds it not empty knows the one before was stopped (killed, the
	// machine off) between a write and its record, and asks the server
	// which of them were done (reconcile), so that no event is left on
	// the calendar that the state does not know.
	Journal []Intent `json:"journal,omitempty"`
}

// Intent is a write a sync is about to make: the change's op ("create",
// "update", "cancel" or "delete"), its UID, and what the state is to
// know of the event once it is done (the ETag is the server's answer,
// unknown until then).
type Intent struct {
	Op  string `json:"op"`
	UID string `json:"uid"`
	Known
}

// Known is one event as the last sync left it.
type Known struct {
	Href     string `json:"href"`
	ETag     string `json:"etag"`
	Sequence int    `json:"sequence"`
	// Hash is the hash of the event as the plan gave it (at the plan's
	// own SEQUENCE, without DTSTAMP): the same hash again means nothing
	// changed.
	Hash      string `json:"hash"`
	Cancelled bool   `json:"cancelled,omitempty"`
	// Event is the pick as it was, so that a pick removed from the plan
	// can still be written as cancelled.
	Event export.Event `json:"event"`
}

// NewState is an empty state for the calendar at url.
func NewState(url string) *State {
	return &State{Version: StateVersion, Calendar: url, Events: map[string]*Known{}}
}

// Remote is an event the server holds.
type Remote struct {
	Href string
	ETag string
	// Event is the event as the server gives it (its first VEVENT): what
	// is compared with what the plan would write (see holds).
	Event *ical.Component
}

// sequence is the SEQUENCE of the server's event; 0 when it has none.
func (r Remote) sequence() int {
	if r.Event == nil {
		return 0
	}
	if p := r.Event.Props.Get(ical.PropSequence); p != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(p.Value)); err == nil {
			return n
		}
	}
	return 0
}

// Desired is an event the plan wants in the calendar.
type Desired struct {
	UID   string
	Event export.Event
}

// Op is what a sync does to one event.
type Op int

const (
	Create   Op = iota + 1 // PUT with If-None-Match: *
	Update                 // PUT with If-Match: the known ETag
	Delete                 // DELETE with If-Match
	Cancel                 // PUT of the event with STATUS:CANCELLED, If-Match
	Conflict               // changed (or deleted) on the server since the last sync: left alone
	Adopt                  // the server already holds what we would write: record it, write nothing
	Forget                 // gone from the server and from the plan: drop it from the state
)

func (o Op) String() string {
	return [...]string{"", "create", "update", "delete", "cancel", "conflict", "adopt", "forget"}[o]
}

// Change is one decision.
type Change struct {
	Op       Op
	UID      string
	Href     string
	IfMatch  string // the ETag the write is conditional on ("" for Create)
	Sequence int    // the SEQUENCE to write
	Hash     string // the plan's hash of what is written
	Event    export.Event
	Data     []byte // the calendar object to PUT (Create, Update, Cancel)
	Reason   string
	// ETag is the server's ETag to record (Adopt).
	ETag string
}

// Options are the user's choices for one sync, and where its state goes.
type Options struct {
	Dropped string // DropDelete (default) or DropCancel
	// Force overwrites events changed on the server with the plan's
	// version (and recreates ones deleted there) instead of reporting a
	// conflict.
	Force bool
	// Name and TimeZone are the calendar's (export.Calendar), which the
	// events are written with.
	Name, TimeZone string
	// Now is the DTSTAMP of what is written.
	Now time.Time
	// Program, when set, gives the event of a session of the plan's
	// program by its UID, picked or not: an event of the collection at
	// the href a sync gives that UID, which the state does not know and
	// the plan does not want, was left behind by an earlier sync, and is
	// deleted (or cancelled) like a dropped pick's.
	Program func(uid string) (export.Event, bool)
	// Save, when set, writes the state where the next sync finds it.
	// Sync calls it before its first write, with the writes it is about
	// to make in the journal, after a write fails, and when it is done.
	Save func(*State) error
}

// hashStamp is the DTSTAMP of the text a hash is taken of, so that the
// hash does not change with the clock.
var hashStamp = time.Unix(0, 0).UTC()

// Plan decides what a sync does. want are the events the plan wants,
// remote the events in the collection by UID (all of them: Plan picks
// ours), href the href a new event of a UID gets. The changes come in a
// fixed order: by op, then by start and UID.
func Plan(want []Desired, st *State, remote map[string]Remote, href func(uid string) string, o Options) ([]Change, error) {
	p := &planner{st: st, remote: remote, href: href, o: o}
	wanted, err := p.wanted(want)
	if err != nil {
		return nil, err
	}
	if err := p.leftovers(want, wanted); err != nil {
		return nil, err
	}
	if err := p.orphans(want, wanted); err != nil {
		return nil, err
	}
	slices.SortStableFunc(p.out, func(a, b Change) int {
		if c := cmp.Compare(a.Op, b.Op); c != 0 {
			return c
		}
		if c := a.Event.Start.Compare(b.Event.Start); c != 0 {
			return c
		}
		return strings.Compare(a.UID, b.UID)
	})
	return p.out, nil
}

// planner is one Plan: what it decides from, and the changes so far.
type planner struct {
	st     *State
	remote map[string]Remote
	href   func(uid string) string
	o      Options
	out    []Change
}

// wanted decides about each event the plan wants (a session that left
// the program is wanted cancelled with --dropped cancel, and else left
// to leftovers) and returns their UIDs.
func (p *planner) wanted(want []Desired) (map[string]bool, error) {
	wanted := make(map[string]bool, len(want))
	for _, d := range want {
		if wanted[d.UID] || !d.Event.Scheduled() {
			continue
		}
		gone := d.Event.Cancelled || d.Event.Session.Cancelled
		if gone && p.o.Dropped != DropCancel {
			continue // deleted by leftovers, like a dropped pick
		}
		wanted[d.UID] = true
		op, reason := Update, ""
		if gone {
			op, reason = Cancel, "left the program"
			if k := p.st.Events[d.UID]; k != nil && k.Cancelled && k.Event.Cancelled {
				reason = ""
			}
		}
		if err := p.write(d.UID, d.Event, op, reason); err != nil {
			return nil, err
		}
	}
	return wanted, nil
}

// leftovers decides about the events the last sync wrote that the plan
// no longer wants: dropped picks, and sessions that left the program.
func (p *planner) leftovers(want []Desired, wanted map[string]bool) error {
	inPlan := make(map[string]bool, len(want))
	for _, d := range want {
		inPlan[d.UID] = true
	}
	uids := make([]string, 0, len(p.st.Events))
	for uid := range p.st.Events {
		if !wanted[uid] {
			uids = append(uids, uid)
		}
	}
	slices.Sort(uids)
	for _, uid := range uids {
		reason := "dropped"
		if inPlan[uid] {
			reason = "left the program"
		}
		if err := p.drop(uid, reason); err != nil {
			return err
		}
	}
	return nil
}

// orphans decides about the events of the collection that the state does
// not know and the plan does not want, but a sync wrote: a sync stopped
// between a write and its record, or the state file was lost. Such an
// event is recognised by its UID, a pick's or (Options.Program) that of
// a session of the plan's program, and its href, the one a sync gives
// that UID; it is deleted, or cancelled with --dropped cancel. Anything
// else in the collection is never touched.
func (p *planner) orphans(want []Desired, wanted map[string]bool) error {
	inPlan := make(map[string]export.Event, len(want))
	for _, d := range want {
		inPlan[d.UID] = d.Event
	}
	var uids []string
	for uid, r := range p.remote {
		if !wanted[uid] && p.st.Events[uid] == nil && samePath(r.Href, p.href(uid)) {
			uids = append(uids, uid)
		}
	}
	slices.Sort(uids)
	const reason = "left behind by an earlier sync"
	for _, uid := range uids {
		e, ours := inPlan[uid]
		if !ours && p.o.Program != nil {
			e, ours = p.o.Program(uid)
		}
		switch {
		case !ours:
		case p.o.Dropped == DropCancel:
			// Cancelled at a SEQUENCE above the server's, so that
			// clients take the change.
			e.Cancelled, e.Rev = true, max(e.Rev, p.remote[uid].sequence()+1)
			if err := p.write(uid, e, Cancel, reason); err != nil {
				return err
			}
		default:
			r := p.remote[uid]
			p.out = append(p.out, Change{Op: Delete, UID: uid, Href: r.Href, IfMatch: r.ETag, Event: e, Sequence: e.Rev, Reason: reason})
		}
	}
	return nil
}

// drop decides about one event the plan no longer wants: forgotten when
// the server no longer has it, cancelled with --dropped cancel, deleted
// unless someone changed it on the server.
func (p *planner) drop(uid, reason string) error {
	k := p.st.Events[uid]
	r, onServer := p.remote[uid]
	switch {
	case !onServer:
		p.out = append(p.out, Change{Op: Forget, UID: uid, Href: k.Href, Event: k.Event, Sequence: k.Sequence, Reason: reason})
	case p.o.Dropped == DropCancel:
		e := k.Event
		e.Cancelled = true
		return p.write(uid, e, Cancel, reason)
	case k.ETag != "" && k.ETag != r.ETag && !p.o.Force:
		p.out = append(p.out, Change{Op: Conflict, UID: uid, Href: r.Href, Event: k.Event, Sequence: k.Sequence, Reason: "changed on the server; not deleted"})
	default:
		p.out = append(p.out, Change{Op: Delete, UID: uid, Href: r.Href, IfMatch: r.ETag, Event: k.Event, Sequence: k.Sequence, Reason: reason})
	}
	return nil
}

// write decides about an event the plan wants written as e (newOp:
// Update, or Cancel for a cancelled one): new, changed, unchanged, or
// changed on the server.
func (p *planner) write(uid string, e export.Event, newOp Op, reason string) error {
	h, err := p.hash(e)
	if err != nil {
		return err
	}
	k := p.st.Events[uid]
	seq := e.Rev
	if k != nil {
		if h == k.Hash {
			seq = k.Sequence
		} else {
			seq = max(e.Rev, k.Sequence+1)
		}
	}
	seq = max(seq, 0)
	data, err := p.build(e, seq, p.o.Now)
	if err != nil {
		return err
	}
	c := Change{UID: uid, Sequence: seq, Hash: h, Event: e, Data: data, Reason: reason}
	r, onServer := p.remote[uid]
	var keep bool
	switch {
	case !onServer && k == nil:
		keep = p.create(&c, newOp)
	case !onServer:
		keep = p.deletedThere(&c, k, newOp)
	default:
		keep = p.onServer(&c, k, r, newOp)
	}
	if keep {
		p.out = append(p.out, c)
	}
	return nil
}

// create is a new event: created, unless it is only to be cancelled.
func (p *planner) create(c *Change, newOp Op) bool {
	if newOp == Cancel {
		return false // never create an event only to cancel it
	}
	c.Op, c.Href = Create, p.href(c.UID)
	if c.Reason == "" {
		c.Reason = "new pick"
	}
	return true
}

// deletedThere is an event the last sync wrote and someone deleted on the
// server since: a conflict, or recreated with --force; forgotten when it
// was to be cancelled anyway.
func (p *planner) deletedThere(c *Change, k *Known, newOp Op) bool {
	switch {
	case newOp == Cancel:
		c.Op, c.Reason = Forget, "deleted on the server"
	case p.o.Force:
		c.Op, c.Href, c.Reason = Create, k.Href, "deleted on the server; recreated (--force)"
	default:
		c.Op, c.Href, c.Reason = Conflict, k.Href, "deleted on the server"
	}
	return true
}

// onServer is an event the server holds (k is nil when the state does not
// know it): unchanged, adopted when the server already holds what the plan
// wants, a conflict when someone changed it there, or newOp.
func (p *planner) onServer(c *Change, k *Known, r Remote, newOp Op) bool {
	c.Href = r.Href
	if r.holds(c.Data) {
		// The server holds exactly this: unchanged, or a write whose
		// answer the last sync did not record.
		if k != nil && k.ETag == r.ETag && k.Hash == c.Hash && k.Sequence == c.Sequence {
			return false
		}
		c.Op, c.ETag = Adopt, r.ETag
		return true
	}
	switch {
	case k == nil:
		// Ours by UID, but unknown to the state (a lost state file, or a
		// sync that stopped before saving it).
		c.Op, c.IfMatch = newOp, r.ETag
		if c.Reason == "" {
			c.Reason = "repaired"
		}
	case k.ETag != "" && k.ETag != r.ETag && !p.o.Force:
		c.Op, c.Reason = Conflict, "changed on the server"
	case k.ETag != "" && k.ETag != r.ETag:
		c.Op, c.IfMatch, c.Reason = newOp, r.ETag, "changed on the server; overwritten (--force)"
	case k.Hash == c.Hash && k.Sequence == c.Sequence:
		if k.ETag != "" {
			return false
		}
		c.Op, c.ETag = Adopt, r.ETag // the server gave no ETag on PUT: learn it now
	default:
		c.Op, c.IfMatch = newOp, r.ETag
		if c.Reason == "" {
			c.Reason = "changed"
		}
	}
	return true
}

// build is the calendar object of e at SEQUENCE seq, stamped now: the
// bytes 'plan export --ics' writes for the event, as a CalDAV object.
func (p *planner) build(e export.Event, seq int, now time.Time) ([]byte, error) {
	e.Rev = seq
	return export.EventICS(p.o.Name, p.o.TimeZone, e, export.ICSOptions{Now: now})
}

// hash is the hash of e as the plan gives it: at its own SEQUENCE and a
// fixed DTSTAMP, so that it changes with the event and not the clock.
func (p *planner) hash(e export.Event) (string, error) {
	data, err := p.build(e, e.Rev, hashStamp)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Apply records in st what a change that was carried out did; etag is the
// server's answer to the write ("" when it gave none).
func (st *State) Apply(c Change, etag string) {
	switch c.Op {
	case Create, Update, Cancel:
		st.Events[c.UID] = &Known{Href: c.Href, ETag: etag, Sequence: c.Sequence, Hash: c.Hash,
			Cancelled: c.Op == Cancel || c.Event.Cancelled, Event: c.Event}
	case Adopt:
		st.Events[c.UID] = &Known{Href: c.Href, ETag: c.ETag, Sequence: c.Sequence, Hash: c.Hash,
			Cancelled: c.Event.Cancelled || c.Event.Session.Cancelled, Event: c.Event}
	case Delete, Forget:
		delete(st.Events, c.UID)
	}
}

// reconcile learns which of the writes in the journal were done, from
// what the server holds now (remote), records those in the state, and
// empties the journal. A create, update or cancel was done when the
// server holds at its href what it wrote; a delete when the server no
// longer holds the event. A write not done is left to the sync to decide
// about again.
func (st *State) reconcile(remote map[string]Remote, o Options) error {
	p := &planner{st: st, remote: remote, o: o}
	for _, in := range st.Journal {
		r, there := remote[in.UID]
		switch {
		case in.Op == Delete.String():
			if !there {
				delete(st.Events, in.UID)
			}
		case there && samePath(r.Href, in.Href):
			data, err := p.build(in.Event, in.Sequence, hashStamp)
			if err != nil {
				return err
			}
			if r.holds(data) {
				k := in.Known
				k.Href, k.ETag = r.Href, r.ETag
				st.Events[in.UID] = &k
			}
		}
	}
	st.Journal = nil
	return nil
}

// intents are the writes among changes, for the journal.
func intents(changes []Change) []Intent {
	var out []Intent
	for _, c := range changes {
		switch c.Op {
		case Create, Update, Cancel, Delete:
			out = append(out, Intent{Op: c.Op.String(), UID: c.UID, Known: Known{
				Href: c.Href, Sequence: c.Sequence, Hash: c.Hash,
				Cancelled: c.Op == Cancel || c.Event.Cancelled, Event: c.Event,
			}})
		}
	}
	return out
}

// clone is a copy of st that a dry run may change.
func (st *State) clone() *State {
	c := *st
	c.Events = maps.Clone(st.Events)
	c.Journal = slices.Clone(st.Journal)
	return &c
}
