package api

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"dedupe/store"
	"dedupe/worker"
)

// webhookRequest is the body of POST /v1/webhooks.
type webhookRequest struct {
	URL    *string  `json:"url"`
	Events []string `json:"events"`
}

// createdWebhook is the 201 answer: the endpoint and, this once, its secret.
type createdWebhook struct {
	store.Webhook
	Secret string `json:"secret"`
}

// maxWebhookURL bounds an endpoint's URL.
const maxWebhookURL = 2000

// handleCreateWebhook answers POST /v1/webhooks.
func (s *Server) handleCreateWebhook(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	var req webhookRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.URL == nil || *req.URL == "" {
		return badRequest(CodeMissingField, "url", "url is required")
	}
	if err := s.checkWebhookURL(*req.URL); err != nil {
		return err
	}
	if len(req.Events) == 0 {
		return badRequest(CodeMissingField, "events", "events lists the event types to receive: "+strings.Join(store.EventTypes, ", "))
	}
	for i, e := range req.Events {
		if !slices.Contains(store.EventTypes, e) {
			return badRequest(CodeInvalidField, fmt.Sprintf("events[%d]", i),
				fmt.Sprintf("unknown event type %q (types: %s)", e, strings.Join(store.EventTypes, ", ")))
		}
	}
	hook, secret, err := s.store.CreateWebhook(r.Context(), tok.TenantID, *req.URL, req.Events)
	if errors.Is(err, store.ErrInvalid) {
		return badRequest(CodeInvalidField, "events", strings.TrimPrefix(err.Error(), "invalid: "))
	}
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusCreated, createdWebhook{Webhook: hook, Secret: secret})
	return nil
}

// checkWebhookURL refuses an endpoint worker.CheckWebhookURL refuses.
func (s *Server) checkWebhookURL(raw string) *Error {
	if err := checkText("url", raw, maxWebhookURL); err != nil {
		return err
	}
	if err := worker.CheckWebhookURL(raw, s.webhookAllowPrivate); err != nil {
		return badRequest(CodeInvalidField, "url", err.Error())
	}
	return nil
}

// handleWebhooks answers GET /v1/webhooks.
func (s *Server) handleWebhooks(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	hooks, err := s.store.Webhooks(r.Context(), tok.TenantID)
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"webhooks": hooks})
	return nil
}

// handleDeleteWebhook answers DELETE /v1/webhooks/{id}: 204, and the
// endpoint receives nothing more.
func (s *Server) handleDeleteWebhook(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	if err := s.store.DeleteWebhook(r.Context(), tok.TenantID, r.PathValue("id")); err != nil {
		return storeError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// handleEnableWebhook answers POST /v1/webhooks/{id}/enable: a disabled
// endpoint is on again, the events it had yet to receive due at once.
func (s *Server) handleEnableWebhook(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	if err := takesNoOptions(w, r, "an enable"); err != nil {
		return err
	}
	hook, err := s.store.EnableWebhook(r.Context(), tok.TenantID, r.PathValue("id"))
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, hook)
	return nil
}

// maxDeliveries bounds the deliveries one GET lists.
const maxDeliveries = 500

// handleDeliveries answers GET /v1/webhooks/{id}/deliveries?limit=: the
// endpoint (whether it was disabled, and why) and its latest attempts.
func (s *Server) handleDeliveries(w http.ResponseWriter, r *http.Request, tok store.Token) *Error {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxDeliveries {
			return badRequest(CodeInvalidField, "limit", "limit must be a whole number from 1 to "+strconv.Itoa(maxDeliveries))
		}
		limit = n
	}
	hook, ds, err := s.store.Deliveries(r.Context(), tok.TenantID, r.PathValue("id"), limit)
	if err != nil {
		return storeError(err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"webhook": hook, "deliveries": ds})
	return nil
}
