"""Styled text laid out in terminal cells, as Rich lays out its `Text` — without Rich.

The one-file commands (`aj show`, `aj diff A B`, `aj git-diff`) must start within 4× the
interpreter's own start-up; importing Rich alone costs more than that. This module and
`ajtui.present.blocks` reproduce the part of Rich's layout that ajtui's views use, cell for
cell and style for style (tests/test_present_layout.py compares them with Rich on real
descriptions), and the app still draws the same objects through Rich's protocol.

A `Text` is a plain string, a base style and spans `(start, end, style)`; a style is a Rich
style string ("bold", "bold white on red3"). Styles that apply together are joined with a
space in the order they apply, which Rich's `Style.parse` reads as their sum (a later colour
wins; attributes add up). A rendered line is a list of runs `(text, style)`.
"""

from __future__ import annotations

import re

Run = tuple  # (text: str, style: str)

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")

# Characters one cell wide, each its own grapheme: Rich's own fast set plus punctuation
# descriptions use (dashes, quotes, arrows, bullets, ⋯, ⟨⟩), checked against Rich in tests.
# Any other character makes the measure fall back to Rich's grapheme tables.
_SINGLE = frozenset(
    chr(c)
    for lo, hi in (
        (0x20, 0x7E),
        (0xA0, 0xAC),
        (0xAE, 0x2FF),
        (0x370, 0x482),
        (0x2010, 0x2027),
        (0x2030, 0x205E),
        (0x2190, 0x21FF),
        (0x2200, 0x22FF),
        (0x2500, 0x25FC),
        (0x27E8, 0x27EB),
        (0x2800, 0x28FF),
    )
    for c in range(lo, hi + 1)
)
_single = _SINGLE.issuperset


def cell_len(text: str) -> int:
    """Terminal cells `text` takes."""
    if text.isascii() and text.isprintable() or _single(text):
        return len(text)
    from rich.cells import cell_len as rich_len

    return rich_len(text)


def chop_cells(text: str, width: int) -> list[str]:
    """`text` cut into pieces of at most `width` cells."""
    if _single(text):
        return [text[i : i + width] for i in range(0, len(text), width)]
    from rich.cells import chop_cells as rich_chop

    return rich_chop(text, width)


def set_cell_size(text: str, total: int) -> str:
    """`text` cropped or padded with spaces to `total` cells."""
    if _single(text):
        size = len(text)
        return text + " " * (total - size) if size < total else text[:total]
    from rich.cells import set_cell_size as rich_set

    return rich_set(text, total)


def join_styles(*styles: str) -> str:
    """Styles applied in this order, as one style string."""
    return " ".join(s for s in styles if s)


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break `text` to fit `width` cells: Rich's word wrap (a word is its
    whitespace-led run; a word longer than the line is folded when `fold`)."""
    breaks: list[int] = []
    offset = 0
    size = len if text.isascii() and text.isprintable() or _single(text) else cell_len
    for match in _WORD.finditer(text):
        start = match.start()
        word = match.group(0)
        word_length = size(word.rstrip())
        if width - offset >= word_length:
            offset += size(word)
        elif word_length > width:
            if fold:
                pieces = chop_cells(word, width)
                for n, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if n == len(pieces) - 1:
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = size(word)
    return breaks


class Text:
    """Rich's `Text`, the part ajtui uses."""

    __slots__ = ("plain", "style", "spans", "justify")

    def __init__(self, text: str = "", style: str = "", justify: str | None = None) -> None:
        self.plain = text
        self.style = style
        self.spans: list[tuple[int, int, str]] = []
        self.justify = justify

    def __len__(self) -> int:
        return len(self.plain)

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Text({self.plain!r}, {self.style!r})"

    @classmethod
    def assemble(cls, *parts: str | Text | tuple[str, str]) -> Text:
        out = cls()
        for part in parts:
            if isinstance(part, tuple):
                out.append(*part)
            else:
                out.append(part)
        return out

    def copy(self) -> Text:
        out = Text(self.plain, self.style, self.justify)
        out.spans = self.spans[:]
        return out

    def append(self, text: str | Text, style: str = "") -> Text:
        offset = len(self.plain)
        if isinstance(text, Text):
            if text.style:
                self.spans.append((offset, offset + len(text.plain), text.style))
            self.spans.extend((offset + s, offset + e, st) for s, e, st in text.spans)
            self.plain += text.plain
            return self
        if text:
            if style:
                self.spans.append((offset, offset + len(text), style))
            self.plain += text
        return self

    def __add__(self, other: str | Text) -> Text:
        return self.copy().append(other)

    def stylize(self, style: str, start: int = 0, end: int | None = None) -> None:
        length = len(self.plain)
        end = length if end is None else min(end, length)
        if style and start < end:
            self.spans.append((start, end, style))

    def __getitem__(self, part: slice) -> Text:
        start, stop, step = part.indices(len(self.plain))
        if step != 1:
            raise TypeError("slices with step != 1 are not supported")
        out = Text(self.plain[start:stop], self.style, self.justify)
        out.spans = [
            (max(s, start) - start, min(e, stop) - start, st)
            for s, e, st in self.spans
            if s < stop and e > start
        ]
        return out

    def __rich_console__(self, console, options):  # the app draws it through Rich
        o = options
        return rich_segments(self.lines(o.max_width, o.justify, o.overflow, bool(o.no_wrap)))

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement(*self.measure())

    def measure(self, opts: object = None) -> tuple[int, int]:
        """(the widest word, the widest line) in cells: Rich's measure of a text."""
        lines = self.plain.splitlines()
        widest = max((cell_len(line) for line in lines), default=0)
        words = self.plain.split()
        return (max((cell_len(w) for w in words), default=widest), widest)

    # --- layout ---------------------------------------------------------------------------

    def _line(self, start: int, end: int, pad: str = "", lead: str = "") -> list[Run]:
        """The runs of plain[start:end] (with `lead` and `pad` spaces around it, in the
        base style, as Rich's justification adds them)."""
        base = self.style
        text = lead + self.plain[start:end] + pad
        shift = len(lead) - start
        spans = [
            (max(s + shift, len(lead)), min(e + shift, len(lead) + end - start), n, st)
            for n, (s, e, st) in enumerate(self.spans)
            if s < end and e > start
        ]
        spans = [sp for sp in spans if sp[0] < sp[1]]
        if not spans:
            return [(text, base)] if text else []
        cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
        runs: list[Run] = []
        for a, b in zip(cuts, cuts[1:]):
            if a >= b:
                continue
            on = [st for s, e, _, st in spans if s <= a and e >= b]
            runs.append((text[a:b], join_styles(base, *on)))
        return runs

    def lines(
        self,
        width: int,
        justify: str | None = None,
        overflow: str | None = None,
        no_wrap: bool = False,
    ) -> list[list[Run]]:
        """The text wrapped to `width` cells (Rich's `Text.wrap` then its render): each
        author's line broken at words; 'left' pads each line to the width, 'center'
        centres it; lines are never longer than `width`."""
        justify = self.justify or justify or "default"
        overflow = overflow or "fold"
        out: list[list[Run]] = []
        plain = self.plain
        starts = [0]
        if "\n" in plain:
            starts.extend(m.end() for m in re.finditer("\n", plain))
        for n, line_start in enumerate(starts):
            line_end = starts[n + 1] - 1 if n + 1 < len(starts) else len(plain)
            para = plain[line_start:line_end]
            if "\t" in para:
                raise ValueError("tabs are not laid out (expand them first)")
            if no_wrap and overflow == "ignore":  # Rich's soft wrap: the line as it is
                out.append(self._line(line_start, line_end))
                continue
            if no_wrap:
                ranges = [(line_start, line_end)]
            else:
                offsets = [line_start + o for o in divide_line(para, width, overflow == "fold")]
                bounds = [line_start, *offsets, line_end]
                ranges = list(zip(bounds, bounds[1:]))
            for a, b in ranges:
                # rstrip_end: trailing space dropped only as far as the line is too long
                if not no_wrap and b - a > width:
                    m = _TRAILING_SPACE.search(plain, a, b)
                    if m is not None:
                        b -= min(b - m.start(), b - a - width)
                out.append(self._fit(a, b, width, justify, overflow))
        return out

    def _fit(self, a: int, b: int, width: int, justify: str, overflow: str) -> list[Run]:
        text = self.plain[a:b]
        if justify in ("center", "right"):
            stripped = text.rstrip()
            b = a + len(stripped)
            text = stripped
        length = cell_len(text)
        if length > width:
            if overflow == "ellipsis":
                # the ellipsis takes the styles of the character it replaces
                kept = set_cell_size(text, width - 1)
                runs = self._line(a, a + len(kept) + 1)
                if not runs:
                    return [("…", self.style)]
                return _retext(runs, kept + "…")
            kept = set_cell_size(text, width)
            return _retext(self._line(a, a + len(kept)), kept)
        if justify == "left":
            return self._line(a, b, " " * (width - length))
        if justify == "center":
            left = (width - length) // 2
            return self._line(a, b, " " * (width - length - left), " " * left)
        if justify == "right":
            return self._line(a, b, "", " " * (width - length))
        return self._line(a, b)


def _retext(runs: list[Run], text: str) -> list[Run]:
    """The runs with their characters replaced, position by position, by `text` (Rich
    crops a wide character to spaces, which keep the styles of where they stand)."""
    out: list[Run] = []
    at = 0
    for part, style in runs:
        piece = text[at : at + len(part)]
        at += len(part)
        if piece:
            out.append((piece, style))
    return out


def rich_segments(lines: list[list[Run]]):
    """Lines as Rich segments, for the app (styles parsed once per string)."""
    from rich.segment import Segment

    line_end = Segment.line()
    for line in lines:
        for text, style in line:
            yield Segment(text, _rich_style(style) if style else None)
        yield line_end


_STYLES: dict = {}


def _rich_style(style: str):
    found = _STYLES.get(style)
    if found is None:
        from rich.style import Style

        found = _STYLES[style] = Style.parse(style)
    return found
