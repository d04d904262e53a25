-- The blocking keys and search keys of profiles with a Kazakh or Kyrgyz
-- patronymic (Әлия Нұрланқызы, Serik Nurlan uly, Asan uulu): matcher now
-- leaves it out of the name, as it does a Russian one (Оксана Вікторівна
-- is Oksana). The migration's Go step (store/migrate.go) recomputes the
-- keys of those profiles only and writes those that changed, inside the
-- migration's transaction.
SELECT 1;
