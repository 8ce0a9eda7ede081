package browse

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key of the browser, with the help line's words.
type keyMap struct {
	Up, Down, Left, Right, PageUp, PageDown, Top, Bottom key.Binding
	PrevDay, NextDay, Now                                key.Binding
	List, Grid, Tracks, OnNow                            key.Binding
	Search, Pick, Priority, Details, Note, Back          key.Binding
	Kind, Fits, Picked, FromNow, Track, Room, Clear      key.Binding
	Help, Quit                                           key.Binding
}

func newKeyMap() keyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Up:       b("↑/k", "up", "up", "k"),
		Down:     b("↓/j", "down", "down", "j"),
		Left:     b("←/h", "room left", "left", "h"),
		Right:    b("→/l", "room right", "right", "l"),
		PageUp:   b("pgup", "page up", "pgup", "ctrl+u"),
		PageDown: b("pgdn", "page down", "pgdown", "ctrl+d"),
		Top:      b("home/g", "first", "home", "g"),
		Bottom:   b("end/G", "last", "end", "G"),
		PrevDay:  b("[", "prev day", "["),
		NextDay:  b("]", "next day", "]"),
		Now:      b("n", "now", "n"),
		List:     b("1", "list", "1"),
		Grid:     b("2", "grid", "2"),
		Tracks:   b("3", "tracks", "3"),
		OnNow:    b("4", "now/next", "4"),
		Search:   b("/", "search", "/"),
		Pick:     b("space", "pick", " ", "space"),
		Priority: b("p", "priority", "p"),
		Details:  b("enter", "details", "enter"),
		Note:     b("e", "note", "e"),
		Back:     b("esc", "back", "esc"),
		Kind:     b("K", "kind", "K"),
		Fits:     b("F", "fits plan", "F"),
		Picked:   b("P", "picked", "P"),
		FromNow:  b("A", "from now", "A"),
		Track:    b("T", "this track", "T"),
		Room:     b("R", "this room", "R"),
		Clear:    b("x", "clear filters", "x"),
		Help:     b("?", "more keys", "?"),
		Quit:     b("q", "quit", "q", "ctrl+c"),
	}
}

// ShortHelp is the help line: the keys a first-time user needs.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Search, k.Pick, k.Priority, k.Details, k.PrevDay, k.NextDay, k.Now, k.List, k.Grid, k.Tracks, k.OnNow, k.Help, k.Quit}
}

// FullHelp is every key, in columns, behind ?.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.PrevDay, k.NextDay, k.Now, k.List, k.Grid, k.Tracks, k.OnNow},
		{k.Search, k.Pick, k.Priority, k.Details, k.Note, k.Back},
		{k.Kind, k.Fits, k.Picked, k.FromNow, k.Track, k.Room, k.Clear, k.Quit},
	}
}
