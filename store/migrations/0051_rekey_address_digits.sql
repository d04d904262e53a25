-- The blocking keys of profiles whose address writes digits of another
-- script than ASCII's (۱۲۳۴۵-۶۷۸۹۰, as Iranian forms write a postal code;
-- ١٢ in Egypt; full-width ones in Japan): matcher now reads them as ASCII
-- digits, the house number and postal code a Latin form writes, where it
-- read no number. The migration's Go step (store/migrate.go) recomputes
-- the keys of those profiles only and writes those that changed, inside
-- the migration's transaction.
SELECT 1;
