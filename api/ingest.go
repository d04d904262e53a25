package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dedupe/matcher"
	"dedupe/store"
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

// Limits on input sizes; longer values are refused, never cut.
const (
	maxExternalID = 200
	maxName       = 200
	maxContact    = 320
	maxShort      = 35
	maxAttributes = 50
	maxAttrKey    = 64
	maxAttrValue  = 1000
)

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
		in.IngestionID = store.IngestionID(in.TenantID, in.Source, in.ExternalID)
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
		for _, f := range *req.RequestedFields {
			if !matcher.ValidRequestedField(f) {
				return in, badRequest(CodeInvalidField, "requested_fields", fmt.Sprintf("%q is not a profile field", f))
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
	own, other := req.Booking, req.Sale
	ownName, otherName := "booking", "sale"
	if kind == store.KindSale {
		own, other, ownName, otherName = req.Sale, req.Booking, "sale", "booking"
	}
	if other != nil {
		return in, badRequest(CodeUnknownField, otherName, fmt.Sprintf("a %s carries %q, not %q", kind, ownName, otherName))
	}
	if own != nil {
		if err := checkObject(ownName, own); err != nil {
			return in, err
		}
		if kind == store.KindSale {
			if err := checkSale(own); err != nil {
				return in, err
			}
		}
		in.Details = own
	}
	return in, nil
}

// checkCustomer checks the customer fields' sizes and formats. A mistyped
// email or phone number is not refused: it is stored as given and never
// used as a match key.
func checkCustomer(prefix string, c matcher.Customer, now time.Time) *Error {
	for _, f := range []struct {
		name, value string
		max         int
	}{
		{"first_name", c.FirstName, maxName}, {"last_name", c.LastName, maxName},
		{"email", c.Email, maxContact}, {"mobile", c.Mobile, maxContact}, {"phone", c.Phone, maxContact},
		{"gender", c.Gender, maxShort}, {"locale", c.Locale, maxShort}, {"birth_date", c.BirthDate, maxShort},
	} {
		if err := checkText(prefix+f.name, f.value, f.max); err != nil {
			return err
		}
	}
	if c.BirthDate != "" {
		d, err := time.Parse(time.DateOnly, c.BirthDate)
		if err != nil || d.Year() < 1900 || d.After(now) {
			return badRequest(CodeInvalidField, prefix+"birth_date", "birth_date must be a YYYY-MM-DD date between 1900-01-01 and today")
		}
	}
	if len(c.Attributes) > maxAttributes {
		return badRequest(CodeInvalidField, prefix+"attributes", fmt.Sprintf("at most %d attributes", maxAttributes))
	}
	for k, v := range c.Attributes {
		if !attrKey.MatchString(k) {
			return badRequest(CodeInvalidField, prefix+"attributes", fmt.Sprintf("attribute names are 1-%d letters, digits, '_', '-' or '.'", maxAttrKey))
		}
		if err := checkText(prefix+"attributes."+k, v, maxAttrValue); err != nil {
			return err
		}
	}
	return nil
}

var attrKey = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// checkText refuses over-long text and control characters (NUL above all).
func checkText(field, v string, max int) *Error {
	if utf8.RuneCountInString(v) > max {
		return badRequest(CodeInvalidField, field, fmt.Sprintf("%s is longer than %d characters", field, max))
	}
	if strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) || r == utf8.RuneError }) {
		return badRequest(CodeInvalidField, field, field+" contains control characters or invalid UTF-8")
	}
	return nil
}

func checkObject(field string, raw json.RawMessage) *Error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return badRequest(CodeInvalidField, field, field+" must be an object")
	}
	return nil
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
