package api

import (
	"errors"
	"net/http"

	"dedupe/matcher"
	"dedupe/store"
	"dedupe/worker"
)

// handleIngestion answers GET /v1/ingestions/{id}: the recorded decision
// when the worker has processed it, "queued" while the queue still holds
// it, and 404 for ids of other tenants or none at all.
//
// A token without the read scope (a booking widget's) gets the decision
// without customer data: see redacted.
func (s *Server) handleIngestion(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	ing, err := s.ingestion(r, tok, r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	if !tok.Has(store.ScopeRead) {
		writeJSON(w, http.StatusOK, redacted(ing))
		return nil
	}
	writeJSON(w, http.StatusOK, ing)
	return nil
}

// ingestion reads an ingestion's state from the store and the queue. A
// failed ingestion whose corrected booking was sent again is queued anew.
func (s *Server) ingestion(r *http.Request, tok store.Token, id string) (store.Ingestion, error) {
	ctx := r.Context()
	ing, err := s.store.Ingestion(ctx, tok.TenantID, id)
	if err == nil && ing.Status != store.StatusFailed {
		return ing, nil
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.Ingestion{}, err
	}
	recorded := err == nil
	q, qerr := s.queue.Status(ctx, id)
	if errors.Is(qerr, worker.ErrNotQueued) || (qerr == nil && q.TenantID != tok.TenantID) {
		if recorded {
			return ing, nil
		}
		// The worker may have committed and dropped the task between the
		// two reads: look again before saying it does not exist.
		return s.store.Ingestion(ctx, tok.TenantID, id)
	}
	if qerr != nil {
		return store.Ingestion{}, qerr
	}
	if q.State == worker.StateArchived {
		if recorded {
			return ing, nil // archived on purpose, with the reason recorded
		}
		// Archived after its last retry, or recorded just now: read again.
		if ing, err := s.store.Ingestion(ctx, tok.TenantID, id); err == nil {
			return ing, nil
		}
		return store.Ingestion{ID: id, Status: store.StatusFailed,
			Reason: "retries exhausted; the task is archived for an operator to inspect and re-run"}, nil
	}
	reason := map[worker.State]string{
		worker.StatePending: "waiting to be processed",
		worker.StateActive:  "being processed",
		worker.StateRetry:   "an attempt failed; it will be retried",
	}[q.State]
	return store.Ingestion{ID: id, Status: store.StatusQueued, Reason: reason}, nil
}

// redactedIngestion is an ingestion as a token without the read scope sees
// it: the decision, the ids, the rule and the names of the fields written,
// but no old value and nothing of a profile the booking did not create or
// update. Of the matches it keeps the booking's own profile's: that another
// profile holds the email or mobile sent (a relative's, in the name
// guard's case) is that profile's data.
type redactedIngestion struct {
	store.Ingestion
	// Explanation hides the ingestion's own (the shallower field wins in
	// encoding/json).
	Explanation *redactedExplanation `json:"explanation,omitempty"`
}

type redactedExplanation struct {
	Rule          matcher.Rule           `json:"rule"`
	PolicyVersion int                    `json:"policy_version"`
	Matches       []store.MatchedProfile `json:"matches"`
	Changes       []redactedChange       `json:"changes"`
}

type redactedChange struct {
	Field string `json:"field"`
}

func redacted(ing store.Ingestion) redactedIngestion {
	out := redactedIngestion{Ingestion: ing}
	out.Ingestion.Explanation = nil
	if e := ing.Explanation; e != nil {
		out.Explanation = &redactedExplanation{Rule: e.Rule, PolicyVersion: e.PolicyVersion,
			Changes: make([]redactedChange, len(e.Changes))}
		if e.Matches != nil { // null stays null (a failed booking's)
			out.Explanation.Matches = []store.MatchedProfile{}
		}
		for _, m := range e.Matches {
			if ing.ProfileID != nil && m.ProfileID == *ing.ProfileID {
				out.Explanation.Matches = append(out.Explanation.Matches, m)
			}
		}
		for i, c := range e.Changes {
			out.Explanation.Changes[i] = redactedChange{Field: c.Field}
		}
	}
	return out
}
