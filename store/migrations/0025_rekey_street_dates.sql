-- The blocking keys of addresses whose street is named after a date and
-- written without a house number ("rue du 8 Mai 1945", "Straße des 17.
-- Juni"): the day was read as the house number, and the street cut
-- before it. matcher's parseAddressLines now keeps the date in the
-- street, so those profiles' address keys change. The migration's Go step
-- (store/migrate.go) re-keys the active profiles whose address names a
-- month; the trigger files the keys whose value changed. It reads those
-- profiles once, a thousand at a time, inside the migration's transaction
-- (docs/operations.md).
SELECT 1;
