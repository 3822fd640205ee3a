"""Common words of a language, to tell "Particulière" (a word) from "Piguet" (a name).

The French list is the lemmatizer's lookup table shipped inside ``fr_core_news_sm`` and ``_md``
(216k inflected forms): no extra download, read once per process.
"""

from __future__ import annotations

import logging
from collections.abc import Container
from functools import lru_cache

import srsly
from spacy.strings import get_string_id
from spacy.util import get_package_path

from app.config import get_settings

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def common_words(language: str) -> Container[str]:
    """Lower-case forms of the language's common words; empty when no model ships them."""
    model = get_settings().spacy_models.get(language)
    if model is None:
        return frozenset()
    try:
        folders = list(get_package_path(model).glob("*/lemmatizer/lookups"))
    except Exception:  # model not installed as a package
        return frozenset()
    if not folders:
        return frozenset()
    # What ``Lookups().from_disk(folder).get_table("lemma_lookup")`` holds, without building
    # the Table (a Python-level insert per form: most of a second per worker process).
    path = folders[0] / "lookups.bin"
    tables = srsly.msgpack_loads(path.read_bytes()) if path.exists() else {}
    if "lemma_lookup" not in tables:
        return frozenset()
    log.info("loaded %s common words from %s", language, model)
    table = tables["lemma_lookup"]
    # The table maps inflected forms to their lemmas: a lemma that is its own form
    # ("conseil", "union") is only a value.
    lemmas = {lemma for values in table.values() for lemma in values}
    return _Forms(frozenset(map(get_string_id, table)) | frozenset(map(get_string_id, lemmas)))


class _Forms(Container[str]):
    """The forms of a spaCy lookup table, stored as string hashes as the Table does."""

    def __init__(self, hashes: frozenset[int]) -> None:
        self._hashes = hashes

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and get_string_id(word) in self._hashes


def is_common_word(word: str, language: str) -> bool:
    """Whether ``word`` in lower case is a dictionary word of ``language``."""
    return word.lower() in common_words(language)
