package formats

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// slowDoccano reads a record as the import did before decodeFast:
// json.Unmarshal, then objectMembers for the other members.
func slowDoccano(rec []byte) (doccanoIn, string, error) {
	var in doccanoIn
	if err := json.Unmarshal(rec, &in); err != nil {
		return in, "", err
	}
	var extra extraBuilder
	objectMembers(rec, func(k string, v []byte) {
		if !slices.Contains(doccanoKnown, k) {
			extra.add(k, v)
		}
	})
	return in, string(extra.object()), nil
}

// checkFast: what decodeFast reads, json.Unmarshal reads the same.
func checkFast(t *testing.T, rec []byte) bool {
	t.Helper()
	var in doccanoIn
	var extra extraBuilder
	var r doccanoReader
	if !r.decodeFast(rec, &in, &extra) {
		return false
	}
	want, wantExtra, err := slowDoccano(rec)
	if err != nil {
		t.Fatalf("decodeFast read %q, which json.Unmarshal refuses: %v", rec, err)
	}
	if !reflect.DeepEqual(in, want) {
		t.Fatalf("decodeFast read %q as\n%+v\njson.Unmarshal as\n%+v", rec, in, want)
	}
	if got := string(extra.object()); got != wantExtra {
		t.Fatalf("decodeFast read the other members of %q as %s, objectMembers as %s", rec, got, wantExtra)
	}
	return true
}

// TestDoccanoFast: the usual records are read directly (the import's
// speed depends on it), and every unusual one is left to json.Unmarshal;
// whatever decodeFast reads, json.Unmarshal reads the same.
func TestDoccanoFast(t *testing.T) {
	fast := []string{
		`{"text":"Anna met Bob.","label":[[0,4,"PERSON"],[9,12,"PERSON"]]}`,
		`{"id":2,"text":"Anna said so.","entities":[{"id":1,"start_offset":0,"end_offset":4,"label":"PERSON"},{"id":2,"start_offset":5,"end_offset":9,"label":"CUE"}],"relations":[{"id":1,"from_id":1,"to_id":2,"type":"cue"}]}`,
		`{"text": "EU rejects German call to boycott British lamb.", "label": [ [0, 2, "ORG"], [11, 17, "MISC"] ]}`,
		`{"text": "exampleA", "label": [[0, 1, "LOC"]], "meta": {"wikiPageID": 1}}`,
		`{"text": "exampleB", "label": [], "meta": {"wikiPageID": 2}, "Comments": ["a", {"b": [1.5e3, -0, true, false, null]}]}`,
		`{"label": [[0, 1, "PER"]], "meta": {"wikiPageID": 3}}`, // no text: the import says so
		`{"text":"x","label":null,"entities":[],"relations":null,"doc_id":"d1","title":null,"source":"s","url":"u","date":"2024"}`,
		`{"text":"x","label":[[0,1,"A\"B"],[1,0,"X"],[0,1],"bad",null,[0,1,""],[ 0 , 1 , "Y" ]]}`, // labels read by their UnmarshalJSON
		`{"text":"Ünïcödé ✓ 😀","entities":[{"id":"e1","label":"X","start_offset":null,"end_offset":3,"extra":{"k":[]}},{"id":null,"label":null}],"relations":[{"id":null,"from_id":"e1","to_id":7,"type":"t","score":0.5}]}`,
		`{"text":"x","extra":1,"extra":2}`, // an unknown key twice: its last value, as objectMembers keeps it
		`{}`,
		` {"text":"x"} `,
	}
	for _, rec := range fast {
		if !checkFast(t, []byte(rec)) {
			t.Errorf("decodeFast left %s to json.Unmarshal", rec)
		}
	}
	slow := []string{
		`{"Text":"x"}`,              // encoding/json matches names in any case
		`{"text":"x","LABEL":[]}`,   // the same
		`{"ſource":"x","text":"y"}`, // ſ folds to s in encoding/json
		`{"text":"x","text":"y"}`,   // a field twice: encoding/json keeps the last
		`{"text":"a\nb"}`,           // escapes: decoded by json.Unmarshal
		`{"te\u0078t":"a"}`,         // an escaped key
		`{"text":"x","entities":[{"start_offset":1.0,"end_offset":2,"label":"A"}]}`, // not an int
		`{"text":"x","entities":[{"start_offset":"1","end_offset":2,"label":"A"}]}`,
		`{"text":"x","entities":[{"start_offset":99999999999999999999,"end_offset":2,"label":"A"}]}`,
		`{"text":"x","entities":[null]}`,
		`{"text":"x","entities":[{"Label":"A"}]}`,
		`{"text":"x","relations":[{"type":1}]}`,
		`{"text":"x","label":"PERSON"}`,
		`{"text":1}`,
		`{"text":"x",}`,
		`{"text":"x"} {}`,
		`{"text":"x","meta":{"a":01}}`,
		`{"text":"x","meta":[1,]}`,
		`{"text":"x","meta":"\x01"}`,
		`{"text":"x","meta":tru}`,
		`{"text":"x","meta":"\q"}`,
		`{"text":"x","meta":"\u12G4"}`,
		`["text"]`,
		`null`,
		`{"text":"x"`,
		"{\"text\":\"\xff\"}",
		`{"text":"x","meta":` + string(bytes.Repeat([]byte("["), fastMaxDepth+1)) + string(bytes.Repeat([]byte("]"), fastMaxDepth+1)) + `}`,
	}
	for _, rec := range slow {
		if checkFast(t, []byte(rec)) {
			t.Errorf("decodeFast read %s, which json.Unmarshal should read", rec)
		}
	}
}

// FuzzDoccanoFast: any record decodeFast reads, json.Unmarshal reads the
// same (it may leave any record to json.Unmarshal).
func FuzzDoccanoFast(f *testing.F) {
	for _, s := range smallSeeds["doccano"] {
		for _, line := range bytes.Split([]byte(s), []byte("\n")) {
			f.Add(line)
		}
	}
	f.Add([]byte(`{"text": "exampleB", "label": [[0, 1, "LOC"]], "meta": {"wikiPageID": 2}, "Comments": ["a", {"b": [1.5e3, -0, true, false, null]}]}`))
	f.Add([]byte(`{"text":"Ünïcödé ✓ 😀","entities":[{"id":"e1","label":"X","start_offset":null,"end_offset":3}],"relations":[{"id":null,"from_id":"e1","to_id":7,"type":"t"}]}`))
	f.Fuzz(func(t *testing.T, rec []byte) {
		checkFast(t, rec)
	})
}
