"""Where a wording is used (`w` on a description): each part of the description that holds
text of its own — a duty, a result, a paragraph, a field's value, a competency — with the
number of other descriptions that have the same or nearly the same wording; below, the
places of the highlighted part, most alike first, with their similarity. `enter` on a part
goes to its places, on a place opens that description.

What `aj where-used` finds (ajtui.ops.wordings: the diff's word similarity, at least
`DEFAULT_THRESHOLD`), from the same index of the workspace's files, kept in the cache
between runs (ajtui.store.wordindex). Made in a thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ajtui.tui.actions import bindings
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.style import style
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen
    from textual.timer import Timer

    from ajtui.ops.wordings import Place, Unit


#: Up to this many places are listed at once as a part is highlighted; more wait for a
#: pause of `PLACES_PAUSE` seconds in moving through the parts (1,000 places take ≈ 65 ms).
QUICK_PLACES = 200
PLACES_PAUSE = 0.12

#: The path of a section's title among a description's parts (left out: they are the
#: standard headings in nearly every description).
HEADING = ".pealkiri"


def open_where_used(screen: Screen, path: Path, show: Callable[[Path], Screen]) -> None:
    """From `screen`, which shows the description at `path`; `show` makes the screen that
    shows a place found (the document screen, which imports this module)."""
    app = screen.app
    app.push_screen(WhereUsedScreen(path, lambda found: app.push_screen(show(found))))


def _safe(text: str) -> str:
    from ajtui.base.safetext import safe_line

    return safe_line(text)


class WhereUsedScreen(AjScreen[None]):
    AUTO_FOCUS = "#wu-parts"
    HELP_NOTES = [
        "Similarity is the share of equal words (punctuation counts, case matters); 1.00 is "
        "the same wording. `aj where-used` finds the same from the command line.",
        "tab moves between the parts and the places.",
    ]
    DEFAULT_CSS = """
    WhereUsedScreen #wu-parts, WhereUsedScreen #wu-places {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        border: none;
        border-top: hkey $panel-lighten-1;
        padding: 0;
        background: $background;
        scrollbar-size-vertical: 1;
    }
    WhereUsedScreen #wu-parts:focus, WhereUsedScreen #wu-places:focus {
        border: none;
        border-top: hkey $primary;
        background-tint: $foreground 0%;
    }
    WhereUsedScreen #wu-wording {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $surface;
    }
    """

    SCOPE = "whereused"
    BINDINGS = bindings(SCOPE)

    def __init__(self, path: Path, open_path: Callable[[Path], object]) -> None:
        super().__init__()
        self.path = path
        #: shows the description at a path
        self.open_path = open_path
        #: each part of the description, with every place of its wording (its own too)
        self.parts: list[tuple[Unit, list[Place]]] = []
        #: the places listed below, in their order
        self.places: list[Place] = []
        #: the places of the highlighted part, when they wait for a pause in moving
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        name = self.aj_app.workspace.name_of(self.path)
        yield TitleBar(f"Used in · {name}", "indexing the workspace…", id="title")
        yield OptionList(id="wu-parts")
        yield Static(id="wu-wording")
        yield OptionList(id="wu-places")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="where-used", exit_on_error=False)
    def load(self) -> None:
        from ajtui.base.errors import AjError
        from ajtui.format.parser import load
        from ajtui.ops.wordings import units
        from ajtui.store.wordindex import load_index

        ws = self.aj_app.workspace
        try:
            doc = load(self.path)
        except AjError as e:
            shown = e.one_line().replace(str(self.path), ws.name_of(self.path))
            self.app.call_from_thread(self._failed, shown)
            return
        try:
            files = [str(p) for p in ws.scan()]
            if str(self.path) not in files:
                files.append(str(self.path))
            unread: list[str] = []
            index = load_index(files, cache=ws.cache_folder() is not None, warn=unread.append)
            parts = [
                (u, index.where_used(u.text))
                for u in units(doc)
                if not u.path.endswith(HEADING)  # a section's title: the same everywhere
            ]
        except Exception as e:  # a bug, not a problem in the files: said, not hidden
            self.app.call_from_thread(self._failed, f"{type(e).__name__}: {e}")
            return
        self.app.call_from_thread(self._show, parts, len(files), unread)

    def _failed(self, why: str) -> None:
        self.query_one("#title", TitleBar).right = "not read"
        parts = self.query_one("#wu-parts", OptionList)
        parts.clear_options()
        parts.add_option(Option(Text(_safe(why)), disabled=True))

    def _others(self, places: list[Place]) -> int:
        own = str(self.path)
        return len({p.file for p in places if p.file != own})

    def _show(self, parts: list[tuple[Unit, list[Place]]], files: int, unread: list[str]) -> None:
        self.parts = parts
        muted = style(self.app, "foreground-muted")
        options = []
        shared = 0
        for unit, places in parts:
            n = self._others(places)
            shared += bool(n)
            line = Text(no_wrap=True, overflow="ellipsis")
            if n:
                line.append(f"{n:>5} other{' ' if n == 1 else 's'} ", style="bold")
            else:
                line.append("   only here ", style=muted)
            line.append(_safe(unit.path), style=style(self.app, "accent"))
            line.append("  " + _safe(unit.text))
            options.append(Option(line))
        ol = self.query_one("#wu-parts", OptionList)
        ol.clear_options()
        if options:
            ol.add_options(options)
            ol.highlighted = 0
        else:
            ol.add_option(Option(Text("This description has no text to look for."), disabled=True))
        said = [f"{shared} of {len(parts)} parts used elsewhere", f"{files} descriptions"]
        if unread:
            said.append(f"{len(unread)} not read")
            self.aj_app.notify_error("\n".join(unread[:5]), "Left out of the search")
        self.query_one("#title", TitleBar).right = " · ".join(said)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "wu-parts":
            return
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        index = event.option_index
        if 0 <= index < len(self.parts) and len(self.parts[index][1]) > QUICK_PLACES:
            # a long list costs frames: not for every part passed while moving through them
            self._pending = self.set_timer(PLACES_PAUSE, lambda: self._show_places(index))
        else:
            self._show_places(index)

    def _show_places(self, index: int) -> None:
        """The places of part `index`, and its whole wording above them."""
        self._pending = None
        if not 0 <= index < len(self.parts):
            return
        unit, places = self.parts[index]
        muted = style(self.app, "foreground-muted")
        n = self._others(places)
        head = Text()
        head.append(
            f"Used in {n} other description{'' if n == 1 else 's'}: "
            if n
            else "In no other description: ",
            style="bold",
        )
        head.append(_safe(unit.text))
        self.query_one("#wu-wording", Static).update(head)
        name_of = self.aj_app.workspace.name_of
        own = str(self.path)
        self.places = [p for p in places if not (p.file == own and p.path == unit.path)]
        options = []
        for p in self.places:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{p.similarity:.2f}  ", style="bold" if p.similarity >= 1 else "")
            line.append(_safe(f"{name_of(Path(p.file))}:{p.line}"), style=style(self.app, "accent"))
            if p.file == own:
                line.append(" (this one)", style=muted)
            line.append(f"  {_safe(p.path)}", style=muted)
            if p.text != unit.text:
                line.append("  " + _safe(p.text))
            options.append(Option(line))
        ol = self.query_one("#wu-places", OptionList)
        ol.clear_options()
        if options:
            ol.add_options(options)
            ol.highlighted = 0
        else:
            ol.add_option(
                Option(Text("No other place has this wording.", style=muted), disabled=True)
            )

    # --- actions --------------------------------------------------------------------------

    def action_open(self) -> None:
        parts = self.query_one("#wu-parts", OptionList)
        places = self.query_one("#wu-places", OptionList)
        if places.has_focus:
            i = places.highlighted
            if i is not None and 0 <= i < len(self.places):
                self.open_path(Path(self.places[i].file))
            return
        if parts.highlighted is None or not self.parts:
            return
        if self._pending is not None:  # not waiting for the pause: now
            self._pending.stop()
            self._show_places(parts.highlighted)
        if self.places:
            places.focus()
        else:
            self.notify("No other place has this wording.", timeout=3)

    def action_back(self) -> None:
        if self.query_one("#wu-places", OptionList).has_focus:
            self.query_one("#wu-parts", OptionList).focus()
            return
        self.dismiss()
