package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// decodeJSON reads a JSON object body into v: at most MaxBodyBytes, no
// unknown fields, no trailing data. Errors name the field at fault.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) *Error {
	if r.ContentLength > MaxBodyBytes {
		return tooLarge()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return tooLarge()
	}
	if err != nil {
		return badRequest(CodeInvalidJSON, "", "could not read the request body")
	}
	if !utf8.Valid(body) {
		return badRequest(CodeInvalidJSON, "", "the body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		e := jsonError(err)
		if e.Code == CodeUnknownField {
			// encoding/json names the field but not where it is.
			if path := unknownFieldPath(body, reflect.TypeOf(v)); path != "" {
				e.Field, e.Message = path, fmt.Sprintf("unknown field %q", path)
			}
		}
		return e
	}
	if dec.More() {
		return badRequest(CodeInvalidJSON, "", "unexpected data after the JSON object")
	}
	return nil
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
		field := typeErr.Field
		return badRequest(CodeInvalidField, field, fmt.Sprintf("%s must be %s, not %s", orBody(field), jsonKind(typeErr.Type.Kind().String()), typeErr.Value))
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
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[strings.ToLower(name)] = f.Type
	}
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		ft, ok := fields[strings.ToLower(key)]
		if !ok {
			return key
		}
		if sub := unknownFieldPath(obj[key], ft); sub != "" {
			return key + "." + sub
		}
	}
	return ""
}
