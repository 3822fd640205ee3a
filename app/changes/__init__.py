"""The change feed: every create, update and delete of articles, entities, events and
quotes, in commit order (``GET /v1/changes``).

The store stage records changes (``service.record``) in the transaction that makes them;
they are written just before that transaction commits, in commit order on both stores.
"""
