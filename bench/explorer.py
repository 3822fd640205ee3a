"""How long the explorer takes to show a page of results, in Debian's headless chromium.

``python -m bench.explorer --base http://127.0.0.1:8000`` against a running
``newsmeta serve`` (e.g. on the 100k benchmark store): each page is loaded ``--loads``
times from a blank tab, timed from navigation until the first result is in the DOM.
Needs ``selenium`` (dev extras), ``/usr/bin/chromium`` and ``/usr/bin/chromedriver``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request

PAGES = [
    ("first page", "/"),
    ("search, one word", "/?q=sommet"),
    ("search, a phrase", '/?q="sommet de"'),
]
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def measure(base: str, loads: int) -> dict[str, list[float]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in [*FLAGS.split(), f"--user-data-dir={tempfile.mkdtemp()}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    times: dict[str, list[float]] = {}
    try:
        for name, path in PAGES:
            for _ in range(loads):
                driver.get("about:blank")
                started = time.perf_counter()
                driver.get(base + path)
                WebDriverWait(driver, 30).until(
                    lambda d: d.find_elements(By.CSS_SELECTOR, "ol.results .result")
                )
                times.setdefault(name, []).append(time.perf_counter() - started)
    finally:
        driver.quit()
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.explorer", description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--loads", type=int, default=6)
    args = parser.parse_args(argv)
    try:
        urllib.request.urlopen(args.base.rstrip("/") + "/healthz", timeout=5).close()
    except OSError:
        print(f"skipped: no newsmeta answers at {args.base} (start `newsmeta serve` first)")
        return 0
    for name, values in measure(args.base.rstrip("/"), args.loads).items():
        print(f"{name}: median {statistics.median(values) * 1000:.0f} ms, "
              f"max {max(values) * 1000:.0f} ms over {len(values)} loads")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
