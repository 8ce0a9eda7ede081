package schedule

import (
	"fmt"
	"strings"
)

// Kind is what sort of session something is. Every importer maps its
// format's own vocabulary (frab "type", SCALE "Topic", Sessionize's
// "Session format" category, title prefixes) onto this one list.
type Kind string

const (
	KindKeynote   Kind = "keynote"
	KindTalk      Kind = "talk"
	KindWorkshop  Kind = "workshop"
	KindBoF       Kind = "bof"
	KindBooth     Kind = "booth"
	KindCareer    Kind = "career"
	KindPanel     Kind = "panel"
	KindLightning Kind = "lightning"
	KindSocial    Kind = "social"
	KindOther     Kind = "other"
)

// Kinds lists every kind in the order the recap writes them.
var Kinds = []Kind{KindWorkshop, KindTalk, KindBoF, KindBooth, KindCareer, KindKeynote, KindPanel, KindLightning, KindSocial, KindOther}

var kindLabels = map[Kind][2]string{
	KindKeynote:   {"Keynote", "Keynotes"},
	KindTalk:      {"Talk", "Talks"},
	KindWorkshop:  {"Workshop", "Workshops"},
	KindBoF:       {"Birds of a Feather (BoF)", "Birds of a Feather (BoF)"},
	KindBooth:     {"Expo Booth", "Expo Booths"},
	KindCareer:    {"Career Day", "Career Day"},
	KindPanel:     {"Panel", "Panels"},
	KindLightning: {"Lightning Talk", "Lightning Talks"},
	KindSocial:    {"Social Event", "Social Events"},
	KindOther:     {"Other", "Other"},
}

// Label is the recap's name for n sessions of this kind: "1 Talk" but
// "10 Talks"; "Birds of a Feather (BoF)" and "Career Day" do not change.
func (k Kind) Label(n int) string {
	l, ok := kindLabels[k]
	if !ok {
		l = kindLabels[KindOther]
	}
	if n == 1 {
		return l[0]
	}
	return l[1]
}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	_, ok := kindLabels[k]
	return ok
}

// ParseKind accepts a kind name as a user types it: the canonical word,
// any case, or a few common spellings ("BoF", "booths", "lightning-talk").
func ParseKind(s string) (Kind, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	w = strings.NewReplacer("-", "", "_", "", " ", "").Replace(w)
	switch w {
	case "keynote", "keynotes":
		return KindKeynote, nil
	case "talk", "talks", "lecture", "session":
		return KindTalk, nil
	case "workshop", "workshops", "tutorial":
		return KindWorkshop, nil
	case "bof", "bofs", "birdsofafeather":
		return KindBoF, nil
	case "booth", "booths", "expo", "expobooth":
		return KindBooth, nil
	case "career", "careerday", "job", "jobs":
		return KindCareer, nil
	case "panel", "panels":
		return KindPanel, nil
	case "lightning", "lightningtalk", "lightningtalks":
		return KindLightning, nil
	case "social", "party", "meetup":
		return KindSocial, nil
	case "other":
		return KindOther, nil
	}
	return "", fmt.Errorf("unknown kind %q (use one of: %s)", s, kindList())
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// GuessKind maps a free-form type, topic or category text from a feed to a
// Kind. It returns KindOther-free results only when it recognises the text;
// ok is false when nothing matched, so callers can fall back to title
// prefixes or a format default.
func GuessKind(text string) (Kind, bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "" {
		return "", false
	}
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(t, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("keynote", "plenary"):
		return KindKeynote, true
	case has("lightning", "blitz"):
		return KindLightning, true
	case has("bof", "birds of a feather", "birds-of-a-feather", "unconference", "meeting"):
		return KindBoF, true
	case has("workshop", "tutorial", "hands-on", "hands on", "training"):
		return KindWorkshop, true
	case has("career", "job fair", "jobs"):
		return KindCareer, true
	case has("panel", "discussion"):
		return KindPanel, true
	case has("booth", "expo", "exhibit", "sponsor"):
		return KindBooth, true
	case has("social", "party", "concert", "dj set", "reception", "dinner", "lunch", "breakfast", "coffee break", "meetup", "game show", "film", "theatre", "ceremony"):
		return KindSocial, true
	case has("talk", "lecture", "presentation", "session", "devroom", "maintrack", "main track", "educational", "podcast"):
		return KindTalk, true
	}
	return "", false
}

// TitleKind recognises kinds announced by a title prefix such as "BoF:" or
// "Workshop -".
func TitleKind(title string) (Kind, bool) {
	t := strings.ToLower(strings.TrimSpace(title))
	for _, p := range []struct {
		prefix string
		kind   Kind
	}{
		{"bof", KindBoF}, {"birds of a feather", KindBoF},
		{"workshop", KindWorkshop}, {"tutorial", KindWorkshop},
		{"keynote", KindKeynote}, {"panel", KindPanel},
		{"lightning talk", KindLightning}, {"lightning talks", KindLightning},
	} {
		if strings.HasPrefix(t, p.prefix) {
			rest := strings.TrimLeft(t[len(p.prefix):], " ")
			if rest == "" || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, "(") {
				return p.kind, true
			}
		}
	}
	return "", false
}
