package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

// profileJSON is a profile with its link.
type profileJSON struct {
	store.Profile
	URL string `json:"url"`
}

func withLink(p store.Profile) profileJSON {
	return profileJSON{Profile: p, URL: "/v1/profiles/" + p.ID}
}

func withLinks(ps []store.Profile) []profileJSON {
	out := make([]profileJSON, len(ps))
	for i, p := range ps {
		out[i] = withLink(p)
	}
	return out
}

// handleProfile answers GET /v1/profiles/{id}. A merged profile answers
// with status "merged" and merged_into, so old ids still resolve.
func (s *Server) handleProfile(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	p, err := s.store.Profile(r.Context(), tok.TenantID, r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	if p.Status == store.ProfileErased {
		writeJSON(w, http.StatusOK, store.Erased{ID: p.ID, Status: p.Status})
		return nil
	}
	writeJSON(w, http.StatusOK, withLink(p))
	return nil
}

// handleErase answers DELETE /v1/profiles/{id}: the person is erased
// from the queue and the store (worker.EraseEverywhere), and the answer is
// the one every later read gets.
func (s *Server) handleErase(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	e, forgotten, err := worker.EraseEverywhere(r.Context(), s.store, s.queue, tok.TenantID, tok.Label, r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	s.log.Info("erased", "profile_id", e.ID, "archived_bookings_deleted", forgotten, "tenant_id", tok.TenantID,
		"request_id", RequestID(r.Context()))
	writeJSON(w, http.StatusOK, e)
	return nil
}

// handleExport answers GET /v1/profiles/{id}/export: everything held about
// the person, as one document. An erased person has nothing left.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	x, err := s.store.Export(r.Context(), tok.TenantID, r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	if x.Profile.Status == store.ProfileErased {
		writeJSON(w, http.StatusOK, store.Erased{ID: x.Profile.ID, Status: x.Profile.Status})
		return nil
	}
	w.Header().Set("Content-Disposition", `attachment; filename="profile-`+x.Profile.ID+`.json"`)
	writeJSON(w, http.StatusOK, x)
	return nil
}

// handleFindProfiles answers GET /v1/profiles?email=&mobile=: the active
// profiles holding either, for the "this customer already exists" banner.
func (s *Server) handleFindProfiles(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	q := r.URL.Query()
	if q.Has("q") {
		return s.searchProfiles(w, r, tok)
	}
	email, mobile := q.Get("email"), q.Get("mobile")
	if email == "" && mobile == "" {
		return badRequest(CodeMissingField, "email", "give q (a customer search), or email, mobile or both")
	}
	for name, v := range map[string]string{"email": email, "mobile": mobile} {
		if err := checkText(name, v, matcher.MaxContact); err != nil {
			return err
		}
	}
	ps, err := s.store.FindProfiles(r.Context(), tok.TenantID, email, mobile)
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"profiles": withLinks(ps)})
	return nil
}

// Search page sizes.
const (
	defaultSearchLimit = 20
	maxSearchLimit     = 100
	maxSearchText      = 200
)

// searchProfiles answers GET /v1/profiles?q=TEXT&limit=&cursor=: the front
// desk's customer search, best first, a page at a time.
func (s *Server) searchProfiles(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	if text == "" {
		return badRequest(CodeMissingField, "q", "q is the text to search: a name, an email or a phone number")
	}
	if err := checkText("q", text, maxSearchText); err != nil {
		return err
	}
	limit := defaultSearchLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxSearchLimit {
			return badRequest(CodeInvalidField, "limit", fmt.Sprintf("limit must be a whole number from 1 to %d", maxSearchLimit))
		}
		limit = n
	}
	res, err := s.store.SearchProfiles(r.Context(), tok.TenantID, text, limit, q.Get("cursor"))
	if errors.Is(err, store.ErrInvalid) {
		field := "q"
		if strings.Contains(err.Error(), "cursor") {
			field = "cursor"
		}
		return badRequest(CodeInvalidField, field, strings.TrimPrefix(err.Error(), "invalid: "))
	}
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"profiles": withLinks(res.Profiles), "next_cursor": res.NextCursor})
	return nil
}

// handleCreateProfile answers POST /v1/profiles: the front desk adds a
// customer as given. It never merges; profiles that share the new one's
// email or mobile come back as possible_duplicates, whole to a token that
// may read customers, as {"id", "url", "matched_on"} to a write-only one,
// and go before a reviewer (review_id). The fuzzy search runs as for a
// profile a booking created.
func (s *Server) handleCreateProfile(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	var c matcher.Customer
	if err := decodeJSON(w, r, &c); err != nil {
		return err
	}
	if err := checkCustomer("", c, s.now()); err != nil {
		return err
	}
	if !matcher.Identifiable(c) {
		return badRequest(CodeMissingField, "first_name", "a profile needs at least a name, an email, a mobile or a phone number")
	}
	created, err := s.store.CreateProfile(r.Context(), tok.TenantID, tok.Label, c)
	if err != nil {
		return storeError(err)
	}
	s.searchLater(r.Context(), tok.TenantID, created.Profile.ID)
	out := make([]any, len(created.PossibleDuplicates))
	for i, d := range created.PossibleDuplicates {
		if tok.Has(store.ScopeRead) {
			out[i] = struct {
				profileJSON
				MatchedOn []matcher.Field `json:"matched_on"`
			}{withLink(d.Profile), d.MatchedOn}
		} else {
			out[i] = duplicateLink{ID: d.ID, URL: "/v1/profiles/" + d.ID, MatchedOn: d.MatchedOn}
		}
	}
	var reviewID *string
	if created.ReviewID != "" {
		reviewID = &created.ReviewID
	}
	writeJSON(w, http.StatusCreated, map[string]any{"profile": withLink(created.Profile), "possible_duplicates": out, "review_id": reviewID})
	return nil
}

// duplicateLink is a possible duplicate as a token without the read scope
// sees it: which profile, and which of the new profile's keys it holds.
type duplicateLink struct {
	ID        string          `json:"id"`
	URL       string          `json:"url"`
	MatchedOn []matcher.Field `json:"matched_on"`
}
