package formats

import "testing"

// The fast reading of a doccano label gives what the full JSON decoding
// gives, for every form, and declines what it cannot read.
func TestDoccanoLabelFastPath(t *testing.T) {
	for _, in := range []string{
		`[0,5,"PER"]`, `[ 12 , 20 , "ORG" ]`, "[\n\t1,\r\n2,\"GPE\"\n]", `[-1,3,"X"]`, `[0,0,"X"]`,
		`[7,9,"Ünïcödé"]`, `[7,9,"東京"]`, `[1,2,"a\"b"]`, `[1,2,"\u0041"]`, `[1,2,"tab\there"]`,
		`[1.0,2,"X"]`, `[1,2e0,"X"]`, `[1,2,""]`, `[1,2]`, `[1,2,"X",4]`, `["1",2,"X"]`, `[1,2,3]`,
		`[1,2,null]`, `{"start":1}`, `"PER"`, `[]`, `[[1],2,"X"]`, `[99999999999999999999,2,"X"]`,
	} {
		var lb doccanoLabel
		if err := lb.UnmarshalJSON([]byte(in)); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		s, e, l, ok := labelTriple([]byte(in))
		if lb.start != s || lb.end != e || lb.label != l || lb.ok != ok {
			t.Errorf("%s: read as %d %d %q %v, the JSON decoder gives %d %d %q %v", in, lb.start, lb.end, lb.label, lb.ok, s, e, l, ok)
		}
		if !ok && string(lb.raw) != in {
			t.Errorf("%s: kept %q for the message", in, lb.raw)
		}
	}
	// the fast path itself reads the plain forms
	if s, e, l, ok := plainTriple([]byte(` [ 3 , 14 , "LOC" ] `)); !ok || s != 3 || e != 14 || l != "LOC" {
		t.Errorf("plainTriple = %d %d %q %v", s, e, l, ok)
	}
}
