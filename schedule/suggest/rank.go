package suggest

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/plan-cli/plan/schedule"
)

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
		f.day[i] = intern(days, s.Day().String())
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
		if t := ix.gather(r, members[r]); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// gather is the topic of candidate r and the candidates ms merged into
// it (r among them), nil when no session uses it. How much it reads like
// a name is judged on all its uses; whether it is a phrase, or
// vocabulary, on its most used member.
func (ix *topicIndex) gather(r int32, ms []int32) *topicStat {
	t := &topicStat{owner: r, members: ms}
	var f, shape int
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
		return nil
	}
	t.phrase = main.phrase
	t.name = ix.nameScore(t, main, f, shape)
	return t
}

// nameScore is how much topic t reads like a name, 0..1 (step 4): 1 when
// half of its f uses are shaped like one, else its rate of capitals in
// mid-sentence; a compound counts as half a name at least, unless it is
// all vocabulary; a word of vocabulary ranks far below; and it counts
// fully only when it is in titles, tags or tracks.
func (ix *topicIndex) nameScore(t *topicStat, main *topicCand, f, shape int) float64 {
	vocabOnly := true
	for _, id := range main.g[:main.g.len()] {
		if ix.lex.class[id] == wContent {
			vocabOnly = false
		}
	}
	titled := 0
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
	return name * math.Min(1, 0.3+2*float64(titled)/float64(len(t.sessions)))
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
