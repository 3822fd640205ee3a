"""Sentence-level helpers for event extraction: triggers, phrases, verbs, tense, attachment.

Every helper works on a parsed Doc (dependency tree and morphology, the French model)
and falls back to word windows and lexical markers on a blank pipeline (English).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from app.pipeline.doc_index import doc_text, lower_words, morph_values
from app.pipeline.events.lexicon import (
    ADJECTIVE_WORDS,
    COMPOUND_WORDS,
    FUTURE_WORDS,
    PAST_WORDS,
    PROSPECTIVE,
    PROSPECTIVE_VERBS,
    REFERENCE_PREPOSITIONS,
    TRIGGERS,
)

Tense = Literal["future", "past", "present"]

# Children that start another clause or another event: not part of the trigger's phrase.
_PHRASE_EXCLUDED_DEPS = {"acl:relcl", "appos", "conj", "cc", "punct", "parataxis", "advcl"}
_VERBS = {"VERB", "AUX"}
_PHRASE_CONNECTORS = {
    "de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "les", "entre", "et", "avec",
    "of", "the", "between", "and", "with", "-", "–",
}  # fmt: skip
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_MAX_PHRASE_RIGHT = 8
_MAX_PHRASE_LEFT = 4


@dataclass(frozen=True)
class Trigger:
    """An event noun (or noun group) found in a sentence: token range [start, end)."""

    start: int
    end: int
    type: str


def is_parsed(doc: Doc) -> bool:
    """True when the pipeline gave a dependency tree (not a blank tokenizer)."""
    return doc.has_annotation("DEP")


def evidence_sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, joined where the parser cut inside one, cut again at paragraph
    breaks and stripped of spaces."""
    spans: list[Span] = []
    try:
        sentences = _joined(doc, list(doc.sents))
    except ValueError:  # a Doc without sentence boundaries: one sentence
        sentences = [doc[:]]
    for sent in sentences:
        for start, end in _pieces(doc_text(doc), sent.start_char, sent.end_char):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return spans


_CLOSES_SENTENCE = re.compile(r"[.!?…:;]+[»”\"'’)\]]*$")


def _joined(doc: Doc, sentences: list[Span]) -> list[Span]:
    """The parser's sentences, each joined to the previous one when the boundary between
    them is no sentence end: the cut falls inside a word ("Conseil OTAN|-Russie": no space
    before it), before a lower-case word after no closing punctuation, or after a "sentence"
    of no word (an opening "«"). A parser that
    makes a noun group a tree of its own does that; paragraph breaks still cut
    (``_pieces``)."""
    # An opening quote that ends a parser's sentence ("… le 12 janvier. «") opens the next.
    starts = [sent.start for sent in sentences]
    for n in range(1, len(starts)):
        while starts[n] - 1 > starts[n - 1] and doc[starts[n] - 1].text in _OPENING:
            starts[n] -= 1
    ends = [*starts[1:], sentences[-1].end] if sentences else []
    joined: list[Span] = []
    for start, end in zip(starts, ends, strict=True):
        sent = doc[start:end]
        if joined and _continues(doc, joined[-1], sent):
            joined[-1] = doc[joined[-1].start : sent.end]
        else:
            joined.append(sent)
    return joined


_OPENING = frozenset({"«", "“", "(", "["})


def _continues(doc: Doc, previous: Span, sent: Span) -> bool:
    last, first = doc[sent.start - 1], doc[sent.start]
    if "\n" in last.whitespace_ or last.is_space or _CLOSES_SENTENCE.search(last.text):
        return False
    wordless = not any(ch.isalnum() for ch in previous.text)  # an opening "«" on its own
    return wordless or not last.whitespace_ or first.text[:1].islower()


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stripped [start, end) ranges of the text between paragraph breaks."""
    bounds = [start]
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        bounds += [match.start(), match.end()]
    bounds.append(end)
    pieces = []
    for lo, hi in zip(bounds[::2], bounds[1::2], strict=True):
        piece = text[lo:hi]
        lo, hi = lo + len(piece) - len(piece.lstrip()), lo + len(piece.rstrip())
        if hi - lo >= 2 and any(ch.isalnum() for ch in text[lo:hi]):
            pieces.append((lo, hi))
    return pieces


_SENTENCE_END = re.compile(r"[.!?…]+[»”\"'’)\]]*(?=\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?…]+[»”\"'’)\]]*\s*$")


def whole_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to the sentence(s) it cuts, within its paragraph.

    The parser sometimes ends a sentence at a dash or a colon ("… son voisin – une
    accusation démentie …"); evidence quoted from it must read from a capital to a full
    stop: back to the end of the previous sentence (when it starts with no capital or
    opening quote), on to the next full stop (when it ends with none).
    """
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    lo = max((e for s, e in breaks if e <= start), default=0)
    hi = min((s for s, e in breaks if s >= end), default=len(text))
    before = text[lo:start]
    starts_well = text[start : start + 1].isupper() or text[start : start + 1] in '«"“'
    if before.strip() and not starts_well and not _ENDS_SENTENCE.search(before):
        ends = list(_SENTENCE_END.finditer(before))
        new_start = ends[-1].end() if ends else 0
        start = lo + new_start + len(before[new_start:]) - len(before[new_start:].lstrip())
    if not _ENDS_SENTENCE.search(text[start:end]):
        following = _SENTENCE_END.search(text, end, hi)
        end = following.end() if following else lo + len(text[lo:hi].rstrip())
    return start, end


class Paragraphs:
    """Paragraph numbers of character offsets (paragraphs are separated by blank lines)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) - 1


# First word of a trigger → its longest trigger, in tokens.
_TRIGGER_LENGTH: dict[str, int] = {}
for _words in TRIGGERS:
    _TRIGGER_LENGTH[_words[0]] = max(_TRIGGER_LENGTH.get(_words[0], 0), len(_words))


def find_triggers(sent: Span) -> list[Trigger]:
    """Event nouns of a sentence, longest lexicon match first, left to right."""
    words = lower_words(sent.doc)[sent.start : sent.end]
    found: list[Trigger] = []
    i = 0
    while i < len(words):
        # Only a trigger's first word can start one (most words start none).
        for size in range(min(_TRIGGER_LENGTH.get(words[i], 0), len(words) - i), 0, -1):
            event_type = TRIGGERS.get(tuple(words[i : i + size]))
            if event_type is not None:
                found.append(Trigger(sent.start + i, sent.start + i + size, event_type))
                i += size
                break
        else:
            i += 1
    return found


def head_token(doc: Doc, trigger: Trigger, language: str) -> Token:
    """The trigger's syntactic head (first noun in French, last in English without a parse)."""
    tokens = doc[trigger.start : trigger.end]
    if is_parsed(doc):
        for token in tokens:
            if not trigger.start <= token.head.i < trigger.end or token.head.i == token.i:
                return token
    return tokens[-1] if language == "en" else tokens[0]


def phrase_range(
    doc: Doc, trigger: Trigger, head: Token, sent: Span, inside: Iterable[tuple[int, int]]
) -> tuple[int, int]:
    """Token range of the noun phrase around the trigger ("les pourparlers américano-russes")."""
    if is_parsed(doc):
        start, end = _parsed_phrase(head, trigger)
    else:
        start, end = _window_phrase(doc, trigger, sent, inside)
    end = _extend_coordination(doc, end, sent, inside)
    # Never cut an entity or date in two: widen to cover what overlaps the phrase.
    lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    for s, e in inside:
        if s < hi and e > lo:
            span = doc.char_span(min(s, lo), max(e, hi), alignment_mode="expand")
            if span is not None and span.start >= sent.start and span.end <= sent.end:
                start, end = min(start, span.start), max(end, span.end)
    return start, end


def _extend_coordination(doc: Doc, end: int, sent: Span, inside: Iterable[tuple[int, int]]) -> int:
    """Keep "… entre X et Y" whole when the parser hung "et Y" elsewhere."""
    starts = {s: e for s, e in inside}
    while end + 1 < sent.end and doc[end].lower_ in ("et", "and", ","):
        next_start = doc[end + 1].idx
        if next_start not in starts:
            return end
        span = doc.char_span(next_start, starts[next_start], alignment_mode="expand")
        if span is None:
            return end
        end = span.end
    return end


def _parsed_phrase(head: Token, trigger: Trigger) -> tuple[int, int]:
    members = {head.i, *range(trigger.start, trigger.end)}
    for child in head.children:
        if child.dep_ not in _PHRASE_EXCLUDED_DEPS:
            members.update(t.i for t in child.subtree)
    start = end = head.i
    while start - 1 in members:
        start -= 1
    while end + 1 in members:
        end += 1
    return start, end + 1


def _window_phrase(
    doc: Doc, trigger: Trigger, sent: Span, inside: Iterable[tuple[int, int]]
) -> tuple[int, int]:
    spans = list(inside)

    def joins(token: Token) -> bool:
        word = token.lower_
        return (
            word in _PHRASE_CONNECTORS
            or word in COMPOUND_WORDS
            or word in ADJECTIVE_WORDS
            or token.text[:1].isupper()
            or any(s <= token.idx < e for s, e in spans)
        )

    end = trigger.end
    while end < sent.end and end - trigger.end < _MAX_PHRASE_RIGHT and joins(doc[end]):
        end += 1
    while end > trigger.end and doc[end - 1].lower_ in _PHRASE_CONNECTORS:
        end -= 1
    start = trigger.start
    while start > sent.start and trigger.start - start < _MAX_PHRASE_LEFT:
        token = doc[start - 1]
        if not (joins(token) or token.lower_ in PROSPECTIVE or token.lower_ in {"first"}):
            break
        start -= 1
    while start < trigger.start and doc[start].lower_ in _PHRASE_CONNECTORS:
        start += 1
    return start, end


def governing_verb(head: Token, sent: Span | None = None) -> Token | None:
    """The verb whose clause the trigger belongs to (None in a verbless sentence)."""
    token = head
    for _ in range(5):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in _VERBS:
            return token
    if token.head.i != token.i or token.pos_ in _VERBS:
        return None
    # A noun parsed as the root with the real verb hanging off it as a conjunct
    # ("La rencontre … a eu lieu": "eu" is conj of "rencontre") — the small model does that.
    conj = next((c for c in token.children if c.dep_ == "conj" and c.pos_ in _VERBS), None)
    if conj is not None or sent is None:
        return conj
    # A noun group parsed as a tree of its own before the verb's ("Une réunion du Conseil
    # OTAN|-Russie, la première depuis 2019, devrait avoir lieu …": two roots in one
    # sentence, ``_joined``): the group is the subject of the next root when it is a verb.
    after = token.right_edge.i + 1
    root = next((t for t in sent if t.i >= after and t.head.i == t.i), None)
    return root if root is not None and root.pos_ in _VERBS else None


def verb_cluster(verb: Token) -> set[int]:
    """The verb with its auxiliaries and infinitive complements ("devraient débuter")."""
    cluster = {verb.i}
    stack = [verb]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in ("xcomp", "aux", "aux:tense", "aux:pass", "cop"):
                cluster.add(child.i)
                stack.append(child)
    if verb.dep_ == "xcomp":
        cluster.add(verb.head.i)
    return cluster


def is_attached(doc: Doc, start_char: int, end_char: int, phrase: range, cluster: set[int]) -> bool:
    """True when a span hangs off the trigger's phrase or its verb (not another clause)."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(12):
        if token.i in phrase or token.i in cluster:
            return True
        if token.pos_ in _VERBS or token.head.i == token.i:
            return False
        token = token.head
    return False


def clause_tense(doc: Doc, verb: Token | None, sent: Span) -> Tense | None:
    """Tense of the trigger's clause, from morphology or, without it, from marker words."""
    if verb is not None and doc.has_annotation("MORPH"):
        return _morph_tense(doc, verb)
    words = {t.lower_ for t in sent}
    if words & FUTURE_WORDS:
        return "future"
    if words & PAST_WORDS:
        return "past"
    return None


def _morph_tense(doc: Doc, verb: Token) -> Tense:
    group = [doc[i] for i in sorted(verb_cluster(verb))]
    if any("Fut" in _feat(t, "Tense") or "Cnd" in _feat(t, "Mood") for t in group):
        return "future"
    if any(t.lower_ in PROSPECTIVE_VERBS for t in group):
        return "future"
    finite = [t for t in group if "Fin" in _feat(t, "VerbForm")]
    if any(_feat(t, "Tense") and _feat(t, "Tense")[0] in ("Past", "Imp") for t in finite):
        return "past"
    participle = any("Part" in _feat(t, "VerbForm") for t in group)
    if participle and finite and any(t.dep_.startswith("aux") for t in finite):
        return "past"
    return "present"


def _feat(token: Token, name: str) -> list[str]:
    return morph_values(token, name)


def is_secondary(doc: Doc, trigger: Trigger, phrase_start: int) -> bool:
    """A trigger announced or used as a reference point ("avant les prochaines pourparlers")."""
    window = doc[max(phrase_start - 2, 0) : trigger.end]
    return any(t.lower_ in PROSPECTIVE or t.lower_ in REFERENCE_PREPOSITIONS for t in window)


def subject_tokens(verb: Token) -> list[Token]:
    """The verb's subject, or its inverted subject ("a rappelé Stoltenberg")."""
    for child in verb.rights:
        inverted = child.i - verb.i <= 2 and child.dep_ in ("obj", "nsubj")
        if inverted and child.pos_ in ("PROPN", "NOUN") and child.text[:1].isupper():
            return [child]
    for holder in (verb, verb.head if verb.dep_ == "xcomp" else None):
        if holder is None:
            continue
        # All subject children: the parser sometimes splits "La reine Elizabeth" in two.
        subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subjects:
            return [t for subject in subjects for t in subject.subtree][:12]
    return []
