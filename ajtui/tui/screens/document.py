"""A description rendered like the official document, scrollable, with a jump to any
section. A file changed on disk while shown is read again."""

from __future__ import annotations

from pathlib import Path

from rich.align import Align
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ajtui.store.workspace import one_line, stamp
from ajtui.tui.actions import bindings
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.style import style
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.title_bar import TitleBar


class DocumentScreen(AjScreen[None]):
    AUTO_FOCUS = "#doc-body"
    HELP_NOTES = ["1 … 9: go to section 1 … 9", "up/down, pageup/pagedown, home/end: scroll"]

    SCOPE = "document"
    BINDINGS = bindings(SCOPE)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._stamp = stamp(path)
        #: (number, heading, index of its part)
        self._sections: list[tuple[str, str, int]] = []
        self._parts: list = []
        self._part_offsets: dict[int, int] = {}
        self._offsets_for: int | None = None
        self.doc = None

    def compose(self) -> ComposeResult:
        name = self.aj_app.workspace.name_of(self.path)
        yield TitleBar(name, "reading…", id="title")
        with VerticalScroll(id="doc-body"):
            yield Static(id="doc")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()
        if self.aj_app.watch_interval:
            self.set_interval(self.aj_app.watch_interval, self._watch)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, notify: bool = False) -> None:
        from ajtui.base.errors import AjError, AjSyntaxError
        from ajtui.base.safetext import safe
        from ajtui.format.parser import load
        from ajtui.format.vocabulary import DEFAULT_HEADINGS, FRONT_MATTER
        from ajtui.present.render import flow, render_document

        st = stamp(self.path)
        try:
            doc = load(self.path)
        except AjSyntaxError as e:
            err = Text(
                safe(str(e).replace(str(self.path), self.aj_app.workspace.name_of(self.path)))
            )
            self.app.call_from_thread(self._show_error, err, st)
            return
        except AjError as e:  # not read at all (a FIFO, a device, too large): no editor
            shown = e.one_line().replace(str(self.path), self.aj_app.workspace.name_of(self.path))
            self.app.call_from_thread(
                self._show_error,
                Text(safe(shown)),
                st,
                "This file cannot be opened as a description.",
            )
            return
        group = render_document(doc)
        # Find each section's heading among the rendered parts, in order, by its title.
        wanted: list[tuple[str, str]] = []
        ordinal = 0
        for sec in doc.sections:
            if sec.kind == "ametijuhend":
                continue
            front = sec.kind in FRONT_MATTER  # printed unnumbered, before the description
            ordinal += 0 if front else 1
            title = sec.title or DEFAULT_HEADINGS.get(sec.kind, "")
            if title:
                wanted.append((sec.number or ("" if front else str(ordinal)), flow(title).upper()))
        parts = list(group.renderables)
        headings: dict[int, tuple[str, str]] = {}
        i = 0
        for index, part in enumerate(parts):
            if (
                i < len(wanted)
                and isinstance(part, Text)
                and part.plain.strip()
                and part.plain.upper().endswith(wanted[i][1])
            ):
                headings[index] = (wanted[i][0], part.plain)
                i += 1
        self.app.call_from_thread(self._show, doc, parts, headings, st, notify)

    def _show(self, doc, parts, headings, st, notify: bool) -> None:
        """One Static for the whole document (one widget to lay out, fast), and the parts
        kept to find where each section starts when asked to jump."""
        from rich.console import Group

        self.doc = doc
        self._stamp = st
        shown = [
            Align.center(p) if isinstance(p, Text) and p.justify == "center" else p for p in parts
        ]
        heading_style = style(self.app, "primary", bold=True)
        for index in headings:
            shown[index] = shown[index].copy()
            shown[index].stylize(heading_style)
        self._parts = shown
        self._sections = [(number, text, index) for index, (number, text) in headings.items()]
        self._offsets_for = None
        body = self.query_one("#doc-body", VerticalScroll)
        y = body.scroll_y
        self.query_one("#doc", Static).update(Group(*shown))
        if y:  # read again: stay where the reader was
            body.call_after_refresh(body.scroll_to, y=y, animate=False)
        title = self.query_one("#title", TitleBar)
        name = one_line(doc.general.title) or self.path.stem
        title.left = f"{name} · {self.aj_app.workspace.name_of(self.path)}"
        appr = doc.approval
        title.right = appr.label if appr else "not approved"
        if notify and self.is_current:
            self.notify("The file changed on disk and was read again.", timeout=3)

    def _offsets(self) -> dict[int, int]:
        """The line where each part starts, at the current width (computed when needed)."""
        doc = self.query_one("#doc", Static)
        width = doc.content_region.width or self.app.size.width
        if self._offsets_for == width:
            return self._part_offsets
        console = self.app.console
        options = console.options.update_width(width)
        offsets, y = {}, 0
        for index, part in enumerate(self._parts):
            offsets[index] = y
            y += len(console.render_lines(part, options, pad=False))
        self._part_offsets, self._offsets_for = offsets, width
        return offsets

    def _show_error(
        self,
        err: Text,
        st,
        advice: str = "This file does not parse. Press e to fix it in the editor.",
    ) -> None:
        from rich.console import Group

        self._stamp = st
        self._sections = []
        self._parts = []
        shown = err.copy()
        shown.stylize(style(self.app, "error"))
        hint = Text("\n" + advice)
        self.query_one("#doc", Static).update(Group(shown, hint))
        self.query_one("#title", TitleBar).right = "invalid"

    def _watch(self) -> None:
        now = stamp(self.path)
        if now is None:
            if self._stamp is not None:
                self._stamp = None
                self.notify(
                    f"{self.path.name} was deleted on disk.", severity="warning", markup=False
                )
            return
        if now != self._stamp:
            self._stamp = now
            # Read again now; say so only when this screen is the one shown.
            self.load(notify=self.is_current)

    # --- actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_edit(self) -> None:
        from ajtui.tui.screens.editor import open_editor

        open_editor(self.aj_app, self.path)

    def action_diff(self) -> None:
        from ajtui.tui.screens.diff import open_default_diff

        open_default_diff(self.aj_app, self.path)

    def action_history(self) -> None:
        from ajtui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.path))

    def action_blame(self) -> None:
        from ajtui.tui.screens.blame import BlameScreen

        self.app.push_screen(BlameScreen(self.path))

    def action_jump(self) -> None:
        if not self._sections:
            self.notify("No sections to jump to.", severity="warning")
            return
        from ajtui.tui.dialogs import SectionDialog

        def chosen(index: int | None) -> None:
            if index is not None:
                self._scroll_to_section(index)

        self.app.push_screen(SectionDialog([h for _, h, _ in self._sections]), chosen)

    def action_section(self, number: int) -> None:
        for i, (num, _h, _w) in enumerate(self._sections):
            if num == str(number):
                self._scroll_to_section(i)
                return
        if 0 < number <= len(self._sections):
            self._scroll_to_section(number - 1)

    def _scroll_to_section(self, index: int) -> None:
        part = self._sections[index][2]
        self.query_one("#doc-body", VerticalScroll).scroll_to(
            y=self._offsets()[part], animate=False
        )

    def action_commit(self) -> None:
        from ajtui.tui.screens.gitflows import commit_file

        commit_file(self, self.path)

    def action_approve(self) -> None:
        from ajtui.tui.screens.gitflows import approve_file

        approve_file(self, self.path)

    def on_screen_resume(self) -> None:
        if stamp(self.path) != self._stamp:
            self._watch()
