package annotate

import (
	"math/rand/v2"
	"testing"
	"unicode/utf16"
)

// Tests for what makes loading fast without inlining (the WebAssembly
// build): NewTextIndex stepping over common characters by hand, spans
// and tree nodes taken from one allocation.

// NewTextIndex steps over two- and three-byte characters by looking at
// their bytes: on any bytes at all (invalid UTF-8, cut-short characters,
// surrogates, overlong forms) it must agree with decoding rune by rune.
func TestTextIndexOnArbitraryBytes(t *testing.T) {
	pieces := []string{"a", " ", "é", "ش", "中", "€", "😀", "\u0301", "\ufeff", "\ud7ff",
		"\xc2", "\xc1\x81", "\xe0\x80\x80", "\xe0\xa0\x80", "\xed\xa0\x80", "\xed\x9f\xbf",
		"\xef\xbf\xbd", "\xee\x80", "\xe4\xb8", "\xf0\x90\x80\x80", "\xf4\x90\x80\x80", "\x80", "\xbf", "\xff"}
	r := rand.New(rand.NewPCG(7, 7))
	for iter := range 2000 {
		var b []byte
		for range r.IntN(120) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		if iter%3 == 0 && len(b) > 0 { // cut anywhere, even inside a character
			b = b[:r.IntN(len(b))]
		}
		s := string(b)
		x := NewTextIndex(s)
		var cpByte, cpU16 []int
		u := 0
		for i, c := range s { // range decodes as utf8.DecodeRuneInString does
			cpByte = append(cpByte, i)
			cpU16 = append(cpU16, u)
			u += len(utf16.Encode([]rune{c}))
		}
		cpByte = append(cpByte, len(s))
		cpU16 = append(cpU16, u)
		if x.Len() != len(cpByte)-1 || x.UTF16Len() != u {
			t.Fatalf("%q: lengths %d/%d, want %d/%d", s, x.Len(), x.UTF16Len(), len(cpByte)-1, u)
		}
		for cp := range cpByte {
			if got := x.ByteOf(cp); got != cpByte[cp] {
				t.Fatalf("%q: ByteOf(%d) = %d, want %d", s, cp, got, cpByte[cp])
			}
			if got := x.UTF16Of(cp); got != cpU16[cp] {
				t.Fatalf("%q: UTF16Of(%d) = %d, want %d", s, cp, got, cpU16[cp])
			}
		}
	}
}

// The spans of a loaded file share one block of fragments (and the file
// form one block of fileFrags): each span's must be capped at its length,
// or an append to one span's fragments would write over the next span's.
func TestLoadedFragmentsAreCapped(t *testing.T) {
	data := saved(t, goldenProject(t))
	f, _, e := decodeFile(data)
	if e != nil {
		t.Fatal(e)
	}
	n := 0
	for _, fd := range f.Documents {
		for _, fs := range fd.Spans {
			if cap(fs.Fragments) != len(fs.Fragments) {
				t.Errorf("decoded span %s: %d fragments, capacity %d", fs.ID, len(fs.Fragments), cap(fs.Fragments))
			}
		}
	}
	p, err := Load(data, "golden.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range p.Documents() {
		for _, s := range d.Spans() {
			n++
			if cap(s.Fragments) != len(s.Fragments) {
				t.Errorf("%s span %s: %d fragments, capacity %d", d.ID, s.ID, len(s.Fragments), cap(s.Fragments))
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d spans in the golden project", n)
	}
}

// The interval tree takes reserved nodes first, and a removed node that
// lies in the reserved block holds on to nothing.
func TestIntervalTreeWithReservedNodes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var tr itree
	tr.reserve(200)
	reserved := tr.spare
	randomTreeOps(t, &tr, rng, 1500, 500, 40, func(i int) string { return "s" + string(rune('a'+i%26)) })
	inTree := map[*inode]bool{}
	var walk func(n *inode)
	walk = func(n *inode) {
		if n != nil {
			inTree[n] = true
			walk(n.left)
			walk(n.right)
		}
	}
	walk(tr.root)
	for i := range reserved {
		if n := &reserved[i]; !inTree[n] && (n.span != nil || n.left != nil || n.right != nil) {
			t.Fatalf("reserved node %d is out of the tree but still points at span %v", i, n.span)
		}
	}
}

// A document added with its text's index keeps that index, and a
// document starts without span and relation maps (made by the first
// span or relation put): every query and edit works on it before and
// after, and undoing leaves it as it was.
func TestIndexedDocumentAndLazyMaps(t *testing.T) {
	p := NewProject(nil)
	x := NewTextIndex("Anna said Bob left.")
	// a claim "Bob left" with its cue "said" (and Anna and Bob)
	d, err := p.AddIndexedDocument("a", "A", x, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Index() != x || d.Text() != x.Text() || p.Doc("a") != d {
		t.Fatal("the document does not keep the index it was given")
	}
	empty := func(when string) {
		t.Helper()
		if d.NumSpans() != 0 || d.NumRelations() != 0 || len(d.Spans()) != 0 || len(d.Relations()) != 0 ||
			len(d.RelationsOf("s1")) != 0 || d.Span("s1") != nil || d.Relation("r1") != nil || len(d.SpansIn(0, 19)) != 0 {
			t.Fatalf("%s: the document is not empty", when)
		}
		if c := d.Counts(); c == nil || len(c) != 0 {
			t.Fatalf("%s: Counts() = %#v, want an empty map", when, c)
		}
	}
	empty("new")
	_, _, err = d.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{{0, 4}}})
	if err != nil {
		t.Fatal(err)
	}
	bob, _, err := d.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{{10, 13}}})
	if err != nil {
		t.Fatal(err)
	}
	cue, _, err := d.AddSpan(SpanInput{Label: "CUE", Fragments: []Fragment{{5, 9}}})
	if err != nil {
		t.Fatal(err)
	}
	claim, _, err := d.AddSpan(SpanInput{Label: LabelClaim, Fragments: []Fragment{{10, 18}}})
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := d.AddRelation(RelationCue, claim.ID, cue.ID)
	if err != nil {
		t.Fatalf("relation: %v", err)
	}
	if d.NumSpans() != 4 || d.NumRelations() != 1 || d.Counts()["PERSON"] != 2 || len(d.RelationsOf(cue.ID)) != 1 || d.Relation(r.ID) == nil {
		t.Fatalf("after the edits: %d spans, %d relations, counts %v", d.NumSpans(), d.NumRelations(), d.Counts())
	}
	if _, err := d.RemoveSpan(bob.ID); err != nil {
		t.Fatal(err)
	}
	for d.UndoDepth() > 0 {
		if _, err := d.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	empty("after undoing every edit")
}
