package store

import (
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// A plan file is the person's as much as plan's: they add comments,
// reorder keys, quote as they like. A save therefore does not write the
// new plan as is, but reconciles it into the document it was read from:
//
//   - mappings keep their old key order and every comment (which yaml.v3
//     mostly hangs on the key nodes); a new key goes where the new
//     encoding puts it, after the key it follows there; a removed key goes;
//   - a scalar whose value did not change keeps its node (style, quoting);
//     a changed one takes the new value and keeps its comments;
//   - the items of a sequence are matched by what identifies them (picks
//     by id, sources by name, walks by from and to, facts by label,
//     speakers by value, anything else by position) and come out in the
//     new order, each carrying its old node's comments and layout;
//   - aliases are written out (the new value replaces them) and anchors
//     dropped, so no alias can point at a value that has changed.
//
// Old nodes are copied, never changed, so the old document stays as read.

// seqIdentity names the keys that identify the items of a sequence, by
// the path of the sequence in the plan file.
var seqIdentity = map[string][]string{
	"picks":              {"id"},
	"conference.sources": {"name"},
	"venue.walks":        {"from", "to"},
	"facts":              {"label"},
}

// reconcile returns the document of the new plan nw laid out as old, and
// which old pick each pick of it was merged with.
func reconcile(old, nw *yaml.Node) (*yaml.Node, map[*yaml.Node]*yaml.Node) {
	picks := map[*yaml.Node]*yaml.Node{}
	out := *old
	out.Content = []*yaml.Node{mergeNode(old.Content[0], nw.Content[0], "", picks)}
	return &out, picks
}

func mergeNode(old, nw *yaml.Node, path string, picks map[*yaml.Node]*yaml.Node) *yaml.Node {
	if old.Kind == yaml.AliasNode || old.Kind != nw.Kind {
		return withComments(nw, old)
	}
	switch nw.Kind {
	case yaml.ScalarNode:
		if sameScalar(old, nw) {
			n := *old
			n.Anchor = ""
			return &n
		}
		return withComments(nw, old)
	case yaml.MappingNode:
		return mergeMapping(old, nw, path, picks)
	case yaml.SequenceNode:
		return mergeSequence(old, nw, path, picks)
	}
	return nw
}

// withComments is nw with the comments of old.
func withComments(nw, old *yaml.Node) *yaml.Node {
	n := *nw
	n.HeadComment, n.LineComment, n.FootComment = old.HeadComment, old.LineComment, old.FootComment
	return &n
}

// sameScalar reports whether two scalars hold the same value: the same
// text and type, or two spellings of one instant.
func sameScalar(a, b *yaml.Node) bool {
	at, bt := a.ShortTag(), b.ShortTag()
	if a.Value == b.Value && at == bt {
		return true
	}
	if at == "!!timestamp" && bt == "!!timestamp" {
		var ta, tb time.Time
		return a.Decode(&ta) == nil && b.Decode(&tb) == nil && ta.Equal(tb)
	}
	return false
}

// container is a copy of old's mapping or sequence node, without its
// content or anchor, in old's style; an empty old one (picks: []) takes
// the new one's style, since a flow style chosen for nothing is no
// layout to keep.
func container(old, nw *yaml.Node) *yaml.Node {
	n := *old
	n.Anchor = ""
	if len(old.Content) == 0 {
		n.Style = nw.Style
	}
	n.Content = make([]*yaml.Node, 0, len(nw.Content))
	return &n
}

func joinComment(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

func mergeMapping(old, nw *yaml.Node, path string, picks map[*yaml.Node]*yaml.Node) *yaml.Node {
	out := container(old, nw)
	newAt := make(map[string]int, len(nw.Content)/2)
	for j := 0; j+1 < len(nw.Content); j += 2 {
		newAt[nw.Content[j].Value] = j
	}
	kept := make(map[string]int, len(nw.Content)/2) // key → index in out.Content
	pending := ""                                   // the foot comment of a removed key, for the next key
	for i := 0; i+1 < len(old.Content); i += 2 {
		k := old.Content[i]
		j, ok := newAt[k.Value]
		if _, dup := kept[k.Value]; !ok || dup || k.Kind != yaml.ScalarNode {
			if foot := k.FootComment; foot != "" {
				if n := len(out.Content); n > 0 {
					last := out.Content[n-2]
					last.FootComment = joinComment(last.FootComment, foot)
				} else {
					pending = joinComment(pending, foot)
				}
			}
			continue
		}
		key := *k
		key.Anchor = ""
		key.HeadComment = joinComment(pending, key.HeadComment)
		pending = ""
		v := mergeNode(old.Content[i+1], nw.Content[j+1], joinPath(path, k.Value), picks)
		if key.LineComment != "" && (v.Kind == yaml.ScalarNode || v.Kind == yaml.AliasNode || v.Style&yaml.FlowStyle != 0 || len(v.Content) == 0) {
			// "key: # c" before a block that is now one line: the
			// comment goes after the value, where yaml.v3 can write it.
			v.LineComment = joinComment(key.LineComment, v.LineComment)
			key.LineComment = ""
		}
		kept[k.Value] = len(out.Content)
		out.Content = append(out.Content, &key, v)
	}
	// New keys go after the key they follow in the new encoding.
	for j := 0; j+1 < len(nw.Content); j += 2 {
		name := nw.Content[j].Value
		if _, ok := kept[name]; ok {
			continue
		}
		at := 0
		for p := j - 2; p >= 0; p -= 2 {
			if i, ok := kept[nw.Content[p].Value]; ok {
				at = i + 2
				break
			}
		}
		out.Content = append(out.Content, nil, nil)
		copy(out.Content[at+2:], out.Content[at:])
		out.Content[at], out.Content[at+1] = nw.Content[j], nw.Content[j+1]
		for k, i := range kept {
			if i >= at {
				kept[k] = i + 2
			}
		}
		kept[name] = at
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// identity is what identifies a mapping item of a sequence: the values of
// keys, or "" when it lacks one of them.
func identity(n *yaml.Node, keys []string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	var b strings.Builder
	for _, key := range keys {
		v := mappingValue(n, key)
		if v == nil || v.Kind != yaml.ScalarNode {
			return ""
		}
		b.WriteString(v.Value)
		b.WriteByte(0)
	}
	return b.String()
}

func mergeSequence(old, nw *yaml.Node, path string, picks map[*yaml.Node]*yaml.Node) *yaml.Node {
	out := container(old, nw)
	match := make([]int, len(nw.Content)) // new item → old item, or -1
	used := make([]bool, len(old.Content))
	if keys := seqIdentity[path]; keys != nil {
		byID := make(map[string]int, len(old.Content))
		for i, c := range old.Content {
			if id := identity(c, keys); id != "" {
				if _, dup := byID[id]; !dup {
					byID[id] = i
				}
			}
		}
		for j, c := range nw.Content {
			match[j] = -1
			if i, ok := byID[identity(c, keys)]; ok && !used[i] {
				match[j], used[i] = i, true
			}
		}
	} else {
		// Scalars by value, the rest by position.
		byValue := map[string][]int{}
		for i, c := range old.Content {
			if c.Kind == yaml.ScalarNode {
				byValue[c.Value] = append(byValue[c.Value], i)
			}
		}
		for j, c := range nw.Content {
			match[j] = -1
			if c.Kind == yaml.ScalarNode {
				if is := byValue[c.Value]; len(is) > 0 {
					match[j], used[is[0]] = is[0], true
					byValue[c.Value] = is[1:]
				}
			}
		}
		for j, c := range nw.Content {
			if match[j] < 0 && c.Kind != yaml.ScalarNode && j < len(old.Content) && !used[j] && old.Content[j].Kind == c.Kind {
				match[j], used[j] = j, true
			}
		}
	}
	// A removed item's foot comment stays, on the item that came before it.
	foot := make(map[int]string)
	for i, c := range old.Content {
		if !used[i] && c.FootComment != "" {
			p := i - 1
			for p >= 0 && !used[p] {
				p--
			}
			foot[p] = joinComment(foot[p], c.FootComment)
		}
	}
	for j, c := range nw.Content {
		i := match[j]
		if i < 0 {
			out.Content = append(out.Content, c)
			continue
		}
		n := mergeNode(old.Content[i], c, path+"[]", picks)
		if f := foot[i]; f != "" {
			n.FootComment = joinComment(n.FootComment, f)
		}
		if path == "picks" {
			picks[n] = old.Content[i]
		}
		out.Content = append(out.Content, n)
	}
	if f := foot[-1]; f != "" && len(out.Content) > 0 {
		first := out.Content[0]
		first.HeadComment = joinComment(f, first.HeadComment)
	}
	return out
}
