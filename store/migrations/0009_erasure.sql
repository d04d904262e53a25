-- Erasure on request (GDPR): a profile erased keeps its id and its
-- activities' dates, sources, external ids and amounts, and nothing else
-- about the person.
ALTER TABLE profiles DROP CONSTRAINT profiles_status_check;
ALTER TABLE profiles ADD CONSTRAINT profiles_status_check CHECK (status IN ('active', 'merged', 'erased'));
