package annotate

import (
	"encoding/json"
	"strings"
	"testing"
)

// Meta.Extra, another tool's record metadata, is kept in the project file
// as a compact JSON object with its members' order and values' spelling,
// and makes the file version 3; a project without it stays version 1/2.
func TestMetaExtraFile(t *testing.T) {
	p := NewProject(nil)
	if _, err := p.AddDocument("a", "", "Alice.", Meta{Source: "wire"}); err != nil {
		t.Fatal(err)
	}
	b, _ := p.Bytes()
	if !strings.Contains(string(b), `"version": 1`) {
		t.Fatalf("a project without extra metadata is not version 1:\n%s", b)
	}
	file := strings.Replace(string(b), `"source": "wire"`, `"source": "wire",
        "extra": { "z": 1.0, "big": 12345678901234567890,
          "s": "caf\u00e9 \"q\" <b>", "n": {"b": [1, {"y": null}], "a": true} }`, 1)
	q, err := Load([]byte(file), "f.json")
	if err != nil {
		t.Fatal(err)
	}
	want := RawObject(`{"z":1.0,"big":12345678901234567890,"s":"caf\u00e9 \"q\" <b>","n":{"b":[1,{"y":null}],"a":true}}`)
	if got := q.Documents()[0].Meta.Extra; got != want {
		t.Fatalf("Extra\n got %s\nwant %s", got, want)
	}
	saved, _ := q.Bytes()
	if !strings.Contains(string(saved), `"version": 3`) || !strings.Contains(string(saved), `"extra": `+string(want)) {
		t.Errorf("saved:\n%s", saved)
	}
	again, err := Load(saved, "g.json")
	if err != nil {
		t.Fatal(err)
	}
	if b2, _ := again.Bytes(); string(b2) != string(saved) {
		t.Error("save(load(file)) is not byte-identical")
	}
	// the compact form and encoding/json agree on the value
	var a, c any
	if json.Unmarshal([]byte(want), &a) != nil || json.Unmarshal([]byte(again.Documents()[0].Meta.Extra), &c) != nil {
		t.Fatal("not JSON")
	}
	// ParseMeta and AppendJSON (the bridge's) carry it too
	m, err := ParseMeta([]byte(`{"url": "u", "extra": {"k": [1, 2]}}`))
	if err != nil || m.Extra != `{"k":[1,2]}` || string(m.AppendJSON(nil)) != `{"url":"u","extra":{"k":[1,2]}}` {
		t.Errorf("ParseMeta: %+v %v %s", m, err, m.AppendJSON(nil))
	}
	for _, empty := range []string{`null`, `{}`, `{ }`} {
		if m, err := ParseMeta([]byte(`{"extra": ` + empty + `}`)); err != nil || m.Extra != "" {
			t.Errorf("extra %s: %+v %v", empty, m, err)
		}
	}
	// anything but an object is refused, located
	for _, bad := range []string{`"x"`, `[1]`, `5`, `{"a": }`} {
		f := strings.Replace(string(b), `"source": "wire"`, `"source": "wire", "extra": `+bad, 1)
		es := loadErrs(t, f)
		if es[0].Line == 0 || bad != `{"a": }` && !strings.Contains(es[0].Field, "meta.extra") {
			t.Errorf("extra %s: %v", bad, es)
		}
	}
	// encoding/json sees the same object
	var fd fileDoc
	if err := json.Unmarshal([]byte(`{"meta": {"extra": {"a" : 1 }}}`), &fd); err != nil || fd.Meta.Extra != `{"a":1}` {
		t.Errorf("encoding/json: %+v %v", fd.Meta, err)
	}
	if out, _ := json.Marshal(Meta{Extra: `{"a":1}`}); string(out) != `{"extra":{"a":1}}` {
		t.Errorf("json.Marshal: %s", out)
	}
}
