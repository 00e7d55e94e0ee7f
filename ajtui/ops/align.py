"""Align two lists of texts by content: the generic sequence aligner under the diff.

Equal items pair first (in order, then out of order: moved), then items alike enough
(a share of equal word tokens of at least the threshold), the most alike first. The
result is in display order: the new order, with removed items where they stood. Nothing
here knows descriptions; ajtui.ops.diff decides what the items are and what they mean.
Sequences are matched by ajtui.ops.matching (difflib's SequenceMatcher).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from functools import cache

from ajtui.ops.matching import note, sequence_matcher
from ajtui.ops.words import flow, tokens

#: How alike two texts must be (share of equal word tokens) to be paired as one changed
#: thing; below it they are one removed and one added thing.
PAIR_THRESHOLD = 0.5

#: With more unmatched items than this on both sides, only items at most this many places
#: apart are compared for similarity.
MATRIX_LIMIT = 300

#: (old index | None, new index | None, moved), in display order.
Aligned = list[tuple[int | None, int | None, bool]]


def align(
    old: Sequence[str],
    new: Sequence[str],
    *,
    threshold: float = PAIR_THRESHOLD,
    exact: Sequence[str] | None = None,
    new_exact: Sequence[str] | None = None,
) -> Aligned:
    """Align two lists of texts by content. Returns (old index | None, new index | None,
    moved) in display order: the new order, with removed items where they stood.

    `exact`/`new_exact` are the keys by which two items are the same unchanged item
    (default: the flowed texts); similarity for the rest is measured on `old`/`new`.
    A threshold above 1 pairs equal keys only.
    """
    ko = list(exact) if exact is not None else [flow(t) for t in old]
    kn = list(new_exact) if new_exact is not None else [flow(t) for t in new]
    return align_keyed(ko, kn, threshold, lambda k: tokens(old[k]), lambda k: tokens(new[k]))


def align_keys(ko: Sequence[str], kn: Sequence[str]) -> Aligned:
    """Align by equal keys only (nothing is merely similar)."""
    return align_keyed(ko, kn, 2.0, _no_tokens, _no_tokens)


def _no_tokens(_k: int) -> list[str]:
    return []


def align_keyed(
    ko: Sequence[str],
    kn: Sequence[str],
    threshold: float,
    tokens_old: Callable[[int], list[str]],
    tokens_new: Callable[[int], list[str]],
) -> Aligned:
    """align() on keys; the word tokens of an item are asked for only when needed."""
    if ko == kn:  # the usual case for results and items: nothing to align
        return [(k, k, False) for k in range(len(kn))]
    pairs: dict[int, int] = {}  # new index -> old index
    # 1. equal items in order (a longest common subsequence of whole items)
    anchors = [
        (blk.a + k, blk.b + k)
        for blk in sequence_matcher(ko, kn).get_matching_blocks()
        for k in range(blk.size)
    ]
    for i, j in anchors:
        pairs[j] = i
    # 2. equal items out of order (moved)
    if len(anchors) < len(ko) and len(anchors) < len(kn):
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
    if threshold <= 1.0 and len(pairs) < len(ko) and len(pairs) < len(kn):
        # each item is tokenized once, and only when it is compared
        _pair_gaps(
            len(ko), len(kn), anchors, cache(tokens_old), cache(tokens_new), threshold, pairs
        )
    return _display_order(len(ko), len(kn), pairs)


def _pair_gaps(
    lo: int,
    ln: int,
    anchors: list[tuple[int, int]],
    tok_old: Callable[[int], list[str]],
    tok_new: Callable[[int], list[str]],
    threshold: float,
    pairs: dict[int, int],
) -> None:
    """Pair similar items, gap by gap between the anchors, then across gaps."""
    taken = set(pairs.values())
    compared: set[tuple[int, int]] = set()
    bounds = [(-1, -1), *anchors, (lo, ln)]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        if i1 - i0 < 2 or j1 - j0 < 2:
            continue  # nothing unmatched on one side of this gap
        gap_old = [i for i in range(i0 + 1, i1) if i not in taken]
        gap_new = [j for j in range(j0 + 1, j1) if j not in pairs]
        if len(gap_old) == 1 and len(gap_new) == 1:
            # one thing where one thing was (the common edit in place): alike when
            # they share enough words, in any order
            i, j = gap_old[0], gap_new[0]
            sm = sequence_matcher(tok_old(i), tok_new(j))
            if sm.quick_ratio() >= threshold:
                pairs[j] = i
                taken.add(i)
                continue
        if gap_old and gap_new:
            _pair_similar(gap_old, gap_new, tok_old, tok_new, threshold, pairs, compared)
            taken = set(pairs.values())
    rest_old = [i for i in range(lo) if i not in taken]
    rest_new = [j for j in range(ln) if j not in pairs]
    if rest_old and rest_new:
        _pair_similar(rest_old, rest_new, tok_old, tok_new, threshold, pairs, compared)


def _pair_similar(
    olds: list[int],
    news: list[int],
    tok_old: Callable[[int], list[str]],
    tok_new: Callable[[int], list[str]],
    threshold: float,
    pairs: dict[int, int],
    compared: set[tuple[int, int]],
) -> None:
    """Pair the most similar items first (ties: the nearer), each at most once; pairs
    in `compared` were found unlike before and are not compared again."""
    window = MATRIX_LIMIT if len(olds) * len(news) > MATRIX_LIMIT**2 else None
    cands = []
    for j in news:
        sm = sequence_matcher(b=tok_new(j))  # the new item's index is built once per item
        for i in olds:
            if (window is not None and abs(i - j) > window) or (i, j) in compared:
                continue
            compared.add((i, j))
            old = tok_old(i)
            note(len(old))
            sm.set_seq1(old)
            # the cheap upper bounds first, then the ratio itself
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
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


def _display_order(lo: int, ln: int, pairs: dict[int, int]) -> Aligned:
    # 4. pairs in the longest run that keeps its order stay; the others moved
    order = sorted(pairs)
    keep = set(_lis([pairs[j] for j in order]))
    in_order = {order[k] for k in keep}
    # 5. display order: the kept pairs in order; in each gap between two of them, first
    #    what was removed there (old order), then what was added or moved there (new order)
    matched = set(pairs.values())
    kept = [(pairs[j], j) for j in order if j in in_order]
    out: Aligned = []
    prev_i = prev_j = -1
    for i_end, j_end in [*kept, (lo, ln)]:
        out.extend((i, None, False) for i in range(prev_i + 1, i_end) if i not in matched)
        for j in range(prev_j + 1, j_end):
            out.append((pairs[j], j, True) if j in pairs else (None, j, False))
        if i_end < lo and j_end < ln:
            out.append((i_end, j_end, False))
        prev_i, prev_j = i_end, j_end
    return out


def _lis(seq: list[int]) -> list[int]:
    """Positions of a longest strictly increasing subsequence of seq."""
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
