"""Quote stage: a parsed ``Doc`` and its mentions → quotes with their speakers.

Takes the ``Doc`` and the article's entity mentions; gives ``QuoteResult``s (direct
between quotation marks, indirect after a speech verb) with offsets and a speaker.

- ``extract.py`` — the stage; ``marks.py`` — quotation-mark spans (no spaCy needed);
  ``incises.py`` — « A, a-t-il dit, B » cut in two
- ``inline.py`` — words quoted inside a sentence; ``neighbours.py`` — "X : «", the quote
  continued, the sentence before
- ``speakers.py`` — who said it; ``antecedents.py`` — what "il"/"she" stands for;
  ``bare_names.py`` — names no mention covers (no NER)
- ``roles.py`` — the roles the article gives people; ``people.py`` — speakers are people
- ``indirect.py`` — indirect speech
- ``lexicon.py`` — speech verbs and cues, French and English

Pure: must not import the store, the database or the other extraction stages
(mentions arrive as results).
"""
