"""Page furniture: a running header or footer that stands next to every page break is
dropped from the text before it is read; what starts a description or a section never is."""

from __future__ import annotations

import re

from ajtui.importer.blocks import _ANY_CID, Line, clean, fold, is_page_number, to_lines
from ajtui.importer.header import is_directive_start, is_stamp_start
from ajtui.importer.vocab import is_upper_text


def _page_key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", fold(text)).split())


def starts_something(line: Line) -> bool:
    """What starts a description or a section is never page furniture, even when each
    annex of a directive starts a page with it: a stamp ("KINNITATUD"), "Lisa 2", an
    upper-case title, a directive, a numbered line; nor is a long line."""
    return bool(
        re.match(r"^(\d|lisa\b)", line.text, re.IGNORECASE)
        or is_upper_text(line.text)
        or len(line.text.split()) > 12
        or is_stamp_start(line)
        or is_directive_start(line)
    )


def body_follows(lines: list[Line]) -> bool:
    """A description's first section ("1. Üldosa", "I ÜLDSÄTTED") within the next lines:
    a line before it is the description's title, however often it comes."""
    return any(re.match(r"^(1|I)\.?\s", x.text) for x in lines[:3])


def text_lines(text: str) -> tuple[list[Line], str]:
    """Extracted text -> (lines, the text whose words count as the source's): `to_lines`,
    and a running header or footer dropped — a line that stands next to a page break (a
    form feed or a page number) every time it comes, at least twice ("Näidisamet ·
    Ametijuhend", "Versioon 3, lk 2"). Its words are page furniture and are not counted."""
    lines = to_lines(text)
    # an unmapped glyph's '(cid:127)' is a bullet, not the word 'cid'
    text = _ANY_CID.sub(" ", text) if "(cid:" in text else text
    norm = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n\n")
    raw = norm.split("\n")
    if "\f" not in text and not any(is_page_number(clean(r)) for r in raw if r.strip()):
        return lines, text
    # the document's start and end, each form feed's blank lines, and page numbers
    breaks = {0, len(raw) + 1}
    k = 0
    for chunk in text.replace("\r\n", "\n").replace("\r", "\n").split("\f")[:-1]:
        k += chunk.count("\n")
        breaks.update(range(k + 1, k + 6))
        k += 4
    for n, r in enumerate(raw, 1):
        if r.strip() and is_page_number(clean(r)):
            breaks.add(n)

    def beside_break(n: int) -> bool:
        for step in (-1, 1):
            j = n + step
            while 1 <= j <= len(raw) and not raw[j - 1].strip() and j not in breaks:
                j += step
            if j in breaks:
                return True
        return False

    seen: dict[str, list[tuple[Line, bool]]] = {}
    for k, line in enumerate(lines):
        if starts_something(line):
            continue
        seen.setdefault(_page_key(line.text), []).append((line, body_follows(lines[k + 1 :])))
    drop = {
        id(x)
        for group in seen.values()
        if len(group) >= 2
        and all(beside_break(x.n) for x, _ in group)
        and not all(starts for _, starts in group)
        for x, _ in group
    }
    if not drop:
        return lines, text
    gone = {x.n for x in lines if id(x) in drop}
    kept = [x for x in lines if id(x) not in drop]
    for x, y in zip(lines, lines[1:]):
        if id(x) in drop and id(y) not in drop:
            y.gap = max(y.gap, x.gap + 1)
    return kept, "\n".join(r for n, r in enumerate(raw, 1) if n not in gone)
