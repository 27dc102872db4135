"""The SPARQL 1.1 Protocol endpoint: read-only, no federation, time- and size-limited."""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.errors import ServiceError
from api.metrics import Metrics
from api.negotiation import (
    GRAPH_FORMATS,
    GRAPH_MEDIA,
    RESULT_FORMATS,
    RESULT_MEDIA,
    choose,
    prefers_html,
)
from api.pages import query_page
from api.pool import Job, PoolBusyError, QueryFailedError
from api.service_description import service_description
from api.state import ServiceState
from dmops.sparql_guard import QueryRefusedError, keywords, query_form, screen
from dmops.store import Dataset

router = APIRouter(tags=["SPARQL"])
log = logging.getLogger("dmops.query")
FORM_URLENCODED = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@router.get("/sparql", summary="SPARQL 1.1 query (GET), service description, or the query page")
async def sparql_get(request: Request) -> Response:
    return await _answer(request, _url_parameters(request))


@router.post("/sparql", summary="SPARQL 1.1 query (POST: form-encoded or sparql-query)")
async def sparql_post(request: Request) -> Response:
    return await _answer(request, await _body_parameters(request))


def _state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


def _url_parameters(request: Request) -> list[tuple[str, str]]:
    return list(request.query_params.multi_items())


async def _body_parameters(request: Request) -> list[tuple[str, str]]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == SPARQL_UPDATE:
        raise _read_only(("header", "content-type"))
    if content_type not in (FORM_URLENCODED, SPARQL_QUERY):
        raise ServiceError(
            415,
            f"unsupported content type {content_type or '(none)'!r}: POST a query as "
            f"{FORM_URLENCODED} or {SPARQL_QUERY}",
            "unsupported_media_type",
            ("header", "content-type"),
        )
    text = _decode(await _read_body(request))
    if content_type == SPARQL_QUERY:
        return [*_url_parameters(request), ("query", text)]
    return [*_url_parameters(request), *parse_qsl(text, keep_blank_values=True)]


async def _read_body(request: Request) -> bytes:
    limit = _state(request).settings.max_body_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def _too_large(limit: int) -> ServiceError:
    return ServiceError(413, f"the request body is over {limit} bytes", "body_too_large", ("body",))


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ServiceError(
            400,
            f"the request body is not UTF-8 (at byte offset {exc.start})",
            "encoding",
            ("body",),
        ) from exc


def _read_only(loc: tuple[str, ...]) -> ServiceError:
    return ServiceError(
        403, "this endpoint is read-only: SPARQL Update is not accepted", "read_only", loc
    )


async def _answer(request: Request, parameters: list[tuple[str, str]]) -> Response:
    state = _state(request)
    values: dict[str, list[str]] = {}
    for name, value in parameters:
        values.setdefault(name, []).append(value)
    if "update" in values:
        raise _read_only(("query", "update"))
    queries = values.get("query", [])
    if len(queries) > 1:
        raise ServiceError(
            400, f"give one query parameter, not {len(queries)}", "duplicate_parameter", ("query",)
        )
    if not queries:
        if request.method == "GET":
            return _describe(request, state, values.get("format", [None])[-1])
        raise ServiceError(400, "no query given", "missing_query", ("query",))
    query = queries[0]
    _check_length(query, request.method, state.settings.max_query_length)
    form = query_form(query)
    output = _output(request, values.get("format", [None])[-1], form)
    if output is None:
        return HTMLResponse(query_page(query))
    return await _run(request, state, query, output, values)


def _check_length(query: str, method: str, limit: int) -> None:
    if len(query) > limit:
        status = 414 if method == "GET" else 413
        message = f"the query is {len(query)} characters; at most {limit}"
        raise ServiceError(status, message, "query_too_long", ("query",))


def _output(request: Request, requested: str | None, form: str) -> str | None:
    """The result format; None means a browser should get the query page."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    formats, media, default = (
        (GRAPH_FORMATS, GRAPH_MEDIA, "turtle") if graph else (RESULT_FORMATS, RESULT_MEDIA, "json")
    )
    if requested:
        chosen = requested if requested in formats else media.get(requested.lower())
        if chosen is None:
            raise ServiceError(
                400,
                f"unknown format {requested!r} for a {form} query; one of: {', '.join(formats)}",
                "unknown_format",
                ("query", "format"),
            )
        return chosen
    accept = request.headers.get("accept")
    if prefers_html(accept):
        return None
    chosen = choose(accept, media, default)
    if chosen is None:
        raise ServiceError(
            406,
            f"cannot answer a {form} query as {accept}; acceptable: {', '.join(sorted(media))}",
            "not_acceptable",
            ("header", "accept"),
        )
    return chosen


async def _run(
    request: Request, state: ServiceState, query: str, output: str, values: dict[str, list[str]]
) -> Response:
    metrics: Metrics = request.app.state.metrics
    digest = hashlib.sha256(query.encode()).hexdigest()[:12]
    try:
        screen(query)
    except QueryRefusedError as exc:
        metrics.refusals.labels(reason="screen").inc()
        log.info("query %s refused: %s", digest, exc)
        raise ServiceError(exc.status, exc.message, "refused", ("query",)) from exc
    job = Job(
        query=query,
        form=output,
        max_rows=state.settings.max_rows,
        dataset=Dataset(
            default_graphs=tuple(values["default-graph-uri"])
            if "default-graph-uri" in values
            else None,
            named_graphs=tuple(values["named-graph-uri"]) if "named-graph-uri" in values else None,
            own_dataset="FROM" in keywords(query),
        ),
        base_iri=str(request.url_for("sparql_get")),
    )
    try:
        answer, seconds = await state.pool.run(job, state.settings.query_timeout)
    except PoolBusyError as exc:
        metrics.refusals.labels(reason="busy").inc()
        raise ServiceError(
            503,
            "every query worker is busy; try again shortly",
            "busy",
            headers={"Retry-After": str(state.settings.retry_after)},
        ) from exc
    except QueryFailedError as exc:
        if exc.kind == "timeout":
            metrics.timeouts.inc()
        log.info("query %s failed (%s): %s", digest, exc.kind, exc.message)
        headers = {"Retry-After": str(state.settings.retry_after)} if exc.status == 503 else None
        raise ServiceError(exc.status, exc.message, exc.kind, ("query",), headers) from exc
    metrics.query_seconds.observe(seconds)
    log.info("query %s answered in %.3f s with %d rows", digest, seconds, answer.rows)
    headers = {"X-Result-Rows": str(answer.rows)}
    if answer.truncated:
        headers["X-Result-Truncated"] = f"true; limit={state.settings.max_rows}"
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def _describe(request: Request, state: ServiceState, requested: str | None) -> Response:
    """The SPARQL 1.1 Service Description (with VoID counts), or the page for a browser."""
    accept = request.headers.get("accept")
    if requested is None and prefers_html(accept):
        return HTMLResponse(query_page(""))
    output = _output(request, requested, "DESCRIBE")
    assert output is not None
    body, media_type = service_description(state, str(request.url_for("sparql_get")), output)
    return Response(body, media_type=media_type)
