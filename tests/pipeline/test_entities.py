"""Entity mentions: golden sentences for each rule, the reference article, the HIPE eval gate."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

from app.entities.kb import KnowledgeBase
from app.entities.types import MentionResult
from app.pipeline.entities.extract import extract_mentions
from app.pipeline.ingest.clean import clean_plain_text
from app.pipeline.nlp import blank, parse
from tests.conftest import SEED_FILE, SEED_GOLD, eval_set

ROOT = Path(__file__).resolve().parents[2]

# Strict F1 newsmeta reaches on the HIPE French dev sets, minus a little: raise it as quality rises.
HIPE_STRICT_F1_FLOOR = 0.57
HIPE_OVERLAP_F1_FLOOR = 0.70


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.bundled()


def mentions(text: str, kb: KnowledgeBase) -> list[MentionResult]:
    found = extract_mentions(parse(text, "fr"), kb=kb, language="fr")
    assert all(text[m.start : m.end] == m.text for m in found)
    return found


def summary(text: str, kb: KnowledgeBase) -> list[tuple[str, int, str, str]]:
    return [(m.text, m.start, m.entity.name, m.entity.type) for m in mentions(text, kb)]


def test_elided_article_is_left_out(kb: KnowledgeBase) -> None:
    text = "Les relations avec la Russie se tendent, selon l’OTAN et l'ONU."
    assert summary(text, kb) == [
        ("Russie", 22, "Russia", "LOC"),
        ("OTAN", 49, "NATO", "ORG"),
        ("ONU", 59, "United Nations", "ORG"),
    ]


def test_function_titles_are_left_out_courtesy_titles_kept(kb: KnowledgeBase) -> None:
    text = "Le président Macron a reçu M. Dupont à Paris."
    assert summary(text, kb) == [
        ("Macron", 13, "Macron", "PERSON"),
        ("M. Dupont", 27, "Dupont", "PERSON"),
        ("Paris", 39, "Paris", "LOC"),
    ]


def test_surname_alone_is_the_full_name_said_before(kb: KnowledgeBase) -> None:
    text = "Le secrétaire général Jens Stoltenberg a parlé. Stoltenberg a ensuite quitté la salle."
    found = mentions(text, kb)
    assert [(m.text, m.start) for m in found] == [("Jens Stoltenberg", 22), ("Stoltenberg", 48)]
    assert {m.entity.key for m in found} == {"name:PERSON:jens stoltenberg"}
    assert {m.entity.name for m in found} == {"Jens Stoltenberg"}


def test_surname_alone_is_the_full_name_said_after(kb: KnowledgeBase) -> None:
    text = "Stoltenberg a parlé hier à Oslo. Jens Stoltenberg est norvégien."
    found = [m for m in mentions(text, kb) if m.entity.type == "PERSON"]
    assert [m.text for m in found] == ["Stoltenberg", "Jens Stoltenberg"]
    assert {m.entity.name for m in found} == {"Jens Stoltenberg"}


def test_acronym_in_parentheses_is_its_expansion(kb: KnowledgeBase) -> None:
    text = "Le Front de libération nationale (FLN) a gagné les élections. Le FLN gouverne depuis."
    found = mentions(text, kb)
    assert [m.text for m in found] == ["Front de libération nationale", "FLN", "FLN"]
    assert {m.entity.name for m in found} == {"Front de libération nationale"}


def test_kb_type_beats_the_model(kb: KnowledgeBase) -> None:
    # fr_core_news_sm tags "Kremlin" LOC and, here, "Moscou" ORG.
    assert summary("Le Kremlin a répondu, et Moscou a démenti.", kb) == [
        ("Kremlin", 3, "Kremlin", "ORG"),
        ("Moscou", 25, "Moscow", "LOC"),
    ]


def test_junk_is_not_a_mention(kb: KnowledgeBase) -> None:
    text = (
        "Votre soutien est essentiel. N’hésitez pas à nous écrire via Paypal. "
        "Une réunion des ministres des Affaires étrangères des États membres a eu lieu."
    )
    assert summary(text, kb) == []


def test_compound_adjective_is_not_a_mention_but_names_its_parts(kb: KnowledgeBase) -> None:
    text = "Les pourparlers américano-russes débuteront à Genève."
    assert summary(text, kb) == [("Genève", 46, "Geneva", "LOC")]
    assert [r.name for r in kb.compound_parts("américano-russes") or []] == [
        "United States",
        "Russia",
    ]


def test_place_nouns_make_a_place_of_their_own(kb: KnowledgeBase) -> None:
    text = "Ils habitent au 12, rue de Rome, près du lac de Genève, dans le canton de Vaud."
    assert summary(text, kb) == [
        ("12, rue de Rome", 16, "rue de Rome", "LOC"),
        ("lac de Genève", 41, "lac de Genève", "LOC"),
        ("canton de Vaud", 64, "Vaud", "LOC"),
    ]


def test_english_text_without_a_model_uses_the_kb() -> None:
    text = "NATO and Russia met in Geneva with the United States and the Kremlin."
    doc: Doc = blank("en")(text)
    found = extract_mentions(doc, kb=KnowledgeBase.bundled(), language="en")
    assert [(m.text, m.start, m.entity.key, m.entity.type) for m in found] == [
        ("NATO", 0, "wikidata:Q7184", "ORG"),
        ("Russia", 9, "iso3166:RU", "LOC"),
        ("Geneva", 23, "geonames:2660646", "LOC"),
        ("United States", 39, "iso3166:US", "LOC"),
        ("Kremlin", 61, "name:ORG:kremlin", "ORG"),
    ]


# --- the reference article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(kb: KnowledgeBase) -> tuple[list[MentionResult], dict]:
    gold = SEED_GOLD
    body = clean_plain_text(SEED_FILE.read_text(encoding="utf-8")).body
    return mentions(body, kb), gold["entities"]


def _entity_surfaces(found: list[MentionResult], name: str) -> set[str]:
    return {m.text for m in found if m.entity.name == name}


def test_reference_article_has_every_must_entity(reference) -> None:
    found, gold = reference
    for expected in gold["must"] + gold["should"]:
        refs = {m.entity for m in found if m.entity.name == expected["name"]}
        assert len(refs) == 1, expected["name"]
        ref = refs.pop()
        assert ref.type == expected["type"], expected["name"]
        for kind in ("wikidata", "iso3166"):
            if kind in expected:
                assert ref.ids.get(kind) == expected[kind], expected["name"]
        # "l'OTAN" is found as "OTAN": the elided article is not part of the mention.
        surfaces = {s.split("'")[-1] for s in expected["surface"]}
        assert surfaces <= _entity_surfaces(found, expected["name"]), expected["name"]


def test_reference_article_keys(reference) -> None:
    found, _ = reference
    keys = {m.entity.name: m.entity.key for m in found}
    assert keys["NATO"] == "wikidata:Q7184"
    assert keys["Russia"] == "iso3166:RU"
    assert keys["Ukraine"] == "iso3166:UA"
    assert keys["United States"] == "iso3166:US"
    assert keys["Geneva"] == "geonames:2660646"
    assert keys["Moscow"] == "geonames:524901"
    assert keys["Jens Stoltenberg"] == "name:PERSON:jens stoltenberg"


def test_reference_article_conseil_otan_russie_is_one_mention(reference) -> None:
    found, _ = reference
    council = [m for m in found if "Conseil" in m.text or "OTAN-Russie" in m.text]
    assert [m.text for m in council] == ["Conseil OTAN-Russie", "Conseil OTAN-Russie"]
    assert {m.entity.name for m in council} == {"NATO-Russia Council"}


def test_reference_article_has_none_of_the_must_not_names(reference) -> None:
    found, gold = reference
    seen = {m.text for m in found} | {m.entity.name for m in found}
    assert seen.isdisjoint(gold["must_not_names"])
    assert all(m.entity.type in {"PERSON", "ORG", "LOC", "MISC"} for m in found)


# --- evaluation gate on HIPE-2022 French dev ----------------------------------------------------


def _load_eval_module():
    spec = importlib.util.spec_from_file_location(
        "eval_entities", ROOT / "bench" / "eval_entities.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_entities"] = module
    spec.loader.exec_module(module)
    return module


def test_hipe_eval_gate() -> None:
    eval_set("hipe-fr-dev")
    module = _load_eval_module()
    results = module.evaluate()
    newsmeta, baseline = results["newsmeta"], results["fr_core_news_sm"]
    assert newsmeta.strict.f1 >= HIPE_STRICT_F1_FLOOR, newsmeta.strict.line()
    assert newsmeta.overlap.f1 >= HIPE_OVERLAP_F1_FLOOR, newsmeta.overlap.line()
    assert newsmeta.strict.f1 > baseline.strict.f1 + 0.05


def test_scoring_strict_and_overlap() -> None:
    module = _load_eval_module()
    gold = [(0, 9, "pers"), (20, 26, "loc")]
    predicted = [(3, 9, "pers"), (20, 26, "loc"), (30, 35, "org")]
    strict = module.score(gold, predicted)
    overlap = module.score(gold, predicted, overlap=True)
    assert (strict.tp, strict.fp, strict.fn) == (1, 2, 1)
    assert (overlap.tp, overlap.fp, overlap.fn) == (2, 1, 0)
    assert round(overlap.f1, 3) == 0.8


def test_hipe_documents_keep_gold_offsets(tmp_path: Path) -> None:
    module = _load_eval_module()
    tsv = tmp_path / "mini.tsv"
    tsv.write_text(
        "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tMISC\n"
        "# hipe2022:document_id = d1\n"
        "M\tB-pers\tO\tNoSpaceAfter\n.\tI-pers\tO\t_\nDupont\tI-pers\tO\t_\n"
        "à\tO\tO\t_\nParis\tB-LOC\tO\tNoSpaceAfter\n.\tO\tO\t_\n"
        "# hipe2022:document_id = d2\n"
        "Le\tO\tO\t_\nTemps\tB-prod\tO\t_\n",
        encoding="utf-8",
    )
    first, second = module.load_hipe(tsv)
    assert first.text == "M. Dupont à Paris. "
    assert [first.text[s:e] + "/" + t for s, e, t in first.entities] == [
        "M. Dupont/pers",
        "Paris/loc",
    ]
    assert second.entities == []
