-- The blocking keys and search keys of profiles with an East Slavic
-- patronymic after a name (Оксана Вікторівна, Иван Петрович, Oleksandr
-- Petrovych): matcher now leaves it out of the name it compares and keys,
-- since a Russian or Ukrainian customer writes it on one visit and not on
-- the next. The migration's Go step (store/migrate.go) recomputes the keys
-- of those profiles only and writes those that changed, inside the
-- migration's transaction.
SELECT 1;
