package annotate_test

// Parity between the core and the wasm bridge: the operations of
// wasm/testdata/parity-script.json, replayed here through the core as the
// bridge contract (web/spanmark.d.ts) defines them, must write
// wasm/testdata/parity.golden.json byte for byte. wasm/parity_test.go
// replays the same script through the global spanmark object in Chromium
// and compares with the same golden file. Rewrite it with
// `go test ./annotate -run Parity -update`.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/internal/linediff"
)

const parityDir = "../wasm/testdata"

// updating reports whether -update was given. The flag is defined by the
// package's internal tests (file_test.go), which share this test binary;
// defining it again here would panic.
func updating() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

type parityScript struct {
	Comment   string `json:"comment"`
	Documents []struct {
		ID    string        `json:"id"`
		Title string        `json:"title"`
		File  string        `json:"file"`
		Meta  annotate.Meta `json:"meta"`
	} `json:"documents"`
	Ops []parityOp `json:"ops"`
}

// parityOp is one call of the spanmark API; offsets are UTF-16 code units.
type parityOp struct {
	Op        string                    `json:"op"`
	Doc       string                    `json:"doc"`
	Label     string                    `json:"label"`
	Frags     []int                     `json:"frags"`
	Snap      annotate.SnapMode         `json:"snap"`
	TrimPunct bool                      `json:"trimPunct"`
	Attrs     map[string]any            `json:"attrs"`
	Note      string                    `json:"note"`
	ID        string                    `json:"id"`
	Index     int                       `json:"index"`
	Start     int                       `json:"start"`
	End       int                       `json:"end"`
	Name      string                    `json:"name"`
	Value     any                       `json:"value"`
	Type      string                    `json:"type"`
	From      string                    `json:"from"`
	To        string                    `json:"to"`
	Status    annotate.Status           `json:"status"`
	Labels    []string                  `json:"labels"`
	Options   *annotate.LabelAllOptions `json:"options"`
	Error     annotate.Code             `json:"error"`
}

// snapU16 does what the bridge does with a selection from the page: UTF-16
// to code points (start down, end up), then Snap.
func snapU16(d *annotate.Document, start, end int, mode annotate.SnapMode, trim bool) (annotate.Fragment, error) {
	x := d.Index()
	if mode == "" {
		mode = annotate.SnapWord
	}
	return x.Snap(x.FromUTF16(start, false), x.FromUTF16(end, true), annotate.SnapOptions{Mode: mode, TrimPunct: trim})
}

func (o *parityOp) apply(p *annotate.Project) error {
	d, err := p.MustDoc(o.Doc)
	if err != nil {
		return err
	}
	x := d.Index()
	switch o.Op {
	case "addSpan":
		var fs []annotate.Fragment
		for i := 0; i+1 < len(o.Frags); i += 2 {
			f, err := snapU16(d, o.Frags[i], o.Frags[i+1], o.Snap, o.TrimPunct)
			if err != nil {
				return err
			}
			fs = append(fs, f)
		}
		_, _, err = d.AddSpan(annotate.SpanInput{Label: o.Label, Fragments: fs, Attrs: o.Attrs, Note: o.Note})
	case "removeSpan":
		_, err = d.RemoveSpan(o.ID)
	case "relabel":
		_, err = d.Relabel(o.ID, o.Label)
	case "setFragment":
		_, err = d.SetFragment(o.ID, o.Index, annotate.Fragment{Start: x.FromUTF16(o.Start, false), End: x.FromUTF16(o.End, true)})
	case "addFragment":
		var f annotate.Fragment
		if f, err = snapU16(d, o.Start, o.End, o.Snap, o.TrimPunct); err == nil {
			_, err = d.AddFragment(o.ID, f)
		}
	case "removeFragment":
		_, err = d.RemoveFragment(o.ID, o.Index)
	case "setAttr":
		_, err = d.SetAttr(o.ID, o.Name, o.Value)
	case "setNote":
		_, err = d.SetNote(o.ID, o.Note)
	case "addRelation":
		_, _, err = d.AddRelation(o.Type, o.From, o.To)
	case "removeRelation":
		_, err = d.RemoveRelation(o.ID)
	case "setStatus":
		_, err = d.SetStatus(o.Status)
	case "setDocLabels":
		_, err = d.SetDocLabels(o.Labels)
	case "labelAll":
		_, err = d.LabelAll(*o.Options)
	case "undo":
		_, err = d.Undo()
	case "redo":
		_, err = d.Redo()
	default:
		return fmt.Errorf("unknown op %q", o.Op)
	}
	return err
}

func TestParityGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(parityDir, "parity-script.json"))
	if err != nil {
		t.Fatal(err)
	}
	var script parityScript
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&script); err != nil {
		t.Fatalf("parity-script.json: %v", err)
	}
	p := annotate.NewProject(nil)
	for _, sd := range script.Documents {
		text, err := os.ReadFile(filepath.Join(parityDir, "articles", sd.File))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.AddDocument(sd.ID, sd.Title, string(text), sd.Meta); err != nil {
			t.Fatal(err)
		}
	}
	for i, o := range script.Ops {
		err := o.apply(p)
		switch {
		case o.Error == "" && err != nil:
			t.Fatalf("op %d (%s): %v", i, o.Op, err)
		case o.Error != "" && annotate.CodeOf(err) != o.Error:
			t.Fatalf("op %d (%s): got error %v (code %s), want code %s", i, o.Op, err, annotate.CodeOf(err), o.Error)
		}
	}
	got, err := p.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join(parityDir, "parity.golden.json")
	if updating() {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the project file differs from %s (rerun with -update if the change is intended):\n%s", golden, linediff.First(got, want))
	}
}

// The wasm tests embed copies of the sample articles (go:embed cannot reach
// ../testdata); they must not drift from the originals.
func TestParityArticlesInSync(t *testing.T) {
	for _, name := range []string{"gulf-shipping-multilingual.txt", "iran-us-talks.txt"} {
		orig, err := os.ReadFile(filepath.Join("../testdata/articles", name))
		if err != nil {
			t.Fatal(err)
		}
		cp, err := os.ReadFile(filepath.Join(parityDir, "articles", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(orig, cp) {
			t.Errorf("wasm/testdata/articles/%s differs from testdata/articles/%s: copy it again", name, name)
		}
	}
}
