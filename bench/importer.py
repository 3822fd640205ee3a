"""Importer throughput: `newsmeta import` end to end against bare `nlp.pipe` on the same texts.

    PYTHONPATH=. python bench/importer.py [--articles 2000] [--workers 1 2] [--database-url URL]

Generates a deterministic corpus of French articles (300-600 words, from templates and
the bundled examples), measures bare spaCy (`nlp.pipe` over the clean bodies, model
already loaded: the floor no importer can beat), then runs `python -m app import` on
the corpus into a fresh store with each worker count. Prints one JSON line per run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.pipeline.ingest.clean import clean_plain_text  # noqa: E402
from bench.paths import seed_file  # noqa: E402

CITIES = [
    "Genève",
    "Bruxelles",
    "Paris",
    "Berlin",
    "Madrid",
    "Rome",
    "Vienne",
    "Varsovie",
    "Lyon",
    "Marseille",
    "Lisbonne",
    "Prague",
    "Kiev",
    "Moscou",
    "Washington",
    "Londres",
]
PEOPLE = [
    "Jens Stoltenberg",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Ursula von der Leyen",
    "Antony Blinken",
    "Sergueï Lavrov",
    "Wendy Sherman",
    "Josep Borrell",
    "Elisabeth Borne",
    "Jean-Yves Le Drian",
    "Charles Michel",
    "Pedro Sánchez",
]
ORGS = [
    "l'OTAN",
    "l'Union européenne",
    "l'ONU",
    "le Kremlin",
    "la Commission européenne",
    "le Conseil de sécurité",
    "l'OSCE",
    "le gouvernement français",
    "la Maison Blanche",
]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
TEMPLATES = [
    "{person} a déclaré {day} à {city} que {org} restait prêt à négocier.",
    "Une réunion entre {org} et {org2} devrait avoir lieu le {n} {month} à {city}.",
    "« Nous devons avancer ensemble sur ce dossier », a affirmé {person} devant la presse.",
    "Selon une source diplomatique, les discussions de {city} ont duré plus de {h} heures.",
    "Les ministres des Affaires étrangères se retrouveront à {city} le {n} {month} prochain.",
    "{person} a rencontré {person2} en marge du sommet de {city}, a indiqué {org}.",
    "Le texte adopté {day} prévoit un budget de {h} milliards d'euros sur cinq ans.",
    "Les négociations, suspendues depuis {month}, reprendront à {city} la semaine prochaine.",
    "{org} a rappelé que la décision finale serait prise lors du conseil du {n} {month}.",
    "Plusieurs délégations ont quitté {city} {day} soir sans déclaration commune.",
    "« Le risque est réel et nous le prenons au sérieux », a insisté {person} {day}.",
    "Les observateurs jugent cet accord fragile, mais {org} parle d'une avancée historique.",
]


def example_sentences() -> list[str]:
    texts = [p.read_text() for p in (ROOT / "examples").glob("*.json")]
    texts.append(clean_plain_text(seed_file().read_text()).body)
    sentences: list[str] = []
    for text in texts:
        body = json.loads(text).get("text", "") if text.lstrip().startswith("{") else text
        sentences += [s for s in re.split(r"(?<=[.!?»])\s+", body) if 40 < len(s) < 400]
    return sentences


def fill(template: str, rng: random.Random) -> str:
    people = rng.sample(PEOPLE, 2)
    orgs = rng.sample(ORGS, 2)
    text = template.format(
        person=people[0],
        person2=people[1],
        org=orgs[0],
        org2=orgs[1],
        city=rng.choice(CITIES),
        day=rng.choice(DAYS),
        month=rng.choice(MONTHS),
        n=rng.randint(1, 28),
        h=rng.randint(2, 40),
    )
    return text[0].upper() + text[1:]


def make_article(n: int, rng: random.Random, pool: list[str]) -> str:
    target = rng.randint(300, 600)
    title = fill(rng.choice(TEMPLATES), rng).rstrip(".")
    standfirst = fill(rng.choice(TEMPLATES), rng)
    paragraphs: list[str] = []
    words = 0
    while words < target:
        sentences = [
            rng.choice(pool) if rng.random() < 0.4 else fill(rng.choice(TEMPLATES), rng)
            for _ in range(rng.randint(2, 5))
        ]
        sentences.append(f"Ce point fait l'objet de la dépêche numéro {n}-{len(paragraphs)}.")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return f"{title}\n\n{standfirst}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int) -> list[str]:
    """The corpus files and, returned, their clean bodies (what the NLP sees)."""
    rng = random.Random(20220107)
    pool = example_sentences()
    bodies = []
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = make_article(n, rng, pool)
        (folder / f"{n:05d}.txt").write_text(text)
        bodies.append(clean_plain_text(text).body)
    return bodies


def bare_spacy(bodies: list[str]) -> dict[str, float]:
    """Wall-clock and CPU seconds of nlp.pipe alone, model loaded beforehand."""
    from app.pipeline import nlp

    model = nlp.get_nlp("fr")
    with nlp.as_shipped(model):
        list(model.pipe(bodies[:32], batch_size=32))  # warm up
        started, cpu = time.perf_counter(), time.process_time()
        for _doc in model.pipe(bodies, batch_size=32):
            pass
        return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu}


def load_average() -> float:
    return round(os.getloadavg()[0], 1)


def run_import(folder: Path, workers: int, database_url: str) -> dict[str, float | str]:
    env = os.environ | {
        "NEWSMETA_DATABASE_URL": database_url,
        "NEWSMETA_LOG_LEVEL": "INFO",
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(
        [sys.executable, "-m", "app", "db", "upgrade"], env=env, check=True, capture_output=True
    )
    command = [
        sys.executable,
        "-m",
        "app",
        "import",
        "--verbose",  # the `import cpu:` line is at DEBUG
        str(folder),
        "--language",
        "fr",
        "--published",
        "2022-01-07",
        "--workers",
        str(workers),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"import failed: {result.stdout}\n{result.stderr[-2000:]}")
    # CPU of the importer and its workers (waited-for descendants), start-up included.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    split = re.search(r"import cpu: main=([\d.]+)s workers=([\d.]+)s", result.stderr)
    main_cpu, workers_cpu = (float(split[1]), float(split[2])) if split else (cpu, 0.0)
    return {
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "main_cpu_seconds": main_cpu,
        "workers_cpu_seconds": workers_cpu,
        "summary": result.stdout.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--database-url", help="a PostgreSQL server URL; default: SQLite files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmeta-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        bodies = write_corpus(folder, args.articles)
        words = sum(len(b.split()) for b in bodies)
        load_before = load_average()
        bare = bare_spacy(bodies)
        floor = len(bodies) / bare["seconds"]
        floor_cpu = len(bodies) / bare["cpu_seconds"]
        report(
            run="bare nlp.pipe",
            articles=len(bodies),
            mean_words=round(words / len(bodies)),
            articles_per_s=round(floor, 2),
            articles_per_cpu_s=round(floor_cpu, 2),
            load_average=[load_before, load_average()],
        )
        rates: dict[int, float] = {}
        projected_rates: dict[int, float] = {}
        for workers in args.workers:
            url = f"sqlite:///{Path(tmp) / f'store-{workers}.db'}"
            if args.database_url:
                from tests.conftest import create_postgres_database

                url = create_postgres_database(args.database_url)
            load_before = load_average()
            try:
                measured = run_import(folder, workers, url)
            finally:
                if args.database_url:
                    from tests.conftest import drop_postgres_database

                    drop_postgres_database(url)
            rate = len(bodies) / float(measured["seconds"])
            cpu_rate = len(bodies) / float(measured["cpu_seconds"])
            rates[workers] = rate
            # On an idle machine with one core per process, the import takes as long as its
            # busiest process: the main one, or each worker's share of the NLP.
            busiest = max(
                float(measured["main_cpu_seconds"]),
                float(measured["workers_cpu_seconds"]) / workers,
            )
            projected = len(bodies) / busiest
            projected_rates[workers] = projected
            report(
                run=f"newsmeta import --workers {workers}",
                articles_per_s=round(rate, 2),
                vs_bare_spacy=round(rate / floor, 3),
                vs_1_worker=round(rate / rates[1], 3) if 1 in rates else None,
                articles_per_cpu_s=round(cpu_rate, 2),
                cpu_vs_bare_spacy=round(cpu_rate / floor_cpu, 3),
                main_cpu_s=round(float(measured["main_cpu_seconds"]), 1),
                workers_cpu_s=round(float(measured["workers_cpu_seconds"]), 1),
                projected_articles_per_s=round(projected, 2),
                projected_vs_bare_spacy=round(projected / floor_cpu, 3),
                projected_vs_1_worker=(
                    round(projected / projected_rates[1], 3) if 1 in projected_rates else None
                ),
                seconds=round(float(measured["seconds"]), 1),
                load_average=[load_before, load_average()],
                summary=measured["summary"],
            )


def report(**values: object) -> None:
    print(json.dumps(values, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
