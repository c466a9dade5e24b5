package formats

import (
	"strconv"

	"github.com/spanmark/spanmark/annotate"
)

// Warm imports a made-up doccano dataset of n records (both of doccano's
// span shapes, ASCII and other text) and plans its append to an empty
// project, keeping nothing. The page calls it while the file picker is
// open: a WebAssembly engine first runs a module's code from a quick
// baseline compile and optimises a function only once it has run a while,
// so the first import of a large file ran mostly unoptimised (in
// Chromium, a 20,000-record preview took 1.3 s the first time and 0.45 s
// the third). A few hundred records get the import's code optimised
// before the file arrives.
func Warm(n int) {
	cur := annotate.NewProject(nil)
	if _, p, _, err := Read([]File{{Name: "warm.jsonl", Data: warmData(n)}}, "doccano", ImportOptions{Schema: cur.Schema, AutoMap: true}); err == nil {
		cur.PlanAppend(p)
	}
}

// warmData is Warm's dataset.
func warmData(n int) []byte {
	var b []byte
	for i := range n {
		text := "Talks in Tehran and Oman went on, the minister said. Iran and the U.S. met in Muscat."
		if i%2 == 1 {
			text = "Les pourparlers à Téhéran ont repris — تهران — selon le ministre 👍🏽 Zürich."
		}
		b = append(b, `{"id":`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `,"text":"`...)
		b = append(b, text...)
		if i%4 < 2 {
			b = append(b, `","label":[[9,15,"GPE"],[20,24,"GPE"],[55,59,"LOC"]]}`+"\n"...)
		} else {
			b = append(b, `","entities":[{"id":1,"start_offset":9,"end_offset":15,"label":"GPE"},{"id":2,"start_offset":20,"end_offset":24,"label":"Person"}],"relations":[{"id":1,"from_id":1,"to_id":2,"type":"near"}],"meta":{"n":1}}`+"\n"...)
		}
	}
	return b
}
