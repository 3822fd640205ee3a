"""Event stage: a parsed ``Doc``, its dates and mentions → events (``EventResult``).

Takes the ``Doc``, the article's resolved dates and entity mentions; gives events with
type, title, date, status (in the article's own time, cancelled/postponed included),
place, participants, notes and the evidence sentence (whole sentences).

- ``extract.py`` — the stage, per sentence; ``syntax.py`` — triggers, phrases, verbs
- ``parties.py`` — participants; ``titles.py`` — readable titles; ``notes.py`` — notes
- ``places.py`` — places outside the event's sentence; ``reports.py`` — cancelled/postponed
- ``lexicon.py`` — trigger words and markers
- ``match.py`` — one event across articles (the merge key and matcher), used by the store

Pure: must not import the store or the database; reads dates and mentions as results.
"""
