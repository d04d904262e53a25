package store

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"dedupe/matcher"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered, up-only schema change.
type migration struct {
	Version int
	Name    string
	SQL     string
}

// embeddedMigrations is migrations, read once: the embedded files do not
// change while the process runs, and the readiness probe asks often.
var embeddedMigrations = sync.OnceValues(migrations)

// migrations returns the embedded migrations in version order.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and an underscore", e.Name())
		}
		body, err := migrationFS.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.Version - b.Version })
	return out, nil
}

// goSteps are the parts of migrations that SQL cannot do, run after the
// migration's SQL in its transaction: values only the matcher computes.
var goSteps = map[int]func(context.Context, pgx.Tx) error{
	7:  backfillSearchKeys,
	12: backfillBlockKeys(""),
	15: backfillBlockKeys("AND p.address IS NOT NULL"),
	18: backfillBlockKeys(""),
	19: backfillBlockKeys("AND p.address IS NOT NULL"),
	20: backfillSearchSlips,
	21: backfillBlockKeys("AND (p.first_name = '') <> (p.last_name = '')"),
	22: backfillBlockKeys("AND p.address <> '{}'"),
	23: backfillBlockKeys("AND p.birth_date <> ''"),
	25: backfillBlockKeys("AND p.address <> '{}'"),
	26: func(ctx context.Context, tx pgx.Tx) error {
		if err := backfillBlockKeys("")(ctx, tx); err != nil {
			return err
		}
		return refoldSearchKeys(ctx, tx)
	},
	27: backfillBlockKeys(""),
	29: backfillBlockKeys("AND (p.address <> '{}' OR p.first_name ~ '[0-9]' OR p.last_name ~ '[0-9]')"),
	30: backfillBlockKeys("AND (p.address <> '{}' OR p.phone <> '')"),
	35: backfillBlockKeys("AND (p.address <> '{}' OR p.email <> '')"),
	36: backfillBlockKeys("AND coalesce(p.address->>'city', '') <> ''"),
	37: rekeyNamesWhere(`AND (p.first_name ~ '[\u0400-\u04FF]' OR p.last_name ~ '[\u0400-\u04FF]')`),
	38: backfillBlockKeys(`AND (p.first_name ~* '(^|[^[:alnum:]])[234](nd|rd|th)([^[:alnum:]]|$)' OR p.last_name ~* '(^|[^[:alnum:]])[234](nd|rd|th)([^[:alnum:]]|$)')`),
	39: backfillBlockKeys(`AND coalesce(p.address->>'line1', '') ~ '^\s*[0-9]+[A-Za-z]?\s*-\s*[0-9]'`),
	40: backfillBlockKeys(`AND p.address <> '{}' AND upper(coalesce(nullif(p.address->>'country', ''), t.region)) IN
		('PH', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY')`),
	41: rekeyNamesWhere(`AND (p.first_name ~ '[\u3041-\u30FF]' OR p.last_name ~ '[\u3041-\u30FF]')`),
	42: rekeyNamesWhere(`AND (strpos(p.first_name, ',') > 0 OR strpos(p.last_name, ',') > 0)`),
	43: rekeyNamesWhere(`AND (p.first_name ~ '[\uAC00-\uD7A3]' OR p.last_name ~ '[\uAC00-\uD7A3]')`),
	44: rekeyNamesWhere(`AND (p.first_name ~ '[\u0370-\u03FF\u1F00-\u1FFF]' OR p.last_name ~ '[\u0370-\u03FF\u1F00-\u1FFF]')`),
	45: backfillBlockKeys(`AND p.address <> '{}' AND (upper(coalesce(nullif(p.address->>'country', ''), t.region)) IN ('GR', 'CY', 'UA')
		OR p.address::text ~ '[\u0370-\u03FF\u1F00-\u1FFF]' OR p.address::text ~* '(^|[[:space:][:punct:]])(kv|кв|КВ)([[:space:][:punct:]]|$)')`),
	46: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '[^[:space:]]{3}(ович|евич|овна|евна|івна|ївна|ична|ОВИЧ|ЕВИЧ|ОВНА|ЕВНА|ІВНА|ЇВНА|ИЧНА|ovich|evich|ovych|evych|ovna|evna|ivna|ichna)([[:space:][:punct:]]|$)'`),
	47: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])(ifj|ifjabb|id|id[oöőÖŐ]sebb|[oöÖ]zv|khun|bapak|bpk|bp|ibu|ny|nyonya|นาย|นาง|นางสาว)(\.|[[:space:]]|$)'`),
	48: rekeyNamesWhere(`AND ((p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])(dra|lic|licda|licdo|arq|sr)(\.|[[:space:]]|$)'
		OR strpos(lower(p.first_name || p.last_name), '(h)') > 0)`),
	49: argentineMobiles,
	50: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])[asd][[:space:]]?/[[:space:]]?[lpo]'`),
	51: backfillBlockKeys(`AND p.address::text ~ '[٠-٩۰-۹０-９०-९০-৯๐-๙]'`),
	52: backfillBlockKeys(`AND p.address <> '{}' AND (upper(coalesce(nullif(p.address->>'country', ''), t.region)) IN ('RU', 'BY', 'KZ')
		OR coalesce(p.address->>'city', '') ~* '(mosc|moska|moskw|petersburg|spb|zuerich|berne|bienne|muenchen|koeln|tel.?aviv|tlv|תל|ירושלים|yerushalayim|חיפה|teheran|تهران|esfahan|اصفهان|kuala|^[[:space:]]*(kl|pj)[[:space:]]*$)')`),
	53: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])(en|encik|puan|pn|cik|tuan|haji|hj|hajah|hajjah|hjh|dato|datuk|datin|agha|aghaye|khanom|khanum)(\.|''|[[:space:]]|$)'`),
	54: rekeyNamesWhere(`AND (p.first_name ~ '[\u10A0-\u10FF\u1C90-\u1CBF]' OR p.last_name ~ '[\u10A0-\u10FF\u1C90-\u1CBF]')`),
	55: backfillBlockKeys(`AND p.address::text ~ '[\u10A0-\u10FF\u1C90-\u1CBF]'`),
	56: rekeyNamesWhere(`AND (p.first_name ~ '[\u2E80-\u2FDF\u3005\u3007\u3021-\u3029\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]'
		OR p.last_name ~ '[\u2E80-\u2FDF\u3005\u3007\u3021-\u3029\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]')`),
	57: backfillBlockKeys(`AND p.address::text ~ '[\u2E80-\u2FDF\u3005\u3007\u3021-\u3029\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]'`),
	58: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])(hr|herra|fru|frú|frk|ponas|ponia|batoni|kalbatoni|ბატონი|ქალბატონი)(\.|[[:space:]]|$)'`),
	59: rekeyNamesWhere(`AND (p.first_name ~ '[ةىیک]' OR p.last_name ~ '[ةىیک]')`),
	60: backfillBlockKeys(`AND p.address::text ~ '[ةىیک]'`),
	61: rekeyNamesWhere(`AND (p.first_name ~ '[\u0531-\u058A\uFB13-\uFB17әғқңөұүһӘҒҚҢӨҰҮҺ]' OR p.last_name ~ '[\u0531-\u058A\uFB13-\uFB17әғқңөұүһӘҒҚҢӨҰҮҺ]')`),
	62: backfillBlockKeys(`AND p.address::text ~ '[\u0531-\u058A\uFB13-\uFB17әғқңөұүһӘҒҚҢӨҰҮҺ]'`),
	63: rekeyNamesWhere(`AND (p.first_name ~ '[\u1200-\u137F\u2D80-\u2DDF\uAB00-\uAB2F]' OR p.last_name ~ '[\u1200-\u137F\u2D80-\u2DDF\uAB00-\uAB2F]')`),
	64: backfillBlockKeys(`AND p.address::text ~ '[\u1200-\u137F\u2D80-\u2DDF\uAB00-\uAB2F]'`),
	65: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])(ato|wro|wrt|wt|w[[:space:]]?/[[:space:]]?(ro|rt|t)|weyzero|woizero|weizero|weyzerit|woizerit|nii|naa|alhaji|alh|hajia|hajiya)(\.|[[:space:]]|$)'`),
	66: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(uly|uulu|kyzy|qyzy|ұлы|қызы|улы|кызы)([[:space:]]|$)'`),
	67: rekeyNamesWhere(`AND (p.first_name ~ '[\u0900-\u0DFF\u0F00-\u0FFF\u1000-\u109F\u1780-\u17FF]' OR p.last_name ~ '[\u0900-\u0DFF\u0F00-\u0FFF\u1000-\u109F\u1780-\u17FF]')`),
	68: backfillBlockKeys(`AND p.address::text ~ '[\u0900-\u0DFF\u0F00-\u0FFF\u1000-\u109F\u1780-\u17FF]'`),
	69: contactsReadAgain(`NOT cp.valid AND cp.value ~ '[\u0966-\u096F\u09E6-\u09EF\u0A66-\u0A6F\u0AE6-\u0AEF\u0B66-\u0B6F\u0BE6-\u0BEF\u0C66-\u0C6F\u0CE6-\u0CEF\u0D66-\u0D6F\u0DE6-\u0DEF\u0E50-\u0E59\u0ED0-\u0ED9\u0F20-\u0F29\u1040-\u1049\u17E0-\u17E9\u1810-\u1819\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]'`),
	70: rekeyNamesWhere(`AND ((p.first_name || ' ' || p.last_name) ~ '[əƏ]'
		OR (p.first_name || ' ' || p.last_name) ~* '[[:space:]](oğlu|oglu|ogly|ohlu|qızı|qizi|gizi|kizi|оглы|bəy|bey|bay|xanım|xanim|xanym|khanim|hanım|hanim|khanum|hanum|müəllim|muallim|muellim)([[:space:]]|$)')`),
	71: rekeyNamesWhere(`AND (p.first_name ~ '[\u1000-\u109F]' OR p.last_name ~ '[\u1000-\u109F]')`),
	72: backfillBlockKeys(`AND p.address::text ~ '[\u1000-\u109F]'`),
	73: rekeyNamesWhere(`AND (p.first_name ~ '\u200D' OR p.last_name ~ '\u200D')`),
	74: backfillBlockKeys(`AND p.mobile <> ''`),
	75: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])(mag|mmag|dipl|ing|dkfm)([.[:space:]-]|$)'`),
	76: contactsReadAgain(`NOT cp.valid AND (t.region = 'CM' OR regexp_replace(cp.value, '[^0-9+]', '', 'g') ~ '^(\+|00)?237')`),
	77: contactsReadAgain(`NOT cp.valid AND (t.region IN ('AO', 'MZ') OR regexp_replace(cp.value, '[^0-9+]', '', 'g') ~ '^(\+|00)?(244|258)')`),
	78: backfillBlockKeys(`AND coalesce(nullif(p.address->>'country', ''), t.region) = 'RW' AND p.address->>'line1' ~* '^[[:space:]]*[a-z]{2}[[:space:]]+[0-9]+[[:space:]]+(ave|av|avenue|rd|road|st|street)([^a-z]|$)'`),
	79: contactsReadAgain(`NOT cp.valid AND (t.region = 'CI' OR regexp_replace(cp.value, '[^0-9+]', '', 'g') ~ '^(\+|00)?225')`),
	80: contactsReadAgain(`NOT cp.valid AND t.region IN ('UZ', 'TJ', 'KG', 'AZ', 'GE', 'AM', 'MD')`),
	81: backfillBlockKeys(`AND coalesce(nullif(p.address->>'country', ''), t.region) IN ('RU', 'UA', 'BY', 'MD', 'KZ', 'UZ', 'KG', 'TJ', 'TM', 'AZ', 'AM', 'GE')
		AND p.address->>'line1' ~* '(^|[^[:alpha:]])(mkrn?|мкрн?|mikror[a-z]*|микрорайон|kvartal|квартал|massiv|массив|mavze|мавзе|uy|үй|d|д|dom|дом)([^[:alpha:]]|$)'`),
	82: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])ratu([.[:space:]]|$)'`),
	83: backfillBlockKeys(`AND (coalesce(nullif(p.address->>'country', ''), t.region) IN ('KW', 'QA', 'BH', 'OM', 'AE')
		AND p.address->>'line1' ~* '(^|[^[:alpha:]])(block|blk|blok|q|zone|z|street|st|road|rd|way|building|bldg|bld|house|villa|h|قطعة|قطعه|شارع|مبنى|منزل|فيلا)([^[:alpha:]]|$)'
		OR coalesce(nullif(p.address->>'country', ''), t.region) IN ('KH', 'PG', 'BN', 'MY', 'SG')
		AND p.address->>'line1' ~* '(^|[^[:alpha:]])(section|sec|sect|lot|allot|allotment|no|#|jln|jl|spg|smpg|lrg|kg|kpg|kampong|tmn)([^[:alpha:]]|$)')`),
	84: backfillBlockKeys(`AND (coalesce(nullif(p.address->>'country', ''), t.region) IN ('MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT',
		'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY')
		AND p.address->>'line1' ~* '(^|[^[:alpha:]])((calle|c|cl|pasaje|pje|psje|avenida|av|ave|avda|carrera|cra|kr|diagonal|dg|transversal|tv|senda|bloque|bl|blq|manzana|mz)[.[:space:]]*[0-9]|entre|e/)'
		OR lower(p.address->>'city') ~ '(havana|habana|tegus|guatemala|panam|toshkent|nur-?sultan)')`),
	85: contactsReadAgain(`NOT cp.valid AND cp.value ~* '([(/,;|]|[[:space:]](or|ou|o|oder|of)[[:space:]])'`),
	86: rekeyNamesWhere(`AND (p.first_name || ' ' || p.last_name) ~* '(^|[[:space:]])(pengiran|pg|awang|awg|dayang|dyg)([.[:space:]]|$)'`),
	87: contactsReadAgain(`NOT cp.valid AND (t.region = 'PG' OR regexp_replace(cp.value, '[^0-9+]', '', 'g') ~ '^(\+|00)?675')`),
	88: contactsReadAgain(`t.region = 'XK' AND (cp.value LIKE '+37744%' OR cp.value LIKE '+37745%' OR cp.value LIKE '+38643%' OR cp.value LIKE '+38649%')`),
}

// argentineMobiles gives the mobiles stored as Argentine landlines
// (+541123456789, from a mobile box holding 11 2345-6789) the reading
// matcher.NormalizeCustomerMobile now gives them, the mobile with its 9
// (+5491123456789), where that is a valid mobile (migration 49).
var argentineMobiles = contactsReadAgain(`cp.kind = 'mobile' AND cp.valid AND cp.value LIKE '+54%' AND cp.value NOT LIKE '+549%'`)

// contactsReadAgain gives the mobiles and phones cp where says (AND …)
// the reading matcher.NormalizeCustomerMobile or NormalizeCustomerPhone
// now gives them in their tenant's region, where that is a valid number
// and another value: each such contact point takes the new value, folded
// into the row of the new value where the profile holds that too (seen
// first at the earlier, last at the later, primary if either was); a
// profile's mobile or phone follows, and the profiles changed are re-keyed
// (rekeyProfiles). It reads across tenants, once; every write names its
// tenant.
func contactsReadAgain(where string) func(context.Context, pgx.Tx) error {
	return func(ctx context.Context, tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT cp.tenant_id::text, cp.profile_id::text, cp.kind, cp.value, t.region FROM contact_points cp
			JOIN tenants t ON t.id = cp.tenant_id WHERE cp.kind IN ('mobile', 'phone') AND `+where+` ORDER BY cp.tenant_id, cp.profile_id`)
		if err != nil {
			return err
		}
		type point struct{ tenant, profile, kind, old, now, region string }
		var points []point
		var pt point
		_, err = pgx.ForEachRow(rows, []any{&pt.tenant, &pt.profile, &pt.kind, &pt.old, &pt.region}, func() error {
			m := matcher.NormalizeCustomerMobile(pt.old, nil, pt.region)
			if pt.kind == "phone" {
				m = matcher.NormalizeCustomerPhone(pt.old, nil, pt.region)
			}
			if m.Valid && m.Value != pt.old {
				pt.now = m.Value
				points = append(points, pt)
			}
			return nil
		})
		if err != nil {
			return err
		}
		changed := map[string][]string{} // tenant → profiles
		for chunk := range slices.Chunk(points, 1000) {
			b := &pgx.Batch{}
			for _, p := range chunk {
				b.Queue(`INSERT INTO contact_points (tenant_id, kind, value, profile_id, valid, is_primary, canonical, first_seen, last_seen)
					SELECT tenant_id, kind, $5, profile_id, true, is_primary, canonical, first_seen, last_seen FROM contact_points
					WHERE tenant_id = $1 AND kind = $3 AND value = $4 AND profile_id = $2
					ON CONFLICT (tenant_id, kind, value, profile_id) DO UPDATE SET
						valid = true,
						is_primary = contact_points.is_primary OR EXCLUDED.is_primary,
						first_seen = least(contact_points.first_seen, EXCLUDED.first_seen),
						last_seen = greatest(contact_points.last_seen, EXCLUDED.last_seen)`, p.tenant, p.profile, p.kind, p.old, p.now)
				b.Queue(`DELETE FROM contact_points WHERE tenant_id = $1 AND kind = $3 AND value = $4 AND profile_id = $2`, p.tenant, p.profile, p.kind, p.old)
				if p.kind == "phone" {
					b.Queue(`UPDATE profiles SET phone = $4 WHERE tenant_id = $1 AND id = $2 AND phone = $3`, p.tenant, p.profile, p.old, p.now)
				} else {
					b.Queue(`UPDATE profiles SET mobile = $4 WHERE tenant_id = $1 AND id = $2 AND mobile = $3`, p.tenant, p.profile, p.old, p.now)
				}
				if ids := changed[p.tenant]; len(ids) == 0 || ids[len(ids)-1] != p.profile {
					changed[p.tenant] = append(ids, p.profile)
				}
			}
			if err := tx.SendBatch(ctx, b).Close(); err != nil {
				return err
			}
		}
		for tenant, ids := range changed {
			if err := rekeyProfiles(ctx, tx, `AND p.tenant_id = $3 AND p.id = ANY($4::uuid[])`, tenant, ids); err != nil {
				return err
			}
		}
		return nil
	}
}

// refoldSearchKeys re-files the search keys of the profiles whose names
// matcher.FoldName now folds otherwise (migration 26: Łukasz as lukasz,
// Søren as soren), a thousand profiles read at a time: their keys, the
// words of the active ones (search_words) and those words' slips, the old
// words' slips forgotten where no other profile holds them (so an erasure
// later forgets the new ones). The others are not written.
func refoldSearchKeys(ctx context.Context, tx pgx.Tx) error {
	return refoldSearchKeysWhere(ctx, tx, "")
}

// rekeyNamesWhere re-keys the profiles p where says (AND …) whose names
// matcher.FoldName now reads otherwise: their blocking keys
// (backfillBlockKeys), then their search keys (refoldSearchKeysWhere).
func rekeyNamesWhere(where string) func(context.Context, pgx.Tx) error {
	return func(ctx context.Context, tx pgx.Tx) error {
		if err := backfillBlockKeys(where)(ctx, tx); err != nil {
			return err
		}
		return refoldSearchKeysWhere(ctx, tx, where)
	}
}

// refoldSearchKeysWhere is refoldSearchKeys for the profiles p where says
// (AND …; migration 37: those with a Cyrillic letter in a name), as
// backfillBlockKeys takes it.
func refoldSearchKeysWhere(ctx context.Context, tx pgx.Tx, where string) error {
	var lastTenant, lastID string
	for {
		rows, err := tx.Query(ctx, `SELECT p.tenant_id::text, p.id::text, p.first_name, p.last_name, p.search_keys FROM profiles p
			WHERE (p.tenant_id, p.id) > ($1::uuid, $2::uuid) `+where+` ORDER BY p.tenant_id, p.id LIMIT 1000`,
			cmp.Or(lastTenant, uuid.Nil.String()), cmp.Or(lastID, uuid.Nil.String()))
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		n := 0
		var tenant, id, first, last string
		var stored []string
		_, err = pgx.ForEachRow(rows, []any{&tenant, &id, &first, &last, &stored}, func() error {
			n++
			lastTenant, lastID = tenant, id
			keys := matcher.SearchKeys(first, last)
			if slices.Equal(keys, stored) {
				return nil
			}
			queueForgetSlips(b, tenant, []string{id}) // the old words' slips, while the old keys name them
			b.Queue(`UPDATE profiles SET search_keys = $3 WHERE tenant_id = $1 AND id = $2`, tenant, id, keys)
			queueSearchWords(b, tenant, []string{id})
			queueSearchSlips(b, tenant, first, last)
			return nil
		})
		if err != nil || n == 0 {
			return err
		}
		if b.Len() > 0 {
			if err := tx.SendBatch(ctx, b).Close(); err != nil {
				return err
			}
		}
	}
}

// backfillSearchKeys computes the search keys of the profiles that existed
// before migration 7, a thousand at a time. It reads across tenants: a
// migration's one-off pass (docs/scaling.md, Queries across tenants).
func backfillSearchKeys(ctx context.Context, tx pgx.Tx) error {
	var lastTenant, lastID string
	for {
		rows, err := tx.Query(ctx, `SELECT tenant_id::text, id::text, first_name, last_name FROM profiles
			WHERE (tenant_id, id) > ($1::uuid, $2::uuid) ORDER BY tenant_id, id LIMIT 1000`,
			cmp.Or(lastTenant, uuid.Nil.String()), cmp.Or(lastID, uuid.Nil.String()))
		if err != nil {
			return err
		}
		var tenants, ids, keys []string
		var tenant, id, first, last string
		_, err = pgx.ForEachRow(rows, []any{&tenant, &id, &first, &last}, func() error {
			tenants, ids = append(tenants, tenant), append(ids, id)
			keys = append(keys, strings.Join(matcher.SearchKeys(first, last), " "))
			return nil
		})
		if err != nil || len(ids) == 0 {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE profiles p SET search_keys = coalesce(string_to_array(nullif(k.keys, ''), ' '), '{}')
			FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS k(tenant_id, id, keys)
			WHERE p.tenant_id = k.tenant_id AND p.id = k.id`, tenants, ids, keys); err != nil {
			return err
		}
		lastTenant, lastID = tenants[len(tenants)-1], ids[len(ids)-1]
	}
}

// backfillSearchSlips files the words of the active profiles' names under
// their slips (migration 20), a thousand distinct words at a time. The
// words of other profiles are filed when they are active again (an undone
// merge).
func backfillSearchSlips(ctx context.Context, tx pgx.Tx) error {
	lastTenant, lastWord := uuid.Nil.String(), ""
	for {
		rows, err := tx.Query(ctx, `SELECT DISTINCT tenant_id::text, word FROM search_words
			WHERE (tenant_id, word) > ($1::uuid, $2) ORDER BY tenant_id, word LIMIT 1000`, lastTenant, lastWord)
		if err != nil {
			return err
		}
		var tenants, slips, words []string
		var tenant, word string
		n := 0
		_, err = pgx.ForEachRow(rows, []any{&tenant, &word}, func() error {
			n++
			lastTenant, lastWord = tenant, word
			for _, s := range matcher.Slips(word) {
				tenants, slips, words = append(tenants, tenant), append(slips, s), append(words, word)
			}
			return nil
		})
		if err != nil || n == 0 {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO search_slips (tenant_id, slip, word)
			SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`, tenants, slips, words); err != nil {
			return err
		}
	}
}

// backfillBlockKeys returns a step that computes the blocking keys of the
// active profiles that existed before its migration (and meet the extra
// condition where), a thousand at a time; the trigger files them in
// fuzzy_keys. Migration 12 keyed every profile; 15 re-keys those with an
// address, which gained the street's key; 18 re-keys them all, for names
// without their titles and addresses with their flats read; 19 those with
// an address, for Spanish addresses, unpadded postal codes and addresses
// without a country, read in the tenant's region; 21 those with one name
// field empty, for a whole name written in the other; 22 those with an
// address, for a building, a floor or a town written on the street's line;
// 23 those with a birth date, for the key of the initials and the date;
// 25 those with an address again, for streets named after a date; 26 them
// all, for Italian street types and towns with their province, Dutch
// streets' small words, and surnames with particles; 29 those with an
// address or a digit in a name, for the birth date and postal code's key,
// states after towns and digits read as letters; 30 those with an address
// or a landline, for the town's key and the landline's; 35 those with an
// address or an email, for house names, streets named after dates, Apple
// and Proton mailboxes and role addresses; 36 those with a town, for towns
// written abbreviated or in another language; 37 those with a Cyrillic
// letter in a name, written in Latin letters (and their search keys); 38
// those with an ordinal in a name, a generation (Smith 3rd); 39 those
// whose first address line starts with a unit, a dash and a number, a
// Canadian unit before its civic number (903-4420 Kennedy Road); 40 those
// with an address in Spanish-speaking America or the Philippines, read
// as a Spanish line (Av. Insurgentes Sur #785, Int. 5, Col. Del Valle)
// and by its block and lot (Blk 3 Lot 4); 41 those with a kana letter in
// a name, written in Latin letters (and their search keys); 42 those with
// a comma in a name, a surname filed with its particles after it (Berg,
// van den; and their search keys); 43 those with a Hangul syllable in a
// name, written in Latin letters (and their search keys); 44 those with a
// Greek letter in a name, likewise; 45 those with an address in Greece,
// Cyprus or Ukraine, in Greek letters or with a flat after кв., read in
// Latin letters, their kind of street left aside; 46 those with an East
// Slavic patronymic after a name, now left out (and their search keys);
// 47 those with a Hungarian generation or widow's title, or a Thai or
// Indonesian title, before a name (ifj. Kiss, id. Juhász, özv. Kovács,
// Khun Somchai, Ibu Siti), now left out likewise; 74 those with a
// mobile, which is no longer keyed with each digit deleted; 78 those with
// a Rwandan street (KN 3 Ave 47), whose number was read as the house's. A
// profile whose keys come out the same is not written.
func backfillBlockKeys(where string) func(context.Context, pgx.Tx) error {
	return func(ctx context.Context, tx pgx.Tx) error { return rekeyProfiles(ctx, tx, where) }
}

// rekeyProfiles computes again the blocking keys of the active profiles
// that meet where (its arguments from $3 on: args), a thousand at a time,
// and writes those that changed, all inside tx (a migration's step).
func rekeyProfiles(ctx context.Context, tx pgx.Tx, where string, args ...any) error {
	var after [2]string
	for {
		next, n, err := rekeyPage(ctx, tx, after, where, args...)
		if err != nil || n == 0 {
			return err
		}
		after = next
	}
}

// rekeyPage re-keys the next thousand profiles of rekeyProfiles after the
// (tenant, id) after, and returns the last one and how many it read. It
// reads the tenant's identifier attributes through to_jsonb, so that the
// steps of migrations older than the column (28) run too.
func rekeyPage(ctx context.Context, tx pgx.Tx, after [2]string, where string, args ...any) ([2]string, int, error) {
	rows, err := tx.Query(ctx, `SELECT p.tenant_id::text, p.id::text, p.first_name, p.last_name, p.email, p.mobile, p.phone, p.birth_date, p.address,
			p.attributes, t.region, ARRAY(SELECT jsonb_array_elements_text(coalesce(to_jsonb(t)->'identifier_attributes', '[]')))
		FROM profiles p JOIN tenants t ON t.id = p.tenant_id WHERE p.status = 'active' `+where+` AND (p.tenant_id, p.id) > ($1::uuid, $2::uuid) ORDER BY p.tenant_id, p.id LIMIT 1000`,
		append([]any{cmp.Or(after[0], uuid.Nil.String()), cmp.Or(after[1], uuid.Nil.String())}, args...)...)
	if err != nil {
		return after, 0, err
	}
	var tenants, ids []string
	var keys [][]int64
	var tenant string
	var rr recordReading
	var p matcher.Profile
	_, err = pgx.ForEachRow(rows, []any{&tenant, &p.ID, &p.FirstName, &p.LastName, &p.Email, &p.Mobile, &p.Phone, &p.BirthDate, &p.Address,
		&p.Attributes, &rr.region, &rr.identifiers}, func() error {
		tenants, ids = append(tenants, tenant), append(ids, p.ID)
		keys = append(keys, blockingKeys(p, rr))
		return nil
	})
	if err != nil || len(ids) == 0 {
		return after, 0, err
	}
	b := &pgx.Batch{}
	for i := range ids {
		b.Queue(`UPDATE profiles SET block_keys = $3 WHERE tenant_id = $1 AND id = $2 AND block_keys IS DISTINCT FROM $3`,
			tenants[i], ids[i], keys[i])
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return after, 0, err
	}
	return [2]string{tenants[len(tenants)-1], ids[len(ids)-1]}, len(ids), nil
}

// migrateLockKey serialises concurrent migrators (several replicas
// starting). It is a session lock, taken where the migrator connects: on
// Citus, the coordinator, where every migrator connects too.
const migrateLockKey = 0x6465647570650001

// Migration is one embedded schema change, for `migrate --dry-run`.
type Migration struct {
	Name string
	SQL  string
}

// Migrate applies the migrations not yet recorded in schema_migrations, each
// in its own transaction. It is safe to run twice and refuses to touch a
// database whose schema is newer than this binary.
func (s *Store) Migrate(ctx context.Context) error {
	_, err := s.migrate(ctx, true)
	return err
}

// ApplyMigrations is Migrate, returning the migrations it applied, in
// order (none when the schema was up to date).
func (s *Store) ApplyMigrations(ctx context.Context) ([]Migration, error) {
	return s.migrate(ctx, true)
}

// SchemaCheck says whether the database's schema is this binary's: nil
// when every embedded migration is recorded and none newer, otherwise an
// error saying which way it differs, for the readiness probe. A service
// started before `dedupe migrate` answers every call with an error until
// the schema is there.
func (s *Store) SchemaCheck(ctx context.Context) error {
	all, err := embeddedMigrations()
	if err != nil {
		return err
	}
	pending, err := pendingMigrations(ctx, s.pool, all)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return fmt.Errorf("%d of this binary's %d migrations are not applied: run dedupe migrate", len(pending), len(all))
	}
	return nil
}

// PendingMigrations returns, without applying them, the migrations Migrate
// would apply, in order.
func (s *Store) PendingMigrations(ctx context.Context) ([]Migration, error) {
	return s.migrate(ctx, false)
}

func (s *Store) migrate(ctx context.Context, apply bool) (pending []Migration, err error) {
	err = s.withMigrateLock(ctx, func(conn *pgx.Conn) error {
		pending, err = applyMigrations(ctx, conn, apply)
		return err
	})
	return pending, err
}

// withMigrateLock runs f on one connection that holds the migrators' lock.
func (s *Store) withMigrateLock(ctx context.Context, f func(*pgx.Conn) error) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return interpret(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLockKey)); err != nil {
		return fmt.Errorf("migrate lock: %w", interpret(err))
	}
	defer func() {
		if _, err := conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLockKey)); err != nil {
			// A session that may still hold the lock is closed, which
			// releases the lock, rather than returned to the pool.
			_ = conn.Hijack().Close(context.WithoutCancel(ctx))
		}
	}()
	return f(conn.Conn())
}

// applyMigrations returns the migrations the database lacks, in order, and
// applies them when apply is set.
func applyMigrations(ctx context.Context, conn *pgx.Conn, apply bool) ([]Migration, error) {
	all, err := embeddedMigrations()
	if err != nil {
		return nil, err
	}
	pending, err := pendingMigrations(ctx, conn, all)
	if errors.Is(err, errSchemaNewer) {
		return nil, fmt.Errorf("%w: refusing to migrate", err)
	}
	if err != nil {
		return nil, err
	}
	if !apply {
		return published(pending), nil
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", interpret(err))
	}
	for _, m := range pending {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			if step := goSteps[m.Version]; step != nil {
				if err := step(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.Name, interpret(err))
		}
	}
	return published(pending), nil
}

// pendingMigrations reads the versions the database recorded and returns
// the embedded migrations it lacks, in order: a database that saw a later
// migration first (two branches merged) still gets the earlier. A
// recorded version newer than this binary's is an error.
func pendingMigrations(ctx context.Context, q querier, all []migration) ([]migration, error) {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return nil, fmt.Errorf("read schema version: %w", interpret(err))
	}
	var applied []int32
	if exists {
		if err := q.QueryRow(ctx, `SELECT coalesce(array_agg(version), '{}') FROM schema_migrations`).Scan(&applied); err != nil {
			return nil, fmt.Errorf("read schema version: %w", interpret(err))
		}
	}
	latest := all[len(all)-1].Version
	for _, v := range applied {
		if int(v) > latest {
			return nil, fmt.Errorf("database schema is at version %d, %w %d", v, errSchemaNewer, latest)
		}
	}
	var pending []migration
	for _, m := range all {
		if !slices.Contains(applied, int32(m.Version)) {
			pending = append(pending, m)
		}
	}
	return pending, nil
}

// errSchemaNewer says the database recorded a migration this binary lacks.
var errSchemaNewer = errors.New("newer than this binary's")

// published is the migrations as Migrate and PendingMigrations return them.
func published(ms []migration) []Migration {
	out := make([]Migration, len(ms))
	for i, m := range ms {
		out[i] = Migration{Name: m.Name, SQL: m.SQL}
	}
	return out
}
