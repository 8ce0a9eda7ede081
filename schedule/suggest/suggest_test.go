package suggest_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/importer"
	"github.com/plan-cli/plan/schedule/suggest"
)

// la is where the hand-made test conferences happen.
var la = mustZone("America/Los_Angeles")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall-clock time "2025-03-07 10:30" in loc.
func at(loc *time.Location, s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
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

func TestSuggestRanksTheHottestTopicAndOffersWhatFits(t *testing.T) {
	program := fomoProgram()
	picks := []*schedule.Pick{
		pickOf(program[1], schedule.Want),  // 09:00 Room 1: overlaps s00 and s02
		pickOf(program[13], schedule.Must), // 11:00 Room 3
	}
	v := &schedule.Venue{DefaultWalk: 5}
	v.SetWalk("Room 3", "Room 2", 15) // s07 (Room 2, to 10:50) and s17 (Room 2, from 12:00) are too tight

	res := suggest.Suggest(program, picks, v, suggest.Options{})
	if len(res.Topics) != 10 {
		t.Fatalf("%d topics, want 10", len(res.Topics))
	}
	first := res.Topics[0]
	if first.Topic != "eBPF" || first.Sessions != 12 || first.Tracks != 2 || first.Covered != 0 ||
		!slices.Equal(first.Forms, []string{"eBPF", "EBPF", "ebpf"}) || !slices.Equal(first.TrackNames, []string{"Desktop", "Kernel"}) {
		t.Fatalf("first topic = %+v, want eBPF in 12 sessions of 2 tracks, in three forms", first)
	}
	// The other words are in lower case in mid-sentence: vocabulary, far below.
	for _, tp := range res.Topics[1:] {
		if tp.Sessions != 6 || tp.Heat*10 > first.Heat {
			t.Errorf("topic %+v: want 6 sessions and a tenth of eBPF's heat at most", tp)
		}
	}
	// Offers go round the topics: the best eBPF session (in its title)
	// first, then the other topics', then eBPF's second best (in its tags).
	var ebpf []string
	topics := map[string]bool{}
	for _, s := range res.Sessions {
		topics[s.Topic] = true
		if s.Topic == "eBPF" {
			ebpf = append(ebpf, s.Session.ID)
		}
	}
	if got := res.Sessions[0]; got.Session.ID != "s20" || got.Reason != "on eBPF, which 12 sessions in 2 tracks mention and none of your picks; fits after 11:50" {
		t.Errorf("first suggestion = %s %q", got.Session.ID, got.Reason)
	}
	if want := []string{"s20", "s25"}; !slices.Equal(ebpf, want) {
		t.Errorf("eBPF sessions offered = %v, want %v", ebpf, want)
	}
	if len(res.Sessions) != 10 || len(topics) < 3 {
		t.Errorf("%d sessions offered on %d topics, want 10 (the default) on 3 or more", len(res.Sessions), len(topics))
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

	// Asking about the topic gives only its fitting sessions, best first:
	// in the title, then in the tags, then in the abstract, each by time.
	want := []string{"s20", "s05", "s15", "s25", "s22"}
	for _, q := range []string{"EBPF", "bpf", " eBPF "} {
		res = suggest.Suggest(program, picks, v, suggest.Options{Topic: q})
		if len(res.Topics) != 1 || res.Topics[0].Topic != "eBPF" {
			t.Fatalf("topics for --topic %q = %+v", q, res.Topics)
		}
		var got []string
		for _, s := range res.Sessions {
			got = append(got, s.Session.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("sessions for --topic %q = %v, want %v", q, got, want)
		}
	}
	// Only sessions from 13:00.
	res = suggest.Suggest(program, picks, v, suggest.Options{Topic: "ebpf", StartsAfter: at(la, "2025-03-07 13:00")})
	if got := sessionIDsOf(res.Sessions); !slices.Equal(got, []string{"s20", "s25", "s22"}) {
		t.Errorf("--after 13:00: %v", got)
	}

	// Once a pick covers eBPF, it is no longer offered, unless asked for.
	picks = append(picks, pickOf(program[20], schedule.Maybe))
	res = suggest.Suggest(program, picks, v, suggest.Options{})
	if res.Topics[0].Topic != "eBPF" || res.Topics[0].Covered != 1 {
		t.Fatalf("eBPF = %+v, want covered by 1 pick", res.Topics[0])
	}
	for _, s := range res.Sessions {
		if s.Topic == "eBPF" {
			t.Errorf("%s offered on eBPF, which a pick covers", s.Session.ID)
		}
	}
	res = suggest.Suggest(program, picks, v, suggest.Options{Topic: "ebpf"})
	// s20 (13:00, Room 0) is picked now: s22 at 13:00 overlaps it.
	if got, want := sessionIDsOf(res.Sessions), []string{"s05", "s15", "s25"}; !slices.Equal(got, want) {
		t.Errorf("sessions for ebpf with s20 picked = %v, want %v", got, want)
	}
	if r := res.Sessions[0].Reason; !strings.Contains(r, "1 of your picks") || !strings.HasSuffix(r, "; fits between 09:50 and 11:00") {
		t.Errorf("reason %q should say 1 pick covers it, and where it fits", r)
	}
}

func sessionIDsOf(sg []suggest.Offer) []string {
	out := []string{}
	for _, s := range sg {
		out = append(out, s.Session.ID)
	}
	return out
}

func TestSuggestSkipsCancelledAndInactive(t *testing.T) {
	program := fomoProgram()
	program[5].Cancelled = true // an eBPF session
	skipped := pickOf(program[15], schedule.Want)
	skipped.Status = schedule.Skipped // mentions eBPF, but skipped: covers nothing
	gone := pickOf(program[1], schedule.Must)
	gone.Gone = true // would overlap s00 and s02, but is gone
	res := suggest.Suggest(program, []*schedule.Pick{skipped, gone}, nil, suggest.Options{Topic: "eBPF"})
	if res.Topics[0].Sessions != 11 || res.Topics[0].Covered != 0 {
		t.Fatalf("eBPF = %+v, want 11 sessions (one cancelled), covered by none", res.Topics[0])
	}
	got := sessionIDsOf(res.Sessions)
	slices.Sort(got)
	if want := []string{"s00", "s02", "s07", "s10", "s12", "s15", "s17", "s20", "s22", "s25"}; !slices.Equal(got, want) {
		t.Errorf("offered %v, want %v", got, want)
	}
	if res := suggest.Suggest(program, nil, nil, suggest.Options{Topic: "quantum"}); len(res.Topics) != 0 || len(res.Sessions) != 0 {
		t.Errorf("unknown topic gave %+v", res)
	}
	// Asked for, a topic of a single session is shown too.
	program[3].Abstract += " Quantum computers!"
	res = suggest.Suggest(program, nil, nil, suggest.Options{Topic: " QUANTUM "})
	if len(res.Topics) != 1 || res.Topics[0].Topic != "Quantum" || res.Topics[0].Sessions != 1 || len(res.Sessions) != 1 || res.Sessions[0].Session.ID != "s03" {
		t.Errorf("quantum: %+v", res)
	}
	if res := suggest.Suggest(program, nil, nil, suggest.Options{MaxTopics: 1000}); slices.ContainsFunc(res.Topics, func(tp suggest.Topic) bool { return tp.Topic == "Quantum" }) {
		t.Errorf("a word of one session ranked as a topic: %+v", res.Topics)
	}
}

// TestSuggestMergesFormsAndKeepsCompounds: spellings of one name are one
// topic, and words that recur together are one.
func TestSuggestMergesFormsAndKeepsCompounds(t *testing.T) {
	t.Parallel()
	abstracts := []string{
		"We port the kernel to RISC-V boards. Cloud Native tools and the Cyber Resilience Act (CRA) matter here.",
		"Booting risc v machines with Postgres inside containers. The CRA asks a lot.",
		"A riscv build farm runs PostgreSQL in a container; it is cloud-native and fast.",
		"Tracing with BPF. How the Cyber Resilience Act changes Nix packaging.",
		"eBPF programs on NixOS, in containers. Cloud Native again: the cloud native way.",
		"The CRA and the Cyber Resilience Act for Nix users; eBPF for Postgres.",
	}
	var program []*schedule.Session
	for i, a := range abstracts {
		s := &schedule.Session{ID: fmt.Sprintf("m%d", i), Title: fmt.Sprintf("Session %d", i), Abstract: a,
			Track: []string{"Kernel", "Databases", "Cloud"}[i%3], Room: fmt.Sprintf("R%d", i%3), Speakers: []string{fmt.Sprintf("Speaker %d", i)}}
		s.Start = at(la, "2025-03-07 09:00").Add(time.Duration(i) * time.Hour)
		s.End = s.Start.Add(50 * time.Minute)
		program = append(program, s)
	}
	res := suggest.Suggest(program, nil, nil, suggest.Options{MaxTopics: 100})
	byForm := map[string]suggest.Topic{}
	for _, tp := range res.Topics {
		for _, f := range tp.Forms {
			if other, dup := byForm[f]; dup {
				t.Errorf("%q is a form of both %q and %q", f, other.Topic, tp.Topic)
			}
			byForm[f] = tp
		}
	}
	for _, group := range [][]string{
		{"RISC-V", "risc v", "riscv"},
		{"Postgres", "PostgreSQL"},
		{"containers", "container"},
		{"Cloud Native", "cloud-native", "cloud native"},
		{"Cyber Resilience Act", "CRA"},
		{"eBPF", "BPF"},
		{"Nix", "NixOS"},
	} {
		tp, ok := byForm[group[0]]
		if !ok {
			t.Errorf("%q is no topic; topics: %+v", group[0], res.Topics)
			continue
		}
		for _, f := range group[1:] {
			if !slices.Contains(tp.Forms, f) {
				t.Errorf("topic %q (forms %q) does not hold %q", tp.Topic, tp.Forms, f)
			}
		}
		// --topic takes any form.
		for _, f := range group {
			if r := suggest.Suggest(program, nil, nil, suggest.Options{Topic: strings.ToLower(f)}); len(r.Topics) != 1 || r.Topics[0].Topic != tp.Topic {
				t.Errorf("--topic %q gave %+v, want %q", strings.ToLower(f), r.Topics, tp.Topic)
			}
		}
	}
	for _, word := range []string{"Cloud", "Native", "Cyber", "Resilience", "Act", "kernel", "Tracing"} {
		if tp, ok := byForm[word]; ok && tp.Sessions > 1 {
			t.Errorf("%q is a topic of its own: %+v", word, tp)
		}
	}
}

func parseProgram(t testing.TB, file string) []*schedule.Session {
	t.Helper()
	name := filepath.Join("..", "..", "testdata", "programs", file)
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

// hallway are topics people name in a hallway: technologies, projects,
// companies, standards and phrases, as keys (lower case, no spaces,
// hyphens or dots). A list to judge the results by, not used to find
// them.
var hallway = strings.Fields(`
linux ai artificialintelligence rust python eu kubernetes gnu riscv android c++ sbom postgresql llm cra
cyberresilienceact webassembly git github ebpf nix cloudnative openstack generativeai aws google docker
django micropython rest iot ml raspberrypi chatgpt ki apple windows llms machinelearning supplychain
supplychainsecurity digitalsovereignty qemu duckdb openstreetmap hpc arm gpu fpga dns ipv6 kde gnome
matrix mastodon fediverse openai java javascript typescript golang go kotlin swift zig haskell ocaml
wayland systemd debian fedora ubuntu nixos guix freebsd openbsd proxmox tailscale opensearch atproto
homeassistant mysql sqlite redis kafka spark terraform ansible openinfra opentelemetry grafana prometheus
firefox chromium servo webkit llvm gcc
`)

// plainWords tell vocabulary: a topic of one word shown in lower case
// that is not in hallway.
func plainWord(topic string) bool {
	return !strings.ContainsAny(topic, " -") && strings.ToLower(topic) == topic && !slices.Contains(hallway, hallwayKey(topic))
}

func hallwayKey(topic string) string {
	return strings.NewReplacer(" ", "", "-", "", ".", "").Replace(strings.ToLower(topic))
}

// checkHallwayTopics: at least seven of the top ten are topics people
// name in a hallway, and at most one is plain vocabulary.
func checkHallwayTopics(t *testing.T, res suggest.Result) {
	t.Helper()
	var names, plain []string
	var all []string
	for _, tp := range res.Topics[:10] {
		all = append(all, tp.Topic)
		if slices.Contains(hallway, hallwayKey(tp.Topic)) {
			names = append(names, tp.Topic)
		} else if plainWord(tp.Topic) {
			plain = append(plain, tp.Topic)
		}
	}
	t.Logf("top ten: %q", all)
	if len(names) < 7 || len(plain) > 1 {
		t.Errorf("top ten %q: %d hallway topics (want 7 or more), plain words %q (want 1 at most)", all, len(names), plain)
	}
}

// checkSpread: the first ten offered sessions cover three topics or more.
func checkSpread(t *testing.T, res suggest.Result) {
	t.Helper()
	topics := map[string]bool{}
	for _, s := range res.Sessions[:min(10, len(res.Sessions))] {
		topics[s.Topic] = true
	}
	if len(res.Sessions) < 10 || len(topics) < 3 {
		t.Errorf("%d sessions offered on %d topics, want 10 on 3 or more", len(res.Sessions), len(topics))
	}
}

// mentions lists the sessions whose text matches re.
func mentions(program []*schedule.Session, re *regexp.Regexp) []string {
	var out []string
	for _, s := range program {
		text := strings.Join(append([]string{s.Title, s.Subtitle, s.Abstract, s.Track}, s.Tags...), "\n")
		if !s.Cancelled && s.Scheduled() && re.MatchString(text) {
			out = append(out, s.ID)
		}
	}
	slices.Sort(out)
	return out
}

func TestSuggestFOSDEM(t *testing.T) {
	t.Parallel()
	program := parseProgram(t, "fosdem-2026-pentabarf.xml")
	opt := suggest.Options{Conference: []string{"FOSDEM 2026"}}
	res := suggest.Suggest(program, nil, nil, opt)
	checkHallwayTopics(t, res)
	checkSpread(t, res)
	for i, tp := range res.Topics[1:] {
		if tp.Heat > res.Topics[i].Heat {
			t.Fatalf("topics out of order: %+v before %+v", res.Topics[i], tp)
		}
	}
	// Every form is written in the session (web addresses are no prose,
	// and do not move the words after them).
	for _, s := range program {
		if strings.Contains(s.Abstract, "https://") {
			r := suggest.Suggest([]*schedule.Session{s, s}, nil, nil, suggest.Options{MaxTopics: 100})
			for _, tp := range r.Topics {
				for _, f := range tp.Forms {
					for _, w := range strings.FieldsFunc(f, func(r rune) bool { return r == ' ' || r == '-' }) {
						if !strings.Contains(s.Title+"\n"+s.Subtitle+"\n"+s.Abstract+"\n"+strings.Join(s.Tags, "\n"), w) {
							t.Errorf("session %s: form %q is not in its text", s.ID, f)
						}
					}
				}
			}
			break
		}
	}
	// The old top ten were vocabulary; none of it is ranked now, nor
	// stop words, nor the conference's name.
	all := suggest.Suggest(program, nil, nil, suggest.Options{MaxTopics: 60, Conference: opt.Conference})
	for _, tp := range all.Topics {
		switch strings.ToLower(tp.Topic) {
		case "data", "performance", "hardware", "infrastructure", "architecture", "security", "web", "network", "digital",
			"the", "talk", "session", "introduction", "using", "new", "how", "und", "github.com", "https", "fosdem", "i'll", "api":
			t.Errorf("%q is in the top 60", tp.Topic)
		}
	}
	// With picks, the offers fit them and spread over topics.
	var picks []*schedule.Pick
	for i := 0; i < len(program); i += 40 {
		picks = append(picks, pickOf(program[i], schedule.Want))
	}
	checkSpread(t, suggest.Suggest(program, picks, nil, opt))

	// --topic "risc v" offers the RISC-V sessions (all of them: no picks).
	want := mentions(program, regexp.MustCompile(`(?i)\brisc[- ]?v\b`))
	for _, q := range []string{"risc v", "RISC-V", "riscv"} {
		res := suggest.Suggest(program, nil, nil, suggest.Options{Topic: q, MaxSessions: 1000})
		if len(res.Topics) != 1 || res.Topics[0].Topic != "RISC-V" {
			t.Fatalf("--topic %q: topics %+v", q, res.Topics)
		}
		got := sessionIDsOf(res.Sessions)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("--topic %q offers %d sessions %v, want the %d that mention RISC-V %v", q, len(got), got, len(want), want)
		}
		if r := res.Sessions[0].Session.Title; !regexp.MustCompile(`(?i)risc-?v`).MatchString(r) {
			t.Errorf("--topic %q: the first offer %q does not have RISC-V in its title", q, r)
		}
	}
}

func TestSuggestSCALE(t *testing.T) {
	t.Parallel()
	program := parseProgram(t, "scale-22x-sign.json")
	opt := suggest.Options{Conference: []string{"SCALE"}}
	res := suggest.Suggest(program, nil, nil, opt)
	checkHallwayTopics(t, res)
	checkSpread(t, res)
	// "Cloud Native" is one topic, in all its spellings; "Cloud" and
	// "Native" are none.
	all := suggest.Suggest(program, nil, nil, suggest.Options{MaxTopics: 1 << 20, Conference: opt.Conference})
	var cloudNative []string
	for i, tp := range all.Topics {
		switch k := hallwayKey(tp.Topic); {
		case k == "cloudnative":
			cloudNative = append(cloudNative, tp.Topic)
			for _, f := range []string{"Cloud Native", "cloud-native"} {
				if !slices.Contains(tp.Forms, f) {
					t.Errorf("Cloud Native does not hold %q: %q", f, tp.Forms)
				}
			}
		case (k == "native" || k == "cloud") && i < 20, (k == "kwaai" || k == "summit") && i < 60:
			t.Errorf("%+v is ranked %d", tp, i+1)
		}
	}
	if len(cloudNative) != 1 {
		t.Errorf("Cloud Native topics: %q, want one", cloudNative)
	}
	// --topic bpf offers the eBPF sessions.
	want := mentions(program, regexp.MustCompile(`(?i)\be?bpf\b`))
	res = suggest.Suggest(program, nil, nil, suggest.Options{Topic: "bpf", MaxSessions: 1000})
	got := sessionIDsOf(res.Sessions)
	slices.Sort(got)
	if len(res.Topics) != 1 || res.Topics[0].Topic != "eBPF" || len(want) < 2 || !slices.Equal(got, want) {
		t.Errorf("--topic bpf: topics %+v, sessions %v, want the eBPF ones %v", res.Topics, got, want)
	}
}

// TestSuggestOtherPrograms: the rules are not tuned to two programs.
func TestSuggestOtherPrograms(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file, conference string
	}{
		{"38c3-frab-hub-schedule.xml", "38C3"},
		{"pretalx-pyconau-2024-schedule.xml", "PyCon AU 2024"},
	} {
		program := parseProgram(t, tc.file)
		res := suggest.Suggest(program, nil, nil, suggest.Options{Conference: []string{tc.conference}})
		checkHallwayTopics(t, res)
		checkSpread(t, res)
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
		suggest.Suggest(program, picks, v, suggest.Options{})
	}
}

// synthProgram is n sessions in 8 parallel rooms per 1,000, with titles
// and ~60-word abstracts drawn from a technical and a prose vocabulary,
// the shape bench/gen.go gives its programs.
func synthProgram(n int) []*schedule.Session {
	rnd := rand.New(rand.NewPCG(1, 2))
	names := strings.Fields("Kernel eBPF Postgres observability Tailscale Proxmox immutable RISC-V OpenSearch atproto Nix " +
		"Kubernetes Rust Go Python security SBOM FPGA firmware Wasm container scheduler storage replication consensus mesh " +
		"VPN homelab firewall tracing metrics logging database index query compiler linker debugger packaging distro desktop Wayland audio")
	prose := strings.Fields("we show how the team built a new way to run and scale this in production with lessons from " +
		"two years of work on real systems and what we would do differently next time for users and developers alike")
	rooms := max(2, n/125)
	tracks := max(2, n/40)
	day := at(la, "2026-03-05 09:00")
	out := make([]*schedule.Session, n)
	for i := range out {
		var abs strings.Builder
		for w := 0; w < 60; w++ {
			if w%6 == 0 {
				abs.WriteString(names[rnd.IntN(len(names))])
			} else {
				abs.WriteString(prose[rnd.IntN(len(prose))])
			}
			if w%12 == 11 {
				abs.WriteString(". ")
			} else {
				abs.WriteByte(' ')
			}
		}
		slot := i / rooms
		start := day.AddDate(0, 0, slot/16).Add(time.Duration(slot%16) * 35 * time.Minute)
		out[i] = &schedule.Session{
			ID:       fmt.Sprint(i),
			Title:    fmt.Sprintf("%s for %s people", names[rnd.IntN(len(names))], names[rnd.IntN(len(names))]),
			Abstract: abs.String(),
			Track:    fmt.Sprintf("Track %d", i%tracks),
			Room:     fmt.Sprintf("Room %d", i%rooms),
			Speakers: []string{fmt.Sprintf("Speaker %d", rnd.IntN(n))},
			Start:    start,
			End:      start.Add(30 * time.Minute),
		}
	}
	return out
}

func BenchmarkSuggest100k(b *testing.B) {
	program := synthProgram(100_000)
	var picks []*schedule.Pick
	for i := 0; i < len(program); i += 997 {
		picks = append(picks, pickOf(program[i], schedule.Want))
	}
	b.ResetTimer()
	for b.Loop() {
		suggest.Suggest(program, picks, nil, suggest.Options{})
	}
}

// A topic asked for by name may be in one session only: its reason says
// "1 session in 1 track mentions", not "1 sessions … mention".
func TestSuggestReasonSingular(t *testing.T) {
	t.Parallel()
	program := fomoProgram()
	program[3].Abstract += " Written in Zig."
	res := suggest.Suggest(program, nil, nil, suggest.Options{Topic: "zig"})
	if len(res.Sessions) != 1 || res.Sessions[0].Session.ID != "s03" {
		t.Fatalf("sessions for --topic zig = %+v", res.Sessions)
	}
	if got, want := res.Sessions[0].Reason, "on Zig, which 1 session in 1 track mentions and none of your picks; nothing else planned that day"; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
}
