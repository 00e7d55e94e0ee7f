"""Duty boundaries in text extracted from a two-column table: the header row repeated after
a page break, a list in the duty column, results told only by position — each either right
or a review item naming the duty."""

from __future__ import annotations

from ajtui.importer import import_text
from ajtui.importer.report import review_items

HEAD = """AMETIJUHEND
1. ÜLDOSA
Ametinimetus: Aednik
2. TÖÖÜLESANDED
"""


def _doc(body: str):
    result = import_text(HEAD + body)
    assert result.error is None, result.error
    return result.descriptions[0].doc


def _review(doc) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in review_items(doc):
        out.setdefault(item.path, []).append(item.why)
    return out


def test_repeated_column_headers_after_a_page_break_are_no_text():
    for head in (["Tööülesanne Oodatav tulemus"], ["Tööülesanne", "Oodatav tulemus"]):
        lines = "\n".join(head)
        doc = _doc(f"""{lines}
2.1. Haljasalade hooldamine.
• Muru on niidetud.
\f{lines}
• Peenrad on rohitud.
2.2. Inventari korrashoid.
• Tööriistad on terved.
""")
        first = doc.duty("2.1")
        assert first.text == "Haljasalade hooldamine."
        assert [r.text for r in first.results] == ["Muru on niidetud.", "Peenrad on rohitud."]
        assert [d.number for d in doc.duties] == ["2.1.", "2.2."]


def test_a_list_after_a_colon_stays_in_the_duty_and_asks_for_review():
    doc = _doc("""2.1. Territooriumi korrashoid:
Igal hommikul:
- kõnniteede pühkimine;
- prügikastide tühjendamine.
2.2. Lillepeenarde kastmine.
- Taimed on elujõulised.
""")
    duty = doc.duty("2.1")
    assert duty.results == []
    assert duty.text.splitlines() == [
        "Territooriumi korrashoid:",
        "Igal hommikul:",
        "kõnniteede pühkimine;",
        "prügikastide tühjendamine.",
    ]
    assert "ülesanded[2.1]" in _review(doc)
    # bullets after a duty that does not end in ':' are its results, with no doubt
    assert [r.text for r in doc.duty("2.2").results] == ["Taimed on elujõulised."]
    assert "ülesanded[2.2]" not in _review(doc)


def test_results_told_only_by_position_ask_for_review():
    doc = _doc("""2.1. Puude ja põõsaste lõikamine.
Hekid on pügatud.
2.2. Talvine lumetõrje.
""")
    assert [r.text for r in doc.duty("2.1").results] == ["Hekid on pügatud."]
    assert any("by position" in why for why in _review(doc)["ülesanded[2.1]"])


def test_running_header_and_footer_in_extracted_text_are_furniture():
    """pdftotext output: a form feed between pages, a running header and a footer with the
    page number on every page. They are no text of the description and not counted."""
    page1 = """Näidisvalla Vallavalitsus · ametijuhend
AMETIJUHEND
1. ÜLDOSA
Ametinimetus: Aednik
2. TÖÖÜLESANDED
2.1. Haljasalade hooldamine.
• Muru on niidetud.
Koostatud 2025 · lk 1 (2)
"""
    page2 = """Näidisvalla Vallavalitsus · ametijuhend
2.2. Inventari korrashoid.
• Tööriistad on terved.
Koostatud 2025 · lk 2 (2)
"""
    result = import_text(page1 + "\f" + page2)
    doc = result.descriptions[0].doc
    assert [d.number for d in doc.duties] == ["2.1.", "2.2."]
    assert [r.text for r in doc.duty("2.1").results] == ["Muru on niidetud."]
    assert [r.text for r in doc.duty("2.2").results] == ["Tööriistad on terved."]
    assert result.coverage.percent == 100.0 and result.coverage.unplaced == 0
    text = result.descriptions[0].text
    assert "Vallavalitsus" not in text and "Koostatud" not in text


def test_annexes_that_each_start_a_page_are_not_furniture():
    annex = """KINNITATUD
Näidisvalla vallavanema 02.09.2024 käskkirjaga nr 45
Lisa {n}
AMETIJUHEND
1. ÜLDOSA
Ametinimetus: {title}
2. TÖÖÜLESANDED
2.1. Teenindamine.
• Klient on teenindatud.
"""
    text = "\f".join(annex.format(n=n, title=t) for n, t in ((1, "Aednik"), (2, "Kojamees")))
    result = import_text(text)
    assert [d.doc.general.title for d in result.descriptions] == ["Aednik", "Kojamees"]


def test_unmapped_bullet_glyphs_in_extracted_text_mark_results():
    """pdfminer writes a glyph its font does not map as '(cid:127)': beside the duty's
    text (a flattened two-column row) or at a line's start it is a bullet."""
    result = import_text(
        HEAD
        + """2.1. Haljasalade hooldamine. (cid:127) Muru on niidetud.
(cid:127) Peenrad on rohitud.
2.2. Inventari korrashoid.
(cid:127)Tööriistad on terved.
"""
    )
    doc = result.descriptions[0].doc
    assert doc.duty("2.1").text == "Haljasalade hooldamine."
    assert [r.text for r in doc.duty("2.1").results] == ["Muru on niidetud.", "Peenrad on rohitud."]
    assert [r.text for r in doc.duty("2.2").results] == ["Tööriistad on terved."]
    assert result.coverage.percent == 100.0
