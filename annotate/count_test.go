package annotate

import (
	"strings"
	"testing"
)

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {9999, "9,999"}, {10003, "10,003"},
		{100000, "100,000"}, {1000000, "1,000,000"}, {1234567890, "1,234,567,890"},
		{-1, "-1"}, {-999, "-999"}, {-1000, "-1,000"}, {-1234567, "-1,234,567"},
	} {
		if got := Count(c.n); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// Real messages write their counts with Count, and offsets without.
func TestCountInMessages(t *testing.T) {
	if got, want := TooManyDocuments(1_000_000).Msg, "the project would have 1,000,000 documents; spanmark holds at most 200,000 documents in one project: split the dataset into several projects"; got != want {
		t.Errorf("TooManyDocuments: %q, want %q", got, want)
	}
	if got, max := SizePair(52428801, 52428800); got != "52,428,801 bytes" || max != "50.0 MB (52,428,800 bytes)" {
		t.Errorf("SizePair: %q, %q", got, max)
	}
	if got := SizeString(1 << 30); got != "1,024.0 MB" {
		t.Errorf("SizeString(1 GiB) = %q, want 1,024.0 MB", got)
	}
	p := NewProject(nil)
	d, err := p.AddDocument("d", "", strings.Repeat("word ", 2000), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = d.AddSpan(SpanInput{Label: "PERSON", Fragments: []Fragment{{Start: 9990, End: 10010}}})
	if err == nil || !strings.Contains(err.Error(), "[9990,10010) is outside the text, which has 10,000 code points") {
		t.Errorf("a span past the end: %v, want the offsets as they are and the length as 10,000", err)
	}
}
