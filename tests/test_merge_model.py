"""Three-way merge on the model (ajtui.ops.merge): the scenarios of issue 20, in words."""

from __future__ import annotations

import pytest

from ajtui.format.parser import loads
from ajtui.ops.merge import merge_texts

from tests.helpers.merging import BASE, D33, insert_duty, last_duty, renumber_from, reword


def same_model(a: str, b: str) -> bool:
    return loads(a) == loads(b)


def test_insert_with_renumbering_and_a_reworded_later_duty_merge_cleanly():
    ours = reword(
        BASE, "ja kasutajakogemuse analüüsimisel", "ja kasutajate tagasiside analüüsimisel"
    )
    theirs = insert_duty(BASE)
    text, merge = merge_texts(BASE, ours, theirs)
    assert merge.clean, merge.conflicts
    expected = reword(
        theirs, "ja kasutajakogemuse analüüsimisel", "ja kasutajate tagasiside analüüsimisel"
    )
    assert same_model(text, expected)
    # and the other way round (which side is ours does not matter for the meaning)
    text2, merge2 = merge_texts(BASE, theirs, ours)
    assert merge2.clean and same_model(text2, expected)


def test_ours_untouched_bytes_are_kept():
    ours = reword(
        BASE, "ja kasutajakogemuse analüüsimisel", "ja kasutajate tagasiside analüüsimisel"
    )
    theirs = reword(BASE, "Juhendid on koostatud.", "Juhendid on koostatud ja kooskõlastatud.")
    text, merge = merge_texts(BASE, ours, theirs)
    assert merge.clean
    # exactly the two lines differ from base: the layout of the rest is ours'
    changed = [(a, b) for a, b in zip(BASE.splitlines(), text.splitlines()) if a != b]
    assert len(BASE.splitlines()) == len(text.splitlines())
    assert len(changed) == 2


def test_a_field_changed_and_a_duty_removed():
    ours = reword(BASE, "  vahetu juht: Tiimijuht", "  vahetu juht: Talituse juht")
    theirs = BASE.replace(D33, "")
    theirs = renumber_from(theirs, 4, last_duty(BASE), by=-1)
    text, merge = merge_texts(BASE, ours, theirs)
    assert merge.clean, merge.conflicts
    assert same_model(
        text, reword(theirs, "  vahetu juht: Tiimijuht", "  vahetu juht: Talituse juht")
    )


def test_the_same_change_on_both_sides_is_one_change():
    both = insert_duty(reword(BASE, "  vahetu juht: Tiimijuht", "  vahetu juht: Talituse juht"))
    text, merge = merge_texts(BASE, both, both)
    assert merge.clean
    assert text == both


def test_a_department_renamed_and_a_duty_added():
    old_unit = "Ohvriabi ja ennetusteenuste osakond,"
    ours = reword(BASE, old_unit, "Ohvriabi osakond,")
    theirs = insert_duty(BASE)
    text, merge = merge_texts(BASE, ours, theirs)
    assert merge.clean, merge.conflicts
    assert same_model(text, reword(theirs, old_unit, "Ohvriabi osakond,"))


def test_both_inserting_different_duties_renumbers_the_list():
    ours = insert_duty(BASE)
    extra = """  3.2 Kriisiolukorras teenuse toimepidevuse tagamine.
    - Teenus toimib ka kriisi ajal.
"""
    theirs = renumber_from(BASE, 2, last_duty(BASE))
    theirs = theirs.replace(
        "\n  3.3 Sotsiaalse rehabilitatsiooni teenuse",
        "\n" + extra.rstrip("\n") + "\n  3.3 Sotsiaalse rehabilitatsiooni teenuse",
        1,
    )
    assert loads(theirs)
    text, merge = merge_texts(BASE, ours, theirs)
    assert merge.clean, merge.conflicts
    doc = loads(text)
    duties = doc.duties
    numbers = [d.number for d in duties]
    assert numbers == [f"3.{k}" for k in range(1, len(duties) + 1)]
    words = [d.text for d in duties]
    assert any("Andmekaitse" in w for w in words) and any("Kriisiolukorras" in w for w in words)
    assert len(duties) == len(loads(BASE).duties) + 2
    assert merge.renumbered == ["ülesanded"]


@pytest.mark.parametrize(
    "ours_edit, theirs_edit, what",
    [
        (
            ("Juhendid on koostatud.", "Juhendid on koostatud ja avaldatud."),
            ("Juhendid on koostatud.", "Juhendid on koostatud ja kinnitatud."),
            "text",
        ),
        (
            ("  vahetu juht: Tiimijuht", "  vahetu juht: Talituse juht"),
            ("  vahetu juht: Tiimijuht", "  vahetu juht: Osakonna juhataja"),
            "text",
        ),
    ],
)
def test_different_changes_of_one_thing_are_a_conflict(ours_edit, theirs_edit, what):
    ours, theirs = reword(BASE, *ours_edit), reword(BASE, *theirs_edit)
    text, merge = merge_texts(BASE, ours, theirs)
    assert len(merge.conflicts) == 1
    c = merge.conflicts[0]
    assert c.what == what
    assert ours_edit[1].strip().split(": ")[-1] in str(c.ours)
    assert theirs_edit[1].strip().split(": ")[-1] in str(c.theirs)
    assert text == ours  # ours stands in the text; the caller marks the conflict


def test_deleting_what_the_other_side_edited_is_a_conflict():
    ours = reword(BASE, "dokumentide menetlemine.", "dokumentide menetlemine ja arhiveerimine.")
    theirs = renumber_from(BASE.replace(D33, ""), 4, last_duty(BASE), by=-1)
    _text, merge = merge_texts(BASE, ours, theirs)
    kinds = [c.what for c in merge.conflicts]
    assert kinds == ["edited-deleted"], merge.conflicts
    _text, merge = merge_texts(BASE, theirs, ours)
    assert [c.what for c in merge.conflicts] == ["deleted-edited"]
