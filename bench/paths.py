"""Where the shared data lives: ``../shared`` next to the project (never copied into it)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$NEWSMETA_SHARED_DIR``, else the nearest ``shared/`` beside the project or above it
    (a git worktree sits deeper than the main checkout)."""
    env = os.environ.get("NEWSMETA_SHARED_DIR")
    if env:
        return Path(env)
    for base in (ROOT.parent, *ROOT.parents):
        if (base / "shared" / "seed").is_dir():
            return base / "shared"
    return ROOT.parent / "shared"


def eval_dir() -> Path:
    """The annotated evaluation data: ``$NEWSMETA_EVAL_DIR`` or ``shared/eval``."""
    env = os.environ.get("NEWSMETA_EVAL_DIR")
    return Path(env) if env else shared_dir() / "eval"


def seed_file() -> Path:
    return shared_dir() / "seed" / "000_5f190587812ef943.txt"
