"""`ajtui.present.blocks` lays out what Rich laid out: the same view code (render.py,
diffview.py) run once with our blocks and once with Rich's own classes
(tests/helpers/rich_layout.py), compared character by character and style by style on the
real descriptions, at widths from a phone's to a wide screen's."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from ajtui.base.errors import AjError
from ajtui.format.parser import load
from ajtui.ops.diff import diff_texts
from ajtui.present import blocks, diffview, render
from ajtui.present.blocks import SQUARE, Group, Padding, Rule, Table
from ajtui.present.styled import Text, cell_len, chop_cells, divide_line

from tests.helpers.rich_layout import first_difference, our_cells, rich_cells, rich_twin

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("tests/fixtures/**/*.aj"), *ROOT.glob("descriptions/*.aj")], key=str)


def _docs():
    out = []
    for f in FILES:
        try:
            out.append((f.name, load(f)))
        except AjError:
            continue
    return out


DOCS = _docs()


def same(ours, theirs, width, ascii_only=False, encoding="utf-8") -> str | None:
    return first_difference(our_cells(ours, width, ascii_only), rich_cells(theirs, width, encoding))


@pytest.mark.parametrize("width", [16, 30, 44, 80, 133])
def test_documents_as_rich_laid_them_out(width):
    twin = rich_twin("ajtui.present.render")
    assert len(DOCS) >= 25
    for name, doc in DOCS:
        problem = same(render.render_document(doc, width), twin.render_document(doc, width), width)
        assert problem is None, f"{name} at {width}: {problem}"


def test_documents_in_ascii_as_rich_laid_them_out():
    twin = rich_twin("ajtui.present.render")
    for name, doc in DOCS[:6]:
        problem = same(
            render.render_document(doc, 80),
            twin.render_document(doc, 80),
            80,
            ascii_only=True,
            encoding="latin-1",
        )
        assert problem is None, f"{name}: {problem}"


def _mutate(text: str, rnd: random.Random) -> str:
    """Words dropped, inserted and swapped on a few lines, perhaps a line removed."""
    lines = text.split("\n")
    for _ in range(4):
        k = rnd.randrange(len(lines))
        words = lines[k].split(" ")
        if len(words) > 3:
            i = rnd.randrange(1, len(words) - 1)
            op = rnd.randrange(3)
            if op == 0:
                del words[i]
            elif op == 1:
                words.insert(i, rnd.choice(["uus", "täiendav", "2026", "[bold]", "„jutumärgid“"]))
            else:
                words[i], words[i + 1] = words[i + 1], words[i]
            lines[k] = " ".join(words)
    if rnd.random() < 0.5:
        del lines[rnd.randrange(len(lines))]
    return "\n".join(lines)


def _pairs():
    texts = [f.read_text(encoding="utf-8") for f in FILES]
    rnd = random.Random(20)
    pairs = [(texts[i], texts[i + 1]) for i in range(0, len(texts) - 1, 3)]
    pairs += [(t, _mutate(t, rnd)) for t in texts]
    return pairs


THEME = diffview.Styles(
    removed="#ff0000",
    added="#00ff00",
    deleted_word="bold strike #000000 on #ff0000",
    inserted_word="bold #000000 on #00ff00",
    number="bold #ffff00",
    moved="#ff00ff",
    weight="bold #ff0000",
)


@pytest.mark.parametrize("view", ["render_side_by_side", "render_unified"])
def test_diffs_as_rich_laid_them_out(view):
    twin = rich_twin("ajtui.present.diffview")
    rnd = random.Random(view)
    cases = 0
    for old, new in _pairs():
        diff = diff_texts(old, new, "a", "b")
        width = rnd.choice([24, 40, 60, 80, 100, 120, 160])
        markers = rnd.random() < 0.5
        context = rnd.choice([1, None])
        styles = THEME if rnd.random() < 0.3 else diffview.Styles()
        kw = {"labels": ("vana", "uus")} if view == "render_side_by_side" and markers else {}
        ours = getattr(diffview, view)(
            diff, width, context=context, markers=markers, styles=styles, **kw
        )
        theirs = getattr(twin, view)(
            diff, width, context=context, markers=markers, styles=styles, **kw
        )
        problem = same(ours, theirs, width)
        assert problem is None, f"{view} at {width}, markers {markers}: {problem}"
        cases += 1
    assert cases >= 35


def test_blocks_at_edges_as_rich_lays_them_out():
    """What the views rarely meet: columns squeezed below their words, centred and
    right-aligned text, no-wrap cells cut with an ellipsis, rules, wide and combining
    characters (measured by Rich's own tables)."""
    import rich.box
    import rich.padding
    import rich.rule
    import rich.table
    import rich.text

    def build(T, Tab, Pad, Grp, R, box):
        t = Tab(box=box, show_header=True, expand=True, show_lines=True)
        t.add_column(T("Põhiülesanded"), ratio=1, overflow="fold")
        t.add_column("", width=3, no_wrap=True)
        t.add_column(T("tulemused"), ratio=2, overflow="fold")
        t.add_row(T("3.1. Kriisijuhtumijärgne ööpäevaringne valmisolek"), T("~!"), T("–"))
        t.add_row(T("漢字のテキスト e\u0301 ütleb"), T("long text"), T("x" * 40, "bold"))
        g = Tab(box=None, show_header=False, expand=False, padding=(0, 1, 0, 0))
        g.add_column(width=1)
        g.add_column(ratio=1, overflow="fold")
        g.add_row("•", T("Lühike"))
        return Grp(
            T("KESKEL", "bold", justify="center"),
            T("paremal", justify="right"),
            Pad(t, (1, 2, 1, 3)),
            Pad(g, (0, 0, 0, 2), expand=False),
            R(style="dim"),
        )

    for width in (1, 2, 3, 5, 9, 14, 17, 18, 23, 37, 80):
        ours = build(Text, Table, Padding, Group, Rule, SQUARE)
        theirs = build(
            rich.text.Text,
            rich.table.Table,
            rich.padding.Padding,
            __import__("rich.console", fromlist=["Group"]).Group,
            rich.rule.Rule,
            rich.box.SQUARE,
        )
        assert same(ours, theirs, width) is None, f"at {width}: {same(ours, theirs, width)}"


def test_word_wrap_and_cells_as_rich():
    from rich._wrap import divide_line as rich_divide
    from rich.cells import cell_len as rich_len
    from rich.cells import chop_cells as rich_chop

    rnd = random.Random(3)
    alphabet = ["ab", "õun", " ", "  ", "\u00a0", "–", "„x“", "漢", "e\u0301", "xxxxxxxxxxxx"]
    for _ in range(500):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 30)))
        width = rnd.randrange(1, 20)
        assert divide_line(text, width) == rich_divide(text, width), (text, width)
        assert cell_len(text) == rich_len(text)
        assert chop_cells(text, width) == rich_chop(text, width)
    # the characters taken as one cell without asking Rich are one cell for Rich
    from ajtui.present.styled import _SINGLE

    wrong = [c for c in _SINGLE if rich_len(c) != 1]
    assert wrong == []


def test_the_app_draws_the_same_lines_through_rich():
    from rich.console import Console

    doc = DOCS[0][1]
    group = render.render_document(doc, 70)
    console = Console(width=70, file=open("/dev/null", "w"), color_system="truecolor")  # noqa: SIM115
    drawn = console.render_lines(group, console.options, pad=False)
    ours = blocks.lines_of([group], 70)
    assert ["".join(s.text for s in line) for line in drawn] == [
        "".join(t for t, _ in line) for line in ours
    ]


def test_laying_out_imports_no_rich():
    code = (
        "import sys\n"
        "from ajtui.format.parser import load\n"
        "from ajtui.present.render import render_document\n"
        "from ajtui.present.diffview import render_side_by_side, render_unified\n"
        "from ajtui.present.printer import Printer\n"
        "from ajtui.ops.diff import diff_texts\n"
        f"doc = load({str(FILES[0])!r})\n"
        "p = Printer(width=100, force_terminal=True)\n"
        "p.begin_capture()\n"
        "p.print(render_document(doc, 100))\n"
        f"t = open({str(FILES[0])!r}, encoding='utf-8').read()\n"
        "d = diff_texts(t, t.replace('a', 'e', 5), 'a', 'b')\n"
        "p.print(render_side_by_side(d, 100), render_unified(d, 60))\n"
        "assert len(p.end_capture()) > 1000\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
