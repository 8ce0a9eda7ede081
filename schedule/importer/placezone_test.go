package importer

import (
	"strings"
	"testing"
)

// A city a program names is matched against the last element of the tz
// zones, other names of those cities, and the conference cities whose
// zone is named after another; a country after it decides or suggests.
func TestZoneOfCity(t *testing.T) {
	for _, tt := range []struct {
		city, zone, country string
	}{
		{"Brussels", "Europe/Brussels", ""},
		{"Berlin", "Europe/Berlin", ""},
		{" Bruxelles ", "Europe/Brussels", ""},
		{"München", "Europe/Berlin", ""},
		{"Hamburg", "Europe/Berlin", ""},
		{"Ghent", "Europe/Brussels", ""},
		{"Zürich", "Europe/Zurich", ""},
		{"São Paulo", "America/Sao_Paulo", ""},
		{"Los Angeles", "America/Los_Angeles", ""},
		{"Pasadena, CA", "America/Los_Angeles", ""},
		{"Berlin, Germany", "Europe/Berlin", ""},
		{"Brno (Czech Republic)", "Europe/Prague", ""},
		{"Dar es Salaam", "Africa/Dar_es_Salaam", ""},
		{"Port-au-Prince", "America/Port-au-Prince", ""},
		{"Somewhere, Germany", "Europe/Berlin", ""},
		{"Belgium", "Europe/Brussels", ""},
		// A city named in another country than the zone's is not trusted.
		{"Dublin, USA", "", "America/New_York"},
		{"Springfield, USA", "", "America/New_York"},
		{"Australia", "", "Australia/Sydney"},
		// Names that are zones, but not of the place a text means.
		{"Victoria", "", ""},
		{"Norfolk", "", ""},
		{"Casey", "", ""},
		{"Online", "", ""},
		{"", "", ""},
		{"Europe/../../etc", "", ""},
		{"Москва", "", ""},
	} {
		pz := zoneOfCity(tt.city)
		if pz.zone != tt.zone {
			t.Errorf("zoneOfCity(%q) = %q, want %q", tt.city, pz.zone, tt.zone)
		}
		if got := strings.Join(pz.country, " "); tt.country != "" && !strings.HasPrefix(got, tt.country) || tt.country == "" && got != "" {
			t.Errorf("zoneOfCity(%q) suggests %q, want %q first", tt.city, got, tt.country)
		}
	}
}

// A venue's text names its city among other words; two cities of
// different zones say nothing.
func TestZoneInText(t *testing.T) {
	for _, tt := range []struct {
		texts       []string
		zone, place string
	}{
		{[]string{"ULB (Université Libre de Bruxelles)"}, "Europe/Brussels", "Bruxelles"},
		{[]string{"CCH Hamburg"}, "Europe/Berlin", "Hamburg"},
		{[]string{"Pasadena Convention Center"}, "America/Los_Angeles", "Pasadena"},
		{[]string{"Salt Lake City Marriott"}, "America/Denver", "Salt Lake City"},
		{[]string{"Santiago de Compostela"}, "Europe/Madrid", "Santiago de Compostela"},
		{[]string{"Hall C (Plenary)", "Osper Room (CC1.4)", "Bank of America Education Track"}, "", ""},
		{[]string{"Paris Las Vegas"}, "", ""},
		{[]string{"Amsterdam", "Berlin"}, "Europe/Amsterdam", "Amsterdam"},
		{[]string{"New Jersey Convention Center"}, "", ""},
		{[]string{"bcc"}, "", ""},
		{[]string{"nice room"}, "", ""},
	} {
		pz := zoneInText(tt.texts...)
		if pz.zone != tt.zone || pz.place != tt.place {
			t.Errorf("zoneInText(%q) = %q in %q, want %q in %q", tt.texts, pz.place, pz.zone, tt.place, tt.zone)
		}
	}
}

// The question for --tz: the place's zone as the example, its country's
// zones, this machine's zone (never UTC), else the format's example.
func TestAskTZ(t *testing.T) {
	for _, tt := range []struct {
		opt  Options
		pz   placeZone
		want string
	}{
		{Options{}, placeZone{}, "give the conference's zone with --tz (e.g. --tz Europe/Brussels)"},
		{Options{MachineZone: "Asia/Tokyo"}, placeZone{}, "give the conference's zone with --tz (e.g. --tz Asia/Tokyo, this machine's zone)"},
		{Options{MachineZone: "Etc/UTC"}, placeZone{}, "give the conference's zone with --tz (e.g. --tz Europe/Brussels)"},
		{Options{MachineZone: "UTC"}, placeZone{}, "give the conference's zone with --tz (e.g. --tz Europe/Brussels)"},
		{Options{MachineZone: "Asia/Tokyo"}, zoneOfCity("Xanadu"), `the program is in "Xanadu", a place whose time zone plan does not know: give the conference's zone with --tz (e.g. --tz Asia/Tokyo, this machine's zone)`},
		{Options{}, zoneOfCity("Springfield, USA"), `the program is in "Springfield, USA", a place whose time zone plan does not know: give the conference's zone with --tz, one of America/New_York, America/Chicago, America/Denver, America/Phoenix, America/Los_Angeles, America/Anchorage, Pacific/Honolulu`},
		{Options{}, zoneInText("Hall A, CCH Hamburg"), `give the conference's zone with --tz ("Hall A, CCH Hamburg" names Hamburg: --tz Europe/Berlin, if the conference is there)`},
	} {
		if got := tt.opt.askTZ(tt.pz, "Europe/Brussels"); got != tt.want {
			t.Errorf("askTZ(%+v, %+v) =\n%s\nwant\n%s", tt.opt, tt.pz, got, tt.want)
		}
	}
}
