package schedule

import (
	"bytes"
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
	"time"

	"gopkg.in/yaml.v3"
)

// Store is a plan file on disk, with the program file beside it, held
// under a lock for the life of one command: a shared lock to read, an
// exclusive one to change, so that commands run at the same time take
// turns and none loses another's picks.
type Store struct {
	Path        string // the plan file, e.g. plan.yaml
	ProgramPath string // the program beside it, e.g. plan.program.jsonl
	lock        *os.File
	progData    []byte
}

// MaxPlanSize caps the plan file we read; a plan is small (the program
// lives beside it), so anything larger is not a plan.
const MaxPlanSize = 64 << 20

// ProgramPathFor names the program file that belongs to a plan file.
func ProgramPathFor(planPath string) string {
	ext := filepath.Ext(planPath)
	base := strings.TrimSuffix(planPath, ext)
	return base + ".program.jsonl"
}

// Open locks the plan at path: exclusive to write, shared to read. The
// plan file need not exist yet. Close releases the lock.
func Open(path string, exclusive bool) (*Store, error) {
	if path == "" {
		path = "plan.yaml"
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("cannot use plan %s: folder %s does not exist", path, dir)
	}
	lockPath := filepath.Join(dir, "."+filepath.Base(path)+".lock")
	flag := os.O_RDWR | os.O_CREATE
	f, err := os.OpenFile(lockPath, flag, 0o644)
	if err != nil && !exclusive {
		// A read-only folder: reading without a lock is still safe,
		// since every write is an atomic rename.
		return &Store{Path: path, ProgramPath: ProgramPathFor(path)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot lock plan %s: %w", path, err)
	}
	if err := lockFile(f, exclusive); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock plan %s: %w", path, err)
	}
	st := &Store{Path: path, ProgramPath: ProgramPathFor(path), lock: f}
	if exclusive {
		st.removeStaleTemps()
	}
	return st, nil
}

// removeStaleTemps deletes temporary files a killed writer left behind.
// Under the exclusive lock no other writer can be using them.
func (s *Store) removeStaleTemps() {
	for _, p := range []string{s.Path, s.ProgramPath} {
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp-*"))
		for _, m := range matches {
			os.Remove(m)
		}
	}
}

// Close releases the lock.
func (s *Store) Close() error {
	if s.lock == nil {
		return nil
	}
	unlockFile(s.lock)
	err := s.lock.Close()
	s.lock = nil
	return err
}

// Exists reports whether the plan file exists.
func (s *Store) Exists() bool {
	_, err := os.Stat(s.Path)
	return err == nil
}

// LoadPlan reads and checks the plan file. A missing file gives an error
// wrapping ErrNoPlan.
func (s *Store) LoadPlan() (*Plan, error) {
	f, err := os.Open(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", s.Path, ErrNoPlan)
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
		return nil, &InputError{File: s.Path, Msg: fmt.Sprintf("larger than %d MiB: not a plan file", MaxPlanSize>>20)}
	}
	return DecodePlan(data, s.Path)
}

var yamlLineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+): (.*)`) })

// DecodePlan parses plan YAML. Unknown keys, bad values and plans written
// by a newer version are errors naming the line.
func DecodePlan(data []byte, name string) (*Plan, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &InputError{File: name, Msg: "the plan file is empty (delete it and run plan init or plan import)"}
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
			return nil, &InputError{File: name, Line: 1, Msg: "no version: field; this is not a plan file"}
		}
		v = *probe.Version
	}
	if v > FormatVersion {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("written by a newer plan (file format %d; this build reads up to %d): upgrade plan; the file was left unchanged", v, FormatVersion)}
	}
	if v < 1 {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("unknown plan file format %d", v)}
	}
	if v == FormatVersion {
		// The plan as this tool wrote it: read it without yaml.v3, and
		// trust the result only if writing it again gives these bytes.
		if p := decodeOwnPlan(data); p != nil {
			if again, err := EncodePlan(p); err == nil && bytes.Equal(again, data) && p.check(name, data) == nil {
				return p, nil
			}
		}
	}
	data, err := migrate(data, v)
	if err != nil {
		return nil, &InputError{File: name, Msg: "cannot migrate", Err: err}
	}
	p := new(Plan)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil {
		return nil, yamlError(name, err)
	}
	if err := p.check(name, data); err != nil {
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
		return &InputError{File: name, Line: line, Msg: detail}
	}
	if strings.Contains(msg, "excessive aliasing") {
		// yaml.v3 stops an alias bomb ("billion laughs") with this.
		return &InputError{File: name, Msg: "too many YAML aliases (*name) for the size of the file, as in an alias bomb: write the values out instead of using &anchors and *aliases"}
	}
	return &InputError{File: name, Msg: strings.TrimSpace(msg)}
}

// check validates values the YAML decoder cannot and puts times in the
// conference zone.
func (p *Plan) check(name string, data []byte) error {
	p.Version = FormatVersion
	if p.Conference.TimeZone != "" {
		loc, err := time.LoadLocation(p.Conference.TimeZone)
		if err != nil {
			return &InputError{File: name, Line: findLine(data, "time_zone:"), Msg: fmt.Sprintf("unknown time zone %q (use a tz database name such as Europe/Brussels)", p.Conference.TimeZone)}
		}
		p.loc = loc
	}
	for k, kind := range p.Kinds {
		if !kind.Valid() {
			return &InputError{File: name, Line: findLine(data, k), Msg: fmt.Sprintf("kinds: %q maps to unknown kind %q (use one of: %s)", k, kind, kindList())}
		}
		if f, _, ok := strings.Cut(k, ":"); !ok || (f != "type" && f != "track" && f != "title") {
			return &InputError{File: name, Line: findLine(data, k), Msg: fmt.Sprintf("kinds: key %q must be type:WORD, track:NAME or title:PREFIX", k)}
		}
	}
	seen := map[string]bool{}
	loc := p.Location()
	for _, pk := range p.Picks {
		if pk == nil || pk.ID == "" {
			return &InputError{File: name, Msg: "a pick has no id"}
		}
		where := func(msg string) error {
			return &InputError{File: name, Line: findLine(data, "id: "+pk.ID), Session: pk.ID, Msg: msg}
		}
		if seen[pk.ID] {
			return where("picked twice; remove one of the entries")
		}
		seen[pk.ID] = true
		if pk.Priority == "" {
			pk.Priority = Want
		}
		if _, err := ParsePriority(string(pk.Priority)); err != nil {
			return where(err.Error())
		}
		switch pk.Status {
		case "":
			pk.Status = Planned
		case Planned, Attended, Skipped:
		default:
			return where(fmt.Sprintf("unknown status %q (use planned, attended or skipped)", pk.Status))
		}
		if pk.Kind == "" {
			pk.Kind = KindOther
		}
		if !pk.Kind.Valid() {
			return where(fmt.Sprintf("unknown kind %q (use one of: %s)", pk.Kind, kindList()))
		}
		if pk.Start.IsZero() != pk.End.IsZero() {
			return where("has a start but no end (or an end but no start)")
		}
		if pk.End.Before(pk.Start) {
			return where("ends before it starts")
		}
		pk.Session = pk.Session.In(loc)
		if !pk.Personal {
			if k, ok := p.KindFor(&pk.Session); ok {
				pk.Kind = k
			}
		}
	}
	for _, w := range p.Venue.Walks {
		if w.Minutes < 0 {
			return &InputError{File: name, Msg: fmt.Sprintf("venue: negative walk between %q and %q", w.From, w.To)}
		}
	}
	return nil
}

func findLine(data []byte, s string) int {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0
	}
	return lineNumber(data, i)
}

// SavePlan writes the plan atomically.
func (s *Store) SavePlan(p *Plan) error {
	data, err := EncodePlan(p)
	if err != nil {
		return err
	}
	return WriteFileAtomic(s.Path, 0o644, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

func (s *Store) programData() ([]byte, error) {
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
func (s *Store) LoadProgram(p *Plan) (*Program, error) {
	data, err := s.programData()
	if err != nil {
		return nil, err
	}
	if data == nil {
		return NewProgram(nil), nil
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
func (s *Store) FindSessions(p *Plan, ids []string) (map[string]*Session, error) {
	var r io.Reader
	if s.progData != nil {
		r = bytes.NewReader(s.progData)
	} else {
		f, err := os.Open(s.ProgramPath)
		if errors.Is(err, fs.ErrNotExist) {
			return map[string]*Session{}, nil
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
func (s *Store) SaveProgram(prog *Program) error {
	s.progData = nil
	return WriteFileAtomic(s.ProgramPath, 0o644, func(f *os.File) error {
		return WriteProgram(f, prog)
	})
}
