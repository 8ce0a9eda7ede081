package suggest

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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

// tok is a word of a text.
type tok struct {
	id     int32  // its key, interned: lower case, without dots and underscores
	off    uint32 // where it is in the text
	n      uint16 // its length there
	brk    bool   // punctuation (or the field's start) before it: a phrase cannot textSpan it
	start  bool   // the first word of a sentence
	joined bool   // joined to the word before by a hyphen
	shape  bool   // written like a name: "eBPF", "k8s", "SBOM", "C++", "node.js"
	upper  bool   // first letter a capital
	told   bool   // in a text whose capitals tell names (tellAll)
}

func (t tok) in(text string) string { return text[t.off : t.off+uint32(t.n)] }

// tokenize cuts text into words (see step 1 above), appending to buf;
// lex interns their keys.
func tokenize(buf []tok, text string, lex *lexicon) []tok {
	text = withoutURLs(text)
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	at := func(i int) rune {
		if i >= len(text) || i < 0 {
			return 0
		}
		r, _ := utf8.DecodeRuneInString(text[i:])
		return r
	}
	brk, start, joined := true, true, false
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		begin := i
		switch {
		case word(r):
		case r == '.' && unicode.IsLetter(at(i+1)) && (i == 0 || !word(lastRune(text[:i]))): // ".NET"
		default:
			switch {
			case unicode.IsSpace(r):
				if r == '\n' { // a line of its own, or a list's item
					brk, start = true, true
				}
			case r == '-' && i > 0 && word(lastRune(text[:i])) && word(at(i+1)):
				joined = true
			case strings.ContainsRune(".!?:;•·", r) || r == '*' && (i == 0 || text[i-1] == '\n'):
				brk, start = true, true
			default:
				brk = true
			}
			i += size
			continue
		}
		i += size
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if word(r) {
				i += size
				continue
			}
			if strings.ContainsRune("._'’", r) && word(at(i+size)) {
				i += size
				continue
			}
			break
		}
		if i < len(text) && (text[i] == '+' || text[i] == '#') && unicode.IsLetter(lastRune(text[:i])) {
			j := i
			for j < len(text) && text[j] == text[i] {
				j++
			}
			if !word(at(j)) { // "a+b" is two words
				i = j
			}
		}
		w := text[begin:i]
		for _, poss := range []string{"'s", "'S", "’s", "’S"} {
			if len(w) > len(poss) && strings.HasSuffix(w, poss) {
				w = w[:len(w)-len(poss)]
				break
			}
		}
		if len(w) > math.MaxUint16 {
			w = w[:math.MaxUint16]
		}
		key := w
		if strings.ContainsRune(w, '’') {
			key = strings.ReplaceAll(w, "’", "'")
		}
		t := tok{id: lex.id(wordKey(key)), off: uint32(begin), n: uint16(len(w)), brk: brk, start: start, joined: joined && !brk}
		t.shape, t.upper = wordShape(w)
		buf = append(buf, t)
		brk, start, joined = false, false, false
	}
	return buf
}

// keys cuts text into words and gives their keys.
func keys(text string) []string {
	lex := newLexicon()
	var out []string
	for _, t := range tokenize(nil, text, lex) {
		out = append(out, lex.keys[t.id])
	}
	return out
}

// wordKey is a word in lower case without inner dots and underscores
// ("Node.js" → "nodejs"); a leading dot stays (".net"). A word in
// capitals whose lower case is a stop word keeps its capitals ("IT",
// "LED"): it is another word.
func wordKey(w string) string {
	simple := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || (c == '.' || c == '_') && i > 0 {
			simple = false
			break
		}
	}
	if simple {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	lower := false
	for i, r := range w {
		if (r == '.' || r == '_') && i > 0 {
			continue
		}
		lower = lower || unicode.IsLower(r)
		b.WriteRune(unicode.ToLower(r))
	}
	k := b.String()
	if !lower && len(k) >= 2 && stopWords()[k] {
		return w
	}
	return k
}

// wordShape tells whether a word is written like a name (a capital after
// a small letter, letters and digits mixed, all capitals, a "+", "#" or
// inner dot) and whether it starts with a capital.
func wordShape(w string) (shape, upper bool) {
	var lower, caps, digits, letters int
	prevLower := false
	first := true
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			if first {
				upper = true
			}
			if prevLower {
				shape = true // eBPF, OpenSearch, PostgreSQL
			}
			caps++
			letters++
			prevLower = false
		case unicode.IsLower(r):
			lower++
			letters++
			prevLower = true
		case unicode.IsDigit(r):
			digits++
			prevLower = false
		case r == '+' || r == '#' || r == '.' && !first:
			shape = true
		}
		first = false
	}
	if letters > 0 && digits > 0 {
		shape = true // k8s, x86, IPv6
	}
	if caps >= 2 && lower == 0 {
		shape = true // SBOM, CRA
	}
	return shape, upper
}

// A word's class.
const (
	wContent uint8 = iota // may be a topic
	wVocab                // only inside a phrase
	wStop                 // never part of a topic; ends a phrase
	wInner                // "of": only inside a phrase
	wNumber               // digits only: ends a phrase unless joined ("x86-64")
	wLetter               // a single letter: only inside a phrase ("RISC-V")
)

// lexicon interns word keys.
type lexicon struct {
	ids    map[string]int32
	keys   []string
	class  []uint8
	german []bool
	freq   []int32 // every use (pass 1)
}

func newLexicon() *lexicon {
	return &lexicon{ids: map[string]int32{}, keys: []string{""}, class: []uint8{wStop}, german: []bool{false}, freq: []int32{0}}
}

func (l *lexicon) id(key string) int32 {
	if id, ok := l.ids[key]; ok {
		return id
	}
	id := int32(len(l.keys))
	l.ids[key] = id
	l.keys = append(l.keys, key)
	l.class = append(l.class, classify(key))
	l.german = append(l.german, germanWords()[key])
	l.freq = append(l.freq, 0)
	return id
}

func classify(key string) uint8 {
	switch {
	case key == "of":
		return wInner
	case strings.IndexFunc(key, unicode.IsLetter) < 0:
		return wNumber
	case utf8.RuneCountInString(key) < 2:
		return wLetter
	case stopWords()[key]:
		return wStop
	case vocabWords()[key]:
		return wVocab
	}
	if i := strings.LastIndexByte(key, '.'); i > 0 && hostSuffixes[key[i+1:]] {
		return wStop // "github.com"
	}
	return wContent
}

// gram is a run of one to maxGram word ids; unused places are 0.
type gram [maxGram]int32

func (g gram) len() int {
	n := 0
	for n < maxGram && g[n] != 0 {
		n++
	}
	return n
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
	lex := newLexicon()
	ix := &topicIndex{lex: lex, grams: map[gram]int32{}, byKey: map[string]int32{}, sessions: program}
	// Every text is cut into words once. A track's name is cut, and
	// counted, once, not once per session.
	size := 0
	for _, s := range program {
		size += len(s.Title) + len(s.Subtitle) + len(s.Abstract)
	}
	toks := make([]tok, 0, size/6)
	spans := make([]textSpan, 0, 3*len(program))
	lex.ids = make(map[string]int32, min(size/40, 1<<20))
	for k := range exclude {
		lex.class[lex.id(k)] = wStop
	}
	var docs [][2]int32 // the token ranges counted for statistics, one per document
	tracks := map[string][2]int32{}
	for si, s := range program {
		if s.Cancelled {
			continue
		}
		first := len(spans)
		de := strings.HasPrefix(strings.ToLower(s.Language), "de")
		docFrom := int32(len(toks))
		for fi, text := range [4]string{s.Title, s.Subtitle, s.Abstract, strings.Join(s.Tags, "\n")} {
			if text == "" {
				continue
			}
			from := int32(len(toks))
			toks = tokenize(toks, text, lex)
			spans = append(spans, textSpan{si: int32(si), where: uint8(1) << fi, text: text, from: from, to: int32(len(toks))})
			if fi == 2 && !de {
				de = german(toks[from:], lex)
			}
		}
		docs = append(docs, [2]int32{docFrom, int32(len(toks))})
		// Tags are labels; a text in title case capitalises words that
		// are not names, and so does German, where a word in lower case
		// still tells it is none.
		for k := first; k < len(spans); k++ {
			sp := &spans[k]
			sp.tells = tellNone
			if sp.where != inTags && !titleCase(toks[sp.from:sp.to]) {
				sp.tells = tellAll
				if de {
					sp.tells = tellLower
				}
			}
			if sp.tells == tellAll {
				for j := sp.from; j < sp.to; j++ {
					toks[j].told = true
				}
			}
		}
		if s.Track != "" {
			r, ok := tracks[s.Track]
			if !ok {
				r[0] = int32(len(toks))
				toks = tokenize(toks, s.Track, lex)
				r[1] = int32(len(toks))
				tracks[s.Track] = r
				docs = append(docs, r)
			}
			spans = append(spans, textSpan{si: int32(si), where: inTrack, tells: tellNone, text: s.Track, from: r[0], to: r[1]})
		}
	}
	ix.toks, ix.spans = toks, spans
	ix.word = make([]int32, len(lex.keys))
	for i := range ix.word {
		ix.word[i] = -1
	}
	ix.begins = make([]bool, len(lex.keys))

	// Pass 1: how often each word and each run of words is used.
	for _, d := range docs {
		for _, t := range toks[d[0]:d[1]] {
			lex.freq[t.id]++
		}
	}
	runs := map[gram]*gramStat{}
	split := map[gram]bool{} // runs joined by hyphens that have a letter or number for a part
	for doc, d := range docs {
		ts := toks[d[0]:d[1]]
		for i := range ts {
			eachRun(lex, ts, i, func(g gram, n int) {
				whole, part, rare := true, false, false
				for k := i; k < i+n; k++ {
					if k > i && !ts[k].joined {
						whole = false
					}
					c := lex.class[ts[k].id]
					part = part || c == wLetter || c == wNumber
					rare = rare || c != wInner && lex.freq[ts[k].id] < 3
				}
				if whole && part {
					split[g] = true
				} else if rare { // used less than three times: no compound
					return
				}
				st := runs[g]
				if st == nil {
					st = &gramStat{last: -1}
					runs[g] = st
				}
				st.f++
				if ts[i].told {
					st.told++
					caps, lower := false, false
					for k := i; k < i+n; k++ {
						switch c := lex.class[ts[k].id]; {
						case c == wInner || c == wNumber || c == wLetter:
						case ts[k].shape || ts[k].upper && !ts[k].start:
							caps = true
						case !ts[k].upper:
							lower = true
						}
					}
					if caps && lower {
						st.mixed++
					}
				}
				if st.last != int32(doc) {
					st.last = int32(doc)
					st.df++
				}
			})
		}
	}

	// Compounds: recurring runs that hold half of their rarest word's uses.
	type compound struct {
		g gram
		f int32
	}
	var comps []compound
	for g, st := range runs {
		n := g.len()
		if split[g] { // "RISC-V", "x86-64": a name that cannot be cut
			comps = append(comps, compound{g, st.f})
			continue
		}
		// A compound is written in one case: "Cloud Native", "supply
		// chain"; not a name and a word ("eBPF python", "Linux kernel").
		if st.f < 3 || st.df < 2 || st.mixed*2 > st.told {
			continue
		}
		rarest := int32(math.MaxInt32)
		var words []string
		for _, id := range g[:n] {
			words = append(words, lex.keys[id])
			c := lex.class[id]
			if c == wInner {
				continue
			}
			rarest = min(rarest, lex.freq[id])
		}
		if float64(st.f) < theta*float64(rarest) || stopPhrases()[strings.Join(words, " ")] {
			continue
		}
		comps = append(comps, compound{g, st.f})
	}
	isComp := map[gram]int32{}
	for _, c := range comps {
		isComp[c.g] = c.f
	}
	// A longer compound must hold half of the uses of every compound
	// inside it.
	keep := comps[:0]
	for _, c := range comps {
		n := c.g.len()
		ok := true
		for a := 0; a < n && ok; a++ {
			for b := a + 2; b <= n && ok; b++ {
				if b-a == n {
					continue
				}
				var sub gram
				copy(sub[:], c.g[a:b])
				if f, found := isComp[sub]; found && float64(c.f) < theta*float64(f) {
					ok = false
				}
			}
		}
		if ok {
			keep = append(keep, c)
		}
	}
	slices.SortFunc(keep, func(a, b compound) int { return cmpGram(a.g, b.g) }) // a stable order of candidates
	for _, c := range keep {
		ix.cand(c.g, true)
	}

	// Pass 2: each session's topics, the longest compound first. A
	// speaker's own name is no topic of their session.
	speakerWords := map[int32]bool{}
	last := int32(-1)
	var buf []tok
	for _, sp := range spans {
		if sp.si != last {
			last = sp.si
			clear(speakerWords)
			for _, name := range program[sp.si].Speakers {
				buf = tokenize(buf[:0], name, lex)
				for _, t := range buf {
					speakerWords[t.id] = true
				}
			}
		}
		ix.mentions(sp, speakerWords)
	}
	return ix
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

// mentions counts the topics of one text of a session.
func (ix *topicIndex) mentions(sp textSpan, skip map[int32]bool) {
	lex := ix.lex
	ts, si, where, tells := ix.toks[sp.from:sp.to], sp.si, sp.where, sp.tells
	for i := 0; i < len(ts); {
		n := 1
		var c *topicCand
		if ix.begins[ts[i].id] {
			eachRun(lex, ts, i, func(g gram, m int) {
				if j, ok := ix.grams[g]; ok && ix.cands[j].phrase {
					c, n = ix.cands[j], m
				}
			})
		}
		if c == nil {
			id := ts[i].id
			if lex.class[id] != wContent && lex.class[id] != wVocab || where != inTrack && skip[id] {
				i++
				continue
			}
			if j := ix.word[id]; j >= 0 {
				c = ix.cands[j]
			} else {
				c = ix.cand(gram{id}, false)
			}
		}
		c.use(si, where)
		if where != inTrack {
			caps, shape := true, false
			plain := true // the words stand apart by one space or hyphen: the text as written is the form
			for k := i; k < i+n; k++ {
				t := ts[k]
				if k > i && t.off != ts[k-1].off+uint32(ts[k-1].n)+1 {
					plain = false
				}
				shape = shape || t.shape
				if cl := lex.class[t.id]; !t.upper && !t.shape && (cl == wContent || cl == wVocab) {
					caps = false
				}
			}
			if last := ts[i+n-1]; plain && !strings.ContainsAny(sp.text[ts[i].off:last.off], "\n\t\r") {
				c.addForm(sp.text[ts[i].off : last.off+uint32(last.n)])
			} else {
				var form strings.Builder
				for k := i; k < i+n; k++ {
					if k > i {
						if ts[k].joined {
							form.WriteByte('-')
						} else {
							form.WriteByte(' ')
						}
					}
					form.WriteString(ts[k].in(sp.text))
				}
				c.addForm(form.String())
			}
			if shape {
				c.shape++
			}
			switch {
			case tells == tellNone:
			case shape:
				c.capAll++
				c.capYes++
			case ts[i].start:
			case caps && tells == tellAll:
				c.capAll++
				c.capYes++
			case !caps:
				c.capAll++
			}
		}
		i += n
	}
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

// aliases are other names of one thing that are not spelled alike.
var aliases = map[string]string{
	"bpf": "ebpf", "postgres": "postgresql", "k8s": "kubernetes", "wasm": "webassembly", "nixos": "nix",
	"golang": "go", "js": "javascript", "ts": "typescript", "py": "python", "gnulinux": "linux",
}

// nameSuffixes make a product's name from another's when both are used
// together ("Mongo"/"MongoDB", "Redox"/"RedoxOS").
var nameSuffixes = []string{"os", "ql", "sql", "db", "js"}

func (ix *topicIndex) root(i int32) int32 {
	for ix.cands[i].parent != i {
		p := ix.cands[i].parent
		ix.cands[i].parent = ix.cands[p].parent
		i = p
	}
	return i
}

func (ix *topicIndex) union(a, b int32) {
	ra, rb := ix.root(a), ix.root(b)
	if ra == rb {
		return
	}
	if ra > rb {
		ra, rb = rb, ra
	}
	ix.cands[rb].parent = ra
}

// sharedSessions counts the sessions two candidates share.
func sharedSessions(a, b *topicCand) int {
	n, i, j := 0, 0, 0
	for i < len(a.sessions) && j < len(b.sessions) {
		switch {
		case a.sessions[i] < b.sessions[j]:
			i++
		case a.sessions[i] > b.sessions[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// merge joins the candidates that are spellings of one name (step 3).
func (ix *topicIndex) merge() {
	for i, c := range ix.cands {
		if j, ok := ix.byKey[c.key]; ok {
			ix.union(j, int32(i))
		} else {
			ix.byKey[c.key] = int32(i)
		}
	}
	find := func(key string) (int32, bool) { i, ok := ix.byKey[key]; return i, ok }
	for i, c := range ix.cands {
		k := c.key
		if j, ok := find(singular(k, find)); ok && ix.cands[j].nameLike() == c.nameLike() { // not "Windows" and "window"
			ix.union(j, int32(i))
		}
		if a, ok := aliases[k]; ok {
			if j, ok := find(a); ok {
				ix.union(j, int32(i))
			}
		}
		for _, suf := range nameSuffixes {
			if j, ok := find(k + suf); ok && len(k) >= 3 && sharedSessions(c, ix.cands[j]) > 0 && ix.cands[j].nameLike() && c.nameLike() {
				ix.union(j, int32(i))
			}
		}
	}
	// Compounds inside longer ones hold at most twice the longer's uses
	// (see indexTopics): one topic.
	for i, c := range ix.cands {
		n := c.g.len()
		if !c.phrase || n < 3 {
			continue
		}
		for a := 0; a < n; a++ {
			for b := a + 2; b <= n; b++ {
				if b-a == n {
					continue
				}
				var sub gram
				copy(sub[:], c.g[a:b])
				if j, ok := ix.grams[sub]; ok && ix.cands[j].phrase {
					ix.union(j, int32(i))
				}
			}
		}
	}
	// An acronym and the compound of its initials, used together.
	byInitials := map[string][]int32{}
	for i, c := range ix.cands {
		if !c.phrase {
			continue
		}
		var b strings.Builder
		for _, id := range c.g[:c.g.len()] {
			r, _ := utf8.DecodeRuneInString(ix.lex.keys[id])
			b.WriteRune(r)
		}
		byInitials[b.String()] = append(byInitials[b.String()], int32(i))
	}
	for i, c := range ix.cands {
		if c.phrase || len(c.key) < 2 || len(c.key) > 6 || c.shape*2 < c.f {
			continue
		}
		k := c.key
		if s := singular(k, find); s != k && len(s) >= 2 {
			k = s
		}
		best, most := int32(-1), 0
		for _, j := range byInitials[k] {
			if n := sharedSessions(c, ix.cands[j]); n > most {
				best, most = j, n
			}
		}
		if best >= 0 {
			ix.union(best, int32(i))
		}
	}
}

// singular is the key a plural key stands for when the program uses it
// ("containers" → "container", "libraries" → "library"), else key.
func singular(key string, find func(string) (int32, bool)) string {
	if len(key) < 4 || !strings.HasSuffix(key, "s") || strings.HasSuffix(key, "ss") {
		return key
	}
	forms := []string{key[:len(key)-1]}
	if strings.HasSuffix(key, "ies") {
		forms = append(forms, key[:len(key)-3]+"y")
	}
	for _, suf := range []string{"sses", "xes", "zes", "ches", "shes"} {
		if strings.HasSuffix(key, suf) {
			forms = append(forms, key[:len(key)-2])
		}
	}
	for _, s := range forms {
		if _, ok := find(s); ok {
			return s
		}
	}
	return key
}

// nameLike tells whether people write the candidate like a name.
func (c *topicCand) nameLike() bool {
	return c.shape*2 >= c.f || c.capYes*2 > c.capAll
}
