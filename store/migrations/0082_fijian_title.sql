-- The profiles whose names hold Fiji's chiefly title Ratu before the name
-- (Ratu Josefa), which was keyed as a word of the name and is now left
-- out, as Mr is. The migration's Go step (store/migrate.go) files their
-- keys again, inside the migration's transaction.
SELECT 1;
