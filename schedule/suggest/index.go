package suggest

import (
	"math"
	"slices"
	"strings"

	"github.com/plan-cli/plan/schedule"
)

// How topics are found (see Suggest for the whole rule):
//
//  1. Every title, subtitle, abstract and tag is cut into words; a
//     hyphen joins two words of one name ("RISC-V", "cloud-native"), any
//     other punctuation ends a phrase, and a sentence's first word is
//     marked, since its capital says nothing.
//  2. A run of two to four words (beginning and ending with a word that
//     is no stop word, see stopwords.go; "of" may be inside) is a
//     compound when it recurs (three times, in two sessions) and holds at
//     least half of the uses of its rarest word: "Cloud Native", "supply
//     chain", "Cyber Resilience Act". A hyphen before a letter or number
//     always makes one ("RISC-V", "x86-64"). A longer compound that does
//     not hold half of the uses of a shorter one inside it is none.
//  3. Each text is read again; at each word the longest compound wins,
//     else the word alone counts. Spellings of one name are merged: the
//     same letters without spaces, hyphens or dots ("RISC-V", "risc v",
//     "riscv"), a plural ("containers"), a known alias or an "-OS"/"-QL"
//     form used together ("BPF", "Postgres", "NixOS", "k8s", "Wasm"),
//     an acronym and the compound of its initials used together ("CRA",
//     "Cyber Resilience Act").
//  4. A topic is likely a name when people write it that way: mixed case
//     or digits ("eBPF", "k8s"), all capitals, or a capital in the middle
//     of a sentence of a text that is not in title case nor German.
//     Plain words written in lower case ("performance") are vocabulary:
//     they rank far below names and compounds.
//  5. Heat is breadth, not raw counts: over the tracks (else rooms) that
//     mention it, each adds log2(1+n) for its n sessions (a session whose
//     speakers were all counted already adds nothing), halved in a track
//     whose name holds the topic; times the square root of the share of
//     the conference's days it is on.

// theta is how much of its rarest word's uses a compound must hold.
const theta = 0.5

// maxGram is the longest compound, in words.
const maxGram = 4

// Where a session mentions a topic.
const (
	inTitle uint8 = 1 << iota
	inSubtitle
	inAbstract
	inTags
	inTrack
)

// What the capitals of a text tell.
const (
	tellNone  uint8 = iota // nothing: a title in title case, tags, a track
	tellAll                // a capital in mid-sentence marks a name
	tellLower              // German: only a word in lower case tells (it is no name)
)

// gram is a run of one to maxGram word ids; unused places are 0.
type gram [maxGram]int32

func (g gram) len() int {
	n := 0
	for n < maxGram && g[n] != 0 {
		n++
	}
	return n
}

// inner yields every run of two or more words inside g, shorter than g.
func (g gram) inner(yield func(gram) bool) {
	n := g.len()
	for a := 0; a < n; a++ {
		for b := a + 2; b <= n; b++ {
			if b-a == n {
				continue
			}
			var sub gram
			copy(sub[:], g[a:b])
			if !yield(sub) {
				return
			}
		}
	}
}

// gramStat counts a run of words in pass 1.
type gramStat struct {
	f, df int32
	last  int32 // the document that counted last, for df
	told  int32 // uses in texts whose capitals tell
	mixed int32 // of those, a name next to a word in lower case ("eBPF python")
}

// canEnd tells whether a word of class c may end a phrase: a word, or a
// letter or number after a hyphen or a space ("RISC-V", "risc v").
func canEnd(c uint8, joined bool) bool {
	return c == wContent || c == wVocab || c == wLetter || c == wNumber
}

// canBegin tells whether a word of class c may begin a phrase.
func canBegin(c uint8) bool { return c == wContent || c == wVocab }

// canInner tells whether a word of class c may be inside a phrase.
func canInner(c uint8, joined bool) bool {
	return canBegin(c) || c == wInner || joined && (c == wLetter || c == wNumber)
}

// eachRun calls fn for every run of 2..maxGram words starting at i that
// could be a phrase, longest last.
func eachRun(lex *lexicon, ts []tok, i int, fn func(g gram, n int)) {
	if !canBegin(lex.class[ts[i].id]) && !(lex.class[ts[i].id] == wLetter && i+1 < len(ts) && ts[i+1].joined) { // "e-mail"
		return
	}
	var g gram
	g[0] = ts[i].id
	for n := 2; n <= maxGram && i+n-1 < len(ts); n++ {
		t := ts[i+n-1]
		if t.brk {
			return
		}
		c := lex.class[t.id]
		end, inner := canEnd(c, t.joined), canInner(c, t.joined)
		if !end && !inner {
			return
		}
		g[n-1] = t.id
		if end {
			fn(g, n)
		}
		if !inner {
			return
		}
	}
}

// topicCand is a candidate topic: a word or a compound, and its uses.
type topicCand struct {
	g        gram
	key      string // the words' keys run together: "riscv", "cloudnative"
	phrase   bool
	f        int     // uses
	sessions []int32 // indices of the sessions using it, ascending
	where    []uint8 // for each of sessions: where (inTitle, …)
	hits     []uint16
	forms    []formCount
	capAll   int // uses that tell by their capital (mid-sentence, not title case, not German)
	capYes   int // of those, written with capitals
	shape    int // uses written like a name
	parent   int32
}

// topicIndex is the program's topics before ranking.
type topicIndex struct {
	lex      *lexicon
	grams    map[gram]int32 // compound or word → candidate
	cands    []*topicCand
	byKey    map[string]int32 // run-together key → candidate
	sessions []*schedule.Session
	toks     []tok
	spans    []textSpan
	word     []int32 // word id → its candidate, or -1
	begins   []bool  // word id → some compound begins with it
}

// titleCase tells whether most longer words after the first of a text
// start with a capital ("Building Secure Containers With Nix"): its
// capitals then say nothing about names.
func titleCase(ts []tok) bool {
	n, caps := 0, 0
	for i, t := range ts {
		if i == 0 || t.start || t.n < 4 {
			continue
		}
		n++
		if t.upper {
			caps++
		}
	}
	return n > 0 && caps*2 > n
}

// german tells whether a text reads as German (more German function
// words than English ones).
func german(ts []tok, lex *lexicon) bool {
	de, en := 0, 0
	for _, t := range ts {
		if lex.german[t.id] {
			de++
		} else if lex.class[t.id] == wStop {
			en++
		}
	}
	return de > 3 && de*2 > en
}

// textSpan is one text of a session, as tokens in topicIndex.toks.
type textSpan struct {
	si       int32
	where    uint8
	tells    uint8
	text     string
	from, to int32
}

// indexTopics finds the candidate topics of the program (steps 1–3).
// exclude holds keys that are never topics (the conference's name).
func indexTopics(program []*schedule.Session, exclude map[string]bool) *topicIndex {
	ix := newTopicIndex(program, exclude)
	docs := ix.read()
	runs, split := ix.countRuns(docs)
	for _, g := range compounds(ix.lex, runs, split) {
		ix.cand(g, true)
	}
	ix.mentionAll()
	return ix
}

// newTopicIndex is an empty index of the program, sized for its texts;
// the keys of exclude are stop words.
func newTopicIndex(program []*schedule.Session, exclude map[string]bool) *topicIndex {
	lex := newLexicon()
	ix := &topicIndex{lex: lex, grams: map[gram]int32{}, byKey: map[string]int32{}, sessions: program}
	size := 0
	for _, s := range program {
		size += len(s.Title) + len(s.Subtitle) + len(s.Abstract)
	}
	ix.toks = make([]tok, 0, size/6)
	ix.spans = make([]textSpan, 0, 3*len(program))
	lex.ids = make(map[string]int32, min(size/40, 1<<20))
	for k := range exclude {
		lex.class[lex.id(k)] = wStop
	}
	return ix
}

// read cuts every text of the program into words once (step 1), and
// returns the token ranges that count for statistics, one per document:
// a session's texts, or a track's name, which is cut, and counted, once,
// not once per session. Cancelled sessions are left out.
func (ix *topicIndex) read() (docs [][2]int32) {
	tracks := map[string][2]int32{}
	for si, s := range ix.sessions {
		if s.Cancelled {
			continue
		}
		docs = append(docs, ix.readSession(int32(si), s))
		if s.Track == "" {
			continue
		}
		r, ok := tracks[s.Track]
		if !ok {
			r[0] = int32(len(ix.toks))
			ix.toks = tokenize(ix.toks, s.Track, ix.lex)
			r[1] = int32(len(ix.toks))
			tracks[s.Track] = r
			docs = append(docs, r)
		}
		ix.spans = append(ix.spans, textSpan{si: int32(si), where: inTrack, tells: tellNone, text: s.Track, from: r[0], to: r[1]})
	}
	ix.word = make([]int32, len(ix.lex.keys))
	for i := range ix.word {
		ix.word[i] = -1
	}
	ix.begins = make([]bool, len(ix.lex.keys))
	return docs
}

// readSession cuts the title, subtitle, abstract and tags of session si
// into words, and returns their token range.
func (ix *topicIndex) readSession(si int32, s *schedule.Session) [2]int32 {
	first := len(ix.spans)
	de := strings.HasPrefix(strings.ToLower(s.Language), "de")
	docFrom := int32(len(ix.toks))
	for fi, text := range [4]string{s.Title, s.Subtitle, s.Abstract, strings.Join(s.Tags, "\n")} {
		if text == "" {
			continue
		}
		from := int32(len(ix.toks))
		ix.toks = tokenize(ix.toks, text, ix.lex)
		ix.spans = append(ix.spans, textSpan{si: si, where: uint8(1) << fi, text: text, from: from, to: int32(len(ix.toks))})
		if fi == 2 && !de {
			de = german(ix.toks[from:], ix.lex)
		}
	}
	for k := first; k < len(ix.spans); k++ {
		ix.tell(&ix.spans[k], de)
	}
	return [2]int32{docFrom, int32(len(ix.toks))}
}

// tell marks what the capitals of a text say. Tags are labels; a text in
// title case capitalises words that are not names, and so does German
// (de), where a word in lower case still tells it is none.
func (ix *topicIndex) tell(sp *textSpan, de bool) {
	sp.tells = tellNone
	if sp.where != inTags && !titleCase(ix.toks[sp.from:sp.to]) {
		sp.tells = tellAll
		if de {
			sp.tells = tellLower
		}
	}
	if sp.tells == tellAll {
		for j := sp.from; j < sp.to; j++ {
			ix.toks[j].told = true
		}
	}
}

// countRuns is pass 1: how often each word and each run of words is
// used, and which runs are joined by hyphens and have a letter or number
// for a part (split: "RISC-V", "x86-64"). A run with a word used less
// than three times is not counted, unless split.
func (ix *topicIndex) countRuns(docs [][2]int32) (runs map[gram]*gramStat, split map[gram]bool) {
	lex := ix.lex
	for _, d := range docs {
		for _, t := range ix.toks[d[0]:d[1]] {
			lex.freq[t.id]++
		}
	}
	runs, split = map[gram]*gramStat{}, map[gram]bool{}
	for doc, d := range docs {
		ts := ix.toks[d[0]:d[1]]
		for i := range ts {
			eachRun(lex, ts, i, func(g gram, n int) {
				whole, part, rare := runParts(lex, ts[i:i+n])
				if whole && part {
					split[g] = true
				} else if rare {
					return
				}
				st := runs[g]
				if st == nil {
					st = &gramStat{last: -1}
					runs[g] = st
				}
				st.count(lex, ts[i:i+n], int32(doc))
			})
		}
	}
	return runs, split
}

// runParts tells whether a run's words are all joined by hyphens (whole),
// whether one is a letter or a number (part), and whether one that is
// not "of" is used less than three times (rare).
func runParts(lex *lexicon, run []tok) (whole, part, rare bool) {
	whole = true
	for k, t := range run {
		if k > 0 && !t.joined {
			whole = false
		}
		c := lex.class[t.id]
		part = part || c == wLetter || c == wNumber
		rare = rare || c != wInner && lex.freq[t.id] < 3
	}
	return whole, part, rare
}

// count counts a use of a run in document doc.
func (st *gramStat) count(lex *lexicon, run []tok, doc int32) {
	st.f++
	if run[0].told {
		st.told++
		if mixedCase(lex, run) {
			st.mixed++
		}
	}
	if st.last != doc {
		st.last = doc
		st.df++
	}
}

// mixedCase tells whether a run puts a name next to a word in lower case
// ("eBPF python").
func mixedCase(lex *lexicon, run []tok) bool {
	caps, lower := false, false
	for _, t := range run {
		switch c := lex.class[t.id]; {
		case c == wInner || c == wNumber || c == wLetter:
		case t.shape || t.upper && !t.start:
			caps = true
		case !t.upper:
			lower = true
		}
	}
	return caps && lower
}

// compounds are the runs that are one name (step 2), in a stable order:
// those split by a hyphen, and the recurring runs written in one case
// that hold half of their rarest word's uses, but not a longer one that
// holds less than half of the uses of a compound inside it.
func compounds(lex *lexicon, runs map[gram]*gramStat, split map[gram]bool) []gram {
	isComp := map[gram]int32{}
	for g, st := range runs {
		if split[g] || isCompound(lex, g, st) {
			isComp[g] = st.f
		}
	}
	var keep []gram
	for g, f := range isComp {
		if holdsInner(g, f, isComp) {
			keep = append(keep, g)
		}
	}
	slices.SortFunc(keep, cmpGram) // a stable order of candidates
	return keep
}

// isCompound tells whether a run counted in st is a compound: it recurs
// (three times, in two documents), is written in one case ("Cloud
// Native", "supply chain"; not a name and a word: "eBPF python", "Linux
// kernel"), holds half of the uses of its rarest word, and is no stock
// phrase.
func isCompound(lex *lexicon, g gram, st *gramStat) bool {
	if st.f < 3 || st.df < 2 || st.mixed*2 > st.told {
		return false
	}
	rarest := int32(math.MaxInt32)
	var words []string
	for _, id := range g[:g.len()] {
		words = append(words, lex.keys[id])
		if lex.class[id] != wInner {
			rarest = min(rarest, lex.freq[id])
		}
	}
	return float64(st.f) >= theta*float64(rarest) && !stopPhrases()[strings.Join(words, " ")]
}

// holdsInner tells whether a compound used f times holds half of the uses
// of every compound inside it.
func holdsInner(g gram, f int32, isComp map[gram]int32) bool {
	for sub := range g.inner {
		if n, found := isComp[sub]; found && float64(f) < theta*float64(n) {
			return false
		}
	}
	return true
}

// mentionAll is pass 2: each session's topics, the longest compound
// first. A speaker's own name is no topic of their session.
func (ix *topicIndex) mentionAll() {
	speakerWords := map[int32]bool{}
	last := int32(-1)
	var buf []tok
	for _, sp := range ix.spans {
		if sp.si != last {
			last = sp.si
			clear(speakerWords)
			for _, name := range ix.sessions[sp.si].Speakers {
				buf = tokenize(buf[:0], name, ix.lex)
				for _, t := range buf {
					speakerWords[t.id] = true
				}
			}
		}
		ix.mentions(sp, speakerWords)
	}
}

func cmpGram(a, b gram) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// cand returns the candidate of g, making it if need be.
func (ix *topicIndex) cand(g gram, phrase bool) *topicCand {
	if i, ok := ix.grams[g]; ok {
		return ix.cands[i]
	}
	var key strings.Builder
	for _, id := range g[:g.len()] {
		key.WriteString(ix.lex.keys[id])
	}
	c := &topicCand{g: g, key: key.String(), phrase: phrase, parent: int32(len(ix.cands))}
	ix.grams[g] = c.parent
	ix.cands = append(ix.cands, c)
	if n := g.len(); n == 1 {
		ix.word[g[0]] = c.parent
	} else {
		ix.begins[g[0]] = true
	}
	return c
}

// formCount is a way a candidate is written, and how often.
type formCount struct {
	form string
	n    int
}

func (c *topicCand) addForm(f string) {
	for i := range c.forms {
		if c.forms[i].form == f {
			c.forms[i].n++
			return
		}
	}
	c.forms = append(c.forms, formCount{f, 1})
}

// mentions counts the topics of one text of a session (step 3): at each
// word the longest compound wins, else the word alone counts; skip holds
// the words that are no topic of the session (its speakers' names).
func (ix *topicIndex) mentions(sp textSpan, skip map[int32]bool) {
	ts := ix.toks[sp.from:sp.to]
	for i := 0; i < len(ts); {
		c, n := ix.candAt(ts, i, sp.where != inTrack, skip)
		if c == nil {
			i++
			continue
		}
		c.use(sp.si, sp.where)
		if sp.where != inTrack {
			c.written(ix.lex, sp, ts[i:i+n])
		}
		i += n
	}
}

// candAt is the candidate that the words from ts[i] are, and how many
// words it takes: the longest compound, else the word alone; nil for a
// word that is no topic, or (when skipping) is in skip.
func (ix *topicIndex) candAt(ts []tok, i int, skipping bool, skip map[int32]bool) (*topicCand, int) {
	lex := ix.lex
	n := 1
	var c *topicCand
	if ix.begins[ts[i].id] {
		eachRun(lex, ts, i, func(g gram, m int) {
			if j, ok := ix.grams[g]; ok && ix.cands[j].phrase {
				c, n = ix.cands[j], m
			}
		})
	}
	if c != nil {
		return c, n
	}
	id := ts[i].id
	if lex.class[id] != wContent && lex.class[id] != wVocab || skipping && skip[id] {
		return nil, 1
	}
	if j := ix.word[id]; j >= 0 {
		return ix.cands[j], 1
	}
	return ix.cand(gram{id}, false), 1
}

// written counts how a use of c (the words run, in text sp) is written:
// its form, whether like a name, and what its capitals tell (step 4).
func (c *topicCand) written(lex *lexicon, sp textSpan, run []tok) {
	caps, shape := true, false
	for _, t := range run {
		shape = shape || t.shape
		if cl := lex.class[t.id]; !t.upper && !t.shape && (cl == wContent || cl == wVocab) {
			caps = false
		}
	}
	c.addForm(formOf(sp.text, run))
	if shape {
		c.shape++
	}
	switch {
	case sp.tells == tellNone:
	case shape:
		c.capAll++
		c.capYes++
	case run[0].start:
	case caps && sp.tells == tellAll:
		c.capAll++
		c.capYes++
	case !caps:
		c.capAll++
	}
}

// formOf is how text writes a run of words: as written when the words
// stand apart by one space or hyphen on one line, else the words joined
// by a space or their hyphen.
func formOf(text string, run []tok) string {
	first, last := run[0], run[len(run)-1]
	plain := true
	for k := 1; k < len(run); k++ {
		if run[k].off != run[k-1].off+uint32(run[k-1].n)+1 {
			plain = false
		}
	}
	if plain && !strings.ContainsAny(text[first.off:last.off], "\n\t\r") {
		return text[first.off : last.off+uint32(last.n)]
	}
	var form strings.Builder
	for k, t := range run {
		if k > 0 {
			if t.joined {
				form.WriteByte('-')
			} else {
				form.WriteByte(' ')
			}
		}
		form.WriteString(t.in(text))
	}
	return form.String()
}

// use records a use of c in session si.
func (c *topicCand) use(si int32, where uint8) {
	if where != inTrack {
		c.f++
	}
	if n := len(c.sessions); n > 0 && c.sessions[n-1] == si {
		c.where[n-1] |= where
		if c.hits[n-1] < math.MaxUint16 {
			c.hits[n-1]++
		}
		return
	}
	c.sessions = append(c.sessions, si)
	c.where = append(c.where, where)
	c.hits = append(c.hits, 1)
}
