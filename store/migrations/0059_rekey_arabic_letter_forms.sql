-- The blocking keys and search keys of profiles whose names hold Arabic's
-- ta marbuta or alif maqsura, or Persian's yeh or keheh (دانة, ليلى,
-- حسین): matcher now reads them as the letters people type for them
-- (دانه, ليلي, حسين), so that the name typed either way is one. The
-- migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
