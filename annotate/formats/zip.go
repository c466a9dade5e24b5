package formats

import "github.com/spanmark/spanmark/internal/zipc"

// Zip packs files into one .zip, for the page's brat download (one file
// per format). Entries keep the files' order and carry a fixed time, so
// the same export gives the same bytes. internal/zipc, not archive/zip,
// writes it: archive/zip was ~77 KB of the formats module (see zipc's doc).
func Zip(files []File) ([]byte, error) {
	zf := make([]zipc.File, len(files))
	for i, f := range files {
		zf[i] = zipc.File{Name: f.Name, Data: f.Data}
	}
	return zipc.Write(zf, zipc.Deflate)
}
