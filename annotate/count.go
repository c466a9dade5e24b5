package annotate

import "strconv"

// Count writes a count for a message a person reads: its digits grouped in
// threes with commas ("1,000,000", "10,003", "-12,345"), the same in every
// locale, so that messages (and the tests that read them) are the same
// everywhere. The page's util.js num() groups the same way. Offsets, ids,
// indexes and machine-readable output (JSON, CSV, file formats) never use
// it: only counts in prose.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		b = append(b, '-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// CountOf writes "1 span" or "10,003 spans": Count(n) and the noun, plural
// unless n is 1 (many, or one+"s" when many is "").
func CountOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	if many == "" {
		many = one + "s"
	}
	return Count(n) + " " + many
}
