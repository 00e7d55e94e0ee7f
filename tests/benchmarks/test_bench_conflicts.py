"""Merge conflicts: what the marker check costs a description without conflicts (one search
per text), and what reading a conflicted description costs against the same description
with ours taken (the ours reading is parsed as any text is)."""

from __future__ import annotations

from ajtui.format import conflicts as cf
from ajtui.format.parser import loads
from ajtui.ops.merge import merge_texts, with_markers

from tests.benchmarks.harness import measure, record
from tests.helpers.merging import BASE, insert_duty, reword


def _conflicted() -> str:
    done = "Juhendid on koostatud."
    ours = reword(
        reword(BASE, done, "Juhendid on avaldatud."), "  vahetu juht: Tiimijuht", "  vahetu juht: A"
    )
    theirs = reword(
        reword(insert_duty(BASE), done, "Juhendid on kinnitatud."),
        "  vahetu juht: Tiimijuht",
        "  vahetu juht: B",
    )
    text, merge = merge_texts(BASE, ours, theirs)
    return with_markers(text, merge, "main", "feature")


def test_the_marker_check_costs_a_clean_description_nothing(texts_1mb):
    texts = texts_1mb
    assert not any(cf.has_markers(t) for t in texts)
    t = measure(
        {
            "check": lambda: [cf.has_markers(x) for x in texts],
            "loads": lambda: [loads(x) for x in texts],
        },
        cpu=True,
    )
    record(
        "conflicts",
        "the marker check on 1 MB of clean descriptions",
        t["check"],
        "loads of the same",
        t["loads"],
        target=0.01,
        note="`has_markers`: a startswith and one str.find per text, all that loads adds "
        "for a text without conflicts",
    )


def test_a_conflicted_description_reads_about_as_fast(texts_1mb):
    marked = _conflicted()
    ours = cf.resolve(marked, dict.fromkeys(range(len(cf.find(marked)[0])), "ours"))
    assert len(loads(marked).conflicts) == 2
    t = measure({"marked": lambda: loads(marked), "ours": lambda: loads(ours)}, cpu=True)
    record(
        "conflicts",
        "loads a description with 2 conflicts",
        t["marked"],
        "loads of it with ours taken",
        t["ours"],
        target=1.25,
        note="finding the blocks, the ours reading, and the filler comments taken out again",
    )
