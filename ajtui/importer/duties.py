"""The duties: the two-column "duty | expected results" table, whatever became of it.

From a PDF or DOCX table the cells arrive apart (`Row`): the left cell is the duty, the
right one its results. From extracted text the table is flattened into interleaved lines,
and results are told from the duty's own text

- by a bullet (glyph, `- `, or the indent a lost glyph left behind), or
- by position, where the source has no bullets: the duty's text runs to the end of its
  sentence (a following line in lower case still belongs to it); a capitalised line after
  that starts a result, and so does a capitalised line after a result's sentence.

A lower-case line after a finished result, while the duty's own sentence is still open, is
the left column continuing after a page break: it goes back to the duty's text. Lines of
the general part's grid that stand among the duties (seed 004) are handed back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ajtui.format import model as m
from ajtui.importer.blocks import Block, Line, Row, fold
from ajtui.importer.build import flag, join
from ajtui.importer.general import general_lines_in, is_general_grid
from ajtui.importer.prose import base_gap
from ajtui.importer.vocab import starts_lower, starts_upper, terminated

_DUTY = re.compile(r"^(\d+(?:\.\d+)+\.?)(?:\s+|$|(?=[^\W\d_]))(.*)$")
_BARE = re.compile(r"^\d+(?:\.\d+)+\.?$")
_HEADER_WORDS = ("ulesan", "tulemus", "naitaja", "kriteerium", "kohustus", "eesmark", "too")


def duty_number(text: str) -> tuple[str, str] | None:
    m_ = _DUTY.match(text)
    if not m_:
        return None
    return m_.group(1), m_.group(2).strip()


@dataclass
class _Duty:
    number: str
    text: list[str] = field(default_factory=list)
    results: list[list[str]] = field(default_factory=list)
    mode: str = "text"  # text | results | loose (results told by position) | text2
    #: why a person should check where this duty's text ends and its results begin
    reasons: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def doubt(self, why: str) -> None:
        if why not in self.reasons:
            self.reasons.append(why)


@dataclass
class DutyParse:
    duties: list[m.Duty]
    header: list[str]  # column headers before the first duty (kept as comments)
    before: list[Line]  # other text before the first duty (unplaced)
    general: list[Block]  # the general part's lines found here
    notes: list[str]


def _prefix(lines: list[Line], number: str) -> str:
    """The first number component the duties carry: the section's, or what they all use."""
    firsts = [n[0].split(".")[0] for x in lines if (n := duty_number(x.text))]
    if not firsts or number in firsts:
        return number
    common = max(set(firsts), key=firsts.count)
    return common if firsts.count(common) * 2 > len(firsts) else number


def _is_header(text: str) -> bool:
    from ajtui.importer.blocks import fold

    f = fold(text)
    return len(text.split()) <= 14 and any(w in f for w in _HEADER_WORDS)


_DASH_CELL = re.compile(r"(?<=[;.:])\s+[-–]\s+(?=\S)")


def _split_dashes(blocks: list[Block]) -> list[Block]:
    """'3.2 teostab … vedu; - dokumendid … jõuavad': the right column's bullet on the
    duty's line starts a result."""
    out: list[Block] = []
    for blk in blocks:
        if isinstance(blk, Line) and _DASH_CELL.search(blk.text):
            parts = _DASH_CELL.split(blk.text)
            out.append(Line(parts[0], blk.n, blk.gap, blk.mark, blk.indent, blk.heading, blk.para))
            out.extend(Line(p, blk.n, 0, "dash") for p in parts[1:])
        else:
            out.append(blk)
    return out


def _repeats_header(text: str, header: list[str]) -> bool:
    """The column headers again ("Põhiülesanded Oodatavad tulemused" after a page break)."""

    def norm(t: str) -> str:
        return fold(" ".join(t.replace("|", " ").split()))

    words = norm(text)
    return bool(words) and (
        words == norm(" ".join(header))
        or (len(header) > 1 and any(words == norm(h) for h in header))
    )


def parse_duties(blocks: list[Block], number: str) -> DutyParse:
    blocks = _split_dashes(blocks)
    lines_only = [x for x in blocks if isinstance(x, Line)]
    prefix = _prefix(lines_only, number) if number.isdigit() else ""
    base = base_gap(lines_only)
    out: list[_Duty] = []
    header: list[str] = []
    before: list[Line] = []
    general: list[Block] = []
    notes: list[str] = []

    def is_duty(text: str) -> tuple[str, str] | None:
        hit = duty_number(text)
        if hit and (not prefix or hit[0].split(".")[0] == prefix):
            return hit
        return None

    # where a bullet is still to come before the next duty
    marked_ahead = [False] * len(blocks)
    seen = False
    for i in range(len(blocks) - 1, -1, -1):
        blk = blocks[i]
        if isinstance(blk, Line):
            marked_ahead[i] = seen
            if is_duty(blk.text):
                seen = False
            elif blk.marked:
                seen = True
        else:
            seen = False

    i = 0
    while i < len(blocks):
        blk = blocks[i]
        if isinstance(blk, Row):
            _row(blk, out, header, is_duty)
            i += 1
            continue
        line = blk
        hit = is_duty(line.text)
        if hit:
            out.append(_Duty(hit[0], [hit[1]] if hit[1] else []))
            i += 1
            continue
        if is_general_grid(line, prefix or number):
            lines_here = [x if isinstance(x, Line) else Line("") for x in blocks]
            j = general_lines_in(lines_here, i)
            general.extend(blocks[i:j])
            i = j
            continue
        i += 1
        if not out:
            if _is_header(line.text) and not before:
                header.append(line.text)
            else:
                before.append(line)
            continue
        d = out[-1]
        if header and _repeats_header(line.text, header):
            # the table's header row again after a page break: furniture, kept as a comment
            d.comments.append(f"# {line.text}")
            continue
        if line.marked:
            if (
                d.mode in ("text", "list")
                and d.text
                and (d.mode == "list" or d.text[-1].rstrip().endswith(":"))
            ):
                # "Iga päev:" and its list: the duty's own enumeration, not its results
                d.text.append(line.text)
                d.mode = "list"
                d.doubt(
                    "a bulleted list after a line ending in ':' is kept in the duty's "
                    "text as its sub-tasks; if they are its expected results, move them"
                )
                continue
            d.results.append([line.text])
            d.mode = "results"
            continue
        if d.mode == "list":
            d.mode = "text"
        if d.mode == "text":
            if (
                d.text
                and terminated(d.text[-1])
                and starts_upper(line.text)
                and not marked_ahead[i - 1]
            ):
                d.results.append([line.text])
                d.mode = "loose"
                d.doubt(
                    "results told from the duty's text by position (a new sentence "
                    "after the duty's full stop), with no bullet or table column to "
                    "say so"
                )
            else:
                d.text.append(line.text)
            continue
        if d.mode == "text2":
            d.text.append(line.text)
            continue
        prev = d.results[-1][-1]
        open_text = bool(d.text) and not terminated(d.text[-1])
        if line.gap > base and terminated(prev) and starts_lower(line.text) and open_text:
            d.text.append(line.text)  # the left column goes on after a page break
            d.mode = "text2"
            d.doubt(
                "a lower-case line after the results is taken as the duty's text "
                "going on after a page break"
            )
        elif line.para or (
            terminated(prev) and starts_upper(line.text) and (d.mode == "loose" or line.gap > base)
        ):
            d.results.append([line.text])
        else:
            d.results[-1].append(line.text)

    duties = []
    for d in out:
        text = join(d.text)
        results = [m.Item(join(r)) for r in d.results if join(r)]
        if not text and not results:
            # a number and nothing else (a source cut off right after "3.5"): not a duty
            before.append(Line(d.number))
            notes.append(f"'{d.number}' stands alone, with no text: kept with the unplaced text")
            continue
        if not text and results:
            text = results.pop(0).text
            notes.append(
                f"duty {d.number} has no text of its own; its first line below is taken as its text"
            )
            d.doubt("the duty has no text of its own: its first result was taken as its text")
        duty = m.Duty(d.number, text, results)
        duty.comments = list(d.comments)
        for why in d.reasons:
            flag(duty, why)
        duties.append(duty)
    return DutyParse(duties, header, before, general, notes)


def _split_results(cells: list[list[Line]]) -> list[list[str]]:
    results: list[list[str]] = []
    for cell in cells:
        # a cell whose results are marked (bullets) says where each starts: a sentence
        # that ends a line inside one does not start another
        marked = any(line.marked for line in cell)
        for k, line in enumerate(cell):
            if (
                not results
                or k == 0
                or line.marked
                or line.para
                or (not marked and terminated(results[-1][-1]) and starts_upper(line.text))
            ):
                results.append([line.text])
            else:
                results[-1].append(line.text)
    return results


def _sub_duties_home(d: _Duty) -> None:
    """'3.1.1 …' in the results cell of row 3.1 is part of the duty (its sub-task), never a
    result: it goes to the duty's text, with a review item."""
    own = d.number.rstrip(".") + "."
    keep = []
    for r in d.results:
        hit = duty_number(r[0]) if r else None
        if (
            hit
            and (hit[0].rstrip(".") + ".").startswith(own)
            and hit[0].rstrip(".") != d.number.rstrip(".")
        ):
            d.text.extend(r)
            d.doubt(f"'{hit[0]}' stood among the results and is taken as part of the duty")
        else:
            keep.append(r)
    d.results = keep


def _row(row: Row, out: list[_Duty], header: list[str], is_duty) -> None:
    cells = list(row.cells)
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        return
    first, others = cells[0], cells[1:]
    if first and others and len(first) == 1 and _BARE.match(first[0].text):
        d = _Duty(first[0].text, [x.text for x in others[0]])
        d.results = _split_results(others[1:])
        d.mode = "results"
        out.append(d)
        return
    hit = is_duty(first[0].text) if first else None
    if hit:
        d = _Duty(hit[0], ([hit[1]] if hit[1] else []) + [x.text for x in first[1:]])
        d.results = _split_results(others)
        _sub_duties_home(d)
        d.mode = "results"
        out.append(d)
        return
    if out and header and _repeats_header(" ".join(row.texts), header):
        out[-1].comments.append(
            "# " + " | ".join(" ".join(row.texts[k].split()) for k, c in enumerate(cells) if c)
        )
        return
    if out:  # the row goes on (a table broken across pages)
        d = out[-1]
        if row.gap < 3:
            d.doubt("a table row without a number is taken as this duty's row going on")
        d.text.extend(x.text for x in first)
        more = _split_results([c for c in others if c])
        nxt = next((c[0] for c in others if c), None)
        if more and d.results and nxt is not None and not nxt.marked and starts_lower(nxt.text):
            d.results[-1].extend(more.pop(0))
        d.results.extend(more)
        return
    header.append(" | ".join(" ".join(x.text for x in c) for c in cells if c))


#: The duty column's own header ends at its first word about duties ("Teenistuskoha
#: ülesanded", "Ülesanne", "Põhiülesanded", "Kohustused").
_DUTY_COLUMN_END = ("ulesan", "kohustus")


def column_headers(header: list[str]) -> list[m.Field]:
    """The duty table's column headers as `> ` lines above the duties: two when the
    columns can be told apart (a table's cells; a text line split after the duty column's
    word), else the lines as the source has them."""
    if len(header) == 1 and header[0].count(" | ") == 1:
        cells = header[0].split(" | ")
    elif any(" | " in h for h in header):  # cells of more than two columns: as they are
        cells = list(header)
    else:
        words = " ".join(header).split()
        end = next(
            (i for i, w in enumerate(words) if any(k in fold(w) for k in _DUTY_COLUMN_END)), None
        )
        cells = (
            [" ".join(words[: end + 1]), " ".join(words[end + 1 :])]
            if end is not None and end + 1 < len(words)
            else list(header)
        )
    return [m.Field("", " ".join(c.split()), in_prose=True) for c in cells if c.strip()]
