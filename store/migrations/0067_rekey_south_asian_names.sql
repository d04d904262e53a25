-- The blocking keys and search keys of profiles whose names are written in
-- Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
-- Malayalam or Sinhala letters (राम शर्मा, রফিকুল ইসলাম, පෙරේරා): matcher
-- now reads them in Latin letters as their commonest spelling writes them
-- (ram sharma, rafikul islam, perera), so that the name typed either way is
-- one; and a vowel sign that is a spacing mark (ा, ါ in Burmese, ា in
-- Khmer) no longer splits a word in two. The migration's Go step (store/migrate.go) recomputes the keys of
-- those profiles only and writes those that changed, inside the
-- migration's transaction.
SELECT 1;
