"""The roles an article gives its people, and the person a role noun phrase names.

An article introduces a person with a role once — by apposition ("Jean Dupont,
l'ambassadeur de France à Moscou, …", "Daniel Lanquetin, maire, …"), or before the name
("le ministre des Affaires étrangères, Paul Martin", "le président Jacques Chirac") — and
then often names the speaker by the role alone ("a déclaré l'ambassadeur"). ``Roles``
records those introductions and resolves a nominal speaker to its person:
1. a person introduced with the same head noun ("le ministre" → "le ministre de la
   Défense Paul Martin"), the nearest before;
2. a demonstrative or definite description with no such person ("cette habitante du
   quartier", "le président socialiste de l'Assemblée nationale") → the last person named
   before it in the same paragraph, outside quotation marks (news style names a person,
   then describes them); an indefinite one ("un responsable") names no one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc

from app.entities.types import EntityRef, MentionResult
from app.pipeline.doc_index import doc_text, token_starts
from app.pipeline.quotes.lexicon import words

# Determiners that open a role before a name or in an apposition.
_DEFINITE = words("le la l' l’ les son sa ses leur the his her its their")
_DEMONSTRATIVE = words("ce cet cette ces this that")
_INDEFINITE = words("un une des a an another one")
# Determiners of a description that can name a person already in the article.
_NAMING = words("le la l' l’ les the ce cet cette ces this that")
_ADJECTIVES = words(
    "ancien ancienne nouveau nouvel nouvelle actuel actuelle futur future premier première "
    "jeune vieux vieil vieille former new deputy acting"
)
# Words that cannot be the head of a role: prepositions, pronouns, verbs' auxiliaries.
_NOT_HEADS = words(
    "de du des d' d’ à au aux en par pour avec sans sur sous dans chez of to in on at by for "
    "with qui que qu' il elle ils elles on est a été son sa ses et ou and or"
)
# A capitalised noun of inhabitants ("la Neuchâteloise", "l'Américain") describes a person.
_DEMONYM = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ-]+(?:ois|oise|ais|aise|ien|ienne|éen|éenne|ain|aine)")
_PREPOSITIONS = words("de du des à au aux en par pour sur of to for at in")
_ROLE_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüœ'’-]+")
_MAX_ROLE_WORDS = 10
_APPOSITION_END = ",.;:)"
_SPACES = " \u00a0\u202f\t"
_VERB_POS = frozenset({VERB, AUX})


@dataclass(frozen=True)
class Role:
    person: MentionResult
    text: str  # without its determiner: "ministre des Affaires étrangères"

    @property
    def head(self) -> str:
        return head_noun(self.text)


def _fold(word: str) -> str:
    """Gender and number folded: "présidente", "présidents" → "président"."""
    word = word.lower().replace("’", "'")
    for ending in ("es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def head_noun(role: str) -> str:
    """The folded head noun of a role ("ancien ministre de la culture" → "ministr")."""
    for word in role.split():
        if word.lower() in _ADJECTIVES or word[:1].isupper():
            continue
        return _fold(word)
    return ""


def _split_determiner(np: str) -> tuple[str, str]:
    """(determiner, rest) of a noun phrase: "l'ambassadeur" → ("l'", "ambassadeur")."""
    np = np.strip(_SPACES)
    lower = np.lower()
    for det in ("l'", "l’"):
        if lower.startswith(det):
            return det, np[len(det) :].strip(_SPACES)
    first, _, rest = np.partition(" ")
    if first.lower() in _DEFINITE | _DEMONSTRATIVE | _INDEFINITE:
        return first.lower(), rest.strip(_SPACES)
    return "", np


def _is_role(text: str, english: bool = False) -> bool:
    """Lower-case words of a noun phrase (capitalised names of places and bodies allowed
    after its head): "ministre de la Défense", "patron du camping de Bouzey"; in English a
    demonym may come first ("French ambassador"; in French a capital opens a name:
    "Commission européenne")."""
    tokens = text.split()
    if not tokens or len(tokens) > _MAX_ROLE_WORDS:
        return False
    at = next((i for i, t in enumerate(tokens) if t.lower() not in _ADJECTIVES), len(tokens))
    if english and at < len(tokens) and tokens[at][:1].isupper() and at + 1 < len(tokens):
        at += 1  # an English demonym before the noun: "French ambassador"
    head = tokens[at] if at < len(tokens) else ""
    return bool(_ROLE_WORD.fullmatch(head)) and head.lower() not in _NOT_HEADS


def role_text(np: str, english: bool = False) -> str | None:
    """The role of a speaker noun phrase without its determiner, if it is one."""
    det, rest = _split_determiner(np)
    return rest if det in _NAMING | _INDEFINITE and _is_role(rest, english) else None


class Roles:
    """The roles given to the PERSON mentions of one text (read on first use: most
    articles have no quote with a speaker to resolve)."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[MentionResult],
        quoted: Sequence[tuple[int, int]],
        given: Sequence[tuple[str, EntityRef]] = (),
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self._mentions = mentions
        self._quoted = quoted
        self._given = given  # (role, person) the article's body gives, for its title
        self.english = doc.lang_ == "en"

    def pairs(self) -> list[tuple[str, EntityRef]]:
        """(role, person) of every introduction, for the title read after the body."""
        return [(r.text, r.person.entity) for r in self.roles]

    def given(self, np: str) -> tuple[EntityRef, str] | None:
        """The one person the body introduced with the head noun of ``np`` and that role,
        when the title names its speaker by a role ("« … » – chef de l'OTAN")."""
        det, rest = _split_determiner(np)
        if det not in _NAMING | {""} or not _is_role(rest, self.english):
            return None
        head = head_noun(rest)
        same = {person.key: person for role, person in self._given if head_noun(role) == head}
        return (next(iter(same.values())), rest) if len(same) == 1 else None

    @cached_property
    def _starts(self) -> list[int]:
        return token_starts(self.doc)

    @cached_property
    def people(self) -> list[MentionResult]:
        return [
            m
            for m in self._mentions
            if m.entity.type == "PERSON" and not self._inside_quote(m.start)
        ]

    @cached_property
    def roles(self) -> list[Role]:
        return [
            Role(m, role)
            for m in self.people
            for role in (self._after(m), self._before(m))
            if role is not None
        ]

    def _has_verb(self, lo: int, hi: int) -> bool:
        if not self.doc.has_annotation("POS"):
            return False
        i = bisect.bisect_left(self._starts, lo)
        while i < len(self.doc) and self.doc[i].idx < hi:
            if self.doc[i].pos in _VERB_POS:
                return True
            i += 1
        return False

    def _inside_quote(self, offset: int) -> bool:
        return any(lo <= offset < hi for lo, hi in self._quoted)

    def _after(self, m: MentionResult) -> str | None:
        """ "X, le patron du camping de Bouzey, …" / "X, maire, …"."""
        rest = self.text[m.end : m.end + 160]
        if not rest.startswith(","):
            return None
        end = min((rest.find(c, 1) for c in _APPOSITION_END if rest.find(c, 1) > 0), default=-1)
        if end < 0 or "\n" in rest[:end]:
            return None
        det, role = _split_determiner(rest[1:end])
        if det == "a" and self.doc.lang_ != "en":
            return None  # French "a" is the verb: "X, a visité le chantier"
        if det in _DEMONSTRATIVE or not any(w[:1].islower() for w in role.split()[:2]):
            return None
        at = m.end + 1 + rest[1:end].find(role)
        return role if self._is_role_at(role, at) else None

    def _before(self, m: MentionResult) -> str | None:
        """ "le ministre de la Défense Paul Martin", "le porte-parole, Ari Fleischer"."""
        start = max(0, m.start - 160)
        window = self.text[start : m.start]
        start += max(window.rfind(c) for c in ".;:!?\n«»(") + 1
        stripped = self.text[start : m.start].rstrip(_SPACES).removesuffix(",")
        best = None
        previous = ""
        for word in re.finditer(r"\S+", stripped):
            lower, after = word.group().lower(), previous
            previous = lower
            if after in _PREPOSITIONS and best is not None:
                continue  # the complement of a role: "le directeur de l'usine"
            if lower[:2] in ("l'", "l’") and len(lower) > 2:
                at = word.start() + 2
            elif lower in _DEFINITE:
                at = word.end()
            else:
                continue
            role = stripped[at:].strip(_SPACES)
            if "," in role or not role[:1].islower() or not self._is_role_at(role, start + at):
                continue
            best = role  # the determiner nearest the name that still gives a role
        return best

    def _is_role_at(self, role: str, at: int) -> bool:
        """A role: a noun phrase without a verb, not led by a preposition or an adverb the
        parser sees ("lors d'un point presse"), naming no person of its own and no agent ("la
        délégation russe par le vice-ministre Sergueï Riabkov" is the next person's)."""
        if not _is_role(role, self.english) or self._has_verb(at, at + len(role)):
            return False
        if any(at <= p.start < at + len(role) for p in self.people):
            return False
        if "par" in role.lower().split():
            return False  # an agent ("la délégation russe [conduite] par le vice-ministre")
        i = bisect.bisect_left(self._starts, at)
        first = self.doc[i] if i < len(self.doc) and self.doc[i].idx == at else None
        return first is None or first.pos_ not in ("ADP", "ADV", "SCONJ")

    def role_of(self, key: str, before: int) -> str | None:
        """The role the article gave the entity ``key``: its nearest introduction before
        ``before`` (or its first), the longest wording of it."""
        given = [r for r in self.roles if r.person.entity.key == key]
        if not given:  # a title's speaker: the role the body gives them
            return max((role for role, p in self._given if p.key == key), key=len, default=None)
        earlier = [r for r in given if r.person.start <= before]
        nearest = (earlier or given)[-1 if earlier else 0].person.start
        return max((r.text for r in given if r.person.start == nearest), key=len)

    def introduced(self, np: str, at: int) -> bool:
        """Whether ``np`` is a definite description with the head noun of a role the article
        gave someone before ``at`` ("le préfet" after "le préfet des Vosges, X")."""
        det, rest = _split_determiner(np)
        head = head_noun(rest) if det in _NAMING and _is_role(rest, self.english) else ""
        return bool(head) and any(r.head == head and r.person.start < at for r in self.roles)

    def resolve(
        self,
        np: str,
        at: int,
        paragraph_start: int,
        antecedent: MentionResult | None = None,
        agrees: Callable[[MentionResult], bool] = lambda _: True,
    ) -> MentionResult | None:
        """The person a nominal speaker ("l'ambassadeur", "cette habitante") names, if any;
        ``antecedent`` is the person a pronoun at ``at`` would stand for (``antecedents``):
        a description, like a pronoun, takes up the subject rather than the last name.
        ``agrees``: whether a person's gender agrees with the phrase's ("la chanteuse" is
        not the man named last)."""
        det, rest = _split_determiner(np)
        demonym = np[:1].islower() and _DEMONYM.fullmatch(rest) is not None
        if det not in _NAMING or not rest or not (_is_role(rest, self.english) or demonym):
            return None  # "un responsable" names no one; "sa déposition" is someone's
        head = head_noun(rest)
        roles = [r for r in self.roles if head and r.head == head and agrees(r.person)]
        same = [r for r in roles if r.person.start < at]
        if same:
            return same[-1].person
        later = {r.person.entity.key for r in roles}
        if later:  # introduced later with this role: the one of them already named, if any
            named = [m for m in self.people if m.end <= at and m.entity.key in later]
            return named[-1] if named else None
        if antecedent is not None:
            return antecedent if paragraph_start <= antecedent.start else None
        named = [m for m in self.people if paragraph_start <= m.start and m.end <= at and agrees(m)]
        return named[-1] if named else None
