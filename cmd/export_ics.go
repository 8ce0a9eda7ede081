package cmd

import (
	"io"

	"github.com/plan-cli/plan/schedule"
)

func (a *app) writeICS(w io.Writer, st *schedule.Store, p *schedule.Plan, o *exportOptions) error {
	return usagef("--ics is not available in this build")
}
