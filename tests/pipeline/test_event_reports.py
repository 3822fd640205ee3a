"""Cancelled and postponed events, places found outside the event's sentence, and
evidence that reads as whole sentences (one sentence, hand-made mentions and dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.pipeline.events.reports import called_off
from app.pipeline.events.syntax import whole_sentence
from tests.pipeline.test_events import (
    BRUSSELS,
    GENEVA,
    NATO,
    RUSSIA,
    SEED,
    US,
    Case,
    _extract,
)

AFTER = dt.date(2022, 1, 11)  # published after the talks and the meeting were due


def _outline(case: Case) -> list[tuple[str, str, str, str | None]]:
    return [
        (e.type, e.date, e.status, e.location.name if e.location else None) for e in _extract(case)
    ]


CASES = [
    Case(
        "La réunion du Conseil OTAN-Russie prévue le 12 janvier à Bruxelles a été annulée.",
        (("OTAN", NATO), ("Russie", RUSSIA), ("Bruxelles", BRUSSELS)),
        (("le 12 janvier", "2022-01-12", "day"),),
        (),
        anchor=AFTER,
        id="fr-annulee",
    ),
    Case(
        "Les pourparlers américano-russes prévus le 10 janvier à Genève ont été reportés.",
        (("Genève", GENEVA),),
        (("le 10 janvier", "2022-01-10", "day"),),
        (),
        anchor=AFTER,
        id="fr-reportes",
    ),
    Case(
        "The NATO-Russia Council meeting in Brussels on January 12 has been postponed.",
        (("NATO", NATO), ("Russia", RUSSIA), ("Brussels", BRUSSELS)),
        (("January 12", "2022-01-12", "day"),),
        (),
        language="en",
        anchor=AFTER,
        id="en-postponed",
    ),
    Case(
        "The US-Russia talks in Geneva on January 10 were cancelled.",
        (("Russia", RUSSIA), ("Geneva", GENEVA)),
        (("January 10", "2022-01-10", "day"),),
        (),
        language="en",
        anchor=AFTER,
        id="en-cancelled",
    ),
]
OUTLINES = {
    "fr-annulee": [("meeting", "2022-01-12", "cancelled", "Brussels")],
    "fr-reportes": [("talks", "2022-01-10", "postponed", "Geneva")],
    "en-postponed": [("meeting", "2022-01-12", "postponed", "Brussels")],
    "en-cancelled": [("talks", "2022-01-10", "cancelled", "Geneva")],
}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cancelled_and_postponed_in_french_and_english(case: Case) -> None:
    assert _outline(case) == OUTLINES[case.id]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La réunion du 12 janvier a été annulée.", "cancelled"),
        ("The summit was called off.", "cancelled"),
        ("La réunion n'a pas été annulée.", None),
        ("NATO said the meeting was not cancelled.", None),
        ("Le sommet pourrait être reporté.", None),
        ("The talks could be postponed.", None),
        ("Les pourparlers auront lieu le 10 janvier.", None),
    ],
)
def test_called_off_reads_negation_and_possibility(text: str, expected: str | None) -> None:
    assert called_off(text, 0, len(text), date_start=len(text), future=False) == expected


def test_an_event_moved_to_its_date_is_rescheduled_not_postponed() -> None:
    text = "La réunion prévue le 12 janvier a été reportée au 20 janvier."
    moved, first = text.index("20 janvier"), text.index("12 janvier")
    assert called_off(text, 0, len(text), date_start=moved, future=False) is None
    assert called_off(text, 0, len(text), date_start=first, future=False) == "postponed"


def test_place_from_another_mention_of_the_same_event() -> None:
    text = (
        "Une réunion du Conseil OTAN-Russie aura lieu le 12 janvier.\n\n"
        "La réunion se tiendra à Bruxelles, au siège de l'Alliance."
    )
    case = Case(
        text,
        (("OTAN", NATO), ("Russie", RUSSIA), ("Bruxelles", BRUSSELS)),
        (("le 12 janvier", "2022-01-12", "day"),),
        (),
        anchor=dt.date(2022, 1, 9),
    )
    assert _outline(case) == [("meeting", "2022-01-12", "scheduled", "Brussels")]


def test_place_from_the_dateline() -> None:
    text = "BRUXELLES (Reuters) - Une réunion du Conseil OTAN-Russie aura lieu le 12 janvier."
    case = Case(
        text,
        (("BRUXELLES", BRUSSELS), ("OTAN", NATO), ("Russie", RUSSIA)),
        (("le 12 janvier", "2022-01-12", "day"),),
        (),
        anchor=dt.date(2022, 1, 9),
    )
    assert _outline(case) == [("meeting", "2022-01-12", "scheduled", "Brussels")]


def test_no_dateline_no_place() -> None:
    text = "Bruxelles attend. Une réunion du Conseil OTAN-Russie aura lieu le 12 janvier."
    case = Case(
        text,
        (("Bruxelles", BRUSSELS), ("OTAN", NATO), ("Russie", RUSSIA)),
        (("le 12 janvier", "2022-01-12", "day"),),
        (),
        anchor=dt.date(2022, 1, 9),
    )
    assert _outline(case) == [("meeting", "2022-01-12", "scheduled", None)]


def test_evidence_is_widened_to_the_sentence_the_parser_cut_at_a_dash() -> None:
    body = SEED.read_text(encoding="utf-8")
    start = body.index("– une accusation")
    end = body.index("conférence de presse.", start) + len("conférence de presse.")
    lo, hi = whole_sentence(body, start, end)
    assert body[lo:hi].startswith("Alors que l'Occident a mis en garde")
    assert body[lo:hi].endswith("lors de la conférence de presse.")
    whole = body.index("Une réunion du Conseil")
    assert whole_sentence(body, whole, body.index("12 janvier.") + 11) == (
        whole,
        body.index("12 janvier.") + 11,
    )


def test_us_participants_are_kept_when_called_off() -> None:
    (case,) = [c for c in CASES if c.id == "en-cancelled"]
    (event,) = _extract(case)
    assert {p.key for p in event.participants} >= {US.key, RUSSIA.key}
