package store

import (
	"io"

	"github.com/plan-cli/plan/schedule"
)

// The plan and program codecs, for tests: what a command reads and writes
// goes through a Workspace.

// DecodePlan parses plan YAML. Unknown keys, bad values and plans written
// by a newer version are errors naming the line.
func DecodePlan(data []byte, name string) (*schedule.Plan, error) {
	p, _, err := decodePlan(data, name)
	return p, err
}

// EncodePlan renders the plan as a new plan file: the header comment,
// then the keys in planFile's order, speakers, walks and facts one line
// each.
func EncodePlan(p *schedule.Plan) ([]byte, error) {
	data, _, err := encodePlan(nil, p, 0)
	return data, err
}

// encodeOver renders p over the plan file data as a save does.
func encodeOver(data []byte, p *schedule.Plan) ([]byte, *planDoc, error) {
	_, d, err := decodePlan(data, "plan.yaml")
	if err != nil {
		return nil, nil, err
	}
	d.adopt(data)
	return encodePlan(d, p, 0)
}

// WriteProgram writes p in the program file format.
func WriteProgram(w io.Writer, p *schedule.Program) error {
	return writeProgram(w, p, programHeader{})
}

// ReadProgram decodes a whole program file.
func ReadProgram(data []byte, name string) (*schedule.Program, error) {
	prog, _, err := readProgram(data, name, false)
	return prog, err
}
