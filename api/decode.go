package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// decodeJSON reads a JSON object body into v: sent as JSON, at most
// MaxBodyBytes, no unknown fields, no key twice in an object, no trailing
// data. Errors name the field at fault.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) *Error {
	if err := checkContentType(r); err != nil {
		return err
	}
	body, apiErr := readBody(w, r)
	if apiErr != nil {
		return apiErr
	}
	return decodeBody(body, v)
}

// readBody reads a request's body, at most MaxBodyBytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *Error) {
	if r.ContentLength > MaxBodyBytes {
		return nil, tooLarge()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return nil, tooLarge()
	}
	if err != nil {
		return nil, badRequest(CodeInvalidJSON, "", "could not read the request body")
	}
	return body, nil
}

// decodeBody decodes a body read by readBody into v, as decodeJSON says.
func decodeBody(body []byte, v any) *Error {
	if !utf8.Valid(body) {
		return badRequest(CodeInvalidJSON, "", "the body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	value := body[:dec.InputOffset()] // valid JSON unless err is a syntax error
	if err != nil {
		return decodeError(err, value, reflect.TypeOf(v))
	}
	if len(bytes.TrimLeft(body[len(value):], " \t\r\n")) > 0 {
		return badRequest(CodeInvalidJSON, "", "unexpected data after the JSON object")
	}
	// encoding/json keeps a repeated key's last value; a proxy or a log
	// that keeps the first would see another request than we accept.
	if path := repeatedKey(value); path != "" {
		return badRequest(CodeInvalidJSON, path, fmt.Sprintf("%s appears twice in the same object; send each key once", path))
	}
	return nil
}

// checkContentType refuses a body sent as something else than JSON, such
// as a form or text/plain: what its sender meant is unclear, and those are
// what an HTML form on another site can post. A body with no Content-Type
// is read as JSON: simple clients send none.
func checkContentType(r *http.Request) *Error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, params, err := mime.ParseMediaType(ct)
	isJSON := err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
	// JSON is UTF-8 (RFC 8259); a body declared in another charset would be
	// read wrongly, its accented names garbled, so it is refused.
	charset, named := params["charset"]
	if isJSON && (!named || strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "utf8")) {
		return nil
	}
	msg := "the body must be JSON, sent as application/json"
	switch {
	case isJSON:
		msg = "the body must be JSON in UTF-8, not in charset " + charset
	case err == nil:
		msg += ", not " + mt
	}
	return &Error{Status: http.StatusUnsupportedMediaType, Code: CodeUnsupportedMedia, Field: "Content-Type", Message: msg}
}

// decodeError turns a Decode error into an API error naming the field at
// fault by its whole path, which encoding/json does not always give.
// value is the JSON value Decode read.
func decodeError(err error, value []byte, t reflect.Type) *Error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return typeError(typeErrorField(value, t, typeErr), typeErr)
	}
	e := jsonError(err)
	if e.Code == CodeUnknownField {
		// encoding/json names the field but not where it is.
		if path := unknownFieldPath(value, t); path != "" {
			e.Field, e.Message = path, fmt.Sprintf("unknown field %q", path)
		}
	}
	return e
}

// typeErrorField names the value a type error is about. encoding/json's
// Field lists the struct fields on the way but no map key, so for a value
// inside a map it names the map ("customer.attributes"): the path is then
// read from the value at the error's offset.
func typeErrorField(value []byte, t reflect.Type, e *json.UnmarshalTypeError) string {
	path := pathAt(value, e.Offset)
	inMap := false
	for i, step := range path {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Map:
			t, inMap = t.Elem(), true
		case reflect.Slice, reflect.Array:
			t = t.Elem()
		case reflect.Struct:
			f, ok := jsonFields(t)[strings.ToLower(step.key)]
			if !ok {
				return e.Field
			}
			path[i].key, t = f.name, f.typ // as the API names it, whatever the case sent
		default:
			return e.Field
		}
	}
	if !inMap {
		return e.Field
	}
	return pathString(path)
}

func tooLarge() *Error {
	return &Error{Status: http.StatusRequestEntityTooLarge, Code: CodeBodyTooLarge,
		Message: fmt.Sprintf("the body is larger than %d bytes", MaxBodyBytes)}
}

// jsonError turns an encoding/json error into an API error naming the field.
func jsonError(err error) *Error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return typeError(typeErr.Field, typeErr)
	case errors.As(err, &syntaxErr):
		return badRequest(CodeInvalidJSON, "", fmt.Sprintf("malformed JSON at byte %d: %v", syntaxErr.Offset, syntaxErr))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest(CodeInvalidJSON, "", "the body is empty or cut short")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return badRequest(CodeUnknownField, name, fmt.Sprintf("unknown field %q", name))
	}
	return badRequest(CodeInvalidJSON, "", err.Error())
}

func typeError(field string, e *json.UnmarshalTypeError) *Error {
	return badRequest(CodeInvalidField, field, fmt.Sprintf("%s must be %s, not %s", orBody(field), jsonKind(e.Type.Kind().String()), e.Value))
}

func orBody(field string) string {
	if field == "" {
		return "the body"
	}
	return field
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "struct", "map", "ptr":
		return "an object"
	case "slice", "array":
		return "an array"
	case "bool":
		return "true or false"
	case "int", "int64", "int32":
		return "an integer"
	case "float64":
		return "a number"
	}
	return goKind
}

// unknownFieldPath finds, in a JSON object decoded into a value of type t,
// the first key that t has no field for, and returns its path
// ("customer.address.street"). It follows structs and pointers to structs
// only: maps and raw JSON take any key.
func unknownFieldPath(body []byte, t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return ""
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return ""
	}
	fields := jsonFields(t)
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		f, ok := fields[strings.ToLower(key)]
		if !ok {
			return key
		}
		if sub := unknownFieldPath(obj[key], f.typ); sub != "" {
			return key + "." + sub
		}
	}
	return ""
}

type jsonField struct {
	name string
	typ  reflect.Type
}

// jsonFields maps the JSON names of struct type t's fields, in lower case
// (encoding/json matches keys to fields whatever their case), to the
// fields. Embedded structs without a name are left out.
func jsonFields(t reflect.Type) map[string]jsonField {
	fields := map[string]jsonField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[strings.ToLower(name)] = jsonField{name, f.Type}
	}
	return fields
}
