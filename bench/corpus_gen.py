"""Synthetic articles with their extracted data, deterministic for a seed (no spaCy).

Articles come in publication order over ten years. Entity mentions are Zipf-distributed
over ~50k entities (1–20 per article), words are Zipf-distributed over common French
words and a long tail of French-looking pseudo-words, so full-text search has frequent
and rare terms. About 2 articles in 10 report an event (half of them already reported).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.entities.names import fold
from app.entities.types import EntityRef, MentionResult
from app.pipeline.types import CleanArticle, DateResult, EventResult, Extraction, QuoteResult
from bench.corpus_words import (
    COMMON,
    EVENT_TYPES,
    FIRST_NAMES,
    LAST_NAMES,
    MONTHS,
    ORGS,
    PLACES,
    SOURCES,
    SYLLABLES,
)

FIRST_DAY = date(2015, 1, 1)
DAYS = 3652  # ten years
STREAM = 2_000_003  # words drawn once per universe
EVENT_SHARE = 0.2  # articles reporting an event ("1–3 events per 10 articles")


def _cumulative(n: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights of ranks 1..n."""
    return list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


@dataclass(frozen=True)
class Universe:
    """What articles are drawn from: words and entities, each with Zipf weights by rank."""

    words: list[str]
    word_weights: list[float]
    entities: list[EntityRef]
    entity_weights: list[float]
    persons: list[int]  # ranks of PERSON entities (quote speakers)
    places: list[int]  # ranks of LOC entities (event locations)
    # Words drawn once by Zipf weight; a sentence is a random slice (one draw, not one per word).
    stream: list[str]


def build_universe(
    seed: int, n_entities: int = 50_000, n_words: int = 40_000, stream: int = STREAM
) -> Universe:
    """Vocabulary and entities ranked by frequency (rank 1 most frequent)."""
    rng = random.Random(f"universe:{seed}")
    words = list(dict.fromkeys(COMMON))
    seen = set(words)
    while len(words) < n_words:
        word = _pseudo_word(rng, rng.choice((2, 2, 3, 3, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    entities = _entities(rng, n_entities)
    word_weights = _cumulative(len(words), 1.15)
    return Universe(
        words=words,
        word_weights=word_weights,
        entities=entities,
        entity_weights=_cumulative(len(entities), 1.0),
        persons=[i for i, e in enumerate(entities) if e.type == "PERSON"],
        places=[i for i, e in enumerate(entities) if e.type == "LOC"],
        stream=rng.choices(words, cum_weights=word_weights, k=stream),
    )


def _entities(rng: random.Random, n: int) -> list[EntityRef]:
    names: list[tuple[str, str]] = [(p, "LOC") for p in PLACES] + [(o, "ORG") for o in ORGS]
    names += [(f"{f} {last}", "PERSON") for f in FIRST_NAMES for last in LAST_NAMES]
    kinds = ("PERSON", "PERSON", "ORG", "LOC", "MISC")
    refs: dict[str, EntityRef] = {}
    for name, kind in names:
        key = f"name:{kind}:{fold(name)}"
        refs.setdefault(key, EntityRef(key, name, kind))  # type: ignore[arg-type]
    while len(refs) < n:
        kind = rng.choice(kinds)
        stem = _pseudo_word(rng, rng.choice((2, 3))).capitalize()
        if kind == "PERSON":
            name = f"{rng.choice(FIRST_NAMES)} {stem}"
        elif kind == "ORG":
            name = f"Groupe {stem}" if rng.random() < 0.5 else stem.upper()[:5]
        else:
            name = stem
        key = f"name:{kind}:{fold(name)}"
        refs.setdefault(key, EntityRef(key, name, kind))  # type: ignore[arg-type]
    unique = list(refs.values())
    head, tail = unique[:40], unique[40:]  # well-known places and organisations lead
    rng.shuffle(tail)
    return (head + tail)[:n]


class _Body:
    """A body built left to right, keeping character offsets of what is put in."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def text(self) -> str:
        return "".join(self.parts)


def _between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint`` without its argument checks (a third of the generation time)."""
    return low + int(rng.random() * (high - low + 1))


def _sentence_words(rng: random.Random, u: Universe, k: int) -> str:
    start = int(rng.random() * (len(u.stream) - k))
    return " ".join(u.stream[start : start + k])


def _date_text(day: date) -> str:
    return f"le {day.day} {MONTHS[day.month - 1]} {day.year}"


class ArticleFactory:
    """Draws article ``i`` of ``n`` (in publication order) with its extraction."""

    def __init__(self, seed: int, n: int, universe: Universe) -> None:
        self.rng = random.Random(f"articles:{seed}")
        self.seed = seed
        self.n = n
        self.u = universe
        self.recent_events: list[EventResult] = []

    def entities_for_article(self) -> list[EntityRef]:
        rng, u = self.rng, self.u
        wanted = min(20, 1 + int(rng.expovariate(1 / 4.5)))
        picked = rng.choices(u.entities, cum_weights=u.entity_weights, k=wanted)
        return list(dict.fromkeys(picked))

    def make(self, i: int) -> tuple[CleanArticle, Extraction]:
        rng, u = self.rng, self.u
        published = FIRST_DAY + timedelta(days=min(DAYS - 1, i * DAYS // max(self.n, 1)))
        entities = self.entities_for_article()
        body = _Body()
        ex = Extraction()
        slots = [e for e in entities for _ in range(1 + min(5, int(rng.expovariate(1.6))))]
        rng.shuffle(slots)
        sentences = _between(rng, 8, 18)
        per_sentence = -(-len(slots) // sentences)
        for s in range(sentences):
            if s:
                body.add(" ")
            self._plain_sentence(body, ex, slots[s * per_sentence : (s + 1) * per_sentence])
            if s == 2:
                self._date_sentence(body, ex, published)
            if s == 4 and rng.random() < 0.7:
                self._quote_sentence(body, ex, entities)
            if s == 5 and rng.random() < EVENT_SHARE:
                self._event_sentence(body, ex, published)
        lead = entities[0].name
        title = f"{lead} : {_sentence_words(rng, u, _between(rng, 5, 10))}"
        standfirst = (
            _sentence_words(rng, u, _between(rng, 12, 25)).capitalize() + "."
            if rng.random() < 0.5
            else None
        )
        source = SOURCES[min(len(SOURCES) - 1, int(rng.expovariate(0.25)))]
        article = CleanArticle(
            title=title,
            standfirst=standfirst,
            body=body.text(),
            language="fr",
            republished=rng.random() < 0.03,
            published_at=published,
            url=f"https://{source}/{published:%Y/%m}/s{self.seed}-a{i}",
            source=source,
            authors=(rng.choice(FIRST_NAMES) + " " + rng.choice(LAST_NAMES),),
            external_id=f"s{self.seed}-a{i}",
        )
        return article, ex

    def _plain_sentence(self, body: _Body, ex: Extraction, mentions: list[EntityRef]) -> None:
        rng, u = self.rng, self.u
        words = _sentence_words(rng, u, _between(rng, 6, 22)).capitalize()
        cut = words.find(" ", len(words) // 3)
        if cut < 0 or not mentions:
            body.add(words + ".")
            return
        body.add(words[:cut] + " ")
        for j, ref in enumerate(mentions):
            if j:
                body.add(" et " if j == len(mentions) - 1 else ", ")
            start, end = body.add(ref.name)
            ex.mentions.append(MentionResult(ref.name, start, end, ref))
        body.add(words[cut:] + ".")

    def _date_sentence(self, body: _Body, ex: Extraction, published: date) -> None:
        rng = self.rng
        for _ in range(_between(rng, 1, 3)):
            day = published + timedelta(days=_between(rng, -60, 30))
            body.add(" " + rng.choice(("Selon nos informations,", "Prévue", "Depuis")) + " ")
            if rng.random() < 0.8:
                text, value, granularity = _date_text(day), day.isoformat(), "day"
            else:
                text = f"en {MONTHS[day.month - 1]} {day.year}"
                value, granularity = f"{day:%Y-%m}", "month"
            start, end = body.add(text)
            ex.dates.append(DateResult(text, start, end, value, granularity))
            body.add(" " + _sentence_words(rng, self.u, _between(rng, 4, 10)) + ".")

    def _quote_sentence(self, body: _Body, ex: Extraction, entities: list[EntityRef]) -> None:
        rng, u = self.rng, self.u
        speaker = next((e for e in entities if e.type == "PERSON"), None)
        if speaker is None:
            speaker = u.entities[rng.choice(u.persons[:2000])]
        said = _sentence_words(rng, u, _between(rng, 8, 25)).capitalize() + "."
        body.add(" « ")
        start, end = body.add(said)
        body.add(" », a déclaré ")
        s_start, s_end = body.add(speaker.name)
        body.add(".")
        ex.mentions.append(MentionResult(speaker.name, s_start, s_end, speaker))
        ex.quotes.append(
            QuoteResult(said, start, end, "direct", speaker, speaker.name, s_start, s_end)
        )

    def _event_sentence(self, body: _Body, ex: Extraction, published: date) -> None:
        rng = self.rng
        if self.recent_events and rng.random() < 0.5:
            template = rng.choice(self.recent_events)
        else:
            template = self._new_event(published)
        day = date.fromisoformat(template.date)
        trigger = template.trigger
        body.add(" ")
        sentence_start = body.pos
        body.add(f"La {trigger} entre ")
        for j, ref in enumerate(template.participants):
            if j:
                body.add(" et ")
            start, end = body.add(ref.name)
            ex.mentions.append(MentionResult(ref.name, start, end, ref))
        if template.location is not None:
            body.add(" à ")
            start, end = body.add(template.location.name)
            ex.mentions.append(MentionResult(template.location.name, start, end, template.location))
        body.add(" a lieu ")
        start, end = body.add(_date_text(day))
        ex.dates.append(DateResult(_date_text(day), start, end, template.date, "day"))
        body.add(".")
        status = "past" if day < published else "scheduled"
        evidence = body.text()[sentence_start:]
        ex.events.append(
            replace(template, status=status, evidence=evidence, start=sentence_start, end=body.pos)
        )

    def _new_event(self, published: date) -> EventResult:
        rng, u = self.rng, self.u
        kind = rng.choice(list(EVENT_TYPES))
        trigger = EVENT_TYPES[kind]
        day = published + timedelta(days=_between(rng, -20, 40))
        pool = rng.choices(u.entities, cum_weights=u.entity_weights, k=2)
        participants = tuple(dict.fromkeys(pool))
        location = u.entities[rng.choice(u.places[:500])] if rng.random() < 0.7 else None
        names = "–".join(p.name for p in participants)
        event = EventResult(
            type=kind,
            title=f"{trigger.capitalize()} {names}",
            date=day.isoformat(),
            granularity="day",
            status="scheduled",
            location=location,
            participants=participants,
            related=(),
            notes=(),
            evidence="",
            start=0,
            end=0,
            trigger=trigger,
        )
        self.recent_events = [*self.recent_events[-199:], event]
        return event


def generate(
    n: int, seed: int, universe: Universe | None = None
) -> Iterator[tuple[CleanArticle, Extraction]]:
    """The ``n`` articles of ``seed``, oldest first."""
    factory = ArticleFactory(seed, n, universe or build_universe(seed))
    for i in range(n):
        yield factory.make(i)
