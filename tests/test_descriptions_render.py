"""`aj show` headings: the paper's section numbers, never invented ones."""

from rich.console import Console

from ajtui import loads
from ajtui.present.render import render_document


def _show(text: str) -> list[str]:
    console = Console(width=80, record=True, color_system=None)
    console.print(render_document(loads(text), 80))
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_unnumbered_section_in_a_numbered_document_gets_no_number():
    lines = _show(
        "1. üldosa: Uldosa\n  ametinimetus: Noustaja\n\n"
        "eesmärk: Teenistuskoha eesmark\n  Tekst.\n\n"
        "2. ülesanded: Peamised teenistusiilesanded\n  2.1. Töö\n    - Tulemus\n\n"
        "vastutus: Vastutus\n  - eest;\n"
    )
    assert "1. ULDOSA" in lines
    assert "TEENISTUSKOHA EESMARK" in lines
    assert "2. PEAMISED TEENISTUSIILESANDED" in lines
    assert "VASTUTUS" in lines
    assert not any(line.startswith(("3.", "4.")) for line in lines)


def test_document_without_numbers_is_numbered_in_order():
    lines = _show(
        "üldosa\n  ametinimetus: Koordinaator\n\neesmärk\n  Tekst.\n\nvastutus\n  - eest;\n"
    )
    assert "1. ÜLDOSA" in lines
    assert "2. AMETIKOHA EESMÄRK" in lines
    assert "3. VASTUTUS" in lines


def test_signature_heading_is_shown():
    lines = _show(
        "üldosa\n  ametinimetus: X\n\nallkirjad: Poolte allkirjad\n"
        "  tööandja: (allkirjastatud digitaalselt)\n    Maret Maripuu\n"
    )
    assert "Poolte allkirjad" in lines
    assert any(line.startswith("Tööandja:") for line in lines)
