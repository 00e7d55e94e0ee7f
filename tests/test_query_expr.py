"""The expression language: semantics, the acceptance questions, errors with a column."""

import pytest

import ajtui
from ajtui.ops.paths import QueryError
from ajtui.ops.query import compile_query

from tests.helpers import ROOT

DESCRIPTIONS = {p.stem: ajtui.load(p) for p in sorted((ROOT / "descriptions").glob("*.aj"))}


def matching(expr):
    q = compile_query(expr)
    return sorted(name for name, doc in DESCRIPTIONS.items() if q(doc))


def test_manager_is_tiimijuht():
    assert matching('vahetu juht = "Tiimijuht"') == ["koordinaator-klat", "teenuse-juht-tttvt"]
    # case and the author's line breaks do not matter for '='
    assert matching('üldosa.vahetu juht = "  tiimijuht "') == matching('vahetu juht = "Tiimijuht"')


def test_russian_at_b2_or_better():
    assert matching("keeleoskus.vene >= B2") == [
        "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator",
        "noustaja-kriisitoe-talitus",
    ]
    # Russian named only as an option of "one foreign language" is not a requirement ...
    assert matching("keeleoskus.vene >= B1") == matching("keeleoskus.vene >= B2")
    # ... but it is a mention
    assert matching("keeleoskus.vene.mainitud >= B1") == [
        "hingehoiu-noustaja-kaugnoustamistiim",
        "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator",
        "noustaja-kriisitoe-talitus",
        "teenuse-juht-tttvt",
    ]
    assert matching("keeleoskus.vene > B2") == []
    assert matching("keeleoskus.eesti = c1") == sorted(DESCRIPTIONS)


def test_duties_or_results_mentioning_supervision():
    q = compile_query('ülesanded ~ "supervisioon"')
    got = {
        name: [t.path for t in q.match(doc).targets] for name, doc in DESCRIPTIONS.items() if q(doc)
    }
    assert got == {
        "hingehoiu-noustaja-kaugnoustamistiim": [
            "ülesanded[3.8].tekst",
            "ülesanded[3.8].tulemused[1]",
        ],
        "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator": ["ülesanded[3.4].tulemused[1]"],
        "noustaja-kriisitoe-talitus": ["ülesanded[2.8].tulemused[1]"],
    }
    # the rights section mentions it too, the duties of the others do not
    assert "koordinaator-klat" not in got and matching('õigused ~ "supervisioon"')


def test_regex_sees_across_the_authors_line_breaks():
    doc = ajtui.loads(
        "üldosa\n  struktuuriüksus: Ohvriabi ja ennetusteenuste\n    osakond, talitus\n"
    )
    assert compile_query('struktuuriüksus ~ "ennetusteenuste osakond"')(doc)
    assert compile_query('struktuuriüksus = "Ohvriabi ja ennetusteenuste osakond, talitus"')(doc)


@pytest.mark.parametrize(
    "expr, expected",
    [
        ('vahetu juht = "Tiimijuht" and keeleoskus.inglise >= B1', ["koordinaator-klat"]),
        (
            'vahetu juht = "Tiimijuht" or keeleoskus.vene >= B2',
            [
                "koordinaator-klat",
                "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator",
                "noustaja-kriisitoe-talitus",
                "teenuse-juht-tttvt",
            ],
        ),
        (
            'not vahetu juht = "Tiimijuht" and not keeleoskus.vene',
            ["hingehoiu-noustaja-kaugnoustamistiim"],
        ),
        (
            'NOT (vahetu juht = "Tiimijuht" OR keeleoskus.vene >= B2)',
            ["hingehoiu-noustaja-kaugnoustamistiim"],
        ),
        (
            'vahetu juht != "Tiimijuht" and ametijuhend',
            ["koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator", "noustaja-kriisitoe-talitus"],
        ),
        ("ametijuhend.kuupäev >= 01.01.2024", ["koordinaator-klat", "noustaja-kriisitoe-talitus"]),
        (
            "ülesanded[3.13]",
            ["koordinaator-klat", "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator"],
        ),
        ("ametijuhend.lisa >= 11", ["noustaja-kriisitoe-talitus"]),
        ("ametijuhend.lisa > 11", []),
        ('ülesanded !~ "supervisioon"', ["koordinaator-klat", "teenuse-juht-tttvt"]),
    ],
)
def test_combinations(expr, expected):
    assert matching(expr) == expected


def test_matching_values_are_reported():
    q = compile_query('vahetu juht = "Tiimijuht" and keeleoskus.inglise >= B1')
    m = q.match(DESCRIPTIONS["koordinaator-klat"])
    assert [(t.path, t.value) for t in m.targets] == [
        ("üldosa.vahetu juht", "Tiimijuht"),
        ("nõuded.keeleoskus.inglise", "B1"),
    ]
    assert m.targets[1].language.wording == "Inglise keele oskus vähemalt tasemel B1."
    assert compile_query("not vahetu juht").match(DESCRIPTIONS["koordinaator-klat"]).targets == []


@pytest.mark.parametrize(
    "expr, column, words",
    [
        ("", 1, "empty expression"),
        ("(vahetu juht = x", 1, "'(' is not closed"),
        ("vahetu juht = x)", 16, "')' without a matching '('"),
        ("vahetu juht =", 14, "expected a value after '='"),
        ("vahetu juht = and", 15, "found the keyword 'and'"),
        ("keeleoskus.vene >= suur", 20, "compares language levels"),
        ("kuupäev >= 31.02.2024", 12, "impossible date"),
        ('ülesanded ~ "(a"', 14, "bad regular expression"),
        ('vahetu juht = "Tiimi', 15, "unclosed quote"),
        ("vahetu juht = x y", 17, "expected 'and', 'or' or the end"),
        ("vahetu juht = x and", 20, "found the end of the expression"),
        ("= x", 1, "expected a path"),
    ],
)
def test_errors_name_the_column(expr, column, words):
    with pytest.raises(QueryError) as e:
        compile_query(expr)
    assert words in e.value.message
    assert e.value.column == column
    if expr:
        caret = str(e.value).splitlines()[-1]
        assert caret.index("^") - 2 == column - 1


def test_paths_of_a_query():
    q = compile_query('vahetu juht = "x" or (keeleoskus.vene >= B2 and not ülesanded ~ "y")')
    assert q.paths == ["vahetu juht", "keeleoskus.vene", "ülesanded"]
