-- The blocking keys of profiles whose address holds Georgian letters
-- (რუსთაველის გამზირი 12, თბილისი): matcher now reads them in Latin
-- letters (rustavelis gamziri, tbilisi), as it reads Georgian names. The
-- migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
