package caldav

import (
	"context"
	"errors"
)

// Result is what a sync did (or, in a dry run, would do).
type Result struct {
	// Done are the changes carried out (all of them in a dry run), with
	// conflicts among them; a write the server refused with 412 is
	// turned into a Conflict.
	Done []Change
	// Unchanged counts the events that needed nothing.
	Unchanged int
	// Requests and Writes count the HTTP requests made, and the PUTs and
	// DELETEs among them.
	Requests, Writes int
}

// Count is how many changes of op r holds.
func (r *Result) Count(op Op) int {
	n := 0
	for _, c := range r.Done {
		if c.Op == op {
			n++
		}
	}
	return n
}

// UpToDate reports whether the sync found nothing to write and no
// conflict.
func (r *Result) UpToDate() bool {
	for _, c := range r.Done {
		if c.Op != Adopt && c.Op != Forget {
			return false
		}
	}
	return true
}

// Sync brings the collection in step with want: it checks that the URL is
// a calendar, lists its events, decides (Plan) and carries out each
// change, recording it in st as it succeeds. With dryRun it writes
// nothing and st is left as it was.
//
// On an error it returns what was done so far with the error: st then
// holds every write that succeeded, so that the caller can save it and the
// next sync carries on from there. A write whose answer was lost (the
// connection dropped after the server took it) is recognised by the next
// sync, which finds the event already as it should be.
func Sync(ctx context.Context, c *Client, want []Desired, st *State, o Options, dryRun bool) (*Result, error) {
	res := &Result{}
	defer func() { res.Requests, res.Writes = c.Requests() }()
	if err := c.CheckCalendar(ctx); err != nil {
		return res, err
	}
	remote, err := c.List(ctx)
	if err != nil {
		return res, err
	}
	changes, err := Plan(want, st, remote, c.Href, o)
	if err != nil {
		return res, err
	}
	res.Unchanged = countUnchanged(want, st, changes)
	if dryRun {
		res.Done = changes
		return res, nil
	}
	for _, ch := range changes {
		var etag string
		switch ch.Op {
		case Create:
			etag, err = c.Put(ctx, ch.Href, ch.Data, "")
		case Update, Cancel:
			etag, err = c.Put(ctx, ch.Href, ch.Data, ch.IfMatch)
		case Delete:
			err = c.Delete(ctx, ch.Href, ch.IfMatch)
		}
		if errors.Is(err, ErrPrecondition) {
			ch.Op, ch.Reason, err = Conflict, "changed on the server during the sync", nil
		}
		if err != nil {
			return res, err
		}
		if ch.Op != Conflict {
			st.Apply(ch, etag)
		}
		res.Done = append(res.Done, ch)
	}
	return res, nil
}

// countUnchanged is how many events the plan wants, or the state knows,
// that need no change.
func countUnchanged(want []Desired, st *State, changes []Change) int {
	touched := map[string]bool{}
	for _, c := range changes {
		if c.Op != Adopt {
			touched[c.UID] = true
		}
	}
	seen := map[string]bool{}
	for _, d := range want {
		if d.Event.Scheduled() {
			seen[d.UID] = true
		}
	}
	for uid := range st.Events {
		seen[uid] = true
	}
	n := 0
	for uid := range seen {
		if !touched[uid] {
			n++
		}
	}
	return n
}
