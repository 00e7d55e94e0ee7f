"""The fused fast parse (lalr.FastLALR) builds exactly what the standard Lark parse builds,
and never accepts text that the standard parse rejects."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ajtui.format import grammar, lalr, parser
from ajtui.format import model as m

from tests.helpers import ROOT, corpus


def _positions(sections) -> list[tuple]:
    doc = m.Document(sections=sections)
    return [(type(n).__name__, n.line, n.column, n.end_line) for n in m.walk(doc)]


def both(text: str):
    """(standard, fast): each ("ok", sections), ("error", exception type) or ("fallback",)."""
    src = text if text.endswith("\n") else text + "\n"
    try:
        std = ("ok", grammar.parser(parser.BUILDER).parse(src))
    except Exception as e:
        std = ("error", type(e))
    try:
        fast = ("ok", parser.fast_driver().parse(src))
    except lalr.Fallback:
        fast = ("fallback",)
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


def test_fast_parser_from_a_grammar_not_read_from_the_cache():
    # Lark names rules with Tokens when it builds the grammar and with str when it reads its
    # cache: the driver must work with both (its tables are keyed by plain str)
    from lark import Lark

    lark = Lark(
        grammar.grammar_text(),
        parser="lalr",
        lexer="contextual",
        postlex=grammar.AjIndenter(),
        transformer=parser.ModelBuilder(),
        maybe_placeholders=True,
        cache=False,
    )
    fresh = lalr.FastLALR.from_lark(lark)
    assert all(type(k) is str for s in fresh.states.values() for k in s)
    for text in [
        (ROOT / "tests/fixtures/valid/sample.aj").read_text(encoding="utf-8"),
        *corpus.texts(3, seed=5),
    ]:
        src = text if text.endswith("\n") else text + "\n"
        got, want = fresh.parse(src), lark.parse(src)
        assert got == want and _positions(got) == _positions(want)


def test_fast_parser_is_in_use():
    # None would mean Lark's internals changed: still correct, but the speed-up is gone.
    assert parser.fast_driver() is not None


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "tests/fixtures/valid/sample.aj",
        ROOT / "tests/fixtures/valid/wording.aj",
        ROOT / "tests/helpers/template.aj",
        *sorted((ROOT / "descriptions").glob("*.aj")),
    ],
    ids=lambda p: p.name,
)
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
FRAGMENTS = [
    "ametijuhend",
    "üldosa",
    "3. ülesanded: Kohustused",
    "nõuded",
    "osa: Lisa",
    "kompetentsid: K",
    "lisakompetentsid:",
    "Grupp:",
    "3.1. Tekst",
    "3.2.",
    "- tulemus",
    "-",
    "võti: väärtus",
    "võti:",
    "# kommentaar",
    "",
    "tekst: koolon",
    "a:b",
    "4.",
    "1. üldosa",
    "eesmärk: E",
    ":",
    "- ",
    "x" * 3,
    # labels, statements, the directive and the register
    'vahetu juht "Kellele allub": X',
    'võti "Silt":',
    '"silt": x',
    "> 1.1. Nimetus on {ametinimetus: nõunik}.",
    ">",
    "> tekst {a: b} {c: d}",
    ">tekst",
    "käskkiri: KÄSKKIRI",
    "register",
    "kuupäev: 16. septembri 2025",
    # a duty table's column headers above its duties
    "ülesanded: Ülesanded",
    "> Ülesanne",
    "> Tulemuslikkuse näitaja",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(SAMPLE_LINES + FRAGMENTS), st.sampled_from([0, 0, 2, 2, 4, 6, 1, 3])
        ),
        min_size=1,
        max_size=30,
    )
)
def test_same_result_on_mangled_text(lines):
    text = "\n".join(" " * indent + line.lstrip(" ") for line, indent in lines)
    if not text.strip():
        return
    assert_same(text)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, len(SAMPLE_LINES) - 1),
    st.integers(0, len(SAMPLE_LINES) - 1),
    st.sampled_from(["drop", "dup", "indent", "dedent", "swap"]),
)
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


# --- loads as a whole: the fast path against the standard one, errors included -----------------


def _loads_both(text: str):
    """loads(text) with the fast driver, then with the standard Lark path only."""

    def run(driver: str):
        try:
            doc = parser.loads(text, driver=driver)
        except parser.AjSyntaxError as e:
            return ("error", e.message, e.line, e.column, e.expected, e.hint, str(e))
        return (
            "ok",
            doc,
            [(type(n).__name__, n.line, n.column, n.end_line, n.comments) for n in m.walk(doc)],
            doc.trailing_comments,
        )

    return run("fast"), run("lark")


TRICKY = [
    # prose paragraphs split by blank lines, kept together across comment lines
    "eesmärk: E\n  Esimene lõik\n  jätkub.\n\n  Teine lõik.\n  # märkus\n  sama lõik\n",
    "eesmärk: E\n  Üks\n  \n  Kaks\n   \n\n  Kolm\n",
    # a line that only looks like an item, '#' inside text, odd whitespace in text
    "õigused: Õigused\n  -ei ole punkt\n  - punkt # mitte kommentaar\n  -\n  tekst\xa0\x0c\n",
    "ametijuhend\n  asutus: A # B\n    jätk\n  # kommentaar\n  number:\n    95\n# lõpp\n",
    "ülesanded: Ü\n  3.1. Tekst\n    jätk\n    - tulemus\n      jätk\n    -\n  3.2.\n",
    "# algus\n\n  # taandega\nnõuded\n  kompetentsid: K\n    Grupp:\n      - a\n  lisakompetentsid:\n",
    "üldosa\n  ametinimetus:x:y\n  - a\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_loads_same_with_and_without_the_fast_path(text):
    fast, std = _loads_both(text)
    assert fast == std


def test_loads_same_on_generated_descriptions_with_comments():
    for text in corpus.texts(10, seed=7):
        fast, std = _loads_both(text)
        assert fast[0] == "ok" and fast == std


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(SAMPLE_LINES + FRAGMENTS + ["-x", "  ", "a # b", "\xa0", "- # c"]),
            st.sampled_from([0, 0, 2, 2, 4, 6, 1]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_loads_same_errors_and_models_on_mangled_text(lines):
    text = "\n".join(" " * indent + line.lstrip(" ") for line, indent in lines)
    fast, std = _loads_both(text)
    assert fast == std


# --- the pieces that replaced the loop over every line -----------------------------------------


def _scan_reference(text: str):
    """What loads used before: every line looked at."""
    comments, blank = [], set()
    for n, raw in enumerate(text.split("\n"), 1):
        s = raw.lstrip(" ")
        if not s.strip():
            blank.add(n)
        elif s.startswith("#"):
            comments.append((n, len(raw) - len(s), s.rstrip()))
    return comments, blank


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["\n", " ", "#", "a", "b c", "# z ", "\x0c", "\xa0", "-"]), max_size=30
    )
)
def test_comments_and_blank_lines_as_a_loop_over_lines_finds_them(parts):
    text = "".join(parts)
    comments, blank = _scan_reference(text)
    assert parser._comments(text) == comments
    lines = text.split("\n")
    n = text.count("\n") + 1
    for first in range(0, n + 1):
        for last in range(first + 1, n + 3):
            assert parser._blank_between(lines, first, last) == any(
                k in blank for k in range(first + 1, last)
            ), (first, last)


# --- the fast driver's own shortcuts ------------------------------------------------------------


def test_first_characters_of_terminals():
    from lark.lexer import PatternRE, PatternStr

    assert lalr._first_chars(PatternRE("-(?=[ \n])")) == {"-"}
    assert lalr._first_chars(PatternRE(" +")) == {" "}
    assert lalr._first_chars(PatternRE("[ab]c")) == {"a", "b"}
    assert lalr._first_chars(PatternStr(":")) == {":"}
    # the newline token: a comment at the very start of the text, else a newline
    assert lalr._first_chars(PatternRE("(\\A *#[^\n]*)?(\n *(#[^\n]*)?)+")) == {"\n"}
    assert lalr._first_chars(PatternRE("\\A-")) is None
    # not known: a class with a range or negation, a group, flags
    assert lalr._first_chars(PatternRE(r"\d+\.")) is None
    assert lalr._first_chars(PatternRE("[^\n]+")) is None
    assert lalr._first_chars(PatternRE("(a|b)")) == {"a", "b"}
    assert lalr._first_chars(PatternRE("(ab|cd)")) is None
    assert lalr._first_chars(PatternRE("a*b")) is None
    assert lalr._first_chars(PatternRE("a{2,}")) == {"a"}
    assert lalr._first_chars(PatternRE("abc", flags=["i"])) is None


def test_text_lines_are_read_without_a_regexp():
    # the states that lex TEXT after a key, a mark or at a continuation line take the
    # shortcut; a line starting with '-' still goes through the regexp (it may be an item)
    fast = parser.fast_driver()
    fast.parse((ROOT / "tests/fixtures/valid/sample.aj").read_text(encoding="utf-8"))
    rests = [s[lalr._LEXER][3] for s in fast.states.values() if lalr._LEXER in s]
    assert any(r is not None and "-" in r[1] for r in rests)
    assert any(r is not None and r[1] == {"\n"} for r in rests)


def test_text_without_a_final_newline():
    src = "ametijuhend\n  asutus: X"
    try:
        got = ("ok", parser.fast_driver().parse(src))
    except lalr.Fallback:
        got = ("fallback",)
    try:
        want = ("ok", grammar.parser(parser.BUILDER).parse(src))
    except Exception:
        want = ("fallback",)
    assert got == want


def test_reductions_are_generated_for_every_rule(monkeypatch):
    # each on its first use: a stand-in (a function of lalr.py) until then; compiled here
    # when ajtui.format._driver does not have it (tests/test_format_driver.py)
    monkeypatch.setattr(lalr, "_shipped_reductions", [{}])
    fast = lalr.FastLALR(grammar.load_driver(), parser.BUILDER)
    fast.parse((ROOT / "tests/fixtures/valid/sample.aj").read_text(encoding="utf-8"))
    names = {
        a.__code__.co_filename for s in fast.states.values() for a in s.values() if callable(a)
    }
    assert "<reduce line>" in names and "<reduce item>" in names
    assert all(n.startswith("<reduce ") or n == lalr.__file__ for n in names)
    for s in fast.states.values():  # every one can be generated
        for a in s.values():
            if callable(a) and a.__code__.co_filename == lalr.__file__:
                real = a.generate()
                assert real.__code__.co_filename.startswith("<reduce ")


def test_the_driver_is_a_switch_of_loads_and_parse():
    text = (ROOT / "tests/fixtures/valid/sample.aj").read_text(encoding="utf-8")
    assert parser.loads(text, driver="lark") == parser.loads(text, driver="fast")
    with pytest.raises(ValueError, match="driver"):
        parser.parse(text, driver="regex")
    # a comment between two lines of prose keeps them one paragraph; a blank line parts them
    for driver in parser.DRIVERS:
        sec = parser.loads("eesmärk: E\n  a\n  # c\n  b\n\n  d\n", driver=driver).sections[0]
        assert [b.text for b in sec.blocks] == ["a\nb", "d"]
