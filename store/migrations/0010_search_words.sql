-- The whole words of active profiles' names (the w: search keys), one row
-- each, under a btree: a search for one word reads its page of profiles
-- from the index alone, however many profiles share a common surname,
-- and a word's beginning is a range of it. The store keeps it with the
-- name and the status.
CREATE TABLE search_words (
    tenant_id  uuid NOT NULL,
    word       text COLLATE "C" NOT NULL,
    profile_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, word, profile_id)
);
-- A profile's rows, to rewrite them when its name or status changes.
CREATE INDEX search_words_profile ON search_words (tenant_id, profile_id);
INSERT INTO search_words (tenant_id, word, profile_id)
SELECT p.tenant_id, substr(k, 3), p.id FROM profiles p, unnest(p.search_keys) AS k
WHERE p.status = 'active' AND k LIKE 'w:%'
ON CONFLICT DO NOTHING;
