"""Views of a structural diff: side by side (two aligned columns) and unified, laid out by
`ajtui.present.blocks` (the app draws the same blocks through Rich).

Both render the same `Diff.rows` (difftastic's model). Used by `aj diff` and by the app.
Everything from a file goes in as `Text` with control characters made visible, never as
markup. Without colour (a pipe, NO_COLOR) pass `markers=True`: changed words are then
marked `[-old-]` and `{+new+}` as in `git diff --word-diff`.
"""

from __future__ import annotations

from ajtui.base.safetext import safe
from ajtui.ops.changes import SUBSTANTIVE, Diff, Row
from ajtui.present.blocks import Block, Group, Padding, Table, Text


class Styles:
    """The styles of a diff's parts (the app passes its theme's colours)."""

    __slots__ = (
        "removed",
        "added",
        "deleted_word",
        "inserted_word",
        "number",
        "moved",
        "heading",
        "lead",
        "dim",
        "summary",
        "weight",
    )

    def __init__(
        self,
        removed: str = "red",
        added: str = "green",
        deleted_word: str = "bold white on red3",
        inserted_word: str = "bold black on green3",
        number: str = "bold yellow",
        moved: str = "magenta",
        heading: str = "bold",
        lead: str = "bold",
        dim: str = "dim",
        summary: str = "bold",
        weight: str = "bold red",
    ) -> None:
        self.removed = removed
        self.added = added
        self.deleted_word = deleted_word
        self.inserted_word = inserted_word
        self.number = number
        self.moved = moved
        self.heading = heading
        self.lead = lead
        self.dim = dim
        self.summary = summary
        self.weight = weight


STYLES = Styles()

#: The gutter mark of each row kind.
MARKS = {
    "added": "+",
    "removed": "-",
    "changed": "~",
    "renumbered": "#",
    "moved": ">",
    "equal": " ",
    "heading": " ",
    "gap": " ",
}
#: Below this width `aj diff` switches to the unified view.
SIDE_BY_SIDE_MIN = 100

LEGEND = (
    "! = changes the purpose, main duties or required qualification "
    "(needs the official's consent or a new decision)"
)


class _Shown:
    __slots__ = ("row", "hidden", "unchanged_section")

    def __init__(self, row: Row | None, hidden: int = 0, unchanged_section: bool = False):
        self.row = row  # None: a gap of `hidden` unchanged rows
        self.hidden = hidden
        self.unchanged_section = unchanged_section


def visible_rows(diff: Diff, context: int | None = 1) -> list[_Shown]:
    """The rows to show: every change, `context` unchanged rows around each, the heading
    of every section (an unchanged section is its heading alone), gaps for the rest.
    `context=None` shows everything."""
    rows = diff.rows
    if context is None:
        return [_Shown(r) for r in rows]
    # sections: a heading row and the rows up to the next heading
    starts = [k for k, r in enumerate(rows) if r.is_heading] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    out: list[_Shown] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        sec = rows[start:end]
        changed = [k for k, r in enumerate(sec) if r.kind not in ("equal", "heading")]
        # a renumbered duty is shown, but its unchanged results are not context
        pulls = [k for k in changed if sec[k].kind != "renumbered"]
        head_is_row = bool(sec) and sec[0].is_heading
        if not changed:
            if head_is_row:
                out.append(_Shown(sec[0], unchanged_section=True))
            elif sec:
                out.append(_Shown(None, hidden=len(sec)))
            continue
        keep = set(changed)
        for k in pulls:
            keep.update(range(max(0, k - context), min(len(sec), k + context + 1)))
        if head_is_row:
            keep.add(0)
        hidden = 0
        for k, r in enumerate(sec):
            if k in keep:
                if hidden:
                    out.append(_Shown(None, hidden=hidden))
                    hidden = 0
                out.append(_Shown(r))
            else:
                hidden += 1
        if hidden:
            out.append(_Shown(None, hidden=hidden))
    return out


# --- one side of a row as Text ------------------------------------------------------------------


def _words_ok(diff: Diff, row: Row) -> list[tuple[str, str, str]] | None:
    """The change's word spans, if they describe exactly this row's texts."""
    if row.change is None or row.kind != "changed":
        return None
    words = diff.changes[row.change].words
    if not words or row.left is None or row.right is None:
        return None
    if (
        "".join(w[1] for w in words) != row.left[row.lead[0] :]
        or "".join(w[2] for w in words) != row.right[row.lead[1] :]
    ):
        return None
    return words


def _side(diff: Diff, row: Row, side: int, styles: Styles, markers: bool) -> Text:
    """The left (side 0) or right (side 1) text of a row."""
    text = row.left if side == 0 else row.right
    if text is None:
        return Text("")
    lead_len = row.lead[side]
    lead, body = text[:lead_len], text[lead_len:]
    other = row.right if side == 0 else row.left
    other_lead = other[: row.lead[1 - side]] if other is not None else None
    out = Text()
    base = {"added": styles.added, "removed": styles.removed}.get(row.kind, "")
    if row.is_heading:
        base = styles.heading
    lead_style = styles.lead if not row.is_heading else styles.heading
    if (
        other_lead is not None
        and lead.strip() != other_lead.strip()
        and row.kind in ("renumbered", "moved", "changed")
    ):
        lead_style = styles.number if row.kind != "moved" else styles.moved
    if lead:
        out.append(safe(lead), style=lead_style)
    words = _words_ok(diff, row)
    if words is not None and body:
        for op, old, new in words:
            part = old if side == 0 else new
            if not part:
                continue
            if op == "equal":
                out.append(safe(part), style=base)
            elif side == 0:
                out.append(
                    "[-" + safe(part) + "-]" if markers else safe(part), style=styles.deleted_word
                )
            else:
                out.append(
                    "{+" + safe(part) + "+}" if markers else safe(part), style=styles.inserted_word
                )
        return out
    if row.kind == "changed" and body:
        # unrelated texts (or a heading): shown whole, in the side's colour
        style = styles.removed if side == 0 else styles.added
        out.append(
            ("[-" + safe(body) + "-]" if side == 0 else "{+" + safe(body) + "+}")
            if markers
            else safe(body),
            style=style,
        )
        return out
    out.append(safe(body), style=base)
    return out


def _indent(row: Row) -> int:
    return 2 * max(0, row.depth - 1)


#: Labels up to this long ("-", "3.12.") hang: wrapped lines continue under the text.
HANG_MAX = 6


def _cell(text: Text, row: Row, side: int | None = None) -> Block | Text:
    n = _indent(row)
    lead = row.lead[side] if side is not None else 0
    if 0 < lead <= HANG_MAX + 1 and len(text) > lead and not row.is_heading:
        grid = Table.grid()
        grid.add_column(width=lead, no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        grid.add_row(text[:lead], text[lead:])
        return Padding(grid, (0, 0, 0, n), expand=True) if n else grid
    return Padding(text, (0, 0, 0, n)) if n else text


def _gutter(diff: Diff, row: Row, styles: Styles) -> Text:
    mark = MARKS.get(row.kind, " ")
    style = {
        "added": styles.added,
        "removed": styles.removed,
        "changed": styles.number,
        "renumbered": styles.number,
        "moved": styles.moved,
    }.get(row.kind, "")
    out = Text(mark, style=style)
    weighty = row.change is not None and diff.changes[row.change].weight == SUBSTANTIVE
    out.append("!" if weighty else " ", style=styles.weight)
    return out


def _header(diff: Diff, styles: Styles) -> list[Block | Text]:
    parts: list[Block | Text] = [Text(safe(diff.summary_line()), style=styles.summary)]
    for err in diff.errors:
        parts.append(Text(safe(err) + " (compared line by line)", style=styles.removed))
    if any(c.weight == SUBSTANTIVE for c in diff.changes) and diff.structural:
        parts.append(Text(LEGEND, style=styles.dim))
    return parts


def _gap_text(n: int, styles: Styles) -> Text:
    return Text(f"⋯ {n} unchanged", style=styles.dim)


# --- the two views ------------------------------------------------------------------------------


def render_side_by_side(
    diff: Diff,
    width: int,
    *,
    context: int | None = 1,
    markers: bool = False,
    header: bool = True,
    labels: tuple[str, str] | None = None,
    styles: Styles = STYLES,
) -> Block | Text:
    """Two aligned columns: the old text on the left, the new on the right, a gutter
    between them (+ added, - removed, ~ changed, # renumbered, > moved; ! substantive)."""
    table = Table(
        box=None,
        show_header=labels is not None,
        expand=True,
        width=width,
        padding=(0, 1, 0, 0),
        show_edge=False,
        pad_edge=False,
    )
    left, right = labels if labels is not None else ("", "")
    table.add_column(Text(safe(left), style=styles.dim), ratio=1, overflow="fold")
    table.add_column("", width=2, no_wrap=True)
    table.add_column(Text(safe(right), style=styles.dim), ratio=1, overflow="fold")
    for shown in visible_rows(diff, context):
        if shown.row is None:
            gap = _gap_text(shown.hidden, styles)
            table.add_row(gap, Text(""), gap.copy())
            continue
        row = shown.row
        lt = _side(diff, row, 0, styles, markers)
        rt = _side(diff, row, 1, styles, markers)
        if shown.unchanged_section:
            rt.append("  (unchanged)", style=styles.dim)
        table.add_row(_cell(lt, row, 0), _gutter(diff, row, styles), _cell(rt, row, 1))
    if not header:
        return table
    return Group(*_header(diff, styles), Text(""), table)


def render_unified(
    diff: Diff,
    width: int,
    *,
    context: int | None = 1,
    markers: bool = False,
    header: bool = True,
    styles: Styles = STYLES,
) -> Block | Text:
    """One column: unchanged rows once, a changed text as one line with its changed words
    marked (two lines, - and +, when the texts are unrelated), a renumbered or moved duty
    with its old and new number."""
    table = Table.grid(expand=True)
    table.width = width
    table.add_column(width=3, no_wrap=True)
    table.add_column(ratio=1, overflow="fold")

    def add(gutter: Text, text: Text, row: Row | None, side: int | None = None) -> None:
        table.add_row(gutter, _cell(text, row, side) if row is not None else text)

    for shown in visible_rows(diff, context):
        if shown.row is None:
            add(Text(""), _gap_text(shown.hidden, styles), None)
            continue
        row = shown.row
        gutter = _gutter(diff, row, styles)
        if row.kind in ("equal", "heading"):
            t = _side(diff, row, 1, styles, markers)
            if shown.unchanged_section:
                t.append("  (unchanged)", style=styles.dim)
            add(gutter, t, row, 1)
        elif row.kind == "added":
            add(gutter, _side(diff, row, 1, styles, markers), row, 1)
        elif row.kind == "removed":
            add(gutter, _side(diff, row, 0, styles, markers), row, 0)
        elif row.kind == "changed" and _similar(diff, row):
            add(gutter, _inline(diff, row, styles, markers), row)
        elif row.kind == "changed":
            flag = gutter[1:]  # the weight flag
            add(
                Text("-", style=styles.removed) + flag, _side(diff, row, 0, styles, markers), row, 0
            )
            add(Text("+", style=styles.added) + flag, _side(diff, row, 1, styles, markers), row, 1)
        else:  # renumbered, moved
            add(gutter, _renumbered(row, styles), row)
    if not header:
        return table
    return Group(*_header(diff, styles), Text(""), table)


def _similar(diff: Diff, row: Row) -> bool:
    """A changed row whose texts share words: shown as one line with the changes marked."""
    words = _words_ok(diff, row)
    return words is not None and any(op == "equal" for op, _, _ in words)


def _old_lead(row: Row) -> str:
    return (row.left or "")[: row.lead[0]].strip()


def _new_lead(row: Row) -> str:
    return (row.right or "")[: row.lead[1]].strip()


def _lead_change(row: Row, styles: Styles) -> Text:
    old, new = _old_lead(row), _new_lead(row)
    style = styles.moved if row.kind == "moved" else styles.number
    if old == new:
        return Text(safe(new) + (" " if new else ""), style=styles.lead)
    return Text.assemble((safe(old), styles.dim), ("→", style), (safe(new), style), " ")


def _renumbered(row: Row, styles: Styles) -> Text:
    out = _lead_change(row, styles)
    out.append(safe((row.right or "")[row.lead[1] :]))
    return out


def _inline(diff: Diff, row: Row, styles: Styles, markers: bool) -> Text:
    """A changed text on one line: deleted words then inserted words where they differ."""
    out = _lead_change(row, styles) if row.lead != (0, 0) else Text()
    if row.is_heading:
        out.stylize(styles.heading)
    prev = ""
    for op, old, new in diff.changes[row.change].words:  # type: ignore[index]  # a row with words has a change
        if op == "equal":
            # after a deletion the old side keeps the space that the new side lost
            out.append(safe(old if prev == "delete" else new))
            prev = op
            continue
        prev = op
        if old:
            out.append("[-" + safe(old) + "-]" if markers else safe(old), style=styles.deleted_word)
        if new:
            if old and not markers:
                out.append(" ")
            out.append(
                "{+" + safe(new) + "+}" if markers else safe(new), style=styles.inserted_word
            )
    return out


def render_diff(
    diff: Diff,
    width: int,
    *,
    unified: bool | None = None,
    context: int | None = 1,
    markers: bool = False,
    labels: tuple[str, str] | None = None,
) -> Block | Text:
    """Side by side when there is room (≥ 100 columns), unified otherwise or on request."""
    if unified is None:
        unified = width < SIDE_BY_SIDE_MIN
    if unified:
        return render_unified(diff, width, context=context, markers=markers)
    return render_side_by_side(diff, width, context=context, markers=markers, labels=labels)
