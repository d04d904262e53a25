-- The blocking keys and search keys of profiles whose names hold Chinese
-- characters (王伟, 陳建宏): matcher now reads them in Pinyin (wang wei,
-- chen jianhong), so that the name typed either way is one. The
-- migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
