"""Collecting sections while the recognisers work, and making text the writer can hold."""

from __future__ import annotations

import re
from typing import TypeVar

from ajtui.format import model as m
from ajtui.importer.blocks import Line

#: Comments the importer writes start with this, so that they are not counted as the
#: source's words and are easy to find (`grep -r '# aj import'`).
NOTE = "# aj import: "
UNPLACED_TITLE = "Paigutamata tekst"


S = TypeVar("S", m.FieldSection, m.ProseSection, m.DutySection, m.RequirementsSection)


def as_kind(sec: m.AnySection, cls: type[S]) -> S:
    """The section as the class its kind makes (`m.new_section`); a mismatch is a bug here."""
    if not isinstance(sec, cls):
        raise TypeError(f"a {sec.kind!r} section is not a {cls.__name__}")
    return sec


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
            if out and (
                part.startswith("#") or (item_level and (part == "-" or part.startswith("- ")))
            ):
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
        #: The `käskkiri` section holding the directive's text, if the source has one.
        self.directive: m.FieldSection | None = None

    def add(
        self, kind: str, number: str = "", title: str = "", *, after: m.Section | None = None
    ) -> m.AnySection:
        sec = m.new_section(kind, title.strip(), number)
        if after is not None and after in self.sections:
            at = self.sections.index(after)  # type: ignore[arg-type]  # in the list: an AnySection
            self.sections.insert(at + 1, sec)
        else:
            self.sections.append(sec)
        return sec

    def first(self, kind: str) -> m.AnySection | None:
        for s in self.sections:
            if s.kind == kind:
                return s
        return None

    def add_as(
        self,
        cls: type[S],
        kind: str,
        number: str = "",
        title: str = "",
        *,
        after: m.Section | None = None,
    ) -> S:
        """`add`, typed: the new section as the class its kind makes."""
        return as_kind(self.add(kind, number, title, after=after), cls)

    def first_as(self, cls: type[S], kind: str) -> S | None:
        """`first`, typed."""
        sec = self.first(kind)
        return None if sec is None else as_kind(sec, cls)

    def general(self) -> m.FieldSection:
        """The üldosa, created (unnumbered) before the body when the source has none."""
        sec = self.first_as(m.FieldSection, "üldosa")
        if sec is None:
            sec = m.FieldSection("üldosa")
            at = 0
            while at < len(self.sections) and self.sections[at].kind == "ametijuhend":
                at += 1
            if at < len(self.sections) and self.sections[at] is self.directive:
                at += 1
            self.sections.insert(at, sec)
        return sec

    def purpose(self, title: str = "") -> m.ProseSection:
        sec = self.first_as(m.ProseSection, "eesmärk")
        if sec is None:
            sec = self.add_as(m.ProseSection, "eesmärk", "", title, after=self.first("üldosa"))
        return sec

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
    from ajtui.importer.blocks import fold

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
    if label.casefold() == m.printed_label(m.Field(f.key)).casefold() or clean_key(label) == f.key:
        return
    if '"' in label or ":" in label or label != label.strip():
        f.comments = f.comments + label_comment(label, f.key)
        return
    f.label = label


def _writes(f: m.Field, kind: str) -> bool:
    """Does this field write and read back as itself (in a section of `kind`)?"""
    from ajtui.base.errors import AjSyntaxError
    from ajtui.format.parser import loads
    from ajtui.format.writer import UnwritableText, dumps

    one = m.Field(
        f.key, f.value, label=f.label, in_prose=f.in_prose, before=f.before, after=f.after
    )
    sec = m.new_section(kind)
    if isinstance(sec, m.RequirementsSection):
        sec.entries = [one]
    else:
        as_kind(sec, m.FieldSection).fields = [one]
    try:
        back = loads(dumps(m.Document(sections=[sec])))
    except (UnwritableText, AjSyntaxError):
        return False
    got = [x for x in m.walk(back) if isinstance(x, m.Field)]
    return len(got) == 1 and (got[0].key, got[0].value, got[0].label, got[0].sentence) == (
        one.key,
        one.value,
        one.label,
        one.sentence,
    )


def _suspect(f: m.Field) -> bool:
    """Could the writer refuse this field or read it back otherwise? Braces (a statement's
    field), a quote or colon in a key or label, a key that starts like a comment, an item
    or a statement. Anything else writes as it is (checking every field would double the
    import's time)."""
    text = f.before + f.value + f.after
    head = f.key + f.label
    return (
        "{" in text
        or "}" in text
        or any(c in head for c in '":{}\n')
        or f.key[:1] in ("#", "-", ">")
        or f.key != f.key.strip()
        or f.label != f.label.strip()
        or (not f.key and not f.in_prose)
    )


def writable(f: m.Field, kind: str) -> m.Field:
    """`f`, or the same words in a form the format can hold: text with '{key: value}' in it
    is read as the parser would read it; a label or key the syntax cannot hold ('"', ':')
    becomes the line as written, a statement. The words never change."""
    from ajtui.format.parser import read_statement

    if not _suspect(f) or _writes(f, kind):
        return f
    from ajtui.importer.blocks import words_of

    line = f.sentence if f.in_prose else f"{f.label or f.key}: {f.value}"
    for cand in (m.Field("", line, in_prose=True), read_statement(line)):
        cand.comments = f.comments
        if _writes(cand, kind) and words_of(cand.sentence) == words_of(line):
            return cand
    cand = m.Field("", line.replace("{", "(").replace("}", ")"), in_prose=True)
    cand.comments = list(f.comments)
    flag(
        cand,
        "braces in this line were written as parentheses: the format reads "
        "'{key: value}' as a field",
    )
    return cand


def make_writable(sections: list[m.AnySection]) -> None:
    """Every field of every fields section in a form the writer accepts (see `writable`)."""
    for sec in sections:
        if isinstance(sec, m.RequirementsSection):
            sec.entries = [
                writable(e, "nõuded") if isinstance(e, m.Field) else e for e in sec.entries
            ]
        elif isinstance(sec, m.FieldSection):
            sec.fields = [writable(f, sec.kind) for f in sec.fields]


# --- decisions a person should check ------------------------------------------------------

#: The word that starts a review note: `# aj import: kontrolli: <why>` above the node.
REVIEW = "kontrolli"


def flag(node: m.Node, why: str) -> m.Node:
    """Ask a person to check `node` (a field, section, duty, result …): a note
    `# aj import: kontrolli: <why>` above it, which `review_items` finds again after the
    description is written and read back. One note per reason; returns the node."""
    text = note(f"{REVIEW}: {' '.join(why.split())}")
    if text not in node.comments:
        node.comments.append(text)
    return node


def review_reasons(node: m.Node) -> list[str]:
    prefix = note(f"{REVIEW}:")
    return [c[len(prefix) :].strip() for c in node.comments if c.startswith(prefix)]


def is_flagged(node: m.Node) -> bool:
    return bool(review_reasons(node))
