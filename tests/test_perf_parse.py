"""The fused fast parse (grammar.FastLALR) builds exactly what the standard Lark parse builds,
and never accepts text that the standard parse rejects."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ajtui import grammar, parser
from ajtui import model as m

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
import corpus  # noqa: E402


def _positions(sections) -> list[tuple]:
    doc = m.Document(sections=sections)
    return [(type(n).__name__, n.line, n.column, n.end_line) for n in m.walk(doc)]


def both(text: str):
    """(standard, fast): each ("ok", sections), ("error", exception type) or ("fallback",)."""
    src = text if text.endswith("\n") else text + "\n"
    parser._ctx.text, parser._ctx.lines = text, None
    try:
        try:
            std = ("ok", grammar.parser(parser._BUILDER).parse(src))
        except Exception as e:  # noqa: BLE001 - any failure of the standard path
            std = ("error", type(e))
        try:
            fast = ("ok", grammar.fast_parser(parser._BUILDER).parse(src))
        except grammar.Fallback:
            fast = ("fallback",)
    finally:
        parser._ctx.text, parser._ctx.lines = "", None
    return std, fast


def assert_same(text: str, *, valid: bool | None = None) -> None:
    std, fast = both(text)
    if valid is not None:
        assert (std[0] == "ok") == valid, std
    if std[0] == "ok":
        assert fast[0] == "ok", "the fast parse gave up on text the standard parse accepts"
        assert fast[1] == std[1]
        assert _positions(fast[1]) == _positions(std[1])
    else:
        assert fast == ("fallback",), "the fast parse accepted text the standard parse rejects"


def test_fast_parser_is_in_use():
    # None would mean Lark's internals changed: still correct, but the speed-up is gone.
    assert grammar.fast_parser(parser._BUILDER) is not None


@pytest.mark.parametrize("path", [ROOT / "tests/fixtures/valid/sample.aj",
                                  ROOT / "tests/benchmarks/template.aj",
                                  *sorted((ROOT / "descriptions").glob("*.aj"))],
                         ids=lambda p: p.name)
def test_same_model_on_fixtures(path):
    assert_same(path.read_text(encoding="utf-8"), valid=True)


def test_same_model_on_generated_descriptions():
    for text in corpus.texts(25, seed=99):
        assert_same(text, valid=True)
    assert_same(corpus.long_text(400), valid=True)


def test_same_error_through_loads():
    bad = "ametijuhend\n  asutus: X\n\nülesaned: Kohustused\n  3.1. Tekst\n"
    with pytest.raises(parser.AjSyntaxError) as e:
        parser.loads(bad)
    assert e.value.line == 4 and "ülesanded" in (e.value.hint or "")
    assert both(bad)[1] == ("fallback",)
    odd = "ametijuhend\n    asutus: X\n  kinnitaja: Y\n"
    with pytest.raises(parser.AjSyntaxError) as e:
        parser.loads(odd)
    assert "indentation" in e.value.message


SAMPLE_LINES = (ROOT / "tests/fixtures/valid/sample.aj").read_text(encoding="utf-8").split("\n")
FRAGMENTS = ["ametijuhend", "üldosa", "3. ülesanded: Kohustused", "nõuded", "osa: Lisa",
             "kompetentsid: K", "lisakompetentsid:", "Grupp:", "3.1. Tekst", "3.2.", "- tulemus",
             "-", "võti: väärtus", "võti:", "# kommentaar", "", "tekst: koolon", "a:b", "4.",
             "1. üldosa", "eesmärk: E", ":", "- ", "x" * 3]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SAMPLE_LINES + FRAGMENTS),
                          st.sampled_from([0, 0, 2, 2, 4, 6, 1, 3])), min_size=1, max_size=30))
def test_same_result_on_mangled_text(lines):
    text = "\n".join(" " * indent + line.lstrip(" ") for line, indent in lines)
    if not text.strip():
        return
    assert_same(text)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(SAMPLE_LINES) - 1), st.integers(0, len(SAMPLE_LINES) - 1),
       st.sampled_from(["drop", "dup", "indent", "dedent", "swap"]))
def test_same_result_on_edited_sample(i, j, how):
    lines = list(SAMPLE_LINES)
    if how == "drop":
        del lines[i]
    elif how == "dup":
        lines.insert(j, lines[i])
    elif how == "indent":
        lines[i] = "  " + lines[i]
    elif how == "dedent":
        lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
    else:
        lines[i], lines[j] = lines[j], lines[i]
    assert_same("\n".join(lines))
