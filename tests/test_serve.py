"""`creatorctl serve` on a shared box (issue 10 §1), with real processes.

Any local user can reach 127.0.0.1: without the token printed at start, the page, its static
files and the websocket that drives the app are a 403, and so is any request whose Origin is
not the served address. The printed URL works. A session's `python -m creatorctl` ends when
the browser drops (even mid-handshake) and when `serve` is stopped or killed.
"""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

DEADLINE_S = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(condition: Callable[[], bool], deadline: float = DEADLINE_S) -> bool:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def sessions_of(db: Path) -> list[int]:
    """Pids of every `python -m creatorctl --db DB` app process (not `serve`), orphans too."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            argv = (Path("/proc") / entry / "cmdline").read_bytes().split(b"\0")
            state = (Path("/proc") / entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        ours = str(db).encode() in argv and b"creatorctl" in argv and b"serve" not in argv
        if ours and state != "Z":
            pids.append(int(entry))
    return pids


def cpu_seconds(pid: int) -> float:
    fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Served:
    proc: subprocess.Popen[str]
    port: int
    url: str
    token: str
    db: Path
    stderr: list[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_serve(db: Path, *extra: str) -> Served:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "creatorctl", "--db", str(db), "--lang", "en", "serve"]
        + ["--port", str(port), *extra],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stderr is not None
    lines: list[str] = []

    # A thread reads stderr (so the test never hangs on a serve that says less than expected,
    # and the pipe never fills); its first three lines are the URL, the URL file, the hint.
    def read() -> None:
        for line in proc.stderr or []:
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    wait_for(lambda: len(lines) >= 3 or proc.poll() is not None)
    assert len(lines) >= 3, (lines, proc.poll())
    url = lines[0].rsplit(" ", 1)[-1].strip()
    assert url.startswith(f"http://127.0.0.1:{port}/?token="), lines
    served = Served(proc, port, url, url.split("token=", 1)[1], db, lines)
    if not extra:
        assert wait_for(lambda: _listening(port) or proc.poll() is not None)
        assert proc.poll() is None, lines
    return served


def _listening(port: int) -> bool:
    """serve answers HTTP on `port` (a bare connect can succeed on its own: a socket may pick
    the just-freed port as its source and connect to itself)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/")
        return conn.getresponse().status == 403
    except OSError:
        return False
    finally:
        conn.close()


@pytest.fixture
def served(demo_db: Path) -> Iterator[Served]:
    s = start_serve(demo_db)
    yield s
    if s.proc.poll() is None:
        s.proc.send_signal(signal.SIGTERM)
        try:
            s.proc.wait(DEADLINE_S)
        except subprocess.TimeoutExpired:
            s.proc.kill()
    for pid in sessions_of(demo_db):  # never leave one behind, even when a test failed
        os.kill(pid, signal.SIGKILL)


async def status(url: str, **kwargs: object) -> int:
    async with aiohttp.ClientSession() as http, http.get(url, **kwargs) as r:  # type: ignore[arg-type]
        return r.status


async def ws_status(url: str, headers: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession() as http:
        try:
            ws = await http.ws_connect(url, headers=headers or {})
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        await ws.close()
        return 101


async def open_session(
    served: Served,
) -> tuple[aiohttp.ClientSession, aiohttp.ClientWebSocketResponse, int]:
    """Load the page (which sets the cookie), then open the websocket as the page does, and
    read the app's first frames."""
    http = browser()
    async with http.get(served.url) as page:
        assert page.status == 200
    ws = await http.ws_connect(
        f"{served.base}/ws?width=80&height=24", headers={"Origin": served.base}
    )
    got = 0
    end = time.monotonic() + DEADLINE_S * 2
    while got < 2000 and time.monotonic() < end:
        msg = await ws.receive(timeout=DEADLINE_S * 2)
        if msg.type == aiohttp.WSMsgType.BINARY:
            got += len(msg.data)
    return http, ws, got


def browser() -> aiohttp.ClientSession:
    """A client that keeps cookies for 127.0.0.1, as browsers do (aiohttp's default won't)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


FORGED = {"Origin": "http://evil.example"}


async def test_without_the_token_everything_is_403(served: Served) -> None:
    base = served.base
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    assert await status(f"{base}/") == 403
    assert await status(f"{base}/?token={wrong}") == 403
    assert await status(f"{base}/static/js/textual.js") == 403
    assert await status(f"{base}/download/x") == 403
    assert await status(f"{base}/", headers=FORGED) == 403
    assert await ws_status(f"{base}/ws") == 403
    assert await ws_status(f"{base}/ws?token={wrong}") == 403
    assert await ws_status(f"{base}/ws", headers=FORGED) == 403
    # A forged Origin is refused even with the right token (a page elsewhere, DNS rebinding).
    assert await status(served.url, headers=FORGED) == 403
    assert await ws_status(f"{base}/ws?token={served.token}", headers=FORGED) == 403
    assert await status(served.url, headers={"Origin": "null"}) == 403
    assert sessions_of(served.db) == []  # nothing was started for them


async def test_the_printed_url_works_and_the_page_stays_local(served: Served) -> None:
    async with browser() as http:
        async with http.get(served.url) as r:
            assert r.status == 200
            page = await r.text()
            cookie = r.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert f"creatorctl_token_{served.port}={served.token}" in cookie
        # The page makes no outside request: its font is textual-serve's own static file.
        assert "googleapis" not in page and "fonts/RobotoMono" in page
        # The address bar loses the token once the page has loaded (the cookie carries it).
        assert "history.replaceState(null, '', location.pathname)" in page
        assert served.token not in page
        assert "https://" not in page
        assert "http://" not in page.replace("http://www.w3.org", "").replace(served.base, "")
        async with http.get(f"{served.base}/static/js/textual.js") as r:  # by the cookie
            assert r.status == 200
    http, ws, got = await open_session(served)
    try:
        assert got >= 2000  # the app is drawing
        assert len(sessions_of(served.db)) == 1
    finally:
        await ws.close()
        await http.close()
    assert wait_for(lambda: sessions_of(served.db) == [])


def test_the_url_file_is_private_and_goes_with_serve(served: Served, tmp_path: Path) -> None:
    line = served.stderr[1]
    path = Path(line.split(" in ", 1)[1].split(" (", 1)[0])
    assert path.read_text() == served.url + "\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    # Nothing in a cache folder others could have touched (the old page template lived there).
    assert not (tmp_path / "home" / ".cache").exists()
    served.proc.send_signal(signal.SIGTERM)
    served.proc.wait(DEADLINE_S)
    assert not path.exists()


def test_a_second_start_gets_a_new_token(demo_db: Path, served: Served) -> None:
    other = start_serve(demo_db)
    try:
        assert other.token != served.token and len(other.token) >= 43
    finally:
        other.proc.terminate()
        other.proc.wait(DEADLINE_S)


def _raw_upgrade_then_reset(served: Served, wait: float) -> None:
    """A browser that goes away mid-handshake: the upgrade is sent, the TCP connection reset."""
    s = socket.create_connection(("127.0.0.1", served.port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(
        (
            f"GET /ws?width=80&height=24&token={served.token} HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{served.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    time.sleep(wait)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
    s.close()


@pytest.mark.parametrize("wait", [0.0, 0.3, 1.5])
def test_a_browser_gone_mid_handshake_leaves_no_process(served: Served, wait: float) -> None:
    _raw_upgrade_then_reset(served, wait)
    assert wait_for(lambda: sessions_of(served.db) == []), sessions_of(served.db)
    # and serve is not left spinning
    before = cpu_seconds(served.proc.pid)
    time.sleep(2)
    assert cpu_seconds(served.proc.pid) - before < 0.5


async def test_a_dropped_session_ends_its_app(served: Served) -> None:
    http, ws, _ = await open_session(served)
    assert len(sessions_of(served.db)) == 1
    assert ws._response is not None and ws._response.connection is not None
    transport = ws._response.connection.transport
    assert transport is not None
    transport.abort()  # no close frame: the tab is simply gone
    await http.close()
    assert await asyncio.to_thread(wait_for, lambda: sessions_of(served.db) == [])


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
async def test_stopping_serve_leaves_no_process(served: Served, sig: signal.Signals) -> None:
    http, ws, _ = await open_session(served)
    try:
        (child,) = sessions_of(served.db)
        served.proc.send_signal(sig)
        assert await asyncio.to_thread(wait_for, lambda: sessions_of(served.db) == [])
        assert await asyncio.to_thread(wait_for, lambda: served.proc.poll() is not None)
    finally:
        await http.close()


def test_unix_socket_in_a_private_folder(demo_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sock"
    served = start_serve(demo_db, "--socket", str(folder / "s"))
    try:
        assert wait_for(lambda: (folder / "s").exists())
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700

        async def probe() -> tuple[int, int]:
            conn = aiohttp.UnixConnector(path=str(folder / "s"))
            async with aiohttp.ClientSession(connector=conn) as http:
                async with http.get(f"http://127.0.0.1:{served.port}/") as r:
                    bare = r.status
                async with http.get(served.url) as r:
                    return bare, r.status

        assert asyncio.run(probe()) == (403, 200)
    finally:
        served.proc.terminate()
        served.proc.wait(DEADLINE_S)
    assert not (folder / "s").exists()


def test_unix_socket_folder_others_can_enter_is_refused(demo_db: Path, tmp_path: Path) -> None:
    from tests.test_cli import assert_one_line_error, invoke

    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    err = assert_one_line_error(
        invoke("--lang", "en", "serve", "--socket", str(folder / "s"), db=demo_db)
    )
    assert err == (
        f"creatorctl: the socket's folder {folder} must be yours alone (mode 755); "
        f"run: chmod 700 {folder}"
    )
