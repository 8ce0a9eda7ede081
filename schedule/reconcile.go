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
	res := ImportResult{}
	idx := -1
	for i, s := range p.Conference.Sources {
		if strings.EqualFold(s.Name, src.Name) {
			idx = i
			break
		}
	}
	if idx < 0 {
		res.New = true
	}

	// Split the current program into this source's sessions and the rest.
	var old, others []*Session
	for _, s := range prog.Sessions {
		if strings.EqualFold(s.Source, src.Name) {
			old = append(old, s)
		} else {
			others = append(others, s)
		}
	}
	used := make(map[string]bool, len(prog.Sessions)+len(incoming))
	for _, s := range others {
		used[s.ID] = true
	}

	// Picks whose session is not in the current program (it left earlier,
	// or the program file is missing, as in a fresh checkout of a plan kept
	// in git) are matched like sessions of the previous version, so they
	// keep their ids and come back.
	candidates := old
	oldIDs := make(map[string]bool, len(old))
	for _, s := range old {
		oldIDs[s.ID] = true
	}
	for _, pk := range p.Picks {
		if !pk.Personal && !oldIDs[pk.ID] && (pk.Source == "" || strings.EqualFold(pk.Source, src.Name)) {
			snap := pk.Session
			candidates = append(candidates[:len(candidates):len(candidates)], &snap)
		}
	}
	m := newMatcher(candidates)
	for _, in := range incoming {
		*in = in.In(loc)
		in.Source = src.Name
	}
	matches := m.matchAll(incoming)
	matchedOld := 0
	inOld := make(map[*Session]bool, len(old))
	for _, s := range old {
		inOld[s] = true
	}
	merged := make([]*Session, 0, len(others)+len(incoming))
	merged = append(merged, others...)
	var unmatched []*Session
	for _, in := range incoming {
		o := matches[in]
		if o == nil {
			unmatched = append(unmatched, in)
			continue
		}
		if inOld[o] {
			matchedOld++
		}
		in.ID = o.ID
		in.Rev = o.Rev
		changed := sessionChanged(o, in)
		if changed {
			in.Rev++
		}
		switch {
		case !inOld[o]:
			res.Added++ // back in the program
		case changed:
			res.Updated++
		default:
			res.Unchanged++
		}
		used[in.ID] = true
		merged = append(merged, in)
	}
	// An id that belonged to a session now gone stays reserved: a pick may
	// still point at it, and a new talk must not inherit that pick.
	for _, s := range old {
		used[s.ID] = true
	}
	for _, pk := range p.Picks {
		used[pk.ID] = true
	}
	prefix := sourcePrefix(src.Name)
	for _, in := range unmatched {
		id := in.ID
		if used[id] {
			id = prefix + "-" + in.ID
		}
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s-%s-%d", prefix, in.ID, n)
		}
		in.ID = id
		used[id] = true
		res.Added++
		merged = append(merged, in)
	}
	res.Removed = len(old) - matchedOld
	newProg := NewProgram(merged)

	src.Imported = now
	src.Sessions = len(incoming)
	if idx >= 0 {
		p.Conference.Sources[idx] = src
	} else {
		p.Conference.Sources = append(p.Conference.Sources, src)
	}
	res.Source = src

	// Bring the picks up to date.
	changedIDs := map[string]bool{}
	for _, pk := range p.Picks {
		if pk.Personal {
			continue
		}
		ours := strings.EqualFold(pk.Source, src.Name) || (pk.Source == "" && m.had(pk.ID))
		s := newProg.Get(pk.ID)
		if s == nil {
			if !ours {
				continue
			}
			if c := holder(unmatched, &pk.Session); c != nil {
				// Something else now holds the pick's time and room, but
				// not certainly the same session: keep the pick as it is
				// and say so, rather than cancel it in the user's calendar.
				res.Picks = append(res.Picks, PickChange{Pick: pk, Old: pk.Session, Changes: []Change{PossiblyReplaced}, Candidate: c})
				continue
			}
			if !pk.Gone {
				before := pk.Session
				pk.Gone = true
				pk.Rev++ // calendars accept the cancellation only with a higher SEQUENCE
				res.Picks = append(res.Picks, PickChange{Pick: pk, Old: before, Changes: []Change{Gone}})
				changedIDs[pk.ID] = true
			}
			continue
		}
		if !strings.EqualFold(s.Source, src.Name) {
			continue
		}
		before := pk.Session
		changes := diffSession(&before, s)
		if pk.Gone {
			changes = append([]Change{Reinstated}, changes...)
			pk.Gone = false
		}
		pk.Session = *s
		if len(changes) > 0 {
			res.Picks = append(res.Picks, PickChange{Pick: pk, Old: before, Changes: changes})
			changedIDs[pk.ID] = true
		}
	}
	sort.SliceStable(res.Picks, func(i, j int) bool { return Less(&res.Picks[i].Pick.Session, &res.Picks[j].Pick.Session) })
	for _, c := range FindClashes(p.Picks, &p.Venue) {
		if changedIDs[c.A.ID] || changedIDs[c.B.ID] {
			res.Clashes = append(res.Clashes, c)
		}
	}
	return newProg, res
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

type matcher struct {
	old                    []*Session
	byGUID, byID           map[string][]*Session
	byURL, bySlug, byTitle map[string][]*Session // built on first use
	bySlot, bySpeakers     map[string][]*Session
	taken                  map[*Session]bool
	ids                    map[string]bool
}

func newMatcher(old []*Session) *matcher {
	m := &matcher{
		old:    old,
		byGUID: make(map[string][]*Session, len(old)), byID: make(map[string][]*Session, len(old)),
		taken: make(map[*Session]bool, len(old)), ids: make(map[string]bool, len(old)),
	}
	for _, s := range old {
		m.ids[s.ID] = true
		add(m.byGUID, s.GUID, s)
		add(m.byID, s.ID, s)
	}
	return m
}

// fallbacks builds the link, slug, title and slot indexes.
func (m *matcher) fallbacks() {
	if m.byTitle != nil {
		return
	}
	m.byURL, m.bySlug, m.byTitle = map[string][]*Session{}, map[string][]*Session{}, map[string][]*Session{}
	m.bySlot, m.bySpeakers = map[string][]*Session{}, map[string][]*Session{}
	for _, s := range m.old {
		add(m.byURL, normURL(s.URL), s)
		add(m.bySlug, s.Slug, s)
		add(m.byTitle, titleKey(s), s)
		add(m.bySlot, slotKey(s), s)
		add(m.bySpeakers, speakersKey(s), s)
	}
}

func add(m map[string][]*Session, k string, s *Session) {
	if k != "" {
		m[k] = append(m[k], s)
	}
}

func (m *matcher) had(id string) bool { return m.ids[id] }

// matchAll pairs each incoming session with the session of the previous
// version it is, in passes from the surest evidence to the weakest, each
// over all sessions still unpaired, so that a weak match of one session
// never takes what a strong match of another would have found: the same
// guid; the same title, speakers, time and room; the same id (guids not
// disagreeing, and the title, speakers or slot still the same); the same
// link; the same slug; the same title and speakers (the nearest in time
// when several share them, as repeated "Panel Q&A"s do); the same time and
// room with the same speakers or a title barely changed (a retitle, or a
// placeholder such as "Keynote" getting its real title); and a title
// barely changed by the same speakers.
func (m *matcher) matchAll(incoming []*Session) map[*Session]*Session {
	out := make(map[*Session]*Session, len(incoming))
	if len(m.ids) == 0 {
		return out // a first import: nothing to match against
	}
	m.fallbacks()
	free := func(cands []*Session, ok func(*Session) bool) *Session {
		for _, s := range cands {
			if !m.taken[s] && ok(s) {
				return s
			}
		}
		return nil
	}
	always := func(*Session) bool { return true }
	passes := []func(in *Session) *Session{
		func(in *Session) *Session { return free(m.byGUID[in.GUID], always) },
		func(in *Session) *Session {
			return free(m.byTitle[titleKey(in)], func(s *Session) bool { return sameSlot(s, in) })
		},
		func(in *Session) *Session {
			return free(m.byID[in.ID], func(s *Session) bool {
				return (s.GUID == "" || in.GUID == "" || s.GUID == in.GUID) && sameTalk(s, in)
			})
		},
		func(in *Session) *Session { return free(m.byURL[normURL(in.URL)], always) },
		func(in *Session) *Session { return free(m.bySlug[in.Slug], always) },
		func(in *Session) *Session { return nearest(in, m.byTitle[titleKey(in)], m.taken) },
		func(in *Session) *Session {
			return free(m.bySlot[slotKey(in)], func(s *Session) bool {
				return sameSpeakers(s, in) || len(s.Speakers) == 0 || similarTitle(s.Title, in.Title)
			})
		},
		func(in *Session) *Session {
			return free(m.bySpeakers[speakersKey(in)], func(s *Session) bool { return similarTitle(s.Title, in.Title) })
		},
	}
	for _, pass := range passes {
		for _, in := range incoming {
			if out[in] != nil {
				continue
			}
			if s := pass(in); s != nil {
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
