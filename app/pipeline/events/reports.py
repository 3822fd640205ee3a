"""Cancelled and postponed: what a sentence reports about the event it names.

"La réunion du 12 janvier a été annulée", "les pourparlers, reportés à une date
ultérieure", "the summit was called off", "NATO postponed the meeting": the event's status
in the article's own time is ``cancelled`` / ``postponed``, whatever its date says.

Rules: a participle or noun of calling off (``CANCELLED``, ``POSTPONED``) in the event's
clause; not when negated ("n'a pas été annulée", "was not cancelled") nor when only
possible ("pourrait être reportée", "could be cancelled", "menace d'annuler") — the words
just before it decide.
"""

from __future__ import annotations

import re
from typing import Literal

CalledOff = Literal["cancelled", "postponed"]

CANCELLED = re.compile(
    r"\b(annul(?:é|ée|és|ées|ation)"
    r"|cancell?(?:ed|ation)|called off|scrapped)\b",
    re.IGNORECASE,
)
POSTPONED = re.compile(
    r"\b(report(?:é|ée|és|ées)|repouss(?:é|ée|és|ées)|ajourn(?:é|ée|és|ées|ement)"
    r"|postpone(?:d|ment)|put off|adjourned|delayed)\b",
    re.IGNORECASE,
)
# Just before the word: a negation or a mere possibility, and it is not reported done.
_NOT_DONE = re.compile(
    r"\b(pas|plus|jamais|ni|pourrai\w*|risqu\w*|menac\w*|envisag\w*|si|not|never|no|"
    r"could|may|might|would|should|threat\w*|if|whether|unless)\b[^.;:]{0,25}$|n['’]\s*\S*\s*$",
    re.IGNORECASE,
)


# Between a postponement and the date it moves the event to: "reportée au", "postponed to".
_MOVED_TO = re.compile(r"^\s*(?:au|à|a|jusqu['’]\s*(?:au|à)|to|until|till)\b", re.IGNORECASE)


def called_off(
    text: str, start: int, end: int, *, date_start: int, future: bool
) -> CalledOff | None:
    """``cancelled`` or ``postponed`` when ``text[start:end]`` (the event's clause) says so.

    An event dated by where it was moved to ("reportée au 20 janvier", "postponed to
    February") or told in the future ("Reportée depuis mars, la visite aura lieu le 14
    février") is rescheduled, not postponed: the event on that date still stands.
    """
    clause = text[start:end]
    found: list[tuple[int, CalledOff]] = []
    for pattern, status in ((CANCELLED, "cancelled"), (POSTPONED, "postponed")):
        for match in pattern.finditer(clause):
            before = clause[max(0, match.start() - 40) : match.start()]
            if _NOT_DONE.search(before):
                continue
            if status == "postponed":
                gap = text[start + match.end() : date_start]
                if future or (
                    date_start >= start + match.end() and _MOVED_TO.match(gap) and len(gap) < 15
                ):
                    continue
            found.append((match.start(), status))  # type: ignore[arg-type]
    return min(found)[1] if found else None
