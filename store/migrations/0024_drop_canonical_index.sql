-- contact_points_canonical indexed each email's canonical mailbox for the
-- fuzzy search's trigram look-ups. Since migration 12 the canonical
-- mailbox is a blocking key ("e:", matcher.BlockingKeyStrings) and no
-- query reads contact_points by it, so the index only cost each new email
-- an insert at a random page of a btree that grows with the file: on a
-- large file, a full-page image in the WAL after every checkpoint
-- (docs/performance.md, section 34). The column stays: a merge and its
-- undo carry it with the contact point.
DROP INDEX contact_points_canonical;
