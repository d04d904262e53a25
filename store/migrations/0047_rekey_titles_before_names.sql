-- The blocking keys and search keys of profiles with a Hungarian
-- generation or a widow's title before a name (ifj. Kiss Gyöngyi, id.
-- Juhász Zoltán, özv. Kovács Jánosné), or a Thai or Indonesian title (Khun
-- Somchai, นาย, Ibu Siti, Bapak Ahmad): matcher now reads ifj. and id. as
-- the generation a Jr or Sr after an English name is, and the others as
-- titles, and leaves them out of the name it compares and keys. The
-- migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
