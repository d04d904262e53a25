-- The front desk's customer search (GET /v1/profiles?q=). search_keys
-- holds a profile's name as exact look-up keys (matcher.SearchKeys): its
-- folded words, their beginnings, and the words within one slip. The
-- store writes them with the name; the migration's Go step fills them in
-- for the profiles that existed before. The index starts with tenant_id
-- (btree_gin) so that a search reads only its tenant's entries.
ALTER TABLE profiles ADD COLUMN search_keys text[] NOT NULL DEFAULT '{}';
CREATE INDEX profiles_search ON profiles USING gin (tenant_id, search_keys) WHERE status = 'active';
