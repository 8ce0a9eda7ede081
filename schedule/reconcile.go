package schedule

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Change is one way a picked session differs after a re-import.
type Change string

const (
	Moved        Change = "moved"
	RoomChanged  Change = "room changed"
	Retitled     Change = "retitled"
	Cancelled    Change = "cancelled"
	Gone         Change = "gone"
	Reinstated   Change = "back in the program"
	Unscheduled  Change = "unscheduled"
	NewlyPlanned Change = "scheduled"
	// PossiblyReplaced is a pick whose session the import did not find,
	// while another session now holds its time and room: the pick is kept
	// (not flagged gone, not cancelled in calendars) and the report names
	// the candidate.
	PossiblyReplaced Change = "possibly replaced"
	// RecordingAvailable is a pick whose session had no video link in
	// the previous version of its program and has one now: FOSDEM adds
	// its recordings to the schedule after the event.
	RecordingAvailable Change = "recording available"
)

// PickChange reports what an import did to one of the user's picks.
type PickChange struct {
	Pick    *Pick
	Old     Session // the pick as it was before the import
	Changes []Change
	// Candidate is, for PossiblyReplaced, the session that now holds the
	// pick's time and room.
	Candidate *Session
}

// ImportResult summarises an import.
type ImportResult struct {
	Source    Source
	New       bool // a source the plan did not have before
	Added     int  // sessions not in the previous version of this source
	Updated   int  // sessions whose time, room, title or status changed
	Removed   int  // sessions the source no longer has
	Unchanged int
	Picks     []PickChange // picks the import changed, in time order
	Clashes   []Clash      // clashes that involve a changed pick
	// NowFit are the skipped or dropped picks the changes made room for
	// (see NowFitting), in time order.
	NowFit []*Pick
}

// Merge brings one source's freshly imported sessions into the plan and
// its program. It is a reconciliation, not a replacement: each incoming
// session is matched to the previous version of the same source by guid,
// then id, then link or slug, then title and speakers; a matched session
// keeps the id it had, so picks, notes and calendar UIDs stay with it, and
// its revision grows when its time, room, title or status changed. Picks
// whose session is gone are kept and flagged.
func Merge(p *Plan, prog *Program, incoming []*Session, src Source, now time.Time) (*Program, ImportResult) {
	loc := p.Location()
	before := SnapshotPicks(p.Picks)
	old, others := splitBySource(prog.Sessions, src.Name)
	for _, in := range incoming {
		*in = in.In(loc)
		in.Source = src.Name
	}
	// Picks whose session is not in the current program (it left earlier,
	// or the program file is missing, as in a fresh checkout of a plan kept
	// in git) are matched like sessions of the previous version, so they
	// keep their ids and come back.
	m := newMatcher(append(old[:len(old):len(old)], lostPicks(p, old, src.Name)...))
	res := ImportResult{}
	matched, unmatched := m.adopt(old, incoming, &res)

	// An id that belonged to a session now gone stays reserved: a pick may
	// still point at it, and a new talk must not inherit that pick.
	used := make(map[string]bool, len(prog.Sessions)+len(incoming))
	for _, group := range [][]*Session{others, matched, old} {
		for _, s := range group {
			used[s.ID] = true
		}
	}
	for _, pk := range p.Picks {
		used[pk.ID] = true
	}
	giveNewIDs(unmatched, used, sourcePrefix(src.Name))
	res.Added += len(unmatched)
	merged := make([]*Session, 0, len(others)+len(incoming))
	merged = append(append(append(merged, others...), matched...), unmatched...)
	newProg := NewProgram(merged)

	src.Imported = now
	src.Sessions = len(incoming)
	res.New = p.recordSource(src)
	res.Source = src

	prev := make(map[string]*Session, len(old))
	for _, s := range old {
		prev[s.ID] = s
	}
	changedIDs := map[string]bool{}
	for _, pk := range p.Picks {
		if pc, ok := updatePick(pk, newProg, unmatched, m, src.Name, prev[pk.ID]); ok {
			res.Picks = append(res.Picks, pc)
			if movesPick(pc.Changes) {
				changedIDs[pk.ID] = true
			}
		}
	}
	sort.SliceStable(res.Picks, func(i, j int) bool { return Less(&res.Picks[i].Pick.Session, &res.Picks[j].Pick.Session) })
	for _, c := range FindClashes(p.Picks, &p.Venue) {
		if changedIDs[c.A.ID] || changedIDs[c.B.ID] {
			res.Clashes = append(res.Clashes, c)
		}
	}
	if len(res.Picks) > 0 {
		res.NowFit = NowFitting(before, p.Picks, &p.Venue, now)
	}
	return newProg, res
}

// splitBySource parts sessions into those of the source named name and
// the rest.
func splitBySource(sessions []*Session, name string) (mine, others []*Session) {
	for _, s := range sessions {
		if strings.EqualFold(s.Source, name) {
			mine = append(mine, s)
		} else {
			others = append(others, s)
		}
	}
	return mine, others
}

// lostPicks are copies of the picks of source name (or of no recorded
// source) whose session is not among old.
func lostPicks(p *Plan, old []*Session, name string) []*Session {
	oldIDs := make(map[string]bool, len(old))
	for _, s := range old {
		oldIDs[s.ID] = true
	}
	var lost []*Session
	for _, pk := range p.Picks {
		if !pk.Personal && !oldIDs[pk.ID] && (pk.Source == "" || strings.EqualFold(pk.Source, name)) {
			snap := pk.Session
			lost = append(lost, &snap)
		}
	}
	return lost
}

// adopt matches incoming against the previous version (old, and the lost
// picks m also holds): a matched session takes the id and revision it
// had, the revision one higher when calendars must hear of a change. It
// counts them in res (Added, Updated, Unchanged, Removed) and returns
// the matched and the unmatched sessions, each in incoming's order.
func (m *matcher) adopt(old, incoming []*Session, res *ImportResult) (matched, unmatched []*Session) {
	matches := m.matchAll(incoming)
	inOld := make(map[*Session]bool, len(old))
	for _, s := range old {
		inOld[s] = true
	}
	matchedOld := 0
	for _, in := range incoming {
		o := matches[in]
		if o == nil {
			unmatched = append(unmatched, in)
			continue
		}
		in.ID, in.Rev = o.ID, o.Rev
		changed := sessionChanged(o, in)
		if changed {
			in.Rev++
		}
		switch {
		case !inOld[o]:
			res.Added++ // back in the program
		case changed:
			matchedOld++
			res.Updated++
		default:
			matchedOld++
			res.Unchanged++
		}
		matched = append(matched, in)
	}
	res.Removed = len(old) - matchedOld
	return matched, unmatched
}

// giveNewIDs gives each new session an id no other session or pick has
// (used): its own, else prefixed with its source's, else numbered.
func giveNewIDs(sessions []*Session, used map[string]bool, prefix string) {
	for _, in := range sessions {
		id := in.ID
		if used[id] {
			id = prefix + "-" + in.ID
		}
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s-%s-%d", prefix, in.ID, n)
		}
		in.ID = id
		used[id] = true
	}
}

// recordSource puts src in the plan's sources, in place of the one of
// the same name; it reports whether the source is new.
func (p *Plan) recordSource(src Source) (isNew bool) {
	for i, s := range p.Conference.Sources {
		if strings.EqualFold(s.Name, src.Name) {
			p.Conference.Sources[i] = src
			return false
		}
	}
	p.Conference.Sources = append(p.Conference.Sources, src)
	return true
}

// movesPick reports whether changes may bring a pick into a clash: any
// change but a possible replacement (the pick is kept as it was) and a
// recording that became available.
func movesPick(changes []Change) bool {
	for _, c := range changes {
		if c != PossiblyReplaced && c != RecordingAvailable {
			return true
		}
	}
	return false
}

// updatePick brings pk up to date with prog after an import of source
// name, and reports what changed for it (false: nothing to report).
// unmatched are the import's new sessions; m knows the previous version,
// and was is the pick's session in it (nil when the program had not: a
// pick lost earlier, or a program file missing, says nothing of links).
func updatePick(pk *Pick, prog *Program, unmatched []*Session, m *matcher, name string, was *Session) (PickChange, bool) {
	if pk.Personal {
		return PickChange{}, false
	}
	s := prog.Get(pk.ID)
	if s == nil {
		ours := strings.EqualFold(pk.Source, name) || (pk.Source == "" && m.had(pk.ID))
		if !ours {
			return PickChange{}, false
		}
		if c := holder(unmatched, &pk.Session); c != nil {
			// Something else now holds the pick's time and room, but
			// not certainly the same session: keep the pick as it is
			// and say so, rather than cancel it in the user's calendar.
			return PickChange{Pick: pk, Old: pk.Session, Changes: []Change{PossiblyReplaced}, Candidate: c}, true
		}
		if pk.Gone {
			return PickChange{}, false
		}
		before := pk.Session
		pk.Gone = true
		pk.Rev++ // calendars accept the cancellation only with a higher SEQUENCE
		return PickChange{Pick: pk, Old: before, Changes: []Change{Gone}}, true
	}
	if !strings.EqualFold(s.Source, name) {
		return PickChange{}, false
	}
	before := pk.Session
	changes := diffSession(&before, s)
	if was != nil && was.Recording() == "" && s.Recording() != "" {
		// The plan file keeps no links: the previous program says
		// whether the recording is new.
		changes = append(changes, RecordingAvailable)
	}
	if pk.Gone {
		changes = append([]Change{Reinstated}, changes...)
		pk.Gone = false
	}
	pk.Session = *s
	if len(changes) == 0 {
		return PickChange{}, false
	}
	return PickChange{Pick: pk, Old: before, Changes: changes}, true
}

// sessionChanged reports a change that calendars must hear about.
func sessionChanged(a, b *Session) bool {
	return !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.Room != b.Room || a.Title != b.Title || a.Cancelled != b.Cancelled
}

func diffSession(old, new *Session) []Change {
	var ch []Change
	switch {
	case old.Scheduled() && !new.Scheduled():
		ch = append(ch, Unscheduled)
	case !old.Scheduled() && new.Scheduled():
		ch = append(ch, NewlyPlanned)
	case !old.Start.Equal(new.Start) || !old.End.Equal(new.End):
		ch = append(ch, Moved)
	}
	if old.Room != new.Room {
		ch = append(ch, RoomChanged)
	}
	if old.Title != new.Title {
		ch = append(ch, Retitled)
	}
	if new.Cancelled && !old.Cancelled {
		ch = append(ch, Cancelled)
	}
	return ch
}

// A matchRule is one pass of matcher.matchAll: the previous version's
// sessions that share a key with the incoming one (by), and what else
// must hold between such a candidate and the incoming session (ok; nil
// when the key is enough). A nearest rule takes the candidate closest in
// time instead of the first.
type matchRule struct {
	name    string
	by      matchKey
	ok      func(old, in *Session) bool
	nearest bool
}

// matchKey is what the previous version is indexed by for matching.
type matchKey int

const (
	byGUID matchKey = iota
	byTitle
	byID
	byURL
	bySlug
	bySlot
	bySpeakers
	matchKeys // how many
)

// of is s's key ("": s is not indexed by it).
func (k matchKey) of(s *Session) string {
	switch k {
	case byGUID:
		return s.GUID
	case byTitle:
		return titleKey(s)
	case byID:
		return s.ID
	case byURL:
		return normURL(s.URL)
	case bySlug:
		return s.Slug
	case bySlot:
		return slotKey(s)
	case bySpeakers:
		return speakersKey(s)
	}
	return ""
}

// matchRules are matchAll's passes, from the surest evidence to the
// weakest.
var matchRules = []matchRule{
	{name: "guid", by: byGUID},
	{name: "title, speakers and slot", by: byTitle, ok: sameSlot},
	{name: "id, still the same talk", by: byID, ok: func(old, in *Session) bool {
		return (old.GUID == "" || in.GUID == "" || old.GUID == in.GUID) && sameTalk(old, in)
	}},
	{name: "link", by: byURL},
	{name: "slug", by: bySlug},
	{name: "title and speakers, nearest in time", by: byTitle, nearest: true},
	{name: "slot, same speakers or title", by: bySlot, ok: func(old, in *Session) bool {
		return sameSpeakers(old, in) || len(old.Speakers) == 0 || similarTitle(old.Title, in.Title)
	}},
	{name: "speakers, similar title", by: bySpeakers, ok: func(old, in *Session) bool { return similarTitle(old.Title, in.Title) }},
}

// matcher finds, for each incoming session, the session of the previous
// version it is.
type matcher struct {
	old     []*Session
	indexes *[matchKeys]map[string][]*Session // built on first use
	taken   map[*Session]bool
	ids     map[string]bool
}

func newMatcher(old []*Session) *matcher {
	m := &matcher{old: old, taken: make(map[*Session]bool, len(old)), ids: make(map[string]bool, len(old))}
	for _, s := range old {
		m.ids[s.ID] = true
	}
	return m
}

// index builds the previous version's indexes, once.
func (m *matcher) index() {
	if m.indexes != nil {
		return
	}
	m.indexes = new([matchKeys]map[string][]*Session)
	for k := range matchKeys {
		idx := make(map[string][]*Session, len(m.old))
		for _, s := range m.old {
			if v := k.of(s); v != "" {
				idx[v] = append(idx[v], s)
			}
		}
		m.indexes[k] = idx
	}
}

func (m *matcher) had(id string) bool { return m.ids[id] }

// find is the untaken session of the previous version that rule i pairs
// with in, or nil.
func (m *matcher) find(i int, in *Session) *Session {
	r := matchRules[i]
	k := r.by.of(in)
	if k == "" {
		return nil
	}
	cands := m.indexes[r.by][k]
	if r.nearest {
		return nearest(in, cands, m.taken)
	}
	for _, s := range cands {
		if !m.taken[s] && (r.ok == nil || r.ok(s, in)) {
			return s
		}
	}
	return nil
}

// matchAll pairs each incoming session with the session of the previous
// version it is, in passes from the surest evidence to the weakest
// (matchRules), each over all sessions still unpaired, so that a weak
// match of one session never takes what a strong match of another would
// have found: the same guid; the same title, speakers, time and room; the
// same id (guids not disagreeing, and the title, speakers or slot still
// the same); the same link; the same slug; the same title and speakers
// (the nearest in time when several share them, as repeated "Panel
// Q&A"s do); the same time and room with the same speakers or a title
// barely changed (a retitle, or a placeholder such as "Keynote" getting
// its real title); and a title barely changed by the same speakers.
func (m *matcher) matchAll(incoming []*Session) map[*Session]*Session {
	out := make(map[*Session]*Session, len(incoming))
	if len(m.ids) == 0 {
		return out // a first import: nothing to match against
	}
	m.index()
	for i := range matchRules {
		for _, in := range incoming {
			if out[in] != nil {
				continue
			}
			if s := m.find(i, in); s != nil {
				m.taken[s] = true
				out[in] = s
			}
		}
	}
	return out
}

// nearest is the untaken candidate whose start is closest to in's.
func nearest(in *Session, cands []*Session, taken map[*Session]bool) *Session {
	var best *Session
	var bestD time.Duration
	for _, s := range cands {
		if taken[s] {
			continue
		}
		d := s.Start.Sub(in.Start)
		if d < 0 {
			d = -d
		}
		if best == nil || d < bestD {
			best, bestD = s, d
		}
	}
	return best
}

// sameSlot reports whether two sessions start and end together in the
// same room.
func sameSlot(a, b *Session) bool {
	return a.Scheduled() && b.Scheduled() && a.Start.Equal(b.Start) && a.End.Equal(b.End) && strings.EqualFold(a.Room, b.Room)
}

// slotKey indexes a session by its time and room ("" when either is
// missing: an unscheduled or roomless session has no slot to match by).
func slotKey(s *Session) string {
	if !s.Scheduled() || s.Room == "" {
		return ""
	}
	return s.Start.UTC().Format(time.RFC3339) + "|" + s.End.UTC().Format(time.RFC3339) + "|" + strings.ToLower(s.Room)
}

// sameSpeakers reports whether two sessions have the same speakers, and
// at least one.
func sameSpeakers(a, b *Session) bool {
	k := speakersKey(a)
	return k != "" && k == speakersKey(b)
}

// speakersKey is the session's speakers, in any order and case.
func speakersKey(s *Session) string {
	_, sp, _ := strings.Cut(titleKey(s), "|")
	return sp
}

// similarTitle reports whether two titles differ only a little: most of
// their words are shared ("…the OTel Operator" and "…the OpenTelemetry
// Operator").
func similarTitle(a, b string) bool {
	wa, wb := titleWords(a), titleWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	shared := 0
	for w := range wa {
		if wb[w] {
			shared++
		}
	}
	union := len(wa) + len(wb) - shared
	return shared >= 2 && float64(shared) >= 0.7*float64(union)
}

func titleWords(t string) map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		words[w] = true
	}
	return words
}

// holder is the session among cands that holds s's time and room.
func holder(cands []*Session, s *Session) *Session {
	k := slotKey(s)
	if k == "" {
		return nil
	}
	for _, c := range cands {
		if slotKey(c) == k {
			return c
		}
	}
	return nil
}

// sameTalk reports whether two versions of a session under one id still
// look like the same talk.
func sameTalk(a, b *Session) bool {
	ka, kb := titleKey(a), titleKey(b)
	ta, _, _ := strings.Cut(ka, "|")
	tb, _, _ := strings.Cut(kb, "|")
	_, sa, _ := strings.Cut(ka, "|")
	_, sb, _ := strings.Cut(kb, "|")
	return ta == tb || (sa != "" && sa == sb) || (a.Start.Equal(b.Start) && a.Room == b.Room)
}

func normURL(u string) string {
	u = strings.TrimSpace(strings.ToLower(u))
	u = strings.TrimPrefix(u, "https://")
	u = strings.TrimPrefix(u, "http://")
	return strings.TrimRight(u, "/")
}

var nonWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^\p{L}\p{N}]+`) })

func titleKey(s *Session) string {
	t := strings.ToLower(s.Title)
	t = strings.ReplaceAll(t, "(cancelled)", "")
	t = strings.ReplaceAll(t, "(canceled)", "")
	t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }), " ")
	sp := make([]string, len(s.Speakers))
	for i, n := range s.Speakers {
		sp[i] = strings.ToLower(strings.TrimSpace(n))
	}
	sort.Strings(sp)
	return strings.TrimSpace(t) + "|" + strings.Join(sp, ",")
}

// sourcePrefix makes a short id prefix from a source name: "FOSDEM 2026"
// becomes "fosdem-2026". It is at most 24 bytes, cut before a character
// rather than inside one, so the id stays valid UTF-8 that can be typed.
func sourcePrefix(name string) string {
	const maxLen = 24
	p := strings.Trim(nonWord().ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(p) > maxLen {
		cut := maxLen
		for cut > 0 && !utf8.RuneStart(p[cut]) {
			cut--
		}
		p = strings.TrimRight(p[:cut], "-")
	}
	if p == "" {
		p = "src"
	}
	return p
}

// SameProgramAs finds the source in prog that incoming is most likely a
// new version of: the one holding at least half of incoming's sessions
// (by title and speakers). Feeds of one conference sometimes name it
// differently (SCALE's JSON and XML), and a re-import under another name
// would otherwise add every session twice.
func SameProgramAs(prog *Program, incoming []*Session) (string, bool) {
	if len(incoming) == 0 {
		return "", false
	}
	keys := make(map[string]string, len(prog.Sessions))
	for _, s := range prog.Sessions {
		keys[titleKey(s)] = s.Source
	}
	hits := map[string]int{}
	for _, s := range incoming {
		if src, ok := keys[titleKey(s)]; ok {
			hits[src]++
		}
	}
	best, n := "", 0
	for src, h := range hits {
		if h > n || (h == n && src < best) {
			best, n = src, h
		}
	}
	return best, n*2 >= len(incoming)
}
