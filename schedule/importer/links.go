package importer

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/plan-cli/plan/schedule"
)

// rawLink is a link as a feed gives it: its address, its title, and the
// type the feed declares for it ("" when none).
type rawLink struct{ href, title, kind string }

// addLinks gives session s the links a feed lists for it, cleaned: an
// address the feed writes without its scheme ("www.axoloti.be") gets
// https, one that starts at a path ("/system/event_attachments/…",
// frab's attachments) is read under the program's base (the feed's
// base_url: CCC's static Fahrplan keeps the attachments under it), and
// an address that is still no http or https one (javascript:, a path
// with no base) is left out and counted for one warning about the
// program (see validate). The kind comes from schedule.LinkKindOf. A
// session with more than schedule.MaxLinks links keeps the first ones,
// with a warning.
func (f *Feed) addLinks(name string, s *schedule.Session, base string, links []rawLink) {
	for _, l := range links {
		href := strings.TrimSpace(l.href)
		if h := strings.ToLower(href); h == "" || h == "http://" || h == "https://" || strings.HasSuffix(h, "/attachments/original/missing.png") {
			continue // a form's empty field; frab's stand-in for a file it lost
		}
		u, ok := linkURL(href, base)
		if !ok {
			if f.badLinks == 0 {
				f.badLink = clip(oneLine(href), 80)
			}
			f.badLinks++
			continue
		}
		title := htmlLine(l.title)
		if title == u {
			title = ""
		}
		if !s.AddLink(schedule.Link{URL: u, Title: title, Kind: schedule.LinkKindOf(title, u, l.kind)}) {
			f.warn(name, s, "the session has more than %d links: the first %d are kept", schedule.MaxLinks, schedule.MaxLinks)
			return
		}
	}
}

// linkURL is href as an absolute http or https address (see addLinks),
// with white space percent-encoded; ok is false when it cannot be one.
func linkURL(href, base string) (string, bool) {
	if len(href) > maxLineField {
		return "", false // a cut address leads nowhere
	}
	h := strings.ReplaceAll(oneLine(href), " ", "%20")
	switch {
	case strings.HasPrefix(h, "//"):
		h = "https:" + h
	case strings.HasPrefix(h, "/"):
		if base == "" {
			return "", false
		}
		h = strings.TrimRight(base, "/") + h
	case !strings.Contains(h, "://") && hostLike(h):
		h = "https://" + h
	}
	u, err := url.Parse(h)
	if err != nil || u.Host == "" || (!strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https")) {
		return "", false
	}
	return h, true
}

// hostLike reports whether an address without a scheme starts with a
// host name ("www.axoloti.be", "twitter.com/ploynog") rather than a file
// ("slides.pdf").
func hostLike(h string) bool {
	host, _, _ := strings.Cut(h, "/")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || dot == len(host)-1 {
		return false
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	switch strings.ToLower(host[dot+1:]) {
	case "pdf", "png", "jpg", "jpeg", "gif", "svg", "html", "htm", "txt", "zip", "odp", "ppt", "pptx", "mp4", "webm":
		return false
	}
	return true
}

// jsonLinks is a JSON list of links or attachments: frab and pretalx
// write {"url", "title"}, C3VOC's schema adds "type", and a bare string
// is an address. Anything else, in the list or instead of it, is passed
// over: a feed's odd links never cost it a session.
type jsonLinks []rawLink

func (ls *jsonLinks) UnmarshalJSON(b []byte) error {
	var items []json.RawMessage
	if json.Unmarshal(b, &items) != nil {
		return nil
	}
	for _, it := range items {
		var o struct {
			URL, Href, Title, Type jsonText
		}
		var t jsonText
		switch {
		case json.Unmarshal(it, &o) == nil:
			href := o.URL.String()
			if href == "" {
				href = o.Href.String()
			}
			*ls = append(*ls, rawLink{href: href, title: string(o.Title), kind: o.Type.String()})
		case json.Unmarshal(it, &t) == nil:
			*ls = append(*ls, rawLink{href: string(t)})
		}
	}
	return nil
}

// jsonFlag is a JSON yes or no, as feeds write one: true, "true", 1, or
// "yes" are true; anything else, null and errors too, is false.
type jsonFlag bool

func (f *jsonFlag) UnmarshalJSON(b []byte) error {
	var t jsonText
	if t.UnmarshalJSON(b) == nil {
		switch strings.ToLower(t.String()) {
		case "true", "1", "yes":
			*f = true
		}
	}
	return nil
}
