//go:build js && wasm

package main

import (
	"strconv"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/internal/jsonw"
)

// The project's statistics (annotate.Project.Stats) as the Stats object of
// spanmark.d.ts: counted in the core, only written out here. (One helper
// writes every number: each append of a literal costs the wasm code.)

func stats(a *argv) (any, error) {
	st := theProject.Stats()
	b := append([]byte(nil), `{"labels":`...)
	b = appendLabelStats(b, st.Labels)
	b = append(b, `,"relations":`...)
	b = appendLabelStats(b, st.Relations)
	b = append(b, `,"docs":[`...)
	for i, d := range st.Docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKeyStr(b, `{"id":`, d.ID)
		b = appendKeyStr(b, `,"title":`, d.Title)
		b = appendKeyStr(b, `,"status":`, string(d.Status))
		b = appendKeyInt(b, `,"spans":`, d.Spans)
		b = append(b, `,"counts":`...)
		b = append(appendInts(b, d.Counts), '}')
	}
	b = appendKeyInt(b, `],"todo":`, st.Todo)
	b = appendKeyInt(b, `,"inProgress":`, st.InProgress)
	b = appendKeyInt(b, `,"done":`, st.Done)
	b = appendKeyInt(b, `,"spans":`, st.Spans)
	return parseJSON(append(b, '}'))
}

func appendLabelStats(b []byte, ls []annotate.LabelStat) []byte {
	b = append(b, '[')
	for i, l := range ls {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKeyStr(b, `{"name":`, l.Name)
		b = appendKeyInt(b, `,"count":`, l.Count)
		b = appendKeyInt(b, `,"docs":`, l.Docs)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendKeyInt(b []byte, key string, n int) []byte {
	return strconv.AppendInt(append(b, key...), int64(n), 10)
}

func appendKeyStr(b []byte, key, s string) []byte {
	return jsonw.AppendString(append(b, key...), s)
}
