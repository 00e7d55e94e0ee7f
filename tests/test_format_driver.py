"""The fast driver's data and reductions shipped as a module (ajtui/format/_driver.py, read
from its .pyc): current, used only when its bytecode is kept, the data as
driver_tables.json has it, each reduction only for the rule and builder it was made for,
building exactly what the reductions compiled at run time build."""

from __future__ import annotations

import importlib.util
import py_compile
import sys
from pathlib import Path

import pytest

from ajtui.format import _driver, grammar, lalr, parser
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


def test_the_shipped_module_is_current():
    assert Path(_driver.__file__).read_text(encoding="utf-8") == (
        grammar.serialize_driver_module()
    ), "ajtui/format/_driver.py is stale: run `python -m ajtui.format.grammar --driver`"
    assert grammar.grammar_text() == _driver.GRAMMAR
    assert _driver.spec() == grammar.load_driver()  # the data of driver_tables.json
    assert _driver.spec() is not _driver.spec()  # a new copy for each caller


def test_the_data_comes_from_the_module_only_when_its_bytecode_is_kept(monkeypatch):
    calls = []
    monkeypatch.setattr(_driver, "spec", lambda: calls.append(1) or {"from": "module"})
    monkeypatch.setattr(lalr, "bytecode_kept", lambda: True)
    assert grammar.shipped_driver() == {"from": "module"}
    monkeypatch.setattr(lalr, "bytecode_kept", lambda: False)
    assert grammar.shipped_driver() == grammar.load_driver()  # driver_tables.json
    assert calls == [1]
    # a module written for another grammar text is not used: the JSON's check decides
    monkeypatch.setattr(lalr, "bytecode_kept", lambda: True)
    monkeypatch.setattr(_driver, "GRAMMAR", "start: x")
    assert grammar.shipped_driver() == grammar.load_driver()
    edited = grammar.grammar_text() + "\n// an edit neither knows\n"
    monkeypatch.setattr(grammar, "grammar_text", lambda: edited)
    assert grammar.shipped_driver() is None  # then the parser builds the driver from Lark


@pytest.fixture
def shipped(monkeypatch):
    """The shipped reductions in use, whether or not this run keeps bytecode."""
    monkeypatch.setattr(lalr, "_shipped_reductions", [_driver.REDUCTIONS])


def test_the_shipped_reductions_are_used_when_their_bytecode_is_kept(monkeypatch, tmp_path):
    monkeypatch.setattr(lalr, "_shipped_reductions", [])
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert lalr.bytecode_kept()
    assert lalr._shipped() is _driver.REDUCTIONS  # a .pyc is written, then read
    # no .pyc and none written: compiling the module would cost more than the rules used
    monkeypatch.setattr(lalr, "_shipped_reductions", [])
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    assert not lalr.bytecode_kept()
    assert lalr._shipped() == {}
    # a current .pyc is read: used; a stale one would be compiled again: not used
    monkeypatch.setattr(lalr, "_shipped_reductions", [])
    mode = py_compile.PycInvalidationMode.TIMESTAMP
    py_compile.compile(_driver.__file__, doraise=True, invalidation_mode=mode)
    assert lalr.bytecode_kept()
    assert lalr._shipped() is _driver.REDUCTIONS
    pyc = Path(importlib.util.cache_from_source(_driver.__file__))
    head = pyc.read_bytes()
    pyc.write_bytes(head[:8] + (1).to_bytes(4, "little") + head[12:])  # another mtime
    assert not lalr.bytecode_kept()
    pyc.write_bytes(b"")
    assert not lalr.bytecode_kept()


def test_a_parse_uses_the_shipped_reductions_and_compiles_none(shipped):
    fast = lalr.FastLALR(grammar.load_driver(), parser.BUILDER)
    fast.parse(SAMPLE.read_text(encoding="utf-8"))
    used = _sources(fast) - {lalr.__file__}  # (the stand-ins of rules not used yet)
    assert used == {_driver.__file__}


def test_a_reduction_made_for_another_builder_is_compiled_instead(shipped):
    class Plain(ModelBuilder):
        def line(self, children):  # the same result, but not marked only_child
            return children[0]

    fast = lalr.FastLALR(grammar.load_driver(), Plain())
    fast.parse(SAMPLE.read_text(encoding="utf-8"))
    used = _sources(fast)
    assert "<reduce line>" in used  # its key differs: not the shipped one
    assert _driver.__file__ in used  # the others are


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
    assert _driver.__file__ not in _sources(compiled)
    assert _model(got) == _model(shipped)
