"""A conflicted description's merge conflicts, one at a time: both sides (side by side from
100 columns, one above the other below), `o` takes ours, `t` theirs, `e` edits the file at
the conflict, `n`/`p` move. When every conflict has a side the file is written (only if it
parses) and marked resolved in git; the merge is then committed with `c` in the library.

Everything shown of the sides is the file's text: `Text`, never markup."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.widgets import Static

from ajtui.format import conflicts as cf
from ajtui.tui.actions import bindings
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.services import GitError
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.title_bar import TitleBar


def has_conflicts(path: Path) -> bool:
    """Whether the file at `path` has conflict blocks this screen can show. False if it
    cannot be read, or its markers are out of place (a block not closed): the document
    screen and the editor show that error at its line."""
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_text

    try:
        text = read_text(str(path))
        return cf.has_markers(text) and bool(cf.find(text)[0])
    except AjError:
        return False


def _key(c: cf.Conflict) -> tuple[str, str]:
    """What a conflict is, across a reread: its two sides."""
    return c.ours_text, c.theirs_text


class ConflictScreen(AjScreen[None]):
    AUTO_FOCUS = ""
    HELP_NOTES = [
        "Each merge conflict of the file: ours (the current branch) and theirs (the branch "
        "merged). o takes ours, t theirs; when every conflict has a side the file is written "
        "and marked resolved, and c in the library commits the merge.",
        "e opens the file in the editor at the conflict: edit between the markers and delete "
        "them; back here, the conflicts left are shown again.",
    ]

    SCOPE = "conflicts"
    BINDINGS = bindings(SCOPE)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.name_in_ws = ""
        self.text = ""
        self.conflicts: list[cf.Conflict] = []
        self.index = 0
        #: the side taken of each conflict, by what it is (kept when the file is read again)
        self.taken: dict[tuple[str, str], str] = {}
        self._writing = False

    def compose(self) -> ComposeResult:
        yield TitleBar("", "", id="title")
        yield Static("", id="conflict-where")
        with Container(id="sides"):
            with VerticalScroll(id="ours-side", classes="side"):
                yield Static("", id="ours")
            with VerticalScroll(id="theirs-side", classes="side"):
                yield Static("", id="theirs")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.name_in_ws = self.aj_app.workspace.name_of(self.path)

    def on_screen_resume(self) -> None:
        # shown first, and back from the editor: the file as it is now
        if not self._writing:
            self.read()

    # --- the file -------------------------------------------------------------------------

    def read(self) -> bool:
        """Read the file and find its conflicts; leave when there are none (or on an
        error, said). Returns whether there is something to show."""
        from ajtui.base.errors import AjError
        from ajtui.base.reading import read_text

        try:
            text = read_text(str(self.path))
            found, _ = cf.find(text, self.name_in_ws)
        except AjError as e:
            self.aj_app.notify_error(
                e.one_line().replace(str(self.path), self.name_in_ws), "Cannot read conflicts"
            )
            self.app.call_later(self.dismiss)
            return False
        if not found:
            self.notify(f"No merge conflicts in {self.name_in_ws}.", markup=False, timeout=3)
            self.app.call_later(self.dismiss)
            return False
        current = self.conflicts[self.index] if self.conflicts else None
        self.text, self.conflicts = text, found
        keys = [_key(c) for c in found]
        self.taken = {k: v for k, v in self.taken.items() if k in keys}
        if current is not None and _key(current) in keys:
            self.index = keys.index(_key(current))
        else:
            self.index = min(self.index, len(found) - 1)
        self.show()
        return True

    # --- showing --------------------------------------------------------------------------

    def show(self) -> None:
        from ajtui.tui.style import style

        c = self.conflicts[self.index]
        n = len(self.conflicts)
        done = sum(1 for x in self.conflicts if _key(x) in self.taken)
        self.query_one("#title", TitleBar).left = f"Merge conflicts · {self.name_in_ws}"
        self.query_one("#title", TitleBar).right = f"{done} of {n} settled"
        where = Text(f"Conflict {self.index + 1} of {n}", style="bold")
        where.append(f" · lines {c.start_line}–{c.end_line}")
        if c.base_text is not None:
            where.append(" · the base had:\n", style="dim")
            where.append(c.base_text.rstrip("\n") or "(nothing)", style="dim")
        self.query_one("#conflict-where", Static).update(where)
        taken = self.taken.get(_key(c))
        for side, label, text in (
            ("ours", c.ours_label, c.ours_text),
            ("theirs", c.theirs_label, c.theirs_text),
        ):
            head = Text(f"{label or side} ({side})", style="bold")
            if taken == side:
                head.append("  ✓ taken", style=style(self.app, "success", bold=True))
            elif taken is not None:
                head.append("  not taken", style="dim")
            body = Text("\n")
            if text:
                body.append(text.rstrip("\n"))
            else:
                body.append(f"(nothing: {side} deleted this part)", style="italic dim")
            self.query_one(f"#{side}", Static).update(head + body)
            box = self.query_one(f"#{side}-side", VerticalScroll)
            box.set_class(taken == side, "-taken")
            box.set_class(taken is not None and taken != side, "-dropped")
            box.scroll_home(animate=False)

    # --- actions --------------------------------------------------------------------------

    def action_take_ours(self) -> None:
        self._take("ours")

    def action_take_theirs(self) -> None:
        self._take("theirs")

    def _take(self, side: str) -> None:
        if not self.conflicts or self._writing:
            return
        self.taken[_key(self.conflicts[self.index])] = side
        left = [i for i, c in enumerate(self.conflicts) if _key(c) not in self.taken]
        if not left:
            self.write()
            return
        # on to the next conflict without a side (after this one, else from the top)
        later = [i for i in left if i > self.index]
        self.index = later[0] if later else left[0]
        self.show()

    def action_next_conflict(self) -> None:
        self._move(1)

    def action_previous_conflict(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        if self.conflicts:
            self.index = (self.index + step) % len(self.conflicts)
            self.show()

    def action_edit(self) -> None:
        from ajtui.tui.screens.editor import open_editor

        if self.conflicts:
            open_editor(self.aj_app, self.path, line=self.conflicts[self.index].start_line)

    def action_back(self) -> None:
        if self.taken:
            self.notify(
                "Left without writing: the sides taken are not saved.", markup=False, timeout=3
            )
        self.dismiss()

    # --- writing --------------------------------------------------------------------------

    def write(self) -> None:
        """Write the file with every conflict replaced by the side taken (only if the file
        is still what was read, and the result parses), then mark it resolved in git."""
        from ajtui.base.errors import AjError
        from ajtui.base.reading import MAX_FILE_BYTES
        from ajtui.base.writing import APP_LOCK_TIMEOUT, ChangedOnDisk, locked
        from ajtui.format.parser import loads

        choices = {i: self.taken[_key(c)] for i, c in enumerate(self.conflicts)}
        new = cf.resolve(self.text, choices)
        try:
            loads(new, path=self.name_in_ws)
        except AjError as e:
            self.aj_app.notify_error(
                f"These sides together do not parse ({e.one_line()}); edit it with e.",
                "Not written",
            )
            return
        try:
            with locked(self.path, timeout=APP_LOCK_TIMEOUT) as target:
                target.write(new, expected=self.text, limit=MAX_FILE_BYTES)
        except ChangedOnDisk:
            self.aj_app.notify_error(
                f"{self.name_in_ws} changed on disk meanwhile: read again, nothing written.",
                "Not written",
            )
            self.read()
            return
        except AjError as e:
            self.aj_app.notify_error(e.one_line(), "Not written")
            return
        except OSError as e:
            self.aj_app.notify_error(f"{self.name_in_ws}: {e.strerror or e}", "Not written")
            return
        self._writing = True
        n = len(self.conflicts)
        self.notify(
            f"Resolved {n} conflict{'s' if n != 1 else ''} in {self.name_in_ws}: commit the "
            "merge with c.",
            markup=False,
            timeout=5,
        )
        if self.aj_app.git.available:
            self.run_worker(self._mark_resolved, thread=True, group="git", exit_on_error=False)
        else:
            self.dismiss()

    def _mark_resolved(self) -> None:
        app = self.aj_app
        try:
            app.git.call(lambda h: h.mark_resolved(str(self.path)))
        except GitError as e:
            app.call_from_thread(app.report_git, e, "git add", "Not marked resolved", "No git")
        app.call_from_thread(self.dismiss)
