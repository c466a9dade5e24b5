package annotate

import (
	"strconv"
	"strings"
	"testing"
)

func TestCleanTitle(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"  Gulf report \u00a0", "Gulf report", ""},
		{"تقرير الخليج", "تقرير الخليج", ""},
		{"", "", "a document needs a title"},
		{" \t ", "", "a document needs a title"},
		{"two\nlines", "", "must be one line"},
		{"tab\there", "", "must be one line"},
		{strings.Repeat("é", MaxTitleLen), strings.Repeat("é", MaxTitleLen), ""},
		{strings.Repeat("é", MaxTitleLen+1), "", "the title is 501 characters long; at most 500"},
		{"bad \xff", "", "not valid text"},
	} {
		got, e := CleanTitle(c.in)
		if c.err == "" && (e != nil || got != c.want) {
			t.Errorf("CleanTitle(%q) = %q, %v; want %q", c.in, got, e, c.want)
		}
		if c.err != "" && (e == nil || !strings.Contains(e.Msg, c.err) || e.Field != "title" || e.Code != CodeBadArgument) {
			t.Errorf("CleanTitle(%q): error %+v, want one saying %q on field title", c.in, e, c.err)
		}
	}
}

func TestISODate(t *testing.T) {
	for s, want := range map[string]bool{
		"2024": true, "2024-03": true, "2024-03-05": true, "2024-02-29": true, "2000-02-29": true,
		"2024-03-05T10:00Z": true, "2024-03-05 10:00": true,
		"1900-02-29": false, "2023-02-29": false, "2024-13": false, "2024-00-10": false, "2024-04-31": false,
		"24-03-05": false, "2024-3-5": false, "March 3, 2024": false, "2024-03T10:00": false, "2024-03-05T": false,
	} {
		if isoDate(s) != want {
			t.Errorf("isoDate(%q) = %v, want %v", s, !want, want)
		}
	}
}

// A rename and new metadata are one undo step of the document, exactly
// undone and redone; an error or a no-op leaves no step; the status stays.
func TestSetInfo(t *testing.T) {
	_, d := newDoc(t, sample)
	d.Meta = Meta{Source: "wire", Date: "March 3", Extra: `{"site":"x"}`} // as an import may have it
	c, err := d.SetInfo("  Obama on Iran ", Meta{Source: " AP ", URL: "https://example.org/a", Date: "March 3"})
	if err != nil || !c.Doc || c.Op != "edit document" {
		t.Fatalf("SetInfo: %+v %v", c, err)
	}
	// the date unchanged is kept as it was, and another tool's metadata too
	want := Meta{Source: "AP", URL: "https://example.org/a", Date: "March 3", Extra: `{"site":"x"}`}
	if d.Title != "Obama on Iran" || d.Meta != want || d.UndoDepth() != 1 || d.Status != StatusTodo {
		t.Fatalf("after SetInfo: %q %+v depth %d status %s", d.Title, d.Meta, d.UndoDepth(), d.Status)
	}
	if c, err := d.SetInfo("Obama on Iran", want); err != nil || !c.Empty() || d.UndoDepth() != 1 {
		t.Fatalf("the same again: %+v %v, depth %d", c, err, d.UndoDepth())
	}
	for _, bad := range []struct {
		title string
		meta  Meta
		field string
	}{
		{"", want, "title"},
		{"x", Meta{Date: "3/5/2024"}, "meta.date"},
		{"x", Meta{URL: "https://a b"}, "meta.url"},
		{"x", Meta{Source: "a\nb"}, "meta.source"},
	} {
		_, err := d.SetInfo(bad.title, bad.meta)
		if e, ok := err.(*Error); !ok || e.Field != bad.field || e.Doc != "d" {
			t.Errorf("SetInfo(%q, %+v): %v, want an error on %s", bad.title, bad.meta, err, bad.field)
		}
		if d.Title != "Obama on Iran" || d.Meta != want || d.UndoDepth() != 1 {
			t.Fatalf("a refused edit changed the document: %q %+v", d.Title, d.Meta)
		}
	}
	u, err := d.Undo()
	if err != nil || !u.Doc || d.Title != "Test" || d.Meta != (Meta{Source: "wire", Date: "March 3", Extra: `{"site":"x"}`}) {
		t.Fatalf("undo: %+v %v: %q %+v", u, err, d.Title, d.Meta)
	}
	if _, err := d.Redo(); err != nil || d.Title != "Obama on Iran" || d.Meta != want {
		t.Fatalf("redo: %v: %q %+v", err, d.Title, d.Meta)
	}
}

// An "info" edit survives the undo history's file: written, read back into
// a fresh load of the project file, and undone there.
func TestHistoryKeepsInfoEdits(t *testing.T) {
	p, d := newDoc(t, sample)
	mustAdd(t, d, "PERSON", at(t, sample, "Barack Obama", 0))
	if _, err := d.SetInfo("Renamed", Meta{URL: "https://example.org"}); err != nil {
		t.Fatal(err)
	}
	hist := p.HistoryJSON()
	if want := `{"kind":"info","before":{"title":"Test","meta":{}},"after":{"title":"Renamed","meta":{"url":"https://example.org"}}}`; !strings.Contains(string(hist), want) {
		t.Fatalf("history lacks %s:\n%s", want, hist)
	}
	q, err := Load(saved(t, p), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := q.RestoreHistory(hist); err != nil {
		t.Fatal(err)
	}
	e := q.Doc("d")
	if _, err := e.Undo(); err != nil || e.Title != "Test" || e.Meta != (Meta{}) || e.NumSpans() != 1 {
		t.Fatalf("undo after restore: %v: %q %+v", err, e.Title, e.Meta)
	}
	// a history whose info edit does not fit the project is refused
	bad := strings.Replace(string(hist), `"after":{"title":"Renamed"`, `"after":{"title":"Other"`, 1)
	q, _ = Load(saved(t, p), "p.json")
	if err := q.RestoreHistory([]byte(bad)); err == nil || !strings.Contains(err.Error(), "does not fit") {
		t.Fatalf("a history that does not fit: %v", err)
	}
	// an info edit with an id, or null states, is malformed
	for _, b := range []string{
		strings.Replace(string(hist), `{"kind":"info",`, `{"kind":"info","id":"x",`, 1),
		strings.Replace(string(hist), `"before":{"title":"Test","meta":{}}`, `"before":null`, 1),
	} {
		q, _ = Load(saved(t, p), "p.json")
		if err := q.RestoreHistory([]byte(b)); CodeOf(err) != CodeBadFormat {
			t.Errorf("malformed info edit accepted: %v", err)
		}
	}
}

func TestDeleteRestoreDocument(t *testing.T) {
	p := NewProject(nil)
	for _, id := range []string{"a", "b", "c"} {
		if _, err := p.AddDocument(id, "Doc "+id, sample, Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	b := p.Doc("b")
	s := mustAdd(t, b, "PERSON", at(t, sample, "Barack Obama", 0))
	before := string(saved(t, p))
	r, err := p.DeleteDocument("b")
	if err != nil || r.At != 1 || r.Doc != b || p.Doc("b") != nil || len(p.Documents()) != 2 {
		t.Fatalf("DeleteDocument: %+v %v", r, err)
	}
	if _, err := p.DeleteDocument("b"); CodeOf(err) != CodeUnknownDocument {
		t.Fatalf("deleting it twice: %v", err)
	}
	if err := p.RestoreDocument(r); err != nil {
		t.Fatal(err)
	}
	if got := string(saved(t, p)); got != before {
		t.Fatalf("the project after delete and restore differs:\n%s\nwant\n%s", got, before)
	}
	if _, err := p.Doc("b").Undo(); err != nil || p.Doc("b").Span(s.ID) != nil {
		t.Fatalf("the restored document lost its undo history: %v", err)
	}
	// put back at the end when the project has fewer documents now
	r, _ = p.DeleteDocument("c")
	ra, _ := p.DeleteDocument("a")
	if err := p.RestoreDocument(r); err != nil || p.Documents()[1].ID != "c" {
		t.Fatalf("restore past the end: %v", err)
	}
	// the id taken again: refused, nothing changed
	p.AddDocument("a", "another a", "x", Meta{})
	if err := p.RestoreDocument(ra); CodeOf(err) != CodeDuplicateID || len(p.Documents()) != 3 {
		t.Fatalf("restore over a new document of the same id: %v", err)
	}
	// the labels edited since: refused
	r, _ = p.DeleteDocument("b")
	if _, err := p.AddLabel(LabelDef{Name: "FACILITY", Layer: LayerEntity, Color: "#123456"}); err != nil {
		t.Fatal(err)
	}
	if err := p.RestoreDocument(r); CodeOf(err) != CodeBadSchema || p.Doc("b") != nil {
		t.Fatalf("restore after a schema edit: %v", err)
	}
}

func TestFindDocuments(t *testing.T) {
	p := NewProject(nil)
	add := func(id, title string) *Document {
		d, err := p.AddDocument(id, title, sample, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	a := add("gulf-2024", "Gulf shipping report")
	b := add("iran", "Iran TALKS: Gulf")
	c := add("x", "Élection à Paris")
	mustAdd(t, b, "PERSON", at(t, sample, "Barack Obama", 0))
	b.SetStatus(StatusDone)
	a.SetDocLabels([]string{"relevant"})
	c.SetDocLabels([]string{"relevant", "opinion"})
	ids := func(q DocQuery) string {
		var out []string
		for _, d := range p.FindDocuments(q) {
			out = append(out, d.ID)
		}
		return strings.Join(out, " ")
	}
	for _, k := range []struct {
		q    DocQuery
		want string
	}{
		{DocQuery{}, "gulf-2024 iran x"},
		{DocQuery{Text: "gulf"}, "gulf-2024 iran"},
		{DocQuery{Text: "  GULF   talks "}, "iran"},
		{DocQuery{Text: "2024 report"}, "gulf-2024"}, // the id counts too
		{DocQuery{Text: "ÉLECTION"}, "x"},
		{DocQuery{Text: "parisK"}, ""},    // the Kelvin sign folds to k: "parisk" is nowhere
		{DocQuery{Text: "talKs"}, "iran"}, // …and matches the k of TALKS
		{DocQuery{Text: "nothing"}, ""},
		{DocQuery{Status: StatusDone}, "iran"},
		{DocQuery{Status: StatusTodo}, "gulf-2024 x"},
		{DocQuery{DocLabel: "relevant"}, "gulf-2024 x"},
		{DocQuery{DocLabel: "relevant", Text: "paris"}, "x"},
		{DocQuery{SpanLabel: "PERSON"}, "iran"},
		{DocQuery{SpanLabel: "ORG"}, ""},
	} {
		if got := ids(k.q); got != k.want {
			t.Errorf("FindDocuments(%+v) = %q, want %q", k.q, got, k.want)
		}
	}
}

// BenchmarkFindDocuments: a title word and a status over 10,000 documents.
func BenchmarkFindDocuments(b *testing.B) {
	p := NewProject(nil)
	for i := range 10_000 {
		d, err := p.AddDocument("", "Report number "+strconv.Itoa(i)+" on the Gulf shipping lanes", "text", Meta{})
		if err != nil {
			b.Fatal(err)
		}
		if i%3 == 0 {
			d.Status = StatusDone
		}
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = len(p.FindDocuments(DocQuery{Text: "number 12", Status: StatusDone}))
	}
	b.ReportMetric(float64(n), "found")
}
