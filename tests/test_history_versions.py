"""ajtui.versions: checking a version piece by piece must agree with parsing it whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ajtui.parser import AjError, loads
from ajtui.versions import VersionChecker, pieces
from history_helpers import fixture

from pathlib import Path

TEXTS = [fixture("koordinaator-95.aj"), fixture("klat-koordinaator-23.aj"),
         (Path(__file__).parent / "fixtures" / "valid" / "sample.aj").read_text(
             encoding="utf-8")]

EDITS = st.sampled_from(["indent", "dedent", "drop_colon", "insert_line", "duplicate",
                         "delete", "tab", "dash", "number", "blank", "comment", "header"])
LINES = st.sampled_from(["  xx", "- item", "3.1. Uus", "nõuded", "osa: Muu", "  # note",
                         "", "   deep", "  kompetentsid:", "  haridus: Kõrg", "#", "ülesanded"])


def mutate(text: str, edits: list[tuple[str, int, str]]) -> str:
    lines = text.split("\n")
    for edit, pos, line in edits:
        k = pos % max(1, len(lines))
        if edit == "indent":
            lines[k] = " " + lines[k]
        elif edit == "dedent":
            lines[k] = lines[k][1:]
        elif edit == "drop_colon":
            lines[k] = lines[k].replace(":", "", 1)
        elif edit == "insert_line":
            lines.insert(k, line)
        elif edit == "duplicate":
            lines.insert(k, lines[k])
        elif edit == "delete":
            del lines[k]
        elif edit == "tab":
            lines[k] = "\t" + lines[k]
        elif edit == "dash":
            lines[k] = lines[k].replace("- ", "-", 1)
        elif edit == "number":
            lines[k] = lines[k].replace("3.", "3", 1)
        elif edit == "blank":
            lines.insert(k, "  ")
        elif edit == "comment":
            lines.insert(k, "# kommentaar")
        elif edit == "header":
            lines.insert(k, line.strip() or "vastutus")
    return "\n".join(lines)


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(TEXTS), st.lists(st.tuples(EDITS, st.integers(0, 500), LINES),
                                        min_size=1, max_size=3))
def test_pieces_agree_with_the_whole_parse(text, edits):
    version = mutate(text, edits)
    try:
        doc = loads(version)
        whole_error = None
    except AjError as e:
        doc, whole_error = None, e
    info = VersionChecker().info(version)
    assert (info.error is None) == (whole_error is None), (edits, info.error, whole_error)
    if doc is not None and doc.approval is not None:
        assert info.approval_view.key() == doc.approval.key()


def test_pieces_split_duties_and_requirements():
    parts = pieces(fixture("koordinaator-95.aj"))
    kinds = [k for k, _ in parts]
    assert kinds.count("ülesanded") == 13
    assert kinds.count("nõuded") == 6  # four fields, kompetentsid, lisakompetentsid
    assert all(p.startswith("3. ülesanded: Teenistuskohustused\n")
               for k, p in parts if k == "ülesanded")


def test_checker_remembers_pieces_and_versions():
    checker = VersionChecker()
    base = fixture("koordinaator-95.aj")
    checker.info(base, key="a")
    n = len(checker._pieces)
    checker.info(base.replace("kui individuaalselt", "kui ka individuaalselt"), key="b")
    assert len(checker._pieces) == n + 1  # only the changed duty was parsed again
    assert checker.info("anything", key="a") is checker._versions["a"]


def test_error_message_is_the_whole_parse_message():
    bad = fixture("koordinaator-95.aj").replace("  3.4. Enesehoiu", "   3.4. Enesehoiu")
    info = VersionChecker().info(bad)
    try:
        loads(bad)
    except AjError as e:
        assert info.error == f"line {e.line}, column {e.column}: {e.message}"
    assert info.approval_view.number == "95"  # the approval still reads
