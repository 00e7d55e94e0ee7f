"""Collecting one diff's changes and rows as they are found (ajtui.ops.diff and
ajtui.ops.partdiff): the weight of a change, the word spans inside changed text, and the
labelled rows ("3.5. text", "- text", "haridus: text") the views render.
"""

from __future__ import annotations

from ajtui.format import model as m
from ajtui.ops.changes import EDITORIAL, SUBSTANTIVE, Change, Row
from ajtui.ops.words import flow, tokens, word_diff

#: The purpose, the main duties and the required qualification: changing them needs the
#: official's consent or a new decision.
SUBSTANTIVE_SECTIONS = frozenset({"eesmärk", "ülesanded", "nõuded"})


def _duty_sim_text(d: m.Duty) -> str:
    # the duty's own words count twice: results are often boilerplate shared by duties
    return f"{d.text} {d.text} " + " ".join(r.text for r in d.results)


class DiffBuilder:
    """The changes and rows of one diff as they are found."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.rows: list[Row] = []
        self._tokens: dict[str, list[str]] = {}

    def words(self, text: str) -> list[str]:
        """tokens(text), each text tokenized once in a diff (results repeat)."""
        found = self._tokens.get(text)
        if found is None:
            found = self._tokens[text] = tokens(text)
        return found

    def sim_words(self, d: m.Duty) -> list[str]:
        """tokens(_duty_sim_text(d)): no token spans whitespace, so the tokens of the
        parts joined."""
        own = self.words(d.text)
        out = own + own
        for r in d.results:
            out += self.words(r.text)
        return out

    def change(
        self,
        kind: str,
        path: str,
        old: str | None,
        new: str | None,
        *,
        section: str,
        what: str,
        words: list | None = None,
        old_path: str | None = None,
        children: list[str] | None = None,
        weight: str | None = None,
    ) -> int:
        if weight is None:
            # what a duty, result or requirement says; renumbering and moving are editorial
            weight = (
                SUBSTANTIVE
                if section in SUBSTANTIVE_SECTIONS
                and kind in ("added", "removed", "changed")
                and what != "heading"
                else EDITORIAL
            )
        if words is None:
            words = word_diff(old, new) if kind == "changed" else []
        self.changes.append(
            Change(
                kind,
                path,
                old,
                new,
                list(words),
                weight,
                section,
                old_path if old_path != path else None,
                what,
                list(children or []),
            )
        )
        return len(self.changes) - 1

    def row(
        self,
        left: str | None,
        right: str | None,
        kind: str,
        change: int | None,
        path: str,
        depth: int,
        lead: tuple[int, int] = (0, 0),
        heading: bool = False,
    ) -> None:
        self.rows.append(Row(left, right, kind, change, path, depth, lead, heading))


def label(lead: str, text: str | None) -> tuple[str, int]:
    return label_flowed(lead, flow(text))


def label_flowed(lead: str, body: str) -> tuple[str, int]:
    if not lead:
        return body, 0
    if body:
        return f"{lead} {body}", len(lead) + 1
    return lead, len(lead)


def pair_rows(
    b: DiffBuilder,
    kind: str,
    idx: int | None,
    path: str,
    depth: int,
    old: tuple[str, str | None] | None,
    new: tuple[str, str | None] | None,
    heading: bool = False,
) -> None:
    """One row from (lead, text) on each side (None: nothing on that side)."""
    left, ll = label(*old) if old is not None else (None, 0)
    right, rl = label(*new) if new is not None else (None, 0)
    b.row(left, right, kind, idx, path, depth, (ll, rl), heading)
