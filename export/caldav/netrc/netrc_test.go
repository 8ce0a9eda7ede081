package netrc

import "testing"

func TestLookup(t *testing.T) {
	const several = `# my servers
machine cloud.example.org
  login ana
  password s3cret

machine 127.0.0.1 login bob password hunter2 account x

default login anonymous password me@example.org
`
	const macro = "machine ftp.example.org login ftp password ftp\n" +
		"macdef init\n" +
		"machine cloud.example.org login mallory password stolen\n" +
		"\n" +
		"machine cloud.example.org login ana password right\n"
	for _, c := range []struct {
		name, data, host string
		login, password  string
		ok               bool
	}{
		{"a machine over lines", several, "cloud.example.org", "ana", "s3cret", true},
		{"the host in other case", several, "Cloud.Example.ORG", "ana", "s3cret", true},
		{"a machine on one line, account ignored", several, "127.0.0.1", "bob", "hunter2", true},
		{"default for any other host", several, "elsewhere.example.org", "anonymous", "me@example.org", true},
		{"no entry and no default", "machine a.example.org login a password a\n", "b.example.org", "", "", false},
		{"empty file", "", "cloud.example.org", "", "", false},
		{"CRLF line ends", "machine cloud.example.org\r\n\tlogin ana\r\n\tpassword crlf\r\n", "cloud.example.org", "ana", "crlf", true},
		{"a macro is not an entry", macro, "cloud.example.org", "ana", "right", true},
		{"a comment is not an entry", "# machine cloud.example.org login x password y\n", "cloud.example.org", "", "", false},
		{"login without password", "machine cloud.example.org login ana\n", "cloud.example.org", "ana", "", true},
		{"password without login", "machine cloud.example.org password pw\n", "cloud.example.org", "", "pw", true},
		{"the first of two entries for a host", "machine h login one password 1\nmachine h login two password 2\n", "h", "one", "1", true},
		{"a machine after default", "default login d password d\nmachine h login m password m\n", "h", "m", "m", true},
		{"a matched entry before default", "machine h login m password m\ndefault login d password d\n", "h", "m", "m", true},
		{"a name cut short", "machine h login", "h", "", "", true},
		{"a machine with no name", "machine", "h", "", "", false},
	} {
		login, password, ok := Lookup(c.data, c.host)
		if login != c.login || password != c.password || ok != c.ok {
			t.Errorf("%s: Lookup(%q) = %q, %q, %v; want %q, %q, %v", c.name, c.host, login, password, ok, c.login, c.password, c.ok)
		}
	}
}
