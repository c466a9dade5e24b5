package annotate

import "testing"

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
	for _, c := range []struct {
		n         int
		one, many string
		want      string
	}{
		{1, "span", "", "1 span"}, {0, "span", "", "0 spans"}, {10003, "span", "", "10,003 spans"},
		{2500, "match", "matches", "2,500 matches"},
	} {
		if got := CountOf(c.n, c.one, c.many); got != c.want {
			t.Errorf("CountOf(%d, %q, %q) = %q, want %q", c.n, c.one, c.many, got, c.want)
		}
	}
}
