package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

// ingestRequest is the body of POST /v1/bookings and POST /v1/sales.
// Pointers tell a missing field from an empty one.
type ingestRequest struct {
	ExternalID      *string           `json:"external_id"`
	Source          *string           `json:"source"`
	OccurredAt      *string           `json:"occurred_at"`
	RequestedFields *[]string         `json:"requested_fields"`
	Customer        *matcher.Customer `json:"customer"`
	Booking         json.RawMessage   `json:"booking"`
	Sale            json.RawMessage   `json:"sale"`
}

// saleBody is the part of a sale the API checks; the rest is kept as sent.
type saleBody struct {
	AmountCents *int64          `json:"amount_cents"`
	Currency    *string         `json:"currency"`
	Items       json.RawMessage `json:"items"`
}

// ingestAccepted is the 202 answer.
type ingestAccepted struct {
	IngestionID string `json:"ingestion_id"`
	StatusURL   string `json:"status_url"`
}

// maxExternalID bounds external_id; a longer one is refused, never cut.
const maxExternalID = 200

// handleIngest validates a booking or sale and enqueues it. Nothing is
// written to PostgreSQL here: the worker does it in one transaction.
func (s *Server) handleIngest(kind string) handler {
	defaultSource := map[string]string{store.KindBooking: "booking_widget", store.KindSale: "web_sale"}[kind]
	return func(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
		var req ingestRequest
		if err := decodeJSON(w, r, &req); err != nil {
			return err
		}
		in, apiErr := req.validate(kind, defaultSource, s.now())
		if apiErr != nil {
			return apiErr
		}
		in.TenantID = tok.TenantID
		in.RequestID = RequestID(r.Context())
		in.IngestionID = worker.IngestionID(in.TenantID, in.Source, in.ExternalID)
		if err := s.queue.Enqueue(r.Context(), in); err != nil {
			return storeError(err)
		}
		writeJSON(w, http.StatusAccepted, ingestAccepted{IngestionID: in.IngestionID, StatusURL: "/v1/ingestions/" + in.IngestionID})
		return nil
	}
}

func (req *ingestRequest) validate(kind, defaultSource string, now time.Time) (store.Ingest, *Error) {
	in := store.Ingest{Kind: kind, AcceptedAt: now.UTC()}
	if req.ExternalID == nil || strings.TrimSpace(*req.ExternalID) == "" {
		return in, badRequest(CodeMissingField, "external_id", "external_id is required")
	}
	in.ExternalID = strings.TrimSpace(*req.ExternalID)
	if err := checkText("external_id", in.ExternalID, maxExternalID); err != nil {
		return in, err
	}
	in.Source = defaultSource
	if req.Source != nil {
		in.Source = *req.Source
	}
	if !slices.Contains(store.Sources, in.Source) {
		return in, badRequest(CodeInvalidField, "source", "source must be one of "+strings.Join(store.Sources, ", "))
	}
	if req.OccurredAt != nil {
		t, err := time.Parse(time.RFC3339, *req.OccurredAt)
		if err != nil || t.Year() < 1900 || t.Year() > 2200 {
			return in, badRequest(CodeInvalidField, "occurred_at", "occurred_at must be an RFC 3339 time between the years 1900 and 2200")
		}
		in.OccurredAt = t.UTC()
	}
	if req.RequestedFields != nil {
		in.Requested = []string{}
		for i, f := range *req.RequestedFields {
			if !matcher.ValidRequestedField(f) {
				return in, badRequest(CodeInvalidField, fmt.Sprintf("requested_fields[%d]", i), fmt.Sprintf("%q is not a profile field", f))
			}
			in.Requested = append(in.Requested, f)
		}
	}
	if req.Customer == nil {
		return in, badRequest(CodeMissingField, "customer", "customer is required")
	}
	if err := checkCustomer("customer.", *req.Customer, now); err != nil {
		return in, err
	}
	in.Customer = *req.Customer
	own, other := leftOutIfNull(req.Booking), leftOutIfNull(req.Sale)
	ownName, otherName := "booking", "sale"
	if kind == store.KindSale {
		own, other, ownName, otherName = other, own, "sale", "booking"
	}
	if other != nil {
		return in, badRequest(CodeUnknownField, otherName, fmt.Sprintf("a %s carries %q, not %q", kind, ownName, otherName))
	}
	if own != nil {
		if err := checkObject(ownName, own); err != nil {
			return in, err
		}
		if err := checkJSONB(ownName, own); err != nil {
			return in, err
		}
		if kind == store.KindSale {
			if err := checkSale(own); err != nil {
				return in, err
			}
		}
		in.Details = own
	}
	// Last, so that a malformed field is named first.
	if !matcher.Identifiable(*req.Customer) {
		return in, badRequest(CodeMissingField, "customer", "a customer needs at least a name, an email, a mobile or a phone number")
	}
	return in, nil
}

// checkCustomer checks the customer fields (matcher.CheckCustomer), naming
// the field with prefix.
func checkCustomer(prefix string, c matcher.Customer, now time.Time) *Error {
	if fe := matcher.CheckCustomer(c, now); fe != nil {
		return badRequest(CodeInvalidField, prefix+fe.Field, fe.Message)
	}
	return nil
}

// checkText refuses over-long text and control characters.
func checkText(field, v string, max int) *Error {
	if fe := matcher.CheckText(field, v, max); fe != nil {
		return badRequest(CodeInvalidField, fe.Field, fe.Message)
	}
	return nil
}

// leftOutIfNull reads an object sent as null as left out, as
// encoding/json reads every other field sent as null.
func leftOutIfNull(raw json.RawMessage) json.RawMessage {
	if string(raw) == "null" {
		return nil
	}
	return raw
}

// maxDepth bounds how deeply a booking or sale object may nest. It is
// stored as jsonb, and a document nested thousands deep is no booking: it
// is refused here rather than fail in the worker.
const maxDepth = 16

func checkObject(field string, raw json.RawMessage) *Error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return badRequest(CodeInvalidField, field, field+" must be an object")
	}
	if depth(raw) > maxDepth {
		return badRequest(CodeInvalidField, field, fmt.Sprintf("%s nests deeper than %d levels", field, maxDepth))
	}
	return nil
}

// depth is the deepest nesting of objects and arrays in valid JSON.
func depth(raw []byte) int {
	d, deepest, inString, escaped := 0, 0, false, false
	for _, c := range raw {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			d++
			deepest = max(deepest, d)
		case c == '}' || c == ']':
			d--
		}
	}
	return deepest
}

func checkSale(raw json.RawMessage) *Error {
	var sale saleBody
	if err := json.Unmarshal(raw, &sale); err != nil {
		e := jsonError(err)
		e.Field = "sale." + e.Field
		return e
	}
	if sale.AmountCents != nil && *sale.AmountCents < 0 {
		return badRequest(CodeInvalidField, "sale.amount_cents", "amount_cents must not be negative")
	}
	if sale.Currency != nil && !currency.MatchString(*sale.Currency) {
		return badRequest(CodeInvalidField, "sale.currency", "currency must be an ISO 4217 code such as EUR")
	}
	if sale.Items != nil && sale.Items[0] != '[' {
		return badRequest(CodeInvalidField, "sale.items", "items must be an array")
	}
	return nil
}

var currency = regexp.MustCompile(`^[A-Z]{3}$`)
