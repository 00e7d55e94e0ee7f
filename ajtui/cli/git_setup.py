"""`aj git-setup`: make plain `git diff` and `git log -p` show .aj files structurally.

It writes `*.aj diff=aj merge=aj` to the repository's .gitattributes and these settings to
its .git/config:

    diff.aj.command  = <aj> git-diff      an external diff driver: `git diff`, and
                                          `git log -p --ext-diff`, show the structural diff
    diff.aj.textconv = <aj> git-textconv  `git log -p`, `git show` (which do not run external
                                          drivers unless given --ext-diff) compare the files
                                          one node per line, text flowed, so a one-word
                                          change is one changed line
    diff.aj.cachetextconv = true          git keeps each blob's conversion (in
                                          refs/notes/textconv/aj): a second `git log -p`
                                          runs no aj at all
    diff.aj.xfuncname                     hunk headers name the nearest duty or section
    merge.aj.driver  = <aj> merge %O %A %B %P   `git merge`, `git pull` merge .aj files by
                                          sections, fields and duties (ajtui.cli.merge)

With --hooks it also installs a pre-commit hook (`aj git-pre-commit`, ajtui.cli.git_hooks).

`git-diff` and `git-textconv` are the two commands git runs; they are not meant to be typed.
"""

from __future__ import annotations

import os
import sys

ORDER = 80

ATTRIBUTE = "*.aj diff=aj merge=aj"
#: what earlier versions wrote (replaced by ATTRIBUTE)
OLD_ATTRIBUTES = ("*.aj diff=aj",)
#: Hunk headers of line diffs name the nearest duty or section.
XFUNCNAME = r"^(  [0-9]+(\.[0-9]+)+\.? .*|[^ #].*)$"


def add(sub) -> None:
    p = sub.add_parser(
        "git-setup",
        help="make git diff and git log -p show .aj files structurally",
        description="Write '*.aj diff=aj' to .gitattributes and configure this repository "
        "(.git/config) so that `git diff` shows the structural diff of .aj files "
        "(an external diff driver) and `git log -p` compares them one node per "
        "line (a textconv filter). `git log -p --ext-diff` shows the structural "
        "diff in the log too.",
    )
    p.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        default=".",
        help="a folder inside the repository (default: the current one)",
    )
    p.add_argument(
        "--hooks",
        action="store_true",
        help="also install a pre-commit hook that refuses a commit whose staged .aj files "
        "have errors or are not in canonical form (for repositories without the pre-commit "
        "framework)",
    )
    p.add_argument(
        "--command",
        metavar="CMD",
        help="how git should run aj (default: this installation's aj, by its full path)",
    )
    p.set_defaults(func=run)

    # the two commands git runs (hidden from the command list)
    d = sub.add_parser(
        "git-diff",
        description="git's external diff driver for .aj files "
        "(set up by `aj git-setup`): PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE "
        "NEW-HEX NEW-MODE [NEW-PATH INFO]",
    )
    d.add_argument("args", nargs="*")
    d.set_defaults(func=run_git_diff)
    t = sub.add_parser(
        "git-textconv",
        description="git's textconv filter for .aj files "
        "(set up by `aj git-setup`): prints FILE one node per line",
    )
    t.add_argument("file", metavar="FILE")
    t.set_defaults(func=run_textconv)


def default_command() -> str:
    """This installation's `aj`, by full path (git runs it from any shell), else
    `python -m ajtui.cli`."""
    import shlex
    from pathlib import Path

    exe = Path(sys.executable)
    for candidate in (exe.parent / "aj", Path(sys.argv[0]) if sys.argv else None):
        if (
            candidate is not None
            and candidate.name == "aj"
            and candidate.is_file()
            and os.access(candidate, os.X_OK)
        ):
            return shlex.quote(str(candidate.resolve()))
    return f"{shlex.quote(str(exe))} -m ajtui.cli"


def run(args) -> int:
    from ajtui.base.errors import AjError
    from ajtui.base.writing import update
    from ajtui.cli.common import err, say
    from ajtui.store.history import History, HistoryError

    def add_attribute(text: str | None) -> str | None:
        text = text or ""
        lines = text.splitlines()
        if any(line.split() == ATTRIBUTE.split() for line in lines):
            return None
        old = [k for k, line in enumerate(lines) if line.strip() in OLD_ATTRIBUTES]
        if old:
            lines[old[0]] = ATTRIBUTE
            return "\n".join(lines) + "\n"
        if text and not text.endswith("\n"):
            text += "\n"
        return text + ATTRIBUTE + "\n"

    command = args.command or default_command()
    try:
        with History(args.path) as h:
            # read and written under the file's lock (ajtui.base.writing)
            wrote = update(h.root / ".gitattributes", add_attribute, create=True)
            h.set_config("diff.aj.command", f"{command} git-diff")
            h.set_config("diff.aj.textconv", f"{command} git-textconv")
            h.set_config("diff.aj.cachetextconv", "true")
            h.set_config("diff.aj.xfuncname", XFUNCNAME)
            h.set_config("merge.aj.name", "ajtui: three-way merge by sections, fields and duties")
            h.set_config("merge.aj.driver", f"{command} merge %O %A %B %P")
            root = h.root
        hook = _install_hook(str(root), command) if args.hooks else None
    except (HistoryError, OSError, AjError, ValueError) as e:
        err(f"aj git-setup: {e}")
        return 2
    say(
        f"{root / '.gitattributes'}: {'added' if wrote else 'already has'} '{ATTRIBUTE}'"
        + (" (commit it so that others get it too)" if wrote else "")
    )
    say(f"{root / '.git' / 'config'}: diff.aj.command = {command} git-diff")
    say(f"{root / '.git' / 'config'}: diff.aj.textconv = {command} git-textconv")
    say(f"{root / '.git' / 'config'}: diff.aj.cachetextconv = true (conversions kept by git)")
    say(f"{root / '.git' / 'config'}: diff.aj.xfuncname (hunk headers name the duty)")
    say(f"{root / '.git' / 'config'}: merge.aj.driver = {command} merge %O %A %B %P")
    if hook is not None:
        say(hook)
    print("git diff                 shows .aj files structurally")
    print("git log -p --ext-diff    shows every commit structurally")
    print("git log -p               compares .aj files one node per line")
    print("git merge, git pull      merge .aj files by duties and fields (aj merge)")
    return 0


def _install_hook(root: str, command: str) -> str:
    """The pre-commit hook installed (ajtui.cli.git_hooks); what was done, as a line."""
    from pathlib import Path

    from ajtui.cli.git_hooks import install_hook
    from ajtui.store.hooks import hooks_dir

    folder = Path(hooks_dir(root))
    done = install_hook(folder, command)
    return f"{folder / 'pre-commit'}: {done} (checks the staged .aj files before each commit)"


# --- what git runs ----------------------------------------------------------------------------


def _read_side(path: str) -> tuple[str, str | None]:
    """(text, error) of a file git hands over; /dev/null is an empty description."""
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_bytes, read_text

    if path == os.devnull or path == "/dev/null":
        return "", None
    try:
        return read_text(path), None
    except AjError as e:
        try:
            return read_bytes(path).decode("utf-8", "replace"), e.message
        except OSError:
            return "", e.message


def _terminal_width() -> int:
    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return int(cols)
    for fd in (1, 2, 0):
        try:
            return os.get_terminal_size(fd).columns
        except OSError:
            continue
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
        try:
            return os.get_terminal_size(fd).columns
        finally:
            os.close(fd)
    except OSError:
        return 80


def run_git_diff(args) -> int:
    """Always exits 0: a failing external driver makes git stop the whole diff."""
    a = args.args
    try:
        return _git_diff(a)
    except Exception as e:  # never break `git diff`
        from ajtui.base.safetext import safe

        print(safe(f"aj git-diff: {a[0] if a else '?'}: {e}"))
        return 0


def _git_diff(a: list[str]) -> int:
    from ajtui.base.safetext import safe

    if len(a) < 7:
        # an unmerged path: git passes the name only
        print(safe(f"* Unmerged path {a[0] if a else ''}"))
        return 0
    from ajtui.cli import _kept

    path, old_file, new_file = a[0], a[1], a[4]
    new_path = a[7] if len(a) >= 9 else path
    old_text, old_err = _read_side(old_file)
    new_text, new_err = _read_side(new_file)
    color = "NO_COLOR" not in os.environ and (
        sys.stdout.isatty() or os.environ.get("GIT_PAGER_IN_USE") == "true"
    )
    width = _terminal_width()
    # the bytes depend on these alone (and on the code: ajtui.cli._kept)
    inputs = (
        *(_kept.blob_id(t.encode("utf-8", "surrogateescape")) for t in (old_text, new_text)),
        path,
        new_path,
        old_err or "",
        new_err or "",
        repr(color),
    )
    record = _kept.lookup("git-diff", inputs, width, styled=color)
    if record is not None:
        return _kept.replay(record)
    printed = _structural_diff(path, new_path, old_text, new_text, (old_err, new_err), color, width)
    sys.stdout.write(printed)
    _kept.keep("git-diff", inputs, width, {"out": printed, "err": "", "code": 0}, styled=color)
    return 0


def _structural_diff(
    path: str,
    new_path: str,
    old_text: str,
    new_text: str,
    errors: tuple[str | None, str | None],
    color: bool,
    width: int,
) -> str:
    """What `git diff` shows for one .aj file, as text (with terminal codes when `color`)."""
    from ajtui.base.safetext import safe
    from ajtui.ops.diff import diff_texts
    from ajtui.present.diffview import SIDE_BY_SIDE_MIN, render_side_by_side, render_unified
    from ajtui.present.printer import Printer
    from ajtui.present.styled import Text

    con = Printer(width=width, force_terminal=color, no_color=not color, colors=color)
    con.begin_capture()
    con.print(Text(f"diff --aj a/{safe(path)} b/{safe(new_path)}", style="bold"), soft_wrap=True)
    for err in errors:
        if err:
            con.print(Text(f"({safe(err)}; compared line by line)", style="red"), soft_wrap=True)
    diff = diff_texts(old_text, new_text, f"a/{path}", f"b/{new_path}")
    if diff.identical:
        con.print(Text(safe(diff.summary_line()), style="dim"))
    elif width >= SIDE_BY_SIDE_MIN:
        con.print(render_side_by_side(diff, width, markers=not color))
    else:
        con.print(render_unified(diff, width, markers=not color))
    return con.end_capture()


def run_textconv(args) -> int:
    """The file one node per line; a file that does not parse comes out as it is."""
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_bytes
    from ajtui.format.parser import loads
    from ajtui.ops.outline import outline

    try:
        data = read_bytes(args.file)
    except OSError as e:
        from ajtui.cli.common import err

        err(f"aj git-textconv: {args.file}: {e.strerror}")
        return 1
    text = data.decode("utf-8", "replace")
    try:
        lines = outline(loads(text))
    except AjError:
        lines = None
    from ajtui.cli.common import data as write_data

    # git reads this through a pipe (verbatim); on a terminal it is shown safely
    write_data(text if lines is None else "\n".join(lines) + "\n")
    return 0
