package schedule_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Tracing with eBPF, RISC-V and C++ in 2026", []string{"Tracing", "with", "eBPF", "RISC-V", "and", "C++", "in"}},
		{"Rust's borrow checker; don't panic!", []string{"Rust", "borrow", "checker", "don't", "panic"}},
		{"C# and F# on .NET vs node.js (v2.1)", []string{"C#", "and", "F#", "on", ".NET", "vs", "node.js", "v2.1"}},
		{"a+b = c, 3.14, x86_64 -- end.", []string{"x86_64", "end"}},
		{"Was ist ’ne Hacker’s Übersicht?", []string{"Was", "ist", "ne", "Hacker", "Übersicht"}},
	} {
		if got := schedule.Words(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// fomoProgram is 30 sessions in 6 hourly slots and 5 rooms, room r in
// track tracks[r]. Twelve mention eBPF, in the title, abstract or tags;
// every other word is in 6 sessions at most.
func fomoProgram() []*schedule.Session {
	vocab := strings.Fields("tracing scheduler networking observability firewall profiling compilers storage databases security containers browsers graphics audio robotics")
	tracks := []string{"Kernel", "Cloud", "Desktop", "Embedded", "Web"}
	var out []*schedule.Session
	for i := 0; i < 30; i++ {
		s := &schedule.Session{
			ID:       fmt.Sprintf("s%02d", i),
			Title:    fmt.Sprintf("%s and %s", strings.ToUpper(vocab[i%15][:1])+vocab[i%15][1:], vocab[(i+4)%15]),
			Abstract: fmt.Sprintf("This talk is about %s for everyone.", vocab[(i+9)%15]),
			Kind:     schedule.KindTalk,
			Room:     fmt.Sprintf("Room %d", i%5),
			Track:    tracks[i%5],
		}
		s.Start = at(la, "2025-03-07 09:00").Add(time.Duration(i/5) * time.Hour)
		s.End = s.Start.Add(50 * time.Minute)
		switch i % 10 {
		case 0:
			s.Title = "eBPF: " + s.Title
			s.Abstract += " We use eBPF a lot." // twice in one session counts once
		case 2:
			s.Abstract += " Built on eBPF-based probes."
		case 5:
			s.Tags = []string{"ebpf"}
		case 7:
			s.Abstract += " EBPF everywhere."
		}
		out = append(out, s)
	}
	out[27].Start, out[27].End = time.Time{}, time.Time{} // not scheduled yet
	return out
}

func pickOf(s *schedule.Session, pr schedule.Priority) *schedule.Pick {
	return &schedule.Pick{Session: *s, Priority: pr, Status: schedule.Planned}
}

func sessionIDs(ss []*schedule.Session) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func TestSuggestRanksTheHottestTopicAndOffersWhatFits(t *testing.T) {
	program := fomoProgram()
	picks := []*schedule.Pick{
		pickOf(program[1], schedule.Want),  // 09:00 Room 1: overlaps s00 and s02
		pickOf(program[13], schedule.Must), // 11:00 Room 3
	}
	v := &schedule.Venue{DefaultWalk: 5}
	v.SetWalk("Room 3", "Room 2", 15) // s07 (Room 2, to 10:50) and s17 (Room 2, from 12:00) are too tight

	res := schedule.Suggest(program, picks, v, schedule.SuggestOptions{})
	if len(res.Topics) != 10 {
		t.Fatalf("%d topics, want 10", len(res.Topics))
	}
	if got, want := res.Topics[0], (schedule.Topic{Topic: "eBPF", Sessions: 12, Tracks: 2, Covered: 0}); got != want {
		t.Fatalf("first topic = %+v, want %+v", got, want)
	}
	for _, tp := range res.Topics[1:] {
		if tp.Sessions != 6 {
			t.Errorf("topic %+v: want 6 sessions", tp)
		}
	}
	var ebpf []string
	for _, s := range res.Sessions {
		if s.Topic == "eBPF" {
			ebpf = append(ebpf, s.Session.ID)
		}
	}
	want := []string{"s05", "s15", "s20", "s22", "s25"}
	if !slices.Equal(ebpf, want) {
		t.Fatalf("eBPF sessions offered = %v, want %v", ebpf, want)
	}
	if got := res.Sessions[0]; got.Session.ID != "s05" || got.Reason != `on "eBPF", which 12 sessions in 2 tracks mention and none of your picks; it fits your plan` {
		t.Errorf("first suggestion = %s %q", got.Session.ID, got.Reason)
	}
	if len(res.Sessions) != 10 {
		t.Errorf("%d sessions offered, want 10 (the default)", len(res.Sessions))
	}
	// Every offered session fits, is not picked, and appears once.
	seen := map[string]bool{}
	for _, sg := range res.Sessions {
		if seen[sg.Session.ID] {
			t.Errorf("%s offered twice", sg.Session.ID)
		}
		seen[sg.Session.ID] = true
		for _, p := range picks {
			if _, _, bad := schedule.Conflict(&p.Session, sg.Session, v); bad || p.ID == sg.Session.ID {
				t.Errorf("%s offered but clashes with pick %s", sg.Session.ID, p.ID)
			}
		}
	}

	// Asking about the topic gives only its fitting sessions.
	res = schedule.Suggest(program, picks, v, schedule.SuggestOptions{Topic: "EBPF"})
	if len(res.Topics) != 1 || res.Topics[0].Topic != "eBPF" {
		t.Fatalf("topics for --topic EBPF = %+v", res.Topics)
	}
	var got []string
	for _, s := range res.Sessions {
		got = append(got, s.Session.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("sessions for --topic EBPF = %v, want %v", got, want)
	}

	// Once a pick covers eBPF, it is no longer offered, unless asked for.
	picks = append(picks, pickOf(program[20], schedule.Maybe))
	// All other topics tie at 6 sessions in 2 tracks, so they rank
	// alphabetically: audio (covered by s13), browsers, compilers. Of
	// theirs only s26 (browsers, 14:00) and s06 (compilers, 10:00) fit.
	res = schedule.Suggest(program, picks, v, schedule.SuggestOptions{MaxTopics: 4, MaxSessions: 4})
	var topics []string
	for _, tp := range res.Topics {
		topics = append(topics, fmt.Sprintf("%s %d/%d/%d", tp.Topic, tp.Sessions, tp.Tracks, tp.Covered))
	}
	if want := []string{"eBPF 12/2/1", "audio 6/2/1", "browsers 6/2/0", "compilers 6/2/0"}; !slices.Equal(topics, want) {
		t.Fatalf("topics = %q, want %q", topics, want)
	}
	var offered []string
	for _, s := range res.Sessions {
		offered = append(offered, s.Session.ID+" "+s.Topic)
	}
	if want := []string{"s26 browsers", "s06 compilers"}; !slices.Equal(offered, want) {
		t.Errorf("offered %q, want %q", offered, want)
	}
	res = schedule.Suggest(program, picks, v, schedule.SuggestOptions{MaxTopics: 4, MaxSessions: 1})
	if len(res.Sessions) != 1 || res.Sessions[0].Session.ID != "s26" {
		t.Errorf("with at most one session: %+v", res.Sessions)
	}
	res = schedule.Suggest(program, picks, v, schedule.SuggestOptions{Topic: "ebpf"})
	got = got[:0]
	for _, s := range res.Sessions {
		got = append(got, s.Session.ID)
	}
	// s20 (13:00, Room 0) is picked now: s22 at 13:00 overlaps it.
	if want := []string{"s05", "s15", "s25"}; !slices.Equal(got, want) {
		t.Errorf("sessions for ebpf with s20 picked = %v, want %v", got, want)
	}
	if !strings.Contains(res.Sessions[0].Reason, "1 of your picks") {
		t.Errorf("reason %q should say 1 pick covers it", res.Sessions[0].Reason)
	}
}

func TestSuggestSkipsCancelledAndInactive(t *testing.T) {
	program := fomoProgram()
	program[5].Cancelled = true // an eBPF session
	skipped := pickOf(program[15], schedule.Want)
	skipped.Status = schedule.Skipped // mentions eBPF, but skipped: covers nothing
	gone := pickOf(program[1], schedule.Must)
	gone.Gone = true // would overlap s00 and s02, but is gone
	res := schedule.Suggest(program, []*schedule.Pick{skipped, gone}, nil, schedule.SuggestOptions{Topic: "eBPF"})
	if res.Topics[0].Sessions != 11 || res.Topics[0].Covered != 0 {
		t.Fatalf("eBPF = %+v, want 11 sessions (one cancelled), covered by none", res.Topics[0])
	}
	var got []string
	for _, s := range res.Sessions {
		got = append(got, s.Session.ID)
	}
	if want := []string{"s00", "s02", "s07", "s10", "s12", "s15", "s17", "s20", "s22", "s25"}; !slices.Equal(got, want) {
		t.Errorf("offered %v, want %v", got, want)
	}
	if res := schedule.Suggest(program, nil, nil, schedule.SuggestOptions{Topic: "quantum"}); len(res.Topics) != 0 || len(res.Sessions) != 0 {
		t.Errorf("unknown topic gave %+v", res)
	}
	// Asked for, a topic of a single session is shown too.
	program[3].Abstract += " Quantum computers!"
	res = schedule.Suggest(program, nil, nil, schedule.SuggestOptions{Topic: " QUANTUM "})
	if len(res.Topics) != 1 || res.Topics[0] != (schedule.Topic{Topic: "Quantum", Sessions: 1, Tracks: 1}) || len(res.Sessions) != 1 || res.Sessions[0].Session.ID != "s03" {
		t.Errorf("quantum: %+v", res)
	}
	if res := schedule.Suggest(program, nil, nil, schedule.SuggestOptions{MaxTopics: 1000}); slices.ContainsFunc(res.Topics, func(tp schedule.Topic) bool { return tp.Topic == "Quantum" }) {
		t.Errorf("a word of one session ranked as a topic: %+v", res.Topics)
	}
}

func parseProgram(t testing.TB, file string) []*schedule.Session {
	t.Helper()
	name := filepath.Join("..", "testdata", "programs", file)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	feed, err := importer.Parse(data, "", importer.Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return feed.Sessions
}

// TestSuggestFOSDEM checks the counts on FOSDEM 2026 against a plain
// word-boundary search of each session's text.
func TestSuggestFOSDEM(t *testing.T) {
	program := parseProgram(t, "fosdem-2026-pentabarf.xml")
	res := schedule.Suggest(program, nil, nil, schedule.SuggestOptions{MaxTopics: 1 << 20})
	byKey := map[string]schedule.Topic{}
	for i, tp := range res.Topics {
		byKey[strings.ToLower(tp.Topic)] = tp
		if i > 0 {
			prev := res.Topics[i-1]
			if prev.Sessions < tp.Sessions || prev.Sessions == tp.Sessions && prev.Tracks < tp.Tracks {
				t.Fatalf("topics out of order: %+v before %+v", prev, tp)
			}
		}
	}
	for _, word := range []string{"ebpf", "rust", "kernel", "webassembly", "risc-v"} {
		re := regexp.MustCompile(`(?i)(^|[^\pL\pN_.])` + regexp.QuoteMeta(word) + `([^\pL\pN_]|\.(\s|$)|$)`)
		sessions, tracks := 0, map[string]bool{}
		for _, s := range program {
			text := strings.Join(append([]string{s.Title, s.Subtitle, s.Abstract, s.Track}, s.Tags...), "\n")
			if !s.Cancelled && re.MatchString(text) {
				sessions++
				tracks[s.Track] = true
			}
		}
		tp, ok := byKey[word]
		if !ok {
			t.Errorf("%s is not a topic", word)
			continue
		}
		if tp.Sessions != sessions || tp.Tracks != len(tracks) {
			t.Errorf("%s: %d sessions in %d tracks, the text has %d in %d", word, tp.Sessions, tp.Tracks, sessions, len(tracks))
		}
	}
	// The eBPF devroom has 16 sessions; the topic reaches beyond it.
	if tp := byKey["ebpf"]; tp.Topic != "eBPF" || tp.Sessions <= 16 {
		t.Errorf("eBPF topic = %+v, want spelled eBPF and more than the devroom's 16 sessions", tp)
	}
	for _, stop := range []string{"the", "talk", "session", "introduction", "using", "new", "how", "und", "github.com", "https"} {
		if _, ok := byKey[stop]; ok {
			t.Errorf("%q should not be a topic", stop)
		}
	}
}

func BenchmarkSuggestFOSDEM(b *testing.B) {
	program := parseProgram(b, "fosdem-2026-pentabarf.xml")
	var picks []*schedule.Pick
	for i := 0; i < len(program); i += 9 {
		picks = append(picks, pickOf(program[i], schedule.Want))
	}
	v := &schedule.Venue{DefaultWalk: 5}
	b.ResetTimer()
	for b.Loop() {
		schedule.Suggest(program, picks, v, schedule.SuggestOptions{})
	}
}

// A topic asked for by name may be in one session only: its reason says
// "1 session in 1 track mentions", not "1 sessions … mention".
func TestSuggestReasonSingular(t *testing.T) {
	t.Parallel()
	program := fomoProgram()
	program[3].Abstract += " Written in Zig."
	res := schedule.Suggest(program, nil, nil, schedule.SuggestOptions{Topic: "zig"})
	if len(res.Sessions) != 1 || res.Sessions[0].Session.ID != "s03" {
		t.Fatalf("sessions for --topic zig = %+v", res.Sessions)
	}
	if got, want := res.Sessions[0].Reason, `on "Zig", which 1 session in 1 track mentions and none of your picks; it fits your plan`; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
}
