"""Model -> canonical text, and guarded atomic writes.

The canonical form: sections at column 0 separated by one blank line, two spaces per
level, continuation lines two spaces deeper than the line they continue, comments at the
indentation of the node they precede. Line breaks inside text are the author's: the
writer never re-wraps.
"""

from __future__ import annotations

from ajtui.format import model as m
from ajtui.format import vocabulary

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

STEP = "  "


class UnwritableText(ValueError):
    """Text the format cannot hold as it is (e.g. a continuation line starting with '#')."""


#: characters of a text quoted in a message: a value can be megabytes on one line
QUOTED = 60


def quoted(text: str) -> str:
    """`text` as a message quotes it (repr, so a line break shows): its start when long."""
    if len(text) <= QUOTED:
        return repr(text)
    return f"{text[:QUOTED]!r}… ({len(text):,} characters)"


def dumps(doc: m.Document) -> str:
    if doc.conflicts:
        n = len(doc.conflicts)
        raise UnwritableText(
            f"{n} unresolved merge conflict{'s' if n != 1 else ''} (first at line "
            f"{doc.conflicts[0].start_line}): resolve the merge conflicts first "
            "(`aj resolve FILE --take ours|theirs`, or edit the file)"
        )
    out: list[str] = []
    for i, sec in enumerate(doc.sections):
        if i:
            out.append("")
        RENDERERS[type(sec)](out, sec, "")
    for c in doc.trailing_comments:
        out.append(_comment(c))
    return "\n".join(out) + "\n" if out else ""


def _comment(text: str) -> str:
    text = text.rstrip()
    return text if text.startswith("#") else "# " + text


def _comments(out: list[str], node: m.Node, indent: str) -> None:
    for c in node.comments:
        out.append(indent + _comment(c))


def _check_line(line: str, where: str, *, item_level: bool) -> None:
    if line != line.strip() or not line:
        raise UnwritableText(
            f"{where}: a line of text is empty or has surrounding spaces: {quoted(line)}"
        )
    if line.startswith("#"):
        raise UnwritableText(f"{where}: a continuation line cannot start with '#': {quoted(line)}")
    if item_level and (line == "-" or line.startswith("- ")):
        raise UnwritableText(f"{where}: a continuation line cannot start with '- ': {quoted(line)}")
    if "\n" in line or "\r" in line or "\t" in line:
        raise UnwritableText(f"{where}: control character in {quoted(line)}")


def _text(
    out: list[str], head: str, text: str, indent: str, where: str, *, item_level: bool = False
) -> None:
    """`head` followed by the first line of text; the rest two spaces deeper.

    In a field or an item the first continuation line may start with '- ', the later ones
    may not (`item_level` is for duties and paragraphs, where none may): after one
    continuation line the parser's state is shared with prose and duty bodies, where '- '
    starts an item, so such a text would not read back."""
    lines = text.split("\n") if text else []
    if lines:
        first = lines[0]
        if first != first.strip() or "\t" in first or "\r" in first:
            raise UnwritableText(f"{where}: text has surrounding spaces: {quoted(first)}")
        out.append(f"{indent}{head} {first}" if head else f"{indent}{first}")
    else:
        out.append(f"{indent}{head}")
    deeper = indent + STEP
    for n, line in enumerate(lines[1:]):
        _check_line(line, where, item_level=item_level or n > 0)
        out.append(deeper + line)


def _heading(sec: m.Section) -> str:
    head = f"{sec.number}. {sec.kind}" if sec.number else sec.kind
    return f"{head}: {sec.title}" if sec.title else head


def _field_section(out: list[str], sec: m.FieldSection, indent: str = "") -> None:
    _comments(out, sec, "")
    out.append(_heading(sec))
    for f in sec.fields:
        _field(out, f, STEP)


def _prose_section(out: list[str], sec: m.ProseSection, indent: str = "") -> None:
    _comments(out, sec, "")
    out.append(_heading(sec))
    prev = None
    for b in sec.blocks:
        if isinstance(b, m.Paragraph):
            if isinstance(prev, m.Paragraph):
                out.append("")  # two paragraphs in a row: the blank line keeps them apart
            _paragraph(out, b, STEP, where=sec.kind)
        else:
            _item(out, b, STEP)
        prev = b


def _duty_section(out: list[str], sec: m.DutySection, indent: str = "") -> None:
    _comments(out, sec, "")
    out.append(_heading(sec))
    for f in sec.header:
        _statement(out, f, STEP)
    for d in sec.duties:
        _duty(out, d, STEP)


def _requirements_section(out: list[str], sec: m.RequirementsSection, indent: str = "") -> None:
    _comments(out, sec, "")
    out.append(_heading(sec))
    for e in sec.entries:
        RENDERERS[type(e)](out, e, STEP)


def _duty(out: list[str], d: m.Duty, indent: str) -> None:
    _comments(out, d, indent)
    number = d.number.strip()
    if not number or " " in number:
        raise UnwritableText(f"duty number {quoted(d.number)}")
    _text(out, number, d.text, indent, f"duty {number}", item_level=True)
    for r in d.results:
        _item(out, r, indent + STEP)


def _competencies(out: list[str], e: m.Competencies, indent: str) -> None:
    _comments(out, e, indent)
    out.append(f"{indent}kompetentsid: {e.title}" if e.title else f"{indent}kompetentsid:")
    for g in e.groups:
        _group(out, g, indent + STEP)


def _group(out: list[str], g: m.CompetencyGroup, indent: str) -> None:
    _comments(out, g, indent)
    out.append(f"{indent}{g.name}:")
    for it in g.items:
        _item(out, it, indent + STEP)


def _additional(out: list[str], e: m.AdditionalCompetencies, indent: str) -> None:
    _comments(out, e, indent)
    out.append(f"{indent}lisakompetentsid: {e.title}" if e.title else f"{indent}lisakompetentsid:")
    for it in e.items:
        _item(out, it, indent + STEP)


def _paragraph(out: list[str], p: m.Paragraph, indent: str, where: str = "paragraph") -> None:
    _comments(out, p, indent)
    for line in p.text.split("\n"):
        _check_line(line, where, item_level=True)
        out.append(indent + line)


def _field(out: list[str], f: m.Field, indent: str) -> None:
    if f.in_prose:
        _statement(out, f, indent)
        return
    key = f.key.strip()
    if (
        not key
        or key != f.key
        or ":" in key
        or key[0] in "#-"
        or "\n" in key
        or key.startswith("> ")
        or key == ">"
        or vocabulary.labelled_key(key)
    ):
        raise UnwritableText(f"field name {quoted(f.key)}")
    head = key
    if f.label:
        label = f.label
        if label != label.strip() or any(c in label for c in '":\n\r\t'):
            raise UnwritableText(
                f"field label {quoted(label)}: no surrounding spaces, no '\"', ':' or line break"
            )
        head = f'{key} "{label}"'
    _comments(out, f, indent)
    _text(out, f"{head}:", f.value, indent, key if len(key) <= QUOTED else key[:QUOTED] + "…")


def statement_text(f: m.Field) -> str:
    """A `> ` statement's text as written after the mark: the words with the field stated
    in them as `{key: value}` (for a field with `in_prose`)."""
    if f.key:
        value = f"{{{f.key}: {f.value}}}" if f.value else f"{{{f.key}:}}"
        return f.before + value + f.after
    return f.before + f.value + f.after


def _statement(out: list[str], f: m.Field, indent: str) -> None:
    """`> ` and the document's words; a field stated in them as `{key: value}`."""
    from ajtui.format.parser import read_statement

    if not f.key and (f.before or f.after):
        raise UnwritableText("a statement that states no field has its text as the value")
    text = statement_text(f)
    back = read_statement(text)
    if f.label or (back.key, back.value, back.before, back.after) != (
        f.key,
        f.value,
        f.before,
        f.after,
    ):
        raise UnwritableText(
            f"statement {quoted(text)} would not read back as written (a field "
            "stated in prose is its first '{key: value}'; a key has no "
            "':', braces or line break; a value no braces or surrounding "
            "spaces; a statement has no label)"
        )
    _comments(out, f, indent)
    _text(out, ">", text, indent, f.key or "statement")


def _item(out: list[str], it: m.Item, indent: str) -> None:
    _comments(out, it, indent)
    _text(out, "-", it.text, indent, "item")


#: The one place that knows how each node type is written (as mdformat's DEFAULT_RENDERERS):
#: a function of the lines so far, the node and its indentation. Sections are written at
#: column 0 whatever the indentation.
RENDERERS: dict[type, Callable[[list[str], Any, str], None]] = m.TypeTable(
    {
        m.FieldSection: _field_section,
        m.ProseSection: _prose_section,
        m.DutySection: _duty_section,
        m.RequirementsSection: _requirements_section,
        m.Field: _field,
        m.Item: _item,
        m.Paragraph: _paragraph,
        m.Duty: _duty,
        m.Competencies: _competencies,
        m.CompetencyGroup: _group,
        m.AdditionalCompetencies: _additional,
    }
)


def render_node(node: m.Node, indent: str = "") -> list[str]:
    """The canonical lines of one node at `indent`: its comments, its own lines and its
    children, as `dumps` writes them (without a trailing newline). Sections are always at
    column 0. Raises UnwritableText as `dumps` does. Used by `ajtui.ops.edit` to re-render only
    the nodes an edit changed."""
    try:
        render = RENDERERS[type(node)]
    except TypeError:
        raise TypeError(f"cannot render {type(node).__name__}") from None
    out: list[str] = []
    render(out, node, indent)
    return out


# --- writing files -------------------------------------------------------------------------


def dump(doc: m.Document, path: str | Path) -> None:
    """Write `doc` canonically through `ajtui.base.writing` (locked, atomic, through symlinks,
    owner kept); refuse if the text would not read back as the same document (as
    mdformat does)."""
    text = dumps(doc)
    from ajtui.format.parser import loads

    if loads(text) != doc:
        raise UnwritableText("the written text would not read back as the same document")
    from ajtui.base.reading import MAX_FILE_BYTES
    from ajtui.base.writing import write_text

    write_text(path, text, limit=MAX_FILE_BYTES)
