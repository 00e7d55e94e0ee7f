"""`ajtui [PATH] [--demo] [--serve [--host H] [--port N]]`: open a folder of .aj
descriptions in the terminal app, or serve the same app to browsers.

Only argparse is imported before the arguments are read (not even that for `ajtui` and
`ajtui PATH`); Textual, the parser and git come later, so `ajtui --help` is instant and a
bad PATH is reported at once.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from pathlib import Path


def build_parser():
    import argparse

    p = argparse.ArgumentParser(
        prog="ajtui",
        description="Browse, read, edit and compare .aj job descriptions (ametijuhendid). "
        "Keys: ? lists them, ctrl+p finds any action by name.",
    )
    p.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a folder of .aj files, or one .aj file (default: `workspace` in "
        "config.toml, else the current folder)",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="open the demo workspace: the sample descriptions with a made-up "
        "history, created under your data folder on first run",
    )
    web = p.add_argument_group("in a browser")
    web.add_argument(
        "--serve",
        action="store_true",
        help="serve the app to web browsers instead (one app per browser tab; "
        "no authentication of its own)",
    )
    web.add_argument(
        "--host",
        help="the address to listen on (default 127.0.0.1: this machine only; "
        "behind a reverse proxy keep it so)",
    )
    web.add_argument("--port", help="the port to listen on (default 8000)")
    web.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use to reach the server, when it is not "
        "http://HOST:PORT (behind a reverse proxy: e.g. https://ajtui.example.ee)",
    )
    from ajtui import __version__

    p.add_argument("--version", action="version", version=f"ajtui {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    import gc

    # Start-up allocates much and frees little: no collections until the app runs
    # (then everything loaded so far is frozen: it lives as long as the app).
    was = gc.isenabled()
    gc.disable()
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    finally:
        if was:
            gc.enable()


#: what argparse gives `ajtui` and `ajtui PATH` besides the path (a test compares them)
_PLAIN = {"demo": False, "serve": False, "host": None, "port": None, "public_url": None}


def _main(argv: list[str]) -> int:
    if len(argv) <= 1 and not any(a.startswith("-") for a in argv):
        # `ajtui` or `ajtui PATH`: what argparse would say, without importing it (≈ 10 ms)
        from types import SimpleNamespace

        args = SimpleNamespace(**_PLAIN, path=argv[0] if argv else None)
    else:
        args = build_parser().parse_args(argv)
        if not args.serve and (args.host or args.port or args.public_url):
            print("ajtui: --host, --port and --public-url go with --serve", file=sys.stderr)
            return 2
    from ajtui.store.config import load as load_config
    from ajtui.store.workspace import Workspace, WorkspaceError

    config = load_config()
    path: str | Path
    if args.demo and args.path:
        print("ajtui: give a PATH or --demo, not both", file=sys.stderr)
        return 2
    if args.demo:
        from ajtui.store.demo import DemoError, demo_path, ensure_demo

        target = demo_path()
        if not (target / ".git").exists():
            print(f"ajtui: creating the demo workspace in {target}", file=sys.stderr)
        try:
            path = ensure_demo(target)
        except DemoError as e:
            print(f"ajtui: {e}", file=sys.stderr)
            return 2
    else:
        path = args.path or config.workspace_path() or "."
    if args.serve:
        return _serve(args, path)
    try:
        workspace = Workspace(path, cache=True)
    except WorkspaceError as e:
        print(f"ajtui: {e}", file=sys.stderr)
        return 2
    # A first look at the files (no parser) before Textual: the first frame has the rows.
    workspace.look_ahead()
    # What is loaded so far lives as long as the app: keep the collector from scanning it
    # again and again (a full collection cost ≈ 25 ms in the first frame).
    import gc

    from ajtui.tui.app import AjApp

    gc.freeze()
    gc.enable()
    app = AjApp(workspace, config, demo=args.demo)
    code = app.run()
    return int(code or 0)


def _serve(args, path: str | Path) -> int:
    """`--serve`: the same app on the same PATH, one process per browser session."""
    import gc
    from pathlib import Path

    from ajtui.store.workspace import Workspace, WorkspaceError
    from ajtui.tui.serve import (
        DEFAULT_HOST,
        DEFAULT_PORT,
        ServeError,
        app_command,
        parse_port,
        serve,
    )

    gc.enable()  # a server runs for days: the start-up pause of the collector ends here
    try:
        Workspace(path)  # a bad PATH is reported now, not in each browser tab
        port = parse_port(args.port) if args.port is not None else DEFAULT_PORT
        target = Path(path).expanduser().resolve()
        command = app_command(None if args.demo else target, demo=args.demo)
        return serve(
            command,
            title=f"ajtui — {target.name or target}",
            host=args.host or DEFAULT_HOST,
            port=port,
            public_url=args.public_url,
        )
    except (WorkspaceError, ServeError) as e:
        print(f"ajtui: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
