package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"dedupe/matcher"
)

// Profile statuses.
const (
	ProfileActive = "active"
	ProfileMerged = "merged"
	ProfileErased = "erased" // erased on request: nothing about the person is left
)

// Profile is a customer as the API shows it. Email and Mobile are the
// primary contact points; Emails, Mobiles and Phones list every one ever
// seen, primary first.
type Profile struct {
	ID            string               `json:"id"`
	Status        string               `json:"status"`
	MergedInto    *string              `json:"merged_into"`
	CreatedAt     time.Time            `json:"created_at"`
	UpdatedAt     time.Time            `json:"updated_at"`
	FirstName     string               `json:"first_name"`
	LastName      string               `json:"last_name"`
	Email         string               `json:"email"`
	Mobile        string               `json:"mobile"`
	Phone         string               `json:"phone"`
	BirthDate     string               `json:"birth_date"`
	Gender        string               `json:"gender"`
	Locale        string               `json:"locale"`
	Address       *matcher.Address     `json:"address"` // null when none
	Emails        []string             `json:"emails"`
	Mobiles       []string             `json:"mobiles"`
	Phones        []string             `json:"phones"`
	Attributes    map[string]string    `json:"attributes"`
	AttributesSet map[string]time.Time `json:"attributes_set_at"`
	ActivityCount int                  `json:"activity_count"`
}

// profileRow is a profiles row but its tenant_id and the columns derived
// from the fields (block_keys, search_keys): the profile the matcher sees,
// and its status. Its JSON is stored in merge records, as matcher.Profile's
// is: add fields, never rename.
type profileRow struct {
	matcher.Profile
	Status     string  `json:"status"`
	MergedInto *string `json:"merged_into"`
}

// profileColumns are a profileRow's columns, in scanProfile's order, on
// profiles aliased p.
const profileColumns = `p.id, p.status, p.merged_into, p.created_at, p.updated_at, p.first_name, p.last_name, p.email,
	p.mobile, p.phone, p.birth_date, p.gender, p.locale, p.address, p.attributes`

// scanProfile scans profileColumns, then the columns after them into extra.
func scanProfile(row pgx.Row, extra ...any) (profileRow, error) {
	var p profileRow
	dest := append([]any{&p.ID, &p.Status, &p.MergedInto, &p.CreatedAt, &p.UpdatedAt, &p.FirstName, &p.LastName, &p.Email,
		&p.Mobile, &p.Phone, &p.BirthDate, &p.Gender, &p.Locale, &p.Address, &p.Attributes}, extra...)
	err := row.Scan(dest...)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, err
}

// keyHoldersSQL selects the profile_id of the valid contact points that
// hold key k(kind, value, definite), under its kind or, for a definite
// mobile, as a mobile or a phone (matcher.Key.Kinds): one primary-key
// probe per kind. (kind = ANY(…) would let the planner scan the tenant's
// index past kind instead.)
const keyHoldersSQL = `(SELECT c.profile_id FROM unnest(CASE WHEN k.definite THEN ARRAY['mobile', 'phone'] ELSE ARRAY[k.kind] END) AS kk(kind)
	    CROSS JOIN LATERAL (SELECT profile_id FROM contact_points
	        WHERE tenant_id = $1 AND kind = kk.kind AND value = k.value AND valid OFFSET 0) c)`

// holdersSQL counts, up to $5, the active profiles holding each key ($2,
// $3, $4 are parallel arrays of kinds, values and whether the value is a
// definite mobile). Every look-up is a primary-key probe of
// contact_points (keyHoldersSQL). A profile holds a value under two kinds
// at most, so 2 × $5 rows hold $5 profiles when that many hold it.
const holdersSQL = `SELECT k.kind, k.value, k.definite,
	       (SELECT least(count(DISTINCT h.profile_id), $5) FROM (SELECT cp.profile_id FROM ` + keyHoldersSQL + ` cp
	            CROSS JOIN LATERAL (SELECT 1 FROM profiles WHERE tenant_id = $1 AND id = cp.profile_id AND status = 'active' OFFSET 0) hp
	            LIMIT 2 * $5) h) AS holders
	FROM unnest($2::text[], $3::text[], $4::bool[]) AS k(kind, value, definite)`

// matchesSQL answers, in one statement, which keys are held by $5 or more
// active profiles (too shared to identify anyone) and which active profiles
// hold a key that is not, with the key kinds each matched on (a definite
// mobile held as a phone matched on "mobile"), locked FOR UPDATE so a
// concurrent merge waits. Every row carries the shared keys as
// two parallel arrays (NULL when none); the profile columns are NULL on the
// single row returned when nothing matched. Each look-up is an index probe
// per key or per profile, even when the statistics of profiles say the
// tenant holds almost nothing: OFFSET 0 keeps each lateral subquery from
// becoming a join, which the planner would start from the tenant's
// profiles (TestHotPathPlansIgnoreStaleStatistics).
const matchesSQL = `WITH keys AS MATERIALIZED (` + holdersSQL + `),
	m AS (
	    SELECT cp.profile_id, array_agg(DISTINCT k.kind ORDER BY k.kind) AS kinds
	    FROM keys k CROSS JOIN LATERAL ` + keyHoldersSQL + ` cp
	    WHERE k.holders < $5
	    GROUP BY cp.profile_id),
	locked AS MATERIALIZED (
	    SELECT ` + profileColumns + `, m.kinds
	    FROM m CROSS JOIN LATERAL (SELECT * FROM profiles WHERE tenant_id = $1 AND id = m.profile_id AND status = 'active'
	        OFFSET 0 FOR UPDATE) p),
	shared AS (SELECT array_agg(kind) AS kinds, array_agg(value) AS vals FROM keys WHERE holders >= $5)
	SELECT locked.*, shared.kinds, shared.vals
	FROM shared LEFT JOIN locked ON true
	ORDER BY locked.created_at, locked.id`

// matchColumns is the number of columns of a matchesSQL row before the
// shared keys: profileColumns and m.kinds.
var matchColumns = strings.Count(profileColumns, ",") + 2

// keyArrays returns keys as the parallel arrays holdersSQL and duplicates
// read: kinds, values and whether each is a definite mobile.
func keyArrays(keys []matcher.Key) (kinds, values []string, definite []bool) {
	kinds, values, definite = make([]string, len(keys)), make([]string, len(keys)), make([]bool, len(keys))
	for i, k := range keys {
		kinds[i], values[i], definite[i] = string(k.Kind), k.Value, k.DefiniteMobile
	}
	return kinds, values, definite
}

// queueMatches queues matchesSQL; readMatches reads it.
func queueMatches(b *pgx.Batch, tenantID string, keys []matcher.Key, limit int) {
	kinds, values, definite := keyArrays(keys)
	b.Queue(matchesSQL, tenantID, kinds, values, definite, limit)
}

func readMatches(br pgx.BatchResults) (shared []matcher.Key, matches []matcher.Match, err error) {
	rows, err := br.Query()
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var sharedKinds, sharedValues []string
	for rows.Next() {
		if rows.RawValues()[0] == nil { // nothing matched: only the shared keys
			dest := make([]any, matchColumns+2)
			dest[matchColumns], dest[matchColumns+1] = &sharedKinds, &sharedValues
			if err := rows.Scan(dest...); err != nil {
				return nil, nil, err
			}
			continue
		}
		var kinds []string
		p, err := scanProfile(rows, &kinds, &sharedKinds, &sharedValues)
		if err != nil {
			return nil, nil, err
		}
		m := matcher.Match{Profile: p.Profile}
		for _, k := range kinds {
			m.On = append(m.On, matcher.Field(k))
		}
		matches = append(matches, m)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	for i := range sharedKinds {
		shared = append(shared, matcher.Key{Kind: matcher.Field(sharedKinds[i]), Value: sharedValues[i]})
	}
	return shared, matches, nil
}

// blockingKeys returns p's blocking keys as rr reads them: its address in
// the tenant's region when it names no country (matcher.Address.InRegion),
// and its identifier attributes.
func blockingKeys(p matcher.Profile, rr recordReading) []int64 {
	p.Address = p.Address.InRegion(rr.region)
	return matcher.BlockingKeys(p, rr.identifiers...)
}

func queueInsertProfile(b *pgx.Batch, t Tenant, p matcher.Profile) {
	// One statement writes the profile, its whole words (the w: search
	// keys) into search_words, and its words not filed yet under their
	// slips.
	distinct, slips, words := searchSlipsArgs(p.FirstName, p.LastName)
	b.Queue(`WITH p AS (
			INSERT INTO profiles (tenant_id, id, created_at, updated_at, first_name, last_name, email, mobile, phone,
			birth_date, gender, locale, attributes, block_keys, search_keys, address)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
			RETURNING tenant_id, id, search_keys),
		w AS (
			INSERT INTO search_words (tenant_id, word, profile_id)
			SELECT p.tenant_id, substr(k, 3), p.id FROM p, unnest(p.search_keys) AS k WHERE k LIKE 'w:%'),
		`+searchSlipsSQL(17),
		t.ID, p.ID, p.CreatedAt, p.UpdatedAt, p.FirstName, p.LastName, p.Email, p.Mobile, p.Phone,
		p.BirthDate, p.Gender, p.Locale, attributesOrEmpty(p.Attributes), blockingKeys(p, t.recordReading()),
		matcher.SearchKeys(p.FirstName, p.LastName), p.Address, distinct, slips, words)
}

// gainsKeys says whether after holds a blocking key that before does not:
// an update that gave a profile such a key may have brought it near a
// profile its earlier searches passed by.
func gainsKeys(before, after []int64) bool {
	return slices.ContainsFunc(after, func(k int64) bool { return !slices.Contains(before, k) })
}

// fillsIn says whether changes set a field that was blank.
func fillsIn(changes []matcher.Change) bool {
	return slices.ContainsFunc(changes, func(c matcher.Change) bool { return c.Old == "" })
}

// queueUpdateProfile writes a profile's fields and its blocking keys;
// renamed says its name changed, so its search words are rewritten too.
func queueUpdateProfile(b *pgx.Batch, t Tenant, p matcher.Profile, keys []int64, renamed bool) {
	tenantID := t.ID
	b.Queue(`UPDATE profiles SET updated_at = $3, first_name = $4, last_name = $5, email = $6, mobile = $7, phone = $8,
		birth_date = $9, gender = $10, locale = $11, attributes = $12, block_keys = $13, search_keys = $14, address = $15
		WHERE tenant_id = $1 AND id = $2`,
		tenantID, p.ID, p.UpdatedAt, p.FirstName, p.LastName, p.Email, p.Mobile, p.Phone,
		p.BirthDate, p.Gender, p.Locale, attributesOrEmpty(p.Attributes), keys,
		matcher.SearchKeys(p.FirstName, p.LastName), p.Address)
	if renamed {
		queueSearchSlips(b, tenantID, p.FirstName, p.LastName)
		queueSearchWords(b, tenantID, []string{p.ID})
	}
}

// queueContactPoints records the contact values a booking carried (new ones
// are added, known ones seen again). A new point is primary when it equals
// the profile's email, mobile or phone. realign says those changed: then
// every point of the profile is brought in line, so exactly the ones equal
// to them are primary. No contact point is ever deleted.
func queueContactPoints(b *pgx.Batch, tenantID string, p matcher.Profile, cps []matcher.ContactPoint, now time.Time, realign bool) {
	if len(cps) > 0 {
		kinds, values, valid := make([]string, len(cps)), make([]string, len(cps)), make([]bool, len(cps))
		canonical := make([]*string, len(cps))
		for i, cp := range cps {
			kinds[i], values[i], valid[i] = string(cp.Kind), cp.Value, cp.Valid
			if cp.Kind == matcher.FieldEmail && cp.Valid {
				c := matcher.CanonicalEmail(cp.Value)
				canonical[i] = &c
			}
		}
		b.Queue(`INSERT INTO contact_points (tenant_id, kind, value, profile_id, valid, canonical, is_primary, first_seen, last_seen)
			SELECT $1, k, v, $2, ok, c, v = CASE k WHEN 'email' THEN $8 WHEN 'mobile' THEN $9 ELSE $10 END, $7, $7
			FROM unnest($3::text[], $4::text[], $5::bool[], $6::text[]) AS c(k, v, ok, c)
			ON CONFLICT (tenant_id, kind, value, profile_id) DO UPDATE SET last_seen = EXCLUDED.last_seen`,
			tenantID, p.ID, kinds, values, valid, canonical, now, p.Email, p.Mobile, p.Phone)
	}
	if realign {
		b.Queue(`UPDATE contact_points SET is_primary = NOT is_primary
			WHERE tenant_id = $1 AND profile_id = $2
			  AND is_primary <> (value = CASE kind WHEN 'email' THEN $3 WHEN 'mobile' THEN $4 ELSE $5 END)`,
			tenantID, p.ID, p.Email, p.Mobile, p.Phone)
	}
}

// primariesMoved says whether an update changed the profile's email, mobile
// or phone, the values its primary contact points follow.
func primariesMoved(before, after matcher.Profile) bool {
	return before.Email != after.Email || before.Mobile != after.Mobile || before.Phone != after.Phone
}

func attributesOrEmpty(a map[string]matcher.Attribute) map[string]matcher.Attribute {
	if a == nil {
		return map[string]matcher.Attribute{}
	}
	return a
}

// viewSQL reads a profile as the API shows it.
const viewSQL = `SELECT ` + profileColumns + `,
	coalesce((SELECT array_agg(c.value ORDER BY c.is_primary DESC, c.first_seen, c.value) FROM contact_points c
	          WHERE c.tenant_id = p.tenant_id AND c.profile_id = p.id AND c.kind = 'email'), '{}'),
	coalesce((SELECT array_agg(c.value ORDER BY c.is_primary DESC, c.first_seen, c.value) FROM contact_points c
	          WHERE c.tenant_id = p.tenant_id AND c.profile_id = p.id AND c.kind = 'mobile'), '{}'),
	coalesce((SELECT array_agg(c.value ORDER BY c.is_primary DESC, c.first_seen, c.value) FROM contact_points c
	          WHERE c.tenant_id = p.tenant_id AND c.profile_id = p.id AND c.kind = 'phone'), '{}'),
	(SELECT count(*) FROM activities a WHERE a.tenant_id = p.tenant_id AND a.profile_id = p.id)
	FROM profiles p`

func scanView(row pgx.Row) (Profile, error) {
	var v Profile
	p, err := scanProfile(row, &v.Emails, &v.Mobiles, &v.Phones, &v.ActivityCount)
	v.ID, v.Status, v.MergedInto, v.CreatedAt, v.UpdatedAt = p.ID, p.Status, p.MergedInto, p.CreatedAt, p.UpdatedAt
	v.FirstName, v.LastName, v.Email, v.Mobile, v.Phone = p.FirstName, p.LastName, p.Email, p.Mobile, p.Phone
	v.BirthDate, v.Gender, v.Locale = p.BirthDate, p.Gender, p.Locale
	if !p.Address.Empty() {
		v.Address = &p.Address
	}
	v.Attributes, v.AttributesSet = map[string]string{}, map[string]time.Time{}
	for k, a := range p.Attributes {
		v.Attributes[k], v.AttributesSet[k] = a.Value, a.SetAt.UTC()
	}
	return v, err
}

// Profile returns a profile of the tenant, merged or not, or ErrNotFound.
func (s *Store) Profile(ctx context.Context, tenantID, id string) (Profile, error) {
	if uuid.Validate(id) != nil {
		return Profile{}, ErrNotFound
	}
	p, err := scanView(s.pool.QueryRow(ctx, viewSQL+` WHERE p.tenant_id = $1 AND p.id = $2`, tenantID, id))
	if err != nil {
		return Profile{}, fmt.Errorf("profile: %w", interpret(err))
	}
	return p, nil
}

// FindProfiles returns the tenant's active profiles holding the email or the
// mobile (raw values, normalised here with the tenant's region), oldest
// first: a definite mobile as a mobile or a phone, as a booking matches
// it. Invalid values match nothing.
func (s *Store) FindProfiles(ctx context.Context, tenantID, email, mobile string) ([]Profile, error) {
	t, err := tenant(ctx, s.pool, tenantID)
	if err != nil {
		return nil, err
	}
	inc := matcher.NewIncoming(matcher.Customer{Email: email, Mobile: mobile}, nil, t.Region)
	dups, err := duplicates(ctx, s.pool, tenantID, inc.Keys(), "")
	out := make([]Profile, len(dups))
	for i, d := range dups {
		out[i] = d.Profile
	}
	return out, err
}

// queryViews reads profiles as the API shows them: viewSQL followed by
// where (a WHERE clause and an order).
func (s *Store) queryViews(ctx context.Context, where string, args ...any) ([]Profile, error) {
	return queryViews(ctx, s.pool, where, args...)
}

// rowQuerier is what a pool and a transaction have in common to read rows.
type rowQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func queryViews(ctx context.Context, q rowQuerier, where string, args ...any) ([]Profile, error) {
	rows, err := q.Query(ctx, viewSQL+where, args...)
	if err != nil {
		return nil, interpret(err)
	}
	ps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Profile, error) { return scanView(r) })
	return ps, interpret(err)
}

// viewsInOrder reads the tenant's profiles ids as the API shows them, in
// the order of ids; an id that names no profile of the tenant is left out.
func viewsInOrder(ctx context.Context, q rowQuerier, tenantID string, ids []string) ([]Profile, error) {
	ps, err := queryViews(ctx, q, ` WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`, tenantID, ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ps, func(a, b Profile) int { return cmp.Compare(slices.Index(ids, a.ID), slices.Index(ids, b.ID)) })
	return ps, nil
}

// Duplicate is an active profile that shares a match key with another: a
// possible duplicate, and the keys it shares ("email", "mobile").
type Duplicate struct {
	Profile
	MatchedOn []matcher.Field `json:"matched_on"`
}

// Created is a profile the front desk created: the profile, the active
// profiles that already hold its email or mobile (for the "possible
// duplicate" banner), and the review candidate that puts them before a
// reviewer, if one opened.
type Created struct {
	Profile            Profile
	PossibleDuplicates []Duplicate
	ReviewID           string
}

// CreateProfile adds a profile to the customer file as given (front desk,
// import): it never merges. When active profiles already hold its email or
// mobile, it opens a review candidate with them (reason exact_key), as a
// booking would: blocked, placeholder and shared values (more holders than
// the tenant's threshold) open none, and a pair a reviewer ignored stays
// apart. Everything, the answer's reads included, is one transaction: an
// error means nothing was created.
func (s *Store) CreateProfile(ctx context.Context, tenantID, actor string, c matcher.Customer) (Created, error) {
	now := s.Now()
	var out Created
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		t, err := tenant(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		inc := matcher.NewIncoming(matcher.WithBirthDateRead(c, t.Region), nil, t.Region)
		keys := inc.Keys()
		p, changes := matcher.NewProfile(inc, newProfileID(), now)
		b := &pgx.Batch{}
		queueInsertProfile(b, t, p)
		queueContactPoints(b, tenantID, p, inc.Contacts(), now, false) // new: no other points
		b.Queue(`INSERT INTO audit_events (tenant_id, at, actor, action, profile_ids, details)
			VALUES ($1, $2, $3, 'created', $4, $5)`, tenantID, now, actor, []string{p.ID}, map[string]any{"changes": changes})
		queueEvent(b, tenantID, EventProfileCreated, now, map[string]any{"profile_id": p.ID, "fields": changedFields(changes)})
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		views, err := queryViews(ctx, tx, ` WHERE p.tenant_id = $1 AND p.id = $2`, tenantID, p.ID)
		if err != nil {
			return err
		}
		out.Profile = views[0]
		if out.PossibleDuplicates, err = duplicates(ctx, tx, tenantID, keys, p.ID); err != nil {
			return err
		}
		out.ReviewID, err = openExactCandidate(ctx, tx, t, keys, p.ID, out.PossibleDuplicates, now)
		return err
	})
	if err != nil {
		return Created{}, fmt.Errorf("create profile: %w", interpret(err))
	}
	return out, nil
}

// duplicates returns the active profiles other than except that hold one
// of keys (under any of its kinds, matcher.Key.Kinds), oldest first, with
// the key kinds each holds.
func duplicates(ctx context.Context, q rowQuerier, tenantID string, keys []matcher.Key, except string) ([]Duplicate, error) {
	out := []Duplicate{}
	if len(keys) == 0 {
		return out, nil
	}
	kinds, values, definite := keyArrays(keys)
	ps, err := queryViews(ctx, q, ` WHERE p.tenant_id = $1 AND p.status = 'active' AND p.id IN (
		SELECT cp.profile_id FROM unnest($2::text[], $3::text[], $4::bool[]) AS k(kind, value, definite)
		CROSS JOIN LATERAL `+keyHoldersSQL+` cp)
		AND p.id::text <> $5
		ORDER BY p.created_at, p.id`, tenantID, kinds, values, definite, except)
	if err != nil {
		return nil, fmt.Errorf("find profiles: %w", err)
	}
	for _, d := range ps {
		dup := Duplicate{Profile: d, MatchedOn: []matcher.Field{}}
		for _, k := range keys {
			if d.holds(k) && !slices.Contains(dup.MatchedOn, k.Kind) {
				dup.MatchedOn = append(dup.MatchedOn, k.Kind)
			}
		}
		out = append(out, dup)
	}
	return out, nil
}

// holds reports whether the profile holds key k, current or earlier.
func (p Profile) holds(k matcher.Key) bool {
	held := map[matcher.Field][]string{matcher.FieldEmail: p.Emails, matcher.FieldMobile: p.Mobiles, matcher.FieldPhone: p.Phones}
	return slices.ContainsFunc(k.Kinds(), func(kind matcher.Field) bool { return slices.Contains(held[kind], k.Value) })
}

// openExactCandidate opens (or joins) the review candidate of a new profile
// and the active profiles that hold its keys, leaving out the keys the
// tenant's policy sets aside: blocked values, placeholders, and values
// held by more profiles than its shared threshold.
func openExactCandidate(ctx context.Context, q querier, t Tenant, keys []matcher.Key, id string, dups []Duplicate, now time.Time) (string, error) {
	policy := t.Policy()
	usable, _ := policy.Screen(keys)
	ids := []string{id}
	var on []map[string]any
	for _, k := range usable {
		var holders []string
		for _, d := range dups {
			if d.holds(k) {
				holders = append(holders, d.ID)
			}
		}
		if len(holders) == 0 || policy.TooShared(len(holders)) {
			continue
		}
		ids = append(ids, holders...)
		on = append(on, map[string]any{"kind": k.Kind, "profile_ids": holders})
	}
	if len(ids) < 2 {
		return "", nil
	}
	reviewID, _, err := openCandidate(ctx, q, t.ID, ids, ReasonExactKey, 1, map[string]any{"rule": ReasonExactKey, "profile_id": id, "matches": on}, now)
	return reviewID, err
}

// evidenceKept is how many evidence entries an open candidate keeps, the
// latest: a pair found again and again with changing evidence (the model
// retrained, a profile updated) would otherwise grow its row without end.
const evidenceKept = 20

// keptEvidence is the jsonpath of a candidate's latest evidenceKept entries.
var keptEvidence = fmt.Sprintf("$[last - %d to last]", evidenceKept-1)

// ReasonExactKey is the reason of a candidate opened because a profile
// created at the front desk holds the email or mobile of another.
const ReasonExactKey = "exact_key"

// openCandidate opens a review candidate for a set of profiles, or adds the
// evidence to the open one for the same set (keeping the higher score).
// Evidence the candidate already holds (the same pair found again by the
// next search or scan, saying the same) is not added again, and a
// candidate keeps its latest evidenceKept entries. No
// candidate holds both profiles of a pair a reviewer ignored
// (withoutIgnoredPairs): the set loses a side, and when fewer than two
// profiles are left, nothing opens and it returns "".
//
// It reports whether the candidate is new; a new one emits review.opened
// in the same statement.
//
// Its callers (a fuzzy search, a scan, the front desk) read the profiles
// without the locks a merge, an undo and an erasure take (lockProfiles),
// so a merge may have made one a tombstone since. The statement waits for
// the merges under way on the profiles and opens nothing unless every one
// is still active then (profiles_still_active, migration 33): a merge
// that committed meanwhile leaves no open candidate holding its
// tombstone, and one that comes after waits, then finds the candidate and
// re-points it.
func openCandidate(ctx context.Context, db querier, tenantID string, profileIDs []string, reason string, score float64,
	evidence map[string]any, now time.Time) (string, bool, error) {
	ids, err := withoutIgnoredPairs(ctx, db, tenantID, profileIDs)
	if err != nil || len(ids) < 2 {
		return "", false, err
	}
	var c openedCandidate
	err = c.scan(db.QueryRow(ctx, openLiveCandidateSQL,
		append(candidateArgs(tenantID, reason, score, ids, evidence, now, EventReviewOpened), profileLockKeys(tenantID, ids))...))
	if err != nil {
		return "", false, fmt.Errorf("open review candidate: %w", err)
	}
	return c.id, c.opened, nil
}

// openLiveCandidateSQL is openCandidate's statement: $10 the profiles'
// lock keys.
var openLiveCandidateSQL = openCandidateSQL(`SELECT $1, $2, $3, $4, $5::uuid[], jsonb_build_array($6::jsonb), $7, $7
			WHERE profiles_still_active($1, $5::uuid[], $10::bigint[])`)

// candidateOpening is a candidate openCandidates opens: its profiles, and
// openCandidate's other arguments.
type candidateOpening struct {
	ids      []string
	reason   string
	score    float64
	evidence map[string]any
}

// openCandidates is openCandidate for several candidates at once, as a
// scan opens them: the pairs a reviewer ignored among all their profiles
// read in one query, then every candidate's statement sent together, in
// one implicit transaction, a round trip for them all. The shared locks of
// all their profiles are taken first, in one statement, ascending, as a
// merge takes its own: taken one candidate at a time, a lock held for one
// could be one a merge waits for while the next waits for that merge. It
// returns what each one opened, in order.
func openCandidates(ctx context.Context, db *pgxpool.Pool, tenantID string, cs []candidateOpening, now time.Time) ([]openedCandidate, error) {
	var all []string
	for _, c := range cs {
		all = append(all, c.ids...)
	}
	all = sortedSet(all)
	pairs, err := ignoredPairsAmong(ctx, db, tenantID, all)
	if err != nil {
		return nil, err
	}
	out := make([]openedCandidate, len(cs))
	b := &pgx.Batch{}
	b.Queue(`SELECT pg_advisory_xact_lock_shared(k) FROM unnest($1::bigint[]) AS k`, profileLockKeys(tenantID, all))
	for i, c := range cs {
		ids := dropIgnored(c.ids, pairs)
		if len(ids) < 2 {
			continue
		}
		b.Queue(openLiveCandidateSQL, append(candidateArgs(tenantID, c.reason, c.score, ids, c.evidence, now, EventReviewOpened),
			profileLockKeys(tenantID, ids))...).QueryRow(out[i].scan)
	}
	if err := db.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("open review candidates: %w", err)
	}
	return out, nil
}

// openIngestCandidate is openCandidate for the ingest's transaction, which
// holds the advisory locks of the profiles' keys (so no merge of them runs
// beside it) and emits review.opened itself, after its profile event.
func openIngestCandidate(ctx context.Context, tx querier, tenantID string, profileIDs []string, reason string,
	evidence map[string]any, now time.Time) (string, bool, error) {
	ids, err := withoutIgnoredPairs(ctx, tx, tenantID, profileIDs)
	if err != nil || len(ids) < 2 {
		return "", false, err
	}
	var c openedCandidate
	err = c.scan(tx.QueryRow(ctx, openCandidateSQL(`VALUES ($1, $2, $3, $4, $5::uuid[], jsonb_build_array($6::jsonb), $7, $7)`),
		candidateArgs(tenantID, reason, 1, ids, evidence, now, "")...))
	if err != nil {
		return "", false, fmt.Errorf("open review candidate: %w", err)
	}
	return c.id, c.opened, nil
}

// profileLockKey is the advisory lock key of a profile itself, which
// lockProfiles takes with the keys of its contact values.
func profileLockKey(tenantID, profileID string) int64 {
	return lockKey(tenantID, "profile", profileID)
}

// profileLockKeys are the profiles' lock keys, ascending.
func profileLockKeys(tenantID string, ids []string) []int64 {
	keys := make([]int64, len(ids))
	for i, id := range ids {
		keys[i] = profileLockKey(tenantID, id)
	}
	slices.Sort(keys)
	return keys
}

// openCandidateSQL opens a candidate from the row values gives ($1 tenant,
// $2 a new id, $3 reason, $4 score, $5 profile ids, $6 evidence, $7 now),
// or feeds the open one of the same set, which keeps the evidence entries
// $9 selects; a new one emits the event $8 unless it is empty. One
// statement, so that a candidate opened outside a transaction (fuzzy
// search, scan) and its review.opened event commit together.
func openCandidateSQL(values string) string {
	return `WITH c AS (
			INSERT INTO review_candidates (tenant_id, id, reason, score, profile_ids, evidence, created_at, updated_at)
			` + values + `
			ON CONFLICT (tenant_id, profile_ids) WHERE status = 'open'
			DO UPDATE SET evidence = CASE
			                  WHEN EXISTS (SELECT FROM jsonb_array_elements(review_candidates.evidence) AS held(e)
			                               WHERE held.e - 'at' = (EXCLUDED.evidence -> 0) - 'at')
			                  THEN review_candidates.evidence
			                  ELSE jsonb_path_query_array(review_candidates.evidence || EXCLUDED.evidence, $9::jsonpath)
			              END,
			              updated_at = EXCLUDED.updated_at,
			              score = greatest(review_candidates.score, EXCLUDED.score)
			RETURNING id, xmax = 0 AS opened)
		SELECT id, opened, CASE WHEN opened AND $8::text <> '' THEN emit_webhook_event($1, $8, $7,
			jsonb_build_object('review_id', id, 'profile_ids', $5::uuid[], 'reason', $3::text)) END
		FROM c`
}

// openedCandidate is what openCandidateSQL answers: no row when it opened
// nothing.
type openedCandidate struct {
	id     string
	opened bool
}

// candidateArgs are openCandidateSQL's arguments, $1 to $9; the evidence
// is stamped with the time.
func candidateArgs(tenantID, reason string, score float64, ids []string, evidence map[string]any, now time.Time,
	event string) []any {
	evidence["at"] = now
	return []any{tenantID, uuid.NewString(), reason, score, ids, evidence, now, event, keptEvidence}
}

func (c *openedCandidate) scan(r pgx.Row) error {
	var emitted any
	if err := r.Scan(&c.id, &c.opened, &emitted); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	return nil
}

// withoutIgnoredPairs returns the set of ids (sorted, each once) less the
// profiles that would put a pair a reviewer ignored back before one: the
// ids are taken in the order given (the caller's subject first), and one
// ignored with a profile already kept is left out. So a candidate never
// holds both profiles of an ignored pair, however it arises.
func withoutIgnoredPairs(ctx context.Context, q querier, tenantID string, ids []string) ([]string, error) {
	set := sortedSet(ids)
	if len(set) < 2 {
		return set, nil
	}
	pairs, err := ignoredPairsAmong(ctx, q, tenantID, set)
	if err != nil {
		return nil, err
	}
	return dropIgnored(ids, pairs), nil
}

// ignoredPairsAmong reads the pairs a reviewer ignored of which both
// profiles are among ids (sorted), each as "a b", a < b.
func ignoredPairsAmong(ctx context.Context, q querier, tenantID string, ids []string) (map[string]bool, error) {
	var pairs []string
	err := q.QueryRow(ctx, `SELECT coalesce(array_agg(a::text || ' ' || b::text), '{}') FROM ignored_pairs
		WHERE tenant_id = $1 AND a = ANY($2::uuid[]) AND b = ANY($2::uuid[])`, tenantID, ids).Scan(&pairs)
	if err != nil {
		return nil, fmt.Errorf("read ignored pairs: %w", err)
	}
	return setOf(pairs), nil
}

// dropIgnored is withoutIgnoredPairs once the ignored pairs are read.
func dropIgnored(ids []string, pairs map[string]bool) []string {
	if len(pairs) == 0 {
		return sortedSet(ids)
	}
	ignored := func(x, y string) bool { return pairs[min(x, y)+" "+max(x, y)] }
	var kept []string
	for _, id := range ids {
		if !slices.Contains(kept, id) && !slices.ContainsFunc(kept, func(k string) bool { return ignored(k, id) }) {
			kept = append(kept, id)
		}
	}
	return sortedSet(kept)
}

// sortedSet returns ids sorted, each once: a candidate's set as stored.
func sortedSet(ids []string) []string { return slices.Sorted(maps.Keys(setOf(ids))) }

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
