"""Stage 1-2, ingest: input files → ``RawArticle`` → ``CleanArticle``.

Takes paths, stdin or an API body; gives clean articles (title, standfirst, body,
language, publication date) or a one-line failure per input that cannot be read.

- ``readers.py`` — files, folders, stdin → ``RawArticle``, one reader per input format
  (``.txt``, ``.html``, ``.json``, ``.jsonl``, feeds); ``schemas.py`` — the SPEC JSON article
- ``decode.py`` — bytes → text; ``html.py`` — HTML → text and metadata (``headline.py``: the
  article's title, ``pubdate.py``: its publication date); ``feeds.py`` — RSS/Atom
- ``clean.py`` — plain-text layout and republishing boilerplate; ``prepare.py`` — Raw → Clean
- ``simhash.py`` — near-duplicate fingerprints of a body

Must not import spaCy, the extraction stages or the store (``app.pipeline.store``).
A new input format is a reader in ``readers.py`` (and its parser beside it).
"""
