-- The addresses of Rwanda's street addressing (KN 3 Ave 47, KN 5 Rd, No
-- 36), whose street's number was read as the house's: matcher reads the
-- house's number after the street now. The migration's Go step
-- (store/migrate.go) files their profiles' blocking keys again, inside
-- the migration's transaction.
SELECT 1;
