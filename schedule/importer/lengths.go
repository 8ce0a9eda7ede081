package importer

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// usualLengths gives the sessions in missing, which have a start but
// whose program gives no length (an empty pentabarf <duration>), the
// length most sessions of their kind have in the same program, else the
// length most of its sessions have, else none (they end when they
// start, as a marker does). They are kept, not left out, and one warning
// names them and the lengths given.
func usualLengths(feed *Feed, name string, missing []*schedule.Session, field string) {
	if len(missing) == 0 {
		return
	}
	without := make(map[*schedule.Session]bool, len(missing))
	for _, s := range missing {
		without[s] = true
	}
	byKind := map[schedule.Kind]map[time.Duration]int{}
	all := map[time.Duration]int{}
	for _, s := range feed.Sessions {
		d := s.End.Sub(s.Start)
		if without[s] || !s.Scheduled() || d <= 0 {
			continue
		}
		if byKind[s.Kind] == nil {
			byKind[s.Kind] = map[time.Duration]int{}
		}
		byKind[s.Kind][d]++
		all[d]++
	}
	given := map[string]bool{}
	var lines []string
	for _, s := range missing {
		d, how := mostCommon(byKind[s.Kind]), ""
		if d == 0 {
			d, how = mostCommon(all), fmt.Sprintf(" (no other %s has a length: the program's most common)", s.Kind)
		}
		s.End = s.Start.Add(d)
		if d == 0 {
			given["no length (it ends when it starts)"] = true
		} else {
			given[fmt.Sprintf("%s for a %s%s", lengthText(d), s.Kind, how)] = true
		}
		if l := feed.lines[s]; l > 0 && len(lines) < 10 {
			lines = append(lines, fmt.Sprint(l))
		}
	}
	list := make([]string, 0, len(given))
	for g := range given {
		list = append(list, g)
	}
	sort.Strings(list)
	at := ""
	if len(lines) > 0 {
		at = fmt.Sprintf(" (%s %s)", plural(len(lines), "line", "lines"), strings.Join(lines, ", "))
	}
	if len(missing) == 1 {
		feed.warn(name, missing[0], "no %s: kept, with the usual length in this program: %s", field, list[0])
		return
	}
	feed.warn(name, nil, "%d sessions have no %s%s: kept, with the usual length in this program: %s", len(missing), field, at, strings.Join(list, "; "))
}

// mostCommon is the length counts holds most often, the shorter of two
// as common; 0 for none.
func mostCommon(counts map[time.Duration]int) time.Duration {
	var best time.Duration
	n := 0
	for d, c := range counts {
		if c > n || c == n && d < best {
			best, n = d, c
		}
	}
	return best
}

// lengthText writes a length as a person reads it: "30 min", "1 h",
// "1 h 30 min".
func lengthText(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}
