-- The blocking keys and search keys of profiles with a kana letter in a
-- name: matcher now folds a name written in hiragana or katakana to its
-- Latin writing (ケイコ スズキ as keiko suzuki), so that a customer who
-- types her name in kana on one visit and in Latin letters on the next is
-- one name. The migration's Go step (store/migrate.go) recomputes the keys
-- of those profiles only and writes those that changed, inside the
-- migration's transaction.
SELECT 1;
