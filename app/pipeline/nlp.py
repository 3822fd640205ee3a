"""Load spaCy once per process and language; the API process loads it lazily."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import DisabledPipes, Language
from spacy.tokens import Doc, Token

from app.config import get_settings
from app.pipeline.doc_index import parsed_from
from app.pipeline.lexicon import is_common_word

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
    if nlp.pipe_names:
        nlp.add_pipe("newsmeta_glued_words", first=True)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsmeta_sentences", after="parser")
    return nlp


def as_shipped(nlp: Language) -> DisabledPipes:
    """A context in which ``nlp`` runs as its package ships it, without newsmeta's own
    components (benchmarks comparing with bare spaCy)."""
    return nlp.select_pipes(disable=[c for c in _OWN if c in nlp.pipe_names])


_OWN = ("newsmeta_glued_words", "newsmeta_sentences")
_VERBS = ("VERB", "AUX")

# Two words OCR glued where a line break or a space was lost: a word in lower case before a
# capitalised one or a courtesy title ("auComité", "laChambre", "etCharlot", "àRenault",
# "deMM. Deschanel"; not "iPhone", "eBay":
# a one-letter word is "à"; not "dispoSition": the first part must be a word of the
# language), a courtesy title before a name ("M.Gambetta"), a number's full stop before a
# courtesy title ("rue, 9.M. Godmer").
_GLUED_RE = re.compile(
    r"^(?:([a-zß-ÿ]{2,}|à)(?=[A-ZÀ-Þ][a-zß-ÿ]|MM?\.?$)|(MM?\.)(?=[A-ZÀ-Þ][a-zß-ÿ])|(\d+\.)(?=MM?\.$))"
)
_GLUED_HINT_RE = re.compile(r"[a-zß-ÿ.][A-ZÀ-Þ]")


@Language.component("newsmeta_glued_words")
def split_glued_words(doc: Doc) -> Doc:
    """Words OCR glued together split into two tokens, so that the model reads the name
    ("demander auComité des épidémies" → "au" "Comité"); the text does not change."""
    if not _GLUED_HINT_RE.search(doc.text):
        return doc
    glued = [
        (t, m.end())
        for t in doc
        if (m := _GLUED_RE.match(t.text)) and m.end() < len(t) and _word(doc, m.group(1))
    ]
    with doc.retokenize() as retokenizer:
        for token, cut in glued:
            parts = [token.text[:cut], token.text[cut:]]
            retokenizer.split(token, parts, heads=[(token, 0), (token, 0)])
    return doc


@Language.component("newsmeta_sentences")
def join_cut_sentences(doc: Doc) -> Doc:
    """A sentence ends at punctuation or a line break, never after a word nor before a
    closing quote: where the parser starts one right after a word ("Jean-Yves | Le Drian a rencontré …", "Conseil OTAN |
    -Russie, … devrait avoir lieu …": a noun group parsed as a tree of its own), its tree
    is hung on the previous one — the noun group under the verb when one side has a verb
    and the other none — so that the entity recogniser, which never crosses a sentence
    start, and every later stage read one sentence."""
    cuts = [
        t.i
        for t in doc[1:]
        if t.is_sent_start
        and "\n" not in doc[t.i - 1].whitespace_
        and (_is_word(doc[t.i - 1]) or t.text in _CLOSING)
    ]
    for i in cuts:
        before, after = doc[i - 1].sent.root, doc[i].sent.root
        if before.pos_ not in _VERBS and after.pos_ in _VERBS:
            before.head, before.dep_ = after, "dep"
        else:  # "… l'usine. | »": a closing quote ends the sentence it closes
            after.head, after.dep_ = before, "punct" if after.is_punct else "dep"
    return doc


def _word(doc: Doc, part: str | None) -> bool:
    """Whether the lower-case first part of glued words is a word (or there is none)."""
    return part is None or doc.vocab[part].is_stop or is_common_word(part, doc.lang_)


_CLOSING = frozenset({"»", "”", ")", "]"})


def _is_word(token: Token) -> bool:
    return not token.is_space and any(ch.isalnum() for ch in token.text)


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


# A word hyphenated by OCR or typesetting ("Hen¬rion"): the model reads "Hen-rion".
_SPLIT_WORD_RE = re.compile(r"(?<=[^\W\d_])[¬\u00ad](?=[^\W\d_])")
# A word in capitals ("SCHAFFHOUSE", "Pierre BOCHOT"): the model reads "Schaffhouse".
_CAPITALS_RE = re.compile(r"\b([^\W\d_a-zß-ÿ])([^\W\d_a-zß-ÿ]{4,})\b")


def model_text(text: str) -> str:
    """What the model reads: ``text`` with the same length and offsets, words split by a
    line-end hyphen ("¬") joined by a hyphen, and words in capitals in title case (the
    models were trained on mixed-case text and miss "Pierre BOCHOT"). Acronyms (four
    capitals or fewer) stay as written."""
    if "¬" in text or "\u00ad" in text:
        text = _SPLIT_WORD_RE.sub("-", text)
    return _CAPITALS_RE.sub(lambda m: m.group(1) + m.group(2).lower(), text)


def _pipe(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    originals: list[str] = []

    def read(items: Iterable[str]) -> Iterator[str]:
        for item in items:
            originals.append(item)
            yield model_text(item)

    for doc in nlp.pipe(read(texts), batch_size=batch_size):
        original = originals.pop(0)
        if doc.text != original:
            doc = _with_text(doc, original)
        parsed_from(doc, original)
        yield doc


def _with_text(doc: Doc, original: str) -> Doc:
    """The same analysis on the original words: every stage reads the text as written."""
    words = [original[t.idx : t.idx + len(t)] for t in doc]
    annotations: dict = {"spaces": [bool(t.whitespace_) for t in doc]}
    if doc.has_annotation("DEP"):
        annotations |= {"heads": [t.head.i for t in doc], "deps": [t.dep_ for t in doc]}
    elif doc.has_annotation("SENT_START"):
        annotations["sent_starts"] = [bool(t.is_sent_start) for t in doc]
    if doc.has_annotation("POS"):
        annotations["pos"] = [t.pos_ for t in doc]
    if doc.has_annotation("TAG"):
        annotations["tags"] = [t.tag_ for t in doc]
    if doc.has_annotation("MORPH"):
        annotations["morphs"] = [str(t.morph) for t in doc]
    if doc.has_annotation("LEMMA"):
        annotations["lemmas"] = [t.lemma_ for t in doc]
    if doc.has_annotation("ENT_IOB"):
        annotations["ents"] = [
            f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc
        ]
    return Doc(doc.vocab, words=words, **annotations)


def parse(text: str, language: str) -> Doc:
    """One document; falls back to a blank pipeline when the language has no model."""
    return next(parse_many([text], language))


def parse_many(texts: Iterable[str], language: str, *, batch_size: int = 32) -> Iterator[Doc]:
    try:
        nlp = get_nlp(language)
    except ModelUnavailable:
        nlp = blank(language)
    yield from _pipe(nlp, texts, batch_size)


def parse_with(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """``parse_many`` with a given pipeline (benchmarks comparing models)."""
    yield from _pipe(nlp, texts, batch_size)
