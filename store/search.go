package store

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"dedupe/matcher"
)

// SearchResult is one page of a customer search.
type SearchResult struct {
	Profiles   []Profile `json:"profiles"`
	NextCursor *string   `json:"next_cursor"`
}

// maxSearchTerms bounds the words of a search that are looked up.
const maxSearchTerms = 5

// SearchProfiles is the front desk's customer search: the tenant's active
// profiles whose email or phone number is the text (any case, any format
// the tenant's region reads), or else whose name holds every word of it,
// whole, as a beginning, or within one slip (matcher.SearchTerms). Best
// first: whole words before beginnings before slips, then the oldest
// profile. cursor is the next_cursor of the page before, or "".
func (s *Store) SearchProfiles(ctx context.Context, tenantID, q string, limit int, cursor string) (SearchResult, error) {
	q = strings.TrimSpace(q)
	if strings.Contains(q, "@") {
		return s.searchContact(ctx, tenantID, []string{"email"}, matcher.NormalizeEmail(q).Value, strings.ToLower(q))
	}
	if looksLikePhone(q) {
		t, err := tenant(ctx, s.pool, tenantID)
		if err != nil {
			return SearchResult{}, err
		}
		// Both boxes' readings: 11 2345 6789 is a Buenos Aires landline
		// in the phone box and the mobile +54 9 11 2345-6789 in the
		// mobile box (matcher.NormalizeCustomerMobile).
		p := matcher.NormalizePhone(q, t.Region)
		m := matcher.NormalizeCustomerMobile(q, nil, t.Region)
		return s.searchContact(ctx, tenantID, []string{"mobile", "phone"}, p.Value, m.Value, q)
	}
	terms := matcher.SearchTerms(q)
	if len(terms) == 0 {
		return SearchResult{}, fmt.Errorf("%w: the search holds no word, email or phone number", ErrInvalid)
	}
	terms = terms[:min(len(terms), maxSearchTerms)]
	search := searchOf(terms)
	afterScore, afterID, err := parseSearchCursor(cursor, search)
	if err != nil {
		return SearchResult{}, err
	}
	if len(terms) == 1 {
		hits, err := s.searchWord(ctx, tenantID, terms[0], limit+1, afterScore, afterID)
		if err != nil {
			return SearchResult{}, err
		}
		return s.searchPage(ctx, tenantID, hits, limit, search)
	}
	near, err := s.slipWords(ctx, tenantID, terms)
	if err != nil {
		return SearchResult{}, err
	}
	// Every term must find the profile (&&, through the GIN index); its
	// score is 3 for a whole word, 2 for a beginning, 1 for a slip.
	args := []any{tenantID, afterScore, afterID, limit + 1}
	var where, score []string
	for i, t := range terms {
		args = append(args, t.Keys(near[i]), []string{t.Exact}, []string{t.Prefix})
		n := len(args)
		where = append(where, fmt.Sprintf("p.search_keys && $%d", n-2))
		score = append(score, fmt.Sprintf("CASE WHEN p.search_keys && $%d THEN 3 WHEN p.search_keys && $%d THEN 2 ELSE 1 END", n-1, n))
	}
	rows, err := s.pool.Query(ctx, `SELECT id, score FROM (
			SELECT p.id, `+strings.Join(score, " + ")+` AS score FROM profiles p
			WHERE p.tenant_id = $1 AND p.status = 'active' AND `+strings.Join(where, " AND ")+`) s
		WHERE $2::int IS NULL OR score < $2 OR (score = $2 AND id > $3::uuid)
		ORDER BY score DESC, id LIMIT $4`, args...)
	if err != nil {
		return SearchResult{}, fmt.Errorf("search: %w", interpret(err))
	}
	hits, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (hit, error) {
		var h hit
		return h, r.Scan(&h.id, &h.score)
	})
	if err != nil {
		return SearchResult{}, fmt.Errorf("search: %w", interpret(err))
	}
	return s.searchPage(ctx, tenantID, hits, limit, search)
}

// hit is a profile a search found, with its score.
type hit struct {
	id    string
	score int
}

// searchPage reads the profiles of up to limit hits, in their order, with
// the cursor of the next page when there is one more hit: the last hit's
// score and id, and which search it continues (searchOf).
func (s *Store) searchPage(ctx context.Context, tenantID string, hits []hit, limit int, search string) (SearchResult, error) {
	out := SearchResult{Profiles: []Profile{}}
	if len(hits) > limit {
		hits = hits[:limit]
		last := hits[len(hits)-1]
		c := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(last.score) + ":" + last.id + ":" + search))
		out.NextCursor = &c
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	ps, err := viewsInOrder(ctx, s.pool, tenantID, ids) // in the hits' order
	if err != nil {
		return SearchResult{}, fmt.Errorf("search: %w", err)
	}
	out.Profiles = ps
	return out, nil
}

// searchWord finds the profiles of a one-word search, whole words first
// (score 3), then words it begins (2), then words one slip away (1), each
// tier by id, from the cursor on. The first two tiers read only the
// search_words index, so a common surname costs a page, not the whole
// family; the slips come from the search keys' GIN index, by the words
// one slip away.
func (s *Store) searchWord(ctx context.Context, tenantID string, t matcher.SearchTerm, n int, afterScore *int, afterID string) ([]hit, error) {
	word := strings.TrimPrefix(t.Exact, "w:")
	var hits []hit
	for score := 3; score >= 1 && len(hits) < n; score-- {
		from := uuid.Nil.String()
		if afterScore != nil {
			if score > *afterScore {
				continue
			}
			if score == *afterScore {
				from = afterID
			}
		}
		var sql string
		var args []any
		switch score {
		case 3:
			sql = `SELECT w.profile_id FROM search_words w WHERE w.tenant_id = $1 AND w.word = $2 AND w.profile_id > $3
				ORDER BY w.profile_id LIMIT $4`
			args = []any{tenantID, word, from, n - len(hits)}
		case 2:
			if t.Prefix == "" {
				continue
			}
			sql = `SELECT DISTINCT w.profile_id FROM search_words w WHERE w.tenant_id = $1 AND w.word LIKE $5 AND w.word <> $2
				AND w.profile_id > $3
				AND NOT EXISTS (SELECT 1 FROM search_words e WHERE e.tenant_id = $1 AND e.word = $2 AND e.profile_id = w.profile_id)
				ORDER BY w.profile_id LIMIT $4`
			args = []any{tenantID, word, from, n - len(hits), likePrefix(word)}
		case 1:
			near, err := s.slipWords(ctx, tenantID, []matcher.SearchTerm{t})
			if err != nil {
				return nil, err
			}
			if len(near[0]) == 0 {
				continue
			}
			sql = `SELECT p.id FROM profiles p WHERE p.tenant_id = $1 AND p.status = 'active' AND p.search_keys && $2
				AND NOT p.search_keys && $3 AND p.id > $4 ORDER BY p.id LIMIT $5`
			args = []any{tenantID, matcher.WordKeys(near[0]), []string{t.Exact, t.Prefix}, from, n - len(hits)}
		}
		rows, err := s.pool.Query(ctx, sql, args...)
		if err != nil {
			return nil, fmt.Errorf("search: %w", interpret(err))
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, fmt.Errorf("search: %w", interpret(err))
		}
		for _, id := range ids {
			hits = append(hits, hit{id: id, score: score})
		}
	}
	return hits, nil
}

// slipWords returns, for each term, the tenant's words one slip away from
// it: the words filed under one of its slips (migration 20), itself among
// them when a name holds it. All terms are looked up in one statement.
func (s *Store) slipWords(ctx context.Context, tenantID string, terms []matcher.SearchTerm) ([][]string, error) {
	out := make([][]string, len(terms))
	var termOf []int32
	var slips []string
	for i, t := range terms {
		for _, sl := range t.Slips {
			termOf, slips = append(termOf, int32(i)), append(slips, sl)
		}
	}
	if len(slips) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT q.term, s.word FROM unnest($2::int[], $3::text[]) AS q(term, slip)
		JOIN search_slips s ON s.tenant_id = $1 AND s.slip = q.slip ORDER BY 1, 2`, tenantID, termOf, slips)
	if err != nil {
		return nil, fmt.Errorf("search: %w", interpret(err))
	}
	var term int32
	var word string
	if _, err := pgx.ForEachRow(rows, []any{&term, &word}, func() error {
		out[term] = append(out[term], word)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("search: %w", interpret(err))
	}
	return out, nil
}

// queueSearchSlips files the words of a name under their slips
// (matcher.SearchSlips), those not filed yet. A word is filed under itself
// with all its slips at once, so a known word costs one probe, not one a
// slip. (OFFSET 0 keeps the look-up a probe: the planner would otherwise
// make it a join, and a join planned on a growing tenant's stale
// statistics reads the tenant's whole index.)
//
// An erasure that forgets a word (queueForgetSlips) at the moment a
// booking files a new profile holding it can leave that word unfiled:
// each transaction sees the other's change only once committed. The
// profile is then found by its whole words and their beginnings, not by a
// slip, until a profile with the word is written again after.
func queueSearchSlips(b *pgx.Batch, tenantID, first, last string) {
	distinct, slips, words := searchSlipsArgs(first, last)
	if len(slips) == 0 {
		return
	}
	b.Queue(`WITH `+searchSlipsSQL(2), tenantID, distinct, slips, words)
}

// searchSlipsArgs returns the arguments of searchSlipsSQL for a name: its
// distinct words, and its slips beside the word of each.
func searchSlipsArgs(first, last string) (distinct, slips, words []string) {
	slips, words = matcher.SearchSlips(first, last)
	return slices.Compact(slices.Clone(words)), slips, words // each word's slips come together
}

// searchSlipsSQL files the words of the array $n under their slips, those
// not filed under themselves; $n+1 holds the slips and $n+2 the word of
// each ($1 is the tenant). It is a common table expression and the
// statement that reads it, to follow WITH or another expression.
func searchSlipsSQL(n int) string {
	return fmt.Sprintf(`new AS MATERIALIZED (
	    SELECT w FROM unnest($%d::text[]) AS w
	    WHERE NOT EXISTS (SELECT 1 FROM search_slips f WHERE f.tenant_id = $1 AND f.slip = w AND f.word = w OFFSET 0))
	INSERT INTO search_slips (tenant_id, slip, word)
	SELECT $1, s.slip, s.word FROM unnest($%d::text[], $%d::text[]) AS s(slip, word)
	WHERE s.word IN (SELECT w FROM new)
	ON CONFLICT DO NOTHING`, n, n+1, n+2)
}

// queueForgetSlips removes the slips of the words of profiles about to be
// erased that no other active profile's name holds: the search keeps no
// trace of an erased name. Queue it while their search keys are there.
func queueForgetSlips(b *pgx.Batch, tenantID string, ids []string) {
	b.Queue(`DELETE FROM search_slips s USING (
			SELECT DISTINCT substr(k, 3) AS word FROM profiles p, unnest(p.search_keys) AS k
			WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[]) AND k LIKE 'w:%') e
		WHERE s.tenant_id = $1 AND s.word = e.word
		AND NOT EXISTS (SELECT 1 FROM search_words w WHERE w.tenant_id = $1 AND w.word = e.word AND w.profile_id <> ALL($2::uuid[]))`,
		tenantID, ids)
}

// queueSearchWords rewrites the search_words rows of profiles from their
// rows in profiles, queued after those are written: the whole words of
// the active ones, none for the others. (A new profile's are written with
// it, by queueInsertProfile.)
func queueSearchWords(b *pgx.Batch, tenantID string, ids []string) {
	b.Queue(`DELETE FROM search_words WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])`, tenantID, ids)
	b.Queue(`INSERT INTO search_words (tenant_id, word, profile_id)
		SELECT p.tenant_id, substr(k, 3), p.id FROM profiles p, unnest(p.search_keys) AS k
		WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[]) AND p.status = 'active' AND k LIKE 'w:%'
		ON CONFLICT DO NOTHING`, tenantID, ids)
}

// likePrefix is a LIKE pattern for the words that begin with w.
func likePrefix(w string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w) + "%"
}

// searchContact finds the active profiles holding a contact value of the
// kinds, normalised or as typed, oldest first. A contact value names few
// people: there is one page.
func (s *Store) searchContact(ctx context.Context, tenantID string, kinds []string, values ...string) (SearchResult, error) {
	ps, err := s.queryViews(ctx, ` WHERE p.tenant_id = $1 AND p.status = 'active' AND p.id IN (
		SELECT profile_id FROM contact_points WHERE tenant_id = $1 AND kind = ANY($2) AND value = ANY($3))
		ORDER BY p.created_at, p.id LIMIT 100`, tenantID, kinds, values)
	if err != nil {
		return SearchResult{}, fmt.Errorf("search: %w", err)
	}
	return SearchResult{Profiles: append([]Profile{}, ps...)}, nil
}

// looksLikePhone says whether a search is a phone number: six digits or
// more, and nothing but digits, spaces and + ( ) . - /.
func looksLikePhone(q string) bool {
	digits := 0
	for _, r := range q {
		switch {
		case unicode.IsDigit(r):
			digits++
		case strings.ContainsRune(" +().-/", r):
		default:
			return false
		}
	}
	return digits >= 6
}

// parseSearchCursor reads a next_cursor: the score and id of the last profile of
// the page before. An empty cursor starts at the top (nil score).
func parseSearchCursor(c, search string) (*int, string, error) {
	if c == "" {
		return nil, uuid.Nil.String(), nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	score, rest, ok := strings.Cut(string(raw), ":")
	id, of, _ := strings.Cut(rest, ":") // a cursor given before it named its search names none
	n, nerr := strconv.Atoi(score)
	if err != nil || !ok || nerr != nil || uuid.Validate(id) != nil || of != "" && of != search {
		return nil, "", fmt.Errorf("%w: the cursor is not one this search gave", ErrInvalid)
	}
	return &n, id, nil
}

// searchOf names a search by its terms, for its cursors: a cursor sent
// with another text is refused, not read as a place in that search.
func searchOf(terms []matcher.SearchTerm) string {
	h := fnv.New32a()
	for _, t := range terms {
		h.Write([]byte(t.Exact))
		h.Write([]byte{0})
	}
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

// pendingListIndexes are the GIN indexes that bookings write; see
// MergePendingEntries.
var pendingListIndexes = []string{"profiles_search", "audit_events_profiles"}

// MergePendingEntries merges the pending lists of the GIN indexes that
// bookings write into the indexes, and returns how many list pages it
// merged. The worker calls it every second, so that no booking meets a
// list past its limit and stops to merge it (migration 0014). Bookings
// do not wait for it: they go on adding to the list while it runs. It
// needs to own the indexes, as VACUUM does: ErrNotPermitted otherwise.
//
// An index whose list another process is merging is left to it. One
// merge runs at a time, under a lock on the index's first page: autovacuum
// takes it too, to merge the list before it vacuums or analyses the
// table, and it sleeps there under its cost limit. A merge that waited for
// it would, after deadlock_timeout (a second by default), cancel the
// autovacuum, and a worker merging every second would cancel it every
// time, so that the profiles table was never vacuumed. The wait is bounded
// by mergeLockTimeout, well under deadlock_timeout.
func (s *Store) MergePendingEntries(ctx context.Context) (int64, error) {
	var pages int64
	for _, index := range pendingListIndexes {
		var n int64
		err := pipelined(ctx, s.pool, mergeBegin, func(tx *pipelinedTx) error {
			b := &pgx.Batch{}
			b.Queue(`SELECT gin_clean_pending_list($1::regclass)`, index)
			return tx.commit(ctx, b, func(br pgx.BatchResults) error { return br.QueryRow().Scan(&n) })
		})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "55P03" { // lock_not_available: another merge runs
			continue
		}
		if err != nil {
			return pages, fmt.Errorf("merge the pending entries of %s: %w", index, interpret(err))
		}
		pages += n
	}
	return pages, nil
}

// mergeLockTimeout is how long MergePendingEntries waits for another merge
// of an index's pending list before it leaves the list to that one.
const mergeLockTimeout = 100 * time.Millisecond

var mergeBegin = []string{"BEGIN", fmt.Sprintf("SET LOCAL lock_timeout = %d", mergeLockTimeout.Milliseconds())}
