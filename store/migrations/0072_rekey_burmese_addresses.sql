-- The blocking keys of profiles whose address is written in Burmese
-- letters (ဒဂုံ မြို့နယ်, ရန်ကုန်): matcher now reads it in Latin letters
-- (dagon myo ne, yankon), its digits as ASCII ones, as it reads the names.
-- The migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
