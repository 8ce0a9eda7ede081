package cmd

import (
	"errors"
	"testing"
)

// The zone to type instead of --tz Local: TZ first (as Go reads it), then
// the file /etc/localtime links to; nothing when neither names a zone.
func TestMachineZone(t *testing.T) {
	for _, c := range []struct {
		tz, link, want string
	}{
		{"Europe/Berlin", "/usr/share/zoneinfo/Asia/Tokyo", "Europe/Berlin"},
		{":America/Chicago", "", "America/Chicago"},
		{"/usr/share/zoneinfo/Australia/Adelaide", "", "Australia/Adelaide"},
		{"", "/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"},
		{"", "../usr/share/zoneinfo/Etc/UTC", "Etc/UTC"},
		{"", "/var/db/timezone/zoneinfo/America/New_York", "America/New_York"},
		{"", "/etc/static/localtime", ""},
		{"", "", ""},
		{"CET-1CEST,M3.5.0,M10.5.0/3", "", ""},
		{"Local", "", ""},
		{"+01:00", "", ""},
		{"UTC+01:00", "", ""},
		{"", "/usr/share/zoneinfo/Nowhere/Atlantis", ""},
	} {
		getenv := func(k string) string {
			if k == "TZ" {
				return c.tz
			}
			return ""
		}
		readlink := func(string) (string, error) {
			if c.link == "" {
				return "", errors.New("not a link")
			}
			return c.link, nil
		}
		if got := machineZone(getenv, readlink); got != c.want {
			t.Errorf("TZ=%q, /etc/localtime -> %q: %q, want %q", c.tz, c.link, got, c.want)
		}
	}
}
