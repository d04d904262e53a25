-- The mobiles and phones stored as no valid number in Uzbek, Tajik,
-- Kyrgyz, Azerbaijani, Georgian, Armenian and Moldovan tenants that were
-- written after the Soviet plan's trunk prefix 8, which their plans no
-- longer dial (8 (90) 571-53-88), or after a 0 in Uzbekistan and
-- Tajikistan, which theirs never had: matcher reads them as the number
-- now. The migration's Go step (store/migrate.go) reads them again and
-- keys the profiles that changed, inside the migration's transaction.
SELECT 1;
