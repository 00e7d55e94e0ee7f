"""Paths naming parts of a description, and what they select.

Paths are made of the format's own keywords::

    üldosa.struktuuriüksus          a field of a section
    vahetu juht                     a field name alone: found in whichever section has it
    ülesanded[3.5]                  a duty by its number (a trailing dot does not matter)
    ülesanded[3.5].tulemused[2]     its second expected result (1-based)
    ülesanded[3.5].tekst            the duty's own text, without its results
    õigused[2]                      the second paragraph or item of a prose section
    nõuded.keeleoskus               a requirement
    keeleoskus.vene                 the level required in Russian, derived from the wording
    nõuded.kompetentsid[Kliendikesksus][1]
    osa[Teenistustingimuste erisused]
    ülesanded.pealkiri              a section's own heading

ASCII spellings of the keywords are accepted (`uldosa.struktuuriuksus`, `nouded`), a name
with dots or brackets can be quoted (`üldosa."1.1 nimi"`), `[*]` selects every child.
Expressions over paths are ajtui.ops.query's; this module reads models, it never changes
them (see ajtui.ops.edit).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.ops.levels import LANGUAGES, LanguageLevel, fold, language_levels, language_named

__all__ = [
    "PathError",
    "QueryError",
    "Segment",
    "parse_path",
    "format_path",
    "quote_name",
    "Target",
    "select",
    "get",
    "leaves",
    "section_targets",
]

# --- errors --------------------------------------------------------------------------------


class QueryError(ValueError):
    """A path or an expression that cannot be read; `column` is 1-based."""

    def __init__(self, message: str, text: str = "", column: int = 0) -> None:
        super().__init__(message)
        self.message, self.text, self.column = message, text, column

    def one_line(self) -> str:
        return f"column {self.column}: {self.message}" if self.column else self.message

    def __str__(self) -> str:
        out = [self.one_line()]
        if self.text and self.column:
            out.append("  " + self.text)
            out.append("  " + " " * (self.column - 1) + "^")
        return "\n".join(out)


class PathError(QueryError):
    """A path that names nothing a description can have (`ülesanded[3.5].foo`)."""


# --- paths ---------------------------------------------------------------------------------

_PATH_STOP = set(".[]\"'=~<>!()")
#: The words of the expression language: a path inside an expression stops before them.
OPERATOR_WORDS = {"and", "or", "not"}


@dataclass(frozen=True)
class Segment:
    """`name[sel][sel]…` — `name` is None for a segment of selectors only."""

    name: str | None
    selectors: tuple[str, ...] = ()
    column: int = 0


def read_quoted(text: str, i: int) -> tuple[str, int]:
    """The quoted name at `i` (backslash escapes) and where it ends."""
    quote, out, j = text[i], [], i + 1
    while j < len(text):
        c = text[j]
        if c == "\\" and j + 1 < len(text):
            out.append(text[j + 1])
            j += 2
            continue
        if c == quote:
            return "".join(out), j + 1
        out.append(c)
        j += 1
    raise QueryError(f"unclosed quote {quote} (opened here)", text, i + 1)


def read_path(text: str, i: int, *, in_expression: bool) -> tuple[list[Segment], int]:
    """Segments of a path starting at `i`; stops before an operator, ')' or a keyword."""
    segs: list[Segment] = []
    n = len(text)
    while True:
        while i < n and text[i] == " ":
            i += 1
        start = i
        name: str | None = None
        if i < n and text[i] in "\"'":
            name, i = read_quoted(text, i)
        else:
            words: list[str] = []
            j = i
            while j < n:
                k = j
                while k < n and text[k] == " ":
                    k += 1
                e = k
                while e < n and text[e] not in _PATH_STOP and text[e] != " ":
                    e += 1
                word = text[k:e]
                if not word or (in_expression and word.lower() in OPERATOR_WORDS):
                    break
                words.append(word)
                j = e
            if words:
                name = " ".join(words)
                i = j
        sels: list[str] = []
        while i < n and text[i] == "[":
            close = text.find("]", i)
            inner = text[i + 1 : close] if close >= 0 else ""
            if close < 0:
                raise QueryError("'[' is not closed by ']'", text, i + 1)
            inner = inner.strip()
            if inner[:1] in "\"'" and len(inner) > 1 and inner[-1] == inner[0]:
                inner = inner[1:-1]
            if not inner:
                raise QueryError("empty '[]': write a number, a name or '*'", text, i + 1)
            sels.append(inner)
            i = close + 1
        if name is None and not sels:
            where = start + 1
            if start < n:
                raise QueryError(
                    f"expected a path (a section keyword or a field name), found {text[start]!r}",
                    text,
                    where,
                )
            raise QueryError("expected a path (a section keyword or a field name)", text, where)
        if name is None and not segs:
            raise QueryError("a path starts with a name, e.g. 'ülesanded[3.5]'", text, start + 1)
        segs.append(Segment(name, tuple(sels), start + 1))
        j = i
        while j < n and text[j] == " ":
            j += 1
        if j < n and text[j] == ".":
            i = j + 1
            continue
        return segs, i


def parse_path(path: str) -> list[Segment]:
    """`'ülesanded[3.5].tulemused[2]'` -> segments. Raises QueryError with a column."""
    if not path.strip():
        raise QueryError("empty path", path, 1)
    segs, i = read_path(path, 0, in_expression=False)
    rest = path[i:].strip()
    if rest:
        raise QueryError(
            f"unexpected {rest[0]!r} in a path", path, len(path) - len(path[i:].lstrip()) + 1
        )
    return segs


def quote_name(name: str) -> str:
    """A name as a path writes it: quoted when it holds a dot, a bracket or an operator."""
    if any(c in _PATH_STOP for c in name):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


def format_path(segs: Iterable[Segment]) -> str:
    out = []
    for s in segs:
        sels = "".join(f"[{quote_name(x)}]" for x in s.selectors)
        out.append((quote_name(s.name) if s.name else "") + sels)
    return ".".join(out)


@dataclass
class Target:
    """A part of a description a path selected.

    `value` is what comparisons see: the part's own text, or for a part with children (a
    section, a duty with results) its whole text, one line per child. `attr` names the
    attribute of `node` that `aj set` changes (None: not settable, e.g. a derived level).
    """

    path: str
    node: m.Node | None
    attr: str | None
    value: str
    line: int = 0
    #: For a derived language level: what it was derived from.
    language: LanguageLevel | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The value with the author's line breaks flowed into spaces."""
        return " ".join(self.value.split())


def _section_path(sec: m.Section) -> str:
    if sec.kind == "osa":
        return f"osa[{quote_name(sec.title)}]" if sec.title else "osa"
    return sec.kind


def _texts_of(node: m.Node, *, inside: bool = False) -> Iterator[str]:
    """Every text under a node, one per part, as a reader sees it (a field inside another
    node as `key: value`, or its sentence when stated in prose)."""
    if isinstance(node, m.Field):
        yield (
            (node.sentence if node.in_prose else f"{node.key}: {node.value}")
            if inside
            else node.value
        )
        return
    if isinstance(node, (m.Section, m.Competencies, m.AdditionalCompetencies)):
        if node.title:
            yield node.title
    else:  # a duty, a group, an item, a paragraph: its own words
        yield from m.texts(node)[-1:]
    # a duty table's column headers are the table's, not the section's text
    kids = node.duties if isinstance(node, m.DutySection) else m.children(node)
    for kid in kids:
        yield from _texts_of(kid, inside=True)


def _target(path: str, node: m.Node) -> Target:
    """The natural target of a node: its settable text, or its whole text."""
    if isinstance(node, m.Field):
        return Target(path, node, "value", node.value, node.line)
    if isinstance(node, (m.Item, m.Paragraph)):
        return Target(path, node, "text", node.text, node.line)
    if isinstance(node, m.Duty):
        if node.results:
            return Target(path, node, "text", "\n".join(_texts_of(node)), node.line)
        return Target(path, node, "text", node.text, node.line)
    if isinstance(node, m.CompetencyGroup):
        return Target(
            path, node, "name" if not node.items else None, "\n".join(_texts_of(node)), node.line
        )
    return Target(path, node, None, "\n".join(_texts_of(node)), node.line)


def _field_leaves(path: str, f: m.Field) -> Iterator[Target]:
    """A field's value; a `> ` statement's words around it too (a statement that states no
    field is text of its section: its path is the section's)."""
    where = f"{path}.{quote_name(f.key)}" if f.key else path
    if f.in_prose and f.before:
        yield Target(where, f, "before", f.before, f.line)
    yield Target(where, f, "value", f.value, f.line)
    if f.in_prose and f.after:
        yield Target(where, f, "after", f.after, f.line)


def leaves(target: Target) -> Iterator[Target]:
    """The parts of a target that hold text of their own, each with its path: a section's
    title, fields, paragraphs, items; a duty's text and its results …"""
    node, path = target.node, target.path
    if node is None or target.language is not None:
        yield target
        return
    if isinstance(node, (m.Field, m.Item, m.Paragraph)) or (
        isinstance(node, m.Duty) and target.value == node.text and not node.results
    ):
        yield target
        return
    if isinstance(node, m.Section) and node.title:
        yield Target(f"{path}.pealkiri", node, "title", node.title, node.line)
    if isinstance(node, m.FieldSection):
        for f in node.fields:
            yield from _field_leaves(path, f)
    elif isinstance(node, m.ProseSection):
        for i, b in enumerate(node.blocks, 1):
            yield Target(f"{path}[{i}]", b, "text", b.text, b.line)
    elif isinstance(node, m.DutySection):
        for d in node.duties:
            yield from leaves(Target(f"{path}[{d.number.rstrip('.')}]", d, "text", "", d.line))
    elif isinstance(node, m.Duty):
        yield Target(f"{path}.tekst", node, "text", node.text, node.line)
        for i, r in enumerate(node.results, 1):
            yield Target(f"{path}.tulemused[{i}]", r, "text", r.text, r.line)
    elif isinstance(node, m.RequirementsSection):
        for e in node.entries:
            if isinstance(e, m.Field):
                yield from _field_leaves(path, e)
            elif isinstance(e, m.Competencies):
                yield from leaves(Target(f"{path}.kompetentsid", e, None, "", e.line))
            elif isinstance(e, m.AdditionalCompetencies):
                yield from leaves(Target(f"{path}.lisakompetentsid", e, None, "", e.line))
    elif isinstance(node, m.Competencies):
        if node.title:
            yield Target(f"{path}.pealkiri", node, "title", node.title, node.line)
        for g in node.groups:
            yield from leaves(Target(f"{path}[{quote_name(g.name)}]", g, None, "", g.line))
    elif isinstance(node, m.CompetencyGroup):
        yield Target(f"{path}.nimi", node, "name", node.name, node.line)
        for i, it in enumerate(node.items, 1):
            yield Target(f"{path}[{i}]", it, "text", it.text, it.line)
    elif isinstance(node, m.AdditionalCompetencies):
        if node.title:
            yield Target(f"{path}.pealkiri", node, "title", node.title, node.line)
        for i, it in enumerate(node.items, 1):
            yield Target(f"{path}[{i}]", it, "text", it.text, it.line)


# children by name, per node type ------------------------------------------------------------

_TITLE = "pealkiri"


def _field_children(sec_kind: str, fields: list[m.Field], name: str) -> list[m.Field]:
    want = fold(vocabulary.canonical_key(sec_kind, name))
    return [f for f in fields if fold(f.key) == want]


def _child(t: Target, name: str, seg: Segment, text: str) -> list[Target]:
    node, fname = t.node, fold(name)
    if t.language is not None or node is None:
        raise PathError(f"'{t.path}' is a derived value and has no parts", text, seg.column)
    if isinstance(node, m.Section) and fname == _TITLE:
        return [Target(f"{t.path}.{_TITLE}", node, "title", node.title, node.line)]
    if isinstance(node, m.FieldSection):
        return [
            Target(f"{t.path}.{quote_name(f.key)}", f, "value", f.value, f.line)
            for f in _field_children(node.kind, node.fields, name)
        ]
    if isinstance(node, m.RequirementsSection):
        if fname == "kompetentsid":
            return [
                _target(f"{t.path}.kompetentsid", e)
                for e in node.entries
                if isinstance(e, m.Competencies)
            ]
        if fname == "lisakompetentsid":
            return [
                _target(f"{t.path}.lisakompetentsid", e)
                for e in node.entries
                if isinstance(e, m.AdditionalCompetencies)
            ]
        fields = [e for e in node.entries if isinstance(e, m.Field)]
        return [
            Target(f"{t.path}.{quote_name(f.key)}", f, "value", f.value, f.line)
            for f in _field_children("nõuded", fields, name)
        ]
    if isinstance(node, m.Duty):
        if fname == "tekst":
            return [Target(f"{t.path}.tekst", node, "text", node.text, node.line)]
        if fname == "tulemused":
            # the list itself: selectors pick results; without one, every result
            return [
                Target(
                    f"{t.path}.tulemused",
                    node,
                    None,
                    "\n".join(r.text for r in node.results),
                    node.line,
                )
            ]
        if fname == "number":
            return [Target(f"{t.path}.number", node, "number", node.number, node.line)]
        raise PathError(
            f"a duty has 'tekst', 'tulemused' and 'number', not '{name}'", text, seg.column
        )
    if isinstance(node, m.Field) and node.key == "keeleoskus":
        return _language_targets(t, node, name, seg, text)
    if isinstance(node, m.Competencies):
        if fname == _TITLE:
            return [Target(f"{t.path}.{_TITLE}", node, "title", node.title, node.line)]
        return [
            _target(f"{t.path}[{quote_name(g.name)}]", g)
            for g in node.groups
            if fold(g.name) == fname
        ]
    if isinstance(node, m.CompetencyGroup) and fname == "nimi":
        return [Target(f"{t.path}.nimi", node, "name", node.name, node.line)]
    if isinstance(node, m.AdditionalCompetencies):
        if fname == _TITLE:
            return [Target(f"{t.path}.{_TITLE}", node, "title", node.title, node.line)]
        return [
            Target(f"{t.path}[{quote_name(n)}]", it, "text", it.text, it.line)
            for it, (n, _) in zip(node.items, node.named)
            if fold(n) == fname
        ]
    if isinstance(node, (m.ProseSection, m.DutySection)):
        raise PathError(
            f"'{t.path}' has no part named '{name}'; use [n] for its "
            f"{'duties' if isinstance(node, m.DutySection) else 'paragraphs'}"
            f" or '.{_TITLE}'",
            text,
            seg.column,
        )
    raise PathError(f"'{t.path}' has no part named '{name}'", text, seg.column)


def _language_targets(t: Target, node: m.Field, name: str, seg: Segment, text: str) -> list[Target]:
    lang = language_named(name)
    if lang is None:
        raise PathError(
            f"unknown language '{name}' (known: {', '.join(LANGUAGES)}, võõrkeel)", text, seg.column
        )
    return [
        Target(f"{t.path}.{lang}", node, None, lv.level or "", node.line, language=lv)
        for lv in language_levels(node.value)
        if lv.language == lang
    ]


def _select(t: Target, sel: str, seg: Segment, text: str) -> list[Target]:
    node = t.node
    every = sel == "*"
    # ASCII digits only ("²".isdigit() too); beyond any list is simply nothing, and int()
    # of thousands of digits would raise
    index = (
        (int(sel) if len(sel) <= 18 else sys.maxsize) if sel.isascii() and sel.isdigit() else None
    )
    if isinstance(node, m.DutySection):
        if every:
            return [_target(f"{t.path}[{d.number.rstrip('.')}]", d) for d in node.duties]
        want = sel.rstrip(".")
        return [
            _target(f"{t.path}[{want}]", d) for d in node.duties if d.number.rstrip(".") == want
        ]
    if isinstance(node, m.Section) and node.kind == "osa" and index is None and not every:
        return [t] if fold(node.title) == fold(sel) else []
    items: list[m.Item] | list[m.Block]
    if isinstance(node, m.Duty) and t.path.endswith(".tulemused"):
        items = node.results
    elif isinstance(node, m.ProseSection):
        items = node.blocks
    elif isinstance(node, m.CompetencyGroup):
        items = node.items
    elif isinstance(node, m.Competencies):
        if every:
            return [_target(f"{t.path}[{quote_name(g.name)}]", g) for g in node.groups]
        if index is not None:
            return (
                [
                    _target(
                        f"{t.path}[{quote_name(node.groups[index - 1].name)}]",
                        node.groups[index - 1],
                    )
                ]
                if 0 < index <= len(node.groups)
                else []
            )
        return [
            _target(f"{t.path}[{quote_name(g.name)}]", g)
            for g in node.groups
            if fold(g.name) == fold(sel)
        ]
    elif isinstance(node, m.AdditionalCompetencies):
        if index is None and not every:
            return [
                Target(f"{t.path}[{quote_name(n)}]", it, "text", it.text, it.line)
                for it, (n, _) in zip(node.items, node.named)
                if fold(n) == fold(sel)
            ]
        items = node.items
    else:
        raise PathError(f"'{t.path}' cannot be indexed with [{sel}]", text, seg.column)
    if every:
        return [_target(f"{t.path}[{i}]", x) for i, x in enumerate(items, 1)]
    if index is None:
        raise PathError(f"[{sel}]: expected a number (1 is the first) or '*'", text, seg.column)
    if 0 < index <= len(items):
        return [_target(f"{t.path}[{index}]", items[index - 1])]
    return []


def _first(doc: m.Document, seg: Segment, text: str) -> list[Target]:
    """The first segment: a section keyword, or a name found in whichever section has it."""
    assert seg.name is not None
    kind = vocabulary.SECTION_KEYWORDS.get(seg.name.lower()) or {
        fold(k): v for k, v in vocabulary.SECTION_KEYWORDS.items()
    }.get(fold(seg.name))
    if kind is not None:
        return [_target(_section_path(s), s) for s in doc.sections_of(kind)]
    out: list[Target] = []
    for sec in doc.sections:
        base = _target(_section_path(sec), sec)
        if isinstance(sec, (m.FieldSection, m.RequirementsSection)):
            out.extend(_child(base, seg.name, seg, text))
    return out


def select(doc: m.Document, path: str | list[Segment], *, _text: str = "") -> list[Target]:
    """Every part of `doc` the path names (often one, none when absent).
    Raises QueryError/PathError for a path that cannot name anything."""
    segs = parse_path(path) if isinstance(path, str) else path
    text = path if isinstance(path, str) else _text
    current: list[Target] = []
    for n, seg in enumerate(segs):
        if n == 0:
            current = _first(doc, seg, text)
        elif seg.name is not None:
            nxt: list[Target] = []
            for t in current:
                if t.language is not None and fold(seg.name) == "mainitud":
                    nxt.append(t)  # every mention, not only the required ones (below)
                    continue
                nxt.extend(_child(t, seg.name, seg, text))
            current = nxt
        for sel in seg.selectors:
            nxt = []
            for t in current:
                nxt.extend(_select(t, sel, seg, text))
            current = nxt
    # `keeleoskus.vene` sees the levels the wording requires; `.mainitud` every mention
    mentioned = any(s.name and fold(s.name) == "mainitud" for s in segs)
    out: list[Target] = []
    for t in current:
        if t.language is not None:
            if not mentioned and not t.language.required:
                continue
            if mentioned:
                t = Target(t.path + ".mainitud", t.node, None, t.value, t.line, language=t.language)
        if isinstance(t.node, m.Duty) and t.path.endswith(".tulemused"):
            out.extend(_target(f"{t.path}[{i}]", r) for i, r in enumerate(t.node.results, 1))
            continue
        out.append(t)
    return out


def section_targets(doc: m.Document) -> list[Target]:
    """Each section of `doc` as a target, with its path (`leaves` of each: every part)."""
    return [_target(_section_path(sec), sec) for sec in doc.sections]


def get(doc: m.Document, path: str) -> str | None:
    """The text at `path` (the first match), or None when the description has no such part."""
    found = select(doc, path)
    return found[0].value if found else None
