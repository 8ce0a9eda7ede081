// Package netrc reads the credentials for a host from the text of a
// .netrc file, for plan sync. It is a credential helper, not CalDAV: it
// neither reads the file nor knows what the credentials are for.
package netrc

import "strings"

// Lookup finds the login and password for host in the text of a .netrc
// file (the format curl, ftp and git read): "machine HOST login USER
// password PASS" entries, and a "default" entry for any other host;
// macdef blocks are skipped. ok is false when no entry applies.
func Lookup(data, host string) (login, password string, ok bool) {
	type entry struct{ login, password string }
	var def, cur *entry
	match := false
	toks := tokens(data)
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "machine", "default":
			if match {
				return cur.login, cur.password, true
			}
			cur, match = &entry{}, false
			if toks[i] == "default" {
				def = cur
			} else if i+1 < len(toks) {
				i++
				match = strings.EqualFold(toks[i], host)
			}
		case "login", "password", "account":
			if i+1 >= len(toks) || cur == nil {
				continue
			}
			i++
			if toks[i-1] == "login" {
				cur.login = toks[i]
			} else if toks[i-1] == "password" {
				cur.password = toks[i]
			}
		}
	}
	if match {
		return cur.login, cur.password, true
	}
	if def != nil {
		return def.login, def.password, true
	}
	return "", "", false
}

// tokens are the words of a .netrc file, without comment lines and
// macros (a macdef runs to the next blank line).
func tokens(data string) []string {
	lines := strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")
	var toks []string
	for i := 0; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "#") {
			continue
		}
		fields := strings.Fields(lines[i])
		for j, f := range fields {
			if f == "macdef" {
				fields = fields[:j]
				for i++; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
				}
				break
			}
		}
		toks = append(toks, fields...)
	}
	return toks
}
