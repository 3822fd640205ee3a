"""What types a capitalised name without a model: titles, organisation nouns, context cues.

English first, with the French forms a French text without a model would use. All words
are folded (lower case, no accents); "_" stands for a space inside an item.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS

from app.entities.names import fold
from app.pipeline.entities.words import FR_STOP_WORDS, FUNCTIONS, PARTICLES
from app.pipeline.quotes.lexicon import is_reporting_form


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w.replace("_", " ")) for w in text.split())


# Titles that make the name after them a person's ("Minister Alexander Grushko").
PERSON_TITLES = (
    _words(
        """president vice-president president-elect minister secretary secretary-general
    chancellor premier senator congressman congresswoman congressman governor mayor
    ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chairperson
    director commissioner commander admiral colonel major captain lieutenant sergeant
    marshal judge king queen prince princess emperor empress pope cardinal bishop
    archbishop rabbi imam sheikh emir sultan ayatollah lord lady sir dame dr mr mrs ms
    miss prof professor rep sen gov gen col lt capt sgt adm cdr leader chief coach
    m mme mmes mlle mgr me pr président présidente ministre secrétaire chancelier
    chancelière ambassadeur ambassadrice porte-parole maire député députée sénateur
    sénatrice"""
    )
    | frozenset(f for f in FUNCTIONS if " " not in f)
) - {"general", "général"}
# Words that may sit inside a title phrase: "Deputy Foreign Minister", "Secretary of State",
# "NATO Secretary General". They are never taken as part of a person's name.
TITLE_MODIFIERS = _words(
    """deputy vice prime foreign defence defense interior finance economy economic trade
    health justice home state affairs general first acting former senior assistant under
    permanent special high supreme federal national security energy culture education
    environment agriculture labour labor transport executive managing regional attorney
    surgeon lieutenant-general major-general brigadier crown grand chief of for the and
    général adjoint premier première affaires étrangères d'état"""
)
# Lower-case nouns for a person right before a name ("spokesman John Kirby").
PERSON_NOUNS = (
    PERSON_TITLES
    | _words(
        """diplomat official officer analyst expert economist researcher scientist lawyer
    attorney journalist correspondent reporter colleague counterpart deputy aide adviser
    advisor negotiator candidate rival opponent activist author writer actor actress
    singer player striker goalkeeper coach manager founder head boss ceo executive
    businessman businesswoman billionaire general lawmaker legislator politician
    opposition_leader dissident prosecutor defendant survivor witness veteran
    historian diplomate ministre président présidente porte-parole chef dirigeant
    dirigeante avocat avocate journaliste chercheur chercheuse opposant opposante
    accusé accusée prévenu prévenue inculpé inculpée nommé nommée"""
    )
) - {"m", "me", "pr", "lord", "lady", "major", "miss"}
# Nouns that make an organisation of the capitalised words ending with them.
ORG_HEADS = _words(
    """ministry department council party agency bank commission committee union
    organization organisation association federation foundation institute university
    college court tribunal parliament assembly senate congress office service services
    forces army navy police guard fund alliance front movement network group company
    corporation corp inc ltd llc plc gmbh holdings partners airlines airways motors
    systems technologies industries times post journal news press television radio
    watch church club board authority administration government cabinet league
    secretariat bureau directorate command brigade regiment battalion commission
    ministère conseil parti agence banque comité fondation institut université cour
    assemblée sénat gouvernement armée société groupe fédération"""
)
# Connectors allowed inside an organisation name ("Ministry of Foreign Affairs").
ORG_CONNECTORS = _words("of for and de du des d' la le l'")
# Name particles ("Ursula von der Leyen", "Mohammed bin Salman").
NAME_PARTICLES = PARTICLES - _words("the of et y") | _words("ten ter te den op zu af bint")
# Prefixes glued to a surname by a hyphen or apostrophe: "al-Assad", "d'Estaing".
NAME_PREFIXES = _words("al el ad an ar as ash at az ben bin ibn abu abd d l de di da van von")
MONTHS_AND_DAYS = _words(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday janvier février mars avril
    mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi
    vendredi samedi dimanche"""
)
_NAMES_AMONG_STOP_WORDS = _words("may will bill don mark rose sue")


@lru_cache(maxsize=16)
def function_words(language: str) -> frozenset[str]:
    """Capitalised function words never part of a name ("The", "However", "Le"): the
    language's stop words ("premier" is one in French, not in "Premier League")."""
    try:
        stop_words = spacy.util.get_lang_class(language).Defaults.stop_words
    except Exception:  # no spaCy language data: English and French together
        stop_words = set(EN_STOP_WORDS) | set(FR_STOP_WORDS)
    return frozenset(fold(w) for w in stop_words) - NAME_PARTICLES - _NAMES_AMONG_STOP_WORDS


# Words between a subject and its reporting verb: "Grushko has also said".
VERB_FILLERS = _words(
    "has had have also then later again further earlier previously reportedly was is would "
    "will a aussi également"
)
# Capitalised only because they open a sentence ("Later Stoltenberg said").
SENTENCE_OPENERS = _words(
    """later earlier yesterday today tonight tomorrow instead separately speaking asked
    officials critics analysts experts sources diplomats residents witnesses observers
    authorities police protesters troops soldiers leaders ministers lawmakers voters
    russian russians american americans european europeans western ukrainian ukrainians
    chinese french german british"""
)


# -- context cues: what the words around a name say about it -------------------------------

_INVERTED_VERB_RE = re.compile(r"[,\"”’]\s*([^\W\d_]+)\s+$")
_APPOSITION_AFTER_RE = re.compile(r",\s+((?:[\w'’-]+\s+){0,5}?)([\w-]+)\s*[,.]")
_APPOSITION_BEFORE_RE = re.compile(r"([\w-]+)\s*,\s+$")
_NP_OPENERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
_PREPOSITIONS = _words(
    "at of from for with by in on to into about against between among like than via under "
    "over after before during including par pour avec chez sur dans à entre contre"
)


# A rank or a function in lower case right before a name, parts of a compound rank
# ("capitaine-lieutenant"), a nobility title ("gouverneur-général comte") or a country's
# complement between ("roi de Pologne", "ambassadeur d'Italie").
_RANK_BEFORE_RE = re.compile(
    r"(?<![\w-])([a-zà-ÿ][\w-]*)(?:\s+(?:de|du|d['’])\s*[A-ZÀ-Þ][\w-]*)?[ \u00a0]+$"
)


def rank_before(text: str, start: int) -> bool:
    """Whether a person's function or rank stands right before ``start`` (French: "le
    général Franco", "le capitaine-lieutenant Nowak", "le roi de Pologne Ladislas")."""
    match = _RANK_BEFORE_RE.search(text, max(0, start - 50), start)
    if match is None:
        return False
    parts = [fold(p) for p in match.group(1).split("-")]
    return any(p in PERSON_NOUNS or p in FUNCTIONS for p in parts)


# A policy, a law, a doctrine or a parliamentary motion named after a person, the name right
# after the noun with no article or preposition between: "le plan Marshall", "la loi Veil",
# "la doctrine Monroe", "la motion Dupuis", "le postulat Weber".
_EPONYM_BEFORE_RE = re.compile(
    r"\b(?:le|la|du|au|l['’]|un|une)\s*(?:plan|loi|doctrine|réforme|pacte|motion|postulat|amendement)[ \u00a0]+$",
    re.IGNORECASE,
)


def eponym_before(text: str, start: int) -> bool:
    """Whether the name at ``start`` names the person a plan, a law or a doctrine is named
    after, or whose motion it is (French: "le plan Marshall", "la loi Veil", "la motion
    Dupuis")."""
    return _EPONYM_BEFORE_RE.search(text, max(0, start - 20), start) is not None


def reporting_verb_after(text: str, start: int, end: int) -> bool:
    """ "Grushko said", "Stoltenberg has also told reporters" (not "analysts at Morgan
    Stanley said": after a preposition a name is no subject)."""
    before = re.search(r"([^\W\d_]+)[ \u00a0]$", text[max(0, start - 20) : start])
    if before is not None and fold(before.group(1)) in _PREPOSITIONS:
        return False
    for word in text[end : end + 60].split()[:4]:
        word = word.strip(',.;:!?"”’)')
        if is_reporting_form(word) and word.islower():
            return True
        if fold(word) not in VERB_FILLERS:
            return False
    return False


def reporting_verb_before(text: str, start: int) -> bool:
    """'"…," said John Smith'."""
    match = _INVERTED_VERB_RE.search(text[max(0, start - 30) : start])
    return match is not None and match.group(1).islower() and is_reporting_form(match.group(1))


def apposition(text: str, start: int, end: int) -> bool:
    """ "John Smith, the bank's director, said", "the bank's director, John Smith,"."""
    after = _APPOSITION_AFTER_RE.match(text, end, min(len(text), end + 80))
    if after is not None and fold(after.group(2)) in PERSON_NOUNS:
        opener = after.group(1).split()[0] if after.group(1) else ""
        return not opener or opener.lower() in _NP_OPENERS or opener.endswith(("'s", "’s"))
    before = _APPOSITION_BEFORE_RE.search(text[max(0, start - 40) : start])
    return before is not None and fold(before.group(1)) in PERSON_NOUNS
