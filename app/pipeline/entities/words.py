"""Word lists for mention cleaning: titles, functions, non-names, place nouns (French first)."""

from __future__ import annotations

from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS

from app.entities.names import fold


def _words(text: str) -> frozenset[str]:
    """Folded words of a whitespace-separated list ("_" stands for a space inside an item)."""
    return frozenset(fold(w.replace("_", " ")) for w in text.split())


# Function and rank nouns left out of a person's mention ("le secrétaire général Jens S.").
FUNCTIONS = _words(
    """secrétaire_général_adjoint secrétaire_général secrétaire_d'état premier_ministre
    vice-président vice-présidente président présidente ministre chancelier chancelière
    porte-parole ambassadeur ambassadrice directeur directrice général maréchal colonel
    commandant capitaine lieutenant amiral chef sénateur sénatrice député députée maire
    gouverneur juge professeur docteur monsieur madame mademoiselle cheikh émir roi reine pape
    prince princesse comte comtesse baron duc duchesse lord sir president secretary-general
    secretary_general prime_minister minister chancellor senator governor mayor king queen
    general"""
)
# Capitalised words that start sentences or boilerplate, never a name on their own.
NON_NAMES = _words(
    """votre vos nous vous j' n'hésitez hésitez merci cependant alors selon paypal newsletter
    ici lire partagez abonnez dimanche lundi mardi mercredi jeudi vendredi samedi janvier
    février mars avril mai juin juillet août septembre octobre novembre décembre dieu etat état
    etats états avis m mm mme mmes mlle mlles mgr dr mr mrs ms"""
) | frozenset(fold(w) for w in FR_STOP_WORDS)
_MONTH_NAMES = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)
# Folded (as names are compared) and as written.
MONTHS = _words(_MONTH_NAMES) | frozenset(_MONTH_NAMES.split())
DAYS_AND_MONTHS = _words(
    """lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin
    juillet août septembre octobre novembre décembre"""
)
# Heads of phrases that name a kind of body, not one body ("Affaires étrangères des États
# membres" is the ministers' portfolio, not an organisation).
GENERIC_HEADS = _words(
    "affaires relations membres etats_membres ministres droits forces pays alliés services "
    "autorités"
)
# Name particles: "de Gaulle", "van Gogh", "ben Salmane".
PARTICLES = _words("de du des d' van von der da di del dos don la le ben bin al el y et of the")
ARTICLES = _words("la le l' the")
# Nouns that make a place of a name ("rue de Rome", "lac de Genève").
_STREETS = "rue avenue av. boulevard bd quai place route chemin impasse allée passage pont"
_NATURAL = "lac mer mont île golfe vallée col canal détroit baie cap"
_AREAS = "canton ville département province région principauté duché comté district"
STREET_NOUNS = _words(_STREETS)
NATURAL_PLACE_NOUNS = _words(_NATURAL)
# A street's or a natural place's noun as written and folded, longest first ("mer Noire").
PLACE_NOUNS = tuple(
    sorted({f for w in f"{_STREETS} {_NATURAL}".split() for f in (w, fold(w))}, key=len)[::-1]
)
# As written and folded (OCR often drops accents), longest first for a regex alternation.
PLACE_NOUN_FORMS = tuple(
    sorted({f for w in f"{_STREETS} {_NATURAL} {_AREAS}".split() for f in (w, fold(w))}, key=len)[
        ::-1
    ]
)
