-- The mobiles of Kosovar tenants stored under the codes their operators
-- used before Kosovo had its own, +383: Vala's under Monaco's +377 (44,
-- 45), IPKO's and D3's under Slovenia's +386 (49, 43). matcher reads them
-- under +383 now. The migration's Go step (store/migrate.go) reads them
-- again and keys the profiles that changed, inside the migration's
-- transaction.
SELECT 1;
