package schedule

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
)

// The edits a command makes to a plan live here: each changes the plan in
// memory and returns what changed, so a command can report it once the
// plan is saved. None touches the disk.

// AddOptions are what plan add sets on the picks it makes or updates.
type AddOptions struct {
	Priority Priority // "" keeps an existing pick's priority (new picks: want)
	Note     string   // "" keeps an existing pick's note
}

// AddResult is what an add did.
type AddResult struct {
	// Added are the new picks, in the order asked.
	Added []*Pick
	// Updated are the picks that existed already, with what changed.
	Updated []PickUpdate
	// Clashes are the clashes the add created: those involving an added
	// or updated pick that were not there before.
	Clashes []Clash
}

// PickUpdate is an existing pick an add touched.
type PickUpdate struct {
	Pick *Pick
	// Changes says what changed ("priority want → must", "note updated",
	// "back in your plan (was skipped)", "… (was dropped)"); empty when
	// nothing did.
	Changes []string
}

// UpdatedPicks lists the updated picks.
func (r AddResult) UpdatedPicks() []*Pick {
	out := make([]*Pick, 0, len(r.Updated))
	for _, u := range r.Updated {
		out = append(out, u.Pick)
	}
	return out
}

// Add picks the sessions with ids (duplicates count once). found holds the
// program's sessions by id (as looked up by the store); an id that is
// neither picked nor found gives a *NotFoundError, and nothing changes.
// Picking a session again updates its priority or note, and brings a
// skipped or dropped pick back (planned).
func (p *Plan) Add(ids []string, found map[string]*Session, o AddOptions) (AddResult, error) {
	ids = Dedupe(ids)
	for _, id := range ids {
		if found[id] == nil && p.Pick(id) == nil {
			return AddResult{}, &NotFoundError{What: "session", ID: id}
		}
	}
	before := clashSet(p)
	var res AddResult
	for _, id := range ids {
		if pk := p.Pick(id); pk != nil {
			u := PickUpdate{Pick: pk}
			if o.Priority != "" && o.Priority != pk.Priority {
				u.Changes = append(u.Changes, fmt.Sprintf("priority %s → %s", pk.Priority, o.Priority))
				pk.Priority = o.Priority
			}
			if o.Note != "" && o.Note != pk.Note {
				u.Changes = append(u.Changes, "note updated")
				pk.Note = o.Note
			}
			if pk.Status.SetAside() {
				u.Changes = append(u.Changes, fmt.Sprintf("back in your plan (was %s)", pk.Status))
				pk.Status = Planned
			}
			res.Updated = append(res.Updated, u)
			continue
		}
		pk := &Pick{Session: *found[id], Priority: Want, Status: Planned, Note: o.Note}
		if o.Priority != "" {
			pk.Priority = o.Priority
		}
		p.Picks = append(p.Picks, pk)
		res.Added = append(res.Added, pk)
	}
	res.Clashes = p.newClashes(before, append(res.Added, res.UpdatedPicks()...))
	return res, nil
}

// Entry is a personal entry: a booth visit, a hallway meeting, lunch. It
// may have no time.
type Entry struct {
	Title, Room, Track, Note string
	Kind                     Kind     // "" is other
	Priority                 Priority // "" is want
	Start, End               time.Time
}

// EntryError is a personal entry that cannot be added as given.
type EntryError struct{ Msg string }

func (e *EntryError) Error() string { return e.Msg }

// AddPersonal adds a personal entry with an id made from its title
// ("my-red-hat-booth", "my-red-hat-booth-2" when taken), and reports the
// clashes it creates.
func (p *Plan) AddPersonal(e Entry) (AddResult, error) {
	title := strings.Join(strings.Fields(e.Title), " ")
	if title == "" {
		return AddResult{}, &EntryError{"the title is empty"}
	}
	if e.Start.IsZero() != e.End.IsZero() {
		return AddResult{}, &EntryError{"an entry with a time needs both a start and an end"}
	}
	if !e.Start.IsZero() && !e.End.After(e.Start) {
		return AddResult{}, &EntryError{"the end must be after the start"}
	}
	kind := e.Kind
	if kind == "" {
		kind = KindOther
	}
	pk := &Pick{
		Session:  Session{ID: p.personalID(title), Title: title, Kind: kind, Room: strings.TrimSpace(e.Room), Track: strings.TrimSpace(e.Track)},
		Priority: Want, Status: Planned, Note: e.Note, Personal: true,
	}
	if e.Priority != "" {
		pk.Priority = e.Priority
	}
	if !e.Start.IsZero() {
		loc := p.Location()
		pk.Start, pk.End = e.Start.In(loc), e.End.In(loc)
	}
	before := clashSet(p)
	p.Picks = append(p.Picks, pk)
	return AddResult{Added: []*Pick{pk}, Clashes: p.newClashes(before, []*Pick{pk})}, nil
}

var slugRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^a-z0-9]+`) })

// personalID makes an unused id for a personal entry from its title.
func (p *Plan) personalID(title string) string {
	base := "my-" + strings.Trim(slugRE().ReplaceAllString(strings.ToLower(title), "-"), "-")
	if len(base) > 40 {
		base = strings.TrimRight(base[:40], "-")
	}
	if base == "my-" {
		base = "my-entry"
	}
	id := base
	for n := 2; p.Pick(id) != nil; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// clashSet is the set of clashing pairs among the plan's picks.
func clashSet(p *Plan) map[[2]string]bool {
	set := map[[2]string]bool{}
	for _, c := range FindClashes(p.Picks, &p.Venue) {
		set[[2]string{c.A.ID, c.B.ID}] = true
	}
	return set
}

// newClashes are the clashes now among the picks that involve one of
// touched and were not in before.
func (p *Plan) newClashes(before map[[2]string]bool, touched []*Pick) []Clash {
	ids := map[string]bool{}
	for _, pk := range touched {
		ids[pk.ID] = true
	}
	var out []Clash
	for _, c := range FindClashes(p.Picks, &p.Venue) {
		if (ids[c.A.ID] || ids[c.B.ID]) && !before[[2]string{c.A.ID, c.B.ID}] {
			out = append(out, c)
		}
	}
	return out
}

// Remove drops the picks with ids and returns them; an id that is not
// picked gives a *NotFoundError (with similar picks), and nothing changes.
func (p *Plan) Remove(ids []string) ([]*Pick, error) {
	drop := map[string]bool{}
	for _, id := range ids {
		if p.Pick(id) == nil {
			return nil, &NotFoundError{What: "pick", ID: id, Similar: p.similarPicks(id)}
		}
		drop[id] = true
	}
	var removed []*Pick
	keep := p.Picks[:0]
	for _, pk := range p.Picks {
		if drop[pk.ID] {
			removed = append(removed, pk)
		} else {
			keep = append(keep, pk)
		}
	}
	p.Picks = keep
	return removed, nil
}

// SetStatus records what became of picks. Attending a session that was
// not picked (found holds it, by id) adds it as an attended, unplanned
// pick; skipping one that is not picked is a *NotFoundError.
func (p *Plan) SetStatus(ids []string, status Status, found map[string]*Session) ([]*Pick, error) {
	ids = Dedupe(ids)
	for _, id := range ids {
		if p.Pick(id) != nil {
			continue
		}
		if status != Attended {
			return nil, &NotFoundError{What: "pick", ID: id, Similar: p.similarPicks(id)}
		}
		if found[id] == nil {
			return nil, &NotFoundError{What: "session", ID: id}
		}
	}
	var changed []*Pick
	for _, id := range ids {
		pk := p.Pick(id)
		if pk == nil {
			pk = &Pick{Session: *found[id], Priority: Want, Unplanned: true}
			p.Picks = append(p.Picks, pk)
		}
		pk.Status = status
		changed = append(changed, pk)
	}
	return changed, nil
}

// MissingPicks lists the ids that are not picked.
func (p *Plan) MissingPicks(ids []string) []string {
	var out []string
	for _, id := range Dedupe(ids) {
		if p.Pick(id) == nil {
			out = append(out, id)
		}
	}
	return out
}

// SetNote sets (or, with add, extends by a line) the note of a pick.
func (p *Plan) SetNote(id, text string, add bool) (*Pick, error) {
	pk := p.Pick(id)
	if pk == nil {
		return nil, &NotFoundError{What: "pick", ID: id, Similar: p.similarPicks(id)}
	}
	if add && pk.Note != "" {
		pk.Note += "\n" + text
	} else {
		pk.Note = text
	}
	return pk, nil
}

// RemoveFact drops the fact labelled label (any case) and returns it.
func (p *Plan) RemoveFact(label string) (Fact, bool) {
	for i, f := range p.Facts {
		if strings.EqualFold(f.Label, label) {
			p.Facts = append(p.Facts[:i], p.Facts[i+1:]...)
			return f, true
		}
	}
	return Fact{}, false
}

// similarPicks returns up to three pick ids that look like id.
func (p *Plan) similarPicks(id string) []string {
	var ss []*Session
	for _, pk := range p.Picks {
		ss = append(ss, &pk.Session)
	}
	return NewProgram(ss).Similar(id, 3)
}

// Dedupe drops repeated ids, keeping the first of each.
func Dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// TightTransitions counts the transitions between active picks that are
// too short to walk.
func (p *Plan) TightTransitions() int {
	n := 0
	for _, c := range FindClashes(p.Picks, &p.Venue) {
		if c.Type == Tight {
			n++
		}
	}
	return n
}

// Adopt gives a plan without a name or zone those of the program it
// imports: name, then zone (the user's --tz, else the program's zone
// name), else the zone of the program's first scheduled session: a real
// zone as it is, and an offset without a zone name (31C3's +01:00, an
// iCalendar feed all in UTC) as that fixed offset, so every clock shown
// is the feed's own. It reports whether the zone is such a fixed offset,
// which the caller should tell the user how to name. A plan that has a
// zone keeps its own.
func (p *Plan) Adopt(name, tz, programZone string, sessions []*Session) (fixed bool, err error) {
	if p.Conference.Name == "" {
		p.Conference.Name = name
	}
	if p.Conference.TimeZone != "" {
		return false, nil
	}
	zone := tz
	if zone == "" {
		zone = programZone
	}
	var first *Session
	for _, s := range sessions {
		if s.Scheduled() {
			first = s
			break
		}
	}
	if zone == "" && first != nil {
		zone = first.Start.Location().String()
		if zone == "" || zone == "Local" || zone == "UTC" {
			// No zone name: the offset the feed wrote.
			_, off := first.Start.Zone()
			zone, fixed = OffsetName(off), true
			if off == 0 {
				zone = "UTC"
			}
		}
	}
	if zone != "" && zone != "Local" {
		if err := p.SetTimeZone(zone); err != nil {
			return false, err
		}
	}
	return fixed, nil
}
