"""The oracle for `ajtui.present.blocks`: the same view code laid out by Rich itself.

`rich_twin("ajtui.present.render")` loads that module's source again with its one import
of `ajtui.present.blocks` pointed at Rich's own classes, so the two differ in the layout
engine only. `cells()` turns what either printed into (character, style codes) per line.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import types

from rich import box as rich_box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ajtui.present import blocks

SHIM = types.SimpleNamespace(
    SIMPLE_HEAD=rich_box.SIMPLE_HEAD,
    SQUARE=rich_box.SQUARE,
    Block=RenderableType,
    Group=Group,
    Padding=Padding,
    Table=Table,
    Text=Text,
)


def rich_twin(name: str) -> types.ModuleType:
    """Module `name` with Rich's layout in place of ajtui.present.blocks."""
    twin_name = name + "_rich_twin"
    if twin_name in sys.modules:
        return sys.modules[twin_name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None
    with open(spec.origin, encoding="utf-8") as f:
        source = f.read()
    marker = "from ajtui.present.blocks import "
    start = source.index(marker)
    end = source.index("\n", start)
    names = [n.strip() for n in source[start + len(marker) : end].split(",")]
    source = source[:start] + "from tests.helpers.rich_layout import SHIM as _shim\n" + source[end:]
    source = source.replace(
        "from tests.helpers.rich_layout import SHIM as _shim\n",
        "from tests.helpers.rich_layout import SHIM as _shim\n"
        + "".join(f"{n} = _shim.{n}\n" for n in names),
    )
    module = types.ModuleType(twin_name)
    module.__file__ = spec.origin
    sys.modules[twin_name] = module
    exec(compile(source, spec.origin, "exec"), module.__dict__)
    return module


_CODES: dict = {}


def _codes(style) -> str:
    if style is None:
        return ""
    key = str(style)
    found = _CODES.get(key)
    if found is None:
        found = _CODES[key] = (
            Style.parse(key)._make_ansi_codes(
                __import__("rich.color", fromlist=["ColorSystem"]).ColorSystem.TRUECOLOR
            )
            if key != "none"
            else ""
        )
    return found


def rich_cells(renderable, width: int, encoding: str = "utf-8") -> list[list[tuple[str, str]]]:
    """What Rich's `Console.print(renderable)` prints at `width`, cell by cell."""
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    console = Console(
        file=out,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    segments = list(console.render(renderable, console.options))
    lines = Segment.split_and_crop_lines(segments, width, pad=False, include_new_lines=False)
    return [[(ch, _codes(seg.style)) for seg in line for ch in seg.text] for line in lines]


def our_cells(block, width: int, ascii_only: bool = False) -> list[list[tuple[str, str]]]:
    """What `ajtui.present.blocks` lays out at `width`, cell by cell."""
    lines = blocks.lines_of([block], width, ascii_only=ascii_only)
    return [
        [(ch, _codes(Style.parse(st)) if st else "") for text, st in line for ch in text]
        for line in lines
    ]


def first_difference(ours, theirs) -> str | None:
    """None when equal, else where and how they first differ."""
    for n, (a, b) in enumerate(zip(ours, theirs)):
        if a != b:
            ta = "".join(c for c, _ in a)
            tb = "".join(c for c, _ in b)
            if ta != tb:
                return f"line {n}: text\n ours: {ta!r}\n rich: {tb!r}"
            k = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
            return f"line {n} col {k} ({ta[k]!r}): style ours {a[k][1]!r} rich {b[k][1]!r}\n {ta!r}"
    if len(ours) != len(theirs):
        return f"{len(ours)} lines, Rich {len(theirs)}"
    return None
