"""`x` on the document and diff screens: export what is shown.

The format is chosen in a dialog (one key each), then the path, prefilled next to the file;
an existing file is overwritten only when the user says yes; the file is made and written
(through `ajtui.base.writing`) in a thread; the path is shown after writing, an error in
one line. Nothing is written for a description that is not valid (`aj check`'s first
error is the message) or over one of the files shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.text import Text
from textual.screen import Screen

#: The document screen's formats: (key, label, format, suffix).
DOCUMENT_FORMATS = (
    ("p", "PDF", "pdf", ".pdf"),
    ("w", "Word", "docx", ".docx"),
    ("h", "HTML", "html", ".html"),
    ("m", "Markdown", "markdown", ".md"),
    ("j", "JSON", "json", ".json"),
)
#: The diff screen's: the change table.
CHANGE_FORMATS = DOCUMENT_FORMATS[:3]


class ExportRefused(Exception):
    """Nothing written; the message says why, in one line."""


def check_text(label: str, text: str | None) -> None:
    """Refuse a version that is not a valid description (its first `aj check` error)."""
    from ajtui.base.errors import AjError
    from ajtui.format.parser import loads
    from ajtui.format.validate import validate

    if text is None or not text.strip():
        return
    try:
        doc = loads(text, path=label)
    except AjError as e:
        raise ExportRefused(f"{e.one_line()}; nothing written") from None
    errors = [d for d in validate(doc) if d.is_error]
    if errors:
        d = errors[0]
        d.path = label
        raise ExportRefused(f"{d.format()}; nothing written")


def document_bytes(path: Path, fmt: str) -> bytes:
    """The description in the file, as read now, in `fmt`."""
    from ajtui.base.reading import read_text

    text = read_text(path)
    check_text(path.name, text)
    from ajtui.format.parser import loads

    doc = loads(text, path=str(path))
    if fmt in ("pdf", "docx"):
        from ajtui.documents import render

        return render([doc], fmt)
    from ajtui.ops.export import dumps_json, to_html, to_markdown

    out = {"html": to_html, "markdown": to_markdown, "json": dumps_json}[fmt](doc)
    return out.encode("utf-8")


def change_table_bytes(items: Sequence, title: str, name: Callable[[Path], str], fmt: str) -> bytes:
    """The diff screen's items (each with `path`, labels, texts and its computed `diff`)
    as the change table; `name` gives a file's name in the workspace."""
    from ajtui.documents.changetable import from_diff, from_directive
    from ajtui.documents.changewriters import render

    for it in items:
        if it.error:
            raise ExportRefused(f"{name(it.path)}: {it.error}; nothing written")
        if it.diff is None:
            raise ExportRefused("the comparison is not finished yet; try again in a moment")
    for it in items:
        check_text(f"{name(it.path)} ({it.old_label})", it.old_text)
        check_text(f"{name(it.path)} ({it.new_label})", it.new_text)
    if len(items) == 1:
        table = from_diff(items[0].diff, title=name(items[0].path))
    else:
        import copy

        from ajtui.ops.crossdiff import directive_moves

        # duties moved between the descriptions, found in copies: the screen's diffs stay
        diffs = [copy.deepcopy(it.diff) for it in items]
        moves = directive_moves(
            [(name(it.path), d, it.old_text, it.new_text) for it, d in zip(items, diffs)]
        )
        entries = [
            (name(it.path), name(it.path), d, f"{it.old_label} → {it.new_label}")
            for it, d in zip(items, diffs)
        ]
        table = from_directive(title, entries, moves)
    return render(table, fmt)


def export(
    screen: Screen,
    formats: Sequence[tuple[str, str, str, str]],
    default: Path,
    make: Callable[[str], bytes],
    inputs: Sequence[Path] = (),
) -> None:
    """Ask for the format and the path, confirm an overwrite, write in a thread."""
    from ajtui.tui.dialogs import ChoiceDialog, ConfirmDialog, InputDialog

    app = screen.app

    def write(fmt: str, out: Path) -> None:
        def work() -> None:
            from ajtui.base.safetext import safe_line
            from ajtui.base.writing import write_bytes

            try:
                data = make(fmt)
                write_bytes(out, data)
            except ExportRefused as e:
                app.call_from_thread(_fail, app, str(e))
            except OSError as e:
                app.call_from_thread(
                    _fail, app, f"{out}: cannot write: {safe_line(e.strerror or str(e))}"
                )
            except Exception as e:  # a template, a font: say what, never crash the app
                app.call_from_thread(_fail, app, f"{out}: {type(e).__name__}: {e}")
            else:
                app.call_from_thread(_done, app, out)

        screen.run_worker(work, thread=True, group="export", exit_on_error=False)

    def path_given(fmt: str, value: str | None) -> None:
        if not value:
            return
        out = Path(os.path.expanduser(value))
        if not out.is_absolute():
            out = default.parent / out
        for src in inputs:
            try:
                if os.path.samefile(src, out):
                    _fail(app, f"{out}: is the file shown; not overwritten")
                    return
            except OSError:
                continue
        if os.path.isdir(out):
            _fail(app, f"{out}: is a folder; give a file name")
            return
        if os.path.lexists(out):
            app.push_screen(
                ConfirmDialog(
                    "Overwrite?",
                    Text(f"{out} exists. Write over it?"),
                    yes="Overwrite",
                    no="Cancel",
                    danger=True,
                ),
                lambda yes: write(fmt, out) if yes else None,
            )
            return
        write(fmt, out)

    def chosen(choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        fmt, suffix = choice
        app.push_screen(
            InputDialog(
                f"Export as {fmt}",
                Text("Write to:"),
                str(default.with_suffix(suffix)),
            ),
            lambda value: path_given(fmt, value),
        )

    app.push_screen(
        ChoiceDialog(
            "Export",
            Text("In which format?"),
            [(key, label, (fmt, suffix)) for key, label, fmt, suffix in formats],
        ),
        chosen,
    )


def _fail(app, message: str) -> None:
    app.notify(message.replace("\n", " "), severity="error", markup=False, timeout=8)


def _done(app, out: Path) -> None:
    app.notify(f"Written: {out}", markup=False, timeout=8)
