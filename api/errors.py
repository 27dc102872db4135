"""One error body for every error: ``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}``."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("dmops.api")


class ServiceError(Exception):
    """An answer the service gives on purpose: status, where, what, and a type."""

    def __init__(
        self,
        status: int,
        message: str,
        kind: str,
        loc: tuple[str, ...] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.loc = loc
        self.headers = headers or {}


def not_acceptable(accept: str | None, acceptable: Iterable[str]) -> ServiceError:
    """406: none of the media types the client accepts is one we can answer with."""
    return ServiceError(
        406,
        f"cannot answer as {accept}; acceptable: {', '.join(acceptable)}",
        "not_acceptable",
        ("header", "accept"),
    )


def error_body(message: str, kind: str, loc: tuple[str, ...] = ()) -> dict[str, object]:
    return {"detail": [{"loc": list(loc), "msg": message, "type": kind}]}


async def service_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    return JSONResponse(
        error_body(exc.message, exc.kind, exc.loc), status_code=exc.status, headers=exc.headers
    )


async def http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return JSONResponse(
        error_body(str(exc.detail), kind), status_code=exc.status_code, headers=exc.headers
    )


async def validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"]}
        for error in exc.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=400)


async def unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    """A bug of ours: a short message for the client, the traceback only in our log."""
    log.error("unexpected error", exc_info=exc)
    return JSONResponse(
        error_body("internal error; it has been logged", "internal_error"), status_code=500
    )
