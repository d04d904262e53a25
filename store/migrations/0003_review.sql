-- Human review: a merge is found by its merge id (in the audit record's
-- details) to undo it, and may be undone once: at most one 'merged' and one
-- 'undone' event per merge id, which also stops two racing undos.
CREATE UNIQUE INDEX audit_events_merge_id ON audit_events (tenant_id, (details->>'merge_id'), action)
    WHERE action IN ('merged', 'undone');
-- The review page's merge history, newest first.
CREATE INDEX audit_events_merges ON audit_events (tenant_id, at DESC, id DESC) WHERE action = 'merged';
