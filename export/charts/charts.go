// Package charts draws the recap's charts as SVG: sessions per day stacked
// by kind, hours in sessions per day, and each day as a timeline with the
// rooms as lanes. The same functions feed the HTML page (inline SVG) and
// 'plan export --md --charts DIR' (SVG files), so both show the same
// pictures.
//
// The functions are pure: the output depends only on the plan, its
// numbers and the options, byte for byte (no clock, no map order). Every
// piece of text from the plan is escaped, so a title cannot add markup.
package charts

import (
	"fmt"
	"html"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
)

// Options change how a chart is written, not what it shows.
type Options struct {
	// Standalone writes a file of its own: the XML prolog, width and
	// height, a title inside the picture and the style sheet (light and
	// dark). Without it the SVG is for a page that carries CSS itself.
	Standalone bool
}

// Chart is one picture with the file name it takes beside a Markdown
// recap and the words that describe it (its alt text).
type Chart struct {
	Name  string       // "sessions-per-day.svg", "day-2025-03-06.svg"
	Title string       // "Sessions per day, by kind"
	Day   schedule.Day // the day of a day's timeline, else no day
	SVG   string
}

// All is every chart of the recap in the page's order: sessions per day,
// hours per day, then one timeline per day with picks. Charts with
// nothing to show are left out.
func All(p *schedule.Plan, st schedule.Stats, o Options) []Chart {
	var out []Chart
	if len(st.PerDay) > 0 {
		out = append(out,
			Chart{Name: "sessions-per-day.svg", Title: SessionsTitle, SVG: SessionsPerDay(st, o)},
			Chart{Name: "hours-per-day.svg", Title: HoursTitle, SVG: HoursPerDay(st, o)})
	}
	for _, d := range Days(p) {
		out = append(out, Chart{Name: "day-" + d.String() + ".svg", Title: DayTitle(d), Day: d, SVG: Day(p, st, d, o)})
	}
	return out
}

// The charts' titles.
const (
	SessionsTitle = "Sessions per day, by kind"
	HoursTitle    = "Hours in sessions per day"
)

// DayTitle is "Thursday 6 March 2025, room by room".
func DayTitle(day schedule.Day) string { return longDay(day) + ", room by room" }

// CSS styles the charts' classes, light and dark; a page that shows the
// charts inline includes it once.
const CSS = `.ch-bg{fill:none}
.ch-text{fill:#1f2328}
.ch-muted{fill:#59636e}
.ch-grid{stroke:#d1d9e0;stroke-width:1}
.ch-axis{stroke:#59636e;stroke-width:1}
.ch-lane{fill:#f6f8fa}
.ch-hours{fill:#3b7dd8}
.ch-plan{fill-opacity:.3;stroke-dasharray:4 2;stroke-width:1.5}
.ch-skip{stroke:#59636e;stroke-dasharray:3 2;stroke-width:1}
.ch-hatch{stroke:#8c959f;stroke-width:1.5}
.ch-mark{fill:#1f2328;stroke:#fff;stroke-width:1}
.ch-on{fill:#111}
@media screen and (prefers-color-scheme:dark){
.ch-text{fill:#e6edf3}
.ch-muted{fill:#9198a1}
.ch-grid{stroke:#3d444d}
.ch-axis{stroke:#9198a1}
.ch-lane{fill:#151b23}
.ch-hours{fill:#5a9cf0}
.ch-skip{stroke:#9198a1}
.ch-hatch{stroke:#656c76}
.ch-mark{fill:#f0f6fc;stroke:#0d1117}
}`

// KindColor is the colour of a kind in every chart and on the page.
func KindColor(k schedule.Kind) string {
	if c, ok := kindColors[k]; ok {
		return c
	}
	return kindColors[schedule.KindOther]
}

// Light enough for dark text on top, dark enough to stand out on white.
var kindColors = map[schedule.Kind]string{
	schedule.KindWorkshop:    "#f0a05a",
	schedule.KindTalk:        "#6aa5ec",
	schedule.KindBoF:         "#b48ee6",
	schedule.KindBooth:       "#4cc3b2",
	schedule.KindCareer:      "#e8c547",
	schedule.KindKeynote:     "#ec7a86",
	schedule.KindPanel:       "#9cc96b",
	schedule.KindLightning:   "#f5d76e",
	schedule.KindPerformance: "#d4a373",
	schedule.KindSocial:      "#e79ad0",
	schedule.KindOther:       "#b8bec6",
}

// fonts are the ones every system has some of; nothing is downloaded.
const fonts = "DejaVu Sans, Verdana, Arial, sans-serif"

const (
	width    = 440.0 // every chart's viewBox width
	fontSize = 13.0
	label    = 12.0
	small    = 11.0
	charW    = 0.62 // DejaVu Sans' average advance, in ems
)

// svg builds one picture.
type svg struct {
	b     strings.Builder
	o     Options
	title string
}

func newSVG(o Options, title string) *svg { return &svg{o: o, title: title} }

func (s *svg) finish(height float64) string {
	var out strings.Builder
	h := num(height)
	if s.o.Standalone {
		out.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s" font-family="%s">`, num(width), h, num(width), h, esc(s.title), fonts)
		out.WriteString("\n<title>" + esc(s.title) + "</title>\n<style>" + CSS + "</style>\n")
		fmt.Fprintf(&out, `<rect class="ch-bg" width="%s" height="%s"/>`+"\n", num(width), h)
	} else {
		fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %s %s" role="img" aria-label="%s" font-family="%s">`, num(width), h, esc(s.title), fonts)
		out.WriteString("\n<title>" + esc(s.title) + "</title>\n")
	}
	out.WriteString(s.b.String())
	out.WriteString("</svg>\n")
	return out.String()
}

// top is where the plot starts: below the picture's own title when it
// has one.
func (s *svg) top() float64 {
	if s.o.Standalone {
		fmt.Fprintf(&s.b, `<text class="ch-text" x="0" y="16" font-size="14" font-weight="bold">%s</text>`+"\n", esc(fit(s.title, width, 14)))
		return 30
	}
	return 6
}

func (s *svg) text(x, y, size float64, anchor, class, t string) {
	a := ""
	if anchor != "" {
		a = ` text-anchor="` + anchor + `"`
	}
	fmt.Fprintf(&s.b, `<text class="%s" x="%s" y="%s" font-size="%s"%s>%s</text>`+"\n", class, num(x), num(y), num(size), a, esc(t))
}

func (s *svg) rect(x, y, w, h float64, attrs string) {
	fmt.Fprintf(&s.b, `<rect x="%s" y="%s" width="%s" height="%s"%s/>`+"\n", num(x), num(y), num(w), num(h), attrs)
}

func (s *svg) line(x1, y1, x2, y2 float64, class string) {
	fmt.Fprintf(&s.b, `<line class="%s" x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", class, num(x1), num(y1), num(x2), num(y2))
}

// legend writes swatches with labels in rows from y, wrapping at the
// chart's width, and returns the y below them.
func (s *svg) legend(y float64, items []legendItem) float64 {
	x := 0.0
	for _, it := range items {
		w := 16 + textWidth(it.label, small) + 14
		if x > 0 && x+w > width {
			x, y = 0, y+18
		}
		it.swatch(s, x, y)
		s.text(x+16, y+9, small, "", "ch-text", it.label)
		x += w
	}
	return y + 18
}

type legendItem struct {
	label  string
	swatch func(s *svg, x, y float64)
}

func fillSwatch(color string) func(s *svg, x, y float64) {
	return func(s *svg, x, y float64) { s.rect(x, y, 11, 11, ` fill="`+color+`"`) }
}

// plot is the area of a bar chart: days along x, values up y.
type plot struct {
	left, top, w, h float64
	max             float64
	step            float64
	n               int
}

func newPlot(top float64, n int, max float64) plot {
	step := niceStep(max)
	top += 8
	return plot{left: 34, top: top, w: width - 34 - 4, h: 150, max: math.Max(step, math.Ceil(max/step)*step), step: step, n: n}
}

func (p plot) y(v float64) float64 { return p.top + p.h - v/p.max*p.h }

// slot is the centre and width of day i's bar.
func (p plot) slot(i int) (x, w float64) {
	cell := p.w / float64(p.n)
	w = math.Min(56, cell*0.62)
	return p.left + cell*(float64(i)+0.5), w
}

func (p plot) grid(s *svg, label func(v float64) string) {
	for v := 0.0; v <= p.max+1e-9; v += p.step {
		y := p.y(v)
		s.line(p.left, y, p.left+p.w, y, "ch-grid")
		s.text(p.left-5, y+4, small, "end", "ch-text ch-muted", label(v))
	}
	s.line(p.left, p.top+p.h, p.left+p.w, p.top+p.h, "ch-axis")
}

func (p plot) dayLabels(s *svg, days []schedule.Day) float64 {
	y := p.top + p.h + 15
	for i, d := range days {
		x, _ := p.slot(i)
		cell := p.w / float64(p.n)
		s.text(x, y, small, "middle", "ch-text", fit(shortDay(d), cell-2, small))
	}
	return y + 12
}

// SessionsPerDay is one bar per day, stacked by kind in the recap's
// order, with the day's total above it and a legend of the kinds shown.
func SessionsPerDay(st schedule.Stats, o Options) string {
	s := newSVG(o, SessionsTitle)
	top := s.top()
	most := 0
	used := map[schedule.Kind]bool{}
	var days []schedule.Day
	for _, d := range st.PerDay {
		most = max(most, d.Sessions)
		days = append(days, d.Day)
		for k, n := range d.Counts {
			if n > 0 {
				used[norm(k)] = true
			}
		}
	}
	p := newPlot(top, max(1, len(st.PerDay)), float64(max(most, 1)))
	p.grid(s, func(v float64) string { return strconv.Itoa(int(v)) })
	for i, d := range st.PerDay {
		x, w := p.slot(i)
		base := 0
		for _, k := range schedule.Kinds {
			n := d.Counts[k]
			if k == schedule.KindOther {
				n = 0
				for kk, c := range d.Counts {
					if norm(kk) == schedule.KindOther {
						n += c
					}
				}
			}
			if n == 0 {
				continue
			}
			y0, y1 := p.y(float64(base+n)), p.y(float64(base))
			fmt.Fprintf(&s.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s</title></rect>`+"\n",
				num(x-w/2), num(y0), num(w), num(y1-y0), KindColor(k), esc(longDay(d.Day)+": "+schedule.Plural(n, k.Label(1), k.Label(2))))
			if y1-y0 >= small+2 {
				s.text(x, (y0+y1)/2+small*0.36, small, "middle", "ch-on", strconv.Itoa(n))
			}
			base += n
		}
		s.text(x, p.y(float64(base))-4, fontSize, "middle", "ch-text", strconv.Itoa(d.Sessions))
	}
	y := p.dayLabels(s, days)
	var items []legendItem
	for _, k := range schedule.Kinds {
		if used[k] {
			items = append(items, legendItem{k.Label(2), fillSwatch(KindColor(k))})
		}
	}
	y = s.legend(y+4, items)
	return s.finish(y)
}

// HoursPerDay is one bar per day: the time in sessions, overlaps counted
// once, labelled "4 h 45 min".
func HoursPerDay(st schedule.Stats, o Options) string {
	s := newSVG(o, HoursTitle)
	top := s.top()
	most := 0.0
	var days []schedule.Day
	for _, d := range st.PerDay {
		most = math.Max(most, d.Hours)
		days = append(days, d.Day)
	}
	p := newPlot(top, max(1, len(st.PerDay)), math.Max(most, 1))
	p.grid(s, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + " h" })
	for i, d := range st.PerDay {
		x, w := p.slot(i)
		y0 := p.y(d.Hours)
		label := schedule.FormatDuration(time.Duration(math.Round(d.Hours*60)) * time.Minute)
		fmt.Fprintf(&s.b, `<rect class="ch-hours" x="%s" y="%s" width="%s" height="%s"><title>%s</title></rect>`+"\n",
			num(x-w/2), num(y0), num(w), num(p.top+p.h-y0), esc(longDay(d.Day)+": "+label))
		cell := p.w / float64(p.n)
		s.text(x, y0-4, small, "middle", "ch-text", fit(label, cell, small))
	}
	y := p.dayLabels(s, days)
	return s.finish(y + 2)
}

// Days are the days of the plan's scheduled picks, skipped ones too, in
// the conference zone, in order: one timeline each.
func Days(p *schedule.Plan) []schedule.Day {
	if p == nil {
		return nil
	}
	seen := map[schedule.Day]bool{}
	var out []schedule.Day
	loc := p.Location()
	for _, pk := range p.Picks {
		if pk == nil || !pk.Scheduled() {
			continue
		}
		in := pk.Session.In(loc)
		if d := in.Day(); !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// Status is how a chart and the page mark a pick.
type Status string

const (
	StatusAttended  Status = "attended"
	StatusUnplanned Status = "attended (unplanned)"
	StatusPlanned   Status = "planned"
	// StatusUnconfirmed is a pick still only planned after the conference.
	StatusUnconfirmed Status = "planned, not marked attended"
	StatusSkipped     Status = "skipped"
	// StatusDropped is a pick optimize --apply left out; it is drawn as
	// a skipped one.
	StatusDropped   Status = "dropped"
	StatusCancelled Status = "cancelled"
	StatusGone      Status = "gone from the program"
)

// StatusOf is what became of a pick, in the words of the phase.
func StatusOf(pk *schedule.Pick, phase schedule.Phase) Status {
	switch {
	case pk.Status == schedule.Attended && pk.Unplanned:
		return StatusUnplanned
	case pk.Status == schedule.Attended:
		return StatusAttended
	case pk.Status == schedule.Skipped:
		return StatusSkipped
	case pk.Status == schedule.Dropped:
		return StatusDropped
	case pk.Cancelled:
		return StatusCancelled
	case pk.Gone:
		return StatusGone
	case phase == schedule.PhaseAfter:
		return StatusUnconfirmed
	}
	return StatusPlanned
}

// DayPicks are the plan's scheduled picks on day (skipped ones too), in
// time order, with their times in the conference zone.
func DayPicks(p *schedule.Plan, day schedule.Day) []*schedule.Pick {
	loc := p.Location()
	var out []*schedule.Pick
	for _, pk := range p.Picks {
		if pk == nil || !pk.Scheduled() {
			continue
		}
		c := *pk
		c.Session = pk.Session.In(loc)
		if c.Day() == day {
			out = append(out, &c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return schedule.Less(&out[i].Session, &out[j].Session) })
	return out
}

// NoRoom is the lane of picks without a room.
const NoRoom = "(no room)"

// Day draws one day as a timeline: a lane per room (in the order the
// day first uses them), hours along the top, one block per pick
// coloured by kind. Attended picks are solid, planned ones pale with a
// dashed edge, skipped, dropped and cancelled ones hatched grey; a
// diamond marks a session attended without having been planned. Each
// block holds as much of its title as fits and the whole line as its
// tooltip.
func Day(p *schedule.Plan, st schedule.Stats, day schedule.Day, o Options) string {
	s := newSVG(o, DayTitle(day))
	top := s.top()
	picks := DayPicks(p, day)
	if len(picks) == 0 {
		s.text(0, top+14, fontSize, "", "ch-text ch-muted", "Nothing on this day.")
		return s.finish(top + 24)
	}
	axisY := top + 14
	tl := newTimeline(picks, axisY+6)
	tl.drawAxis(s, axisY)
	tl.drawLanes(s)
	hatch := "hatch-" + day.String()
	fmt.Fprintf(&s.b, `<defs><pattern id="%s" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="ch-hatch" x1="0" y1="0" x2="0" y2="5"/></pattern></defs>`+"\n", esc(hatch))
	labelEnd := map[int]float64{} // where each lane's last title ends
	for i := range picks {
		tl.drawPick(s, i, st.Phase, hatch, labelEnd)
	}
	return s.finish(s.legend(tl.bottom()+6, dayLegend(picks, st.Phase, hatch)))
}

// The day timeline's measures: the room labels' width, a lane's height
// and the gap below it, a block's height.
const dayLabelW, dayLaneH, dayGap, dayBarH = 92.0, 33.0, 3.0, 11.0

// timeline is where Day puts things: a lane per room, whole hours along
// x from the first pick's start to the last one's end.
type timeline struct {
	picks   []*schedule.Pick
	lanes   []string       // room names, in the order the day first uses them
	lane    map[string]int // lower-cased room name -> lane
	from    time.Time      // the first hour shown
	span    float64        // hours shown
	left    float64        // where the hours start
	plotW   float64        // their width
	perHour float64
	laneTop float64 // the first lane's top
}

func newTimeline(picks []*schedule.Pick, laneTop float64) *timeline {
	tl := &timeline{picks: picks, lane: map[string]int{}, laneTop: laneTop}
	for _, pk := range picks {
		r := laneName(pk)
		key := strings.ToLower(r)
		if _, ok := tl.lane[key]; !ok {
			tl.lane[key] = len(tl.lanes)
			tl.lanes = append(tl.lanes, r)
		}
	}
	from, to := picks[0].Start, picks[0].End
	for _, pk := range picks {
		if end := blockEnd(pk); end.After(to) {
			to = end
		}
	}
	from = from.Truncate(time.Hour) // zones with whole-hour offsets; the labels say the wall clock
	if off := from.Minute(); off != 0 {
		from = from.Add(-time.Duration(off) * time.Minute)
	}
	if r := to.Sub(from) % time.Hour; r != 0 {
		to = to.Add(time.Hour - r)
	}
	tl.from, tl.span = from, to.Sub(from).Hours()
	tl.left = dayLabelW + 6
	tl.plotW = width - tl.left - 4
	tl.perHour = tl.plotW / tl.span
	return tl
}

// laneName is the lane a pick goes in: its room, or NoRoom.
func laneName(pk *schedule.Pick) string {
	if r := strings.Join(strings.Fields(pk.Room), " "); r != "" {
		return r
	}
	return NoRoom
}

// blockEnd is where a pick's block ends: a session without length is
// drawn a quarter of an hour long.
func blockEnd(pk *schedule.Pick) time.Time {
	if !pk.End.After(pk.Start) {
		return pk.Start.Add(15 * time.Minute)
	}
	return pk.End
}

func (tl *timeline) x(t time.Time) float64 { return tl.left + t.Sub(tl.from).Hours()*tl.perHour }

func (tl *timeline) laneOf(pk *schedule.Pick) int { return tl.lane[strings.ToLower(laneName(pk))] }

func (tl *timeline) laneY(i int) float64 { return tl.laneTop + float64(i)*(dayLaneH+dayGap) }

func (tl *timeline) bottom() float64 { return tl.laneY(len(tl.lanes)) }

// drawAxis labels the hours (as many as fit) at axisY and draws a grid
// line at each.
func (tl *timeline) drawAxis(s *svg, axisY float64) {
	every := 1
	for tl.perHour*float64(every) < textWidth("00:00", small)+8 {
		every++
	}
	for h := 0; float64(h) <= tl.span; h++ {
		t := tl.from.Add(time.Duration(h) * time.Hour)
		if h%every == 0 && tl.x(t)+textWidth("00:00", small)/2 <= width {
			s.text(tl.x(t), axisY, small, "middle", "ch-text ch-muted", t.Format("15:04"))
		}
		s.line(tl.x(t), tl.laneTop-2, tl.x(t), tl.bottom(), "ch-grid")
	}
}

// drawLanes draws each room's lane with its name.
func (tl *timeline) drawLanes(s *svg) {
	for i, r := range tl.lanes {
		y := tl.laneY(i)
		s.rect(tl.left, y, tl.plotW, dayLaneH, ` class="ch-lane"`)
		s.text(dayLabelW, y+dayLaneH/2+4, label, "end", "ch-text", fit(r, dayLabelW, label))
	}
}

// room is the free space around pick i's block (from bx, bw wide) in
// its lane: next is where the next block starts, prev where the one
// before ends.
func (tl *timeline) room(i int, bx, bw float64) (next, prev float64) {
	pk, ln := tl.picks[i], tl.laneOf(tl.picks[i])
	next, prev = tl.left+tl.plotW, tl.left
	for j, o := range tl.picks {
		if j == i || tl.laneOf(o) != ln {
			continue
		}
		if ox := tl.x(o.Start); ox >= bx+1 && ox < next {
			next = ox
		}
		if oe := tl.x(blockEnd(o)); oe <= bx+bw && o.Start.Before(pk.Start) && oe > prev {
			prev = oe
		}
	}
	return next, prev
}

// drawPick draws pick i: its block, marked by status, and its title.
// Each title goes above its bar, from the bar's start to the next bar in
// the lane, or, when the space before the bar is larger, leftwards from
// the bar's end to the one before; labelEnd keeps titles in a lane from
// running into each other.
func (tl *timeline) drawPick(s *svg, i int, phase schedule.Phase, hatch string, labelEnd map[int]float64) {
	pk := tl.picks[i]
	ln := tl.laneOf(pk)
	y := tl.laneY(ln)
	bx, bw := tl.x(pk.Start)+0.5, math.Max(tl.x(blockEnd(pk))-tl.x(pk.Start)-1, 3)
	next, prev := tl.room(i, bx, bw)
	status := StatusOf(pk, phase)
	fmt.Fprintf(&s.b, `<g><title>%s</title>`+"\n", esc(Describe(pk, phase)))
	drawBlock(s, status, KindColor(norm(pk.Kind)), hatch, bx, y+dayLaneH-dayBarH-3, bw)
	class := "ch-text"
	if status == StatusSkipped || status == StatusDropped || status == StatusCancelled || status == StatusGone {
		class = "ch-text ch-muted"
	}
	if e, ok := labelEnd[ln]; ok && e+6 > prev {
		prev = e + 6 // titles do not run into each other
	}
	right, leftward := next-bx-4, bx+bw-prev
	if t := fit(pk.Title, right, small); t != "" && (t == strings.Join(strings.Fields(pk.Title), " ") || right >= leftward) {
		s.text(bx, y+12, small, "", class, t)
		labelEnd[ln] = bx + textWidth(t, small)
	} else if t := fit(pk.Title, leftward, small); t != "" {
		s.text(bx+bw, y+12, small, "end", class, t)
		labelEnd[ln] = bx + bw
	}
	s.b.WriteString("</g>\n")
}

// drawBlock draws a pick's block at bx, by, bw wide: solid when
// attended, pale and dashed when planned, hatched otherwise; a diamond
// on top for a session attended without having been planned.
func drawBlock(s *svg, status Status, color, hatch string, bx, by, bw float64) {
	switch status {
	case StatusAttended, StatusUnplanned:
		s.rect(bx, by, bw, dayBarH, ` rx="2" fill="`+color+`"`)
	case StatusPlanned, StatusUnconfirmed:
		s.rect(bx+0.75, by+0.75, math.Max(bw-1.5, 1.5), dayBarH-1.5, ` rx="2" class="ch-plan" fill="`+color+`" stroke="`+color+`"`)
	default:
		s.rect(bx+0.5, by+0.5, math.Max(bw-1, 2), dayBarH-1, ` rx="2" class="ch-skip" fill="url(#`+esc(hatch)+`)"`)
	}
	if status == StatusUnplanned {
		fmt.Fprintf(&s.b, `<path class="ch-mark" d="M%s %sl4.5 4.5-4.5 4.5-4.5-4.5z"/>`+"\n", num(bx+bw/2), num(by+1))
	}
}

// dayLegend names the kinds the day's picks have, then the marks.
func dayLegend(picks []*schedule.Pick, phase schedule.Phase, hatch string) []legendItem {
	planned := "planned"
	if phase == schedule.PhaseAfter {
		planned = string(StatusUnconfirmed)
	}
	var items []legendItem
	kinds := map[schedule.Kind]bool{}
	skipped := "skipped"
	for _, pk := range picks {
		kinds[norm(pk.Kind)] = true
		if pk.Status == schedule.Dropped {
			skipped = "skipped or dropped"
		}
	}
	for _, k := range schedule.Kinds {
		if kinds[k] {
			items = append(items, legendItem{k.Label(2), fillSwatch(KindColor(k))})
		}
	}
	return append(items, []legendItem{
		{"attended", func(s *svg, x, y float64) { s.rect(x, y+1.5, 12, 8, ` rx="2" fill="#8c959f"`) }},
		{planned, func(s *svg, x, y float64) {
			s.rect(x+0.75, y+2.25, 10.5, 6.5, ` rx="2" class="ch-plan" fill="#8c959f" stroke="#8c959f"`)
		}},
		{skipped, func(s *svg, x, y float64) {
			s.rect(x+0.5, y+2, 11, 7, ` rx="2" class="ch-skip" fill="url(#`+esc(hatch)+`)"`)
		}},
		{"attended, not planned", func(s *svg, x, y float64) {
			fmt.Fprintf(&s.b, `<path class="ch-mark" d="M%s %sl5 5-5 5-5-5z"/>`+"\n", num(x+5.5), num(y+0.5))
		}},
	}...)
}

// Describe is a pick's line: "10:00–13:00 Power Editing with vi — Room
// 208, Workshop, attended".
func Describe(pk *schedule.Pick, phase schedule.Phase) string {
	var b strings.Builder
	if pk.Scheduled() {
		b.WriteString(pk.Start.Format("15:04"))
		if pk.End.After(pk.Start) {
			b.WriteString("–" + pk.End.Format("15:04"))
		}
		b.WriteString(" ")
	}
	b.WriteString(strings.Join(strings.Fields(pk.Title), " "))
	b.WriteString(" — ")
	if r := strings.Join(strings.Fields(pk.Room), " "); r != "" {
		b.WriteString(r + ", ")
	}
	b.WriteString(norm(pk.Kind).Label(1) + ", " + string(StatusOf(pk, phase)))
	return b.String()
}

func norm(k schedule.Kind) schedule.Kind {
	if !k.Valid() {
		return schedule.KindOther
	}
	return k
}

// niceStep is a gridline step of 1, 2 or 5 times a power of ten that
// gives at most five lines up to max.
func niceStep(max float64) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / 5
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if s := m * pow; s >= raw {
			return math.Max(s, 1)
		}
	}
	return math.Max(10*pow, 1)
}

// fit shortens text to what fits in w at size, ending it with "…";
// "" when not even two letters fit.
func fit(t string, w, size float64) string {
	t = strings.Join(strings.Fields(t), " ")
	n := int(w / (size * charW))
	if utf8.RuneCountInString(t) <= n {
		return t
	}
	if n < 3 {
		return ""
	}
	r := []rune(t)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

func textWidth(t string, size float64) float64 {
	return float64(utf8.RuneCountInString(t)) * size * charW
}

// num writes a coordinate with at most two decimals and no trailing
// zeros, the same on every machine.
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// esc makes text safe in SVG (XML) content and attribute values.
func esc(s string) string {
	return html.EscapeString(strings.ToValidUTF8(stripControl(s), "\uFFFD"))
}

// stripControl drops the control characters XML 1.0 does not allow.
func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

func shortDay(d schedule.Day) string { return d.Format("Mon 2 Jan") }

func longDay(d schedule.Day) string { return d.Format("Monday 2 January 2006") }
