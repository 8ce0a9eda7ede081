package importer

// Cancellations: the marks organisers put in a title ("CANCELLED - …",
// "(abgesagt)", a slot titled "FÄLLT AUS") and the sentences they put in
// an abstract ("Please note that this talk has been cancelled").

import (
	"regexp"
	"strings"
	"sync"
)

// cancelWord is the word for cancelled in the languages programs use, in
// any case: English, German ("abgesagt", "fällt aus", "entfällt",
// "ausgefallen"), French, Spanish, Portuguese, Italian, Dutch, Polish,
// Czech, Swedish, Danish, Norwegian and Finnish.
const cancelWord = `cancell?ed|abgesagt|f(?:ä|ae)llt\s+aus|entf(?:ä|ae)llt|ausgefallen|annul(?:é|e)e?s?|cancelad[oa]s?|annullat[oa]|cancellat[oa]|geannuleerd|afgelast|odwołan[aey]|zrušen[oa]|inställt|aflyst|avlyst|peruttu`

// cancelCaps is the word in capitals, a mark even without a separator
// ("CANCELLED Title", "Title CANCELLED"): a title in mixed case does not
// shout a word of its own.
const cancelCaps = `CANCELL?ED|ABGESAGT|F(?:Ä|AE)LLT\s+AUS|ENTF(?:Ä|AE)LLT|AUSGEFALLEN|ANNUL(?:É|E)E?|CANCELAD[OA]|ANNULLAT[OA]|CANCELLAT[OA]|GEANNULEERD|AFGELAST`

type titleMarks struct {
	only  *regexp.Regexp // the title is nothing but the mark
	strip []*regexp.Regexp
	// noun is FOSDEM's "CANCELLATION Strategy for developer outreach":
	// the noun in capitals before a title in mixed case is a mark too (a
	// title about cancellation writes "Cancellation …").
	noun *regexp.Regexp
}

var cancelMarks = sync.OnceValue(func() titleMarks {
	return titleMarks{
		only: regexp.MustCompile(`^(?i:[\s(\[*]*(?:` + cancelWord + `)[\s!.)\]*]*)$`),
		strip: []*regexp.Regexp{
			// "(Cancelled)", "[ABGESAGT]", "**CANCELLED**" anywhere.
			regexp.MustCompile(`(?i:\s*(?:[(\[]|\*+)\s*(?:` + cancelWord + `)\s*!*\s*(?:[)\]]|\*+)\s*)`),
			// "Cancelled: ", "CANCELLED! ", "Abgesagt - ", "Annulé : " first.
			regexp.MustCompile(`^(?i:\s*(?:` + cancelWord + `)\s*(?:!+\s*[:\-–—|]?|[:\-–—|])\s*)`),
			// FOSDEM's "CANCELLED Title", "CANCELED Title", "FÄLLT AUS Title".
			regexp.MustCompile(`^\s*(?:` + cancelCaps + `)!*\s+`),
			// " - Cancelled", " | abgesagt" last.
			regexp.MustCompile(`(?i:\s+[\-–—|:]\s*(?:` + cancelWord + `)\s*!*\s*)$`),
			// "… Compositing CANCELLED" last.
			regexp.MustCompile(`\s+(?:` + cancelCaps + `)!*\s*$`),
		},
		noun: regexp.MustCompile(`^\s*CANCELLATION\s+(?:[:\-–—|]\s*)?`),
	}
})

// cancelledTitle finds a cancellation mark and strips it, in every form
// organisers write one: "(Cancelled)" or "[ABGESAGT]" anywhere (any case,
// also "Canceled"), a leading "Cancelled:", "CANCELLED! ", "Annulé : "
// or "cancelled |", a trailing " - Cancelled", and words in capitals with
// no separator, first or last ("CANCELLED Title", "CANCELLED - Title
// CANCELLED", "FÄLLT AUS Title"); in mixed case those are words of the
// title ("Cancelled Flights", "Cancelling POSIX syscalls"). The
// session's Cancelled flag carries the news, and the title and derived
// id stay what they were before the cancellation, so a re-import matches
// the pick and reports it cancelled, not retitled. A title that is
// nothing but the mark ("FÄLLT AUS", "(Cancelled)") is kept as it is. A
// replacement ("Informal discussion (original talk cancelled)") is no
// mark: the mark is the word alone.
func cancelledTitle(title string) (string, bool) {
	if !hasTextStem(title) {
		return title, false
	}
	m := cancelMarks()
	if m.only.MatchString(title) {
		return title, true
	}
	t, found := title, false
	if loc := m.noun.FindStringIndex(t); loc != nil && strings.ToUpper(t[loc[1]:]) != t[loc[1]:] {
		t, found = t[loc[1]:], true
	}
	for _, re := range m.strip {
		if re.MatchString(t) {
			t, found = re.ReplaceAllString(t, " "), true
		}
	}
	if !found {
		return title, false
	}
	if t = oneLine(t); t == "" {
		return title, true
	}
	return t, true
}

// Abstracts: what a sentence about this session's cancellation looks like
// in each language. {DET} is "this" (anywhere in the text) or "the"
// (only in the first sentence, where organisers put the news: "The talk
// has been cancelled." further down is as likely about another talk).
var cancelSentences = []string{
	// English: "this talk has been cancelled", "this event is cancelled".
	`\b{DET}\s+(?:talk|session|event|workshop|lecture|presentation|panel|keynote|bof|meetup|meeting|performance|concert|show|tutorial|lightning\s+talk|screening|reading|slot|activity|class)\s+(?:has\s+been|have\s+been|had\s+to\s+be|has\s+to\s+be|must\s+be|will\s+be|is\s+being|was|is|got|gets)\s+(?:(?:unfortunately|sadly|now|also|regrettably|unexpectedly)\s+)?(?:cancell?ed|called\s+off)\b`,
	// "This talk will therefore not be taking place."
	`\b{DET}\s+(?:talk|session|event|workshop|lecture|presentation|panel|performance|concert|screening)\s+(?:will|would|does|can|is)\s+(?:\w+\s+)?not\s+(?:be\s+)?tak(?:e|ing)\s+place\b`,
	// German: "dieser Vortrag fällt leider aus", "der Workshop wurde abgesagt".
	`\b{DET}\s+(?:vortrag|workshop|talk|termin|programmpunkt|veranstaltung|lesung|konzert|event|session|panel|diskussion|beitrag|führung|kurs|slot)\s+(?:fällt|faellt|muss|wird|wurde|ist|musste)\s+(?:(?:leider|heute|morgen|kurzfristig|krankheitsbedingt|bedauerlicherweise)\s+)*(?:aus|ausfallen|abgesagt|ausgefallen|gestrichen|storniert)\b`,
	// "Leider fällt dieser Vortrag aus", "leider wurde der Workshop abgesagt".
	`\b(?:leider|heute|kurzfristig|krankheitsbedingt|bedauerlicherweise)\s+(?:fällt|faellt|muss|wurde|ist|musste)\s+{DET}\s+(?:vortrag|workshop|talk|termin|programmpunkt|veranstaltung|lesung|konzert|event|session|panel|diskussion|beitrag|führung|kurs)\s+(?:(?:leider|heute|morgen|kurzfristig|krankheitsbedingt)\s+)*(?:aus|ausfallen|abgesagt|ausgefallen|gestrichen)\b`,
	// French: "cette conférence est annulée".
	`\b{DET}\s+(?:conférence|présentation|session|séance|atelier|table\s+ronde|intervention|événement|spectacle|concert)\s+(?:est|a\s+été|a\s+dû\s+être|sera)\s+(?:malheureusement\s+)?annul(?:é|e)e?(?:$|\P{L})`,
	// Spanish: "esta charla ha sido cancelada".
	`\b{DET}\s+(?:charla|sesión|ponencia|conferencia|presentación|actividad|taller|evento|concierto)\s+(?:ha\s+sido|fue|está|queda|se\s+ha)\s+(?:lamentablemente\s+)?(?:cancelad[ao]|suspendid[ao])\b`,
	// Italian: "questo intervento è stato annullato".
	`\b{DET}\s+(?:talk|intervento|sessione|presentazione|evento|workshop|seminario|concerto)\s+(?:è\s+stat[oa]|e'\s+stat[oa]|viene|è)\s+(?:purtroppo\s+)?(?:annullat[oa]|cancellat[oa])\b`,
	// Dutch: "deze lezing is helaas geannuleerd".
	`\b{DET}\s+(?:talk|lezing|sessie|presentatie|workshop|evenement|voorstelling)\s+(?:is|werd|wordt)\s+(?:helaas\s+)?(?:geannuleerd|afgelast)\b`,
}

const (
	detThis = `(?:this|dieser|diese|dieses|cette|cet|ce|esta|este|questo|questa|deze|dit)`
	detThe  = `(?:the|our|my|der|die|das|unser|unsere|la|le|el|il|lo|de|het)`
)

type textMarks struct {
	this  *regexp.Regexp // anywhere in the abstract
	first *regexp.Regexp // in its first sentence
	start *regexp.Regexp // the abstract opens with the mark: "CANCELLED", "Fällt leider aus."
	// not are words before a statement that make it no statement: "if
	// this talk is cancelled", "falls der Vortrag ausfällt".
	not *regexp.Regexp
	// moved are words after it that make it a move: "cancelled and
	// moved to Sunday".
	moved *regexp.Regexp
}

var cancelText = sync.OnceValue(func() textMarks {
	alt := func(det string) string {
		parts := make([]string, len(cancelSentences))
		for i, s := range cancelSentences {
			parts[i] = strings.ReplaceAll(s, "{DET}", det)
		}
		return "(?i:" + strings.Join(parts, "|") + ")"
	}
	return textMarks{
		this:  regexp.MustCompile(alt(detThis)),
		first: regexp.MustCompile(alt(detThe)),
		start: regexp.MustCompile(`^[\s*(\[]*(?:(?:` + cancelCaps + `)(?:$|\P{L})|(?i:(?:` + cancelWord + `)\s*[.!:)\]]|(?:leider\s+)?(?:f(?:ä|ae)llt|entf(?:ä|ae)llt)(?:\s+leider)?\s+aus\b|(?:leider\s+)?abgesagt\b))`),
		not:   regexp.MustCompile(`(?i)\b(?:if|in\s+case|should|whether|unless|might|may|wenn|falls|ob|sollte|si|se|als|mocht)\b[^.!?]*$`),
		moved: regexp.MustCompile(`(?i)^[^.!?]*\b(?:moved|rescheduled|postponed|verschoben|verlegt|reporté|reportée|aplazad[ao]|rinviat[oa]|verplaatst)\b`),
	}
})

// cancelledText reports whether an abstract or description says that its
// session is cancelled: "Please note that this talk has been cancelled",
// "THIS TALK HAS BEEN CANCELLED DUE TO ILLNESS", "Unfortunately this
// event is cancelled", "This talk will therefore not be taking place",
// "Dieser Vortrag fällt leider aus", "Der Workshop wurde abgesagt.", or
// an abstract that opens with the mark ("CANCELLED The remote
// presentation didn't happen", "Fällt leider aus."). A text about another
// talk is no such statement: "This talk replaces the cancelled talk",
// "fills in for a cancelled talk", "after the talk \"X\" was cancelled",
// "The originally planned presentation on X got cancelled", nor is a
// condition ("if this talk is cancelled") or a move ("cancelled and moved
// to Sunday").
func cancelledText(text string) bool {
	if text == "" {
		return false
	}
	if !hasTextStem(text) {
		return false
	}
	m := cancelText()
	if m.start.MatchString(text) {
		return true
	}
	rest := strings.TrimSpace(text)
	for first := true; rest != ""; first = false {
		s := firstSentence(rest)
		rest = strings.TrimSpace(rest[len(s):])
		if !hasTextStem(s) {
			continue
		}
		if statement(m, m.this, s) || first && statement(m, m.first, s) {
			return true
		}
	}
	return false
}

// textStems are the cheap first look for titles and abstracts: every
// mark and every statement has one of these, in any case of
// ASCII letters ("fÄllt" is "FÄLLT" lowered so). A program's abstracts
// run to megabytes, and most say nothing of the kind.
var textStems = []string{"cancel", "called off", "annul", "abgesagt", "afgelast", "fällt", "fÄllt", "faellt", "fallen", "gestrichen", "storniert", "suspendid", "take place", "taking place",
	// and the rest of cancelWord, for titles
	"odwołan", "zrušen", "nställt", "aflyst", "avlyst", "ruttu"}

// stemPairs has a bit for the first two bytes of every stem, each with
// 0x20 set (a lower-case ASCII letter stays itself), and keys those two
// bytes of stem i: one table look a byte finds the few places worth
// comparing.
type stemPairTable struct {
	bits [1 << 10]uint64
	keys []uint16
}

var stemPairs = sync.OnceValue(func() *stemPairTable {
	t := &stemPairTable{keys: make([]uint16, len(textStems))}
	for i, stem := range textStems {
		k := uint16(stem[0]|0x20)<<8 | uint16(stem[1]|0x20)
		t.bits[k>>6] |= 1 << (k & 63)
		t.keys[i] = k
	}
	return t
})

// hasTextStem reports whether text has one of textStems, comparing ASCII
// letters without regard to case.
func hasTextStem(text string) bool {
	if len(text) < 2 {
		return false
	}
	t := stemPairs()
	prev := text[0] | 0x20
	for i := 1; i < len(text); i++ {
		c := text[i] | 0x20
		k := uint16(prev)<<8 | uint16(c)
		prev = c
		if t.bits[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for j, key := range t.keys {
			if key == k && len(text)-i+1 >= len(textStems[j]) && asciiFoldPrefix(text[i-1:], textStems[j]) {
				return true
			}
		}
	}
	return false
}

// asciiFoldPrefix reports whether s begins with the lower-case stem,
// ASCII letters in any case.
func asciiFoldPrefix(s, stem string) bool {
	for j := 0; j < len(stem); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != stem[j] {
			return false
		}
	}
	return true
}

// statement reports whether re finds a statement in a sentence that no
// condition comes before and no move after.
func statement(m textMarks, re *regexp.Regexp, text string) bool {
	for _, loc := range re.FindAllStringIndex(text, -1) {
		if m.not.MatchString(text[max(0, loc[0]-60):loc[0]]) || m.moved.MatchString(text[loc[1]:]) {
			continue
		}
		return true
	}
	return false
}

// firstSentence is the text up to the end of its first sentence or line.
func firstSentence(text string) string {
	text = strings.TrimSpace(text)
	for i, r := range text {
		switch r {
		case '\n':
			return text[:i]
		case '.', '!', '?':
			if i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n' {
				return text[:i+1]
			}
		}
	}
	return text
}
