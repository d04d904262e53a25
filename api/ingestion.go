package api

import (
	"errors"
	"net/http"

	"github.com/hibiken/asynq"

	"dedupe/store"
)

// handleIngestion answers GET /v1/ingestions/{id}: the recorded decision
// when the worker has processed it, "queued" while the queue still holds
// it, and 404 for ids of other tenants or none at all.
func (s *Server) handleIngestion(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	id := r.PathValue("id")
	ing, err := s.store.Ingestion(r.Context(), tok.TenantID, id)
	if err == nil {
		writeJSON(w, http.StatusOK, ing)
		return nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return storeError(err)
	}
	queued, state, err := s.queue.Queued(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && queued.TenantID != tok.TenantID) {
		// The worker may have committed and dropped the task between the
		// two reads: look again before saying it does not exist.
		ing, err := s.store.Ingestion(r.Context(), tok.TenantID, id)
		if err != nil {
			return storeError(err)
		}
		writeJSON(w, http.StatusOK, ing)
		return nil
	}
	if err != nil {
		return storeError(err)
	}
	ing = store.Ingestion{ID: id, Status: store.StatusQueued, Reason: "waiting to be processed"}
	switch state {
	case asynq.TaskStateActive:
		ing.Reason = "being processed"
	case asynq.TaskStateRetry:
		ing.Reason = "an attempt failed; it will be retried"
	case asynq.TaskStateArchived:
		// A task archived on purpose (it can never succeed) had its reason
		// recorded just before; one archived after its last retry did not.
		if recorded, err := s.store.Ingestion(r.Context(), tok.TenantID, id); err == nil {
			ing = recorded
			break
		}
		ing.Status, ing.Reason = store.StatusFailed, "retries exhausted; the task is archived for an operator to inspect and re-run"
	}
	writeJSON(w, http.StatusOK, ing)
	return nil
}
