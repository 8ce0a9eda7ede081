package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/export/charts"
	"github.com/plan-cli/plan/schedule"
)

func renderPage(t testing.TB, p *schedule.Plan, now time.Time, opts HTMLOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, p, schedule.ComputeStats(p, now), opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The charts of the SCALE 22x recap, as 'plan export --md --charts'
// writes them: golden files (go test ./export -update refreshes them),
// each well-formed XML.
func TestChartFilesSCALE22x(t *testing.T) {
	p := attendAll(scalePlan(t))
	// The Solarpunk BoF stays only planned and one talk skipped, so the
	// timelines show every mark.
	p.Picks[7].Status = schedule.Planned
	files := ChartFiles(p, schedule.ComputeStats(p, afterSCALE))
	var names []string
	for _, c := range files {
		names = append(names, c.Name)
		checkXML(t, c.Name, c.SVG)
		golden(t, filepath.Join("charts", c.Name), c.SVG)
	}
	equalLines(t, "chart files", names, []string{"sessions-per-day.svg", "hours-per-day.svg",
		"day-2025-03-06.svg", "day-2025-03-07.svg", "day-2025-03-08.svg", "day-2025-03-09.svg"})
}

func checkXML(t *testing.T, name, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch strings.ToLower(se.Name.Local) {
			case "script", "image", "img", "foreignobject", "a", "iframe":
				t.Errorf("%s has a <%s> element", name, se.Name.Local)
			}
			for _, a := range se.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || strings.Contains(a.Value, "javascript:") {
					t.Errorf("%s: <%s %s=%q>", name, se.Name.Local, a.Name.Local, a.Value)
				}
			}
		}
	}
}

// The recap page on the SCALE 22x scenario: the numbers as figures in
// the recap's order, the overview charts and a timeline per day, what I
// learned, the facts and the appendix with links; nothing from elsewhere.
func TestWriteHTMLSCALE22xRecap(t *testing.T) {
	p := attendAll(scalePlan(t))
	p.Picks[1].URL = "https://www.socallinuxexpo.org/scale/22x/presentations/linux-building"
	html := renderPage(t, p, afterSCALE, HTMLOptions{})
	inOrder(t, html, []string{
		"<title>SCALE 22x, by the numbers</title>",
		`<p class="dates">Thursday 6 – Sunday 9 March 2025</p>`,
		"<li><b>1</b> <span>Workshop</span></li>",
		"<li><b>10</b> <span>Talks</span></li>",
		"<li><b>2</b> <span>Birds of a Feather (BoF)</span></li>",
		"<li><b>6</b> <span>Expo Booths</span></li>",
		"<li><b>1</b> <span>Career Day</span></li>",
		"<li><b>1</b> <span>Keynote</span></li>",
		"<dt>Time in sessions</dt> <dd>17 h 30 min over 4 days</dd>",
		"<dt>Covered</dt> <dd>10 rooms, 11 tracks, 15 speakers</dd>",
		"<dt>Picks</dt> <dd>21 attended (1 unplanned), 0 planned, 1 skipped</dd>",
		"<h2>The days in pictures</h2>",
		"<figcaption>Sessions per day, by kind</figcaption>",
		"<figcaption>Hours in sessions per day</figcaption>",
		"<figcaption>Thursday 6 March 2025, room by room</figcaption>",
		"<figcaption>Sunday 9 March 2025, room by room</figcaption>",
		"<h2>What I learned</h2>",
		"pgvector with HNSW indexes is good enough\nfor most of what we do.",
		"<h2>Facts</h2>",
		"<li><b>Price of Parking</b>: too much</li>",
		"<h2>Appendix: My Schedule</h2>",
		`<a href="https://www.socallinuxexpo.org/scale/22x/presentations/linux-building">Linux is in the Building</a>`,
		"<h3>Unscheduled</h3>",
		"# SCALE22x sticker *swap* [Expo Hall]",
	})
	for _, css := range []string{"@media screen and (prefers-color-scheme:dark)", "@media print{", `<meta name="viewport" content="width=device-width, initial-scale=1">`} {
		if !strings.Contains(html, css) {
			t.Errorf("the page lacks %s", css)
		}
	}
	if strings.Contains(html, "Watch the recording") {
		t.Error("the skipped talk's note is on the page")
	}
	selfContained(t, html)
}

// selfContained fails on anything the page would fetch or run.
func selfContained(t *testing.T, html string) {
	t.Helper()
	low := strings.ToLower(html)
	for _, bad := range []string{"<script", "<img", "<iframe", "<object", "<embed", "<link rel=\"stylesheet", "@import", "url(http", " src=\"", "@font-face", "javascript:"} {
		if strings.Contains(low, bad) {
			t.Errorf("the page has %q", bad)
		}
	}
	for _, l := range strings.Split(low, "\n") {
		if i := strings.Index(l, "url("); i >= 0 && !strings.HasPrefix(l[i:], "url(#") {
			t.Errorf("the page refers to %s", l[i:])
		}
	}
}

func inOrder(t *testing.T, s string, parts []string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(s[at:], p)
		if i < 0 {
			if strings.Contains(s, p) {
				t.Errorf("%q comes too early", p)
			} else {
				t.Errorf("the page lacks %q", p)
			}
			continue
		}
		at += i + len(p)
	}
	if t.Failed() {
		t.Logf("page:\n%s", s)
	}
}

// The same plan gives the same page byte for byte, whatever the order of
// its picks or the zone its times are stored in.
func TestWriteHTMLReproducible(t *testing.T) {
	for _, opts := range []HTMLOptions{{}, {Agenda: true}} {
		p := scalePlan(t)
		first := renderPage(t, p, afterSCALE, opts)
		q := scalePlan(t)
		for i, j := 0, len(q.Picks)-1; i < j; i, j = i+1, j-1 {
			q.Picks[i], q.Picks[j] = q.Picks[j], q.Picks[i]
		}
		for _, pk := range q.Picks {
			if pk.Scheduled() {
				pk.Start, pk.End = pk.Start.UTC(), pk.End.UTC()
			}
		}
		for range 3 {
			if again := renderPage(t, q, afterSCALE, opts); again != first {
				t.Fatalf("agenda %v: the page depends on pick order, stored zone or chance", opts.Agenda)
			}
		}
	}
}

// After the conference, picks still only planned are listed apart.
func TestWriteHTMLPending(t *testing.T) {
	html := renderPage(t, scalePlan(t), afterSCALE, HTMLOptions{})
	inOrder(t, html, []string{
		"<li><b>8</b> <span>Talks</span></li>",
		"<p>3 picks neither attended nor skipped — <code>plan attend</code> or <code>plan skip</code> them:</p>",
		"<li>Solarpunk Developers Group <code>scale-",
		"planned, not marked attended",
	})
	html = renderPage(t, scalePlan(t), duringSCALE, HTMLOptions{})
	inOrder(t, html, []string{
		`<p class="phase">The plan so far: SCALE 22x runs until Sunday 9 March 2025.</p>`,
		"<li><b>10</b> <span>Talks</span></li>",
	})
}

// hostile is text a program or a plan could carry to break out of the
// page: every one must come out as text.
var hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(2)>`,
	`'><svg onload=alert(3)>`,
	`</style><script>alert(4)</script>`,
	`]]><script>alert(5)</script>`,
	"&lt;b&gt; & \u0000\u0007 {{.Title}}",
}

func hostilePlan(t testing.TB) *schedule.Plan {
	p := &schedule.Plan{Conference: schedule.Conference{Name: hostile[0]}}
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 31, 10, 0, 0, 0, p.Location())
	for i, h := range hostile {
		at := start.Add(time.Duration(i) * 40 * time.Minute)
		p.Picks = append(p.Picks, &schedule.Pick{Session: schedule.Session{
			ID: "h" + string(rune('a'+i)), Title: h, Kind: schedule.Kinds[i%len(schedule.Kinds)], Room: hostile[(i+1)%len(hostile)],
			Speakers: []string{h}, Start: at, End: at.Add(50 * time.Minute), URL: []string{"javascript:alert(6)", `https://x.test/"><script>alert(7)</script>`}[i%2],
		}, Status: []schedule.Status{schedule.Attended, schedule.Planned, schedule.Skipped}[i%3], Note: h + "\n" + h, Unplanned: i == 3})
		p.SetFact(h, h)
	}
	p.Picks = append(p.Picks, &schedule.Pick{Session: schedule.Session{ID: "hz", Title: hostile[1], Kind: "<b>"}, Personal: true})
	return p
}

func TestWriteHTMLHostileTitles(t *testing.T) {
	p := hostilePlan(t)
	for _, opts := range []HTMLOptions{{}, {Agenda: true}} {
		for _, now := range []time.Time{time.Date(2026, 1, 31, 11, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)} {
			html := renderPage(t, p, now, opts)
			selfContained(t, html)
			for _, bad := range []string{"<svg onload", "onerror=alert(2)>", "<b>;"} {
				if strings.Contains(html, bad) {
					t.Errorf("agenda %v: the page has %q", opts.Agenda, bad)
				}
			}
			if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(html, "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;") {
				t.Errorf("agenda %v: the hostile titles are not on the page as text", opts.Agenda)
			}
		}
	}
	st := schedule.ComputeStats(p, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	for _, c := range charts.All(p, st, charts.Options{Standalone: true}) {
		checkXML(t, c.Name, c.SVG)
	}
}

// The agenda marks both picks of an overlap and of a walk too short.
func TestWriteHTMLAgendaMarksClashes(t *testing.T) {
	p := &schedule.Plan{Conference: schedule.Conference{Name: "FOSDEM 2026"}}
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	loc := p.Location()
	at := func(h, m int) time.Time { return time.Date(2026, 1, 31, h, m, 0, 0, loc) }
	p.Venue.SetWalk("Janson", "K.1.105", 10)
	p.Picks = []*schedule.Pick{
		{Session: schedule.Session{ID: "a", Title: "FOSS in times of war", Kind: schedule.KindTalk, Room: "Janson", Start: at(10, 0), End: at(10, 50)}, Priority: schedule.Must},
		{Session: schedule.Session{ID: "b", Title: "Wayland compositors", Kind: schedule.KindTalk, Room: "K.1.105", Start: at(10, 30), End: at(10, 55)}},
		{Session: schedule.Session{ID: "c", Title: "Evolving Git", Kind: schedule.KindTalk, Room: "Janson", Start: at(11, 0), End: at(11, 50)}},
	}
	html := renderPage(t, p, at(9, 0), HTMLOptions{Agenda: true})
	inOrder(t, html, []string{
		"<title>FOSDEM 2026: my schedule</title>",
		"1 overlap and 1 walk too short, marked below.",
		"<h2>Day by day</h2>",
		"<h3>Saturday 31 January 2026</h3>",
		`<svg xmlns="http://www.w3.org/2000/svg" class="chart"`,
		"FOSS in times of war", "Janson, Talk, <span class=\"status\">planned</span>, must",
		"Clash: overlaps Wayland compositors by 20 min",
		"Wayland compositors", "Clash: overlaps FOSS in times of war by 20 min",
		"Tight: Evolving Git: 5 min short (10 min from K.1.105 to Janson)",
		"Evolving Git", "Tight: Wayland compositors: 5 min short",
	})
	if strings.Contains(html, "by the numbers") {
		t.Error("the agenda shows the recap's numbers")
	}
}

func TestWriteHTMLEmptyPlan(t *testing.T) {
	html := renderPage(t, &schedule.Plan{}, time.Time{}, HTMLOptions{})
	inOrder(t, html, []string{"<title>By the numbers</title>", "<p>Nothing recorded yet.</p>", "<p>Nothing on the schedule.</p>"})
	if err := WriteHTML(io.Discard, nil, schedule.Stats{}, HTMLOptions{}); err == nil {
		t.Error("WriteHTML(nil plan) gave no error")
	}
	if err := WriteHTML(failingWriter{}, &schedule.Plan{}, schedule.Stats{}, HTMLOptions{}); err == nil {
		t.Error("a failing writer gave no error")
	}
}

// writeArtifact keeps a file where the test's output is kept:
// $PLAN_TEST_ARTIFACTS when set, else the test's temporary folder.
func writeArtifact(t *testing.T, name string, data []byte) string {
	t.Helper()
	dir := os.Getenv("PLAN_TEST_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A dropped pick is out of the recap's appendix but in the agenda, marked
// "dropped" and drawn like a skipped one.
func TestWriteHTMLDroppedPick(t *testing.T) {
	p := &schedule.Plan{Conference: schedule.Conference{Name: "FOSDEM 2026"}}
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 1, 31, h, m, 0, 0, p.Location()) }
	p.Picks = []*schedule.Pick{
		{Session: schedule.Session{ID: "a", Title: "FOSS in times of war", Kind: schedule.KindTalk, Room: "Janson", Start: at(10, 0), End: at(10, 50)}, Priority: schedule.Must, Status: schedule.Planned},
		{Session: schedule.Session{ID: "b", Title: "Wayland compositors", Kind: schedule.KindTalk, Room: "K.1.105", Start: at(10, 30), End: at(10, 55)}, Priority: schedule.Want, Status: schedule.Dropped},
	}
	html := renderPage(t, p, at(9, 0), HTMLOptions{Agenda: true})
	inOrder(t, html, []string{
		"FOSS in times of war", `<li class="skipped"`, "Wayland compositors", `K.1.105, Talk, <span class="status">dropped</span>`,
	})
	if strings.Contains(html, "Clash:") {
		t.Error("the agenda marks a clash with a dropped pick")
	}
	recap := renderPage(t, p, at(9, 0), HTMLOptions{})
	if !strings.Contains(recap, "<title>10:30–10:55 Wayland compositors — K.1.105, Talk, dropped</title>") {
		t.Errorf("the recap's timeline lacks the dropped pick's block:\n%s", recap)
	}
	if strings.Contains(recap, `<span class="status">dropped</span>`) {
		t.Error("the recap's appendix lists the dropped pick")
	}
}
