"""Names without a NER model (English): cued persons and organisations, and who said what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.entities.kb import KnowledgeBase
from app.entities.types import MentionResult
from app.pipeline.entities import extract as entities
from app.pipeline.entities.extract import extract_mentions
from app.pipeline.entities.links import Candidate
from app.pipeline.nlp import blank, parse
from app.pipeline.quotes.extract import extract_quotes
from app.pipeline.types import QuoteResult

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.bundled()


def english_mentions(text: str, kb: KnowledgeBase) -> list[MentionResult]:
    found = extract_mentions(blank("en")(text), kb=kb, language="en")
    assert all(text[m.start : m.end] == m.text for m in found)
    return found


def summary(text: str, kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    return [(m.text, m.entity.type, m.entity.name) for m in english_mentions(text, kb)]


NAMED_CASES = [
    # a title before the name: the title stays out of the mention
    (
        "NATO Secretary General Jens Stoltenberg told reporters after the talks.",
        [("NATO", "ORG", "NATO"), ("Jens Stoltenberg", "PERSON", "Jens Stoltenberg")],
    ),
    (
        "Russian Deputy Foreign Minister Alexander Grushko said Moscow had made its position clear.",
        [("Alexander Grushko", "PERSON", "Alexander Grushko"), ("Moscow", "LOC", "Moscow")],
    ),
    (
        "Foreign Minister Sergei Lavrov met Secretary of State Antony Blinken in Geneva.",
        [
            ("Sergei Lavrov", "PERSON", "Sergei Lavrov"),
            ("Antony Blinken", "PERSON", "Antony Blinken"),
            ("Geneva", "LOC", "Geneva"),
        ],
    ),
    (
        "President Biden spoke with Chancellor Olaf Scholz on Tuesday.",
        [("Biden", "PERSON", "Biden"), ("Olaf Scholz", "PERSON", "Olaf Scholz")],
    ),
    (
        "Prime Minister Theresa May resigned in May 2019.",
        [("Theresa May", "PERSON", "Theresa May")],
    ),
    # particles, hyphenated prefixes and initials belong to the name
    (
        "Saudi Crown Prince Mohammed bin Salman met President Bashar al-Assad.",
        [
            ("Mohammed bin Salman", "PERSON", "Mohammed bin Salman"),
            ("Bashar al-Assad", "PERSON", "Bashar al-Assad"),
        ],
    ),
    (
        "European Commission President Ursula von der Leyen spoke in Brussels.",
        [
            ("European Commission", "ORG", "European Commission"),
            ("Ursula von der Leyen", "PERSON", "Ursula von der Leyen"),
            ("Brussels", "LOC", "Brussels"),
        ],
    ),
    (
        "J. Robert Oppenheimer said nothing.",
        [("J. Robert Oppenheimer", "PERSON", "J. Robert Oppenheimer")],
    ),
    # courtesy titles stay in the mention, out of the name
    (
        "Mr Smith and Dr. Jones arrived in January.",
        [("Mr Smith", "PERSON", "Smith"), ("Dr. Jones", "PERSON", "Jones")],
    ),
    # a lower-case function, a reporting verb, an apposition
    (
        "Kremlin spokesman Dmitry Peskov called the talks useful.",
        [("Kremlin", "ORG", "Kremlin"), ("Dmitry Peskov", "PERSON", "Dmitry Peskov")],
    ),
    ('"We are ready," said John Smith, a farmer.', [("John Smith", "PERSON", "John Smith")]),
    (
        "Maria Zakharova has also warned the West.",
        [("Maria Zakharova", "PERSON", "Maria Zakharova")],
    ),
    (
        "Jens Stoltenberg, the alliance's secretary general, met them.",
        [("Jens Stoltenberg", "PERSON", "Jens Stoltenberg")],
    ),
    ("The risk is real, John Smith said.", [("John Smith", "PERSON", "John Smith")]),
    (
        "Prime Minister Theresa May spoke. Talks resume in May.",
        [("Theresa May", "PERSON", "Theresa May")],
    ),
    (
        "Martin Luther King said he had a dream.",
        [("Martin Luther King", "PERSON", "Martin Luther King")],
    ),
    # organisations end with an organisation noun
    (
        "Bank of England Governor Andrew Bailey said rates would rise.",
        [
            ("Bank of England", "ORG", "Bank of England"),
            ("Andrew Bailey", "PERSON", "Andrew Bailey"),
        ],
    ),
    (
        "The Russian Foreign Ministry issued a statement.",
        [("Russian Foreign Ministry", "ORG", "Russian Foreign Ministry")],
    ),
    (
        "The Ministry of Foreign Affairs and Trade answered.",
        [("Ministry of Foreign Affairs and Trade", "ORG", "Ministry of Foreign Affairs and Trade")],
    ),
    (
        "United manager Erik ten Hag praised the Premier League side.",
        [("Erik ten Hag", "PERSON", "Erik ten Hag"), ("Premier League", "ORG", "Premier League")],
    ),
    ("Shares of Acme Holdings Ltd fell.", [("Acme Holdings Ltd", "ORG", "Acme Holdings Ltd")]),
    (
        "Apple Inc and Microsoft Corp shares fell.",
        [("Apple Inc", "ORG", "Apple Inc"), ("Microsoft Corp", "ORG", "Microsoft Corp")],
    ),
    # a surname alone is the person named in full elsewhere in the article
    (
        "Stoltenberg arrived first. Jens Stoltenberg said the talks were useful.",
        [
            ("Stoltenberg", "PERSON", "Jens Stoltenberg"),
            ("Jens Stoltenberg", "PERSON", "Jens Stoltenberg"),
        ],
    ),
]

UNNAMED_CASES = [
    "The talks ended on Monday.",
    "However, the officials said little.",
    "The meeting on January 12 was the first of the council since 2019.",
    "In March, Western Diplomats met again.",
    "Later Stoltenberg said he was pleased.",  # a sentence opener is no first name
    "Valéry Giscard d'Estaing was president.",  # no cue: precision first
    "Goodwill Ambassadors arrived on Friday.",
    "Analysts at Morgan Stanley said demand was weak.",  # after "at", no subject of "said"
    "The Council met. The Ministry agreed.",  # an organisation noun alone names nothing
]


@pytest.mark.parametrize(("text", "expected"), NAMED_CASES, ids=lambda v: str(v)[:40])
def test_cued_names(text: str, expected: list[tuple[str, str, str]], kb: KnowledgeBase) -> None:
    assert summary(text, kb) == expected


@pytest.mark.parametrize("text", UNNAMED_CASES, ids=lambda v: v[:40])
def test_uncued_capitals_are_not_names(text: str, kb: KnowledgeBase) -> None:
    assert summary(text, kb) == []


def test_headline_case_line_is_skipped(kb: KnowledgeBase) -> None:
    text = "NATO Chief Warns Russia Over Troop Build-Up\n\nThe talks ended."
    assert summary(text, kb) == [("NATO", "ORG", "NATO"), ("Russia", "LOC", "Russia")]


def test_french_without_a_model_uses_the_same_rules(kb: KnowledgeBase) -> None:
    text = "Le Ministère des Finances a répondu. M. Dupont et le président Emmanuel Macron aussi."
    found = extract_mentions(blank("fr")(text), kb=kb, language="fr")
    assert [(m.text, m.entity.type, m.entity.name) for m in found] == [
        ("Ministère des Finances", "ORG", "Ministère des Finances"),
        ("M. Dupont", "PERSON", "Dupont"),
        ("Emmanuel Macron", "PERSON", "Emmanuel Macron"),
    ]


def test_surname_links_to_the_full_name(kb: KnowledgeBase) -> None:
    text = "Jens Stoltenberg said the alliance was united. Stoltenberg left."
    first, second = english_mentions(text, kb)
    assert (second.text, second.start) == ("Stoltenberg", 47)
    assert second.entity == first.entity
    assert first.entity.key == "name:PERSON:jens stoltenberg"


def test_with_ner_the_rules_only_add_names_the_model_missed(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rule-based finder (stubbed here) complements the model: its names that overlap
    none of the model's are added, the others dropped."""
    text = "Le ministre Sergueï Lavrov a parlé hier."
    doc = parse(text, "fr")
    assert doc.has_annotation("ENT_IOB")
    monkeypatch.setattr(entities, "find_proper_names", lambda *a, **k: [])
    assert [(m.start, m.end) for m in extract_mentions(doc, kb=kb, language="fr")] == [(12, 26)]
    crossing = Candidate(15, 26, "PERSON", "gueï Lavrov")
    added = Candidate(27, 34, "PERSON", "a parlé")  # a stand-in the model cannot have
    monkeypatch.setattr(entities, "find_proper_names", lambda *a, **k: [crossing, added])
    found = [(m.start, m.end) for m in extract_mentions(doc, kb=kb, language="fr")]
    assert found == [(12, 26), (27, 34)]


# --- quotes through the real chain: extract_mentions → extract_quotes -----------------------


def english_quotes(text: str, kb: KnowledgeBase) -> list[tuple[str, str, str | None, str | None]]:
    doc = blank("en")(text)
    mentions = extract_mentions(doc, kb=kb, language="en")
    quotes: list[QuoteResult] = extract_quotes(doc, mentions=mentions, language="en")
    return [(q.kind, q.text, q.speaker.name if q.speaker else None, q.speaker_text) for q in quotes]


NATO_PARAGRAPH = (
    'The meeting on January 12 was the first of the council since 2019. "There is a real risk '
    'for a new armed conflict in Europe," NATO Secretary General Jens Stoltenberg told reporters '
    "after the talks. He said the alliance was ready to discuss arms control. Russian Deputy "
    "Foreign Minister Alexander Grushko said Moscow had made its position clear."
)


def test_quotes_of_the_nato_paragraph(kb: KnowledgeBase) -> None:
    assert english_quotes(NATO_PARAGRAPH, kb) == [
        (
            "direct",
            "There is a real risk for a new armed conflict in Europe",
            "Jens Stoltenberg",
            "Jens Stoltenberg",
        ),
        ("indirect", "the alliance was ready to discuss arms control", "Jens Stoltenberg", "He"),
        (
            "indirect",
            "Moscow had made its position clear",
            "Alexander Grushko",
            "Alexander Grushko",
        ),
    ]


QUOTE_CASES = [
    (
        "Foreign Ministry spokeswoman Maria Zakharova told reporters the talks had failed.",
        [("indirect", "the talks had failed", "Maria Zakharova", "Maria Zakharova")],
    ),
    (
        '"We will not compromise," Stoltenberg said. Jens Stoltenberg said it twice.',
        [("direct", "We will not compromise", "Jens Stoltenberg", "Stoltenberg")],
    ),
    # a name the entity rules leave out still names the speaker, without an entity
    ('"We are ready to talk," Smith said.', [("direct", "We are ready to talk", None, "Smith")]),
    (
        "Peskov said Moscow had made its position clear.",
        [("indirect", "Moscow had made its position clear", None, "Peskov")],
    ),
    # the clause after "said" is the speech, not the phrase before the comma
    (
        "Speaking in Munich, Volodymyr Zelensky said the policy of appeasement had failed.",
        [
            (
                "indirect",
                "the policy of appeasement had failed",
                "Volodymyr Zelensky",
                "Volodymyr Zelensky",
            )
        ],
    ),
    # an adverb between the subject and the verb
    (
        "Kremlin spokesman Dmitry Peskov has repeatedly said Russia had no such plans.",
        [("indirect", "Russia had no such plans", "Dmitry Peskov", "Dmitry Peskov")],
    ),
    ('"We are ready to talk," said Kirby.', [("direct", "We are ready to talk", None, "Kirby")]),
    # no finite verb after "said", or no name: no reported speech
    ("Jens Stoltenberg said nothing about the talks.", []),
    ("Jens Stoltenberg told reporters after the talks.", []),
    ("Officials said the talks had failed.", []),
]


@pytest.mark.parametrize(("text", "expected"), QUOTE_CASES, ids=lambda v: str(v)[:40])
def test_english_quotes(text: str, expected: list, kb: KnowledgeBase) -> None:
    assert english_quotes(text, kb) == expected


def test_english_example_article(kb: KnowledgeBase) -> None:
    article = json.loads((ROOT / "examples" / "nato-russia-council.json").read_text("utf-8"))
    doc = parse(article["text"], "en")
    mentions = extract_mentions(doc, kb=kb, language="en")
    people = {(m.text, m.entity.key) for m in mentions if m.entity.type == "PERSON"}
    assert people == {
        ("Jens Stoltenberg", "name:PERSON:jens stoltenberg"),
        ("Alexander Grushko", "name:PERSON:alexander grushko"),
    }
    speakers = [
        (q.kind, q.speaker.name if q.speaker else None)
        for q in extract_quotes(doc, mentions=mentions, language="en")
    ]
    assert speakers == [
        ("direct", "Jens Stoltenberg"),
        ("indirect", "Jens Stoltenberg"),
        ("indirect", "Alexander Grushko"),
    ]
