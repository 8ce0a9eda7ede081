package schedule

import "testing"

// Nearest finds a misspelt room ("Ballrom G", a letter left out, which
// the old same-length comparison missed), a room named by its number, and
// nothing for a name far from every room.
func TestRoomsNearest(t *testing.T) {
	var sessions []*Session
	for _, room := range []string{"Ballroom A", "Ballroom G", "Room 101", "Room 106", "Ballroom DE", "K.1.105 (La Fontaine)"} {
		sessions = append(sessions, &Session{Room: room})
	}
	rooms := NewRooms(sessions, nil)
	rooms.Add("Expo Hall")
	for _, c := range []struct{ typed, want string }{
		{"Ballrom G", "Ballroom G"},
		{"ballroom g ", "Ballroom G"},
		{"Balroom DE", "Ballroom DE"},
		{"Room 10l", "Room 101"},
		{"expo hal", "Expo Hall"},
		{"Kitchen", ""},
	} {
		if got := rooms.Nearest(c.typed); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
	for _, c := range []struct {
		typed, want string
		ok          bool
	}{
		{"expo hall", "Expo Hall", true}, // added
		{" ballroom g", "Ballroom G", true},
		{"K.1.105", "K.1.105 (La Fontaine)", true},    // the words it begins with
		{"K.1.105 (La Fon", "K.1.105 (La Fon", false}, // not a whole word
		{"Ballroom", "Ballroom", false},               // several rooms begin so
		{"Room 10", "Room 10", false},
	} {
		if got, ok := rooms.Canonical(c.typed); got != c.want || ok != c.ok {
			t.Errorf("Canonical(%q) = %q, %v; want %q, %v", c.typed, got, ok, c.want, c.ok)
		}
	}
}
