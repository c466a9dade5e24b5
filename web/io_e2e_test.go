package web_test

// Dataset formats in the page (io.js): the "Export as" menu downloads
// exactly what the native formats package writes, and imports through the
// real file input show the preview (format, counts, report, every error
// with its location) and change the project only on "Replace project" or
// "Add to project".

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/annotate/formats"
)

const peersDir = "../../shared/peers"

// openGolden opens the page on the parity golden project (spans with
// fragments, attributes, relations, claims in two articles), served under
// a URL of its own so that no other test's autosaved state is restored.
func openGolden(t *testing.T) (*Page, *annotate.Project, []byte) {
	t.Helper()
	golden, err := os.ReadFile("../wasm/testdata/parity.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/_test/io-%s-%d.json", strings.ReplaceAll(t.Name(), "/", "-"), time.Now().UnixNano())
	addExtra(path, golden)
	p := openPage(t, "/?project="+path)
	proj, err := annotate.Load(golden, "golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.export(); got != string(golden) {
		t.Fatal("the page did not open the golden project as it is")
	}
	return p, proj, golden
}

func TestExportMenuEveryFormat(t *testing.T) {
	p, proj, _ := openGolden(t)
	// Record the name each download is given (the anchor io.js clicks).
	var ok bool
	p.eval(`(document.addEventListener("click", e => { if (e.target.download) window.__dl = e.target.download; }, true), true)`, &ok)
	wantNames := map[string]string{
		"spanmark": "spanmark-project.json", "jsonl": "spanmark-project-jsonl.jsonl", "conll": "spanmark-project-conll.conll",
		"brat": "spanmark-project-brat.zip", "doccano": "spanmark-project-doccano.jsonl", "labelstudio": "spanmark-project-labelstudio.json",
	}
	var zipPath string
	for i, name := range formats.Names() {
		f, _ := formats.Get(name)
		files, rep, err := f.Export(proj, formats.ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := files[0].Data
		if len(files) > 1 {
			if want, err = formats.Zip(files); err != nil {
				t.Fatal(err)
			}
		}
		// The first opening loads the formats module (formats.js).
		p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery),
			chromedp.WaitVisible("#export-menu .menu-item", chromedp.ByQuery))
		var items []string
		p.eval(`[...document.querySelectorAll("#export-menu .menu-item:not([data-form])")].map(b => b.dataset.format + (b.dataset.offsets ? "/" + b.dataset.offsets : ""))`, &items)
		// doccano's entries come one per offset unit, its own first; JSONL's
		// spans form (data-form) is checked below
		wantItems := strings.Replace(strings.Join(formats.Names(), " "), "doccano", "doccano doccano/codepoint doccano/grapheme", 1)
		if strings.Join(items, " ") != wantItems {
			t.Fatalf("menu offers %v", items)
		}
		if i == 0 {
			var st string
			p.eval(`document.getElementById("status").textContent`, &st)
			if strings.Contains(st, "Loading") {
				t.Errorf("the status still says %q with the formats loaded", st)
			}
			p.screenshot("io-export-menu")
		}
		p.run(chromedp.Click(fmt.Sprintf(`#export-menu .menu-item[data-format=%q]`, name), chromedp.ByQuery))
		got := p.waitDownload()
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the download (%d bytes) differs from the native export (%d bytes)", name, len(got), len(want))
		}
		if name == "brat" {
			zipPath = filepath.Join(t.TempDir(), "spanmark-project-brat.zip")
			if err := os.WriteFile(zipPath, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var dl, st string
		p.eval(`window.__dl`, &dl)
		p.eval(`document.getElementById("status").textContent`, &st)
		if dl != wantNames[name] {
			t.Errorf("%s: downloaded as %q, want %q", name, dl, wantNames[name])
		}
		if len(rep) > 0 && !strings.Contains(st, "not kept: "+rep[0]) {
			t.Errorf("%s: the status %q does not say what was lost (%q)", name, st, rep)
		}
		var hidden bool
		p.eval(`document.getElementById("export-menu").hidden`, &hidden)
		if !hidden {
			t.Errorf("%s: the menu stays open after choosing", name)
		}
	}
	// JSONL's second form: every span, for doc.spans["sc"], as the CLI's
	// --form spans writes it, under a name of its own.
	files, _, err := formats.JSONL{}.Export(proj, formats.ExportOptions{Form: "spans"})
	if err != nil {
		t.Fatal(err)
	}
	p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery),
		chromedp.WaitVisible(`#export-menu .menu-item[data-form="spans"]`, chromedp.ByQuery),
		chromedp.Click(`#export-menu .menu-item[data-form="spans"]`, chromedp.ByQuery))
	if got := p.waitDownload(); !bytes.Equal(got, files[0].Data) {
		t.Errorf("JSONL spans form: the download (%d bytes) differs from the native export (%d bytes)", len(got), len(files[0].Data))
	}
	var dl string
	p.eval(`window.__dl`, &dl)
	if dl != "spanmark-project-jsonl-spans.jsonl" {
		t.Errorf("JSONL spans form downloaded as %q", dl)
	}
	// The brat download imports back: the .zip is unpacked by the core.
	d := p.upload(zipPath)
	if d.Title != "Import brat standoff (.txt/.ann pairs)" || !strings.HasPrefix(d.Summary, "2 documents, ") || !d.ReplaceEnabled {
		t.Errorf("importing the brat .zip: %+v", d)
	}
	p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))
	p.noErrors()
}

func peer(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join(peersDir, rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("peer file %s is absent (%v): the shared peer files are not checked out beside this repository", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// dialog is what the import dialog shows.
type dialog struct {
	Hidden                         bool
	Title, Summary, Report, Errors string
	AppendReport                   string
	ReplaceEnabled, AppendEnabled  bool
	Busy                           bool
}

// upload puts files in the import file input (as the picker does) and
// waits until the dialog shows a preview or errors.
func (p *Page) upload(paths ...string) dialog {
	p.t.Helper()
	p.run(chromedp.SetUploadFiles("#import-file", paths, chromedp.ByQuery))
	return p.waitDialog()
}

func (p *Page) waitDialog() dialog {
	p.t.Helper()
	var d dialog
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(40 * time.Millisecond) {
		p.eval(`(() => {
			const $ = id => document.getElementById(id);
			return {hidden: $("import").hidden, title: $("h-import").textContent, summary: $("im-summary").textContent,
				report: $("im-report").innerText, errors: $("im-errors").innerText, appendReport: $("im-append-report").innerText,
				replaceEnabled: !$("im-replace").disabled, appendEnabled: !$("im-append").disabled, busy: smApp.io.busy};
		})()`, &d)
		if !d.Hidden && !d.Busy && d.Summary != "" {
			return d
		}
	}
	p.t.Fatalf("the import dialog shows no preview or error: %+v; errors: %v", d, p.Errors())
	return d
}

func TestImportPeerFiles(t *testing.T) {
	relEx := peer(t, "doccano/doccano__doccano__backend__data_import__tests__data__relation_extraction__example.jsonl")
	bratAnn := peer(t, "brat/nlplab__brat__example-data__tutorials__news__000-introduction.ann")
	bratTxt := strings.TrimSuffix(bratAnn, ".ann") + ".txt"
	p, _, golden := openGolden(t)

	// doccano relation example: preview, then replace.
	d := p.upload(relEx)
	if d.Title != "Import doccano JSONL" || d.Summary != "1 document, 4 spans, 3 relations in doccano format." ||
		!strings.Contains(d.Report, "relation types added to the schema: foundedAt (ORG → DATE), foundedBy (ORG → PERSON)") ||
		!d.ReplaceEnabled || !d.AppendEnabled || d.Errors != "" {
		t.Fatalf("preview: %+v", d)
	}
	if p.export() != string(golden) {
		t.Fatal("the preview changed the project")
	}
	p.screenshot("io-import-dialog")
	p.run(chromedp.Click("#im-replace", chromedp.ByQuery))
	p.settle()
	pf := parseProject(t, p.export())
	if len(pf.Documents) != 1 || !strings.HasPrefix(pf.Documents[0].Text, "Google was founded") ||
		len(pf.Documents[0].Spans) != 4 || len(pf.Documents[0].Relations) != 3 {
		t.Fatalf("after replace: %+v", pf)
	}
	var title string
	var hidden bool
	p.eval(`document.getElementById("doc-title").textContent`, &title)
	p.eval(`document.getElementById("import").hidden`, &hidden)
	if !hidden || title != "doc-1" && !strings.HasPrefix(title, "Google") {
		t.Errorf("after replace: dialog hidden %v, title %q", hidden, title)
	}

	// An edit before adding: its undo must survive the import (the formats
	// module merges into a copy of the project with its undo histories).
	var firstDoc, before string
	p.eval(`smApp.docId`, &firstDoc)
	p.eval(`spanmark.document(smApp.docId).status`, &before)
	p.eval(`(smApp.edit("setStatus", smApp.docId, "done"), true)`, new(bool))

	// The brat pair, added to the project.
	d = p.upload(bratAnn, bratTxt)
	if d.Title != "Import brat standoff (.txt/.ann pairs)" || !strings.HasPrefix(d.Summary, "1 document, 7 spans, 2 relations") || !d.AppendEnabled {
		t.Fatalf("brat preview: %+v", d)
	}
	// the toast of the replace sits over the dialog's corner, where "Add
	// to project" is now that the dialog lists labels to map: dismiss it
	p.run(chromedp.Click(".toast button.x", chromedp.ByQuery))
	p.run(chromedp.Click("#im-append", chromedp.ByQuery))
	p.settle()
	pf = parseProject(t, p.export())
	if len(pf.Documents) != 2 || len(pf.Documents[1].Spans) != 7 || len(pf.Documents[0].Spans) != 4 {
		t.Fatalf("after append: %d documents", len(pf.Documents))
	}
	var options int
	p.eval(`document.getElementById("doc-select").options.length`, &options)
	if options != 2 {
		t.Errorf("the document list shows %d documents", options)
	}
	var undone string
	p.eval(fmt.Sprintf(`(spanmark.undo(%q), spanmark.document(%q).status)`, firstDoc, firstDoc), &undone)
	if before == "done" || undone != before {
		t.Errorf("undo after adding the import: status %q, want %q as before the edit", undone, before)
	}
	p.noErrors()
}

// TestImportRepairOffsets: the Label Studio file whose Email region has
// wrong offsets is refused with its location; "Repair offsets" re-runs the
// preview, which then reports the move.
func TestImportRepairOffsets(t *testing.T) {
	ls := peer(t, "label-studio/dataiku__kiji-proxy__model__dataset__labelstudio__sample_predictions.json")
	p, _, golden := openGolden(t)
	d := p.upload(ls)
	if !strings.Contains(d.Errors, "sample_predictions.json:59") || !strings.Contains(d.Errors, `"john.smith@example.com"`) ||
		!strings.Contains(d.Errors, "import with repair") || d.ReplaceEnabled || !strings.HasPrefix(d.Summary, "Nothing was imported") {
		t.Fatalf("defective file: %+v", d)
	}
	p.run(chromedp.Click("#im-repair", chromedp.ByQuery))
	d = p.waitDialog()
	if d.Errors != "" || !d.ReplaceEnabled || !strings.Contains(d.Report, "ent-5") {
		t.Fatalf("with repair: %+v", d)
	}
	p.screenshot("io-import-repair")
	p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))
	if p.export() != string(golden) {
		t.Fatal("cancel changed the project")
	}
	p.noErrors()
}

// TestImportFailures: every bad input is refused with a message naming the
// file and the problem, and the project stays as it was.
func TestImportFailures(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	huge := filepath.Join(dir, "huge.jsonl")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(formats.MaxFileSize + 1<<20) // sparse: nothing is written
	f.Close()
	cases := []struct {
		path string
		want []string
	}{
		{write("binary.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), []string{"binary.png", "the file is binary, not text (a NUL byte at byte offset 8)"}},
		{write("empty.jsonl", nil), []string{"empty.jsonl", "the file is empty"}},
		{write("latin1.jsonl", []byte("{\"text\": \"Caf\xe9 au lait\"}\n")), []string{"latin1.jsonl:1", "the file is not UTF-8: byte 0xE9 at byte offset 13 (line 1, column 14)"}},
		{huge, []string{"huge.jsonl: the file is 51.0 MB; files over 50.0 MB are not imported"}},
	}
	if _, err := os.Stat(filepath.Join(peersDir, "doccano")); err == nil {
		cases = append(cases, struct {
			path string
			want []string
		}{peer(t, "doccano/doccano__doccano__backend__data_import__tests__data__sequence_labeling__example.jsonl"),
			[]string{"sequence_labeling__example.jsonl:3", `the record has no "text"`, "(field text)"}})
	} else {
		t.Logf("peer files absent: the defective doccano file is not tried")
	}
	p, _, golden := openGolden(t)
	for _, c := range cases {
		d := p.upload(c.path)
		for _, w := range c.want {
			if !strings.Contains(d.Errors, w) {
				t.Errorf("%s: errors %q lack %q", filepath.Base(c.path), d.Errors, w)
			}
		}
		if d.ReplaceEnabled || d.AppendEnabled || !strings.Contains(d.Summary, "the current project is unchanged") {
			t.Errorf("%s: dialog %+v", filepath.Base(c.path), d)
		}
		if filepath.Base(c.path) == "latin1.jsonl" {
			p.screenshot("io-import-error")
		}
		p.key("Escape")
		var hidden bool
		p.eval(`document.getElementById("import").hidden`, &hidden)
		if !hidden {
			t.Errorf("Escape did not close the dialog")
		}
		if p.export() != string(golden) {
			t.Fatalf("a failed import of %s changed the project", c.path)
		}
	}
	p.noErrors()
}

// TestImportDrop: files dropped on the page open the import dialog (plain
// .txt files still open as articles); Cancel leaves the project alone.
func TestImportDrop(t *testing.T) {
	p, _, golden := openGolden(t)
	var ok bool
	p.eval(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(['{"text": "Dropped here.", "label": [[0, 7, "EVENT"]]}\n'], "dropped.jsonl"));
		document.getElementById("article").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`, &ok)
	d := p.waitDialog()
	if d.Title != "Import doccano JSONL" || !strings.HasPrefix(d.Summary, "1 document, 1 span, 0 relations") {
		t.Fatalf("dropped file: %+v", d)
	}
	p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))
	if p.export() != string(golden) {
		t.Fatal("cancel changed the project")
	}
	p.noErrors()
}

// TestImportProgressCancel: while files are being read the dialog shows
// which file and how far; Cancel stops the import (the read in flight is
// dropped) and the next import works. The slow file is a File-like object
// whose read never finishes, so the moment is not left to timing.
func TestImportProgressCancel(t *testing.T) {
	p, _, golden := openGolden(t)
	var ok bool
	p.eval(`(smApp.io.importFiles([
		new File(['{"text": "first"}'], "first.jsonl"),
		{name: "slow.jsonl", size: 3 << 20, arrayBuffer: () => new Promise(() => {})},
		new File(['{"text": "third"}'], "third.jsonl"),
	]), true)`, &ok)
	var prog struct {
		Hidden bool
		Text   string
		Value  float64
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(30 * time.Millisecond) {
		p.eval(`({hidden: document.getElementById("im-progress").hidden, text: document.getElementById("im-progress-text").textContent,
			value: document.getElementById("im-bar").value})`, &prog)
		if strings.HasPrefix(prog.Text, "Reading 2 of 3") {
			break
		}
	}
	if prog.Hidden || prog.Text != "Reading 2 of 3: slow.jsonl (3.0 MB)" || prog.Value <= 0 || prog.Value >= 1 {
		t.Fatalf("progress: %+v", prog)
	}
	p.screenshot("io-import-progress")
	p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))
	var hidden bool
	p.eval(`document.getElementById("import").hidden`, &hidden)
	if !hidden {
		t.Fatal("Cancel did not close the dialog")
	}
	if p.export() != string(golden) {
		t.Fatal("a cancelled import changed the project")
	}
	d := p.upload(writeTemp(t, "after.jsonl", `{"text": "After the cancel."}`))
	if !strings.HasPrefix(d.Summary, "1 document, 0 spans") {
		t.Fatalf("the import after a cancel: %+v", d)
	}
	p.noErrors()
}

func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDoccanoOffsetsPage: the export menu's doccano entries download what
// the native export writes in each offset unit (UTF-16 by default, as
// doccano), and the import dialog offers the unit for a doccano file: a
// file whose code point offsets split an emoji when read as UTF-16 is
// refused, and choosing "code points" imports it with the right text.
func TestDoccanoOffsetsPage(t *testing.T) {
	p, proj, golden := openGolden(t)
	var ok bool
	p.eval(`(document.addEventListener("click", e => { if (e.target.download) window.__dl = e.target.download; }, true), true)`, &ok)
	var exports [][]byte
	for _, u := range []formats.Unit{"", formats.UnitCodePoint, formats.UnitGrapheme} {
		files, _, err := formats.Doccano{}.Export(proj, formats.ExportOptions{Offsets: u})
		if err != nil {
			t.Fatal(err)
		}
		p.run(chromedp.Click("#btn-export-menu", chromedp.ByQuery),
			chromedp.WaitVisible("#export-menu .menu-item", chromedp.ByQuery),
			chromedp.Click(fmt.Sprintf(`#export-menu .menu-item[data-format="doccano"][data-offsets=%q]`, string(u)), chromedp.ByQuery))
		got := p.waitDownload()
		if !bytes.Equal(got, files[0].Data) {
			t.Errorf("offsets %q: the download differs from the native export", u)
		}
		exports = append(exports, got)
		var dl string
		p.eval(`window.__dl`, &dl)
		want := "spanmark-project-doccano.jsonl"
		if u != "" {
			want = "spanmark-project-doccano-" + string(u) + ".jsonl"
		}
		if dl != want {
			t.Errorf("offsets %q: downloaded as %q, want %q", u, dl, want)
		}
	}
	// the golden project has emoji before spans: the three files differ
	if bytes.Equal(exports[0], exports[1]) || bytes.Equal(exports[1], exports[2]) {
		t.Error("the UTF-16, code point and grapheme exports should differ on a text with emoji")
	}
	// The default entry: the 🚢 span's entity has UTF-16 offsets.
	if !bytes.Contains(exports[0], []byte(`"label":"LOC","start_offset":39,"end_offset":47`)) {
		t.Errorf("the UTF-16 export does not count 🚢 as two units:\n%.400s", exports[0])
	}

	dir := t.TempDir()
	file := filepath.Join(dir, "admin.jsonl")
	// written by a Python script: code point offsets
	os.WriteFile(file, []byte(`{"text": "👨🏻\u200d🚒 firemen drive firetrucks at work", "label": [[19, 29, "VEHICLE"]]}`+"\n"+
		`{"text": "🚒🚒 ok", "label": [[1, 2, "VEHICLE"]]}`+"\n"), 0o644)
	offsetsShown := func() bool {
		var shown bool
		p.eval(`(() => { const f = document.getElementById("im-offsets-field"); return !f.hidden && f.getClientRects().length > 0; })()`, &shown)
		return shown
	}
	d := p.upload(file)
	if !strings.HasPrefix(d.Summary, "Nothing was imported") || !strings.Contains(d.Errors, "admin.jsonl:2") ||
		!strings.Contains(d.Errors, "[1,2) splits a character: offset 1 falls between the two halves of the surrogate pair") || d.ReplaceEnabled {
		t.Fatalf("code point offsets read as UTF-16: %+v", d)
	}
	if !offsetsShown() {
		t.Fatal("the offsets choice is not shown for a doccano file that failed")
	}
	p.eval(`(() => { const s = document.getElementById("im-offsets"); s.value = "codepoint"; s.dispatchEvent(new Event("change")); return true; })()`, &ok)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !d.ReplaceEnabled; time.Sleep(40 * time.Millisecond) {
		d = p.waitDialog()
	}
	if d.Summary != "2 documents, 2 spans, 0 relations in doccano format." || d.Errors != "" ||
		!strings.Contains(d.Report, "offsets read as code points") {
		t.Fatalf("with code points: %+v", d)
	}
	p.screenshot("io-import-offsets")
	p.run(chromedp.Click("#im-replace", chromedp.ByQuery))
	p.settle()
	pf := parseProject(t, p.export())
	if len(pf.Documents) != 2 || pf.Documents[0].Spans[0].Fragments[0].Text != "firetrucks" || pf.Documents[1].Spans[0].Fragments[0].Text != "🚒" {
		t.Fatalf("after replace: %+v", pf.Documents)
	}
	// another format: no offsets choice, and the choice is back to UTF-16
	other := filepath.Join(dir, "corpus.jsonl")
	os.WriteFile(other, []byte(`{"text": "fine"}`+"\n"), 0o644)
	d = p.upload(other)
	var unit string
	p.eval(`document.getElementById("im-offsets").value`, &unit)
	if offsetsShown() || unit != "" || !d.ReplaceEnabled {
		t.Errorf("a JSONL file: offsets shown %v, unit %q, %+v", offsetsShown(), unit, d)
	}
	p.run(chromedp.Click("#im-cancel", chromedp.ByQuery))
	_ = golden
	p.noErrors()
}

// TestImportListsDocumentsOnce: "Replace the project" shows the imported
// documents from the list importProject returns, without asking the core
// to list them again (20,000 documents cost ~0.1 s to list and parse).
func TestImportListsDocumentsOnce(t *testing.T) {
	p := openPage(t, "/")
	var ok bool
	p.eval(`(() => {
		window.__listed = 0;
		const list = spanmark.documents;
		spanmark.documents = (...a) => (window.__listed++, list.apply(spanmark, a));
		return true;
	})()`, &ok)
	p.importDoccano()
	p.eval(`window.__listed = 0, true`, &ok)
	p.run(chromedp.Click("#im-replace", chromedp.ByQuery))
	p.settle()
	var got struct {
		Listed  int
		Count   string
		Options []string
		Open    string
	}
	p.eval(`({ listed: window.__listed, count: document.getElementById("docs-count").textContent,
		options: [...document.getElementById("doc-select").options].map(o => o.value), open: smApp.docId })`, &got)
	if got.Listed != 0 || got.Count != "3" || strings.Join(got.Options, " ") != "x1 x2 x3" || got.Open != "x1" {
		t.Errorf("after replacing: documents() called %d times, list count %q, menu %v, open %q; want 0, 3, [x1 x2 x3], x1", got.Listed, got.Count, got.Options, got.Open)
	}
	p.noErrors()
}

// TestImportButtonLoadsFormats: a click on Import… starts loading the
// formats module while the file picker is open (its first load is about
// half a second of the preview), then warms the import's code up
// (importWarm), changing nothing, and opens no dialog.
func TestImportButtonLoadsFormats(t *testing.T) {
	p := openPage(t, "/")
	var before bool
	p.eval(`typeof spanmarkFormats !== "undefined"`, &before)
	if before {
		t.Fatal("the formats module is loaded before any import")
	}
	var project string
	p.eval(`spanmark.exportProject()`, &project)
	p.run(chromedp.Click("#btn-import", chromedp.ByQuery))
	p.waitFor(`typeof spanmarkFormats !== "undefined"`)
	p.waitFor(`performance.getEntriesByName("sm-import-warm").length > 0`)
	var after string
	p.eval(`spanmark.exportProject()`, &after)
	if after != project {
		t.Error("the warm-up changed the project")
	}
	var hidden bool
	p.eval(`document.getElementById("import").hidden`, &hidden)
	if !hidden {
		t.Error("the click opened the import dialog")
	}
	p.noErrors()
}
