package loadgen

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

// prefillSQL adds the profiles $2..$3 of a pre-filled customer file to
// tenant $1, each with a primary email and mobile contact point, in one
// statement: the columns store.Ingest writes (name_key folded, canonical
// email for the fuzzy search, search keys for the customer search: $9 and
// $10 hold each first and last name's keys, space-separated). Names come from the population's lists
// ($4, $5 folded; $6, $7 folded), so the fuzzy search meets them; emails
// at prefill.example and mobiles 075… to 079… never equal a synthetic
// person's, so no booking of a run matches one.
const prefillSQL = `WITH src AS (
	    SELECT g, gen_random_uuid() AS id,
	           1 + ((hashint8(g) & 2147483647) % cardinality($4::text[])) AS fi,
	           1 + ((hashint8(-g) & 2147483647) % cardinality($6::text[])) AS li
	    FROM generate_series($2::bigint, $3::bigint) AS g),
	row AS (
	    SELECT id, g, fi, li, ($5::text[])[fi] || '.' || ($7::text[])[li] || '.' || g || '@prefill.example' AS email,
	           '+337' || (5 + g / 10000000) || lpad((g % 10000000)::text, 7, '0') AS mobile,
	           ($11::text[])[fi] COLLATE "C" AS fc, ($12::text[])[li] COLLATE "C" AS lc
	    FROM src),
	p AS (
	    INSERT INTO profiles (tenant_id, id, created_at, updated_at, first_name, last_name, email, mobile, block_keys, search_keys)
	    SELECT $1, id, $8, $8, ($4::text[])[fi], ($6::text[])[li], email, mobile,
	           ARRAY(SELECT DISTINCT ('x' || substr(md5(k), 1, 16))::bit(64)::bigint AS h FROM unnest(
	               ARRAY['n:' || least(fc, lc) || '|' || greatest(fc, lc), 'e:' || email]
	               || CASE WHEN g >= 10 THEN ARRAY['el:' || ($5::text[])[fi] || ($7::text[])[li] || g,
	                                               'ed:' || fc || '|' || left(($7::text[])[li], 1) || '|' || g] ELSE '{}' END
	           ) AS k ORDER BY h),
	           string_to_array(($9::text[])[fi], ' ') || string_to_array(($10::text[])[li], ' ')
	    FROM row
	    RETURNING id, email, mobile, search_keys),
	w AS (
	    INSERT INTO search_words (tenant_id, word, profile_id)
	    SELECT $1, substr(k, 3), p.id FROM p, unnest(p.search_keys) AS k WHERE k LIKE 'w:%'
	    ON CONFLICT DO NOTHING)
	INSERT INTO contact_points (tenant_id, kind, value, profile_id, valid, is_primary, canonical, first_seen, last_seen)
	SELECT $1, k.kind, k.value, p.id, true, true, k.canonical, $8, $8
	FROM p CROSS JOIN LATERAL (VALUES ('email', p.email, p.email), ('mobile', p.mobile, NULL)) AS k(kind, value, canonical)`

// maxPrefill is the largest file Prefill makes: the mobile numbers 075 to
// 079 hold 50 million.
const maxPrefill = 50_000_000

// Prefill adds n profiles to a tenant's customer file directly with SQL,
// in batches of 100,000, a year older than any booking: a benchmark needs
// a large file fast, not through the API. It vacuums and analyzes the
// tables after, as autovacuum would, so that the planner sees the file's
// size and a benchmark run that follows does not share the machine with
// autovacuum digesting the bulk insert (a file that grows booking by
// booking never has that backlog). Progress goes to progress when not nil.
func Prefill(ctx context.Context, databaseURL, tenantID string, n int, progress io.Writer) error {
	if n < 0 || n > maxPrefill {
		return fmt.Errorf("prefill: %d profiles is not between 0 and %d", n, maxPrefill)
	}
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		return fmt.Errorf("prefill: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	firsts, lasts := make([]string, len(firstNames)), make([]string, len(lastNames))
	firstKeys, lastKeys := make([]string, len(firstNames)), make([]string, len(lastNames))
	firstCodes, lastCodes := make([]string, len(firstNames)), make([]string, len(lastNames))
	for i, f := range firstNames {
		firsts[i], firstKeys[i] = matcher.FoldName(f), strings.Join(matcher.SearchKeys(f, ""), " ")
		firstCodes[i] = matcher.PhoneticCode(f)
	}
	for i, l := range lastNames {
		lasts[i], lastKeys[i] = matcher.FoldName(l), strings.Join(matcher.SearchKeys("", l), " ")
		lastCodes[i] = matcher.PhoneticCode(l)
	}
	// The names' words under their slips (the search's, migration 20): the
	// file has no other words.
	var slips, slipWords []string
	for _, f := range firstNames {
		s, w := matcher.SearchSlips(f, "")
		slips, slipWords = append(slips, s...), append(slipWords, w...)
	}
	for _, l := range lastNames {
		s, w := matcher.SearchSlips("", l)
		slips, slipWords = append(slips, s...), append(slipWords, w...)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO search_slips (tenant_id, slip, word)
		SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING`, tenantID, slips, slipWords); err != nil {
		return fmt.Errorf("prefill: search slips: %w", err)
	}
	created := time.Now().UTC().AddDate(-1, 0, 0).Truncate(time.Microsecond)
	start := time.Now()
	const batch = 100_000
	// A superuser's session skips the triggers (the blocking keys' and the
	// foreign keys': the rows are consistent by construction), and files
	// the keys at the end in one sorted insert, which fills the btree in
	// order instead of at random: minutes at 10 million, not hours.
	_, err = conn.Exec(ctx, `SET session_replication_role = replica`)
	bulkKeys := err == nil
	for from := 1; from <= n; from += batch {
		to := min(from+batch-1, n)
		if _, err := conn.Exec(ctx, prefillSQL, tenantID, from, to, firstNames, firsts, lastNames, lasts, created, firstKeys, lastKeys,
			firstCodes, lastCodes); err != nil {
			return fmt.Errorf("prefill profiles %d-%d: %w", from, to, err)
		}
		if progress != nil {
			fmt.Fprintf(progress, "prefill: %d of %d profiles (%.0f s)\n", to, n, time.Since(start).Seconds())
		}
	}
	if bulkKeys {
		if progress != nil {
			fmt.Fprintf(progress, "prefill: filing the blocking keys\n")
		}
		if _, err := conn.Exec(ctx, `INSERT INTO fuzzy_keys (tenant_id, key, profile_id)
			SELECT p.tenant_id, k, p.id FROM profiles p, unnest(p.block_keys) AS k
			WHERE p.tenant_id = $1 AND p.created_at = $2 AND p.status = 'active'
			ORDER BY 2, 3 ON CONFLICT DO NOTHING`, tenantID, created); err != nil {
			return fmt.Errorf("prefill: blocking keys: %w", err)
		}
		if _, err := conn.Exec(ctx, `RESET session_replication_role`); err != nil {
			return fmt.Errorf("prefill: %w", err)
		}
	}
	if progress != nil {
		fmt.Fprintf(progress, "prefill: vacuum and analyze\n")
	}
	if _, err := conn.Exec(ctx, `VACUUM (ANALYZE) profiles, contact_points, search_words, fuzzy_keys`); err != nil {
		return fmt.Errorf("prefill: vacuum: %w", err)
	}
	return nil
}
