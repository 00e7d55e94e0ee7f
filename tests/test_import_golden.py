"""The real corpus against hand-checked expected files (`fixtures/import_golden/`).

Every field, section, duty boundary and result of each imported description is compared
with its golden file. A difference is accepted only at a node the importer flagged for
review (`# aj import: kontrolli: …`, or a child of a flagged node): no field is wrong
without a review item naming it. `aj show` must print ≥ 99% of each source's words.
"""

from __future__ import annotations

import io
from collections import Counter
from functools import cache

import pytest

from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.importer import import_file
from ajtui.importer.blocks import words_of
from ajtui.importer.report import node_paths, review_items

from tests.helpers import FIXTURES, cases

GOLDEN = FIXTURES / "import_golden"
SOURCES = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "extra").glob("*.txt"))
#: Each source with its hand-checked expected descriptions.
CASES = {c.name: c for c in cases.golden(SOURCES, GOLDEN)}
#: Sources that hold no description (a directive without its annexes).
NO_DESCRIPTION = {"06_sotsiaalkindlustusamet_ohvriabi-kriisitoe-talitus-kaskkiri"}


def facts(doc: m.Document) -> dict[str, str]:
    """Path -> what a reader checks there: a section's kind, number and heading, a field's
    label and value (or a statement's sentence), a paragraph's, a duty's or a result's text
    (line breaks flowed)."""
    out: dict[str, str] = {}
    for node, path in node_paths(doc):
        if isinstance(node, m.Section):
            value = f"<{node.kind} {node.number} {node.title}>"
        elif isinstance(node, m.Field) and node.in_prose:  # a sentence, its field marked
            value = (
                f"> {node.before}{{{node.key}: {node.value}}}{node.after}"
                if node.key
                else f"> {node.value}"
            )
        elif isinstance(node, m.Field):  # the label `aj show` prints too
            value = f"{m.printed_label(node)} | {node.value}"
        elif isinstance(node, (m.Item, m.Paragraph, m.Duty)):
            value = node.text
        elif isinstance(node, m.CompetencyGroup):
            value = node.name
        else:
            value = getattr(node, "title", "")
        key, n = path, 2
        while key in out:  # a field given twice ("Esimene/Teine asendaja")
            key, n = f"{path}#{n}", n + 1
        out[key] = " ".join(value.split())
    return out


def _covered(path: str, flagged: set[str]) -> bool:
    base = path.split("#")[0]
    return any(base == f or base.startswith((f + ".", f + "[")) for f in flagged)


def compare(golden: m.Document, got: m.Document) -> tuple[list[str], list[str]]:
    """(differences at flagged nodes, differences nobody was told about)."""
    want, have = facts(golden), facts(got)
    flagged = {r.path for r in review_items(got)}
    accepted, wrong = [], []
    for path in dict.fromkeys([*want, *have]):
        if want.get(path) == have.get(path):
            continue
        line = f"{path}: expected {want.get(path)!r}, imported {have.get(path)!r}"
        (accepted if _covered(path, flagged) else wrong).append(line)
    return accepted, wrong


@cache
def imported(stem: str):
    return import_file(CASES[stem].origin)


@pytest.mark.parametrize("case", cases.params(CASES.values()))
def test_import_matches_the_golden_file_or_says_where_to_look(case):
    result = imported(case.name)
    assert result.error is None, result.error
    if case.name in NO_DESCRIPTION:
        assert case.expected == () and result.descriptions == [] and result.remark
        return
    assert len(result.descriptions) == len(case.expected), case.expected_files
    report = []
    for gold, text, d in zip(case.expected_files, case.expected, result.descriptions):
        accepted, wrong = compare(loads(text), d.doc)
        assert not wrong, f"{gold.name}: wrong without a review item:\n" + "\n".join(wrong)
        report.append(f"{gold.name}: {len(accepted)} differences at flagged nodes")
    print("; ".join(report))


def test_moving_one_word_to_another_field_fails_the_comparison():
    """The comparison is strict: a word moved between two unflagged fields is caught."""
    checked = 0
    for case in CASES.values():
        for gold, text, d in zip(
            case.expected_files, case.expected, imported(case.name).descriptions
        ):
            flagged = {r.path for r in review_items(d.doc)}
            doc = loads(text)
            pairs = [
                (f, path)
                for f, path in node_paths(doc)
                if isinstance(f, m.Field)
                and not _covered(path, flagged)
                and len(f.value.split()) > 1
            ]
            if len(pairs) < 2:
                continue
            (a, _), (b, _) = pairs[0], pairs[1]
            words = a.value.split()
            a.value, b.value = " ".join(words[:-1]), words[-1] + " " + b.value
            accepted, wrong = compare(doc, d.doc)
            assert len(wrong) == 2, (gold.name, wrong)
            checked += 1
    assert checked >= 5


def _shown_words(doc: m.Document) -> Counter:
    from rich.console import Console

    from ajtui.present.render import render_document

    console = Console(file=io.StringIO(), width=160, color_system=None)
    console.print(render_document(doc, 160))
    return Counter(words_of(console.file.getvalue()))


@pytest.mark.parametrize(
    "case", cases.params(c for c in CASES.values() if c.name not in NO_DESCRIPTION)
)
def test_aj_show_prints_the_source_words(case):
    """Letters only, case-folded, as a multiset: comments do not count (`aj show` does
    not print them)."""
    want = Counter(words_of(case.text))
    shown: Counter = Counter()
    for d in imported(case.name).descriptions:
        shown += _shown_words(d.doc)
    got = sum((want & shown).values())
    missing = list((want - shown).elements())
    assert got / sum(want.values()) >= 0.99, (
        f"{got}/{sum(want.values())}, not shown: {missing[:20]}"
    )
