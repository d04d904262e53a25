-- The blocking keys and search keys of profiles with a Greek letter in a
-- name: matcher now folds a name written in Greek letters to its Latin
-- writing, as a Greek passport gives it (Γιώργος Παπαδόπουλος as giorgos
-- papadopoulos), so that a customer who types her name in Greek on one
-- visit and in Latin letters on the next is one name. The migration's Go
-- step (store/migrate.go) recomputes the keys of those profiles only and
-- writes those that changed, inside the migration's transaction.
SELECT 1;
