"""What every source becomes before it is recognised: lines and table rows.

A `.txt` export, a PDF and a DOCX all end up as a list of `Line`s (one line of the source's
words, bullet glyph and surrounding spaces removed) and `Row`s (a table row whose cells are
kept apart, from PDF and DOCX tables). Furniture is decided here and nowhere else:

- bullet glyphs at the start of a line (private-use U+F0B7, U+F0A7 …, `•`, `▪`, `=`, `»`,
  `- `, an unmapped PDF glyph `(cid:127)`) become `Line.mark`; the glyph itself is not text;
- page numbers (`3`, `1 (4)`, `Lk 2/5`) and form feeds become blank lines (`Line.gap`);
- control characters, soft hyphens and zero-width characters are dropped, no-break and
  other spaces become plain spaces, tabs become spaces.

Everything else is kept as written: the recognisers decide where a line goes, never what it
says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Glyphs that are bullets wherever they stand (they never occur inside prose).
_HARD_BULLETS = "•◦▪▫■□●○►▶➢➤✓✔∙‣⁃◆◇❖➔→"
#: Characters that are bullets only at the start of a line and followed by a space.
_SOFT_BULLETS = "=»*–—-·"


def _is_private(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def is_hard_bullet(ch: str) -> bool:
    return ch in _HARD_BULLETS or _is_private(ch)


@dataclass
class Line:
    """One line of the source's words."""

    text: str
    #: Where it came from: 1-based line number in the extracted text (or a running index).
    n: int = 0
    #: Blank lines (or page furniture) just before this line; a page break counts as 3.
    gap: int = 0
    #: "" (plain), "glyph" (a bullet glyph), "dash" (`- `), "indent" (leading spaces where a
    #: bullet glyph was lost; only meaningful when the source has no glyph bullets at all).
    mark: str = ""
    #: Leading spaces in the extracted text.
    indent: int = 0
    #: The source's own styling says this is a heading (DOCX heading styles).
    heading: bool = False
    #: The source says a new paragraph starts here (a DOCX paragraph), whatever the gap.
    para: bool = False

    @property
    def marked(self) -> bool:
        return bool(self.mark)


@dataclass
class Row:
    """A table row with its cells kept apart (each cell a list of lines)."""

    cells: list[list[Line]]
    n: int = 0
    gap: int = 0

    def flatten(self) -> list[Line]:
        """The row as lines, cell after cell: what a plain text export would have made."""
        out: list[Line] = []
        for i, cell in enumerate(self.cells):
            for j, line in enumerate(cell):
                copy = Line(
                    line.text,
                    line.n or self.n,
                    line.gap,
                    line.mark,
                    line.indent,
                    line.heading,
                    line.para,
                )
                if i == 0 and j == 0:
                    copy.gap = max(copy.gap, self.gap)
                out.append(copy)
        return out

    @property
    def texts(self) -> list[str]:
        return ["\n".join(line.text for line in cell) for cell in self.cells]


Block = Line | Row

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?\d{1,3}(?:\s*-)?$"  # 3   - 3 -
    r"|^\d{1,3}\s*\(\s*\d{1,3}\s*\)$"  # 1 (4)
    r"|^\d{1,3}\s*/\s*\d{1,3}$"  # 2/5
    r"|^(?:lk|lehekülg|leht|page|pg)\.?\s*\d{1,3}(?:\s*(?:/|of|\(|-)\s*\d{1,3}\)?)?$",
    re.IGNORECASE,
)


def clean(text: str) -> str:
    """Spaces made plain, invisible and control characters removed (not the newline)."""
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


_CID = re.compile(r"^\(cid:\d+\)\s*")
#: An unmapped glyph standing alone between spaces: a bullet in a column beside the text.
_ANY_CID = re.compile(r"\(cid:\d+\)")
_CID_WORD = re.compile(r"(?:^|(?<=\s))\(cid:\d+\)(?=\s)")


def split_bullet(text: str) -> tuple[str, str]:
    """(mark, rest): a leading bullet glyph taken off the stripped text. A glyph the PDF's
    font does not map to a character comes out of pdfminer as '(cid:127)': at the start of
    a line that is a bullet symbol."""
    if not text:
        return "", text
    cid = _CID.match(text)
    if cid:
        return "glyph", text[cid.end() :]
    ch = text[0]
    if is_hard_bullet(ch):
        rest = text[1:].lstrip()
        # a run of glyphs ("  text") is one bullet
        while rest and is_hard_bullet(rest[0]):
            rest = rest[1:].lstrip()
        return "glyph", rest
    if ch in _SOFT_BULLETS and len(text) > 2 and text[1] == " " and text[2:].strip():
        return ("dash" if ch in "-–—" else "glyph"), text[2:].lstrip()
    return "", text


def split_glyphs(text: str) -> list[str]:
    """A line with a bullet glyph in its middle ("… korraldamine. ▪ Teavitustegevused") is
    two lines: the glyph starts the second."""
    parts: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if (
            i > 0
            and is_hard_bullet(ch)
            and text[i - 1] == " "
            and text[:i].strip()
            and not is_hard_bullet(text[i - 2] if i >= 2 else "")
        ):
            parts.append(text[start:i])
            start = i
    parts.append(text[start:])
    return [p for p in parts if p.strip()] or [text]


def to_lines(text: str, *, first_n: int = 1) -> list[Line]:
    """Extracted text -> lines, with furniture taken off (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n\n")
    out: list[Line] = []
    gap = 0
    pending_mark = ""
    for n, raw in enumerate(text.split("\n"), first_n):
        raw = _CID_WORD.sub("•", clean(raw)).rstrip()
        stripped = raw.strip()
        if not stripped or is_page_number(stripped):
            gap += 1
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        for k, part in enumerate(split_glyphs(stripped)):
            mark, rest = split_bullet(part.strip())
            if not rest:  # a glyph alone: it marks the next line
                pending_mark = mark or pending_mark
                continue
            if pending_mark and not mark:
                mark, pending_mark = pending_mark, ""
            out.append(Line(rest, n, gap if k == 0 else 0, mark, indent if k == 0 else 0))
            gap = 0
    return out


def use_indent_marks(blocks: list[Block]) -> None:
    """When a source has no bullet glyphs at all but indents some lines (the glyph was lost
    in extraction and its space remained, as in seed 004), an indent marks a bullet."""
    lines = [b for b in blocks if isinstance(b, Line)]
    if any(line.mark == "glyph" for line in lines):
        return
    indented = [line for line in lines if line.indent and not line.mark]
    if len(indented) < 2:
        return
    for line in indented:
        line.mark = "indent"


def words_of(text: str) -> list[str]:
    """Words as the coverage figures count them: letters only, case-folded."""
    return [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]


def fold(text: str) -> str:
    """Lower case without diacritics (õ ä ö ü š ž é …): for matching, never for output."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))
