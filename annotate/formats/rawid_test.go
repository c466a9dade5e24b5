package formats

import (
	"encoding/json"
	"testing"
)

// TestRawIDPlain: ids read without json.Unmarshal (plainID) read as
// json.Unmarshal reads them, and everything else still goes to it.
func TestRawIDPlain(t *testing.T) {
	slow := func(r json.RawMessage) (string, bool) { // rawID as it was: without plainID
		if len(r) == 0 || string(r) == "null" {
			return "", true
		}
		return unmarshalID(r)
	}
	for _, in := range []string{`0`, `7`, `-0`, `-12`, `123456789012345678901234567890`, `007`, `-`, `1.5`, `1e3`, `-1.0`,
		`""`, `"e1"`, `"T 3"`, `"ünï"`, `"a\"b"`, `"a\\b"`, `"\u0041"`, "\"a\tb\"", "\"\xff\"", `"`, `"abc`, `true`, `{}`, `[1]`, `null`} {
		wantID, wantOK := slow(json.RawMessage(in))
		gotID, gotOK := rawID(json.RawMessage(in))
		if gotID != wantID || gotOK != wantOK {
			t.Errorf("rawID(%s) = %q, %v; json.Unmarshal reads %q, %v", in, gotID, gotOK, wantID, wantOK)
		}
	}
	for _, in := range []string{`12`, `-3`, `"e1"`, `"ünï"`} {
		if _, ok := plainID([]byte(in)); !ok {
			t.Errorf("%s is not read by plainID", in)
		}
	}
}
