"""Build hook: the wheel carries the Alembic migrations, so an installed ``newsmeta db
upgrade`` needs no checkout. ``alembic/`` stays their source (and what ``alembic`` reads
from the repository); a built package gets a copy as ``app/migrations``. Everything else
about the package is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithMigrations(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads alembic/ in place (app/db.py)
        shutil.copytree(
            ROOT / "alembic",
            Path(self.build_lib) / "app" / "migrations",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "README*"),
            dirs_exist_ok=True,
        )


setup(cmdclass={"build_py": BuildWithMigrations})
