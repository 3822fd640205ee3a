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
    """Lower-case forms and lemmas of the language's common words; empty when no model
    ships them."""
    forms, lemmas = _lookup(language)
    return _Forms(forms | lemmas)


@lru_cache(maxsize=8)
def _inflected(language: str) -> Container[str]:
    return _Forms(_lookup(language)[0])


@lru_cache(maxsize=8)
def _lookup(language: str) -> tuple[frozenset[int], frozenset[int]]:
    """Hashes of the lemma table's forms, and of its lemmas (a lemma that is its own form,
    "conseil", "union", is only a value of the table)."""
    model = get_settings().spacy_models.get(language)
    if model is None:
        return frozenset(), frozenset()
    try:
        folders = list(get_package_path(model).glob("*/lemmatizer/lookups"))
    except Exception:  # model not installed as a package
        return frozenset(), frozenset()
    if not folders:
        return frozenset(), frozenset()
    # What ``Lookups().from_disk(folder).get_table("lemma_lookup")`` holds, without building
    # the Table (a Python-level insert per form: most of a second per worker process).
    path = folders[0] / "lookups.bin"
    tables = srsly.msgpack_loads(path.read_bytes()) if path.exists() else {}
    if "lemma_lookup" not in tables:
        return frozenset(), frozenset()
    log.info("loaded %s common words from %s", language, model)
    table = tables["lemma_lookup"]
    lemmas = {lemma for values in table.values() for lemma in values}
    return frozenset(map(get_string_id, table)), frozenset(map(get_string_id, lemmas))


class _Forms(Container[str]):
    """The forms of a spaCy lookup table, stored as string hashes as the Table does."""

    def __init__(self, hashes: frozenset[int]) -> None:
        self._hashes = hashes

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and get_string_id(word) in self._hashes


def is_common_word(word: str, language: str, *, lemmas: bool = True) -> bool:
    """Whether ``word`` in lower case is a dictionary word of ``language``; with
    ``lemmas=False`` only an inflected form counts ("conseils", not "conseil" nor
    "voltaire": a person's name may be a common noun's lemma)."""
    words = common_words(language) if lemmas else _inflected(language)
    return word.lower() in words
