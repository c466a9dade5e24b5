package annotate

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// A project file read document by document gives the documents Load gives,
// and the same located problems.
func TestFileIndex(t *testing.T) {
	p := goldenProject(t)
	p.Documents()[0].Annotator = "ana"
	if _, err := p.AddDocument("", "Second one", "Iran said no.", Meta{}); err != nil {
		t.Fatal(err)
	}
	data := saved(t, p)
	x, err := ReadIndex(data, "p.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Docs) != len(p.Documents()) || x.Docs[0].Annotator != "ana" || x.Docs[len(x.Docs)-1].ID != "second-one" {
		t.Fatalf("index %+v", x.Docs)
	}
	q := NewProject(x.Schema)
	for i := range x.Docs {
		d, err := x.Document(i)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != x.Docs[i].ID {
			t.Fatalf("document %d has id %q", i, d.ID)
		}
		// into a project through the file form, to compare the whole
		nd, _ := q.AddDocument(d.ID, d.Title, d.Text(), d.Meta)
		nd.Status, nd.Labels, nd.Annotator = d.Status, d.Labels, d.Annotator
		if es := nd.Populate(d.Spans(), d.Relations()); len(es) > 0 {
			t.Fatal(es)
		}
	}
	if got := saved(t, q); !bytes.Equal(got, data) {
		t.Fatalf("documents read one by one differ:\n%s", got)
	}

	// a span whose text is wrong: Load and Document report it alike
	bad := bytes.Replace(data, []byte(`"text": "Barack Obama"`), []byte(`"text": "Barack Obam"`), 1)
	_, lerr := Load(bad, "p.json")
	x, err = ReadIndex(bad, "p.json")
	if lerr == nil || err != nil {
		t.Fatalf("load: %v, index: %v", lerr, err)
	}
	_, derr := x.Document(0)
	if derr == nil || derr.Error() != lerr.Error() {
		t.Fatalf("document 0: %v\nload: %v", derr, lerr)
	}
	// structure, header and ids are checked by ReadIndex
	for _, c := range []struct{ data, want string }{
		{strings.Replace(string(data), `"version": 2`, `"version": 4`, 1), "newer than this spanmark reads"},
		{strings.Replace(string(data), `"id": "second-one"`, `"id": "`+p.Documents()[0].ID+`"`, 1), "already has a document"},
		{string(data[:len(data)-3]), "cut short"},
		{strings.Replace(string(data), `"title": "Second one"`, `"titel": "Second one"`, 1), `unknown field "titel"`},
	} {
		if _, err := ReadIndex([]byte(c.data), "p.json"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want %q, got %v", c.want, err)
		}
	}
}

// Document reuses its decoding blocks from one call to the next: a
// document read earlier and kept must not change when others are read
// after it (a failed read among them), nor may a read see the leftovers of
// a longer document read before it.
func TestFileIndexDocumentsKept(t *testing.T) {
	p := goldenProject(t)
	if _, err := p.AddDocument("", "Second one", "Iran said no.", Meta{}); err != nil {
		t.Fatal(err)
	}
	data := saved(t, p)
	want, err := Load(data, "p.json")
	if err != nil {
		t.Fatal(err)
	}
	// the same file with the first document's first span text wrong
	bad := bytes.Replace(data, []byte(`"text": "Barack Obama"`), []byte(`"text": "Barack Obam"`), 1)
	x, err := ReadIndex(data, "p.json")
	if err != nil {
		t.Fatal(err)
	}
	xb, err := ReadIndex(bad, "p.json")
	if err != nil {
		t.Fatal(err)
	}
	spans := func(d *Document) string {
		var sb strings.Builder
		for _, s := range d.Spans() {
			sb.WriteString(s.ID + " " + s.Label + " " + fragKeyTest(s.Fragments) + "\n")
		}
		return sb.String()
	}
	var kept []*Document
	for _, i := range []int{0, 1, 0, 1, 0} {
		d, err := x.Document(i)
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, d)
		if _, err := xb.Document(0); err == nil {
			t.Fatal("the bad document read without error")
		}
	}
	if n := len(want.Documents()[0].Spans()); n == 0 {
		t.Fatal("the golden document has no spans")
	}
	for k, d := range kept {
		w := want.Documents()[[]int{0, 1, 0, 1, 0}[k]]
		if got, exp := spans(d), spans(w); got != exp {
			t.Fatalf("read %d (document %s) changed:\n%s\nwant\n%s", k, d.ID, got, exp)
		}
	}
}

func fragKeyTest(fs []Fragment) string {
	var sb strings.Builder
	for _, f := range fs {
		sb.WriteString(strconv.Itoa(f.Start) + "-" + strconv.Itoa(f.End) + ";")
	}
	return sb.String()
}

// pass, which the index reads past documents' spans with, ends where the
// full reader (skip) ends on any valid value: strings of every length up
// to 40 (short ones are scanned inline, longer by IndexByte) holding
// quotes, backslashes and brackets.
func TestPassEndsWhereSkipEnds(t *testing.T) {
	alphabet := []string{"a", `"`, `\`, "[", "]", "{", "}", " ", "é", "\n"}
	var vals []string
	seed := uint32(1)
	for n := range 41 {
		for range 30 {
			var sb strings.Builder
			for range n {
				seed = seed*1664525 + 1013904223
				sb.WriteString(alphabet[seed>>24%uint32(len(alphabet))])
			}
			b, err := json.Marshal(sb.String())
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			vals = append(vals, `[`+s+`]`, `{"k": `+s+`, "l": [`+s+`, {}], "m": null}`, `[[`+s+`], {`+s+`: 1}] `)
			// as a project file is written: long runs of indentation and
			// digits, which pass steps over eight bytes at a time
			pretty, err := json.MarshalIndent(map[string]any{"k": sb.String(), "l": []any{sb.String(), map[string]any{}, 12345678901234}, "m": nil}, "", strings.Repeat(" ", 1+n%11))
			if err != nil {
				t.Fatal(err)
			}
			vals = append(vals, string(pretty))
		}
	}
	for _, v := range vals {
		data := []byte(v + `, "after"`)
		dp := &decoder{data: data}
		ds := &decoder{data: data}
		okp, oks := dp.pass(), ds.skip()
		if okp != oks || dp.pos != ds.pos {
			t.Fatalf("%s: pass ends at %d (%v), skip at %d (%v)", v, dp.pos, okp, ds.pos, oks)
		}
	}
	// cut short inside a string: an error, not a panic
	for _, v := range []string{`["abc`, `["abcdefghijklmnopqrstuvwxyz`, `["a\"`, `{"k": "` + strings.Repeat("x", 40)} {
		d := &decoder{data: []byte(v)}
		if d.pass() {
			t.Fatalf("%s: passed", v)
		}
	}
}
