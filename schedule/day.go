package schedule

import (
	"fmt"
	"time"
)

// Day is a calendar date with no time and no zone, such as a conference
// day: the day a program files a session under, a --day, a day of the
// recap. The zero Day is no day (that of an unscheduled session). Days
// compare with == and order with Before, After and Compare; a Day is
// written, in files, JSON and for scripts, as "2026-01-31" (String,
// MarshalText), and read so by ParseDay and UnmarshalText.
//
// It holds year*10000 + month*100 + day, so the zero value, which no
// date has, is no day, and the numeric order is the calendar's.
type Day int32

// ParseDay reads a date written "2026-01-31", exactly as time.Parse with
// time.DateOnly reads one.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date: want YYYY-MM-DD", s)
	}
	return DayOf(t), nil
}

// NewDay is the day of the date given, normalized as time.Date does
// (2026-01-32 is 1 February).
func NewDay(year int, month time.Month, day int) Day {
	return DayOf(time.Date(year, month, day, 12, 0, 0, 0, time.UTC))
}

// DayOf is the calendar date of t in t's own zone.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day(y*10000 + int(m)*100 + d)
}

// Date is the year, month and day of d (all zero for no day).
func (d Day) Date() (year int, month time.Month, day int) {
	n := int(d)
	year = n / 10000
	if n < 0 && n%10000 != 0 {
		year-- // years before 1 (never a conference's) round down
	}
	r := n - year*10000
	return year, time.Month(r / 100), r % 100
}

// Time is midnight of d in loc (or the first moment of d, where the
// clocks jump forward at midnight); the zero time for no day.
func (d Day) Time(loc *time.Location) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// String is "2026-01-31", "" for no day.
func (d Day) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time(time.UTC).Format(time.DateOnly)
}

// Format writes d for a person with a time layout such as "Mon 2 Jan"
// (only its date elements mean anything); "" for no day.
func (d Day) Format(layout string) string {
	if d.IsZero() {
		return ""
	}
	return d.Time(time.UTC).Format(layout)
}

// Weekday is the day of the week of d.
func (d Day) Weekday() time.Weekday { return d.Time(time.UTC).Weekday() }

// AddDays is the day n days after d (before it when n is negative); no
// day stays no day.
func (d Day) AddDays(n int) Day {
	if d.IsZero() || n == 0 {
		return d
	}
	return DayOf(d.Time(time.UTC).AddDate(0, 0, n))
}

// Sub is the number of days from e to d: 1 when d is the day after e.
func (d Day) Sub(e Day) int {
	return int((d.Time(time.UTC).Unix() - e.Time(time.UTC).Unix()) / (24 * 60 * 60))
}

// IsZero reports whether d is no day.
func (d Day) IsZero() bool { return d == 0 }

// Before reports whether d comes before e.
func (d Day) Before(e Day) bool { return d < e }

// After reports whether d comes after e.
func (d Day) After(e Day) bool { return d > e }

// Compare is -1 when d comes before e, +1 when after, 0 when they are
// the same day.
func (d Day) Compare(e Day) int {
	switch {
	case d < e:
		return -1
	case d > e:
		return 1
	}
	return 0
}

// MarshalText writes d as "2026-01-31" ("" for no day).
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "2026-01-31"; "" is no day.
func (d *Day) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDay(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
