"""Date stage: text (and its ``Doc``, for tense) → date mentions resolved to TIMEX3.

Takes the article text, its publication date (the anchor) and language; gives
``DateResult``s (``2022-01-10``, ``2022-W02``, ``XXXX-01-10``…) with offsets.

- ``extract.py`` — the stage: candidates, choice, anchoring
- ``patterns.py`` — the regular expressions, built from ``lexicon.py``'s word lists
- ``rules.py`` — reads a matched pattern into a ``Parsed`` expression
- ``resolve.py`` — calendar arithmetic: ``Parsed`` + anchor + tense + ``Context`` (the last
  day mentioned, the story's year) → value
- ``tense.py`` — the tense of the clause an expression sits in

A new date rule: a pattern in ``patterns.py`` (words in ``lexicon.py``), its reader in
``rules.py``, its arithmetic in ``resolve.py``. Value ranges live in ``app.common.timex``.
Pure: must not import the store, the database or the other extraction stages.
"""
