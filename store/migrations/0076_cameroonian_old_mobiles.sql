-- The mobiles and phones stored as no valid number that Cameroonian
-- customers wrote as before November 2014, when Cameroon put a 6 before
-- every mobile's eight digits (77 12 34 56 for 6 77 12 34 56), or with a
-- 0 before them (0677123462): matcher reads them as the mobile now. The
-- migration's Go step (store/migrate.go) reads them again and keys the
-- profiles that changed, inside the migration's transaction.
SELECT 1;
