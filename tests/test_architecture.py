"""The house: stages in their own packages, and arrows that point one way."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
DOMAINS = ("articles", "entities", "events", "quotes", "common")
STAGES = ("ingest", "entities", "dates", "events", "quotes", "store")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_domain_packages_do_not_import_the_pipeline() -> None:
    """Only the routers that ingest (POST /v1/articles) may reach into the importer."""
    offenders = [
        f"{path.relative_to(APP.parent)} imports {name}"
        for domain in DOMAINS
        for path in sorted((APP / domain).rglob("*.py"))
        if path.name != "router.py"
        for name in sorted(_imports(path))
        if name == "app.pipeline" or name.startswith("app.pipeline.")
    ]
    assert offenders == []


def test_extraction_stages_do_not_touch_the_store() -> None:
    """Extraction stages are pure: no database, no loader; only store/ writes rows."""
    offenders = [
        f"{path.relative_to(APP.parent)} imports {name}"
        for stage in ("entities", "dates", "events", "quotes", "ingest")
        for path in sorted((APP / "pipeline" / stage).rglob("*.py"))
        for name in sorted(_imports(path))
        if name.startswith(("app.pipeline.store", "app.db", "sqlalchemy", "sqlmodel"))
    ]
    assert offenders == []


def test_each_stage_says_what_it_takes_gives_and_must_not_import() -> None:
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((APP / "pipeline" / stage / "__init__.py").read_text()))
        assert doc, stage
        assert "Takes" in doc and "must not import" in doc.lower(), stage


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(APP.parent)): n
        for path in APP.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
