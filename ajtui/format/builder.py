"""The model built during the parse: each grammar rule's builder (`ModelBuilder`, Lark's
`transformer=`) and the one instance the parsers are made with (`BUILDER`). Apart from
`ajtui.format.parser`, so that `python -m ajtui.format.grammar` can generate the fast
driver's reductions for it (`ajtui.format._driver`) without importing the parser."""

from __future__ import annotations

import re

from ajtui.format import model as m
from ajtui.format import vocabulary

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from typing import TypeVar

    from lark import Token

    _N = TypeVar("_N", bound=m.Node)

# Valid text is parsed without importing Lark (ajtui.format.lalr): tokens are Lark's Token
# or lalr.Token, both a str with the same attributes, so the builder tells a token from a
# node or a list by `isinstance(x, str)`. Lark is imported for the errors and `driver="lark"`.

# --- building the model during the parse -----------------------------------------------------


def _t(tok: Token | None) -> str:
    return tok.strip() if tok is not None else ""  # str.strip: a plain str, never a Token


def _text(first: Token | None, more: list | None) -> str:
    """A value's lines, stripped, joined with newlines: `first` (after the key or mark) and
    the continuation lines `more`."""
    if not more:
        return first.strip() if first is not None else ""
    rest = "\n".join(map(str.strip, more))
    return rest if first is None else first.strip() + "\n" + rest


def _last(tok: Token) -> int:
    return tok.end_line or tok.line or 0


def _pos(node: _N, tok: Token) -> _N:
    node.line, node.column = tok.line or 0, tok.column or 0
    return node


def _end(*things) -> int:
    """The last source line of `things` (tokens, nodes, lists of them, None). The parse
    builds every list in source order, so a list ends where its last element ends."""
    end = 0
    for t in things:
        if type(t) is list:
            if not t:
                continue
            t = t[-1]
            if type(t) is list:
                e = _end(t)
                end = e if e > end else end
                continue
        if isinstance(t, str):  # a token (str: see above), lalr.Token or Lark's
            e = t.end_line or t.line or 0  # type: ignore[attr-defined]  # a token: see above
        elif isinstance(t, m.Node):
            e = t.end_line or t.line
        else:
            continue
        if e > end:
            end = e
    return end


#: `{key: value}` in a statement: the field it states (the first one in the statement);
#: compiled by `re` on first use (most descriptions have no statements).
_STATED = r"\{ *([^{}:\n]*[^{}:\s]) *:([^{}]*)\}"


def read_statement(text: str) -> m.Field:
    """The field a `> ` statement's text states: its first `{key: value}`, with the words
    before and after it; a statement without one is a field with the key "" and the text
    as its value. The key is made canonical by the section."""
    found = re.search(_STATED, text)
    if found is None:
        return m.Field("", text, in_prose=True)
    key, value = found[1].strip(), found[2].strip()
    return m.Field(
        key, value, in_prose=True, before=text[: found.start()], after=text[found.end() :]
    )


class ModelBuilder:
    """Inline LALR callbacks (Lark's `transformer=`): each grammar rule becomes a model node
    as it is reduced. Holds no state: one builder serves every thread. Prose is cut into paragraphs at every
    gap between its lines; `parse` joins again those with only comments between them."""

    def start(self, children):
        return [c for c in children if c is not None]

    def section(self, children):
        num, sec = children
        if num is not None:
            sec.number = _t(num).rstrip(".")
            sec.line, sec.column = num.line, num.column
        return sec

    def _header(self, cls, kw, title):
        kind = vocabulary.SECTION_KEYWORDS[str(kw).lower()]
        return _pos(cls(kind, _t(title)), kw)

    def fields_section(self, children):
        kw, title, *rest = children
        sec = self._header(m.FieldSection, kw, title)
        sec.fields = [f for f in rest if f is not None]
        for f in sec.fields:
            if f.key:
                f.key = vocabulary.canonical_key(sec.kind, f.key)
        sec.end_line = _end(kw, sec.fields)
        return sec

    def prose_section(self, children):
        kw, title, blocks = children
        sec = self._header(m.ProseSection, kw, title)
        sec.blocks = blocks or []
        sec.end_line = _end(kw, sec.blocks)
        return sec

    def duties_section(self, children):
        kw, title, *body = children
        sec = self._header(m.DutySection, kw, title)
        sec.header = [n for n in body if isinstance(n, m.Field)]
        sec.duties = [n for n in body if isinstance(n, m.Duty)]
        sec.end_line = _end(kw, sec.header, sec.duties)
        return sec

    def requirements_section(self, children):
        kw, title, *entries = children
        sec = self._header(m.RequirementsSection, kw, title)
        sec.entries = [e for e in entries if e is not None]
        for e in sec.entries:
            if isinstance(e, m.Field) and e.key:
                e.key = vocabulary.canonical_key("nõuded", e.key)
        sec.end_line = _end(kw, sec.entries)
        return sec

    def competencies(self, children):
        kw, title, *groups = children
        node = _pos(m.Competencies(_t(title)), kw)
        node.groups = [g for g in groups if g is not None]
        node.end_line = _end(kw, title, node.groups)
        return node

    def group(self, children):
        key, *items = children
        node = _pos(m.CompetencyGroup(_t(key)), key)
        node.items = [i for i in items if i is not None]
        node.end_line = _end(key, node.items)
        return node

    def additional(self, children):
        kw, title, *items = children
        node = _pos(m.AdditionalCompetencies(_t(title)), kw)
        node.items = [i for i in items if i is not None]
        node.end_line = _end(kw, title, node.items)
        return node

    # field, duty and item are most of the reductions. The last line is that of the last
    # token or node (the parse builds lists in order). Positions are set after __init__:
    # keyword arguments to a node's __init__ cost more than the attributes.
    def field(self, children):
        key, first, more = children
        name = key.strip()
        node = m.Field(name, _text(first, more))
        if name[-1] == '"':
            labelled = vocabulary.labelled_key(name)
            if labelled:
                node.key, node.label = labelled[1], labelled[2]
        node.line, node.column = key.line, key.column
        node.end_line = _last(more[-1] if more else first if first is not None else key)
        return node

    def statement(self, children):
        mark, first, more = children
        node = read_statement(_text(first, more))
        node.line, node.column = mark.line, mark.column
        node.end_line = _last(more[-1] if more else first if first is not None else mark)
        return node

    def duty(self, children):
        num, first, body = children
        lines, results = body if body is not None else ([], [])
        node = m.Duty(num.strip(), _text(first, lines), results)
        node.line, node.column = num.line, num.column
        if results:
            node.end_line = results[-1].end_line or results[-1].line
        else:
            node.end_line = _last(lines[-1] if lines else first if first is not None else num)
        return node

    def duty_body(self, children):
        lines = [c for c in children if isinstance(c, str)]
        items = [c for c in children if isinstance(c, m.Item)]
        return lines, items

    def item(self, children):
        mark, first, more = children
        node = m.Item(_text(first, more))
        node.line, node.column = mark.line, mark.column
        node.end_line = _last(more[-1] if more else first if first is not None else mark)
        return node

    def prose(self, children):
        blocks: list[m.Block] = []
        para: list[Token] = []

        def flush():
            if para:
                p = _pos(m.Paragraph("\n".join(_t(t) for t in para)), para[0])
                p.end_line = _end(para)
                blocks.append(p)
                para.clear()

        for c in children:
            if isinstance(c, str):  # a line: a token (see above)
                tok: Token = c  # type: ignore[assignment]  # a str here is a token (see above)
                if para and (tok.line or 0) > (para[-1].line or 0) + 1:
                    flush()  # a blank or a comment line between: parse decides which
                para.append(tok)
            else:
                flush()
                blocks.append(c)
        flush()
        return blocks

    def lines(self, children):
        return children

    def line(self, children):
        return children[0]

    line.only_child = True  # type: ignore[attr-defined]  # lets the fast parse skip this call (lalr._compile)


#: The builder the parsers are made with (the Lark instance is built once per builder).
BUILDER = ModelBuilder()
