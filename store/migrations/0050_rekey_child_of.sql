-- The blocking keys and search keys of profiles whose names write a/l,
-- a/p, s/o or d/o (son or daughter of) before a father's name, as
-- Malaysia's and Singapore's Indian customers do (Rajesh a/l Subramaniam):
-- matcher now reads them as the Malay bin and binti, which say the same,
-- where it read two letters of no name. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and writes
-- those that changed, inside the migration's transaction.
SELECT 1;
