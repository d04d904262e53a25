-- The blocking keys of profiles whose address holds Armenian letters
-- (Բաղրամյան պողոտա 24, Երևան) or Kazakh's own Cyrillic letters (Алматы,
-- Қабанбай батыр): matcher now reads them in Latin letters (baghramyan
-- poghota, yerevan), as it reads the names. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and
-- writes those that changed, inside the migration's transaction.
SELECT 1;
