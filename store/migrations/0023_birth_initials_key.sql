-- A blocking key of both names' initials with the birth date ("bi:"), for
-- a record with a slip in each name, which changes both names' phonetic
-- codes (Josiane Roussès / Joiane Roussè, Patrick Vachais / Pat Vachis):
-- matcher.BlockingKeyStrings. The migration's Go step (store/migrate.go)
-- re-keys every active profile with a birth date; the trigger files the
-- new key. It reads those profiles once, a thousand at a time, inside the
-- migration's transaction (docs/operations.md).
SELECT 1;
