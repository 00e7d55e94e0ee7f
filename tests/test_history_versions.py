"""ajtui.store.versions: checking a version piece by piece must agree with parsing it whole."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ajtui.base.errors import AjError
from ajtui.format.parser import loads
from ajtui.store.versions import VersionChecker, pieces

from tests.helpers.history import fixture

TEXTS = [
    fixture("koordinaator-95.aj"),
    fixture("klat-koordinaator-23.aj"),
    (Path(__file__).parent / "fixtures" / "valid" / "sample.aj").read_text(encoding="utf-8"),
]

EDITS = st.sampled_from(
    [
        "indent",
        "dedent",
        "drop_colon",
        "insert_line",
        "duplicate",
        "delete",
        "tab",
        "dash",
        "number",
        "blank",
        "comment",
        "header",
        "word",
        "word",
        "word",
        "word",
    ]
)
#: words put in place of another word: most are plain, some look like structure
WORDS = [
    "ja",
    "õigus",
    "ülesanne",
    "-",
    "3.1.",
    "3.",
    "x:",
    "#",
    "kompetentsid:",
    ":",
    "ülesanded",
    "nõuded:",
    "- a",
    "",
]
LINES = st.sampled_from(
    [
        "  xx",
        "- item",
        "3.1. Uus",
        "nõuded",
        "osa: Muu",
        "  # note",
        "",
        "   deep",
        "  kompetentsid:",
        "  haridus: Kõrg",
        "#",
        "ülesanded",
    ]
)


def whole_parse(text: str) -> tuple:
    """(document, None) or (None, the error): what parsing the whole text says."""
    try:
        return loads(text), None
    except AjError as e:
        return None, e


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
@given(
    st.sampled_from(TEXTS),
    st.lists(st.tuples(EDITS, st.integers(0, 500), LINES), min_size=1, max_size=3),
)
def test_pieces_agree_with_the_whole_parse(text, edits):
    version = mutate(text, edits)
    doc, whole_error = whole_parse(version)
    info = VersionChecker().info(version)
    assert (info.error is None) == (whole_error is None), (edits, info.error, whole_error)
    if whole_error is not None and whole_error.line:  # the error is placed exactly
        assert info.error == (
            f"line {whole_error.line}, column {whole_error.column}: {whole_error.message}"
        )
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
    assert all(
        p.startswith("3. ülesanded: Teenistuskohustused\n") for k, p in parts if k == "ülesanded"
    )


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(EDITS, st.integers(0, 500), LINES), min_size=1, max_size=6))
def test_a_chain_of_versions_agrees_with_whole_parses(edits):
    """Versions checked one after another (as the history does), each one edit away from
    the one before: every verdict equals the whole parse's."""
    checker = VersionChecker()
    text = TEXTS[0]
    for edit in edits:
        text = mutate(text, [edit])
        doc = whole_parse(text)[0]
        info = checker.info(text)
        assert (info.error is None) == (doc is not None), edit
        if doc is not None:  # the approval read from the changed sections, or kept
            assert (info.approval is None) == (doc.approval is None), edit
            if doc.approval is not None:
                assert info.approval_view.key() == doc.approval.key(), edit


def test_checker_remembers_pieces_and_inherits_verdicts():
    checker = VersionChecker()
    base = fixture("koordinaator-95.aj")
    checker.info(base, key="a")
    n, parsed, inherited = len(checker._pieces), checker.parsed, checker.inherited
    # duties of one shape (the same heads) parse once: the others inherit the verdict
    assert parsed < len(pieces(base)) and inherited > 0
    checker.info(base.replace("kui individuaalselt", "kui ka individuaalselt"), key="b")
    # words changed inside a duty: the same heads, the verdict of the version before,
    # without splitting or parsing anything
    assert len(checker._pieces) == n and checker.parsed == parsed
    assert checker.inherited == inherited + 1
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


#: One checker for every example below: pieces of one shape met in any earlier version
#: (of any description) pass on their verdict, as they do across a long history.
_SHARED = VersionChecker()


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(TEXTS),
    st.lists(st.tuples(EDITS, st.integers(0, 500), LINES), min_size=1, max_size=4),
)
def test_verdicts_shared_across_versions_agree_with_whole_parses(text, edits):
    version = mutate(text, edits)
    ok = whole_parse(version)[1] is None
    assert (_SHARED.info(version).error is None) == ok, edits


def test_only_the_changed_sections_are_checked_again(monkeypatch):
    """A duty inserted, a result added, the directive changed: each version is checked by
    splitting only the sections whose lines changed, and agrees with the whole parse."""
    checker = VersionChecker()
    base = fixture("koordinaator-95.aj")
    checker.info(base)
    steps = [
        base.replace(
            "  3.5. Vabatahtlike", "  3.5. Uus ülesanne\n    - Uus tulemus\n  3.6. Vabatahtlike"
        ),
        base.replace(
            "      kovisioonides või supervisioonides\n",
            "      kovisioonides või supervisioonides\n    - Lisatud tulemus\n",
        ),
        base.replace("  number: 95", "  number: 12"),
        base.replace("  number: 95", "  number: 12\n  lisa: 3"),
        base.replace("  number: 95", "  number: 12").replace("  3.4. Enesehoiu", "  3.4.Enesehoiu"),
    ]
    import ajtui.store.versions as versions

    split = []
    real = versions.spans
    monkeypatch.setattr(versions, "spans", lambda data: split.append(len(data)) or real(data))
    for step, text in enumerate(steps):
        split.clear()
        info = checker.info(text)
        doc, error = whole_parse(text)
        assert (info.error is None) == (error is None)
        if error is not None:
            assert info.error == f"line {error.line}, column {error.column}: {error.message}"
            assert len(split) == 2  # the window found the failing piece, then the whole
        else:
            assert info.approval_view.key() == doc.approval.key()
            assert split and max(split) < len(text.encode()) / 2, step  # a window only
