"""Canned queries as REST operations: one typed, documented operation per query.

Each ``queries/*.rq`` file becomes ``GET /queries/{name}`` with its parameters
as typed query parameters in OpenAPI (with their examples), so ``/docs`` shows
every question on its own. Values are bound as RDF terms by dmops.queries.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.errors import ServiceError, not_acceptable
from api.negotiation import choose, prefers_html
from api.pages import ENVIRONMENT
from api.state import ServiceState
from dmops.queries import (
    CannedQuery,
    Parameter,
    ParameterError,
    load_queries,
    render_rows,
    rows,
    run,
)
from dmops.results import serialise

OUTPUTS = {
    "application/json": "json",
    "application/sparql-results+json": "sparql-json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
CACHE_SIZE = 2048
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv", "tsv": "text/tab-separated-values"}


class Format(StrEnum):
    json = "json"
    sparql_json = "sparql-json"
    csv = "csv"
    tsv = "tsv"
    html = "html"


def router(queries: dict[str, CannedQuery] | None = None) -> APIRouter:
    """The routes for the given queries (default: every file in queries/)."""
    registry = queries if queries is not None else load_queries()
    routes = APIRouter(tags=["canned queries"])

    @routes.get("/queries", summary="List the canned queries and their parameters")
    async def list_queries(request: Request) -> list[dict[str, Any]]:
        return [_description(request, query) for query in registry.values()]

    for query in registry.values():
        routes.add_api_route(
            f"/queries/{query.name}",
            _endpoint(query),
            methods=["GET"],
            summary=query.summary,
            description=query.description,
            tags=["canned queries", *query.tags],
            name=f"query_{query.name}",
            operation_id=f"query_{query.name.replace('-', '_')}",
            response_class=JSONResponse,
        )

    @routes.get("/queries/{name}", include_in_schema=False)
    async def unknown_query(name: str) -> Response:
        raise ServiceError(
            404,
            f"no canned query {name!r}; the queries: {', '.join(registry)}",
            "unknown_query",
            ("path", "name"),
        )

    return routes


def _description(request: Request, query: CannedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "summary": query.summary,
        "description": query.description,
        "tags": list(query.tags),
        "url": str(request.url_for(f"query_{query.name}")),
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "description": p.description,
                "class": p.class_iri,
                "enum": list(p.values) or None,
                "default": p.default,
                "example": p.example,
                "required": p.required,
            }
            for p in query.parameters
        ],
        "pagination": query.pagination,
    }


def _endpoint(query: CannedQuery) -> Callable[..., Awaitable[Response]]:
    """An endpoint whose signature lists the query's parameters, for FastAPI and OpenAPI."""

    async def endpoint(request: Request, **arguments: Any) -> Response:
        return await _answer(request, query, arguments)

    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    ]
    parameters.extend(_signature_parameter(parameter) for parameter in query.parameters)
    if query.pagination:
        parameters.append(
            inspect.Parameter(
                "page",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=int,
                default=Query(1, ge=1, description=f"page of {query.pagination} rows"),
            )
        )
    parameters.append(
        inspect.Parameter(
            "format",
            inspect.Parameter.KEYWORD_ONLY,
            annotation=Format | None,
            default=Query(None, description="answer format; otherwise chosen by Accept"),
        )
    )
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{query.name.replace('-', '_')}"
    return endpoint


def _annotation(parameter: Parameter) -> Any:
    """The Python type FastAPI validates a parameter with (an enum lists its choices)."""
    if parameter.values:
        return StrEnum(f"{parameter.name.title()}Choice", {v: v for v in parameter.values})
    return int if parameter.type == "integer" else str


def _signature_parameter(parameter: Parameter) -> inspect.Parameter:
    annotation = _annotation(parameter)
    description = parameter.description + (
        f" (a {parameter.class_iri})" if parameter.class_iri else ""
    )
    default = Query(
        ... if parameter.required else parameter.default,
        description=description,
        examples=[parameter.example] if parameter.example else None,
        openapi_examples=(
            {"example": {"summary": "an example", "value": parameter.example}}
            if parameter.example
            else None
        ),
    )
    return inspect.Parameter(
        parameter.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


async def _answer(request: Request, query: CannedQuery, arguments: dict[str, Any]) -> Response:
    state: ServiceState = request.app.state.service
    allowed = {p.name for p in query.parameters} | {"format", "page"}
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ServiceError(
            400,
            f"query {query.name!r} has no parameter {unknown[0]!r}; "
            f"its parameters: {', '.join(sorted(allowed))}",
            "unknown_parameter",
            ("query", unknown[0]),
        )
    output = _output(request, arguments.pop("format"))
    page = arguments.pop("page", 1)
    values = {name: str(getattr(value, "value", value)) for name, value in arguments.items()}
    cache = _cache(request, state)
    key = (query.name, tuple(sorted(values.items())), output, page)
    if key in cache:
        cache.move_to_end(key)
        body, media_type = cache[key]
        return Response(body, media_type=media_type, headers={"X-Cache": "hit"})
    try:
        answer = await asyncio.to_thread(_evaluate, state, query, values, output, page)
    except ParameterError as exc:
        raise ServiceError(400, str(exc), "invalid_parameter", ("query",)) from exc
    response = _response(query, answer, output, values)
    cache[key] = (bytes(response.body), response.media_type or "application/octet-stream")
    if len(cache) > CACHE_SIZE:
        cache.popitem(last=False)
    response.headers["X-Cache"] = "miss"
    return response


def _response(
    query: CannedQuery, answer: list[dict[str, str]] | Response, output: str, values: dict[str, str]
) -> Response:
    if isinstance(answer, Response):
        return answer
    if output == "html":
        template = ENVIRONMENT.get_template("query_result.html")
        return HTMLResponse(template.render(query=query, rows=answer, arguments=values))
    if output == "json":
        return JSONResponse(answer)
    return Response(render_rows(answer, output), media_type=MEDIA_TYPES[output])


def _cache(request: Request, state: ServiceState) -> OrderedDict[Any, tuple[bytes, str]]:
    """Answers by (query, arguments, format, page) for the graph being served.

    The graph does not change while it is served, so an answer stays right until a
    reload swaps the store, which starts a new cache.
    """
    cached = getattr(request.app.state, "query_answers", None)
    if not isinstance(cached, tuple) or cached[0] is not state.store:
        cached = (state.store, OrderedDict())
        request.app.state.query_answers = cached
    answers: OrderedDict[Any, tuple[bytes, str]] = cached[1]
    return answers


def _evaluate(
    state: ServiceState, query: CannedQuery, values: dict[str, str], output: str, page: int
) -> list[dict[str, str]] | Response:
    """Run and read the query in one thread: pyoxigraph results may not cross threads."""
    result = run(state.store, query, values)
    if output == "sparql-json":
        answer = serialise(result, "json", state.settings.max_rows)
        return Response(answer.body, media_type=answer.media_type)
    table = rows(result)
    if query.pagination:
        table = table[(page - 1) * query.pagination : page * query.pagination]
    return table


def _output(request: Request, requested: Format | None) -> str:
    if requested is not None:
        return requested.value
    accept = request.headers.get("accept")
    if prefers_html(accept):
        return "html"
    chosen = choose(accept, OUTPUTS, "json")
    if chosen is None:
        raise not_acceptable(accept, [*OUTPUTS, "text/html"])
    return chosen
