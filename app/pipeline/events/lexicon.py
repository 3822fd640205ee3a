"""Word lists for event extraction: triggers, tense markers, notes, compound stems.

French and English. Words are lower-case; multi-word triggers are token tuples.
"""

from __future__ import annotations

import re

from app.entities.types import EntityRef

# Event nouns (lower-case token sequences) → event type. Longest match wins.
TRIGGERS: dict[tuple[str, ...], str] = {}


def _add(event_type: str, *phrases: str) -> None:
    for phrase in phrases:
        TRIGGERS[tuple(phrase.split())] = event_type


_add("talks", "pourparlers", "négociation", "négociations", "discussions", "talks")
_add("talks", "negotiation", "negotiations", "peace talks")
_add("meeting", "réunion", "réunions", "rencontre", "rencontres", "conseil des ministres")
_add("meeting", "assemblée générale", "conférence", "forum", "meeting", "meetings")
_add("meeting", "conference", "general assembly")
_add("summit", "sommet", "sommets", "summit", "summits")
_add("press_conference", "conférence de presse", "point presse", "point de presse")
_add("press_conference", "press conference", "news conference", "press briefing")
_add("election", "élection", "élections", "scrutin", "présidentielle", "législatives")
_add("election", "municipales", "régionales", "sénatoriales", "primaire", "primaires")
_add("election", "election", "elections", "presidential election", "primary", "primaries")
_add("visit", "visite", "visites", "déplacement", "visit", "visits", "trip")
_add("vote", "vote", "référendum", "votation", "votes", "referendum", "ballot")
_add("attack", "attaque", "attaques", "attentat", "attentats", "frappe", "frappes")
_add("attack", "bombardement", "bombardements", "attack", "attacks", "bombing", "airstrike")
_add("attack", "airstrikes", "air strike", "air strikes")
_add("agreement", "signature", "signing", "accord signé")
_add("trial", "procès", "trial")
_add("strike", "grève", "grèves", "strike", "strikes", "walkout")
_add("protest", "manifestation", "manifestations", "protest", "protests", "demonstration")
_add("other", "cérémonie", "investiture", "obsèques", "funérailles", "ceremony", "inauguration")
_add("other", "funeral")

MAX_TRIGGER_TOKENS = max(len(k) for k in TRIGGERS)

# A trigger modified by one of these is announced, not happening in its sentence's clause.
PROSPECTIVE = {
    "prochain", "prochaine", "prochains", "prochaines", "futur", "future", "futurs", "futures",
    "next", "upcoming", "forthcoming",
}  # fmt: skip

# A trigger introduced by one of these is a reference point ("avant les pourparlers").
REFERENCE_PREPOSITIONS = {"avant", "après", "depuis", "before", "after", "since"}

# Words left out of titles at their start ("la première réunion" → "Réunion").
TITLE_DROP_LEFT = PROSPECTIVE | {
    "le", "la", "les", "l'", "l’", "un", "une", "des", "du", "de", "d'", "ce", "cette", "ces",
    "cet", "premier", "première", "premiers", "premières", "nouveau", "nouvelle", "nouvelles",
    "the", "a", "an", "first", "new", "this", "its", "their", "his", "her", "son", "sa", "ses",
    "leur", "leurs", "avant", "après", "before", "after", "lors", "pour", "for", "à", "au",
    "aux", "en", "avec", "pendant", "durant", "during", "at", "in", "to", "of",
}  # fmt: skip

# Titles stop at these words (relative clauses, note phrases, incidental clauses).
TITLE_STOP = {
    "depuis", "since", "qui", "que", "qu'", "dont", "which", "that", "who", "lors", "pour",
    "for", "où", "where", ",", ";", ":", "(", "«", '"', "–", "—",
}  # fmt: skip

# Words trimmed from the end of a title ("réunion du" after cutting the date).
TITLE_DROP_RIGHT = {
    "de", "du", "des", "d'", "d’", "le", "la", "les", "l'", "l’", "à", "au", "aux", "en", "et",
    "entre", "avec", "of", "the", "in", "at", "on", "and", "between", "with", "-", "ce", "cette",
}  # fmt: skip

# Verbs that report an event without taking part in it ("X a annoncé une réunion").
REPORTING_VERBS = re.compile(
    r"^(annonc|déclar|confirm|indiqu|précis|affirm|dément|dit$|dis|expliqu|évoqu|prévi|"
    r"announc|confirm|said|say|report|deni|tell|told)",
    re.IGNORECASE,
)

# Lexical tense markers when the pipeline has no morphology (blank English pipeline).
FUTURE_WORDS = {
    "will", "shall", "'ll", "scheduled", "expected", "due", "planned", "set",
    "aura", "auront", "devrait", "devraient", "doit", "doivent", "devra", "devront", "prévu",
    "prévue", "prévus", "prévues", "tiendra", "tiendront", "sera", "seront", "va", "vont",
}  # fmt: skip
PAST_WORDS = {
    "was", "were", "held", "took", "met", "had", "did", "last", "yesterday", "visited",
    "hier", "était", "étaient", "fut",
}  # fmt: skip
# Present-tense forms that announce a planned happening ("doit avoir lieu", "va se tenir").
PROSPECTIVE_VERBS = {
    "doit", "doivent", "va", "vont", "prévu", "prévue", "prévus", "prévues", "programmé",
    "programmée", "programmés", "programmées",
}  # fmt: skip

# A date introduced by one of these is a reference point, not the event's date.
REFERENCE_DATE_BEFORE = re.compile(
    r"\b(depuis|since|il y a|jusqu'en|jusqu’en|until)\s*(le|la|l'|l’|les|the|en|in)?\s*$",
    re.IGNORECASE,
)

# Prepositions that introduce an event's place ("à Genève", "en France", "in Geneva").
LOCATION_BEFORE = re.compile(
    r"(?:^|\s)(à|en|au|aux|dans|in|at|to)\s+(?:l['’]|la\s+|le\s+|les\s+|the\s+)?$",
    re.IGNORECASE,
)

# A trigger introduced by these took place in its clause ("lors de la conférence de presse").
DURING_BEFORE = re.compile(
    r"\b(lors|au cours|à l'issue|à l’issue|pendant|durant|during|at)\s+"
    r"(?:d['’]|de\s+|du\s+|des\s+)?(?:(?:une?|la|le|les|l['’]|the|a|an)\s*)?$",
    re.IGNORECASE,
)

# Notes that qualify an event; each pattern's match (normalised) becomes a note.
NOTE_PATTERNS = [
    re.compile(
        r"\b(?:(?:la|le|les|l['’])\s*)?premi(?:er|ère|ers|ères)\b(?P<gap>[^.;]{0,60}?)"
        r"\bdepuis\s+(?P<ref>\d{4}|des\s+années|des\s+décennies|\d+\s+ans|\w+\s+ans)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bfirst\b(?P<gap>[^.;]{0,60}?)"
        r"\b(?P<ref>since\s+\d{4}|in\s+(?:\d+|\w+)\s+(?:years|decades|months))",
        re.IGNORECASE,
    ),
    re.compile(r"\b(extraordinaire|extraordinary|d['’]urgence|emergency)\b", re.IGNORECASE),
    re.compile(
        r"\b(en ligne|virtuel(?:le)?|virtual|online|(?:en|par) visioconférence|"
        r"video ?conference)\b",
        re.IGNORECASE,
    ),
    re.compile(r"(à huis clos|behind closed doors)", re.IGNORECASE),
    re.compile(r"\b(report[ée]e?s?|postponed|annul[ée]e?s?|cancell?ed)\b", re.IGNORECASE),
]


def _country(code: str, name: str) -> EntityRef:
    return EntityRef(key=f"iso3166:{code}", name=name, type="LOC", ids={"iso3166": code})


def _org(qid: str, name: str) -> EntityRef:
    return EntityRef(key=f"wikidata:{qid}", name=name, type="ORG", ids={"wikidata": qid})


NATO = _org("Q7184", "NATO")
EU = _org("Q458", "European Union")
UN = _org("Q1065", "United Nations")

# code: (name, combining stems and country names, adjectives that may stand alone)
_COUNTRY_WORDS: dict[str, tuple[str, str, str]] = {
    "US": ("United States", "américano états-unis etats-unis usa us u.s. washington",
           "américain américaine américains américaines american"),
    "RU": ("Russia", "russo russie russia moscou moscow", "russe russes russian"),
    "FR": ("France", "franco france", "français française françaises french"),
    "DE": ("Germany", "germano allemagne germany",
           "allemand allemande allemands allemandes german"),
    "CN": ("China", "sino chine china", "chinois chinoise chinoises chinese"),
    "GB": ("United Kingdom", "anglo royaume-uni uk britain", "britannique britanniques british"),
    "UA": ("Ukraine", "ukraino ukraine",
           "ukrainien ukrainienne ukrainiens ukrainiennes ukrainian"),
    "IL": ("Israel", "israélo israël israel", "israélien israélienne israéliens israeli"),
    "PS": ("Palestine", "palestino palestine",
           "palestinien palestinienne palestiniens palestinian"),
    "TR": ("Turkey", "turco turquie turkey", "turc turque turcs turques turkish"),
    "IR": ("Iran", "irano iran", "iranien iranienne iraniens iranian"),
    "JP": ("Japan", "nippo japon japan", "japonais japonaise japanese"),
    "IN": ("India", "indo inde india", "indien indienne indiens indian"),
    "PK": ("Pakistan", "pakistano pakistan", "pakistanais pakistanaise pakistani"),
    "IT": ("Italy", "italo italie italy", "italien italienne italiens italian"),
    "ES": ("Spain", "hispano espagne spain", "espagnol espagnole espagnols spanish"),
    "GR": ("Greece", "gréco grèce greece", "grec grecque grecs greek"),
    "BE": ("Belgium", "belgo belgique belgium", "belge belges belgian"),
    "PL": ("Poland", "polono pologne poland", "polonais polonaise polish"),
    "SY": ("Syria", "syro syrie syria", "syrien syrienne syriens syrian"),
    "LB": ("Lebanon", "libano liban lebanon", "libanais libanaise lebanese"),
    "CA": ("Canada", "canado canada", "canadien canadienne canadiens canadian"),
    "MX": ("Mexico", "mexicano mexique mexico", "mexicain mexicaine mexican"),
    "SA": ("Saudi Arabia", "saoudo", "saoudien saoudienne saoudiens saudi"),
    "EG": ("Egypt", "égypto égypte egypt", "égyptien égyptienne egyptian"),
    "BR": ("Brazil", "brésil brazil", "brésilien brésilienne brazilian"),
}  # fmt: skip

# Words that name a party inside a compound ("américano-russes", "OTAN-Russie", "US-Russia").
COMPOUND_WORDS: dict[str, EntityRef] = {
    word: _country(code, name)
    for code, (name, stems, adjectives) in _COUNTRY_WORDS.items()
    for word in f"{stems} {adjectives}".split()
}
COMPOUND_WORDS.update(
    {w: NATO for w in ("otan", "nato")}
    | {w: EU for w in ("ue", "eu", "euro")}
    | {w: UN for w in ("onu", "un")}
)

# Nationality adjectives that name a party on their own ("la présidentielle française").
ADJECTIVE_WORDS: dict[str, EntityRef] = {
    word: _country(code, name)
    for code, (name, _stems, adjectives) in _COUNTRY_WORDS.items()
    for word in adjectives.split()
}
ADJECTIVE_WORDS.update({w: EU for w in ("européen", "européenne", "européens", "européennes")})

# Capitals and seats of power stand for their country when matching events across articles.
METONYMS: dict[str, str] = {
    name: f"iso3166:{code}"
    for code, names in {
        "US": "washington|washington, d.c.|white house|maison blanche",
        "RU": "moscow|moscou|kremlin|le kremlin",
        "FR": "paris|élysée|elysée|l'élysée",
        "DE": "berlin",
        "CN": "beijing|pékin",
        "GB": "london|londres|downing street",
        "UA": "kyiv|kiev|kyïv",
        "TR": "ankara",
        "IR": "tehran|téhéran",
        "JP": "tokyo",
    }.items()
    for name in names.split("|")
}
