package annotate

import (
	"sort"
	"unicode/utf8"
)

// blockSize is how many code points lie between two checkpoints of a
// TextIndex: a conversion scans at most this many runes after an O(log n)
// (or O(1)) jump, and the index costs 8 bytes per block.
const blockSize = 32

// TextIndex converts between code-point, UTF-16 and UTF-8 byte offsets of one
// text. Building it is O(n); each conversion is O(log n) at worst.
//
// Offsets inside a multi-unit character (the low half of a surrogate pair, a
// continuation byte) are rounded: down for a start, up for an end, so a
// selection never loses part of a character.
type TextIndex struct {
	text    string
	n       int     // code points
	n16     int     // UTF-16 code units
	byteOff []int32 // byte offset of code point k*blockSize
	u16Off  []int32 // UTF-16 offset of code point k*blockSize
	ascii   bool    // every code point is one byte: conversions are identities
}

// NewTextIndex indexes s. The text is kept as is: never normalised.
func NewTextIndex(s string) *TextIndex {
	n := utf8.RuneCountInString(s)
	if n == len(s) {
		// ASCII: every conversion is the identity, and no method reads
		// the checkpoints (two allocations fewer for each ASCII document
		// of a dataset of 20,000)
		return &TextIndex{text: s, n: n, n16: n, ascii: true}
	}
	blocks := (n + blockSize - 1) / blockSize
	x := &TextIndex{text: s, n: n,
		byteOff: make([]int32, 0, blocks), u16Off: make([]int32, 0, blocks)}
	// byte by byte, decoding only what is not ASCII: this runs on every
	// document loaded, and a rune loop costs more in WebAssembly. The
	// two- and three-byte characters of most scripts are stepped over here
	// (their lead byte and continuation bytes make them valid and one
	// UTF-16 unit); the rest is decoded. The WebAssembly build is compiled
	// without inlining, so a call per character showed in load profiles.
	i, u16 := 0, 0
	for i < len(s) {
		x.byteOff = append(x.byteOff, int32(i))
		x.u16Off = append(x.u16Off, int32(u16))
		for k := 0; k < blockSize && i < len(s); k++ {
			c := s[i]
			switch {
			case c < utf8.RuneSelf:
				i++
			case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
				i += 2
			case (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
				i += 3
			default:
				r, w := utf8.DecodeRuneInString(s[i:])
				i += w
				u16 += utf16Width(r) - 1
			}
			u16++
		}
	}
	x.n16 = u16
	return x
}

// Text returns the indexed text.
func (x *TextIndex) Text() string { return x.text }

// Len is the length in code points.
func (x *TextIndex) Len() int { return x.n }

// UTF16Len is the length in UTF-16 code units.
func (x *TextIndex) UTF16Len() int { return x.n16 }

// ByteLen is the length in UTF-8 bytes.
func (x *TextIndex) ByteLen() int { return len(x.text) }

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// ByteOf returns the byte offset of code point cp (clamped to the text).
func (x *TextIndex) ByteOf(cp int) int {
	cp = clamp(cp, 0, x.n)
	if x.ascii {
		return cp
	}
	if cp == x.n {
		return len(x.text)
	}
	return x.byteAfter(int(x.byteOff[cp/blockSize]), cp%blockSize)
}

// byteAfter returns the byte offset k code points after byte offset b
// (both within the text), decoding only what is not ASCII.
func (x *TextIndex) byteAfter(b, k int) int {
	s := x.text
	for ; k > 0; k-- {
		if s[b] < utf8.RuneSelf {
			b++
			continue
		}
		_, w := utf8.DecodeRuneInString(s[b:])
		b += w
	}
	return b
}

// bytesOf returns the byte range of a fragment within the text: the end is
// counted on from the start when that is closer than a checkpoint.
func (x *TextIndex) bytesOf(f Fragment) (int, int) {
	bs := x.ByteOf(f.Start)
	if x.ascii || f.End-f.Start > blockSize || f.End >= x.n {
		return bs, x.ByteOf(f.End)
	}
	return bs, x.byteAfter(bs, f.End-f.Start)
}

// UTF16Of returns the UTF-16 offset of code point cp (clamped to the text).
func (x *TextIndex) UTF16Of(cp int) int {
	cp = clamp(cp, 0, x.n)
	if x.ascii {
		return cp
	}
	if cp == x.n {
		return x.n16
	}
	blk := cp / blockSize
	b, u := int(x.byteOff[blk]), int(x.u16Off[blk])
	for k := cp % blockSize; k > 0; k-- {
		r, w := utf8.DecodeRuneInString(x.text[b:])
		b += w
		u += utf16Width(r)
	}
	return u
}

func utf16Width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// FromUTF16 returns the code point at UTF-16 offset u (clamped). An offset
// between the two halves of a surrogate pair rounds down, or up when roundUp.
func (x *TextIndex) FromUTF16(u int, roundUp bool) int {
	u = clamp(u, 0, x.n16)
	if x.ascii {
		return u
	}
	if u == x.n16 {
		return x.n
	}
	blk := sort.Search(len(x.u16Off), func(i int) bool { return int(x.u16Off[i]) > u }) - 1
	cp, b, cu := blk*blockSize, int(x.byteOff[blk]), int(x.u16Off[blk])
	for cu < u {
		r, w := utf8.DecodeRuneInString(x.text[b:])
		if cu+utf16Width(r) > u { // inside a surrogate pair
			if roundUp {
				return cp + 1
			}
			return cp
		}
		b += w
		cu += utf16Width(r)
		cp++
	}
	return cp
}

// FromByte returns the code point at byte offset b (clamped). An offset
// inside a multi-byte character rounds down, or up when roundUp.
func (x *TextIndex) FromByte(b int, roundUp bool) int {
	b = clamp(b, 0, len(x.text))
	if x.ascii {
		return b
	}
	if b == len(x.text) {
		return x.n
	}
	blk := sort.Search(len(x.byteOff), func(i int) bool { return int(x.byteOff[i]) > b }) - 1
	cp, cb := blk*blockSize, int(x.byteOff[blk])
	for cb < b {
		_, w := utf8.DecodeRuneInString(x.text[cb:])
		if cb+w > b {
			if roundUp {
				return cp + 1
			}
			return cp
		}
		cb += w
		cp++
	}
	return cp
}

// cpCursor converts increasing byte offsets (each on a code point
// boundary) to code points in one forward pass: counting the runes since
// the last offset when it is near, jumping with FromByte when it is far.
type cpCursor struct {
	x     *TextIndex
	b, cp int
}

func (x *TextIndex) cursor() cpCursor { return cpCursor{x: x} }

func (c *cpCursor) at(b int) int {
	switch {
	case c.x.ascii:
		return b
	case b < c.b || b-c.b > 4*blockSize:
		c.cp = c.x.FromByte(b, false)
	default:
		c.cp += utf8.RuneCountInString(c.x.text[c.b:b])
	}
	c.b = b
	return c.cp
}

// Slice returns the text between code points start and end (clamped).
func (x *TextIndex) Slice(start, end int) string {
	if end < start {
		return ""
	}
	return x.text[x.ByteOf(start):x.ByteOf(end)]
}
