-- The blocking keys and search keys of profiles whose names hold Armenian
-- letters (Արամ Պետրոսյան) or Kazakh's own Cyrillic letters (Қайрат
-- Серікбаев): matcher now reads the first as an Armenian passport writes
-- them in Latin letters (aram petrosyan), the second as Kazakhstan's
-- passports and Russian write the same names (kairat serikbaev), so that
-- the name typed either way is one. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and
-- writes those that changed, inside the migration's transaction.
SELECT 1;
