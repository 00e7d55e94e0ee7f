"""Structural diff of two descriptions: what changed, at the finest level, and aligned rows.

Sections are matched by kind, fields by name, and duties, results, items and paragraphs by
their content — so inserting duty 3.5 is one `added` duty plus a `renumbered` one for each
later duty whose text did not change, never nine changed duties. Inside changed text the
changed words are marked (Estonian words; punctuation is kept as its own token), but only
when the two texts are similar enough: unrelated texts are shown whole (delta's rule).

The author's line breaks are layout, not wording: two texts that differ only in where the
lines break are equal here. Comments are not part of the wording either.

A diff is two things at once (as in difftastic): `changes`, one per thing that changed, for
scripts and summaries; and `rows`, aligned left/right line pairs that the side-by-side and
unified views (ajtui.present.diffview, the app) both render — the types are in
ajtui.ops.changes. Lists are aligned by the generic ajtui.ops.align, words compared by
ajtui.ops.words; this module matches the sections and ajtui.ops.partdiff compares their
parts, both recording into an ajtui.ops.diffbuilder.DiffBuilder.

Imports only the format layer: no git, no Rich, no Textual.
"""

from __future__ import annotations

from collections.abc import Callable

from ajtui.format import model as m
from ajtui.ops.align import PAIR_THRESHOLD, align_keys
from ajtui.ops.changes import EDITORIAL, SUBSTANTIVE, Change, Diff, summarize
from ajtui.ops.diffbuilder import SUBSTANTIVE_SECTIONS, DiffBuilder, pair_rows
from ajtui.ops.matching import sequence_matcher
from ajtui.ops.outline import heading_text, section_lines
from ajtui.ops.partdiff import (
    diff_blocks,
    diff_duties,
    diff_fields,
    diff_requirements,
    numbered_keys,
)
from ajtui.ops.words import flow, similarity


def _section_key(sec: m.Section) -> str:
    return f"osa:{flow(sec.title).lower()}" if sec.kind == "osa" else sec.kind


def _section_path(sec: m.Section) -> str:
    return f"osa/{flow(sec.title)}" if sec.kind == "osa" else sec.kind


def diff_documents(
    old: m.Document, new: m.Document, *, old_path: str | None = None, new_path: str | None = None
) -> Diff:
    """The structural diff of two descriptions."""
    b = DiffBuilder()
    ko = numbered_keys([_section_key(s) for s in old.sections])
    kn = numbered_keys([_section_key(s) for s in new.sections])
    unchanged: list[str] = []
    for i, j, _moved in align_keys(ko, kn):
        os_ = old.sections[i] if i is not None else None
        ns = new.sections[j] if j is not None else None
        before = len(b.changes)
        if os_ is not None and ns is not None:
            _section(b, os_, ns)
            if len(b.changes) == before:
                unchanged.append(ns.kind)
        elif ns is not None:
            _whole_section(b, ns, "added")
        elif os_ is not None:
            _whole_section(b, os_, "removed")
    diff = Diff(
        b.changes, b.rows, old_path=old_path, new_path=new_path, unchanged_sections=unchanged
    )
    diff.summary = summarize(diff.changes)
    return diff


def _section_text(sec: m.AnySection) -> str:
    from ajtui.format.writer import dumps

    try:
        return dumps(m.Document(sections=[sec])).rstrip("\n")
    except ValueError:
        return heading_text(sec)


def _whole_section(b: DiffBuilder, sec: m.AnySection, kind: str) -> None:
    """A section only one side has: one change, a row for each of its lines."""
    path = _section_path(sec)
    text = _section_text(sec)
    idx = b.change(
        kind,
        path,
        text if kind == "removed" else None,
        text if kind == "added" else None,
        section=sec.kind,
        what="section",
        weight=SUBSTANTIVE if sec.kind in SUBSTANTIVE_SECTIONS else EDITORIAL,
    )
    for depth, lead, body, sub in section_lines(sec):
        pair = (lead, body)
        pair_rows(
            b,
            kind,
            idx,
            f"{path}/{sub}" if sub else path,
            depth,
            pair if kind == "removed" else None,
            pair if kind == "added" else None,
            heading=depth == 0,
        )


def _section(b: DiffBuilder, old: m.AnySection, new: m.AnySection) -> None:
    path = _section_path(new)
    kind = new.kind
    num_idx = title_idx = None
    if old.number != new.number:
        num_idx = b.change(
            "renumbered",
            f"{path}/number",
            old.number or None,
            new.number or None,
            section=kind,
            what="heading",
        )
    if flow(old.title) != flow(new.title):
        title_idx = b.change(
            "changed",
            f"{path}/pealkiri",
            old.title or None,
            new.title or None,
            section=kind,
            what="heading",
        )
    hkind = (
        "changed" if title_idx is not None else "renumbered" if num_idx is not None else "heading"
    )
    pair_rows(
        b,
        hkind,
        title_idx if title_idx is not None else num_idx,
        path,
        0,
        (heading_text(old), old.title),
        (heading_text(new), new.title),
        heading=True,
    )
    if isinstance(new, m.FieldSection) and isinstance(old, m.FieldSection):
        diff_fields(b, old.fields, new.fields, path, kind, 1)
    elif isinstance(new, m.ProseSection) and isinstance(old, m.ProseSection):
        diff_blocks(b, old.blocks, new.blocks, path, kind)
    elif isinstance(new, m.DutySection) and isinstance(old, m.DutySection):
        diff_fields(b, old.header, new.header, path, kind, 1)
        diff_duties(b, old.duties, new.duties, path, kind)
    elif isinstance(new, m.RequirementsSection) and isinstance(old, m.RequirementsSection):
        diff_requirements(b, old.entries, new.entries, path, kind)


# --- entry points -----------------------------------------------------------------------------


def diff_texts(
    old: str | None,
    new: str | None,
    old_path: str | None = None,
    new_path: str | None = None,
    *,
    fallback: bool = True,
) -> Diff:
    """Parse both texts and diff them. Empty text (or None) is an empty description (a file
    that did not exist). When a side does not parse and `fallback` is true, the result is
    a line diff with `structural=False` and the parse errors in `errors`; otherwise the
    AjError is raised."""
    from ajtui.base.errors import AjError
    from ajtui.format.parser import loads

    docs: list[m.Document | None] = []
    errors: list[str] = []
    for text, path in ((old, old_path), (new, new_path)):
        if not text or not text.strip():
            docs.append(m.Document())
            continue
        try:
            docs.append(loads(text, path=path))
        except AjError as e:
            if not fallback:
                raise
            errors.append(e.one_line())
            docs.append(None)
    if errors:
        d = diff_lines(old or "", new or "", old_path=old_path, new_path=new_path)
        d.errors = errors
        return d
    old_doc, new_doc = docs
    assert old_doc is not None and new_doc is not None
    return diff_documents(old_doc, new_doc, old_path=old_path, new_path=new_path)


def diff_lines(
    old: str, new: str, *, old_path: str | None = None, new_path: str | None = None
) -> Diff:
    """The fallback: a line diff (words inside similar replaced lines) for text that does
    not parse. Paths are `rida/N` (the line on the new side; the old side if removed)."""
    b = DiffBuilder()
    a, c = old.split("\n"), new.split("\n")
    if a and a[-1] == "":
        a.pop()
    if c and c[-1] == "":
        c.pop()
    sm = sequence_matcher(a, c)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                b.row(a[i1 + k], c[j1 + k], "equal", None, f"rida/{j1 + k + 1}", 1)
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2))) if op == "replace" else []
        for i, j in pairs:
            if similarity(a[i], c[j]) >= PAIR_THRESHOLD:
                idx = b.change(
                    "changed",
                    f"rida/{j + 1}",
                    a[i],
                    c[j],
                    section="",
                    what="line",
                    old_path=f"rida/{i + 1}",
                    weight=SUBSTANTIVE,
                )
                b.row(a[i], c[j], "changed", idx, f"rida/{j + 1}", 1)
            else:
                ri = b.change(
                    "removed",
                    f"rida/{i + 1}",
                    a[i],
                    None,
                    section="",
                    what="line",
                    weight=SUBSTANTIVE,
                )
                b.row(a[i], None, "removed", ri, f"rida/{i + 1}", 1)
                ai = b.change(
                    "added",
                    f"rida/{j + 1}",
                    None,
                    c[j],
                    section="",
                    what="line",
                    weight=SUBSTANTIVE,
                )
                b.row(None, c[j], "added", ai, f"rida/{j + 1}", 1)
        for i in range(i1 + len(pairs), i2):
            idx = b.change(
                "removed", f"rida/{i + 1}", a[i], None, section="", what="line", weight=SUBSTANTIVE
            )
            b.row(a[i], None, "removed", idx, f"rida/{i + 1}", 1)
        for j in range(j1 + len(pairs), j2):
            idx = b.change(
                "added", f"rida/{j + 1}", None, c[j], section="", what="line", weight=SUBSTANTIVE
            )
            b.row(None, c[j], "added", idx, f"rida/{j + 1}", 1)
    d = Diff(b.changes, b.rows, old_path=old_path, new_path=new_path, structural=False)
    d.summary = summarize(d.changes)
    return d


def changes_where(diff: Diff, predicate: Callable[[Change], bool]) -> list[Change]:
    """A small convenience for scripts: the changes that satisfy `predicate`."""
    return [c for c in diff.changes if predicate(c)]
