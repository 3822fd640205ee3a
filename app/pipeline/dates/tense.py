"""Tense of the clause a date expression sits in: "past", "present", "future" or None.

With a spaCy ``Doc`` the verb governing the expression is read from the parse
(``Tense=Fut``, ``Mood=Cnd``, "va + infinitif", auxiliary + participle); without one,
the verb cue nearest to the expression in its sentence decides.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.pipeline.doc_index import morph_values

if TYPE_CHECKING:  # spaCy is imported where a Doc is made, not here
    from spacy.tokens import Doc, Token


_SENTENCE_END = re.compile(r"[.!?;:\n]|\s[-–—]\s")

_PARTICIPLE = r"(?:\w+\s+){0,2}?\w+(?:é|ée|és|ées|i|ie|is|ies|it|u|ue|us|ues|t|te|ts|tes)\b"
_AVOIR = "a|ont|avait|avaient|ai|avons|avez|eut|eurent"
_ETRE_PAST = "était|étaient|fut|furent"
_REFLEXIVE = r"(?:s['’]|se\s+)(?:est|sont)"
# Verbs conjugated with "être" in the passé composé (stems): "est arrivé" is past, while
# "est attendue" is a present passive.
_ETRE_VERBS = (
    "arriv|parti|venu|mort|né|entr|sorti|rest|tomb|devenu|revenu|rentr|décéd|pass|retourn|"
    "mont|descendu|survenu|intervenu|parvenu|allé"
)

# Regex cues (no parse): (pattern, tense). Checked all, the one nearest the expression wins.
_CUES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "fr": [
        (
            re.compile(
                r"\b(?:aurai[t]?|auraient|serai[t]?|seraient)\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|u|ue|us|i|is|it)\b",
                re.I,
            ),
            "past",
        ),
        (
            re.compile(
                r"\b(?:va|vont|allait|allaient|doit|doivent)\s+(?:\w+\s+)?\w+(?:er|ir|re)\b",
                re.I,
            ),
            "future",
        ),
        (re.compile(r"\b\w{2,}(?:rai|ra|rons|rez|ront|rait|raient)\b", re.I), "future"),
        (re.compile(rf"\b(?:{_AVOIR}|{_ETRE_PAST}|{_REFLEXIVE})\s+{_PARTICIPLE}", re.I), "past"),
        (re.compile(rf"\b(?:est|sont)\s+(?:{_ETRE_VERBS})\w*", re.I), "past"),
        (re.compile(r"\b\w{3,}(?:ait|aient)\b", re.I), "past"),
        (re.compile(r"\b(?:avait|avaient|était|étaient|fut|furent|eut|eurent)\b", re.I), "past"),
    ],
    "en": [
        (
            # "will be voted", "is to be opened": the participle is still to come
            re.compile(
                r"\b(?:(?:will|shall|'ll|is going to|are going to)(?:\s+not)?(?:\s+be\s+\w+ed)?"
                r"|(?:is|are)\s+to\s+be\s+\w+ed|to be held)\b",
                re.I,
            ),
            "future",
        ),
        (re.compile(r"\b(?:was|were|had|did|said|told|\w{3,}ed)\b", re.I), "past"),
    ],
}

# Words the future/past cues would mistake for verbs.
_NOT_VERBS = {
    *[
        "caméra",
        "opéra",
        "extra",
        "sierra",
        "cobra",
        "sahara",
        "zébra",
        "tiara",
        "contra",
        "mantra",
        "tantra",
        "bra",
        "ultra",
    ],
    *["lait", "fait", "mais", "jamais", "désormais", "après", "été"],
}


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def tense_from_text(text: str, start: int, end: int, language: str = "fr") -> str | None:
    """Tense by the verb cue nearest to text[start:end] in its sentence."""
    left, right = _sentence_bounds(text, start, end)
    best: tuple[int, str] | None = None
    for pattern, tense in _CUES.get(language, []):
        for match in pattern.finditer(text, left, right):
            if match.start() < end and match.end() > start:
                continue  # the expression itself ("prochain")
            if match.group(0).lower().split()[-1] in _NOT_VERBS:
                continue
            distance = start - match.end() if match.end() <= start else match.start() - end
            if best is None or distance < best[0]:
                best = (distance, tense)
    return best[1] if best else None


_AVOIR_FORMS = {*_AVOIR.split("|"), "avoir", "eu", "has", "have", "had"}
_FUTURE_FORM = re.compile(r"\w{3,}(?:rai|ras|ra|rons|rez|ront)$")
# Conditionals the small model tags as imperfects: "signerait", "pourrait" (not "espérait").
_CONDITIONAL_FORM = re.compile(r"\w{2,}(?:(?<!é)er|rr)ai(?:en)?t$")
# "va signer", "doit se réunir": an infinitive after these is still to come.
_GOING = {"va", "vont", "allait", "allaient", "doit", "doivent"}


def _morph(token: Token, feature: str) -> list[str]:
    return morph_values(token, feature)


def _participle_tense(verb: Token, auxiliaries: list[Token]) -> str | None:
    """Passé composé → past; present passive ("est attendue") → present; bare → unknown."""
    if not auxiliaries:
        return None  # adjectival: "la réunion prévue le 16 juillet"
    forms = {a.lower_ for a in auxiliaries}
    if forms & _AVOIR_FORMS:
        return "past"
    reflexive = any(c.lower_ in {"se", "s'", "s’"} for c in verb.children)
    if reflexive or re.match(_ETRE_VERBS, verb.lower_):
        return "past"
    return "present"


def _verb_tense(verb: Token) -> str | None:
    """Tense of one verb with its auxiliaries."""
    words = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    if any("Cnd" in _morph(w, "Mood") for w in words):
        has_participle = "Part" in _morph(verb, "VerbForm") and len(words) > 1
        return "past" if has_participle else "future"
    if _CONDITIONAL_FORM.search(verb.lower_):
        return "future"
    if any("Fut" in _morph(w, "Tense") or _FUTURE_FORM.search(w.lower_) for w in words):
        return "future"  # the small model often tags "réunira" Tense=Pres: trust the ending
    if any(w.lower_ in _GOING for w in words[1:]) or (
        verb.lower_ in _GOING and any("Inf" in _morph(c, "VerbForm") for c in verb.children)
    ):
        return "future"  # "va signer", "vont se réunir", "doit signer"
    passive_to_come = verb.dep_ == "xcomp" and verb.head.lower_ in _GOING
    if passive_to_come and not {w.lower_ for w in words[1:]} & _AVOIR_FORMS:
        return "future"  # "doit être voté", "va être inauguré" (not "doit avoir été voté")
    if any(w.lower_ in {"will", "shall", "'ll"} for w in words):
        return "future"
    if any("Past" in _morph(w, "Tense") or "Imp" in _morph(w, "Tense") for w in words[1:]):
        return "past"
    if "Part" in _morph(verb, "VerbForm"):
        return _participle_tense(verb, words[1:])
    if "Past" in _morph(verb, "Tense") or "Imp" in _morph(verb, "Tense"):
        return "past"
    if any("Pres" in _morph(w, "Tense") for w in words):
        return "present"
    return None


def tense_from_doc(doc: Doc, start: int, end: int) -> str | None:
    """Tense of the verb governing the tokens at [start, end) in the parse, if any."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"} and token.i not in range(span.start, span.end):
            tense = _verb_tense(token)
            if tense:
                return tense
        if token.head is token:
            break
        token = token.head
    return None


def clause_tense(
    text: str, start: int, end: int, *, language: str = "fr", doc: Doc | None = None
) -> str | None:
    """Tense for resolving the expression at [start, end): from the parse, else regex cues."""
    if doc is not None and doc.has_annotation("MORPH"):
        tense = tense_from_doc(doc, start, end)
        if tense:
            return tense
    return tense_from_text(text, start, end, language)
