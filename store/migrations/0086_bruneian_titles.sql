-- The profiles whose names hold Brunei's titles before the name
-- (Pengiran, Awang, Dayang; Pg, Awg, Dyg), which were keyed as words of
-- the name and are now left out, as Mr is. The migration's Go step
-- (store/migrate.go) files their keys again, inside the migration's
-- transaction.
SELECT 1;
