"""A description rendered like the official document, scrollable, with a jump to any
section and a search (`/`, then n/N). A file changed on disk while shown is read again.
The rendered parts are laid out lazily by `LinesView` (only what is on screen, per width)."""

from __future__ import annotations

from pathlib import Path

from rich.align import Align
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ajtui.present.styled import Text as Styled
from ajtui.store.workspace import one_line, stamp
from ajtui.tui.actions import bindings
from ajtui.tui.messages import FilesChanged
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.style import style
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.lines_view import SEARCH_PLACEHOLDER, Block, LinesView, SearchHost
from ajtui.tui.widgets.title_bar import TitleBar


class DocumentScreen(SearchHost, AjScreen[None]):
    AUTO_FOCUS = "#doc-body"
    HELP_NOTES = [
        "1 … 9: go to section 1 … 9",
        "/ searches (case and accents ignored); n/N go to the next/previous match; "
        "escape closes the search (a second escape goes back).",
        "up/down, pageup/pagedown, home/end: scroll",
    ]

    SCOPE = "document"
    BINDINGS = bindings(SCOPE)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._stamp = stamp(path)
        #: (number, heading, index of its part)
        self._sections: list[tuple[str, str, int]] = []
        self._parts: list = []
        self._searching = False
        self.doc = None

    def compose(self) -> ComposeResult:
        name = self.aj_app.workspace.name_of(self.path)
        yield TitleBar(name, "reading…", id="title")
        yield LinesView(lambda block, _width: block.data, id="doc-body")
        yield Static(id="doc-where")
        yield Input(placeholder=SEARCH_PLACEHOLDER, id="search", classes="search")
        yield Footer(compact=True)

    @property
    def view(self) -> LinesView:
        return self.query_one("#doc-body", LinesView)

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.query_one("#doc-where").display = False
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
                and isinstance(part, Styled)
                and part.plain.strip()
                and part.plain.upper().endswith(wanted[i][1])
            ):
                headings[index] = (wanted[i][0], part.plain)
                i += 1
        self.app.call_from_thread(self._show, doc, parts, headings, st, notify)

    def _show(self, doc, parts, headings, st, notify: bool) -> None:
        """The parts as the view's blocks (laid out lazily), kept to find where each
        section starts when asked to jump."""
        self.doc = doc
        self._stamp = st
        shown = [
            Align.center(p) if isinstance(p, Styled) and p.justify == "center" else p for p in parts
        ]
        heading_style = style(self.app, "primary", bold=True)
        for index in headings:
            shown[index] = shown[index].copy()
            shown[index].stylize(str(heading_style))
        self._parts = shown
        self._sections = [(number, text, index) for index, (number, text) in headings.items()]
        self._set_parts(shown)
        title = self.query_one("#title", TitleBar)
        name = one_line(doc.general.title) or self.path.stem
        title.left = f"{name} · {self.aj_app.workspace.name_of(self.path)}"
        appr = doc.approval
        title.right = (
            f"{len(doc.conflicts)} merge conflict(s): ours shown"
            if doc.conflicts
            else appr.label
            if appr
            else "not approved"
        )
        if notify and self.app.screen is self:
            self.notify("The file changed on disk and was read again.", timeout=3)

    def _set_parts(self, parts: list) -> None:
        view = self.view
        y = view.scroll_y
        term = view.term
        view.clear()
        view.add_blocks([Block(p, estimate=1) for p in parts])
        if term:
            view.search(term)
        if y:  # read again: stay where the reader was
            view.call_after_refresh(view.scroll_to, y=y, animate=False)

    def _show_error(
        self,
        err: Text,
        st,
        advice: str = "This file does not parse. Press e to fix it in the editor.",
    ) -> None:
        self._stamp = st
        self._sections = []
        self._parts = []
        shown = err.copy()
        shown.stylize(style(self.app, "error"))
        hint = Text("\n" + advice)
        self._set_parts([shown, hint])
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
            # Read again now; say so only when this screen is the one shown (Textual's
            # `is_current` is also true for the screen under the top one)
            self.load(notify=self.app.screen is self)

    def on_files_changed(self, message: FilesChanged) -> None:
        """Changed here (saved in the editor, committed, approved): read again quietly."""
        if any(Path(p) == self.path for p in message.paths):
            now = stamp(self.path)
            if now is not None and now != self._stamp:
                self._stamp = now
                self.load(notify=False)

    # --- actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.close_search():
            return
        self.dismiss()

    def action_next_match(self) -> None:
        if self._searching:
            self._step_match(1)
        else:
            self.notify("Press / to search first.", timeout=2)

    def action_previous_match(self) -> None:
        if self._searching:
            self._step_match(-1)
        else:
            self.notify("Press / to search first.", timeout=2)

    def _say(self, position: str) -> None:
        where = self.query_one("#doc-where", Static)
        where.display = bool(position)
        where.update(Text(position))

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
        view = self.view
        view.lay_out_all()
        view.go_to_block(part)

    def action_export(self) -> None:
        from functools import partial

        from ajtui.tui.export_dialog import DOCUMENT_FORMATS, document_bytes, export

        export(self, DOCUMENT_FORMATS, self.path, partial(document_bytes, self.path), [self.path])

    def action_where_used(self) -> None:
        from ajtui.tui.screens.whereused import open_where_used

        open_where_used(self, self.path, DocumentScreen)

    def action_commit(self) -> None:
        from ajtui.tui.screens.gitflows import commit_file

        commit_file(self, self.path)

    def action_approve(self) -> None:
        from ajtui.tui.screens.gitflows import approve_file

        approve_file(self, self.path)

    def on_screen_resume(self) -> None:
        if stamp(self.path) != self._stamp:
            self._watch()
