package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/plan-cli/plan/schedule"
)

// Stamp identifies the plan file and its program as they are on disk now,
// without decoding either: two stamps are equal only when everything a
// command reads from them (the plan's text, which program goes with it,
// that program, and the files' times) is the same. plan serve keys the
// calendars it keeps by it, and answers a calendar app that already has
// the calendar from the stamp alone.
//
// The plan is identified by its text (SHA-256; a plan is small) and its
// modification time, so that a plan written twice within the same second
// or at the same size is still told apart. The program is identified by
// the generation in its header, which every write of it increases, with
// its size and modification time; the files that decide which program
// goes with the plan (the one an import stopped half-way left, the one
// an older plan wrote under another name) by their size and time.
func (s *Workspace) Stamp() (string, error) {
	h := sha256.New()
	if err := s.stampPlan(h); err != nil {
		return "", err
	}
	programs := []string{s.ProgramPath, prevPath(s.ProgramPath)}
	if l := legacyProgramPath(s.file); l != s.ProgramPath {
		programs = append(programs, l)
	}
	for i, path := range programs {
		fi, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(h, "%d none\x00", i)
			continue
		} else if err != nil {
			return "", fmt.Errorf("cannot read the program: %w", err)
		}
		gen := -1
		if i == 0 {
			if hd, err := headerOf(path); err == nil {
				gen = hd.Generation
			}
		}
		fmt.Fprintf(h, "%d %d %d %d\x00", i, gen, fi.Size(), fi.ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// stampPlan writes the plan file's text and time to h.
func (s *Workspace) stampPlan(h io.Writer) error {
	f, err := os.Open(s.file)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", s.Path, schedule.ErrNoPlan)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", s.Path, err)
	}
	n, err := io.Copy(h, io.LimitReader(f, MaxPlanSize+1))
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", s.Path, err)
	}
	fmt.Fprintf(h, "\x00%d %d\x00", n, fi.ModTime().UnixNano())
	return nil
}
