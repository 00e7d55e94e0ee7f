"""Language levels derived from the requirement's own wording, and the rule for what
`keeleoskus.vene` means: the level the wording *requires* in Russian."""

import pytest

import ajtui
from ajtui.ops.levels import LanguageLevel, language_levels, level_rank, required_levels

from tests.helpers import ROOT


def levels(text):
    return [(x.language, x.level, x.required) for x in language_levels(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the five sample descriptions, as written
        (
            "Eesti keele valdamine vähemalt tasemel C1 ja vene keele valdamine tasemel B2.",
            [("eesti", "C1", True), ("vene", "B2", True)],
        ),
        (
            "Eesti keele oskus vdhemalt tasemel C1.\nVene ja inglise keele oskus tasemel B2.",
            [("eesti", "C1", True), ("vene", "B2", True), ("inglise", "B2", True)],
        ),
        (
            "Eesti keele oskus vähemalt tasemel C1. Inglise keele oskus vähemalt tasemel B1.",
            [("eesti", "C1", True), ("inglise", "B1", True)],
        ),
        # one foreign language, preferably English or Russian: neither is required by itself
        (
            "Eesti keele oskus vähemalt tasemel C1.\nVähemalt ühe võõrkeele (soovitavalt inglise "
            "või vene keel) oskus vähemalt tasemel B1.",
            [
                ("eesti", "C1", True),
                ("võõrkeel", "B1", True),
                ("inglise", "B1", False),
                ("vene", "B1", False),
            ],
        ),
        (
            "Valdab eesti keelt vähemalt tasemel C1 ning soovitavalt vähemalt ühte võõrkeelt (vene "
            "või\ninglise keelt) tasemel B1.",
            [
                ("eesti", "C1", True),
                ("võõrkeel", "B1", False),
                ("vene", "B1", False),
                ("inglise", "B1", False),
            ],
        ),
        # other wordings met in public descriptions
        (
            "Riigikeele oskus C1-tasemel; inglise keele oskus B2 tasemel on eeliseks.",
            [("eesti", "C1", True), ("inglise", "B2", False)],
        ),
        (
            "inglise või vene keele oskus tasemel B2",
            [("inglise", "B2", False), ("vene", "B2", False)],
        ),
        ("Eesti keel C1, vene keel B1", [("eesti", "C1", True), ("vene", "B1", True)]),
        ("eesti keel emakeelena", [("eesti", None, True)]),
        ("Kõrgharidus", []),
    ],
)
def test_levels_from_the_wording(text, expected):
    assert levels(text) == expected


def test_alternatives_and_wording_are_kept():
    (eesti, foreign, en, ru) = language_levels(
        "Eesti keele oskus vähemalt tasemel C1.\nVähemalt ühe võõrkeele (soovitavalt inglise "
        "või vene keel) oskus vähemalt tasemel B1."
    )
    assert ru.alternatives == ("inglise",) and ru.desired and not ru.required
    assert ru.wording.startswith("Vähemalt ühe võõrkeele") and "\n" not in ru.wording
    assert eesti.wording == "Eesti keele oskus vähemalt tasemel C1."
    assert isinstance(foreign, LanguageLevel) and foreign.rank == 2


def test_required_levels_over_the_samples():
    got = {p.stem: required_levels(ajtui.load(p)) for p in (ROOT / "descriptions").glob("*.aj")}
    assert got == {
        "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator": {"eesti": "C1", "vene": "B2"},
        "noustaja-kriisitoe-talitus": {"eesti": "C1", "vene": "B2", "inglise": "B2"},
        "koordinaator-klat": {"eesti": "C1", "inglise": "B1"},
        "teenuse-juht-tttvt": {"eesti": "C1", "võõrkeel": "B1"},
        "hingehoiu-noustaja-kaugnoustamistiim": {"eesti": "C1"},
    }


def test_level_ranks():
    assert [level_rank(x) for x in ("A1", "a2", "B1", "B2", "C1", "C2")] == list(range(6))
    assert level_rank("C3") is None and level_rank("") is None and level_rank(None) is None


def test_a_document_without_requirements_has_no_levels():
    assert language_levels(ajtui.loads("üldosa\n  ametinimetus: X\n")) == []
    assert language_levels(None) == []
