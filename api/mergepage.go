package api

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"dedupe/matcher"
	"dedupe/store"
)

// The side-by-side page and the merge's confirmation, shared by a review
// candidate (/review/candidates/{id}) and by profiles ticked at the front
// desk (/customers/merge?ids=…&ids=…).

// comparison is profiles side by side, ready to merge.
type comparison struct {
	// Title is the customer's name.
	Title msg
	// Review is the candidate; nil for profiles ticked at the front desk.
	Review   *store.Review
	Profiles []store.ReviewProfile
	// IDs are the ticked profiles, carried by the forms (front desk only).
	IDs    []string
	Labels map[string]msg // profile id → "Profile 1"
	Rows   []fieldRow
	// Survivor is the profile chosen to stay (by default the
	// first-created), Picks the value chosen field by field (form name →
	// profile id).
	Survivor string
	Picks    map[string]string
	// Mergeable says the profiles can be merged: an open candidate, or
	// profiles that are all active.
	Mergeable bool
	// PageURL is this page, ConfirmURL where its form goes, MergeURL where
	// the confirmation's goes.
	PageURL, ConfirmURL, MergeURL string
	// Query is the customer search the profiles were ticked in (front
	// desk only), carried along so that the way back finds it again.
	Query string
	// Weights are the pairs' match weights, field by field (weigh):
	// the fuzzy candidate's evidence, or, WeighedNow, the profiles
	// compared as they read now.
	Weights    []weightTable
	WeighedNow bool
}

// Label names a profile on the page: "Profile 2 (…a1b2c3d4)".
func (c *comparison) Label(id string) msg {
	return say("profile.label_id", c.Labels[id], shortID(id))
}

// fieldRow is one line of the side-by-side table.
type fieldRow struct {
	Field    string // the form's name after "field.", when Pickable
	Label    msg
	Differs  bool
	Pickable bool // a radio per profile
	Auto     msg  // what "automatic" keeps, when Pickable
	Cells    []fieldCell
}

// fieldCell is one profile's value of a field.
type fieldCell struct {
	ProfileID string
	Value     string
	Note      msg   // after the value: when an attribute was set
	Lines     []msg // for lists (contact points, activity)
	Pickable  bool  // a radio for this profile's value
}

// planView is what a confirmed merge will do, for the confirmation page.
type planView struct {
	Survivor   msg
	Tombstones []msg
	// TombstoneList is Tombstones in words: "Profile 2 (…), Profile 3 (…)".
	TombstoneList msg
	Values        []planValue
	Contacts      int // distinct contact values, after folding
	Activities    int // bookings and sales moving to the survivor
}

// planValue is one kept value, where it comes from and why.
type planValue struct {
	Field string
	Label msg
	Value string
	Lines []string
	From  msg
	How   msg
}

// weigh sets c.Weights: the tables of a fuzzy candidate's evidence, or,
// when it holds none (a candidate opened on a shared email or mobile,
// profiles ticked at the front desk), the default survivor compared with
// each other profile under the tenant's model, as the profiles read now.
// A reviewer sees each field's match weight either way.
func (s *Server) weigh(r *http.Request, sess session, c *comparison) *pageError {
	if c.Review != nil {
		if c.Weights = fuzzyWeights(c.Review.Evidence); len(c.Weights) > 0 {
			return nil
		}
	}
	ids := []string{c.Survivor}
	for _, p := range c.Profiles {
		if p.ID != c.Survivor {
			ids = append(ids, p.ID)
		}
	}
	pairs, err := s.store.WeighProfiles(r.Context(), sess.tok.TenantID, ids)
	if err != nil {
		return pageStoreError(err)
	}
	for _, p := range pairs {
		c.Weights = append(c.Weights, weightTable{Profiles: p.ProfileIDs[:], Fields: p.Score.Fields, Weight: p.Score.Weight,
			Threshold: p.Threshold, Swapped: p.Score.NamesSwapped})
	}
	c.WeighedNow = len(c.Weights) > 0
	return nil
}

// compare lays profiles side by side for a candidate (rv) or for profiles
// ticked at the front desk (rv nil).
func (s *Server) compare(r *http.Request, sess session, rv *store.Review, ps []store.ReviewProfile) (*comparison, *pageError) {
	t, err := s.store.Tenant(r.Context(), sess.tok.TenantID)
	if err != nil {
		return nil, pageStoreError(err)
	}
	c := &comparison{Title: customerName(ps), Review: rv, Profiles: ps, Labels: map[string]msg{},
		Survivor: matcher.DefaultSurvivor(store.DomainProfiles(ps)), Picks: map[string]string{}}
	for i, p := range ps {
		c.Labels[p.ID] = say("profile.label", i+1)
	}
	if rv != nil {
		c.Mergeable = rv.Status == store.ReviewOpen
		c.PageURL = "/review/candidates/" + rv.ID
		c.ConfirmURL, c.MergeURL = c.PageURL+"/confirm", c.PageURL+"/merge"
	} else {
		c.Mergeable = !slices.ContainsFunc(ps, func(p store.ReviewProfile) bool { return p.Status != store.ProfileActive })
		q := url.Values{}
		for _, p := range ps {
			c.IDs = append(c.IDs, p.ID)
			q.Add("ids", p.ID)
		}
		if c.Query = strings.TrimSpace(r.FormValue("q")); c.Query != "" {
			q.Set("q", c.Query)
		}
		c.PageURL = "/customers/merge?" + q.Encode()
		c.ConfirmURL, c.MergeURL = "/customers/merge/confirm", "/customers/merge"
	}
	differences := matcher.Differences(store.DomainProfiles(ps))
	if rv != nil {
		differences = rv.Differences
	}
	c.Rows = sideBySide(ps, differences, t.AttributeRules)
	c.choose(r.URL.Query())
	return c, nil
}

// choose takes the survivor and the picks a link carries (the
// confirmation's way back, the sign-in after a session ended), among the
// page's profiles, so that a choice made is never lost.
func (c *comparison) choose(q url.Values) {
	isProfile := func(id string) bool {
		return slices.ContainsFunc(c.Profiles, func(p store.ReviewProfile) bool { return p.ID == id })
	}
	if v := q.Get("survivor"); isProfile(v) {
		c.Survivor = v
	}
	for k, vs := range q {
		if strings.HasPrefix(k, "field.") && len(vs) > 0 && isProfile(vs[0]) {
			c.Picks[k] = vs[0]
		}
	}
}

// SearchURL is the customer search the profiles were ticked in, with
// their ticks (front desk only).
func (c *comparison) SearchURL() string {
	q := url.Values{"ids": c.IDs}
	if c.Query != "" {
		q.Set("q", c.Query)
	}
	return "/customers?" + q.Encode()
}

// BackURL is this page with the survivor and the picks chosen: the
// confirmation's way back keeps them.
func (c *comparison) BackURL() string { return withChoices(c.PageURL, c.Survivor, c.Picks) }

// withChoices adds a survivor and picks (form name → profile id) to a
// page's URL.
func withChoices(page, survivor string, picks map[string]string) string {
	u, err := url.Parse(page)
	if err != nil {
		return page
	}
	q := u.Query()
	if survivor != "" {
		q.Set("survivor", survivor)
	}
	for k, v := range picks {
		q.Set(k, v)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// choicesPage is the side-by-side page a merge form was posted from, with
// what the form chose, for a POST whose session ended: after signing in
// the reviewer finds the comparison as they left it. Another POST goes to
// its section's first page.
func choicesPage(r *http.Request) string {
	page := ""
	switch id, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/review/candidates/"), "/"); {
	case r.URL.Path == "/customers/merge" || r.URL.Path == "/customers/merge/confirm":
		page = "/customers/merge"
	case strings.HasPrefix(r.URL.Path, "/review/candidates/") && (rest == "confirm" || rest == "merge") && uuid.Validate(id) == nil:
		page = "/review/candidates/" + id
	default:
		return sectionRoot(r)
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxFormBytes)
	if r.ParseForm() != nil {
		return page
	}
	if ids := r.PostForm["ids"]; len(ids) > 0 && page == "/customers/merge" {
		q := url.Values{"ids": ids}
		if search := r.PostForm.Get("q"); search != "" {
			q.Set("q", search)
		}
		page += "?" + q.Encode()
	}
	survivor, _, picks := mergeForm(r)
	return withChoices(page, survivor, picks)
}

// sideBySide builds the rows of the comparison: the core fields (with
// radios where the values differ), contact points, attributes (each with
// radios), dates and activity.
func sideBySide(ps []store.ReviewProfile, differences []string, rules map[string]matcher.AttributeRule) []fieldRow {
	differs := func(f string) bool { return slices.Contains(differences, f) }
	var rows []fieldRow
	domain := store.DomainProfiles(ps)
	for _, f := range matcher.ScalarFields {
		row := fieldRow{Field: string(f), Label: fieldLabel(string(f)), Differs: differs(string(f)), Auto: say("pick.auto")}
		row.Pickable = row.Differs
		for _, p := range domain {
			row.Cells = append(row.Cells, fieldCell{ProfileID: p.ID, Value: p.Get(f), Pickable: row.Pickable})
		}
		rows = append(rows, row)
	}
	// The address is picked whole.
	addr := fieldRow{Field: string(matcher.FieldAddress), Label: fieldLabel(string(matcher.FieldAddress)),
		Differs: differs(string(matcher.FieldAddress)), Auto: say("pick.auto")}
	addr.Pickable = addr.Differs
	for _, p := range domain {
		addr.Cells = append(addr.Cells, fieldCell{ProfileID: p.ID, Value: p.Address.String(), Pickable: addr.Pickable})
	}
	rows = append(rows, addr)
	list := func(label msg, get func(p store.ReviewProfile) []msg) {
		row := fieldRow{Label: label}
		for _, p := range ps {
			row.Cells = append(row.Cells, fieldCell{ProfileID: p.ID, Lines: get(p)})
		}
		rows = append(rows, row)
	}
	for _, kind := range []string{"email", "mobile", "phone"} {
		list(say("row.all_"+kind), func(p store.ReviewProfile) []msg { return contactLines(p, kind) })
	}
	rows = append(rows, attributeRows(ps, differs, rules)...)
	list(say("row.created"), func(p store.ReviewProfile) []msg { return []msg{verbatim(pageTime(p.CreatedAt))} })
	list(say("row.updated"), func(p store.ReviewProfile) []msg { return []msg{verbatim(pageTime(p.UpdatedAt))} })
	list(say("row.activity"), func(p store.ReviewProfile) []msg {
		return []msg{say("cell.activity", say("count.bookings", p.ActivityCounts[store.KindBooking]),
			say("count.sales", p.ActivityCounts[store.KindSale]))}
	})
	list(say("row.recent_activity"), func(p store.ReviewProfile) []msg {
		var out []msg
		for _, a := range p.RecentActivity {
			out = append(out, say("cell.recent", a.OccurredAt.Format(time.DateOnly), say("kind."+a.Kind), a.Source, a.ExternalID))
		}
		return out
	})
	list(say("row.status"), func(p store.ReviewProfile) []msg {
		if p.MergedInto != nil {
			return []msg{say("cell.merged_into", statusLabel(p.Status), shortID(*p.MergedInto))}
		}
		return []msg{statusLabel(p.Status)}
	})
	return rows
}

// contactLines lists a profile's contact points of one kind, each with
// whether it is primary or invalid and when it was first and last seen.
func contactLines(p store.ReviewProfile, kind string) []msg {
	var out []msg
	for _, c := range p.ContactPoints {
		if c.Kind != kind {
			continue
		}
		value := verbatim(c.Value)
		if c.Primary {
			value = say("cell.primary", value)
		}
		if !c.Valid {
			value = say("cell.invalid", value)
		}
		out = append(out, say("cell.seen", value, c.FirstSeen.Format(time.DateOnly), c.LastSeen.Format(time.DateOnly)))
	}
	return out
}

// attributeRows gives each attribute any of the profiles holds a row, in
// name order, with the rule that merges it when nobody picks.
func attributeRows(ps []store.ReviewProfile, differs func(string) bool, rules map[string]matcher.AttributeRule) []fieldRow {
	keys := map[string]bool{}
	for _, p := range ps {
		for k := range p.Attributes {
			keys[k] = true
		}
	}
	var rows []fieldRow
	// Every attribute can be picked, even one all profiles hold alike: a
	// rule like sum would otherwise add the values up.
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		field := "attributes." + k
		rule := matcher.AttrLatest
		if rr, ok := rules[k]; ok {
			rule = rr
		}
		row := fieldRow{Field: field, Label: fieldLabel(field), Differs: differs(field), Pickable: true,
			Auto: say("pick.auto_rule", say("rule."+string(rule)))}
		for _, p := range ps {
			v, ok := p.Attributes[k]
			cell := fieldCell{ProfileID: p.ID, Value: v, Pickable: ok}
			if ok {
				cell.Note = say("cell.set", p.AttributesSet[k].Format(time.DateOnly))
			}
			row.Cells = append(row.Cells, cell)
		}
		rows = append(rows, row)
	}
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

// confirm shows what merging the profiles as the form asks keeps: a dry
// run of the merge itself, so the page shows exactly what confirming
// does, tenant attribute rules and their fallbacks included.
func (s *Server) confirm(w http.ResponseWriter, r *http.Request, sess session, rv *store.Review, ps []store.ReviewProfile) *pageError {
	survivor, picks, raw := mergeForm(r)
	req := store.MergeRequest{TenantID: sess.tok.TenantID, Actor: sess.tok.Label, SurvivorID: survivor, Picks: picks, DryRun: true}
	if rv != nil {
		req.ReviewID = rv.ID
	} else {
		for _, p := range ps {
			req.ProfileIDs = append(req.ProfileIDs, p.ID)
		}
	}
	res, err := s.store.Merge(r.Context(), req)
	if err != nil {
		return pageStoreError(err)
	}
	c, perr := s.compare(r, sess, rv, ps)
	if perr != nil {
		return perr
	}
	c.Survivor, c.Picks = res.Profile.ID, raw
	view := &planView{Survivor: c.Label(res.Profile.ID)}
	for _, id := range res.MergedIDs {
		view.Tombstones = append(view.Tombstones, c.Label(id))
	}
	view.TombstoneList = joinMsgs(view.Tombstones)
	for _, k := range res.Kept {
		v := planValue{Field: k.Field, Label: fieldLabel(k.Field), Value: k.Value, How: keptHow(k.How), From: say("kept.combined")}
		if k.From != "" {
			v.From = c.Label(k.From)
		}
		view.Values = append(view.Values, v)
	}
	created := planValue{Field: "created_at", Label: say("row.created"), Value: pageTime(res.Profile.CreatedAt), How: say("how.oldest")}
	for _, p := range ps {
		if p.CreatedAt.Equal(res.Profile.CreatedAt) {
			created.From = c.Label(p.ID)
			break
		}
	}
	view.Values = append(view.Values, created)
	for _, cp := range []struct {
		kind   string
		values []string
	}{{"email", res.Profile.Emails}, {"mobile", res.Profile.Mobiles}, {"phone", res.Profile.Phones}} {
		if len(cp.values) == 0 {
			continue
		}
		view.Contacts += len(cp.values)
		view.Values = append(view.Values, planValue{Field: "contacts." + cp.kind, Label: say("row.all_" + cp.kind),
			Lines: cp.values, From: say("kept.all_profiles"), How: say("how.contacts")})
	}
	for _, p := range ps {
		if p.ID != res.Profile.ID {
			view.Activities += p.ActivityCount
		}
	}
	s.render(w, r, http.StatusOK, "confirm", pageData{Session: &sess, Compare: c, Plan: view, Here: c.PageURL,
		Title: say("title.confirm_name", profileName(res.Profile))})
	return nil
}

// maxMergeProfiles bounds the profiles ticked for one merge.
const maxMergeProfiles = 20

// tickedIDs reads the profiles ticked for a merge: ids=…&ids=… (or one ids
// separated by commas), each once, in order.
func tickedIDs(vals []string) []string {
	var out []string
	for _, v := range vals {
		for id := range strings.SplitSeq(v, ",") {
			if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}
