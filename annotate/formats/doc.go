// Package formats converts spanmark projects to and from the dataset
// formats other tools read and write: the spanmark project file itself,
// spaCy/Prodigy JSONL, CoNLL IOB2, brat standoff, doccano JSONL and Label
// Studio JSON. The page (through the wasm bridge) and the spanmark command
// use this one implementation, so a file exported in the browser and one
// converted on the command line are byte-identical.
//
// Every Format follows the same rules:
//
//   - Offsets are Unicode code points into the text exactly as loaded.
//   - Export is deterministic: the same project gives the same bytes.
//   - Export says in its Report exactly what the target format cannot hold
//     ("conll: 3 nested or overlapping spans dropped"); nothing is lost
//     silently.
//   - Import is all-or-nothing: any error yields no project and an
//     annotate.Errors listing every problem with file, line, document,
//     span and field.
//   - Import checks each span's stored text (where the format stores one)
//     against the document; with ImportOptions.Repair a span whose text is
//     found nearby is moved there, and each move is reported.
//   - Labels, attributes and relation types the schema lacks are added to
//     the imported project's schema and reported, rather than refused, so
//     a peer tool's file always comes in — unless ImportOptions.LabelMap
//     maps a label to one the schema has (Person → PERSON; ProposeLabel
//     suggests it), which is reported too.
//   - A record's metadata spanmark has no field for (doccano's other
//     fields, Prodigy's meta, Label Studio's other data and task meta) is
//     kept with the document (annotate.Meta.Extra) and written back, as
//     the file wrote it, by the formats that have a place for it.
//
// The format-specific decisions (extension keys, how brat attributes are
// encoded, what each format loses) are documented on each format's type.
package formats
