-- profiles_still_active waits for the merges, undos and erasures under way
-- on the profiles (their advisory locks, store.profileLockKey, given
-- ascending and taken shared), then says whether every one is active. It
-- is VOLATILE, so its count reads a snapshot taken after the wait, not the
-- calling statement's. A candidate that a fuzzy search, a scan or the front
-- desk opens (store.openCandidate) from profiles read earlier never holds a
-- profile that a merge made a tombstone since; the locks last until the
-- caller's transaction ends, so a merge that comes after waits for the
-- candidate, then finds it and re-points it. Advisory locks write nothing,
-- where row locks would dirty the profiles' pages.
CREATE FUNCTION profiles_still_active(p_tenant uuid, p_ids uuid[], p_locks bigint[]) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(k) FROM unnest(p_locks) AS k;
    -- One probe of the primary key a profile, whatever the statistics say
    -- (OFFSET 0, as store.matchesSQL).
    RETURN (SELECT count(*) FROM unnest(p_ids) AS u(id) CROSS JOIN LATERAL (
                SELECT FROM profiles p WHERE p.tenant_id = p_tenant AND p.id = u.id AND p.status = 'active' OFFSET 0) AS live)
           = cardinality(p_ids);
END
$$;
