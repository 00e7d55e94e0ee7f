"""Paths made of the format's keywords resolve to model nodes."""

import pytest

import ajtui
from ajtui.format import model as m
from ajtui.ops.paths import PathError, QueryError, get, parse_path, select

from tests.helpers import FIXTURES, ROOT


@pytest.fixture
def doc(sample_text):
    return ajtui.loads(sample_text)


def paths(doc, path):
    return [t.path for t in select(doc, path)]


@pytest.mark.parametrize(
    "path, want_path, want_value",
    [
        (
            "üldosa.struktuuriüksus",
            "üldosa.struktuuriüksus",
            "Ohvriabi ja ennetusteenuste osakond,\npsühhosotsiaalse toe talitus",
        ),
        (
            "uldosa.struktuuriuksus",
            "üldosa.struktuuriüksus",
            "Ohvriabi ja ennetusteenuste osakond,\npsühhosotsiaalse toe talitus",
        ),
        ("vahetu juht", "üldosa.vahetu juht", "Piirkonna juht"),
        ("  Vahetu   Juht ", "üldosa.vahetu juht", "Piirkonna juht"),
        ("ülesanded[3.2].tekst", "ülesanded[3.2].tekst", "Teine kohustus"),
        ("ulesanded[3.1.].tulemused[2]", "ülesanded[3.1].tulemused[2]", "Teine."),
        (
            "nõuded.keeleoskus",
            "nõuded.keeleoskus",
            "Eesti keele valdamine vähemalt tasemel C1 ja vene keele valdamine tasemel B2.",
        ),
        ("nouded.haridus", "nõuded.haridus", "Kõrgharidus"),
        ("keeleoskus.vene", "nõuded.keeleoskus.vene", "B2"),
        ("nõuded.keeleoskus.eesti", "nõuded.keeleoskus.eesti", "C1"),
        ("õigused[2]", "õigused[2]", "saada infot;"),
        (
            "nõuded.kompetentsid[Kliendikesksus][1]",
            "nõuded.kompetentsid[Kliendikesksus][1]",
            "Lähtub töös kliendi vajadustest.",
        ),
        (
            "nõuded.lisakompetentsid[korrektsus]",
            "nõuded.lisakompetentsid[Korrektsus]",
            "Korrektsus: Täidab ülesandeid täpselt.",
        ),
        ("ülesanded.pealkiri", "ülesanded.pealkiri", "Teenistuskohustused"),
        ("kuupäev", "ametijuhend.kuupäev", "11.06.2023"),
        (
            "allkirjad.allkirjastaja",
            "allkirjad.allkirjastaja",
            "(allkirjastatud digitaalselt)\nMaret Maripuu\npeadirektor",
        ),
    ],
)
def test_paths(doc, path, want_path, want_value):
    (t,) = select(doc, path)
    assert (t.path, t.value) == (want_path, want_value)


def test_paths_name_the_model_nodes(doc):
    (duty,) = select(doc, "ülesanded[3.1]")
    assert duty.node is doc.duty("3.1") and duty.attr == "text"
    # a duty's value is its whole text, results included; .tekst is its own text
    assert "Teine." in duty.value and duty.line == doc.duty("3.1").line
    (result,) = select(doc, "ülesanded[3.1].tulemused[2]")
    assert result.node is doc.duty("3.1").results[1]
    (field,) = select(doc, "vahetu juht")
    assert field.node is doc.section("üldosa").get("vahetu juht") and field.attr == "value"


def test_lists_and_stars(doc):
    assert paths(doc, "ülesanded[*].tekst") == ["ülesanded[3.1].tekst", "ülesanded[3.2].tekst"]
    assert paths(doc, "ülesanded[3.1].tulemused") == [
        "ülesanded[3.1].tulemused[1]",
        "ülesanded[3.1].tulemused[2]",
    ]
    assert len(select(doc, "õigused[*]")) == 3


def test_absent_parts_select_nothing(doc):
    assert select(doc, "üldosa.asendaja") == []
    assert select(doc, "ülesanded[3.9]") == []
    assert select(doc, "ülesanded[3.1].tulemused[7]") == []
    assert select(doc, "keeleoskus.inglise") == []
    assert select(doc, "vastutus") == []
    assert get(doc, "üldosa.asendaja") is None
    assert get(doc, "vahetu juht") == "Piirkonna juht"


def test_generic_sections_by_title():
    doc = ajtui.loads(
        "osa: Teenistustingimuste erisused\n  Valveaeg.\n\nosa: Ametisse nimetab\n  Peadirektor.\n"
    )
    (t,) = select(doc, "osa[teenistustingimuste erisused]")
    assert t.path == "osa[Teenistustingimuste erisused]" and t.value.endswith("Valveaeg.")
    assert len(select(doc, "osa")) == 2
    (t,) = select(doc, 'osa["Ametisse nimetab"][1]')
    assert t.value == "Peadirektor."


def test_quoted_names_and_agency_fields():
    doc = ajtui.loads("üldosa\n  ametinimetus: X\n  1.6 Teenistuskoha asukoht: Tallinn\n")
    (t,) = select(doc, 'üldosa."1.6 Teenistuskoha asukoht"')
    assert t.value == "Tallinn"
    assert parse_path('üldosa."a.b"')[1].name == "a.b"


@pytest.mark.parametrize(
    "path, column, words",
    [
        ("", 1, "empty path"),
        ("ülesanded[3.1", 10, "not closed"),
        ("ülesanded[]", 10, "empty '[]'"),
        ("üldosa.", 8, "expected a path"),
        ('üldosa."ab', 8, "unclosed quote"),
        ("üldosa = x", 8, "unexpected '='"),
    ],
)
def test_path_errors_have_a_column(path, column, words):
    with pytest.raises(QueryError) as e:
        parse_path(path)
    assert e.value.column == column and words in e.value.message
    assert "^" in str(e.value) or not path


@pytest.mark.parametrize(
    "path, words",
    [
        ("ülesanded[3.1].foo", "a duty has 'tekst', 'tulemused' and 'number'"),
        ("keeleoskus.klingoni", "unknown language"),
        ("ülesanded.foo", "use [n]"),
        ("üldosa[2]", "cannot be indexed"),
        ("õigused[x]", "expected a number"),
        ("keeleoskus.vene.foo", "derived value"),
    ],
)
def test_impossible_paths(doc, path, words):
    with pytest.raises(PathError, match=words.replace("[", r"\[")):
        select(doc, path)


def test_every_description_resolves_its_own_parts():
    """Each leaf part of every description has a path that selects exactly that part."""
    from ajtui.ops.paths import leaves, section_targets

    for p in [*(ROOT / "descriptions").glob("*.aj"), FIXTURES / "valid" / "sample.aj"]:
        doc = ajtui.load(p)
        dup = {
            d.number.rstrip(".")
            for d in doc.duties
            if sum(x.number.rstrip(".") == d.number.rstrip(".") for x in doc.duties) > 1
        }
        for section in section_targets(doc):
            for leaf in leaves(section):
                if any(f"[{n}]" in leaf.path for n in dup):
                    continue  # two duties 3.12: the path names both, as it should
                found = select(doc, leaf.path)
                assert [f.node for f in found] == [leaf.node], (p.name, leaf.path)
                assert found[0].value == leaf.value
                assert isinstance(leaf.node, m.Node)


def test_duplicate_duty_numbers_select_both():
    doc = ajtui.load(ROOT / "descriptions" / "koordinaator-klat.aj")
    assert [t.line for t in select(doc, "ülesanded[3.12]")] == [100, 116]
