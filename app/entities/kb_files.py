"""Knowledge-base files: CSV (``name,type,aliases,wikidata,geonames,iso3166``) or JSONL."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from app.entities.names import canonical_key
from app.entities.types import EntityType

ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
ID_KINDS = ("wikidata", "geonames", "iso3166")
_ID_PATTERNS = {"wikidata": r"Q\d+", "geonames": r"\d+", "iso3166": r"[A-Z]{2}"}


@dataclass(frozen=True)
class KBEntry:
    """One known entity as written in a KB file."""

    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    ids: dict[str, str] = field(default_factory=dict, hash=False)


def entry_key(entry: KBEntry) -> str:
    """``wikidata:Q…`` when known, else ``iso3166:XX``, else ``geonames:N``, else the name key."""
    for kind in ("wikidata", "iso3166", "geonames"):
        if entry.ids.get(kind):
            return f"{kind}:{entry.ids[kind]}"
    return canonical_key(entry.name, entry.type)


def _entry_from_fields(fields: dict[str, Any], where: str) -> KBEntry:
    name = str(fields.get("name") or "").strip()
    if not name:
        raise ValueError(f"{where}: field 'name' is empty")
    kind = str(fields.get("type") or "").strip().upper()
    if kind not in ENTITY_TYPES:
        raise ValueError(f"{where}: field 'type' must be one of {', '.join(ENTITY_TYPES)}")
    aliases = fields.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"{where}: field 'aliases' must be a list of strings")
    ids = fields.get("ids") or {}
    if not isinstance(ids, dict):
        raise ValueError(f"{where}: field 'ids' must be an object")
    clean_ids: dict[str, str] = {}
    for id_kind, value in ids.items():
        if id_kind not in ID_KINDS:
            raise ValueError(f"{where}: field 'ids' has unknown id kind {id_kind!r}")
        value = str(value or "").strip()
        if value and not re.fullmatch(_ID_PATTERNS[id_kind], value):
            raise ValueError(f"{where}: field {id_kind!r} has a malformed id {value!r}")
        if value:
            clean_ids[id_kind] = value
    cleaned = tuple(a.strip() for a in aliases if a.strip() and a.strip() != name)
    return KBEntry(name, kind, tuple(dict.fromkeys(cleaned)), clean_ids)  # type: ignore[arg-type]


def parse_kb_file(path: Path) -> list[KBEntry]:
    """Entries of a CSV (``name,type,aliases,wikidata,geonames,iso3166``) or JSONL file."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if Path(path).suffix.lower() == ".csv":
        return _parse_csv(text, path)
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(fields, dict):
            raise ValueError(f"{path}:{number}: each line must be a JSON object")
        entries.append(_entry_from_fields(fields, f"{path}:{number}"))
    return entries


def _parse_csv(text: str, path: Path) -> list[KBEntry]:
    reader = csv.DictReader(text.splitlines())
    missing = {"name", "type"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"{path}:1: header lacks field(s) {', '.join(sorted(missing))}")
    entries = []
    for row in reader:
        fields = {
            "name": row.get("name"),
            "type": row.get("type"),
            "aliases": [a for a in (row.get("aliases") or "").split("|") if a.strip()],
            "ids": {k: row[k] for k in ID_KINDS if row.get(k)},
        }
        entries.append(_entry_from_fields(fields, f"{path}:{reader.line_num}"))
    return entries
