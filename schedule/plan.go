package schedule

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// FormatVersion is the plan file format this build writes. Older plans are
// migrated on load; newer ones are refused.
const FormatVersion = 1

// Plan is everything the user owns: the conference, where its program came
// from, the picks with their notes and outcomes, personal entries, walking
// times and the recap's facts. It is stored as YAML (see store.go); the
// imported program itself lives beside it (see program.go) so that the
// file a person reads and edits stays small and fast to rewrite.
type Plan struct {
	Version    int        `yaml:"version"`
	Conference Conference `yaml:"conference"`
	// Kinds overrides the built-in kind mapping: keys are "type:WORD",
	// "track:NAME" or "title:PREFIX", values are kinds.
	Kinds map[string]Kind `yaml:"kinds,omitempty"`
	Venue Venue           `yaml:"venue,omitempty"`
	Picks []*Pick         `yaml:"picks"`
	Facts []Fact          `yaml:"facts,omitempty"`
	// History lists the changes imports and refreshes made to picks,
	// oldest first, bounded (see MaxHistory).
	History []HistoryEntry `yaml:"history,omitempty"`
	// Sync is where 'plan sync' keeps the picks' calendar (no credentials).
	Sync Sync `yaml:"sync,omitempty"`

	loc *time.Location
}

// Conference names the event and its zone, and lists the imported
// programs.
type Conference struct {
	Name     string   `yaml:"name"`
	TimeZone string   `yaml:"time_zone"`
	Sources  []Source `yaml:"sources,omitempty"`
}

// Source is one imported program.
type Source struct {
	Name     string    `yaml:"name"`             // key for re-imports, e.g. the feed's conference title
	Location string    `yaml:"location"`         // path or URL it was read from
	Format   string    `yaml:"format"`           // importer name
	Imported time.Time `yaml:"imported"`         // when
	Sessions int       `yaml:"sessions"`         // how many it held
	Prefix   string    `yaml:"prefix,omitempty"` // prepended to ids that would clash with another source
	// ETag and LastModified are the validators of the last download of a
	// URL source, for conditional requests on refresh.
	ETag         string `yaml:"etag,omitempty"`
	LastModified string `yaml:"last_modified,omitempty"`
	// FirstDay is the date --first-day gave a program that numbers its
	// days (a CSV's DAY 1, 2, 3), so refresh reads it the same way.
	FirstDay Day `yaml:"first_day,omitempty"`
}

// Venue holds walking times between rooms.
type Venue struct {
	// DefaultWalk applies to pairs of different rooms not listed in Walks;
	// zero means no walk is assumed.
	DefaultWalk Minutes `yaml:"default_walk,omitempty"`
	Walks       []Walk  `yaml:"walks,omitempty"`
}

// Walk is the time to get from one room to another, in either direction.
type Walk struct {
	From    string  `yaml:"from"`
	To      string  `yaml:"to"`
	Minutes Minutes `yaml:"minutes"`
}

// Minutes is a whole number of minutes.
type Minutes int

// Duration converts to a time.Duration.
func (m Minutes) Duration() time.Duration { return time.Duration(m) * time.Minute }

// WalkTime is the time needed to get from room a to room b: zero for the
// same room, the listed walk if any, else the default.
func (v *Venue) WalkTime(a, b string) time.Duration {
	if a == "" || b == "" || strings.EqualFold(a, b) {
		return 0
	}
	for _, w := range v.Walks {
		if (strings.EqualFold(w.From, a) && strings.EqualFold(w.To, b)) || (strings.EqualFold(w.From, b) && strings.EqualFold(w.To, a)) {
			return w.Minutes.Duration()
		}
	}
	return v.DefaultWalk.Duration()
}

// maxWalk is the longest walk the venue knows (zero without a venue):
// picks further apart cannot clash.
func maxWalk(v *Venue) time.Duration {
	if v == nil {
		return 0
	}
	m := v.DefaultWalk
	for _, w := range v.Walks {
		if w.Minutes > m {
			m = w.Minutes
		}
	}
	return m.Duration()
}

// SetWalk records (or replaces) the walk between two rooms.
func (v *Venue) SetWalk(a, b string, m Minutes) {
	for i, w := range v.Walks {
		if (strings.EqualFold(w.From, a) && strings.EqualFold(w.To, b)) || (strings.EqualFold(w.From, b) && strings.EqualFold(w.To, a)) {
			v.Walks[i].Minutes = m
			return
		}
	}
	v.Walks = append(v.Walks, Walk{From: a, To: b, Minutes: m})
}

// Priority says how much a pick matters; optimize keeps musts first.
type Priority string

const (
	Must  Priority = "must"
	Want  Priority = "want"
	Maybe Priority = "maybe"
)

// rank orders priorities: must 0, want 1, maybe 2.
func (p Priority) rank() int {
	switch p {
	case Must:
		return 0
	case Maybe:
		return 2
	}
	return 1
}

// ParsePriority accepts must, want or maybe.
func ParsePriority(s string) (Priority, error) {
	switch p := Priority(strings.ToLower(strings.TrimSpace(s))); p {
	case Must, Want, Maybe:
		return p, nil
	}
	return "", fmt.Errorf("unknown priority %q (use must, want or maybe)", s)
}

// Status is what became of a pick.
type Status string

const (
	Planned  Status = "planned"
	Attended Status = "attended"
	// Skipped is the user's own decision, usually at the conference, not
	// to go.
	Skipped Status = "skipped"
	// Dropped is what 'plan optimize --apply' gives the picks its best
	// schedule leaves out: alternatives kept in the plan (a watch-later
	// list), out of the schedule like skipped ones, but not a decision
	// the user recorded. Stats count them neither as attended nor as
	// skipped; 'plan add' makes one planned again.
	Dropped Status = "dropped"
)

// SetAside reports whether the status takes a pick out of the schedule:
// skipped or dropped. Such picks stay in the plan but clash with nothing,
// are left out of the agenda, calendars, gaps and now, and take no part
// in optimize.
func (s Status) SetAside() bool { return s == Skipped || s == Dropped }

// Pick is a session the user chose, or a personal entry (booth visit,
// meeting, lunch) they added. It keeps a copy of the session as it was last
// seen in the program, so the plan reads well on its own, survives the
// session being dropped from the program, and serves the everyday commands
// without loading the whole program.
type Pick struct {
	Session  `yaml:",inline"`
	Priority Priority `yaml:"priority"`
	Status   Status   `yaml:"status"`
	Note     string   `yaml:"note,omitempty"`
	// Personal marks an entry the user made rather than a program session.
	Personal bool `yaml:"personal,omitempty"`
	// Gone marks a pick whose session the last import no longer had.
	Gone bool `yaml:"gone,omitempty"`
	// Unplanned marks a session attended without having been picked first.
	Unplanned bool `yaml:"unplanned,omitempty"`
}

// MaxHistory bounds Plan.History; the oldest entries are dropped first.
const MaxHistory = 500

// HistoryEntry is one change an import or refresh made to a pick.
type HistoryEntry struct {
	At     time.Time // when the import ran
	Source string    // the program's name
	ID     string    // the pick
	Title  string    // its title after the change
	Change string    // what changed: a Change ("moved", "room changed", …)
	From   string    // the value before (a time range, a room, a title), may be ""
	To     string    // the value after, may be ""
}

// Sync is the calendar 'plan sync' keeps in step with the picks.
type Sync struct {
	CalDAV string // the calendar collection's URL, without credentials
	// Dropped says what becomes of the event of a pick that was dropped
	// or whose session left the program: "delete" (the default) or
	// "cancel" (kept, STATUS:CANCELLED).
	Dropped string
}

// Fact is one of the recap's factoids, "Price of Parking: too much".
type Fact struct {
	Label string `yaml:"label"`
	Value string `yaml:"value"`
}

// Location is the conference's zone (UTC when the plan names none): a tz
// database zone, or a fixed UTC offset ("+01:00") for a program that
// gives offsets but names no zone (see ParseZone).
func (p *Plan) Location() *time.Location {
	if p.loc != nil {
		return p.loc
	}
	if p.Conference.TimeZone != "" {
		if loc, err := ParseZone(p.Conference.TimeZone); err == nil {
			p.loc = loc
			return loc
		}
	}
	return time.UTC
}

// SetTimeZone validates and sets the conference zone: a tz database name
// or a fixed offset such as "+01:00".
func (p *Plan) SetTimeZone(name string) error {
	loc, err := ParseZone(name)
	if err != nil {
		return err
	}
	p.Conference.TimeZone = loc.String()
	p.loc = loc
	return nil
}

// ErrLocalZone is ParseZone's error for "Local": Go's name for the zone
// of the machine that reads it, which is another zone on every machine
// (and UTC on most servers). Callers that know the machine's zone name
// can say which to type instead.
var ErrLocalZone = errors.New(`"Local" means a different zone on every machine; give the zone by name`)

// ParseZone is plan's one reader of a time zone, wherever it comes from:
// --tz, plan config time_zone, the plan file, a zone a program names and
// the calendar writer. It takes a tz database name ("Europe/Brussels";
// not "Local", ErrLocalZone), or a fixed UTC offset "+HH:MM"/"-HH:MM"
// (also "UTC+01:00"), which is what a program that gives offsets and no
// zone name tells. A fixed offset shows the feed's own clock but cannot
// follow a daylight-saving change, so naming the zone is better.
func ParseZone(name string) (*time.Location, error) {
	n := strings.TrimSpace(name)
	if off, ok := parseOffset(n); ok {
		if off == 0 {
			return time.UTC, nil
		}
		return time.FixedZone(OffsetName(off), off), nil
	}
	if strings.EqualFold(n, "Local") {
		return nil, ErrLocalZone
	}
	loc, err := time.LoadLocation(n)
	if err != nil || n == "" {
		return nil, fmt.Errorf("unknown time zone %q (use a tz database name such as Europe/Brussels or America/Los_Angeles, or an offset such as +01:00)", name)
	}
	return loc, nil
}

// OffsetName writes an offset in seconds east of UTC as "+01:00".
func OffsetName(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off%3600/60)
}

// parseOffset reads "+01:00", "-0330", "+05", "UTC+01:00" or "GMT-08:00".
func parseOffset(s string) (int, bool) {
	for _, p := range []string{"UTC", "GMT"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
		}
	}
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	digits := strings.Replace(s[1:], ":", "", 1)
	if len(digits) != 2 && len(digits) != 4 {
		return 0, false
	}
	n := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	h, m := n, 0
	if len(digits) == 4 {
		h, m = n/100, n%100
	}
	if h > 14 || m > 59 || h == 14 && m > 0 {
		return 0, false
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// Pick returns the pick with id, or nil.
func (p *Plan) Pick(id string) *Pick {
	for _, pk := range p.Picks {
		if pk.ID == id {
			return pk
		}
	}
	return nil
}

// Active returns the picks that were not set aside (skipped or dropped).
func (p *Plan) Active() []*Pick {
	out := make([]*Pick, 0, len(p.Picks))
	for _, pk := range p.Picks {
		if !pk.Status.SetAside() {
			out = append(out, pk)
		}
	}
	return out
}

// Live reports whether the pick holds its place in the plan: neither set
// aside (skipped or dropped) nor gone from the program.
func (pk *Pick) Live() bool { return !pk.Status.SetAside() && !pk.Gone }

// livePicks are the picks that hold their place in the plan (see Live).
func livePicks(picks []*Pick) []*Pick {
	var out []*Pick
	for _, p := range picks {
		if p.Live() {
			out = append(out, p)
		}
	}
	return out
}

// sortPicks orders picks by Less; the sort is stable so that even
// duplicate ids come out in a fixed order.
func sortPicks(ps []*Pick) {
	sort.SliceStable(ps, func(i, j int) bool { return Less(&ps[i].Session, &ps[j].Session) })
}

// SortPicks orders the picks by time, unscheduled last.
func (p *Plan) SortPicks() {
	sort.SliceStable(p.Picks, func(i, j int) bool { return Less(&p.Picks[i].Session, &p.Picks[j].Session) })
}

// SetFact records a fact, replacing one with the same label (kept in its
// place) or appending a new one.
func (p *Plan) SetFact(label, value string) {
	for i, f := range p.Facts {
		if strings.EqualFold(f.Label, label) {
			p.Facts[i].Value = value
			return
		}
	}
	p.Facts = append(p.Facts, Fact{Label: label, Value: value})
}

// KindFor applies the plan's kind overrides to a session: title prefix,
// then type, then track. ok is false when no override matches. When more
// than one title prefix matches, the longest wins ("title:Workshop: Rust"
// beats "title:Workshop"); any remaining tie, such as "type:BoF" and
// "type:bof", goes to the key that sorts first, so the answer never
// depends on map order.
func (p *Plan) KindFor(s *Session) (Kind, bool) {
	if len(p.Kinds) == 0 {
		return "", false
	}
	keys := make([]string, 0, len(p.Kinds))
	for key := range p.Kinds {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	title := strings.ToLower(s.Title)
	best, bestLen := "", -1
	for _, key := range keys {
		field, val, found := strings.Cut(key, ":")
		if !found || !strings.EqualFold(strings.TrimSpace(field), "title") {
			continue
		}
		val = strings.ToLower(strings.TrimSpace(val))
		if strings.HasPrefix(title, val) && len(val) > bestLen {
			best, bestLen = key, len(val)
		}
	}
	if bestLen >= 0 {
		return p.Kinds[best], true
	}
	for _, f := range [...]struct{ field, value string }{{"type", s.Type}, {"track", s.Track}} {
		if f.value == "" {
			continue
		}
		for _, key := range keys {
			field, val, _ := strings.Cut(key, ":")
			if strings.EqualFold(strings.TrimSpace(field), f.field) && strings.EqualFold(strings.TrimSpace(val), f.value) {
				return p.Kinds[key], true
			}
		}
	}
	return "", false
}
