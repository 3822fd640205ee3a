"""Entity stage: a parsed ``Doc`` → entity mentions (``MentionResult``), linked.

Takes the spaCy ``Doc`` of a clean article and the knowledge base; gives mentions with
offsets into the text and canonical ``EntityRef``s (``app.entities.types``).

- ``extract.py`` — the stage: model spans and knowledge-base matches, merged and resolved
- ``spans.py`` — mention boundaries; ``words.py`` — the word lists they use
- ``names.py`` and ``cues.py`` — names found by rule where there is no NER model
- ``links.py`` — within-article linking (a surname alone, an acronym)

Pure: must not import the store, the database or the other extraction stages.
"""
