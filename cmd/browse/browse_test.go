package browse

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
	"github.com/plan-cli/plan/schedule/store"
)

// The browser on FOSDEM 2026 (883 sessions on Saturday 31 January and
// Sunday 1 February), driven by keys as Bubble Tea would drive it, on a
// plan file in a temporary folder saved through the real store.

var fosdem = sync.OnceValues(func() ([]*schedule.Session, error) {
	data, err := os.ReadFile("../../testdata/programs/fosdem-2026-pentabarf.xml")
	if err != nil {
		return nil, err
	}
	feed, err := importer.Parse(data, "", importer.Options{Name: "fosdem-2026-pentabarf.xml"})
	if err != nil {
		return nil, err
	}
	return feed.Sessions, nil
})

var (
	// During the conference: Saturday 11:15 in Brussels.
	saturday1115 = time.Date(2026, 1, 31, 10, 15, 0, 0, time.UTC)
	// After it.
	december = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
)

// browser opens the browser at 80×24 on a new plan holding picks (must),
// with the clock at now; it returns the plan file too.
func browser(t *testing.T, now time.Time, picks ...string) (Model, string) {
	t.Helper()
	sessions, err := fosdem()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*schedule.Session{}
	for _, s := range sessions {
		byID[s.ID] = s
	}
	p := &schedule.Plan{Version: schedule.FormatVersion}
	p.Conference.Name = "FOSDEM 2026"
	if err := p.SetTimeZone("Europe/Brussels"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Add(picks, byID, schedule.AddOptions{Priority: schedule.Must}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.yaml")
	st, err := store.Open(t.Context(), path, store.Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	st.Close()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	m := New(Options{Name: "FOSDEM 2026", Sessions: sessions, Plan: onDisk(t, path), Now: func() time.Time { return now },
		Save: storeSave(t.Context(), path), Renderer: r})
	m.SetSize(80, 24)
	return m, path
}

// storeSave is the command's Save: the edits applied to the plan as it
// is on disk, under the exclusive lock.
func storeSave(ctx context.Context, path string) func(func(*schedule.Plan) error, func()) (*schedule.Plan, error) {
	return func(apply func(*schedule.Plan) error, onWait func()) (*schedule.Plan, error) {
		st, err := store.Open(ctx, path, store.Write, onWait)
		if err != nil {
			return nil, err
		}
		defer st.Close()
		p, err := st.LoadPlan()
		if err != nil {
			return nil, err
		}
		if err := apply(p); err != nil {
			return nil, err
		}
		return p, st.SavePlan(p)
	}
}

// onDisk is the plan in the file, as another command would read it.
func onDisk(t *testing.T, path string) *schedule.Plan {
	t.Helper()
	st, err := store.Open(t.Context(), path, store.Read, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.LoadPlan()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"backspace": tea.KeyBackspace, "ctrl+c": tea.KeyCtrlC,
	}
	if k == "space" {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys, and returns the commands they gave, not run.
func press(m Model, keys ...string) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	for _, k := range keys {
		next, cmd := m.Update(keyMsg(k))
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// settle runs cmd as Bubble Tea would, one command at a time, and feeds
// their messages back until none is left; it reports whether the
// browser asked to quit.
func settle(t *testing.T, m Model, cmd tea.Cmd) (Model, bool) {
	t.Helper()
	quit := false
	todo := []tea.Cmd{cmd}
	for len(todo) > 0 {
		c := todo[0]
		todo = todo[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			todo = append(todo, msg...)
		case tea.QuitMsg:
			quit = true
		default:
			next, more := m.Update(msg)
			m = next.(Model)
			todo = append(todo, more)
		}
	}
	return m, quit
}

// do presses keys and lets every save finish.
func do(t *testing.T, m Model, keys ...string) Model {
	t.Helper()
	m, cmd := press(m, keys...)
	m, _ = settle(t, m, cmd)
	return m
}

func selectedID(m Model) string {
	if s := m.selected(); s != nil {
		return s.ID
	}
	return ""
}

// line is the screen's line that holds want, or "".
func line(m Model, want string) string {
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.Contains(l, want) {
			return l
		}
	}
	return ""
}

// status is the line above the keys.
func status(m Model) string {
	lines := strings.Split(m.View(), "\n")
	return lines[len(lines)-2]
}

func TestListKeys(t *testing.T) {
	m0, _ := browser(t, december, "7886")
	shown := m0.day.shown // the list steps over the time headings
	h := m0.bodyHeight()
	for _, c := range []struct {
		keys []string
		want *schedule.Session
	}{
		{nil, shown[0]}, // 8376 at 09:30
		{[]string{"j"}, shown[1]},
		{[]string{"j", "j"}, shown[2]},
		{[]string{"j", "j", "k", "k"}, shown[0]},
		{[]string{"k"}, shown[0]}, // stops at the top
		{[]string{"G"}, shown[len(shown)-1]},
		{[]string{"end", "home"}, shown[0]},
		{[]string{"pgdown"}, shown[h]},
		{[]string{"pgdown", "pgdown", "pgup"}, shown[h]},
		{[]string{"down", "down", "up"}, shown[1]},
	} {
		m := do(t, m0, c.keys...)
		if got := m.selected(); got != c.want {
			t.Errorf("%v: selected %s, want %s", c.keys, got.ID, c.want.ID)
		}
		if l := line(m, ">"); !strings.Contains(l, c.want.Title[:10]) {
			t.Errorf("%v: %s is not on screen as selected:\n%s", c.keys, c.want.ID, m.View())
		}
	}
	if shown[0].ID != "8376" || shown[1].ID != "7886" {
		t.Errorf("the day starts with %s, %s", shown[0].ID, shown[1].ID)
	}
}

// Scrolling up onto the first session of a time slot brings its heading
// into sight.
func TestListKeepsTheHeadingInSight(t *testing.T) {
	m, _ := browser(t, december)
	m = do(t, m, "pgdown", "pgdown", "pgdown")
	for range 30 {
		m = do(t, m, "k")
		lines := strings.Split(m.View(), "\n")
		if strings.HasPrefix(lines[1], ">") && m.pages[ViewList].(listPage).cursor > 0 {
			first := m.pages[ViewList].(listPage)
			if first.rows[first.cursor-1].s == nil {
				t.Fatalf("the selected session is at the top without its heading:\n%s", m.View())
			}
		}
	}
}

func TestDaysAndNow(t *testing.T) {
	m, _ := browser(t, december)
	if !strings.Contains(m.header(), "Sat 31 Jan (1/2)") {
		t.Fatalf("header %q", m.header())
	}
	m = do(t, m, "]")
	if !strings.Contains(m.header(), "Sun 1 Feb (2/2)") || m.selected().Day().String() != "2026-02-01" {
		t.Errorf("] did not go to Sunday: %q, %v", m.header(), m.selected().Start)
	}
	m = do(t, m, "]") // round to Saturday
	if !strings.Contains(m.header(), "Sat 31 Jan (1/2)") {
		t.Errorf("] on the last day: %q", m.header())
	}
	m = do(t, m, "left")
	if !strings.Contains(m.header(), "Sun 1 Feb") {
		t.Errorf("← (outside the grid) is the previous day: %q", m.header())
	}
	m = do(t, m, "n")
	if got := status(m); !strings.Contains(got, "the conference is not on now (Mon 7 Dec 10:00)") {
		t.Errorf("n after the conference: %q", got)
	}

	m, _ = browser(t, saturday1115)
	m = do(t, m, "]", "n")
	if !strings.Contains(m.header(), "Sat 31 Jan") || status(m) != "now: Sat 11:15" {
		t.Errorf("n on Sunday did not go to Saturday now: %q, %q", m.header(), status(m))
	}
	if s := m.selected(); !s.End.After(saturday1115) || s.Start.After(saturday1115) {
		t.Errorf("n selected %s %v–%v, not a session on at 11:15", s.ID, s.Start, s.End)
	}
	// The now line comes after the sessions that started by 11:15.
	rows := m.pages[ViewList].(listPage).rows
	for i, r := range rows {
		if !r.now {
			continue
		}
		if before, after := rows[i-1].s, rows[i+2].s; before.Start.After(saturday1115) || !after.Start.After(saturday1115) {
			t.Errorf("the now line is between %s at %v and %s at %v", before.ID, before.Start, after.ID, after.Start)
		}
	}
	if m = do(t, m, "G"); line(m, "── now 11:15") != "" {
		t.Errorf("the now line shows at the end of the day")
	}
}

func TestGridKeys(t *testing.T) {
	m0, _ := browser(t, december, "7886")
	m := do(t, m0, "j", "2") // 7886 in Janson at 10:00
	if selectedID(m) != "7886" {
		t.Fatalf("the grid did not keep the selection: %s", selectedID(m))
	}
	if l := line(m, ">"); !strings.Contains(l, ">★ 10:00 ") {
		t.Errorf("the selected block does not start with its marks and time:\n%s", m.View())
	}
	for _, c := range []struct {
		keys []string
		want string
	}{
		{[]string{"j"}, "7207"}, // the next block in Janson (10:50 is empty till 11:00)
		{[]string{"j", "k"}, "7886"},
		{[]string{"k"}, "8376"}, // the block before, at 09:30
	} {
		if got := selectedID(do(t, m, c.keys...)); got != c.want {
			t.Errorf("grid %v: selected %s, want %s", c.keys, got, c.want)
		}
	}
	r := do(t, m, "l")
	if r.selected() != nil && r.selected().Room == "Janson" {
		t.Errorf("→ stayed in Janson")
	}
	if r.pages[ViewGrid].(gridPage).room != m.pages[ViewGrid].(gridPage).room+1 {
		t.Errorf("→ did not move one room right")
	}
	if l := do(t, r, "h"); l.pages[ViewGrid].(gridPage).room != m.pages[ViewGrid].(gridPage).room {
		t.Errorf("← did not come back")
	}
	if got := do(t, m, "l", "l", "l", "l", "l", "l", "l", "l", "l", "l").View(); strings.Contains(got, " Janson ") {
		t.Errorf("ten rooms right, Janson is still in sight:\n%s", got)
	}
}

func TestTracksPage(t *testing.T) {
	m, _ := browser(t, december)
	m = do(t, m, "3")
	first := m.day.tracks[0].name
	if l := line(m, ">"); !strings.Contains(l, first) {
		t.Fatalf("the first track is not selected:\n%s", m.View())
	}
	m = do(t, m, "j")
	second := m.day.tracks[1].name
	m = do(t, m, "enter")
	if m.view != ViewList || m.filters.track != second {
		t.Fatalf("enter on %q: view %d, track %q", second, m.view, m.filters.track)
	}
	if got := status(m); got != "track: "+second+" (x clears)" {
		t.Errorf("status %q", got)
	}
	for _, s := range m.day.shown {
		if s.Track != second {
			t.Fatalf("%s (%s) shown under track %q", s.ID, s.Track, second)
		}
	}
	m = do(t, m, "3")
	if l := line(m, second); !strings.HasPrefix(l, ">") {
		t.Errorf("the kept track, selected, lost its cursor: %q", l)
	}
	m = do(t, m, "x")
	if m.filters.track != "" || len(m.day.shown) != 484 {
		t.Errorf("x left %q, %d shown", m.filters.track, len(m.day.shown))
	}
}

// On a short screen the now/next page scrolls with its cursor: the
// selected room is always drawn.
func TestNowPage(t *testing.T) {
	m, _ := browser(t, saturday1115)
	m.SetSize(80, 10)
	m = do(t, m, "4")
	if !strings.Contains(m.View(), "On now and next at 11:15") {
		t.Fatalf("no title:\n%s", m.View())
	}
	rooms := m.env().onNow()
	if len(rooms) < 20 {
		t.Fatalf("%d rooms on at 11:15", len(rooms))
	}
	for i := range rooms {
		if !strings.HasPrefix(line(m, ">"), ">"+rooms[i].room[:min(5, len(rooms[i].room))]) {
			t.Fatalf("room %d (%s) selected but not drawn:\n%s", i, rooms[i].room, m.View())
		}
		want := rooms[i].now
		if want == nil {
			want = rooms[i].next
		}
		if m.selected() != want {
			t.Errorf("room %s: selected %s", rooms[i].room, selectedID(m))
		}
		m = do(t, m, "j")
	}

	m = do(t, m, "]")
	if !strings.Contains(m.View(), "On now and next at 09:00 (the first start of this day; it is not Sun 1 Feb now)") {
		t.Errorf("another day than today:\n%s", m.View())
	}
}

func TestDetails(t *testing.T) {
	m, _ := browser(t, december, "7886", "7022")
	m.SetSize(80, 12)
	m = do(t, m, "j", "enter")
	if m.focus != onDetails || !strings.Contains(m.View(), "FOSS in times of war") {
		t.Fatalf("enter did not open the details:\n%s", m.View())
	}
	top := m.View()
	m = do(t, m, "j")
	if m.View() == top || strings.Contains(m.View(), "\n FOSS in times of war") {
		t.Errorf("j did not scroll the details:\n%s", m.View())
	}
	m = do(t, m, "end")
	bottom := m.View()
	if !strings.Contains(bottom, "defendable FOSS.") {
		t.Errorf("end did not show the end of the abstract:\n%s", bottom)
	}
	if do(t, m, "j").View() != bottom {
		t.Errorf("j past the end scrolled on")
	}
	if got := do(t, m, "k").View(); got == bottom {
		t.Errorf("k at the end did not scroll back at once")
	}
	if got := do(t, m, "home").View(); got != top {
		t.Errorf("home is not the top:\n%s", got)
	}
	if selectedID(m) != "7886" {
		t.Errorf("scrolling the details moved the selection to %s", selectedID(m))
	}
	m = do(t, m, "esc")
	if m.focus != onPage || !strings.HasPrefix(line(m, "FOSS in times"), ">") {
		t.Errorf("esc did not go back to the list:\n%s", m.View())
	}
	m = do(t, m, "enter", "enter")
	if m.focus != onPage {
		t.Errorf("enter did not close the details")
	}
}

func TestSearch(t *testing.T) {
	m, _ := browser(t, december)
	m = do(t, m, "/", "r", "u", "s", "t")
	if m.focus != onSearch || !strings.Contains(m.header(), "match /rust") || !strings.Contains(m.View(), "\n/rust") {
		t.Fatalf("typing a search:\n%s", m.View())
	}
	n := len(m.day.shown)
	for _, s := range m.day.shown {
		if !m.filters.query.Match(s) {
			t.Errorf("%s %q shown for rust", s.ID, s.Title)
		}
	}
	if !strings.Contains(m.header(), "on Sun") {
		t.Errorf("the header does not count Sunday's matches: %q", m.header())
	}
	kept := do(t, m, "enter")
	if kept.focus != onPage || len(kept.day.shown) != n || strings.Contains(kept.View(), "\n/rust") {
		t.Errorf("enter did not keep the search and close the line:\n%s", kept.View())
	}
	if got := do(t, kept, "esc"); got.filters.query != nil || len(got.day.shown) != 484 {
		t.Errorf("esc on the page did not drop the search")
	}
	moved := do(t, m, "down")
	if moved.focus != onPage || selectedID(moved) == selectedID(kept) {
		t.Errorf("↓ in the search line should leave it and move down")
	}
	dropped := do(t, m, "esc")
	if dropped.focus != onPage || dropped.filters.query != nil || len(dropped.day.shown) != 484 || dropped.search.Value() != "" {
		t.Errorf("esc in the search line did not drop it")
	}
	// Keys typed faster than read come as one message.
	typed, _ := browser(t, december)
	typed = do(t, typed, "/rust")
	if typed.search.Value() != "rust" || len(typed.day.shown) != n {
		t.Errorf("typed ahead: search %q, %d shown, want rust, %d", typed.search.Value(), len(typed.day.shown), n)
	}
}

func TestFilters(t *testing.T) {
	m0, _ := browser(t, saturday1115, "7886", "7022")
	for _, c := range []struct {
		keys   []string
		words  string // in the header
		status string
		pass   func(*schedule.Session) bool
	}{
		{[]string{"K"}, "kind talk", "kind: talk", func(s *schedule.Session) bool { return s.Kind == schedule.KindTalk }},
		{[]string{"K", "K"}, "kind workshop", "kind: workshop", func(s *schedule.Session) bool { return s.Kind == schedule.KindWorkshop }},
		{[]string{"P"}, "picked", "", func(s *schedule.Session) bool { return s.ID == "7886" || s.ID == "7022" }},
		{[]string{"A"}, "from now", "", func(s *schedule.Session) bool { return s.End.After(saturday1115) }},
		{[]string{"j", "T"}, "track Main Track", "", func(s *schedule.Session) bool { return s.Track == "Main Track" }},
		{[]string{"R"}, "room Janson", "", func(s *schedule.Session) bool { return s.Room == "Janson" }},
		{[]string{"F"}, "fits plan", "", func(s *schedule.Session) bool { // 7886 is 10:00–10:50
			return s.ID == "7886" || s.ID == "7022" || !s.Start.Before(time.Date(2026, 1, 31, 9, 50, 0, 0, time.UTC)) || !s.End.After(time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC))
		}},
	} {
		m := do(t, m0, c.keys...)
		if !strings.Contains(m.header(), "match "+c.words) {
			t.Errorf("%v: header %q", c.keys, m.header())
		}
		if c.status != "" && status(m) != c.status {
			t.Errorf("%v: status %q, want %q", c.keys, status(m), c.status)
		}
		if len(m.day.shown) == 0 || len(m.day.shown) == 484 {
			t.Errorf("%v: %d shown", c.keys, len(m.day.shown))
		}
		for _, s := range m.day.shown {
			if !c.pass(s) {
				t.Errorf("%v: %s shown", c.keys, s.ID)
			}
		}
		if x := do(t, m, "x"); len(x.day.shown) != 484 || x.filters.words() != nil {
			t.Errorf("%v then x: %d shown, %v", c.keys, len(x.day.shown), x.filters.words())
		}
		if off := do(t, m, c.keys[len(c.keys)-1]); c.keys[0] != "K" && len(off.day.shown) != 484 {
			t.Errorf("%v twice: the filter is still on (%d shown)", c.keys, len(off.day.shown))
		}
	}
}

func TestPickPriorityNoteSave(t *testing.T) {
	m, path := browser(t, december, "7022")
	m, cmd := press(m, "j", "space") // 7886 overlaps 7022
	if got := status(m); got != "saving…" {
		t.Errorf("while saving, status %q", got)
	}
	if !strings.HasPrefix(line(m, "FOSS in times"), ">☆!") {
		t.Errorf("the pick does not show at once: %q", line(m, "FOSS in times"))
	}
	m, _ = settle(t, m, cmd)
	if got := status(m); !strings.HasPrefix(got, "picked; ✗ overlaps “Wayland compositors for fun and profit”") {
		t.Errorf("after the save, status %q", got)
	}
	if pk := onDisk(t, path).Pick("7886"); pk == nil || pk.Priority != schedule.Want {
		t.Fatalf("7886 not saved as want: %+v", pk)
	}
	for _, want := range []schedule.Priority{schedule.Maybe, schedule.Must, schedule.Want} {
		m = do(t, m, "p")
		if got := onDisk(t, path).Pick("7886").Priority; got != want || status(m) != "priority "+string(want) {
			t.Errorf("p: %s on disk, status %q; want %s", got, status(m), want)
		}
	}
	m = do(t, m, "e")
	if m.focus != onNote || !strings.Contains(m.View(), "note: ") {
		t.Fatalf("e on a pick did not open the note line:\n%s", m.View())
	}
	m = do(t, m, "a", "s", "k", " ", "a", "b", "o", "u", "t", " ", "C", "L", "A", "enter")
	if got := onDisk(t, path).Pick("7886").Note; got != "ask about CLA" || status(m) != "note saved" || m.focus != onDetails {
		t.Errorf("note on disk %q, status %q, focus %d", got, status(m), m.focus)
	}
	m = do(t, m, "e", "x", "esc")
	if got := onDisk(t, path).Pick("7886").Note; got != "ask about CLA" || status(m) != "note not changed" {
		t.Errorf("esc in the note: %q on disk, status %q", got, status(m))
	}
	m = do(t, m, "esc", "space")
	if onDisk(t, path).Pick("7886") != nil || status(m) != "unpicked “FOSS in times of war, scarcity and (adversarial) AI”" {
		t.Errorf("space on a pick did not unpick it: status %q", status(m))
	}
	for _, k := range []string{"p", "e"} {
		if got := status(do(t, m, k)); !strings.HasPrefix(got, "pick the session first (space)") {
			t.Errorf("%s on no pick: %q", k, got)
		}
	}
}

// Edits made while a save is under way wait for it and are saved in
// order, none lost; the screen shows them all at once.
func TestEditsQueueBehindASave(t *testing.T) {
	m, path := browser(t, december)
	m, first := press(m, "space") // 8376, saving
	m, more := press(m, "j", "space", "p", "j", "space")
	if more != nil {
		if msg := more(); msg != nil {
			t.Fatalf("a second save started while one was under way: %T", msg)
		}
	}
	for _, id := range []string{"8376", "7886", "9746"} {
		if m.marks.picks[id] == nil {
			t.Errorf("%s is not shown picked while saving", id)
		}
	}
	if m.saves.busy != 1 || len(m.saves.queue) != 4 {
		t.Errorf("%d in flight, %d queued", m.saves.busy, len(m.saves.queue))
	}
	m, _ = settle(t, m, first)
	p := onDisk(t, path)
	for id, prio := range map[string]schedule.Priority{"8376": schedule.Want, "7886": schedule.Maybe, "9746": schedule.Want} {
		if pk := p.Pick(id); pk == nil || pk.Priority != prio {
			t.Errorf("%s on disk: %+v, want %s", id, pk, prio)
		}
	}
	if m.saves.pending() || !strings.HasPrefix(status(m), "picked; ✗ overlaps “FOSS in times of war") {
		t.Errorf("after the saves: pending %v, status %q", m.saves.pending(), status(m))
	}
}

// A save the store refuses says why, and the screen goes back to the
// plan on disk.
func TestFailedSave(t *testing.T) {
	m, path := browser(t, december)
	m, cmd := press(m, "space")
	if err := os.WriteFile(path, []byte("version: 1\npicks: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, _ = settle(t, m, cmd)
	if got := status(m); !strings.HasPrefix(got, "not saved: ") || !strings.Contains(got, "plan.yaml") {
		t.Errorf("status %q", got)
	}
	if m.marks.picks["8376"] != nil {
		t.Errorf("the unsaved pick is still shown")
	}
}

// q waits for the saves; Ctrl-C twice does not.
func TestQuitWaitsForTheSave(t *testing.T) {
	m, path := browser(t, december)
	m, save := press(m, "space")
	m, cmd := press(m, "q")
	if cmd != nil {
		if _, ok := cmd().(tea.QuitMsg); ok {
			t.Fatal("q quit with a save under way")
		}
	}
	if got := status(m); got != "saving… (quits when saved; Ctrl-C quits now)" {
		t.Errorf("status %q", got)
	}
	m, quit := settle(t, m, save)
	if !quit || onDisk(t, path).Pick("8376") == nil {
		t.Errorf("after the save: quit %v, saved %v", quit, onDisk(t, path).Pick("8376") != nil)
	}
	if m.View() != "" {
		t.Errorf("the screen is not cleared on quitting")
	}

	m, _ = browser(t, december)
	m, _ = press(m, "space")
	m, cmd = press(m, "ctrl+c")
	if cmd != nil {
		t.Errorf("the first Ctrl-C with a save under way quit")
	}
	if _, cmd = press(m, "ctrl+c"); cmd == nil {
		t.Fatal("the second Ctrl-C did not quit")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("the second Ctrl-C did not quit")
	}
	m, _ = browser(t, december)
	if _, cmd = press(m, "q"); cmd == nil {
		t.Error("q with nothing to save did not quit")
	}
}

// Every page fits the screen, at the smallest size and at large ones,
// with the help open and in each mode.
func TestEveryScreenFits(t *testing.T) {
	m0, _ := browser(t, saturday1115, "7886", "7022")
	for _, size := range [][2]int{{20, 6}, {80, 24}, {200, 50}, {43, 9}} {
		for _, keys := range [][]string{nil, {"2"}, {"3"}, {"4"}, {"j", "enter"}, {"j", "e"}, {"/", "r"}, {"?"}, {"2", "?", "l", "j"}, {"]", "G"}} {
			m := m0
			m.SetSize(size[0], size[1])
			m = do(t, m, keys...)
			lines := strings.Split(m.View(), "\n")
			if len(lines) != max(size[1], 6) {
				t.Errorf("%v %v: %d lines", size, keys, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > max(size[0], 20) {
					t.Errorf("%v %v: line %d is %d columns: %q", size, keys, i+1, w, l)
				}
			}
		}
	}
}

// A resize keeps the selection in sight.
func TestResize(t *testing.T) {
	m, _ := browser(t, december)
	m = do(t, m, "pgdown", "pgdown")
	id := selectedID(m)
	next, _ := m.Update(tea.WindowSizeMsg{Width: 60, Height: 8})
	m = next.(Model)
	if selectedID(m) != id || !strings.HasPrefix(line(m, ">"), ">") || len(strings.Split(m.View(), "\n")) != 8 {
		t.Errorf("after a resize:\n%s", m.View())
	}
}

// n on the grid goes to the quarter hour of now.
func TestGridNow(t *testing.T) {
	m, _ := browser(t, saturday1115)
	m = do(t, m, "2", "n")
	g := m.env().grid()
	if p := m.pages[ViewGrid].(gridPage); g.start.Add(time.Duration(p.row)*gridStep).Format("15:04") != "11:15" {
		t.Errorf("n: row %d", p.row)
	}
	if line(m, "now ▶") == "" {
		t.Errorf("no now row:\n%s", m.View())
	}
}

// Under P (picks only) an unpick drops the session from the list and the
// cursor stays on the picks.
func TestUnpickUnderPicked(t *testing.T) {
	m, path := browser(t, december, "8376", "7886", "7022")
	m = do(t, m, "P", "j")
	if selectedID(m) != "7886" || len(m.day.shown) != 3 {
		t.Fatalf("P: %d shown, %s selected", len(m.day.shown), selectedID(m))
	}
	m = do(t, m, "space")
	if len(m.day.shown) != 2 || m.selected() == nil || onDisk(t, path).Pick("7886") != nil {
		t.Errorf("after the unpick: %d shown, selected %s", len(m.day.shown), selectedID(m))
	}
}

// Text from the program and the plan file reaches the screen as text:
// the only escape sequences in a frame are the browser's own styles.
func TestHostileTextStaysText(t *testing.T) {
	const hostile = "\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[H\a\u009b2J\u0085\x7f\u202e\r"
	evil := schedule.Session{ID: "e1" + hostile, Title: "Harmless" + hostile, Room: "A" + hostile, Track: "T" + hostile,
		Abstract: "about" + hostile, URL: "https://ok.example/\rurl:      https://phish.example/",
		Start: time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 5, 10, 30, 0, 0, time.UTC)}
	other := evil
	other.ID, other.Title = "e2", "Other"+hostile
	other.Start, other.End = other.Start.Add(15*time.Minute), other.End.Add(15*time.Minute)
	p := &schedule.Plan{Version: schedule.FormatVersion}
	p.Conference.Name = "t" + hostile
	if _, err := p.Add([]string{"e2"}, map[string]*schedule.Session{"e2": &other}, schedule.AddOptions{Note: "note" + hostile}); err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	m := New(Options{Name: p.Conference.Name, Sessions: []*schedule.Session{&evil, &other}, Plan: p, Renderer: r,
		Now: func() time.Time { return evil.Start }})
	sgr := regexp.MustCompile("\x1b\\[[0-9;]*m")
	for _, keys := range [][]string{nil, {"enter"}, {"j", "enter"}, {"2"}, {"3"}, {"4"}, {"/", "h"}} {
		screen := do(t, m, keys...).View()
		if !strings.Contains(screen, "\x1b[") {
			t.Fatalf("%v: no styles at all:\n%q", keys, screen)
		}
		for _, r := range sgr.ReplaceAllString(screen, "") {
			if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e {
				t.Errorf("%v: %U on the screen:\n%q", keys, r, screen)
				break
			}
		}
		if strings.Contains(screen, "\x1b[8m") {
			t.Errorf("%v: concealed text", keys)
		}
	}
}
