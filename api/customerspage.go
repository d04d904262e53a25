package api

import (
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/google/uuid"

	"dedupe/matcher"
	"dedupe/store"
)

// The front desk's pages: search the customer file by name, email or
// phone number, tick the profiles of one person (across searches and
// pages: the ticks travel in the form), merge them through the same
// side-by-side and confirmation pages as a review candidate, and land on
// the merged customer, with undo. Same session, CSRF and headers as the
// review pages.

func (s *Server) routeCustomerPages() {
	s.mux.HandleFunc("GET /customers", s.page(s.handleCustomers, false))
	s.mux.HandleFunc("GET /customers/merge", s.page(s.handleCustomersCompare, false))
	s.mux.HandleFunc("POST /customers/merge/confirm", s.page(s.handleCustomersConfirm, true))
	s.mux.HandleFunc("POST /customers/merge", s.page(s.handleCustomersMerge, true))
	s.mux.HandleFunc("GET /customers/profiles/{id}", s.page(s.handleCustomer, false))
}

// searchView is the customer search: the text, the profiles ticked so
// far, and a page of results.
type searchView struct {
	Q          string
	Ticked     []store.Profile
	Results    []store.Profile
	NextCursor string
	Searched   bool
}

func (s *Server) handleCustomers(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	q := r.URL.Query()
	v := &searchView{Q: strings.TrimSpace(q.Get("q"))}
	d := pageData{Session: &sess, Search: v}
	status := http.StatusOK
	ids := tickedIDs(q["ids"])
	for _, id := range ids[:min(len(ids), maxMergeProfiles)] {
		if uuid.Validate(id) != nil {
			continue
		}
		p, err := s.store.Profile(r.Context(), sess.tok.TenantID, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return pageStoreError(err)
		}
		v.Ticked = append(v.Ticked, p)
	}
	if q.Get("few") != "" {
		d.Error, status = say("error.tick_two"), http.StatusBadRequest
	}
	switch {
	case v.Q == "":
	case len(v.Q) > maxSearchText:
		d.Error, status = say("error.search_too_long", maxSearchText), http.StatusBadRequest
	default:
		res, err := s.store.SearchProfiles(r.Context(), sess.tok.TenantID, v.Q, defaultSearchLimit, q.Get("cursor"))
		if errors.Is(err, store.ErrInvalid) {
			d.Error, status = say("error.search_invalid"), http.StatusBadRequest
			break
		}
		if err != nil {
			return pageStoreError(err)
		}
		v.Searched = true
		ticked := func(p store.Profile) bool {
			return slices.ContainsFunc(v.Ticked, func(t store.Profile) bool { return t.ID == p.ID })
		}
		v.Results = slices.DeleteFunc(res.Profiles, ticked)
		if res.NextCursor != nil {
			v.NextCursor = *res.NextCursor
		}
	}
	s.render(w, r, status, "customers", d)
	return nil
}

// ticked reads the profiles of a merge form, or sends the reviewer back
// to the search when fewer than two are ticked (ok false).
func ticked(w http.ResponseWriter, r *http.Request, vals []string) ([]string, bool, *pageError) {
	ids := tickedIDs(vals)
	if len(ids) > maxMergeProfiles {
		return nil, false, &pageError{Status: http.StatusBadRequest, Message: say("error.tick_many", maxMergeProfiles)}
	}
	if len(ids) < 2 {
		back := url.Values{"few": {"1"}, "ids": ids}
		if q := r.FormValue("q"); q != "" {
			back.Set("q", q)
		}
		http.Redirect(w, r, "/customers?"+back.Encode(), http.StatusSeeOther)
		return nil, false, nil
	}
	return ids, true, nil
}

func (s *Server) handleCustomersCompare(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	ids, ok, perr := ticked(w, r, r.URL.Query()["ids"])
	if !ok {
		return perr
	}
	ps, err := s.store.CompareProfiles(r.Context(), sess.tok.TenantID, ids)
	if err != nil {
		return pageStoreError(err)
	}
	c, perr := s.compare(r, sess, nil, ps)
	if perr != nil {
		return perr
	}
	if perr := s.weigh(r, sess, c); perr != nil {
		return perr
	}
	s.render(w, r, http.StatusOK, "candidate", pageData{Session: &sess, Compare: c, Title: c.Title})
	return nil
}

func (s *Server) handleCustomersConfirm(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	ids, ok, perr := ticked(w, r, r.PostForm["ids"])
	if !ok {
		return perr
	}
	ps, err := s.store.CompareProfiles(r.Context(), sess.tok.TenantID, ids)
	if err != nil {
		return pageStoreError(err)
	}
	return s.confirm(w, r, sess, nil, ps)
}

func (s *Server) handleCustomersMerge(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	ids, ok, perr := ticked(w, r, r.PostForm["ids"])
	if !ok {
		return perr
	}
	survivor, picks, _ := mergeForm(r)
	req := store.MergeRequest{TenantID: sess.tok.TenantID, Actor: sess.tok.Label, ProfileIDs: ids, SurvivorID: survivor, Picks: picks}
	res, err := s.store.Merge(r.Context(), req)
	if err != nil {
		return pageStoreError(err)
	}
	s.merged(r.Context(), req, res)
	http.Redirect(w, r, "/customers/profiles/"+url.PathEscape(res.Profile.ID)+"?merged="+url.QueryEscape(res.MergeID), http.StatusSeeOther)
	return nil
}

// handleCustomer shows one customer; after a merge (?merged=ID), with the
// undo button.
func (s *Server) handleCustomer(w http.ResponseWriter, r *http.Request, sess session) *pageError {
	p, err := s.store.Profile(r.Context(), sess.tok.TenantID, r.PathValue("id"))
	if err != nil {
		return pageStoreError(err)
	}
	d := pageData{Session: &sess, Profile: &p, Title: customerName([]store.ReviewProfile{{Profile: p}})}
	if id := r.URL.Query().Get("merged"); uuid.Validate(id) == nil {
		d.MergeID, d.Notice = id, say("notice.customer_merged")
	}
	s.render(w, r, http.StatusOK, "profile", d)
	return nil
}

// profileRows is a table of customers with a checkbox each.
type profileRows struct {
	Profiles []store.Profile
	Checked  bool
}

// TickedRows are the profiles ticked so far, checked.
func (v *searchView) TickedRows() profileRows { return profileRows{Profiles: v.Ticked, Checked: true} }

// ResultRows are the search's results, not checked.
func (v *searchView) ResultRows() profileRows { return profileRows{Profiles: v.Results} }

// profileName is what one profile is called on the pages.
func profileName(p store.Profile) msg { return customerName([]store.ReviewProfile{{Profile: p}}) }

// ProfileFields are the customer page's rows: the core fields, the
// address, the contact points and the attributes.
func (d pageData) ProfileFields() []planValue {
	p := d.Profile
	if p == nil {
		return nil
	}
	var out []planValue
	domain := store.DomainProfiles([]store.ReviewProfile{{Profile: *p}})[0]
	for _, f := range matcher.ScalarFields {
		out = append(out, planValue{Field: string(f), Label: fieldLabel(string(f)), Value: domain.Get(f)})
	}
	out = append(out, planValue{Field: string(matcher.FieldAddress), Label: fieldLabel(string(matcher.FieldAddress)), Value: domain.Address.String()})
	for _, cp := range []struct {
		kind   string
		values []string
	}{{"email", p.Emails}, {"mobile", p.Mobiles}, {"phone", p.Phones}} {
		out = append(out, planValue{Field: "contacts." + cp.kind, Label: say("row.all_" + cp.kind), Lines: cp.values})
	}
	for _, k := range slices.Sorted(maps.Keys(p.Attributes)) {
		out = append(out, planValue{Field: "attributes." + k, Label: fieldLabel("attributes." + k), Value: p.Attributes[k]})
	}
	return out
}
