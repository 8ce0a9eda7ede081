package suggest

import (
	_ "embed"
	"strings"
	"sync"
)

// Two lists keep words out of topics. A stop word (English and German
// function words, and the words conference programs use about themselves
// and their sessions: "talk", "learn", "delve") is never part of a topic
// and ends a phrase. A vocabulary word ("data", "security", "software")
// says too little to be a topic alone, but may be part of a phrase
// ("supply chain security", "Software Bill of Materials"). Both are
// built on first use, not at start-up: only suggest needs them. The
// lists are text files in words/, one word (or phrase) a line or several
// on a line, comments after #.
var (
	stopWords  = sync.OnceValue(func() map[string]bool { return wordSet(englishStopWords, germanStopWords, conferenceWords) })
	vocabWords = sync.OnceValue(func() map[string]bool { return wordSet(genericWords) })
	// germanWords tell a German text, whose nouns are capitalised.
	germanWords = sync.OnceValue(func() map[string]bool { return wordSet(germanStopWords) })
	// stopPhrases are phrases that recur in every program of a kind and
	// name no technology: the conference's prose.
	stopPhrases = sync.OnceValue(func() map[string]bool {
		m := map[string]bool{}
		for _, line := range lines(phraseStopList) {
			m[strings.Join(strings.Fields(line), " ")] = true
		}
		return m
	})
)

var (
	//go:embed words/stop-english.txt
	englishStopWords string
	//go:embed words/stop-conference.txt
	conferenceWords string
	//go:embed words/stop-german.txt
	germanStopWords string
	//go:embed words/vocabulary.txt
	genericWords string
	//go:embed words/stop-phrases.txt
	phraseStopList string
)

// wordSet is the words of the lists.
func wordSet(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, line := range lines(l) {
			for _, w := range strings.Fields(line) {
				m[w] = true
			}
		}
	}
	return m
}

// lines are the lines of a list that hold something, comments left out.
func lines(list string) []string {
	var out []string
	for _, line := range strings.Split(list, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// hostSuffixes end the host names Suggest leaves out.
var hostSuffixes = map[string]bool{"com": true, "org": true, "eu": true, "de": true, "be": true, "fr": true, "nl": true, "ch": true, "uk": true, "dev": true, "info": true, "gov": true, "edu": true, "io": true, "net": true}
