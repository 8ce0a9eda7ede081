package charts

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

func day(t *testing.T) (*schedule.Plan, schedule.Stats) {
	t.Helper()
	p := &schedule.Plan{Conference: schedule.Conference{Name: "FOSDEM 2026"}}
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 1, 31, h, m, 0, 0, p.Location()) }
	p.Picks = []*schedule.Pick{
		{Session: schedule.Session{ID: "a", Title: "Rust <in> the & kernel", Kind: schedule.KindTalk, Room: "K.1.105", Start: at(10, 0), End: at(10, 50)}, Status: schedule.Attended},
		{Session: schedule.Session{ID: "b", Title: "Hallway", Kind: "hackathon", Start: at(11, 0), End: at(12, 0)}, Status: schedule.Attended, Unplanned: true},
		{Session: schedule.Session{ID: "c", Title: "Skipped one", Kind: schedule.KindBoF, Room: "k.1.105", Start: at(13, 0), End: at(13, 30)}, Status: schedule.Skipped},
		{Session: schedule.Session{ID: "d", Title: "Planned one", Kind: schedule.KindPanel, Room: "Janson", Start: at(14, 0), End: at(14, 0)}},
		{Session: schedule.Session{ID: "e", Title: "No time", Kind: schedule.KindBooth}},
	}
	return p, schedule.ComputeStats(p, at(9, 0))
}

func wellFormed(t *testing.T, name, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		if _, err := d.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, doc)
		}
	}
}

func TestDayTimeline(t *testing.T) {
	p, st := day(t)
	svg := Day(p, st, schedule.NewDay(2026, 1, 31), Options{})
	wellFormed(t, "day", svg)
	for _, want := range []string{
		`aria-label="Saturday 31 January 2026, room by room"`,
		// Rooms are lanes, compared without case; no room has a lane too.
		">K.1.105</text>", ">(no room)</text>", ">Janson</text>",
		"<title>10:00–10:50 Rust &lt;in&gt; the &amp; kernel — K.1.105, Talk, attended</title>",
		"<title>11:00–12:00 Hallway — Other, attended (unplanned)</title>",
		`class="ch-mark"`,                // the unplanned mark
		`fill="url(#hatch-2026-01-31)"`,  // the skipped pick
		`class="ch-plan"`,                // the planned one, drawn 15 minutes long
		">10:00</text>", ">14:00</text>", // hours along the top
		">planned</text>", ">skipped</text>", // the legend in the words of the phase
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the day's timeline lacks %s:\n%s", want, svg)
		}
	}
	if strings.Count(svg, "<g><title>") != 4 {
		t.Errorf("want 4 blocks (the unscheduled pick has none):\n%s", svg)
	}
	if strings.Contains(svg, "<style>") || strings.Contains(svg, "<?xml") {
		t.Error("an inline chart carries its own style sheet or prolog")
	}
	file := Day(p, st, schedule.NewDay(2026, 1, 31), Options{Standalone: true})
	wellFormed(t, "day file", file)
	if !strings.HasPrefix(file, `<?xml version="1.0" encoding="UTF-8"?>`) || !strings.Contains(file, "<style>") || !strings.Contains(file, `width="440"`) {
		t.Errorf("a chart file lacks its prolog, style or size:\n%.300s", file)
	}
	if got := Day(p, st, schedule.NewDay(2026, 2, 1), Options{}); !strings.Contains(got, "Nothing on this day.") {
		t.Errorf("an empty day: %s", got)
	}
}

func TestAllAndBars(t *testing.T) {
	p, st := day(t)
	var names []string
	for _, c := range All(p, st, Options{Standalone: true}) {
		names = append(names, c.Name)
		wellFormed(t, c.Name, c.SVG)
	}
	if strings.Join(names, " ") != "sessions-per-day.svg hours-per-day.svg day-2026-01-31.svg" {
		t.Errorf("charts = %v", names)
	}
	bars := SessionsPerDay(st, Options{})
	// Before the conference the plan counts: a talk, an "other" and a
	// panel (the skipped BoF is out), stacked in the recap's order.
	talk, panel, other := strings.Index(bars, KindColor(schedule.KindTalk)), strings.Index(bars, KindColor(schedule.KindPanel)), strings.Index(bars, KindColor(schedule.KindOther))
	if talk < 0 || panel < talk || other < panel || strings.Contains(bars, KindColor(schedule.KindBoF)) {
		t.Errorf("stack order talk %d < panel %d < other %d, no BoF:\n%s", talk, panel, other, bars)
	}
	if hours := HoursPerDay(st, Options{}); !strings.Contains(hours, ">1 h 50 min</text>") {
		t.Errorf("hours per day:\n%s", hours)
	}
	if got := All(&schedule.Plan{}, schedule.ComputeStats(&schedule.Plan{}, time.Time{}), Options{}); len(got) != 0 {
		t.Errorf("an empty plan has %d charts", len(got))
	}
}

func TestHelpers(t *testing.T) {
	for _, tt := range []struct {
		in   string
		w    float64
		want string
	}{{"Short", 100, "Short"}, {"A rather long title indeed", 60, "A rather…"}, {"Tiny", 10, ""}, {"  two\n lines ", 100, "two lines"}} {
		if got := fit(tt.in, tt.w, 10); got != tt.want {
			t.Errorf("fit(%q, %v) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {-0.001, "0"}, {1.006, "1.01"}, {12.5, "12.5"}, {100, "100"}} {
		if got := num(tt.v); got != tt.want {
			t.Errorf("num(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	for _, tt := range []struct{ max, want float64 }{{1, 1}, {4, 1}, {6, 2}, {12, 5}, {40, 10}, {0, 1}} {
		if got := niceStep(tt.max); got != tt.want {
			t.Errorf("niceStep(%v) = %v, want %v", tt.max, got, tt.want)
		}
	}
	if got := esc("a<b>&\"'\x00\x07c"); got != "a&lt;b&gt;&amp;&#34;&#39;c" {
		t.Errorf("esc = %q", got)
	}
}

// A dropped pick is drawn like a skipped one, says "dropped" in its
// tooltip, and the legend names both.
func TestDayTimelineDropped(t *testing.T) {
	p, st := day(t)
	p.Picks[2].Status = schedule.Dropped
	svg := Day(p, st, schedule.NewDay(2026, 1, 31), Options{})
	wellFormed(t, "day", svg)
	for _, want := range []string{
		"<title>13:00–13:30 Skipped one — k.1.105, Birds of a Feather (BoF), dropped</title>",
		`fill="url(#hatch-2026-01-31)"`,
		`class="ch-text ch-muted"`,
		">skipped or dropped</text>",
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the day's timeline lacks %s:\n%s", want, svg)
		}
	}
}
