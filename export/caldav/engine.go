// Package caldav keeps a CalDAV calendar collection in step with a plan's
// picks. The engine (this file) is pure: from the events the plan wants,
// what the last sync saw (State) and what the server holds now (Remote),
// it decides what to create, update, delete or cancel, and what is a
// conflict. client.go speaks to the server through
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
	"slices"
	"strings"
	"time"

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
	// Fingerprint is what the event says (see fingerprint), to tell a
	// write of ours the last sync did not live to record from a change
	// someone made on the server.
	Fingerprint string
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

// Options are the user's choices for one sync.
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
}

// hashStamp is the DTSTAMP of the text a hash is taken of, so that the
// hash does not change with the clock.
var hashStamp = time.Unix(0, 0).UTC()

// Plan decides what a sync does. want are the events the plan wants,
// remote the events in the collection by UID (all of them: Plan picks
// ours), href the href a new event of a UID gets. The changes come in a
// fixed order: by op, then by start and UID.
func Plan(want []Desired, st *State, remote map[string]Remote, href func(uid string) string, o Options) ([]Change, error) {
	var out []Change
	wanted := make(map[string]bool, len(want))
	build := func(e export.Event, seq int, now time.Time) ([]byte, error) {
		e.Rev = seq
		return export.EventICS(o.Name, o.TimeZone, e, export.ICSOptions{Now: now})
	}
	hashOf := func(e export.Event) (string, error) {
		data, err := build(e, e.Rev, hashStamp)
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(data)
		return hex.EncodeToString(sum[:]), nil
	}
	// write decides about an event the plan wants written as e: new,
	// changed, unchanged, or changed on the server.
	write := func(uid string, e export.Event, newOp Op, reason string) error {
		h, err := hashOf(e)
		if err != nil {
			return err
		}
		k := st.Events[uid]
		r, onServer := remote[uid]
		seq := e.Rev
		if k != nil {
			if h == k.Hash {
				seq = k.Sequence
			} else {
				seq = max(e.Rev, k.Sequence+1)
			}
		}
		seq = max(seq, 0)
		data, err := build(e, seq, o.Now)
		if err != nil {
			return err
		}
		c := Change{UID: uid, Sequence: seq, Hash: h, Event: e, Data: data, Reason: reason}
		switch {
		case !onServer && k == nil:
			c.Op, c.Href = Create, href(uid)
			if newOp == Cancel {
				return nil // never create an event only to cancel it
			}
			if c.Reason == "" {
				c.Reason = "new pick"
			}
		case !onServer && k != nil:
			// Deleted on the server since the last sync.
			if newOp == Cancel {
				c.Op, c.Reason = Forget, "deleted on the server"
			} else if o.Force {
				c.Op, c.Href, c.Reason = Create, k.Href, "deleted on the server; recreated (--force)"
			} else {
				c.Op, c.Href, c.Reason = Conflict, k.Href, "deleted on the server"
			}
		default:
			c.Href = r.Href
			same := fingerprintICS(data) == r.Fingerprint && r.Fingerprint != ""
			switch {
			case same:
				// The server holds exactly this: unchanged, or a write
				// whose answer the last sync did not record.
				if k != nil && k.ETag == r.ETag && k.Hash == h && k.Sequence == seq {
					return nil
				}
				c.Op, c.ETag = Adopt, r.ETag
			case k == nil:
				// Ours by UID, but unknown to the state (a lost state
				// file, or a sync that stopped before saving it).
				c.Op, c.IfMatch = newOp, r.ETag
				if c.Reason == "" {
					c.Reason = "repaired"
				}
			case k.ETag != "" && k.ETag != r.ETag && !o.Force:
				c.Op, c.Reason = Conflict, "changed on the server"
			case k.ETag != "" && k.ETag != r.ETag:
				c.Op, c.IfMatch, c.Reason = newOp, r.ETag, "changed on the server; overwritten (--force)"
			case k.Hash == h && k.Sequence == seq:
				if k.ETag == "" { // the server gave no ETag on PUT: learn it now
					c.Op, c.ETag = Adopt, r.ETag
					break
				}
				return nil
			default:
				c.Op, c.IfMatch = newOp, r.ETag
				if c.Reason == "" {
					c.Reason = "changed"
				}
			}
		}
		out = append(out, c)
		return nil
	}

	for _, d := range want {
		if wanted[d.UID] || !d.Event.Scheduled() {
			continue
		}
		gone := d.Event.Cancelled || d.Event.Session.Cancelled
		if gone && o.Dropped != DropCancel {
			continue // deleted below, like a dropped pick
		}
		wanted[d.UID] = true
		op, reason := Update, ""
		if gone {
			op, reason = Cancel, "left the program"
			if k := st.Events[d.UID]; k != nil && k.Cancelled && k.Event.Cancelled {
				reason = ""
			}
		}
		if err := write(d.UID, d.Event, op, reason); err != nil {
			return nil, err
		}
	}
	uids := make([]string, 0, len(st.Events))
	for uid := range st.Events {
		if !wanted[uid] {
			uids = append(uids, uid)
		}
	}
	slices.Sort(uids)
	for _, uid := range uids {
		k := st.Events[uid]
		r, onServer := remote[uid]
		reason := "dropped"
		for _, d := range want {
			if d.UID == uid {
				reason = "left the program"
			}
		}
		switch {
		case !onServer:
			out = append(out, Change{Op: Forget, UID: uid, Href: k.Href, Event: k.Event, Sequence: k.Sequence, Reason: reason})
		case o.Dropped == DropCancel:
			e := k.Event
			e.Cancelled = true
			if err := write(uid, e, Cancel, reason); err != nil {
				return nil, err
			}
		case k.ETag != "" && k.ETag != r.ETag && !o.Force:
			out = append(out, Change{Op: Conflict, UID: uid, Href: r.Href, Event: k.Event, Sequence: k.Sequence, Reason: "changed on the server; not deleted"})
		default:
			out = append(out, Change{Op: Delete, UID: uid, Href: r.Href, IfMatch: r.ETag, Event: k.Event, Sequence: k.Sequence, Reason: reason})
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		if c := cmp.Compare(a.Op, b.Op); c != 0 {
			return c
		}
		if c := a.Event.Start.Compare(b.Event.Start); c != 0 {
			return c
		}
		return strings.Compare(a.UID, b.UID)
	})
	return out, nil
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
