package formats

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
)

// TestTopKeys checks topKeys, which walks a record's keys without decoding
// it, against the JSON decoder's map of the same record.
func TestTopKeys(t *testing.T) {
	for _, rec := range []string{
		`{}`,
		` { } `,
		`null`,
		`{"text":"a"}`,
		`{"text":"a, b: {c} [d]","label":[[0,1,"X"]],"id":7}`,
		"{\r\n\t\"a\" :\t1 ,\n \"b\" : [ ] , \"c\":{ } }",
		`{"a":{"b":{"c":[1,{"d":"}"}]}},"e":"]"}`,
		`{"q\"uote":1,"back\\slash":"\\","uni\u00e9":true,"te\u0078t":"x"}`,
		`{"a":"\"","b":"\\\"","c":"x\\"}`,
		`{"n":-1.5e3,"t":true,"f":false,"z":null,"s":""}`,
		`{"dup":1,"dup":2}`,
		`{"emoji 🙂":"👩‍🔬","עברית":"متن"}`,
		`{"a":[[["deep"]]],"b":[{"c":[]},{}],"d":0}`,
	} {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(rec), &m); err != nil {
			t.Fatalf("%s: %v", rec, err)
		}
		var got []string
		topKeys([]byte(rec), func(k []byte) { got = append(got, string(k)) })
		want := slices.Sorted(maps.Keys(m))
		slices.Sort(got)
		got = slices.Compact(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: topKeys gave %q, the decoder %q", rec, got, want)
		}
	}
}

// TestDecodeRecordIgnored: unknown keys are counted once per record, also
// when a record fails.
func TestDecodeRecordIgnored(t *testing.T) {
	type rec struct {
		Text *string `json:"text"`
	}
	ignored := map[string]int{}
	for _, r := range []string{`{"text":"a","x":1,"x":2,"y":[1]}`, `{"x":{},"text":"b"}`, `{"text":5,"z":1}`} {
		var v rec
		decodeRecord([]byte(r), []string{"text"}, ignored, &v)
	}
	if want := map[string]int{"x": 2, "y": 1, "z": 1}; !maps.Equal(ignored, want) {
		t.Errorf("ignored %v, want %v", ignored, want)
	}
	var v rec
	if msg, field, ok := decodeRecord([]byte(`[1]`), []string{"text"}, ignored, &v); ok || msg == "" {
		t.Errorf("an array record: ok=%v msg=%q field=%q", ok, msg, field)
	}
}
