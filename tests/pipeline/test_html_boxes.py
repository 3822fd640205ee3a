"""Web pages: paragraphs the page sets apart from its article leave the extracted text.

Pages written for each rule (French, German, English, Spanish). ``set_apart`` is tested on
the page with the paragraphs as trafilatura would give them, and ``read_page`` end to end.
"""

from __future__ import annotations

import lxml.html
import pytest

from app.pipeline.ingest.boxes import locate, set_apart
from app.pipeline.ingest.html import read_page

FR = [
    "Le conseil municipal de Lorient a voté mardi soir la rénovation complète du marché "
    "couvert, fermé depuis l'incendie de l'an dernier.",
    "Les travaux commenceront au printemps et devraient durer dix-huit mois, selon le "
    "calendrier présenté par l'adjointe chargée du commerce.",
    "Les commerçants, installés sous des barnums depuis un an, attendent avec impatience "
    "de retrouver leurs étals à l'abri.",
]


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def doc(body: str, lang: str = "fr") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        f'<html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'
    )


def test_paragraphs_are_found_again_in_the_page_even_with_soft_hyphens_and_lists() -> None:
    root = doc(
        '<div class="texte"><p>Le mar\u00adché cou\u00advert rouvre.</p>'
        "<ul><li>Lundi : fermé</li><li>Mardi : <a href='/h'>horaires</a></li></ul></div>"
    )
    spots = locate(root, ["Le marché couvert rouvre.", "- Lundi : fermé", "- Mardi : horaires"])
    assert [s.element.tag if s else None for s in spots] == ["p", "li", "li"]
    assert spots[2] is not None and 0.5 < spots[2].link_share < 1


def test_a_paragraph_the_page_does_not_hold_stays() -> None:
    root = doc(f"<article>{paragraphs(*FR)}</article>")
    assert locate(root, ["Un texte que la page ne contient pas."]) == [None]
    assert set_apart(root, [*FR, "Un texte que la page ne contient pas."]) == {}


def test_a_box_of_related_articles_goes_by_its_class_name() -> None:
    root = doc(
        f"<article>{paragraphs(*FR)}"
        '<div class="lire-aussi"><p>Vannes : le marché des Lices s\'agrandit.</p></div>'
        f"{paragraphs('Le chantier sera présenté aux habitants lors d’une réunion publique.')}"
        "</article>"
    )
    texts = [
        *FR,
        "Vannes : le marché des Lices s'agrandit.",
        "Le chantier sera présenté aux habitants lors d’une réunion publique.",
    ]
    assert set_apart(root, texts) == {3: "related articles"}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ('class="wp_rp_content related_post"', "related articles"),
        ('class="noticias-relacionadas"', "related articles"),
        ('id="newsletterBox"', "prompt to the reader"),
        ('class="BorlabsCookie"', "prompt to the reader"),
        ('class="partage-reseaux"', "prompt to the reader"),
        ('class="breadcrumb"', "navigation"),
        ('class="kommentar-item"', "comments"),
    ],
)
def test_box_names_in_several_languages(name: str, kind: str) -> None:
    root = doc(f"<article>{paragraphs(*FR)}<div {name}><p>Un encart.</p></div></article>")
    assert set_apart(root, [*FR, "Un encart."]) == {3: kind}


def test_an_article_container_is_not_a_box_whatever_its_name() -> None:
    # WordPress names the article "post comments-open"; a site calls its text "teaser-text".
    root = doc(
        f'<div class="post comments-open"><div class="teaser-text">{paragraphs(*FR)}</div></div>'
    )
    assert set_apart(root, FR) == {}


def test_aside_and_nav_elements_go() -> None:
    root = doc(
        '<nav><a href="/">Startseite</a> › <a href="/lokal">Lokales</a></nav>'
        f"<article>{paragraphs(*FR[:2])}"
        "<aside><p>Zum Thema: Der Wochenmarkt in Kiel zieht um.</p></aside>"
        f"{paragraphs(FR[2])}</article>"
    )
    texts = ["Startseite › Lokales", *FR[:2], "Zum Thema: Der Wochenmarkt in Kiel zieht um.", FR[2]]
    assert set_apart(root, texts) == {0: "navigation", 3: "aside"}


def test_the_links_the_text_ends_with_go_not_a_link_inside_the_text() -> None:
    root = doc(
        f"<article>{paragraphs(*FR[:2])}"
        '<p><a href="/a">Le rapport complet de la commission des finances</a></p>'
        f"{paragraphs(FR[2])}"
        '<p><a href="/b">Lorient : un nouveau parking en centre-ville</a></p>'
        '<p><a href="/c">Quimper : la halle Saint-François rénovée</a></p></article>'
    )
    texts = [
        *FR[:2],
        "Le rapport complet de la commission des finances",
        FR[2],
        "Lorient : un nouveau parking en centre-ville",
        "Quimper : la halle Saint-François rénovée",
    ]
    apart = set_apart(root, texts)
    assert apart == {4: "list of links at the end", 5: "list of links at the end"}


def test_short_lines_after_the_article_out_of_its_container_go() -> None:
    root = doc(
        f'<main><div class="corps">{paragraphs(*FR)}<p>Pierre Martin</p></div>'
        '<div class="contact"><p>Contact presse : Julie Morel</p></div>'
        '<div class="bloc"><h3>Beiträge aus dem Forum</h3></div></main>'
    )
    texts = [*FR, "Pierre Martin", "Contact presse : Julie Morel", "Beiträge aus dem Forum"]
    # The signature in the article's container stays; the lines after it, out of it, go.
    assert set_apart(root, texts) == {4: "after the article", 5: "after the article"}


def test_a_long_paragraph_after_the_article_stays() -> None:
    closing = (
        "La municipalité rappelle que le marché restera ouvert le dimanche matin pendant "
        "toute la durée des travaux, sous les barnums de la place."
    )
    root = doc(f'<div class="corps">{paragraphs(*FR)}</div><div class="fin"><p>{closing}</p></div>')
    assert set_apart(root, [*FR, closing]) == {}


def test_nothing_goes_when_everything_would() -> None:
    root = doc(f'<aside class="related">{paragraphs(*FR)}</aside>')
    assert set_apart(root, FR) == {}


def test_read_page_leaves_a_box_trafilatura_keeps_out_of_the_text() -> None:
    # trafilatura knows "related" boxes, not "relacionadas" ones; the press contact after
    # the text is in a box of its own.
    html = (
        '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">'
        "<title>El puente del puerto reabre tras las obras</title></head><body>"
        '<main><div class="nota"><h1>El puente del puerto reabre tras las obras</h1>'
        '<div class="cuerpo">'
        "<p>El puente del puerto volvió a abrirse al tráfico el lunes por la mañana, después "
        "de ocho meses de obras en su tablero de acero, informó el ayuntamiento.</p>"
        "<p>Los ingenieros sustituyeron más de cuatrocientas placas oxidadas y pintaron de "
        "nuevo toda la estructura, con un coste de doce millones de euros.</p>"
        "<p>Los ciclistas tendrán un carril propio en el lado este a partir del mes próximo, "
        "cuando se retiren las últimas vallas.</p></div>"
        '<div class="noticias-relacionadas"><p>Cambian los horarios del ferry para el '
        "invierno, con menos salidas los domingos y festivos.</p></div>"
        '<div class="pie"><p>Contacto de prensa: Ana Ruiz</p></div>'
        "</div></main></body></html>"
    )
    text = read_page(html).text
    assert "cuatrocientas placas oxidadas" in text
    assert "Los ciclistas tendrán un carril propio" in text
    assert "horarios del ferry" not in text
    assert "Contacto de prensa" not in text
