"""The importer: input → ingest → NLP → entities, dates, quotes, events → store.

Orchestration sits here (``run.py`` lists the stage order; ``analyse.py``, ``nlp.py``,
``extract.py``, ``types.py``) with the small text helpers every stage shares
(``doc_index.py``, ``lexicon.py``, ``regex_scan.py``); each stage is a sub-package:
``ingest/``, ``entities/``, ``dates/``, ``events/``, ``quotes/``, ``store/``.

The domain packages (``app.articles``, ``app.entities``…) never import this one,
except the routers that ingest.
"""
