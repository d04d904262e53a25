-- The blocking keys and search keys of profiles with a Hangul syllable in
-- a name: matcher now folds a name written in Hangul to its Latin writing
-- (강서연 as kangseoyeon: the given name in the Revised Romanization, the
-- family name as Koreans write theirs), so that a customer who types her
-- name in Hangul on one visit and in Latin letters on the next is one
-- name. The migration's Go step (store/migrate.go) recomputes the keys of
-- those profiles only and writes those that changed, inside the
-- migration's transaction.
SELECT 1;
