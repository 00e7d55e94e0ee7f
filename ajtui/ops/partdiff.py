"""How the parts of two matched sections compare: fields by name; results, items and
paragraphs by content; duties by content, not number; requirements, competency groups and
competencies. Each comparison adds its changes and rows to a DiffBuilder.
"""

from __future__ import annotations

from collections.abc import Callable

from ajtui.format import model as m
from ajtui.ops.align import PAIR_THRESHOLD, align, align_keyed, align_keys
from ajtui.ops.changes import EDITORIAL, Change, Row
from ajtui.ops.diffbuilder import DiffBuilder, label_flowed, pair_rows
from ajtui.ops.outline import field_lead
from ajtui.ops.words import flow


def numbered_keys(keys: list[str]) -> list[str]:
    """Several things of one name pair in order: 'a', 'a#2', …"""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}#{seen[k]}")
    return out


def diff_fields(
    b: DiffBuilder, old: list[m.Field], new: list[m.Field], path: str, kind: str, depth: int
) -> None:
    """Fields match by name (several of one name pair in order)."""
    ko = numbered_keys([f.key for f in old])
    kn = numbered_keys([f.key for f in new])
    for i, j, _ in align_keys(ko, kn):
        of = old[i] if i is not None else None
        nf = new[j] if j is not None else None
        f = nf if nf is not None else of
        assert f is not None
        p = f"{path}/{f.key}"
        # a field stated in prose shows its sentence; a label is part of the wording
        lo, ln = (field_lead(x) if x is not None else "" for x in (of, nf))
        if of is not None and nf is not None:
            if flow(of.sentence) == flow(nf.sentence) and lo == ln:
                pair_rows(b, "equal", None, p, depth, (lo, of.sentence), (ln, nf.sentence))
            else:
                idx = b.change("changed", p, of.sentence, nf.sentence, section=kind, what="field")
                pair_rows(b, "changed", idx, p, depth, (lo, of.sentence), (ln, nf.sentence))
        elif nf is not None:
            idx = b.change("added", p, None, nf.sentence, section=kind, what="field")
            pair_rows(b, "added", idx, p, depth, None, (ln, nf.sentence))
        elif of is not None:
            idx = b.change("removed", p, of.sentence, None, section=kind, what="field")
            pair_rows(b, "removed", idx, p, depth, (lo, of.sentence), None)


def _texts(
    b: DiffBuilder,
    old: list[str],
    new: list[str],
    path: str,
    kind: str,
    depth: int,
    what: Callable[[str], str],
    lo: list[str],
    ln: list[str],
    ek_old: list[str] | None = None,
    ek_new: list[str] | None = None,
    fo: list[str] | None = None,
    fn: list[str] | None = None,
) -> None:
    """Unnumbered things (results, items, paragraphs, competencies) aligned by content.
    Paths use the 1-based place on the new side (the old side for removed things).
    `fo`/`fn` are the flowed texts when the caller has them."""
    fo = fo if fo is not None else [flow(t) for t in old]
    fn = fn if fn is not None else [flow(t) for t in new]
    ek_old = ek_old if ek_old is not None else fo
    ek_new = ek_new if ek_new is not None else fn
    rows, Row_ = b.rows, Row
    if ek_old == ek_new:  # the usual case: every row equal (what align would give)
        for k, (lead_o, lead_n, body, body_n) in enumerate(zip(lo, ln, fo, fn), 1):
            left, ll = label_flowed(lead_o, body)
            right, rl = (
                (left, ll) if lead_n == lead_o and body_n == body else label_flowed(lead_n, body_n)
            )
            rows.append(Row_(left, right, "equal", None, f"{path}/{k}", depth, (ll, rl), False))
        return
    for i, j, moved in align_keyed(
        ek_old, ek_new, PAIR_THRESHOLD, lambda k: b.words(old[k]), lambda k: b.words(new[k])
    ):
        if i is not None and j is not None:
            p, op = f"{path}/{j + 1}", f"{path}/{i + 1}"
            if ek_old[i] == ek_new[j] and not moved:
                kind_, idx = "equal", None
            elif ek_old[i] == ek_new[j]:
                kind_ = "moved"
                idx = b.change(
                    "moved", p, str(i + 1), str(j + 1), section=kind, what=what(ln[j]), old_path=op
                )
            else:
                kind_ = "changed"
                idx = b.change(
                    "changed", p, old[i], new[j], section=kind, what=what(ln[j]), old_path=op
                )
            left, ll = label_flowed(lo[i], fo[i])
            right, rl = label_flowed(ln[j], fn[j])
            rows.append(Row_(left, right, kind_, idx, p, depth, (ll, rl), False))
        elif j is not None:
            p = f"{path}/{j + 1}"
            idx = b.change("added", p, None, new[j], section=kind, what=what(ln[j]))
            right, rl = label_flowed(ln[j], fn[j])
            rows.append(Row_(None, right, "added", idx, p, depth, (0, rl), False))
        elif i is not None:
            p = f"{path}/{i + 1}"
            idx = b.change("removed", p, old[i], None, section=kind, what=what(lo[i]))
            left, ll = label_flowed(lo[i], fo[i])
            rows.append(Row_(left, None, "removed", idx, p, depth, (ll, 0), False))


def _items(
    b: DiffBuilder,
    old: list[str],
    new: list[str],
    path: str,
    kind: str,
    depth: int,
    what: str,
    fo: list[str] | None = None,
    fn: list[str] | None = None,
) -> None:
    _texts(
        b,
        old,
        new,
        path,
        kind,
        depth,
        lambda _lead: what,
        ["-"] * len(old),
        ["-"] * len(new),
        fo=fo,
        fn=fn,
    )


def diff_blocks(
    b: DiffBuilder, old: list[m.Block], new: list[m.Block], path: str, kind: str
) -> None:
    """Paragraphs and items of a prose section; a paragraph and an item with the same
    words are different things."""
    lo = ["-" if isinstance(x, m.Item) else "" for x in old]
    ln = ["-" if isinstance(x, m.Item) else "" for x in new]
    fo = [flow(x.text) for x in old]
    fn = [flow(x.text) for x in new]
    ek_old = [f"{lead}|{body}" for lead, body in zip(lo, fo)]
    ek_new = [f"{lead}|{body}" for lead, body in zip(ln, fn)]
    _texts(
        b,
        [x.text for x in old],
        [x.text for x in new],
        path,
        kind,
        1,
        lambda lead: "item" if lead else "paragraph",
        lo,
        ln,
        ek_old,
        ek_new,
        fo,
        fn,
    )


def _flowed_duties(duties: list[m.Duty]) -> tuple[list[str], list[list[str]], list[str]]:
    """Each duty's flowed text, flowed results, and key (both, for equality)."""
    texts, results, keys = [], [], []
    for d in duties:
        ft = flow(d.text)
        fr = [flow(r.text) for r in d.results]
        texts.append(ft)
        results.append(fr)
        keys.append(ft + "\x00" + "\x00".join(fr))
    return texts, results, keys


def diff_duties(b: DiffBuilder, old: list[m.Duty], new: list[m.Duty], path: str, kind: str) -> None:
    """Duties align by content, not number: an inserted duty is one `added` and a
    `renumbered` for each later duty whose text did not change."""
    to, ro, ko = _flowed_duties(old)
    tn, rn, kn = _flowed_duties(new)
    pairs = align_keyed(
        ko, kn, PAIR_THRESHOLD, lambda k: b.sim_words(old[k]), lambda k: b.sim_words(new[k])
    )
    rows = b.rows
    for i, j, moved in pairs:
        if i is not None and j is not None:
            od, nd = old[i], new[j]
            if moved or to[i] != tn[j] or ro[i] != rn[j]:
                _duty_pair(b, od, nd, to[i], tn[j], ro[i], rn[j], moved, path, kind)
                continue
            # the same duty in its place, perhaps renumbered: every row equal
            onum, nnum = od.number.rstrip("."), nd.number.rstrip(".")
            p = f"{path}/{nnum}"
            if onum != nnum:
                # what b.change makes of it: editorial, no word spans
                b.changes.append(
                    Change(
                        "renumbered",
                        p,
                        od.number,
                        nd.number,
                        [],
                        EDITORIAL,
                        kind,
                        f"{path}/{onum}",
                        "duty",
                        [],
                    )
                )
                idx, rk = len(b.changes) - 1, "renumbered"
            else:
                idx, rk = None, "equal"
            body = to[i]
            left, ll = label_flowed(od.number, body)
            right, rl = (left, ll) if od.number == nd.number else label_flowed(nd.number, body)
            rows.append(Row(left, right, rk, idx, p, 1, (ll, rl), False))
            sub = p + "/tulemused/"
            for n, x in enumerate(ro[i], 1):
                if x:
                    label = "- " + x
                    rows.append(Row(label, label, "equal", None, sub + str(n), 2, (2, 2), False))
                else:
                    rows.append(Row("-", "-", "equal", None, sub + str(n), 2, (1, 1), False))
            continue
        d = new[j] if j is not None else old[i]  # type: ignore[index]  # a pair without j always has i
        ck = "added" if j is not None else "removed"
        p = f"{path}/{d.number.rstrip('.')}"
        idx = b.change(
            ck,
            p,
            d.text if ck == "removed" else None,
            d.text if ck == "added" else None,
            section=kind,
            what="duty",
            children=[r.text for r in d.results],
        )
        side = (lambda t: (None, t)) if ck == "added" else (lambda t: (t, None))
        pair_rows(b, ck, idx, p, 1, *side((d.number, d.text)))
        for n, r in enumerate(d.results, 1):
            pair_rows(b, ck, idx, f"{p}/tulemused/{n}", 2, *side(("-", r.text)))


def _duty_pair(
    b: DiffBuilder,
    od: m.Duty,
    nd: m.Duty,
    fto: str,
    ftn: str,
    fro: list[str],
    frn: list[str],
    moved: bool,
    path: str,
    kind: str,
) -> None:
    """A duty on both sides that changed, moved or was renumbered (given flowed)."""
    onum, nnum = od.number.rstrip("."), nd.number.rstrip(".")
    p, op = f"{path}/{nnum}", f"{path}/{onum}"
    if fto != ftn:
        idx = b.change("changed", p, od.text, nd.text, section=kind, what="duty", old_path=op)
        rk = "changed"
    elif moved:
        idx = b.change("moved", p, od.number, nd.number, section=kind, what="duty", old_path=op)
        rk = "moved"
    elif onum != nnum:
        idx = b.change(
            "renumbered", p, od.number, nd.number, section=kind, what="duty", old_path=op
        )
        rk = "renumbered"
    else:
        idx, rk = None, "equal"
    left, ll = label_flowed(od.number, fto)
    right, rl = label_flowed(nd.number, ftn)
    b.rows.append(Row(left, right, rk, idx, p, 1, (ll, rl), False))
    _items(
        b,
        [r.text for r in od.results],
        [r.text for r in nd.results],
        f"{p}/tulemused",
        kind,
        2,
        "result",
        fro,
        frn,
    )


def diff_requirements(
    b: DiffBuilder, old: list[m.Requirement], new: list[m.Requirement], path: str, kind: str
) -> None:
    def key(e: m.Requirement) -> str:
        if isinstance(e, m.Field):
            return "f:" + e.key
        return "c:" if isinstance(e, m.Competencies) else "a:"

    ko = numbered_keys([key(e) for e in old])
    kn = numbered_keys([key(e) for e in new])
    for i, j, _ in align_keys(ko, kn):
        oe = old[i] if i is not None else None
        ne = new[j] if j is not None else None
        e = ne if ne is not None else oe
        # equal keys: a side holds nothing or the same kind of entry as the other
        if isinstance(e, m.Field):
            diff_fields(
                b,
                [oe] if isinstance(oe, m.Field) else [],
                [ne] if isinstance(ne, m.Field) else [],
                path,
                kind,
                1,
            )
        elif isinstance(e, m.Competencies):
            _competencies(
                b,
                oe if isinstance(oe, m.Competencies) else None,
                ne if isinstance(ne, m.Competencies) else None,
                path,
                kind,
            )
        elif isinstance(e, m.AdditionalCompetencies):
            _additional(
                b,
                oe if isinstance(oe, m.AdditionalCompetencies) else None,
                ne if isinstance(ne, m.AdditionalCompetencies) else None,
                path,
                kind,
            )


def _titled_line(b: DiffBuilder, old, new, p: str, kind: str, keyword: str) -> None:
    """The `kompetentsid: Title` / `lisakompetentsid: Title` line."""
    lead = f"{keyword}:"
    if flow(old.title) == flow(new.title):
        pair_rows(b, "equal", None, p, 1, (lead, old.title), (lead, new.title))
    else:
        idx = b.change(
            "changed", f"{p}/pealkiri", old.title, new.title, section=kind, what="heading"
        )
        pair_rows(b, "changed", idx, p, 1, (lead, old.title), (lead, new.title))


def _whole_list(b: DiffBuilder, node, kind_: str, p: str, kind: str, keyword: str) -> None:
    """A competency list only one side has."""
    if isinstance(node, m.Competencies):
        children = [
            f"{flow(g.name)}: " + " ".join(flow(i.text) for i in g.items) for g in node.groups
        ]
    else:
        children = [i.text for i in node.items]
    title = node.title or ""
    idx = b.change(
        kind_,
        p,
        title if kind_ == "removed" else None,
        title if kind_ == "added" else None,
        section=kind,
        what="competencies",
        children=children,
    )
    side = (lambda t: (None, t)) if kind_ == "added" else (lambda t: (t, None))
    pair_rows(b, kind_, idx, p, 1, *side((f"{keyword}:", node.title)))
    if isinstance(node, m.Competencies):
        for g in node.groups:
            gp = f"{p}/{flow(g.name)}"
            pair_rows(b, kind_, idx, gp, 2, *side((f"{g.name}:", None)))
            for n, it in enumerate(g.items, 1):
                pair_rows(b, kind_, idx, f"{gp}/{n}", 3, *side(("-", it.text)))
    else:
        for n, it in enumerate(node.items, 1):
            pair_rows(b, kind_, idx, f"{p}/{n}", 2, *side(("-", it.text)))


def _competencies(
    b: DiffBuilder, old: m.Competencies | None, new: m.Competencies | None, path: str, kind: str
) -> None:
    p = f"{path}/kompetentsid"
    if old is None or new is None:
        node = new if new is not None else old
        _whole_list(b, node, "added" if new is not None else "removed", p, kind, "kompetentsid")
        return
    _titled_line(b, old, new, p, kind, "kompetentsid")
    # groups match by name, then (a renamed group) by their items
    names_o = [flow(g.name).lower() for g in old.groups]
    names_n = [flow(g.name).lower() for g in new.groups]
    body_o = [" ".join(i.text for i in g.items) for g in old.groups]
    body_n = [" ".join(i.text for i in g.items) for g in new.groups]
    for i, j, moved in align(body_o, body_n, exact=names_o, new_exact=names_n):
        og = old.groups[i] if i is not None else None
        ng = new.groups[j] if j is not None else None
        g = ng if ng is not None else og
        assert g is not None
        gp = f"{p}/{flow(g.name)}"
        lo = (f"{og.name}:", None) if og is not None else None
        ln = (f"{ng.name}:", None) if ng is not None else None
        if og is not None and ng is not None:
            assert i is not None and j is not None
            if flow(og.name) != flow(ng.name):
                idx = b.change(
                    "changed",
                    gp,
                    og.name,
                    ng.name,
                    section=kind,
                    what="group",
                    old_path=f"{p}/{flow(og.name)}",
                )
                pair_rows(b, "changed", idx, gp, 2, lo, ln)
            elif moved:
                idx = b.change("moved", gp, str(i + 1), str(j + 1), section=kind, what="group")
                pair_rows(b, "moved", idx, gp, 2, lo, ln)
            else:
                pair_rows(b, "equal", None, gp, 2, lo, ln)
            _items(
                b, [x.text for x in og.items], [x.text for x in ng.items], gp, kind, 3, "competency"
            )
            continue
        ck = "added" if ng is not None else "removed"
        items = [x.text for x in g.items]
        idx = b.change(
            ck,
            gp,
            g.name if ck == "removed" else None,
            g.name if ck == "added" else None,
            section=kind,
            what="group",
            children=items,
        )
        pair_rows(b, ck, idx, gp, 2, lo, ln)
        for n, it in enumerate(items, 1):
            pair_rows(
                b,
                ck,
                idx,
                f"{gp}/{n}",
                3,
                ("-", it) if ck == "removed" else None,
                ("-", it) if ck == "added" else None,
            )


def _additional(
    b: DiffBuilder,
    old: m.AdditionalCompetencies | None,
    new: m.AdditionalCompetencies | None,
    path: str,
    kind: str,
) -> None:
    p = f"{path}/lisakompetentsid"
    if old is None or new is None:
        node = new if new is not None else old
        _whole_list(b, node, "added" if new is not None else "removed", p, kind, "lisakompetentsid")
        return
    _titled_line(b, old, new, p, kind, "lisakompetentsid")

    # "Name: description" items: the same name is the same competency
    def name(text: str) -> str:
        head, sep, _ = text.partition(":")
        return flow(head).lower() if sep else flow(text)

    to, tn = [x.text for x in old.items], [x.text for x in new.items]
    ek_o = [flow(t) for t in to]
    ek_n = [flow(t) for t in tn]
    # items whose names match are paired even when the description was rewritten
    by_name = {name(t): n for n, t in enumerate(to)}
    for j, t in enumerate(tn):
        i = by_name.get(name(t))
        if i is not None and ek_o[i] != ek_n[j]:
            ek_o[i] = ek_n[j] = f"\x00{name(t)}"  # same key: aligned as one item …
    _texts_named(b, to, tn, ek_o, ek_n, p, kind)


def _texts_named(
    b: DiffBuilder,
    to: list[str],
    tn: list[str],
    ek_o: list[str],
    ek_n: list[str],
    p: str,
    kind: str,
) -> None:
    """… and then compared by their real text."""
    real_o = [flow(t) for t in to]
    real_n = [flow(t) for t in tn]
    for i, j, moved in align(to, tn, exact=ek_o, new_exact=ek_n):
        if i is not None and j is not None:
            pj, pi = f"{p}/{j + 1}", f"{p}/{i + 1}"
            if real_o[i] == real_n[j] and not moved:
                pair_rows(b, "equal", None, pj, 2, ("-", to[i]), ("-", tn[j]))
            elif real_o[i] == real_n[j]:
                idx = b.change(
                    "moved",
                    pj,
                    str(i + 1),
                    str(j + 1),
                    section=kind,
                    what="competency",
                    old_path=pi,
                )
                pair_rows(b, "moved", idx, pj, 2, ("-", to[i]), ("-", tn[j]))
            else:
                idx = b.change(
                    "changed", pj, to[i], tn[j], section=kind, what="competency", old_path=pi
                )
                pair_rows(b, "changed", idx, pj, 2, ("-", to[i]), ("-", tn[j]))
        elif j is not None:
            idx = b.change("added", f"{p}/{j + 1}", None, tn[j], section=kind, what="competency")
            pair_rows(b, "added", idx, f"{p}/{j + 1}", 2, None, ("-", tn[j]))
        elif i is not None:
            idx = b.change("removed", f"{p}/{i + 1}", to[i], None, section=kind, what="competency")
            pair_rows(b, "removed", idx, f"{p}/{i + 1}", 2, ("-", to[i]), None)
