"""What a diff is: the changes (one per thing that changed, for scripts and summaries), the
aligned rows (the left/right line pairs that the side-by-side and unified views render, as
in difftastic), and the one-line summary.

Plain data: ajtui.ops.diff makes them, ajtui.present.diffview and the app show them.
"""

from __future__ import annotations

from ajtui.base.records import Record

KINDS = ("added", "removed", "changed", "renumbered", "moved")
SUBSTANTIVE, EDITORIAL = "substantive", "editorial"

# --- the result ---------------------------------------------------------------------------
# Plain records (ajtui.base.records), not dataclasses: `aj diff A B` and git's `aj git-diff`
# start a process per comparison, which then paid for importing `dataclasses` (and inspect).
# Each `__init__` takes the attributes in the order the dataclasses did, with their
# defaults; `records.replace` stands for `dataclasses.replace`.


class Change(Record):
    """One thing that changed, at the finest level that describes it."""

    __slots__ = (
        "kind",
        "path",
        "old",
        "new",
        "words",
        "weight",
        "section",
        "old_path",
        "what",
        "children",
        "file",
        "old_file",
    )
    kind: str  # added | removed | changed | renumbered | moved
    #: Where, in the format's keywords: "ülesanded/3.5", "üldosa/struktuuriüksus",
    #: "ülesanded/3.1/tulemused/4". New numbering, except for removed things.
    path: str
    old: str | None
    new: str | None
    #: Word-level spans of changed text: (op, old, new), op in equal|insert|delete|replace.
    #: The old parts joined give the old text with its line breaks made spaces; the new
    #: parts likewise. Empty when there is no text to compare.
    words: list[tuple[str, str, str]]
    #: "substantive" when it touches the purpose, main duties or required qualification
    #: (these need the official's consent or a new decision), otherwise "editorial".
    weight: str
    section: str
    #: The old place when it differs from `path` (renumbered, moved, or changed and moved).
    old_path: str | None
    #: What kind of thing: duty, result, field, paragraph, item, competency, group,
    #: section, heading, line.
    what: str
    #: For an added or removed duty (or group, or section): the texts it held.
    children: list[str]
    #: A duty moved from one description to another (ajtui.ops.crossdiff): the file it
    #: is in now and the file it was in (`old_path` its place there). None otherwise.
    file: str | None
    old_file: str | None

    def __init__(
        self,
        kind: str,
        path: str,
        old: str | None,
        new: str | None,
        words: list[tuple[str, str, str]] | None = None,
        weight: str = EDITORIAL,
        section: str = "",
        old_path: str | None = None,
        what: str = "",
        children: list[str] | None = None,
        file: str | None = None,
        old_file: str | None = None,
    ) -> None:
        self.kind, self.path, self.old, self.new = kind, path, old, new
        self.words = [] if words is None else words
        self.weight, self.section, self.old_path, self.what = weight, section, old_path, what
        self.children = [] if children is None else children
        self.file, self.old_file = file, old_file

    def to_json(self) -> dict:
        out: dict[str, object] = {
            "kind": self.kind,
            "path": self.path,
            "old": self.old,
            "new": self.new,
            "words": [list(w) for w in self.words],
            "weight": self.weight,
            "section": self.section,
            "what": self.what,
        }
        if self.old_path is not None:
            out["old_path"] = self.old_path
        if self.children:
            out["children"] = self.children
        if self.file is not None:
            out["file"] = self.file
        if self.old_file is not None:
            out["old_file"] = self.old_file
        return out


class Row(Record):
    """One aligned line pair; the split and unified views render the same rows."""

    __slots__ = ("left", "right", "kind", "change", "path", "depth", "lead", "is_heading")
    left: str | None  # None: nothing on that side
    right: str | None
    kind: str  # equal | added | removed | changed | renumbered | moved | heading
    change: int | None  # index into Diff.changes
    path: str
    #: Nesting: 0 section heading, 1 field/duty/paragraph/item, 2 result/group item …
    depth: int
    #: Length of the label at the start of left/right ("3.5. ", "- ", "haridus: "); the
    #: change's `words` apply to the text after it.
    lead: tuple[int, int]
    #: A section heading (kind is "heading" when it did not change).
    is_heading: bool

    def __init__(
        self,
        left: str | None,
        right: str | None,
        kind: str,
        change: int | None,
        path: str,
        depth: int = 1,
        lead: tuple[int, int] = (0, 0),
        is_heading: bool = False,
    ) -> None:
        self.left, self.right, self.kind, self.change = left, right, kind, change
        self.path, self.depth, self.lead, self.is_heading = path, depth, lead, is_heading


class Diff(Record):
    __slots__ = (
        "changes",
        "rows",
        "summary",
        "old_path",
        "new_path",
        "structural",
        "errors",
        "unchanged_sections",
    )
    changes: list[Change]
    rows: list[Row]
    summary: dict[str, int]
    old_path: str | None
    new_path: str | None
    #: False when a side did not parse and this is a line diff instead.
    structural: bool
    #: Parse errors of either side (one line each) when structural is False.
    errors: list[str]
    #: Sections present on both sides and untouched, by kind (for the summary line).
    unchanged_sections: list[str]

    def __init__(
        self,
        changes: list[Change],
        rows: list[Row],
        summary: dict[str, int] | None = None,
        old_path: str | None = None,
        new_path: str | None = None,
        structural: bool = True,
        errors: list[str] | None = None,
        unchanged_sections: list[str] | None = None,
    ) -> None:
        self.changes, self.rows = changes, rows
        self.summary = {} if summary is None else summary
        self.old_path, self.new_path, self.structural = old_path, new_path, structural
        self.errors = [] if errors is None else errors
        self.unchanged_sections = [] if unchanged_sections is None else unchanged_sections

    @property
    def identical(self) -> bool:
        return not self.changes

    def summary_line(self) -> str:
        return summary_line(self)

    def to_json(self) -> dict:
        out: dict[str, object] = {
            "old": self.old_path,
            "new": self.new_path,
            "identical": self.identical,
            "structural": self.structural,
            "summary": dict(self.summary),
            "summary_line": self.summary_line(),
            "changes": [c.to_json() for c in self.changes],
        }
        if self.errors:
            out["errors"] = list(self.errors)
        return out


# --- summaries ---------------------------------------------------------------------------------


def summarize(changes: list[Change]) -> dict[str, int]:
    """How many changes of each kind and weight, and in all."""
    out = {k: 0 for k in KINDS}
    out.update({SUBSTANTIVE: 0, EDITORIAL: 0})
    for c in changes:
        out[c.kind] = out.get(c.kind, 0) + 1
        out[c.weight] = out.get(c.weight, 0) + 1
    out["total"] = len(changes)
    return out


_NOUNS = {
    "duty": ("duty", "duties"),
    "result": ("result", "results"),
    "field": ("field", "fields"),
    "paragraph": ("paragraph", "paragraphs"),
    "item": ("item", "items"),
    "competency": ("competency", "competencies"),
    "competencies": ("competency list", "competency lists"),
    "group": ("competency group", "competency groups"),
    "section": ("section", "sections"),
    "heading": ("heading", "headings"),
    "line": ("line", "lines"),
}
_AREAS = (("eesmärk", "purpose"), ("ülesanded", "duties"), ("nõuded", "requirements"))
_WHAT_ORDER = (
    "section",
    "duty",
    "result",
    "paragraph",
    "item",
    "competencies",
    "group",
    "competency",
    "heading",
    "field",
    "line",
)
_KIND_ORDER = ("added", "removed", "renumbered", "moved", "changed")


def summary_line(diff: Diff) -> str:
    """'1 duty added, 9 renumbered, 1 changed; 1 result removed; struktuuriüksus changed;
    approval changed; purpose and requirements unchanged'."""
    if diff.identical:
        return "no changes" if diff.structural else "no changes (compared as lines)"
    groups: dict[str, dict[str, int]] = {}
    named_fields: dict[str, list[str]] = {}
    approval = False
    for c in diff.changes:
        if c.section == "ametijuhend":
            approval = True
            continue
        if c.what == "field":
            named_fields.setdefault(c.kind, []).append(c.path.rsplit("/", 1)[-1])
            continue
        kinds = groups.setdefault(c.what or "item", {})
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    parts = []
    rank = {w: n for n, w in enumerate(_WHAT_ORDER)}
    for what in sorted(groups, key=lambda w: rank.get(w, len(rank))):
        kinds = groups[what]
        sing, plur = _NOUNS.get(what, (what, what + "s"))
        bits = []
        for k, kind in enumerate(sorted(kinds, key=_KIND_ORDER.index)):
            n = kinds[kind]
            noun = ((sing if n == 1 else plur) + " ") if k == 0 else ""
            bits.append(f"{n} {noun}{kind}")
        parts.append(", ".join(bits))
    for kind in sorted(named_fields, key=_KIND_ORDER.index):
        names = named_fields[kind]
        parts.append(
            f"{' and '.join(names)} {kind}" if len(names) <= 2 else f"{len(names)} fields {kind}"
        )
    if approval:
        parts.append("approval changed")
    touched = {c.section for c in diff.changes}
    same = [
        word for kind, word in _AREAS if kind in diff.unchanged_sections and kind not in touched
    ]
    if same:
        parts.append(
            (" and ".join(same) if len(same) <= 2 else ", ".join(same[:-1]) + " and " + same[-1])
            + " unchanged"
        )
    return "; ".join(parts)
