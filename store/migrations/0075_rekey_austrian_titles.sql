-- The blocking keys and search keys of profiles whose names hold one of
-- the academic and professional titles Austrians and Germans write before
-- a name (Mag., MMag., Dipl.-Ing., Ing., Dkfm.): matcher keyed the title
-- as a word of the name, and now leaves it out, as it does Dr. The
-- migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
