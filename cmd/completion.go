package cmd

import (
	"strings"
	"unicode/utf8"

	"github.com/plan-cli/plan/schedule"
	"github.com/plan-cli/plan/schedule/store"
	"github.com/spf13/cobra"
)

func completeZones(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	zones := []string{"America/Los_Angeles", "America/New_York", "America/Chicago", "America/Denver", "Europe/Brussels", "Europe/Berlin", "Europe/London", "Europe/Paris", "Europe/Amsterdam", "Australia/Melbourne", "Australia/Sydney", "Australia/Adelaide", "Asia/Tokyo", "Asia/Kolkata", "UTC"}
	return zones, cobra.ShellCompDirectiveNoFileComp
}

func completeKinds(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var ks []string
	for _, k := range schedule.Kinds {
		ks = append(ks, string(k))
	}
	return ks, cobra.ShellCompDirectiveNoFileComp
}

// completeSessions offers the program's session ids with their titles.
func (f *Factory) completeSessions(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		prog, err := f.loadProgram(st, p)
		if err != nil {
			return err
		}
		for _, s := range prog.Sessions {
			if strings.HasPrefix(s.ID, toComplete) {
				out = append(out, completion(s.ID, s.Title))
			}
		}
		return nil
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeField offers the distinct values of one session field (rooms,
// tracks) in the program.
func (f *Factory) completeField(field func(*schedule.Session) string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var out []string
		f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
			prog, err := st.LoadProgram(p)
			if err != nil {
				return err
			}
			seen := map[string]bool{}
			for _, s := range prog.Sessions {
				if v := field(s); v != "" && !seen[v] && strings.HasPrefix(strings.ToLower(v), strings.ToLower(toComplete)) {
					seen[v] = true
					out = append(out, completion(v, ""))
				}
			}
			return nil
		})
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeDays offers the program's days as weekday names and dates.
func (f *Factory) completeDays(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		prog, err := f.loadProgram(st, p)
		if err != nil {
			return err
		}
		for _, d := range days(prog.Sessions) {
			out = append(out, d.String()+"\t"+d.Format("Monday"))
		}
		return nil
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}

func (f *Factory) completePicks(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	f.readPlan(func(st *store.Workspace, p *schedule.Plan) error {
		for _, pk := range p.Picks {
			out = append(out, completion(pk.ID, pk.Title))
		}
		return nil
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}

func (f *Factory) completeRooms(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) >= 2 {
		return []string{"5m", "10m", "15m"}, cobra.ShellCompDirectiveNoFileComp
	}
	return f.completeField(func(s *schedule.Session) string { return s.Room })(cmd, args, toComplete)
}

func completePriorities(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return []string{"must", "want", "maybe"}, cobra.ShellCompDirectiveNoFileComp
}

// completion is one line of shell completion: the value, then a tab and
// its description. Both are one line of printable text: a tab or a line
// break in a title would split the line the shell reads, and a control
// character would reach the terminal as the shell shows the choices.
func completion(value, desc string) string {
	value, desc = completionText(value), completionText(desc)
	if desc == "" {
		return value
	}
	return value + "\t" + desc
}

func completionText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
}
