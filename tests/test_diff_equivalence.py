"""The structural diff gives exactly the answer of the code before its speed-up.

`tests/diff_reference.py` is a frozen copy of ajtui/diff.py from before the optimisation;
every pair here is diffed by both and the whole result is compared: changes (kind, path,
old/new, word spans, weight, section, what, old_path, children), the aligned rows the views
render, the summary and its line, and the untouched sections. Pairs: the scenario fixtures,
every pair of the real descriptions, the benchmark's generated pairs, a generated history,
and random mutations of real descriptions (hypothesis).
"""

from __future__ import annotations

import copy
import dataclasses
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ajtui.base.records import compared_fields
from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.ops import align as fast_align
from ajtui.ops import diff as fast
from ajtui.ops import diffbuilder, words
from ajtui.ops import outline as fast_outline

from tests.helpers import diff_reference as ref

HERE = Path(__file__).resolve().parent

HISTORY = sorted((HERE / "fixtures" / "history").glob("*.aj"))
DESCRIPTIONS = sorted((HERE.parent / "descriptions").glob("*.aj"))
SAMPLE = HERE / "fixtures" / "valid" / "sample.aj"

_DOCS: dict[Path, m.Document] = {}


def doc(path: Path) -> m.Document:
    if path not in _DOCS:
        _DOCS[path] = loads(path.read_text(encoding="utf-8"))
    return copy.deepcopy(_DOCS[path])


def snapshot(d) -> dict:
    """Everything a diff holds, as plain data (the two modules have their own classes)."""
    return {
        "json": d.to_json(),
        "words": [[tuple(w) for w in c.words] for c in d.changes],
        "rows": [row_tuple(r) for r in d.rows],
        "summary": d.summary,
        "unchanged": d.unchanged_sections,
        "structural": d.structural,
    }


def row_tuple(row) -> tuple:
    """A row's attributes in order: the reference's rows are dataclasses, ajtui's records."""
    names = compared_fields(type(row)) or [f.name for f in dataclasses.fields(row)]
    return tuple(getattr(row, n) for n in names)


def assert_same(old: m.Document, new: m.Document) -> None:
    want = snapshot(ref.diff_documents(old, new, old_path="a.aj", new_path="b.aj"))
    got = snapshot(fast.diff_documents(old, new, old_path="a.aj", new_path="b.aj"))
    assert got["json"] == want["json"]
    assert got == want


@pytest.mark.parametrize("a", HISTORY, ids=lambda p: p.stem)
@pytest.mark.parametrize("b", HISTORY, ids=lambda p: p.stem)
def test_scenario_fixtures(a, b):
    assert_same(doc(a), doc(b))


def test_real_descriptions_every_pair():
    paths = DESCRIPTIONS + [SAMPLE, HISTORY[0]]
    assert len(paths) >= 4
    for a in paths:
        for b in paths:
            assert_same(doc(a), doc(b))


def test_empty_sides():
    for p in HISTORY[:1] + [SAMPLE]:
        assert_same(m.Document(), doc(p))
        assert_same(doc(p), m.Document())
    assert_same(m.Document(), m.Document())


def test_benchmark_large_pair():
    from tests.benchmarks import bench_diff

    for seed in (3, 4):
        old, new = bench_diff._large_pair(seed)
        assert_same(loads(old), loads(new))


def _edited(text: str) -> str:
    """As in tests/benchmarks/test_bench_history.py: ten scattered one-word edits."""
    lines = text.split("\n")
    step = len(lines) // 11
    for k in range(1, 11):
        i = k * step
        while i < len(lines) and " " not in lines[i].strip():
            i += 1
        if i < len(lines):
            lines[i] = (
                lines[i].replace(" ja ", " ning ", 1)
                if " ja " in lines[i]
                else lines[i] + " lisatud"
            )
    return "\n".join(lines)


def test_long_description_ten_edits():
    from tests.helpers import corpus

    text = corpus.long_text(2000)
    assert_same(loads(text), loads(_edited(text)))


def test_generated_history():
    """Versions of one description under the benchmark's own edits (reworded duties, added
    and dropped duties and results, a new manager), compared 1, 10 and 100 edits apart."""
    from tests.helpers import corpus

    pools, rng = corpus.harvest(), random.Random(3)
    d = corpus.description(0, pools, rng, duties=12, comments=0)
    versions = []
    for c in range(160):
        corpus._mutate(d, pools, rng, c)
        versions.append(copy.deepcopy(d))
    for k in range(0, 60, 7):
        for step in (1, 10, 100):
            assert_same(versions[k], versions[k + step])
            assert_same(versions[k + step], versions[k])


# --- random mutations of real descriptions ----------------------------------------------------

WORDS = [
    "ja",
    "ning",
    "või",
    "tagamine",
    "korraldamine",
    "muudetud",
    ",",
    ".",
    "teenus",
    "osakonna",
    "juhi",
    "ülesanne",
    "3.5",
    "(",
    ")",
    "kriisiabi",
]


def _lists(d: m.Document) -> list[list]:
    """Every list of things the diff aligns."""
    out: list[list] = [d.sections]
    for sec in d.sections:
        if isinstance(sec, m.FieldSection):
            out.append(sec.fields)
        elif isinstance(sec, m.ProseSection):
            out.append(sec.blocks)
        elif isinstance(sec, m.DutySection):
            out.append(sec.duties)
            out.extend(du.results for du in sec.duties)
        elif isinstance(sec, m.RequirementsSection):
            out.append(sec.entries)
            for e in sec.entries:
                if isinstance(e, m.Competencies):
                    out.append(e.groups)
                    out.extend(g.items for g in e.groups)
                elif isinstance(e, m.AdditionalCompetencies):
                    out.append(e.items)
    return out


_TEXT_ATTRS = {
    m.Field: ("value", "key"),
    m.Item: ("text",),
    m.Paragraph: ("text",),
    m.Duty: ("text", "number"),
    m.CompetencyGroup: ("name",),
    m.Competencies: ("title",),
    m.AdditionalCompetencies: ("title",),
}


def _texts(d: m.Document) -> list[tuple[object, str]]:
    out: list[tuple[object, str]] = []
    for lst in _lists(d):
        for node in lst:
            if isinstance(node, m.Section):
                out += [(node, "title"), (node, "number")]
            for cls, attrs in _TEXT_ATTRS.items():
                if isinstance(node, cls):
                    out += [(node, a) for a in attrs]
    return out


def _reword(text: str, rng: random.Random, pool: list[str]) -> str:
    words = text.split(" ") if text else []
    op = rng.randrange(7)
    if op == 0 and words:
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    elif op == 1:
        words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    elif op == 2 and words:
        del words[rng.randrange(len(words))]
    elif op == 3 and len(words) > 1:
        k = rng.randrange(1, len(words))
        return " ".join(words[:k]) + "\n  " + " ".join(words[k:])  # a line break only
    elif op == 4 and pool:
        return rng.choice(pool)  # unrelated (or equal) text from elsewhere
    elif op == 5 and words:
        k = rng.randrange(len(words))
        return " ".join(words[:k] + [w.upper() for w in words[k : k + 3]] + words[k + 3 :])
    else:
        return text + rng.choice([" lisatud", ", ja muu", "."])
    return " ".join(words)


def mutate(d: m.Document, rng: random.Random, n: int) -> m.Document:
    d = copy.deepcopy(d)
    for _ in range(n):
        if rng.random() < 0.45:
            texts = _texts(d)
            if not texts:
                continue
            node, attr = rng.choice(texts)
            pool = [getattr(x, a) for x, a in texts if a == attr]
            setattr(node, attr, _reword(getattr(node, attr) or "", rng, pool))
            continue
        lists = [lst for lst in _lists(d) if lst]
        if not lists:
            continue
        lst = rng.choice(lists)
        op = rng.randrange(5)
        k = rng.randrange(len(lst))
        if op == 0:
            del lst[k]
        elif op == 1:  # a copy somewhere (a duplicate, or an inserted similar thing)
            lst.insert(rng.randrange(len(lst) + 1), copy.deepcopy(lst[k]))
        elif op == 2:  # move
            lst.insert(rng.randrange(len(lst)), lst.pop(k))
        elif op == 3 and len(lst) > 1:
            j = rng.randrange(len(lst))
            lst[k], lst[j] = lst[j], lst[k]
        elif isinstance(lst[k], m.Duty):  # renumber from here on, as an editor would
            duties = lst
            for n_, du in enumerate(duties, 1):
                du.number = f"3.{n_}."
        elif isinstance(lst[k], (m.Item, m.Paragraph)):  # an item becomes a paragraph
            x = lst[k]
            lst[k] = m.Paragraph(x.text) if isinstance(x, m.Item) else m.Item(x.text)
    return d


BASES = HISTORY + [SAMPLE] + DESCRIPTIONS[:2]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(BASES),
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 12),
    both=st.booleans(),
)
def test_random_mutations(base, seed, n, both):
    rng = random.Random(seed)
    old = doc(base)
    new = mutate(old, rng, n)
    if both:  # both sides edited from a common ancestor
        old = mutate(old, rng, rng.randrange(1, 6))
    assert_same(old, new)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 40))
def test_random_mutations_many_edits(seed, n):
    """Heavily edited versions: many unmatched things on both sides at once."""
    rng = random.Random(seed)
    old = doc(rng.choice(BASES))
    assert_same(old, mutate(old, rng, n))


# --- the public helpers ----------------------------------------------------------------------

_text = st.lists(st.sampled_from(WORDS + ["\n", "  ", "x", "X"]), max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(a=st.one_of(st.none(), _text), b=st.one_of(st.none(), _text))
def test_word_diff_and_similarity(a, b):
    assert words.word_diff(a, b) == ref.word_diff(a, b)
    assert words.similarity(a, b) == ref.similarity(a, b)


@settings(max_examples=300, deadline=None)
@given(
    old=st.lists(_text, max_size=8),
    new=st.lists(_text, max_size=8),
    threshold=st.sampled_from([0.5, 0.3, 0.9, 2.0]),
)
def test_align(old, new, threshold):
    assert fast_align.align(old, new, threshold=threshold) == ref.align(
        old, new, threshold=threshold
    )


def test_align_long_lists_window():
    """More unmatched things than the matrix limit: only near ones are compared."""
    rng = random.Random(5)
    base = [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 9))) for _ in range(700)]
    new = [_reword(t, rng, base) if rng.random() < 0.6 else t for t in base]
    middle = new[100:400]
    rng.shuffle(middle)
    new[100:400] = middle
    old = base[:]
    rng.shuffle(old)
    assert fast_align.align(old, new) == ref.align(old, new)


def test_diff_lines_and_outline():
    a = HISTORY[0].read_text(encoding="utf-8")
    b = HISTORY[1].read_text(encoding="utf-8").replace("3.5.", "3.5 oops")
    assert snapshot(fast.diff_texts(a, b)) == snapshot(ref.diff_texts(a, b))
    assert snapshot(fast.diff_lines(a, b)) == snapshot(ref.diff_lines(a, b))
    for path in [SAMPLE, *DESCRIPTIONS, *HISTORY]:
        assert fast_outline.outline(doc(path)) == ref.outline(doc(path)), path


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(max_size=40)
    | st.lists(
        st.sampled_from(
            WORDS + ["õ", "ä", "_", "a_b", "3.5", "\u00a0", "\u2028", "\x1c", "\t", "x\u0301"]
        ),
        max_size=12,
    ).map("".join)
)
def test_tokens_as_the_regex(text):
    """The fast tokenizer gives the regex's tokens, and their places in flowed text."""
    assert words.tokens(text) == words.TOKEN.findall(text)
    flowed = words.flow(text)
    toks, starts = words.token_starts(flowed)
    found = list(words.TOKEN.finditer(flowed))
    assert toks == [mo.group() for mo in found]
    assert starts == [mo.start() for mo in found]


def test_duty_sim_words_from_parts():
    """The duty's similarity tokens made from its parts' tokens are those of its text."""
    b = diffbuilder.DiffBuilder()
    for p in HISTORY + [SAMPLE]:
        for d in doc(p).duty_section.duties:
            assert b.sim_words(d) == words.tokens(diffbuilder._duty_sim_text(d))
    odd = m.Duty("3.1.", "a,b\nc", [m.Item(""), m.Item("x.\n  y"), m.Item("-z")])
    assert b.sim_words(odd) == words.tokens(diffbuilder._duty_sim_text(odd))
