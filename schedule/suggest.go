package schedule

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// SuggestOptions narrow what Suggest returns.
type SuggestOptions struct {
	// Topic, when set, limits the result to this one topic (matched
	// without regard to case): its line in Topics, and the sessions on it
	// that fit, whether or not the picks cover it already.
	Topic string
	// MaxTopics caps Topics (default 10).
	MaxTopics int
	// MaxSessions caps Sessions (default 10).
	MaxSessions int
}

// Suggestions is the FOMO list.
type Suggestions struct {
	// Topics are the words that recur across the most sessions, hottest
	// first.
	Topics []Topic
	// Sessions are sessions on the hottest topics the picks do not cover
	// that fit the picks, grouped by topic (hottest first), each group in
	// time order.
	Sessions []Suggestion
}

// Topic is a word that recurs across the program.
type Topic struct {
	// Topic is the word as the program writes it most often ("eBPF").
	Topic string
	// Sessions counts the sessions that mention it (each once) in their
	// title, subtitle, abstract, track or tags.
	Sessions int
	// Tracks counts the distinct tracks of those sessions.
	Tracks int
	// Covered counts the active picks that mention it.
	Covered int
}

// Suggestion is a session worth a look, and why.
type Suggestion struct {
	Session *Session
	Topic   string // the topic it is offered for, as in Topics
	Reason  string // e.g. `on "eBPF", which 12 sessions in 3 tracks mention and none of your picks`
}

// Suggest finds the topics that recur across the program and offers
// sessions on the hottest ones the user has not covered yet.
//
// A topic is a word of a session's title, subtitle, abstract, track or
// tags, counted once per session and without regard to case. Words keep
// their inner hyphens, dots and apostrophes and a trailing "+" or "#"
// ("risc-v", "node.js", "C++", "C#"); a hyphenated word also counts for
// each of its parts ("eBPF-based" for "eBPF"). Web addresses and host
// names ("github.com"), English and German stop words, conference filler
// ("talk", "introduction", "using", …), words every abstract uses
// ("support", "tools"), numbers and one-letter words are left out, and so
// are topics only one session mentions. Topics rank by sessions, then tracks, then alphabetically.
// Cancelled sessions take no part.
//
// Active picks are those neither skipped nor gone. A topic is covered when
// an active pick mentions it. A session is offered when it is on one of
// the top MaxTopics topics that no pick covers (or on opt.Topic), is
// scheduled, not cancelled, not picked already (a skipped pick may be
// offered again), and fits every active pick: no overlap and time to walk
// (Conflict is false). Each session is offered once, for its hottest
// topic. To offer only sessions still to come, pass only those as the
// program.
func Suggest(program []*Session, picks []*Pick, v *Venue, opt SuggestOptions) Suggestions {
	if opt.MaxTopics <= 0 {
		opt.MaxTopics = 10
	}
	if opt.MaxSessions <= 0 {
		opt.MaxSessions = 10
	}
	type form struct {
		text string
		n    int
	}
	type stat struct {
		key      string
		sessions []*Session
		tracks   int
		forms    []form // spellings and how often each is used
		covered  int
		last     any // the session or pick that counted last
	}
	stats := map[string]*stat{}
	for _, s := range program {
		if s.Cancelled {
			continue
		}
		eachTopic(s, func(key, w string) {
			st := stats[key]
			if st == nil {
				st = &stat{key: key}
				stats[key] = st
			}
			if st.last != s {
				st.last = s
				st.sessions = append(st.sessions, s)
			}
			for i := range st.forms {
				if st.forms[i].text == w {
					st.forms[i].n++
					return
				}
			}
			st.forms = append(st.forms, form{w, 1})
		})
	}
	live := livePicks(picks)
	for _, p := range live {
		eachTopic(&p.Session, func(key, _ string) {
			if st := stats[key]; st != nil && st.last != p {
				st.last = p
				st.covered++
			}
		})
	}

	tracks := map[string]bool{}
	countTracks := func(st *stat) {
		clear(tracks)
		for _, s := range st.sessions {
			if s.Track != "" {
				tracks[strings.ToLower(s.Track)] = true
			}
		}
		st.tracks = len(tracks)
	}
	var ranked []*stat
	if opt.Topic != "" { // the topic asked about, even if only one session mentions it
		if st := stats[strings.ToLower(strings.TrimSpace(opt.Topic))]; st != nil {
			countTracks(st)
			ranked = append(ranked, st)
		}
	} else {
		for _, st := range stats {
			if len(st.sessions) >= 2 {
				countTracks(st)
				ranked = append(ranked, st)
			}
		}
		sort.Slice(ranked, func(i, j int) bool {
			a, b := ranked[i], ranked[j]
			if len(a.sessions) != len(b.sessions) {
				return len(a.sessions) > len(b.sessions)
			}
			if a.tracks != b.tracks {
				return a.tracks > b.tracks
			}
			return a.key < b.key
		})
	}
	if len(ranked) > opt.MaxTopics {
		ranked = ranked[:opt.MaxTopics]
	}

	var out Suggestions
	for _, st := range ranked {
		// The most used spelling; ties go to the smallest string, which
		// prefers capitals ("eBPF" over "ebpf").
		best := st.forms[0]
		for _, f := range st.forms[1:] {
			if f.n > best.n || (f.n == best.n && f.text < best.text) {
				best = f
			}
		}
		out.Topics = append(out.Topics, Topic{Topic: best.text, Sessions: len(st.sessions), Tracks: st.tracks, Covered: st.covered})
	}

	picked := map[string]bool{}
	for _, p := range picks {
		if p.Status != Skipped {
			picked[p.ID] = true
		}
	}
	fit := newFitter(live, v)
	offered := map[*Session]bool{}
	for i, st := range ranked {
		if len(out.Sessions) >= opt.MaxSessions {
			break
		}
		if st.covered > 0 && opt.Topic == "" {
			continue
		}
		t := out.Topics[i]
		cover := "none of your picks"
		if t.Covered > 0 {
			cover = fmt.Sprintf("%d of your picks", t.Covered)
		}
		mention := "mention"
		if t.Sessions == 1 { // a topic asked for by name may have one session
			mention = "mentions"
		}
		reason := fmt.Sprintf("on %q, which %s in %s %s and %s; it fits your plan", t.Topic, Plural(t.Sessions, "session", ""), Plural(t.Tracks, "track", ""), mention, cover)
		sessions := append([]*Session(nil), st.sessions...)
		sortSessions(sessions)
		for _, s := range sessions {
			if len(out.Sessions) >= opt.MaxSessions {
				break
			}
			if offered[s] || picked[s.ID] || !s.Scheduled() || !fit.fits(s) {
				continue
			}
			offered[s] = true
			out.Sessions = append(out.Sessions, Suggestion{Session: s, Topic: t.Topic, Reason: reason})
		}
	}
	return out
}

// eachTopic calls fn with every topic word of the session (its key and
// its spelling), once per use; the same key may come more than once.
func eachTopic(s *Session, fn func(key, word string)) {
	count := func(w string) {
		if utf8.RuneCountInString(w) < 2 || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			return
		}
		key := strings.ToLower(w)
		if stopWords()[key] {
			return
		}
		if i := strings.LastIndexByte(key, '.'); i > 0 && hostSuffixes[key[i+1:]] {
			return // "github.com", a web address without its scheme
		}
		fn(key, w)
	}
	add := func(text string) {
		for _, w := range Words(withoutURLs(text)) {
			count(w)
			if strings.Contains(w, "-") { // "eBPF-based" is about eBPF too
				for _, part := range strings.Split(w, "-") {
					count(part)
				}
			}
		}
	}
	add(s.Title)
	add(s.Subtitle)
	add(s.Abstract)
	add(s.Track)
	for _, t := range s.Tags {
		add(t)
	}
}

// Words splits text into the words Suggest counts, in their original
// spelling: runs of letters and digits, joined by inner hyphens, dots,
// underscores and apostrophes, with a trailing run of "+" or "#" kept
// ("C++", "F#") and a leading dot kept before a letter (".NET"). A
// possessive "'s" is dropped. Words without a letter, and one-letter
// words other than ones like "C++", are left out.
func Words(text string) []string {
	var words []string
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	at := func(i int) rune {
		if i >= len(text) {
			return 0
		}
		r, _ := utf8.DecodeRuneInString(text[i:])
		return r
	}
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		start := i
		switch {
		case word(r):
		case r == '.' && unicode.IsLetter(at(i+1)) && (i == 0 || !word(lastRune(text[:i]))):
		default:
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
			if strings.ContainsRune("-._'’", r) && word(at(i+size)) {
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
		w := text[start:i]
		w = strings.ReplaceAll(w, "’", "'")
		if lw := strings.ToLower(w); strings.HasSuffix(lw, "'s") {
			w = w[:len(w)-2]
		}
		letters := strings.IndexFunc(w, unicode.IsLetter) >= 0
		if letters && utf8.RuneCountInString(w) >= 2 {
			words = append(words, w)
		}
	}
	return words
}

// withoutURLs blanks out web addresses ("https://…", "www.…"), which are
// not prose.
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
		text = text[:start] + " " + text[start+end:]
	}
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// livePicks are the picks that hold their place in the plan: not skipped
// and not gone from the program.
func livePicks(picks []*Pick) []*Pick {
	var out []*Pick
	for _, p := range picks {
		if p.Status != Skipped && !p.Gone {
			out = append(out, p)
		}
	}
	return out
}

// sortSessions orders sessions by Less, then id.
func sortSessions(ss []*Session) {
	sort.SliceStable(ss, func(i, j int) bool { return lessOrID(ss[i], ss[j]) })
}

// fitter tells whether a session fits a set of picks.
type fitter struct {
	picks  []*Pick // the scheduled, not cancelled ones
	v      *Venue
	window time.Duration
}

func newFitter(picks []*Pick, v *Venue) *fitter {
	f := &fitter{v: v, window: maxWalk(v)}
	for _, p := range picks {
		if p.Scheduled() && !p.Cancelled {
			f.picks = append(f.picks, p)
		}
	}
	return f
}

// fits reports whether s clashes with none of the picks.
func (f *fitter) fits(s *Session) bool {
	for _, p := range f.picks {
		if !mayClash(&p.Session, s, f.window) {
			continue
		}
		if _, _, bad := Conflict(&p.Session, s, f.v); bad {
			return false
		}
	}
	return true
}

// stopWords are left out of topics: common English words, and the words
// conference programs use about themselves. Built on first use, not at
// start-up: only suggest needs it.
var stopWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(englishStopWords + " " + germanStopWords + " " + conferenceWords + " " + genericWords) {
		m[w] = true
	}
	return m
})

const englishStopWords = `
a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anybody anyhow anyone anything anyway anyways anywhere are aren't around as aside at
away back be became because become becomes becoming been before beforehand behind being below beside besides
best better between beyond both brief but by can can't cannot cant could couldn't did didn't do does doesn't
doing don't done down during each eg e.g either else elsewhere enough especially etc even ever every everybody
everyone everything everywhere ex exactly example except far few fewer first for former formerly from further
furthermore get gets getting given gives go goes going gone got gotten had hadn't has hasn't have haven't having
he he'd he'll he's hence her here here's hereafter hereby herein hers herself him himself his hither how however
i'd i'll i'm i've ie i.e if in inc indeed instead into is isn't it it'd it'll it's its itself just keep keeps
kept know known knows last lately later latter least less lest let let's like liked likely little ltd made
mainly make makes making many may maybe me meanwhile might mine more moreover most mostly much must mustn't my
myself namely near nearly necessary need needs neither never nevertheless next no nobody non none noone nor
not nothing now nowhere of off often oh ok okay on once one ones only onto or other others otherwise ought our
ours ourselves out outside over overall own per perhaps please plus quite rather re really regarding
regardless relatively respectively right said same say says second see seeing seem seemed seeming seems seen
self selves sent several shall shan't she she'd she'll she's should shouldn't since so some somebody somehow
someone something sometime sometimes somewhat somewhere soon still such sure take taken taking than that
that's thats the their theirs them themselves then thence there there's thereafter thereby therefore therein
thereupon these they they'd they'll they're they've thing things think this those though through throughout
thru thus till to together too took toward towards truly try trying twice two un under unless unlike unlikely
until unto up upon us use used uses using usually various very via vs want wants was wasn't way ways we we'd
we'll we're we've well went were weren't what what's whatever when whence whenever where where's whereafter
whereas whereby wherein whereupon wherever whether which while whither who who's whoever whole whom whose why
will with within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself
yourselves zero three four five six seven eight nine ten
`

const conferenceWords = `
talk talks talking session sessions introduction introductions intro introducing introduce introduces present
presents presented presenting presentation presentations presenter speaker speakers keynote keynotes workshop
workshops panel panels track tracks devroom devrooms room rooms stage bof bofs lightning attendee attendees
audience participants conference conferences event events day days year years today time times new newer
latest how-to overview discuss discussed discussing discussion discussions explore explores exploring dive
dives deep look looks looking show shows showing showcase share shares sharing learn learned learns
lessons lesson demo demos demonstrate demonstrates demonstration part parts lot lots bit also just
can could good great important key main real simple easy different current currently recent recently based
many much various variety help helps helping allow allows allowing enable enables enabling provide provides
providing including include includes work works working worked build builds building built run runs running
way people goal goals approach approaches aim aims cover covers covered covering focus focuses focusing
will able want need needs started start starting end ends going get getting like make making
question questions answer answers hands-on walk walkthrough journey story stories experience experiences
world case cases state status future past come comes coming found find finding
open source software project projects free community communities http https www com org html pdf
`

// hostSuffixes end the host names Suggest leaves out.
var hostSuffixes = map[string]bool{"com": true, "org": true, "eu": true, "de": true, "be": true, "fr": true, "nl": true, "ch": true, "uk": true, "dev": true, "info": true, "gov": true, "edu": true}

// germanStopWords: CCC congresses and many European events mix German
// sessions into the program.
const germanStopWords = `
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern
anders auch auf aus bei beim bin bis bist da dabei dadurch dafür dagegen daher damit dann dar darauf darin
darum darüber das dass daß dein deine deinem deinen deiner dem den denn der deren des deshalb dessen die dies
diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines einige einmal er es etwa
etwas euch euer eure für gab gegen gibt hab habe haben hat hatte hätte hier hin hinter ich ihm ihn ihnen ihr
ihre ihrem ihren ihrer im immer in ins ist ja jede jedem jeden jeder jedes jedoch jetzt kann kannst kein keine
keinem keinen keiner können könnte machen man manche manchem manchen mancher mehr mein meine mit muss musste
müssen nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner seit sich sie
sind so solche soll sollen sollte sondern sowie statt um und uns unser unsere unter viel viele vom von vor
wann war waren warum was weil weiter welche welchem welchen welcher wenn wer werde werden wie wieder will wir
wird wirst wo wollen wurde wurden zu zum zur zwar zwischen über vortrag vorträge einführung heute jahr jahre
jahren innen geht gehen selbst einfach welches gemeinsam lernen dir dich gerne besucht zeit fragen zeigen ab
mal tag geben bitte ganz kommen dazu eigentlich bringen eigenen macht uhr gibt neue neuen tickets ticket
verfügbar geklickt de la le les en el del et
`

// genericWords say little about what a session is on: the vocabulary
// every abstract uses.
const genericWords = `
support supports supported supporting tool tools system systems code development develop developed developing
developer developers challenge challenges ecosystem ecosystems user users modern practical feature features
platform platforms implementation implementations implement implemented implementing integration integrate
integrated process processes existing multiple technical fully framework frameworks available complex create
creates created creating designed design components component large small common useful give understanding
understand problem problems result results method methods task tasks improve improved improving interact
standard standards basic hard join actually resource resources information environment environments write
writing written solution solutions solve solving level levels set full high low fast faster easier possible
application applications core stack model models access management technology technologies tech service
services approach specific general value values process data-driven efficient effective effectively scale
scalable scaling across best-practices practices practice insights insight benefits benefit powerful robust
seamless seamlessly critical unique growing wide widely number numbers type types term terms idea ideas
group groups team teams organization organisations organizations organisation company companies industry
level-up end-to-end real-world state-of-the-art open-source opensource foss libre fosdem changes issues
example examples capabilities single traditional directly custom needed improvements major requires required
address add adding called hear interested detail details explain identify potential ensuring leveraging
accessible aimed discover following interest fun bring finally offers offer
`
