-- The mobiles and phones stored as no valid number that were written with
-- a note after them (0772 123 414 (WhatsApp)) or beside a second number
-- (0977123412 / 0966 123 412): matcher reads the first number now. The
-- migration's Go step (store/migrate.go) reads them again and keys the
-- profiles that changed, inside the migration's transaction.
SELECT 1;
