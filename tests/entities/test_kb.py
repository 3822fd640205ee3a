"""The knowledge base: file parsing, lookup across languages, compounds, dictionary matching."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.entities.kb import KBEntry, KnowledgeBase, canonical_key, parse_kb_file


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.bundled()


def test_bundled_is_loaded_once_and_fast() -> None:
    started = time.perf_counter()
    first = KnowledgeBase.bundled()
    assert KnowledgeBase.bundled() is first
    assert time.perf_counter() - started < 2.0  # generous: < 0.1 s on a laptop
    assert len(first) > 1500


@pytest.mark.parametrize(
    ("surface", "key", "name", "kind"),
    [
        ("OTAN", "wikidata:Q7184", "NATO", "ORG"),
        ("l'OTAN", "wikidata:Q7184", "NATO", "ORG"),
        ("l’OTAN", "wikidata:Q7184", "NATO", "ORG"),
        ("NATO", "wikidata:Q7184", "NATO", "ORG"),
        ("ONU", "wikidata:Q1065", "United Nations", "ORG"),
        ("Union européenne", "wikidata:Q458", "European Union", "ORG"),
        ("Russie", "iso3166:RU", "Russia", "LOC"),
        ("la Russie", "iso3166:RU", "Russia", "LOC"),
        ("États-Unis", "iso3166:US", "United States", "LOC"),
        ("Etats-Unis", "iso3166:US", "United States", "LOC"),
        ("Corée du Nord", "iso3166:KP", "North Korea", "LOC"),
        ("Royaume-Uni", "iso3166:GB", "United Kingdom", "LOC"),
        ("Allemagne", "iso3166:DE", "Germany", "LOC"),
        ("Genève", "geonames:2660646", "Geneva", "LOC"),
        ("Moscou", "geonames:524901", "Moscow", "LOC"),
        ("Londres", "geonames:2643743", "London", "LOC"),
        ("Pékin", "geonames:1816670", "Beijing", "LOC"),
        ("Le Caire", "geonames:360630", "Cairo", "LOC"),
        ("Conseil OTAN-Russie", "name:ORG:nato-russia council", "NATO-Russia Council", "ORG"),
        ("Kremlin", "name:ORG:kremlin", "Kremlin", "ORG"),
        ("Maison-Blanche", "wikidata:Q35525", "White House", "ORG"),
        ("Europe", "geonames:6255148", "Europe", "LOC"),
    ],
)
def test_lookup_gives_one_canonical_entity(
    kb: KnowledgeBase, surface: str, key: str, name: str, kind: str
) -> None:
    ref = kb.lookup(surface)
    assert ref is not None
    assert (ref.key, ref.name, ref.type) == (key, name, kind)


def test_country_carries_its_ids_and_french_and_english_names(kb: KnowledgeBase) -> None:
    russia = kb.lookup("Russie")
    assert russia is not None
    assert russia.ids == {"iso3166": "RU", "geonames": "2017370"}
    assert {"Russie", "Russian Federation", "Fédération de Russie"} <= set(russia.aliases)


def test_lookup_of_an_unknown_name_is_none(kb: KnowledgeBase) -> None:
    assert kb.lookup("Jens Stoltenberg") is None
    assert kb.lookup("") is None


def test_canonical_key_is_stable_across_spellings() -> None:
    assert canonical_key("Jens Stoltenberg", "PERSON") == "name:PERSON:jens stoltenberg"
    assert canonical_key("l'OTAN", "ORG") == canonical_key("OTAN", "ORG") == "name:ORG:otan"
    assert canonical_key("l’Élysée", "ORG") == canonical_key("Elysée", "ORG")
    assert canonical_key("  la   Russie ", "LOC") == "name:LOC:russie"


def test_otan_and_nato_are_one_entity(kb: KnowledgeBase) -> None:
    keys = {kb.lookup(s).key for s in ("l'OTAN", "OTAN", "NATO")}  # type: ignore[union-attr]
    assert keys == {"wikidata:Q7184"}


@pytest.mark.parametrize(
    ("word", "names"),
    [
        ("américano-russes", ["United States", "Russia"]),
        ("OTAN-Russie", ["NATO", "Russia"]),
        ("franco-allemand", ["France", "Germany"]),
        ("sino-américaines", ["China", "United States"]),
        ("israélo-palestinien", ["Israel", "Palestine"]),
        ("US-Russia", ["United States", "Russia"]),
        ("Russian-American", ["Russia", "United States"]),
        ("Jean-Pierre", None),
        ("Saint-Pétersbourg", None),
        ("Russie", None),
    ],
)
def test_compound_parts(kb: KnowledgeBase, word: str, names: list[str] | None) -> None:
    parts = kb.compound_parts(word)
    assert (None if parts is None else [p.name for p in parts]) == names


def test_find_in_text_matches_capitalised_aliases_longest_first(kb: KnowledgeBase) -> None:
    text = "Une réunion du Conseil OTAN-Russie à Genève, puis l’OTAN à Bruxelles."
    found = [(m.text, m.start, m.entity.name) for m in kb.find_in_text(text)]
    assert found == [
        ("Conseil OTAN-Russie", 15, "NATO-Russia Council"),
        ("Genève", 37, "Geneva"),
        ("OTAN", 52, "NATO"),
        ("Bruxelles", 59, "Brussels"),
    ]


def test_find_in_text_skips_common_words_and_glued_names(kb: KnowledgeBase) -> None:
    text = "Il fait nice à Nice. La russie. Bâle-Campagne vote. UN HOMME ARRIVE"
    assert [m.text for m in kb.find_in_text(text)] == []


def test_add_extends_the_base_and_merges_same_key() -> None:
    kb = KnowledgeBase()
    ref = kb.add(KBEntry("Jens Stoltenberg", "PERSON", ("Stoltenberg",), {"wikidata": "Q57286"}))
    assert ref.key == "wikidata:Q57286"
    assert kb.lookup("stoltenberg") == ref
    merged = kb.add(
        KBEntry("Jens Stoltenberg", "PERSON", ("J. Stoltenberg",), {"wikidata": "Q57286"})
    )
    assert merged.aliases == ("Stoltenberg", "J. Stoltenberg")
    assert len(kb) == 1
    assert kb.add(KBEntry("Acme", "ORG")).key == "name:ORG:acme"


def test_parse_csv(tmp_path: Path) -> None:
    path = tmp_path / "kb.csv"
    path.write_text(
        "name,type,aliases,wikidata,geonames,iso3166\n"
        "Jens Stoltenberg,PERSON,Stoltenberg|J. Stoltenberg,Q57286,,\n"
        "Geneva,LOC,Genève,,2660646,\n",
        encoding="utf-8",
    )
    assert parse_kb_file(path) == [
        KBEntry(
            "Jens Stoltenberg", "PERSON", ("Stoltenberg", "J. Stoltenberg"), {"wikidata": "Q57286"}
        ),
        KBEntry("Geneva", "LOC", ("Genève",), {"geonames": "2660646"}),
    ]


def test_parse_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text(
        '{"name": "NATO", "type": "ORG", "aliases": ["OTAN"], "ids": {"wikidata": "Q7184"}}\n\n'
        '{"name": "Acme", "type": "org"}\n',
        encoding="utf-8",
    )
    entries = parse_kb_file(path)
    assert entries == [
        KBEntry("NATO", "ORG", ("OTAN",), {"wikidata": "Q7184"}),
        KBEntry("Acme", "ORG", (), {}),
    ]
    assert entries[0].ids == {"wikidata": "Q7184"}


@pytest.mark.parametrize(
    ("suffix", "content", "message"),
    [
        (".csv", "name,type\nAcme,COMPANY\n", r"kb\.csv:2: field 'type'"),
        (".csv", "name,type\n,ORG\n", r"kb\.csv:2: field 'name'"),
        (".csv", "label,type\nAcme,ORG\n", r"kb\.csv:1: header lacks field\(s\) name"),
        (".csv", "name,type,wikidata\nAcme,ORG,7184\n", r"kb\.csv:2: field 'wikidata'"),
        (".jsonl", '{"name": "A", "type": "ORG"}\n{"name": "B"', r"kb\.jsonl:2: not valid JSON"),
        (".jsonl", '{"name": "A", "type": "ORG", "aliases": "B"}', r"kb\.jsonl:1: field 'aliases'"),
        (
            ".jsonl",
            '{"name": "A", "type": "ORG", "ids": {"wiki": "Q1"}}',
            r"kb\.jsonl:1: field 'ids'",
        ),
        (".jsonl", '["A", "ORG"]', r"kb\.jsonl:1: each line must be a JSON object"),
    ],
)
def test_parse_rejects_bad_input_naming_line_and_field(
    tmp_path: Path, suffix: str, content: str, message: str
) -> None:
    path = tmp_path / f"kb{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        parse_kb_file(path)
