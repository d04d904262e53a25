-- The attributes a tenant designates as naming one person (a social
-- security number, a loyalty card the customer carries): the fuzzy search
-- compares them as one more field (matcher/identifier.go). At most five,
-- each an attribute key. Empty by default: nothing changes for a tenant
-- that designates none.
ALTER TABLE tenants ADD COLUMN identifier_attributes text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(identifier_attributes) <= 5);
