-- The blocking keys and search keys of profiles whose names hold
-- Azerbaijani's ə (Məmmədov), which names now read as a, as its passports
-- write it (mammadov); a father's name with oğlu or qızı after a given name
-- (Aynur Əli qızı), which names now leave out as they do a Russian
-- patronymic; or bəy, xanım or müəllim after one (Səbinə xanım), which names now
-- leave out as they do a title before it. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and writes
-- those that changed, inside the migration's transaction.
SELECT 1;
