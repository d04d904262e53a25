-- The blocking keys of profiles whose address line starts with a unit, a
-- dash and a number: matcher now reads a Canadian address written as
-- Canada Post writes it, 903-4420 Kennedy Road, as unit 903 of number
-- 4420 (the same home as 4420 Kennedy Rd, Unit 903), not as number 903 of
-- a street named 4420 Kennedy Road. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and writes
-- those that changed, inside the migration's transaction.
SELECT 1;
