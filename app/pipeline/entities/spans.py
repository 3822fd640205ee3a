"""Mention boundaries: determiners and function titles out, courtesy titles in, junk rejected.

Boundaries follow the usual French news annotation convention (Quaero, HIPE): a mention is
the name with its courtesy title ("M. Dupont", "Mme Curie"), without determiners ("la
Russie" → "Russie") and without function nouns ("le président Macron" → "Macron").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from app.entities.names import fold, leading_determiner_length, plain_punctuation
from app.entities.types import EntityType
from app.pipeline.entities.words import (
    ARTICLES,
    DAYS_AND_MONTHS,
    FR_STOP_WORDS,
    FUNCTIONS,
    GENERIC_HEADS,
    NON_NAMES,
    PARTICLES,
    PLACE_NOUN_FORMS,
)

# Courtesy titles (M., MM., Mme, Mlle, Mgr, Me, Dr, Mr…) kept in the mention, never in the name.
# OCR loses the courtesy title's full stop or reads it as a comma ("M Capré", "MM, Emile").
_HONORIFIC = r"(?:(?:MM|M|Dr|Mrs?|Ms)\.\s*|(?:MM|M),\s*|(?:MM|M|Mmes?|Mlles?|Mgr|Me|Dr|Mrs?|Ms)\s+)"
_HONORIFIC_RE = re.compile(_HONORIFIC + r"(?=\w)")
_HONORIFIC_END_RE = re.compile(r"(?<!\w)" + _HONORIFIC + "$")
_FUNCTION_FORMS = sorted(FUNCTIONS, key=len, reverse=True)
_FUNCTION_PREFIXES = tuple(form + " " for form in _FUNCTION_FORMS)  # one C-level test
_STRIP_CHARS = " \t\n.,;:!?«»\"“”()[]{}*_-–—/\\|'’"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Whitespace and punctuation off both ends (a final abbreviation dot stays: "M.", "U.S.")."""
    while start < end and text[start] in _STRIP_CHARS:
        start += 1
    while end > start and text[end - 1] in _STRIP_CHARS:
        if text[end - 1] == "." and re.search(r"(?:^|[\s.])\w\.$", text[start:end]):
            break
        end -= 1
    # No name runs over a colon or a semicolon: "Alfred Dardel : Junier", "Union : Commission".
    if cut := re.search(r"\s*[:;]\s", text[start:end]):
        end = start + cut.start()
    # OCR debris after a name: "Chassot m.", "Don¬nay n".
    while (cut := re.search(r"\s+[a-zà-ÿ]{1,2}\.?$", text[start:end])) and cut.start() > 0:
        end = start + cut.start()
    return start, end


_GLUED_CAPITAL_RE = re.compile(r"[a-zß-ÿ]{4}(?=[A-ZÀ-Þ])")


def cut_glued_tail(text: str, start: int, end: int, known: Callable[[str], bool]) -> int:
    """The end before words OCR glued to a name: "LuxembourgEffrayé", "Francesans".

    A glued lower-case tail is cut only after a ``known`` name and before a function word,
    so that "Washington" (Washing + ton) stays whole.
    """
    match = _GLUED_CAPITAL_RE.search(text, start, end)
    if match:
        return match.end()
    last = re.search(r"\S+$", text[start:end])
    if last is None or not last.group()[0].isupper():
        return end
    word, word_start = last.group(), start + last.start()
    for cut in range(3, len(word) - 2):
        if fold(word[cut:]) in FR_STOP_WORDS and known(word[:cut]) and not known(word):
            return word_start + cut
    return end


_NEXT_NAME_WORD_RE = re.compile(r"[ \u00a0]([A-ZÀ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*)")
# Parts of speech a name's next word cannot have (a small model may call it ADV or NOUN).
_NOT_IN_NAMES = frozenset({"VERB", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "NUM", "PUNCT"})
# More words than this is no longer one person's name.
_MAX_PERSON_WORDS = 5


def cut_person_tail(doc: Doc, text: str, start: int, end: int) -> int:
    """The end of a person's name before words the model ran on: "Emmanuel Macron lundi",
    "Galizyn eft" (a day, a month, or a word the parser says is no noun: a verb, a
    preposition…), "Alexander Grushko said Moscow …" (the first such lower-case word
    ends it). "Monezinho d'Albuquerque" keeps its particle-led surname."""
    for lower in re.finditer(r"(?<=\s)[^\W\d_A-ZÀ-Þ]\S*", text[start:end]):
        if fold(lower.group()) in PARTICLES or not lower.group().islower():  # "d'Albuquerque"
            continue
        span = doc.char_span(start + lower.start(), start + lower.end(), alignment_mode="expand")
        if span is not None and any(t.pos_ in _NOT_IN_NAMES for t in span):
            end = start + len(text[start : start + lower.start()].rstrip())
            break
    while True:
        match = re.search(r"\s+(\S+)$", text[start:end])
        if match is None:
            return end
        word, word_start = match.group(1), start + match.start(1)
        if fold(word) not in DAYS_AND_MONTHS:
            if any(c.isupper() for c in word):  # "Macron", "d'Albuquerque"
                return end
            span = doc.char_span(word_start, end, alignment_mode="expand")
            if span is None or not any(t.pos_ in _NOT_IN_NAMES for t in span):
                return end
        end = start + match.start()


_JOINED_PLACES_RE = re.compile(
    r"\s+(?:&|et)\s+(?=(?:l['’]|les?\s+|la\s+|d['’]|de\s+){0,2}[A-ZÀ-Þ])"
)
_INNER_ARTICLE_RE = re.compile(r"(?<=\w)\s+(?:le|la|les|un|une)\s+", re.IGNORECASE)
_AFTER_ARTICLE_OK = frozenset(
    [
        "de",
        "du",
        "des",
        "d'",
        "d’",
        "à",
        "au",
        "aux",
        "pour",
        "par",
        "sur",
        "sous",
        "en",
        "et",
        "contre",
        "entre",
        "avec",
        "sans",
        "of",
    ]
)
_CAPITALS_THEN_WORD_RE = re.compile(r"\b[A-ZÀ-Þ]{5,}\s+(?=[A-ZÀ-Þ][a-zß-ÿ])")


def cut_name_end(text: str, start: int, end: int, kind: str) -> int:
    """The end of a place's or an organisation's name before what the model ran on:
    a second place ("Jungfrau-Sund & le Dageiôrt", "Turquie et l'Asie"), an article
    that no preposition leads ("Conseil des ministres les modalités"), or, after words in
    capitals, a word in mixed case ("SUISSE Chambres fédérales": a heading, then text)."""
    name = text[start:end]
    cuts = []
    if kind == "LOC":
        cuts += [m.start() for m in _JOINED_PLACES_RE.finditer(name)]
    for match in _INNER_ARTICLE_RE.finditer(name):
        before = name[: match.start()].split()
        if before and fold(before[-1]) not in _AFTER_ARTICLE_OK and not before[-1][:1].isupper():
            cuts.append(match.start())
    cuts += [m.end() for m in _CAPITALS_THEN_WORD_RE.finditer(name)]
    cut = min((c for c in cuts if c > 0), default=len(name))
    return start + len(name[:cut].rstrip())


def extend_person(doc: Doc, text: str, start: int, end: int) -> int:
    """The end of a person's name the model cut short: "a déclaré Emmanuel[ Macron] lundi".

    Takes the capitalised words right after it (one space apart) that are proper nouns or
    nouns of no other entity, not function words, days or months.
    """
    while len(text[start:end].split()) < _MAX_PERSON_WORDS:
        match = _NEXT_NAME_WORD_RE.match(text, end)
        if match is None:
            return end
        word, word_end = match.group(1), match.end()
        if len(word) < 2 or fold(word) in FR_STOP_WORDS or fold(word) in DAYS_AND_MONTHS:
            return end
        span = doc.char_span(match.start(1), word_end, alignment_mode="expand")
        if span is None or any(t.pos_ in _NOT_IN_NAMES for t in span):
            return end
        if any(t.ent_iob_ != "O" and t.ent_type_ != "PER" for t in span):
            return end  # "Macron Paris": the next word names something else
        if word.isupper() != text[start:end].replace(" ", "").isupper():
            return end  # "CLARA MARC Guy Bovet": a byline in capitals, then a name
        end = word_end
    return end


def strip_sentence_starter(text: str, start: int, end: int) -> int:
    """The start after a capitalised function word glued by the model: "Combien M. Ador"."""
    match = re.match(r"(\w+)\s+(?=\S)", text[start:end])
    if match is None or not match.group(1)[0].isupper():
        return start
    word = fold(match.group(1))
    return start + match.end() if word in FR_STOP_WORDS and word not in PARTICLES else start


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence, a line or the text."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in '.!?:;»"\n—–-'


def strip_determiner(text: str, start: int, end: int, language: str, person: bool = False) -> int:
    """The start after leading determiners and elisions ("l'OTAN" → "OTAN").

    For a person, "de" and "d'" are name particles ("de Gaulle"), not determiners.
    """
    while cut := leading_determiner_length(text[start:end], language):
        if person and fold(text[start : start + cut]).strip() in PARTICLES - ARTICLES:
            break
        if text[start].isupper() and not sentence_initial(text, start):
            break  # a capitalised article inside a sentence is part of the name: "La Haye"
        start += cut
        while start < end and text[start].isspace():
            start += 1
    return start


def function_length(text: str) -> int:
    """Length of a leading function noun phrase with its trailing space, or 0."""
    folded = fold(text)
    if not folded.startswith(_FUNCTION_PREFIXES):
        return 0
    for form in _FUNCTION_FORMS:
        if folded.startswith(form + " "):
            # Folding keeps lengths for Latin text; re-measure on the original to be safe.
            words = len(form.split())
            match = re.match(rf"(?:\S+\s+){{{words}}}", text)
            return match.end() if match else 0
    return 0


def strip_functions(text: str, start: int, end: int, language: str, person: bool = False) -> int:
    """The start after function nouns and determiners ("le secrétaire général Jens S.")."""
    while True:
        new = strip_determiner(text, start, end, language, person)
        new += function_length(text[new:end])
        if new == start or new >= end:
            return start if new >= end else new
        start = new


_PLACE_NOUNS = "|".join(re.escape(w) for w in PLACE_NOUN_FORMS)
_PLACE_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:\d+\s*,?\s*)?(?:{_PLACE_NOUNS})\s+(?:(?:de\s+la|de|du|des|d'|d’)\s*)?$",
    re.IGNORECASE,
)


def place_before(text: str, start: int) -> int:
    """The start of a place noun right before a name ("12, rue de " of "12, rue de Rome")."""
    window = text[max(0, start - 30) : start]
    match = _PLACE_BEFORE_RE.search(window)
    return start - len(window) + match.start() if match else start


def honorific_before(text: str, start: int) -> int:
    """The start of a courtesy title right before ``start`` ("M. " of "M. Dupont"), else start."""
    window = text[max(0, start - 6) : start]
    match = _HONORIFIC_END_RE.search(window)
    return start - len(window) + match.start() if match else start


def honorific_length(text: str) -> int:
    """Length of a leading courtesy title and its space in a mention, or 0."""
    match = _HONORIFIC_RE.match(text)
    return match.end() if match else 0


def is_junk(text: str, doc: Doc | None = None, start: int = 0, end: int = 0) -> bool:
    """Not a name: pronouns, sentence starters, lowercase-only, digits, generic nouns."""
    words = plain_punctuation(text).split()
    if len(text) < 2 or not words or not any(c.isupper() for c in text):
        return True
    if any(c.isdigit() for c in text):
        return True
    first = fold(words[0])
    if not words[0][0].isupper() and first not in PARTICLES:
        return True
    if len(words) == 1 and (first in NON_NAMES or first.rstrip("'") in NON_NAMES):
        return True
    if first.endswith("'") and first[:-1] in NON_NAMES:  # "N'hésitez", "J'ai"
        return True
    if first in GENERIC_HEADS or fold(" ".join(words[:2])) in GENERIC_HEADS:
        return True
    if len(words) == 1 and text.isupper() and len(text) <= 2:
        return True
    # A clause, not a name: more lower-case words than a long organisation name holds
    # ("Grushko said Moscow had made its position clear"; "Organisation du traité de
    # l'Atlantique nord" has two).
    lower = [w for w in words if w[:1].islower() and fold(w) not in FR_STOP_WORDS]
    if len(lower) > _MAX_LOWER_WORDS:
        return True
    return doc is not None and _has_verb(doc, start, end)


_MAX_LOWER_WORDS = 3


def _has_verb(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in {"VERB", "AUX", "PRON"} for t in span)


def person_name(text: str) -> str:
    """The name without a courtesy title: "M. Dupont" → "Dupont"."""
    return text[honorific_length(text) :].strip()


def looks_like_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def expected_type(label: str) -> EntityType | None:
    """spaCy label → newsmeta type (French PER/LOC/ORG/MISC and OntoNotes labels)."""
    return _LABELS.get(label)


_LABELS: dict[str, EntityType] = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "LANGUAGE": "MISC",
}
