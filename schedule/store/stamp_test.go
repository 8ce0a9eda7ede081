package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-cli/plan/schedule"
)

func stampOf(t *testing.T, path string) string {
	t.Helper()
	st, err := Open(context.Background(), path, Read, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stamp()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The stamp stays while the files stay, and changes with anything a
// command reads from them: the plan's text (even at the same size and
// time), its time alone, and the program (even rewritten with the same
// sessions at the same size and time, by its generation).
func TestStamp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(path, []byte(samplePlan), 0o644); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 20, 9, 30, 0, 0, time.UTC)
	os.Chtimes(path, at, at)
	first := stampOf(t, path)
	if again := stampOf(t, path); again != first {
		t.Errorf("the same files: stamp %s, then %s", first, again)
	}

	// Another text of the same size within the same instant.
	other := strings.Replace(samplePlan, "bring questions", "bring question?", 1)
	os.WriteFile(path, []byte(other), 0o644)
	os.Chtimes(path, at, at)
	changed := stampOf(t, path)
	if changed == first {
		t.Error("another plan text of the same size and time kept the stamp")
	}
	// The same text at another time: the calendar's DTSTAMP moves.
	later := at.Add(time.Second)
	os.Chtimes(path, later, later)
	if s := stampOf(t, path); s == changed {
		t.Error("the plan's time moved and the stamp stayed")
	}
	os.Chtimes(path, at, at)
	if s := stampOf(t, path); s != changed {
		t.Error("the same text and time again: the stamp differs")
	}

	// An import: the plan and its program.
	st, err := Open(context.Background(), path, Write, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.LoadPlan()
	if err != nil {
		t.Fatal(err)
	}
	prog := schedule.NewProgram([]*schedule.Session{{ID: "7886", Title: "FOSS in times of war", Kind: schedule.KindTalk}})
	if err := st.SaveProgram(prog); err != nil {
		t.Fatal(err)
	}
	if err := st.SavePlan(p); err != nil {
		t.Fatal(err)
	}
	st.Close()
	os.Chtimes(path, at, at)
	os.Chtimes(st.ProgramPath, at, at)
	imported := stampOf(t, path)
	if imported == changed {
		t.Error("an import kept the stamp")
	}
	// The program alone replaced by one of another generation, of the
	// same size and time.
	data, _ := os.ReadFile(st.ProgramPath)
	if !strings.Contains(string(data), `"generation":1}`) {
		t.Fatalf("the program's header: %.200s", data)
	}
	os.WriteFile(st.ProgramPath, []byte(strings.Replace(string(data), `"generation":1}`, `"generation":7}`, 1)), 0o644)
	os.Chtimes(st.ProgramPath, at, at)
	if s := stampOf(t, path); s == imported {
		t.Error("a program of another generation kept the stamp")
	}
	// The program an import stopped half-way left beside it decides
	// which program goes with the plan.
	os.WriteFile(st.ProgramPath, data, 0o644)
	os.Chtimes(st.ProgramPath, at, at)
	if s := stampOf(t, path); s != imported {
		t.Error("the same program again: the stamp differs")
	}
	os.WriteFile(prevPath(st.ProgramPath), nil, 0o644)
	if s := stampOf(t, path); s == imported {
		t.Error("a program left by a stopped import kept the stamp")
	}
	os.Remove(prevPath(st.ProgramPath))

	// No plan: the error every command gives.
	os.Remove(path)
	st, err = Open(context.Background(), path, Read, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Stamp(); !errors.Is(err, schedule.ErrNoPlan) {
		t.Errorf("no plan: %v, want ErrNoPlan", err)
	}
}
