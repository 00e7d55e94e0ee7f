"""Prose sections (paragraphs and list items), requirements, and signatures.

Paragraph rules, the same for every source:

- a bullet (a glyph, `- `, or a lost glyph's indent) starts an item;
- a line right below another continues it, unless the one above ends a list entry (`;`);
- after a blank line, a line continues the one above only when that one did not end its
  sentence and this one starts in lower case (a sentence broken by the page or by the
  extraction's double spacing);
- a run of paragraphs that end with `;` is a list: its entries become items.
"""

from __future__ import annotations

import re

from ajtui.format import model as m
from ajtui.importer.blocks import Line, fold
from ajtui.importer.build import clean_key, join, set_label
from ajtui.importer.vocab import (
    REQUIREMENT_TABLE,
    is_upper_text,
    match,
    starts_lower,
    starts_upper,
    terminated,
    word_is,
)

# --- paragraphs and items -------------------------------------------------------------------


def base_gap(lines: list[Line]) -> int:
    """The usual number of blank lines between two lines of this text (1 in exports that
    double-space every line): only a larger gap separates paragraphs."""
    gaps = sorted(line.gap for line in lines[1:])
    return gaps[(len(gaps) - 1) // 2] if gaps else 0


_NUMBERED_START = re.compile(r"^\d+(?:\.\d+)*\.?(?:\s|(?=[^\W\d_]))")
_POINT_START = re.compile(r"^\d+\.\d+(?:\.\d+)*\.?(?:\s|(?=[^\W\d_]))")


def line_width(lines: list[Line]) -> int:
    """The width of a full line of this text (most lines are wrapped at about it)."""
    sizes = sorted(len(x.text) for x in lines)
    return sizes[int(len(sizes) * 0.8)] if sizes else 0


def continues(kind: str, prev: str, line: Line, base: int = 0, width: int = 0) -> bool:
    """Does `line` continue the block whose last line is `prev`?"""
    if line.marked or line.para or is_signed_mark(line.text):
        return False  # a signer's block is never glued to the item above it
    if line.gap <= base:
        if kind == "p" and (prev.rstrip().endswith(";") or _POINT_START.match(line.text)):
            return False  # "5.2 võtta osa …": a new point
        return not (
            kind == "p"
            and terminated(prev)
            and (
                _NUMBERED_START.match(line.text)  # "5.2 võtta osa …" after "… 5.1 …."
                # a short last line ends a paragraph
                or (starts_upper(line.text) and width >= 40 and len(prev) < 0.6 * width)
            )
        )
    return not terminated(prev) and (starts_lower(line.text) or not starts_upper(line.text))


def group_lines(lines: list[Line]) -> list[tuple[str, list[str]]]:
    """Lines -> blocks: ("p", lines) paragraphs and ("i", lines) items."""
    blocks: list[tuple[str, list[str]]] = []
    base = base_gap(lines)
    width = line_width(lines)
    after_heading = False
    for line in lines:
        if (
            blocks
            and not after_heading
            and not line.heading
            and continues(blocks[-1][0], blocks[-1][1][-1], line, base, width)
        ):
            blocks[-1][1].append(line.text)
        else:
            blocks.append(("i" if line.marked else "p", [line.text]))
        after_heading = line.heading
    return _lists(blocks)


def _depth(text: str) -> int:
    """How deep the point number a text starts with is: '1.1.7.' -> 3, no number -> 0."""
    mm = _NUMBERED_START.match(text)
    return len([x for x in mm.group().strip().split(".") if x]) if mm else 0


def _lists(blocks: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Paragraph runs that end with ';' are list entries: items. A point numbered at
    another depth ('1.2.' after '1.1.7. …;') is not an entry of the list."""
    out = list(blocks)
    i = 0
    while i < len(out):
        if out[i][0] != "p" or not out[i][1][-1].rstrip().endswith(";"):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(out)
            and out[j + 1][0] == "p"
            and out[j][1][-1].rstrip().endswith(";")
            and _depth(out[j + 1][1][0]) == _depth(out[i][1][0])
        ):
            j += 1
        if (
            j > i
            and not out[j][1][-1].rstrip().endswith(";")
            and starts_lower(out[j][1][0]) != starts_lower(out[i][1][0])
        ):
            j -= 1
        if j > i:
            for k in range(i, j + 1):
                out[k] = ("i", out[k][1])
        i = j + 1
    return out


def prose(lines: list[Line]) -> list[m.Block]:
    """Lines -> the blocks of a prose section."""
    out: list[m.Block] = []
    indented = [x for x in lines if x.mark == "indent"]
    if len(indented) == 1 and not any(x.mark and x.mark != "indent" for x in lines):
        indented[0].mark = ""  # one indented line is not a list
    for kind, texts in group_lines(lines):
        text = join(texts)
        if not text:
            continue
        first = text.split("\n", 1)[0]
        if kind == "i" or first.startswith(("#", "- ")) or first == "-":
            out.append(m.Item(join(texts)))
        else:
            out.append(m.Paragraph(text))
    return out


# --- requirements ---------------------------------------------------------------------------


def is_group_line(line: Line) -> bool:
    t = line.text.rstrip()
    return (
        not line.marked
        and t.endswith(":")
        and len(t.split()) <= 5
        and starts_upper(t)
        and ":" not in t[:-1]
    )


def requirement_label(line: Line, *, after_label: bool, prev: str | None):
    """(key, label as written, rest of the line) when the line is a requirement label."""
    if after_label or line.marked or not starts_upper(line.text):
        return None
    whole = match(line.text, REQUIREMENT_TABLE, whole=True)
    if whole:
        return whole.value, line.text.rstrip(" :"), ""
    hit = match(line.text, REQUIREMENT_TABLE)
    if not hit:
        return None
    words = line.text.split()
    rest = " ".join(words[hit.words :])
    if words[hit.words - 1].endswith((".", ",", ";")):
        return None
    colon = words[hit.words - 1].endswith(":") or rest.startswith(":")
    new_block = line.gap > 0 or prev is None or terminated(prev)
    if colon or (
        new_block and hit.value not in ("@kompetentsid", "@lisakompetentsid") and starts_upper(rest)
    ):
        return hit.value, hit.label, rest.lstrip(": ")
    return None


class _Items:
    """Items (with the paragraph rules) for competency groups and additional competencies."""

    def __init__(self, base: int = 0) -> None:
        self.items: list[list[str]] = []
        self.base = base
        self.bulleted = False

    def add(self, line: Line) -> None:
        if self.items and not line.marked and not line.para:
            prev = self.items[-1][-1]
            # in a bulleted list a new entry has its bullet: a line without one goes on
            if (
                self.bulleted
                or line.gap <= self.base
                or not terminated(prev)
                or not starts_upper(line.text)
            ):
                self.items[-1].append(line.text)
                return
        self.bulleted = self.bulleted or line.marked
        self.items.append([line.text])

    def made(self) -> list[m.Item]:
        return [m.Item(join(t)) for t in self.items if join(t)]


def requirements(lines: list[Line]) -> tuple[list[m.Requirement], list[Line]]:
    """Lines -> requirement entries, and the lines before the first label (if any)."""
    entries: list = []
    before: list[Line] = []
    field_lines: list[str] | None = None
    comp: m.Competencies | None = None
    groups: list[tuple[str | None, _Items]] = []
    add: _Items | None = None
    add_node: m.AdditionalCompetencies | None = None
    after_label = False
    prev: str | None = None
    values: list[tuple[m.Field, list[str]]] = []
    base = base_gap(lines)

    def close():
        nonlocal field_lines, comp, groups, add, add_node
        if comp is not None:
            named = [(name, items) for name, items in groups if name]
            if groups and len(named) == len(groups):
                comp.groups = [m.CompetencyGroup(name, items.made()) for name, items in named]
            else:  # items under no group name: keep them as the lines of a field
                lines_ = [t for _, items in groups for it in items.items for t in it]
                names = [name for name, _ in groups if name]
                entries[entries.index(comp)] = m.Field(
                    clean_key(comp.title or "kompetentsid"), join(names + lines_)
                )
        if add_node is not None and add is not None:
            add_node.items = add.made()
        field_lines = None
        comp = None
        groups = []
        add = None
        add_node = None

    for line in lines:
        label = requirement_label(line, after_label=after_label, prev=prev)
        if label:
            key, written, rest = label
            close()
            if key == "@kompetentsid":
                comp = m.Competencies(line.text.rstrip(" :"))
                entries.append(comp)
            elif key == "@lisakompetentsid":
                add_node = m.AdditionalCompetencies(line.text.rstrip(" :"))
                add = _Items(base)
                entries.append(add_node)
            else:
                f = m.Field(key or clean_key(written), "")
                set_label(f, written)
                entries.append(f)
                field_lines = [rest] if rest else []
                values.append((f, field_lines))
            after_label = not rest and key not in ("@kompetentsid", "@lisakompetentsid")
            prev = line.text
            continue
        after_label = False
        prev = line.text
        if comp is not None:
            if is_group_line(line):
                groups.append((line.text.rstrip()[:-1].strip(), _Items(base)))
            else:
                if not groups:
                    groups.append((None, _Items(base)))
                groups[-1][1].add(line)
        elif add is not None:
            add.add(line)
        elif field_lines is not None:
            field_lines.append(line.text)
        else:
            before.append(line)
    close()
    for f, value in values:
        f.value = join(value)
    return entries, before


# --- signatures -----------------------------------------------------------------------------

_SIGNED = re.compile(r"^[(/\[]?\s*allkirjastatud\s+digitaalselt\s*[)/\]]?", re.IGNORECASE)


def is_signed_mark(text: str) -> bool:
    return bool(_SIGNED.match(fold(text).strip()))


def roles_of(text: str) -> list[str] | None:
    """'Tööandja: Töötaja:' -> ['Tööandja', 'Töötaja']."""
    t = text.strip()
    if not t.endswith(":"):
        return None
    parts = [p.strip() for p in t[:-1].split(":")]
    if not parts or any(not p or len(p.split()) > 3 or not starts_upper(p) for p in parts):
        return None
    return parts


#: "Olen ametijuhendiga tutvunud", "Ametijuhendiga tutvunud:": the acknowledgement that
#: opens the signatures.
_ACKNOWLEDGED = re.compile(r"^(?:olen\s+)?(?:ameti)?juhendiga\s+tutvunud\b", re.IGNORECASE)


def is_signature_start(line: Line) -> bool:
    t = line.text
    if is_signed_mark(t) or roles_of(t) or _ACKNOWLEDGED.match(t.strip()):
        return True
    words = t.rstrip(":").split()
    return 1 <= len(words) <= 3 and word_is(words[-1], "allkirjad")


def signatures(lines: list[Line]) -> tuple[str, list[m.Field], list[str]]:
    """Lines -> (section title, fields role -> lines, notes)."""
    title = ""
    notes: list[str] = []
    rest = list(lines)
    if rest and not is_signed_mark(rest[0].text):
        words = rest[0].text.rstrip(":").split()
        if words and len(words) <= 3 and word_is(words[-1], "allkirjad"):
            title = rest[0].text.rstrip(" :")
            rest = rest[1:]
    roles: list[str] = []
    if rest and roles_of(rest[0].text):
        roles = roles_of(rest[0].text) or []
        rest = rest[1:]
    if not roles:
        return (
            title,
            [m.Field("allkirjastaja", join([x.text for x in rest]))] if rest else [],
            notes,
        )
    cols: list[list[str]] = [[] for _ in roles]
    cur = 0
    side_by_side = False
    n = len(roles)
    for line in rest:
        t = line.text
        marks = [
            mm.start() for mm in re.finditer(r"\(?allkirjastatud digitaalselt\)?", t, re.IGNORECASE)
        ]
        if n > 1 and len(marks) == n:
            for i in range(n):
                end = marks[i + 1] if i + 1 < n else len(t)
                cols[i].append(t[marks[i] : end].strip())
            side_by_side = True
            continue
        words = t.split()
        if side_by_side and n > 1 and len(words) == 2 * n and all(starts_upper(w) for w in words):
            for i in range(n):
                cols[i].append(" ".join(words[2 * i : 2 * i + 2]))
            continue
        if side_by_side:
            cols[0].append(t)
            continue
        if is_signed_mark(t) and cols[cur] and cur + 1 < n:
            cur += 1
        cols[cur].append(t)
    if side_by_side:
        notes.append(
            "the signatures stood side by side in the source; check which lines belong to whom"
        )
    # roles are keys: written in lower case, as the format writes its own ('tööandja')
    fields = [m.Field(clean_key(r).lower(), join(c)) for r, c in zip(roles, cols)]
    return title, fields, notes


def looks_like_signatures(lines: list[Line]) -> bool:
    """Short lines only (names, titles, marks)."""
    return all(len(x.text.split()) <= 8 and not x.text.rstrip().endswith(";") for x in lines)


def is_amendment_sentence(text: str) -> bool:
    """'Ametijuhend vaadatakse üle kord aastas …': the amendment clause, wherever it stands."""
    words = text.split()
    return (
        len(words) >= 3
        and word_is(words[0], "ametijuhend")
        and any(
            word_is(w, x)
            for w in words[1:5]
            for x in ("vaadatakse", "muudetakse", "muudetakse", "uuendatakse", "korrigeeritakse")
        )
    )


def upper_heading(text: str) -> bool:
    return is_upper_text(text) and len(text.split()) <= 8
