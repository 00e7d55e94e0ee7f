"""A TextArea for .aj text: highlighting from a line scan of the format, diagnostics
marked at their lines, control characters shown as visible symbols.

There is no tree-sitter grammar for .aj, so `_build_highlight_map` is replaced: the
format is line-oriented, and one pass over the lines finds section keywords, numbers,
field keys, item marks and comments. TextArea's highlight map takes UTF-8 *byte* offsets
(Estonian õ ä ö ü š ž are two bytes each); `scan_line` works in characters and
`to_bytes` converts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
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


class AjTextArea(TextArea):
    """The .aj editor widget."""

    def __init__(self, text: str = "", **kw) -> None:
        kw.setdefault("show_line_numbers", True)
        kw.setdefault("soft_wrap", True)
        kw.setdefault("tab_behavior", "focus")
        #: line index (0-based) -> "error" | "warning"
        self.marks: dict[int, str] = {}
        self._mark_styles: dict[str, Style] = {}
        super().__init__(text, **kw)

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

    def _app_theme_changed(self) -> None:
        self._use_app_theme()
        super()._app_theme_changed()

    def set_marks(self, marks: dict[int, str]) -> None:
        if marks == self.marks:
            return
        self.marks = dict(marks)
        self._build_highlight_map()
        self.refresh()

    # --- highlighting ---------------------------------------------------------------------

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        lines = [show_controls(line) for line in self.document.lines]
        for i, spans in scan(lines).items():
            highlights[i].extend(to_bytes(lines[i], spans))
        for i, kind in self.marks.items():
            if 0 <= i < len(lines):
                highlights[i].append((0, None, f"aj.{kind}"))

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
