-- The blocking keys and search keys of profiles with a Cyrillic letter in
-- a name: matcher.FoldName now writes the Cyrillic alphabet in Latin
-- letters (Ольга as olga, Наталья as natalya), so that one customer who
-- types her name in either alphabet is one name to the name guard, the
-- fuzzy search and the front desk's search. The migration's Go step
-- (store/migrate.go) recomputes both for those profiles only and writes
-- those that changed, a thousand at a time, inside the migration's
-- transaction (docs/operations.md).
SELECT 1;
