package importer

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"github.com/plan-cli/plan/schedule"
)

// The SCALE signage feed (socallinuxexpo.org, read by the scale-signs room
// displays) comes in two shapes that carry the same program:
//
//   - scale-json: an array of {Name, Description, Location, StartTime,
//     EndTime, Speakers, Topic} objects; 23x adds Photo and Link.
//   - scale-xml: a Drupal Views export, <nodes><node> with Title, Room, Day,
//     Time, Speakers, Speaker-IDs, Topic, Short-abstract, Photo, Path. The
//     times exist only inside HTML-escaped RDFa spans (content="…").
//
// Neither shape has ids, so they are derived (see scaleIDs). Neither names
// the conference's zone: times carry their offset, and are expressed in
// America/Los_Angeles unless Options.Location says otherwise.

const (
	scaleZone = "America/Los_Angeles"
	scaleSite = "https://www.socallinuxexpo.org"
)

type scaleJSON struct{}

func (scaleJSON) Name() string { return "scale-json" }

// Detect wants a JSON array whose first object has the feed's Name and
// StartTime keys. The first object's Description can be long, so it looks
// further than the other sniffers.
func (scaleJSON) Detect(data []byte) bool {
	h := head(data, 64<<10)
	if !bytes.HasPrefix(h, []byte("[")) {
		return false
	}
	if !bytes.HasPrefix(bytes.TrimLeft(h[1:], " \t\r\n"), []byte("{")) {
		return false
	}
	return bytes.Contains(h, []byte(`"Name"`)) && bytes.Contains(h, []byte(`"StartTime"`))
}

// scaleJSONEntry is one element of the JSON feed; 23x's Photo (an image
// URL) has no place in a Session and is not read.
type scaleJSONEntry struct {
	Name        string
	Description string
	Location    string
	StartTime   string
	EndTime     string
	Speakers    string
	Topic       string
	Link        string
}

func (scaleJSON) Parse(data []byte, opt Options) (*Feed, error) {
	name := opt.Name
	loc, err := scaleLocation(opt)
	if err != nil {
		return nil, &schedule.InputError{File: name, Err: err}
	}
	r, err := newJSONReader(data, name)
	if err != nil {
		return nil, err
	}
	var raw []scaleEntry
	var lines []int
	err = r.array("the SCALE feed", func() error {
		line := r.line()
		var e scaleJSONEntry
		if err := r.record("a session", &e); err != nil {
			return err
		}
		raw = append(raw, scaleEntry{
			title: e.Name, abstract: e.Description, room: e.Location,
			start: e.StartTime, end: e.EndTime, speakers: e.Speakers,
			topic: e.Topic, link: e.Link,
		})
		lines = append(lines, line)
		return nil
	})
	if err == nil {
		err = r.end()
	}
	if err != nil {
		return nil, err
	}
	return scaleFeed(raw, loc, name, func(i int) int { return lines[i] })
}

type scaleXML struct{}

func (scaleXML) Name() string { return "scale-xml" }

func (scaleXML) Detect(data []byte) bool {
	h := head(data, 4096)
	return bytes.HasPrefix(h, []byte("<")) && bytes.Contains(h, []byte("<nodes"))
}

// scaleNode is one <node> of the XML feed. Day repeats Time's start date,
// Speaker-IDs are the site's person ids, Photo is markup for an image:
// none of them is read.
type scaleNode struct {
	Title    string `xml:"Title"`
	Room     string `xml:"Room"`
	Time     string `xml:"Time"`
	Speakers string `xml:"Speakers"`
	Topic    string `xml:"Topic"`
	Abstract string `xml:"Short-abstract"`
	Path     string `xml:"Path"`
}

func (scaleXML) Parse(data []byte, opt Options) (*Feed, error) {
	name := opt.Name
	loc, err := scaleLocation(opt)
	if err != nil {
		return nil, &schedule.InputError{File: name, Err: err}
	}
	if err := xmlCharset(data, name); err != nil {
		return nil, err
	}
	dec, cut := newXMLDecoder(data)
	fail := func(msg string, err error) error { return xmlError(dec, cut, name, msg, err) }
	var raw []scaleEntry
	var lines []int
	var sawNodes bool
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail("malformed XML", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return nil, doctypeError(dec, cut, name, t)
			}
		case xml.StartElement:
			depth++
			switch {
			case depth == 1 && t.Name.Local == "nodes":
				sawNodes = true
			case depth == 2 && sawNodes && t.Name.Local == "node":
				line := xmlLine(dec, cut)
				var n scaleNode
				if err := dec.DecodeElement(&n, &t); err != nil {
					return nil, fail("malformed XML", err)
				}
				depth--
				start, end, err := scaleRDFaTimes(n.Time)
				raw = append(raw, scaleEntry{
					title: n.Title, abstract: n.Abstract, room: n.Room,
					start: start, end: end, speakers: n.Speakers,
					topic: n.Topic, link: n.Path, err: err,
				})
				lines = append(lines, line)
			case depth == 1:
				return nil, fail(fmt.Sprintf("the root element is <%s>, not <nodes>: not a SCALE signage XML feed", t.Name.Local), nil)
			}
		case xml.EndElement:
			depth--
		}
	}
	if !sawNodes {
		return nil, &schedule.InputError{File: name, Msg: "no <nodes> element: not a SCALE signage XML feed"}
	}
	return scaleFeed(raw, loc, name, func(i int) int { return lines[i] })
}

// scaleRDFaTimes finds the start and end in the Time field's markup:
//
//	<span class="date-display-start" … content="2025-03-06T09:00:00-08:00">9:00</span> to
//	<span class="date-display-end" … content="2025-03-06T10:15:00-08:00">10:15</span>
//
// Drupal prints a lone date-display-single span when start and end are
// equal, so that gives a zero-length session. An empty Time is an
// unscheduled session; text without content attributes is an error.
func scaleRDFaTimes(timeHTML string) (start, end string, err error) {
	var single string
	z := html.NewTokenizer(strings.NewReader(timeHTML))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		if string(name) != "span" {
			continue
		}
		var class, content string
		var hasContent bool
		for more {
			var key, val []byte
			key, val, more = z.TagAttr() // key lower-cased, value unescaped
			switch string(key) {
			case "class":
				class = string(val)
			case "content":
				content, hasContent = string(val), true
			}
		}
		if !hasContent {
			continue
		}
		switch {
		case strings.Contains(class, "date-display-start"):
			start = content
		case strings.Contains(class, "date-display-end"):
			end = content
		default:
			if single == "" {
				single = content
			}
		}
	}
	if start == "" && end == "" && single != "" {
		start, end = single, single
	}
	if start == "" && end == "" {
		if text := htmlText(timeHTML); text != "" {
			return "", "", fmt.Errorf("the <Time> field %q holds no machine-readable start and end (content=\"…\")", head([]byte(text), 60))
		}
	}
	return start, end, nil
}

// scaleEntry is one session as either shape gives it, before checking.
type scaleEntry struct {
	title, abstract, room, start, end, speakers, topic, link string
	err                                                      error // why its times cannot be read (the XML's markup)
}

func scaleLocation(opt Options) (*time.Location, error) {
	if opt.Location != nil {
		return opt.Location, nil
	}
	return loadZone(scaleZone)
}

// scaleFeed builds the sessions shared by both shapes; line gives the
// line of entry i for error messages.
func scaleFeed(raw []scaleEntry, loc *time.Location, name string, line func(int) int) (*Feed, error) {
	feed := &Feed{Conference: "SCALE", TimeZone: scaleZone}
	if len(raw) == 0 {
		return nil, &schedule.InputError{File: name, Msg: "the feed holds no sessions"}
	}
	edition := ""
	for i, e := range raw {
		s, err := e.session(loc)
		if err != nil {
			who := htmlLine(e.title)
			if who == "" {
				who = fmt.Sprintf("#%d", i+1)
			}
			if err := feed.skip(&schedule.InputError{File: name, Line: line(i), Session: who, Err: err}); err != nil {
				return nil, err
			}
			continue
		}
		if ed := scaleEdition(e.link); ed != "" {
			if edition == "" {
				edition = ed
			} else if edition != ed {
				edition = "-"
			}
		}
		feed.add(s, line(i))
	}
	if edition == "" {
		edition, feed.NameNote = scaleGuessEdition(feed.Sessions, name)
	}
	if edition != "" && edition != "-" {
		feed.Conference = "SCALE " + edition
	}
	scaleIDs(feed.Sessions)
	return feed.done()
}

// scaleEditions are SCALE's editions by the year they were held, as the
// signage feed's own archive dates them (socallinuxexpo/scale-signs,
// pkg/simulator/archive: 13x.json is February 2015, 18x.json March 2020,
// 19x.json July 2022, 22x.json March 2025) and the 23x feed (March 2026).
// There was none in 2021. A year not listed names no edition: it is not
// guessed.
var scaleEditions = map[int]string{
	2015: "13x", 2016: "14x", 2017: "15x", 2018: "16x", 2019: "17x", 2020: "18x",
	2022: "19x", 2023: "20x", 2024: "21x", 2025: "22x", 2026: "23x",
}

// scaleGuessEdition names the edition of a feed whose sessions have no
// links to say it (the 22x JSON): by the year of its first scheduled
// session, else by an edition in the name it was read from
// ("scale-22x-sign.json", ".../scale/23x/signs"). The note says which,
// or that neither did.
func scaleGuessEdition(sessions []*schedule.Session, name string) (edition, note string) {
	for _, s := range sessions {
		if s.Scheduled() {
			year := s.Start.Year()
			if ed := scaleEditions[year]; ed != "" {
				return ed, fmt.Sprintf("the feed does not name its edition; it is taken from its dates (%d)", year)
			}
			break
		}
	}
	if m := editionInNameRE().FindStringSubmatch(name); m != nil {
		what := "file name"
		if strings.Contains(name, "://") {
			what = "address"
		}
		return strings.ToLower(m[1]), fmt.Sprintf("the feed does not name its edition; it is taken from its %s", what)
	}
	return "", "the feed does not say which edition of SCALE it is"
}

var (
	editionRE       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^/scale/(\d+x)/`) })
	editionInNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)(?:^|[^0-9a-z])(\d{1,2}x)(?:[^0-9a-z]|$)`) })
)

// scaleEdition reads "22x" from a link such as /scale/22x/presentations/….
func scaleEdition(link string) string {
	link = strings.TrimPrefix(strings.TrimSpace(link), scaleSite)
	if m := editionRE().FindStringSubmatch(link); m != nil {
		return m[1]
	}
	return ""
}

func (e scaleEntry) session(loc *time.Location) (*schedule.Session, error) {
	if e.err != nil {
		return nil, e.err
	}
	title, cancelled := cancelledTitle(htmlLine(e.title))
	if title == "" {
		return nil, fmt.Errorf("the session has no title")
	}
	topic := htmlLine(e.topic)
	s := &schedule.Session{
		Title:     title,
		Type:      topic,
		Track:     topic,
		Room:      htmlLine(e.room),
		Speakers:  splitNames(e.speakers, htmlLine),
		Abstract:  htmlText(e.abstract),
		Cancelled: cancelled,
		Kind:      scaleKind(title, topic),
	}
	if link := oneLine(e.link); link != "" {
		s.URL = link
		if strings.HasPrefix(link, "/") {
			s.URL = scaleSite + link
		}
		s.Slug = scaleSlug(link)
	}
	start, end := strings.TrimSpace(e.start), strings.TrimSpace(e.end)
	switch {
	case start == "" && end == "":
		return s, nil // unscheduled: kept, with zero times
	case start == "":
		return nil, fmt.Errorf("the session has an end time (%q) but no start time", end)
	case end == "":
		return nil, fmt.Errorf("the session has a start time (%q) but no end time", start)
	}
	var err error
	if s.Start, err = scaleTime(start, loc); err != nil {
		return nil, fmt.Errorf("bad start time: %w", err)
	}
	if s.End, err = scaleTime(end, loc); err != nil {
		return nil, fmt.Errorf("bad end time: %w", err)
	}
	if s.End.Before(s.Start) {
		return nil, fmt.Errorf("the session ends (%s) before it starts (%s)", s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
	}
	return s, nil
}

// scaleTime reads an ISO 8601 time. With an offset it keeps the instant
// and expresses it in loc; without one it is read as loc's wall time.
func scaleTime(s string, loc *time.Location) (time.Time, error) {
	t, err := parseISOTime(s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an ISO 8601 time such as 2025-03-06T09:00:00-08:00", s)
	}
	return t, nil
}

// scaleKind: SCALE files its special sessions under four Topic values,
// and those decide ("Workshop: Improve your resume" under Career Day is
// career). Any other topic is a subject track, and a title's own word
// beats it: "Workshop - Intro to Nix" (PlanetNix), "Kubernetes For
// Sysadmins Workshop" (Cloud Native) and "SunSecCon Keynote: …" are what
// they say. Then a topic that names a format, as a track would
// ("Lightning Talks"; "Sponsored" is none: it says who paid, not that it
// is a booth), else talk.
func scaleKind(title, topic string) schedule.Kind {
	switch strings.ToLower(topic) {
	case "keynote", "keynotes":
		return schedule.KindKeynote
	case "workshops", "workshop":
		return schedule.KindWorkshop
	case "bofs", "bof":
		return schedule.KindBoF
	case "career day":
		return schedule.KindCareer
	}
	return kindOf(title, "", topic, schedule.KindTalk)
}

// scaleSlug is the last segment of a talk's link, unescaped:
// "/scale/22x/presentations/fireside-chat-outsider%E2%80%99s-look-nix"
// gives "fireside-chat-outsider’s-look-nix".
func scaleSlug(link string) string {
	if u, err := url.Parse(link); err == nil {
		link = u.Path
	}
	link = strings.TrimRight(link, "/")
	if i := strings.LastIndexByte(link, '/'); i >= 0 {
		link = link[i+1:]
	}
	// Unescaped, the segment may hold anything ("%00", "%1b]0;X"):
	// one clean line, as every field.
	return oneLine(link)
}

// scaleIDs gives every session a stable id derived from its title.
//
// The rule is the title, not the link, on purpose: SCALE publishes the
// same program as XML with a Path and as JSON with no Link (22x) or with
// one (23x), and the ids must agree across all of them so a plan can move
// from one feed to the other. Drupal's path alias cannot be recomputed from
// the title (it drops stop words, cuts at about 75 characters, appends
// "-0" to reused aliases, and keeps the old alias when a talk is
// retitled), so only the title is common to every shape. The link still
// lands in URL and Slug, which re-import reconciliation matches on.
//
// The id is titleSlug(title): "closing-keynote-doug-comer". When several
// sessions share that slug, each gets its start date appended
// ("international-womens-day-fun-walk-offsite-2025-03-08"), or "-tbd" when
// unscheduled; any id still taken gets "-2", "-3"… in feed order.
func scaleIDs(sessions []*schedule.Session) {
	base := make([]string, len(sessions))
	count := make(map[string]int, len(sessions))
	for i, s := range sessions {
		base[i] = titleSlug(s.Title, 60)
		count[base[i]]++
	}
	seen := make(map[string]bool, len(sessions))
	for i, s := range sessions {
		id := base[i]
		if count[id] > 1 {
			if s.Scheduled() {
				id += "-" + schedule.DayOf(s.Start).String()
			} else {
				id += "-tbd"
			}
		}
		cand := id
		for n := 2; seen[cand]; n++ {
			cand = fmt.Sprintf("%s-%d", id, n)
		}
		seen[cand] = true
		s.ID = cand
	}
}

var slugStopWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true,
	"to": true, "in": true, "on": true, "at": true, "for": true, "with": true,
	"from": true, "by": true, "is": true,
}

// titleSlug makes a short id from a title: lower-case letters and digits
// of any script, words joined by "-", apostrophes dropped ("Women's" →
// "womens"), common English stop words left out unless nothing else
// remains, cut at a word boundary so it is at most max bytes (a single
// longer word is cut). "session" when the title has no letters or digits.
func titleSlug(title string, max int) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range title {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == 'ʼ' || r == '‘':
		default:
			flush()
		}
	}
	flush()
	kept := words[:0:0]
	for _, w := range words {
		if !slugStopWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = words
	}
	if len(kept) == 0 {
		return "session"
	}
	var b strings.Builder
	for _, w := range kept {
		if b.Len() > 0 && b.Len()+1+len(w) > max {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	s := b.String()
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "")
	}
	return s
}
