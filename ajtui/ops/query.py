"""The expression language of `aj query` / `aj set --where`: comparisons of paths
(ajtui.ops.paths) joined by and, or, not::

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ajtui.base.dates import parse_date
from ajtui.base.patterns import Budget, PatternError, PatternTimeout, UserPattern, compile_user
from ajtui.format import model as m
from ajtui.ops.levels import level_rank
from ajtui.ops.paths import (
    OPERATOR_WORDS,
    QueryError,
    Segment,
    Target,
    leaves,
    read_path,
    read_quoted,
    select,
)

__all__ = ["Query", "Match", "compile_query", "MAX_NESTING"]


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

    def paths(self) -> Iterator[_Compare]:
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
            parts = [
                leaf for t in hits for leaf in leaves(t) if self.regex.search(leaf.text, budget)
            ]
            hits = parts or hits
        return Match(True, hits)

    def paths(self) -> Iterator[_Compare]:
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


def _make_test(
    op: str, value: str, source: str, column: int
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
    cmp = {
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
    }[op]
    if level_rank(v) is not None:
        want_rank = level_rank(v)

        def by_level(t: Target, budget: Budget) -> bool:
            r = level_rank(t.value)
            return r is not None and cmp(r, want_rank)

        return by_level, None
    if _DATE_RE.match(v):
        want_date = parse_date(v)
        if want_date is None:
            raise QueryError(f"impossible date '{v}'", source, column)

        def by_date(t: Target, budget: Budget) -> bool:
            d = parse_date(t.value)
            return d is not None and cmp(d, want_date)

        return by_date, None
    if _NUMBER_RE.match(v):
        want_num = float(v.replace(",", "."))

        def by_number(t: Target, budget: Budget) -> bool:
            s = t.text.replace(",", ".")
            return bool(_NUMBER_RE.match(s)) and cmp(float(s), want_num)

        return by_number, None
    raise QueryError(
        f"'{op}' compares language levels (A1–C2), dates (dd.mm.yyyy) or numbers, not '{v}'",
        source,
        column,
    )


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
        if self.text[self.i : end].lower() == word and (
            end >= len(self.text) or not (self.text[end].isalnum() or self.text[end] in "_")
        ):
            self.i = end
            return True
        return False

    def parse(self) -> _Node:
        """The expression as a tree, read with an explicit stack rather than recursion, so
        that the length of an `or` chain or a run of `not`s is no limit; parentheses may
        nest MAX_NESTING deep."""
        self.ws()
        if self.i >= len(self.text):
            raise self.error('empty expression: write e.g. vahetu juht = "Tiimijuht"')
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
                    raise self.error(
                        f"expected 'and', 'or' or the end, found {self.text[self.i :][:20]!r}"
                    )
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
        segs, self.i = read_path(self.text, self.i, in_expression=True)
        path_text = self.text[start : self.i].strip()
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
            value, self.i = read_quoted(self.text, self.i)
            vcol = vstart + 2
        else:
            j = self.i
            while j < len(self.text) and not self.text[j].isspace() and self.text[j] not in "()":
                j += 1
            value = self.text[self.i : j]
            self.i = j
            vcol = vstart + 1
            if value.lower() in OPERATOR_WORDS:
                raise self.error(
                    f"expected a value after '{op}', found the keyword "
                    f"'{value}' (quote it if you mean the word)",
                    vstart,
                )
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
