-- Fuzzy candidates from blocking keys stored on write, scored with the
-- Fellegi–Sunter model (matcher/model.go, matcher/blocking.go).
--
-- Each profile carries its blocking keys (64-bit hashes, computed by the
-- matcher whenever the profile is written). A trigger keeps fuzzy_keys,
-- their btree index, in step: one row per key of every active profile, so
-- a search reads a bounded number of rows per key, whatever the file's
-- size, and a scan joins the file to itself on the keys in one pass.
ALTER TABLE profiles ADD COLUMN block_keys bigint[] NOT NULL DEFAULT '{}';

CREATE TABLE fuzzy_keys (
    tenant_id  uuid NOT NULL,
    key        bigint NOT NULL,
    profile_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, key, profile_id)
);

-- Inserted, re-keyed, merged, undone or erased: the keys follow. Only
-- active profiles hold keys; a tombstone holds none.
CREATE FUNCTION profiles_fuzzy_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.block_keys = OLD.block_keys AND NEW.status = OLD.status THEN
            RETURN NULL;
        END IF;
        IF OLD.status = 'active' THEN
            DELETE FROM fuzzy_keys WHERE tenant_id = OLD.tenant_id AND key = ANY (OLD.block_keys) AND profile_id = OLD.id;
        END IF;
    END IF;
    IF NEW.status = 'active' AND cardinality(NEW.block_keys) > 0 THEN
        INSERT INTO fuzzy_keys (tenant_id, key, profile_id)
        SELECT NEW.tenant_id, k, NEW.id FROM unnest(NEW.block_keys) AS k
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER profiles_fuzzy_keys AFTER INSERT OR UPDATE OF block_keys, status ON profiles
    FOR EACH ROW EXECUTE FUNCTION profiles_fuzzy_keys();

-- A tenant's estimated m and u probabilities and name frequencies
-- (matcher.FuzzyModel), refreshed by `dedupe scan --train` and by the
-- worker when stale. No row: the documented defaults.
CREATE TABLE fuzzy_models (
    tenant_id  uuid PRIMARY KEY REFERENCES tenants (id),
    model      jsonb NOT NULL,
    trained_at timestamptz NOT NULL
);

-- The total match weight, in bits, at which a fuzzy candidate opens; NULL
-- is matcher.DefaultFuzzyThreshold.
ALTER TABLE tenants ADD COLUMN fuzzy_threshold real CHECK (fuzzy_threshold > 0 AND fuzzy_threshold <= 100);

-- The trigram searches are gone: their indexes grew with the file, and
-- cost every booking an index update.
DROP INDEX profiles_name_trgm;
DROP INDEX contact_points_email_local_trgm;
ALTER TABLE profiles DROP COLUMN name_key;
