"""Three-way merge of descriptions on the model: what git's merge driver needs.

Sections pair by kind, fields by name, duties, results, items and paragraphs by content
(as `aj diff` aligns them, so renumbering does not hide a duty). For each node the base,
ours (the current side, kept byte for byte where the merge leaves it alone) and theirs are
compared attribute by attribute: a side that left a value as it was takes the other
side's; the same change on both sides is one change; different changes are a Conflict.
An insertion of theirs goes after the node it followed in theirs. A duty list whose numbers
both sides changed is numbered again in order (the numbers are the only thing that
clashed). Nothing here reads or writes files; `merge_texts` returns the merged text and the
conflicts, and the caller decides what a conflict becomes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ajtui.format import model as m
from ajtui.ops.align import PAIR_THRESHOLD, align, align_keys
from ajtui.ops.words import flow

#: a value that is not there (a node one side deleted, an attribute a side lacks)
MISSING: Any = None


@dataclass
class Conflict:
    """A place where the two sides changed the same thing differently: `path` in `aj
    query` terms, the three values (a text, or a node; None where a side deleted it), and
    `node`: the merged node that holds ours in place of the conflict."""

    path: str
    base: Any
    ours: Any
    theirs: Any
    what: str = "text"  # text | deleted-edited | edited-deleted | added
    node: Any = field(default=None, repr=False)
    #: the part of the description the conflict is shown in (a field, a duty with its
    #: results, a paragraph; a section for its heading): ours' merged node, and theirs'
    #: version of it (None: theirs deleted it); `ours_deleted`: the node in the merged model
    #: is theirs', kept so the conflict has a place
    unit: Any = field(default=None, repr=False)
    theirs_unit: Any = field(default=None, repr=False)
    ours_deleted: bool = False


@dataclass
class Merge:
    """The merged description (ours, changed where theirs changed something) and the
    conflicts; `renumbered` names duty lists numbered again."""

    doc: m.Document
    conflicts: list[Conflict] = field(default_factory=list)
    renumbered: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_documents(base: m.Document, ours: m.Document, theirs: m.Document) -> Merge:
    """Merge theirs' changes since base into ours, in place (ours' nodes are kept and
    changed, so an Editor on ours keeps the bytes of what did not change)."""
    result = Merge(ours)
    _merge_children(result, "", base, ours, theirs, None)
    if result.renumbered:
        from ajtui.ops.edit import renumber

        for kind in dict.fromkeys(result.renumbered):
            renumber(ours, kind)
    return result


# --- nodes ------------------------------------------------------------------------------------


#: (ours' unit, theirs' unit) of the node being merged; None at the document's level
Unit = tuple[Any, Any] | None


def _merge_node(result: Merge, path: str, b: m.Node, o: m.Node, t: m.Node, unit: Unit) -> None:
    """Merge theirs' changes of one node into ours (same type on all three sides)."""
    shape = m.shape(o)
    own = unit or (o, t)
    for name in (*shape.texts, "comments"):
        bv, ov, tv = getattr(b, name, MISSING), getattr(o, name, MISSING), getattr(t, name, MISSING)
        if ov == tv or tv == bv:
            continue
        if ov == bv:
            setattr(o, name, copy.deepcopy(tv))
            continue
        if name == "number" and isinstance(o, m.Duty):
            continue  # both renumbered: settled for the whole list (_renumber_if_needed)
        if name == "comments":
            # both changed the comments: keep both sides' lines, ours first
            setattr(o, name, [*ov, *(c for c in tv if c not in ov)])
            continue
        result.conflicts.append(Conflict(_at(path, name, o), bv, ov, tv, "text", o, own[0], own[1]))
    # a section's parts are units of their own; below them, the part is the unit
    _merge_children(result, path, b, o, t, None if isinstance(o, m.Section) else own)


def _at(path: str, name: str, node: m.Node) -> str:
    if name in ("text", "value") or isinstance(node, m.Section):
        return path or "/"
    return f"{path}/{name}" if path else name


def _merge_children(result: Merge, path: str, b: Any, o: Any, t: Any, unit: Unit) -> None:
    for name in m.shape(o).children:
        merged = _merge_list(
            result, path, getattr(b, name), getattr(o, name), getattr(t, name), name, unit
        )
        setattr(o, name, merged)
    if isinstance(o, m.DutySection):
        _renumber_if_needed(result, path, b, o, t)


# --- lists --------------------------------------------------------------------------------------


def _key(node: Any) -> str:
    """What makes two nodes the same unchanged node."""
    if isinstance(node, m.Section):
        return f"osa:{flow(node.title).lower()}" if node.kind == "osa" else node.kind
    if isinstance(node, m.Field):
        return node.key
    if isinstance(node, m.CompetencyGroup):
        return flow(node.name).lower()
    if isinstance(node, m.Competencies | m.AdditionalCompetencies):
        return type(node).__name__
    return _content(node)


def _content(node: Any) -> str:
    """The node's words, for content alignment (a duty with its results)."""
    if isinstance(node, m.Duty):
        return "\x00".join([flow(node.text), *(flow(r.text) for r in node.results)])
    return flow(getattr(node, "text", "") or "")


def _by_name(node: Any) -> bool:
    # sections, fields and groups pair by name; the rest by content
    return isinstance(
        node,
        m.Section | m.Field | m.CompetencyGroup | m.Competencies | m.AdditionalCompetencies,
    )


def _pairs(old: list, new: list) -> dict[int, int]:
    """old index -> new index of the same node (changed or not)."""
    sample = old[0] if old else new[0] if new else None
    if sample is None:
        return {}
    ko, kn = [_key(n) for n in old], [_key(n) for n in new]
    if _by_name(sample):
        aligned = align_keys(ko, kn)
    else:
        aligned = align(
            [_content(n) for n in old],
            [_content(n) for n in new],
            threshold=PAIR_THRESHOLD,
            exact=ko,
            new_exact=kn,
        )
    return {i: j for i, j, _moved in aligned if i is not None and j is not None}


def _merge_list(result: Merge, path: str, b: list, o: list, t: list, name: str, unit: Unit) -> list:
    """The merged list: ours' order, with theirs' deletions, edits and insertions."""
    if t == b:
        return o
    if o == b:
        # ours left the list alone: theirs' list, with ours' node objects where the node
        # is unchanged (their bytes are kept)
        t_to_o = _pairs(t, o)
        return [
            o[t_to_o[j]] if j in t_to_o and o[t_to_o[j]] == t[j] else t[j] for j in range(len(t))
        ]
    bo, bt = _pairs(b, o), _pairs(b, t)
    o_base = {j: i for i, j in bo.items()}
    t_base = {j: i for i, j in bt.items()}
    out: list = list(o)
    drop: set[int] = set()  # ours' indexes theirs deleted
    kept: dict[int, Any] = {}  # base index -> theirs' edit of what ours deleted (a conflict)
    for i, bn in enumerate(b):
        oi, ti = bo.get(i), bt.get(i)
        where = _child_path(
            path, name, o[oi] if oi is not None else bn, oi if oi is not None else i
        )
        if oi is None and ti is None:
            continue
        if oi is None:
            assert ti is not None
            if t[ti] != bn:
                # ours deleted what theirs edited: theirs' node stands where it stood, marked
                node = t[ti]
                if unit is None:
                    kept[i] = node
                u = unit or (node, node)
                c = Conflict(where, bn, None, node, "deleted-edited", node, u[0], u[1])
                c.ours_deleted = unit is None
                result.conflicts.append(c)
            continue
        if ti is None:
            if o[oi] == bn:
                drop.add(oi)
            else:
                u = unit or (o[oi], None)
                result.conflicts.append(
                    Conflict(where, bn, o[oi], None, "edited-deleted", o[oi], u[0], u[1])
                )
            continue
        _merge_node(result, where, bn, o[oi], t[ti], unit)
    # theirs' insertions, each after the ours node that stands for what it followed in theirs
    ours_new = [n for k, n in enumerate(o) if k not in o_base]
    inserts: dict[int, list] = {}  # ours index (-1: the start) -> theirs' new nodes
    anchor = -1
    for j, tn in enumerate(t):
        if j in t_base:
            oi = bo.get(t_base[j])
            if oi is not None:
                anchor = oi
            elif t_base[j] in kept:
                inserts.setdefault(anchor, []).append(kept[t_base[j]])
            continue
        if any(tn == n for n in ours_new):
            continue  # the same insertion on both sides
        same_name = _by_name(tn) and any(_key(tn) == _key(n) for n in ours_new)
        if same_name:
            other = next(n for n in ours_new if _key(n) == _key(tn))
            u = unit or (other, tn)
            result.conflicts.append(
                Conflict(_child_path(path, name, tn), None, other, tn, "added", other, u[0], u[1])
            )
            continue
        inserts.setdefault(anchor, []).append(tn)
    merged: list = list(inserts.get(-1, []))
    for k, node in enumerate(out):
        if k not in drop:
            merged.append(node)
        merged.extend(inserts.get(k, []))
    return merged


def _child_path(path: str, name: str, node: Any, index: int | None = None) -> str:
    if isinstance(node, m.Section):
        return f"osa/{flow(node.title)}" if node.kind == "osa" else node.kind
    if isinstance(node, m.Field):
        return f"{path}/{node.key}"
    if isinstance(node, m.Duty):
        return f"{path}/{node.number.rstrip('.')}"
    if isinstance(node, m.CompetencyGroup):
        return f"{path}/{flow(node.name)}"
    label = {"results": "tulemused"}.get(name, name)
    return f"{path}/{label}/{index + 1}" if index is not None else f"{path}/{label}"


def _renumber_if_needed(result: Merge, path: str, b: Any, o: m.DutySection, t: Any) -> None:
    """Number the duties again when the merge left more of them with a repeated or
    out-of-order number than base had (a side renumbered, or both inserted): the numbers
    clash, not the duties."""
    if _disorder(o.duties) > _disorder(b.duties):
        result.renumbered.append(o.kind)


def _disorder(duties: list[m.Duty]) -> int:
    """How many duties do not come after the one before them, by number."""
    keys = [
        tuple(int(p) if p.isdigit() else 0 for p in d.number.rstrip(".").split(".")) for d in duties
    ]
    return sum(1 for a, b in zip(keys, keys[1:]) if b <= a)


def merge_texts(base: str, ours: str, theirs: str, path: str | None = None) -> tuple[str, Merge]:
    """The merged text (ours' bytes kept where the merge left ours alone) and the merge.
    AjSyntaxError when a side does not parse; EditError when the result cannot be written."""
    from ajtui.format.parser import loads
    from ajtui.ops.edit import Editor

    ed = Editor(ours, path=path)
    merge = merge_documents(loads(base, path=path), ed.doc, loads(theirs, path=path))
    return ed.text(), merge


def with_markers(text: str, merge: Merge, ours_label: str, theirs_label: str) -> str:
    """`text` (merge_texts' result) with each conflict's part between git's conflict
    markers: ours' version of the part, `=======`, theirs' version (the lines of a part one
    side deleted are empty). Lines outside the conflicts are as they are."""
    from ajtui.format.parser import loads
    from ajtui.format.writer import render_node

    if merge.clean:
        return text
    # the merged model and the parse of its text have the same nodes in the same order
    placed = dict(zip(map(id, _nodes(merge.doc)), _nodes(loads(text))))
    lines = text.splitlines(keepends=True)
    units: dict[int, Conflict] = {}
    for c in merge.conflicts:
        units.setdefault(id(c.unit), c)
    spans = []
    for c in units.values():
        at = placed.get(id(c.unit))
        if at is None:  # pragma: no cover - every unit is in the merged model
            continue
        indent = " " * max(0, at.column - 1)
        first, last = at.line - 1, at.end_line or at.line
        ours = [] if c.ours_deleted else lines[first:last]
        theirs = [] if c.theirs_unit is None else render_node(c.theirs_unit, indent)
        spans.append((first, last, ours, [ln + "\n" for ln in theirs]))
    for first, last, ours, theirs in sorted(spans, reverse=True):
        if ours and not ours[-1].endswith("\n"):
            ours[-1] += "\n"
        lines[first:last] = [
            f"<<<<<<< {ours_label}\n",
            *ours,
            "=======\n",
            *theirs,
            f">>>>>>> {theirs_label}\n",
        ]
    return "".join(lines)


def _nodes(doc: m.Document) -> list:
    return list(m.walk(doc))
