package tagger

import (
	"hash/crc32"
	"math"
	"slices"
	"strconv"

	"github.com/spanmark/spanmark/annotate"
)

// A model file is binary, little-endian, every table sorted by key so the
// same model always gives the same bytes:
//
//	magic "SPANMARK TAGGER\n", u32 version
//	u8 disabled feature groups, u32 epochs, u64 seed
//	u32 documents, sentences, tokens, spans, skipped
//	u32 n, n × (u32 length, label bytes)          labels, sorted
//	u32 max phrase, u32 n, n × (u64 key, u64 labels)  dictionary
//	u32 n, n × (u64 key, u8 casings)              vocabulary
//	u32 n, n × (u64 key, T × f32)                 feature weights
//	(T+1) × T × f32                               transitions
//	u32 CRC-32 (IEEE) of everything before it
//
// where T = 1 + 2 × labels. A reader refuses a version newer than its own.
const (
	modelMagic   = "SPANMARK TAGGER\n"
	modelVersion = 1
)

type writer struct{ b []byte }

func (w *writer) u8(v uint8) { w.b = append(w.b, v) }
func (w *writer) u32(v uint32) {
	w.b = append(w.b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}
func (w *writer) u64(v uint64)  { w.u32(uint32(v)); w.u32(uint32(v >> 32)) }
func (w *writer) f32(v float32) { w.u32(math.Float32bits(v)) }
func (w *writer) str(s string)  { w.u32(uint32(len(s))); w.b = append(w.b, s...) }

func sortedMapKeys[V any](m map[uint64]V) []uint64 {
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// MarshalBinary writes the model file.
func (m *Model) MarshalBinary() ([]byte, error) {
	w := &writer{b: make([]byte, 0, 64+len(m.keys)*(8+4*m.nTags))}
	w.b = append(w.b, modelMagic...)
	w.u32(modelVersion)
	w.u8(uint8(m.disable))
	w.u32(uint32(m.epochs))
	w.u64(m.seed)
	for _, v := range []int{m.stats.Documents, m.stats.Sentences, m.stats.Tokens, m.stats.Spans, m.stats.Skipped} {
		w.u32(uint32(v))
	}
	w.u32(uint32(len(m.labels)))
	for _, l := range m.labels {
		w.str(l)
	}
	w.u32(uint32(m.dict.maxLen))
	w.u32(uint32(len(m.dict.phrases)))
	for _, k := range sortedMapKeys(m.dict.phrases) {
		w.u64(k)
		w.u64(m.dict.phrases[k])
	}
	w.u32(uint32(len(m.vocab)))
	for _, k := range sortedMapKeys(m.vocab) {
		w.u64(k)
		w.u8(m.vocab[k])
	}
	w.u32(uint32(len(m.keys)))
	for i, k := range m.keys {
		w.u64(k)
		for _, v := range m.weights[i*m.nTags : (i+1)*m.nTags] {
			w.f32(v)
		}
	}
	for _, v := range m.trans {
		w.f32(v)
	}
	w.u32(crc32.ChecksumIEEE(w.b))
	return w.b, nil
}

type reader struct {
	b   []byte
	err bool
}

func (r *reader) take(n int) []byte {
	if r.err || n < 0 || n > len(r.b) {
		r.err = true
		return make([]byte, max(n, 0))
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}
func (r *reader) u8() uint8 { return r.take(1)[0] }
func (r *reader) u32() uint32 {
	p := r.take(4)
	return uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 | uint32(p[3])<<24
}
func (r *reader) u64() uint64  { return uint64(r.u32()) | uint64(r.u32())<<32 }
func (r *reader) f32() float32 { return math.Float32frombits(r.u32()) }

// count reads a table's length, refusing one that the rest of the file
// cannot hold (each entry is at least size bytes).
func (r *reader) count(size int) int {
	n := int(r.u32())
	if n*size > len(r.b) {
		r.err = true
		return 0
	}
	return n
}

func badModel(name, msg string) error {
	return &annotate.Error{Code: annotate.CodeBadFormat, File: name, Msg: msg}
}

// Load reads a model file written by MarshalBinary; name (the file's
// name, or "") is for messages. A file of a newer version is refused with
// a message that says so.
func Load(b []byte, name string) (*Model, error) {
	if len(b) < len(modelMagic)+4 || string(b[:len(modelMagic)]) != modelMagic {
		return nil, badModel(name, "not a spanmark tagger model (made by spanmark learn, or saved from the page's tagger)")
	}
	r := &reader{b: b[len(modelMagic):]}
	if v := r.u32(); v != modelVersion {
		if v > modelVersion {
			return nil, &annotate.Error{Code: annotate.CodeBadVersion, File: name, Msg: "the tagger model is of version " + strconv.Itoa(int(v)) +
				", newer than this spanmark reads (version " + strconv.Itoa(modelVersion) + "): update spanmark, or train the model again with this one"}
		}
		return nil, badModel(name, "unknown tagger model version "+strconv.Itoa(int(v)))
	}
	if len(b) < len(modelMagic)+8 || crc32.ChecksumIEEE(b[:len(b)-4]) != (&reader{b: b[len(b)-4:]}).u32() {
		return nil, badModel(name, "the tagger model is damaged or cut short (its checksum does not match)")
	}
	r.b = r.b[:len(r.b)-4]
	m := &Model{}
	m.disable = Features(r.u8())
	m.epochs = int(r.u32())
	m.seed = r.u64()
	for _, p := range []*int{&m.stats.Documents, &m.stats.Sentences, &m.stats.Tokens, &m.stats.Spans, &m.stats.Skipped} {
		*p = int(r.u32())
	}
	nl := r.count(4)
	for i := 0; i < nl && !r.err; i++ {
		m.labels = append(m.labels, string(r.take(int(r.u32()))))
	}
	if !r.err && (nl == 0 || !slices.IsSorted(m.labels) || len(slices.Compact(slices.Clone(m.labels))) != nl) {
		return nil, badModel(name, "the tagger model's labels are missing or out of order")
	}
	m.nTags = 1 + 2*nl
	T := m.nTags
	m.dict = dict{maxLen: int(r.u32()), phrases: map[uint64]uint64{}}
	if m.dict.maxLen > maxPhrase {
		r.err = true
	}
	for n := r.count(16); n > 0 && !r.err; n-- {
		m.dict.phrases[r.u64()] = r.u64()
	}
	m.vocab = vocab{}
	for n := r.count(9); n > 0 && !r.err; n-- {
		m.vocab[r.u64()] = r.u8()
	}
	nf := r.count(8 + 4*T)
	m.keys = make([]uint64, 0, nf)
	m.weights = make([]float32, 0, nf*T)
	for i := 0; i < nf && !r.err; i++ {
		k := r.u64()
		m.keys = append(m.keys, k)
		for t := 0; t < T; t++ {
			m.weights = append(m.weights, r.f32())
		}
	}
	if !slices.IsSorted(m.keys) || len(slices.Compact(slices.Clone(m.keys))) != len(m.keys) {
		r.err = true
	}
	m.index = newTableSize(len(m.keys))
	for i, k := range m.keys {
		m.index.put(k, uint64(i))
	}
	m.dict.seal()
	m.vocabT = newTable(m.vocab)
	m.trans = make([]float32, (T+1)*T)
	for i := range m.trans {
		m.trans[i] = r.f32()
	}
	if r.err || len(r.b) != 0 {
		return nil, badModel(name, "the tagger model's tables do not add up to its length")
	}
	return m, nil
}
