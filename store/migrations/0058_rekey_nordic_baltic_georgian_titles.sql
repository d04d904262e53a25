-- The blocking keys and search keys of profiles with an Icelandic, Danish,
-- Norwegian, Lithuanian or Georgian title before a name (Hr. Jóhann, Frú
-- Anna, Ponia Danutė, ბატონი ბექა): matcher now leaves them out of the
-- name it compares and keys, as it does Mr and Mrs. The migration's Go
-- step (store/migrate.go) recomputes the keys of those profiles only and
-- writes those that changed, inside the migration's transaction.
SELECT 1;
