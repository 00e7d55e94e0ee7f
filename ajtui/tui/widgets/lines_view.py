"""A long read-only text made of blocks (a diff's runs, a document's parts), shown with
Textual's Line API: only the lines on screen are drawn, and a block is laid out (Rich →
strips) only when it is needed, at the current width.

- Each block is laid out once per (mode, width) and kept, so a resize or a layout switch
  and back costs nothing the second time.
- A block not laid out yet counts as its `estimate` lines; the blocks on screen are laid
  out before each frame, the rest a slice at a time between keys (`SLICE` seconds), and
  when a block above the top of the screen turns out taller or shorter the view moves by
  the difference, so what the reader looks at stays put.
- `search(term)` marks every match (see `ajtui.tui.search`), also in blocks laid out
  later; `step_match(±1)` goes to the next or previous one.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ajtui.tui.search import spans

#: Seconds of laying out per slice in the background: keys wait at most about this long.
SLICE = 0.02
#: Layouts kept (mode × width) besides the current one.
KEEP = 4


@dataclass
class Block:
    """One part of the text; `make(block, width)` gives its renderable (the view's owner
    decides how, by the view's `mode`)."""

    data: Any
    estimate: int = 1
    #: Shown as the view's sticky header while this block is at the top (see `Moved`).
    group: int = 0


@dataclass
class _Layout:
    strips: list[list[Strip] | None] = field(default_factory=list)
    #: per block: [(line in block, x0, x1)] in cells, when a search is active
    hits: list[list[tuple[int, int, int]] | None] = field(default_factory=list)


class LinesView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    LinesView { height: 1fr; }
    """
    COMPONENT_CLASSES = {"lines-view--match", "lines-view--current-match", "lines-view--marked"}

    class Moved(Message):
        """The block at the top of the view changed (or was laid out)."""

        def __init__(self, view: LinesView, top: int) -> None:
            super().__init__()
            self.view = view
            self.top = top

    def __init__(
        self,
        make: Callable[[Block, int], RenderableType],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._make = make
        self.blocks: list[Block] = []
        self.mode: Hashable = None
        self._layouts: dict[tuple[Hashable, int], _Layout] = {}
        self._key: tuple[Hashable, int] | None = None
        self._heights: list[int] = []
        self._starts: list[int] = [0]
        self._timer_pending = False
        self._stale = False
        self._top_sent = -1
        #: Lay out the rest between frames; off while the owner still computes blocks
        #: (keys first), `resume()` turns it on again.
        self.background = True
        #: The block whose lines are tinted (the current change), or None.
        self.marked: int | None = None
        self.term = ""
        #: The current match: (block, line in block, x0), or None.
        self._match: tuple[int, int, int] | None = None

    # --- content --------------------------------------------------------------------------

    def add_blocks(self, blocks: list[Block]) -> None:
        self.blocks.extend(blocks)
        for layout in self._layouts.values():
            layout.strips.extend([None] * len(blocks))
            layout.hits.extend([None] * len(blocks))
        self._heights.extend(b.estimate for b in blocks)
        self._restart()

    def clear(self) -> None:
        self.blocks = []
        self._layouts.clear()
        self._key = None
        self._heights = []
        self.marked = None
        self._match = None
        self._restart()

    def relayout(self) -> None:
        """Call after changing `mode`: the same blocks laid out anew (kept per mode)."""
        self._restart()

    @property
    def width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def complete(self) -> bool:
        """Every block laid out at the current width."""
        layout = self._layout()
        return layout is not None and all(s is not None for s in layout.strips)

    def start_of(self, block: int) -> int:
        return self._starts[block]

    def block_at(self, y: int) -> int:
        """The block showing line `y` (the last block past the end)."""
        return max(0, min(len(self.blocks) - 1, bisect_right(self._starts, y) - 1))

    @property
    def top_block(self) -> int:
        return self.block_at(round(self.scroll_y))

    def _layout(self) -> _Layout | None:
        return self._layouts.get(self._key) if self._key is not None else None

    def _restart(self) -> None:
        """The width, the mode or the blocks changed: keep the reader's place."""
        self._stale = False
        width = self.width
        if width <= 0 or not self.is_mounted:
            self._key = None
            return
        anchor = None
        if self._key is not None and self.blocks and self._starts[-1] > 0:
            top = round(self.scroll_y)
            b = self.block_at(top)
            anchor = (b, top - self._starts[b], self._heights[b])
        key = (self.mode, width)
        if key != self._key:
            layout = self._layouts.get(key)
            if layout is None:
                for old in list(self._layouts)[: max(0, len(self._layouts) - KEEP)]:
                    del self._layouts[old]
                layout = self._layouts[key] = _Layout(
                    [None] * len(self.blocks), [None] * len(self.blocks)
                )
            self._key = key
            self._heights = [
                len(s) if s is not None else b.estimate
                for s, b in zip(layout.strips, self.blocks, strict=True)
            ]
        self._recount()
        if anchor is not None:
            b, offset, old_height = anchor
            if old_height != self._heights[b]:  # the same fraction of the block
                offset = offset * self._heights[b] // max(old_height, 1)
            self.scroll_to(y=self._starts[b] + offset, animate=False, immediate=True)
        self._fill()
        self.refresh()
        self._schedule()

    def _recount(self) -> None:
        self._starts = [0, *accumulate(self._heights)]
        width = self.width
        self.virtual_size = Size(width, self._starts[-1])

    def _lay_out(self, b: int, layout: _Layout) -> bool:
        """Lay out block `b`; whether its height changed."""
        from rich.segment import Segment

        width = self._key[1] if self._key else self.width
        console = self.app.console
        options = console.options.update_width(width)
        lines = console.render_lines(self._make(self.blocks[b], width), options, pad=False)
        strips = [Strip(Segment.simplify(line)) for line in lines] or [Strip([])]
        layout.strips[b] = strips
        layout.hits[b] = self._find(strips) if self.term else None
        changed = len(strips) != self._heights[b]
        self._heights[b] = len(strips)
        return changed

    def _fill(self) -> None:
        """Lay out the blocks on screen."""
        layout = self._layout()
        if layout is None or not self.blocks:
            return
        top = round(self.scroll_y)
        bottom = top + max(self.size.height, 1)
        b = self.block_at(top)
        y = self._starts[b]
        changed = False
        while b < len(self.blocks) and y < bottom:
            if layout.strips[b] is None:
                changed |= self._lay_out(b, layout)
            y += self._heights[b]
            b += 1
        if changed:
            self._recount()
        self._send_top()

    def resume(self) -> None:
        """Lay out the rest in the background again."""
        self.background = True
        self._schedule()

    def _schedule(self) -> None:
        if self.background and not self._timer_pending and self._key is not None:
            layout = self._layout()
            if layout is not None and any(s is None for s in layout.strips):
                self._timer_pending = True
                self.set_timer(0.001, self._background)

    def _background(self) -> None:
        """Lay out blocks in order for one slice; keep the top line where it is."""
        self._timer_pending = False
        layout = self._layout()
        if layout is None:
            return
        deadline = time.perf_counter() + SLICE
        top = round(self.scroll_y)
        top_block = self.block_at(top)
        offset = top - self._starts[top_block]
        moved = False
        for b, s in enumerate(layout.strips):
            if s is not None:
                continue
            changed = self._lay_out(b, layout)
            moved |= changed and b < top_block
            if changed:
                self._starts[-1] = -1  # recount below
            if time.perf_counter() > deadline:
                break
        self._recount()
        if moved:
            self.scroll_to(y=self._starts[top_block] + offset, animate=False, immediate=True)
        self.refresh()
        self._send_top()
        self._schedule()

    def lay_out_all(self) -> None:
        """Every block laid out now (a short text: the document's section offsets)."""
        layout = self._layout()
        if layout is None:
            return
        for b, s in enumerate(layout.strips):
            if s is None:
                self._lay_out(b, layout)
        self._recount()

    def _send_top(self) -> None:
        if self.blocks:
            top = self.top_block
            if top != self._top_sent:
                self._top_sent = top
                self.post_message(self.Moved(self, top))

    # --- Textual --------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._restart()

    def on_mount(self) -> None:
        self.call_after_refresh(self._restart)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._fill()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.width
        style = self.rich_style
        if self._key is not None and self._key[1] != width and not self._stale:
            # laid out at another width (a resize seen before this widget's size was
            # settled): again, once the frame is done
            self._stale = True
            self.call_after_refresh(self._restart)
        layout = self._layout()
        line_y = scroll_y + y
        if layout is None or not self.blocks or line_y >= self._starts[-1]:
            return Strip.blank(width, style)
        b = self.block_at(line_y)
        strips = layout.strips[b]
        k = line_y - self._starts[b]
        if strips is None or k >= len(strips):
            return Strip.blank(width, style)
        strip = strips[k]
        hits = layout.hits[b]
        if hits:
            strip = self._highlight(strip, b, k, hits)
        if self.marked == b:
            strip = strip.apply_style(self.get_component_rich_style("lines-view--marked"))
        return strip.crop_extend(scroll_x, scroll_x + width, style).apply_style(style)

    # --- search ---------------------------------------------------------------------------

    def _find(self, strips: list[Strip]) -> list[tuple[int, int, int]]:
        from rich.cells import cell_len

        out = []
        for k, strip in enumerate(strips):
            text = strip.text
            for start, end in spans(text, self.term):
                x0 = cell_len(text[:start])
                out.append((k, x0, x0 + cell_len(text[start:end])))
        return out

    def _highlight(self, strip: Strip, b: int, k: int, hits: list) -> Strip:
        cuts: list[int] = []
        marks = []
        for line, x0, x1 in hits:
            if line != k:
                continue
            cuts += [x0, x1]
            current = self._match == (b, line, x0)
            marks.append(
                self.get_component_rich_style(
                    "lines-view--current-match" if current else "lines-view--match"
                )
            )
        if not marks:
            return strip
        parts = strip.divide(cuts + [strip.cell_length])
        out = []
        for n, part in enumerate(parts):
            if n % 2 == 1 and n // 2 < len(marks):
                part = Strip(
                    [Segment(s.text, (s.style or Style()) + marks[n // 2]) for s in part],
                    part.cell_length,
                )
            out.append(part)
        return Strip.join(out)

    def search(self, term: str) -> None:
        """Mark every match of `term` ("" clears), in every block laid out now or later."""
        self.term = term
        self._match = None
        for layout in self._layouts.values():
            for b, strips in enumerate(layout.strips):
                layout.hits[b] = self._find(strips) if term and strips is not None else None
        self.refresh()

    def matches(self) -> list[tuple[int, int, int]]:
        """Every match found so far: (block, line in block, x0), in order."""
        layout = self._layout()
        if layout is None or not self.term:
            return []
        return [(b, k, x0) for b, hits in enumerate(layout.hits) if hits for k, x0, _x1 in hits]

    def step_match(self, step: int) -> tuple[int, int, bool] | None:
        """Go to the next (+1) or previous (−1) match from the current one (from the top
        of the view when there is none): (its number from 1, how many, wrapped), or None
        when nothing matches."""
        found = self.matches()
        if not found:
            self._match = None
            self.refresh()
            return None
        if self._match in found:
            i = found.index(self._match) + step
        else:
            top = round(self.scroll_y)
            after = [n for n, (b, k, _) in enumerate(found) if self._starts[b] + k >= top]
            first_after = after[0] if after else len(found)
            i = first_after if step > 0 else first_after - 1
        wrapped = not 0 <= i < len(found)
        i %= len(found)
        self._match = found[i]
        b, k, _ = self._match
        y = self._starts[b] + k
        height = self.scrollable_content_region.height
        if not round(self.scroll_y) <= y < round(self.scroll_y) + height:
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)
        self.refresh()
        return i + 1, len(found), wrapped

    def go_to_block(self, b: int) -> None:
        """Scroll so that block `b` starts at the top."""
        self.scroll_to(y=self._starts[b], animate=False, immediate=True)
        self._fill()
        self.refresh()


SEARCH_PLACEHOLDER = "search (enter: find, escape: close)"


class SearchHost:
    """`/` on a screen with a `LinesView` (`self.view`) and an Input `#search`: enter
    searches, n/N step through the matches, escape closes (`close_search`). The screen
    shows positions with `_say(text)`; `_searching_more()` says whether text is still
    coming (so the count is "so far")."""

    _searching: bool

    @property
    def _host(self) -> Any:
        """This object as the screen it is mixed into."""
        return self

    def action_search(self) -> None:
        box = self._host.query_one("#search")
        box.display = True
        box.focus()

    def on_input_submitted(self, event) -> None:
        if event.input.id != "search":
            return
        event.stop()
        term = event.value.strip()
        self._host.query_one("#search").display = False
        self._host.view.focus()
        if not term:
            self.close_search()
            return
        self._searching = True
        self._host.view.search(term)
        self._step_match(1)

    def _step_match(self, step: int) -> None:
        view = self._host.view
        found = view.step_match(step)
        more = "" if view.complete and not self._searching_more() else " so far"
        if found is None:
            self._say(f"no match for “{view.term}”{more}")
            return
        k, m, wrapped = found
        if wrapped:
            self._host.notify(f"Wrapped to the {'first' if step > 0 else 'last'} match.", timeout=2)
        self._say(f"match {k} of {m}{more}")

    def close_search(self) -> bool:
        """Close the search (the input, the marks); whether there was one to close."""
        box = self._host.query_one("#search")
        if not (self._searching or box.display):
            return False
        self._searching = False
        box.display = False
        box.value = ""
        self._host.view.search("")
        self._host.view.focus()
        self._say("")
        return True

    def _searching_more(self) -> bool:
        return False

    def _say(self, position: str) -> None:
        raise NotImplementedError
