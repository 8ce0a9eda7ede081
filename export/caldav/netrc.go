package caldav

import "strings"

// NetrcLookup finds the login and password for host in the text of a
// .netrc file (the format curl, ftp and git read): "machine HOST login
// USER password PASS" entries, and a "default" entry for any other host;
// macdef blocks are skipped. ok is false when no entry applies.
func NetrcLookup(data, host string) (login, password string, ok bool) {
	type entry struct{ login, password string }
	var def *entry
	var cur *entry
	match := false
	lines := strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")
	var toks []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "#") {
			continue
		}
		fields := strings.Fields(line)
		for j := 0; j < len(fields); j++ {
			if fields[j] == "macdef" {
				// A macro runs to the next blank line.
				for i++; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
				}
				fields = fields[:j]
				break
			}
		}
		toks = append(toks, fields...)
	}
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "machine":
			if match && cur != nil {
				return cur.login, cur.password, true
			}
			cur, match = &entry{}, false
			if i+1 < len(toks) {
				i++
				match = strings.EqualFold(toks[i], host)
			}
		case "default":
			if match && cur != nil {
				return cur.login, cur.password, true
			}
			cur, match = &entry{}, false
			def = cur
		case "login", "password", "account":
			if i+1 < len(toks) && cur != nil {
				i++
				switch toks[i-1] {
				case "login":
					cur.login = toks[i]
				case "password":
					cur.password = toks[i]
				}
			}
		}
	}
	if match && cur != nil {
		return cur.login, cur.password, true
	}
	if def != nil {
		return def.login, def.password, true
	}
	return "", "", false
}
