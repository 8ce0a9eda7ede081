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
	"regexp"
	"strconv"
	"strings"
	"sync"

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
	return DecodePlan(data, s.Path)
}

var yamlLineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+): (.*)`) })

// DecodePlan parses plan YAML. Unknown keys, bad values and plans written
// by a newer version are errors naming the line.
func DecodePlan(data []byte, name string) (*schedule.Plan, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &schedule.InputError{File: name, Msg: "the plan file is empty (delete it and run plan init or plan import)"}
	}
	// The version decides how to read the rest, so find it first; a line
	// scan spares a second YAML parse on every command.
	v, ok := versionLine(data)
	if !ok {
		var probe struct {
			Version *int `yaml:"version"`
		}
		if err := yaml.Unmarshal(data, &probe); err != nil {
			return nil, yamlError(name, err)
		}
		if probe.Version == nil {
			return nil, &schedule.InputError{File: name, Line: 1, Msg: "no version: field; this is not a plan file"}
		}
		v = *probe.Version
	}
	if v > schedule.FormatVersion {
		return nil, &schedule.InputError{File: name, Msg: fmt.Sprintf("written by a newer plan (file format %d; this build reads up to %d): upgrade plan; the file was left unchanged", v, schedule.FormatVersion)}
	}
	if v < 1 {
		return nil, &schedule.InputError{File: name, Msg: fmt.Sprintf("unknown plan file format %d", v)}
	}
	data, err := migrate(data, v)
	if err != nil {
		return nil, &schedule.InputError{File: name, Msg: "cannot migrate", Err: err}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	var f planFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, yamlError(name, err)
	}
	if memo := map[*yaml.Node]int{}; expandedSize(&doc, memo) > len(memo)+1000 {
		return nil, yamlError(name, errors.New("yaml: document contains excessive aliasing"))
	}
	p := f.plan()
	if err := p.Validate(name, func(k string) int { return findLine(data, k) }); err != nil {
		return nil, err
	}
	return p, nil
}

var versionRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^version:[ \t]*([0-9]+)[ \t]*(?:#.*)?\r?$`) })

// versionLine finds a top-level "version: N" line.
func versionLine(data []byte) (int, bool) {
	m := versionRE().FindSubmatch(data)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	return n, err == nil
}

// migrate upgrades the YAML of an older plan format to the current one.
// Format 1 is the first; each later format adds a step here.
func migrate(data []byte, from int) ([]byte, error) {
	return data, nil
}

func yamlError(name string, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	if m := yamlLineRE().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		detail := strings.TrimSpace(m[2])
		detail = strings.Replace(detail, "in type schedule.", "in ", 1)
		if strings.HasPrefix(detail, "field ") && strings.Contains(detail, " not found") {
			f := strings.TrimPrefix(detail, "field ")
			f = f[:strings.Index(f, " not found")]
			detail = fmt.Sprintf("unknown key %q (check its spelling; see the plan file format in README.md)", f)
		}
		if strings.HasPrefix(detail, "cannot unmarshal !!seq into ") || strings.HasPrefix(detail, "cannot unmarshal !!map into ") {
			found := "a list"
			if strings.Contains(detail, "!!map") {
				found = "a mapping (key: value)"
			}
			detail = fmt.Sprintf("%s where a single value belongs: check the brackets and indentation of this line", found)
		}
		return &schedule.InputError{File: name, Line: line, Msg: detail}
	}
	if strings.Contains(msg, "excessive aliasing") {
		// yaml.v3 stops an alias bomb ("billion laughs") with this.
		return &schedule.InputError{File: name, Msg: "too many YAML aliases (*name) for the size of the file, as in an alias bomb: write the values out instead of using &anchors and *aliases"}
	}
	return &schedule.InputError{File: name, Msg: strings.TrimSpace(msg)}
}

func findLine(data []byte, s string) int {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0
	}
	return lineNumber(data, i)
}

// SavePlan writes the plan atomically.
func (s *Workspace) SavePlan(p *schedule.Plan) error {
	data, err := EncodePlan(p)
	if err != nil {
		return err
	}
	return WriteFileAtomic(s.Path, 0o644, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
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
	return WriteFileAtomic(s.ProgramPath, 0o644, func(f *os.File) error {
		return WriteProgram(f, prog)
	})
}

// expandedSize counts the nodes of n with every alias expanded, so that an
// alias bomb is refused before it is decoded into values.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if n == nil {
		return 0
	}
	if v, ok := memo[n]; ok {
		return v
	}
	memo[n] = 1 << 30 // a cycle counts as endless
	size := 1
	if n.Kind == yaml.AliasNode {
		size += expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		size += expandedSize(c, memo)
		if size > 1<<30 {
			break
		}
	}
	memo[n] = size
	return size
}
