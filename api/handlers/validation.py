"""``GET /validate``: the SHACL compliance report of the served graph.

The report is computed once per loaded graph (the first request waits for it,
a few seconds with pySHACL) and kept until a reload swaps the graph. An embedded
store validates its files; a remote one, the graphs the database serves.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from api.state import ServiceState
from dmops.paths import PROJECT_ROOT

if TYPE_CHECKING:
    from dmops.validation import Report

router = APIRouter(tags=["compliance"])
MEDIA_TYPES = {
    "text": "text/plain; charset=utf-8",
    "turtle": "text/turtle",
    "junit": "application/xml",
    "sarif": "application/sarif+json",
}


@dataclass(frozen=True)
class CachedReport:
    store: object
    report: Report


_LOCK = asyncio.Lock()


@router.get("/validate", summary="The compliance report (SHACL) of the served graph")
async def validate_served_graph(
    request: Request,
    format: str = Query(
        "json", pattern="^(json|text|turtle|junit|sarif)$", description="report format"
    ),
    fail_on: str = Query(
        "violation", pattern="^(violation|warning|info)$", description="the verdict's threshold"
    ),
) -> Response:
    from dmops.ci_formats import render_junit, render_sarif  # pySHACL loads on first use
    from dmops.locate import Locator
    from dmops.reporting import render_json, render_text, render_turtle
    from dmops.validation import Severity

    state: ServiceState = request.app.state.service
    report = await _report(request, state)
    threshold = Severity[fail_on.upper()]
    if format == "json":
        return Response(render_json(report, threshold), media_type="application/json")
    if format == "text":
        return PlainTextResponse(render_text(report, threshold))
    if format == "turtle":
        return Response(render_turtle(report), media_type=MEDIA_TYPES["turtle"])
    if format == "junit":
        return Response(render_junit(report, threshold), media_type=MEDIA_TYPES["junit"])
    locator = Locator.from_files(_files(state), PROJECT_ROOT)
    return Response(render_sarif(report, threshold, locator), media_type=MEDIA_TYPES["sarif"])


async def _report(request: Request, state: ServiceState) -> Report:
    async with _LOCK:
        cached = getattr(request.app.state, "compliance", None)
        if isinstance(cached, CachedReport) and cached.store is state.store:
            return cached.report
        report = await asyncio.to_thread(_validate, state)
        request.app.state.compliance = CachedReport(state.store, report)
        return report


def _files(state: ServiceState) -> list[Path]:
    return list(state.spec.files.asserted) if state.spec.files else []


def _validate(state: ServiceState) -> Report:
    """Ontology + graph + cached closure with rdflib, the reference validator's input."""
    from dmops.knowledge import from_store, load
    from dmops.validation import load_shapes, validate

    files = _files(state)
    knowledge = load(files) if files else from_store(state.store)
    return validate(knowledge.union, load_shapes())
