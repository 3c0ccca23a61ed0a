"""The FastAPI application: JSON endpoints under ``/api``, the dashboard at ``/``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import Errors, NewsEventsError
from .database import Database
from .routes import DATE_PARAMS, router

__all__ = ["STATIC_DIR", "create_app"]

STATIC_DIR = Path(__file__).parent / "static"
#: Everything the dashboard loads comes from this server: no CDN, no network.
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
#: HTTP status of a numbered error (400 otherwise): an unknown table/format/combination is not found.
_STATUS = {"E013": 404, "E014": 404, "E023": 404, "E033": 404, "E012": 500}


def create_app(db_path: str | Path) -> FastAPI:
    """The API and dashboard over the database at ``db_path``, opened read-only (``E023`` when missing)."""
    db = Database(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="newsevents",
        version=__version__,
        summary="Read-only API over a newsevents database: events, quotes, clusters, articles.",
        lifespan=lifespan,
    )
    app.state.db = db
    app.include_router(router)
    app.add_exception_handler(NewsEventsError, _numbered_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.middleware("http")(_security_headers)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    return app


async def _numbered_error(request: Request, exc: Exception) -> JSONResponse:
    code = getattr(exc, "code", "")
    return JSONResponse({"detail": str(exc), "code": code}, status_code=_STATUS.get(code, 400))


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    errors: list[dict[str, Any]] = list(getattr(exc, "errors", list)())
    messages = [_message(e) for e in errors]
    body = {"detail": jsonable_encoder(errors), "error": "; ".join(messages)}
    return JSONResponse(body, status_code=422)


def _message(error: dict[str, Any]) -> str:
    """One line per invalid parameter; a bad date gets its numbered error."""
    loc = error.get("loc") or ()
    name = str(loc[-1]) if loc else "request"
    if name in DATE_PARAMS:
        return f"{name}: " + Errors.E009.format(value=error.get("input"))
    return f"{name}: {error.get('msg', 'invalid')}"


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response
