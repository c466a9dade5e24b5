//go:build js && wasm

package main

import (
	"slices"
	"strings"
	"testing"
)

type memInfo struct {
	Collected          bool
	Live, Heap, Cycles uint64
}

// TestCollectGarbage: spanmark.collectGarbage collects only when the heap
// grew by minGrowth bytes since the last collection, and says what it did.
func TestCollectGarbage(t *testing.T) {
	call(t, "newProject")
	first := callAs[memInfo](t, "collectGarbage") // minGrowth 0: always collects
	if !first.Collected || first.Cycles == 0 || first.Live == 0 || first.Heap < first.Live {
		t.Fatalf("collectGarbage(): %+v", first)
	}
	// a project of a few megabytes loaded: its file is garbage afterwards
	text := strings.Repeat("Iran said on Tuesday that talks would resume. ", 60_000)
	call(t, "addDocument", "big", "Big", text)
	for i := 0; i < 3; i++ {
		call(t, "exportProject")
	}
	m := callAs[memInfo](t, "collectGarbage", 1<<30)
	if m.Collected || m.Heap < m.Live+4<<20 {
		t.Fatalf("collectGarbage(1 GB) after ~10 MB of garbage: %+v (want no collection, heap 4 MB or more above live)", m)
	}
	m2 := callAs[memInfo](t, "collectGarbage", 1<<20)
	if !m2.Collected || m2.Cycles <= m.Cycles || m2.Heap >= m.Heap {
		t.Fatalf("collectGarbage(1 MB) after: %+v, before: %+v (want a collection that shrinks the heap)", m2, m)
	}
	if m2.Live < uint64(len(text)) {
		t.Errorf("live heap %d is less than the document's text (%d bytes)", m2.Live, len(text))
	}
	raw := decode[map[string]any](t, call(t, "collectGarbage", 1<<30)) // the field names of MemoryInfo in spanmark.d.ts
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if got := strings.Join(keys, ","); got != "collected,cycles,heap,live" {
		t.Errorf("MemoryInfo keys = %s", got)
	}
	if e := throws(t, "collectGarbage", "1MB"); e.Code != "bad_argument" || e.Field != "minGrowth" {
		t.Errorf("collectGarbage(\"1MB\"): %+v", e)
	}
	call(t, "newProject")
}
