package suggest

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// Options narrow what Suggest returns.
type Options struct {
	// Topic, when set, limits the result to this one topic, in any of its
	// forms ("ebpf", "BPF", "risc v"): its line in Topics, and the
	// sessions on it that fit, whether or not the picks cover it already.
	Topic string
	// MaxTopics caps Topics (default 10).
	MaxTopics int
	// MaxSessions caps Sessions (default 10).
	MaxSessions int
	// StartsAfter, when set, offers only sessions that start at or after it.
	StartsAfter time.Time
	// EndsAfter, when set, offers only sessions that end after it (not
	// over yet).
	EndsAfter time.Time
	// Conference holds the names of the conference: their words are no
	// topic ("FOSDEM", "SCALE").
	Conference []string
}

// Result is the FOMO list.
type Result struct {
	// Topics are the hottest topics, hottest first.
	Topics []Topic
	// Sessions are sessions on the hottest topics the picks do not cover
	// that fit the picks: the best session of each topic in the topics'
	// order, then the second best of each, and so on.
	Sessions []Offer
}

// Topic is a name or phrase that recurs across the program.
type Topic struct {
	// Topic is the form the program writes most often ("eBPF").
	Topic string
	// Sessions counts the sessions that mention it (each once) in their
	// title, subtitle, abstract, tags or track.
	Sessions int
	// Tracks counts the distinct tracks of those sessions.
	Tracks int
	// Covered counts the active picks that mention it.
	Covered int
	// Forms are the ways the program writes it, most used first ("eBPF",
	// "BPF", "ebpf").
	Forms []string
	// TrackNames are the tracks it spans, those with most sessions on it
	// first.
	TrackNames []string
	// Rooms, Days and Speakers count the distinct rooms, conference days
	// and speakers of its sessions.
	Rooms, Days, Speakers int
	// Heat is what it ranks by: breadth across tracks, days and speakers,
	// times how much it reads like a name (see Suggest).
	Heat float64
}

// Offer is a session worth a look, and why.
type Offer struct {
	Session *schedule.Session
	Topic   string // the topic it is offered for, as in Topics
	// Reason says why, e.g. "on eBPF, which 12 sessions in 3 tracks
	// mention and none of your picks; fits between 14:00 and 15:30".
	Reason string
}

// Suggest finds the topics that recur across the program and offers
// sessions on the hottest ones the user has not covered yet.
//
// Topics are names and phrases: technologies, projects, standards
// ("eBPF", "Cloud Native", "Cyber Resilience Act"), found in titles,
// subtitles, abstracts, tags and tracks. Adjacent words are one topic
// when they recur together (three times, in at least two sessions),
// hold at least half of the uses of their rarest word and are written in
// one case (see topic.go); spellings of one name are
// merged (case, plural, hyphen or space, an alias such as BPF/eBPF, an
// acronym used with its expansion); stop words, conference prose and
// words of the conference's name are left out. A topic's heat is its
// breadth: each track (or room, when the program has no tracks) that
// mentions it adds log2(1+n) for its n sessions (sessions whose speakers
// were counted already add nothing), half that in a track named after
// it; times the square root of the share of the conference days it is
// on; times how much it is written like a name (mixed case, capitals or
// digits, or a capital in mid-sentence; a compound counts as half a name
// at least). A plain word written in lower case ranks far below. Topics
// of one session, or of one track only in a program of several, are not
// ranked. Cancelled sessions take no part.
//
// Active picks are those neither skipped nor gone. A topic is covered when
// an active pick is one of its sessions. A session is offered when it is
// on one of the top MaxTopics topics that no pick covers (or on
// opt.Topic), is scheduled, not cancelled, not picked already (a skipped
// pick may be offered again), within StartsAfter and EndsAfter, and fits
// every active pick: no overlap and time to walk (Conflict is false).
// Sessions with the topic in their title come first, then in their
// subtitle, tags or track, then those whose abstract uses it most; ties
// go by time. Each session is offered once, for its hottest topic, and
// the offers go round the topics so that they cover several.
func Suggest(program []*schedule.Session, picks []*schedule.Pick, v *schedule.Venue, opt Options) Result {
	if opt.MaxTopics <= 0 {
		opt.MaxTopics = 10
	}
	if opt.MaxSessions <= 0 {
		opt.MaxSessions = 10
	}
	exclude := map[string]bool{}
	for _, name := range opt.Conference {
		for _, k := range keys(name) {
			if utf8.RuneCountInString(k) > 1 && strings.IndexFunc(k, unicode.IsLetter) >= 0 {
				exclude[k] = true
			}
		}
	}
	ix := indexTopics(program, exclude)
	ix.merge()
	topics := ix.topics()
	var live []*schedule.Pick
	for _, p := range picks {
		if p.Live() {
			live = append(live, p)
		}
	}
	sessionIndex := make(map[string]int32, len(program))
	for i, s := range program {
		sessionIndex[s.ID] = int32(i)
	}
	pickIdx := map[int32]bool{}
	for _, p := range live {
		if i, ok := sessionIndex[p.ID]; ok {
			pickIdx[i] = true
		}
	}

	var ranked []*topicStat
	if opt.Topic != "" {
		if t := ix.lookup(opt.Topic, topics); t != nil {
			ranked = append(ranked, t)
		}
	} else {
		// Measuring is the costly part: measure in the order of an upper
		// bound of heat (n sessions in at most g groups give at most
		// g·log2(1+n/g)), and stop when no other can reach the top.
		facts := newProgramFacts(program)
		type bound struct {
			t  *topicStat
			ub float64
		}
		var cands []bound
		for _, t := range topics {
			if n := len(t.sessions); n >= 2 {
				g := float64(min(n, facts.groups))
				cands = append(cands, bound{t, t.name * g * math.Log2(1+float64(n)/g)})
			}
		}
		slices.SortFunc(cands, func(a, b bound) int { return cmp.Compare(b.ub, a.ub) })
		var best []float64 // the top heats so far, hottest first
		for _, c := range cands {
			if len(best) >= opt.MaxTopics && c.ub < best[opt.MaxTopics-1] {
				break
			}
			t := c.t
			t.measure(program, facts)
			if facts.groups > 1 && t.groups < 2 {
				continue
			}
			ix.finish(t)
			ranked = append(ranked, t)
			i, _ := slices.BinarySearchFunc(best, t.heat, func(a, b float64) int { return cmp.Compare(b, a) })
			best = slices.Insert(best, i, t.heat)
		}
		slices.SortFunc(ranked, func(a, b *topicStat) int {
			if c := cmp.Compare(b.heat, a.heat); c != 0 {
				return c
			}
			if c := cmp.Compare(len(b.sessions), len(a.sessions)); c != 0 {
				return c
			}
			return cmp.Compare(a.label, b.label)
		})
		if len(ranked) > opt.MaxTopics {
			ranked = ranked[:opt.MaxTopics]
		}
	}
	var out Result
	for _, t := range ranked {
		if opt.Topic != "" {
			t.measure(program, newProgramFacts(program))
			ix.finish(t)
		}
		for _, si := range t.sessions {
			if pickIdx[si] {
				t.covered++
			}
		}
		out.Topics = append(out.Topics, t.topic(program))
	}

	picked := map[string]bool{}
	for _, p := range picks {
		if p.Status != schedule.Skipped {
			picked[p.ID] = true
		}
	}
	fit := schedule.NewFitter(live, v)
	var busy []*schedule.Pick // the live picks that take time: where an offer falls in the day
	for _, p := range live {
		if p.Scheduled() && !p.Cancelled {
			busy = append(busy, p)
		}
	}
	ok := func(s *schedule.Session) bool {
		if picked[s.ID] || !s.Scheduled() || s.Cancelled {
			return false
		}
		if !opt.StartsAfter.IsZero() && s.Start.Before(opt.StartsAfter) {
			return false
		}
		if !opt.EndsAfter.IsZero() && !s.End.After(opt.EndsAfter) {
			return false
		}
		return fit.Fits(s)
	}
	// Each topic's sessions, best first.
	type queue struct {
		t      *topicStat
		i      int
		order  []int
		reason string
	}
	var queues []*queue
	for i, t := range ranked {
		if t.covered > 0 && opt.Topic == "" {
			continue
		}
		q := &queue{t: t, order: make([]int, len(t.sessions))}
		for k := range q.order {
			q.order[k] = k
		}
		sort.SliceStable(q.order, func(a, b int) bool {
			ra, rb := relevance(t.where[q.order[a]], t.hits[q.order[a]]), relevance(t.where[q.order[b]], t.hits[q.order[b]])
			if ra != rb {
				return ra > rb
			}
			return schedule.Less(program[t.sessions[q.order[a]]], program[t.sessions[q.order[b]]])
		})
		tp := out.Topics[i]
		cover := "none of your picks"
		if tp.Covered > 0 {
			cover = fmt.Sprintf("%d of your picks", tp.Covered)
		}
		mention := "mention"
		if tp.Sessions == 1 { // a topic asked for by name may have one session
			mention = "mentions"
		}
		q.reason = fmt.Sprintf("on %s, which %s in %s %s and %s", tp.Topic, schedule.Plural(tp.Sessions, "session", ""), schedule.Plural(tp.Tracks, "track", ""), mention, cover)
		queues = append(queues, q)
	}
	offered := map[*schedule.Session]bool{}
	for len(out.Sessions) < opt.MaxSessions {
		progress := false
		for _, q := range queues {
			if len(out.Sessions) >= opt.MaxSessions {
				break
			}
			for q.i < len(q.order) {
				s := program[q.t.sessions[q.order[q.i]]]
				q.i++
				if offered[s] || !ok(s) {
					continue
				}
				offered[s] = true
				progress = true
				out.Sessions = append(out.Sessions, Offer{Session: s, Topic: q.t.label, Reason: q.reason + "; " + fitsWhen(s, busy)})
				break
			}
		}
		if !progress {
			break
		}
	}
	return out
}

// relevance ranks how much a session is on a topic: in its title, then
// its subtitle or tags, then its track, then by uses in its abstract.
func relevance(where uint8, hits uint16) int {
	r := min(int(hits), 5)
	switch {
	case where&inTitle != 0:
		r += 40
	case where&(inSubtitle|inTags) != 0:
		r += 30
	case where&inTrack != 0:
		r += 20
	}
	return r
}

// fitsWhen says where a session falls in the plan of its day: between
// which picks.
func fitsWhen(s *schedule.Session, picks []*schedule.Pick) string {
	var before, after *schedule.Session
	day := s.Day()
	for _, p := range picks {
		ps := &p.Session
		if ps.Day() != day {
			continue
		}
		if !ps.End.After(s.Start) && (before == nil || ps.End.After(before.End)) {
			before = ps
		}
		if !ps.Start.Before(s.End) && (after == nil || ps.Start.Before(after.Start)) {
			after = ps
		}
	}
	loc := s.Start.Location()
	switch {
	case before != nil && after != nil:
		return fmt.Sprintf("fits between %s and %s", before.End.In(loc).Format("15:04"), after.Start.In(loc).Format("15:04"))
	case before != nil:
		return fmt.Sprintf("fits after %s", before.End.In(loc).Format("15:04"))
	case after != nil:
		return fmt.Sprintf("fits before %s", after.Start.In(loc).Format("15:04"))
	}
	return "nothing else planned that day"
}

// programFacts are what a topic's breadth is measured against, with
// scratch space for measuring.
type programFacts struct {
	group, room, day, track []int32 // each session's track (else room), room, day, track (-1: none)
	speakers                [][]int32
	groups, days            int
	trackNames              []string
	stamp                   int32
	groupN, trackN          []int32
	groupNamed              []bool
	groupAt, roomAt, dayAt  []int32 // the stamp of the last measure that saw it
	trackAt, speakerAt      []int32
	touched                 []int32
}

func newProgramFacts(program []*schedule.Session) *programFacts {
	n := len(program)
	f := &programFacts{group: make([]int32, n), room: make([]int32, n), day: make([]int32, n), track: make([]int32, n), speakers: make([][]int32, n)}
	useTracks := false
	for _, s := range program {
		if s.Track != "" {
			useTracks = true
			break
		}
	}
	groups, rooms, days, tracks, speakers := map[string]int32{}, map[string]int32{}, map[string]int32{}, map[string]int32{}, map[string]int32{}
	intern := func(m map[string]int32, k string) int32 {
		if i, ok := m[k]; ok {
			return i
		}
		m[k] = int32(len(m))
		return m[k]
	}
	for i, s := range program {
		g := s.Room
		if useTracks {
			g = s.Track
		}
		f.group[i] = intern(groups, strings.ToLower(g))
		f.room[i] = intern(rooms, strings.ToLower(s.Room))
		f.day[i] = intern(days, s.Day())
		f.track[i] = -1
		if s.Track != "" {
			if _, ok := tracks[s.Track]; !ok {
				f.trackNames = append(f.trackNames, s.Track)
			}
			f.track[i] = intern(tracks, s.Track)
		}
		for _, sp := range s.Speakers {
			f.speakers[i] = append(f.speakers[i], intern(speakers, strings.ToLower(sp)))
		}
	}
	f.groups, f.days = len(groups), len(days)
	f.groupN, f.groupNamed, f.groupAt = make([]int32, len(groups)), make([]bool, len(groups)), make([]int32, len(groups))
	f.trackN, f.trackAt = make([]int32, len(tracks)), make([]int32, len(tracks))
	f.roomAt, f.dayAt, f.speakerAt = make([]int32, len(rooms)), make([]int32, len(days)), make([]int32, len(speakers))
	return f
}

// topicStat is one topic: a candidate and those merged into it.
type topicStat struct {
	label    string
	forms    []string
	sessions []int32
	where    []uint8
	hits     []uint16
	name     float64 // how much it reads like a name, 0..1
	phrase   bool
	heat     float64
	groups   int
	tracks   []string
	rooms    int
	days     int
	speakers int
	covered  int
	owner    int32   // the candidate the others merged into
	members  []int32 // all its candidates
	capAll   int
	capYes   int
}

// topics gathers the merged candidates into topics. Their forms and
// label are filled in by finish, for the few that are shown.
func (ix *topicIndex) topics() []*topicStat {
	members := make([][]int32, len(ix.cands))
	var roots []int32
	for i := range ix.cands {
		r := ix.root(int32(i))
		if members[r] == nil {
			roots = append(roots, r)
		}
		members[r] = append(members[r], int32(i))
	}
	out := make([]*topicStat, 0, len(roots))
	for _, r := range roots {
		ms := members[r]
		t := &topicStat{owner: r, members: ms}
		// How much it reads like a name is judged on all its uses; whether
		// it is a phrase, or vocabulary, on its most used member.
		var f, shape, titled int
		main := ix.cands[ms[0]]
		for _, m := range ms {
			c := ix.cands[m]
			f += c.f
			shape += c.shape
			t.capAll += c.capAll
			t.capYes += c.capYes
			if c.f > main.f {
				main = c
			}
			if len(ms) == 1 {
				t.sessions, t.where, t.hits = c.sessions, c.where, c.hits
			} else {
				t.sessions, t.where, t.hits = mergeUses(t.sessions, t.where, t.hits, c.sessions, c.where, c.hits)
			}
		}
		if len(t.sessions) == 0 {
			continue
		}
		t.phrase = main.phrase
		vocabOnly := true
		for _, id := range main.g[:main.g.len()] {
			if ix.lex.class[id] == wContent {
				vocabOnly = false
			}
		}
		for _, w := range t.where {
			if w&(inTitle|inSubtitle|inTrack|inTags) != 0 {
				titled++
			}
		}
		// A capital in mid-sentence, with a prior against: a word never
		// seen there is likely no name.
		capRate := (float64(t.capYes) + 1) / (float64(t.capAll) + 3)
		name := capRate
		if f > 0 && shape*2 >= f {
			name = 1
		}
		switch {
		case t.phrase && vocabOnly:
			name = name * name // "Open Source Summit", yes; "data management", no
		case t.phrase:
			name = 0.5 + 0.5*name
		case vocabOnly:
			name = math.Min(name, 0.5) * 0.2
		case name < 0.5:
			name = name * name
		}
		// Topics people name are in titles, tags and tracks; prose words
		// ("trade-offs") are not.
		name *= math.Min(1, 0.3+2*float64(titled)/float64(len(t.sessions)))
		t.name = name
		out = append(out, t)
	}
	return out
}

// finish fills in a topic's forms, most used first, and its label.
func (ix *topicIndex) finish(t *topicStat) {
	if t.label != "" {
		return
	}
	forms := map[string]int{}
	for _, m := range t.members {
		for _, fc := range ix.cands[m].forms {
			forms[fc.form] += fc.n
		}
	}
	for k := range forms {
		t.forms = append(t.forms, k)
	}
	slices.SortFunc(t.forms, func(a, b string) int {
		if c := cmp.Compare(forms[b], forms[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b) // capitals first: "eBPF" before "ebpf"
	})
	switch {
	case len(t.forms) == 0: // only in track names
		t.label = ix.lex.keys[ix.cands[t.owner].g[0]]
	case t.capYes*2 > t.capAll: // a name: as people write it in mid-sentence
		t.label = t.forms[0]
		for _, f := range t.forms {
			if strings.IndexFunc(f, unicode.IsUpper) >= 0 {
				t.label = f
				break
			}
		}
	default:
		t.label = t.forms[0]
	}
}

// mergeUses merges two ascending session lists and their uses.
func mergeUses(as []int32, aw []uint8, ah []uint16, bs []int32, bw []uint8, bh []uint16) ([]int32, []uint8, []uint16) {
	n := len(as) + len(bs)
	s, w, h := make([]int32, 0, n), make([]uint8, 0, n), make([]uint16, 0, n)
	i, j := 0, 0
	for i < len(as) || j < len(bs) {
		switch {
		case j >= len(bs) || i < len(as) && as[i] < bs[j]:
			s, w, h = append(s, as[i]), append(w, aw[i]), append(h, ah[i])
			i++
		case i >= len(as) || bs[j] < as[i]:
			s, w, h = append(s, bs[j]), append(w, bw[j]), append(h, bh[j])
			j++
		default:
			s, w, h = append(s, as[i]), append(w, aw[i]|bw[j]), append(h, ah[i]+bh[j])
			i++
			j++
		}
	}
	return s, w, h
}

// measure computes a topic's breadth and heat.
func (t *topicStat) measure(program []*schedule.Session, f *programFacts) {
	f.stamp++
	st := f.stamp
	f.touched = f.touched[:0]
	rooms, days, speakers := 0, 0, 0
	var tracks []int32
	for k, si := range t.sessions {
		g := f.group[si]
		if f.groupAt[g] != st {
			f.groupAt[g], f.groupN[g], f.groupNamed[g] = st, 0, false
			f.touched = append(f.touched, g)
		}
		if t.where[k]&inTrack != 0 {
			f.groupNamed[g] = true
		}
		fresh := len(f.speakers[si]) == 0 // a session whose speakers were all counted adds nothing
		for _, sp := range f.speakers[si] {
			if f.speakerAt[sp] != st {
				f.speakerAt[sp] = st
				speakers++
				fresh = true
			}
		}
		if fresh {
			f.groupN[g]++
		}
		if r := f.room[si]; f.roomAt[r] != st {
			f.roomAt[r] = st
			rooms++
		}
		if d := f.day[si]; program[si].Scheduled() && f.dayAt[d] != st {
			f.dayAt[d] = st
			days++
		}
		if tr := f.track[si]; tr >= 0 {
			if f.trackAt[tr] != st {
				f.trackAt[tr], f.trackN[tr] = st, 0
				tracks = append(tracks, tr)
			}
			f.trackN[tr]++
		}
	}
	heat := 0.0
	for _, g := range f.touched {
		h := math.Log2(1 + float64(f.groupN[g]))
		if f.groupNamed[g] {
			h /= 2 // the track's own name counts less
		}
		heat += h
	}
	if f.days > 1 {
		heat *= math.Sqrt(float64(max(days, 1)) / float64(f.days))
	}
	t.heat = heat * t.name
	t.groups, t.rooms, t.days, t.speakers = len(f.touched), rooms, days, speakers
	slices.SortFunc(tracks, func(a, b int32) int {
		if c := cmp.Compare(f.trackN[b], f.trackN[a]); c != 0 {
			return c
		}
		return cmp.Compare(f.trackNames[a], f.trackNames[b])
	})
	t.tracks = t.tracks[:0]
	for _, tr := range tracks {
		t.tracks = append(t.tracks, f.trackNames[tr])
	}
}

func (t *topicStat) topic(program []*schedule.Session) Topic {
	return Topic{
		Topic: t.label, Sessions: len(t.sessions), Tracks: len(t.tracks), Covered: t.covered,
		Forms: t.forms, TrackNames: t.tracks, Rooms: t.rooms, Days: t.days, Speakers: t.speakers,
		Heat: math.Round(t.heat*100) / 100,
	}
}

// lookup finds the topic a person means by q, in any of its forms.
func (ix *topicIndex) lookup(q string, topics []*topicStat) *topicStat {
	var key strings.Builder
	for _, k := range keys(q) {
		key.WriteString(k)
	}
	k := key.String()
	if k == "" {
		return nil
	}
	find := func(key string) (int32, bool) { i, ok := ix.byKey[key]; return i, ok }
	i, ok := find(k)
	if !ok {
		if a, found := aliases[k]; found {
			i, ok = find(a)
		}
	}
	if !ok {
		i, ok = find(singular(k, find))
	}
	if !ok {
		return nil
	}
	r := ix.root(i)
	for _, t := range topics {
		if t.owner == r {
			return t
		}
	}
	return nil
}

// withoutURLs blanks out web addresses ("https://…", "www.…"), which are
// not prose, keeping every other byte where it is.
func withoutURLs(text string) string {
	for {
		start := -1
		if i := strings.Index(text, "://"); i > 0 {
			start = strings.LastIndexFunc(text[:i], func(r rune) bool { return !unicode.IsLetter(r) }) + 1
			if start == i {
				start = -1 // "://" without a scheme
			}
		}
		if i := strings.Index(text, "www."); i >= 0 && (start < 0 || i < start) && (i == 0 || !unicode.IsLetter(lastRune(text[:i]))) {
			start = i
		}
		if start < 0 {
			return text
		}
		end := strings.IndexFunc(text[start:], func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"'<>`, r) })
		if end < 0 {
			end = len(text) - start
		}
		text = text[:start] + strings.Repeat(" ", end) + text[start+end:]
	}
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
