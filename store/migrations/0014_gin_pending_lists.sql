-- Small pending lists on the GIN indexes that bookings write.
--
-- A GIN index gathers new entries in a pending list and merges them into
-- the index once the list passes gin_pending_list_limit (4 MB by default),
-- inside whichever statement crossed the line. A booking that creates or
-- renames a profile adds its name's ~25 search keys to profiles_search, so
-- every few thousand such bookings one of them merged 4 MB and took
-- 200–330 ms, holding its batch and the bookings queued behind it: the p99
-- of a steady load was made of those stalls (docs/performance.md, section
-- 14). audit_events_profiles, one entry an event, had a rarer one.
--
-- The worker now merges the lists every second, off the booking path
-- (Store.MergePendingEntries). The limit stays as the bound when no worker
-- runs, lowered to 512 kB: a merge an eighth of the size. fastupdate = off
-- (no list) was measured too: no stall, but eight times the WAL per
-- created profile, each entry going to a random page of the index.
ALTER INDEX profiles_search SET (gin_pending_list_limit = 512);
ALTER INDEX audit_events_profiles SET (gin_pending_list_limit = 512);
