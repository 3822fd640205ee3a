"""Quotes and who said them: direct quotes between marks, indirect speech after "que"/"that".

Direct quotes are found from quotation marks (``marks``) and attributed, in order:
1. the attribution right after the quote ("», a déclaré X", "», X a insisté", '," she said',
   a headline's "» – chef de l'OTAN");
2. the attribution right before it ("X a insisté : «", "Selon X, «", 'X said: "');
3. the previous quote, when this one continues it with no attribution of its own
   (the same or the next sentence, or the next paragraph opening with the quote);
4. the neighbouring sentence ("X a déclaré :" closing the previous sentence, a previous
   sentence whose reporting verb has a clear subject, or, for words in the first person,
   whose subject is a named person: ``neighbours``);
5. words quoted inside a sentence: its source or subject (``inline``);
6. first-person words keep the last speaker while no other person is named.
A quote interrupted by its attribution ("« A », a-t-il dit, « B »", or inside the marks:
"« A, a-t-il dit, B »", ``incises``) gives two quotes with the same speaker. Quotes with no
attribution (scare quotes, titles, quoted terms) are dropped.

Indirect speech is one per sentence without quotation marks: "X a déclaré que …",
"…, a averti X", "Selon X, …"; its text is the reported clause.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from app.entities.types import EntityRef, MentionResult
from app.pipeline.doc_index import doc_text
from app.pipeline.quotes.incises import split_incises
from app.pipeline.quotes.indirect import indirect_speech
from app.pipeline.quotes.inline import inline_speaker
from app.pipeline.quotes.lexicon import (
    COMPLEMENTISERS,
    SOURCE_MARKERS,
    is_reporting_verb,
)
from app.pipeline.quotes.marks import MarkedSpan, Sentence, find_marked_spans, sentences
from app.pipeline.quotes.neighbours import (
    Located,
    Said,
    colon_speaker,
    continued_speaker,
    neighbour_speaker,
    same_voice,
)
from app.pipeline.quotes.people import person_resolver
from app.pipeline.quotes.roles import Roles
from app.pipeline.quotes.speakers import Attributor, Speaker
from app.pipeline.types import QuoteResult

# Below this many words, a quote attributed only by its neighbours is a quoted term.
MIN_WORDS_UNATTACHED = 4
# A reporting verb must come this close (in tokens) after a quote to attribute it.
MAX_TOKENS_TO_VERB = 6
_ATTRIBUTION_LEAD = frozenset({",", "–", "—", "-", ";"})
_DASHES = frozenset({"–", "—", "-"})
_SENTENCE_FINAL = ".!?…"
_OPENING_MARKS = '«“"„'
_SPACES = " \t\n\u00a0\u202f\u2009"
_SOURCE_HEADS = frozenset(marker.split()[0] for marker in SOURCE_MARKERS)


def extract_quotes(
    doc: Doc,
    *,
    mentions: Sequence[MentionResult],
    language: str = "fr",
    given_roles: Sequence[tuple[str, EntityRef]] = (),
) -> list[QuoteResult]:
    """Direct and indirect quotes of ``doc`` with their speakers, in text order;
    ``given_roles``: the (role, person) pairs of the article's body (``article_roles``),
    when ``doc`` is its title or standfirst."""
    spans = split_incises(doc, find_marked_spans(doc_text(doc)))
    sents = sentences(doc_text(doc), spans)
    quoted = [(s.open, s.close) for s in spans]
    attributor = Attributor(doc, mentions, quoted)
    roles = Roles(doc, mentions, quoted, given_roles)
    resolve = person_resolver(attributor, roles, sents)
    direct = _direct_quotes(attributor, roles, spans, sents, resolve)
    indirect = _indirect_quotes(attributor, spans, sents)
    found = sorted(direct + indirect, key=lambda q: (q.start, q.end))
    return [resolve(q) for q in found]


def article_roles(doc: Doc, mentions: Sequence[MentionResult]) -> list[tuple[str, EntityRef]]:
    """The (role, person) pairs an article body introduces ("le chef du bloc, X")."""
    quoted = [(s.open, s.close) for s in find_marked_spans(doc_text(doc))]
    return Roles(doc, mentions, quoted).pairs()


def _locate(spans: list[MarkedSpan], sents: list[Sentence]) -> list[Located]:
    located, index = [], 0
    for span in spans:
        while index < len(sents) - 1 and sents[index].end <= span.open:
            index += 1
        located.append(Located(span, index))
    return located


def _quote(span: MarkedSpan, text: str, speaker: Speaker | None) -> QuoteResult:
    return QuoteResult(
        text=text[span.start : span.end],
        start=span.start,
        end=span.end,
        kind="direct",
        speaker=speaker.entity if speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
    )


def _direct_quotes(
    attributor: Attributor,
    roles: Roles,
    spans: list[MarkedSpan],
    sents: list[Sentence],
    resolve: Callable[[QuoteResult], QuoteResult],
) -> list[QuoteResult]:
    text = attributor.text
    located = _locate(spans, sents)
    results: list[QuoteResult] = []
    previous: tuple[Located, Speaker | None] | None = None
    said: Said | None = None  # the last quote with a speaker, and the person it resolves to
    for i, here in enumerate(located):
        sent = sents[here.sentence]
        lo = max([sent.start] + [o.span.close for o in located[:i] if o.sentence == here.sentence])
        hi = min(
            [sent.end] + [o.span.open for o in located[i + 1 :] if o.sentence == here.sentence]
        )
        words = len(text[here.span.start : here.span.end].split())
        speaker = (
            _source_in_clause(attributor, lo, here.span.open)
            or _speaker_after(
                attributor, here.span, hi, words, not text[lo : here.span.open].strip()
            )
            or _speaker_before(attributor, roles, lo, here.span.open, words)
        )
        opens_sentence = not text[lo : here.span.open].strip()
        if speaker is None and words >= MIN_WORDS_UNATTACHED and opens_sentence:
            speaker = continued_speaker(here, previous, sents) or neighbour_speaker(
                attributor, here, sents
            )
        if speaker is None and not opens_sentence and _speech_like(attributor, here.span, words):
            speaker = inline_speaker(attributor, here.span, sent) or continued_speaker(
                here, previous, sents
            )
        if speaker is None and words >= MIN_WORDS_UNATTACHED and opens_sentence:
            speaker = same_voice(attributor, here, said)
        if speaker is None and not _speech_like(attributor, here.span, words):
            continue  # a quoted term, a title, a heading: no one is quoted
        results.append(_quote(here.span, text, speaker))
        previous = (here, speaker)
        if speaker is not None:
            said = Said(here, speaker, resolve(results[-1]).speaker)
    return results


def _source_in_clause(attributor: Attributor, lo: int, open_at: int) -> Speaker | None:
    """ "qui offriront selon lui un oasis de « … »": a source inside the quote's own clause
    binds it before any attribution of the whole sentence ("…, a indiqué son porte-parole")."""
    lead = attributor.text[lo:open_at].rstrip()
    clause = lo + lead.rfind(",") + 1  # "Selon X, « … »" leaves no clause: the usual way
    return attributor.source_speaker(clause, open_at) if lead[clause - lo :].strip() else None


def _speech_like(attributor: Attributor, span: MarkedSpan, words: int) -> bool:
    """Whether unattributed quoted words are speech rather than a quoted term or a title:
    long enough, and a clause ("ne figurait pas sur l'agenda") or a fragment continuing
    the sentence in lower case ("un moment important de notre histoire"); a capitalised
    phrase with no verb is a title ("Les nuits de la pleine lune")."""
    if words < MIN_WORDS_UNATTACHED:
        return False
    inner = attributor.text[span.start : span.end]
    if inner[:1].islower() or inner.rstrip('»”"')[-1:] in _SENTENCE_FINAL:
        return True
    if not attributor.has_parse:
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in attributor.tokens(span.start, span.end))


def _speaker_after(
    attributor: Attributor, span: MarkedSpan, hi: int, words: int, opens: bool
) -> Speaker | None:
    """The attribution following a quote: "», a déclaré X", '," he said', "», selon X";
    ``opens``: the quote opens its sentence (an incise may follow it)."""
    toks = attributor.tokens(span.close, hi)
    if not toks:
        return None
    if opens and toks[0].text in _DASHES and words >= MIN_WORDS_UNATTACHED:
        return _headline_speaker(attributor, toks[1:])
    led = toks[0].text in _ATTRIBUTION_LEAD
    inside = attributor.text[span.open + 1 : span.close - 1].rstrip(_SPACES)
    punctuated = inside[-1:] in _SENTENCE_FINAL + ","
    # Without punctuation, '"x" said' is only trusted on a sentence-long quote.
    reach = MAX_TOKENS_TO_VERB if led or punctuated else 3
    if not (led or punctuated or words >= MIN_WORDS_UNATTACHED):
        return None
    words_seen = 0
    for tok in toks:
        if tok.text in ".!?":
            return None
        if tok.is_punct or tok.lower_ == "-t":
            continue
        if words_seen == 0 and (led or punctuated) and tok.lower_ in _SOURCE_HEADS:
            return attributor.source_speaker(tok.idx, hi)
        words_seen += 1
        if words_seen > reach:
            return None
        if is_reporting_verb(tok):
            rest = attributor.text[tok.idx + len(tok) : hi].rstrip(_SPACES)
            if rest.endswith(":") and attributor.text[hi : hi + 1] in _OPENING_MARKS:
                return None  # "…. » La chanteuse ajoute : « … »": it opens the next quote
            return attributor.speaker_of_verb(tok, span.close, hi)
        if led and opens and attributor.has_parse and _verb_like(tok):
            return _inverted_speaker(attributor, tok, hi)
    return None


def _headline_speaker(attributor: Attributor, toks: list[Token]) -> Speaker | None:
    """ "« Le risque est réel » – chef de l'OTAN": a headline names its speaker after a dash,
    in a phrase without a verb that ends the sentence."""
    toks = [t for t in toks if t.text not in ".!?"]
    if not toks or len(toks) > MAX_TOKENS_TO_VERB + 2 or any(t.is_punct for t in toks[:1]):
        return None
    if any(
        is_reporting_verb(t) or (attributor.has_parse and t.pos_ in ("VERB", "AUX")) for t in toks
    ):
        return None
    people = [m for m in attributor.mentions_in(toks[0].idx, toks[-1].idx + len(toks[-1]))]
    people = [m for m in people if m.entity.type == "PERSON"]
    if people:
        return Speaker(people[0].entity, people[0].text, people[0].start, people[0].end)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    return Speaker(None, attributor.text[start:end], start, end)


def _verb_like(tok: Token) -> bool:
    """A verb by the parse, or a lower-case word after an auxiliary ("s'est réjoui")."""
    after_aux = tok.i > 0 and tok.doc[tok.i - 1].pos_ == "AUX" and tok.is_alpha and tok.is_lower
    return tok.pos_ == "VERB" or after_aux


def _inverted_speaker(attributor: Attributor, verb: Token, hi: int) -> Speaker | None:
    """ "« … », s'est réjoui l'élu": right after a quote and its comma, a verb followed by
    its subject is an incise (French inverts the subject of an attribution only), whatever
    the verb."""
    found = attributor.speaker_of_verb(verb, verb.idx + len(verb), hi)
    return found if found is not None and found.start > verb.idx else None


def _speaker_before(
    attributor: Attributor, roles: Roles, lo: int, open_at: int, words: int
) -> Speaker | None:
    """The attribution leading to a quote: "X a insisté : «", "Selon X, «", "X : «"."""
    lead = attributor.text[lo:open_at].rstrip()
    if not lead:
        return None
    toks = attributor.tokens(lo, open_at)
    last = toks[-1] if toks else None
    if last is None:
        return None
    if last.text == "," and toks[0].lower_ in ("pour", "for"):  # "Pour X, « … »"
        named = attributor.mentions_in(toks[0].idx, last.idx)
        if len(named) == 1 and named[0].entity.type == "PERSON":
            return Speaker(named[0].entity, named[0].text, named[0].start, named[0].end)
        if not named and len(toks) > 2:  # "Pour le préfet, « … »": a role given before
            start, end = toks[1].idx, last.idx
            np = attributor.text[start:end].rstrip()
            if roles.introduced(np, start):
                return Speaker(None, np, start, start + len(np))
    introduces = last.text in (":", ",") or last.lower_ in COMPLEMENTISERS
    if not (introduces or is_reporting_verb(last)):
        return None
    source = attributor.source_speaker(lo, open_at)
    if source is not None:
        return source
    verbs = attributor.reporting_verbs(lo, open_at)
    found = attributor.speaker_of_verb(verbs[-1], lo, open_at) if verbs else None
    if found is None and last.text == ":":  # "Interrogé hier, le maire X a été clair :"
        return colon_speaker(attributor, lo, last.idx)
    return found


def _indirect_quotes(
    attributor: Attributor, spans: list[MarkedSpan], sents: list[Sentence]
) -> list[QuoteResult]:
    results = []
    for sent in sents:
        if any(s.open < sent.end and s.close > sent.start for s in spans):
            continue  # mixed quotes are reported as direct quotes only
        found = indirect_speech(attributor, sent.start, sent.end)
        if found is not None:
            results.append(found)
    return results
