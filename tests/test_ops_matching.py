"""difflib and cydifflib give the diff the same answers, and a one-file diff does not pay
for importing cydifflib (ajtui.ops.matching)."""

from __future__ import annotations

import difflib
import subprocess
import sys

import cydifflib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ajtui.format.parser import loads
from ajtui.ops import matching
from ajtui.ops.diff import diff_documents
from ajtui.ops.words import flow, tokens

from tests.helpers import ROOT

HISTORY = sorted((ROOT / "tests/fixtures/history").glob("*.aj"))
DESCRIPTIONS = sorted((ROOT / "descriptions").glob("*.aj"))


@pytest.fixture
def restore():
    before = matching.implementation()
    yield
    matching.use(before)


def _answers(cls, a, b):
    sm = cls(None, a, b, autojunk=False)
    return sm.get_opcodes(), sm.ratio(), sm.quick_ratio(), sm.real_quick_ratio()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["ja", "ning", ",", ".", "töö", "x", "y"]), max_size=40),
    st.lists(st.sampled_from(["ja", "ning", ",", ".", "töö", "x", "z"]), max_size=40),
)
def test_the_two_matchers_answer_alike(a, b):
    assert _answers(difflib.SequenceMatcher, a, b) == _answers(cydifflib.SequenceMatcher, a, b)


def test_the_two_matchers_answer_alike_on_real_wordings():
    texts = [tokens(flow(p.read_text(encoding="utf-8"))) for p in HISTORY + DESCRIPTIONS]
    for a, b in zip(texts, texts[1:]):
        assert _answers(difflib.SequenceMatcher, a, b) == _answers(cydifflib.SequenceMatcher, a, b)


def _whole(diff):
    return list(diff.changes), list(diff.rows), diff.summary


def test_a_diff_is_the_same_with_either_matcher(restore):
    docs = [loads(p.read_text(encoding="utf-8")) for p in HISTORY]
    for old, new in zip(docs, docs[1:]):
        matching.use("difflib")
        slow = _whole(diff_documents(old, new))
        matching.use("cydifflib")
        assert _whole(diff_documents(old, new)) == slow


def test_use_names_one_of_the_two():
    with pytest.raises(ValueError, match="difflib or cydifflib"):
        matching.use("rapidfuzz")


def _loaded_after_diffing(*pairs: tuple[str, str]) -> str:
    code = (
        "import sys\n"
        "from ajtui.format.parser import loads\n"
        "from ajtui.ops.diff import diff_documents\n"
        "from ajtui.ops import matching\n"
        f"for a, b in {[(str(a), str(b)) for a, b in pairs]!r}:\n"
        "    diff_documents(loads(open(a, encoding='utf-8').read()),"
        " loads(open(b, encoding='utf-8').read()))\n"
        "print(matching.implementation(), 'cydifflib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_one_description_diffed_does_not_load_cydifflib():
    # two approved versions of one description (798 tokens compared)
    pair = (ROOT / "tests/fixtures/history/koordinaator-12.aj", HISTORY[-1])
    assert pair[1].name == "koordinaator-95.aj"
    assert _loaded_after_diffing(pair) == "difflib False"


def test_many_descriptions_diffed_switch_to_cydifflib():
    pairs = [(a, b) for a in DESCRIPTIONS for b in DESCRIPTIONS if a != b]
    assert _loaded_after_diffing(*pairs) == "cydifflib True"


def test_without_cydifflib_the_import_is_tried_once():
    code = (
        "import builtins, sys\n"
        "tried = []\n"
        "real = builtins.__import__\n"
        "def imp(name, *a, **k):\n"
        "    if name == 'cydifflib':\n"
        "        tried.append(name)\n"
        "        raise ImportError(name)\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = imp\n"
        "from ajtui.ops import matching\n"
        "for _ in range(50):\n"
        "    matching.sequence_matcher(['w'] * 500, ['w'] * 500).ratio()\n"
        "print(matching.implementation(), len(tried))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "difflib 1"
