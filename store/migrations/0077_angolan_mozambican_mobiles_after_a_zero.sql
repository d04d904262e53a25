-- The mobiles and phones stored as no valid number that Angolan and
-- Mozambican customers wrote with a 0 before them (+244 0942 827 767,
-- +258 084 576 0459), which neither country dials: matcher reads them as
-- the mobile now. The migration's Go step (store/migrate.go) reads them
-- again and keys the profiles that changed, inside the migration's
-- transaction.
SELECT 1;
