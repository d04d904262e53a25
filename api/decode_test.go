package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"dedupe/matcher"
	"dedupe/store"
)

// FuzzIngestDecode feeds any body to the booking decoder and validator: it
// never panics, refuses with a 4xx and a code, or accepts a booking whose
// every field passes the checks and whose customer can be found again.
func FuzzIngestDecode(f *testing.F) {
	f.Add(`{"external_id": "bk-1", "customer": {"first_name": "Camille", "email": "c@example.fr"}}`)
	f.Add(`{"external_id": "bk-1", "requested_fields": ["email"], "customer": {}, "booking": {"a": [1, {"b": null}]}}`)
	f.Add(`{"external_id": 1}`)
	f.Add(`{"external_id": "x", "customer": {"attributes": {"k": "v"}}, "occurred_at": "2026-11-23T10:00:00Z"}`)
	f.Add(`[[[[[[[[[[[[[[[[[[[[`)
	f.Add("{\"external_id\": \"a\\u0000b\", \"customer\": {}}")
	f.Add(`{"external_id": "a", "customer": {"attributes": {"k": "v", "k": 1}}, "external_\u0069d": "b"}`)
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body string) {
		for _, kind := range []string{store.KindBooking, store.KindSale} {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/v1/bookings", strings.NewReader(body))
			var r ingestRequest
			apiErr := decodeJSON(rec, req, &r)
			var in store.Ingest
			if apiErr == nil {
				in, apiErr = r.validate(kind, "booking_widget", now)
			}
			if apiErr != nil {
				if apiErr.Status < 400 || apiErr.Status > 499 || apiErr.Code == "" || apiErr.Message == "" {
					t.Fatalf("refusal %+v is not a 4xx with a code and a message", apiErr)
				}
				continue
			}
			if in.ExternalID == "" || len(in.ExternalID) > 4*maxExternalID {
				t.Fatalf("accepted external_id %q", in.ExternalID)
			}
			if fe := matcher.CheckCustomer(in.Customer, now); fe != nil {
				t.Fatalf("accepted a customer that fails the checks: %v", fe)
			}
			if !matcher.Identifiable(in.Customer) {
				t.Fatalf("accepted a customer with no name, email or number: %+v", in.Customer)
			}
			for _, f := range in.Requested {
				if !matcher.ValidRequestedField(f) {
					t.Fatalf("accepted requested field %q", f)
				}
			}
		}
	})
}

func TestUnknownFieldIsNamedWithItsPath(t *testing.T) {
	for body, want := range map[string]string{
		`{"external_id": "bk-1", "password": "x"}`:                                     "password",
		`{"external_id": "bk-1", "customer": {"first_name": "A", "nickname": "x"}}`:    "customer.nickname",
		`{"external_id": "bk-1", "customer": {"address": {"line1": "x", "zip": "1"}}}`: "customer.address.zip",
	} {
		req := httptest.NewRequest(http.MethodPost, "/v1/bookings", strings.NewReader(body))
		var r ingestRequest
		err := decodeJSON(httptest.NewRecorder(), req, &r)
		if err == nil || err.Code != CodeUnknownField || err.Field != want {
			t.Errorf("%s: %+v, want unknown_field on %s", body, err, want)
		}
	}
	// Inside booking and attributes, any key goes.
	req := httptest.NewRequest(http.MethodPost, "/v1/bookings", strings.NewReader(
		`{"external_id": "bk-1", "customer": {"attributes": {"anything": "x"}}, "booking": {"whatever": 1}}`))
	var r ingestRequest
	if err := decodeJSON(httptest.NewRecorder(), req, &r); err != nil {
		t.Errorf("free keys refused: %+v", err)
	}
}

// decode runs decodeJSON on body sent with Content-Type ct (none when "").
func decode(body, ct string, v any) *Error {
	req := httptest.NewRequest(http.MethodPost, "/v1/bookings", strings.NewReader(body))
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	return decodeJSON(httptest.NewRecorder(), req, v)
}

// TestTypeErrorIsNamedWithItsPath: a value of the wrong type inside a map
// is named by its whole path, not the map's; elsewhere, as encoding/json
// names struct fields.
func TestTypeErrorIsNamedWithItsPath(t *testing.T) {
	for _, tt := range []struct {
		body string
		v    any
		want string
	}{
		{`{"external_id": "bk-1", "customer": {"attributes": {"points": 12}}}`, &ingestRequest{}, "customer.attributes.points"},
		{`{"customer": {"attributes": {"a": "x", "tier": {"gold": true}}}}`, &ingestRequest{}, "customer.attributes.tier"},
		{`{"customer": {"attributes": {"tags": ["a"]}}}`, &ingestRequest{}, "customer.attributes.tags"},
		{` {"Customer": {"Attributes": {"p\u006fints": null, "visits": 3}}}`, &ingestRequest{}, "customer.attributes.visits"},
		{`{"fields": {"first_name": 1}}`, &mergeRequest{}, "fields.first_name"},
		{`{"attribute_rules": {"points": ["sum"]}}`, &store.PolicyChange{}, "attribute_rules.points"},
		// Not inside a map: as before.
		{`{"external_id": 1}`, &ingestRequest{}, "external_id"},
		{`{"customer": {"first_name": 5}}`, &ingestRequest{}, "customer.first_name"},
		{`{"customer": {"attributes": 5}}`, &ingestRequest{}, "customer.attributes"},
		{`{"requested_fields": ["email", 5]}`, &ingestRequest{}, "requested_fields"},
		{`[]`, &ingestRequest{}, ""},
	} {
		err := decode(tt.body, "", tt.v)
		if err == nil || err.Code != CodeInvalidField || err.Field != tt.want || !strings.HasPrefix(err.Message, orBody(tt.want)+" must be") {
			t.Errorf("%s: %+v, want invalid_field on %q", tt.body, err, tt.want)
		}
	}
}

// TestRepeatedKeyIsRefused: encoding/json keeps a repeated key's last
// value, where a proxy or a log may keep the first; the body is refused,
// naming the key, wherever it is.
func TestRepeatedKeyIsRefused(t *testing.T) {
	keys := func(n int) string { // n distinct keys, each followed by a comma
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, `"k%d": %d, `, i, i)
		}
		return b.String()
	}
	many := keys(3 * smallObject)
	// Small objects nested until jsonWalk.keys is full: b and c go into
	// maps.
	nested := `{"external_id": "a", "customer": {}, "booking": {` + keys(smallObject-1) + `"b": {` + keys(smallObject-1) +
		`"c": {` + keys(smallObject-1) + `"d": 1}, "k3": 1}}}`
	for body, want := range map[string]string{
		`{"external_id": "a", "external_id": "b", "customer": {}}`:                                       "external_id",
		`{"external_id": "a", "external_\u0069d": "b", "customer": {}}`:                                  "external_id",
		`{"external_id": "a", "customer": {"email": "a@example.fr", "email": "b@example.fr"}}`:           "customer.email",
		`{"external_id": "a", "customer": {"attributes": {"k": "1", "k": "2"}}}`:                         "customer.attributes.k",
		`{"external_id": "a", "customer": {}, "booking": {"items": [{"sku": 1}, {"sku": 2, "sku": 3}]}}`: "booking.items[1].sku",
		`{"external_id": "a", "customer": {}, "booking": {` + many + `"k7": 0}}`:                         "booking.k7",
		nested: "booking.b.k3",
		`{"external_id": "a", "customer": {}, "booking": {"a\"b": 1, "a\"b": 2}}`: `booking.a"b`,
	} {
		var r ingestRequest
		err := decode(body, "", &r)
		if err == nil || err.Code != CodeInvalidJSON || err.Field != want {
			t.Errorf("%.80s: %+v, want invalid_json on %s", body, err, want)
		}
	}
	// The same key in different objects, and many distinct keys, are fine.
	for _, body := range []string{
		`{"external_id": "a", "customer": {"attributes": {"external_id": "x"}}, "booking": {"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}}`,
		`{"external_id": "a", "customer": {}, "booking": {` + many + `"a\"b": 1, "a\"c": 2, "a\\b": 3}}`,
		`{"external_id": "a", "customer": {}, "booking": {"x": "}\"{", "y": "\\", "z": [-1.5e+10, true, null, {}], "zz": {"x": 1}}}`,
		strings.Replace(nested, `"k3": 1`, `"e": 1`, 1),
	} {
		var r ingestRequest
		if err := decode(body, "", &r); err != nil {
			t.Errorf("%.80s: %+v", body, err)
		}
	}
}

// TestContentTypeIsJSON: a body labelled as something else than JSON, or
// as JSON in a charset other than UTF-8, is refused with 415; one with no
// Content-Type is read as JSON.
func TestContentTypeIsJSON(t *testing.T) {
	const body = `{"external_id": "bk-1", "customer": {}}`
	for _, ct := range []string{"", "application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
		"application/json; charset=\"utf-8\"", "application/json; charset=utf8", "application/merge-patch+json"} {
		var r ingestRequest
		if err := decode(body, ct, &r); err != nil {
			t.Errorf("Content-Type %q: %+v", ct, err)
		}
	}
	for _, ct := range []string{"text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
		"multipart/form-data; boundary=x", "application/jsonp", "json", "application/json; charset",
		"application/json; charset=iso-8859-1", "application/json; charset=windows-1252", "application/json; charset=utf-16"} {
		var r ingestRequest
		err := decode(body, ct, &r)
		if err == nil || err.Status != http.StatusUnsupportedMediaType || err.Code != CodeUnsupportedMedia || err.Field != "Content-Type" {
			t.Errorf("Content-Type %q: %+v, want 415 unsupported_media_type", ct, err)
		}
	}
}

// TestTrailingDataIsRefused: anything but white space after the object,
// a closing bracket too, is refused: the sender did not send what we read.
func TestTrailingDataIsRefused(t *testing.T) {
	for _, tail := range []string{"}", "]", "{}", "x", " \n {"} {
		var r ingestRequest
		if err := decode(`{"external_id": "a", "customer": {}}`+tail, "", &r); err == nil || err.Code != CodeInvalidJSON {
			t.Errorf("a body followed by %q: %+v, want invalid_json", tail, err)
		}
	}
	var r ingestRequest
	if err := decode("{\"external_id\": \"a\", \"customer\": {}} \r\n", "", &r); err != nil {
		t.Errorf("a body followed by white space: %+v", err)
	}
}
