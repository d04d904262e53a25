-- The blocking keys of profiles whose address is written in the Ethiopic
-- script (ቦሌ, አዲስ አበባ): matcher now reads it in Latin letters (bole, adis
-- abeba), as it reads the names. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and writes
-- those that changed, inside the migration's transaction.
SELECT 1;
