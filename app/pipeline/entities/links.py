"""Within-article entity linking: a surname alone is the full name, an acronym its expansion."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.entities.names import canonical_key, fold
from app.entities.types import EntityRef, EntityType
from app.pipeline.entities.spans import looks_like_acronym, person_name

_ACRONYM_AFTER_RE = re.compile(r"\s*\(\s*([A-ZÀ-Ý][A-ZÀ-Ý.&-]{1,9})\s*\)")


@dataclass
class Candidate:
    """A mention being built: offsets into the text, a type and, once known, its entity."""

    start: int
    end: int
    type: EntityType
    text: str
    ref: EntityRef | None = None
    from_kb: bool = False

    @property
    def name(self) -> str:
        """The entity name this mention gives (courtesy title removed)."""
        if self.type == "PERSON":
            return person_name(self.text)
        return re.sub(r"^[\d\s,.]+", "", self.text) if self.type == "LOC" else self.text


def local_acronyms(candidates: list[Candidate], text: str) -> dict[str, Candidate]:
    """Acronyms defined in the article: "Front de libération nationale (FLN)"."""
    found: dict[str, Candidate] = {}
    for cand in candidates:
        match = _ACRONYM_AFTER_RE.match(text, cand.end)
        if match is None or cand.type == "PERSON":
            continue
        acronym = match.group(1)
        if looks_like_acronym(acronym) and fold(acronym[0]) == fold(cand.name[0]):
            found.setdefault(acronym.replace(".", ""), cand)
    return found


def _surname_owner(index: int, cand: Candidate, full_names: list[tuple[int, Candidate]]):
    """The full-name mention a lone surname refers to: the nearest before, else the first after."""
    surname = fold(cand.name)
    owners = [(i, c) for i, c in full_names if fold(c.name.split()[-1]) == surname]
    before = [c for i, c in owners if i < index]
    if before:
        return before[-1]
    return owners[0][1] if owners else None


def link_candidates(candidates: list[Candidate], text: str) -> None:
    """Give every candidate its entity: KB refs stay, the others get article-level identities."""
    acronyms = local_acronyms(candidates, text)
    full_names = [
        (i, c)
        for i, c in enumerate(candidates)
        if c.type == "PERSON" and c.ref is None and (len(c.name.split()) >= 2 or c.name != c.text)
    ]
    for index, cand in enumerate(candidates):
        if cand.ref is not None:
            continue
        owner: Candidate | None = None
        if len(cand.name.split()) == 1:
            owner = acronyms.get(cand.name.replace(".", "")) or _surname_owner(
                index, cand, full_names
            )
            if owner is cand:
                owner = None
        if owner is not None:
            cand.type = owner.type
            cand.ref = owner.ref or _own_ref(owner)
            owner.ref = cand.ref
        else:
            cand.ref = _own_ref(cand)


def _own_ref(cand: Candidate) -> EntityRef:
    name = " ".join(cand.name.split())
    return EntityRef(canonical_key(name, cand.type), name, cand.type)
