"""The job description: its nodes (defined in `ajtui.format.nodes`, named here: `m.Field`),
the document, the typed views and the node switch, as plain records (`ajtui.base.records`).

Imports nothing from lark, textual or git: scripts that only read and edit descriptions
start fast. Storage is generic (sections of fields, prose, duties); typed views
(`Approval`, `General`, `Requirements`) read and write through it, so that field order,
unknown fields and comments survive every edit.

Text is verbatim: a "\\n" inside a value is the author's line break.
"""

from __future__ import annotations

import re
from operator import attrgetter

from ajtui.base.records import Frozen, Record
from ajtui.format import vocabulary as v

# The nodes, named here as well: every caller writes `m.Field`, `m.Duty` (this and
# ajtui/__init__.py are where names are re-exported).
from ajtui.format.nodes import (  # noqa: F401  (re-exported)
    AdditionalCompetencies,
    AnySection,
    Block,
    Competencies,
    CompetencyGroup,
    Duty,
    DutySection,
    Field,
    FieldSection,
    Item,
    Node,
    Paragraph,
    ProseSection,
    Requirement,
    RequirementsSection,
    Section,
    insert_field,
    printed_label,
)

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Callable, Iterator
    from typing import Any

    from ajtui.format.conflicts import Conflict


# --- typed views -------------------------------------------------------------------------


def _field_property(key: str, doc: str):
    def get(self):
        return self._section.value(key)

    def set_(self, value):
        self._section.set(key, value)

    return property(get, set_, doc=doc)


class Approval:
    """Who approved the description, and how: a view over the `ametijuhend` section."""

    def __init__(
        self,
        section: FieldSection | None = None,
        *,
        kind: str | None = None,
        approver: str | None = None,
        number: str | None = None,
        date: _dt.date | str | None = None,
        annex: str | int | None = None,
        agency: str | None = None,
    ) -> None:
        self._section = section if section is not None else FieldSection("ametijuhend")
        for name, value in (
            ("kind", kind),
            ("approver", approver),
            ("number", number),
            ("date", date),
            ("annex", annex),
            ("agency", agency),
        ):
            if value is not None:
                setattr(self, name, value)

    agency = _field_property("asutus", "The agency (asutus).")
    approver = _field_property(
        "kinnitaja",
        "Who approved, as the document writes it ('Sotsiaalkindlustusameti peadirektori').",
    )
    number = _field_property("number", "Directive number, free form: '95', '2.1-2/26/001'.")
    date_text = _field_property("kuupäev", "The approval date as written.")

    @property
    def kind(self) -> str | None:
        """'käskkirjaga' (directive), 'töölepingu lisana' (contract annex), or as written."""
        raw = self._section.value("kinnitatud")
        if raw is None:
            return None
        low = raw.strip().lower()
        for canon, spellings in v.APPROVAL_KINDS.items():
            if low in spellings:
                return canon
        return raw

    @kind.setter
    def kind(self, value: str | None) -> None:
        self._section.set("kinnitatud", value)

    @property
    def is_directive(self) -> bool:
        return self.kind == v.DIRECTIVE

    @property
    def is_contract_annex(self) -> bool:
        return self.kind == v.CONTRACT_ANNEX

    @property
    def date(self) -> _dt.date | None:
        # the date reader, in its own module (the history reads dates without the model);
        # imported here: reading and comparing descriptions never asks for a date
        from ajtui.base.dates import parse_date

        return parse_date(self.date_text)

    @date.setter
    def date(self, value: _dt.date | str | None) -> None:
        import datetime as _dt  # here: a process that sets no date does not import it

        if isinstance(value, _dt.date):
            value = value.strftime("%d.%m.%Y")
        self.date_text = value

    @property
    def annex(self) -> str | None:
        """The annex (lisa) number as written, e.g. '11'."""
        return self._section.value("lisa")

    @annex.setter
    def annex(self, value: str | int | None) -> None:
        self._section.set("lisa", None if value is None else str(value))

    @property
    def label(self) -> str:
        """A short human label: 'käskkiri nr 95 (11.06.2023), lisa 11'."""
        if self.is_contract_annex:
            return v.CONTRACT_ANNEX_LABEL
        if self.number:
            return v.directive_label(self.number, self.date_text, self.annex)
        label = self.date_text or self.kind or v.UNAPPROVED_LABEL
        return f"{label}, lisa {self.annex}" if self.annex else label

    def key(self) -> tuple[str, str, str]:
        """What makes two approvals the same approval (history groups by it)."""
        return (self.kind or "", (self.number or "").strip(), (self.date_text or "").strip())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Approval) and self._section == other._section

    def __repr__(self) -> str:
        return f"Approval({self.label!r})"


class General:
    """The general part (üldosa): a view over its fields."""

    def __init__(self, section: FieldSection | None = None, **values: str) -> None:
        self._section = section if section is not None else FieldSection("üldosa")
        for name, value in values.items():
            setattr(self, name, value)

    title = _field_property("ametinimetus", "Position title (ametinimetus).")
    unit = _field_property("struktuuriüksus", "Structural unit (struktuuriüksus).")
    manager = _field_property("vahetu juht", "Direct manager (vahetu juht).")
    substitute = _field_property("asendaja", "Who substitutes this official (asendaja).")
    substitutes_for = _field_property("asendab", "Whom this official substitutes (asendab).")
    subordinates = _field_property("alluvad", "Subordinates (alluvad).")
    conditions = _field_property("eritingimused", "Special conditions (eritingimused).")

    @property
    def fields(self) -> list[Field]:
        return self._section.fields

    @property
    def extra(self) -> list[Field]:
        return self._section.extra

    def get(self, key: str) -> str | None:
        return self._section.value(key)

    def __repr__(self) -> str:
        return f"General(title={self.title!r}, unit={self.unit!r})"


def _requirement(key: str) -> property:
    def get(self: Requirements) -> str | None:
        return self._get(key)

    def set_(self: Requirements, value: str | None) -> None:
        self._set(key, value)

    return property(get, set_)


class Requirements:
    """Requirements (nõuded): a view over the section's entries."""

    def __init__(self, section: RequirementsSection) -> None:
        self._section = section

    def _get(self, key: str) -> str | None:
        for e in self._section.entries:
            if isinstance(e, Field) and e.key == key:
                return e.value
        return None

    def _set(self, key: str, value: str | None) -> None:
        for e in list(self._section.entries):
            if isinstance(e, Field) and e.key == key:
                if value is None:
                    self._section.entries.remove(e)
                else:
                    e.value = value
                return
        if value is not None:
            insert_field(self._section.entries, Field(key, value), "nõuded")

    education = _requirement("haridus")
    experience = _requirement("töökogemus")
    languages = _requirement("keeleoskus")
    computer_skills = _requirement("arvutioskus")
    knowledge = _requirement("teadmised")
    personal_qualities = _requirement("isikuomadused")

    @property
    def competencies(self) -> list[CompetencyGroup]:
        for e in self._section.entries:
            if isinstance(e, Competencies):
                return e.groups
        return []

    @property
    def additional(self) -> list[tuple[str, str]]:
        """Additional competencies as (name, description)."""
        for e in self._section.entries:
            if isinstance(e, AdditionalCompetencies):
                return e.named
        return []

    @property
    def extra(self) -> list[Field]:
        known = v.FIELD_KEYS["nõuded"]
        return [e for e in self._section.entries if isinstance(e, Field) and e.key not in known]

    @property
    def entries(self) -> list[Requirement]:
        return self._section.entries


class Signature(Record):
    """One signature block: the role (tööandja, töötaja, …) and its lines."""

    __slots__ = ("role", "text")

    def __init__(self, role: str, text: str) -> None:
        self.role, self.text = role, text

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def name(self) -> str | None:
        for line in self.lines:
            if line and not line.startswith("("):
                return line
        return None


# --- the document ------------------------------------------------------------------------


class Document(Record):
    """A whole job description: its sections in order and trailing comments."""

    __slots__ = ("sections", "trailing_comments", "path", "conflicts")
    _UNCOMPARED = ("path", "conflicts")
    sections: list[AnySection]
    #: Comments after the last section.
    trailing_comments: list[str]
    #: Where it came from, if loaded from a file (not part of equality).
    path: str | None
    #: A conflicted file's merge conflicts (ajtui.format.conflicts), in order: the sections
    #: are its ours reading. Not part of equality; never walked; the writer refuses it.
    conflicts: list[Conflict]

    def __init__(
        self,
        sections: list[AnySection] | None = None,
        trailing_comments: list[str] | None = None,
        path: str | None = None,
        conflicts: list[Conflict] | None = None,
    ) -> None:
        self.sections = [] if sections is None else sections
        self.trailing_comments = [] if trailing_comments is None else trailing_comments
        self.path = path
        self.conflicts = [] if conflicts is None else conflicts

    def _key(self) -> tuple:
        return (self.sections, self.trailing_comments)

    # sections by kind
    def section(self, kind: str) -> AnySection | None:
        kind = v.SECTION_KEYWORDS.get(kind.lower(), kind)
        for s in self.sections:
            if s.kind == kind:
                return s
        return None

    def sections_of(self, kind: str) -> list[AnySection]:
        return [s for s in self.sections if s.kind == kind]

    def ensure(self, kind: str) -> AnySection:
        """The section of this kind, created in its canonical place when missing."""
        found = self.section(kind)
        if found is not None:
            return found
        new = new_section(kind)
        rank = v.SECTION_ORDER.index(kind) if kind in v.SECTION_ORDER else len(v.SECTION_ORDER)
        for i, s in enumerate(self.sections):
            if s.kind in v.SECTION_ORDER and v.SECTION_ORDER.index(s.kind) > rank:
                if i == 0:
                    # the comments that open the file (its source, a note) stay on top
                    new.comments, s.comments = s.comments, []
                self.sections.insert(i, new)
                return new
        self.sections.append(new)
        return new

    @property
    def approval(self) -> Approval | None:
        s = self.section("ametijuhend")
        return Approval(s) if s is not None else None  # type: ignore[arg-type]  # the grammar makes it a FieldSection

    @property
    def general(self) -> General:
        s = self.section("üldosa")
        return General(s if s is not None else FieldSection("üldosa"))  # type: ignore[arg-type]  # as above

    @property
    def title(self) -> str | None:
        return self.general.title

    def _prose_text(self, kind: str) -> str | None:
        s = self.section(kind)
        return s.text if isinstance(s, ProseSection) else None

    def _set_prose_text(self, kind: str, text: str | None) -> None:
        s = self.ensure(kind)
        assert isinstance(s, ProseSection)
        s.blocks = [Paragraph(p) for p in (text or "").split("\n\n") if p]

    purpose = property(
        lambda self: self._prose_text("eesmärk"),
        lambda self, v: self._set_prose_text("eesmärk", v),
        doc="The position's purpose (eesmärk), as text.",
    )
    tools = property(
        lambda self: self._prose_text("töövahendid"),
        lambda self, v: self._set_prose_text("töövahendid", v),
        doc="Work tools (töövahendid), as text.",
    )
    amendment = property(
        lambda self: self._prose_text("muutmine"),
        lambda self, v: self._set_prose_text("muutmine", v),
        doc="How the description is amended (muutmine), as text.",
    )

    @property
    def duty_section(self) -> DutySection | None:
        s = self.section("ülesanded")
        return s if isinstance(s, DutySection) else None

    @property
    def duties(self) -> list[Duty]:
        """The duties, a live list: appending to it edits the document."""
        return self.ensure("ülesanded").duties  # type: ignore[union-attr]  # ensure makes a DutySection

    def duty(self, number: str) -> Duty | None:
        s = self.duty_section
        return s.find(number) if s else None

    @property
    def rights(self) -> ProseSection | None:
        s = self.section("õigused")
        return s if isinstance(s, ProseSection) else None

    @property
    def responsibilities(self) -> ProseSection | None:
        s = self.section("vastutus")
        return s if isinstance(s, ProseSection) else None

    @property
    def requirements(self) -> Requirements | None:
        s = self.section("nõuded")
        return Requirements(s) if isinstance(s, RequirementsSection) else None

    @property
    def signatures(self) -> list[Signature]:
        s = self.section("allkirjad")
        if not isinstance(s, FieldSection):
            return []
        return [Signature(f.key, f.value) for f in s.fields]

    @property
    def generic_sections(self) -> list[ProseSection]:
        return [s for s in self.sections if s.kind == "osa"]  # type: ignore[misc]  # "osa" is prose

    @property
    def comments(self) -> list[str]:
        """Every comment in the document, in order."""
        out = [c for node in walk(self) for c in node.comments]
        return out + self.trailing_comments


def paper_numbers(doc: Document) -> Iterator[tuple[str, AnySection]]:
    """Each section with the number the paper document gives it: its own, else its place
    among the description's sections, as `aj show` counts them (the header `ametijuhend`
    and the front matter — register, directive — are not counted: "" for them)."""
    ordinal = 0
    for sec in doc.sections:
        if sec.kind == "ametijuhend" or sec.kind in v.FRONT_MATTER:
            yield sec.number, sec
            continue
        ordinal += 1
        yield sec.number or str(ordinal), sec


def new_section(kind: str, title: str = "", number: str = "") -> AnySection:
    kind = v.SECTION_KEYWORDS.get(kind.lower(), kind)
    if kind in v.FIELD_SECTIONS:
        return FieldSection(kind, title, number)
    if kind == "ülesanded":
        return DutySection(kind, title, number)
    if kind == "nõuded":
        return RequirementsSection(kind, title, number)
    if kind in v.PROSE_SECTIONS:
        return ProseSection(kind, title, number)
    raise ValueError(f"unknown section keyword {kind!r}")


# --- the node switch: which node has which children and which texts ------------------------


class Shape(Frozen):
    """What a node type holds: the attributes with its child nodes, in document order, and
    the attributes with its own text (not its children's). The one place that knows; walk,
    the writer, edits, the validator and queries read it."""

    __slots__ = ("children", "texts")
    children: tuple[str, ...]
    texts: tuple[str, ...]

    def __init__(self, children: tuple[str, ...] = (), texts: tuple[str, ...] = ()) -> None:
        self._set(children=children, texts=texts)


_SECTION_TEXTS = ("kind", "number", "title")


class TypeTable(dict):
    """A table by node type in which a subclass finds its base's entry."""

    def __missing__(self, cls: type) -> Any:
        for base in cls.__mro__[1:]:
            if base in self:
                self[cls] = self[base]
                return self[cls]
        raise TypeError(f"not a node of a description: {cls.__name__}")


SHAPES: dict[type, Shape] = TypeTable(
    {
        Document: Shape(("sections",)),
        FieldSection: Shape(("fields",), _SECTION_TEXTS),
        ProseSection: Shape(("blocks",), _SECTION_TEXTS),
        DutySection: Shape(("header", "duties"), _SECTION_TEXTS),
        RequirementsSection: Shape(("entries",), _SECTION_TEXTS),
        Field: Shape((), ("key", "label", "before", "value", "after")),
        Item: Shape((), ("text",)),
        Paragraph: Shape((), ("text",)),
        Duty: Shape(("results",), ("number", "text")),
        Competencies: Shape(("groups",), ("title",)),
        CompetencyGroup: Shape(("items",), ("name",)),
        AdditionalCompetencies: Shape(("items",), ("title",)),
    }
)
#: each type's child attributes alone: walk reads them for every node
_CHILDREN: dict[type, tuple[str, ...]] = TypeTable({cls: sh.children for cls, sh in SHAPES.items()})


def shape(node: object) -> Shape:
    """The shape of a node's type (a subclass has its base's shape)."""
    return SHAPES[type(node)]


def children(node: Node | Document) -> list[Node]:
    """The node's child nodes in document order (a document's are its sections)."""
    names = _CHILDREN[type(node)]
    if len(names) == 1:
        return getattr(node, names[0])
    return [kid for name in names for kid in getattr(node, name)]


def texts(node: Node) -> tuple[str, ...]:
    """The node's own texts (not its children's), in the order of its shape."""
    get = _TEXTS.get(type(node))
    if get is None:
        get = _TEXTS[type(node)] = _texts_getter(SHAPES[type(node)].texts)
    return get(node)


def _texts_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    # one attrgetter per node type: the validator reads every node's texts
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda node: (one(node),)
    return lambda node: ()


_TEXTS: dict[type, Callable[[Any], tuple[str, ...]]] = {}


def walk(doc: Document) -> Iterator[Node]:
    """Every node in document order (sections, fields, duties, items …)."""
    kinds = _CHILDREN
    # the first two levels below a section written out: a generator per node with children
    # costs more than the loop (the parser walks every document that has comments)
    for sec in doc.sections:
        yield sec
        for name in kinds[type(sec)]:
            for kid in getattr(sec, name):
                yield kid
                for name2 in kinds[type(kid)]:
                    for grandkid in getattr(kid, name2):
                        yield grandkid
                        if kinds[type(grandkid)]:
                            yield from _below(grandkid)


def _below(node: Node) -> Iterator[Node]:
    kinds = _CHILDREN
    for name in kinds[type(node)]:
        for kid in getattr(node, name):
            yield kid
            if kinds[type(kid)]:
                yield from _below(kid)


def slug(*parts: str | None, limit: int = 60) -> str:
    """A stable file-name slug: 'Koordinaator (KLAT)' -> 'koordinaator-klat'."""
    text = v.unaccented(" ".join(p for p in parts if p)).lower()
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return out[:limit].rstrip("-") or "ametijuhend"
