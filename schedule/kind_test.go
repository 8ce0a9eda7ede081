package schedule

import "testing"

// B4: with two matching title prefixes the kind used to depend on map
// order, so it changed from run to run. The longest prefix wins.
func TestKindForLongestTitlePrefixWins(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		title string
		want  Kind
	}{
		{"Workshop: Rust for beginners", KindBoF},
		{"workshop: rust for beginners", KindBoF},
		{"Workshop: Go", KindWorkshop},
		{"Workshop", KindWorkshop},
	} {
		for run := range 200 {
			// A new map each time, so each run iterates in a new order.
			p := &Plan{Kinds: map[string]Kind{
				"title:Workshop":       KindWorkshop,
				"title:Workshop: Rust": KindBoF,
				"title:Work":           KindSocial,
				"title: W":             KindPanel,
				"track:Rust":           KindTalk,
			}}
			got, ok := p.KindFor(&Session{Title: tc.title, Track: "Rust"})
			if !ok || got != tc.want {
				t.Fatalf("run %d: KindFor(%q) = %q, %v; want %q", run, tc.title, got, ok, tc.want)
			}
		}
	}
}

// Keys that match the same type or track (they differ only in case or
// spacing) give the kind of the key that sorts first, on every run; a
// title prefix beats a type, and a type beats a track.
func TestKindForTieGoesToKeyOrder(t *testing.T) {
	t.Parallel()
	for run := range 200 {
		p := &Plan{Kinds: map[string]Kind{
			"type:bof":     KindSocial,
			"type:BoF":     KindBoF,
			"type: bof":    KindPanel,
			"track:Social": KindSocial,
			"track:social": KindPanel,
			"track:Talks":  KindTalk,
			"title:Lunch":  KindSocial,
		}}
		for _, tc := range []struct {
			s    Session
			want Kind
		}{
			// "type: bof" < "type:BoF" < "type:bof" in byte order.
			{Session{Title: "Rust BoF", Type: "BoF", Track: "Talks"}, KindPanel},
			{Session{Title: "Meet", Track: "SOCIAL"}, KindSocial},
			{Session{Title: "Lunch break", Type: "bof", Track: "Social"}, KindSocial},
			{Session{Title: "Intro", Track: "talks"}, KindTalk},
		} {
			got, ok := p.KindFor(&tc.s)
			if !ok || got != tc.want {
				t.Fatalf("run %d: KindFor(%+v) = %q, %v; want %q", run, tc.s, got, ok, tc.want)
			}
		}
		if got, ok := p.KindFor(&Session{Title: "Intro", Track: "Other"}); ok {
			t.Fatalf("run %d: KindFor with no matching key = %q, true; want false", run, got)
		}
	}
	if got, ok := (&Plan{}).KindFor(&Session{Title: "Workshop"}); ok {
		t.Errorf("KindFor without overrides = %q, true; want false", got)
	}
}

// B10: GuessKind matched substrings, so "Data Export" was an expo booth
// and "Kubernetes CronJobs" a career day. It matches whole words now.
func TestGuessKindWholeWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want Kind // "" when nothing should match
	}{
		// Substrings that are no kind words.
		{"Data Export", ""},
		{"Sponsored Talk", KindTalk},
		{"Kubernetes CronJobs", ""},
		{"Exposure Notification", ""},
		{"Third-Party Software", ""},
		{"Third Party Software", ""},
		{"Social Web", ""}, // a real FOSDEM track
		{"Social Media", ""},
		{"Social-Engineering", ""},
		{"The Social Impact of Cryptography", ""},
		{"Workshopping the Future", ""},
		{"Podcast-Tisch (45 Minuten)", ""},
		{"Sessionize", ""},
		{"Talkative Robots", ""},
		// What real feeds say, as before.
		{"Keynote", KindKeynote},
		{"OpenInfra Days North America Keynotes", KindKeynote},
		{"Plenaries", KindKeynote},
		{"Lightning Talks", KindLightning},
		{"lightningtalk", KindLightning},
		{"Lightning-Talks", KindLightning},
		{"BoFs", KindBoF},
		{"Birds of a Feather (BoF)", KindBoF},
		{"birds-of-a-feather", KindBoF},
		{"SIG Meeting", KindBoF},
		{"Workshops", KindWorkshop},
		{"Bits & Bäume - Workshop", KindWorkshop},
		{"Workshop Bühne (90 Minuten)", KindWorkshop},
		{"Go-Workshop", KindWorkshop},
		{"Hands-On Lab", KindWorkshop},
		{"hands on lab", KindWorkshop},
		{"Career Day", KindCareer},
		{"Job Fair", KindCareer},
		{"Jobs", KindCareer},
		{"Panel", KindPanel},
		{"Expo Hall", KindBooth},
		{"Exhibitors", KindBooth},
		{"Sponsor booths", KindBooth},
		{"Social", KindSocial},
		{"Evening Social", KindSocial},
		{"Social Event", KindSocial},
		{"Socials", KindSocial},
		{"After-Party", KindSocial},
		{"Parties", KindSocial},
		{"DJ Set", KindPerformance}, // issue 23: performances are a kind of their own
		{"Coffee Breaks", KindOther},
		{"Lunches", KindOther},
		{"Live Concert", KindPerformance},
		{"Game show", KindPerformance},
		{"Ceremony", KindSocial},
		{"Talk", KindTalk},
		{"Talk 40 (30min +10 Q&A)", KindTalk},
		{"lecture", KindTalk},
		{"devroom", KindTalk},
		{"Gaming and VR devroom", KindTalk},
		{"maintrack", KindTalk},
		{"Main Track", KindTalk},
		{"Educational (15min + 5 Q&A)", KindTalk},
		{"Live-Podcast Bühne (45 Minuten)", KindTalk},
		{"  ", ""},
		{"", ""},
		{"Other", KindOther}, // issue 23: a feed that says other means it
	} {
		got, ok := GuessKind(tc.text)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("GuessKind(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
		}
	}
}

// A title's own word beats a subject track, and meals and breaks are not
// talks (issue 12, class 11).
func TestTitleKindWords(t *testing.T) {
	for _, c := range []struct {
		title string
		kind  Kind
		ok    bool
	}{
		{"Workshop - Intro to Nix", KindWorkshop, true},
		{"Kubernetes For Sysadmins Workshop", KindWorkshop, true},
		{"SunSecCon Workshop: Cooking Cyber Recipes with CyberChef", KindWorkshop, true},
		{"SunSecCon Keynote: From IC to Manager", KindKeynote, true},
		{"31C3 Keynote", KindKeynote, true},
		{"PlanetNix Lightning Talks", KindLightning, true},
		{"Breakfast", KindOther, true},
		{"Lunch", KindOther, true},
		{"Coffee break", KindOther, true},
		{"Registration / Breakfast", KindOther, true},
		{"Morning tea", KindOther, true},
		{"Lunch and Learn: Go generics", "", false},
		{"Tea for Two: a talk on pairing", "", false},
		{"Chasing Lightning", "", false},
		{"Career Workshop: Interviews and Negotiations", "", false},
		{"Embedded Programming Workshop Day 1", "", false},
	} {
		k, ok := TitleKind(c.title)
		if k != c.kind || ok != c.ok {
			t.Errorf("TitleKind(%q) = %q, %v; want %q, %v", c.title, k, ok, c.kind, c.ok)
		}
	}
	for _, c := range []struct {
		text string
		kind Kind
		ok   bool
	}{
		{"Sponsored", "", false},
		{"Sponsor Talk", KindTalk, true},
		{"Sponsors", KindBooth, true},
		{"Lunch", KindOther, true},
		{"Conference Dinner", KindSocial, true},
	} {
		k, ok := GuessKind(c.text)
		if k != c.kind || ok != c.ok {
			t.Errorf("GuessKind(%q) = %q, %v; want %q, %v", c.text, k, ok, c.kind, c.ok)
		}
	}
}

// Issue 23: the classes real programs use for sessions that are not
// talks, in the words of several languages, and the words that only look
// like them. GuessKind reads a feed's type; TitleKind a title.
func TestGuessKindClasses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want Kind
	}{
		// Meals and breaks, in any wording: other.
		{"Dinner", KindOther},
		{"Lunch Break", KindOther},
		{"Break/Networking", KindOther},
		{"Informal Discussion & Lunch Break", KindOther},
		{"Lunch Time", KindOther},
		{"Essenszeit (Mittag)", KindOther},
		{"Mittagessen", KindOther},
		{"Vormittagspause", KindOther},
		{"Abendessen", KindOther},
		{"Frühstück", KindOther},
		{"Pause café", KindOther},
		{"Déjeuner", KindOther},
		{"Petit-déjeuner", KindOther},
		{"Almuerzo", KindOther},
		{"Pausa pranzo", KindOther},
		{"Koffiepauze", KindOther},
		{"Ice Cream & Snacks Break", KindOther},
		{"Coffee & Drinks", KindOther},
		// A dinner or reception with more to it is social.
		{"Conference Dinner", KindSocial},
		{"Speakers' Dinner", KindSocial},
		{"Welcome Reception", KindSocial},
		{"Drinks", KindSocial},
		{"PGP Keysigning", KindSocial},
		{"Game", KindSocial},
		// Performances and art.
		{"djset", KindPerformance},
		{"DJ Set", KindPerformance},
		{"DJ", KindPerformance},
		{"live performance", KindPerformance},
		{"Performance", KindPerformance},
		{"PERFORMANCE", KindPerformance},
		{"concert", KindPerformance},
		{"Live Concert", KindPerformance},
		{"Konzert", KindPerformance},
		{"movie", KindPerformance},
		{"Film", KindPerformance},
		{"Film screening", KindPerformance},
		{"contest", KindPerformance},
		{"game show", KindPerformance},
		{"Theatre", KindPerformance},
		{"Experimental Audio Play", KindPerformance},
		{"Hörspiel", KindPerformance},
		{"Lesung", KindPerformance},
		{"Autorenlesung", KindPerformance},
		{"Kunst", KindPerformance},
		{"Art", KindPerformance},
		{"Art Installation", KindPerformance},
		{"Poetry Slam", KindPerformance},
		// CCC's German type names.
		{"Stand", KindBooth},
		{"Stände", KindBooth},
		{"Ausstellungen", KindBooth},
		{"Lesungen", KindPerformance},
		{"Konzerte", KindPerformance},
		{"Diskussionen", KindPanel},
		{"Ausstellung", KindBooth},
		{"Diskussion", KindPanel},
		{"Podiumsdiskussion", KindPanel},
		{"podium", KindPanel},
		{"Präsenzworkshop", KindWorkshop},
		{"Vortrag", KindTalk},
		{"Kurzvortrag", KindTalk},
		{"Vorträge", KindTalk},
		// FOSDEM's and frab's types.
		{"standtrack", KindBooth},
		{"lightning_talk", KindLightning},
		{"LightningTalk 15min 10min Q&A", KindLightning},
		{"meeting", KindBoF},
		{"keysigning", KindSocial},
		{"certification", KindOther},
		{"infodesk", KindOther},
		{"other", KindOther},
		{"OTHER", KindOther},
		{"YOC - Alles Andere", KindOther},
		// C3VOC schedule 2.0's types.
		{"HANDS-ON", KindWorkshop},
		{"DISCUSSION", KindPanel},
		{"LIGHTNING_TALK", KindLightning},
		{"TALK", KindTalk},
		{"Talk 30 min + 10min Q&A", KindTalk},
		// Sessionize's session formats.
		{"20 min lightning talk", KindLightning},
		{"45 min talk", KindTalk},
		{"Workshop (2 hours)", KindWorkshop},
		{"Demo", KindTalk},
		// Look-alikes that name no kind.
		{"Podcast-Tisch (45 Minuten)", ""},
		{"Standard Library", ""},
		{"Zustand", ""},
		{"Essential Go", ""},
		{"Breaking Changes", ""},
		{"Jailbreak", ""},
		{"Artificial Intelligence", ""},
		{"Show and Tell", ""},
		{"Stand-up", ""},
	} {
		got, ok := GuessKind(tc.text)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("GuessKind(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
		}
	}
}

// A track names a subject more often than a format: a track of art, music
// or games holds talks, and only a format word makes its sessions
// something else.
func TestTrackKind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		track string
		want  Kind
	}{
		{"Art & Beauty", ""},
		{"Music", ""},
		{"Game Development", ""},
		{"Networking", ""},
		{"Performance", ""},
		{"Film & Video", ""},
		{"Other", ""},
		{"Miscellaneous", ""},
		{"Talks", ""},
		{"Main Track", ""},
		{"Workshops", KindWorkshop},
		{"Lightning Talks", KindLightning},
		{"DJ Sets", KindPerformance},
		{"Concerts", KindPerformance},
		{"Stands", KindBooth},
		{"Lunch", KindOther},
		{"Social", KindSocial},
	} {
		got, ok := TrackKind(tc.track)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("TrackKind(%q) = %q, %v; want %q", tc.track, got, ok, tc.want)
		}
	}
}

// Titles of meals and breaks are other however they are worded; a talk
// whose title merely mentions one is not.
func TestTitleKindBreaksAndSets(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		title string
		kind  Kind
	}{
		{"Dinner", KindOther},
		{"Break/Networking", KindOther},
		{"Informal Discussion & Lunch Break", KindOther},
		{"Day 2 - Lunch Time", KindOther},
		{"Essenszeit (Mittag)", KindOther},
		{"Mittagspause", KindOther},
		{"Pause déjeuner", KindOther},
		{"Closing DJ Set", KindPerformance},
		{"Conference Dinner", KindSocial},
		{"Speaker's Dinner", KindSocial},
		{"Welcome Reception", KindSocial},
		{"After Party", KindSocial},
		{"Evening Social", KindSocial},
		{"Party like it's 1999", ""},
		{"The Social Impact of Cryptography", ""},
		{"Go Meetup", ""},
		{"DJ Set: Mijk van Dijk", KindPerformance},
		{"Breaking the Monolith: Lunch-time Lessons", ""},
		{"Why Your Team Needs a Break", ""},
		{"Dinner with Dijkstra: a tour of graph algorithms", ""},
		{"Set Theory for DJs", ""},
		{"Lunch and Learn: Go generics", ""},
	} {
		k, ok := TitleKind(c.title)
		if k != c.kind || ok != (c.kind != "") {
			t.Errorf("TitleKind(%q) = %q, %v; want %q", c.title, k, ok, c.kind)
		}
	}
}

// The recap's words for the new kind, and its place in the recap's order.
func TestPerformanceKindLabel(t *testing.T) {
	t.Parallel()
	if got := KindPerformance.Label(1); got != "Performance" {
		t.Errorf("Label(1) = %q", got)
	}
	if got := KindPerformance.Label(3); got != "Performances" {
		t.Errorf("Label(3) = %q", got)
	}
	for _, s := range []string{"performance", "Performances", "concert", "DJ set", "art"} {
		if k, err := ParseKind(s); err != nil || k != KindPerformance {
			t.Errorf("ParseKind(%q) = %q, %v; want performance", s, k, err)
		}
	}
}
