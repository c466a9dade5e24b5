package web_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// longLineText is one line of about 24,000 UTF-16 units (numbered words,
// with Hebrew, an emoji ZWJ sequence, CJK and combining marks), a CRLF, a
// short line, and a line of about 12,000 units of Hebrew sentences that
// each start with a Latin name. The first block cut would fall before a
// combining mark that follows a space (UTF-16 offset 1000), where a cut
// would split what the browser draws as one.
func longLineText() string {
	var b strings.Builder
	n := 0
	word := func() string { n++; return fmt.Sprintf("w%d", n) }
	for b.Len() < 990 {
		b.WriteString(word() + " ")
	}
	b.WriteString(strings.Repeat("x", 999-b.Len()) + " \u0301accent ")
	// from here on, code points and UTF-16 units differ from bytes, and
	// from each other after the emoji
	b.WriteString("Zoë Müller-Østergaard and יואב גלנט met 👩🏽‍💻 in 東京。")
	for utf16Len(b.String()) < 24000 {
		b.WriteString(" " + word())
	}
	b.WriteString(".\r\nSecond line after a CRLF.\nהשיחות נמשכות. ")
	for i := 0; utf16Len(b.String()) < 37000; i++ {
		fmt.Fprintf(&b, "CNN דיווח %d על השיחות בבירה ועל הסכם חדש בין המדינות. ", i)
	}
	return b.String()
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// A line longer than LONG_LINE (textview.js) is shown as blocks cut after
// a space, never before a joining character; labelling across a cut gives
// the text's exact code-point offsets, and copying gives the text as loaded.
func TestE2ELongLine(t *testing.T) {
	text := longLineText()
	p := openPage(t, "/")
	p.openFile("long.json", personProject("long", "One long line", text))
	p.waitFor(`smApp.docId === "long"`)

	// The blocks, as the page shows them.
	var blocks []struct {
		Start, End int
		Shown      string
	}
	p.eval(`(() => {
		const v = smApp.view, out = [];
		for (let i = 0; i < v.starts.length; i++) out.push({ start: v.starts[i], end: v.ends[i], shown: v.para(i).textContent });
		return out;
	})()`, &blocks)
	u := utf16.Encode([]rune(text))
	str := func(a, b int) string { return string(utf16.Decode(u[a:b])) }
	if len(blocks) < 20 {
		t.Fatalf("%d blocks for a line of %d UTF-16 units, want one per ~1000", len(blocks), len(u))
	}
	pos := 0
	for i, bl := range blocks {
		if bl.Start != pos {
			t.Fatalf("block %d starts at %d, want %d (blocks must tile the text)", i, bl.Start, pos)
		}
		want := str(bl.Start, bl.End)
		if strings.HasSuffix(want, "\r") && bl.End < len(u) && u[bl.End] == '\n' {
			want = strings.TrimSuffix(want, "\r") // a CRLF's CR is not shown
		}
		if bl.Shown != want {
			t.Errorf("block %d shows %q..., want %q...", i, trunc(bl.Shown), trunc(want))
		}
		if bl.End-bl.Start > 4000 {
			t.Errorf("block %d is %d units long", i, bl.End-bl.Start)
		}
		if i+1 < len(blocks) && bl.End < len(u) && u[bl.End] != '\n' { // a cut
			if u[bl.End-1] != ' ' {
				t.Errorf("block %d is cut after %q, not after a space", i, str(bl.End-1, bl.End))
			}
			if r, _ := utf8.DecodeRuneInString(str(bl.End, min(len(u), bl.End+2))); r == '\u0301' || r == '\u200d' {
				t.Errorf("block %d is cut before the joining %U", i, r)
			}
		}
		pos = bl.End
		if bl.End < len(u) && u[bl.End] == '\n' {
			pos++
		}
	}
	if pos != len(u) {
		t.Fatalf("the blocks end at %d of %d", pos, len(u))
	}
	if blocks[0].End == 1000 {
		t.Errorf("the first cut is at 1000, before the combining mark")
	}

	// Label two words across the third cut with a mouse drag.
	cut := blocks[3].End
	a, e := cut-1, cut // UTF-16 indexes, like the page's
	for a > 0 && u[a-1] != ' ' {
		a--
	}
	for e < len(u) && u[e] != ' ' {
		e++
	}
	needle := str(a, e) // "wN wN+1", the space at the cut inside
	if !strings.Contains(needle, " ") || strings.Count(text, needle) != 1 {
		t.Fatalf("bad needle %q", needle)
	}
	p.dragSelect(needle, "", 0)
	p.key("1")
	p.settle()
	if got := p.highlightTexts("sm-PERSON"); len(got) != 1 || got[0] != needle {
		t.Fatalf("PERSON highlight %q, want [%q]", got, needle)
	}
	p.screenshot("long-line")
	f := parseProject(t, p.export())
	start := utf8.RuneCountInString(text[:strings.Index(text, needle)])
	want := projFrag{start, start + utf8.RuneCountInString(needle), needle}
	if got := f.Documents[0].Spans; len(got) != 1 || len(got[0].Fragments) != 1 || got[0].Fragments[0] != want {
		t.Errorf("exported spans %+v, want one with %+v", got, want)
	}

	// The Hebrew line's later blocks begin with a Latin name, and keep the
	// line's right-to-left direction.
	var dirs []struct {
		Text string
		RTL  bool
	}
	p.eval(`(() => {
		const v = smApp.view, out = [], first = v.lineAt(v.text.indexOf("השיחות נמשכות"));
		for (let i = first; i < v.starts.length; i++) out.push({ text: v.para(i).textContent.slice(0, 12), rtl: v.para(i).matches(":dir(rtl)") });
		return out;
	})()`, &dirs)
	cnn := 0
	for i, d := range dirs {
		if !d.RTL {
			t.Errorf("block %d of the Hebrew line (%q…) is left-to-right", i, d.Text)
		}
		if i > 0 && strings.HasPrefix(d.Text, "CNN") {
			cnn++
		}
	}
	if len(dirs) < 5 || cnn < 3 {
		t.Errorf("the Hebrew line has %d blocks, %d of them after a sentence end", len(dirs), cnn)
	}
	p.reveal("CNN דיווח 18")
	p.screenshot("long-line-rtl")

	// Copy a selection from the end of the first line, over the CRLF, into
	// the second line: the clipboard gets the text as loaded.
	crlf := utf16Len(text[:strings.Index(text, "\r\n")])
	from, to := crlf-20, crlf+8
	var copied string
	p.eval(fmt.Sprintf(`(() => {
		const sel = getSelection(); sel.removeAllRanges(); sel.addRange(smApp.view.range(%d, %d));
		const dt = new DataTransfer();
		sel.anchorNode.parentElement.dispatchEvent(new ClipboardEvent("copy", { clipboardData: dt, bubbles: true, cancelable: true }));
		return dt.getData("text/plain");
	})()`, from, to), &copied)
	if w := str(from, to); copied != w || !strings.Contains(w, "\r\n") {
		t.Errorf("copied %q, want %q", copied, w)
	}
	p.noErrors()
}

func trunc(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40])
	}
	return s
}
