package schedule

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what sort of session something is. Every importer maps its
// format's own vocabulary (frab "type", SCALE "Topic", Sessionize's
// "Session format" category, title prefixes) onto this one list.
type Kind string

const (
	KindKeynote   Kind = "keynote"
	KindTalk      Kind = "talk"
	KindWorkshop  Kind = "workshop"
	KindBoF       Kind = "bof"
	KindBooth     Kind = "booth"
	KindCareer    Kind = "career"
	KindPanel     Kind = "panel"
	KindLightning Kind = "lightning"
	KindSocial    Kind = "social"
	KindOther     Kind = "other"
)

// Kinds lists every kind in the order the recap writes them.
var Kinds = []Kind{KindWorkshop, KindTalk, KindBoF, KindBooth, KindCareer, KindKeynote, KindPanel, KindLightning, KindSocial, KindOther}

var kindLabels = map[Kind][2]string{
	KindKeynote:   {"Keynote", "Keynotes"},
	KindTalk:      {"Talk", "Talks"},
	KindWorkshop:  {"Workshop", "Workshops"},
	KindBoF:       {"Birds of a Feather (BoF)", "Birds of a Feather (BoF)"},
	KindBooth:     {"Expo Booth", "Expo Booths"},
	KindCareer:    {"Career Day", "Career Day"},
	KindPanel:     {"Panel", "Panels"},
	KindLightning: {"Lightning Talk", "Lightning Talks"},
	KindSocial:    {"Social Event", "Social Events"},
	KindOther:     {"Other", "Other"},
}

// Label is the recap's name for n sessions of this kind: "1 Talk" but
// "10 Talks"; "Birds of a Feather (BoF)" and "Career Day" do not change.
func (k Kind) Label(n int) string {
	l, ok := kindLabels[k]
	if !ok {
		l = kindLabels[KindOther]
	}
	if n == 1 {
		return l[0]
	}
	return l[1]
}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	_, ok := kindLabels[k]
	return ok
}

// ParseKind accepts a kind name as a user types it: the canonical word,
// any case, or a few common spellings ("BoF", "booths", "lightning-talk").
func ParseKind(s string) (Kind, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	w = strings.NewReplacer("-", "", "_", "", " ", "").Replace(w)
	switch w {
	case "keynote", "keynotes":
		return KindKeynote, nil
	case "talk", "talks", "lecture", "session":
		return KindTalk, nil
	case "workshop", "workshops", "tutorial":
		return KindWorkshop, nil
	case "bof", "bofs", "birdsofafeather":
		return KindBoF, nil
	case "booth", "booths", "expo", "expobooth":
		return KindBooth, nil
	case "career", "careerday", "job", "jobs":
		return KindCareer, nil
	case "panel", "panels":
		return KindPanel, nil
	case "lightning", "lightningtalk", "lightningtalks":
		return KindLightning, nil
	case "social", "party", "meetup":
		return KindSocial, nil
	case "other":
		return KindOther, nil
	}
	return "", fmt.Errorf("unknown kind %q (use one of: %s)", s, kindList())
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// GuessKind maps a free-form type, topic or category text from a feed to a
// Kind. ok is false when it does not recognise the text, so that callers
// can fall back to title prefixes or a format default.
//
// It matches whole words, not substrings: "Data Export" is no expo booth,
// "Sponsored Talk" no sponsor booth and "Kubernetes CronJobs" no job fair.
// A word may take a plural ending ("Workshops", "Parties"). A hyphenated
// compound counts by its last part, the thing it names ("Go-Workshop",
// "LAN-Party"; not "Social-Engineering"), and a phrase such as "hands on"
// also matches its hyphenated spelling ("Hands-On"). "Third-Party
// Software" names no party, and "social" counts only as a noun (see
// socialEvent), so FOSDEM's "Social Web" track is no social event.
func GuessKind(text string) (Kind, bool) {
	w := splitWords(text)
	if len(w.w) == 0 {
		return "", false
	}
	has := func(terms ...string) bool {
		for _, t := range terms {
			if w.has(t) {
				return true
			}
		}
		return false
	}
	switch {
	case has("keynote", "plenary"):
		return KindKeynote, true
	case has("lightning", "lightning talk", "lightningtalk", "blitz"):
		return KindLightning, true
	case has("bof", "birds of a feather", "unconference", "meeting"):
		return KindBoF, true
	case has("workshop", "tutorial", "hands on", "training"):
		return KindWorkshop, true
	case has("career", "job fair", "jobs"):
		return KindCareer, true
	case has("panel", "discussion"):
		return KindPanel, true
	case has("booth", "expo", "exhibit", "exhibitor", "exhibition") || (has("sponsor") && !has("sponsored", "sponsor talk", "sponsor session")):
		// "Sponsored" (SCALE's Topic for paid sessions) and "Sponsor
		// Talk" say who paid, not that it is a booth.
		return KindBooth, true
	case isBreak(w):
		return KindOther, true
	case w.socialEvent() || (has("party") && !has("third party")) ||
		has("concert", "dj set", "reception", "dinner", "meetup", "game show", "film", "theatre", "ceremony"):
		return KindSocial, true
	case has("talk", "lecture", "presentation", "session", "devroom", "maintrack", "main track", "educational", "podcast"):
		return KindTalk, true
	}
	return "", false
}

// breakWords name meals and breaks: time in the program that is neither
// a talk nor a social event (a conference dinner or reception is social).
var breakWords = []string{"break", "lunch", "breakfast", "brunch", "coffee", "tea", "snack", "snacks", "meal", "food", "registration", "check in", "doors open", "hallway track", "pause", "mittagspause", "kaffeepause", "mittagessen"}

// isBreak reports whether the words are only a meal or a break, with a
// few connecting words: "Lunch", "Coffee break", "Registration /
// Breakfast", "Morning tea"; not "Lunch and Learn: Go generics" or "Tea
// for Two: a talk on ...".
func isBreak(w words) bool {
	if len(w.w) == 0 || len(w.w) > 5 {
		return false
	}
	filler := map[string]bool{"and": true, "morning": true, "afternoon": true, "evening": true, "mid": true, "short": true, "long": true, "the": true, "day": true, "1": true, "2": true, "3": true, "of": true, "served": true, "provided": true, "am": true, "pm": true, "with": true, "a": true, "open": true, "in": true, "check": true, "doors": true, "hallway": true, "track": true}
	found := false
	for i, word := range w.w {
		isBreakWord := false
		for _, b := range breakWords {
			if !strings.Contains(b, " ") && pluralOf(word, b) && !w.joined[i] {
				isBreakWord = true
			}
		}
		switch {
		case isBreakWord:
			found = true
		case filler[word]:
		default:
			return false
		}
	}
	return found && !w.has("lunch and learn") && !w.has("learn")
}

// words is a text split into lower-case words for GuessKind. joined[i]
// says that word i is tied to word i+1 by a hyphen ("hands-on"), so the
// two are parts of one compound word.
type words struct {
	w      []string
	joined []bool
}

func splitWords(text string) words {
	var ws words
	t := strings.ToLower(text)
	wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(t); {
		j := strings.IndexFunc(t[i:], wordRune)
		if j < 0 {
			break
		}
		i += j
		j = strings.IndexFunc(t[i:], func(r rune) bool { return !wordRune(r) })
		if j < 0 {
			j = len(t) - i
		}
		ws.w = append(ws.w, t[i:i+j])
		i += j
		joined := false
		for _, h := range []string{"-", "\u2010"} { // hyphen-minus, hyphen
			if rest, ok := strings.CutPrefix(t[i:], h); ok {
				r, _ := utf8.DecodeRuneInString(rest)
				joined = wordRune(r)
			}
		}
		ws.joined = append(ws.joined, joined)
	}
	return ws
}

// has reports whether the term, one word or several separated by spaces,
// appears as whole words, not inside a longer word, and not as the first
// part of a compound ("Podcast-Tisch" is a table). The last word may be
// plural ("coffee breaks").
func (ws words) has(term string) bool {
	parts := strings.Fields(term)
	for i := 0; i+len(parts) <= len(ws.w); i++ {
		if ws.match(i, parts) {
			return true
		}
	}
	return false
}

// match reports whether the words from i on are parts and end a word or
// compound.
func (ws words) match(i int, parts []string) bool {
	if ws.joined[i+len(parts)-1] {
		return false
	}
	for k, p := range parts {
		if k < len(parts)-1 {
			if ws.w[i+k] != p {
				return false
			}
		} else if !pluralOf(ws.w[i+k], p) {
			return false
		}
	}
	return true
}

// pluralOf reports whether w is word or one of its plural forms: "talks",
// "lunches", "parties".
func pluralOf(w, word string) bool {
	if w == word || w == word+"s" || w == word+"es" {
		return true
	}
	stem, ok := strings.CutSuffix(word, "y")
	return ok && w == stem+"ies"
}

// socialEvent reports whether the words name a social event: "socials",
// or "social" used as a noun: last ("Evening Social") or before a word
// such as "event" or "hour". "Social Web", "Social Media" and "The Social
// Impact of …" use it as an adjective and are not events.
func (ws words) socialEvent() bool {
	for i, w := range ws.w {
		if ws.joined[i] {
			continue
		}
		if w == "socials" {
			return true
		}
		if w != "social" {
			continue
		}
		if i == len(ws.w)-1 {
			return true
		}
		switch ws.w[i+1] {
		case "event", "events", "hour", "night", "evening", "gathering", "mixer":
			return true
		}
	}
	return false
}

// TitleKind recognises the kind a title announces itself, which beats a
// subject track: a prefix ("BoF: …", "Workshop - …", "Keynote | …"), a
// kind word ending the title or the part before its colon or dash
// ("Kubernetes For Sysadmins Workshop", "SunSecCon Workshop: …",
// "SunSecCon Keynote: …", "31C3 Keynote"), and a title that is only a
// meal or a break ("Lunch", "Coffee break", "Registration / Breakfast"),
// which is other, not a talk.
func TitleKind(title string) (Kind, bool) {
	t := strings.ToLower(strings.TrimSpace(title))
	for _, p := range titleKinds {
		if strings.HasPrefix(t, p.word) {
			rest := strings.TrimLeft(t[len(p.word):], " ")
			if rest == "" || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, "(") {
				return p.kind, true
			}
		}
	}
	// The head: the part before the first ": " or " - " (or all of it).
	head := t
	for _, sep := range []string{": ", " - ", " – ", " | "} {
		if i := strings.Index(head, sep); i > 0 {
			head = head[:i]
		}
	}
	hw := splitWords(head)
	if n := len(hw.w); n > 0 && n <= 6 {
		last := hw.w[n-1]
		for _, p := range titleKinds {
			if !strings.Contains(p.word, " ") && pluralOf(last, p.word) && !(n > 1 && hw.joined[n-2]) {
				// "Lightning" alone ends no title as a kind word
				// ("Chasing Lightning"); "Lightning Talks" does.
				if p.kind == KindLightning {
					continue
				}
				// "Career Workshop" is Career Day's; the caller's
				// track decides, so say nothing.
				if p.kind == KindWorkshop && hw.has("career") {
					return "", false
				}
				return p.kind, true
			}
		}
		if n >= 2 && hw.w[n-2] == "lightning" && pluralOf(last, "talk") {
			return KindLightning, true
		}
	}
	if isBreak(splitWords(t)) {
		return KindOther, true
	}
	return "", false
}

var titleKinds = []struct {
	word string
	kind Kind
}{
	{"bof", KindBoF}, {"birds of a feather", KindBoF},
	{"workshop", KindWorkshop}, {"tutorial", KindWorkshop},
	{"keynote", KindKeynote}, {"panel", KindPanel},
	{"lightning talk", KindLightning}, {"lightning talks", KindLightning},
}
