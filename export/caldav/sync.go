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
// a calendar, lists its events, learns what an interrupted sync before it
// did (the journal), decides (Plan) and carries out each change,
// recording it in st as it succeeds. With dryRun it writes nothing and st
// is left as it was.
//
// It is safe to stop at any moment: before its first write it saves st
// (Options.Save) with the writes it is about to make in the journal, so
// that the next sync finds out which were done, even when this one is
// killed between a write and its record. On an error it returns what was
// done so far with the error, st having been saved with every write that
// succeeded.
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
	if dryRun {
		st = st.clone()
	}
	interrupted := len(st.Journal) > 0
	if err := st.reconcile(remote, o); err != nil {
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
	return res, c.carryOut(ctx, st, changes, o.Save, res, interrupted)
}

// carryOut makes the changes, journal first, and saves st: before the
// first write, after a failed one, and at the end when anything changed
// (dirty: the journal of an interrupted sync was read).
func (c *Client) carryOut(ctx context.Context, st *State, changes []Change, save func(*State) error, res *Result, dirty bool) error {
	if save == nil {
		save = func(*State) error { return nil }
	}
	st.Journal = intents(changes)
	if len(st.Journal) > 0 {
		if err := save(st); err != nil {
			return err
		}
		dirty = true
	}
	for i, ch := range changes {
		etag, err := c.carry(ctx, ch)
		if errors.Is(err, ErrPrecondition) {
			ch.Op, ch.Reason, err = Conflict, "changed on the server during the sync", nil
		}
		if err != nil {
			// The write may have been done although its answer was lost:
			// it stays in the journal, with those not yet made.
			st.Journal = intents(changes[i:])
			if serr := save(st); serr != nil {
				return errors.Join(err, serr)
			}
			return err
		}
		if ch.Op != Conflict {
			st.Apply(ch, etag)
			dirty = true
		}
		res.Done = append(res.Done, ch)
	}
	st.Journal = nil
	if dirty {
		return save(st)
	}
	return nil
}

// carry makes one change on the server, and returns the new ETag.
func (c *Client) carry(ctx context.Context, ch Change) (string, error) {
	switch ch.Op {
	case Create:
		return c.Put(ctx, ch.Href, ch.Data, "")
	case Update, Cancel:
		return c.Put(ctx, ch.Href, ch.Data, ch.IfMatch)
	case Delete:
		return "", c.Delete(ctx, ch.Href, ch.IfMatch)
	}
	return "", nil
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
