"""Paths naming parts of a description, language levels derived from the wording, and the
expression language of `aj query` / `aj set --where`.

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

Expressions (see `compile_query`)::

    vahetu juht = "Tiimijuht"               text equal (case and line breaks ignored)
    ülesanded ~ "supervisioon"              regular expression, case-insensitive
    keeleoskus.vene >= B2                   language levels A1 < A2 < B1 < B2 < C1 < C2
    ametijuhend.kuupäev >= 01.01.2024       dates (dd.mm.yyyy) and numbers compare too
    üldosa.asendaja                         the path exists
    not (a = "x" or b ~ "y") and c          and, or, not, parentheses

This module reads models; it never changes them (see `ajtui.ops.edit`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ajtui.format import model as m
from ajtui.base.patterns import Budget, PatternError, PatternTimeout, UserPattern, compile_user

__all__ = [
    "LEVELS", "LANGUAGES", "LanguageLevel", "language_levels", "required_levels",
    "PathError", "QueryError", "Segment", "parse_path", "Target", "select", "get", "leaves",
    "Query", "Match", "compile_query", "format_path",
]

# --- language levels -----------------------------------------------------------------------

#: CEFR levels in order.
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")

#: Languages by the stem the documents use before "keel" ("vene keele", "inglise keelt").
LANGUAGES = (
    "eesti", "vene", "inglise", "saksa", "soome", "prantsuse", "rootsi", "norra", "taani",
    "läti", "leedu", "poola", "ukraina", "valgevene", "hispaania", "portugali", "itaalia",
    "kreeka", "ungari", "tšehhi", "hiina", "jaapani", "araabia", "türgi", "heebrea", "viipe",
)
#: Compound words: "võõrkeel" (a foreign language, any), "riigikeel" (the state language,
#: by law Estonian), "viipekeel" (sign language).
_COMPOUNDS = {"võõr": "võõrkeel", "riigi": "eesti", "viipe": "viipe"}

_FOLD = str.maketrans({"õ": "o", "ä": "a", "ö": "o", "ü": "u", "š": "s", "ž": "z"})


def _fold(text: str) -> str:
    """Case- and diacritics-insensitive form of a keyword (ASCII spellings are accepted)."""
    return " ".join(text.casefold().translate(_FOLD).split())


_LANG_BY_FOLD = {_fold(x): x for x in LANGUAGES} | {"voorkeel": "võõrkeel",
                                                    "vooras keel": "võõrkeel"}
_LANG_RE = "|".join(sorted(LANGUAGES, key=len, reverse=True))
#: "vene keele", "Vene ja inglise keele", "inglise või vene keelt", "eesti, vene keel".
_CHAIN = re.compile(
    rf"\b(?:{_LANG_RE})(?:\s*(?:,|\bja\b|\bning\b|\bvõi\b|\behk\b)\s*(?:{_LANG_RE}))*"
    r"\s*-?\s*keel\w*", re.IGNORECASE)
_COMPOUND = re.compile(r"\b(võõr|riigi|viipe)keel\w*", re.IGNORECASE)
_ONE_LANG = re.compile(rf"\b({_LANG_RE})\b", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"\b(või|ehk)\b", re.IGNORECASE)
_LEVEL_RE = re.compile(r"(?<![A-Za-z0-9])([ABCabc][12])(?![0-9])")
_DESIRED = re.compile(r"\b(soovita\w*|eelist\w*|eelis\w*|kasuks|kasulik\w*)\b", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\b(?:ja|ning|või|ehk)\b|[,;(]", re.IGNORECASE)
_CLAUSE = re.compile(r"(?<=[.;])\s+")


@dataclass(frozen=True)
class LanguageLevel:
    """One language named in `nõuded.keeleoskus`, with the level the wording gives it.

    `required` is True when the wording demands this language by itself: not one of
    alternatives ("inglise või vene keel"), not inside parentheses qualifying something
    else ("võõrkeel (vene või inglise)"), and not marked desirable ("soovitavalt",
    "eelistatult", "… on eeliseks"). `keeleoskus.vene` in a query sees required levels only;
    `keeleoskus.vene.mainitud` sees every mention.
    """

    language: str
    level: str | None
    required: bool = True
    desired: bool = False
    alternatives: tuple[str, ...] = ()
    #: The sentence of the requirement this was read from, as written (line breaks flowed).
    wording: str = ""

    @property
    def rank(self) -> int | None:
        return level_rank(self.level)


def level_rank(level: str | None) -> int | None:
    """0 for A1 … 5 for C2; None for anything else."""
    if not level:
        return None
    try:
        return LEVELS.index(level.strip().upper())
    except ValueError:
        return None


def _requirement_text(source: m.Document | str | None) -> str:
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    req = source.section("nõuded")
    if isinstance(req, m.RequirementsSection):
        return "\n".join(e.value for e in req.entries
                         if isinstance(e, m.Field) and e.key == "keeleoskus")
    return ""


def language_levels(source: m.Document | str | None) -> list[LanguageLevel]:
    """Every language the requirement names, in order, with its level.

    `source` is a Document (its `nõuded.keeleoskus`) or the requirement's text. The rule:
    the text is read sentence by sentence; languages are collected until a level
    ("tasemel B2", "B2-tasemel", "C1") appears, and that level belongs to all of them
    ("Vene ja inglise keele oskus tasemel B2" gives vene B2 and inglise B2). A language
    with no level after it in its sentence has level None.
    """
    text = " ".join(_requirement_text(source).split())
    out: list[LanguageLevel] = []
    for clause in _CLAUSE.split(text):
        out.extend(_clause_levels(clause))
    return out


def _paren_spans(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    if depth:
        spans.append((start, len(text)))
    return spans


def _clause_levels(clause: str) -> list[LanguageLevel]:
    parens = _paren_spans(clause)

    def in_parens(pos: int) -> bool:
        return any(a < pos < b for a, b in parens)

    # events in order: (pos, "lang", (names, alternative)) / (pos, "level", "B2")
    events: list[tuple[int, str, object]] = []
    taken: list[tuple[int, int]] = []
    for mo in _CHAIN.finditer(clause):
        names = [_LANG_BY_FOLD.get(_fold(x), x.lower()) for x in _ONE_LANG.findall(mo.group())]
        alt = bool(_ALTERNATIVE.search(mo.group()))
        events.append((mo.start(), "lang", (names, alt)))
        taken.append(mo.span())
    for mo in _COMPOUND.finditer(clause):
        if any(a <= mo.start() < b for a, b in taken):
            continue
        events.append((mo.start(), "lang", ([_COMPOUNDS[mo.group(1).lower()]], False)))
    for mo in _LEVEL_RE.finditer(clause):
        if any(a <= mo.start() < b for a, b in taken):
            continue
        events.append((mo.start(), "level", mo.group(1).upper()))
    events.sort(key=lambda e: e[0])

    out: list[LanguageLevel] = []
    pending: list[tuple[str, int, bool, tuple[str, ...]]] = []  # name, pos, alt, alts
    segment_start = 0

    def flush(level: str | None, end: int) -> None:
        nonlocal segment_start
        # a desirability word after the level ("… tasemel B1 on eeliseks") marks all of them
        after = clause[end:]
        nxt = [p for p, kind, _ in events if p >= end]
        after = after[: (nxt[0] - end) if nxt else len(after)]
        # … up to the next conjunction: "tasemel C1 ning soovitavalt …" starts a new demand
        after = _CONJUNCTION.split(after, maxsplit=1)[0]
        desired_after = bool(_DESIRED.search(after)) and level is not None
        for name, pos, alt, alts in pending:
            before = clause[segment_start:pos]
            desired = desired_after or bool(_DESIRED.search(before))
            required = not (alt or in_parens(pos) or desired)
            out.append(LanguageLevel(name, level, required, desired, alts, clause.strip()))
        pending.clear()
        segment_start = end

    for pos, kind, payload in events:
        if kind == "lang":
            names, alt = payload  # type: ignore[misc]
            for name in names:
                others = tuple(n for n in names if n != name) if alt else ()
                pending.append((name, pos, alt, others))
        elif pending:
            flush(payload, pos + 2)  # type: ignore[arg-type]
    if pending:
        flush(None, len(clause))
    return out


def required_levels(source: m.Document | str | None) -> dict[str, str]:
    """Language -> the highest level the wording requires of it (required mentions only)."""
    best: dict[str, str] = {}
    for lv in language_levels(source):
        if lv.required and lv.level and lv.rank is not None:
            if lv.language not in best or lv.rank > (level_rank(best[lv.language]) or 0):
                best[lv.language] = lv.level
    return best


# --- errors --------------------------------------------------------------------------------


class QueryError(ValueError):
    """A path or an expression that cannot be read; `column` is 1-based."""

    def __init__(self, message: str, text: str = "", column: int = 0) -> None:
        super().__init__(message)
        self.message, self.text, self.column = message, text, column

    def one_line(self) -> str:
        return (f"column {self.column}: {self.message}" if self.column else self.message)

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
_KEYWORDS = {"and", "or", "not"}


@dataclass(frozen=True)
class Segment:
    """`name[sel][sel]…` — `name` is None for a segment of selectors only."""

    name: str | None
    selectors: tuple[str, ...] = ()
    column: int = 0


def _read_quoted(text: str, i: int) -> tuple[str, int]:
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


def _read_path(text: str, i: int, *, in_expression: bool) -> tuple[list[Segment], int]:
    """Segments of a path starting at `i`; stops before an operator, ')' or a keyword."""
    segs: list[Segment] = []
    n = len(text)
    while True:
        while i < n and text[i] == " ":
            i += 1
        start = i
        name: str | None = None
        if i < n and text[i] in "\"'":
            name, i = _read_quoted(text, i)
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
                if not word or (in_expression and word.lower() in _KEYWORDS):
                    break
                words.append(word)
                j = e
            if words:
                name = " ".join(words)
                i = j
        sels: list[str] = []
        while i < n and text[i] == "[":
            close = text.find("]", i)
            inner = text[i + 1:close] if close >= 0 else ""
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
                raise QueryError(f"expected a path (a section keyword or a field name), found "
                                 f"{text[start]!r}", text, where)
            raise QueryError("expected a path (a section keyword or a field name)", text,
                             where)
        if name is None and not segs:
            raise QueryError("a path starts with a name, e.g. 'ülesanded[3.5]'", text,
                             start + 1)
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
    segs, i = _read_path(path, 0, in_expression=False)
    rest = path[i:].strip()
    if rest:
        raise QueryError(f"unexpected {rest[0]!r} in a path", path, len(path) - len(
            path[i:].lstrip()) + 1)
    return segs


def _quote(name: str) -> str:
    if any(c in _PATH_STOP for c in name):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


def format_path(segs: Iterable[Segment]) -> str:
    out = []
    for s in segs:
        sels = "".join(f"[{_quote(x)}]" for x in s.selectors)
        out.append((_quote(s.name) if s.name else "") + sels)
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
        return f"osa[{_quote(sec.title)}]" if sec.title else "osa"
    return sec.kind


def _texts_of(node: m.Node, *, inside: bool = False) -> Iterator[str]:
    """Every text under a node, one per part, as a reader sees it (a field inside another
    node as `key: value`, or its sentence when stated in prose)."""
    if isinstance(node, m.Field):
        yield (node.sentence if node.in_prose else f"{node.key}: {node.value}") if inside \
            else node.value
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
        return Target(path, node, "name" if not node.items else None,
                      "\n".join(_texts_of(node)), node.line)
    return Target(path, node, None, "\n".join(_texts_of(node)), node.line)


def _field_leaves(path: str, f: m.Field) -> Iterator[Target]:
    """A field's value; a `> ` statement's words around it too (a statement that states no
    field is text of its section: its path is the section's)."""
    where = f"{path}.{_quote(f.key)}" if f.key else path
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
            isinstance(node, m.Duty) and target.value == node.text and not node.results):
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
            yield from leaves(Target(f"{path}[{_quote(g.name)}]", g, None, "", g.line))
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
    want = _fold(m.canonical_key(sec_kind, name))
    return [f for f in fields if _fold(f.key) == want]


def _child(t: Target, name: str, seg: Segment, text: str) -> list[Target]:
    node, fname = t.node, _fold(name)
    if t.language is not None or node is None:
        raise PathError(f"'{t.path}' is a derived value and has no parts", text, seg.column)
    if isinstance(node, m.Section) and fname == _TITLE:
        return [Target(f"{t.path}.{_TITLE}", node, "title", node.title, node.line)]
    if isinstance(node, m.FieldSection):
        return [Target(f"{t.path}.{_quote(f.key)}", f, "value", f.value, f.line)
                for f in _field_children(node.kind, node.fields, name)]
    if isinstance(node, m.RequirementsSection):
        if fname == "kompetentsid":
            return [_target(f"{t.path}.kompetentsid", e) for e in node.entries
                    if isinstance(e, m.Competencies)]
        if fname == "lisakompetentsid":
            return [_target(f"{t.path}.lisakompetentsid", e) for e in node.entries
                    if isinstance(e, m.AdditionalCompetencies)]
        fields = [e for e in node.entries if isinstance(e, m.Field)]
        return [Target(f"{t.path}.{_quote(f.key)}", f, "value", f.value, f.line)
                for f in _field_children("nõuded", fields, name)]
    if isinstance(node, m.Duty):
        if fname == "tekst":
            return [Target(f"{t.path}.tekst", node, "text", node.text, node.line)]
        if fname == "tulemused":
            # the list itself: selectors pick results; without one, every result
            return [Target(f"{t.path}.tulemused", node, None,
                           "\n".join(r.text for r in node.results), node.line)]
        if fname == "number":
            return [Target(f"{t.path}.number", node, "number", node.number, node.line)]
        raise PathError(f"a duty has 'tekst', 'tulemused' and 'number', not '{name}'", text,
                        seg.column)
    if isinstance(node, m.Field) and node.key == "keeleoskus":
        return _language_targets(t, node, name, seg, text)
    if isinstance(node, m.Competencies):
        if fname == _TITLE:
            return [Target(f"{t.path}.{_TITLE}", node, "title", node.title, node.line)]
        return [_target(f"{t.path}[{_quote(g.name)}]", g) for g in node.groups
                if _fold(g.name) == fname]
    if isinstance(node, m.CompetencyGroup) and fname == "nimi":
        return [Target(f"{t.path}.nimi", node, "name", node.name, node.line)]
    if isinstance(node, m.AdditionalCompetencies):
        if fname == _TITLE:
            return [Target(f"{t.path}.{_TITLE}", node, "title", node.title, node.line)]
        return [Target(f"{t.path}[{_quote(n)}]", it, "text", it.text, it.line)
                for it, (n, _) in zip(node.items, node.named) if _fold(n) == fname]
    if isinstance(node, (m.ProseSection, m.DutySection)):
        raise PathError(f"'{t.path}' has no part named '{name}'; use [n] for its "
                        f"{'duties' if isinstance(node, m.DutySection) else 'paragraphs'}"
                        f" or '.{_TITLE}'", text, seg.column)
    raise PathError(f"'{t.path}' has no part named '{name}'", text, seg.column)


def _language_targets(t: Target, node: m.Field, name: str, seg: Segment,
                      text: str) -> list[Target]:
    lang = _LANG_BY_FOLD.get(_fold(name))
    if lang is None:
        lang = _LANG_BY_FOLD.get(_fold(name).removesuffix(" keel"))
    if lang is None:
        raise PathError(f"unknown language '{name}' (known: {', '.join(LANGUAGES)}, "
                        f"võõrkeel)", text, seg.column)
    return [Target(f"{t.path}.{lang}", node, None, lv.level or "", node.line, language=lv)
            for lv in language_levels(node.value) if lv.language == lang]


def _select(t: Target, sel: str, seg: Segment, text: str) -> list[Target]:
    node = t.node
    every = sel == "*"
    # ASCII digits only ("²".isdigit() too); beyond any list is simply nothing, and int()
    # of thousands of digits would raise
    index = ((int(sel) if len(sel) <= 18 else sys.maxsize)
             if sel.isascii() and sel.isdigit() else None)
    if isinstance(node, m.DutySection):
        if every:
            return [_target(f"{t.path}[{d.number.rstrip('.')}]", d) for d in node.duties]
        want = sel.rstrip(".")
        return [_target(f"{t.path}[{want}]", d) for d in node.duties
                if d.number.rstrip(".") == want]
    if isinstance(node, m.Section) and node.kind == "osa" and index is None and not every:
        return [t] if _fold(node.title) == _fold(sel) else []
    if isinstance(node, m.Duty) and t.path.endswith(".tulemused"):
        items = node.results
    elif isinstance(node, m.ProseSection):
        items = node.blocks
    elif isinstance(node, m.CompetencyGroup):
        items = node.items
    elif isinstance(node, m.Competencies):
        if every:
            return [_target(f"{t.path}[{_quote(g.name)}]", g) for g in node.groups]
        if index is not None:
            return ([_target(f"{t.path}[{_quote(node.groups[index - 1].name)}]",
                             node.groups[index - 1])] if 0 < index <= len(node.groups) else [])
        return [_target(f"{t.path}[{_quote(g.name)}]", g) for g in node.groups
                if _fold(g.name) == _fold(sel)]
    elif isinstance(node, m.AdditionalCompetencies):
        if index is None and not every:
            return [Target(f"{t.path}[{_quote(n)}]", it, "text", it.text, it.line)
                    for it, (n, _) in zip(node.items, node.named) if _fold(n) == _fold(sel)]
        items = node.items
    else:
        raise PathError(f"'{t.path}' cannot be indexed with [{sel}]", text, seg.column)
    if every:
        return [_target(f"{t.path}[{i}]", x) for i, x in enumerate(items, 1)]
    if index is None:
        raise PathError(f"[{sel}]: expected a number (1 is the first) or '*'", text,
                        seg.column)
    if 0 < index <= len(items):
        return [_target(f"{t.path}[{index}]", items[index - 1])]
    return []


def _first(doc: m.Document, seg: Segment, text: str) -> list[Target]:
    """The first segment: a section keyword, or a name found in whichever section has it."""
    assert seg.name is not None
    kind = m.SECTION_KEYWORDS.get(seg.name.lower()) or {
        _fold(k): v for k, v in m.SECTION_KEYWORDS.items()}.get(_fold(seg.name))
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
                if t.language is not None and _fold(seg.name) == "mainitud":
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
    mentioned = any(s.name and _fold(s.name) == "mainitud" for s in segs)
    out = []
    for t in current:
        if t.language is not None:
            if not mentioned and not t.language.required:
                continue
            if mentioned:
                t = Target(t.path + ".mainitud", t.node, None, t.value, t.line,
                           language=t.language)
        if isinstance(t.node, m.Duty) and t.path.endswith(".tulemused"):
            out.extend(_target(f"{t.path}[{i}]", r) for i, r in enumerate(t.node.results, 1))
            continue
        out.append(t)
    return out


def get(doc: m.Document, path: str) -> str | None:
    """The text at `path` (the first match), or None when the description has no such part."""
    found = select(doc, path)
    return found[0].value if found else None


# --- expressions ---------------------------------------------------------------------------


@dataclass
class Match:
    """The result of a query on one description: whether it matched, and the parts that
    made it match (empty for a match through `not`)."""

    matched: bool
    targets: list[Target] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.matched


_DATE_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
_NUMBER_RE = re.compile(r"^-?\d+(?:[.,]\d+)?$")


#: How deep parentheses may nest: deeper is surely not written by hand, and evaluating it
#: must not exhaust Python's stack.
MAX_NESTING = 100


class _Node:
    def eval(self, doc: m.Document, budget: Budget) -> Match:  # pragma: no cover - abstract
        raise NotImplementedError

    def paths(self) -> Iterator["_Compare"]:
        return iter(())


@dataclass
class _Compare(_Node):
    path: list[Segment]
    path_text: str
    op: str | None
    value: str | None
    source: str
    column: int
    test: Callable[[Target, Budget], bool] | None = None
    regex: UserPattern | None = None

    def eval(self, doc: m.Document, budget: Budget) -> Match:
        targets = select(doc, self.path, _text=self.source)
        if self.op is None:
            return Match(bool(targets), targets)
        if self.op in ("!=", "!~"):
            positive = self.test is not None and any(self.test(t, budget) for t in targets)
            return Match(not positive, [] if positive else targets)
        hits = [t for t in targets if self.test and self.test(t, budget)]
        if not hits:
            return Match(False)
        if self.regex is not None:
            # the parts that hold the match, not the whole section
            parts = [leaf for t in hits for leaf in leaves(t)
                     if self.regex.search(leaf.text, budget)]
            hits = parts or hits
        return Match(True, hits)

    def paths(self) -> Iterator["_Compare"]:
        yield self


@dataclass
class _Not(_Node):
    """`not` written `times` times in a row (read as one node: `not not …` nests no deeper)."""

    inner: _Node
    times: int = 1

    def eval(self, doc: m.Document, budget: Budget) -> Match:
        return Match(self.inner.eval(doc, budget).matched != (self.times % 2 == 1))

    def paths(self):
        return self.inner.paths()


@dataclass
class _Bool(_Node):
    """`a or b or c …` (or `and`) as one node with all its parts: a long flat expression
    nests no deeper."""

    op: str
    parts: list[_Node]

    def eval(self, doc: m.Document, budget: Budget) -> Match:
        targets: list[Target] = []
        if self.op == "and":
            for part in self.parts:
                r = part.eval(doc, budget)
                if not r:
                    return Match(False)
                targets += r.targets
            return Match(True, targets)
        matched = False
        for part in self.parts:
            r = part.eval(doc, budget)
            if r:
                matched = True
                targets += r.targets
        return Match(matched, targets if matched else [])

    def paths(self):
        for part in self.parts:
            yield from part.paths()


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _make_test(op: str, value: str, source: str, column: int
               ) -> tuple[Callable[[Target, Budget], bool], UserPattern | None]:
    if op in ("=", "!="):
        want = _norm(value)
        return (lambda t, budget: _norm(t.value) == want), None
    if op in ("~", "!~"):
        try:
            rx = compile_user(value, ignore_case=True)
        except PatternError as e:
            raise QueryError(e.message, source, column + (e.position or 0)) from None
        return (lambda t, budget: rx.search(t.text, budget)), rx
    # ordering: language levels, dates, numbers
    v = value.strip()
    cmp = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b,
           ">": lambda a, b: a > b, "<": lambda a, b: a < b}[op]
    if level_rank(v) is not None:
        want_rank = level_rank(v)

        def by_level(t: Target, budget: Budget) -> bool:
            r = level_rank(t.value)
            return r is not None and cmp(r, want_rank)
        return by_level, None
    if _DATE_RE.match(v):
        want_date = m.parse_date(v)
        if want_date is None:
            raise QueryError(f"impossible date '{v}'", source, column)

        def by_date(t: Target, budget: Budget) -> bool:
            d = m.parse_date(t.value)
            return d is not None and cmp(d, want_date)
        return by_date, None
    if _NUMBER_RE.match(v):
        want_num = float(v.replace(",", "."))

        def by_number(t: Target, budget: Budget) -> bool:
            s = t.text.replace(",", ".")
            return bool(_NUMBER_RE.match(s)) and cmp(float(s), want_num)
        return by_number, None
    raise QueryError(f"'{op}' compares language levels (A1–C2), dates (dd.mm.yyyy) or "
                     f"numbers, not '{v}'", source, column)


class _Parser:
    OPS = ("!=", "!~", ">=", "<=", "=", "~", ">", "<")

    def __init__(self, text: str) -> None:
        self.text, self.i = text, 0

    def error(self, message: str, at: int | None = None) -> QueryError:
        return QueryError(message, self.text, (self.i if at is None else at) + 1)

    def ws(self) -> None:
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1

    def keyword(self, word: str) -> bool:
        self.ws()
        end = self.i + len(word)
        if self.text[self.i:end].lower() == word and (
                end >= len(self.text) or not (self.text[end].isalnum() or self.text[end] in "_")):
            self.i = end
            return True
        return False

    def parse(self) -> _Node:
        """The expression as a tree, read with an explicit stack rather than recursion, so
        that the length of an `or` chain or a run of `not`s is no limit; parentheses may
        nest MAX_NESTING deep."""
        self.ws()
        if self.i >= len(self.text):
            raise self.error("empty expression: write e.g. vahetu juht = \"Tiimijuht\"")
        # one group per open parenthesis (the first: the whole expression): the finished
        # `and` chains of its `or`, the parts of the `and` chain being read, the `not`s
        # written before its '(' and where that '(' is
        groups: list[_Group] = [_Group(0, -1)]
        while True:
            # an operand: `not`s, then '(' (a new group) or a comparison
            nots = 0
            while self.keyword("not"):
                nots += 1
            self.ws()
            if self.i < len(self.text) and self.text[self.i] == "(":
                if len(groups) > MAX_NESTING:
                    raise self.error(f"parentheses nested more than {MAX_NESTING} deep")
                groups.append(_Group(nots, self.i))
                self.i += 1
                continue
            node = self.atom()
            groups[-1].ands.append(_Not(node, nots) if nots else node)
            # after an operand: `and`, `or`, ')' closing groups, or the end
            while True:
                if self.keyword("and"):
                    break
                group = groups[-1]
                if self.keyword("or"):
                    group.close_and()
                    break
                self.ws()
                at_end = self.i >= len(self.text)
                if len(groups) == 1:
                    if at_end:
                        return group.node()
                    if self.text[self.i] == ")":
                        raise self.error("')' without a matching '('")
                    raise self.error(f"expected 'and', 'or' or the end, found "
                                     f"{self.text[self.i:][:20]!r}")
                if at_end or self.text[self.i] != ")":
                    raise self.error("'(' is not closed by ')'", group.opened)
                self.i += 1
                groups.pop()
                node = group.node()
                groups[-1].ands.append(_Not(node, group.nots) if group.nots else node)

    def atom(self) -> _Node:
        """A comparison (or a path alone)."""
        self.ws()
        if self.i >= len(self.text):
            raise self.error("expected a path or '(' here, found the end of the expression")
        start = self.i
        segs, self.i = _read_path(self.text, self.i, in_expression=True)
        path_text = self.text[start:self.i].strip()
        self.ws()
        op = next((o for o in self.OPS if self.text.startswith(o, self.i)), None)
        if op is None:
            return _Compare(segs, path_text, None, None, self.text, start + 1)
        self.i += len(op)
        self.ws()
        vstart = self.i
        if self.i >= len(self.text) or self.text[self.i] == ")":
            raise self.error(f"expected a value after '{op}'")
        if self.text[self.i] in "\"'":
            value, self.i = _read_quoted(self.text, self.i)
            vcol = vstart + 2
        else:
            j = self.i
            while j < len(self.text) and not self.text[j].isspace() and self.text[j] not in "()":
                j += 1
            value = self.text[self.i:j]
            self.i = j
            vcol = vstart + 1
            if value.lower() in _KEYWORDS:
                raise self.error(f"expected a value after '{op}', found the keyword "
                                 f"'{value}' (quote it if you mean the word)", vstart)
        test, rx = _make_test(op, value, self.text, vcol)
        return _Compare(segs, path_text, op, value, self.text, start + 1, test, rx)


@dataclass
class _Group:
    nots: int
    opened: int
    ors: list[_Node] = field(default_factory=list)
    ands: list[_Node] = field(default_factory=list)

    def close_and(self) -> None:
        self.ors.append(self.ands[0] if len(self.ands) == 1 else _Bool("and", self.ands))
        self.ands = []

    def node(self) -> _Node:
        self.close_and()
        return self.ors[0] if len(self.ors) == 1 else _Bool("or", self.ors)


@dataclass
class Query:
    """A compiled expression. `query.match(doc)` -> Match (truthy when it matched)."""

    source: str
    _root: _Node = field(repr=False)

    def match(self, doc: m.Document) -> Match:
        """Raises QueryError when a regular expression runs out of its time budget."""
        try:
            return self._root.eval(doc, Budget())
        except PatternTimeout as e:
            raise QueryError(str(e)) from e  # a batch looks at it (patterns.gives_up)

    def __call__(self, doc: m.Document) -> bool:
        return self.match(doc).matched

    @property
    def paths(self) -> list[str]:
        """The paths the expression reads, as written."""
        return [c.path_text for c in self._root.paths()]

    def comparisons(self) -> list[_Compare]:
        return list(self._root.paths())


def compile_query(expression: str) -> Query:
    """Parse an expression once; raises QueryError with the column of the problem."""
    return Query(expression, _Parser(expression).parse())
