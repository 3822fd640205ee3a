"""Where the test data lives: the reference article in the repository, the evaluation
sets wherever ``NEWSMETA_EVAL_DIR`` names (they are not copied into the project)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "tests" / "data" / "seed"
EVAL_DIR_UNSET = "NEWSMETA_EVAL_DIR is not set (the folder of the evaluation sets)"


class EvalDataMissing(RuntimeError):
    """The evaluation sets are not where ``NEWSMETA_EVAL_DIR`` says (or it is unset)."""


def eval_dir() -> Path:
    """The annotated evaluation sets: ``$NEWSMETA_EVAL_DIR`` (CI sets it to ``../shared/eval``)."""
    env = os.environ.get("NEWSMETA_EVAL_DIR")
    if not env:
        raise EvalDataMissing(EVAL_DIR_UNSET)
    return Path(env)


def seed_file() -> Path:
    """The reference article (plain text); its gold is ``SEED_DIR / "expected.json"``."""
    return SEED_DIR / "000_5f190587812ef943.txt"
