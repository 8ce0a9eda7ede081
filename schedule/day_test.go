package schedule

import (
	"encoding/json"
	"testing"
	"time"
)

func mustDay(t *testing.T, s string) Day {
	t.Helper()
	d, err := ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ParseDay reads what time.Parse(time.DateOnly, …) reads, and String
// writes it back the same.
func TestParseDay(t *testing.T) {
	for _, s := range []string{"2026-01-31", "2024-02-29", "0001-01-01", "1970-01-01", "9999-12-31", "2026-12-27"} {
		d, err := ParseDay(s)
		if err != nil || d.String() != s || d.IsZero() {
			t.Errorf("ParseDay(%q) = %v (%d), %v", s, d, d, err)
		}
	}
	for _, s := range []string{"", "2026-1-31", "2026-02-29", "2026-13-01", "2026-01-32", "31.01.2026", "2026-01-31T10:00:00Z", " 2026-01-31", "2026-01-31x"} {
		_, want := time.Parse(time.DateOnly, s)
		if d, err := ParseDay(s); err == nil || want == nil {
			t.Errorf("ParseDay(%q) = %v, %v; time.Parse says %v", s, d, err, want)
		}
	}
}

// DayOf is the date in t's own zone: 00:30 in Hamburg on 28 December is
// still the 27th in UTC.
func TestDayOf(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	night := time.Date(2024, 12, 28, 0, 30, 0, 0, berlin)
	if got := DayOf(night).String(); got != "2024-12-28" {
		t.Errorf("DayOf(%v) = %s", night, got)
	}
	if got := DayOf(night.UTC()).String(); got != "2024-12-27" {
		t.Errorf("DayOf(%v) = %s", night.UTC(), got)
	}
	if got := mustDay(t, "2024-12-28").Time(berlin); !got.Equal(time.Date(2024, 12, 28, 0, 0, 0, 0, berlin)) {
		t.Errorf("Time(berlin) = %v", got)
	}
	if !DayOf(time.Time{}).Time(time.UTC).Equal(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("DayOf(zero time) = %v", DayOf(time.Time{}))
	}
}

func TestDayArithmetic(t *testing.T) {
	d := mustDay(t, "2024-02-28")
	for _, c := range []struct {
		n    int
		want string
	}{{0, "2024-02-28"}, {1, "2024-02-29"}, {2, "2024-03-01"}, {-59, "2023-12-31"}, {366, "2025-02-28"}} {
		got := d.AddDays(c.n)
		if got.String() != c.want {
			t.Errorf("AddDays(%d) = %s, want %s", c.n, got, c.want)
		}
		if got.Sub(d) != c.n {
			t.Errorf("%s.Sub(%s) = %d, want %d", got, d, got.Sub(d), c.n)
		}
	}
	if got := NewDay(2026, 1, 32); got != mustDay(t, "2026-02-01") {
		t.Errorf("NewDay(2026, 1, 32) = %s", got)
	}
	if w := mustDay(t, "2026-01-31").Weekday(); w != time.Saturday {
		t.Errorf("Weekday = %v", w)
	}
	a, b := mustDay(t, "2025-12-31"), mustDay(t, "2026-01-01")
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 || a == b {
		t.Errorf("order of %s and %s", a, b)
	}
	if y, m, dd := a.Date(); y != 2025 || m != time.December || dd != 31 {
		t.Errorf("Date = %d %v %d", y, m, dd)
	}
	// Years before 1 (no conference's, but a time can be) keep their order.
	bc := DayOf(time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC))
	if y, m, dd := bc.Date(); y != -1 || m != 12 || dd != 31 || !bc.Before(NewDay(0, 1, 1)) || bc.AddDays(1) != NewDay(0, 1, 1) {
		t.Errorf("year -1: %d %v %d", y, m, dd)
	}
	if got := b.Format("Monday 2 January 2006"); got != "Thursday 1 January 2026" {
		t.Errorf("Format = %q", got)
	}
	var zero Day
	if !zero.IsZero() || zero.String() != "" || zero.Format("Mon") != "" || !zero.Time(time.UTC).IsZero() || !zero.AddDays(3).IsZero() || !zero.Before(a) {
		t.Errorf("zero Day: %q", zero.String())
	}
}

// A Day is text in JSON ("date":"2026-12-27"), left out when there is
// none: a program file reads and writes as it did with a string.
func TestDayJSON(t *testing.T) {
	line := `{"id":"1","title":"Night","kind":"talk","start":"2024-12-28T01:00:00+01:00","end":"2024-12-28T02:00:00+01:00","date":"2024-12-27"}`
	var s Session
	if err := json.Unmarshal([]byte(line), &s); err != nil {
		t.Fatal(err)
	}
	if s.Date.String() != "2024-12-27" || s.Day().String() != "2024-12-27" {
		t.Errorf("Date %s, Day %s", s.Date, s.Day())
	}
	out, err := json.Marshal(&s)
	if err != nil || string(out) != line {
		t.Errorf("marshal:\n got %s, %v\nwant %s", out, err, line)
	}
	s.Date = 0
	if out, _ := json.Marshal(&s); string(out) != `{"id":"1","title":"Night","kind":"talk","start":"2024-12-28T01:00:00+01:00","end":"2024-12-28T02:00:00+01:00"}` {
		t.Errorf("no date: %s", out)
	}
	if err := json.Unmarshal([]byte(`{"id":"1","date":"27.12.2024"}`), &s); err == nil {
		t.Error("a date that is no date reads")
	}
	var d Day
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() {
		t.Errorf("empty text: %v, %v", d, err)
	}
}

// aDay is the day s names, for tables of expected values.
func aDay(s string) Day {
	d, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}
