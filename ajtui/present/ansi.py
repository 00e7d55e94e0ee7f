"""Styled lines to a terminal exactly as Rich writes them, without importing Rich (Rich alone
costs more start-up than `aj show` may spend in all).

A line is a list of runs `(text, style)`; a style is what Rich's `Style.parse` reads
("bold", "dim", "bold white on red3", "#aabbcc", "color(124)", "not bold", several joined by
spaces: a later colour wins, attributes add up). Three steps, each what Rich 15 does:

- `color_system(stream)`: whether the stream is a terminal and which colours it takes, from
  the same environment variables as `rich.console.Console` (FORCE_COLOR, NO_COLOR,
  TTY_COMPATIBLE, TTY_INTERACTIVE, TERM, COLORTERM);
- `sgr(style, system, no_color)`: the parameters of the `ESC[…m` sequence for a style, with
  colours downgraded to the system as `rich.color.Color.downgrade` does;
- `write(lines, out, system, no_color)`: the text with those sequences.

Not covered: Windows consoles (Rich's legacy Windows mode and its console feature probe),
Jupyter, hyperlinks (`link URL`), tabs (Rich expands them; the caller lays text out first).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    Run = tuple[str, str]

#: The colour systems, fewest colours first (Rich's `ColorSystem`: STANDARD, EIGHT_BIT,
#: TRUECOLOR), as Rich's `Console.color_system` names them.
SYSTEMS = ("standard", "256", "truecolor")
_RANK = {"standard": 1, "256": 2, "truecolor": 3}

#: `TERM`'s last part → colour system (Rich's `_TERM_COLORS`); any other: "standard".
_TERM_COLORS = {"kitty": "256", "256color": "256", "16color": "standard"}

#: Attribute words → their bit (Rich's `Style.STYLE_ATTRIBUTES`); the SGR parameter of each
#: bit, in the order Rich writes them (`Style._style_map`).
ATTRIBUTES = {
    "bold": 0,
    "b": 0,
    "dim": 1,
    "d": 1,
    "italic": 2,
    "i": 2,
    "underline": 3,
    "u": 3,
    "blink": 4,
    "blink2": 5,
    "reverse": 6,
    "r": 6,
    "conceal": 7,
    "c": 7,
    "strike": 8,
    "s": 8,
    "underline2": 9,
    "uu": 9,
    "frame": 10,
    "encircle": 11,
    "overline": 12,
    "o": 12,
}
_SGR_OF_BIT = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "51", "52", "53")

# A parsed colour: (kind, number, rgb) with kind as Rich's `ColorType`.
_DEFAULT, _STANDARD, _EIGHT_BIT, _TRUECOLOR = 0, 1, 2, 3
_HEX = frozenset("0123456789abcdef")
_DIGITS = frozenset("0123456789")


class Terminal:
    """What Rich's `Console` decided about a stream: `system` ("truecolor", "256",
    "standard", or None: no escape codes at all), `no_color` (colours dropped, bold, dim …
    kept), `is_terminal` and `is_interactive`."""

    __slots__ = ("is_interactive", "is_terminal", "no_color", "system")

    def __init__(
        self, system: str | None, no_color: bool, is_terminal: bool, is_interactive: bool
    ) -> None:
        self.system = system
        self.no_color = no_color
        self.is_terminal = is_terminal
        self.is_interactive = is_interactive

    def _key(self) -> tuple[str | None, bool, bool, bool]:
        return (self.system, self.no_color, self.is_terminal, self.is_interactive)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Terminal) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Terminal(system={self.system!r}, no_color={self.no_color!r}, "
            f"is_terminal={self.is_terminal!r}, is_interactive={self.is_interactive!r})"
        )


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:  # a closed file (Rich: "we aren't in a terminal anymore")
        return False


def is_terminal(
    stream: object, *, env: Mapping[str, str] = os.environ, force_terminal: bool | None = None
) -> bool:
    """Rich's `Console.is_terminal` for a console writing to `stream` (None: stdout)."""
    if force_terminal is not None:
        return force_terminal
    if str(getattr(sys.stdin, "__module__", "")).startswith("idlelib"):
        return False  # IDLE claims a tty but shows escape codes
    tty_compatible = env.get("TTY_COMPATIBLE", "")
    if tty_compatible == "0":
        return False
    if tty_compatible == "1":
        return True
    force_color = env.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    if stream is None:
        stream = sys.stdout
    stream = getattr(stream, "rich_proxied_file", stream)
    return _isatty(stream)


def color_system(
    stream: object = None,
    *,
    env: Mapping[str, str] = os.environ,
    force_terminal: bool | None = None,
    no_color: bool | None = None,
) -> Terminal:
    """What `rich.console.Console(file=stream, force_terminal=…, no_color=…)` decides (its
    `color_system`, `no_color`, `is_terminal`, `is_interactive`) under the environment
    `env`. Not for Windows consoles or Jupyter."""
    terminal = is_terminal(stream, env=env, force_terminal=force_terminal)
    dumb = terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    system: str | None = None
    if terminal and not dumb:
        if env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
            system = "truecolor"
        else:
            colors = env.get("TERM", "").strip().lower().rpartition("-")[2]
            system = _TERM_COLORS.get(colors, "standard")
    if no_color is None:
        no_color = env.get("NO_COLOR", "") != ""
    interactive = terminal and not dumb
    tty_interactive = env.get("TTY_INTERACTIVE")
    if tty_interactive == "0":
        interactive = False
    elif tty_interactive == "1":
        interactive = True
    return Terminal(system, no_color, terminal, interactive)


# --- colours -------------------------------------------------------------------------------


def _parse_color(word: str, style: str) -> tuple[int, int, tuple[int, int, int] | None]:
    """Rich's `Color.parse`: (kind, number, rgb). ValueError names the word (and the style
    it is in)."""
    where = f" in style {style!r}"
    from ajtui.present._ansi_data import COLOR_NAMES

    color = word.lower().strip()
    if color == "default":
        return (_DEFAULT, 0, None)
    number = COLOR_NAMES.get(color)
    if number is not None:
        return (_STANDARD if number < 16 else _EIGHT_BIT, number, None)
    # Rich's RE_COLOR: "#rrggbb", "color(N)" and "rgb(R,G,B)"; the first two without `re`
    hex24 = n8 = rgb = None
    if color[:1] == "#" and len(color) == 7 and all(c in _HEX for c in color[1:]):
        hex24 = color[1:]
    elif color[:6] == "color(" and color[-1:] == ")" and 0 < len(color) - 7 <= 3:
        if all(c in _DIGITS for c in color[6:-1]):
            n8 = color[6:-1]
    elif color[:4] == "rgb(":
        import re

        match = re.match(r"rgb\(([\d\s,]+)\)$", color)
        rgb = match.group(1) if match else None
    if not (hex24 or n8 or rgb):
        raise ValueError(f"{word!r} is not a style word or a colour{where}")
    if hex24:
        return (_TRUECOLOR, 0, (int(hex24[0:2], 16), int(hex24[2:4], 16), int(hex24[4:6], 16)))
    if n8:
        number = int(n8)
        if number > 255:
            raise ValueError(f"colour number must be <= 255 in {word!r}{where}")
        return (_STANDARD if number < 16 else _EIGHT_BIT, number, None)
    assert rgb is not None
    parts = rgb.split(",")
    if len(parts) != 3:
        raise ValueError(f"expected three components in {word!r}{where}")
    try:
        red, green, blue = (int(p) for p in parts)
    except ValueError:
        raise ValueError(f"{word!r} is not a colour{where}") from None
    if max(red, green, blue) > 255:
        raise ValueError(f"colour components must be <= 255 in {word!r}{where}")
    return (_TRUECOLOR, 0, (red, green, blue))


def _match(palette: tuple[tuple[int, int, int], ...], rgb: tuple[int, int, int]) -> int:
    """Rich's `Palette.match`: the nearest colour by its weighted ("redmean") distance."""
    red1, green1, blue1 = rgb

    def distance(index: int) -> float:
        red2, green2, blue2 = palette[index]
        red_mean = (red1 + red2) // 2
        red = red1 - red2
        green = green1 - green2
        blue = blue1 - blue2
        return (
            (((512 + red_mean) * red * red) >> 8)
            + 4 * green * green
            + (((767 - red_mean) * blue * blue) >> 8)
        ) ** 0.5

    return min(range(len(palette)), key=distance)


def _downgrade(
    color: tuple[int, int, tuple[int, int, int] | None], rank: int
) -> tuple[int, int, tuple[int, int, int] | None]:
    """Rich's `Color.downgrade` to the system of that rank (1 standard, 2 256, 3 truecolor)."""
    kind, number, rgb = color
    if kind in (_DEFAULT, rank) or kind < rank:
        return color
    if rank == _EIGHT_BIT:  # from truecolor
        assert rgb is not None
        from colorsys import rgb_to_hls

        _h, lightness, saturation = rgb_to_hls(*(c / 255.0 for c in rgb))
        if saturation < 0.15:  # greyish: the grey ramp
            gray = round(lightness * 25.0)
            number = 16 if gray == 0 else 231 if gray == 25 else 231 + gray
            return (_EIGHT_BIT, number, None)
        six = [c / 95 if c < 95 else 1 + (c - 95) / 40 for c in rgb]
        return (_EIGHT_BIT, 16 + 36 * round(six[0]) + 6 * round(six[1]) + round(six[2]), None)
    from ajtui.present._ansi_data import EIGHT_BIT_PALETTE, STANDARD_PALETTE

    if kind == _EIGHT_BIT:
        rgb = EIGHT_BIT_PALETTE[number]
    assert rgb is not None
    return (_STANDARD, _match(STANDARD_PALETTE, rgb), None)


def _codes(color: tuple[int, int, tuple[int, int, int] | None], foreground: bool) -> list[str]:
    """Rich's `Color.get_ansi_codes`."""
    kind, number, rgb = color
    if kind == _DEFAULT:
        return ["39" if foreground else "49"]
    if kind == _STANDARD:
        fore, back = (30, 40) if number < 8 else (82, 92)
        return [str((fore if foreground else back) + number)]
    if kind == _EIGHT_BIT:
        return ["38" if foreground else "48", "5", str(number)]
    assert rgb is not None
    return ["38" if foreground else "48", "2", *(str(c) for c in rgb)]


# --- styles --------------------------------------------------------------------------------


def _parse_style(style: str) -> tuple[int, tuple | None, tuple | None]:
    """Rich's `Style.parse`: (the attributes on, as bits; colour; background). An attribute
    turned off ("not bold") is only off: Rich writes no code for it."""
    on = 0
    color = bgcolor = None
    if style.strip() == "none" or not style:
        return (0, None, None)
    words = iter(style.split())
    for original in words:
        word = original.lower()
        if word == "on":
            word = next(words, "")
            if not word:
                raise ValueError(f"a colour expected after 'on' in style {style!r}")
            bgcolor = _parse_color(word, style)
        elif word == "not":
            word = next(words, "")
            bit = ATTRIBUTES.get(word)  # as Rich: the word after "not" is not lower-cased
            if bit is None:
                raise ValueError(
                    f"a style attribute expected after 'not', found {word!r} in style {style!r}"
                )
            on &= ~(1 << bit)
        elif word == "link":
            raise ValueError(f"'link' is not supported in style {style!r}")
        elif word in ATTRIBUTES:
            on |= 1 << ATTRIBUTES[word]
        else:
            color = _parse_color(word, style)
    return (on, color, bgcolor)


_SGR_CACHE: dict[tuple[str, str | None, bool], str] = {}


def sgr(style: str, system: str | None, no_color: bool = False) -> str:
    """The parameters Rich puts in `ESC[…m` for `style` on a `system` ("truecolor", "256",
    "standard"; None: nothing), colours dropped when `no_color`. "" when the style renders to
    nothing. ValueError for a word Rich's `Style.parse` would not read (or `link`)."""
    key = (style, system, no_color)
    cached = _SGR_CACHE.get(key)
    if cached is not None:
        return cached
    on, color, bgcolor = _parse_style(style)  # errors whatever the system
    if system is None:
        params: list[str] = []
    else:
        rank = _RANK.get(system, 0)
        if not rank:
            raise ValueError(f"unknown colour system {system!r}: one of {', '.join(SYSTEMS)}")
        params = [_SGR_OF_BIT[bit] for bit in range(13) if on & (1 << bit)]
        if not no_color:
            if color is not None:
                params += _codes(_downgrade(color, rank), True)
            if bgcolor is not None:
                params += _codes(_downgrade(bgcolor, rank), False)
    result = _SGR_CACHE[key] = ";".join(params)
    return result


def render(lines: Iterable[Iterable[Run]], system: str | None, no_color: bool = False) -> str:
    """The lines as Rich writes them: each run `ESC[sgr m text ESC[0m` (plain when its style
    renders to nothing: always off a terminal, `system` None), adjacent runs that render
    alike merged, a newline after each line. A newline inside a run closes and reopens its
    style around it, as Rich does."""
    out: list[str] = []
    append = out.append
    for line in lines:
        pending = ""
        pending_sgr = ""
        for text, style in line:
            if not text:
                continue
            params = sgr(style, system, no_color) if style else ""
            if params == pending_sgr:
                pending += text
                continue
            if pending:
                append(_styled(pending, pending_sgr))
            pending, pending_sgr = text, params
        if pending:
            append(_styled(pending, pending_sgr))
        append("\n")
    return "".join(out)


def _styled(text: str, params: str) -> str:
    if not params:
        return text
    if "\n" in text:
        return "\n".join(_styled(part, params) for part in text.split("\n"))
    return f"\x1b[{params}m{text}\x1b[0m"


def write(
    lines: Iterable[Iterable[Run]],
    out: object = None,
    system: str | None = None,
    no_color: bool = False,
) -> str:
    """`render` the lines and hand the text to `out`: a list (appended to), a stream (its
    `write`), or None (nothing). Returns the text either way, for a caller that keeps it."""
    text = render(lines, system, no_color)
    if isinstance(out, list):
        out.append(text)
    elif out is not None:
        out.write(text)  # type: ignore[attr-defined]  # a stream: anything with write(str)
    return text
