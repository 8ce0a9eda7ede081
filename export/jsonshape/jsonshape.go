// Package jsonshape owns every shape that `plan … --json` prints: one Go
// type per shape, built from the domain by one function each. The shapes
// are a contract (docs/json.md): fields are added, never renamed or
// removed. Nothing else in plan defines a JSON field.
package jsonshape

import (
	"encoding/json"
	"io"
	"time"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/suggest"
)

// Write writes v indented, with a final newline, without HTML escaping.
func Write(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Time is RFC 3339 with the time's own UTC offset, null when zero.
func Time(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

// Session is a session of the program; a pick adds priority, status and
// note. Times are RFC 3339 with the conference's UTC offset, null when the
// session is not scheduled. (plan list, plan show, and inside most other
// shapes.)
type Session struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Subtitle  string   `json:"subtitle,omitempty"`
	Kind      string   `json:"kind"`
	Start     *string  `json:"start"`
	End       *string  `json:"end"`
	Room      string   `json:"room"`
	Track     string   `json:"track"`
	Language  string   `json:"language,omitempty"`
	Speakers  []string `json:"speakers"`
	URL       string   `json:"url"`
	Links     []Link   `json:"links,omitempty"`
	GUID      string   `json:"guid,omitempty"`
	RoomGUID  string   `json:"room_guid,omitempty"`
	Source    string   `json:"source,omitempty"`
	Abstract  string   `json:"abstract,omitempty"`
	Cancelled bool     `json:"cancelled"`
	// DoNotRecord says the speakers opted out of a recording.
	DoNotRecord bool   `json:"do_not_record,omitempty"`
	Picked      bool   `json:"picked"`
	Priority    string `json:"priority,omitempty"`
	Status      string `json:"status,omitempty"`
	Note        string `json:"note,omitempty"`
	Personal    bool   `json:"personal,omitempty"`
	Unplanned   bool   `json:"unplanned,omitempty"`
	Gone        bool   `json:"gone,omitempty"`
}

// Link is one of a session's links: its address, its title in the
// program ("" when none), and its kind (video, slides, feedback, chat or
// other).
type Link struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Kind  string `json:"kind"`
}

// Links converts a session's links (nil when it has none).
func Links(ls []schedule.Link) []Link {
	if len(ls) == 0 {
		return nil
	}
	out := make([]Link, len(ls))
	for i, l := range ls {
		kind := l.Kind
		if kind == "" {
			kind = schedule.LinkOther
		}
		out[i] = Link{URL: l.URL, Title: l.Title, Kind: string(kind)}
	}
	return out
}

// FromSession gives the shape of a program session; pick may be nil.
// withAbstract adds the abstract (plan list keeps it out unless asked).
func FromSession(s *schedule.Session, pick *schedule.Pick, withAbstract bool) Session {
	j := Session{
		ID: s.ID, Title: s.Title, Subtitle: s.Subtitle, Kind: string(s.Kind),
		Start: Time(s.Start), End: Time(s.End),
		Room: s.Room, Track: s.Track, Language: s.Language, Speakers: s.Speakers, URL: s.URL, Links: Links(s.Links),
		GUID: s.GUID, RoomGUID: s.RoomGUID, Source: s.Source, Cancelled: s.Cancelled, DoNotRecord: s.DoNotRecord,
	}
	if j.Speakers == nil {
		j.Speakers = []string{}
	}
	if withAbstract {
		j.Abstract = s.Abstract
	}
	if pick != nil {
		j.Picked = true
		j.Priority = string(pick.Priority)
		j.Status = string(pick.Status)
		j.Note = pick.Note
		j.Personal = pick.Personal
		j.Unplanned = pick.Unplanned
		j.Gone = pick.Gone
	}
	return j
}

// FromPick gives the shape of a pick from its snapshot.
func FromPick(p *schedule.Pick, withAbstract bool) Session {
	return FromSession(&p.Session, p, withAbstract)
}

// Sessions converts sessions (never nil); picks maps ids to picks.
func Sessions(ss []*schedule.Session, picks map[string]*schedule.Pick, withAbstract bool) []Session {
	out := make([]Session, 0, len(ss))
	for _, s := range ss {
		out = append(out, FromSession(s, picks[s.ID], withAbstract))
	}
	return out
}

// Picks converts picks (never nil).
func Picks(ps []*schedule.Pick) []Session {
	out := make([]Session, 0, len(ps))
	for _, p := range ps {
		out = append(out, FromPick(p, false))
	}
	return out
}

// Clash is an overlap or a transition too short to walk (plan clashes):
// sessions are the two ids, the earlier first.
type Clash struct {
	Sessions [2]string `json:"sessions"`
	Type     string    `json:"type"`
	Minutes  int       `json:"minutes"`
	Titles   [2]string `json:"titles"`
	Rooms    [2]string `json:"rooms"`
	Start    *string   `json:"start"`
}

// FromClash gives the shape of a clash.
func FromClash(c schedule.Clash) Clash {
	return Clash{
		Sessions: [2]string{c.A.ID, c.B.ID},
		Type:     string(c.Type),
		Minutes:  c.Minutes,
		Titles:   [2]string{c.A.Title, c.B.Title},
		Rooms:    [2]string{c.A.Room, c.B.Room},
		Start:    Time(c.B.Start),
	}
}

// Clashes converts a list, never nil.
func Clashes(cs []schedule.Clash) []Clash {
	out := make([]Clash, 0, len(cs))
	for _, c := range cs {
		out = append(out, FromClash(c))
	}
	return out
}

// AddResult is what plan add did.
type AddResult struct {
	Added   []Session `json:"added"`
	Updated []Session `json:"updated"`
	Clashes []Clash   `json:"clashes"`
}

// FromAdd gives the shape of an add.
func FromAdd(r schedule.AddResult) AddResult {
	return AddResult{Added: Picks(r.Added), Updated: Picks(r.UpdatedPicks()), Clashes: Clashes(r.Clashes)}
}

// AgendaDay is one day of the agenda.
type AgendaDay struct {
	Date     string    `json:"date"`
	Sessions []Session `json:"sessions"`
}

// Agenda is plan agenda: the picks by day, the unscheduled ones, and the
// clashes among them.
type Agenda struct {
	Days        []AgendaDay `json:"days"`
	Unscheduled []Session   `json:"unscheduled"`
	Clashes     []Clash     `json:"clashes"`
}

// FromAgenda gives the shape of an agenda over picks in time order.
func FromAgenda(picks []*schedule.Pick, clashes []schedule.Clash) Agenda {
	out := Agenda{Days: []AgendaDay{}, Unscheduled: []Session{}, Clashes: Clashes(clashes)}
	for _, pk := range picks {
		if !pk.Scheduled() {
			out.Unscheduled = append(out.Unscheduled, FromPick(pk, false))
			continue
		}
		d := pk.Day().String()
		if n := len(out.Days); n == 0 || out.Days[n-1].Date != d {
			out.Days = append(out.Days, AgendaDay{Date: d, Sessions: []Session{}})
		}
		last := &out.Days[len(out.Days)-1]
		last.Sessions = append(last.Sessions, FromPick(pk, false))
	}
	return out
}

// ImportReport is what plan import did with one source.
type ImportReport struct {
	Source    string       `json:"source"`
	Name      string       `json:"name"`
	Format    string       `json:"format"`
	Sessions  int          `json:"sessions"`
	New       bool         `json:"new"`
	Added     int          `json:"added"`
	Updated   int          `json:"updated"`
	Removed   int          `json:"removed"`
	Unchanged int          `json:"unchanged"`
	Picks     []PickChange `json:"picks"`
	Clashes   []Clash      `json:"clashes"`
	// NowFits are the ids of the skipped or dropped picks the changes
	// made room for: each fits the plan now and did not before.
	NowFits []string `json:"now_fits"`
	// Warnings say what the import did with input it could not take as
	// it was (a session left out, a title cut, ids made unique, a zone
	// the program does not name); [] when none.
	Warnings []Warning `json:"warnings"`
	// NotModified (plan refresh) says the source was not re-read: the
	// server answered 304 Not Modified, or the file is the same.
	NotModified bool `json:"not_modified,omitempty"`
	// Skipped (plan refresh) says why a source could not be re-read.
	Skipped string `json:"skipped,omitempty"`
}

// Warning is one thing an import did with bad input, and where.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Session string `json:"session,omitempty"`
	Message string `json:"message"`
}

// PickChange is a pick the import changed: the pick as it is now, what
// changed, and what it was.
type PickChange struct {
	Session
	Changes []string `json:"changes"`
	// Candidate is, for "possibly replaced", the session that now holds
	// the pick's time and room.
	Candidate *Session `json:"candidate,omitempty"`
	Was       struct {
		Title string  `json:"title"`
		Start *string `json:"start"`
		End   *string `json:"end"`
		Room  string  `json:"room"`
	} `json:"was"`
}

// FromImport gives the shape of an import.
func FromImport(res schedule.ImportResult) ImportReport {
	r := ImportReport{
		Source: res.Source.Location, Name: res.Source.Name, Format: res.Source.Format,
		Sessions: res.Source.Sessions, New: res.New, Added: res.Added, Updated: res.Updated,
		Removed: res.Removed, Unchanged: res.Unchanged, Picks: []PickChange{},
		Clashes: Clashes(res.Clashes), Warnings: []Warning{}, NowFits: []string{},
	}
	for _, pk := range res.NowFit {
		r.NowFits = append(r.NowFits, pk.ID)
	}
	for _, pc := range res.Picks {
		j := PickChange{Session: FromPick(pc.Pick, false), Changes: []string{}}
		for _, c := range pc.Changes {
			j.Changes = append(j.Changes, string(c))
		}
		if pc.Candidate != nil {
			c := FromSession(pc.Candidate, nil, false)
			j.Candidate = &c
		}
		j.Was.Title = pc.Old.Title
		j.Was.Room = pc.Old.Room
		j.Was.Start, j.Was.End = Time(pc.Old.Start), Time(pc.Old.End)
		r.Picks = append(r.Picks, j)
	}
	return r
}

// Walk is the walking time between two rooms.
type Walk struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Minutes int    `json:"minutes"`
}

// Walks is plan walk --json: the default walk and the listed ones.
type Walks struct {
	DefaultMinutes int    `json:"default_minutes"`
	Walks          []Walk `json:"walks"`
}

// FromVenue gives the shape of the venue's walks.
func FromVenue(v schedule.Venue) Walks {
	out := Walks{DefaultMinutes: int(v.DefaultWalk), Walks: []Walk{}}
	for _, w := range v.Walks {
		out.Walks = append(out.Walks, Walk{w.From, w.To, int(w.Minutes)})
	}
	return out
}

// Optimize is plan optimize --json.
type Optimize struct {
	Keep      []string       `json:"keep"`
	Drop      []Dropped      `json:"drop"`
	Conflicts []Clash        `json:"conflicts"`
	Untouched []string       `json:"untouched"`
	Score     map[string]int `json:"score"`
	Applied   bool           `json:"applied"`
}

// Dropped is a pick optimize leaves out, and why.
type Dropped struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Reason  string   `json:"reason"`
	Because []string `json:"because"`
	Clashes []Clash  `json:"clashes"`
}

// FromOptimize gives the shape of an optimize result.
func FromOptimize(res schedule.OptimizeResult, applied bool) Optimize {
	out := Optimize{Keep: []string{}, Drop: []Dropped{}, Conflicts: Clashes(res.Conflicts), Untouched: []string{},
		Score: map[string]int{"must": res.Score.Must, "want": res.Score.Want, "maybe": res.Score.Maybe}, Applied: applied}
	for _, pk := range res.Keep {
		out.Keep = append(out.Keep, pk.ID)
	}
	for _, d := range res.Drop {
		j := Dropped{ID: d.Pick.ID, Title: d.Pick.Title, Reason: d.Reason, Because: []string{}, Clashes: Clashes(d.Clashes)}
		for _, b := range d.Because {
			j.Because = append(j.Because, b.ID)
		}
		out.Drop = append(out.Drop, j)
	}
	for _, pk := range res.Untouched {
		out.Untouched = append(out.Untouched, pk.ID)
	}
	return out
}

// Suggest is plan suggest --json.
type Suggest struct {
	Topics   []Topic            `json:"topics"`
	Sessions []SuggestedSession `json:"sessions"`
}

// Topic is a topic recurring across the program.
type Topic struct {
	Topic    string `json:"topic"`
	Sessions int    `json:"sessions"`
	Tracks   int    `json:"tracks"`
	Covered  int    `json:"covered"`
	// Forms are the ways the program writes the topic, most used first
	// ("eBPF", "BPF"); --topic takes any of them.
	Forms []string `json:"forms"`
	// TrackNames are the tracks it spans, those with most sessions on it
	// first.
	TrackNames []string `json:"track_names"`
	Rooms      int      `json:"rooms"`
	Days       int      `json:"days"`
	Speakers   int      `json:"speakers"`
	// Heat is what topics rank by (breadth times how name-like it is).
	Heat float64 `json:"heat"`
}

// SuggestedSession is a session offered on a topic, with why.
type SuggestedSession struct {
	Session
	Topic  string `json:"topic"`
	Reason string `json:"reason"`
}

// FromSuggest gives the shape of suggestions.
func FromSuggest(res suggest.Result) Suggest {
	out := Suggest{Topics: []Topic{}, Sessions: []SuggestedSession{}}
	nonNil := func(l []string) []string {
		if l == nil {
			return []string{}
		}
		return l
	}
	for _, t := range res.Topics {
		out.Topics = append(out.Topics, Topic{
			Topic: t.Topic, Sessions: t.Sessions, Tracks: t.Tracks, Covered: t.Covered,
			Forms: nonNil(t.Forms), TrackNames: nonNil(t.TrackNames), Rooms: t.Rooms, Days: t.Days, Speakers: t.Speakers, Heat: t.Heat,
		})
	}
	for _, s := range res.Sessions {
		out.Sessions = append(out.Sessions, SuggestedSession{FromSession(s.Session, nil, false), s.Topic, s.Reason})
	}
	return out
}

// Now is plan now --json: the picks on now and next, and what is next in
// the room one is in.
type Now struct {
	At       string    `json:"at"`
	Now      []Session `json:"now"`
	Next     []Session `json:"next"`
	Room     string    `json:"room"`
	RoomNext *Session  `json:"room_next"`
	// Conference is when the program runs, so that a script can tell
	// "nothing on" from "not yet" (see now.go).
	Conference NowConference `json:"conference"`
	// Rooms is, with --all, what is on and next in every room.
	Rooms []NowRoom `json:"rooms,omitzero"`
}

// FromNow gives the shape of a now result; p finds the pick of RoomNext.
func FromNow(res schedule.NowResult, p *schedule.Plan) Now {
	out := Now{At: res.At.Format(time.RFC3339), Now: Picks(res.Now), Next: Picks(res.Next), Room: res.Room}
	if res.RoomNext != nil {
		j := FromSession(res.RoomNext, p.Pick(res.RoomNext.ID), false)
		out.RoomNext = &j
	}
	return out
}

// Gap is a free slot of plan gaps --json.
type Gap struct {
	Day      string    `json:"day"`
	Start    string    `json:"start"`
	End      string    `json:"end"`
	Minutes  int       `json:"minutes"`
	After    *string   `json:"after"`
	Before   *string   `json:"before"`
	Sessions []Session `json:"sessions"`
}

// Gaps converts gaps, never nil.
func Gaps(gaps []schedule.Gap) []Gap {
	out := []Gap{}
	for _, g := range gaps {
		j := Gap{Day: g.Day.String(), Start: g.Start.Format(time.RFC3339), End: g.End.Format(time.RFC3339), Minutes: int(g.End.Sub(g.Start) / time.Minute), Sessions: Sessions(g.Sessions, nil, false)}
		if g.After != nil {
			j.After = &g.After.ID
		}
		if g.Before != nil {
			j.Before = &g.Before.ID
		}
		out = append(out, j)
	}
	return out
}

// Stats is plan stats --json: the recap's numbers.
type Stats struct {
	Counts    map[schedule.Kind]int `json:"counts"`
	Lines     []string              `json:"lines"`
	Hours     float64               `json:"hours"`
	PerDay    []DayCount            `json:"per_day"`
	Tracks    []string              `json:"tracks"`
	Rooms     []string              `json:"rooms"`
	Speakers  []string              `json:"speakers"`
	Planned   int                   `json:"planned"`
	Attended  int                   `json:"attended"`
	Skipped   int                   `json:"skipped"`
	Dropped   int                   `json:"dropped"` // left out by optimize --apply: neither planned, attended nor skipped
	Unplanned int                   `json:"unplanned"`
	Facts     []Fact                `json:"facts"`
	// Phase is "before", "during" or "after" the conference: after it the
	// numbers count what was attended, before and during the plan so far.
	Phase string `json:"phase"`
	// Basis is what the numbers count: "attended" after the conference,
	// "plan" before and during it, and after it while no pick is marked
	// attended or skipped yet.
	Basis string `json:"basis"`
	// FirstDay and LastDay are the conference's days as the picks know
	// them (YYYY-MM-DD; "" when no pick has a time).
	FirstDay string `json:"first_day"`
	LastDay  string `json:"last_day"`
	// Pending, after the conference, are the ids of the picks neither
	// attended nor skipped, in time order; empty before and during.
	Pending []string `json:"pending"`
}

// DayCount is the number of sessions on one conference day.
type DayCount struct {
	Day      string `json:"day"`
	Sessions int    `json:"sessions"`
	// Hours is the time in sessions that day, overlaps counted once.
	Hours float64 `json:"hours"`
	// Counts is the day's picks per kind.
	Counts map[schedule.Kind]int `json:"counts"`
}

// Fact is one of the recap's factoids.
type Fact struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// FromStats gives the shape of the recap's numbers.
func FromStats(s schedule.Stats) Stats {
	out := Stats{Counts: s.Counts, Lines: s.Lines, Hours: s.Hours, PerDay: []DayCount{}, Tracks: s.Tracks, Rooms: s.Rooms,
		Speakers: s.Speakers, Planned: s.Planned, Attended: s.Attended, Skipped: s.Skipped, Dropped: s.Dropped, Unplanned: s.Unplanned, Facts: []Fact{},
		Phase: string(s.Phase), Basis: string(s.Basis), FirstDay: s.FirstDay.String(), LastDay: s.LastDay.String(), Pending: []string{}}
	for _, pd := range s.Pending {
		out.Pending = append(out.Pending, pd.ID)
	}
	for _, d := range s.PerDay {
		counts := d.Counts
		if counts == nil {
			counts = map[schedule.Kind]int{}
		}
		out.PerDay = append(out.PerDay, DayCount{Day: d.Day.String(), Sessions: d.Sessions, Hours: d.Hours, Counts: counts})
	}
	for _, f := range s.Facts {
		out.Facts = append(out.Facts, Fact{f.Label, f.Value})
	}
	if out.Counts == nil {
		out.Counts = map[schedule.Kind]int{}
	}
	for _, l := range []*[]string{&out.Lines, &out.Tracks, &out.Rooms, &out.Speakers} {
		if *l == nil {
			*l = []string{}
		}
	}
	return out
}

// Config is plan config --json: each setting asked for (all of them
// without a key) by its name, e.g. {"name": "FOSDEM 2026", "time_zone":
// "Europe/Brussels"}.
type Config map[string]string
