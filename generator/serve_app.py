"""The web side of `praatplaat serve` (starlette on uvicorn): the page, its assets, its state,
an event stream that says "rebuilt", and the files of the output folder, read only.

Only GET is answered (anything else: 405). A file is served only if its name has no empty,
'.', '..' or hidden part and no backslash, and its real path (symlinks followed) lies inside
the output folder; the page's own assets come from a fixed list. Requests must name this
machine as their Host (a web page elsewhere cannot read the output through DNS tricks).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import mimetypes
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from generator.serve_page import environment, page_state

ASSETS = {"serve.css": "text/css; charset=utf-8", "serve.js": "text/javascript; charset=utf-8"}
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream
HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
        "img-src 'self' data:; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    ),
}


def safe_file(out: Path, name: str) -> Path | None:
    """The file `name` inside the output folder `out` (already resolved), or None if the name is
    not a plain relative path or the file (after symlinks) is outside `out` or not a file."""
    if not name or "\\" in name or "\0" in name:
        return None
    parts = name.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    try:
        path = (out / name).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(out) or not path.is_file():
        return None
    return path


class GetOnly:
    """ASGI middleware: every HTTP method but GET is answered 405 before anything else runs."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] != "GET":
            response = PlainTextResponse("method not allowed: this server only reads\n", status_code=405,
                                         headers={"Allow": "GET", **HEADERS})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def allowed_hosts(host: str) -> list[str]:
    """Host headers the server answers: loopback names, or anything when bound to all interfaces."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    names = ["127.0.0.1", "localhost", "[::1]", "::1"]
    bare = host.strip("[]")
    return names + ([bare, f"[{bare}]"] if ":" in bare else [bare])


def create_app(out: Path, builder, hub, host: str = "127.0.0.1") -> Starlette:
    """The app for the output folder `out`; `builder.snapshot()` gives the status, `hub` wakes streams."""
    out = Path(out).resolve()
    env = environment()

    def state(have: frozenset[str] = frozenset()) -> dict:
        data = page_state(out, builder.snapshot(), env, have)
        for pane in data["panes"]:
            if pane["key"] in have:
                pane["html"] = None  # the page has it already
        return data

    async def page(request: Request) -> Response:
        data = await asyncio.to_thread(state)
        html = env.get_template("serve.html.j2").render(state=data, title=data["title"])
        return HTMLResponse(html, headers=HEADERS)

    async def api_state(request: Request) -> Response:
        have = frozenset(request.query_params.get("have", "").split(",")) - {""}
        data = await asyncio.to_thread(state, have)
        return JSONResponse(data, headers=HEADERS)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return PlainTextResponse("not found\n", status_code=404, headers=HEADERS)
        data = resources.files("generator").joinpath("templates", name).read_bytes()
        return Response(data, media_type=ASSETS[name], headers=HEADERS)

    async def file(request: Request) -> Response:
        path = safe_file(out, request.path_params["path"])
        try:  # read whole: a build may switch generations and remove the file at any moment
            data = None if path is None else await asyncio.to_thread(path.read_bytes)
        except OSError:
            data = None
        if data is None:
            return PlainTextResponse("not found\n", status_code=404, headers=HEADERS)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Response(data, media_type=media_type, headers=HEADERS)

    async def events(request: Request) -> Response:
        return StreamingResponse(_stream(builder, hub), media_type="text/event-stream", headers=HEADERS)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        hub.attach(asyncio.get_running_loop())
        yield

    routes = [
        Route("/", page), Route("/api/state", api_state), Route("/events", events),
        Route("/assets/{name}", asset), Route("/files/{path:path}", file),
    ]
    middleware = [Middleware(GetOnly), Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host))]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


async def _stream(builder, hub):
    """Server-sent events: 'rebuilt' with the status version whenever it changes."""
    event = asyncio.Event()
    hub.waiters.add(event)
    last = None
    try:
        yield "retry: 1000\n\n"
        while not hub.closed:
            event.clear()
            version = builder.snapshot()["version"]
            if version != last:
                last = version
                yield f"event: rebuilt\ndata: {json.dumps({'version': version})}\n\n"
            try:
                await asyncio.wait_for(event.wait(), KEEP_ALIVE)
            except TimeoutError:
                yield ": still here\n\n"
    finally:
        hub.waiters.discard(event)


class OneLine(logging.Formatter):
    """The server's log records as one line each: a failed request names its error, no traceback
    (set PRAATPLAAT_DEBUG=1 for those)."""

    def format(self, record: logging.LogRecord) -> str:
        exc = record.exc_info[1] if record.exc_info else None
        detail = f": unexpected {type(exc).__name__}: {exc}" if exc else ""
        return f"{record.levelname.lower()}: {record.getMessage()}{detail}"


def run_server(app, sock, on_exit: Callable[[], None]) -> None:
    """Serve `app` on the listening socket until Ctrl-C or SIGTERM; `on_exit` runs when one comes."""
    import uvicorn

    if not os.environ.get("PRAATPLAAT_DEBUG"):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(OneLine())
        logger = logging.getLogger("uvicorn")
        logger.handlers[:] = [handler]
        logger.propagate = False

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            on_exit()
            super().handle_exit(sig, frame)

    config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=3, ws="none")
    Server(config).run(sockets=[sock])
