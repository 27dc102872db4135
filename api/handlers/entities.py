"""Entity pages (``/id/{type}/{key}``) and entity search (``/search``).

The graph's instance IRIs are ``https://w3id.org/rubin/dmops/{type}/{key}``; this
service resolves them as ``/id/{type}/{key}`` on whatever host it runs: an HTML
page by default, Turtle, JSON-LD or N-Triples by ``Accept`` or ``format=``.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from api.catalog import Catalog, Entry, catalog_of, entity_iri
from api.entity_view import describe, rdf_triples
from api.errors import ServiceError, not_acceptable
from api.negotiation import GRAPH_MEDIA, choose, prefers_html
from api.pages import ENVIRONMENT
from api.state import ServiceState
from dmops.namespaces import ENTITY_TYPES, PREFIXES
from dmops.results import GRAPH_TYPES

router = APIRouter(tags=["entities"])
RDF_FORMATS = ("turtle", "jsonld", "ntriples")
PAGE_MEDIA = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    **{media: form for media, form in GRAPH_MEDIA.items() if form in RDF_FORMATS},
}
RDF_CONTENT: dict[str, Any] = {
    "content": {"text/turtle": {}, "application/ld+json": {}, "application/n-triples": {}}
}
MAX_SEARCH = 200
SEARCH_LIMIT = 500


def catalog(request: Request) -> Catalog:
    state: ServiceState = request.app.state.service
    return catalog_of(request.app.state, state.store)


def page_format(request: Request, requested: str | None) -> str:
    """html, turtle, jsonld or ntriples: from ``format=``, else ``Accept`` (HTML by default)."""
    if requested:
        if requested in (*RDF_FORMATS, "html"):
            return requested
        raise ServiceError(
            400,
            f"unknown format {requested!r}; one of: html, {', '.join(RDF_FORMATS)}",
            "unknown_format",
            ("query", "format"),
        )
    accept = request.headers.get("accept")
    chosen = choose(accept, PAGE_MEDIA, "html")
    if chosen is None:
        raise not_acceptable(accept, sorted(PAGE_MEDIA))
    return chosen


@router.get(
    "/id/{type}/{key:path}",
    summary="An entity of the graph: HTML page, Turtle, JSON-LD or N-Triples",
    response_class=HTMLResponse,
    responses={
        200: RDF_CONTENT,
        301: {"description": "a spelling variant of a name: the canonical page"},
        404: {"description": "unknown type, or unknown key (with the nearest matches)"},
    },
)
def entity_page(
    request: Request,
    type: str,
    key: str,
    format: str | None = Query(None, description="html, turtle, jsonld or ntriples"),
) -> Response:
    found = catalog(request)
    entry = resolve(request, found, type, key)
    if not isinstance(entry, Entry):
        return entry
    form = page_format(request, format)
    headers = {"Vary": "Accept", "Link": f'<{entry.iri}>; rel="canonical"'}
    state: ServiceState = request.app.state.service
    if form == "html":
        view = describe(state.store, found, entry)
        html = ENVIRONMENT.get_template("entity.html").render(view=view, entry=entry)
        return HTMLResponse(html, headers=headers)
    media_type, rdf_format = GRAPH_TYPES[form]
    triples = rdf_triples(state.store, found, entry)
    prefixes = PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
    body = ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    return Response(body, media_type=media_type, headers=headers)


def resolve(request: Request, found: Catalog, kind: str, key: str) -> Entry | Response:
    """The entity at /id/{kind}/{key}; a redirect for a spelling variant; else a 404."""
    if kind not in ENTITY_TYPES:
        raise ServiceError(
            404,
            f"no entity type {kind!r}; the types are: {', '.join(ENTITY_TYPES)}",
            "unknown_type",
            ("path", "type"),
        )
    entry = found.entries.get(entity_iri(kind, key))
    if entry is not None:
        return entry
    variants = found.variants(kind, key)
    if len(variants) == 1:
        location = variants[0].path
        if request.url.query:
            location += f"?{request.url.query}"
        return RedirectResponse(location, status_code=301)
    nearest = variants or found.nearest(kind, key)
    if nearest:
        listed = "; ".join(f"{entry.label} <{entry.path}>" for entry in nearest)
        hint = f"{'several match' if variants else 'nearest'}: {listed}"
    else:
        hint = "nothing similar; try /search?q=..."
    raise ServiceError(404, f"no {kind} {key!r}; {hint}", "not_found", ("path", "key"))


@router.get(
    "/search",
    summary="Entities by label or alternative label: exact, then prefix, then substring",
    responses={200: {"content": {"text/html": {}}}},
)
def search(
    request: Request,
    q: str = Query("", description=f"text to look for (1 to {MAX_SEARCH} characters)"),
    type: str | None = Query(None, description="only entities of this type"),
    limit: int = Query(50, ge=1, le=SEARCH_LIMIT, description="at most this many results"),
) -> Response:
    text = q.strip()
    if not text:
        raise ServiceError(400, "give a text to search for: q=...", "missing_query", ("query", "q"))
    if len(q) > MAX_SEARCH:
        raise ServiceError(
            400, f"q is {len(q)} characters; at most {MAX_SEARCH}", "query_too_long", ("query", "q")
        )
    if type is not None and type not in ENTITY_TYPES:
        raise ServiceError(
            400,
            f"no entity type {type!r}; the types are: {', '.join(ENTITY_TYPES)}",
            "unknown_type",
            ("query", "type"),
        )
    matches = catalog(request).search(text, type)
    shown = [match.entry for match in matches[:limit]]
    if prefers_html(request.headers.get("accept")):
        html = ENVIRONMENT.get_template("search.html").render(
            q=text, type=type, results=shown, total=len(matches), types=ENTITY_TYPES
        )
        return HTMLResponse(html)
    base = str(request.base_url).rstrip("/")
    results = [
        {"iri": entry.iri, "page": base + entry.path, "label": entry.label, "type": entry.type}
        for entry in shown
    ]
    return JSONResponse(results, headers={"X-Total-Count": str(len(matches)), "Vary": "Accept"})
