-- The ingestions an erasure scrubs, found through indexes rather than by
-- reading every ingestion of the tenant (store.eraseIngestionsSQL). Those
-- that created or updated the person's profiles are found through their
-- audit events (audit_events_profiles); these two find the rest, and each
-- holds only the rows it names, so a booking that neither opens a review
-- nor repeats one writes neither:
--
--   * the ingestions that queued the person's profiles for review, by the
--     review they opened or joined;
--   * the duplicates (a booking recorded by another road before), which
--     record no audit event, by their profile.
CREATE INDEX ingestions_reviews ON ingestions (tenant_id, review_id) WHERE review_id IS NOT NULL;
CREATE INDEX ingestions_duplicates ON ingestions (tenant_id, profile_id) WHERE decision = 'duplicate';
