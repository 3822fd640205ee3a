"""Who said it: the speaker of a reporting verb or of "selon X", found in a Doc.

The dependency parse (nsubj of the reporting verb) is used when the pipeline has one;
proximity rules over tokens and entity mentions cover the rest, so the same code
works on a blank pipeline (English has no model installed).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.entities.types import EntityRef, MentionResult
from app.pipeline.doc_index import doc_text, token_starts
from app.pipeline.quotes.antecedents import Antecedents
from app.pipeline.quotes.bare_names import TITLES as _TITLES
from app.pipeline.quotes.bare_names import bare_name
from app.pipeline.quotes.gender import pronoun_gender
from app.pipeline.quotes.lexicon import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SOURCE_MARKERS,
    TIME_WORDS,
    VERB_GROUP_FILLERS,
    is_reporting_form,
    is_reporting_verb,
    words,
)

# Words that open a noun phrase naming a speaker ("le porte-parole", "a spokesman").
_DETERMINERS = words(
    "le la l' l’ les un une des son sa ses leur leurs ce cette the a an his her its their "
    "this that another one"
)
# Words that end a speaker noun phrase: what follows is circumstance, not the speaker.
_NP_STOPS = words(
    "à aux lors dans pendant devant après avant sur lundi mardi mercredi jeudi vendredi "
    "samedi dimanche hier to at in on during after before when while on monday tuesday "
    "wednesday thursday friday saturday sunday yesterday que qu' that"
)
_RELATIVES = frozenset({"qui", "who"})
_IMPERSONAL = frozenset({"on", "-on", "it"})
_PREPOSITIONS = frozenset({"à", "au", "aux", "to"})
_MAX_NP_TOKENS = 8
_AFTER_PREPOSITION = re.compile(r"\b(?:par|de|du|des|d'|d’|avec|pour|à|by|of|with|for)\s*$", re.I)
_OBJECT_CLITICS = words("l' l’ lui leur nous vous me m' m’ te t' t’ le la les")
_COMPLEMENT_LEAD = re.compile(r"(?:\b(?:de|du|des|of)\s+(?:la\s+|l'|the\s+)?|\bd')$")


@dataclass(frozen=True)
class Speaker:
    entity: EntityRef | None
    text: str
    start: int
    end: int


def _speaker_of(mention: MentionResult) -> Speaker:
    return Speaker(mention.entity, mention.text, mention.start, mention.end)


_SHORT_CLAUSE = 4  # "Il s'explique :", not "Il y a deux options :"


class Attributor:
    """Speaker lookups over one Doc and its resolved entity mentions."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[MentionResult],
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.quoted = list(quoted)
        self._mention_starts = [m.start for m in self.mentions]
        self._token_starts = token_starts(doc)
        # Names inside quotation marks are talked about, not speaking, and a name in capitals
        # signs the article or a photo ("PASCAL HOFER"): no pronoun antecedents.
        people = [
            m
            for m in self.mentions
            if m.entity.type == "PERSON"
            and not any(lo <= m.start < hi for lo, hi in quoted)
            and not (m.text.isupper() and " " in m.text)
        ]
        ants = Antecedents(doc, self.text, self.mentions, people, self._token_starts, quoted)
        self._antecedents, self.genders = ants, ants.genders  # whom "elle" can name
        self.has_parse = doc.has_annotation("DEP")
        # Without NER some names are no mention ("Smith said"): their text is the speaker.
        self.bare_names = not doc.has_annotation("ENT_IOB")

    # -- tokens and mentions -------------------------------------------------
    def tokens(self, lo: int, hi: int) -> list[Token]:
        """Tokens lying entirely inside ``[lo, hi)``."""
        first = bisect.bisect_left(self._token_starts, lo)
        out = []
        for tok in self.doc[first:]:
            if tok.idx + len(tok) > hi:
                break
            if not tok.is_space:
                out.append(tok)
        return out

    def mention_at(self, tok: Token) -> MentionResult | None:
        """The mention covering ``tok`` (None if it is not part of an entity)."""
        i = bisect.bisect_right(self._mention_starts, tok.idx) - 1
        if i >= 0 and self.mentions[i].start <= tok.idx < self.mentions[i].end:
            return self.mentions[i]
        return None

    def mentions_in(self, lo: int, hi: int) -> list[MentionResult]:
        first = bisect.bisect_left(self._mention_starts, lo)
        return [m for m in self.mentions[first:] if m.end <= hi]

    def last_person_before(self, offset: int, gender: str | None = None) -> MentionResult | None:
        """The person "il"/"she" at ``offset`` most likely refers to (``antecedents``)."""
        return self._antecedents.before(offset, gender)

    def reporting_verbs(self, lo: int, hi: int) -> list[Token]:
        return [t for t in self.tokens(lo, hi) if is_reporting_verb(t)]

    # -- speakers ------------------------------------------------------------
    def pronoun_speaker(self, tok: Token) -> Speaker:
        """A personal pronoun as speaker: the last PERSON named before it, if any."""
        surface = tok.text.lstrip("-")
        start = tok.idx + len(tok.text) - len(surface)
        if tok.lower_ in PERSON_PRONOUNS:
            antecedent = self.last_person_before(tok.idx, pronoun_gender(tok.text))
            if antecedent is not None:
                return Speaker(antecedent.entity, surface, start, start + len(surface))
        return Speaker(None, surface, start, start + len(surface))

    def speaker_of_verb(
        self, verb: Token, lo: int, hi: int, *, forward: bool = True
    ) -> Speaker | None:
        """The subject of a reporting verb inside ``[lo, hi)``: parse, then proximity."""
        if self.has_parse:
            for child in verb.children:
                if child.dep_.startswith("nsubj") and lo <= child.idx < hi:
                    found = self._speaker_from_subject(child, verb, lo, hi)
                    if found is not None:
                        return found
        found = self._subject_before(verb, lo)
        if found is None and forward:
            found = self._subject_after(verb, hi)
        if found is not None and found.entity is None and self._subject_elsewhere(verb, lo, hi):
            return None  # "l'Otan « … », a lancé des avions": an object, not an inverted subject
        return found

    def _subject_elsewhere(self, verb: Token, lo: int, hi: int) -> bool:
        """Whether the parse gives the verb a real subject outside the attribution window."""
        return self.has_parse and any(
            child.dep_.startswith("nsubj") and not child.is_punct and not lo <= child.idx < hi
            for child in verb.children
        )

    def clause_subject(self, lo: int, hi: int) -> Speaker | None:
        """The subject of a clause with no reporting verb ("X a lu sa déposition :")."""
        toks = self.tokens(lo, hi)
        if self.has_parse:
            roots = [t for t in toks if t.dep_ == "ROOT"]
            # The predicate may hang off a root the parser chose elsewhere ("Interrogé
            # hier, le maire X a été clair :": "clair" a clausal complement of "Interrogé").
            roots += [t for r in roots for t in r.children if t.dep_ in ("ccomp", "conj")]
            for root in roots:
                for child in root.children:
                    if child.dep_.startswith("nsubj") and lo <= child.idx < hi:
                        found = self._speaker_from_subject(child, root, lo, hi)
                        if found is not None:
                            return found
        if not toks:
            return None
        if toks[0].lower_ in PERSON_PRONOUNS and len(toks) <= _SHORT_CLAUSE:
            return self.pronoun_speaker(toks[0])  # "Il s'explique :" however it is parsed
        mention = self.mention_at(toks[0])
        if mention is None and toks[0].lower_ in _DETERMINERS:
            comma = next((t for t in toks[:_MAX_NP_TOKENS] if t.text == ","), None)
            mention = self._apposition(comma.idx, hi) if comma is not None else None
        return _speaker_of(mention) if mention is not None else None

    def _apposition(self, end: int, hi: int) -> MentionResult | None:
        """A PERSON set off by a comma right after ``end``: "la présidente, Claire Fermaut"."""
        rest = self.text[end:hi]
        gap = len(rest) - len(rest.lstrip(" ,\u00a0"))
        if "," not in rest[:gap]:
            return None
        named = self.mentions_in(end + gap, hi)
        if named and named[0].start == end + gap and named[0].entity.type == "PERSON":
            return named[0]
        return None

    def _speaker_from_subject(self, subj: Token, verb: Token, lo: int, hi: int) -> Speaker | None:
        if subj.is_punct:
            return None
        mention = self.mention_at(subj)
        if mention is not None:
            return _speaker_of(mention)
        if subj.lower_ in PERSON_PRONOUNS or subj.lower_ in PLURAL_PRONOUNS:
            return self.pronoun_speaker(subj)
        if subj.lower_ in _RELATIVES:
            antecedent = self.mention_at(verb.head) if verb.dep_ == "acl:relcl" else None
            return _speaker_of(antecedent) if antecedent is not None else None
        if subj.pos_ not in ("NOUN", "PROPN"):
            return None
        left, right = (
            max(subj.left_edge.idx, lo),
            min(subj.right_edge.idx + len(subj.right_edge), hi),
        )
        people = [
            m
            for m in self.mentions_in(left, right)
            if m.entity.type == "PERSON"
            and not _AFTER_PREPOSITION.search(self.text[left : m.start])
        ]  # not "l'album, produit par X", "le porte-parole de X"
        if people:  # "le chef du bloc, Jens Stoltenberg"
            return _speaker_of(people[0])
        right = self._hyphenated(right, hi)
        apposition = self._apposition(right, hi) or self._glued(right, hi)
        if apposition is not None:
            return _speaker_of(apposition)
        return self._noun_phrase(self.tokens(left, right))

    def _hyphenated(self, end: int, hi: int) -> int:
        """``end`` moved over the rest of a hyphenated word ("sénateur|-maire")."""
        while end < hi and self.text[end] == "-" and end + 1 < hi and self.text[end + 1].isalpha():
            rest = self.tokens(end + 1, hi)
            if not rest or rest[0].idx != end + 1:
                break
            end = rest[0].idx + len(rest[0])
        return end

    def _glued(self, end: int, hi: int) -> MentionResult | None:
        """A PERSON right after a role noun, with no comma: "le sénateur-maire Henri Lebrun"."""
        gap = len(self.text[end:hi]) - len(self.text[end:hi].lstrip(" \u00a0"))
        named = self.mentions_in(end + gap, hi)
        if gap and named and named[0].start == end + gap and named[0].entity.type == "PERSON":
            return named[0]
        return None

    def _subject_before(self, verb: Token, lo: int) -> Speaker | None:
        """Walk back from the verb over auxiliaries and adverbs to the subject."""
        before = self.tokens(lo, verb.idx)
        for pos in range(len(before) - 1, -1, -1):
            tok = before[pos]
            mention = self.mention_at(tok)
            if mention is not None and mention.start >= lo:
                if self._complement(mention):  # "le président de l'Assemblée nationale"
                    return self._noun_phrase_ending(before[: pos + 1])
                return _speaker_of(mention)
            if tok.lower_ in PERSON_PRONOUNS or tok.lower_ in PLURAL_PRONOUNS:
                return self.pronoun_speaker(tok)
            if tok.lower_ in _IMPERSONAL:
                return None
            if tok.lower_ in VERB_GROUP_FILLERS or tok.lower_ in TIME_WORDS:
                continue
            if (tok.lower_ in _OBJECT_CLITICS and pos == len(before) - 1) or (
                tok.lower_ in _OBJECT_CLITICS and before[pos + 1].lower_ in VERB_GROUP_FILLERS
            ):
                continue  # "X l'a rappelé", "X lui a dit"
            if tok.is_lower and len(tok) > 4 and tok.lower_.endswith("ly"):
                continue  # an English adverb: "The Kremlin has repeatedly said"
            if tok.text == ",":
                return self._subject_across_commas(before[:pos])
            if tok.is_punct or tok.lower_ in _RELATIVES:
                return None
            return self._noun_phrase_ending(before[: pos + 1]) or self._bare_name(
                before[: pos + 1], backward=True
            )
        return None

    def _complement(self, mention: MentionResult) -> bool:
        """Whether a name other than a person's completes a noun ("du Kremlin", "of NATO")."""
        if mention.entity.type == "PERSON":
            return False
        lead = self.text[max(0, mention.start - 8) : mention.start].lower().replace("’", "'")
        return bool(_COMPLEMENT_LEAD.search(lead))

    def _apposed_role(self, toks: list[Token]) -> bool:
        """ "le porte-parole" or, without a determiner, "chef d'état-major des armées"."""
        if not toks or len(toks) > _MAX_NP_TOKENS:
            return False
        if self._noun_phrase_ending(toks) is not None:
            return True
        verbal = self.has_parse and any(t.pos_ in ("VERB", "AUX") for t in toks)
        return toks[0].is_lower and toks[0].is_alpha and not toks[0].is_stop and not verbal

    def _subject_across_commas(self, toks: list[Token]) -> Speaker | None:
        """ "NP, X, a déclaré" or "X, NP, a déclaré": the person of the comma-set pair."""
        if not toks:
            return None
        last = self.mention_at(toks[-1])
        if last is not None and last.entity.type == "PERSON":
            return _speaker_of(last)
        commas = [i for i, t in enumerate(toks) if t.text == ","]
        if commas and self._apposed_role(toks[commas[-1] + 1 :]):
            before = self.mention_at(toks[commas[-1] - 1]) if commas[-1] > 0 else None
            if before is not None and before.entity.type == "PERSON":
                return _speaker_of(before)
        return None

    def _subject_after(self, verb: Token, hi: int) -> Speaker | None:
        """Inversion: "a déclaré vendredi le chef du bloc, Jens Stoltenberg"."""
        after = self.tokens(verb.idx + len(verb), hi)
        for pos, tok in enumerate(after[:6]):
            mention = self.mention_at(tok)
            if mention is not None:
                return _speaker_of(mention)
            if tok.lower_ in PERSON_PRONOUNS or tok.lower_ in PLURAL_PRONOUNS:
                return self.pronoun_speaker(tok)
            if tok.lower_ in TIME_WORDS or tok.lower_ in _TITLES or tok.lower_ in ("-t", "t"):
                continue
            if tok.lower_ in _PREPOSITIONS:  # "a déclaré à l'AFP Jean Dupont"
                named = [self.mention_at(t) for t in after[pos + 1 : pos + 6]]
                people = [m for m in named if m is not None and m.entity.type == "PERSON"]
                return _speaker_of(people[0]) if people else None
            if tok.lower_ in _DETERMINERS:
                return self._noun_phrase_with_apposition(after[pos:])
            return self._bare_name(after[pos:], backward=False)
        return None

    def _bare_name(self, toks: list[Token], *, backward: bool) -> Speaker | None:
        """A name no mention covers ("Smith" in '"…," Smith said'), without NER only."""
        found = bare_name(toks, backward=backward) if self.bare_names else None
        return Speaker(None, self.text[found[0] : found[1]], *found) if found else None

    def _noun_phrase_with_apposition(self, toks: list[Token]) -> Speaker | None:
        end = 0
        while end < len(toks) and end < _MAX_NP_TOKENS:
            tok = toks[end]
            inner_hyphen = (
                tok.text == "-" and end > 0 and not (tok.whitespace_ or toks[end - 1].whitespace_)
            )
            if inner_hyphen:  # "le sénateur-maire": one word split by the tokenizer
                end += 1
                continue
            if tok.is_punct or tok.lower_ in _NP_STOPS or is_reporting_form(tok.text):
                break
            end += 1
        people = [self.mention_at(t) for t in toks[:end]]
        person = next((m for m in people if m is not None and m.entity.type == "PERSON"), None)
        if person is not None:
            return _speaker_of(person)
        for tok in toks[end + 1 : end + 1 + _MAX_NP_TOKENS] if toks[end : end + 1] else []:
            if toks[end].text != "," or tok.is_punct:  # "son agent, l'avocat genevois X"
                break
            apposition = self.mention_at(tok)
            if apposition is not None and apposition.entity.type == "PERSON":
                return _speaker_of(apposition)
        return self._noun_phrase(toks[:end])

    def _noun_phrase_ending(self, toks: list[Token]) -> Speaker | None:
        """The determiner-led noun phrase that ends ``toks`` ("le porte-parole")."""
        for start in range(len(toks) - 1, max(-1, len(toks) - 1 - _MAX_NP_TOKENS), -1):
            tok = toks[start]
            if tok.is_punct:
                return None
            if tok.lower_ in _DETERMINERS and (start == 0 or toks[start - 1].is_punct):
                return self._noun_phrase(toks[start:])
        return None

    def _noun_phrase(self, toks: list[Token]) -> Speaker | None:
        if not toks or len(toks) > _MAX_NP_TOKENS or toks[0].lower_ not in _DETERMINERS:
            return None
        if any(t.text.startswith("-") for t in toks):
            return None  # verb clitics ("a-t-on"), not a noun phrase
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if len(toks) < 2:
            return None
        return Speaker(None, self.text[start:end], start, end)

    def source_speaker(self, lo: int, hi: int) -> Speaker | None:
        """The X of "selon X" / "d'après X" / "according to X" inside ``[lo, hi)``."""
        lower = self.text[lo:hi].lower()
        for marker in SOURCE_MARKERS:
            at = lower.find(marker)
            if at < 0 or (at > 0 and lower[at - 1].isalnum()):
                continue
            after = self.tokens(lo + at + len(marker), hi)
            return self._source_after(after)
        return None

    def _source_after(self, after: list[Token]) -> Speaker | None:
        for pos, tok in enumerate(after[:4]):
            mention = self.mention_at(tok)
            if mention is not None:
                return _speaker_of(mention)
            if tok.lower_ in ("lui", "elle", "him"):
                return self.pronoun_speaker(tok)
            if tok.lower_ in _DETERMINERS:
                return self._noun_phrase_with_apposition(after[pos:])
            if tok.lower_ not in _TITLES:
                return None
        return None
