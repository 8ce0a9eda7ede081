package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"
	"github.com/plan-cli/plan/schedule"
)

// Workspace is a plan file on disk, with the files beside it (the program,
// the lock, the sync state, temporary files), held under a lock for the
// life of one command: a shared lock to read, an exclusive one to change,
// so that commands run at the same time take turns and none loses
// another's picks. It is the only place that touches the disk for the
// plan, and names every file beside it (OwnFiles).
type Workspace struct {
	Path        string // the plan file as given, e.g. plan.yaml, for messages
	ProgramPath string // the program beside the plan file, e.g. plan.program.jsonl
	file        string // the plan file itself, symbolic links resolved
	mode        Mode
	lock        *flock.Flock
	progData    []byte
	progFile    string   // the program file read, when not ProgramPath
	doc         *planDoc // the plan file as last read or written, for SavePlan
	src         []byte   // the text doc was read from, until a save adopts it
	gen         int      // the program generation the plan was saved with
	staged      *pending // the program SaveProgram wrote, renamed by SavePlan
	stagedGen   int
	problem     error // why the program could not be read as it is
}

// Mode says what a command will do with the plan.
type Mode int

const (
	Read  Mode = iota // a shared lock: other readers may run alongside
	Write             // an exclusive lock: the command changes the plan
)

// MaxPlanSize caps the plan file we read; a plan is small (the program
// lives beside it), so anything larger is not a plan.
const MaxPlanSize = 64 << 20

// ProgramPathFor names the program file that belongs to a plan file:
// plan.yaml's is plan.program.jsonl, as it always was; any other name
// keeps its whole name (conf.2026.program.jsonl, plan.yml.program.jsonl),
// so that plans whose names differ only after the last dot never share
// one program. The few names that still meet (plan and plan.yaml) are
// told apart by the plan name in the program's header.
func ProgramPathFor(planPath string) string {
	if base, ok := strings.CutSuffix(planPath, ".yaml"); ok && filepath.Base(planPath) != ".yaml" {
		return base + ".program.jsonl"
	}
	return planPath + ".program.jsonl"
}

// renameAdvice says which of two plans whose names lead to one program
// file (plan and plan.yaml: ProgramPathFor) to rename: the one whose name
// does not end in .yaml. path is the plan at hand, other the one whose
// program it is.
func renameAdvice(path, other string) string {
	if !strings.HasSuffix(path, ".yaml") {
		if _, err := os.Stat(path); err != nil {
			return fmt.Sprintf("name the plan with .yaml at the end (--plan %s-2.yaml)", path)
		}
		return fmt.Sprintf("rename %s to a name ending in .yaml (mv %s %s-2.yaml) and run the command again", path, path, path)
	}
	return fmt.Sprintf("rename %s to a name ending in .yaml (mv %s %s-2.yaml), then import its program into it again (plan --plan %s-2.yaml import SOURCE)", other, other, other, other)
}

// sibling is the path, as given, of the file name in the plan's folder.
func (s *Workspace) sibling(name string) string { return filepath.Join(filepath.Dir(s.Path), name) }

// legacyProgramPath is where plan before version 1.x put the program of
// a plan not named *.yaml: the name without its extension.
func legacyProgramPath(planPath string) string {
	ext := filepath.Ext(planPath)
	return strings.TrimSuffix(planPath, ext) + ".program.jsonl"
}

// syncStatePath is where plan sync keeps what the last sync saw, beside
// the plan: .plan.yaml.sync.json for plan.yaml.
func syncStatePath(planFile string) string {
	return filepath.Join(filepath.Dir(planFile), "."+filepath.Base(planFile)+".sync.json")
}

// prevPath holds the program an import replaces until the plan file is
// written too: if plan stops between the two, the next command puts it
// back (see resolveProgram).
func prevPath(programPath string) string {
	return filepath.Join(filepath.Dir(programPath), "."+filepath.Base(programPath)+".prev")
}

// Open locks the plan at path ("" is plan.yaml) for mode, waiting while
// another command holds it for as long as ctx allows; onWait (may be nil)
// is called once if the wait passes WaitNotice. The plan file need not
// exist yet. A plan given through a symbolic link is the file the link
// points to: its program, lock and writes are those beside the target.
// Close releases the lock.
func Open(ctx context.Context, path string, mode Mode, onWait func()) (*Workspace, error) {
	if path == "" {
		path = "plan.yaml"
	}
	file := resolveLinks(path)
	dir := filepath.Dir(file)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("cannot use plan %s: folder %s does not exist", path, dir)
	}
	ws := &Workspace{Path: path, file: file, ProgramPath: ProgramPathFor(file), mode: mode}
	fl, err := acquire(ctx, file, mode, onWait)
	if err != nil && mode == Read && readOnlyFolder(err) {
		// A read-only folder: reading without a lock is still safe,
		// since every write is an atomic rename.
		return ws, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot lock plan %s: %w", path, err)
	}
	ws.lock = fl
	if mode == Write {
		// Temporary files a killed command left, of the plan and of its
		// program: under the exclusive lock no other command writes them,
		// and one still being written (by a command that took no plan
		// lock, such as export -o) is locked and left alone.
		for _, p := range []string{file, ProgramPathFor(file), syncStatePath(file)} {
			removeStaleTemps(filepath.Dir(p), filepath.Base(p))
		}
	}
	return ws, nil
}

// OwnFiles lists the files that make up the plan (the plan, its program,
// its lock, its sync state), which nothing else may overwrite.
func (s *Workspace) OwnFiles() []string {
	files := []string{s.file, s.ProgramPath, lockPath(s.file), prevPath(s.ProgramPath), syncStatePath(s.file)}
	if l := legacyProgramPath(s.file); l != s.ProgramPath {
		files = append(files, l)
	}
	return files
}

// ProgramProblem says what was wrong with the program file when a
// command that changes the plan read what it could of it (see
// LoadProgram), nil when nothing was.
func (s *Workspace) ProgramProblem() error { return s.problem }

// Close releases the lock. A program SaveProgram wrote that no SavePlan
// followed is thrown away: the two change together or not at all.
func (s *Workspace) Close() error {
	if s.staged != nil {
		s.staged.abort()
		s.staged = nil
	}
	if s.lock == nil {
		return nil
	}
	err := s.lock.Close()
	s.lock = nil
	return err
}

// Exists reports whether the plan file exists.
func (s *Workspace) Exists() bool {
	_, err := os.Stat(s.file)
	return err == nil
}

// LoadPlan reads and checks the plan file. A missing file gives an error
// wrapping ErrNoPlan.
func (s *Workspace) LoadPlan() (*schedule.Plan, error) {
	f, err := os.Open(s.file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", s.Path, schedule.ErrNoPlan)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxPlanSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", s.Path, err)
	}
	if len(data) > MaxPlanSize {
		return nil, &schedule.InputError{File: s.Path, Msg: fmt.Sprintf("larger than %d MiB: not a plan file", MaxPlanSize>>20)}
	}
	p, doc, err := decodePlan(data, s.Path)
	if err != nil {
		return nil, err
	}
	s.doc, s.src = doc, data
	s.gen = doc.file.ProgramGeneration
	return p, nil
}

// SavePlan writes the plan atomically. A plan read by LoadPlan is written
// over the document it was read from, so that the comments, key order
// and layout a person gave the file stay (see encodePlan). What is
// written anew is read back first (see checkReadsBack). After SaveProgram,
// it writes the program and the plan as a pair: both are complete on
// disk before either is renamed into place, the program replaced is
// kept until the plan is in place too, and each records the same
// generation, so that a command stopped between the two renames is
// undone by the next one (resolveProgram).
func (s *Workspace) SavePlan(p *schedule.Plan) error {
	gen := s.gen
	if s.staged != nil {
		gen = s.stagedGen
	}
	if s.src != nil {
		s.doc.adopt(s.src)
		s.src = nil
	}
	data, doc, err := encodePlan(s.doc, p, gen)
	if err != nil {
		if s.staged != nil {
			s.staged.abort()
			s.staged = nil
		}
		return fmt.Errorf("cannot write %s: %w", s.Path, err)
	}
	pd, err := prepareAtomic(s.file, s.Path, "", 0o666, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
	if err != nil {
		if s.staged != nil {
			s.staged.abort()
			s.staged = nil
		}
		return err
	}
	if s.staged != nil {
		if err := s.commitProgram(); err != nil {
			pd.abort()
			return err
		}
	}
	if err := pd.commit(); err != nil {
		pd.abort()
		s.rollbackProgram()
		return err
	}
	os.Remove(prevPath(s.ProgramPath))
	syncDir(pd.dir)
	s.doc, s.gen = doc, gen
	return nil
}

// commitProgram renames the staged program into place, keeping the one
// it replaces (or an empty file, when there was none) as prevPath.
func (s *Workspace) commitProgram() error {
	prev := prevPath(s.ProgramPath)
	os.Remove(prev)
	if err := os.Link(s.ProgramPath, prev); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			// A file system without hard links: copy it.
			if err := copyFile(s.ProgramPath, prev); err != nil {
				return fmt.Errorf("cannot write %s: %w", s.ProgramPath, err)
			}
		} else if err := os.WriteFile(prev, nil, 0o600); err != nil {
			return fmt.Errorf("cannot write %s: %w", s.ProgramPath, err)
		}
	}
	syncDir(filepath.Dir(prev))
	err := s.staged.commit()
	if err != nil {
		s.staged.abort()
		os.Remove(prev)
	}
	s.staged = nil
	s.progData, s.progFile = nil, ""
	return err
}

// rollbackProgram puts back the program commitProgram replaced.
func (s *Workspace) rollbackProgram() {
	prev := prevPath(s.ProgramPath)
	fi, err := os.Stat(prev)
	if err != nil {
		return
	}
	if fi.Size() == 0 {
		os.Remove(s.ProgramPath)
		os.Remove(prev)
	} else {
		os.Rename(prev, s.ProgramPath)
	}
	s.progData, s.progFile = nil, ""
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
}

// resolveProgram finds the program file that goes with the plan: the
// program beside it, or the one an import stopped between its two writes
// replaced (put back, when the command may write), or a program written
// under the name plan gave it before (legacyProgramPath). It returns ""
// when there is none yet.
func (s *Workspace) resolveProgram() (string, error) {
	prev := prevPath(s.ProgramPath)
	if fi, err := os.Stat(prev); err == nil {
		// An import stopped between renaming the program and the plan:
		// the plan is the old one, so the old program goes with it.
		h, herr := headerOf(s.ProgramPath)
		if herr != nil || h.Generation != s.gen {
			if s.mode == Write && s.lock != nil {
				s.rollbackProgram()
			} else if fi.Size() == 0 {
				return "", nil
			} else {
				return prev, nil
			}
		} else if s.mode == Write && s.lock != nil {
			os.Remove(prev) // the plan was written too
		}
	}
	if _, err := os.Stat(s.ProgramPath); err == nil {
		h, err := headerOf(s.ProgramPath)
		if err == nil && h.Plan != "" && h.Plan != filepath.Base(s.file) {
			return "", fmt.Errorf("%s belongs to the plan %s, not to %s (their names lead to the same program file): %s", s.ProgramPath, h.Plan, s.Path, renameAdvice(s.Path, s.sibling(h.Plan)))
		}
		return s.ProgramPath, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("cannot read the program: %w", err)
	}
	if l := legacyProgramPath(s.file); l != s.ProgramPath {
		if h, err := headerOf(l); err == nil && (h.Plan == "" || h.Plan == filepath.Base(s.file)) {
			return l, nil
		}
	}
	return "", nil
}

// checkGeneration refuses a program that another import wrote than the
// one the plan was saved with.
func (s *Workspace) checkGeneration(h programHeader, name string) error {
	if s.gen == 0 || h.Generation == s.gen {
		return nil
	}
	return &schedule.InputError{File: name, Msg: fmt.Sprintf("does not go with %s (the program is from import %d, the plan from import %d): it was copied from elsewhere, or an import stopped half-way; %s", s.Path, h.Generation, s.gen, rebuildHint)}
}

// headerOf reads the header line of the program file at path.
func headerOf(path string) (programHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return programHeader{}, err
	}
	defer f.Close()
	line, err := bufio.NewReaderSize(f, 4096).ReadSlice('\n')
	if err != nil && len(line) == 0 {
		return programHeader{}, err
	}
	return readHeader(bytes.TrimSpace(line), path)
}

func (s *Workspace) programData() ([]byte, string, error) {
	if s.progData != nil {
		return s.progData, s.progFile, nil
	}
	path, err := s.resolveProgram()
	if err != nil || path == "" {
		return nil, "", err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("cannot read the program: %w", err)
	}
	s.progData, s.progFile = data, path
	return data, path, nil
}

// LoadProgram reads the whole program (an empty one when nothing was
// imported yet) and applies the plan's kind overrides. A damaged program
// (cut short, with a bad line, not a program at all, or from another
// import than the plan) is an error to a command that only reads; a
// command that changes the plan gets what can be read of it, and the
// problem from ProgramProblem, so that 'plan import' rebuilds the
// program it could not use.
func (s *Workspace) LoadProgram(p *schedule.Plan) (*schedule.Program, error) {
	data, path, err := s.programData()
	if err != nil {
		return nil, err
	}
	if data == nil {
		return schedule.NewProgram(nil), nil
	}
	salvage := s.mode == Write
	prog, h, err := readProgram(data, s.displayName(path), salvage)
	if err == nil {
		err = s.checkGeneration(h, s.displayName(path))
	}
	if err != nil {
		if !salvage {
			return nil, err
		}
		s.problem = err
		if prog == nil {
			prog = schedule.NewProgram(nil)
		}
	}
	loc := p.Location()
	for _, sess := range prog.Sessions {
		*sess = sess.In(loc)
		if k, ok := p.KindFor(sess); ok {
			sess.Kind = k
		}
	}
	return prog, nil
}

// displayName is how messages name the program file at path.
func (s *Workspace) displayName(path string) string {
	if path == prevPath(s.ProgramPath) {
		return s.ProgramPath
	}
	return path
}

// FindSessions looks sessions up by id without decoding the whole program.
// Ids not in the program are absent from the map.
func (s *Workspace) FindSessions(p *schedule.Plan, ids []string) (map[string]*schedule.Session, error) {
	var r io.Reader
	var name string
	if s.progData != nil {
		r, name = bytes.NewReader(s.progData), s.displayName(s.progFile)
	} else {
		path, err := s.resolveProgram()
		if err != nil {
			return nil, err
		}
		if path == "" {
			return map[string]*schedule.Session{}, nil
		}
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			return map[string]*schedule.Session{}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read the program: %w", err)
		}
		defer f.Close()
		r, name = f, s.displayName(path)
	}
	br := bufio.NewReaderSize(r, 1<<20)
	if first, err := br.Peek(min(br.Size(), 4096)); len(first) > 0 {
		if nl := bytes.IndexByte(first, '\n'); nl >= 0 || err != nil {
			if nl < 0 {
				nl = len(first)
			}
			h, herr := readHeader(first[:nl], name)
			if herr == nil {
				herr = s.checkGeneration(h, name)
			}
			if herr != nil {
				return nil, herr
			}
		}
	}
	found, err := findInProgram(br, ids, name)
	if err != nil {
		return nil, err
	}
	loc := p.Location()
	for _, sess := range found {
		*sess = sess.In(loc)
		if k, ok := p.KindFor(sess); ok {
			sess.Kind = k
		}
	}
	return found, nil
}

// SaveProgram writes the program file, in full, beside the plan; it
// takes its place with the next SavePlan, which writes the plan with it
// (a Close before that throws it away).
func (s *Workspace) SaveProgram(prog *schedule.Program) error {
	if s.staged != nil {
		s.staged.abort()
		s.staged = nil
	}
	if h, err := headerOf(s.ProgramPath); err == nil && h.Plan != "" && h.Plan != filepath.Base(s.file) {
		if _, err := os.Stat(filepath.Join(filepath.Dir(s.ProgramPath), h.Plan)); err == nil {
			return fmt.Errorf("cannot write %s: it is the program of the plan %s (their names lead to the same program file): %s", s.ProgramPath, h.Plan, renameAdvice(s.Path, s.sibling(h.Plan)))
		}
	}
	gen := s.gen + 1
	if h, err := headerOf(s.ProgramPath); err == nil && h.Generation >= gen {
		gen = h.Generation + 1
	}
	pd, err := prepareAtomic(s.ProgramPath, s.ProgramPath, s.file, 0o666, func(f *os.File) error {
		return writeProgram(f, prog, programHeader{Plan: filepath.Base(s.file), Generation: gen})
	})
	if err != nil {
		return err
	}
	s.staged, s.stagedGen = pd, gen
	return nil
}

// LoadSyncState reads what the last plan sync saw into v, from JSON. It
// reports false, and no error, when there is none or it is not JSON that
// fits v: the next sync starts afresh.
func (s *Workspace) LoadSyncState(v any) (bool, error) {
	data, err := os.ReadFile(syncStatePath(s.file))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("cannot read the sync state: %w", err)
	}
	return json.Unmarshal(data, v) == nil, nil
}

// SaveSyncState writes v, as JSON, as what the last plan sync saw:
// atomically, readable by its owner only (it names the calendar).
func (s *Workspace) SaveSyncState(v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(syncStatePath(s.file), 0o600, func(f *os.File) error {
		_, err := f.Write(append(data, '\n'))
		return err
	})
}

// IsPlanFile reports whether path is one of the files of the plan at
// planPath (see OwnFiles), through any symbolic link
// or other name, so that an export never overwrites them.
func IsPlanFile(planPath, path string) (bool, error) {
	if planPath == "" {
		planPath = "plan.yaml"
	}
	target := resolveLinks(path)
	ti, terr := os.Stat(path) // as given: /dev/fd/63 names a pipe, not a file in /dev/fd
	ws := &Workspace{file: resolveLinks(planPath)}
	ws.ProgramPath = ProgramPathFor(ws.file)
	for _, own := range ws.OwnFiles() {
		if terr == nil {
			if oi, err := os.Stat(own); err == nil && os.SameFile(ti, oi) {
				return true, nil
			}
		}
		if a, err := filepath.Abs(target); err == nil {
			if b, err := filepath.Abs(own); err == nil && a == b {
				return true, nil
			}
		}
	}
	return false, nil
}
