package importer

// The zone of a place a program names: pentabarf's <city> and <venue>,
// an iCalendar LOCATION, a CSV room column. A program that says where it
// happens but not in which zone (FOSDEM's and the old CCC files, with
// <city>Brussels</city>) needs no --tz when the tz database knows that
// city; when it does not, the question names the city and, where the
// text names a country, that country's zones.

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
)

// tzRegions are the areas of the tz database whose last name element is
// a city (Europe/Brussels); Antarctica's stations and the legacy
// country areas (US/…, Canada/…) are no conference cities.
var tzRegions = []string{"Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian"}

// notCities are last elements of tz names that are not the place a
// conference text means by that word: Australian states (Australia/Victoria
// is no zone for Victoria, BC), islands and stations named like common
// words or like bigger cities elsewhere (Norfolk, Virginia; Córdoba, Spain;
// Mérida, Spain; Canary Wharf; UC Davis).
var notCities = map[string]bool{
	"victoria": true, "west": true, "north": true, "south": true, "queensland": true, "tasmania": true,
	"nsw": true, "act": true, "lhi": true, "yancowinna": true, "currie": true,
	"norfolk": true, "christmas": true, "easter": true, "midway": true, "wake": true, "canary": true,
	"stanley": true, "resolute": true, "virgin": true, "chatham": true, "cordoba": true, "merida": true,
	"davis": true, "casey": true, "palmer": true, "troll": true, "thule": true, "nome": true,
	"rosario": true, "creston": true, "atka": true, "knox_in": true, "enderbury": true, "truk": true, "yap": true,
	"jersey": true, "nassau": true, "antigua": true, "la_paz": true, "oral": true, "reunion": true, "st_thomas": true,
	"st_johns": true, "dawson": true, "cayenne": true, "chihuahua": true,
}

// conferenceCities are cities conferences are held in whose zone is named
// after another city, and other names of cities that have one ("München",
// "Bruxelles"). Only names that mean one place, or places in one zone.
var conferenceCities = map[string]string{
	// Germany
	"hamburg": "Europe/Berlin", "leipzig": "Europe/Berlin", "karlsruhe": "Europe/Berlin", "munich": "Europe/Berlin", "munchen": "Europe/Berlin",
	"muenchen": "Europe/Berlin", "cologne": "Europe/Berlin", "koln": "Europe/Berlin", "koeln": "Europe/Berlin", "frankfurt": "Europe/Berlin",
	"frankfurt_am_main": "Europe/Berlin", "stuttgart": "Europe/Berlin", "dresden": "Europe/Berlin", "hannover": "Europe/Berlin", "hanover": "Europe/Berlin",
	"bonn": "Europe/Berlin", "dusseldorf": "Europe/Berlin", "duesseldorf": "Europe/Berlin", "nuremberg": "Europe/Berlin", "nurnberg": "Europe/Berlin",
	"nuernberg": "Europe/Berlin", "aachen": "Europe/Berlin", "bremen": "Europe/Berlin", "dortmund": "Europe/Berlin", "essen": "Europe/Berlin",
	"mannheim": "Europe/Berlin", "heidelberg": "Europe/Berlin", "darmstadt": "Europe/Berlin", "potsdam": "Europe/Berlin", "kassel": "Europe/Berlin",
	"erlangen": "Europe/Berlin", "chemnitz": "Europe/Berlin", "jena": "Europe/Berlin", "magdeburg": "Europe/Berlin", "rostock": "Europe/Berlin",
	"kiel": "Europe/Berlin", "lubeck": "Europe/Berlin", "munster": "Europe/Berlin", "augsburg": "Europe/Berlin", "regensburg": "Europe/Berlin",
	"wurzburg": "Europe/Berlin", "wiesbaden": "Europe/Berlin", "mainz": "Europe/Berlin", "saarbrucken": "Europe/Berlin", "ulm": "Europe/Berlin",
	"paderborn": "Europe/Berlin", "bielefeld": "Europe/Berlin", "gottingen": "Europe/Berlin", "braunschweig": "Europe/Berlin", "oldenburg": "Europe/Berlin",
	// Belgium, the Netherlands, Luxembourg
	"bruxelles": "Europe/Brussels", "brussel": "Europe/Brussels", "ghent": "Europe/Brussels", "gent": "Europe/Brussels", "antwerp": "Europe/Brussels",
	"antwerpen": "Europe/Brussels", "leuven": "Europe/Brussels", "liege": "Europe/Brussels", "bruges": "Europe/Brussels", "brugge": "Europe/Brussels",
	"namur": "Europe/Brussels", "louvain-la-neuve": "Europe/Brussels", "louvain_la_neuve": "Europe/Brussels", "mons": "Europe/Brussels", "kortrijk": "Europe/Brussels",
	"rotterdam": "Europe/Amsterdam", "utrecht": "Europe/Amsterdam", "the_hague": "Europe/Amsterdam", "den_haag": "Europe/Amsterdam", "eindhoven": "Europe/Amsterdam",
	"delft": "Europe/Amsterdam", "leiden": "Europe/Amsterdam", "groningen": "Europe/Amsterdam", "nijmegen": "Europe/Amsterdam", "enschede": "Europe/Amsterdam",
	"haarlem": "Europe/Amsterdam", "zeewolde": "Europe/Amsterdam", "arnhem": "Europe/Amsterdam", "maastricht": "Europe/Amsterdam",
	// France, Switzerland, Austria, Italy, Spain, Portugal
	"lyon": "Europe/Paris", "marseille": "Europe/Paris", "toulouse": "Europe/Paris", "lille": "Europe/Paris", "nantes": "Europe/Paris",
	"bordeaux": "Europe/Paris", "strasbourg": "Europe/Paris", "rennes": "Europe/Paris", "grenoble": "Europe/Paris", "nice": "Europe/Paris",
	"montpellier": "Europe/Paris", "geneva": "Europe/Zurich", "geneve": "Europe/Zurich", "genf": "Europe/Zurich", "bern": "Europe/Zurich",
	"basel": "Europe/Zurich", "lausanne": "Europe/Zurich", "zuerich": "Europe/Zurich", "wien": "Europe/Vienna", "graz": "Europe/Vienna",
	"linz": "Europe/Vienna", "salzburg": "Europe/Vienna", "innsbruck": "Europe/Vienna", "milan": "Europe/Rome", "milano": "Europe/Rome",
	"florence": "Europe/Rome", "firenze": "Europe/Rome", "turin": "Europe/Rome", "torino": "Europe/Rome", "bologna": "Europe/Rome",
	"naples": "Europe/Rome", "napoli": "Europe/Rome", "roma": "Europe/Rome", "pisa": "Europe/Rome", "barcelona": "Europe/Madrid",
	"valencia": "Europe/Madrid", "seville": "Europe/Madrid", "sevilla": "Europe/Madrid", "bilbao": "Europe/Madrid", "malaga": "Europe/Madrid",
	"zaragoza": "Europe/Madrid", "santiago_de_compostela": "Europe/Madrid", "porto": "Europe/Lisbon", "lisboa": "Europe/Lisbon", "coimbra": "Europe/Lisbon", "braga": "Europe/Lisbon",
	// the British Isles, the Nordics, the Baltics
	"manchester": "Europe/London", "edinburgh": "Europe/London", "cardiff": "Europe/London", "glasgow": "Europe/London",
	"bristol": "Europe/London", "leeds": "Europe/London", "oxford": "Europe/London", "coventry": "Europe/London", "brighton": "Europe/London",
	"liverpool": "Europe/London", "sheffield": "Europe/London", "nottingham": "Europe/London", "cork": "Europe/Dublin", "galway": "Europe/Dublin",
	"gothenburg": "Europe/Stockholm", "goteborg": "Europe/Stockholm", "malmo": "Europe/Stockholm", "uppsala": "Europe/Stockholm", "aarhus": "Europe/Copenhagen",
	"kobenhavn": "Europe/Copenhagen", "odense": "Europe/Copenhagen", "bergen": "Europe/Oslo", "trondheim": "Europe/Oslo", "espoo": "Europe/Helsinki",
	"tampere": "Europe/Helsinki", "turku": "Europe/Helsinki", "tartu": "Europe/Tallinn", "kaunas": "Europe/Vilnius",
	// Central and Eastern Europe, Greece, Turkey
	"brno": "Europe/Prague", "praha": "Europe/Prague", "prag": "Europe/Prague", "ostrava": "Europe/Prague", "krakow": "Europe/Warsaw",
	"wroclaw": "Europe/Warsaw", "poznan": "Europe/Warsaw", "gdansk": "Europe/Warsaw", "lodz": "Europe/Warsaw", "warszawa": "Europe/Warsaw",
	"kosice": "Europe/Bratislava", "cluj": "Europe/Bucharest", "cluj-napoca": "Europe/Bucharest", "cluj_napoca": "Europe/Bucharest", "iasi": "Europe/Bucharest",
	"timisoara": "Europe/Bucharest", "plovdiv": "Europe/Sofia", "novi_sad": "Europe/Belgrade", "thessaloniki": "Europe/Athens", "athina": "Europe/Athens",
	"lviv": "Europe/Kyiv", "kharkiv": "Europe/Kyiv", "ankara": "Europe/Istanbul",
	"izmir": "Europe/Istanbul", "moskva": "Europe/Moscow",
	// North America
	"pasadena": "America/Los_Angeles", "san_francisco": "America/Los_Angeles", "san_diego": "America/Los_Angeles", "san_jose": "America/Los_Angeles", "oakland": "America/Los_Angeles",
	"sacramento": "America/Los_Angeles", "seattle": "America/Los_Angeles", "las_vegas": "America/Los_Angeles", "santa_clara": "America/Los_Angeles", "mountain_view": "America/Los_Angeles",
	"palo_alto": "America/Los_Angeles", "sunnyvale": "America/Los_Angeles", "redmond": "America/Los_Angeles", "long_beach": "America/Los_Angeles", "anaheim": "America/Los_Angeles",
	"austin": "America/Chicago", "dallas": "America/Chicago", "houston": "America/Chicago", "san_antonio": "America/Chicago", "minneapolis": "America/Chicago",
	"milwaukee": "America/Chicago", "st_louis": "America/Chicago", "saint_louis": "America/Chicago", "kansas_city": "America/Chicago", "nashville": "America/Chicago",
	"new_orleans": "America/Chicago", "atlanta": "America/New_York", "miami": "America/New_York", "orlando": "America/New_York", "tampa": "America/New_York",
	"boston": "America/New_York", "philadelphia": "America/New_York", "pittsburgh": "America/New_York", "baltimore": "America/New_York", "raleigh": "America/New_York",
	"charlotte": "America/New_York", "cleveland": "America/New_York", "cincinnati": "America/New_York", "brooklyn": "America/New_York", "washington_dc": "America/New_York",
	"washington_d.c.": "America/New_York", "salt_lake_city": "America/Denver", "albuquerque": "America/Denver", "boulder": "America/Denver", "tucson": "America/Phoenix",
	"ottawa": "America/Toronto", "quebec": "America/Toronto", "quebec_city": "America/Toronto", "montreal": "America/Toronto", "calgary": "America/Edmonton",
	"guadalajara": "America/Mexico_City", "ciudad_de_mexico": "America/Mexico_City", "cdmx": "America/Mexico_City",
	// South America
	"rio_de_janeiro": "America/Sao_Paulo", "brasilia": "America/Sao_Paulo", "porto_alegre": "America/Sao_Paulo", "belo_horizonte": "America/Sao_Paulo", "curitiba": "America/Sao_Paulo",
	"medellin": "America/Bogota", "quito": "America/Guayaquil", "valparaiso": "America/Santiago",
	// Asia, Oceania, Africa
	"bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new_delhi": "Asia/Kolkata",
	"chennai": "Asia/Kolkata", "hyderabad": "Asia/Kolkata", "pune": "Asia/Kolkata", "beijing": "Asia/Shanghai", "shenzhen": "Asia/Shanghai",
	"hangzhou": "Asia/Shanghai", "guangzhou": "Asia/Shanghai", "osaka": "Asia/Tokyo", "kyoto": "Asia/Tokyo", "busan": "Asia/Seoul",
	"hsinchu": "Asia/Taipei", "taichung": "Asia/Taipei", "haifa": "Asia/Jerusalem", "hanoi": "Asia/Bangkok", "penang": "Asia/Kuala_Lumpur",
	"cebu": "Asia/Manila", "gold_coast": "Australia/Brisbane", "wollongong": "Australia/Sydney", "geelong": "Australia/Melbourne", "cairns": "Australia/Brisbane",
	"wellington": "Pacific/Auckland", "christchurch": "Pacific/Auckland", "cape_town": "Africa/Johannesburg", "durban": "Africa/Johannesburg", "pretoria": "Africa/Johannesburg",
	"abuja": "Africa/Lagos",
}

// countryZones are the zones of the countries a place text may name
// ("Brno, Czech Republic"), the most populous first: with one zone, the
// country decides; with several, they are the suggestions.
var countryZones = map[string][]string{
	"germany": {"Europe/Berlin"}, "deutschland": {"Europe/Berlin"}, "belgium": {"Europe/Brussels"}, "belgique": {"Europe/Brussels"}, "belgie": {"Europe/Brussels"},
	"netherlands": {"Europe/Amsterdam"}, "the_netherlands": {"Europe/Amsterdam"}, "nederland": {"Europe/Amsterdam"}, "france": {"Europe/Paris"},
	"switzerland": {"Europe/Zurich"}, "schweiz": {"Europe/Zurich"}, "suisse": {"Europe/Zurich"}, "austria": {"Europe/Vienna"}, "osterreich": {"Europe/Vienna"},
	"italy": {"Europe/Rome"}, "italia": {"Europe/Rome"}, "czech_republic": {"Europe/Prague"}, "czechia": {"Europe/Prague"}, "poland": {"Europe/Warsaw"},
	"polska": {"Europe/Warsaw"}, "denmark": {"Europe/Copenhagen"}, "sweden": {"Europe/Stockholm"}, "norway": {"Europe/Oslo"}, "finland": {"Europe/Helsinki"},
	"ireland": {"Europe/Dublin"}, "greece": {"Europe/Athens"}, "romania": {"Europe/Bucharest"}, "bulgaria": {"Europe/Sofia"}, "hungary": {"Europe/Budapest"},
	"slovakia": {"Europe/Bratislava"}, "slovenia": {"Europe/Ljubljana"}, "croatia": {"Europe/Zagreb"}, "serbia": {"Europe/Belgrade"}, "estonia": {"Europe/Tallinn"},
	"latvia": {"Europe/Riga"}, "lithuania": {"Europe/Vilnius"}, "luxembourg": {"Europe/Luxembourg"}, "iceland": {"Atlantic/Reykjavik"}, "turkey": {"Europe/Istanbul"},
	"israel": {"Asia/Jerusalem"}, "india": {"Asia/Kolkata"}, "japan": {"Asia/Tokyo"}, "south_korea": {"Asia/Seoul"}, "korea": {"Asia/Seoul"},
	"taiwan": {"Asia/Taipei"}, "singapore": {"Asia/Singapore"}, "china": {"Asia/Shanghai"}, "thailand": {"Asia/Bangkok"}, "vietnam": {"Asia/Ho_Chi_Minh"},
	"philippines": {"Asia/Manila"}, "malaysia": {"Asia/Kuala_Lumpur"}, "new_zealand": {"Pacific/Auckland"}, "south_africa": {"Africa/Johannesburg"},
	"nigeria": {"Africa/Lagos"}, "kenya": {"Africa/Nairobi"}, "egypt": {"Africa/Cairo"}, "colombia": {"America/Bogota"}, "peru": {"America/Lima"},
	"uk": {"Europe/London"}, "united_kingdom": {"Europe/London"}, "england": {"Europe/London"}, "scotland": {"Europe/London"}, "wales": {"Europe/London"},
	"spain": {"Europe/Madrid", "Atlantic/Canary"}, "espana": {"Europe/Madrid", "Atlantic/Canary"}, "portugal": {"Europe/Lisbon", "Atlantic/Azores"},
	"usa":           {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"},
	"us":            {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"},
	"united_states": {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"},
	"canada":        {"America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg", "America/Halifax", "America/St_Johns"},
	"australia":     {"Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth", "Australia/Adelaide", "Australia/Hobart", "Australia/Darwin"},
	"brazil":        {"America/Sao_Paulo", "America/Manaus", "America/Fortaleza"}, "brasil": {"America/Sao_Paulo", "America/Manaus", "America/Fortaleza"},
	"mexico": {"America/Mexico_City", "America/Tijuana", "America/Cancun"}, "russia": {"Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"},
	"argentina": {"America/Argentina/Buenos_Aires"}, "chile": {"America/Santiago"}, "indonesia": {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"},
}

// foldPlace writes a place name the way tz names and the tables above
// do: lower case, Latin letters without their accents, spaces as "_".
func foldPlace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte('_')
		}
		space = false
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var accentFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ą': "a", 'ç': "c", 'ć': "c", 'č': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ę': "e", 'ě': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ő': "o",
	'ř': "r", 'ś': "s", 'š': "s", 'ș': "s", 'ş': "s", 'ț': "t", 'ţ': "t", 'ù': "u", 'ú': "u", 'û': "u",
	'ü': "u", 'ů': "u", 'ű': "u", 'ý': "y", 'ź': "z", 'ż': "z", 'ž': "z", 'ß': "ss", 'æ': "ae", 'œ': "oe",
}

// cityZone is the tz zone of a city named as foldPlace writes it: the
// zone named after it (Brussels → Europe/Brussels), else the table of
// conference cities; "" when neither knows it.
func cityZone(folded string) string {
	if folded == "" || notCities[folded] || strings.ContainsAny(folded, "/\\") {
		return ""
	}
	for i := 0; i < len(folded); i++ {
		if c := folded[i]; c >= 0x80 {
			return conferenceCities[folded] // no tz name is spelled so
		}
	}
	if z, ok := conferenceCities[folded]; ok {
		return z
	}
	if z, ok := cityZones.Load(folded); ok {
		return z.(string)
	}
	zone := ""
	last := tzCityName(folded)
	for _, region := range tzRegions {
		name := region + "/" + last
		if loc, err := time.LoadLocation(name); err == nil && loc.String() == name {
			zone = name
			break
		}
	}
	cityZones.Store(folded, zone)
	return zone
}

// cityZones caches cityZone's answers from the tz database: a venue text
// asks for every word in it.
var cityZones sync.Map

// tzCityName writes a folded city as the tz database spells the last
// element of a zone: each word capitalised, "_" between words, and the
// small words of Port_of_Spain, Dar_es_Salaam and Port-au-Prince kept
// small.
func tzCityName(folded string) string {
	small := func(w string) bool { return w == "of" || w == "es" || w == "de" || w == "al" || w == "au" }
	words := strings.Split(folded, "_")
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if p != "" && (i == 0 && j == 0 || !small(p)) {
				parts[j] = strings.ToUpper(p[:1]) + p[1:]
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, "_")
}

// placeZone is what a place a program names tells about its zone.
type placeZone struct {
	text    string   // the text that names the place, cleaned
	place   string   // the place in it, as the program writes it
	zone    string   // its tz zone; "" when not known
	country []string // when zone is "": the zones of the country the text names, if any
}

// zoneOfCity reads a <city>-like text: "Brussels", "Berlin, Germany",
// "Pasadena, CA", "Brno (Czech Republic)". The first part is the city;
// a later part naming a country with one zone decides when the city is
// not known, and one with several zones gives the suggestions. A city
// whose zone lies outside the country the text names is not trusted
// (Dublin, Ohio is not Europe/Dublin).
func zoneOfCity(text string) placeZone {
	pz := placeZone{text: oneLine(text), place: oneLine(text)}
	parts := strings.FieldsFunc(pz.place, func(r rune) bool { return r == ',' || r == '(' || r == ')' || r == ';' || r == '/' })
	if len(parts) == 0 {
		return pz
	}
	zone := cityZone(foldPlace(parts[0]))
	var country []string
	for _, p := range parts[1:] {
		if zs, ok := countryZones[foldPlace(strings.TrimSuffix(strings.TrimSpace(p), "."))]; ok {
			country = zs
		}
	}
	switch {
	case zone != "" && (country == nil || sameZoneAsOne(zone, country)):
		pz.zone = zone
	case zone == "" && len(country) == 1:
		pz.zone = country[0]
	case zone == "" && country == nil:
		if zs, ok := countryZones[foldPlace(parts[0])]; ok {
			country = zs // the text is a country
			if len(zs) == 1 {
				pz.zone = zs[0]
			}
		}
	}
	if pz.zone == "" {
		pz.country = country
	}
	return pz
}

// sameZoneAsOne reports whether zone is one of zones, or has the same
// clock as one of them all year (Europe/Amsterdam beside Europe/Brussels).
func sameZoneAsOne(zone string, zones []string) bool {
	for _, z := range zones {
		if z == zone || sameClock(z, zone) {
			return true
		}
	}
	return false
}

// sameClock reports whether two zones show the same clock on the first
// of every month of two recent years.
func sameClock(a, b string) bool {
	la, errA := time.LoadLocation(a)
	lb, errB := time.LoadLocation(b)
	if errA != nil || errB != nil {
		return false
	}
	for m := 0; m < 24; m++ {
		t := time.Date(2025, time.Month(m+1), 1, 12, 0, 0, 0, time.UTC)
		_, oa := t.In(la).Zone()
		_, ob := t.In(lb).Zone()
		if oa != ob {
			return false
		}
	}
	return true
}

// zoneInText finds the city in a free text that names a venue ("CCH
// Hamburg", "ULB (Université Libre de Bruxelles)", "Pasadena Convention
// Center"): a word, or two or three words in a row, that is a city with
// a known zone. Texts that name cities of different zones say nothing.
func zoneInText(texts ...string) placeZone {
	var found placeZone
	for _, text := range texts {
		words := strings.FieldsFunc(text, func(r rune) bool {
			return !unicode.IsLetter(r) && r != '-' && r != '.' && r != '\''
		})
		for i := range words {
			for n := 3; n >= 1; n-- {
				if i+n > len(words) {
					continue
				}
				phrase := strings.Join(words[i:i+n], " ")
				if r := []rune(phrase); !unicode.IsUpper(r[0]) {
					continue // a city is written with a capital
				}
				z := cityZone(foldPlace(strings.Trim(phrase, ".-'")))
				if z == "" {
					continue
				}
				if found.zone != "" && found.zone != z && !sameClock(found.zone, z) {
					return placeZone{}
				}
				if found.zone == "" {
					found = placeZone{text: oneLine(text), place: strings.Trim(phrase, ".-'"), zone: z}
				}
				break
			}
		}
	}
	return found
}

// askTZ is how an error about times without a zone ends: what to give
// --tz. The place the program names comes first (its country's zones
// when plan does not know the city's), then this machine's zone as the
// example, else fallback ("Europe/Brussels").
func (o Options) askTZ(pz placeZone, fallback string) string {
	example := "e.g. --tz " + fallback
	if z := usefulZone(o.MachineZone); z != "" {
		example = "e.g. --tz " + z + ", this machine's zone"
	}
	switch {
	case pz.zone != "":
		return fmt.Sprintf("give the conference's zone with --tz (%q names %s: --tz %s, if the conference is there)", clip(pz.text, 60), pz.place, pz.zone)
	case pz.place != "" && len(pz.country) > 0:
		return fmt.Sprintf("the program is in %q, a place whose time zone plan does not know: give the conference's zone with --tz, one of %s", clip(pz.place, 60), strings.Join(pz.country, ", "))
	case pz.place != "":
		return fmt.Sprintf("the program is in %q, a place whose time zone plan does not know: give the conference's zone with --tz (%s)", clip(pz.place, 60), example)
	}
	return "give the conference's zone with --tz (" + example + ")"
}

// usefulZone is name when it is a tz zone a conference may be in: not
// UTC under any of its names, which a server's clock often is.
func usefulZone(name string) string {
	switch {
	case name == "", strings.HasPrefix(name, "Etc/"), name == "UTC", name == "UCT", name == "GMT", name == "Universal", name == "Zulu", name == "Factory":
		return ""
	}
	return name
}

// placeWarning tells that the zone of a program comes from the place it
// names, and how to give another.
func placeWarning(name string, pz placeZone, what string) Warning {
	where := fmt.Sprintf("its %s is %q", what, clip(pz.text, 60))
	if pz.text != pz.place {
		where = fmt.Sprintf("its %s, %q, is in %s", what, clip(pz.text, 60), pz.place)
	}
	return Warning{File: name, Msg: fmt.Sprintf("the program names no time zone, but %s: its times are read in %s; if that is not the conference's zone, give it with --tz", where, pz.zone)}
}
