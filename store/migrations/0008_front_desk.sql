-- The front desk: merges that lose nothing, ignore by pair, tombstones that
-- name the final survivor.

-- attribute_rules: attribute key → how a merge combines its values
-- (matcher.AttributeRule: latest, sum, max, min, concat).
ALTER TABLE tenants ADD COLUMN attribute_rules jsonb NOT NULL DEFAULT '{}';

-- Pairs of profiles a reviewer said are not the same person (a < b). No
-- candidate opened later holds both.
CREATE TABLE ignored_pairs (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    a          uuid NOT NULL,
    b          uuid NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, a, b),
    CHECK (a < b)
);
INSERT INTO ignored_pairs (tenant_id, a, b, created_at)
SELECT DISTINCT c.tenant_id, x, y, c.updated_at
FROM review_candidates c, unnest(c.profile_ids) AS x, unnest(c.profile_ids) AS y
WHERE c.status = 'ignored' AND x < y
ON CONFLICT DO NOTHING;

-- A tombstone names the final survivor, even after a chain of merges.
WITH RECURSIVE chain (tenant_id, id, survivor, depth) AS (
    SELECT tenant_id, id, merged_into, 1 FROM profiles WHERE status = 'merged'
    UNION ALL
    SELECT c.tenant_id, c.id, p.merged_into, c.depth + 1
    FROM chain c JOIN profiles p ON p.tenant_id = c.tenant_id AND p.id = c.survivor
    WHERE p.status = 'merged' AND c.depth < 100)
UPDATE profiles p SET merged_into = f.survivor
FROM (SELECT DISTINCT ON (tenant_id, id) tenant_id, id, survivor FROM chain ORDER BY tenant_id, id, depth DESC) f
WHERE p.tenant_id = f.tenant_id AND p.id = f.id AND p.merged_into IS DISTINCT FROM f.survivor;
CREATE INDEX profiles_merged_into ON profiles (tenant_id, merged_into) WHERE status = 'merged';
