"""Entity mentions of an article: spaCy spans and knowledge-base matches, cleaned and linked.

Stages: spaCy entities (cleaned: determiners and functions out, courtesy titles in, junk
dropped) → knowledge-base phrase matches → merge (the longer KB match wins) → types and
identities from the KB (the KB type beats the model's) → place nouns ("rue de Rome") →
within-article links (surnames, acronyms) → lone dictionary words dropped.
On a blank pipeline (no NER model for the language), names come from ``names``:
capitalised words typed by a cue (a title, a reporting verb, an organisation noun).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS
from spacy.tokens import Doc

from app.entities.kb import UNSAFE_TEXT_ALIASES, KnowledgeBase
from app.entities.names import fold
from app.entities.types import MentionResult
from app.pipeline.doc_index import doc_text, token_texts
from app.pipeline.entities.conventions import (
    clubs,
    fills_quotation,
    opens_dispatch,
    quoted_company,
    venue,
    written_names,
)
from app.pipeline.entities.cues import ORG_HEADS, eponym_before, rank_before
from app.pipeline.entities.links import Candidate, link_candidates
from app.pipeline.entities.names import find_proper_names
from app.pipeline.entities.spans import (
    cut_glued_tail,
    cut_name_end,
    cut_person_tail,
    expected_type,
    extend_person,
    honorific_before,
    honorific_length,
    is_junk,
    place_before,
    strip_functions,
    strip_sentence_starter,
    trim,
)
from app.pipeline.entities.words import NATURAL_PLACE_NOUNS, STREET_NOUNS
from app.pipeline.lexicon import is_common_word

__all__ = ["extract_mentions"]

DEMONYM_PLURAL_RE = re.compile(r"(iens|éens|ains|ois|aises|oises|iennes|és)$")
# A town's compound name: "Aix-les-Bains", "Boulogne-sur-Mer" (a lower-case word inside).
_COMPOUND_PLACE_RE = re.compile(r"[-‑][a-zà-ÿ']+[-‑]")


def extract_mentions(doc: Doc, *, kb: KnowledgeBase, language: str = "fr") -> list[MentionResult]:
    """Every named-entity mention in ``doc`` with its canonical entity, in text order."""
    text = doc_text(doc)
    if doc.has_annotation("ENT_IOB"):
        pieces = [p for ent in doc.ents for p in _paragraph_pieces(text, ent)]
        model = [c for c in (_model_candidate(doc, *p, kb, language) for p in pieces) if c]
        model += _cued(find_proper_names(text, kb=kb, language=language), model)
        model += [c for c in _initial_subjects(doc) if _free(c, model)]
    else:  # no NER model for this language: names by rule, typed only when cued
        model = find_proper_names(text, kb=kb, language=language)
    matched = [
        Candidate(m.start, m.end, m.entity.type, m.text, m.entity, from_kb=True)
        for m in kb.find_in_text(text)
        if honorific_before(text, m.start) == m.start  # "M. Paris" is a person
    ]
    if doc.has_annotation("ENT_IOB"):
        model = [c for c in written_names(text, model) if c in model or _free(c, matched)]
    candidates = _merge(model, matched, kb)
    for cand in candidates:
        _listed_company(cand, text)
    places = {
        fold(re.sub(r"^(?:la|le|les|l['’])\s*", "", c.name, flags=re.I))
        for c in candidates
        if c.type == "LOC"
    }
    for cand in list(candidates):
        _ranked_person(cand, text)
        candidates += clubs(cand, text, kb, places)
    candidates.sort(key=lambda c: (c.start, -c.end))
    candidates = [c for c in candidates if _resolve(c, kb, language, text)]
    for cand in candidates:
        _town_after_a(cand, text)
        _extend_place(cand, text)
        if cand.ref is None and fills_quotation(text, cand.start, cand.end):
            cand.type = "MISC"  # « Illico », « Parole et Musique »: the title of a work
    _one_type_per_name(candidates, text)
    link_candidates(candidates, text)
    # Words the article also writes in lower case, or dictionary words, are not names on
    # their own ("Honneur", "Particulière"), unless they stand for a longer name ("Meyer").
    lower: set[str] | None = None  # the article's lower-case words, read when needed
    mentions = []
    for c in candidates:
        if c.ref is None:
            continue
        if _heading(c, kb, language):
            continue
        if _lone_word(c, kb) and not venue(text, c.start, c.end):
            if lower is None:
                lower = {w for w in token_texts(doc) if w.islower() and len(w) > 2}
            # "Voltaire", "Mercier": a person's name may be a lemma, not if the tagger reads
            # it as a common word inside a sentence ("son Hosanna", "« Parole et Musique »")
            person = c.type == "PERSON" and _proper_noun(doc, c)
            if c.name.lower() in lower or is_common_word(c.name, language, lemmas=not person):
                continue
        mentions.append(MentionResult(c.text, c.start, c.end, c.ref))
    return mentions


_PARAGRAPH_BREAK_RE = re.compile(r"\n[^\S\n]*\n\s*")


def _paragraph_pieces(text: str, ent) -> list[tuple[int, int, str]]:
    """A model entity cut at paragraph breaks: no name runs from a title into the next
    paragraph ("chef de l'OTAN¶Stoltenberg" is two names)."""
    start, end = ent.start_char, ent.end_char
    bounds = [start]
    for match in _PARAGRAPH_BREAK_RE.finditer(text, start, end):
        bounds += [match.start(), match.end()]
    bounds.append(end)
    return [(lo, hi, ent.label_) for lo, hi in zip(bounds[::2], bounds[1::2], strict=True)]


def _model_candidate(
    doc: Doc, ent_start: int, ent_end: int, label: str, kb: KnowledgeBase, language: str
) -> Candidate | None:
    """A spaCy entity with clean boundaries, or None when it is not a name."""
    kind = expected_type(label)
    if kind is None:
        return None
    text = doc_text(doc)
    start, end = trim(text, ent_start, ent_end)
    end = cut_glued_tail(text, start, end, kb.is_alias)
    if kind == "PERSON":
        end = extend_person(doc, text, start, cut_person_tail(doc, text, start, end))
    else:
        end = cut_name_end(text, start, end, kind)
        if kind == "ORG" and " " not in text[start:end]:
            end = _with_adjectives(doc, end)
    if start >= end:
        return None
    if not kb.is_alias(text[start:end]):  # "Le Caire" keeps its article
        start = strip_sentence_starter(text, start, end)
        start = strip_functions(text, start, end, language, person=kind == "PERSON")
    if kind == "PERSON":
        start = _strip_demonym(text, start, end, kb)
    titled = honorific_before(text, start)
    if titled != start or honorific_length(text[start:end]):
        start, kind = titled, "PERSON"  # "M. Chuard" is a person whatever the model says
    name_start = start + honorific_length(text[start:end])
    if name_start >= end or is_junk(text[name_start:end], doc, name_start, end):
        return None
    initials = text[start:end].split()
    if kind == "PERSON" and len(initials) > 2 and all(len(w.strip(".")) <= 1 for w in initials):
        return None  # "S. M. I." (Sa Majesté impériale): a person has two initials ("J. B.")
    return Candidate(start, end, kind, text[start:end])


def _with_adjectives(doc: Doc, end: int) -> int:
    """ "Conseil[ constitutionnel]", "Conseil[ fédéral]": an institution named by a noun and
    its adjectives, which the model may leave out."""
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    i = span.end if span is not None else len(doc)
    taken = 0
    while i < len(doc) and taken < 2 and doc[i].pos_ == "ADJ" and doc[i].text.islower():
        if "\n" in doc[i - 1].whitespace_:
            break
        end, i, taken = doc[i].idx + len(doc[i]), i + 1, taken + 1
    return end


def _free(cand: Candidate, taken: list[Candidate]) -> bool:
    return not any(cand.start < c.end and c.start < cand.end for c in taken)


def _cued(found: list[Candidate], model: list[Candidate]) -> list[Candidate]:
    """Names the model missed that the text types by a cue ("le colonel Gerbufch") or by
    a writing convention (``conventions``): those that overlap none of the model's."""
    return [c for c in found if not any(c.start < m.end and m.start < c.end for m in model)]


_INITIAL_RE = re.compile(r"[A-LN-Z]\.")  # not "M.", a courtesy title


def _initial_subjects(doc: Doc) -> list[Candidate]:
    """ "F. était porteur…", "le jeune T. a été interrogé": a person the paper names by an
    initial, the subject of the verb that follows it, at a sentence's start or after a
    determiner or an adjective."""
    found = []
    for tok in doc[:-1]:
        after = doc[tok.i + 1]
        if not _INITIAL_RE.fullmatch(tok.text) or after.pos_ not in ("VERB", "AUX"):
            continue
        if not after.text.islower():
            continue
        if tok.is_sent_start or (tok.i and doc[tok.i - 1].pos_ in ("DET", "ADJ")):
            found.append(Candidate(tok.idx, tok.idx + len(tok), "PERSON", tok.text))
    return found


def _strip_demonym(text: str, start: int, end: int, kb: KnowledgeBase) -> int:
    """ "Allemand Uwe Peschel" → "Uwe Peschel": a nationality is not part of a name."""
    first, _, rest = text[start:end].partition(" ")
    if rest.strip() and kb.stem(first) is not None and kb.lookup(first) is None:
        return end - len(rest.lstrip())
    return start


def _lone_word(cand: Candidate, kb: KnowledgeBase) -> bool:
    """A single capitalised word that is not a known name and stands for no other."""
    word = cand.name
    if cand.ref is None or kb.get(cand.ref.key) is not None or " " in word:
        return False
    return cand.text == word and cand.ref.name == word  # not "M. Petit", nor "Jean Petit"


def _proper_noun(doc: Doc, cand: Candidate) -> bool:
    """Whether the tagger may read a lone word as a name: a proper noun, or any word that
    opens its sentence (where the tagger reads "Voltaire écrivait" as a common noun)."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span is None or span[-1].pos_ == "PROPN" or bool(span[0].is_sent_start)


def _heading(cand: Candidate, kb: KnowledgeBase, language: str) -> bool:
    """ "NOUVELLES ETRANGÈRES", "ALCOOLS LIBRES": words in capitals that are all dictionary
    words, none of them a known name, are a heading, not a name."""
    words = re.findall(r"[^\W\d_]+", cand.text)
    if cand.ref is None or kb.get(cand.ref.key) is not None or len(words) < 2:
        return False
    if not cand.text.isupper() or any(kb.is_alias(w) or fold(w) in ORG_HEADS for w in words):
        return False  # "ASSEMBLÉE FÉDÉRALE" is an institution's name
    return all(is_common_word(w, language) for w in words)


def _merge(model: list[Candidate], matched: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """One candidate per stretch of text: a KB match beats a model span it covers or crosses."""
    kept = list(matched)
    for cand in model:
        overlapping = [m for m in matched if m.start < cand.end and cand.start < m.end]
        if not overlapping:
            kept.append(cand)
            continue
        inside = all(cand.start <= m.start and m.end <= cand.end for m in overlapping)
        bigger = inside and any((m.start, m.end) != (cand.start, cand.end) for m in overlapping)
        # A longer model span around KB names is a different name ("Banque de France"),
        # unless it is only a compound of them ("OTAN-Russie").
        if bigger and kb.compound_parts(cand.text) is None and _names_more(cand, overlapping):
            kept = [k for k in kept if k not in overlapping]
            kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, -c.end))


def _listed_company(cand: Candidate, text: str) -> None:
    """A name in a market quotation table is the listed company's, whatever type the model
    or the KB gave the words ("Hachette", "Gaz de Paris"); a titled person stays one, and a
    place that opens the line names a state's loan, a place ("Egypte Unifiée")."""
    if cand.type == "MISC" or (cand.type == "PERSON" and cand.name != cand.text):
        return
    entry = quoted_company(text, cand.start, cand.end)
    if entry is None:
        return
    if cand.type == "LOC" and not re.search(r"\w\w", text[entry[0] : cand.start]):
        return  # "Egypte Unifiée", "J'Algérie": a state's loan is the state's
    cand.start, cand.end = entry
    cand.text, cand.type, cand.ref, cand.from_kb = text[cand.start : cand.end], "ORG", None, False


def _ranked_person(cand: Candidate, text: str) -> None:
    """ "le capitaine-lieutenant Nowak", "le roi de Pologne Ladislas": an unknown name right
    after a person's rank or function is a person's, whatever the model typed it; so is a
    single name a plan, a law or a doctrine is named after ("le plan Marshall")."""
    if cand.ref is not None or cand.type == "PERSON":
        return
    eponym = " " not in cand.text and eponym_before(text, cand.start)
    if eponym or rank_before(text, cand.start):
        cand.type = "PERSON"


_BARE_A_RE = re.compile(r"(?:^|[\s(])à\s+$")


def _town_after_a(cand: Candidate, text: str) -> None:
    """ "à Tokio", "de Finges à Chippis": an unknown single name after a bare "à" is a town
    (an organisation takes an article: "à la Banque", "à l'ONU"), whatever the model said."""
    if cand.type != "ORG" or cand.ref is not None or " " in cand.text or cand.text.isupper():
        return
    if _BARE_A_RE.search(text, max(0, cand.start - 4), cand.start):
        cand.type = "LOC"


def _one_type_per_name(candidates: list[Candidate], text: str) -> None:
    """One name, one type in an article (one sense per discourse): an unknown name the
    model typed differently from mention to mention takes a titled person's type ("M.
    Renault" … "Renault"), a dateline's ("Cressier. — …" … "de Cressier") or else the
    type most of its mentions have."""
    groups: dict[str, list[Candidate]] = {}
    for cand in candidates:
        if cand.ref is None and cand.type != "MISC":
            groups.setdefault(fold(cand.name), []).append(cand)
    for group in groups.values():
        votes = Counter(c.type for c in group)
        if len(votes) < 2:
            continue
        titled = any(c.type == "PERSON" and c.name != c.text for c in group)
        (best, top), *rest = votes.most_common()
        if titled:
            best = "PERSON"
        elif any(c.type == "LOC" and opens_dispatch(text, c.start, c.end) for c in group):
            best = "LOC"
        elif rest and rest[0][1] == top:
            continue  # no majority
        for cand in group:
            cand.type = best


_HOUSE_NUMBER_RE = re.compile(r"(?<![\w,.])\d{1,3}(?:\s?(?:bis|ter))?,?\s+$")


def _extend_place(cand: Candidate, text: str) -> None:
    """ "rue de Rome" is a place of its own; "canton de Vaud" is still Vaud. A street is a
    place whatever the model typed the name after its noun ("rue Victor-Hugo", "place
    Dauphine"), and its address holds the house number before it ("12, place Dauphine")."""
    start = place_before(text, cand.start)
    words = text[start : cand.start].split() or cand.text.split()
    noun = fold(re.sub(r"^[\d\s,]+", "", " ".join(words)).split()[0]) if words else ""
    street = noun in STREET_NOUNS
    if cand.type != "LOC":
        if not street or start == cand.start or cand.ref is not None or cand.name != cand.text:
            return
        cand.type = "LOC"  # "rue Ordener", "rue Victor-Hugo": the model read a person
    if street and start == cand.start and fold(cand.text.split()[0]) in STREET_NOUNS:
        number = _HOUSE_NUMBER_RE.search(text, max(0, start - 10), start)
        if number is not None:  # "90, boulevard Sébastopol": the street's name is the same
            cand.start, cand.text = number.start(), text[number.start() : cand.end]
        return
    if start == cand.start:
        return
    if street or noun in NATURAL_PLACE_NOUNS:
        cand.ref = None
    cand.start, cand.text = start, text[start : cand.end]


def _names_more(cand: Candidate, inside: list[Candidate]) -> bool:
    """Whether a model span says more than the KB names inside it: "Banque de France" does,
    "Tessin La France" (two names run together) does not."""
    rest = cand.text
    for match in sorted(inside, key=lambda m: -m.start):
        a, b = match.start - cand.start, match.end - cand.start
        rest = rest[:a] + " " + rest[b:]
    words = re.findall(r"[^\W\d_]+", rest)
    return any(fold(w) not in FR_STOP_WORDS for w in words)


def _resolve(cand: Candidate, kb: KnowledgeBase, language: str, text: str) -> bool:
    """Attach the KB entity and type to a model span; False for a bare demonym ("Russes")
    or a heading in capitals."""
    if cand.ref is not None:
        return True
    ref = kb.lookup(cand.name, type_hint=cand.type, language=language)
    has_title = cand.name != cand.text
    if ref is not None:
        # "Jordan" the person is not the country; "M. Paris" neither.
        person_name = cand.type == "PERSON" and ref.type != "PERSON"
        if person_name and (has_title or fold(cand.name) in UNSAFE_TEXT_ALIASES):
            return True
        cand.ref, cand.type = ref, ref.type
        return True
    single = len(cand.name.split()) == 1
    if single and cand.type != "MISC" and kb.stem(cand.name) is not None:
        # "Russes", "Allemand"; but "le général Franco" is a person's name
        return cand.type == "PERSON" and rank_before(text, cand.start)
    demonym = single and cand.type == "LOC" and DEMONYM_PLURAL_RE.search(cand.name)
    if demonym and not _COMPOUND_PLACE_RE.search(cand.name):  # "Loèche-les-Bains": a town
        return False  # "Parisiens", "Neuchâtelois": inhabitants, not places
    if single and cand.type != "PERSON" and cand.name.isupper() and len(cand.name) > 5:
        # A heading in capitals, unless it is the place a dispatch opens with ("SCHAFFHOUSE. —").
        return opens_dispatch(text, cand.start, cand.end)
    return True
