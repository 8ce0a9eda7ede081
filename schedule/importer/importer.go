// Package importer reads the program formats conferences publish
// (pentabarf/frab XML, frab/C3VOC JSON, pretalx, Sessionize, the SCALE
// signage feed, iCalendar, CSV) into schedule.Sessions. One file per
// format; each implements Importer, and Detect picks one by content.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// Feed is what one published program holds.
type Feed struct {
	Format     string // the importer's name, e.g. "pentabarf"
	Conference string // the program's own name when it states one
	// NameNote says how Conference was made up when the program does not
	// state it whole (the SCALE feed, whose 22x JSON names no edition):
	// "the feed does not name its edition; it is taken from its dates
	// (2025)". "" when the program names itself.
	NameNote string
	TimeZone string // the zone the program states: a tz name or an offset (schedule.ParseZone)
	// FirstDay is Options.FirstDay when the program used it (a CSV that
	// numbers its days); zero otherwise.
	FirstDay schedule.Day
	Sessions []*schedule.Session
	// Warnings say what the import did with input it could not take as
	// it was: a session skipped, a title cut, ids made unique, columns
	// ignored. Nothing is changed without one.
	Warnings []Warning

	lines   map[*schedule.Session]int // the line each session starts on, where known
	skipped []error                   // the sessions left out, as errors
	// badLinks counts the links left out for an address that is no web
	// address; badLink is the first of them (see addLinks).
	badLinks int
	badLink  string
}

// Warning is one thing an import did with bad input, where it was.
// Its --json shape is jsonshape.Warning.
type Warning struct {
	File    string
	Line    int
	Session string
	Msg     string
	// Type is the session type the warning is about when it names no
	// kind plan knows: a plan that maps the type has no use for it.
	Type string
}

func (w Warning) String() string {
	where := w.File
	if where == "" {
		where = "input"
	}
	if w.Line > 0 {
		where += fmt.Sprintf(":%d", w.Line)
	}
	if w.Session != "" {
		where += fmt.Sprintf(": session %q", clip(w.Session, 80))
	}
	return where + ": " + w.Msg
}

// add appends a session read on line (0 when unknown).
func (f *Feed) add(s *schedule.Session, line int) {
	f.Sessions = append(f.Sessions, s)
	if line > 0 {
		if f.lines == nil {
			f.lines = map[*schedule.Session]int{}
		}
		f.lines[s] = line
	}
}

// warn records a warning about session s (nil for the whole program).
func (f *Feed) warn(name string, s *schedule.Session, format string, args ...any) {
	w := Warning{File: name, Msg: fmt.Sprintf(format, args...)}
	if s != nil {
		w.Line = f.lines[s]
		w.Session = s.ID
		if w.Session == "" {
			w.Session = s.Title
		}
	}
	f.Warnings = append(f.Warnings, w)
}

// skip leaves out a session that cannot be read, with a warning naming
// where and why, so one bad event does not sink the program. Errors about
// zones and numbered days are not the session's fault: they fail the
// import (the caller may retry with --tz or --first-day), and so does a
// program all of whose sessions are bad.
func (f *Feed) skip(err error) error {
	if errors.Is(err, ErrNoZone) || errors.Is(err, errBadZone) || errors.Is(err, errNoFirstDay) {
		return err
	}
	f.skipped = append(f.skipped, err)
	w := Warning{Msg: err.Error() + ": skipped"}
	var ie *schedule.InputError
	if errors.As(err, &ie) {
		w = Warning{File: ie.File, Line: ie.Line, Session: ie.Session, Msg: ie.Msg}
		if ie.Err != nil {
			if w.Msg != "" {
				w.Msg += ": "
			}
			w.Msg += ie.Err.Error()
		}
		w.Msg += "; the session is left out"
	}
	f.Warnings = append(f.Warnings, w)
	return nil
}

// done is what an importer returns: the feed, or, when not one session
// could be read, the first reason (that is no program).
func (f *Feed) done() (*Feed, error) {
	if len(f.Sessions) == 0 && len(f.skipped) > 0 {
		return nil, f.skipped[0]
	}
	return f, nil
}

// errBadZone is wrapped by errors about a zone name no tz database
// knows: the whole program's times depend on it, so it is never skipped.
var errBadZone = errors.New("unknown time zone")

// badZone wraps an error about an unknown zone name.
type badZone struct{ error }

func (e badZone) Unwrap() []error { return []error{e.error, errBadZone} }

// Options carry what the file alone may not say.
type Options struct {
	// Name is the file name or URL, used in error messages.
	Name string
	// Location places times that carry no offset (Sessionize, CSV, floating
	// iCalendar times). When nil, such feeds use the zone the feed names,
	// or the zone of the place it names (a pentabarf <city>), or fail with
	// an error asking for --tz.
	Location *time.Location
	// MachineZone is this machine's zone by its tz name ("" when unknown):
	// the example an error asking for --tz gives, when the program names no
	// place to take one from.
	MachineZone string
	// FirstDay is the date of the program's first day, for a CSV that
	// numbers its days (a DAY column of 1, 2, 3) instead of dating them.
	FirstDay schedule.Day
}

// ErrNoZone is wrapped by errors about times that carry no zone and a
// feed that names none: the caller may retry with a zone (the plan's).
// An unknown zone name is a different error: no zone may stand in for it.
var ErrNoZone = errors.New("times carry no time zone")

// noZone is an error message that wraps ErrNoZone.
type noZone string

func (e noZone) Error() string { return string(e) }
func (e noZone) Unwrap() error { return ErrNoZone }

// Importer reads one format.
type Importer interface {
	// Name is the word used with --format.
	Name() string
	// Detect reports whether data looks like this format. It only sniffs
	// and must be cheap.
	Detect(data []byte) bool
	// Parse reads the whole program. Errors are *schedule.InputError
	// naming opt.Name and, where possible, the line or session.
	Parse(data []byte, opt Options) (*Feed, error)
}

// importers in detection order: the most specific sniffers first.
var importers = []Importer{
	pentabarf{},
	// schedule 2.0 has frab's "schedule" and "conference" too: it goes
	// first, known by its flat "events" list.
	schedule2JSON{},
	frabJSON{},
	sessionize{},
	scaleXML{},
	scaleJSON{},
	ical{},
	// csv sniffs only a header row, so it goes last.
	csvFormat{},
}

// Formats lists the supported format names.
func Formats() []string {
	names := make([]string, len(importers))
	for i, im := range importers {
		names[i] = im.Name()
	}
	return names
}

// Lookup finds an importer by its --format name.
func Lookup(name string) (Importer, error) {
	for _, im := range importers {
		if strings.EqualFold(im.Name(), name) {
			return im, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (supported: %s)", name, strings.Join(Formats(), ", "))
}

// Detect picks the importer for data by its content.
func Detect(data []byte, name string) (Importer, error) {
	data = stripBOM(data)
	if h := bytes.ToLower(head(data, 64)); bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html")) {
		if (ical{}).Detect(data) {
			return ical{}, nil // a calendar saved inside a web page
		}
		return nil, &schedule.InputError{File: name, Msg: "a web page (HTML), not a program: import the schedule's XML, JSON, iCalendar or CSV export instead"}
	}
	for _, im := range importers {
		if im.Detect(data) {
			return im, nil
		}
	}
	if what := describeUnreadable(data); what != "" {
		return nil, &schedule.InputError{File: name, Msg: "not a conference program this tool can read: " + what}
	}
	return nil, &schedule.InputError{File: name, Msg: fmt.Sprintf("not a conference program this tool can read (supported formats: %s; use --format to choose one)", strings.Join(Formats(), ", "))}
}

// Parse detects the format (or uses format when not empty), reads the
// program and checks it: every session has an id and a title, ids are
// unique, and none ends before it starts.
func Parse(data []byte, format string, opt Options) (*Feed, error) {
	// Every format is UTF-8 text. encoding/json would turn bad bytes
	// into U+FFFD without a word, so look at all of them here.
	if err := checkEncoding(data, opt.Name); err != nil {
		return nil, err
	}
	var im Importer
	var err error
	if format != "" {
		im, err = Lookup(format)
	} else {
		im, err = Detect(data, opt.Name)
	}
	if err != nil {
		return nil, err
	}
	feed, err := im.Parse(stripBOM(data), opt)
	if err != nil {
		return nil, err
	}
	feed.Format = im.Name()
	if len(feed.Sessions) == 0 {
		if why := describeEmpty(feed.Format, data); why != "" {
			return nil, &schedule.InputError{File: opt.Name, Msg: "the program has no sessions: " + why}
		}
	}
	if err := validate(feed, opt.Name); err != nil {
		return nil, err
	}
	sort.SliceStable(feed.Sessions, func(i, j int) bool { return schedule.Less(feed.Sessions[i], feed.Sessions[j]) })
	feed.lines = nil
	return feed, nil
}

// untitled is the title of a session whose program gives none: visible,
// so the attendee sees that the program lacks it.
const untitled = "(untitled)"

// validate checks the program and mends what it can, with a warning for
// each: every session gets an id and a title, ids are made unique, no
// field is longer than maxLineField, and a session that ends before it
// starts (or has only one of start and end) is left out.
func validate(feed *Feed, name string) error {
	if len(feed.Sessions) == 0 {
		return &schedule.InputError{File: name, Msg: "the program has no sessions"}
	}
	kept := feed.Sessions[:0]
	var untitledAt []*schedule.Session
	for _, s := range feed.Sessions {
		s.Title = strings.TrimSpace(s.Title)
		markCancelled(s)
		if s.Title == "" {
			s.Title = untitled
			untitledAt = append(untitledAt, s)
		}
		if s.ID == "" {
			key := s.Title + "|" + s.Room
			if s.Scheduled() {
				key += "|" + s.Start.UTC().Format(time.RFC3339)
			}
			s.ID = hashID("s-", key)
			feed.warn(name, s, "the session has no id: given %s (derived from its title, room and start)", s.ID)
		}
		cutFields(feed, name, s)
		if s.Start.IsZero() != s.End.IsZero() {
			feed.warn(name, s, "the session has a start but no end (or an end but no start); the session is left out")
			continue
		}
		if s.Scheduled() && s.End.Before(s.Start) {
			feed.warn(name, s, "the session ends (%s) before it starts (%s); the session is left out", s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
			continue
		}
		if s.Kind == "" {
			s.Kind = schedule.KindOther
		}
		kept = append(kept, s)
	}
	feed.Sessions = kept
	switch n := len(untitledAt); {
	case n == 1:
		feed.warn(name, untitledAt[0], "the session has no title: imported as %q", untitled)
	case n > 1:
		var where []string
		for _, s := range untitledAt {
			if l := feed.lines[s]; l > 0 && len(where) < 10 {
				where = append(where, fmt.Sprint(l))
			}
		}
		at := ""
		if len(where) > 0 {
			at = " (lines " + strings.Join(where, ", ") + ")"
		}
		feed.warn(name, nil, "%d sessions have no title%s: imported as %q", n, at, untitled)
	}
	if len(feed.Sessions) == 0 {
		return &schedule.InputError{File: name, Msg: "no session of the program could be read (see the warnings)"}
	}
	uniqueIDs(feed, name)
	warnUnknownTypes(feed, name)
	if feed.badLinks > 0 {
		feed.warn(name, nil, "%s no web address (such as %q): left out", schedule.Plural(feed.badLinks, "link has", "links have"), feed.badLink)
	}
	return nil
}

// markCancelled finds what every format writes sometimes: a
// cancellation mark in the title or subtitle, stripped there, or a
// sentence in the abstract saying the session is cancelled.
func markCancelled(s *schedule.Session) {
	if t, c := cancelledTitle(s.Title); c {
		s.Title, s.Cancelled = t, true
	}
	if t, c := cancelledTitle(s.Subtitle); c {
		if t == s.Subtitle && cancelMarks().only.MatchString(t) {
			t = ""
		}
		s.Subtitle, s.Cancelled = t, true
	}
	if !s.Cancelled && cancelledText(s.Abstract) {
		s.Cancelled = true
	}
}

// cutFields warns about every one-line field of s that was cut at
// maxLineField, and about an abstract cut at maxToken while it was read
// (it ends in cutRune: cutMark from now on).
func cutFields(feed *Feed, name string, s *schedule.Session) {
	for _, f := range s.LineFields() {
		if wasCut(f.Value) {
			feed.warn(name, s, "the %s is longer than %d KiB: cut there", f.Name, maxLineField>>10)
		}
	}
	for _, sp := range s.Speakers {
		if wasCut(sp) {
			feed.warn(name, s, "a speaker's name is longer than %d KiB: cut there", maxLineField>>10)
		}
	}
	if a, ok := strings.CutSuffix(s.Abstract, string(cutRune)); ok {
		s.Abstract = strings.TrimRight(a, " \n") + cutMark
		feed.warn(name, s, "the abstract is longer than %d MiB: cut there", maxToken>>20)
	}
}

// uniqueIDs keeps apart sessions that share an id, as merged schedules
// (c3voc's "everything" schedule of several sub-conferences) do: the
// first keeps the id, each later one gets the id and a hash of what tells
// it apart (its guid, else its start, room and title), the same on every
// import of the same file. Exact copies (same id, guid, start, room and
// title) are one session. One warning gives the count.
func uniqueIDs(feed *Feed, name string) {
	seen := make(map[string]*schedule.Session, len(feed.Sessions))
	for _, s := range feed.Sessions {
		seen[s.ID] = nil
	}
	byID := make(map[string]*schedule.Session, len(feed.Sessions))
	var reused []string
	example := "" // the new id of the first later session
	reusedSet := map[string]bool{}
	dropped := 0
	kept := feed.Sessions[:0]
	for _, s := range feed.Sessions {
		prev, dup := byID[s.ID]
		if !dup {
			byID[s.ID] = s
			kept = append(kept, s)
			continue
		}
		if prev.GUID == s.GUID && prev.Start.Equal(s.Start) && prev.End.Equal(s.End) && prev.Room == s.Room && prev.Title == s.Title {
			dropped++
			continue
		}
		if s.GUID != "" && s.GUID == prev.GUID {
			// The same session run twice (a workshop in the morning and
			// in the afternoon): each run is one an attendee can pick.
			s.GUID += "/" + s.Start.UTC().Format("20060102T150405Z")
		}
		if !reusedSet[s.ID] {
			reusedSet[s.ID] = true
			reused = append(reused, s.ID)
		}
		key := s.GUID
		if key == "" || key == prev.GUID {
			key += "|" + s.Start.UTC().Format(time.RFC3339) + "|" + s.Room + "|" + s.Title
		}
		base := s.ID
		id := base + "-" + hashID("", key)[:6]
		for n := 2; ; n++ {
			if _, taken := byID[id]; !taken {
				if _, inFeed := seen[id]; !inFeed {
					break
				}
			}
			id = fmt.Sprintf("%s-%s-%d", base, hashID("", key)[:6], n)
		}
		if example == "" {
			example = id
		}
		s.ID = id
		byID[id] = s
		kept = append(kept, s)
	}
	feed.Sessions = kept
	if len(reused) > 0 {
		ex := reused[0]
		feed.warn(name, nil, "%d %s used by more than one session (a merged schedule?): every session is kept, the later ones with the id and a suffix, such as %q for a second %q; the suffixes stay the same on every import of this program",
			len(reused), plural(len(reused), "id is", "ids are"), example, ex)
	}
	if dropped > 0 {
		feed.warn(name, nil, "%d %s of another (same id, guid, time, room and title): imported once", dropped, plural(dropped, "session is an exact copy", "sessions are exact copies"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// kindOf decides a session's kind from what the feed says, most specific
// first: a title prefix ("BoF: …"), then the feed's type or topic, then
// the track's format (see schedule.TrackKind); def when nothing is
// recognised. Formats whose type field states the kind use typedKind.
func kindOf(title, typ, track string, def schedule.Kind) schedule.Kind {
	if k, ok := schedule.TitleKind(title); ok {
		return k
	}
	if k, ok := schedule.GuessKind(typ); ok {
		return k
	}
	if k, ok := schedule.TrackKind(track); ok {
		return k
	}
	return def
}

// typedKind decides the kind of a session whose feed states a type
// (frab's <type>, Sessionize's session format, a CSV kind column). The
// title's own word comes first, as in kindOf ("BoF: …" in a workshop
// slot, "Lunch" typed as a talk); then the type. Guessing never turns a
// typed session into a talk: a type plan does not know is read by the
// track's format, else as other (validate warns once per such type).
func typedKind(title, typ, track string) schedule.Kind {
	if typ == "" {
		return kindOf(title, "", track, schedule.KindTalk)
	}
	if k, ok := schedule.TitleKind(title); ok {
		return k
	}
	if k, ok := typeKind(typ); ok {
		return k
	}
	if k, ok := schedule.TrackKind(track); ok {
		return k
	}
	return schedule.KindOther
}

// typeKind is the kind a feed's type names: a kind's own name or a
// spelling of one ("booths", "BoF"), or words GuessKind knows.
func typeKind(typ string) (schedule.Kind, bool) {
	if k, err := schedule.ParseKind(typ); err == nil {
		return k, true
	}
	return schedule.GuessKind(typ)
}

// statedTypes are the formats whose sessions' Type states their kind
// (SCALE's Topic is a subject; iCalendar keeps only kind names as Type).
var statedTypes = map[string]bool{"pentabarf": true, "frab-json": true, "schedule2-json": true, "sessionize": true, "csv": true}

// warnUnknownTypes warns once per session type that names no kind plan
// knows: those sessions are not counted as talks, and the user may map
// the type in the plan.
func warnUnknownTypes(feed *Feed, name string) {
	if !statedTypes[feed.Format] {
		return
	}
	type tally struct{ n, other int }
	counts := map[string]*tally{}
	var order []string
	for _, s := range feed.Sessions {
		if s.Type == "" {
			continue
		}
		if _, ok := typeKind(s.Type); ok {
			continue
		}
		t := counts[s.Type]
		if t == nil {
			t = &tally{}
			counts[s.Type] = t
			order = append(order, s.Type)
		}
		t.n++
		if s.Kind == schedule.KindOther {
			t.other++
		}
	}
	for _, typ := range order {
		t := counts[typ]
		read := "read as other"
		switch {
		case t.other == 0:
			read = "read by their title or track"
		case t.other < t.n:
			read = fmt.Sprintf("%d read as other, %d by their title or track", t.other, t.n-t.other)
		}
		feed.Warnings = append(feed.Warnings, Warning{File: name, Type: typ, Msg: fmt.Sprintf(
			"the session type %q (%d %s) names no kind plan knows: %s; to count it as another kind, map it in the plan file: kinds: {%s: talk}",
			typ, t.n, plural(t.n, "session", "sessions"), read, strconv.Quote("type:"+typ))})
	}
}
