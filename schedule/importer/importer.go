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
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// Feed is what one published program holds.
type Feed struct {
	Format     string // the importer's name, e.g. "pentabarf"
	Conference string // the program's own name when it states one
	TimeZone   string // IANA zone when the program states one
	Sessions   []*schedule.Session
}

// Options carry what the file alone may not say.
type Options struct {
	// Name is the file name or URL, used in error messages.
	Name string
	// Location places times that carry no offset (Sessionize, CSV, floating
	// iCalendar times). When nil, such feeds use the zone the feed names,
	// or fail with an error asking for --tz.
	Location *time.Location
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
		return nil, &schedule.InputError{File: name, Msg: "a web page (HTML), not a program: import the schedule's XML, JSON, iCalendar or CSV export instead"}
	}
	for _, im := range importers {
		if im.Detect(data) {
			return im, nil
		}
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
	if err := validate(feed, opt.Name); err != nil {
		return nil, err
	}
	sort.SliceStable(feed.Sessions, func(i, j int) bool { return schedule.Less(feed.Sessions[i], feed.Sessions[j]) })
	return feed, nil
}

func validate(feed *Feed, name string) error {
	if len(feed.Sessions) == 0 {
		return &schedule.InputError{File: name, Msg: "the program has no sessions"}
	}
	seen := make(map[string]*schedule.Session, len(feed.Sessions))
	for _, s := range feed.Sessions {
		s.Title = strings.TrimSpace(s.Title)
		// Every format marks cancellations in the title sometimes.
		if t, c := cancelledTitle(s.Title); c {
			s.Title, s.Cancelled = t, true
		}
		if s.ID == "" {
			return &schedule.InputError{File: name, Session: s.Title, Msg: "session has no id"}
		}
		if s.Title == "" {
			return &schedule.InputError{File: name, Session: s.ID, Msg: "session has no title"}
		}
		if prev, dup := seen[s.ID]; dup {
			return &schedule.InputError{File: name, Session: s.ID, Msg: fmt.Sprintf("two sessions share this id (%q and %q): ids must be unique; give one of them another id in the file (and tell the organisers)", prev.Title, s.Title)}
		}
		seen[s.ID] = s
		if s.Start.IsZero() != s.End.IsZero() {
			return &schedule.InputError{File: name, Session: s.ID, Msg: "session has a start but no end (or an end but no start)"}
		}
		if s.Scheduled() && s.End.Before(s.Start) {
			return &schedule.InputError{File: name, Session: s.ID, Msg: fmt.Sprintf("session ends (%s) before it starts (%s)", s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))}
		}
		if s.Kind == "" {
			s.Kind = schedule.KindOther
		}
	}
	return nil
}

// kindOf decides a session's kind from what the feed says, most specific
// first: a title prefix ("BoF: …"), then the feed's type or topic, then
// the track; def when nothing is recognised.
func kindOf(title, typ, track string, def schedule.Kind) schedule.Kind {
	if k, ok := schedule.TitleKind(title); ok {
		return k
	}
	if k, ok := schedule.GuessKind(typ); ok {
		return k
	}
	if k, ok := schedule.GuessKind(track); ok && k != schedule.KindTalk {
		return k
	}
	return def
}
