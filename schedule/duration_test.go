package schedule

import (
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{{0, "0 min"}, {45 * time.Minute, "45 min"}, {20*time.Minute + 29*time.Second, "20 min"}, {3 * time.Hour, "3 h"},
		{17*time.Hour + 30*time.Minute, "17 h 30 min"}, {16*time.Hour + 40*time.Minute, "16 h 40 min"}, {-90 * time.Minute, "1 h 30 min"}} {
		if got := FormatDuration(tt.d); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
