-- The blocking keys of addresses as Spanish customer files write them
-- (C/, Avda., Pº, nº 12, 2º A) and of five-digit postal codes that lost
-- their leading zero in a spreadsheet (3009 for 03009: ES, FR, DE, IT, MX,
-- FI). Profiles keyed before keep keys that the search no longer computes
-- for new records, so the migration's Go step (store/migrate.go) re-keys
-- every active profile with an address whose keys change; the trigger
-- files them. It reads those profiles once, a thousand at a time, inside
-- the migration's transaction (docs/operations.md).
SELECT 1;
