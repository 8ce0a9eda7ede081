package schedule_test

import (
	"slices"
	"testing"

	"github.com/plan-cli/plan/schedule"
)

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"rust", "rust", 0},
		{"rsut", "rust", 1}, // a swap is one edit
		{"kitten", "sitting", 3},
		{"", "go", 2},
		{"münchen", "munchen", 1}, // letters, not bytes
		{"ca", "abc", 3},          // a swapped pair is not edited again
	} {
		if got := schedule.EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := schedule.EditDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

// "Did you mean": an id with two digits swapped, or one digit off, finds
// the session; an id of another kind finds nothing.
func TestSimilarIDs(t *testing.T) {
	prog := schedule.NewProgram([]*schedule.Session{
		{ID: "6571", Title: "A New Dawn"}, {ID: "7580", Title: "Keynote"}, {ID: "8001", Title: "Closing"},
	})
	for id, want := range map[string][]string{
		"6517": {"6571"},
		"7581": {"7580"},
		"dawn": {"6571"}, // in a title
		"9999": nil,
	} {
		if got := prog.Similar(id, 3); !slices.Equal(got, want) {
			t.Errorf("Similar(%q) = %q, want %q", id, got, want)
		}
	}
}
