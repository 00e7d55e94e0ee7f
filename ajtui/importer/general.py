"""The general part (üldosa): label/value rows in every layout the exports produce.

- `Label value` on one line, the label known (fuzzily) or followed by a capitalised value
  ("Teenistuskoha asukoht Tartu linn");
- `Label: value` (any label);
- a label alone, the value on the lines below (until the next label);
- a flattened grid: "1.3. Vahetu juht 1.4. Kes asendab 1.5. Keda asendab", then the values
  of the three cells on the lines below, side by side and wrapped. A new value starts at a
  capitalised word that does not continue a list ("Tiimijuht Koordinaator, tiimijuht
  Koordinaatorit, tiimijuhti" is three values), a line starting in lower case or with "("
  continues the value before;
- a table row from a PDF or DOCX: label cell | value cell, or a row of labels above a row of
  values.

Keys are canonical for the fields the format knows (`ametinimetus`, `vahetu juht` …) and the
label as written for the others. A purpose given as a row of this table ("Teenistuskoha
eesmärk") goes to the `eesmärk` section.
"""

from __future__ import annotations

import re

from ajtui.format import model as m
from ajtui.importer.blocks import Block, Line, Row, fold
from ajtui.importer.build import Builder, add_field, clean_key, flag, join, set_label
from ajtui.importer.prose import prose
from ajtui.importer.vocab import GENERAL_TABLE, match, starts_lower, starts_upper, terminated

#: A gap this large (blank lines) ends a flattened grid's values: a page break.
BIG_GAP = 3
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(.*)$")
#: Verbs right after a label make the line a sentence of a prose general part.
_VERBS = {
    "on",
    "oli",
    "asub",
    "allub",
    "asendab",
    "kuulub",
    "maarab",
    "nimetab",
    "ei",
    "vastutab",
    "tagab",
}
#: A label's plural or gender mark: "Asendaja (d)", "Asendaja(d)", "Alluvad (-d)".
_SUFFIX = re.compile(r"(?<=[^\W\d_])\s*\((?:-?[^\W\d_]{1,3})\)(?=\s|:|$)")
_LEADING_SUFFIX = re.compile(r"^\((?:-?[^\W\d_]{1,3})\)(?:\s+|$)")
_ROW_NUMBER = re.compile(r"^\d{1,2}\.\s*(?=[^\W\d_])")
_GRID_SPLIT = re.compile(r"(?:^|\s+)\d+\.\d+\.?\s+")
_NO_SPLIT_AFTER = {"ja", "või", "ning", "ehk", "ega", "sh", "nt", "v", "vm", "jt"}


def grid_labels(text: str) -> list[str] | None:
    """'1.1. Ametinimetus 1.2. Struktuuriüksus' -> ['Ametinimetus', 'Struktuuriüksus']."""
    if not _NUMBERED.match(text):
        return None
    parts = _GRID_SPLIT.split(text)
    if parts[0].strip():
        return None
    labels = [p.strip() for p in parts[1:]]
    if len(labels) < 2 or any(not p for p in labels):
        return None
    for label in labels:
        known = match(label, GENERAL_TABLE, whole=True)
        if not known and (len(label.split()) > 4 or terminated(label) or not starts_upper(label)):
            return None
    return labels


def split_caps(text: str) -> list[str]:
    """Where side-by-side cell values start: at a capitalised word that does not follow a
    comma, a conjunction or an opening parenthesis."""
    words = text.split(" ")
    segs: list[list[str]] = [[]]
    for i, w in enumerate(words):
        if i and segs[-1] and w[:1].isupper() and any(c.islower() for c in w):
            prev = segs[-1][-1]
            if not prev.endswith((",", "(", "-", "–", "/")) and prev.lower() not in _NO_SPLIT_AFTER:
                segs.append([])
        segs[-1].append(w)
    return [" ".join(s).strip() for s in segs if " ".join(s).strip()]


def assign_grid(n: int, lines: list[Line]) -> list[list[str]]:
    """The values of n side-by-side cells, from their flattened lines."""
    return assign_grid_checked(n, lines)[0]


def assign_grid_checked(n: int, lines: list[Line]) -> tuple[list[list[str]], bool]:
    """The values of n side-by-side cells, and whether the pairing is certain: one line per
    cell, no line split between two cells. Anything else is a guess a person must check."""
    if n == 1:
        return [[x.text for x in lines]], True
    if all(len(split_caps(x.text)) == 1 for x in lines):
        if len(lines) == n:
            return [[x.text] for x in lines], True
        # one cell per blank-line-separated paragraph, no line shared by two cells
        paras = _paragraphs(lines)
        if len(paras) == n:
            return paras, True
    vals: list[list[str]] = [[] for _ in range(n)]
    cur = -1
    for line in lines:
        segs = split_caps(line.text) if n > 1 else [line.text]
        for j, seg in enumerate(segs):
            new = starts_upper(seg)
            if cur < 0:
                cur = 0
                vals[0].append(seg)
            elif j == 0:
                if new and cur < n - 1 and vals[cur]:
                    cur += 1
                vals[cur].append(seg)
            elif cur < n - 1:
                cur += 1
                vals[cur].append(seg)
            else:
                vals[cur][-1] += " " + seg
    # values that start in lower case: one paragraph per cell is the better guess
    if n > 1 and any(not v for v in vals):
        paras = _paragraphs(lines)
        if len(paras) == n:
            return paras, False
    return vals, False


def _paragraphs(lines) -> list[list[str]]:
    """The lines' texts grouped into paragraphs at blank lines."""
    paras: list[list[str]] = []
    for line in lines:
        if not paras or line.gap > 0:
            paras.append([])
        paras[-1].append(line.text)
    return paras


def field_label(line: Line, *, strong: bool = False):
    """(key, label as written, rest of the line) for a label line of the general part."""
    text = line.text
    numbered = _NUMBERED.match(text)
    if numbered:
        text = numbered.group(2)
    else:  # "1. Ametinimetus:    AEDNIK-MAJAHOIDJA": a numbered row without a heading
        row = _ROW_NUMBER.match(text)
        if row and ":" in text:
            text = text[row.end() :]
    colon = re.match(r"^([^:]{1,60}?)\s*:\s*(.*)$", text)
    if colon and len(colon.group(1).split()) <= 5 and starts_upper(colon.group(1)):
        label = colon.group(1)
        known = match(_SUFFIX.sub("", label), GENERAL_TABLE, whole=True)
        return (known and known.value) or clean_key(label), label, colon.group(2).strip()
    hit = match(_SUFFIX.sub("", text, count=1), GENERAL_TABLE) if starts_upper(text) else None
    if hit and fold(" ".join(text.split()[hit.words : hit.words + 1])) in _VERBS:
        hit = None  # "Ametikoha nimetus on nõunik.": a sentence, not a label and its value
    if hit and not text.split()[hit.words - 1].endswith((".", ",", ";")):
        label, rest = hit.label, " ".join(text.split()[hit.words :])
        suffix = _LEADING_SUFFIX.match(rest)
        if suffix:  # "Asendaja (d) Nõunik": the plural mark belongs to the label
            label, rest = label + " " + suffix.group().strip(), rest[suffix.end() :]
        return hit.value or clean_key(label), label, rest
    if numbered and len(text.split()) <= 4 and starts_upper(text) and not terminated(text):
        return clean_key(text), text, ""
    if strong:
        return None
    # an unknown label with its value: "Ametikoha grupp Töötaja"
    words = text.split()
    if (
        2 <= len(words) <= 6
        and starts_upper(text)
        and not terminated(text)
        and not text.endswith(",")
    ):
        for i in range(1, len(words)):
            if words[i][:1].isupper() and starts_lower(words[i - 1]) and i < len(words):
                return clean_key(" ".join(words[:i])), " ".join(words[:i]), " ".join(words[i:])
    return None


_SWALLOW = (
    "the line {!r} starts a new sentence after a complete value: it may be text of "
    "its own (the general part's prose, the purpose), not part of this value"
)


def _new_sentence(value: list[str], line: Line) -> bool:
    """A line that starts a sentence of its own below a value that ended its sentence: a
    field may be swallowing the text that follows it."""
    return (
        bool(value)
        and terminated(value[-1])
        and starts_upper(line.text)
        and not line.text.startswith("(")
    )


_PURPOSE_START = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:teenistuskoha|ametikoha|töökoha|"
    r"ametniku|töötaja)?\s*(?:põhi)?eesmär(?:k|gid)\s+(?:on|:)",
    re.IGNORECASE,
)


def _purpose_start(line: Line) -> bool:
    """'Teenistuskoha eesmärk on …', 'Ametikoha põhieesmärk on …': the purpose sentence."""
    return bool(_PURPOSE_START.match(line.text.strip()))


def _paragraph_after(values: list[Line], line: Line, n: int) -> bool:
    """A paragraph after a grid's values: every cell has its one short line and this line
    is a long sentence of its own."""
    words = line.text.split()
    return (
        len(values) >= n
        and all(len(v.text.split()) <= 6 for v in values)
        and len(words) >= 8
        and starts_upper(line.text)
        and not line.text.startswith("(")
    )


def _whole_value(line: Line) -> bool:
    """A line that is a value by itself: it starts as a value does and leaves nothing open
    ('Peaspetsialist või' goes on below)."""
    text = line.text.strip()
    last = text.split()[-1].lower() if text.split() else ""
    return (
        bool(text)
        and not starts_lower(text)
        and not text.endswith((",", "-", "–", "/"))
        and last not in _NO_SPLIT_AFTER
        and len(split_caps(text)) == 1
    )


def _whole_label(line: Line) -> tuple[str, str] | None:
    """(key, label) when the whole line is a known label and nothing else ('1.6. Asendaja',
    'Keda asendab:')."""
    text = line.text.strip()
    numbered = _NUMBERED.match(text) or _ROW_NUMBER.match(text)
    if numbered:
        text = numbered.group(2) if numbered.re is _NUMBERED else text[numbered.end() :]
    text = text.rstrip(" :")
    if not text or len(text.split()) > 5 or not starts_upper(text):
        return None
    hit = match(_SUFFIX.sub("", text), GENERAL_TABLE, whole=True, cutoff=0.9)
    if hit is None or hit.value == "@eesmärk":
        return None
    return hit.value or clean_key(text), text


def _cut_label(line: Line, nxt: Line | None) -> Line | None:
    """A label cut across two lines by a page break or a narrow cell ('Teenistuskoha' /
    'asukoht Tartu linn'): the two lines as one when together they begin with a longer
    known label than the first line is."""
    words = line.text.split()
    if (
        nxt is None
        or not 1 <= len(words) <= 3
        or terminated(line.text)
        or ":" in line.text
        or not starts_upper(line.text)
        or not starts_lower(nxt.text)
    ):
        return None
    joined = Line(line.text.rstrip() + " " + nxt.text.strip(), line.n, line.gap)
    hit = match(joined.text, GENERAL_TABLE)
    alone = match(line.text, GENERAL_TABLE, whole=True)
    if hit and hit.words > len(words) and (alone is None or alone.score < hit.score):
        return joined
    return None


def is_strong_label(line: Line) -> bool:
    return bool(grid_labels(line.text) or field_label(line, strong=True))


def _row_label(cell: list[Line]) -> tuple[str, str] | None:
    if not cell:
        return None
    text = " ".join(x.text for x in cell)
    probe = Line(text)
    hit = field_label(probe, strong=True)
    if hit and not hit[2]:
        return hit[0], hit[1]
    if len(text.split()) <= 5 and starts_upper(text) and not terminated(text):
        numbered = _NUMBERED.match(text)
        label = numbered.group(2) if numbered else text
        known = match(label, GENERAL_TABLE, whole=True)
        return (known and known.value) or clean_key(label), label
    return None


def _known_label(cell: list[Line]) -> bool:
    text = " ".join(x.text for x in cell).rstrip(" :")
    numbered = _NUMBERED.match(text)
    return bool(match(numbered.group(2) if numbered else text, GENERAL_TABLE, whole=True))


def parse_general(blocks: list[Block], b: Builder, number: str, title: str) -> bool:
    """Fill the üldosa from the blocks; False when they hold no label at all (the caller
    keeps them as a generic section)."""
    #: key (None: a sentence of the general part's prose), label as written, value lines
    fields: list[tuple[str | None, str, list[str]]] = []
    key: str | None  # None: a sentence between the label rows
    doubts: dict[int, str] = {}  # index in fields -> why a person should check it
    colon_rows = False  # the labels are written "Label: value"
    after_grid = False  # right after a flattened grid's values
    purpose_doubt = ""
    purpose: list[Line] = []
    purpose_title = ""
    pre: list[Line] = []
    cur: str | None = None  # "field" | "purpose"
    after_label = False
    lines: list[Line] = []

    # table rows first: label | value cells, or a row of labels over a row of values
    i = 0
    queue = list(blocks)
    while i < len(queue):
        blk = queue[i]
        if isinstance(blk, Row):
            cells = [c for c in blk.cells if c]
            labels = [_row_label(c) for c in cells]
            nxt = queue[i + 1] if i + 1 < len(queue) else None
            # a row of labels over a row of values, unless the row reads as label | value
            # pairs whose values are no known labels ("Ametinimetus | Nõunik")
            pairs = (
                len(cells) % 2 == 0
                and all(labels[0::2])
                and not all(_known_label(c) for c in cells[1::2])
            )
            below = [c for c in nxt.cells if c] if isinstance(nxt, Row) else []
            named = [x for x in labels if x is not None]
            if (
                len(cells) >= 2
                and len(named) == len(labels)
                and len(below) == len(cells)
                and (
                    (not pairs and not all(_row_label(c) for c in below))
                    or (
                        all(_known_label(c) for c in cells)
                        and not any(_known_label(c) for c in below)
                    )
                )
            ):
                for (key, label), cell in zip(named, below):
                    fields.append((key, label, [x.text for x in cell]))
                i += 2
                continue
            if len(cells) >= 2 and len(cells) % 2 == 0 and all(labels[0::2]):
                for k in range(0, len(cells), 2):
                    found = labels[k]
                    assert found is not None  # all(labels[0::2]) above
                    key, label = found
                    if key == "@eesmärk":
                        purpose_title = purpose_title or label
                        purpose.extend(cells[k + 1])
                    else:
                        fields.append((key, label, [x.text for x in cells[k + 1]]))
                i += 1
                continue
            lines.extend(blk.flatten())
        else:
            lines.append(blk)
        i += 1

    i = 0
    while i < len(lines):
        line = lines[i]
        grid = grid_labels(line.text)
        if grid:
            j = i + 1
            while (
                j < len(lines)
                and not is_strong_label(lines[j])
                and not (j > i + 1 and lines[j].gap >= BIG_GAP)
                and not _purpose_start(lines[j])
                and not _paragraph_after(lines[i + 1 : j], lines[j], len(grid))
            ):
                j += 1
            values, certain = assign_grid_checked(len(grid), lines[i + 1 : j])
            why = (
                ""
                if certain
                else (
                    "the values under the labels " + " / ".join(grid) + " stand side by side "
                    "in the source; which value belongs to which label is a guess"
                )
            )
            for label, value in zip(grid, values):
                if why:
                    doubts[len(fields)] = why
                elif len(value) > 2 and sum(len(v.split()) for v in value) > 25:
                    doubts[len(fields)] = (
                        "a long value under a table label: it may hold "
                        "the text that follows the table"
                    )
                known = match(label, GENERAL_TABLE, whole=True)
                key = (known and known.value) or clean_key(label)
                if key == "@eesmärk":
                    purpose_title = purpose_title or label
                    purpose.extend(Line(v) for v in value)
                else:
                    fields.append((key or clean_key(label), label, value))
            cur, after_label = "field", False
            after_grid = True
            i = j
            continue
        if _purpose_start(line):  # "Teenistuskoha eesmärk on …": the purpose, as written
            cur, after_label, after_grid = "purpose", False, False
            purpose.append(line)
            i += 1
            continue
        if after_grid and cur == "field" and _paragraph_after([], line, 0):
            # a paragraph right after the table's values: not one of them
            fields.append((None, "", [line.text]))
            cur, after_grid = "prose", False
            doubts[len(fields) - 1] = (
                "a paragraph right after the table's values, kept as "
                "text of the general part: is it the purpose?"
            )
            i += 1
            continue
        after_grid = False
        if after_label and cur == "field" and fields and not fields[-1][2] and _whole_label(line):
            # labels first, then their values ("1.5. Alluvad / 1.6. Asendaja / puuduvad /
            # Peaspetsialist"): a label is never a value
            run = [fields.pop()]
            j = i
            while j < len(lines) and (whole := _whole_label(lines[j])):
                run.append((*whole, []))
                j += 1
            end = j
            while (
                end < len(lines)
                and not is_strong_label(lines[end])
                and not _purpose_start(lines[end])
                and not (end > j and lines[end].gap >= BIG_GAP)
            ):
                end += 1
            if end - j == len(run) and all(_whole_value(x) for x in lines[j:end]):
                values, certain = [[x.text] for x in lines[j:end]], True
            else:
                values, certain = assign_grid_checked(len(run), lines[j:end])
            names = " / ".join(lab for _, lab, _ in run)
            for (key, label, _), value in zip(run, values + [[]] * len(run)):
                if not certain:
                    doubts[len(fields)] = (
                        f"the labels {names} stand before their values; "
                        "which value belongs to which label is a guess"
                    )
                fields.append((key, label, value))
            cur, after_label = "field", False
            i = end
            continue
        cut = (
            None if after_label else _cut_label(line, lines[i + 1] if i + 1 < len(lines) else None)
        )
        if cut is not None:  # "Teenistuskoha" / "asukoht Tartu linn": a label cut in two
            line = cut
            del lines[i + 1]
            doubts[len(fields)] = f"the label was cut across two lines ({line.text!r}): read as one"
        hit = None if after_label else field_label(line)
        if hit:
            key, label, rest = hit
            if rest and key != "@eesmärk" and field_label(line, strong=True) is None:
                doubts[len(fields)] = (
                    f"where the label {label!r} ends and its value begins is a guess"
                )
            if key == "@eesmärk":
                purpose_title = purpose_title or label
                cur = "purpose"
                if rest:
                    purpose.append(Line(rest, line.n))
            else:
                fields.append((key, label, [rest] if rest else []))
                cur = "field"
            after_label = not rest
            colon_rows = bool(re.match(r"^[^:]{1,60}:", line.text))
            i += 1
            continue
        if cur == "prose" and not colon_rows:
            fields[-1][2].append(line.text)
            i += 1
            continue
        if cur in ("field", "purpose", "prose") and colon_rows and not after_label:
            value = (
                fields[-1][2]
                if cur == "field"
                else [x.text for x in purpose]
                if cur == "purpose"
                else fields[-1][2]
            )
            if _new_sentence(value, line):
                # "Label: value" rows, then a sentence of its own: the general part's prose
                fields.append((None, "", [line.text]))
                cur = "prose"
                i += 1
                continue
            if cur == "prose":
                fields[-1][2].append(line.text)
                i += 1
                continue
        if (
            after_label
            and line.text.startswith("(")
            and (len(fields) >= 2 or (cur == "purpose" and fields))
        ):
            # the cell above spilled past this row's label (a flattened grid)
            at = len(fields) - 1 if cur == "purpose" else len(fields) - 2
            fields[at][2].append(line.text)
            doubts[at] = (
                f"the line {line.text!r} was taken as the end of this value "
                "(a cell that spilled past the next label)"
            )
        elif cur == "field":
            if _new_sentence(fields[-1][2], line):
                doubts.setdefault(len(fields) - 1, _SWALLOW.format(line.text))
            fields[-1][2].append(line.text)
            after_label = False
        elif cur == "purpose":
            if _new_sentence([x.text for x in purpose], line):
                purpose_doubt = purpose_doubt or _SWALLOW.format(line.text)
            purpose.append(line)
            after_label = False
        else:
            pre.append(line)
        i += 1

    if not fields and not purpose:
        return False
    sec = b.first_as(m.FieldSection, "üldosa")
    if sec is None:
        sec = b.add_as(m.FieldSection, "üldosa", number, title)
    keys = {k for k, _, _ in fields}
    for k, (key, label, value) in enumerate(fields):
        if key is None:  # a sentence between the rows: a statement, in its place
            f = stated_field(join(value).replace("\n", " "))
            flag(
                f,
                doubts.get(
                    k,
                    "a sentence between the label rows, kept as text of the "
                    "general part: does it belong to the value above?",
                ),
            )
            sec.fields.append(f)
            continue
        f = add_field(sec, key, value)
        stated = stated_field(f.value.replace("\n", " ")) if key == clean_key(label) else None
        if stated is not None and stated.key and stated.key not in keys:
            # "Alluvus: allub osakonna juhatajale, …": the row's sentence states a field
            keys.add(stated.key)
            stated.before = f"{label}: " + stated.before
            sec.fields[-1] = f = stated
            flag(
                f,
                f"'{f.key}' read from the sentence under the label {label!r}: check the "
                "words in braces",
            )
            continue
        set_label(f, label)
        if k in doubts:
            flag(f, doubts[k])
        elif not f.value.strip():
            flag(
                f,
                f"the label {label!r} has no value under it; a cut-off label or a value elsewhere?",
            )
    if purpose:
        p = b.purpose(purpose_title)
        for k, line in enumerate(purpose):
            if k == 0 and line.gap == 0 and p.blocks:
                line.gap = 1
        p.blocks.extend(prose(purpose))
        if purpose_doubt:
            flag(p, purpose_doubt)
    b.unplace(pre)
    return True


def general_lines_in(lines: list[Line], start: int) -> int:
    """A flattened grid of the general part that stands elsewhere (seed 004 prints it in
    the middle of the duties): the index just past its labels and values."""
    j = start + 1
    while j < len(lines):
        line = lines[j]
        if (
            line.gap >= BIG_GAP
            or _NUMBERED.match(line.text)
            and not grid_labels(line.text)
            and not _is_general_numbered(line.text)
        ):
            break
        j += 1
    return j


def _is_general_numbered(text: str) -> bool:
    m = _NUMBERED.match(text)
    return bool(m and m.group(1).split(".")[0] == "1" and field_label(Line(text), strong=True))


def is_general_grid(line: Line, section_number: str) -> bool:
    """A line of the general part's grid ('1.1 Ametinimetus 1.2 Struktuuriüksus') standing
    in another section."""
    labels = grid_labels(line.text)
    numbered = _NUMBERED.match(line.text)
    if labels and numbered:  # a grid line is numbered
        first = numbered.group(1).split(".")[0]
        return first != section_number and any(match(x, GENERAL_TABLE, whole=True) for x in labels)
    return False


# --- a general part written as prose --------------------------------------------------------

#: Sentences that state a field: (pattern whose group "v" is the value, key). The value is
#: kept as written (inflected forms stay: "osakonna juhatajale"); it ends at the sentence's
#: end or at a clause boundary.
_END = r"(?P<v>[^.;]+?)(?=\s*(?:[.;]\s*$|[.;]\s+\S|,\s+(?:kes|mis|ning|sh)\b|$))"
#: A person's role ends at a comma too ("allub juhatajale, vahetult alluvaid ei ole").
_END_CLAUSE = r"(?P<v>[^.;,]+?)(?=\s*(?:[.;,]\s*|$))"
_STATED = [
    (
        re.compile(
            r"\b(?:teenistuskoha|ametikoha|töökoha|ameti)\s+nimetus\s+on\s+" + _END, re.IGNORECASE
        ),
        "ametinimetus",
    ),
    (
        re.compile(r"\b(?:teenistuskoht|ametikoht|töökoht)\s+asub\s+" + _END, re.IGNORECASE),
        "struktuuriüksus",
    ),
    (
        re.compile(r"\ballub\s+(?:vahetult\s+|otseselt\s+)?" + _END_CLAUSE, re.IGNORECASE),
        "vahetu juht",
    ),
    # "…-le annab tööülesandeid (ja kontrollib nende täitmist) vallavanem": who gives the
    # duties is the manager
    (
        re.compile(
            r"\bannab\s+(?:\w+\s+)?(?:töö|teenistus)?ülesandeid"
            r"(?:\s+ja\s+(?:kontrollib|jälgib)\s+(?:nende\s+|selle\s+)?täitmist)?\s+" + _END_CLAUSE,
            re.IGNORECASE,
        ),
        "vahetu juht",
    ),
    (
        re.compile(r"\b(?:töö|teenistus)?ülesanded\s+annab\s+" + _END_CLAUSE, re.IGNORECASE),
        "vahetu juht",
    ),
    # "X-i / teda / töötajat asendab Y": who substitutes; "X asendab Y": whom X substitutes
    # a partitive object before the verb: juhatajat, nõunikku, juhti, koordinaatorit, teda
    (
        re.compile(
            r"\b(?:teda|\w+(?:jat|kku|ggu|ti|it|ut))\s+asendab\s+"
            r"(?:tema\s+äraolekul\s+|vajadusel\s+)?" + _END,
            re.IGNORECASE,
        ),
        "asendaja",
    ),
    (re.compile(r"\basendab\s+(?:vajadusel\s+)?" + _END, re.IGNORECASE), "asendab"),
]


def stated_field(text: str) -> m.Field:
    """A sentence of a prose general part as a statement, with the first field it states
    ('1.1. Teenistuskoha nimetus on nõunik.' -> {ametinimetus: nõunik})."""
    if "{" in text or "}" in text:  # braces of its own: the parser reads them
        return m.Field("", text, in_prose=True)
    hits = [
        (hit, key)
        for pattern, key in _STATED
        if (hit := pattern.search(text)) and hit.group("v").strip()
    ]
    if not hits:
        return m.Field("", text, in_prose=True)
    hit, key = hits[0]  # the patterns in order: the more specific first
    start, end = hit.span("v")
    # a second field stated later in the sentence ("… on nõunik ja ametikoht asub …"): the
    # first value ends before it; the format marks one field per statement
    later = [h.start() for h, _ in hits if h.start() > start]
    if later:
        nxt = min(later)
        cut = re.search(r"(?:\s*,)?\s+(?:ning|ja)\s+\S*\s*$|\s*[,;]\s*\S*\s*$", text[start:nxt])
        if cut and start + cut.start() > start:
            end = start + cut.start()
    return m.Field(key, text[start:end], in_prose=True, before=text[:start], after=text[end:])


def unmarked_fields(f: m.Field) -> list[str]:
    """Fields a statement's sentence states besides the one marked in it."""
    text = f.sentence
    return [
        key
        for pattern, key in _STATED
        if (hit := pattern.search(text))
        and hit.group("v").strip()
        and key != f.key
        and hit.start("v") >= len(f.before) + len(f.value)
    ]


def prose_statements(lines: list[Line]) -> list[m.Field]:
    """Paragraphs as `> ` statements that state no field (a section's prose kept in a
    fields section)."""
    from ajtui.importer.prose import group_lines

    return [
        m.Field("", text, in_prose=True)
        for _k, texts in group_lines(lines)
        if (text := join(texts))
    ]


def parse_prose_general(lines: list[Line], b: Builder, number: str, title: str) -> bool:
    """A general part written as sentences ('1.1. Teenistuskoha nimetus on …', 'maanõunik
    asendab vallavanemat'): an `üldosa` of statements, each keeping its words in order; a
    field recognised inside a sentence is a review item (the reading is a guess)."""
    from ajtui.importer.prose import group_lines

    if not lines:
        return False
    sec = b.first_as(m.FieldSection, "üldosa")
    if sec is None:
        sec = b.add_as(m.FieldSection, "üldosa", number, title)
    flag(
        sec,
        "a general part written as sentences: fields were looked for inside them (the "
        "words in braces); a field stated in other words is not marked",
    )
    for _kind, texts in group_lines(lines):
        text = join(texts)
        if not text:
            continue
        f = stated_field(text)
        if f.key:
            flag(f, f"'{f.key}' read from the sentence {text[:60]!r}: check the words in braces")
            for other in unmarked_fields(f):
                flag(
                    f,
                    f"the sentence states '{other}' too: not marked (one field per "
                    "statement); check it",
                )
        sec.fields.append(f)
    return True
