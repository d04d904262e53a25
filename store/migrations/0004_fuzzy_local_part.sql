-- The fuzzy email search compares local parts only. On whole addresses
-- the trigram index matched half a tenant's file for every search, because
-- most customers share a handful of domains (gmail.com, orange.fr): the
-- cost grew with the file (docs/performance.md).
DROP INDEX contact_points_email_trgm;
CREATE INDEX contact_points_email_local_trgm ON contact_points
    USING gin (tenant_id, (split_part(value, '@', 1)) gin_trgm_ops) WHERE kind = 'email' AND valid;
