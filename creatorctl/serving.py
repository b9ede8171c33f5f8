"""`creatorctl serve` behind a door: textual-serve, with a token, an Origin check, and children
that never outlive the browser or the server.

Every local user can reach 127.0.0.1, so the page and its websocket (which drives the owner's
app: publish, reply, import any readable file) need a secret. `serve` makes a fresh
`secrets.token_urlsafe(32)` per start and prints the URL with it once; every request without
it — in the query, or in the HttpOnly SameSite=Strict cookie the page gets — is a 403, and so
is a request whose `Origin` is not the served address (a web page elsewhere, DNS rebinding).

textual-serve (aiohttp) is used as it comes, with three hooks: a middleware (the door), the
page template loaded from the installed package into memory (never a cache folder others
could write), and an `AppService` that runs `python -m creatorctl` without a shell and makes
sure it ends: asked to quit when the browser goes, terminated then killed if it does not.
The child watches its parent too (`web_child.py`), for when `serve` itself is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import shlex
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from creatorctl.i18n import t
from creatorctl.web_child import PARENT_ENV

HOST = "127.0.0.1"
"""Loopback only: on a shared box, other users reach it through an SSH tunnel of their own."""
QUIT_GRACE_S = 3.0
"""How long a child asked to quit may take before it is terminated (then killed as long)."""
TEMPLATE = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
_WEB_FONT = '<link\n      rel="stylesheet"\n      href="https://fonts.googleapis.com/css?family=Roboto%20Mono"\n    />'
_LOCAL_FONT = (
    "<style>@font-face { font-family: 'Roboto Mono'; "
    "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf'); }</style>"
)
_FORGET_TOKEN = (
    "<script>if (location.search.includes('token=')) "
    "history.replaceState(null, '', location.pathname);</script>"
)
"""Once the page has loaded, the cookie carries the token: take it out of the address bar (and
so out of the history and of anything that copies the address)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def page_template() -> str:
    """textual-serve's page with its one outside request (a Google web font) turned into the
    same font from textual-serve's own static files. Read from the installed package at each
    start (checked like any file we trust), kept in memory: nothing is written to disk."""
    from creatorctl.safe_fs import check_file

    check_file(TEMPLATE, what=t("fs.what.page"))
    page = TEMPLATE.read_text(encoding="utf-8").replace(_WEB_FONT, _LOCAL_FONT)
    return page.replace("<head>", "<head>\n    " + _FORGET_TOKEN, 1)


class ChildAppService(AppService):
    """One browser session's `python -m creatorctl`: no shell, and it always ends."""

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        env = self._build_environment(width=width, height=height)
        env[PARENT_ENV] = str(os.getpid())  # the child exits when this process is gone
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it does not within the grace."""
        process = self._process
        task = self._task
        with contextlib.suppress(Exception, asyncio.TimeoutError):
            await asyncio.wait_for(super().stop(), QUIT_GRACE_S)
        if process is None or process.returncode is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(sig)
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE_S)
                break
            except TimeoutError:
                continue
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
        self._task = None


class GuardedServer(Server):
    """textual-serve's Server with the door: token, Origin check, private page, sure exits."""

    def __init__(
        self, argv: list[str], *, token: str, port: int, socket_path: Path | None = None
    ) -> None:
        super().__init__(shlex.join(argv), host=HOST, port=port, title="creatorctl")
        self.argv = argv
        self.token = token
        self.socket_path = socket_path
        self.cookie = f"creatorctl_token_{port}"  # one per port: two serves don't collide
        self.origin = f"http://{HOST}:{port}"
        self.services: set[ChildAppService] = set()

    # --- the door ------------------------------------------------------------------------

    def token_ok(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def origin_ok(self, origin: str) -> bool:
        """The page itself sends its own origin; anything else (or "null") is refused."""
        try:
            parts = urlsplit(origin)
            return f"{parts.scheme}://{parts.hostname}:{parts.port}" == self.origin
        except ValueError:
            return False

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and not self.origin_ok(origin):
            return web.Response(status=403, text=t("serve.bad_origin"))
        if not self.token_ok(request):
            return web.Response(status=403, text=t("serve.forbidden"))
        response = await handler(request)
        if not response.prepared:  # a websocket has been answered already
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Frame-Options"] = "DENY"
            if request.path == "/":
                response.set_cookie(
                    self.cookie, self.token, httponly=True, samesite="Strict", path="/"
                )
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        loader = jinja2.DictLoader({"app_index.html": page_template()})
        aiohttp_jinja2.setup(app, loader=loader, autoescape=True)
        return app

    # --- sessions ------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with a `ChildAppService` that always ends its child."""
        from textual_serve.server import log, to_int

        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: ChildAppService | None = None
        try:
            await websocket.prepare(request)
            service = ChildAppService(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - a browser gone mid-way is not our crash
            log.debug("websocket ended: %r", error)
        finally:
            if service is not None:
                await asyncio.shield(service.stop())
                self.services.discard(service)
        return websocket

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # asyncio reports a child reaped during shutdown as "unknown"; it is expected here.
        logging.getLogger("asyncio").setLevel(logging.ERROR)

    async def on_startup(self, app: web.Application) -> None:
        """No banner: the CLI printed the URL (with its token) once."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping `serve` stops every session's child first."""
        await asyncio.gather(*(s.stop() for s in list(self.services)), return_exceptions=True)

    def child_pids(self) -> list[int]:
        return [pid for s in self.services if (pid := s.pid) is not None]

    def serve(self, debug: bool = False) -> None:
        """Serve until SIGINT/SIGTERM; no access log (it would repeat the token)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_exit)
        where: dict[str, Any] = (
            {"path": str(self.socket_path)}
            if self.socket_path
            else {"host": self.host, "port": self.port}
        )
        try:
            web.run_app(
                self._make_app(),
                **where,
                handle_signals=False,
                loop=loop,
                print=lambda *_: None,
                access_log=None,
                shutdown_timeout=QUIT_GRACE_S,
            )
        finally:
            for pid in self.child_pids():  # anything the shutdown could not end
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
