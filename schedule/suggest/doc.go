// Package suggest is plan suggest: it finds the topics that recur across
// a conference program (names and phrases people say in a hallway:
// "eBPF", "Cloud Native", "Cyber Resilience Act"), ranks them by how
// widely they recur, and offers sessions on the hottest ones that the
// picks do not cover and that fit them (see Suggest for the whole rule).
//
// It owns the text mining this takes, one stage a file: words.go cuts a
// text into words (the stop words and the vocabulary are the text files
// in words/), index.go finds the candidate topics (its comment gives the
// steps), merge.go joins the spellings of one name, rank.go measures a
// topic's breadth and how much it reads like a name, and suggest.go
// ranks the topics and makes the offers. The sessions, picks and what
// fits them are schedule's; this package only reads them.
package suggest
