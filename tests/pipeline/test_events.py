"""Golden tests of event extraction: one sentence, hand-made mentions and dates, exact events."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.entities.types import EntityRef, MentionResult
from app.pipeline.events.extract import event_key, extract_events, same_event
from app.pipeline.events.parties import compound_parts
from app.pipeline.ingest.clean import clean_plain_text
from app.pipeline.nlp import parse
from app.pipeline.types import DateResult, EventResult
from tests.conftest import SEED_FILE

ROOT = Path(__file__).resolve().parents[2]


SEED = SEED_FILE
ANCHOR = dt.date(2022, 1, 7)  # the reference article's publication date, a Friday


def _ref(key: str, name: str, kind: str) -> EntityRef:
    return EntityRef(key=key, name=name, type=kind)  # type: ignore[arg-type]


NATO = _ref("wikidata:Q7184", "NATO", "ORG")
RUSSIA = _ref("iso3166:RU", "Russia", "LOC")
US = _ref("iso3166:US", "United States", "LOC")
CHINA = _ref("iso3166:CN", "China", "LOC")
FRANCE = _ref("iso3166:FR", "France", "LOC")
POLAND = _ref("iso3166:PL", "Poland", "LOC")
UKRAINE = _ref("iso3166:UA", "Ukraine", "LOC")
NEW_CALEDONIA = _ref("iso3166:NC", "New Caledonia", "LOC")
GENEVA = _ref("geonames:2660646", "Geneva", "LOC")
BRUSSELS = _ref("geonames:2800866", "Brussels", "LOC")
PARIS = _ref("geonames:2988507", "Paris", "LOC")
KABUL = _ref("geonames:1138958", "Kabul", "LOC")
KYIV = _ref("geonames:703448", "Kyiv", "LOC")
VIENNA = _ref("geonames:2761369", "Vienna", "LOC")
WASHINGTON = _ref("geonames:4140963", "Washington", "LOC")
MOSCOW = _ref("geonames:524901", "Moscow", "LOC")
EUROPE = _ref("name:LOC:europe", "Europe", "LOC")
STOLTENBERG = _ref("name:PERSON:jens stoltenberg", "Jens Stoltenberg", "PERSON")
MACRON = _ref("wikidata:Q3052772", "Emmanuel Macron", "PERSON")
SARKOZY = _ref("wikidata:Q329", "Nicolas Sarkozy", "PERSON")
PUTIN = _ref("wikidata:Q7747", "Vladimir Putin", "PERSON")
BIDEN = _ref("wikidata:Q6279", "Joe Biden", "PERSON")
SCHOLZ = _ref("wikidata:Q61053", "Olaf Scholz", "PERSON")
CGT = _ref("wikidata:Q1060373", "CGT", "ORG")
SNCF = _ref("wikidata:Q13224", "SNCF", "ORG")
KREMLIN = _ref("name:ORG:kremlin", "Kremlin", "ORG")
COUNCIL = _ref("name:ORG:nato-russia council", "NATO-Russia Council", "ORG")


@dataclass(frozen=True)
class Expected:
    type: str
    title: str
    date: str
    status: str
    location: str | None
    participants: tuple[str, ...]
    related: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    granularity: str = "day"


@dataclass(frozen=True)
class Case:
    text: str
    mentions: tuple[tuple[str, EntityRef], ...]
    dates: tuple[tuple[str, str, str], ...]  # (text, value, granularity)
    expected: tuple[Expected, ...]
    language: str = "fr"
    anchor: dt.date | None = ANCHOR
    id: str = field(default="", compare=False)


def _mentions(text: str, pairs: tuple[tuple[str, EntityRef], ...]) -> list[MentionResult]:
    found = []
    for surface, entity in pairs:
        start = text.index(surface)
        found.append(MentionResult(surface, start, start + len(surface), entity))
    return found


def _dates(text: str, triples: tuple[tuple[str, str, str], ...]) -> list[DateResult]:
    found = []
    for surface, value, granularity in triples:
        start = text.index(surface)
        found.append(DateResult(surface, start, start + len(surface), value, granularity))
    return found


def _summary(event: EventResult) -> Expected:
    return Expected(
        type=event.type,
        title=event.title,
        date=event.date,
        status=event.status,
        location=event.location.name if event.location else None,
        participants=tuple(p.name for p in event.participants),
        related=tuple(r.name for r in event.related),
        notes=event.notes,
        granularity=event.granularity,
    )


def _extract(case: Case) -> list[EventResult]:
    return extract_events(
        parse(case.text, case.language),
        mentions=_mentions(case.text, case.mentions),
        dates=_dates(case.text, case.dates),
        anchor=case.anchor,
        language=case.language,
    )


FRENCH = [
    Case(
        "Les pourparlers américano-russes devraient débuter à Genève le 10 janvier.",
        (("Genève", GENEVA),),
        (("le 10 janvier", "2022-01-10", "day"),),
        (
            Expected(
                "talks",
                "Pourparlers américano-russes à Genève",
                "2022-01-10",
                "scheduled",
                "Geneva",
                ("United States", "Russia"),
            ),
        ),
        id="compound-participants-and-place",
    ),
    Case(
        "Une réunion du Conseil OTAN-Russie, la première depuis 2019, devrait avoir lieu "
        "le 12 janvier.",
        (("Conseil OTAN-Russie", COUNCIL),),
        (("2019", "2019", "year"), ("le 12 janvier", "2022-01-12", "day")),
        (
            Expected(
                "meeting",
                "Réunion du Conseil OTAN-Russie",
                "2022-01-12",
                "scheduled",
                None,
                ("NATO", "Russia"),
                ("NATO-Russia Council",),
                ("la première depuis 2019",),
            ),
        ),
        id="council-related-note-and-reference-date",
    ),
    Case(
        "Emmanuel Macron effectuera une visite en Chine le 5 avril.",
        (("Emmanuel Macron", MACRON), ("Chine", CHINA)),
        (("le 5 avril", "2022-04-05", "day"),),
        (
            Expected(
                "visit",
                "Visite d'Emmanuel Macron en Chine",
                "2022-04-05",
                "scheduled",
                "China",
                ("Emmanuel Macron",),
            ),
        ),
        id="subject-participant-country-place",
    ),
    Case(
        "Le sommet de l'OTAN s'est tenu à Bruxelles le 14 juin 2021.",
        (("OTAN", NATO), ("Bruxelles", BRUSSELS)),
        (("le 14 juin 2021", "2021-06-14", "day"),),
        (
            Expected(
                "summit",
                "Sommet de l'OTAN à Bruxelles",
                "2021-06-14",
                "past",
                "Brussels",
                ("NATO",),
            ),
        ),
        id="past-summit",
    ),
    Case(
        "L'élection présidentielle française aura lieu le 10 avril.",
        (),
        (("le 10 avril", "2022-04-10", "day"),),
        (
            Expected(
                "election",
                "Élection présidentielle française",
                "2022-04-10",
                "scheduled",
                None,
                ("France",),
            ),
        ),
        id="nationality-adjective",
    ),
    Case(
        "Les négociations entre Washington et Moscou reprendront lundi 10 janvier à Genève.",
        (("Washington", WASHINGTON), ("Moscou", MOSCOW), ("Genève", GENEVA)),
        (("lundi 10 janvier", "2022-01-10", "day"),),
        (
            Expected(
                "talks",
                "Négociations entre Washington et Moscou à Genève",
                "2022-01-10",
                "scheduled",
                "Geneva",
                ("Washington", "Moscow"),
            ),
        ),
        id="between-x-and-y",
    ),
    Case(
        "Jens Stoltenberg a tenu une conférence de presse le 7 janvier.",
        (("Jens Stoltenberg", STOLTENBERG),),
        (("le 7 janvier", "2022-01-07", "day"),),
        (
            Expected(
                "press_conference",
                "Conférence de presse de Jens Stoltenberg",
                "2022-01-07",
                "past",
                None,
                ("Jens Stoltenberg",),
            ),
        ),
        id="same-day-past-tense-is-past",
    ),
    Case(
        "Un attentat a fait 13 morts à Kaboul le 26 août 2021.",
        (("Kaboul", KABUL),),
        (("le 26 août 2021", "2021-08-26", "day"),),
        (Expected("attack", "Attentat à Kaboul", "2021-08-26", "past", "Kabul", ()),),
        id="place-only",
    ),
    Case(
        "La CGT appelle à une grève le 27 janvier.",
        (("CGT", CGT),),
        (("le 27 janvier", "2022-01-27", "day"),),
        (Expected("strike", "Grève de la CGT", "2022-01-27", "scheduled", None, ("CGT",)),),
        id="strike-subject",
    ),
    Case(
        "Le référendum en Nouvelle-Calédonie s'est tenu le 12 décembre 2021.",
        (("Nouvelle-Calédonie", NEW_CALEDONIA),),
        (("le 12 décembre 2021", "2021-12-12", "day"),),
        (
            Expected(
                "vote",
                "Référendum en Nouvelle-Calédonie",
                "2021-12-12",
                "past",
                "New Caledonia",
                (),
            ),
        ),
        id="vote-hyphenated-place-is-not-a-compound",
    ),
    Case(
        "Le procès de Nicolas Sarkozy s'ouvrira le 17 mars à Paris.",
        (("Nicolas Sarkozy", SARKOZY), ("Paris", PARIS)),
        (("le 17 mars", "2022-03-17", "day"),),
        (
            Expected(
                "trial",
                "Procès de Nicolas Sarkozy à Paris",
                "2022-03-17",
                "scheduled",
                "Paris",
                ("Nicolas Sarkozy",),
            ),
        ),
        id="trial",
    ),
    Case(
        "L'OTAN tiendra un sommet extraordinaire en ligne le 20 janvier.",
        (("OTAN", NATO),),
        (("le 20 janvier", "2022-01-20", "day"),),
        (
            Expected(
                "summit",
                "Sommet extraordinaire de l'OTAN",
                "2022-01-20",
                "scheduled",
                None,
                ("NATO",),
                (),
                ("extraordinaire", "en ligne"),
            ),
        ),
        id="notes-extraordinary-online",
    ),
    Case(
        "La rencontre entre Vladimir Poutine et Joe Biden a eu lieu à Genève le 16 juin 2021.",
        (("Vladimir Poutine", PUTIN), ("Joe Biden", BIDEN), ("Genève", GENEVA)),
        (("le 16 juin 2021", "2021-06-16", "day"),),
        (
            Expected(
                "meeting",
                "Rencontre entre Vladimir Poutine et Joe Biden à Genève",
                "2021-06-16",
                "past",
                "Geneva",
                ("Vladimir Putin", "Joe Biden"),
            ),
        ),
        id="meeting-between-two-people",
    ),
    Case(
        "La grève des contrôleurs de la SNCF est prévue le 3 février.",
        (("SNCF", SNCF),),
        (("le 3 février", "2022-02-03", "day"),),
        (
            Expected(
                "strike",
                "Grève des contrôleurs de la SNCF",
                "2022-02-03",
                "scheduled",
                None,
                ("SNCF",),
            ),
        ),
        id="entity-inside-phrase",
    ),
    Case(
        "Les élections législatives auront lieu en juin 2022 en France.",
        (("France", FRANCE),),
        (("en juin 2022", "2022-06", "month"),),
        (
            Expected(
                "election",
                "Élections législatives en France",
                "2022-06",
                "scheduled",
                "France",
                (),
                granularity="month",
            ),
        ),
        id="month-precision",
    ),
    Case(
        "Reportée depuis le 3 mars, la visite d'Olaf Scholz à Kiev aura lieu le 14 février.",
        (("Olaf Scholz", SCHOLZ), ("Kiev", KYIV)),
        (("le 3 mars", "2022-03-03", "day"), ("le 14 février", "2022-02-14", "day")),
        (
            Expected(
                "visit",
                "Visite d'Olaf Scholz à Kiev",
                "2022-02-14",
                "scheduled",
                "Kyiv",
                ("Olaf Scholz",),
            ),
        ),
        id="depuis-date-is-not-the-event-date",
    ),
    Case(
        "L'OTAN a tenu vendredi une réunion extraordinaire.\n\n"
        "Jens Stoltenberg a répondu aux journalistes lors de la conférence de presse.",
        (("OTAN", NATO), ("Jens Stoltenberg", STOLTENBERG)),
        (("vendredi", "2022-01-07", "day"),),
        (
            Expected(
                "meeting",
                "Réunion extraordinaire de l'OTAN",
                "2022-01-07",
                "past",
                None,
                ("NATO",),
                (),
                ("extraordinaire",),
            ),
            Expected(
                "press_conference",
                "Conférence de presse de Jens Stoltenberg",
                "2022-01-07",
                "past",
                None,
                ("Jens Stoltenberg",),
            ),
        ),
        id="past-event-takes-previous-paragraph-date",
    ),
    Case(
        "Les pourparlers américano-russes devraient débuter à Genève le 10 janvier.",
        (("Genève", GENEVA),),
        (("le 10 janvier", "XXXX-01-10", "day"),),
        (
            Expected(
                "talks",
                "Pourparlers américano-russes à Genève",
                "XXXX-01-10",
                "scheduled",
                "Geneva",
                ("United States", "Russia"),
            ),
        ),
        anchor=None,
        id="no-anchor-conditional-is-scheduled",
    ),
    Case(
        "Le sommet de l'OTAN s'est tenu à Bruxelles le 14 juin.",
        (("OTAN", NATO), ("Bruxelles", BRUSSELS)),
        (("le 14 juin", "XXXX-06-14", "day"),),
        (
            Expected(
                "summit",
                "Sommet de l'OTAN à Bruxelles",
                "XXXX-06-14",
                "past",
                "Brussels",
                ("NATO",),
            ),
        ),
        anchor=None,
        id="no-anchor-past-tense-is-past",
    ),
]

NEGATIVE = [
    Case("Les négociations sur le nucléaire iranien restent difficiles.", (), (), (), id="no-date"),
    Case(
        "Une réunion aura lieu le 15 janvier.",
        (),
        (("le 15 janvier", "2022-01-15", "day"),),
        (),
        id="no-participant-no-place",
    ),
    Case(
        "Le Kremlin a annoncé une réunion le 15 janvier.",
        (("Kremlin", KREMLIN),),
        (("le 15 janvier", "2022-01-15", "day"),),
        (),
        id="announcer-is-not-a-participant",
    ),
    Case(
        "Des diplomates de l'OTAN se sont réunis avant les prochaines pourparlers "
        "américano-russes.",
        (("OTAN", NATO),),
        (),
        (),
        id="undated-announced-talks",
    ),
    Case(
        "Les diplomates ont parlé vendredi.\n\nIls préparent les prochaines pourparlers "
        "américano-russes.",
        (),
        (("vendredi", "2022-01-07", "day"),),
        (),
        id="announced-event-never-takes-context-date",
    ),
    Case(
        "Le Premier ministre, Armen Darbinian, a démissionné à la suite des élections "
        "législatives du 30 mai.",
        (("Armen Darbinian", _ref("name:PERSON:armen darbinian", "Armen Darbinian", "PERSON")),),
        (("30 mai", "1999-05-30", "day"),),
        (),
        anchor=dt.date(1999, 6, 1),
        id="circumstance-subject-is-not-a-participant",
    ),
    Case("The talks were difficult.", (), (), (), language="en", id="en-no-date"),
]

ENGLISH = [
    Case(
        "US-Russia talks will be held in Geneva on January 10.",
        (("US", US), ("Russia", RUSSIA), ("Geneva", GENEVA)),
        (("January 10", "2022-01-10", "day"),),
        (
            Expected(
                "talks",
                "US-Russia talks in Geneva",
                "2022-01-10",
                "scheduled",
                "Geneva",
                ("United States", "Russia"),
            ),
        ),
        language="en",
        id="en-talks",
    ),
    Case(
        "NATO will hold an extraordinary summit in Brussels on March 24.",
        (("NATO", NATO), ("Brussels", BRUSSELS)),
        (("March 24", "2022-03-24", "day"),),
        (
            Expected(
                "summit",
                "NATO summit in Brussels",
                "2022-03-24",
                "scheduled",
                "Brussels",
                ("NATO",),
                (),
                ("extraordinary",),
            ),
        ),
        language="en",
        id="en-summit",
    ),
    Case(
        "Joe Biden's visit to Poland is scheduled for March 25.",
        (("Joe Biden", BIDEN), ("Poland", POLAND)),
        (("March 25", "2022-03-25", "day"),),
        (
            Expected(
                "visit",
                "Visit by Joe Biden to Poland",
                "2022-03-25",
                "scheduled",
                "Poland",
                ("Joe Biden",),
            ),
        ),
        language="en",
        id="en-visit",
    ),
    Case(
        "The presidential election took place on April 10 in France.",
        (("France", FRANCE),),
        (("April 10", "2021-04-10", "day"),),
        (
            Expected(
                "election", "Presidential election in France", "2021-04-10", "past", "France", ()
            ),
        ),
        language="en",
        id="en-election",
    ),
]


@pytest.mark.parametrize("case", FRENCH + NEGATIVE + ENGLISH, ids=lambda c: c.id)
def test_golden_sentences(case: Case) -> None:
    assert tuple(_summary(e) for e in _extract(case)) == case.expected


def test_event_keeps_its_sentence_and_offsets() -> None:
    text = "Le marché était calme. Le sommet de l'OTAN s'est tenu à Bruxelles le 14 juin 2021."
    case = Case(
        text, (("OTAN", NATO), ("Bruxelles", BRUSSELS)), (("le 14 juin", "2021-06-14", "day"),), ()
    )
    (event,) = _extract(case)
    assert event.evidence == "Le sommet de l'OTAN s'est tenu à Bruxelles le 14 juin 2021."
    assert text[event.start : event.end] == event.evidence
    assert event.trigger == "sommet"


def test_one_event_named_twice_in_an_article_is_kept_once() -> None:
    text = (
        "Les pourparlers américano-russes auront lieu à Genève le 10 janvier.\n\n"
        "Les pourparlers de Genève avec la Russie débuteront le 10 janvier."
    )
    case = Case(
        text,
        (("Genève", GENEVA), ("Russie", RUSSIA)),
        (("le 10 janvier", "2022-01-10", "day"),),
        (),
    )
    mentions = _mentions(text, case.mentions)
    second_geneva = text.index("Genève", text.index("\n"))
    mentions.append(MentionResult("Genève", second_geneva, second_geneva + 6, GENEVA))
    second_date = text.index("le 10 janvier", text.index("\n"))
    dates = _dates(text, case.dates)
    dates.append(DateResult("le 10 janvier", second_date, second_date + 13, "2022-01-10", "day"))
    (event,) = extract_events(parse(text, "fr"), mentions=mentions, dates=dates, anchor=ANCHOR)
    assert event.evidence.startswith("Les pourparlers américano-russes")
    assert event.participants == (US, RUSSIA)
    assert event.location == GENEVA


def test_participants_in_text_order_when_a_compound_overlaps_a_mention() -> None:
    case = Case(
        "US-Russia talks will be held in Geneva on January 10.",
        (("Russia", RUSSIA), ("Geneva", GENEVA)),  # the extractor missed "US"
        (("January 10", "2022-01-10", "day"),),
        (),
        language="en",
    )
    (event,) = _extract(case)
    assert event.participants == (US, RUSSIA)


def test_compound_parts_fallback_keys_match_the_entity_extractor() -> None:
    assert compound_parts("américano-russes") == [US, RUSSIA]
    assert [p.key for p in compound_parts("OTAN-Russie") or []] == ["wikidata:Q7184", "iso3166:RU"]
    assert [p.key for p in compound_parts("sino-américain") or []] == ["iso3166:CN", "iso3166:US"]
    assert compound_parts("Nouvelle-Calédonie") is None
    assert compound_parts("États-Unis") is None  # one country, not a compound


def test_compound_parts_asks_the_knowledge_base_first() -> None:
    class FakeKB:
        def compound_parts(self, word: str) -> list[EntityRef] | None:
            return [UKRAINE, RUSSIA] if word == "russo-ukrainiennes" else None

    assert compound_parts("russo-ukrainiennes", FakeKB()) == [UKRAINE, RUSSIA]  # type: ignore[arg-type]
    assert compound_parts("américano-russes", FakeKB()) == [US, RUSSIA]  # type: ignore[arg-type]


# --- the reference article -------------------------------------------------------------------

_REFERENCE_ENTITIES = {
    "Conseil OTAN-Russie": COUNCIL,
    "Jens Stoltenberg": STOLTENBERG,
    "Stoltenberg": STOLTENBERG,
    "États-Unis": US,
    "Ukraine": UKRAINE,
    "Kremlin": KREMLIN,
    "Moscou": MOSCOW,
    "Genève": GENEVA,
    "Europe": EUROPE,
    "Russie": RUSSIA,
    "OTAN": NATO,
}
_REFERENCE_DATES = [
    ("vendredi", "2022-01-07", "day"),
    ("le 10 janvier", "2022-01-10", "day"),
    ("le 12 janvier", "2022-01-12", "day"),
    ("2019", "2019", "year"),
]


def _reference_mentions(body: str) -> list[MentionResult]:
    """Every surface of the gold entities, longest first, without overlaps."""
    taken: list[tuple[int, int]] = []
    found = []
    for surface, entity in _REFERENCE_ENTITIES.items():
        for match in re.finditer(re.escape(surface), body):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                taken.append(match.span())
                found.append(MentionResult(surface, match.start(), match.end(), entity))
    return found


def _reference_dates(body: str, *, resolved: bool) -> list[DateResult]:
    found = []
    for surface, value, granularity in _REFERENCE_DATES:
        if not resolved and granularity == "day":
            # What the date tagger gives without a publication date: no year, and nothing
            # at all for a weekday name.
            value = "XXXX-XX-XX" if surface == "vendredi" else "XXXX" + value[4:]
        for match in re.finditer(surface, body):
            found.append(DateResult(surface, match.start(), match.end(), value, granularity))
    return found


@pytest.fixture(scope="module")
def reference() -> tuple[str, object]:
    body = clean_plain_text(SEED.read_text(encoding="utf-8")).body
    return body, parse(body, "fr")


def _by_type(events: list[EventResult]) -> dict[str, list[EventResult]]:
    grouped: dict[str, list[EventResult]] = {}
    for event in events:
        grouped.setdefault(event.type, []).append(event)
    return grouped


def test_reference_article_events(reference: tuple[str, object]) -> None:
    body, doc = reference
    events = extract_events(
        doc,  # type: ignore[arg-type]
        mentions=_reference_mentions(body),
        dates=_reference_dates(body, resolved=True),
        anchor=ANCHOR,
    )
    grouped = _by_type(events)
    (talks,) = grouped["talks"]  # the undated "prochaines pourparlers" is not a second event
    assert _summary(talks) == Expected(
        "talks",
        "Pourparlers américano-russes à Genève",
        "2022-01-10",
        "scheduled",
        "Geneva",
        ("United States", "Russia"),
    )
    assert body[talks.start : talks.end] == talks.evidence
    assert talks.evidence.startswith("Les pourparlers américano-russes, qui devraient")
    (meeting,) = grouped["meeting"]
    assert _summary(meeting) == Expected(
        "meeting",
        "Réunion du Conseil OTAN-Russie",
        "2022-01-12",
        "scheduled",
        None,
        ("NATO", "Russia"),
        ("NATO-Russia Council",),
        ("la première depuis 2019",),
    )
    (press,) = grouped["press_conference"]
    assert _summary(press) == Expected(
        "press_conference",
        "Conférence de presse de Jens Stoltenberg",
        "2022-01-07",
        "past",
        None,
        ("Jens Stoltenberg",),
    )
    assert set(grouped) == {"talks", "meeting", "press_conference"}


def test_reference_article_without_publication_date(reference: tuple[str, object]) -> None:
    body, doc = reference
    events = extract_events(
        doc,  # type: ignore[arg-type]
        mentions=_reference_mentions(body),
        dates=_reference_dates(body, resolved=False),
        anchor=None,
    )
    assert {(e.type, e.date, e.status) for e in events} == {
        ("talks", "XXXX-01-10", "scheduled"),
        ("meeting", "XXXX-01-12", "scheduled"),
    }  # the press conference would only have "XXXX-XX-XX": no calendar day, no event


# --- one event across articles ---------------------------------------------------------------


def _event(**fields: object) -> EventResult:
    base: dict[str, object] = dict(
        type="talks", title="", date="2022-01-10", granularity="day", status="scheduled",
        location=None, participants=(), related=(), notes=(), evidence="", start=0, end=0,
        trigger="",
    )  # fmt: skip
    base.update(fields)
    return EventResult(**base)  # type: ignore[arg-type]


def test_two_articles_about_the_geneva_talks_are_one_event() -> None:
    first = Case(
        "Les pourparlers américano-russes à Genève le 10 janvier seront décisifs.",
        (("Genève", GENEVA),),
        (("le 10 janvier", "2022-01-10", "day"),),
        (),
    )
    second = Case(
        "Les négociations entre Washington et Moscou lundi 10 janvier à Genève seront tendues.",
        (("Washington", WASHINGTON), ("Moscou", MOSCOW), ("Genève", GENEVA)),
        (("lundi 10 janvier", "2022-01-10", "day"),),
        (),
    )
    (a,) = _extract(first)
    (b,) = _extract(second)
    assert same_event(a, b)
    assert event_key(a) == event_key(b) == "talks|2022-01-10|loc:geonames:2660646"


def test_same_event_on_shared_participant_without_place() -> None:
    a = _event(participants=(US, RUSSIA), location=GENEVA)
    b = _event(participants=(RUSSIA,))
    assert same_event(a, b)
    assert event_key(b) == "talks|2022-01-10|with:iso3166:RU"


def test_capitals_stand_for_their_country() -> None:
    assert same_event(_event(participants=(WASHINGTON, MOSCOW)), _event(participants=(US,)))


def test_different_type_date_or_city_are_different_events() -> None:
    a = _event(participants=(US, RUSSIA), location=GENEVA)
    assert not same_event(a, _event(type="meeting", participants=(US, RUSSIA), location=GENEVA))
    assert not same_event(a, _event(date="2022-01-12", participants=(US, RUSSIA)))
    assert not same_event(a, _event(participants=(US, RUSSIA), location=VIENNA))
    assert not same_event(a, _event(participants=(NATO,)))


def test_country_and_city_places_do_not_conflict() -> None:
    a = _event(participants=(US, RUSSIA), location=GENEVA)
    assert same_event(
        a, _event(participants=(RUSSIA,), location=_ref("iso3166:CH", "Switzerland", "LOC"))
    )


def test_event_key_sorts_participants() -> None:
    a = _event(participants=(RUSSIA, US))
    b = _event(participants=(US, RUSSIA))
    assert event_key(a) == event_key(b) == "talks|2022-01-10|with:iso3166:RU+iso3166:US"
