-- The blocking keys of profiles with a mobile: matcher no longer keys the
-- mobile with each digit deleted. The fuzzy search looks up the numbers
-- one slip from a probe's mobile in contact_points, and the scan joins the
-- mobiles in memory, so those keys were about half of every profile's
-- index entries for nothing. The migration's Go step (store/migrate.go)
-- recomputes the keys of the profiles with a mobile and writes those that
-- changed, inside the migration's transaction; the trigger drops their
-- entries from fuzzy_keys.
SELECT 1;
