-- The blocking keys and search keys of profiles whose names hold a
-- zero-width joiner (U+200D), which Sinhala and other South Asian scripts
-- write inside a word to join two letters (ප්‍රියන්ත, ශ්‍රියානි): matcher split
-- the word there, keying a letter before it as an initial of its own
-- (priyantha as p and riyantha), and now reads it as one word. The
-- migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
