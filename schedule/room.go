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
// around it. A room may be given by the words its name begins with when
// they name one room only ("K.1.105" for "K.1.105 (La Fontaine)"). ok is
// false (and room comes back trimmed) when no room matches.
func (r *Rooms) Canonical(room string) (string, bool) {
	room = strings.TrimSpace(room)
	low := strings.ToLower(room)
	if c, ok := r.byLower[low]; ok {
		return c, true
	}
	match := ""
	for k, v := range r.byLower {
		if low != "" && strings.HasPrefix(k, low+" ") {
			if match != "" {
				return room, false
			}
			match = v
		}
	}
	if match == "" {
		return room, false
	}
	return match, true
}

// Add makes room known when no room of that name is (a room a walk
// names that no session is in).
func (r *Rooms) Add(room string) {
	if k := strings.ToLower(strings.TrimSpace(room)); k != "" {
		if _, ok := r.byLower[k]; !ok {
			r.byLower[k] = strings.TrimSpace(room)
		}
	}
}

// Nearest finds the known room that looks most like room: the fewest
// edits away (EditDistance), as a whole or from one of its words, within
// a third of its length (at least two edits); the first by name among
// equals; "" when none is close. It may also be the room whose name
// contains room ("101" → "Room 101").
func (r *Rooms) Nearest(room string) string {
	low := strings.ToLower(strings.TrimSpace(room))
	best, bestD := "", max(2, len([]rune(low))/3)+1
	for k, v := range r.byLower {
		d := EditDistance(low, k)
		for _, w := range strings.Fields(k) {
			d = min(d, EditDistance(low, w))
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
