"""The FastAPI application: SPARQL endpoint and operations routes over the dmops graph."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import errors
from api.config import Settings
from api.handlers import entities, internal, ontology, queries, sparql, validation
from api.metrics import Metrics
from api.state import ServiceState
from dmops import __version__

STATIC = Path(__file__).resolve().parent / "static"
_RELOADS: set[asyncio.Task[None]] = set()
log = logging.getLogger("dmops.api")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for these settings (default: from the environment)."""
    settings = settings or Settings()
    _log_queries()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service = await ServiceState.start(settings)
        log.info("graph loaded in %.2f s", app.state.service.load_seconds)
        _reload_on_sighup(app.state.service)
        yield
        await app.state.service.pool.close()

    app = FastAPIOffline(  # /docs and /redoc with their assets served from this host
        title="Rubin DM Operations knowledge graph",
        version=__version__,
        description="SPARQL 1.1 endpoint, canned queries and entity pages for RTN-046.",
        lifespan=lifespan,
    )
    app.state.metrics = Metrics()
    app.include_router(internal.router)
    app.include_router(sparql.router)
    app.include_router(queries.router())
    app.include_router(validation.router)
    app.include_router(entities.router)
    app.include_router(ontology.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(errors.ServiceError, errors.service_error)
    app.add_exception_handler(StarletteHTTPException, errors.http_error)
    app.add_exception_handler(RequestValidationError, errors.validation_error)
    app.add_exception_handler(Exception, errors.unexpected_error)
    app.middleware("http")(_limits_and_metrics(settings, app.state.metrics))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"]
        )
    return app


def _reload_on_sighup(state: ServiceState) -> None:
    """``kill -HUP`` reloads the graph, as POST /admin/reload does (main thread only)."""
    loop = asyncio.get_running_loop()

    def reload() -> None:
        task = loop.create_task(state.reload())
        _RELOADS.add(task)
        task.add_done_callback(_RELOADS.discard)

    with contextlib.suppress(RuntimeError, NotImplementedError, ValueError):
        loop.add_signal_handler(signal.SIGHUP, reload)


def _log_queries() -> None:
    """Each query is logged once (hash, duration, rows) whatever uvicorn's log level."""
    query_log = logging.getLogger("dmops.query")
    query_log.setLevel(logging.INFO)
    if not query_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        query_log.addHandler(handler)
        query_log.propagate = False


def _limits_and_metrics(
    settings: Settings, metrics: Metrics
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = len(request.url.path) + len(request.url.query)
        if length > settings.max_url_length:
            too_long = errors.ServiceError(
                414,
                f"the URL is {length} characters; at most {settings.max_url_length}",
                "uri_too_long",
                ("url",),
            )
            response: Response = await errors.service_error(request, too_long)
        else:
            response = await call_next(request)
        route = request.scope.get("route")
        metrics.requests.labels(
            method=request.method,
            route=getattr(route, "path", "unmatched"),
            status=str(response.status_code),
        ).inc()
        return response

    return middleware
