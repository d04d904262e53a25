-- A profile whose blocking keys change files only the keys that changed.
--
-- Migration 12's trigger deleted every key of the old set and inserted
-- every key of the new one. A key in both sets was deleted and inserted
-- again: a dead row and a new index entry in fuzzy_keys, at a page of its
-- primary key picked by the key's hash. A booking that adds an address to
-- a profile changes four or five of its fifteen or so keys, and paid for
-- all of them; on a large file each such entry is a page written whole to
-- the WAL after a checkpoint (docs/performance.md, sections 34 and 56). A
-- re-keying migration that changes one key of every profile now writes
-- one key a profile, not all of them.
--
-- The rows held stay the same: one per key of every active profile.
CREATE OR REPLACE FUNCTION profiles_fuzzy_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone  bigint[] := '{}'; -- the keys the profile held
    held  bigint[] := '{}'; -- the keys it holds now
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.block_keys = OLD.block_keys AND NEW.status = OLD.status THEN
            RETURN NULL;
        END IF;
        IF OLD.status = 'active' THEN
            gone := OLD.block_keys;
        END IF;
    END IF;
    IF NEW.status = 'active' THEN
        held := NEW.block_keys;
    END IF;
    IF cardinality(gone) > 0 THEN
        DELETE FROM fuzzy_keys WHERE tenant_id = NEW.tenant_id AND profile_id = NEW.id
            AND key = ANY (gone) AND key <> ALL (held);
    END IF;
    IF cardinality(held) > 0 THEN
        INSERT INTO fuzzy_keys (tenant_id, key, profile_id)
        SELECT NEW.tenant_id, k, NEW.id FROM unnest(held) AS k WHERE k <> ALL (gone)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
