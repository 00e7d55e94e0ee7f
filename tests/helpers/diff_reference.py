# A frozen copy of ajtui/diff.py as it was before the speed-up (commit 4f238f7): the
# reference that tests/test_diff_equivalence.py compares the fast diff with. Do not edit
# or optimise it; it stays the old, plain code.
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
unified views (ajtui.present.diffview, the app) both render.

Imports only the format layer: no git, no Rich, no Textual.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Callable, Iterable, Sequence

from ajtui.format import model as m

#: How alike two texts must be (share of equal word tokens) to be paired as one changed
#: thing; below it they are one removed and one added thing.
PAIR_THRESHOLD = 0.5
#: How alike two paired texts must be for word highlights; below it they are shown whole.
WORDS_THRESHOLD = 0.4

KINDS = ("added", "removed", "changed", "renumbered", "moved")
SUBSTANTIVE, EDITORIAL = "substantive", "editorial"

# --- the result ---------------------------------------------------------------------------


@dataclass
class Change:
    """One thing that changed, at the finest level that describes it."""

    kind: str  # added | removed | changed | renumbered | moved
    #: Where, in the format's keywords: "ülesanded/3.5", "üldosa/struktuuriüksus",
    #: "ülesanded/3.1/tulemused/4". New numbering, except for removed things.
    path: str
    old: str | None
    new: str | None
    #: Word-level spans of changed text: (op, old, new), op in equal|insert|delete|replace.
    #: The old parts joined give the old text with its line breaks made spaces; the new
    #: parts likewise. Empty when there is no text to compare.
    words: list[tuple[str, str, str]] = field(default_factory=list)
    #: "substantive" when it touches the purpose, main duties or required qualification
    #: (these need the official's consent or a new decision), otherwise "editorial".
    weight: str = EDITORIAL
    section: str = ""
    #: The old place when it differs from `path` (renumbered, moved, or changed and moved).
    old_path: str | None = None
    #: What kind of thing: duty, result, field, paragraph, item, competency, group,
    #: section, heading, line.
    what: str = ""
    #: For an added or removed duty (or group, or section): the texts it held.
    children: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        out = {"kind": self.kind, "path": self.path, "old": self.old, "new": self.new,
               "words": [list(w) for w in self.words], "weight": self.weight,
               "section": self.section, "what": self.what}
        if self.old_path is not None:
            out["old_path"] = self.old_path
        if self.children:
            out["children"] = self.children
        return out


@dataclass
class Row:
    """One aligned line pair; the split and unified views render the same rows."""

    left: str | None  # None: nothing on that side
    right: str | None
    kind: str  # equal | added | removed | changed | renumbered | moved | heading
    change: int | None  # index into Diff.changes
    path: str
    #: Nesting: 0 section heading, 1 field/duty/paragraph/item, 2 result/group item …
    depth: int = 1
    #: Length of the label at the start of left/right ("3.5. ", "- ", "haridus: "); the
    #: change's `words` apply to the text after it.
    lead: tuple[int, int] = (0, 0)
    #: A section heading (kind is "heading" when it did not change).
    is_heading: bool = False


@dataclass
class Diff:
    changes: list[Change]
    rows: list[Row]
    summary: dict[str, int] = field(default_factory=dict)
    old_path: str | None = None
    new_path: str | None = None
    #: False when a side did not parse and this is a line diff instead.
    structural: bool = True
    #: Parse errors of either side (one line each) when structural is False.
    errors: list[str] = field(default_factory=list)
    #: Sections present on both sides and untouched, by kind (for the summary line).
    unchanged_sections: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.changes

    def summary_line(self) -> str:
        return summary_line(self)

    def to_json(self) -> dict:
        out = {"old": self.old_path, "new": self.new_path, "identical": self.identical,
               "structural": self.structural, "summary": dict(self.summary),
               "summary_line": self.summary_line(),
               "changes": [c.to_json() for c in self.changes]}
        if self.errors:
            out["errors"] = list(self.errors)
        return out


# --- text helpers ---------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SPACED_TOKEN = re.compile(r"(\s*)(\w+|[^\w\s])")
_FLOWED: dict[str, str] = {}


def flow(text: str | None) -> str:
    """Whitespace runs (the author's line breaks) as single spaces."""
    if not text:
        return ""
    found = _FLOWED.get(text)
    if found is None:
        if len(_FLOWED) > 50_000:
            _FLOWED.clear()
        found = _FLOWED[text] = " ".join(text.split())
    return found


def _words(text: str) -> list[str]:
    """Word and punctuation tokens (for similarity)."""
    return _TOKEN.findall(text)


def _tokens(text: str) -> tuple[list[str], list[bool]]:
    """Word and punctuation tokens of flowed text, and whether a space precedes each."""
    pairs = _SPACED_TOKEN.findall(text)
    return [t for _, t in pairs], [bool(ws) for ws, _ in pairs]


def _join(toks: Sequence[str], spaced: Sequence[bool], i: int, j: int) -> str:
    """Tokens i..j as text; the space before token i is left to _respace."""
    return "".join((" " if spaced[k] and k > i else "") + toks[k] for k in range(i, j))


def _matcher(a, b) -> SequenceMatcher:
    # autojunk would treat common words ("ja", ",") as junk in long texts and hurt the
    # alignment; texts here are short, so it is on only for very long ones.
    return SequenceMatcher(None, a, b, autojunk=len(b) > 2000)


def similarity(a: str | None, b: str | None) -> float:
    """Share of equal word tokens (0..1) between two texts; line breaks do not count."""
    ta, tb = _words(flow(a)), _words(flow(b))
    if not ta and not tb:
        return 1.0
    return _matcher(ta, tb).ratio()


def word_diff(old: str | None, new: str | None) -> list[tuple[str, str, str]]:
    """Word-level spans between two texts (flowed), delta-style: when the texts are not
    similar enough, one `replace` of the whole texts."""
    a, b = flow(old), flow(new)
    if a == b:
        return [("equal", a, b)] if a else []
    if not a:
        return [("insert", "", b)]
    if not b:
        return [("delete", a, "")]
    ta, sa = _tokens(a)
    tb, sb = _tokens(b)
    sm = _matcher(ta, tb)
    if sm.ratio() < WORDS_THRESHOLD:
        return [("replace", a, b)]
    segs = [[op, _join(ta, sa, i1, i2), _join(tb, sb, j1, j2)]
            for op, i1, i2, j1, j2 in sm.get_opcodes()]
    _respace(segs, a, b)
    return _tidy(segs)


def _respace(segs: list[list[str]], a: str, b: str) -> None:
    """Give back the spaces between parts (_join leaves them out at part borders) so that
    each side's parts concatenate to exactly its text. A space goes to an unchanged
    neighbour when there is one, so highlights neither start nor end with a space."""
    for side, text in ((1, a), (2, b)):
        pos = 0
        prev: list[str] | None = None
        for seg in segs:
            part = seg[side]
            if not part:
                continue
            start = text.find(part, pos)
            if start > pos:
                gap = text[pos:start]
                if prev is not None and (prev[0] == "equal" or seg[0] != "equal"):
                    prev[side] += gap
                else:
                    seg[side] = gap + part
            pos = start + len(part)
            prev = seg


def _tidy(segs: list[list[str]]) -> list[tuple[str, str, str]]:
    """Fold tiny equal islands (a comma, a one-letter word) between two changes into one
    replace, so highlights are not chopped into pieces; merge neighbouring changes."""
    out = [s for s in segs if s[1] or s[2]]
    k = 1
    while k < len(out) - 1:
        mid = out[k]
        if (mid[0] == "equal" and out[k - 1][0] != "equal" and out[k + 1][0] != "equal"
                and len(mid[1].strip()) <= 2):
            out[k - 1: k + 2] = [["replace", out[k - 1][1] + mid[1] + out[k + 1][1],
                                  out[k - 1][2] + mid[2] + out[k + 1][2]]]
            k = max(1, k - 1)
            continue
        k += 1
    merged: list[list[str]] = []
    for seg in out:
        if merged and merged[-1][0] != "equal" and seg[0] != "equal":
            merged[-1][1] += seg[1]
            merged[-1][2] += seg[2]
        else:
            merged.append(list(seg))
    for seg in merged:
        if seg[0] != "equal":
            seg[0] = "replace" if seg[1] and seg[2] else ("delete" if seg[1] else "insert")
    return [(s[0], s[1], s[2]) for s in merged]


# --- alignment --------------------------------------------------------------------------------

#: With more unmatched items than this on both sides, only items at most this many places
#: apart are compared for similarity.
_MATRIX_LIMIT = 300


def align(old: Sequence[str], new: Sequence[str], *, threshold: float = PAIR_THRESHOLD,
          exact: Sequence[str] | None = None, new_exact: Sequence[str] | None = None
          ) -> list[tuple[int | None, int | None, bool]]:
    """Align two lists of texts by content. Returns (old index | None, new index | None,
    moved) in display order: the new order, with removed items where they stood.

    `exact`/`new_exact` are the keys by which two items are the same unchanged item
    (default: the flowed texts); similarity for the rest is measured on `old`/`new`.
    A threshold above 1 pairs equal keys only.
    """
    ko = list(exact) if exact is not None else [flow(t) for t in old]
    kn = list(new_exact) if new_exact is not None else [flow(t) for t in new]
    if ko == kn:  # the usual case for results and items: nothing to align
        return [(k, k, False) for k in range(len(kn))]
    pairs: dict[int, int] = {}  # new index -> old index
    # 1. equal items in order (a longest common subsequence of whole items)
    sm = SequenceMatcher(None, ko, kn, autojunk=False)
    anchors = [(blk.a + k, blk.b + k) for blk in sm.get_matching_blocks()
               for k in range(blk.size)]
    for i, j in anchors:
        pairs[j] = i
    # 2. equal items out of order (moved)
    taken = set(pairs.values())
    free_old: dict[str, list[int]] = {}
    for i, key in enumerate(ko):
        if i not in taken:
            free_old.setdefault(key, []).append(i)
    for j, key in enumerate(kn):
        if j not in pairs and free_old.get(key):
            pairs[j] = free_old[key].pop(0)
    # 3. similar items: first within each gap between equal items (where edits are),
    #    then whatever is left across gaps (moved and changed)
    if threshold <= 1.0:
        taken = set(pairs.values())
        toks: dict[tuple[int, int], list[str]] = {}

        def tok(side: int, k: int) -> list[str]:
            key = (side, k)
            if key not in toks:
                toks[key] = _words(old[k] if side == 0 else new[k])
            return toks[key]

        bounds = [(-1, -1)] + anchors + [(len(ko), len(kn))]
        compared: set[tuple[int, int]] = set()
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            gap_old = [i for i in range(i0 + 1, i1) if i not in taken]
            gap_new = [j for j in range(j0 + 1, j1) if j not in pairs]
            if len(gap_old) == 1 and len(gap_new) == 1:
                # one thing where one thing was (the common edit in place): alike when
                # they share enough words, in any order
                i, j = gap_old[0], gap_new[0]
                if _shared_words(tok(0, i), tok(1, j)) >= threshold:
                    pairs[j] = i
                    taken.add(i)
                    continue
            if gap_old and gap_new:
                _pair_similar(gap_old, gap_new, tok, threshold, pairs, compared)
                taken = set(pairs.values())
        rest_old = [i for i in range(len(ko)) if i not in taken]
        rest_new = [j for j in range(len(kn)) if j not in pairs]
        if rest_old and rest_new:
            _pair_similar(rest_old, rest_new, tok, threshold, pairs, compared)
    # 4. pairs in the longest run that keeps its order stay; the others moved
    order = sorted(pairs)
    keep = set(_lis([pairs[j] for j in order]))
    in_order = {order[k] for k in keep}
    # 5. display order: the kept pairs in order; in each gap between two of them, first
    #    what was removed there (old order), then what was added or moved there (new order)
    matched = set(pairs.values())
    kept = [(pairs[j], j) for j in order if j in in_order]
    out: list[tuple[int | None, int | None, bool]] = []
    prev_i = prev_j = -1
    for i_end, j_end in kept + [(len(ko), len(kn))]:
        out.extend((i, None, False) for i in range(prev_i + 1, i_end) if i not in matched)
        for j in range(prev_j + 1, j_end):
            out.append((pairs[j], j, True) if j in pairs else (None, j, False))
        if i_end < len(ko) and j_end < len(kn):
            out.append((i_end, j_end, False))
        prev_i, prev_j = i_end, j_end
    return out


def _shared_words(a: list[str], b: list[str]) -> float:
    """The share of words two texts have in common, in any order (difflib's quick_ratio)."""
    if not a and not b:
        return 1.0
    ca, cb = Counter(a), Counter(b)
    return 2.0 * sum(min(ca[t], cb[t]) for t in ca.keys() & cb.keys()) / (len(a) + len(b))


def _pair_similar(olds: list[int], news: list[int], tok, threshold: float,
                  pairs: dict[int, int], compared: set[tuple[int, int]]) -> None:
    """Pair the most similar items first (ties: the nearer), each at most once; pairs
    in `compared` were found unlike before and are not compared again."""
    window = _MATRIX_LIMIT if len(olds) * len(news) > _MATRIX_LIMIT ** 2 else None
    cands = []
    sm = SequenceMatcher(None, autojunk=False)
    counts = {(0, i): Counter(tok(0, i)) for i in olds}
    for j in news:
        tn = tok(1, j)
        cn = Counter(tn)
        sm.set_seq2(tn)  # the index of the new item is built once per item
        for i in olds:
            if (window is not None and abs(i - j) > window) or (i, j) in compared:
                continue
            compared.add((i, j))
            to = tok(0, i)
            total = len(to) + len(tn)
            if total:
                # an upper bound of the ratio (difflib's quick_ratio, over the words both
                # have rather than over every word)
                co = counts[(0, i)]
                if 2.0 * min(len(to), len(tn)) < threshold * total:
                    continue
                shared = co.keys() & cn.keys()
                if 2.0 * sum(min(co[t], cn[t]) for t in shared) < threshold * total:
                    continue
            sm.set_seq1(to)
            r = sm.ratio()
            if r >= threshold:
                cands.append((-r, abs(i - j), j, i))
    cands.sort()
    used: set[int] = set()
    for _, _, j, i in cands:
        if j in pairs or i in used:
            continue
        pairs[j] = i
        used.add(i)


def _lis(seq: list[int]) -> list[int]:
    """Positions of a longest strictly increasing subsequence of seq."""
    import bisect

    tails: list[int] = []
    tails_pos: list[int] = []
    prev = [-1] * len(seq)
    for k, v in enumerate(seq):
        t = bisect.bisect_left(tails, v)
        if t == len(tails):
            tails.append(v)
            tails_pos.append(k)
        else:
            tails[t] = v
            tails_pos[t] = k
        prev[k] = tails_pos[t - 1] if t else -1
    out = []
    k = tails_pos[-1] if tails_pos else -1
    while k >= 0:
        out.append(k)
        k = prev[k]
    return out[::-1]


# --- the structural diff -----------------------------------------------------------------------

#: The purpose, the main duties and the required qualification: changing them needs the
#: official's consent or a new decision.
SUBSTANTIVE_SECTIONS = frozenset({"eesmärk", "ülesanded", "nõuded"})


class _Builder:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.rows: list[Row] = []

    def change(self, kind: str, path: str, old: str | None, new: str | None, *,
               section: str, what: str, words: list | None = None,
               old_path: str | None = None, children: list[str] | None = None,
               weight: str | None = None) -> int:
        if weight is None:
            # what a duty, result or requirement says; renumbering and moving are editorial
            weight = (SUBSTANTIVE if section in SUBSTANTIVE_SECTIONS
                      and kind in ("added", "removed", "changed") and what != "heading"
                      else EDITORIAL)
        if words is None:
            words = word_diff(old, new) if kind == "changed" else []
        self.changes.append(Change(kind, path, old, new, list(words), weight, section,
                                   old_path if old_path != path else None, what,
                                   list(children or [])))
        return len(self.changes) - 1

    def row(self, left: str | None, right: str | None, kind: str, change: int | None,
            path: str, depth: int, lead: tuple[int, int] = (0, 0),
            heading: bool = False) -> None:
        self.rows.append(Row(left, right, kind, change, path, depth, lead, heading))


def _label(lead: str, text: str | None) -> tuple[str, int]:
    body = flow(text)
    if not lead:
        return body, 0
    return (f"{lead} {body}" if body else lead), len(lead) + (1 if body else 0)


def _pair_rows(b: _Builder, kind: str, idx: int | None, path: str, depth: int,
               old: tuple[str, str | None] | None, new: tuple[str, str | None] | None,
               heading: bool = False) -> None:
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


def _align_keys(ko: list[str], kn: list[str]) -> list[tuple[int | None, int | None, bool]]:
    """Align by equal keys only (nothing is merely similar)."""
    return align(ko, kn, threshold=2.0, exact=ko, new_exact=kn)


def diff_documents(old: m.Document, new: m.Document, *, old_path: str | None = None,
                   new_path: str | None = None) -> Diff:
    """The structural diff of two descriptions."""
    b = _Builder()
    ko = _numbered_keys([_section_key(s) for s in old.sections])
    kn = _numbered_keys([_section_key(s) for s in new.sections])
    unchanged: list[str] = []
    for i, j, _moved in _align_keys(ko, kn):
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
    diff = Diff(b.changes, b.rows, old_path=old_path, new_path=new_path,
                unchanged_sections=unchanged)
    diff.summary = _summary(diff.changes)
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
            yield 1, f"{f.key}:", f.value, f.key
    elif isinstance(sec, m.ProseSection):
        for n, blk in enumerate(sec.blocks, 1):
            yield 1, "-" if isinstance(blk, m.Item) else "", blk.text, str(n)
    elif isinstance(sec, m.DutySection):
        for d in sec.duties:
            num = d.number.rstrip(".")
            yield 1, d.number, d.text, num
            for n, r in enumerate(d.results, 1):
                yield 2, "-", r.text, f"{num}/tulemused/{n}"
    elif isinstance(sec, m.RequirementsSection):
        for e in sec.entries:
            if isinstance(e, m.Field):
                yield 1, f"{e.key}:", e.value, e.key
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
    idx = b.change(kind, path, text if kind == "removed" else None,
                   text if kind == "added" else None, section=sec.kind, what="section",
                   weight=SUBSTANTIVE if sec.kind in SUBSTANTIVE_SECTIONS else EDITORIAL)
    for depth, lead, body, sub in _section_lines(sec):
        pair = (lead, body)
        _pair_rows(b, kind, idx, f"{path}/{sub}" if sub else path, depth,
                   pair if kind == "removed" else None, pair if kind == "added" else None,
                   heading=depth == 0)


def _section(b: _Builder, old: m.AnySection, new: m.AnySection) -> None:
    path = _section_path(new)
    kind = new.kind
    num_idx = title_idx = None
    if old.number != new.number:
        num_idx = b.change("renumbered", f"{path}/number", old.number or None,
                           new.number or None, section=kind, what="heading")
    if flow(old.title) != flow(new.title):
        title_idx = b.change("changed", f"{path}/pealkiri", old.title or None,
                             new.title or None, section=kind, what="heading")
    hkind = ("changed" if title_idx is not None else
             "renumbered" if num_idx is not None else "heading")
    _pair_rows(b, hkind, title_idx if title_idx is not None else num_idx, path, 0,
               (_heading_text(old), old.title), (_heading_text(new), new.title), heading=True)
    if isinstance(new, m.FieldSection) and isinstance(old, m.FieldSection):
        _fields(b, old.fields, new.fields, path, kind, 1)
    elif isinstance(new, m.ProseSection) and isinstance(old, m.ProseSection):
        _blocks(b, old.blocks, new.blocks, path, kind)
    elif isinstance(new, m.DutySection) and isinstance(old, m.DutySection):
        _duties(b, old.duties, new.duties, path, kind)
    elif isinstance(new, m.RequirementsSection) and isinstance(old, m.RequirementsSection):
        _requirements(b, old.entries, new.entries, path, kind)


def _fields(b: _Builder, old: list[m.Field], new: list[m.Field], path: str, kind: str,
            depth: int) -> None:
    """Fields match by name (several of one name pair in order)."""
    ko = _numbered_keys([f.key for f in old])
    kn = _numbered_keys([f.key for f in new])
    for i, j, _ in _align_keys(ko, kn):
        of = old[i] if i is not None else None
        nf = new[j] if j is not None else None
        f = nf if nf is not None else of
        assert f is not None
        p = f"{path}/{f.key}"
        lead = f"{f.key}:"
        if of is not None and nf is not None:
            if flow(of.value) == flow(nf.value):
                _pair_rows(b, "equal", None, p, depth, (lead, of.value), (lead, nf.value))
            else:
                idx = b.change("changed", p, of.value, nf.value, section=kind, what="field")
                _pair_rows(b, "changed", idx, p, depth, (lead, of.value), (lead, nf.value))
        elif nf is not None:
            idx = b.change("added", p, None, nf.value, section=kind, what="field")
            _pair_rows(b, "added", idx, p, depth, None, (lead, nf.value))
        elif of is not None:
            idx = b.change("removed", p, of.value, None, section=kind, what="field")
            _pair_rows(b, "removed", idx, p, depth, (lead, of.value), None)


def _texts(b: _Builder, old: list[str], new: list[str], path: str, kind: str, depth: int,
           what: Callable[[str], str], lo: list[str], ln: list[str],
           ek_old: list[str] | None = None, ek_new: list[str] | None = None) -> None:
    """Unnumbered things (results, items, paragraphs, competencies) aligned by content.
    Paths use the 1-based place on the new side (the old side for removed things)."""
    ek_old = ek_old if ek_old is not None else [flow(t) for t in old]
    ek_new = ek_new if ek_new is not None else [flow(t) for t in new]
    for i, j, moved in align(old, new, exact=ek_old, new_exact=ek_new):
        if i is not None and j is not None:
            p, op = f"{path}/{j + 1}", f"{path}/{i + 1}"
            if ek_old[i] == ek_new[j] and not moved:
                _pair_rows(b, "equal", None, p, depth, (lo[i], old[i]), (ln[j], new[j]))
            elif ek_old[i] == ek_new[j]:
                idx = b.change("moved", p, str(i + 1), str(j + 1), section=kind,
                               what=what(ln[j]), old_path=op)
                _pair_rows(b, "moved", idx, p, depth, (lo[i], old[i]), (ln[j], new[j]))
            else:
                idx = b.change("changed", p, old[i], new[j], section=kind, what=what(ln[j]),
                               old_path=op)
                _pair_rows(b, "changed", idx, p, depth, (lo[i], old[i]), (ln[j], new[j]))
        elif j is not None:
            p = f"{path}/{j + 1}"
            idx = b.change("added", p, None, new[j], section=kind, what=what(ln[j]))
            _pair_rows(b, "added", idx, p, depth, None, (ln[j], new[j]))
        elif i is not None:
            p = f"{path}/{i + 1}"
            idx = b.change("removed", p, old[i], None, section=kind, what=what(lo[i]))
            _pair_rows(b, "removed", idx, p, depth, (lo[i], old[i]), None)


def _items(b: _Builder, old: list[str], new: list[str], path: str, kind: str, depth: int,
           what: str) -> None:
    _texts(b, old, new, path, kind, depth, lambda _lead: what, ["-"] * len(old),
           ["-"] * len(new))


def _blocks(b: _Builder, old: list[m.Block], new: list[m.Block], path: str,
            kind: str) -> None:
    """Paragraphs and items of a prose section; a paragraph and an item with the same
    words are different things."""
    lo = ["-" if isinstance(x, m.Item) else "" for x in old]
    ln = ["-" if isinstance(x, m.Item) else "" for x in new]
    ek_old = [f"{lead}|{flow(x.text)}" for lead, x in zip(lo, old)]
    ek_new = [f"{lead}|{flow(x.text)}" for lead, x in zip(ln, new)]
    _texts(b, [x.text for x in old], [x.text for x in new], path, kind, 1,
           lambda lead: "item" if lead else "paragraph", lo, ln, ek_old, ek_new)


def _duty_key(d: m.Duty) -> str:
    return flow(d.text) + "\x00" + "\x00".join(flow(r.text) for r in d.results)


def _duty_sim_text(d: m.Duty) -> str:
    # the duty's own words count twice: results are often boilerplate shared by duties
    return f"{d.text} {d.text} " + " ".join(r.text for r in d.results)


def _duties(b: _Builder, old: list[m.Duty], new: list[m.Duty], path: str, kind: str) -> None:
    """Duties align by content, not number: an inserted duty is one `added` and a
    `renumbered` for each later duty whose text did not change."""
    pairs = align([_duty_sim_text(d) for d in old], [_duty_sim_text(d) for d in new],
                  exact=[_duty_key(d) for d in old], new_exact=[_duty_key(d) for d in new])
    for i, j, moved in pairs:
        od = old[i] if i is not None else None
        nd = new[j] if j is not None else None
        if od is not None and nd is not None:
            _duty_pair(b, od, nd, moved, path, kind)
            continue
        d = nd if nd is not None else od
        assert d is not None
        ck = "added" if nd is not None else "removed"
        p = f"{path}/{d.number.rstrip('.')}"
        idx = b.change(ck, p, d.text if ck == "removed" else None,
                       d.text if ck == "added" else None, section=kind, what="duty",
                       children=[r.text for r in d.results])
        side = ((lambda t: (None, t)) if ck == "added" else (lambda t: (t, None)))
        _pair_rows(b, ck, idx, p, 1, *side((d.number, d.text)))
        for n, r in enumerate(d.results, 1):
            _pair_rows(b, ck, idx, f"{p}/tulemused/{n}", 2, *side(("-", r.text)))


def _duty_pair(b: _Builder, od: m.Duty, nd: m.Duty, moved: bool, path: str,
               kind: str) -> None:
    onum, nnum = od.number.rstrip("."), nd.number.rstrip(".")
    p, op = f"{path}/{nnum}", f"{path}/{onum}"
    if flow(od.text) != flow(nd.text):
        idx = b.change("changed", p, od.text, nd.text, section=kind, what="duty", old_path=op)
        rk = "changed"
    elif moved:
        idx = b.change("moved", p, od.number, nd.number, section=kind, what="duty",
                       old_path=op)
        rk = "moved"
    elif onum != nnum:
        idx = b.change("renumbered", p, od.number, nd.number, section=kind, what="duty",
                       old_path=op)
        rk = "renumbered"
    else:
        idx, rk = None, "equal"
    _pair_rows(b, rk, idx, p, 1, (od.number, od.text), (nd.number, nd.text))
    _items(b, [r.text for r in od.results], [r.text for r in nd.results], f"{p}/tulemused",
           kind, 2, "result")


def _requirements(b: _Builder, old: list[m.Requirement], new: list[m.Requirement],
                  path: str, kind: str) -> None:
    def key(e: m.Requirement) -> str:
        if isinstance(e, m.Field):
            return "f:" + e.key
        return "c:" if isinstance(e, m.Competencies) else "a:"

    ko = _numbered_keys([key(e) for e in old])
    kn = _numbered_keys([key(e) for e in new])
    for i, j, _ in _align_keys(ko, kn):
        oe = old[i] if i is not None else None
        ne = new[j] if j is not None else None
        e = ne if ne is not None else oe
        if isinstance(e, m.Field):
            _fields(b, [oe] if oe is not None else [], [ne] if ne is not None else [],
                    path, kind, 1)  # type: ignore[list-item]
        elif isinstance(e, m.Competencies):
            _competencies(b, oe, ne, path, kind)  # type: ignore[arg-type]
        elif isinstance(e, m.AdditionalCompetencies):
            _additional(b, oe, ne, path, kind)  # type: ignore[arg-type]


def _titled_line(b: _Builder, old, new, p: str, kind: str, keyword: str) -> None:
    """The `kompetentsid: Title` / `lisakompetentsid: Title` line."""
    lead = f"{keyword}:"
    if flow(old.title) == flow(new.title):
        _pair_rows(b, "equal", None, p, 1, (lead, old.title), (lead, new.title))
    else:
        idx = b.change("changed", f"{p}/pealkiri", old.title, new.title, section=kind,
                       what="heading")
        _pair_rows(b, "changed", idx, p, 1, (lead, old.title), (lead, new.title))


def _whole_list(b: _Builder, node, kind_: str, p: str, kind: str, keyword: str) -> None:
    """A competency list only one side has."""
    if isinstance(node, m.Competencies):
        children = [f"{flow(g.name)}: " + " ".join(flow(i.text) for i in g.items)
                    for g in node.groups]
    else:
        children = [i.text for i in node.items]
    title = node.title or ""
    idx = b.change(kind_, p, title if kind_ == "removed" else None,
                   title if kind_ == "added" else None, section=kind, what="competencies",
                   children=children)
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


def _competencies(b: _Builder, old: m.Competencies | None, new: m.Competencies | None,
                  path: str, kind: str) -> None:
    p = f"{path}/kompetentsid"
    if old is None or new is None:
        node = new if new is not None else old
        _whole_list(b, node, "added" if new is not None else "removed", p, kind,
                    "kompetentsid")
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
            if flow(og.name) != flow(ng.name):
                idx = b.change("changed", gp, og.name, ng.name, section=kind, what="group",
                               old_path=f"{p}/{flow(og.name)}")
                _pair_rows(b, "changed", idx, gp, 2, lo, ln)
            elif moved:
                idx = b.change("moved", gp, str(i + 1), str(j + 1), section=kind,
                               what="group")
                _pair_rows(b, "moved", idx, gp, 2, lo, ln)
            else:
                _pair_rows(b, "equal", None, gp, 2, lo, ln)
            _items(b, [x.text for x in og.items], [x.text for x in ng.items], gp, kind, 3,
                   "competency")
            continue
        ck = "added" if ng is not None else "removed"
        items = [x.text for x in g.items]
        idx = b.change(ck, gp, g.name if ck == "removed" else None,
                       g.name if ck == "added" else None, section=kind, what="group",
                       children=items)
        _pair_rows(b, ck, idx, gp, 2, lo, ln)
        for n, it in enumerate(items, 1):
            _pair_rows(b, ck, idx, f"{gp}/{n}", 3, ("-", it) if ck == "removed" else None,
                       ("-", it) if ck == "added" else None)


def _additional(b: _Builder, old: m.AdditionalCompetencies | None,
                new: m.AdditionalCompetencies | None, path: str, kind: str) -> None:
    p = f"{path}/lisakompetentsid"
    if old is None or new is None:
        node = new if new is not None else old
        _whole_list(b, node, "added" if new is not None else "removed", p, kind,
                    "lisakompetentsid")
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


def _texts_named(b: _Builder, to: list[str], tn: list[str], ek_o: list[str],
                 ek_n: list[str], p: str, kind: str) -> None:
    """… and then compared by their real text."""
    real_o = [flow(t) for t in to]
    real_n = [flow(t) for t in tn]
    for i, j, moved in align(to, tn, exact=ek_o, new_exact=ek_n):
        if i is not None and j is not None:
            pj, pi = f"{p}/{j + 1}", f"{p}/{i + 1}"
            if real_o[i] == real_n[j] and not moved:
                _pair_rows(b, "equal", None, pj, 2, ("-", to[i]), ("-", tn[j]))
            elif real_o[i] == real_n[j]:
                idx = b.change("moved", pj, str(i + 1), str(j + 1), section=kind,
                               what="competency", old_path=pi)
                _pair_rows(b, "moved", idx, pj, 2, ("-", to[i]), ("-", tn[j]))
            else:
                idx = b.change("changed", pj, to[i], tn[j], section=kind, what="competency",
                               old_path=pi)
                _pair_rows(b, "changed", idx, pj, 2, ("-", to[i]), ("-", tn[j]))
        elif j is not None:
            idx = b.change("added", f"{p}/{j + 1}", None, tn[j], section=kind,
                           what="competency")
            _pair_rows(b, "added", idx, f"{p}/{j + 1}", 2, None, ("-", tn[j]))
        elif i is not None:
            idx = b.change("removed", f"{p}/{i + 1}", to[i], None, section=kind,
                           what="competency")
            _pair_rows(b, "removed", idx, f"{p}/{i + 1}", 2, ("-", to[i]), None)


# --- summaries ---------------------------------------------------------------------------------


def _summary(changes: list[Change]) -> dict[str, int]:
    out = {k: 0 for k in KINDS}
    out.update({SUBSTANTIVE: 0, EDITORIAL: 0})
    for c in changes:
        out[c.kind] = out.get(c.kind, 0) + 1
        out[c.weight] = out.get(c.weight, 0) + 1
    out["total"] = len(changes)
    return out


_NOUNS = {
    "duty": ("duty", "duties"), "result": ("result", "results"),
    "field": ("field", "fields"), "paragraph": ("paragraph", "paragraphs"),
    "item": ("item", "items"), "competency": ("competency", "competencies"),
    "competencies": ("competency list", "competency lists"),
    "group": ("competency group", "competency groups"),
    "section": ("section", "sections"), "heading": ("heading", "headings"),
    "line": ("line", "lines"),
}
_AREAS = (("eesmärk", "purpose"), ("ülesanded", "duties"), ("nõuded", "requirements"))
_WHAT_ORDER = ("section", "duty", "result", "paragraph", "item", "competencies", "group",
               "competency", "heading", "field", "line")
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
        parts.append(f"{' and '.join(names)} {kind}" if len(names) <= 2
                     else f"{len(names)} fields {kind}")
    if approval:
        parts.append("approval changed")
    touched = {c.section for c in diff.changes}
    same = [word for kind, word in _AREAS
            if kind in diff.unchanged_sections and kind not in touched]
    if same:
        parts.append((" and ".join(same) if len(same) <= 2
                      else ", ".join(same[:-1]) + " and " + same[-1]) + " unchanged")
    return "; ".join(parts)


# --- entry points -----------------------------------------------------------------------------


def diff_texts(old: str | None, new: str | None, old_path: str | None = None,
               new_path: str | None = None, *, fallback: bool = True) -> Diff:
    """Parse both texts and diff them. Empty text (or None) is an empty description (a file
    that did not exist). When a side does not parse and `fallback` is true, the result is
    a line diff with `structural=False` and the parse errors in `errors`; otherwise the
    AjError is raised."""
    from ajtui.base.errors import AjError
    from ajtui.format.parser import loads

    docs, errors = [], []
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
    return diff_documents(docs[0], docs[1], old_path=old_path, new_path=new_path)


def diff_lines(old: str, new: str, *, old_path: str | None = None,
               new_path: str | None = None) -> Diff:
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
                idx = b.change("changed", f"rida/{j + 1}", a[i], c[j], section="", what="line",
                               old_path=f"rida/{i + 1}", weight=SUBSTANTIVE)
                b.row(a[i], c[j], "changed", idx, f"rida/{j + 1}", 1)
            else:
                ri = b.change("removed", f"rida/{i + 1}", a[i], None, section="", what="line",
                              weight=SUBSTANTIVE)
                b.row(a[i], None, "removed", ri, f"rida/{i + 1}", 1)
                ai = b.change("added", f"rida/{j + 1}", None, c[j], section="", what="line",
                              weight=SUBSTANTIVE)
                b.row(None, c[j], "added", ai, f"rida/{j + 1}", 1)
        for i in range(i1 + len(pairs), i2):
            idx = b.change("removed", f"rida/{i + 1}", a[i], None, section="", what="line",
                           weight=SUBSTANTIVE)
            b.row(a[i], None, "removed", idx, f"rida/{i + 1}", 1)
        for j in range(j1 + len(pairs), j2):
            idx = b.change("added", f"rida/{j + 1}", None, c[j], section="", what="line",
                           weight=SUBSTANTIVE)
            b.row(None, c[j], "added", idx, f"rida/{j + 1}", 1)
    d = Diff(b.changes, b.rows, old_path=old_path, new_path=new_path, structural=False)
    d.summary = _summary(d.changes)
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
