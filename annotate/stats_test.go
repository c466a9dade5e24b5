package annotate

import (
	"reflect"
	"testing"
)

// Stats counts spans per label (schema order) over the project and per
// document, relations per type, and documents per status.
func TestStats(t *testing.T) {
	p, d := newDoc(t, "Obama said the talks would go on in Oman and Qatar.")
	e, err := p.AddDocument("e", "Second", "Reuters reported it.", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.AddDocument("f", "Third", "Nothing here.", Meta{}); err != nil {
		t.Fatal(err)
	}
	obama := mustAdd(t, d, "PERSON", Fragment{0, 5})
	mustAdd(t, d, "GPE", Fragment{36, 40})
	mustAdd(t, d, "GPE", Fragment{45, 50})
	said := mustAdd(t, d, "CUE", Fragment{6, 10})
	claim := mustAdd(t, d, "CLAIM", Fragment{11, 50})
	if _, _, err := d.AddRelation(RelationClaimant, claim.ID, obama.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.AddRelation(RelationCue, claim.ID, said.ID); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, e, "ORG", Fragment{0, 7})
	if _, err := e.SetStatus(StatusDone); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SetStatus(StatusInProgress); err != nil {
		t.Fatal(err)
	}
	st := p.Stats()
	idx := map[string]int{}
	for i, l := range st.Labels {
		idx[l.Name] = i
		if l.Name != p.Schema.Labels[i].Name {
			t.Fatalf("label %d is %s, want schema order (%s)", i, l.Name, p.Schema.Labels[i].Name)
		}
	}
	want := map[string]LabelStat{"PERSON": {"PERSON", 1, 1}, "GPE": {"GPE", 2, 1}, "CUE": {"CUE", 1, 1}, "CLAIM": {"CLAIM", 1, 1}, "ORG": {"ORG", 1, 1}}
	for name, w := range want {
		if got := st.Labels[idx[name]]; got != w {
			t.Errorf("label %s: %+v, want %+v", name, got, w)
		}
	}
	if st.Spans != 6 || st.Todo != 1 || st.InProgress != 1 || st.Done != 1 {
		t.Errorf("spans %d, todo %d, in progress %d, done %d; want 6, 1, 1, 1", st.Spans, st.Todo, st.InProgress, st.Done)
	}
	if got := st.Relations; !reflect.DeepEqual(got, []LabelStat{{RelationClaimant, 1, 1}, {RelationCue, 1, 1}}) {
		t.Errorf("relations: %+v", got)
	}
	if len(st.Docs) != 3 || st.Docs[0].ID != "d" || st.Docs[1].ID != "e" || st.Docs[2].ID != "f" {
		t.Fatalf("docs: %+v", st.Docs)
	}
	if g := st.Docs[0]; g.Spans != 5 || g.Status != StatusInProgress || g.Counts[idx["GPE"]] != 2 || g.Counts[idx["ORG"]] != 0 {
		t.Errorf("doc d: %+v", g)
	}
	if g := st.Docs[1]; g.Spans != 1 || g.Title != "Second" || g.Status != StatusDone || g.Counts[idx["ORG"]] != 1 {
		t.Errorf("doc e: %+v", g)
	}
	if g := st.Docs[2]; g.Spans != 0 || g.Status != StatusTodo || len(g.Counts) != len(st.Labels) {
		t.Errorf("doc f: %+v", g)
	}
}
