"""Edits of a sample description for the merge tests (two sides of a change, in words)."""

from __future__ import annotations

from pathlib import Path

BASE = (Path(__file__).parent.parent.parent / "descriptions" / "koordinaator-klat.aj").read_text(
    encoding="utf-8"
)

#: duty 3.3 of the sample, and the text a new duty 3.4 takes (the later ones renumbered)
D33 = """  3.3 Sotsiaalse rehabilitatsiooni valdkonna
    dokumentide menetlemine.
    - Valdkonnapõhised dokumendid on
      menetletud õigeaegselt ja seadusega
      ettenähtud korras.
"""
NEW = """  3.4 Andmekaitse nõuete järgimise tagamine
    teenuse osutamisel.
    - Isikuandmeid töödeldakse nõuetekohaselt.
"""


def renumber_from(text: str, first: int, last: int, by: int = 1) -> str:
    order = range(last, first - 1, -1) if by > 0 else range(first, last + 1)
    for n in order:
        text = text.replace(f"\n  3.{n} ", f"\n  3.{n + by} ")
    return text


def last_duty(text: str) -> int:
    return max(
        int(line.split()[0].split(".")[1])
        for line in text.splitlines()
        if line.startswith("  3.") and line.split()[0].count(".") == 1
    )


def insert_duty(text: str) -> str:
    """A duty inserted after 3.3 and every later duty renumbered."""
    last = last_duty(text)
    text = renumber_from(text, 4, last)
    return text.replace(D33, D33 + NEW)


def reword(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def delete_d33(text: str) -> str:
    """Duty 3.3 removed and the later duties renumbered."""
    return renumber_from(text.replace(D33, ""), 4, last_duty(text), by=-1)
