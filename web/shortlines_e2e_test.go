package web_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// An article of many short lines (a word list, subtitles, verse, one token
// a line) is grouped into chunks by rows, not by a count of lines: the
// browser checks every chunk against the screen in every frame, and 64
// lines a chunk made thousands of them. Labelling in the middle of it
// still gives exact code-point offsets.
func TestE2EShortLines(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 240_000; i++ {
		switch {
		case i == 15_000:
			b.WriteString("🇮🇱\nיואב\nKanaani\n") // a flag and Hebrew before the word: code points ≠ UTF-16 ≠ bytes
		case i%7 == 0:
			b.WriteString("\n") // a blank line now and then
		default:
			fmt.Fprintf(&b, "w%d\n", i)
		}
	}
	text := b.String()
	p := openPage(t, "/")
	p.openFile("short.json", personProject("short", "Short lines", text))
	p.waitFor(`smApp.docId === "short"`)

	var chunks []struct{ First, End int }
	var lines int
	p.eval(`smApp.view.chunks.map(c => ({ first: c.smFirst, end: c.smEnd }))`, &chunks)
	p.eval(`smApp.view.starts.length`, &lines)
	if want := strings.Count(text, "\n") + 1; lines != want {
		t.Fatalf("%d lines shown, want %d", lines, want)
	}
	pos := 0
	for i, c := range chunks {
		if c.First != pos || c.End <= c.First {
			t.Fatalf("chunk %d holds lines [%d, %d), want it to start at %d (chunks must tile the lines)", i, c.First, c.End, pos)
		}
		pos = c.End
	}
	if pos != lines {
		t.Fatalf("the chunks end at line %d of %d", pos, lines)
	}
	// ~35,000 lines of one row (or a third of one): 64 lines a chunk made
	// 540 chunks, 256 rows a chunk make ~130
	if len(chunks) > lines/200 {
		t.Errorf("%d chunks for %d short lines: want at most %d (about 256 rows each)", len(chunks), lines, lines/200)
	}

	p.dragSelect("Kanaani", "", 0)
	p.key("1")
	p.settle()
	if got := p.highlightTexts("sm-PERSON"); len(got) != 1 || got[0] != "Kanaani" {
		t.Fatalf("PERSON highlight %q, want [Kanaani]", got)
	}
	f := parseProject(t, p.export())
	start := utf8.RuneCountInString(text[:strings.Index(text, "Kanaani")])
	want := projFrag{start, start + len("Kanaani"), "Kanaani"}
	if got := f.Documents[0].Spans; len(got) != 1 || len(got[0].Fragments) != 1 || got[0].Fragments[0] != want {
		t.Errorf("exported spans %+v, want one with %+v", got, want)
	}
	p.screenshot("short-lines")
	p.noErrors()
}
