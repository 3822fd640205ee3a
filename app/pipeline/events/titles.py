"""Short readable event titles in the article's language.

Built from the trigger's noun phrase ("les prochaines pourparlers américano-russes" →
"Pourparlers américano-russes"), then the participants when the phrase names none
("Conférence de presse de Jens Stoltenberg") and the place ("… à Genève").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from app.pipeline.doc_index import doc_text
from app.pipeline.events.lexicon import TITLE_DROP_LEFT, TITLE_DROP_RIGHT, TITLE_STOP

_MAX_TITLE_TOKENS = 10
_VOWELS = "aeiouyhàâäéèêëîïôöûüœ"
_BY_TYPES = {"press_conference", "visit", "attack", "strike"}


@dataclass(frozen=True)
class TitleParts:
    """What a title is made of: phrase tokens, cut points and the texts to append."""

    phrase: tuple[int, int]  # token range of the trigger's phrase
    trigger: tuple[int, int]  # token range of the trigger
    cuts: Sequence[tuple[int, int]]  # char spans the title must stop before (dates, place)
    named: Sequence[tuple[int, int]]  # char spans where a participant is named
    participants: Sequence[tuple[str, str]]  # (surface, entity type): ("l'OTAN", "ORG")
    place: str | None  # "à Genève", "in Geneva"; None without a place
    place_span: tuple[int, int] | None  # where the place is named in the text
    event_type: str


def build_title(doc: Doc, parts: TitleParts, language: str) -> str:
    """The title: phrase core, then participants if the phrase names none, then the place."""
    start, end = _core_range(doc, parts)
    lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    title = doc_text(doc)[lo:hi]
    if parts.participants and not any(s < hi and e > lo for s, e in parts.named):
        surface, entity_type = parts.participants[0]
        if language == "en" and len(parts.participants) == 1 and entity_type != "PERSON":
            title = f"{surface} {title[:1].lower()}{title[1:]}"  # "NATO summit"
        else:
            title += " " + _participant_phrase(parts.participants, parts.event_type, language)
    place_in_title = parts.place_span is not None and lo <= parts.place_span[0] < hi
    if parts.place and not place_in_title:
        title += " " + parts.place
    title = " ".join(title.split()).rstrip(" .,;:!?-–—")
    return title[:1].upper() + title[1:]


def _core_range(doc: Doc, parts: TitleParts) -> tuple[int, int]:
    start, end = parts.phrase
    t_start, t_end = parts.trigger
    for i in range(t_end, end):
        token = doc[i]
        if token.lower_ in TITLE_STOP or any(s <= token.idx < e for s, e in parts.cuts):
            end = i
            break
    end = min(end, t_end + _MAX_TITLE_TOKENS)
    while start < t_start and (doc[start].lower_ in TITLE_DROP_LEFT or doc[start].is_punct):
        start += 1
    while end > t_end and (doc[end - 1].lower_ in TITLE_DROP_RIGHT or doc[end - 1].is_punct):
        end -= 1
    # A place preposition left dangling by the cut ("réunion à") goes too.
    while end > t_end and doc[end - 1].lower_ in {"à", "en", "au", "aux", "in", "at", "dans"}:
        end -= 1
    return start, end


def _participant_phrase(
    participants: Sequence[tuple[str, str]], event_type: str, language: str
) -> str:
    surfaces = [surface for surface, _ in participants]
    if language == "fr":
        if len(surfaces) >= 2:
            return f"entre {surfaces[0]} et {surfaces[1]}"
        return french_de(surfaces[0])
    if len(surfaces) >= 2:
        return f"between {surfaces[0]} and {surfaces[1]}"
    return f"{'by' if event_type in _BY_TYPES else 'with'} {surfaces[0]}"


def french_de(surface: str) -> str:
    """ "de" joined to a noun phrase: "du Kremlin", "des États-Unis", "d'Emmanuel Macron"."""
    low = surface.lower()
    if low.startswith("le "):
        return "du " + surface[3:]
    if low.startswith("les "):
        return "des " + surface[4:]
    if low[:1] in _VOWELS and not low.startswith(("l'", "l’")):
        return "d'" + surface
    return "de " + surface
