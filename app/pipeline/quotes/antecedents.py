"""What "il"/"elle"/"he"/"she" stands for: the person a pronoun speaker refers to.

The last PERSON named before the pronoun, outside quotation marks (a name inside a quote
is talked about), with two corrections from the syntax:
- a name in a list ("Jessica, Jennifer et Nadia") is no antecedent of a singular pronoun:
  it stands for an unnamed one of them;
- when the sentence of that name has a person as its subject, the subject wins ("Le
  président X est arrivé avec son épouse Y. Il …" → X).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from app.entities.types import MentionResult
from app.pipeline.quotes.gender import Genders

# A conjunction between two names makes them a list ("X, Y et Z"); a comma alone may
# be an apposition ("l'avocate de Bernard, Alexandra Michel").
_COORDINATION = re.compile(r",?\s+(?:et|and|ou|or)\s+")


class Antecedents:
    def __init__(
        self,
        doc: Doc,
        text: str,
        mentions: Sequence[MentionResult],
        people: Sequence[MentionResult],
        token_starts: Sequence[int],
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.doc, self.text = doc, text
        self.mentions = mentions  # sorted by start
        self._mention_starts = [m.start for m in mentions]
        self.people = people  # PERSON mentions outside quotes, sorted
        self._people_ends = [m.end for m in people]
        self._token_starts = token_starts
        self._has_parse = doc.has_annotation("DEP")
        self.genders = Genders(doc, people, quoted)

    def before(self, offset: int, gender: str | None = None) -> MentionResult | None:
        """The person a pronoun at ``offset`` most likely refers to, if any: the last one
        whose gender agrees with ``gender`` (``gender``; None: any)."""
        i = bisect.bisect_right(self._people_ends, offset)
        agreeing = [m for m in self.people[:i] if self.genders.agrees(m, gender)]
        if not agreeing:
            return None
        last = agreeing[-1]
        if self._in_list(last):
            return None
        return self._subject_of_sentence(last, agreeing) or last

    def _in_list(self, last: MentionResult) -> bool:
        k = bisect.bisect_left(self._mention_starts, last.start)
        before = self.mentions[k - 1] if k > 0 else None
        if before is not None and _COORDINATION.fullmatch(self.text[before.end : last.start]):
            return True  # "…, Jennifer et Nadia": the last of a list
        for a, b in zip(self.mentions[k:], self.mentions[k + 1 :], strict=False):
            gap = self.text[a.end : b.start]
            if _COORDINATION.fullmatch(gap):
                return True  # "Jessica, Jennifer et Nadia": one of a list
            if gap.strip() != ",":
                break
        return False

    def _subject_of_sentence(
        self, last: MentionResult, before: Sequence[MentionResult]
    ) -> MentionResult | None:
        if not self._has_parse:
            return None
        sent = self._token_at(last.start).sent
        for m in reversed([m for m in before if m.start >= sent.start_char]):
            tok = self._token_at(m.start)
            if any(t.dep_.startswith("nsubj") for t in (tok, tok.head)):
                return m
        return None

    def _token_at(self, offset: int) -> Token:
        return self.doc[max(0, bisect.bisect_right(self._token_starts, offset) - 1)]
