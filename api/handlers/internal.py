"""Operations routes: service metadata, health and Prometheus metrics."""

from __future__ import annotations

from hmac import compare_digest

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from api.errors import ServiceError
from api.metrics import Metrics
from api.state import ServiceState

router = APIRouter(tags=["internal"])


class Triples(BaseModel):
    asserted: int
    inferred: int


class Metadata(BaseModel):
    """What a client needs to know about the running service and its graph."""

    name: str
    version: str
    description: str
    triples: Triples
    load_seconds: float
    source_revisions: list[str]
    sparql_endpoint: str
    documentation: str


@router.get("/", response_model=Metadata, summary="Service metadata")
async def metadata(request: Request) -> Metadata:
    state: ServiceState = request.app.state.service
    return Metadata(
        name=state.settings.name,
        version=state.version,
        description="Rubin Observatory DM Operations plan (RTN-046) as a knowledge graph",
        triples=Triples(asserted=state.triples_asserted, inferred=state.triples_inferred),
        load_seconds=round(state.load_seconds, 3),
        source_revisions=state.revisions,
        sparql_endpoint=str(request.url_for("sparql_get")),
        documentation=str(request.url_for("custom_swagger_ui_html")),
    )


@router.get("/health", summary="Liveness: the service and its query workers")
async def health(request: Request) -> dict[str, object]:
    state: ServiceState = request.app.state.service
    pids = [worker.process.pid for worker in state.pool.workers if worker.alive]
    return {"status": "ok" if pids else "degraded", "workers": len(pids), "pids": pids}


@router.post(
    "/admin/reload",
    summary="Reload the graph from disk without a restart (needs DMOPS_ADMIN_TOKEN)",
)
async def reload(request: Request, authorization: str | None = Header(None)) -> dict[str, object]:
    state: ServiceState = request.app.state.service
    token = state.settings.admin_token
    if token is None:
        raise ServiceError(404, "reload is off: set DMOPS_ADMIN_TOKEN to enable it", "not_found")
    expected = f"Bearer {token.get_secret_value()}"
    if authorization is None or not compare_digest(authorization.encode(), expected.encode()):
        raise ServiceError(
            401,
            "reload needs the admin token as 'Authorization: Bearer TOKEN'",
            "unauthorized",
            ("header", "authorization"),
            {"WWW-Authenticate": "Bearer"},
        )
    await state.reload()
    return {
        "status": "reloaded",
        "triples": {"asserted": state.triples_asserted, "inferred": state.triples_inferred},
        "load_seconds": round(state.load_seconds, 3),
    }


@router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    registry: Metrics = request.app.state.metrics
    return Response(generate_latest(registry.registry), media_type=CONTENT_TYPE_LATEST)
