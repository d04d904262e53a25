-- The blocking keys and search keys of profiles whose names hold Georgian
-- letters (გიორგი ბერიძე): matcher now reads them in Latin letters, as
-- Georgia's national system writes them (giorgi beridze), so that the
-- name typed either way is one. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and
-- writes those that changed, inside the migration's transaction.
SELECT 1;
