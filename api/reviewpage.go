package api

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"dedupe/matcher"
	"dedupe/store"
)

// The review page: plain server-rendered HTML that works without
// JavaScript. A reviewer signs in by posting a token with the review
// scope; the token then lives in an HttpOnly, SameSite=Strict cookie
// scoped to /review, never in a URL. Every POST but the sign-in carries a
// CSRF token derived from the cookie with HMAC and is refused when its
// Origin is another site's.

//go:embed templates
var templateFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"short": shortID,
	"time":  func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 MST") },
	"join":  func(s []string) string { return strings.Join(s, ", ") },
}).ParseFS(templateFS, "templates/*.html"))

const (
	sessionCookie = "dedupe_review"
	sessionMaxAge = 8 * time.Hour
	maxFormBytes  = 16 << 10
	historySize   = 50
)

// securityHeaders are set on every page response.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	"X-Frame-Options":         "DENY",
	"X-Content-Type-Options":  "nosniff",
	"Referrer-Policy":         "no-referrer",
	"Cache-Control":           "no-store",
}

// pageHandler is a signed-in review page; it returns an error page or
// writes its own response.
type pageHandler func(w http.ResponseWriter, r *http.Request, sess session) *pageError

// session is a signed-in reviewer.
type session struct {
	tok  store.Token
	csrf string
}

// pageError is an error shown as a page.
type pageError struct {
	Status  int
	Message string
}

func (s *Server) routeReviewPage() {
	s.mux.HandleFunc("GET /review", s.page(s.handleList, false))
	s.mux.HandleFunc("GET /review/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/review", http.StatusSeeOther)
	})
	s.mux.HandleFunc("POST /review/signin", s.handleSignIn)
	s.mux.HandleFunc("POST /review/signout", s.page(s.handleSignOut, true))
	s.mux.HandleFunc("GET /review/candidates/{id}", s.page(s.handleCandidate, false))
	s.mux.HandleFunc("POST /review/candidates/{id}/confirm", s.page(s.handleConfirm, true))
	s.mux.HandleFunc("POST /review/candidates/{id}/merge", s.page(s.handlePageMerge, true))
	s.mux.HandleFunc("POST /review/candidates/{id}/ignore", s.page(s.handlePageIgnore, true))
	s.mux.HandleFunc("GET /review/merges", s.page(s.handleMerges, false))
	s.mux.HandleFunc("POST /review/merges/{id}/undo", s.page(s.handlePageUndo, true))
	s.mux.HandleFunc("GET /review/static/review.css", func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w)
		w.Header().Set("Cache-Control", "max-age=3600")
		http.ServeFileFS(w, r, templateFS, "templates/review.css")
	})
}

func setSecurityHeaders(w http.ResponseWriter) {
	for k, v := range securityHeaders {
		w.Header().Set(k, v)
	}
}

// page wraps a review page: security headers, the session from the
// cookie (the sign-in form when there is none), and for a POST the Origin
// and CSRF checks.
func (s *Server) page(h pageHandler, post bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w)
		if post && !sameOrigin(r) {
			s.render(w, http.StatusForbidden, "error", pageData{Error: "This form was sent from another site; it was refused."})
			return
		}
		sess, perr := s.session(r)
		if perr != nil {
			s.render(w, perr.Status, "signin", pageData{Error: perr.Message})
			return
		}
		if post {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			if err := r.ParseForm(); err != nil {
				s.render(w, http.StatusBadRequest, "error", pageData{Session: &sess, Error: "The form could not be read."})
				return
			}
			if !hmac.Equal([]byte(r.PostForm.Get("csrf")), []byte(sess.csrf)) {
				s.render(w, http.StatusForbidden, "error", pageData{Session: &sess,
					Error: "The form's security token is missing or stale: reload the page and try again."})
				return
			}
		}
		if perr := h(w, r, sess); perr != nil {
			s.render(w, perr.Status, "error", pageData{Session: &sess, Error: perr.Message})
		}
	}
}

// sameOrigin refuses a form posted from another site: an Origin header
// naming another host, or a Sec-Fetch-Site other than same-origin. With
// Referrer-Policy no-referrer, browsers send "Origin: null" even on our own
// forms, so that value alone proves nothing either way; Sec-Fetch-Site, the
// SameSite=Strict cookie and the CSRF token still hold.
func sameOrigin(r *http.Request) bool {
	if origin := r.Header.Get("Origin"); origin != "" && origin != "null" {
		u, err := url.Parse(origin)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	site := r.Header.Get("Sec-Fetch-Site")
	return site == "" || site == "same-origin"
}

// session reads the reviewer's token from the cookie and checks it still
// carries the review scope.
func (s *Server) session(r *http.Request) (session, *pageError) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return session{}, &pageError{Status: http.StatusUnauthorized}
	}
	tok, err := s.store.Authenticate(r.Context(), c.Value)
	if errors.Is(err, store.ErrNotFound) {
		return session{}, &pageError{Status: http.StatusUnauthorized, Message: "Your token is no longer valid: sign in again."}
	}
	if err != nil {
		return session{}, pageStoreError(err)
	}
	if !tok.Has(store.ScopeReview) {
		return session{}, &pageError{Status: http.StatusForbidden, Message: "This token lacks the review scope."}
	}
	return session{tok: tok, csrf: csrfToken(c.Value)}, nil
}

// csrfToken derives the session's CSRF token from its secret: another
// site can neither read the cookie nor compute the token without it.
func csrfToken(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("dedupe review page csrf v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w)
	if !sameOrigin(r) {
		s.render(w, http.StatusForbidden, "error", pageData{Error: "This form was sent from another site; it was refused."})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.render(w, http.StatusBadRequest, "signin", pageData{Error: "The form could not be read."})
		return
	}
	secret := strings.TrimSpace(r.PostForm.Get("token"))
	if secret == "" {
		s.render(w, http.StatusUnauthorized, "signin", pageData{Error: "Paste a token to sign in."})
		return
	}
	tok, err := s.store.Authenticate(r.Context(), secret)
	if errors.Is(err, store.ErrNotFound) {
		s.render(w, http.StatusUnauthorized, "signin", pageData{Error: "Unknown or revoked token."})
		return
	}
	if err != nil {
		perr := pageStoreError(err)
		s.render(w, perr.Status, "signin", pageData{Error: perr.Message})
		return
	}
	if !tok.Has(store.ScopeReview) {
		s.render(w, http.StatusForbidden, "signin", pageData{Error: "This token lacks the review scope."})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/review", MaxAge: int(sessionMaxAge.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secureRequest(r)})
	http.Redirect(w, r, "/review", http.StatusSeeOther)
}

// secureRequest reports whether the browser talks HTTPS to us, directly or
// through a proxy that says so; the cookie is then Secure.
func secureRequest(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request, _ session) *pageError {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/review", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secureRequest(r)})
	http.Redirect(w, r, "/review", http.StatusSeeOther)
	return nil
}

// pageData is what every page template gets.
type pageData struct {
	Session *session
	Error   string
	Notice  string
	// The list.
	Reviews    []store.Review
	NextCursor string
	// A candidate.
	Review *store.Review
	Labels map[string]string // profile id → "Profile 1"
	Rows   []fieldRow
	// The confirmation.
	Plan     *planView
	Survivor string
	Picks    map[string]string
	// The history.
	Merges []store.MergeSummary
}

// CSRF returns the session's CSRF token for the forms.
func (d pageData) CSRF() string {
	if d.Session == nil {
		return ""
	}
	return d.Session.csrf
}

// Actor is the signed-in token's label.
func (d pageData) Actor() string {
	if d.Session == nil {
		return ""
	}
	return d.Session.tok.Label
}

// fieldRow is one line of the side-by-side table.
type fieldRow struct {
	Field    string
	Label    string
	Differs  bool
	Pickable bool // a radio per profile
	Cells    []fieldCell
}

// fieldCell is one profile's value of a field.
type fieldCell struct {
	ProfileID string
	Value     string
	Lines     []string // for lists (contact points, activity)
}

// planView is what a confirmed merge will do, for the confirmation page.
type planView struct {
	Survivor   string
	Tombstones []string
	Values     []planValue
	Contacts   int // distinct contact values, after folding
	Activities int // bookings and sales moving to the survivor
}

// planValue is one winning value and where it comes from.
type planValue struct {
	Label string
	Value string
	From  string
}

func (s *Server) render(w http.ResponseWriter, status int, name string, data pageData) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func pageStoreError(err error) *pageError {
	e := reviewError(err)
	msg := e.Message
	switch e.Status {
	case http.StatusNotFound:
		msg = "Not found: it does not exist in your tenant."
	case http.StatusInternalServerError:
		msg = "Something went wrong; nothing was changed."
	}
	return &pageError{Status: e.Status, Message: msg}
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	page, err := s.store.Reviews(r.Context(), sess.tok.TenantID, store.ReviewOpen, r.URL.Query().Get("cursor"), defaultReviewPage)
	if err != nil {
		return pageStoreError(err)
	}
	d := pageData{Session: &sess, Reviews: page.Reviews, NextCursor: page.NextCursor}
	if r.URL.Query().Get("ignored") != "" {
		d.Notice = "The candidate was ignored; these profiles will not be proposed together again."
	}
	s.render(w, http.StatusOK, "list", d)
	return nil
}

// fieldLabels are the row titles of the side-by-side table.
var fieldLabels = map[matcher.Field]string{
	matcher.FieldFirstName: "First name", matcher.FieldLastName: "Last name", matcher.FieldEmail: "Email",
	matcher.FieldMobile: "Mobile", matcher.FieldPhone: "Phone", matcher.FieldBirthDate: "Birth date",
	matcher.FieldGender: "Gender", matcher.FieldLocale: "Locale",
}

func (s *Server) handleCandidate(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	rv, err := s.store.Review(r.Context(), sess.tok.TenantID, r.PathValue("id"))
	if err != nil {
		return pageStoreError(err)
	}
	d := pageData{Session: &sess, Review: &rv, Labels: labels(rv), Rows: sideBySide(rv),
		Survivor: matcher.DefaultSurvivor(store.DomainProfiles(rv.Profiles))}
	s.render(w, http.StatusOK, "candidate", d)
	return nil
}

func labels(rv store.Review) map[string]string {
	out := map[string]string{}
	for i, p := range rv.Profiles {
		out[p.ID] = fmt.Sprintf("Profile %d", i+1)
	}
	return out
}

// sideBySide builds the rows of the comparison: the fields a reviewer can
// pick (with radios where the values differ), contact points, attributes,
// dates and activity.
func sideBySide(rv store.Review) []fieldRow {
	differs := func(f string) bool { return slices.Contains(rv.Differences, f) }
	var rows []fieldRow
	domain := store.DomainProfiles(rv.Profiles)
	for _, f := range matcher.ScalarFields {
		row := fieldRow{Field: string(f), Label: fieldLabels[f], Differs: differs(string(f))}
		row.Pickable = row.Differs
		for _, p := range domain {
			row.Cells = append(row.Cells, fieldCell{ProfileID: p.ID, Value: p.Get(f)})
		}
		rows = append(rows, row)
	}
	list := func(label string, get func(p store.ReviewProfile) []string) {
		row := fieldRow{Label: label}
		for _, p := range rv.Profiles {
			row.Cells = append(row.Cells, fieldCell{ProfileID: p.ID, Lines: get(p)})
		}
		rows = append(rows, row)
	}
	for _, kind := range []string{"email", "mobile", "phone"} {
		list("All "+kind+"s", func(p store.ReviewProfile) []string {
			var out []string
			for _, c := range p.ContactPoints {
				if c.Kind != kind {
					continue
				}
				line := c.Value
				if c.Primary {
					line += " (primary)"
				}
				if !c.Valid {
					line += " (invalid)"
				}
				out = append(out, line+", seen "+c.FirstSeen.Format(time.DateOnly)+" to "+c.LastSeen.Format(time.DateOnly))
			}
			return out
		})
	}
	keys := map[string]bool{}
	for _, p := range rv.Profiles {
		for k := range p.Attributes {
			keys[k] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		row := fieldRow{Label: "Attribute " + k, Differs: differs("attributes." + k)}
		for _, p := range rv.Profiles {
			v, ok := p.Attributes[k]
			if ok {
				v += " (set " + p.AttributesSet[k].Format(time.DateOnly) + ")"
			}
			row.Cells = append(row.Cells, fieldCell{ProfileID: p.ID, Value: v})
		}
		rows = append(rows, row)
	}
	list("Created", func(p store.ReviewProfile) []string { return []string{p.CreatedAt.Format(time.RFC3339)} })
	list("Updated", func(p store.ReviewProfile) []string { return []string{p.UpdatedAt.Format(time.RFC3339)} })
	list("Activity", func(p store.ReviewProfile) []string {
		return []string{fmt.Sprintf("%d bookings, %d sales", p.ActivityCounts[store.KindBooking], p.ActivityCounts[store.KindSale])}
	})
	list("Recent activity", func(p store.ReviewProfile) []string {
		var out []string
		for _, a := range p.RecentActivity {
			out = append(out, a.OccurredAt.Format(time.DateOnly)+" "+a.Kind+" ("+a.Source+" "+a.ExternalID+")")
		}
		return out
	})
	list("Status", func(p store.ReviewProfile) []string {
		if p.MergedInto != nil {
			return []string{p.Status + " into " + shortID(*p.MergedInto)}
		}
		return []string{p.Status}
	})
	return rows
}

// mergeForm reads the survivor and the picks of a merge form: survivor,
// and field.<name> = profile id ("" for the automatic rule).
func mergeForm(r *http.Request) (string, map[matcher.Field]string, map[string]string) {
	picks, raw := map[matcher.Field]string{}, map[string]string{}
	for key, vals := range r.PostForm {
		name, ok := strings.CutPrefix(key, "field.")
		if !ok || len(vals) == 0 || vals[0] == "" {
			continue
		}
		picks[matcher.Field(name)], raw[key] = vals[0], vals[0]
	}
	return r.PostForm.Get("survivor"), picks, raw
}

func (s *Server) handleConfirm(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	rv, err := s.store.Review(r.Context(), sess.tok.TenantID, r.PathValue("id"))
	if err != nil {
		return pageStoreError(err)
	}
	if rv.Status != store.ReviewOpen {
		return &pageError{Status: http.StatusConflict, Message: "This candidate is " + rv.Status + ", not open: it cannot be merged."}
	}
	survivor, picks, raw := mergeForm(r)
	t, err := s.store.Tenant(r.Context(), sess.tok.TenantID)
	if err != nil {
		return pageStoreError(err)
	}
	plan, err := matcher.PlanMerge(store.DomainProfiles(rv.Profiles), survivor, picks, t.AttributeRules)
	if err != nil {
		return pageStoreError(err)
	}
	lb := labels(rv)
	name := func(id string) string { return lb[id] + " (" + shortID(id) + ")" }
	view := &planView{Survivor: name(plan.Survivor)}
	for _, id := range plan.Merged {
		view.Tombstones = append(view.Tombstones, name(id))
	}
	for _, k := range plan.Kept {
		label := fieldLabels[matcher.Field(k.Field)]
		if key, ok := strings.CutPrefix(k.Field, "attributes."); ok {
			label = "Attribute " + key
		}
		v := planValue{Label: label, Value: k.Value, From: k.How}
		if k.From != "" {
			v.From = lb[k.From] + " (" + k.How + ")"
		}
		view.Values = append(view.Values, v)
	}
	distinct := map[string]bool{}
	for _, p := range rv.Profiles {
		for _, c := range p.ContactPoints {
			distinct[c.Kind+"\x00"+c.Value] = true
		}
		view.Contacts = len(distinct)
		if p.ID != plan.Survivor {
			view.Activities += p.ActivityCount
		}
	}
	s.render(w, http.StatusOK, "confirm", pageData{Session: &sess, Review: &rv, Plan: view, Survivor: plan.Survivor, Picks: raw})
	return nil
}

func (s *Server) handlePageMerge(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	survivor, picks, _ := mergeForm(r)
	res, err := s.store.Merge(r.Context(), store.MergeRequest{TenantID: sess.tok.TenantID, Actor: sess.tok.Label,
		ReviewID: r.PathValue("id"), SurvivorID: survivor, Picks: picks})
	if err != nil {
		return pageStoreError(err)
	}
	s.merges.WithLabelValues(store.MergeKindReview).Inc()
	s.log.Info("merged", "merge_id", res.MergeID, "kind", store.MergeKindReview, "survivor_id", res.Profile.ID, "merged", len(res.MergedIDs))
	http.Redirect(w, r, "/review/merges?merged="+url.QueryEscape(res.MergeID), http.StatusSeeOther)
	return nil
}

func (s *Server) handlePageIgnore(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	if _, err := s.store.IgnoreReview(r.Context(), sess.tok.TenantID, sess.tok.Label, r.PathValue("id")); err != nil {
		return pageStoreError(err)
	}
	http.Redirect(w, r, "/review?ignored=1", http.StatusSeeOther)
	return nil
}

func (s *Server) handleMerges(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	merges, err := s.store.RecentMerges(r.Context(), sess.tok.TenantID, historySize)
	if err != nil {
		return pageStoreError(err)
	}
	d := pageData{Session: &sess, Merges: merges}
	switch q := r.URL.Query(); {
	case q.Get("merged") != "":
		d.Notice = "Merged. The other profiles are now tombstones pointing to the survivor; undo below if it was a mistake."
	case q.Get("undone") != "":
		d.Notice = "The merge was undone: the profiles, their contact points and their activity are back."
	}
	s.render(w, http.StatusOK, "merges", d)
	return nil
}

func (s *Server) handlePageUndo(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	res, err := s.store.UndoMerge(r.Context(), sess.tok.TenantID, sess.tok.Label, r.PathValue("id"))
	if err != nil {
		return pageStoreError(err)
	}
	s.merges.WithLabelValues(store.MergeKindUndo).Inc()
	s.log.Info("merge undone", "merge_id", res.MergeID)
	http.Redirect(w, r, "/review/merges?undone="+url.QueryEscape(res.MergeID), http.StatusSeeOther)
	return nil
}

// shortID is the last 8 hex digits of a UUID, enough to tell profiles
// apart on a page. (The first ones of a UUIDv7 are its creation time, the
// same for profiles made in the same minute.)
func shortID(id string) string {
	if len(id) > 8 {
		return "…" + id[len(id)-8:]
	}
	return id
}
