//go:build js && wasm

package main

// The undo history and id counters beside the project file, for the page's
// autosave (annotate/history.go has the format and every check).

func exportHistory(a *argv) (any, error) { return string(theProject.HistoryJSON()), nil }

func restoreHistory(a *argv) (any, error) {
	data := a.str(0, "json")
	if a.err != nil {
		return nil, a.err
	}
	return nil, theProject.RestoreHistory([]byte(data))
}
