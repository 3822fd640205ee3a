"""Names that the writing conventions of French newspapers give, whatever the model saw.

- the author's initials that sign an article at its end ("G. P.", "E. Bi.", "/ CMA");
- a dateline: a place at the head of a dispatch, before its date or a dash ("ODESSA 22
  octobre.", "Gènes 16 août.", "SCHAFFHOUSE. — Un monstre de 16 ans."), not a word of
  the dictionary ("SUCRE. — Courant", "Samedi, 23 février");
- a list of persons opened by a plural courtesy title: "MM. Bertoni, Micheli et
  Tissières" names three people;
- a street's or a natural place's noun with its name: "mer Noire", "île de Madère";
  the land beyond a named place: "outre-Rhin", "outre-Atlantique";
- guillemets around a name: the title of a work, a show or a paper ("l'émission
  « Illico »", "le « Bund »"), not a person or a place;
- a programme of shows: "À l'Ambigu, ce soir, …", "Aux Folies-Dramatiques, demain, …"
  opens an entry with the place the show is given at (a theatre, a hall), a place even when
  its name is a word of the dictionary ("la Gaîté");
- a club's initials before a town ("le H. C. Lausanne", "le F.C. Bâle") name the club;
- a line of a market quotation table, a name then a dot leader and its price ("Hachette
  ......... 2095", "Gaz de Paris .......... 475"), names a listed company: the whole name
  before the leader is one organisation ("Gaz de Paris", not the place Paris).
"""

from __future__ import annotations

import re

from app.entities.kb import KnowledgeBase
from app.entities.names import fold
from app.pipeline.entities.links import Candidate
from app.pipeline.entities.spans import sentence_initial
from app.pipeline.entities.words import MONTHS, NON_NAMES, PLACE_NOUNS
from app.pipeline.lexicon import is_common_word

__all__ = [
    "clubs",
    "fills_quotation",
    "opens_dispatch",
    "quoted_company",
    "venue",
    "written_names",
]

_NAME_WORD = r"[A-ZÀ-Þ][^\W\d_]+(?:[-‑][^\W\d_]+)*"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A dispatch's head: line, sentence or dash before; the place; a day and month, or ". —".
_DATELINE_RE = re.compile(
    r"(?:^|(?<=[\n.|—–:])|(?<=[.:]-))\s*(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r")?)"
    r"(?=\s*,?\s*(?:\d{1,2}\s*(?:er)?\s+(?i:" + _MONTH + r")\b|[.,]\s*[—–]))"
)
_PLURAL_TITLE_RE = re.compile(r"(?:MM|Mmes|Mlles)\.?\s")
_PLURAL_TITLE_BEFORE_RE = re.compile(r"\b(?:MM|Mmes|Mlles)\.?\s+$")
_LIST_ITEM_RE = re.compile(r"\s*(?:,|\bet\b)\s*(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?)")
_PLACE_NOUN_RE = re.compile(
    r"\b(?i:" + "|".join(re.escape(f) for f in PLACE_NOUNS) + r")\s+"
    r"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?"
)
# OCR reads guillemets as angle brackets ("< Herbstfeuer »", "« Archizoom >").
_OPENS_QUOTE_RE = re.compile(r"[«“<]\s*(?:(?:le|la|les|l['’])\s*)?$", re.IGNORECASE)
_CLOSES_QUOTE_RE = re.compile(r"\s*[»”>]")


def written_names(text: str, found: list[Candidate]) -> list[Candidate]:
    """``found`` (the model's names) with the names the conventions give (see the module):
    the people of a list replace what the model read over them ("Micheli et Tissières" as
    one name of another type); datelines and named places fill gaps only."""
    signed = _signature(text)
    found = [c for c in found if _free(c, signed)] + signed
    listed = _listed_people(text, found)
    kept = [c for c in found if not any(_crosses(c, p) and c.type != "PERSON" for p in listed)]
    kept += [p for p in listed if not any(_crosses(c, p) for c in kept)]
    datelines = _datelines(text)
    places = datelines + _venues(text)
    for cand in kept:  # "Cressier. — Dimanche…": the place of a dispatch, whatever the model said
        if any((p.start, p.end) == (cand.start, cand.end) for p in places):
            cand.type = "LOC"
    return kept + [c for c in places + _named_places(text) if _free(c, kept)]


# An entry of a programme of shows: at an entry's start, "À", "Au" or "Aux", the place's name
# (after "la"/"l'", or a hall's noun: "théâtre des Variétés"), then a comma and when.
_WHEN = r"ce\s+soir|demain|aujourd['’]hui|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_VENUE_RE = re.compile(
    r"(?:^|(?<=[\n.;—–]))\s*(?:À|A|Au|Aux)\s+(?:la\s+|l['’]\s*)?"
    r"((?:(?:théâtre|salle|cirque|casino|cinéma)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+)?)?"
    + _NAME_WORD
    + r"(?:\s+"
    + _NAME_WORD
    + r")?)"
    r"(?=\s*,\s*(?:" + _WHEN + r")\b)"
)


def _venues(text: str, lo: int = 0, hi: int | None = None) -> list[Candidate]:
    found = _VENUE_RE.finditer(text, lo, len(text) if hi is None else hi)
    return [Candidate(m.start(1), m.end(1), "LOC", m.group(1)) for m in found]


def venue(text: str, start: int, end: int) -> bool:
    """Whether a name is the place of an entry of a programme of shows (see the module)."""
    near = _venues(text, max(0, start - 40), min(len(text), end + 40))
    return any((c.start, c.end) == (start, end) for c in near)


# The author's initials that end an article, after its last sentence or a slash: "… de
# la démocratie. G. p.", "E. Bi.", "J.-P. M. (A suivre.)", "… longtemps. / CMA".
_INITIALS = r"[A-ZÀ-Þ][a-zß-ÿ]?\.(?:\s?-?\s?[^\W\d_][a-zß-ÿ]?\.){1,2}"
_SIGNATURE_RE = re.compile(
    r"(?:(?<=[^\W\d_]{2}[.!?])\s+|(?<=[»”])\s+|/\s*)("
    + _INITIALS
    + r"|(?<=/)\s*[A-ZÀ-Þ]{2,4}|(?<=/ )[A-ZÀ-Þ]{2,4})"
    r"\s*(?:\((?i:à|a) suivre\.?\)\s*)?$"
)


def _signature(text: str) -> list[Candidate]:
    match = _SIGNATURE_RE.search(text, max(0, len(text) - 40))
    if match is None:
        return []
    return [Candidate(match.start(1), match.end(1), "PERSON", match.group(1))]


def _crosses(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _free(cand: Candidate, taken: list[Candidate]) -> bool:
    return not any(_crosses(cand, other) for other in taken)


def _datelines(text: str, lo: int = 0, hi: int | None = None) -> list[Candidate]:
    out: list[Candidate] = []
    for match in _DATELINE_RE.finditer(text, lo, len(text) if hi is None else hi):
        name = match.group(1)
        if fold(name) in NON_NAMES or is_common_word(name, "fr"):
            continue  # "Le 22 septembre", "Samedi, 23 février", "SUCRE. — Courant"
        if out and _RUBRIC_GAP_RE.fullmatch(text, out[-1].end, match.start(1)):
            continue  # "SCHAFFHOUSE. — Décès. — M. Bolli": the rubric after the place
        out.append(Candidate(match.start(1), match.end(1), "LOC", name))
    return out


_RUBRIC_GAP_RE = re.compile(r"\s*[.,]\s*[—–]\s*")


def opens_dispatch(text: str, start: int, end: int) -> bool:
    """Whether a name is the place of a dateline ("SCHAFFHOUSE. — ", "ODESSA 22 octobre")."""
    near = _datelines(text, max(0, start - 80), min(len(text), end + 60))
    return any((c.start, c.end) == (start, end) for c in near)


def _listed_people(text: str, found: list[Candidate]) -> list[Candidate]:
    """ "MM. Bertoni, Micheli et Tissières": the names after the first in a list that a
    plural courtesy title opens."""
    out = []
    for first in found:
        opened = _PLURAL_TITLE_RE.match(text, first.start) or _PLURAL_TITLE_BEFORE_RE.search(
            text, max(0, first.start - 6), first.start
        )
        if first.type != "PERSON" or not opened:
            continue
        end = first.end
        while match := _LIST_ITEM_RE.match(text, end):
            out.append(Candidate(match.start(1), match.end(1), "PERSON", match.group(1)))
            if "et" in text[end : match.start(1)]:
                break  # "… et Tissières" ends the list
            end = match.end()
    return out


_BEYOND_RE = re.compile(r"\b[Oo]utre[-‑]" + _NAME_WORD)


def _named_places(text: str) -> list[Candidate]:
    found = [Candidate(m.start(), m.end(), "LOC", m.group()) for m in _BEYOND_RE.finditer(text)]
    for match in _PLACE_NOUN_RE.finditer(text):
        name = match.group()
        if not name[:1].islower() and not sentence_initial(text, match.start()):
            continue  # "Place Vendôme" mid-sentence is a name the model reads
        found.append(Candidate(match.start(), match.end(), "LOC", name))
    return found


def fills_quotation(text: str, start: int, end: int) -> bool:
    """Whether a name is all a quotation holds (the title of a work, see the module)."""
    before = text[max(0, start - 8) : start]
    return bool(_OPENS_QUOTE_RE.search(before) and _CLOSES_QUOTE_RE.match(text, end))


# A quotation table: the market's words somewhere in the article, then lines "name ..... price".
_MARKET_RE = re.compile(r"\b(?i:bourse|cours|cote|valeurs|actions|obligations)\b")
_LEADER_RE = re.compile(r"[^\d\n.]*?(?:\.[^\d\n.]+)*?(?=\s*(?:\.\s?){3,}\s*\.?\d)")
_ENTRY_START_RE = re.compile(r"(?:\.\.|\d|\n|[—–])\s*(?=[^\d\n.—–]*$)")
_ENTRY_RE = re.compile(r"[A-ZÀ-Þ][^\d\n]{1,40}")


def quoted_company(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the table line a name stands in when it is a listed company's (see the
    module): from the previous price or leader to the next leader; else None."""
    lead = _LEADER_RE.match(text, end, min(len(text), end + 60))
    if lead is None or not _MARKET_RE.search(text, 0, start):
        return None
    window = max(0, start - 60)
    before = _ENTRY_START_RE.search(text, window, start)
    first = before.end() if before else start
    entry = text[first : lead.end()].strip()
    first = text.index(entry, first) if entry else first
    if not _ENTRY_RE.fullmatch(entry) or len(entry.split()) > 5:
        return None
    return first, first + len(entry)


# A club's initials ("Football Club", "Hockey Club", "Association Sportive") before a town.
_CLUB_RE = re.compile(r"[A-Z]\.\s?[CS]\.\s?(?=[A-ZÀ-Þ])")
_NEXT_CLUB_RE = re.compile(r"-(?=[A-Z]\.\s?[CS]\.)")


def clubs(cand: Candidate, text: str, kb: KnowledgeBase, places: set[str]) -> list[Candidate]:
    """ "le H. C. Lausanne", "le F.C. Bâle": a club's initials before a town that the
    knowledge base or the article knows as a place name an organisation, not a person with
    initials; "H. C. Lausanne-H. C. Chaux-de-Fonds" (a match) names two clubs: the second
    is returned."""
    initials = _CLUB_RE.match(cand.text)
    if initials is None or cand.ref is not None:
        return []
    town = cand.text[initials.end() :]
    second = _NEXT_CLUB_RE.search(town)
    if second:
        town = town[: second.start()]
    ref = kb.lookup(town)
    if (ref is None or ref.type != "LOC") and fold(town) not in places:
        return []
    rest = cand.end
    cand.end = cand.start + initials.end() + len(town)
    cand.text, cand.type = text[cand.start : cand.end], "ORG"
    if second is None:
        return []
    after = Candidate(cand.end + 1, rest, "PERSON", text[cand.end + 1 : rest])
    found = clubs(after, text, kb, places)
    return [after, *found] if after.type == "ORG" else []
