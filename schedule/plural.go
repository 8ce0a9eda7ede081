package schedule

import "strconv"

// Plural writes a count with its noun as people read it: "1 track",
// "3 tracks", "0 clashes". many is the plural form ("" adds an s).
func Plural(n int, one, many string) string {
	if many == "" {
		many = one + "s"
	}
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
