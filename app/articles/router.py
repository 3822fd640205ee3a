"""HTTP routes of the articles resource (thin: parse, call the service, return)."""

import json
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import ValidationError
from sqlmodel import Session

from app.articles import detail, service
from app.articles.schemas import ArticleDetail, ArticleRead
from app.common.auth import require_write_access
from app.common.errors import PROBLEM_JSON, NotFound, Problem, ProblemError
from app.common.jsonld import JSONLD_RESPONSE, jsonld_response, wants_jsonld
from app.common.openapi import component_ref
from app.common.pagination import Page, PageDep, page_response
from app.common.params import (
    ID_MAX,
    IdValue,
    IsoDate,
    PublishedFrom,
    PublishedTo,
    check_range,
    forbid_unknown_query_params,
)
from app.common.threads import run_write
from app.config import get_settings
from app.db import SessionDep
from app.pipeline.ingest.schemas import ArticleIn, describe_validation_error

# Problem responses for routes that declare their own (the OpenAPI builder in
# app/common/openapi.py adds 404/422/500/503 to every operation anyway).
PROBLEMS = {
    422: {"model": Problem, "description": "Invalid parameter.", "content": {PROBLEM_JSON: {}}},
}
router = APIRouter(
    prefix="/v1/articles",
    tags=["articles"],
    dependencies=[Depends(forbid_unknown_query_params)],
)


@router.get("", operation_id="list_articles", response_model=Page[ArticleRead])
def list_articles(
    request: Request,
    session: SessionDep,
    page: PageDep,
    q: Annotated[
        str | None,
        Query(
            description="Full-text query over title, standfirst and body: words (all "
            'required), `"exact phrases"` and `prefix*` terms; accents and case are ignored '
            "on SQLite, French/English stemming applies on PostgreSQL.",
            max_length=500,
            examples=['négociations "conseil OTAN-Russie"'],
        ),
    ] = None,
    language: Annotated[
        str | None,
        Query(description="ISO 639-1 code, any case.", examples=["fr"], max_length=16),
    ] = None,
    source: Annotated[
        str | None,
        Query(description="Source name or host, any case.", examples=["rt.com"], max_length=200),
    ] = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    entity: Annotated[
        list[IdValue] | None,
        Query(description="Entity id; repeat to require all of them.", examples=[[1]]),
    ] = None,
    event: Annotated[
        int | None,
        Query(ge=1, le=ID_MAX, description="Id of an event the article mentions.", examples=[1]),
    ] = None,
    mentions_date_from: Annotated[
        IsoDate | None,
        Query(description="Mentions a date on or after this day.", examples=["2022-01-10"]),
    ] = None,
    mentions_date_to: Annotated[
        IsoDate | None,
        Query(description="Mentions a date on or before this day.", examples=["2022-01-12"]),
    ] = None,
    sort: Annotated[
        Literal["-published_at", "published_at", "relevance"],
        Query(
            description="`-published_at` (newest first), `published_at`, or `relevance` "
            "(best match first; needs `q`)."
        ),
    ] = "-published_at",
    include: Annotated[
        Literal["body"] | None, Query(description="`body` to include article bodies.")
    ] = None,
) -> Any:
    """List articles, newest first, with filters that compose."""
    check_range("published_from", published_from, "published_to", published_to)
    check_range("mentions_date_from", mentions_date_from, "mentions_date_to", mentions_date_to)
    # Serialised straight from dicts like the detail; ``response_model`` documents it.
    filters = service.ArticleFilters(
        q=q,
        language=language.lower() if language else None,  # stored in lower case
        source=source,
        published_from=published_from,
        published_to=published_to,
        entity=entity or [],
        event=event,
        mentions_date_from=mentions_date_from,
        mentions_date_to=mentions_date_to,
        sort=sort,
        include_body=include == "body",
    )
    items, next_cursor = service.list_articles(session=session, filters=filters, page=page)
    return page_response(request, items, next_cursor)


@router.get(
    "/{article_id}",
    operation_id="get_article",
    response_model=ArticleDetail,
    responses={200: {"content": JSONLD_RESPONSE}},
)
def get_article(
    article_id: Annotated[int, Path(ge=1, le=ID_MAX, description="Article id.", examples=[1])],
    request: Request,
    session: SessionDep,
) -> Any:
    """Get one article with its mentions, quotes, dates, events and duplicates."""
    if wants_jsonld(request):
        article = detail.get_article(session=session, article_id=article_id)
        return jsonld_response(detail.article_jsonld(session=session, article=article))
    # The most read resource: serialised straight from dicts (``response_model`` documents
    # it; a Response is not re-validated), by the same function as the fast path's.
    body = detail.article_json(session.connection(), article_id)
    return Response(body, media_type="application/json")


# --- Writes: POST and DELETE (API key, rate limit). Kept apart from the reads above. ---

_WRITE_PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {
        "model": Problem,
        "description": description,
        "content": {"application/problem+json": {}},
    }
    for status, description in {
        401: "No API key was sent (`WWW-Authenticate: Bearer`).",
        403: "Writes are disabled (no keys configured) or the key is wrong.",
        404: "No such article.",
        413: "The body is larger than `NEWSMETA_MAX_ARTICLE_BYTES`.",
        415: "The body is declared as something other than JSON (`Content-Type`).",
        422: "The article is invalid (unknown field, wrong type, no text).",
        429: "Too many writes; see `Retry-After`.",
    }.items()
}


# The body is parsed by `article_payload` (size limit first), so FastAPI does not see the
# model; its schema goes into the OpenAPI components by hand.
ARTICLE_IN_SCHEMA = component_ref(ArticleIn)


async def article_payload(request: Request) -> ArticleIn:
    """The JSON body as a strict SPEC article; 415 unless it is declared as JSON (or not
    declared), 413 past the size limit, 422 if invalid."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type and media_type != "application/json" and not media_type.endswith("+json"):
        raise ProblemError(
            415,
            f"the body is declared as {media_type}; send the article as application/json",
            slug="unsupported-media-type",
        )
    limit = get_settings().max_article_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ProblemError(413, f"the body is larger than the {limit}-byte limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ProblemError(413, f"the body is larger than the {limit}-byte limit")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ProblemError(
            422, f"the body is not valid JSON: {exc}", slug="validation-error"
        ) from None
    except RecursionError:  # thousands of nested arrays or objects
        raise ProblemError(
            422, "the body is nested too deeply to be an article", slug="validation-error"
        ) from None
    if not isinstance(data, dict):
        raise ProblemError(422, "the body must be one JSON article object", slug="validation-error")
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        errors = [
            {"loc": ["body", *err["loc"]], "msg": err["msg"], "type": err["type"]}
            for err in exc.errors()
        ]
        raise ProblemError(
            422, describe_validation_error(exc), slug="validation-error", errors=errors
        ) from None


@router.post(
    "",
    operation_id="create_article",
    status_code=201,
    response_model=ArticleDetail,
    responses={
        200: {"model": ArticleDetail, "description": "Updated or unchanged."},
        **_WRITE_PROBLEMS,
    },
    dependencies=[Depends(require_write_access)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ARTICLE_IN_SCHEMA}},
        }
    },
)
async def create_article(
    article: Annotated[ArticleIn, Depends(article_payload)],
    request: Request,
    response: Response,
    session: SessionDep,
) -> ArticleDetail:
    """Ingest one article through the import pipeline (201 new, 200 updated or unchanged)."""
    return await run_write(request, partial(_create_article, article, response, session))


def _create_article(article: ArticleIn, response: Response, session: Session) -> ArticleDetail:
    from app.pipeline.ingest.prepare import ImportDefaults, PrepareError
    from app.pipeline.run import ingest_article

    settings = get_settings()
    try:
        stored = ingest_article(
            session,
            article.to_raw("<api>"),
            ImportDefaults(),
            fallback_language=settings.default_language,
        )
        session.commit()
    except PrepareError as exc:
        raise ProblemError(422, str(exc), slug="validation-error") from None
    response.status_code = 201 if stored.outcome == "imported" else 200
    response.headers["Location"] = f"/v1/articles/{stored.id}"
    return detail.get_article(session=session, article_id=stored.id)


@router.delete(
    "/{article_id}",
    operation_id="delete_article",
    status_code=204,
    response_class=Response,
    responses=_WRITE_PROBLEMS,
    dependencies=[Depends(require_write_access)],
)
async def delete_article(
    article_id: Annotated[int, Path(ge=1, le=ID_MAX, description="Article id.", examples=[1])],
    request: Request,
    session: SessionDep,
) -> Response:
    """Delete an article and its extracted data (entities stay, with counts updated)."""
    return await run_write(request, partial(_delete_article, article_id, session))


def _delete_article(article_id: int, session: Session) -> Response:
    from app.pipeline.store import load

    if not load.delete_article(session, article_id):
        raise NotFound("article", article_id)
    session.commit()
    return Response(status_code=204)
