-- The blocking keys of profiles with an ordinal in a name: matcher now
-- reads "Smith 2nd", "Beard 3rd" and "Vaughan 4th" as the generations II,
-- III and IV written after a surname, as it reads "Smith II", instead of
-- a surname word made of the ordinal's letters. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and writes
-- those that changed, inside the migration's transaction.
SELECT 1;
