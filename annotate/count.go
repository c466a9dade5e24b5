package annotate

import "strconv"

// Count writes a count for a message a person reads: its digits grouped in
// threes with commas ("1,000,000", "10,003", "-12,345"), the same in every
// locale, so that messages (and the tests that read them) are the same
// everywhere. The page's util.js num() groups the same way. Offsets, ids,
// indexes and machine-readable output (JSON, CSV, file formats) never use
// it: only counts in prose.
func Count(n int) string { return group(strconv.Itoa(n)) }

// group puts the commas into a run of digits (after a sign, if any).
func group(s string) string {
	b := []byte(s)
	i := len(b) - 3
	for i > 0 && b[i-1] != '-' {
		b = append(b[:i], append([]byte{','}, b[i:]...)...)
		i -= 3
	}
	return string(b)
}
