package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"
	"github.com/plan-cli/plan/schedule"
	"gopkg.in/yaml.v3"
)

// Workspace is a plan file on disk, with the program file beside it, held
// under a lock for the life of one command: a shared lock to read, an
// exclusive one to change, so that commands run at the same time take
// turns and none loses another's picks. It is the only place that touches
// the disk for the plan.
type Workspace struct {
	Path        string // the plan file, e.g. plan.yaml
	ProgramPath string // the program beside it, e.g. plan.program.jsonl
	mode        Mode
	lock        *flock.Flock
	progData    []byte
	doc         *yaml.Node // the plan file as last read or written, for SavePlan
	src         []byte     // the text doc was read from; nil once written
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

// ProgramPathFor names the program file that belongs to a plan file.
func ProgramPathFor(planPath string) string {
	ext := filepath.Ext(planPath)
	base := strings.TrimSuffix(planPath, ext)
	return base + ".program.jsonl"
}

// Open locks the plan at path ("" is plan.yaml) for mode, waiting while
// another command holds it for as long as ctx allows; onWait (may be nil)
// is called once if the wait passes WaitNotice. The plan file need not
// exist yet. Close releases the lock.
func Open(ctx context.Context, path string, mode Mode, onWait func()) (*Workspace, error) {
	if path == "" {
		path = "plan.yaml"
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("cannot use plan %s: folder %s does not exist", path, dir)
	}
	ws := &Workspace{Path: path, ProgramPath: ProgramPathFor(path), mode: mode}
	fl, err := acquire(ctx, path, mode, onWait)
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
		ws.removeStaleTemps()
	}
	return ws, nil
}

// removeStaleTemps deletes temporary files a killed writer left behind.
// Under the exclusive lock no other writer can be using them.
func (s *Workspace) removeStaleTemps() {
	for _, p := range []string{s.Path, s.ProgramPath} {
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp-*"))
		for _, m := range matches {
			os.Remove(m)
		}
	}
}

// Close releases the lock.
func (s *Workspace) Close() error {
	if s.lock == nil {
		return nil
	}
	err := s.lock.Close()
	s.lock = nil
	return err
}

// Exists reports whether the plan file exists.
func (s *Workspace) Exists() bool {
	_, err := os.Stat(s.Path)
	return err == nil
}

// LoadPlan reads and checks the plan file. A missing file gives an error
// wrapping ErrNoPlan.
func (s *Workspace) LoadPlan() (*schedule.Plan, error) {
	f, err := os.Open(s.Path)
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
	return p, nil
}

// SavePlan writes the plan atomically. A plan read by LoadPlan is written
// over the document it was read from, so that the comments, key order
// and layout a person gave the file stay (see reconcile).
func (s *Workspace) SavePlan(p *schedule.Plan) error {
	data, doc, err := encodePlan(s.doc, s.src, p)
	if err != nil {
		return err
	}
	err = WriteFileAtomic(s.Path, 0o666, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
	if err == nil {
		s.doc, s.src = doc, nil
	}
	return err
}

func (s *Workspace) programData() ([]byte, error) {
	if s.progData != nil {
		return s.progData, nil
	}
	data, err := os.ReadFile(s.ProgramPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the program: %w", err)
	}
	s.progData = data
	return data, nil
}

// LoadProgram reads the whole program (an empty one when nothing was
// imported yet) and applies the plan's kind overrides.
func (s *Workspace) LoadProgram(p *schedule.Plan) (*schedule.Program, error) {
	data, err := s.programData()
	if err != nil {
		return nil, err
	}
	if data == nil {
		return schedule.NewProgram(nil), nil
	}
	prog, err := ReadProgram(data, s.ProgramPath)
	if err != nil {
		return nil, err
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

// FindSessions looks sessions up by id without decoding the whole program.
// Ids not in the program are absent from the map.
func (s *Workspace) FindSessions(p *schedule.Plan, ids []string) (map[string]*schedule.Session, error) {
	var r io.Reader
	if s.progData != nil {
		r = bytes.NewReader(s.progData)
	} else {
		f, err := os.Open(s.ProgramPath)
		if errors.Is(err, fs.ErrNotExist) {
			return map[string]*schedule.Session{}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read the program: %w", err)
		}
		defer f.Close()
		r = f
	}
	found, err := findInProgram(r, ids, s.ProgramPath)
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

// SaveProgram writes the program file atomically.
func (s *Workspace) SaveProgram(prog *schedule.Program) error {
	s.progData = nil
	return WriteFileAtomic(s.ProgramPath, 0o666, func(f *os.File) error {
		return WriteProgram(f, prog)
	})
}
