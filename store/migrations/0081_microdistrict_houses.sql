-- The addresses of the former Soviet Union's cities that number their
-- microdistrict or quarter, house and flat (мкр. 5, д. 12, кв. 34;
-- 11-mavze, 28-uy, 100-xonadon): matcher read the microdistrict's number
-- as the house's, and now reads the house's. The migration's Go step
-- (store/migrate.go) files those profiles' blocking keys again, inside the
-- migration's transaction.
SELECT 1;
