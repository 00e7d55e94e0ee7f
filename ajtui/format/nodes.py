"""The nodes of a description: fields, items, paragraphs, duties, competencies and the four
kinds of section. `ajtui.format.model` names them beside the document, the typed views and
the node switch (`m.Field`): import them from there.

Plain records (`ajtui.base.records`), not dataclasses: importing `dataclasses` and making
these classes with it cost more start-up time than parsing a description. Each `__init__`
takes the attributes in the order the dataclasses did, positions and comments by keyword.
Text is verbatim: a "\\n" inside a value is the author's line break.
"""

from __future__ import annotations

from ajtui.base.records import Record
from ajtui.format import vocabulary as v

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    Comments = list[str] | None

# --- keywords -----------------------------------------------------------------------------


def printed_label(f: Field) -> str:
    """The label `aj show` and the exports print for a field: the document's own label,
    else the paper documents' usual label for the keyword, else the key as written."""
    return f.label or v.FIELD_LABELS.get(f.key, f.key)


def insert_field(entries: list, new: Field, section: str) -> None:
    """Put a new field where the canonical order of the section's known fields has it:
    before the first known field that comes after it and before anything not a field
    (competencies); at the end otherwise."""
    order = list(v.FIELD_KEYS.get(section, {}))
    rank = order.index(new.key) if new.key in order else None
    for i, e in enumerate(entries):
        if not isinstance(e, Field) or (
            rank is not None and e.key in order and order.index(e.key) > rank
        ):
            entries.insert(i, new)
            return
    entries.append(new)


# --- nodes --------------------------------------------------------------------------------


class Node(Record):
    """Anything with a place in the source. Positions are not part of equality."""

    __slots__ = ("line", "column", "comments", "end_line")
    _UNCOMPARED = ("line", "column", "end_line")
    line: int
    column: int
    #: `#` comment lines written just before this node (without the `#`-prefix stripped).
    comments: list[str]
    #: Last source line of this node (0 when built in code).
    end_line: int

    def __init__(
        self, *, line: int = 0, column: int = 0, comments: Comments = None, end_line: int = 0
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments


class Field(Node):
    """`key: value`. The key is canonical for known fields, as written otherwise.

    `key "Label": value` keeps the document's own label ("Kellele allub") for a field the
    format calls by its keyword (`vahetu juht`); "" means the keyword is the label.

    A field stated inside prose (`> 1.1. Teenistuskoha nimetus on {ametinimetus: nõunik}.`)
    has `in_prose` set: the document's sentence is `before + value + after`, printed as it
    is (no label, no colon). A statement that states no field has the key "" and its whole
    text as the value."""

    __slots__ = ("key", "value", "label", "in_prose", "before", "after")

    def __init__(
        self,
        key: str,
        value: str = "",
        label: str = "",
        in_prose: bool = False,
        before: str = "",
        after: str = "",
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.key, self.value, self.label = key, value, label
        self.in_prose, self.before, self.after = in_prose, before, after

    def _key(self) -> tuple:
        return (
            self.comments,
            self.key,
            self.value,
            self.label,
            self.in_prose,
            self.before,
            self.after,
        )

    @property
    def sentence(self) -> str:
        """The words as the document has them: the statement for a field stated in prose,
        the value otherwise."""
        return self.before + self.value + self.after if self.in_prose else self.value


class Item(Node):
    """`- text`: an expected result, a right, a responsibility, a competency."""

    __slots__ = ("text",)

    def __init__(
        self,
        text: str,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.text = text

    def _key(self) -> tuple:
        return (self.comments, self.text)


class Paragraph(Node):
    __slots__ = ("text",)

    def __init__(
        self,
        text: str,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.text = text

    def _key(self) -> tuple:
        return (self.comments, self.text)


def _items(items: list | None) -> list[Item]:
    """Items as given, each plain string made an Item (as the dataclasses' __post_init__)."""
    return [] if not items else [i if isinstance(i, Item) else Item(str(i)) for i in items]


class Duty(Node):
    """A numbered duty with its expected results. The number is kept as written."""

    __slots__ = ("number", "text", "results")

    def __init__(
        self,
        number: str,
        text: str = "",
        results: list[Item] | list[str] | None = None,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.number, self.text, self.results = number, text, _items(results)

    def _key(self) -> tuple:
        return (self.comments, self.number, self.text, self.results)


class CompetencyGroup(Node):
    """A named group of competencies ("Kliendikesksus:") with its items."""

    __slots__ = ("name", "items")

    def __init__(
        self,
        name: str,
        items: list[Item] | list[str] | None = None,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.name, self.items = name, _items(items)

    def _key(self) -> tuple:
        return (self.comments, self.name, self.items)


class Competencies(Node):
    """`kompetentsid: Title` with competency groups."""

    __slots__ = ("title", "groups")

    def __init__(
        self,
        title: str = "",
        groups: list[CompetencyGroup] | None = None,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.title, self.groups = title, [] if groups is None else groups

    def _key(self) -> tuple:
        return (self.comments, self.title, self.groups)


class AdditionalCompetencies(Node):
    """`lisakompetentsid: Title` with items "Name: description"."""

    __slots__ = ("title", "items")

    def __init__(
        self,
        title: str = "",
        items: list[Item] | list[str] | None = None,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.title, self.items = title, _items(items)

    def _key(self) -> tuple:
        return (self.comments, self.title, self.items)

    @property
    def named(self) -> list[tuple[str, str]]:
        """Each item split at its first ': ' into (name, description)."""
        out = []
        for item in self.items:
            name, sep, desc = item.text.partition(":")
            out.append((name.strip(), desc.strip()) if sep else (item.text, ""))
        return out


Block = Paragraph | Item
Requirement = Field | Competencies | AdditionalCompetencies


class Section(Node):
    """A top-level section: keyword, the document's own heading, optional number."""

    __slots__ = ("kind", "title", "number")

    def __init__(
        self,
        kind: str,
        title: str = "",
        number: str = "",
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.kind, self.title, self.number = kind, title, number

    def _key(self) -> tuple:
        return (self.comments, self.kind, self.title, self.number)


class FieldSection(Section):
    __slots__ = ("fields",)

    def __init__(
        self,
        kind: str,
        title: str = "",
        number: str = "",
        fields: list[Field] | None = None,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.kind, self.title, self.number = kind, title, number
        self.fields = [] if fields is None else fields

    def _key(self) -> tuple:
        return (self.comments, self.kind, self.title, self.number, self.fields)

    def get(self, key: str) -> Field | None:
        key = v.canonical_key(self.kind, key)
        for f in self.fields:
            if f.key == key:
                return f
        return None

    def value(self, key: str) -> str | None:
        f = self.get(key)
        return f.value if f else None

    def set(self, key: str, value: str | None) -> None:
        """Set a field's value; None removes it. A new known field goes in canonical order."""
        key = v.canonical_key(self.kind, key)
        existing = self.get(key)
        if value is None:
            if existing:
                self.fields.remove(existing)
            return
        if existing:
            existing.value = value
            return
        insert_field(self.fields, Field(key, value), self.kind)

    @property
    def extra(self) -> list[Field]:
        """Fields this section has no name for (the agency's own)."""
        known = v.FIELD_KEYS.get(self.kind, {})
        return [f for f in self.fields if f.key not in known]


class ProseSection(Section):
    __slots__ = ("blocks",)

    def __init__(
        self,
        kind: str,
        title: str = "",
        number: str = "",
        blocks: list[Block] | None = None,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.kind, self.title, self.number = kind, title, number
        self.blocks = [] if blocks is None else blocks

    def _key(self) -> tuple:
        return (self.comments, self.kind, self.title, self.number, self.blocks)

    @property
    def items(self) -> list[Item]:
        return [b for b in self.blocks if isinstance(b, Item)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def text(self) -> str:
        """All the section's text, paragraphs and items, blank-line separated."""
        return "\n\n".join(b.text for b in self.blocks)


class DutySection(Section):
    """The duties; `header`: the `> ` lines above them, the document's own column headers
    of a duty table ("Ülesanne", "Tulemuslikkuse näitaja"), statements as in a fields
    section."""

    __slots__ = ("duties", "header")

    def __init__(
        self,
        kind: str,
        title: str = "",
        number: str = "",
        duties: list[Duty] | None = None,
        header: list[Field] | None = None,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.kind, self.title, self.number = kind, title, number
        self.duties = [] if duties is None else duties
        self.header = [] if header is None else header

    def _key(self) -> tuple:
        return (self.comments, self.kind, self.title, self.number, self.duties, self.header)

    @property
    def columns(self) -> tuple[str, str] | None:
        """The table's two column titles when the header is exactly two lines of text."""
        if len(self.header) == 2:
            return self.header[0].sentence, self.header[1].sentence
        return None

    def find(self, number: str) -> Duty | None:
        want = number.rstrip(".")
        for d in self.duties:
            if d.number.rstrip(".") == want:
                return d
        return None


class RequirementsSection(Section):
    __slots__ = ("entries",)

    def __init__(
        self,
        kind: str,
        title: str = "",
        number: str = "",
        entries: list[Requirement] | None = None,
        *,
        line: int = 0,
        column: int = 0,
        comments: Comments = None,
        end_line: int = 0,
    ) -> None:
        self.line, self.column, self.end_line = line, column, end_line
        self.comments = [] if comments is None else comments
        self.kind, self.title, self.number = kind, title, number
        self.entries = [] if entries is None else entries

    def _key(self) -> tuple:
        return (self.comments, self.kind, self.title, self.number, self.entries)


AnySection = FieldSection | ProseSection | DutySection | RequirementsSection
