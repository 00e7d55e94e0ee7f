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
ajtui.ops.words; this module decides what the items of a description are and what their
changes mean.

Imports only the format layer: no git, no Rich, no Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cydifflib import SequenceMatcher

from ajtui.format import model as m
from ajtui.ops.align import PAIR_THRESHOLD, align, align_keyed, align_keys
from ajtui.ops.changes import EDITORIAL, SUBSTANTIVE, Change, Diff, Row, summarize
from ajtui.ops.words import flow, similarity, tokens, word_diff

#: The purpose, the main duties and the required qualification: changing them needs the
#: official's consent or a new decision.
SUBSTANTIVE_SECTIONS = frozenset({"eesmärk", "ülesanded", "nõuded"})


class _Builder:
    """The changes and rows of one diff as they are found."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.rows: list[Row] = []
        self._tokens: dict[str, list[str]] = {}

    def words(self, text: str) -> list[str]:
        """tokens(text), each text tokenized once in a diff (results repeat)."""
        found = self._tokens.get(text)
        if found is None:
            found = self._tokens[text] = tokens(text)
        return found

    def sim_words(self, d: m.Duty) -> list[str]:
        """tokens(_duty_sim_text(d)): no token spans whitespace, so the tokens of the
        parts joined."""
        own = self.words(d.text)
        out = own + own
        for r in d.results:
            out += self.words(r.text)
        return out

    def change(
        self,
        kind: str,
        path: str,
        old: str | None,
        new: str | None,
        *,
        section: str,
        what: str,
        words: list | None = None,
        old_path: str | None = None,
        children: list[str] | None = None,
        weight: str | None = None,
    ) -> int:
        if weight is None:
            # what a duty, result or requirement says; renumbering and moving are editorial
            weight = (
                SUBSTANTIVE
                if section in SUBSTANTIVE_SECTIONS
                and kind in ("added", "removed", "changed")
                and what != "heading"
                else EDITORIAL
            )
        if words is None:
            words = word_diff(old, new) if kind == "changed" else []
        self.changes.append(
            Change(
                kind,
                path,
                old,
                new,
                list(words),
                weight,
                section,
                old_path if old_path != path else None,
                what,
                list(children or []),
            )
        )
        return len(self.changes) - 1

    def row(
        self,
        left: str | None,
        right: str | None,
        kind: str,
        change: int | None,
        path: str,
        depth: int,
        lead: tuple[int, int] = (0, 0),
        heading: bool = False,
    ) -> None:
        self.rows.append(Row(left, right, kind, change, path, depth, lead, heading))


def _label(lead: str, text: str | None) -> tuple[str, int]:
    return _label_flowed(lead, flow(text))


def _label_flowed(lead: str, body: str) -> tuple[str, int]:
    if not lead:
        return body, 0
    if body:
        return f"{lead} {body}", len(lead) + 1
    return lead, len(lead)


def _pair_rows(
    b: _Builder,
    kind: str,
    idx: int | None,
    path: str,
    depth: int,
    old: tuple[str, str | None] | None,
    new: tuple[str, str | None] | None,
    heading: bool = False,
) -> None:
    """One row from (lead, text) on each side (None: nothing on that side)."""
    left, ll = _label(*old) if old is not None else (None, 0)
    right, rl = _label(*new) if new is not None else (None, 0)
    b.row(left, right, kind, idx, path, depth, (ll, rl), heading)


def _heading_text(sec: m.Section) -> str:
    head = f"{sec.number}. {sec.kind}" if sec.number else sec.kind
    return head + ":" if sec.title else head


def _section_key(sec: m.Section) -> str:
    return f"osa:{flow(sec.title).lower()}" if sec.kind == "osa" else sec.kind


def _section_path(sec: m.Section) -> str:
    return f"osa/{flow(sec.title)}" if sec.kind == "osa" else sec.kind


def _numbered_keys(keys: list[str]) -> list[str]:
    """Several things of one name pair in order: 'a', 'a#2', …"""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}#{seen[k]}")
    return out


def diff_documents(
    old: m.Document, new: m.Document, *, old_path: str | None = None, new_path: str | None = None
) -> Diff:
    """The structural diff of two descriptions."""
    b = _Builder()
    ko = _numbered_keys([_section_key(s) for s in old.sections])
    kn = _numbered_keys([_section_key(s) for s in new.sections])
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
        return _heading_text(sec)


def _section_lines(sec: m.AnySection) -> Iterable[tuple[int, str, str | None, str]]:
    """(depth, lead, text, sub-path) for every line of a section, for whole-section rows."""
    yield 0, _heading_text(sec), sec.title, ""
    if isinstance(sec, m.FieldSection):
        for f in sec.fields:
            yield 1, _field_lead(f), f.sentence, f.key
    elif isinstance(sec, m.ProseSection):
        for n, blk in enumerate(sec.blocks, 1):
            yield 1, "-" if isinstance(blk, m.Item) else "", blk.text, str(n)
    elif isinstance(sec, m.DutySection):
        for f in sec.header:
            yield 1, _field_lead(f), f.sentence, f.key
        for d in sec.duties:
            num = d.number.rstrip(".")
            yield 1, d.number, d.text, num
            for n, r in enumerate(d.results, 1):
                yield 2, "-", r.text, f"{num}/tulemused/{n}"
    elif isinstance(sec, m.RequirementsSection):
        for e in sec.entries:
            if isinstance(e, m.Field):
                yield 1, _field_lead(e), e.sentence, e.key
            elif isinstance(e, m.Competencies):
                yield 1, "kompetentsid:", e.title, "kompetentsid"
                for g in e.groups:
                    yield 2, f"{g.name}:", None, f"kompetentsid/{flow(g.name)}"
                    for n, it in enumerate(g.items, 1):
                        yield 3, "-", it.text, f"kompetentsid/{flow(g.name)}/{n}"
            elif isinstance(e, m.AdditionalCompetencies):
                yield 1, "lisakompetentsid:", e.title, "lisakompetentsid"
                for n, it in enumerate(e.items, 1):
                    yield 2, "-", it.text, f"lisakompetentsid/{n}"


def _whole_section(b: _Builder, sec: m.AnySection, kind: str) -> None:
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
    for depth, lead, body, sub in _section_lines(sec):
        pair = (lead, body)
        _pair_rows(
            b,
            kind,
            idx,
            f"{path}/{sub}" if sub else path,
            depth,
            pair if kind == "removed" else None,
            pair if kind == "added" else None,
            heading=depth == 0,
        )


def _section(b: _Builder, old: m.AnySection, new: m.AnySection) -> None:
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
    _pair_rows(
        b,
        hkind,
        title_idx if title_idx is not None else num_idx,
        path,
        0,
        (_heading_text(old), old.title),
        (_heading_text(new), new.title),
        heading=True,
    )
    if isinstance(new, m.FieldSection) and isinstance(old, m.FieldSection):
        _fields(b, old.fields, new.fields, path, kind, 1)
    elif isinstance(new, m.ProseSection) and isinstance(old, m.ProseSection):
        _blocks(b, old.blocks, new.blocks, path, kind)
    elif isinstance(new, m.DutySection) and isinstance(old, m.DutySection):
        _fields(b, old.header, new.header, path, kind, 1)
        _duties(b, old.duties, new.duties, path, kind)
    elif isinstance(new, m.RequirementsSection) and isinstance(old, m.RequirementsSection):
        _requirements(b, old.entries, new.entries, path, kind)


def _fields(
    b: _Builder, old: list[m.Field], new: list[m.Field], path: str, kind: str, depth: int
) -> None:
    """Fields match by name (several of one name pair in order)."""
    ko = _numbered_keys([f.key for f in old])
    kn = _numbered_keys([f.key for f in new])
    for i, j, _ in align_keys(ko, kn):
        of = old[i] if i is not None else None
        nf = new[j] if j is not None else None
        f = nf if nf is not None else of
        assert f is not None
        p = f"{path}/{f.key}"
        # a field stated in prose shows its sentence; a label is part of the wording
        lo, ln = (_field_lead(x) if x is not None else "" for x in (of, nf))
        if of is not None and nf is not None:
            if flow(of.sentence) == flow(nf.sentence) and lo == ln:
                _pair_rows(b, "equal", None, p, depth, (lo, of.sentence), (ln, nf.sentence))
            else:
                idx = b.change("changed", p, of.sentence, nf.sentence, section=kind, what="field")
                _pair_rows(b, "changed", idx, p, depth, (lo, of.sentence), (ln, nf.sentence))
        elif nf is not None:
            idx = b.change("added", p, None, nf.sentence, section=kind, what="field")
            _pair_rows(b, "added", idx, p, depth, None, (ln, nf.sentence))
        elif of is not None:
            idx = b.change("removed", p, of.sentence, None, section=kind, what="field")
            _pair_rows(b, "removed", idx, p, depth, (lo, of.sentence), None)


def _field_lead(f: m.Field) -> str:
    if f.in_prose:
        return ">"
    return f'{f.key} "{f.label}":' if f.label else f"{f.key}:"


def _texts(
    b: _Builder,
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
            left, ll = _label_flowed(lead_o, body)
            right, rl = (
                (left, ll) if lead_n == lead_o and body_n == body else _label_flowed(lead_n, body_n)
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
            left, ll = _label_flowed(lo[i], fo[i])
            right, rl = _label_flowed(ln[j], fn[j])
            rows.append(Row_(left, right, kind_, idx, p, depth, (ll, rl), False))
        elif j is not None:
            p = f"{path}/{j + 1}"
            idx = b.change("added", p, None, new[j], section=kind, what=what(ln[j]))
            right, rl = _label_flowed(ln[j], fn[j])
            rows.append(Row_(None, right, "added", idx, p, depth, (0, rl), False))
        elif i is not None:
            p = f"{path}/{i + 1}"
            idx = b.change("removed", p, old[i], None, section=kind, what=what(lo[i]))
            left, ll = _label_flowed(lo[i], fo[i])
            rows.append(Row_(left, None, "removed", idx, p, depth, (ll, 0), False))


def _items(
    b: _Builder,
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


def _blocks(b: _Builder, old: list[m.Block], new: list[m.Block], path: str, kind: str) -> None:
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


def _duty_sim_text(d: m.Duty) -> str:
    # the duty's own words count twice: results are often boilerplate shared by duties
    return f"{d.text} {d.text} " + " ".join(r.text for r in d.results)


def _duties(b: _Builder, old: list[m.Duty], new: list[m.Duty], path: str, kind: str) -> None:
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
            left, ll = _label_flowed(od.number, body)
            right, rl = (left, ll) if od.number == nd.number else _label_flowed(nd.number, body)
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
        _pair_rows(b, ck, idx, p, 1, *side((d.number, d.text)))
        for n, r in enumerate(d.results, 1):
            _pair_rows(b, ck, idx, f"{p}/tulemused/{n}", 2, *side(("-", r.text)))


def _duty_pair(
    b: _Builder,
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
    left, ll = _label_flowed(od.number, fto)
    right, rl = _label_flowed(nd.number, ftn)
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


def _requirements(
    b: _Builder, old: list[m.Requirement], new: list[m.Requirement], path: str, kind: str
) -> None:
    def key(e: m.Requirement) -> str:
        if isinstance(e, m.Field):
            return "f:" + e.key
        return "c:" if isinstance(e, m.Competencies) else "a:"

    ko = _numbered_keys([key(e) for e in old])
    kn = _numbered_keys([key(e) for e in new])
    for i, j, _ in align_keys(ko, kn):
        oe = old[i] if i is not None else None
        ne = new[j] if j is not None else None
        e = ne if ne is not None else oe
        # equal keys: a side holds nothing or the same kind of entry as the other
        if isinstance(e, m.Field):
            _fields(
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


def _titled_line(b: _Builder, old, new, p: str, kind: str, keyword: str) -> None:
    """The `kompetentsid: Title` / `lisakompetentsid: Title` line."""
    lead = f"{keyword}:"
    if flow(old.title) == flow(new.title):
        _pair_rows(b, "equal", None, p, 1, (lead, old.title), (lead, new.title))
    else:
        idx = b.change(
            "changed", f"{p}/pealkiri", old.title, new.title, section=kind, what="heading"
        )
        _pair_rows(b, "changed", idx, p, 1, (lead, old.title), (lead, new.title))


def _whole_list(b: _Builder, node, kind_: str, p: str, kind: str, keyword: str) -> None:
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
    _pair_rows(b, kind_, idx, p, 1, *side((f"{keyword}:", node.title)))
    if isinstance(node, m.Competencies):
        for g in node.groups:
            gp = f"{p}/{flow(g.name)}"
            _pair_rows(b, kind_, idx, gp, 2, *side((f"{g.name}:", None)))
            for n, it in enumerate(g.items, 1):
                _pair_rows(b, kind_, idx, f"{gp}/{n}", 3, *side(("-", it.text)))
    else:
        for n, it in enumerate(node.items, 1):
            _pair_rows(b, kind_, idx, f"{p}/{n}", 2, *side(("-", it.text)))


def _competencies(
    b: _Builder, old: m.Competencies | None, new: m.Competencies | None, path: str, kind: str
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
                _pair_rows(b, "changed", idx, gp, 2, lo, ln)
            elif moved:
                idx = b.change("moved", gp, str(i + 1), str(j + 1), section=kind, what="group")
                _pair_rows(b, "moved", idx, gp, 2, lo, ln)
            else:
                _pair_rows(b, "equal", None, gp, 2, lo, ln)
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
        _pair_rows(b, ck, idx, gp, 2, lo, ln)
        for n, it in enumerate(items, 1):
            _pair_rows(
                b,
                ck,
                idx,
                f"{gp}/{n}",
                3,
                ("-", it) if ck == "removed" else None,
                ("-", it) if ck == "added" else None,
            )


def _additional(
    b: _Builder,
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
    b: _Builder, to: list[str], tn: list[str], ek_o: list[str], ek_n: list[str], p: str, kind: str
) -> None:
    """… and then compared by their real text."""
    real_o = [flow(t) for t in to]
    real_n = [flow(t) for t in tn]
    for i, j, moved in align(to, tn, exact=ek_o, new_exact=ek_n):
        if i is not None and j is not None:
            pj, pi = f"{p}/{j + 1}", f"{p}/{i + 1}"
            if real_o[i] == real_n[j] and not moved:
                _pair_rows(b, "equal", None, pj, 2, ("-", to[i]), ("-", tn[j]))
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
                _pair_rows(b, "moved", idx, pj, 2, ("-", to[i]), ("-", tn[j]))
            else:
                idx = b.change(
                    "changed", pj, to[i], tn[j], section=kind, what="competency", old_path=pi
                )
                _pair_rows(b, "changed", idx, pj, 2, ("-", to[i]), ("-", tn[j]))
        elif j is not None:
            idx = b.change("added", f"{p}/{j + 1}", None, tn[j], section=kind, what="competency")
            _pair_rows(b, "added", idx, f"{p}/{j + 1}", 2, None, ("-", tn[j]))
        elif i is not None:
            idx = b.change("removed", f"{p}/{i + 1}", to[i], None, section=kind, what="competency")
            _pair_rows(b, "removed", idx, f"{p}/{i + 1}", 2, ("-", to[i]), None)


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
    b = _Builder()
    a, c = old.split("\n"), new.split("\n")
    if a and a[-1] == "":
        a.pop()
    if c and c[-1] == "":
        c.pop()
    sm = SequenceMatcher(None, a, c, autojunk=False)
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


def outline(doc: m.Document) -> list[str]:
    """The description one node per line, its text flowed (the author's line breaks as
    spaces), indented by nesting: what `aj git-textconv` gives git, so that plain line
    diffs (`git log -p`) show a one-word change as one changed line."""
    out: list[str] = []
    for n, sec in enumerate(doc.sections):
        if n:
            out.append("")
        for depth, lead, body, _sub in _section_lines(sec):
            text, _ = _label(lead, body)
            out.append("  " * depth + text)
    return out
