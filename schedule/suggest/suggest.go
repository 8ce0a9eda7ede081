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
// one case (see index.go); spellings of one name are
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
	ix := indexTopics(program, nameWords(opt.Conference))
	ix.merge()
	topics := ix.topics()
	var ranked []*topicStat
	if opt.Topic != "" {
		ranked = ix.asked(opt.Topic, topics, program)
	} else {
		ranked = ix.hottest(topics, program, opt.MaxTopics)
	}
	var live []*schedule.Pick
	for _, p := range picks {
		if p.Live() {
			live = append(live, p)
		}
	}
	var out Result
	covering := sessionsOf(program, live)
	for _, t := range ranked {
		for _, si := range t.sessions {
			if covering[si] {
				t.covered++
			}
		}
		out.Topics = append(out.Topics, t.topic(program))
	}
	out.Sessions = newOfferer(program, picks, live, v, opt).offer(ranked, out.Topics)
	return out
}

// nameWords are the keys of the words of the conference's names, which
// are no topic: words of two letters or more, not only digits.
func nameWords(names []string) map[string]bool {
	out := map[string]bool{}
	for _, name := range names {
		for _, k := range keys(name) {
			if utf8.RuneCountInString(k) > 1 && strings.IndexFunc(k, unicode.IsLetter) >= 0 {
				out[k] = true
			}
		}
	}
	return out
}

// sessionsOf is the indices in program of the picks' sessions.
func sessionsOf(program []*schedule.Session, picks []*schedule.Pick) map[int32]bool {
	index := make(map[string]int32, len(program))
	for i, s := range program {
		index[s.ID] = int32(i)
	}
	out := map[int32]bool{}
	for _, p := range picks {
		if i, ok := index[p.ID]; ok {
			out[i] = true
		}
	}
	return out
}

// asked is the topic a person asked for by one of its forms, measured
// and finished; none when no session mentions it.
func (ix *topicIndex) asked(q string, topics []*topicStat, program []*schedule.Session) []*topicStat {
	t := ix.lookup(q, topics)
	if t == nil {
		return nil
	}
	t.measure(program, newProgramFacts(program))
	ix.finish(t)
	return []*topicStat{t}
}

// hottest are the n hottest topics, hottest first; topics of one
// session, or of one group only when the program has several, are not
// ranked. Measuring is the costly part: topics are measured in the order
// of an upper bound of their heat (n sessions in at most g groups give
// at most g·log2(1+n/g)), until no other can reach the top n.
func (ix *topicIndex) hottest(topics []*topicStat, program []*schedule.Session, n int) []*topicStat {
	facts := newProgramFacts(program)
	type bound struct {
		t  *topicStat
		ub float64
	}
	var cands []bound
	for _, t := range topics {
		if m := len(t.sessions); m >= 2 {
			g := float64(min(m, facts.groups))
			cands = append(cands, bound{t, t.name * g * math.Log2(1+float64(m)/g)})
		}
	}
	slices.SortFunc(cands, func(a, b bound) int { return cmp.Compare(b.ub, a.ub) })
	var ranked []*topicStat
	var best []float64 // the top heats so far, hottest first
	for _, c := range cands {
		if len(best) >= n && c.ub < best[n-1] {
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
	if len(ranked) > n {
		ranked = ranked[:n]
	}
	return ranked
}

// offerer chooses the sessions to offer.
type offerer struct {
	program []*schedule.Session
	picked  map[string]bool // every pick not skipped: a skipped one may be offered again
	fit     *schedule.Fitter
	busy    []*schedule.Pick // the live picks that take time: where an offer falls in the day
	opt     Options
}

func newOfferer(program []*schedule.Session, picks, live []*schedule.Pick, v *schedule.Venue, opt Options) *offerer {
	o := &offerer{program: program, picked: map[string]bool{}, fit: schedule.NewFitter(live, v), opt: opt}
	for _, p := range picks {
		if !p.Status.SetAside() {
			o.picked[p.ID] = true
		}
	}
	for _, p := range live {
		if p.Scheduled() && !p.Cancelled {
			o.busy = append(o.busy, p)
		}
	}
	return o
}

// ok tells whether s may be offered: scheduled, not cancelled, not
// picked, within StartsAfter and EndsAfter, and fitting the picks.
func (o *offerer) ok(s *schedule.Session) bool {
	if o.picked[s.ID] || !s.Scheduled() || s.Cancelled {
		return false
	}
	if !o.opt.StartsAfter.IsZero() && s.Start.Before(o.opt.StartsAfter) {
		return false
	}
	if !o.opt.EndsAfter.IsZero() && !s.End.After(o.opt.EndsAfter) {
		return false
	}
	return o.fit.Fits(s)
}

// offer goes round the ranked topics (those no pick covers, unless one
// was asked for), offering the best session of each that may be offered
// and was not offered yet, until MaxSessions or none is left. topics are
// the ranked topics as shown.
func (o *offerer) offer(ranked []*topicStat, topics []Topic) []Offer {
	var queues []*queue
	for i, t := range ranked {
		if t.covered == 0 || o.opt.Topic != "" {
			queues = append(queues, newQueue(o.program, t, topics[i]))
		}
	}
	var out []Offer
	offered := map[*schedule.Session]bool{}
	fresh := func(s *schedule.Session) bool { return !offered[s] && o.ok(s) }
	for len(out) < o.opt.MaxSessions {
		progress := false
		for _, q := range queues {
			if len(out) >= o.opt.MaxSessions {
				break
			}
			if s := q.next(o.program, fresh); s != nil {
				offered[s] = true
				progress = true
				out = append(out, Offer{Session: s, Topic: q.t.label, Reason: q.reason + "; " + fitsWhen(s, o.busy)})
			}
		}
		if !progress {
			break
		}
	}
	return out
}

// queue is a topic's sessions, best first, and why they are offered.
type queue struct {
	t      *topicStat
	i      int   // the next to look at
	order  []int // indices in t.sessions
	reason string
}

// newQueue orders the sessions of t by relevance, then time; tp is t as
// shown.
func newQueue(program []*schedule.Session, t *topicStat, tp Topic) *queue {
	q := &queue{t: t, order: make([]int, len(t.sessions)), reason: reason(tp)}
	for k := range q.order {
		q.order[k] = k
	}
	sort.SliceStable(q.order, func(a, b int) bool {
		ka, kb := q.order[a], q.order[b]
		if ra, rb := relevance(t.where[ka], t.hits[ka]), relevance(t.where[kb], t.hits[kb]); ra != rb {
			return ra > rb
		}
		return schedule.Less(program[t.sessions[ka]], program[t.sessions[kb]])
	})
	return q
}

// next is the queue's next session that ok accepts, nil when none is
// left.
func (q *queue) next(program []*schedule.Session, ok func(*schedule.Session) bool) *schedule.Session {
	for q.i < len(q.order) {
		s := program[q.t.sessions[q.order[q.i]]]
		q.i++
		if ok(s) {
			return s
		}
	}
	return nil
}

// reason says why a topic's sessions are offered: "on eBPF, which 12
// sessions in 3 tracks mention and none of your picks".
func reason(tp Topic) string {
	cover := "none of your picks"
	if tp.Covered > 0 {
		cover = fmt.Sprintf("%d of your picks", tp.Covered)
	}
	mention := "mention"
	if tp.Sessions == 1 { // a topic asked for by name may have one session
		mention = "mentions"
	}
	return fmt.Sprintf("on %s, which %s in %s %s and %s", tp.Topic, schedule.Plural(tp.Sessions, "session", ""), schedule.Plural(tp.Tracks, "track", ""), mention, cover)
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
