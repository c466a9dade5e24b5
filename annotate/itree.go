package annotate

// itree is an interval treap over span fragments, ordered by (start, end,
// span id, fragment index) and augmented with the largest end in
// each subtree. Insert, delete and "what overlaps [a, b)" are O(log n) and
// O(log n + k) expected, which keeps every edit and every screenful of
// rendering independent of how many spans a long document holds.
type itree struct {
	root  *inode
	n     int
	spare []inode // nodes for the next inserts (reserve)
}

type ikey struct {
	start, end int
	id         string // the span's id: unique and stable
	frag       int
}

type inode struct {
	key         ikey
	span        *Span
	prio        uint64
	maxEnd      int
	left, right *inode
}

func (a ikey) less(b ikey) bool {
	if a.start != b.start {
		return a.start < b.start
	}
	if a.end != b.end {
		return a.end > b.end // outer spans first at the same start
	}
	if a.id != b.id {
		return a.id < b.id
	}
	return a.frag < b.frag
}

// prio derives the heap priority from the key (splitmix64), so the tree's
// shape — and thus every result order — is deterministic.
func prioOf(k ikey) uint64 {
	h := uint64(14695981039346656037) // FNV-1a of the id
	for i := 0; i < len(k.id); i++ {
		h = (h ^ uint64(k.id[i])) * 1099511628211
	}
	z := h + uint64(k.frag)*0x9e3779b97f4a7c15 + uint64(k.start)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (n *inode) fix() {
	m := n.key.end
	if n.left != nil && n.left.maxEnd > m {
		m = n.left.maxEnd
	}
	if n.right != nil && n.right.maxEnd > m {
		m = n.right.maxEnd
	}
	n.maxEnd = m
}

// split divides t into keys < k and keys >= k.
func split(t *inode, k ikey) (l, r *inode) {
	if t == nil {
		return nil, nil
	}
	if t.key.less(k) {
		t.right, r = split(t.right, k)
		t.fix()
		return t, r
	}
	l, t.left = split(t.left, k)
	t.fix()
	return l, t
}

func merge(l, r *inode) *inode {
	if l == nil {
		return r
	}
	if r == nil {
		return l
	}
	if l.prio > r.prio {
		l.right = merge(l.right, r)
		l.fix()
		return l
	}
	r.left = merge(l, r.left)
	r.fix()
	return r
}

func (t *itree) insert(k ikey, s *Span) {
	var n *inode
	if len(t.spare) > 0 {
		n, t.spare = &t.spare[0], t.spare[1:]
	} else {
		n = new(inode)
	}
	// field by field: copying a whole inode calls the runtime
	n.key, n.span, n.prio, n.maxEnd = k, s, prioOf(k), k.end
	n.left, n.right = nil, nil
	t.insertNode(n)
}

// reserve makes the next n inserts take their nodes from one allocation,
// as a loader inserting every fragment of a file does.
func (t *itree) reserve(n int) {
	t.spare = make([]inode, n)
}

// insertNode walks down to where n belongs by its priority, raising the
// largest end of each node it passes, and splits the subtree found there
// under n. The walk is a loop with the key comparison written out (the
// same order as ikey.less): a loader inserts every fragment of a file, and
// the WebAssembly build is compiled without inlining.
func (t *itree) insertNode(n *inode) {
	t.n++
	k := n.key
	link := &t.root
	for {
		c := *link
		if c == nil || n.prio > c.prio {
			break
		}
		if k.end > c.maxEnd {
			c.maxEnd = k.end
		}
		var less bool
		switch {
		case k.start != c.key.start:
			less = k.start < c.key.start
		case k.end != c.key.end:
			less = k.end > c.key.end
		case k.id != c.key.id:
			less = k.id < c.key.id
		default:
			less = k.frag < c.key.frag
		}
		if less {
			link = &c.left
		} else {
			link = &c.right
		}
	}
	if *link != nil {
		n.left, n.right = split(*link, k)
		n.fix()
	}
	*link = n
}

func (t *itree) remove(k ikey) bool {
	var found bool
	t.root = removeNode(t.root, k, &found)
	if found {
		t.n--
	}
	return found
}

func removeNode(t *inode, k ikey, found *bool) *inode {
	if t == nil {
		return nil
	}
	if t.key == k {
		*found = true
		m := merge(t.left, t.right)
		*t = inode{} // it may lie in a reserved block: hold on to nothing
		return m
	}
	if k.less(t.key) {
		t.left = removeNode(t.left, k, found)
	} else {
		t.right = removeNode(t.right, k, found)
	}
	t.fix()
	return t
}

// overlapping calls fn, in key order, for every fragment overlapping [a, b)
// (a == b asks for fragments containing offset a). fn returning false stops.
func (t *itree) overlapping(a, b int, fn func(k ikey, s *Span) bool) {
	if b <= a {
		b = a + 1
	}
	visit(t.root, a, b, fn)
}

func visit(n *inode, a, b int, fn func(ikey, *Span) bool) bool {
	if n == nil || n.maxEnd <= a {
		return true
	}
	if !visit(n.left, a, b, fn) {
		return false
	}
	if n.key.start >= b {
		return true // this node and everything right of it start too late
	}
	if n.key.end > a {
		if !fn(n.key, n.span) {
			return false
		}
	}
	return visit(n.right, a, b, fn)
}

// setSpan replaces the span pointer stored at k (used when a span changes
// everything but its fragments, so the tree shape is untouched).
func (t *itree) setSpan(k ikey, s *Span) {
	n := t.root
	for n != nil {
		if n.key == k {
			n.span = s
			return
		}
		if k.less(n.key) {
			n = n.left
		} else {
			n = n.right
		}
	}
}
