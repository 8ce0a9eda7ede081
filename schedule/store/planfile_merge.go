package store

import (
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// A plan file is the person's as much as plan's: they add comments,
// reorder keys, quote as they like. A save therefore merges the nodes of
// the new plan into the document read (mergeNode):
//
//   - mappings keep their old key order and every comment (which yaml.v3
//     mostly hangs on the key nodes); a new key goes after the key it
//     follows in the new encoding; a removed key goes;
//   - a scalar whose value did not change keeps its node (style, quoting);
//     a changed one takes the new value and keeps its comments;
//   - the items of a sequence are matched by what identifies them
//     (seqIdentity), scalars by value, anything else by position, and come
//     out in the new order, each with its old node's comments and layout;
//   - an old node given as the new one (a pick that did not change, see
//     keptPicks) is kept as it is;
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

func mergeNode(old, nw *yaml.Node, path string) *yaml.Node {
	switch {
	case old == nw:
		return old
	case old.Kind == yaml.AliasNode || old.Kind != nw.Kind || nw.Kind == yaml.ScalarNode && !sameScalar(old, nw):
		return withComments(nw, old)
	case nw.Kind == yaml.ScalarNode:
		n := *old
		n.Anchor = ""
		return &n
	case nw.Kind == yaml.MappingNode:
		return mergeMapping(old, nw, path)
	case nw.Kind == yaml.SequenceNode:
		return mergeSequence(old, nw, path)
	}
	return nw
}

// withComments is a copy of nw with the comments of old.
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
	var ta, tb time.Time
	return at == "!!timestamp" && bt == "!!timestamp" && a.Decode(&ta) == nil && b.Decode(&tb) == nil && ta.Equal(tb)
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
	if a == "" || b == "" {
		return a + b
	}
	return a + "\n" + b
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func mergeMapping(old, nw *yaml.Node, path string) *yaml.Node {
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
			if n := len(out.Content); n > 0 {
				out.Content[n-2].FootComment = joinComment(out.Content[n-2].FootComment, k.FootComment)
			} else {
				pending = joinComment(pending, k.FootComment)
			}
			continue
		}
		key := withComments(k, k)
		key.Anchor, key.HeadComment, pending = "", joinComment(pending, key.HeadComment), ""
		v := mergeNode(old.Content[i+1], nw.Content[j+1], joinPath(path, k.Value))
		if key.LineComment != "" && (v.Kind == yaml.ScalarNode || v.Kind == yaml.AliasNode || v.Style&yaml.FlowStyle != 0 || len(v.Content) == 0) {
			// "key: # c" before a block that is now one line: the
			// comment goes after the value, where yaml.v3 can write it.
			v = withComments(v, v)
			v.LineComment, key.LineComment = joinComment(key.LineComment, v.LineComment), ""
		}
		kept[k.Value] = len(out.Content)
		out.Content = append(out.Content, key, v)
	}
	// A new key goes after the key it follows in the new encoding.
	for j := 0; j+1 < len(nw.Content); j += 2 {
		name := nw.Content[j].Value
		if _, ok := kept[name]; ok {
			continue
		}
		at := 0
		for p := j - 2; p >= 0 && at == 0; p -= 2 {
			if i, ok := kept[nw.Content[p].Value]; ok {
				at = i + 2
			}
		}
		out.Content = append(out.Content[:at], append([]*yaml.Node{nw.Content[j], nw.Content[j+1]}, out.Content[at:]...)...)
		for k, i := range kept {
			if i >= at {
				kept[k] = i + 2
			}
		}
		kept[name] = at
	}
	return out
}

// identity is what identifies a mapping item of a sequence: the values of
// keys, or "" when it lacks one of them.
func identity(n *yaml.Node, keys []string) string {
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

// matchItems gives, for each new item of a sequence, the old item it
// merges with (-1 for none): by identity (keys), scalars by value, the
// rest by position. used reports the old items matched.
func matchItems(old, nw []*yaml.Node, keys []string) (match []int, used []bool) {
	match, used = make([]int, len(nw)), make([]bool, len(old))
	by := map[string][]int{}
	key := func(n *yaml.Node) string {
		if keys != nil {
			return identity(n, keys)
		} else if n.Kind == yaml.ScalarNode {
			return "=" + n.Value
		}
		return ""
	}
	for i, c := range old {
		if k := key(c); k != "" && (keys == nil || len(by[k]) == 0) {
			by[k] = append(by[k], i)
		}
	}
	for j, c := range nw {
		match[j] = -1
		if is := by[key(c)]; len(is) > 0 && !used[is[0]] {
			match[j], used[is[0]], by[key(c)] = is[0], true, is[1:]
		}
	}
	for j, c := range nw {
		if match[j] < 0 && keys == nil && c.Kind != yaml.ScalarNode && j < len(old) && !used[j] && old[j].Kind == c.Kind {
			match[j], used[j] = j, true
		}
	}
	return match, used
}

func mergeSequence(old, nw *yaml.Node, path string) *yaml.Node {
	out := container(old, nw)
	match, used := matchItems(old.Content, nw.Content, seqIdentity[path])
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
		if i := match[j]; i >= 0 {
			c = mergeNode(old.Content[i], c, path+"[]")
			if f := foot[i]; f != "" {
				c = withComments(c, c)
				c.FootComment = joinComment(c.FootComment, f)
			}
		}
		out.Content = append(out.Content, c)
	}
	if f := foot[-1]; f != "" && len(out.Content) > 0 {
		first := withComments(out.Content[0], out.Content[0])
		first.HeadComment = joinComment(f, first.HeadComment)
		out.Content[0] = first
	}
	return out
}
