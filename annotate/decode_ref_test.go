package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The encoding/json reader the project file was first read with, kept as
// the reference that the hand-written decoder (decode.go) is checked
// against: refLoad is the old load, decoding with reflection and then
// building the project with the same build.
func refLoad(data []byte) (*Project, Errors) {
	var f fileProject
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(&f)
	if err != nil {
		if es := checkHeader(data); es != nil {
			return nil, es
		}
		e := jsonError(data, err)
		if e.Line == 0 {
			e.Line = lineAt(data, int(dec.InputOffset()))
		}
		return nil, Errors{e}
	}
	if es := checkHeader(data); es != nil {
		return nil, es
	}
	return build(&f)
}

// jsonError turns a decoding error into a located bad_format error.
func jsonError(data []byte, err error) *Error {
	e := &Error{Code: CodeBadFormat, Msg: err.Error()}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		e.Line = lineAt(data, int(se.Offset))
		e.Msg = "not valid JSON: " + se.Error()
	case errors.As(err, &te):
		e.Line = lineAt(data, int(te.Offset))
		e.Field = te.Field
		e.Msg = fmt.Sprintf("expected %s, found a JSON %s", te.Type, te.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		e.Msg = "the file is empty or cut short"
	default:
		e.Msg = strings.TrimPrefix(err.Error(), "json: ")
	}
	return e
}

// checkHeader reads only the "format" and "version" fields of a file that
// failed to decode, so that a wrong format or a newer version is reported
// as such rather than as the field it did not know.
func checkHeader(data []byte) Errors {
	var h struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if err := json.Unmarshal(data, &h); err != nil {
		return Errors{jsonError(data, err)}
	}
	return headerProblems(h.Format, h.Version)
}
