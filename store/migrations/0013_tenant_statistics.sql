-- No statistics on tenant_id in the tables the booking path probes.
--
-- Statistics taken before a tenant grew say it holds almost nothing, and
-- they stay so for long: autovacuum re-analyses a shared table only once a
-- tenth of all its rows changed. Expecting one row, the planner finds every
-- index that starts with tenant_id as good as the unique one, picks the
-- smallest, and a booking's look-up reads the tenant's whole index, a cost
-- that grows with every booking (TestHotPathPlansIgnoreStaleStatistics).
-- Without statistics on the column, an equality on tenant_id is taken to
-- select a small share of the table, and the index that matches every
-- condition is chosen.
--
-- SET STATISTICS 0 only stops new statistics; the type change to the same
-- type (no rewrite, no index rebuild) drops those already taken. On a Citus
-- cluster tenant_id is the distribution column, whose type cannot change,
-- and each shard is analysed apart: nothing is done there.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        ALTER TABLE contact_points ALTER COLUMN tenant_id SET STATISTICS 0, ALTER COLUMN tenant_id TYPE uuid;
        ALTER TABLE activities ALTER COLUMN tenant_id SET STATISTICS 0, ALTER COLUMN tenant_id TYPE uuid;
        ALTER TABLE ingestions ALTER COLUMN tenant_id SET STATISTICS 0, ALTER COLUMN tenant_id TYPE uuid;
    END IF;
END
$$;
