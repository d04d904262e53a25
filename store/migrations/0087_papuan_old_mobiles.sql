-- The mobiles and phones stored as no valid number that Papua New Guinea's
-- customers wrote as before 2013, when every mobile's seven digits gained
-- a 7 before them (132 0442 for 7132 0442): matcher reads them as the
-- mobile now. The migration's Go step (store/migrate.go) reads them again
-- and keys the profiles that changed, inside the migration's transaction.
SELECT 1;
