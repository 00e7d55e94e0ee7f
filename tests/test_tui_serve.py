"""`ajtui --serve`: the same app in a browser (textual-serve).

The arguments and their errors, the command each browser session runs, a page that needs
nothing from the internet, a clean stop on ctrl+c, and — marked slow — the real thing:
headless Chromium (Debian's, driven by Playwright) opens the page, the library renders in
its xterm.js terminal, enter opens the first description.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ajtui.tui import serve

from tests.helpers.tui import DESCRIPTIONS, GIT_ENV

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _ajtui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ajtui.tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(tmp_path: Path) -> dict[str, str]:
    """The server's (and so each session's) environment: nothing of the user's."""
    return {
        **os.environ,
        **GIT_ENV,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }


class Served:
    """`ajtui --serve` in a process of its own, until stopped with SIGINT (ctrl+c)."""

    def __init__(self, path: Path, tmp_path: Path, *extra: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / f"serve-{self.port}.log"
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "ajtui.tui", "--serve", "--port", str(self.port)]
                + [*extra, str(path)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=_env(tmp_path),
                start_new_session=True,  # its own process group, as in a terminal
            )
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"ajtui --serve exited {self.proc.returncode}:\n{self.output()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.proc.kill()
                    pytest.fail(f"ajtui --serve did not listen in 60 s:\n{self.output()}")
                time.sleep(0.05)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str = "/") -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=10) as r:
            return bytes(r.read())

    def descendants(self) -> list[int]:
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            found += [int(c) for c in children]
            todo += [int(c) for c in children]
        return found

    def stop(self, sig: int = signal.SIGINT, *, group: bool = False) -> int:
        """Send `sig` to the server (`group`: to it and its sessions' apps, as ctrl+c in a
        terminal does); its exit status. Fails if it does not stop within 30 s."""
        if self.proc.poll() is None:
            if group:
                os.killpg(self.proc.pid, sig)
            else:
                self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail(f"ajtui --serve did not stop on {sig!r} in 30 s:\n{self.output()}")


@pytest.fixture
def served(tmp_path):
    started: list[Served] = []

    def start(path: Path, *extra: str) -> Served:
        s = Served(path, tmp_path, *extra)
        started.append(s)
        return s

    yield start
    for s in started:  # a failed test: the server and its sessions' apps (its own group)
        if s.proc.poll() is None:
            os.killpg(s.proc.pid, signal.SIGKILL)
            s.proc.wait()


def _demo(tmp_path: Path, monkeypatch) -> Path:
    """The demo repository, in a folder whose name has a space and a quote."""
    from ajtui.store.demo import build

    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    repo = tmp_path / "HR's demo ws"
    repo.mkdir()
    build(repo, DESCRIPTIONS)
    return repo


# --- arguments --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["abc", "0", "65536", "-1", "80.5", ""])
def test_a_bad_port_is_refused(text):
    with pytest.raises(serve.ServeError, match="not a port number"):
        serve.parse_port(text)
    assert serve.parse_port("8000") == 8000 and serve.parse_port("65535") == 65535


def test_bad_arguments_are_one_line_and_exit_2(tmp_path):
    r = _ajtui("--serve", "--port", "http", str(tmp_path))
    assert (r.returncode, r.stderr) == (2, "ajtui: --port 'http': not a port number (1-65535)\n")
    r = _ajtui("--serve", str(tmp_path / "missing"))
    assert (r.returncode, r.stderr) == (2, f"ajtui: {tmp_path / 'missing'}: no such folder\n")
    r = _ajtui("--port", "8001", str(tmp_path))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "with --serve" in r.stderr
    r = _ajtui("--serve", "--public-url", "intra.example.ee", str(tmp_path))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "https://" in r.stderr
    r = _ajtui("--serve", "--host", "no-such-host.invalid", str(tmp_path))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "cannot resolve" in r.stderr


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = _ajtui("--serve", "--port", str(port), str(tmp_path))
    assert r.returncode == 2
    assert r.stderr == f"ajtui: port {port} is in use on 127.0.0.1 (give another with --port)\n"
    assert r.stdout == ""


def test_a_public_url_is_http_or_https_without_a_trailing_slash():
    assert serve.check_public_url("https://intra.example.ee/ajtui/") == (
        "https://intra.example.ee/ajtui"
    )
    for bad in ("intra.example.ee", "ftp://x", "https://", "https://x/?a=1"):
        with pytest.raises(serve.ServeError, match="--public-url"):
            serve.check_public_url(bad)


def test_loopback_is_quiet_any_other_address_is_warned_about():
    for host in ("127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost"):
        assert serve.exposure_warning(host) is None, host
    for host in ("0.0.0.0", "::", "192.0.2.10", "2001:db8::1"):
        warning = serve.exposure_warning(host)
        assert warning and "no authentication" in warning and host in warning


def test_on_every_address_the_page_needs_the_address_browsers_use():
    warning, hint = serve.start_notes("0.0.0.0", 8000, None)
    assert "no authentication" in warning and "--public-url http://NAME:8000" in hint
    assert serve.start_notes("0.0.0.0", 8000, "https://intra.example.ee") == [warning]
    assert serve.start_notes("127.0.0.1", 8000, None) == []


def test_each_session_runs_the_same_app_on_the_same_path_quoted(tmp_path):
    odd = tmp_path / "a b" / "it's; $(rm -rf x) `x` -e.aj"
    command = serve.app_command(odd)
    assert shlex.split(command) == [sys.executable, "-m", "ajtui.tui", "--", str(odd)]
    # And a shell runs exactly that (textual-serve runs the command through /bin/sh).
    echo = command.replace(shlex.quote(sys.executable), "printf '%s\\n'", 1)
    r = subprocess.run(["/bin/sh", "-c", echo], capture_output=True, text=True, timeout=10)
    assert r.stdout.splitlines() == ["-m", "ajtui.tui", "--", str(odd)]
    assert shlex.split(serve.app_command(None, demo=True))[1:] == ["-m", "ajtui.tui", "--demo"]


# --- the server -------------------------------------------------------------------------


_URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)|url\(["']?([^"')]+)|(wss?://[^"'\s]+)""")


def _fetched_urls(page: str) -> list[str]:
    """What a browser would fetch or connect to from the page (not XML namespaces)."""
    return [next(g for g in m.groups() if g) for m in _URL.finditer(page)]


def test_the_page_needs_nothing_but_the_server_and_ctrl_c_stops_it(tmp_path, served):
    ws = tmp_path / "ws"
    ws.mkdir()
    s = served(ws)
    page = s.get("/").decode()
    urls = _fetched_urls(page)
    assert any(u.endswith("/static/js/textual.js") for u in urls)
    assert f"ws://127.0.0.1:{s.port}/ws" in urls
    outside = [u for u in urls if not u.startswith((s.url + "/", f"ws://127.0.0.1:{s.port}/"))]
    assert outside == [], "the page loads from elsewhere than the server"
    # The font textual-serve's page would have loaded from a CDN is served from here.
    fonts = [u for u in urls if u.endswith(".ttf")]
    assert fonts and all(s.get(u.removeprefix(s.url))[:4] == b"\0\1\0\0" for u in fonts)
    assert "<title>ajtui — ws</title>" in page
    assert s.stop() == 0
    out = s.output()
    assert f"ajtui: serving on {s.url}" in out and out.rstrip().endswith("ajtui: stopped")
    assert "Traceback" not in out and "warning" not in out


def test_behind_a_proxy_the_page_names_the_public_url(tmp_path, served):
    ws = tmp_path / "ws"
    ws.mkdir()
    s = served(ws, "--public-url", "https://intra.example.ee/ajtui/")
    page = s.get("/").decode()
    urls = _fetched_urls(page)
    assert "wss://intra.example.ee/ajtui/ws" in urls
    assert "https://intra.example.ee/ajtui/static/js/textual.js" in urls
    assert s.stop() == 0


# --- in a real browser ------------------------------------------------------------------

#: Keeps the page's xterm.js terminal where the test can read its screen: textual-serve
#: makes it in an object that then sets `fitAddon`; this catches that assignment.
_CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "fitAddon", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "fitAddon", {value, writable: true, configurable: true});
    if (this.terminal) window.__ajtuiTerminal = this.terminal;
  },
});
"""
_SCREEN = """() => {
  const t = window.__ajtuiTerminal;
  if (!t) return null;
  const b = t.buffer.active, rows = [];
  for (let i = 0; i < t.rows; i++) rows.push(b.getLine(b.viewportY + i).translateToString(true));
  return rows.join("\\n");
}"""


@pytest.fixture
def browser(tmp_path):
    """Debian's headless Chromium under Playwright, with a fresh profile; it loads the page
    with `_CATCH_TERMINAL` and records every URL the page asks for."""
    if not CHROMIUM.exists():
        # .ci/run installs it where apt can; this is for where no browser could be installed.
        pytest.skip(f"no browser: {CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1200, "height": 700},
        )
        try:
            yield context
        finally:
            context.close()


def _open_library(browser, url: str, requests: list[str]):
    """The page at `url` once the library is on its screen, with fonts loaded."""
    page = browser.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(_CATCH_TERMINAL)
    page.goto(url + "/")
    # The library: its header counts the descriptions, its status line names the
    # highlighted (first) row's file.
    page.wait_for_function(
        f"() => /descriptions ·/.test(({_SCREEN})() || '')"
        f" && /ametijuhendid\\/\\S+\\.aj/.test(({_SCREEN})())",
        timeout=60_000,
    )
    page.wait_for_function("document.fonts.status === 'loaded'", timeout=10_000)
    return page


def _running(pids: list[int], within: float = 10.0) -> list[int]:
    """Those of `pids` still running after `within` seconds (a zombie waiting for its
    parent is not): a loaded machine may take a moment to end them."""
    import time

    end = time.monotonic() + within
    while True:
        running = _running_now(pids)
        if not running or time.monotonic() > end:
            return running
        time.sleep(0.1)


def _running_now(pids: list[int]) -> list[int]:
    running = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.append(pid)
    return running


@pytest.mark.slow
def test_in_a_browser_the_library_renders_and_enter_opens_a_description(
    tmp_path, monkeypatch, served, browser
):
    import ajtui

    repo = _demo(tmp_path, monkeypatch)
    s = served(repo)
    requests: list[str] = []
    page = _open_library(browser, s.url, requests)
    # …and beside it the highlighted description, as the official document.
    page.wait_for_function(f"() => ({_SCREEN})().includes('AMETIJUHEND')", timeout=30_000)
    library = page.evaluate(_SCREEN)
    page.screenshot(path=str(tmp_path / "library.png"))
    assert f"ajtui · {repo.name}" in library.splitlines()[0]
    match = re.search(r"ametijuhendid/\S+\.aj", library)
    assert match, library
    first = ajtui.load(repo / match.group()).general.title
    assert first

    page.locator(".xterm-helper-textarea").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"title => (({_SCREEN})() || '').split('\\n')[0].includes(title)",
        arg=first,
        timeout=30_000,
    )
    description = page.evaluate(_SCREEN)
    page.screenshot(path=str(tmp_path / "description.png"))
    assert "descriptions ·" not in description
    assert description.splitlines()[0].strip().startswith(first)
    assert (tmp_path / "library.png").stat().st_size > 10_000
    assert requests and all(u.startswith(s.url + "/") for u in requests), requests

    # ctrl+c in the server's terminal (its whole process group): the app and the server
    # stop, and the page says so.
    apps = s.descendants()
    assert apps, "no app process for the browser session"
    assert s.stop(signal.SIGINT, group=True) == 0
    page.wait_for_function("document.body.classList.contains('-closed')", timeout=10_000)
    assert page.get_by_text("Session ended.").is_visible()
    assert _running(apps) == []
    out = s.output()
    assert "Traceback" not in out and out.rstrip().endswith("ajtui: stopped"), out


@pytest.mark.slow
def test_stopping_the_server_alone_ends_the_open_sessions_apps(
    tmp_path, monkeypatch, served, browser
):
    """SIGTERM to the server only (a service manager, `kill`): it ends the sessions it
    runs rather than waiting for their browsers to leave."""
    s = served(_demo(tmp_path, monkeypatch))
    page = _open_library(browser, s.url, [])
    apps = s.descendants()
    assert apps
    assert s.stop(signal.SIGTERM) == 0
    page.wait_for_function("document.body.classList.contains('-closed')", timeout=10_000)
    assert _running(apps) == []
    out = s.output()
    assert "Traceback" not in out and out.rstrip().endswith("ajtui: stopped"), out
