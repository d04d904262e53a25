-- The addresses of Kuwait, Qatar, Bahrain, Oman and the Emirates that
-- number their block, street and building (Block 9, Street 33, Building
-- 51), Papua New Guinea's section and lot (Section 281, Lot 41) and
-- Cambodia's house and street (#185, St. 2004): matcher read the block's,
-- the section's or the street's number as the house's, and now reads the
-- building's, the lot's or the house's; and the Malay abbreviations of
-- Brunei, Malaysia and Singapore (Jln, Spg, Lrg), now written out. The migration's Go step (store/migrate.go) files those
-- profiles' blocking keys again, inside the migration's transaction.
SELECT 1;
