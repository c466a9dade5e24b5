package annotate

// The schema is read by the same strict reader as the rest of the project
// file (decode.go): exact field names, no field given twice, errors located
// by line and field path (schema.labels[2].attributes[0].type). Values of
// the wrong type are reported in the words encoding/json used when it read
// the schema: "expected []annotate.LabelDef, found a JSON number".
// ParseSchema, ParseLabelDef and ParseRelationDef (jsonapi.go) read the
// same objects from the wasm bridge.

var (
	schemaFields   = []string{"labels", "relations", "overlap", "doc_labels"}
	labelDefFields = []string{"name", "layer", "color", "hotkey", "description", "attributes"}
	attrDefFields  = []string{"name", "type", "values"}
	relDefFields   = []string{"name", "from", "to"}
	policyFields   = []string{"crossing"}
)

// schema reads the schema object; null leaves *dst nil.
func (d *decoder) schema(dst **Schema) bool {
	switch d.peek() {
	case 'n':
		return d.literal("null")
	case '{':
	default:
		return d.typeErr("an object")
	}
	s := &Schema{}
	d.jsonWords = true
	ok := d.object("annotate.Schema", schemaFields, func(k int) bool {
		switch k {
		case 0:
			return readList(d, &s.Labels, "[]annotate.LabelDef", d.labelDef)
		case 1:
			return readList(d, &s.Relations, "[]annotate.RelationDef", d.relationDef)
		case 2:
			return d.overlap(&s.Overlap)
		default:
			return d.strList(&s.DocLabels)
		}
	})
	d.jsonWords = false
	if ok {
		*dst = s
	}
	return ok
}

func (d *decoder) labelDef(l *LabelDef) bool {
	return d.object("annotate.LabelDef", labelDefFields, func(k int) bool {
		switch k {
		case 0:
			return d.strAs(&l.Name, "string")
		case 1:
			return d.strAs((*string)(&l.Layer), "annotate.Layer")
		case 2:
			return d.strAs(&l.Color, "string")
		case 3:
			return d.strAs(&l.Hotkey, "string")
		case 4:
			return d.strAs(&l.Description, "string")
		default:
			return readList(d, &l.Attributes, "[]annotate.AttrDef", d.attrDef)
		}
	})
}

func (d *decoder) attrDef(a *AttrDef) bool {
	return d.object("annotate.AttrDef", attrDefFields, func(k int) bool {
		switch k {
		case 0:
			return d.strAs(&a.Name, "string")
		case 1:
			return d.strAs((*string)(&a.Type), "annotate.AttrType")
		default:
			return d.strList(&a.Values)
		}
	})
}

func (d *decoder) relationDef(r *RelationDef) bool {
	return d.object("annotate.RelationDef", relDefFields, func(k int) bool {
		switch k {
		case 0:
			return d.strAs(&r.Name, "string")
		case 1:
			return d.strList(&r.From)
		default:
			return d.strList(&r.To)
		}
	})
}

// overlap reads the per-layer policies. Layers are free keys (Validate
// judges them), each given at most once.
func (d *decoder) overlap(dst *map[Layer]LayerPolicy) bool {
	switch d.peek() {
	case 'n':
		return d.literal("null")
	case '{':
	default:
		return d.typeErr("map[annotate.Layer]annotate.LayerPolicy")
	}
	m := map[Layer]LayerPolicy{}
	*dst = m
	return d.members("layer", func(k string) bool {
		if _, dup := m[Layer(k)]; dup {
			return false
		}
		var p LayerPolicy
		ok := d.object("annotate.LayerPolicy", policyFields, func(int) bool {
			return d.boolAs(&p.Crossing, "bool")
		})
		m[Layer(k)] = p
		return ok
	})
}

// readList reads an array into *dst, each element by elem. As with
// encoding/json, [] gives an empty slice and null leaves *dst nil: the
// project file is written back the same way.
func readList[T any](d *decoder, dst *[]T, what string, elem func(*T) bool) bool {
	if d.peek() == '[' && *dst == nil {
		*dst = []T{}
	}
	return d.array(what, func(int) bool {
		var v T
		ok := elem(&v)
		*dst = append(*dst, v)
		return ok
	})
}

func (d *decoder) strList(dst *[]string) bool {
	return readList(d, dst, "[]string", func(s *string) bool { return d.strAs(s, "string") })
}

// strAs reads a string (null leaves *dst as it is); what names the
// expected type in the message for another kind of value.
func (d *decoder) strAs(dst *string, what string) bool {
	if c := d.peek(); c != '"' && c != 'n' {
		return d.typeErr(what)
	}
	return d.str(dst)
}

// boolAs reads a boolean (null leaves *dst as it is).
func (d *decoder) boolAs(dst *bool, what string) bool {
	switch d.peek() {
	case 't':
		*dst = true
		return d.literal("true")
	case 'f':
		*dst = false
		return d.literal("false")
	case 'n':
		return d.literal("null")
	}
	return d.typeErr(what)
}

// strictValue reads one whole JSON text holding a single object, for the
// Parse functions (jsonapi.go): read reads the object; nothing but
// whitespace may follow. Errors are bad_argument (the input is an argument, not a file)
// and carry a line only when the input has several.
func strictValue(data []byte, prefix string, read func(d *decoder) bool) *Error {
	d := &decoder{data: data, path: make([]pathElem, 0, 8), subject: "the JSON text"}
	if prefix != "" {
		d.path = append(d.path, pathElem{key: prefix, idx: -1})
	}
	switch c := d.peek(); {
	case d.pos >= len(d.data):
		d.eof()
	case c == 'n':
		if d.literal("null") {
			d.fail(&Error{Field: d.fieldPath(), Msg: "expected an object, found a JSON null"})
		}
	case c != '{':
		d.typeErr("an object")
	default:
		if read(d) {
			d.ws()
			if d.pos < len(d.data) {
				d.syntax("unexpected " + d.describeHere() + " after the end of the top-level object")
			}
		}
	}
	e := d.err
	if e == nil {
		return nil
	}
	e.Code = CodeBadArgument
	if lineAt(data, len(data)) == 1 {
		e.Line = 0
	}
	return e
}
