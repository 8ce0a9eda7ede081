package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// -update rewrites the golden files. Other tests in this package may
// define the same flag, so it is registered only once, whoever comes first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// scaleRecap is the scenario on the real SCALE 22x program: 1
// workshop, 11 talks (one skipped), 2 BoFs, 1 Career Day session, 1
// keynote and 6 expo booths as personal entries, three without a time.
// Times of personal entries are wall clock in the conference zone.
var scaleRecap = []struct {
	title      string
	status     schedule.Status
	unplanned  bool
	note       string
	personal   bool
	start, end string
}{
	{title: "Power Editing with vi", status: schedule.Attended, note: "Macros are just registers: qa…q, then @a."},
	{title: "Linux is in the Building", status: schedule.Attended},
	{title: "Flox as a Guided Path for Nix", status: schedule.Attended},
	{title: "Take your pgBadger usage to the next level!", status: schedule.Attended},
	{title: "What's our Vector, Victor?", status: schedule.Attended, note: "pgvector with HNSW indexes is good enough\r\nfor most of what we do."},
	{title: "Fedora booth", personal: true, status: schedule.Attended, start: "2025-03-07 12:30", end: "2025-03-07 13:00"},
	{title: "How did it come to this? Untangling SA, Dev(*)Ops, SRE, and PE", status: schedule.Attended, unplanned: true},
	{title: "Solarpunk Developers Group", status: schedule.Planned},
	{title: "Robots building Robots", status: schedule.Attended},
	{title: "Gotchas of Everyday Systemd", status: schedule.Attended, note: "`systemd-analyze blame` before blaming systemd."},
	{title: "Writing Production Ready Schedulers using Sched Ext", status: schedule.Attended},
	{title: "Framework booth", personal: true, status: schedule.Attended, start: "2025-03-08 13:30", end: "2025-03-08 14:00"},
	{title: "99 package problems", status: schedule.Attended},
	{title: "Confessions of an ADHD-fueled technologi... SQUIRREL!!!", status: schedule.Skipped, note: "Watch the recording."},
	{title: "Unpacking Git", status: schedule.Attended},
	{title: "FreeBSD booth", personal: true, status: schedule.Attended, start: "2025-03-09 10:00", end: "2025-03-09 10:30"},
	{title: "Why You Should Join a Community", status: schedule.Attended},
	{title: "Towards improving code integrity on Linux", status: schedule.Planned},
	{title: "Meet COSMIC DE", status: schedule.Planned},
	{title: "AlmaLinux booth", personal: true, status: schedule.Attended},
	{title: "# SCALE22x sticker *swap* [Expo Hall]", personal: true, status: schedule.Attended},
	{title: "Kwaai_Summit | AI booth", personal: true, status: schedule.Attended},
}

// scalePlan builds the scenario from the real SCALE 22x signage feed,
// read here with encoding/json (the SCALE importer lives elsewhere):
// sessions are picked by exact title, Topic gives the kind and track.
func scalePlan(t testing.TB) *schedule.Plan {
	t.Helper()
	p := &schedule.Plan{Conference: schedule.Conference{Name: "SCALE 22x"}}
	if err := p.SetTimeZone("America/Los_Angeles"); err != nil {
		t.Fatal(err)
	}
	loc := p.Location()
	data, err := os.ReadFile("../testdata/programs/scale-22x-sign.json")
	if err != nil {
		t.Fatal(err)
	}
	var feed []struct{ Name, Location, StartTime, EndTime, Speakers, Topic string }
	if err := json.Unmarshal(data, &feed); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]schedule.Kind{"Workshops": schedule.KindWorkshop, "BoFs": schedule.KindBoF, "Career Day": schedule.KindCareer, "Keynote": schedule.KindKeynote}
	for i, r := range scaleRecap {
		pk := &schedule.Pick{Priority: schedule.Want, Status: r.status, Note: r.note, Personal: r.personal, Unplanned: r.unplanned}
		if r.personal {
			pk.Session = schedule.Session{ID: fmt.Sprint("me-", i), Title: r.title, Kind: schedule.KindBooth, Room: "Expo Hall"}
			if r.start != "" {
				start, err1 := time.ParseInLocation("2006-01-02 15:04", r.start, loc)
				end, err2 := time.ParseInLocation("2006-01-02 15:04", r.end, loc)
				if err := errors.Join(err1, err2); err != nil {
					t.Fatal(err)
				}
				pk.Start, pk.End = start, end
			}
			p.Picks = append(p.Picks, pk)
			continue
		}
		found := 0
		for j, f := range feed {
			if f.Name != r.title {
				continue
			}
			found++
			k, ok := kinds[f.Topic]
			if !ok {
				k = schedule.KindTalk
			}
			pk.Session = schedule.Session{ID: fmt.Sprint("scale-", j), Title: f.Name, Room: f.Location, Track: f.Topic, Kind: k}
			for _, n := range strings.Split(f.Speakers, ",") {
				if n = strings.TrimSpace(n); n != "" {
					pk.Speakers = append(pk.Speakers, n)
				}
			}
			start, err1 := time.Parse(time.RFC3339, f.StartTime)
			end, err2 := time.Parse(time.RFC3339, f.EndTime)
			if err := errors.Join(err1, err2); err != nil {
				t.Fatal(err)
			}
			pk.Start, pk.End = start.In(loc), end.In(loc)
		}
		if found != 1 {
			t.Fatalf("SCALE 22x has %d sessions titled %q, want 1", found, r.title)
		}
		p.Picks = append(p.Picks, pk)
	}
	p.SetFact("Price of Parking", "too much")
	p.SetFact("Coffee", "4 cups a day")
	return p
}

// duringSCALE is Saturday noon at SCALE 22x; afterSCALE the Monday after.
var (
	duringSCALE = time.Date(2025, 3, 8, 20, 0, 0, 0, time.UTC)
	afterSCALE  = time.Date(2025, 3, 10, 17, 0, 0, 0, time.UTC)
)

// attendAll marks every pick not skipped as attended: the recap of
// someone who went to all the picks they kept.
func attendAll(p *schedule.Plan) *schedule.Plan {
	for _, pk := range p.Picks {
		if pk.Status != schedule.Skipped {
			pk.Status = schedule.Attended
		}
	}
	return p
}

// recap is the Markdown of a plan whose conference is over.
func recap(t *testing.T, p *schedule.Plan) string {
	t.Helper()
	return recapAt(t, p, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
}

func recapAt(t *testing.T, p *schedule.Plan, now time.Time) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteMarkdown(&b, p, schedule.ComputeStats(p, now)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// section returns the lines under the heading, up to the next heading,
// without blank lines.
func section(t *testing.T, md, heading string) []string {
	t.Helper()
	var out []string
	in := false
	for _, l := range strings.Split(md, "\n") {
		if in {
			if headingLevel(l) > 0 {
				break
			}
			if l != "" {
				out = append(out, l)
			}
			continue
		}
		if l == heading {
			in = true
		}
	}
	if !in {
		t.Fatalf("no line %q in:\n%s", heading, md)
	}
	return out
}

func headingLevel(l string) int {
	n := len(l) - len(strings.TrimLeft(l, "#"))
	if n == 0 || !strings.HasPrefix(l[n:], " ") {
		return 0
	}
	return n
}

func equalLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// After SCALE 22x, having attended every pick but the skipped talk.
func TestWriteMarkdownSCALE22xRecap(t *testing.T) {
	md := recapAt(t, attendAll(scalePlan(t)), afterSCALE)

	if !strings.HasPrefix(md, "# SCALE 22x, by the numbers\n\n") {
		t.Errorf("recap starts %q", md[:min(60, len(md))])
	}
	// Sunday's career session and code integrity talk share 15 minutes,
	// counted once: 17 h 30 min, not the 17 h 45 min booked.
	equalLines(t, "by the numbers", section(t, md, "# SCALE 22x, by the numbers"), []string{
		"- 1 Workshop",
		"- 10 Talks",
		"- 2 Birds of a Feather (BoF)",
		"- 6 Expo Booths",
		"- 1 Career Day",
		"- 1 Keynote",
		"Time in sessions: 17 h 30 min over 4 days",
		"Covered: 10 rooms, 11 tracks, 15 speakers",
		"Picks: 21 attended (1 unplanned), 0 planned, 1 skipped",
	})

	// The skipped talk's note is not something learned. A note of two
	// lines is a block under its title, its line break kept.
	equalLines(t, "what I learned", section(t, md, "## What I learned"), []string{
		"- **Power Editing with vi** — Macros are just registers: qa…q, then @a.",
		"- **What's our Vector, Victor?**",
		`  pgvector with HNSW indexes is good enough\`,
		"  for most of what we do.",
		"- **Gotchas of Everyday Systemd** — `systemd-analyze blame` before blaming systemd.",
	})
	equalLines(t, "facts", section(t, md, "## Facts"), []string{
		"- Price of Parking: too much",
		"- Coffee: 4 cups a day",
	})

	equalLines(t, "Thursday", section(t, md, "### Thursday 6 March 2025"), []string{
		"- 10:00–13:00 Power Editing with vi — Room 208, Workshop, attended",
		"- 18:00–19:00 Linux is in the Building — Ballroom C, Birds of a Feather (BoF), attended",
	})
	equalLines(t, "Friday", section(t, md, "### Friday 7 March 2025"), []string{
		"- 09:30–10:00 Flox as a Guided Path for Nix — Room 101, Talk, attended",
		"- 10:00–11:00 Take your pgBadger usage to the next level! — Ballroom G, Talk, attended",
		"- 11:15–12:15 What's our Vector, Victor? — Ballroom G, Talk, attended",
		"- 12:30–13:00 Fedora booth — Expo Hall, Expo Booth, attended",
		`- 14:00–14:45 How did it come to this? Untangling SA, Dev(\*)Ops, SRE, and PE — Ballroom DE, Talk, attended (unplanned)`,
		"- 18:30–19:30 Solarpunk Developers Group — Ballroom C, Birds of a Feather (BoF), attended",
	})
	// No SQUIRREL!!! at 17:00: that talk was skipped.
	equalLines(t, "Saturday", section(t, md, "### Saturday 8 March 2025"), []string{
		"- 10:00–11:00 Robots building Robots — Ballroom DE, Keynote, attended",
		"- 11:15–12:15 Gotchas of Everyday Systemd — Room 106, Talk, attended",
		"- 12:30–13:30 Writing Production Ready Schedulers using Sched Ext — Ballroom C, Talk, attended",
		"- 13:30–14:00 Framework booth — Expo Hall, Expo Booth, attended",
		"- 14:30–15:30 99 package problems — Room 106, Talk, attended",
		"- 17:00–18:00 Unpacking Git — Room 211, Talk, attended",
	})
	// Sunday is in PDT: the feed says 11:00-07:00, the wall clock 11:00.
	equalLines(t, "Sunday", section(t, md, "### Sunday 9 March 2025"), []string{
		"- 10:00–10:30 FreeBSD booth — Expo Hall, Expo Booth, attended",
		"- 11:00–12:00 Why You Should Join a Community — Room 103, Career Day, attended",
		"- 11:45–12:45 Towards improving code integrity on Linux — Ballroom C, Talk, attended",
		"- 13:45–14:45 Meet COSMIC DE — Ballroom H, Talk, attended",
	})
	equalLines(t, "Unscheduled", section(t, md, "### Unscheduled"), []string{
		`- \# SCALE22x sticker \*swap\* \[Expo Hall\] — Expo Hall, Expo Booth, attended`,
		"- AlmaLinux booth — Expo Hall, Expo Booth, attended",
		`- Kwaai_Summit \| AI booth — Expo Hall, Expo Booth, attended`,
	})
	if strings.Contains(md, "SQUIRREL") || strings.Contains(md, "Watch the recording") {
		t.Errorf("the skipped talk appears in the recap:\n%s", md)
	}
	heads := []string{"# SCALE 22x, by the numbers", "## What I learned", "## Facts", "## Appendix: My Schedule", "### Thursday 6 March 2025", "### Friday 7 March 2025", "### Saturday 8 March 2025", "### Sunday 9 March 2025", "### Unscheduled"}
	var got []string
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "#") {
			got = append(got, l)
		}
	}
	equalLines(t, "headings", got, heads)

	golden(t, "recap.md", md)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (go test ./export -update refreshes it):\n%s", path, got)
	}
}

func TestWriteMarkdownDeterministic(t *testing.T) {
	p := scalePlan(t)
	first := recap(t, p)
	// Another order of picks, times kept in UTC: the same recap.
	q := scalePlan(t)
	for i, j := 0, len(q.Picks)-1; i < j; i, j = i+1, j-1 {
		q.Picks[i], q.Picks[j] = q.Picks[j], q.Picks[i]
	}
	for _, pk := range q.Picks {
		if pk.Scheduled() {
			pk.Start, pk.End = pk.Start.UTC(), pk.End.UTC()
		}
	}
	if second := recap(t, q); second != first {
		t.Errorf("recap depends on pick order or stored zone:\n%s\n---\n%s", first, second)
	}
	if p.Picks[0].Title != "Power Editing with vi" {
		t.Errorf("WriteMarkdown reordered the plan's picks")
	}
}

// One of each is singular: "over 1 day", "1 room, 1 track, 1 speaker".
func TestWriteMarkdownSingulars(t *testing.T) {
	p := &schedule.Plan{}
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 31, 10, 0, 0, 0, p.Location())
	p.Picks = []*schedule.Pick{
		{Session: schedule.Session{ID: "a", Title: "Rust in the kernel", Kind: schedule.KindTalk, Room: "K.1.105", Track: "Rust",
			Speakers: []string{"Ana"}, Start: start, End: start.Add(time.Hour)}, Status: schedule.Attended},
	}
	md := recap(t, p)
	for _, want := range []string{"\nTime in sessions: 1 h over 1 day\n", "\nCovered: 1 room, 1 track, 1 speaker\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("recap lacks %q:\n%s", want, md)
		}
	}
}

func TestWriteMarkdownWithoutNotesOrName(t *testing.T) {
	p := &schedule.Plan{}
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	loc := p.Location()
	p.Picks = []*schedule.Pick{
		{Session: schedule.Session{ID: "a", Title: "Rust in the kernel", Kind: schedule.KindTalk, Room: "K.1.105",
			// 09:00 UTC is 10:00 in Brussels.
			Start: time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 31, 9, 50, 0, 0, time.UTC)}, Status: schedule.Planned},
		{Session: schedule.Session{ID: "b", Title: "Hallway track", Kind: "", Start: time.Date(2026, 2, 1, 11, 0, 0, 0, loc)}, Status: schedule.Attended, Personal: true},
	}
	// During the conference: the plan so far, and the recap says so.
	md := recapAt(t, p, time.Date(2026, 1, 31, 12, 0, 0, 0, loc))
	want := `# By the numbers

*The plan so far: the conference runs until Sunday 1 February 2026.*

- 1 Talk
- 1 Other

Time in sessions: 50 min over 2 days

Covered: 1 room

Picks: 1 attended, 1 planned, 0 skipped

## Appendix: My Schedule

### Saturday 31 January 2026

- 10:00–10:50 Rust in the kernel — K.1.105, Talk, planned

### Sunday 1 February 2026

- 11:00 Hallway track — Other, attended
`
	if md != want {
		t.Errorf("recap:\n%s\nwant:\n%s", md, want)
	}
}

func TestWriteMarkdownEmptyPlan(t *testing.T) {
	p := &schedule.Plan{Conference: schedule.Conference{Name: "FOSDEM 2026"}}
	want := "# FOSDEM 2026, by the numbers\n\n*The plan so far: no pick has a time yet.*\n\nNothing recorded yet.\n\n## Appendix: My Schedule\n\nNothing on the schedule.\n"
	if md := recap(t, p); md != want {
		t.Errorf("recap = %q, want %q", md, want)
	}
	if err := WriteMarkdown(&bytes.Buffer{}, nil, schedule.Stats{}); err == nil {
		t.Error("WriteMarkdown(nil plan) gave no error")
	}
}

// After the conference, the three picks never confirmed drop out of the
// numbers and are listed apart, with the commands that settle them.
func TestWriteMarkdownAfterListsPending(t *testing.T) {
	md := recapAt(t, scalePlan(t), afterSCALE)
	equalLines(t, "by the numbers", section(t, md, "# SCALE 22x, by the numbers"), []string{
		"- 1 Workshop",
		"- 8 Talks",
		"- 1 Birds of a Feather (BoF)",
		"- 6 Expo Booths",
		"- 1 Career Day",
		"- 1 Keynote",
		"Time in sessions: 14 h 45 min over 4 days",
		"Covered: 9 rooms, 10 tracks, 13 speakers",
		"Picks: 18 attended (1 unplanned), 3 planned, 1 skipped",
		"3 picks neither attended nor skipped — `plan attend` or `plan skip` them:",
		"- Solarpunk Developers Group (`scale-" + idOf(t, md, "Solarpunk") + "`)",
		"- Towards improving code integrity on Linux (`scale-" + idOf(t, md, "Towards") + "`)",
		"- Meet COSMIC DE (`scale-" + idOf(t, md, "COSMIC") + "`)",
	})
	if !strings.Contains(md, "- 13:45–14:45 Meet COSMIC DE — Ballroom H, Talk, planned, not marked attended\n") {
		t.Errorf("the appendix does not say the COSMIC talk was not marked attended:\n%s", md)
	}
	golden(t, "recap-pending.md", md)

	// During the conference the same plan is the plan so far.
	md = recapAt(t, scalePlan(t), duringSCALE)
	if !strings.Contains(md, "\n*The plan so far: SCALE 22x runs until Sunday 9 March 2025.*\n\n- 1 Workshop\n- 10 Talks\n") ||
		strings.Contains(md, "neither attended") || !strings.Contains(md, "Meet COSMIC DE — Ballroom H, Talk, planned\n") {
		t.Errorf("recap during the conference:\n%s", md)
	}
}

// idOf finds the number in the "(`scale-N`)" after a pending title.
func idOf(t *testing.T, md, title string) string {
	t.Helper()
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "- ") && strings.Contains(l, title) && strings.Contains(l, "(`scale-") {
			return strings.TrimSuffix(l[strings.Index(l, "(`scale-")+len("(`scale-"):], "`)")
		}
	}
	return "?"
}

// Notes are the user's Markdown: a one-line note follows its title; one
// of several lines is a block under it, indented into the list item,
// with its lines kept (a backslash break between lines of text), and
// lists, quotes and code left as they are.
func TestWriteMarkdownNotesStayMarkdown(t *testing.T) {
	p := &schedule.Plan{Conference: schedule.Conference{Name: "FOSDEM 2026"}}
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 31, 10, 0, 0, 0, p.Location())
	n := 0
	talk := func(id, title, note string) *schedule.Pick {
		at := start.Add(time.Duration(n) * time.Hour)
		n++
		return &schedule.Pick{Session: schedule.Session{ID: id, Title: title, Kind: schedule.KindTalk, Start: at, End: at.Add(time.Hour)},
			Status: schedule.Attended, Note: note}
	}
	p.Picks = []*schedule.Pick{
		talk("a", "Reftables", "Default in Git 3.0."),
		talk("b", "eBPF", "Three things:\n- verifier limits\n- CO-RE\n\n```sh\nbpftool prog list\nbpftool map dump\n```\nAsk Ana.\nShe knows."),
		talk("c", "Nix", "> flakes are still experimental\n\n1. pin\n2. update"),
	}
	md := recapAt(t, p, start)
	want := "## What I learned\n\n" +
		"- **Reftables** — Default in Git 3.0.\n" +
		"\n- **eBPF**\n\n" +
		"  Three things:\n  - verifier limits\n  - CO-RE\n\n  ```sh\n  bpftool prog list\n  bpftool map dump\n  ```\n  Ask Ana.\\\n  She knows.\n\n" +
		"- **Nix**\n\n  > flakes are still experimental\n\n  1. pin\n  2. update\n\n"
	if !strings.Contains(md, want) {
		t.Errorf("what I learned:\n%s\nwant:\n%s", md, want)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteMarkdownReportsWriteError(t *testing.T) {
	p := scalePlan(t)
	if err := WriteMarkdown(failingWriter{}, p, schedule.ComputeStats(p, afterSCALE)); err == nil || err.Error() != "disk full" {
		t.Errorf("err = %v, want disk full", err)
	}
}

func TestInlineEscapes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Gotchas of Everyday Systemd", "Gotchas of Everyday Systemd"},
		{"Dev(*)Ops", `Dev(\*)Ops`},
		{"# not a heading", `\# not a heading`},
		{"C# in 2025", "C# in 2025"},
		{"a | b", `a \| b`},
		{"[WIP] links", `\[WIP\] links`},
		{"snake_case stays, _emphasis_ does not", `snake_case stays, \_emphasis\_ does not`},
		{"`code` and <html> and ~strike~", "\\`code\\` and \\<html> and \\~strike\\~"},
		{`back\slash`, `back\\slash`},
		{"two\nlines\r\n  here", "two lines here"},
		{"What's next? 100% & more!", "What's next? 100% & more!"},
	} {
		if got := inline(tt.in); got != tt.want {
			t.Errorf("inline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"- dash", `\- dash`},
		{"+1", `\+1`},
		{"> quote", `\> quote`},
		{"2025. A year", `2025\. A year`},
		{"1) first", `1\) first`},
		{"10 Talks", "10 Talks"},
		{"3.5 hours", "3.5 hours"},
		{"42.", `42\.`},
	} {
		if got := lineStart(inline(tt.in)); got != tt.want {
			t.Errorf("lineStart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Picks optimize dropped are out of the recap: counted apart, not asked
// about, not in the appendix.
func TestWriteMarkdownDroppedPicks(t *testing.T) {
	p := scalePlan(t)
	var dropped []string
	for _, pk := range p.Picks {
		if pk.Status == schedule.Planned && len(dropped) < 2 {
			pk.Status = schedule.Dropped
			dropped = append(dropped, pk.Title)
		}
	}
	md := recapAt(t, p, afterSCALE)
	for _, want := range []string{
		"Picks: 18 attended (1 unplanned), 1 planned, 1 skipped, 2 dropped\n",
		"1 pick neither attended nor skipped — `plan attend` or `plan skip` it:\n",
		"- 13:45–14:45 Meet COSMIC DE — Ballroom H, Talk, planned, not marked attended\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the recap lacks %q:\n%s", want, md)
		}
	}
	for _, title := range dropped {
		if strings.Contains(md, title) {
			t.Errorf("the recap names the dropped %q:\n%s", title, md)
		}
	}
}
