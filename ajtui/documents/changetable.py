"""The change table: what changed in a description, as the official consents to it and the
directive's file keeps it — one row per changed field, duty, result or paragraph,
"Kehtiv sõnastus | Uus sõnastus | Muudatus", the changed words marked the way amendments
are marked (deleted words struck through in the old column, inserted words underlined in
the new one), substantive changes flagged with their reason (ATS § 59 lg 1¹), and duties
only renumbered or moved listed compactly on one line each ("3.5–3.13 → 3.6–3.14").

Built from the structural diff (`ajtui.ops.diff`, its `changes` and their `words`);
`changewriters.py` draws it as Word, PDF or HTML. Every change of the diff is in exactly one
row or one compact line (`Part.covers` says which), so the table lists all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ajtui.format import vocabulary as v
from ajtui.ops.changes import SUBSTANTIVE, Change, Diff

#: the column titles
COLUMNS = ("Kehtiv sõnastus", "Uus sõnastus", "Muudatus")
#: a span's mark: plain, deleted (struck through), inserted (underlined)
PLAIN, DELETED, INSERTED = "", "del", "ins"
#: why a substantive change needs the official's consent, by section
REASONS = {
    "eesmärk": "ametikoha eesmärk",
    "ülesanded": "teenistusülesanded",
    "nõuded": "nõutav kvalifikatsioon",
}
CONSENT = "sisuline muudatus ({reason}): vajab ametniku nõusolekut (ATS § 59 lg 1¹)"
LEGEND = (
    "Kustutatud sõnad on läbi kriipsutatud, lisatud sõnad alla joonitud. Sisuline muudatus "
    "(ametikoha eesmärk, teenistusülesanded, nõutav kvalifikatsioon) vajab ametniku "
    "nõusolekut (avaliku teenistuse seaduse § 59 lg 1¹)."
)
_KINDS = {"added": "lisatud", "removed": "välja jäetud", "changed": "muudetud", "moved": "tõstetud"}
_WHAT = {
    "duty": "ülesanne",
    "result": "oodatav tulemus",
    "field": "väli",
    "paragraph": "lõik",
    "item": "punkt",
    "competency": "kompetents",
    "competencies": "kompetentsid",
    "group": "kompetentside rühm",
    "section": "osa",
    "heading": "pealkiri",
    "line": "rida",
}

_HEADINGS = {"ametijuhend": "Kinnitusmärge"}

Span = tuple[str, str]  # (text, mark)


@dataclass
class TableRow:
    """One changed thing: where, its old and new wording with the changed words marked."""

    place: str  # "3.5 ülesanne", "Struktuuriüksus"
    old: list[Span]
    new: list[Span]
    note: str  # "lisatud", "muudetud; sisuline muudatus (…): vajab …"
    substantive: bool
    change: Change


@dataclass
class Part:
    """One description's changes."""

    title: str  # the description (its file, annex, position)
    subtitle: str  # "käskkiri nr 95 (11.06.2023) → käskkiri nr 14 (15.01.2026)"
    rows: list[TableRow] = field(default_factory=list)
    #: renumbered and moved duties, one line per run: "3.5–3.13 → 3.6–3.14 (ainult numeratsioon)"
    compact: list[str] = field(default_factory=list)
    summary: str = ""
    #: for each change of the diff (by index): the row or compact line it is in
    covers: dict[int, str] = field(default_factory=dict)
    #: the diff compared lines, not structure (a side did not parse)
    errors: list[str] = field(default_factory=list)


@dataclass
class ChangeTable:
    title: str
    intro: list[str]
    parts: list[Part]
    #: duties moved from one description to another
    moved: list[str] = field(default_factory=list)
    legend: str = LEGEND

    @property
    def has_changes(self) -> bool:
        return any(p.rows or p.compact for p in self.parts) or bool(self.moved)


# --- words ----------------------------------------------------------------------------------


def marked(c: Change) -> tuple[list[Span], list[Span]]:
    """The old and the new wording with deleted words (old) and inserted words (new) marked."""
    if c.kind == "added":
        return [], _whole(c.new, c.children, INSERTED)
    if c.kind == "removed":
        return _whole(c.old, c.children, DELETED), []
    words = c.words
    if not words and c.old != c.new:
        words = [("replace", c.old or "", c.new or "")]
    old: list[Span] = []
    new: list[Span] = []
    for op, a, b in words:
        if op == "equal":
            _add(old, a, PLAIN)
            _add(new, b, PLAIN)
        else:
            _add(old, a, DELETED)
            _add(new, b, INSERTED)
    if not words:
        _add(old, c.old or "", PLAIN)
        _add(new, c.new or "", PLAIN)
    return old, new


def _whole(text: str | None, children: Sequence[str], mark: str) -> list[Span]:
    out: list[Span] = []
    _add(out, text or "", mark)
    for child in children:
        _add(out, "\n– " if out else "– ", PLAIN)
        _add(out, child, mark)
    return out


def _add(spans: list[Span], text: str, mark: str) -> None:
    if not text:
        return
    if spans and spans[-1][1] == mark:
        spans[-1] = (spans[-1][0] + text, mark)
    else:
        spans.append((text, mark))


# --- places ---------------------------------------------------------------------------------


def place(c: Change, path: str | None = None) -> str:
    """Where the change is, as the document numbers it: "3.5", "3.1 tulemus 2",
    "Struktuuriüksus", "Ametikoha eesmärk, lõik 1"."""
    p = path or c.path
    parts = p.split("/")
    section = parts[0]
    heading = _HEADINGS.get(section) or v.DEFAULT_HEADINGS.get(section, section)
    if c.what == "section" or len(parts) == 1:
        return heading
    if c.what == "field":
        key = parts[-1]
        return v.FIELD_LABELS.get(key) or key[:1].upper() + key[1:]
    if c.what in ("duty",):
        return f"{parts[1]}."
    if c.what == "result" and len(parts) >= 4:
        return f"{parts[1]}. tulemus {parts[3]}"
    return f"{heading}, {_WHAT.get(c.what, c.what)} {'/'.join(parts[1:])}"


def _note(c: Change) -> str:
    kind = _KINDS.get(c.kind, c.kind)
    what = _WHAT.get(c.what, c.what)
    note = f"{what} {kind}".strip()
    if c.kind == "moved":
        where = c.old_path and place(c, c.old_path)
        if c.old_file and c.old_file != c.file:
            note += f" failist {c.old_file}" + (f" ({where})" if where else "")
        elif where:
            note += f" (oli {where})"
        if c.old != c.new:
            note += ", sõnastus muudetud"
    if c.weight == SUBSTANTIVE:
        reason = REASONS.get(c.section, "sisu")
        note += "; " + CONSENT.format(reason=reason)
    return note


# --- numbering runs ---------------------------------------------------------------------------


def _number(path: str | None) -> tuple[str, int] | None:
    """'ülesanded/3.12' -> ('ülesanded/3.', 12)."""
    if not path:
        return None
    head, _, last = path.rpartition(".")
    if not head or not last.isdigit():
        head, _, last = path.rpartition("/")
        if not last.isdigit():
            return None
        head += "/"
    else:
        head += "."
    return head, int(last)


def _shown(path: str) -> str:
    return path.split("/", 1)[1] if "/" in path else path


def _runs(items: list[tuple[int, Change]]) -> list[tuple[list[int], str]]:
    """Consecutive renumberings by the same step as runs: ([indexes], "3.5–3.13 → 3.6–3.14")."""
    out: list[tuple[list[int], str]] = []
    run: list[tuple[int, Change]] = []

    def close() -> None:
        if not run:
            return
        first, last = run[0][1], run[-1][1]
        old = _shown(first.old_path or "")
        new = _shown(first.path)
        if len(run) > 1:
            old += "–" + _shown(last.old_path or "")
            new += "–" + _shown(last.path)
        out.append(([i for i, _ in run], f"{old} → {new}"))
        run.clear()

    for i, c in items:
        if run:
            prev = run[-1][1]
            a, b = _number(prev.old_path), _number(prev.path)
            x, y = _number(c.old_path), _number(c.path)
            if (
                a
                and b
                and x
                and y
                and a[0] == x[0]
                and b[0] == y[0]
                and x[1] == a[1] + 1
                and y[1] == b[1] + 1
            ):
                run.append((i, c))
                continue
            close()
        run.append((i, c))
    close()
    return out


# --- building ---------------------------------------------------------------------------------


def part(diff: Diff, title: str, subtitle: str = "", file: str | None = None) -> Part:
    """One description's changes. `file`: its name when duties moved between descriptions
    (a move is a row where the duty is now, a compact line where it was)."""
    p = Part(title, subtitle, summary=diff.summary_line(), errors=list(diff.errors))
    renumbered: list[tuple[int, Change]] = []
    for i, c in enumerate(diff.changes):
        away = c.old_file is not None and file is not None and c.file != file
        across = c.old_file is not None and c.old_file != c.file
        if c.kind == "renumbered" or (c.kind == "moved" and c.old == c.new and not across):
            renumbered.append((i, c))
            continue
        if away:
            line = f"{_shown(c.old_path or '')} → {c.file} {_shown(c.path)} (tõstetud)"
            p.compact.append(line)
            p.covers[i] = line
            continue
        if c.kind == "moved" and c.old_file and c.old_file != c.file and c.old == c.new:
            line = f"{c.old_file} {_shown(c.old_path or '')} → {_shown(c.path)} (tõstetud)"
            p.compact.append(line)
            p.covers[i] = line
            continue
        old, new = marked(c)
        row = TableRow(place(c), old, new, _note(c), c.weight == SUBSTANTIVE, c)
        p.rows.append(row)
        p.covers[i] = row.place
    moved = [(i, c) for i, c in renumbered if c.kind == "moved"]
    only = [(i, c) for i, c in renumbered if c.kind != "moved"]
    for items, word in ((only, "ainult numeratsioon"), (moved, "tõstetud")):
        for indexes, text in _runs(items):
            line = f"{text} ({word})"
            p.compact.append(line)
            for i in indexes:
                p.covers[i] = line
    return p


def from_diff(diff: Diff, title: str | None = None) -> ChangeTable:
    """The change table of one diff (two versions of a description)."""
    sub = f"{diff.old_path or ''} → {diff.new_path or ''}"
    name = title or diff.new_path or diff.old_path or ""
    return ChangeTable("Muudatuste tabel", [], [part(diff, name, sub)])


def from_directive(
    label: str,
    entries: Sequence[tuple[str, str, Diff, str]],
    moves: Sequence[Change] = (),
) -> ChangeTable:
    """The change table of a directive: `entries` (file, heading, diff, "base → revision")
    for each description it approves; `moves`: duties moved between them."""
    parts = [part(diff, heading, sub, file=file) for file, heading, diff, sub in entries]
    moved = [f"{c.old_file} {_shown(c.old_path or '')} → {c.file} {_shown(c.path)}" for c in moves]
    return ChangeTable(
        "Muudatuste tabel",
        [f"Ametijuhendite muudatused: {label}"],
        parts,
        moved,
    )
