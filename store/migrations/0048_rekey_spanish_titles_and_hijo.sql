-- The blocking keys and search keys of profiles with a Spanish American
-- title before a name (Dra. Laura, Lic. Mariana, Arq. Pablo, Sr. Santiago)
-- or the (h) after a son's name that is his father's (Ricardo Acosta (h)):
-- matcher now leaves the titles out of the name it compares and keys, and
-- reads (h) as hijo, the generation a Jr after an English name is. The
-- migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
