"""A duty table's column headers are the document's words: they go to the `ülesanded`
section's `> ` lines (shown by `aj show`), never to comments; a repeat after a page break
is page furniture."""

from __future__ import annotations

import pytest

from ajtui.importer import import_text
from ajtui.importer.duties import column_headers

HEAD = """AMETIJUHEND
1. ÜLDOSA
Ametinimetus: Aednik
2. TÖÖÜLESANDED
"""


@pytest.mark.parametrize(
    "lines, want",
    [
        (["Põhiülesanded Oodatavad tulemused"], ["Põhiülesanded", "Oodatavad tulemused"]),
        (
            [
                "Teenistuskoha ülesanded Tulemuslikkuse mõõtmise",
                "kriteeriumid/ Soovitud töötulemus",
            ],
            [
                "Teenistuskoha ülesanded",
                "Tulemuslikkuse mõõtmise kriteeriumid/ Soovitud töötulemus",
            ],
        ),
        (["Tööülesanne Tulemus"], ["Tööülesanne", "Tulemus"]),
        (["Teenistuskohustused Soovitud tulemus"], ["Teenistuskohustused", "Soovitud tulemus"]),
        (["Ülesanne | Tulemuslikkuse näitaja"], ["Ülesanne", "Tulemuslikkuse näitaja"]),
        (["Nr | Ülesanne | Tulemus"], ["Nr | Ülesanne | Tulemus"]),
        (["Oodatavad tulemused"], ["Oodatavad tulemused"]),
    ],
)
def test_column_headers_split_where_the_columns_can_be_told(lines, want):
    assert [f.sentence for f in column_headers(lines)] == want


@pytest.mark.parametrize("row", ["Ülesanne Tulemus", "Tööülesanded Oodatavad tulemused"])
def test_imported_headers_are_shown_once_and_repeats_are_furniture(row):
    text = (
        HEAD
        + f"""{row}
2.1. Haljasalade hooldamine. - Muru on niidetud.
\f{row}
2.2. Lehtede riisumine. - Lehed on riisutud.
3. VASTUTUS
Vastutab töö eest.
"""
    )
    doc = import_text(text).descriptions[0].doc
    sec = doc.duty_section
    assert " ".join(f.sentence for f in sec.header) == row
    assert len(sec.header) == 2
    assert [d.number.rstrip(".") for d in sec.duties] == ["2.1", "2.2"]
    assert all(row.split()[0] not in d.text for d in sec.duties)


def test_headers_of_a_cut_off_table_stay_without_a_duty():
    doc = import_text(HEAD + "Ülesanne Tulemuslikkuse näitaja\n").descriptions[0].doc
    sec = doc.duty_section
    assert [f.sentence for f in sec.header] == ["Ülesanne", "Tulemuslikkuse näitaja"]
    assert all("Ülesanne" not in c for c in sec.comments)
