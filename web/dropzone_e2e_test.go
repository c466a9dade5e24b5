package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// A visible drop zone while files are dragged over the page: a real drag
// of a .txt file (DevTools drag events, as a file manager's) shows a frame
// over the page that says what a drop does; moving on over the article
// keeps it; cancelling the drag hides it; dropping hides it and adds the
// article. On today's code nothing shows during the drag.
func TestE2EDropZone(t *testing.T) {
	p := openPage(t, "/")
	file := filepath.Join(t.TempDir(), "dropped-article.txt")
	if err := os.WriteFile(file, []byte("Dropped Article\nAngela Merkel met the press in Berlin."), 0o644); err != nil {
		t.Fatal(err)
	}
	data := &input.DragData{Items: []*input.DragDataItem{{MimeType: "text/plain", Data: ""}}, Files: []string{file}, DragOperationsMask: 1}
	state := func() (shown bool, text string) {
		var r struct {
			Shown bool
			Text  string
		}
		p.eval(`(() => { const z = document.getElementById("dropzone"); return { shown: !!z && !z.hidden && z.getClientRects().length > 0, text: z ? z.textContent : "" }; })()`, &r)
		return r.Shown, r.Text
	}
	if shown, _ := state(); shown {
		t.Fatalf("drop zone shown before any drag")
	}
	p.run(input.DispatchDragEvent(input.DragEnter, 200, 300, data))
	p.run(input.DispatchDragEvent(input.DragOver, 220, 320, data))
	p.settle()
	shown, text := state()
	if !shown || !strings.Contains(text, "Drop the file anywhere") || !strings.Contains(text, ".txt files become new articles") || !strings.Contains(text, "import dialog") {
		t.Fatalf("while dragging: shown %v, text %q; want the drop zone saying what a drop does", shown, text)
	}
	// over the article (other elements: dragenter/dragleave pairs), still shown
	p.run(input.DispatchDragEvent(input.DragOver, 650, 500, data))
	p.run(input.DispatchDragEvent(input.DragOver, 660, 520, data))
	p.settle()
	if shown, _ = state(); !shown {
		t.Errorf("drop zone gone while the drag moved over the article")
	}
	p.screenshots("dropzone")
	// cancelled (Esc): Chromium fires no dragleave, and the dragover events stop
	p.run(input.DispatchDragEvent(input.DragCancel, 660, 520, data))
	time.Sleep(1800 * time.Millisecond)
	p.settle()
	if shown, _ = state(); shown {
		t.Errorf("drop zone still shown after the drag was cancelled")
	}
	// a drop: hidden, and the article added
	p.run(input.DispatchDragEvent(input.DragEnter, 600, 400, data))
	p.run(input.DispatchDragEvent(input.DragOver, 600, 400, data))
	p.run(input.DispatchDragEvent(input.Drop, 600, 400, data))
	p.waitFor(`spanmark.documents().some(d => d.title === "Dropped Article" || d.id.startsWith("dropped-article"))`)
	p.settle()
	if shown, _ = state(); shown {
		t.Errorf("drop zone still shown after the drop")
	}
	var n int
	p.run(chromedp.Evaluate(`spanmark.documents().length`, &n))
	if n != 3 {
		t.Errorf("%d documents after the drop, want 3", n)
	}
	p.noErrors()
}
