package suggest

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is a word of a text.
type tok struct {
	id     int32  // its key, interned: lower case, without dots and underscores
	off    uint32 // where it is in the text
	n      uint16 // its length there
	brk    bool   // punctuation (or the field's start) before it: a phrase cannot span it
	start  bool   // the first word of a sentence
	joined bool   // joined to the word before by a hyphen
	shape  bool   // written like a name: "eBPF", "k8s", "SBOM", "C++", "node.js"
	upper  bool   // first letter a capital
	told   bool   // in a text whose capitals tell names (tellAll)
}

func (t tok) in(text string) string { return text[t.off : t.off+uint32(t.n)] }

// tokenize cuts text into words (see step 1 in index.go), appending to
// buf; lex interns their keys.
func tokenize(buf []tok, text string, lex *lexicon) []tok {
	text = withoutURLs(text)
	m := marks{brk: true, start: true}
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !beginsWord(text, i, r) {
			m.see(text, i, r)
			i += size
			continue
		}
		begin := i
		i = wordEnd(text, i+size)
		w := withoutPossessive(text[begin:i])
		if len(w) > math.MaxUint16 {
			w = w[:math.MaxUint16]
		}
		key := w
		if strings.ContainsRune(w, '’') {
			key = strings.ReplaceAll(w, "’", "'")
		}
		t := tok{id: lex.id(wordKey(key)), off: uint32(begin), n: uint16(len(w)), brk: m.brk, start: m.start, joined: m.joined && !m.brk}
		t.shape, t.upper = wordShape(w)
		buf = append(buf, t)
		m = marks{}
	}
	return buf
}

// isWord tells a rune of a word: a letter, a digit or a mark on one.
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// runeAt is the rune at byte i of text, 0 past its end.
func runeAt(text string, i int) rune {
	if i >= len(text) || i < 0 {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

// beginsWord tells whether r, at byte i of text, begins a word: a word's
// rune, or a dot before a letter that follows no word (".NET").
func beginsWord(text string, i int, r rune) bool {
	return isWord(r) || r == '.' && unicode.IsLetter(runeAt(text, i+1)) && (i == 0 || !isWord(lastRune(text[:i])))
}

// marks are what the text between two words says about the next one.
type marks struct {
	brk    bool // punctuation (or the field's start): a phrase cannot span it
	start  bool // the end of a sentence, a line or a list's item
	joined bool // a hyphen between two words
}

// see notes what r, at byte i of text and in no word, marks.
func (m *marks) see(text string, i int, r rune) {
	switch {
	case unicode.IsSpace(r):
		if r == '\n' { // a line of its own, or a list's item
			m.brk, m.start = true, true
		}
	case r == '-' && i > 0 && isWord(lastRune(text[:i])) && isWord(runeAt(text, i+1)):
		m.joined = true
	case strings.ContainsRune(".!?:;•·", r) || r == '*' && (i == 0 || text[i-1] == '\n'):
		m.brk, m.start = true, true
	default:
		m.brk = true
	}
}

// wordEnd is where the word going on at byte i of text ends: a dot,
// underscore or apostrophe between word runes is inside it ("node.js",
// "don't"), and so are "+" and "#" after a letter ("C++", "C#") unless
// a word follows ("a+b" is two words).
func wordEnd(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) && !(strings.ContainsRune("._'’", r) && isWord(runeAt(text, i+size))) {
			break
		}
		i += size
	}
	if i < len(text) && (text[i] == '+' || text[i] == '#') && unicode.IsLetter(lastRune(text[:i])) {
		j := i
		for j < len(text) && text[j] == text[i] {
			j++
		}
		if !isWord(runeAt(text, j)) {
			i = j
		}
	}
	return i
}

// withoutPossessive is w without a final "'s" ("Linux's").
func withoutPossessive(w string) string {
	for _, poss := range []string{"'s", "'S", "’s", "’S"} {
		if len(w) > len(poss) && strings.HasSuffix(w, poss) {
			return w[:len(w)-len(poss)]
		}
	}
	return w
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
