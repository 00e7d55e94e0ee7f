"""`ajtui --serve`: the same app in a browser (textual-serve).

Each browser tab that opens the page gets its own `ajtui PATH` process, run by
textual-serve with Textual's web driver; its screen goes to an xterm.js terminal in the
page over a WebSocket. The server has no authentication of its own: it listens on
127.0.0.1 unless told otherwise, and warns when it is reachable from other machines.

The page is served without anything from the internet: textual-serve's own page asks a
font CDN for its font; ours names the copy of that font that textual-serve ships.
"""

from __future__ import annotations

import errno
import ipaddress
import re
import shlex
import socket
import sys
from pathlib import Path
from typing import IO, Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

#: textual-serve's page loads its font from a CDN; ours from its own static folder.
_CDN_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.S)
_LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
      }
    </style>
    <title>{{ application.name }}</title>"""


class ServeError(Exception):
    """The server cannot start; the message is one line for the user."""


def parse_port(text: str) -> int:
    """A TCP port from the command line (1–65535)."""
    try:
        port = int(text, 10)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise ServeError(f"--port {text!r}: not a port number (1-65535)")
    return port


def _addresses(host: str) -> list[Any]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError as e:
        raise ServeError(f"--host {host!r}: cannot resolve it ({e.strerror or e})") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def is_loopback(host: str) -> bool:
    """True when `host` means this machine only (127.0.0.0/8, ::1, a name for them)."""
    return all(a.is_loopback for a in _addresses(host))


def exposure_warning(host: str) -> str | None:
    """The warning printed when the server can be reached from other machines."""
    if is_loopback(host):
        return None
    return (
        f"ajtui: warning: {host} can be reached from other machines and the server has "
        "no authentication of its own: put it behind a proxy that asks for one"
    )


def start_notes(host: str, port: int, public_url: str | None) -> list[str]:
    """What to tell before serving: the exposure warning, and that a page served on
    every address needs the address browsers use to reach it."""
    notes = [w] if (w := exposure_warning(host)) else []
    if public_url is None and _addresses(host)[0].is_unspecified:
        notes.append(
            f"ajtui: the page links to {default_public_url(host, port)}, which browsers "
            f"cannot open: give --public-url http://NAME:{port} (the address they use)"
        )
    return notes


def app_command(path: Path | None, *, demo: bool = False) -> str:
    """The shell command textual-serve runs for each browser session: this interpreter
    running the app on the same workspace (quoted: paths may have spaces or quotes)."""
    argv = [sys.executable, "-m", "ajtui.tui"]
    if demo:
        argv.append("--demo")
    else:
        assert path is not None
        argv += ["--", str(path)]
    return shlex.join(argv)


def check_public_url(url: str) -> str:
    """`--public-url`: where browsers reach the server (a proxy's address, maybe with a
    path prefix the proxy removes); the page's links and WebSocket are made from it."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ServeError(
            f"--public-url {url!r}: give the address browsers use, as http://… or https://…"
        )
    if parts.query or parts.fragment:
        raise ServeError(f"--public-url {url!r}: no ?query or #fragment")
    return url.rstrip("/")


def default_public_url(host: str, port: int) -> str:
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, bound before anything is printed: a port in use or an address
    not on this machine is one clear line, and the server cannot lose a race for it."""
    try:
        infos = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except OSError as e:
        raise ServeError(f"--host {host!r}: cannot resolve it ({e.strerror or e})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as e:
        sock.close()
        where = f"{host}:{port}"
        if e.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} is in use on {host} (give another with --port)"
            ) from None
        if e.errno == errno.EACCES:
            raise ServeError(
                f"cannot listen on {where}: permission denied (ports below 1024 need privileges)"
            ) from None
        if e.errno == errno.EADDRNOTAVAIL:
            raise ServeError(f"cannot listen on {where}: not an address of this machine") from None
        raise ServeError(f"cannot listen on {where}: {e.strerror or e}") from None
    sock.setblocking(False)
    return sock


def _server_class() -> type:
    """textual-serve's Server with our page, our start-up lines and a clean stop."""
    import asyncio
    import logging
    import signal

    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class AjServer(Server):
        def __init__(self, *args: Any, sock: socket.socket, out: IO[str], **kw: Any) -> None:
            super().__init__(*args, **kw)
            self.sock = sock
            self.out = out
            #: The open browser sessions (their request handlers).
            self.sessions: set[asyncio.Task[Any]] = set()

        def _page(self, name: str) -> str | None:
            path = Path(self.templates_path) / name
            if not path.is_file():
                return None
            return _CDN_FONT.sub(lambda _: _LOCAL_FONT, path.read_text(encoding="utf-8"))

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(self._page))
            return app

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            # Remember open sessions: a stop ends them (their apps quit) at once, instead of
            # aiohttp waiting up to `shutdown_timeout` for the browsers to go away.
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def on_startup(self, app: web.Application) -> None:
            print(f"ajtui: serving on {self.public_url}  (ctrl+c stops)", file=self.out)
            self.out.flush()

        async def on_shutdown(self, app: web.Application) -> None:
            for task in list(self.sessions):
                task.cancel()

        def serve(self, debug: bool = False) -> None:
            self.debug = debug
            self.initialize_logging()
            # One line per request (and browsers' user agents) is the proxy's log to keep.
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            try:
                web.run_app(
                    self._make_app(),
                    sock=self.sock,
                    handle_signals=False,
                    loop=loop,
                    print=None,
                    shutdown_timeout=5,
                )
            finally:
                if not loop.is_closed():
                    loop.close()

    return AjServer


def serve(
    command: str,
    *,
    title: str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    public_url: str | None = None,
    out: IO[str] | None = None,
) -> int:
    """Serve `command` (one process per browser session) until ctrl+c; 0 when stopped."""
    out = out or sys.stderr
    if public_url is not None:
        public_url = check_public_url(public_url)
    sock = listen(host, port)
    bound_port = sock.getsockname()[1]
    for line in start_notes(host, bound_port, public_url):
        print(line, file=out)
    server = _server_class()(
        command,
        host=host,
        port=bound_port,
        title=title,
        public_url=public_url or default_public_url(host, bound_port),
        sock=sock,
        out=out,
    )
    try:
        server.serve()
    finally:
        sock.close()
    print("ajtui: stopped", file=out)
    return 0
