"""Load spaCy once per process and language; the API process loads it lazily."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from app.config import get_settings

log = logging.getLogger(__name__)

# Components newsmeta does not use; disabling them saves time per article.
_UNUSED = ("lemmatizer",)


class ModelUnavailable(RuntimeError):
    """No spaCy pipeline is configured or installed for a language."""


@lru_cache(maxsize=8)
def load_model(name: str) -> Language:
    log.info("loading spaCy pipeline %s", name)
    try:
        nlp = spacy.load(name, exclude=[c for c in _UNUSED])
    except OSError as exc:
        raise ModelUnavailable(f"spaCy pipeline {name!r} is not installed") from exc
    return nlp


def get_nlp(language: str) -> Language:
    """The pipeline for ``language`` (a setting per language); ModelUnavailable if none."""
    name = get_settings().spacy_models.get(language)
    if name is None:
        raise ModelUnavailable(f"no spaCy pipeline configured for language {language!r}")
    return load_model(name)


def blank(language: str) -> Language:
    """A tokenizer-only pipeline for languages without a model (sentences by punctuation)."""
    try:
        nlp = spacy.blank(language)
    except Exception:
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def parse(text: str, language: str) -> Doc:
    """One document; falls back to a blank pipeline when the language has no model."""
    try:
        nlp = get_nlp(language)
    except ModelUnavailable:
        nlp = blank(language)
    return nlp(text)


def parse_many(texts: Iterable[str], language: str, *, batch_size: int = 32) -> Iterator[Doc]:
    try:
        nlp = get_nlp(language)
    except ModelUnavailable:
        nlp = blank(language)
    yield from nlp.pipe(texts, batch_size=batch_size)
