-- No statistics on the columns that hold a payload nobody filters on.
--
-- A table growing with the bookings is re-analysed each time a tenth of it
-- changed: in a steady load, every minute. ANALYZE reads a sample of 30,000
-- rows and sorts or hashes every column of it; for a jsonb document or an
-- array that is the dearest part, and those statistics serve no query:
-- the booking's explanation, an activity's or audit event's details, a
-- webhook event's data, and a profile's blocking keys (a search reads
-- fuzzy_keys, never profiles.block_keys). They were about half the CPU of
-- each minute's ANALYZE passes, which all came at once, in the middle of
-- the bookings (docs/performance.md, section 15).
--
-- Columns the planner does read stay: profiles.search_keys (the customer
-- search weighs its GIN index by them), audit_events.profile_ids (a
-- profile's history), and the expression index on an audit event's
-- merge_id keeps statistics of its own.
ALTER TABLE profiles ALTER COLUMN block_keys SET STATISTICS 0;
ALTER TABLE ingestions ALTER COLUMN explanation SET STATISTICS 0;
ALTER TABLE activities ALTER COLUMN details SET STATISTICS 0;
ALTER TABLE audit_events ALTER COLUMN details SET STATISTICS 0;
ALTER TABLE webhook_events ALTER COLUMN data SET STATISTICS 0;
