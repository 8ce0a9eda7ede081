package schedule

import "strings"

// Rooms knows the rooms of a program and the picks, as they spell them,
// to match what a person types ("ballroom c", "Room 107 ") to a room.
type Rooms struct {
	byLower map[string]string // lower case → as spelt
}

// NewRooms indexes the rooms of sessions and picks; picks' spellings win.
func NewRooms(sessions []*Session, picks []*Pick) *Rooms {
	r := &Rooms{byLower: map[string]string{}}
	for _, s := range sessions {
		if s.Room != "" {
			r.byLower[strings.ToLower(s.Room)] = s.Room
		}
	}
	for _, pk := range picks {
		if pk.Room != "" {
			r.byLower[strings.ToLower(pk.Room)] = pk.Room
		}
	}
	return r
}

// Empty reports whether no room is known.
func (r *Rooms) Empty() bool { return len(r.byLower) == 0 }

// Canonical spells room as the program does, ignoring case and spaces
// around it; ok is false (and room comes back trimmed) when no room
// matches.
func (r *Rooms) Canonical(room string) (string, bool) {
	room = strings.TrimSpace(room)
	c, ok := r.byLower[strings.ToLower(room)]
	if !ok {
		return room, false
	}
	return c, true
}

// Nearest finds the known room that looks most like room: one differing
// by a character or two, or containing it; "" when none is close.
func (r *Rooms) Nearest(room string) string {
	low := strings.ToLower(strings.TrimSpace(room))
	best, bestD := "", 3
	for k, v := range r.byLower {
		d := 0
		if len(k) != len(low) {
			d = 3
		} else {
			for i := range k {
				if k[i] != low[i] {
					d++
				}
			}
		}
		if strings.Contains(k, low) && len(low) >= 3 {
			d = min(d, 2)
		}
		if d < bestD || (d == bestD && best != "" && v < best) {
			best, bestD = v, d
		}
	}
	return best
}
