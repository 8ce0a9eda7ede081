package importer

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/plan-cli/plan/schedule"
)

// kindOf decides a session's kind from what the feed says, most specific
// first: a title prefix ("BoF: …"), then the feed's type or topic, then
// the track; def when nothing is recognised.
func kindOf(title, typ, track string, def schedule.Kind) schedule.Kind {
	if k, ok := schedule.TitleKind(title); ok {
		return k
	}
	if k, ok := schedule.GuessKind(typ); ok {
		return k
	}
	if k, ok := schedule.GuessKind(track); ok && k != schedule.KindTalk {
		return k
	}
	return def
}

var (
	tagRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)<[^>]*>`) })
	blockRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)<\s*(br|/p|/div|/li|hr|/h[1-6])\b[^>]*>`) })
	// scripts and style sheets go with their content.
	scriptRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>`)
	})
)

// plainText reduces HTML (or text that may hold some) to readable plain
// text: scripts and style sheets go with their content, block ends become
// line breaks, tags go, entities are decoded, runs of white space shrink,
// and control characters other than newline go.
func plainText(s string) string {
	if strings.ContainsAny(s, "<&") {
		if strings.Contains(s, "<script") || strings.Contains(s, "<style") || strings.Contains(s, "<SCRIPT") || strings.Contains(s, "<STYLE") {
			s = scriptRE().ReplaceAllString(s, "")
		}
		s = blockRE().ReplaceAllString(s, "\n")
		s = tagRE().ReplaceAllString(s, "")
		s = html.UnescapeString(s)
	}
	return cleanText(s)
}

// cleanText drops control characters (keeping newlines), turns runs of
// spaces and tabs into one space, trims every line, and leaves at most
// one blank line between paragraphs. Titles and names go through oneLine
// instead. One pass, no regular expressions: abstracts are most of a
// program's bytes.
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false   // a space is pending inside the current line
	newlines := 0    // newlines pending since the last text
	started := false // some text has been written
	for _, r := range s {
		switch {
		case r == '\n':
			space = false
			newlines++
			continue
		case r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\v' || r == 0xa0 && false:
			space = true
			continue
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			continue
		}
		if started {
			if newlines > 0 {
				b.WriteString("\n\n"[:min(newlines, 2)])
			} else if space {
				b.WriteByte(' ')
			}
		}
		newlines, space, started = 0, false, true
		b.WriteRune(r)
	}
	return b.String()
}

// oneLine is for titles, rooms, names: no line breaks or control
// characters, single spaces.
func oneLine(s string) string {
	if strings.ContainsAny(s, "<&") && strings.Contains(s, ";") || strings.Contains(s, "</") {
		s = html.UnescapeString(tagRE().ReplaceAllString(s, ""))
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// parseClock reads "HH:MM" or "HH:MM:SS" as a duration since midnight (or
// a length, for frab's "duration").
func parseClock(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("%q is not a time of the form HH:MM", s)
	}
	var total time.Duration
	units := []time.Duration{time.Hour, time.Minute, time.Second}
	for i, p := range parts {
		// Digits only: Atoi alone takes "-00" for 0, which read a
		// duration of "-00:50" as 50 minutes.
		n, err := strconv.Atoi(p)
		if err != nil || strings.Trim(p, "0123456789") != "" || (i > 0 && n > 59) || n > 1<<20 { // 1<<20 hours: far from overflow
			return 0, fmt.Errorf("%q is not a time of the form HH:MM", s)
		}
		total += time.Duration(n) * units[i]
	}
	return total, nil
}

// loadZone resolves an IANA zone name, with a message that says what to do.
func loadZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, fmt.Errorf("no time zone given")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: correct it to a tz database name such as Europe/Brussels, or give the conference's zone with --tz", name)
	}
	return loc, nil
}

// lineAt is the 1-based line number of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// splitNames splits a comma- or "and"-separated speaker list.
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = oneLine(p)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// head returns at most n bytes of data with leading white space skipped,
// for sniffing.
func head(data []byte, n int) []byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) > n {
		data = data[:n]
	}
	return data
}
