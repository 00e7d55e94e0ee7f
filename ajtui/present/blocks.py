"""Blocks laid out in terminal cells as Rich lays out its `Group`, `Padding` and `Table` —
without Rich (see `ajtui.present.styled` for why, and for `Text`).

Each block gives its lines at a width (`render`) and its narrowest and widest useful width
(`measure`), by Rich's rules, so that `aj show` and `aj diff` print without importing Rich
what they printed through it. The app hands the same objects to Rich: each block is also a
Rich renderable (`__rich_console__`, `__rich_measure__`), drawn from the same lines.
"""

from __future__ import annotations

from ajtui.present.styled import (
    Run,
    Text,
    _single,
    cell_len,
    join_styles,
    rich_segments,
    set_cell_size,
)

Line = list  # of Run


class Options:
    """What a block is laid out with: Rich's `ConsoleOptions`, the part used here."""

    __slots__ = ("width", "justify", "overflow", "no_wrap", "ascii_only")

    def __init__(
        self,
        width: int,
        justify: str | None = None,
        overflow: str | None = None,
        no_wrap: bool = False,
        ascii_only: bool = False,
    ) -> None:
        self.width = width
        self.justify = justify
        self.overflow = overflow
        self.no_wrap = no_wrap
        self.ascii_only = ascii_only

    def at(self, width: int) -> Options:
        return Options(width, self.justify, self.overflow, self.no_wrap, self.ascii_only)


# --- Rich's arithmetic --------------------------------------------------------------------------


def ratio_distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    if minimums:
        ratios = [r if m else 0 for r, m in zip(ratios, minimums)]
    total_ratio = sum(ratios)
    remaining = total
    out: list[int] = []
    mins = minimums or [0] * len(ratios)
    for ratio, minimum in zip(ratios, mins):
        if total_ratio > 0:
            share = max(minimum, -((-ratio * remaining) // total_ratio))
        else:
            share = remaining
        out.append(share)
        total_ratio -= ratio
        remaining -= share
    return out


def ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out: list[int] = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _normalize(m: tuple[int, int]) -> tuple[int, int]:
    lo, hi = m
    lo = min(max(0, lo), hi)
    return (max(0, lo), max(0, max(lo, hi)))


def measure(block, opts: Options) -> tuple[int, int]:
    """Rich's `Measurement.get`."""
    width = opts.width
    if width < 1:
        return (0, 0)
    if isinstance(block, str):
        block = Text(block)
    lo, hi = _normalize(block.measure(opts))
    lo, hi = min(lo, width), min(hi, width)
    if hi < 1:
        return (0, 0)
    return _normalize((lo, hi))


def render(block, opts: Options) -> list[Line]:
    """The block's lines at `opts.width` (a line may be shorter: Rich pads only where a
    container asks)."""
    if opts.width < 1:
        return []  # Rich's console renders nothing in no room
    if isinstance(block, str):
        block = Text(block)
    if isinstance(block, Text):
        return block.lines(opts.width, opts.justify, opts.overflow, opts.no_wrap)
    return block.render(opts)


def fit(line: Line, width: int, style: str = "", pad: bool = True) -> Line:
    """Rich's `Segment.adjust_line_length`: cropped to `width` cells, padded with spaces in
    `style` when shorter."""
    joined = "".join([t for t, _ in line])
    if joined.isascii() and joined.isprintable() or _single(joined):
        length = len(joined)
    else:  # measured run by run, as Rich measures segments
        length = sum(cell_len(t) for t, _ in line)
    if length < width:
        return line + [(" " * (width - length), style)] if pad else line[:]
    if length == width:
        return line
    out: Line = []
    length = 0
    for text, st in line:
        n = cell_len(text)
        if length + n < width:
            out.append((text, st))
            length += n
        else:
            out.append((set_cell_size(text, width - length), st))
            break
    return out


def render_lines(block, opts: Options, style: str = "", pad: bool = True) -> list[Line]:
    """Rich's `Console.render_lines`: the lines with `style` under their own, each
    `opts.width` cells wide."""
    lines = render(block, opts)
    if style:
        lines = [[(t, f"{style} {st}" if st else style) for t, st in line] for line in lines]
    if _exact(block, opts):
        return lines
    return [fit(line, opts.width, style, pad) for line in lines]


def _exact(block, opts: Options) -> bool:
    """Whether the block's lines are already `opts.width` cells (a justified text, a
    padding spread over the width): no need to measure them again."""
    if isinstance(block, Text):
        return (block.justify or opts.justify) in ("left", "center", "right")
    return isinstance(block, Padding) and block.expand


class Block:
    """A block also drawn by Rich (the app): from the same lines."""

    def render(self, opts: Options) -> list[Line]:
        raise NotImplementedError

    def measure(self, opts: Options) -> tuple[int, int]:
        raise NotImplementedError

    def __rich_console__(self, console, options):
        return rich_segments(self.render(_options_of(options)))

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement(*self.measure(_options_of(options)))


def _options_of(options) -> Options:
    return Options(
        options.max_width,
        options.justify,
        options.overflow,
        bool(options.no_wrap),
        options.ascii_only,
    )


# --- the blocks ---------------------------------------------------------------------------------


class Group(Block):
    """Blocks one under the other."""

    def __init__(self, *blocks) -> None:
        self.renderables = list(blocks)

    def render(self, opts: Options) -> list[Line]:
        out: list[Line] = []
        for b in self.renderables:
            out.extend(render(b, opts))
        return out

    def measure(self, opts: Options) -> tuple[int, int]:
        if not self.renderables:
            return (0, 0)
        ms = [measure(b, opts) for b in self.renderables]
        return (max(m[0] for m in ms), max(m[1] for m in ms))


def _unpack(pad) -> tuple[int, int, int, int]:
    if isinstance(pad, int):
        return (pad, pad, pad, pad)
    if len(pad) == 1:
        return (pad[0],) * 4
    if len(pad) == 2:
        return (pad[0], pad[1], pad[0], pad[1])
    if len(pad) == 4:
        return (pad[0], pad[1], pad[2], pad[3])
    raise ValueError(f"padding takes 1, 2 or 4 numbers, not {len(pad)}")


class Padding(Block):
    """Space around a block: (top, right, bottom, left), CSS order."""

    def __init__(self, block, pad=(0, 0, 0, 0), *, style: str = "", expand: bool = True) -> None:
        self.block = block
        self.top, self.right, self.bottom, self.left = _unpack(pad)
        self.style = style
        self.expand = expand

    def render(self, opts: Options) -> list[Line]:
        if self.expand:
            width = opts.width
        else:
            width = min(measure(self.block, opts)[1] + self.left + self.right, opts.width)
        inner = render_lines(self.block, opts.at(width - self.left - self.right), self.style)
        left = [(" " * self.left, self.style)] if self.left else []
        right = [(" " * self.right, self.style)] if self.right else []
        blank: Line = [(" " * width, self.style)]
        out = [blank[:] for _ in range(self.top)]
        out.extend(left + line + right for line in inner)
        out.extend(blank[:] for _ in range(self.bottom))
        return out

    def measure(self, opts: Options) -> tuple[int, int]:
        extra = self.left + self.right
        if opts.width - extra < 1:
            return (opts.width, opts.width)
        lo, hi = measure(self.block, opts)
        return (min(lo + extra, opts.width), min(hi + extra, opts.width))


class Box:
    """Rich's box characters: eight lines of four (top, head, head row, mid, row, foot
    row, foot, bottom)."""

    def __init__(self, chars: str, ascii: bool = False) -> None:
        self.lines = chars.splitlines()
        self.ascii = ascii

    def edge(self, n: int, widths: list[int], edge: bool = True) -> str:
        chars = self.lines[n]
        left, horizontal, cross, right = chars[0], chars[1], chars[2], chars[3]
        if n in (1, 3, 6):  # the lines of cells: no horizontal
            horizontal = " "
        middle = cross.join(horizontal * w for w in widths)
        return left + middle + right if edge else middle


ASCII = Box("+--+\n| ||\n|-+|\n| ||\n|-+|\n|-+|\n| ||\n+--+", ascii=True)
SQUARE = Box("┌─┬┐\n│ ││\n├─┼┤\n│ ││\n├─┼┤\n├─┼┤\n│ ││\n└─┴┘")
SIMPLE_HEAD = Box("    \n    \n ── \n    \n    \n    \n    \n    ")


class Column:
    __slots__ = (
        "header",
        "style",
        "header_style",
        "justify",
        "overflow",
        "width",
        "ratio",
        "no_wrap",
        "index",
        "cells",
    )

    def __init__(
        self,
        header="",
        *,
        style: str = "",
        header_style: str = "",
        justify: str = "left",
        overflow: str = "ellipsis",
        width: int | None = None,
        ratio: int | None = None,
        no_wrap: bool = False,
    ) -> None:
        self.header = header
        self.style = style
        self.header_style = header_style
        self.justify = justify
        self.overflow = overflow
        self.width = width
        self.ratio = ratio
        self.no_wrap = no_wrap
        self.index = 0
        self.cells: list = []


class Table(Block):
    """Rich's `Table` with the options ajtui uses (no footer, title, row styles)."""

    def __init__(
        self,
        *,
        box: Box | None = None,
        show_header: bool = True,
        show_edge: bool = True,
        show_lines: bool = False,
        expand: bool = False,
        width: int | None = None,
        padding=(0, 1),
        pad_edge: bool = True,
        header_style: str = "bold",
    ) -> None:
        self.box = box
        self.show_header = show_header
        self.show_edge = show_edge
        self.show_lines = show_lines
        self.expand = expand
        self.width = width
        self.padding = _unpack(padding)
        self.pad_edge = pad_edge
        self.header_style = header_style
        self.columns: list[Column] = []
        self.rows = 0

    @classmethod
    def grid(cls, *, expand: bool = False, padding=0, pad_edge: bool = False) -> Table:
        return cls(
            box=None,
            show_header=False,
            show_edge=False,
            expand=expand,
            padding=padding,
            pad_edge=pad_edge,
        )

    def add_column(self, header="", **kw) -> None:
        col = Column(header, **kw)
        col.index = len(self.columns)
        col.cells = [""] * self.rows
        self.columns.append(col)

    def add_row(self, *cells) -> None:
        if len(cells) > len(self.columns):
            raise ValueError("more cells than columns")
        for col, cell in zip(self.columns, list(cells) + [""] * (len(self.columns) - len(cells))):
            col.cells.append(cell)
        self.rows += 1

    # --- widths ---

    @property
    def _extra_width(self) -> int:
        if not self.box:
            return 0
        return (2 if self.show_edge else 0) + len(self.columns) - 1

    def _pad_width(self, index: int) -> int:
        _, right, _, left = self.padding
        if not self.pad_edge:
            if index == 0:
                left = 0
            if index == len(self.columns) - 1:
                right = 0
        return left + right

    def _cells(self, col: Column) -> list[tuple[str, object]]:
        """(style, the cell in its padding) of each cell of the column, header first."""
        top, right, bottom, left = self.padding
        first_col = col.index == 0
        last_col = col.index == len(self.columns) - 1
        raw = []
        if self.show_header:
            raw.append((join_styles(self.header_style, col.header_style), col.header))
        raw.extend((col.style, cell) for cell in col.cells)
        out: list[tuple[str, object]] = []
        for n, (style, cell) in enumerate(raw):
            t, r, b, lf = top, right, bottom, left
            if not self.pad_edge:
                if first_col:
                    lf = 0
                if last_col:
                    r = 0
                if n == 0:
                    t = 0
                if n == len(raw) - 1:
                    b = 0
            if t or r or b or lf:
                out.append((style, Padding(cell, (t, r, b, lf))))
            else:  # no padding: the cell as it is lays out the same
                out.append((style, cell))
        return out

    def _measure_column(self, opts: Options, col: Column) -> tuple[int, int]:
        width = opts.width
        if width < 1:
            return (0, 0)
        pad = self._pad_width(col.index)
        if col.width is not None:
            return (min(col.width + pad, width), min(col.width + pad, width))
        ms = [measure(cell, opts) for _, cell in self._cells(col)]
        lo = max((m[0] for m in ms), default=1)
        hi = max((m[1] for m in ms), default=width)
        return (min(lo, width), min(hi, width))

    def _column_widths(self, opts: Options) -> list[int]:
        max_width = opts.width
        columns = self.columns
        ratios = [c.ratio or 0 for c in columns if c.ratio is not None]
        flexible = self.expand and any(ratios)
        # a flexible column's measure is not used when the table spreads by ratios
        ranges = [
            (0, 0) if flexible and c.ratio is not None else self._measure_column(opts, c)
            for c in columns
        ]
        widths = [r[1] or 1 for r in ranges]
        if flexible:  # expanded, and some column has a ratio
            fixed = [0 if c.ratio is not None else r[1] for r, c in zip(ranges, columns)]
            minimums = [
                (c.width or 1) + self._pad_width(c.index) for c in columns if c.ratio is not None
            ]
            flex = iter(ratio_distribute(max_width - sum(fixed), ratios, minimums))
            for i, c in enumerate(columns):
                if c.ratio is not None:
                    widths[i] = fixed[i] + next(flex)
        table_width = sum(widths)
        if table_width > max_width:
            widths = _collapse(
                widths, [c.width is None and not c.no_wrap for c in columns], max_width
            )
            table_width = sum(widths)
            if table_width > max_width:
                excess = table_width - max_width
                widths = ratio_reduce(excess, [1] * len(widths), widths, widths)
                table_width = sum(widths)
            widths = [self._measure_column(opts.at(w), c)[1] or 0 for w, c in zip(widths, columns)]
        if table_width < max_width and self.expand:
            pads = ratio_distribute(max_width - table_width, widths)
            widths = [w + p for w, p in zip(widths, pads)]
        return widths

    def measure(self, opts: Options) -> tuple[int, int]:
        max_width = self.width if self.width is not None else opts.width
        if max_width < 0:
            return (0, 0)
        extra = self._extra_width
        max_width = sum(self._column_widths(opts.at(max_width - extra)))
        ms = [self._measure_column(opts.at(max_width), c) for c in self.columns]
        lo = sum(m[0] for m in ms) + extra
        hi = sum(m[1] for m in ms) + extra if self.width is None else self.width
        return (lo, hi)

    # --- lines ---

    def render(self, opts: Options) -> list[Line]:
        if not self.columns:
            return [[]]
        max_width = self.width if self.width is not None else opts.width
        widths = self._column_widths(opts.at(max_width - self._extra_width))
        box = self.box
        if box is not None and opts.ascii_only and not box.ascii:
            box = ASCII
        out: list[Line] = []
        edge = self.show_edge
        if box is not None and edge:
            out.append([(box.edge(0, widths), "")])
        cells_by_col = [self._cells(c) for c in self.columns]
        n_rows = len(cells_by_col[0])
        for r in range(n_rows):
            first, last = r == 0, r == n_rows - 1
            header_row = first and self.show_header
            cells = []
            for w, col, col_cells in zip(widths, self.columns, cells_by_col):
                style, cell = col_cells[r]
                cell_opts = Options(w, col.justify, col.overflow, col.no_wrap, opts.ascii_only)
                cells.append((render_lines(cell, cell_opts, style), w, style))
            height = max(len(c[0]) for c in cells)
            if not height:  # no room for anything: Rich still draws the row, one line high
                height = 1
                cells = [([[(" " * w, "")]], w, style) for _, w, style in cells]
            shaped = []
            for lines, w, style in cells:
                if header_row:  # a header sits at the bottom of its row
                    lines = [[(" " * w, style)] for _ in range(height - len(lines))] + lines
                else:
                    lines = lines + [[(" " * w, style)] for _ in range(height - len(lines))]
                shaped.append(lines)
            if box is not None:
                chars = box.lines[1 if first else (6 if last else 3)]
                left, divider, right = chars[0], chars[2], chars[3]
                for n in range(height):
                    line: Line = [(left, "")] if edge else []
                    for k, lines in enumerate(shaped):
                        line.extend(lines[n])
                        if k < len(shaped) - 1:
                            line.append((divider, ""))
                    if edge:
                        line.append((right, ""))
                    out.append(line)
            else:
                for n in range(height):
                    out.append([run for lines in shaped for run in lines[n]])
            if box is not None and first and self.show_header:
                out.append([(box.edge(2, widths, edge), "")])
            if box is not None and self.show_lines and not last and not header_row:
                out.append([(box.edge(4, widths, edge), "")])
        if box is not None and edge:
            out.append([(box.edge(7, widths), "")])
        return out


class Rule(Block):
    """Rich's `Rule` without a title: a line across the width."""

    def __init__(self, style: str = "rule.line", characters: str = "─") -> None:
        self.style = "bright_green" if style == "rule.line" else style
        self.characters = characters

    def render(self, opts: Options) -> list[Line]:
        chars = self.characters  # Rich keeps them in ASCII mode too
        line = Text(chars * (opts.width // cell_len(chars) + 1), self.style)
        return line.lines(opts.width, "default", "crop", True)

    def measure(self, opts: Options) -> tuple[int, int]:
        return (1, 1)


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable) if ok)
            second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrapable))
            difference = widest - second
            ratios = [1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable)]
            if not any(ratios) or not difference:
                break
            widths = ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def lines_of(
    blocks, width: int, *, ascii_only: bool = False, soft_wrap: bool = False
) -> list[Line]:
    """What Rich's `Console.print(*blocks)` prints at `width` columns: each block's lines,
    cropped to the width, not padded; with `soft_wrap`, texts as they are (the terminal
    wraps them)."""
    if soft_wrap:
        opts = Options(width, None, "ignore", True, ascii_only)
        return [line for b in blocks for line in render(b, opts)]
    opts = Options(width, ascii_only=ascii_only)
    out: list[Line] = []
    for b in blocks:
        out.extend(fit(line, width, pad=False) for line in render(b, opts))
    return out


def plain(lines: list[Line]) -> str:
    """The lines as plain text, one `\\n` after each."""
    return "".join("".join(t for t, _ in line) + "\n" for line in lines)


__all__ = [
    "ASCII",
    "SIMPLE_HEAD",
    "SQUARE",
    "Block",
    "Group",
    "Line",
    "Options",
    "Padding",
    "Rule",
    "Run",
    "Table",
    "Text",
    "lines_of",
    "plain",
]
