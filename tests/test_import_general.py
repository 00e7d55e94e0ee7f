"""General-part classes, each in wordings the real corpus does not use: the right field, or
a review item naming the field — never a confident guess."""

from __future__ import annotations

import pytest

from ajtui.importer import import_text
from ajtui.importer.header import nominative_in

TAIL = """
2. TEENISTUSKOHA EESMÄRK
Eesmärk on raamatukogu teenuste arendamine.
3. TEENISTUSÜLESANDED
3.1. Korraldab laenutust.
"""


def _one(text: str):
    result = import_text(text)
    assert result.error is None, result.error
    assert len(result.descriptions) == 1
    d = result.descriptions[0]
    fields = {}
    for f in d.doc.general_section.fields if hasattr(d.doc, "general_section") else \
            next(s for s in d.doc.sections if s.kind == "üldosa").fields:
        fields.setdefault(f.key, []).append(f.value)
    return d, fields, {r.path for r in d.review}


@pytest.mark.parametrize("label, key", [
    ("Ametnikku asendab", "asendaja"), ("Teenistujat asendab", "asendaja"),
    ("Töötajat asendab", "asendaja"), ("Kes asendab", "asendaja"), ("Asendaja", "asendaja"),
    ("Esimene asendaja", "asendaja"), ("Teine asendaja", "asendaja"),
    ("Asendab", "asendab"), ("Keda asendab", "asendab"), ("Teenistuja asendab", "asendab"),
    ("Ametnik asendab", "asendab"),
])
def test_direction_of_substitution(label, key):
    d, fields, review = _one(f"AMETIJUHEND\n1. ÜLDOSA\nAmetinimetus Raamatukoguhoidja\n"
                             f"{label}: Vanemraamatukoguhoidja\n{TAIL}")
    assert fields[key] == ["Vanemraamatukoguhoidja"]
    if label.lower() != key:               # the document's own label stays in the file
        assert f"# {label}" in d.text
    assert not review


@pytest.mark.parametrize("label", ["Asendaja (d)", "Asendaja(d)", "Asendajad (-d)"])
def test_a_labels_plural_mark_is_not_in_the_value(label):
    d, fields, _ = _one(f"AMETIJUHEND\n1. ÜLDOSA\nAmetinimetus Arhivaar\n"
                        f"{label} Peaarhivaar või arhiivijuhataja\n{TAIL}")
    assert fields["asendaja"] == ["Peaarhivaar või arhiivijuhataja"]


def test_flattened_grid_one_line_per_cell_is_certain():
    d, fields, review = _one(
        "AMETIJUHEND\n1. ÜLDOSA\n1.1. Ametinimetus 1.2. Struktuuriüksus\n"
        "Raamatukoguhoidja\nLugejateenindus\n"
        "1.3. Vahetu juht 1.4. Asendaja 1.5. Asendab\n"
        "Osakonnajuhataja\nVanemraamatukoguhoidja\nArhivaari\n" + TAIL)
    assert fields["ametinimetus"] == ["Raamatukoguhoidja"]
    assert fields["struktuuriüksus"] == ["Lugejateenindus"]
    assert (fields["vahetu juht"], fields["asendaja"], fields["asendab"]) == (
        ["Osakonnajuhataja"], ["Vanemraamatukoguhoidja"], ["Arhivaari"])
    assert review == set()


def test_flattened_grid_side_by_side_values_are_a_review_item_each():
    d, fields, review = _one(
        "AMETIJUHEND\n1. ÜLDOSA\n1.3 Vahetu juht 1.4 Kes asendab 1.5 Keda asendab\n"
        "Osakonnajuhataja Vanemarhivaar Arhivaari, vanemarhivaari\n" + TAIL)
    assert {"üldosa.vahetu juht", "üldosa.asendaja", "üldosa.asendab"} <= review
    assert "kontrolli: the values under the labels Vahetu juht / Kes asendab / Keda asendab" \
        in d.text


def test_flattened_grid_by_paragraphs_is_certain():
    d, fields, review = _one(
        "AMETIJUHEND\n1. ÜLDOSA\n1.1. Ametinimetus 1.2. Struktuuriüksus\n\n"
        "Arhivaar\n(digiarhiiv)\n\nDokumendihaldusosakond,\narhiivitalitus\n\n" + TAIL)
    assert fields["ametinimetus"] == ["Arhivaar\n(digiarhiiv)"]
    assert fields["struktuuriüksus"] == ["Dokumendihaldusosakond,\narhiivitalitus"]
    assert review == set()


def test_a_value_running_into_a_new_sentence_is_flagged_not_swallowed_silently():
    d, fields, review = _one(
        "AMETIJUHEND\n1. Üldosa\nAmetikoha nimetus: Arhivaar\n"
        "Eesmärk: Arhiivi korrashoid.\nArhivaari võtab tööle direktor.\n"
        "3. Tööülesanded\n3.1. Korraldab arhiivi.\n")
    assert "eesmärk" in review


def test_numbered_label_rows_without_a_heading_are_the_general_part():
    d, fields, review = _one(
        "KINNITATUD\nDirektori 01.02.2020 käskkirjaga nr 4\n\nKooli ametijuhend\n"
        "1. Ametinimetus:    KATLAKÜTJA-REMONDITÖÖLINE\n2. Vahetu juht:   majandusjuhataja\n"
        "3. Tööülesanded:Kütab katlamaja ja teeb remonditöid.\n")
    assert fields["ametinimetus"] == ["KATLAKÜTJA-REMONDITÖÖLINE"]   # the compound whole
    assert fields["vahetu juht"] == ["majandusjuhataja"]
    assert d.unplaced == []


@pytest.mark.parametrize("heading, kind", [
    ("2. Töötaja kohustused ja ülesanded.", "ülesanded"),
    ("2.Tööülesanded", "ülesanded"),
    ("2. TEENISTUSÜLESANDED JA TULEMUSED", "ülesanded"),
    ("2. RAAMATUKOGUHOIDJA TÖÖ EESMÄRGID", "eesmärk"),
])
def test_headings_outside_the_old_vocabulary(heading, kind):
    body = "2.1. Korraldab laenutust." if kind == "ülesanded" else "Lugejate teenindamine."
    d, _, _ = _one(f"AMETIJUHEND\n1. ÜLDOSA\nAmetinimetus Raamatukoguhoidja\n{heading}\n{body}\n")
    assert [s.kind for s in d.doc.sections][-1] == kind


@pytest.mark.parametrize("title, text, want", [
    ("LABORANDI", "Laborant teeb analüüse.", "Laborant"),
    ("ARHIVAARI", "arhivaar korraldab", "arhivaar"),
    ("VALVEJUHI", "Valvejuht vastutab", "Valvejuht"),
    ("TEENUSE EKSPERDI", "teenuse ekspert nõustab", "teenuse ekspert"),
    ("KORISTAJA", "Koristaja koristab", "KORISTAJA"),
    ("LABORANDI", "laborandi töökoht", None),
    ("AUTOJUHI", "autojuhile antakse", None),
])
def test_genitive_title_and_its_nominative_in_the_text(title, text, want):
    assert nominative_in(title, text) == want


def test_genitive_title_line_without_the_nominative_is_a_review_item():
    d, fields, review = _one("LABORANDI AMETIJUHEND\n1. ÜLDOSA\nVahetu juht: Juhataja\n" + TAIL)
    assert fields["ametinimetus"] == ["LABORANDI"] and "üldosa.ametinimetus" in review
    d, fields, review = _one("LABORANDI AMETIJUHEND\n1. ÜLDOSA\nVahetu juht: Juhataja\n"
                             "2. EESMÄRK\nLaborant teeb analüüse.\n3. ÜLESANDED\n3.1. Analüüsib.\n")
    assert fields["ametinimetus"] == ["Laborant"] and "üldosa.ametinimetus" not in review
