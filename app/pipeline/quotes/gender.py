"""Grammatical gender: whom "elle", "la chanteuse" or "l'ancienne ministre" can name.

French marks gender on determiners, adjectives, participles and pronouns. A speaker phrase's
gender is read from its own words (spaCy's ``token.morph``, the pronoun itself); a person's
from what the text says of them, never from a list of first names:
- a courtesy title ("Mme Roux", "M. Roux");
- the noun phrase their name closes ("la chanteuse neuchâteloise Cindy Santos", "le
  producteur et musicien suisse David Wehren") or an apposition ("X, née …", "X, la juge");
- a participle or an adjective agreeing with them as subject ("X est arrivée", "X est sûre");
- "il"/"elle" taking them up when the sentence before names no one else.
A person with no mark, or with marks of both genders, puts no constraint.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from app.entities.types import MentionResult

MASC, FEM = "Masc", "Fem"
_PRONOUNS = {"il": MASC, "he": MASC, "elle": FEM, "she": FEM}
_TITLES = {
    "m.": MASC,
    "monsieur": MASC,
    "mr": MASC,
    "mr.": MASC,
    "mme": FEM,
    "mme.": FEM,
    "madame": FEM,
    "mlle": FEM,
    "mademoiselle": FEM,
    "mrs": FEM,
    "mrs.": FEM,
    "ms": FEM,
    "ms.": FEM,
}
# Determiners whose form does not show the gender of their noun ("l'", "son amie").
_UNMARKED_DETERMINERS = frozenset({"l'", "l’", "les", "son", "ses", "leur", "leurs", "des"})
_CONTRACTED = frozenset({"des", "du", "au", "aux"})  # a preposition and an article
_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "CCONJ", "NUM"})
_FEMININE_SUFFIXES = ("euse", "rice", "enne", "esse", "ière", "ante", "ente", "ette")
_AGREEING_AUX = frozenset({"aux:pass", "cop"})


def pronoun_gender(word: str) -> str | None:
    return _PRONOUNS.get(word.lower().lstrip("-"))


def _morph(tok: Token) -> str | None:
    found = tok.morph.get("Gender", [])
    return found[0] if len(found) == 1 and found[0] in (MASC, FEM) else None


def _participle(tok: Token) -> str | None:
    """A past participle's gender from its ending: every masculine singular one ends in
    é, i, u, s or t; the feminine adds an e ("arrivée", "assise", "venue")."""
    word = tok.lower_
    if word.endswith("e"):
        return FEM
    return MASC if word[-1:] in ("é", "i", "u", "s", "t") else None


def _noun(tok: Token) -> str | None:
    """A person noun's gender where its ending shows it: a masculine one ending in a
    consonant ("avocat", "producteur"), a feminine one with a feminine suffix ("chanteuse",
    "directrice", "présidente"); a noun in -e may be either ("ministre", "organiste")."""
    word, gender = tok.lower_, _morph(tok)
    if gender == MASC and not word.endswith(("e", "s")):
        return MASC
    return FEM if gender == FEM and word.endswith(_FEMININE_SUFFIXES) else None


def marked(tok: Token) -> str | None:
    """The gender a word shows on its face: a determiner that is not elided, an
    adjective, a past participle, a noun whose ending shows it."""
    if tok.pos_ == "DET":
        return None if tok.lower_ in _UNMARKED_DETERMINERS else _morph(tok)
    if "Part" in tok.morph.get("VerbForm", []):
        return _participle(tok)
    if tok.pos_ == "NOUN":
        return _noun(tok)
    return _morph(tok) if tok.pos_ == "ADJ" else None


def _one(genders: Iterable[str | None]) -> str | None:
    found = {g for g in genders if g is not None}
    return found.pop() if len(found) == 1 else None


def phrase_gender(tokens: Sequence[Token]) -> str | None:
    """The gender of a speaker phrase: "elle", "la chanteuse", "l'ancienne ministre" (up to
    its first preposition: "la directrice du musée" is not "musée")."""
    if len(tokens) == 1 and pronoun_gender(tokens[0].text):
        return pronoun_gender(tokens[0].text)
    head: list[Token] = []
    for tok in tokens:
        if tok.pos_ in ("ADP", "PUNCT") or (tok.pos_ == "DET" and head):
            break  # a complement: "le vice-ministre des Affaires étrangères"
        head.append(tok)
    return _one(marked(t) for t in head)


class Genders:
    """The gender the text gives each PERSON entity of one Doc (read on first use)."""

    def __init__(
        self, doc: Doc, people: Sequence[MentionResult], quoted: Sequence[tuple[int, int]]
    ) -> None:
        self.doc = doc
        self.people = people  # PERSON mentions that can be antecedents, sorted
        self.quoted = quoted  # a pronoun inside quotation marks has the speaker's view
        self._votes: dict[str, Counter[str]] | None = None

    def of(self, key: str) -> str | None:
        if self._votes is None:
            self._votes = self._read()
        votes = self._votes.get(key)
        if not votes or votes[MASC] == votes[FEM]:
            return None
        return MASC if votes[MASC] > votes[FEM] else FEM

    def agrees(self, mention: MentionResult, gender: str | None) -> bool:
        if gender is None:
            return True
        own = self.of(mention.entity.key)
        return own is None or own == gender

    def _read(self) -> dict[str, Counter[str]]:
        votes: dict[str, Counter[str]] = {}
        for m in self.people:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            count = votes.setdefault(m.entity.key, Counter())
            for g in (self._title(span), self._before(span), self._after(span)):
                if g is not None:
                    count[g] += 1
            g = self._agreement(span)
            if g is not None:
                count[g] += 1
        if self.doc.has_annotation("DEP"):
            self._pronouns(votes)
        return votes

    def _title(self, span: Span) -> str | None:
        first = span[0]
        before = self.doc[first.i - 1] if first.i > 0 else None
        for tok in (first, before):
            if tok is not None and tok.lower_ in _TITLES:
                return _TITLES[tok.lower_]
        return None

    def _before(self, span: Span) -> str | None:
        """ "la chanteuse neuchâteloise Cindy Santos": the noun phrase the name closes."""
        genders = []
        i = span.start - 1
        while i >= 0 and self.doc[i].pos_ in _PHRASE_POS and self.doc[i].pos_ != "PROPN":
            tok = self.doc[i]
            genders.append(marked(tok))
            if tok.pos_ == "DET":  # the phrase's own, not a complement's ("de l'Assemblée")
                own = tok.lower_ not in _CONTRACTED and (i == 0 or self.doc[i - 1].pos_ != "ADP")
                return _one(genders) if own else None
            if tok.text[:1].isupper():
                return None  # "… des Affaires étrangères Sergueï Riabkov": a complement's
            i -= 1
        return None

    def _after(self, span: Span) -> str | None:
        """ "X, née …", "X, la juge du tribunal, …": the first words of an apposition."""
        if span.end + 1 >= len(self.doc) or self.doc[span.end].text != ",":
            return None
        nxt = self.doc[span.end + 1]
        if nxt.pos_ == "DET" or "Part" in nxt.morph.get("VerbForm", []) or nxt.pos_ == "ADJ":
            return marked(nxt)
        return None

    def _agreement(self, span: Span) -> str | None:
        """ "X est arrivée", "X est sûre": a participle with être or a predicate adjective
        agreeing with the name as subject."""
        root = span.root
        if not root.dep_.startswith("nsubj"):
            return None
        head = root.head
        if not any(c.dep_ in _AGREEING_AUX or c.lemma_ == "être" for c in head.children):
            return None
        if head.pos_ == "ADJ" or "Part" in head.morph.get("VerbForm", []):
            return marked(head)
        return None

    def _pronouns(self, votes: dict[str, Counter[str]]) -> None:
        """ "Cindy Santos roule sur un pont. Elle immortalise …": a subject pronoun takes up
        the only person named in the sentence before (and none before it in its own)."""
        sents = list(self.doc.sents)
        for k, sent in enumerate(sents):
            for tok in sent:
                # a subject before its verb ("Elle immortalise"), not an inverted one: "»,
                # a-t-il affirmé" is the very attribution whose person is sought
                plain = tok.dep_.startswith("nsubj") and tok.i < tok.head.i
                g = pronoun_gender(tok.text) if plain and tok.text[:1] != "-" else None
                if g is None or k == 0 or any(lo <= tok.idx < hi for lo, hi in self.quoted):
                    continue
                if self._named(sent.start_char, tok.idx):
                    break
                named = self._named(sents[k - 1].start_char, sents[k - 1].end_char)
                rival = self._rival(sents[k - 1].start, tok.i, g)
                if len({m.entity.key for m in named}) == 1 and not rival:
                    votes.setdefault(named[0].entity.key, Counter())[g] += 1
                break

    def _rival(self, lo: int, hi: int, gender: str) -> bool:
        """Whether a noun of that gender, subject or object, could be what the pronoun takes
        up instead ("… juge que la cohabitation comporte trois inconvénients : elle …")."""
        for tok in self.doc[lo:hi]:
            argument = tok.dep_.split(":")[0] in ("nsubj", "obj")
            if tok.pos_ == "NOUN" and argument and _morph(tok) == gender:
                return True
        return False

    def _named(self, lo: int, hi: int) -> list[MentionResult]:
        return [m for m in self.people if lo <= m.start and m.end <= hi]
