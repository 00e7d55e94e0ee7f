"""Diffs of many descriptions at once, and duties that moved from one description to
another: two folders, two revisions of a folder, or what one directive approved.

Each file is diffed on its own (ajtui.ops.diff). Then a duty removed from one description
and a duty added to another whose texts are alike (the diff's word similarity, at least
`ajtui.ops.align.PAIR_THRESHOLD`, best pairs first) are one duty *moved across files*:
both changes become one `moved` Change — the same object in the old file's diff and in the
new one's — with `file` and `path` where the duty is now, `old_file` and `old_path` where it
was, the old and new text and the word changes between them. A duty of a description that
exists on one side only (a position created or abolished) can move too: it is paired from
that description's duty section, whose whole-section change stays as it is. The summary of
the whole comparison counts each move once.

Plain data, no files and no git: the callers (`aj diff`) read the texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ajtui.format import model as m
from ajtui.ops.align import PAIR_THRESHOLD
from ajtui.ops.changes import SUBSTANTIVE, Change, Diff, summarize
from ajtui.ops.words import flow, matcher, tokens, word_diff


@dataclass
class FileDiff:
    """One description's diff within a comparison of many."""

    file: str  # the path (relative to the folders compared)
    status: str  # changed | added | removed | unchanged | renamed
    diff: Diff
    #: A renamed description: its name on the old side.
    old_file: str | None = None

    def to_json(self) -> dict:
        out: dict[str, object] = {"file": self.file, "status": self.status}
        if self.old_file is not None:
            out["old_file"] = self.old_file
        out["diff"] = self.diff.to_json()
        return out


@dataclass
class CrossDiff:
    """The diffs of many descriptions and the duties moved between them."""

    files: list[FileDiff]
    moves: list[Change] = field(default_factory=list)
    old_label: str = ""
    new_label: str = ""

    @property
    def identical(self) -> bool:
        return all(f.diff.identical for f in self.files)

    @property
    def summary(self) -> dict[str, int]:
        """Every change of every file, a move across files counted once."""
        seen: set[int] = set()
        unique: list[Change] = []
        for f in self.files:
            for c in f.diff.changes:
                if id(c) not in seen:
                    seen.add(id(c))
                    unique.append(c)
        out = summarize(unique)
        out["moved_across_files"] = len(self.moves)
        counts = {s: 0 for s in ("changed", "added", "removed", "renamed", "unchanged")}
        for f in self.files:
            counts[f.status] = counts.get(f.status, 0) + 1
        out.update({f"files_{k}": v for k, v in counts.items()})
        return out

    def summary_line(self) -> str:
        s = self.summary
        parts = [
            f"{s[f'files_{k}']} {k}"
            for k in ("changed", "added", "removed", "renamed")
            if s[f"files_{k}"]
        ]
        head = f"{len(self.files)} description{'s' * (len(self.files) != 1)}" + (
            ": " + ", ".join(parts) if parts else ": no changes"
        )
        n = len(self.moves)
        if n:
            head += f"; {n} dut{'ies' if n != 1 else 'y'} moved across files"
        return head

    def to_json(self) -> dict:
        return {
            "old": self.old_label,
            "new": self.new_label,
            "identical": self.identical,
            "summary": self.summary,
            "summary_line": self.summary_line(),
            "files": [f.to_json() for f in self.files],
            "moved": [c.to_json() for c in self.moves],
        }


@dataclass
class _End:
    """One end of a possible move: a removed or an added duty."""

    key: str  # the description (its name in `sides`)
    file: str  # its name on this end's side
    path: str  # ülesanded/3.4
    text: str
    children: list[str]
    diff: Diff
    index: int | None  # the change in `diff`; None: inside a whole added/removed section
    section: str


def _duties_of_whole(
    diff: Diff, key: str, file: str, doc: m.Document | None, kind: str
) -> Iterable[_End]:
    """The duties of a section added or removed whole (a description on one side only)."""
    if doc is None:
        return
    whole = {c.section for c in diff.changes if c.kind == kind and c.what == "section"}
    for sec in doc.sections:
        if isinstance(sec, m.DutySection) and sec.kind in whole:
            for d in sec.duties:
                yield _End(
                    key,
                    file,
                    f"{sec.kind}/{d.number.rstrip('.')}",
                    d.text,
                    [r.text for r in d.results],
                    diff,
                    None,
                    sec.kind,
                )


def _ends(
    sides: list[tuple[str, Diff, m.Document | None, m.Document | None]],
    old_names: dict[str, str],
) -> tuple[list[_End], list[_End]]:
    removed: list[_End] = []
    added: list[_End] = []
    for file, diff, old_doc, new_doc in sides:
        was = old_names.get(file, file)
        for n, c in enumerate(diff.changes):
            if c.what != "duty" or c.kind not in ("removed", "added"):
                continue
            text = c.old if c.kind == "removed" else c.new
            end = _End(
                file,
                was if c.kind == "removed" else file,
                c.path,
                text or "",
                list(c.children),
                diff,
                n,
                c.section,
            )
            (removed if c.kind == "removed" else added).append(end)
        removed.extend(_duties_of_whole(diff, file, was, old_doc, "removed"))
        added.extend(_duties_of_whole(diff, file, file, new_doc, "added"))
    return removed, added


def _whole(end: _End) -> str:
    return flow(" ".join([end.text, *end.children]))


def find_moves(
    sides: list[tuple[str, Diff, m.Document | None, m.Document | None]],
    threshold: float = PAIR_THRESHOLD,
    old_names: dict[str, str] | None = None,
) -> list[Change]:
    """Pair duties removed from one description with alike duties added to another, and
    turn each pair into one `moved` change in both diffs (see the module). `sides`: for
    each file, (its name, its diff, the old and the new document — None when the side
    has no document or did not parse); `old_names`: a renamed file's old name by its new
    one. Returns the moves, in the order of the new files."""
    removed, added = _ends(sides, old_names or {})
    if not removed or not added:
        return []
    scored: list[tuple[float, int, int]] = []
    rtoks = [tokens(_whole(r)) for r in removed]
    for j, a in enumerate(added):
        at = tokens(_whole(a))
        for i, r in enumerate(removed):
            if r.key == a.key:
                continue  # within a description the diff itself pairs what is alike
            sm = matcher(rtoks[i], at)
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            s = sm.ratio()
            if s >= threshold:
                scored.append((s, i, j))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_r: set[int] = set()
    used_a: set[int] = set()
    pairs = []
    for _s, i, j in scored:
        if i in used_r or j in used_a:
            continue
        used_r.add(i)
        used_a.add(j)
        pairs.append((i, j))
    moves = []
    for i, j in sorted(pairs, key=lambda p: (added[p[1]].file, p[1])):
        r, a = removed[i], added[j]
        change = Change(
            "moved",
            a.path,
            r.text,
            a.text,
            word_diff(r.text, a.text),
            SUBSTANTIVE,
            a.section,
            r.path,
            "duty",
            list(a.children),
            file=a.file,
            old_file=r.file,
        )
        for end in (r, a):
            if end.index is not None:
                # the rows stay removed (old file) or added (new file): each side shows
                # the duty's whole text where it was or is
                end.diff.changes[end.index] = change
            else:  # inside a whole section: the move is listed in that diff as well
                end.diff.changes.append(change)
            end.diff.summary = summarize(end.diff.changes)
        moves.append(change)
    return moves


def status(old_text: str | None, new_text: str | None, diff: Diff) -> str:
    if old_text is None:
        return "added"
    if new_text is None:
        return "removed"
    return "unchanged" if diff.identical else "changed"


#: How alike the texts of a description that is on the old side only and one on the new
#: side only must be to be one description renamed (git's own default is 50 %).
RENAME_THRESHOLD = 0.6


def renames(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """New name → old name for the descriptions renamed: one name on the old side only and
    one on the new side only whose texts are alike (word similarity ≥ RENAME_THRESHOLD),
    the most alike paired first. Not a description whose duties moved to several others."""
    gone = sorted(set(old) - set(new))
    came = sorted(set(new) - set(old))
    if not gone or not came:
        return {}
    tg = {g: tokens(flow(old[g])) for g in gone}
    scored = []
    for c in came:
        tc = tokens(flow(new[c]))
        for g in gone:
            sm = matcher(tg[g], tc)
            if sm.real_quick_ratio() < RENAME_THRESHOLD or sm.quick_ratio() < RENAME_THRESHOLD:
                continue
            r = sm.ratio()
            if r >= RENAME_THRESHOLD:
                scored.append((r, g, c))
    out: dict[str, str] = {}
    used: set[str] = set()
    for _r, g, c in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if g not in used and c not in out:
            out[c] = g
            used.add(g)
    return out


def diff_sets(
    old: dict[str, str],
    new: dict[str, str],
    *,
    old_label: str = "",
    new_label: str = "",
) -> CrossDiff:
    """The diff of two sets of descriptions (name → text; the same name on both sides is
    the same description), with the duties moved across files."""
    from ajtui.base.errors import AjError
    from ajtui.format.parser import loads
    from ajtui.ops.diff import diff_documents, diff_texts

    files: list[FileDiff] = []
    sides = []
    renamed = renames(old, new)
    gone = set(renamed.values())
    for name in sorted((set(old) | set(new)) - gone):
        was = renamed.get(name)
        o, n = old.get(was or name), new.get(name)
        docs: list[m.Document | None] = []
        for text, label in ((o, f"{old_label}/{was or name}"), (n, f"{new_label}/{name}")):
            if text is None or not text.strip():
                docs.append(m.Document())
                continue
            try:
                docs.append(loads(text, path=label))
            except AjError:
                docs.append(None)
        ol = f"{old_label}/{was or name}" if o is not None else None
        nl = f"{new_label}/{name}" if n is not None else None
        od, nd = docs
        if od is not None and nd is not None:
            diff = diff_documents(od, nd, old_path=ol, new_path=nl)
        else:  # a side that does not parse: the line diff, with the errors
            diff = diff_texts(o or "", n or "", ol, nl)
        files.append(FileDiff(name, "renamed" if was else status(o, n, diff), diff, old_file=was))
        sides.append((name, diff, od if o is not None else None, nd if n is not None else None))
    moves = find_moves(sides, old_names=renamed)
    return CrossDiff(files, moves, old_label, new_label)


def directive_moves(
    entries: list[tuple[str, Diff, str | None, str | None]],
) -> list[Change]:
    """The moves between the descriptions one directive approved: for each, (its path,
    its diff, the old and the new text)."""
    from ajtui.base.errors import AjError
    from ajtui.format.parser import loads

    sides = []
    for name, diff, old, new in entries:
        docs: list[m.Document | None] = []
        for text in (old, new):
            try:
                docs.append(loads(text, path=name) if text and text.strip() else None)
            except AjError:
                docs.append(None)
        sides.append((name, diff, docs[0], docs[1]))
    return find_moves(sides)
