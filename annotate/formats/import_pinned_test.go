package formats

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotate"
)

// TestImportDoccanoDatasetPinned pins what the import preview makes of
// large doccano datasets, byte for byte: the project file, the report,
// the file's labels and the append plan, as a hash each case. Work on the
// import's speed (doccanofast.go, build.go, annotate's populate) must
// leave them as they are; a deliberate change of output updates the
// hashes, with the reason in the commit.
func TestImportDoccanoDatasetPinned(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: imports 2 × 20,000 records")
	}
	plain, rich, bad := doccanoDataset(), doccanoRichDataset(false), doccanoRichDataset(true)
	cases := []struct {
		name string
		data []byte
		opt  ImportOptions
		want string
	}{
		{"label utf16", plain, ImportOptions{AutoMap: true}, "12c28dc5b79eba5f52e7f106cddb7818fe63fa411e8a78a8f7d263932d1dab9d"},
		{"label codepoint", plain, ImportOptions{Offsets: UnitCodePoint, AutoMap: true}, "9cbfbb1b56344591234ac017898f514329c68e4d8f0dd16b5820e9ce789aae3f"},
		{"label grapheme", plain, ImportOptions{Offsets: UnitGrapheme}, "4cb8551d51acc1c742b4d4b0fba299e72d4e1af0546bcae9b38adb66b71c4ce4"},
		{"label suggestions", plain, ImportOptions{AutoMap: true, AsSuggestions: true}, "94231fe488d9e7ecefeb763fb637f692343a14739da7aecdcf20779ca80ab315"},
		{"rich utf16", rich, ImportOptions{AutoMap: true}, "01aebe20d176e1ccdd9fcb30ae486d77db0a5ff53aea29cd9dcb2e217f264cac"},
		{"rich codepoint", rich, ImportOptions{Offsets: UnitCodePoint, AutoMap: true}, "340078619f76dfb856ef9d5db2b76842908e8976e1b21c43168f33e72467f147"},
		{"rich grapheme", rich, ImportOptions{Offsets: UnitGrapheme, LabelMap: map[string]string{"Person": "PERSON"}}, "51c0c23390bff0641db22a2d40c22ab79738ff18ffd6e00f26fb409739b5efe1"},
		{"rich suggestions", rich, ImportOptions{AutoMap: true, AsSuggestions: true}, "4e0ac695e4a44d0c4107deb335ea6d9eab2bcdbd2ed407480a8ed916f652fe5e"},
		{"rich with errors", bad, ImportOptions{AutoMap: true}, "0574554961d312a0ef243487afb52d6146e18604e5d54f9e889a513014f5d709"},
	}
	for _, c := range cases {
		cur := annotate.NewProject(nil)
		var labels []FileLabel
		c.opt.Schema, c.opt.FileLabels = cur.Schema, &labels
		h := sha256.New()
		_, p, rep, err := Read([]File{{Name: "dataset.jsonl", Data: c.data}}, "", c.opt)
		fmt.Fprintf(h, "error %v\nreport %q\nlabels %+v\n", err, rep, labels)
		if err == nil {
			if err := p.Save(h); err != nil {
				t.Fatal(err)
			}
			plan, err := cur.PlanAppend(p)
			fmt.Fprintf(h, "plan %q %v\n", plan, err)
			sp, err := cur.PlanAppendSuggestions(p)
			fmt.Fprintf(h, "suggestions plan %+v %v\n", sp, err)
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != c.want {
			t.Errorf("%s: hash %s, want %s (report %d lines, error %v)", c.name, got, c.want, len(rep), err)
		}
	}
}

// doccanoRichDataset is 20,000 doccano records in the "entities" shape,
// with what the plain dataset lacks: text beyond ASCII (accents, an emoji
// with a skin tone, Persian, CRLF), relations, string and number ids,
// metadata and other members, a record with an escape, and records
// without spans; with bad, spans that fail (out of range, a split emoji).
func doccanoRichDataset(bad bool) []byte {
	words := strings.Fields("the minister said talks in Tehran تهران would continue — Zürich officials 👍🏽 denied a deal; Iran and the U.S. met in Oman\r\n")
	r := rand.New(rand.NewSource(2))
	var buf bytes.Buffer
	for i := range 20_000 {
		var text []rune
		var ents []map[string]any
		for k := range 10 + r.Intn(40) {
			if k > 0 {
				text = append(text, ' ')
			}
			w := words[r.Intn(len(words))]
			u16 := len(utf16Of(string(text)))
			if w == "Tehran" || w == "تهران" || w == "Zürich" || w == "👍🏽" || w == "Oman" {
				label := map[string]string{"Tehran": "GPE", "تهران": "GPE", "Zürich": "LOC", "👍🏽": "Emoji", "Oman": "Person"}[w]
				e := map[string]any{"start_offset": u16, "end_offset": u16 + len(utf16Of(w)), "label": label}
				if r.Intn(2) == 0 {
					e["id"] = len(ents) + 1
				} else {
					e["id"] = fmt.Sprintf("e%d", len(ents)+1)
				}
				if bad && r.Intn(50) == 0 {
					e["end_offset"] = u16 + 1 // splits a pair or a cluster, or not
				}
				if bad && r.Intn(200) == 0 {
					e["end_offset"] = 1 << 20
				}
				ents = append(ents, e)
			}
			text = append(text, []rune(w)...)
		}
		rec := map[string]any{"text": string(text), "entities": ents}
		switch i % 5 {
		case 0:
			rec["id"] = i
		case 1:
			rec["id"] = fmt.Sprintf("doc-%d", i)
			rec["meta"] = map[string]any{"source": "wire", "n": i}
		case 2:
			rec["comments"] = []string{"checked"}
		case 3:
			rec["entities"] = []map[string]any{}
		}
		if len(ents) >= 2 && i%3 == 0 && i%5 != 3 {
			rec["relations"] = []map[string]any{{"id": 1, "from_id": ents[0]["id"], "to_id": ents[1]["id"], "type": "near"}}
		}
		line, _ := json.Marshal(rec)
		if i%997 == 0 {
			line = bytes.Replace(line, []byte(" "), []byte(`\u0020`), 1) // an escape (in the text): json.Unmarshal reads it
		}
		buf.Write(append(line, '\n'))
	}
	return buf.Bytes()
}

func utf16Of(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xd800+(r>>10)), uint16(0xdc00+(r&0x3ff)))
		} else {
			out = append(out, uint16(r))
		}
	}
	return out
}
