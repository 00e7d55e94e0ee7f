"""Property: two sides' edits that do not touch the same duty merge into what applying
both gives, and no word of either side is lost (ajtui.ops.merge)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.format.writer import dumps
from ajtui.ops.merge import merge_texts
from ajtui.ops.words import flow

SAMPLES = sorted((Path(__file__).parent.parent / "descriptions").glob("*.aj"))
OPS = ("reword", "delete", "insert", "result")
NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")


def _new_duty(side: str, i: int) -> m.Duty:
    return m.Duty(
        "3.99",
        f"Uus ülesanne {side}{i}: kvaliteedijuhtimise süsteemi rakendamine.",
        [m.Item(f"Süsteem {side}{i} on rakendatud.")],
    )


def _apply(base: m.Document, edits: dict[int, str], side: str) -> m.Document:
    doc = copy.deepcopy(base)
    sec = next(s for s in doc.sections if isinstance(s, m.DutySection))
    out = []
    for i, d in enumerate(sec.duties):
        op = edits.get(i)
        if op == "delete":
            continue
        if op == "reword":
            d.text += f" muudetud{side}{i}"
        if op == "result" and d.results:
            d.results[0].text += f" täpsustatud{side}{i}"
        out.append(d)
        if op == "insert":
            out.append(_new_duty(side, i))
    sec.duties = out
    return doc


def _expected(base: m.Document, ours: dict[int, str], theirs: dict[int, str]) -> list:
    sec = next(s for s in base.sections if isinstance(s, m.DutySection))
    out = []
    for i, d in enumerate(sec.duties):
        ops = {("o", ours.get(i)), ("t", theirs.get(i))}
        if ("o", "delete") in ops or ("t", "delete") in ops:
            continue
        text, results = d.text, [r.text for r in d.results]
        for side, op in sorted(ops):
            if op == "reword":
                text += f" muudetud{side}{i}"
            if op == "result" and results:
                results[0] += f" täpsustatud{side}{i}"
        out.append((flow(text), [flow(r) for r in results]))
        # theirs' insertion after a duty comes before ours' (ours' stood after it already)
        for side, edits in (("t", theirs), ("o", ours)):
            if edits.get(i) == "insert":
                n = _new_duty(side, i)
                out.append((flow(n.text), [flow(r.text) for r in n.results]))
    return out


@st.composite
def two_sides(draw):
    path = draw(st.sampled_from(SAMPLES))
    base = loads(path.read_text(encoding="utf-8"))
    n = len(next(s for s in base.sections if isinstance(s, m.DutySection)).duties)
    picked = draw(st.lists(st.integers(0, n - 1), unique=True, max_size=min(n, 8)))
    half = draw(st.integers(0, len(picked)))
    ours = {i: draw(st.sampled_from(OPS)) for i in picked[:half]}
    theirs = {i: draw(st.sampled_from(OPS)) for i in picked[half:]}
    return base, ours, theirs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_sides())
def test_non_overlapping_edits_merge_to_both_applied(case):
    base, ours_edits, theirs_edits = case
    base_text = dumps(base)
    ours_text = dumps(_apply(base, ours_edits, "o"))
    theirs_text = dumps(_apply(base, theirs_edits, "t"))
    text, merge = merge_texts(base_text, ours_text, theirs_text)
    assert merge.clean, merge.conflicts
    got = [(flow(d.text), [flow(r.text) for r in d.results]) for d in loads(text).duties]
    assert got == _expected(base, ours_edits, theirs_edits)
    # no word lost: every word either side added is in the merged text (duty numbers
    # aside: a list both sides changed is numbered again)
    merged_words = _words(text)
    for side_text in (ours_text, theirs_text):
        added = _words(side_text) - _words(base_text)
        assert added <= merged_words, added - merged_words


def _words(text: str) -> set[str]:
    return {w for w in flow(text).split() if not NUMBER.match(w)}
