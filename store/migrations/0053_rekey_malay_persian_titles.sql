-- The blocking keys and search keys of profiles with a Malaysian or
-- Persian title before a name (En. Rosli, Puan Siti, Hj. Ahmad, Dato'
-- Lim, Agha Mehdi, Khanom Zahra): matcher now leaves them out of the name
-- it compares and keys, as it does Mr and Mrs. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and
-- writes those that changed, inside the migration's transaction.
SELECT 1;
