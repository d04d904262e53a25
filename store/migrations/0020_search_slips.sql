-- The customer search's slips, filed once a word instead of once a
-- profile.
--
-- A profile's search keys held, besides its words and their beginnings,
-- each word of 4 letters or more and the word less each of its letters
-- (the d: keys): about half of a profile's ~25 entries in the GIN index
-- profiles_search, written again for every profile named Martin. Merging
-- those entries into the index took a growing share of a steady load's
-- CPU as the file grew (docs/performance.md, section 22).
--
-- search_slips holds each distinct word of a tenant's names under each of
-- its slips (matcher.Slips), written when a word is first seen. A search
-- term with a slip finds the words that share one of its slips here, and
-- then the profiles that hold one of those words by their w: keys. The
-- d: keys leave the search keys; the index is rebuilt without them.
CREATE TABLE search_slips (
    tenant_id uuid NOT NULL,
    slip      text COLLATE "C" NOT NULL,
    word      text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, slip, word)
);
-- A word's rows, to remove them when the last profile holding the word is
-- erased.
CREATE INDEX search_slips_word ON search_slips (tenant_id, word);

-- Rewriting every named profile's keys through the index would merge each
-- change into it; dropping it first and building it again afterwards is
-- one pass over the table. The profiles keep their other indexes, and the
-- rewrite changes no other indexed column (a HOT update where the page
-- has room).
DROP INDEX profiles_search;
UPDATE profiles SET search_keys = ARRAY(SELECT k FROM unnest(search_keys) WITH ORDINALITY AS u(k, i) WHERE k NOT LIKE 'd:%' ORDER BY i)
WHERE EXISTS (SELECT 1 FROM unnest(search_keys) AS k WHERE k LIKE 'd:%');
CREATE INDEX profiles_search ON profiles USING gin (tenant_id, search_keys) WITH (gin_pending_list_limit = 512)
WHERE status = 'active';
-- The Go step (store/migrate.go) files the words of the active profiles'
-- names (search_words) under their slips, a thousand words at a time.
