"""Malformed input: AjSyntaxError with the right line and column, in words; fuzzing.

The cases are in tests/fixtures/cases/syntax_errors.txt, each with what `aj check` prints."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ajtui
from ajtui import AjSyntaxError
from ajtui.base.errors import decode

from tests.helpers import cases

SYNTAX_ERRORS = cases.read("syntax_errors.txt")


@pytest.mark.parametrize("case", cases.params(SYNTAX_ERRORS))
def test_malformed_input_is_located_and_explained(case):
    """The API's AjSyntaxError has the place, the words and the hint `aj check` prints (for
    bytes, as the command reads them: decoded, then parsed)."""
    with pytest.raises(AjSyntaxError) as info:
        ajtui.loads(decode(case.input, path="x.aj"), path="x.aj")
    e = info.value
    if "not UTF-8" not in e.message:  # given as text, the same place
        with pytest.raises(AjSyntaxError) as as_text:
            ajtui.loads(case.text, path="x.aj")
        assert (as_text.value.line, as_text.value.column) == (e.line, e.column)
    first, *rest = case.output.split("\n")
    assert first == f"x.aj:{e.line}:{e.column}: AJ001 error: {e.message}", case.origin
    assert (f"  hint: {e.hint}" in rest) == bool(e.hint), case.origin
    shown = str(e).split("\n")
    assert shown[0] == f"x.aj:{e.line}:{e.column}: error: {e.message}"
    assert shown[2].strip() == "^"  # the caret line under the source line


@pytest.mark.parametrize("case", cases.params(SYNTAX_ERRORS))
def test_aj_check_prints_the_error_as_written(case, tmp_path, monkeypatch, capsys):
    from ajtui.cli import main

    (tmp_path / "x.aj").write_bytes(case.input)
    monkeypatch.chdir(tmp_path)
    for name, value in {
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "COLUMNS": "100",
        "NO_COLOR": "1",
    }.items():
        monkeypatch.setenv(name, value)
    assert main(["check", "x.aj"]) == 1
    assert capsys.readouterr().err == case.output, case.origin


def test_expected_is_listed_in_words():
    with pytest.raises(AjSyntaxError) as info:
        ajtui.loads("ülesanded\n  3.1 x\n    - a\n    jätk\n")
    assert info.value.expected
    assert all(" " in w or w.startswith("'") for w in info.value.expected)


def _outcome(text: str) -> None:
    """Nothing but AjSyntaxError or a clean validation result may come out."""
    try:
        doc = ajtui.loads(text)
    except AjSyntaxError as e:
        assert e.line >= 1 and e.column >= 1
        str(e)
        return
    diags = ajtui.check(doc)
    assert all(d.line >= 1 for d in diags)
    ajtui.dumps(doc)  # whatever parsed can be written back


def test_fuzz_mutations_of_a_real_description(sample_text):
    rng = random.Random(20261122)
    lines = sample_text.split("\n")
    pieces = [
        "  ",
        "- ",
        "#",
        ":",
        "3.1 ",
        "\n",
        "ülesanded",
        "[bold]",
        "õ",
        "\t",
        "\r",
        "\ufeff",
        "\x1b[31m",
        "    ",
        "",
    ]
    for _ in range(600):
        mutated = list(lines)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(mutated))
            op = rng.random()
            if op < 0.3:
                del mutated[i]
            elif op < 0.6:
                mutated.insert(i, rng.choice(lines))
            elif op < 0.8:
                s = mutated[i]
                j = rng.randint(0, len(s))
                mutated[i] = s[:j] + rng.choice(pieces) + s[j:]
            else:
                mutated[i] = mutated[i][rng.randint(0, max(0, len(mutated[i]) - 1)) :]
        _outcome("\n".join(mutated))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.sampled_from(list("üldosa ametinimetus:ülesanded3.1-#\n  xõ\t[]")), max_size=200))
def test_fuzz_random_text(text):
    _outcome(text)
