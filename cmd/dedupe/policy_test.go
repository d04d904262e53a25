package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"dedupe/worker"
)

// createProfileID adds a profile through POST /v1/profiles (no matching)
// and returns its id.
func (s *service) createProfileID(fields map[string]any) string {
	s.t.Helper()
	return s.createProfile(fields).ID
}

// booking is a booking body with the given customer and every sent field
// requested.
func booking(externalID string, customer map[string]any) map[string]any {
	return map[string]any{"external_id": externalID, "customer": customer}
}

// explanation decodes an ingestion's explanation.
type explanation struct {
	Rule          string `json:"rule"`
	PolicyVersion int    `json:"policy_version"`
	Keys          []struct {
		Kind, Value, Problem string
		Used, Corrected      bool
	} `json:"keys"`
	Matches []struct {
		ProfileID string   `json:"profile_id"`
		On        []string `json:"on"`
	} `json:"matches"`
	Changes []struct{ Field, Old, New string } `json:"changes"`
}

func explain(t *testing.T, ing ingestion) explanation {
	t.Helper()
	var e explanation
	if err := json.Unmarshal(ing.Explanation, &e); err != nil {
		t.Fatalf("explanation %s: %v", ing.Explanation, err)
	}
	return e
}

// reviewProfiles returns the profile ids of a review candidate.
func (s *service) reviewProfiles(id string) []string {
	s.t.Helper()
	var ids []string
	if err := s.store.Pool().QueryRow(s.t.Context(), `SELECT profile_ids::text[] FROM review_candidates WHERE id = $1`, id).Scan(&ids); err != nil {
		s.t.Fatal(err)
	}
	return ids
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]bool{}
	for _, x := range a {
		m[x] = true
	}
	for _, x := range b {
		if !m[x] {
			return false
		}
	}
	return true
}

func TestSalonTwoProfilesShareTheEmail(t *testing.T) {
	s := MustRun(t)
	first := s.createProfileID(map[string]any{"first_name": "Camille", "last_name": "Roy", "email": "camille@example.fr"})
	second := s.createProfileID(map[string]any{"first_name": "Camille", "last_name": "R.", "email": "camille@example.fr"})
	ing := s.post("/v1/bookings", booking("bk-1", map[string]any{"first_name": "Camille", "last_name": "Roy-Martin", "email": "camille@example.fr"}))
	if *ing.Decision != "updated" || *ing.ProfileID != first || ing.ReviewID == nil {
		t.Fatalf("ingestion = %+v; want the first-created %s updated and a review", ing, first)
	}
	if e := explain(t, ing); e.Rule != "first_created" || len(e.Matches) != 2 {
		t.Fatalf("explanation = %+v", e)
	}
	if p := s.profile(second); p.LastName != "R." || p.ActivityCount != 0 {
		t.Fatalf("the other profile changed: %+v", p)
	}
	if p := s.profile(first); p.LastName != "Roy-Martin" {
		t.Fatalf("first-created profile not updated: %+v", p)
	}
	if ids := s.reviewProfiles(*ing.ReviewID); !sameSet(ids, []string{first, second}) {
		t.Fatalf("review holds %v, want both profiles", ids)
	}
	again := s.post("/v1/bookings", booking("bk-2", map[string]any{"first_name": "Camille", "email": "camille@example.fr"}))
	if again.ReviewID == nil || *again.ReviewID != *ing.ReviewID || s.count(`SELECT count(*) FROM review_candidates`) != 1 {
		t.Fatalf("a second ambiguous booking opened %v; want the same single candidate %s", again.ReviewID, *ing.ReviewID)
	}
}

func TestEmailAndMobileHitDifferentProfiles(t *testing.T) {
	s := MustRun(t)
	a := s.createProfileID(map[string]any{"first_name": "Camille", "email": "camille@example.fr"})
	b := s.createProfileID(map[string]any{"first_name": "Camille", "mobile": "06 12 34 56 78"})
	ing := s.post("/v1/bookings", booking("bk-1", map[string]any{"first_name": "Camille", "email": "camille@example.fr", "mobile": "0612345678"}))
	if *ing.Decision != "updated" || *ing.ProfileID != a || ing.ReviewID == nil {
		t.Fatalf("ingestion = %+v; want %s (first-created) updated and a review", ing, a)
	}
	e := explain(t, ing)
	on := map[string]string{}
	for _, m := range e.Matches {
		on[m.ProfileID] = strings.Join(m.On, ",")
	}
	if on[a] != "email" || on[b] != "mobile" {
		t.Fatalf("matches = %+v; want %s on email and %s on mobile", e.Matches, a, b)
	}
	if ids := s.reviewProfiles(*ing.ReviewID); !sameSet(ids, []string{a, b}) {
		t.Fatalf("review holds %v", ids)
	}
}

func TestFamilyEmailNeverOverwritesAnotherName(t *testing.T) {
	s := MustRun(t)
	mum := s.post("/v1/bookings", booking("bk-1", map[string]any{"first_name": "Sophie", "last_name": "Roy", "email": "famille.roy@example.fr"}))
	kid := s.post("/v1/bookings", booking("bk-2", map[string]any{"first_name": "Lucas", "last_name": "Roy", "email": "famille.roy@example.fr"}))
	if *kid.Decision != "created" || *kid.ProfileID == *mum.ProfileID || kid.ReviewID == nil || explain(t, kid).Rule != "name_guard" {
		t.Fatalf("kid = %+v; want a new profile, rule name_guard, and a review", kid)
	}
	if p := s.profile(*mum.ProfileID); p.FirstName != "Sophie" || p.ActivityCount != 1 {
		t.Fatalf("mum's profile = %+v", p)
	}
	if ids := s.reviewProfiles(*kid.ReviewID); !sameSet(ids, []string{*mum.ProfileID, *kid.ProfileID}) {
		t.Fatalf("review holds %v, want mum and the new profile", ids)
	}

	// With the guard off, the tenant gets the plain rule. (--slug, the
	// command's flag before --tenant, still names the tenant.)
	s.cli("tenant", "policy", "--slug", "salon", "--name-guard=off")
	dad := s.post("/v1/bookings", booking("bk-3", map[string]any{"first_name": "Marc", "email": "famille.roy@example.fr"}))
	if *dad.Decision != "updated" || *dad.ProfileID != *mum.ProfileID || explain(t, dad).Rule != "guard_disabled" || explain(t, dad).PolicyVersion != 2 {
		t.Fatalf("dad with the guard off = %+v %+v; want the first-created updated under policy 2", dad, explain(t, dad))
	}
}

func TestSharedFrontDeskNumberGluesNobody(t *testing.T) {
	s := MustRun(t)
	const desk = "01 42 68 53 00"
	var ids []string
	for i := range 10 {
		ids = append(ids, s.createProfileID(map[string]any{"first_name": fmt.Sprintf("Client%c", 'A'+i), "email": fmt.Sprintf("client%d@example.fr", i), "mobile": desk}))
	}
	ing := s.post("/v1/bookings", booking("bk-11", map[string]any{"first_name": "ClientC", "mobile": desk}))
	if *ing.Decision != "created" || ing.ReviewID != nil {
		t.Fatalf("11th booking = %+v; want a new profile and no review", ing)
	}
	for _, id := range ids {
		if *ing.ProfileID == id {
			t.Fatalf("the 11th booking was merged into %s", id)
		}
	}
	e := explain(t, ing)
	if len(e.Keys) != 1 || e.Keys[0].Used || e.Keys[0].Problem != "shared" || !strings.Contains(ing.Reason, "too many customers share it") {
		t.Fatalf("explanation = %+v, reason %q; want the number named as shared", e, ing.Reason)
	}
	// The same booking with an email still finds its owner by the email.
	owner := s.post("/v1/bookings", booking("bk-12", map[string]any{"first_name": "ClientC", "email": "client2@example.fr", "mobile": desk}))
	if *owner.ProfileID != ids[2] {
		t.Fatalf("booking with email went to %s, want %s", *owner.ProfileID, ids[2])
	}
}

func TestBlockedAndPlaceholderValuesAreNotKeys(t *testing.T) {
	s := MustRun(t)
	out := s.cli("tenant", "policy", "--tenant", "salon", "--block", "01 42 68 53 00", "--block", "accueil@*")
	if !strings.Contains(out, `"+33142685300"`) || !strings.Contains(out, `"policy_version": 2`) {
		t.Fatalf("tenant policy printed %s", out)
	}
	first := s.post("/v1/bookings", booking("bk-1", map[string]any{"first_name": "Ana", "mobile": "01 42 68 53 00", "email": "noemail@salon.fr"}))
	second := s.post("/v1/bookings", booking("bk-2", map[string]any{"first_name": "Ana", "mobile": "+33142685300", "email": "noemail@salon.fr"}))
	if *second.Decision != "created" || *second.ProfileID == *first.ProfileID {
		t.Fatalf("second = %+v; a blocked number and a placeholder email must not match", second)
	}
	problems := map[string]string{}
	for _, k := range explain(t, second).Keys {
		problems[k.Kind] = k.Problem
	}
	if problems["mobile"] != "blocked" || problems["email"] != "placeholder" || explain(t, second).PolicyVersion != 2 {
		t.Fatalf("keys = %+v; want the mobile blocked and the email a placeholder, under policy 2", explain(t, second).Keys)
	}
	third := s.post("/v1/bookings", booking("bk-3", map[string]any{"first_name": "Ana", "email": "accueil@gmail.com"}))
	fourth := s.post("/v1/bookings", booking("bk-4", map[string]any{"first_name": "Ana", "email": "accueil@gmail.com"}))
	if *fourth.ProfileID == *third.ProfileID {
		t.Fatal("a blocked local part at any domain matched")
	}
	// The front desk types the salon's number for a customer who has her
	// own: she keeps her mobile.
	own := s.post("/v1/bookings", booking("bk-5", map[string]any{"first_name": "Lea", "email": "lea@example.fr", "mobile": "06 12 34 56 78"}))
	desk := s.post("/v1/bookings", booking("bk-6", map[string]any{"first_name": "Lea", "email": "lea@example.fr", "mobile": "01 42 68 53 00"}))
	if *desk.ProfileID != *own.ProfileID {
		t.Fatalf("the booking with the salon's number = %+v, want Lea's profile", desk)
	}
	if p := s.profile(*own.ProfileID); p.Mobile != "+33612345678" {
		t.Fatalf("Lea's mobile = %q after a booking with the salon's number; want her own kept", p.Mobile)
	}
}

func TestInvalidEmailIsStoredAndNamed(t *testing.T) {
	s := MustRun(t)
	ing := s.post("/v1/bookings", booking("bk-1", map[string]any{"first_name": "Camille", "email": "camille.example.fr", "mobile": "06 12 34 56 78"}))
	if ing.Status != "done" || *ing.Decision != "created" || !strings.Contains(ing.Reason, "email was not used as a key (it is not a valid address") {
		t.Fatalf("ingestion = %+v; want it accepted and the invalid email named", ing)
	}
	if p := s.profile(*ing.ProfileID); p.Email != "camille.example.fr" || p.Mobile != "+33612345678" {
		t.Fatalf("profile = %+v; want the email as given", p)
	}
	// The valid mobile is still a key.
	again := s.post("/v1/bookings", booking("bk-2", map[string]any{"first_name": "Camille", "email": "camille.example.fr", "mobile": "+33612345678"}))
	if *again.ProfileID != *ing.ProfileID {
		t.Fatal("the valid mobile did not match")
	}
}

func TestIgnoredSetIsNeverProposedAgain(t *testing.T) {
	s := MustRun(t)
	s.createProfileID(map[string]any{"first_name": "Camille", "email": "camille@example.fr"})
	s.createProfileID(map[string]any{"first_name": "Camille", "email": "camille@example.fr"})
	ing := s.post("/v1/bookings", booking("bk-1", map[string]any{"first_name": "Camille", "email": "camille@example.fr"}))
	if code := s.do("POST", "/v1/reviews/"+*ing.ReviewID+"/ignore", s.token, nil, nil); code != http.StatusOK {
		t.Fatalf("ignore = %d", code)
	}
	again := s.post("/v1/bookings", booking("bk-2", map[string]any{"first_name": "Camille", "email": "camille@example.fr"}))
	if again.ReviewID != nil || s.count(`SELECT count(*) FROM review_candidates WHERE status = 'open'`) != 0 {
		t.Fatalf("an ignored set was proposed again: %+v", again)
	}
}

func TestTenantPolicyAPI(t *testing.T) {
	s := MustRun(t)
	admin := s.newToken("salon", "admin")
	var e apiError
	if code := s.do("PATCH", "/v1/tenant/policy", s.token, `{"name_guard": false}`, &e); code != http.StatusForbidden {
		t.Fatalf("PATCH without admin scope = %d", code)
	}
	var got struct {
		NameGuard       bool     `json:"name_guard"`
		SharedThreshold int      `json:"shared_threshold"`
		Blocked         []string `json:"blocked_values"`
		PolicyVersion   int      `json:"policy_version"`
	}
	if code := s.do("PATCH", "/v1/tenant/policy", admin, `{"shared_threshold": 2, "block": ["06 00 11 22 33"]}`, &got); code != http.StatusOK {
		t.Fatalf("PATCH = %d", code)
	}
	if got.SharedThreshold != 2 || got.PolicyVersion != 2 || len(got.Blocked) != 1 || got.Blocked[0] != "+33600112233" || !got.NameGuard {
		t.Fatalf("policy = %+v", got)
	}
	if code := s.do("PATCH", "/v1/tenant/policy", admin, `{"shared_threshold": 0}`, &e); code != http.StatusBadRequest || e.Error.Field != "shared_threshold" {
		t.Fatalf("bad threshold = %d %+v", code, e)
	}
	if code := s.do("PATCH", "/v1/tenant/policy", admin, `{"fuzzy_threshold": 0}`, &e); code != http.StatusBadRequest || e.Error.Field != "fuzzy_threshold" {
		t.Fatalf("bad fuzzy threshold = %d %+v", code, e)
	}
	var fz struct {
		FuzzyThreshold float64 `json:"fuzzy_threshold"`
		PolicyVersion  int     `json:"policy_version"`
	}
	if code := s.do("PATCH", "/v1/tenant/policy", admin, `{"fuzzy_threshold": 24.5}`, &fz); code != http.StatusOK || fz.FuzzyThreshold != 24.5 || fz.PolicyVersion != 3 {
		t.Fatalf("fuzzy threshold = %d %+v", code, fz)
	}
	if code := s.do("GET", "/v1/tenant/policy", admin, nil, &got); code != http.StatusOK || got.PolicyVersion != 3 {
		t.Fatalf("GET = %d %+v", code, got)
	}
	var ids struct {
		Identifiers   []string `json:"identifier_attributes"`
		PolicyVersion int      `json:"policy_version"`
	}
	if code := s.do("PATCH", "/v1/tenant/policy", admin, `{"identifier_attributes": ["soc sec"]}`, &e); code != http.StatusBadRequest ||
		e.Error.Field != "identifier_attributes" {
		t.Fatalf("bad identifier attribute = %d %+v", code, e)
	}
	if code := s.do("PATCH", "/v1/tenant/policy", admin, `{"identifier_attributes": ["soc_sec_id"]}`, &ids); code != http.StatusOK ||
		!slices.Equal(ids.Identifiers, []string{"soc_sec_id"}) || ids.PolicyVersion != 4 {
		t.Fatalf("identifier attributes = %d %+v", code, ids)
	}
	out := s.cli("tenant", "policy", "--tenant", "salon", "--identifier-attributes", "soc_sec_id, loyalty_card")
	if !strings.Contains(out, `"loyalty_card"`) || !strings.Contains(out, `"policy_version": 5`) {
		t.Fatalf("tenant policy printed %s", out)
	}
	if code := s.do("GET", "/v1/tenant/policy", admin, nil, &ids); code != http.StatusOK || !slices.Equal(ids.Identifiers, []string{"soc_sec_id", "loyalty_card"}) {
		t.Fatalf("GET = %d %+v", code, ids)
	}
}

// fuzzyIdle waits until the fuzzy queue has nothing pending or running.
func (s *service) fuzzyIdle() {
	s.t.Helper()
	insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: s.redis.Addr()})
	defer insp.Close()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		info, err := insp.GetQueueInfo(worker.QueueFuzzy)
		if err == nil && info.Pending+info.Active+info.Retry == 0 && info.Processed > 0 {
			return
		}
	}
	s.t.Fatal("the fuzzy queue did not drain")
}

func TestFuzzyCandidates(t *testing.T) {
	tests := []struct {
		name        string
		a, b        map[string]any
		wantPropose bool
	}{
		// A surname typo with the same birth date. (Without the date, the
		// emails only repeat the names and their typo: no second piece of
		// evidence.)
		{"TypoSurname",
			map[string]any{"first_name": "Jean", "last_name": "Dupont", "email": "jean.dupont@orange.fr", "birth_date": "1980-05-06"},
			map[string]any{"first_name": "Jean", "last_name": "Dupond", "email": "jean.dupond@orange.fr", "birth_date": "1980-05-06"}, true},
		{"TypoSurnameNothingElse",
			map[string]any{"first_name": "Jean", "last_name": "Dupont", "email": "jean.dupont@orange.fr"},
			map[string]any{"first_name": "Jean", "last_name": "Dupond", "email": "jean.dupond@orange.fr"}, false},
		{"SwappedDigit",
			map[string]any{"first_name": "Lea", "last_name": "Martin", "mobile": "06 12 34 56 78"},
			map[string]any{"first_name": "Léa", "last_name": "Martin", "mobile": "06 12 34 56 87"}, true},
		{"GmailDotVariant",
			map[string]any{"first_name": "Hugo", "last_name": "Bernard", "email": "hugo.bernard@gmail.com"},
			map[string]any{"first_name": "Hugo", "email": "hugobernard@gmail.com"}, true},
		// One mailbox, two first names: a family's address, not one person.
		{"GmailDotVariantOtherFirstName",
			map[string]any{"first_name": "Hugo", "email": "hugo.bernard@gmail.com"},
			map[string]any{"first_name": "Sam", "email": "hugobernard@gmail.com"}, false},
		{"UnrelatedPeople",
			map[string]any{"first_name": "Jean", "last_name": "Dupont", "email": "jean.dupont@orange.fr", "mobile": "06 12 34 56 78"},
			map[string]any{"first_name": "Marie", "last_name": "Curie", "email": "m.curie@free.fr", "mobile": "07 81 22 33 44"}, false},
		{"SameNameNothingElse",
			map[string]any{"first_name": "Marie", "last_name": "Martin", "email": "marie.martin@free.fr"},
			map[string]any{"first_name": "Marie", "last_name": "Martin", "email": "mm1987@orange.fr"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustRun(t)
			a := s.post("/v1/bookings", booking("bk-a", tt.a))
			b := s.post("/v1/bookings", booking("bk-b", tt.b))
			if *a.Decision != "created" || *b.Decision != "created" {
				t.Fatalf("decisions %s, %s; the fixtures must be two new profiles", *a.Decision, *b.Decision)
			}
			s.fuzzyIdle()
			var n int
			var reason string
			if err := s.store.Pool().QueryRow(t.Context(), `SELECT count(*), coalesce(max(reason), '') FROM review_candidates
				WHERE profile_ids @> ARRAY[$1::uuid, $2::uuid] AND reason LIKE 'fuzzy:%'`, *a.ProfileID, *b.ProfileID).Scan(&n, &reason); err != nil {
				t.Fatal(err)
			}
			if (n == 1) != tt.wantPropose || n > 1 {
				t.Fatalf("%d fuzzy candidates (%q), want proposed=%v", n, reason, tt.wantPropose)
			}
		})
	}
}

// TestFuzzySearchAfterAnUpdate: a profile searched when it was created is
// searched again when a booking gives it evidence it lacked. Marie Martin
// booked twice under two emails, once with her birth date: the name alone
// proposes nothing. Her next booking on the first email brings the date,
// and the two profiles become a candidate. (That a booking bringing
// nothing new queues no search is store.TestSearchAgain's.)
func TestFuzzySearchAfterAnUpdate(t *testing.T) {
	s := MustRun(t)
	a := s.post("/v1/bookings", booking("bk-a", map[string]any{"first_name": "Marie", "last_name": "Martin", "email": "marie.martin@free.fr"}))
	b := s.post("/v1/bookings", booking("bk-b", map[string]any{"first_name": "Marie", "last_name": "Martin", "email": "mm1987@orange.fr", "birth_date": "1987-03-14"}))
	if *a.Decision != "created" || *b.Decision != "created" {
		t.Fatalf("decisions %s, %s; the fixtures must be two new profiles", *a.Decision, *b.Decision)
	}
	s.fuzzyIdle()
	if n := s.openFuzzy(*a.ProfileID, *b.ProfileID); n != 0 {
		t.Fatalf("%d candidates on the name alone, want none", n)
	}
	dated := s.post("/v1/bookings", booking("bk-c", map[string]any{"first_name": "Marie", "last_name": "Martin", "email": "marie.martin@free.fr", "birth_date": "1987-03-14"}))
	if *dated.Decision != "updated" || *dated.ProfileID != *a.ProfileID {
		t.Fatalf("the birth date: %s on %s, want updated on %s", *dated.Decision, *dated.ProfileID, *a.ProfileID)
	}
	// The search is queued as the booking's task ends, which may be just
	// after its ingestion reads done.
	if n := s.awaitFuzzy(*a.ProfileID, *b.ProfileID); n != 1 {
		t.Fatalf("%d candidates after the birth date came, want 1", n)
	}
}

// TestFuzzySearchAfterAMerge: a merge's survivor holds the evidence of
// every profile merged into it, and is searched again. Marie Martin's
// name was on one profile and her birth date on another (a booking that
// asked only for the email and the date); a third copy has both, and
// meets neither alone. Once the two are merged, it meets the survivor.
func TestFuzzySearchAfterAMerge(t *testing.T) {
	s := MustRun(t)
	named := s.post("/v1/bookings", booking("bk-a", map[string]any{"first_name": "Marie", "last_name": "Martin", "email": "marie.martin@free.fr"}))
	dated := s.post("/v1/bookings", booking("bk-b", map[string]any{"email": "mm87@orange.fr", "birth_date": "1987-03-14"}))
	both := s.post("/v1/bookings", booking("bk-c", map[string]any{"first_name": "Marie", "last_name": "Martin", "email": "marie.m@gmail.com", "birth_date": "1987-03-14"}))
	for _, ing := range []ingestion{named, dated, both} {
		if *ing.Decision != "created" {
			t.Fatalf("decision %s; the fixtures must be three new profiles", *ing.Decision)
		}
	}
	s.fuzzyIdle()
	if n := s.openFuzzy(*named.ProfileID, *both.ProfileID) + s.openFuzzy(*dated.ProfileID, *both.ProfileID); n != 0 {
		t.Fatalf("%d candidates before the merge, want none: the copy meets neither profile alone", n)
	}
	var m merged
	if code := s.do("POST", "/v1/merges", s.token, map[string]any{"survivor_id": *named.ProfileID, "merged_ids": []string{*dated.ProfileID}}, &m); code != http.StatusCreated {
		t.Fatalf("POST /v1/merges = %d", code)
	}
	if m.Profile.BirthDate != "1987-03-14" {
		t.Fatalf("the survivor's birth date = %q, want the merged profile's", m.Profile.BirthDate)
	}
	if n := s.awaitFuzzy(*named.ProfileID, *both.ProfileID); n != 1 {
		t.Fatalf("%d candidates of the survivor and the copy after the merge, want 1", n)
	}
}

// TestEmailSlipsFindTheProfile: an email typed with a slip that no mail
// could reach (a provider's domain misspelled, a doubled at sign, a comma
// after it) is the customer's address: the booking updates her profile,
// and the explanation says the address was corrected.
func TestEmailSlipsFindTheProfile(t *testing.T) {
	s := MustRun(t)
	first := s.post("/v1/bookings", booking("bk-1", map[string]any{"first_name": "Joey", "last_name": "Bell", "email": "joeybell76@icloud.com"}))
	for i, typed := range []string{"joeybell76@icloud.con", "joeybell76@@icloud.com", "JoeyBell76@iclould.com,"} {
		ing := s.post("/v1/bookings", booking(fmt.Sprintf("bk-slip-%d", i), map[string]any{"first_name": "Joey", "last_name": "Bell", "email": typed}))
		if *ing.Decision != "updated" || *ing.ProfileID != *first.ProfileID {
			t.Fatalf("%q: %s on %s, want updated on %s", typed, *ing.Decision, *ing.ProfileID, *first.ProfileID)
		}
		e := explain(t, ing)
		if len(e.Keys) != 1 || e.Keys[0].Value != "joeybell76@icloud.com" || !e.Keys[0].Used || !e.Keys[0].Corrected {
			t.Errorf("%q: keys %+v, want the corrected address used", typed, e.Keys)
		}
	}
	var p profile
	if code := s.do("GET", "/v1/profiles/"+*first.ProfileID, s.token, nil, &p); code != http.StatusOK || len(p.Emails) != 1 {
		t.Errorf("GET profile = %d, emails %v: want the one address", code, p.Emails)
	}
}

// TestBirthDateAsTheFormWritesIt: a widget that writes birth dates the
// way its country does (14.03.1987, 03/04/1990 in a French tenant) is
// not refused: the profile holds the date as YYYY-MM-DD, and the date
// tells a mother from her daughter as an ISO one would.
func TestBirthDateAsTheFormWritesIt(t *testing.T) {
	s := MustRun(t)
	mother := s.post("/v1/bookings", booking("bk-1", map[string]any{"first_name": "Anna", "last_name": "Nowak", "email": "nowak.dom@example.pl", "birth_date": "14.03.1967"}))
	var p profile
	if code := s.do("GET", "/v1/profiles/"+*mother.ProfileID, s.token, nil, &p); code != http.StatusOK || p.BirthDate != "1967-03-14" {
		t.Fatalf("GET profile = %d, birth date %q; want 1967-03-14", code, p.BirthDate)
	}
	daughter := s.post("/v1/bookings", booking("bk-2", map[string]any{"first_name": "Anna", "last_name": "Nowak", "email": "nowak.dom@example.pl", "birth_date": "03/04/1995"}))
	if *daughter.ProfileID == *mother.ProfileID || daughter.ReviewID == nil {
		t.Fatalf("the daughter's booking: %s on %s, review %v; want her own profile and a review", *daughter.Decision, *daughter.ProfileID, daughter.ReviewID)
	}
	if code := s.do("GET", "/v1/profiles/"+*daughter.ProfileID, s.token, nil, &p); code != http.StatusOK || p.BirthDate != "1995-04-03" {
		t.Errorf("GET profile = %d, birth date %q; want 1995-04-03 (day first in FR)", code, p.BirthDate)
	}
}

// TestFuzzyCandidateOutweighed: two Julien Moreaus at one address are
// proposed; a booking then brings the second a birth date 19 years from
// the first's, and the search it queues closes the candidate as stale,
// which the review API lists as such.
func TestFuzzyCandidateOutweighed(t *testing.T) {
	s := MustRun(t)
	home := map[string]any{"line1": "12 avenue Victor Hugo", "postal_code": "69003", "city": "Lyon"}
	a := s.post("/v1/bookings", booking("bk-a", map[string]any{"first_name": "Julien", "last_name": "Moreau",
		"email": "julien.moreau@example.fr", "birth_date": "1962-03-02", "address": home}))
	b := s.post("/v1/bookings", booking("bk-b", map[string]any{"first_name": "Julien", "last_name": "Moreau",
		"email": "jmoreau@example.com", "address": home}))
	if *a.Decision != "created" || *b.Decision != "created" {
		t.Fatalf("decisions %s, %s; the fixtures must be two new profiles", *a.Decision, *b.Decision)
	}
	if n := s.awaitFuzzy(*a.ProfileID, *b.ProfileID); n != 1 {
		t.Fatalf("%d candidates of the two, want 1", n)
	}
	dated := s.post("/v1/bookings", booking("bk-c", map[string]any{"first_name": "Julien", "last_name": "Moreau",
		"email": "jmoreau@example.com", "birth_date": "1981-07-19"}))
	if *dated.Decision != "updated" || *dated.ProfileID != *b.ProfileID {
		t.Fatalf("the birth date: %s on %s, want updated on %s", *dated.Decision, *dated.ProfileID, *b.ProfileID)
	}
	for deadline := time.Now().Add(20 * time.Second); s.openFuzzy(*a.ProfileID, *b.ProfileID) != 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
	}
	s.fuzzyIdle()
	var list struct {
		Reviews []review `json:"reviews"`
	}
	if code := s.do("GET", "/v1/reviews?status=stale", s.token, nil, &list); code != http.StatusOK || len(list.Reviews) != 1 ||
		!slices.Contains(list.Reviews[0].ProfileIDs, *b.ProfileID) {
		t.Fatalf("GET /v1/reviews?status=stale = %d %+v, want the two's candidate", code, list.Reviews)
	}
	if n := s.openFuzzy(*a.ProfileID, *b.ProfileID); n != 0 {
		t.Errorf("%d candidates of the two still open, want none", n)
	}
}

// openFuzzy counts the open fuzzy candidates holding profiles a and b.
func (s *service) openFuzzy(a, b string) int {
	s.t.Helper()
	var n int
	if err := s.store.Pool().QueryRow(s.t.Context(), `SELECT count(*) FROM review_candidates
		WHERE profile_ids @> ARRAY[$1::uuid, $2::uuid] AND reason LIKE 'fuzzy:%' AND status = 'open'`, a, b).Scan(&n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

// awaitFuzzy waits, for at most 20 s, until a fuzzy candidate holds
// profiles a and b (a search queued as a task or a request ends, which
// may be just after its answer), then until the fuzzy queue is idle, and
// returns openFuzzy.
func (s *service) awaitFuzzy(a, b string) int {
	s.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); s.openFuzzy(a, b) == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
	}
	s.fuzzyIdle()
	return s.openFuzzy(a, b)
}
