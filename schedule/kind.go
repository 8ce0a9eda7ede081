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
	// KindPerformance is a performance or art: a concert, DJ set, film,
	// theatre, reading, game show or art installation, watched rather
	// than taught.
	KindPerformance Kind = "performance"
)

// Kinds lists every kind in the order the recap writes them.
var Kinds = []Kind{KindWorkshop, KindTalk, KindBoF, KindBooth, KindCareer, KindKeynote, KindPanel, KindLightning, KindPerformance, KindSocial, KindOther}

var kindLabels = map[Kind][2]string{
	KindKeynote:     {"Keynote", "Keynotes"},
	KindTalk:        {"Talk", "Talks"},
	KindWorkshop:    {"Workshop", "Workshops"},
	KindBoF:         {"Birds of a Feather (BoF)", "Birds of a Feather (BoF)"},
	KindBooth:       {"Expo Booth", "Expo Booths"},
	KindCareer:      {"Career Day", "Career Day"},
	KindPanel:       {"Panel", "Panels"},
	KindLightning:   {"Lightning Talk", "Lightning Talks"},
	KindPerformance: {"Performance", "Performances"},
	KindSocial:      {"Social Event", "Social Events"},
	KindOther:       {"Other", "Other"},
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
	case "performance", "performances", "art", "concert", "concerts", "show", "shows", "film", "films", "movie", "movies", "music", "djset", "djsets":
		return KindPerformance, nil
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
// also matches its hyphenated spelling ("Hands-On"). A German compound
// written as one word counts by the kind word it ends in
// ("Präsenzworkshop", "Podiumsdiskussion", "Kurzvortrag"). "Third-Party
// Software" names no party, and "social" counts only as a noun (see
// socialEvent), so FOSDEM's "Social Web" track is no social event.
//
// The words of the common languages of conferences count too: CCC's
// "Vortrag", "Diskussion", "Stand", "Lesung", "Kunst", and meals and
// breaks in English, German, French, Spanish, Italian and Dutch. A text
// that is only a meal or a break ("Lunch", "Essenszeit (Mittag)",
// "Break/Networking") is other; a dinner or reception with more to it
// ("Conference Dinner") is social. Performances and art ("DJ Set",
// "concert", "movie", "game show", "Kunst") are performance.
func GuessKind(text string) (Kind, bool) {
	return guessKind(splitWords(text), true)
}

// TrackKind is the kind a track's name implies: a track of one format
// ("Lightning Talks", "Workshops", "Keynotes", "DJ Sets"). A track names
// a subject more often than a format, so words that are a kind only as a
// session's type are no kind here: "Art & Beauty", "Music", "Game
// Development", "Networking" and "Other" hold talks. A track never says
// talk: that is the caller's default.
func TrackKind(track string) (Kind, bool) {
	k, ok := guessKind(splitWords(track), false)
	if !ok || k == KindTalk {
		return "", false
	}
	return k, true
}

func guessKind(w words, asType bool) (Kind, bool) {
	if len(w.w) == 0 {
		return "", false
	}
	if isBreak(w) {
		return KindOther, true
	}
	for _, r := range kindRules {
		if r.typeOnly && !asType {
			continue
		}
		if r.matches(w) {
			return r.kind, true
		}
	}
	for _, c := range compoundHeads {
		if w.endsIn(c.head) {
			return c.kind, true
		}
	}
	return "", false
}

// kindRule: a text with any of the terms (and none of unless) is of the
// kind; the first rule that matches wins. typeOnly terms name a kind in
// a session's type but a subject in a track's name ("Art", "Games").
type kindRule struct {
	kind     Kind
	terms    []string
	unless   []string
	typeOnly bool
	noun     bool // also "social" used as a noun (see socialEvent)
}

func (r kindRule) matches(w words) bool {
	if !w.hasAny(r.terms) && !(r.noun && w.socialEvent()) {
		return false
	}
	return !w.hasAny(r.unless)
}

var kindRules = []kindRule{
	{kind: KindKeynote, terms: []string{"keynote", "plenary"}},
	{kind: KindLightning, terms: []string{"lightning", "lightning talk", "lightningtalk", "blitz", "blitztalk", "pecha kucha", "pechakucha", "ignite", "flash talk"}},
	{kind: KindBoF, terms: []string{"bof", "birds of a feather", "unconference", "meeting", "open space"}},
	{kind: KindWorkshop, terms: []string{"workshop", "tutorial", "hands on", "training", "masterclass", "bootcamp", "codelab", "atelier", "taller"}},
	{kind: KindCareer, terms: []string{"career", "job fair", "jobs", "karriere", "jobbörse"}},
	{kind: KindPanel, terms: []string{"panel", "discussion", "diskussion", "diskussionen", "podium", "debate", "debatte", "round table", "roundtable", "table ronde", "mesa redonda", "tavola rotonda", "fishbowl", "fireside chat", "gesprächsrunde"}},
	// Formats of performance, in a type or a track.
	{kind: KindPerformance, terms: []string{"concert", "konzert", "concierto", "concerto", "dj set", "djset", "dj", "live performance", "live act", "live music", "live musik", "screening", "movie night", "game show", "gameshow", "quiz show", "live show", "light show", "fire show", "variety show", "theatre", "theater", "théâtre", "teatro", "audio play", "radio play", "hörspiel", "lesung", "lesungen", "konzerte", "poetry slam", "comedy", "cabaret", "kabarett", "art installation", "vernissage", "open mic"}},
	// Subjects in a track's name, kinds in a type: "Art" is a track of
	// talks at one congress and a session of art at another.
	{kind: KindPerformance, typeOnly: true, terms: []string{"performance", "art", "arts", "kunst", "music", "musik", "film", "movie", "kino", "cinema", "dance", "tanz", "reading", "contest", "installation", "spectacle", "spettacolo", "espectáculo", "película"}},
	{kind: KindBooth, terms: []string{"booth", "expo", "exhibit", "exhibitor", "exhibition", "stand", "stände", "standtrack", "ausstellung", "ausstellungen", "infostand", "messestand"}},
	// "Sponsored" (SCALE's Topic for paid sessions) and "Sponsor Talk"
	// say who paid, not that it is a booth.
	{kind: KindBooth, terms: []string{"sponsor"}, unless: []string{"sponsored", "sponsor talk", "sponsor session"}},
	{kind: KindSocial, terms: []string{"party"}, unless: []string{"third party"}},
	{kind: KindSocial, noun: true, terms: []string{"reception", "dinner", "meetup", "meet up", "ceremony", "get together", "mixer", "happy hour", "karaoke", "quiz", "pub quiz", "bbq", "barbecue", "picnic", "excursion", "keysigning", "key signing", "drinks", "stammtisch", "apéro", "apero"}},
	{kind: KindSocial, typeOnly: true, terms: []string{"game", "tour", "networking"}},
	// Words for "none of these": the feed says the session is other.
	{kind: KindOther, typeOnly: true, terms: []string{"other", "misc", "miscellaneous", "various", "sonstiges", "sonstige", "andere", "anderes", "autre", "otro", "altro", "altri", "overig", "overige", "outro", "exam", "certification", "infodesk", "info desk", "information desk", "helpdesk", "help desk", "poster"}},
	{kind: KindTalk, terms: []string{"talk", "lecture", "presentation", "session", "devroom", "maintrack", "main track", "educational", "podcast", "vortrag", "vorträge", "vorlesung", "beitrag", "referat", "demo", "live on stage", "charla", "ponencia", "palestra", "lezing", "intervento", "conférence", "présentation", "presentación", "präsentation"}},
}

// compoundHeads are kind words that German writes as the end of one
// word: "Präsenzworkshop", "Podiumsdiskussion", "Kurzvortrag",
// "Autorenlesung", "Kunstausstellung".
var compoundHeads = []struct {
	head string
	kind Kind
}{
	{"workshop", KindWorkshop}, {"workshops", KindWorkshop},
	{"diskussion", KindPanel},
	{"vortrag", KindTalk}, {"vorträge", KindTalk},
	{"konzert", KindPerformance}, {"lesung", KindPerformance},
	{"ausstellung", KindBooth},
}

// breakWords name meals and breaks: time in the program that is neither
// a talk nor a social event (a conference dinner or reception is
// social), in the languages conferences use.
var breakWords = map[string]bool{
	"break": true, "lunch": true, "breakfast": true, "brunch": true, "dinner": true, "supper": true,
	"coffee": true, "tea": true, "snack": true, "meal": true, "food": true, "refreshment": true,
	"registration": true, "pause": true,
	// German
	"mittagspause": true, "kaffeepause": true, "mittagessen": true, "abendessen": true, "abendbrot": true,
	"frühstück": true, "essen": true, "essenszeit": true, "kaffee": true, "imbiss": true, "verpflegung": true, "mahlzeit": true,
	// French, Spanish, Italian, Dutch, Portuguese
	"déjeuner": true, "dîner": true, "diner": true, "repas": true, "collation": true, "café": true,
	"almuerzo": true, "comida": true, "cena": true, "desayuno": true, "descanso": true, "receso": true,
	"pranzo": true, "colazione": true, "pausa": true, "caffè": true,
	"pauze": true, "koffie": true, "ontbijt": true, "avondeten": true, "lunchpauze": true, "koffiepauze": true,
	"almoço": true, "jantar": true, "intervalo": true,
}

// breakFiller are the words that may stand beside a meal or a break in a
// title that is only that: "Morning tea", "Informal Discussion & Lunch
// Break", "Break/Networking", "Essenszeit (Mittag)", "Lunch Time".
var breakFiller = map[string]bool{
	"and": true, "morning": true, "afternoon": true, "evening": true, "mid": true, "short": true, "long": true,
	"the": true, "day": true, "1": true, "2": true, "3": true, "4": true, "of": true, "served": true, "provided": true,
	"am": true, "pm": true, "with": true, "a": true, "open": true, "in": true, "check": true, "doors": true,
	"hallway": true, "track": true, "time": true, "hour": true, "informal": true, "discussion": true, "discussions": true,
	"networking": true, "buffet": true, "hot": true, "cold": true, "light": true, "drinks": true, "beverages": true,
	"ice": true, "cream": true, "cake": true, "cookies": true, "pizza": true, "sandwiches": true, "fruit": true,
	"free": true, "sponsored": true, "&": true,
	"mittag": true, "mittags": true, "abend": true, "vormittag": true, "nachmittag": true, "und": true, "mit": true,
	"zum": true, "zur": true, "petit": true, "de": true, "du": true, "la": true, "le": true, "et": true, "y": true,
	"e": true, "del": true, "di": true, "en": true, "van": true, "met": true,
}

// isBreak reports whether the words are only a meal or a break, with a
// few connecting words: "Lunch", "Coffee break", "Registration /
// Breakfast", "Morning tea", "Essenszeit (Mittag)"; not "Lunch and
// Learn: Go generics" or "Tea for Two: a talk on ...".
func isBreak(w words) bool {
	if len(w.w) == 0 || len(w.w) > 6 {
		return false
	}
	found := false
	for i, word := range w.w {
		switch {
		case !w.joined[i] && isBreakWord(word):
			found = true
		case breakFiller[word]:
		default:
			return false
		}
	}
	return found && !w.has("lunch and learn") && !w.has("learn")
}

// isBreakWord: a meal or break word, a plural of one ("Lunches", "Coffee
// breaks"), or a German compound ending in one ("Vormittagspause").
func isBreakWord(word string) bool {
	if breakWords[word] {
		return true
	}
	for _, suffix := range []string{"s", "es"} {
		if stem, ok := strings.CutSuffix(word, suffix); ok && breakWords[stem] {
			return true
		}
	}
	for _, head := range []string{"pause", "pausen", "essen", "frühstück"} {
		if len(word) >= len(head)+3 && strings.HasSuffix(word, head) {
			return true
		}
	}
	return false
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

// hasAny reports whether any of the terms appears (see has).
func (ws words) hasAny(terms []string) bool {
	for _, t := range terms {
		if ws.has(t) {
			return true
		}
	}
	return false
}

// endsIn reports whether a word of at least three more letters ends in
// head, as German compounds do ("Präsenzworkshop" ends in "workshop"),
// and is not the first part of a hyphenated compound.
func (ws words) endsIn(head string) bool {
	for i, w := range ws.w {
		if !ws.joined[i] && len(w) >= len(head)+3 && strings.HasSuffix(w, head) {
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
// "SunSecCon Keynote: …", "31C3 Keynote", "Closing DJ Set"), a title
// that is only a meal or a break ("Lunch", "Dinner", "Coffee break",
// "Registration / Breakfast", "Essenszeit (Mittag)"), which is other,
// not a talk, and one that is only a social event ("Conference Dinner",
// "Welcome Reception", "After Party").
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
		if n >= 2 && hw.w[n-2] == "dj" && pluralOf(last, "set") {
			return KindPerformance, true
		}
	}
	tw := splitWords(t)
	if isBreak(tw) {
		return KindOther, true
	}
	if isSocial(tw) {
		return KindSocial, true
	}
	return "", false
}

// socialWords name a social event in a title that is only that.
var socialWords = map[string]bool{"dinner": true, "reception": true, "party": true, "social": true,
	"drinks": true, "mixer": true, "meetup": true, "bbq": true, "barbecue": true, "picnic": true,
	"karaoke": true, "gala": true, "apéro": true, "stammtisch": true}

// socialFiller may stand beside them: "Conference Dinner", "Speakers'
// Dinner", "Welcome Reception", "After Party", "Community Meetup".
var socialFiller = map[string]bool{"conference": true, "speaker": true, "speakers": true, "s": true,
	"welcome": true, "closing": true, "opening": true, "after": true, "community": true,
	"attendee": true, "attendees": true, "sponsor": true, "happy": true, "night": true, "official": true}

// isSocial reports whether a title is only a social event, with a few
// connecting words ("Conference Dinner", "Welcome Reception"); not
// "Party like it's 1999" or "Dinner with Dijkstra: graph algorithms".
func isSocial(w words) bool {
	if len(w.w) == 0 || len(w.w) > 5 {
		return false
	}
	found := false
	for i, word := range w.w {
		switch {
		case !w.joined[i] && (socialWords[word] || pluralOf(word, "party") || pluralOf(word, "social")):
			found = true
		case socialFiller[word] || breakFiller[word]:
		default:
			return false
		}
	}
	return found
}

var titleKinds = []struct {
	word string
	kind Kind
}{
	{"bof", KindBoF}, {"birds of a feather", KindBoF},
	{"workshop", KindWorkshop}, {"tutorial", KindWorkshop},
	{"keynote", KindKeynote}, {"panel", KindPanel},
	{"lightning talk", KindLightning}, {"lightning talks", KindLightning},
	{"dj set", KindPerformance}, {"djset", KindPerformance},
}
