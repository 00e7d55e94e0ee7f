"""The editor: the .aj text with highlighting, line numbers and live validation.

Every change is checked in a thread (ajtui.tui.checker): typing never waits for it, and a
file whose check takes longer than a frame is checked once typing pauses. The whole message
and hint of the problem on the cursor's line show under the list of problems. `ctrl+s`
saves atomically and refuses to overwrite a file that changed on disk since it was opened
(reload or compare instead); what was written is remembered, so that only another program's
change is reported as one. `ctrl+e` opens $EDITOR with the app suspended, `ctrl+l` goes to
a line.
"""

from __future__ import annotations

import hashlib
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import OptionList, TextArea

from ajtui.store.workspace import Stamp, stamp
from ajtui.tui.actions import bindings
from ajtui.tui.checker import Checked, Checker
from ajtui.tui.messages import FilesChanged
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.widgets.aj_text_area import AjTextArea
from ajtui.tui.widgets.diagnostics import DiagnosticsList
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.problem_detail import ProblemDetail
from ajtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ajtui.tui.app import AjApp


def analyse(text: str, name: str | None):
    """(document or None, diagnostics) for the text: a syntax error is one AJ001 error."""
    from ajtui.base.errors import AjSyntaxError
    from ajtui.format.parser import loads
    from ajtui.format.validate import Diagnostic, validate

    try:
        doc = loads(text, path=name)
    except AjSyntaxError as e:
        return None, [
            Diagnostic(
                "AJ001",
                e.message,
                e.line,
                e.column,
                hint=e.hint,
                path=name,
                source_line=e.source_line,
            )
        ]
    return doc, validate(doc)


#: Has the error path been loaded in this process (see `_warm_up`)?
_warm = False


def _warm_up() -> None:
    """In a thread when the first editor opens: a syntax error, so that the parts a syntax
    error needs (Lark's parser and its error reports: 30-50 ms, once per process) are
    loaded before the user types one, and the first error shows as fast as the rest."""
    analyse("x\n", None)


def open_editor(app: AjApp, path: Path, *, line: int = 0) -> None:
    """The editor on `path`, if the file can be read as text at all (else say why); with
    `line`, the cursor on that line."""
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_text

    try:
        read_text(str(path))
    except AjError as e:
        app.notify_error(
            e.one_line().replace(str(path), app.workspace.name_of(path)), "Cannot edit"
        )
        return
    app.push_screen(EditorScreen(path, line=line))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fit(name: str, room: int) -> str:
    """`name` in at most `room` characters: shortened in the middle, so that the file's
    own name at the end stays readable."""
    if len(name) <= room:
        return name
    if room < 8:
        return name[: max(room - 1, 0)] + "…"
    tail = (room - 1) * 2 // 3
    return name[: room - 1 - tail] + "…" + name[-tail:]


class EditorScreen(AjScreen[None]):
    AUTO_FOCUS = "#editor"
    HELP_NOTES = [
        "Every change is checked as you type; errors are listed below the text and their "
        "line numbers turn red. On such a line, its whole message and hint show under the list.",
        "enter on a problem in the list jumps to it; tab moves between the text and the list.",
        "ctrl+l goes to a line (or line:column).",
    ]

    SCOPE = "editor"
    BINDINGS = bindings(SCOPE)

    def __init__(self, path: Path, *, line: int = 0) -> None:
        super().__init__()
        self.path = path
        #: the line the cursor starts on (0: the top)
        self.start_line = line
        self.name_in_ws = ""
        self.saved_text = ""
        #: What this editor last read or wrote: its stamp and the digest of its bytes.
        self._disk_stamp: Stamp | None = None
        self._disk_digest = ""
        self.checker = Checker(self, self._current_text, self._analyse, self._show_checked)
        self.diagnostics: list = []
        #: line (1-based) -> its problems, errors first
        self._by_line: dict[int, list] = {}
        self.doc = None
        self._disk_warned = False
        self._loaded = False
        #: A check's result changed what is shown: draw it at the next idle moment, not at
        #: the screen timer's next tick (see `_on_idle`).
        self._draw_soon = False
        #: Has the list of problems been filled (a valid file's first check says so too)?
        self._listed = False

    def compose(self) -> ComposeResult:
        yield TitleBar("", "", id="title")
        yield AjTextArea("", id="editor")
        yield DiagnosticsList(id="problems")
        yield ProblemDetail(id="problem-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.name_in_ws = self.aj_app.workspace.name_of(self.path)
        area = self.query_one("#editor", AjTextArea)
        area.cursor_blink = self.aj_app.cursor_blink
        if not self.read_from_disk():
            self.app.call_later(self.dismiss)  # from the app's pump: not our own handler
            return
        global _warm
        if not _warm:
            _warm = True
            self.run_worker(_warm_up, thread=True, group="warm-up", exit_on_error=False)
        if self.start_line:
            self.call_after_refresh(self._jump_to, self.start_line, 1)
        if self.aj_app.watch_interval:
            self.set_interval(self.aj_app.watch_interval, self._watch)

    def on_unmount(self) -> None:
        self.checker.stop()

    def on_resize(self) -> None:
        self._update_title()

    # --- the file -------------------------------------------------------------------------

    def read_from_disk(self) -> bool:
        from ajtui.base.errors import AjError, decode
        from ajtui.base.reading import read_bytes

        try:
            before = stamp(self.path)
            data = read_bytes(self.path)
            text = decode(data, self.name_in_ws)
        except AjError as e:
            self.aj_app.notify_error(e.one_line(), "Cannot edit")
            return False
        except OSError as e:
            self.aj_app.notify_error(f"{self.name_in_ws}: {e.strerror or e}", "Cannot edit")
            return False
        # a change during the read leaves the stamp taken before it: seen at the next look
        self._disk_stamp = before
        self._disk_digest = _digest(data)
        self.saved_text = text
        area = self.query_one("#editor", AjTextArea)
        area.load_text(text)
        self._loaded = True
        self._disk_warned = False
        self._update_title()
        return True  # load_text() posts TextArea.Changed: that change is checked

    @property
    def modified(self) -> bool:
        return self._loaded and self.query_one("#editor", AjTextArea).text != self.saved_text

    def unsaved(self) -> str | None:
        return f"{self.name_in_ws} has unsaved changes" if self.modified else None

    def edits_unsaved(self, path: Path) -> bool:
        return path == self.path and self.modified

    def _update_title(self) -> None:
        title = self.query_one("#title", TitleBar)
        errors = sum(1 for d in self.diagnostics if d.is_error)
        warnings = len(self.diagnostics) - errors
        parts = ["● modified"] if self.modified else []
        if errors:
            parts.append(f"{errors} error{'s' if errors > 1 else ''}")
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings > 1 else ''}")
        if not errors and not warnings:
            parts.append("valid")
        # the status on the right is never cut; the file's name gives way, in its middle
        title.right = " · ".join(parts)
        width = self.size.width or self.app.size.width
        room = width - 2 - len(title.right) - 2 - len("Edit · ")
        title.left = f"Edit · {_fit(self.name_in_ws, max(room, 1))}"

    # --- checking -------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _changed(self) -> None:
        self._update_title()
        self.checker.changed()

    def validate_now(self) -> None:
        """Check the text as it is now, without waiting for a pause in typing."""
        self.checker.now()

    def _current_text(self) -> str:
        return self.query_one("#editor", AjTextArea).text

    def _analyse(self, text: str):
        return analyse(text, self.name_in_ws)

    def _show_checked(self, result: Checked) -> None:
        if result.error is not None:
            self.aj_app.notify_error(
                f"Checking {self.name_in_ws} failed: {result.error!r}", "Internal error"
            )
            return
        self.doc = result.doc
        if result.diagnostics == self.diagnostics and self._listed:
            return  # as shown: the list keeps its place
        self._listed = True
        self.diagnostics = result.diagnostics
        by_line: dict[int, list] = {}
        for d in self.diagnostics:
            by_line.setdefault(d.line, []).append(d)
        for found in by_line.values():
            found.sort(key=lambda d: not d.is_error)
        self._by_line = by_line
        self.query_one("#problems", DiagnosticsList).show(self.diagnostics)
        marks: dict[int, str] = {}
        for d in self.diagnostics:
            row = max(d.line - 1, 0)
            if d.is_error or row not in marks:
                marks[row] = "error" if d.is_error else "warning"
        self.query_one("#editor", AjTextArea).set_marks(marks)
        self._update_title()
        self._show_detail()
        self._draw_soon = True

    async def _on_idle(self, event: events.Idle) -> None:
        """Draw a check's result as soon as its widgets have asked to be drawn.

        Textual draws a screen on a 60 Hz timer that, once paused, resumes on its grid: a
        result that comes just after the key's own frame waited one to two frames (17-33 ms)
        for it, the largest part of the time from the key to the diagnostics on screen. The
        frame is drawn here instead, at the screen's first idle moment after the widgets'
        updates came in; the result of a check comes at most once per change, so this never
        draws faster than the text changes. Runs before `Screen._on_idle`, which then finds
        nothing left to draw."""
        if not self._draw_soon or self.app._batch_count or not self.is_current:
            return
        if self._layout_required or self._repaint_required or self._dirty_widgets:
            self._draw_soon = False
            self._on_timer_update()  # what the screen's timer would do at its next tick

    def _checked_now(self) -> tuple[object, list]:
        """(document or None, diagnostics) of the text as it is now: the shown check when
        it is of this text, else checked here."""
        if self.checker.current:
            return self.doc, self.diagnostics
        return analyse(self._current_text(), self.name_in_ws)

    # --- the problem at the cursor ----------------------------------------------------------

    @on(TextArea.SelectionChanged, "#editor")
    def _cursor_moved(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#problem-detail", ProblemDetail)
        problems = self.query_one("#problems", DiagnosticsList)
        if problems.has_focus and problems.highlighted is not None:
            index = problems.highlighted
            if 0 <= index < len(self.diagnostics):
                detail.show(self.diagnostics[index])
                return
        row, col = self.query_one("#editor", AjTextArea).cursor_location
        here = self._by_line.get(row + 1)
        if not here:
            detail.show(None)
            return
        # the last problem that starts at or before the cursor (F8 lands on its column)
        before = [d for d in here if d.column - 1 <= col] or here[:1]
        detail.show(max(before, key=lambda d: (d.column, d.is_error)), len(here) - 1)

    @on(OptionList.OptionHighlighted, "#problems")
    def _problem_highlighted(self) -> None:
        self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    def on_descendant_blur(self) -> None:
        self._show_detail()

    def _jump_to(self, line: int, column: int) -> None:
        area = self.query_one("#editor", AjTextArea)
        row = max(line - 1, 0)
        if row >= area.document.line_count:
            row = area.document.line_count - 1
        col = min(max(column - 1, 0), len(area.document.get_line(row)))
        area.move_cursor((row, col), center=True)
        area.focus()

    def _problem(self, step: int) -> None:
        if not self.diagnostics:
            self.notify("No problems.", timeout=2)
            return
        area = self.query_one("#editor", AjTextArea)
        row, col = area.cursor_location
        here = (row + 1, col + 1)
        spots = [(d.line, d.column) for d in self.diagnostics]
        if step > 0:
            after = [i for i, s in enumerate(spots) if s > here]
            index = after[0] if after else 0
        else:
            before = [i for i, s in enumerate(spots) if s < here]
            index = before[-1] if before else len(spots) - 1
        d = self.diagnostics[index]
        self.query_one("#problems", DiagnosticsList).highlighted = index
        self._jump_to(d.line, d.column)

    def action_next_problem(self) -> None:
        self._problem(+1)

    def action_previous_problem(self) -> None:
        self._problem(-1)

    @on(DiagnosticsList.Jump)
    def _jump(self, event: DiagnosticsList.Jump) -> None:
        self._jump_to(event.line, event.column)

    def action_goto_line(self) -> None:
        from ajtui.tui.goto import GotoLineDialog

        area = self.query_one("#editor", AjTextArea)

        def chosen(position: tuple[int, int] | None) -> None:
            if position is not None:
                area.move_cursor(position, center=True)
                area.focus()

        self.app.push_screen(
            GotoLineDialog(
                area.document.line_count,
                lambda row: len(area.document.get_line(row)),
                area.cursor_location,
            ),
            chosen,
        )

    # --- saving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save_then(None)

    def save_then(self, after: Callable[[], None] | None) -> None:
        """Save (asking first when the text has errors), then run `after` if it was saved.
        The app's "Save and quit" calls this."""
        text = self._current_text()
        _doc, diagnostics = self._checked_now()
        errors = [d for d in diagnostics if d.is_error]
        if errors:
            from ajtui.tui.dialogs import ConfirmDialog

            first = errors[0]

            def answered(yes: bool | None) -> None:
                if yes:
                    self._save(text, after)

            self.app.push_screen(
                ConfirmDialog(
                    "Save with errors?",
                    Text(
                        f"{len(errors)} error{'s' if len(errors) > 1 else ''}, the first at line "
                        f"{first.line}: {first.message}\n\nThe file will not pass `aj check` "
                        "until they are fixed."
                    ),
                    yes="Save anyway",
                    no="Keep editing",
                ),
                answered,
            )
            return
        self._save(text, after)

    def _disk_changed(self) -> bool:
        """Has the file changed on disk since we read or saved it?"""
        now = stamp(self.path)
        if now == self._disk_stamp:
            return False
        try:
            from ajtui.base.reading import read_bytes

            return _digest(read_bytes(self.path)) != self._disk_digest
        except OSError:
            return self._disk_stamp is not None

    def _save(self, text: str, after: Callable[[], None] | None = None) -> bool:
        from ajtui.base.errors import AjError
        from ajtui.base.reading import MAX_FILE_BYTES
        from ajtui.base.writing import APP_LOCK_TIMEOUT, ChangedOnDisk, check_size, locked

        try:
            check_size(self.path, text, MAX_FILE_BYTES)
            # compared with what this editor last read or saved, under the file's lock; the
            # file's stat taken under the same lock, so no other ajtui writer comes between
            with locked(self.path, timeout=APP_LOCK_TIMEOUT) as target:
                target.write(text, expected=self.saved_text, limit=MAX_FILE_BYTES)
                written = target.stat
        except ChangedOnDisk:
            self._conflict(text)
            return False
        except AjError as e:
            self.aj_app.notify_error(
                e.one_line().replace(str(self.path), self.name_in_ws), "Not saved"
            )
            return False
        except OSError as e:
            self.aj_app.notify_error(f"{self.name_in_ws}: {e.strerror or e}", "Not saved")
            return False
        data = text.encode("utf-8")
        # our own write: its stamp and digest, so that the next look does not take it
        # for another program's change
        self._disk_stamp = (
            (written.st_mtime_ns, written.st_size) if written is not None else stamp(self.path)
        )
        self._disk_digest = _digest(data)
        self.saved_text = text
        self._disk_warned = False
        self._update_title()
        self.notify(f"Saved {self.name_in_ws}.", timeout=2, markup=False)
        self._announce()
        if after:
            after()
        return True

    def _announce(self) -> None:
        """Tell the other screens that the file changed; a description shown under this
        editor reads it again now, quietly (it was changed here, not by another program),
        instead of finding the change on its next look and saying it changed on disk."""
        for screen in self.app.screen_stack:
            if screen is not self:
                screen.post_message(FilesChanged([self.path]))

    def _conflict(self, text: str) -> None:
        from ajtui.tui.dialogs import ChoiceDialog

        def chosen(what: str | None) -> None:
            if what == "reload":
                self.read_from_disk()
                self.notify(
                    "Read the file again from disk; your edits are gone.", severity="warning"
                )
            elif what == "compare":
                self._compare_with_disk(text)

        self.app.push_screen(
            ChoiceDialog(
                "Changed on disk",
                Text(
                    f"{self.name_in_ws} was changed by another program since you opened it. "
                    "Your edits are not saved, and the file on disk was not touched."
                ),
                [
                    ("c", "Compare", "compare"),
                    ("r", "Reload (lose my edits)", "reload"),
                    ("escape", "Keep editing", None),
                ],
            ),
            chosen,
        )

    def _compare_with_disk(self, text: str) -> None:
        from ajtui.base.errors import AjError
        from ajtui.base.reading import read_text
        from ajtui.tui.screens.diff import DiffScreen

        try:
            disk = read_text(str(self.path))
        except AjError as e:
            self.aj_app.notify_error(e.one_line())
            return
        self.app.push_screen(DiffScreen(self.path, "on disk", disk, "your edits", text))

    # --- leaving --------------------------------------------------------------------------

    def _leave(self) -> None:
        self.dismiss()

    def action_back(self) -> None:
        if not self.modified:
            self.dismiss()
            return
        from ajtui.tui.dialogs import ChoiceDialog

        def chosen(what: str | None) -> None:
            if what == "save":
                self.save_then(self._leave)
            elif what == "discard":
                self.dismiss()

        self.app.push_screen(
            ChoiceDialog(
                "Unsaved changes",
                Text(f"{self.name_in_ws} has changes that are not saved."),
                [
                    ("s", "Save", "save"),
                    ("d", "Discard", "discard"),
                    ("escape", "Keep editing", None),
                ],
            ),
            chosen,
        )

    # --- the disk while editing -----------------------------------------------------------

    def _watch(self) -> None:
        if not self._loaded or stamp(self.path) == self._disk_stamp:
            return
        if not self._disk_changed():
            self._disk_stamp = stamp(self.path)
            return
        if not self.modified:
            if self.path.exists():
                self.read_from_disk()
                self.notify("The file changed on disk and was read again.", timeout=3)
            return
        if not self._disk_warned:
            self._disk_warned = True
            self.notify(
                "The file changed on disk. Saving will offer to reload or compare.",
                severity="warning",
                timeout=8,
            )

    # --- $EDITOR --------------------------------------------------------------------------

    def action_external(self) -> None:
        if self.modified:
            from ajtui.tui.dialogs import ConfirmDialog

            def answered(yes: bool | None) -> None:
                if yes:
                    text = self.query_one("#editor", AjTextArea).text
                    self._save(text, after=self._run_external)

            self.app.push_screen(
                ConfirmDialog(
                    "Save first?",
                    Text(
                        "Your edits are saved before the file is opened in "
                        f"{self.aj_app.config.editor_command()}."
                    ),
                    yes="Save and open",
                    no="Cancel",
                ),
                answered,
            )
            return
        self._run_external()

    def _run_external(self) -> None:
        from textual.app import SuspendNotSupported

        command = self.aj_app.config.editor_command()
        try:
            argv = shlex.split(command) + [str(self.path)]
        except ValueError as e:
            self.aj_app.notify_error(f"editor command {command!r}: {e}")
            return
        try:
            with self.app.suspend():
                status = subprocess.run(argv, check=False).returncode
        except SuspendNotSupported:
            self.aj_app.notify_error("This terminal cannot hand the screen to another program.")
            return
        except FileNotFoundError:
            self.aj_app.notify_error(
                f"Editor not found: {argv[0]} (set `editor` in config.toml or $EDITOR)"
            )
            return
        except OSError as e:
            self.aj_app.notify_error(f"Could not start {argv[0]}: {e.strerror or e}")
            return
        self.refresh()
        changed = self._disk_changed()
        if changed:
            self.read_from_disk()
            self._announce()
        if status == 0:
            if changed:
                self.notify(
                    f"Read {self.name_in_ws} again after {argv[0]}.", timeout=3, markup=False
                )
            else:
                self.notify(f"{argv[0]} left {self.name_in_ws} as it was.", timeout=3, markup=False)
            return
        # a failed editor may have written half a file, or meant to write nothing: say so
        how = f"was stopped by signal {-status}" if status < 0 else f"exited with status {status}"
        self.aj_app.notify_error(
            f"{argv[0]} {how}. "
            + (
                f"{self.name_in_ws} changed on disk and was read again: check it before saving."
                if changed
                else f"{self.name_in_ws} was not changed."
            ),
            "Editor failed",
        )

    # --- editing helpers ------------------------------------------------------------------

    def action_undo(self) -> None:
        self.query_one("#editor", AjTextArea).action_undo()

    def action_redo(self) -> None:
        self.query_one("#editor", AjTextArea).action_redo()

    def _fresh_doc(self):
        """A document parsed now, to change (renumbering changes it in place)."""
        doc, _ = analyse(self._current_text(), self.name_in_ws)
        if doc is None:
            self.notify("Fix the syntax error first (F8 shows it).", severity="warning")
        return doc

    def action_insert_duty(self) -> None:
        from ajtui.tui.editing import insert_duty

        doc = self._fresh_doc()
        if doc is None:
            return
        area = self.query_one("#editor", AjTextArea)
        row = area.cursor_location[0]
        found = insert_duty(doc, row + 1, area.document.lines)
        if found is None:
            self.notify("This description has no duties section (ülesanded).", severity="warning")
            return
        location, text, cursor = found
        area.insert(text, location)
        area.move_cursor(cursor, center=True)

    def action_renumber(self) -> None:
        from ajtui.tui.editing import renumber

        doc = self._fresh_doc()
        if doc is None:
            return
        area = self.query_one("#editor", AjTextArea)
        result = renumber(doc, area.document.lines)
        if result is None:
            self.notify("The duties are already numbered in order.", timeout=3)
            return
        first, last, new_lines, count = result
        cursor = area.cursor_location
        end_col = len(area.document.get_line(last))
        area.replace("\n".join(new_lines), (first, 0), (last, end_col))
        area.move_cursor(cursor)
        self.notify(f"Renumbered {count} dut{'ies' if count != 1 else 'y'}.", timeout=3)

    def action_commit(self) -> None:
        if self.modified:
            self.notify("Save first (ctrl+s), then commit.", severity="warning")
            return
        from ajtui.tui.screens.gitflows import commit_file

        commit_file(self, self.path)
