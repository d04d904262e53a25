-- The mobiles and phones stored as no valid number that Ivorian customers
-- wrote as before 31 January 2021, when every line of Côte d'Ivoire gained
-- two digits before its eight, its operator's (07 12 34 56, an Orange
-- line then, for 07 07 12 34 56): matcher reads them as the mobile now.
-- The migration's Go step (store/migrate.go) reads them again and keys the
-- profiles that changed, inside the migration's transaction.
SELECT 1;
