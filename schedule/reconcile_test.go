package schedule

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func sess(id, guid, title, room string, hour int) *Session {
	start := time.Date(2026, 3, 7, hour, 0, 0, 0, mustZone("America/Los_Angeles"))
	return &Session{ID: id, GUID: guid, Title: title, Room: room, Kind: KindTalk, Start: start, End: start.Add(time.Hour), Speakers: []string{"Ana"}}
}

func copies(ss ...*Session) []*Session {
	out := make([]*Session, len(ss))
	for i, s := range ss {
		c := *s
		out[i] = &c
	}
	return out
}

func TestMergeKeepsIdsAndPicks(t *testing.T) {
	p := &Plan{}
	p.SetTimeZone("America/Los_Angeles")
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	src := Source{Name: "SCALE 23x"}
	v1 := copies(
		sess("a", "g-a", "Alpha", "Room 101", 10),
		sess("b", "g-b", "Beta", "Room 102", 11),
		sess("c", "", "Gamma", "Room 103", 12),
		sess("d", "", "Delta", "Room 104", 13),
	)
	prog, res := Merge(p, NewProgram(nil), v1, src, now)
	if !res.New || res.Added != 4 || len(prog.Sessions) != 4 {
		t.Fatalf("first import: %+v", res)
	}
	for _, id := range []string{"a", "b", "c", "d"} {
		s := prog.Get(id)
		p.Picks = append(p.Picks, &Pick{Session: *s, Priority: Must, Status: Planned, Note: "note " + id})
	}

	// v2: a's feed id changed but its guid did not; b moved an hour and
	// changed room; c (no guid) got a new id but keeps title and
	// speakers; d is gone; the feed reuses id "d" for a new talk.
	v2 := copies(
		sess("a-new", "g-a", "Alpha", "Room 101", 10),
		sess("b", "g-b", "Beta", "Room 201", 12),
		sess("c-renumbered", "", "Gamma", "Room 103", 12),
		func() *Session {
			s := sess("d", "g-new", "Epsilon", "Room 104", 15)
			s.Speakers = []string{"Bo"}
			return s
		}(),
	)
	prog, res = Merge(p, prog, v2, src, now)
	if res.New || res.Added != 1 || res.Updated != 1 || res.Removed != 1 || res.Unchanged != 2 {
		t.Errorf("counts: %+v", res)
	}
	if s := prog.Get("a"); s == nil || s.Title != "Alpha" {
		t.Errorf("a lost its id: %v", prog.Sessions)
	}
	if s := prog.Get("c"); s == nil || s.Title != "Gamma" {
		t.Errorf("c lost its id: %v", prog.Sessions)
	}
	if s := prog.Get("b"); s == nil || s.Rev != 1 || s.Room != "Room 201" {
		t.Errorf("b = %+v, want rev 1 in Room 201", s)
	}
	// The new talk reusing "d" must not take over the pick of the old d.
	if s := prog.Get("d"); s != nil && s.Title == "Epsilon" {
		t.Errorf("the new talk took the reused id d: %+v", s)
	}
	got := map[string]string{}
	for _, pc := range res.Picks {
		got[pc.Pick.ID] = fmt.Sprint(pc.Changes)
	}
	want := map[string]string{"b": "[moved room changed]", "d": "[gone]"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pick changes = %v, want %v", got, want)
	}
	if len(p.Picks) != 4 {
		t.Fatalf("picks = %d, want 4 kept", len(p.Picks))
	}
	for _, pk := range p.Picks {
		if pk.Note != "note "+pk.ID || pk.Priority != Must {
			t.Errorf("pick %s lost its note or priority: %+v", pk.ID, pk)
		}
		if pk.ID == "d" && !pk.Gone {
			t.Errorf("d should be flagged gone")
		}
		if pk.ID == "b" && pk.Start.Hour() != 12 {
			t.Errorf("b's snapshot not updated: %v", pk.Start)
		}
	}
}

func TestMergeCoLocatedProgramsKeepIdsUnique(t *testing.T) {
	p := &Plan{}
	p.SetTimeZone("America/Los_Angeles")
	now := time.Now()
	prog, _ := Merge(p, NewProgram(nil), copies(sess("1", "", "Main one", "A", 10), sess("2", "", "Main two", "B", 11)), Source{Name: "SCALE 23x"}, now)
	prog, res := Merge(p, prog, copies(sess("1", "", "Co one", "C", 10)), Source{Name: "Kubernetes Community Day"}, now)
	if !res.New || len(prog.Sessions) != 3 {
		t.Fatalf("%+v %v", res, prog.Sessions)
	}
	co := prog.Get("kubernetes-community-day-1")
	if co == nil || co.Title != "Co one" || prog.Get("1").Title != "Main one" {
		t.Errorf("ids: %v", prog.Sessions)
	}
	// Re-importing the co-located program keeps its prefixed id.
	prog, res = Merge(p, prog, copies(sess("1", "", "Co one", "C", 11)), Source{Name: "Kubernetes Community Day"}, now)
	if co := prog.Get("kubernetes-community-day-1"); co == nil || co.Start.Hour() != 11 || res.Updated != 1 {
		t.Errorf("re-import: %+v %v", res, prog.Sessions)
	}
	if len(p.Conference.Sources) != 2 {
		t.Errorf("sources = %+v", p.Conference.Sources)
	}
}

// B5: sourcePrefix cut the name at byte 24, inside a two-byte "é", and
// the ids of a co-located program then held invalid UTF-8.
func TestSourcePrefixCutsBetweenCharacters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, want string }{
		{"a" + strings.Repeat("é", 30), "a" + strings.Repeat("é", 11)},
		{strings.Repeat("é", 30), strings.Repeat("é", 12)},
		{"ab" + strings.Repeat("あ", 10), "ab" + strings.Repeat("あ", 7)},
		{"Conférence Développeurs Québec", "conférence-développeur"},
		{"Kubernetes Community Day Los Angeles", "kubernetes-community-day"},
		{"FOSDEM 2026", "fosdem-2026"},
		{"東京 オープンソース カンファレンス", "東京-オープンソ"},
		{"!!!", "src"},
		{"", "src"},
	} {
		got := sourcePrefix(tc.name)
		if got != tc.want || !utf8.ValidString(got) || len(got) > 24 {
			t.Errorf("sourcePrefix(%q) = %q (%d bytes), want %q", tc.name, got, len(got), tc.want)
		}
	}

	// And so the id of a co-located session that needs the prefix.
	p := &Plan{}
	p.SetTimeZone("America/Los_Angeles")
	now := time.Now()
	prog, _ := Merge(p, NewProgram(nil), copies(sess("1", "", "Main one", "A", 10)), Source{Name: "Main"}, now)
	prog, _ = Merge(p, prog, copies(sess("1", "", "Co one", "C", 10)), Source{Name: "a" + strings.Repeat("é", 30)}, now)
	var ids []string
	for _, s := range prog.Sessions {
		ids = append(ids, s.ID)
		if !utf8.ValidString(s.ID) {
			t.Errorf("id %q is not valid UTF-8", s.ID)
		}
	}
	if want := "a" + strings.Repeat("é", 11) + "-1"; prog.Get(want) == nil {
		t.Errorf("ids %q, want one of them %q", ids, want)
	}
}

// Feeds without ids (SCALE) number sessions with the same title in time
// order, so dropping the first of three "Panel Q&A"s renumbers the others;
// the pick of the 16:00 one must keep its id and stay unflagged, and the
// 13:30 one is the one removed.
func TestMergeSameTitlesMatchByTime(t *testing.T) {
	p := &Plan{}
	p.SetTimeZone("America/Los_Angeles")
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	src := Source{Name: "SCALE"}
	panel := func(id string, hour, min int) *Session {
		s := sess(id, "", "Panel Q&A", "Ballroom A", hour)
		s.Start = s.Start.Add(time.Duration(min) * time.Minute)
		s.End = s.Start.Add(30 * time.Minute)
		return s
	}
	v1 := copies(panel("panel-q", 13, 30), panel("panel-q-2", 14, 45), panel("panel-q-3", 16, 0))
	prog, _ := Merge(p, NewProgram(nil), v1, src, now)
	p.Picks = append(p.Picks, &Pick{Session: *prog.Get("panel-q-3"), Priority: Want, Status: Planned, Note: "the 16:00 one"})

	v2 := copies(panel("panel-q", 14, 45), panel("panel-q-2", 16, 0)) // the 13:30 one dropped, the rest renumbered
	prog, res := Merge(p, prog, v2, src, now)
	if res.Removed != 1 || res.Unchanged != 2 || res.Added != 0 || len(res.Picks) != 0 {
		t.Fatalf("result: %+v", res)
	}
	pk := p.Pick("panel-q-3")
	if pk == nil || pk.Gone || pk.Start.Hour() != 16 || pk.Rev != 0 {
		t.Fatalf("pick = %+v", pk)
	}
	if s := prog.Get("panel-q-3"); s == nil || s.Start.Hour() != 16 {
		t.Errorf("the 16:00 session lost its id: %+v", prog.Sessions)
	}
	if prog.Get("panel-q") != nil {
		t.Errorf("the dropped 13:30 session's id is in use: %+v", prog.Get("panel-q"))
	}
}

// A retitled session (same time, room and speakers), a placeholder
// getting its real title and speakers, and a small retitle of a moved
// session keep their picks; another session in a pick's slot is only a
// possible replacement, which keeps the pick unflagged.
func TestMergeRetitlesAndReplacements(t *testing.T) {
	p := &Plan{}
	p.SetTimeZone("America/Los_Angeles")
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	src := Source{Name: "SCALE"}
	otel := sess("otel", "", "When Things Go Sideways: Troubleshooting the OTel Operator", "Room 104", 10)
	keynote := sess("keynote", "", "Keynote", "Ballroom DE", 9)
	keynote.Speakers = nil
	moved := sess("nix", "", "Nix in production at scale", "Room 101", 13)
	kernel := sess("kernel", "", "Kernel tracing 101", "Room 107", 11)
	prog, _ := Merge(p, NewProgram(nil), copies(otel, keynote, moved, kernel), src, now)
	for _, id := range []string{"otel", "keynote", "nix", "kernel"} {
		p.Picks = append(p.Picks, &Pick{Session: *prog.Get(id), Priority: Want, Status: Planned})
	}

	otel2 := sess("otel-2", "", "When Things Go Sideways: Troubleshooting the OpenTelemetry Operator", "Room 104", 10)
	keynote2 := sess("keynote-open-source", "", "Keynote: Open Source at 30", "Ballroom DE", 9)
	keynote2.Speakers = []string{"Fay Green"}
	moved2 := sess("nix-2", "", "Nix in production, at scale!", "Room 201", 15)
	other := sess("lightning", "", "Lightning talks", "Room 107", 11)
	other.Speakers = []string{"Gus Hill", "Ida Ito"}
	_, res := Merge(p, prog, copies(otel2, keynote2, moved2, other), src, now)

	got := map[string][]Change{}
	for _, pc := range res.Picks {
		got[pc.Pick.ID] = pc.Changes
		if pc.Pick.Gone {
			t.Errorf("%s flagged gone", pc.Pick.ID)
		}
	}
	want := map[string][]Change{
		"otel":    {Retitled},
		"keynote": {Retitled},
		"nix":     {Moved, RoomChanged, Retitled},
		"kernel":  {PossiblyReplaced},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("changes = %v\nwant      %v", got, want)
	}
	for _, pc := range res.Picks {
		if pc.Pick.ID == "kernel" && (pc.Candidate == nil || pc.Candidate.Title != "Lightning talks") {
			t.Errorf("candidate = %+v", pc.Candidate)
		}
	}
	if pk := p.Pick("kernel"); pk.Title != "Kernel tracing 101" || pk.Rev != 0 {
		t.Errorf("the possibly replaced pick changed: %+v", pk)
	}
}
