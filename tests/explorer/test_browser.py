"""The explorer in Debian's headless chromium, over a real server with examples/ imported.

Each test asserts what a person sees and saves a screenshot into tests/explorer/screenshots/
(the folder is printed at the end of the run).
"""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from tests.explorer.conftest import SCREENSHOTS
from tests.live_server import CHROMIUM_FLAGS as OFFLINE_CHROMIUM

REFERENCE_TITLE = "« Le risque de conflit est réel » – chef de l'OTAN"
CHROMIUM_FLAGS = [
    *OFFLINE_CHROMIUM,
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--lang=en-GB",
]
DESKTOP = (1280, 1000)
PHONE = (390, 844)


@pytest.fixture(scope="module")
def server(chromium: tuple[str, str], examples_server: str) -> str:
    """`newsmeta serve` on a free port over a temporary SQLite store with examples/ imported."""
    return examples_server


@pytest.fixture(scope="module")
def browser(
    chromium: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebDriver]:
    binary, driver_path = chromium
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser: WebDriver, request: pytest.FixtureRequest) -> Iterator[WebDriver]:
    """The browser at desktop size; a full-page screenshot is saved after the test, and
    the console must show no error (a script error, a blocked or failed load)."""
    browser.set_window_size(*DESKTOP)
    browser.get_log("browser")  # drop what earlier tests left
    yield browser
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / f"{request.node.name}.png"
    height = browser.execute_script("return document.documentElement.scrollHeight")
    width = browser.get_window_size()["width"]
    browser.set_window_size(width, min(max(int(height) + 120, 600), 4000))
    browser.save_screenshot(str(shot))
    print(f"screenshot: {shot}")
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def wait_for(driver: WebDriver, css: str, text: str | None = None, timeout: int = 20) -> WebElement:
    """The first visible element matching ``css`` (and containing ``text``)."""

    def find(d: WebDriver) -> WebElement | bool:
        for element in d.find_elements(By.CSS_SELECTOR, css):
            if element.is_displayed() and (text is None or text in element.text):
                return element
        return False

    found: WebElement = WebDriverWait(driver, timeout).until(find)
    return found


def reference_article_id(server: str) -> int:
    found = httpx.get(f"{server}/v1/articles", params={"q": '"risque de conflit est réel"'})
    # The stored title has no-break spaces inside « »; the browser's text has plain ones.
    articles = found.json()["data"]
    return int(
        next(a["id"] for a in articles if a["title"].replace("\xa0", " ") == REFERENCE_TITLE)
    )


def test_articles_page_finds_the_reference_article_by_a_phrase(
    page: WebDriver, server: str
) -> None:
    page.get(server + "/")
    box = wait_for(page, "input[name=q]")
    assert page.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").text
    box.send_keys('"Conseil OTAN-Russie"', Keys.ENTER)
    result = wait_for(page, ".result", REFERENCE_TITLE)
    hits = [m.text for m in result.find_elements(By.CSS_SELECTOR, ".snippet mark")]
    assert "Conseil OTAN-Russie" in hits
    # The URL holds the search, so it can be shared: opened afresh it shows the same.
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.current_url).query)
    assert query["q"] == ['"Conseil OTAN-Russie"']
    page.get(page.current_url)
    wait_for(page, ".result", REFERENCE_TITLE)
    assert page.find_element(By.CSS_SELECTOR, "input[name=q]").get_attribute("value") == (
        '"Conseil OTAN-Russie"'
    )


def test_filters_compose_with_an_entity_chosen_from_the_autocomplete(
    page: WebDriver, server: str
) -> None:
    page.get(server + "/?language=fr")
    picker = wait_for(page, ".entity-picker input[role=combobox]")
    picker.send_keys("Stolt")
    wait_for(page, "[role=listbox] [role=option]", "Jens Stoltenberg")
    picker.send_keys(Keys.ENTER)  # the first suggestion is active: pick it by keyboard
    wait_for(page, ".chip", "Jens Stoltenberg")
    page.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    wait_for(page, ".result", REFERENCE_TITLE)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.current_url).query)
    assert query["language"] == ["fr"] and len(query["entity"]) == 1
    titles = [e.text for e in page.find_elements(By.CSS_SELECTOR, ".result h2")]
    # The English article naming Stoltenberg is filtered out by the language.
    assert REFERENCE_TITLE in titles
    assert "NATO and Russia meet in Brussels for the first time since 2019" not in titles


def test_article_page_draws_mentions_quotes_and_dates(page: WebDriver, server: str) -> None:
    page.get(f"{server}/articles/{reference_article_id(server)}")
    wait_for(page, "h1", "Le risque de conflit est réel")
    person = wait_for(page, ".body a.mention[data-type=PERSON]", "Jens Stoltenberg")
    # Marked as a person: the same colour as the legend's "person".
    legend = page.find_element(By.CSS_SELECTOR, ".legend .mention.t-PERSON")
    assert legend.text == "person"
    assert person.value_of_css_property("background-color") == legend.value_of_css_property(
        "background-color"
    )
    assert person.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    assert "person" in (person.get_attribute("title") or "")
    # A quote attributed to him, marked in the text with its speaker.
    quote = wait_for(page, ".body mark.quote[data-speaker='Jens Stoltenberg']", "risque de conflit")
    assert quote.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    labels = page.find_elements(By.CSS_SELECTOR, ".body .speaker-label")
    assert any("Jens Stoltenberg" in label.text for label in labels)
    wait_for(page, ".article-side .quotes li", "Le risque de conflit est réel")
    side = page.find_elements(By.CSS_SELECTOR, ".article-side .quotes li")
    # (the title repeats the quote, "– chef de l'OTAN": the body's chief, him too)
    assert any("risque de conflit" in li.text and "Jens Stoltenberg" in li.text for li in side)
    # Dates carry their resolved value; the events the article reports are beside it.
    dates = page.find_elements(By.CSS_SELECTOR, ".body time.date")
    assert "2022-01-10 (day)" in [d.get_attribute("data-value") for d in dates]
    events = wait_for(page, ".article-side", "Réunion du Conseil OTAN-Russie")
    assert "Pourparlers américano-russes à Genève" in events.text


def test_entity_page_shows_ids_chart_quotes_and_events(page: WebDriver, server: str) -> None:
    page.get(f"{server}/articles/{reference_article_id(server)}")
    wait_for(page, ".body a.mention[data-type=PERSON]", "Jens Stoltenberg").click()
    heading = wait_for(page, "h1", "Jens Stoltenberg")
    assert "person" in heading.text
    assert "/entities/" in page.current_url
    # The focus moved to the new page's heading (keyboard and screen-reader users).
    WebDriverWait(page, 20).until(lambda d: d.switch_to.active_element == heading)
    wait_for(page, "figure.week-chart svg rect.bar:not(.zero)")
    wait_for(page, "#h-quotes + div", "Le risque de conflit est réel")
    wait_for(page, "#h-events + div", "Conférence de presse de Jens Stoltenberg")
    wait_for(page, "#h-related + div", "NATO")

    page.get(f"{server}/entities/{_entity_id(server, 'NATO')}")
    ids = wait_for(page, "dl.facts", "Wikidata")
    link = ids.find_element(By.PARTIAL_LINK_TEXT, "Q7184")
    assert link.get_attribute("href") == "https://www.wikidata.org/wiki/Q7184"


def _entity_id(server: str, name: str) -> int:
    found = httpx.get(f"{server}/v1/entities", params={"q": name}).json()["data"]
    return int(next(e["id"] for e in found if e["name"] == name))


def test_events_page_shows_the_timeline_by_day(page: WebDriver, server: str) -> None:
    page.get(server + "/events")
    talks = wait_for(
        page, "li.day[data-date='2022-01-10']", "Pourparlers américano-russes à Genève"
    )
    # January 2022 is long past: the status is today's, not the article's.
    assert "Geneva" in talks.text and "past" in talks.text
    council = wait_for(page, "li.day[data-date='2022-01-12']", "Réunion du Conseil OTAN-Russie")
    assert "NATO" in council.text
    assert "Wednesday, 12 January 2022" in council.text
    # Filters go into the URL and into the calendar subscription alike.
    Select(page.find_element(By.CSS_SELECTOR, "select[name=type]")).select_by_value("meeting")
    page.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    WebDriverWait(page, 20).until(ec.url_contains("type=meeting"))
    wait_for(page, "li.day[data-date='2022-01-12']", "Réunion du Conseil OTAN-Russie")
    WebDriverWait(page, 20).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, "li.day[data-date='2022-01-10']")
    )
    subscribe = page.find_element(By.PARTIAL_LINK_TEXT, "Subscribe")
    href = subscribe.get_attribute("href") or ""
    assert urllib.parse.urlparse(href).path == "/v1/events.ics" and "type=meeting" in href
    calendar = httpx.get(href).text
    assert "BEGIN:VCALENDAR" in calendar and "Conseil OTAN-Russie" in calendar
    assert "Pourparlers" not in calendar


def test_phone_width_reads_without_sideways_scrolling(page: WebDriver, server: str) -> None:
    page.set_window_size(*PHONE)
    page.get(f"{server}/articles/{reference_article_id(server)}")
    wait_for(page, ".body a.mention[data-type=PERSON]", "Jens Stoltenberg")
    overflow = page.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # At phone width the side column goes below the text.
    body = page.find_element(By.CSS_SELECTOR, ".body").rect
    side = page.find_element(By.CSS_SELECTOR, ".article-side").rect
    assert side["y"] > body["y"] + body["height"] - 1


def test_keyboard_reaches_the_skip_link_and_every_control_has_a_label(
    page: WebDriver, server: str
) -> None:
    page.get(server + "/events")
    wait_for(page, "li.day")
    page.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = page.switch_to.active_element
    assert focused.text == "Skip to content"
    # The focus is visible: an outline is drawn around the focused control.
    assert focused.value_of_css_property("outline-style") != "none"
    unlabelled = page.execute_script(
        """return [...document.querySelectorAll('input:not([type=hidden]), select')]
             .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
             .map(e => e.name || e.id)"""
    )
    assert unlabelled == []


@pytest.fixture(scope="module", autouse=True)
def _fresh_screenshots() -> None:
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
