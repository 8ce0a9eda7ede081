package suggest

import (
	"strings"
	"unicode/utf8"
)

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
	ix.mergeKeys()
	ix.mergeSpellings()
	ix.mergeInner()
	ix.mergeAcronyms()
}

// find is the first candidate with a run-together key.
func (ix *topicIndex) find(key string) (int32, bool) {
	i, ok := ix.byKey[key]
	return i, ok
}

// mergeKeys joins the candidates with the same letters without spaces,
// hyphens or dots ("RISC-V", "risc v", "riscv"), and indexes them by
// that key.
func (ix *topicIndex) mergeKeys() {
	for i, c := range ix.cands {
		if j, ok := ix.byKey[c.key]; ok {
			ix.union(j, int32(i))
		} else {
			ix.byKey[c.key] = int32(i)
		}
	}
}

// mergeSpellings joins a plural to its singular (when both are written
// like names or neither is: not "Windows" and "window"), a known alias
// to its name, and a name to its "-OS"/"-QL"/… form when they are used
// together.
func (ix *topicIndex) mergeSpellings() {
	for i, c := range ix.cands {
		k := c.key
		if j, ok := ix.find(singular(k, ix.find)); ok && ix.cands[j].nameLike() == c.nameLike() {
			ix.union(j, int32(i))
		}
		if a, ok := aliases[k]; ok {
			if j, ok := ix.find(a); ok {
				ix.union(j, int32(i))
			}
		}
		if len(k) < 3 || !c.nameLike() {
			continue
		}
		for _, suf := range nameSuffixes {
			if j, ok := ix.find(k + suf); ok && sharedSessions(c, ix.cands[j]) > 0 && ix.cands[j].nameLike() {
				ix.union(j, int32(i))
			}
		}
	}
}

// mergeInner joins the compounds inside longer ones: they hold at most
// twice the longer's uses (see holdsInner), so they are one topic.
func (ix *topicIndex) mergeInner() {
	for i, c := range ix.cands {
		if !c.phrase || c.g.len() < 3 {
			continue
		}
		for sub := range c.g.inner {
			if j, ok := ix.grams[sub]; ok && ix.cands[j].phrase {
				ix.union(j, int32(i))
			}
		}
	}
}

// mergeAcronyms joins an acronym (a short word written like a name) to
// the compound of its initials that shares most sessions with it ("CRA",
// "Cyber Resilience Act").
func (ix *topicIndex) mergeAcronyms() {
	byInitials := map[string][]int32{}
	for i, c := range ix.cands {
		if c.phrase {
			k := ix.initials(c.g)
			byInitials[k] = append(byInitials[k], int32(i))
		}
	}
	for i, c := range ix.cands {
		if c.phrase || len(c.key) < 2 || len(c.key) > 6 || c.shape*2 < c.f {
			continue
		}
		k := c.key
		if s := singular(k, ix.find); s != k && len(s) >= 2 {
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

// initials are the first letters of a compound's words.
func (ix *topicIndex) initials(g gram) string {
	var b strings.Builder
	for _, id := range g[:g.len()] {
		r, _ := utf8.DecodeRuneInString(ix.lex.keys[id])
		b.WriteRune(r)
	}
	return b.String()
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
	i, ok := ix.find(k)
	if !ok {
		if a, found := aliases[k]; found {
			i, ok = ix.find(a)
		}
	}
	if !ok {
		i, ok = ix.find(singular(k, ix.find))
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
