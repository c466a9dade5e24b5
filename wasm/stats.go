//go:build js && wasm

package main

import (
	"strconv"

	"github.com/spanmark/spanmark/annotate"
	"github.com/spanmark/spanmark/internal/jsonw"
)

// The project's statistics (annotate.Project.Stats) as the Stats object of
// spanmark.d.ts: counted in the core, only written out here.

func stats(a *argv) (any, error) {
	return parseJSON(appendStats(nil, theProject.Stats()))
}

func appendStats(b []byte, st annotate.Stats) []byte {
	b = append(b, `{"labels":`...)
	b = appendLabelStats(b, st.Labels)
	b = append(b, `,"relations":`...)
	b = appendLabelStats(b, st.Relations)
	b = append(b, `,"docs":[`...)
	for i, d := range st.Docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = jsonw.AppendString(b, d.ID)
		b = append(b, `,"title":`...)
		b = jsonw.AppendString(b, d.Title)
		b = append(b, `,"status":`...)
		b = jsonw.AppendString(b, string(d.Status))
		b = append(b, `,"spans":`...)
		b = strconv.AppendInt(b, int64(d.Spans), 10)
		b = append(b, `,"counts":`...)
		b = appendInts(b, d.Counts)
		b = append(b, '}')
	}
	b = append(b, `],"todo":`...)
	b = strconv.AppendInt(b, int64(st.Todo), 10)
	b = append(b, `,"inProgress":`...)
	b = strconv.AppendInt(b, int64(st.InProgress), 10)
	b = append(b, `,"done":`...)
	b = strconv.AppendInt(b, int64(st.Done), 10)
	b = append(b, `,"spans":`...)
	b = strconv.AppendInt(b, int64(st.Spans), 10)
	return append(b, '}')
}

func appendLabelStats(b []byte, ls []annotate.LabelStat) []byte {
	b = append(b, '[')
	for i, l := range ls {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = jsonw.AppendString(b, l.Name)
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(l.Count), 10)
		b = append(b, `,"docs":`...)
		b = strconv.AppendInt(b, int64(l.Docs), 10)
		b = append(b, '}')
	}
	return append(b, ']')
}
