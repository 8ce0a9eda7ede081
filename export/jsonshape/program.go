package jsonshape

// NameCount is a track or a room of the program and how many sessions it
// has (plan tracks, plan rooms).
type NameCount struct {
	Name     string `json:"name"`
	Sessions int    `json:"sessions"`
}
