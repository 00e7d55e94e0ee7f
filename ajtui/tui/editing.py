"""Text edits the editor offers: insert a duty, renumber duties.

Both work on the parsed model's positions and change only the lines they must, so the
rest of the text (comments, the author's line breaks) stays as it is and one undo step
takes the edit back. Renumbering numbers as `aj renumber` does (ajtui.ops.edit.renumber).
Pure functions over lines: no widgets here.
"""

from __future__ import annotations

from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.format.vocabulary import DIRECTIVE


def _next_number(number: str) -> str:
    dot = "." if number.endswith(".") else ""
    parts = number.rstrip(".").split(".")
    try:
        parts[-1] = str(int(parts[-1]) + 1)
    except ValueError:
        parts.append("1")
    return ".".join(parts) + dot


def _duty_sections(doc: m.Document) -> list[tuple[int, m.DutySection]]:
    """Duty sections with their ordinal as the validator and `aj renumber` count it."""
    return [
        (ordinal, sec)
        for ordinal, sec in enumerate(doc.sections, 1)
        if isinstance(sec, m.DutySection)
    ]


def insert_duty(doc: m.Document, line: int, lines: list[str]):
    """A new duty after the duty at `line` (1-based), or at the end of the duties when
    the cursor is elsewhere. Returns ((row, column) to insert at, text, cursor (row,
    column) after the insertion), or None without a duties section."""
    sections = _duty_sections(doc)
    if not sections:
        return None
    target: m.Duty | None = None
    section = None
    for ordinal, sec in sections:
        for d in sec.duties:
            if d.line <= line <= max(d.end_line, d.line):
                target, section = d, (ordinal, sec)
        if target is None and sec.line <= line <= max(sec.end_line, sec.line):
            section = (ordinal, sec)
            target = sec.duties[-1] if sec.duties else None
    if section is None:
        section = sections[0]
        target = section[1].duties[-1] if section[1].duties else None
    ordinal, sec = section
    if target is None:
        prefix = sec.number or str(ordinal)
        number = f"{prefix}.1."
        indent = "  "
        row = max(sec.end_line, sec.line)
    else:
        number = _next_number(target.number)
        indent = " " * max(target.column - 1, 0)
        row = max(target.end_line, target.line)
    text = f"{indent}{number} \n{indent}  - \n"
    cursor = (row, len(indent) + len(number) + 1)
    if row >= len(lines):  # the text does not end with a newline
        last = len(lines) - 1
        return (last, len(lines[last])), "\n" + text.rstrip("\n"), cursor
    return (row, 0), text, cursor


def renumber(doc: m.Document, lines: list[str]):
    """Duties numbered in order, as `aj renumber` numbers them (ajtui.ops.edit.renumber: the
    section's number, then 1, 2, 3 …; a trailing dot kept as each number had it), written
    over the old numbers in place. Returns (first row, last row, new lines for that range,
    count of changed numbers), or None when nothing changes."""
    from ajtui.ops.edit import renumber as renumber_model

    duties = [
        (d, d.line, d.column, d.number)
        for sec in doc.sections
        if isinstance(sec, m.DutySection)
        for d in sec.duties
    ]
    renumber_model(doc)
    changes: dict[int, tuple[int, str, str]] = {}
    for d, line, column, old in duties:
        if d.number != old:
            changes[line - 1] = (column - 1, old, d.number)
    if not changes:
        return None
    first, last = min(changes), max(changes)
    out = []
    for row in range(first, last + 1):
        text = lines[row]
        if row in changes:
            col, old, new = changes[row]
            if text[col : col + len(old)] == old:
                text = text[:col] + new + text[col + len(old) :]
        out.append(text)
    return first, last, out, len(changes)


#: The header fields an approval sets, in the canonical order of the section.
_APPROVAL_ORDER = list(vocabulary.FIELD_KEYS["ametijuhend"])


def _set_field(text: str, key: str, value: str | None) -> str:
    """One field of the `ametijuhend` section set (or removed with None), touching only
    its own lines; a new field goes after the fields that precede it canonically."""
    from ajtui.format.parser import loads

    doc = loads(text)
    lines = text.split("\n")
    sec = doc.section("ametijuhend")
    if sec is None:
        if value is None:
            return text
        return f"ametijuhend\n  {key}: {value}\n\n" + text
    assert isinstance(sec, m.FieldSection)
    existing = sec.get(key)
    if existing is not None:
        first, last = existing.line - 1, max(existing.end_line, existing.line) - 1
        if value is None:
            del lines[first : last + 1]
        else:
            source = lines[first]
            head = (
                source[: source.index(":")] if ":" in source else " " * (existing.column - 1) + key
            )
            lines[first : last + 1] = [f"{head}: {value}"]
        return "\n".join(lines)
    if value is None:
        return text
    rank = _APPROVAL_ORDER.index(key) if key in _APPROVAL_ORDER else len(_APPROVAL_ORDER)
    before = [
        f for f in sec.fields if f.key in _APPROVAL_ORDER and _APPROVAL_ORDER.index(f.key) < rank
    ]
    if before:
        anchor = max(before, key=lambda f: f.line)
        indent = " " * (anchor.column - 1)
        at = max(anchor.end_line, anchor.line)
    elif sec.fields:
        top = min(sec.fields, key=lambda f: f.line)
        indent = " " * (top.column - 1)
        at = top.line - 1 - len(top.comments)
    else:
        indent, at = "  ", sec.line
    lines.insert(at, f"{indent}{key}: {value}")
    return "\n".join(lines)


def set_approval(text: str, number: str, date: str, annex: str = "") -> str:
    """The header says: approved by directive nr `number` of `date` (annex `annex`, or
    no annex when empty). Only the header's lines change."""
    for value in (number, date, annex):
        if "\n" in value or value != value.strip():
            raise ValueError(f"not a one-line value: {value!r}")
    text = _set_field(text, "kinnitatud", DIRECTIVE)
    text = _set_field(text, "number", number)
    text = _set_field(text, "kuupäev", date)
    text = _set_field(text, "lisa", annex or None)
    return text
