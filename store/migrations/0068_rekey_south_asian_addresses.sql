-- The blocking keys of profiles whose address is written in Devanagari,
-- Bengali, Tamil, Sinhala or another South Asian script (ललितपुर, ঢাকা):
-- matcher now reads it in Latin letters (lalitpur, dhaka), its digits as
-- ASCII ones, as it reads the names; a vowel sign that is a spacing mark
-- (Burmese, Khmer, Tibetan) no longer splits a word. The migration's Go step
-- (store/migrate.go) recomputes the keys of those profiles only and writes
-- those that changed, inside the migration's transaction.
SELECT 1;
