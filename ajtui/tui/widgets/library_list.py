"""The library's list: one line per description, rendered only where it is visible.

A workspace may hold ten thousand descriptions; DataTable builds every row up front
(≈ 0.2 ms a row, a visible stall on each keystroke of the filter). This list keeps the
rows as data and renders the visible lines on demand (toolong's lesson), so filtering
and scrolling cost the same at 10 rows and 10,000.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: Gap between columns.
GAP = 2


def fit(text: Text, width: int) -> Text:
    """Exactly `width` cells: cut with an ellipsis, or padded."""
    out = text.copy()
    out.truncate(width, overflow="ellipsis", pad=True)
    return out


def middle(text: Text, width: int) -> Text:
    """At most `width` cells, cut in the middle when longer ("Vanemspetsialist … (KLAT)"):
    titles that begin alike differ at the end, which a cut at the end would lose. The end
    keeps a little less than half."""
    if text.cell_len <= width or width < 8:
        return text
    tail = (width - 1) * 2 // 5
    head = width - 1 - tail
    plain = text.plain
    # by characters, then trimmed to cells (wide characters are rare in titles)
    start = text[:head]
    while start.cell_len > head:
        start = start[:-1]
    end = text[len(plain) - tail :]
    while end.cell_len > tail:
        end = end[1:]
    out = start.copy()
    out.append("…", style="dim")
    out.append_text(end)
    return out


def join_cells(cells: Sequence[Text], widths: Sequence[int]) -> Text:
    line = Text(" ", no_wrap=True, end="")
    for i, (cell, width) in enumerate(zip(cells, widths)):
        if i:
            line.append(" " * GAP)
        line.append_text(fit(cell, width))
    return line


class LibraryList(ScrollView, can_focus=True):
    """Rows of cells. `set_rows` replaces them; the cells of a row are made when the row
    is first shown, by the `cells(index)` function given."""

    DEFAULT_CSS = """
    LibraryList > .library-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    LibraryList:blur > .library-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: none;
    }
    """
    COMPONENT_CLASSES = {"library-list--cursor"}

    BINDINGS = [
        Binding("down", "cursor_down", "Next row", show=False),
        Binding("up", "cursor_up", "Previous row", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "scroll_home", "First row", show=False),
        Binding("end", "scroll_end", "Last row", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class RowHighlighted(Message):
        def __init__(self, library_list: LibraryList, cursor_row: int) -> None:
            super().__init__()
            self.library_list = library_list
            self.cursor_row = cursor_row

        @property
        def control(self) -> LibraryList:
            return self.library_list

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.keys: list = []
        self.widths: list[int] = []
        self._cells: Callable[[int], Sequence[Text]] = lambda index: ()
        self._lines: dict[int, Text] = {}

    # --- data -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.keys)

    def set_rows(
        self, keys: list, cells: Callable[[int], Sequence[Text]], widths: list[int], cursor: int = 0
    ) -> None:
        self.keys = list(keys)
        self._cells = cells
        self.widths = list(widths)
        self._lines.clear()
        self.virtual_size = Size(self.line_width(), len(self.keys))
        self.cursor_row = max(0, min(cursor, len(self.keys) - 1))
        self.refresh()

    def line_width(self) -> int:
        return sum(self.widths) + GAP * max(len(self.widths) - 1, 0) + 1

    def move_cursor(self, row: int, animate: bool = False) -> None:
        self.cursor_row = max(0, min(row, len(self.keys) - 1))

    def _line(self, index: int) -> Text:
        line = self._lines.get(index)
        if line is None:
            line = join_cells(self._cells(index), self.widths)
            self._lines[index] = line
        return line

    # --- the cursor -----------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        if not self.keys:
            return
        height = self.scrollable_content_region.height or self.size.height or 1
        if new < self.scroll_offset.y:
            self.scroll_to(y=new, animate=False)
        elif new >= self.scroll_offset.y + height:
            self.scroll_to(y=new - height + 1, animate=False)
        self.refresh()
        self.post_message(self.RowHighlighted(self, new))

    def action_cursor_down(self) -> None:
        if self.cursor_row < len(self.keys) - 1:
            self.cursor_row += 1

    def action_cursor_up(self) -> None:
        if self.cursor_row > 0:
            self.cursor_row -= 1

    def _page(self) -> int:
        return max((self.scrollable_content_region.height or self.size.height) - 1, 1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page())

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page())

    def action_scroll_home(self) -> None:
        self.move_cursor(0)

    def action_scroll_end(self) -> None:
        self.move_cursor(len(self.keys) - 1)

    def on_click(self, event) -> None:
        row = event.y + self.scroll_offset.y
        if 0 <= row < len(self.keys):
            self.cursor_row = row

    # --- rendering ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        if index >= len(self.keys):
            return Strip.blank(width, base)
        segments = list(self._line(index).render(self.app.console))
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        strip = strip.extend_cell_length(width)
        if index == self.cursor_row:
            cursor = self.get_component_rich_style("library-list--cursor")
            # the cursor's background under the cells' own colours (a status keeps its hue)
            strip = Strip(
                [
                    Segment(text, cursor + style if style else cursor, control)
                    for text, style, control in strip
                ],
                strip.cell_length,
            )
        return strip.apply_style(base)
