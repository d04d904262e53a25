-- The blocking keys gain the street: the postal code, the house number and
-- the phonetic code of the street's main word ("as:" in matcher's
-- BlockingKeyStrings). In a large town many people share a postal code
-- and a house number, so at a million profiles the key without the street
-- ("a:") was held by more than the search's bound and skipped, and with it
-- 1.5% of the duplicates whose only common key it was. A house number
-- written "n°12" is now read too. The profiles with an address are
-- re-keyed by the migration's Go step (store/migrate.go); the trigger
-- files their keys.
SELECT 1;
