"""`policygraph serve`: a read-only SPARQL endpoint, the catalogue as REST, and a web page.

Routes: /sparql (SPARQL 1.1 Protocol), /queries and /queries/NAME (catalogue), /api/policy and
/api/prefixes (data for the page), / and /policy (the page), /static/* and /vendor/* (its files).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..resources import cytoscape_js
from ..store import PolicyStore
from .cache import ResultCache
from .rest import list_queries, policy_data, prefixes, run_catalogue_query
from .runner import Overloaded, QueryRunner
from .settings import BodyTooLarge, Settings, error
from .sparql import sparql_endpoint

log = logging.getLogger("policygraph.server")
WEB = Path(__file__).resolve().parents[1] / "web"
# Installed by scripts/setup from npm; absent in a wheel install or without npm.
CYTOSCAPE = cytoscape_js()


class AccessLog:
    """One log line per request: method, path, status, milliseconds."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_status(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            ms = (time.perf_counter() - start) * 1000
            log.info("%s %s %d %.1fms", scope["method"], scope["path"], status, ms)


async def _index(request: Request) -> Response:
    html = (WEB / "index.html").read_text(encoding="utf-8")
    if CYTOSCAPE.is_file():  # without it the page draws its own SVG layout
        html = html.replace("<!--vendor-->", '<script src="/vendor/cytoscape.min.js"></script>')
    return HTMLResponse(html)


async def _cytoscape(request: Request) -> Response:
    if not CYTOSCAPE.is_file():
        return error(404, "cytoscape is not installed (scripts/setup installs it when npm exists)")
    return FileResponse(CYTOSCAPE, media_type="text/javascript")


async def _overloaded(request: Request, exc: Exception) -> Response:
    return error(503, f"{exc}; the query may go on running in the background")


async def _too_large(request: Request, exc: Exception) -> Response:
    return error(413, str(exc))


def create_app(store: PolicyStore, settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    middleware = [Middleware(AccessLog)]
    if settings.cors:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=[settings.cors], allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
            expose_headers=["X-PolicyGraph-Truncated"],
        ))  # fmt: skip
    routes = [
        Route("/", _index),
        Route("/policy", _index),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/queries", list_queries),
        Route("/queries/{name}", run_catalogue_query),
        Route("/api/policy", policy_data),
        Route("/api/prefixes", prefixes),
        Route("/vendor/cytoscape.min.js", _cytoscape),
        Mount("/static", StaticFiles(directory=WEB)),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={Overloaded: _overloaded, BodyTooLarge: _too_large},
    )
    app.state.store = store
    app.state.settings = settings
    app.state.runner = QueryRunner(settings.timeout, settings.max_concurrent)
    app.state.cache = ResultCache()
    return app


def serve(store: PolicyStore, settings: Settings) -> None:
    """Run the server in the foreground until interrupted."""
    import uvicorn

    # Our AccessLog replaces uvicorn's so every request is logged once, with its duration.
    uvicorn.run(
        create_app(store, settings), host=settings.host, port=settings.port,
        access_log=False, log_level="info",
    )  # fmt: skip


__all__ = ["Settings", "create_app", "serve"]
