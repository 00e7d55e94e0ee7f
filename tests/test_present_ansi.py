"""`ajtui.present.ansi` writes styled lines exactly as Rich 15 does, without importing Rich:
the colour system a Console picks, the SGR codes of each style on each system, and the
output decoded cell by cell — each compared with Rich itself.

Rich caches a style's codes on the Style object the first time it renders it (`Style._ansi`),
whatever the colour system: within one process a style first rendered for truecolor keeps
those codes for 256 colours. A real `aj` run has one system, so the references here take
fresh codes (`_ansi` cleared) and render whole outputs in a fresh interpreter per system."""

from __future__ import annotations

import io
import itertools
import json
import random
import re
import subprocess
import sys
import textwrap

import pytest
from rich import errors as rich_errors
from rich._palettes import EIGHT_BIT_PALETTE, STANDARD_PALETTE
from rich.color import ANSI_COLOR_NAMES, ColorSystem
from rich.console import Console
from rich.style import Style

from ajtui.present import _ansi_data, ansi
from ajtui.present.diffview import Styles

SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
}

# --- the vocabulary --------------------------------------------------------------------------

DIFF_STYLES = [getattr(Styles(), name) for name in Styles.__slots__]
RENDER_STYLES = ["bold", "dim", "italic"]  # ajtui/present/render.py
ATTRIBUTE_WORDS = sorted(Style.STYLE_ATTRIBUTES)
_rnd = random.Random(20)
HEX = (
    ["#000000", "#ffffff", "#FF0000", "#00ff00", "#0000ff", "#808080", "#123456", "#fedcba"]
    + [f"#{g:02x}{g:02x}{g:02x}" for g in range(0, 256, 3)]  # the grey ramp
    + ["#" + "".join(f"{_rnd.randrange(256):02x}" for _ in range(3)) for _ in range(400)]
)
COLOURS = [
    *ANSI_COLOR_NAMES,
    *(f"color({n})" for n in range(256)),
    "default",
    "rgb(10,200,30)",
    "rgb(0,0,0)",
    "RED3",
]


def vocabulary() -> list[str]:
    base = [*DIFF_STYLES, *RENDER_STYLES, "underline", "strike", "reverse"]
    words = [
        *base,
        *ATTRIBUTE_WORDS,
        *(f"not {w}" for w in ATTRIBUTE_WORDS),
        *COLOURS,
        *(f"on {c}" for c in COLOURS),
        *HEX,
        *(f"bold on {h}" for h in HEX[:40]),
        *(f"{h} on {h2}" for h, h2 in zip(HEX[40:80], HEX[80:120])),
        "",
        "none",
        "  none ",
        "Bold Red On Green3",
        "bold not bold",
        "not bold bold",
        "red green",  # a later colour wins
        "on red on blue",
        "b i u s r d",
        "uu o blink blink2 conceal frame encircle overline",
    ]
    # joined as the layout joins them: "bold" + " " + "dim", in both orders
    words += [f"{a} {b}" for a, b in itertools.permutations(dict.fromkeys(base), 2)]
    return words


VOCABULARY = vocabulary()


def rich_codes(style: Style, system: ColorSystem) -> str:
    """Rich's codes for `style` on `system`, not the ones cached for another system."""
    style._ansi = None
    try:
        return style._make_ansi_codes(system)
    finally:
        style._ansi = None


def parse_fresh(text: str) -> Style:
    return Style.parse.__wrapped__(Style, text)  # type: ignore[attr-defined]


def test_data_is_riches():
    assert _ansi_data.COLOR_NAMES == ANSI_COLOR_NAMES
    assert list(_ansi_data.STANDARD_PALETTE) == [tuple(c) for c in STANDARD_PALETTE._colors]
    assert list(_ansi_data.EIGHT_BIT_PALETTE) == [tuple(c) for c in EIGHT_BIT_PALETTE._colors]


def test_vocabulary_covers_the_present_styles():
    assert {"bold white on red3", "bold black on green3", "bold yellow", "bold red"} <= set(
        VOCABULARY
    )
    assert len(VOCABULARY) > 1500


@pytest.mark.parametrize("system", list(SYSTEMS))
def test_sgr_equals_riches_codes(system):
    wrong = []
    for text in VOCABULARY:
        style = parse_fresh(text)
        want = rich_codes(style, SYSTEMS[system])
        if ansi.sgr(text, system) != want:
            wrong.append((text, ansi.sgr(text, system), want))
        want_nc = "" if style._null else rich_codes(style.without_color, SYSTEMS[system])
        if ansi.sgr(text, system, True) != want_nc:
            wrong.append((text, "no_color", ansi.sgr(text, system, True), want_nc))
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("system", list(SYSTEMS))
def test_joined_styles_equal_riches_sum(system):
    """What the layout passes ("bold" + " " + "dim") is Rich's `Style.__add__` of the parts."""
    base = [*DIFF_STYLES, "dim", "italic", "underline", "not bold", "#336699", "on color(52)"]
    for a, b, c in itertools.product(base, repeat=3):
        total = Style.parse(a) + Style.parse(b) + Style.parse(c)
        assert ansi.sgr(f"{a} {b} {c}", system) == rich_codes(total, SYSTEMS[system]), (a, b, c)


def test_riches_theme_means_what_its_names_parse_to():
    """A Console looks a style up in its theme before parsing it: the default theme's names
    that parse as styles ("red", "bold", "dim" …) must mean just that, or the Console would
    style them otherwise. (Theme-only names such as "repr.str" raise here.)"""
    from rich.default_styles import DEFAULT_STYLES

    parsed = 0
    for name, style in DEFAULT_STYLES.items():
        try:
            plain = parse_fresh(name)
        except (rich_errors.StyleSyntaxError, ValueError):
            with pytest.raises(ValueError):
                ansi.sgr(name, "truecolor")
            continue
        parsed += 1
        assert plain == style, name
    assert parsed >= 10


def test_no_system_means_no_codes():
    for text in ("bold", "bold white on red3", "#123456", ""):
        assert ansi.sgr(text, None) == ""
        assert ansi.sgr(text, None, True) == ""


@pytest.mark.parametrize(
    "text, word",
    [
        ("blod", "blod"),
        ("bold blod", "blod"),
        ("on", "on"),
        ("on blod", "blod"),
        ("not blod", "blod"),
        ("not BOLD", "BOLD"),  # Rich does not lower-case the word after "not"
        ("color(256)", "color(256)"),
        ("color(1234)", "color(1234)"),
        ("#12345", "#12345"),
        ("#12345g", "#12345g"),
        ("rgb(1,2)", "rgb(1,2)"),
        ("rgb(1,2,300)", "rgb(1,2,300)"),
        ("link https://example.org", "link"),
    ],
)
def test_unknown_words_raise_naming_them(text, word):
    for system in (*SYSTEMS, None):
        with pytest.raises(ValueError, match=word.replace("(", r"\(").replace(")", r"\)")):
            ansi.sgr(text, system)
    if not text.startswith("link"):  # Rich reads links; we do not write them
        with pytest.raises((rich_errors.StyleSyntaxError, ValueError)):
            parse_fresh(text)


def test_errors_name_the_style_and_the_system():
    with pytest.raises(
        ValueError, match=r"'blod' is not a style word or a colour in style 'bold blod'"
    ):
        ansi.sgr("bold blod", "256")
    with pytest.raises(ValueError, match="unknown colour system 'windows'"):
        ansi.sgr("bold", "windows")


def test_sgr_is_cached_per_style_and_system():
    ansi._SGR_CACHE.clear()
    assert ansi.sgr("bold #102030", "256") == "1;38;5;17"
    assert ansi.sgr("bold #102030", "truecolor") == "1;38;2;16;32;48"
    assert ansi.sgr("bold #102030", "standard") == "1;30"
    assert ("bold #102030", "256", False) in ansi._SGR_CACHE


# --- whole output ----------------------------------------------------------------------------

LINES = [
    [("Ametijuhend", "bold")],
    [],
    [("1. ", "bold"), ("Üldosa", "bold"), (" ", ""), ("õun", "italic"), ("", "red")],
    [("- ", "red"), ("vana ", "red"), ("sõna", "bold white on red3"), (" lõpp", "red")],
    [("+ ", "green"), ("uus ", "green"), ("sõna", "bold black on green3"), ("!", "bold red")],
    [("3.2", "bold yellow"), ("→", "magenta"), ("3.3", "magenta"), (" ", "")],
    [("⋯ 4 unchanged", "dim"), ("  (unchanged)", "dim"), (" ", "dim")],
    [("a", "bold"), ("b", "bold dim"), ("c", "dim bold"), ("d", "bold" + " " + "dim")],
    [("x", "#ff8800 on #002244"), ("y", "color(200) on color(3)"), ("z", "on default")],
    [("plain", ""), ("none", "none"), ("  ", "underline"), ("end", "strike reverse")],
    [("tabs are the caller's", ""), ("ä" * 3, "not bold"), ("wide 漢字", "overline uu")],
]

RICH_SCRIPT = textwrap.dedent("""
    import io, json, sys
    from rich.console import Console
    from rich.text import Text
    lines, system, no_color = json.loads(sys.stdin.read())
    out = io.StringIO()
    console = Console(file=out, color_system=system, force_terminal=True, no_color=no_color,
                      width=500, legacy_windows=False, force_jupyter=False, tab_size=1)
    for runs in lines:
        console.print(Text.assemble(*[(t, s) for t, s in runs]), soft_wrap=True)
    sys.stdout.write(json.dumps(out.getvalue()))
""")


def rich_output(lines, system, no_color):
    """Rich's Console output for the lines, in a fresh interpreter (see the module's note)."""
    done = subprocess.run(
        [sys.executable, "-c", RICH_SCRIPT],
        input=json.dumps([lines, system, no_color]),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def cells(output: str) -> list[tuple[str, str]]:
    """The output as (character, SGR parameters in force); a reset clears them. Fails on
    any escape other than SGR."""
    out = []
    current = ""
    i = 0
    while i < len(output):
        ch = output[i]
        if ch == "\x1b":
            end = output.index("m", i)
            params = output[i + 2 : end]
            assert output[i + 1] == "[" and all(c in "0123456789;" for c in params), output
            current = "" if params == "0" else params
            i = end + 1
            continue
        out.append((ch, current))
        i += 1
    return out


def test_cells_decodes_riches_form():
    assert cells("\x1b[1ma\x1b[0mb\x1b[31;42mc\x1b[0m\n") == [
        ("a", "1"),
        ("b", ""),
        ("c", "31;42"),
        ("\n", ""),
    ]


@pytest.mark.parametrize(
    "system, no_color",
    [
        ("truecolor", False),
        ("256", False),
        ("standard", False),
        (None, False),
        ("truecolor", True),
        ("256", True),
        ("standard", True),
    ],
)
def test_write_equals_riches_console(system, no_color):
    want = rich_output(LINES, system, no_color)
    got = ansi.write(LINES, None, system, no_color)
    assert cells(got) == cells(want)
    if system is None:
        assert got == want and "\x1b" not in got
    # merged runs: never one style closed and reopened at once
    assert not re.search(r"\x1b\[([\d;]+)m[^\x1b]*\x1b\[0m\x1b\[\1m", got), got


def test_write_merges_runs_that_render_alike():
    lines = [[("a", "bold"), ("b", "b"), ("c", ""), ("", "red"), ("d", "none"), ("e", "red")]]
    assert ansi.write(lines, None, "standard") == "\x1b[1mab\x1b[0mcd\x1b[31me\x1b[0m\n"
    # without colours, red and green are both plain: one run
    lines = [[("x", "red"), ("y", "green"), ("z", "bold green"), ("w", "bold red")]]
    assert ansi.write(lines, None, "truecolor", True) == "xy\x1b[1mzw\x1b[0m\n"
    assert ansi.write([[("a", "bold")], []], None, None) == "a\n\n"


def test_newline_inside_a_run_is_styled_as_rich_does():
    lines = [[("a\nb", "red"), ("\n", "bold")]]
    want = rich_output(lines, "standard", False)
    got = ansi.write(lines, None, "standard")
    assert cells(got) == cells(want)


def test_write_to_a_stream_or_a_list():
    lines = [[("ok", "green")]]
    stream = io.StringIO()
    kept: list[str] = []
    text = ansi.write(lines, stream, "256")
    assert stream.getvalue() == text == "\x1b[32mok\x1b[0m\n"
    assert ansi.write(lines, kept, "256") == text and kept == [text]


def test_write_rejects_an_unknown_style():
    with pytest.raises(ValueError, match="blod"):
        ansi.write([[("x", "bold blod")]], None, "standard")


# --- the colour system -------------------------------------------------------------------------


class Stream:
    def __init__(self, tty):
        self.tty = tty

    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        if self.tty is None:
            raise ValueError("I/O operation on closed file")
        return self.tty


class NoIsatty:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


STREAMS = [Stream(True), Stream(False), Stream(None), NoIsatty()]
VARIABLES = {
    "FORCE_COLOR": ["", "1", "0"],
    "TTY_COMPATIBLE": ["0", "1", "2", ""],
    "NO_COLOR": ["", "1"],
    "TERM": [
        "dumb",
        "UNKNOWN",
        "Dumb ",
        "xterm-256color",
        "xterm-kitty",
        "kitty",
        "xterm-16color",
        "xterm",
        "screen-256COLOR ",
        "",
    ],
    "COLORTERM": ["truecolor", "24bit", " TrueColor ", "yes", ""],
    "TTY_INTERACTIVE": ["0", "1", "2"],
}


def envs():
    """Each variable alone, and a fixed sample of them together."""
    yield {}
    for name, values in VARIABLES.items():
        for value in values:
            yield {name: value}
    rnd = random.Random(15)
    for _ in range(600):
        env = {}
        for name, values in VARIABLES.items():
            if rnd.random() < 0.6:
                env[name] = rnd.choice(values)
        yield env


def riches(stream, env, force_terminal, no_color):
    console = Console(
        file=stream,
        force_terminal=force_terminal,
        no_color=no_color,
        force_jupyter=False,
        legacy_windows=False,
        _environ=env,
    )
    return ansi.Terminal(
        console.color_system, console.no_color, console.is_terminal, console.is_interactive
    )


def test_color_system_equals_riches_decisions():
    wrong = []
    seen = set()
    n = 0
    for env in envs():
        for stream, force_terminal, no_color in itertools.product(
            STREAMS, (None, True, False), (None, True, False)
        ):
            want = riches(stream, env, force_terminal, no_color)
            got = ansi.color_system(
                stream, env=env, force_terminal=force_terminal, no_color=no_color
            )
            seen.add(want.system)
            n += 1
            if got != want:
                wrong.append((env, stream, force_terminal, no_color, got, want))
    assert not wrong, wrong[:10]
    assert seen == {None, "standard", "256", "truecolor"} and n > 10000


def test_color_system_reads_os_environ(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    tty = Stream(True)
    assert ansi.color_system(tty) == riches(tty, None, None, None)
    assert ansi.color_system(tty).system == "256"
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.setenv("NO_COLOR", "1")
    assert ansi.color_system(tty) == riches(tty, None, None, None)
    assert ansi.color_system(tty) == ansi.Terminal("truecolor", True, True, True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    pipe = Stream(False)
    assert ansi.color_system(pipe) == riches(pipe, None, None, None)
    assert ansi.color_system(pipe).system == "truecolor"
    monkeypatch.setenv("FORCE_COLOR", "")
    assert ansi.color_system(tty) == riches(tty, None, None, None)
    assert ansi.color_system(tty).system is None


def test_stream_none_is_stdout(monkeypatch):
    monkeypatch.setattr(sys, "stdout", Stream(True))
    env = {"TERM": "xterm-kitty"}
    assert ansi.color_system(None, env=env) == riches(None, env, None, None)
    assert ansi.color_system(None, env=env).system == "256"


# --- start-up --------------------------------------------------------------------------------


def test_importing_and_writing_loads_no_rich_nor_typing():
    code = textwrap.dedent("""
        import sys
        import ajtui.present.ansi as ansi
        t = ansi.color_system(sys.stdout, env={"FORCE_COLOR": "1", "TERM": "xterm"})
        for system in ("standard", "256", "truecolor", None):
            ansi.write([[("x", "bold white on red3"), ("y", "#123456 on color(200)")]],
                       None, system, False)
        heavy = {m.split(".")[0] for m in sys.modules} & {"rich", "typing", "re", "textual"}
        assert not heavy, heavy
        assert t.system == "standard"
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
