package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
)

// A synthetic program in pentabarf/frab schedule XML, sized like real
// ones: 8 parallel rooms per 1,000 events, 30–60 minute slots from 09:00
// to 19:00, ~600-character abstracts, one to three speakers, and the event
// types real feeds use. The same events and seed give the same bytes, so
// timings and counts can be compared run to run.
//
// This is a Go port of the project's former tools/gen-program (Python),
// so that a clone can run the bench at every size on its own. It writes
// the same shape, not the same bytes: the random streams differ.
type genOptions struct {
	events int
	seed   uint64
	zone   string // time_zone_name written in the feed
	offset string // UTC offset written on every event date, e.g. -08:00
}

var (
	genTypes = append(repeat("lecture", 14), "workshop", "keynote", "bof", "lightningtalk", "meeting")
	genWords = strings.Fields("kernel ebpf postgres observability tailscale proxmox immutable risc-v " +
		"opensearch atproto nix kubernetes rust go python security sbom fpga " +
		"firmware wasm container scheduler storage replication consensus mesh " +
		"vpn homelab firewall tracing metrics logging database index query " +
		"compiler linker debugger packaging distro desktop wayland audio")
	xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
)

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// writeProgram writes the program to w.
func writeProgram(out io.Writer, o genOptions) error {
	zone, err := parseOffset(o.offset)
	if err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(o.seed, 0x706c616e)) // "plan"
	pick := func(list []string) string { return list[rnd.IntN(len(list))] }
	pickInt := func(list ...int) int { return list[rnd.IntN(len(list))] }
	rooms := max(2, o.events/125)
	const dayStart, dayEnd = 9 * 60, 19 * 60
	first := time.Date(2026, 3, 5, 0, 0, 0, 0, zone)

	w := bufio.NewWriterSize(out, 1<<16)
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n  <version>synthetic-%d</version>\n", o.seed)
	fmt.Fprintf(w, "  <conference>\n    <acronym>synth-%d</acronym>\n    <title>Synthetic Conference (%d events)</title>\n", o.events, o.events)
	fmt.Fprintf(w, "    <time_zone_name>%s</time_zone_name>\n  </conference>\n", xmlText.Replace(o.zone))
	made := 0
	for day := 0; made < o.events; day++ {
		d := first.AddDate(0, 0, day)
		fmt.Fprintf(w, "  <day index=\"%d\" date=\"%s\">\n", day+1, d.Format(time.DateOnly))
		for r := 1; r <= rooms && made < o.events; r++ {
			fmt.Fprintf(w, "    <room name=\"Room %d\">\n", r)
			t := dayStart + pickInt(0, 15, 30)
			for made < o.events {
				dur := pickInt(30, 45, 50, 60)
				if t+dur > dayEnd {
					break
				}
				made++
				start := d.Add(time.Duration(t) * time.Minute)
				typ := pick(genTypes)
				topic := sample(rnd, genWords, 3)
				title := fmt.Sprintf("%s %s for %s people", titleCase(topic[0]), typ, topic[1])
				abstract := make([]string, 80)
				for i := range abstract {
					abstract[i] = pick(genWords)
				}
				fmt.Fprintf(w, "      <event id=\"%d\" guid=\"00000000-0000-4000-8000-%012d\">\n", made, made)
				fmt.Fprintf(w, "        <date>%s</date>\n        <start>%02d:%02d</start>\n", start.Format(time.RFC3339), t/60, t%60)
				fmt.Fprintf(w, "        <duration>%02d:%02d</duration>\n", dur/60, dur%60)
				fmt.Fprintf(w, "        <room>Room %d</room>\n        <slug>synth-%d</slug>\n", r, made)
				fmt.Fprintf(w, "        <title>%s</title>\n        <subtitle/>\n", xmlText.Replace(title))
				fmt.Fprintf(w, "        <track>%s</track>\n        <type>%s</type>\n", xmlText.Replace(titleCase(topic[2])), typ)
				fmt.Fprintf(w, "        <language>en</language>\n        <abstract>%s</abstract>\n", xmlText.Replace(strings.Join(abstract, " ")))
				fmt.Fprintf(w, "        <description/>\n        <persons>\n")
				for range 1 + rnd.IntN(3) {
					pid := 1 + rnd.IntN(max(10, o.events/2))
					fmt.Fprintf(w, "          <person id=\"%d\">Speaker %d</person>\n", pid, pid)
				}
				fmt.Fprintf(w, "        </persons>\n        <links/>\n      </event>\n")
				t += dur + pickInt(0, 5, 10, 15)
			}
			fmt.Fprintf(w, "    </room>\n")
		}
		fmt.Fprintf(w, "  </day>\n")
	}
	fmt.Fprintf(w, "</schedule>\n")
	return w.Flush()
}

// parseOffset reads an offset such as -08:00 or +05:30 as a fixed zone,
// so that every date carries it whatever the day (as the feeds this
// imitates do).
func parseOffset(s string) (*time.Location, error) {
	t, err := time.Parse("-07:00", s)
	if err != nil {
		return nil, fmt.Errorf("bad -offset %q: want the form -08:00 or +05:30", s)
	}
	_, secs := t.Zone()
	return time.FixedZone(s, secs), nil
}

// sample returns k distinct elements of list in random order.
func sample(rnd *rand.Rand, list []string, k int) []string {
	idx := rnd.Perm(len(list))[:k]
	out := make([]string, k)
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}

// titleCase upper-cases the first letter of each run of letters, as
// Python's str.title does: "risc-v" → "Risc-V".
func titleCase(s string) string {
	var b strings.Builder
	prevLetter := false
	for _, r := range s {
		if !prevLetter {
			r = unicode.ToUpper(r)
		}
		prevLetter = unicode.IsLetter(r)
		b.WriteRune(r)
	}
	return b.String()
}
