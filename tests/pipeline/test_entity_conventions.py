"""Entity rules of the fourth pass, on sentences written for these tests: words OCR glued
together, datelines in capitals and the rubric after them, towns with compound names, the
author's initials that sign an article."""

from __future__ import annotations

import pytest

from app.entities.kb import KnowledgeBase
from app.pipeline.entities.extract import extract_mentions
from app.pipeline.nlp import parse


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.bundled()


def _names(text: str, kb: KnowledgeBase) -> dict[str, str]:
    found = extract_mentions(parse(text, "fr"), kb=kb, language="fr")
    assert all(text[m.start : m.end] == m.text for m in found)
    return {m.text: m.entity.type for m in found}


def test_words_glued_by_ocr_are_read_apart() -> None:
    text = (
        "Le syndic a écrit auComité des fêtes, puis laChambre a voté ; on attend "
        "deM. Dupuis la réponse. M.Favre habite rue du Lac, 9.M. Roulet au 11."
    )
    words = [t.text for t in parse(text, "fr")]
    assert words[4:6] == ["au", "Comité"] and words[10:12] == ["la", "Chambre"]
    assert {"de", "M.", "Dupuis", "Favre", "9.", "Roulet"} <= set(words)
    assert "M.Favre" not in words and "9.M." not in words


def test_glued_words_keep_brand_names_and_inner_capitals() -> None:
    text = "Il a vendu son iPhone sur eBay ; la dispoSition du texte est mauvaise."
    doc = parse(text, "fr")
    assert doc.text == text
    assert {"iPhone", "eBay", "dispoSition"} <= {t.text for t in doc}


def test_names_after_a_glued_word_are_found(kb: KnowledgeBase) -> None:
    found = _names("Les skieurs sont partis en pleineLaponie avec Jean Valtier.", kb)
    assert found.get("Laponie") == "LOC"


def test_a_dateline_in_capitals_is_a_place_and_its_rubric_is_not(kb: KnowledgeBase) -> None:
    text = (
        "Un enfant est tombé dans le lac. MONTREUX. — Décès. — M. Paul Girardet, ancien "
        "syndic, est mort hier dans sa quatre-vingtième année."
    )
    found = _names(text, kb)
    assert found.get("MONTREUX") == "LOC"
    assert "Décès" not in found


def test_a_heading_in_capitals_is_still_no_name(kb: KnowledgeBase) -> None:
    found = _names("CHRONIQUE RÉGIONALE\nLe marché de Vevey a été animé.", kb)
    assert not any(name.isupper() for name in found)


def test_towns_with_compound_names_are_no_inhabitants(kb: KnowledgeBase) -> None:
    found = _names(
        "Le congrès s'est tenu à Aix-les-Bains puis à Boulogne-sur-Mer ; "
        "les Lausannois étaient venus nombreux.",
        kb,
    )
    assert found.get("Aix-les-Bains") == "LOC" and found.get("Boulogne-sur-Mer") == "LOC"
    assert "Lausannois" not in found


@pytest.mark.parametrize(
    ("ending", "initials"),
    [
        ("Le public était nombreux. R. Th.", "R. Th."),
        ("Le public était nombreux. J.-P. M. (A suivre.)", "J.-P. M."),
        ("Le public était nombreux. / RTH", "RTH"),
    ],
)
def test_initials_that_sign_an_article_are_its_author(
    ending: str, initials: str, kb: KnowledgeBase
) -> None:
    text = "Le concert a eu lieu hier soir à la cathédrale de Sion. " + ending
    assert _names(text, kb).get(initials) == "PERSON"


def test_initials_inside_a_title_do_not_sign(kb: KnowledgeBase) -> None:
    found = _names("Les lettres ont été remises à S. M. I.", kb)
    assert not any(name.endswith("I.") for name in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("On inaugure le monument du roi de Pologne Wladislas.", "Wladislas"),
        ("Ils ne pardonnent rien au régime du général Franco.", "Franco"),
        ("Le vice-amiral Oudinoff commande l'escadre du Nord.", "Oudinoff"),
    ],
)
def test_a_name_after_a_rank_is_a_person(text: str, name: str, kb: KnowledgeBase) -> None:
    assert _names(text, kb).get(name) == "PERSON"


def test_a_known_place_after_a_rank_stays_a_place(kb: KnowledgeBase) -> None:
    found = _names("Le ministre de France a rencontré le roi de Suède à Genève.", kb)
    assert found.get("France") == "LOC" and found.get("Suède") == "LOC"


def test_club_initials_before_a_town_name_a_club(kb: KnowledgeBase) -> None:
    found = _names(
        "Le H. C. Lausanne a battu hier le F. C. Bâle ; J. C. Dupont a marqué deux buts.",
        kb,
    )
    assert found.get("H. C. Lausanne") == "ORG" and found.get("F. C. Bâle") == "ORG"
    assert found.get("J. C. Dupont") == "PERSON"


def test_a_match_between_two_clubs_is_two_clubs(kb: KnowledgeBase) -> None:
    text = "Samedi, H. C. Lausanne-H. C. Bâle 5 à 3."
    found = _names(text, kb)
    assert found.get("H. C. Lausanne") == "ORG"
    assert found.get("H. C. Bâle") == "ORG"


def test_a_common_word_the_tagger_reads_as_a_noun_is_no_person(kb: KnowledgeBase) -> None:
    found = _names("L'audition de son Hosanna a fait forte impression sur le public.", kb)
    assert "Hosanna" not in found


def test_names_that_are_common_words_stay_persons(kb: KnowledgeBase) -> None:
    found = _names("Mercier a répondu hier au député. Voltaire écrivait beaucoup.", kb)
    assert found.get("Mercier") == "PERSON" and found.get("Voltaire") == "PERSON"


def test_the_place_of_a_dateline_is_a_place_in_the_whole_dispatch(kb: KnowledgeBase) -> None:
    text = "Gorgier. — Dimanche, l'assemblée des propriétaires de Gorgier votera le crédit."
    found = extract_mentions(parse(text, "fr"), kb=kb, language="fr")
    assert [(m.text, m.entity.type) for m in found] == [("Gorgier", "LOC"), ("Gorgier", "LOC")]


def test_a_dateline_after_a_dash_read_as_a_hyphen(kb: KnowledgeBase) -> None:
    text = "Les troupes avancent lentement. .- KRONSTADT 30 octobre. La flotte est rentrée."
    assert _names(text, kb).get("KRONSTADT") == "LOC"


def test_no_name_runs_over_a_colon() -> None:
    from app.pipeline.entities.spans import trim

    text = "Ligue : Commission des finances"
    start, end = trim(text, 0, len(text))
    assert text[start:end] == "Ligue"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Les pays d'Europe ont tous adhéré au plan Haverkamp dès le printemps.", "Haverkamp"),
        ("Les députés ont enfin voté la loi Berthelin sur les loyers.", "Berthelin"),
        ("Le pays a longtemps suivi la doctrine Vandermolen en matière de défense.", "Vandermolen"),
        (
            "Le Conseil des Etats a rejeté hier la motion Grandjean-Pittet sur les CFF.",
            "Grandjean-Pittet",
        ),
    ],
)
def test_the_person_a_plan_or_a_law_is_named_after(text: str, name: str, kb: KnowledgeBase) -> None:
    assert _names(text, kb).get(name) == "PERSON"


def test_a_plan_does_not_make_a_person_of_a_place(kb: KnowledgeBase) -> None:
    names = _names("Le plan de Genève prévoit un tunnel sous la rade.", kb)
    assert names.get("Genève") == "LOC"


def test_hipe_span_is_not_widened_over_the_noun_of_an_eponym() -> None:
    from bench.hipe_spans import hipe_mentions

    text = "Le Conseil a discuté le postulat Bernasconi. Le conseiller Bernasconi a répondu."
    doc = parse(text, "fr")
    first, second = text.index("Bernasconi"), text.rindex("Bernasconi")
    spans = [(first, first + 10, "pers"), (second, second + 10, "pers")]
    widened = hipe_mentions(doc, spans)
    assert widened[0] == spans[0]  # "postulat" is what is named, not a function
    assert text[widened[1][0] : widened[1][1]] == "conseiller Bernasconi"


def test_a_street_is_a_place_whatever_the_model_typed_its_name(kb: KnowledgeBase) -> None:
    text = (
        "Le magasin de M. Perrenoud, rue Victor-Hugo, a brûlé ; la rue Aristide-Briand est fermée."
    )
    names = _names(text, kb)
    assert names.get("rue Victor-Hugo") == "LOC"
    assert names.get("rue Aristide-Briand") == "LOC"
    assert names.get("M. Perrenoud") == "PERSON"


def test_an_address_holds_its_house_number(kb: KnowledgeBase) -> None:
    text = "Le cabinet de M. Liechti, 14, boulevard Haussmann, est ouvert le mardi."
    names = _names(text, kb)
    assert names.get("14, boulevard Haussmann") == "LOC"
    assert names.get("M. Liechti") == "PERSON"


def test_a_year_before_a_street_is_no_house_number(kb: KnowledgeBase) -> None:
    text = "En 1990, rue de Rivoli, les commerçants ont manifesté."
    names = _names(text, kb)
    assert not any(name.startswith("1990") for name in names)


def test_the_places_of_a_programme_of_shows(kb: KnowledgeBase) -> None:
    text = (
        "SPECTACLES. — À la Fauvette, ce soir, le Retour du marin, comédie en 3 actes. — "
        "Au théâtre des Capucines-Vertes, demain, la Veuve joyeuse. — Aux Délices-Lyriques, "
        "ce soir, concert."
    )
    names = _names(text, kb)
    assert names.get("Fauvette") == "LOC"  # a dictionary word, kept as the place of a show
    assert names.get("théâtre des Capucines-Vertes") == "LOC"
    assert names.get("Délices-Lyriques") == "LOC"


def test_a_place_without_a_show_s_time_is_no_venue(kb: KnowledgeBase) -> None:
    names = _names("Il a vu une fauvette. À la Fauvette, on a chanté toute la nuit.", kb)
    assert "Fauvette" not in names
