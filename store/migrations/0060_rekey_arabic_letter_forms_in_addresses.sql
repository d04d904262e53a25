-- The blocking keys of profiles whose address holds Arabic's ta marbuta or
-- alif maqsura, or Persian's yeh or keheh (جدة, مکه): matcher now reads
-- them as the letters people type for them (جده), as it reads names
-- (migration 59). The migration's Go step (store/migrate.go) recomputes
-- the keys of those profiles only and writes those that changed, inside
-- the migration's transaction.
SELECT 1;
