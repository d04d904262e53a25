-- The blocking keys of a whole name written in one field, the other
-- empty ("Céline Brunet" as the given name, "MULLER Valérie" as the
-- surname): its two parts now also get the keys of a given name and a
-- surname, so that it meets the same person's records that split the
-- name (matcher.BlockingKeyStrings). The migration's Go step
-- (store/migrate.go) re-keys every active profile with one name field
-- empty and the other not; the trigger files the keys. It reads those
-- profiles once, a thousand at a time, inside the migration's
-- transaction (docs/operations.md).
SELECT 1;
