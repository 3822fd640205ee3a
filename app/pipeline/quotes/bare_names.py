"""Names no entity mention covers, on documents without NER (English has no model):
capitalised words next to a reporting verb ("Smith" in '"…," Smith said')."""

from __future__ import annotations

from spacy.tokens import Token

from app.entities.names import fold
from app.pipeline.entities.cues import SENTENCE_OPENERS
from app.pipeline.quotes.lexicon import words

# Courtesy titles before a name, never part of the speaker.
TITLES = words("m. mr mr. mrs mrs. ms ms. dr dr. mme mme. pr prof. sir")
_MAX_NAME_TOKENS = 4


def bare_name(toks: list[Token], *, backward: bool) -> tuple[int, int] | None:
    """Offsets of the capitalised words ending (``backward``) or starting ``toks``."""
    run: list[Token] = []
    for tok in reversed(toks) if backward else toks:
        if not (tok.is_alpha and tok.text[0].isupper()) or len(run) == _MAX_NAME_TOKENS:
            break
        run.append(tok)
    if backward:
        run.reverse()
    while run and (run[0].is_stop or run[0].lower_ in TITLES):
        run = run[1:]
    if not run or any(t.is_stop or t.text.isupper() for t in run):
        return None
    if run[0].is_sent_start and fold(run[0].text) in SENTENCE_OPENERS:
        return None  # "Officials said …": a common noun opening the sentence
    return run[0].idx, run[-1].idx + len(run[-1])
