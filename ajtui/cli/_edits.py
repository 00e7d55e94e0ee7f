"""The loop shared by `aj set`, `aj replace` and `aj renumber`: edit each file through
`ajtui.ops.edit.Editor`, keep every untouched byte, write atomically, or with `--dry-run`
show what would change and write nothing. A file that cannot be read or edited is
reported on one line and left as it was; the others go on."""

from __future__ import annotations

from collections.abc import Callable  # not typing: start-up time of every `aj` command


def add_common(p) -> None:
    from ajtui.cli._args import width

    p.add_argument(
        "--dry-run",
        "-n",
        action="store_true",
        help="show what would change (the structural diff), write nothing",
    )
    p.add_argument(
        "--line-diff",
        action="store_true",
        help="with --dry-run: show the exact lines of each file that would change "
        "(a unified diff) instead of the structural diff",
    )
    p.add_argument("--width", type=width, metavar="N", help="columns for the --dry-run preview")


def line_diff(path: str, before_text: str, after_text: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            before_text.splitlines(True), after_text.splitlines(True), f"a/{path}", f"b/{path}"
        )
    )


def preview(path: str, before_text: str, ed, width: int | None, *, lines: bool = False) -> None:
    """What an edit changes: the structural diff (ajtui.ops.diff) with its summary line, or
    with `lines` (or before ajtui.ops.diff exists) a unified diff of the file's lines."""
    try:
        if lines:
            raise ImportError
        from ajtui.ops.diff import diff_documents
        from ajtui.present.diffview import render_unified
    except ImportError:
        from ajtui.cli.common import data

        data(line_diff(path, before_text, ed.text()))
        return
    from ajtui.base.safetext import safe
    from ajtui.cli.common import printer
    from ajtui.format.parser import loads
    from ajtui.present.styled import Text

    diff = diff_documents(loads(before_text, path=path), ed.doc, old_path=path, new_path=path)
    con = printer(width or None)
    con.print(Text(safe(path), style="bold underline"), soft_wrap=True)
    con.print(render_unified(diff, con.width, markers=con.color_system is None))
    con.print()


def run_edits(
    files: list[str],
    edit: Callable[[object], str | None],
    *,
    dry_run: bool,
    width: int | None = None,
    verb: str = "changed",
    lines: bool = False,
) -> int:
    """`edit(editor)` changes `editor.doc` and returns a short summary (or None). Returns
    the exit code: 0 done, 1 when any file failed. Each file is read, edited and written
    under its lock (ajtui.base.writing), so edits running at the same time all land."""
    from contextlib import nullcontext

    from ajtui.base.errors import AjError
    from ajtui.base.patterns import gives_up, stopped_message
    from ajtui.base.reading import MAX_FILE_BYTES, read_text
    from ajtui.base.writing import ChangedOnDisk, NotRegular, locked
    from ajtui.cli.common import err, say
    from ajtui.ops.edit import EditError, Editor
    from ajtui.ops.paths import QueryError

    changed = unchanged = failed = 0
    for index, path in enumerate(files):
        try:
            with nullcontext() if dry_run else locked(path) as target:
                try:
                    text = target.read(missing_ok=False) if target else read_text(path)
                    ed = Editor(text, path=path)
                except AjError as e:
                    err(e.one_line())
                    failed += 1
                    continue
                try:
                    summary = edit(ed)
                    if not ed.changed:
                        unchanged += 1
                        continue
                    new = ed.text()
                    for note in ed.notes:
                        err(note)
                except (EditError, QueryError) as e:
                    msg = e.one_line() if isinstance(e, QueryError) else str(e)
                    err(msg if msg.startswith(path) else f"{path}: error: {msg}")
                    failed += 1
                    slow = gives_up(e)
                    if slow is not None:  # the rest would take as long, for nothing
                        stopped = len(files) - index - 1
                        failed += stopped
                        err(stopped_message(slow, stopped))
                        break
                    continue
                if target:
                    target.write(new, expected=text, limit=MAX_FILE_BYTES)
        except ChangedOnDisk:
            err(f"{path}: error: changed on disk while being edited; left as it is")
            failed += 1
            continue
        except (OSError, AjError) as e:
            why = getattr(e, "strerror", None) or e
            # a FIFO or a link loop is not read either: no "cannot write" for it
            err(
                f"{path}: error: {why}"
                if isinstance(e, NotRegular)
                else f"{path}: error: cannot write: {why}"
            )
            failed += 1
            continue
        changed += 1
        if dry_run:
            preview(path, text, ed, width, lines=lines)
            continue
        say(f"{path}: {summary}" if summary else path)
    n = len(files)
    would = "would change" if dry_run else verb
    err(
        f"{n} file{'s' if n != 1 else ''}: {changed} {would}, {unchanged} unchanged"
        + (f", {failed} failed" if failed else "")
    )
    return 1 if failed else 0


def files_or_usage(paths: list[str], command: str) -> list[str]:
    from ajtui.cli import UsageError
    from ajtui.cli.common import expand

    files = list(expand(paths))
    if not files:
        raise UsageError("no .aj files found")
    return files
