-- The blocking keys of profiles whose address holds Chinese characters
-- (世纪大道100号, 上海): matcher now reads them in Pinyin, as it reads
-- Chinese names. The migration's Go step (store/migrate.go) recomputes the
-- keys of those profiles only and writes those that changed, inside the
-- migration's transaction.
SELECT 1;
