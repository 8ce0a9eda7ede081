package export

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/plan-cli/plan/export/charts"
	"github.com/plan-cli/plan/schedule"
)

// HTMLOptions choose the page WriteHTML writes.
type HTMLOptions struct {
	// Agenda writes the personal schedule by day, with clashes and tight
	// walks marked, instead of the recap.
	Agenda bool
}

// WriteHTML writes one self-contained page: no fonts, scripts, images or
// style sheets from elsewhere (the charts are inline SVG, the style is in
// the page, a Content-Security-Policy forbids the rest), light and dark
// after the reader's setting, a print style sheet, and a layout that fits
// a phone 390 px wide.
//
// The recap has the conference's name and dates, "by the numbers" as
// large figures in the recap's order with the words of 'plan stats', the
// charts (sessions per day by kind, hours per day, each day room by
// room), what I learned, the facts and the appendix with links. The
// agenda (opts.Agenda) has the picks day by day, each day's timeline,
// and every overlap and tight walk marked on both picks.
//
// Every text from the plan is escaped by html/template, so a program
// cannot add markup; links keep only http, https and mailto. The page
// depends only on the plan, st (normally schedule.ComputeStats(p, now))
// and the options, byte for byte.
func WriteHTML(w io.Writer, p *schedule.Plan, st schedule.Stats, opts HTMLOptions) error {
	if p == nil {
		return errors.New("export: no plan to write")
	}
	page := buildPage(p, st, opts)
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, page); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"code": withCodeHTML,
}).Parse(pageSource))

// page is what the template shows; every string in it is plain text
// except the fields of type template.HTML and template.CSS, which this
// file builds itself.
type page struct {
	Agenda   bool
	Title    string
	Name     string
	Dates    string
	Phase    string
	CSS      template.CSS
	Figures  []figure
	Summary  []summaryLine
	Pending  string
	Pendings []schedule.PendingPick
	Charts   []chartView
	Learned  []learned
	Facts    []schedule.Fact
	Days     []dayView
	Loose    []entry // picks without a time
	Clashes  string  // "2 overlaps, 1 tight walk"
	Empty    bool
}

type figure struct{ N, What string }

type summaryLine struct{ Label, Text string }

type chartView struct {
	Title string
	Wide  bool
	SVG   template.HTML // built by export/charts, every text escaped there
}

type learned struct {
	Title string
	URL   string
	Note  string
}

type dayView struct {
	ID      string
	Heading string
	Chart   template.HTML
	Entries []entry
}

type entry struct {
	When, Title, URL, Room, Kind, Status, StatusClass, Priority string
	KindColor                                                   template.CSS
	Speakers                                                    string
	Marks                                                       []mark
}

type mark struct{ Class, Text string }

func buildPage(p *schedule.Plan, st schedule.Stats, opts HTMLOptions) page {
	name := strings.Join(strings.Fields(p.Conference.Name), " ")
	pg := page{Agenda: opts.Agenda, Name: name, CSS: template.CSS(charts.CSS + "\n" + pageCSS)}
	pg.Title = "By the numbers"
	if name != "" {
		pg.Title = name + ", by the numbers"
	}
	if opts.Agenda {
		pg.Title = "My schedule"
		if name != "" {
			pg.Title = name + ": my schedule"
		}
	}
	pg.Dates = dateRange(st.FirstDay, st.LastDay)
	loc := p.Location()
	var clashes []schedule.Clash
	if opts.Agenda {
		clashes = schedule.FindClashes(p.Picks, &p.Venue)
		pg.Clashes = clashSummary(clashes)
	} else {
		pg.Phase = st.PhaseText(p.Conference.Name)
		for _, l := range st.Lines {
			n, what, _ := strings.Cut(l, " ")
			pg.Figures = append(pg.Figures, figure{n, what})
		}
		for _, l := range []summaryLine{{"Time in sessions", st.TimeText()}, {"Covered", st.CoveredText()}, {"Picks", st.PicksText()}} {
			if l.Text != "" {
				pg.Summary = append(pg.Summary, l)
			}
		}
		pg.Pending, pg.Pendings = st.PendingText(), st.Pending
		for _, c := range charts.All(p, st, charts.Options{}) {
			if !c.Day.IsZero() {
				continue
			}
			pg.Charts = append(pg.Charts, chartView{Title: c.Title, SVG: template.HTML(c.SVG)})
		}
		for _, pk := range active(p) {
			if note := strings.TrimSpace(strings.ReplaceAll(pk.Note, "\r\n", "\n")); note != "" {
				pg.Learned = append(pg.Learned, learned{Title: oneLine(pk.Title), URL: safeURL(pk.URL), Note: note})
			}
		}
		for _, f := range st.Facts {
			if strings.TrimSpace(f.Label) != "" || strings.TrimSpace(f.Value) != "" {
				pg.Facts = append(pg.Facts, schedule.Fact{Label: oneLine(f.Label), Value: oneLine(f.Value)})
			}
		}
	}
	marks := clashMarks(clashes, &p.Venue)
	for _, d := range charts.Days(p) {
		dv := dayView{ID: "day-" + d.String(), Heading: longDate(d), Chart: template.HTML(charts.Day(p, st, d, charts.Options{}))}
		for _, pk := range charts.DayPicks(p, d) {
			if pk.Status.SetAside() && !opts.Agenda {
				continue // the recap's appendix is what happened; the chart shows the skipped and dropped
			}
			dv.Entries = append(dv.Entries, newEntry(pk, st.Phase, loc, marks[pk.ID]))
		}
		pg.Days = append(pg.Days, dv)
	}
	var loose []*schedule.Pick
	for _, pk := range p.Picks {
		if pk != nil && !pk.Scheduled() && (opts.Agenda || !pk.Status.SetAside()) {
			loose = append(loose, pk)
		}
	}
	sort.SliceStable(loose, func(i, j int) bool { return schedule.Less(&loose[i].Session, &loose[j].Session) })
	for _, pk := range loose {
		pg.Loose = append(pg.Loose, newEntry(pk, st.Phase, loc, nil))
	}
	pg.Empty = len(pg.Days) == 0 && len(pg.Loose) == 0
	return pg
}

func newEntry(pk *schedule.Pick, phase schedule.Phase, loc *time.Location, marks []mark) entry {
	e := entry{Title: oneLine(pk.Title), URL: safeURL(pk.URL), Room: oneLine(pk.Room), Marks: marks}
	if pk.Scheduled() {
		e.When = pk.Start.In(loc).Format("15:04")
		if pk.End.After(pk.Start) {
			e.When += "–" + pk.End.In(loc).Format("15:04")
		}
	}
	k := pk.Kind
	if !k.Valid() {
		k = schedule.KindOther
	}
	e.Kind = k.Label(1)
	e.KindColor = template.CSS(charts.KindColor(k))
	status := charts.StatusOf(pk, phase)
	e.Status = string(status)
	if pk.Cancelled && pk.Status == schedule.Attended {
		e.Status += ", cancelled"
	}
	switch status {
	case charts.StatusAttended, charts.StatusUnplanned:
		e.StatusClass = "attended"
	case charts.StatusPlanned, charts.StatusUnconfirmed:
		e.StatusClass = "planned"
	default:
		e.StatusClass = "skipped"
	}
	if pk.Priority == schedule.Must {
		e.Priority = "must"
	}
	e.Speakers = oneLine(pk.SpeakerList())
	return e
}

// clashMarks are, by pick id, the overlaps and tight walks it is part of,
// in the words of 'plan clashes'.
func clashMarks(clashes []schedule.Clash, v *schedule.Venue) map[string][]mark {
	out := map[string][]mark{}
	for _, c := range clashes {
		for _, side := range [][2]*schedule.Pick{{c.A, c.B}, {c.B, c.A}} {
			me, other := side[0], side[1]
			var m mark
			switch c.Type {
			case schedule.Overlap:
				m = mark{"overlap", fmt.Sprintf("overlaps %s by %s", oneLine(other.Title), minutes(c.Minutes))}
			default:
				m = mark{"tight", fmt.Sprintf("%s: %s short (%s from %s to %s)", oneLine(other.Title), minutes(c.Minutes),
					schedule.FormatDuration(v.WalkTime(c.A.Room, c.B.Room)), oneLine(c.A.Room), oneLine(c.B.Room))}
			}
			out[me.ID] = append(out[me.ID], m)
		}
	}
	return out
}

func clashSummary(clashes []schedule.Clash) string {
	var overlaps, tight int
	for _, c := range clashes {
		if c.Type == schedule.Overlap {
			overlaps++
		} else {
			tight++
		}
	}
	if overlaps+tight == 0 {
		return "No clashes: no picks overlap, and every walk between rooms fits."
	}
	var parts []string
	if overlaps > 0 {
		parts = append(parts, schedule.Plural(overlaps, "overlap", ""))
	}
	if tight > 0 {
		parts = append(parts, schedule.Plural(tight, "walk", "")+" too short")
	}
	return strings.Join(parts, " and ") + ", marked below."
}

func minutes(n int) string { return schedule.Plural(n, "min", "min") }

// dateRange is "Thursday 6 – Sunday 9 March 2025", "Saturday 31 January –
// Sunday 1 February 2026" or one day; "" without days.
func dateRange(a, b schedule.Day) string {
	if a.IsZero() || b.IsZero() {
		return ""
	}
	ay, am, _ := a.Date()
	by, bm, _ := b.Date()
	switch {
	case a == b:
		return a.Format("Monday 2 January 2006")
	case ay != by:
		return a.Format("Monday 2 January 2006") + " – " + b.Format("Monday 2 January 2006")
	case am != bm:
		return a.Format("Monday 2 January") + " – " + b.Format("Monday 2 January 2006")
	}
	return a.Format("Monday 2") + " – " + b.Format("Monday 2 January 2006")
}

func longDate(d schedule.Day) string { return d.Format("Monday 2 January 2006") }

// safeURL keeps a link only if it is http(s) or mailto; html/template
// escapes what is kept.
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	l := strings.ToLower(u)
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:") {
		return u
	}
	return ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// withCodeHTML writes text in which `backticks` mark commands as HTML,
// the commands in <code>, everything escaped.
func withCodeHTML(t string) template.HTML {
	var b strings.Builder
	for i, part := range strings.Split(t, "`") {
		esc := template.HTMLEscapeString(part)
		if i%2 == 1 {
			esc = "<code>" + esc + "</code>"
		}
		b.WriteString(esc)
	}
	return template.HTML(b.String())
}
