package jsonshape

import (
	"time"

	"github.com/plan-cli/plan/schedule"
)

// NowConference is when the conference runs: the first start and the
// last end of its program (null when nothing is scheduled), and whether
// the moment asked about falls between them.
type NowConference struct {
	Name   string  `json:"name"`
	First  *string `json:"first"`
	Last   *string `json:"last"`
	During bool    `json:"during"`
}

// NowRoom is one room of plan now --all --json: the sessions on now and
// the next one (null when none).
type NowRoom struct {
	Room string       `json:"room"`
	Now  []NowSession `json:"now"`
	Next *NowSession  `json:"next"`
}

// NowSession is a session of plan now --all, with its clashes with the
// user's picks ([] when none).
type NowSession struct {
	Session
	Clashes []NowClash `json:"clashes"`
}

// NowClash is a clash of a session with a pick: "overlap" (minutes of
// overlap) or "tight" (minutes short of the walk).
type NowClash struct {
	Pick    string `json:"pick"`
	Title   string `json:"title"`
	Type    string `json:"type"`
	Minutes int    `json:"minutes"`
}

// WithConference adds when the program runs to a now shape.
func (n Now) WithConference(name string, sp schedule.Span, at time.Time) Now {
	n.Conference = NowConference{Name: name, First: Time(sp.First), Last: Time(sp.Last), During: sp.Contains(at)}
	return n
}

// WithRooms adds plan now --all's rooms (never nil) to a now shape.
func (n Now) WithRooms(rooms []schedule.RoomNow) Now {
	n.Rooms = make([]NowRoom, 0, len(rooms))
	for _, r := range rooms {
		j := NowRoom{Room: r.Room, Now: make([]NowSession, 0, len(r.Now))}
		for _, e := range r.Now {
			j.Now = append(j.Now, nowSession(e))
		}
		if r.Next != nil {
			s := nowSession(*r.Next)
			j.Next = &s
		}
		n.Rooms = append(n.Rooms, j)
	}
	return n
}

func nowSession(e schedule.NowEntry) NowSession {
	j := NowSession{Session: FromSession(e.Session, e.Pick, false), Clashes: make([]NowClash, 0, len(e.Clashes))}
	for _, c := range e.Clashes {
		j.Clashes = append(j.Clashes, NowClash{Pick: c.Pick.ID, Title: c.Pick.Title, Type: string(c.Type), Minutes: c.Minutes})
	}
	return j
}
