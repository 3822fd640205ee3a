"""Requests drawn the way real traffic comes, not from a short list a cache can hold.

Each random workload is a long list of paths drawn once per run, with a fixed seed:
article ids uniformly over the store; words and entities by a Zipf law over their
rank (a few are asked often, most rarely), as readers' interest is distributed.
``wrk`` walks the list in order, so consecutive requests are independent draws.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.engine import Engine

T = TypeVar("T")
# Paths per workload: more than one measurement sends (~5k req/s for 11 s), so wrk never
# walks the list twice. A shorter list, cycled, asks every id of it again a few seconds
# later, which uniform traffic over a large store does not do (20k paths at 1M articles:
# every path twice in 10 s, the cache admitting each on its second request for nothing).
DRAWS = 200_000
ZIPF_EXPONENT = 1.0
# Word ranks of the generated corpus (bench.corpus_gen: Zipf over 40k words).
MID_WORD_RANKS = (200, 1_200)
RARE_WORD_RANKS = (8_000, 20_000)
TOP_ENTITIES = 200


def zipf_draws(items: Sequence[T], k: int, rng: random.Random) -> list[T]:
    """``k`` draws from ``items`` (most likely first) with weight 1/rank^s."""
    weights = list(accumulate(1 / (rank**ZIPF_EXPONENT) for rank in range(1, len(items) + 1)))
    return rng.choices(list(items), cum_weights=weights, k=k)


def random_fixtures(
    engine: Engine, words: Sequence[str], *, seed: int, draws: int = DRAWS
) -> dict[str, list[object]]:
    """Placeholder lists for the random workloads of ``bench.api.QUERIES``."""
    rng = random.Random(seed)
    with engine.connect() as conn:
        low, high = conn.execute(text("SELECT min(id), max(id) FROM article")).one()
        top = list(
            conn.execute(
                text("SELECT id FROM entity ORDER BY article_count DESC, id LIMIT :n"),
                {"n": TOP_ENTITIES},
            ).scalars()
        )
    return {
        "random_article_id": [rng.randint(low, high) for _ in range(draws)],
        "zipf_word_mid": zipf_draws(words[slice(*MID_WORD_RANKS)], draws, rng),
        "zipf_word_rare": zipf_draws(words[slice(*RARE_WORD_RANKS)], draws, rng),
        "zipf_entity": zipf_draws(top, draws, rng),
    }
