"""Store stage: clean articles and their ``Extraction`` → rows, idempotently.

Takes what ingest and the extraction stages give; writes articles, entities, mentions,
quotes, dates and events in the caller's transaction (the importer's batch or an API
request), never committing itself. Also the way back out: ``db export``.

- ``load.py`` — one article: new, updated or unchanged; delete
- ``extraction.py`` — its extracted rows; ``entities.py`` — entity upserts and counts
- ``events.py`` — events matched across articles; ``duplicates.py`` — near-duplicates
- ``given.py`` — extractions given with a record (``extracted``); ``export.py`` — the dump
- ``sql.py`` — the INSERT statements for both stores

The only stage that touches the database. Must not import spaCy or the extraction rules
(it reads their typed results; ``events.match`` is the one shared rule).
"""
