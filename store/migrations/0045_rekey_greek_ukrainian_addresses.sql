-- The blocking keys of profiles with an address in Greece, Cyprus or
-- Ukraine (the address's country, or the tenant's region when it names
-- none), with a Greek letter in it, or with кв. (a flat) in it: matcher
-- now reads a Greek line in Latin letters and leaves its kind of street
-- aside (Λεωφ. Συγγρού 45 is Syngrou Ave 45), leaves aside a Ukrainian
-- line's street word (вул., вулиця, ул.), reads кв. 5 as the flat and not
-- the house number, and reads Kiev as Kyiv. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and
-- writes those that changed, inside the migration's transaction.
SELECT 1;
