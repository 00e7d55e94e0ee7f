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
                         "delete", "tab", "dash", "number", "blank", "comment", "header",
                         "word", "word", "word", "word"])
#: words put in place of another word: most are plain, some look like structure
WORDS = ["ja", "õigus", "ülesanne", "-", "3.1.", "3.", "x:", "#", "kompetentsid:", ":",
         "ülesanded", "nõuded:", "- a", ""]
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
        elif edit == "word":
            words = lines[k].split(" ")
            if words:
                w = pos % len(words)
                words[w] = WORDS[(pos // 7) % len(WORDS)]
                lines[k] = " ".join(words)
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
    if whole_error is not None and whole_error.line:  # the error is placed exactly
        assert info.error == (f"line {whole_error.line}, column {whole_error.column}: "
                              f"{whole_error.message}")
    if doc is not None and doc.approval is not None:
        assert info.approval_view.key() == doc.approval.key()
    # the same version after its original: pieces inherit verdicts from their siblings
    checker = VersionChecker()
    checker.info(text)
    again = checker.info(version)
    assert (again.error is None) == (whole_error is None), (edits, again.error, whole_error)


def test_pieces_split_duties_and_requirements():
    parts = pieces(fixture("koordinaator-95.aj"))
    kinds = [k for k, _ in parts]
    assert kinds.count("ülesanded") == 1 + 13  # the heading, then each duty under it
    assert kinds.count("nõuded") == 1 + 6  # four fields, kompetentsid, lisakompetentsid
    assert all(p.startswith("3. ülesanded: Teenistuskohustused\n")
               for k, p in parts if k == "ülesanded")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(EDITS, st.integers(0, 500), LINES), min_size=1, max_size=6))
def test_a_chain_of_versions_agrees_with_whole_parses(edits):
    """Versions checked one after another (as the history does), each one edit away from
    the one before: every verdict equals the whole parse's."""
    checker = VersionChecker()
    text = TEXTS[0]
    for edit in edits:
        text = mutate(text, [edit])
        try:
            loads(text)
            ok = True
        except AjError:
            ok = False
        assert (checker.info(text).error is None) == ok, edit


def test_checker_remembers_pieces_and_inherits_verdicts():
    checker = VersionChecker()
    base = fixture("koordinaator-95.aj")
    checker.info(base, key="a")
    n, parsed = len(checker._pieces), checker.parsed
    checker.info(base.replace("kui individuaalselt", "kui ka individuaalselt"), key="b")
    # words changed inside a duty: the same heads, the verdict of the version before,
    # without splitting or parsing anything
    assert len(checker._pieces) == n and checker.parsed == parsed
    assert checker.inherited == 1
    checker.info(base.replace("  3.4. Enesehoiu", "  3.4.Enesehoiu"), key="c")
    assert checker.parsed == parsed + 1  # a head changed: parsed (and fails)
    assert checker.info(base.replace("Piirkonna juht", "Piirkonna juhataja")).error is None
    assert checker.info("anything", key="a") is checker._versions["a"]


def test_error_message_is_the_whole_parse_message():
    bad = fixture("koordinaator-95.aj").replace("  3.4. Enesehoiu", "   3.4. Enesehoiu")
    info = VersionChecker().info(bad)
    try:
        loads(bad)
    except AjError as e:
        assert info.error == f"line {e.line}, column {e.column}: {e.message}"
    assert info.approval_view.number == "95"  # the approval still reads
