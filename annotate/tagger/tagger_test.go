package tagger

import (
	"bytes"
	"hash/crc32"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

var (
	people = []string{"Anna Berg", "Omar Haddad", "Li Wei", "Maria Lopez", "John Smith", "Sara Cohen", "Ali Rezaei", "Emma Stone"}
	orgs   = []string{"Reuters", "the United Nations", "Acme Corp", "NATO", "Global Shipping Ltd", "the World Bank"}
	places = []string{"Tehran", "Washington", "Oman", "New York", "Dubai", "Paris", "Muscat"}
	frames = []string{
		"%P said in %L on Monday that talks would resume.",
		"%O hired %P last year.",
		"According to %O, ships left %L early.",
		"%P met officials from %O in %L.",
		"Officials in %L denied the report by %O.",
		"“We are ready,” %P told %O.",
	}
)

// synth writes a document of n sentences from the frames, with its spans
// (offsets in code points: the text has an emoji and CRLF line ends).
func synth(rng *rand.Rand, n int) Doc {
	var b strings.Builder
	var spans []Span
	cp := 0
	write := func(s string) {
		b.WriteString(s)
		cp += len([]rune(s))
	}
	write("🚢 News\r\n")
	for i := 0; i < n; i++ {
		f := frames[rng.IntN(len(frames))]
		for f != "" {
			j := strings.IndexByte(f, '%')
			if j < 0 {
				write(f)
				break
			}
			write(f[:j])
			var name, label string
			switch f[j+1] {
			case 'P':
				name, label = people[rng.IntN(len(people))], "PERSON"
			case 'O':
				name, label = orgs[rng.IntN(len(orgs))], "ORG"
			case 'L':
				name, label = places[rng.IntN(len(places))], "GPE"
			}
			start := cp
			if strings.HasPrefix(name, "the ") {
				write("the ")
				start = cp
				name = name[4:]
			}
			write(name)
			spans = append(spans, Span{Label: label, Start: start, End: cp})
			f = f[j+2:]
		}
		write("\r\n")
	}
	return Doc{Text: b.String(), Spans: spans}
}

func synthCorpus(seed uint64, docs, sents int) []Doc {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]Doc, docs)
	for i := range out {
		out[i] = synth(rng, sents)
	}
	return out
}

func TestLearnsAndPredictsCodePoints(t *testing.T) {
	m, err := Train(synthCorpus(1, 30, 8), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Labels(); !slices.Equal(got, []string{"GPE", "ORG", "PERSON"}) {
		t.Fatalf("labels %v", got)
	}
	test := synthCorpus(2, 5, 10)
	tp, np, ng := 0, 0, 0
	for _, d := range test {
		gold := map[Span]bool{}
		for _, s := range d.Spans {
			gold[s] = true
		}
		ng += len(gold)
		rs := []rune(d.Text)
		for _, e := range m.Predict(d.Text) {
			np++
			if gold[Span{e.Label, e.Start, e.End}] {
				tp++
			}
			if e.Score <= 0 || e.Score > 1 {
				t.Errorf("%q: score %v outside (0, 1]", string(rs[e.Start:e.End]), e.Score)
			}
		}
	}
	// the names are all seen in training: nearly everything must be found
	// at its exact code point offsets (the emoji and CRLFs shift UTF-16
	// and byte offsets away from these)
	if tp < ng*95/100 || tp < np*95/100 {
		t.Fatalf("found %d of %d gold spans exactly, with %d predictions", tp, ng, np)
	}
	// one exact prediction checked by hand
	text := "🚢 Omar Haddad said in Dubai on Monday that talks would resume."
	want := []Entity{{Label: "PERSON", Start: 2, End: 13}, {Label: "GPE", Start: 22, End: 27}}
	got := m.Predict(text)
	if len(got) != len(want) {
		t.Fatalf("Predict(%q) = %+v, want %+v", text, got, want)
	}
	for i := range want {
		if got[i].Label != want[i].Label || got[i].Start != want[i].Start || got[i].End != want[i].End {
			t.Fatalf("Predict(%q) = %+v, want %+v", text, got, want)
		}
	}
}

func TestDeterministicModelFile(t *testing.T) {
	docs := synthCorpus(3, 20, 6)
	a, err := Train(docs, Options{Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Train(docs, Options{Seed: 42})
	c, _ := Train(docs, Options{Seed: 43, Epochs: 3})
	ab, _ := a.MarshalBinary()
	bb, _ := b.MarshalBinary()
	cb, _ := c.MarshalBinary()
	if !bytes.Equal(ab, bb) {
		t.Fatal("two trainings with the same seed gave different model files")
	}
	if bytes.Equal(ab, cb) {
		t.Fatal("another seed and epoch count gave the same model file")
	}
	// a round trip keeps every byte and every prediction
	l, err := Load(ab, "m.model")
	if err != nil {
		t.Fatal(err)
	}
	lb, _ := l.MarshalBinary()
	if !bytes.Equal(ab, lb) {
		t.Fatal("load and save changed the model file")
	}
	if l.Stats().Spans != a.Stats().Spans || l.Stats().Features != a.Stats().Features {
		t.Fatalf("stats %+v after loading, %+v before", l.Stats(), a.Stats())
	}
	for _, d := range synthCorpus(4, 3, 5) {
		if p, q := a.Predict(d.Text), l.Predict(d.Text); !slices.Equal(p, q) {
			t.Fatalf("predictions differ after loading: %+v vs %+v", p, q)
		}
	}
}

func TestTooSmall(t *testing.T) {
	d := Doc{Text: "Anna Berg met Omar Haddad in Paris.", Spans: []Span{{"PERSON", 0, 9}, {"PERSON", 14, 25}, {"GPE", 29, 34}}}
	for _, docs := range [][]Doc{nil, {}, {{Text: "no spans"}}, {d}} {
		_, err := Train(docs, Options{})
		if err == nil || annotate.CodeOf(err) != annotate.CodeBadArgument || !strings.Contains(err.Error(), "too little to train on") ||
			!strings.Contains(err.Error(), "at least 5 spans") {
			t.Fatalf("Train(%d docs) error %v, want too little to train on", len(docs), err)
		}
	}
	_, err := Train([]Doc{d}, Options{})
	if want := "too little to train on: 3 entity spans in 1 document; the tagger needs at least 5 spans"; err.Error() != want {
		t.Fatalf("error %q, want %q", err, want)
	}
	_, err = TrainSentences([]Sentence{{Tokens: []string{"Paris"}, Tags: []string{"B-LOC"}}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "1 entity span in 1 document") {
		t.Fatalf("TrainSentences error %v", err)
	}
}

func TestBadInput(t *testing.T) {
	_, err := Train([]Doc{{ID: "a.txt", Text: "Paris", Spans: []Span{{"GPE", 0, 5}, {"GPE", 3, 9}, {"", 0, 1}}}}, Options{})
	want := `2 problems:
  document "a.txt", span #2: offsets [3, 9) are not a range inside the text of 5 code points
  document "a.txt", span #3: a span without a label`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want\n%s", err, want)
	}
	if es := err.(annotate.Errors); es[0].Code != annotate.CodeOutOfRange || es[1].Code != annotate.CodeBadArgument {
		t.Fatalf("codes %s, %s", es[0].Code, es[1].Code)
	}
	_, err = TrainSentences([]Sentence{{Tokens: []string{"in", "Paris"}, Tags: []string{"O", "LOC"}}}, Options{})
	if err == nil || err.Error() != `sentence 1, token 2: tag "LOC" is not O, B-LABEL or I-LABEL` {
		t.Fatalf("error %v", err)
	}
}

// withCRC replaces a model file's checksum after a change.
func withCRC(b []byte) []byte {
	b = slices.Clone(b)
	w := &writer{}
	w.u32(crc32.ChecksumIEEE(b[:len(b)-4]))
	copy(b[len(b)-4:], w.b)
	return b
}

func TestLoadRefuses(t *testing.T) {
	m, err := Train(synthCorpus(5, 10, 5), Options{})
	if err != nil {
		t.Fatal(err)
	}
	good, _ := m.MarshalBinary()
	newer := slices.Clone(good)
	newer[len(modelMagic)] = modelVersion + 1
	newer = withCRC(newer)
	flipped := slices.Clone(good)
	flipped[len(good)/2] ^= 1
	for _, c := range []struct {
		name string
		data []byte
		code annotate.Code
		msg  string
	}{
		{"newer", newer, annotate.CodeBadVersion, "m.model: the tagger model is of version 2, newer than this spanmark reads (version 1): update spanmark, or train the model again with this one"},
		{"not a model", []byte(`{"text": "x"}`), annotate.CodeBadFormat, "m.model: not a spanmark tagger model (made by spanmark learn, or saved from the page's tagger)"},
		{"flipped", flipped, annotate.CodeBadFormat, "m.model: the tagger model is damaged or cut short (its checksum does not match)"},
		{"cut short", good[:len(good)-100], annotate.CodeBadFormat, "m.model: the tagger model is damaged or cut short (its checksum does not match)"},
		{"cut short, checksum fixed", withCRC(good[:len(good)-100]), annotate.CodeBadFormat, "m.model: the tagger model's tables do not add up to its length"},
		{"magic only", []byte(modelMagic), annotate.CodeBadFormat, "m.model: not a spanmark tagger model (made by spanmark learn, or saved from the page's tagger)"},
	} {
		_, err := Load(c.data, "m.model")
		if err == nil || annotate.CodeOf(err) != c.code || err.Error() != c.msg {
			t.Errorf("%s: Load error %v (%s), want %s: %s", c.name, err, annotate.CodeOf(err), c.code, c.msg)
		}
	}
}

func TestOverlappingSpansSkipped(t *testing.T) {
	docs := synthCorpus(6, 5, 5)
	// a nested span (the first name inside a person) is skipped, counted
	d := &docs[0]
	first := d.Spans[0]
	d.Spans = append(d.Spans, Span{Label: "GPE", Start: first.Start, End: first.Start + 2})
	m, err := Train(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := m.Stats(); s.Skipped != 1 || s.Documents != 5 {
		t.Fatalf("stats %+v, want 1 skipped of 5 documents", s)
	}
}
