package api

import (
	"bytes"
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"dedupe/matcher"
	"dedupe/store"
)

// The review pages (/review) and the front desk's customer pages
// (/customers): plain server-rendered HTML that works without JavaScript,
// in the reader's language (i18n.go). A reviewer signs in by posting a
// token with the review scope; the token then lives in an HttpOnly,
// SameSite=Strict cookie, never in a URL. Every POST but the sign-in
// carries a CSRF token derived from the cookie with HMAC and is refused
// when its Origin is another site's.

//go:embed templates
var templateFS embed.FS

// pageTemplates are the pages, parsed once per language: "t" and "tm"
// put text into that language's words.
var pageTemplates = mustParsePages()

func mustParsePages() map[string]*template.Template {
	out := map[string]*template.Template{}
	for lang := range printers {
		tr := translatorFor(lang)
		out[lang] = template.Must(template.New("").Funcs(template.FuncMap{
			"t":        tr.T,
			"tm":       tr.M,
			"num":      tr.Num,
			"short":    shortID,
			"time":     pageTime,
			"domid":    domID,
			"customer": customerName,
			"name":     profileName,
			"reason":   reasonLabel,
			"status":   statusLabel,
			"kind":     mergeKindLabel,
			"fields":   func(fs []string) msg { return fieldList(fs) },
			"level":    levelLabel,
			"field":    func(c matcher.Comparison) msg { return say("field." + string(c)) },
		}).ParseFS(templateFS, "templates/*.html"))
	}
	return out
}

// pageTime writes a time as every page shows it: 2022-01-13 09:30 UTC.
func pageTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 MST") }

const (
	sessionCookie = "dedupe_review"
	// sessionPath covers the review pages and the customer pages. (The
	// cookie was once scoped to /review; sign-in and sign-out clear that
	// one.)
	sessionPath    = "/"
	oldSessionPath = "/review"
	sessionMaxAge  = 8 * time.Hour
	langMaxAge     = 365 * 24 * time.Hour
	maxFormBytes   = 16 << 10
	historySize    = 50
)

// securityHeaders are set on every page response.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	"X-Frame-Options":         "DENY",
	"X-Content-Type-Options":  "nosniff",
	"Referrer-Policy":         "no-referrer",
	"Cache-Control":           "no-store",
}

// pageHandler is a signed-in page; it returns an error page or writes its
// own response.
type pageHandler func(w http.ResponseWriter, r *http.Request, sess session) *pageError

// session is a signed-in reviewer.
type session struct {
	tok  store.Token
	csrf string
}

// pageError is an error shown as a page.
type pageError struct {
	Status  int
	Message msg
}

func (s *Server) routeReviewPage() {
	s.mux.HandleFunc("GET /review", s.page(s.handleList, false))
	s.mux.HandleFunc("GET /review/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/review", http.StatusSeeOther)
	})
	s.mux.HandleFunc("POST /review/signin", s.handleSignIn)
	s.mux.HandleFunc("POST /review/signout", s.page(s.handleSignOut, true))
	s.mux.HandleFunc("GET /review/language", s.handleLanguage)
	s.mux.HandleFunc("GET /review/candidates/{id}", s.page(s.handleCandidate, false))
	s.mux.HandleFunc("POST /review/candidates/{id}/confirm", s.page(s.handleConfirm, true))
	s.mux.HandleFunc("POST /review/candidates/{id}/merge", s.page(s.handlePageMerge, true))
	s.mux.HandleFunc("GET /review/candidates/{id}/ignore", s.page(s.handleIgnoreConfirm, false))
	s.mux.HandleFunc("POST /review/candidates/{id}/ignore", s.page(s.handlePageIgnore, true))
	s.mux.HandleFunc("GET /review/merges", s.page(s.handleMerges, false))
	s.mux.HandleFunc("POST /review/merges/{id}/undo", s.page(s.handlePageUndo, true))
	s.mux.HandleFunc("GET /review/static/review.css", func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w)
		w.Header().Set("Cache-Control", "max-age=3600")
		http.ServeFileFS(w, r, templateFS, "templates/review.css")
	})
	s.routeCustomerPages()
}

func setSecurityHeaders(w http.ResponseWriter) {
	for k, v := range securityHeaders {
		w.Header().Set(k, v)
	}
}

// page wraps a signed-in page: security headers, the session from the
// cookie (the sign-in form when there is none), and for a POST the Origin
// and CSRF checks.
func (s *Server) page(h pageHandler, post bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w)
		if post && !sameOrigin(r) {
			s.render(w, r, http.StatusForbidden, "error", pageData{Error: say("error.cross_site")})
			return
		}
		sess, perr := s.session(r)
		if perr != nil {
			d := pageData{Error: perr.Message, Next: r.URL.RequestURI()}
			if r.Method != http.MethodGet {
				// A form posted after the session ended: signing in
				// leads back to the comparison it came from, its choices
				// kept (choicesPage).
				d.Next = choicesPage(r)
				if d.Error.Key == "" {
					d.Error = say("error.session_ended")
				}
			}
			s.render(w, r, perr.Status, "signin", d)
			return
		}
		if post {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			if err := r.ParseForm(); err != nil {
				s.render(w, r, http.StatusBadRequest, "error", pageData{Session: &sess, Error: say("error.form")})
				return
			}
			if !hmac.Equal([]byte(r.PostForm.Get("csrf")), []byte(sess.csrf)) {
				s.render(w, r, http.StatusForbidden, "error", pageData{Session: &sess, Error: say("error.csrf")})
				return
			}
		}
		if perr := h(w, r, sess); perr != nil {
			s.render(w, r, perr.Status, "error", pageData{Session: &sess, Error: perr.Message})
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
		return session{}, &pageError{Status: http.StatusUnauthorized, Message: say("error.token_expired")}
	}
	if err != nil {
		return session{}, pageStoreError(err)
	}
	if !tok.Has(store.ScopeReview) {
		return session{}, &pageError{Status: http.StatusForbidden, Message: say("error.no_review_scope")}
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
		s.render(w, r, http.StatusForbidden, "error", pageData{Error: say("error.cross_site")})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "signin", pageData{Error: say("error.form")})
		return
	}
	next := localPage(r.PostForm.Get("next"))
	signin := func(status int, m msg) { s.render(w, r, status, "signin", pageData{Error: m, Next: next}) }
	secret := strings.TrimSpace(r.PostForm.Get("token"))
	if secret == "" {
		signin(http.StatusUnauthorized, say("error.token_missing"))
		return
	}
	tok, err := s.store.Authenticate(r.Context(), secret)
	if errors.Is(err, store.ErrNotFound) {
		signin(http.StatusUnauthorized, say("error.token_unknown"))
		return
	}
	if err != nil {
		perr := pageStoreError(err)
		signin(perr.Status, perr.Message)
		return
	}
	if !tok.Has(store.ScopeReview) {
		signin(http.StatusForbidden, say("error.no_review_scope"))
		return
	}
	clearOldSession(w, r)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: sessionPath, MaxAge: int(sessionMaxAge.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secureRequest(r)})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// clearOldSession removes a session cookie of the time it was scoped to
// /review, which would otherwise shadow the current one there.
func clearOldSession(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: oldSessionPath, MaxAge: -1,
			HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secureRequest(r)})
	}
}

// secureRequest reports whether the browser talks HTTPS to us, directly or
// through a proxy that says so; the cookie is then Secure.
func secureRequest(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request, _ session) *pageError {
	clearOldSession(w, r)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: sessionPath, MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secureRequest(r)})
	http.Redirect(w, r, sectionRoot(r), http.StatusSeeOther)
	return nil
}

// handleLanguage is the language switch: GET /review/language?lang=fr&next=
// remembers the choice in a cookie and goes back to the page. It needs no
// session: the sign-in form has the switch too.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w)
	q := r.URL.Query()
	if lang := q.Get("lang"); printers[lang] != nil {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: sessionPath, MaxAge: int(langMaxAge.Seconds()),
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secureRequest(r)})
	}
	http.Redirect(w, r, localPage(q.Get("next")), http.StatusSeeOther)
}

// localPage returns next when it is one of our pages (a path under /review
// or /customers, nothing else), else /review: a link may not send a
// signed-in reviewer elsewhere.
func localPage(next string) string {
	u, err := url.Parse(next)
	if err != nil || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") ||
		u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/review"
	}
	u.Path = path.Clean(u.Path)
	for _, root := range []string{"/review", "/customers"} {
		if u.Path == root || strings.HasPrefix(u.Path, root+"/") {
			return u.RequestURI()
		}
	}
	return "/review"
}

// sectionRoot is the first page of the part of the site a request is in.
func sectionRoot(r *http.Request) string {
	if r.URL.Path == "/customers" || strings.HasPrefix(r.URL.Path, "/customers/") {
		return "/customers"
	}
	return "/review"
}

// pageData is what every page template gets.
type pageData struct {
	// Lang is the page's language ("en", "fr", "es"), Languages the
	// switch, and Here the page the switch comes back to.
	Lang      string
	Languages []languageLink
	Here      string
	// Title is the page's title; by default the page's own.
	Title   msg
	Section string // "/review" or "/customers"
	Session *session
	Error   msg
	Notice  msg
	// Next is where the sign-in form leads.
	Next string
	// The list of candidates.
	Reviews    []store.Review
	NextCursor string
	// Profiles side by side (a candidate, or profiles ticked at the front
	// desk) and their merge's confirmation.
	Compare *comparison
	Plan    *planView
	// The history.
	Merges []store.MergeSummary
	// The customer search.
	Search *searchView
	// A customer, and the merge that just made it.
	Profile *store.Profile
	MergeID string
}

// languageLink is one language of the switch, named in its own words.
type languageLink struct {
	Code, Name string
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

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, d pageData) {
	d.Lang = pageLanguage(r)
	for _, t := range pageLanguages {
		d.Languages = append(d.Languages, languageLink{Code: t.String(), Name: translatorFor(t.String()).T("language.name")})
	}
	d.Section = sectionRoot(r)
	if d.Here == "" {
		d.Here = d.Section
		if r.Method == http.MethodGet {
			d.Here = r.URL.RequestURI()
		}
	}
	if d.Title.Key == "" {
		d.Title = say("title." + name)
	}
	var buf bytes.Buffer
	if err := pageTemplates[d.Lang].ExecuteTemplate(&buf, name, d); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", d.Lang)
	w.Header().Add("Vary", "Accept-Language, Cookie")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// pageStoreError words an error of the store for a page.
func pageStoreError(err error) *pageError {
	var me *matcher.MergeError
	var ce *store.ConflictError
	switch {
	case errors.As(err, &me):
		key := "error.merge.pick"
		switch me.Field {
		case "merged_ids":
			key = "error.merge.profiles"
		case "survivor_id":
			key = "error.merge.survivor"
		}
		return &pageError{Status: http.StatusBadRequest, Message: say(key)}
	case errors.As(err, &ce):
		return &pageError{Status: http.StatusConflict, Message: conflictMessage(ce.Reason)}
	}
	e := storeError(err)
	switch e.Status {
	case http.StatusNotFound:
		return &pageError{Status: e.Status, Message: say("error.not_found")}
	case http.StatusServiceUnavailable:
		return &pageError{Status: e.Status, Message: say("error.unavailable")}
	}
	return &pageError{Status: http.StatusInternalServerError, Message: say("error.internal")}
}

// conflicts word the store's conflicts (store.ConflictError) by what their
// reasons say, most specific first.
var conflicts = []struct{ says, key string }{
	{"was undone already", "error.conflict.undone"},
	{"after this merge", "error.conflict.undo_merged"},
	{"changed after the merge", "error.conflict.undo_changed"},
	{"landed on the survivor", "error.conflict.undo_landed"},
	{"no longer a tombstone", "error.conflict.undo_changed"},
	{"is already merged into", "error.conflict.merged"},
	{"was erased", "error.conflict.erased"},
	{"not open", "error.conflict.closed"},
	{"changed while merging", "error.conflict.closed"},
}

func conflictMessage(reason string) msg {
	for _, c := range conflicts {
		if strings.Contains(reason, c.says) {
			return say(c.key)
		}
	}
	return say("error.conflict")
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	page, err := s.store.Reviews(r.Context(), sess.tok.TenantID, store.ReviewOpen, r.URL.Query().Get("cursor"), defaultReviewPage)
	if err != nil {
		return pageStoreError(err)
	}
	d := pageData{Session: &sess, Reviews: page.Reviews, NextCursor: page.NextCursor}
	if r.URL.Query().Get("ignored") != "" {
		d.Notice = say("notice.ignored")
	}
	s.render(w, r, http.StatusOK, "list", d)
	return nil
}

// customerName is what a set of profiles of one person is called: the
// name of the profile a merge would keep by default, else the first name
// any of them has, else an email or a phone number.
func customerName(ps []store.ReviewProfile) msg {
	if len(ps) == 0 {
		return say("customer.unnamed")
	}
	first := matcher.DefaultSurvivor(store.DomainProfiles(ps))
	ordered := slices.Clone(ps)
	slices.SortStableFunc(ordered, func(a, b store.ReviewProfile) int {
		return cmp.Compare(boolInt(a.ID != first), boolInt(b.ID != first))
	})
	for _, p := range ordered {
		if name := strings.TrimSpace(p.FirstName + " " + p.LastName); name != "" {
			return verbatim(name)
		}
	}
	for _, p := range ordered {
		if v := cmp.Or(p.Email, p.Mobile, p.Phone); v != "" {
			return verbatim(v)
		}
	}
	return say("customer.unnamed")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fieldList words a list of field names ("first_name", "attributes.tier").
func fieldList(fields []string) msg {
	if len(fields) == 0 {
		return say("fields.none")
	}
	labels := make([]msg, len(fields))
	for i, f := range fields {
		labels[i] = fieldLabel(f)
	}
	return joinMsgs(labels)
}

// joinMsgs words a list: "a, b, c".
func joinMsgs(ms []msg) msg {
	if len(ms) == 0 {
		return msg{}
	}
	out := say("verbatim", ms[0])
	for _, m := range ms[1:] {
		out = say("list.item", out, m)
	}
	return out
}

// domID makes a field name fit an element id: anything but letters,
// digits, "_" and "-" becomes "-".
func domID(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, s)
}

func (s *Server) handleCandidate(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	rv, err := s.store.Review(r.Context(), sess.tok.TenantID, r.PathValue("id"))
	if err != nil {
		return pageStoreError(err)
	}
	c, perr := s.compare(r, sess, &rv, rv.Profiles)
	if perr != nil {
		return perr
	}
	if perr := s.weigh(r, sess, c); perr != nil {
		return perr
	}
	s.render(w, r, http.StatusOK, "candidate", pageData{Session: &sess, Compare: c, Title: c.Title})
	return nil
}

func (s *Server) handleConfirm(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	rv, perr := s.openReview(r, sess)
	if perr != nil {
		return perr
	}
	return s.confirm(w, r, sess, &rv, rv.Profiles)
}

// openReview reads the path's candidate, and refuses one no longer open
// (409): it can be neither merged nor ignored.
func (s *Server) openReview(r *http.Request, sess session) (store.Review, *pageError) {
	rv, err := s.store.Review(r.Context(), sess.tok.TenantID, r.PathValue("id"))
	if err != nil {
		return rv, pageStoreError(err)
	}
	if rv.Status != store.ReviewOpen {
		return rv, &pageError{Status: http.StatusConflict, Message: say("error.not_open", statusLabel(rv.Status))}
	}
	return rv, nil
}

func (s *Server) handlePageMerge(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	survivor, picks, _ := mergeForm(r)
	req := store.MergeRequest{TenantID: sess.tok.TenantID, Actor: sess.tok.Label, ReviewID: r.PathValue("id"), SurvivorID: survivor, Picks: picks}
	res, err := s.store.Merge(r.Context(), req)
	if err != nil {
		return pageStoreError(err)
	}
	s.merged(r.Context(), req, res)
	http.Redirect(w, r, "/review/merges?merged="+url.QueryEscape(res.MergeID), http.StatusSeeOther)
	return nil
}

// handleIgnoreConfirm asks before a candidate is ignored: that cannot be
// undone, and a click beside the merge button should not do it.
func (s *Server) handleIgnoreConfirm(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	rv, perr := s.openReview(r, sess)
	if perr != nil {
		return perr
	}
	// The question names the candidate and its profiles; nothing of the
	// side-by-side comparison (compare) is shown.
	c := &comparison{Title: customerName(rv.Profiles), Review: &rv, Profiles: rv.Profiles}
	s.render(w, r, http.StatusOK, "ignore", pageData{Session: &sess, Compare: c, Title: say("title.ignore_name", c.Title)})
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
		d.Notice = say("notice.merged")
	case q.Get("undone") != "":
		d.Notice = say("notice.undone")
	}
	s.render(w, r, http.StatusOK, "merges", d)
	return nil
}

func (s *Server) handlePageUndo(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	res, err := s.store.UndoMerge(r.Context(), sess.tok.TenantID, sess.tok.Label, r.PathValue("id"))
	if err != nil {
		return pageStoreError(err)
	}
	s.merges.WithLabelValues(store.MergeKindUndo).Inc()
	s.log.Info("merge undone", "merge_id", res.MergeID, "tenant_id", sess.tok.TenantID, "request_id", RequestID(r.Context()))
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

// weightTable is one compared pair of a fuzzy candidate, as the review page
// shows it: each field's level and match weight, and the total against
// the threshold, so the reviewer sees why the pair was proposed.
type weightTable struct {
	Profiles  []string
	Fields    []matcher.FieldWeight
	Weight    float64
	Threshold float64
	Swapped   bool
}

// fuzzyWeights reads the weight tables out of a candidate's evidence: the
// fuzzy search's pairs and the scan's groups. Other evidence has none.
func fuzzyWeights(evidence json.RawMessage) []weightTable {
	type pair struct {
		Rule         string                `json:"rule"`
		ProfileIDs   []string              `json:"profile_ids"`
		Fields       []matcher.FieldWeight `json:"fields"`
		Weight       float64               `json:"weight"`
		Threshold    float64               `json:"threshold"`
		NamesSwapped bool                  `json:"names_swapped"`
		Pairs        []json.RawMessage     `json:"pairs"`
	}
	var items []json.RawMessage
	if json.Unmarshal(evidence, &items) != nil {
		return nil
	}
	var out []weightTable
	seen := map[string]bool{}
	var add func(raw json.RawMessage)
	add = func(raw json.RawMessage) {
		var p pair
		if json.Unmarshal(raw, &p) != nil {
			return
		}
		for _, sub := range p.Pairs {
			add(sub)
		}
		key := strings.Join(slices.Sorted(slices.Values(p.ProfileIDs)), ",")
		if p.Fields == nil || seen[key] {
			// A later run's evidence for the same pair says the same,
			// and so does the search of its other profile.
			return
		}
		seen[key] = true
		out = append(out, weightTable{Profiles: p.ProfileIDs, Fields: p.Fields, Weight: p.Weight, Threshold: p.Threshold, Swapped: p.NamesSwapped})
	}
	for _, raw := range items {
		add(raw)
	}
	return out
}

// levelLabel words a comparison level.
func levelLabel(l matcher.Level) msg { return say("level." + string(l)) }
