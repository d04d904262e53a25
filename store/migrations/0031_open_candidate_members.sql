-- The open candidates that hold given profiles, found through an index
-- rather than by reading every open candidate of the tenant: the fuzzy
-- search asks whether a pair it would open is before a reviewer already,
-- in a larger candidate (store.heldByGroup), and a merge repoints the open
-- candidates naming the profiles it merged (store.repointCandidates).
--
-- No pending list (fastupdate = off): a search reads the whole list, and
-- this index's look-ups find one candidate or none. Its entries are few
-- (a candidate holds 2 to 20 profiles, and few bookings open one), so
-- writing them in place costs little, where profiles_search's ~25 keys a
-- profile made it eight times the WAL (migration 14).
CREATE INDEX review_candidates_open_members ON review_candidates USING gin (profile_ids)
    WITH (fastupdate = off) WHERE status = 'open';
