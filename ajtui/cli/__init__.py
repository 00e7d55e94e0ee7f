"""The `aj` command. Data goes to stdout, diagnostics to stderr.

Each subcommand lives in its own module with `add(subparsers)`; modules keep their
heavy imports (rich, git, textual) inside the functions that run, so `aj --help` and
`aj check` start fast.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not `from typing import …`: git's drivers start through here
if TYPE_CHECKING:
    import argparse


def _command_modules() -> list[str]:
    """Every module in this package with an `add(subparsers)` function, ordered by its
    `ORDER` (lower first). New commands are new modules: no list to edit."""
    import os

    from ajtui.cli import __path__ as here

    # os.scandir rather than pkgutil.iter_modules, which imports inspect (≈ 10 ms of
    # `aj --help`): modules are name.py files and packages are folders with __init__.py.
    # (A dict, not set(): importing the `aj set` module binds `set` in this package.)
    names: dict[str, None] = {}
    for folder in here:
        for entry in os.scandir(folder):
            if entry.name.endswith(".py") and entry.is_file():
                names[entry.name[:-3]] = None
            elif entry.is_dir() and os.path.isfile(os.path.join(entry.path, "__init__.py")):
                names[entry.name] = None
    found = []
    for name in sorted(names):
        if name.startswith("_") or name == "common" or not name.isidentifier():
            continue
        module = _module(name)
        if hasattr(module, "add"):
            found.append((getattr(module, "ORDER", 50), name, module))
    return [name for _, name, _ in sorted(found)]


def _module(name: str):
    """The module `ajtui.cli.NAME`, imported as importlib.import_module would (importing
    importlib, and warnings with it, would be paid by every command's start)."""
    full = f"{__name__}.{name}"
    __import__(full)
    return sys.modules[full]


EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong arguments: exit 2 with the message."""


def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse echoes arguments in its messages (`unrecognized arguments: …`) as they
    are: show control characters as escapes. Subcommand parsers are of this class too.
    (Defined on first use: git's drivers run without argparse, see _git_driver.)"""
    from ajtui.cli._startup import import_argparse, plural

    import_argparse()  # without gettext
    import argparse

    # argparse looks up a translation of each message it builds (gettext searches the
    # locale folders, importing locale) though none is installed: the messages are
    # English, as aj's own are. (Also when argparse was imported before, with gettext.)
    argparse._ = str  # type: ignore[attr-defined]  # argparse's module-level gettext alias
    argparse.ngettext = plural  # type: ignore[attr-defined]  # the same, for plurals

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):
            from ajtui.base.safetext import safe

            super().error(safe(message))

        def _get_formatter(self) -> argparse.HelpFormatter:
            # argparse makes a formatter for every argument added (to check its metavar);
            # without a width, each asks shutil (which imports bz2, lzma, fnmatch …)
            width = help_width()
            return self.formatter_class(prog=self.prog, width=width)  # type: ignore[call-arg]  # every HelpFormatter takes it; typeshed names prog only

    return _Parser


def help_width() -> int:
    """The width argparse lays out help at without being given one: the columns of
    `shutil.get_terminal_size()` (COLUMNS, else stdout's terminal, else 80) less 2 —
    worked out as shutil does, without importing it."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        out = sys.__stdout__
        try:
            columns = os.get_terminal_size(out.fileno()).columns if out is not None else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns - 2


def _top_parser():
    parser = _parser_class()(
        prog="aj", description="Check, format, show, compare and edit .aj job descriptions."
    )
    from ajtui import __version__

    parser.add_argument("--version", action="version", version=f"aj {__version__}")
    return parser, parser.add_subparsers(dest="command", metavar="COMMAND")


def build_parser() -> argparse.ArgumentParser:
    parser, sub = _top_parser()
    for name in _command_modules():
        _module(name).add(sub)
    return parser


def _parser_for(argv: list[str], modules: list | None = None) -> argparse.ArgumentParser:
    """The parser for these arguments. When the first one names a command whose module is
    named after it (`log` → log.py, `import` → import_.py), only that module is imported
    and added: importing every command's module and building all their parsers cost
    ≈ 45 ms of each command's start-up. Anything else (help, an option first, another or
    an unknown command) gets the whole parser, so messages and help stay the same.
    `modules`: `_modules_named(argv[0])` when the caller has them."""
    if modules is None:
        modules = _modules_named(argv[0] if argv else "")
    for module in modules:
        parser, sub = _top_parser()
        module.add(sub)
        if argv[0] in sub.choices:
            return parser
    return build_parser()


def _modules_named(word: str) -> list:
    """The command modules that may define the command `word`: named after it, or its
    home in _HOMES (imported; those with an `add` function)."""
    import os

    from ajtui.cli import __path__ as here

    if not word[:1].isalpha():
        return []
    found = []
    base = word.replace("-", "_")
    for name in (base, base + "_", _HOMES.get(word, "")):
        if name == "common" or not name.isidentifier():
            continue
        if not any(os.path.isfile(os.path.join(folder, name + ".py")) for folder in here):
            continue
        module = _module(name)
        if hasattr(module, "add"):
            found.append(module)
    return found


def _plain_args(argv: list[str], modules: list | None = None):
    """The arguments of a command line with no options, read without argparse (see
    ajtui.cli._plainargs); None when argparse must read them. `modules` as for
    `_parser_for`."""
    if len(argv) < 2:  # (`aj` alone, `aj diff` alone: argparse's usage and help)
        return None
    from ajtui.cli._plainargs import read

    for module in _modules_named(argv[0]) if modules is None else modules:
        args = read(argv[0], module.add, argv[1:])
        if args is not None:
            return args
    return None


#: Commands whose module is not named after them (the drivers git runs: their start-up is
#: paid per file git converts or compares).
_HOMES = {"git-diff": "git_setup", "git-textconv": "git_setup", "git-pre-commit": "git_hooks"}


EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, never a verdict about the input


def main(argv: list[str] | None = None) -> int:
    """Run one `aj` command; the exit code. Never a traceback: a bug shows as one line and
    EXIT_INTERNAL (AJ_DEBUG=1 shows the traceback), Ctrl-C exits 130 quietly, a reader
    that went away (`aj query … | head`) ends the output quietly."""
    import os

    try:
        return _command(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away: say nothing
        _stdout_to_devnull()
        return EXIT_OK
    except Exception as e:  # the one place that catches everything
        if os.environ.get("AJ_DEBUG"):
            raise
        from ajtui.base.safetext import safe

        what = safe(f"{type(e).__name__}: {e}")
        if len(what) > 300:
            what = what[:300] + "…"
        print(f"aj: internal error: {what}; run with AJ_DEBUG=1 for the details", file=sys.stderr)
        return EXIT_INTERNAL


def _command(argv: list[str]) -> int:
    from ajtui.cli._args import not_utf8

    bad = not_utf8(argv)
    if bad:
        print(f"aj: error: {bad}", file=sys.stderr)
        return EXIT_USAGE
    direct = _git_driver(argv)
    if direct is not None:
        return direct
    modules = _modules_named(argv[0] if argv else "")
    args = _plain_args(argv, modules)
    if args is None:
        parser = _parser_for(argv, modules)
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except UsageError as e:
        from ajtui.cli.common import err

        err(f"aj {args.command}: {e}")
        return EXIT_USAGE


def _git_driver(argv: list[str]) -> int | None:
    """`aj git-textconv FILE` and `aj git-diff ARG…`, which git runs once per file, called
    as argparse would call them but without importing it (≈ a third of their start-up
    above the interpreter's); None for anything else, and for arguments that look like
    options (`-h`, `--`): argparse then reads them as it always has."""
    if not argv or argv[0] not in ("git-textconv", "git-diff"):
        return None
    rest = argv[1:]
    if any(a.startswith("-") for a in rest):
        return None
    from types import SimpleNamespace

    from ajtui.cli import git_setup

    if argv[0] == "git-textconv":
        if len(rest) != 1:
            return None
        return int(git_setup.run_textconv(SimpleNamespace(command=argv[0], file=rest[0])) or 0)
    return int(git_setup.run_git_diff(SimpleNamespace(command=argv[0], args=rest)) or 0)


def run() -> None:
    code = main()
    try:  # what is still buffered: a reader gone by now is no error either
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
    else:
        from ajtui.cli._startup import leave

        leave(sys.argv[1] if len(sys.argv) > 1 else None, code)
    sys.exit(code)


def _stdout_to_devnull() -> None:
    """Send stdout nowhere, so that flushing it at exit raises no BrokenPipeError again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
