-- The blocking keys and search keys of profiles with an Ethiopian title
-- before a name (Ato, Weyzero and Weyzerit, W/ro and W/rt), a Ga
-- honorific (Nii, Naa) or the pilgrim's Alhaji or Hajia: matcher now leaves
-- them out of the name, as it does Mr and Mrs. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and writes
-- those that changed, inside the migration's transaction.
SELECT 1;
