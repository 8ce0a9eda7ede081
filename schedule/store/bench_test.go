package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// benchPlan is a plan with n picks shaped like FOSDEM's: titles, rooms,
// tracks, speakers, URLs, GUIDs, some notes.
func benchPlan(n int) *schedule.Plan {
	p := &schedule.Plan{Version: 1, Conference: schedule.Conference{Name: "FOSDEM 2026", TimeZone: "Europe/Brussels",
		Sources: []schedule.Source{{Name: "FOSDEM 2026", Location: "https://fosdem.org/2026/schedule/xml", Format: "pentabarf", Imported: time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC), Sessions: 883}}},
		Venue: schedule.Venue{DefaultWalk: 5, Walks: []schedule.Walk{{From: "Janson", To: "K.1.105 (La Fontaine)", Minutes: 8}}},
		Facts: []schedule.Fact{{Label: "Price of Parking", Value: "too much"}}}
	day := time.Date(2026, 1, 31, 9, 0, 0, 0, brussels)
	for i := range n {
		start := day.Add(time.Duration(i%40)*15*time.Minute).AddDate(0, 0, i/100)
		pk := &schedule.Pick{Session: schedule.Session{ID: fmt.Sprint(7000 + i), Title: fmt.Sprintf("Talk number %d: what we learned (and what we did not)", i),
			Kind: schedule.KindTalk, Type: "devroom", Start: start, End: start.Add(25 * time.Minute), Room: fmt.Sprintf("UB%d.%03d", i%5, i),
			Track: "Rust", Speakers: []string{"Ana Example", fmt.Sprintf("Speaker %d", i)}, URL: fmt.Sprintf("https://fosdem.org/2026/schedule/event/X%d-talk/", i),
			GUID: fmt.Sprintf("8ce3ffa3-2053-5f4d-8fc4-%012d", i), Source: "FOSDEM 2026"}, Priority: schedule.Want, Status: schedule.Planned}
		if i%7 == 0 {
			pk.Note = "bring questions"
		}
		p.Picks = append(p.Picks, pk)
	}
	return p
}

// BenchmarkDecodePlan reads a 200-pick plan, as every command does.
func BenchmarkDecodePlan(b *testing.B) {
	data, err := EncodePlan(benchPlan(200))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := DecodePlan(data, "plan.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodePlan writes a 200-pick plan over the document it was
// read from (the merge), without the disk.
func BenchmarkEncodePlan(b *testing.B) {
	data, err := EncodePlan(benchPlan(200))
	if err != nil {
		b.Fatal(err)
	}
	p, doc, err := decodePlan(data, "plan.yaml")
	if err != nil {
		b.Fatal(err)
	}
	doc.adopt(data)
	for b.Loop() {
		p.Picks[3].Note = "changed"
		if _, _, err := encodePlan(doc, p, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSavePlan is what a command that changes a 200-pick plan does
// with the plan file: lock, load, save (synced to disk), unlock.
func BenchmarkSavePlan(b *testing.B) {
	data, err := EncodePlan(benchPlan(200))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "plan.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		st, err := Open(context.Background(), path, Write, nil)
		if err != nil {
			b.Fatal(err)
		}
		p, err := st.LoadPlan()
		if err != nil {
			b.Fatal(err)
		}
		p.Picks[i%200].Note = fmt.Sprint("note ", i)
		if err := st.SavePlan(p); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

// BenchmarkAdd is what 'plan add' does with the plan file of n picks,
// each with a note: lock, load, add one pick, save (synced to disk),
// unlock; every other round removes it again, as 'plan remove' would.
func BenchmarkAdd(b *testing.B) {
	for _, n := range []int{200, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := benchPlan(n)
			for i, pk := range p.Picks {
				pk.Note = fmt.Sprintf("note %d: ask about the slides", i)
			}
			data, err := EncodePlan(p)
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "plan.yaml")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
			start := time.Date(2026, 1, 31, 13, 0, 0, 0, brussels)
			extra := &schedule.Pick{Session: schedule.Session{ID: "added", Title: "Added", Kind: schedule.KindTalk, Start: start, End: start.Add(time.Hour), Room: "Janson"},
				Priority: schedule.Want, Status: schedule.Planned}
			for i := 0; b.Loop(); i++ {
				st, err := Open(context.Background(), path, Write, nil)
				if err != nil {
					b.Fatal(err)
				}
				q, err := st.LoadPlan()
				if err != nil {
					b.Fatal(err)
				}
				if i%2 == 0 {
					q.Picks = append(q.Picks, extra)
				} else {
					q.Picks = slicesDelete(q.Picks, "added")
				}
				if err := st.SavePlan(q); err != nil {
					b.Fatal(err)
				}
				st.Close()
			}
		})
	}
}
