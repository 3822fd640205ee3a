"""Who takes part in an event: entities of its phrase, compounds, adjectives, the subject.

Compounds name each party: "américano-russes" → United States + Russia, "OTAN-Russie" →
NATO + Russia. The knowledge base decides when given (``kb.compound_parts``); otherwise a
small built-in table of stems and country names does (event_lexicon.COMPOUND_WORDS), with
the same entity keys as the entity extractor ("iso3166:RU", "wikidata:Q7184").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from app.entities.types import EntityRef, MentionResult
from app.pipeline.doc_index import doc_text
from app.pipeline.events import syntax as syn
from app.pipeline.events.lexicon import (
    ADJECTIVE_WORDS,
    COMPOUND_WORDS,
    DURING_BEFORE,
    REPORTING_VERBS,
)

if TYPE_CHECKING:
    from app.entities.kb import KnowledgeBase

_COMPOUND = re.compile(r"[^\W\d_][\w.]*(?:[-–][^\W\d_][\w.]*)+")
_ARTICLES = ("l'", "l’", "le ", "la ", "les ", "the ")
_WINDOW_BEFORE = 6  # without a parse: how close before the phrase a subject may be


@dataclass
class Parties:
    """Participants and related entities of one event, with how the title can name them."""

    participants: tuple[EntityRef, ...] = ()
    related: tuple[EntityRef, ...] = ()
    # Participants as the text names them, with their entity type.
    surfaces: list[tuple[str, str]] = field(default_factory=list)
    named_spans: list[tuple[int, int]] = field(default_factory=list)  # parties named in text


def compound_parts(word: str, kb: KnowledgeBase | None = None) -> list[EntityRef] | None:
    """The parties of a compound word ("américano-russes", "OTAN-Russie"), None if not one."""
    if kb is not None:
        parts = kb.compound_parts(word)
        if parts:
            return list(parts)
    pieces = re.split(r"[-–]", word.lower())
    found: list[EntityRef] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            ref = COMPOUND_WORDS.get("-".join(pieces[i:j]))
            if ref is not None:
                found.append(ref)
                i = j
                break
        else:
            return None
    unique = _unique(found)
    return unique if len(found) >= 2 else None


def _unique(refs: Iterable[EntityRef]) -> list[EntityRef]:
    seen: dict[str, EntityRef] = {}
    for ref in refs:
        seen.setdefault(ref.key, ref)
    return list(seen.values())


def find_parties(
    doc: Doc,
    *,
    phrase: tuple[int, int],
    head: Token,
    verb: Token | None,
    mentions: Sequence[MentionResult],
    location: EntityRef | None,
    kb: KnowledgeBase | None,
) -> Parties:
    """Participants: the phrase's entities and compounds, then the clause's subject."""
    lo = doc[phrase[0]].idx
    hi = doc[phrase[1] - 1].idx + len(doc[phrase[1] - 1])
    parties = Parties()
    participants: list[tuple[int, EntityRef]] = []  # (where named, entity): text order
    related: list[EntityRef] = []
    mentions = [m for m in mentions if location is None or m.entity.key != location.key]
    in_phrase = [m for m in mentions if m.start < hi and m.end > lo]
    for mention in in_phrase:
        _add_mention(doc, mention, kb, participants, related, parties, mention.start)
    covered = [(m.start, m.end) for m in in_phrase]
    for match in _COMPOUND.finditer(doc_text(doc), lo, hi):
        parts = compound_parts(match.group(0), kb)
        if parts and not any(s <= match.start() and match.end() <= e for s, e in covered):
            participants += [(match.start(), part) for part in parts]
            parties.named_spans.append(match.span())
    for token in doc[phrase[0] : phrase[1]]:
        ref = ADJECTIVE_WORDS.get(token.lower_)
        if ref is not None and not any(s <= token.idx < e for s, e in covered):
            participants.append((token.idx, ref))
            parties.named_spans.append((token.idx, token.idx + len(token)))
    for mention in _subject_mentions(doc, phrase, head, verb, mentions):
        if mention not in in_phrase:
            # The subject comes after the phrase's own parties whatever its position.
            _add_mention(doc, mention, kb, participants, related, parties, len(doc_text(doc)))
    ordered = [ref for _, ref in sorted(participants, key=lambda item: item[0])]
    keep = [p for p in _unique(ordered) if location is None or p.key != location.key]
    parties.participants = tuple(keep)
    parties.related = tuple(r for r in _unique(related) if r.key not in {p.key for p in keep})
    return parties


def _add_mention(
    doc: Doc,
    mention: MentionResult,
    kb: KnowledgeBase | None,
    participants: list[tuple[int, EntityRef]],
    related: list[EntityRef],
    parties: Parties,
    position: int,
) -> None:
    """A mention is a participant, or a named body whose compound name gives the parties."""
    entity = mention.entity
    if entity.type == "MISC":
        return
    parts = None
    if entity.type == "ORG":
        for match in _COMPOUND.finditer(mention.text):
            parts = compound_parts(match.group(0), kb)
            if parts:
                break
    if parts:
        participants.extend((position, part) for part in parts)
        related.append(entity)
    else:
        participants.append((position, entity))
        parties.surfaces.append((_surface(doc, mention), entity.type))
    parties.named_spans.append((mention.start, mention.end))


def _surface(doc: Doc, mention: MentionResult) -> str:
    """How a title names the entity: a person by full name, others with their article."""
    if mention.entity.type == "PERSON":
        return mention.entity.name
    text = mention.text
    if not text.lower().startswith(_ARTICLES):
        before = doc_text(doc)[max(0, mention.start - 4) : mention.start]
        article = next((a for a in _ARTICLES if before.lower().endswith(a)), None)
        edge = mention.start - len(article) - 1 if article else 0
        if article and (edge < 0 or not doc_text(doc)[edge].isalpha()):
            text = doc_text(doc)[mention.start - len(article) : mention.end]
    article = next((a for a in _ARTICLES if text.lower().startswith(a)), "")
    return article + text[len(article) :]  # "L'OTAN" at a sentence start → "l'OTAN"


def _subject_mentions(
    doc: Doc,
    phrase: tuple[int, int],
    head: Token,
    verb: Token | None,
    mentions: Sequence[MentionResult],
) -> list[MentionResult]:
    """Entities in the subject of the trigger's verb, unless they only report the event."""
    if not syn.is_parsed(doc):
        start = doc[max(phrase[0] - _WINDOW_BEFORE, 0)].idx
        stop = doc[phrase[0]].idx
        between = doc_text(doc)[start:stop]
        if any(ch in between for ch in ",;:"):
            start = start + max(between.rfind(ch) for ch in ",;:") + 1
        return [m for m in mentions if start <= m.start and m.end <= stop]
    if verb is None or not _subject_takes_part(doc, head, verb):
        return []
    tokens = syn.subject_tokens(verb)
    if not tokens:
        return []
    lo = min(t.idx for t in tokens)
    hi = max(t.idx + len(t) for t in tokens)
    # A mention that starts in the subject: the parser may hang the name's last word
    # elsewhere ("Emmanuel Macron effectuera": "Macron" an adverb of the verb).
    return [m for m in mentions if lo <= m.start < hi]


def _subject_takes_part(doc: Doc, head: Token, verb: Token) -> bool:
    """The subject holds the event ("X tient une réunion", "X parle lors de la conférence").

    Not when the event is the subject itself, is only reported ("X a annoncé une
    réunion") or is a mere circumstance ("X a démissionné à la suite des élections").
    """
    start = doc[head.i].idx
    if DURING_BEFORE.search(doc_text(doc)[max(0, start - 30) : start]):
        return True
    if head.head.i != verb.i or head.dep_ not in ("obj", "xcomp", "obl:arg", "iobj"):
        return False
    return not REPORTING_VERBS.match(verb.lower_)
