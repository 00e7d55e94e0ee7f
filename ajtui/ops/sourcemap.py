"""The original text of a description cut into what each node of its model owns: the
filler lines before it (blank lines, comments), its own lines (header and continuation
lines of text), and the indentation of its children; and the line-level patching that
ajtui.ops.edit's Editor uses to change only the lines whose words changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from ajtui.format import model as m
from ajtui.format.writer import statement_text


def is_filler(line: str) -> bool:
    """A blank line or a comment line: what stands between nodes."""
    s = line.strip()
    return not s or s.startswith("#")


def indent_of(line: str) -> int:
    """The number of spaces the line starts with."""
    return len(line) - len(line.lstrip(" "))


def own_text(node: m.Node) -> str:
    """The node's text that lives on its own lines (header and continuation lines)."""
    if isinstance(node, m.Field):
        return statement_text(node) if node.in_prose else node.value
    if isinstance(node, (m.Duty, m.Item, m.Paragraph)):
        return node.text
    return ""


def snapshot(node: m.Node) -> tuple:
    """The node's own content (not its children): what decides whether its own lines can
    be copied as they are."""
    if isinstance(node, m.Field):
        # the own text last: _patched_own reads it from there
        return (m.Field, node.key, node.label, node.in_prose, own_text(node))
    return (type(node), *m.texts(node))


@dataclass
class Span:
    node: m.Node
    snap: tuple
    comments: tuple[str, ...]
    gap: range  # filler lines (blank, comments) before the node
    own: range  # the node's own lines: header and continuation lines
    header: int  # index of the header line
    head_prefix: str  # header text before the node's first text line
    header_text: bool  # the header line carries the first line of text
    slots: list[int]  # line index of every continuation line of text, in order
    indent: int
    cont_indent: int | None
    child_indent: int | None = None


class Source:
    """The original text cut into the spans of the nodes of its model."""

    def __init__(self, text: str, doc: m.Document) -> None:
        self.final_newline = text.endswith("\n")
        body = text[:-1] if self.final_newline else text
        self.lines = body.split("\n")
        self.spans: dict[int, Span] = {}
        prev_end = -1
        for node in m.walk(doc):
            span = self._span(node, prev_end)
            self.spans[id(node)] = span
            prev_end = span.own.stop - 1
        self.trailing = range(prev_end + 1, len(self.lines))
        #: one past the last line of each section (its last node's own lines)
        self.section_end: dict[int, int] = {}
        self.previous: dict[int, int | None] = {}
        before = None
        for sec in doc.sections:
            last: m.Node = sec
            for node in _descendants(sec):
                last = node
            self.section_end[id(sec)] = self.spans[id(last)].own.stop
            self.previous[id(sec)] = before
            before = id(sec)
        # children's indentation, from the first child in the source
        for node in m.walk(doc):
            kids = m.children(node)
            if kids and id(kids[0]) in self.spans:
                self.spans[id(node)].child_indent = self.spans[id(kids[0])].indent

    def _span(self, node: m.Node, prev_end: int) -> Span:
        lines = self.lines
        header = node.line - 1
        src = lines[header]
        text = own_text(node)
        text_lines = text.split("\n") if text else []
        col = node.column - 1
        if isinstance(node, m.Field) and node.in_prose:
            header_text = bool(src[col + 1 :].strip())  # after the '>'
        elif isinstance(node, m.Field):
            after = src[col:].split(":", 1)[1] if ":" in src[col:] else ""
            header_text = bool(after.strip())
        elif isinstance(node, m.Duty):
            header_text = bool(src[col + len(node.number) :].strip())
        elif isinstance(node, m.Item):
            header_text = bool(src[col + 1 :].strip())
        elif isinstance(node, m.Paragraph):
            header_text = True
        else:
            header_text, text_lines = False, []
        stripped = src.rstrip(" ")
        if header_text:
            first = text_lines[0]
            head_prefix = (
                stripped[: len(stripped) - len(first)]
                if stripped.endswith(first)
                else stripped[: len(stripped) - len(stripped.lstrip())]
            )
        else:
            head_prefix = stripped
        if header_text and isinstance(node, m.Field) and node.in_prose:
            head_prefix = src[: col + 1] + " "  # the mark; the text after it as written
        n_cont = len(text_lines) - (1 if header_text else 0)
        slots: list[int] = []
        j = header + 1
        while len(slots) < n_cont and j < len(lines):
            if not is_filler(lines[j]):
                slots.append(j)
            j += 1
        end = (slots[-1] if slots else header) + 1
        cont_indent = indent_of(lines[slots[0]]) if slots else None
        return Span(
            node,
            snapshot(node),
            tuple(node.comments),
            range(prev_end + 1, header),
            range(header, end),
            header,
            head_prefix,
            header_text,
            slots,
            col,
            cont_indent,
        )


# --- line-level patching ---------------------------------------------------------------------


def shifted(lines: list[str], by: int) -> list[str]:
    """The lines indented `by` more (less when negative); blank lines as they are."""
    if by == 0:
        return list(lines)
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
        elif by > 0:
            out.append(" " * by + line)
        else:
            out.append(line[min(-by, indent_of(line)) :])
    return out


def diff_slots(old: list[str], new: list[str]) -> tuple[list[list[int | str]], list[str]]:
    """For each old line: what replaces it — its own index (keep the source line), new
    strings, or nothing; plus the new lines that go before the first old line."""
    repl: list[list[int | str]] = [[] for _ in old]
    before: list[str] = []
    sm = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                repl[i1 + k] = [i1 + k]
        elif tag in ("replace", "delete"):
            for k in range(i2 - i1):
                repl[i1 + k] = [new[j1 + k]] if j1 + k < j2 else []
            extra = new[j1 + (i2 - i1) : j2]
            if extra:
                repl[i2 - 1].extend(extra)
        else:  # insert
            if i1 == 0:
                before.extend(new[j1:j2])
            else:
                repl[i1 - 1].extend(new[j1:j2])
    return repl, before


def _descendants(node: m.Node) -> Iterator[m.Node]:
    for kid in m.children(node):
        yield kid
        yield from _descendants(kid)
