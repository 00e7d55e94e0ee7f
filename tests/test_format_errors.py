"""Malformed input: AjSyntaxError with the right line and column, in words; fuzzing."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ajtui
from ajtui import AjSyntaxError

CASES = [
    # (text, line, column, words in the message, hint words)
    ("ulesaned\n  3.1 x\n", 1, 1, "unknown section keyword 'ulesaned'", "ülesanded"),
    ("üldosa\n  ametinimetus: X\n\neesmrk\n  y\n", 4, 1, "unknown section keyword", "eesmärk"),
    ("üldosa\n  vahetu juht Piirkonna juht\n", 2, 29, "expected ':'", "name: value"),
    ("üldosa\n    a: b\n  c: d\n", 3, 3, "lines up with no enclosing line", "two spaces"),
    ("ülesanded\n  3.1 x\n  vaba tekst\n", 3, 3, "duty number", "continuation"),
    ("ülesanded\n  3.1 x\n    - a\n    jätk\n", 4, 5, "unexpected 'jätk'", None),
    ("üldosa\n\tametinimetus: X\n", 2, 1, "tab character", "spaces"),
    ("üldosa\r\n  ametinimetus: X\r\n", 1, 7, "carriage return", "LF"),
    ("\ufeffüldosa\n", 1, 1, "byte order mark", "without BOM"),
    ("", 1, 1, "empty file", None),
    ("   \n\n", 1, 1, "empty file", None),
    ("eesmärk\n  a\n      b\n", 3, 7, "unexpected indentation", None),
    ("üldosa\n  a: b\nfoo bar\n", 3, 1, "unknown section keyword 'foo'", "column 1"),
    ("nõuded\n  kompetentsid: K\n    - x\n", 3, 5, "unexpected", None),
    ("üldosa\n  a: b\x00\n", 2, 7, "NUL", None),
]


@pytest.mark.parametrize("text,line,col,words,hint", CASES)
def test_malformed_input_is_located_and_explained(text, line, col, words, hint):
    with pytest.raises(AjSyntaxError) as info:
        ajtui.loads(text, path="x.aj")
    e = info.value
    assert (e.line, e.column) == (line, col), str(e)
    assert words in e.message, str(e)
    if hint:
        assert hint in (e.hint or ""), str(e)
    shown = str(e).split("\n")
    assert shown[0].startswith(f"x.aj:{line}:{col}: error: ")
    assert shown[2].strip() == "^"  # the caret line under the source line


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
    pieces = ["  ", "- ", "#", ":", "3.1 ", "\n", "ülesanded", "[bold]", "õ", "\t", "\r",
              "\ufeff", "\x1b[31m", "    ", ""]
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
                mutated[i] = mutated[i][rng.randint(0, max(0, len(mutated[i]) - 1)):]
        _outcome("\n".join(mutated))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.sampled_from(list("üldosa ametinimetus:ülesanded3.1-#\n  xõ\t[]")), max_size=200))
def test_fuzz_random_text(text):
    _outcome(text)
