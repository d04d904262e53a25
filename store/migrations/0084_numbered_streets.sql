-- The Latin American addresses on a numbered street (Calle 25 #148,
-- Pasaje 3 #123; Guatemala City's 7a. Calle 11-73, Zona 4) or block
-- (Honduras's bloque 21, casa 332), whose street's or block's number
-- matcher read as the house's, or that write the streets their block lies
-- between (e/ D y M), and the
-- towns now read as one (Havana, La Habana; Tegus, Tegucigalpa; Toshkent,
-- Tashkent; Nur-Sultan, Astana). The migration's Go step
-- (store/migrate.go) files those profiles' blocking keys again, inside the
-- migration's transaction.
SELECT 1;
