-- dedupe's first schema. Every row carries tenant_id and every key starts
-- with it, so nothing can match, read or merge across tenants and the tables
-- can later be partitioned by tenant.

CREATE TABLE tenants (
    id             uuid PRIMARY KEY,
    slug           text NOT NULL UNIQUE,
    region         text NOT NULL,              -- default phone region, ISO 3166 alpha-2
    name_guard     boolean NOT NULL DEFAULT true,
    policy_version integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL
);

CREATE TABLE api_tokens (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    hash       bytea NOT NULL UNIQUE,          -- SHA-256 of the secret; the secret is never stored
    label      text NOT NULL,
    scopes     text[] NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE TABLE profiles (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          uuid NOT NULL,
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
    merged_into uuid,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    first_name  text NOT NULL DEFAULT '',
    last_name   text NOT NULL DEFAULT '',
    email       text NOT NULL DEFAULT '',      -- primary email, normalised when valid
    mobile      text NOT NULL DEFAULT '',      -- primary mobile, E.164 when valid
    phone       text NOT NULL DEFAULT '',
    birth_date  text NOT NULL DEFAULT '',
    gender      text NOT NULL DEFAULT '',
    locale      text NOT NULL DEFAULT '',
    attributes  jsonb NOT NULL DEFAULT '{}',   -- key -> {"value", "set_at"}
    PRIMARY KEY (tenant_id, id),
    CHECK ((status = 'merged') = (merged_into IS NOT NULL))
);

-- Every email and phone number ever seen for a profile. Matching reads only
-- this table, through its primary key: (tenant, kind, value) → profiles.
CREATE TABLE contact_points (
    tenant_id  uuid NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('email', 'mobile', 'phone')),
    value      text NOT NULL,                  -- normalised when valid, as given otherwise
    profile_id uuid NOT NULL,
    valid      boolean NOT NULL,               -- only valid values are match keys
    is_primary boolean NOT NULL DEFAULT false,
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kind, value, profile_id),
    FOREIGN KEY (tenant_id, profile_id) REFERENCES profiles (tenant_id, id)
);
CREATE INDEX contact_points_profile ON contact_points (tenant_id, profile_id);

-- Bookings and sales. They follow their profile through merges.
CREATE TABLE activities (
    tenant_id    uuid NOT NULL,
    id           uuid NOT NULL,
    profile_id   uuid NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('booking', 'sale')),
    source       text NOT NULL,
    external_id  text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    details      jsonb NOT NULL DEFAULT '{}',
    ingestion_id uuid,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, source, external_id),
    FOREIGN KEY (tenant_id, profile_id) REFERENCES profiles (tenant_id, id)
);
CREATE INDEX activities_profile ON activities (tenant_id, profile_id, occurred_at DESC);

-- One row per processed booking or sale: the decision and why.
CREATE TABLE ingestions (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    id           uuid NOT NULL,
    source       text NOT NULL,
    external_id  text NOT NULL,
    status       text NOT NULL CHECK (status IN ('done', 'failed')),
    decision     text CHECK (decision IN ('created', 'updated', 'duplicate')),
    profile_id   uuid,
    review_id    uuid,
    reason       text NOT NULL,
    explanation  jsonb NOT NULL DEFAULT '{}',
    accepted_at  timestamptz,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Groups of profiles that may be one person, for a human to merge or ignore.
CREATE TABLE review_candidates (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          uuid NOT NULL,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'ignored', 'stale')),
    reason      text NOT NULL,
    score       real NOT NULL DEFAULT 1,
    profile_ids uuid[] NOT NULL,               -- sorted, so one set has one spelling
    evidence    jsonb NOT NULL DEFAULT '[]',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- At most one open candidate per set of profiles: new evidence joins it.
CREATE UNIQUE INDEX review_candidates_open_set ON review_candidates (tenant_id, profile_ids) WHERE status = 'open';
CREATE INDEX review_candidates_by_status ON review_candidates (tenant_id, status, created_at DESC, id DESC);

-- Every automatic update, merge, ignore and undo, with who, why and the
-- before and after values.
CREATE TABLE audit_events (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    id           bigint GENERATED ALWAYS AS IDENTITY,
    at           timestamptz NOT NULL,
    actor        text NOT NULL,                -- "worker", or the token's label
    action       text NOT NULL,                -- created, updated, merged, ignored, undone
    profile_ids  uuid[] NOT NULL,
    ingestion_id uuid,
    details      jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_profiles ON audit_events USING gin (profile_ids);
