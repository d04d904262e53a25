-- The mobiles and phones stored as no number because their digits were
-- typed in another script (၀၉၇၆၅၅၉၇၆၃၇ in Burmese, ९८४१२३४५६७ in
-- Devanagari): matcher now reads such digits as ASCII ones, so the number
-- is a key. The migration's Go step (store/migrate.go) gives each such
-- contact point the number its digits write in its tenant's region, where
-- that is a valid one, and re-keys the profiles changed, inside the
-- migration's transaction.
SELECT 1;
