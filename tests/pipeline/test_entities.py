"""Entity mentions: golden sentences for each rule, the reference article, the HIPE eval gate."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

from app.config import get_settings
from app.entities.kb import KnowledgeBase
from app.entities.types import MentionResult
from app.pipeline.entities.extract import extract_mentions
from app.pipeline.ingest.clean import clean_plain_text
from app.pipeline.nlp import blank, parse
from tests.conftest import SEED_FILE, SEED_GOLD, eval_set

ROOT = Path(__file__).resolve().parents[2]

# F1 newsmeta (default model) reaches on the CHECK half of the HIPE French dev sets (split
# by document id, bench/split.py), minus a little: raise them as quality rises.
HIPE_STRICT_F1_FLOOR = 0.661
HIPE_OVERLAP_F1_FLOOR = 0.774


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
    """Floors on the check half (rules are changed looking at the tune half only)."""
    eval_set("hipe-fr-dev")  # skipped with its reason without NEWSMETA_EVAL_DIR
    module = _load_eval_module()
    model = get_settings().spacy_models["fr"]
    results = module.evaluate(models=[model], only=["check"])["check"]
    newsmeta, baseline = results[f"newsmeta+{model.split('_')[-1]}"], results[model]
    assert newsmeta.strict.f1 >= HIPE_STRICT_F1_FLOOR, newsmeta.strict.line()
    assert newsmeta.overlap.f1 >= HIPE_OVERLAP_F1_FLOOR, newsmeta.overlap.line()
    assert newsmeta.strict.f1 > baseline.strict.f1 + 0.05


def test_error_kinds() -> None:
    module = _load_eval_module()
    gold = [(0, 9, "pers"), (20, 26, "loc"), (30, 35, "org"), (40, 45, "pers")]
    predicted = [(3, 9, "pers"), (20, 26, "org"), (50, 55, "loc"), (40, 45, "pers")]
    assert module.errors(gold, predicted) == {"boundary": 1, "type": 1, "missed": 1, "spurious": 1}


def test_halves_split_by_document() -> None:
    from bench.split import half_of

    module = _load_eval_module()
    docs = [module.GoldDocument(f"doc-{n}", "") for n in range(40)]
    halves = module.split(docs, lambda d: d.doc_id)
    assert {d.doc_id for d in halves["tune"]}.isdisjoint(d.doc_id for d in halves["check"])
    assert all(half_of(d.doc_id) == "check" for d in halves["check"])
    assert halves["tune"] and halves["check"]


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


# --- names the model cuts or runs on; text the model reads ------------------------------------


def test_a_name_after_its_verb_is_whole(kb: KnowledgeBase) -> None:
    """An inverted subject ("a déclaré Emmanuel Macron lundi"): the small model stops after
    the first name, the larger one runs on into the day."""
    text = "« Nous resterons unis », a déclaré Emmanuel Macron lundi."
    assert [m.text for m in mentions(text, kb) if m.entity.type == "PERSON"] == ["Emmanuel Macron"]
    doc = nlp_model("fr_core_news_md")(text)
    if doc is not None:  # the larger model, when installed
        found = extract_mentions(doc, kb=kb, language="fr")
        assert [m.text for m in found if m.entity.type == "PERSON"] == ["Emmanuel Macron"]


def test_a_name_ends_before_a_verb_but_keeps_its_particle(kb: KnowledgeBase) -> None:
    text = "Selon le récit de Monezinho d'Albuquerque, l'empereur avait été prévenu."
    assert "Monezinho d'Albuquerque" in [m.text for m in mentions(text, kb)]


def test_the_model_reads_split_words_joined_and_capitals_in_title_case(kb: KnowledgeBase) -> None:
    from app.pipeline.nlp import model_text

    text = "GENÈVE. — Le juge Pierre BOCHOT a reçu M. Hen¬rion et l'ONU."
    assert model_text(text) == "Genève. — Le juge Pierre Bochot a reçu M. Hen-rion et l'ONU."
    doc = parse(text, "fr")
    assert doc.text == text and [t.text for t in doc][:1] == ["GENÈVE"]
    found = {m.text for m in mentions(text, kb)}
    assert {"Pierre BOCHOT", "M. Hen¬rion"} <= found


def nlp_model(name: str):
    from app.pipeline.nlp import ModelUnavailable, load_model

    try:
        return load_model(name)
    except ModelUnavailable:
        return lambda text: None


# --- the title and the standfirst are analysed like the body ----------------------------------


def test_title_and_standfirst_are_analysed(client, session_factory, tmp_path: Path) -> None:
    """A short second paragraph of a .txt is the standfirst: its names and dates are found,
    with offsets into it (``field``); a surname alone in the title is the body's person."""
    from datetime import date

    from app.pipeline.ingest.prepare import ImportDefaults
    from app.pipeline.run import run_import

    path = tmp_path / "scholz.txt"
    path.write_text(
        "Scholz attendu à Paris\n\n"
        "Olaf Scholz est arrivé mardi à Paris.\n\n"
        "« Nous resterons unis », a déclaré Emmanuel Macron lundi lors d'une conférence "
        "de presse. Le chancelier Olaf Scholz a salué l'accord avec la France.\n"
    )
    report = run_import(
        [str(path)],
        session_factory=session_factory,
        defaults=ImportDefaults(published_at=date(2022, 1, 7)),
        max_bytes=1_000_000,
    )
    assert report.failed == 0, report.failures
    article = client.get(f"/v1/articles/{report.article_ids[0]}").json()
    assert article["standfirst"] == "Olaf Scholz est arrivé mardi à Paris."
    for kind in ("mentions", "dates", "quotes"):
        for item in article[kind]:
            assert article[item["field"]][item["start"] : item["end"]] == item["text"]
    seen = {(m["field"], m["text"], m["entity"]["name"]) for m in article["mentions"]}
    assert {
        ("title", "Scholz", "Olaf Scholz"),
        ("title", "Paris", "Paris"),
        ("standfirst", "Olaf Scholz", "Olaf Scholz"),
        ("body", "Emmanuel Macron", "Emmanuel Macron"),
    } <= seen
    dates = {(d["field"], d["text"], d["value"]) for d in article["dates"]}
    assert {("standfirst", "mardi", "2022-01-04"), ("body", "lundi", "2022-01-03")} <= dates
    order = [("title", "standfirst", "body").index(m["field"]) for m in article["mentions"]]
    assert order == sorted(order)  # reading order: the title's items first


def _names(text: str, kb: KnowledgeBase) -> dict[str, str]:
    return {m.text: m.entity.type for m in mentions(text, kb)}


def test_places_named_from_across_a_border(kb: KnowledgeBase) -> None:
    found = _names("Outre-Rhin, on s'inquiète ; outre-Atlantique, on attend.", kb)
    assert found.get("Outre-Rhin") == "LOC"
    assert found.get("outre-Atlantique") == "LOC"


def test_three_initials_are_not_a_person(kb: KnowledgeBase) -> None:
    found = _names("S. M. I. a reçu hier les ambassadeurs au palais de Laeken.", kb)
    assert "S. M. I." not in found
