"""The claims: numbers read from the article's sentences (numerals, units, numbers), kept as
claims (rules, subject) and said what they mean (meaning), with the vocabularies they use
(lexicon, reference)."""
