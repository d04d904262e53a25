-- The blocking keys and search keys of profiles whose names are written in
-- Burmese letters (ကျော်ဇော်ဝင်း): matcher now reads them syllable by
-- syllable in Latin letters as their commonest spelling writes them
-- (kyawzawwin), so that the name typed either way is one. The migration's
-- Go step (store/migrate.go) recomputes the keys of those profiles only
-- and writes those that changed, inside the migration's transaction.
SELECT 1;
