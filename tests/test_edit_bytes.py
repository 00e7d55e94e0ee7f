"""Edits through the API keep every untouched byte: comments, blank lines, the author's line
breaks, odd spacing and ASCII keywords survive; only the edited lines change."""

import difflib
import os

import pytest

import ajtui
from ajtui.format import model as m
from ajtui.ops.edit import EditError, Editor, edit_file

from tests.helpers import FIXTURES, ROOT

ODD = (FIXTURES / "edit" / "odd.aj").read_text(encoding="utf-8")
ALL = sorted((ROOT / "descriptions").glob("*.aj")) + [
    FIXTURES / "valid" / "sample.aj",
    FIXTURES / "valid" / "wording.aj",
    FIXTURES / "edit" / "odd.aj",
]


def diff(old: str, new: str) -> list[tuple[list[int], list[str]]]:
    """Each change: (original line numbers replaced or removed, the lines put there)."""
    a, b = old.split("\n"), new.split("\n")
    return [
        (list(range(i1 + 1, i2 + 1)), b[j1:j2])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
        if tag != "equal"
    ]


def edited(text: str, fn) -> str:
    ed = Editor(text)
    fn(ed)
    new = ed.text()
    assert ajtui.loads(new) == ed.doc
    return new


def test_the_odd_fixture_is_really_odd():
    assert ajtui.dumps(ajtui.loads(ODD)) != ODD


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_edit_is_no_change(path):
    text = path.read_text(encoding="utf-8")
    ed = Editor(text)
    assert not ed.changed and ed.text() == text
    # an edit undone is no change either
    first = ed.doc.general.title
    ed.doc.general.title = "Muu"
    ed.doc.general.title = first
    assert ed.text() == text


def test_set_a_field_keeps_the_authors_spacing():
    new = edited(ODD, lambda ed: ed.set("vahetu juht", "Piirkonna juht"))
    assert diff(ODD, new) == [([17], ["    vahetu juht:  Piirkonna juht"])]


def test_changed_line_drops_only_its_own_trailing_spaces():
    new = edited(ODD, lambda ed: ed.set("ametijuhend.asutus", "Amet"))
    assert diff(ODD, new) == [([5], ["    asutus:    Amet"])]


def test_replace_across_the_authors_line_break_keeps_the_lines():
    new = edited(
        ODD, lambda ed: ed.replace("Ohvriabi ja ennetusteenuste osakond", "Ohvriabi osakond")
    )
    assert diff(ODD, new) == [
        ([14], ["        Ohvriabi"]),
        ([40], ["    3.1 Teine kohustus Ohvriabi osakond"]),
    ]


def test_ascii_keywords_and_keys_stay_as_written():
    new = edited(ODD, lambda ed: ed.set("uldosa.ametinimetus", "Nõustaja"))
    assert diff(ODD, new) == [([12], ["    ametinimetus: Nõustaja"])]
    assert "uldosa:   Üldosa\n" in new and "    struktuuriuksus:\n" in new


def test_a_new_field_goes_in_its_canonical_place_at_the_sections_indentation():
    new = edited(ODD, lambda ed: ed.set("üldosa.asendaja", "Koordinaator"))
    assert diff(ODD, new) == [([], ["    asendaja: Koordinaator"])]
    # after the known fields before it; the agency's own field stays where it was
    assert new.split("\n")[16:19] == [
        "    vahetu juht:  Tiimijuht",
        "    Ametisse nimetab: peadirektor",
        "    asendaja: Koordinaator",
    ]


def test_renumber_changes_only_number_lines_and_keeps_each_style():
    ed = Editor(ODD)
    assert ed.renumber() == [("3.1", "3.2")]
    new = ed.text()
    assert diff(ODD, new) == [
        ([40], ["    3.2 Teine kohustus Ohvriabi ja ennetusteenuste osakond"])
    ]
    # numbers with a trailing dot keep it
    ed = Editor(ODD)
    ed.doc.duties[2].number = "3.9."
    assert ed.renumber() == [("3.1", "3.2"), ("3.9.", "3.3.")]
    assert diff(ODD, ed.text()) == [
        ([40], ["    3.2 Teine kohustus Ohvriabi ja ennetusteenuste osakond"])
    ]


def test_insert_a_duty_after_another():
    def fn(ed):
        sec = ed.doc.duty_section
        at = sec.duties.index(ed.doc.duty("3.3"))
        sec.duties.insert(
            at + 1, m.Duty("3.4", "Uus kohustus,\nkahel real.", ["Tulemus on saavutatud."])
        )

    new = edited(ODD, fn)
    assert diff(ODD, new) == [
        ([], ["    3.4 Uus kohustus,", "      kahel real.", "      - Tulemus on saavutatud."])
    ]


def test_remove_a_result_and_add_one():
    def fn(ed):
        del ed.doc.duty("3.3").results[0]
        ed.doc.duties[0].results.append(m.Item("Lisatud."))

    new = edited(ODD, fn)
    assert diff(ODD, new) == [([], ["        - Lisatud."]), ([45], [])]


def test_change_one_line_of_a_wrapped_result():
    def fn(ed):
        r = ed.doc.duties[0].results[1]
        r.text = r.text.replace("mitmel", "mitmel-mitmel")

    assert diff(ODD, edited(ODD, fn)) == [([37], ["          mitmel-mitmel"])]


def test_a_longer_text_gets_lines_at_the_continuation_indent():
    def fn(ed):
        d = ed.doc.duty("3.3")
        d.text = d.text + "\nKolmas rida."

    assert diff(ODD, edited(ODD, fn)) == [([], ["        Kolmas rida."])]


def test_text_on_the_header_line_when_there_was_none():
    doc_text = "üldosa\n  ametinimetus:\n  vahetu juht: X\n"
    new = edited(doc_text, lambda ed: ed.set("ametinimetus", "Koordinaator"))
    assert new == "üldosa\n  ametinimetus: Koordinaator\n  vahetu juht: X\n"


def test_paragraphs_stay_apart():
    def add(ed):
        ed.doc.sections[2].blocks.insert(1, m.Paragraph("Vahelõik."))

    assert diff(ODD, edited(ODD, add)) == [([], ["", "    Vahelõik."])]

    def remove_item_between_paragraphs(ed):
        blocks = ed.doc.sections[2].blocks
        blocks[:] = [blocks[0], blocks[2], m.Paragraph("Lõpulõik.")]

    new = edited(ODD, remove_item_between_paragraphs)
    assert ajtui.loads(new).sections[2].blocks[-1] == m.Paragraph("Lõpulõik.")


def test_comments_added_changed_removed():
    def fn(ed):
        ed.doc.duty("3.3").comments.append("kontrollida")  # '#' is added
        ed.doc.section("üldosa").get("vahetu juht").comments[0] = "# the boss"
        ed.doc.trailing_comments.clear()

    new = edited(ODD, fn)
    assert diff(ODD, new) == [([16], ["    # the boss"]), ([], ["    # kontrollida"]), ([56], [])]


def test_a_deleted_node_takes_its_comments_and_the_rest_stays():
    def fn(ed):
        del ed.doc.sections[2].blocks[2]  # "- punkt üks" with "# odd comment" before it

    assert diff(ODD, edited(ODD, fn)) == [([26, 27], [])]


def test_new_and_removed_sections():
    def add(ed):
        ed.doc.sections.insert(
            3, m.ProseSection("vastutus", "Vastutus", "4", [m.Paragraph("Vastutab.")])
        )

    new = edited(ODD, add)
    # a new section is written canonically, a blank line apart from its neighbours
    assert diff(ODD, new) == [([], ["4. vastutus: Vastutus", "  Vastutab.", ""])]

    def drop(ed):
        del ed.doc.sections[1]

    assert diff(ODD, edited(ODD, drop)) == [(list(range(9, 19)), [])]


def test_a_comment_inside_a_wrapped_value_survives_edits_around_it():
    text = "üldosa\n  struktuuriüksus: Osakond,\n  # inside\n    talitus\n  vahetu juht: X\n"
    new = edited(text, lambda ed: ed.set("vahetu juht", "Y"))
    assert diff(text, new) == [([5], ["  vahetu juht: Y"])]
    assert Editor(text).notes == []
    # the comment belongs to the next field: changing that field's comments still works,
    # by writing that section canonically, and saying so
    ed = Editor(text)
    ed.doc.section("üldosa").get("vahetu juht").comments.append("# teine")
    assert ajtui.loads(ed.text()) == ed.doc
    assert ed.notes == [
        "<text>: note: section üldosa rewritten in canonical form (the edit "
        "did not fit the author's layout there)"
    ]


def test_moved_nodes_keep_their_lines():
    def fn(ed):
        d = ed.doc.duties
        d[0], d[2] = d[2], d[0]

    new = edited(ODD, fn)
    old_lines = ODD.split("\n")
    for line in old_lines[32:45]:
        assert line in new.split("\n")


def test_unwritable_text_is_refused_and_nothing_is_written(tmp_path):
    p = tmp_path / "x.aj"
    p.write_text(ODD, encoding="utf-8")
    before = os.stat(p).st_mtime_ns
    with pytest.raises(EditError, match="cannot start with '- '"):
        with edit_file(p) as ed:
            ed.doc.duty("3.3").text = "Rida\n- näeb välja nagu tulemus"
    assert p.read_text(encoding="utf-8") == ODD and os.stat(p).st_mtime_ns == before


def test_edit_file_writes_only_on_change_and_not_after_an_exception(tmp_path):
    p = tmp_path / "x.aj"
    p.write_text(ODD, encoding="utf-8")
    before = os.stat(p).st_mtime_ns
    with edit_file(p) as ed:
        ed.doc.general.manager = ed.doc.general.manager
    assert os.stat(p).st_mtime_ns == before
    with pytest.raises(RuntimeError):
        with edit_file(p) as ed:
            ed.set("vahetu juht", "Keegi")
            raise RuntimeError("stop")
    assert p.read_text(encoding="utf-8") == ODD
    with edit_file(p) as ed:
        ed.set("vahetu juht", "Keegi")
    assert diff(ODD, p.read_text(encoding="utf-8")) == [([17], ["    vahetu juht:  Keegi"])]
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(tmp_path):
    p = tmp_path / "x.aj"
    p.write_text(ODD, encoding="utf-8")
    with pytest.raises(EditError, match="changed on disk"):
        with edit_file(p) as ed:
            ed.set("vahetu juht", "Keegi")
            p.write_text(ODD.replace("Tiimijuht", "Teine"), encoding="utf-8")
    assert "Teine" in p.read_text(encoding="utf-8")


def test_save_then_edit_again_from_the_saved_text(tmp_path):
    p = tmp_path / "x.aj"
    p.write_text(ODD, encoding="utf-8")
    ed = Editor(ODD, path=str(p))
    duty = ed.doc.duty("3.3")
    ed.set("vahetu juht", "A")
    assert ed.save() and not ed.changed
    duty.results.append(m.Item("Veel üks."))  # the node held before saving still works
    ed.save()
    new = p.read_text(encoding="utf-8")
    assert diff(ODD, new) == [([17], ["    vahetu juht:  A"]), ([], ["        - Veel üks."])]


def test_set_value_errors():
    from ajtui.ops.paths import PathError

    ed = Editor(ODD)
    with pytest.raises(PathError, match="derived from the wording"):
        ed.set("keeleoskus.vene", "C1")
    with pytest.raises(PathError, match="has parts of its own"):
        ed.set("ülesanded", "x")
    with pytest.raises(PathError, match="names nothing"):
        ed.set("ülesanded[3.9]", "x")
    with pytest.raises(PathError, match="name its section"):
        ed.set("lemmikvärv", "sinine")
    assert not ed.changed


def test_set_creates_fields_and_sections():
    ed = Editor(ODD)
    ed.set("nõuded.haridus", "Kõrgharidus")
    ed.set("allkirjad.töötaja", "Mari Maasikas")
    new = ed.text()
    assert diff(ODD, new) == [
        ([], ["    haridus: Kõrgharidus"]),  # before keeleoskus
        ([], ["allkirjad", "  töötaja: Mari Maasikas", ""]),
    ]
    assert new.endswith(
        "    - Korrektsus: Täpne.\n\nallkirjad\n  töötaja: Mari Maasikas\n\n# trailing comment\n\n"
    )
    assert ajtui.loads(new).signatures[0].name == "Mari Maasikas"


def test_replace_with_regex_and_within_a_path():
    ed = Editor(ODD)
    assert ed.replace(r"Tulemus (\w+)", r"Tulem \1", regex=True, field="ülesanded[3.1]") == 2
    assert ed.replace("tulemus", "X", ignore_case=True, field="ülesanded[3.3]") == 0
    new = ed.text()
    assert diff(ODD, new) == [([35, 36], ["        - Tulem üks.", "        - Tulem kaks,"])]


def test_replace_touches_no_keys_numbers_or_comments():
    ed = Editor(ODD)
    assert ed.replace("3.1", "X") == 0
    assert ed.replace("vahetu juht", "X") == 0
    assert ed.replace("duplicate", "X") == 0
    assert not ed.changed


def test_a_new_first_section_goes_below_the_comments_that_open_the_file():
    # the sample without an approval: its source note opens the file and stays on top
    text = (ROOT / "descriptions" / "hingehoiu-noustaja-kaugnoustamistiim.aj").read_text(
        encoding="utf-8"
    )
    head, rest = text.split("\n", 1)
    assert head.startswith("# Allikas:") and rest.startswith("1. üldosa")
    ed = Editor(text)
    ed.set("ametijuhend.number", "5")
    assert ed.text() == f"{head}\nametijuhend\n  number: 5\n\n{rest}"
    first, second = ajtui.loads(ed.text()).sections[:2]
    assert (first.kind, first.comments, second.comments) == ("ametijuhend", [head], [])
