-- The customer's postal address (matcher.Address: line1, line2,
-- postal_code, city, country): web sales ship to it, merges keep it whole,
-- and it is evidence for the fuzzy search, never an exact match key.
ALTER TABLE profiles ADD COLUMN address jsonb NOT NULL DEFAULT '{}';
