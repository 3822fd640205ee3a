"""Proper names found by rule, for documents without a NER model (English, blank pipelines).

A name is a run of capitalised words (particles "de", "van", "bin" inside; "al-Assad",
"Jean-Pierre", initials "J."), typed only when the text gives a cue — precision first:
- PERSON: a title before it ("Deputy Foreign Minister Alexander Grushko", "spokesman John
  Kirby", "Mr Smith"), a reporting verb with it as subject ("John Smith said", '", said John
  Smith'), an apposition ("John Smith, the bank's director,"), or the same name cued
  elsewhere in the article; a single word only after a title or as a cued person's surname;
- ORG: capitalised words ending with an organisation noun ("Foreign Ministry", "Ministry of
  Foreign Affairs", "Acme Holdings");
- anything else is dropped. Function titles stay out of the mention, courtesy titles in.
Lines in headline case ("NATO Chief Warns Russia") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.entities.kb import KnowledgeBase
from app.entities.names import fold
from app.pipeline.entities.cues import (
    MONTHS_AND_DAYS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    ORG_CONNECTORS,
    ORG_HEADS,
    PERSON_TITLES,
    SENTENCE_OPENERS,
    TITLE_MODIFIERS,
    apposition,
    eponym_before,
    function_words,
    rank_before,
    reporting_verb_after,
    reporting_verb_before,
)
from app.pipeline.entities.links import Candidate
from app.pipeline.entities.spans import honorific_before, sentence_initial
from app.pipeline.entities.words import ARTICLES
from app.pipeline.lexicon import is_common_word
from app.pipeline.quotes.lexicon import is_reporting_form

__all__ = ["find_proper_names"]

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-‑'’][^\W\d_]+)*")
_PREFIXED_RE = re.compile(r"([^\W\d_]+)[-‑'’]([^\W\d_])")
_GAPS = (" ", "\u00a0")
# More capitalised words than this is a title or a headline, not a person's name.
MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    kind: str  # "cap", "initial", "particle", "connector", "stop"
    possessive: bool = False  # "Stoltenberg's" ends a name

    @property
    def folded(self) -> str:
        return fold(self.text.rstrip("."))


def find_proper_names(text: str, *, kb: KnowledgeBase, language: str) -> list[Candidate]:
    """Cued person and organisation names in ``text``, as mention candidates in text order."""
    stop = function_words(language)
    lines = _prose_lines(text, stop)
    chains = [c for line in lines for c in _chains(_words(text, *line, stop), text)]
    found: list[Candidate] = []
    pending: list[list[_Word]] = []
    for chain in chains:
        named = _read_chain(chain, text, kb, language)
        found += named
        if not any(c.type == "PERSON" for c in named):
            pending.append(chain)
    people = {fold(c.name) for c in found if c.type == "PERSON"}
    surnames = {name.split()[-1] for name in people if " " in name}
    for chain in pending:
        found += _known_person(chain, text, people, surnames, found)
    return sorted(found, key=lambda c: (c.start, -c.end))


# -- words and chains --------------------------------------------------------------------


def _prose_lines(text: str, stop: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each line not written in headline case."""
    lines, start = [], 0
    for line in text.split("\n"):
        if not _headline_case(line, stop):
            lines.append((start, start + len(line)))
        start += len(line) + 1
    return lines


def _headline_case(line: str, stop: frozenset[str]) -> bool:
    """ "NATO Chief Warns Russia of Conflict Risk": no final stop, content words capitalised."""
    stripped = line.strip()
    if not stripped or stripped[-1] in '.!?"”»:;,':
        return False
    content = [w for w in _WORD_RE.findall(stripped) if fold(w) not in stop]
    capitalised = [w for w in content if w[0].isupper()]
    return len(content) >= 3 and len(capitalised) >= 0.75 * len(content)


def _words(text: str, lo: int, hi: int, stop: frozenset[str]) -> list[_Word]:
    out = []
    for match in _WORD_RE.finditer(text, lo, hi):
        surface, start, end = match.group(), match.start(), match.end()
        possessive = len(surface) > 2 and surface[-2:] in ("'s", "’s")
        if possessive:
            surface, end = surface[:-2], end - 2
        kind = _kind(surface, text, end, stop)
        if kind == "initial":
            surface, end = surface + ".", end + 1
        out.append(_Word(surface, start, end, kind, possessive))
    return out


def _kind(surface: str, text: str, end: int, stop: frozenset[str]) -> str:
    folded = fold(surface)
    if surface[0].isupper():
        if len(surface) == 1:
            return "initial" if text[end : end + 1] == "." else "stop"
        if surface.isupper() or (folded in MONTHS_AND_DAYS and not _may_be_name(folded, text, end)):
            return "stop"  # acronyms are the KB's; "Monday" is a date
        if folded in stop or is_reporting_form(surface):
            return "stop"
        return "cap"
    prefixed = _PREFIXED_RE.match(surface)
    if prefixed and fold(prefixed.group(1)) in NAME_PREFIXES and prefixed.group(2).isupper():
        return "cap"  # "al-Assad", "d'Estaing"
    if folded in NAME_PARTICLES:
        return "particle"
    return "connector" if folded in ORG_CONNECTORS else "stop"


def _may_be_name(folded: str, text: str, end: int) -> bool:
    """ "Theresa May" but not "May 5"."""
    return folded == "may" and not re.match(r"\s*\d", text[end : end + 3])


def _chains(words: list[_Word], text: str) -> list[list[_Word]]:
    """Runs of capitalised words, joined by single spaces, particles and connectors inside."""
    chains: list[list[_Word]] = []
    current: list[_Word] = []
    for word in words:
        if current and (current[-1].possessive or text[current[-1].end : word.start] not in _GAPS):
            chains.append(current)
            current = []
        if word.folded == "and" and not _joins_with_and(current):
            chains.append(current)  # "Mr Smith and Dr Jones" are two; "Affairs and Trade" one
            current = []
        elif word.kind in ("cap", "initial") or (current and word.kind != "stop"):
            current.append(word)
        else:
            chains.append(current)
            current = []
    chains.append(current)
    return [_trim_tail(c) for c in chains if _trim_tail(c)]


def _joins_with_and(chain: list[_Word]) -> bool:
    """ "Ministry of Foreign Affairs and Trade": "and" inside an "of" phrase of a body,
    not between two names ("Apple Inc and Microsoft Corp", "Mr Smith and Dr Jones")."""
    has_of = any(w.kind == "connector" and w.folded != "and" for w in chain)
    return has_of and bool(chain) and chain[-1].folded not in ORG_HEADS


def _trim_tail(chain: list[_Word]) -> list[_Word]:
    end = len(chain)
    while end and chain[end - 1].kind not in ("cap", "initial"):
        end -= 1
    return chain[:end]


# -- reading one chain ---------------------------------------------------------------------


def _titleish(word: _Word) -> bool:
    return word.folded in PERSON_TITLES or word.folded in TITLE_MODIFIERS


def _read_chain(chain: list[_Word], text: str, kb: KnowledgeBase, language: str) -> list[Candidate]:
    """The organisation and the person a chain names, if the text says what they are."""
    org_start, org_end = _organisation_span(chain)
    found = []
    org = chain[org_start:org_end]
    if org and org[0].folded in ARTICLES and sentence_initial(text, org[0].start):
        org = org[1:]  # "Le Ministère des Affaires étrangères" opening a sentence
    if len([w for w in org if w.kind == "cap"]) >= 2:
        found.append(Candidate(org[0].start, org[-1].end, "ORG", text[org[0].start : org[-1].end]))
    rest = chain[org_end:]
    split = len(rest)
    while split and not _titleish(rest[split - 1]):
        split -= 1
    if split == len(rest) and not all(_titleish(w) for w in rest):
        split = 0  # "Martin Luther King": a title word at the end belongs to the name
    titles = _trailing_titles(rest[:split])
    name = _person_words(rest[split:], text, kb, language)
    if name and (any(w.folded in PERSON_TITLES for w in titles) or _person_cue(name, text)):
        found.append(_person(name, text))
    return found


def _trailing_titles(prefix: list[_Word]) -> list[_Word]:
    """The title phrase that ends ``prefix``: "Deputy Foreign Minister"."""
    start = len(prefix)
    while start and _titleish(prefix[start - 1]):
        start -= 1
    return prefix[start:]


def _organisation_span(words: list[_Word]) -> tuple[int, int]:
    """Where an organisation name lies in a chain: up to its last organisation noun and any
    "of X" ("Ministry of Foreign Affairs", "Bank of England Governor" → "Bank of England")."""
    heads = [i for i, w in enumerate(words) if w.folded in ORG_HEADS and w.kind == "cap"]
    if not heads:
        return 0, 0
    # "Shares of Acme Holdings": the name starts after a connector before its first noun.
    joins = [i for i in range(heads[0]) if words[i].kind in ("connector", "particle")]
    begin = joins[-1] + 1 if joins else 0
    end = heads[-1] + 1
    while end < len(words) and words[end].kind in ("connector", "particle"):
        stop = end
        while stop < len(words) and words[stop].kind in ("connector", "particle"):
            stop += 1
        while stop < len(words) and words[stop].kind == "cap":
            if words[stop].folded in PERSON_TITLES:
                break
            stop += 1
        if stop == end or words[stop - 1].kind != "cap":
            break
        end = stop
    return begin, begin + len(_trim_tail(words[begin:end]))


def _person_words(name: list[_Word], text: str, kb: KnowledgeBase, language: str) -> list[_Word]:
    """The words of a person's name, or [] when they cannot be one."""
    while name and name[0].kind != "cap" and name[0].kind != "initial":
        name = name[1:]
    # A nationality is not part of a name ("Russian Alexander Grushko"), nor a sentence's
    # first word when it is a dictionary word.
    while len(name) > 1 and (
        _demonym(name[0], kb)
        or (sentence_initial(text, name[0].start) and _common(name[0], language))
    ):
        name = name[1:]
    caps = [w for w in name if w.kind == "cap"]
    if not caps or len(caps) > MAX_NAME_WORDS or any(w.kind == "connector" for w in name):
        return []
    if any(w.folded in ORG_HEADS for w in caps):
        return []
    return name


def _demonym(word: _Word, kb: KnowledgeBase) -> bool:
    return kb.stem(word.text) is not None and kb.lookup(word.text) is None


def _common(word: _Word, language: str) -> bool:
    """A dictionary word, or (English has no dictionary here) an adverb or a plural noun."""
    folded = word.folded
    if folded in SENTENCE_OPENERS or (len(folded) >= 6 and folded.endswith("ly")):
        return True
    return is_common_word(word.text, language)


def _person_cue(name: list[_Word], text: str) -> bool:
    """Whether the text around a name says it is a person's (a single word needs a title)."""
    start, end = name[0].start, name[-1].end
    if honorific_before(text, start) != start or rank_before(text, start):
        return True
    if len(name) == 1 and eponym_before(text, start):
        return True  # "le plan Marshall": one word, the person a plan is named after
    if len([w for w in name if w.kind == "cap"]) < 2:
        return False
    return (
        reporting_verb_after(text, start, end)
        or reporting_verb_before(text, start)
        or apposition(text, start, end)
    )


def _person(name: list[_Word], text: str) -> Candidate:
    start = name[0].start
    start = honorific_before(text, start)  # "Mr Smith", "M. Dupont": the courtesy title stays
    return Candidate(start, name[-1].end, "PERSON", text[start : name[-1].end])


def _known_person(
    chain: list[_Word], text: str, people: set[str], surnames: set[str], found: list[Candidate]
) -> list[Candidate]:
    """An uncued chain that is a person named elsewhere: "Stoltenberg", "Jens Stoltenberg"."""
    taken = [(c.start, c.end) for c in found]
    for size in range(min(len(chain), MAX_NAME_WORDS), 0, -1):
        for first in range(len(chain) - size + 1):
            words = chain[first : first + size]
            if words[0].kind != "cap" or words[-1].kind != "cap":
                continue
            if size == 1 and words[0].folded in MONTHS_AND_DAYS:
                continue  # "Theresa May" is no reason to make "in May" a person
            name = fold(" ".join(w.text for w in words))
            if name not in people and not (size == 1 and name in surnames):
                continue
            start, end = words[0].start, words[-1].end
            if any(s < end and start < e for s, e in taken):
                continue
            start = honorific_before(text, start)
            return [Candidate(start, end, "PERSON", text[start:end])]
    return []
