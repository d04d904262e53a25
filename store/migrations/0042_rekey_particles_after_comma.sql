-- The blocking keys and search keys of profiles with a comma in a name:
-- matcher now reads a surname filed with its particles after a comma
-- (Berg, van den; Haan, de) as it is said (van den Berg, de Haan), so that
-- a customer whose surname an export wrote the register's way and a form
-- wrote the other is one name. The migration's Go step (store/migrate.go)
-- recomputes the keys of those profiles only and writes those that
-- changed, inside the migration's transaction.
SELECT 1;
