-- The blocking keys of profiles with an address in Russia, Belarus or
-- Kazakhstan, whose line now reads without its kind of street (ул., ш.,
-- пр-т) and whose town reads without its г. (г. Москва), and of profiles
-- whose town is written in another language or script than the town's
-- own name, which now reads as it (Moscow and Москва as moskva, TLV and
-- תל אביב as Tel Aviv, Teheran and تهران as Tehran, KL, Zuerich). The
-- migration's Go step (store/migrate.go) recomputes the keys of those
-- profiles only and writes those that changed, inside the migration's
-- transaction.
SELECT 1;
