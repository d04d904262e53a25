package api

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"dedupe/matcher"
	"dedupe/store"
)

// CodeConflict answers 409: the profile was merged already, the review is
// closed, the merge was undone or its survivor changed since.
const CodeConflict = "conflict"

// Review list page sizes.
const (
	defaultReviewPage = 50
	maxReviewPage     = 200
)

// routeReview registers the review API, the profile history and the review
// page, and the dedupe_merges_total counter.
func (s *Server) routeReview(reg prometheus.Registerer) error {
	s.merges = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dedupe_merges_total",
		Help: "Merges carried out, by kind: review (a candidate), manual (any profiles) and undo.",
	}, []string{"kind"})
	if err := reg.Register(s.merges); err != nil {
		return err
	}
	for _, kind := range []string{store.MergeKindReview, store.MergeKindManual, store.MergeKindUndo} {
		s.merges.WithLabelValues(kind) // export zeros, so rates work from the start
	}
	s.route("GET /v1/reviews", s.handleReviews, store.ScopeReview)
	s.route("GET /v1/reviews/{id}", s.handleReview, store.ScopeReview)
	s.route("POST /v1/reviews/{id}/merge", s.handleMergeReview, store.ScopeReview)
	s.route("POST /v1/reviews/{id}/ignore", s.handleIgnoreReview, store.ScopeReview)
	s.route("POST /v1/merges", s.handleMerge, store.ScopeReview)
	s.route("POST /v1/merges/{id}/undo", s.handleUndoMerge, store.ScopeReview)
	s.route("GET /v1/profiles/{id}/history", s.handleHistory, store.ScopeRead)
	s.routeReviewPage()
	return nil
}

// reviewError maps the errors of merges and reviews: a request the merge
// rules refuse is a 400 naming the field, a conflict a 409 saying why.
func reviewError(err error) *Error {
	var me *matcher.MergeError
	var ce *store.ConflictError
	switch {
	case errors.As(err, &me):
		return badRequest(CodeInvalidField, me.Field, me.Message)
	case errors.As(err, &ce):
		return conflictError(ce)
	}
	return storeError(err)
}

// conflictError is the 409 of a store.ConflictError, saying why.
func conflictError(ce *store.ConflictError) *Error {
	return &Error{Status: http.StatusConflict, Code: CodeConflict, Message: ce.Reason}
}

// handleReviews answers GET /v1/reviews?status=open&cursor=&limit=: review
// candidates of one status, newest first, a page at a time.
func (s *Server) handleReviews(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	q := r.URL.Query()
	status := q.Get("status")
	if status == "" {
		status = store.ReviewOpen
	}
	if !slices.Contains(store.ReviewStatuses, status) {
		return badRequest(CodeInvalidField, "status", "status must be one of "+strings.Join(store.ReviewStatuses, ", "))
	}
	limit := defaultReviewPage
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxReviewPage {
			return badRequest(CodeInvalidField, "limit", fmt.Sprintf("limit must be a whole number from 1 to %d", maxReviewPage))
		}
		limit = n
	}
	page, err := s.store.Reviews(r.Context(), tok.TenantID, status, q.Get("cursor"), limit)
	if errors.Is(err, store.ErrNotFound) {
		return badRequest(CodeInvalidField, "cursor", "cursor is not a next_cursor this API gave")
	}
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// handleReview answers GET /v1/reviews/{id}: the profiles side by side and
// the fields in which they differ.
func (s *Server) handleReview(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	rv, err := s.store.Review(r.Context(), tok.TenantID, r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, rv)
	return nil
}

// mergeRequest is the body of POST /v1/reviews/{id}/merge (MergedIDs not
// allowed) and POST /v1/merges.
type mergeRequest struct {
	SurvivorID string            `json:"survivor_id"`
	MergedIDs  []string          `json:"merged_ids"`
	Fields     map[string]string `json:"fields"`
}

func (m mergeRequest) picks() map[matcher.Field]string {
	out := make(map[matcher.Field]string, len(m.Fields))
	for f, id := range m.Fields {
		out[matcher.Field(f)] = id
	}
	return out
}

// mergeAnswer is the answer to a merge.
type mergeAnswer struct {
	MergeID   string      `json:"merge_id,omitempty"` // none on a dry run
	Profile   profileJSON `json:"profile"`
	MergedIDs []string    `json:"merged_ids"`
	// Kept is every value the merged profile keeps and why (picked,
	// survivor, most recent, or an attribute rule).
	Kept   []matcher.Kept `json:"kept"`
	DryRun bool           `json:"dry_run"`
}

// dryRun reads ?dry_run=true: try the merge, change nothing.
func dryRun(r *http.Request) (bool, *Error) {
	v := r.URL.Query().Get("dry_run")
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, badRequest(CodeInvalidField, "dry_run", "dry_run must be true or false")
	}
	return b, nil
}

// takesNoOptions refuses what an action with no options could be sent by
// mistake: a body other than {} (unknown_field names its first key), and
// dry_run=true, which would otherwise carry the action out while its
// client expected a preview.
func takesNoOptions(w http.ResponseWriter, r *http.Request, action string) *Error {
	if dry, err := dryRun(r); err != nil || dry {
		return cmp.Or(err, badRequest(CodeInvalidField, "dry_run", action+" has no dry run; leave dry_run out"))
	}
	if r.ContentLength == 0 {
		return nil
	}
	body, err := readBody(w, r)
	if err != nil || len(body) == 0 { // sent in chunks, perhaps none: an empty body is no option
		return err
	}
	if err := checkContentType(r); err != nil {
		return err
	}
	var none struct{}
	return decodeBody(body, &none)
}

// checkIDs refuses a survivor or a merged profile that is no profile id
// at all, naming it: a typo in a body is the client's to fix (400), where
// an id of no profile of the tenant is not found (404).
func (req mergeRequest) checkIDs() *Error {
	notID := func(id string) bool { return len(id) != 36 || uuid.Validate(id) != nil }
	if req.SurvivorID != "" && notID(req.SurvivorID) {
		return badRequest(CodeInvalidField, "survivor_id", "survivor_id must be a profile id (a UUID)")
	}
	for i, id := range req.MergedIDs {
		if notID(id) {
			field := fmt.Sprintf("merged_ids[%d]", i)
			return badRequest(CodeInvalidField, field, field+" must be a profile id (a UUID)")
		}
	}
	return nil
}

// handleMergeReview answers POST /v1/reviews/{id}/merge: it merges the
// candidate's profiles into the survivor (default: the first-created),
// keeping the picked values. An empty body takes every default.
func (s *Server) handleMergeReview(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	var req mergeRequest
	if r.ContentLength != 0 { // no body at all: every default
		if err := decodeJSON(w, r, &req); err != nil {
			return err
		}
	}
	if req.MergedIDs != nil {
		return badRequest(CodeUnknownField, "merged_ids", "a review merges its own profiles: merged_ids belongs to POST /v1/merges")
	}
	if err := req.checkIDs(); err != nil {
		return err
	}
	dry, apiErr := dryRun(r)
	if apiErr != nil {
		return apiErr
	}
	return s.merge(w, r, http.StatusOK, store.MergeRequest{TenantID: tok.TenantID, Actor: tok.Label,
		ReviewID: r.PathValue("id"), SurvivorID: req.SurvivorID, Picks: req.picks(), DryRun: dry})
}

// handleMerge answers POST /v1/merges: it merges any 2..N profiles of the
// tenant, with or without a review candidate.
func (s *Server) handleMerge(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	var req mergeRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if len(req.MergedIDs) == 0 {
		return badRequest(CodeMissingField, "merged_ids", "merged_ids must list the profiles to merge into the survivor")
	}
	if err := req.checkIDs(); err != nil {
		return err
	}
	ids := req.MergedIDs
	if req.SurvivorID != "" && !slices.Contains(ids, req.SurvivorID) {
		ids = append([]string{req.SurvivorID}, ids...)
	}
	dry, apiErr := dryRun(r)
	if apiErr != nil {
		return apiErr
	}
	return s.merge(w, r, http.StatusCreated, store.MergeRequest{TenantID: tok.TenantID, Actor: tok.Label,
		ProfileIDs: ids, SurvivorID: req.SurvivorID, Picks: req.picks(), DryRun: dry})
}

func (s *Server) merge(w http.ResponseWriter, r *http.Request, status int, req store.MergeRequest) *Error {
	res, err := s.store.Merge(r.Context(), req)
	if err != nil {
		return reviewError(err)
	}
	kept := res.Kept
	if kept == nil { // profiles without a value: "kept": [], never null
		kept = []matcher.Kept{}
	}
	answer := mergeAnswer{MergeID: res.MergeID, Profile: withLink(res.Profile), MergedIDs: res.MergedIDs, Kept: kept, DryRun: res.DryRun}
	if res.DryRun {
		writeJSON(w, http.StatusOK, answer)
		return nil
	}
	s.merged(r.Context(), req, res)
	writeJSON(w, status, answer)
	return nil
}

// merged follows a merge done, through the API or a page: its metric and
// log line, and the survivor's fuzzy search, since it now holds the
// evidence of every profile merged into it and may be near a copy none of
// them was (searchLater).
func (s *Server) merged(ctx context.Context, req store.MergeRequest, res store.MergeResult) {
	kind := store.MergeKindManual
	if req.ReviewID != "" {
		kind = store.MergeKindReview
	}
	s.merges.WithLabelValues(kind).Inc()
	s.log.Info("merged", "merge_id", res.MergeID, "kind", kind, "survivor_id", res.Profile.ID, "merged", len(res.MergedIDs),
		"tenant_id", req.TenantID, "request_id", RequestID(ctx))
	s.searchLater(ctx, req.TenantID, res.Profile.ID)
}

// searchLater queues a profile's fuzzy search, as for a profile a booking
// created. The profile is written whatever happens here: a queue outage
// is logged and only delays the search until the next scan.
func (s *Server) searchLater(ctx context.Context, tenantID, profileID string) {
	if err := s.queue.EnqueueFuzzy(ctx, tenantID, profileID); err != nil {
		s.log.Warn("could not queue the fuzzy search", "profile_id", profileID, "err", err, "request_id", RequestID(ctx))
	}
}

// handleIgnoreReview answers POST /v1/reviews/{id}/ignore: the candidate
// is dismissed and its set of profiles never proposed again.
func (s *Server) handleIgnoreReview(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	if err := takesNoOptions(w, r, "an ignore"); err != nil {
		return err
	}
	rv, err := s.store.IgnoreReview(r.Context(), tok.TenantID, tok.Label, r.PathValue("id"))
	if err != nil {
		return reviewError(err)
	}
	writeJSON(w, http.StatusOK, rv)
	return nil
}

// handleUndoMerge answers POST /v1/merges/{id}/undo: the merged profiles,
// their contact points and their activity are restored; 409 when the
// survivor changed since or the merge was undone already.
func (s *Server) handleUndoMerge(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	if err := takesNoOptions(w, r, "an undo"); err != nil {
		return err
	}
	res, err := s.store.UndoMerge(r.Context(), tok.TenantID, tok.Label, r.PathValue("id"))
	if err != nil {
		return reviewError(err)
	}
	s.merges.WithLabelValues(store.MergeKindUndo).Inc()
	s.log.Info("merge undone", "merge_id", res.MergeID, "tenant_id", tok.TenantID, "request_id", RequestID(r.Context()))
	writeJSON(w, http.StatusOK, map[string]any{"merge_id": res.MergeID, "profiles": withLinks(res.Profiles)})
	return nil
}

// handleHistory answers GET /v1/profiles/{id}/history: the profile's audit
// events, newest first.
func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	events, err := s.store.History(r.Context(), tok.TenantID, r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": events})
	return nil
}
