"""The fast driver's reductions shipped as a module (ajtui/format/_reductions.py, read from
its .pyc): current, used only for the rule and builder they were made for, and building
exactly what the reductions compiled at run time build."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ajtui.format import _reductions, grammar, lalr, parser
from ajtui.format import model as m
from ajtui.format.builder import ModelBuilder

from tests.helpers import ROOT, corpus

SAMPLE = ROOT / "tests/fixtures/valid/sample.aj"


def _sources(fast: lalr.FastLALR) -> set[str]:
    """Where the driver's reductions in use come from: their code's file names."""
    return {a.__code__.co_filename for s in fast.states.values() for a in s.values() if callable(a)}


def _model(sections) -> tuple:
    doc = m.Document(sections=sections)
    return doc, [(type(n).__name__, n.line, n.column, n.end_line) for n in m.walk(doc)]


def test_the_shipped_reductions_are_current():
    assert Path(_reductions.__file__).read_text(encoding="utf-8") == (
        grammar.serialize_reductions()
    ), "ajtui/format/_reductions.py is stale: run `python -m ajtui.format.grammar --driver`"


@pytest.fixture
def shipped(monkeypatch):
    """The shipped reductions in use, whether or not this run keeps bytecode."""
    monkeypatch.setattr(lalr, "_shipped_reductions", [_reductions.REDUCTIONS])


def test_the_shipped_reductions_are_used_when_their_bytecode_is_kept(monkeypatch, tmp_path):
    monkeypatch.setattr(lalr, "_shipped_reductions", [])
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert lalr._shipped() is _reductions.REDUCTIONS  # a .pyc is written, then read
    # no .pyc and none written: compiling the module would cost more than the rules used
    monkeypatch.setattr(lalr, "_shipped_reductions", [])
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    assert lalr._shipped() == {}
    monkeypatch.setattr(lalr, "_shipped_reductions", [])
    pyc = importlib.util.cache_from_source(_reductions.__file__)
    Path(pyc).parent.mkdir(parents=True, exist_ok=True)
    Path(pyc).write_bytes(b"")  # (only its presence is looked at)
    assert lalr._shipped() is _reductions.REDUCTIONS


def test_a_parse_uses_the_shipped_reductions_and_compiles_none(shipped):
    fast = lalr.FastLALR(grammar.load_driver(), parser.BUILDER)
    fast.parse(SAMPLE.read_text(encoding="utf-8"))
    used = _sources(fast) - {lalr.__file__}  # (the stand-ins of rules not used yet)
    assert used == {_reductions.__file__}


def test_a_reduction_made_for_another_builder_is_compiled_instead(shipped):
    class Plain(ModelBuilder):
        def line(self, children):  # the same result, but not marked only_child
            return children[0]

    fast = lalr.FastLALR(grammar.load_driver(), Plain())
    fast.parse(SAMPLE.read_text(encoding="utf-8"))
    used = _sources(fast)
    assert "<reduce line>" in used  # its key differs: not the shipped one
    assert _reductions.__file__ in used  # the others are


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE.read_text(encoding="utf-8"),
        *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "descriptions").glob("*.aj"))),
        *corpus.texts_of_size(60_000),
    ],
)
def test_shipped_and_compiled_reductions_build_the_same_model(text, shipped, monkeypatch):
    shipped = lalr.FastLALR(grammar.load_driver(), parser.BUILDER).parse(text)
    monkeypatch.setattr(lalr, "_shipped_reductions", [{}])
    compiled = lalr.FastLALR(grammar.load_driver(), parser.BUILDER)
    got = compiled.parse(text)
    assert _reductions.__file__ not in _sources(compiled)
    assert _model(got) == _model(shipped)
