"""Words that signal reported speech in French and English news.

Matched on surface forms: ``nlp.py`` drops spaCy's lemmatizer for speed, so the
conjugated forms are generated here from infinitives instead of relying on lemmas.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token


def split_words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return text.split()


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# French -er verbs: the regular conjugation below covers their common forms.
_FR_ER_VERBS = split_words(
    "déclarer affirmer ajouter expliquer insister souligner estimer indiquer préciser "
    "rappeler confier lancer marteler annoncer assurer dénoncer regretter juger "
    "signaler noter observer relever commenter plaider résumer trancher confirmer "
    "répéter réitérer asséner assener déplorer menacer raconter témoigner tweeter "
    "avouer conclure reprendre poursuivre continuer ironiser accuser "
    "considérer exhorter réclamer demander proclamer clamer argumenter objecter "
    "rétorquer répliquer s'exclamer insinuer nier protester fustiger jurer certifier "
    "conseiller recommander suggérer soupirer glisser lâcher avancer détailler renchérir "
    "nuancer tempérer s'étonner s'indigner s'inquiéter s'interroger souffler murmurer "
    "crier hurler s'écrier plaisanter s'emporter interroger questionner enchaîner raconter"
)

# Irregular French verbs: explicit forms (present, past participle, imperfect, future).
_FR_IRREGULAR = {
    "dire": "dire dit dits dite dites dis disent disait disaient dira dirait diront disant",
    "reconnaître": "reconnaître reconnaitre reconnu reconnue reconnaît reconnait "
    "reconnaissent reconnaissait reconnaîtra",
    "admettre": "admettre admis admise admet admettent admettait admettra",
    "promettre": "promettre promis promise promet promettent promettait promettra",
    "prévenir": "prévenir prévenu prévient préviennent prévenait préviendra",
    "avertir": "avertir averti avertit avertissent avertissait avertira",
    "répondre": "répondre répondu répond répondent répondait répondra",
    "écrire": "écrire écrit écrivent écrivait écrira",
    "poursuivre": "poursuivi poursuit poursuivent poursuivait",
    "conclure": "conclu conclut concluent concluait",
    "soutenir": "soutenu soutient soutiennent soutenait",
    "reprendre": "repris reprend reprennent reprenait",
    "démentir": "démenti dément démentent démentait",
    "garantir": "garanti garantit garantissent",
    "prédire": "prédit prédisent prédisait",
    "convenir": "convenu convient",
}

_EN_REGULAR = split_words(
    "add warn insist explain note argue claim state declare announce reply respond "
    "acknowledge admit stress emphasise emphasize suggest observe remark continue "
    "conclude recall confirm deny promise predict urge tweet assert maintain "
    "caution contend complain concede vow comment recount ask report answer sigh shout "
    "joke quip wonder boast reiterate highlight underline"
)

_EN_IRREGULAR = "say says said saying tell tells told telling write writes wrote written"

# Inflections of a regular French -er verb, appended to its stem.
_FR_ER_ENDINGS = split_words(
    "er e es ent é ée és ées ait aient ais ant ons ez era erait eront erai a èrent"
)


def _french_forms() -> set[str]:
    forms: set[str] = set()
    for verb in _FR_ER_VERBS:
        verb = verb.removeprefix("s'")
        if not verb.endswith("er"):
            continue
        stem = verb[:-2]
        forms.update(stem + ending for ending in _FR_ER_ENDINGS)
        # rappeler → rappelle, jeter-type doubling; lancer → lança
        forms.update({stem + "le", stem + "lent", stem.replace("c", "ç") + "a"})
    for text in _FR_IRREGULAR.values():
        forms.update(text.split())
    return {form for form in forms if len(form) > 2}


def _english_forms() -> set[str]:
    forms = set(_EN_IRREGULAR.split())
    for verb in _EN_REGULAR:
        base = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb, verb + "s", base + "ed", base + "ing"})
        if verb.endswith("y"):
            forms.update({verb[:-1] + "ied", verb[:-1] + "ies"})
    return forms


@lru_cache(maxsize=1)
def reporting_forms() -> frozenset[str]:
    """Lower-cased surface forms of reporting verbs, French and English together."""
    return frozenset(_french_forms() | _english_forms())


@lru_cache(maxsize=1)
def english_only_forms() -> frozenset[str]:
    """Forms that can only be English ("claim", "warning"): after "a" they are nouns."""
    return frozenset(_english_forms() - _french_forms())


REPORTING_LEMMAS = frozenset(
    {verb.removeprefix("s'") for verb in _FR_ER_VERBS}
    | set(_FR_IRREGULAR)
    | set(_EN_REGULAR)
    | {"say", "tell", "write"}
)

# Verb forms that look like reporting verbs but, alone, are not ("mis" in "mis en garde" is).
NOT_REPORTING = frozenset({"a", "dite", "dites", "appel", "note", "notes", "state", "states"})

# Auxiliaries, clitics and adverbs allowed between a subject and its reporting verb.
VERB_GROUP_FILLERS = words(
    "a ont avait avaient aura auraient aurait est sont s' se s’ était étaient has have had "
    "was were is are will would also then later again further -t -il -elle -ils -elles "
    "leur ne n' pas y en également aussi encore ensuite enfin notamment alors déjà "
    "pour sa part de son côté quant à"
)

# Personal pronouns that can stand for the last named person.
PERSON_PRONOUNS = frozenset({"il", "elle", "-il", "-elle", "he", "she", "lui", "celui-ci"})
PLURAL_PRONOUNS = frozenset({"ils", "elles", "-ils", "-elles", "they"})
# "The latter": the person named last, whoever the sentence was about.
LATTER = frozenset({"ce dernier", "cette dernière", "celui-ci", "celle-ci", "the latter"})
# Words of someone speaking as themselves.
FIRST_PERSON = words("je j' j’ me m' m’ moi nous mon ma mes notre nos i me my we us our")

# Lower-case words inside a person's name ("de Gaulle", "van Gogh"): no title.
NAME_PARTICLES = words("de du des d' d’ van von der den ter di da dos das del della ben bin al el")
# Titles written with a capital before a name ("Maître Dupuis", "Général Martin").
CAPITALISED_TITLES = words(
    "m. mme mlle me maître monsieur madame mademoiselle monseigneur mgr "
    "général colonel commandant capitaine lieutenant amiral maréchal docteur professeur "
    "abbé père frère sœur président présidente ministre juge préfet "
    "mr mr. mrs mrs. ms ms. dr dr. prof. general colonel captain president minister judge"
)

# Reading a text out ("a lu sa déposition :"): the reader is not the author of the quote.
READING_FORMS = words("lu lue lit lisait lisaient lira relu relit read reads reading")

# Words that introduce a speaker without a verb: "selon X", "according to X".
SOURCE_MARKERS = ("selon", "d'après", "d’après", "according to", "cité par", "quoted by")

# Complementisers that open the content clause of indirect speech.
COMPLEMENTISERS = frozenset({"que", "qu'", "qu’", "that"})

# Time adverbs that may separate an inverted verb from its subject ("a déclaré vendredi X").
TIME_WORDS = words(
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui soir matin "
    "monday tuesday wednesday thursday friday saturday sunday yesterday today "
    "tonight également aussi encore ensuite"
)

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = words(
    "m mm mme mmes mlle dr pr me mgr st ste gén col lt mr mrs ms prof sen rep gov gen "
    "jr sr inc corp co no vs etc cf p ex av bd"
)


def is_reporting_form(word: str, lemma: str = "") -> bool:
    """Whether a token (form, optional lemma) is a reporting verb."""
    lower = word.lower().replace("’", "'")
    if lower in NOT_REPORTING:
        return False
    if lemma and lemma.lower() in REPORTING_LEMMAS:
        return True
    return lower in reporting_forms()


# Words before which a reporting form is a noun: "la demande", "l'annonce", "the claim".
_NOUN_MARKERS = words("le la l' l’ les un une des du sa son ses cette ce leur the an his her its")


def is_reporting_verb(tok: Token) -> bool:
    """A reporting verb in context: its form is in the lexicon and no determiner precedes it."""
    if not is_reporting_form(tok.text, tok.lemma_):
        return False
    if tok.i == 0:
        return True
    before = tok.doc[tok.i - 1].lower_
    if before in _NOUN_MARKERS:
        return False
    # "a" is the French auxiliary ("a dit") or the English article ("a claim").
    return not (before == "a" and tok.lower_ in english_only_forms())
