"""A TextArea for .aj text: highlighting from a line scan of the format, diagnostics
marked at their lines, control characters shown as visible symbols.

There is no tree-sitter grammar for .aj, so `_build_highlight_map` is replaced: the
format is line-oriented, and one pass over the lines finds section keywords, numbers,
field keys, item marks and comments. TextArea's highlight map takes UTF-8 *byte* offsets
(Estonian õ ä ö ü š ž are two bytes each); `scan_line` works in characters and
`to_bytes` converts.

A keystroke must not cost more in a long file than in a short one, so the scan is
incremental: each line's spans and the scanner's state before it are kept, an edit rescans
from its first changed line until the state before a line is again what it was (usually the
next line), and the highlight map hands TextArea the spans of the lines it draws. For the
same reason TextArea's drawing, which asks for the wrapped document's height and for the
whole text (to see whether it is empty) for every line it draws, gets both without going
over every line: the height from the list of visual lines, the text joined once per edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, count, islice
from operator import is_not

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

from ajtui.base.safetext import CONTROL

SECTION = re.compile(
    r"(?P<num>\d+\.(?= ))? *(?P<kw>ametijuhend|üldosa|uldosa|eesmärk|eesmark|ülesanded|"
    r"ulesanded|õigused|oigused|vastutus|töövahendid|toovahendid|nõuded|nouded|muutmine|"
    r"allkirjad|käskkiri|kaskkiri|register|osa)(?=[ :]|$)(?P<colon> *:)?(?P<title>.*)$",
    re.IGNORECASE,
)
DUTYNUM = re.compile(r"\d+(?:\.\d+)+\.?(?= |$)")
KEY = re.compile(r"(?P<key>[^\s#:\-][^:]*?)(?P<colon> *:)(?= |$)")
COMPETENCIES = re.compile(r"(?P<kw>kompetentsid|lisakompetentsid)(?P<colon> *:)", re.IGNORECASE)
FIELD_SECTIONS = {
    "ametijuhend",
    "üldosa",
    "uldosa",
    "allkirjad",
    "käskkiri",
    "kaskkiri",
    "register",
}
#: A field stated in a `> ` statement: its key (the first `{key: value}`).
STATED = re.compile(r"\{ *(?P<key>[^{}:\n]*[^{}:\s]) *:")
DUTY_SECTIONS = {"ülesanded", "ulesanded"}
REQUIREMENT_SECTIONS = {"nõuded", "nouded"}

Span = tuple[int, int, str]


def _visible(ch: str) -> str:
    """A control character as a one-cell picture (␛ for ESC …)."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def show_controls(line: str) -> str:
    return CONTROL.sub(lambda m: _visible(m.group()), line) if CONTROL.search(line) else line


@dataclass
class _State:
    kind: str = ""  # the current section's keyword, lower case
    base: int = 0  # the indentation of the section's entries (0: not seen yet)
    competencies: bool = False

    def key(self) -> tuple[str, int, bool]:
        return (self.kind, self.base, self.competencies)


def scan_line(line: str, state: _State) -> list[Span]:
    """Highlight spans (character offsets) for one line; updates `state`."""
    stripped = line.lstrip(" ")
    if not stripped:
        return []
    indent = len(line) - len(stripped)
    if stripped.startswith("#"):
        return [(indent, len(line), "aj.comment")]
    spans: list[Span] = []
    if indent == 0:
        m = SECTION.match(line)
        state.kind, state.base, state.competencies = "", 0, False
        if not m:
            return []
        state.kind = m["kw"].lower()
        if m["num"]:
            spans.append((m.start("num"), m.end("num"), "aj.number"))
        spans.append((m.start("kw"), m.end("kw"), "aj.keyword"))
        if m["colon"]:
            spans.append((m.end("colon") - 1, m.end("colon"), "aj.punct"))
        if m["title"].strip():
            spans.append((m.start("title"), m.end("title"), "aj.title"))
        return spans
    if not state.base:
        state.base = indent
    at_base = indent == state.base
    if stripped == "-" or stripped.startswith("- "):
        spans.append((indent, indent + 1, "aj.marker"))
        return spans
    if not at_base:
        if state.competencies and indent > state.base and stripped.rstrip().endswith(":"):
            spans.append((indent, len(line.rstrip()) - 1, "aj.key"))
        return spans
    kind = state.kind
    if kind in DUTY_SECTIONS:
        m = DUTYNUM.match(stripped)
        if m:
            spans.append((indent, indent + m.end(), "aj.number"))
        return spans
    if kind in REQUIREMENT_SECTIONS:
        m = COMPETENCIES.match(stripped)
        if m:
            state.competencies = True
            spans.append((indent, indent + m.end("kw"), "aj.keyword"))
            spans.append((indent + m.end("colon") - 1, indent + m.end("colon"), "aj.punct"))
            if stripped[m.end() :].strip():
                spans.append((indent + m.end(), len(line), "aj.title"))
            return spans
        state.competencies = False
    if (kind in FIELD_SECTIONS or kind in REQUIREMENT_SECTIONS) and (
        stripped == ">" or stripped.startswith("> ")
    ):
        spans.append((indent, indent + 1, "aj.marker"))
        m = STATED.search(stripped)
        if m:
            spans.append((indent + m.start("key"), indent + m.end("key"), "aj.key"))
        return spans
    if kind in FIELD_SECTIONS or kind in REQUIREMENT_SECTIONS:
        m = KEY.match(stripped)
        if m:
            spans.append((indent, indent + m.end("key"), "aj.key"))
            spans.append((indent + m.end("colon") - 1, indent + m.end("colon"), "aj.punct"))
    return spans


def scan(lines: list[str]) -> dict[int, list[Span]]:
    state = _State()
    out: dict[int, list[Span]] = {}
    for i, line in enumerate(lines):
        spans = scan_line(line, state)
        if spans:
            out[i] = spans
    return out


def to_bytes(line: str, spans: list[Span]) -> list[tuple[int, int | None, str]]:
    """Character offsets -> UTF-8 byte offsets, as TextArea's highlight map wants them."""
    if line.isascii():
        return [(a, b, name) for a, b, name in spans]
    starts = [0]
    for ch in line:
        starts.append(starts[-1] + len(ch.encode("utf-8")))
    return [(starts[a], starts[min(b, len(line))], name) for a, b, name in spans]


def make_theme(app) -> TextAreaTheme:
    """Syntax styles from the app's current Textual theme."""
    from ajtui.tui.style import color

    def st(name: str, **kw) -> Style:
        c = color(app, name)
        return Style(color=c or None, **kw)

    return TextAreaTheme(
        name="ajtui",
        syntax_styles={
            "aj.keyword": st("primary", bold=True),
            "aj.title": Style(bold=True),
            "aj.number": st("accent", bold=True),
            "aj.key": st("secondary"),
            "aj.marker": st("accent", bold=True),
            "aj.comment": st("foreground-muted", italic=True),
            "aj.punct": st("foreground-muted"),
            "aj.error": Style(underline=True, color=color(app, "error") or None),
            "aj.warning": Style(underline=True),
        },
    )


ByteSpan = tuple[int, int | None, str]


class _Wrapped(WrappedDocument):
    """TextArea's wrapped document, its height read from the list of visual lines that it
    keeps anyway (one entry per visual line), instead of a sum over all lines."""

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)


class _Highlights:
    """TextArea's highlight map, read one drawn line at a time: the line's scanned spans
    and its diagnostic mark (nothing is built for the lines that are not drawn)."""

    def __init__(self, area: AjTextArea) -> None:
        self.area = area

    def __bool__(self) -> bool:
        return True

    def __getitem__(self, row: int) -> list[ByteSpan]:
        spans = self.area._spans
        line: list[ByteSpan] = spans[row] if 0 <= row < len(spans) else []
        kind = self.area.marks.get(row)
        return [*line, (0, None, f"aj.{kind}")] if kind else line

    def clear(self) -> None:
        pass


class AjTextArea(TextArea):
    """The .aj editor widget."""

    def __init__(self, text: str = "", **kw) -> None:
        kw.setdefault("show_line_numbers", True)
        kw.setdefault("soft_wrap", True)
        kw.setdefault("tab_behavior", "focus")
        #: line index (0-based) -> "error" | "warning"
        self.marks: dict[int, str] = {}
        self._mark_styles: dict[str, Style] = {}
        #: the lines as last scanned, each line's byte spans, the scanner's state before
        #: each line (one more: the state after the last)
        self._scanned: list[str] = []
        self._spans: list[list[ByteSpan]] = []
        self._states: list[tuple[str, int, bool]] = [_State().key()]
        self._text: str | None = None
        #: what the document was last wrapped for (width, tab width, document, wrapping)
        self._wrapped_for: tuple = ()
        #: the part of the line cache's key shared by all lines of one drawing
        self._frame_key: tuple | None = None
        #: the height when the text was last wrapped or resized
        self._height = 0
        super().__init__(text, **kw)
        self._highlights = _Highlights(self)  # type: ignore[assignment]  # read by row only

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        self.wrapped_document.__class__ = _Wrapped  # same state, a cheaper `height`

    def on_mount(self) -> None:
        self._use_app_theme()

    def _use_app_theme(self) -> None:
        from ajtui.tui.style import color

        self.register_theme(make_theme(self.app))
        self._mark_styles = {
            "error": Style(
                color=color(self.app, "background") or None,
                bgcolor=color(self.app, "error") or None,
                bold=True,
            ),
            "warning": Style(
                color=color(self.app, "background") or None,
                bgcolor=color(self.app, "warning") or None,
            ),
        }
        self.theme = "ajtui"
        self._line_cache.clear()  # the lines drawn in the old theme's colours

    def _app_theme_changed(self) -> None:
        self._use_app_theme()
        super()._app_theme_changed()

    def set_marks(self, marks: dict[int, str]) -> None:
        """Mark lines (0-based) as having an error or a warning. Only the lines whose mark
        changed are drawn again (each drawn line is cached under its own mark)."""
        if marks == self.marks:
            return
        changed = {
            row for row in marks.keys() | self.marks.keys() if marks.get(row) != self.marks.get(row)
        }
        self.marks = dict(marks)
        self._refresh_lines(changed)

    def _refresh_lines(self, rows: set[int]) -> None:
        """Ask for the visible rows of these document lines to be drawn again."""
        info = self.wrapped_document._offset_to_line_info
        top = self.scroll_offset.y
        height = self.size.height
        width = self.size.width
        dirty = [
            Region(0, y, width, 1)
            for y in range(height)
            if 0 <= top + y < len(info) and info[top + y] is not None and info[top + y][0] in rows
        ]
        if dirty:
            self.refresh(*dirty)

    # --- highlighting ---------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The whole text, joined once after each change (TextArea joins it again for
        every line it draws)."""
        if self._text is None:
            self._text = self.document.text
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def _build_highlight_map(self) -> None:
        """Called by TextArea after every edit, undo, redo and load: rescan what changed.
        The drawn lines stay cached: each is keyed by its own text and spans."""
        self._text = None
        self._rescan()

    def _rescan(self) -> None:
        new = self.document.lines
        old = self._scanned
        n_old, n_new = len(old), len(new)
        # An edit replaces a run of lines; the lines around it are the same objects
        # (compared in C: a long file costs microseconds here).
        common = min(n_old, n_new)
        first = next(compress(count(), map(is_not, old, new)), common)
        if first == n_old == n_new:
            return
        tail = islice(map(is_not, reversed(old), reversed(new)), common - first)
        same_tail = next(compress(count(), tail), common - first)
        shift = n_old - n_new
        states = self._states
        state = _State(*states[first])
        new_states: list[tuple[str, int, bool]] = []
        new_spans: list[list[ByteSpan]] = []
        row = first
        while row < n_new:
            key = state.key()
            if row >= n_new - same_tail and states[row + shift] == key:
                break  # an unchanged line in the state it had: the rest is as it was
            new_states.append(key)
            shown = show_controls(new[row])
            new_spans.append(to_bytes(shown, scan_line(shown, state)))
            row += 1
        if row < n_new:
            tail_states, tail_spans = states[row + shift :], self._spans[row + shift :]
        else:
            tail_states, tail_spans = [state.key()], []
        self._states = states[:first] + new_states + tail_states
        self._spans = self._spans[:first] + new_spans + tail_spans
        self._scanned = list(new)  # the document changes its list in place

    # --- drawing ----------------------------------------------------------------------------

    def _rewrap_and_refresh_virtual_size(self) -> None:
        """TextArea wraps the whole document again on every resize (and forgets every drawn
        line); a change of height alone (the problems below the text grew or shrank)
        changes neither the wrapping nor a line's drawing."""
        wrapped = self.wrapped_document
        layout = (self.wrap_width, self.indent_width, id(self.document), id(wrapped))
        height, self._height = self._height, self.size.height
        if layout == self._wrapped_for and wrapped._width == self.wrap_width:
            self._refresh_size()
        else:
            self._wrapped_for = layout
            super()._rewrap_and_refresh_virtual_size()
        # a cursor that was in view stays in view when the text area gets shorter (the
        # problem's detail shows under it as the key that made the problem is typed)
        top, cursor = self.scroll_offset.y, self._cursor_offset[1]
        if 0 < self._height < height and top <= cursor < top + height:
            self.scroll_cursor_visible()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_key = None  # worked out once per drawing, on the first line asked for
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """A line of the text, from the cache when nothing it shows has changed.

        TextArea keys its cache on the widget's size and, with soft wrapping, on the cursor
        and the selection: every key press and every change of height drew every visible
        line again (most of a frame's time). Here each visual line is keyed by what it
        shows: its document line's text, spans and mark, the cursor and the selection only
        where they touch it, and what all lines share (widths, theme, focus)."""
        if not self.soft_wrap or (self.placeholder and not self.text):
            return super().render_line(y)
        try:
            info = self.wrapped_document._offset_to_line_info[y + self.scroll_offset.y]
        except IndexError:
            info = None
        if info is None:
            return super().render_line(y)
        row, section = info
        if self._frame_key is None:
            self._frame_key = self._shared_key()
        key = (self._frame_key, row, section, self.document.get_line(row), *self._row_key(row))
        cached = self._line_cache.get(key)
        if cached is None:
            cached = self._line_cache[key] = self._render_line(y)
        return cached

    def _shared_key(self) -> tuple:
        """What every line's drawing depends on."""
        return (
            "aj",
            self.scrollable_content_region.width,
            self.gutter_width,
            self.wrap_width,
            self.indent_width,
            self.theme,
            id(self._theme),
            self.show_line_numbers,
            self.line_number_start,
            self.highlight_cursor_line,
            self._has_cursor,
            self.match_cursor_bracket,
            self.has_focus,
            self.read_only,
            self.rich_style,
        )

    def _row_key(self, row: int) -> tuple:
        """What one document line's drawing depends on besides its text."""
        spans = self._spans[row] if 0 <= row < len(self._spans) else ()
        start, end = self.selection
        cursor_row, cursor_column = end
        top, bottom = sorted((start, end))
        selected = (top, bottom) if start != end and top[0] <= row <= bottom[0] else None
        # the cursor's line only: the blinking cursor draws that line alone again
        cursor = (cursor_column, self._draw_cursor, self.suggestion) if cursor_row == row else None
        bracket = self._matching_bracket_location
        if bracket is not None and row not in (bracket[0], cursor_row):
            bracket = None
        return (tuple(spans), self.marks.get(row), selected, cursor, bracket, start == end)

    def get_line(self, line_index: int) -> Text:
        return Text(show_controls(self.document.get_line(line_index)), end="", no_wrap=True)

    def _render_line(self, y: int) -> Strip:
        strip = super()._render_line(y)
        if not self.marks or not self.show_line_numbers:
            return strip
        try:
            info = self.wrapped_document._offset_to_line_info[y + self.scroll_offset.y]
        except (IndexError, AttributeError):
            return strip
        if info is None:
            return strip
        line_index, section = info
        kind = self.marks.get(line_index)
        if kind is None or section != 0:
            return strip
        mark = self._mark_styles.get(kind)
        if mark is None:
            return strip
        width = self.gutter_width
        gutter = strip.crop(0, width - 1)
        rest = strip.crop(width - 1)
        gutter = Strip(
            [Segment(text, (style or Style()) + mark, control) for text, style, control in gutter],
            gutter.cell_length,
        )
        return Strip.join([gutter, rest])
