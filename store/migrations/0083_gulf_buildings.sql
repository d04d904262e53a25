-- The addresses of Kuwait, Qatar, Bahrain, Oman and the Emirates that
-- number their block, street and building (Block 9, Street 33, Building
-- 51): matcher read the block's number as the house's, and now reads the
-- building's. The migration's Go step (store/migrate.go) files those
-- profiles' blocking keys again, inside the migration's transaction.
SELECT 1;
