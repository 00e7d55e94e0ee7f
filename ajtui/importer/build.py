"""Collecting sections while the recognisers work, and making text the writer can hold."""

from __future__ import annotations

import re

from .. import model as m
from .blocks import Line

#: Comments the importer writes start with this, so that they are not counted as the
#: source's words and are easy to find (`grep -r '# aj import'`).
NOTE = "# aj import: "
UNPLACED_TITLE = "Paigutamata tekst"


def note(text: str) -> str:
    return NOTE + text


def is_note(comment: str) -> bool:
    return comment.startswith(NOTE.rstrip())


def join(lines: list[str], *, item_level: bool = True) -> str:
    """Lines -> one text with the author's line breaks, made safe for the writer: a
    continuation line may not start with '#' (a comment) or with '- ' (an item; the
    grammar reads such a line as an item even below a field or an item, so the importer
    never writes one). Such a line is joined to the one before; no word changes."""
    out: list[str] = []
    for raw in lines:
        for part in raw.split("\n"):
            part = part.strip()
            if not part:
                continue
            if out and (part.startswith("#") or (item_level and (part == "-"
                                                                  or part.startswith("- ")))):
                out[-1] += " " + part
            else:
                out.append(part)
    return "\n".join(out)


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


class Builder:
    """The sections of one description in the order they will be written."""

    def __init__(self) -> None:
        self.sections: list[m.AnySection] = []
        self.unplaced: list[Line] = []
        self.notes: list[str] = []
        #: The generic section holding the directive's text, if the source has one.
        self.directive: m.ProseSection | None = None

    def add(self, kind: str, number: str = "", title: str = "", *,
            after: m.Section | None = None) -> m.AnySection:
        sec = m.new_section(kind, title.strip(), number)
        if after is not None and after in self.sections:
            self.sections.insert(self.sections.index(after) + 1, sec)
        else:
            self.sections.append(sec)
        return sec

    def first(self, kind: str) -> m.AnySection | None:
        for s in self.sections:
            if s.kind == kind:
                return s
        return None

    def general(self) -> m.FieldSection:
        """The üldosa, created (unnumbered) before the body when the source has none."""
        sec = self.first("üldosa")
        if sec is None:
            sec = m.FieldSection("üldosa")
            at = 0
            while at < len(self.sections) and self.sections[at].kind == "ametijuhend":
                at += 1
            if at < len(self.sections) and self.sections[at] is self.directive:
                at += 1
            self.sections.insert(at, sec)
        return sec  # type: ignore[return-value]

    def purpose(self, title: str = "") -> m.ProseSection:
        sec = self.first("eesmärk")
        if sec is None:
            sec = self.add("eesmärk", "", title, after=self.first("üldosa"))
        return sec  # type: ignore[return-value]

    def unplace(self, lines: list[Line]) -> None:
        self.unplaced.extend(lines)


def add_field(sec: m.FieldSection | m.RequirementsSection, key: str, lines: list[str]) -> m.Field:
    f = m.Field(key, join(lines))
    if isinstance(sec, m.FieldSection):
        sec.fields.append(f)
    else:
        sec.entries.append(f)
    return f


def clean_key(label: str) -> str:
    """A label the format has no name for, as a field key: as written, without what a key
    cannot hold (a colon, a leading '#' or '-')."""
    key = " ".join(label.replace(":", " ").split())
    key = key.lstrip("#-– ").strip()
    return key or "väli"


def label_comment(label: str, key: str) -> list[str]:
    """The source's label, kept as a comment above a field whose key the format spells in
    its own words ('Kes asendab' above `asendaja:`, 'Struktuuritiksus' above
    `struktuuriüksus:`): the words stay in the file, the key stays queryable."""
    from .blocks import fold

    label = " ".join(label.split()).rstrip(" :")
    if not label or fold(label) == fold(key) or clean_key(label) == key:
        return []
    return [f"# {label}"]


def set_label(f: m.Field, label: str) -> None:
    """The document's own label on a field the format calls by its keyword ('Kellele allub'
    on `vahetu juht`), without its point number and colon; none when the format prints the
    same words. A label the syntax cannot hold (a '"' or ':') stays as a comment."""
    label = " ".join(label.split()).rstrip(" :")
    label = re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", label)
    if not label or not f.key:
        return
    if label.casefold() == m.printed_label(m.Field(f.key)).casefold() \
            or clean_key(label) == f.key:
        return
    if '"' in label or ":" in label or label != label.strip():
        f.comments = f.comments + label_comment(label, f.key)
        return
    f.label = label

