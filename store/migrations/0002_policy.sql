-- The whole matching policy: per-tenant guards, and what fuzzy candidates,
-- imports and scans need.

-- Per-tenant policy. Every change bumps policy_version, which decisions record.
ALTER TABLE tenants
    ADD COLUMN shared_threshold integer NOT NULL DEFAULT 5 CHECK (shared_threshold >= 1),
    ADD COLUMN blocked_values   text[]  NOT NULL DEFAULT '{}';

-- Trigram similarity for fuzzy candidates; btree_gin lets one GIN index
-- start with tenant_id so a tenant's look-up never reads another's entries.
-- Both are trusted extensions: the database owner may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- name_key: first and last name folded (lower case, no accents), kept by
-- the store on every write; the fuzzy search compares it by trigrams.
ALTER TABLE profiles ADD COLUMN name_key text NOT NULL DEFAULT '';
CREATE INDEX profiles_name_trgm ON profiles USING gin (tenant_id, name_key gin_trgm_ops) WHERE status = 'active';

-- canonical: an email without the provider tricks exact matching keeps
-- (Gmail dots, +tags), for fuzzy candidates only.
ALTER TABLE contact_points ADD COLUMN canonical text;
CREATE INDEX contact_points_canonical ON contact_points (tenant_id, canonical) WHERE canonical IS NOT NULL;
CREATE INDEX contact_points_email_trgm ON contact_points USING gin (tenant_id, value gin_trgm_ops) WHERE kind = 'email' AND valid;

-- Resumable imports: one row per (tenant, file digest), with the last line
-- committed; a batch of rows and its checkpoint commit together.
CREATE TABLE imports (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    digest     text NOT NULL,                  -- SHA-256 of the file
    name       text NOT NULL,
    last_line  bigint NOT NULL DEFAULT 0,
    imported   bigint NOT NULL DEFAULT 0,
    rejected   bigint NOT NULL DEFAULT 0,
    done       boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, digest)
);

-- Resumable scans: the last profile id a tenant's scan has passed.
CREATE TABLE scans (
    tenant_id    uuid PRIMARY KEY REFERENCES tenants (id),
    last_profile uuid,
    phase        text NOT NULL DEFAULT 'exact',
    updated_at   timestamptz NOT NULL
);
