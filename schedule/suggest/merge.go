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
